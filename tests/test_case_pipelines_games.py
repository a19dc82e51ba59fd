"""The games-based case studies as pipelines (load -> compute -> figures -> narrate -> run):
``compute`` alone against numbers derived here by hand, and ``narrate`` of hand-made numbers."""

from __future__ import annotations

import ast
import math
import re
from fractions import Fraction
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.analyses import imposed, promotion, public_goods, trust
from govgames.analyses.quoted import papers
from govgames.games.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------ public goods
def test_public_goods_compute_alone(tmp_path):
    p = tmp_path / "shares.csv"
    p.write_text("city,local_share_pct\nA,40\nB,80\n", encoding="utf-8")
    n_max, r, c, m, f, b, cost = 20, 3.0, 1.0, 1.0, 0.8, 2.0, 1.0
    nums = public_goods.compute(public_goods.load(data=p), n_max=n_max, r=r, c=c, matching=m,
                                fine=f, vd_benefit=b, vd_cost=cost, thresholds_at=(5, 12))
    k = nums.key_numbers
    # without a lever: everyone contributes only while r > N (N = 3: indifferent)
    share = dict(zip(nums.sweep["N"], nums.sweep["none_max_share"]))
    assert [share[n] for n in (2, 3, 4, 20)] == [1.0, 1.0, 0.0, 0.0]
    assert k["contributors_without_lever_at_n_max"] == 0
    # matching at rate m: the game with return r (1 + m), all contribute iff r (1 + m) >= N
    assert k["largest_N_matching_works"] == math.floor(r * (1 + m))
    # a fine f: all contribute iff f >= c (1 - r / N), i.e. N <= r / (1 - f / c)
    assert k["largest_N_fine_works"] == min(n_max, math.floor(r / (1 - f / c) + 1e-9))
    t = nums.thresholds.set_index("N")
    assert list(t.index) == [5, 12, 20]
    for n in t.index:
        assert t.loc[n, "matching_rate_needed"] == pytest.approx(n / r - 1)
        assert t.loc[n, "fine_needed"] == pytest.approx(c * (1 - r / n))
        assert t.loc[n, "club_critical_mass"] == math.ceil(n / r)
    # volunteer's dilemma: indifference b - c = b (1 - (1 - p)^(n-1)), so
    # P(nobody) = (c / b)^(n / (n - 1))
    vd = nums.volunteers.set_index("N")["probability_nobody_volunteers"]
    for n in (2, 7, 20):
        assert vd[n] == pytest.approx((cost / b) ** (n / (n - 1)), rel=1e-6)
    assert k["vd_probability_nobody_n_max"] == pytest.approx((cost / b) ** (20 / 19), rel=1e-6)
    # the user's shares, and the band of benefit/cost ratios in which a city free-rides
    assert (k["local_share_low_pct"], k["local_share_high_pct"]) == (40.0, 80.0)
    assert math.isnan(k["bth13_local_share_low_pct"])
    assert nums.shares["matching_rate_that_closes_it"].tolist() == pytest.approx([1.5, 0.25])
    assert set(nums.tables) == {"exact thresholds", "equilibrium contributions by N",
                                "volunteer's dilemma", "spillover sizes from PM2.5 (observed)"}
    with pytest.raises(InputError, match="vd_cost"):
        public_goods.compute(public_goods.load(data=p), vd_cost=3.0)


def test_public_goods_narrate_hand_made():
    k = {"matching_needed_at_n_max": 9.0, "fine_needed_at_n_max": 0.9,
         "largest_N_matching_works": 6, "largest_N_fine_works": None,
         "club_critical_mass_at_n_max": 10, "vd_probability_nobody_N2": 0.25,
         "vd_probability_nobody_n_max": 0.5, "local_share_low_pct": 20.0,
         "local_share_high_pct": 90.0, "bth13_local_share_low_pct": 21.5,
         "bth13_local_share_high_pct": 68.7}
    empty = pd.DataFrame()
    nums = public_goods.PublicGoodsNumbers(
        params=dict(n_max=30, r=3.0, c=1.0, matching=1.0, fine=0.5, vd_benefit=2.0,
                    vd_cost=1.0), sweep=empty, thresholds=empty, volunteers=empty,
        shares=empty, key_numbers=k)
    finding, notes = public_goods.narrate(nums)
    assert finding.startswith("With return r = 3 no city contributes once N > 3, though each "
                              "would gain 2 if all did.")
    assert ("a matching rate of 1 works up to N = 6 and a fine of 0.5 up to N = 1."
            in finding)
    assert "once 10 of 30 cities are in" in finding
    assert "rises from 0.250 (N = 2) to 0.500 (N = 30)" in finding
    assert "emitted locally at 20.0-90.0% (the 13 Beijing-Tianjin-Hebei cities alone: " \
           "21.5-68.7%" in finding
    assert len(notes) == 2 and "illustrative" in notes[0]


