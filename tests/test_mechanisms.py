"""Policy levers: payoff changes by hand, composition, commutation, thresholds."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import InputError, NormalFormGame, dilemmas
from govgames.games.mechanisms import (conditional_transfer, enforcement, evaluation_weights, penalty,
                              profile_mask, subsidy, transfer)
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import equilibrium_conditions, threshold


def eq_set(game):
    return {e.pure_profile for e in pure_nash_equilibria(game)}


def random_game(seed, shape=(2, 3)):
    rng = np.random.default_rng(seed)
    P = rng.integers(-5, 6, size=(len(shape),) + shape).astype(float)
    return NormalFormGame(P, players=["A", "B", "C"][:len(shape)],
                          strategies=[[f"x{k}" for k in range(a)] for a in shape])


def river():
    return NormalFormGame([[[-3, -3], [0, 0]], [[5, 1], [0, -4]]], players=["Anhui", "Zhejiang"],
                          strategies=[["Abate", "Pollute"], ["Clean", "Idle"]])


# ---------------------------------------------------------------------- transfers
@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10**6), st.integers(-10, 10))
def test_unconditional_transfer_keeps_equilibria_and_total(seed, amount):
    g = random_game(seed)
    h = transfer(g, "A", "B", amount)
    assert eq_set(h) == eq_set(g)
    assert np.allclose(h.numeric_payoffs().sum(axis=0), g.numeric_payoffs().sum(axis=0))
    assert np.allclose(h.numeric_payoffs()[0], g.numeric_payoffs()[0] - amount)


def test_xinan_bet_reverses_direction_by_outcome():
    g = river()
    bet = conditional_transfer(g, "Zhejiang", "Anhui", 1, when="Abate", otherwise=-1)
    P, Q = g.numeric_payoffs(), bet.numeric_payoffs()
    # Anhui receives 1 when it abates, pays 1 when it pollutes, whatever Zhejiang does
    assert np.allclose(Q[0] - P[0], [[1, 1], [-1, -1]])
    assert np.allclose(Q[1] - P[1], [[-1, -1], [1, 1]])
    # without the bet Anhui pollutes; with a stake m the bet makes it abate iff 2 m >= 3
    m = sp.Symbol("m", positive=True)
    sym = conditional_transfer(g, "Zhejiang", "Anhui", m, when={"Anhui": "Abate"}, otherwise=-m)
    th = threshold(equilibrium_conditions(sym, ("Abate", "Clean")), m)
    assert th.lower == sp.Rational(3, 2)
    assert eq_set(g)  == {("Pollute", "Clean")}
    assert eq_set(sym.subs(m=2)) == {("Abate", "Clean")}
    assert eq_set(sym.subs(m=1)) == {("Pollute", "Clean")}


def test_conditional_transfer_on_profiles_and_callable():
    g = river()
    a = conditional_transfer(g, "Zhejiang", "Anhui", 2, when=[("Abate", "Clean")])
    b = conditional_transfer(g, "Zhejiang", "Anhui", 2,
                             when=lambda prof: prof == ("Abate", "Clean"))
    assert a == b
    assert np.allclose(a.numeric_payoffs()[0] - g.numeric_payoffs()[0], [[2, 0], [0, 0]])


# ---------------------------------------------------------------------- penalties / subsidies
def test_penalty_and_subsidy_by_hand():
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    h = penalty(g, "A", "Defect", 2.5)
    assert list(h.payoff(("Defect", "Cooperate"))) == [2.5, 0.0]
    assert list(h.payoff(("Cooperate", "Defect"))) == [0.0, 5.0]
    k = subsidy(g, "B", ["Cooperate"], 1)
    assert list(k.payoff(("Defect", "Cooperate"))) == [5.0, 1.0]


def test_minimal_fine_makes_cooperation_an_equilibrium():
    # PD (5, 3, 1, 0): defecting against a cooperator gains 2, so a fine f >= 2 on both
    f = sp.Symbol("f", positive=True)
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    h = penalty(penalty(g, "A", "Defect", f), "B", "Defect", f)
    th = threshold(equilibrium_conditions(h, ("Cooperate", "Cooperate")), f)
    assert th.lower == 2
    # numeric bisection
    lo, hi = 0.0, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        num = penalty(penalty(g, "A", "Defect", mid), "B", "Defect", mid)
        if ("Cooperate", "Cooperate") in eq_set(num):
            hi = mid
        else:
            lo = mid
    assert hi == pytest.approx(2.0, abs=1e-7)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5))
def test_additive_levers_commute(seed, x, y, z):
    g = random_game(seed, (2, 2, 2))
    ops = [lambda h: transfer(h, "A", "C", x),
           lambda h: penalty(h, "B", "x1", y),
           lambda h: subsidy(h, "C", {"A": "x0", "B": "x1"}, z),
           lambda h: conditional_transfer(h, "B", "A", y, when="x0", otherwise=x)]
    results = []
    for order in itertools.permutations(range(4)):
        h = g
        for k in order:
            h = ops[k](h)
        results.append(h.numeric_payoffs())
    for r in results[1:]:
        assert np.allclose(r, results[0])


def test_symbolic_levers_commute_exactly():
    t, f, s = sp.symbols("t f s", positive=True)
    g = dilemmas.upstream_downstream(b=1, c=3, s=4)
    a = penalty(transfer(subsidy(g, "Upstream", "Abate", s), "Downstream", "Upstream", t),
                "Downstream", "Pollute", f)
    b = subsidy(penalty(transfer(g, "Downstream", "Upstream", t), "Downstream", "Pollute", f),
                "Upstream", "Abate", s)
    assert a == b
    assert a.parameters == (f, s, t)


def test_levers_reproduce_central_intervention():
    # preempted mode = externality + subsidy g for complying + expected fine q f for shirking
    b, c, s, q, f, g_ = sp.symbols("b c s q f g", positive=True)
    base = dilemmas.transboundary_externality(b, c, s).with_names(
        strategies=[["Comply", "Shirk"]] * 2)
    built = base
    for pl in ("A", "B"):
        built = subsidy(built, pl, "Comply", g_)
        built = penalty(built, pl, "Shirk", q * f)
    direct = dilemmas.central_intervention(b, c, s, q, f, g=g_, mode="preempted")
    assert built == direct


def test_input_game_unchanged():
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    before = g.numeric_payoffs().copy()
    penalty(g, "A", "Defect", 3)
    transfer(g, "A", "B", 1)
    assert np.array_equal(g.numeric_payoffs(), before)


# ---------------------------------------------------------------------- evaluation weights
def test_evaluation_weights_moves_tournament_equilibrium():
    # a GDP tournament as a PD, a shared environmental indicator = number of cooperators
    g = dilemmas.prisoners_dilemma(2, 1, 0, -1, players=["A", "B"])
    env = [[2, 1], [1, 0]]
    w = sp.Symbol("w", nonnegative=True)
    h = evaluation_weights(g, {"environment": env}, w)
    # cooperate vs defect against C: (1-w)*1 + 2w vs (1-w)*2 + w -> w >= 1/2 ; against D the same
    th = threshold(equilibrium_conditions(h, ("Cooperate", "Cooperate")), w)
    assert th.lower == sp.Rational(1, 2)
    assert eq_set(h.subs(w=0.4)) == {("Defect", "Defect")}
    assert eq_set(h.subs(w=0.6)) == {("Cooperate", "Cooperate")}
    # weight 0 leaves the game unchanged; per-player and per-indicator weights
    assert evaluation_weights(g, {"env": env}, 0) == g
    k = evaluation_weights(g, {"env": env, "gdp": np.ones((2, 2, 2))},
                           {"A": {"env": 0.5}, "B": {"gdp": 1}}, normalise=False)
    assert list(k.payoff(("Cooperate", "Cooperate"))) == [2.0, 2.0]


# ---------------------------------------------------------------------- enforcement
def test_enforcement_threshold_and_conservation():
    p, D = sp.symbols("p D", positive=True)
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    h = enforcement(g, p, {"A": "Cooperate", "B": "Cooperate"}, D)
    # breaching gains 2 against a cooperator: the contract holds iff p D >= 2
    th = threshold(equilibrium_conditions(h, ("Cooperate", "Cooperate")), D)
    assert sp.simplify(th.lower - 2 / p) == 0
    # damages go to the victims: total payoff unchanged where someone kept the contract; with
    # no victim (both breach) each breacher loses p * D = 3 to a third party
    num = enforcement(g, 0.5, {"A": "Cooperate", "B": "Cooperate"}, 6)
    diff = num.numeric_payoffs().sum(axis=0) - g.numeric_payoffs().sum(axis=0)
    assert np.allclose(diff, [[0, 0], [0, -6]])
    assert eq_set(num) == {("Cooperate", "Cooperate")}
    third = enforcement(g, 0.5, {"A": "Cooperate", "B": "Cooperate"}, 6, to="third party")
    assert list(third.payoff(("Defect", "Cooperate"))) == [2.0, 0.0]
    assert list(third.payoff(("Defect", "Defect"))) == [-2.0, -2.0]


def test_enforcement_equals_conditional_transfers():
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    h = enforcement(g, 0.25, {"A": "Cooperate", "B": "Cooperate"}, 4)
    k = conditional_transfer(g, "A", "B", 1, when=[("Defect", "Cooperate")])
    k = conditional_transfer(k, "B", "A", 1, when=[("Cooperate", "Defect")])
    k = penalty(penalty(k, "A", [("Defect", "Defect")], 1), "B", [("Defect", "Defect")], 1)
    assert h == k


# ---------------------------------------------------------------------- errors
def test_bad_input():
    g = river()
    with pytest.raises(InputError, match="different players"):
        transfer(g, "Anhui", "Anhui", 1)
    with pytest.raises(InputError, match="unknown player"):
        transfer(g, "Anhui", "Jiangsu", 1)
    with pytest.raises(InputError, match="unknown strategy"):
        penalty(g, "Anhui", "Dump", 1)
    with pytest.raises(InputError, match="say whose"):
        profile_mask(g, "Abate")
    with pytest.raises(InputError, match="number or a sympy"):
        subsidy(g, "Anhui", "Abate", "lots")
    with pytest.raises(InputError, match="probability"):
        enforcement(g, 1.5, {"Anhui": "Abate"}, 1)
    with pytest.raises(InputError, match="shape"):
        evaluation_weights(g, {"env": [1, 2, 3]}, 0.5)
    with pytest.raises(InputError, match="unknown indicators"):
        evaluation_weights(g, {"env": np.zeros((2, 2))}, {"Anhui": {"gdp": 1}})
