"""Best responses and the equilibrium check, in floating point and in exact rationals.

A profile is a Nash equilibrium when no player has a pure strategy that pays more than the
player's expected payoff against the others' strategies (Nash 1951). The check contracts the
payoff array of each player with the other players' mixed strategies, so it is one tensor product
per player, for any number of players. :func:`is_equilibrium_exact` does the same computation in
:class:`fractions.Fraction` arithmetic, so a user can certify an equilibrium of a game with
rational payoffs.

References
----------
.. [1] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951), 286-295.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, sec. 3.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from .errors import InputError
from .game import NormalFormGame
from .tolerance import DEFAULT_TOL, EQUILIBRIUM_TOL

__all__ = [
    "strategy_payoffs", "best_response", "pure_best_responses", "is_equilibrium",
    "is_equilibrium_exact", "profitable_deviations", "Deviation", "exact_profile",
]


def _contract(payoff_i: np.ndarray, player: int, mixed: Sequence[np.ndarray]) -> np.ndarray:
    """Payoff of each pure strategy of ``player`` against the others' mixed strategies."""
    out = payoff_i
    # contract the last axes first so that axis indices stay valid
    for j in reversed(range(len(mixed))):
        if j == player:
            continue
        out = np.tensordot(out, mixed[j], axes=([j], [0]))
    return out


def strategy_payoffs(game: NormalFormGame, player, profile: Sequence) -> np.ndarray:
    """Expected payoff of each pure strategy of ``player`` when the others play ``profile``.

    ``profile`` gives every player's strategy (names, indices or probability vectors); the entry
    of ``player`` itself is ignored.

    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> strategy_payoffs(g, 0, [[1, 0], [0.5, 0.5]])
    array([1.5, 3. ])
    """
    i = game.player_index(player)
    mixed = game.mixed_profile(profile)
    return _contract(game.numeric_payoffs()[i], i, mixed)


def _exact_mixed(game: NormalFormGame, profile: Sequence):
    """The profile as exact probability vectors (object arrays of Fractions) when the game's
    payoffs are exact and so is the profile (names, indices, or probabilities given as ints,
    Fractions, sympy rationals or rational strings); ``None`` otherwise (float payoffs, or a
    float probability anywhere: those are compared with the tolerance)."""
    if game.payoff_array.dtype != object or game.is_symbolic:
        return None
    for s in game._profile_entries(profile):
        if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
            continue
        try:
            items = list(s)
        except TypeError:
            return None
        if any(isinstance(x, (float, np.floating)) for x in items):
            return None
    return [np.array(v, dtype=object) for v in exact_profile(game, profile)]


def pure_best_responses(game: NormalFormGame, player, profile: Sequence,
                        tol: float | None = None) -> tuple:
    """Indices of the pure strategies of ``player`` that are best responses to ``profile``.

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
    profile : sequence
        Every player's strategy (names, indices or probability vectors).
    tol : float, optional
        ``None`` (default): exact comparison when the payoffs are exact (fractions, integers
        beyond ``2**53``; see :meth:`~govgames.games.game.NormalFormGame.exact_payoffs`) and
        so is the profile (no float probabilities); otherwise strategies within
        ``tol * max(1, |best|)`` of the best payoff count, with ``tol`` defaulting to
        :data:`~govgames.games.tolerance.DEFAULT_TOL`.

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> pure_best_responses(g, 0, [0, 0])
    (1,)

    Exact payoffs are compared exactly: ``10**-300`` more is better.

    >>> from fractions import Fraction
    >>> h = NormalFormGame([[[0], [Fraction(1, 10**300)]], [[0], [0]]])
    >>> pure_best_responses(h, 0, [0, 0]), pure_best_responses(h, 0, [0, 0], tol=1e-9)
    ((1,), (0, 1))
    """
    exact = _exact_mixed(game, profile) if tol is None else None
    if exact is not None:
        i = game.player_index(player)
        u = _contract(game.exact_payoffs()[i], i, exact)
        best = max(u)
        return tuple(k for k, x in enumerate(u) if x == best)
    tol = DEFAULT_TOL if tol is None else tol
    u = strategy_payoffs(game, player, profile)
    best = u.max()
    return tuple(int(k) for k in np.flatnonzero(u >= best - tol * max(1.0, abs(best))))


