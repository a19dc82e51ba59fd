"""Support profiles of three or four mixing players: one univariate polynomial, no Groebner basis.

The shapes are 2, 2 and 2 or 3 strategies, 2, ``d+1``, ``d+1``, and four players mixing two
strategies each (:func:`solve_binary_quadruple`: a resultant, then back-substitution).

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

from .algebraic import AlgebraicProfile, _arb_eval, real_roots, sign_at_root
from .exclusion import _cramer, _det
from .polynomial import SupportSolution, _as_profile, _fraction, _key, _quick_reject
from .supports import _payoff_tables, _restrict

__all__ = ["solve_binary_triple", "solve_two_binary_one_ternary", "solve_binary_and_pair",
           "solve_binary_quadruple", "solve_ternary_triple"]


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
    are decided exactly as in :func:`solve_binary_triple`.

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


def _root_in_unit_interval(m: tuple) -> bool:
    """Whether some real root of the irreducible ``m`` may lie in ``(0, 1)`` (certified
    balls: False only when every real root is certainly outside)."""
    return any(not (t <= 0 or t >= 1) for t in real_roots(m, 64))


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
    (:func:`_common_root`; the factor is extraneous where a determinant vanishes, and each
    solution has its multiplicity in ``R``, as in :func:`_quadruple_factor`).

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
    """:func:`solve_ternary_triple`; ``counts`` as for :func:`_binary_quadruple`."""
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
    projections of ``c``, the common root of ``c_0, c_1`` (:func:`_common_root`) is either no
    zero of ``c_2`` (no such point) or such a point ``r*``; there a solution needs the other
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
