"""Simulations of the repeated game consult the budget before they allocate anything, chunk
their work lazily, and refuse what a process pool cannot send."""
import concurrent.futures as cf
import pickle
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.budget import BudgetError, budget
from govgames.games.errors import InputError
from govgames.games.parallel import ChunkRanges, chunk_ranges, map_chunks
from govgames.games.repeated import (FunctionStrategy, basic_strategies, random_memory_one,
                                     round_robin_tournament)
from govgames.games.repeated import play


def _always_cooperate(own, opp):
    return "C"


# --------------------------------------------------------------------------- chunk_ranges
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 500), st.integers(-2, 60))
def test_chunk_ranges_match_the_list_of_pieces(n, size):
    s = max(1, size)
    ref = [(a, min(a + s, n)) for a in range(0, n, s)]
    c = chunk_ranges(n, size)
    assert list(c) == ref and len(c) == len(ref)
    assert [c[k] for k in range(-len(ref), len(ref))] == ref + ref
    for a, b in ((0, 3), (1, None), (None, -1), (2, 2)):
        assert list(c[a:b]) == ref[a:b]
    assert list(c[::2]) == ref[::2]
    assert pickle.loads(pickle.dumps(c)) == c


def test_chunk_ranges_are_lazy():
    t = time.process_time()
    c = chunk_ranges(10**15, 7)
    assert len(c) == -(-10**15 // 7)
    assert c[-1] == ((len(c) - 1) * 7, 10**15)
    assert isinstance(c[10:20], ChunkRanges) and len(pickle.dumps(c[10:20])) < 300
    assert time.process_time() - t < 0.5
    with pytest.raises(IndexError):
        c[len(c)]


def test_map_chunks_takes_chunk_ranges_as_they_are():
    c = chunk_ranges(1000, 7)
    ref = [b - a for a, b in c]
    assert map_chunks(lambda r: r[1] - r[0], c) == ref
    with cf.ThreadPoolExecutor(3) as ex:
        assert map_chunks(lambda r: r[1] - r[0], c, executor=ex) == ref
    assert map_chunks(lambda r: r, iter([(0, 1), (1, 2)])) == [(0, 1), (1, 2)]


# --------------------------------------------------------------------------- tournaments
@pytest.mark.parametrize("kw", [dict(repetitions=10**12), dict(repetitions=10**7),
                                dict(turns=10**9), dict(turns=10**12)])
def test_huge_tournaments_are_refused_at_once(kw):
    t = time.process_time()
    with pytest.raises(BudgetError, match="moves") as err:
        round_robin_tournament(basic_strategies(), progress=False, **kw)
    assert time.process_time() - t < 1.0
    msg = str(err.value)
    assert "\n" not in msg and "fewer repetitions or turns" in msg and "max_work" in msg


def test_the_work_budget_counts_every_move():
    with budget(max_work=1e6):
        with pytest.raises(BudgetError, match=r"36 pairs x 1000 turns x 100 repetitions x 2 = "
                                              r"7\.2e\+06 moves"):
            round_robin_tournament(basic_strategies(), turns=1000, repetitions=100)
        r = round_robin_tournament(basic_strategies(), turns=100, repetitions=2, seed=1)
    assert r.scores.shape == (2, 8)
    with budget(max_work=float("inf"), max_memory=1e6):      # the per-repetition tables
        with pytest.raises(BudgetError, match="memory budget"):
            round_robin_tournament(basic_strategies(), turns=1, repetitions=10**5)


@pytest.mark.parametrize("self_play", [True, False])
def test_the_estimate_counts_the_moves_that_are_played(self_play):
    S = basic_strategies()[:5]
    n = len(S)
    pairs = [(i, j) for i in range(n) for j in range(i, n) if self_play or i != j]
    pi, pj = (np.array(x, np.intp) for x in zip(*pairs))
    moves, steps, nbytes = play._tournament_cost(S, pi, pj, 30, 4, 0.0, 1, 100)
    r = round_robin_tournament(S, turns=30, repetitions=4, self_play=self_play, seed=0)
    finite = np.isfinite(r.payoff_matrix.to_numpy())
    matches = (finite.sum() - np.trace(finite)) // 2 + np.trace(finite)   # played pairs
    played = 2 * 30 * 4 * int(matches)
    assert moves == 2 * len(pairs) * 30 * 4 == played
    assert steps > 0 and nbytes > 0


def test_estimate_grows_with_python_strategies():
    S = basic_strategies()
    pi = np.array([0, 1], np.intp)
    pj = np.array([1, 1], np.intp)
    base = play._tournament_cost(S[:2], pi, pj, 1000, 10, 0.0, 1, 100)[1]
    func = play._tournament_cost([S[0], FunctionStrategy(_always_cooperate)], pi, pj, 1000, 10,
                                 0.0, 1, 100)[1]
    quadratic = play._tournament_cost([S[0], FunctionStrategy(_always_cooperate)], pi, pj,
                                      2000, 10, 0.0, 1, 100)[1]
    assert func > 50 * base and quadratic > 3 * func


def test_estimate_is_within_reach_of_the_measured_time():
    """The estimate (in 30 ns steps) is neither far below nor far above the CPU time spent
    (loose bounds: the machine may be loaded)."""
    S = random_memory_one(40, seed=0, initial=0.5) + basic_strategies()
    n = len(S)
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    pi, pj = (np.array(x, np.intp) for x in zip(*pairs))
    steps = play._tournament_cost(S, pi, pj, 500, 10, 0.0, 1, 100)[1]
    round_robin_tournament(S[:3], turns=10, repetitions=1)       # warm up
    t = time.process_time()
    round_robin_tournament(S, turns=500, repetitions=10, seed=1, progress=False)
    cpu = time.process_time() - t
    assert cpu / 20 < steps * 30e-9 < cpu * 20


# --------------------------------------------------------------------------- process pools
def test_a_lambda_strategy_is_refused_before_a_process_pool_starts():
    S = basic_strategies()[:2] + [FunctionStrategy(lambda own, opp: "C", name="Nice")]
    with cf.ProcessPoolExecutor(2) as ex:
        with pytest.raises(InputError, match=r"strategy 'Nice' \(entry 2\) cannot be sent to a "
                                             r"process pool .*module level") as err:
            round_robin_tournament(S, turns=10, repetitions=2, executor=ex)
    assert "\n" not in str(err.value)
    # a module-level function travels, and gives the serial result
    S[2] = FunctionStrategy(_always_cooperate, name="Nice")
    ref = round_robin_tournament(S, turns=10, repetitions=2, seed=3)
    with cf.ProcessPoolExecutor(2) as ex:
        got = round_robin_tournament(S, turns=10, repetitions=2, seed=3, executor=ex)
    assert np.array_equal(ref.scores, got.scores)
    # threads need no pickling
    S[2] = FunctionStrategy(lambda own, opp: "C", name="Nice")
    with cf.ThreadPoolExecutor(2) as ex:
        got = round_robin_tournament(S, turns=10, repetitions=2, seed=3, executor=ex)
    assert np.array_equal(ref.scores, got.scores)


# --------------------------------------------------------------------------- Moran processes
from govgames.games.repeated.dynamics import (_absorption_times, moran_process,  # noqa: E402
                                              moran_replicates, simulate_fixation)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 12), st.integers(0, 2**32 - 1))
