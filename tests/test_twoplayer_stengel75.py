"""Von Stengel's 6x6 bimatrix game with 75 equilibria (large payoffs).

B. von Stengel, "New maximal numbers of equilibria in bimatrix games", *Discrete and
Computational Geometry* 21 (1999), 557-568. The payoffs are those of the Gambit game catalog,
``catalog/games/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg``, bundled as
``games/examples/stengel_6x6_75_equilibria.nfg`` (payoff-list form: the row player's strategy
varies fastest, each outcome lists the row player's payoff first).
"""

from fractions import Fraction as F
from pathlib import Path

import pytest

from govgames import games
from govgames.games import is_equilibrium_exact, read_game
from govgames.games.twoplayer import (is_degenerate, lemke_howson_all, support_enumeration,
                             two_player_equilibria, vertex_enumeration)

EXAMPLE = Path(games.__file__).parent / "examples" / "stengel_6x6_75_equilibria.nfg"


def stengel_game():
    return read_game(EXAMPLE)


def test_the_file_lists_payoffs_first_player_fastest():
    A, B = stengel_game().numeric_payoffs()
    assert A[0, 0] == 9504 and B[0, 0] == 72336      # first outcome: (1, 1)
    assert A[1, 0] == -111771 and B[1, 0] == -461736  # second outcome: (2, 1)
    assert A[0, 1] == -660 and B[0, 1] == 48081       # seventh outcome: (1, 2)


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
