"""Efficiency of outcomes: Pareto efficiency, the utilitarian optimum, prices of anarchy and
stability.

* A pure profile is **Pareto efficient** when no other pure profile gives every player at least
  as much and some player more. The test sweeps the candidates once: each surviving candidate
  removes, in one vectorised comparison, every profile it Pareto-dominates, so the work is
  (number of profiles) x (size of the Pareto front), with no Python loop over profiles.
* The **utilitarian optimum** maximises (weighted) total payoff, the welfare.
* For welfare maximisation (Koutsoupias and Papadimitriou 1999; Roughgarden and Tardos 2002;
  Anshelevich et al. 2004) the **price of anarchy** is optimal welfare divided by the welfare of
  the worst equilibrium, and the **price of stability** optimal welfare divided by the welfare of
  the best equilibrium; both are >= 1, and 1 means equilibrium play loses nothing. The ratios are
  meaningful only for positive welfare: a worst (best) equilibrium with welfare <= 0 raises
  :class:`~govgames.games.errors.InputError` (shift payoffs by a constant to make them positive if a
  ratio is wanted, knowing that the ratio depends on the shift).

References
----------
.. [1] E. Koutsoupias and C. Papadimitriou, "Worst-case equilibria", STACS 1999, 404-413.
.. [2] T. Roughgarden and E. Tardos, "How bad is selfish routing?", *J. ACM* 49 (2002), 236-259.
.. [3] E. Anshelevich et al., "The price of stability for network design with fair cost
   allocation", FOCS 2004, 295-304.
.. [4] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, sec. 1.7.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import InputError
from .game import NormalFormGame
from .tolerance import DEFAULT_TOL

__all__ = ["pareto_efficient_mask", "pareto_efficient_profiles", "welfare", "SocialOptimum",
           "utilitarian_optimum", "price_of_anarchy", "price_of_stability"]


def _weights(game, weights) -> np.ndarray:
    if weights is None:
        return np.ones(game.n_players)
    if isinstance(weights, dict):
        w = np.zeros(game.n_players)
        for k, v in weights.items():
            w[game.player_index(k)] = float(v)
    else:
        w = np.asarray(weights, dtype=float)
    if w.shape != (game.n_players,) or not np.all(np.isfinite(w)) or np.any(w < 0):
        raise InputError(f"welfare weights must be {game.n_players} non-negative numbers, "
                         f"got {weights!r}")
    return w


def pareto_efficient_mask(game: NormalFormGame) -> np.ndarray:
    """Boolean array over pure profiles, true where the profile is Pareto efficient.

    Profiles with identical payoff vectors are either all efficient or all not.

    Examples
    --------
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> pareto_efficient_mask(pd).astype(int)
    array([[1, 1],
           [1, 0]])
    """
    P = game.numeric_payoffs()
    n = game.n_players
    X = P.reshape(n, -1).T  # profiles x players (a view when possible)
    idx = np.arange(X.shape[0])
    cand = X
    i = 0
    while i < len(cand):
        p = cand[i]
        keep = np.any(cand > p, axis=1) | np.all(cand == p, axis=1)
        idx = idx[keep]
        cand = cand[keep]
        i = int(np.count_nonzero(keep[:i])) + 1
    mask = np.zeros(X.shape[0], dtype=bool)
    mask[idx] = True
    return mask.reshape(game.shape)


def pareto_efficient_profiles(game: NormalFormGame) -> list:
    """Pareto-efficient pure profiles, as tuples of strategy names (lexicographic order).

    References
    ----------
    Osborne and Rubinstein (1994), sec. 1.7.

    Examples
    --------
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                     strategies=[["C", "D"], ["C", "D"]])
    >>> pareto_efficient_profiles(pd)
    [('C', 'C'), ('C', 'D'), ('D', 'C')]
    """
    return [game.profile_names(tuple(int(k) for k in idx))
            for idx in np.argwhere(pareto_efficient_mask(game))]


def welfare(game: NormalFormGame, profile=None, weights=None):
    """Weighted total payoff at a profile, or over all pure profiles (an array) if none given.

    Examples
    --------
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> welfare(pd)
    array([[6., 5.],
           [5., 2.]])
    >>> welfare(pd, [[0.5, 0.5], [0.5, 0.5]])
    4.5
    """
    w = _weights(game, weights)
    if profile is None:
        return np.tensordot(w, game.numeric_payoffs(), axes=(0, 0))
    if hasattr(profile, "payoffs") and hasattr(profile, "profile"):
        return float(w @ np.asarray(profile.payoffs, dtype=float))
    return float(w @ game.payoff(profile))


@dataclass(frozen=True)
class SocialOptimum:
    """The largest welfare and every pure profile that attains it."""

    welfare: float
    profiles: tuple
    payoffs: tuple

    def __str__(self) -> str:
        prof = "; ".join(" / ".join(p) for p in self.profiles)
        return f"welfare {self.welfare:.6g} at {prof}"


def utilitarian_optimum(game: NormalFormGame, weights=None,
                        tol: float = DEFAULT_TOL) -> SocialOptimum:
    """The pure profiles that maximise (weighted) total payoff.

    No mixed profile does better: welfare is linear in each player's mixed strategy, so its
    maximum over mixed profiles is attained at a pure profile.

    Parameters
    ----------
    game : NormalFormGame
    weights : sequence or dict, optional
        Non-negative welfare weight per player (default 1 each).
    tol : float
        Relative tolerance for ties.

    Returns
    -------
    SocialOptimum
        ``welfare``, ``profiles`` (tuples of names) and ``payoffs`` (dicts by player name).

    Examples
    --------
    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                     strategies=[["C", "D"], ["C", "D"]])
    >>> opt = utilitarian_optimum(pd)
    >>> print(opt)
    welfare 6 at C / C
    >>> opt.payoffs
    ({'A': 3.0, 'B': 3.0},)
    """
    W = welfare(game, weights=weights)
    best = float(W.max())
    hits = np.argwhere(W >= best - tol * max(1.0, abs(best)))
    P = game.numeric_payoffs()
    profiles = tuple(game.profile_names(tuple(int(k) for k in h)) for h in hits)
    payoffs = tuple({p: float(P[(i,) + tuple(h)]) for i, p in enumerate(game.players)}
                    for h in hits)
    return SocialOptimum(best, profiles, payoffs)


def _equilibrium_welfare(game, equilibria, weights):
    if equilibria is None:
        from .solve import nash_equilibria

        equilibria = nash_equilibria(game, method="all")
    if len(equilibria) == 0:
        raise InputError("the game has no equilibria in the list given (an N-player game may "
                         "have no pure equilibrium): pass its equilibria explicitly")
    return [welfare(game, e if hasattr(e, "payoffs") else e, weights) for e in equilibria]


def _ratio(opt, eq, which):
    if opt <= 0 or eq <= 0:
        raise InputError(
            f"the {which} is defined here for positive welfare only: optimal welfare is "
            f"{opt:.6g}, the relevant equilibrium welfare is {eq:.6g}; shift payoffs by a "
            "constant to make welfare positive (the ratio depends on the shift)")
    return opt / eq


def price_of_anarchy(game: NormalFormGame, equilibria=None, weights=None) -> float:
    """Optimal welfare divided by the welfare of the worst equilibrium (>= 1).

    Parameters
    ----------
    game : NormalFormGame
    equilibria : sequence, optional
        Equilibria (``Equilibrium`` objects or profiles) to compare. By default
        :func:`govgames.games.solve.nash_equilibria` with ``method="all"``: every extreme
        equilibrium of a 2-player game (welfare is bilinear, so its minimum over the equilibrium
        set is at an extreme equilibrium) and, for more players, every equilibrium of a small game
        (:mod:`govgames.games.nplayer`), else the pure equilibria.
    weights : sequence or dict, optional
        Welfare weights.

    Raises
    ------
    InputError
        When there is no equilibrium in the list, or the optimal or worst-equilibrium welfare is
        not positive.

    References
    ----------
    Koutsoupias and Papadimitriou (1999); Roughgarden and Tardos (2002).

    Examples
    --------
    The prisoner's dilemma: cooperation yields 6, the only equilibrium 2.

    >>> pd = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> price_of_anarchy(pd, equilibria=[["s2", "s2"]])
    3.0
    """
    opt = utilitarian_optimum(game, weights).welfare
    return _ratio(opt, min(_equilibrium_welfare(game, equilibria, weights)), "price of anarchy")


def price_of_stability(game: NormalFormGame, equilibria=None, weights=None) -> float:
    """Optimal welfare divided by the welfare of the best equilibrium (>= 1).

    Arguments and errors as in :func:`price_of_anarchy`.

    References
    ----------
    Anshelevich et al. (2004).

    Examples
    --------
    A coordination game (stag hunt): the good equilibrium is optimal, the bad one is not.

    >>> stag = NormalFormGame([[[4, 0], [3, 2]], [[4, 3], [0, 2]]])
    >>> eqs = [["s1", "s1"], ["s2", "s2"]]
    >>> price_of_stability(stag, eqs), price_of_anarchy(stag, eqs)
    (1.0, 2.0)
    """
    opt = utilitarian_optimum(game, weights).welfare
    return _ratio(opt, max(_equilibrium_welfare(game, equilibria, weights)), "price of stability")
