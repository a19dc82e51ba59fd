"""A 2-player game in which one player has a single strategy is a decision problem for the
other: vertex enumeration lists the other player's pure best responses in one scan (a 10000x1
game was refused as 3.5e9 worst-case polytope steps, and 2000x1 took 4 s), and the degeneracy
test is the pure one. Checked against the polytope enumeration on small games."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govgames.games import NormalFormGame, nash_equilibria
from govgames.games.budget import BudgetError, budget, vertex_enumeration_cost
from govgames.games.testing.strategies import normal_form_games
from govgames.games.twoplayer import is_degenerate, two_player_equilibria, vertex_enumeration
from govgames.games.twoplayer._exact import bimatrix_data
from govgames.games.twoplayer.degeneracy import degeneracy_witness
from govgames.games.twoplayer.vertex import _vertex_equilibria, best_response_polytope_vertices

one_sided = st.integers(1, 6).flatmap(
    lambda k: st.sampled_from([(1, k), (k, 1)])).flatmap(
    lambda shape: normal_form_games(shape=shape, elements=st.integers(-3, 3)))


@given(one_sided)
def test_one_sided_vertex_enumeration_equals_the_polytope_enumeration(g):
    data = bimatrix_data(g)
    polytopes = best_response_polytope_vertices(data)
    fast = [(e.exact_profile, e.exact_payoffs) for e in _vertex_equilibria(data)]
    slow = [(e.exact_profile, e.exact_payoffs) for e in _vertex_equilibria(data, polytopes)]
    assert fast == slow
    assert is_degenerate(g) == is_degenerate(g, polytopes)
    assert (degeneracy_witness(g) is None) == (degeneracy_witness(g, polytopes) is None)


def _big(shape, seed=0):
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_arrays(rng.integers(0, 100, shape), rng.integers(0, 100, shape))


@pytest.mark.parametrize("shape", [(10000, 1), (1, 10000)])
def test_a_10000_strategy_decision_problem_is_solved_not_refused(shape):
    g = _big(shape)
    k = shape[0] if shape[1] == 1 else shape[1]
    pay = (g.payoff_array[0][:, 0] if shape[1] == 1 else g.payoff_array[1][0, :]).astype(int)
    best = set(np.flatnonzero(pay == pay.max()).tolist())
    res = nash_equilibria(g)
    assert res.method == "vertex" and res.degenerate is (len(best) > 1)
    p = 0 if shape[1] == 1 else 1
    chosen = {g.strategies[p].index(e.support[p][0]) for e in res}
    assert chosen == best and len(res) == len(best)
    assert vertex_enumeration_cost(*shape) == float(k)
    assert len(two_player_equilibria(g, method="vertex")) == len(best)


def test_the_polytopes_of_a_one_sided_game_are_still_estimated():
    # n + 1 vertices of n coordinates: listing them is quadratic and stays refused
    data = bimatrix_data(_big((1, 10000)))
    with budget(max_work=2e9), pytest.raises(BudgetError, match="best-response polytopes"):
        best_response_polytope_vertices(data)


def test_ties_give_every_pure_best_response_in_order():
    g = NormalFormGame([[[0, 0, 0, 0]], [[2, 1, 2, 2]]])
    res = vertex_enumeration(g)
    assert [e.support[1] for e in res] == [("s1",), ("s3",), ("s4",)]
    assert two_player_equilibria(g).degenerate is True
