"""One Nash equilibrium of a larger N-player game by following the logit path.

The logit quantal response equilibria ``x(lam)`` of McKelvey and Palfrey (1995) solve

    ``x_ij = exp(lam * u_ij(x)) / sum_k exp(lam * u_ik(x))``,

start at the centroid for ``lam = 0`` and, for a generic game, form a smooth path whose limit
as ``lam -> infinity`` is a Nash equilibrium (the "tracing procedure" of the logit homotopy;
Turocy 2005). The path is followed in the unknowns ``(log x, lam)`` by pseudo-arclength
continuation: an Euler predictor along the tangent (the null vector of the Jacobian) and Newton
correctors, with the step adapted to the corrector's progress, so turning points in ``lam``
are passed (Allgower and Georg 1990).

At the end of the path the support is read off and the equilibrium is *refined*: the
indifference equations of that support are solved exactly when they are small
(:func:`~govgames.games.nplayer.polynomial.solve_support`), and otherwise by Newton's method
in floating point; the result is checked against every pure deviation.

References
----------
.. [1] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
   *Games and Economic Behavior* 10 (1995), 6-38.
.. [2] T. L. Turocy, "A dynamic homotopy interpretation of the logistic quantal response
   equilibrium correspondence", *Games and Economic Behavior* 51 (2005), 243-263.
.. [3] E. L. Allgower and K. Georg, *Numerical Continuation Methods*, Springer, 1990.
"""

from __future__ import annotations

import numpy as np

from ..deprecation import renamed_argument
from ..equilibrium import Equilibrium
from ..errors import InputError
from ..game import NormalFormGame

__all__ = ["PathFollowingError", "logit_path_equilibrium", "regret"]


class PathFollowingError(RuntimeError):
    """The logit path could not be followed to an equilibrium within the step budget."""


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


class _Path:
    def __init__(self, U):
        self.U = U
        self.n = U.shape[0]
        self.shape = U.shape[1:]
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)])
        self.dim = int(self.offsets[-1])

    def split(self, z):
        return [z[self.offsets[i]:self.offsets[i + 1]] for i in range(self.n)]

    def H(self, v):
        z, lam = v[:-1], v[-1]
        zs = self.split(z)
        xs = [np.exp(zi) for zi in zs]
        us = _payoff_vectors(self.U, xs)
        out = []
        for zi, xi, ui in zip(zs, xs, us):
            out.append(zi[1:] - zi[0] - lam * (ui[1:] - ui[0]))
            out.append([xi.sum() - 1.0])
        return np.concatenate(out)

    def J(self, v):
        z, lam = v[:-1], v[-1]
        zs = self.split(z)
        xs = [np.exp(zi) for zi in zs]
        J = np.zeros((self.dim, self.dim + 1))
        row = 0
        for i in range(self.n):
            a = self.shape[i]
            oi = self.offsets[i]
            ui = _contract(self.U[i], xs, (i,))
            # d/dz_i of own equations
            J[row:row + a - 1, oi + 1:oi + a] = np.eye(a - 1)
            J[row:row + a - 1, oi] = -1.0
            for k in range(self.n):
                if k == i:
                    continue
                keep = (min(i, k), max(i, k))
                M = _contract(self.U[i], xs, keep)  # axes in increasing player order
                if i > k:
                    M = M.T  # rows: own strategies of i, columns: strategies of k
                D = (M[1:] - M[0]) * xs[k]  # chain rule dx/dz = x
                ok = self.offsets[k]
                J[row:row + a - 1, ok:ok + self.shape[k]] = -lam * D
            J[row:row + a - 1, -1] = -(ui[1:] - ui[0])
            J[row + a - 1, oi:oi + a] = xs[i]
            row += a
        return J


def _tangent(J, prev):
    # null vector of the (dim x dim+1) Jacobian, oriented like the previous tangent
    _, _, Vt = np.linalg.svd(J)
    t = Vt[-1]
    if prev is not None and t @ prev < 0:
        t = -t
    return t


def _normalised(game: NormalFormGame) -> np.ndarray:
    U = np.array(game.numeric_payoffs(), dtype=float)
    for i in range(U.shape[0]):
        lo, hi = U[i].min(), U[i].max()
        U[i] = (U[i] - lo) / (hi - lo) if hi > lo else 0.0
    return U


def _trace(U, lam_max, max_steps, tol):
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging corrector is caught below
        return _trace_steps(U, lam_max, max_steps, tol)


def _trace_steps(U, lam_max, max_steps, tol):
    path = _Path(U)
    v = np.concatenate([np.concatenate([np.full(a, -np.log(a)) for a in path.shape]), [0.0]])
    t = _tangent(path.J(v), None)
    if t[-1] < 0:
        t = -t
    h = 0.03
    for _ in range(max_steps):
        if v[-1] >= lam_max:
            return path, v
        w = v + h * t
        ok = False
        for _it in range(8):
            Hw = path.H(w)
            Jw = path.J(w)
            # Newton step in the hyperplane orthogonal to the tangent (pseudo-arclength)
            A = np.vstack([Jw, t])
            b = np.concatenate([Hw, [0.0]])
            try:
                d = np.linalg.solve(A, b)
            except (np.linalg.LinAlgError, ValueError):
                break
            w = w - d
            if not np.all(np.isfinite(w)):
                break
            if np.linalg.norm(d) < tol * (1 + np.linalg.norm(w)):
                ok = np.linalg.norm(path.H(w)) < 1e-8
                break
        if not ok or np.linalg.norm(w - v) > 4 * h:
            h *= 0.5
            if h < 1e-10:
                raise PathFollowingError("the logit path could not be continued (step size "
                                         "underflow); the game may be degenerate")
            continue
        t = _tangent(path.J(w), t)
        v = w
        h = min(h * 1.5, max(1.0, 0.2 * v[-1]))
    raise PathFollowingError(f"the logit path did not reach lambda={lam_max:g} in "
                             f"{max_steps} steps")


