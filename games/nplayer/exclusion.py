"""Certified exclusion of support profiles that carry no equilibrium (interval subdivision).

Solving the indifference equations of a support profile exactly
(:func:`~govgames.games.nplayer.polynomial.solve_support`) costs a Groebner basis, and most
support profiles of a game have no equilibrium: their equations have no real solution with
positive probabilities, or every such solution leaves a player a better unused strategy. This
module proves that cheaply, in floating-point *interval arithmetic* with rigorous rounding
margins, so that only the support profiles it cannot exclude are solved exactly.

An equilibrium with support ``S`` is a point ``y`` (the probabilities of ``S_i[1:]`` for each
player ``i``, the first strategy getting ``1 - sum(y_i)``) with every probability in ``(0, 1]``,
every indifference equation zero and every *slack* ``v_i - u_i(t)`` of an unused strategy ``t``
non-negative. The unit box of ``y`` is bisected (each box across its widest side, all boxes of
a level at once in numpy); a box is discarded when, for every point of the box, an equation is
certainly non-zero, a slack certainly negative or a first probability certainly non-positive,
and the boxes kept are contracted to the part where every equation can vanish, one unknown at a
time (hull consistency, :meth:`SupportBoxes.contract`), which divides the number of boxes
by two to ten on the totally mixed supports of 3x3x3 and 2x2x2x2 games. The
polynomials are multilinear in the players' probability vectors and the probabilities are
non-negative, so the natural interval extension of each term is ``[prod lo, prod hi]`` times its
coefficient (Moore, Kearfott and Cloud 2009, ch. 5); the bounds are widened by a bound on the
floating-point rounding error of the sums and products (Higham 2002, ch. 3), so a discarded box
provably holds no equilibrium. When every box is discarded the support profile has no
equilibrium; otherwise (an equilibrium, a solution on the boundary, a continuum of solutions,
or the box budget spent) nothing is claimed and the support is solved exactly.

Three special shapes are decided without subdivision: when exactly three players mix, with
2, 2, 2 or 3, 2, 2 or 2, ``d+1``, ``d+1`` strategies, the equations are eliminated exactly to
one polynomial in one probability and its real roots are isolated with certified ball
arithmetic (Arb; Johansson 2017).

Gambit's ``enumpoly`` (McKelvey, McLennan and Turocy) searches each support's equations the
same way, by subdividing the product of simplices, but in plain floating point and as the
solver itself; here subdivision only excludes, and every equilibrium reported is still found by
exact algebra.

References
----------
.. [1] R. E. Moore, R. B. Kearfott and M. J. Cloud, *Introduction to Interval Analysis*, SIAM,
   2009, ch. 5 and 8.
.. [2] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002,
   ch. 3 (error bounds of sums and products).
.. [3] F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic",
   *IEEE Transactions on Computers* 66 (2017), 1281-1292.
.. [4] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software Tools for Game
   Theory*, ``enumpoly``, http://www.gambit-project.org.
.. [5] G. E. Collins and A. G. Akritas, "Polynomial real root isolation using Descartes' rule
   of signs", *Proc. SYMSAC 1976*, 272-275.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from .supports import _payoff_tables, _restrict

__all__ = ["SupportBoxes", "support_excluded"]

#: Unit roundoff of IEEE double precision (round to nearest).
_U = 2.0 ** -53

#: Largest payoff magnitude for which every integer coefficient is exact in a double.
_EXACT_INT = 2.0 ** 50


@dataclass
class _Rows:
    """Coefficient rows of one player's equations and slacks over the mixed others' supports."""

    others: tuple        # indices (into the mixed players) of the mixed other players
    full: np.ndarray     # (K, |S_o1|, ..., |S_ok|) the coefficients
    margin: np.ndarray   # (K,) rounding-error bound of one evaluation
    n_eq: int            # the first n_eq rows are equations (must vanish), the rest slacks
    coef: np.ndarray     # (M, K) the coefficients, transposed


class SupportBoxes:
    """The indifference equations and slacks of one support profile, for interval evaluation.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)`` (object arrays of Python
        ints, as :func:`~govgames.games.nplayer.polynomial.integer_payoffs` returns, or int
        arrays).
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Attributes
    ----------
    usable : bool
        False when the payoffs are too large to be exact in floating point (then nothing is
        ever excluded).
    nvars : int
        Number of unknowns ``sum_i (|S_i| - 1)``.
    constant_excluded : bool
        True when a player with only pure opponents already violates an equation or a slack.

    Examples
    --------
    In three-player matching pennies no box around a point where the first player plays
    mostly his first strategy holds the totally mixed equilibrium (1/2, 1/2, 1/2):

    >>> from govgames.games import NormalFormGame
    >>> from govgames.games.nplayer.polynomial import integer_payoffs
    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    >>> sb = SupportBoxes(integer_payoffs(g.exact_payoffs()), ((0, 1),) * 3)
    >>> sb.discard(np.array([[0.0, 0.0, 0.0], [0.4, 0.4, 0.4]]),
    ...            np.array([[0.25, 1.0, 1.0], [0.6, 0.6, 0.6]])).tolist()
    [True, False]
    """

    def __init__(self, payoffs: Sequence[np.ndarray], support: tuple):
        self.support = tuple(tuple(int(s) for s in S) for S in support)
        n = len(self.support)
        self.mixed = [i for i, S in enumerate(self.support) if len(S) > 1]
        self.sizes = [len(self.support[i]) for i in self.mixed]
        self.nvars = sum(k - 1 for k in self.sizes)
        self.offsets = np.cumsum([0] + [k - 1 for k in self.sizes])
        tables = _payoff_tables(payoffs)
        self.usable, self.scale = tables.bound < _EXACT_INT / 2, tables.scale
        self.constant_excluded = False
        self.rows = []
        if not self.usable:
            return
        pos_of = {p: k for k, p in enumerate(self.mixed)}
        for i in range(n):
            S = self.support[i]
            unused = [t for t in range(tables.own_first[i].shape[0]) if t not in S]
            if len(S) == 1 and not unused:
                continue
            R = _restrict(tables.own_first[i], i, self.support)  # exact: |payoffs| < 2**49
            base = R[S[0]]
            C = np.concatenate([R[list(S[1:])] - base, base - R[unused]])
            C = C.reshape(C.shape[0], -1)  # pure others have axes of length 1
            others = tuple(pos_of[j] for j in range(n) if j != i and j in pos_of)
            n_eq = len(S) - 1
            if not others:  # constant equations and slacks
                if np.any(C[:n_eq, 0] != 0) or np.any(C[n_eq:, 0] < 0):
                    self.constant_excluded = True
                continue
            k, m = len(others), C.shape[1]
            # |x| <= big at a box vertex (the first probability 1 - sum(y) may be negative)
            big = float(max(1, max(self.sizes) - 2)) ** k
            margin = np.abs(C).sum(axis=1) * big * (4 * (k + m + max(self.sizes) + 2) * _U)
            full = C.reshape((C.shape[0],) + tuple(self.sizes[o] for o in others))
            self.rows.append(_Rows(others, full, margin, n_eq, np.ascontiguousarray(C.T)))

    def _vertices(self, lo, hi):
        """Per mixed player, its probability vectors at the vertices of each box's face for
        that player, shape (B, 2**d, |S|), and a mask of boxes whose first probability is
        certainly non-positive."""
        out = []
        bad = np.zeros(lo.shape[0], dtype=bool)
        for k, size in enumerate(self.sizes):
            a, b = self.offsets[k], self.offsets[k + 1]
            d = size - 1
            e = 4 * (size + 1) * _U
            bad |= 1.0 - lo[:, a:b].sum(axis=1) + e <= 0
            Y = np.where(_vertex_pattern(d)[None], hi[:, None, a:b], lo[:, None, a:b])  # (B, V, d)
            out.append(np.concatenate([1.0 - Y.sum(axis=2, keepdims=True), Y], axis=2))
        return out, bad

    def discard(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Mask of the boxes ``[lo, hi]`` (arrays of shape (B, nvars)) proven to hold no
        equilibrium of this support.

        Each polynomial is affine in each player's probabilities, so its range over a box is
        spanned by its values at the vertices: the enclosure is exact up to rounding."""
        X, bad = self._vertices(lo, hi)
        return self._discarded(bad, [self._row_values(X, r) for r in self.rows])

    def _row_values(self, X: list, r: _Rows) -> np.ndarray:
        """Values (B, vertex combinations, K) of the forms ``r`` at every vertex combination
        of the boxes whose vertex probability vectors are ``X`` (:meth:`_vertices`)."""
        B = X[0].shape[0]
        W = X[r.others[0]]  # (B, vertices so far, terms so far)
        for o in r.others[1:]:
            Xo = X[o]
            W = (W[:, :, None, :, None] * Xo[:, None, :, None, :]).reshape(
                B, W.shape[1] * Xo.shape[1], W.shape[2] * Xo.shape[2])
        return W @ r.coef

    def _discarded(self, bad: np.ndarray, values: list) -> np.ndarray:
        """:meth:`discard` from the first-probability mask ``bad`` and :meth:`_row_values`."""
        bad = bad.copy()
        for r, vals in zip(self.rows, values):
            low, high = _range_over_axis1(vals)
            eq_out = (low[:, :r.n_eq] > r.margin[:r.n_eq]) | (high[:, :r.n_eq] < -r.margin[:r.n_eq])
            slack_out = high[:, r.n_eq:] < -r.margin[r.n_eq:]
            bad |= eq_out.any(axis=1) | slack_out.any(axis=1)
        return bad

    def contract(self, lo: np.ndarray, hi: np.ndarray, values=None) -> tuple:
        """The boxes ``[lo, hi]`` (B, nvars) shrunk, each side, to the part where every
        indifference equation can vanish (an empty box has some ``lo > hi``).

        Each equation is affine in each unknown ``y_v`` of another player: with the other
        unknowns at a vertex ``w`` of the box it is the segment ``g_w(t) = (1 - t) L_w + t H_w``
        between its values at ``y_v = lo_v`` and ``y_v = hi_v``, and inside the box it is a
        convex combination of these segments (multilinear interpolation). Where every
        ``g_w(t)`` has one sign the equation cannot vanish, so when all segments start (or end)
        with one sign, ``t`` can be cut up to the first zero crossing of any of them (hull
        consistency; Moore, Kearfott and Cloud 2009, sec. 8.4). The values carry the rounding
        margins of :meth:`discard` and the cuts are rounded outward. ``values``: the forms'
        values at the boxes' vertices (:meth:`_row_values`, per row), when the caller has them.
        """
        B = lo.shape[0]
        lo0, hi0 = lo, hi  # the vertex values, hence the cuts t, refer to the boxes given
        lo, hi = lo.copy(), hi.copy()
        if B == 0:
            return lo, hi
        if values is None:
            X = self._vertices(lo, hi)[0]
            values = [self._row_values(X, r) for r in self.rows]
        for r, vals in zip(self.rows, values):
            if not r.n_eq:
                continue
            vals = vals[:, :, :r.n_eq]  # (B, vertex combinations, n_eq)
            cols, down, up = self._segments(r.others)
            t_lo, t_hi = _crossings(vals[:, down], vals[:, up], r.margin[:r.n_eq])  # (B, vars)
            width = hi0[:, cols] - lo0[:, cols]
            lo[:, cols] = np.maximum(lo[:, cols], lo0[:, cols] + t_lo * width - _CUT_SLACK)
            hi[:, cols] = np.minimum(hi[:, cols], lo0[:, cols] + t_hi * width + _CUT_SLACK)
        return lo, hi

    def _segments(self, others: tuple) -> tuple:
        """For the forms of the players ``others``: the unknowns they depend on and, for each,
        the vertex combinations (as in :meth:`discard`) where it is at its lower end and the
        paired ones where it is at its upper end, arrays (unknowns, combinations / 2)."""
        return _segment_arrays(tuple(self.sizes[o] for o in others),
                               tuple(int(self.offsets[o]) for o in others))

    def newton_point(self, y: np.ndarray, steps: int = 12):
        """Newton's method on the indifference equations from ``y`` (floats; a heuristic used
        only to stop searching early). Returns the point reached and whether it looks like an
        equilibrium (equations solved, probabilities and slacks clearly positive)."""
        if sum(r.n_eq for r in self.rows) != self.nvars:
            return y, False
        for _ in range(steps):
            F, J, slack, x = self._evaluate(y)
            if not np.all(np.isfinite(F)):
                return y, False
            if np.abs(F).max() < 1e-10 * self.scale:
                ok = (all(v.min() > 1e-9 for v in x)
                      and (slack.size == 0 or slack.min() > 1e-9 * self.scale))
                return y, ok
            try:
                y = y - np.linalg.solve(J, F)
            except np.linalg.LinAlgError:
                return y, False
        return y, False

    def _evaluate(self, y):
        """Equations, their Jacobian, slacks and probabilities at one point ``y``.

        Every form is affine in each unknown, so the Jacobian's column ``v`` is exactly the
        difference of the equations at ``y + e_v`` and at ``y``: all ``nvars + 1`` points are
        evaluated in one batch."""
        Y = np.vstack([y, y + np.eye(self.nvars)])
        x = [np.concatenate([1.0 - Y[:, a:b].sum(axis=1, keepdims=True), Y[:, a:b]], axis=1)
             for a, b in zip(self.offsets[:-1], self.offsets[1:])]
        F, slack = [], []
        for r in self.rows:
            W = x[r.others[0]]
            for o in r.others[1:]:
                W = (W[:, :, None] * x[o][:, None, :]).reshape(Y.shape[0], -1)
            vals = W @ r.coef  # (points, K)
            F.append(vals[:, :r.n_eq])
            slack.append(vals[0, r.n_eq:])
        Fs = np.concatenate(F, axis=1)
        return Fs[0], (Fs[1:] - Fs[0]).T, np.concatenate(slack), [v[0] for v in x]


