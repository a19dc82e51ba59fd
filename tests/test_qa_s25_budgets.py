"""Regressions from the s25 budget QA round (docs/input-safety.md: anything accepted runs in
about a minute and bounded memory; /work/briefs/s25/qa2_findings.md)."""

import time

import numpy as np
import pytest

from govgames.games import NormalFormGame
from govgames.games.budget import BudgetError, max_work, vertex_enumeration_cost
from govgames.games.twoplayer import (is_degenerate, support_enumeration, two_player_equilibria,
                                      vertex_enumeration, vertex_enumeration_gen)


def _random(m, n, seed=0):
    return NormalFormGame(np.random.default_rng(seed).integers(-50, 51, (2, m, n)))


@pytest.mark.parametrize("shape", [(2, 20000), (20000, 2), (4, 200), (8, 40)])
def test_vertex_enumeration_counts_both_polytopes(shape):
    """Only the smaller polytope's bound was counted, but both are enumerated: a 1x20000 game
    (estimate 8e8) ran over 2 minutes in `govgames solve --method all|vertex|support|
    lemke-howson` (the degeneracy test), a 4x200 game over a minute, and an 8x40 game (compiled
    kernel) ran out of memory after 56 s at 2.3 GB. Now refused before any pivot."""
    g = NormalFormGame(np.zeros((2, *shape), dtype=int))
    m, n = shape
    assert vertex_enumeration_cost(m, n) > max_work()
    t = time.perf_counter()
    with pytest.raises(BudgetError, match=rf"polytopes of a {m}x{n} game"):
        vertex_enumeration(g)
    with pytest.raises(BudgetError):
        next(vertex_enumeration_gen(g))
    with pytest.raises(BudgetError):
        is_degenerate(g)
    assert time.perf_counter() - t < 10


@pytest.mark.parametrize("shape", [(1, 20000), (20000, 1)])
def test_one_sided_game_is_a_scan_but_its_polytopes_are_still_refused(shape):
    """A 1xn game is solved by a scan of the best responses (tests/test_one_sided_games.py);
    its polytopes (n + 1 vertices of n coordinates) are still estimated before they are
    listed, and the 20,000 equilibria of the all-zero game are refused as a list."""
    from govgames.games.twoplayer._exact import bimatrix_data
    from govgames.games.twoplayer.vertex import best_response_polytope_vertices

    g = NormalFormGame(np.zeros((2, *shape), dtype=int))
    with pytest.raises(BudgetError, match=r"polytopes of a"):
        best_response_polytope_vertices(bimatrix_data(g))
    assert is_degenerate(g)
    with pytest.raises(BudgetError, match=r"listing 20,000 equilibria"):
        vertex_enumeration(g)


@pytest.mark.parametrize("shape", [(1, 3000), (2, 300), (3, 100), (5, 58)])
def test_vertex_enumeration_still_accepts_what_runs_in_seconds(shape):
    """Measured 7-20 s each on one core (1x3000, 2x300, 3x100 in pure Python; 5x58 in the
    kernel)."""
    assert vertex_enumeration_cost(*shape) < max_work()


def test_one_row_game_support_method_skips_the_costly_exact_test():
    """two_player_equilibria(method='support') ran the exact degeneracy test (vertex
    enumeration of both polytopes) whenever min(m, n) <= 12 and the old estimate passed."""
    g = _random(1, 8000)
    t = time.perf_counter()
    res = two_player_equilibria(g, method="support")
    assert time.perf_counter() - t < 60
    assert any("pure strategies only" in note for note in res.notes) or res.degenerate


def test_small_wide_game_vertex_and_support_agree():
    g = _random(1, 300, seed=3)
    assert [e.exact_profile for e in vertex_enumeration(g)] == \
        [e.exact_profile for e in support_enumeration(g)]
