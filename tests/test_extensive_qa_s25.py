"""QA round s25, sequential games (findings 13-16): user functions that raise, the margin and
the bounds of the minimal intervention, information set names in behaviour profiles."""

import json
import math
import pathlib

import pytest
import sympy as sp

import govgames.games as games
from govgames.games import NormalFormGame
from govgames.games.budget import BudgetError
from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, backward_induction, decision, terminal,
                                      tree_from_json)
from govgames.games.extensive.leader import minimal_intervention, stackelberg_pure
from govgames.games.extensive.multilevel import three_level
from govgames.games.verify import is_equilibrium_exact

EXAMPLES = pathlib.Path(games.__file__).parent / "examples"

PD = NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]], players=["A", "B"],
                    strategies=[["Abate", "Pollute"]] * 2)
TARGET = ["Abate", "Abate"]


def fine(i, p):
    return -1 if p[i] == 1 else 0


def divide_by_zero(*args):
    return 1 / 0


def one_line(exc_info) -> str:
    text = str(exc_info.value)
    assert "\n" not in text
    return text


# ---------------------------------------------------------------- 13: user functions that raise
def test_instrument_function_that_raises_is_one_input_error():
    with pytest.raises(InputError) as e:
        minimal_intervention(PD, TARGET, {"fine": lambda i, p: 1 / 0}, cost={"fine": 1})
    text = one_line(e)
    assert "instrument 'fine'" in text and "<lambda>" in text
    assert "raised ZeroDivisionError" in text and "division by zero" in text
    assert "player 0 ('A')" in text and "(0, 0) ('Abate', 'Abate')" in text
    assert isinstance(e.value.__cause__, ZeroDivisionError)


def test_three_level_payoff_that_raises_is_one_input_error():
    h = three_level("C", ["x", "y"], {"P": ["a", "b"]}, {"X": ["b", "c"]}, lambda c, p, q: 1 / 0)
    for run in (h.solve, h.to_tree):
        with pytest.raises(InputError) as e:
            run()
        text = one_line(e)
        assert "the payoff function" in text and "raised ZeroDivisionError" in text
        assert "payoff('x', ('a',), ('b',))" in text
        assert isinstance(e.value.__cause__, ZeroDivisionError)


def test_three_level_selection_rule_that_raises_is_one_input_error():
    h = three_level("C", ["x"], {"P": ["a"]}, {"X": ["b", "c"]}, lambda c, p, q: [0, 0, 0])
    with pytest.raises(InputError) as e:
        h.solve(("optimistic", divide_by_zero))
    text = one_line(e)
    assert "the cities' selection rule divide_by_zero raised ZeroDivisionError" in text
    assert "2 candidates [('b',), ('c',)]" in text
    assert isinstance(e.value.__cause__, ZeroDivisionError)


def test_stackelberg_selection_rule_that_raises_is_one_input_error():
    with pytest.raises(InputError) as e:
        stackelberg_pure(PD, selection=lambda g, ps: 1 / 0)
    text = one_line(e)
    assert "the selection rule" in text and "raised ZeroDivisionError" in text
    assert "after the commitment 'Abate'" in text
    assert isinstance(e.value.__cause__, ZeroDivisionError)


@pytest.mark.parametrize("error", [InputError("the rule's own message"),
                                   BudgetError("the rule's own message")])
def test_input_errors_raised_by_user_functions_pass_unchanged(error):
    def raising(*args):
        raise error

    h = three_level("C", ["x"], {"P": ["a"]}, {"X": ["b", "c"]}, raising)
    calls = [lambda: stackelberg_pure(PD, selection=raising),
             lambda: minimal_intervention(PD, TARGET, {"fine": raising}, cost={"fine": 1}),
             h.solve]
    for call in calls:
        with pytest.raises(type(error)) as e:
            call()
        assert e.value is error


# ---------------------------------------------------------------- 14: margin
@pytest.mark.parametrize("margin", [-5, -0.5, "-1/2"])
def test_negative_margin_is_refused(margin):
    with pytest.raises(InputError, match=r"^margin must be >= 0") as e:
        minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1}, margin=margin)
    one_line(e)


@pytest.mark.parametrize("margin", [math.nan, math.inf, -math.inf, "x", None, True, sp.sqrt(2)])
def test_margin_that_is_not_a_finite_rational_number_is_refused(margin):
    with pytest.raises(InputError, match=r"^margin: ") as e:
        minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1}, margin=margin)
    one_line(e)


def test_positive_margin_makes_a_strict_equilibrium():
    r = minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1}, margin="1/2")
    assert r.levels["fine"] == 1 + sp.Rational(1, 2)
    assert is_equilibrium_exact(r.game, [[1, 0], [1, 0]])


# ---------------------------------------------------------------- 15: bounds
def test_empty_bounds_are_refused_naming_the_instrument():
    with pytest.raises(InputError) as e:
        minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1},
                             bounds={"fine": (3, 1)})
    text = one_line(e)
    assert text.startswith("bounds of 'fine': (3, 1) is empty")
    assert "no levels" not in text


@pytest.mark.parametrize("bounds, message", [
    ({"fine": (math.nan, 1)}, "lower bound of 'fine': nan is not a finite number"),
    ({"fine": (0, math.nan)}, "upper bound of 'fine': nan is not a finite number"),
    ({"fine": (0, sp.sqrt(20))}, "upper bound of 'fine': 2*sqrt(5) is not a rational number"),
    ({"fin": (0, 1)}, "bounds: unknown instrument 'fin'; the instruments are ['fine']"),
    ({"fine": 5}, "bounds of 'fine': give a pair (low, high)"),
    ({"fine": (0, 1, 2)}, "bounds of 'fine': give a pair (low, high)"),
    ([(0, 1)], "bounds must be a dict"),
])
def test_bad_bounds_are_refused(bounds, message):
    with pytest.raises(InputError) as e:
        minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1}, bounds=bounds)
    assert one_line(e).startswith(message)


def test_valid_bounds_still_solve():
    r = minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1},
                             bounds={"fine": (1, 1)})
    assert r.levels["fine"] == 1
    with pytest.raises(InputError, match="no levels of fine within the bounds"):
        minimal_intervention(PD, TARGET, {"fine": fine}, cost={"fine": 1},
                             bounds={"fine": (0, "1/2")})


# ---------------------------------------------------------------- 16: information set names
def test_behaviour_profile_quotes_information_set_names():
    g = tree_from_json(json.loads((EXAMPLES / "river_bet_tree.json").read_text()))
    text = str(backward_induction(g)[0])
    assert 'Upstream: Abate at "under the bet"; Lax at "no bet"' in text
    assert "Abate at under the bet" not in text


def test_information_set_name_with_a_quote_is_escaped():
    g = ExtensiveGame(["A"], decision("A", {
        "x": decision("A", {"u": terminal(1), "v": terminal(0)}, infoset='say "yes"'),
        "y": terminal(0)}, infoset="root"))
    assert str(backward_induction(g)[0]).startswith('A: x at "root"; u at "say \\"yes\\""')
