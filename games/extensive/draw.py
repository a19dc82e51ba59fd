"""A drawing of a game tree with matplotlib: labelled actions, chance probabilities, payoffs.

Leaves are spread evenly from left to right in prefix order, each inner node sits above the
middle of its children, the root at the top. Decision nodes are labelled with the mover, chance
nodes are drawn hollow, nodes of one information set are joined by a dashed line, and every
terminal node shows the payoffs.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from govgames.games.extensive import ExtensiveGame, decision, terminal
>>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
>>> ax = draw_tree(g)
>>> sorted(t.get_text() for t in ax.texts)[:4]
['(-1, -1)', '(0, 2)', '(1, 1)', 'E']
"""

from __future__ import annotations

from .tree import ExtensiveGame, fmt, require_tree

__all__ = ["draw_tree", "tree_layout", "MAX_DRAWN_NODES"]

#: Largest tree drawn (a drawing of more nodes is unreadable).
MAX_DRAWN_NODES = 2000


def tree_layout(game: ExtensiveGame) -> dict:
    """Coordinates ``{node: (x, y)}``: leaves at x = 0, 1, 2, ... in prefix order, inner nodes
    centred over their children, ``y = -depth``.

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> tree_layout(ExtensiveGame(["A"], decision("A", {"l": terminal(0), "r": terminal(1)})))
    {1: (0.0, -1), 2: (1.0, -1), 0: (0.5, 0)}
    """
    pos = {}
    k = 0
    for v in game.terminals:
        pos[v] = (float(k), -game.nodes[v].depth)
        k += 1
    for node in reversed(game.nodes):
        if node.children:
            xs = [pos[c][0] for c in node.children]
            pos[node.index] = ((min(xs) + max(xs)) / 2, -node.depth)
    return pos


def draw_tree(game: ExtensiveGame, ax=None, *, payoffs: bool = True, fontsize: float = 9):
    """Draw a game tree on matplotlib axes.

    Parameters
    ----------
    game : ExtensiveGame
        At most :data:`MAX_DRAWN_NODES` nodes.
    ax : matplotlib Axes, optional
        Drawn on a new figure when omitted (size grows with the number of leaves).
    payoffs : bool
        Write the payoffs under the terminal nodes.
    fontsize : float

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    InputError
        Something other than a game tree, or a tree too large to draw readably.
    """
    import matplotlib.pyplot as plt

    from ..errors import InputError

    require_tree(game, "draw_tree")
    if len(game.nodes) > MAX_DRAWN_NODES:
        raise InputError(f"the tree has {len(game.nodes):,} nodes; drawings are limited to "
                         f"{MAX_DRAWN_NODES:,}")
    pos = tree_layout(game)
    if ax is None:
        width = max(4.0, 0.9 * len(game.terminals))
        depth = max(n.depth for n in game.nodes)
        _, ax = plt.subplots(figsize=(min(width, 30), 1.4 * depth + 1.5))
    for node in game.nodes:
        x, y = pos[node.index]
        if node.parent is not None:
            px, py = pos[node.parent]
            ax.plot([px, x], [py, y], color="0.3", lw=1, zorder=1)
            parent = game.nodes[node.parent]
            assert parent.infoset is not None and node.action is not None  # a parent moves
            h = game.infosets[parent.infoset]
            label = h.actions[node.action]
            if h.is_chance:
                assert h.probs is not None
                label += f" ({fmt(h.probs[node.action])})"
            ax.annotate(label, ((px + x) / 2, (py + y) / 2), fontsize=fontsize * 0.9,
                        ha="center", va="center", color="0.15",
                        bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
        if node.kind == "terminal":
            ax.plot([x], [y], "s", ms=3, color="0.3", zorder=2)
            if payoffs:
                text = "(" + ", ".join(fmt(u) for u in game.payoff(node.index)) + ")"
                ax.text(x, y - 0.18, text, ha="center", va="top", fontsize=fontsize)
        elif node.kind == "chance":
            ax.plot([x], [y], "o", ms=7, mfc="white", mec="0.2", zorder=2)
        else:
            assert node.infoset is not None  # a decision node
            h = game.infosets[node.infoset]
            assert h.player is not None
            ax.plot([x], [y], "o", ms=6, color="C0", zorder=2)
            ax.text(x, y + 0.12, game.players[h.player], ha="center", va="bottom",
                    fontsize=fontsize, weight="bold")
    for h in game.infosets:
        if len(h.nodes) > 1:
            xs = sorted(pos[v][0] for v in h.nodes)
            y = pos[h.nodes[0]][1]
            ax.plot([xs[0], xs[-1]], [y, y], ls="--", color="C1", lw=1, zorder=0)
    ax.set_axis_off()
    ax.margins(0.08, 0.15)
    if game.title:
        ax.set_title(game.title)
    return ax
