"""The modes-of-governance case, recomputed independently: the central fine and the critical
discount factor by direct payoff comparisons, the network core by brute-force over coalitions
and Myerson shares by permutations, and the parameter map from the closed forms."""

from __future__ import annotations

import itertools
import math
import random

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from govgames.analyses import governance_modes as gm
from govgames.analyses.base import load_cases
from govgames.analyses.intervention import TYPOLOGY
from govgames.games.errors import InputError
from govgames.networks.stability import core_is_nonempty


def _cooperation_is_equilibrium_with_fine(T, k, f):
    # (Cooperate, Cooperate) pays R - k; shirking pays T minus the expected fine
    return (1 - k) >= T - f - 1e-12


def test_central_fine_by_payoff_comparison():
    rng = random.Random(1)
    for _ in range(20):
        T, k = 1 + 2 * rng.random(), rng.random()
        f = gm._library_point(gm.load(), T, k)["fine"]
        assert _cooperation_is_equilibrium_with_fine(T, k, f)
        assert not _cooperation_is_equilibrium_with_fine(T, k, f - 1e-6)
        assert f == pytest.approx(gm.central_fine(T, k))


def test_parallel_delta_by_discounted_sums():
    for T, k in [(1.5, 0.1), (2.0, 0.5), (2.8, 0.0)]:
        d = gm._library_point(gm.load(), T, k)["delta"]

        def gain(delta, horizon=3000):
            coop = sum(delta ** t * (1 - k) for t in range(horizon))
            return T - coop  # defect once (no cost), then everybody exits with P = 0

        assert gain(d + 0.005) < 0 < gain(d - 0.005)
        assert d == pytest.approx(gm.parallel_delta(T, k))


def _core_by_brute_force(G, T, delta, lc):
    """Bondareva-Shapley via an LP over all coalitions, written with scipy directly."""
    from scipy.optimize import linprog

    nodes = list(G.nodes)
    n = len(nodes)

    def v(S):
        return sum((2 - 2 * lc) if (a in S and b in S) else (1 - delta) * T
                   if (a in S or b in S) else 0.0 for a, b in G.edges)

    A, b = [], []
    for r in range(1, n):
        for S in itertools.combinations(nodes, r):
            A.append([-1.0 if x in S else 0.0 for x in nodes])
            b.append(-v(set(S)))
    res = linprog(np.zeros(n), A_ub=A, b_ub=b, A_eq=[[1.0] * n], b_eq=[v(set(nodes))],
                  bounds=[(None, None)] * n, method="highs")
    return res.status == 0


def test_network_core_against_brute_force_and_closed_form():
    rng = random.Random(2)
    graphs = [nx.Graph(gm.DEFAULT_NETWORK), nx.path_graph(4), nx.star_graph(4),
              nx.cycle_graph(5)]
    for G in graphs:
        for _ in range(6):
            T, delta, lc = 1 + 2 * rng.random(), rng.random(), 0.5 * rng.random()
            if abs(delta - gm.network_delta(T, lc)) < 1e-3:
                continue
            g = gm.network_game(G, T=T, discount=delta, link_cost=lc)
            brute = _core_by_brute_force(G, T, delta, lc)
            assert core_is_nonempty(g) == brute == (delta >= gm.network_delta(T, lc))


def test_myerson_by_permutations():
    d = gm.load()
    n = gm.compute(d)
    G = d.network
    nodes = list(G.nodes)
    g = gm.network_game(G, T=1.8, discount=0.6, link_cost=0.2)
    shares = dict.fromkeys(nodes, 0.0)
    perms = list(itertools.permutations(nodes))
    for p in perms:
        S = set()
        for x in p:
            before = g.value(S) if S else 0.0
            S.add(x)
            shares[x] += g.value(S) - before
    for x in nodes:
        assert n.myerson[x] == pytest.approx(shares[x] / len(perms))
        assert n.myerson[x] == pytest.approx(G.degree[x] * (1 - 0.2))


def test_map_shares_from_closed_forms():
    d = gm.load()
    n = gm.compute(d)
    T = np.array(gm.TEMPTATION_GRID)[None, :]
    k = np.array(gm.COST_GRID)[:, None]
    central = (T - 1 + k <= d.capacity + 1e-12)
    parallel = (d.discount >= (T - 1 + k) / T - 1e-12)
    network = np.broadcast_to(d.discount >= (T - 1 + d.link_cost) / T - 1e-12, central.shape)
    share = n.grid_share.set_index("mode")
    assert share.loc["central-led", "institutionalised"] == pytest.approx(central.mean())
    assert share.loc["central-led", "symbolic"] == pytest.approx(1 - central.mean())
    assert share.loc["parallel coordination", "institutionalised"] == pytest.approx(
        parallel.mean())
    assert share.loc["multi-actor network", "normative"] == pytest.approx(network.mean())
    assert set(TYPOLOGY.values()) == set(gm.TYPE_ORDER)


