"""The lead's core: NormalFormGame, verify, expr, Equilibrium (constructors, display, errors)."""
from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import (Equilibrium, EquilibriumList, FreeParametersError, InputError, NormalFormGame,
                   best_response, is_equilibrium, is_equilibrium_exact, profitable_deviations,
                   strategy_payoffs)
from govgames.games.expr import parse_expression, parse_number

PD = [[[3, 0], [5, 1]], [[3, 5], [0, 1]]]


def test_constructors_agree():
    a = NormalFormGame(PD)
    b = NormalFormGame.from_arrays(PD[0], PD[1])
    c = NormalFormGame.from_function(lambda p: [PD[0][p[0]][p[1]], PD[1][p[0]][p[1]]], (2, 2))
    d = NormalFormGame.from_nashpy(nashpy.Game(np.array(PD[0]), np.array(PD[1])))
    e = NormalFormGame(np.array(PD, dtype=float))
    assert a == b == c == d == e
    assert np.array_equal(a.to_nashpy().payoff_matrices[1], np.array(PD[1]))


def test_structure_and_payoffs():
    g = NormalFormGame(PD, players=["A", "B"], strategies=[["C", "D"], ["C", "D"]], title="PD")
    assert g.n_players == 2 and g.shape == (2, 2)
    assert g.payoff(("D", "C")).tolist() == [5, 0]
    assert g.payoff((1, 0)).tolist() == [5, 0]
    assert g.payoff([[0.5, 0.5], [1, 0]]).tolist() == [4, 1.5]
    assert g.player_index("B") == 1
    assert g.strategy_index("B", "D") == 1
    assert list(g.pure_profiles()) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert g.profile_names((1, 0)) == ("D", "C")
    view = g.payoff_array
    with pytest.raises(ValueError):
        view[0, 0, 0] = 9


def test_three_player_display_and_from_function():
    g = NormalFormGame.from_function(lambda p: [sum(p), -sum(p), p[0]], (2, 2, 2),
                                     players=["x", "y", "z"])
    s = str(g)
    assert s.splitlines()[0] == "x | y | z || payoffs"
    assert "s2 | s2 | s2 || 3, -3, 1" in s
    assert "<table" in g._repr_html_() and "payoffs" in g._repr_html_()
    assert g.to_latex().startswith(r"\begin{tabular}{lll|l}")


def test_display_two_players_and_escaping():
    g = NormalFormGame(PD, players=["A&B", "C_D"], strategies=[["<x>", "y"], ["l", "r"]], title="T")
    assert "&lt;x&gt;" in g._repr_html_() and "<caption>T</caption>" in g._repr_html_()
    tex = g.to_latex()
    assert r"A\&B" in tex and r"C\_D" in tex
    assert str(g).startswith("T\nA&B \\ C_D")
    assert "2x2" in repr(g)


def test_symbolic_game_parameters_subs_and_refusal():
    b, c = sp.symbols("b c", positive=True)
    g = NormalFormGame([[[b - c, -c], [b, 0]], [[b - c, b], [-c, 0]]])
    assert [p.name for p in g.parameters] == ["b", "c"]
    assert g.is_symbolic and "symbolic" in repr(g)
    with pytest.raises(FreeParametersError, match="b, c"):
        g.numeric_payoffs()
    with pytest.raises(FreeParametersError):
        is_equilibrium(g, [0, 0])
    half = g.subs(c=1)
    assert [p.name for p in half.parameters] == ["b"]
    num = g.subs({"b": 4, "c": 3})
    assert not num.is_symbolic
    assert num.payoff((0, 0)).tolist() == [1, 1]
    with pytest.raises(InputError, match="unknown parameter 'z'"):
        g.subs(z=1)
    assert "b - c" in str(g) and r"b - c" in g.to_latex()
    assert g.payoff((0, 0))[0] == b - c


@pytest.mark.parametrize("payoffs, players, strategies, match", [
    ([1, 2], None, None, "shape"),
    ([[[1, 2]], [[1]]], None, None, "inconsistent"),
    ([[[1, 2]]], None, None, "dimensions"),
    (PD, ["A"], None, "1 player names"),
    (PD, ["A", "A"], None, "distinct"),
    (PD, None, [["x"], ["l", "r"]], "2 strategies in the payoff array but 1"),
    (PD, None, [["x", "x"], ["l", "r"]], "distinct"),
    ([[[1, np.inf]], [[0, 0]]], None, None, "finite"),
    ([[["a", 1]], [[0, 0]]], None, None, "neither a number"),
])
def test_construction_errors(payoffs, players, strategies, match):
    with pytest.raises(InputError, match=match):
        NormalFormGame(payoffs, players=players, strategies=strategies)


