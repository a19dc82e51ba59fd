"""Club parameters checked against their domains, one line and exit 2 on the command line; key
numbers that are empty lists read "none"."""

from __future__ import annotations

import pytest
from govgames.analyses import club
from govgames.analyses.base import human_number
from govgames.analyses.cli import main
from govgames.games.errors import InputError


@pytest.mark.parametrize("param, value, fragment", [
    ("urbanization_min", -1, "urbanization_min must be in [0, 1]"),
    ("urbanization_min", 20, "write 0.2 for 20%"),
    ("linkage_min", -5, "linkage_min must be a non-negative number"),
    ("gdp_ratio_min", 1e299, "gdp_ratio_min must be in [0, 100]"),
    ("gdp_ratio_min", -0.1, "gdp_ratio_min must be in [0, 100]"),
    ("linkage_min", float("nan"), "linkage_min: nan is not a finite number"),
    ("urbanization_min", "0.2", "urbanization_min must be in [0, 1]"),
    ("gdp_ratio_min", True, "gdp_ratio_min: True is not a number"),
])
def test_thresholds_outside_their_domain_are_refused(param, value, fragment):
    # refused before any work (no table is read)
    with pytest.raises(InputError) as exc:
        club.compute(None, **{param: value})
    assert fragment in str(exc.value) and str(exc.value).startswith("club: ")


@pytest.mark.parametrize("pair, fragment", [("urbanization_min=-1", "urbanization_min"),
                                            ("linkage_min=-5", "linkage_min"),
                                            ("gdp_ratio_min=1e299", "gdp_ratio_min")])
def test_cli_refuses_bad_thresholds_in_one_line(capsys, pair, fragment):
    code = main(["analyses", "run", "club", "--param", pair])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert fragment in err and "Traceback" not in err


def test_domain_edges_are_accepted():
    n = club.compute(club.load(), urbanization_min=0, gdp_ratio_min=0, linkage_min=0,
                     sweep_points=2)
    assert n.numbers["excluded_by_urbanization"] == []


def test_empty_lists_read_none_in_the_key_numbers():
    assert human_number([]) == "none"
    assert human_number({1997: [], 2019: ["Fuyang"]}) == "1997: none; 2019: Fuyang"
    r = club.run(sweep_points=2)
    text = str(r)
    assert "Excluded by the urbanization rule: none" in text
    assert "rule:  (" not in text and ": ;" not in text
