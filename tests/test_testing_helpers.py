"""games.testing: assertions for users' tests, with messages that show the deviation."""
import pytest

from govgames.games import NormalFormGame
from govgames.games.pure import pure_nash_equilibria
from govgames.games.testing import assert_equilibria_equal, assert_equilibrium, assert_not_equilibrium

PD = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
                    strategies=[["C", "D"], ["C", "D"]])
BOS = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]], players=["She", "He"],
                     strategies=[["Opera", "Football"], ["Opera", "Football"]])


def test_assert_equilibrium_passes_and_fails_with_deviation():
    assert_equilibrium(PD, ["D", "D"])
    assert_equilibrium(BOS, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]])
    with pytest.raises(AssertionError) as info:
        assert_equilibrium(PD, ["C", "C"])
    msg = str(info.value)
    assert "A: C; B: C is not a Nash equilibrium" in msg
    assert "A gains 2 by deviating to 'D' (payoff 5 instead of 3)" in msg
    assert "B gains 2 by deviating to 'D'" in msg
    with pytest.raises(AssertionError, match=r"She: \[0.6, 0.4\]"):
        assert_equilibrium(BOS, [[0.6, 0.4], [1 / 3, 2 / 3]])


def test_tolerance_is_used():
    assert_equilibrium(BOS, [[0.6667, 0.3333], [0.3333, 0.6667]], tol=1e-3)
    with pytest.raises(AssertionError):
        assert_equilibrium(BOS, [[0.6667, 0.3333], [0.3333, 0.6667]], tol=1e-9)


def test_assert_not_equilibrium():
    assert_not_equilibrium(PD, ["C", "D"])
    with pytest.raises(AssertionError, match="is a Nash equilibrium.*payoffs 1, 1"):
        assert_not_equilibrium(PD, ["D", "D"])


def test_accepts_equilibrium_objects():
    eqs = pure_nash_equilibria(BOS)
    for e in eqs:
        assert_equilibrium(BOS, e)
    with pytest.raises(AssertionError):
        assert_not_equilibrium(BOS, eqs[0])


def test_assert_equilibria_equal_order_free_and_mixed_inputs():
    eqs = pure_nash_equilibria(BOS)
    assert_equilibria_equal(eqs, [["Football", "Football"], ["Opera", "Opera"]], game=BOS)
    assert_equilibria_equal(list(reversed(eqs)), eqs)
    assert_equilibria_equal(eqs, [[[1, 0], [1, 0]], [[0, 1], [0, 1]]])
    with pytest.raises(AssertionError) as info:
        assert_equilibria_equal(eqs, [[[1, 0], [1, 0]], [[2 / 3, 1 / 3], [1 / 3, 2 / 3]]])
    msg = str(info.value)
    assert "missing: [0.666667, 0.333333; 0.333333, 0.666667]" in msg
    assert "unexpected: [0, 1; 0, 1]" in msg
    # multiplicity matters: a duplicate is reported
    with pytest.raises(AssertionError, match="unexpected"):
        assert_equilibria_equal(list(eqs) + [eqs[0]], eqs)
    with pytest.raises(TypeError, match="game="):
        assert_equilibria_equal(eqs, [["Opera", "Opera"]])


def test_tolerance_of_equality():
    a = [[[0.5, 0.5], [1, 0]]]
    b = [[[0.5 + 1e-4, 0.5 - 1e-4], [1, 0]]]
    assert_equilibria_equal(a, b, tol=1e-3)
    with pytest.raises(AssertionError):
        assert_equilibria_equal(a, b, tol=1e-6)