# ------------------------------------------------------------------------------ promotion
def test_promotion_compute_alone():
    V, a, h, e, g = 10.0, 1.0, 2.0, 2.5, 1.5
    data = promotion.load(prize=V, compete_gain=a, noise=h, env_gain=e, coop_gain=g)
    nums = promotion.compute(data, weight=0.6, officials=(5,), lams=(0.0, 1.0))

    def w_star(n):      # V a (n - 1) / (V a (n - 1) + n h e)
        return V * a * (n - 1) / (V * a * (n - 1) + n * h * e)

    assert nums.officials == (2, 5)
    crit = nums.critical.set_index("officials")
    assert crit["w* (lam=0)"].tolist() == pytest.approx([w_star(2), w_star(5)])
    # 0.6 is above w*(2) = 0.5 and below w*(5) = 8/13
    assert crit["equilibrium at current weight"].tolist() == ["all cooperate", "all compete"]
    k = nums.key_numbers
    assert k["equilibrium_at_w0"] == "Compete, Compete"
    assert k["equilibrium_at_weight"] == "Cooperate, Cooperate"
    assert k["critical_weight_5_officials"] == pytest.approx(8 / 13)
    assert (k["output_per_city_all_cooperate"], k["output_per_city_all_compete"]) == (3.0, 1.0)
    # continuous tournament: cooperative effort w (1 - s) V f(0), f(0) = 1 / (2 sqrt(pi) sigma)
    f0 = 1 / (2 * math.sqrt(math.pi) * h)
    ct = nums.continuous
    assert ct["cooperative effort"].tolist() == pytest.approx(
        (ct["weight w"] * (1 - ct["indicator spillover s"]) * V * f0).tolist(), abs=1e-9)
    assert k["continuous_coop_effort_own_indicator_w1"] == pytest.approx(V * f0)
    assert k["continuous_coop_effort_shared_indicator_w1"] == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(InputError, match="weight"):
        promotion.compute(data, weight=1.5)
    with pytest.raises(InputError, match="noise"):
        promotion.load(noise=0.5)


def test_promotion_narrate_hand_made():
    data = promotion.load()
    k = {"equilibrium_at_w0": "Compete, Compete", "equilibrium_at_weight": "Compete, Compete",
         "critical_weight_2_officials": 0.5, "critical_weight_9_officials": 0.75,
         "output_per_city_all_cooperate": 3.0, "output_per_city_all_compete": 1.0,
         "continuous_coop_effort_own_indicator_w1": 1.41, "continuous_coop_effort_shared_"
         "indicator_w1": 0.0}
    empty = pd.DataFrame()
    nums = promotion.PromotionNumbers(data, 0.3, (2, 9), (0.0,), [], [], empty, None, empty,
                                      key_numbers=k)
    finding, notes = promotion.narrate(nums)
    assert ("reverses this once w exceeds 0.5 for two officials and 0.75 for 9: the more "
            "rivals" in finding)
    assert "At the current weight 0.3 the equilibrium is Compete, Compete." in finding
    assert "lowers the weight needed. In the continuous" in finding   # one lam: no comparison
    assert "from 0 to 1.41 at w = 1" in finding and "leaves it at 0 when" in finding
    assert notes and "illustrative" in notes[0]


