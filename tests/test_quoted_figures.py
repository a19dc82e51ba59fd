"""Every figure quoted from a paper is a listed quote held by the data, and is quoted faithfully.

The checks are of kinds, not of single sentences: a number attributed to a paper that the paper
does not give, a figure in a data file that differs from the quote, wrong co-authors, a paper cited
for a point it does not make.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import math
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from govgames.analyses.base import DATA_DIR, load_cases
from govgames.analyses.quoted import attributed_figures, papers, quoted_figures

ROOT = Path(__file__).resolve().parents[1]


def _problems(text: str, where: str) -> list[str]:
    """What is wrong with the figures ``text`` attributes to papers."""
    p, q = papers(), quoted_figures()
    bad = []
    for a in attributed_figures(text):
        rows = q if a.paper == "*" else q[q["paper"] == a.paper]
        # a clause citing several papers may quote any of them
        cited = {b.paper for b in attributed_figures(a.clause)} - {"*"}
        rows = q[q["paper"].isin(cited)] if cited and a.paper != "*" else rows
        hit = rows.loc[[math.isclose(f, a.figure) for f in rows["figure"]]]
        if hit.empty:
            bad.append(f"{where}: {a.figure:g} attributed to {a.paper} is not in "
                       f"quoted_figures.csv: {a.clause!r}")
        for pattern in hit["not_with"]:
            if pattern and re.search(pattern, a.clause, re.IGNORECASE):
                bad.append(f"{where}: {a.figure:g} quoted with /{pattern}/: {a.clause!r}")
        if a.paper != "*" and p.loc[a.paper, "misread_if"]:
            if re.search(p.loc[a.paper, "misread_if"], a.clause, re.IGNORECASE):
                bad.append(f"{where}: cites {a.paper} for what it does not say: {a.clause!r}")
    # a paper cited for a point it does not make, with or without numbers
    for k in p.index:
        if not p.loc[k, "misread_if"]:
            continue
        for clause in re.split(r";|\.\s", text):
            if (re.search(p.loc[k, "cite_as"], clause, re.IGNORECASE)
                    and re.search(p.loc[k, "misread_if"], clause, re.IGNORECASE)):
                bad.append(f"{where}: cites {k} for what it does not say: {clause!r}")
    return sorted(set(bad))


def _prose(source: str) -> str:
    """The docstrings of a Python file without their Examples sections."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                out.append(re.split(r"\nExamples\n-{3,}", doc)[0])
    return "\n\n".join(out)


def _static_texts():
    """Prose of the repository: docstrings of the packages, the data notes, the docs."""
    for pattern in ("analyses/**/*.py", "games/**/*.py", "networks/**/*.py",
                    "analyses/data/**/*.md", "docs/**/*.md", "docs/**/*.rst", "README.md"):
        for path in sorted(ROOT.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            yield str(path.relative_to(ROOT)), _prose(text) if path.suffix == ".py" else text


def test_registry_is_consistent():
    p, q = papers(), quoted_figures()
    assert set(q["paper"]) <= set(p.index)
    for k in p.index:
        re.compile(p.loc[k, "cite_as"])
    assert p.loc["zhang2012", "authors"] == "Zhang Chengfu; Li Haocheng; Bian Xiaohui"


@pytest.mark.parametrize("i", range(len(quoted_figures())))
def test_quoted_figure_is_held_by_the_data(i):
    row = quoted_figures().iloc[i]
    if not row["data_file"]:
        return
    want = row["figure"] * float(row["scale"] or 1)
    if row["data_file"].startswith("py:"):
        _, mod, func, param = row["data_file"].split(":")
        f = getattr(importlib.import_module(f"govgames.{mod}"), func)
        f = getattr(f, "__wrapped__", f)
        default = inspect.signature(f).parameters[param].default
        assert math.isclose(float(default), want), (row["what"], default, want)
        return
    df = pd.read_csv(DATA_DIR / row["data_file"])
    col = df[row["data_column"]]
    if row["data_row"]:
        got = float(col.iloc[int(row["data_row"]) - 1])
        assert math.isclose(got, want), (row["what"], got, want)
    else:
        assert any(math.isclose(float(v), want) for v in col.dropna()), row["what"]


def test_every_figure_attributed_to_a_paper_in_the_sources_is_quoted():
    bad = []
    for where, text in _static_texts():
        bad += _problems(text, where)
    assert not bad, "\n".join(bad)


@pytest.fixture(scope="module")
def case_texts():
    out = {}
    for name, spec in load_cases().items():
        if name.startswith("_"):
            continue
        r = spec.run(sweep_points=2) if name == "club" else spec.run()
        parts = [r.finding, *r.notes, *r.sources,
                 *(d.note for d in r.describe.values() if getattr(d, "note", ""))]
        out[name] = "\n\n".join(parts)
        plt.close("all")
    return out


def test_every_figure_attributed_to_a_paper_in_the_cases_is_quoted(case_texts):
    bad = []
    for name, text in case_texts.items():
        bad += _problems(text, f"case {name}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("text", [
    # a membership count the papers do not give
    'The reports disagree and the seeds speak of "16 founding members of 1997".',
    # a count of all organisations read as a count of spontaneous ones
    "Since 2004 more than 300 organisations have formed spontaneously (“Local cooperation”).",
    "300+ spontaneous organisations (How local cooperation extends inter-governmental "
    "relations).",
    # the reform paper's free riding is about citizens' demand expression, not cities
    "Cui et al. and “Regional cooperation reform” on free riding in regional public goods",
    "Cities free-ride on each other's abatement (Reform of the regional administrative "
    "cooperation system).",
    # a figure the paper does not give
    "Louisville keeps 60% of the shared taxes (Cui Jing et al.).",
])
def test_known_misreadings_are_caught(text):
    assert _problems(text, "example")


