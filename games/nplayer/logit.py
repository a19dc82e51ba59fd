"""One Nash equilibrium of a larger N-player game by following the logit path.

The logit quantal response equilibria ``x(lam)`` of McKelvey and Palfrey (1995) solve

    ``x_ij = exp(lam * u_ij(x)) / sum_k exp(lam * u_ik(x))``,

start at the centroid for ``lam = 0`` and, for a generic game, form a smooth path whose limit
as ``lam -> infinity`` is a Nash equilibrium (the "tracing procedure" of the logit homotopy;
Turocy 2005). The path is followed in the unknowns ``(log x, lam)`` by pseudo-arclength
continuation: an Euler predictor along the tangent (the null vector of the Jacobian) and Newton
correctors, with the step length adapted to the corrector's first step and contraction rate
(Allgower and Georg 1990, sec. 6.1), so turning points in ``lam`` are passed. Steps that turn
the tangent sharply are refused, which keeps the tracer from jumping to another branch. Each
predictor-corrector step runs in a compiled kernel (``_logit_kernel``, numba): the
expected payoffs of every player and all their derivatives come from one pass over the pure
profiles.

*Refinement.* The indifference equations of the support are solved by Newton's method in the
log-probabilities (two last steps evaluated in extended precision), and the result is checked
against every pure deviation. When the support's equations have at most ``closed_form_limit``
complex solutions (Bezout number; 2 by default: linear or quadratic equations, solved in about
a millisecond) they are also solved exactly
(:func:`~govgames.games.nplayer.polynomial.solve_support`), giving a rational or algebraic
equilibrium.

References
----------
.. [1] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
   *Games and Economic Behavior* 10 (1995), 6-38.
.. [2] T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal response
   equilibrium correspondence", *Games and Economic Behavior* 51 (2005), 243-263.
.. [3] E. L. Allgower and K. Georg, *Numerical Continuation Methods*, Springer, 1990.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np

from ..budget import Deadline, check_seconds
from ..deprecation import renamed_argument
from ..equilibrium import Equilibrium
from ..errors import InputError
from ..game import NormalFormGame

__all__ = ["PathFollowingError", "logit_path_equilibrium", "logit_path_seconds", "regret"]


class PathFollowingError(RuntimeError):
    """The logit path could not be followed to an equilibrium within the step budget."""


#: Continuation steps a path typically takes (330-620 measured on random games of 2-4
#: players with 16-400 strategies in all), for the estimate of :func:`logit_path_seconds`.
TYPICAL_STEPS = 600


def logit_path_seconds(shape) -> float:
    """Estimated CPU seconds of the logit path of a game with ``shape`` strategies per player.

    Each step solves a dense system of the total number of strategies (about 0.6 ns times its
    cube, measured) and builds the Jacobian from every pure profile (about 5 ns per profile and
    pair of players), plus 0.5 ms of overhead; a path takes about :data:`TYPICAL_STEPS` steps.

    >>> logit_path_seconds((2, 2)) < 1, logit_path_seconds((10, 2000)) > 1000
    (True, True)
    """
    dim = float(sum(shape))
    profiles = float(np.prod([float(a) for a in shape]))
    n = len(shape)
    return TYPICAL_STEPS * (0.6e-9 * dim ** 3 + 5e-9 * n * n * profiles + 5e-4)


def _contract(U: np.ndarray, xs: list, keep: tuple) -> np.ndarray:
    """Contract every axis of ``U`` except those in ``keep`` with the mixed strategies ``xs``."""
    ops: list = [U, list(range(U.ndim))]
    for ax in range(U.ndim):
        if ax not in keep:
            ops += [xs[ax], [ax]]
    if len(ops) == 2:
        return U
    if U.size > 1 << 16:  # contract axis by axis: linear, not multiplicative, work
        out = U
        for ax in reversed(range(U.ndim)):
            if ax not in keep:
                out = np.tensordot(out, xs[ax], axes=([ax], [0]))
        return out
    return np.einsum(*ops, sorted(keep))


def _payoff_vectors(U: np.ndarray, xs: list) -> list:
    """``u_i(s, x_-i)`` for every player ``i`` and pure strategy ``s``."""
    return [_contract(U[i], xs, (i,)) for i in range(len(xs))]


def regret(payoffs: np.ndarray, xs: list) -> float:
    """Largest gain of any player from a pure deviation at the mixed profile ``xs``.

    Parameters
    ----------
    payoffs : numpy.ndarray, shape (n_players, a_1, ..., a_n)
    xs : list of numpy.ndarray
        Mixed strategy of each player.

    Returns
    -------
    float
        ``max_i (max_s u_i(s, x_-i) - u_i(x))``; zero exactly at an equilibrium.

    Examples
    --------
    >>> U = np.array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], dtype=float)  # matching pennies
    >>> regret(U, [np.array([0.5, 0.5])] * 2), regret(U, [np.array([1., 0.]), np.array([1., 0.])])
    (0.0, 1.0)
    """
    vals = _payoff_vectors(np.asarray(payoffs, dtype=float), xs)
    return float(max(v.max() - v @ x for v, x in zip(vals, xs)))


class _System:
    """Index arrays and work space of the compiled kernels for one game (or support game)."""

    def __init__(self, U: np.ndarray):
        n = U.shape[0]
        self.shape = U.shape[1:]
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(np.int64)
        dim = self.dim = int(self.offsets[-1])
        ntot = int(np.prod(self.shape))
        # cols[j, p]: stacked index of the strategy player j uses in pure profile p
        self.cols = np.ascontiguousarray(np.indices(self.shape).reshape(n, ntot)
                                         + self.offsets[:-1, None], dtype=np.int64)
        self.flat = np.ascontiguousarray(U.reshape(n, ntot), dtype=np.float64)
        owner = np.repeat(np.arange(n), self.shape)
        self.base, self.end = self.offsets[owner], self.offsets[owner + 1]
        self.C = np.zeros((dim, dim))
        self.H = np.zeros(dim)
        self.J = np.zeros((dim, dim + 1))

    def split(self, z: np.ndarray) -> list:
        return [z[self.offsets[i]:self.offsets[i + 1]] for i in range(len(self.shape))]

    def args(self) -> tuple:
        return self.cols, self.flat, self.base, self.end, self.C, self.H, self.J


def _kernels():
    from . import _logit_kernel

    return _logit_kernel


def _support_of(x: np.ndarray, ratio: float) -> tuple:
    return tuple(int(s) for s in np.flatnonzero(x >= ratio * x.max()))


def _refine(U: np.ndarray, xs: list, support: tuple, iters: int = 30):
    """Solve the indifference equations of ``support`` by Newton's method from ``xs``.

    The unknowns are the log-probabilities of the support strategies, so every iterate keeps
    the support. Two last steps evaluate the equations in extended precision
    (``numpy.longdouble``), so the result is as close to the exact solution as a float can be.
    Returns the full profile, or None when Newton's method fails.
    """
    U_sub = U[(slice(None),) + np.ix_(*support)]
    sub = _System(U_sub)
    z = np.concatenate([np.log(x[list(S)] / x[list(S)].sum()) for x, S in zip(xs, support)])
    K = _kernels()
    if K.newton_support(z, iters, *sub.args(), np.zeros((sub.dim, sub.dim))) < 0:
        return None
    zl, Ul = z.astype(np.longdouble), U_sub.astype(np.longdouble)
    for _ in range(2):
        K.system(z, 0.0, True, *sub.args())
        parts = [np.exp(zi) for zi in sub.split(zl)]
        res = []
        for x, u in zip(parts, _payoff_vectors(Ul, parts)):
            res += [np.array([x.sum() - 1]), u[1:] - u[0]]
        try:
            zl = zl - np.linalg.solve(sub.J[:, :-1], np.concatenate(res).astype(float))
        except np.linalg.LinAlgError:
            break
        z = zl.astype(float)
    out = []
    for x, S, zi in zip(xs, support, sub.split(zl)):
        y = np.zeros(len(x), dtype=np.longdouble)
        y[list(S)] = np.exp(zi)
        out.append((y / y.sum()).astype(float))
    return out


def _certified(U: np.ndarray, xs: list, support: tuple, tol: float):
    """The refinement of ``xs`` on ``support`` and its regret, if the regret is at most tol."""
    ys = _refine(U, xs, support)
    if ys is None:
        return None, np.inf
    r = regret(U, ys)
    return (ys, r) if r <= tol else (None, r)


#: Step control of the continuation (Allgower and Georg 1990, sec. 6.1): corrector tolerance,
#: largest first Newton step, largest contraction rate, Newton steps, largest step growth.
CORRECTOR = dict(tol=1e-4, max_dist=0.4, max_contr=0.6, max_iter=10)
MAX_ACCELERATION = 2.0
#: A step is also refused when the tangent turns by more than about 25 degrees (the cosine of
#: the angle between successive tangents is below this) or the corrector moves the point
#: further than the step length: both are marks of a jump to another branch of the path.
MIN_COSINE = 0.9


class _Trace:
    """Pseudo-arclength continuation of the logit equations from the centroid at ``lam = 0``."""

    def __init__(self, U: np.ndarray):
        self.sys = _System(U)

    def start(self):
        s = self.sys
        z = np.concatenate([np.full(a, -np.log(a)) for a in s.shape])
        _kernels().system(z, 0.0, False, *s.args())
        t = np.linalg.svd(s.J)[2][-1]
        return np.append(z, 0.0), (-t if t[-1] < 0 else t)

    def run(self, lam_max: float, max_steps: int):
        K, s = _kernels(), self.sys
        v, t = self.start()
        A, d, w, t_new = (np.zeros((s.dim + 1, s.dim + 1)), np.zeros(s.dim + 1),
                          np.zeros(s.dim + 1), np.zeros(s.dim + 1))
        c = CORRECTOR
        h = 0.03
        deadline = Deadline("the logit path", "method 'pure' lists the pure equilibria")
        for step in range(max_steps):
            deadline.check(lambda: f"{step + 1} steps and reached lambda={v[-1]:.3g} of "
                           f"{lam_max:g}")
            if v[-1] >= lam_max:
                return v
            status, decel = K.corrector_step(v, t, h, c["tol"], c["max_dist"], c["max_contr"],
                                             c["max_iter"], *s.args(), A, d, w)
            if (status != K.ACCEPTED or not K.tangent(s.J, t, A, t_new)
                    or t_new @ t < MIN_COSINE or np.linalg.norm(w - v) > 2.0 * h):
                h *= 0.5
                if h < 1e-10:
                    raise PathFollowingError("the logit path could not be continued (step size "
                                             "underflow); the game may be degenerate")
                continue
            v, t = w.copy(), t_new.copy()
            h = min(h / min(max(decel, 1.0 / MAX_ACCELERATION), 2.0), max(1.0, 0.2 * v[-1]))
        raise PathFollowingError(f"the logit path did not reach lambda={lam_max:g} in "
                                 f"{max_steps} steps")


def _normalised(game: NormalFormGame) -> np.ndarray:
    U = np.array(game.numeric_payoffs(), dtype=float)
    for i in range(U.shape[0]):
        lo, hi = U[i].min(), U[i].max()
        U[i] = (U[i] - lo) / (hi - lo) if hi > lo else 0.0
    return U


def _integral(P: np.ndarray) -> bool:
    """True for a numeric array of integers below ``2**53`` (each entry is its own exact value)."""
    if P.dtype.kind in "iu":
        return bool(np.abs(P).max(initial=0) < 2**53)
    return (P.dtype.kind == "f" and bool(np.all(np.abs(P) < 2**53))
            and bool(np.all(P == np.round(P))))


def _exact_entries(game: NormalFormGame, index: tuple) -> np.ndarray:
    """Exact payoffs ``payoffs[index]`` (Python ints read directly from an integral array)."""
    P = game.payoff_array
    if _integral(P):
        return P[index].astype(np.int64).astype(object)
    return game.exact_payoffs()[index]


def _integer_payoffs(game: NormalFormGame) -> list:
    """Each player's exact payoffs scaled to integers."""
    from .polynomial import integer_payoffs

    if _integral(game.payoff_array):
        return list(_exact_entries(game, (slice(None),)))
    return integer_payoffs(game.exact_payoffs())


