"""Key numbers of the games-based case studies (river, public goods, promotion, intervention,
imposed) against derivations written here by hand, independently of the code."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from govgames.analyses import imposed, intervention, promotion, public_goods, river
from govgames.analyses.base import CASES, InputError, load_cases
from govgames.analyses.cli import main
from govgames.games.pure import pure_nash_equilibria


def _profiles(game):
    return [e.pure_profile for e in pure_nash_equilibria(game)]


# ============================================================================ 1. river
@pytest.fixture(scope="module")
def river_result():
    return river.run()


def test_river_registered():
    assert CASES["river"].func is river.run or load_cases()["river"].func is river.run


@pytest.mark.parametrize("c, b, sb", [(2.5, 0.5, 4.0), (3.0, 1.0, 1.5), (1.2, 0.2, 5.0)])
def test_river_minimal_compensation(c, b, sb):
    # upstream abates iff b - c + t >= 0  ->  t* = c - b ; downstream pays at most s*b
    t_min, t_max = river.minimal_compensation(c, b, sb)
    assert t_min == pytest.approx(c - b)
    assert t_max == pytest.approx(sb)
    # check against the game itself just below and above the threshold
    assert _profiles(river.river_game(c, b, sb, t=c - b - 0.01))[0][0] == "Pollute"
    assert all(p[0] == "Abate" for p in _profiles(river.river_game(c, b, sb, t=c - b + 0.01)))


@pytest.mark.parametrize("qa, qp", [(0.95, 0.3), (1.0, 0.0), (0.8, 0.5)])
def test_river_minimal_bet(qa, qp):
    c, b = 2.5, 0.5
    # abating: b - c + t(2qa - 1); not abating: t(2qp - 1)  ->  t* = (c - b) / (2 (qa - qp))
    expected = (c - b) / (2 * (qa - qp))
    got = river.minimal_bet(abatement_cost=c, upstream_benefit=b, q_abate=qa, q_pollute=qp)
    assert got == pytest.approx(expected)
    below = river.bet_game(expected * 0.98, abatement_cost=c, upstream_benefit=b, q_abate=qa,
                           q_pollute=qp)
    above = river.bet_game(expected * 1.02, abatement_cost=c, upstream_benefit=b, q_abate=qa,
                           q_pollute=qp)
    assert _profiles(below) == [("Pollute", "Pollute")]
    assert _profiles(above) == [("Abate", "Pollute")]


def test_river_grant_earmarked_vs_unconditional():
    # an unconditional grant G changes nothing; earmarked it adds G to the incentive
    c, b, qa, qp = 2.5, 0.5, 0.95, 0.3
    t_alone = (c - b) / (2 * (qa - qp))
    assert river.minimal_bet(central_grant=3, earmarked=False) == pytest.approx(t_alone)
    assert river.minimal_bet(central_grant=1, earmarked=True) == pytest.approx(
        (c - b - 1) / (2 * (qa - qp)))
    assert river.minimal_bet(central_grant=3, earmarked=True) == 0.0


def test_river_numbers_and_schedule(river_result):
    r = river_result
    n = r.numbers
    c, b, sb, qa, qp = 2.5, 0.5, 4.0, 0.95, 0.3
    assert n["minimal_compensation"] == pytest.approx(c - b)
    assert n["downstream_max_payment"] == pytest.approx(sb)
    assert n["minimal_bet"] == pytest.approx((c - b) / (2 * (qa - qp)))
    assert n["minimal_bet_sure_test"] == pytest.approx((c - b) / 2)
    assert n["abatement_efficient"] is True
    assert n["equilibrium_without_compensation"] == "Pollute, Pollute"
    years = r.tables["Xin'an schedule by year"]
    sched = pd.read_csv(river.DATA_DIR / "compensation" / "xinan_yearly.csv")
    assert sorted(set(years["year"])) == sched["year"].tolist() == list(range(2012, 2018))
    for _, row in years.iterrows():
        inc = 2 * row["bet"] * (qa - qp) + (row["central_grant"] if row["grant_reading"].startswith(
            "earmarked") else 0.0)
        assert row["incentive_total"] == pytest.approx(inc)
        assert row["max_cost_covered"] == pytest.approx(b + inc)
        assert bool(row["upstream_abates"]) == (inc >= c - b - 1e-12)
    # observed schedule: round 1 bet 1, central 3; round 2 bet 2, central 4, 3, 2 (source X3)
    assert sched["bet"].tolist() == [1, 1, 1, 2, 2, 2]
    assert sched["central_grant"].tolist() == [3, 3, 3, 4, 3, 2]
    assert n["years_abating_on_bet_alone"] == [2015, 2016, 2017]   # 2*2*0.65 = 2.6 >= 2 > 1.3
    part = r.tables["participation"]
    assert part["anhui_gain_without_grant"].iloc[0] == pytest.approx(b - c + 1 * (2 * qa - 1))
    assert part["zhejiang_gain_if_anhui_abates_vs_no_deal"].iloc[-1] == pytest.approx(
        sb - 2 * (2 * qa - 1))
    assert set(r.figures) == {"parameter_map", "incentive_by_year", "identified_set", "bet_tree"}
    assert r.illustrative


def test_river_user_csv(tmp_path):
    p = tmp_path / "sched.csv"
    p.write_text("year,central_grant,bet\n2030,0,1.6\n2031,0,1.5\n", encoding="utf-8")
    r = river.run(data=str(p))
    # t* = 2/1.3 = 1.538: abates with 1.6, not with 1.5
    assert r.numbers["years_abating_on_bet_alone"] == [2030]


@pytest.mark.parametrize("text, pattern", [
    ("year,central_grant,bet\n2030,0,1\n2031,x,1\n", r"line 3 \(data row 2\), column 'central_grant'"),
    ("year,central_grant\n2030,0\n", r"missing column 'bet'"),
    ("year,central_grant,bet\n2030.5,0,1\n", r"line 2 \(data row 1\), column 'year': .*not an integer"),
    ("year,central_grant,bet\n2030,0,-1\n", r"line 2 \(data row 1\), column 'bet': .*negative"),
])
def test_river_bad_csv(tmp_path, capsys, text, pattern):
    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=pattern):
        river.run(data=str(p))
    assert main(["analyses", "run", "river", "--param", f"data={p}"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and err.count("\n") == 1


def test_river_bad_parameters():
    with pytest.raises(InputError, match="q_abate"):
        river.run(q_abate=0.2, q_pollute=0.3)
    with pytest.raises(InputError, match="abatement_cost"):
        river.run(abatement_cost=-1.0)


# ============================================================================ 2. public goods
@pytest.fixture(scope="module")
def pg_result():
    return public_goods.run(n_max=40, thresholds_at=(2, 5, 12, 40))


@pytest.mark.parametrize("n", [2, 3, 5, 12, 40])
def test_public_goods_thresholds(n):
    r, c = 3.0, 1.0
    # contributing changes own payoff by c (r/n - 1): with matching rate m the return is r(1+m)
    assert public_goods.matching_threshold(n, r) == pytest.approx(max(0.0, n / r - 1))
    # a fine f on non-contributors: c (r/n - 1) + f >= 0
    assert public_goods.penalty_threshold(n, r, c) == pytest.approx(max(0.0, c * (1 - r / n)))
    # club: r c (k + 1)/n - c >= 0 = u(Defect)  <=>  k + 1 >= n / r
    assert public_goods.club_critical_mass(n, r, c) == math.ceil(n / r - 1e-12)


def test_public_goods_sweep(pg_result):
    sweep = pg_result.tables["equilibrium contributions by N"]
    r, c, m, f = 3.0, 1.0, 1.0, 0.8
    for _, row in sweep.iterrows():
        n = int(row["N"])
        if n > r:
            assert row["none_contributors"] == "0"
            assert row["club_contributors"] == f"0 or {n}"
        assert (row["matching_max_share"] == 1.0) == (r * (1 + m) >= n)
        assert (row["penalty_max_share"] == 1.0) == (f >= c * (1 - r / n) - 1e-12)
    assert pg_result.numbers["largest_N_matching_works"] == 6     # r (1 + m) = 6
    assert pg_result.numbers["largest_N_fine_works"] == 15        # 1 - 3/N <= 0.8
    assert pg_result.numbers["club_critical_mass_at_n_max"] == 14  # ceil(40/3)


def test_public_goods_club_against_normal_form():
    # an independent algorithm: the full table of the 5-city club game
    g = public_goods.lever_game(5, 3.0, 1.0, "club").to_normal_form()
    eqs = _profiles(g)
    assert sorted(eqs) == sorted([("Contribute",) * 5, ("Defect",) * 5])


def test_volunteers_dilemma(pg_result):
    vd = pg_result.tables["volunteer's dilemma"]
    b, c = 2.0, 1.0
    for _, row in vd.iterrows():
        n = int(row["N"])
        p = 1 - (c / b) ** (1 / (n - 1))
        assert row["volunteer_probability"] == pytest.approx(p, abs=1e-8)
        assert row["probability_nobody_volunteers"] == pytest.approx((c / b) ** (n / (n - 1)),
                                                                     abs=1e-8)
        assert row["pure_equilibria"] == "1 volunteer"
    assert vd["probability_nobody_volunteers"].is_monotonic_increasing


def test_public_goods_pm25_shares(pg_result, tmp_path, capsys):
    sh = pg_result.tables["spillover sizes from PM2.5 (observed)"]
    # Beijing 2012-13: regional 28-36% -> local 68%; Shanghai 2012-13 point 26% -> local 74%
    assert sh["local_share_pct"].iloc[0] == pytest.approx(68.0)
    assert sh.loc[sh["city"] == "上海市", "local_share_pct"].iloc[0] == pytest.approx(74.0)
    assert sh["matching_rate_that_closes_it"].iloc[0] == pytest.approx(1 / 0.68 - 1)
    p = tmp_path / "shares.csv"
    p.write_text("city,local_share_pct\nA,50\nB,150\n", encoding="utf-8")
    assert main(["analyses", "run", "public_goods", "--param", f"data={p}",
                 "--param", "n_max=5", "--param", "thresholds_at=5"]) == 2
    err = capsys.readouterr().err
    assert "local_share_pct" in err and "line 3 (data row 2)" in err


# ============================================================================ 3. promotion
def _w_star(n, V=10.0, a=1.0, h=2.0, e=2.5, lam=0.0, g=1.5):
    # competing changes u_i by (1-w) V a (n-1)/(n h) - w e + lam (a - g): zero at w*
    A = V * a * (n - 1) / (n * h)
    return max(0.0, (A + lam * (a - g)) / (A + e))


@pytest.mark.parametrize("n", [2, 3, 5, 10, 40])
@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_promotion_critical_weight(n, lam):
    assert promotion.critical_weight(n, lam=lam) == pytest.approx(_w_star(n, lam=lam))


def test_promotion_equilibria_around_threshold():
    w = _w_star(2)
    assert _profiles(promotion.tournament_game(2, w=w - 0.01)) == [("Compete", "Compete")]
    assert _profiles(promotion.tournament_game(2, w=w + 0.01)) == [("Cooperate", "Cooperate")]


def test_promotion_result():
    r = promotion.run(officials=(2, 5, 10), lams=(0.0, 2.0))
    n = r.numbers
    assert n["critical_weight_2_officials"] == pytest.approx(0.5)
    assert n["critical_weight_10_officials"] == pytest.approx(_w_star(10))
    assert n["equilibrium_at_w0"] == "Compete, Compete"
    t = r.tables["critical weight by number of officials"]
    assert t["w* (lam=2)"].tolist() == pytest.approx([_w_star(k, lam=2.0) for k in (2, 5, 10)])
    assert {"parameter_map", "critical_weight_by_n"} <= set(r.figures)
    with pytest.raises(InputError, match="noise"):
        promotion.run(noise=0.5)


# ============================================================================ 4. intervention
@pytest.fixture(scope="module")
def iv_result():
    return intervention.run()


def test_intervention_thresholds():
    b, q, f, k, g = 1.0, 0.3, 5.0, 0.5, 1.0
    # mandated: Collaborate vs Symbolic: b - c + g >= g - k - q f  <=>  c <= b + q f + k
    assert intervention.symbolic_cost_threshold(benefit=b, audit=q, fine=f, formal_cost=k,
                                                subsidy=g) == pytest.approx(b + q * f + k)
    for c in (1.5, 2.5, 3.0):
        for sub in (0.0, 1.0, 2.0):
            kw = dict(benefit=b, cost=c, spill=1.0, fine=f, subsidy=sub, formal_cost=k)
            # mandated: q f >= c - b - k (the subsidy does not enter: symbolic gets it too)
            assert intervention.minimal_audit("mandated", **kw) == pytest.approx(
                max(0.0, (c - b - k) / f))
            # preempted: g + q f >= c - b
            assert intervention.minimal_audit("preempted", **kw) == pytest.approx(
                max(0.0, (c - b - sub) / f))
    # no audit can make it: c - b - k > f
    assert math.isnan(intervention.minimal_audit("mandated", benefit=1, cost=10, spill=1, fine=2,
                                                 subsidy=0, formal_cost=0))


def test_intervention_outcomes(iv_result):
    b, q, f, k, g = 1.0, 0.3, 5.0, 0.5, 1.0
    out = iv_result.tables["outcomes by target"]
    for _, row in out.iterrows():
        c = row["cost of real activity c"]
        assert row["type (no superior)"] == ("normative" if b >= c else "sporadic")
        if c < b + q * f + k and c < b + g + f:
            assert row["type (mandated)"] == "institutionalised"
        elif c > b + q * f + k:
            assert row["type (mandated)"] == "symbolic"
        if c < b + g + q * f:
            assert row["type (preempted)"] == "institutionalised"
    n = iv_result.numbers
    assert n["symbolic_above_cost"] == pytest.approx(3.0)
    assert n["type_at_current_target"] == "institutionalised"
    assert n["type_at_highest_target"] == "symbolic"
    assert n["minimal_audit_mandated"] == pytest.approx((2.5 - 1 - 0.5) / 5)
    assert intervention.classify(("Collaborate", "Symbolic")) == "mixed"


# ============================================================================ 8. imposed
@pytest.fixture(scope="module")
def imposed_result():
    return imposed.run()


def test_imposed_formulas():
    import sympy as sp

    T, R, P, D = (sp.Symbol(s) for s in "TRPD")
    p = imposed.pressure_needed()
    d = imposed.patience_needed()
    vals = {"T": 2.5, "R": 1.0, "P": 0.0, "D": 3.0}
    sub = lambda e: float(e.subs({s: vals[s.name] for s in e.free_symbols}))  # noqa: E731
    assert sub(p) == pytest.approx((2.5 - 1.0) / 3.0)           # p D >= T - R
    assert sub(d) == pytest.approx((2.5 - 1.0) / (2.5 - 0.0))   # δ* = (T - R)/(T - P)


def test_imposed_numbers(imposed_result):
    r = imposed_result
    orgs = r.tables["imposed organisations"]
    D, p_before, p_after = 3.0, 0.9, 0.2
    x = orgs["temptation"]
    assert np.allclose(orgs["pressure_needed"], x / D)
    assert np.allclose(orgs["patience_needed"], x / (1 + x))
    self_enf = orgs["patience"] >= x / (1 + x)
    assert (orgs["self_enforcing"] == self_enf).all()
    n = r.numbers
    assert n["imposed_share_cooperating_after"] == pytest.approx(
        float(((p_after * D >= x) | self_enf).mean()))
    assert n["imposed_share_cooperating_before"] == pytest.approx(
        float(((p_before * D >= x) | self_enf).mean()))
    assert n["imposed_share_self_enforcing"] == pytest.approx(float(self_enf.mean()))
    assert n["spontaneous_share_cooperating_after"] == 1.0
    assert n["representative_pressure_needed"] == pytest.approx(1.2 / 3.0)
    assert n["representative_patience_needed"] == pytest.approx(1.2 / 2.2)
    assert len(orgs) == 100
    assert r.tables["summary"]["count"].tolist() == [100, 100]
    # the 1980s: pressure falls to p_after while the temptation grows 8% a year to 1990
    x90 = x * 1.08 ** 10
    coop90 = ((p_after * D >= x90) | (orgs["patience"] >= x90 / (1 + x90))).mean()
    assert n["imposed_share_cooperating_1990"] == pytest.approx(float(coop90))
    assert n["imposed_share_cooperating_1990_temptation_fixed"] == pytest.approx(
        n["imposed_share_cooperating_after"])
    assert n["imposed_share_cooperating_1990"] < n["imposed_share_cooperating_1990_temptation_fixed"]
    decade = r.tables["the 1980s: falling pressure, rising temptation"]
    assert decade["cooperating"].is_monotonic_decreasing
    assert "holds by construction" in r.finding and "300" not in r.finding
    # imposed organisations largely fail when the pressure falls; spontaneous ones do not
    assert n["imposed_share_cooperating_after"] < 0.6 < n["imposed_share_cooperating_before"]


def test_imposed_reproducible():
    a = imposed.run(n_imposed=30, n_spontaneous=30, seed=7).numbers
    b = imposed.run(n_imposed=30, n_spontaneous=30, seed=7).numbers
    assert a == b
    with pytest.raises(InputError, match="patience"):
        imposed.run(patience_low=0.9, patience_high=0.5)


# ============================================================================ all five
@pytest.mark.parametrize("name", ["river", "public_goods", "promotion", "intervention", "imposed"])
def test_cases_registered_with_json_output(name):
    cases = load_cases()
    assert name in cases
    spec = cases[name]
    params = spec.parameters()
    assert all(v is not None or k == "data" for k, v in params.items())


# ============================================================================ property tests
from hypothesis import given, settings, strategies as st  # noqa: E402

_cents = st.integers(min_value=1, max_value=500).map(lambda k: k / 100)


@settings(max_examples=8, deadline=None)
@given(b=_cents, extra=_cents, qa=st.integers(51, 100), qp=st.integers(0, 50))
def test_river_minimal_bet_property(b, extra, qa, qp):
    c, qa, qp = b + extra, qa / 100, qp / 100
    got = river.minimal_bet(abatement_cost=c, upstream_benefit=b, q_abate=qa, q_pollute=qp)
    assert got == pytest.approx((c - b) / (2 * (qa - qp)), rel=1e-9)


@settings(max_examples=8, deadline=None)
@given(n=st.integers(2, 10), r10=st.integers(11, 120))
def test_public_goods_thresholds_property(n, r10):
    r = r10 / 10
    assert public_goods.matching_threshold(n, r) == pytest.approx(max(0.0, n / r - 1))
    assert public_goods.penalty_threshold(n, r, 1.0) == pytest.approx(max(0.0, 1 - r / n))
    # the anonymous game's pure equilibria agree: with the threshold fine, all contribute
    f = public_goods.penalty_threshold(n, r, 1.0) + 1e-6
    assert n in [e.m for e in public_goods.lever_game(n, r, 1.0, "penalty", f).pure_equilibria()]


@settings(max_examples=8, deadline=None)
@given(V=st.integers(1, 50), a=st.integers(1, 5), dh=st.integers(0, 5), e=st.integers(1, 10),
       n=st.integers(2, 4))
def test_promotion_critical_weight_property(V, a, dh, e, n):
    h = a + dh
    got = promotion.critical_weight(n, float(V), float(a), float(h), float(e))
    assert got == pytest.approx(_w_star(n, V=V, a=a, h=h, e=e))


@settings(max_examples=8, deadline=None)
@given(b=_cents, gap=_cents, f=st.integers(1, 20), g=st.integers(0, 3), k=st.integers(0, 2))
def test_intervention_minimal_audit_property(b, gap, f, g, k):
    c = b + gap
    kw = dict(benefit=b, cost=c, spill=1.0, fine=float(f), subsidy=float(g) / 2,
              formal_cost=float(k) / 4)
    pre = intervention.minimal_audit("preempted", **kw)
    need = (c - b - g / 2) / f
    if need <= 1:
        assert pre == pytest.approx(max(0.0, need))
    else:
        assert math.isnan(pre)


def test_promotion_continuous_tournament():
    # closed form: cooperative effort w (1 - s) V f(0), f(0) = 1 / (2 sigma sqrt(pi))
    from math import pi, sqrt
    V, sigma, beta = 10.0, 2.0, 0.5
    f0 = 1 / (2 * sigma * sqrt(pi))
    for w, s in ((0.0, 0.0), (0.3, 0.0), (1.0, 0.5), (1.0, 1.0)):
        e, a = promotion.continuous_efforts(w, s, prize=V, spillover=beta, noise=sigma)
        assert e == pytest.approx((1 - beta) * V * f0, abs=1e-9)
        assert a == pytest.approx(w * (1 - s) * V * f0, abs=1e-9)
    r = promotion.run(officials=(2,), lams=(0.0,))
    assert r.numbers["continuous_coop_effort_shared_indicator_w1"] == 0
    assert r.numbers["continuous_coop_effort_own_indicator_w1"] == pytest.approx(V * f0)
    assert "continuous_cooperative_effort" in r.figures
    with pytest.raises(InputError, match="no pure equilibrium"):
        promotion.continuous_efforts(1.0, 0.0, prize=10, noise=0.05)
