"""Dominated strategies (pure and mixed, strict and weak) and iterated elimination."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games import NormalFormGame, is_equilibrium
from govgames.games.dominance import (dominated_strategies, dominating_strategy, iterated_elimination,
                             strictly_dominated_strategies, weakly_dominated_strategies)
from govgames.games.pure import pure_nash_equilibria


def test_prisoners_dilemma_defect_dominates():
    g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
                       strategies=[["C", "D"], ["C", "D"]])
    assert strictly_dominated_strategies(g) == {"A": ("C",), "B": ("C",)}
    assert dominating_strategy(g, "A", "C") == "D"
    assert dominating_strategy(g, "A", "D") is None
    reduced, order = iterated_elimination(g)
    assert reduced.strategies == (("D",), ("D",))
    assert order == [(1, "A", "C"), (1, "B", "C")]


def test_mixed_but_not_pure_domination():
    # M is beaten by 1/2 T + 1/2 B (payoff 1.5 > 1) but by neither pure row
    g = NormalFormGame([[[3, 0], [1, 1], [0, 3]], np.zeros((3, 2))], strategies=[["T", "M", "B"], ["L", "R"]])
    assert strictly_dominated_strategies(g, 0, mixed=False) == ()
    assert strictly_dominated_strategies(g, 0) == ("M",)
    sigma = dominating_strategy(g, 0, "M")
    U = np.array([[3, 0], [1, 1], [0, 3]])
    assert sigma[1] == 0 and np.all(sigma @ U > U[1])
    # at M = 1.5 against both columns the mixture only ties: weak, not strict
    h = NormalFormGame([[[3, 0], [1.5, 1.5], [0, 3]], np.zeros((3, 2))])
    assert strictly_dominated_strategies(h, 0) == ()
    assert weakly_dominated_strategies(h, 0) == ()  # ties everywhere: not weakly dominated either
    k = NormalFormGame([[[3, 0, 1], [1.5, 1.4, 1], [0, 3, 1]], np.zeros((3, 3))])
    assert weakly_dominated_strategies(k, 0) == ("s2",) and strictly_dominated_strategies(k, 0) == ()
    assert weakly_dominated_strategies(k, 0, mixed=False) == ()
    # with 1.4 -> 1.4 and a slack third column, the domination becomes strict
    k2 = NormalFormGame([[[3, 0, 2], [1.5, 1.4, 1], [0, 3, 2]], np.zeros((3, 3))])
    assert strictly_dominated_strategies(k2, 0) == ("s2",)


def test_weak_domination_pure():
    g = NormalFormGame([[[1, 1], [1, 0]], [[0, 0], [0, 0]]], strategies=[["U", "D"], ["L", "R"]])
    assert weakly_dominated_strategies(g, 0) == ("D",)
    assert strictly_dominated_strategies(g, 0) == ()
    # identical strategies never dominate each other
    h = NormalFormGame([[[1, 2], [1, 2]], [[0, 0], [0, 0]]])
    assert weakly_dominated_strategies(h, 0) == ()


def test_iterated_elimination_textbook():
    # Osborne and Rubinstein style 2x3 example that solves by iterated strict dominance
    g = NormalFormGame([[[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]]], players=["R", "C"],
                       strategies=[["U", "D"], ["L", "M", "X"]])
    reduced, order = iterated_elimination(g)
    assert reduced.strategies == (("U",), ("M",))
    assert [o[1:] for o in order] == [("C", "X"), ("R", "D"), ("C", "L")]
    assert is_equilibrium(g, ["U", "M"])


def test_iterated_elimination_three_players_and_weak():
    g = NormalFormGame.from_function(lambda p: [-s for s in p], (3, 3, 2))
    reduced, order = iterated_elimination(g)
    assert reduced.shape == (1, 1, 1)
    assert len(order) == 2 + 2 + 1
    w = NormalFormGame([[[1, 1], [1, 0]], [[1, 1], [1, 0]]])
    red, order = iterated_elimination(w, strict=False)
    # the row player's D goes first; then the column player's R only ties and survives
    assert red.shape == (1, 2) and order == [(1, "Player 1", "s2")]


def brute_strict_pure(U, s):
    return any(np.all(U[t] > U[s]) for t in range(U.shape[0]) if t != s)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_pure_domination_matches_definition_and_mixed_is_superset(seed):
    rng = np.random.default_rng(seed)
    m, n = rng.integers(2, 5, size=2)
    A = rng.integers(-3, 4, size=(m, n)).astype(float)
    g = NormalFormGame([A, np.zeros((m, n))])
    pure = strictly_dominated_strategies(g, 0, mixed=False)
    assert pure == tuple(f"s{s + 1}" for s in range(m) if brute_strict_pure(A, s))
    mixed = strictly_dominated_strategies(g, 0)
    assert set(pure) <= set(mixed)
    for name in mixed:
        sigma = dominating_strategy(g, 0, name)
        s = g.strategy_index(0, name)
        row = A[g.strategy_index(0, sigma)] if isinstance(sigma, str) else sigma @ A
        assert np.all(row > A[s] + 1e-9)
    assert set(strictly_dominated_strategies(g, 0)) <= set(weakly_dominated_strategies(g, 0))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_elimination_keeps_every_pure_equilibrium(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(a) for a in rng.integers(1, 4, size=3))
    P = rng.integers(0, 5, size=(3,) + shape).astype(float)
    g = NormalFormGame(P)
    reduced, _ = iterated_elimination(g)
    before = {e.pure_profile for e in pure_nash_equilibria(g)}
    after = {e.pure_profile for e in pure_nash_equilibria(reduced)}
    assert before == after  # strict elimination never removes an equilibrium nor creates one


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.booleans())
def test_pure_domination_agrees_with_pygambit(seed, strict):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    m, n = (int(a) for a in rng.integers(2, 5, size=2))
    A = rng.integers(0, 3, size=(m, n))
    B = rng.integers(0, 3, size=(m, n))
    G = gbt.StrategicGame.from_arrays(A, B)
    support = G.strategy_support_profile()
    g = NormalFormGame([A.astype(float), B.astype(float)], strategies=[
        [str(k + 1) for k in range(m)], [str(k + 1) for k in range(n)]])
    ours = dominated_strategies(g, strict=strict, mixed=False)
    for i, player in enumerate(G.players):
        label = player if isinstance(player, str) else player.label
        theirs = tuple(s for s in G.get_strategies(label) if support.is_dominated(label, s, strict))
        assert ours[g.players[i]] == theirs


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_mixed_domination_lp_finds_what_a_grid_search_finds(seed):
    # three rows: row 0 is dominated by a mixture of rows 1 and 2 iff some alpha on a fine grid
    # (or the LP's exact alpha) beats it everywhere; the grid is an independent check
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5))
    A = rng.integers(0, 7, size=(3, n)).astype(float)
    g = NormalFormGame([A, np.zeros_like(A)])
    alphas = np.linspace(0, 1, 2001)
    mixes = alphas[:, None] * A[1] + (1 - alphas[:, None]) * A[2]
    grid_strict = bool(np.any(np.all(mixes > A[0] + 1e-7, axis=1)))
    lp = dominating_strategy(g, 0, 0) is not None
    if grid_strict:
        assert lp
    if lp:
        sigma = dominating_strategy(g, 0, 0)
        row = A[g.strategy_index(0, sigma)] if isinstance(sigma, str) else sigma @ A
        assert np.all(row > A[0])
