"""Plots for notebooks: a network of governments with each node sized by its share."""

from __future__ import annotations

import math

import numpy as np
from govgames.games.errors import InputError

__all__ = ["draw_shares"]


def _graph_of(obj):
    """The networkx graph of ``obj``: the graph itself, or the one a game was built from."""
    import networkx as nx

    if isinstance(obj, nx.Graph):
        return obj
    meta = getattr(obj, "meta", None)
    if isinstance(meta, dict) and isinstance(meta.get("graph"), nx.Graph):
        return meta["graph"]
    if hasattr(obj, "players") and hasattr(obj, "meta"):
        raise InputError("draw_shares: this game was not built from a graph, so it has no "
                         "network to draw; pass the networkx graph of the players: "
                         "draw_shares(G, shares)")
    raise InputError(f"draw_shares: expected a networkx graph (or a game built from one), got "
                     f"{type(obj).__name__}")


def draw_shares(G, shares, ax=None, *, pos=None, node_scale: float = 2500.0,
                min_size: float = 60.0, labels: bool = True, fmt: str = "{:.2f}",
                weight: str | None = "weight", cmap: str = "viridis", title: str | None = None,
                seed: int = 0):
    """Draw a network with each node's area proportional to its share (and its share written
    under its name).

    Parameters
    ----------
    G : networkx graph, or CoalitionalGame built from a graph
        The network to draw; a game made by a graph builder (e.g.
        :func:`~govgames.networks.builders.linkage_game`) carries its graph and may be passed
        instead.
    shares : mapping node -> number
        E.g. a Shapley, Myerson or Owen value. Nodes missing from ``shares`` are drawn small and
        grey; negative shares are drawn at the minimum size in red.
    ax : matplotlib Axes, optional
    pos : mapping node -> (x, y), optional
        Layout; by default ``networkx.spring_layout(G, seed=seed)``.
    node_scale : float
        Marker area of the node with the largest absolute share.
    labels : bool
        Write ``name`` and the formatted share on each node.
    fmt : str
        Format of the share labels.
    weight : str or None
        Edge attribute used for the edge widths (None: equal widths).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InputError
        If ``G`` is neither a graph nor a game built from one, or ``shares`` names a node that
        is not in the graph.

    Examples
    --------
    >>> import networkx as nx, matplotlib.pyplot as plt
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> ax = draw_shares(G, {"A": 2.0, "B": 3.0, "C": 1.0}, title="Shapley value")
    >>> ax.get_title()
    'Shapley value'
    >>> from govgames.networks import linkage_game, shapley_value
    >>> game = linkage_game(G)
    >>> ax = draw_shares(game, shapley_value(game))  # the game knows its graph
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt
    import networkx as nx

    G = _graph_of(G)
    if not hasattr(shares, "items"):
        raise InputError("shares must be a mapping node -> number")
    nodes = list(G.nodes)
    unknown = [p for p in shares if p not in G]
    if unknown:
        raise InputError(f"shares: {unknown[0]!r} is not a node of the graph")
    vals = np.array([float(shares[v]) if v in shares else np.nan for v in nodes])
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    if pos is None:
        pos = nx.spring_layout(G, seed=seed)
    finite = vals[np.isfinite(vals)]
    top = float(np.abs(finite).max()) if finite.size and np.abs(finite).max() > 0 else 1.0
    sizes = np.where(np.isfinite(vals), np.maximum(min_size, node_scale * np.abs(vals) / top),
                     min_size)
    sizes = np.where(np.isfinite(vals) & (vals < 0), min_size, sizes)
    cm = plt.get_cmap(cmap)
    colors = [(0.7, 0.7, 0.7, 1.0) if not math.isfinite(x) else
              (0.85, 0.2, 0.2, 1.0) if x < 0 else cm(0.25 + 0.6 * x / top) for x in vals]
    widths: float | list[float] = 1.0
    if weight is not None and G.number_of_edges():
        w = np.array([float(d.get(weight, 1.0)) for *_, d in G.edges(data=True)])
        wmax = np.abs(w).max() if np.abs(w).max() > 0 else 1.0
        widths = list(0.5 + 3.5 * np.abs(w) / wmax)
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, alpha=0.5)
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=list(sizes), node_color=colors,
                           ax=ax, edgecolors="black", linewidths=0.5)
    if labels:
        text = {v: (f"{v}\n{fmt.format(x)}" if math.isfinite(x) else f"{v}")
                for v, x in zip(nodes, vals)}
        nx.draw_networkx_labels(G, pos, labels=text, font_size=8, ax=ax)
    if title:
        ax.set_title(title)
    ax.set_axis_off()
    return ax
