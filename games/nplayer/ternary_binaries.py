"""Supports where one player mixes three strategies and three players two each: resultants and
a forced back-substitution, no Groebner basis.

With ``y_0, y_1, y_2`` the binary players' second probabilities and ``(1 - p_1 - p_2, p_1,
p_2)`` the ternary player's, the ternary player's two indifference equations ``F_1, F_2`` are
free of ``p`` and multilinear in the ``y``; each binary player's equation ``E_k`` is affine in
``(p_1, p_2)``: ``E_k = a_k + b_k p_1 + c_k p_2`` with coefficients in the other two ``y``. By
the adjugate of ``M = [a_k, b_k, c_k]``, ``det M`` lies in the ideal of the equations (it is a
combination of the ``E_k``), and so do ``R_1 = Res_{y_2}(F_1, F_2)``, ``R_2 = Res_{y_2}(F_1,
det M)`` and ``R = Res_{y_1}(R_1, R_2)``, a polynomial in ``y_0`` alone (Cox, Little and O'Shea
2015, ch. 3): every solution has ``y_0`` a root of ``R``. Over each irreducible factor of ``R``
the other unknowns are forced: ``y_1`` is the common root of ``R_1, R_2`` (a first
subresultant), ``y_2`` the root of ``F_1`` or ``F_2`` (degree one in it), ``p`` the solution of
two of the ``E_k`` (Cramer's rule); if a pivot of this chain vanishes the support is left to
:func:`~govgames.games.nplayer.polynomial.solve_support`. The forced candidate is then checked
against every equation exactly: when it fails, no solution lies over the factor. A factor at
each of whose real roots the forced point certainly leaves the simplices (Arb balls, the pivots
certainly non-zero) is skipped before any exact arithmetic over it. Positivity and best
responses are decided exactly (:func:`~govgames.games.nplayer.algebraic.sign_at_root`).

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 3 (elimination, resultants and subresultants).
.. [2] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [3] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*, 74-79.
"""

from __future__ import annotations

import itertools
from typing import Sequence

import flint
import numpy as np

from ._elimination import (
    _add_if_equilibrium,
    _common_root,
    _in_var,
    _inverse,
    _keval,
)
from .algebraic import _arb_eval, real_roots
from .exclusion import _det
from .polynomial import SupportSolution, _key
from .supports import _payoff_tables, _restrict

__all__: list = []

_NAMES = ("y0", "y1", "y2", "p1", "p2")


