"""Adapters to the peers (QuantEcon, pygambit, nashpy, coopgame-py) round-trip random games, and
the constructor refuses input it would otherwise misread."""
from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import InputError, NormalFormGame
from govgames.games.testing.strategies import normal_form_games, two_player_games
from govgames.networks import CoalitionalGame, shapley_value
from govgames.networks.testing import assert_allocation_equal
from govgames.networks.testing.strategies import coalitional_games, weighted_voting_games

SETTINGS = settings(max_examples=40, deadline=None)
fractions = st.fractions(min_value=-20, max_value=20, max_denominator=7)


def same_payoffs(g, h):
    return g.shape == h.shape and all(
        Fraction(a) == Fraction(b) for a, b in zip(g.exact_payoffs().flat, h.exact_payoffs().flat))


# ---------------------------------------------------------------- QuantEcon
@SETTINGS
@given(normal_form_games(min_players=2, max_players=4, max_strategies=3))
def test_quantecon_round_trip(g):
    gt = pytest.importorskip("quantecon.game_theory")
    qe = g.to_quantecon()
    assert isinstance(qe, gt.NormalFormGame)
    assert qe.nums_actions == g.shape
    # QuantEcon's own reading: player i's payoff_array has i's action first, then i+1, ...
    P = g.numeric_payoffs()
    for i, player in enumerate(qe.players):
        order = [(i + k) % g.n_players for k in range(g.n_players)]
        assert np.array_equal(player.payoff_array, np.transpose(P[i], order))
    h = NormalFormGame.from_quantecon(qe, players=g.players, strategies=g.strategies)
    assert h == g


@SETTINGS
@given(st.data())
def test_quantecon_pure_equilibria_agree(data):
    gt = pytest.importorskip("quantecon.game_theory")
    from govgames.games import pure_nash_equilibria

    g = data.draw(normal_form_games(min_players=2, max_players=3, elements=st.integers(-2, 2)))
    ours = sorted(tuple(g.strategy_index(i, s) for i, s in enumerate(e.pure_profile))
                  for e in pure_nash_equilibria(g))
    theirs = sorted(tuple(int(a) for a in p) for p in gt.pure_nash_brute(g.to_quantecon()))
    assert ours == theirs


def test_quantecon_one_player_and_from_its_object():
    pytest.importorskip("quantecon")
    g = NormalFormGame([[3, 1, 2]])
    assert NormalFormGame.from_quantecon(g.to_quantecon()) == g


def test_quantecon_layout_is_refused_when_the_shape_tells():
    gt = pytest.importorskip("quantecon.game_theory")
    qe = gt.NormalFormGame(np.arange(2 * 3 * 3 * 3, dtype=float).reshape(2, 3, 3, 3))
    with pytest.raises(InputError, match="from_quantecon"):
        NormalFormGame(qe.payoff_profile_array)
    with pytest.raises(InputError, match=r"quantecon game .*NormalFormGame.from_quantecon"):
        NormalFormGame(qe)


# ---------------------------------------------------------------- pygambit
@SETTINGS
@given(normal_form_games(min_players=1, max_players=3, elements=st.one_of(st.integers(-9, 9),
                                                                           fractions),
                         named=True))
def test_pygambit_round_trip_keeps_names_and_exact_payoffs(g):
    pytest.importorskip("pygambit")
    gg = g.to_pygambit()
    assert list(gg.players) == list(g.players)
    for p, names in zip(g.players, g.strategies):
        assert gg.get_strategies(p) == list(names)
    h = NormalFormGame.from_pygambit(gg)
    assert h.players == g.players and h.strategies == g.strategies
    assert same_payoffs(g, h)


def test_pygambit_from_its_own_game_and_float_decimals():
    gbt = pytest.importorskip("pygambit")
    gg = gbt.StrategicGame.from_dict({"Up": [[0.1, 2], [3, 4]], "Down": [[1, 0], [0, 1]]},
                                     title="river")
    g = NormalFormGame.from_pygambit(gg)
    assert g.title == "river" and g.players == ("Up", "Down")
    assert g.exact_payoffs()[0, 0, 0] == Fraction(1, 10)
    assert NormalFormGame.from_pygambit(g.to_pygambit()) == g
    with pytest.raises(InputError, match="from_pygambit"):
        NormalFormGame(gg)


