"""Equilibria of one support profile in floating point, each certified by interval arithmetic.

The fast path of :func:`~govgames.games.nplayer.enumerate.enumerate_equilibria` with
``rational=False``. The unit box of the unknowns ``y`` (the probabilities of ``S_i[1:]`` for each
mixing player ``i``) is bisected as in
:func:`~govgames.games.nplayer.exclusion.support_excluded`, boxes that provably hold no
equilibrium being discarded (:meth:`~govgames.games.nplayer.exclusion.SupportBoxes.discard`)
and the others contracted (:meth:`~govgames.games.nplayer.exclusion.SupportBoxes.contract`).
Each remaining box ``X`` no wider than :data:`KRAWCZYK_WIDTH`, enlarged by a tenth, is
submitted to the *Krawczyk test* (Krawczyk 1969; Moore, Kearfott and Cloud 2009, sec. 8.3):
with ``m`` its centre, ``Y`` an approximate inverse of the Jacobian at ``m`` and ``J(X)`` an
interval enclosure of the Jacobian over ``X``,

    ``K(X) = m - Y F(m) + (I - Y J(X)) (X - m)``.

If ``K(X)`` lies in the interior of ``X`` the indifference equations ``F = 0`` have exactly one
solution in ``X``; if ``K(X)`` and ``X`` are disjoint they have none. Both conclusions are
rigorous here: the equations are multilinear, so their values and their Jacobian's over a box
are spanned by the values at its vertices, and every floating-point operation is followed by an
outward bound on its rounding error (Higham 2002, ch. 3). A certified root is refined by Newton's
method and certified again in a box of width about ``1e-9``, whose Krawczyk image (width about
``1e-15``) is its final enclosure; the root is an equilibrium when that enclosure has every
probability positive and every unused strategy's payoff deficit (*slack*) non-negative, decided
in the same interval arithmetic.

Anything undecided (a box neither excluded nor certified within the depth limit, a root whose
probability or slack could be zero, two enclosures that cannot be told apart, a system whose
equations are fewer than its unknowns) makes :func:`certified_support_points` return None, and
the caller solves that support exactly. So the list of equilibria stays complete.

References
----------
.. [1] R. Krawczyk, "Newton-Algorithmen zur Bestimmung von Nullstellen mit Fehlerschranken",
   *Computing* 4 (1969), 187-201.
.. [2] R. E. Moore, R. B. Kearfott and M. J. Cloud, *Introduction to Interval Analysis*, SIAM,
   2009, ch. 8.
.. [3] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002,
   ch. 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .exclusion import SupportBoxes, _bisect, _range_over_axis1, _surviving

__all__ = ["INFLATE", "KRAWCZYK_WIDTH", "certified_support_points"]

_U = 2.0 ** -53
_TINY = 1e-290

#: Boxes are enlarged by this factor (about their centres) before the Krawczyk test, so that a
#: root on a face shared by two boxes (rational roots such as 1/2 fall on bisection points) is
#: in the interior of the enlarged box.
INFLATE = 1.1

#: Number of boxes bisected at once (about).
_BATCH = 128

#: Least half-width of a box submitted to the Krawczyk test: contraction can shrink a box
#: around a root to a few units in the last place, too thin for the test's rounding margins and
#: for the refined enclosure (half-width 1e-9) that must fit inside it.
_MIN_HALF_WIDTH = 1e-6

#: The Krawczyk test is applied to boxes no wider than this (wider boxes rarely pass it).
KRAWCZYK_WIDTH = 0.2


@dataclass
class _Form:
    """Multilinear forms ``sum C[k, idx] prod_o x_o[idx_o]`` over some mixing players."""

    others: tuple        # positions (among the mixing players) of the players multiplied
    coef: np.ndarray     # (M, K) coefficients; (K,) constant values when ``others`` is empty
    sumabs: np.ndarray   # (K,) sum of absolute coefficients
    rows: np.ndarray     # (K,) row index in the target matrix/vector
    cols: np.ndarray     # (K,) column index (Jacobian forms) or zeros


def _make_form(C: np.ndarray, others: tuple, rows, cols) -> _Form:
    K = C.shape[0]
    flat = C.reshape(K, -1)
    if not others:
        return _Form((), flat[:, 0].copy(), np.abs(flat[:, 0]), np.asarray(rows), np.asarray(cols))
    return _Form(others, np.ascontiguousarray(flat.T), np.abs(flat).sum(axis=1),
                 np.asarray(rows), np.asarray(cols))


def _forms(sb: SupportBoxes) -> tuple | None:
    """The equation, Jacobian and slack forms of a support (None when not square)."""
    eqs, jac, slacks = [], [], []
    e0 = 0
    for r in sb.rows:
        n_eq = r.n_eq
        if n_eq:
            E = r.full[:n_eq]
            eqs.append(_make_form(E, r.others, e0 + np.arange(n_eq), np.zeros(n_eq, int)))
            for m, o in enumerate(r.others):
                s = sb.sizes[o]
                D = np.take(E, np.arange(1, s), axis=m + 1) - np.take(E, [0], axis=m + 1)
                D = np.moveaxis(D, m + 1, 1)  # (n_eq, s - 1, rest)
                rows = np.repeat(e0 + np.arange(n_eq), s - 1)
                cols = np.tile(sb.offsets[o] + np.arange(s - 1), n_eq)
                rest = r.others[:m] + r.others[m + 1:]
                jac.append(_make_form(D.reshape((n_eq * (s - 1),) + D.shape[2:]), rest,
                                      rows, cols))
        if r.full.shape[0] > n_eq:
            S = r.full[n_eq:]
            slacks.append(_make_form(S, r.others, np.arange(S.shape[0]),
                                     np.zeros(S.shape[0], int)))
        e0 += n_eq
    if e0 != sb.nvars:
        return None
    return _merge(eqs), _merge(jac), _merge(slacks)


def _merge(forms: list) -> list:
    """One form per set of multiplied players (fewer, larger matrix products)."""
    groups: dict = {}
    for f in forms:
        groups.setdefault(f.others, []).append(f)
    out = []
    for others, fs in groups.items():
        axis = 0 if not others else 1
        out.append(_Form(others, np.concatenate([f.coef for f in fs], axis=axis),
                         np.concatenate([f.sumabs for f in fs]),
                         np.concatenate([f.rows for f in fs]),
                         np.concatenate([f.cols for f in fs])))
    return out


def _form_range(form: _Form, X: list, maxsize: int) -> tuple:
    """Rigorous lower and upper bounds, shape (B, K), of the forms over boxes whose vertex
    probability vectors are ``X`` (per mixing player, (B, V, s))."""
    B = X[0].shape[0]
    if not form.others:
        c = np.broadcast_to(form.coef, (B, form.coef.shape[0]))
        return c, c
    W = X[form.others[0]]
    bnd = np.abs(W).max(axis=(1, 2))
    for o in form.others[1:]:
        Xo = X[o]
        bnd = np.maximum(bnd, np.abs(Xo).max(axis=(1, 2)))
        W = (W[:, :, None, :, None] * Xo[:, None, :, None, :]).reshape(
            B, W.shape[1] * Xo.shape[1], W.shape[2] * Xo.shape[2])
    vals = W @ form.coef
    low, high = _range_over_axis1(vals)
    k, m = len(form.others), form.coef.shape[0]
    factor = np.maximum(bnd, 1.0) ** k * (8 * (k + m + maxsize + 2) * _U)
    margin = factor[:, None] * form.sumabs[None, :] + _TINY
    return low - margin, high + margin


def _assemble(forms, X, maxsize, B, n, square):
    lo = np.zeros((B, n, n) if square else (B, n))
    hi = np.zeros_like(lo)
    for f in forms:
        a, b = _form_range(f, X, maxsize)
        if square:
            lo[:, f.rows, f.cols] = a
            hi[:, f.rows, f.cols] = b
        else:
            lo[:, f.rows] = a
            hi[:, f.rows] = b
    return lo, hi


def _up(x: np.ndarray, g: float) -> np.ndarray:
    """An upper bound of a non-negative quantity computed with relative error below ``g``."""
    return x * (1.0 + g) + _TINY


def _krawczyk(sb: SupportBoxes, forms, lo: np.ndarray, hi: np.ndarray) -> tuple:
    """The Krawczyk test on boxes ``[lo, hi]`` (B, n). Returns masks (unique root in the box,
    no root in the box) and the enclosure ``[klo, khi]`` of ``K(X)``."""
    eqs, jac = forms[0], forms[1]
    B, n = lo.shape
    maxsize = max(sb.sizes)
    g = 8 * (n + maxsize + 4) * _U
    m = 0.5 * (lo + hi)
    rx = _up(np.maximum(hi - m, m - lo), g)
    Xm, _ = sb._vertices(m, m)
    fl, fh = _assemble(eqs, Xm, maxsize, B, n, False)
    Xb, _ = sb._vertices(lo, hi)
    jl, jh = _assemble(jac, Xb, maxsize, B, n, True)
    fm, fr = 0.5 * (fl + fh), _up(0.5 * (fh - fl), g)
    jm, jr = 0.5 * (jl + jh), _up(0.5 * (jh - jl), g)
    with np.errstate(all="ignore"):
        try:
            Y = np.linalg.inv(jm)
        except np.linalg.LinAlgError:
            Y = np.zeros_like(jm)
            for b in range(B):
                try:
                    Y[b] = np.linalg.inv(jm[b])
                except np.linalg.LinAlgError:
                    pass
        A = np.abs(Y)
        yf = np.einsum("bij,bj->bi", Y, fm)
        yf_r = _up(np.einsum("bij,bj->bi", A, fr + g * np.abs(fm)), g)
        M = np.eye(n)[None] - Y @ jm
        Mr = _up(A @ (jr + g * np.abs(jm)) + g * (np.abs(M) + 1.0), g)
        md_r = _up(np.einsum("bij,bj->bi", np.abs(M) + Mr, rx), g)
        kc = m - yf
        kr = _up(yf_r + md_r + g * (np.abs(kc) + np.abs(m)), g)
        klo, khi = kc - kr, kc + kr
    finite = np.isfinite(klo).all(axis=1) & np.isfinite(khi).all(axis=1)
    inside = finite & (klo > lo).all(axis=1) & (khi < hi).all(axis=1)
    empty = finite & ((khi < lo) | (klo > hi)).any(axis=1)
    return inside, empty, klo, khi


def _refine(sb: SupportBoxes, forms, klo, khi, region_lo, region_hi):
    """Newton-refined enclosures of certified roots (None where refinement fails)."""
    pts = 0.5 * (klo + khi)
    for b in range(pts.shape[0]):
        y = pts[b]
        for _ in range(6):
            F, J, _, _ = sb._evaluate(y)
            try:
                step = np.linalg.solve(J, F)
            except np.linalg.LinAlgError:
                break
            if not np.all(np.isfinite(step)):
                break
            y = y - step
            if np.abs(step).max() < 1e-15:
                break
        pts[b] = y
    rad = 1e-9
    lo, hi = pts - rad, pts + rad
    ok = (lo > region_lo).all(axis=1) & (hi < region_hi).all(axis=1)
    inside, _, rlo, rhi = _krawczyk(sb, forms, lo, hi)
    return ok & inside, rlo, rhi


def _classify(sb: SupportBoxes, forms, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per root enclosure: 1 (an equilibrium), 0 (certainly not), -1 (undecided)."""
    B = lo.shape[0]
    pos = np.ones(B, dtype=bool)
    neg = np.zeros(B, dtype=bool)
    for k, size in enumerate(sb.sizes):
        a, b = sb.offsets[k], sb.offsets[k + 1]
        e = 8 * (size + 2) * _U
        first_lo = 1.0 - hi[:, a:b].sum(axis=1) - e
        first_hi = 1.0 - lo[:, a:b].sum(axis=1) + e
        pos &= (lo[:, a:b] > 0).all(axis=1) & (first_lo > 0)
        neg |= (hi[:, a:b] < 0).any(axis=1) | (first_hi < 0)
    X, _ = sb._vertices(lo, hi)
    maxsize = max(sb.sizes)
    for f in forms[2]:
        a, b = _form_range(f, X, maxsize)
        pos &= (a >= 0).all(axis=1)
        neg |= (b < 0).any(axis=1)
    return np.where(neg, 0, np.where(pos, 1, -1))


