"""Backward induction: every subgame-perfect equilibrium of a game of perfect information.

In a game of perfect information (every information set of a player is one node; chance may move)
the subgame-perfect equilibria in pure strategies are found from the leaves up (Zermelo 1913,
Kuhn 1953, Selten 1965): at a chance node the value is the expectation of the children's values,
at a decision node the mover picks an action whose child's value is best for him. When a mover is
indifferent the choice is not unique, and different choices may give the other players different
values, which changes what the movers above prefer. This module keeps, at every node, *each*
distinct value that some subgame-perfect equilibrium of the subgame gives, with how many
equilibria give it, so that every subgame-perfect equilibrium is returned (not only the first
tie-break) and the count is known before any is listed.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the
   Theory of Games II*, Princeton UP, 1953, 193-216.
.. [2] R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit",
   *Zeitschrift für die gesamte Staatswissenschaft* 121 (1965), 301-324.
.. [3] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, sec. 6.2.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from ..equilibrium import EquilibriumList
from ..errors import InputError
from .behaviour import _profile
from ..numbers import count_text
from .tree import ExtensiveGame, require_tree

__all__ = ["backward_induction", "backward_induction_gen", "count_subgame_perfect",
           "subgame_perfect_payoffs",
           "MAX_COMBINATIONS"]

#: Largest number of combinations of children's values examined at one node.
MAX_COMBINATIONS = 1_000_000


def _require_perfect_information(game: ExtensiveGame, what: str) -> None:
    game.require_numeric(what)
    for h in game.infosets:
        if h.player is not None and len(h.nodes) > 1:  # a player's, with several nodes
            raise InputError(
                f"{what} needs perfect information, but the information set {h.name!r} of "
                f"player {game.players[h.player]!r} has {len(h.nodes)} nodes; use "
                "subgame_perfect_equilibria (it solves subgames with imperfect information "
                "through their reduced normal form)")


def _options(game: ExtensiveGame):
    """For every node: a list of [value, count, ways]; a way is (action or None, child option
    indices). Processed leaves first (reverse prefix order)."""
    opts: list = [None] * len(game.nodes)
    ties = []
    for node in reversed(game.nodes):
        v = node.index
        if node.kind == "terminal":
            opts[v] = [[game.payoff(v), 1, [(None, ())]]]
            continue
        kids = node.children
        sizes = [len(opts[c]) for c in kids]
        combos = math.prod(sizes)
        if combos > MAX_COMBINATIONS:
            raise InputError(
                f"at {game.describe_node(v)} the subgames below have {combos:,} combinations of "
                "equilibrium values (many ties); too many to list every subgame-perfect "
                "equilibrium")
        assert node.infoset is not None  # not terminal
        h = game.infosets[node.infoset]
        by_value: dict = {}
        for combo in itertools.product(*(range(s) for s in sizes)):
            vals = [opts[c][k][0] for c, k in zip(kids, combo)]
            cnt = math.prod(opts[c][k][1] for c, k in zip(kids, combo))
            if h.is_chance:
                assert h.probs is not None
                val = tuple(sum((p * x[i] for p, x in zip(h.probs, vals)), Fraction(0))
                            for i in range(game.n_players))
                entry = by_value.setdefault(val, [val, 0, []])
                entry[1] += cnt
                entry[2].append((None, combo))
                continue
            i = h.player
            best = max(x[i] for x in vals)
            winners = [a for a, x in enumerate(vals) if x[i] == best]
            if len(winners) > 1:
                ties.append(v)
            for a in winners:
                val = vals[a]
                entry = by_value.setdefault(val, [val, 0, []])
                entry[1] += cnt
                entry[2].append((a, combo))
        opts[v] = list(by_value.values())
    return opts, sorted(set(ties))


def count_subgame_perfect(game: ExtensiveGame) -> int:
    """Number of pure subgame-perfect equilibria of a game of perfect information.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {"L": decision("B", {"x": terminal(1, 0), "y": terminal(0, 0)}),
    ...                                              "R": terminal(0, 1)}))
    >>> count_subgame_perfect(g)   # (L, x), (L, y) and (R, y): B is indifferent, then A is
    3
    """
    require_tree(game, "count_subgame_perfect")
    _require_perfect_information(game, "backward induction")
    opts, _ = _options(game)
    return sum(o[1] for o in opts[0])


def subgame_perfect_payoffs(game: ExtensiveGame) -> dict:
    """The distinct payoff vectors of the pure subgame-perfect equilibria, with how many
    equilibria give each (computed without listing the equilibria).

    Returns
    -------
    dict
        ``{payoffs (tuple of Fraction): number of equilibria}``.

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], decision("A", {"L": decision("B", {"x": terminal(1, 0), "y": terminal(0, 0)}),
    ...                                              "R": terminal(0, 1)}))
    >>> subgame_perfect_payoffs(g)
    {(Fraction(1, 1), Fraction(0, 1)): 1, (Fraction(0, 1), Fraction(0, 1)): 1, (Fraction(0, 1), Fraction(1, 1)): 1}
    """
    require_tree(game, "subgame_perfect_payoffs")
    _require_perfect_information(game, "backward induction")
    opts, _ = _options(game)
    return {tuple(o[0]): o[1] for o in opts[0]}


def _expand(game, opts, v, k):
    """Yield every assignment {node: action} of subgame-perfect equilibria behind option k at v.

    A depth-first search with an explicit stack (no recursion: any depth of tree): a state is
    the nodes still to expand and the actions chosen so far, both persistent linked lists
    ``(head, rest)``; a node's ways (action and options of its children) branch the search,
    first way first, so the assignments come in the order of the product of the children's
    assignments (the first child varying slowest)."""
    stack = [(((v, k), None), None)]
    while stack:
        pending, chosen = stack.pop()
        if pending is None:
            out = {}
            while chosen is not None:
                (node, action), chosen = chosen
                out[node] = action
            yield out
            continue
        (u, j), rest = pending
        children = game.nodes[u].children
        for action, combo in reversed(opts[u][j][2]):
            todo = rest
            for c, i in reversed(list(zip(children, combo))):
                todo = ((c, i), todo)
            stack.append((todo, chosen if action is None else ((u, action), chosen)))


def backward_induction_gen(game: ExtensiveGame):
    """Stream the pure subgame-perfect equilibria of a game of perfect information.

    Yields :class:`~govgames.games.extensive.BehaviourProfile` objects, one per equilibrium (see
    :func:`backward_induction`).
    """
    require_tree(game, "backward_induction_gen")
    _require_perfect_information(game, "backward induction")
    opts, _ = _options(game)
    for k in range(len(opts[0])):
        for assignment in _expand(game, opts, 0, k):
            yield _to_profile(game, assignment)


def _to_profile(game, assignment) -> object:
    probs: list[tuple[Fraction, ...] | None] = [None] * len(game.infosets)
    for h in game.infosets:
        if h.is_chance:
            continue
        a = assignment[h.nodes[0]]
        probs[h.index] = tuple(Fraction(int(j == a)) for j in range(len(h.actions)))
    return _profile(game, probs)


#: Per equilibrium listed: bytes per action probability and microseconds per action or node
#: (exact behaviour probabilities and payoffs), measured on a move of 5,000 actions with 714
#: ties (30 s).
LISTING_BYTES_PER_ACTION = 80
LISTING_US_PER_ITEM = 4.5


def _check_listing(game: ExtensiveGame, total: int) -> None:
    """Refuse (BudgetError) listing ``total`` equilibria as behaviour profiles when the list is
    over the memory or time budget (each profile holds every action's probability)."""
    from ..budget import check_memory, check_seconds

    actions = sum(len(h.actions) for h in game.infosets if not h.is_chance)
    what = (f"listing the {count_text(total)} subgame-perfect equilibria as behaviour profiles "
            f"({actions:,} action probabilities each)")
    hint = ("count them with count_subgame_perfect or subgame_perfect_payoffs, or stream them "
            "with backward_induction_gen")
    check_memory(float(total) * LISTING_BYTES_PER_ACTION * actions, what, hint)
    check_seconds(total * 1e-6 * LISTING_US_PER_ITEM * (actions + len(game.nodes)), what, hint)


def backward_induction(game: ExtensiveGame, max_equilibria: int = 10_000) -> EquilibriumList:
    """Every pure subgame-perfect equilibrium of a game of perfect information.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information (chance moves allowed), numeric payoffs.
    max_equilibria : int
        Refuse (before listing any) when ties give more equilibria than this; use
        :func:`backward_induction_gen` to stream them.

    Returns
    -------
    EquilibriumList
        Of :class:`~govgames.games.extensive.BehaviourProfile`; ``method`` is
        ``"backward induction"`` and ``notes`` say whether the equilibrium is unique and, if not,
        at which nodes a mover is indifferent.

    Raises
    ------
    InputError
        Imperfect information (with a hint), free parameters, or too many equilibria.
    BudgetError
        Equilibria whose list as behaviour profiles (a probability for every action each) is
        estimated over the memory or time budget (:mod:`govgames.games.budget`).

    References
    ----------
    Kuhn (1953); Selten (1965); Osborne and Rubinstein (1994), Proposition 99.2.

    Examples
    --------
    Entry deterrence: enter and accommodate (the threat to fight is not credible).

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {"Out": terminal(0, 2),
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))
    >>> print(backward_induction(g))
    1 equilibrium (backward induction)
      1. Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)
      note: the subgame-perfect equilibrium is unique (no mover is ever indifferent)

    With a tie, every subgame-perfect equilibrium is listed:

    >>> h = ExtensiveGame(["A", "B"], decision("A", {"L": decision("B", {"x": terminal(1, 0), "y": terminal(0, 0)}),
    ...                                              "R": terminal("1/2", 1)}))
    >>> res = backward_induction(h)
    >>> [str(e) for e in res]
    ['A: L; B: x  (payoffs 1, 0)', 'A: R; B: y  (payoffs 1/2, 1)']
    >>> res.notes[0]
    '2 subgame-perfect equilibria: a mover is indifferent at the node after L'
    """
    require_tree(game, "backward_induction")
    _require_perfect_information(game, "backward induction")
    opts, ties = _options(game)
    total = sum(o[1] for o in opts[0])
    if total > max_equilibria:
        raise InputError(f"the game has {count_text(total)} subgame-perfect equilibria (ties at "
                         f"{len(ties)} nodes), more than max_equilibria={max_equilibria:,}; "
                         "use backward_induction_gen to stream them")
    _check_listing(game, total)
    eqs = list(backward_induction_gen(game))
    if total == 1:
        note = "the subgame-perfect equilibrium is unique (no mover is ever indifferent)"
    else:
        where = ", ".join(game.describe_node(v) for v in ties[:5])
        more = f" and {len(ties) - 5} more" if len(ties) > 5 else ""
        note = (f"{total} subgame-perfect equilibria: a mover is indifferent at "
                f"{where}{more}")
    return EquilibriumList(eqs, method="backward induction", notes=[note])