def test_faithful_quotes_pass():
    assert not _problems("Louisville-Jefferson County share taxes 58.7/41.3 (Cui Jing et al., "
                         "Holistic collaborative governance); Quanzhou pays 20, Fuzhou 27 and "
                         "Xiamen 21 million yuan a year (“Local cooperation”).", "example")
    assert not _problems("300+ local cooperation organisations of all levels and kinds, the "
                         "spontaneous ones growing fastest since 2004 (How local cooperation "
                         "extends inter-governmental relations)", "example")


def _coauthor_problems(text, where):
    bad = []
    for key, row in papers().iterrows():
        names = [a.strip() for a in row["authors"].split(";") if a.strip()]
        if len(names) < 2 or "et al" in row["authors"]:
            continue
        for m in re.finditer(re.escape(names[0]), text):
            window = text[m.end():m.end() + 120]
            for name in names[1:]:
                surname, given = name.split(" ", 1)
                g = re.search(rf"\b{surname} (\w+)", window)
                if g and g.group(1) != given:
                    bad.append(f"{where}: {surname} {g.group(1)} should be {name} ({key})")
    return bad


def test_authors_are_named_correctly_everywhere():
    bad = []
    for where, text in _static_texts():
        bad += _coauthor_problems(text, where)
    assert not bad, "\n".join(bad)
    assert _coauthor_problems("Zhang Chengfu, Li Danting and Bian Xiaoxi (2012)", "example")


def test_association_history_in_sources_matches_the_membership_table():
    m = pd.read_csv(DATA_DIR / "yrd" / "yrd_association_membership.csv")
    count = m.groupby("joined_year").size().cumsum()
    assert (int(count[1992]), int(count[1997]), int(count[2003])) == (14, 15, 16)
    text = re.sub(r"\s+", " ", (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8"))
    assert "14 cities met from 1992, 15 members formed the association in 1997" in text
    assert "Taizhou (Zhejiang) made 16 in 2003" in text
    assert "founding members of 1997" not in text


def test_public_goods_uses_the_published_local_shares():
    from govgames.analyses.public_goods import read_local_shares, run
    raw = pd.read_csv(DATA_DIR / "pm25" / "pm25_regional_transport_shares.csv")
    shares = read_local_shares()
    for (_, r), (_, s) in zip(raw.iterrows(), shares.iterrows()):
        if pd.notna(r["local_share_low_pct"]):
            assert (s["local_low_pct"], s["local_high_pct"]) == (
                r["local_share_low_pct"], r["local_share_high_pct"])
        else:   # only the transported share is published
            regional = (r["regional_share_point_pct"] if pd.notna(r["regional_share_point_pct"])
                        else r["regional_share_high_pct"])
            assert math.isclose(s["local_low_pct"] + regional, 100)
    res = run(n_max=4)
    assert res.numbers["bth13_local_share_low_pct"] == 21.49
    assert res.numbers["bth13_local_share_high_pct"] == 68.74
    assert "21.5-68.7%" in res.finding
    plt.close("all")
