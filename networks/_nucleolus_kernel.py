"""Compiled bookkeeping between the linear programs of the nucleolus (numba).

The stages of :func:`govgames.networks.stability.nucleolus` are linear programs (HiGHS); between
two of them the algorithm extends an orthonormal basis of the fixed coalitions, finds the open
coalitions now in their span, and, when one free direction is left, solves the last stage in
closed form. On small games these steps are a few dozen tiny array operations each, which cost
more than the linear programs themselves; here they are loops over the bits of the coalition
masks (bit ``i`` of a mask: player ``i`` is a member).

References
----------
.. [1] M. Maschler, B. Peleg and L. S. Shapley, "Geometric properties of the kernel, nucleolus,
   and related solution concepts", *Mathematics of Operations Research* 4 (1979) 303-338.
.. [2] L. Giraud, J. Langou and M. Rozloznik, "The loss of orthogonality in the Gram-Schmidt
   orthogonalization process", *Computers & Mathematics with Applications* 50 (2005) 1069-1075
   (Gram-Schmidt applied twice keeps the basis orthogonal to working precision).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

__all__ = ["extend_basis", "span_residuals", "last_stage"]


@nb.njit(cache=True, nogil=True)
def extend_basis(B, rank, masks, tol):
    """Extend the orthonormal columns ``B[:, :rank]`` (``B``: ``n x n``, filled in place) by
    the membership vectors of ``masks`` that are not in their span: modified Gram-Schmidt, run
    twice; a vector joins when its squared residual exceeds ``tol``. Returns the new rank and
    the positions (in ``masks``) of the vectors that joined."""
    n = B.shape[0]
    joined = np.empty(masks.shape[0], dtype=np.int64)
    n_joined = 0
    r = np.empty(n)
    for i in range(masks.shape[0]):
        if rank >= n:
            break
        m = masks[i]
        for k in range(n):
            r[k] = float((m >> k) & 1)
        for _twice in range(2):
            for j in range(rank):
                dot = 0.0
                for k in range(n):
                    dot += B[k, j] * r[k]
                for k in range(n):
                    r[k] -= dot * B[k, j]
        norm2 = 0.0
        for k in range(n):
            norm2 += r[k] * r[k]
        if norm2 > tol:
            scale = 1.0 / math.sqrt(norm2)
            for k in range(n):
                B[k, rank] = r[k] * scale
            rank += 1
            joined[n_joined] = i
            n_joined += 1
    return rank, joined[:n_joined]


@nb.njit(cache=True, nogil=True)
def span_residuals(B, rank, masks):
    """Squared distance of each mask's membership vector ``a`` to the span of the orthonormal
    columns ``B[:, :rank]``: ``|a|**2 - sum_j (a . B[:, j])**2``."""
    n = B.shape[0]
    out = np.empty(masks.shape[0])
    for t in range(masks.shape[0]):
        m = masks[t]
        size = 0
        for k in range(n):
            size += (m >> k) & 1
        proj = 0.0
        for j in range(rank):
            s = 0.0
            for k in range(n):
                if (m >> k) & 1:
                    s += B[k, j]
            proj += s * s
        out[t] = size - proj
    return out


@nb.njit(cache=True, nogil=True)
def _free_direction(B):
    """The unit vector orthogonal to the orthonormal columns ``B[:, :n-1]``: ``e_k`` for the
    coordinate least in their span (``1 - |B[k, :n-1]|**2 >= 1/n``, well conditioned) minus
    its projection, projected twice."""
    n = B.shape[0]
    k_min, least = 0, np.inf
    for k in range(n):
        w = 0.0
        for j in range(n - 1):
            w += B[k, j] * B[k, j]
        if w < least:
            k_min, least = k, w
    d = np.zeros(n)
    d[k_min] = 1.0
    for _twice in range(2):
        for j in range(n - 1):
            dot = 0.0
            for k in range(n):
                dot += B[k, j] * d[k]
            for k in range(n):
                d[k] -= dot * B[k, j]
    return d / math.sqrt(np.sum(d * d))


@nb.njit(cache=True, nogil=True)
def _fixed_system(v, d, pivot_masks, pivot_excess, x_prev):
    """``(F, rhs)``: the ``n - 1`` fixed equalities ``x(S) = v(S) - excess`` and, last,
    ``d . x = d . x_prev`` (the point of the line through the previous solution)."""
    n = d.shape[0]
    F = np.zeros((n, n))
    rhs = np.empty(n)
    for r in range(n - 1):
        m = pivot_masks[r]
        for k in range(n):
            F[r, k] = float((m >> k) & 1)
        rhs[r] = v[m] - pivot_excess[r]
    F[n - 1, :] = d
    rhs[n - 1] = np.sum(d * x_prev)
    return F, rhs


@nb.njit(cache=True, nogil=True)
def _excess_lines(v, active, x0, d):
    """The excess ``a_S - c_S t`` of each open coalition on the line ``x0 + t d``."""
    n = d.shape[0]
    a = np.empty(active.shape[0])
    c = np.empty(active.shape[0])
    for t in range(active.shape[0]):
        m = active[t]
        sx, sd = 0.0, 0.0
        for k in range(n):
            if (m >> k) & 1:
                sx += x0[k]
                sd += d[k]
        a[t] = v[m] - sx
        c[t] = sd
    return a, c


@nb.njit(cache=True, nogil=True)
def _t_bounds(d, x0, lower, span_tol):
    """``(t_lo, k_lo, t_hi, k_hi)``: the interval of ``t`` with ``x0 + t d >= lower`` and the
    players whose bounds end it (-1: unbounded side). A player with ``d_k**2 <= span_tol``
    has a fixed payoff (its singleton is in the span), not a bound on ``t``."""
    t_lo, t_hi = -np.inf, np.inf
    k_lo, k_hi = -1, -1
    for k in range(d.shape[0]):
        if d[k] * d[k] > span_tol:
            bound = (lower[k] - x0[k]) / d[k]
            if d[k] > 0 and bound > t_lo:
                t_lo, k_lo = bound, k
            elif d[k] < 0 and bound < t_hi:
                t_hi, k_hi = bound, k
    return t_lo, k_lo, t_hi, k_hi


@nb.njit(cache=True, nogil=True)
def _best_crossing(a, c):
    """``(i, j)``: the rising line ``i`` (``c_i < 0``) and falling line ``j`` (``c_j > 0``)
    whose crossing is highest, ``(a_i c_j - a_j c_i) / (c_j - c_i)`` (first in order on ties);
    ``n_rise * n_fall`` evaluations."""
    rising = np.flatnonzero(c < 0)
    falling = np.flatnonzero(c > 0)
    best, i_best, j_best = -np.inf, -1, -1
    for i in rising:
        for j in falling:
            value = (a[i] * c[j] - a[j] * c[i]) / (c[j] - c[i])
            if value > best:
                best, i_best, j_best = value, i, j
    return i_best, j_best


@nb.njit(cache=True, nogil=True)
def last_stage(v, active, B, pivot_masks, pivot_excess, x_prev, lower, has_lower, span_tol,
               max_pairs):
    """The last stage when ``B[:, :n-1]`` spans the fixed coalitions (one free direction).

    See :func:`govgames.networks.stability._last_stage` for the method. Returns ``(ok, x)``;
    ``ok`` is False when the stage is left to the linear program (unbounded lines, or more
    than ``max_pairs`` pairs of rising and falling lines). ``x`` solves the fixed equalities
    and the one that decides the stage: the two crossing excesses are equal, or a payoff is
    at its lower bound.
    """
    n = B.shape[0]
    d = _free_direction(B)
    F, rhs = _fixed_system(v, d, pivot_masks, pivot_excess, x_prev)
    x0 = np.linalg.solve(F, rhs)
    a, c = _excess_lines(v, active, x0, d)
    n_rise, n_fall = np.sum(c < 0), np.sum(c > 0)
    t_lo, k_lo, t_hi, k_hi = -np.inf, -1, np.inf, -1
    if has_lower:
        t_lo, k_lo, t_hi, k_hi = _t_bounds(d, x0, lower, span_tol)
    if n_rise * n_fall > max_pairs:
        return False, x0
    i, j = -1, -1
    if n_rise > 0 and n_fall > 0:
        i, j = _best_crossing(a, c)
        t_star = (a[j] - a[i]) / (c[j] - c[i])
    elif n_fall > 0 and k_hi >= 0:
        t_star = t_hi       # every excess falls with t: as far as the bounds allow
    elif n_rise > 0 and k_lo >= 0:
        t_star = t_lo
    else:
        return False, x0
    F[n - 1, :] = 0.0
    if k_lo >= 0 and t_star <= t_lo:
        F[n - 1, k_lo], rhs[n - 1] = 1.0, lower[k_lo]
    elif k_hi >= 0 and t_star >= t_hi:
        F[n - 1, k_hi], rhs[n - 1] = 1.0, lower[k_hi]
    else:       # x(S_i) - x(S_j) = v(S_i) - v(S_j)
        for k in range(n):
            F[n - 1, k] = float((active[i] >> k) & 1) - float((active[j] >> k) & 1)
        rhs[n - 1] = v[active[i]] - v[active[j]]
    return True, np.linalg.solve(F, rhs)
