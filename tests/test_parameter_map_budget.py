"""parameter_map(method="pure") consults the budget module before it builds the grid: the
estimates are checked against the memory numpy actually allocates (tracemalloc) and against
operation counts written out here, and an oversized grid is refused with a one-line hint."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pytest
import sympy as sp
from govgames.games import NormalFormGame
from govgames.games.budget import BudgetError, budget, pure_map_bytes, pure_map_steps
from govgames.games.errors import InputError
from govgames.games.symbolic import parameter_map
from hypothesis import given, settings, strategies as st

c, t = sp.symbols("c t")


def _transfer_game():
    """A 2x2 game in two parameters (abatement cost c, transfer t)."""
    return NormalFormGame([[[1 - c + t, 1 - c + t], [0, 1]], [[1 - t, -t], [1, 0]]],
                          players=["Up", "Down"], strategies=[["Abate", "Pollute"], ["Pay", "Not"]])


def test_huge_grid_is_refused_before_any_array_is_built():
    axis = np.linspace(0, 1, 200_000)          # 4e10 points: 8 TB for the coordinates alone
    start = time.process_time()
    with pytest.raises(BudgetError) as err:
        parameter_map(_transfer_game(), {"c": axis, "t": axis})
    assert time.process_time() - start < 5
    msg = str(err.value)
    assert "\n" not in msg
    assert "2x2 game on a 200000 x 200000 grid (40,000,000,000 points)" in msg
    assert "coarser grid" in msg and "budget(max_memory=...)" in msg
    assert isinstance(err.value, InputError)


def test_work_budget_refuses_and_raising_it_allows_the_map():
    grid = {"c": np.linspace(0, 2, 50), "t": np.linspace(0, 2, 40)}
    g = _transfer_game()
    with budget(max_work=1000), pytest.raises(BudgetError, match="steps.*coarser grid"):
        parameter_map(g, grid)
    steps = pure_map_steps(2000, g.shape, np.asarray(g.payoff_array).ravel())
    with budget(max_work=steps):                 # exactly at the budget: allowed
        m = parameter_map(g, grid)
    assert m.labels.shape == (50, 40)
    with budget(max_work=steps - 1), pytest.raises(BudgetError):
        parameter_map(g, grid)


def test_memory_budget_override_names_the_estimate():
    grid = {"t": np.linspace(0, 2, 1000)}
    g = _transfer_game().subs({"c": 1})
    need = pure_map_bytes(1000, g.shape, 1)
    with budget(max_memory=need - 1), pytest.raises(BudgetError, match="memory budget"):
        parameter_map(g, grid)
    with budget(max_memory=need):
        assert parameter_map(g, grid).labels.shape == (1000,)


def test_steps_count_operations_by_hand():
    # entries: 1 - c + t (2 ops) twice, 0 and 1 (1 each), 1 - t (1), -t (1), 1 and 0 (1 each)
    g = _transfer_game()
    ops = 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1
    comparisons = 2 * 2 * 4
    assert pure_map_steps(7, g.shape, np.asarray(g.payoff_array).ravel()) == 7 * (ops + comparisons)


@pytest.mark.parametrize("shape", [(2, 2), (3, 4), (2, 2, 3)])
def test_memory_estimate_bounds_the_measured_peak(shape):
    rng = np.random.default_rng(3)
    payoffs = [(rng.integers(-3, 4, size=shape) + rng.integers(1, 3) * t).tolist()
               for _ in shape]
    g = NormalFormGame(payoffs)
    axis = np.linspace(0, 2, 20_000)
    parameter_map(g, {"t": axis[:10]})           # warm up (lambdify, imports)
    tracemalloc.start()
    try:
        parameter_map(g, {"t": axis})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    estimate = pure_map_bytes(axis.size, shape, 1)
    assert peak <= estimate <= 4 * peak


@settings(max_examples=25)
@given(points=st.integers(1, 10**6), shape=st.lists(st.integers(1, 6), min_size=2, max_size=3),
       n_grid=st.integers(1, 2))
def test_estimates_grow_linearly_in_the_points(points, shape, n_grid):
    one = pure_map_bytes(1, shape, n_grid)
    assert pure_map_bytes(points, shape, n_grid) == pytest.approx(points * one)
    profiles = int(np.prod(shape))
    # at least one payoff table and the mask per point
    assert one >= 8 * len(shape) * profiles + profiles
    entries = [0] * (len(shape) * profiles)
    assert pure_map_steps(points, shape, entries) == points * (len(entries)
                                                               + 2 * len(shape) * profiles)
