"""Nucleolus stages whose warm-started LP ends in an unknown status are solved again (QA)."""
import numpy as np
import pytest

import govgames.networks as nw


@pytest.mark.parametrize("values, expected", [
    ([0, 2, 0, 4, 1, 3, 3, 4], {"A": 2.0, "B": 1.0, "C": 1.0}),   # by hand: e(AB) = x_C >= 1
    ([0, 0, 0, 1, 0, 1, 0, 0], {"A": 0.0, "B": 0.0, "C": 0.0}),   # the imputation set is a point
])
def test_games_whose_stage_lp_needed_a_fresh_start(values, expected):
    got = nw.nucleolus(nw.CoalitionalGame(list("ABC"), values))
    assert got == pytest.approx(expected, abs=1e-9)


def test_random_small_games_all_solve():
    rng = np.random.default_rng(5)
    for _ in range(300):
        n = int(rng.integers(3, 6))
        v = rng.integers(0, 6, size=2 ** n).astype(float)
        v[0] = 0
        singles = sum(v[1 << i] for i in range(n))
        v[-1] = max(v[-1], singles)
        x = nw.nucleolus(nw.CoalitionalGame(list("ABCDE"[:n]), list(v)))
        assert sum(x.values()) == pytest.approx(v[-1])
        assert all(x[p] >= v[1 << i] - 1e-9 for i, p in enumerate("ABCDE"[:n]))
