"""Compiled (numba) kernels of :mod:`govgames.games.nplayer.logit`: one predictor-corrector step.

The logit equations of an N-player game are evaluated in the log-probabilities ``z`` of all
players' strategies (stacked, ``dim`` entries) and the precision ``lam``. One pass over the pure
profiles ``p`` accumulates, for every player ``i``, ``U_i(p) * exp(sum_{j != i} z_j(p_j))`` into
the row of ``i``'s strategy and the columns of every player's strategy: the diagonal gets the
expected payoffs ``u_i(s, x_-i)`` and the off-diagonal blocks their derivatives with respect to the
other players' log-probabilities. The residual and Jacobian of the whole system follow without
any loop over pairs of players, and the corrector solves its bordered linear systems by Gaussian
elimination with partial pivoting in place. Compiled on first use and cached on disk by numba.

References
----------
.. [1] E. L. Allgower and K. Georg, *Numerical Continuation Methods*, Springer, 1990, ch. 2
   (pseudo-arclength predictor-corrector) and ch. 6 (step length adaptation).
"""

from __future__ import annotations

import numpy as np
from numba import njit

# status codes of :func:`corrector_step`
ACCEPTED, REJECTED, SINGULAR = 0, 1, 2


@njit(cache=True, nogil=True)
def moment_matrix(z, cols, flat, C):  # pragma: no cover - compiled
    """``C[r, r] = u_i(s)``, ``C[r, c] = d u_i(s) / d z_c`` for ``c`` of another player."""
    n, ntot = cols.shape
    C[:, :] = 0.0
    for p in range(ntot):
        tot = 0.0
        for j in range(n):
            tot += z[cols[j, p]]
        for i in range(n):
            r = cols[i, p]
            e = flat[i, p] * np.exp(tot - z[r])
            for k in range(n):
                C[r, cols[k, p]] += e


@njit(cache=True, nogil=True)
def system(z, lam, indifference, cols, flat, base, end, C, H, J):  # pragma: no cover
    """Residual ``H`` and Jacobian ``J`` (``dim x (dim + 1)``, last column ``d/d lam``) of the
    logit equations at ``(z, lam)``; with ``indifference`` the equations of a support
    (``u_i(s) = u_i(first)``, probabilities summing to one) and ``J[:, :dim]`` only."""
    moment_matrix(z, cols, flat, C)
    dim = z.size
    for r in range(dim):
        b = base[r]
        e = end[r]
        if r == b:
            tot = 0.0
            for c in range(dim):
                J[r, c] = 0.0
            for c in range(b, e):
                x = np.exp(z[c])
                J[r, c] = x
                tot += x
            H[r] = tot - 1.0
            if not indifference:
                J[r, dim] = 0.0
            continue
        du = C[r, r] - C[b, b]
        scale = 1.0 if indifference else -lam
        for c in range(dim):
            J[r, c] = scale * (C[r, c] - C[b, c])
        for c in range(b, e):
            J[r, c] = 0.0
        if indifference:
            H[r] = du
        else:
            J[r, r] = 1.0
            J[r, b] = -1.0
            H[r] = z[r] - z[b] - lam * du
            J[r, dim] = -du


@njit(cache=True, nogil=True)
def solve(A, x):  # pragma: no cover - compiled
    """Solve ``A y = x`` in place (``x`` becomes ``y``; ``A`` is overwritten). False if singular."""
    m = x.size
    for k in range(m):
        piv = k
        big = abs(A[k, k])
        for r in range(k + 1, m):
            if abs(A[r, k]) > big:
                big = abs(A[r, k])
                piv = r
        if not big > 1e-300:
            return False
        if piv != k:
            for c in range(k, m):
                A[k, c], A[piv, c] = A[piv, c], A[k, c]
            x[k], x[piv] = x[piv], x[k]
        inv = 1.0 / A[k, k]
        for r in range(k + 1, m):
            f = A[r, k] * inv
            if f != 0.0:
                for c in range(k + 1, m):
                    A[r, c] -= f * A[k, c]
                x[r] -= f * x[k]
    for k in range(m - 1, -1, -1):
        s = x[k]
        for c in range(k + 1, m):
            s -= A[k, c] * x[c]
        x[k] = s / A[k, k]
    return True


@njit(cache=True, nogil=True)
def tangent(J, prev, A, out):  # pragma: no cover - compiled
    """Unit null vector of ``J`` with ``prev . out > 0`` (bordered system ``[J; prev]``)."""
    dim = J.shape[0]
    A[:dim, :] = J
    A[dim, :] = prev
    out[:] = 0.0
    out[dim] = 1.0
    if not solve(A, out):
        return False
    out /= np.sqrt(np.sum(out * out))
    return True


@njit(cache=True, nogil=True)
def corrector_step(v, t, h, tol, max_dist, max_contr, max_iter, cols, flat, base, end,
                   C, H, J, A, d, w):  # pragma: no cover - compiled
    """Predict ``w = v + h t`` and correct it by Newton's method orthogonal to ``t``.

    Returns ``(status, deceleration)``: ``w`` holds the point on the path when accepted and
    ``J`` its Jacobian; ``deceleration`` is Allgower and Georg's factor from the first Newton
    step's length and the contraction rate (above 1: shorten the next step).
    """
    dim = t.size - 1
    for k in range(dim + 1):
        w[k] = v[k] + h * t[k]
    decel = 0.0
    last = 0.0
    for it in range(max_iter):
        system(w[:dim], w[dim], False, cols, flat, base, end, C, H, J)
        A[:dim, :] = J
        A[dim, :] = t
        d[:dim] = H
        d[dim] = 0.0
        if not solve(A, d):
            return SINGULAR, decel
        dist = np.sqrt(np.sum(d * d))
        if not dist < max_dist:
            return REJECTED, decel
        decel = max(decel, np.sqrt(dist / max_dist))
        if it > 0:
            contr = dist / (last + 0.1 * tol)  # floored as in Allgower and Georg
            if contr > max_contr:
                return REJECTED, decel
            decel = max(decel, np.sqrt(contr / max_contr))
        w -= d
        if dist <= tol:
            system(w[:dim], w[dim], False, cols, flat, base, end, C, H, J)
            return ACCEPTED, decel
        last = dist
    return REJECTED, decel


@njit(cache=True, nogil=True)
def newton_support(z, iters, cols, flat, base, end, C, H, J, A):  # pragma: no cover
    """Newton's method on the indifference equations of a support game, in place on ``z``.

    Returns the number of iterations, or -1 when a step is singular or not finite.
    """
    dim = z.size
    for it in range(iters):
        system(z, 0.0, True, cols, flat, base, end, C, H, J)
        A[:, :] = J[:, :dim]
        if not solve(A, H):
            return -1
        big = 0.0
        for k in range(dim):
            z[k] -= H[k]
            big = max(big, abs(H[k]))
        if not np.isfinite(big) or np.max(z) > 1.0:
            return -1
        if big < 1e-14:
            return it + 1
    return iters
