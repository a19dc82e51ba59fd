"""Tests of networks.formation: pairwise stability, efficiency, improving paths.

Known results (Jackson & Wolinsky 1996, Proposition 1; Jackson 2008, ch. 6) for the symmetric
connections model u_i = sum_j delta^d(i,j) - c deg(i):
* efficient network: complete if c < delta - delta^2; a star if
  delta - delta^2 < c < delta + (n-2) delta^2 / 2; empty if c > delta + (n-2) delta^2 / 2;
* pairwise stable: the complete network is the unique one if c < delta - delta^2; a star is
  pairwise stable if delta - delta^2 < c < delta; if c > delta the empty network is pairwise
  stable and no network with a leaf linked to a single node is.
"""

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games.errors import InputError
from govgames.networks import formation
from govgames.networks.formation import (ConnectionsModel, connections_payoff, efficient_networks,
                                improving_path, is_efficient, pairwise_stable, total_payoff)


def _is_star(G):
    n = G.number_of_nodes()
    degs = sorted(d for _, d in G.degree())
    return G.number_of_edges() == n - 1 and degs == [1] * (n - 1) + [n - 1]


def test_connections_payoff_by_hand():
    d, c = 0.5, 0.1
    u = connections_payoff(nx.star_graph(3), d, c)
    # centre: 3 direct links; leaf: 1 direct + 2 at distance 2
    assert u[0] == pytest.approx(3 * d - 3 * c)
    assert u[1] == pytest.approx(d + 2 * d**2 - c)
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    assert connections_payoff(G, d, c) == pytest.approx({0: d - c, 1: d - c, 2: 0.0})


@pytest.mark.parametrize("n", [4, 5])
def test_efficient_networks_of_the_connections_model(n):
    delta = 0.5
    low, high = delta - delta**2, delta + (n - 2) * delta**2 / 2
    # complete network
    _, nets = efficient_networks(n, ConnectionsModel(delta, low / 2))
    assert len(nets) == 1 and nx.is_isomorphic(nets[0], nx.complete_graph(n))
    # stars: every labelled star (n of them) and nothing else
    _, nets = efficient_networks(n, ConnectionsModel(delta, (low + high) / 2))
    assert len(nets) == n and all(_is_star(g) for g in nets)
    # empty network
    _, nets = efficient_networks(n, ConnectionsModel(delta, high + 0.1))
    assert len(nets) == 1 and nets[0].number_of_edges() == 0


def test_efficiency_symmetric_search_agrees():
    m = ConnectionsModel(0.6, 0.4)
    v1, nets1 = efficient_networks(5, m)
    v2, nets2 = efficient_networks(5, m, symmetric=True)
    assert v1 == pytest.approx(v2)
    assert len(nets2) == 1 and _is_star(nets2[0])
    assert is_efficient(nx.star_graph(4), m) and not is_efficient(nx.path_graph(5), m)


def test_pairwise_stability_regimes():
    n, delta = 4, 0.5
    all_graphs = []
    for mask in range(1 << 6):
        H = nx.empty_graph(n)
        H.add_edges_from(p for b, p in enumerate(itertools.combinations(range(n), 2))
                         if mask >> b & 1)
        all_graphs.append(H)
    # c < delta - delta^2: the complete network is the unique pairwise stable network
    m = ConnectionsModel(delta, 0.1)
    stable = [g for g in all_graphs if pairwise_stable(g, m).stable]
    assert len(stable) == 1 and stable[0].number_of_edges() == 6
    # delta - delta^2 < c < delta: stars are pairwise stable
    m = ConnectionsModel(delta, 0.4)
    assert pairwise_stable(nx.star_graph(3), m).stable
    # c > delta: the empty network is pairwise stable, stars are not (the centre cuts)
    m = ConnectionsModel(delta, 0.6)
    assert pairwise_stable(nx.empty_graph(4), m).stable
    r = pairwise_stable(nx.star_graph(3), m)
    assert not r.stable and {i for i, _, _ in r.cut} == {0}
    # with c > delta nobody keeps a link to a node that is linked to nothing else
    stable = [g for g in all_graphs if pairwise_stable(g, m).stable]
    assert any(g.number_of_edges() == 0 for g in stable)
    assert all(not any(d == 1 for _, d in g.degree()) for g in stable)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 9), p=st.floats(0, 1), seed=st.integers(0, 10**6),
       delta=st.sampled_from([0.3, 0.5, 0.75, 0.9]),
       c=st.sampled_from([0.0, 0.05, 0.1875, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5]),
       levels=st.sampled_from([0, 1, 24]))
