"""QA s26: the sweep names a misspelt *fixed* parameter as fixed and explains positional-only
parameters; an equilibrium prints every strategy of its exact support, however small."""
from fractions import Fraction

import pytest

from govgames.games import NormalFormGame, nash_equilibria
from govgames.games.errors import InputError
from govgames.games.sweep import sweep


def _gain(T, R):
    return {"g": T - R}


def test_a_misspelt_fixed_parameter_is_called_fixed():
    with pytest.raises(InputError, match=r"cannot take the fixed parameter 'Rr'"):
        sweep(_gain, {"T": [1, 2]}, fixed={"Rr": 1})


def test_a_misspelt_grid_parameter_is_called_grid():
    with pytest.raises(InputError, match=r"cannot take the grid parameter 'Tt'"):
        sweep(_gain, {"Tt": [1, 2]}, fixed={"R": 1})


def test_positional_only_parameters_are_explained():
    def f(x, /):
        return x
    with pytest.raises(InputError, match=r"x only by position; sweep gives parameters by name"):
        sweep(f, {"x": [1, 2]})


def test_an_exact_probability_below_the_float_floor_is_printed():
    # the row player is indifferent only when the column player puts 1/(10^20 + 1) on column 0
    big = 10**20
    g = NormalFormGame.from_arrays([[big, 0], [0, 1]], [[0, 1], [1, 0]])
    (e,) = nash_equilibria(g)
    assert e.exact_profile[1][0] == Fraction(1, big + 1)
    assert len(e.support[1]) == 2
    # both columns are printed, as in the support (the float floor dropped the tiny one)
    assert e._player_text(1).count(" + ") == 1, e._player_text(1)
    assert "1/100000000000000000001" in str(e) or "e-20" in str(e), str(e)
