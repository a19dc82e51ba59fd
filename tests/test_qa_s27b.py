"""QA round s27 (helper b): continuous games, trees, evidence and the report tried as a new user."""

from __future__ import annotations

import json

from govgames.analyses.cli import main
from govgames.games.continuous import nash_equilibria
from govgames.games.continuous.io import continuous_from_json

ZERO_SUM = {"type": "continuous", "players": ["A", "B"], "variables": ["x", "y"],
            "intervals": [[0, 1], [0, 1]], "payoffs": {"A": "x*y", "B": "-x*y"}}


def test_auto_says_a_continuum_found_at_a_corner():
    # y = 0 leaves A indifferent over [0, 1]: the numerical points are points of a continuum
    res = nash_equilibria(continuous_from_json(ZERO_SUM))
    assert len(res) > 1
    assert any("continuum" in n and "y = 0" in n for n in res.notes)


def test_no_negative_zero_in_text_or_json(tmp_path, capsys):
    f = tmp_path / "g.json"
    f.write_text(json.dumps(ZERO_SUM))
    assert main(["solve", str(f)]) == 0
    out = capsys.readouterr().out
    assert "-0" not in out
    assert main(["solve", str(f), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    for e in doc["equilibria"]:
        assert all(str(p) != "-0.0" for p in e["payoffs"])


def test_tree_json_carries_exact_probabilities_and_payoffs(capsys):
    from pathlib import Path

    from govgames import games
    tree = Path(games.__file__).parent / "examples" / "river_bet_tree.json"
    assert main(["solve", str(tree), "--json"]) == 0
    eqs = json.loads(capsys.readouterr().out)["equilibria"]
    (e,) = [e for e in eqs if e["behaviour_exact"]["Upstream"]["no bet"]["Abate"] == "5/7"]
    assert e["behaviour_exact"]["Upstream"]["no bet"]["Lax"] == "2/7"
    assert e["payoffs_exact"] == ["14/5", "3/2"]
    assert e["behaviour"]["Upstream"]["no bet"]["Abate"] == 5 / 7


def test_rubinstein_without_discounting_under_a_risk_of_breakdown():
    from fractions import Fraction

    import pytest

    from govgames.games import InputError
    from govgames.games.extensive import rubinstein
    assert rubinstein(1, 1, breakdown="1/10").shares == (Fraction(10, 19), Fraction(9, 19))
    with pytest.raises(InputError, match="delta1"):
        rubinstein(1, 1)   # no cost of delay at all


def test_tree_functions_name_the_game_they_need():
    from pathlib import Path

    import pytest

    from govgames import games
    from govgames.games import InputError, NormalFormGame
    from govgames.games import extensive as X
    nf = NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    for f in (X.draw_tree, X.backward_induction, X.reduced_normal_form, X.tree_equilibria,
              X.sequence_form_lemke, X.subgame_perfect_equilibria, X.count_subgame_perfect,
              X.subgame_perfect_payoffs, X.tree_to_json):
        with pytest.raises(InputError, match="needs a game tree.*NormalFormGame"):
            f(nf)
    for f in (X.is_subgame_perfect, X.expected_payoffs, X.is_nash):
        with pytest.raises(InputError, match="needs a game tree"):
            f(nf, None)
    with pytest.raises(InputError, match="needs a game tree"):
        X.write_efg("tree", "t.efg")
    tree = X.read_efg(Path(games.__file__).parent / "examples" / "entry_deterrence.efg")
    for f in (X.stackelberg_pure, X.stackelberg_mixed):
        with pytest.raises(InputError, match="needs a NormalFormGame.*reduced_normal_form"):
            f(tree)
    with pytest.raises(InputError, match="needs a NormalFormGame"):
        X.minimal_intervention(tree, ["In", "Accommodate"], {}, {})


def test_identified_set_names_the_game_it_needs():
    import pytest
    import sympy as sp

    from govgames.games import InputError, identified_set
    from govgames.games.continuous import cournot
    from govgames.games.extensive import ExtensiveGame, decision, reduced_normal_form, terminal
    c = sp.Symbol("c")
    tree = ExtensiveGame(["A", "B"], decision("A", {"Out": terminal(0, 2), "In": decision(
        "B", {"F": terminal(-1, -1), "Acc": terminal(c, 1)})}))
    for args in ((tree, ("In", "Acc")), (None, [(tree, ("In", "Acc"))])):
        with pytest.raises(InputError, match="NormalFormGame, got ExtensiveGame.*reduced_normal"):
            identified_set(*args)
    with pytest.raises(InputError, match="NormalFormGame, got ContinuousGame"):
        identified_set(cournot(2), ((1,), (1,)))
    with pytest.raises(InputError, match="NormalFormGame, got str"):
        identified_set("game", ("a", "b"))
    assert str(identified_set(reduced_normal_form(tree), ("In", "Acc")).region) == "c >= 0"


def test_csv_row_with_an_extra_field_is_refused_not_shifted(tmp_path):
    import pytest

    from govgames.analyses.base import read_csv_checked
    from govgames.games import InputError
    cols = {"year": int, "central_grant": float, "bet": float}
    p = tmp_path / "s.csv"
    p.write_text("year,central_grant,bet\n2012,3,1,5\n")   # pandas took 2012 as the row index
    with pytest.raises(InputError, match=r"line 2 \(data row 1\) has 4 fields, the header 3"):
        read_csv_checked(p, cols, what="schedule")
    p.write_text("year,central_grant,bet\n2012,3,1\n2013,3,1,9\n")
    with pytest.raises(InputError, match=r"line 3 \(data row 2\) has 4 fields"):
        read_csv_checked(p, cols, what="schedule")
    p.write_text("year,central_grant,bet\n2012,3,1\n")
    assert read_csv_checked(p, cols, what="schedule")["year"].tolist() == [2012]


def test_map_shares_leave_out_regions_that_round_to_zero():
    # the promotion map listed "(Cooperate, Cooperate) + ... + (Compete, Compete): 0" (the tie
    # line w = w*), a region covering 0% of the map, as the river case already does not
    from govgames.analyses import intervention, promotion
    for case in (promotion, intervention):
        shares = case.run().numbers["map_region_shares"]
        assert shares and all(v > 0 for v in shares.values()), (case.__name__, shares)


def test_continuous_file_takes_parameter_domain_words():
    obj = {"type": "continuous", "players": ["A", "B"], "variables": ["x", "y"],
           "intervals": [[0, "a"], [0, "a"]], "parameters": {"a": "positive", "c": 1},
           "payoffs": {"A": "x*(a - x - y - c)", "B": "y*(a - x - y - c)"}}
    g = continuous_from_json(obj)
    (a,) = g.parameters
    assert a.is_positive
    res = nash_equilibria(g)
    assert any(str(e.exact_profile[0][0]) == "a/3 - 1/3" for e in res)


def test_continuous_solve_json_has_the_documented_keys(capsys):
    from pathlib import Path

    from govgames import games
    ex = Path(games.__file__).parent / "examples" / "grant_contest.json"
    assert main(["solve", str(ex), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"type", "players", "parameters", "equilibria", "method", "notes"}
    e = doc["equilibria"][0]
    assert {"players", "profile", "payoffs", "profile_exact", "payoffs_exact", "symmetric",
            "method", "notes", "certificate"} == set(e)
    assert {"holds", "max_gain", "best_deviation", "residual"} <= set(e["certificate"])
    ref = (Path(__file__).parents[1] / "docs" / "reference" / "formats" / "index.md").read_text()
    for key in ("profile_exact", "certificate", "parameter_help", "behaviour_exact"):
        assert key in ref
