"""Power indices by enumerating the 2**n coalitions (QA s22): few players with huge weights are
answered exactly (the counting over the quota refused them), the two methods agree, and the
cheaper method within the budgets is chosen."""
import time
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.budget import BudgetError, budget
from govgames.games.errors import InputError
from govgames.networks.voting import (_choose_method, _enumerated_swings, banzhaf_index,
                                      shapley_shubik_index)


@st.composite
def games(draw, max_players=8):
    w = draw(st.lists(st.integers(0, 20), min_size=1, max_size=max_players))
    total = sum(w)
    if total == 0:
        w[0] = 1
        total = 1
    return w, draw(st.integers(1, total))


def _indices(w, q, method, rational=True):
    ss = shapley_shubik_index(w, q, rational=rational, method=method)
    raw = banzhaf_index(w, q, normalized=False, rational=rational, method=method)
    try:
        bz = banzhaf_index(w, q, rational=rational, method=method)
    except InputError:
        bz = None
    return ss, raw, bz


@settings(max_examples=150, deadline=None)
@given(games())
def test_enumeration_agrees_with_counting_over_the_quota(game):
    w, q = game
    for rational in (True, False):
        enum = _indices(w, q, "enumerate", rational)
        dp = _indices(w, q, "dp", rational)
        assert enum == dp
        for a, b in zip(enum, dp):
            if a is not None:
                assert a.method == b.method
                assert {type(v) for v in a.values()} == {Fraction if rational else float}


@settings(max_examples=60, deadline=None)
@given(games(max_players=10))
def test_python_integer_sums_agree_with_int64(game):
    w, q = game
    big = 10**30                       # sums over 2**63: the object-array path
    for by_size in (False, True):
        small = _enumerated_swings(w, q, by_size)
        huge = _enumerated_swings([a * big for a in w], q * big, by_size)
        assert huge == {a * big: v for a, v in small.items()}


@settings(max_examples=60, deadline=None)
@given(games(max_players=7), st.integers(0, 6))
def test_the_same_game_with_huge_weights_and_a_dummy(game, at):
    """``w_i 10**50 + 1`` with quota ``q 10**50`` is the same game (fewer than 10**50 players),
    with coprime huge weights: counted by enumeration; a player of weight 0 is a dummy (index
    0) and leaves the others' Shapley-Shubik and normalised Banzhaf indices unchanged."""
    w, q = game
    scale = 10**50
    huge = [a * scale + 1 for a in w]
    at = min(at, len(w))
    huge.insert(at, 0)
    assert _choose_method(huge, q * scale, "Banzhaf", "auto") == "enumerate"
    ss, raw, bz = _indices(huge, q * scale, "auto")
    ss0, raw0, bz0 = _indices(w, q, "auto")
    dummy = f"P{at + 1}"
    assert ss[dummy] == 0 and raw[dummy] == 0
    others = [p for p in ss if p != dummy]
    assert [ss[p] for p in others] == list(ss0.values())
    assert [raw[p] for p in others] == list(raw0.values())  # swings and 2**(n-1) doubled
    if bz0 is not None:
        assert bz[dummy] == 0 and [bz[p] for p in others] == list(bz0.values())


def test_few_players_with_huge_weights_are_answered_exactly_and_quickly():
    t = time.monotonic()
    half = Fraction(1, 2)
    ss = shapley_shubik_index([10**200, 10**200, 1, 1], 2 * 10**200, rational=True)
    assert list(ss.values()) == [half, half, 0, 0]
    bz = banzhaf_index([1e299, 1e299, 1], 1e299, rational=True)
    assert list(bz.values()) == [half, half, 0]
    assert list(banzhaf_index([1e299, 1e299, 1], 1e299).values()) == [0.5, 0.5, 0.0]
    raw = banzhaf_index([1e299, 1e299, 1], 1e299, normalized=False, rational=True)
    assert list(raw.values()) == [half, half, 0]       # 2 swings of 4 coalitions of the others
    assert list(shapley_shubik_index([1e299, 1e299, 1], 1e299).values()) == [0.5, 0.5, 0.0]
    assert time.monotonic() - t < 5


def test_the_cheaper_method_within_the_budget_is_chosen():
    assert _choose_method([10**200, 10**200, 1, 1], 2 * 10**200, "Banzhaf", "auto") == "enumerate"
    assert _choose_method([7] * 5 + [1] * 10, 39, "Shapley-Shubik", "auto") == "dp"
    assert _choose_method([1] * 40, 21, "Banzhaf", "auto") == "dp"
    w, q = [1, 2, 3, 4], 6
    assert _choose_method(w, q, "Banzhaf", "auto") == "enumerate"
    with budget(max_work=1):                 # enumeration over budget: counting over the quota
        assert _choose_method(w, q, "Banzhaf", "auto") == "dp"
        assert banzhaf_index(w, q) == banzhaf_index(w, q, method="dp")
        with pytest.raises(BudgetError, match="enumerating the 2\\*\\*4 coalitions"):
            banzhaf_index(w, q, method="enumerate")


def test_refusals_name_the_cheaper_method():
    huge = [10**100 + k for k in range(40)]
    for index in (shapley_shubik_index, banzhaf_index):
        with pytest.raises(BudgetError, match="2\\*\\*40 coalitions") as info:
            index(huge, sum(huge) // 2)
        assert len(str(info.value)) < 300 and "method='dp'" in str(info.value)
        with pytest.raises(BudgetError, match="counting over the quota"):
            index(huge, sum(huge) // 2, method="dp")
    for bad in ("brute", ["dp"], {}, None, 1):
        with pytest.raises(InputError, match="method must be"):
            banzhaf_index([1, 1], 1, method=bad)
        with pytest.raises(InputError, match="method must be"):
            shapley_shubik_index([1, 1], 1, method=bad)


def test_progress_bar_of_the_big_integer_counting(capsys):
    idx = shapley_shubik_index([1] * 25, 13, progress=True)
    assert idx["P1"] == pytest.approx(1 / 25)
    assert "shapley-shubik" in capsys.readouterr().err
    with pytest.raises(InputError, match="progress must be"):
        shapley_shubik_index([1, 1], 1, progress="yes")
