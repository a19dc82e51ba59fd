"""Compiled counting of swings in weighted voting games with machine integers (numba).

The small-game path of :mod:`govgames.networks.voting`: the same generating functions, in
int64 arrays, when every number fits. A count of coalitions is at most ``2**n``; the
Shapley-Shubik numerator of a player (the orders in which it is pivotal) is at most ``n!``,
below ``2**63`` for ``n <= 20``; the Banzhaf swings are at most ``2**(n-1)``. Both functions
return exact integers (int64), never rounded.

Counting (Matsui and Matsui 2000): the coefficients of ``prod_j (1 + x y^{w_j})`` below
``y^q`` (``x`` counts members, ``y`` weight) built one player at a time, then the factor of one
player of weight ``a`` divided out (``D_k(y) = C_k(y) - y^a D_{k-1}(y)``); a player of weight
``a`` is pivotal for the coalitions of the others of weight ``q - a .. q - 1``.

References
----------
.. [1] T. Matsui and Y. Matsui, "A survey of algorithms for calculating power indices of
   weighted majority games", *Journal of the Operations Research Society of Japan* 43 (2000)
   71-86.
.. [2] L. S. Shapley and M. Shubik, "A method for evaluating the distribution of power in a
   committee system", *American Political Science Review* 48 (1954) 787-792.
"""

from __future__ import annotations

import numba as nb
import numpy as np

__all__ = ["ss_numerators", "banzhaf_swings", "SS_MAX_PLAYERS", "BZ_MAX_PLAYERS"]

#: Largest n whose Shapley-Shubik numerators (at most n!) fit in int64.
SS_MAX_PLAYERS = 20
#: Largest n whose coalition counts (at most 2**n) fit in int64.
BZ_MAX_PLAYERS = 62



@nb.njit(cache=True, nogil=True)
def _counts_by_size(w, q):
    """``C[k, s]``: coalitions of ``k`` players of total weight ``s < q``."""
    n = w.shape[0]
    C = np.zeros((n + 1, q), dtype=np.int64)
    C[0, 0] = 1
    top = 0
    for i in range(n):
        a = w[i]
        if a >= q:
            continue
        for k in range(top + 1, 0, -1):
            for s in range(q - 1, a - 1, -1):
                C[k, s] += C[k - 1, s - a]
        top += 1
    return C


@nb.njit(cache=True, nogil=True)
def ss_numerators(w, q, distinct):
    """For each weight ``a`` of ``distinct``: the number of the ``n!`` orders in which a player
    of weight ``a`` is pivotal (``sum_k s_a(k) k! (n-1-k)!``), int64 (``n <= 20``).

    Examples
    --------
    >>> import numpy as np
    >>> ss_numerators(np.array([4, 2, 1]), 5, np.array([4, 2, 1])).tolist()   # of 3! = 6
    [4, 1, 1]
    """
    n = w.shape[0]
    fact = np.ones(n + 1, dtype=np.int64)
    for k in range(1, n + 1):
        fact[k] = fact[k - 1] * k
    C = _counts_by_size(w, q)
    out = np.zeros(distinct.shape[0], dtype=np.int64)
    D = np.empty(q, dtype=np.int64)
    prev = np.zeros(q, dtype=np.int64)
    for t in range(distinct.shape[0]):
        a = distinct[t]
        if a == 0:
            continue
        lo = max(0, q - a)
        for s in range(q):
            prev[s] = 0
        total = np.int64(0)
        for k in range(n):
            for s in range(min(a, q)):
                D[s] = C[k, s]
            for s in range(a, q):
                D[s] = C[k, s] - prev[s - a]
            swings = np.int64(0)
            for s in range(lo, q):
                swings += D[s]
            total += swings * fact[k] * fact[n - 1 - k]
            D, prev = prev, D
        out[t] = total
    return out


@nb.njit(cache=True, nogil=True)
def banzhaf_swings(w, q, distinct):
    """For each weight ``a`` of ``distinct``: the swings of a player of weight ``a`` (the
    coalitions of the others that lose without it and win with it), int64 (``n <= 62``).

    Examples
    --------
    >>> import numpy as np
    >>> banzhaf_swings(np.array([4, 2, 1]), 5, np.array([4, 2, 1])).tolist()
    [3, 1, 1]
    """
    C = np.zeros(q, dtype=np.int64)
    C[0] = 1
    for i in range(w.shape[0]):
        a = w[i]
        if a >= q:
            continue
        for s in range(q - 1, a - 1, -1):
            C[s] += C[s - a]
    out = np.zeros(distinct.shape[0], dtype=np.int64)
    D = np.empty(q, dtype=np.int64)
    for t in range(distinct.shape[0]):
        a = distinct[t]
        if a == 0:
            continue
        for s in range(min(a, q)):
            D[s] = C[s]
        for s in range(a, q):
            D[s] = C[s] - D[s - a]
        swings = np.int64(0)
        for s in range(max(0, q - a), q):
            swings += D[s]
        out[t] = swings
    return out
