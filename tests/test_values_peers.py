"""Agreement with the Rust-backed coopgame-py (skipped when it is not installed)."""

import networkx as nx
import numpy as np
import pytest

from govgames.networks import (CoalitionalGame, banzhaf_value, least_core, myerson_value, nucleolus,
                      owen_value, shapley_value, banzhaf_index)

coopgame = pytest.importorskip("coopgame")


def _pair(n, seed, kind="random"):
    rng = np.random.default_rng(seed)
    if kind == "random":
        v = rng.normal(size=1 << n)
    else:   # a game with many ties (degenerate LPs): v(S) depends on |S| and a few members
        pc = np.array([bin(m).count("1") for m in range(1 << n)])
        v = (pc >= (n + 1) // 2).astype(float) + ((np.arange(1 << n) & 1) > 0)
    v[0] = 0
    # coopgame.Game takes v over the non-empty coalitions in bit order (mask - 1)
    return CoalitionalGame(range(n), v), coopgame.Game(list(v[1:]))


@pytest.mark.parametrize("n, seed", [(3, 0), (6, 1), (9, 2), (12, 3)])
def test_shapley_and_banzhaf_agree(n, seed):
    g, c = _pair(n, seed)
    assert list(shapley_value(g).values()) == pytest.approx(coopgame.shapley(c), abs=1e-9)
    assert list(banzhaf_value(g).values()) == pytest.approx(coopgame.banzhaf(c), abs=1e-9)


@pytest.mark.parametrize("n, seed", [(4, 0), (7, 1), (9, 5)])
def test_myerson_and_owen_agree(n, seed):
    g, c = _pair(n, seed)
    G = nx.gnp_random_graph(n, 0.35, seed=seed)
    assert list(myerson_value(g, G).values()) == pytest.approx(
        coopgame.myerson(c, list(G.edges())), abs=1e-9)
    unions = [list(range(0, n, 3)), list(range(1, n, 3)), list(range(2, n, 3))]
    assert list(owen_value(g, unions).values()) == pytest.approx(coopgame.owen(c, unions),
                                                                 abs=1e-9)


@pytest.mark.parametrize("kind", ["random", "ties"])
@pytest.mark.parametrize("n, seed", [(4, 0), (6, 1), (8, 2), (13, 3)])
def test_nucleolus_and_least_core_agree(n, seed, kind):
    g, c = _pair(n, seed, kind)
    mine = nucleolus(g, domain="pre")
    theirs = coopgame.nucleolus(c, domain="preimputation")["allocation"]
    assert list(mine.values()) == pytest.approx(theirs, abs=1e-6)
    eps, _ = least_core(g)
    assert eps == pytest.approx(coopgame.least_core(c, domain="preimputation")["epsilon"],
                                abs=1e-7)


def test_power_indices_agree_with_coopgame_swings():
    w, q = [7] * 5 + [1] * 10, 39
    c = coopgame.Game.weighted_voting(w, q)
    swings = coopgame.power_indices(c)["swings"]
    raw = banzhaf_index(w, q, normalized=False, rational=True)
    assert [int(x * 2 ** 14) for x in raw.values()] == swings


@pytest.mark.parametrize("costs", [[1, 2, 3], [4, 1, 7, 7, 2], [2.5, 9, 3, 6, 1, 8]])
def test_airport_game_against_coopgame(costs):
    # cost game c(S) = max cost in S; the nucleolus of a cost game is c_i minus the nucleolus
    # of its savings game s(S) = sum_{i in S} c_i - c(S)
    n = len(costs)
    cost = CoalitionalGame.from_function(range(n), lambda S: max((costs[i] for i in S),
                                                                 default=0.0))
    savings = CoalitionalGame.from_function(
        range(n), lambda S: sum(costs[i] for i in S) - max((costs[i] for i in S), default=0))
    ref = coopgame.airport(costs)
    assert list(shapley_value(cost).values()) == pytest.approx(ref["shapley"], abs=1e-9)
    y = nucleolus(savings)
    assert [costs[i] - y[i] for i in range(n)] == pytest.approx(ref["nucleolus"], abs=1e-7)
