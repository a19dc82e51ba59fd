"""The intervention case as load -> compute -> figures -> narrate, and the superior as a leader:
the cheapest commitment (linear program) agrees with the threshold derivation."""

import math
from fractions import Fraction

import pandas as pd
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.analyses import intervention as iv
from govgames.games.dilemmas import central_intervention
from govgames.games.errors import InputError
from govgames.games.pure import pure_nash_equilibria


@pytest.mark.parametrize("mode", ["mandated", "preempted"])
@pytest.mark.parametrize("c, g", [(1.5, 0.0), (2.5, 0.0), (2.5, 1.0), (3.0, 2.0), (4.2, 0.5),
                                  (0.8, 1.0)])
def test_minimal_intervention_agrees_with_threshold(mode, c, g):
    kw = dict(benefit=1.0, cost=c, spill=1.0, fine=5.0, formal_cost=0.5)
    q_threshold = iv.minimal_audit(mode, subsidy=g, **kw)
    r = iv.cheapest_intervention(mode, subsidy=g, **kw)
    assert r.exact
    assert r.levels["subsidy g"] == sp.Rational(repr(g))
    assert float(r.levels["audit q"]) == pytest.approx(q_threshold, abs=1e-12)
    # and by hand: mandated q f >= c - b - k, preempted g + q f >= c - b
    gap = Fraction(repr(c)) - 1 - (Fraction(1, 2) if mode == "mandated" else Fraction(repr(g)))
    assert r.levels["audit q"] == max(Fraction(0), gap / 5)


@pytest.mark.parametrize("mode", ["mandated", "preempted"])
def test_cheapest_commitment_makes_cooperation_an_equilibrium_and_no_less(mode):
    kw = dict(benefit=1.0, cost=2.5, spill=1.0, fine=5.0, formal_cost=0.5)
    r = iv.cheapest_intervention(mode, **kw)
    q, g = r.levels["audit q"], r.levels["subsidy g"]
    real = iv.REAL[mode]
    game = central_intervention(b=1, c=sp.Rational(5, 2), s=1, q=sp.Rational(q.numerator, q.denominator),
                                f=5, g=sp.Rational(g.numerator, g.denominator), k=sp.Rational(1, 2),
                                mode=mode)
    assert real in [e.pure_profile for e in pure_nash_equilibria(game)]
    lower = central_intervention(b=1, c=sp.Rational(5, 2), s=1,
                                 q=sp.Rational(q.numerator, q.denominator) - sp.Rational(1, 100),
                                 f=5, g=0, k=sp.Rational(1, 2), mode=mode)
    assert real not in [e.pure_profile for e in pure_nash_equilibria(lower)]
    # by hand: an audit costs AUDIT_COST / f per unit of expected fine, a subsidy 2 per unit;
    # mandated: the subsidy does not help at all
    assert (q, g) == ((Fraction(2, 10) if mode == "mandated" else Fraction(3, 10)), 0)
    assert r.cost == iv.AUDIT_COST * q


def test_cheapest_uses_the_subsidy_when_the_audit_is_capped():
    # preempted with c - b = 7 > f = 5: audit at 1 gives 5, the subsidy pays the remaining 2
    r = iv.cheapest_intervention("preempted", benefit=1, cost=8, spill=1, fine=5, formal_cost=0)
    assert r.levels == {"audit q": 1, "subsidy g": 2}
    assert r.cost == iv.AUDIT_COST + 2 * iv.SUBSIDY_RECIPIENTS
    # mandated: no audit q <= 1 makes it (c - b - k = 7 > f), and the threshold says nan too
    with pytest.raises(InputError, match="no levels"):
        iv.cheapest_intervention("mandated", benefit=1, cost=8, spill=1, fine=5, formal_cost=0,
                                 subsidy=0)
    assert math.isnan(iv.minimal_audit("mandated", benefit=1, cost=8, spill=1, fine=5,
                                       subsidy=0, formal_cost=0))
    with pytest.raises(InputError, match="unknown mode"):
        iv.cheapest_intervention("advised", benefit=1, cost=8, spill=1, fine=5, formal_cost=0)


