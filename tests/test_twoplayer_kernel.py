"""The compiled vertex-enumeration kernel against the pure-Python enumerator and lrsnash.

Every path of the kernel is forced in turn (exact 64-bit integer pivoting first, certified
floating point first, unbounded-integer Python for bases neither decides) and must give exactly
the vertex set of the independent pure-Python enumerator.
"""

import shutil
from fractions import Fraction as F
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame, is_equilibrium_exact
from govgames.games.twoplayer import vertex as V
from govgames.games.twoplayer import vertex_enumeration

K = pytest.importorskip("govgames.games.twoplayer._vertex_kernel")


@st.composite
def matrices(draw, max_size=6, low=0, high=2):
    k = draw(st.integers(1, max_size))
    d = draw(st.integers(1, max_size))
    M = [[draw(st.integers(low, high)) for _ in range(d)] for _ in range(k)]
    for j in range(d):  # bounded polytope: a positive entry in every column
        if not any(M[i][j] for i in range(k)):
            M[draw(st.integers(0, k - 1))][j] = draw(st.integers(1, max(high, 1)))
    return M


def kernel_vertices(M, mode=None, max_age=None):
    """Vertex set from the kernel, optionally with a forced ``(int_ok, exact_first)`` mode."""
    patches = []
    if mode is not None:
        patches.append(mock.patch.object(K, "choose_mode", lambda _M: mode))
    if max_age is not None:
        patches.append(mock.patch.object(V, "MAX_FLOAT_AGE", max_age))
    for p in patches:
        p.start()
    try:
        poly = V._enumerate_polytope(M, list(range(len(M) + len(M[0]))))
    finally:
        for p in patches:
            p.stop()
    assert poly is not None
    return set(poly.as_list()), poly


def python_vertices(M):
    return set(V._polytope_vertices_python(M))


@settings(max_examples=60, deadline=None)
@given(matrices(), st.sampled_from([(True, True), (True, False)]))
def test_kernel_equals_python_on_degenerate_matrices(M, mode):
    got, _ = kernel_vertices(M, mode)
    assert got == python_vertices(M)


@settings(max_examples=40, deadline=None)
@given(matrices(max_size=7, low=1, high=10**6), st.sampled_from([(True, True), (True, False)]))
def test_kernel_equals_python_on_generic_matrices(M, mode):
    got, _ = kernel_vertices(M, mode, max_age=2)
    assert got == python_vertices(M)


@settings(max_examples=25, deadline=None)
@given(matrices(max_size=5, low=0, high=3), st.integers(63, 90))
def test_huge_entries_go_through_unbounded_integers(M, e):
    # entries beyond 2**62: no 64-bit integer pivoting; degenerate bases go to Python
    big = [[v << e for v in row] for row in M]
    got, poly = kernel_vertices(big)
    assert got == python_vertices(big)
    if poly.stats["uncertain"]:
        assert poly.stats["python"] > 0


def test_degenerate_huge_matrix_uses_python_fallback():
    M = [[1 << 70, 1 << 70, 0], [1 << 70, 0, 1 << 70], [0, 1 << 70, 1 << 70], [1 << 70] * 3]
    got, poly = kernel_vertices(M)
    assert poly.stats["python"] > 0
    assert got == python_vertices(M)


def test_share_limit_falls_back_to_python_enumerator():
    M = [[1 << 70, 1 << 70, 0], [1 << 70, 0, 1 << 70], [0, 1 << 70, 1 << 70], [1 << 70] * 3]
    with mock.patch.object(V, "PYTHON_SHARE_LIMIT", 0.0), \
            mock.patch.object(V, "PYTHON_MIN_BASES", 0):
        assert V._enumerate_polytope(M, list(range(7))) is None
        out = V.polytope_vertices(M)
    assert set(out) == python_vertices(M)


@pytest.mark.parametrize("a,p,c,b", [
    (2**62, 3, 2**61, 5), (-(2**62), 2**62, 3, 2**61), (2**40, 2**40, -(2**40), 2**40),
    (123456789, 987654321, 55, 77),
])
def test_mulsub_divexact_detects_overflow(a, p, c, b):
    n = a * p - c * b
    for det in (1, 2, 6, 7 * 2**5):
        if n % det:
            continue
        s = (det & -det).bit_length() - 1
        u = det >> s
        q, ok = _mulsub(a, p, c, b, s, u)
        exact = n // det
        fits = -(2**63) <= exact < 2**63
        assert bool(ok) == fits
        if fits:
            assert q == exact


def _mulsub(a, p, c, b, s, u):
    import numba as nb

    @nb.njit
    def run(a, p, c, b, s, u):
        return K._mulsub_divexact(a, p, c, b, s, u, K._inv64(u))

    return run(np.int64(a), np.int64(p), np.int64(c), np.int64(b), np.int64(s), np.int64(u))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_match_labels_equals_brute_force(m, n, data):
    full = (1 << (m + n)) - 1
    labels = st.integers(1, full)
    lp = sorted(set(data.draw(st.lists(labels, max_size=12))))
    lq = sorted(set(data.draw(st.lists(labels, max_size=12))))
    got = {tuple(r) for r in K.match_labels(np.array(lp, dtype=np.uint64),
                                            np.array(lq, dtype=np.uint64), m, n).tolist()}
    want = {(a, b) for a, x in enumerate(lp) for b, y in enumerate(lq) if x | y == full}
    # the kernel may only skip P vertices with fewer than m labels (never vertices of a game)
    want = {(a, b) for a, b in want if bin(lp[a]).count("1") >= m}
    got = {(a, b) for a, b in got if bin(lp[a]).count("1") >= m}
    assert got == want


LRSNASH = shutil.which("lrsnash")


@pytest.mark.skipif(LRSNASH is None, reason="lrslib's lrsnash is not installed")
@pytest.mark.parametrize("m,low,high,seed", [(7, -1000, 1000, 1), (9, -1000, 1000, 2),
                                             (8, 0, 2, 3), (10, 0, 2, 4), (6, 0, 1, 5)])
def test_same_set_as_lrsnash(m, low, high, seed):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    A = rng.integers(low, high + 1, (m, m))
    B = rng.integers(low, high + 1, (m, m))
    game = gbt.StrategicGame.from_arrays(A, B)
    res = gbt.nash.enummixed_solve(game, rational=True, lrsnash_path=LRSNASH)
    theirs = {tuple(tuple(F(str(v)) for _, v in eq[p]) for p in game.players)
              for eq in res.equilibria}
    g = NormalFormGame([A, B])
    ours = list(vertex_enumeration(g))
    assert {(tuple(e.exact_profile[0]), tuple(e.exact_profile[1])) for e in ours} == theirs
    assert all(is_equilibrium_exact(g, e.exact_profile) for e in ours)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1),
       st.sampled_from([1, 3, 7, 1000]))
def test_exact_payoffs_equal_the_fraction_computation(m, n, seed, den):
    rng = np.random.default_rng(seed)
    A = [[F(int(v), den) for v in row] for row in rng.integers(-5, 6, (m, n))]
    B = [[F(int(v), den + 1) for v in row] for row in rng.integers(-5, 6, (m, n))]
    g = NormalFormGame([A, B])
    for e in vertex_enumeration(g):
        x, y = e.exact_profile
        for M, u in zip((A, B), e.exact_payoffs):
            assert u == sum(x[i] * M[i][j] * y[j] for i in range(m) for j in range(n))
