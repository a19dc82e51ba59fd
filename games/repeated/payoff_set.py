"""The feasible and individually rational payoff set of a 2-player repeated game.

The feasible payoffs of the repeated game (with public randomisation, or as long-run averages)
are the convex hull of the stage game's pure payoff vectors; a payoff vector is individually
rational when it gives every player at least the minmax value. By the folk theorem every
feasible payoff vector strictly above the minmax point is the payoff of a subgame-perfect
equilibrium when the players are patient enough (Fudenberg and Maskin 1986).

References
----------
.. [1] D. Fudenberg and E. Maskin, "The folk theorem in repeated games with discounting or with
   incomplete information", *Econometrica* 54 (1986), 533-554.
.. [2] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford UP, 2006,
   sec. 2.1 and 3.1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..game import NormalFormGame
from ..tolerance import DEFAULT_TOL
from .discounting import minmax_values

__all__ = ["PayoffSet", "payoff_set", "plot_payoff_set"]


def _hull(points: np.ndarray) -> np.ndarray:
    """Vertices of the convex hull, counter-clockwise (a segment or a point if degenerate)."""
    pts = np.unique(np.round(points, 12), axis=0)
    if len(pts) <= 2:
        return pts
    centred = pts - pts.mean(axis=0)
    if np.linalg.matrix_rank(centred, tol=1e-9 * max(1.0, np.abs(pts).max())) < 2:
        # collinear: the two extreme points along the line
        d = centred[np.argmax(np.linalg.norm(centred, axis=1))]
        proj = centred @ d
        return pts[[int(np.argmin(proj)), int(np.argmax(proj))]]
    from scipy.spatial import ConvexHull
    h = ConvexHull(pts)
    return pts[h.vertices]  # counter-clockwise in 2-D


def _clip(poly: np.ndarray, axis: int, bound: float) -> np.ndarray:
    """Sutherland-Hodgman clipping of a polygon (or segment/point) to {x[axis] >= bound}."""
    if len(poly) == 0:
        return poly
    if len(poly) == 1:
        return poly if poly[0, axis] >= bound - 1e-12 else poly[:0]
    closed = len(poly) > 2
    out = []
    n = len(poly)
    edges = range(n) if closed else range(n - 1)
    for k in edges:
        a, b = poly[k], poly[(k + 1) % n]
        ina, inb = a[axis] >= bound - 1e-12, b[axis] >= bound - 1e-12
        if ina:
            out.append(a)
        if ina != inb:
            t = (bound - a[axis]) / (b[axis] - a[axis])
            out.append(a + t * (b - a))
    if not closed and poly[-1][axis] >= bound - 1e-12:
        out.append(poly[-1])
    if not out:
        return poly[:0]
    res = np.array(out)
    keep = np.ones(len(res), dtype=bool)
    for k in range(1, len(res)):
        if np.allclose(res[k], res[k - 1], atol=1e-12):
            keep[k] = False
    res = res[keep]
    if len(res) > 1 and np.allclose(res[0], res[-1], atol=1e-12):
        res = res[:-1]
    return res


def _area(poly: np.ndarray) -> float:
    if len(poly) < 3:
        return 0.0
    x, y = poly[:, 0], poly[:, 1]
    return float(0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


@dataclass
class PayoffSet:
    """Feasible and individually rational payoffs of a 2-player repeated game.

    Attributes
    ----------
    players : tuple of str
    points : numpy array, shape (k, 2)
        Payoff vectors of the pure profiles.
    labels : list of str
        The pure profiles, as text.
    feasible : numpy array
        Vertices of the feasible set (convex hull), counter-clockwise.
    minmax : numpy array, shape (2,)
        The (mixed) minmax point.
    individually_rational : numpy array
        Vertices of the feasible payoffs that give each player at least the minmax value.
    """

    players: tuple
    points: np.ndarray
    labels: list
    feasible: np.ndarray
    minmax: np.ndarray
    individually_rational: np.ndarray

    @property
    def area(self) -> float:
        """Area of the feasible and individually rational set."""
        return _area(self.individually_rational)

    def contains(self, payoff, tol: float = DEFAULT_TOL) -> bool:
        """True when ``payoff`` is feasible and individually rational."""
        x = np.asarray(payoff, dtype=float)
        if x.shape != (2,):
            raise InputError(f"a payoff vector of 2 numbers is needed, got {payoff!r}")
        if np.any(x < self.minmax - tol):
            return False
        return _in_hull(self.feasible, x, tol)

    def __str__(self) -> str:
        v = "; ".join(f"({a:.4g}, {b:.4g})" for a, b in self.individually_rational)
        return (f"feasible payoffs: hull of {len(self.feasible)} vertices; minmax point "
                f"({self.minmax[0]:.4g}, {self.minmax[1]:.4g}); individually rational region: {v}")


def _in_hull(hull: np.ndarray, x: np.ndarray, tol: float) -> bool:
    if len(hull) == 1:
        return bool(np.allclose(hull[0], x, atol=tol))
    if len(hull) == 2:
        a, b = hull
        d = b - a
        t = float(np.dot(x - a, d) / np.dot(d, d))
        near = np.linalg.norm(a + t * d - x) <= tol * max(1, np.abs(d).max())
        return -tol <= t <= 1 + tol and bool(near)
    n = len(hull)
    for k in range(n):
        a, b = hull[k], hull[(k + 1) % n]
        cross = (b[0] - a[0]) * (x[1] - a[1]) - (b[1] - a[1]) * (x[0] - a[0])
        if cross < -tol * max(1.0, np.abs(hull).max()):
            return False
    return True


def payoff_set(stage: NormalFormGame) -> PayoffSet:
    """The feasible and individually rational payoff set of a 2-player repeated game.

    Parameters
    ----------
    stage : NormalFormGame
        A numeric 2-player stage game.

    Returns
    -------
    PayoffSet

    References
    ----------
    Fudenberg and Maskin (1986); Mailath and Samuelson (2006), sec. 2.1.

    Examples
    --------
    >>> from govgames.games import dilemmas
    >>> s = payoff_set(dilemmas.prisoners_dilemma(5, 3, 1, 0))
    >>> s.minmax.tolist(), round(s.area, 4)
    ([1.0, 1.0], 6.6667)
    >>> s.contains([3, 3]), s.contains([0.5, 4])
    (True, False)
    """
    if not isinstance(stage, NormalFormGame) or stage.n_players != 2:
        raise InputError("payoff_set needs a 2-player NormalFormGame")
    P = np.asarray(stage.numeric_payoffs(), dtype=float)
    profiles = list(stage.pure_profiles())
    points = np.array([[P[0][p], P[1][p]] for p in profiles])
    labels = ["(" + ", ".join(stage.profile_names(p)) + ")" for p in profiles]
    hull = _hull(points)
    mm = minmax_values(stage)
    m = np.array([float(mm[pl].value) for pl in stage.players])
    ir = _clip(_clip(hull, 0, m[0]), 1, m[1])
    return PayoffSet(stage.players, points, labels, hull, m, ir)


def plot_payoff_set(stage: NormalFormGame, ax=None, annotate: bool = True):
    """Plot the feasible set, the minmax point and the individually rational region.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from govgames.games import dilemmas
    >>> ax = plot_payoff_set(dilemmas.prisoners_dilemma(5, 3, 1, 0))
    >>> ax.get_xlabel()
    'payoff of A'
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon

    s = payoff_set(stage)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    if len(s.feasible) >= 3:
        ax.add_patch(Polygon(s.feasible, closed=True, facecolor="#cfe2f3", edgecolor="#3d85c6",
                             label="feasible"))
    else:
        ax.plot(s.feasible[:, 0], s.feasible[:, 1], color="#3d85c6", label="feasible")
    if len(s.individually_rational) >= 3:
        ax.add_patch(Polygon(s.individually_rational, closed=True, facecolor="#93c47d",
                             edgecolor="#38761d", alpha=0.8, label="individually rational"))
    ax.scatter(s.points[:, 0], s.points[:, 1], color="k", zorder=3, s=15)
    if annotate:
        for (x, y), lab in zip(s.points, s.labels):
            ax.annotate(lab, (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.scatter([s.minmax[0]], [s.minmax[1]], marker="x", color="r", zorder=4, label="minmax point")
    ax.axvline(s.minmax[0], color="r", lw=0.6, ls="--")
    ax.axhline(s.minmax[1], color="r", lw=0.6, ls="--")
    pad = 0.05 * max(1.0, float(np.ptp(s.points)))
    ax.set_xlim(s.points[:, 0].min() - pad, s.points[:, 0].max() + pad)
    ax.set_ylim(s.points[:, 1].min() - pad, s.points[:, 1].max() + pad)
    ax.set_xlabel(f"payoff of {s.players[0]}")
    ax.set_ylabel(f"payoff of {s.players[1]}")
    ax.set_title(stage.title or "feasible and individually rational payoffs")
    ax.legend(fontsize="small", loc="best")
    return ax
