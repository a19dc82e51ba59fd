"""The club case on large city tables (issue: 4,000 valid cities hung): refused at once, with the
estimate and a hint, when the network or the sweeps do not fit; smaller tables run."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from govgames.analyses import club
from govgames.games.budget import BudgetError, budget


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
