"""parameter_map with a full solve per point (method != "pure"): mixed equilibria, executors."""
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from govgames.games.errors import InputError
from govgames.games.game import NormalFormGame
from govgames.games.solve import nash_equilibria
from govgames.games.symbolic import MAX_SOLVED_POINTS, parameter_map

b, c = sp.symbols("b c")


def coordination():
    """A stag hunt whose stag payoff ``b`` moves: 3 equilibria for b > 1, one for b < 1."""
    return NormalFormGame([[[b, 0], [1, 1]], [[b, 1], [0, 1]]], players=["A", "B"],
                          strategies=[["Stag", "Hare"], ["Stag", "Hare"]])


def test_full_solve_agrees_with_pure_map_on_pure_profiles():
    g = coordination()
    grid = {"b": np.linspace(0.0, 3.0, 13)}
    pure = parameter_map(g, grid)
    full = parameter_map(g, grid, method="all")
    assert np.array_equal(pure.equilibria, full.equilibria)
    names = full.region_names()
    at = {float(x): names[full.labels[k]] for k, x in enumerate(grid["b"])}
    assert at[0.5] == "(Hare, Hare)"
    assert at[2.0] == "(Stag, Stag) + (Hare, Hare) + mixed on {Stag, Hare} x {Stag, Hare}"


def test_each_point_matches_an_independent_solve():
    g = NormalFormGame([[[b, 0], [0, 1]], [[1, 0], [0, c]]])  # battle of the sexes family
    grid = {"b": [Fraction(1, 2), 1, 2], "c": [1, 3]}
    m = parameter_map(g, grid, method="vertex")
    for i, bv in enumerate(grid["b"]):
        for j, cv in enumerate(grid["c"]):
            eqs = nash_equilibria(g.subs({"b": bv, "c": cv}), method="vertex")
            assert len(m.regions[m.labels[i, j]]) == len(eqs)


def test_executor_gives_the_same_map():
    g = coordination()
    grid = {"b": np.linspace(-1, 2, 7), }
    serial = parameter_map(g, grid, method="all", progress=False)
    with ThreadPoolExecutor(3) as ex:
        spread = parameter_map(g, grid, method="all", executor=ex, progress=False)
    assert serial.regions == spread.regions
    assert np.array_equal(serial.labels, spread.labels)


def test_bad_method_and_huge_grid_are_refused():
    g = coordination()
    with pytest.raises(InputError, match="unknown method 'nope'"):
        parameter_map(g, {"b": [1.0]}, method="nope")
    n = int(MAX_SOLVED_POINTS ** 0.5) + 2
    g2 = NormalFormGame([[[b, 0], [0, c]], [[1, 0], [0, 1]]])
    with pytest.raises(InputError, match="grid points to solve one by one"):
        parameter_map(g2, {"b": np.arange(n), "c": np.arange(n)}, method="all")


def test_points_where_payoffs_are_not_finite_are_named():
    g = NormalFormGame([[[1 / b, 0], [1, 1]], [[b, 1], [0, 1]]])
    with pytest.raises(InputError, match="grid point b = 0"):
        parameter_map(g, {"b": [0, 1]}, method="all")
    with pytest.raises(InputError, match="finite numbers"):
        parameter_map(g, {"b": ["a", "b"]}, method="all")
