"""Support profiles with at most two mixing players: exact linear algebra instead of Groebner bases.

When at most two players mix, the indifference equations are linear (McKelvey and McLennan
1996, sec. 6): with every other player pure, the equations of a mixing player ``i`` are linear
in the probabilities of the other mixing player ``j`` alone, and the two players' systems
decouple. They are solved here in exact rational arithmetic (Gaussian elimination over
:class:`fractions.Fraction`):

* no player mixes: the pure profile is an equilibrium when no deviation pays more;
* one player mixes: its equations are constants, so the support carries no solution unless the
  constants vanish (a continuum, left to the general solver);
* two players mix: each of the two linear systems (indifference equations plus ``sum = 1``) is
  inconsistent (no solution), has one solution, or a line of them (a continuum, left to the
  general solver).

The answers are those of :func:`~govgames.games.nplayer.polynomial.solve_support` on the same
support (the same points, exactly), at a small fraction of the cost.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [2] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008), 642-662.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import gcd, lcm
from typing import Sequence

import numpy as np

from .algebraic import AlgebraicProfile
from .polynomial import SupportSolution
from .supports import _restrict

__all__ = ["solve_linear_support", "solve_rational_system", "own_axis_first",
           "linear_support_empty", "positive_combination"]


def solve_rational_system(A: list, b: list):
    """Solve ``A x = b`` exactly (Gaussian elimination over the rationals).

    Parameters
    ----------
    A : list of list of int or Fraction
        ``m`` rows of ``k`` coefficients.
    b : list of int or Fraction
        ``m`` right-hand sides.

    Returns
    -------
    (str, list or None)
        ``("none", None)`` when inconsistent, ``("unique", x)`` with ``x`` a list of Fractions,
        or ``("many", None)`` when the solutions form an affine space of positive dimension.

    Examples
    --------
    >>> solve_rational_system([[1, 1], [1, -1]], [1, 0])
    ('unique', [Fraction(1, 2), Fraction(1, 2)])
    >>> solve_rational_system([[1, 1], [2, 2]], [1, 3])[0], solve_rational_system([[1, 1]], [1])[0]
    ('none', 'many')
    """
    if len(A) == 2 and len(A[0]) == 2 and all(type(v) is int for v in (*A[0], *A[1], *b)):
        det = A[0][0] * A[1][1] - A[0][1] * A[1][0]
        if det:  # Cramer's rule: the unique solution, as the elimination would give it
            return "unique", [Fraction(b[0] * A[1][1] - A[0][1] * b[1], det),
                              Fraction(A[0][0] * b[1] - b[0] * A[1][0], det)]
    rows = []
    for r, c in zip(A, b):  # integer rows, fraction-free Gauss-Jordan elimination
        row = list(r) + [c]
        if not all(type(v) is int for v in row):
            fr = [Fraction(v) for v in row]
            den = lcm(*(v.denominator for v in fr))
            row = [int(v * den) for v in fr]
        rows.append(row)
    k = len(A[0]) if A else 0
    pivots = []
    r = 0
    for col in range(k):
        piv = next((q for q in range(r, len(rows)) if rows[q][col] != 0), None)
        if piv is None:
            continue
        rows[r], rows[piv] = rows[piv], rows[r]
        p = rows[r][col]
        for q in range(len(rows)):
            f = rows[q][col]
            if q != r and f != 0:
                row = [v * p - f * w for v, w in zip(rows[q], rows[r])]
                g = gcd(*row)
                rows[q] = [v // g for v in row] if g > 1 else row
        pivots.append(col)
        r += 1
    if any(row[-1] != 0 for row in rows[r:]):
        return "none", None
    if r < k:
        return "many", None
    return "unique", [Fraction(rows[q][-1], rows[q][q]) for q in range(k)]


def _expected(Ui: np.ndarray, i: int, profile: list) -> list:
    """Payoffs of each own strategy of player ``i`` (payoffs ``Ui``, own axis first) against
    the others' ``profile`` (per player, a list of (strategy, integer weight)), scaled by the
    product of the others' total weights (a positive constant): exact integers."""
    others = [j for j in range(len(profile)) if j != i]
    vals = [0] * Ui.shape[0]
    for combo in itertools.product(*(profile[j] for j in others)):
        w = 1
        for _, p in combo:
            w *= p
        column = Ui[(slice(None),) + tuple(s for s, _ in combo)].tolist()
        vals = [v + w * int(u) for v, u in zip(vals, column)]
    return vals


