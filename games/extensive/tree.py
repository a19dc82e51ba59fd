"""The game tree: decision nodes, chance nodes, information sets, named actions, payoffs.

An :class:`ExtensiveGame` is built once from a nested description and then never changes. The
description comes from the small builder of this module (:func:`decision`, :func:`chance`,
:func:`terminal`), from a JSON ``"tree"`` file (:mod:`govgames.games.extensive.json_tree`) or from
a Gambit ``.efg`` file (:mod:`govgames.games.extensive.efg`).

* A **decision node** belongs to a player and offers named actions. Nodes that the player cannot
  tell apart share an **information set** (``infoset=`` a name, unique per player); all its nodes
  must offer the same actions.
* A **chance node** draws an action with given probabilities: exact rationals (``"1/3"``,
  :class:`~fractions.Fraction`, a float read as the decimal it prints as) or sympy expressions of
  parameters (``q``, ``1 - q``). They must be non-negative and sum to one.
* A **terminal node** holds one payoff per player. Payoffs are numbers (kept exact) or sympy
  expressions; as in Gambit, any node may also carry an *outcome* whose payoffs are added to
  those of every play through it (``payoffs=`` on a decision or chance node).

Nodes are numbered in prefix (depth-first) order, the root is node 0, and the compiled records
(:class:`Node`, :class:`InfoSet`, :class:`Outcome`) are plain frozen dataclasses that the solvers
read. Every malformed tree raises one :class:`~govgames.games.errors.InputError` naming the node by
its path from the root: probabilities that do not sum to one, an information set whose nodes offer
different actions, a node that is its own descendant (a cycle), a node used twice, an unknown
player, a payoff vector of the wrong length.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the
   Theory of Games II*, Princeton UP, 1953, 193-216.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 6 and 11.
.. [3] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software Tools for Game
   Theory* (the tree model with outcomes at any node).

Examples
--------
Entry deterrence: the entrant stays out or enters; the incumbent fights or accommodates.

>>> g = ExtensiveGame(["Entrant", "Incumbent"],
...     decision("Entrant", {
...         "Out": terminal(0, 2),
...         "In": decision("Incumbent", {"Fight": terminal(-1, -1),
...                                      "Accommodate": terminal(1, 1)})}),
...     title="Entry deterrence")
>>> g
<ExtensiveGame 'Entry deterrence': 2 players ['Entrant', 'Incumbent'], 5 nodes, 2 information sets, perfect information>
>>> print(g)
Entry deterrence
Entrant
  Out: (0, 2)
  In: Incumbent
    Fight: (-1, -1)
    Accommodate: (1, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
import math
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np
import sympy as sp

from ..errors import InputError
from ..expr import substitution
from ..game import resolve_player
from ..numbers import exact_rational, fraction_text

__all__ = ["ExtensiveGame", "TreeNode", "Node", "InfoSet", "Outcome", "decision", "chance",
           "terminal", "MAX_NODES"]

#: Largest tree built (nodes); larger trees are refused before memory runs out.
MAX_NODES = 2_000_000

CHANCE = None  # the "player" of a chance information set


# ---------------------------------------------------------------------------- numbers
def exact_number(value, where: str):
    """A payoff or probability as an exact value: a Fraction, or a sympy expression.

    Integers, Fractions, rational strings (``"2/3"``) and floats (read as the decimal they print
    as) become :class:`~fractions.Fraction`; sympy rationals too; other sympy numbers (``sqrt(2)``)
    and expressions with parameters stay sympy.

    >>> exact_number(0.1, "x"), exact_number("2/3", "x"), exact_number(sp.Symbol("q"), "x")
    (Fraction(1, 10), Fraction(2, 3), q)
    >>> exact_number("1e-999999", "payoff of 'A'")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoff of 'A': '1e-999999' is too small: it rounds to 0 in floating point, so it would tie with 0 (nonzero numbers must be at least 5e-324 in absolute value; write 0 for zero)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InputError(f"{where}: {value!r} is not a number")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, sp.Basic):
        if value.is_Rational:
            return Fraction(int(value.p), int(value.q))
        if value.is_number:
            if not value.is_real or value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                raise InputError(f"{where}: {value} is not a finite real number")
            return value
        return value
    # text, floats and other numbers: read as files read them (a string "1e-999999" is refused
    # as too small, not turned into 0 or into a million-digit rational)
    return exact_rational(value, where=where)


def to_sympy(x):
    """A Fraction or sympy value as sympy."""
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return x


def add(a, b):
    """Exact sum of two values (Fractions stay Fractions)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a + b
    return sp.expand(to_sympy(a) + to_sympy(b))


def mul(a, b):
    """Exact product of two values (Fractions stay Fractions)."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a * b
    return sp.expand(to_sympy(a) * to_sympy(b))


def fmt(x) -> str:
    """Display of an exact value in a tree's listing and messages: exact up to 40 digits (a
    message may need "9999999999999999/10000000000000000"), rounded beyond, see
    :func:`govgames.games.numbers.fraction_text`."""
    if isinstance(x, Fraction):
        return fraction_text(x, max_digits=40)
    return str(x)


