"""Tests of networks.clubs: hand-solved small clubs, closed forms against brute force, large
clubs without enumeration."""

import itertools
from fractions import Fraction

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games.errors import InputError
from govgames.networks.clubs import Club, plot_threshold_sweep
from govgames.networks import club_stability as cs
from govgames.networks.coalitional import CoalitionalGame
from govgames.networks.entry import EntryRule
from govgames.networks.builders import linkage_game


def brute_shapley(players, v):
    """Shapley value by averaging marginal contributions over all orders (independent)."""
    phi = {p: Fraction(0) for p in players}
    orders = list(itertools.permutations(players))
    for order in orders:
        S = frozenset()
        for p in order:
            phi[p] += Fraction(v(S | {p})) - Fraction(v(S))
            S = S | {p}
    return {p: x / len(orders) for p, x in phi.items()}


VALUES = {"": 0, "A": 1, "B": 0, "C": 0, "A,B": 4, "A,C": 2, "B,C": 1, "A,B,C": 6}


def table_v(values):
    def v(S):
        return values[",".join(sorted(S))]
    return v


def test_three_city_club_by_hand():
    game = CoalitionalGame.from_dict(VALUES)
    club = Club(["A", "B"], None, game)
    # Shapley in {A, B}: A = 1 + (4 - 1)/2 = 2.5, B = 1.5 ; in {A, B, C}: 3, 2, 1 (by hand)
    assert club.shares() == pytest.approx({"A": 2.5, "B": 1.5})
    assert brute_shapley("ABC", table_v(VALUES)) == {"A": 3, "B": 2, "C": 1}
    assert club.shares(["A", "B", "C"]) == pytest.approx({"A": 3, "B": 2, "C": 1})
    assert club.shares().method == "exact (2^2)"
    assert cs.is_individually_rational(club)
    assert cs.is_internally_stable(club)                    # leaving yields v(i) = 1 and 0
    ext = cs.expansion(club)
    assert ext.loc["C", "Δ A"] == pytest.approx(0.5) and ext.loc["C", "Δ B"] == pytest.approx(0.5)
    assert ext.loc["C", "candidate_gain"] == pytest.approx(1.0)
    assert ext.loc["C", "welfare_change"] == pytest.approx(6 - (4 + 0))
    assert ext.loc["C", "members_consent"] and ext.loc["C", "admitted"]
    assert not cs.is_externally_stable(club)
    full = Club(["A", "B", "C"], None, game)
    assert cs.is_stable(full) and bool(cs.core_check(full))


def test_consent_fails_when_a_member_loses():
    # C adds nothing to A, B together but takes a Shapley share; B's share falls from 2 to 1
    values = {"": 0, "A": 0, "B": 0, "C": 0, "A,B": 4, "A,C": 3, "B,C": 0, "A,B,C": 4}
    phi = brute_shapley("ABC", table_v(values))
    assert phi == {"A": Fraction(5, 2), "B": 1, "C": Fraction(1, 2)}
    club = Club(["A", "B"], None, CoalitionalGame.from_dict(values))
    row = cs.expansion(club).loc["C"]
    assert row["wants_to_join"] and not row["members_consent"]
    assert row["Δ B"] == pytest.approx(-1.0) and row["worst_member_change"] == pytest.approx(-1.0)
    assert not cs.is_externally_stable(club)                 # C would gain (d'Aspremont)
    assert cs.is_externally_stable(club, consent=True)         # but B blocks its admission
    assert cs.summary(club)["admitted"] == []


def test_internal_instability_and_individual_rationality():
    game = CoalitionalGame.from_dict({"A": 3, "B": 0, "A,B": 4})
    club = Club(["A", "B"], None, game, sharing="equal")
    ir = cs.individual_rationality(club)
    assert ir["rational"].tolist() == [False, True] and ir.loc["A", "margin"] == -1.0
    assert not cs.is_internally_stable(club)
    assert cs.is_internally_stable(Club(["A", "B"], None, game))   # Shapley: 3.5, 0.5
    core = cs.core_check(club)
    assert core.in_core is False and core.blocking == frozenset({"A"})