#: :func:`support_excluded` tries Newton's method from the centre (this many steps) when this
#: many levels of subdivision have not settled the support.
_PROBE_LEVEL, _PROBE_STEPS = 1, 12

#: Number of boxes :func:`support_excluded` bisects at once (about).
_BATCH = 128

#: Absolute outward rounding of the cuts of :meth:`SupportBoxes.contract` (the unknowns are
#: probabilities, at most 1, so ``lo + t * width`` is computed with an error below 1e-15).
_CUT_SLACK = 4e-15


@lru_cache(maxsize=64)
def _vertex_pattern(d: int) -> np.ndarray:
    """(2**d, d) booleans: unknown ``j`` at its upper end at vertex ``v`` when bit ``j`` of ``v``
    is set (the vertex order of :meth:`SupportBoxes._vertices`)."""
    return ((np.arange(1 << d)[:, None] >> np.arange(d)) & 1).astype(bool)


@lru_cache(maxsize=512)
def _segment_arrays(sizes: tuple, offsets: tuple) -> tuple:
    """:meth:`SupportBoxes._segments` for players with ``sizes`` strategies whose unknowns
    start at ``offsets``."""
    nv = [1 << (k - 1) for k in sizes]
    flat = np.arange(int(np.prod(nv)))
    digits = np.unravel_index(flat, nv)
    cols, down, up = [], [], []
    for q, (k, offset) in enumerate(zip(sizes, offsets)):
        stride = int(np.prod(nv[q + 1:]))
        for j in range(k - 1):
            low_end = flat[(digits[q] >> j & 1) == 0]
            cols.append(offset + j)
            down.append(low_end)
            up.append(low_end + (stride << j))
    return np.array(cols), np.array(down), np.array(up)