# ------------------------------------------------------------------------------ imposed
def test_imposed_compute_alone():
    D, before, after, growth = 2.0, 0.8, 0.3, 0.1
    data = imposed.load(n_imposed=60, n_spontaneous=25, seed=11)
    nums = imposed.compute(data, sanction=D, pressure_before=before, pressure_after=after,
                           temptation_growth=growth)
    x = nums.imposed["temptation"].to_numpy()
    d = nums.imposed["patience"].to_numpy()

    def holds(p, factor=1.0):     # p D >= T - R, or δ >= (T - R) / (T - P) with R = 1, P = 0
        xf = x * factor
        return float(np.mean((p * D >= xf - 1e-12) | (d >= xf / (1 + xf))))

    k = nums.key_numbers
    assert len(nums.imposed) == 60 and len(nums.spontaneous) == 25
    assert k["imposed_share_cooperating_before"] == pytest.approx(holds(before))
    assert k["imposed_share_cooperating_after"] == pytest.approx(holds(after))
    assert k["imposed_share_self_enforcing"] == pytest.approx(float(np.mean(d >= x / (1 + x))))
    assert k["imposed_share_cooperating_1990"] == pytest.approx(holds(after, (1 + growth) ** 10))
    assert k["imposed_share_cooperating_1990_temptation_fixed"] == pytest.approx(holds(after))
    xs, ds = nums.spontaneous["temptation"], nums.spontaneous["patience"]
    assert bool((ds >= xs / (1 + xs)).all())          # they form only where it holds by itself
    assert k["spontaneous_share_cooperating_after"] == 1.0
    assert nums.decade["pressure"].iloc[[0, -1]].tolist() == pytest.approx([before, after])
    m = 1.2                                           # the default median temptation
    assert k["representative_pressure_needed"] == pytest.approx(m / D)
    assert k["representative_patience_needed"] == pytest.approx(m / (1 + m))
    with pytest.raises(InputError, match="pressure_after"):
        imposed.compute(data, pressure_after=1.5)


def test_imposed_narrate_hand_made():
    data = imposed.load()
    summary = pd.DataFrame([
        {"count": 100, "cooperating, strong pressure": 0.9, "cooperating, weak pressure": 0.3,
         "cooperating, no pressure": 0.2},
        {"count": 50, "cooperating, strong pressure": 1.0, "cooperating, weak pressure": 1.0,
         "cooperating, no pressure": 1.0}])
    decade = pd.DataFrame({"cooperating": [0.9, 0.25]})
    k = {"imposed_share_cooperating_1990": 0.25,
         "imposed_share_cooperating_1990_temptation_fixed": 0.3,
         "spontaneous_formation_rate": 0.4, "representative_pressure_needed": 0.4,
         "representative_patience_needed": 0.545}
    empty = pd.DataFrame()
    nums = imposed.ImposedNumbers(
        data, dict(sanction=3.0, pressure_before=0.9, pressure_after=0.2,
                   temptation_growth=0.08), empty, empty, 0.4, empty, summary, decade, empty,
        None, None, key_numbers=k)
    finding, notes = imposed.narrate(nums)
    assert finding.startswith("Under strong pressure (p = 0.9, sanction 3) cooperation holds "
                              "in 90% of the 100 imposed organisations")
    assert "it holds in only 30%" in finding
    assert ("falls from 90% (1980) to 25% (1990); with the temptation held fixed it would be "
            "30%, so the rising temptation accounts for 5 percentage points" in finding)
    assert "(100% of the 50 drawn, with none) holds by construction" in finding
    assert "(40% of candidate groups)" in finding
    assert "random seed 1980" in notes[0]


