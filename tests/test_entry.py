"""Tests of networks.entry: entry rules on a toy table of cities."""

import json
from fractions import Fraction

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games.errors import InputError
from govgames.networks.entry import Condition, EntryRule, all_of, any_of, gravity_linkage


@pytest.fixture
def table():
    # Shanghai's per-capita GDP 73297 (2010); 20% of it is exactly 14659.4
    return pd.DataFrame(
        {"urbanization": [0.893, 0.20, 0.1999, 0.45, 0.30],
         "gdp_per_capita": [73297, 14659.4, 30000, 14659.3, 20000]},
        index=["Shanghai", "AtBoth", "LowUrban", "JustBelowGDP", "Fine"])


def test_relative_threshold_and_exact_tie(table):
    rule = EntryRule('gdp_per_capita >= 0.20 * gdp_per_capita["Shanghai"]')
    df = rule.evaluate(table)
    # the threshold is 20% of Shanghai's value, computed by hand
    assert df["gdp_per_capita.threshold"].tolist() == [14659.4] * 5
    # a city exactly at the threshold passes >= (naive floats would say 0.2*73297 > 14659.4)
    assert 0.20 * 73297 != 14659.4
    assert df.loc["AtBoth", "gdp_per_capita.pass"]
    assert df.loc["AtBoth", "gdp_per_capita.margin"] == 0.0
    assert not df.loc["JustBelowGDP", "gdp_per_capita.pass"]
    assert df.loc["JustBelowGDP", "gdp_per_capita.margin"] == pytest.approx(-0.1)
    assert rule.eligible(table) == ["Shanghai", "AtBoth", "LowUrban", "Fine"]


def test_absolute_threshold_and_combination(table):
    rule = EntryRule("urbanization >= 0.20") & EntryRule(
        'gdp_per_capita >= 0.20 * gdp_per_capita["Shanghai"]')
    df = rule.evaluate(table)
    assert df["urbanization.pass"].tolist() == [True, True, False, True, True]
    assert df["urbanization.margin"].round(4).tolist() == [0.693, 0.0, -0.0001, 0.25, 0.1]
    assert df["eligible"].tolist() == [True, True, False, False, True]
    either = any_of("urbanization >= 0.40", "gdp_per_capita >= 25000")
    assert either.eligible(table) == ["Shanghai", "LowUrban", "JustBelowGDP"]
    # <= and > margins are measured in the direction of the condition
    df2 = EntryRule("urbanization <= 0.3").evaluate(table)
    assert df2["urbanization.margin"].round(4).tolist() == [-0.593, 0.1, 0.1001, -0.15, 0.0]
    assert df2["urbanization.pass"].tolist() == [False, True, True, False, True]
    assert not EntryRule("urbanization > 0.3").evaluate(table).loc["Fine", "eligible"]


def test_nested_all_any_and_operators(table):
    r = all_of("urbanization >= 0.2", any_of("gdp_per_capita >= 70000", "urbanization >= 0.4"))
    assert r.eligible(table) == ["Shanghai", "JustBelowGDP"]
    r2 = EntryRule("urbanization >= 0.2") | "gdp_per_capita >= 25000"
    assert r2.eligible(table) == ["Shanghai", "AtBoth", "LowUrban", "JustBelowGDP", "Fine"]


