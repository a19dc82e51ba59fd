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
