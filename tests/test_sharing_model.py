"""The sharing case's model module: the re-exports of the case module, the cap on the exact
values, and the five rules of sharing_table against brute force over orders of the players
(Shapley 1953; Myerson 1977 on the graph-restricted game; Owen 1977 over the orders that keep
each union together)."""

from __future__ import annotations

from itertools import combinations, permutations

import networkx as nx
import pytest
from govgames.analyses import sharing, sharing_model
from govgames.games.errors import InputError
from hypothesis import given, settings, strategies as st


def test_case_module_re_exports_the_model():
    for name in sharing_model.__all__:
        assert getattr(sharing, name) is getattr(sharing_model, name)
    assert set(sharing_model.__all__) - {"RULES"} <= set(sharing.__all__)


def test_more_members_than_the_exact_limit_are_refused():
    with pytest.raises(InputError, match=f"limited to {sharing_model.MAX_EXACT_CITIES} cities"):
        sharing_model.association_network(2100)


def _restricted_value(S, gains, B):
    """v^B(S): the gains of the pairs of S joined by a path of B inside S."""
    comp = {c: k for k, part in enumerate(nx.connected_components(B.subgraph(S))) for c in part}
    return sum(w for (a, b), w in gains.items() if a in S and b in S and comp[a] == comp[b])


def _value_by_orders(players, value, orders):
    """Average marginal contribution over the given orders."""
    out = dict.fromkeys(players, 0.0)
    for order in orders:
        before: set = set()
        for p in order:
            out[p] += value(frozenset(before | {p})) - value(frozenset(before))
            before.add(p)
    return {p: x / len(orders) for p, x in out.items()}


def _union_orders(players, unions):
    """Orders in which each union's members come together (Owen's orders)."""
    where = {p: k for k, u in enumerate(unions) for p in u}
    return [o for o in permutations(players) if _contiguous(o, where)]


def _contiguous(order, where):
    seen, last = set(), None
    for p in order:
        u = where[p]
        if u != last:
            if u in seen:
                return False
            seen.add(u)
            last = u
    return True


@settings(max_examples=30)
@given(n=st.integers(2, 5), data=st.data())
def test_sharing_table_against_orders(n, data):
    players = [f"c{k}" for k in range(n)]
    pairs = list(combinations(players, 2))
    gains = {p: data.draw(st.integers(1, 9)) for p in pairs}
    border = [p for p in pairs if data.draw(st.booleans())]
    cut = data.draw(st.integers(1, n))
    unions = [players[:cut]] + ([players[cut:]] if cut < n else [])
    weights = {p: data.draw(st.integers(1, 5)) for p in players}
    G = nx.Graph([(a, b, {"weight": w}) for (a, b), w in gains.items()])
    B = nx.Graph(border)
    B.add_nodes_from(players)
    Bc = B.copy()
    total = sum(gains.values())
    totalB = _restricted_value(players, gains, B)
    if totalB <= 0:
        with pytest.raises(InputError, match="not positive"):
            sharing_model.sharing_table(G, B, unions, weights)
        return
    t = sharing_model.sharing_table(G, B, unions, weights)
    assert nx.utils.graphs_equal(B, Bc)              # the caller's graph is left alone

    def v(S):
        return sum(w for (a, b), w in gains.items() if a in S and b in S)

    def vB(S):
        return _restricted_value(S, gains, B)

    orders = list(permutations(players))
    expect = {"shapley": (_value_by_orders(players, v, orders), total),
              "myerson": (_value_by_orders(players, vB, orders), totalB),
              "owen": (_value_by_orders(players, vB, _union_orders(players, unions)), totalB),
              "proportional": ({p: total * weights[p] / sum(weights.values())
                                for p in players}, total)}
    for rule, (alloc, whole) in expect.items():
        for p in players:
            assert t.loc[p, rule] == pytest.approx(100 * alloc[p] / whole, abs=1e-9), rule
    assert t["nucleolus"].sum() == pytest.approx(100)

    def in_core(rule):
        x = {p: totalB * t.loc[p, rule] / 100 for p in players}
        return all(sum(x[p] for p in S) >= vB(S) - 1e-9
                   for r in range(1, n + 1) for S in combinations(players, r))

    # the nucleolus lies in the core whenever the core is non-empty (Schmeidler 1969)
    if in_core("myerson") or in_core("owen"):
        assert in_core("nucleolus")
    assert t.attrs["total_gain"] == pytest.approx(total)
    assert t.attrs["total_gain_on_network"] == pytest.approx(totalB)
