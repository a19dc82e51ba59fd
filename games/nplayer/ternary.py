"""Supports where three players mix three strategies each: Cramer's rule and one resultant, no
Groebner basis.

Each of two mixing players' indifference equations and its probabilities' sum are a 3x3 linear
system in the other's probabilities with entries affine in the third player's two probabilities
``r = (r1, r2)``; Cramer's rule gives those probabilities as rational functions of ``r``, and the
third player's equations become two polynomials ``G_1(r), G_2(r)``. The points where a Cramer
determinant vanishes are shown to carry no solution first; then every solution has ``r1`` a root
of ``Res_r2(G_1, G_2)`` (Cox, Little and O'Shea 2015, ch. 3), and ``r2`` is the common root of
``G_1, G_2`` over each irreducible factor (a first subresultant). Extraneous factors are dropped
exactly; what the elimination does not decide is left to
:func:`~govgames.games.nplayer.polynomial.solve_support`. Positivity and best responses are decided
exactly (:func:`~govgames.games.nplayer.algebraic.sign_at_root`).

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 3 (elimination, resultants and subresultants).
.. [2] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [3] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*, 74-79.
"""

from __future__ import annotations

from typing import Sequence

import flint
import numpy as np

from ._elimination import (
    _add_if_equilibrium,
    _common_root,
    _determinant,
    _in_var,
    _inverse,
    _keval,
    _root_in_unit_interval,
)
from .algebraic import _arb_eval, real_roots
from .exclusion import _cramer, _det
from .polynomial import SupportSolution, _key
from .supports import _payoff_tables, _restrict

__all__ = ["solve_ternary_triple"]


