"""Certificates: is a profile of continuous choices a Nash equilibrium?

A profile ``x`` is a Nash equilibrium when no player ``i`` gains by a unilateral deviation:
``u_i(z, x_-i) <= u_i(x)`` for every ``z`` in its choice set. With continuous choices this cannot
be checked by enumeration; :func:`is_equilibrium` checks it the way a careful referee would:

1. **global search**: each player's payoff on a fine grid of its own interval (``grid`` points;
   ``grid ** (1/d)`` per coordinate for a vector in a box), others fixed, all points evaluated in
   one vectorised call;
2. **local refinement** of the best grid point (bounded Brent search in one dimension, L-BFGS-B
   in a box), so the gain reported is not limited by the grid spacing;
3. the **Kuhn-Tucker residual** ``max |x - clip(x + du_i/dx_i, lo, hi)|`` (zero exactly at the
   points that satisfy the first-order conditions with corners) and the **second-order test**
   (the Hessian of the own payoff in the interior coordinates is negative semidefinite).

The profile passes when no gain exceeds ``tol * (1 + |u_i(x)|)``. The grid search is what makes
the certificate global within the grid resolution: a stationary point that is a local maximum
only (a Tullock contest with ``r > 2``, where dropping out pays) fails it, and the best deviation
found is reported.

References
----------
.. [1] J. Nocedal and S. J. Wright, *Numerical Optimization*, 2nd ed., Springer, 2006, ch. 12
   (first- and second-order optimality conditions with bounds).
.. [2] F. Facchinei and J.-S. Pang, *Finite-Dimensional Variational Inequalities and
   Complementarity Problems*, Springer, 2003, sec. 1.5 (the natural map).
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy import optimize

from ..errors import InputError
from .game import ContinuousGame
from .results import DeviationCheck, PlayerCheck

__all__ = ["is_equilibrium", "deviation_check", "DEFAULT_GRID", "DEFAULT_TOL",
           "search_window"]

#: grid points per player in the deviation search
DEFAULT_GRID = 2001

#: a deviation must gain more than ``DEFAULT_TOL * (1 + |payoff|)`` to count
DEFAULT_TOL = 1e-8

_REL = 1e-9  # relative distance to a bound that counts as "at the bound"


def search_window(lo, hi, x):
    """Finite interval searched for a coordinate with bounds ``[lo, hi]`` around ``x``.

    >>> search_window(0.0, float("inf"), 1.0)
    (0.0, 21.0)
    """
    span = 10.0 * (1.0 + abs(x))
    a = lo if np.isfinite(lo) else x - span
    b = hi if np.isfinite(hi) else x + span
    return a, b


def _status(lo, hi, x):
    scale = 1e-9 * (1 + abs(x))
    if np.isfinite(lo) and x - lo <= scale:
        return "lower"
    if np.isfinite(hi) and hi - x <= scale:
        return "upper"
    return "interior"


def _clean(v):
    v = np.asarray(v, dtype=float)
    return np.where(np.isnan(v), -np.inf, v)


def _player_check(num, i, x, grid, name):
    blk = num.blocks[i]
    d = len(blk)
    xi = x[blk]
    base = float(num.player_payoff(i, x, xi[:, None])[0])
    windows = [search_window(num.lo[k], num.hi[k], x[k]) for k in blk]
    per = max(3, int(round(grid ** (1.0 / d))))
    axes = [np.linspace(a, b, per) for a, b in windows]
    if d == 1:
        pts = axes[0][None, :]
    else:
        mesh = np.meshgrid(*axes, indexing="ij")
        pts = np.array([m.ravel() for m in mesh])
    vals = _clean(num.player_payoff(i, x, pts))
    j = int(np.argmax(vals))
    best_pt, best_val = pts[:, j].copy(), float(vals[j])
    # local refinement around the best grid point
    if np.isfinite(best_val):
        if d == 1:
            ax = axes[0]
            a = ax[max(j - 1, 0)]
            b = ax[min(j + 1, len(ax) - 1)]
            if b > a:
                f = lambda z: -float(_clean(num.player_payoff(i, x, np.array([[z]])))[0])
                # a payoff unbounded on the window overflows inside Brent's steps: the
                # result is still usable (a non-finite value is ignored below), the warnings
                # (thousands of lines over a solve) are not
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    res = optimize.minimize_scalar(
                        f, bounds=(a, b), method="bounded",
                        options={"xatol": 1e-13 * (1 + abs(a) + abs(b))})
                if np.isfinite(res.fun) and -res.fun > best_val:
                    best_pt, best_val = np.array([res.x]), float(-res.fun)
        else:
            bnds = windows
            f = lambda z: -float(_clean(num.player_payoff(i, x, z[:, None]))[0])
            try:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    res = optimize.minimize(f, best_pt, method="L-BFGS-B", bounds=bnds)
                if np.isfinite(res.fun) and -res.fun > best_val:
                    best_pt, best_val = np.asarray(res.x, dtype=float), float(-res.fun)
            except (ValueError, FloatingPointError):
                pass
    # the profile itself is always a candidate: the gain is never below 0 by search artefacts
    if not np.isfinite(base):
        gain = np.inf if np.isfinite(best_val) else np.nan
    else:
        gain = max(0.0, best_val - base) if np.isfinite(best_val) else 0.0
    # first- and second-order conditions
    status = tuple(_status(num.lo[k], num.hi[k], x[k]) for k in blk)
    g = num.grad(x)[blk] if num.K <= 400 or num.sym is not None else _grad_block(num, x, blk)
    kt = float(np.max(np.abs(xi - np.clip(xi + g, num.lo[blk], num.hi[blk]))))
    inner = [r for r, s in enumerate(status) if s == "interior"]
    so = None
    if inner:
        H = num.hessian_block(i, x)[np.ix_(inner, inner)]
        if np.all(np.isfinite(H)):
            ev = np.linalg.eigvalsh((H + H.T) / 2)
            so = bool(ev.max() <= 1e-7 * (1 + np.abs(H).max()))
    return PlayerCheck(name, xi.copy(), base, best_pt, best_val, float(gain), kt, so, status)


def _grad_block(num, x, blk):
    return num.grad(x)[blk]


def deviation_check(game: ContinuousGame, x, *, grid: int = DEFAULT_GRID, tol: float = DEFAULT_TOL,
                    players=None, notes=()) -> DeviationCheck:
    """The deviation check of a flat profile ``x`` (see :func:`is_equilibrium`).

    ``players``: indices to check (default all; a symmetric profile of a symmetric game needs
    only one, and the note says so).

    Examples
    --------
    >>> import numpy as np
    >>> from govgames.games.continuous import cournot
    >>> chk = deviation_check(cournot(2, a=10, b=1, c=1), np.array([3.0, 3.0]), grid=101)
    >>> bool(chk), chk.residual
    (True, 0.0)
    """
    num = game.numeric()
    x = np.asarray(x, dtype=float)
    idx = range(num.n) if players is None else players
    checks = []
    notes = list(notes)
    for i in idx:
        checks.append(_player_check(num, i, x, grid, game.players[i]))
    holds = all(c.gain <= tol * (1 + abs(c.payoff)) for c in checks
                if np.isfinite(c.payoff)) and all(np.isfinite(c.payoff) for c in checks)
    if any(not np.isfinite(c.payoff) for c in checks):
        bad = [c.player for c in checks if not np.isfinite(c.payoff)]
        notes.append(f"the payoff of {bad[0]} is undefined at the profile")
    if any(np.isnan(c.kt_residual) for c in checks):
        notes.append("a derivative is undefined at the profile (payoff not differentiable "
                     "there); the grid search still applies")
    infinite = [k for k in range(num.K) if not (np.isfinite(num.lo[k]) and np.isfinite(num.hi[k]))]
    if infinite:
        notes.append("unbounded choice sets are searched on a window of +-10(1+|x|) around the "
                     "profile")
    if not num.exact_derivatives:
        notes.append("derivatives by finite differences (the payoffs are a Python function)")
    if game.has_expressions and num.nonsmooth:
        i = next(iter(num.nonsmooth))
        notes.append(f"the payoff of {game.players[i]} is not differentiable everywhere "
                     f"({num.nonsmooth[i]} in its derivative)")
    return DeviationCheck(bool(holds), tuple(checks), float(tol), int(grid), tuple(notes))


def is_equilibrium(game: ContinuousGame, profile, *, grid: int = DEFAULT_GRID,
                   tol: float = DEFAULT_TOL) -> DeviationCheck:
    """Check whether a profile of continuous choices is a Nash equilibrium.

    Parameters
    ----------
    game : ContinuousGame
        With no free parameters.
    profile : sequence or dict
        One number per player (a sequence per player for vector choices), or ``{player: choice}``.
    grid : int
        Points of each player's deviation grid (default 2001).
    tol : float
        A deviation counts when it gains more than ``tol * (1 + |payoff|)``.

    Returns
    -------
    DeviationCheck
        Truthy when the profile passes; ``best_deviation`` gives ``(player, choice, gain)``,
        ``residual`` the Kuhn-Tucker residual, ``to_frame()`` one row per player.

    Raises
    ------
    InputError
        A choice outside its interval, free parameters, a malformed profile.

    References
    ----------
    Nocedal and Wright (2006), ch. 12; Facchinei and Pang (2003), sec. 1.5.

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> g = cournot(2, a=10, b=1, c=1)
    >>> bool(is_equilibrium(g, [3, 3]))
    True
    >>> chk = is_equilibrium(g, [2, 3])
    >>> bool(chk), chk.best_deviation[0], round(float(chk.best_deviation[1][0]), 6)
    (False, 'Firm 1', 3.0)
    """
    if not isinstance(game, ContinuousGame):
        raise InputError(f"is_equilibrium needs a ContinuousGame, got {type(game).__name__}")
    if not (isinstance(grid, (int, np.integer)) and 3 <= grid <= 10_000_000):
        raise InputError(f"grid must be an integer between 3 and 10,000,000, got {grid!r}")
    x = game.flat_profile(profile)
    players = None
    notes = []
    if game.is_symmetric_form and np.all(x == x[0]):
        players = [0]
        notes.append("symmetric profile of a symmetric game: one player's check covers all")
    return deviation_check(game, x, grid=int(grid), tol=float(tol), players=players, notes=notes)