def test_spillovers_make_internal_stability_differ_from_individual_rationality():
    # linkage game A-B (4), B-C (2); a non-member keeps 90% of its links with members
    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])

    def outside(city, club):
        return 0.9 * sum(G[city][m]["weight"] for m in club if G.has_edge(city, m))

    club = Club(["A", "B"], None, G, outside_payoff=outside)
    assert cs.is_individually_rational(club)              # shares 2, 2 >= v(i) = 0
    st_ = cs.internal_stability(club)
    assert st_.loc["A", "payoff_if_leaves"] == pytest.approx(3.6)
    assert st_["stays"].tolist() == [False, False]      # each keeps 3.6 > 2 outside
    assert club.welfare() == pytest.approx(4 + 0.9 * 2)
    ext = cs.expansion(club)
    assert ext.loc["C", "candidate_gain"] == pytest.approx(1 - 1.8)
    assert not ext.loc["C", "wants_to_join"]


def test_linkage_closed_form_matches_exact_and_brute_force():
    rng = np.random.default_rng(4)
    G = nx.gnp_random_graph(7, 0.6, seed=2)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(1, 9))
    members = [0, 1, 2, 3, 5]
    club = Club(members, None, G)
    closed = club.shares()
    assert closed.method.startswith("closed form")

    def v(S):
        return sum(G[a][b]["weight"] for a, b in itertools.combinations(S, 2) if G.has_edge(a, b))

    assert dict(closed) == pytest.approx({p: float(x) for p, x in brute_shapley(members, v).items()})
    # the same game given as E's CoalitionalGame in exact mode, with the closed form disabled
    g = linkage_game(G)
    g.meta = {}
    exact = Club(members, None, g).shares()
    assert exact.method == "exact (2^5)" and dict(exact) == pytest.approx(dict(closed))
    # Myerson (graph restricted) and Owen (any unions) agree with the closed form
    my = Club(members, None, g, sharing="myerson", graph=G).shares()
    assert dict(my) == pytest.approx(dict(closed))
    ow = Club(members, None, g, sharing="owen", unions=[[0, 1, 6], [2, 3], [4, 5]]).shares()
    assert dict(ow) == pytest.approx(dict(closed))
    assert Club(members, None, G, sharing="owen", unions=[[0, 1, 6], [2, 3], [4, 5]]).shares() \
        == pytest.approx(dict(closed))


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 7), seed=st.integers(0, 10**6), sharing=st.sampled_from(["equal", "proportional", "shapley"]))
def test_mincut_core_check_matches_enumeration(n, seed, sharing):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, 0.7, seed=seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.integers(0, 6))
    weights = {p: float(rng.integers(0, 4)) for p in G}
    if sum(weights.values()) == 0:
        weights[0] = 1.0
    club = Club(list(G), None, G, sharing=sharing, proportional_to=weights)
    fast = cs.core_check(club)
    x = club.shares()

    def v(S):
        return sum(G[a][b]["weight"] for a, b in itertools.combinations(S, 2) if G.has_edge(a, b))

    worst = max(v(S) - sum(x[p] for p in S) for r in range(1, n + 1)
                for S in itertools.combinations(list(G), r))
    assert fast.method == "exact (minimum cut)"
    assert fast.deficit == pytest.approx(max(worst, 0.0), abs=1e-9)
    assert fast.in_core == (worst <= 1e-9)
    if sharing == "shapley":
        assert fast.in_core            # convex game: Shapley value in the core (Shapley 1971)


def test_large_club_without_enumeration():
    rng = np.random.default_rng(0)
    n = 60
    G = nx.complete_graph(n)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.exponential())
    members = list(range(45))
    club = Club(members, "linkage >= 5", G)
    s = cs.summary(club)
    assert s["method"].startswith("closed form") and s["core_method"] == "exact (minimum cut)"
    assert s["in_core"] is True and s["internally_stable"]
    assert sum(s["shares"].values()) == pytest.approx(club.value(members))
    ext = cs.expansion(club)
    assert set(ext.index) == set(club.eligible_candidates())
    # linkage game: a candidate's gain is half its links to members; members gain half theirs
    c = ext.index[0]
    assert ext.loc[c, "candidate_gain"] == pytest.approx(
        sum(G[c][m]["weight"] for m in members) / 2)
    assert ext.loc[c, f"Δ {members[0]}"] == pytest.approx(G[c][members[0]]["weight"] / 2)
    eq = cs.core_check(Club(members, None, G, sharing="equal"))
    assert eq.method == "exact (minimum cut)"