def _crossings(L: np.ndarray, H: np.ndarray, margin: np.ndarray) -> tuple:
    """The range ``[t_lo, t_hi]`` (each of shape (B, unknowns)) of ``t`` where every equation
    can vanish, given its values ``L`` at ``t = 0`` and ``H`` at ``t = 1`` on the segments of
    each box and unknown (B, unknowns, segments, n_eq; rounding error at most ``margin`` per
    equation). See :meth:`SupportBoxes.contract`.

    Four cases at once: every segment starting below zero (or above: the values negated) at
    ``t = 0`` cuts ``t`` up to a lower bound of the first zero crossing; likewise from ``t = 1``.
    The segments are taken through upper bounds of the (signed) values, so the crossings are
    lower bounds, and rounded down by ``8u`` relative."""
    up_L, up_H = L + margin, H + margin  # upper bounds of the values
    neg_L, neg_H = margin - L, margin - H  # upper bounds of the negated values
    start = np.stack([up_L, neg_L, up_H, neg_H])  # (4, B, unknowns, segments, n_eq)
    end = np.stack([up_H, neg_H, up_L, neg_L])
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(end >= 0, -start / (end - start), 2.0).min(axis=3) * (1.0 - 8 * _U)
    cut = np.where((start < 0).all(axis=3), t, 0.0).max(axis=3)  # (4, B, unknowns)
    return np.maximum(cut[0], cut[1]), 1.0 - np.maximum(cut[2], cut[3])


