"""Round 3 of the Xin'an agreement (2018-2020): observed stake, unpublished grant, and what the
bargaining readings imply (issue 14 item 5)."""

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.analyses import river
from govgames.games.errors import InputError


def test_round3_data_marks_observed_and_unpublished_entries():
    r = river.read_round3()
    assert len(r) == 1
    row = r.iloc[0]
    assert row["round"] == 3 and row["years"] == "2018-2020" and row["bet"] == 2
    assert row["bet_status"].startswith("observed") and "X5" in row["source_id"]
    assert pd.isna(row["central_grant"])
    assert row["central_grant_status"].startswith("not published")
    assert "stricter" in row["standard"]


def _back(G, t_obs, k=2, D=4, qa=Fraction(19, 20), qp=Fraction(3, 10)):
    """The existing bargained_stakes with the grant G filled in."""
    df = pd.DataFrame({"round": [3], "bet": [t_obs], "central_grant": [G]})
    return river.bargained_stakes(df, net_cost=k, downstream_benefit=D, q_abate=qa,
                                  q_pollute=qp).iloc[0]


def test_grant_for_observed_stake_gives_it_back_through_bargained_stakes():
    r = river.unpublished_grant_bargaining(river.read_round3(), net_cost=2,
                                           downstream_benefit=4, q_abate=Fraction(19, 20),
                                           q_pollute=Fraction(3, 10)).iloc[0]
    # equal split: t (2qa - 1) = (D - k)/2 + k - G/2 -> 2 * 9/10 = 1 + 2 - G/2 -> G = 12/5
    assert r["grant for the observed stake (Nash)"] == Fraction(12, 5)
    # Rubinstein, Zhejiang first, delta 9/10: Anhui gets 9/19 -> G = (18/19 + 1/5) / (10/19)
    assert r["grant for the observed stake (Rubinstein)"] == Fraction(109, 50)
    for name in ("Nash", "Rubinstein"):
        back = _back(r[f"grant for the observed stake ({name})"], 2)
        assert back[f"{name} stake"] == 2
        assert _back(0, 2)[f"{name} stake"] == r[f"{name} stake without a grant"]
    assert r["Nash stake without a grant"] == Fraction(10, 3)
    assert r["outside options bind"] == "no"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(k=st.fractions(Fraction(1, 10), 5), gain=st.fractions(Fraction(1, 10), 5),
       qa=st.fractions(Fraction(11, 20), Fraction(99, 100)), gap=st.fractions(Fraction(1, 20), 1),
       t=st.fractions(Fraction(1, 10), 8))
def test_grant_for_observed_stake_property(k, gain, qa, gap, t):
    D, qp = k + gain, max(Fraction(0), qa - gap)
    rounds = pd.DataFrame({"round": [3], "bet": [t]})
    r = river.unpublished_grant_bargaining(rounds, net_cost=k, downstream_benefit=D,
                                           q_abate=qa, q_pollute=qp).iloc[0]
    t_ic = k / (2 * (qa - qp))
    for name in ("Nash", "Rubinstein"):
        G = r[f"grant for the observed stake ({name})"]
        if G is None:   # no grant >= 0 does it, or the stake is below the abatement stake
            no_grant = _back(0, t, k, D, qa, qp)[f"{name} stake"]
            assert t < t_ic or no_grant is None or t > no_grant
        else:
            assert G >= 0
            assert _back(G, t, k, D, qa, qp)[f"{name} stake"] == t


def test_stake_below_abatement_threshold_has_no_grant():
    rounds = pd.DataFrame({"round": [3], "bet": [1]})    # 1 < 2 / 1.3: Anhui would not abate
    r = river.unpublished_grant_bargaining(rounds, net_cost=2, downstream_benefit=4,
                                           q_abate=0.95, q_pollute=0.3).iloc[0]
    assert r["grant for the observed stake (Nash)"] is None
    with pytest.raises(InputError, match="must exceed 1/2"):
        river.unpublished_grant_bargaining(rounds, net_cost=2, downstream_benefit=4,
                                           q_abate=0.5, q_pollute=0.3)


def test_compute_has_round3_only_for_the_bundled_data(tmp_path):
    n = river.compute(river.load(), with_map=False)
    assert n.round3["grant for the observed stake (Nash)"].tolist() == [2.4]
    p = tmp_path / "s.csv"
    p.write_text("year,central_grant,bet\n2012,3,1\n")
    assert len(river.compute(river.load(data=p), with_map=False).round3) == 0


def test_narrate_round3_sentence_from_hand_made_numbers():
    r3 = pd.DataFrame([{"round": 3, "observed stake": 2.0, "central grant": "not published",
                        "grant for the observed stake (Nash)": 1.5,
                        "Nash stake without a grant": 3.0,
                        "grant for the observed stake (Rubinstein)": float("nan"),
                        "Rubinstein stake without a grant": 2.5,
                        "outside options bind": "no"}])
    text = river._round3_text(r3)
    assert ("an equal Nash split would give the observed stake if the grant was 1.5, while "
            "under Rubinstein's alternating offers no non-negative grant would give the observed "
            "stake, and without a grant it would ask 3 (Rubinstein: 2.5); the outside options "
            "(no agreement) do not bind") in text
    assert "central grant is not published" in text
    assert river._round3_text(pd.DataFrame()) == ""


def _finding_and_notes(**kw):
    return river.narrate(river.compute(river.load(**kw), with_map=False))


def test_round3_without_surplus_says_so_in_words():
    # QA: D - k < 0 printed "without a grant it would ask nan (Rubinstein: nan)"
    text = _finding_and_notes(downstream_benefit=1.9)[0]
    assert "nan" not in text
    assert "without a grant there is no surplus to bargain over" in text


def test_round3_without_a_grant_for_the_observed_stake_reads_as_a_sentence():
    # QA: "...if the grant was no non-negative grant (Rubinstein: ...)"
    text = _finding_and_notes(abatement_cost=4)[0]
    assert "if the grant was no non-negative grant" not in text
    assert "no non-negative grant would give the observed stake" in text


@pytest.mark.parametrize("qa", [0.5, 0.4])
def test_round3_odds_that_cannot_pay_an_abating_anhui_are_named(qa):
    # QA: q_abate <= 1/2 gave "no surplus" as the reason, round 3 vanished silently and the
    # notes still said it was compared
    finding, notes = _finding_and_notes(q_abate=qa, q_pollute=0.2)
    assert "no surplus" not in finding
    assert f"q_abate = {qa:g} <= 1/2 cannot pay an abating Anhui" in finding
    assert "Round 3 (2018-2020) kept the stake at 2" in finding
    assert "round 3 cannot be assessed with these odds" in finding
    r3 = [n for n in notes if n.startswith("Round 3")][0]
    assert "compared with the bargaining readings" not in r3
    assert "not assessed with these odds" in r3
