"""Dominated strategies and their iterated elimination.

A strategy ``s`` of player ``i`` is **strictly dominated** when some (pure or mixed) strategy
``sigma`` pays strictly more against every profile of the others; **weakly dominated** when
``sigma`` pays at least as much against every profile and strictly more against one. Domination
by pure strategies is a vectorised comparison of rows of the player's payoff matrix (own
strategies x the others' profiles); domination by mixed strategies is a linear program, solved
with scipy's HiGHS (Shoham and Leyton-Brown 2009, sec. 4.5.1):

* strict: maximise ``eps`` s.t. ``sum_t sigma_t u(t, c) >= u(s, c) + eps`` for every column
  ``c``, ``sigma`` in the simplex over the other strategies; dominated iff ``eps > 0``;
* weak: maximise ``sum_c (sum_t sigma_t u(t, c) - u(s, c))`` s.t. every term is ``>= 0``;
  dominated iff the optimum is ``> 0``.

Which comparisons are exact: for a game with exact payoffs (fractions, integers beyond
``2**53``; see :meth:`~govgames.games.game.NormalFormGame.exact_payoffs`) and ``tol=None``
(the default) every comparison is exact: pure domination in rational arithmetic, mixed
domination by the same linear programs solved exactly (sympy's rational simplex) when the
player's matrix has at most :data:`MAX_EXACT_LP_ENTRIES` entries (larger ones use the
floating-point LP with ``tol = DEFAULT_TOL``). For float payoffs, or a ``tol`` given, the
comparisons use the relative tolerance ``tol * max(1, max |u_i|)`` (``DEFAULT_TOL`` by default,
:mod:`govgames.games.tolerance`): a payoff ``1e-300`` above another counts as equal.

References
----------
.. [1] Y. Shoham and K. Leyton-Brown, *Multiagent Systems*, Cambridge University Press, 2009,
   sec. 4.5.1 (domination, its LP) and 4.5.2 (iterated removal).
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, sec. 4.2.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

from .game import NormalFormGame
from .tolerance import DEFAULT_TOL

__all__ = ["dominated_strategies", "strictly_dominated_strategies", "weakly_dominated_strategies",
           "dominating_strategy", "iterated_elimination", "MAX_EXACT_LP_ENTRIES"]

#: Largest player matrix (own strategies x the others' profiles) whose mixed-domination LP is
#: solved in exact rational arithmetic when the payoffs are exact.
MAX_EXACT_LP_ENTRIES = 2000


def _is_exact(game: NormalFormGame, tol) -> bool:
    """Exact comparisons: exact payoffs (an object array without parameters) and no tol."""
    return tol is None and game.payoff_array.dtype == object and not game.is_symbolic


def _matrix(game: NormalFormGame, i: int, exact: bool = False) -> np.ndarray:
    """Player i's payoffs as a matrix: own strategies x profiles of the others (Fractions in an
    object array when ``exact``)."""
    P = game.exact_payoffs() if exact else game.numeric_payoffs()
    U = np.moveaxis(P[i], i, 0)
    return U.reshape(U.shape[0], -1)


def _scale(U, tol):
    if U.dtype == object:           # exact comparison
        return 0
    tol = DEFAULT_TOL if tol is None else tol
    return float(tol) * max(1.0, float(np.max(np.abs(U))) if U.size else 1.0)


def _exact_mixed_dominator(U, s, strict):
    """:func:`_mixed_dominator` for an exact (object) matrix: the LPs in rational arithmetic."""
    import sympy as sp
    from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, linprog

    others = [t for t in range(U.shape[0]) if t != s]
    k, m = len(others), U.shape[1]
    V = sp.Matrix([[sp.Rational(x.numerator, x.denominator) for x in U[t]] for t in others])
    u = sp.Matrix([[sp.Rational(x.numerator, x.denominator) for x in U[s]]])
    ones = sp.ones(1, k)
    try:
        if strict:  # min -e: V^T sigma >= u + e, sum sigma = 1
            A = (-V.T).row_join(sp.ones(m, 1))
            c = sp.zeros(1, k).row_join(sp.Matrix([[-1]]))
            opt, x = linprog(c, A, -u.T, ones.row_join(sp.zeros(1, 1)), sp.Matrix([1]),
                             bounds=[(0, None)] * k + [(None, None)])
            if -opt <= 0:
                return None
            sigma = x[:k]
        else:       # max sum (V^T sigma - u): V^T sigma >= u, sum sigma = 1
            c = -(V * sp.ones(m, 1)).T
            opt, sigma = linprog(c, -V.T, -u.T, ones, sp.Matrix([1]))
            if -opt - sum(u) <= 0:
                return None
    except (InfeasibleLPError, UnboundedLPError):
        return None
    full = np.zeros(U.shape[0])
    full[others] = [float(x) for x in sigma]
    return full


def _pure_dominator(U, s, strict, eps):
    """Index of a pure strategy that dominates row s, or None."""
    others = np.delete(np.arange(U.shape[0]), s)
    if others.size == 0:
        return None
    D = U[others] - U[s]
    if strict:
        ok = np.all(D > eps, axis=1)
    else:
        ok = np.all(D >= -eps, axis=1) & np.any(D > eps, axis=1)
    hit = np.flatnonzero(ok)
    return int(others[hit[0]]) if hit.size else None


def _mixed_dominator(U, s, strict, eps):
    """Mixed strategy (full-length probability vector) that dominates row s, or None."""
    others = np.delete(np.arange(U.shape[0]), s)
    k = others.size
    if k < 2:
        return None
    if U.dtype == object:
        if U.size <= MAX_EXACT_LP_ENTRIES:
            return _exact_mixed_dominator(U, s, strict)
        U = U.astype(float)
        eps = _scale(U, None)
    V = U[others]  # k x m
    m = V.shape[1]
    if strict:
        # variables: sigma (k), eps; minimise -eps; -V^T sigma + eps <= -u_s
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-V.T, np.ones((m, 1))])
        b_ub = -U[s]
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, None)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        if res.status != 0 or -res.fun <= eps:
            return None
        sigma = res.x[:k]
    else:
        c = -V.sum(axis=1)
        res = linprog(c, A_ub=-V.T, b_ub=-U[s], A_eq=np.ones((1, k)), b_eq=[1.0],
                      bounds=[(0, None)] * k, method="highs")
        if res.status != 0 or (-res.fun - U[s].sum()) <= eps:
            return None
        sigma = res.x
        gap = sigma @ V - U[s]
        if np.any(gap < -eps) or not np.any(gap > eps):
            return None
    full = np.zeros(U.shape[0])
    full[others] = np.clip(sigma, 0, None)
    full /= full.sum()
    return full


def dominating_strategy(game: NormalFormGame, player, strategy, strict: bool = True,
                        mixed: bool = True, tol: float | None = None):
    """A strategy that dominates ``strategy`` of ``player``, or None if there is none.

    Parameters
    ----------
    game : NormalFormGame
    player, strategy : str or int
    strict : bool
        Strict (default) or weak domination.
    mixed : bool
        Also look for a dominating mixed strategy (a linear program) when no pure one exists.
    tol : float, optional
        Relative tolerance. ``None`` (default): exact comparison for exact payoffs, else
        ``DEFAULT_TOL`` (see the module notes).

    Returns
    -------
    str, numpy.ndarray or None
        The name of a dominating pure strategy, or a probability vector over all of the player's
        strategies (zero on ``strategy``), or None.

    Examples
    --------
    The middle row is dominated by no pure row, but by mixing the other two equally:

    >>> g = NormalFormGame([[[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]]],
    ...                    strategies=[["T", "M", "B"], ["L", "R"]])
    >>> dominating_strategy(g, 0, "M", mixed=False) is None
    True
    >>> dominating_strategy(g, 0, "M").round(3)
    array([0.5, 0. , 0.5])
    """
    i = game.player_index(player)
    s = game.strategy_index(i, strategy)
    U = _matrix(game, i, _is_exact(game, tol))
    eps = _scale(U, tol)
    t = _pure_dominator(U, s, strict, eps)
    if t is not None:
        return game.strategies[i][t]
    if mixed:
        return _mixed_dominator(U, s, strict, eps)
    return None


def dominated_strategies(game: NormalFormGame, player=None, strict: bool = True, mixed: bool = True,
                         tol: float | None = None):
    """Dominated strategies of one player (a tuple of names) or of all (a dict by player).

    Parameters
    ----------
    game : NormalFormGame
    player : str or int, optional
        One player; by default every player.
    strict : bool
        Strict (default) or weak domination.
    mixed : bool
        Count domination by mixed strategies (default) or by pure strategies only.
    tol : float, optional
        Relative tolerance. ``None`` (default): exact comparison for exact payoffs, else
        ``DEFAULT_TOL`` (see the module notes).

    Returns
    -------
    tuple of str, or dict mapping player name to tuple of str

    References
    ----------
    Shoham and Leyton-Brown (2009), sec. 4.5.1.

    Examples
    --------
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                     strategies=[["C", "D"], ["C", "D"]])
    >>> dominated_strategies(pd)
    {'A': ('C',), 'B': ('C',)}
    >>> dominated_strategies(pd, "A", strict=False)
    ('C',)

    Exact payoffs are compared exactly: ``10**-300`` more at one profile and as much at the
    others is weak domination (within a tolerance it is a tie).

    >>> from fractions import Fraction
    >>> g = NormalFormGame([[[0, 0], [Fraction(1, 10**300), 0]], [[0, 0], [0, 0]]])
    >>> dominated_strategies(g, 0, strict=False), dominated_strategies(g, 0, strict=False, tol=1e-9)
    (('s1',), ())
    """
    if player is None:
        return {p: dominated_strategies(game, p, strict, mixed, tol) for p in game.players}
    i = game.player_index(player)
    U = _matrix(game, i, _is_exact(game, tol))
    eps = _scale(U, tol)
    out = []
    for s in range(U.shape[0]):
        hit = _pure_dominator(U, s, strict, eps)
        if hit is None and mixed:
            hit = _mixed_dominator(U, s, strict, eps)
        if hit is not None:
            out.append(game.strategies[i][s])
    return tuple(out)


def strictly_dominated_strategies(game: NormalFormGame, player=None, mixed: bool = True,
                                  tol: float | None = None):
    """Strictly dominated strategies (see :func:`dominated_strategies`).

    >>> g = NormalFormGame([[[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]]])
    >>> strictly_dominated_strategies(g, 0), strictly_dominated_strategies(g, 0, mixed=False)
    (('s2',), ())
    """
    return dominated_strategies(game, player, strict=True, mixed=mixed, tol=tol)


def weakly_dominated_strategies(game: NormalFormGame, player=None, mixed: bool = True,
                                tol: float | None = None):
    """Weakly dominated strategies (see :func:`dominated_strategies`).

    >>> g = NormalFormGame([[[1, 1], [1, 0]], [[0, 0], [0, 0]]],
    ...                    strategies=[["U", "D"], ["L", "R"]])
    >>> weakly_dominated_strategies(g, 0), strictly_dominated_strategies(g, 0)
    (('D',), ())
    """
    return dominated_strategies(game, player, strict=False, mixed=mixed, tol=tol)


def iterated_elimination(game: NormalFormGame, strict: bool = True, mixed: bool = True,
                         tol: float | None = None):
    """Iterated elimination of dominated strategies.

    In each round, players in order: every strategy of the player that is dominated in the
    current game is removed; rounds repeat until nothing is removed. With strict domination the
    result does not depend on the order (Osborne and Rubinstein 1994, prop. 61.2 and ex. 63.1);
    with weak domination it may, and this function follows the order described.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool
        Eliminate strictly (default) or weakly dominated strategies.
    mixed : bool
        Count domination by mixed strategies (default).
    tol : float, optional
        Relative tolerance (``None``: exact comparison for exact payoffs, see the module
        notes).

    Returns
    -------
    reduced : NormalFormGame
        The game restricted to the surviving strategies (names kept).
    order : list of tuple
        ``(round, player, strategy)`` for every eliminated strategy, in the order of removal.

    References
    ----------
    Osborne and Rubinstein (1994), sec. 4.2; Shoham and Leyton-Brown (2009), sec. 4.5.2.

    Examples
    --------
    >>> g = NormalFormGame([[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]], players=["R", "C"],
    ...                    strategies=[["U", "D"], ["L", "M", "X"]])
    >>> reduced, order = iterated_elimination(g)
    >>> order
    [(1, 'C', 'X'), (2, 'R', 'D'), (2, 'C', 'L')]
    >>> reduced.strategies
    (('U',), ('M',))
    """
    P = game.payoff_array if _is_exact(game, tol) else game.numeric_payoffs()
    keep = [list(range(a)) for a in game.shape]
    order = []
    rnd = 0
    changed = True
    while changed:
        changed = False
        rnd += 1
        for i in range(game.n_players):  # each against the game reduced so far
            sub = _restrict(game, P, keep)
            dom = dominated_strategies(sub, i, strict=strict, mixed=mixed, tol=tol)
            if dom:
                names = set(dom)
                order += [(rnd, game.players[i], s) for s in dom]
                keep[i] = [k for k in keep[i] if game.strategies[i][k] not in names]
                changed = True
    return _restrict(game, P, keep), order


def _restrict(game: NormalFormGame, P, keep) -> NormalFormGame:
    idx = np.ix_(range(game.n_players), *keep)
    return NormalFormGame(P[idx], players=game.players,
                          strategies=[[game.strategies[i][k] for k in ks]
                                      for i, ks in enumerate(keep)],
                          title=game.title)
