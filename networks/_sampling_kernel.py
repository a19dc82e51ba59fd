"""Compiled kernels of permutation sampling (numba): random orders from uniforms, and the
marginal contributions and their moments of a tabulated game, without index arrays.

The orders are the Fisher-Yates shuffles (Durstenfeld 1964) of
:func:`govgames.networks.sampling._draw_orders`, built from the same uniforms in the same way
(order ``r`` uses row ``r`` of ``U``: for ``j = n-1, ..., 1`` position ``j`` is swapped with
position ``floor(U[r, j-1] (j + 1))``), so both give the same orders bit for bit.

In an order the value of each prefix is read from the value table at the prefix's bit mask,
updated one player at a time; the marginal contribution of the player entering is the
difference of two consecutive reads (Castro, Gomez and Tejada 2009). The moments of the draws
are the two-pass mean and sum of squared deviations (Chan, Golub and LeVeque 1983).

References
----------
.. [1] R. Durstenfeld, "Algorithm 235: Random permutation", *Communications of the ACM* 7
   (1964) 420.
.. [2] J. Castro, D. Gomez, J. Tejada, "Polynomial calculation of the Shapley value based on
   sampling", *Computers & Operations Research* 36 (2009) 1726-1730.
.. [3] T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the sample variance",
   *The American Statistician* 37 (1983) 242-247.
"""

from __future__ import annotations

import numba as nb
import numpy as np

__all__ = ["fisher_yates", "prefix_masks", "table_draws", "table_draws_into", "moments"]



@nb.njit(cache=True, nogil=True)
def _shuffle_row(u, out):
    """Fisher-Yates shuffle of ``0..n-1`` into ``out`` from the ``n - 1`` uniforms ``u``."""
    n = out.shape[0]
    for i in range(n):
        out[i] = i
    for j in range(n - 1, 0, -1):
        t = int(u[j - 1] * (j + 1))
        a = out[t]
        out[t] = out[j]
        out[j] = a


@nb.njit(cache=True, nogil=True)
def fisher_yates(U, n):
    """``(k, n)`` int32 orders, row ``r`` shuffled with the uniforms ``U[r]`` (``(k, n-1)``).

    Examples
    --------
    >>> import numpy as np
    >>> fisher_yates(np.zeros((1, 3)), 3).tolist()     # each swap with position 0
    [[1, 2, 0]]
    """
    k = U.shape[0]
    P = np.empty((k, n), dtype=np.int32)
    for r in range(k):
        _shuffle_row(U[r], P[r])
    return P


@nb.njit(cache=True, nogil=True)
def prefix_masks(P):
    """``(k, n - 1)`` int64: column ``j`` is the bit mask of the first ``j + 1`` players of
    each order (row) of ``P`` (``n < 63``).

    Examples
    --------
    >>> import numpy as np
    >>> prefix_masks(np.array([[2, 0, 1]], dtype=np.int32)).tolist()
    [[4, 5]]
    """
    k, n = P.shape
    M = np.empty((k, max(n - 1, 0)), dtype=np.int64)
    for r in range(k):
        mask = np.int64(0)
        for j in range(n - 1):
            mask |= np.int64(1) << np.int64(P[r, j])
            M[r, j] = mask
    return M


#: Orders whose prefix masks are formed before the table is read: the reads of a block are
#: independent, so the processor overlaps their cache misses (a table above the cache size).
BLOCK = 128


@nb.njit(cache=True, nogil=True)
def _block_orders(U, r0, b, antithetic, P):
    """Rows ``0 .. b-1`` (or ``0 .. 2b-1``: each order then its reverse) of ``P``: the orders
    shuffled with ``U[r0], ..., U[r0 + b - 1]``."""
    n = P.shape[1]
    per = 2 if antithetic else 1
    for r in range(b):
        _shuffle_row(U[r0 + r], P[per * r])
        if antithetic:
            for j in range(n):
                P[per * r + 1, j] = P[per * r, n - 1 - j]