def _rational_equilibrium(game: NormalFormGame, probs: list, note: str) -> Equilibrium:
    """An exact rational profile with its exact payoffs (summed over its support only)."""
    support = [[k for k, p in enumerate(row) if p] for row in probs]
    exact = _exact_entries(game, (slice(None),) + np.ix_(*support))
    pays = []
    for i in range(game.n_players):
        out = exact[i]
        for j in reversed(range(game.n_players)):
            out = out.dot(np.array([probs[j][k] for k in support[j]], dtype=object))
        pays.append(Fraction(out))
    return Equilibrium.from_game_profile(game.players, game.strategies, probs,
                                         [float(x) for x in pays], probs, pays, notes=(note,))


def _closed_form(game: NormalFormGame, support: tuple, ys: list, limit: int):
    """The equilibrium of ``support`` nearest ``ys`` solved exactly, when the support's
    equations have at most ``limit`` complex solutions (else, or on failure, None)."""
    from .enumerate import to_equilibrium
    from .polynomial import BudgetExceeded, solve_support
    from .supports import bezout_number

    if bezout_number([len(S) for S in support]) > limit:
        return None
    try:
        sol = solve_support(_integer_payoffs(game), support, limits=(500, 2000, 4000))
    except BudgetExceeded:
        return None
    if not sol.points:
        return None
    best = min(sol.points, key=lambda p: max(
        float(np.abs(np.asarray(a) - b).max()) for a, b in zip(p.to_floats(), ys)))
    note = "found by logit path following; refined exactly on its support"
    if best.degree == 1:
        probs = [[c[0] if c else Fraction(0) for c in row] for row in best.coordinates]
        return _rational_equilibrium(game, probs, note)
    e = to_equilibrium(game, best)
    return replace(e, notes=e.notes + (note,))


