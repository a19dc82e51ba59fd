"""The club and club_growth cases as pipelines: compute checked against numbers worked out
here from the raw CSV files, and narrate checked on hand-made numbers."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from govgames.analyses import club, club_growth
from govgames.analyses.base import DATA_DIR
from govgames.networks import club_stability as cs
from hypothesis import given
from hypothesis import strategies as st

YRD = DATA_DIR / "yrd"


def _raw_cities() -> pd.DataFrame:
    """The bundled city table merged by hand from the CSV files (not through the library)."""
    census = pd.read_csv(YRD / "yrd_cities_census.csv")
    gdp = pd.read_csv(YRD / "yrd_cities_gdp_2010.csv")
    names = pd.read_csv(YRD / "yrd_city_names.csv")
    member = pd.read_csv(YRD / "yrd_association_membership.csv")[["city", "joined_year"]]
    t = census.merge(gdp, on="city").merge(names, on="city").merge(member, on="city", how="left")
    t["joined_year"] = t["joined_year"].fillna(0).astype(int)
    # keyed by the English names, as the library's table (the Chinese ones are ``city`` here)
    return t.set_index("name_en", drop=False)


def _gravity(t: pd.DataFrame, a: str, b: str) -> float:
    """sqrt(P_a G_a) sqrt(P_b G_b) / d^2, d great-circle on a sphere of radius 6371 km."""
    lon1, lat1, lon2, lat2 = np.radians([t.loc[a, "centroid_lon"], t.loc[a, "centroid_lat"],
                                         t.loc[b, "centroid_lon"], t.loc[b, "centroid_lat"]])
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    d = 2 * 6371.0 * np.arcsin(np.sqrt(h))
    mass_a, mass_b = (np.sqrt(t.loc[c, "population_10k_2010"] * t.loc[c, "gdp_100m_yuan_2010"])
                      for c in (a, b))
    return float(mass_a * mass_b / d ** 2)


@pytest.fixture(scope="module")
def club_numbers():
    return club.compute(club.load(), sweep_points=2)


def test_club_compute_eligibility_by_hand(club_numbers):
    t = _raw_cities()
    members = [c for c in t.index if 0 < t.loc[c, "joined_year"] < 2010]
    entrants = [c for c in t.index if t.loc[c, "joined_year"] == 2010]
    threshold = 0.2 * t.loc["Shanghai", "gdp_per_capita_yuan_2010"]
    link = {c: sum(_gravity(t, c, m) for m in members if m != c) for c in t.index}
    eligible = [c for c in t.index if t.loc[c, "urbanization_2010"] >= 0.2
                and t.loc[c, "gdp_per_capita_yuan_2010"] >= threshold and link[c] >= 10]
    n = club_numbers.numbers
    assert (n["members_before"], n["entrants"]) == (len(members), len(entrants)) == (16, 6)
    assert n["eligible_2010"] == len(eligible)
    assert n["gdp_per_capita_threshold_yuan"] == pytest.approx(threshold)
    poor = t.loc[t["gdp_per_capita_yuan_2010"] < threshold, "name_en"]
    assert sorted(n["excluded_by_gdp_per_capita"]) == sorted(poor)
    outsiders = [c for c in t.index if c not in members]
    assert n["min_outsider_linkage"] == pytest.approx(min(link[c] for c in outsiders))
    assert set(club_numbers.members) == set(members)
    assert club_numbers.status["Shanghai"] == "member"
    assert {club_numbers.status[c] for c in entrants} == {"entrant"}


def test_club_compute_gains_by_hand(club_numbers):
    """Without costs or fund the Shapley share is half of each link inside the club, so a
    member's gain from the round is half its links to the entrants."""
    t = _raw_cities()
    members = [c for c in t.index if 0 < t.loc[c, "joined_year"] < 2010]
    entrants = [c for c in t.index if t.loc[c, "joined_year"] == 2010]
    value_before = sum(_gravity(t, a, b) for a, b in combinations(members, 2))
    share = {m: sum(_gravity(t, m, o) for o in members if o != m) / 2 for m in members}
    gain = {m: sum(_gravity(t, m, e) for e in entrants) / 2 for m in members}
    n = club_numbers.numbers
    assert n["club_value_before"] == pytest.approx(value_before)
    assert n["club_value_after"] == pytest.approx(
        sum(_gravity(t, a, b) for a, b in combinations(members + entrants, 2)))
    best = max(gain, key=gain.get)
    assert n["largest_gainer"] == t.loc[best, "name_en"]
    assert n["largest_gain_pct"] == pytest.approx(max(100 * gain[m] / share[m] for m in members))
    assert n["members_losing_from_expansion"] == []
    table = club_numbers.tables["who_gains"].set_index("city")
    for m in members:
        assert table.loc[m, "gain"] == pytest.approx(gain[m])


