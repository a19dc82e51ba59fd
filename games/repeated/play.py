"""Matches and round-robin tournaments of the repeated prisoner's dilemma, vectorised.

All matches of a tournament (every pair of strategies, every repetition) are played at once:
each turn, every strategy decides for all of its seats in one numpy operation, so a tournament
costs ``turns x strategies`` small array operations instead of one Python call per move.
Implementation noise flips each intended move with probability ``noise``. Results are
reproducible from ``seed`` (numpy ``default_rng``); deterministic strategies draw no random
numbers, so without noise their matches do not depend on the seed.

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

from ..errors import InputError
from ..game import NormalFormGame
from ._common import check_probability, default_pd, make_rng
from .strategies import MemoryOne, Strategy

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
        raise InputError(f"the stage game must be a 2x2 game (first strategy = cooperate), got shape {stage.shape}")
    A, B = (np.asarray(x, dtype=float) for x in stage.numeric_payoffs())
    if not np.allclose(A, B.T):
        raise InputError("the stage game must be symmetric (column payoffs = transposed row payoffs) "
                         "for strategies of the repeated prisoner's dilemma")
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
    names, seen = [], {}
    for s in strategies:
        n = s.name
        if n in seen:
            seen[n] += 1
            n = f"{n} ({seen[n]})"
        else:
            seen[n] = 1
        names.append(n)
    return names


def _simulate(strategies, seat_strategy, partner, turns, noise, rng) -> np.ndarray:
    """Moves of every seat: bool array of shape (turns, n_seats), True = cooperate.

    The seats of all plain memory-one strategies (AllC, AllD, TitForTat, GenerousTFT,
    WinStayLoseShift, Random, MemoryOne) move together in one lookup per turn from a per-seat
    table of cooperation probabilities; every other strategy moves for all of its seats at
    once through its ``step``. Random numbers are drawn only for stochastic seats.
    """
    n_seats = seat_strategy.shape[0]
    H = np.empty((turns, n_seats), dtype=bool)
    is_m1 = np.array([isinstance(s, MemoryOne) and type(s).step is MemoryOne.step
                      for s in strategies])
    groups = []
    for k, s in enumerate(strategies):
        if is_m1[k]:
            continue
        idx = np.flatnonzero(seat_strategy == k)
        if idx.size:
            groups.append((s, idx, partner[idx], s.initial_state(idx.size)))
    m_idx = np.flatnonzero(is_m1[seat_strategy])
    if m_idx.size:
        table = np.array([s.vector if is_m1[k] else np.zeros(4)
                          for k, s in enumerate(strategies)])[seat_strategy[m_idx]]
        first = np.array([s.initial if is_m1[k] else 0.0
                          for k, s in enumerate(strategies)])[seat_strategy[m_idx]]
        m_partner = partner[m_idx]
        rows = np.arange(m_idx.size)
        sto_first = (first > 0) & (first < 1)
        sto = np.any((table > 0) & (table < 1), axis=1)
        any_sto_first, any_sto = sto_first.any(), sto.any()
    for t in range(turns):
        row = H[t]
        if m_idx.size:
            if t == 0:
                p = first
                moves = p == 1.0
                if any_sto_first:
                    moves[sto_first] = rng.random(int(sto_first.sum())) < p[sto_first]
            else:
                prev = H[t - 1]
                k = 2 * (~prev[m_idx]).astype(np.intp) + (~prev[m_partner]).astype(np.intp)
                p = table[rows, k]
                moves = p == 1.0
                if any_sto:
                    moves[sto] = rng.random(int(sto.sum())) < p[sto]
            row[m_idx] = moves
        for s, idx, opp_idx, state in groups:
            w = t if s.window is None else min(s.window, t)
            own = H[t - w:t][:, idx].T
            opp = H[t - w:t][:, opp_idx].T
            row[idx] = s.step(t, own, opp, state, rng)
        if noise > 0:
            row ^= rng.random(n_seats) < noise
    return H


def _outcome_shares(H, M) -> np.ndarray:
    """Share of turns with outcome (C,C), (C,D), (D,C), (D,D) of each match: (M, 4).

    Seats ``0..M-1`` are the first players and ``M..2M-1`` their partners.
    """
    a1, a2 = H[:, :M], H[:, M:]
    turns = H.shape[0]
    c1 = np.count_nonzero(a1, axis=0)
    c2 = np.count_nonzero(a2, axis=0)
    cc = np.count_nonzero(a1 & a2, axis=0)
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
        return tuple("".join("C" if x else "D" for x in self.moves[p, repetition]) for p in range(2))

    def __str__(self) -> str:
        h = self.history(0)
        cut = lambda s: s if len(s) <= 40 else s[:40] + "..."
        m = self.mean_payoffs
        return (f"{self.names[0]} vs {self.names[1]}: mean payoffs {m[0]:.4g}, {m[1]:.4g}\n"
                f"  {cut(h[0])}\n  {cut(h[1])}")


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
    seed : int or numpy Generator, optional

    Returns
    -------
    MatchResult

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
    rng = make_rng(seed)
    seat = np.concatenate([np.zeros(repetitions, np.intp), np.ones(repetitions, np.intp)])
    partner = np.concatenate([np.arange(repetitions) + repetitions, np.arange(repetitions)])
    H = _simulate(strategies, seat, partner, turns, noise, rng)
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
    turns, repetitions = _check_positive(turns, "turns"), _check_positive(repetitions, "repetitions")
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


def round_robin_tournament(strategies: Sequence[Strategy], stage: NormalFormGame | None = None,
                           turns: int = 200, repetitions: int = 10, noise: float = 0,
                           seed=None, self_play: bool = True) -> TournamentResult:
    """Every strategy plays every other (and, by default, a copy of itself), repeatedly.

    All matches and repetitions run in one vectorised simulation (see the module notes).

    Parameters
    ----------
    strategies : sequence of Strategy
    stage : NormalFormGame, optional
        Symmetric 2x2 stage game, first strategy = cooperate (default: the prisoner's dilemma
        T, R, P, S = 5, 3, 1, 0).
    turns, repetitions : int
    noise : float
        Probability that a move is flipped.
    seed : int or numpy Generator, optional
        The same seed gives the same tournament.
    self_play : bool
        Include each strategy against a copy of itself (shown on the diagonal of the payoff
        matrix; never counted in the scores).

    Returns
    -------
    TournamentResult

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
    n = len(strategies)
    names = _unique_names(strategies)
    pairs = [(i, j) for i in range(n) for j in range(i, n) if self_play or i != j]
    if not pairs:
        raise InputError("a tournament without self-play needs at least two strategies")
    pi = np.repeat(np.array([p[0] for p in pairs], np.intp), repetitions)
    pj = np.repeat(np.array([p[1] for p in pairs], np.intp), repetitions)
    M = pi.size
    seat = np.concatenate([pi, pj])
    partner = np.concatenate([np.arange(M) + M, np.arange(M)])
    rng = make_rng(seed)
    H = _simulate(strategies, seat, partner, turns, noise, rng)
    shares = _outcome_shares(H, M)
    u1, u2 = _outcome_vectors(A, B)
    pay = np.concatenate([shares @ u1, shares @ u2])  # mean payoff per turn, per seat
    coop = np.concatenate([shares[:, 0] + shares[:, 1], shares[:, 0] + shares[:, 2]])
    rep = np.tile(np.arange(repetitions), len(pairs))
    per_rep = np.full((repetitions, n, n), np.nan)
    per_rep[rep, pi, pj] = pay[:M]
    per_rep[rep, pj, pi] = pay[M:]
    filled = ~np.isnan(per_rep)
    count = filled.sum(axis=0)
    matrix = np.where(count > 0, np.where(filled, per_rep, 0).sum(axis=0) / np.maximum(count, 1), np.nan)
    off = ~np.eye(n, dtype=bool)
    if n > 1:
        scores = (np.where(off[None], per_rep, 0)).sum(axis=2) / (n - 1)
    else:
        scores = per_rep[:, :, 0]
    coop_rate = np.zeros(n)
    counts = np.zeros(n)
    np.add.at(coop_rate, seat, coop)
    np.add.at(counts, seat, 1)
    return TournamentResult(names, matrix, scores, coop_rate / counts,
                            title=f"round-robin tournament ({turns} turns, {repetitions} repetitions"
                                  + (f", noise {noise:g}" if noise else "") + ")")