# ---------------------------------------------------------------------------- builder
class TreeNode:
    """One node of a tree under construction (made by :func:`decision`, :func:`chance` or
    :func:`terminal`; compiled by :class:`ExtensiveGame`).

    Attributes are plain and may be changed before the game is built: ``kind`` (``"decision"``,
    ``"chance"``, ``"terminal"``), ``player``, ``moves`` (dict action -> TreeNode), ``probs``
    (dict action -> probability, chance nodes), ``infoset``, ``label``, ``payoffs``,
    ``outcome`` (the outcome's label).
    """

    __slots__ = ("kind", "player", "moves", "probs", "infoset", "label", "payoffs", "outcome",
                 "_texts", "_prob_texts", "_infoset_label")

    def __init__(self, kind, player=None, moves=None, probs=None, infoset=None, label="",
                 payoffs=None, outcome=""):
        self.kind = kind
        self.player = player
        self.moves = dict(moves or {})
        self.probs = probs
        self.infoset = infoset
        self.label = label
        self.payoffs = payoffs
        self.outcome = outcome
        self._texts = None
        self._prob_texts = None
        self._infoset_label = None

    def __repr__(self) -> str:
        if self.kind == "terminal":
            return f"terminal{tuple(self.payoffs) if self.payoffs is not None else '()'}"
        who = "chance" if self.kind == "chance" else f"decision({self.player!r}"
        return f"{who}{', ' if self.kind != 'chance' else '('}actions {list(self.moves)})"


def _check_label(label, what):
    if not isinstance(label, str):
        raise InputError(f"the {what} must be a string, got {label!r}")
    return label


def decision(player, moves: Mapping, *, infoset=None, label: str = "", payoffs=None,
             outcome: str = "") -> TreeNode:
    """A decision node of ``player`` with named actions.

    Parameters
    ----------
    player : str or int
        The player who moves (name or index).
    moves : dict
        ``{action name: child node}`` in the order the actions are listed.
    infoset : str, optional
        Name of the information set (per player). Nodes with the same name are indistinguishable
        to the player and must offer the same actions. Default: a set of its own.
    label : str
        A label of the node (shown in drawings and ``.efg`` files).
    payoffs : sequence or dict, optional
        An outcome at this node: payoffs added to those of every play through it.
    outcome : str
        The outcome's label (``.efg`` files).

    Returns
    -------
    TreeNode

    Examples
    --------
    >>> decision("A", {"L": terminal(1, 0), "R": terminal(0, 1)}, infoset="A1")
    decision('A', actions ['L', 'R'])
    """
    if not isinstance(moves, Mapping):
        raise InputError(f"the moves of a decision node of {player!r} must be a dict "
                         f"{{action: node}}, got {type(moves).__name__}")
    return TreeNode("decision", player=player, moves=moves, infoset=infoset,
                    label=_check_label(label, "node label"), payoffs=payoffs,
                    outcome=_check_label(outcome, "outcome label"))


def chance(moves: Mapping, *, infoset=None, label: str = "", payoffs=None,
           outcome: str = "") -> TreeNode:
    """A chance node: nature draws an action with the given probabilities.

    Parameters
    ----------
    moves : dict
        ``{action name: (probability, child node)}``. Probabilities are numbers, rational strings
        (``"1/3"``) or sympy expressions; they must be non-negative and sum to one.
    infoset, label, payoffs, outcome
        As for :func:`decision` (chance nodes sharing an ``infoset`` name must have the same
        actions and probabilities; this matters only for ``.efg`` files).

    Returns
    -------
    TreeNode

    Examples
    --------
    >>> chance({"Clean": ("19/20", terminal(1)), "Dirty": ("1/20", terminal(0))})
    chance(actions ['Clean', 'Dirty'])
    """
    if not isinstance(moves, Mapping):
        raise InputError("the moves of a chance node must be a dict {action: (probability, node)}")
    probs, children = {}, {}
    for action, item in moves.items():
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise InputError(f"chance action {action!r}: give a pair (probability, node), "
                             f"got {item!r}")
        probs[action], children[action] = item
    return TreeNode("chance", moves=children, probs=probs, infoset=infoset,
                    label=_check_label(label, "node label"), payoffs=payoffs,
                    outcome=_check_label(outcome, "outcome label"))


def terminal(*payoffs, label: str = "", outcome: str = "") -> TreeNode:
    """A terminal node with one payoff per player.

    Parameters
    ----------
    *payoffs : numbers or sympy expressions
        In player order; or a single list, or a single dict ``{player: payoff}``.
    label, outcome : str
        Labels of the node and of its outcome (``.efg`` files).

    Returns
    -------
    TreeNode

    Examples
    --------
    >>> terminal(1, "1/2"), terminal({"B": 2, "A": 1}).payoffs
    (terminal(1, '1/2'), {'B': 2, 'A': 1})
    """
    pays: Any = payoffs
    if len(payoffs) == 1 and isinstance(payoffs[0], (list, tuple, dict, np.ndarray)):
        pays = payoffs[0]
    if isinstance(pays, np.ndarray):
        pays = pays.tolist()
    return TreeNode("terminal", payoffs=pays if isinstance(pays, dict) else tuple(pays),
                    label=_check_label(label, "node label"),
                    outcome=_check_label(outcome, "outcome label"))


# ---------------------------------------------------------------------------- compiled records
@dataclass(frozen=True)
class Node:
    """A node of a built game (prefix order: the root is 0).

    Attributes
    ----------
    index : int
    kind : {"decision", "chance", "terminal"}
    label : str
    parent : int or None
    action : int or None
        Index of the action at the parent that leads here.
    children : tuple of int
        One child per action of the node's information set.
    infoset : int or None
        Index into ``game.infosets`` (None for a terminal node).
    outcome : int or None
        Index into ``game.outcomes`` (payoffs added at this node), or None.
    depth : int
    """

    index: int
    kind: str
    label: str
    parent: int | None
    action: int | None
    children: tuple
    infoset: int | None
    outcome: int | None
    depth: int


