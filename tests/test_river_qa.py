"""QA defects of the river case: bad schedules, parameters away from the defaults."""

import pytest

from govgames.analyses import river
from govgames.games.errors import InputError


def _csv(tmp_path, text, name="s.csv"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_duplicate_year_is_refused_naming_file_and_row(tmp_path):
    p = _csv(tmp_path, "year,central_grant,bet\n2012,3,1\n2012,3,2\n", "dup.csv")
    with pytest.raises(InputError, match=r"dup\.csv: line 3 \(data row 2\), column 'year'.*2012"):
        river.load(data=p)


def test_status_of_numbers_resting_on_assumed_inputs_is_assumed():
    for key in ("identified_net_cost_max", "identified_net_cost_max_earmarked",
                "identified_downstream_benefit_min", "anhui_implied_share_by_round"):
        assert river._DESCRIBE[key].status == "assumed", key


def _finding(**kw):
    return river.narrate(river.compute(river.load(**kw), with_map=False))[0]


def test_cost_below_own_benefit_needs_no_transfer():
    assert river.minimal_compensation(0.4, 0.5, 4.0) == (0.0, 4.0)
    text = _finding(abatement_cost=0.4)
    assert "abates on its own" in text and "no transfer is needed" in text


def test_empty_bargaining_set_is_no_agreement():
    n = river.compute(river.load(downstream_benefit=1), with_map=False)
    assert not n.bargaining["agreement possible"].any()
    assert n.bargaining["Nash stake"].isna().all()
    text = river.narrate(n)[0]
    assert "bargaining set is empty (no agreement" in text
    assert "equal Nash split gives" not in text


def test_bargaining_set_by_hand():
    import pandas as pd
    from fractions import Fraction as F
    r = pd.DataFrame({"round": [1], "bet": [1.0], "central_grant": [3.0]})
    # t_ic = 2 / 1.3 = 20/13; Zhejiang pays 0.9 t <= D only if D >= 18/13
    for D, ok in ((F(18, 13), True), (F(17, 13), False)):
        row = river.bargained_stakes(r, net_cost=2, downstream_benefit=D, q_abate=0.95,
                                     q_pollute=0.3).iloc[0]
        assert bool(row["agreement possible"]) is ok


def test_shares_above_the_surplus_are_flagged():
    assert "more than the whole surplus" in river._share_text(1.4)
    assert river._share_text(0.5) == "50%"


def test_sentences_follow_the_numbers_at_cost_0_6():
    text = _finding(abatement_cost=0.6)
    assert "abates in no year" not in text
    assert "Abate in 2012, 2013, 2014, 2015, 2016, 2017" in text
    assert "is not what makes the agreement worth signing" in text


def test_one_row_schedule_sentences(tmp_path):
    p = _csv(tmp_path, "year,central_grant,bet\n2020,0,0\n")
    text = _finding(data=p)
    assert "each of the 1 years" not in text and "in the one year" in text
    assert "2020.0" not in text
    assert "the observed stake 0 gives Anhui" in text
