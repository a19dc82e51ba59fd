"""Game files of type ``continuous``: players, choice variables, intervals, payoff expressions.

A continuous game file is a JSON object::

    {"type": "continuous",
     "title": "Cournot duopoly",
     "players": ["Firm 1", "Firm 2"],
     "variables": ["q1", "q2"],
     "intervals": [[0, "a/b"], [0, "a/b"]],
     "parameters": {"a": 10, "b": 1, "c": null},
     "payoffs": {"Firm 1": "(a - b*(q1 + q2) - c)*q1",
                 "Firm 2": "(a - b*(q1 + q2) - c)*q2"}}

``variables`` gives each player's choice variable (a list of names for a vector choice, with a
list of intervals); ``intervals`` bounds are numbers, expressions of the parameters, or
``null`` for an unbounded side. Parameters given ``null`` stay symbolic (real numbers of
either sign: conditions on their sign are part of the answer); a domain word, ``"positive"``,
``"nonnegative"``, ``"negative"`` or ``"nonpositive"``, keeps a parameter symbolic with that
sign, as in normal-form files.
Payoffs and bounds are read by the whitelist parser of :mod:`govgames.games.expr`
(arithmetic, ``min``, ``max``, ``exp``, ``log``, ``sqrt`` over declared names): a file never
executes code.
"""

from __future__ import annotations

import sympy as sp

from ..errors import InputError
from ..expr import parse_expression
from .game import ContinuousGame

__all__ = ["continuous_from_json", "read_continuous_json"]

_KNOWN = {"type", "title", "description", "players", "variables", "intervals", "parameters",
          "payoffs"}

#: largest number of players a file may declare (each payoff is parsed and differentiated)
MAX_FILE_PLAYERS = 200


def continuous_from_json(obj, source: str = "<json>") -> ContinuousGame:
    """Build a :class:`ContinuousGame` from a decoded ``continuous`` JSON object.

    Parameters
    ----------
    obj : dict
        The decoded JSON object (see the module text for the format).
    source : str
        Name of the file, used in error messages.

    Returns
    -------
    ContinuousGame

    Raises
    ------
    InputError
        Naming the source and the JSON key of the first problem (unknown name in an
        expression, an empty interval, a player without a payoff, ...).

    References
    ----------
    Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    >>> obj = {"type": "continuous", "players": ["A", "B"], "variables": ["x", "y"],
    ...        "intervals": [[0, "v"], [0, "v"]], "parameters": {"v": 4},
    ...        "payoffs": {"A": "v*x/(x + y) - x", "B": "v*y/(x + y) - y"}}
    >>> g = continuous_from_json(obj)
    >>> from govgames.games.continuous import nash_equilibria
    >>> nash_equilibria(g)[0].exact_profile
    ((1,), (1,))
    >>> obj["payoffs"]["B"] = "__import__('os')"
    >>> continuous_from_json(obj, "evil.json")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: evil.json: payoffs.B: only arithmetic over declared parameters is allowed; found a call to something other than min, max, exp, log, sqrt in "__import__('os')"
    """
    def fail(where, msg):
        raise InputError(f"{source}: {where}: {msg}")

    if not isinstance(obj, dict):
        raise InputError(f"{source}: expected a JSON object at the top level")
    if obj.get("type") != "continuous":
        fail("type", f"expected \"continuous\", got {obj.get('type')!r}")
    extra = sorted(set(obj) - _KNOWN)
    if extra:
        fail(extra[0], f"unknown key (allowed: {', '.join(sorted(_KNOWN))})")
    for key in ("players", "variables", "intervals", "payoffs"):
        if key not in obj:
            fail(key, "missing")
    players = obj["players"]
    if (not isinstance(players, list) or not players
            or not all(isinstance(p, str) and p for p in players)):
        fail("players", "expected a non-empty list of names")
    n = len(players)
    if n > MAX_FILE_PLAYERS:
        fail("players", f"{n} players; at most {MAX_FILE_PLAYERS} in a file (use "
             "ContinuousGame.symmetric for large symmetric games)")
    if len(set(players)) != n:
        fail("players", "names must be distinct")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        fail("title", "expected a string")
    symbols, values = _parameters(obj, fail, source)
    for key in ("variables", "intervals"):  # both shapes first, then the names
        if not isinstance(obj[key], list) or len(obj[key]) != n:
            fail(key, f"expected a list with one entry per player ({n})")
    blocks, var_syms = _variables(obj["variables"], players, symbols, fail)
    bounds = _bounds(obj["intervals"], obj["variables"], blocks, players, symbols, fail, source)
    # payoffs
    payoffs = obj["payoffs"]
    if not isinstance(payoffs, dict):
        fail("payoffs", "expected an object {player: expression}")
    unknown = sorted(set(payoffs) - set(players))
    if unknown:
        fail(f"payoffs.{unknown[0]}", "not a player")
    known = {**symbols, **var_syms}
    exprs = []
    for p in players:
        if p not in payoffs:
            fail("payoffs", f"no payoff for player {p!r}")
        exprs.append(parse_expression(payoffs[p], known, where=f"{source}: payoffs.{p}"))
    try:
        game = ContinuousGame(exprs, bounds, variables=[tuple(b) if len(b) > 1 else b[0]
                                                         for b in blocks],
                              players=players, title=title)
        used = set(game.parameters)
        values = {symbols[k]: v for k, v in values.items() if symbols[k] in used}
        if values:
            game = game.subs(values)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return game


