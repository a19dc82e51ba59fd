"""Bargaining: Rubinstein (with outside options and breakdown) and Nash, checked independently."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, decision, subgame_perfect_payoffs,
                                      terminal)
from govgames.games.extensive.bargaining import (nash_bargaining, rubinstein, rubinstein_time,
                                                 split_surplus, surplus_bargaining)

fractions = st.fractions(min_value=Fraction(1, 20), max_value=Fraction(19, 20), max_denominator=20)


@settings(max_examples=60)
@given(d1=fractions, d2=fractions)
def test_rubinstein_closed_form(d1, d2):
    r = rubinstein(d1, d2)
    assert r.shares[0] == (1 - d2) / (1 - d1 * d2)
    assert r.shares[1] == d2 * (1 - d1) / (1 - d1 * d2)
    r2 = rubinstein(d1, d2, first=1)
    assert r2.shares[1] == (1 - d1) / (1 - d1 * d2)


def test_rubinstein_symbolic_formula():
    d1, d2 = sp.symbols("delta1 delta2", positive=True)
    r = rubinstein(d1, d2)
    assert sp.simplify(r.shares[0] - (1 - d2) / (1 - d1 * d2)) == 0


def two_rounds(d1, d2, units, cont):
    """Two rounds of offers over ``units`` indivisible units; after two rejections the play ends
    with ``cont`` (the continuation payoffs, discounted twice)."""
    def node(k):
        if k == 2:
            return terminal(d1 ** 2 * cont[0], d2 ** 2 * cont[1])
        mover = k % 2
        disc = [d1 ** k, d2 ** k]
        moves = {}
        for keep in range(units + 1):
            share = Fraction(keep, units)
            pay = [0, 0]
            pay[mover] = disc[mover] * share
            pay[1 - mover] = disc[1 - mover] * (1 - share)
            moves[str(keep)] = decision(1 - mover, {"accept": terminal(pay), "reject": node(k + 1)})
        return decision(mover, moves)
    return ExtensiveGame(["1", "2"], node(0))


def test_rubinstein_shares_are_a_fixed_point_of_backward_induction():
    # with Rubinstein's shares as the continuation after two rounds, backward induction on the
    # tree (an independent solver) makes player 1 offer exactly Rubinstein's split again
    d1, d2 = Fraction(9, 10), Fraction(4, 5)
    r = rubinstein(d1, d2)
    assert r.shares == (Fraction(5, 7), Fraction(2, 7))
    g = two_rounds(d1, d2, 14, r.shares)
    values = subgame_perfect_payoffs(g)   # ties: many equilibria, counted without listing
    assert max(values) == r.shares
    assert all(v[0] <= r.shares[0] for v in values)


@settings(max_examples=60)
@given(d1=fractions, d2=fractions, w2=st.fractions(0, Fraction(9, 10), max_denominator=20))
def test_outside_option_principle(d1, d2, w2):
    base = rubinstein(d1, d2)
    r = rubinstein(d1, d2, outside=(None, w2))
    if w2 <= base.shares[1]:          # below the Rubinstein responder share: irrelevant
        assert r.shares == base.shares and not r.binding
    else:                              # above: the responder gets exactly his option
        assert r.shares == (1 - w2, w2) and r.binding == ["player 2's outside option"]


@settings(max_examples=60)
@given(d1=fractions, d2=fractions, p=st.fractions(0, 1, max_denominator=10),
       b1=st.fractions(0, Fraction(1, 2), max_denominator=10),
       b2=st.fractions(0, Fraction(1, 2), max_denominator=10),
       w=st.tuples(st.none() | st.fractions(0, Fraction(1, 2), max_denominator=10),
                   st.none() | st.fractions(0, Fraction(2, 5), max_denominator=10)))
def test_stationary_solution_satisfies_the_indifference_conditions(d1, d2, p, b1, b2, w):
    if b1 + b2 >= 1:
        return
    r = rubinstein(d1, d2, outside=w, breakdown=p, disagreement=(b1, b2))
    x = r.proposer_shares
    d, b = (d1, d2), (b1, b2)
    for i in range(2):
        j = 1 - i
        reject = d[j] * ((1 - p) * x[j] + p * b[j])
        best = reject if w[j] is None else max(w[j], reject)
        assert 1 - x[i] == best   # the responder is exactly indifferent: the offer is minimal
    # value iteration (independent) converges to the same point
    y = [Fraction(1, 2), Fraction(1, 2)]
    yf = [0.5, 0.5]
    for _ in range(3000):
        new = []
        for i in range(2):
            j = 1 - i
            reject = float(d[j]) * ((1 - float(p)) * yf[j] + float(p) * float(b[j]))
            new.append(1 - (reject if w[j] is None else max(float(w[j]), reject)))
        yf = new
    assert abs(yf[0] - float(x[0])) < 1e-6 and abs(yf[1] - float(x[1])) < 1e-6


def test_breakdown_without_discounting_gives_split_the_difference():
    # Binmore, Rubinstein and Wolinsky (1986): as the breakdown risk vanishes, Nash with the
    # disagreement point; with p small the first proposer's advantage is small
    r = rubinstein(Fraction(999999, 1000000), Fraction(999999, 1000000),
                   breakdown=Fraction(1, 1000), disagreement=(Fraction(1, 5), 0))
    nbs = split_surplus(1, [Fraction(1, 5), 0])
    assert abs(float(r.shares[0]) - float(nbs.shares[0])) < 1e-3


@pytest.mark.parametrize("r1, r2", [(1.0, 1.0), (1.0, 3.0), (0.2, 0.05)])
def test_rubinstein_time_tends_to_asymmetric_nash(r1, r2):
    nbs = nash_bargaining([(0, 1), (1, 0)], weights=(Fraction(r2).limit_denominator(100),
                                                     Fraction(r1).limit_denominator(100)))
    errors = [abs(rubinstein_time(r1, r2, dt).shares[0] - float(nbs.shares[0]))
              for dt in (1.0, 0.1, 0.01, 0.001)]
    assert errors[-1] < 1e-3 and all(a >= b for a, b in zip(errors, errors[1:]))


@settings(max_examples=40)
@given(pts=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=2, max_size=6),
       a=st.fractions(Fraction(1, 5), Fraction(4, 5), max_denominator=5))
def test_nash_bargaining_against_a_fine_search(pts, a):
    try:
        r = nash_bargaining(pts, weights=(a, 1 - a))
    except InputError:
        # then no mixture of two points gives both players a positive gain
        for P, Q in itertools.combinations(pts, 2):
            for t in np.linspace(0, 1, 101):
                assert min((1 - t) * P[0] + t * Q[0], (1 - t) * P[1] + t * Q[1]) <= 1e-12
        return
    u = r.shares
    best = float(u[0]) ** float(a) * float(u[1]) ** float(1 - a)
    # every mixture of two points on a grid is no better
    for P, Q in itertools.combinations(pts, 2):
        for t in np.linspace(0, 1, 101):
            x, y = (1 - t) * P[0] + t * Q[0], (1 - t) * P[1] + t * Q[1]
            if x > 0 and y > 0:
                assert x ** float(a) * y ** float(1 - a) <= best + 1e-9


def test_nash_bargaining_errors_and_split_surplus():
    with pytest.raises(InputError, match="no feasible point"):
        nash_bargaining([(0, 0), (1, 0)])
    with pytest.raises(InputError, match="nothing to gain"):
        split_surplus(1, [1, 1])
    with pytest.raises(InputError, match="delta2 must be in"):
        rubinstein("1/2", 1)
    assert split_surplus(12, [0, 3, 3], weights=[2, 1, 1]).shares == (3, 9 / Fraction(2), 9 / Fraction(2))


def test_surplus_bargaining_on_a_coalitional_game():
    from govgames.networks import CoalitionalGame

    g = CoalitionalGame(["Up", "Down"], [0, 1, 2, 9])
    r = surplus_bargaining(g)
    assert r.shares == (4, 5)
