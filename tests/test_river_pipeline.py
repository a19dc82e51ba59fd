"""The river case as load -> compute -> figures -> narrate: the Xin'an bet as a game tree
(checked against a hand-written backward induction) and the bargained stakes (checked by hand
and against the Rubinstein -> Nash limit)."""

from fractions import Fraction as F

import pandas as pd
import pytest

from govgames.analyses import river
from govgames.games.errors import InputError
from govgames.games.extensive import backward_induction, is_subgame_perfect


def _hand_path(t, G, k, D, qa, qp, earmarked, lam=F(1, 5)):
    """Backward induction on the bet tree written out by hand (no ties in these inputs)."""
    best = None
    for grant in (True, False):
        g = G if grant else 0
        abate_val = -k + g + t * (2 * qa - 1)
        pollute_val = (0 if earmarked else g) + t * (2 * qp - 1)
        abates = abate_val > pollute_val
        signs = max(abate_val, pollute_val) > 0
        paid = g if signs and (abates or not earmarked) else 0
        zhejiang_offer = (D - t * (2 * qa - 1)) if (signs and abates) else \
            (-t * (2 * qp - 1) if signs else 0)
        offers = zhejiang_offer > 0
        if not offers:
            abates, paid = False, 0
        if offers and not signs:
            abates = False
        centre = (D - k) * abates - lam * paid
        path = ("Grant" if grant else "No grant",) + (
            ("Offer bet", "Sign", "Abate" if abates else "Pollute") if offers and signs else
            ("Offer bet", "Refuse", "Pollute") if offers else ("No bet", "Pollute"))
        if best is None or centre > best[0]:
            best = (centre, path)
    return best[1]


@pytest.mark.parametrize("t, G, earmarked", [(1, 3, False), (1, 3, True), (2, 4, False),
                                             (2, 2, False), (F(3, 2), 0, False), (3, 1, True)])
def test_bet_tree_against_hand_backward_induction(t, G, earmarked):
    k, D, qa, qp = F(2), F(4), F(19, 20), F(3, 10)
    tree = river.bet_tree(t, G, net_cost=k, downstream_benefit=D, q_abate=qa, q_pollute=qp,
                          earmarked=earmarked)
    eqs = backward_induction(tree)
    paths = {river.tree_path(e) for e in eqs}
    assert _hand_path(F(t), F(G), k, D, qa, qp, earmarked) in paths
    for e in eqs:
        assert is_subgame_perfect(tree, e)


def test_tree_path_refuses_unknown_actions():
    eq = backward_induction(river.bet_tree(2, 4))[0]
    with pytest.raises(InputError, match="not available"):
        river.tree_path(eq, after=("Maybe",))


def test_compute_alone_key_numbers():
    n = river.compute(river.load(), with_map=False)
    c, b, qa, qp = 2.5, 0.5, 0.95, 0.3
    assert n.t_min == pytest.approx(c - b)
    assert n.bet_min == pytest.approx((c - b) / (2 * (qa - qp)))
    assert n.pmap is None
    seq = n.sequential[n.sequential["grant_reading"] == "paid on signing"]
    # stake 1: 2 x 0.65 = 1.3 < k = 2 -> no abatement; stake 2: 2.6 >= 2 -> abates, and the
    # grant makes signing worth it (-2 + 2 x 0.9 = -0.2 < 0 without it)
    assert seq["anhui_abates"].tolist() == [False] * 3 + [True] * 3
    assert seq["centre_grants"].tolist() == [False] * 3 + [True] * 3
    assert seq["anhui_payoff"].iloc[3] == pytest.approx(-2 + 4 + 2 * 0.9)
    bar = n.bargaining.set_index("round")
    # Nash: u = S/2 with S = D - k + G = 4 - 2 + 3 -> t = (5/2 + 2 - 3)/0.9 = 5/3
    assert bar["Nash stake"].tolist() == pytest.approx([5 / 3, 5 / 3])
    # Rubinstein with Zhejiang first: Anhui gets 0.9/1.9 of 5 -> t = 1.52 < 20/13: binds
    assert bar["Rubinstein stake"].tolist() == pytest.approx([20 / 13, 20 / 13])
    assert bar["abatement binds (Rubinstein)"].tolist() == [True, True]
    assert bar["Anhui's implied share"].tolist() == pytest.approx([0.38, 0.56])