def _integer_weights(x: list) -> list:
    """Probabilities (Fractions) as integers over their common denominator."""
    den = lcm(*(v.denominator for v in x))
    return [v.numerator * (den // v.denominator) for v in x]


def _block(Ui: np.ndarray, i: int, support: tuple, j: int) -> tuple:
    """Player ``i``'s indifference equations as a linear system in player ``j``'s
    probabilities (all players other than ``i`` and ``j`` pure), plus ``sum = 1``."""
    R = _restrict(Ui.take(support[i], axis=0), i, support).reshape(len(support[i]), -1).tolist()
    A = [[int(v) - int(w) for v, w in zip(R[s], R[0])] for s in range(1, len(support[i]))]
    A.append([1] * len(R[0]))
    return A, [0] * (len(support[i]) - 1) + [1]


def solve_linear_support(payoffs: Sequence[np.ndarray], support: tuple):
    """Every equilibrium with exactly ``support`` when at most two players mix, exactly.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``
        (:func:`~govgames.games.nplayer.polynomial.integer_payoffs`).
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Returns
    -------
    SupportSolution or None
        The equilibria with this support (rational); None when more than two players mix or
        the solution set is positive-dimensional (then solve the support with
        :func:`~govgames.games.nplayer.polynomial.solve_support`).

    References
    ----------
    McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    The mixed equilibrium of matching pennies, with a pure third player who does not care:

    >>> from govgames.games import NormalFormGame
    >>> from govgames.games.nplayer.polynomial import integer_payoffs
    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[0] != p[1]), 0], (2, 2, 1))
    >>> sol = solve_linear_support(integer_payoffs(g.exact_payoffs()), ((0, 1), (0, 1), (0,)))
    >>> [p.evalf(2) for p in sol.points]
    [[['0.50', '0.50'], ['0.50', '0.50'], ['1.0']]]
    """
    support = tuple(tuple(int(s) for s in S) for S in support)
    if sum(len(S) > 1 for S in support) > 2:
        return None
    return _solve(own_axis_first(payoffs), support)


def own_axis_first(payoffs: Sequence[np.ndarray]) -> list:
    """Each player's payoff array with its own strategies on the first axis.

    >>> [a.shape for a in own_axis_first([np.zeros((2, 3)), np.zeros((2, 3))])]
    [(2, 3), (3, 2)]
    """
    return [np.moveaxis(np.asarray(P), i, 0) for i, P in enumerate(payoffs)]


def _solve(U: list, support: tuple):
    """:func:`solve_linear_support` on payoffs with the own axis first (``own_axis_first``)."""
    n = len(support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    if len(mixed) > 2:
        return None
    if not mixed:
        return _solve_pure(U, support)
    if len(mixed) == 1:
        i = mixed[0]
        rest = tuple(support[q][0] for q in range(n) if q != i)
        col = U[i][(np.asarray(support[i]),) + rest].tolist()
        if any(v != col[0] for v in col):
            return SupportSolution(support, -1)
        return None
    profile = [[(S[0], _ONE)] for S in support]
    weights = [[(S[0], 1)] for S in support]
    # both systems first: one inconsistent system empties the support even when the
    # other has a line of solutions (the two decouple)
    solved = [(j, *solve_rational_system(*_block(U[i], i, support, j)))
              for i, j in (mixed, mixed[::-1])]
    if any(kind == "none" for _, kind, _ in solved):
        return SupportSolution(support, -1)
    if any(kind == "many" for _, kind, _ in solved):
        return None
    for j, _, x in solved:
        profile[j] = list(zip(support[j], x))
        weights[j] = list(zip(support[j], _integer_weights(x)))
    result = SupportSolution(support, 0, n_complex=1)
    if any(p.numerator <= 0 for j in mixed for _, p in profile[j]):
        return result
    tight = False
    for i in range(n):
        vals = _expected(U[i], i, weights)
        v = vals[support[i][0]]
        for t, u in enumerate(vals):
            if t not in support[i]:
                if u > v:
                    return result
                tight = tight or u == v
    coords = []
    for i in range(n):
        prob = dict(profile[i])
        coords.append(tuple((prob.get(s, _ZERO),) for s in range(U[i].shape[0])))
    result.points.append(AlgebraicProfile((0, 1), 0, tuple(coords)))
    result.tight = tight
    return result


_ZERO, _ONE = Fraction(0), Fraction(1)


def _solve_pure(U: list, support: tuple) -> SupportSolution:
    """:func:`_solve` for a pure profile: an equilibrium when no player gains by deviating."""
    pure = tuple(S[0] for S in support)
    result = SupportSolution(support, 0, n_complex=1)
    tight = False
    for i, s in enumerate(pure):
        col = U[i][(slice(None),) + pure[:i] + pure[i + 1:]].tolist()
        v = col[s]
        if max(col) > v:
            return result
        tight = tight or col.count(v) > 1
    result.points.append(AlgebraicProfile((0, 1), 0, tuple(
        tuple((_ONE if t == s else _ZERO,) for t in range(U[i].shape[0]))
        for i, s in enumerate(pure))))
    result.tight = tight
    return result


def _vertices(A: list, k: int) -> list:
    """Vertices of ``{x >= 0, sum(x) = 1, A x = 0}`` in ``R^k``, exactly: for each set of
    positive coordinates, the unique solution with all of them positive (``2**k`` solves)."""
    out = []
    for r in range(1, k + 1):
        for T in itertools.combinations(range(k), r):
            rows = [[row[t] for t in T] for row in A] + [[1] * r]
            kind, x = solve_rational_system(rows, [0] * len(A) + [1])
            if kind == "unique" and all(v > 0 for v in x):
                full = [Fraction(0)] * k
                for t, v in zip(T, x):
                    full[t] = v
                out.append(full)
    return out


def linear_support_empty(payoffs: Sequence[np.ndarray], support: tuple) -> bool:
    """True when a support profile with at most two mixing players provably carries no
    equilibrium, also when its indifference equations have a continuum of solutions.

    With at most two players mixing, player ``i``'s indifference equations restrict the other
    mixing player's strategy ``x_j`` to a polytope ``Q_j`` (linear equations on the simplex of
    ``S_j``). The support carries no equilibrium when some ``Q_j`` misses the open simplex, or
    when a non-negative combination of payoff advantages ``u_i(t) - u_i(s)`` (``s`` used by
    player ``i``; :func:`positive_combination`) is at least 0 at every vertex of ``Q_1 x Q_2``
    (the other players pure) and positive at one: every point of the relative interior is a
    convex combination of all vertices with positive weights and the advantages are linear in
    each ``x_j``, so some player has a strictly better reply there (McKelvey and McLennan 1996,
    sec. 6, for the linear structure). Failing that, the same test (one advantage at a time) is
    run on each cell of a grid of the polytopes when they are segments. With more than two
    mixing players the test uses the vertices of the whole simplices (pure profiles).

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int

    Returns
    -------
    bool
        True: no equilibrium has this support. False: undecided here (no such proof found).

    References
    ----------
    McKelvey and McLennan (1996), sec. 6.

    Examples
    --------
    Player 1 is always indifferent, player 2 only when player 1 mixes half-half; then player
    3 earns more with ``s2`` whatever player 2 does (though not against every pure profile):

    >>> from govgames.games.nplayer.supports import support_weakly_dominated
    >>> P = np.zeros((3, 2, 2, 2), dtype=int)
    >>> P[1, 0, 0, 0] = P[1, 1, 1, 0] = 1
    >>> P[2, 0, 0, 1], P[2, 1, 0, 0], P[2, 0, 1, 1] = 2, 1, 1
    >>> S = ((0, 1), (0, 1), (0,))
    >>> linear_support_empty(list(P), S), support_weakly_dominated(list(P), S)
    (True, None)
    >>> linear_support_empty(list(P), ((0, 1), (0, 1), (1,)))
    False
    """
    support = tuple(tuple(int(s) for s in S) for S in support)
    mixed = [i for i, S in enumerate(support) if len(S) > 1]
    U = own_axis_first(payoffs)
    if len(mixed) > 2:  # the equations are not linear: the whole simplices of the supports
        return _beaten(U, support, [[[(s, 1)] for s in S] for S in support])
    choices = [[[(S[0], 1)]] for S in support]  # per player, vertex weight lists
    for i, j in ((mixed[0], mixed[-1]), (mixed[-1], mixed[0])) if mixed else ():
        if i == j:
            A = []  # one mixer: its equations are constants, any x_i on the simplex
            rest = tuple(support[q][0] for q in range(len(support)) if q != i)
            col = U[i][(np.asarray(support[i]),) + rest]
            if any(int(v) != int(col[0]) for v in col):
                return True
        else:
            A = _block(U[i], i, support, j)[0][:-1]
        V = _vertices(A, len(support[j]))
        if not V or any(all(v[t] == 0 for v in V) for t in range(len(support[j]))):
            return True  # Q_j empty or on the boundary of the simplex
        choices[j] = [list(zip(support[j], _integer_weights(v))) for v in V]
    if _beaten(U, support, choices):
        return True
    segments = {j: c for j, c in enumerate(choices) if len(c) == 2}
    if segments and all(len(c) <= 2 for c in choices):
        return _beaten_on_grid(U, support, choices, segments)
    return False


def _beaten(U: list, support: tuple, choices: list) -> bool:
    """A non-negative combination of payoff advantages ``u_i(t) - u_i(s)`` (``s`` used by
    player ``i``) that is at least 0 at every vertex combination of ``choices`` (per player, a
    list of weight lists) and positive at one: then it is positive on the relative interior, so
    some player has a strictly better reply there."""
    rows = []
    for combo in itertools.product(*choices):
        row = {}
        for i in range(len(support)):
            vals = _expected(U[i], i, list(combo))
            scale = 1  # undo the scaling by the others' total weights (a positive constant)
            for j, c in enumerate(combo):
                if j != i:
                    scale *= sum(w for _, w in c)
            for s in support[i]:
                for t in range(len(vals)):
                    if t != s:
                        row[(i, s, t)] = Fraction(vals[t] - vals[s], scale)
        rows.append(row)
    return positive_combination(rows)


def positive_combination(rows: list) -> bool:
    """Whether some ``lambda >= 0`` makes ``sum_k lambda_k row[k]`` non-negative on every row
    and positive on one (rows: dicts with the same keys, exact numbers).

    Single keys are tried exactly first; otherwise a linear programme (HiGHS through
    :func:`scipy.optimize.linprog`) proposes ``lambda``, which is rounded to rationals and
    checked exactly, so a True answer is a proof and a False one may be a miss.

    Examples
    --------
    >>> positive_combination([{"a": 1, "b": -1}, {"a": -1, "b": 2}])
    True
    >>> positive_combination([{"a": 1, "b": -1}, {"a": -1, "b": 1}])
    False
    """
    keys = list(rows[0]) if rows else []
    for k in keys:
        if all(r[k] >= 0 for r in rows) and any(r[k] > 0 for r in rows):
            return True
    if len(keys) < 2:
        return False
    from scipy.optimize import linprog

    M = np.array([[float(r[k]) for k in keys] for r in rows])
    scale = max(1.0, float(np.abs(M).max()))
    res = linprog(-M.sum(axis=0) / scale, A_ub=-M / scale, b_ub=np.zeros(len(rows)),
                  A_eq=np.ones((1, len(keys))), b_eq=[1.0], bounds=(0, None), method="highs")
    if res.status != 0 or -res.fun <= 1e-12:
        return False
    for den in (10**3, 10**6, 10**9):
        lam = [Fraction(float(x)).limit_denominator(den) if x > 1e-12 else Fraction(0)
               for x in res.x]
        sums = [sum((lk * r[k] for lk, k in zip(lam, keys) if lk), Fraction(0)) for r in rows]
        if all(v >= 0 for v in sums) and any(v > 0 for v in sums):
            return True
    return False


def _beaten_on_grid(U: list, support: tuple, choices: list, segments: dict,
                    n: int = 16) -> bool:
    """The vertex test on each cell of an ``n``-grid of the segments ``Q_j = [v_0, v_1]``.

    At a point strictly inside the segments, the smallest face of its cell that holds it has
    a corner strictly inside too (``n >= 2``). So if, on every cell, some used strategy ``s``
    pays at most what ``t`` pays at every corner, strictly less at every corner strictly
    inside the segments and at one corner at least, then every candidate point has a better
    reply than ``s``.
    """
    js = sorted(segments)
    ends = {j: [[w for _, w in c] for c in segments[j]] for j in js}
    values = {}
    for taus in itertools.product(range(n + 1), repeat=len(js)):
        prof = list(c[0] for c in choices)
        for j, k in zip(js, taus):
            (a, b) = ends[j]
            x = [Fraction(n - k, n) * Fraction(u, sum(a)) + Fraction(k, n) * Fraction(v, sum(b))
                 for u, v in zip(a, b)]
            prof[j] = list(zip(support[j], _integer_weights(x)))
        d = {}
        for i in range(len(support)):
            vals = _expected(U[i], i, prof)
            for s in support[i]:
                for t in range(len(vals)):
                    if t != s:
                        d[(i, s, t)] = vals[t] - vals[s]
        values[taus] = d
    for cell in itertools.product(range(n), repeat=len(js)):
        corners = [tuple(c + e for c, e in zip(cell, off))
                   for off in itertools.product((0, 1), repeat=len(js))]
        inner = [all(0 < k < n for k in c) for c in corners]
        if not any(all(values[c][key] >= 0 and (values[c][key] > 0 or not ins)
                       for c, ins in zip(corners, inner))
                   and any(values[c][key] > 0 for c in corners) for key in values[corners[0]]):
            return False
    return True