def test_club_compute_stability_bounds_checked_on_the_club(club_numbers):
    """The coordination cost up to which every member stays, checked by building the club."""
    d = club.load()
    G = club.yrd_graph(d.cities, d.borders)
    after = club_numbers.members + club_numbers.entrants
    high = club_numbers.numbers["coordination_cost_internal_stability_up_to"]
    rule = club.yrd_entry_rule()
    below = club.yrd_club(d.cities, G, after, rule, coordination_cost=high * (1 - 1e-6))
    above = club.yrd_club(d.cities, G, after, rule, coordination_cost=high * (1 + 1e-6))
    assert cs.is_internally_stable(below) and not cs.is_internally_stable(above)


def test_club_run_is_the_pipeline():
    r = club.run(sweep_points=2)
    n = club.compute(club.load(), sweep_points=2)
    finding, notes = club.narrate(n)
    assert r.finding == finding and r.notes == notes
    assert list(r.tables) == list(n.tables)
    assert r.numbers == n.numbers
    assert sorted(r.figures) == sorted(club.figures(n))
    import matplotlib.pyplot as plt
    plt.close("all")


def _hand_made_club(**changes) -> club.ClubNumbers:
    numbers = {
        "cities": 5, "members_before": 2, "entrants": 1,
        "gdp_per_capita_threshold_yuan": 14659.4, "eligible_2010": 3,
        "excluded_by_gdp_per_capita": ["Bozhou"], "excluded_by_urbanization": [],
        "excluded_by_linkage": ["Far", "Farther"],
    }
    numbers.update(changes.pop("numbers", {}))
    kw = dict(year=2010, reference="X", names={"X": "Xcity", "A": "Alpha", "B": "Beta"},
              members=["A", "B"], entrants=["C"],
              params={"urbanization_min": 0.2, "gdp_ratio_min": 0.2, "linkage_min": 10.0,
                      "membership_cost": 0.0, "club_fund": 0.0, "coordination_cost": 0.0},
              numbers=numbers, bundled=False, source="mine.csv")
    kw.update(changes)
    return club.ClubNumbers(**kw)


def test_club_narrate_hand_made_numbers():
    finding, notes = club.narrate(_hand_made_club())
    assert finding == (
        "For the 2010 round (2 members, the given figures), 3 of the 5 cities meet the three "
        "entry rules. Failing per-capita GDP >= 20% of Xcity's (14,659 yuan): Bozhou; failing "
        "urbanization >= 20%: none; failing linkage >= 10 with the members: Far, Farther.")
    assert notes[-1] == "City data from the user file mine.csv."


def test_club_narrate_hand_made_stability_and_fund():
    more = {"members_losing_from_expansion": ["Beta"], "largest_gainer": "Alpha",
            "internally_stable_after": True, "externally_stable_after": True,
            "want_to_join_after": [], "club_value_before": 200.0}
    n = _hand_made_club(
        numbers=more, tables={"who_gains": pd.DataFrame()},
        stability={"low": 1.0, "high": 2.5, "stable_interval": (1.0, 2.5),
                   "binding_member": "B", "binding_outsider": None},
        params={"urbanization_min": 0.2, "gdp_ratio_min": 0.2, "linkage_min": 10.0,
                "membership_cost": 0.0, "club_fund": 50.0, "coordination_cost": 0.0})
    finding, _ = club.narrate(n)
    assert ("In the linkage game with Shapley shares Beta lose and the other incumbents gain "
            "from the 2010 expansion (Alpha most); the enlarged club is internally stable and "
            "externally stable.") in finding
    assert ("keeps every member for c <= 2.5 (Beta leaves first) and keeps out every eligible "
            "outsider for c >= 1 (none wants in longest): it is stable for 1 <= c <= 2.5 "
            "linkage units.") in finding
    assert finding.endswith("With the fund set here (50 linkage units, 25% of the club's "
                            "linkage value, shared equally), Beta would lose from the 2010 "
                            "expansion.")