def solve_ternary_triple(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly three players mix, three
    strategies each, exactly (Cramer's rule and one resultant instead of a Groebner basis).

    With ``r = (r1, r2)`` the last mixing player's probabilities of its second and third
    strategies, each other mixing player's two equations and ``sum = 1`` are a 3x3 linear
    system in the remaining player's probabilities with entries affine in ``r``: by Cramer's
    rule these are ``num(r) / det(r)``, of degree two. The last player's equations become
    ``G_1(r), G_2(r)`` of degree at most four. A system is inconsistent where its determinant
    vanishes unless its numerators vanish too, at finitely many ``r`` shown to carry no
    solution first (:func:`_rank_deficient_empty`); so every solution has ``r1`` a root of
    ``R = Res_r2(G_1, G_2)``, and ``r2`` the common root of ``G_1, G_2`` over each factor
    (:func:`~govgames.games.nplayer._elimination._common_root`; the factor is extraneous
    where a determinant vanishes, and each solution has its multiplicity in ``R``, as in
    :func:`~govgames.games.nplayer.quadruple._quadruple_factor`).

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
        not decide it: solve it with :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    McKelvey and McLennan (1996), sec. 6; Cox, Little and O'Shea (2015), ch. 3; Datta (2003).

    Examples
    --------
    >>> P = np.random.default_rng(4).integers(-9, 10, size=(3, 3, 3, 3))
    >>> sol = solve_ternary_triple(list(P), ((0, 1, 2),) * 3)
    >>> sol.dimension, sol.n_complex
    (0, 10)
    """
    return _ternary_triple(payoffs, support, True)


def _ternary_triple(payoffs: Sequence[np.ndarray], support: tuple, counts: bool):
    """:func:`solve_ternary_triple`; ``counts`` as for
    :func:`~govgames.games.nplayer.quadruple._binary_quadruple`."""
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    if len(mixed) != 3 or any(len(support[i]) != 3 for i in mixed):
        return None
    tables = _payoff_tables(payoffs)
    i, j, k = mixed
    ctx = flint.fmpz_mpoly_ctx.get(("r1", "r2"), "lex")
    sys_q, sys_p = [_ternary_system(tables, support, a, b, ctx) for a, b in ((i, j), (j, i))]
    (det_q, num_q), (det_p, num_p) = _cramer(sys_q), _cramer(sys_p)  # j's, i's probabilities
    R_k = _restrict(tables.own_first_exact[k], k, support)
    C = [np.asarray(R_k[s_] - R_k[support[k][0]]).reshape(3, 3).tolist()  # (i's, j's)
         for s_ in support[k][1:]]
    G = [sum((int(D[a][b]) * num_p[a] * num_q[b] for a in range(3) for b in range(3)),
             ctx.constant(0)) for D in C]
    if not (_rank_deficient_empty(sys_q, (det_p, num_p), C, True)
            and _rank_deficient_empty(sys_p, (det_q, num_q), C, False)):
        return None
    R = _projection(G[0], G[1])
    second = _common_root([_in_var(g, 1, 0) for g in G]) if R is not None else None
    if second is None or R.is_zero():
        return None
    result = SupportSolution(support, -1 if R.degree() < 1 else 0)
    (N, Dn), pivots = second
    _, factors = R.factor() if R.degree() >= 1 else (None, [])
    for f, mult in factors:
        m = _key(f)
        mz = flint.fmpz_poly(list(m))
        if not (counts or _root_in_unit_interval(m)):
            continue
        if any((g % mz).is_zero() for g in pivots):
            return None
        dets = [_at_quotient(d, N, Dn, max(d.degrees()[1], 1)) for d in (det_p, det_q)]
        if any((d % mz).is_zero() for d in dets):
            continue  # a determinant vanishes: the systems are inconsistent there
        result.n_complex += mult * (len(m) - 1)
        roots = _ternary_triple_roots(m, N, Dn, [(num_p, det_p), (num_q, det_q)])
        if roots:
            probs = _ternary_triple_probabilities(mixed, (num_p, det_p), (num_q, det_q), N, Dn, m)
            for idx in roots:
                _add_if_equilibrium(tables, support, probs, m, idx, mult, result)
    if result.n_complex == 0:
        result.dimension = -1
    return result


def _ternary_system(tables, support: tuple, me: int, other: int, ctx) -> list:
    """Player ``me``'s two equations, then ``sum = 1``, as rows of polynomials in ``r1, r2``
    (the last mixing player's probabilities), one column per strategy of ``other``."""
    R = _restrict(tables.own_first_exact[me], me, support)
    r1, r2 = ctx.gens()
    rt = [1 - r1 - r2, r1, r2]
    rows = []
    for s_ in support[me][1:]:
        D = np.asarray(R[s_] - R[support[me][0]]).reshape(3, 3).tolist()  # (other's, last's)
        rows.append([sum((int(D[t][u]) * rt[u] for u in range(3)), ctx.constant(0))
                     for t in range(3)])
    rows.append([ctx.constant(1)] * 3)
    return rows


def _projection(a, b):
    """An integer polynomial in ``r1`` vanishing at the ``r1`` of every common zero of ``a``
    and ``b`` (polynomials in ``r1, r2``): their resultant in ``r2``, or their gcd when both
    are free of ``r2``; None when it is identically zero."""
    if a.is_zero() or b.is_zero():
        return None
    if a.degrees()[1] == 0 and b.degrees()[1] == 0:
        out = _in_var(a, 1, 0)[0].gcd(_in_var(b, 1, 0)[0])
    else:
        res = a.resultant(b, "r2")
        out = flint.fmpz_poly(0) if res.is_zero() else _in_var(res, 1, 0)[0]
    return None if out.is_zero() else out


def _rank_deficient_empty(rows: list, other: tuple, C: list, first: bool) -> bool:
    """Whether no solution has ``r`` where the two equation ``rows`` of one player's system
    (2x3, affine in ``r``) have rank below two, so that its Cramer numerators ``c`` (their
    2x2 minors) all vanish and the elimination does not see it; False when not shown.

    Those ``r`` are finitely many for a generic game. Over each factor of the gcd of the
    projections of ``c``, the common root of ``c_0, c_1``
    (:func:`~govgames.games.nplayer._elimination._common_root`) is either no zero of ``c_2``
    (no such point) or such a point ``r*``; there a solution needs the other
    player's system regular (``other``: its determinant and numerators; ``p = num / det``)
    and a probability vector ``x`` with ``a x = 0`` (``a`` a non-zero row of ``rows``),
    ``b_l x = 0`` (the last player's equations, ``b_l = sum_s C_l[s] p_s``, over the columns
    of ``rows``) and ``sum x = 1``: impossible when ``det[a; b_1; b_2]`` is non-zero
    (``first``: ``p`` indexes the rows of ``C``, else its columns)."""
    c = [_det([row[:t] + row[t + 1:] for row in rows[:2]]) for t in range(3)]
    if all(x.is_zero() for x in c):
        return False
    projs = [_projection(c[0], x) for x in c[1:]]
    if any(p is None for p in projs):
        return False
    g = projs[0].gcd(projs[1])
    if g.degree() < 1:
        return True
    second = _common_root([_in_var(x, 1, 0) for x in c[:2]])
    if second is None:
        return False
    (N, D), pivots = second
    det, nums = other
    for f, _ in g.factor()[1]:
        mz = flint.fmpz_poly(list(_key(f)))
        if any((x % mz).is_zero() for x in pivots):
            return False
        if not (_at_quotient(c[2], N, D, 2) % mz).is_zero():
            continue  # no common zero of the three over these roots
        if (_at_quotient(det, N, D, 2) % mz).is_zero():
            return False
        a = next((r for r in rows[:2] if any(not (_at_quotient(x, N, D, 1) % mz).is_zero()
                                             for x in r)), None)
        if a is None:
            return False
        M = [[_at_quotient(x, N, D, 2) for x in a]]
        for Cl in C:
            M.append([_at_quotient(sum(((int(Cl[s][t]) if first else int(Cl[t][s])) * nums[s]
                                        for s in range(3)), nums[0] * 0), N, D, 2)
                      for t in range(3)])
        if (_determinant(M) % mz).is_zero():
            return False
    return True


def _at_quotient(p, N: flint.fmpz_poly, D: flint.fmpz_poly, d: int) -> flint.fmpz_poly:
    """``p(r1, N / D) * D^d`` (``d`` at least the degree of ``p`` in ``r2``), an integer
    polynomial in ``r1``."""
    total = flint.fmpz_poly(0)
    for (e1, e2), c in p.to_dict().items():
        total += flint.fmpz_poly([0] * e1 + [int(c)]) * N ** e2 * D ** (d - e2)
    return total


def _ternary_triple_roots(m: tuple, N: flint.fmpz_poly, D: flint.fmpz_poly,
                          cramer: list) -> list:
    """Indices of the real roots ``theta`` of ``m`` at which ``r1 = theta``, ``r2 = N / D``
    and the Cramer quotients ``num / det`` of ``cramer`` may all lie in ``(0, 1)`` (ball
    arithmetic: at the others some probability certainly does not)."""
    out = []
    for idx, theta in enumerate(real_roots(m, 64)):
        if theta <= 0 or theta >= 1:
            continue
        r2 = _arb_eval(flint.fmpq_poly(N), theta) / _arb_eval(flint.fmpq_poly(D), theta)
        if r2 <= 0 or r2 >= 1 or theta + r2 >= 1:
            continue
        vals = [theta, r2]
        if any(_arb_at(x, vals) / _arb_at(det, vals) <= 0 for nums, det in cramer
               for x in nums):
            continue
        out.append(idx)
    return out


def _arb_at(p, vals: list):
    """Ball of the polynomial ``p`` in ``r1, r2`` at the balls ``vals``."""
    total = flint.arb(0)
    for (e1, e2), c in p.to_dict().items():
        total += int(c) * vals[0] ** e1 * vals[1] ** e2
    return total


def _ternary_triple_probabilities(players: list, sol_p: tuple, sol_q: tuple, N, D,
                                  m: tuple) -> dict:
    """The three mixing players' probabilities modulo ``m`` (``r1`` its root, ``r2 = N / D``,
    the others their Cramer numerators over their determinants, evaluated modulo ``m``)."""
    mq = flint.fmpq_poly(list(m))
    r1 = flint.fmpq_poly([0, 1]) % mq
    r2 = (flint.fmpq_poly(N) % mq * _inverse(flint.fmpq_poly(D) % mq, mq)) % mq
    vals = [r1, r2]
    out = {players[2]: [(1 - r1 - r2) % mq, r1, r2]}
    for player, (nums, det) in zip(players[:2], (sol_p, sol_q)):
        inv = _inverse(_keval(det, vals, mq), mq)
        out[player] = [(_keval(x, vals, mq) * inv) % mq for x in nums]
    return out