def best_response(game: NormalFormGame, player, profile: Sequence,
                  tol: float | None = None) -> tuple:
    """Names of the pure best responses of ``player`` to the others' (mixed) strategies.

    Every mixture of these strategies is also a best response. ``tol`` as in
    :func:`pure_best_responses` (exact comparison for exact payoffs and profiles).

    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]],
    ...                    strategies=[["Opera", "Football"], ["Opera", "Football"]])
    >>> best_response(g, 0, ["Opera", "Football"])
    ('Football',)
    >>> best_response(g, 0, ["Opera", [1/3, 2/3]])
    ('Opera', 'Football')
    """
    i = game.player_index(player)
    return tuple(game.strategies[i][k] for k in pure_best_responses(game, i, profile, tol))


@dataclass(frozen=True)
class Deviation:
    """A profitable deviation: ``player`` gains ``gain`` by switching to ``strategy``."""

    player: str
    strategy: str
    gain: float
    current_payoff: float
    deviation_payoff: float

    def __str__(self) -> str:
        return (f"{self.player} gains {self.gain:.6g} by deviating to {self.strategy!r} "
                f"(payoff {self.deviation_payoff:.6g} instead of {self.current_payoff:.6g})")


def profitable_deviations(game: NormalFormGame, profile: Sequence,
                          tol: float | None = None) -> list:
    """Every (player, pure strategy) that pays more than the profile by more than ``tol``.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        Every player's strategy (names, indices or probability vectors).
    tol : float, optional
        ``None`` (default): with exact payoffs (fractions, integers beyond ``2**53``) and an
        exact profile (names, indices, rational probabilities), every deviation with a
        positive gain, decided in exact rational arithmetic; otherwise the gains above
        ``tol * max(1, max |payoff|)``, with ``tol`` defaulting to
        :data:`~govgames.games.tolerance.EQUILIBRIUM_TOL`. A ``tol`` given explicitly always
        takes the float path.

    Returns
    -------
    list of Deviation
        Per player, the deviations by decreasing payoff (gains and payoffs as floats).

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> [str(d) for d in profitable_deviations(g, ["C", "C"])]
    ["A gains 2 by deviating to 'D' (payoff 5 instead of 3)",
     "B gains 2 by deviating to 'D' (payoff 5 instead of 3)"]
    """
    exact = _exact_mixed(game, profile) if tol is None else None
    if exact is not None:
        return _exact_deviations(game, exact)
    tol = EQUILIBRIUM_TOL if tol is None else tol
    mixed = game.mixed_profile(profile)
    P = game.numeric_payoffs()
    out = []
    for i in range(game.n_players):
        u = _contract(P[i], i, mixed)
        current = float(u @ mixed[i])
        scale = max(1.0, float(np.max(np.abs(u))))
        for k in np.argsort(-u, kind="stable"):
            gain = float(u[k]) - current
            if gain > tol * scale:
                out.append(Deviation(game.players[i], game.strategies[i][k], gain, current,
                                     float(u[k])))
    return out


def _exact_deviations(game: NormalFormGame, mixed: list) -> list:
    """:func:`profitable_deviations` in exact rational arithmetic (no tolerance)."""
    P = game.exact_payoffs()
    out = []
    for i in range(game.n_players):
        u = _contract(P[i], i, mixed)
        current = sum((a * b for a, b in zip(u, mixed[i])), Fraction(0))
        for k in sorted(range(len(u)), key=lambda k: -u[k]):
            if u[k] > current:
                out.append(Deviation(game.players[i], game.strategies[i][k],
                                     float(u[k] - current), float(current), float(u[k])))
    return out