def test_club_growth_compute_by_hand():
    n = club_growth.compute(club_growth.load())
    t = _raw_cities()
    years = sorted(set(t["joined_year"]) - {0})
    assert n.numbers["rounds"] == len(years) - 1 == 6
    assert n.numbers["total_admitted"] == int((t["joined_year"] > years[0]).sum()) == 27
    fields = {name: (Fraction(T), Fraction(R), Fraction(P))
              for name, T, R, P in club_growth.DEFAULT_FIELDS}
    alone = {f: (T - R) / (T - P) for f, (T, R, P) in fields.items()}
    linked = (sum(T - R for T, R, _ in fields.values())
              / sum(T - P for T, _, P in fields.values()))
    assert n.numbers["delta_linked"] == pytest.approx(float(linked))
    assert n.numbers["delta_alone"] == pytest.approx({f: float(v) for f, v in alone.items()})
    assert n.numbers["fields_cooperating_alone"] == [f for f in fields if alone[f] <= 0.55]
    assert n.numbers["fields_cooperating_linked"] == list(fields)
    assert n.numbers["model_hits"] == int(n.rounds["hits"].sum())
    assert n.numbers["model_hits"] <= n.numbers["total_admitted"]


def test_club_growth_narrate_hand_made_numbers():
    rounds = pd.DataFrame({"year": [2003, 2013], "statistics_year": [
        "2010 (after the round; no earlier figures bundled)", "2010 (before the round)"],
        "hits": [1, 2], "admitted": [1, 4], "actual_not_eligible": ["", "Far"]})
    fields = pd.DataFrame({"field": ["easy", "hard"], "delta_alone": [0.25, 0.75]})
    n = club_growth.GrowthNumbers(numbers={
        "rounds": 2, "model_hits": 3, "total_admitted": 5, "hits_if_random": 1.25,
        "discount_tested": 0.5, "delta_linked": 0.6, "fields_cooperating_alone": ["easy"],
        "fields_cooperating_linked": []}, rounds=rounds, fields=fields)
    finding, notes = club_growth.narrate(n)
    assert finding == (
        "Replaying the 2 admission rounds after the founding, with the members of each round "
        "as they were and the entry rule deciding who is eligible, the model that admits the "
        "eligible outsiders most linked to the members picks 3 of the 5 cities that joined "
        "(2003: 1 of 1; 2013: 2 of 4), against 1.2 expected if as many eligible outsiders were "
        "admitted at random. Some entrants did not meet the rule by the figures used: Far "
        "(2013). The figures are the 2010 ones for every round; they precede only the 2013 "
        "rounds, so the earlier replays are anachronistic. Issue linkage: alone, the fields "
        "need discount factors from 0.250 to 0.750; linked, 0.600. At δ = 0.5, easy cooperates "
        "alone; linked, none does (the hard fields pull the pooled threshold above δ).")
    assert len(notes) == 2


def test_club_tables_show_english_names_first(club_numbers):
    for key in ("eligibility", "entrants", "who_gains"):
        table = club_numbers.tables[key]
        assert list(table.columns[:2]) == ["name", "city"], key
    elig = club_numbers.tables["eligibility"].set_index("city")
    assert elig.loc["Shanghai", "name"] == "Shanghai"
    assert elig.loc["Hefei", "province"] == "Anhui"


@given(st.lists(st.tuples(st.integers(0, 10_000), st.booleans(), st.booleans()), min_size=1,
                max_size=12, unique_by=lambda r: r[0]))
def test_linkage_calibration_is_the_best_threshold_by_brute_force(rows):
    """The reported cut misclassifies no more candidates than any threshold tried by hand, and
    the threshold at the top of the reported interval achieves it."""
    from govgames.analyses.club_model import linkage_calibration
    from govgames.games.errors import InputError

    index = [f"c{i}" for i in range(len(rows))]
    table = pd.DataFrame({"linkage.value": [float(r[0]) for r in rows], "member": False,
                          "urbanization.pass": [r[2] for r in rows]}, index=index)
    entrants = [c for c, r in zip(index, rows) if r[1]]
    cand = [(float(r[0]), r[1]) for r in rows if r[2]]
    if not cand:
        with pytest.raises(InputError, match="no candidate passes"):
            linkage_calibration(table, entrants)
        return

    def errors(cut):
        return sum((v < cut) == joined for v, joined in cand)

    best = min(errors(cut) for cut in [v for v, _ in cand] + [float("inf")])
    r = linkage_calibration(table, entrants)
    assert r["errors"] == best
    assert errors(r["best_threshold_high"]) == best
    assert r["candidates"] == len(cand)
    assert sorted(r["missed"] + [c for c in r["admitted"] if c in entrants]) == sorted(
        c for c in entrants if table.loc[c, "urbanization.pass"])
