"""The example files of the file-format reference (docs/reference/formats) are read by the
functions that read each format, give what the page says, and the --json outputs shown there
are what the command prints."""

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from govgames.games import read_game
from govgames.games.io import game_from_json, game_to_json, parse_nfg
from govgames.networks import EntryRule, shapley_value
from govgames.networks.io import read_game as read_coop_game

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "reference" / "formats" / "examples"
PAGE = ROOT / "docs" / "reference" / "formats" / "index.md"


@pytest.fixture
def govgames(monkeypatch, capsys):
    """Run the command in this process, in the examples folder; its standard output."""
    from govgames.analyses.cli import main

    monkeypatch.chdir(EXAMPLES)

    def run(*args):
        capsys.readouterr()
        status = main(list(args))
        out, err = capsys.readouterr()
        assert status == 0, err
        return out

    return run


def test_every_example_is_shown_on_the_page_and_tested_here():
    page = PAGE.read_text(encoding="utf-8")
    here = Path(__file__).read_text(encoding="utf-8")
    files = sorted(p.name for p in EXAMPLES.iterdir())
    assert len(files) >= 15
    for name in files:
        assert f"examples/{name}" in page, name
        assert f'"{name}"' in here, name


def test_normal_form_json():
    g = read_game(EXAMPLES / "normal_form.json")
    assert g.players == ("Upstream", "Downstream")
    assert [str(p) for p in g.parameters] == ["s"]          # "s": null stays symbolic
    h = g.subs(s=Fraction(1, 2))
    # b - c + s*b = 4 - 3 + 2 at (Abate, Abate); s*b - c = -1 for the lone abater
    assert h.payoff(("Abate", "Abate")).tolist() == [3.0, 3.0]
    assert h.payoff(("Abate", "Pollute")).tolist() == [-1.0, 4.0]
    again = game_from_json(json.loads(json.dumps(game_to_json(g))))
    assert again.subs(s=Fraction(1, 2)) == h


def test_nfg_payoff_list_first_player_fastest():
    g = read_game(EXAMPLES / "payoff_form.nfg")
    assert g.players == ("City A", "City B")
    assert g.payoff(("Cooperate", "Defect")).tolist() == [0, 5]
    assert g.payoff(("Defect", "Cooperate")).tolist() == [5, 0]
    pure = [e.pure_profile for e in __import__("govgames").nash_equilibria(g, method="pure")]
    assert pure == [("Defect", "Defect")]


def test_nfg_outcome_list_keeps_rationals_exact():
    g = read_game(EXAMPLES / "outcome_form.nfg")
    assert g.exact_payoffs()[1, 0, 1] == Fraction(7, 2)  # "A alone": B gets 7/2
    assert g.payoff(("Defect", "Defect")).tolist() == [2, 2]
    # the strategy-count header and the 'D' variant are accepted as the page says
    h = parse_nfg('NFG 1 D "x" { "A" "B" } { 2 2 }\n3 3 0 5 5 0 1 1')
    assert h.strategies == (("1", "2"), ("1", "2"))


def test_coalitional_json():
    spec = read_coop_game(EXAMPLES / "coalitional.json")
    assert spec.kind == "coalitional"
    assert spec.unions == [["Shanghai"], ["Suzhou", "Wuxi"]]
    assert spec.game.value(["Suzhou", "Shanghai"]) == 4
    # by hand over the 6 orders: Shanghai (2*1 + 4 + 2 + 2*5)/6 = 3, Suzhou 2, Wuxi 1
    values = shapley_value(spec.game)
    np.testing.assert_allclose([values[p] for p in spec.game.players], [3, 2, 1])


def test_weighted_voting_json():
    spec = read_coop_game(EXAMPLES / "weighted_voting.json")
    assert spec.kind == "weighted_voting"
    assert spec.game.value(["Jiangsu", "Anhui"]) == 1          # 4 + 2 >= 6
    assert spec.game.value(["Zhejiang", "Anhui"]) == 0         # 3 + 2 < 6