def test_absorption_times_match_the_fundamental_matrix(N, seed):
    """Expected steps from one mutant, overall and given fixation, against the fundamental
    matrix ``(I - Q)^-1`` of the absorbing chain (dense, an independent computation)."""
    up = np.concatenate([[0.0], np.random.default_rng(seed).uniform(0.05, 0.95, N - 1), [0.0]])
    Q = np.zeros((N - 1, N - 1))
    for i in range(1, N):
        if i + 1 < N:
            Q[i - 1, i] = up[i]
        if i - 1 > 0:
            Q[i - 1, i - 2] = 1 - up[i]
    F = np.linalg.inv(np.eye(N - 1) - Q)
    t = F.sum(axis=1)
    to_top = np.zeros(N - 1)
    to_top[-1] = up[N - 1]
    h = F @ to_top                                   # fixation probability from each state
    t_fix = (F @ h) / h                              # Doob transform: E[T | fixation]
    got = _absorption_times(up)
    assert got[0] == pytest.approx(t[0], rel=1e-9)
    assert got[1] == pytest.approx(t_fix[0], rel=1e-7)


def test_large_moran_simulations_are_refused_at_once():
    t = time.process_time()
    with pytest.raises(BudgetError, match=r"simulating 1000000 Moran runs in a population of "
                                          r"10000 .*fewer runs"):
        simulate_fixation([[1, 1], [1, 1]], 1, 0, 10_000, 0.0, runs=10**6, seed=1)
    with pytest.raises(BudgetError, match="max_steps=1000000000.*lower max_steps"):
        moran_process([[3, 0], [5, 1]], [5, 5], selection=0.5, seed=3, max_steps=10**9)
    with pytest.raises(BudgetError, match="10000000 Moran runs.*fewer replicates"):
        moran_replicates([[3, 0], [5, 1]], [9, 1], replicates=10**7, seed=1)
    assert time.process_time() - t < 1.0
    with budget(max_work=1e4):
        with pytest.raises(BudgetError):
            simulate_fixation([[3, 0], [5, 1]], 1, 0, 10, 0.1, runs=2000, seed=1)
        with pytest.raises(BudgetError):
            moran_process([[3, 0], [5, 1]], [5, 5], selection=0.5, seed=3)
    with budget(max_memory=1e6):
        with pytest.raises(BudgetError, match="memory budget"):
            moran_process([[3, 0], [5, 1]], [5, 5], selection=0.5, seed=3, max_steps=10**5)
    # within the budget, as before
    est, se = simulate_fixation([[3, 0], [5, 1]], 1, 0, 10, 0.1, runs=2000, seed=1)
    assert abs(est - 0.1938) < 4 * se
    with pytest.raises(InputError, match="max_steps"):
        moran_process([[3, 0], [5, 1]], [5, 5], max_steps=0)


