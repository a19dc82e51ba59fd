"""QA defects of the intervention case away from the defaults."""

import math

import pytest

from govgames.analyses import intervention as iv
from govgames.games.errors import InputError


def _finding(**kw):
    return iv.narrate(iv.compute(iv.load(**kw), with_map=False))[0]


@pytest.mark.parametrize("kw", [dict(fine=1.0), dict(fine=0.5, cost=5.0), dict(cost=0.5), {}])
def test_finding_has_no_nan_and_no_garbled_sentence(kw):
    text = _finding(**kw)
    assert "nan" not in text
    assert "picks no audit" not in text
    assert "superior picks" in text or "superior finds no commitment" in text


def test_mandated_audit_uses_the_case_subsidy_and_subsidy_role_is_stated():
    text = _finding(fine=1.0)
    q = iv.minimal_audit("mandated", benefit=1, cost=2.5, spill=1, fine=1, subsidy=1,
                         formal_cost=0.5)
    assert q == 1.0          # q f >= c - b - k = 1 at f = 1
    assert "an audit of at least 1 at this fine and subsidy 1" in text
    assert "does not help against this" not in text       # the cheapest commitment pays 0.5
    assert "keeps the cities from refusing" in text


def test_cooperation_without_superior_when_benefit_covers_cost():
    assert "at the current target (0.5) they do (normative)" in _finding(cost=0.5)
    assert "they do not (sporadic)" in _finding()


@pytest.mark.parametrize("bad", [(-1.0,), (float("nan"),), (0.0, float("inf"))])
def test_bad_subsidies_refused(bad):
    with pytest.raises(InputError, match="subsidies"):
        iv.load(subsidies=bad)


def test_figures_without_map_skip_the_map():
    figs = iv.figures(iv.compute(iv.load(), with_map=False))
    assert sorted(figs) == ["fine_audit_frontier"]


def test_key_number_mandated_audit_is_at_case_subsidy():
    r = iv.run(fine=1.0, target_costs=(2.5,), subsidies=(0.0,))
    assert r.numbers["minimal_audit_mandated"] == 1.0
    assert not math.isnan(r.numbers["minimal_audit_mandated"])
