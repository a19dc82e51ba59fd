"""Supports where four players mix two strategies each: one resultant and a triangular
back-substitution over each factor's number field, no Groebner basis.

With ``x0 .. x3`` the mixing players' second probabilities, each player's indifference equation is
multilinear and free of its own probability. Two rounds of elimination of one unknown of degree one
(``x0``, then ``x3``) leave two polynomials in ``x1, x2`` whose resultant in ``x2`` is a univariate
polynomial ``R(x1)`` in the ideal of the equations (Cox, Little and O'Shea 2015, ch. 3). Over the
number field of each irreducible factor of ``R`` the other unknowns follow by a gcd and equations of
degree one in them; factors on which a cleared denominator vanishes are extraneous and dropped
exactly, and anything the elimination does not decide (``R`` identically zero, a gcd of degree
other than one, a vanishing pivot, a singular Jacobian) is left to
:func:`~govgames.games.nplayer.polynomial.solve_support`. Generic systems of this shape have nine
complex solutions (McKelvey and McLennan 1997). Positivity and best responses are decided exactly
(:func:`~govgames.games.nplayer.algebraic.sign_at_root`).

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 3 (elimination and resultants).
.. [2] R. D. McKelvey and A. McLennan, "The maximal number of regular totally mixed Nash
   equilibria", *Journal of Economic Theory* 72 (1997), 411-425.
.. [3] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [4] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*, 74-79.
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
    _root_in_unit_interval,
)
from .algebraic import _arb_eval, real_roots
from .polynomial import SupportSolution, _key
from .supports import _payoff_tables, _restrict

__all__ = ["solve_binary_quadruple"]


def solve_binary_quadruple(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly four players mix, two
    strategies each, exactly (one resultant and a triangular back-substitution instead of a
    Groebner basis).

    With ``x0 .. x3`` the mixing players' second probabilities (player order), player ``k``'s
    indifference equation ``E_k`` is multilinear and free of ``x_k``. Writing
    ``E_3 = A x0 + B``, the polynomials ``F_1 = A E_1 - (dE_1/dx0) E_3`` and ``F_2`` (likewise)
    are free of ``x0``; ``E_0``, ``F_1`` and ``F_2`` are of degree one in ``x3``, so
    ``H_1 = (dE_0/dx3) F_1 - (dF_1/dx3) E_0`` and ``H_2`` are free of it, and the resultant
    ``R(x1) = Res_x2(H_1, H_2)`` lies in the ideal of the equations: every solution has ``x1``
    a root of ``R`` (Cox, Little and O'Shea 2015, ch. 3). Over the number field of each
    irreducible factor of ``R``, ``x2`` is the root of ``gcd(H_1, H_2)``, then ``x3`` and
    ``x0`` follow from equations of degree one in them (:func:`_quadruple_factor` drops the
    extraneous factors, roots of the cleared denominators). Positivity and best responses
    are decided exactly as in :func:`~govgames.games.nplayer.binary.solve_binary_triple`.

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
        not decide the support (``R`` identically zero, a gcd of degree other than one, a
        vanishing pivot, a singular Jacobian at a solution): solve it with
        :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    McKelvey and McLennan (1996), sec. 6; D. A. Cox, J. Little and D. O'Shea, *Ideals,
    Varieties, and Algorithms*, 4th ed., Springer, 2015, ch. 3 (resultants and elimination);
    Datta (2003) for the polynomial systems of games.

    Examples
    --------
    Nine complex solutions (the Bezout number of McKelvey and McLennan 1997), one of them an
    equilibrium:

    >>> P = np.random.default_rng(6).integers(-9, 10, size=(4, 2, 2, 2, 2))
    >>> sol = solve_binary_quadruple(list(P), ((0, 1),) * 4)
    >>> sol.dimension, sol.n_complex, [p.evalf(3)[0] for p in sol.points]
    (0, 9, [['0.105', '0.895']])
    """
    return _binary_quadruple(payoffs, support, True)


