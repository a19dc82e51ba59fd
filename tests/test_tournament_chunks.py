"""Tournaments played in chunks of seats and blocks of turns (games.repeated.play): the same
bits however the seats are chunked and however often the moves are counted; the scores against
a plain Python replay of the documented random-number layout; small tournaments stay in the
calling process."""

import concurrent.futures as cf

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games.parallel import chunk_rng, seed_sequence
from govgames.games.repeated import (AllC, AllD, FunctionStrategy, GenerousTFT, Grim,
                                     MemoryOne, Random, TitForTat, TitForTwoTats,
                                     WinStayLoseShift, round_robin_tournament)
from govgames.games.repeated import play as play_module


def _forgiving(own, opp):
    return "D" if opp.count("D") > len(opp) // 3 else "C"


def _coin(own, opp, rng):
    return "C" if rng.random() < 0.7 else "D"


POOL = [AllC, AllD, TitForTat, Grim, TitForTwoTats, GenerousTFT, WinStayLoseShift, Random,
        lambda: MemoryOne([0.9, 0.1, 0.6, 0.3], initial=0.5, name="M"),
        lambda: MemoryOne([1, 0, 0, 1], initial=0.3, name="W3"),
        lambda: FunctionStrategy(_forgiving, name="F"),
        lambda: FunctionStrategy(_coin, name="Coin", stochastic=True)]


def _run(picks, **kw):
    return round_robin_tournament([POOL[k]() for k in picks], progress=False, **kw)


def _same(a, b):
    assert np.array_equal(a.scores, b.scores)
    assert a.payoff_matrix.equals(b.payoff_matrix) and a.table.equals(b.table)


@settings(max_examples=25, deadline=None)
@given(picks=st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=6),
       turns=st.integers(1, 40), reps=st.integers(1, 4), noise=st.sampled_from([0.0, 0.1]),
       self_play=st.booleans(), history=st.sampled_from([1, 5, 64]),
       seats=st.sampled_from([1, 7, 1 << 62]), seed=st.integers(0, 2 ** 32))
def test_same_bits_for_any_chunk_and_history_block(picks, turns, reps, noise, self_play,
                                                   history, seats, seed):
    if not self_play and len(picks) < 2:
        picks = picks + [0]
    kw = dict(turns=turns, repetitions=reps, noise=noise, seed=seed, self_play=self_play)
    ref = _run(picks, **kw)
    old = play_module._HISTORY_BYTES, play_module._CHUNK_SEATS
    try:
        # history: the moves are counted every 1 to 64 turns (1 byte per seat and turn);
        # seats: one unit per chunk, 7 seats, or every repetition in one chunk
        play_module._HISTORY_BYTES = history * 2 * len(picks) * (len(picks) + 1)
        play_module._CHUNK_SEATS = seats
        _same(_run(picks, **kw), ref)
    finally:
        play_module._HISTORY_BYTES, play_module._CHUNK_SEATS = old


def _replay_scores(strategies, turns, reps, noise, seed):
    """Scores of a tournament of memory-one strategies replayed move by move in plain Python
    from the layout documented in the module notes (one block per repetition)."""
    n = len(strategies)
    pairs = [(i, j) for i in range(n) for j in range(i, n)]
    seat = [i for i, _ in pairs] + [j for _, j in pairs]
    m = len(pairs)
    partner = [k + m for k in range(m)] + list(range(m))
    vec = [[float(x) for x in strategies[s].vector] for s in seat]
    first = [strategies[s].initial for s in seat]
    sto = [k for k in range(2 * m) if any(0 < x < 1 for x in vec[k])]
    sto_first = [k for k in range(2 * m) if 0 < first[k] < 1]
    payoff = {(True, True): 3.0, (True, False): 0.0, (False, True): 5.0, (False, False): 1.0}
    root = seed_sequence(seed)
    scores = np.zeros((reps, n))
    for r in range(reps):
        moves_rng, noise_rng = chunk_rng(root, r, 0), chunk_rng(root, r, 1)
        u = dict(zip(sto_first, moves_rng.random(len(sto_first)).tolist()))
        prev = [first[k] == 1.0 or (k in u and u[k] < first[k]) for k in range(2 * m)]
        total = [0.0] * (2 * m)
        for t in range(turns):
            if t:
                u = dict(zip(sto, moves_rng.random(len(sto)).tolist()))
                p = [vec[k][2 * (not prev[k]) + (not prev[partner[k]])] for k in range(2 * m)]
                prev = [u[k] < p[k] if k in u else p[k] == 1.0 for k in range(2 * m)]
            flips = noise_rng.random(2 * m).tolist() if noise else [1.0] * (2 * m)
            prev = [x != (f < noise) for x, f in zip(prev, flips)]
            for k in range(2 * m):
                total[k] += payoff[prev[k], prev[partner[k]]]
        per = np.zeros((n, n))
        for k in range(2 * m):
            per[seat[k], seat[partner[k]]] = total[k] / turns
        scores[r] = (per.sum(axis=1) - per.diagonal()) / (n - 1)
    return scores


@pytest.mark.parametrize("noise, turns", [(0.0, 25), (0.08, 31)])
def test_scores_match_a_move_by_move_replay(noise, turns):
    strategies = [TitForTat(), AllD(), Random(), GenerousTFT(), WinStayLoseShift(),
                  MemoryOne([0.9, 0.1, 0.6, 0.3], initial=0.5, name="M")]
    r = round_robin_tournament(strategies, turns=turns, repetitions=3, noise=noise, seed=7)
    assert strategies[3].vector[1] == pytest.approx(1 / 3)    # prepared for the stage game
    want = _replay_scores(strategies, turns, 3, noise, 7)
    assert r.scores == pytest.approx(want, rel=1e-12, abs=1e-12)


class _Refusing(cf.Executor):
    """An executor that records submissions and runs them in the calling thread."""

    def __init__(self):
        self.submitted = 0
        self._max_workers = 2

    def submit(self, fn, *args, **kwargs):
        self.submitted += 1
        fut = cf.Future()
        fut.set_result(fn(*args, **kwargs))
        return fut


def test_small_tournaments_stay_in_process(monkeypatch):
    kw = dict(turns=30, repetitions=4, noise=0.05, seed=2)
    strategies = [AllC(), AllD(), TitForTat(), Random()]
    ref = round_robin_tournament(strategies, **kw)
    ex = _Refusing()
    _same(round_robin_tournament(strategies, executor=ex, **kw), ref)
    assert ex.submitted == 0             # 10 pairs x 2 seats x 30 turns x 4: below the rule
    monkeypatch.setattr(play_module, "_PARALLEL_MIN_MOVES", 2 * 10 * 30 * 4)
    _same(round_robin_tournament(strategies, executor=ex, **kw), ref)
    assert ex.submitted == 4             # 4 repetitions on 2 workers: one chunk per task
