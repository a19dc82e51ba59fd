"""CoalitionalGame: construction, coalition addressing, input errors, builders."""

import networkx as nx
import numpy as np
import pytest

from govgames.games.errors import InputError
from govgames.networks import CoalitionalGame, graph_restricted, linkage_game, network_public_good_game, \
    spillover_game
from govgames.networks.coalitional import MAX_EXACT_PLAYERS, popcounts


def test_masks_and_values():
    g = CoalitionalGame.from_dict({"": 0, "A": 1, "B": 0, "C": 0, "A,B": 3, "A,C": 2, "B,C": 1,
                                   "A,B,C": 4})
    assert g.players == ("A", "B", "C")
    assert g.mask(["A", "C"]) == 5 and g.mask("C,A") == 5 and g.mask("B") == 2
    assert g.coalition(6) == frozenset({"B", "C"})
    assert g.value({"A", "B"}) == 3.0 and g.value(7) == 4.0 and g.grand_value == 4.0
    assert g.values.dtype == np.float64 and g.values.shape == (8,)


def test_from_dict_keys_of_every_kind():
    a = CoalitionalGame.from_dict({frozenset({"x"}): 1, ("y",): 2, ("x", "y"): 5})
    assert a.values.tolist() == [0, 1, 2, 5]
    b = CoalitionalGame.from_dict({"y,x": 5, "x": 1, "y": 2}, players=["x", "y"])
    assert b.values.tolist() == [0, 1, 2, 5]


@pytest.mark.parametrize("values, match", [
    ({"A": 1, "B": 2}, "coalition 'A,B' is missing"),
    ({"A": 1, "B": 2, "A,B": 3, "B,A": 3}, "given twice"),
    ({"A": 1, "B": 2, "A,B": "x"}, "not a number"),
    ({"": 1, "A": 1, "B": 2, "A,B": 3}, "empty coalition"),
    ({"A": 1, "B": 2, "A,B": float("nan")}, "not finite"),
])
def test_from_dict_errors(values, match):
    with pytest.raises(InputError, match=match):
        CoalitionalGame.from_dict(values)


def test_unknown_player_is_named():
    with pytest.raises(InputError, match="unknown player 'Z'"):
        CoalitionalGame.from_dict({"A": 1, "Z": 1, "A,Z": 1}, players=["A", "B"])
    g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    with pytest.raises(InputError, match="unknown player 'Q'"):
        g.value("A,Q")


def test_exact_refused_with_sampling_hint():
    with pytest.raises(InputError, match="sampl"):
        CoalitionalGame.from_function(range(MAX_EXACT_PLAYERS + 1), len, tabulate=True)
    with pytest.raises(InputError, match="memory budget"):
        CoalitionalGame.from_function(range(12), len, tabulate=True, max_bytes=1000)
    big = CoalitionalGame.from_function(range(5000), len, tabulate=False)
    assert not big.is_exact and big.value(range(10)) == 10.0


def test_function_mode_and_to_exact_agree():
    f = lambda S: len(S) ** 2 + ("a" in S)  # noqa: E731
    g = CoalitionalGame.from_function("abcd", f, tabulate=False)
    h = CoalitionalGame.from_function("abcd", f)
    assert np.array_equal(g.to_exact().values, h.values)
    members = np.array([[1, 0, 1, 0], [1, 1, 1, 1]], dtype=bool)
    assert g.evaluate_members(members).tolist() == [5.0, 17.0]
    assert h.evaluate_members(members).tolist() == [5.0, 17.0]


def test_weighted_voting_and_errors():
    g = CoalitionalGame.weighted_voting([4, 2, 1], 5, players=["x", "y", "z"])
    assert [g.value(s) for s in ["x", "x,y", "x,z", "y,z", "x,y,z"]] == [0, 1, 1, 0, 1]
    assert g.weights == (4, 2, 1) and g.quota == 5
    h = CoalitionalGame.weighted_voting([4, 2, 1], 5, tabulate=False)
    assert np.array_equal(h.to_exact().values, g.values)
    for bad, match in [(([1, -1], 1), "non-negative"), (([1, 1], 0), "positive"),
                       (([1, "a"], 1), "not a number"), (([], 1), "empty")]:
        with pytest.raises(InputError, match=match):
            CoalitionalGame.weighted_voting(*bad)


def test_popcounts():
    assert popcounts(4).tolist() == [bin(m).count("1") for m in range(16)]


