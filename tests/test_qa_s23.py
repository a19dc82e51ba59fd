"""Defects found by the fresh-user QA of round 23 (lever amounts given as Fractions or huge
integers, the parameter map's legend, the public-goods thresholds, large symmetric contests and
continuous games with a huge number of players)."""

from decimal import Decimal
from fractions import Fraction

import pytest
import sympy as sp

from govgames.games import dilemmas, mechanisms, nash_equilibria
from govgames.games.errors import InputError


# --------------------------------------------------------------------------- lever amounts
def test_levers_keep_fraction_and_decimal_amounts_exact():
    """A Fraction (what critical_discount_factor returns) was refused as "not a number"."""
    pd = dilemmas.prisoners_dilemma(T=5, R=3, P=1, S=0)
    g = mechanisms.penalty(pd, "A", "Defect", Fraction(1, 3))
    assert g.exact_payoffs()[0, 1, 1] == sp.Rational(2, 3)
    eq = nash_equilibria(g)
    assert [e.pure_profile for e in eq] == [("Defect", "Defect")]
    assert eq[0].exact_payoffs[0] == Fraction(2, 3)
    h = mechanisms.subsidy(pd, "B", "Cooperate", Decimal("0.5"))
    assert h.exact_payoffs()[1, 0, 0] == sp.Rational(7, 2)


def test_levers_bound_huge_integers_instead_of_a_traceback():
    """10**20 + 1 raised a numpy TypeError; 10**400 must be refused by the 1e300 rule."""
    pd = dilemmas.prisoners_dilemma(T=5, R=3, P=1, S=0)
    g = mechanisms.transfer(pd, "A", "B", 10**20 + 1)
    assert g.exact_payoffs()[1, 0, 0] == 3 + 10**20 + 1
    with pytest.raises(InputError, match="the transfer amount.*too large"):
        mechanisms.transfer(pd, "A", "B", 10**400)
    with pytest.raises(InputError, match="the penalty.*not a finite number"):
        mechanisms.penalty(pd, "A", "Defect", Decimal("NaN"))