def test_rubinstein_stake_tends_to_the_nash_stake():
    # no grant and a large benefit: neither reading hits the abatement constraint
    rounds = pd.DataFrame({"round": [1], "bet": [1.0], "central_grant": [0.0]})
    kw = dict(net_cost=2, downstream_benefit=10, q_abate=0.95, q_pollute=0.3)
    nash = river.bargained_stakes(rounds, **kw)["Nash stake"].iloc[0]
    gaps = [abs(river.bargained_stakes(rounds, delta=d, **kw)["Rubinstein stake"].iloc[0] - nash)
            for d in (F(9, 10), F(99, 100), F(999, 1000))]
    assert gaps[0] > gaps[1] > gaps[2] > 0 and gaps[2] < F(1, 100)


def test_bargaining_errors_and_empty_table():
    rounds = pd.DataFrame({"round": [1], "bet": [1.0], "central_grant": [0.0]})
    with pytest.raises(InputError, match="no surplus"):
        river.bargained_stakes(rounds, net_cost=5, downstream_benefit=4, q_abate=0.95,
                               q_pollute=0.3)
    with pytest.raises(InputError, match="must exceed 1/2"):
        river.bargained_stakes(rounds, net_cost=1, downstream_benefit=4, q_abate=0.45,
                               q_pollute=0.3)
    n = river.compute(river.load(q_abate=0.45, q_pollute=0.3), with_map=False)
    assert len(n.bargaining) == 0
    # odds under which a bet cannot pay an abating Anhui: that reason, not "no surplus"
    text = river.narrate(n)[0]
    assert "no surplus" not in text and "q_abate = 0.45 <= 1/2 cannot pay an abating" in text
    n = river.compute(river.load(abatement_cost=10), with_map=False)
    assert len(n.bargaining) == 0
    assert "no surplus for the provinces to bargain over" in river.narrate(n)[0]


def test_narrate_from_hand_made_numbers():
    sched = pd.DataFrame({"year": [2030], "central_grant": [1.0], "bet": [2.0]})
    d = river.RiverData(2.5, 0.5, 4.0, 0.95, 0.3, sched)
    years = pd.DataFrame([{"year": 2030, "grant_reading": "paid in any case",
                           "upstream_abates": True},
                          {"year": 2030, "grant_reading": "earmarked for abatement",
                           "upstream_abates": True}])
    part = pd.DataFrame([{"anhui_gain_without_grant": -0.2,
                          "anhui_gain_if_abating_vs_no_deal": 0.8}])
    seq = pd.DataFrame([{"year": 2030, "grant_reading": "paid on signing",
                         "path": "Grant -> Offer bet -> Sign -> Abate", "centre_grants": True,
                         "anhui_abates": True, "subgame_perfect_equilibria": 1}])
    bar = pd.DataFrame([{"round": 7, "observed stake": 2.0, "Nash stake": 1.5,
                         "Rubinstein stake": 1.25, "Anhui's implied share": 0.5}])
    n = river.RiverNumbers(d, ("Pollute", "Pollute"), 2.0, 4.0, 1.54, 1.0, True, years, part,
                           pd.DataFrame(), seq, bar, 1.3, 4.3, 1.8)
    finding, notes = river.narrate(n)
    assert "on their own from 2030 on" in finding
    assert "Anhui signs and abates in 2030." in finding
    assert finding.endswith("an equal Nash split gives a stake of 1.5 in round 7 (Rubinstein, "
                            "Zhejiang proposing first: 1.25); the observed stake 2 gives "
                            "Anhui 50% of the surplus (assumed k, D and odds).")
    assert any("assumed are k = c - b" in t for t in notes)