def _isolate(sb: SupportBoxes, forms, max_boxes: int, max_levels: int):
    """Certified roots ``(enclosure lo, enclosure hi, region lo, region hi)`` of the equations
    in every box that may hold an equilibrium, or None when some box stays undecided.

    Boxes are also contracted: every root in ``X`` lies in ``K(X')`` for the enlarged box
    ``X'``, so ``X`` is replaced by ``X`` intersected with ``K(X')``."""
    lo, hi = np.zeros((1, sb.nvars)), np.ones((1, sb.nvars))
    found: list = []
    for level in range(max_levels):
        lo, hi = _surviving(sb, lo, hi)
        for flo, fhi, rlo, rhi in found:  # boxes inside a certified region: its root only
            covered = (lo >= rlo).all(axis=1) & (hi <= rhi).all(axis=1)
            lo, hi = lo[~covered], hi[~covered]
        if lo.shape[0] == 0:
            return found
        if (hi - lo).max() <= KRAWCZYK_WIDTH:
            # contracted boxes can be very thin: the test needs room for its rounding margins
            c, h = 0.5 * (lo + hi), np.maximum(0.5 * INFLATE * (hi - lo), _MIN_HALF_WIDTH)
            L, H = c - h, c + h
            inside, empty, klo, khi = _krawczyk(sb, forms, L, H)
            for b in np.flatnonzero(inside):
                if not any((L[b] >= rlo).all() and (H[b] <= rhi).all() for *_, rlo, rhi in found):
                    found.append((klo[b], khi[b], L[b], H[b]))
            keep = ~(inside | empty)
            lo, hi, klo, khi = lo[keep], hi[keep], klo[keep], khi[keep]
            finite = np.isfinite(klo).all(axis=1) & np.isfinite(khi).all(axis=1)
            lo = np.where(finite[:, None], np.maximum(lo, klo), lo)
            hi = np.where(finite[:, None], np.minimum(hi, khi), hi)
            keep = (lo <= hi).all(axis=1)  # an empty intersection: no root in the box
            lo, hi = lo[keep], hi[keep]
            if lo.shape[0] == 0:
                return found
        if 2 * lo.shape[0] > max_boxes:
            return None
        lo, hi = _bisect(lo, hi, _BATCH)
    return None