@contextlib.contextmanager
def _arb_precision(bits: int):
    """Arb's working precision set to ``bits`` inside the block (restored after it)."""
    import flint

    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def _real_roots(Q) -> list:
    """Arb balls of the distinct real roots of the integer polynomial ``Q``, at the current
    Arb precision: for degree at most two by the sign of the exact discriminant and the
    closed formula, else its complex roots whose imaginary part is exactly zero."""
    import flint

    c = [int(v) for v in Q.coeffs()]
    if len(c) == 2:
        return [flint.arb(-c[0]) / c[1]]
    if len(c) == 3:
        disc = c[1] * c[1] - 4 * c[2] * c[0]
        if disc < 0:
            return []
        if disc == 0:
            return [flint.arb(-c[1]) / (2 * c[2])]
        root = flint.arb(disc).sqrt()
        return [(-c[1] - root) / (2 * c[2]), (-c[1] + root) / (2 * c[2])]
    roots: list = Q.complex_roots()  # (root, multiplicity) pairs; the stub says roots
    return [root.real for root, _ in roots if root.imag.is_zero()]


def _range_over_axis1(vals: np.ndarray) -> tuple:
    """``(vals.min(axis=1), vals.max(axis=1))`` of a 3-d array, by pairwise halving (numpy's
    reduction along a middle axis of length 2**d is several times slower; min and max are
    exact, so the result is identical)."""
    low = high = vals
    while low.shape[1] > 1:
        h = low.shape[1] // 2
        odd = low.shape[1] % 2
        new_low = np.minimum(low[:, :h], low[:, h:2 * h])
        new_high = np.maximum(high[:, :h], high[:, h:2 * h])
        if odd:
            new_low = np.concatenate([new_low, low[:, 2 * h:]], axis=1)
            new_high = np.concatenate([new_high, high[:, 2 * h:]], axis=1)
        low, high = new_low, new_high
    return low[:, 0], high[:, 0]