def test_network_quantities():
    G = nx.Graph()
    G.add_edge("S", "A", weight=6)
    G.add_edge("S", "B", weight=4)
    G.add_edge("A", "B", weight=5)
    G.add_edge("B", "C", weight=20)
    G.add_node("D")
    for v in G:
        G.nodes[v]["u"] = 0.5
    df = EntryRule("linkage >= 10").evaluate(G, members=["S", "A"])
    # by hand: linkage with the members S, A (a member counts the other members)
    assert df["linkage.value"].to_dict() == {"S": 6.0, "A": 6.0, "B": 9.0, "C": 0.0, "D": 0.0}
    assert df["member"].tolist() == [True, True, False, False, False]
    df = EntryRule("linkage >= 9").evaluate(G, members=["S", "A"], candidates=["B", "C"])
    assert df.index.tolist() == ["B", "C"] and df["eligible"].tolist() == [True, False]
    links = EntryRule("member_links >= 2").eligible(G, members=["S", "A"])
    assert links == ["B"]
    dist = EntryRule("distance <= 2").evaluate(G, members=["S"])
    assert dist["distance.value"].fillna(-1).to_dict() == {"S": -1, "A": 1.0, "B": 1.0,
                                                            "C": 2.0, "D": -1}
    assert dist["eligible"].tolist() == [False, True, True, True, False]
    # a table plus a graph
    table = pd.DataFrame({"u": [0.5] * 5}, index=["S", "A", "B", "C", "D"])
    r = EntryRule("u >= 0.5") & EntryRule("linkage >= 9")
    assert r.eligible(table, members=["S", "A"], graph=G) == ["B"]


def test_parameters_and_with_threshold(table):
    r = EntryRule("urbanization >= u_min", parameters={"u_min": 0.3})
    assert r.eligible(table) == ["Shanghai", "JustBelowGDP", "Fine"]
    assert r.with_threshold("u_min", 0.2).eligible(table) == \
        ["Shanghai", "AtBoth", "JustBelowGDP", "Fine"]
    g = EntryRule('gdp_per_capita >= 0.20 * gdp_per_capita["Shanghai"]', name="gdp")
    assert g.with_threshold("gdp_per_capita", 0.4).eligible(table) == ["Shanghai", "LowUrban"]
    assert g.with_threshold("gdp_per_capita", 0.5).eligible(table) == ["Shanghai"]
    with pytest.raises(InputError, match="no parameter or condition named 'nope'"):
        r.with_threshold("nope", 1)


def test_parameters_given_with_an_existing_rule_are_exact(table):
    # EntryRule(rule, parameters=...) converts the new values as EntryRule(text, ...) does
    base = EntryRule("urbanization >= u_min", parameters={"u_min": 0.3}, name="urban")
    r = EntryRule(base, parameters={"u_min": 0.25})
    assert r.parameters == {"u_min": Fraction(1, 4)} and r.name == "urban"
    assert base.parameters == {"u_min": Fraction(3, 10)}
    assert r.eligible(table) == EntryRule("urbanization >= 0.25").eligible(table)
    assert r.to_json()["parameters"] == {"u_min": 0.25}
    with pytest.raises(InputError, match="parameter 'u_min' = 'x' is not a number"):
        EntryRule(base, parameters={"u_min": "x"})


def test_json_round_trip(tmp_path, table):
    rule = EntryRule.from_json({
        "type": "entry_rule", "name": "YRD 2010",
        "rule": {"all_of": ["urbanization >= u_min",
                            {"condition": 'gdp_per_capita >= 0.2 * gdp_per_capita["Shanghai"]',
                             "name": "GDP per capita"}]},
        "parameters": {"u_min": "1/5"}})
    path = tmp_path / "rule.json"
    rule.to_json(path)
    again = EntryRule.from_json(path)
    pd.testing.assert_frame_equal(rule.evaluate(table), again.evaluate(table))
    assert again.name == "YRD 2010"
    assert [c.name for c in again.conditions] == ["urbanization", "GDP per capita"]
    text = json.dumps(rule.to_json())
    assert EntryRule.from_json(text).eligible(table) == ["Shanghai", "AtBoth", "Fine"]


@pytest.mark.parametrize("text,message", [
    ("population >= 5", "unknown attribute 'population'"),
    ('gdp_per_capita >= 0.2 * gdp_per_capita["Beijing"]', "reference city 'Beijing' is not in the data"),
    ('gdp_per_capita >= 0.2 * gdp["Shanghai"]', "unknown attribute 'gdp'"),
])
def test_bad_rules_name_the_problem(table, text, message):
    rule = EntryRule.from_json({"rule": {"condition": text, "name": "rule 3"}})
    with pytest.raises(InputError, match=message) as exc:
        rule.evaluate(table)
    assert "rule 3" in str(exc.value)