# ------------------------------------------------------------------------------ trust
def test_trust_compute_alone():
    nums = trust.compute(trust.load(), discount=0.6, repetitions=3, seed=4)
    k = nums.key_numbers

    def delta(T, R, P, p):      # grim trigger: δ p >= (T - R) / (T - P)
        return Fraction(T - R, T - P) / p

    # probing: stakes 1, p = 7/10; contract: stakes 3, fine 3, p = 17/20;
    # goodwill: stakes 6, fine 3, punishment 0 (expulsion) - 2 (reputation), p = 19/20
    by_hand = {"cautious probing": delta(5, 3, 1, Fraction(7, 10)),
               "contract": delta(15 - 3, 9, 3, Fraction(17, 20)),
               "goodwill": delta(30 - 3, 18, 0 - 2, Fraction(19, 20))}
    assert {s: Fraction(v) for s, v in k["critical_delta_exact"].items()} == by_hand
    assert k["critical_delta"] == pytest.approx({s: float(v) for s, v in by_hand.items()})
    assert k["bare_dilemma_delta"] == 0.5
    assert k["sustainable_at_discount"] == {s: v <= Fraction(3, 5) for s, v in by_hand.items()}
    assert k["tournament_turns"] == {"cautious probing": 3, "contract": 7, "goodwill": 20}
    # ties by brute force: within the standard error of the difference from the best
    for stage, t in nums.tournament.groupby("stage"):
        best = t.loc[t["mean"].idxmax()]
        tied = (best["mean"] - t["mean"]) <= np.hypot(best["stderr"], t["stderr"])
        assert t["tied_with_best"].tolist() == tied.tolist()
        names = t.loc[tied].sort_values("mean", ascending=False)["strategy"].tolist()
        assert k["tournament_tied_with_best"][stage] == len(names)
        want = names[0] if len(names) == 1 else "tied within noise: " + ", ".join(names)
        assert k["tournament_winner"][stage] == want
    with pytest.raises(InputError, match="noise"):
        trust.compute(trust.load(), noise=0.7)
    with pytest.raises(InputError, match="T > R > P"):
        trust.load(T=2)


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 4), st.integers(-3, 0))
def test_trust_compute_critical_deltas_property(dT, dR, P, S):
    """Exact δ* of each stage against the grim-trigger formula, for random dilemmas."""
    R, T = P + dR, P + dR + dT
    if not 2 * R > T + S:
        return
    nums = trust.compute(trust.load(T=T, R=R, P=P, S=S), repetitions=1, max_turns=2)
    for spec in nums.data.specs:
        k = Fraction(spec.stakes)
        temptation = k * T - Fraction(spec.penalty)
        punishment = (Fraction(spec.expulsion) if spec.expulsion is not None else k * P) \
            - Fraction(spec.reputation_loss)
        reward = k * R
        need = Fraction(0) if temptation <= reward else \
            (temptation - reward) / (temptation - punishment) / Fraction(spec.continuation)
        got = nums.key_numbers["critical_delta_exact"][spec.name]
        if need > 1:
            assert got == "none" or Fraction(got) > 1, (spec.name, got, need)
        else:
            assert Fraction(got) == need, (spec.name, got, need)
    assert nums.key_numbers["bare_dilemma_delta"] == pytest.approx(dT / (dT + dR))
    plt.close("all")


def test_trust_narrate_hand_made():
    data = trust.load()
    names = list(trust.STAGES)
    k = {"bare_dilemma_delta": 0.5,
         "critical_delta": dict(zip(names, (0.714, 0.392, 0.327))),
         "critical_delta_no_levers": dict(zip(names, (0.714, 0.588, 0.526))),
         "critical_delta_penalty_only": dict(zip(names, (0.714, 0.392, 0.45))),
         "sustainable_at_discount": dict(zip(names, (False, True, True))),
         "alld_rank": dict(zip(names, (1, 2, 8)))}
    lead = {names[0]: {"text": "AllD leads beyond noise (by 0.4, s.e. 0.1)"},
            names[1]: {"text": "Grim and AllD are tied within noise (difference 0.07, "
                               "s.e. 0.156)"},
            names[2]: {"text": "TFT, WSLS and Grim are tied within noise (difference 0.1, "
                               "s.e. 0.3)"}}
    tour = pd.DataFrame({"strategy": ["AllD", "Grim", "TFT", "WSLS"] * 3})
    nums = trust.TrustNumbers(data, 0.6, 0.05, 7, pd.DataFrame(), pd.DataFrame(), tour,
                              {}, {s: float(st.stakes) for s, st in zip(names, data.specs)},
                              lead, key_numbers=k)
    finding, notes = trust.narrate(nums)
    assert finding.startswith("In the bare dilemma (T, R, P, S = 5, 3, 1, 0) reciprocity "
                              "needs a discount factor of at least (T - R)/(T - P) = 0.500.")
    assert "At δ = 0.6 cooperation holds in contract, goodwill." in finding
    assert ("in the short probing matches AllD leads beyond noise (by 0.4, s.e. 0.1) (AllD "
            "ranks 1 of 4); under the contract Grim and AllD are tied within noise" in finding)
    assert "In the tournament (7 repetitions;" in finding
    assert "(at stakes x6) gives only 0.450" in finding
    assert len(notes) == 3