def _ternary_and_binaries(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly four players mix, one of them
    three strategies and the others two, by the elimination of the module docstring; the
    irreducible factors of ``R`` at each of whose real roots the forced point certainly has a
    probability outside ``(0, 1)`` (:func:`_outside`, ball arithmetic) are skipped, so
    ``n_complex`` counts only the distinct solutions over the examined factors.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Returns
    -------
    SupportSolution or None
        The equilibria with this support; None for another shape or when the elimination does
        not decide it (``R`` identically zero, a vanishing pivot): solve it with
        :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    Cox, Little and O'Shea (2015), ch. 3; McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    >>> from govgames.games.nplayer.polynomial import solve_support
    >>> P = list(np.random.default_rng(3).integers(-9, 10, size=(4, 3, 2, 2, 2)))
    >>> S = ((0, 1, 2), (0, 1), (0, 1), (0, 1))
    >>> fast, ref = _ternary_and_binaries(P, S), solve_support(P, S)
    >>> [p.to_floats() for p in fast.points] == [p.to_floats() for p in ref.points]
    True
    """
    if len(support) < 4 or sorted(len(S) for S in support if len(S) > 1) != [2, 2, 2, 3]:
        return None  # checked first: this runs on every support no other elimination takes
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    tern = next(i for i in mixed if len(support[i]) == 3)
    binaries = [i for i in mixed if i != tern]
    tables = _payoff_tables(payoffs)
    ctx = flint.fmpz_mpoly_ctx.get(_NAMES, "lex")
    F, E = _equations(tables, support, tern, binaries, ctx)
    M = [_affine_rows(e, ctx) for e in E]
    R1 = F[0].resultant(F[1], "y2")
    R2 = F[0].resultant(_det(M), "y2")
    R = None if R1.is_zero() or R2.is_zero() else R1.resultant(R2, "y1")
    if R is None or R.is_zero():
        return None
    second = _common_root([_in_var(R1, 1, 0), _in_var(R2, 1, 0)])
    R = _univariate(R)
    result = SupportSolution(support, -1 if R.degree() < 1 else 0)
    if R.degree() < 1:
        return result
    if second is None:
        return None
    _, factors = R.factor()
    for f, _ in factors:
        m = _key(f)
        roots = [idx for idx, theta in enumerate(real_roots(m, 64))
                 if not (theta <= 0 or theta >= 1 or _outside(F, M, second, theta))]
        if not roots:
            continue  # no real root where the forced point may lie inside the simplices
        found = _forced_point(F, E, M, second, m)
        if found is None:
            return None  # a pivot vanishes: not decided here
        if found is False:
            continue  # the forced candidate is no solution: none over this factor
        result.n_complex += len(m) - 1
        probs = {tern: [1 - found[3] - found[4], found[3], found[4]]}
        probs.update({b: [1 - found[k], found[k]] for k, b in enumerate(binaries)})
        for idx in roots:
            _add_if_equilibrium(tables, support, probs, m, idx, 1, result)
    if result.n_complex == 0:
        result.dimension = -1
    return result


def _univariate(R) -> flint.fmpz_poly:
    """The polynomial ``R`` of the context, free of all unknowns but ``y0``, as an
    ``fmpz_poly`` in ``y0``."""
    coeffs = [0] * (R.degrees()[0] + 1)
    for exps, c in R.to_dict().items():
        coeffs[exps[0]] = int(c)
    return flint.fmpz_poly(coeffs)


def _equations(tables, support: tuple, tern: int, binaries: list, ctx) -> tuple:
    """The ternary player's two indifference equations ``F`` (polynomials in the ``y``) and
    each binary player's ``E_k`` (affine in ``p_1, p_2``), over the integers."""
    y0, y1, y2, p1, p2 = ctx.gens()
    one = ctx.constant(1)
    prob = {tern: [one - p1 - p2, p1, p2]}
    prob.update({b: [one - y, y] for b, y in zip(binaries, (y0, y1, y2))})

    def equation(i: int, s: int):
        R = _restrict(tables.own_first_exact[i], i, support)
        D = np.asarray(R[s] - R[support[i][0]])
        others = [j for j in range(len(support)) if j != i]
        total = ctx.constant(0)
        for idx in itertools.product(*(range(len(support[j])) for j in others)):
            c = int(D[idx])
            if c:
                term = ctx.constant(c)
                for j, k in zip(others, idx):
                    if j in prob:
                        term = term * prob[j][k]
                total += term
        return total

    F = [equation(tern, s) for s in support[tern][1:]]
    E = [equation(b, support[b][1]) for b in binaries]
    return F, E


def _affine_rows(e, ctx) -> list:
    """``[a, b, c]`` with ``e = a + b p_1 + c p_2`` (``e`` affine in ``p_1, p_2``)."""
    _, _, _, p1, p2 = ctx.gens()
    b, c = e.derivative("p1"), e.derivative("p2")
    return [e - b * p1 - c * p2, b, c]


def _nonzero(x: flint.arb) -> bool:
    return bool(x > 0 or x < 0)


def _arb_at(p, vals: list) -> flint.arb:
    """Ball of the polynomial ``p`` of the context at the balls ``vals``."""
    total = flint.arb(0)
    for exps, c in p.to_dict().items():
        term = flint.arb(int(c))
        for v, e in zip(vals, exps):
            if e:
                term *= v ** e
        total += term
    return total


def _outside(F: list, M: list, second: tuple, theta: flint.arb) -> bool:
    """Whether, at the real root in the ball ``theta`` (as ``y0``), the only possible solution
    (:func:`_forced_point`, its pivots certainly non-zero in ball arithmetic) has a probability
    certainly outside ``(0, 1)``: then no equilibrium has ``y0`` there. False says nothing."""
    (N, D), pivots = second
    if not all(_nonzero(_arb_eval(flint.fmpq_poly(g), theta)) for g in pivots):
        return False
    y1 = _arb_eval(flint.fmpq_poly(N), theta) / _arb_eval(flint.fmpq_poly(D), theta)
    if y1 <= 0 or y1 >= 1:
        return True
    vals = [theta, y1, flint.arb(0), flint.arb(0), flint.arb(0)]
    for f in F:
        a = _arb_at(f.derivative("y2"), vals)
        if _nonzero(a):
            vals[2] = -_arb_at(f, vals) / a
            break
    else:
        return False
    if vals[2] <= 0 or vals[2] >= 1:
        return True
    rows = [[_arb_at(x, vals) for x in row] for row in M]
    for k, ell in itertools.combinations(range(3), 2):
        (a, b, c), (a2, b2, c2) = rows[k], rows[ell]
        det = b * c2 - b2 * c
        if _nonzero(det):
            p1, p2 = (c * a2 - a * c2) / det, (b2 * a - b * a2) / det
            return bool(p1 <= 0 or p2 <= 0 or p1 + p2 >= 1)
    return False


def _forced_point(F: list, E: list, M: list, second: tuple, m: tuple):
    """The only possible solution over the roots of the irreducible ``m`` (a root ``t`` of
    ``m`` as ``y0``): ``[y0, y1, y2, p1, p2]`` as polynomials in ``t`` modulo ``m`` when it
    solves every equation, False when it does not (no solution over ``m``), None when a pivot
    vanishes modulo ``m`` (not decided)."""
    mq, mz = flint.fmpq_poly(list(m)), flint.fmpz_poly(list(m))
    (N, D), pivots = second
    if any((g % mz).is_zero() for g in pivots):
        return None
    t = flint.fmpq_poly([0, 1]) % mq
    zero = flint.fmpq_poly(0)
    y1 = (flint.fmpq_poly(N) * _inverse(flint.fmpq_poly(D), mq)) % mq
    vals = [t, y1, zero, zero, zero]
    y2 = None
    for f in F:
        a = _keval(f.derivative("y2"), vals, mq)
        if not a.is_zero():
            y2 = (-_keval(f, vals, mq) * _inverse(a, mq)) % mq  # f is affine in y2
            break
    if y2 is None:
        return None
    vals[2] = y2
    rows = [[_keval(x, vals, mq) for x in row] for row in M]
    for k, ell in itertools.combinations(range(3), 2):
        (a, b, c), (a2, b2, c2) = rows[k], rows[ell]
        det = (b * c2 - b2 * c) % mq
        if not det.is_zero():
            inv = _inverse(det, mq)
            vals[3] = ((c * a2 - a * c2) * inv) % mq
            vals[4] = ((b2 * a - b * a2) * inv) % mq
            break
    else:
        return None
    if any(not _keval(e, vals, mq).is_zero() for e in F + E):
        return False
    return vals