def _likely_equilibrium(sb: SupportBoxes, lo: np.ndarray, hi: np.ndarray) -> bool:
    """Newton's method from the centres of a few boxes reaches a point that looks like an
    equilibrium (then subdivision would only waste time around it)."""
    picks = np.unique(np.linspace(0, lo.shape[0] - 1, num=min(3, lo.shape[0])).astype(int))
    return any(sb.newton_point(0.5 * (lo[k] + hi[k]))[1] for k in picks)


def support_excluded(payoffs: Sequence[np.ndarray], support: tuple, max_boxes: int = 4000,
                     max_levels: int = 60) -> bool:
    """True when the support profile provably carries no Nash equilibrium.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.
    max_boxes : int
        Largest number of boxes kept at one level of the subdivision; beyond it the search
        stops without a claim.
    max_levels : int
        Largest number of bisection levels.

    Returns
    -------
    bool
        True: no mixed profile with exactly this support is an equilibrium (proved by interval
        arithmetic with rounding-error bounds). False: no claim (the support may or may not
        carry equilibria; solve it exactly).

    References
    ----------
    Moore, Kearfott and Cloud (2009); Higham (2002).

    Examples
    --------
    Three-player matching pennies has only its totally mixed equilibrium: the support where
    the first player mixes and the others play their first strategies is excluded, the full
    support is not.

    >>> from govgames.games import NormalFormGame
    >>> from govgames.games.nplayer.polynomial import integer_payoffs
    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    >>> P = integer_payoffs(g.exact_payoffs())
    >>> support_excluded(P, ((0, 1), (0,), (0,))), support_excluded(P, ((0, 1),) * 3)
    (True, False)
    """
    sb = SupportBoxes(payoffs, support)
    if not sb.usable or sb.nvars == 0:
        return False
    if sb.constant_excluded:
        return True
    if sb.sizes == [2, 2, 2]:
        return _three_binary_excluded(sb)
    if sorted(sb.sizes) == [2, 2, 3]:
        return _two_binary_one_ternary_excluded(sb)
    m = sorted(sb.sizes)
    if len(m) == 3 and m[0] == 2 and m[1] == m[2] and m[1] > 2:
        claim = _binary_and_pair_excluded(sb)
        if claim is not None:
            return claim
    start = np.concatenate([np.full(k - 1, 1.0 / k) for k in sb.sizes])
    lo = np.zeros((1, sb.nvars))
    hi = np.ones((1, sb.nvars))
    for level in range(max_levels):
        lo, hi = _surviving(sb, lo, hi)
        if lo.shape[0] == 0:
            return True
        if 2 * lo.shape[0] > max_boxes:
            return False
        # Newton's method from the centre, once two levels have not settled the support: most
        # supports without equilibria are excluded before, and one with an equilibrium is
        # left to the exact solver instead of being subdivided to the box budget
        if level == _PROBE_LEVEL and sb.newton_point(start, _PROBE_STEPS)[1]:
            return False
        if level % 8 == 7 and lo.shape[0] <= 64 and _likely_equilibrium(sb, lo, hi):
            return False
        lo, hi = _bisect(lo, hi, _BATCH)
    return False


