"""Exact arithmetic shared by the univariate eliminations of
:mod:`~govgames.games.nplayer.binary`, :mod:`~govgames.games.nplayer.quadruple` and
:mod:`~govgames.games.nplayer.ternary`.

A solution over an irreducible factor ``m`` of an eliminant is a vector of polynomials modulo
``m``: arithmetic in the number field ``Q[t]/(m)`` (inverses by the extended Euclidean algorithm);
its positivity and best-response inequalities are decided at each real root of ``m`` exactly
(:func:`~govgames.games.nplayer.algebraic.sign_at_root`) and an equilibrium is appended as an
:class:`~govgames.games.nplayer.algebraic.AlgebraicProfile` (:func:`_add_if_equilibrium`). The
common root of two polynomials over a root of their resultant is read off their first subresultant
(:func:`_common_root`), a determinant of Sylvester-type rows.

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 3 sec. 6 (resultants and subresultants).
.. [2] H. Cohen, *A Course in Computational Algebraic Number Theory*, Springer, 1993, sec. 4.2
   (arithmetic in number fields).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import flint

from .algebraic import AlgebraicProfile, real_roots, sign_at_root
from .polynomial import SupportSolution, _as_profile, _fraction, _quick_reject
from .supports import _restrict


def _add_if_equilibrium(tables, support: tuple, probs: dict, m: tuple, idx: int, mult: int,
                        result: SupportSolution) -> None:
    """Append the solution at root ``idx`` of the factor ``m`` to ``result`` when it is an
    equilibrium (positive probabilities, no better unused strategy, decided exactly);
    ``probs``: each mixing player's probabilities on its support, polynomials modulo ``m``."""
    mq = flint.fmpq_poly(list(m))
    flat = [x for row in probs.values() for x in row]
    if _quick_reject(flat, m, idx) or any(sign_at_root(x, m, idx) <= 0 for x in flat):
        return
    slacks = _slacks(tables, support, probs, mq)
    if _quick_reject(slacks, m, idx):
        return
    signs = [sign_at_root(v, m, idx) for v in slacks]
    if any(s < 0 for s in signs):
        return
    result.multiple = result.multiple or mult > 1
    result.tight = result.tight or any(s == 0 for s in signs)
    one = flint.fmpq_poly([1])
    rows = [probs.get(i, [one]) for i in range(len(support))]
    shape = tuple(U.shape[0] for U in tables.own_first_exact)
    if len(m) == 2:  # rational: the canonical trivial field, as the linear solver gives
        coords = _rational_coordinates(shape, support, rows, flint.fmpq(-m[0], m[1]))
        result.points.append(AlgebraicProfile((0, 1), 0, coords))
        return
    result.points.append(_as_profile(support, shape, m, idx, rows))


def _rational_coordinates(shape: tuple, support: tuple, rows: list, theta) -> tuple:
    """Probabilities at the rational root ``theta``, as constants (per player, per strategy)."""
    out = []
    for i, a in enumerate(shape):
        prob = dict(zip(support[i], rows[i]))
        out.append(tuple((_fraction(prob[s](theta)) if s in prob else Fraction(0),)
                         for s in range(a)))
    return tuple(out)


def _inverse(g: flint.fmpq_poly, m: flint.fmpq_poly) -> flint.fmpq_poly:
    """``1 / g`` modulo ``m`` (``g`` has no root in common with ``m``)."""
    d, s, _ = g.xgcd(m)
    return s / d.coeffs()[0]


def _slacks(tables, support: tuple, probs: dict, mq: flint.fmpq_poly) -> list:
    """``u_i(S_i[0]) - u_i(t)`` for every player ``i`` and unused strategy ``t``, as
    polynomials in the root modulo ``mq`` (``probs``: the mixing players' probability
    polynomials)."""
    out = []
    for i, S in enumerate(support):
        U = tables.own_first_exact[i]
        R = _restrict(U, i, support)
        others = [j for j in range(len(support)) if j != i]
        for t in range(U.shape[0]):
            if t in S:
                continue
            D = R[S[0]] - R[t]
            total = flint.fmpq_poly(0)
            for idx in itertools.product(*(range(len(support[j])) for j in others)):
                coef = int(D[idx])
                if coef:
                    term = flint.fmpq_poly([coef])
                    for j, k in zip(others, idx):
                        if j in probs:
                            term = (term * probs[j][k]) % mq
                    total += term
            out.append(total)
    return out