@dataclass(frozen=True)
class InfoSet:
    """An information set: nodes of one player (or of chance) with the same actions.

    Attributes
    ----------
    index : int
        Position in ``game.infosets``.
    player : int or None
        Player index; None for chance.
    number : int
        1-based number among the player's (or chance's) information sets, in order of first
        appearance (Gambit's numbering).
    label : str
    actions : tuple of str
    probs : tuple or None
        Chance probabilities (Fractions or sympy), None for a player.
    nodes : tuple of int
    name : str
        A display name, unique among the player's information sets.
    """

    index: int
    player: int | None
    number: int
    label: str
    actions: tuple
    probs: tuple | None
    nodes: tuple
    name: str
    prob_texts: tuple | None = field(default=None, compare=False, repr=False)
    action_texts: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def is_chance(self) -> bool:
        """True for a chance information set."""
        return self.player is None


@dataclass(frozen=True)
class Outcome:
    """Payoffs attached to one or more nodes (added to every play through them).

    ``texts`` keeps each payoff as written in a ``.efg`` file (for identical round trips).
    """

    index: int
    number: int
    label: str
    payoffs: tuple
    texts: tuple | None = field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------------------- the game
class ExtensiveGame:
    """A finite game in extensive form (a game tree).

    Parameters
    ----------
    players : sequence of str
        Player names, in order (payoff vectors follow this order).
    root : TreeNode
        The root, built with :func:`decision`, :func:`chance` and :func:`terminal`.
    title : str
        A title (shown in displays, written to files).
    description : str
        A longer comment (the second line of a ``.efg`` file).

    Raises
    ------
    InputError
        For a malformed tree, naming the node by its path of actions from the root.

    See Also
    --------
    govgames.games.extensive.read_efg, govgames.games.extensive.tree_from_json

    Examples
    --------
    A chance node with exact probabilities and an information set (player B does not see
    A's move):

    >>> g = ExtensiveGame(["A", "B"], chance({
    ...     "Good": ("2/3", decision("A", {"U": decision("B", {"l": terminal(1, 1), "r": terminal(0, 0)}, infoset="b"),
    ...                                   "D": decision("B", {"l": terminal(0, 0), "r": terminal(2, 2)}, infoset="b")},
    ...                          infoset="good")),
    ...     "Bad": ("1/3", terminal(0, 0))}))
    >>> [i.name for i in g.infosets], g.infosets[0].probs
    (['chance', 'good', 'b'], (Fraction(2, 3), Fraction(1, 3)))
    >>> g.is_perfect_information, g.is_perfect_recall
    (False, True)

    Bad trees get one clear error:

    >>> ExtensiveGame(["A"], chance({"H": ("1/2", terminal(1)), "T": ("1/3", terminal(0))}))
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: chance node at the root: probabilities sum to 5/6, not 1
    >>> loop = decision("A", {"stop": terminal(0)})
    >>> loop.moves["again"] = loop
    >>> ExtensiveGame(["A"], loop)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the tree has a cycle: action 'again' at the root leads back to the root (a node cannot be its own descendant)
    """

    def __init__(self, players: Sequence[str], root: TreeNode, *, title: str = "",
                 description: str = ""):
        players = _check_players(players)
        if not isinstance(root, TreeNode):
            raise InputError(f"the root must be a node made by decision(), chance() or "
                             f"terminal(), got {type(root).__name__}")
        nodes, infosets, outcomes = _compile(players, root)
        self._init(players, nodes, infosets, outcomes, title, description)

    # ---------------------------------------------------------------- construction
    @classmethod
    def _from_records(cls, players, nodes, infosets, outcomes, title="", description=""):
        """Build from compiled records (used by the file readers and :meth:`subs`)."""
        self = cls.__new__(cls)
        self._init(tuple(players), tuple(nodes), tuple(infosets), tuple(outcomes), title,
                   description)
        return self

    def _init(self, players, nodes, infosets, outcomes, title, description):
        if not isinstance(title, str) or not isinstance(description, str):
            raise InputError("the title and the description must be strings")
        self.players: tuple[str, ...] = tuple(players)
        self.nodes: tuple[Node, ...] = tuple(nodes)
        self.infosets: tuple[InfoSet, ...] = tuple(_named(infosets, self.players, nodes))
        self.outcomes: tuple[Outcome, ...] = tuple(outcomes)
        self.title = title
        self.description = description
        _validate(self)
        self._cache = {}

    # ---------------------------------------------------------------- structure
    @property
    def n_players(self) -> int:
        """Number of players (chance is not a player)."""
        return len(self.players)

    @property
    def root(self) -> Node:
        """The root node."""
        return self.nodes[0]

    @property
    def terminals(self) -> tuple[int, ...]:
        """Indices of the terminal nodes, in prefix (left-to-right) order."""
        if "terminals" not in self._cache:
            self._cache["terminals"] = tuple(n.index for n in self.nodes if n.kind == "terminal")
        return self._cache["terminals"]

    def player_index(self, player) -> int:
        """Index of a player given by name or index.

        >>> ExtensiveGame(["A", "B"], terminal(0, 0)).player_index("B")
        1
        """
        return resolve_player(self.players, player)

    def player_infosets(self, player) -> tuple[int, ...]:
        """Indices (into ``infosets``) of a player's information sets, in order of appearance."""
        i = self.player_index(player)
        key = ("pinfo", i)
        if key not in self._cache:
            self._cache[key] = tuple(h.index for h in self.infosets if h.player == i)
        return self._cache[key]

    def infoset_index(self, player, name) -> int:
        """Index of a player's information set given by name (or index into ``infosets``)."""
        i = self.player_index(player)
        if isinstance(name, (int, np.integer)) and not isinstance(name, bool):
            if 0 <= name < len(self.infosets) and self.infosets[name].player == i:
                return int(name)
            raise InputError(f"no information set {name!r} of player {self.players[i]!r}")
        for h in self.player_infosets(i):
            if self.infosets[h].name == name or (self.infosets[h].label and
                                                 self.infosets[h].label == name):
                return h
        names = [self.infosets[h].name for h in self.player_infosets(i)]
        raise InputError(f"player {self.players[i]!r} has no information set {name!r}; "
                         f"its information sets are {names}")

    @property
    def is_perfect_information(self) -> bool:
        """True when every player's information set has one node (chance may move)."""
        return all(h.is_chance or len(h.nodes) == 1 for h in self.infosets)

    @property
    def is_perfect_recall(self) -> bool:
        """True when no player ever forgets what he knew or did (Kuhn 1953)."""
        return self.perfect_recall_violation() is None

    def perfect_recall_violation(self) -> str | None:
        """A sentence describing the first violation of perfect recall, or None.

        >>> g = ExtensiveGame(["A"], decision("A", {"x": decision("A", {"l": terminal(1), "r": terminal(0)}, infoset="h"),
        ...                                          "y": decision("A", {"l": terminal(0), "r": terminal(1)}, infoset="h")}))
        >>> print(g.perfect_recall_violation())
        player 'A' forgets at information set 'h': its nodes follow different own moves (x at the root; y at the root)
        """
        if "recall" not in self._cache:
            self._cache["recall"] = _recall_violation(self)
        return self._cache["recall"]

    def require_perfect_recall(self, what: str) -> None:
        """Raise :class:`InputError` naming ``what`` when the game lacks perfect recall."""
        msg = self.perfect_recall_violation()
        if msg:
            raise InputError(f"{what} needs a game with perfect recall: {msg}")

    def path(self, node: int) -> list[tuple[int, str]]:
        """The moves from the root to ``node``: a list of (node, action name) pairs."""
        out = []
        n = self.nodes[node]
        while n.parent is not None:
            p = self.nodes[n.parent]
            assert p.infoset is not None and n.action is not None  # a parent moves
            out.append((p.index, self.infosets[p.infoset].actions[n.action]))
            n = p
        return out[::-1]

    def describe_node(self, node: int) -> str:
        """``"the root"`` or ``"the node after In, Fight"`` (for messages)."""
        moves = [a for _, a in self.path(node)]
        return "the root" if not moves else "the node after " + ", ".join(moves)

    def subtree(self, node: int) -> range:
        """Indices of the nodes of the subtree rooted at ``node`` (a contiguous range)."""
        sizes = self._subtree_sizes()
        return range(node, node + sizes[node])

    def _subtree_sizes(self) -> list[int]:
        if "sizes" not in self._cache:
            size = [1] * len(self.nodes)
            for n in reversed(self.nodes):
                if n.parent is not None:
                    size[n.parent] += size[n.index]
            self._cache["sizes"] = size
        return self._cache["sizes"]

    # ---------------------------------------------------------------- payoffs
    def payoff(self, node: int) -> tuple:
        """Total payoffs of the play ending at terminal ``node`` (outcomes along the path added).

        >>> g = ExtensiveGame(["A"], decision("A", {"x": terminal(2)}, payoffs=[1]))
        >>> g.payoff(1)
        (Fraction(3, 1),)
        """
        pays = self._terminal_payoffs()
        if node not in pays:
            raise InputError(f"node {node} is not a terminal node")
        return pays[node]

    def _terminal_payoffs(self) -> dict:
        if "tpay" not in self._cache:
            n = self.n_players
            zero = tuple(Fraction(0) for _ in range(n))
            acc: list[tuple] = [zero] * len(self.nodes)
            out = {}
            for node in self.nodes:
                base = zero if node.parent is None else acc[node.parent]
                if node.outcome is not None:
                    base = tuple(add(a, b) for a, b in zip(base, self.outcomes[node.outcome].payoffs))
                acc[node.index] = base
                if node.kind == "terminal":
                    out[node.index] = base
            self._cache["tpay"] = out
        return self._cache["tpay"]

    def chance_probability(self, node: int):
        """Product of the chance probabilities on the path to ``node`` (exact)."""
        p = Fraction(1)
        n = self.nodes[node]
        while n.parent is not None:
            par = self.nodes[n.parent]
            assert par.infoset is not None and n.action is not None  # a parent moves
            h = self.infosets[par.infoset]
            if h.is_chance:
                assert h.probs is not None
                p = mul(p, h.probs[n.action])
            n = par
        return p

    # ---------------------------------------------------------------- parameters
    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """Free sympy parameters in payoffs and chance probabilities, sorted by name."""
        if "params" not in self._cache:
            syms = set()
            for o in self.outcomes:
                for x in o.payoffs:
                    if isinstance(x, sp.Basic):
                        syms |= x.free_symbols
            for h in self.infosets:
                for x in h.probs or ():
                    if isinstance(x, sp.Basic):
                        syms |= x.free_symbols
            self._cache["params"] = tuple(sorted(syms, key=lambda s: s.name))
        return self._cache["params"]

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff or probability holds a free parameter."""
        return bool(self.parameters)

    def subs(self, values: dict | None = None, /, **kwargs) -> "ExtensiveGame":
        """Substitute parameter values (in payoffs and chance probabilities).

        >>> q = sp.Symbol("q")
        >>> g = ExtensiveGame(["A"], chance({"H": (q, terminal(1)), "T": (1 - q, terminal(0))}))
        >>> g.subs(q="1/4").infosets[0].probs
        (Fraction(1, 4), Fraction(3, 4))
        """
        mapping = dict(values or {})
        mapping.update(kwargs)
        sub = substitution(self.parameters, mapping)

        def s(x, where):
            if isinstance(x, sp.Basic):
                return exact_number(sp.simplify(x.subs(sub)) if x.free_symbols else x, where)
            return x

        outs = [Outcome(o.index, o.number, o.label,
                        tuple(s(x, f"outcome {o.number}") for x in o.payoffs))
                for o in self.outcomes]
        infos = [InfoSet(h.index, h.player, h.number, h.label, h.actions,
                         None if h.probs is None else tuple(s(x, f"chance node {h.name!r}")
                                                            for x in h.probs),
                         h.nodes, h.name, None, h.action_texts) for h in self.infosets]
        return ExtensiveGame._from_records(self.players, self.nodes, infos, outs, self.title,
                                           self.description)

    def require_numeric(self, what: str = "this method") -> None:
        """Raise :class:`~govgames.games.errors.FreeParametersError` when symbolic."""
        if self.is_symbolic:
            from ..errors import FreeParametersError

            raise FreeParametersError([p.name for p in self.parameters])

    # ---------------------------------------------------------------- conversions
    def reduced_normal_form(self):
        """The reduced normal form as a :class:`~govgames.games.NormalFormGame`
        (see :func:`govgames.games.extensive.reduced_normal_form`)."""
        from .reduced import reduced_normal_form

        return reduced_normal_form(self)

    def to_efg(self) -> str:
        """The text of a Gambit ``.efg`` file (see :func:`govgames.games.extensive.game_to_efg`)."""
        from .efg import game_to_efg

        return game_to_efg(self)

    def to_json(self) -> dict:
        """The JSON ``"tree"`` object (see :func:`govgames.games.extensive.tree_to_json`)."""
        from .json_tree import tree_to_json

        return tree_to_json(self)

    def to_builder(self, node: int = 0) -> TreeNode:
        """The subtree at ``node`` as builder nodes (outcomes along the path are not included)."""
        return _to_builder(self, node)

    # ---------------------------------------------------------------- display
    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        kinds = "perfect information" if self.is_perfect_information else "imperfect information"
        if not self.is_perfect_recall:
            kinds += ", imperfect recall"
        n_info = sum(1 for h in self.infosets if not h.is_chance)
        return (f"<ExtensiveGame{title}: {self.n_players} players {list(self.players)}, "
                f"{len(self.nodes)} nodes, {n_info} information set{'s' if n_info != 1 else ''}"
                f", {kinds}>")

    def __str__(self) -> str:
        """An indented outline of the tree (the first 200 nodes)."""
        lines = [self.title] if self.title else []
        limit = 200
        for node in self.nodes[:limit]:
            indent = "  " * node.depth
            head = ""
            if node.parent is not None:
                par = self.nodes[node.parent]
                assert par.infoset is not None and node.action is not None  # a parent moves
                h = self.infosets[par.infoset]
                head = h.actions[node.action]
                if h.is_chance:
                    assert h.probs is not None
                    head += f" ({fmt(h.probs[node.action])})"
                head += ": "
            if node.kind == "terminal":
                body = "(" + ", ".join(fmt(x) for x in self.payoff(node.index)) + ")"
            elif node.kind == "chance":
                body = "chance"
            else:
                assert node.infoset is not None  # a decision node
                h = self.infosets[node.infoset]
                assert h.player is not None
                body = self.players[h.player]
                if len(h.nodes) > 1:
                    body += f" [{h.name}]"
            if node.label:
                body += f"  <{node.label}>"
            lines.append(indent + head + body)
        if len(self.nodes) > limit:
            lines.append(f"... ({len(self.nodes) - limit} more nodes)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        return "<pre>" + html.escape(str(self)) + "</pre>"

    def __eq__(self, other) -> bool:
        if not isinstance(other, ExtensiveGame):
            return NotImplemented
        return (self.players == other.players and len(self.nodes) == len(other.nodes)
                and all(a.kind == b.kind and a.children == b.children and a.label == b.label
                        for a, b in zip(self.nodes, other.nodes))
                and [(h.player, h.actions, h.nodes, h.probs) for h in self.infosets]
                == [(h.player, h.actions, h.nodes, h.probs) for h in other.infosets]
                and all(_same(self.payoff(t), other.payoff(t)) for t in self.terminals))

    __hash__ = None  # type: ignore[assignment]  # compared by value, not hashable


def _same(a, b) -> bool:
    return all(sp.simplify(to_sympy(x) - to_sympy(y)) == 0 for x, y in zip(a, b))


# ---------------------------------------------------------------------------- compilation
def _check_players(players) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, (list, tuple)):
        raise InputError(f"players must be a list of names, got {players!r}")
    if not players:
        raise InputError("a game needs at least one player")
    names = []
    for k, p in enumerate(players):
        if not isinstance(p, str) or not p.strip():
            raise InputError(f"player name {k + 1} must be a non-empty string, got {p!r}")
        names.append(p)
    if len(set(names)) != len(names):
        raise InputError(f"player names must be distinct, got {names}")
    return tuple(names)


def _where(path: list[str]) -> str:
    return "the root" if not path else "the node after " + ", ".join(path)


class _Where:
    """Where a node is, for messages ("the node after a, b"), spelt out only when printed: each
    node keeps its parent and action, so a deep tree is compiled in linear time (a list of
    actions per node made a 20,000-level chain quadratic: 15 s and gigabytes)."""

    __slots__ = ("steps", "parent", "action")

    def __init__(self, steps: list, parent, action):
        self.steps, self.parent, self.action = steps, parent, action

    def path(self) -> list:
        out = [] if self.action is None else [self.action]
        i = self.parent
        while i is not None and self.steps[i][1] is not None:
            out.append(self.steps[i][1])
            i = self.steps[i][0]
        return out[::-1]

    def __str__(self) -> str:
        return _where(self.path())

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _compile(players, root):
    """Turn builder nodes into records, checking the tree as it goes (iteratively)."""
    nodes: list = []
    infos: dict = {}        # key -> [player, label, actions, probs, node list, prob texts]
    outcomes: list = []
    spec_of: list = []      # compiled index -> id(spec)
    seen: dict = {}         # id(spec) -> compiled index
    steps: list = []        # compiled index -> (parent index, action name), for messages
    # stack of (spec, parent index, action index, depth, action name)
    stack: list = [(root, None, None, 0, None)]
    while stack:
        spec, parent, action, depth, name = stack.pop()
        where = _Where(steps, parent, name)
        if not isinstance(spec, TreeNode):
            raise InputError(f"{where}: expected a node made by decision(), chance() or "
                             f"terminal(), got {spec!r}")
        key = id(spec)
        if key in seen:
            _refuse_reuse(spec_of, seen, steps, nodes, key, parent, where.path())
        index = len(nodes)
        if index >= MAX_NODES:
            raise InputError(f"the tree has more than {MAX_NODES:,} nodes; too large")
        seen[key] = index
        spec_of.append(key)
        steps.append((parent, name))
        if spec.kind == "terminal":
            if spec.payoffs is None:
                raise InputError(f"{where}: a terminal node needs one payoff per player")
            outcome = _outcome(outcomes, spec, players, where)
            nodes.append([index, "terminal", spec.label, parent, action, (), None, outcome, depth])
            continue
        actions = _checked_actions(spec, where)
        outcome = _outcome(outcomes, spec, players, where) if spec.payoffs is not None else None
        ikey = _add_to_infoset(infos, spec, actions, index, players, steps, where)
        nodes.append([index, spec.kind, spec.label, parent, action, None, ikey, outcome, depth])
        for k in range(len(actions) - 1, -1, -1):
            stack.append((spec.moves[actions[k]], index, k, depth + 1, actions[k]))
    out_nodes, records = _numbered(nodes, infos)
    return out_nodes, records, outcomes


def _path_of(steps: list, index: int) -> list:
    """The actions from the root to compiled node ``index``."""
    return _Where(steps, steps[index][0], steps[index][1]).path()


def _refuse_reuse(spec_of, seen, steps, nodes, key, parent, path):
    """A node object met twice: a cycle (it is its own ancestor) or a node used twice."""
    anc = parent
    while anc is not None:
        if spec_of[anc] == key:
            raise InputError(f"the tree has a cycle: action {path[-1]!r} at "
                             f"{_where(path[:-1])} leads back to "
                             f"{_where(_path_of(steps, anc))} (a node cannot be its own "
                             "descendant)")
        anc = nodes[anc][3]
    raise InputError(f"one node object is used twice, at {_where(_path_of(steps, seen[key]))} and "
                     f"at {_where(path)}: build a new node for each position")


def _checked_actions(spec, where) -> tuple:
    """The action names of a decision or chance node, checked."""
    if spec.kind not in ("decision", "chance"):
        raise InputError(f"{where}: unknown node kind {spec.kind!r}")
    if spec.kind == "chance" and spec.player is not None:
        raise InputError(f"{where}: a chance node cannot belong to a player "
                         f"({spec.player!r}); make it a decision node or drop the player")
    actions = tuple(spec.moves)
    if not actions:
        raise InputError(f"{where}: a {spec.kind} node needs at least one action")
    for a in actions:
        if not isinstance(a, str) or not a:
            # an empty name printed as "A:   (payoffs 1)"; .efg files name it "_1" as Gambit does
            raise InputError(f"{where}: action names must be non-empty strings, got {a!r}")
    return actions


def _add_to_infoset(infos, spec, actions, index, players, steps, where):
    """Put node ``index`` into its information set (a new one, or the same as before, checked
    to have the same actions and chance probabilities); return the set's key."""
    if spec.infoset is not None and (isinstance(spec.infoset, bool)
                                     or not isinstance(spec.infoset, (str, int, np.integer))):
        # a list here ended in "TypeError: unhashable type: 'list'"
        raise InputError(f"{where}: the information set name must be a string, got "
                         f"{spec.infoset!r}")
    if spec.kind == "decision":
        player = _player(spec.player, players, where)
        ikey = ("p", player, spec.infoset) if spec.infoset is not None else ("n", index)
        probs = texts = None
    else:
        player = CHANCE
        ikey = ("c", spec.infoset) if spec.infoset is not None else ("n", index)
        if spec.probs is None or set(spec.probs) != set(actions):
            raise InputError(f"{where}: a chance node needs one probability per action")
        probs = tuple(_located(where, spec.probs[a], f"probability of {a!r}") for a in actions)
        texts = spec._prob_texts
    if ikey not in infos:
        label = spec._infoset_label
        if label is None:
            label = str(spec.infoset) if spec.infoset is not None else ""
        infos[ikey] = [player, label, actions, probs, [index], texts]
        return ikey
    rec = infos[ikey]
    first = _Where(steps, steps[rec[4][0]][0], steps[rec[4][0]][1])
    who = "chance" if player is CHANCE else f"player {players[player]!r}"
    if rec[2] != actions:
        raise InputError(
            f"information set {spec.infoset!r} of {who} has nodes with different "
            f"actions: {list(rec[2])} at {first} but {list(actions)} at {where}")
    if player is CHANCE and not all(_same((a,), (b,)) for a, b in zip(rec[3], probs)):
        raise InputError(f"chance information set {spec.infoset!r} has different "
                         f"probabilities at {first} and at {where}")
    rec[4].append(index)
    return ikey


