"""Power indices reduce the weighted voting game before counting (QA): weights of at least the
quota are clamped to it, weights and quota are divided by the weights' greatest common divisor,
and Banzhaf has its own memory estimate."""
import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.budget import BudgetError, budget
from govgames.networks.voting import banzhaf_index, shapley_shubik_index


def _brute(w, q):
    """Shapley-Shubik by all orders and raw Banzhaf swings by all coalitions (independent)."""
    n = len(w)
    piv = [0] * n
    for order in itertools.permutations(range(n)):
        s = 0
        for i in order:
            if s < q <= s + w[i]:
                piv[i] += 1
                break
            s += w[i]
    swings = [0] * n
    for m in range(1 << n):
        s = sum(w[j] for j in range(n) if m >> j & 1)
        for i in range(n):
            if not m >> i & 1 and s < q <= s + w[i]:
                swings[i] += 1
    return [Fraction(c, math.factorial(n)) for c in piv], swings


@pytest.mark.parametrize("big", [2**62, 2**63, 2**64, 10**30, 1e30, "1e30"])
def test_a_weight_above_the_quota_is_a_player_who_wins_alone(big):
    ss = shapley_shubik_index([big, 1, 1], 2, rational=True)
    assert list(ss.values()) == [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    bz = banzhaf_index([big, 1, 1], 2, rational=True)
    assert list(bz.values()) == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
    assert shapley_shubik_index([big, 1, 1], 2)["P1"] == 2 / 3


def test_huge_weights_with_many_players_take_the_int64_paths():
    w = [2**64] + [1] * 29 + [3] * 10
    assert banzhaf_index(w, 20, rational=True) == banzhaf_index([20] + w[1:], 20, rational=True)
    w = [2**64] + [1] * 15
    assert shapley_shubik_index(w, 9, rational=True) == shapley_shubik_index(
        [9] + w[1:], 9, rational=True)


def test_a_tiny_quota_is_not_scaled_to_astronomical_integers():
    assert list(banzhaf_index([1, 1, 1], 1e-300, rational=True).values()) == [Fraction(1, 3)] * 3
    assert shapley_shubik_index([1, 2], "1e-300", rational=True)["P1"] == Fraction(1, 2)


def test_a_large_common_factor_is_divided_out():
    idx = shapley_shubik_index([10**15] * 3, 2 * 10**15, rational=True)
    assert list(idx.values()) == [Fraction(1, 3)] * 3
    idx = banzhaf_index([4 * 10**15, 2 * 10**15, 10**15], 5 * 10**15 - 1, rational=True)
    assert list(idx.values()) == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=6), st.data(),
       st.sampled_from([1, 7, 10**12, 2**70]), st.integers(0, 2**80))
def test_reduced_game_matches_brute_force_on_the_original(w, data, g, huge):
    if sum(w) == 0:
        w = w + [1]
    q = data.draw(st.integers(1, sum(w)))
    ss_ref, swings = _brute(w, q)
    # scale by g (quota up to g - 1 below the scaled one: the same game) and make every
    # weight of at least q astronomically large (still a player who wins alone)
    big = [g * x if x < q else g * q + huge for x in w]
    qq = g * q - data.draw(st.integers(0, g - 1))
    assert list(shapley_shubik_index(big, qq, rational=True).values()) == ss_ref
    raw = banzhaf_index(big, qq, normalized=False, rational=True)
    assert list(raw.values()) == [Fraction(s, 2 ** (len(w) - 1)) for s in swings]


def test_banzhaf_has_its_own_memory_estimate():
    # 70 players (Python-int counts), quota 10001: big players need 34 of 69 to win, the
    # small one is never pivotal. The Shapley-Shubik table estimate (16 (n+1) q = 11 MiB)
    # used to refuse this under a 5 MiB budget; the Banzhaf table is one row of q counts.
    w = [301] * 69 + [1]
    with budget(max_memory="5M"):
        idx = banzhaf_index(w, 10001, rational=True)
    assert list(idx.values()) == [Fraction(1, 69)] * 69 + [0]
    with budget(max_memory="1M"), pytest.raises(BudgetError, match="Banzhaf index of 70"):
        banzhaf_index(w, 10001)


def test_a_weight_above_the_quota_does_not_break_the_common_factor():
    """Found by the lower-bound run (hypothesis 6.0): [10**12, 2 * 10**12] with quota
    2 * 10**12 - 1 was refused ("the quota scaled to integers is 1999999999999") because the
    large weight was clamped to the quota before the gcd was taken."""
    idx = shapley_shubik_index([10**12, 2 * 10**12], 2 * 10**12 - 1, rational=True)
    assert list(idx.values()) == [Fraction(0), Fraction(1)]
    raw = banzhaf_index([10**12, 2 * 10**12], 2 * 10**12 - 1, normalized=False, rational=True)
    assert list(raw.values()) == [Fraction(0), Fraction(1)]
