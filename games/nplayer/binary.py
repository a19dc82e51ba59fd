"""Support profiles of three mixing players, one of them binary: one univariate polynomial, no
Groebner basis.

The shapes are 2, 2 and 2 or 3 strategies, and 2, ``d+1``, ``d+1``. Four players mixing two
strategies each are solved in :mod:`govgames.games.nplayer.quadruple`, three players mixing three
strategies each in :mod:`govgames.games.nplayer.ternary`; the exact arithmetic the three modules
share (number fields, subresultants, the exact equilibrium check) is in
:mod:`govgames.games.nplayer._elimination`.

With the other players pure and ``p, q, r`` the second probabilities of the three mixing players
(in player order), each mixing player's indifference equation is bilinear in the other two's
probabilities: ``E_1(q, r) = a0 + a1 q + a2 r + a3 q r``, ``E_2(p, r)`` (coefficients ``b``) and
``E_3(p, q)`` (coefficients ``c``). When ``a1 + a3 r`` and ``a0 + a2 r`` have no common root (and
likewise for ``b``), no solution makes ``a1 + a3 r`` or ``b1 + b3 r`` vanish, so the first two
equations give ``q = -(a0 + a2 r) / (a1 + a3 r)`` and ``p = -(b0 + b2 r) / (b1 + b3 r)``; the
third, cleared of denominators, is a polynomial ``Q(r)`` of degree at most two whose roots (other
than those of the denominators) are exactly the solutions (McKelvey and McLennan 1996, sec. 6, for
the multilinear structure); when the condition fails, another player's probability is tried as
``r``. Each real root is kept exactly, as a rational number or a quadratic irrationality, and its
positivity and best-response inequalities are decided exactly
(:func:`~govgames.games.nplayer.algebraic.sign_at_root`), as
:func:`~govgames.games.nplayer.polynomial.solve_support` does after a Groebner basis; the interval
exclusion of these supports (:mod:`govgames.games.nplayer.exclusion`) uses the same elimination in
ball arithmetic. With three strategies for one of the players, :func:`solve_two_binary_one_ternary`
eliminates its two equations to a quadratic in the same way and solves the binary players'
equations, linear in its probabilities, by Cramer's rule; with 2, ``d+1`` and ``d+1`` strategies,
:func:`solve_binary_and_pair` solves each pair player's probabilities by Cramer's rule as rational
functions of the binary player's probability, whose equation becomes a polynomial of degree at most
``2d`` (the elimination that :mod:`govgames.games.nplayer.exclusion` uses in ball arithmetic).

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [2] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 3 (elimination and resultants).
.. [3] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*, 74-79.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Sequence

import flint
import numpy as np

from ._elimination import _add_if_equilibrium, _inverse
from .algebraic import real_roots
from .exclusion import _cramer
from .polynomial import SupportSolution, _key
from .supports import _payoff_tables, _restrict

__all__ = ["solve_binary_triple", "solve_two_binary_one_ternary", "solve_binary_and_pair"]


def _bilinear(U: np.ndarray, i: int, support: tuple) -> tuple:
    """Player ``i``'s indifference equation ``c0 + c1 u + c2 v + c3 u v`` in the second
    probabilities ``u, v`` of the other two mixing players (in player order); ``U`` is player
    ``i``'s exact payoffs with the own strategies first."""
    R = _restrict(U, i, support)
    S = support[i]
    d00, d01, d10, d11 = (int(v) for v in (R[S[1]] - R[S[0]]).ravel().tolist())
    return d00, d10 - d00, d01 - d00, d00 - d01 - d10 + d11


def _swap(k: tuple) -> tuple:
    """The bilinear form ``c0 + c1 u + c2 v + c3 u v`` with ``u`` and ``v`` exchanged."""
    return k[0], k[2], k[1], k[3]


def _solvable(k: tuple) -> bool:
    """``k1 + k3 r`` and ``k0 + k2 r`` have no common root, and the first is not zero."""
    return (k[3] != 0 and k[0] * k[3] - k[1] * k[2] != 0) or (k[3] == 0 and k[1] != 0)


