"""Trust stages (games.repeated.trust)."""
from fractions import Fraction

import matplotlib.pyplot as plt
import pytest

from govgames.games import dilemmas
from govgames.games.errors import InputError
from govgames.games.repeated import TrustStage, trust_stages


def test_default_stages_by_hand():
    r = trust_stages(discount=0.6)
    t = r.table
    # probing: (5-3)/(5-1) / 0.7
    assert t.loc["cautious probing", "delta_no_levers"] == pytest.approx(0.5 / 0.7)
    # contract: stakes 3 -> T, R, P = 15, 9, 3; fine 3: (12 - 9)/(12 - 3) / 0.85
    assert t.loc["contract", "delta_penalty"] == pytest.approx((3 / 9) / 0.85)
    # goodwill: stakes 6 -> 30, 18, 6; fine 3, reputation 2, expulsion to 0:
    # (27 - 18)/(27 - (0 - 2)) / 0.95
    assert t.loc["goodwill", "delta_all"] == pytest.approx((9 / 29) / 0.95)
    assert r.details["goodwill"]["all"].delta == Fraction(9, 29) / Fraction(19, 20)
    # levers never raise δ*, and a longer horizon lowers it
    for name in t.index:
        assert t.loc[name, "delta_all"] <= t.loc[name, "delta_no_levers"] + 1e-12
    assert list(t["delta_no_levers"]) == sorted(t["delta_no_levers"], reverse=True)
    assert t["sustainable"].tolist() == [False, True, True]
    ax = r.plot()
    plt.close("all")
    assert ax.get_ylabel().startswith("critical")


def test_fixed_fines_matter_less_as_stakes_grow():
    stages = [TrustStage(f"x{k}", stakes=k, continuation=1, penalty=1) for k in (1, 2, 4, 8)]
    t = trust_stages(stages=stages).table
    # (k(T-R) - 1)/(k(T-P) - 1) = (2k - 1)/(4k - 1) rises towards 1/2
    for k, name in zip((1, 2, 4, 8), t.index):
        assert t.loc[name, "delta_penalty"] == pytest.approx((2 * k - 1) / (4 * k - 1))


def test_other_stage_game():
    g = dilemmas.prisoners_dilemma(T=6, R=4, P=1, S=0)
    r = trust_stages(g, stages=[TrustStage("one", stakes=2, continuation=Fraction(1, 2))])
    assert r.table.loc["one", "delta_no_levers"] == pytest.approx((2 / 5) / (1 / 2))
    with pytest.raises(InputError, match="numeric"):
        trust_stages(dilemmas.prisoners_dilemma())


def test_bad_stages():
    with pytest.raises(InputError):
        trust_stages(stages=[])
    with pytest.raises(InputError):
        trust_stages(stages=["probing"])
    with pytest.raises(InputError):
        trust_stages(stages=[TrustStage("x", stakes=0)])
    with pytest.raises(InputError):
        trust_stages(discount=2)
