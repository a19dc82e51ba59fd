"""Exact memory-one payoffs (games.repeated.memory_one) against simulation and theory."""
import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games.errors import InputError
from govgames.games.repeated import (AllC, AllD, GenerousTFT, MemoryOne, TitForTat, WinStayLoseShift,
                            memory_one_payoffs, memory_one_tournament, play_match,
                            random_memory_one, round_robin_tournament, transition_matrices)
from govgames.games.repeated.memory_one import _initial, _outcome_distribution

U1 = np.array([3.0, 0.0, 5.0, 1.0])


def _sim_stats(values):
    return values.mean(axis=0), values.std(axis=0, ddof=1) / np.sqrt(values.shape[0])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_discounted_matches_simulation(seed):
    rng = np.random.default_rng(seed)
    p = MemoryOne(*rng.random(4), initial=rng.random(), name="p")
    q = MemoryOne(*rng.random(4), initial=rng.random(), name="q")
    delta, noise = 0.9, 0.03
    exact = memory_one_payoffs(p, q, discount=delta, noise=noise)
    m = play_match(p, q, turns=300, repetitions=4000, noise=noise, seed=seed)
    w = (1 - delta) * delta ** np.arange(300)
    vals = np.stack([m.payoffs[0] @ w, m.payoffs[1] @ w], axis=1)  # per repetition
    mean, se = _sim_stats(vals)
    assert np.all(np.abs(mean - exact) < 4 * se + 1e-12), (mean, exact, se)


@pytest.mark.parametrize("seed", [3, 4])
def test_finite_turns_and_long_run_match_simulation(seed):
    rng = np.random.default_rng(seed)
    p = MemoryOne(*rng.random(4), name="p")
    q = MemoryOne(*rng.random(4), name="q")
    m = play_match(p, q, turns=40, repetitions=5000, noise=0.01, seed=seed)
    mean, se = _sim_stats(m.payoffs.mean(axis=2).T)
    exact = memory_one_payoffs(p, q, turns=40, noise=0.01)
    assert np.all(np.abs(mean - exact) < 4 * se)
    # long run: a long match, after a burn-in of 100 turns (the chain mixes fast)
    m = play_match(p, q, turns=2100, repetitions=200, noise=0.01, seed=seed + 10)
    mean, se = _sim_stats(m.payoffs[:, :, 100:].mean(axis=2).T)
    exact = memory_one_payoffs(p, q, noise=0.01)
    assert np.all(np.abs(mean - exact) < 4 * se)


def test_deterministic_long_run_values():
    stft = MemoryOne(1, 0, 1, 0, initial=0, name="STFT")
    assert memory_one_payoffs(TitForTat(), AllD()) == pytest.approx((1, 1))
    assert memory_one_payoffs(WinStayLoseShift(), AllD()) == pytest.approx((0.5, 3))
    assert memory_one_payoffs(TitForTat(), stft) == pytest.approx((2.5, 2.5))  # CD/DC cycle
    assert memory_one_payoffs(AllC(), AllC()) == pytest.approx((3, 3))
    # TFT vs TFT with noise: all four outcomes equally likely in the long run
    assert memory_one_payoffs(TitForTat(), TitForTat(), noise=0.1) == pytest.approx((2.25, 2.25))


def test_cesaro_limit_of_reducible_chains():
    # every pair of deterministic memory-one strategies: the long-run distribution is the
    # limit of the discounted one as δ -> 1 and is invariant under the chain
    vecs = np.array(list(itertools.product([0, 1], repeat=4)), dtype=float)
    P1 = np.repeat(vecs[:, None], 16, 1)
    P2 = np.repeat(vecs[None, :], 16, 0)
    M = transition_matrices(P1, P2)
    for x1, x2 in [(1, 1), (0, 1), (0, 0)]:
        v0 = _initial(np.full((16, 16), x1), np.full((16, 16), x2), 0)
        lr = _outcome_distribution(M, v0)
        near = _outcome_distribution(M, v0, discount=1 - 1e-7)
        assert np.allclose(lr, near, atol=1e-5)
        assert np.allclose(np.einsum("...i,...ij->...j", lr, M), lr, atol=1e-9)
        assert np.allclose(lr.sum(-1), 1)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.01, 0.99), min_size=4, max_size=4))
def test_press_dyson_equalizer(q):
    # Press and Dyson (2012): p = (5/6, 1/2, 1/3, 1/6) is a zero-determinant "equalizer" for
    # the PD (5, 3, 1, 0): every memory-one opponent gets -γ/β = 2 in the long run
    eq = MemoryOne(5 / 6, 1 / 2, 1 / 3, 1 / 6)
    _, opp = memory_one_payoffs(eq, q)
    assert opp == pytest.approx(2.0, abs=1e-9)


