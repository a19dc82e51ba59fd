"""The dimension of a support's ideal from its leading monomials (``max_independent_set``)
against the search over every subset from the largest size down (what ``dimension`` did: it
took minutes at 40 variables when the answer was 0, e.g. the exact refinement of a logit
equilibrium of a 100x100 game)."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.nplayer import polynomial
from govgames.games.nplayer.polynomial import max_independent_set


def _brute_force(supports, n):
    for size in range(n, -1, -1):
        for U in itertools.combinations(range(n), size):
            if not any(set(s) <= set(U) for s in supports):
                return size, U
    raise AssertionError("the empty set is always independent")


_supports = st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.sets(st.integers(0, n - 1), min_size=1, max_size=3), max_size=10)))


@settings(max_examples=300, deadline=None)
@given(_supports)
def test_matches_the_search_from_the_top(case):
    n, supports = case
    assert max_independent_set(supports, n) == _brute_force(supports, n)


@settings(max_examples=100, deadline=None)
@given(_supports)
def test_the_fallback_for_large_levels_gives_the_same_answer(case):
    n, supports = case
    old = polynomial._MAX_INDEPENDENT_SETS
    polynomial._MAX_INDEPENDENT_SETS = 2
    try:
        assert max_independent_set(supports, n) == _brute_force(supports, n)
    finally:
        polynomial._MAX_INDEPENDENT_SETS = old


def test_forty_variables_of_dimension_zero_is_immediate():
    supports = [{k} for k in range(40)]
    assert max_independent_set(supports, 40) == (0, ())
    assert max_independent_set(supports[1:], 40) == (1, (0,))
