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
