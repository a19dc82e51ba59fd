"""The Beijing–Tianjin–Hebei abatement case, recomputed independently: the matrix by loops,
the equilibrium and the optimum by brute force over all 2^13 profiles, the campaign's fine by
checking deviations just below and above it, and the critical discount factor by summing the
discounted payoffs."""

from __future__ import annotations

import itertools
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from govgames.analyses import air_pollution as ap
from govgames.analyses.base import load_cases
from govgames.games.errors import InputError


@pytest.fixture(scope="module")
def data():
    return ap.load()


@pytest.fixture(scope="module")
def numbers(data):
    return ap.compute(data)


def _matrix_by_loops(data, g):
    c = data.cities
    names = list(c.index)
    n = len(names)

    def dist(i, j):
        if i == j:
            lat = math.radians(c.iloc[i]["centroid_lat"])
            km2 = c.iloc[i]["area_deg2"] * 111.2 ** 2 * math.cos(lat)
            return math.sqrt(km2 / math.pi)
        la1, lo1 = math.radians(c.iloc[i]["centroid_lat"]), math.radians(c.iloc[i]["centroid_lon"])
        la2, lo2 = math.radians(c.iloc[j]["centroid_lat"]), math.radians(c.iloc[j]["centroid_lon"])
        h = (math.sin((la2 - la1) / 2) ** 2
             + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
        return 2 * 6371.0088 * math.asin(math.sqrt(h))

    k = [[c.iloc[i]["popu_2010"] / dist(i, j) ** g for j in range(n)] for i in range(n)]
    lam = [k[j][j] / sum(k[i][j] for i in range(n)) for j in range(n)]
    lo, hi = min(lam), max(lam)
    T = [[0.0] * n for _ in range(n)]
    for j in range(n):
        t = (lam[j] - lo) / (hi - lo)
        local = 21.49 + (68.74 - 21.49) * t
        within = 13.31 + (54.62 - 13.31) * (1 - t)
        off = sum(k[i][j] for i in range(n) if i != j)
        for i in range(n):
            T[i][j] = local if i == j else within * k[i][j] / off
    return pd.DataFrame(T, index=names, columns=names)


@pytest.mark.parametrize("g", [0.5, 2.0, 4.0])
def test_matrix_by_loops_and_ranges(data, g):
    T = ap.transport_matrix(data, g)
    pd.testing.assert_frame_equal(T, _matrix_by_loops(data, g), rtol=1e-10)
    diag = np.diag(T.to_numpy())
    within = T.sum(axis=0).to_numpy() - diag
    assert diag.min() == pytest.approx(21.49) and diag.max() == pytest.approx(68.74)
    assert within.min() == pytest.approx(13.31) and within.max() == pytest.approx(54.62)
    outside = 100 - T.sum(axis=0).to_numpy()
    assert (outside >= 13.32).all() and (outside <= 45.02).all()


def test_observed_ranges_read_from_the_table(data):
    assert data.local_range == (21.49, 68.74)
    assert data.within_range == (13.31, 54.62)
    assert data.outside_range == (13.32, 45.02)


def test_nash_and_optimum_by_brute_force(data, numbers):
    T = numbers.matrix.to_numpy() / 100
    pop = data.cities["popu_2010"].to_numpy(float) / 1e6
    kappa = numbers.cost_ratio
    names = list(numbers.matrix.index)
    n = len(names)
    profiles = np.array(list(itertools.product([1, 0], repeat=n)), dtype=float)  # 1 = abate
    U = (profiles @ T) * pop - kappa * profiles * pop  # U[p, j]
    welfare = U.sum(axis=1)
    best = profiles[int(np.argmax(welfare))]
    assert [x for x, a in zip(names, best) if a] == numbers.optimum_abaters
    assert welfare.max() == pytest.approx(numbers.welfare_optimum)
    # Nash: no city gains by switching alone (flip bit j of the profile)
    index = {tuple(p): r for r, p in enumerate(profiles)}
    nash = []
    for r, p in enumerate(profiles):
        ok = True
        for j in range(n):
            q = p.copy()
            q[j] = 1 - q[j]
            if U[index[tuple(q)], j] > U[r, j] + 1e-12:
                ok = False
                break
        if ok:
            nash.append(p)
    assert len(nash) == 1
    assert [x for x, a in zip(names, nash[0]) if a] == numbers.nash_abaters
    assert numbers.extras["nash_by_library"] == numbers.nash_abaters
    assert set(numbers.free_riders) == set(numbers.optimum_abaters) - set(numbers.nash_abaters)


def test_campaign_fine_is_minimal(data, numbers):
    T = numbers.matrix.to_numpy() / 100
    kappa = numbers.cost_ratio
    target = [x in numbers.optimum_abaters for x in numbers.matrix.index]

    def target_is_equilibrium(f):
        # a fined city that pollutes loses f per person; abating gains its local share
        return all((not t) or T[j, j] - kappa >= -f - 1e-12 for j, t in enumerate(target)) and \
            all(t or T[j, j] - kappa <= 1e-12 for j, t in enumerate(target))

    f = numbers.campaign_fine
    assert target_is_equilibrium(f)
    assert not target_is_equilibrium(f - 1e-6)
    # the binding city has the lowest local share among the optimum's cities
    low = min(numbers.optimum_abaters, key=lambda c: numbers.matrix.loc[c, c])
    assert numbers.campaign_binding == [low]


def test_voluntary_delta_by_discounted_sums(numbers):
    T = numbers.matrix.to_numpy() / 100
    kappa = numbers.cost_ratio
    names = list(numbers.matrix.index)
    members = [names.index(c) for c in numbers.voluntary_members]
    assert set(numbers.voluntary_members) <= set(numbers.optimum_abaters)
    j = names.index(numbers.hardest_city)

    nash = [names.index(c) for c in numbers.nash_abaters]

    def gain_from_deviating(delta, horizon=4000):
        inflow_all = sum(T[i, j] for i in members)
        coop = sum(delta ** t * (inflow_all - kappa) for t in range(horizon))
        # others still abate in the first period, then play the stage equilibrium for ever
        after = sum(T[i, j] for i in nash if i != j)
        dev = (inflow_all - T[j, j]) + sum(delta ** t * after for t in range(1, horizon))
        return dev - coop

    d = numbers.voluntary_delta
    assert gain_from_deviating(d + 0.01) < 0 < gain_from_deviating(d - 0.01)


def test_sensitivity_covers_the_grid(numbers):
    s = numbers.sensitivity
    assert s["decay"].tolist() == list(ap.DECAY_GRID)
    row = s[s["decay"] == numbers.decay].iloc[0]
    assert row["campaign_fine"] == pytest.approx(numbers.campaign_fine)
    assert row["voluntary_delta"] == pytest.approx(numbers.voluntary_delta)
    assert row["n_free_riders"] == len(numbers.free_riders)


def test_narrate_hand_made():
    s = pd.DataFrame({"decay": [1.0, 2.0], "admissible": [True, True], "n_free_riders": [2, 1],
                      "voluntary_delta": [0.4, 0.5], "campaign_fine": [0.2, 0.1],
                      "voluntary_members": [2, 2],
                      "outside_min": [18.0, 18.0], "outside_max": [24.0, 24.0]})
    n = ap.AirNumbers(pd.DataFrame(), pd.DataFrame(), s, 2.0, 0.45, True, ["A"], ["A", "B"],
                      ["B"], 1.0, 1.5, 0.1, ["B"], 0.5, "B", ["A", "B"])
    finding, notes = ap.narrate(n)
    assert ("The preempted campaign reaches the optimum with an expected fine of 0.100 per "
            "person on non-abating cities, set by B. Voluntary collaboration (grim trigger) "
            "holds 2 of the optimum's 2 cities and needs a discount factor of at least 0.500, "
            "set by B.") in finding
    assert "the free riders number 1–2, voluntary collaboration holds 2 cities" in finding
    assert any("18.00 to 24.00%" in x for x in notes)


def test_case_registered_and_bad_input(tmp_path):
    r = load_cases()["air_pollution"].run()
    assert set(r.numbers) <= set(r.describe) and set(r.figures) <= set(r.captions)
    assert r.describe["local_share_range"].status == "observed"
    assert r.describe["campaign_fine"].status == "assumed"
    with pytest.raises(InputError, match="cost_ratio"):
        ap.run(cost_ratio=1.5)
    with pytest.raises(InputError, match="decay"):
        ap.run(decay=-1)
    bad = tmp_path / "c.csv"
    bad.write_text("name_en,popu_2010,centroid_lon,centroid_lat\nA,1,2,3\n")
    with pytest.raises(InputError, match="area_deg2"):
        ap.run(data=str(bad))
    plt.close("all")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=30)
