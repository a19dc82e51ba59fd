"""Property tests of the 2-player solvers against an independent brute-force vertex enumeration."""

from fractions import Fraction as F
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame, is_equilibrium, is_equilibrium_exact
from govgames.games.testing.strategies import degenerate_games, two_player_games
from govgames.games.twoplayer import (is_degenerate, lemke_howson_all, support_enumeration,
                             two_player_equilibria, vertex_enumeration)


def exact_set(eqs):
    return {(tuple(e.exact_profile[0]), tuple(e.exact_profile[1])) for e in eqs}


def _solve(M, rhs):
    """Exact Gauss-Jordan on Fractions; None when singular."""
    k = len(M)
    T = [[F(v) for v in row] + [F(r)] for row, r in zip(M, rhs)]
    for c in range(k):
        p = next((r for r in range(c, k) if T[r][c] != 0), None)
        if p is None:
            return None
        T[c], T[p] = T[p], T[c]
        T[c] = [v / T[c][c] for v in T[c]]
        for r in range(k):
            if r != c and T[r][c] != 0:
                f = T[r][c]
                T[r] = [a - f * b for a, b in zip(T[r], T[c])]
    return [T[r][k] for r in range(k)]


def brute_force_vertices(M):
    """Vertices of {z >= 0, M z <= 1} by trying every set of d tight constraints (slow, simple)."""
    M = [[F(v) for v in row] for row in M]
    k, d = len(M), len(M[0])
    rows = [[F(int(i == j)) for j in range(d)] for i in range(d)] + M  # z_j >= 0, then M z <= 1
    rhs = [F(0)] * d + [F(1)] * k
    out = {}
    for S in combinations(range(d + k), d):
        z = _solve([rows[s] for s in S], [rhs[s] for s in S])
        if z is None or any(v < 0 for v in z):
            continue
        if any(sum(a * b for a, b in zip(row, z)) > 1 for row in M):
            continue
        tight = frozenset(s for s in range(d + k)
                          if sum(a * b for a, b in zip(rows[s], z)) == rhs[s])
        out[tuple(z)] = tight
    return out


def brute_force_extreme_equilibria(A, B):
    A = [[F(v) for v in row] for row in A]
    B = [[F(v) for v in row] for row in B]
    m, n = len(A), len(A[0])
    lo = min(min(r) for r in A)
    hi = min(min(r) for r in B)
    Ap = [[v - lo + 1 for v in row] for row in A]
    Bp = [[v - hi + 1 for v in row] for row in B]
    P = brute_force_vertices([[Bp[i][j] for i in range(m)] for j in range(n)])  # B^T x <= 1
    Q = brute_force_vertices(Ap)
    out = set()
    for x, lx in P.items():
        if not any(x):
            continue
        labels_x = {s for s in lx}  # x_i = 0 -> label i; column j tight -> label m + j
        for y, ly in Q.items():
            if not any(y):
                continue
            # in Q: y_j = 0 (index j) -> label m + j; row i tight (index n + i) -> label i
            labels_y = {m + s if s < n else s - n for s in ly}
            if labels_x | labels_y == set(range(m + n)):
                out.add((tuple(v / sum(x) for v in x), tuple(v / sum(y) for v in y)))
    return out


small_ints = st.integers(min_value=-2, max_value=2)


