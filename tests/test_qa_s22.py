"""Defects found by the fresh-user QA of round 22 (river CSV bounds and wording, the
intervention's cheapest mix with huge or tiny inputs, voting-index messages, sweep workers)."""

import time

import pytest
import sympy as sp

from govgames.analyses import river
from govgames.analyses.cli import main
from govgames.analyses.intervention import _sign, cheapest_mix
from govgames.games.errors import InputError
import govgames.networks as nw

_BASE = dict(benefit=1, cost=2.5, spill=1, formal_cost=0.5)


# --------------------------------------------------------------------------- river CSV
@pytest.mark.parametrize("value", ["1e308", "-1e300", "1e-400"])
def test_river_schedule_refuses_numbers_outside_the_file_bounds(tmp_path, value):
    """A cell of 1e308 was read, then the figure's axis limit overflowed to inf: a traceback
    with exit status 1."""
    p = tmp_path / "s.csv"
    p.write_text(f"year,central_grant,bet\n2012,{value},1\n")
    with pytest.raises(InputError, match=r"s\.csv: line 2 \(data row 1\), column "
                                         r"'central_grant': .*(too large|too small)"):
        river.read_schedule(p)


def test_river_cli_huge_cell_exits_2_with_one_line(tmp_path, capsys):
    p = tmp_path / "huge.csv"
    p.write_text("year,central_grant,bet\n2012,1e308,1e308\n")
    assert main(["analyses", "run", "river", "--param", f"data={p}"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "huge.csv" in err and "central_grant" in err


def test_river_finding_outside_the_identified_set_either_way(tmp_path):
    """It read "lies outside it unless the grant was earmarked, and outside it even then"."""
    p = tmp_path / "zero.csv"
    p.write_text("year,central_grant,bet\n2012,0,0\n")
    text = river.run(data=str(p)).finding
    assert "even then" not in text
    assert "lies outside it, whether or not the grant was earmarked." in text


# --------------------------------------------------------------------------- cheapest_mix
@pytest.mark.parametrize("mode", ["mandated", "preempted"])
@pytest.mark.parametrize("kw", [dict(cost=1e100), dict(cost=1e200),
                                dict(benefit=1e200, cost=2e200), dict(audit_cost=1e-300)])
def test_cheapest_mix_huge_or_tiny_inputs_answer_quickly(mode, kw):
    """cost=1e100 hung in sympy's isolation of a root near 1e100 (outside [0, max_fine]);
    cost=1e200 raised TypeError ("cannot determine truth value of Relational")."""
    t = time.process_time()
    try:
        m = cheapest_mix(mode, **{**_BASE, **kw})
    except InputError as exc:
        assert "no audit" in str(exc)
    else:
        lv = m.levels
        assert 0 <= lv["audit q"] <= 1 and 0 <= lv["fine f"] <= 10 and lv["subsidy g"] >= 0
    assert time.process_time() - t < 30


def test_cheapest_mix_never_returns_a_negative_subsidy():
    """An absolute tolerance of 1e-25 accepted the vertex with subsidy -1e-30/2 as feasible."""
    m = cheapest_mix("preempted", **_BASE, audit_cost=1e-30)
    assert m.levels["subsidy g"] >= 0
    q, f, g = m.levels["audit q"], m.levels["fine f"], m.levels["subsidy g"]
    assert g == 0 and q * f == sp.Rational(3, 2) and q <= 1      # g + q f >= c - b, tight
    assert m.cost == sp.Rational(1, 10**30) * q + f / 20
    assert m.cost <= sp.Rational(3, 40) + sp.Rational(1, 10**30)  # no dearer than q = 1


def test_sign_is_exact():
    assert _sign(sp.Rational(-1, 10**40)) == -1
    assert _sign(sp.sqrt(2) - sp.Rational(140, 99)) == 1
    assert _sign(2 * sp.sqrt(5) * sp.sqrt(5) / 10 - 1) == 0
    assert _sign(sp.sqrt(10**200 + 1) - 10**100) == 1


# --------------------------------------------------------------------------- voting
def test_voting_refusal_of_a_huge_table_is_one_short_line():
    # few players: enumerated, whatever the weights (s22-fix); many: one short refusal
    assert list(nw.shapley_shubik_index([1e299, 1e299, 1], 1e299).values()) == [0.5, 0.5, 0]
    with pytest.raises(InputError) as exc:
        nw.shapley_shubik_index([1e290 + k * 1e280 for k in range(60)], 1e290 * 30,
                                method="dp")
    msg = str(exc.value)
    assert "about 10**" in msg and len(msg) < 300
    with pytest.raises(InputError) as exc:
        nw.shapley_shubik_index([1e290 + k * 1e280 for k in range(60)], 1e290 * 30)
    msg = str(exc.value)
    assert "2**60 coalitions" in msg and len(msg) < 300


# --------------------------------------------------------------------------- analyses list
def test_analyses_list_prints_a_shared_description_once(capsys):
    """river repeated one sentence on three parameters, intervention on four."""
    assert main(["analyses", "list"]) == 0
    out = capsys.readouterr().out
    blocks = {b.split(":", 1)[0]: b for b in out.split("\n\n")}
    for case in ("river", "intervention"):
        lines = [ln for ln in blocks[case].splitlines()[1:] if ln.startswith("  ")]
        texts = [ln.split(": ", 1)[1] for ln in lines]
        shared = [t for t in texts if not t.startswith("(see ")]
        assert len(shared) == len(set(shared)), case
        assert any(t.startswith("(see ") for t in texts), case
    river = blocks["river"]
    assert river.count("Upstream's yearly abatement cost") == 1
    assert "upstream_benefit=0.5" in river and "(see abatement_cost)" in river


# --------------------------------------------------------------------------- sweep
def test_sweep_refuses_more_workers_than_memory_before_starting_any(capsys):
    """--workers 100000 started a LocalCluster of 100000 processes: a hang."""
    t = time.monotonic()
    argv = ["analyses", "sweep", "river", "--grid", "abatement_cost=1:2:1000",
            "--workers", "100000"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--workers 100000" in err
    assert time.monotonic() - t < 30


def test_sweep_workers_capped_at_the_number_of_points(monkeypatch):
    from govgames.analyses.commands import sweep as cmd

    seen = {}

    class FakeCluster:
        def __init__(self, n_workers, **kw):
            seen["n"] = n_workers
            raise SystemExit(0)

    dask_distributed = pytest.importorskip("dask.distributed")   # the `parallel` extra
    monkeypatch.setattr(dask_distributed, "LocalCluster", FakeCluster)
    with pytest.raises(SystemExit):
        cmd._executor(type("A", (), {"workers": 100000, "scheduler": None})(), 3)
    assert seen["n"] == 3


def test_sweep_out_in_a_missing_folder_refused_before_the_work(tmp_path, capsys, monkeypatch):
    from govgames.games import sweep as sweep_mod

    monkeypatch.setattr(sweep_mod, "sweep", lambda *a, **k: pytest.fail("the sweep ran"))
    out = tmp_path / "no" / "such" / "x.csv"
    assert main(["analyses", "sweep", "river", "--grid", "abatement_cost=1,2",
                 "--out", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err


# --------------------------------------------------------------------------- club names
def test_user_city_table_refuses_two_cities_with_one_english_name(tmp_path):
    """Two user cities named 'Taizhou' in name_en ran, and the report listed 'Taizhou, Taizhou'."""
    from govgames.analyses.club_data import load_yrd_cities

    p = tmp_path / "c.csv"
    p.write_text("city,population_10k,gdp_100m_yuan,gdp_per_capita_yuan,urbanization,lon,lat,"
                 "joined_year,name_en\n"
                 "泰州市,460,2048,44000,0.55,119.9,32.5,1997,Taizhou\n"
                 "台州市,597,2420,40500,0.55,121.4,28.6,2003,Taizhou\n"
                 "上海市,2301,16872,73297,0.89,121.48,31.21,1992,Shanghai\n")
    with pytest.raises(InputError, match=r"c\.csv: line 3 \(data row 2\), column 'name_en': "
                                         r"cities '泰州市' \(data row 1\) and '台州市'"):
        load_yrd_cities(p)
    p.write_text(p.read_text().replace("1997,Taizhou", "1997,Taizhou (Jiangsu)"))
    assert load_yrd_cities(p).loc["泰州市", "name_en"] == "Taizhou (Jiangsu)"


# --------------------------------------------------------------------------- sweep types
def test_a_failed_sweep_point_keeps_bool_and_int_columns_nullable(tmp_path, capsys):
    """A failed point turned the river's bool column abatement_efficient into 1.0/NaN."""
    import pandas as pd

    from govgames.games.sweep import sweep

    def f(x):
        if x == 0:
            raise ValueError("no")
        return {"ok": x > 1, "n": x * 10, "r": x / 2, "name": f"p{x}"}

    df = sweep(f, {"x": [1, 0, 2]})
    assert str(df["ok"].dtype) == "boolean" and str(df["n"].dtype) == "Int64"
    assert df["ok"].iloc[0] is not pd.NA and not df["ok"].iloc[0]
    assert df["ok"].isna().tolist() == [False, True, False]
    assert df["n"].tolist()[::2] == [10, 20] and df["r"].dtype == float
    full = sweep(f, {"x": [1, 2]})               # nothing missing: plain numpy dtypes
    assert full["ok"].dtype == bool and full["n"].dtype == "int64"
    import importlib.util
    suffixes = ["parquet"] if importlib.util.find_spec("pyarrow") else []   # `parallel` extra
    if int(pd.__version__.split(".")[0]) >= 2:          # read_csv's dtype_backend: pandas 2.0
        suffixes.append("csv")
    for suffix in suffixes:
        out = tmp_path / f"river.{suffix}"
        assert main(["analyses", "sweep", "river", "--grid", "q_abate=0.5,2",
                     "--out", str(out)]) == 0
        back = (pd.read_parquet(out) if suffix == "parquet"
                else pd.read_csv(out, dtype_backend="numpy_nullable"))
        assert str(back["abatement_efficient"].dtype) == "boolean"
        assert back["abatement_efficient"][0] == True  # noqa: E712 - a pandas boolean
        assert back["abatement_efficient"].isna().tolist() == [False, True]
    capsys.readouterr()