@given(st.lists(st.tuples(st.floats(1e4, 2e7), st.floats(113, 120), st.floats(36, 42),
                          st.floats(0.3, 4.0)), min_size=3, max_size=8,
                unique_by=lambda c: (round(c[1], 2), round(c[2], 2))),
       st.floats(0.5, 4.0))
def test_matrix_properties_on_random_cities(rows, g):
    cities = pd.DataFrame(rows, columns=["popu_2010", "centroid_lon", "centroid_lat",
                                         "area_deg2"],
                          index=[f"c{i}" for i in range(len(rows))])
    data = ap.AirData(cities, (21.49, 68.74), (13.31, 54.62), (13.32, 45.02))
    try:
        T = ap.transport_matrix(data, g).to_numpy()
    except InputError:  # every city with the same local fraction: nothing to span
        return
    diag = np.diag(T)
    within = T.sum(axis=0) - diag
    assert (T >= 0).all()
    assert diag.min() == pytest.approx(21.49) and diag.max() == pytest.approx(68.74)
    assert within.min() == pytest.approx(13.31) and within.max() == pytest.approx(54.62)
    # local and within-region shares move in opposite directions, so the outside share stays
    # between 100 - 68.74 - 13.31 and 100 - 21.49 - 54.62
    outside = 100 - T.sum(axis=0)
    assert (outside >= 17.95 - 1e-9).all() and (outside <= 23.89 + 1e-9).all()


