"""Finitely repeated games (games.repeated.finite)."""
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from govgames.games import NormalFormGame, dilemmas
from govgames.games.errors import InputError
from govgames.games.repeated import backward_induction, finite_horizon_cooperation


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 30), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_finitely_repeated_pd_defects_every_round(rounds, a, b, c):
    P, S = 1, 0
    R = P + a
    T = R + b + c
    g = dilemmas.prisoners_dilemma(T=T, R=R, P=P, S=S)
    r = backward_induction(g, rounds)
    assert r.unique_stage_equilibrium
    assert r.path == ["(Defect, Defect)"] * rounds
    assert r.payoffs == {"A": Fraction(P * rounds), "B": Fraction(P * rounds)}
    # no cooperation is possible in any round: nothing can reward it at the end
    c = finite_horizon_cooperation(g, ("Cooperate", "Cooperate"), rounds)
    assert c.cooperative_rounds == 0 and not c.feasible


def test_unique_mixed_stage_equilibrium():
    g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])  # matching pennies
    r = backward_induction(g, 3)
    assert r.unique_stage_equilibrium and len(r.path) == 3
    assert r.payoffs == {"Player 1": 0, "Player 2": 0}


def _cdx(reward=1, punish=0, temptation=5):
    A = [[4, 0, -2], [temptation, reward, -2], [0, 0, punish]]
    return NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)],
                                      strategies=[["C", "D", "X"], ["C", "D", "X"]])


def test_several_stage_equilibria_sustain_early_cooperation():
    g = _cdx()
    assert not backward_induction(g, 5).unique_stage_equilibrium
    r = finite_horizon_cooperation(g, ("C", "C"), 10)
    # gain 1, spread between (D, D) and the punishing equilibrium 1 - 0 = 1 -> one end round
    assert (r.cooperative_rounds, r.end_rounds) == (9, 1)
    assert r.path == ["(C, C)"] * 9 + ["(D, D)"]
    assert r.payoffs["Player 1"] == 9 * 4 + 1


@pytest.mark.parametrize("temptation,end", [(5, 1), (6, 2), (7, 3), (8, 4)])
def test_end_phase_grows_with_the_gain(temptation, end):
    # k >= gain / spread with spread 1 and gain temptation - 4
    r = finite_horizon_cooperation(_cdx(temptation=temptation), ("C", "C"), 20)
    assert r.end_rounds == end and r.cooperative_rounds == 20 - end


def test_short_horizon_no_cooperation():
    r = finite_horizon_cooperation(_cdx(temptation=8), ("C", "C"), 4)
    assert r.cooperative_rounds == 0


def test_bad_rounds():
    with pytest.raises(InputError):
        backward_induction(dilemmas.prisoners_dilemma(5, 3, 1, 0), 0)


def _play_out(P, profile, reward, pun, rounds, coop, deviator, t_dev, s_dev):
    """Total payoff of `deviator` when it plays s_dev in round t_dev (0-based) and conforms
    otherwise, under: target profile in rounds < coop, then `reward`; after a deviation by i,
    the pure equilibrium pun[i] in every later round (direct simulation of the strategy)."""
    total, punished = 0, None
    for t in range(rounds):
        if punished is not None:
            prof = pun[punished]
        else:
            prof = profile if t < coop else reward
        prof = list(prof)
        if t == t_dev:
            prof[deviator] = s_dev
            if punished is None and tuple(prof) != tuple(profile if t < coop else reward):
                punished = deviator
        total += P[(deviator,) + tuple(prof)]
    return total


@settings(max_examples=10, deadline=None)
@given(st.integers(5, 9), st.integers(2, 8))
def test_cooperation_path_is_subgame_perfect_by_direct_play(temptation, rounds):
    g = _cdx(temptation=temptation)
    P = g.exact_payoffs()
    r = finite_horizon_cooperation(g, ("C", "C"), rounds)
    C, D, X = 0, 1, 2
    pun = {0: (X, X), 1: (X, X)}

    def deterred(coop):
        for i in range(2):
            base = _play_out(P, (C, C), (D, D), pun, rounds, coop, i, -1, None)
            for t in range(coop):
                for s in range(3):
                    if _play_out(P, (C, C), (D, D), pun, rounds, coop, i, t, s) > base:
                        return False
        return True

    c = r.cooperative_rounds
    assert deterred(c)
    # one more cooperative round is not deterred (or impossible)
    assert c == rounds or not deterred(c + 1)
