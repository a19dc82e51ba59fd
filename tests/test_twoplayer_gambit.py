"""Agreement with Gambit's exact ``enummixed`` (skipped when pygambit is not installed)."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame
from govgames.games.twoplayer import is_degenerate, vertex_enumeration

gbt = pytest.importorskip("pygambit")


def gambit_extreme_equilibria(A, B):
    game = gbt.StrategicGame.from_arrays(np.asarray(A), np.asarray(B))
    res = gbt.nash.enummixed_solve(game, rational=True)
    return {tuple(tuple(F(str(v)) for _, v in eq[p]) for p in game.players)
            for eq in res.equilibria}


def exact_set(eqs):
    return {(tuple(e.exact_profile[0]), tuple(e.exact_profile[1])) for e in eqs}


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2), st.integers(0, 2**32 - 1))
def test_agrees_with_gambit_enummixed(m, n, spread, seed):
    # payoffs in a small range: most of these games are degenerate
    rng = np.random.default_rng(seed)
    A = rng.integers(0, spread + 2, (m, n))
    B = rng.integers(0, spread + 2, (m, n))
    assert exact_set(vertex_enumeration(NormalFormGame([A, B]))) == gambit_extreme_equilibria(A, B)


def test_agrees_with_gambit_on_degenerate_games_fixed_seed():
    rng = np.random.default_rng(2026)
    n_degenerate = 0
    for _ in range(30):
        A = rng.integers(0, 3, (4, 4))
        B = rng.integers(0, 3, (4, 4))
        g = NormalFormGame([A, B])
        n_degenerate += is_degenerate(g)
        assert exact_set(vertex_enumeration(g)) == gambit_extreme_equilibria(A, B)
    assert n_degenerate >= 20


def test_agrees_with_gambit_on_6x6_large_payoffs():
    rng = np.random.default_rng(7)
    A = rng.integers(-10**9, 10**9, (6, 6))
    B = rng.integers(-10**9, 10**9, (6, 6))
    assert exact_set(vertex_enumeration(NormalFormGame([A, B]))) == gambit_extreme_equilibria(A, B)