def test_incremental_check_matches_naive(n, p, seed, delta, c, levels):
    G = nx.gnp_random_graph(n, p, seed=seed)
    m = ConnectionsModel(delta, c)
    saved = formation.MATMUL_MAX_LEVELS
    formation.MATMUL_MAX_LEVELS = levels    # 0: element-wise sums; 24: matrix products
    try:
        fast = pairwise_stable(G, m)
    finally:
        formation.MATMUL_MAX_LEVELS = saved
    slow = pairwise_stable(G, m, method="naive")
    assert fast.stable == slow.stable
    assert sorted((i, j) for i, j, _ in fast.cut) == sorted((i, j) for i, j, _ in slow.cut)
    assert sorted((i, j) for i, j, _, _ in fast.add) == sorted((i, j) for i, j, _, _ in slow.add)
    for (a, b, g1), (_, _, g2) in zip(sorted(fast.cut), sorted(slow.cut)):
        assert g1 == pytest.approx(g2, abs=1e-9)


def test_incremental_check_on_a_larger_network():
    G = nx.barabasi_albert_graph(36, 2, seed=3)
    G.add_nodes_from(range(36, 39))  # isolated nodes too
    m = ConnectionsModel(0.6, 0.3)
    fast, slow = pairwise_stable(G, m), pairwise_stable(G, m, method="naive")
    assert [(i, j) for i, j, _ in sorted(fast.cut)] == [(i, j) for i, j, _ in sorted(slow.cut)]
    assert [g for _, _, g in sorted(fast.cut)] == pytest.approx([g for _, _, g in sorted(slow.cut)])
    assert [(i, j) for i, j, _, _ in fast.add] == [(i, j) for i, j, _, _ in slow.add]
    assert len(fast.cut) > 0 and len(fast.add) > 0
    assert "incremental" in fast.method and "naive" in slow.method


def test_large_star_is_pairwise_stable():
    # delta - delta^2 < c < delta: the star is pairwise stable at any size (Jackson-Wolinsky)
    G = nx.star_graph(299)
    assert pairwise_stable(G, ConnectionsModel(0.5, 0.3)).stable
    r = pairwise_stable(G, ConnectionsModel(0.5, 0.2))     # c < delta - delta^2: leaves link
    assert not r.stable and len(r.add) == 299 * 298 // 2 and not r.cut


def test_improving_path_reaches_pairwise_stable_networks():
    m = ConnectionsModel(0.5, 0.1)
    p = improving_path(nx.empty_graph(5), m, seed=7)
    assert p.stable and p.network.number_of_edges() == 10
    assert pairwise_stable(p.network, m).stable
    again = improving_path(nx.empty_graph(5), m, seed=7)
    assert again.steps == p.steps
    m2 = ConnectionsModel(0.5, 0.4)
    for s in range(5):
        q = improving_path(nx.complete_graph(5), m2, seed=s)
        assert q.stable and pairwise_stable(q.network, m2).stable
        assert q.network.number_of_edges() < 10


def test_custom_payoff_uses_naive_check():
    # each player values its degree up to 2 and pays 0.5 per link beyond
    def payoff(G):
        return {v: min(G.degree(v), 2) - 0.5 * max(G.degree(v) - 2, 0) for v in G}

    r = pairwise_stable(nx.cycle_graph(5), payoff)
    assert r.stable and r.method.startswith("naive")
    assert not pairwise_stable(nx.path_graph(5), payoff).stable  # the two ends want to link
    p = improving_path(nx.empty_graph(4), payoff, seed=0)
    assert p.stable and all(d == 2 for _, d in p.network.degree())
    assert total_payoff(nx.cycle_graph(5), payoff) == 10


def test_bad_input():
    with pytest.raises(InputError, match="delta must be in"):
        ConnectionsModel(1.5, 0.1)
    with pytest.raises(InputError, match="undirected"):
        pairwise_stable(nx.DiGraph([(0, 1)]), ConnectionsModel(0.5, 0.1))
    with pytest.raises(InputError, match="self-loop"):
        connections_payoff(nx.Graph([(0, 0)]), 0.5, 0.1)
    with pytest.raises(InputError, match="raise max_nodes"):
        efficient_networks(8, ConnectionsModel(0.5, 0.1))
    with pytest.raises(InputError, match="needs a ConnectionsModel"):
        pairwise_stable(nx.path_graph(3), lambda G: {v: 0 for v in G}, method="incremental")
