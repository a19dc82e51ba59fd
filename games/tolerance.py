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

Which rule each solver applies (a payoff ``1e-300`` above ``0`` is the test case):

* **Exact payoffs** (fractions, or integers beyond ``2**53``, or any payoff a float cannot hold,
  such as ``1/3`` in a file: :meth:`~govgames.games.game.NormalFormGame.exact_payoffs`) with
  ``tol=None``, the default: every comparison is exact in
  :func:`~govgames.games.pure.pure_nash_equilibria` and ``nash_equilibria(method="pure")``,
  :func:`~govgames.games.verify.is_equilibrium`, ``profitable_deviations`` and
  ``best_response`` (for a profile without float probabilities) and the dominance functions
  of :mod:`govgames.games.dominance` (mixed domination by an exact LP up to
  ``MAX_EXACT_LP_ENTRIES``). A ``tol`` given explicitly is applied as for floats.
* **Always exact**, whatever the payoffs: the 2-player solvers (vertex and support
  enumeration, Lemke-Howson), the N-player ``"polynomial"`` method and
  :func:`~govgames.games.verify.is_equilibrium_exact`; they read a float as the decimal it
  prints as.
* **Float payoffs**: the pure solver, the equilibrium checks and dominance use ``tol`` as
  above; a difference below it is a tie. The pure solver then adds a note naming the listed
  profiles that are equilibria only because of such a tie (``govgames solve`` prints it on one
  line). ``"logit"`` is an approximation.
* Numbers too small for a float (``1e-400``) are refused by the readers
  (:func:`~govgames.games.numbers.exact_rational`), never rounded to a tie with ``0``.

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
