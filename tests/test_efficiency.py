"""Pareto efficiency, the utilitarian optimum, prices of anarchy and stability."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games import InputError, NormalFormGame
from govgames.games.efficiency import (pareto_efficient_mask, pareto_efficient_profiles, price_of_anarchy,
                              price_of_stability, utilitarian_optimum, welfare)

PD = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
                    strategies=[["C", "D"], ["C", "D"]])


def brute_pareto(P):
    n = P.shape[0]
    X = P.reshape(n, -1).T
    out = []
    for k, x in enumerate(X):
        dominated = any(np.all(y >= x) and np.any(y > x) for y in X)
        out.append(not dominated)
    return np.array(out).reshape(P.shape[1:])


def test_prisoners_dilemma_efficiency():
    assert pareto_efficient_profiles(PD) == [("C", "C"), ("C", "D"), ("D", "C")]
    opt = utilitarian_optimum(PD)
    assert opt.welfare == 6 and opt.profiles == (("C", "C"),)
    assert price_of_anarchy(PD) == pytest.approx(3.0)
    assert price_of_stability(PD) == pytest.approx(3.0)


def test_weights_and_ties():
    g = NormalFormGame([[[2, 0], [0, 2]], [[0, 0], [0, 0]]])
    assert utilitarian_optimum(g).profiles == (("s1", "s1"), ("s2", "s2"))
    assert utilitarian_optimum(PD, weights={"A": 1, "B": 0}).profiles == (("D", "C"),)
    assert welfare(PD, ["C", "C"], weights=[2, 1]) == 9
    with pytest.raises(InputError, match="weights"):
        utilitarian_optimum(PD, weights=[1, -1])


def test_duplicate_payoff_vectors_are_all_efficient():
    g = NormalFormGame([[[1, 1], [0, 0]], [[1, 1], [0, 0]]])
    assert pareto_efficient_mask(g).tolist() == [[True, True], [False, False]]


def test_price_of_anarchy_mixed_equilibria_battle_of_sexes():
    pytest.importorskip("govgames.games.twoplayer")
    bos = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    # equilibria: (2,1), (1,2) and the mixed one with payoffs (2/3, 2/3); optimum 3
    assert price_of_anarchy(bos) == pytest.approx(3 / (4 / 3))
    assert price_of_stability(bos) == pytest.approx(1.0)


def test_non_positive_welfare_raises():
    neg = NormalFormGame([[[-1, -5], [0, -2]], [[-1, 0], [-5, -2]]])
    with pytest.raises(InputError, match="positive welfare"):
        price_of_anarchy(neg, equilibria=[["s2", "s2"]])
    pennies_like = NormalFormGame.from_function(lambda p: [p[0] == p[1], p[1] != p[2], p[2] == p[0]], (2, 2, 2))
    with pytest.raises(InputError, match="no equilibria"):
        price_of_anarchy(pennies_like, equilibria=[])
    # no pure equilibrium; the default list holds its mixed one (all mix 1/2, welfare 3/2)
    assert price_of_anarchy(pennies_like) == pytest.approx(2 / 1.5)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_pareto_mask_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 4))
    shape = tuple(int(a) for a in rng.integers(1, 4, size=n))
    P = rng.integers(0, 4, size=(n,) + shape).astype(float)
    g = NormalFormGame(P)
    assert np.array_equal(pareto_efficient_mask(g), brute_pareto(P))
    opt = utilitarian_optimum(g)
    assert opt.welfare == P.sum(axis=0).max()
    # a utilitarian optimum is always Pareto efficient
    mask = pareto_efficient_mask(g)
    for prof in opt.profiles:
        assert mask[tuple(g.strategy_index(i, s) for i, s in enumerate(prof))]


def test_pareto_large_game_is_fast_enough():
    rng = np.random.default_rng(0)
    g = NormalFormGame(rng.random((3, 40, 40, 40)))
    mask = pareto_efficient_mask(g)
    assert 0 < mask.sum() < 40 ** 3
