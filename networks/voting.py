"""Power indices of weighted voting games by exact dynamic programming in integers.

In the weighted voting game ``[q; w_1, ..., w_n]`` a coalition wins when its members' weights
add up to at least the quota ``q``. Player ``i`` is *pivotal* (a swing) for a coalition ``S`` of
the others when ``q - w_i <= w(S) < q``. Both indices count swings with generating functions:

* the counts ``C[k][w]`` of coalitions with ``k`` members and weight ``w < q`` are the
  coefficients of ``prod_j (1 + y x^{w_j})`` truncated at ``x^q``; they are built one player at a
  time (``O(n^2 q)`` additions, vectorised over ``w`` in numpy: int64 tables up to 62 players,
  where every count is below ``2**62``, Python integers above);
* the counts without player ``i`` follow by dividing out the factor ``(1 + y x^{w_i})``
  (``D[k] = C[k] - x^{w_i} D[k-1]``, ``O(n q)``), once per *distinct* weight, since players with
  equal weights have equal indices;
* Shapley-Shubik: ``phi_i = sum_k s_i(k) k! (n-1-k)! / n!`` with ``s_i(k)`` the swings of size
  ``k``; Banzhaf: the same with sizes summed (one-dimensional tables, ``O(n q)``).

All counts are exact integers (no overflow, no rounding) and the index is formed as an exact
fraction before conversion to float. Weights and the quota may be integers, rational strings or
decimals; they are scaled to integers. The work is pseudo-polynomial: it grows with the quota
once the weights are integers (``n = 500`` with weights up to 10 takes a few seconds).

References
----------
L. S. Shapley and M. Shubik, "A method for evaluating the distribution of power in a committee
system", *American Political Science Review* 48 (1954) 787-792.
J. F. Banzhaf III, "Weighted voting doesn't work", *Rutgers Law Review* 19 (1965) 317-343.
S. Brams and P. Affuso, "Power and size: a new paradox", *Theory and Decision* 7 (1976) 29-56;
T. Matsui and Y. Matsui, "A survey of algorithms for calculating power indices of weighted
majority games", *Journal of the Operations Research Society of Japan* 43 (2000) 71-86.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from govgames.games.deprecation import renamed_argument
from govgames.games.errors import InputError

from ._inputs import exact_fraction
from .coalitional import CoalitionalGame, _check_weights

__all__ = ["shapley_shubik_index", "banzhaf_index", "MAX_DP_CELLS"]

#: Largest dynamic-programming table (players x quota) accepted.
MAX_DP_CELLS = 200_000_000


def _integer_game(weights, quota, players):
    """Validate and scale ``(weights, quota)`` to integers; returns ``(players, w, q)``."""
    if isinstance(weights, CoalitionalGame):
        game = weights
        if game.weights is None:
            raise InputError("the game is not a weighted voting game (build it with "
                             "CoalitionalGame.weighted_voting)")
        if quota is not None:
            raise InputError("give either a weighted voting game or weights and a quota")
        players, weights, quota = game.players, game.weights, game.quota
    elif quota is None:
        raise InputError("a quota is needed with the weights")
    _, wf = _check_weights(weights)
    qf = exact_fraction(quota, "quota")
    if qf <= 0:
        raise InputError(f"quota must be positive, got {quota!r}")
    if qf > sum(wf):
        raise InputError(f"quota {quota!r} exceeds the total weight {float(sum(wf)):g}: "
                         "no coalition wins")
    if players is None:
        players = [f"P{i + 1}" for i in range(len(wf))]
    players = tuple(players)
    if len(players) != len(wf):
        raise InputError(f"{len(players)} players but {len(wf)} weights")
    if len(set(players)) != len(players):
        raise InputError("player names must be distinct")
    den = math.lcm(*(x.denominator for x in wf + [qf]))
    w = [int(x * den) for x in wf]
    q = qf * den
    q = int(math.ceil(q))       # w(S) >= q  <=>  w(S) >= ceil(q) for integer w(S)
    from govgames.games.budget import check_memory
    # the count table by coalition size: (n + 1) x q Python-int references, and one copy
    check_memory(16 * (len(w) + 1) * q, f"the exact power index of {len(w)} players with the "
                 f"quota scaled to the integer {q}",
                 "round the weights to fewer digits; with few players use "
                 "CoalitionalGame.weighted_voting(..., tabulate=True) and its shapley_value / "
                 "banzhaf_value; or sampling")
    if len(w) * q > MAX_DP_CELLS:
        raise InputError(f"the quota scaled to integers is {q}: a table of {len(w)} x {q} "
                         "counts is too large for the exact method (round the weights, or "
                         "use shapley_value / banzhaf_value on the game for n <= 25, or "
                         "sampling)")
    return players, w, q


#: Up to this many players every count (at most ``2**n``) fits in a signed 64-bit integer:
#: the tables are int64 arrays instead of arrays of Python integers (same exact counts).
INT64_MAX_PLAYERS = 62


def _count_dtype(n: int):
    return np.int64 if n <= INT64_MAX_PLAYERS else object


def _forward_counts(w, q, by_size: bool, dtype=None):
    """Truncated generating function: ``C[k, s]`` (or ``C[s]``) for sums ``s < q``."""
    n = len(w)
    dtype = _count_dtype(n) if dtype is None else dtype
    if by_size:
        C = np.zeros((n + 1, q), dtype=dtype)
        C[:] = 0
        C[0, 0] = 1
        # rows k whose k lightest members already reach q stay empty: cap the rows
        small = np.cumsum(sorted(x for x in w if x < q))
        kmax = int(np.searchsorted(small, q, side="left"))    # sum of kmax lightest < q
        top = 0                 # highest non-empty row
        reach = 0               # highest reachable sum (capped)
        for a in sorted(w):
            if a >= q:
                continue
            hi = min(q, reach + a + 1)
            rows = min(top + 1, kmax)
            # C[k, s] += C[k-1, s-a] for s in [a, hi), k = 1 .. rows
            C[1:rows + 1, a:hi] += C[0:rows, 0:hi - a].copy()
            top = rows
            reach = hi - 1
        return C
    C = np.zeros(q, dtype=dtype)
    C[:] = 0
    C[0] = 1
    reach = 0
    for a in sorted(w):
        if a >= q:
            continue
        hi = min(q, reach + a + 1)
        C[a:hi] += C[0:hi - a].copy()
        reach = hi - 1
    return C


def _without(C, a, q, by_size: bool):
    """Divide out the factor of one player of weight ``a`` (exact deconvolution)."""
    if a >= q:
        return C
    D = C.copy()
    if by_size:
        for k in range(1, D.shape[0]):
            D[k, a:] = C[k, a:] - D[k - 1, :q - a]
    else:
        for s in range(a, q):
            D[s] = C[s] - D[s - a]
    return D


def shapley_shubik_index(weights, quota=None, players=None, *, rational: bool | None = None,
                         exact: bool | None = None) -> dict:
    """Shapley-Shubik power index of a weighted voting game, exactly.

    ``phi_i`` is the share of the ``n!`` orders of the players in which ``i`` is pivotal.

    Parameters
    ----------
    weights : sequence of non-negative numbers, or a CoalitionalGame from
        :meth:`CoalitionalGame.weighted_voting` (then leave out ``quota``)
    quota : positive number (``<=`` total weight)
    players : names (default ``P1 .. Pn``)
    rational : bool, default False
        Return :class:`fractions.Fraction` values instead of floats.
    exact : bool, optional
        Deprecated name of ``rational``.

    Returns
    -------
    dict
        ``{player: index}``; the indices sum to 1.

    Notes
    -----
    ``O(n^2 q)`` additions of exact integers plus ``O(d n q)`` for ``d`` distinct weights;
    memory ``O(n q)`` integers (``q`` is the quota after scaling the weights to integers).

    References
    ----------
    L. S. Shapley and M. Shubik, *American Political Science Review* 48 (1954) 787-792.

    Examples
    --------
    The UN Security Council (5 permanent members with veto, 10 others, 9 votes needed):

    >>> idx = shapley_shubik_index([7] * 5 + [1] * 10, 39)
    >>> round(idx["P1"], 5), round(idx["P6"], 6)
    (0.19627, 0.001865)
    >>> shapley_shubik_index([4, 2, 1], 5, rational=True)
    {'P1': Fraction(2, 3), 'P2': Fraction(1, 6), 'P3': Fraction(1, 6)}
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="shapley_shubik_index", default=False)
    players, w, q = _integer_game(weights, quota, players)
    n = len(w)
    C = _forward_counts(w, q, by_size=True)
    fact = [math.factorial(k) for k in range(n + 1)]
    coef = [fact[k] * fact[n - 1 - k] for k in range(n)]
    cache = {}
    out = {}
    for p, a in zip(players, w):
        if a not in cache:
            if a == 0:
                cache[a] = Fraction(0)
            else:
                D = _without(C, a, q, by_size=True)
                lo = max(0, q - a)
                swings = (D[:n, lo:q].sum(axis=1) if q > lo else np.zeros(n, dtype=D.dtype))
                num = sum(int(s) * c for s, c in zip(swings.tolist(), coef))
                cache[a] = Fraction(num, fact[n])
        out[p] = cache[a] if rational else float(cache[a])
    return out