def test_published_local_shares_per_city_by_hand(data):
    """The per-city comparison reads the non-13-city rows; checked against the CSV by hand."""
    T = ap.transport_matrix(data)
    t = ap.published_local_shares(T).set_index("city")
    assert sorted(t.index) == sorted(["Beijing", "Tianjin", "Shijiazhuang", "Handan",
                                      "Xingtai", "Hengshui", "Cangzhou"])
    assert (t.loc["Tianjin", "published_low_pct"], t.loc["Tianjin", "published_high_pct"]) \
        == (66.0, 78.0)
    assert (t.loc["Xingtai", "published_low_pct"], t.loc["Xingtai", "published_high_pct"]) \
        == (51.11, 62.99)
    for city, row in t.iterrows():
        assert row["assumed_local_pct"] == pytest.approx(T.loc[city, city], abs=0.005)
        assert row["inside"] == (row["published_low_pct"] <= T.loc[city, city]
                                 <= row["published_high_pct"])
    assert not t.loc["Tianjin", "inside"] and t.loc["Beijing", "inside"]


def test_run_labels_ranges_and_no_free_rider_sentence():
    r = ap.run()
    assert "within the 2015 13-city ranges (Wang Yanli et al. 2017)" in r.finding
    assert "published ranges)" not in r.finding
    assert "per-city published local shares of other years" in r.finding
    assert "Tianjin 51.9% against 66–78%" in r.finding
    assert r.numbers["local_share_agreement"] == "2 of 7"
    free = ap.run(cost_ratio=0.1).finding
    assert "No city free-rides" in free and "Welfare is 71.02 either way" in free
    for bad in ("would defect at any discount factor", "set by none", "critical δ of none"):
        assert bad not in free
