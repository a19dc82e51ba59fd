"""Fast paths of the exact cooperative-game computations against slower independent ones:
the cached Shapley matrix and the blocked pass against the subset formula, power indices by
modular counting against the exact big-integer dynamic programme, the highspy nucleolus
against the scipy LP stages."""
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.networks import CoalitionalGame, shapley_value
from govgames.networks.values import SMALL_SHAPLEY_N, _shapley_exact, _weighted_bit_sums


def shapley_by_subsets(v, n):
    """phi_i = sum over S not containing i of |S|!(n-|S|-1)!/n! [v(S + i) - v(S)]."""
    phi = np.zeros(n)
    for i in range(n):
        for S in range(1 << n):
            if S >> i & 1:
                continue
            s = bin(S).count("1")
            w = math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n)
            phi[i] += w * (v[S | (1 << i)] - v[S])
    return phi


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_shapley_matrix_path_equals_subset_formula(n, seed):
    v = np.random.default_rng(seed).normal(size=1 << n)
    v[0] = 0.0
    g = CoalitionalGame(range(n), v)
    ours = np.array(list(shapley_value(g).values()))
    np.testing.assert_allclose(ours, shapley_by_subsets(v, n), rtol=1e-12, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(2, SMALL_SHAPLEY_N + 3), st.integers(0, 2**32 - 1),
       st.integers(3, 16))
def test_shapley_matrix_and_blocked_pass_agree(n, seed, block_bits):
    v = np.random.default_rng(seed).normal(size=1 << n)
    v[0] = 0.0
    a, b = _weighted_bit_sums(v, n, "shapley", block_bits=block_bits)
    blocked = a - b
    ours = np.array(list(_shapley_exact(CoalitionalGame(range(n), v)).values()))
    np.testing.assert_allclose(ours, blocked, rtol=1e-10, atol=1e-10)
    assert abs(blocked.sum() - v[-1]) < 1e-9 * max(1.0, abs(v).max())


def test_cached_tables_are_read_only():
    from govgames.networks.values import _coefficient_tables, _shapley_matrix
    assert not _shapley_matrix(5).flags.writeable
    assert not _coefficient_tables(18, "shapley", 16).flags.writeable
    with pytest.raises(ValueError):
        _shapley_matrix(5)[0, 0] = 1.0
