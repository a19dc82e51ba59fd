"""JSON game trees: the ``"tree"`` type of govgames' JSON game files.

A tree file nests nodes the way the Python builder does::

    {"type": "tree", "title": "Entry", "players": ["Entrant", "Incumbent"],
     "parameters": {"c": 1, "q": null},
     "root": {"player": "Entrant", "moves": {
        "Out": {"payoffs": [0, 2]},
        "In": {"chance": {"Strong": "q", "Weak": "1 - q"}, "moves": {
            "Strong": {"player": "Incumbent", "infoset": "I", "moves": {
                "Fight": {"payoffs": ["-c", -1]}, "Accommodate": {"payoffs": [1, 1]}}},
            "Weak": {"player": "Incumbent", "infoset": "I", "moves": {
                "Fight": {"payoffs": ["-c", -2]}, "Accommodate": {"payoffs": [1, 1]}}}}}}}}

A **decision node** has ``"player"`` and ``"moves"`` (action -> node) and optionally
``"infoset"`` (nodes of one player with the same name form an information set); a **chance
node** has ``"chance"`` (action -> probability) and ``"moves"`` with the same actions; a
**terminal node** has ``"payoffs"``: a list in player order or an object player -> payoff. Any
node may carry ``"label"``, and decision and chance nodes may carry ``"payoffs"`` too (added to
every play through them, as Gambit's outcomes). Payoffs and probabilities are numbers, rational
strings (``"2/3"``) or arithmetic over the declared ``"parameters"``, read by the whitelist
parser :func:`govgames.games.expr.parse_expression` (never evaluated as code). Parameters with a
value are substituted; those declared ``null`` stay symbolic.

Errors name the file and the JSON path of the node (``root.moves.In.moves.Strong``).
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from ..errors import InputError
from ..expr import ALLOWED_FUNCTIONS, parse_expression, parse_number
from .tree import ExtensiveGame, TreeNode, chance, decision, terminal, to_sympy, require_tree

__all__ = ["tree_from_json", "tree_to_json", "write_tree_json", "MAX_JSON_DEPTH"]

#: Deepest tree (moves from the root to a leaf) written as JSON: a "tree" file nests two levels
#: per move and Python's JSON reader follows about 1000 levels, fewer when called deep in a
#: program (pytest, a notebook): 400 moves leave room for 200 frames. Deeper trees go to .efg.
MAX_JSON_DEPTH = 400

_NODE_KEYS = {"player", "chance", "moves", "payoffs", "infoset", "label", "outcome"}
_TOP_KEYS = {"type", "title", "description", "players", "parameters", "root"}


def tree_from_json(obj, source: str = "<json>") -> ExtensiveGame:
    """Build a game tree from a decoded JSON ``"tree"`` object.

    Parameters
    ----------
    obj : dict
        The decoded JSON object (see the module docstring).
    source : str
        Name of the file, used in error messages.

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    InputError
        Naming the source and the JSON path of the first problem.

    Examples
    --------
    >>> g = tree_from_json({"type": "tree", "players": ["A", "B"], "parameters": {"c": 2},
    ...     "root": {"player": "A", "moves": {"Out": {"payoffs": [0, 2]},
    ...              "In": {"player": "B", "moves": {"Fight": {"payoffs": ["-c", -1]},
    ...                                              "Share": {"payoffs": [1, 1]}}}}}})
    >>> g.payoff(3)
    (Fraction(-2, 1), Fraction(-1, 1))
    >>> tree_from_json({"type": "tree", "players": ["A"], "root": {"player": "A", "chance": {"x": 1},
    ...                 "moves": {"x": {"payoffs": [0]}}}}, source="bad.json")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: bad.json: root: a player ('A') cannot act at a chance node: give either "player" or "chance"
    """
    r = _TreeReader(source)
    players = r.header(obj)
    r.parameters(obj)
    if "root" not in obj:
        r.fail("root", "missing: the root node of the tree")
    # build iteratively (children before parents), so deep trees do not hit the recursion limit
    made: dict[tuple, TreeNode] = {}
    for node, where, key in reversed(r.nodes_in_order(obj["root"])):
        made[key] = r.node(node, where, key, made, players)
    try:
        return ExtensiveGame(players, made[()], title=obj.get("title", ""),
                             description=obj.get("description", ""))
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


class _TreeReader:
    """The steps of :func:`tree_from_json`, with errors naming the source and the JSON path."""

    def __init__(self, source):
        self.source = source
        self.mapping = {}

    def fail(self, where, msg):
        source = self.source
        raise InputError(f"{source}: {where}: {msg}" if where else f"{source}: {msg}")

    def header(self, obj) -> list:
        """Check the top level; return the player names."""
        fail = self.fail
        if not isinstance(obj, dict):
            fail("", f"expected a JSON object at the top level, got {type(obj).__name__}")
        if obj.get("type") != "tree":
            fail("type", f"expected \"tree\", got {obj.get('type')!r}")
        extra = sorted(set(obj) - _TOP_KEYS)
        if extra:
            fail(extra[0], f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
        for key in ("title", "description"):
            if not isinstance(obj.get(key, ""), str):
                fail(key, "must be a string")
        players = obj.get("players")
        if not isinstance(players, list) or not players:
            fail("players", "must be a non-empty list of player names")
        for k, p in enumerate(players):
            if not isinstance(p, str) or not p.strip():
                fail(f"players[{k}]", f"player name must be a non-empty string, got {p!r}")
        if len(set(players)) != len(players):
            fail("players", f"player names must be distinct, got {players}")
        return players

    def parameters(self, obj):
        """Parameter name -> exact value, or a real sympy Symbol when declared ``null``."""
        params = obj.get("parameters") or {}
        if not isinstance(params, dict):
            self.fail("parameters", "must be an object mapping parameter names to values or null")
        for name, val in params.items():
            where = f"parameters.{name}"
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name in ALLOWED_FUNCTIONS:
                self.fail(where, f"{name!r} is not a valid parameter name")
            if val is None:
                self.mapping[name] = sp.Symbol(name, real=True)
            else:
                try:
                    self.mapping[name] = parse_number(val, where=where)
                except InputError as exc:
                    raise InputError(f"{self.source}: {exc}") from None

    def value(self, x, where):
        """A number or expression over the parameters (by the whitelist parser)."""
        if isinstance(x, (list, dict)) or x is None or isinstance(x, bool):
            self.fail(where, f"expected a number or an expression, got {str(x)[:40]}")
        try:
            v = parse_expression(x, self.mapping, where=where)
        except InputError as exc:
            raise InputError(f"{self.source}: {exc}") from None
        if v.is_number and (v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not v.is_real):
            self.fail(where, f"evaluates to {v} (not a finite real number)")
        return v

    def payoffs(self, x, where):
        """Payoffs as a list in player order or an object player -> payoff."""
        if isinstance(x, list):
            return [self.value(v, f"{where}[{k}]") for k, v in enumerate(x)]
        if isinstance(x, dict):
            return {p: self.value(v, f"{where}.{p}") for p, v in x.items()}
        self.fail(where, "must be a list of payoffs (player order) or an object player -> payoff")

    def nodes_in_order(self, root) -> list:
        """(node, JSON path, key = actions from the root) of every node, parents first."""
        order = []
        stack: list[tuple[Any, str, tuple]] = [(root, "root", ())]
        while stack:
            node, where, key = stack.pop()
            if not isinstance(node, dict):
                self.fail(where, f"a node must be a JSON object, got {str(node)[:40]}")
            extra = sorted(set(node) - _NODE_KEYS)
            if extra:
                self.fail(f"{where}.{extra[0]}", f"unknown key (allowed: "
                          f"{', '.join(sorted(_NODE_KEYS))})")
            order.append((node, where, key))
            if "moves" in node:             # "moves": null is refused too
                moves = node["moves"]
                if not isinstance(moves, dict) or not moves:
                    self.fail(f"{where}.moves", "must be a non-empty object action -> node")
                for a, child in moves.items():
                    stack.append((child, f"{where}.moves.{a}", key + (a,)))
        return order

    def node(self, node, where, key, made, players) -> TreeNode:
        """One node, its children already built in ``made`` (taken out of it)."""
        fail, source = self.fail, self.source
        label = node.get("label", "")
        if not isinstance(label, str):
            fail(f"{where}.label", "must be a string")
        outcome = node.get("outcome", "")
        if not isinstance(outcome, str):
            fail(f"{where}.outcome", "must be a string (the outcome's label)")
        pays = self.payoffs(node["payoffs"], f"{where}.payoffs") if "payoffs" in node else None
        if "moves" not in node:
            for k in ("player", "chance", "infoset"):
                if k in node:
                    fail(where, f"a node with {k!r} needs \"moves\" (action -> node)")
            if pays is None:
                fail(where, "a node needs \"moves\" (decision or chance node) or \"payoffs\" "
                     "(terminal node)")
            return _wrap(source, where, terminal, pays, label=label, outcome=outcome)
        children = {a: made.pop(key + (a,)) for a in node["moves"]}
        infoset = node.get("infoset")
        if infoset is not None and not isinstance(infoset, (str, int)):
            fail(f"{where}.infoset", "must be a name (string)")
        if "chance" in node:
            if "player" in node:
                fail(where, f"a player ({node['player']!r}) cannot act at a chance node: give "
                     "either \"player\" or \"chance\"")
            probs = node["chance"]
            if not isinstance(probs, dict):
                fail(f"{where}.chance", "must be an object action -> probability")
            if list(probs) != list(children):
                fail(f"{where}.chance", f"the actions {list(probs)} must be the moves "
                     f"{list(children)}, in the same order")
            moves = {a: (self.value(probs[a], f"{where}.chance.{a}"), children[a])
                     for a in children}
            return _wrap(source, where, chance, moves, infoset=infoset, label=label,
                         payoffs=pays, outcome=outcome)
        if "player" not in node:
            fail(where, "a node with moves needs \"player\" (decision node) or \"chance\" "
                 "(action -> probability)")
        player = node["player"]
        if not isinstance(player, str) or player not in players:
            fail(f"{where}.player", f"unknown player {player!r}; players are {players}")
        return _wrap(source, where, decision, player, children, infoset=infoset,
                     label=label, payoffs=pays, outcome=outcome)


def _wrap(source, where, func, *args, **kwargs) -> TreeNode:
    try:
        return func(*args, **kwargs)
    except InputError as exc:
        raise InputError(f"{source}: {where}: {exc}") from None


def tree_to_json(game: ExtensiveGame) -> dict:
    """The JSON ``"tree"`` object of a game (expressions kept; free parameters declared null).

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A"], decision("A", {"x": terminal("1/3"), "y": terminal(0)}))
    >>> tree_to_json(g)["root"]
    {'player': 'A', 'moves': {'x': {'payoffs': ['1/3']}, 'y': {'payoffs': [0]}}}
    >>> tree_from_json(tree_to_json(g)) == g
    True
    """
    require_tree(game, "tree_to_json")
    from ..io import _entry_to_json

    out: dict[str, Any] = {"type": "tree"}
    if game.title:
        out["title"] = game.title
    if game.description:
        out["description"] = game.description
    out["players"] = list(game.players)
    if game.parameters:
        out["parameters"] = {p.name: None for p in game.parameters}

    def num(x):
        return _entry_to_json(to_sympy(x))

    made: dict[int, dict[str, Any]] = {}
    for v in reversed(range(len(game.nodes))):
        n = game.nodes[v]
        d: dict[str, Any] = {}
        if n.label:
            d["label"] = n.label
        if n.infoset is not None:  # not terminal
            h = game.infosets[n.infoset]
            if h.player is None:  # chance
                assert h.probs is not None
                d["chance"] = {a: num(p) for a, p in zip(h.actions, h.probs)}
            else:
                d["player"] = game.players[h.player]
                if len(h.nodes) > 1 or h.label:
                    d["infoset"] = h.label or h.name
            d["moves"] = {a: made.pop(c) for a, c in zip(h.actions, n.children)}
        if n.outcome is not None:
            o = game.outcomes[n.outcome]
            d["payoffs"] = [num(x) for x in o.payoffs]
            if o.label:
                d["outcome"] = o.label
        elif n.kind == "terminal":
            d["payoffs"] = [0] * game.n_players
        made[v] = d
    out["root"] = made[0]
    return out


def write_tree_json(game: ExtensiveGame, path, *, overwrite: bool = False):
    """Write a game tree as a JSON ``"tree"`` file (refuses to replace a file unless
    ``overwrite``).

    Parameters
    ----------
    game : ExtensiveGame
    path : str or Path
        Ends in ``.json``.
    overwrite : bool, default False

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InputError
        The file exists (without ``overwrite``), or the tree is more than
        :data:`MAX_JSON_DEPTH` moves deep (a JSON file that deep cannot be read back by Python's
        JSON reader: write it with :func:`~govgames.games.extensive.write_efg`, which is flat).

    Examples
    --------
    >>> import tempfile, os
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A"], decision("A", {"x": terminal("1/3"), "y": terminal(0)}))
    >>> p = write_tree_json(g, os.path.join(tempfile.mkdtemp(), "g.json"))
    >>> from govgames.games.io import read_any_game
    >>> read_any_game(p) == g
    True
    """
    import json

    from ..files import write_file
    from ..io_common import _check_target

    depth = max(n.depth for n in game.nodes)
    if depth > MAX_JSON_DEPTH:
        raise InputError(f"{path}: the tree is {depth:,} moves deep, more than a JSON tree file "
                         f"can hold ({MAX_JSON_DEPTH}: it nests two levels per move and "
                         "Python's JSON reader follows about 1000); write it as a Gambit .efg "
                         "file (write_efg), which is flat")
    target = _check_target(path, overwrite)
    # compact separators: the C encoder (no indent) follows the nesting without Python frames
    return write_file(target, json.dumps(tree_to_json(game), ensure_ascii=False) + "\n",
                      overwrite=overwrite)
