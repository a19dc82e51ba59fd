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
non-negative. The unit box of ``y`` is bisected (widest side first, all boxes of a level at once
in numpy); a box is discarded when, for every point of the box, an equation is certainly
non-zero, a slack certainly negative or a first probability certainly non-positive. The
polynomials are multilinear in the players' probability vectors and the probabilities are
non-negative, so the natural interval extension of each term is ``[prod lo, prod hi]`` times its
coefficient (Moore, Kearfott and Cloud 2009, ch. 5); the bounds are widened by a bound on the
floating-point rounding error of the sums and products (Higham 2002, ch. 3), so a discarded box
provably holds no equilibrium. When every box is discarded the support profile has no
equilibrium; otherwise (an equilibrium, a solution on the boundary, a continuum of solutions,
or the box budget spent) nothing is claimed and the support is solved exactly.

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
.. [3] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software Tools for Game
   Theory*, ``enumpoly``, http://www.gambit-project.org.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["SupportBoxes", "support_excluded"]

#: Unit roundoff of IEEE double precision (round to nearest).
_U = 2.0 ** -53

#: Largest payoff magnitude for which every integer coefficient is exact in a double.
_EXACT_INT = 2.0 ** 50


@dataclass
class _Rows:
    """Coefficient rows of one player's equations and slacks over the mixed others' supports."""

    others: tuple        # indices (into the mixed players) of the mixed other players
    pos: np.ndarray      # (K, M) positive parts of the coefficients
    neg: np.ndarray      # (K, M) negative parts
    margin: np.ndarray   # (K,) rounding-error bound of one evaluation
    n_eq: int            # the first n_eq rows are equations (must vanish), the rest slacks


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
    """

    def __init__(self, payoffs: Sequence[np.ndarray], support: tuple):
        self.support = tuple(tuple(int(s) for s in S) for S in support)
        n = len(self.support)
        self.mixed = [i for i, S in enumerate(self.support) if len(S) > 1]
        self.sizes = [len(self.support[i]) for i in self.mixed]
        self.nvars = sum(k - 1 for k in self.sizes)
        self.offsets = np.cumsum([0] + [k - 1 for k in self.sizes])
        self.usable = max(max(abs(int(v)) for v in np.asarray(U).flat) for U in payoffs) \
            < _EXACT_INT / 2
        self.constant_excluded = False
        self.rows = []
        if not self.usable:
            return
        pos_of = {p: k for k, p in enumerate(self.mixed)}
        for i in range(n):
            U = np.asarray(payoffs[i])
            R = U[np.ix_(*[np.arange(U.shape[j]) if j == i else np.asarray(self.support[j])
                           for j in range(n)])]
            R = np.moveaxis(R, i, 0).astype(float)
            S = self.support[i]
            base = R[S[0]]
            rows = [R[s] - base for s in S[1:]]
            rows += [base - R[t] for t in range(U.shape[i]) if t not in S]
            if not rows:
                continue
            C = np.array(rows).reshape(len(rows), -1)  # pure others have axes of length 1
            others = tuple(pos_of[j] for j in range(n) if j != i and j in pos_of)
            n_eq = len(S) - 1
            if not others:  # constant equations and slacks
                if np.any(C[:n_eq, 0] != 0) or np.any(C[n_eq:, 0] < 0):
                    self.constant_excluded = True
                continue
            k, m = len(others), C.shape[1]
            margin = np.abs(C).sum(axis=1) * (2 * (k + m + 2) * _U)
            self.rows.append(_Rows(others, np.maximum(C, 0), np.minimum(C, 0), margin, n_eq))

    def _probabilities(self, lo, hi):
        """Per mixed player, interval bounds (B, |S|) of all its probabilities, and a mask of
        boxes whose first probability is certainly non-positive."""
        XL, XH = [], []
        bad = np.zeros(lo.shape[0], dtype=bool)
        for k, size in enumerate(self.sizes):
            a, b = self.offsets[k], self.offsets[k + 1]
            e = 4 * (size + 1) * _U
            first_hi = 1.0 - lo[:, a:b].sum(axis=1) + e
            first_lo = np.maximum(1.0 - hi[:, a:b].sum(axis=1) - e, 0.0)
            bad |= first_hi <= 0
            XL.append(np.column_stack([first_lo, lo[:, a:b]]))
            XH.append(np.column_stack([first_hi, hi[:, a:b]]))
        return XL, XH, bad

    def discard(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Mask of the boxes ``[lo, hi]`` (arrays of shape (B, nvars)) proven to hold no
        equilibrium of this support."""
        XL, XH, bad = self._probabilities(lo, hi)
        B = lo.shape[0]
        for r in self.rows:
            PL, PH = XL[r.others[0]], XH[r.others[0]]
            for j in r.others[1:]:
                PL = (PL[:, :, None] * XL[j][:, None, :]).reshape(B, -1)
                PH = (PH[:, :, None] * XH[j][:, None, :]).reshape(B, -1)
            low = PL @ r.pos.T + PH @ r.neg.T
            high = PH @ r.pos.T + PL @ r.neg.T
            eq_out = (low[:, :r.n_eq] > r.margin[:r.n_eq]) | (high[:, :r.n_eq] < -r.margin[:r.n_eq])
            slack_out = high[:, r.n_eq:] < -r.margin[r.n_eq:]
            bad |= eq_out.any(axis=1) | slack_out.any(axis=1)
        return bad


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
    lo = np.zeros((1, sb.nvars))
    hi = np.ones((1, sb.nvars))
    for _ in range(max_levels):
        keep = ~sb.discard(lo, hi)
        lo, hi = lo[keep], hi[keep]
        if lo.shape[0] == 0:
            return True
        if 2 * lo.shape[0] > max_boxes:
            return False
        width = hi - lo
        axis = np.argmax(width, axis=1)
        rows = np.arange(lo.shape[0])
        mid = 0.5 * (lo[rows, axis] + hi[rows, axis])
        lo2, hi2 = lo.copy(), hi.copy()
        hi[rows, axis] = mid
        lo2[rows, axis] = mid
        lo = np.concatenate([lo, lo2])
        hi = np.concatenate([hi, hi2])
    return False