def _numbered(nodes, infos):
    """Node and information-set records: children in action order (prefix order: a child's
    index is larger than its parent's), information sets numbered per player in order of first
    appearance."""
    children = [[] for _ in nodes]
    for rec in nodes:
        if rec[3] is not None:
            children[rec[3]].append(rec[0])
    for rec in nodes:
        rec[5] = tuple(sorted(children[rec[0]], key=lambda c: nodes[c][4]))
    info_index = {}
    numbers = {}
    records = []
    for ikey in sorted(infos, key=lambda k: infos[k][4][0]):
        player, label, actions, probs, members, texts = infos[ikey]
        numbers[player] = numbers.get(player, 0) + 1
        info_index[ikey] = len(records)
        records.append(InfoSet(len(records), player, numbers[player], label, actions, probs,
                               tuple(members), "", texts))
    out_nodes = [Node(r[0], r[1], r[2], r[3], r[4], r[5],
                      None if r[6] is None else info_index[r[6]], r[7], r[8]) for r in nodes]
    return out_nodes, records


def _player(p, players, where) -> int:
    if isinstance(p, (int, np.integer)) and not isinstance(p, bool):
        if 0 <= p < len(players):
            return int(p)
        raise InputError(f"{where}: player index {p} out of range 0..{len(players) - 1}")
    if p is None:
        raise InputError(f"{where}: a decision node needs a player")
    if p not in players:
        raise InputError(f"{where}: unknown player {p!r}; players are {list(players)}")
    return players.index(p)