def test_play_match_keeps_every_move_within_the_budget():
    from govgames.games.repeated import TitForTat, play_match
    from govgames.games.repeated.strategies import AllD
    t = time.process_time()
    with pytest.raises(BudgetError, match=r"10 matches of 1000000000 turns .*2e\+10 moves"):
        play_match(TitForTat(), AllD(), turns=10**9, repetitions=10)
    assert time.process_time() - t < 1.0
    with budget(max_memory=1e5):
        with pytest.raises(BudgetError, match="memory budget"):
            play_match(TitForTat(), AllD(), turns=1000, repetitions=10)
    assert play_match(TitForTat(), AllD(), turns=5).history() == ("CDDDD", "DDDDD")


@pytest.mark.parametrize("A,counts,w", [([[3, 0], [5, 1]], [9, 1], 1.0),
                                        ([[1, 1], [1, 1]], [10, 10], 0.0),
                                        ([[0, 3], [1, 2]], [10, 10], 0.5)])
def test_two_type_expected_run_length_matches_the_simulated_mean(A, counts, w):
    """The budget's expected run length of a two-type Moran process (a lazy birth-death chain)
    equals the mean of simulated runs within sampling error."""
    from govgames.games.repeated.dynamics import _two_type_times

    t0, _ = _two_type_times(np.asarray(A, float), np.asarray(counts), w)
    r = moran_replicates(A, counts, replicates=4000, selection=w, seed=5)
    se = r.steps.std(ddof=1) / np.sqrt(r.steps.size)
    assert abs(r.steps.mean() - t0) < 4 * se


def test_ordinary_two_type_replicates_are_not_refused():
    """The worst case (every run lasting max_steps) is not charged when the expected run
    length is known: 20,000 replicates of a prisoner's dilemma run (about 0.2 s)."""
    r = moran_replicates([[3, 0], [5, 1]], [9, 1], replicates=20_000, seed=1)
    assert r.steps.size == 20_000
