"""Matches and round-robin tournaments of the repeated prisoner's dilemma, vectorised.

All matches of a tournament (every pair of strategies, every repetition) are played together:
each turn, every strategy decides for all of its seats in one numpy operation, so a tournament
costs ``turns x strategies`` small array operations per chunk instead of one Python call per
move. Implementation noise flips each intended move with probability ``noise``.

Random numbers (the layout, fixed so that results never depend on how the work is split): a
tournament gives each repetition ``r`` its own seed, ``SeedSequence(seed).spawn(repetitions)[r]``
(:mod:`govgames.games.parallel`), whose children draw: child 0 the moves of the stochastic
memory-one seats (each turn one uniform per such seat, in seat order; on the first turn only for
a random first move), child 1 the noise (one uniform per seat and turn), child ``2 + k`` what
strategy ``k``'s own ``step`` draws. Seats are ordered by pair, ``(i, j)`` with ``i <= j`` in
lexicographic order, first players before partners. :func:`play_match` uses the same layout
with ``SeedSequence(seed)`` itself in place of a repetition's seed.

A tournament simulates chunks of whole repetitions of about ``2**14`` seats at a time, in this
process or on an executor, and counts each match's outcomes as it plays, a block of turns at a
time (about 1 MiB of moves): no array of every move is ever held, so memory does not grow
with the turns, and grows with the repetitions only by the per-match results (about 100 bytes
a match). A 120-strategy, 1000-turn, 50-repetition tournament (726 million moves) allocates at
most about 23 MiB of arrays by tracemalloc, and its process peaks near 240 MiB resident, of
which about 210 MiB are the interpreter, numpy, scipy, sympy and pandas. The result is the same, bit for bit, however the repetitions
are chunked, however often the moves are counted and wherever the chunks run; and the first
repetitions of a longer tournament with the same seed and turns are the same.
Deterministic strategies draw nothing, so without noise their matches do not depend on the seed.

References
----------
.. [1] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
.. [2] V. Knight et al., "An open reproducible framework for the study of the iterated
   prisoner's dilemma", *Journal of Open Research Software* 4 (2016).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..budget import NS_PER_STEP, check_memory, check_work
from ..errors import InputError
from ..game import NormalFormGame
from ..parallel import (
    check_executor,
    check_picklable,
    chunk_ranges,
    chunk_rng,
    map_chunks,
    seed_sequence,
    split_for_workers,
)
from ._common import check_probability, default_pd
from .strategies import FunctionStrategy, MemoryOne, Strategy

__all__ = ["MatchResult", "TournamentResult", "play_match", "round_robin_tournament",
           "stage_matrices"]


def stage_matrices(stage: NormalFormGame | None):
    """Row and column payoff matrices of a symmetric 2x2 stage game (index 0 = cooperate).

    >>> A, B = stage_matrices(None)
    >>> A.tolist()
    [[3.0, 0.0], [5.0, 1.0]]
    """
    if stage is None:
        stage = default_pd()
    if not isinstance(stage, NormalFormGame):
        raise InputError(f"the stage game must be a NormalFormGame, got {type(stage).__name__}")
    if stage.n_players != 2 or stage.shape != (2, 2):
        raise InputError("the stage game must be a 2x2 game (first strategy = cooperate), got "
                         f"shape {stage.shape}")
    A, B = (np.asarray(x, dtype=float) for x in stage.numeric_payoffs())
    if not np.allclose(A, B.T):
        raise InputError("the stage game must be symmetric (column payoffs = transposed row "
                         "payoffs) for strategies of the repeated prisoner's dilemma")
    return A, B


def _check_strategies(strategies) -> list:
    strategies = list(strategies)
    if not strategies:
        raise InputError("a tournament needs at least one strategy")
    for k, s in enumerate(strategies):
        if not isinstance(s, Strategy):
            raise InputError(f"entry {k} of the strategies is {s!r}, not a Strategy")
    return strategies


def _unique_names(strategies) -> list:
    names: list = []
    seen: dict = {}
    for s in strategies:
        n = s.name
        if n in seen:
            seen[n] += 1
            n = f"{n} ({seen[n]})"
        else:
            seen[n] = 1
        names.append(n)
    return names


class _NoRandom:
    """The ``rng`` handed to a strategy not marked stochastic: drawing from it is an error (its
    draws would have no place in the random-number layout of a tournament)."""

    def __init__(self, name):
        self.name = name

    def __getattr__(self, attr):
        raise InputError(f"strategy {self.name!r} draws random numbers but is not marked "
                         "stochastic: set stochastic = True on it")


#: Uniforms drawn ahead per block of turns (memory-one moves and noise): 512 KiB each.
_DRAW_AHEAD = 1 << 16

#: Moves kept per chunk between two countings of outcomes, in bytes (one per seat and turn),
#: besides the last turns that the strategies look back at; a strategy that reads the whole
#: history (``window = None``) keeps every turn.
_HISTORY_BYTES = 1 << 20


class _Uniforms:
    """Uniform draws for a set of seats over the turns, ``rows`` turns at a time.

    The seats form consecutive runs, one per unit (``bounds``); unit ``u`` draws its run from
    the generator ``gens[u]`` in turn order, so ``next()`` returns, turn after turn, exactly the
    numbers that ``gens[u].random(len(run))`` per turn would give.
    """

    def __init__(self, gens, bounds, turns):
        self.gens, self.bounds = gens, np.asarray(bounds, dtype=np.intp)
        self.width = int(self.bounds[-1])
        self.rows = max(1, min(turns, _DRAW_AHEAD // max(1, self.width)))
        self.buf = np.empty((self.rows, self.width))
        self.pos = self.rows

    def next(self) -> np.ndarray:
        if self.pos == self.rows:
            if len(self.gens) == 1:
                self.gens[0].random(out=self.buf)
            else:
                for u, g in enumerate(self.gens):
                    a, b = self.bounds[u], self.bounds[u + 1]
                    if b > a:
                        self.buf[:, a:b] = g.random((self.rows, b - a))
            self.pos = 0
        self.pos += 1
        return self.buf[self.pos - 1]


def _half_swaps(partner, unit_bounds, max_units=8):
    """``[(start, half), ...]`` when every unit's first half of seats plays its second half
    in order (the layout of matches and tournaments) and there are at most ``max_units``
    units; otherwise None."""
    if unit_bounds.size - 1 > max_units:
        return None
    out, expect = [], np.empty_like(partner)
    for a, b in zip(unit_bounds[:-1], unit_bounds[1:]):
        m = (b - a) // 2
        expect[a:a + m] = np.arange(a + m, b)
        expect[a + m:b] = np.arange(a, a + m)
        out.append((int(a), int(m)))
    return out if np.array_equal(expect, partner) else None


class _MemoryOneSeats:
    """The seats of all plain memory-one strategies, moved together by one table lookup.

    Seat ``s`` cooperates with probability ``flat[4 s + 2 own + opp]`` after its own and its
    partner's previous moves (1 = cooperate): the strategy's vector reversed, so that the
    index is built from the moves with a shift and an or. Stochastic seats draw from the
    generators ``gens[u] = streams(u, 0)`` of their units (see :func:`_simulate`).
    """

    def __init__(self, strategies, is_m1, seat_strategy, partner, unit_bounds, streams, turns):
        self.idx = np.flatnonzero(is_m1[seat_strategy])
        m = self.idx.size
        self.all = m == seat_strategy.size
        vec = np.array([s.vector if is_m1[k] else np.zeros(4) for k, s in enumerate(strategies)])
        ini = np.array([s.initial if is_m1[k] else 0.0 for k, s in enumerate(strategies)])
        table = vec[seat_strategy[self.idx]]
        self.first = ini[seat_strategy[self.idx]]
        self.flat = np.ascontiguousarray(table[:, ::-1]).ravel()
        self.base = 4 * np.arange(m, dtype=np.intp)
        self.sto = np.flatnonzero(np.any((table > 0) & (table < 1), axis=1))
        sto_first = np.flatnonzero((self.first > 0) & (self.first < 1))
        n_units = unit_bounds.size - 1
        gens = [streams(u, 0) for u in range(n_units)] if (self.sto.size or sto_first.size) \
            else []
        self.first_moves = self.first == 1.0
        if sto_first.size:       # drawn before the later turns' numbers of the same streams
            fb = np.searchsorted(self.idx[sto_first], unit_bounds)
            u0 = np.concatenate([gens[u].random(fb[u + 1] - fb[u]) for u in range(n_units)])
            self.first_moves[sto_first] = u0 < self.first[sto_first]
        if self.sto.size:
            # the stochastic seats of a unit are one consecutive run of sto (sorted by seat)
            self.draws = _Uniforms(gens, np.searchsorted(self.idx[self.sto], unit_bounds),
                                   turns - 1)
            self.p_sto = np.empty(self.sto.size)
        self.swaps = _half_swaps(partner, unit_bounds) if self.all else None
        self.partner = partner[self.idx]
        self.code, self.opp = np.empty(m, np.uint8), np.empty(m, np.uint8)
        self.k, self.p, self.moves = np.empty(m, np.intp), np.empty(m), np.empty(m, bool)

    def next(self, prev) -> np.ndarray:
        """Moves of the seats after the previous turn's row ``prev`` of all seats."""
        was = prev.view(np.uint8)
        code = self.code
        if self.swaps is not None:
            np.left_shift(was, 1, out=code)
            for a, m in self.swaps:
                np.bitwise_or(code[a:a + m], was[a + m:a + 2 * m], out=code[a:a + m])
                np.bitwise_or(code[a + m:a + 2 * m], was[a:a + m], out=code[a + m:a + 2 * m])
        else:
            if self.all:
                np.left_shift(was, 1, out=code)
            else:
                np.left_shift(np.take(was, self.idx, out=self.opp), 1, out=code)
            np.bitwise_or(code, np.take(was, self.partner, out=self.opp), out=code)
        # mode="wrap": the indices are valid, and take buffers ``out`` in the default mode
        p = np.take(self.flat, np.add(self.base, code, out=self.k), out=self.p, mode="wrap")
        moves = self.moves
        if self.sto.size == p.size:              # every seat stochastic: no scatter
            np.less(self.draws.next(), p, out=moves)
        else:
            np.equal(p, 1.0, out=moves)
            if self.sto.size:
                np.take(p, self.sto, out=self.p_sto)
                moves[self.sto] = self.draws.next() < self.p_sto
        return moves


