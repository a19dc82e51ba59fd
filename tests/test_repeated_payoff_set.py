"""Feasible and individually rational payoffs (games.repeated.payoff_set)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from govgames.games import NormalFormGame, dilemmas
from govgames.games.errors import InputError
from govgames.games.repeated import payoff_set, plot_payoff_set


def test_prisoners_dilemma_region_by_hand():
    s = payoff_set(dilemmas.prisoners_dilemma(5, 3, 1, 0))
    # hull (0,5), (1,1), (5,0), (3,3); IR region (1,1), (13/3,1), (3,3), (1,13/3): area 20/3
    assert len(s.feasible) == 4
    assert s.area == pytest.approx(20 / 3)
    got = sorted(map(tuple, np.round(s.individually_rational, 9)))
    want = sorted([(1, 1), (13 / 3, 1), (3, 3), (1, 13 / 3)])
    assert np.allclose(got, want)
    assert s.contains([2, 2]) and s.contains([3, 3]) and not s.contains([3.5, 3.5])
    assert not s.contains([0.9, 4])


def test_mixed_minmax_point_and_degenerate_sets():
    # matching pennies: feasible set is the segment between (1,-1) and (-1,1); minmax (0,0)
    g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    s = payoff_set(g)
    assert np.allclose(s.minmax, [0, 0])
    assert len(s.feasible) == 2
    assert len(s.individually_rational) == 1 and np.allclose(s.individually_rational[0], [0, 0])
    assert s.area == 0
    with pytest.raises(InputError):
        s.contains([1, 2, 3])


def test_plot_and_errors():
    ax = plot_payoff_set(dilemmas.prisoners_dilemma(5, 3, 1, 0))
    assert ax.get_ylabel() == "payoff of B"
    plt.close("all")
    with pytest.raises(InputError):
        payoff_set(NormalFormGame.from_function(lambda p: [0, 0, 0], (2, 2, 2)))