def _binary_quadruple(payoffs: Sequence[np.ndarray], support: tuple, counts: bool):
    """:func:`solve_binary_quadruple`; with ``counts`` False the factors of ``R`` without a
    real root in ``(0, 1)`` are not examined (no solution over them is an equilibrium), so
    ``n_complex`` and a ``dimension`` of -1 or 0 describe the examined factors only (what
    :func:`~govgames.games.nplayer.enumerate.enumerate_equilibria` reads is unchanged: the
    points, and that the solution set is finite)."""
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    if len(mixed) != 4 or any(len(support[i]) != 2 for i in mixed):
        return None
    tables = _payoff_tables(payoffs)
    E = _quadruple_equations(tables, support, mixed)
    elim = _quadruple_eliminant(E)
    if elim is None:
        return None
    R, F, H = elim
    result = SupportSolution(support, -1 if R.degree() < 1 else 0)
    if R.degree() < 1:
        return result
    fast: list = []
    _, factors = R.factor()
    for f, mult in factors:
        m = _key(f)
        if not (counts or _root_in_unit_interval(m)):
            continue
        fast = fast or [_quadruple_fractions(E, H)]
        if not (counts or _may_hold_equilibrium(fast[0], m)):
            continue
        found = _quadruple_factor(E, F, H, fast[0], m)
        if found is None:
            return None  # not decided by the elimination: left to the general solver
        if found is False:
            continue  # extraneous factor: no solution has x1 among its roots
        mult = mult if found[0] == "fast" else 1  # the multiplicity of each solution
        result.n_complex += mult * (len(m) - 1)
        roots = _inside_unit_box(found, m)
        if roots:
            probs = dict(zip(mixed, _quadruple_probabilities(found, m)))
            for idx in roots:
                _add_if_equilibrium(tables, support, probs, m, idx, mult, result)
    if result.n_complex == 0:
        result.dimension = -1
    return result


_X = ("x0", "x1", "x2", "x3")


def _quadruple_equations(tables, support: tuple, mixed: list) -> list:
    """The four mixing players' indifference equations ``u_i(S_i[1]) - u_i(S_i[0])`` as
    integer polynomials in ``x0 .. x3`` (the mixers' second probabilities)."""
    ctx = flint.fmpz_mpoly_ctx.get(_X, "lex")
    out = []
    for k, i in enumerate(mixed):
        R = _restrict(tables.own_first_exact[i], i, support)
        D = np.asarray(R[support[i][1]] - R[support[i][0]]).reshape(8).tolist()
        others = [j for j in range(4) if j != k]
        terms = {}
        for T in range(8):  # the monomial prod_{bits of T} x_j: Moebius sum over b in T
            c = sum((-1) ** bin(T ^ b).count("1") * int(D[b]) for b in range(8) if b & T == b)
            if c:
                exps = [0] * 5
                for pos, j in enumerate(others):
                    exps[j] = T >> (2 - pos) & 1
                terms[tuple(exps[:4])] = c
        out.append(ctx.from_dict(terms) if terms else ctx.constant(0))
    return out


def _quadruple_eliminant(E: list):
    """``(R, (F_1, F_2), (H_1, H_2))`` of :func:`solve_binary_quadruple`: ``R`` an integer
    polynomial in ``x1``; None when it is identically zero or the resultant would not carry
    the common roots (``H_1`` and ``H_2`` both free of ``x2``)."""
    E0, E1, E2, E3 = E
    A = E3.derivative("x0")
    F = [A * Ek - Ek.derivative("x0") * E3 for Ek in (E1, E2)]
    P = E0.derivative("x3")
    H = [P * Fk - Fk.derivative("x3") * E0 for Fk in F]
    if any(h.is_zero() for h in H) or all(h.degrees()[2] == 0 for h in H):
        return None
    res = H[0].resultant(H[1], "x2")
    if res.is_zero():
        return None
    coeffs = [0] * (res.degrees()[1] + 1)
    for exps, c in res.to_dict().items():
        coeffs[exps[1]] = int(c)
    return flint.fmpz_poly(coeffs), F, H


def _quadruple_fractions(E: list, H: list):
    """The unknowns ``x2, x3, x0`` as quotients ``N / D`` of integer polynomials in ``x1``
    (``"fractions"``, keys 2, 3, 0) and the polynomials in ``x1`` that must not vanish at a
    root for the quotient of ``x2`` to be the only ``x2`` of a solution over it (``"pivots"``:
    the leading coefficients of ``H_1, H_2`` in ``x2`` and the denominator of ``x2``); None
    when ``H_1, H_2`` have no such form (one is free of ``x2``, the other of degree two or
    more in it)."""
    second = _common_root([_in_var(h, 2, 1) for h in H])
    if second is None:
        return None
    fr, pivots = {2: second[0]}, second[1]
    for var, eq in ((3, E[0]), (0, E[3])):
        slope = _homogenized(eq.derivative(_X[var]), [2], fr)
        rest = _homogenized(eq - eq.derivative(_X[var]) * eq.context().gens()[var], [2], fr)
        fr[var] = (-rest, slope)
    return {"fractions": fr, "pivots": pivots}


def _homogenized(p, scope, fr: dict) -> flint.fmpz_poly:
    """``p`` (free of the unknowns other than ``x1`` and those of ``scope``) at
    ``x_v = N_v / D_v``, times ``D_v`` to the power ``scope[v]`` (at least the degree of
    ``p`` in ``x_v``; one when ``scope`` is a list) for each ``v`` of ``scope``: an integer
    polynomial in ``x1``."""
    degree = scope if isinstance(scope, dict) else dict.fromkeys(scope, 1)
    powers = {v: [fr[v][0] ** e * fr[v][1] ** (d - e) for e in range(d + 1)]
              for v, d in degree.items()}
    total = flint.fmpz_poly(0)
    for exps, c in p.to_dict().items():
        term = flint.fmpz_poly([0] * exps[1] + [int(c)])
        for v, table in powers.items():
            term *= table[exps[v]]
        total += term
    return total


