"""Strategies, matches and tournaments (games.repeated.strategies / play)."""
import numpy as np
import pytest

from govgames.games import NormalFormGame
from govgames.games.errors import InputError
from govgames.games.repeated import (AllC, AllD, FunctionStrategy, GenerousTFT, Grim, MemoryOne, Random,
                            TitForTat, TitForTwoTats, WinStayLoseShift, basic_strategies,
                            classifier_table, play_match, round_robin_tournament)


def test_scalar_strategies():
    assert TitForTat().play("", "") == "C"
    assert TitForTat().play("CCC", "CCD") == "D"
    assert Grim().play("CCCC", "CDCC") == "D"
    assert Grim().play("CCCC", "CCCC") == "C"
    assert TitForTwoTats().play("CC", "DC") == "C"
    assert TitForTwoTats().play("CCC", "CDD") == "D"
    assert WinStayLoseShift().play("C", "D") == "D"
    assert WinStayLoseShift().play("D", "C") == "D"
    assert WinStayLoseShift().play("D", "D") == "C"
    assert AllD().play("C", "C") == "D" and AllC().play("D", "D") == "C"
    with pytest.raises(InputError):
        TitForTat().play("CX", "CC")
    with pytest.raises(InputError):
        MemoryOne(1, 0, 2, 0)


def test_known_matches():
    m = play_match(TitForTat(), AllD(), turns=10)
    assert m.history() == ("C" + "D" * 9, "D" * 10)
    m = play_match(WinStayLoseShift(), AllD(), turns=6)
    assert m.history() == ("CDCDCD", "DDDDDD")
    m = play_match(TitForTwoTats(), AllD(), turns=5)
    assert m.history() == ("CCDDD", "DDDDD")
    m = play_match(Grim(), MemoryOne(1, 1, 1, 1, initial=0, name="late"), turns=4)
    assert m.history() == ("CDDD", "DCCC")
    # payoffs: TFT vs AllD over 200 turns: (0 + 199)/200 and (5 + 199)/200
    m = play_match(TitForTat(), AllD(), turns=200)
    assert np.allclose(m.mean_payoffs, [199 / 200, 204 / 200])


def test_function_strategy_matches_builtin():
    tft = FunctionStrategy(lambda own, opp: opp[-1] if opp else "C", name="fTFT")
    opp = Random(0.5)
    a = play_match(tft, opp, turns=50, repetitions=3, seed=5)
    b = play_match(TitForTat(), opp, turns=50, repetitions=3, seed=5)
    assert np.array_equal(a.moves, b.moves)


def test_tournament_reproducible_from_seed():
    kw = dict(turns=100, repetitions=4, noise=0.05)
    a = round_robin_tournament(basic_strategies(), seed=42, **kw)
    b = round_robin_tournament(basic_strategies(), seed=42, **kw)
    c = round_robin_tournament(basic_strategies(), seed=43, **kw)
    assert np.array_equal(a.scores, b.scores)
    assert a.table.equals(b.table)
    assert not np.array_equal(a.scores, c.scores)


def test_deterministic_tournament_values():
    # without noise and random players, every repetition is the same and known by hand
    s = [AllC(), AllD(), TitForTat(), Grim(), TitForTwoTats(), WinStayLoseShift()]
    r = round_robin_tournament(s, turns=200, repetitions=3, seed=0)
    M = r.payoff_matrix
    assert M.loc["AllD", "AllC"] == 5 and M.loc["AllC", "AllD"] == 0
    assert M.loc["TitForTat", "AllD"] == pytest.approx(199 / 200)
    assert M.loc["TitForTwoTats", "AllD"] == pytest.approx(198 / 200)
    assert M.loc["WinStayLoseShift", "AllD"] == pytest.approx(0.5)
    assert M.loc["AllD", "WinStayLoseShift"] == pytest.approx(3.0)
    assert np.allclose(np.diag(M.loc[["AllC", "TitForTat", "Grim"], ["AllC", "TitForTat", "Grim"]]), 3)
    assert np.all(r.table["std"] == 0)
    # scores exclude self-play: AllD = mean of (5, 1 + 4/200, 1 + 4/200, 1 + 8/200, 3)
    expected = (5 + 1.02 + 1.02 + 1.04 + 3) / 5
    assert r.table.loc["AllD", "mean"] == pytest.approx(expected)
    assert list(r.table["rank"]) == sorted(r.table["rank"])


def test_noise_flips_moves_at_the_right_rate():
    m = play_match(AllC(), AllC(), turns=500, repetitions=20, noise=0.1, seed=3)
    rate = 1 - m.cooperation_rates.mean()
    assert abs(rate - 0.1) < 4 * np.sqrt(0.1 * 0.9 / (2 * 500 * 20))


def test_gtft_forgiveness_follows_the_stage():
    g = GenerousTFT()
    stage = NormalFormGame([[[4, 0], [6, 1]], [[4, 6], [0, 1]]],
                           strategies=[["C", "D"], ["C", "D"]])
    play_match(g, AllD(), stage=stage, turns=2)
    assert g.vector[1] == pytest.approx(min(1 - 2 / 4, 3 / 5))


def test_tournament_plot_and_table():
    import matplotlib.pyplot as plt
    r = round_robin_tournament(basic_strategies(), turns=20, repetitions=2, seed=1)
    ax = r.plot()
    assert len(ax.get_xticklabels()) == 8
    plt.close("all")
    t = classifier_table()
    assert t.loc["TitForTwoTats", "memory_depth"] == 2
    assert bool(t.loc["GenerousTFT", "stochastic"]) and not bool(t.loc["Grim", "stochastic"])


def test_bad_stage_and_inputs():
    asym = NormalFormGame([[[3, 0], [5, 1]], [[2, 5], [0, 1]]])
    with pytest.raises(InputError, match="symmetric"):
        round_robin_tournament([AllC(), AllD()], stage=asym)
    with pytest.raises(InputError):
        round_robin_tournament([AllC(), "TFT"])
    with pytest.raises(InputError):
        round_robin_tournament([AllC(), AllD()], turns=0)
    with pytest.raises(InputError):
        play_match(AllC(), AllD(), noise=1.5)
