"""Long but valid CSVs given to the cases (``data=``) are refused early with the estimated cost,
or run in seconds (issue 18: a 150,000-row schedule CSV hung)."""

import time

import pytest

from govgames.analyses import air_pollution, river
from govgames.games.budget import BudgetError, budget
from govgames.games.errors import InputError


def _schedule(path, rows):
    with open(path, "w") as f:
        f.write("year,central_grant,bet\n")
        f.writelines(f"{1000 + i},{i % 4},{1 + i % 3}\n" for i in range(rows))
    return path


def test_river_150000_row_schedule_is_refused_in_seconds(tmp_path, capsys):
    from govgames.analyses.cli import main

    path = _schedule(tmp_path / "long.csv", 150_000)
    start = time.process_time()
    code = main(["analyses", "run", "river", "--param", f"data={path}"])
    spent = time.process_time() - start
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "150,000 years" in err and "about 30000 s" in err
    assert "time budget" in err and "GOVGAMES_MAX_SECONDS" in err
    assert spent < 10


def test_river_schedule_estimate_uses_the_time_budget(monkeypatch):
    # the bundled schedule (6 years) is refused under a budget of 5 years' work
    with budget(max_seconds=5 * river.SECONDS_PER_YEAR):
        with pytest.raises(BudgetError, match=r"6 years would take about 1\.2 s of CPU time, over the time budget of 1 s"):
            river.load()
    with budget(max_seconds=6 * river.SECONDS_PER_YEAR):
        assert len(river.load().schedule) == 6
    # a smaller per-year cost moves the limit
    monkeypatch.setattr(river, "SECONDS_PER_YEAR", 0.001)
    with budget(max_seconds=5 * 0.001):
        with pytest.raises(BudgetError, match="6 years"):
            river.load()


def test_river_schedule_within_budget_runs(tmp_path):
    path = _schedule(tmp_path / "short.csv", 3)
    n = river.compute(river.load(data=path), with_map=False)
    assert n.years["year"].nunique() == 3


def _cities(path, rows):
    with open(path, "w") as f:
        f.write("name_en,popu_2010,centroid_lon,centroid_lat,area_deg2\n")
        f.writelines(f"c{i},{1000 + i},{110 + i % 100 / 10},{35 + i // 100 % 100 / 10},1\n"
                     for i in range(rows))
    return path


def test_air_pollution_city_table_over_the_limit_is_refused_before_the_matrix(tmp_path):
    start = time.process_time()
    with pytest.raises(InputError, match=r"150,000 cities, at most 16"):
        air_pollution.load(data=_cities(tmp_path / "big.csv", 150_000))
    assert time.process_time() - start < 10
    with pytest.raises(InputError, match=r"17 cities, at most 16"):
        air_pollution.load(data=_cities(tmp_path / "c17.csv", air_pollution.MAX_CITIES + 1))
    assert len(air_pollution.load(data=_cities(tmp_path / "c16.csv", 16)).cities) == 16