def _inconsistent(pair: list, var: int, fr: dict, mz: flint.fmpz_poly) -> bool:
    """Whether the two polynomials ``pair``, of degree at most one in ``x_var`` and with
    their other unknowns but ``x1`` given by ``fr``, have no common zero in ``x_var`` over
    the roots of ``mz``: the determinant of their coefficients (slope, rest) is non-zero
    there. False says nothing."""
    scope = {v: max(p.degrees()[v] for p in pair) for v in fr}
    parts = []
    for p in pair:
        slope = p.derivative(_X[var])
        parts.append((_homogenized(slope, scope, fr),
                      _homogenized(p - slope * p.context().gens()[var], scope, fr)))
    (a, b), (c, d) = parts
    return not ((a * d - b * c) % mz).is_zero()


def _quadruple_factor(E: list, F: list, H: list, fast, m: tuple):
    """How the solutions whose ``x1`` is a root of the irreducible ``m`` are known: ``"fast"``
    (the quotients of :func:`_quadruple_fractions`, all pivots and denominators non-zero
    there) or the values modulo ``m`` (:func:`_quadruple_point`); False when there is no such
    solution, None when the elimination does not decide them.

    When the pivots of ``x2`` do not vanish, ``x2`` is forced. If then the coefficient of
    ``x3`` in ``E_0`` (the denominator of ``x3``) vanishes but the rest of ``E_0`` does not,
    ``E_0`` has no zero over these roots, and likewise for ``x0`` and ``E_3``: the factor
    is extraneous (a root of a cleared denominator). If both parts vanish, the equation is
    void there, and the two others of degree one in that unknown (``F_1, F_2`` for ``x3``,
    ``E_1, E_2`` for ``x0``) must have a common zero.

    Over a factor taken the fast way, each solution has the multiplicity of ``m`` in ``R``:
    with the denominators non-zero the ideal is locally ``(x3 - N3/D3, x0 - N0/D0, H_1,
    H_2)``, and when a leading coefficient of ``H_1`` or ``H_2`` in ``x2`` does not vanish the
    order of a root of their resultant is the sum of the intersection multiplicities over it
    (W. Fulton, *Algebraic Curves*, 1969, ch. 3 and 5). The values of
    :func:`_quadruple_point` have a non-singular Jacobian: they are simple."""
    mz = flint.fmpz_poly(list(m))  # primitive: divides exactly when it divides over Q
    if fast is not None and all(not (g % mz).is_zero() for g in fast["pivots"]):
        fr = fast["fractions"]
        void = []
        for var, (N, D) in fr.items():
            if var != 2 and (D % mz).is_zero():
                if not (N % mz).is_zero():
                    return False
                void.append(var)
        if not void:
            return ("fast", fr)
        if len(void) == 1:
            pair, known = (F, [2]) if void[0] == 3 else (E[1:3], [2, 3])
            if _inconsistent(pair, void[0], {v: fr[v] for v in known}, mz):
                return False
    vals = _quadruple_point(E, F, H, flint.fmpq_poly(list(m)))
    return vals if vals is None or vals is False else ("values", vals)


def _may_hold_equilibrium(fast, m: tuple) -> bool:
    """False when, the pivots of ``x2`` being non-zero over the roots of ``m`` (``x2`` is
    then forced), at each real root some unknown given by its quotient (``x2``; ``x3`` and
    ``x0`` where their denominators' balls exclude zero) certainly lies outside ``(0, 1)``:
    no solution over these roots is an equilibrium, whatever else holds there."""
    if fast is None:
        return True
    mz = flint.fmpz_poly(list(m))
    if any((g % mz).is_zero() for g in fast["pivots"]):
        return True
    return bool(_inside_unit_box(("fast", fast["fractions"]), m))


def _inside_unit_box(found: tuple, m: tuple) -> list:
    """Indices of the real roots of ``m`` at which every unknown may lie in ``(0, 1)`` (the
    others are certainly not equilibria; ball arithmetic, so the test is one-sided)."""
    out = []
    for idx, theta in enumerate(real_roots(m, 64)):
        if theta <= 0 or theta >= 1:
            continue
        if found[0] == "fast":
            vals = [_arb_eval(flint.fmpq_poly(N), theta) / _arb_eval(flint.fmpq_poly(D), theta)
                    for N, D in found[1].values()]
            if any(v <= 0 or v >= 1 for v in vals):
                continue
        out.append(idx)
    return out


