"""Mixed Nash equilibria of games with any number of players.

* :func:`enumerate_equilibria`: every equilibrium of a small game, by support enumeration and
  exact solution of each support's polynomial indifference equations (rational linear algebra
  when at most two players mix; otherwise Groebner bases and a rational univariate
  representation, through FLINT, after supports without equilibria are excluded by certified
  interval arithmetic); positive-dimensional sets of equilibria are reported as components.
* :func:`logit_path_equilibrium`: one equilibrium of a larger game, by following the logit
  quantal response path (McKelvey and Palfrey 1995) and refining its end.
* :func:`enumeration_cost` / :func:`too_large_reason`: the size of the enumeration, computed
  before it starts.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142.
.. [2] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
   *Games and Economic Behavior* 10 (1995), 6-38.
"""

from .algebraic import AlgebraicProfile
from .enumerate import (
    DEFAULT_MAX_COST,
    Component,
    PolynomialEnumeration,
    enumerate_equilibria,
    to_equilibrium,
    too_large_reason,
)
from .logit import PathFollowingError, logit_path_equilibrium, regret
from .polynomial import solve_support
from .supports import bezout_number, candidate_supports, enumeration_cost

__all__ = ["AlgebraicProfile", "DEFAULT_MAX_COST", "Component", "PolynomialEnumeration",
           "enumerate_equilibria", "to_equilibrium", "too_large_reason", "PathFollowingError",
           "logit_path_equilibrium", "regret", "solve_support", "bezout_number",
           "candidate_supports", "enumeration_cost"]