def test_trust_winner_text():
    assert trust.winner_text({"best": "Grim", "tied": ["Grim"]}) == "Grim"
    assert trust.winner_text({"best": "A", "tied": ["A", "B"]}) == "tied within noise: A, B"


# ------------------------------------------------------------------------------ run = pipeline
@pytest.mark.parametrize("module, load_kw, compute_kw", [
    (public_goods, {}, {"n_max": 6, "thresholds_at": (4,)}),
    (promotion, {"prize": 12.0}, {"officials": (2, 3), "lams": (0.0,)}),
    (imposed, {"n_imposed": 15, "n_spontaneous": 10}, {"sanction": 2.0}),
    (trust, {"T": 5.5}, {"repetitions": 2}),
], ids=["public_goods", "promotion", "imposed", "trust"])
def test_run_is_load_compute_figures_narrate(module, load_kw, compute_kw):
    import inspect

    nums = module.compute(module.load(**load_kw), **compute_kw)
    res = module.run(**load_kw, **compute_kw)
    assert (res.finding, res.notes) == module.narrate(nums)
    assert res.numbers == nums.key_numbers
    assert set(res.tables) == set(nums.tables)
    for name, table in nums.tables.items():
        pd.testing.assert_frame_equal(res.tables[name], table)
    assert set(res.figures) == set(module.figures(nums))
    # run stays short: the pipeline's parts do the work
    body = inspect.getsource(module.run).split('"""')[-1]
    assert len([line for line in body.splitlines() if line.strip()]) <= 20
    plt.close("all")


# ------------------------------------------------------------------------------ citations
def _docstrings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                yield node, re.split(r"\nExamples\n-{3,}", doc)[0]


def test_no_docstring_cites_the_reform_paper_for_cities_free_riding():
    """The reform paper's free riding is about citizens expressing demand; a docstring that
    cites it and speaks of free riding (anywhere, not only in the same clause) must say so."""
    p = papers()
    cite, misread = p.loc["yrdreform", "cite_as"], r"free.?rid|tragedy of the commons"
    bad = []
    for base in ("games", "networks", "analyses"):
        for path in sorted((ROOT / base).rglob("*.py")):
            for node, doc in _docstrings(path):
                text = re.sub(r"\s+", " ", doc)
                if (re.search(cite, text, re.IGNORECASE)
                        and re.search(misread, text, re.IGNORECASE)
                        and not re.search("citizen", text, re.IGNORECASE)):
                    bad.append(f"{path.relative_to(ROOT)}:{getattr(node, 'name', 'module')}")
    assert not bad, bad


def test_no_text_cites_a_cui_and_zheng():
    """The 2012 cross-boundary governance paper is by Zhang Chengfu, Li Haocheng and Bian
    Xiaohui, the metropolitan-governance paper by Cui Jing et al.: no pair "Cui and Zheng" wrote
    either, so no text cites one (papers.csv only lists the pattern to recognise it)."""
    pattern = re.compile(r"Cui\s*(?:&|and)\s*Zheng|Cui,\s*Zheng", re.IGNORECASE)
    bad = []
    for base in ("games", "networks", "analyses", "docs"):
        for path in sorted((ROOT / base).rglob("*")):
            if path.suffix in (".py", ".md", ".rst", ".csv", ".ipynb") and path.name != \
                    "papers.csv":
                if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                    bad.append(str(path.relative_to(ROOT)))
    assert not bad, bad
    assert pattern.search("Cui & Zheng (2012)")


def test_trust_one_repetition_never_claims_beyond_noise():
    """One repetition: run refuses; narrate never claims a lead beyond noise."""
    from govgames.games.errors import InputError
    with pytest.raises(InputError, match="repetitions must be at least 2"):
        trust.run(repetitions=1)
    finding, _ = trust.narrate(trust.compute(trust.load(), repetitions=1, max_turns=5))
    assert "beyond noise" not in finding and "noise unknown" in finding
    assert "(1 repetition;" in finding