def _located(where, value, what: str):
    """:func:`exact_number` of ``value``; its error names ``where`` (spelt out only then)."""
    try:
        return exact_number(value, what)
    except InputError as exc:
        if type(exc) is not InputError:
            raise
        raise InputError(f"{where}: {exc}") from None


def _outcome(outcomes, spec, players, where) -> int:
    n = len(players)
    pays = spec.payoffs
    if isinstance(pays, Mapping):
        unknown = [k for k in pays if k not in players]
        if unknown:
            raise InputError(f"{where}: payoff for unknown player {unknown[0]!r}; players are "
                             f"{list(players)}")
        missing = [p for p in players if p not in pays]
        if missing:
            raise InputError(f"{where}: no payoff for player {missing[0]!r}")
        pays = [pays[p] for p in players]
    elif isinstance(pays, (str, bytes)) or not hasattr(pays, "__len__"):
        raise InputError(f"{where}: payoffs must be a list with one payoff per player, "
                         f"got {pays!r}")
    if len(pays) != n:
        raise InputError(f"{where}: {len(pays)} payoffs given for {n} players")
    values = tuple(_located(where, x, f"payoff of {players[i]!r}") for i, x in enumerate(pays))
    index = len(outcomes)
    outcomes.append(Outcome(index, index + 1, spec.outcome, values, spec._texts))
    return index


