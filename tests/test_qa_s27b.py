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


def test_draw_tree_names_what_it_needs():
    import pytest

    from govgames.games import InputError, NormalFormGame
    from govgames.games.extensive import draw_tree
    with pytest.raises(InputError, match="game tree.*NormalFormGame"):
        draw_tree(NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]))