def _common_root(polys: list):
    """The common root ``N / D`` in ``X`` of two polynomials given by their coefficients in
    ``X`` (integer polynomials in ``t``, constant first), and the polynomials in ``t`` that
    must not vanish at a root of their resultant for it to be the only common root there
    (leading coefficients and the subresultant's, by which the resultant's multiplicities
    are those of the intersections too); None when one is free of ``X`` and the other of
    degree two or more in it."""
    (p, P), (q, Q) = sorted(((len(c) - 1, c) for c in polys), key=lambda t: -t[0])
    if q == 0 and p == 1:
        P, Q, q = Q, P, 1
    if q <= 0:
        return None
    if q == 1:  # X = -Q0 / Q1 at every root where Q1 does not vanish
        return (-Q[0], Q[1]), [Q[1]]
    s1, s0 = _first_subresultant(P, Q)  # s1 X + s0
    return (-s0, s1), [P[-1], Q[-1], s1]


def _in_var(h, var: int, base: int) -> list:
    """``h`` (free of the unknowns but ``var`` and ``base``) as its coefficients in ``var``,
    integer polynomials in ``base``, constant first."""
    degs = h.degrees()
    out = [[0] * (degs[base] + 1) for _ in range(degs[var] + 1)]
    for exps, c in h.to_dict().items():
        out[exps[var]][exps[base]] = int(c)
    return [flint.fmpz_poly(c) for c in out]


def _first_subresultant(P: list, Q: list) -> tuple:
    """``(s1, s0)``: the first subresultant ``s1 X + s0`` of ``P`` and ``Q`` (coefficient lists,
    constant first, ``deg P >= deg Q >= 2``) from the determinants of the rows
    ``X^{q-2} P .. P, X^{p-2} Q .. Q`` (Cox, Little and O'Shea 2015, ch. 3 sec. 6; the
    specialisation at a root keeps it when neither leading coefficient vanishes there)."""
    p, q = len(P) - 1, len(Q) - 1
    width = p + q - 1  # columns X^{p+q-2} .. X^0
    zero = flint.fmpz_poly(0)
    rows = []
    for f, shifts in ((P, q - 1), (Q, p - 1)):
        for sh in range(shifts - 1, -1, -1):
            row = [zero] * width
            for k, c in enumerate(f):
                row[width - 1 - (k + sh)] = c
            rows.append(row)
    lead = [row[:width - 2] for row in rows]
    return tuple(_determinant([r + [row[width - 1 - k]] for r, row in zip(lead, rows)])
                 for k in (1, 0))


def _determinant(M: list) -> flint.fmpz_poly:
    """Determinant of a small square matrix of integer polynomials (Bareiss' fraction-free
    elimination: every division is exact)."""
    A = [list(row) for row in M]
    n, sign, prev = len(A), 1, flint.fmpz_poly(1)
    for c in range(n - 1):
        piv = next((r for r in range(c, n) if not A[r][c].is_zero()), None)
        if piv is None:
            return flint.fmpz_poly(0)
        if piv != c:
            A[c], A[piv], sign = A[piv], A[c], -sign
        for r in range(c + 1, n):
            for k in range(c + 1, n):
                A[r][k] = (A[r][k] * A[c][c] - A[r][c] * A[c][k]) // prev
        prev = A[c][c]
    return sign * A[n - 1][n - 1]


def _root_in_unit_interval(m: tuple) -> bool:
    """Whether some real root of the irreducible ``m`` may lie in ``(0, 1)`` (certified
    balls: False only when every real root is certainly outside)."""
    return any(not (t <= 0 or t >= 1) for t in real_roots(m, 64))


def _keval(p, vals: list, mq: flint.fmpq_poly) -> flint.fmpq_poly:
    """``p`` at ``vals`` (elements of ``Q[t] / mq``), reduced modulo ``mq``."""
    total = flint.fmpq_poly(0)
    for exps, c in p.to_dict().items():
        term = flint.fmpq_poly([int(c)])
        for j, e in enumerate(exps):
            if e:
                term = (term * vals[j] ** e) % mq
        total += term
    return total % mq
