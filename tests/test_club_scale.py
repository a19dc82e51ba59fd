"""The club case on large city tables (issue: 4,000 valid cities hung): refused at once, with the
estimate and a hint, when the network or the sweeps do not fit; smaller tables run."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from govgames.analyses import club
from govgames.games.budget import BudgetError, budget
from hypothesis import given, settings
from hypothesis import strategies as st


def _cities(path, n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    pop = rng.uniform(50, 2000, n)
    gdp = pop * rng.uniform(1, 8, n)
    joined = np.zeros(n, dtype=int)
    joined[:14], joined[14:16], joined[16:22] = 1992, 2003, 2010
    pd.DataFrame({"city": [f"C{i}" for i in range(n)], "population_10k": pop.round(2),
                  "gdp_100m_yuan": gdp.round(2), "gdp_per_capita_yuan": (gdp / pop * 1e4).round(),
                  "urbanization": rng.uniform(0.2, 0.9, n).round(3),
                  "lon": rng.uniform(100, 122, n).round(4), "lat": rng.uniform(22, 40, n).round(4),
                  "joined_year": joined}).to_csv(path, index=False)
    return str(path)


def test_4000_valid_cities_are_refused_at_once(tmp_path):
    path = _cities(tmp_path / "c4000.csv", 4000)
    t = time.process_time()
    with pytest.raises(BudgetError, match=r"over 4,000 cities needs about 3.84e\+11 steps") as e:
        club.run(data=path, reference="C0", sweep_points=2)
    assert "cities**3" in str(e.value) and "\n" not in str(e.value)
    with budget(max_work=float("inf")):
        with pytest.raises(BudgetError, match=r"linkage network of 4,000 cities .* GiB"):
            club.run(data=path, reference="C0", sweep_points=2)
    assert time.process_time() - t < 10  # refused before the network is built


def test_estimate_grows_as_the_cube_and_small_tables_run(tmp_path):
    path = _cities(tmp_path / "c50.csv", 50)
    r = club.run(data=path, reference="C0", sweep_points=2)
    assert r.numbers["cities"] == 50
    # the budget that just admits 50 cities refuses 51
    with budget(max_work=3 * 2 * 50 ** 3):
        club.compute(club.load(data=path), reference="C0", sweep_points=2)
        with pytest.raises(BudgetError, match="over 51 cities"):
            club.compute(club.load(data=_cities(tmp_path / "c51.csv", 51)), reference="C0",
                         sweep_points=2)


# the faster rule evaluation (exact weights remembered, summed over one denominator, constant
# thresholds computed once) gives exactly the sums and verdicts of plain Fraction arithmetic
@settings(max_examples=60)
@given(st.lists(st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False),
                          st.fractions(0, 1000, max_denominator=97)), min_size=3, max_size=9),
       st.integers(1, 8), st.fractions(0, 10, max_denominator=7))
def test_linkage_and_verdicts_are_exact(weights, n_members, ratio):
    import networkx as nx
    from fractions import Fraction
    from govgames.games.numbers import exact_rational
    from govgames.networks import EntryRule

    names = [f"C{k}" for k in range(1, len(weights) + 1)]
    G = nx.Graph()
    G.add_node("H", g=1)
    for k, (c, w) in enumerate(zip(names, weights), start=1):
        G.add_node(c, g=k)
        G.add_edge("H", c, weight=w)
    members = names[:n_members]
    rule = EntryRule.from_json({"rule": {"all_of": [
        {"condition": 'linkage >= r * g["C1"]', "name": "link"}]},
        "parameters": {"r": str(ratio)}})
    ev = rule.evaluate(G, members=members, graph=G, candidates=["H"])
    exact = sum((exact_rational(weights[k]) for k in range(len(members))), Fraction(0))
    assert ev.loc["H", "link.value"] == float(exact)
    assert bool(ev.loc["H", "eligible"]) == (exact >= ratio)