def _surviving(sb: SupportBoxes, lo: np.ndarray, hi: np.ndarray) -> tuple:
    """The boxes not discarded (:meth:`SupportBoxes.discard`), contracted
    (:meth:`SupportBoxes.contract`), without those the contraction empties."""
    X, bad = sb._vertices(lo, hi)
    values = [sb._row_values(X, r) for r in sb.rows]  # shared by both tests
    keep = ~sb._discarded(bad, values)
    if not keep.any():
        return lo[keep], hi[keep]
    if not keep.all():
        lo, hi, values = lo[keep], hi[keep], [v[keep] for v in values]
    lo, hi = sb.contract(lo, hi, values)
    nonempty = (lo <= hi).all(axis=1)
    return lo[nonempty], hi[nonempty]


def _bisect(lo: np.ndarray, hi: np.ndarray, target: int) -> tuple:
    """Split every box across its widest side, repeatedly, as long as the number of boxes
    stays near ``target`` (smaller batches waste less work on boxes a coarser level would
    drop; larger ones spend less time per box)."""
    for _ in range(max(1, int(np.log2(target / lo.shape[0])))):
        rows = np.arange(lo.shape[0])
        axis = np.argmax(hi - lo, axis=1)
        mid = 0.5 * (lo[rows, axis] + hi[rows, axis])
        lo2, hi2 = lo.copy(), hi.copy()
        hi[rows, axis] = mid
        lo2[rows, axis] = mid
        lo = np.concatenate([lo, lo2])
        hi = np.concatenate([hi, hi2])
    return lo, hi


def _bilinear(D: np.ndarray) -> tuple:
    """Coefficients ``(c0, c1, c2, c3)`` of ``c0 + c1 u + c2 v + c3 u v``, the expansion of
    ``sum D[a, b] x_a y_b`` with ``x = (1 - u, u)`` and ``y = (1 - v, v)``."""
    d00, d01, d10, d11 = (int(round(float(v))) for v in D.ravel())
    return d00, d10 - d00, d01 - d00, d00 - d01 - d10 + d11


def _three_binary_excluded(sb: SupportBoxes) -> bool:
    """Exact elimination for three mixing players with two strategies each (the others pure).

    With ``p, q, r`` the second probabilities of the three players, the equations are
    ``E_1(q, r) = E_2(p, r) = E_3(p, q) = 0``, each bilinear. The first two give
    ``q = -(a0 + a2 r) / (a1 + a3 r)`` and ``p = -(b0 + b2 r) / (b1 + b3 r)``; substituted in the
    third they leave a quadratic ``Q(r)``. When no solution can make a denominator vanish,
    every solution comes from a real root of ``Q``; each is isolated with certified ball
    arithmetic (Arb) and shown infeasible (a negative probability or slack) or not.
    """
    import flint

    if sb.sizes != [2, 2, 2] or len(sb.rows) < 3:
        return False
    eq = {}
    for r in sb.rows:
        if r.n_eq == 1 and len(r.others) == 2:
            eq[({0, 1, 2} - set(r.others)).pop()] = _bilinear(r.full[0])
    if len(eq) != 3:
        return False
    a, b, c = eq[0], eq[1], eq[2]  # E_0(q, r), E_1(p, r), E_2(p, q)
    for k in (a, b):
        if not ((k[3] != 0 and k[0] * k[3] - k[1] * k[2] != 0) or (k[3] == 0 and k[1] != 0)):
            return False
    P = flint.fmpz_poly
    A, An = P([a[1], a[3]]), P([a[0], a[2]])
    B, Bn = P([b[1], b[3]]), P([b[0], b[2]])
    Q = c[0] * A * B - c[1] * Bn * A - c[2] * An * B + c[3] * An * Bn
    if Q.is_zero():
        return False
    if Q.degree() < 1:
        return True  # a non-zero constant: no solution at all
    with _arb_precision(128):
        for r in _real_roots(Q):
            den_a, den_b = A(r), B(r)
            if den_a.contains(0) or den_b.contains(0):
                return False
            q, p = -An(r) / den_a, -Bn(r) / den_b
            if not _infeasible(sb, [[1 - v, v] for v in (p, q, r)]):
                return False
    return True


