"""The case-study framework: registry, checked CSV input, the report and the commands."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

from govgames.analyses import base
from govgames.analyses.base import (CASES, CaseResult, InputError, jsonable, load_cases,
                                    read_csv_checked, register)
from govgames.analyses.cli import main
from govgames.analyses.report import build_report, failed_cases, report_summary


# ----------------------------------------------------------------------------- a tiny test case
@pytest.fixture
def tiny_case():
    """A case registered only for the test (removed afterwards)."""

    @register("_tiny", "A tiny test case")
    def run(*, b=4.0, c=3.0, n=2, loud=False, ns=(2, 3), data=None):
        if data is not None:
            df = read_csv_checked(data, {"city": str, "cost": float}, what="tiny table")
            c = float(df["cost"].mean())
        fig = Figure(figsize=(2, 2))
        fig.add_subplot().plot([0, 1], [c, b])
        fig2 = Figure(figsize=(2, 2))
        fig2.add_subplot().bar(["b", "c"], [b, c])
        return CaseResult("_tiny", "A tiny test case",
                          f"cooperation {'pays' if n * b > c else 'does not pay'}",
                          tables={"t": pd.DataFrame({"n": list(ns), "gain": [k * b - c for k in ns]})},
                          figures={"line": fig, "bars": fig2},
                          numbers={"gain": n * b - c, "loud": loud},
                          sources=["test"], notes=["illustrative numbers"], illustrative=True)

    yield run
    del CASES["_tiny"]


@pytest.fixture
def broken_case():
    @register("_broken", "A case that fails")
    def run(*, x=1):
        raise RuntimeError("boom")

    yield run
    del CASES["_broken"]


def test_register_and_result(tiny_case):
    spec = CASES["_tiny"]
    assert spec.title == "A tiny test case" and spec.func is tiny_case
    assert spec.parameters() == {"b": 4.0, "c": 3.0, "n": 2, "loud": False, "ns": (2, 3),
                                 "data": None}
    r = spec.run(b=1.0)
    d = r.to_dict()
    json.dumps(d)  # JSON-able
    assert d["numbers"]["gain"] == pytest.approx(-1.0)
    assert d["tables"]["t"] == [{"n": 2, "gain": -1.0}, {"n": 3, "gain": 0.0}]
    assert d["figures"] == ["line", "bars"] and d["illustrative"] is True
    html = r._repr_html_()
    assert html.count("data:image/png;base64,") == 2 and "A tiny test case" in html
    with pytest.raises(InputError, match="no parameter 'q'"):
        spec.run(q=1)


def test_load_cases_keeps_registered_and_imports_modules(tiny_case):
    cases = load_cases()
    assert "_tiny" in cases
    for name, spec in cases.items():
        mod = spec.module.rsplit(".", 1)[-1]
        if not name.startswith("_"):
            assert mod in base.CASE_MODULES


# ----------------------------------------------------------------------------- read_csv_checked
def _write(tmp_path, text, name="t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_csv_checked_good(tmp_path):
    p = _write(tmp_path, "city,cost,n,ok,extra\nA, 1.5,2,yes,x\nB,2,3,false,y\n")
    df = read_csv_checked(p, {"city": str, "cost": float, "n": int, "ok": bool}, what="t")
    assert df["cost"].tolist() == [1.5, 2.0] and df["n"].tolist() == [2, 3]
    assert df["ok"].tolist() == [True, False] and df["extra"].tolist() == ["x", "y"]


@pytest.mark.parametrize("text, pattern", [
    ("city,cost\nA,1\nB,cheap\n", r"t\.csv: line 3 \(data row 2\), column 'cost': 'cheap' is not a number"),
    ("city,cost\nA,1\nB,\n", r"t\.csv: line 3 \(data row 2\), column 'cost': empty value"),
    ("city,n\nA,1.5\n", r"line 2 \(data row 1\), column 'n': .*not an integer"),
    ("city\nA\n", r"t\.csv: missing column 'cost'"),
    ("city,cost\n", r"no data rows"),
    ("", r"the file is empty"),
    ("city,cost\nA,inf\n", r"line 2 \(data row 1\), column 'cost': .*not a finite number"),
])
def test_read_csv_checked_bad(tmp_path, text, pattern):
    p = _write(tmp_path, text)
    req = {"city": str, "n": int} if "n" in text.split("\n")[0].split(",") else {"city": str, "cost": float}
    with pytest.raises(InputError, match=pattern):
        read_csv_checked(p, req, what="tiny table")


def test_read_csv_checked_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_csv_checked(tmp_path / "nope.csv", {"a": str}, what="t")


# ----------------------------------------------------------------------------- report
def test_build_report_every_case_and_figure(tmp_path, tiny_case):
    seen = []
    path = build_report(tmp_path / "rep", cases=["_tiny"],
                        progress=lambda i, n, name: seen.append((i, n, name)))
    assert seen == [(0, 1, "_tiny"), (1, 1, None)]
    text = path.read_text(encoding="utf-8")
    section = re.search(r'<section class="case" id="case-_tiny">(.*?)</section>', text, re.S)
    assert section, "case section missing"
    assert section.group(1).count('<img alt=') == 2
    assert 'data-name="line"' in section.group(1) and 'data-name="bars"' in section.group(1)
    assert "cooperation pays" in text and "illustrative" in text.lower()
    assert report_summary(path)["cases"][0]["figures"] == ["line", "bars"]


def test_build_report_refuses_overwrite(tmp_path, tiny_case):
    build_report(tmp_path, cases=["_tiny"])
    with pytest.raises(InputError, match="exists already"):
        build_report(tmp_path, cases=["_tiny"])
    build_report(tmp_path, cases=["_tiny"], force=True)
    with pytest.raises(InputError, match="unknown case study '_nope'"):
        build_report(tmp_path, cases=["_nope"], force=True)


def test_failing_case_is_reported_not_fatal(tmp_path, tiny_case, broken_case):
    path = build_report(tmp_path, cases=["_tiny", "_broken"])
    assert failed_cases(path) == ["_broken"]
    assert "boom" in path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def full_report(tmp_path_factory):
    """The real command on every registered case, run once for the module."""
    out = tmp_path_factory.mktemp("report")
    code = main(["report", "--out", str(out)])
    return code, out / "index.html"


def test_report_command_every_registered_case(full_report, capsys):
    code, path = full_report
    assert code == 0, failed_cases(path)
    text = path.read_text(encoding="utf-8")
    summary = {c["name"]: c for c in report_summary(path)["cases"]}
    real = [n for n, s in load_cases().items() if not n.startswith("_")]
    assert real and set(real) <= set(summary)
    for name in real:
        spec = CASES[name]
        m = re.search(rf'<section class="case" id="case-{re.escape(name)}">(.*?)</section>', text,
                      re.S)
        assert m, f"case {name} missing from the report"
        sec = m.group(1)
        assert f"<h2>{spec.title}</h2>" in sec.replace("&#x27;", "'")
        assert '<p class="finding">' in sec and '<p class="error">' not in sec
        figs = summary[name]["figures"]
        assert figs, f"case {name} has no figure"
        for fig in figs:
            assert f'data-name="{fig}"' in sec, f"figure {fig} of {name} missing"
        assert sec.count("data:image/png;base64,") == len(figs)
        for table in summary[name]["tables"]:
            assert '<h4 class="table-title">' in sec
    # the figures are real PNGs
    import base64

    first = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", text).group(1)
    assert base64.b64decode(first)[:4] == b"\x89PNG"


def test_report_command_refuses_then_force(full_report, capsys):
    _, path = full_report
    capsys.readouterr()
    assert main(["report", "--out", str(path.parent)]) == 2
    err = capsys.readouterr().err
    assert "exists already" in err and err.count("\n") == 1


def test_report_command_force(tmp_path, tiny_case, capsys, monkeypatch):
    # only the tiny case, to keep it fast
    import govgames.analyses.report as rep

    monkeypatch.setattr(rep, "load_cases", lambda: {"_tiny": CASES["_tiny"]})
    assert main(["report", "--out", str(tmp_path)]) == 0
    assert main(["report", "--out", str(tmp_path), "--force"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == str(tmp_path / "index.html")


def test_report_default_out_dir(tmp_path, tiny_case, monkeypatch, capsys):
    import govgames.analyses.report as rep

    monkeypatch.setattr(rep, "load_cases", lambda: {"_tiny": CASES["_tiny"]})
    monkeypatch.chdir(tmp_path)
    assert main(["report"]) == 0
    assert (tmp_path / "govgames-report" / "index.html").is_file()
    assert main(["report"]) == 2


def test_report_command_exit_1_on_failing_case(tmp_path, broken_case, monkeypatch, capsys):
    import govgames.analyses.report as rep

    monkeypatch.setattr(rep, "load_cases", lambda: {"_broken": CASES["_broken"]})
    assert main(["report", "--out", str(tmp_path)]) == 1
    assert "_broken" in capsys.readouterr().err


# ----------------------------------------------------------------------------- analyses list/run
def test_analyses_list(tiny_case, capsys):
    assert main(["analyses", "list"]) == 0
    out = capsys.readouterr().out
    assert "_tiny" in out and "A tiny test case" in out and "b=4.0" in out
    assert main(["analyses", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    tiny = [c for c in data["cases"] if c["name"] == "_tiny"][0]
    assert tiny["parameters"]["n"] == 2 and tiny["parameters"]["ns"] == [2, 3]


def test_analyses_run_params_and_json(tiny_case, capsys):
    assert main(["analyses", "run", "_tiny", "--param", "b=1", "--param", "n=5",
                 "--param", "loud=yes", "--param", "ns=1,4", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["numbers"] == {"gain": 2.0, "loud": True}
    assert [r["n"] for r in d["tables"]["t"]] == [1, 4]
    assert main(["analyses", "run", "_tiny"]) == 0
    out = capsys.readouterr().out
    assert "cooperation pays" in out and "Gain: 5" in out


def test_analyses_run_saves_figures(tiny_case, tmp_path, capsys):
    assert main(["analyses", "run", "_tiny", "--figures", str(tmp_path), "--json"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_tiny_bars.png", "_tiny_line.png"]


@pytest.mark.parametrize("argv, pattern", [
    (["analyses", "run", "_nope"], "unknown case study '_nope'"),
    (["analyses", "run", "_tiny", "--param", "q=1"], "has no parameter 'q'"),
    (["analyses", "run", "_tiny", "--param", "n=two"], "parameter 'n': 'two' is not an integer"),
    (["analyses", "run", "_tiny", "--param", "b"], "expected KEY=VALUE"),
    (["analyses", "run", "_tiny", "--param", "loud=maybe"], "not true/false"),
])
def test_analyses_run_bad_input(tiny_case, capsys, argv, pattern):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert re.search(pattern, err) and err.count("\n") == 1


def test_analyses_run_bad_csv(tiny_case, tmp_path, capsys):
    p = _write(tmp_path, "city,cost\nA,1\nB,2\nC,three\n", name="costs.csv")
    assert main(["analyses", "run", "_tiny", "--param", f"data={p}"]) == 2
    err = capsys.readouterr().err
    assert "costs.csv" in err and "column 'cost'" in err and "line 4 (data row 3)" in err
    assert err.count("\n") == 1
    p2 = _write(tmp_path, "town,cost\nA,1\n", name="c2.csv")
    assert main(["analyses", "run", "_tiny", "--param", f"data={p2}"]) == 2
    assert "missing column 'city'" in capsys.readouterr().err
    ok = _write(tmp_path, "city,cost\nA,1\nB,2\n", name="ok.csv")
    assert main(["analyses", "run", "_tiny", "--param", f"data={ok}", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["numbers"]["gain"] == pytest.approx(6.5)


def test_report_progress_bar_only_on_terminal(tmp_path, tiny_case, monkeypatch, capsys):
    import io
    import sys

    import govgames.analyses.report as rep
    from govgames.analyses.commands import report as cmd

    monkeypatch.setattr(rep, "load_cases", lambda: {"_tiny": CASES["_tiny"]})
    # not a terminal: no progress callback, nothing on stderr
    assert cmd._progress_bar() == (None, None)
    assert main(["report", "--out", str(tmp_path / "a")]) == 0
    assert capsys.readouterr().err == ""

    class TTY(io.StringIO):
        def isatty(self):
            return True

    fake = TTY()
    monkeypatch.setattr(sys, "stderr", fake)
    assert main(["report", "--out", str(tmp_path / "b")]) == 0
    assert "case studies" in fake.getvalue() and "1/1" in fake.getvalue()


def test_read_csv_checked_bom_and_encoding(tmp_path):
    p = tmp_path / "bom.csv"
    p.write_bytes("city,cost\nA,1\n".encode("utf-8-sig"))
    assert read_csv_checked(p, {"city": str, "cost": float}, what="t")["cost"].tolist() == [1.0]
    q = tmp_path / "gbk.csv"
    q.write_bytes("city,cost\n上海,1\n".encode("gbk"))
    with pytest.raises(InputError, match="gbk.csv: not UTF-8"):
        read_csv_checked(q, {"city": str, "cost": float}, what="t")
    r = tmp_path / "ragged.csv"
    r.write_text('city,cost\nA,1\nB,2,3,4\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"ragged.csv: line 3 \(data row 2\) has 4 fields"):
        read_csv_checked(r, {"city": str, "cost": float}, what="t")


def test_report_json_has_every_number(tmp_path, tiny_case, monkeypatch, capsys):
    import govgames.analyses.report as rep

    monkeypatch.setattr(rep, "load_cases", lambda: {"_tiny": CASES["_tiny"]})
    assert main(["report", "--out", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == str(tmp_path / "report.json")
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    tiny = CASES["_tiny"].run()
    assert doc["cases"]["_tiny"]["numbers"] == json.loads(json.dumps(jsonable(tiny.numbers)))
    assert main(["report", "--out", str(tmp_path), "--json"]) == 2  # not overwritten


def test_numbers_are_shown_with_labels_units_and_status():
    from govgames.analyses.base import Describe

    r = CaseResult("d", "D", "f", numbers={"min_bet": 0.7142857142857143, "years": [2015, 2016],
                                           "ok": True},
                   describe={"min_bet": Describe("Minimal bet", "100 million yuan", "assumed")},
                   captions={"fig_a": "What the figure shows"})
    text = r.to_html()
    assert "<th>Minimal bet</th><td>0.714 (100 million yuan)</td>" in text
    assert 'class="status assumed"' in text
    assert "<th>Years</th><td>2015, 2016</td>" in text and "<td>yes</td>" in text
    assert "0.7142857" not in text and "True" not in text
    with pytest.raises(InputError, match="status must be one of"):
        Describe("x", status="guessed")


def test_long_tables_are_summarised():
    import pandas as pd

    r = CaseResult("d", "D", "f", tables={"long_table": pd.DataFrame({"club_fund": range(40)})})
    text = r.to_html()
    assert "<details><summary>All 40 rows</summary>" in text
    assert "Long table" in text and "Club fund" in text


def test_analyses_list_shows_settings_a_user_can_paste(capsys):
    """Every default is shown in the syntax --param accepts, with its type and a description."""
    from govgames.analyses.base import parameter_help
    from govgames.analyses.commands.cases import parse_params

    assert main(["analyses", "list"]) == 0
    out = capsys.readouterr().out
    assert "thresholds_at=2,3,5,10,20,40" in out and "(2, 3" not in out
    # no Sphinx markup: roles and double backquotes read as plain text
    assert ":func:`" not in out and ":data:`" not in out and "``" not in out
    assert not re.search(r":[a-z]+:`", out), re.search(r".*:[a-z]+:`.*", out).group(0)
    assert "(cheapest_mix; illustrative)" in out and "are DEFAULT_FIELDS)" in out
    for spec in load_cases().values():
        if spec.name.startswith("_"):
            continue
        helps = parameter_help(spec.func)
        for key, h in helps.items():
            assert h["description"], f"{spec.name}: parameter {key} has no description"
            if h["default"]:  # pasting the shown setting gives the default back
                assert parse_params(spec, [f"{key}={h['default']}"])[key] == \
                    spec.parameters()[key]


def test_every_case_labels_its_numbers_and_captions_its_figures():
    """The report shows no machine key and no figure id: every key number of every case has a
    Describe (label, unit, status) and every figure a caption."""
    for name, spec in load_cases().items():
        if name.startswith("_"):
            continue
        r = spec.run(sweep_points=2) if name == "club" else spec.run()
        assert set(r.numbers) <= set(r.describe), (name, set(r.numbers) - set(r.describe))
        assert set(r.figures) <= set(r.captions), (name, set(r.figures) - set(r.captions))
        assert r.glossary, f"{name} defines no symbols"
        if any(d.status == "assumed" for k, d in r.describe.items() if k in r.numbers):
            assert r.illustrative, f"{name} has assumed numbers but is not marked illustrative"
        import matplotlib.pyplot as plt
        plt.close("all")
