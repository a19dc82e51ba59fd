"""Power indices of weighted voting games by exact counting in integers.

In the weighted voting game ``[q; w_1, ..., w_n]`` a coalition wins when its members' weights
add up to at least the quota ``q``. Player ``i`` is *pivotal* (a swing) for a coalition ``S`` of
the others when ``q - w_i <= w(S) < q``. Both indices count swings with generating functions,
truncated at ``y^q``, once per *distinct* weight (players with equal weights have equal
indices):

* Banzhaf: the counts ``C[w]`` of coalitions of weight ``w < q`` are the coefficients of
  ``prod_j (1 + y^{w_j})``, built one player at a time (``O(n q)`` additions, vectorised over
  ``w`` in numpy: int64 up to 62 players, Python integers above); the counts without player
  ``i`` follow by dividing out its factor (``D = C - y^{w_i} D``, ``O(q)``);
* Shapley-Shubik also needs the coalition size ``k``: ``phi_i = sum_k s_i(k) k! (n-1-k)! / n!``
  with ``s_i(k)`` the swings of size ``k``. The counts by size and weight are the
  coefficients of ``G = prod_a (1 + x y^a)^{m_a}`` (``m_a`` players of weight ``a``), found
  size by size from ``dG/dx = sum_a m_a y^a G / (1 + x y^a)``: ``O(d)`` operations on packed
  big integers per size for ``d`` distinct weights, instead of the ``O(n^2 q)`` table built
  player by player (kept as a reference for the tests).

All counts are exact integers (no overflow, no rounding) and the index is formed as an exact
fraction before conversion to float. Weights and the quota may be integers, rational strings or
decimals; they are scaled to integers, then reduced to the same game with the smallest
integers: the weights below the quota and the quota are divided by those weights' greatest
common divisor (the quota rounded up), and a weight of at least the quota becomes the reduced
quota (that player wins alone either way). The work is pseudo-polynomial: it grows with the
reduced quota.

With few players and a large reduced quota (huge weights with no common factor, such as
``[10**200, 10**200, 1, 1]`` with quota ``2 * 10**200``) the indices are counted instead by
enumerating the ``2**n`` coalitions (weights built by doubling, in int64 when they fit, else in
Python integers): ``O(n 2**n)`` whatever the size of the weights (within the default 2 GiB
memory budget, up to about 22 players with huge weights and 26 with int64 ones).
``method="auto"`` takes the cheaper of the two by estimated steps (``n q`` against
``n 2**n``) that is within the budgets of :mod:`govgames.games.budget`, else the other; when
both are over them, the refusal names the cheaper's cost.

References
----------
L. S. Shapley and M. Shubik, "A method for evaluating the distribution of power in a committee
system", *American Political Science Review* 48 (1954) 787-792.
J. F. Banzhaf III, "Weighted voting doesn't work", *Rutgers Law Review* 19 (1965) 317-343.
S. Brams and P. Affuso, "Power and size: a new paradox", *Theory and Decision* 7 (1976) 29-56;
T. Matsui and Y. Matsui, "A survey of algorithms for calculating power indices of weighted
majority games", *Journal of the Operations Research Society of Japan* 43 (2000) 71-86
(generating functions, and the enumeration of coalitions for few players).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from fractions import Fraction

import numpy as np
from govgames.games.budget import BudgetError
from govgames.games.deprecation import renamed_argument
from govgames.games.errors import InputError

from ._inputs import exact_fraction
from ._voting_kernel import BZ_MAX_PLAYERS, SS_MAX_PLAYERS, banzhaf_swings, ss_numerators
from .allocation import Allocation
from .coalitional import CoalitionalGame, _check_weights

__all__ = ["shapley_shubik_index", "banzhaf_index", "MAX_DP_CELLS"]

#: Largest dynamic-programming table (players x quota) accepted.
MAX_DP_CELLS = 200_000_000


@functools.lru_cache(maxsize=64)
def _default_players(n: int) -> tuple:
    """``("P1", ..., "Pn")``."""
    return tuple(f"P{i + 1}" for i in range(n))


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
    wf = list(weights) if isinstance(weights, (list, tuple)) else None
    if wf and type(quota) is int and all(type(x) is int and x >= 0 for x in wf):
        qf = quota              # plain non-negative integers: already exact, no scaling
        w, q = wf, quota
    else:
        _, wf = _check_weights(weights)
        qf = exact_fraction(quota, "quota")
        den = math.lcm(*(x.denominator for x in wf + [qf]))
        w = [int(x * den) for x in wf]
        q = int(math.ceil(qf * den))   # w(S) >= q  <=>  w(S) >= ceil(q) for integer w(S)
    if qf <= 0:
        raise InputError(f"quota must be positive, got {quota!r}")
    if qf > sum(wf):
        raise InputError(f"quota {quota!r} exceeds the total weight {float(sum(wf)):g}: "
                         "no coalition wins")
    players = _default_players(len(wf)) if players is None else tuple(players)
    if len(players) != len(wf):
        raise InputError(f"{len(players)} players but {len(wf)} weights")
    if len(set(players)) != len(players):
        raise InputError("player names must be distinct")
    w, q = _reduced(w, q)
    return players, w, q


def _check_dp(w, q, index: str) -> None:
    """Refuse (:class:`BudgetError`) counting by dynamic programming over the quota when its
    table, memory or time is over budget."""
    n = len(w)
    if n * q > MAX_DP_CELLS:
        size = str(q) if q < 10**15 else f"about 10**{len(str(q)) - 1}"  # one readable line
        raise BudgetError(f"the quota scaled to integers is {size}: a table of {n} x {size} "
                          "counts is too large for counting over the quota (round the "
                          "weights; with few players method='enumerate'; or sampling)")
    if index == "Banzhaf":
        _check_banzhaf_memory(n, q)
    elif not _ss_machine(n, q):
        _check_ss_packed(w, q)


def _choose_method(w, q, index: str, method: str) -> str:
    """``"dp"`` (counting over the quota, ``O(n q)``) or ``"enumerate"`` (the ``2**n``
    coalitions): ``method`` if forced, else the cheaper by estimated steps that is within the
    budgets, the other when the cheaper is over them; when both are, the cheaper's refusal.

    >>> _choose_method([10**200, 10**200, 1, 1], 2 * 10**200, "Banzhaf", "auto")
    'enumerate'
    >>> _choose_method([7] * 5 + [1] * 10, 39, "Shapley-Shubik", "auto")
    'dp'
    """
    checks = {"dp": _check_dp, "enumerate": _check_enumeration}
    if not isinstance(method, str) or (method not in checks and method != "auto"):
        raise InputError(f"method must be 'auto', 'dp' or 'enumerate', got {method!r}")
    if method != "auto":
        checks[method](w, q, index)
        return method
    order = ["enumerate", "dp"] if _enumeration_cost(w, q)[0] < len(w) * q else ["dp", "enumerate"]
    try:
        checks[order[0]](w, q, index)
        return order[0]
    except BudgetError as cheaper:
        try:
            checks[order[1]](w, q, index)
        except BudgetError:
            raise cheaper from None
        return order[1]


def _reduced(w, q):
    """The same game with the smallest integers: the weights below ``q`` and the quota divided
    by the greatest common divisor ``g`` of those weights, the quota rounded up (``w(S) >= q``
    if and only if ``w(S) / g >= ceil(q / g)``, as ``w(S) / g`` is an integer), and every
    weight of at least ``q`` set to the new quota (that player wins alone either way). The
    gcd leaves out the large weights: clamping them to ``q`` first would break it.

    >>> _reduced([2**63, 1, 1], 2), _reduced([10**15] * 3, 2 * 10**15 + 1)
    (([2, 1, 1], 2), ([1, 1, 1], 3))
    >>> _reduced([10**12, 2 * 10**12], 2 * 10**12 - 1), _reduced([0, 0, 5], 3)
    (([1, 2], 2), ([0, 0, 1], 1))
    """
    small = [x for x in w if x < q]
    g = math.gcd(*small) if small else 0
    if g == 0:                # every weight below the quota is zero: only the others matter
        g = q
    q_reduced = -(-q // g)
    return [x // g if x < q else q_reduced for x in w], q_reduced


def _banzhaf_bytes(n: int, q: int) -> float:
    """Peak memory of the exact Banzhaf counts (bytes): about six arrays of length ``q`` (the
    counts, a copy, and the temporaries of dividing out one player), of int64 up to 62 players,
    else of Python integers below ``2**n`` (a reference and an object of ``28 + 4 ceil(n/30)``
    bytes each).

    >>> _banzhaf_bytes(3, 10**6) < _banzhaf_bytes(100, 10**6)
    True
    """
    item = 8 if n <= INT64_MAX_PLAYERS else 8 + 28 + 4 * -(-n // 30)
    return 6.0 * q * item


def _check_banzhaf_memory(n: int, q: int) -> None:
    if q <= 1 << 12:        # tables below 64 KiB are never refused
        return
    from govgames.games.budget import check_memory
    check_memory(_banzhaf_bytes(n, q), f"the exact Banzhaf index of {n} players with the "
                 f"quota scaled to the integer {q}",
                 "round the weights to fewer digits; with few players use "
                 "CoalitionalGame.weighted_voting(..., tabulate=True) and its "
                 "banzhaf_value; or sampling")


#: Largest table (cells: coalition sizes x quota for Shapley-Shubik, quota for Banzhaf) of the
#: compiled machine-integer path (:mod:`govgames.networks._voting_kernel`); larger games, and
#: games whose counts could overflow int64, take the big-integer path.
_MACHINE_CELLS = 1 << 22

#: Up to this many players every count (at most ``2**n``) fits in a signed 64-bit integer:
#: the tables are int64 arrays instead of arrays of Python integers (same exact counts).
INT64_MAX_PLAYERS = 62

#: CPU seconds per 64-bit word of one big-integer operation of the Shapley-Shubik recurrence
#: (measured on a shared 2-core machine: n = 1000, weights 1..10, 1.4 s; n = 500, weights
#: 1..100, 8.7 s; weights 1..299 and quota 20000, 13.8-20.4 s, estimated 20 s; 1.5e-9
#: before, which estimated 8.7 s for the last)
SS_SECONDS_PER_WORD = 3.5e-9


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
    elif q - a <= 64:
        for s in range(a, q):
            D[s] = C[s] - D[s - a]
    else:
        # D[s] = C[s] - D[s - a]: along each residue class modulo a, an alternating
        # cumulative sum, D[r] = (-1)^r sum_{j <= r} (-1)^j C[j] (partial sums stay below 2**n)
        rows = -(-q // a)
        P = np.zeros(rows * a, dtype=C.dtype)
        P[:] = 0
        P[:q] = C
        P = P.reshape(rows, a)
        sign = np.where(np.arange(rows) % 2 == 0, 1, -1)[:, None]
        D = (sign * np.cumsum(sign * P, axis=0)).reshape(-1)[:q]
    return D


def _ss_swings_dp(w, q):
    """Swings by coalition size of each distinct weight from the ``O(n^2 q)`` count table
    (:func:`_forward_counts` and :func:`_without`): ``{a: [s_a(0), ..., s_a(n-1)]}``. The
    reference for :func:`_ss_swings_packed` (tests compare the two)."""
    n = len(w)
    C = _forward_counts(w, q, by_size=True)
    out = {}
    for a in set(w):
        if a == 0:
            out[a] = [0] * n
            continue
        D = _without(C, a, q, by_size=True)
        lo = max(0, q - a)
        swings = D[:n, lo:q].sum(axis=1) if q > lo else np.zeros(n, dtype=D.dtype)
        out[a] = [int(x) for x in swings.tolist()]
    return out


def _ss_machine(n: int, q: int) -> bool:
    """Whether the compiled int64 Shapley-Shubik counting applies (numerators below 2**63)."""
    return n <= min(SS_MAX_PLAYERS, INT64_MAX_PLAYERS) and (n + 1) * q <= _MACHINE_CELLS


def _ss_sizes(w, q) -> int:
    """Coalition sizes of the recurrence: at most the number of smallest weights below ``q``."""
    return int(np.searchsorted(np.cumsum(sorted(w)), q)) + 1


def _ss_packed_seconds(w, q) -> float:
    """Estimated time of :func:`_ss_swings_packed`: per coalition size and distinct weight, a
    few operations on ``q B``-bit integers (:data:`SS_SECONDS_PER_WORD` per 64-bit word).

    >>> 15 < _ss_packed_seconds(list(range(1, 300)), 20000) < 30
    True
    """
    n = len(w)
    B = n + n.bit_length() + 2
    return SS_SECONDS_PER_WORD * _ss_sizes(w, q) * len(set(w)) * q * B / 64


def _check_ss_packed(w, q) -> None:
    """Memory and time estimates of :func:`_ss_swings_packed` against the budgets."""
    from govgames.games.budget import check_memory, check_seconds

    n = len(w)
    mult = Counter(w)
    B = n + n.bit_length() + 2
    # one packed polynomial per distinct weight, plus g, the sum and temporaries
    check_memory((len(mult) + 4) * q * B / 8, f"the exact Shapley-Shubik index of {n} players "
                 f"with {len(mult)} distinct weights and the quota scaled to the integer {q}",
                 "round the weights to fewer digits (fewer distinct weights, a smaller "
                 "quota); or sampling")
    check_seconds(_ss_packed_seconds(w, q),
                  f"the exact Shapley-Shubik index of {n} players with {len(mult)} distinct "
                  f"weights and the quota scaled to the integer {q}",
                  "use fewer distinct weights or round them to fewer digits; or the Banzhaf "
                  "index (much cheaper); or a sampled Shapley value of the voting game")


def _ss_swings_packed(w, q, progress=False):
    """Swings by coalition size of each distinct weight, from the size recurrence of the
    generating function: ``{a: [s_a(0), s_a(1), ...]}`` (trailing zeros left out).

    With ``G(x, y) = prod_a (1 + x y^a)^{m_a}`` truncated at ``y^q`` (``x`` counts members,
    ``y`` weight, ``m_a`` players of weight ``a``) and ``R_a = G / (1 + x y^a)`` the counts
    without one player of weight ``a``, ``dG/dx = sum_a m_a y^a R_a``. In coefficients of
    ``x^k`` (polynomials in ``y``)::

        r_{a,k} = g_k - y^a r_{a,k-1}            (k >= 0, r_{a,-1} = 0)
        g_{k+1} = sum_a m_a y^a r_{a,k} / (k + 1)

    ``O(d)`` shifts and small multiples per size ``k`` for ``d`` distinct weights. Each
    polynomial in ``y`` is packed into one big integer, ``B`` bits per coefficient
    (every value is a count below ``n 2**n``, so no slot overflows or borrows): a shift by
    ``y^a`` is a shift by ``a B`` bits, truncation a mask, the division by ``k + 1`` one exact
    big-integer division (FLINT/GMP integers). Player ``i`` of weight ``a`` is pivotal for
    the coalitions of the others counted by ``r_{a,k}`` at weights ``q - a .. q - 1``.
    """
    from flint import fmpz
    from govgames.games.parallel import progress_bar

    n = len(w)
    mult = Counter(w)
    B = n + n.bit_length() + 2
    mask = fmpz((1 << (q * B)) - 1)
    slot = fmpz((1 << B) - 1)
    g = fmpz(1)
    shifted = {a: fmpz(0) for a in mult}       # (y^a r_{a,k-1}) mod y^q, packed
    out = {a: [] for a in mult}
    bar = progress_bar(progress, _ss_sizes(w, q), desc="shapley-shubik", unit="size")
    for k in range(n):
        bar.update()
        acc = fmpz(0)
        for a, m in mult.items():
            r = g - shifted[a]
            lo = max(0, q - a)
            # sum of the coefficients of y^lo .. y^(q-1): 2**B = 1 modulo 2**B - 1, and the
            # sum (a count of coalitions of the others, below 2**n) is below 2**B - 1
            out[a].append(int((r >> (lo * B)) % slot))
            if a < q:
                shifted[a] = (r << (a * B)) & mask
                acc += m * shifted[a]
        if acc == 0:                            # no coalition of k + 1 members below q
            break
        g = acc // (k + 1)
    bar.close()
    return out


# --------------------------------------------------------------------------- enumeration
#: Estimated work of one coalition and player of the enumeration, in elementary steps of
#: :mod:`govgames.games.budget` (30 ns each). Measured on a shared 2-core machine: 24 players
#: with int64 sums, 0.17-1.06 s (up to 2.6 ns a coalition and player); 23 players with weights
#: about 10**40 (Python integers in object arrays), 1.1-1.6 s (up to 8.3 ns).
ENUM_STEPS_INT64 = 0.1
ENUM_STEPS_OBJECT = 0.3


def _enumeration_fits_int64(w, q) -> bool:
    """Whether every coalition weight and the quota fit in int64 (no overflow of the sums)."""
    return max(sum(w), q) < 2**63


def _enumeration_cost(w, q) -> tuple:
    """``(steps, bytes)`` of :func:`_enumerated_swings`: ``n 2**n`` coalition-player steps;
    memory of the ``2**n`` sums (int64, or Python integers of the total's size), their sizes,
    the winning mask and the temporaries of one player (about one more array of sums).

    >>> steps, nbytes = _enumeration_cost([1, 2, 3], 4)
    >>> round(steps, 2), nbytes
    (2.4, 208.0)
    """
    n = len(w)
    if _enumeration_fits_int64(w, q):
        per, item = ENUM_STEPS_INT64, 8.0
    else:
        per, item = ENUM_STEPS_OBJECT, 8.0 + 28 + 4 * -(-max(sum(w), q).bit_length() // 30)
    coalitions = 2.0 ** min(n, 1000)          # no float overflow; refused long before
    return per * n * coalitions, coalitions * (2 * item + 10)


def _check_enumeration(w, q, index: str) -> None:
    from govgames.games.budget import check_memory, check_work

    n = len(w)
    steps, nbytes = _enumeration_cost(w, q)
    what = f"the {index} index by enumerating the 2**{n} coalitions"
    hint = "too many players: round the weights, method='dp'; or sampling"
    check_memory(nbytes, what, hint)
    check_work(steps, what, hint)


def _enumerated_swings(w, q, by_size: bool) -> dict:
    """Swings of each distinct weight by enumerating the ``2**n`` coalitions.

    The coalition weights are built by doubling, ``sums = concat(sums, sums + w_i)`` (bit ``i``
    of a coalition's index is player ``i``), in int64 when the total and the quota fit, else in
    Python integers (an object array). A player of weight ``a`` swings for the coalitions of the
    others that lose and win with it. Returns ``{a: swings}``, or ``{a: [s_a(0), ..., s_a(n-1)]}``
    by coalition size with ``by_size``. ``n 2**n`` operations, whatever the size of the
    weights: the cheaper method for few players and a large quota.

    >>> _enumerated_swings([10**30, 10**30, 1], 10**30, by_size=False)
    {1000000000000000000000000000000: 2, 1: 0}
    """
    n = len(w)
    dtype = np.int64 if _enumeration_fits_int64(w, q) else object
    sums = np.zeros(1, dtype=dtype)
    sizes = np.zeros(1, dtype=np.uint8)
    for a in w:
        sums = np.concatenate((sums, sums + a))
        if by_size:
            sizes = np.concatenate((sizes, sizes + 1))
    win = np.asarray(sums >= q, dtype=bool)
    del sums
    out: dict = {}
    for i, a in enumerate(w):
        if a in out:
            continue
        pairs = win.reshape(-1, 2, 1 << i)            # [:, 0] without player i, [:, 1] with
        swing = pairs[:, 1] & ~pairs[:, 0]
        if by_size:
            k = sizes.reshape(-1, 2, 1 << i)[:, 0][swing]
            out[a] = [int(x) for x in np.bincount(k, minlength=n)[:n]]
        else:
            out[a] = int(np.count_nonzero(swing))
    return out


def _allocation(players, w, numer, denominator, rational, method):
    """``{player: numer[w_i] / denominator}`` as an :class:`Allocation`: exact Fractions, or
    floats correctly rounded (Python's integer true division), one per distinct weight."""
    if rational:
        value = {a: Fraction(x, denominator) for a, x in numer.items()}
    else:
        value = {a: x / denominator for a, x in numer.items()}
    return Allocation({p: value[a] for p, a in zip(players, w)}, method=method)


def shapley_shubik_index(weights, quota=None, players=None, *, rational: bool | None = None,
                         exact: bool | None = None, method: str = "auto",
                         progress=None) -> Allocation:
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
    method : {"auto", "dp", "enumerate"}
        ``"dp"``: count over the quota (generating functions, below); ``"enumerate"``: list
        the ``2**n`` coalitions (cost independent of the size of the weights); ``"auto"``
        (default): the cheaper by estimated steps (``n q`` against ``n 2**n``) that is within
        the budgets of :mod:`govgames.games.budget`, else the other; when neither is, the
        cheaper's refusal (a :class:`~govgames.games.budget.BudgetError`).
    progress : None or bool
        A progress bar over the coalition sizes of the big-integer counting (more than 20
        players; ``None``: on a terminal, after two seconds).

    Returns
    -------
    Allocation
        ``{player: index}`` (a :class:`dict`); the indices sum to 1. ``method`` is
        ``"shapley-shubik index"``, ``std_errors`` is None.

        .. versionchanged:: 0.3
           An :class:`~govgames.networks.Allocation` instead of a plain dict (values unchanged).

    Notes
    -----
    Players of equal weight have equal indices, so the swings are counted once per distinct
    weight. The counts of coalitions by size and weight (below the quota ``q``, after scaling
    the weights to integers) follow from the recurrence in the coalition size of the
    generating function ``prod_a (1 + x y^a)^{m_a}``, with the factor of one player divided
    out per distinct weight: ``O(k d)`` operations on big integers of ``q (n + log2 n)``
    bits, for ``d`` distinct weights and coalitions of at most ``k`` members below the quota.
    Exact integers throughout; the index is formed as an exact fraction. Up to 20 players
    (every numerator, at most ``n!``, below ``2**63``) the counts by size and weight are built
    player by player in compiled int64 code instead (``O(n^2 q)`` machine additions; the same
    integers). Weights and quota are first reduced (weights clamped to the quota, common
    factor divided out), so ``[2**63, 1, 1]`` with quota 2 is counted as ``[2, 1, 1]`` and
    ``[10**15] * 3`` with quota ``2 * 10**15`` as ``[1, 1, 1]`` with quota 2. With few players
    and a large reduced quota the ``2**n`` coalitions are enumerated instead (``O(n 2**n)``,
    whatever the size of the weights; see ``method``).

    References
    ----------
    L. S. Shapley and M. Shubik, *American Political Science Review* 48 (1954) 787-792.
    T. Matsui and Y. Matsui, *Journal of the Operations Research Society of Japan* 43 (2000)
    71-86 (counting by generating functions).

    Examples
    --------
    The UN Security Council (5 permanent members with veto, 10 others, 9 votes needed):

    >>> idx = shapley_shubik_index([7] * 5 + [1] * 10, 39)
    >>> round(idx["P1"], 5), round(idx["P6"], 6)
    (0.19627, 0.001865)
    >>> shapley_shubik_index([4, 2, 1], 5, rational=True)
    {'P1': Fraction(2, 3), 'P2': Fraction(1, 6), 'P3': Fraction(1, 6)}

    Few players with huge weights are counted by enumerating the coalitions:

    >>> shapley_shubik_index([10**200, 10**200, 1, 1], 2 * 10**200)
    {'P1': 0.5, 'P2': 0.5, 'P3': 0.0, 'P4': 0.0}
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="shapley_shubik_index", default=False)
    if progress is not None and not isinstance(progress, bool):
        raise InputError(f"progress must be None (auto), True or False, got {progress!r}")
    players, w, q = _integer_game(weights, quota, players)
    n = len(w)
    fact = [math.factorial(k) for k in range(n + 1)]
    if _choose_method(w, q, "Shapley-Shubik", method) == "enumerate":
        numer = {a: sum(s * fact[k] * fact[n - 1 - k] for k, s in enumerate(counts))
                 for a, counts in _enumerated_swings(w, q, by_size=True).items()}
    elif _ss_machine(n, q):
        distinct = list(set(w))
        nums = ss_numerators(np.array(w, dtype=np.int64), q,
                             np.array(distinct, dtype=np.int64)).tolist()
        numer = dict(zip(distinct, nums))
    else:
        numer = {a: sum(s * fact[k] * fact[n - 1 - k] for k, s in enumerate(counts))
                 for a, counts in _ss_swings_packed(w, q, progress).items()}
    return _allocation(players, w, numer, math.factorial(n), rational, "shapley-shubik index")


def banzhaf_index(weights, quota=None, players=None, normalized: bool = True, *,
                  rational: bool | None = None, exact: bool | None = None,
                  method: str = "auto") -> Allocation:
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
    method : {"auto", "dp", "enumerate"}
        As in :func:`shapley_shubik_index`.

    Returns
    -------
    Allocation
        ``{player: index}`` (a :class:`dict`); ``method`` is ``"banzhaf index (normalised)"``
        or ``"banzhaf index (raw)"``, ``std_errors`` is None.

        .. versionchanged:: 0.3
           An :class:`~govgames.networks.Allocation` instead of a plain dict (values unchanged).

    Notes
    -----
    With few players and a large quota the swings are counted by enumerating the ``2**n``
    coalitions instead (``method``). Otherwise ``O(n q)`` integer additions for the counts
    plus ``O(d q)`` per distinct weight; compiled int64 code up to 62 players (every count
    below ``2**62``), Python integers above. Weights and quota are reduced first as in
    :func:`shapley_shubik_index`. The memory estimate is
    that of one row of ``q`` counts (about six arrays of length ``q``), not the
    Shapley-Shubik table by coalition size.

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
    >>> banzhaf_index([1e299, 1e299, 1], 1e299, method="enumerate")
    {'P1': 0.5, 'P2': 0.5, 'P3': 0.0}
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="banzhaf_index", default=False)
    players, w, q = _integer_game(weights, quota, players)
    n = len(w)
    distinct = list(set(w))
    if _choose_method(w, q, "Banzhaf", method) == "enumerate":
        cache = _enumerated_swings(w, q, by_size=False)
    elif n <= min(BZ_MAX_PLAYERS, INT64_MAX_PLAYERS) and q <= _MACHINE_CELLS:
        counts = banzhaf_swings(np.array(w, dtype=np.int64), q,
                                np.array(distinct, dtype=np.int64)).tolist()
        cache = dict(zip(distinct, counts))
    else:
        C = _forward_counts(w, q, by_size=False)
        cache = {}
        for a in distinct:
            cache[a] = 0 if a == 0 else int(_without(C, a, q, by_size=False)[max(0, q - a):q].sum())
    if normalized:
        denominator = sum(cache[a] for a in w)
        if denominator == 0:
            raise InputError("no player is ever pivotal: the normalized index is undefined")
    else:
        denominator = 1 << (n - 1)
    method = "banzhaf index (normalised)" if normalized else "banzhaf index (raw)"
    return _allocation(players, w, cache, denominator, rational, method)