def _infeasible(sb: SupportBoxes, x: list) -> bool:
    """A probability or a slack is certainly negative at the profile ``x`` (per mixing
    player, its probabilities as Arb balls)."""
    import flint

    if any(v < 0 for row in x for v in row):
        return True
    for r in sb.rows:
        C = r.full[r.n_eq:]
        for row in C:
            total = flint.arb(0)
            for idx in np.ndindex(row.shape):
                coef = int(round(float(row[idx])))
                if coef:
                    term = flint.arb(coef)
                    for o, t in zip(r.others, idx):
                        term = term * x[o][t]
                    total += term
            if total < 0:
                return True
    return False


def _two_binary_one_ternary_excluded(sb: SupportBoxes) -> bool:
    """Exact elimination for three mixing players with 3, 2 and 2 strategies (the others pure).

    The two equations of the three-strategy player are bilinear in the binary players'
    probabilities ``u, v``: eliminating ``u`` from the first leaves a quadratic ``Q(v)`` from
    the second. For each real root the binary players' equations are linear in the first
    player's probabilities (with ``sum = 1``, a 3x3 system solved in ball arithmetic); the
    solution is then shown infeasible or not. Degenerate cases (a denominator that can vanish,
    ``Q = 0``, a singular 3x3 system) make no claim.
    """
    import flint

    big = sb.sizes.index(3)
    small = [m for m in range(3) if m != big]
    rows = {}
    for r in sb.rows:
        if r.n_eq and len(r.others) == 2:
            rows[({0, 1, 2} - set(r.others)).pop()] = r
    if len(rows) != 3:
        return False
    a, e = _bilinear(rows[big].full[0]), _bilinear(rows[big].full[1])  # in (u, v) = small
    if not ((a[3] != 0 and a[0] * a[3] - a[1] * a[2] != 0) or (a[3] == 0 and a[1] != 0)):
        return False
    P = flint.fmpz_poly
    A, An, V = P([a[1], a[3]]), P([a[0], a[2]]), P([0, 1])
    Q = e[0] * A - e[1] * An + e[2] * V * A - e[3] * V * An
    if Q.is_zero():
        return False
    if Q.degree() < 1:
        return True
    with _arb_precision(128):
        for v in _real_roots(Q):
            den = A(v)
            if den.contains(0):
                return False
            u = -An(v) / den
            xs = {small[0]: [1 - u, u], small[1]: [1 - v, v]}
            M = flint.arb_mat(3, 3)
            for row, m in enumerate(small):  # player m's equation, linear in big's probabilities
                r = rows[m]
                other = [o for o in r.others if o != big][0]
                D = r.full[0] if r.others[0] == big else r.full[0].T  # (big, other)
                for s_ in range(3):
                    M[row, s_] = sum((int(round(float(D[s_, t]))) * xs[other][t]
                                      for t in range(2)), flint.arb(0))
            for s_ in range(3):
                M[2, s_] = 1
            rhs = flint.arb_mat([[0], [0], [1]])
            try:
                z = M.solve(rhs)
            except (ZeroDivisionError, ValueError):
                return False
            x: list = [None] * 3
            x[big] = [z[k, 0] for k in range(3)]
            x[small[0]], x[small[1]] = xs[small[0]], xs[small[1]]
            if not _infeasible(sb, x):
                return False
    return True


def _det(M: list):
    """Determinant of a small square matrix of polynomials (cofactor expansion)."""
    if len(M) == 1:
        return M[0][0]
    total = 0
    for c in range(len(M)):
        minor = [row[:c] + row[c + 1:] for row in M[1:]]
        term = M[0][c] * _det(minor)
        total = total + term if c % 2 == 0 else total - term
    return total


def _cramer(M: list) -> tuple:
    """``det M`` and the Cramer numerators for the right-hand side ``e_last`` (the cofactors of
    the last row, a row of ones, whose sum is ``det M``), for a square matrix of polynomials."""
    last = len(M) - 1
    nums = []
    for t in range(len(M)):
        minor = _det([row[:t] + row[t + 1:] for row in M[:last]])
        nums.append(minor if (last + t) % 2 == 0 else -minor)
    det = nums[0]
    for q in nums[1:]:
        det = det + q
    return det, nums