@st.composite
def small_games(draw, max_size=4, elements=small_ints):
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    A = draw(st.lists(st.lists(elements, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(elements, min_size=n, max_size=n), min_size=m, max_size=m))
    return A, B


@settings(max_examples=60, deadline=None)
@given(small_games(max_size=3))
def test_vertex_enumeration_equals_brute_force(AB):
    A, B = AB
    g = NormalFormGame([A, B])
    assert exact_set(vertex_enumeration(g)) == brute_force_extreme_equilibria(A, B)


@settings(max_examples=80, deadline=None)
@given(two_player_games(1, 4, elements=small_ints))
def test_every_returned_equilibrium_verifies(g):
    vert = exact_set(vertex_enumeration(g))
    assert vert, "every finite game has an equilibrium"
    sup = exact_set(support_enumeration(g))
    lh = exact_set(lemke_howson_all(g))
    for x, y in vert | sup | lh:
        assert is_equilibrium_exact(g, [list(x), list(y)])
        assert is_equilibrium(g, [[float(v) for v in x], [float(v) for v in y]])
    # support enumeration and Lemke-Howson return extreme equilibria only
    assert sup <= vert
    assert lh <= vert
    if not is_degenerate(g):
        assert sup == vert
        assert len(vert) % 2 == 1  # nondegenerate games have an odd number of equilibria


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_support_and_vertex_agree_on_random_nondegenerate_games(m, n, seed):
    rng = np.random.default_rng(seed)
    g = NormalFormGame([rng.random((m, n)), rng.random((m, n))])  # generic: nondegenerate
    res = two_player_equilibria(g)
    assert res.degenerate is False
    assert exact_set(res) == exact_set(support_enumeration(g))
    assert exact_set(lemke_howson_all(g)) <= exact_set(res)
    # the float fast path of support enumeration finds the same profiles
    floats = list(support_enumeration(g, rational=False))
    assert len(floats) == len(res)
    for e in floats:
        assert any(e.allclose(v, 1e-9) for v in res)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 6), st.integers(0, 2**32 - 1), st.sampled_from([10**6, 10**9, 10**12]))
def test_large_payoffs_verify_exactly(m, seed, scale):
    rng = np.random.default_rng(seed)
    A = rng.integers(-1000, 1000, (m, m)) * scale + rng.integers(0, 7, (m, m))
    B = rng.integers(-1000, 1000, (m, m)) * scale + rng.integers(0, 7, (m, m))
    g = NormalFormGame([A, B])  # entries below 2**53: exact as floats
    vert = list(vertex_enumeration(g))
    sup = list(support_enumeration(g))
    for e in vert + sup:
        assert is_equilibrium_exact(g, [list(e.exact_profile[0]), list(e.exact_profile[1])])
    assert exact_set(sup) <= exact_set(vert)
    if not is_degenerate(g):
        assert exact_set(sup) == exact_set(vert)


@settings(max_examples=60, deadline=None)
@given(two_player_games(1, 4, elements=st.integers(0, 2)))
def test_mixtures_of_interchangeable_extreme_equilibria_are_equilibria(g):
    # the note of two_player_equilibria: if (x1, y1), (x1, y2), (x2, y1), (x2, y2) are all
    # extreme equilibria, mixing x1, x2 against mixing y1, y2 gives an equilibrium
    eqs = exact_set(vertex_enumeration(g))
    xs = sorted({x for x, _ in eqs})
    ys = sorted({y for _, y in eqs})
    checked = 0
    for i, x1 in enumerate(xs):
        for x2 in xs[i:]:
            for k, y1 in enumerate(ys):
                for y2 in ys[k:]:
                    if {(x1, y1), (x1, y2), (x2, y1), (x2, y2)} <= eqs and checked < 20:
                        x = [F(1, 3) * a + F(2, 3) * b for a, b in zip(x1, x2)]
                        y = [F(1, 2) * a + F(1, 2) * b for a, b in zip(y1, y2)]
                        assert is_equilibrium_exact(g, [x, y])
                        checked += 1


@settings(max_examples=40, deadline=None)
@given(degenerate_games(shape=st.tuples(st.integers(2, 4), st.integers(2, 4))))
def test_degenerate_games_are_reported_and_equilibria_verify(g):
    # the shared strategy's games are degenerate by construction: the solvers must say so
    assert is_degenerate(g)
    eqs = two_player_equilibria(g)
    assert eqs.degenerate
    for x, y in exact_set(eqs):
        assert is_equilibrium_exact(g, [list(x), list(y)])