def banzhaf_index(weights, quota=None, players=None, normalized: bool = True, *,
                  rational: bool | None = None, exact: bool | None = None) -> dict:
    """Banzhaf power index of a weighted voting game, exactly.

    Counts each player's swings: coalitions of the others that lose without it and win with it.

    Parameters
    ----------
    weights, quota, players : as in :func:`shapley_shubik_index`
    normalized : bool
        True (default): each player's share of all swings (sums to 1). False: the raw
        (probabilistic) index ``swings / 2**(n-1)``.
    rational : bool, default False
        Return Fractions.
    exact : bool, optional
        Deprecated name of ``rational``.

    Notes
    -----
    ``O(n q)`` integer additions for the counts plus ``O(d q)`` per distinct weight.

    References
    ----------
    J. F. Banzhaf III, *Rutgers Law Review* 19 (1965) 317-343; P. Dubey and L. S. Shapley,
    *Mathematics of Operations Research* 4 (1979) 99-131.

    Examples
    --------
    >>> banzhaf_index([4, 2, 1], 5)
    {'P1': 0.6, 'P2': 0.2, 'P3': 0.2}
    >>> banzhaf_index([4, 2, 1], 5, normalized=False, rational=True)
    {'P1': Fraction(3, 4), 'P2': Fraction(1, 4), 'P3': Fraction(1, 4)}
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="banzhaf_index", default=False)
    players, w, q = _integer_game(weights, quota, players)
    n = len(w)
    C = _forward_counts(w, q, by_size=False)
    cache = {}
    for a in set(w):
        if a == 0:
            cache[a] = 0
            continue
        D = _without(C, a, q, by_size=False)
        cache[a] = int(D[max(0, q - a):q].sum())
    swings = [cache[a] for a in w]
    total = sum(swings)
    if normalized:
        if total == 0:
            raise InputError("no player is ever pivotal: the normalized index is undefined")
        vals = [Fraction(s, total) for s in swings]
    else:
        vals = [Fraction(s, 2 ** (n - 1)) for s in swings]
    return {p: (v if rational else float(v)) for p, v in zip(players, vals)}
