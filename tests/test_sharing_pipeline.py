"""The sharing case as a pipeline: compute checked against shares worked out here (gravity by
hand, the Shapley value of a sum of pairwise gains, the Myerson value by the subset formula),
and narrate checked on hand-made numbers."""

from __future__ import annotations

from itertools import combinations
from math import factorial

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from govgames.analyses import sharing
from govgames.analyses.base import DATA_DIR

YRD = DATA_DIR / "yrd"


@pytest.fixture(scope="module")
def raw():
    """Members before 1997, their gravity linkages and borders, from the CSV files."""
    census = pd.read_csv(YRD / "yrd_cities_census.csv")
    gdp = pd.read_csv(YRD / "yrd_cities_gdp_2010.csv")
    names = pd.read_csv(YRD / "yrd_city_names.csv")
    member = pd.read_csv(YRD / "yrd_association_membership.csv")[["city", "joined_year"]]
    t = census.merge(gdp, on="city").merge(names, on="city").merge(member, on="city")
    t = t[(t["joined_year"] > 0) & (t["joined_year"] < 1997)].set_index("city")
    lon, lat = np.radians(t["centroid_lon"].to_numpy()), np.radians(t["centroid_lat"].to_numpy())
    h = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat)
         * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
    d = 2 * 6371.0 * np.arcsin(np.sqrt(h))
    mass = np.sqrt(t["population_10k_2010"] * t["gdp_100m_yuan_2010"]).to_numpy()
    with np.errstate(divide="ignore"):
        R = np.where(d > 0, np.outer(mass, mass) / d ** 2, 0.0)
    b = pd.read_csv(YRD / "yrd_city_borders.csv")
    idx = {c: i for i, c in enumerate(t.index)}
    borders = [(idx[a], idx[c]) for a, c in zip(b["city_a"], b["city_b"])
               if a in idx and c in idx]
    return t, R, borders


@pytest.fixture(scope="module")
def numbers():
    return sharing.compute(sharing.load())


def test_sharing_compute_shapley_and_proportional_by_hand(raw, numbers):
    t, R, borders = raw
    n = numbers.numbers
    assert n["players"] == len(t) == 14
    assert n["border_links"] == len(borders) == 22
    total = R.sum() / 2
    assert n["total_gain_linkage_units"] == pytest.approx(total)
    # linkage game: the Shapley value is half of each pair's gain
    shapley = dict(zip(t["name_en"], 100 * R.sum(axis=1) / 2 / total))
    assert n["shapley_pct"] == pytest.approx(shapley, abs=1e-3)
    gdp = t["gdp_100m_yuan_2010"]
    assert n["proportional_pct"] == pytest.approx(
        dict(zip(t["name_en"], 100 * gdp / gdp.sum())), abs=1e-3)
    assert n["louisville_standalone_gap"] == pytest.approx(2 * 0.587 - 1)
    paid = {"Quanzhou": 20, "Fuzhou": 27, "Xiamen": 21}
    assert n["fujian_observed_pct"] == pytest.approx(
        {c: 100 * x / 68 for c, x in paid.items()}, abs=1e-3)


def test_sharing_compute_myerson_by_the_subset_formula(raw, numbers):
    """phi_i = sum over S not containing i of |S|! (n-|S|-1)! / n! (v^B(S+i) - v^B(S)), where
    v^B(S) sums the gains within the connected parts of the border graph on S."""
    t, R, borders = raw
    n = len(t)
    B = nx.Graph(borders)
    B.add_nodes_from(range(n))
    worth = {}
    for size in range(n + 1):
        for S in combinations(range(n), size):
            w = 0.0
            for part in nx.connected_components(B.subgraph(S)):
                p = sorted(part)
                w += R[np.ix_(p, p)].sum() / 2
            worth[frozenset(S)] = w
    weight = [factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)]
    phi = np.zeros(n)
    for S, w in worth.items():
        for i in range(n):
            if i not in S:
                phi[i] += weight[len(S)] * (worth[S | {i}] - w)
    total = worth[frozenset(range(n))]
    assert phi.sum() == pytest.approx(total)
    assert numbers.numbers["myerson_pct"] == pytest.approx(
        dict(zip(t["name_en"], 100 * phi / total)), abs=1e-3)


def test_sharing_run_is_the_pipeline():
    r = sharing.run()
    n = sharing.compute(sharing.load())
    assert (r.finding, r.notes) == sharing.narrate(n)
    assert r.numbers == n.numbers and list(r.tables) == list(n.tables)
    assert sorted(r.figures) == sorted(sharing.figures(n))


def test_sharing_narrate_hand_made_numbers():
    n = sharing.SharingNumbers(
        numbers={"players": 3, "widest_disagreement_city": "Alpha",
                 "widest_disagreement_points": 12.34, "rules_not_in_core": ["proportional"],
                 "louisville_standalone_max": 0.6, "jefferson_standalone_max": 0.4},
        tables={"core_check": pd.DataFrame({"rule": ["proportional"],
                                            "most_dissatisfied": ["Alpha, Beta"]}),
                "watershed_payments": pd.DataFrame({"payer": ["Xiamen", "Quanzhou"],
                                                    "yuan_per_resident": [5.55, 2.26]})},
        proportional_label="2010 GDP", louisville={"standalone_gap": 0.2},
        power_at_equal_standalone=[(0.0, 0.6), (0.4, 1.0)])
    finding, notes = sharing.narrate(n)
    assert finding.startswith(
        "On the 3 cities that met from 1992, before the association's 1997 enlargement (real "
        "2010 population, GDP and borders; gains modelled as gravity linkage), the rules "
        "disagree most on Alpha (12.3 percentage points between rules).")
    assert ("the proportional rule (2010 GDP) is not in the core: Alpha, Beta would do better "
            "on their own.") in finding
    assert "fixes only a stand-alone gap of 0.200 of the joint value" in finding
    assert "(Xiamen pays 5.5 yuan per resident, Quanzhou 2.3)" in finding
    assert ("Louisville could get at most 0.6 and Jefferson County at most 0.4 of the joint "
            "value alone; it fixes Louisville's bargaining power only given those values (0.6 "
            "with none, 1 when both could get 0.4)") in finding
    assert len(notes) == 4