def test_profile_errors():
    g = NormalFormGame(PD, players=["A", "B"], strategies=[["C", "D"], ["C", "D"]])
    with pytest.raises(InputError, match="unknown strategy 'X' of player 'A'"):
        g.payoff(("X", "C"))
    with pytest.raises(InputError, match="unknown player"):
        g.player_index("Z")
    with pytest.raises(InputError, match="one strategy per player"):
        g.payoff(("C",))
    with pytest.raises(InputError, match="not a probability vector"):
        g.payoff([[0.7, 0.7], [1, 0]])
    with pytest.raises(InputError, match="must have 2 probabilities"):
        g.payoff([[1, 0, 0], [1, 0]])
    with pytest.raises(InputError, match="out of range"):
        g.strategy_index(0, 5)


def test_verify_textbook_games():
    bos = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    assert is_equilibrium(bos, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    assert is_equilibrium_exact(bos, [["2/3", "1/3"], ["1/3", "2/3"]])
    assert is_equilibrium_exact(bos, [0, 0])
    assert not is_equilibrium_exact(bos, [0, 1])
    assert not is_equilibrium(bos, [[0.6, 0.4], [1 / 3, 2 / 3]])
    assert strategy_payoffs(bos, 0, [0, [1 / 3, 2 / 3]]) == pytest.approx([2 / 3, 2 / 3])
    rps = NormalFormGame([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]])
    third = [Fraction(1, 3)] * 3
    assert is_equilibrium_exact(rps, [third, third])
    assert best_response(rps, 1, [0, 0]) == ("s2",)
    devs = profitable_deviations(rps, [0, 0])
    assert [(d.player, d.strategy, d.gain) for d in devs] == [("Player 1", "s2", 1.0), ("Player 2", "s2", 1.0)]


def test_exact_check_is_exact_where_floats_are_not():
    # payoffs that floating point cannot tell apart, exact arithmetic can
    g = NormalFormGame([[[sp.Rational(10**17 + 1), 0], [sp.Rational(10**17), 0]], [[0, 0], [0, 0]]])
    # is_equilibrium compares exact payoffs exactly too; a tolerance given makes them a tie
    assert not is_equilibrium(g, [1, 0]) and is_equilibrium(g, [0, 0])
    assert is_equilibrium(g, [1, 0], tol=1e-8)
    assert is_equilibrium_exact(g, [0, 0])
    assert not is_equilibrium_exact(g, [1, 0])
    with pytest.raises(InputError, match="not a probability vector in exact arithmetic"):
        is_equilibrium_exact(g, [["0.5", "0.6"], [1, 0]])
    with pytest.raises(InputError, match="rational"):
        is_equilibrium_exact(g, [["a", "b"], [1, 0]])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=8, max_size=8), st.integers(0, 3))
def test_float_and_exact_checks_agree_on_pure_profiles_of_integer_games(vals, k):
    g = NormalFormGame(np.array(vals, dtype=float).reshape(2, 2, 2))
    prof = [k // 2, k % 2]
    assert is_equilibrium(g, prof) == is_equilibrium_exact(g, prof)


def test_expr_parser_whitelist():
    assert parse_expression("2*b - c/3", ["b", "c"]) == 2 * sp.Symbol("b", real=True) - sp.Symbol("c", real=True) / 3
    assert parse_expression(3) == 3
    assert parse_number("  7/2 ") == sp.Rational(7, 2)
    for bad in ["__import__('os')", "b.__class__", "[1]", "b if c else 1", "open('x')", "b @ c",
                "exp(b, c)", "max()", "sqrt(b=1)", "'text'", "True", "b < c"]:
        with pytest.raises(InputError, match="payoffs.X"):
            parse_expression(bad, ["b", "c"], where="payoffs.X")
    with pytest.raises(InputError, match="unknown name 'os'"):
        parse_expression("os", ["b"])
    with pytest.raises(InputError, match="not a finite"):
        parse_number(float("nan"))
    with pytest.raises(InputError):
        parse_number(True)


def test_equilibrium_objects():
    e = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")), [[1, 0], [0.25, 0.75]],
                                      [2, 1.5], exact_profile=[[1, 0], ["1/4", "3/4"]],
                                      exact_payoffs=[2, "3/2"])
    assert str(e) == "A: x; B: 1/4 l + 3/4 r  (payoffs 2, 3/2)"
    assert e.support == (("x",), ("l", "r")) and not e.is_pure and e.pure_profile is None
    f = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")), [[1, 0], [0.25 + 1e-10, 0.75]], [2, 1.5])
    assert e.allclose(f) and not e.allclose(f, tol=1e-12)
    lst = EquilibriumList([e], method="vertex", degenerate=True, notes=["a note"])
    assert lst.to_dicts() == [e.to_dict()]
    assert "1 equilibrium (vertex)" in str(lst) and "note: a note" in str(lst)