#: An information set's name lists at most this many moves from the root ("after ..., a, b").
NAME_MOVES = 8


def _named(infosets, players, nodes):
    """Give every information set a display name unique within its player."""
    out = []
    used: dict = {}
    per_player = Counter(h.player for h in infosets)
    for h in infosets:
        if h.name:
            name = h.name
        elif h.label:
            name = h.label
        elif h.player is CHANCE:
            name = "chance" if per_player[CHANCE] == 1 else f"chance {h.number}"
        elif per_player[h.player] == 1:
            name = players[h.player]
        elif len(h.nodes) == 1:
            moves = _moves_to(nodes, infosets, h.nodes[0])
            name = "root" if not moves else "after " + ", ".join(moves)
        else:
            name = f"#{h.number}"
        key = (h.player, name)
        if key in used:
            used[key] += 1
            name = f"{name} #{h.number}"
        else:
            used[key] = 1
        out.append(InfoSet(h.index, h.player, h.number, h.label, h.actions, h.probs, h.nodes,
                           name, h.prob_texts, h.action_texts))
    return out


def _moves_to(nodes, infosets, node) -> list[str]:
    """The moves from the root to ``node``; only the last :data:`NAME_MOVES` of a longer path,
    after ``"..."`` (a name is for reading, and deep trees would cost time quadratic in depth)."""
    out: list[str] = []
    n = nodes[node]
    while n.parent is not None:
        if len(out) == NAME_MOVES:
            out.append("...")
            break
        p = nodes[n.parent]
        out.append(infosets[p.infoset].actions[n.action])
        n = p
    return out[::-1]