@nb.njit(cache=True, nogil=True)
def _gather(table, P, rows, M, V):
    """``V``: the table at the masks ``M`` of the proper prefixes of rows ``0 .. rows-1`` of
    ``P`` (row-major, ``n - 1`` per order), the masks all formed first."""
    n = P.shape[1]
    t = 0
    for q in range(rows):
        mask = np.int64(0)
        for j in range(n - 1):
            mask |= np.int64(1) << np.int64(P[q, j])
            M[t] = mask
            t += 1
    for s in range(t):
        V[s] = table[M[s]]


@nb.njit(cache=True, nogil=True)
def _contributions(order, V, t0, v_grand, out):
    """The marginal contributions along ``order`` from its prefix values ``V[t0:]``."""
    n = order.shape[0]
    prev = 0.0
    for j in range(n - 1):
        val = V[t0 + j]
        out[order[j]] = val - prev
        prev = val
    out[order[n - 1]] = v_grand - prev


@nb.njit(cache=True, nogil=True)
def table_draws(table, U, n, v_grand, antithetic):
    """The draws of permutation sampling on a tabulated game, ``(k, n)``.

    Row ``r`` holds the marginal contributions of the players in the order shuffled with
    ``U[r]``; with ``antithetic`` the mean of those in that order and in its reverse.

    Examples
    --------
    >>> import numpy as np
    >>> v = np.array([0.0, 1.0, 2.0, 4.0])            # v(A) = 1, v(B) = 2, v(AB) = 4
    >>> table_draws(v, np.zeros((1, 1)), 2, 4.0, False).tolist()   # order B, A
    [[2.0, 2.0]]
    >>> table_draws(v, np.zeros((1, 1)), 2, 4.0, True).tolist()
    [[1.5, 2.5]]
    """
    D = np.empty((U.shape[0], n))
    table_draws_into(table, U, n, v_grand, antithetic, D)
    return D


@nb.njit(cache=True, nogil=True)
def table_draws_into(table, U, n, v_grand, antithetic, D):
    """:func:`table_draws` written into ``D`` (``(k, n)``, ``k = U.shape[0]``): a buffer
    reused across batches, since allocating the draws anew each batch is slow where
    ``MALLOC_TRIM_THRESHOLD_`` is set, as Dask workers set it.

    Examples
    --------
    >>> import numpy as np
    >>> D = np.empty((1, 2))
    >>> table_draws_into(np.array([0.0, 1.0, 2.0, 4.0]), np.zeros((1, 1)), 2, 4.0, False, D)
    >>> D.tolist()
    [[2.0, 2.0]]
    """
    k = U.shape[0]
    per = 2 if antithetic else 1
    P = np.empty((BLOCK * per, n), dtype=np.int32)
    M = np.empty(BLOCK * per * max(n - 1, 0), dtype=np.int64)
    V = np.empty(BLOCK * per * max(n - 1, 0))
    C = np.empty((BLOCK * per, n))
    for r0 in range(0, k, BLOCK):
        b = min(BLOCK, k - r0)
        _block_orders(U, r0, b, antithetic, P)
        _gather(table, P, b * per, M, V)
        for q in range(b * per):
            _contributions(P[q], V, q * (n - 1), v_grand, C[q])
        for r in range(b):
            for i in range(n):
                D[r0 + r, i] = 0.5 * (C[2 * r, i] + C[2 * r + 1, i]) if antithetic else C[r, i]


@nb.njit(cache=True, nogil=True)
def moments(D):
    """Mean and sum of squared deviations of the rows of ``D`` (two passes), per column.

    Examples
    --------
    >>> import numpy as np
    >>> mean, m2 = moments(np.array([[1.0, 0.0], [3.0, 0.0]]))
    >>> mean.tolist(), m2.tolist()
    ([2.0, 0.0], [2.0, 0.0])
    """
    k, n = D.shape
    mean = np.zeros(n)
    for r in range(k):
        for i in range(n):
            mean[i] += D[r, i]
    for i in range(n):
        mean[i] /= k
    m2 = np.zeros(n)
    for r in range(k):
        for i in range(n):
            d = D[r, i] - mean[i]
            m2[i] += d * d
    return mean, m2