def _parameters(obj, fail, source):
    """Parameter name -> real Symbol, and name -> value for those given one."""
    params = obj.get("parameters", {}) or {}
    if not isinstance(params, dict):
        fail("parameters", "expected an object {name: value or null}")
    from ..io_json import PARAMETER_DOMAINS, unknown_domain_word

    symbols, values = {}, {}
    for name, val in params.items():
        if not (isinstance(name, str) and name.isidentifier()):
            fail("parameters", f"{name!r} is not a valid name")
        # a domain word ("positive", ...) keeps the parameter free with that sign, as in
        # normal-form files
        word = val.strip() if isinstance(val, str) else None
        if refusal := unknown_domain_word(val):
            fail(f"parameters.{name}", refusal)
        symbols[name] = sp.Symbol(name, real=True, **PARAMETER_DOMAINS.get(word or "real", {}))
        if val is not None and word not in PARAMETER_DOMAINS:
            values[name] = parse_expression(val, {}, where=f"{source}: parameters.{name}")
    return symbols, values


def _variables(variables, players, symbols, fail):
    """Each player's choice variables (a list of Symbols per player) and name -> Symbol."""
    n = len(players)
    if not isinstance(variables, list) or len(variables) != n:
        fail("variables", f"expected a list with one entry per player ({n})")
    var_syms, blocks = {}, []
    for i, v in enumerate(variables):
        names = v if isinstance(v, list) else [v]
        blk = []
        for name in names:
            where = f"variables[{i}] (player {players[i]!r})"
            if not (isinstance(name, str) and name.isidentifier()):
                fail(where, f"{name!r} is not a valid name")
            if name in symbols:
                fail(where, f"{name!r} is also a parameter")
            if name in var_syms:
                fail(where, f"{name!r} is used twice")
            var_syms[name] = sp.Symbol(name, real=True)
            blk.append(var_syms[name])
        blocks.append(blk)
    return blocks, var_syms


def _bounds(intervals, variables, blocks, players, symbols, fail, source):
    """Each player's interval ``(lower, upper)`` (a list of them for several variables);
    bounds are expressions over the parameters, None for unbounded."""
    if not isinstance(intervals, list) or len(intervals) != len(players):
        fail("intervals", f"expected a list with one entry per player ({len(players)})")
    bounds = []
    for i, iv in enumerate(intervals):
        where = f"intervals[{i}] (player {players[i]!r})"
        vec = isinstance(variables[i], list)
        ivs = iv if vec else [iv]
        if vec and (not isinstance(iv, list) or len(iv) != len(blocks[i])):
            fail(where, f"expected {len(blocks[i])} intervals, one per choice variable")
        out = []
        for k, pair in enumerate(ivs):
            if not isinstance(pair, list) or len(pair) != 2:
                fail(where, f"expected [lower, upper], got {pair!r}")
            at = f"{where}[{k}]" if vec else where
            out.append(tuple(None if b is None else
                             parse_expression(b, symbols, where=f"{source}: {at}[{j}]")
                             for j, b in enumerate(pair)))
        bounds.append(out if vec else out[0])
    return bounds


def read_continuous_json(path) -> ContinuousGame:
    """Read a ``continuous`` JSON game file (see :func:`continuous_from_json`).

    Examples
    --------
    >>> import pathlib, govgames.games as games
    >>> g = read_continuous_json(pathlib.Path(games.__file__).parent / "examples"
    ...                          / "cournot_duopoly.json")
    >>> g.players
    ('Firm 1', 'Firm 2')
    """
    from ..io import read_json_file
    return continuous_from_json(read_json_file(path), source=str(path))
