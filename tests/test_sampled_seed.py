"""A sampled value records the entropy it used, so ``seed=result.seed`` repeats it (QA)."""
import numpy as np
import pytest

from govgames.games.parallel import seed_sequence
from govgames.networks import CoalitionalGame, banzhaf_value, shapley_value

W = [5, 4, 3, 3, 2, 2, 1]


def _vote(S):
    return float(sum(W[int(p[1:]) - 1] for p in S) >= 11)


@pytest.fixture(scope="module")
def game():
    return CoalitionalGame.from_function([f"P{i + 1}" for i in range(7)], _vote, tabulate=False)


@pytest.mark.parametrize("seed", [None, "generator", 12, "seedsequence"])
@pytest.mark.parametrize("which", ["shapley", "banzhaf", "antithetic"])
def test_result_seed_reproduces_the_run(game, seed, which):
    make = {"generator": lambda: np.random.default_rng(5),
            "seedsequence": lambda: np.random.SeedSequence(99)}.get(seed, lambda: seed)

    def run(s):
        if which == "banzhaf":
            return banzhaf_value(game, method="sample", n_samples=300, seed=s)
        return shapley_value(game, method="sample", n_samples=300, seed=s,
                             antithetic=which == "antithetic")

    first = run(make())
    assert first.seed is not None and not isinstance(first.seed, np.random.Generator)
    again = run(first.seed)
    assert dict(again) == dict(first) and again.std_errors == first.std_errors
    assert again.seed == first.seed
    if seed == 12:
        assert first.seed == 12               # an integer seed is recorded as given
    if seed == "generator":                   # the same as the generator's own run
        assert dict(run(np.random.default_rng(5))) == dict(first)


def test_two_unseeded_runs_record_different_entropy(game):
    a = shapley_value(game, method="sample", n_samples=50)
    b = shapley_value(game, method="sample", n_samples=50)
    assert a.seed != b.seed and isinstance(a.seed, int)


def test_spawned_seed_sequence_is_kept(game):
    child = np.random.SeedSequence(3).spawn(2)[1]
    est = shapley_value(game, method="sample", n_samples=100, seed=child)
    assert est.seed is child
    assert dict(shapley_value(game, method="sample", n_samples=100, seed=est.seed)) == dict(est)


def test_seed_sequence_accepts_recorded_entropy_and_refuses_bad_lists():
    assert seed_sequence([3, 4]).entropy == [3, 4]
    for bad in ([], [-1], [1.5], ["a"], [True]):
        with pytest.raises(Exception, match="seed must be"):
            seed_sequence(bad)