def test_sampled_shapley_for_large_general_games():
    n = 24
    players = [f"c{i}" for i in range(n)]
    # v(S) = |S|^2: symmetric, so the Shapley value of a k-member club is k for everyone
    g = CoalitionalGame(players, value_function=lambda M: M.sum(axis=1) ** 2.0, vectorized=True)
    club = Club(players[:20], None, g, n_samples=400, seed=1)
    sh = club.shares()
    assert sh.method.startswith("sampled (400 permutations, max s.e.")
    for p in players[:20]:
        assert abs(sh[p] - 20) <= 5 * sh.std_errors[p] + 1e-9
    assert sum(sh.values()) == pytest.approx(400)
    core = cs.core_check(club, n_coalitions=500)
    assert core.method.startswith("sampled") and core.in_core is None
    small = Club(players[:6], None, g).shares()
    assert small.method == "exact (2^6)" and dict(small) == pytest.approx({p: 6 for p in players[:6]})


def test_entry_rule_drives_expansion_and_reachable_clubs():
    # S - A - B - C chain with decreasing links; linkage >= 3 admits one city at a time
    G = nx.Graph([("S", "A", {"weight": 5}), ("A", "B", {"weight": 4}), ("B", "C", {"weight": 3}),
                  ("S", "D", {"weight": 1})])
    for v, u in zip("SABCD", [0.9, 0.5, 0.3, 0.1, 0.6]):
        G.nodes[v]["urbanization"] = u
    rule = EntryRule("urbanization >= 0.2") & EntryRule("linkage >= 3")
    club = Club(["S"], rule, G)
    assert club.eligible_candidates() == ["A"]
    df = cs.reachable_stable_clubs(club)
    # by hand: A joins (linkage 5), then B (4 with A); C has linkage 3 but urbanization 0.1;
    # D has linkage 1 only
    assert df["members"].tolist() == [("S", "A", "B")]
    assert df["added"].tolist() == [("A", "B")]
    assert df.attrs["method"].startswith("exhaustive")
    final, path = cs.expand(club)
    assert sorted(final) == ["A", "B", "S"] and path == ["A", "B"]
    assert cs.is_stable(club, final, consent=True)
    sweep = cs.threshold_sweep(club, "linkage", [1, 3, 4, 5, 6])
    assert sweep["n_eligible"].tolist() == [2, 1, 1, 1, 0]
    assert sweep["club_size"].tolist() == [4, 3, 3, 2, 1]
    assert sweep["welfare"].tolist() == [10.0, 9.0, 9.0, 5.0, 0.0]
    ax = plot_threshold_sweep(sweep)
    assert ax.get_xlabel() == "linkage"
    plt.close("all")


def test_reachable_clubs_sampled_when_many_states():
    G = nx.complete_graph(12)
    club = Club([0], None, G)
    df = cs.reachable_stable_clubs(club, max_states=20, n_orders=3, seed=0)
    assert df.attrs["method"].startswith("sampled")
    assert df["members"].tolist() == [tuple(range(12))]


def test_proportional_and_user_sharing():
    G = nx.Graph([("A", "B", {"weight": 6}), ("B", "C", {"weight": 3})])
    for v, pop in zip("ABC", [1, 2, 3]):
        G.nodes[v]["pop"] = pop
    club = Club(["A", "B", "C"], None, G, sharing="proportional", proportional_to="pop")
    assert club.shares() == pytest.approx({"A": 1.5, "B": 3.0, "C": 4.5})
    assert cs.core_check(club).blocking == frozenset({"A", "B"})   # 6 > 1.5 + 3

    def nucleolus_like(game):
        return {p: game.value(game.players) / game.n for p in game.players}

    u = Club(["A", "B"], None, G, sharing=nucleolus_like).shares()
    assert dict(u) == {"A": 3.0, "B": 3.0} and u.method.startswith("user function")


def test_bad_input():
    G = nx.path_graph(["A", "B", "C"])
    with pytest.raises(InputError, match="unknown city 'Z'"):
        Club(["A", "Z"], None, G)
    with pytest.raises(InputError, match="sharing must be one of"):
        Club(["A"], None, G, sharing="nash")
    with pytest.raises(InputError, match="needs unions"):
        Club(["A"], None, G, sharing="owen")
    with pytest.raises(InputError, match="unknown attribute 'pop'"):
        Club(["A"], None, G, sharing="proportional", proportional_to="pop")
    with pytest.raises(InputError, match="game must be a CoalitionalGame or a networkx graph"):
        Club(["A"], None, {"A": 1})
    with pytest.raises(InputError, match="unknown attribute 'urbanization'"):
        Club(["A"], "urbanization >= 0.2", G).eligible_candidates()
    with pytest.raises(InputError, match="needs an entry rule"):
        cs.threshold_sweep(Club(["A"], None, G), "x", [1])


