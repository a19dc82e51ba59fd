"""The exact building blocks of the 2-player solvers: integer pivoting, Bareiss solves,
polytope vertices (also with integers beyond float range) and the batched singularity test."""

from fractions import Fraction as F

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame
from govgames.games.twoplayer._exact import bimatrix_data, pivot, solve_square
from govgames.games.twoplayer.support import _exactly_singular
from govgames.games.twoplayer.vertex import polytope_vertices

square = st.integers(1, 5).flatmap(
    lambda k: st.lists(st.lists(st.integers(-3, 3), min_size=k, max_size=k), min_size=k, max_size=k))


@settings(max_examples=50, deadline=None)
@given(square)
def test_solve_square_matches_sympy(M):
    S = sympy.Matrix(M)
    res = solve_square(M)
    if S.det() == 0:
        assert res is None
    else:
        nums, den = res
        assert den > 0
        expected = S.LUsolve(sympy.ones(len(M), 1))
        assert [F(int(a), den) for a in nums] == [F(int(v.p), int(v.q)) for v in expected]


@settings(max_examples=30, deadline=None)
@given(st.lists(square, min_size=1, max_size=6).filter(lambda L: len({len(M) for M in L}) == 1))
def test_batched_singularity_matches_sympy(mats):
    stack = np.array(mats, dtype=object)
    expected = [sympy.Matrix(M).det() == 0 for M in mats]
    assert _exactly_singular(stack).tolist() == expected


def test_integer_pivot_keeps_the_tableau_integral_and_exact():
    # pivoting [[2, 1 | 1], [1, 3 | 1]] on (0, 0) then (1, 1) solves the system: x = (2/5, 1/5)
    T = np.array([[2, 1, 1, 0, 1], [1, 3, 0, 1, 1]], dtype=object)
    T, d = pivot(T, 1, 0, 0)
    T, d = pivot(T, d, 1, 1)
    assert d == 5
    assert T[:, :2].tolist() == [[5, 0], [0, 5]]
    assert [F(v, d) for v in T[:, 4]] == [F(2, 5), F(1, 5)]


def test_polytope_vertices_beyond_float_range():
    h = 10**400  # the float screening overflows: the exact ratio test takes over
    verts = {(nums, den) for nums, den, _ in polytope_vertices([[h, 1], [1, h]])}
    assert verts == {((0, 0), 1), ((1, 0), h), ((0, 1), h), ((1, 1), h + 1)}


def test_polytope_vertices_of_a_cube_corner_with_repeated_facets():
    # {z >= 0, 2 z1 <= 1, 2 z2 <= 1, z1 + z2 <= 1}: a square whose corner (1/2, 1/2) lies on
    # three facets (a degenerate vertex)
    out = {(nums, den): mask for nums, den, mask in polytope_vertices([[2, 0], [0, 2], [1, 1]])}
    assert set(out) == {((0, 0), 1), ((1, 0), 2), ((0, 1), 2), ((1, 1), 2)}
    # variables: z1, z2, s1, s2, s3; at (1/2, 1/2) the three slacks are zero
    assert out[((1, 1), 2)] == 0b11100


def test_bimatrix_data_scales_and_shifts_exactly():
    # sympy rationals keep the game exact (plain numbers are stored as floats by NormalFormGame)
    g = NormalFormGame([[[sympy.Rational(1, 3), -1], [sympy.Rational(1, 2), 2]],
                        [[1, 1], [1, 1]]])
    d = bimatrix_data(g)
    # 6 * payoffs = [[2, -6], [3, 12]], shifted by 7
    assert d.A.tolist() == [[9, 1], [10, 19]]
    assert d.B.tolist() == [[1, 1], [1, 1]]
