"""QA round s25, continuous games: participation in the symbolic symmetric conditions (item 20)
and the cost of explicit games with many players (item 19)."""

import time

import numpy as np
import pytest
import sympy as sp

from govgames.games.budget import BudgetError, budget
from govgames.games.continuous import (ContinuousGame, cournot, nash_equilibria,
                                       public_good_contributions, symmetric_equilibria,
                                       tullock_contest)
from govgames.games.continuous import equilibria as eqm


# ---------------------------------------------------------------- 20: participation
def _interior(res):
    (e,) = [e for e in res if e.status[0][0] == "interior"]
    return e


def _holds(conds, **values):
    syms = {x.name: x for c in conds for x in c.free_symbols}
    sub = {syms[k]: v for k, v in values.items() if k in syms}
    return all(bool(c.subs(sub)) for c in conds)


def test_tullock_r2_symbolic_n_needs_n_at_most_2():
    res = symmetric_equilibria(tullock_contest(r=2))
    e = _interior(res)
    val = e.exact_profile[0][0]
    sym = {x.name: x for x in val.free_symbols}
    n, v = sym["n"], sym["v"]
    assert sp.simplify(val - 2 * v * (n - 1) / n**2) == 0
    # dropping out pays for n = 3, 4 (payoff v (2 - n) / n**2 < 0): only n = 2 is left
    assert _holds(e.conditions, n=2, v=1)
    assert not _holds(e.conditions, n=3, v=1)
    assert not _holds(e.conditions, n=4, v=1)
    assert any("participation" in note for note in res.notes)


def test_tullock_r1_symbolic_holds_for_every_n():
    res = symmetric_equilibria(tullock_contest(r=1))
    e = _interior(res)
    assert e.conditions == ()


def test_tullock_numeric_n3_r2_still_no_pure_equilibrium():
    res = symmetric_equilibria(tullock_contest(3, v=1, r=2))
    assert not res.found


def test_tullock_symbolic_r_upper_corner_refuted_by_participation():
    # all bidding the prize v pays v/n - v < 0; dropping out pays 0: not an equilibrium
    r = sp.Symbol("r", positive=True)
    res = symmetric_equilibria(tullock_contest(r=r))
    assert all(e.status[0][0] != "upper" for e in res)
    e = _interior(res)
    n = next(x for x in e.exact_profile[0][0].free_symbols if x.name == "n")
    assert e.conditions[0] == (n + r >= n * r)  # r <= n / (n - 1)


def test_quadratic_payoffs_get_no_participation_clutter():
    e = symmetric_equilibria(cournot())
    assert [tuple(map(str, x.conditions)) for x in e] == [("a >= c",), ("c >= a",)]
    pg = symmetric_equilibria(public_good_contributions())
    assert [len(x.conditions) for x in pg] == [2, 1, 1]
    assert not any("participation not decided" in note for note in pg.notes)


def test_participation_conditions_helper_can_refute():
    # an explicit symmetric game whose stationary point is a minimum of a convex payoff
    # would be dropped by the second-order test; here a cubic: the interior point is a local
    # maximum, but moving to the upper bound pays when k is large
    x1, x2, k = sp.symbols("x1 x2 k", positive=True)
    g = ContinuousGame([x1**3 - 3 * x1 + k * x2, x2**3 - 3 * x2 + k * x1],
                       [(-2, k), (-2, k)], variables=[x1, x2])
    conds = eqm._participation_conditions(g, [sp.Integer(-1)])
    # u(-1) = 2; u(k) = k**3 - 3k: participation needs k**3 - 3k <= 2, i.e. k <= 2
    sub = {k: 3}
    assert any(c.subs(sub) == sp.false for c in conds)
    assert all(c.subs({k: sp.Rational(3, 2)}) == sp.true for c in conds)


# ---------------------------------------------------------------- 19: many players
def _explicit_cournot(n, a=20, hi=10):
    xs = sp.symbols(f"x0:{n}", nonnegative=True)
    tot = sp.Add(*xs)
    return ContinuousGame([x * (a - tot) for x in xs], [(0, hi)] * n, variables=xs)


def test_iteration_stops_when_not_contracting():
    # a 2-cycle: each player's best response is the opposite corner of the other's choice
    x, y = sp.symbols("x y")
    g = ContinuousGame([-(x - (1 - y)) ** 2, -(y - x) ** 2], [(0, 1), (0, 1)],
                       variables=[x, y])
    calls = []
    orig = eqm._numeric_best_response

    def counting(*args):
        calls.append(1)
        return orig(*args)
    eqm._numeric_best_response = counting
    try:
        _x, ok = eqm._iterate(g, np.array([0.0, 1.0]), grid=101)
    finally:
        eqm._numeric_best_response = orig
    assert not ok
    assert len(calls) <= 2 * (2 * eqm.STALL_WINDOW + 1)  # was 200 rounds x 2 players


def test_explicit_cournot_20_is_fast_and_exact():
    g = _explicit_cournot(20)
    t = time.process_time()
    res = nash_equilibria(g)
    took = time.process_time() - t
    assert res.found
    assert res[0].exact_profile[0][0] == sp.Rational(20, 21)
    assert took < 3  # 3.9 s CPU before (200 best-response rounds); about 1.2 s now


def test_explicit_game_cost_estimate_refuses_over_budget():
    g = _explicit_cournot(30)
    with budget(max_seconds=0.5):
        with pytest.raises(BudgetError) as err:
            nash_equilibria(g)
    msg = str(err.value)
    assert "\n" not in msg
    assert "symmetric" in msg and "time budget" in msg


def test_explicit_game_cost_estimate_grows_with_players():
    small = eqm.explicit_solve_seconds(_explicit_cournot(10), "auto", closed_form=True)
    large = eqm.explicit_solve_seconds(_explicit_cournot(40), "auto", closed_form=True)
    assert 0 < small < large
    with budget(max_seconds=small * 100):
        assert nash_equilibria(_explicit_cournot(10)).found


def test_pattern_count_of_40_players_does_not_overflow(monkeypatch):
    # 3**40 interior/lower/upper patterns overflowed numpy's int64 (negative), so method
    # "exact" listed all of them (24 GB, killed); now counted in Python integers
    import itertools

    def refuse(*args, **kwargs):
        raise AssertionError("every pattern was listed")
    monkeypatch.setattr(itertools, "product", refuse)
    g = _explicit_cournot(40)
    assert eqm._corner_exact_candidates(g, []) is None
    pats, notes = eqm._kt_patterns(g, list(g.flat_variables))
    assert len(pats) == 1 and str(3**40) in notes[0]


def test_explicit_cournot_40_exact_is_fast():
    t = time.process_time()
    res = nash_equilibria(_explicit_cournot(40), method="exact")
    assert res.found and res[0].exact_profile[0][0] == sp.Rational(20, 41)
    assert time.process_time() - t < 9  # about 5 s CPU