def _quadruple_probabilities(found: tuple, m: tuple) -> list:
    """Each mixing player's probabilities ``[1 - x_k, x_k]`` modulo ``m``, ``k = 0 .. 3``."""
    mq = flint.fmpq_poly(list(m))
    if found[0] == "fast":
        x = [flint.fmpq_poly([0, 1]) % mq] * 4
        for var, (N, D) in found[1].items():
            x[var] = (flint.fmpq_poly(N) * _inverse(flint.fmpq_poly(D) % mq, mq)) % mq
    else:
        x = found[1]
    one = flint.fmpq_poly([1])
    return [[one - v, v] for v in x]


def _quadruple_point(E: list, F: list, H: list, mq: flint.fmpq_poly):
    """``[x0, x1, x2, x3]`` modulo ``mq`` (``x1`` its root) at the solution whose ``x1`` is a
    root of the irreducible ``mq``; False when there is none; None when the elimination does
    not decide it (see :func:`solve_binary_quadruple`)."""
    x1 = flint.fmpq_poly([0, 1]) % mq
    vals = [None, x1, None, None]
    g = _gcd_mod([_coefficients(h, 2, vals, mq) for h in H], mq)
    if g is None or len(g) > 2:
        return None
    if len(g) == 1:
        return False  # H_1 and H_2 have no common root over this x1
    vals[2] = -g[0]  # g is monic
    for var, candidates in ((3, [E[0], F[0], F[1]]), (0, [E[3], E[1], E[2]])):
        for p in candidates:  # each of degree at most one in x_var
            rest, slope = (_coefficients(p, var, vals, mq) + [flint.fmpq_poly(0)] * 2)[:2]
            if not slope.is_zero():
                vals[var] = (-rest * _inverse(slope, mq)) % mq
                break
        else:
            return None
    if any(not _keval(e, vals, mq).is_zero() for e in E):
        return False
    if _jacobian_determinant(E, vals, mq).is_zero():
        return None  # a multiple solution: its multiplicity is the general solver's
    return vals


def _coefficients(p, var: int, vals: list, mq: flint.fmpq_poly) -> list:
    """The coefficients (constant first, no zero leading one) of ``p`` as a polynomial in
    ``x_var``, the other unknowns that occur set to ``vals`` (elements of ``Q[t] / mq``)."""
    out: list = []
    for exps, c in p.to_dict().items():
        term = flint.fmpq_poly([int(c)])
        for j, e in enumerate(exps):
            if e and j != var:
                term = (term * vals[j] ** e) % mq
        while len(out) <= exps[var]:
            out.append(flint.fmpq_poly(0))
        out[exps[var]] += term
    while out and out[-1].is_zero():
        out.pop()
    return out


def _gcd_mod(polys: list, mq: flint.fmpq_poly):
    """The monic gcd (coefficients constant first) of polynomials over the field
    ``Q[t] / mq`` (``mq`` irreducible), by Euclid's algorithm; None when all are zero."""
    polys = [q for q in polys if q]
    if not polys:
        return None
    g = polys[0]
    for h in polys[1:]:
        while h:
            inv = _inverse(h[-1], mq)
            r = list(g)
            while len(r) >= len(h):  # r -= (lead r / lead h) X^shift h
                f = (r[-1] * inv) % mq
                shift = len(r) - len(h)
                for k, c in enumerate(h):
                    r[shift + k] = (r[shift + k] - f * c) % mq
                while r and r[-1].is_zero():
                    r.pop()
            g, h = h, r
    inv = _inverse(g[-1], mq)
    return [(c * inv) % mq for c in g]


def _jacobian_determinant(E: list, vals: list, mq: flint.fmpq_poly) -> flint.fmpq_poly:
    """``det(dE_k / dx_j)`` at ``vals``, modulo ``mq`` (Leibniz expansion; ``E_k`` is free
    of ``x_k``, so only the nine derangements contribute)."""
    zero = flint.fmpq_poly(0)
    J = [[_keval(e.derivative(_X[j]), vals, mq) if j != k else zero for j in range(4)]
         for k, e in enumerate(E)]
    det = flint.fmpq_poly(0)
    for perm in itertools.permutations(range(4)):
        if any(perm[k] == k for k in range(4)):
            continue
        term = flint.fmpq_poly(_permutation_sign(perm))
        for k in range(4):
            term = (term * J[k][perm[k]]) % mq
        det += term
    return det % mq


def _permutation_sign(perm: tuple) -> int:
    """+1 or -1: the parity of the inversions of ``perm``."""
    inv = sum(1 for a in range(len(perm)) for b in range(a + 1, len(perm)) if perm[a] > perm[b])
    return -1 if inv % 2 else 1
