"""The cases' parameters bounded by what governments were observed to do, recomputed
independently (closed forms and brute force)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from govgames.analyses import river
from govgames.games.pure import pure_nash_equilibria


def test_river_identified_set_closed_form():
    sched = river.read_schedule()
    qa, qp = 0.95, 0.3
    for earmarked in (False,):      # the earmarked bound is checked by the case test
        ids = river.observed_identified_set(sched, q_abate=qa, q_pollute=qp, earmarked=earmarked)
        k_max = min(2 * t * (qa - qp) + (g if earmarked else 0)
                    for t, g in zip(sched["bet"], sched["central_grant"]))
        d_min = max(t * (2 * qa - 1) for t in sched["bet"])
        assert float(ids.bounds["k"][1]) == pytest.approx(k_max)
        assert float(ids.bounds["D"][0]) == pytest.approx(d_min)
        assert not ids.bounds["k"][0].is_finite and not ids.bounds["D"][1].is_finite


def test_river_identified_set_against_brute_force():
    """On a grid of (k, D), membership equals 'the observed play is a pure equilibrium of every
    year's numeric game'."""
    sched = river.read_schedule()
    ids = river.observed_identified_set(sched)
    games = [(t, g) for t, g in zip(sched["bet"], sched["central_grant"])]
    for k in np.linspace(-0.5, 3.0, 8):
        for D in np.linspace(0.0, 3.0, 7):
            brute = all(
                ("Offer bet", "Abate if bet") in {e.pure_profile for e in pure_nash_equilibria(
                    river.agreement_game(t, g, net_cost=float(k), downstream_benefit=float(D)))}
                for t, g in games)
            assert ids.contains(k=float(k), D=float(D)) == brute, (k, D)


def test_river_case_reports_the_identified_bounds():
    r = river.run()
    n = r.numbers
    assert n["identified_net_cost_max"] == pytest.approx(1.3)
    assert n["identified_net_cost_max_earmarked"] == pytest.approx(4.3)
    assert n["identified_downstream_benefit_min"] == pytest.approx(1.8)
    # conditional on the assumed odds of the water-quality test: assumed, not derived
    assert r.describe["identified_net_cost_max"].status == "assumed"
    assert "outside it unless the grant was earmarked" in r.finding
    table = r.tables["identified set from the observed rounds"]
    assert table["assumed_k_and_D_inside"].tolist() == [False, True]   # c - b = 2, s b = 4
    plt.close("all")


def test_sharing_split_identified_set_is_the_core():
    from govgames.analyses import sharing

    ids = sharing.split_identified_set(0.587)
    assert (float(ids.bounds["v_a"][1]), float(ids.bounds["v_b"][1])) == (0.587, 0.413)
    # brute force: the split is in the core of the two-player game (v_a, v_b, 1) iff each
    # share is at least the stand-alone value
    for va in np.linspace(0, 1, 11):
        for vb in np.linspace(0, 1, 11):
            core = 0.587 >= va - 1e-12 and 0.413 >= vb - 1e-12
            assert ids.contains(v_a=float(va), v_b=float(vb)) == core, (va, vb)
    # the Nash bargaining power reproduces the split: v_a + beta (1 - v_a - v_b) = 0.587
    for va, vb in ((0, 0), (0.2, 0.2), (0.5, 0.1), (0.0, 0.413)):
        beta = sharing.implied_bargaining_power(0.587, va, vb)
        assert va + beta * (1 - va - vb) == pytest.approx(0.587)
        assert 0 <= beta <= 1
    with pytest.raises(Exception, match="not a core allocation"):
        sharing.implied_bargaining_power(0.587, 0.6, 0.0)


def test_sharing_payments_bound_benefit_and_cost():
    from govgames.analyses import sharing

    ids = sharing.payment_identified_set(27)
    for B in (0, 26.9, 27, 40):
        for C in (0, 27, 27.1):
            assert ids.contains(B=B, C=C) == (B >= 27 and C <= 27)
    r = sharing.run()
    assert r.numbers["louisville_standalone_max"] == pytest.approx(0.587)
    assert r.numbers["louisville_power_if_no_standalone_value"] == pytest.approx(0.587)
    assert r.describe["louisville_standalone_max"].status == "derived"
    assert "test no sharing rule" in r.finding and "far from proportional" not in r.finding
    plt.close("all")