def test_duplicate_players():
    with pytest.raises(InputError, match="more than once"):
        CoalitionalGame(["A", "A"], [0, 0, 0, 0])


def _random_weighted_graph(n, p, seed):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(1, 9))
    return G


def test_linkage_game_exact_equals_function_mode():
    G = _random_weighted_graph(9, 0.4, 3)
    G.add_edge(2, 2, weight=5.0)              # a self-loop is a gain of its node
    exact = linkage_game(G)
    func = linkage_game(G, tabulate=False)
    assert np.allclose(exact.values, func.to_exact().values)
    for m in [0, 1, 5, 77, 511]:
        S = exact.coalition(m)
        want = sum(d["weight"] for u, v, d in G.edges(data=True) if u in S and v in S)
        assert exact.value(m) == pytest.approx(want)


def test_spillover_game_definition():
    G = nx.DiGraph()
    G.add_node("U", benefit=1, cost=3)
    G.add_node("M", benefit=2, cost=1)
    G.add_node("D", benefit=0, cost=2)
    G.add_edge("U", "M", spillover=4)
    G.add_edge("M", "D", spillover=3)
    g = spillover_game(G)

    def v(S):
        a = {"U": -2, "M": 1, "D": -2}
        e = {("U", "M"): 4, ("M", "D"): 3}
        return sum(max(0, a[i] + sum(e.get((i, j), 0) for j in S if j != i)) for i in S)
    for m in range(8):
        assert g.value(m) == pytest.approx(v(g.coalition(m)))
    assert np.allclose(spillover_game(G, tabulate=False).to_exact().values, g.values)


def test_public_good_game_needs_connection():
    G = nx.path_graph(["A", "B", "C"])
    nx.set_node_attributes(G, {"A": 3, "B": 1, "C": 3}, "benefit")
    g = network_public_good_game(G, fixed_cost=4)
    assert g.value("A,C") == 0.0            # not linked: each pays the fixed cost alone
    assert g.value("A,B,C") == 3.0
    f = network_public_good_game(G, fixed_cost=4, tabulate=False)
    assert np.allclose(f.to_exact().values, g.values)


def _brute_restriction(game, G):
    out = np.zeros(1 << game.n)
    for m in range(1, 1 << game.n):
        S = game.coalition(m)
        out[m] = sum(game.value(C) for C in nx.connected_components(G.subgraph(S)))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_graph_restricted_matches_networkx_components(seed):
    rng = np.random.default_rng(seed)
    n = 9
    v = rng.normal(size=1 << n)
    v[0] = 0
    game = CoalitionalGame(range(n), v)
    G = nx.gnp_random_graph(n, 0.3, seed=seed)
    r = graph_restricted(game, G, chunk=64)
    assert np.allclose(r.values, _brute_restriction(game, G))
    rf = graph_restricted(CoalitionalGame(range(n), value_function=lambda S: v[game.mask(S)]),
                          G)
    assert np.allclose(rf.to_exact().values, r.values)


def test_graph_restricted_rejects_foreign_nodes():
    game = CoalitionalGame.from_function("AB", len)
    with pytest.raises(InputError, match="not a player"):
        graph_restricted(game, nx.path_graph(["A", "Z"]))


def test_json_round_trip_and_network_format(tmp_path):
    import json

    from govgames.networks import game_to_json, parse_game, read_game
    g = CoalitionalGame.from_dict({"A": 1, "B": 0, "C": 0, "A,B": 3, "A,C": 2, "B,C": 1,
                                   "A,B,C": 4})
    data = game_to_json(g)
    f = tmp_path / "g.json"
    f.write_text(json.dumps(data))
    spec = read_game(f)
    assert spec.kind == "coalitional" and np.array_equal(spec.game.values, g.values)
    net = parse_game({"type": "network", "players": ["A", "B", "C", "D"],
                      "edges": [["A", "B", 4], ["B", "A", 1], ["C", "D"]]})
    assert net.game.value("A,B") == 5 and net.game.value("C,D") == 1
    assert net.graph.number_of_edges() == 2 and "D" in net.graph
    with pytest.raises(InputError, match="edges\\[0\\]"):
        parse_game({"type": "network", "edges": [["A"]]}, source="x.json")
    with pytest.raises(InputError, match="x.json: \"game\""):
        parse_game({"type": "network", "edges": [["A", "B"]], "game": 3}, source="x.json")
    with pytest.raises(InputError, match="comma"):
        parse_game({"type": "coalitional", "players": ["A,B"], "values": {}}, source="x.json")