def _step_groups(strategies, is_m1, seat_strategy, partner, unit_bounds, streams) -> list:
    """``(strategy, seats, partners' seats, state, rng)`` for the strategies that move through
    their own ``step``: one group per strategy, or per strategy and unit when it draws."""
    groups = []
    n_units = unit_bounds.size - 1
    for k, s in enumerate(strategies):
        if is_m1[k]:
            continue
        idx = np.flatnonzero(seat_strategy == k)
        if not idx.size:
            continue
        if s.stochastic:
            cut = np.searchsorted(idx, unit_bounds)
            for u in range(n_units):
                sub = idx[cut[u]:cut[u + 1]]
                if sub.size:
                    groups.append((s, sub, partner[sub], s.initial_state(sub.size),
                                   streams(u, 2 + k)))
        else:
            groups.append((s, idx, partner[idx], s.initial_state(idx.size), _NoRandom(s.name)))
    return groups


def _simulate(strategies, seat_strategy, partner, turns, noise, streams, unit_bounds, consume,
              rows=None) -> None:
    """Play every seat's moves, handing them to ``consume`` a block of turns at a time.

    ``consume(block)`` receives bool arrays of shape ``(k, n_seats)`` (True = cooperate), the
    moves of consecutive turns, in turn order; the block is a view that the next turns
    overwrite. At most ``rows`` turns (default: about :data:`_HISTORY_BYTES` of moves) are
    held besides the last turns the strategies look back at, so memory does not grow with
    ``turns`` unless a strategy reads the whole history.

    The seats form consecutive *units* (``unit_bounds``: seat offsets, one more than units);
    ``streams(u, j)`` is unit ``u``'s generator number ``j``: ``j = 0`` draws the moves of its
    stochastic memory-one seats (each turn one number per such seat, in seat order; on the
    first turn only for a random first move), ``j = 1`` the noise (one number per seat and
    turn), ``j = 2 + k`` whatever strategy ``k``'s own ``step`` draws. A unit's moves therefore
    do not depend on which other units are simulated with it, nor on ``rows``.

    The seats of all plain memory-one strategies (AllC, AllD, TitForTat, GenerousTFT,
    WinStayLoseShift, Random, MemoryOne) move together in one lookup per turn
    (:class:`_MemoryOneSeats`); every other strategy moves for all of its seats at once
    through its ``step`` (a stochastic one once per unit, with the unit's generator).
    """
    n_seats = seat_strategy.shape[0]
    unit_bounds = np.asarray(unit_bounds, dtype=np.intp)
    is_m1 = np.array([isinstance(s, MemoryOne) and type(s).step is MemoryOne.step
                      for s in strategies])
    groups = _step_groups(strategies, is_m1, seat_strategy, partner, unit_bounds, streams)
    m1 = None
    if np.any(is_m1[seat_strategy]):
        m1 = _MemoryOneSeats(strategies, is_m1, seat_strategy, partner, unit_bounds, streams,
                             turns)
    flips = None
    if noise > 0:
        flips = _Uniforms([streams(u, 1) for u in range(unit_bounds.size - 1)], unit_bounds,
                          turns)
    keep = min(turns, max([1] + [turns if g[0].window is None else g[0].window
                                 for g in groups]))
    if rows is None:
        rows = max(1, _HISTORY_BYTES // max(1, n_seats))
    cap = min(turns, keep + rows)
    H = np.empty((cap, n_seats), dtype=bool)
    start = done = 0         # the turn in row 0, and the turns already consumed
    for t in range(turns):
        r = t - start
        if r == cap:         # full: hand over the new turns, keep the last ones in front
            consume(H[done - start:])
            H[:keep] = H[cap - keep:]
            start, done, r = t - keep, t, keep
        row = H[r]
        if m1 is not None:
            moves = m1.first_moves if t == 0 else m1.next(H[r - 1])
            if m1.all:
                row[:] = moves
            else:
                row[m1.idx] = moves
        for s, idx, opp_idx, state, rng in groups:
            w = t if s.window is None else min(s.window, t)
            hist = H[r - w:r]
            row[idx] = s.step(t, hist[:, idx].T, hist[:, opp_idx].T, state, rng)
        if flips is not None:
            row ^= flips.next() < noise
    consume(H[done - start:turns - start])


class _OutcomeCounts:
    """``consume`` for :func:`_simulate`: counts, per match, the turns each player cooperated
    and the turns both did. Match ``i`` is played by seats ``first[i]`` and ``second[i]``."""

    def __init__(self, n_seats, first, second, halves=None):
        self.coop = np.zeros(n_seats, dtype=np.int64)
        self.both = np.zeros(first.size, dtype=np.int64)
        self.first, self.second, self.halves = first, second, halves
        self.turns = 0

    def __call__(self, block):
        self.turns += block.shape[0]
        # a few hundred KiB of turns at a time: the temporaries stay small even for a block
        # of every turn (the one-array layout, or a strategy that keeps the whole history)
        step = max(1, (1 << 19) // max(1, block.shape[1]))
        for lo in range(0, block.shape[0], step):
            self._count(block[lo:lo + step])

    def _count(self, block):
        self.coop += block.sum(axis=0, dtype=np.int32)
        if self.halves is not None:
            o = 0
            for a, m in self.halves:
                both = block[:, a:a + m] & block[:, a + m:a + 2 * m]
                self.both[o:o + m] += both.sum(axis=0, dtype=np.int32)
                o += m
        else:
            both = np.take(block, self.first, axis=1) & np.take(block, self.second, axis=1)
            self.both += both.sum(axis=0, dtype=np.int32)

    def shares(self) -> np.ndarray:
        """Share of turns with outcome (C,C), (C,D), (D,C), (D,D) of each match: (M, 4)."""
        c1, c2, cc, turns = self.coop[self.first], self.coop[self.second], self.both, self.turns
        return np.stack([cc, c1 - cc, c2 - cc, turns - c1 - c2 + cc], axis=1) / turns


def _outcome_vectors(A, B):
    """Payoff of player 1 and player 2 for outcomes (C,C), (C,D), (D,C), (D,D)."""
    return (np.array([A[0, 0], A[0, 1], A[1, 0], A[1, 1]]),
            np.array([B[0, 0], B[0, 1], B[1, 0], B[1, 1]]))


@dataclass
class MatchResult:
    """Moves and payoffs of repeated matches between two strategies.

    Attributes
    ----------
    names : tuple of str
    moves : numpy bool array, shape (2, repetitions, turns)
        True = cooperate.
    payoffs : numpy array, shape (2, repetitions, turns)
    """

    names: tuple
    moves: np.ndarray
    payoffs: np.ndarray

    @property
    def mean_payoffs(self) -> np.ndarray:
        """Mean payoff per turn of each player (over turns and repetitions)."""
        return self.payoffs.mean(axis=(1, 2))

    @property
    def cooperation_rates(self) -> np.ndarray:
        """Share of cooperative moves of each player."""
        return self.moves.mean(axis=(1, 2))

    def history(self, repetition: int = 0) -> tuple:
        """The two move sequences of one repetition as strings of C and D."""
        return tuple("".join("C" if x else "D" for x in self.moves[p, repetition])
                     for p in range(2))

    def __str__(self) -> str:
        h = self.history(0)
        cut = lambda s: s if len(s) <= 40 else s[:40] + "..."
        m = self.mean_payoffs
        return (f"{self.names[0]} vs {self.names[1]}: mean payoffs {m[0]:.4g}, {m[1]:.4g}\n"
                f"  {cut(h[0])}\n  {cut(h[1])}")


#: Bytes :func:`play_match` holds per match and turn: both moves, the outcome codes (8), the
#: stacked moves (2) and payoffs (16), and temporaries.
_MATCH_BYTES_PER_TURN = 40


def play_match(player1: Strategy, player2: Strategy, stage: NormalFormGame | None = None,
               turns: int = 200, repetitions: int = 1, noise: float = 0,
               seed=None) -> MatchResult:
    """Play ``repetitions`` matches of ``turns`` turns between two strategies.

    Parameters
    ----------
    player1, player2 : Strategy
    stage : NormalFormGame, optional
        A symmetric 2x2 game whose first strategy is cooperation (default: the prisoner's
        dilemma with T, R, P, S = 5, 3, 1, 0).
    turns, repetitions : int
    noise : float
        Probability that a move is flipped.
    seed : int, numpy SeedSequence or Generator, optional
        See the module notes for the layout of the random numbers.

    Returns
    -------
    MatchResult

    Raises
    ------
    BudgetError
        Every move is kept: ``repetitions x turns`` over the memory or work budget of
        :mod:`govgames.games.budget` is refused before anything is allocated.

    References
    ----------
    Axelrod (1984).

    Examples
    --------
    >>> from govgames.games.repeated.strategies import TitForTat, AllD
    >>> m = play_match(TitForTat(), AllD(), turns=5)
    >>> m.history()
    ('CDDDD', 'DDDDD')
    >>> m.mean_payoffs.round(2).tolist()
    [0.8, 1.8]
    """
    strategies, turns, repetitions, noise, (A, B) = _setup([player1, player2], stage, turns,
                                                           repetitions, noise)
    what = (f"{repetitions} matches of {turns} turns (every move kept: "
            f"{2.0 * repetitions * turns:.3g} moves)")
    hint = "use fewer repetitions or turns, or round_robin_tournament (which keeps no moves)"
    pi, pj = np.array([0], np.intp), np.array([1], np.intp)
    check_work(_tournament_cost(strategies, pi, pj, turns, repetitions, noise, 1,
                                2 * repetitions)[1], what, hint)
    check_memory(float(repetitions) * turns * _MATCH_BYTES_PER_TURN, what, hint)
    root = seed_sequence(seed)
    seat = np.concatenate([np.zeros(repetitions, np.intp), np.ones(repetitions, np.intp)])
    partner = np.concatenate([np.arange(repetitions) + repetitions, np.arange(repetitions)])
    blocks: list = []
    _simulate(strategies, seat, partner, turns, noise, lambda u, j: chunk_rng(root, j),
              [0, 2 * repetitions], blocks.append, rows=turns)
    H = blocks[0]                            # rows=turns: one block of all turns
    u1, u2 = _outcome_vectors(A, B)
    a1, a2 = H[:, :repetitions].T, H[:, repetitions:].T
    code = 2 * (~a1).astype(np.intp) + (~a2).astype(np.intp)
    moves = np.stack([a1, a2])
    pays = np.stack([u1[code], u2[code]])
    return MatchResult((player1.name, player2.name), moves, pays)


def _check_positive(x, name):
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 1:
        raise InputError(f"{name} must be a positive integer, got {x!r}")
    return int(x)


def _setup(strategies, stage, turns, repetitions, noise):
    """Check the arguments of a match or tournament and prepare the strategies for the stage
    game; returns ``(strategies, turns, repetitions, noise, (A, B))``."""
    strategies = _check_strategies(strategies)
    turns = _check_positive(turns, "turns")
    repetitions = _check_positive(repetitions, "repetitions")
    noise = check_probability(noise, "noise")
    A, B = stage_matrices(stage)
    R, S, T, P = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    for s in strategies:
        s.prepare(R, S, T, P)
    return strategies, turns, repetitions, noise, (A, B)


class TournamentResult:
    """Results of a round-robin tournament.

    Attributes
    ----------
    names : list of str
    payoff_matrix : pandas.DataFrame
        Mean payoff per turn of the row strategy against the column strategy (the diagonal is
        self-play).
    scores : numpy array, shape (repetitions, n)
        Each strategy's mean payoff per turn against the others (self-play excluded, as in
        axelrod's ``normalised_scores``), per repetition.
    table : pandas.DataFrame
        One row per strategy, best first: mean score, standard deviation over repetitions,
        standard error, cooperation rate and rank.
    """

    def __init__(self, names, matrix, scores, cooperation=None, title="tournament"):
        import pandas as pd

        self.names = list(names)
        self.payoff_matrix = pd.DataFrame(matrix, index=self.names, columns=self.names)
        self.scores = np.asarray(scores, dtype=float)
        mean = self.scores.mean(axis=0)
        reps = self.scores.shape[0]
        std = self.scores.std(axis=0, ddof=1) if reps > 1 else np.zeros_like(mean)
        table = pd.DataFrame({"mean": mean, "std": std, "stderr": std / np.sqrt(reps)},
                             index=self.names)
        if cooperation is not None:
            table["cooperation"] = cooperation
        table["rank"] = table["mean"].rank(ascending=False, method="min").astype(int)
        self.table = table.sort_values(["rank"], kind="stable")
        self.title = title

    @property
    def ranked_names(self) -> list:
        """Strategy names, best mean score first."""
        return list(self.table.index)

    def __str__(self) -> str:
        return self.table.round(4).to_string()

    def __repr__(self) -> str:
        return f"<TournamentResult: {len(self.names)} strategies, winner {self.ranked_names[0]!r}>"

    def _repr_html_(self) -> str:
        return self.table.round(4).to_html()

    def plot(self, ax=None):
        """Box plot of each strategy's per-repetition scores, best first (or bars, one run)."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(max(4, 0.8 * len(self.names)), 3.5))
        order = [self.names.index(n) for n in self.ranked_names]
        if self.scores.shape[0] > 1:
            ax.boxplot([self.scores[:, k] for k in order])
            ax.set_xticks(range(1, len(order) + 1))
        else:
            ax.bar(range(1, len(order) + 1), self.scores[0, order])
            ax.set_xticks(range(1, len(order) + 1))
        ax.set_xticklabels([self.names[k] for k in order], rotation=45, ha="right")
        ax.set_ylabel("mean payoff per turn")
        ax.set_title(self.title)
        ax.figure.tight_layout()
        return ax


#: Random-number layout of tournaments: the pairs of one repetition are cut into blocks of at
#: most ``max(1, _BLOCK_SEAT_TURNS // (2 * turns))`` pairs (one block unless a repetition has
#: more than 16 million moves). With one block, repetition ``r`` draws from
#: ``SeedSequence(seed).spawn(repetitions)[r]``; with several, block ``b`` of repetition ``r``
#: from ``SeedSequence(seed).spawn(repetitions)[r].spawn(n_blocks)[b]``.
_BLOCK_SEAT_TURNS = 1 << 25

#: Seats simulated together in one chunk (each holds a few dozen bytes of state and about
#: :data:`_HISTORY_BYTES` / seats turns of moves): small enough for the per-turn arrays to stay
#: in a core's cache, large enough for numpy to amortise its per-call cost.
_CHUNK_SEATS = 1 << 14

#: Moves held at once when a strategy reads the whole history (``window = None``): the whole
#: match is then kept, so a chunk holds at most this many seat-turns (one byte each).
_CHUNK_SEAT_TURNS = 1 << 25

#: A tournament of fewer moves (2 x pairs x turns x repetitions, about 6 ns each) runs in this
#: process even when an executor is given: below about half a second of work, starting tasks
#: on other processes costs more than it saves.
_PARALLEL_MIN_MOVES = 1 << 26


#: Measured CPU cost of a tournament (nanoseconds, a 2-core machine under load; see
#: :func:`_tournament_cost`): a move of a deterministic and of a random plain memory-one seat
#: (one table lookup per turn for all of them), of a strategy with its own vectorised ``step``
#: (Grim, TitForTwoTats), the noise of a move, a turn of one chunk per strategy group (numpy
#: call overheads), and a :class:`~govgames.games.repeated.strategies.FunctionStrategy` seat's
#: turn (a Python call) plus each move of the history it reads as a string.
_NS_MOVE_M1, _NS_MOVE_RANDOM, _NS_MOVE_STEP, _NS_MOVE_NOISE = 4.0, 10.0, 15.0, 5.0
_NS_TURN_GROUP, _NS_CALL_FUNCTION, _NS_HISTORY_CHAR = 3000.0, 3000.0, 50.0


def _move_ns(s, turns: float) -> float:
    """Nanoseconds of one seat of strategy ``s`` over ``turns`` turns (without noise)."""
    if isinstance(s, MemoryOne) and type(s).step is MemoryOne.step:
        p = np.append(np.asarray(s.vector, dtype=float), float(s.initial))
        return turns * (_NS_MOVE_RANDOM if np.any((p > 0) & (p < 1)) else _NS_MOVE_M1)
    if isinstance(s, FunctionStrategy):
        return turns * _NS_CALL_FUNCTION + turns * turns / 2 * _NS_HISTORY_CHAR
    return turns * _NS_MOVE_STEP


def _tournament_cost(strategies, pairs_i, pairs_j, turns, repetitions, noise, n_chunks,
                     chunk_seats) -> tuple:
    """``(moves, steps, nbytes)`` of a tournament, estimated before it starts.

    ``moves = 2 x pairs x turns x repetitions``; ``steps`` is the CPU time of those moves
    measured on a loaded 2-core machine (4 ns a deterministic memory-one move, 10 ns a random
    one, 15 ns a move of a vectorised ``step``, 5 ns more with noise, a FunctionStrategy seat 3 us a
    turn plus 50 ns per move of history it reads), plus 3 us per strategy group and turn of
    each chunk, in units of :data:`~govgames.games.budget.NS_PER_STEP`; ``nbytes`` the
    per-match outcome shares and the ``(repetitions, n, n)`` tables built from them, plus a
    chunk's moves (``chunk_seats`` seats; every turn for a strategy that reads the whole
    history)."""
    n = len(strategies)
    seats = np.bincount(np.concatenate([pairs_i, pairs_j]), minlength=n).astype(float)
    seats *= float(repetitions)              # seats of each strategy in the whole tournament
    turns = float(turns)
    moves = float(seats.sum()) * turns
    ns = sum(seats[k] * _move_ns(s, turns) for k, s in enumerate(strategies))
    ns += moves * _NS_MOVE_NOISE * (noise > 0)
    n_groups = sum(1 for s in strategies
                   if not (isinstance(s, MemoryOne) and type(s).step is MemoryOne.step))
    ns += float(n_chunks) * turns * (n_groups + 3) * _NS_TURN_GROUP
    matches = float(repetitions) * pairs_i.size
    keep = turns if any(s.window is None for s in strategies) else 2.0
    history = chunk_seats * min(turns, keep + max(1, _HISTORY_BYTES // chunk_seats))
    nbytes = matches * 64 + float(repetitions) * n * n * 25 + history
    return moves, ns / NS_PER_STEP, nbytes


def _check_tournament_budget(strategies, pairs_i, pairs_j, turns, repetitions, noise,
                             n_chunks, chunk_seats):
    """Refuse (:class:`~govgames.games.budget.BudgetError`) a tournament over the work or memory
    budget, naming its moves, before anything is allocated."""
    moves, steps, nbytes = _tournament_cost(strategies, pairs_i, pairs_j, turns, repetitions,
                                            noise, n_chunks, chunk_seats)
    what = (f"a round-robin tournament of {len(strategies)} strategies ({pairs_i.size} pairs x "
            f"{turns} turns x {repetitions} repetitions x 2 = {moves:.3g} moves)")
    hint = "use fewer repetitions or turns"
    check_work(steps, what, hint)
    check_memory(nbytes, what, hint)


def _play_blocks(units, strategies, pairs_i, pairs_j, block, turns, noise, root):
    """Outcome shares ``(matches, 4)`` of consecutive blocks ``units = (start, stop)`` (unit
    ``u`` is block ``u % n_blocks`` of repetition ``u // n_blocks``), simulated together."""
    n_pairs = pairs_i.size
    n_blocks = -(-n_pairs // block)
    seats, keys, bounds, sizes = [], [], [0], []
    for u in range(*units):
        r, b = divmod(u, n_blocks)
        lo, hi = b * block, min((b + 1) * block, n_pairs)
        seats += [pairs_i[lo:hi], pairs_j[lo:hi]]
        keys.append((r,) if n_blocks == 1 else (r, b))
        sizes.append(hi - lo)
        bounds.append(bounds[-1] + 2 * (hi - lo))
    seat = np.concatenate(seats)
    partner = np.empty(seat.size, dtype=np.intp)
    first = np.concatenate([np.arange(s0, s0 + m) for s0, m in zip(bounds, sizes)])
    partner[first] = first + np.repeat(sizes, sizes)
    partner[partner[first]] = first
    counts = _OutcomeCounts(seat.size, first, partner[first],
                            _half_swaps(partner, np.asarray(bounds, np.intp)))
    _simulate(strategies, seat, partner, turns, noise,
              lambda u, j: chunk_rng(root, *keys[u], j), bounds, counts)
    return counts.shares()


def _units_per_chunk(strategies, n_seats_unit, turns) -> int:
    """Units (blocks of a repetition) simulated together: :data:`_CHUNK_SEATS` seats, or
    :data:`_CHUNK_SEAT_TURNS` moves when a strategy keeps the whole history."""
    per_chunk = _CHUNK_SEATS // n_seats_unit
    if any(s.window is None for s in strategies):
        per_chunk = min(per_chunk, _CHUNK_SEAT_TURNS // (n_seats_unit * turns))
    return max(1, per_chunk)


def _tournament_tables(parts, pairs_i, pairs_j, n, A, B) -> tuple:
    """Payoff matrix ``(n, n)``, scores ``(repetitions, n)`` and cooperation rates ``(n,)``
    from the chunks' outcome shares (repetition-major, pairs in order)."""
    shares = np.concatenate(parts)           # (repetitions * n_pairs, 4)
    parts.clear()
    n_pairs = pairs_i.size
    reps = shares.shape[0] // n_pairs
    u1, u2 = _outcome_vectors(A, B)
    per_rep = np.full((reps, n, n), np.nan)  # mean payoff per turn of row against column
    per_rep[:, pairs_i, pairs_j] = (shares @ u1).reshape(reps, n_pairs)
    per_rep[:, pairs_j, pairs_i] = (shares @ u2).reshape(reps, n_pairs)
    coop_rate = np.zeros(n)                  # summed in seat order: first players, then partners
    np.add.at(coop_rate, np.tile(pairs_i, reps), shares[:, 0] + shares[:, 1])
    np.add.at(coop_rate, np.tile(pairs_j, reps), shares[:, 0] + shares[:, 2])
    del shares
    coop_rate /= np.bincount(np.concatenate([pairs_i, pairs_j]), minlength=n) * reps
    filled = ~np.isnan(per_rep)
    count = filled.sum(axis=0)
    totals = np.where(filled, per_rep, 0).sum(axis=0)
    matrix = np.where(count > 0, totals / np.maximum(count, 1), np.nan)
    if n > 1:
        scores = np.where(~np.eye(n, dtype=bool)[None], per_rep, 0).sum(axis=2) / (n - 1)
    else:
        scores = per_rep[:, :, 0]
    return matrix, scores, coop_rate


def round_robin_tournament(strategies: Sequence[Strategy], stage: NormalFormGame | None = None,
                           turns: int = 200, repetitions: int = 10, noise: float = 0,
                           seed=None, self_play: bool = True, *, executor=None,
                           progress=None) -> TournamentResult:
    """Every strategy plays every other (and, by default, a copy of itself), repeatedly.

    The matches are simulated vectorised (see the module notes) in chunks of whole
    repetitions of about ``2**14`` seats (two per match), their outcomes counted as they are
    played, so memory stays bounded whatever the number of turns and repetitions; the chunks
    can run on several processes or a cluster.

    Parameters
    ----------
    strategies : sequence of Strategy
    stage : NormalFormGame, optional
        Symmetric 2x2 stage game, first strategy = cooperate (default: the prisoner's dilemma
        T, R, P, S = 5, 3, 1, 0).
    turns, repetitions : int
    noise : float
        Probability that a move is flipped.
    seed : int, numpy SeedSequence or Generator, optional
        The same seed gives the same tournament, bit for bit, with any ``executor``.
        Repetition ``r`` draws its random numbers from its own stream,
        ``SeedSequence(seed).spawn(repetitions)[r]`` (split further into blocks of pairs only
        when one repetition has more than 16 million moves; see ``_BLOCK_SEAT_TURNS``), so the
        first repetitions of a longer tournament with the same seed and turns are the same.
    self_play : bool
        Include each strategy against a copy of itself (shown on the diagonal of the payoff
        matrix; never counted in the scores).
    executor : concurrent.futures.Executor or Dask Client, optional
        Runs the chunks of repetitions (:mod:`govgames.games.parallel`; default: in this
        process). The strategies must be picklable for a process pool. A tournament of fewer
        than ``2**26`` moves (``2 x pairs x turns x repetitions``, about half a second of
        work) runs in this process anyway: shipping it would cost more than it saves.
    progress : None or bool
        A progress bar over the chunks (``None``: on a terminal, after two seconds).

    Returns
    -------
    TournamentResult

    Raises
    ------
    BudgetError
        The moves (``2 x pairs x turns x repetitions``, times their measured CPU cost) or the
        result tables are over the budget of :mod:`govgames.games.budget`; checked before
        anything is allocated.
    InputError
        Bad arguments, or a strategy a process pool cannot pickle (a ``FunctionStrategy`` of a
        lambda) with a :class:`~concurrent.futures.ProcessPoolExecutor`.

    References
    ----------
    Axelrod (1984); Knight et al. (2016).

    Examples
    --------
    >>> from govgames.games.repeated.strategies import basic_strategies
    >>> r = round_robin_tournament(basic_strategies(), turns=200, repetitions=5, seed=1)
    >>> r.ranked_names[:3]
    ['Grim', 'TitForTat', 'TitForTwoTats']
    >>> round(float(r.payoff_matrix.loc["AllD", "TitForTat"]), 3)
    1.02
    """
    strategies, turns, repetitions, noise, (A, B) = _setup(strategies, stage, turns, repetitions,
                                                           noise)
    root = seed_sequence(seed)
    n = len(strategies)
    names = _unique_names(strategies)
    pairs = [(i, j) for i in range(n) for j in range(i, n) if self_play or i != j]
    if not pairs:
        raise InputError("a tournament without self-play needs at least two strategies")
    pairs_i = np.array([p[0] for p in pairs], np.intp)
    pairs_j = np.array([p[1] for p in pairs], np.intp)
    n_pairs = len(pairs)
    block = max(1, min(n_pairs, _BLOCK_SEAT_TURNS // (2 * turns)))
    n_units = repetitions * -(-n_pairs // block)
    executor = check_executor(executor)
    for k, s in enumerate(strategies):
        check_picklable(s, executor, f"strategy {names[k]!r} (entry {k})",
                        "define its function at module level (not a lambda or a local "
                        "function), or use a Dask executor (which ships lambdas)")
    if 2 * n_pairs * repetitions * turns < _PARALLEL_MIN_MOVES:
        executor = None
    size = split_for_workers(n_units, executor, _units_per_chunk(strategies, 2 * block, turns))
    _check_tournament_budget(strategies, pairs_i, pairs_j, turns, repetitions, noise,
                             -(-n_units // size), min(n_units, size) * 2 * block)
    parts = map_chunks(_play_blocks, chunk_ranges(n_units, size), executor=executor,
                       progress=progress, desc="tournament", unit="chunk",
                       args=(strategies, pairs_i, pairs_j, block, turns, noise, root))
    matrix, scores, coop_rate = _tournament_tables(parts, pairs_i, pairs_j, n, A, B)
    noise_text = f", noise {noise:g}" if noise else ""
    return TournamentResult(names, matrix, scores, coop_rate,
                            title=f"round-robin tournament ({turns} turns, {repetitions} "
                                  f"repetitions{noise_text})")
