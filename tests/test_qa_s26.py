"""Defects found by the fresh-user and attacker QA of round 26 (budgets of the 2-player solvers
and of the pure-equilibrium listing)."""

import time
from fractions import Fraction

import numpy as np
import pytest

from govgames.games import NormalFormGame, nash_equilibria, pure_nash_equilibria
from govgames.games.budget import BudgetError, budget
from govgames.games.twoplayer import support_enumeration, vertex_enumeration
from govgames.games.twoplayer._exact import normalise


def _zeros(shape):
    return NormalFormGame([np.zeros(shape, int), np.zeros(shape, int)])


# ------------------------------------------------------------- the list of equilibria itself
@pytest.mark.parametrize("shape", [(1, 20000), (20000, 1)])
def test_pure_listing_of_a_flat_game_is_refused_not_gigabytes(shape):
    """Every profile of an all-zero 1x20,000 game is an equilibrium: the 20,000 dense profiles
    took 3 GB (over the 2 GiB budget, unchecked) and 6 s; now refused before they are built."""
    t = time.perf_counter()
    with pytest.raises(BudgetError, match=r"listing 20,000 equilibria of 20,001 "
                                          r"probabilities.*max_equilibria"):
        pure_nash_equilibria(_zeros(shape))
    assert time.perf_counter() - t < 5
    assert len(pure_nash_equilibria(_zeros(shape), max_equilibria=3)) == 3


@pytest.mark.parametrize("shape", [(1, 20000), (20000, 1)])
def test_support_enumeration_of_a_flat_game_is_stopped(shape):
    """Support enumeration of the all-zero 1x20,000 game passed its work estimate (20,000
    support pairs) and then built 20,000 exact profiles of 20,001 Fractions each: over two
    minutes (killed), tens of GB. It now stops when the list is over the time budget."""
    with budget(max_seconds=2):
        with pytest.raises(BudgetError, match=r"support enumeration of a \d+x\d+ game: listing "
                                              r"\d+ equilibria of 20,001 probabilities"):
            support_enumeration(_zeros(shape))


def test_vertex_enumeration_refuses_a_long_list_before_building_it():
    """The all-zero 1x2000 game has 2,000 extreme equilibria; with a small time budget the
    list is refused once the vertices are matched, before any profile is built."""
    g = _zeros((1, 2000))
    with budget(max_seconds=1), pytest.raises(BudgetError, match="vertex enumeration of a "
                                                               "1x2000 game: listing 2,000"):
        vertex_enumeration(g)
    with budget(max_seconds=1), pytest.raises(BudgetError, match="listing"):
        nash_equilibria(g, method="support")


def test_small_degenerate_game_still_lists_every_equilibrium():
    g = _zeros((1, 30))
    assert len(vertex_enumeration(g)) == len(support_enumeration(g)) == 30
    assert len(nash_equilibria(g, method="pure")) == 30


def test_normalise_shares_one_zero():
    """The zeros of a sparse exact profile are one shared Fraction (they were 20,000 objects
    per equilibrium of a 1x20,000 game)."""
    x = normalise([0, 3, 0, 1])
    assert x == (0, Fraction(3, 4), 0, Fraction(1, 4))
    assert x[0] is x[2]


# ------------------------------------------------------------- payoffs of very different sizes
def _tiny_game():
    from govgames.games.io import game_from_json
    return game_from_json({"type": "normal_form", "players": ["A", "B"],
                           "strategies": [["x", "y"], ["u", "v"]],
                           "payoffs": {"A": [["1e-320", 0], [0, 1]], "B": [[1, 0], [0, 1]]}})