def test_compute_alone_key_numbers():
    b, q, f, k, g, c = 1.0, 0.3, 5.0, 0.5, 1.0, 2.5
    n = iv.compute(iv.load(target_costs=(1.5, 2.5, 5.0), subsidies=(0.0, 2.0)), with_map=False)
    assert n.symbolic_above == pytest.approx(b + q * f + k)
    assert n.outcomes["cost of real activity c"].tolist() == [1.5, 2.5, 5.0]
    assert n.outcomes["type (mandated)"].tolist()[-1] == "symbolic"   # 5 > b + q f + k
    assert n.audits["minimal audit q (preempted)"].tolist() == pytest.approx(
        [(c - b - 0.0) / f, max(0.0, (c - b - 2.0) / f)])
    cheap = n.cheapest.set_index("mode")
    assert cheap.loc["mandated", "audit q"] == pytest.approx((c - b - k) / f)
    assert cheap.loc["preempted", "audit q"] == pytest.approx((c - b) / f)
    assert cheap.loc["preempted", "subsidy g"] == 0
    assert n.pmap is None and g == 1.0


def test_load_refuses_bad_input():
    with pytest.raises(InputError, match="audit must be a probability"):
        iv.load(audit=1.5)
    with pytest.raises(InputError, match="target_costs"):
        iv.load(target_costs=())


def test_narrate_from_hand_made_numbers():
    d = iv.load(cost=2.0, audit=0.5, fine=4.0, subsidy=0.0, formal_cost=0.0,
                target_costs=(2.0, 9.0), subsidies=(0.0,))
    outcomes = pd.DataFrame([
        {"cost of real activity c": 2.0, "current target": True, "type (no superior)": "sporadic",
         "type (mandated)": "institutionalised"},
        {"cost of real activity c": 9.0, "current target": False,
         "type (no superior)": "sporadic", "type (mandated)": "symbolic"}])
    audits = pd.DataFrame([{"subsidy g": 0.0, "minimal audit q (mandated)": 0.25,
                            "minimal audit q (preempted)": 0.25}])
    cheapest = pd.DataFrame([
        {"mode": "mandated", "audit q": 0.25, "subsidy g": 0.0, "cost": 0.25},
        {"mode": "preempted", "audit q": float("nan"), "subsidy g": float("nan"),
         "cost": float("nan")}])
    n = iv.InterventionNumbers(d, 3.0, outcomes, audits, cheapest)
    finding, notes = iv.narrate(n)
    assert "above 3 (= b + q f + k)" in finding
    assert "(at c = 9: symbolic)" in finding
    assert finding.endswith("the superior picks mandated: audit 0.25 and subsidy 0 (cost 0.25); "
                            "no audit q <= 1 makes preempted collaboration real.")
    assert any("Leader–follower" in t for t in notes)

_HALVES = st.integers(1, 16).map(lambda n: n / 2)


@settings(max_examples=30, deadline=None)
@given(mode=st.sampled_from(["mandated", "preempted"]), b=_HALVES, c=_HALVES, f=_HALVES,
       k=st.integers(0, 4).map(lambda n: n / 4), g=st.integers(0, 6).map(lambda n: n / 2))
def test_minimal_intervention_agrees_with_threshold_on_random_inputs(mode, b, c, f, k, g):
    kw = dict(benefit=b, cost=c, spill=1.0, fine=f, formal_cost=k)
    q_threshold = iv.minimal_audit(mode, subsidy=g, **kw)
    try:
        r = iv.cheapest_intervention(mode, subsidy=g, **kw)
    except InputError:
        assert math.isnan(q_threshold)
        return
    assert float(r.levels["audit q"]) == pytest.approx(q_threshold, abs=1e-12)
