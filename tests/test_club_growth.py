"""The club-growth case, recomputed independently: gravity linkage from the raw table, the
entry rule by hand, and critical discount factors in closed form."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from govgames.analyses import club, club_growth
from govgames.analyses.base import DATA_DIR, load_cases
from govgames.games.errors import InputError


def _haversine(lon1, lat1, lon2, lat2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def test_replay_recomputed_by_hand():
    t = club.load_yrd_cities()
    rounds = club_growth.replay_rounds(t)
    memb = pd.read_csv(DATA_DIR / "yrd" / "yrd_association_membership.csv")
    counts = memb.groupby("joined_year").size()
    assert rounds["year"].tolist() == [1997, 2003, 2010, 2013, 2018, 2019]
    assert rounds["admitted"].tolist() == [int(counts[y]) for y in rounds["year"]]
    shanghai = t.loc["Shanghai", "gdp_per_capita_yuan"]
    for _, row in rounds.iterrows():
        y = int(row["year"])
        members = [c for c in t.index if 0 < int(t.loc[c, "joined_year"]) < y]
        outs = [c for c in t.index if c not in members]

        def link(c):
            return sum(math.sqrt(t.loc[c, "population_10k"] * t.loc[c, "gdp_100m_yuan"])
                       * math.sqrt(t.loc[m, "population_10k"] * t.loc[m, "gdp_100m_yuan"])
                       / _haversine(t.loc[c, "lon"], t.loc[c, "lat"], t.loc[m, "lon"],
                                    t.loc[m, "lat"]) ** 2 for m in members)
        links = {c: link(c) for c in outs}
        eligible = [c for c in sorted(outs, key=lambda c: -links[c])
                    if t.loc[c, "urbanization"] >= 0.2
                    and t.loc[c, "gdp_per_capita_yuan"] >= 0.2 * shanghai and links[c] >= 10]
        actual = [c for c in t.index if int(t.loc[c, "joined_year"]) == y]
        model = eligible[:len(actual)]
        assert row["hits"] == len(set(model) & set(actual)), y
        assert row["eligible_outsiders"] == len(eligible), y
        assert row["hits_if_random"] == pytest.approx(
            len(model) * sum(c in eligible for c in actual) / len(eligible))


def test_linkage_thresholds_closed_form():
    ft = club_growth.field_thresholds()
    for _, r in ft.iterrows():
        assert r["delta_alone"] == pytest.approx((r["T"] - r["R"]) / (r["T"] - r["P"]))
    fields = club_growth.DEFAULT_FIELDS
    pooled = sum(T - R for _, T, R, _ in fields) / sum(T - P for _, T, _, P in fields)
    assert club_growth.linked_threshold(ft) == pytest.approx(pooled)
    # the pooled threshold lies between the easiest and the hardest field's
    assert ft["delta_alone"].min() <= pooled <= ft["delta_alone"].max()
    with pytest.raises(InputError, match="T > R > P"):
        club_growth.field_thresholds([("bad", 1.0, 2.0, 0.0)])


def test_case_registered_and_labelled():
    spec = load_cases()["club_growth"]
    r = spec.run()
    assert set(r.numbers) <= set(r.describe) and set(r.figures) <= set(r.captions)
    assert r.numbers["fields_cooperating_alone"] == ["tourism", "transport"]
    assert r.numbers["fields_cooperating_linked"] == ["tourism", "transport", "industry",
                                                      "environment"]
    assert r.numbers["model_hits"] == int(r.tables["admission rounds replayed"]["hits"].sum())
    assert "anachronistic" in r.finding
    with pytest.raises(InputError, match="discount"):
        club_growth.run(discount=1.5)
    with pytest.raises(InputError, match="T > R > P"):
        club_growth.run(environment_temptation=2.0)
    plt.close("all")


def test_narrate_no_field_alone_grammar():
    """At a tiny discount factor no field cooperates alone: the sentence is singular."""
    finding, _ = club_growth.narrate(club_growth.compute(club_growth.load(), discount=0.01))
    assert "no field cooperates alone" in finding
    assert "no field cooperate alone" not in finding