@pytest.mark.parametrize("text,message", [
    ("urbanization != 0.2", "operator NotEq is not allowed"),
    ("urbanization in [1]", "operator In is not allowed"),
    ("urbanization >= __import__('os').system('x')", "found a Call element"),
    ("urbanization.__class__ >= 1", "found a Attribute element"),
    ("0.1 <= urbanization <= 0.2", "chained comparisons"),
    ("urbanization", "is not a comparison"),
    ("urbanization >= 'a'", "the constant 'a'"),
    ("urbanization >=", "is not a comparison such as"),
    ("u >= x[0]", "key is not a quoted city name"),
])
def test_bad_syntax_is_rejected_without_eval(text, message):
    with pytest.raises(InputError, match=message):
        Condition(text)


def test_bad_json_structure(tmp_path):
    with pytest.raises(InputError, match=r"rule.all_of\[1\]: .*found keys oops"):
        EntryRule.from_json({"rule": {"all_of": ["u >= 1", {"oops": 1}]}})
    with pytest.raises(InputError, match="parameters.u: 'x' is not a number"):
        EntryRule.from_json({"rule": "u >= 1", "parameters": {"u": "x"}})
    bad = tmp_path / "bad.json"
    bad.write_text('{"rule": ')
    with pytest.raises(InputError, match="invalid JSON"):
        EntryRule.from_json(bad)
    with pytest.raises(InputError, match="no such file"):
        EntryRule.from_json(tmp_path / "missing.json")


def test_network_quantity_needs_a_graph(table):
    with pytest.raises(InputError, match="no graph was given"):
        EntryRule("linkage >= 10").evaluate(table, members=["Shanghai"])
    with pytest.raises(InputError, match="member 'Nowhere' is not in the data"):
        EntryRule("urbanization >= 0.2").evaluate(table, members=["Nowhere"])


def test_missing_values_fail_with_nan_margin():
    t = pd.DataFrame({"u": [0.5, None]}, index=["A", "B"])
    df = EntryRule("u >= 0.2").evaluate(t)
    assert df["eligible"].tolist() == [True, False]
    assert pd.isna(df.loc["B", "u.margin"])


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.decimals(min_value=0, max_value=1, places=3), min_size=1, max_size=8),
       ref=st.integers(0, 7), share=st.decimals(min_value=0, max_value=1, places=2))
def test_relative_rule_matches_exact_comparison(values, ref, share):
    ref = ref % len(values)
    names = [f"c{i}" for i in range(len(values))]
    t = pd.DataFrame({"x": [float(v) for v in values]}, index=names)
    df = EntryRule(f'x >= {share} * x["{names[ref]}"]').evaluate(t)
    thr = Fraction(str(share)) * Fraction(str(values[ref]))
    expected = [Fraction(str(v)) >= thr for v in values]
    assert df["eligible"].tolist() == expected
    assert ((df["x.margin"] >= 0) == df["x.pass"]).all()


def test_gravity_linkage_matches_hand_computation():
    t = pd.DataFrame({"P": [400.0, 100.0, 900.0], "G": [1.0, 4.0, 1.0], "lon": [0.0, 0.0, 1.0],
                      "lat": [0.0, 1.0, 0.0]}, index=["A", "B", "C"])
    G = gravity_linkage(t, population="P", gdp="G", lon="lon", lat="lat")
    d_ab = 6371.0 * 3.141592653589793 / 180  # one degree of latitude
    assert G["A"]["B"]["distance_km"] == pytest.approx(d_ab)
    assert G["A"]["B"]["weight"] == pytest.approx(20 * 20 / d_ab**2)
    assert G["A"]["C"]["weight"] == pytest.approx(20 * 30 / d_ab**2)
    assert G.number_of_edges() == 3 and G.nodes["C"]["P"] == 900.0
