"""The exact Shapley-Shubik index estimates its time and refuses work over the budget (QA)."""
import random

import pytest

from govgames.games.budget import BudgetError
from govgames.games.errors import InputError
from govgames.networks.voting import shapley_shubik_index


def test_many_distinct_weights_and_a_large_quota_are_refused_quickly():
    rng = random.Random(1)
    w = [rng.randint(1, 100) for _ in range(1000)]
    with pytest.raises(BudgetError, match="time budget") as info:
        shapley_shubik_index(w, sum(w) // 2)
    assert isinstance(info.value, InputError)
    assert "Banzhaf" in str(info.value)


def test_the_benchmark_size_is_within_the_budget():
    idx = shapley_shubik_index([1 + k % 10 for k in range(200)], 554)
    assert sum(idx.values()) == pytest.approx(1.0)