def certified_support_points(payoffs: Sequence[np.ndarray], support: tuple,
                             max_boxes: int = 4000, max_levels: int = 80):
    """Every equilibrium with exactly this support, in floats, each certified numerically.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.
    max_boxes, max_levels : int
        Limits of the subdivision (boxes kept at one level, bisection levels).

    Returns
    -------
    list of list of numpy.ndarray or None
        Each equilibrium as per-player probability vectors over the players' whole strategy
        sets (floats within about ``1e-15`` of the exact values; every listed profile is
        proved to lie within its enclosure of an exact equilibrium, and no other equilibrium
        with this support exists). None when the subdivision could not decide (then solve the
        support exactly).

    References
    ----------
    Krawczyk (1969); Moore, Kearfott and Cloud (2009); Higham (2002).

    Examples
    --------
    Three-player matching pennies: the totally mixed support holds exactly one equilibrium.

    >>> from govgames.games import NormalFormGame
    >>> from govgames.games.nplayer.polynomial import integer_payoffs
    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    >>> pts = certified_support_points(integer_payoffs(g.exact_payoffs()), ((0, 1),) * 3)
    >>> [[round(float(v), 12) for v in x] for x in pts[0]]
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    >>> certified_support_points(integer_payoffs(g.exact_payoffs()), ((0, 1), (0,), (0,)))
    []
    """
    sb = SupportBoxes(payoffs, support)
    if not sb.usable or sb.nvars == 0:
        return None
    if sb.constant_excluded:
        return []
    forms = _forms(sb)
    if forms is None:
        return None
    found = _isolate(sb, forms, max_boxes, max_levels)
    if found is None:
        return None
    if not found:
        return []
    klo, khi, rlo, rhi = (np.array([f[k] for f in found]) for k in range(4))
    ok, elo, ehi = _refine(sb, forms, klo, khi, rlo, rhi)
    if not ok.all():
        return None
    # distinct regions may certify the same root: an enclosure inside another root's region is
    # that root; one that straddles a region's boundary cannot be decided
    keep: list = []
    for b in range(len(found)):
        same = False
        for c in keep:
            inside = (elo[b] >= rlo[c]).all() and (ehi[b] <= rhi[c]).all()
            apart = (ehi[b] < rlo[c]).any() or (elo[b] > rhi[c]).any()
            if inside:
                same = True
                break
            if not apart:
                return None
        if not same:
            keep.append(b)
    elo, ehi = elo[keep], ehi[keep]
    status = _classify(sb, forms, elo, ehi)
    if (status < 0).any():
        return None
    return [_profile(payoffs[0].shape, sb, 0.5 * (elo[b] + ehi[b]))
            for b in np.flatnonzero(status == 1)]


def _profile(shape: tuple, sb: SupportBoxes, y: np.ndarray) -> list:
    """Per-player probability vectors over all strategies from the unknowns ``y``."""
    out = []
    k = 0
    for i, S in enumerate(sb.support):
        x = np.zeros(shape[i])
        if len(S) == 1:
            x[S[0]] = 1.0
        else:
            a, b = sb.offsets[k], sb.offsets[k + 1]
            x[list(S[1:])] = y[a:b]
            x[S[0]] = 1.0 - y[a:b].sum()
            k += 1
        out.append(x)
    return out