def test_network_json():
    spec = read_coop_game(EXAMPLES / "network.json")
    assert spec.kind == "network"
    assert spec.graph.number_of_edges() == 4
    assert spec.graph["Jiaxing"]["Huzhou"]["weight"] == 1     # weight left out: 1
    assert spec.game.value(["Shanghai", "Suzhou", "Wuxi"]) == 8


def test_entry_rule_json():
    import pandas as pd

    rule = EntryRule.from_json(str(EXAMPLES / "entry_rule.json"))
    assert rule.parameters["g"] == Fraction(1, 5)
    table = pd.DataFrame({"urbanization": [0.9, 0.2, 0.19], "gdp_per_capita_yuan": [70000, 14000, 30000],
                          "linkage": [50, 10, 12], "member_links": [3, 0, 0]},
                         index=["上海市", "X", "Y"])
    verdict = rule.evaluate(table)
    # X sits exactly at both thresholds (0.2; 1/5 of 70,000 = 14,000): passes, decided exactly
    assert verdict["eligible"].to_dict() == {"上海市": True, "X": True, "Y": False}
    assert not verdict.loc["Y", "urbanization.pass"]
    assert verdict.loc["X", "per-capita GDP.margin"] == 0
    assert rule.name == "YRD urban economic coordination association"


@pytest.mark.parametrize("case, files, columns", [
    ("river", {"data": "river_schedule.csv"}, "SCHEDULE_COLUMNS"),
    ("public_goods", {"data": "local_shares.csv"}, "SHARES_COLUMNS"),
    ("club_data", {"data": "club_cities.csv", "borders": "club_borders.csv"}, "CITY_COLUMNS"),
])
def test_case_csv_examples_have_the_documented_columns(case, files, columns):
    import importlib

    mod = importlib.import_module(f"govgames.analyses.{case}")
    header = (EXAMPLES / files["data"]).read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(getattr(mod, columns)) <= set(header)
    page = PAGE.read_text(encoding="utf-8")
    assert f"govgames.analyses.{case}.{columns}" in page
    for column in getattr(mod, columns):
        assert f"`{column}`" in page, column


def test_club_csv_runs(govgames):
    out = json.loads(govgames("analyses", "run", "club", "--param", "data=club_cities.csv",
                              "--param", "borders=club_borders.csv", "--param", "reference=A",
                              "--json"))
    assert out["numbers"]["cities"] == 6
    assert out["numbers"]["members_before"] == 4          # joined before 2010
    assert {"name", "title", "finding", "numbers", "tables", "figures", "sources", "notes",
            "illustrative"} <= set(out)


def test_river_and_public_goods_csv_run(govgames):
    out = json.loads(govgames("analyses", "run", "river", "--param", "data=river_schedule.csv",
                              "--json"))
    assert out["name"] == "river"
    out = json.loads(govgames("analyses", "run", "public_goods", "--param",
                              "data=local_shares.csv", "--json"))
    assert out["name"] == "public_goods"


@pytest.mark.parametrize("args, shown", [
    (("solve", "outcome_form.nfg", "--json"), "solve_output.json"),
    (("solve", "normal_form.json", "--json"), "solve_symbolic_output.json"),
    (("value", "network.json", "--solution", "owen", "--json"), "value_output.json"),
    (("value", "coalitional.json", "--solution", "core", "--json"), "value_core_output.json"),
])
def test_json_outputs_are_what_the_command_prints(govgames, args, shown):
    printed = json.loads(govgames(*args))
    expected = json.loads((EXAMPLES / shown).read_text(encoding="utf-8"))
    assert printed.keys() == expected.keys()
    assert json.dumps(printed, sort_keys=True) == json.dumps(expected, sort_keys=True)




def test_continuous_json():
    from govgames.games import read_game

    game = read_game(EXAMPLES / "continuous.json")
    assert type(game).__name__ == "ContinuousGame" or hasattr(game, "intervals")


def test_tree_json_and_efg():
    from govgames.games.io import read_any_game

    for name in ("tree.json", "tree.efg"):
        game = read_any_game(EXAMPLES / name)
        assert hasattr(game, "infosets"), name
