"""Finitely repeated games: backward induction and cooperation with several stage equilibria.

When the stage game has a unique Nash equilibrium, backward induction pins down the unique
subgame-perfect outcome of the finitely repeated game: the stage equilibrium in every round
(the finitely repeated prisoner's dilemma: defect every round). When the stage game has several
equilibria, the choice among them in the last rounds can reward cooperation and punish a
deviation, so a non-equilibrium profile can be played in the early rounds (Benoît and Krishna
1985): play the target profile until ``k`` rounds before the end, then a *reward* equilibrium;
after a deviation by player ``i`` switch at once to the stage equilibrium worst for ``i``.

References
----------
.. [1] R. Selten, "The chain store paradox", *Theory and Decision* 9 (1978), 127-159.
.. [2] J.-P. Benoît and V. Krishna, "Finitely repeated games", *Econometrica* 53 (1985),
   905-922.
.. [3] M. J. Osborne, *An Introduction to Game Theory*, Oxford UP, 2004, sec. 14.11 and 15.4.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..errors import InputError
from ..game import NormalFormGame
from ._common import equilibrium_payoffs, stage_equilibria

__all__ = ["FiniteHorizonResult", "backward_induction", "finite_horizon_cooperation"]


@dataclass(frozen=True)
class FiniteHorizonResult:
    """A subgame-perfect path of a finitely repeated game.

    Attributes
    ----------
    rounds : int
    path : list of str
        The profile played in each round (a stage profile or an equilibrium, as text).
    cooperative_rounds : int
        Rounds (at the start) in which the target profile is played.
    end_rounds : int
        Rounds at the end in which a stage equilibrium (the reward) is played.
    payoffs : dict
        ``{player: total payoff over all rounds}`` along the path (exact).
    stage_equilibria : list of str
        The stage game's equilibria.
    unique_stage_equilibrium : bool
    reward : str or None
        The reward equilibrium of the end phase.
    punishments : dict
        ``{player: the stage equilibrium played after that player deviates}``.
    explanation : str
    """

    rounds: int
    path: list
    cooperative_rounds: int
    end_rounds: int
    payoffs: dict
    stage_equilibria: list
    unique_stage_equilibrium: bool
    reward: str | None = None
    punishments: dict = field(default_factory=dict)
    explanation: str = ""

    @property
    def feasible(self) -> bool:
        """True when the target profile is played in at least one round."""
        return self.cooperative_rounds > 0

    def __str__(self) -> str:
        pays = ", ".join(f"{k}: {v}" for k, v in self.payoffs.items())
        return f"{self.explanation}\ntotal payoffs: {pays}"


def _text(stage, e) -> str:
    if e.is_pure:
        return "(" + ", ".join(e.pure_profile) + ")"
    return "[" + str(e).split("  (")[0] + "]"


def _check_rounds(rounds) -> int:
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise InputError(f"rounds must be a positive integer, got {rounds!r}")
    return rounds


def backward_induction(stage: NormalFormGame, rounds: int) -> FiniteHorizonResult:
    """The subgame-perfect outcome of a finitely repeated game with a unique stage equilibrium.

    In the last round only a stage equilibrium can be played; if it is unique, the last round
    does not depend on the history, so the round before is strategically a one-shot game too,
    and so on back to the first round: the stage equilibrium is played in every round.

    Parameters
    ----------
    stage : NormalFormGame
        A numeric stage game (2 players: every extreme equilibrium is found by vertex
        enumeration; more players: pure equilibria).
    rounds : int
        Number of rounds (at least 1).

    Returns
    -------
    FiniteHorizonResult
        With ``unique_stage_equilibrium=False`` (and an empty path) when the stage game has
        several equilibria: backward induction then does not single out one outcome; see
        :func:`finite_horizon_cooperation`.

    References
    ----------
    Selten (1978); Osborne (2004), sec. 14.11.

    Examples
    --------
    >>> from govgames.games import dilemmas
    >>> r = backward_induction(dilemmas.prisoners_dilemma(5, 3, 1, 0), 10)
    >>> r.path[:3]
    ['(Defect, Defect)', '(Defect, Defect)', '(Defect, Defect)']
    >>> r.payoffs
    {'A': Fraction(10, 1), 'B': Fraction(10, 1)}
    """
    rounds = _check_rounds(rounds)
    eqs = stage_equilibria(stage)
    texts = [_text(stage, e) for e in eqs]
    if len(eqs) != 1:
        return FiniteHorizonResult(
            rounds, [], 0, 0, {}, texts, False,
            explanation=(f"The stage game has {len(eqs)} equilibria ({'; '.join(texts)}): "
                         "backward induction does not single out one outcome. Any sequence of "
                         "stage equilibria is subgame perfect, and the choice among them can "
                         "sustain other profiles early on (see finite_horizon_cooperation)."))
    e = eqs[0]
    pay = equilibrium_payoffs(e, stage)
    totals = {pl: pay[i] * rounds for i, pl in enumerate(stage.players)}
    return FiniteHorizonResult(
        rounds, [texts[0]] * rounds, 0, rounds, totals, texts, True, reward=texts[0],
        explanation=(f"The stage game has the unique equilibrium {texts[0]}; by backward "
                     f"induction it is played in each of the {rounds} rounds."))


def finite_horizon_cooperation(stage: NormalFormGame, profile: Sequence,
                               rounds: int) -> FiniteHorizonResult:
    """Can a profile be played in the early rounds of a finitely repeated game? (Benoît–Krishna)

    The strategy: play ``profile`` in rounds ``1 .. rounds - k``, then a reward stage
    equilibria ``r`` in the last ``k`` rounds; if player ``i`` deviates, play the stage
    equilibrium ``p_i`` worst for ``i`` in every remaining round. A deviation by ``i`` in round
    ``t <= rounds - k`` gains ``g_i`` (best one-shot gain) and loses
    ``(rounds - k - t) (u_i - p_i) + k (r_i - p_i)``; the strategy is subgame perfect when the
    loss covers the gain for every player and round (the condition is linear in ``t``, so the
    first and the last cooperative rounds are checked). The function returns the least ``k``
    over all reward equilibria, i.e. the longest cooperative phase. When ``u_i >= p_i`` the
    condition is ``k >= g_i / (r_i - p_i)``: the spread between the reward and punishment
    equilibria must be large enough to deter deviation.

    Parameters
    ----------
    stage : NormalFormGame
        A numeric stage game.
    profile : sequence
        The pure profile to play early on (e.g. mutual cooperation).
    rounds : int

    Returns
    -------
    FiniteHorizonResult
        ``cooperative_rounds`` (0 when no reward/punishment spread deters the deviation, e.g.
        when the stage equilibrium is unique), ``end_rounds``, the path and total payoffs.

    References
    ----------
    Benoît and Krishna (1985); Osborne (2004), sec. 15.4.

    Examples
    --------
    A prisoner's dilemma with an extra action ``Punish`` that creates a second, bad stage
    equilibrium: cooperation holds until the last round.

    >>> from govgames.games import NormalFormGame
    >>> A = [[4, 0, -2], [5, 1, -2], [0, 0, 0]]
    >>> g = NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)],
    ...                                strategies=[["C", "D", "X"], ["C", "D", "X"]])
    >>> r = finite_horizon_cooperation(g, ("C", "C"), 5)
    >>> r.cooperative_rounds, r.end_rounds, r.path[-2:]
    (4, 1, ['(C, C)', '(D, D)'])
    """
    rounds = _check_rounds(rounds)
    idx = stage.pure_profile(profile)
    P = stage.exact_payoffs()
    n = stage.n_players
    eqs = stage_equilibria(stage)
    texts = [_text(stage, e) for e in eqs]
    pays = [equilibrium_payoffs(e, stage) for e in eqs]
    u = [P[(i,) + idx] for i in range(n)]
    gain = []
    for i in range(n):
        best = u[i]
        for s in range(stage.shape[i]):
            alt = list(idx)
            alt[i] = s
            best = max(best, P[(i,) + tuple(alt)])
        gain.append(best - u[i])
    worst = [min(range(len(eqs)), key=lambda k: pays[k][i]) for i in range(n)]
    pun = [pays[worst[i]][i] for i in range(n)]

    def ok(k, r):
        c = rounds - k  # last cooperative round
        if c <= 0:
            return True
        for i in range(n):
            for t in (1, c):
                loss = (c - t) * (u[i] - pun[i]) + k * (pays[r][i] - pun[i])
                if loss < gain[i]:
                    return False
        return True

    best_k, best_r = rounds, None
    for r in range(len(eqs)):
        for k in range(0, rounds + 1):
            if ok(k, r):
                if k < best_k or (k == best_k and best_r is None):
                    best_k, best_r = k, r
                break
    names = "(" + ", ".join(stage.profile_names(idx)) + ")"
    punishments = {stage.players[i]: texts[worst[i]] for i in range(n)}
    if best_r is None or best_k >= rounds:
        # no cooperation: play the best equilibrium for everybody (first in the list)
        e = 0
        totals = {pl: pays[e][i] * rounds for i, pl in enumerate(stage.players)}
        why = ("the stage equilibrium is unique, so nothing can reward cooperation"
               if len(eqs) == 1 else
               "the spread between the reward and the punishment equilibria is too small")
        return FiniteHorizonResult(
            rounds, [texts[e]] * rounds, 0, rounds, totals, texts, len(eqs) == 1,
            reward=texts[e], punishments=punishments,
            explanation=f"{names} cannot be sustained in any round of {rounds}: {why}.")
    k, r = best_k, best_r
    c = rounds - k
    totals = {pl: u[i] * c + pays[r][i] * k for i, pl in enumerate(stage.players)}
    path = [names] * c + [texts[r]] * k
    return FiniteHorizonResult(
        rounds, path, c, k, totals, texts, len(eqs) == 1, reward=texts[r],
        punishments=punishments,
        explanation=(f"{names} is played in rounds 1-{c} of {rounds} and the reward equilibrium "
                     f"{texts[r]} in the last {k}; a deviator is punished with its worst stage "
                     f"equilibrium ({'; '.join(f'{p}: {t}' for p, t in punishments.items())})."))