def _validate(game: ExtensiveGame) -> None:
    """Checks that every way of building a game shares: probabilities, actions, payoffs."""
    n = game.n_players
    for h in game.infosets:
        if h.is_chance:
            where = f"chance node at {game.describe_node(h.nodes[0])}"
            if h.probs is None or len(h.probs) != len(h.actions):
                raise InputError(f"{where}: needs one probability per action")
            total = Fraction(0)
            for a, p in zip(h.actions, h.probs):
                if isinstance(p, Fraction) or p.is_number:
                    if (p < 0) if isinstance(p, Fraction) else bool(p < 0):
                        raise InputError(f"{where}: probability of {a!r} is negative ({fmt(p)})")
                total = add(total, p)
            ok = total == 1 if isinstance(total, Fraction) else sp.simplify(total - 1) == 0
            if not ok:
                hint = ""
                if isinstance(total, Fraction) and abs(total - 1) < Fraction(1, 10**9):
                    # 1/3 and 2/3 as floats are 0.3333333333333333 and 0.6666666666666666
                    hint = ("; decimals are read exactly as written (a float as the decimal it "
                            "prints as): give repeating fractions as rationals, \"1/3\" or "
                            "Fraction(1, 3)")
                raise InputError(f"{where}: probabilities sum to {fmt(total)}, not 1{hint}")
        else:
            if h.player is None or not 0 <= h.player < n:
                raise InputError(f"information set {h.name!r}: player out of range")
            if len(set(h.actions)) != len(h.actions):
                dup = next(a for a in h.actions if h.actions.count(a) > 1)
                raise InputError(f"information set {h.name!r} of player "
                                 f"{game.players[h.player]!r}: action {dup!r} appears twice")
        for v in h.nodes:
            if len(game.nodes[v].children) != len(h.actions):
                raise InputError(f"{game.describe_node(v)}: {len(game.nodes[v].children)} "
                                 f"children for {len(h.actions)} actions")
    for o in game.outcomes:
        if len(o.payoffs) != n:
            raise InputError(f"outcome {o.number}: {len(o.payoffs)} payoffs for {n} players")