def test_tournament_agrees_with_pairs_and_simulation():
    S = random_memory_one(6, seed=7)
    r = memory_one_tournament(S, discount=0.95, noise=0.02)
    for i, j in [(0, 1), (2, 5), (4, 4)]:
        a, b = memory_one_payoffs(S[i], S[j], discount=0.95, noise=0.02)
        assert r.payoff_matrix.iloc[i, j] == pytest.approx(a)
        assert r.payoff_matrix.iloc[j, i] == pytest.approx(b)
    # deterministic memory-one strategies over 200 turns: equal to the simulated tournament
    det = [AllC(), AllD(), TitForTat(), WinStayLoseShift(), MemoryOne(0, 1, 0, 1, initial=0, name="X")]
    ex = memory_one_tournament(det, turns=200)
    sim = round_robin_tournament(det, turns=200, repetitions=1, seed=0)
    assert np.allclose(ex.payoff_matrix.to_numpy(), sim.payoff_matrix.to_numpy())
    assert np.allclose(ex.scores, sim.scores)


def test_tournament_with_gtft_matches_simulation_in_expectation():
    S = [GenerousTFT(), AllD(), TitForTat()]
    for s in S:
        s.prepare(3, 0, 5, 1)
    ex = memory_one_tournament(S, turns=50)
    sim = round_robin_tournament(S, turns=50, repetitions=400, seed=2)
    diff = sim.table["mean"] - ex.table["mean"].reindex(sim.table.index)
    assert np.all(np.abs(diff) < 4 * sim.table["stderr"] + 1e-12)


def test_array_input_and_errors():
    V = np.random.default_rng(0).random((50, 4))
    r = memory_one_tournament(V)
    assert r.payoff_matrix.shape == (50, 50) and len(r.ranked_names) == 50
    with pytest.raises(InputError):
        memory_one_tournament(np.ones((3, 3)))
    with pytest.raises(InputError):
        memory_one_payoffs([1, 0, 1, 0], [1, 0, 1, 0], discount=0.9, turns=10)
    with pytest.raises(InputError):
        memory_one_payoffs([1, 0, 1, 0], [1, 0, 1, 0], discount=1)
    with pytest.raises(InputError):
        memory_one_payoffs([1, 0, 1.5, 0], [1, 0, 1, 0])


def test_continuation_and_initial_distribution():
    p, q = [0.9, 0.2, 0.7, 0.4], [0.8, 0.1, 0.6, 0.3]
    assert memory_one_payoffs(p, q, continuation=0.8) == memory_one_payoffs(p, q, discount=0.8)
    # starting in (D, D) for sure: by hand, δ = 0 gives the (D, D) payoffs
    assert memory_one_payoffs(p, q, discount=0.0, initial_distribution=[0, 0, 0, 1]) == (1.0, 1.0)
    # one step: (1 - δ) u(DD) + δ (1 - δ) E[u after DD] + ...: check against a direct sum
    d = 0.5
    M = transition_matrices(p, q)
    v = np.array([0, 0, 0, 1.0])
    total = 0.0
    for t in range(200):
        total += (1 - d) * d ** t * v @ U1
        v = v @ M
    assert memory_one_payoffs(p, q, discount=d, initial_distribution=[0, 0, 0, 1])[0] == pytest.approx(total)
    with pytest.raises(InputError):
        memory_one_payoffs(p, q, discount=0.5, continuation=0.5)
    with pytest.raises(InputError):
        memory_one_payoffs(p, q, initial_distribution=[1, 1, 0, 0])


def test_exact_rational_payoffs():
    from fractions import Fraction as F
    stft = MemoryOne(1, 0, 1, 0, initial=0, name="STFT")
    assert memory_one_payoffs(TitForTat(), stft, rational=True) == (F(5, 2), F(5, 2))
    assert memory_one_payoffs(TitForTat(), TitForTat(), noise="1/10", rational=True) == (F(9, 4), F(9, 4))
    # generous TFT (p = 1/3) against Random: GTFT cooperates 2/3 of the time in the long run
    # -> (1/2)(2/3*3 + 1/3*5) + (1/2)(1/3*1) = 2 and 17/6 for Random
    assert memory_one_payoffs([1, "1/3", 1, "1/3"], ["1/2"] * 4, rational=True) == (F(2), F(17, 6))
    rng = np.random.default_rng(5)
    for _ in range(3):
        p = [F(int(x), 10) for x in rng.integers(0, 11, 4)]
        q = [F(int(x), 10) for x in rng.integers(0, 11, 4)]
        for kw in ({"discount": F(9, 10)}, {"turns": 7}, {}, {"noise": F(1, 20)}):
            ex = memory_one_payoffs(p, q, rational=True, **kw)
            fl = memory_one_payoffs([float(x) for x in p], [float(x) for x in q],
                                    **{k: float(v) if k != "turns" else v for k, v in kw.items()})
            assert all(isinstance(x, F) for x in ex)
            assert np.allclose([float(x) for x in ex], fl, atol=1e-9)


def test_exact_keyword_is_the_deprecated_name_of_rational():
    import pytest
    from fractions import Fraction as F
    with pytest.warns(DeprecationWarning, match="use `rational=`"):
        assert memory_one_payoffs(TitForTat(), TitForTat(), noise="1/10", exact=True) == (F(9, 4),) * 2
    with pytest.raises(TypeError, match="give `rational=` only"):
        memory_one_payoffs(TitForTat(), TitForTat(), rational=True, exact=True)
    assert isinstance(memory_one_payoffs(TitForTat(), TitForTat(), rational=False)[0], float)