def test_myerson_with_a_sparser_communication_graph():
    # link gains on A-B, B-C, A-C, but A and C can only cooperate through B
    G = nx.Graph([("A", "B", {"weight": 2}), ("B", "C", {"weight": 2}), ("A", "C", {"weight": 6})])
    H = nx.path_graph(["A", "B", "C"])
    club = Club(["A", "C"], None, G, graph=H, sharing="myerson")
    # {A, C} is disconnected in H: its restricted worth is 0, so each gets 0
    assert club.shares() == pytest.approx({"A": 0.0, "C": 0.0})
    full = Club(["A", "B", "C"], None, G, graph=H, sharing="myerson").shares()

    def vH(S):   # graph-restricted linkage game, by hand
        S = set(S)
        if S == {"A", "C"}:
            return 0
        return sum(w for (a, b), w in {("A", "B"): 2, ("B", "C"): 2, ("A", "C"): 6}.items()
                   if a in S and b in S)

    assert dict(full) == pytest.approx({p: float(x) for p, x in brute_shapley("ABC", vH).items()})
    assert full.method == "exact (2^3, graph-restricted game)"


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(0, 12), min_size=15, max_size=15),
       members=st.sets(st.sampled_from("ABCD"), min_size=1, max_size=4),
       sharing=st.sampled_from(["shapley", "equal"]))
def test_stability_verdicts_match_an_independent_computation(values, members, sharing):
    players = "ABCD"
    table = {"": 0}
    for m in range(1, 16):
        table[",".join(p for i, p in enumerate(players) if m >> i & 1)] = values[m - 1]
    v = table_v(table)
    club = Club(sorted(members), None, CoalitionalGame.from_dict(table), sharing=sharing)

    def share(S):
        if sharing == "shapley":
            return brute_shapley(sorted(S), v)
        return {p: Fraction(v(S), len(S)) for p in S}

    S = frozenset(members)
    x = share(S)
    # internal stability: no member gets more alone (v of the singleton) than its share
    assert cs.is_internally_stable(club) == all(v({p}) <= x[p] for p in S)
    assert cs.is_individually_rational(club) == all(v({p}) <= x[p] for p in S)
    wants, admitted = [], []
    for c in sorted(set(players) - S):
        y = share(S | {c})
        if y[c] > v({c}):
            wants.append(c)
            if all(y[p] >= x[p] for p in S):
                admitted.append(c)
    assert cs.is_externally_stable(club) == (not wants)
    assert cs.is_externally_stable(club, consent=True) == (not admitted)
    summary = cs.summary(club)
    assert summary["wants_to_join"] == wants and summary["admitted"] == admitted
    blocked = any(v(T) > sum(x[p] for p in T)
                  for r in range(1, len(S) + 1) for T in itertools.combinations(sorted(S), r))
    assert cs.core_check(club).in_core == (not blocked)


def test_club_shares_are_an_allocation_and_the_old_values_dict_warns():
    import warnings

    from govgames.networks import Allocation, ClubShares
    G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    s = Club(["A", "B", "C"], None, G, sharing="equal").shares()
    assert isinstance(s, ClubShares) and isinstance(s, Allocation) and isinstance(s, dict)
    assert s == {"A": 2.0, "B": 2.0, "C": 2.0} and s.std_errors is None and s.exact
    assert s.method == "closed form (equal split)"
    assert s.to_series().tolist() == [2.0, 2.0, 2.0] and "<table" in s._repr_html_()
    assert s.to_frame().attrs["method"] == s.method
    assert repr(s).startswith("ClubShares({'A': 2,")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sorted(s.values()) == [2.0, 2.0, 2.0]          # the mapping method: no warning
    with pytest.warns(DeprecationWarning, match="values"):
        assert s.values["B"] == 2.0                           # the old dict attribute
    sampled = ClubShares({"A": 1.0}, "sampled", {"A": 0.1})
    assert not sampled.exact and sampled.to_frame().columns.tolist() == ["payoff", "std_error"]