def test_pygambit_extensive_game_is_refused():
    gbt = pytest.importorskip("pygambit")
    import io

    efg = ('EFG 2 R "tree" { "A" "B" }\n'
           'p "" 1 1 "" { "L" "R" } 0\n'
           't "" 1 "" { 1, 0 }\n'
           't "" 2 "" { 0, 1 }\n')
    tree = gbt.read_efg(io.StringIO(efg))
    with pytest.raises(InputError, match="StrategicGame"):
        NormalFormGame.from_pygambit(tree)


# ---------------------------------------------------------------- nashpy
@SETTINGS
@given(two_player_games(1, 4))
def test_nashpy_round_trip(g):
    nashpy = pytest.importorskip("nashpy")
    ng = g.to_nashpy()
    assert isinstance(ng, nashpy.Game)
    h = NormalFormGame.from_nashpy(ng, players=g.players, strategies=g.strategies)
    assert h == g


def test_nashpy_needs_two_players_and_object_is_refused_by_constructor():
    nashpy = pytest.importorskip("nashpy")
    with pytest.raises(InputError, match="2-player"):
        NormalFormGame(np.zeros((3, 2, 2, 2))).to_nashpy()
    with pytest.raises(InputError, match="from_nashpy"):
        NormalFormGame(nashpy.Game([[1, 0], [0, 1]]))


def test_missing_peer_names_the_extra():
    # a fresh interpreter in which importing quantecon fails
    code = ("import sys; sys.modules['quantecon'] = None\n"
            "from govgames.games import NormalFormGame\n"
            "try:\n    NormalFormGame([[[1]], [[1]]]).to_quantecon()\n"
            "except ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120).stdout
    assert "pip install 'govgames[quantecon]'" in out


# ---------------------------------------------------------------- pandas
def test_dataframes_keep_their_labels():
    pd = pytest.importorskip("pandas")
    idx, cols = ["Abate", "Pollute"], ["Treat", "Ignore"]
    A = pd.DataFrame([[3, 0], [5, 1]], index=pd.Index(idx, name="Upstream"),
                     columns=pd.Index(cols, name="Downstream"))
    B = pd.DataFrame([[3, 5], [0, 1]], index=A.index, columns=A.columns)
    g = NormalFormGame([A, B])
    assert g.players == ("Upstream", "Downstream")
    assert g.strategies == (tuple(idx), tuple(cols))
    assert g.payoff(("Pollute", "Treat")).tolist() == [5.0, 0.0]
    pairs = pd.DataFrame([[(3, 3), (0, 5)], [(5, 0), (1, 1)]], index=idx, columns=cols)
    h = NormalFormGame(pairs, players=["U", "D"])
    assert h.strategies == g.strategies and h.payoff(("Abate", "Ignore")).tolist() == [0.0, 5.0]
    with pytest.raises(InputError, match="one DataFrame per player"):
        NormalFormGame(A)
    with pytest.raises(InputError, match="different row or column labels"):
        NormalFormGame([A, B.iloc[::-1]])


# ---------------------------------------------------------------- coopgame-py
@SETTINGS
@given(coalitional_games(1, 5))
def test_coopgame_round_trip(g):
    pytest.importorskip("coopgame")
    h = CoalitionalGame.from_coopgame(g.to_coopgame(), players=g.players)
    assert h.players == g.players and np.array_equal(h.values, g.values)


@SETTINGS
@given(weighted_voting_games(2, 6))
def test_coopgame_shapley_agrees(g):
    coopgame = pytest.importorskip("coopgame")
    theirs = coopgame.shapley(g.to_coopgame())
    assert_allocation_equal(shapley_value(g), theirs, tol=1e-9, game=g)
