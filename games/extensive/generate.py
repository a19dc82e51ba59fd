"""Random game trees with perfect recall, for tests, benchmarks and classroom exercises.

:func:`random_tree` grows a tree node by node from a seeded generator: each inner node belongs to
a random player (or, with some probability, to chance with random rational probabilities), has a
random number of actions and children down to a maximum depth. Information sets are then formed
by merging nodes of the same player that offer the same number of actions and follow the same own
last move, which keeps perfect recall (Kuhn 1953) while creating imperfect information.

Examples
--------
>>> g = random_tree(n_players=2, depth=3, seed=1)
>>> g.n_players, g.is_perfect_recall
(2, True)
>>> random_tree(n_players=2, depth=3, seed=1) == g   # the same seed gives the same tree
True
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ..errors import InputError
from .tree import ExtensiveGame, TreeNode, chance, decision, terminal

__all__ = ["random_tree"]


def random_tree(n_players: int = 2, depth: int = 3, *, max_actions: int = 3,
                chance_prob: float = 0.15, merge_prob: float = 0.6, stop_prob: float = 0.2,
                payoff_range: tuple = (-5, 5), max_nodes: int = 5000, seed=None) -> ExtensiveGame:
    """A random game tree with perfect recall.

    Parameters
    ----------
    n_players : int
        Number of players (1 or more).
    depth : int
        Largest depth of a terminal node.
    max_actions : int
        Each inner node has 2 to ``max_actions`` actions.
    chance_prob : float
        Probability that an inner node is a chance node (probabilities: random rationals).
    merge_prob : float
        Probability that a decision node joins an existing information set it may join
        (same player, same number of actions, same own last move).
    stop_prob : float
        Probability that a node above the maximum depth is terminal anyway (never the root).
    payoff_range : (int, int)
        Integer payoffs are drawn uniformly from this closed range.
    max_nodes : int
        Refuse parameters whose tree could exceed this many nodes.
    seed : int or numpy Generator, optional

    Returns
    -------
    ExtensiveGame
    """
    if n_players < 1 or depth < 1 or max_actions < 2:
        raise InputError("random_tree needs n_players >= 1, depth >= 1 and max_actions >= 2")
    bound = sum(max_actions ** d for d in range(depth + 1))
    if bound > max_nodes:
        raise InputError(f"a tree of depth {depth} with up to {max_actions} actions may have "
                         f"{bound:,} nodes (more than max_nodes={max_nodes:,})")
    rng = np.random.default_rng(seed)
    lo, hi = payoff_range
    players = [f"P{i + 1}" for i in range(n_players)]
    groups: dict = {}   # (player, own sequence, number of actions) -> list of infoset names
    counter = [0]

    def grow(d, own):
        if d == depth or (d > 0 and rng.random() < stop_prob):
            return terminal([int(x) for x in rng.integers(lo, hi + 1, size=n_players)])
        k = int(rng.integers(2, max_actions + 1))
        actions = [chr(ord("a") + j) for j in range(k)]
        if rng.random() < chance_prob:
            weights = rng.integers(1, 5, size=k)
            probs = [Fraction(int(w), int(weights.sum())) for w in weights]
            return chance({a: (p, grow(d + 1, own)) for a, p in zip(actions, probs)})
        i = int(rng.integers(n_players))
        key = (i, own[i], k)
        names = groups.setdefault(key, [])
        if names and rng.random() < merge_prob:
            name = names[int(rng.integers(len(names)))]
        else:
            counter[0] += 1
            name = f"{players[i]}:{counter[0]}"
            names.append(name)
        moves = {}
        for a in actions:
            child_own = own[:i] + ((name, a),) + own[i + 1:]
            moves[a] = grow(d + 1, child_own)
        return decision(players[i], moves, infoset=name)

    root: TreeNode = grow(0, (None,) * n_players)
    return ExtensiveGame(players, root, title=f"random tree (seed {seed})")
