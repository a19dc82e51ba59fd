"""One tolerance policy for floating-point comparisons.

Every public function of :mod:`govgames.games` and :mod:`govgames.networks` that compares
floats takes a ``tol`` argument whose default is one of the named values below (as QuantEcon's
``NormalFormGame.tol``), so that a user can read and change the policy in one place. Exact
inputs (integers, Fractions, sympy rationals) are compared exactly wherever a function
documents it; ``tol`` only matters for floats.

* :data:`DEFAULT_TOL` (``1e-9``): comparisons of payoffs and coalition values: best
  responses, dominance, core and stability checks, efficiency, network formation. Relative to
  ``max(1, |value|)`` where a function says so.
* :data:`EQUILIBRIUM_TOL` (``1e-8``): the largest gain from a deviation accepted when a float
  profile is verified as an equilibrium, and the distance under which two float equilibria are
  the same.
* :data:`ZERO_PROBABILITY` (``1e-12``): a float probability at or below it is outside the
  support (for display and support listing; solvers decide supports exactly where they can).

Algorithm-internal thresholds (pivot sizes, rank cut-offs of an SVD, LP feasibility) are not
part of this policy: they are named where they are used and documented there.

Examples
--------
>>> from govgames.games.tolerance import DEFAULT_TOL, EQUILIBRIUM_TOL, ZERO_PROBABILITY
>>> DEFAULT_TOL, EQUILIBRIUM_TOL, ZERO_PROBABILITY
(1e-09, 1e-08, 1e-12)
"""

__all__ = ["DEFAULT_TOL", "EQUILIBRIUM_TOL", "ZERO_PROBABILITY"]

#: Default ``tol`` for comparing float payoffs and coalition values.
DEFAULT_TOL = 1e-9

#: Default ``tol`` for verifying a float profile as an equilibrium (largest deviation gain).
EQUILIBRIUM_TOL = 1e-8

#: Float probabilities at or below this are treated as zero (outside the support).
ZERO_PROBABILITY = 1e-12
