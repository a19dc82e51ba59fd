"""The JSON normal-form game format: read and write.

The format (``{"type": "normal_form", "players": ..., "strategies": ..., "parameters": ...,
"payoffs": {player: nested array}}``) allows numbers, rational strings and arithmetic expressions
over declared parameters; expressions are read by the whitelist parser
:func:`govgames.games.expr.parse_expression`, never evaluated as code. Parameters with a value are
substituted; those declared with ``null`` stay symbolic (any real number), as do those declared
with a domain word, ``"positive"``, ``"nonnegative"``, ``"negative"`` or ``"nonpositive"``, which
symbolic conditions use to decide what always or never holds. Every malformed file raises one
:class:`~govgames.games.errors.InputError` naming the file and the JSON path
(``payoffs.B[1][0]``).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NoReturn

import numpy as np
import sympy as sp
from sympy.printing.str import StrPrinter

from .errors import InputError
from .expr import ALLOWED_FUNCTIONS, as_sympy, parse_expression, parse_number
from .files import write_file
from .game import NormalFormGame
from .io_common import MAX_PLAYERS, _check_target, _make_game, read_json_file

if TYPE_CHECKING:
    from .continuous.game import ContinuousGame

#: ``fail(json_path, message)`` raises an InputError naming the source and the path
_Fail = Callable[[str, str], NoReturn]

__all__ = ["game_from_json", "game_to_json", "read_json", "write_json", "PARAMETER_DOMAINS"]

#: Domain words a JSON file may give a free parameter instead of ``null`` (any real number),
#: with the sympy assumptions they stand for.
PARAMETER_DOMAINS = {"real": {}, "positive": {"positive": True},
                     "nonnegative": {"nonnegative": True}, "negative": {"negative": True},
                     "nonpositive": {"nonpositive": True}}


def unknown_domain_word(val) -> str | None:
    """The refusal of a parameter value that reads as a word but is no domain word, or None.

    >>> print(unknown_domain_word("weird"))  # doctest: +ELLIPSIS
    'weird' is neither a number nor a domain word (null, "real", "positive", ..., "nonpositive")
    >>> unknown_domain_word("2/3") is None, unknown_domain_word("positive") is None
    (True, True)
    """
    word = val.strip() if isinstance(val, str) else ""
    if not word.isidentifier() or word in PARAMETER_DOMAINS:
        return None
    words = ", ".join(f'"{w}"' for w in PARAMETER_DOMAINS)
    return f"{val.strip()!r} is neither a number nor a domain word (null, {words})"


def _path(base, *keys) -> str:
    out = base
    for k in keys:
        if isinstance(k, int):
            out += f"[{k}]"
        else:
            out = f"{out}.{k}" if out else str(k)
    return out


#: Characters refused in player and strategy names (control characters, lone surrogates).
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _integer_tables(per_player, shape):
    """The payoff arrays as one float array of shape ``(n,) + shape`` when every entry is a
    plain JSON integer below ``2**53`` in absolute value (exact as floats) and the nesting is
    regular; otherwise None (the entry-by-entry reader then checks and names every entry)."""
    if math.prod(shape) < 10_000:  # small tables: the exact reader is fast enough
        return None
    out = np.empty((len(per_player),) + tuple(shape), dtype=float)
    for i, (_, arr) in enumerate(per_player):
        flat = arr
        for _ in range(len(shape) - 1):
            if not isinstance(flat, list) or not all(isinstance(x, list) for x in flat):
                return None
            flat = list(itertools.chain.from_iterable(flat))
        if not isinstance(flat, list) or set(map(type, flat)) != {int}:  # no bools, floats, text
            return None
        try:
            a = np.array(arr, dtype=np.int64)
        except (ValueError, OverflowError, TypeError):  # ragged or beyond int64
            return None
        if a.shape != tuple(shape) or (a.size and (a.max() >= 2**53 or a.min() <= -2**53)):
            return None
        out[i] = a
    return out


def game_from_json(obj, source: str = "<json>") -> NormalFormGame | ContinuousGame:
    """Build a game from the JSON normal-form object (already decoded).

    Parameters
    ----------
    obj : dict
        The decoded JSON object.
    source : str
        Name of the file (or other source) used in error messages.

    Returns
    -------
    NormalFormGame
        Numeric when every parameter has a value; symbolic otherwise (its free parameters are
        the parameters declared with ``null``). An object with ``"type": "continuous"`` gives a
        :class:`~govgames.games.continuous.ContinuousGame` instead.

    Raises
    ------
    InputError
        Naming the source and the JSON path of the first problem found.

    References
    ----------
    The file-format reference of the documentation, section "Normal-form games: JSON".

    Examples
    --------
    >>> obj = {"type": "normal_form", "players": ["A", "B"],
    ...        "strategies": [["Abate", "Pollute"], ["Abate", "Pollute"]],
    ...        "parameters": {"b": 4, "c": 3, "s": "1/2"},
    ...        "payoffs": {"A": [["b - c + s*b", "s*b - c"], ["b", 0]],
    ...                    "B": [["b - c + s*b", "b"], ["s*b - c", 0]]}}
    >>> g = game_from_json(obj)
    >>> g.payoff(("Abate", "Abate"))
    array([3., 3.])
    >>> obj["parameters"]["c"] = None
    >>> game_from_json(obj).parameters
    (c,)
    >>> obj["payoffs"]["B"][1][0] = "__import__('os').system('rm -rf /')"
    >>> game_from_json(obj, source="evil.json")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: evil.json: payoffs.B[1][0] (player 'B', ...): ... min, ...
    """
    fail = _failure(source)
    if not isinstance(obj, dict):
        fail("", f"expected a JSON object at the top level, got {type(obj).__name__}")
    kind = obj.get("type", "normal_form")
    if kind == "continuous":  # players choosing real numbers: games.continuous reads these
        from .continuous.io import continuous_from_json
        return continuous_from_json(obj, source=source)
    if kind != "normal_form":
        fail("type", f"expected \"normal_form\", got {kind!r} (use `govgames value` for "
             "coalitional games)" if kind in ("coalitional", "weighted_voting") else
             f"expected \"normal_form\", got {kind!r} (read game trees with read_any_game)"
             if kind == "tree" else f"expected \"normal_form\", got {kind!r}")
    known = {"type", "title", "players", "strategies", "parameters", "payoffs", "description"}
    extra = sorted(set(obj) - known)
    if extra:
        hint = ""
        if "type" not in obj:  # read as a normal-form game only because "type" is missing
            if "root" in obj:
                hint = '; a game tree needs "type": "tree"'
            elif {"variables", "intervals"} & set(obj):
                hint = '; a game with continuous choices needs "type": "continuous"'
        fail(extra[0], f"unknown key (allowed: {', '.join(sorted(known))}){hint}")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        fail("title", "must be a string")
    players = _json_players(obj.get("players"), fail)
    strategies = _json_strategies(obj.get("strategies"), players, fail)
    n, shape = len(players), tuple(len(r) for r in strategies)
    mapping = _json_parameters(obj.get("parameters", {}), fail, source)
    per_player = _json_payoff_arrays(obj.get("payoffs"), players, fail)
    fast = _integer_tables(per_player, shape)
    if fast is not None:  # plain integers: read in bulk by numpy (a large table in seconds)
        try:
            return NormalFormGame(fast, players=players, strategies=strategies, title=title)
        except InputError as exc:
            raise InputError(f"{source}: {exc}") from None
    values = []
    for i, (base, arr) in enumerate(per_player):
        values.extend(_json_payoffs_of(i, base, arr, players, strategies, mapping, fail, source))
    for v in values:
        if v.is_number and (v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not v.is_real):
            fail("payoffs", f"a payoff evaluates to {v} (not a finite real number)")
    return _make_game(values, n, shape, players, strategies, title, source)


def _failure(source) -> _Fail:
    """``fail(where, msg)``: raise an InputError naming the source and the JSON path."""
    def fail(where: str, msg: str) -> NoReturn:
        raise InputError(f"{source}: {where}: {msg}" if where else f"{source}: {msg}")
    return fail


def _json_players(players, fail: _Fail) -> list:
    """The checked list of player names."""
    if not isinstance(players, list) or not players:
        fail("players", "must be a non-empty list of player names")
    if len(players) > MAX_PLAYERS:
        fail("players", f"{len(players)} players; at most {MAX_PLAYERS} are supported (numpy "
             "arrays have at most 64 dimensions)")
    for k, p in enumerate(players):
        if not isinstance(p, str) or not p.strip():
            fail(f"players[{k}]", f"player name must be a non-empty string, got {p!r}")
        if _BAD_NAME.search(p):
            fail(f"players[{k}]", f"player name {p!r} contains a control character or a lone "
                 "surrogate")
    if len(set(players)) != len(players):
        fail("players", f"player names must be distinct, got {players}")
    return players


def _json_strategies(strategies, players, fail: _Fail) -> list:
    """The checked lists of strategy names, one per player (refusing huge tables)."""
    n = len(players)
    if not isinstance(strategies, list) or len(strategies) != n:
        fail("strategies", f"must be a list with one list of strategy names per player ({n})")
    for i, row in enumerate(strategies):
        if not isinstance(row, list) or not row:
            fail(f"strategies[{i}]", f"player {players[i]!r} needs a non-empty list of "
                 "strategy names")
        for k, s in enumerate(row):
            if not isinstance(s, str) or not s.strip():
                fail(f"strategies[{i}][{k}]", f"strategy name must be a non-empty string, got "
                     f"{s!r}")
            if _BAD_NAME.search(s):
                fail(f"strategies[{i}][{k}]", f"strategy name {s!r} of player {players[i]!r} "
                     "contains a control character or a lone surrogate")
        if len(set(row)) != len(row):
            fail(f"strategies[{i}]", f"strategy names of player {players[i]!r} must be distinct")
    size = math.prod(len(r) for r in strategies)
    if size * n > 50_000_000:
        fail("strategies", f"the table would have {size} profiles; too large for a JSON game "
             "file")
    return strategies


def _json_parameters(params, fail, source) -> dict:
    """Parameter name -> exact value, or a sympy Symbol (with its domain) when free."""
    if params is None:
        params = {}
    if not isinstance(params, dict):
        fail("parameters", "must be an object mapping parameter names to values or null")
    mapping = {}
    for name, val in params.items():
        where = f"parameters.{name}"
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or name in ALLOWED_FUNCTIONS:
            fail(where, f"{name!r} is not a valid parameter name")
        if val is None or (isinstance(val, str) and val.strip() in PARAMETER_DOMAINS):
            domain = PARAMETER_DOMAINS[val.strip()] if val is not None else {}
            mapping[name] = sp.Symbol(name, real=True, **domain)
        elif refusal := unknown_domain_word(val):
            fail(where, refusal)
        else:
            try:
                mapping[name] = parse_number(val, where=where)
            except InputError as exc:
                raise InputError(f"{source}: {exc}") from None
    return mapping


def _json_payoff_arrays(payoffs, players, fail: _Fail) -> list:
    """(JSON path, nested array) of every player, from an object or a list in player order."""
    n = len(players)
    if isinstance(payoffs, list):  # also accept a list in player order
        if len(payoffs) != n:
            fail("payoffs", f"needs one array per player ({n}), got {len(payoffs)}")
        return [(_path("payoffs", i), payoffs[i]) for i in range(n)]
    if isinstance(payoffs, dict):
        missing = [p for p in players if p not in payoffs]
        if missing:
            fail("payoffs", f"no payoffs for player {missing[0]!r}")
        unknown = [k for k in payoffs if k not in players]
        if unknown:
            fail(f"payoffs.{unknown[0]}", f"{unknown[0]!r} is not a player (players: "
                 f"{', '.join(players)})")
        return [(f"payoffs.{p}", payoffs[p]) for p in players]
    fail("payoffs", "must be an object mapping each player to a nested array of payoffs")


def _json_payoffs_of(i, base, arr, players, strategies, mapping, fail, source) -> list:
    """Player ``i``'s payoffs in C order over the profiles, each parsed by the whitelist
    parser and named by its JSON path on error."""
    n, shape = len(players), tuple(len(r) for r in strategies)
    flat = []

    def walk(node, depth, where, idx):
        if depth == n:
            if isinstance(node, (list, dict)) or node is None or isinstance(node, bool):
                fail(where, f"expected a payoff (number or expression), got "
                     f"{json.dumps(node)[:40]}")
            prof = ", ".join(strategies[j][k] for j, k in enumerate(idx))
            try:
                flat.append(parse_expression(
                    node, mapping, where=f"{where} (player {players[i]!r}, profile {prof})"))
            except InputError as exc:
                raise InputError(f"{source}: {exc}") from None
            return
        if not isinstance(node, list):
            fail(where, f"expected an array over the {shape[depth]} strategies of player "
                 f"{players[depth]!r}, got {json.dumps(node)[:40]}")
        if len(node) != shape[depth]:
            fail(where, f"has {len(node)} entries; player {players[depth]!r} has "
                 f"{shape[depth]} strategies")
        for k, child in enumerate(node):
            walk(child, depth + 1, f"{where}[{k}]", idx + (k,))

    walk(arr, 0, base, ())
    return flat


class _JsonPrinter(StrPrinter):
    """Prints sympy expressions in the syntax of :func:`govgames.games.expr.parse_expression`."""

    def _print_Max(self, expr):
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr):
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Exp1(self, expr):
        return "exp(1)"

    def _print_Rational(self, expr):
        return f"({expr.p}/{expr.q})"


def _entry_to_json(x):
    if isinstance(x, sp.Basic) and not x.is_number:
        text = _JsonPrinter().doprint(x)
        names = {s.name: s for s in x.free_symbols}
        try:
            parse_expression(text, names, where="")
        except InputError:
            raise InputError(f"the payoff {x} cannot be written in the JSON game format (only "
                             "+ - * / **, numbers, parameters, min, max, exp, log, sqrt)") from None
        return text
    if isinstance(x, sp.Basic):
        if x.is_Integer:
            return int(x)
        if x.is_Rational:
            return f"{int(x.p)}/{int(x.q)}"
        if isinstance(x, sp.Float):
            return float(x)
        text = _JsonPrinter().doprint(x)  # an exact irrational number such as sqrt(2)
        try:
            parse_expression(text, (), where="")
        except InputError:
            return float(x)  # e.g. pi: no exact form in the format; its float value is written
        return text
    f = float(x)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


def _domain_word(symbol) -> str | None:
    """The domain word of a free parameter (None for any real number)."""
    for word, assumptions in PARAMETER_DOMAINS.items():
        if assumptions and all(symbol.assumptions0.get(k) for k in assumptions):
            return word
    return None


def game_to_json(game: NormalFormGame, parameters: dict | None = None) -> dict:
    """The JSON normal-form object of a game (numbers, rational strings and expressions).

    Free parameters of a symbolic game are declared with ``null``, or with their domain word
    (``"positive"``, ...) when the sympy symbol has that assumption; ``parameters`` may give
    values to write alongside (they are substituted when the file is read back).

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]], title="PD")
    >>> game_to_json(g)["payoffs"]
    {'A': [[3, 0], [5, 1]], 'B': [[3, 5], [0, 1]]}
    >>> import sympy as sp
    >>> b = sp.Symbol("b", real=True)
    >>> h = NormalFormGame([[[sp.Max(b, 0), sp.Rational(2, 3)]], [[b**2, 1]]])
    >>> d = game_to_json(h)
    >>> d["parameters"], d["payoffs"]["Player 1"], d["payoffs"]["Player 2"]
    ({'b': None}, [['max(0, b)', '2/3']], [['b**2', 1]])
    """
    P = game.payoff_array
    params = {p.name: _domain_word(p) for p in game.parameters}
    for k, v in (parameters or {}).items():
        params[str(k)] = _entry_to_json(as_sympy(v, where=f'parameter {k!r}'))
    out: dict[str, Any] = {"type": "normal_form"}
    if game.title:
        out["title"] = game.title
    out["players"] = list(game.players)
    out["strategies"] = [list(s) for s in game.strategies]
    if params:
        out["parameters"] = params
    out["payoffs"] = {}
    for i, name in enumerate(game.players):
        arr = np.empty(game.shape, dtype=object)
        for idx in np.ndindex(*game.shape):
            arr[idx] = _entry_to_json(P[(i,) + idx])
        out["payoffs"][name] = arr.tolist()
    return out


def read_json(path) -> NormalFormGame | ContinuousGame:
    """Read a JSON normal-form (or continuous) game file (see :func:`game_from_json`).

    >>> import pathlib, govgames.games as games
    >>> g = read_json(pathlib.Path(games.__file__).parent / "examples" / "transboundary.json")
    >>> g.players
    ('Upstream', 'Downstream')
    """
    return game_from_json(read_json_file(path), source=str(path))


def write_json(game: NormalFormGame, path, *, overwrite: bool = False) -> Path:
    """Write a game as a JSON normal-form file (refuses to replace a file unless ``overwrite``).

    Examples
    --------
    >>> import tempfile, os
    >>> import sympy as sp
    >>> g = NormalFormGame([[[1, 0]], [[0, sp.Rational(1, 2)]]])
    >>> p = write_json(g, os.path.join(tempfile.mkdtemp(), "g.json"))
    >>> read_json(p).exact_payoffs()[1, 0, 1]
    Fraction(1, 2)
    """
    path = _check_target(path, overwrite)
    return write_file(path, json.dumps(game_to_json(game), indent=1, ensure_ascii=False) + "\n",
                      overwrite=overwrite)


