"""Von Stengel's 6x6 bimatrix game with 75 equilibria (large payoffs).

B. von Stengel, "New maximal numbers of equilibria in bimatrix games", *Discrete and
Computational Geometry* 21 (1999), 557-568. The payoffs are those of the Gambit game catalog,
``catalog/games/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg`` (payoff-list form: the
row player's strategy varies fastest, each outcome lists the row player's payoff first).
"""

from fractions import Fraction as F

import numpy as np
import pytest

from govgames.games import NormalFormGame, is_equilibrium_exact
from govgames.games.twoplayer import (is_degenerate, lemke_howson_all, support_enumeration,
                             two_player_equilibria, vertex_enumeration)

PAYOFF_LIST = """
9504 72336 -111771 -461736 397584 1227336 171204 -1718376 1303104 1303104 737154 -453420
-660 48081 31680 -300036 -113850 774576 -45936 -1039236 -453420 737154 -227040 -227040
19976 29216 -130944 -178761 451176 451176 208626 -586476 1227336 397584 774576 -113850
-20526 14124 168124 -84436 -586476 208626 -263076 -263076 -1718376 171204 -1039236 -45936
1776 1776 -8514 -8976 29216 19976 14124 -20526 72336 9504 48081 -660
-8976 -8514 52764 52764 -178761 -130944 -84436 168124 -461736 -111771 -300036 31680
"""


def stengel_game():
    vals = [int(v) for v in PAYOFF_LIST.split()]
    A = np.zeros((6, 6), dtype=int)
    B = np.zeros((6, 6), dtype=int)
    for k in range(36):
        r, c = k % 6, k // 6
        A[r, c], B[r, c] = vals[2 * k], vals[2 * k + 1]
    return NormalFormGame([A, B], title="von Stengel (1999) 6x6 game with 75 equilibria")


def exact_set(eqs):
    return {(tuple(e.exact_profile[0]), tuple(e.exact_profile[1])) for e in eqs}


def test_vertex_enumeration_finds_75_certified_equilibria():
    g = stengel_game()
    res = two_player_equilibria(g)
    assert len(res) == 75
    assert res.degenerate is False and not is_degenerate(g)
    for e in res:
        assert is_equilibrium_exact(g, [list(e.exact_profile[0]), list(e.exact_profile[1])])
    assert len({(e.exact_profile[0], e.exact_profile[1]) for e in res}) == 75


def test_support_enumeration_finds_the_same_75():
    g = stengel_game()
    assert exact_set(support_enumeration(g)) == exact_set(vertex_enumeration(g))


def test_lemke_howson_results_are_among_them():
    g = stengel_game()
    lh = exact_set(lemke_howson_all(g))
    assert lh and lh <= exact_set(vertex_enumeration(g))


def test_agrees_with_gambit():
    gbt = pytest.importorskip("pygambit")
    g = stengel_game()
    A, B = g.numeric_payoffs()
    game = gbt.StrategicGame.from_arrays(A.astype(int), B.astype(int))
    res = gbt.nash.enummixed_solve(game, rational=True)
    theirs = {tuple(tuple(F(str(v)) for _, v in eq[p]) for p in game.players)
              for eq in res.equilibria}
    assert exact_set(vertex_enumeration(g)) == theirs
