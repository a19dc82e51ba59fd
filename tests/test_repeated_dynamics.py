"""Replicator dynamics and Moran processes (games.repeated.dynamics)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.games.errors import InputError
from govgames.games.repeated import (AllC, AllD, TitForTat, fixation_probability, memory_one_tournament,
                            moran_process, pairwise_fixation, replicator_dynamics,
                            simulate_fixation)

PD = np.array([[3.0, 0.0], [5.0, 1.0]])


def _absorbing(A, a, b, N, w):
    """Fixation probability from the full birth-death chain (an independent computation)."""
    P = np.zeros((N + 1, N + 1))
    P[0, 0] = P[N, N] = 1
    for i in range(1, N):
        pa = (A[a, a] * (i - 1) + A[a, b] * (N - i)) / (N - 1)
        pb = (A[b, a] * i + A[b, b] * (N - i - 1)) / (N - 1)
        f, g = 1 - w + w * pa, 1 - w + w * pb
        tp = i * f / (i * f + (N - i) * g) * (N - i) / N
        tm = (N - i) * g / (i * f + (N - i) * g) * i / N
        P[i, i + 1], P[i, i - 1], P[i, i] = tp, tm, 1 - tp - tm
    x = np.linalg.solve(np.eye(N - 1) - P[1:N, 1:N], P[1:N, N])
    return x[0]


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 40), st.floats(0, 1), st.integers(0, 1000))
def test_fixation_formula_equals_absorbing_chain(N, w, seed):
    A = np.random.default_rng(seed).uniform(0, 5, size=(3, 3))
    for a, b in [(0, 1), (2, 0)]:
        assert fixation_probability(A, a, b, N, w) == pytest.approx(_absorbing(A, a, b, N, w), rel=1e-9)


def test_neutral_drift_and_simulation():
    assert fixation_probability(PD, 0, 1, 25, 0) == pytest.approx(1 / 25)
    exact = fixation_probability(PD, 1, 0, 15, 0.2)
    est, se = simulate_fixation(PD, 1, 0, 15, 0.2, runs=20_000, seed=11)
    assert abs(est - exact) < 4 * se
    exact = fixation_probability(PD, 0, 1, 8, 0.05)  # a cooperator among defectors: rare
    est, se = simulate_fixation(PD, 0, 1, 8, 0.05, runs=20_000, seed=12)
    assert abs(est - exact) < 4 * se
    # reproducible from the seed
    assert simulate_fixation(PD, 1, 0, 15, 0.2, runs=500, seed=3) == simulate_fixation(PD, 1, 0, 15, 0.2, runs=500, seed=3)


def test_moran_process_multi_type():
    t = memory_one_tournament([AllC(), AllD(), TitForTat()], turns=50)
    r = moran_process(t, [10, 10, 10], selection=0.5, seed=4)
    assert r.winner in t.names and r.counts[-1].sum() == 30 and r.counts[-1].max() == 30
    assert np.all(r.counts.sum(axis=1) == 30)
    r2 = moran_process(t, [10, 10, 10], selection=0.5, seed=4)
    assert np.array_equal(r.counts, r2.counts)
    with pytest.raises(InputError):
        moran_process(t, [1, 2], selection=0.5)


def test_replicator_prisoners_dilemma_and_rps():
    r = replicator_dynamics(PD, [0.9, 0.1], t_max=50)
    assert r.survivors == ["s2"]  # defection takes over
    assert r.final["s2"] > 0.99
    # rock-paper-scissors (zero-sum): x1*x2*x3 is a constant of motion
    R = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    r = replicator_dynamics(R, [0.5, 0.3, 0.2], t_max=30, rtol=1e-10)
    prod = r.shares.prod(axis=1)
    assert np.allclose(prod, prod[0], rtol=1e-5)


def test_replicator_agrees_with_nashpy():
    nashpy = pytest.importorskip("nashpy")
    A = np.array([[3.0, 0.0, 2.0], [5.0, 1.0, 0.5], [2.5, 1.5, 2.0]])
    x0 = np.array([0.2, 0.3, 0.5])
    ts = np.linspace(0, 10, 101)
    ours = replicator_dynamics(A, x0, t_max=10, n_points=101, rtol=1e-10).shares
    theirs = nashpy.Game(A, A.T).replicator_dynamics(y0=x0, timepoints=ts)
    assert np.allclose(ours, theirs, atol=1e-5)


def test_tft_resists_in_finite_populations():
    t = memory_one_tournament([AllC(), AllD(), TitForTat()], turns=100)
    rho = pairwise_fixation(t, 20, 0.5)
    assert rho.attrs["robust"] == ["TitForTat"]
    assert rho.loc["AllD", "AllC"] > 1 / 20 > rho.loc["AllD", "TitForTat"]


def test_bad_inputs():
    with pytest.raises(InputError):
        replicator_dynamics(np.ones((2, 3)))
    with pytest.raises(InputError):
        fixation_probability(PD, 0, 1, 1)
    with pytest.raises(InputError):
        fixation_probability(PD, "x", 1, 5)
    with pytest.raises(InputError):
        fixation_probability(-10 * np.ones((2, 2)), 0, 1, 5, 1.0)
