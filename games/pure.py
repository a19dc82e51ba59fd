"""Pure-strategy Nash equilibria of N-player games, vectorised over the payoff array.

A pure profile ``s`` is a Nash equilibrium when, for every player ``i``, ``u_i(s)`` is the
largest entry of ``u_i`` along player ``i``'s own axis (Nash 1951; Osborne and Rubinstein 1994,
def. 14.1). With the payoff array of shape ``(n, a_1, ..., a_n)`` this is one reduction
(``max`` over axis ``i``) and one comparison per player; the equilibria are the cells where all
``n`` boolean arrays are true. No Python loop runs over profiles, so a game of 20 players with
two actions each (about a million profiles) is solved in well under a second.

References
----------
.. [1] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951), 286-295.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 2.
.. [3] QuantEcon.py, ``quantecon.game_theory.pure_nash_brute`` (the loop this replaces).
"""

from __future__ import annotations

import numpy as np

from .equilibrium import Equilibrium, EquilibriumList
from .errors import InputError
from .game import NormalFormGame

__all__ = ["pure_equilibrium_mask", "pure_nash_equilibria", "best_response_mask"]

#: Default relative tolerance: a payoff within ``tol * max(1, |best|)`` of the best counts as best.
DEFAULT_TOL = 1e-9


def _check_tol(tol) -> float:
    tol = float(tol)
    if not tol >= 0 or tol != tol:
        raise InputError(f"tolerance must be a non-negative number, got {tol!r}")
    return tol


def best_response_mask(game: NormalFormGame, player, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Boolean array over all pure profiles: is ``player``'s own strategy a best response there?

    Entry ``[s_1, ..., s_n]`` is true when ``s_i`` maximises player ``i``'s payoff against the
    others' strategies ``s_{-i}`` (within the relative tolerance ``tol``).

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
    tol : float
        Relative tolerance: ``u >= best - tol * max(1, |best|)``.

    Returns
    -------
    numpy.ndarray of bool, shape ``game.shape``

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> best_response_mask(g, 0).astype(int)
    array([[0, 0],
           [1, 1]])
    """
    i = game.player_index(player)
    tol = _check_tol(tol)
    u = game.numeric_payoffs()[i]
    best = u.max(axis=i, keepdims=True)
    slack = np.abs(best)
    np.maximum(slack, 1.0, out=slack)
    slack *= tol
    best -= slack
    return u >= best


def pure_equilibrium_mask(game: NormalFormGame, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Boolean array over all pure profiles, true at the pure Nash equilibria.

    For each player: the maximum of the own payoff over the own axis, compared with the payoff;
    the result is the logical AND over players. Memory beyond the game itself: one boolean array
    of the size of the table plus one reduced float array per step.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    tol : float
        Relative tolerance (see :func:`best_response_mask`).

    Returns
    -------
    numpy.ndarray of bool, shape ``game.shape``

    References
    ----------
    Osborne and Rubinstein (1994), def. 14.1.

    Examples
    --------
    Battle of the sexes has two pure equilibria on the diagonal:

    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> pure_equilibrium_mask(g).astype(int)
    array([[1, 0],
           [0, 1]])
    """
    tol = _check_tol(tol)
    P = game.numeric_payoffs()
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        u = P[i]
        best = u.max(axis=i, keepdims=True)
        slack = np.abs(best)
        np.maximum(slack, 1.0, out=slack)
        slack *= tol
        best -= slack
        mask &= u >= best
    return mask


def pure_nash_equilibria(game: NormalFormGame, tol: float = DEFAULT_TOL,
                         max_equilibria: int | None = None) -> EquilibriumList:
    """Every pure-strategy Nash equilibrium of an N-player game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (a game with free parameters raises
        :class:`~govgames.games.errors.FreeParametersError`; see :mod:`govgames.games.symbolic`).
    tol : float
        Relative tolerance of the best-response test (see :func:`best_response_mask`).
    max_equilibria : int, optional
        Return at most this many (in lexicographic order of the profiles); a note records how
        many there are. Useful for games such as an all-zero table where every profile is an
        equilibrium.

    Returns
    -------
    EquilibriumList
        Pure equilibria in lexicographic order of the strategy indices, ``method="pure"``.

    References
    ----------
    J. Nash (1951); Osborne and Rubinstein (1994), ch. 2.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]])
    >>> print(pure_nash_equilibria(g))
    1 equilibrium (pure)
      1. A: Defect; B: Defect  (payoffs 1, 1)

    Three players, each choosing whether to join a coalition that forms only if all join:

    >>> h = NormalFormGame.from_function(
    ...     lambda p: [2 * all(p) - s for s in p], (2, 2, 2))
    >>> [e.pure_profile for e in pure_nash_equilibria(h)]
    [('s1', 's1', 's1'), ('s2', 's2', 's2')]
    """
    mask = pure_equilibrium_mask(game, tol)
    found = np.argwhere(mask)
    total = len(found)
    notes = []
    if max_equilibria is not None and total > max_equilibria:
        found = found[:max(0, int(max_equilibria))]
        notes.append(f"{total} pure equilibria; the first {len(found)} are listed")
    P = game.numeric_payoffs()
    out = []
    for idx in found:
        idx = tuple(int(k) for k in idx)
        profile = []
        for i, k in enumerate(idx):
            v = np.zeros(game.shape[i])
            v[k] = 1.0
            profile.append(v)
        out.append(Equilibrium.from_game_profile(game.players, game.strategies, profile,
                                                 P[(slice(None),) + idx]))
    return EquilibriumList(out, method="pure", notes=notes)