def is_equilibrium(game: NormalFormGame, profile: Sequence, tol: float | None = None) -> bool:
    """True when no player gains by a unilateral deviation (more than ``tol``, relative).

    Works for any number of players and for pure or mixed profiles. With exact payoffs
    (fractions, integers beyond ``2**53``) and an exact profile (names, indices, rational
    probabilities) and ``tol=None`` (the default) the check is exact, as
    :func:`is_equilibrium_exact`; otherwise a gain up to ``tol * max(1, max |payoff|)`` is
    accepted, ``tol`` defaulting to :data:`~govgames.games.tolerance.EQUILIBRIUM_TOL`
    (see :func:`profitable_deviations`).

    >>> g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])  # matching pennies
    >>> is_equilibrium(g, [[0.5, 0.5], [0.5, 0.5]])
    True
    >>> is_equilibrium(g, [0, 0])
    False

    A gain of ``10**-300`` is a gain when the payoffs are exact, a tie within a tolerance:

    >>> from fractions import Fraction
    >>> h = NormalFormGame([[[0], [Fraction(1, 10**300)]], [[0], [0]]])
    >>> is_equilibrium(h, [0, 0]), is_equilibrium(h, [0, 0], tol=1e-8)
    (False, True)
    """
    return not profitable_deviations(game, profile, tol)


def exact_profile(game: NormalFormGame, profile: Sequence) -> list:
    """A profile as exact probability vectors of :class:`~fractions.Fraction`.

    Entries may be names or indices (pure), or sequences of probabilities given as ints,
    Fractions, strings like ``"1/3"`` or floats (read as the decimal they print as). The
    probabilities must be non-negative and sum to exactly one.

    >>> g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> exact_profile(g, [["1/2", "1/2"], 0])
    [[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 1), Fraction(0, 1)]]
    """
    profile = game._profile_entries(profile)
    if len(profile) != game.n_players:
        raise InputError(f"a profile needs one entry per player ({game.n_players}), "
                         f"got {len(profile)}")
    out = []
    for i, s in enumerate(profile):
        if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
            v = [Fraction(0)] * game.shape[i]
            v[game.strategy_index(i, s)] = Fraction(1)
        else:
            try:
                v = [x if isinstance(x, Fraction) else Fraction(repr(x)) if isinstance(x, float)
                     else Fraction(str(x)) for x in s]
            except (ValueError, ZeroDivisionError, TypeError):
                raise InputError(f"mixed strategy of player {game.players[i]!r} has an entry "
                                 f"that is not a rational number (got {s!r})") from None
            if len(v) != game.shape[i]:
                raise InputError(f"mixed strategy of player {game.players[i]!r} must have "
                                 f"{game.shape[i]} probabilities, got {len(v)}")
            if any(x < 0 for x in v) or sum(v) != 1:
                raise InputError(f"mixed strategy of player {game.players[i]!r} is not a "
                                 f"probability vector in exact arithmetic: {[str(x) for x in v]}")
        out.append(v)
    return out


def is_equilibrium_exact(game: NormalFormGame, profile: Sequence) -> bool:
    """Certify (or refute) an equilibrium in exact rational arithmetic.

    Payoffs are read exactly (ints, sympy rationals, floats as the decimal they print as); the
    profile's probabilities must be rationals (see :func:`exact_profile`). No tolerance is used:
    the answer is a proof for the game as given.

    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])  # battle of the sexes
    >>> is_equilibrium_exact(g, [["2/3", "1/3"], ["1/3", "2/3"]])
    True
    >>> is_equilibrium_exact(g, [["0.6667", "0.3333"], ["1/3", "2/3"]])
    False
    """
    mixed = [np.array(v, dtype=object) for v in exact_profile(game, profile)]
    P = game.exact_payoffs()
    for i in range(game.n_players):
        u = _contract(P[i], i, mixed)
        current = sum((a * b for a, b in zip(u, mixed[i])), Fraction(0))
        if any(x > current for x in u):
            return False
    return True
