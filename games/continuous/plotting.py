"""Best-response curves of two-player continuous games, for teaching.

The curves are computed numerically (a grid search of each player's payoff with bounded
refinement, the same search as the certificate of
:func:`~govgames.games.continuous.is_equilibrium`), so they are right also where the best
response sits at a corner or jumps; equilibria are where the curves cross.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from .certify import _player_check
from .game import ContinuousGame

__all__ = ["best_response_curves", "plot_best_responses"]

#: most points per curve
MAX_POINTS = 2001


def best_response_curves(game: ContinuousGame, points: int = 101, grid: int = 801):
    """Both players' best responses on a grid of the other's choice.

    Parameters
    ----------
    game : ContinuousGame
        Two players, one-dimensional choices, no free parameters, bounded intervals.
    points : int
        Values of the opponent's choice per curve (at most 2001).
    grid : int
        Grid points of each best-response search.

    Returns
    -------
    dict
        ``{"x2": values of player 2's choice, "br1": player 1's best response to each,
        "x1": values of player 1's choice, "br2": player 2's best response to each}``.

    Raises
    ------
    InputError
        Not two players with one number each; unbounded intervals; too many points.

    References
    ----------
    Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> c = best_response_curves(cournot(2, a=10, b=1, c=1), points=3)
    >>> c["x2"].tolist(), c["br1"].round(6).tolist()
    ([0.0, 5.0, 10.0], [4.5, 2.0, 0.0])
    """
    if not isinstance(game, ContinuousGame):
        raise InputError(f"expected a ContinuousGame, got {type(game).__name__}")
    n = game.require_numeric_n("best-response curves")
    if n != 2 or game.dims != (1, 1):
        raise InputError("best-response curves need two players who choose one number each")
    if not (isinstance(points, (int, np.integer)) and 2 <= points <= MAX_POINTS):
        raise InputError(f"points must be an integer between 2 and {MAX_POINTS}, got {points!r}")
    num = game.numeric()
    if not np.all(np.isfinite(num.bounds)):
        raise InputError("best-response curves need bounded intervals")
    out = {}
    for i, j in ((0, 1), (1, 0)):
        xs = np.linspace(num.lo[j], num.hi[j], int(points))
        br = np.empty_like(xs)
        for k, v in enumerate(xs):
            x = np.array([num.lo[0], num.lo[1]], dtype=float)
            x[j] = v
            c = _player_check(num, i, x, int(grid), game.players[i])
            br[k] = float(c.best_deviation[0]) if c.gain > 0 else x[i]
        out[f"x{j + 1}"], out[f"br{i + 1}"] = xs, br
    return out


def plot_best_responses(game: ContinuousGame, ax=None, points: int = 101, equilibria=True):
    """Plot both best-response curves in the (x1, x2) plane and mark the equilibria.

    Parameters
    ----------
    game : ContinuousGame
        As for :func:`best_response_curves`.
    ax : matplotlib Axes, optional
    points : int
    equilibria : bool
        Mark the pure equilibria found by :func:`~govgames.games.continuous.nash_equilibria`.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> ax = plot_best_responses(cournot(2, a=10, b=1, c=1), points=11)
    >>> len(ax.lines)
    3
    """
    from matplotlib.figure import Figure

    curves = best_response_curves(game, points=points)
    if ax is None:
        ax = Figure(figsize=(5, 4.5)).add_subplot()
    v1, v2 = (game.variables[0][0], game.variables[1][0])
    ax.plot(curves["br1"], curves["x2"], label=f"{game.players[0]}: best {v1} to {v2}")
    ax.plot(curves["x1"], curves["br2"], label=f"{game.players[1]}: best {v2} to {v1}")
    if equilibria:
        from .equilibria import nash_equilibria
        eqs = nash_equilibria(game)
        if len(eqs):
            pts = np.array([e.flat() for e in eqs])
            ax.plot(pts[:, 0], pts[:, 1], "ko", label="Nash equilibrium")
    ax.set_xlabel(str(v1))
    ax.set_ylabel(str(v2))
    ax.set_title(game.title or "Best responses")
    ax.legend(fontsize="small")
    return ax