def test_polynomial_method_refuses_payoffs_beyond_a_float_in_one_line(tmp_path):
    """``1e-320`` (a float subnormal, so not refused as rounding to zero) next to ``1`` makes
    the common denominator 10**320: ``--method polynomial`` died with a traceback
    (OverflowError: int too large to convert to float, exit 1); the 2-player solvers' own
    call raised the same OverflowError in Python."""
    import subprocess
    import sys

    from govgames.games.errors import InputError
    from govgames.games.io import game_to_json
    from govgames.games.nplayer import enumerate_equilibria
    from govgames.games.twoplayer import two_player_equilibria

    g = _tiny_game()
    with pytest.raises(InputError, match="span too many orders of magnitude for the exact "
                                         "N-player solver .*about 10\\^320"):
        enumerate_equilibria(g)
    for method in ("vertex", "support", "lemke-howson"):
        with pytest.raises(InputError, match=f"orders of magnitude for method '{method}'"):
            two_player_equilibria(g, method=method)
    import json
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(game_to_json(g)))
    out = subprocess.run([sys.executable, "-m", "govgames", "solve", str(path), "--method",
                          "polynomial"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1 and "orders of magnitude" in out.stderr


def test_payoff_table_shows_large_floats_as_written():
    """A payoff 9.9e299 printed in the table as the 300 digits of its binary float
    (989999999999999992499036...), a number the user never wrote and not the exact payoff
    (99 * 10**298) the equilibria list."""
    g = NormalFormGame([[[9.9e299, 1.5], [2, 3]], [[1, 2], [3, 4]]])
    text = str(g)
    assert "9.9e+299, 1" in text and "98999" not in text and "1.5, 2" in text and "2, 3" in text


def test_value_command_prints_large_values_as_written(tmp_path):
    """``govgames value`` on a network with links of weight 1e300 printed each Shapley value
    as 100000000000000005250476025520442024870446858110815915491585411551180245798890819...,
    the digits of the binary float."""
    import subprocess
    import sys

    path = tmp_path / "net.json"
    path.write_text('{"type": "network", "edges": [["A", "B", 1e300], ["B", "C", 1e300], '
                    '["C", "A", 1e300]]}')
    out = subprocess.run([sys.executable, "-m", "govgames", "value", str(path), "--solution",
                          "shapley"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "1e+300" in out.stdout and "5250476" not in out.stdout


# ------------------------------------------------------------- budgets from the environment
@pytest.mark.parametrize("text", ["1.2.3G", ".", "1..5"])
def test_malformed_budget_amount_is_one_line_not_a_traceback(monkeypatch, text):
    """``GOVGAMES_MAX_MEMORY=1.2.3G`` (and ``budget(max_memory="1.2.3G")``) raised
    ``ValueError: could not convert string to float: '1.2.3'`` (a traceback, exit 1)."""
    from govgames.games.budget import max_memory
    from govgames.games.errors import InputError

    with pytest.raises(InputError, match="is not an amount such as 4G"):
        with budget(max_memory=text):
            pass
    monkeypatch.setenv("GOVGAMES_MAX_MEMORY", text)
    with pytest.raises(InputError, match="GOVGAMES_MAX_MEMORY=.* is not an amount"):
        max_memory()


def test_seconds_budget_from_the_environment_takes_no_memory_units(monkeypatch):
    """``GOVGAMES_MAX_SECONDS=5G`` was read as 5 GiB = 5,368,709,120 seconds, while
    ``budget(max_seconds="5G")`` refused it."""
    from govgames.games.budget import max_seconds
    from govgames.games.errors import InputError

    monkeypatch.setenv("GOVGAMES_MAX_SECONDS", "5G")
    with pytest.raises(InputError, match="GOVGAMES_MAX_SECONDS='5G' is not a number of seconds"):
        max_seconds()
    monkeypatch.setenv("GOVGAMES_MAX_SECONDS", " 12.5 ")
    assert max_seconds() == 12.5


def test_huge_exact_payoffs_print_compactly_and_support_enumeration_is_silent(tmp_path, capsys):
    from fractions import Fraction

    from govgames.analyses.cli import main
    from govgames.games import nash_equilibria
    from govgames.games.io import read_game
    from govgames.games.numbers import fraction_text

    assert fraction_text(Fraction(2, 3)) == "2/3"
    assert fraction_text(Fraction(-10**400)) == "~-10^400"
    path = tmp_path / "huge.json"
    path.write_text('{"type": "normal_form", "players": ["A", "B"], "strategies": '
                    '[["a1", "a2"], ["b1", "b2"]], "payoffs": [[["9.9e299", "0"], '
                    '["0", "1e299"]], [["1e299", "0"], ["0", "9.9e299"]]]}')
    assert main(["solve", str(path), "--method", "support"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "~9.08257e+298, ~9.08257e+298" in out and "00000000000" not in out
    eqs = nash_equilibria(read_game(path))
    assert "~9.08257e+298" in str(eqs[1])
    assert eqs[1].exact_payoffs[0] == Fraction(99 * 10**299, 109)      # exact value kept