def test_narrate_hand_made():
    point = pd.DataFrame({"mode": list(gm.MODES), "outcome": ["institutionalised", "sporadic",
                                                              "normative"],
                          "threshold": [0.5, 0.9, 0.4]})
    share = pd.DataFrame({"mode": list(gm.MODES), "cooperation": [0.3, 0.1, 0.6]})
    n = gm.GovernanceNumbers(point, share, {}, 1.5, 0.0, 0.7, 1.0, 0.2, {"A": 1.6, "B": 0.8},
                             True)
    finding, notes = gm.narrate(n)
    assert ("parallel coordination sporadic (critical δ 0.900 against δ = 0.7); multi-actor "
            "network normative (core non-empty from δ = 0.400; Myerson shares A 1.60, B 0.80)"
            ) in finding
    assert "30% central-led, 10% parallel and 60% network; multi-actor network covers most" \
        in finding
    assert any("By construction" in x for x in notes)


def test_case_registered_and_bad_input():
    r = load_cases()["governance_modes"].run()
    assert set(r.numbers) <= set(r.describe) and set(r.figures) <= set(r.captions)
    assert all(d.status == "assumed" for d in r.describe.values())
    assert r.numbers["central_fine"] == pytest.approx(1.8 - 1 + 0.3)
    assert r.numbers["parallel_delta"] == pytest.approx(1.1 / 1.8)
    assert r.numbers["network_delta"] == pytest.approx(1.0 / 1.8)
    for kw, word in [({"temptation": 0.9}, "temptation"), ({"discount": 1.0}, "discount"),
                     ({"transaction_cost": -1.0}, "transaction_cost"),
                     ({"link_cost": math.nan}, "link_cost")]:
        with pytest.raises(InputError, match=word):
            gm.run(**kw)
    with pytest.raises(InputError, match="link 0"):
        gm.load(network=[("A", "A")])
    with pytest.raises(InputError, match="unknown mode"):
        gm.mode_outcome("anarchy", T=2, k=0, discount=0.5, capacity=1, link_cost=0)
    plt.close("all")


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(T=st.fractions(min_value=1, max_value=5).filter(lambda t: t > 1),
       k=st.fractions(min_value=0, max_value=2))
def test_library_equals_closed_forms_exactly(T, k):
    from govgames.games.extensive.leader import minimal_intervention
    from govgames.games.repeated import critical_discount_factor

    g = gm._stage(T, k)
    shirk = lambda i, p: -1 if p[i] == 1 else 0  # noqa: E731
    fine = minimal_intervention(g, ["Cooperate", "Cooperate"], {"fine": shirk},
                                cost={"fine": 1}).levels["fine"]
    assert fine == gm.central_fine(T, k)
    d = critical_discount_factor(g, ("Cooperate", "Cooperate"),
                                 punishment=("Defect", "Defect")).delta
    closed = gm.parallel_delta(T, k)
    if closed < 1:
        assert d == closed
    else:  # no discount factor below 1 sustains cooperation
        assert d is None or d >= 1


def test_narrate_core_threshold_above_one_reads_never():
    """A threshold δ >= 1 (e.g. link_cost=5) is 'never', not 'only from δ = 3.222'."""
    finding, _ = gm.narrate(gm.compute(gm.load(link_cost=5)))
    assert "non-empty never (no discount factor below 1 suffices)" in finding
    assert "only from δ = 3" not in finding


def test_transaction_cost_beyond_any_discount_factor():
    """k so large that (T - R + k)/(T - P) >= 1: no δ < 1 sustains parallel coordination."""
    n = gm.compute(gm.load(), transaction_cost=5)
    row = n.point.set_index("mode").loc[gm.MODES[1]]
    assert gm.parallel_delta(1.8, 5) >= 1 and math.isinf(row["threshold"])
    assert row["outcome"] == gm.mode_outcome(gm.MODES[1], T=1.8, k=5, discount=n.discount,
                                             capacity=n.capacity, link_cost=n.link_cost)
    finding, _ = gm.narrate(n)
    assert "no discount factor below 1 suffices, against δ = 0.6" in finding
    assert "critical δ inf" not in finding