def _check_number(name: str, value, strict: bool) -> None:
    """InputError naming ``name`` unless ``value`` is a finite number > 0 (``strict``) or >= 0."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)) \
            or not np.isfinite(value) or value < 0 or (strict and value == 0):
        kind = "positive" if strict else "non-negative"
        raise InputError(f"logit_path_equilibrium: {name} must be a {kind} finite number, "
                         f"got {value!r}")


def logit_path_equilibrium(game: NormalFormGame, lam_max: float = 1e6, max_steps: int = 20000,
                           tol: float = 1e-9, exact: bool | None = None, *,
                           closed_form: bool | None = None,
                           closed_form_limit: int = 2) -> Equilibrium:
    """One Nash equilibrium of an N-player game by following the logit path.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (payoffs of each player are rescaled to [0, 1] internally).
    lam_max : float
        Precision parameter at which the path is left at the latest (on the rescaled payoffs).
    max_steps : int
        Budget of continuation steps.
    tol : float
        Largest gain from a pure deviation (on the rescaled payoffs) accepted for the refined
        equilibrium.
    closed_form : bool, default True
        Try to solve the final support's equations exactly when they are small (a rational or
        algebraic result, see :mod:`~govgames.games.nplayer.polynomial` and
        ``closed_form_limit``); ``False`` refines by Newton's method in floating point only.
    exact : bool, optional
        Deprecated name of ``closed_form`` (it warns).
    closed_form_limit : int, default 2
        The closed form is tried only when the support's equations have at most this many
        complex solutions (:func:`~govgames.games.nplayer.supports.bezout_number`); larger
        supports are refined in floating point. Exact solution of larger supports can take from
        milliseconds to seconds (up to 64 was the rule before).
    Returns
    -------
    Equilibrium
        Its notes say whether the profile is exact or floating point, and the regret. A closed
        form is in ``exact_profile`` when rational, in ``algebraic_profile`` (an
        :class:`~govgames.games.nplayer.algebraic.AlgebraicProfile`, as in
        :func:`~govgames.games.nplayer.enumerate_equilibria`) when irrational.

    Raises
    ------
    PathFollowingError
        The path could not be followed, or its end could not be refined to ``tol``.
    BudgetError
        Before the path starts, when :func:`logit_path_seconds` is over the time budget
        (:mod:`govgames.games.budget`, 30 s unless raised); during it, when the path has run
        longer than that budget.
    InputError
        The game has free parameters or is not a NormalFormGame, ``lam_max`` is not a
        positive finite number, ``tol`` not a non-negative one, ``max_steps`` not a positive
        integer, or ``closed_form_limit`` not an integer >= 0.
    TypeError
        When both ``closed_form`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    References
    ----------
    McKelvey and Palfrey (1995); Turocy (2005); Allgower and Georg (1990).

    Examples
    --------
    In three-player matching pennies the path ends at the unique equilibrium, all mixing 1/2:

    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    >>> print(logit_path_equilibrium(g))
    Player 1: 1/2 s1 + 1/2 s2; Player 2: 1/2 s1 + 1/2 s2; Player 3: 1/2 s1 + 1/2 s2
    (payoffs 1/2, 1/2, 1/2)

    A random 4x4x4 game: at the end of the path player 3 is pure and the others mix over two
    strategies, so the equations are linear and the equilibrium is rational; with
    ``closed_form=False`` the same equilibrium is refined in floating point:

    >>> h = NormalFormGame(np.random.default_rng(1).integers(-9, 10, size=(3, 4, 4, 4)))
    >>> e = logit_path_equilibrium(h)
    >>> [[str(p) for p in row] for row in e.exact_profile]
    [['12/13', '0', '0', '1/13'], ['0', '5/6', '1/6', '0'], ['0', '0', '1', '0']]
    >>> f = logit_path_equilibrium(h, closed_form=False)
    >>> bool(max(np.abs(a - b).max() for a, b in zip(e.profile, f.profile)) < 1e-15)
    True
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"expected a NormalFormGame, got {type(game).__name__}")
    if isinstance(closed_form_limit, bool) or not isinstance(closed_form_limit, (int, np.integer)) \
            or closed_form_limit < 0:
        raise InputError(f"logit_path_equilibrium: closed_form_limit must be an integer >= 0, "
                         f"got {closed_form_limit!r}")
    _check_number("lam_max", lam_max, strict=True)
    _check_number("tol", tol, strict=False)
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
        raise InputError(f"logit_path_equilibrium: max_steps must be a positive integer, "
                         f"got {max_steps!r}")
    U = _normalised(game)     # raises FreeParametersError first
    shape = game.shape
    check_seconds(logit_path_seconds(shape), "following the logit path of a "
                  f"{'x'.join(map(str, shape))} game (about {TYPICAL_STEPS} steps, each a dense "
                  f"solve of size {sum(shape)})", "method 'pure' lists the pure equilibria; "
                  "iterated_elimination may make the game smaller")
    path = _Trace(U)
    xs = [np.exp(z) for z in path.sys.split(path.run(lam_max, max_steps)[:-1])]
    # best responses at the end of the path form the support
    support = tuple(_support_of(x, 1e-6) for x in xs)
    ys, r = _certified(U, xs, support, tol)
    if ys is None:
        ys, r = xs, regret(U, xs)
        if not r <= max(tol, 1e-6):
            raise PathFollowingError(f"the end of the logit path is not an equilibrium "
                                     f"within {tol:g} (regret {r:.3g})")
    if renamed_argument(closed_form, exact, old="exact", new="closed_form",
                        where="logit_path_equilibrium", default=True):
        e = _closed_form(game, support, ys, closed_form_limit)
        if e is not None:
            return e
    ys = [np.clip(y, 0, None) / np.clip(y, 0, None).sum() for y in ys]
    note = (f"found by logit path following, floating point (largest gain from a deviation "
            f"{r:.2g} of each player's payoff range)")
    return Equilibrium.from_game_profile(game.players, game.strategies, ys, game.payoff(ys),
                                         notes=(note,))
