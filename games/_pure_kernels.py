"""Compiled (numba) kernels of :mod:`govgames.games.pure`: best-response tests in one pass.

Each kernel takes one player's payoffs viewed as ``u[outer, a, inner]`` (the player's own
axis in the middle; a view of the game's payoff array, never a copy) and the equilibrium mask
viewed the same way (``uint8``, one byte per profile), and clears the mask where the player's
strategy is not a best response: ``u < best - tol * max(1, |best|)``, evaluated in the same
floating-point operations as the numpy path of :mod:`govgames.games.pure` so both give the same
bits. Compiled on first use and cached on disk by numba.
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Length of the best-payoff buffer of :func:`best_response_pass` (a few KiB, stays in cache).
FIBRE_BLOCK = 1024


@njit(cache=True, nogil=True, boundscheck=False)
def _pair_pass(u0, u1, m0, m1, tol):  # pragma: no cover - compiled
    """The two-action test on two contiguous rows (a loop LLVM vectorises)."""
    for j in range(u0.shape[0]):
        a = u0[j]
        b = u1[j]
        ma = abs(a)
        ma = ma if ma > 1.0 else 1.0
        mb = abs(b)
        mb = mb if mb > 1.0 else 1.0
        m0[j] &= np.uint8(a >= b - tol * mb)
        m1[j] &= np.uint8(b >= a - tol * ma)


@njit(cache=True, nogil=True, boundscheck=False)
def two_action_pass(u, m, tol):  # pragma: no cover - compiled; tested through pure.py
    """Two actions: compare the two halves of the own axis directly (no ``max``).

    Strategy 0 is a best response when ``u0 >= max(u0, u1) - slack``; if ``u0 >= u1`` this
    holds, otherwise the best is ``u1``, so the test is ``u0 >= u1 - tol * max(1, |u1|)``
    either way (and symmetrically for strategy 1). One read of ``u``.
    """
    outer = u.shape[0]
    inner = u.shape[2]
    if inner >= 16:
        for o in range(outer):
            _pair_pass(u[o, 0], u[o, 1], m[o, 0], m[o, 1], tol)
    else:       # short fibres (the last few players): strided columns
        for j in range(inner):
            _pair_pass(u[:, 0, j], u[:, 1, j], m[:, 0, j], m[:, 1, j], tol)


@njit(cache=True, nogil=True, boundscheck=False)
def best_response_pass(u, m, tol, buf):  # pragma: no cover - compiled; tested through pure.py
    """Any number of actions: the best payoff of ``len(buf)`` fibres at a time in ``buf``,
    then the comparison; the block of ``u`` is still in cache for the second read."""
    outer = u.shape[0]
    a = u.shape[1]
    inner = u.shape[2]
    block = buf.shape[0]
    for o in range(outer):
        for s in range(0, inner, block):
            e = min(inner, s + block)
            L = e - s
            row = u[o, 0]
            for j in range(L):
                buf[j] = row[s + j]
            for k in range(1, a):
                row = u[o, k]
                for j in range(L):
                    x = row[s + j]
                    if x > buf[j]:
                        buf[j] = x
            for j in range(L):
                b = buf[j]
                buf[j] = b - tol * max(abs(b), 1.0)
            for k in range(a):
                row = u[o, k]
                mrow = m[o, k]
                for j in range(L):
                    mrow[s + j] &= np.uint8(row[s + j] >= buf[j])