def _may_have_root_in_unit_interval(Q) -> bool:
    """False only when the non-zero integer polynomial ``Q`` certainly has no root in
    ``[0, 1]``: ``Q(0)`` and ``Q(1)`` are non-zero and the coefficients of
    ``(1 + x)^d Q(1 / (1 + x))`` show no sign change (Descartes' rule of signs bounds the
    number of roots in ``(0, 1)`` by that count; Collins and Akritas 1976)."""
    import flint

    c = [int(v) for v in Q.coeffs()]
    if c[0] == 0 or sum(c) == 0:
        return True
    moved = flint.fmpz_poly(c[::-1])(flint.fmpz_poly([1, 1]))  # x^d Q(1/x) at x = 1 + x
    signs = [v > 0 for v in (int(u) for u in moved.coeffs()) if v != 0]
    return any(a != b for a, b in zip(signs, signs[1:]))


def _singular_points_empty(det, nums) -> bool:
    """At every real root ``r0`` in ``[0, 1]`` of ``det``, the linear system is inconsistent.

    ``nums`` are the Cramer numerators, the adjugate applied to the right-hand side: where the
    matrix is singular and that vector is non-zero, the adjugate has rank one and the
    right-hand side is outside the column space, so no solution has ``r = r0``.
    """
    if det.is_zero():
        return False
    if det.degree() < 1 or not _may_have_root_in_unit_interval(det):
        return True
    roots: list = det.complex_roots()  # (root, multiplicity) pairs
    for root, _ in roots:
        if root.imag.is_zero() and not (root.real < 0 or root.real > 1):
            r0 = root.real
            if not any(not q(r0).contains(0) for q in nums):
                return False
    return True


def _binary_and_pair_excluded(sb: SupportBoxes):
    """Exact elimination for three mixing players with 2, ``d+1`` and ``d+1`` strategies.

    With ``r`` the binary player's second probability, each of the two others' equations
    (plus ``sum = 1``) form a square linear system in the other's probabilities whose entries
    are linear in ``r``; Cramer's rule gives those probabilities as ratios of polynomials of
    degree at most ``d`` in ``r``, and the binary player's equation becomes a polynomial
    ``Q(r)`` of degree at most ``2d`` (the Bezout number). Where a determinant vanishes on
    ``[0, 1]`` its system must be inconsistent (checked); then every equilibrium comes from a
    real root of ``Q`` in ``(0, 1)``, each checked in certified ball arithmetic.

    Returns True (excluded), False (a root may be an equilibrium) or None (the elimination
    does not apply: a singular system may be consistent, or ``Q`` vanishes identically).
    """
    import flint

    k = sb.sizes.index(2)
    i, j = [m for m in range(3) if m != k]
    rows = {}
    for r in sb.rows:
        if r.n_eq and len(r.others) == 2:
            rows[({0, 1, 2} - set(r.others)).pop()] = r
    if len(rows) != 3:
        return None
    P = flint.fmpz_poly

    def system(me, other):
        """Rows of ``me``'s equations as polynomials in r, one column per strategy of other."""
        r = rows[me]
        out = []
        for e in range(r.n_eq):
            D = r.full[e] if r.others[0] == other else r.full[e].T  # (other, k)
            out.append([P([int(round(float(D[t, 0]))),
                           int(round(float(D[t, 1] - D[t, 0])))]) for t in range(D.shape[0])])
        out.append([P([1])] * len(out[0]))
        return out

    det_j, num_j = _cramer(system(i, j))  # player i's equations fix j's probabilities
    det_i, num_i = _cramer(system(j, i))
    if not (_singular_points_empty(det_i, num_i) and _singular_points_empty(det_j, num_j)):
        return None
    C = rows[k].full[0] if rows[k].others[0] == i else rows[k].full[0].T  # (i, j)
    Q = P(0)
    for s_ in range(C.shape[0]):
        for t in range(C.shape[1]):
            c = int(round(float(C[s_, t])))
            if c:
                Q += c * num_i[s_] * num_j[t]
    if Q.is_zero():
        return None
    if Q.degree() < 1 or not _may_have_root_in_unit_interval(Q):
        return True
    with _arb_precision(128):
        for r in _real_roots(Q):
            if r < 0 or r > 1:
                continue  # a probability of the binary player is negative
            x: list = [None] * 3
            x[k] = [1 - r, r]
            di, dj = det_i(r), det_j(r)
            if di.contains(0) or dj.contains(0):
                return None
            x[i] = [q(r) / di for q in num_i]
            x[j] = [q(r) / dj for q in num_j]
            if not _infeasible(sb, x):
                return False
    return True
