"""``closed_form=`` (look for the exact, closed-form value of a numerical solution) in the
continuous-game solvers and the logit path, and ``tabulate=`` in the hypothesis strategy of
weighted voting games: the old spelling ``exact=`` still works, with a DeprecationWarning."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

from govgames.games import NormalFormGame
from govgames.games.continuous import cournot, nash_equilibria, symmetric_equilibria, tullock_contest
from govgames.games.nplayer import logit_path_equilibrium, regret
from govgames.networks.testing.strategies import weighted_voting_games

PENNIES3 = NormalFormGame.from_function(
    lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))


def _profiles(res):
    return [e.flat().tolist() for e in res]


def test_nash_equilibria_closed_form_true_gives_the_exact_cournot_solution():
    g = cournot(2, a=10, b=1, c=[1, 4])
    e = nash_equilibria(g, closed_form=True)[0]
    assert e.exact_profile == ((4,), (1,))
    # independent check: Cournot duopoly q_i = (a - 2 c_i + c_j) / (3 b)
    assert e.flat().tolist() == pytest.approx([(10 - 2 + 4) / 3, (10 - 8 + 1) / 3], abs=1e-9)


def test_nash_equilibria_closed_form_false_keeps_floats_only():
    g = cournot(2, a=10, b=1, c=[1, 4])
    res = nash_equilibria(g, method="numeric", closed_form=False)
    assert res and all(e.exact_profile is None for e in res)
    assert res[0].flat().tolist() == pytest.approx([4, 1], abs=1e-7)
    assert nash_equilibria(g, method="numeric")[0].exact_profile == ((4,), (1,))


@pytest.mark.parametrize("old", [True, False])
def test_nash_equilibria_exact_is_a_deprecated_spelling(old):
    g = cournot(2, a=10, b=1, c=[1, 4])
    with pytest.warns(DeprecationWarning, match="`exact=` is deprecated; use `closed_form=`"):
        res = nash_equilibria(g, method="numeric", exact=old)
    new = nash_equilibria(g, method="numeric", closed_form=old)
    assert _profiles(res) == _profiles(new)
    assert [e.exact_profile for e in res] == [e.exact_profile for e in new]
    with pytest.raises(TypeError, match="closed_form"):
        nash_equilibria(g, closed_form=True, exact=True)


def test_symmetric_equilibria_closed_form_and_its_old_name():
    g = tullock_contest(4, v=1)
    exact = symmetric_equilibria(g)[0]
    assert exact.exact_profile[0][0] == sp.Rational(3, 16)  # (n - 1) / n**2
    floats = symmetric_equilibria(g, closed_form=False)[0]
    assert floats.exact_profile is None
    assert floats.flat()[0] == pytest.approx(3 / 16, abs=1e-9)
    with pytest.warns(DeprecationWarning, match="symmetric_equilibria"):
        old = symmetric_equilibria(g, exact=False)[0]
    assert old.exact_profile is None and old.flat().tolist() == floats.flat().tolist()
    with pytest.raises(TypeError):
        symmetric_equilibria(g, closed_form=False, exact=False)


def test_logit_path_closed_form_refines_exactly_or_not():
    e = logit_path_equilibrium(PENNIES3)
    assert e.exact_profile is not None
    assert all(p == [Fraction(1, 2)] * 2 for p in map(list, e.exact_profile))
    f = logit_path_equilibrium(PENNIES3, closed_form=False)
    assert f.exact_profile is None and any("floating point" in n for n in f.notes)
    assert regret(PENNIES3.numeric_payoffs(), list(f.profile)) <= 1e-8
    assert np.allclose(np.concatenate(f.profile), 0.5, atol=1e-6)


def test_logit_path_exact_is_a_deprecated_spelling():
    with pytest.warns(DeprecationWarning, match="logit_path_equilibrium: `exact=`"):
        old = logit_path_equilibrium(PENNIES3, exact=False)
    assert old.exact_profile is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logit_path_equilibrium(PENNIES3).exact_profile is not None
    with pytest.raises(TypeError):
        logit_path_equilibrium(PENNIES3, closed_form=True, exact=True)


@settings(max_examples=10, deadline=None)
@given(weighted_voting_games(1, 5, tabulate=False))
def test_weighted_voting_games_tabulate_false_keeps_the_function(g):
    assert not g.is_exact
    assert g.value(g.players) == 1.0


def test_weighted_voting_games_exact_is_a_deprecated_spelling():
    with pytest.warns(DeprecationWarning, match="`exact=` is deprecated; use `tabulate=`"):
        g = weighted_voting_games(2, 4, exact=False).example()
    assert not g.is_exact
    assert weighted_voting_games(2, 4).example().is_exact
