"""Reading and writing coalitional game files (JSON).

Three formats, all JSON objects with a ``"type"`` (the file-format reference of the
documentation, ``docs/reference/formats/index.md``, has complete examples):

``coalitional``::

    {"type": "coalitional", "players": ["A", "B", "C"],
     "values": {"": 0, "A": 1, "B": 0, "C": 0, "A,B": 3, "A,C": 2, "B,C": 1, "A,B,C": 4}}

``weighted_voting``::

    {"type": "weighted_voting", "players": ["P1", "P2", "P3"], "weights": [4, 2, 1], "quota": 5}

``network`` (for the Myerson and Owen values)::

    {"type": "network", "players": ["A", "B", "C", "D"],
     "edges": [["A", "B", 4], ["B", "C", 2], ["C", "D"]],
     "game": "linkage",
     "unions": [["A", "B"], ["C", "D"]]}

``edges`` lists links as ``[a, b]`` or ``[a, b, weight]`` (weight 1 if left out; repeated
links add up; a link ``[a, a, w]`` is ``a``'s stand-alone gain, counted in every ``v(S)`` with
``a`` in ``S``); ``players``
may be left out (then the players are the edge ends in order of appearance); ``game`` is
``"linkage"`` (``v(S)`` = total weight of the links inside ``S``, the default) or an object of
coalition values in the ``coalitional`` format's ``values`` syntax. Any of the three formats may
carry ``"unions"``, a partition of the players into a priori unions (for the Owen value).

A coalition key is its members' names joined by commas, in any order; ``""`` is the empty
coalition (0 if left out); every other coalition must be present.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
from govgames.games.errors import InputError
from govgames.games.io import read_json_file
from govgames.games.numbers import short_text

from ._inputs import finite_float
from .builders import linkage_game
from .coalitional import CoalitionalGame

__all__ = ["GameSpec", "read_game", "parse_game", "game_to_json"]


@dataclass
class GameSpec:
    """A game read from a file: the game, and the graph and unions when given.

    Attributes
    ----------
    game : CoalitionalGame
    kind : str
        ``"coalitional"``, ``"weighted_voting"`` or ``"network"``.
    graph : networkx.Graph or None
        The communication graph (``network`` files).
    unions : list of lists or None
        A priori unions.
    weights, quota :
        Of a weighted voting game (else None).
    """

    game: CoalitionalGame
    kind: str
    graph: object = None
    unions: list | None = None
    weights: list | None = None
    quota: object = None
    source: str = "<data>"


def read_game(path, *, max_bytes: int | None = None) -> GameSpec:
    """Read a coalitional game file (see the module docstring for the formats).

    Errors name the file and the JSON path.

    Examples
    --------
    >>> import json, tempfile, os
    >>> d = tempfile.mkdtemp(); f = os.path.join(d, "g.json")
    >>> _ = open(f, "w").write(json.dumps({"type": "weighted_voting",
    ...     "players": ["A", "B", "C"], "weights": [4, 2, 1], "quota": 5}))
    >>> spec = read_game(f)
    >>> spec.kind, spec.game.players
    ('weighted_voting', ('A', 'B', 'C'))
    """
    path = str(path)
    data = read_json_file(path, what="game file")
    return parse_game(data, source=path, max_bytes=max_bytes)


def _players(data, source, required=True):
    if "players" not in data:
        if required:
            raise InputError(f"{source}: \"players\" is missing")
        return None
    players = data["players"]
    if not isinstance(players, list) or not all(isinstance(p, str) for p in players):
        raise InputError(f"{source}: \"players\" must be a list of names (strings)")
    if not players:
        raise InputError(f"{source}: \"players\" is empty")
    seen = set()
    for i, p in enumerate(players):
        if p in seen:
            raise InputError(f"{source}: players[{i}]: {p!r} appears twice")
        if "," in p:
            raise InputError(f"{source}: players[{i}]: a name must not contain a comma ({p!r})")
        seen.add(p)
    return players


def _values(values, players, source, where, max_bytes):
    if not isinstance(values, dict):
        raise InputError(f"{source}: {where} must be an object of coalition values")
    keyed = {}
    index = set(players)
    for key, val in values.items():
        names = [s.strip() for s in key.split(",")] if key.strip() else []
        for p in names:
            if p not in index:
                raise InputError(f"{source}: {where}[{key!r}]: unknown player {p!r}")
        keyed[key] = finite_float(val, f"{source}: {where}[{key!r}]")
    try:
        return CoalitionalGame.from_dict(keyed, players, max_bytes=max_bytes)
    except InputError as exc:
        raise InputError(f"{source}: {where}: {exc}") from None


def _unions(data, players, source):
    if "unions" not in data:
        return None
    unions = data["unions"]
    if not isinstance(unions, list) or not all(isinstance(u, list) for u in unions):
        raise InputError(f"{source}: \"unions\" must be a list of lists of players")
    index = set(players)
    seen = {}
    for k, u in enumerate(unions):
        if not u:
            raise InputError(f"{source}: unions[{k}] is empty")
        for p in u:
            if not isinstance(p, str) or p not in index:
                raise InputError(f"{source}: unions[{k}]: unknown player {short_text(p)}")
            if p in seen:
                raise InputError(f"{source}: unions[{k}]: player {p!r} is also in "
                                 f"unions[{seen[p]}]")
            seen[p] = k
    missing = [p for p in players if p not in seen]
    if missing:
        raise InputError(f"{source}: \"unions\": player {missing[0]!r} is in no union (the "
                         "unions must partition the players)")
    return unions


def parse_game(data, source: str = "<data>", *, max_bytes: int | None = None) -> GameSpec:
    """Build a :class:`GameSpec` from a decoded JSON object.

    Examples
    --------
    >>> spec = parse_game({"type": "network", "edges": [["A", "B", 4], ["B", "C", 2]],
    ...                    "unions": [["A", "B"], ["C"]]})
    >>> spec.game.players, spec.game.value("A,B,C"), spec.unions
    (('A', 'B', 'C'), 6.0, [['A', 'B'], ['C']])
    >>> parse_game({"type": "coalitional", "players": ["A", "B"], "values": {"A": 1, "B": 2}},
    ...            source="g.json")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: g.json: "values": coalition 'A,B' is missing (every non-empty coalition needs a value)
    """
    if not isinstance(data, dict):
        raise InputError(f"{source}: the file must hold one JSON object")
    try:
        return _parse_spec(data, source, max_bytes)
    except InputError as exc:   # every error names the file (the builders do not know it)
        text = str(exc)
        if text.startswith(f"{source}:"):
            raise
        raise InputError(f"{source}: {text}") from None


def _parse_spec(data: dict, source: str, max_bytes: int | None) -> GameSpec:
    """The :class:`GameSpec` of a decoded JSON object, by its ``"type"``."""
    kind = data.get("type")
    if kind == "coalitional":
        players = _players(data, source)
        if "values" not in data:
            raise InputError(f"{source}: \"values\" is missing")
        game = _values(data["values"], players, source, "\"values\"", max_bytes)
        return GameSpec(game, kind, unions=_unions(data, players, source), source=source)
    if kind == "weighted_voting":
        return _weighted_voting_spec(data, source, max_bytes)
    if kind == "network":
        return _network_spec(data, source, max_bytes)
    raise InputError(f"{source}: \"type\" must be \"coalitional\", \"weighted_voting\" or "
                     f"\"network\", got {kind!r}")


def _weighted_voting_spec(data: dict, source: str, max_bytes: int | None) -> GameSpec:
    """The :class:`GameSpec` of a ``weighted_voting`` object."""
    for key in ("weights", "quota"):
        if key not in data:
            raise InputError(f"{source}: \"{key}\" is missing")
    weights = data["weights"]
    players = _players(data, source, required=False)
    if not isinstance(weights, list):
        raise InputError(f"{source}: \"weights\" must be a list of numbers")
    if players is None:
        players = [f"P{i + 1}" for i in range(len(weights))]
    if len(players) != len(weights):
        raise InputError(f"{source}: {len(players)} players but {len(weights)} weights")
    try:
        game = CoalitionalGame.weighted_voting(weights, data["quota"], players,
                                               tabulate=False, max_bytes=max_bytes)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return GameSpec(game, "weighted_voting", unions=_unions(data, players, source), weights=weights,
                    quota=data["quota"], source=source)


def _network_spec(data: dict, source: str, max_bytes: int | None) -> GameSpec:
    """The :class:`GameSpec` of a ``network`` object (a graph with a linkage or tabulated game)."""
    edges = data.get("edges", [])
    if not isinstance(edges, list):
        raise InputError(f"{source}: \"edges\" must be a list of [a, b] or [a, b, weight]")
    players = _players(data, source, required=False)
    G = nx.Graph()
    if players is not None:
        G.add_nodes_from(players)
    for k, e in enumerate(edges):
        if not isinstance(e, list) or len(e) not in (2, 3) \
                or not all(isinstance(x, str) for x in e[:2]):
            raise InputError(f"{source}: edges[{k}] must be [a, b] or [a, b, weight] "
                             "with player names a, b")
        a, b = e[0], e[1]
        for p in (a, b):
            if players is not None and p not in G:
                raise InputError(f"{source}: edges[{k}]: unknown player {p!r}")
        w = e[2] if len(e) == 3 else 1
        if isinstance(w, bool) or not isinstance(w, (int, float)) \
                or not math.isfinite(float(w)):
            raise InputError(f"{source}: edges[{k}]: weight {w!r} is not a number")
        if G.has_edge(a, b):
            G[a][b]["weight"] += float(w)
        else:
            G.add_edge(a, b, weight=float(w))
    if G.number_of_nodes() == 0:
        raise InputError(f"{source}: a network game needs \"players\" or \"edges\"")
    players = list(G.nodes)
    spec_game = data.get("game", "linkage")
    if spec_game == "linkage":
        game = linkage_game(G, "weight", tabulate=len(players) <= 16, max_bytes=max_bytes)
    elif isinstance(spec_game, dict):
        game = _values(spec_game, players, source, "\"game\"", max_bytes)
    else:
        raise InputError(f"{source}: \"game\" must be \"linkage\" or an object of "
                         f"coalition values, got {spec_game!r}")
    return GameSpec(game, "network", graph=G, unions=_unions(data, players, source),
                    source=source)


def game_to_json(game: CoalitionalGame) -> dict:
    """The ``coalitional`` JSON object of an exact game (player names must be strings).

    Examples
    --------
    >>> game_to_json(CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3}))
    {'type': 'coalitional', 'players': ['A', 'B'], 'values': {'A': 1.0, 'B': 0.0, 'A,B': 3.0}}
    """
    g = game.to_exact()
    table = g.value_table()
    values = {}
    for m in range(1, 1 << g.n):
        key = ",".join(str(p) for i, p in enumerate(g.players) if m >> i & 1)
        values[key] = float(table[m])
    return {"type": "coalitional", "players": [str(p) for p in g.players], "values": values}