def solve_binary_triple(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly three players mix, two
    strategies each, exactly (one quadratic instead of a Groebner basis).

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Returns
    -------
    SupportSolution or None
        The equilibria with this support (rational or quadratic irrational); None when the
        support has another shape or the elimination does not apply (a denominator that can
        vanish at a solution, ``Q = 0``): solve it with
        :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    A 2x2x2 game whose totally mixed equilibrium is irrational: the third player's second
    probability is the smaller root of ``8 r^2 - 10 r + 1``.

    >>> P = np.array([[[[1, 3], [3, 2]], [[2, 2], [0, 1]]], [[[3, 1], [0, 0]], [[2, 0], [3, 3]]],
    ...               [[[2, 1], [3, 2]], [[1, 1], [1, 3]]]])
    >>> sol = solve_binary_triple(list(P), ((0, 1),) * 3)
    >>> sol.n_complex, [(p.minimal_polynomial, p.evalf(3)) for p in sol.points]
    (2, [((1, -10, 8), [['0.305', '0.695'], ['0.781', '0.219'], ['0.890', '0.110']])])
    """
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    if len(mixed) != 3 or any(len(support[i]) != 2 for i in mixed):
        return None
    tables = _payoff_tables(payoffs)
    coef = [_bilinear(tables.own_first_exact[i], i, support) for i in mixed]
    for k in (2, 0, 1):  # the pivot: its probability is the unknown r of Q
        x, y = [m for m in range(3) if m != k]
        a = coef[x] if y < k else _swap(coef[x])  # player x's equation in (y's, r)
        b = coef[y] if x < k else _swap(coef[y])  # player y's equation in (x's, r)
        if _solvable(a) and _solvable(b):
            break
    else:  # degenerate equations (products of linear factors, single variables)
        return _rational_branches(tables, support, mixed, coef)
    c = coef[k]  # the pivot's equation in (x's, y's probabilities)
    P = flint.fmpz_poly
    A, An = P([a[1], a[3]]), P([a[0], a[2]])  # y's probability is -An(r) / A(r)
    B, Bn = P([b[1], b[3]]), P([b[0], b[2]])  # x's probability is -Bn(r) / B(r)
    Q = c[0] * A * B - c[1] * Bn * A - c[2] * An * B + c[3] * An * Bn
    if Q.is_zero():
        return None
    order = [mixed[x], mixed[y], mixed[k]]  # the players whose probabilities are p, q, r
    result = SupportSolution(support, -1 if Q.degree() < 1 else 0)
    if Q.degree() < 1:
        return result
    _, factors = Q.factor()
    for f, mult in factors:
        m = _key(f)
        if len(m) == 2 and any(g(flint.fmpq(-m[0], m[1])) == 0 for g in (A, B)):
            continue  # a root of a denominator: not a solution
        result.n_complex += mult * (len(m) - 1)
        probs = _triple_probabilities(order, (A, An, B, Bn), flint.fmpq_poly(list(m)))
        for idx in range(1 if len(m) == 2 else len(real_roots(m))):
            _add_if_equilibrium(tables, support, probs, m, idx, mult, result)
    if result.n_complex == 0:
        result.dimension = -1  # every root of Q is one of a denominator: no solution
    return result


def solve_two_binary_one_ternary(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly three players mix, two of them
    two strategies and one three, exactly (one quadratic instead of a Groebner basis).

    The three-strategy player's two equations are bilinear in the binary players' second
    probabilities ``u, v``: one gives ``u = -(a0 + a2 v) / (a1 + a3 v)`` (when its two linear
    parts have no common root), the other then a polynomial ``Q(v)`` of degree at most two. At
    each root the binary players' equations, with ``sum = 1``, are a 3x3 linear system in the
    three-strategy player's probabilities, solved by Cramer's rule over ``Q(theta)``.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Returns
    -------
    SupportSolution or None
        The equilibria with this support; None when the support has another shape or the
        elimination does not apply (no equation solvable for ``u`` or ``v``, ``Q = 0``, a
        singular 3x3 system at a root): solve it with
        :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    >>> P = np.random.default_rng(5).integers(-9, 10, size=(3, 3, 2, 2))
    >>> sol = solve_two_binary_one_ternary(list(P), ((0, 1, 2), (0, 1), (0, 1)))
    >>> sol.dimension, sol.n_complex, len(sol.points)
    (0, 2, 0)
    """
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    if len(mixed) != 3 or sorted(len(support[i]) for i in mixed) != [2, 2, 3]:
        return None
    big = next(i for i in mixed if len(support[i]) == 3)
    small = [i for i in mixed if i != big]
    tables = _payoff_tables(payoffs)
    R = _restrict(tables.own_first_exact[big], big, support)
    S = support[big]
    eqs = [_expand(R[S[k]] - R[S[0]]) for k in (1, 2)]  # in (u, v): small players' order
    for first, second, swapped in itertools.product((0, 1), (1, 0), (False, True)):
        if first != second:
            a, e = (_swap(eqs[first]), _swap(eqs[second])) if swapped else (eqs[first], eqs[second])
            if _solvable(a):
                break
    else:
        return None
    P = flint.fmpz_poly
    A, An, T = P([a[1], a[3]]), P([a[0], a[2]]), P([0, 1])  # solved = -An(theta) / A(theta)
    Q = e[0] * A - e[1] * An + e[2] * T * A - e[3] * T * An
    if Q.is_zero():
        return None
    result = SupportSolution(support, -1 if Q.degree() < 1 else 0)
    if Q.degree() < 1:
        return result
    _, factors = Q.factor()
    for f, mult in factors:
        m = _key(f)
        if len(m) == 2 and A(flint.fmpq(-m[0], m[1])) == 0:
            continue  # a root of the denominator: not a solution
        probs = _ternary_probabilities(tables, support, big, small, swapped, (A, An), m)
        if probs is None:
            return None  # a singular linear system: left to the general solver
        result.n_complex += mult * (len(m) - 1)
        for idx in range(1 if len(m) == 2 else len(real_roots(m))):
            _add_if_equilibrium(tables, support, probs, m, idx, mult, result)
    if result.n_complex == 0:
        result.dimension = -1
    return result


def solve_binary_and_pair(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when exactly three players mix, with 2,
    ``d+1`` and ``d+1`` strategies (``d >= 2``), exactly.

    With ``r`` the binary player's second probability, each other player's ``d`` equations and
    ``sum = 1`` are a square linear system in the third player's probabilities whose entries
    are affine in ``r``: by Cramer's rule these probabilities are ``num(r) / det(r)``, and the
    binary player's equation becomes ``Q(r)`` of degree at most ``2d``. When at every root of
    each determinant the adjugate times the right-hand side is not zero (the system is then
    inconsistent there), the solutions are exactly the roots of ``Q`` that are not roots of a
    determinant, each decided exactly.

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
        not apply (a determinant or ``Q`` identically zero, a singular system that may be
        consistent): solve it with :func:`~govgames.games.nplayer.polynomial.solve_support`.

    References
    ----------
    McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    >>> P = np.random.default_rng(1).integers(-9, 10, size=(3, 3, 3, 2))
    >>> sol = solve_binary_and_pair(list(P), ((0, 1, 2), (0, 1, 2), (0, 1)))
    >>> sol.dimension, sol.n_complex, len(sol.points)
    (0, 4, 0)
    """
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    sizes = sorted(len(support[i]) for i in mixed)
    if len(mixed) != 3 or sizes[0] != 2 or sizes[1] != sizes[2] or sizes[1] < 3:
        return None
    k = next(i for i in mixed if len(support[i]) == 2)
    i, j = [m for m in mixed if m != k]
    tables = _payoff_tables(payoffs)
    det_j, num_j = _cramer(_pair_system(tables, support, i, j, k))  # i's equations fix j
    det_i, num_i = _cramer(_pair_system(tables, support, j, i, k))
    if not (_inconsistent_where_singular(det_i, num_i)
            and _inconsistent_where_singular(det_j, num_j)):
        return None
    R = _restrict(tables.own_first_exact[k], k, support)
    C = np.asarray(R[support[k][1]] - R[support[k][0]]).reshape(len(support[i]), len(support[j]))
    Q = flint.fmpz_poly(0)
    for s_ in range(C.shape[0]):
        for t in range(C.shape[1]):
            if int(C[s_, t]):
                Q += int(C[s_, t]) * num_i[s_] * num_j[t]
    if Q.is_zero():
        return None
    result = SupportSolution(support, -1 if Q.degree() < 1 else 0)
    if Q.degree() < 1:
        return result
    dets = flint.fmpq_poly(det_i * det_j)
    _, factors = Q.factor()
    for f, mult in factors:
        m = _key(flint.fmpq_poly(f))
        mq = flint.fmpq_poly(list(m))
        if (dets % mq).is_zero():
            continue  # a root of a determinant, where the system is inconsistent
        result.n_complex += mult * (len(m) - 1)
        theta = flint.fmpq_poly([0, 1]) % mq
        one = flint.fmpq_poly([1])
        probs = {k: [one - theta, theta]}
        for player, det, nums in ((i, det_i, num_i), (j, det_j, num_j)):
            inv = _inverse(flint.fmpq_poly(det), mq)
            probs[player] = [(flint.fmpq_poly(x) * inv) % mq for x in nums]
        for idx in range(1 if len(m) == 2 else len(real_roots(m))):
            _add_if_equilibrium(tables, support, probs, m, idx, mult, result)
    if result.n_complex == 0:
        result.dimension = -1
    return result


def _pair_system(tables, support: tuple, me: int, other: int, k: int) -> list:
    """Player ``me``'s equations, then ``sum = 1``, as rows of polynomials in ``r`` (the binary
    player ``k``'s second probability), one column per strategy of ``other``."""
    R = _restrict(tables.own_first_exact[me], me, support)
    S = support[me]
    rows = []
    for s_ in S[1:]:
        D: np.ndarray = np.asarray(R[s_] - R[S[0]]).reshape(
            -1, 2 if other < k else len(support[other]))
        if other > k:
            D = D.T  # (other's strategy, k's strategy)
        rows.append([flint.fmpz_poly([int(D[t][0]), int(D[t][1]) - int(D[t][0])])
                     for t in range(len(support[other]))])
    rows.append([flint.fmpz_poly([1])] * len(support[other]))
    return rows


def _inconsistent_where_singular(det, nums) -> bool:
    """At every (complex) root of ``det`` some Cramer numerator is not zero, so the system has
    no solution there (the adjugate has rank one and the right-hand side is outside the
    column space); False when ``det`` is zero or a factor divides every numerator."""
    if det.is_zero():
        return False
    _, factors = det.factor()
    for g, _ in factors:
        gq = flint.fmpq_poly(g)
        if all((flint.fmpq_poly(x) % gq).is_zero() for x in nums):
            return False
    return True


def _expand(D: np.ndarray) -> tuple:
    """``sum D[a, b] x_a y_b`` with ``x = (1 - u, u)``, ``y = (1 - v, v)`` as the coefficients
    ``(c0, c1, c2, c3)`` of ``c0 + c1 u + c2 v + c3 u v``."""
    d00, d01, d10, d11 = (int(v) for v in np.asarray(D).ravel().tolist())
    return d00, d10 - d00, d01 - d00, d00 - d01 - d10 + d11


def _ternary_probabilities(tables, support: tuple, big: int, small: list, swapped: bool,
                           polys: tuple, m: tuple):
    """The mixing players' probabilities at the roots of ``m`` (polynomials modulo ``m``), or
    None when the binary players' linear system in the three-strategy player's probabilities
    is singular there."""
    mq = flint.fmpq_poly(list(m))
    A, An = (flint.fmpq_poly(g) for g in polys)
    theta = flint.fmpq_poly([0, 1]) % mq
    solved = (-An * _inverse(A, mq)) % mq
    u, v = (theta, solved) if swapped else (solved, theta)
    one = flint.fmpq_poly([1])
    probs = {small[0]: [one - u, u], small[1]: [one - v, v]}
    rows = []
    for s_, other in ((small[0], small[1]), (small[1], small[0])):
        R = _restrict(tables.own_first_exact[s_], s_, support)
        S = support[s_]
        D = np.asarray(R[S[1]] - R[S[0]]).reshape(
            (2, 3) if other < big else (3, 2))  # the others in player order
        D = D if other < big else D.T  # (other binary's strategy, big's strategy)
        rows.append([sum((int(D[b, t]) * probs[other][b] for b in range(2)),
                         flint.fmpq_poly(0)) % mq for t in range(3)])
    nums = []
    for t in range(3):  # Cramer with the right-hand side (0, 0, 1): cofactors of the ones
        (p0, p1), (q0, q1) = [[row[c] for c in range(3) if c != t] for row in rows]
        minor = (p0 * q1 - p1 * q0) % mq
        nums.append(minor if t % 2 == 0 else -minor)
    det = (nums[0] + nums[1] + nums[2]) % mq
    if det.is_zero():
        return None
    inv = _inverse(det, mq)
    probs[big] = [(x * inv) % mq for x in nums]
    return probs


def _rational_branches(tables, support: tuple, mixed: list, coef: list):
    """:func:`solve_binary_triple` when no pivot applies: the equations are split into their
    linear factors (:func:`_branch_points`); None when a branch keeps a free probability or an
    irreducible equation in two of them (then the general solver decides)."""
    eqs = [(tuple(m for m in range(3) if m != k), c) for k, c in enumerate(coef)]
    points = _branch_points(eqs, {})
    if points is None:
        return None
    result = SupportSolution(support, 0 if points else -1, n_complex=len(points))
    one, theta = flint.fmpq_poly([1]), (0, 1)  # rational points: the trivial field
    for point in points:
        second = {k: flint.fmpq_poly([flint.fmpq(x.numerator, x.denominator)])
                  for k, x in point.items()}
        probs = {mixed[k]: [one - x, x] for k, x in sorted(second.items())}
        _add_if_equilibrium(tables, support, probs, theta, 0, 1, result)
    return result


def _branch_points(eqs: list, values: dict):
    """Every common zero of bilinear equations ``c0 + c1 x_u + c2 x_v + c3 x_u x_v`` (``eqs``:
    ``((u, v), c)``) in three unknowns, with ``values`` already fixed, when each equation that
    constrains them is linear in one unknown or a product of linear factors; None otherwise."""
    reduced = []
    for (u, v), (c0, c1, c2, c3) in eqs:
        if u in values:  # Fraction on the left: its own operators, not int's reflected ones
            c0, c1, c2, c3 = values[u] * c1 + c0, 0, values[u] * c3 + c2, 0
        if v in values:
            c0, c1, c2, c3 = values[v] * c2 + c0, values[v] * c3 + c1, 0, 0
        if c1 == c2 == c3 == 0 and c0 != 0:
            return []  # a non-zero constant: no solution in this branch
        reduced.append(((u, v), (c0, c1, c2, c3)))
    for (u, v), (c0, c1, c2, c3) in reduced:
        if c3 == 0 and (c1 == 0) != (c2 == 0):  # linear in one unknown
            var, slope = (u, c1) if c1 else (v, c2)
            return _branch_points(eqs, {**values, var: Fraction(-c0) / slope})
    for (u, v), (c0, c1, c2, c3) in reduced:
        if c3 != 0 and c0 * c3 == c1 * c2:  # c3 (x_u + c2 / c3) (x_v + c1 / c3)
            out: list = []
            for var, val in ((u, Fraction(-c2, 1) / c3), (v, Fraction(-c1, 1) / c3)):
                branch = _branch_points(eqs, {**values, var: val})
                if branch is None:
                    return None
                out += [p for p in branch if p not in out]
            return out
    return [values] if len(values) == 3 else None


def _triple_probabilities(order: list, polys: tuple, mq: flint.fmpq_poly) -> dict:
    """The three mixing players' probability vectors, polynomials in the root of ``mq``:
    ``r`` the root, ``q = -An / A`` and ``p = -Bn / B`` (``order``: the players whose second
    probabilities are ``p``, ``q`` and ``r``)."""
    A, An, B, Bn = (flint.fmpq_poly(g) for g in polys)
    r = flint.fmpq_poly([0, 1]) % mq
    q = (-An * _inverse(A, mq)) % mq
    p = (-Bn * _inverse(B, mq)) % mq
    one = flint.fmpq_poly([1])
    return {i: [one - v, v] for i, v in zip(order, (p, q, r))}