def _newton_polish(U, xs, support, iters=30):
    """Solve the indifference equations of ``support`` by Newton's method from ``xs``."""
    ys = [x[list(S)] / x[list(S)].sum() for x, S in zip(xs, support)]

    def full(ys):
        out = []
        for x, S, y in zip(xs, support, ys):
            f = np.zeros_like(x)
            f[list(S)] = y
            out.append(f)
        return out

    def F(flat):
        parts = np.split(flat, np.cumsum([len(S) for S in support])[:-1])
        fx = full(parts)
        us = _payoff_vectors(U, fx)
        res = []
        for i, S in enumerate(support):
            u = us[i][list(S)]
            res.append(u[1:] - u[0])
            res.append([parts[i].sum() - 1])
        return np.concatenate(res)

    v = np.concatenate(ys)
    for _ in range(iters):
        r = F(v)
        if np.linalg.norm(r) < 1e-14:
            break
        eps = 1e-7
        Jm = np.empty((len(r), len(v)))
        for k in range(len(v)):
            e = np.zeros_like(v)
            e[k] = eps
            Jm[:, k] = (F(v + e) - F(v - e)) / (2 * eps)
        d = np.linalg.lstsq(Jm, r, rcond=None)[0]
        v = v - d
    parts = np.split(v, np.cumsum([len(S) for S in support])[:-1])
    return full(parts)


def logit_path_equilibrium(game: NormalFormGame, lam_max: float = 1e6, max_steps: int = 20000,
                           tol: float = 1e-9, exact: bool | None = None, *,
                           closed_form: bool | None = None) -> Equilibrium:
    """One Nash equilibrium of an N-player game by following the logit path.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (payoffs of each player are rescaled to [0, 1] internally).
    lam_max : float
        Precision parameter at which the path is left (on the rescaled payoffs).
    max_steps : int
        Budget of continuation steps.
    tol : float
        Largest gain from a pure deviation (on the rescaled payoffs) accepted for the refined
        equilibrium.
    closed_form : bool, default True
        Try to solve the final support's equations exactly (a rational or algebraic result,
        see :mod:`~govgames.games.nplayer.polynomial`); ``False`` refines by Newton's method in
        floating point only.
    exact : bool, optional
        Deprecated name of ``closed_form`` (it warns).

    Returns
    -------
    Equilibrium
        Its notes say whether the profile is exact or floating point, and the regret.

    Raises
    ------
    PathFollowingError
        The path could not be followed, or its end could not be refined to ``tol``.
    InputError
        The game has free parameters or is not a NormalFormGame.
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
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"expected a NormalFormGame, got {type(game).__name__}")
    U = _normalised(game)
    path, v = _trace(U, lam_max, max_steps, 1e-10)
    xs = [np.exp(z) for z in path.split(v[:-1])]
    # best responses at the end of the path form the support
    support = tuple(tuple(int(s) for s in np.flatnonzero(x > 1e-6 * x.max())) for x in xs)
    if renamed_argument(closed_form, exact, old="exact", new="closed_form",
                        where="logit_path_equilibrium", default=True):
        from .enumerate import to_equilibrium
        from .polynomial import BudgetExceeded, integer_payoffs, solve_support
        from .supports import bezout_number
        if bezout_number([len(S) for S in support]) <= 64:
            try:
                sol = solve_support(integer_payoffs(game.exact_payoffs()), support,
                                    limits=(500, 2000, 4000))
            except BudgetExceeded:
                sol = None
            if sol is not None and sol.points:
                best = min(sol.points, key=lambda p: max(
                    float(np.abs(np.asarray(a) - b).max()) for a, b in zip(p.to_floats(), xs)))
                e = to_equilibrium(game, best)
                note = "found by logit path following; refined exactly on its support"
                return Equilibrium(e.players, e.strategies, e.profile, e.payoffs, e.exact_profile,
                                   e.exact_payoffs, e.notes + (note,))
    ys = _newton_polish(U, xs, support)
    r = regret(U, ys) if all(np.all(y >= -1e-12) for y in ys) else np.inf
    if not r <= tol:
        ys, r = xs, regret(U, xs)
        if not r <= max(tol, 1e-6):
            raise PathFollowingError(f"the end of the logit path is not an equilibrium within "
                                     f"{tol:g} (regret {r:.3g})")
    ys = [np.clip(y, 0, None) / np.clip(y, 0, None).sum() for y in ys]
    note = (f"found by logit path following, floating point (largest gain from a deviation "
            f"{r:.2g} of each player's payoff range)")
    return Equilibrium.from_game_profile(game.players, game.strategies, ys, game.payoff(ys),
                                         notes=(note,))