def _recall_violation(game: ExtensiveGame) -> str | None:
    """Perfect recall: at every information set all nodes follow the same last own move
    (by induction on the depth, then the whole own history agrees)."""
    own = own_sequences(game)
    for h in game.infosets:
        if h.player is None or len(h.nodes) == 1:  # chance, or nothing to recall
            continue
        seqs = {own[v][h.player] for v in h.nodes}
        if len(seqs) > 1:
            desc = []
            for v in h.nodes:
                s = own[v][h.player]
                if s is None:
                    desc.append("no own move")
                else:
                    g = game.infosets[s[0]]
                    desc.append(f"{g.actions[s[1]]} at {_short_info(game, g)}")
            uniq = list(dict.fromkeys(desc))
            return (f"player {game.players[h.player]!r} forgets at information set {h.name!r}: "
                    f"its nodes follow different own moves ({'; '.join(uniq)})")
    return None


def _short_info(game, h) -> str:
    if len(h.nodes) == 1:
        return game.describe_node(h.nodes[0])
    return f"information set {h.name!r}"


def own_sequences(game: ExtensiveGame) -> list:
    """For every node, a tuple with each player's last own move before it: ``(infoset, action)``
    or None (the empty sequence)."""
    key = "ownseq"
    if key not in game._cache:
        n = game.n_players
        out: list = [None] * len(game.nodes)
        for node in game.nodes:
            if node.parent is None:
                out[node.index] = (None,) * n
            else:
                par = game.nodes[node.parent]
                assert par.infoset is not None  # a parent moves
                h = game.infosets[par.infoset]
                seq = out[node.parent]
                if h.player is not None:  # not chance
                    seq = seq[:h.player] + ((par.infoset, node.action),) + seq[h.player + 1:]
                out[node.index] = seq
        game._cache[key] = out
    return game._cache[key]


def _to_builder(game: ExtensiveGame, node: int) -> TreeNode:
    """Builder nodes for the subtree at ``node`` (iterative; information set names kept)."""
    made: dict[int, TreeNode] = {}
    for v in reversed(game.subtree(node)):
        n = game.nodes[v]
        pays = None if n.outcome is None else list(game.outcomes[n.outcome].payoffs)
        if n.kind == "terminal":
            made[v] = terminal(pays if pays is not None else [0] * game.n_players, label=n.label)
            continue
        assert n.infoset is not None  # not terminal
        h = game.infosets[n.infoset]
        moves = {a: made.pop(c) for a, c in zip(h.actions, n.children)}
        if h.is_chance:
            assert h.probs is not None
            made[v] = chance({a: (p, moves[a]) for a, p in zip(h.actions, h.probs)},
                             label=n.label, payoffs=pays,
                             infoset=h.name if len(h.nodes) > 1 else None)
        else:
            made[v] = decision(h.player, moves, label=n.label, payoffs=pays,
                               infoset=h.name if len(h.nodes) > 1 or h.label else None)
    return made[node]


def total_nodes_estimate(branching: int, depth: int) -> int:
    """Number of nodes of a complete tree (used to refuse huge generated trees)."""
    if branching <= 1:
        return depth + 1
    return (branching ** (depth + 1) - 1) // (branching - 1)



def require_tree(game, where: str) -> None:
    """Raise one clear :class:`InputError` when ``game`` is not a game tree.

    A :class:`~govgames.games.NormalFormGame` (the natural object to have at hand) gets a hint to
    the functions that take one.

    >>> from govgames.games import NormalFormGame
    >>> require_tree(NormalFormGame([[[1]], [[1]]]), "backward_induction")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: backward_induction needs a game tree (an ExtensiveGame, e.g. from read_efg or ExtensiveGame(players, root)), got a NormalFormGame: solve it with nash_equilibria, or with stackelberg_pure / stackelberg_mixed when one player moves first
    """
    if isinstance(game, ExtensiveGame):
        return
    from ..game import NormalFormGame
    hint = (": solve it with nash_equilibria, or with stackelberg_pure / stackelberg_mixed "
            "when one player moves first") if isinstance(game, NormalFormGame) else ""
    article = "a NormalFormGame" if isinstance(game, NormalFormGame) else type(game).__name__
    raise InputError(f"{where} needs a game tree (an ExtensiveGame, e.g. from read_efg or "
                     f"ExtensiveGame(players, root)), got {article}{hint}")


def require_normal_form(game, where: str) -> None:
    """Raise one clear :class:`InputError` when ``game`` is not a normal-form game (a game tree
    gets a hint to its reduced normal form).

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> require_normal_form(ExtensiveGame(["A"], decision("A", {"l": terminal(0)})), "f")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: f needs a NormalFormGame, got an ExtensiveGame: use reduced_normal_form(tree), or backward_induction for who moves first in the tree
    """
    from ..game import NormalFormGame
    if isinstance(game, NormalFormGame):
        return
    if isinstance(game, ExtensiveGame):
        raise InputError(f"{where} needs a NormalFormGame, got an ExtensiveGame: use "
                         "reduced_normal_form(tree), or backward_induction for who moves first "
                         "in the tree")
    raise InputError(f"{where} needs a NormalFormGame, got {type(game).__name__}")
