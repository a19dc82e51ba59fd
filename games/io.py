"""Game files: Gambit's ``.nfg`` format and the JSON normal-form format.

Both are described, with examples, in the file-format reference of the documentation
(``docs/reference/formats/index.md``).

Gambit's strategic-game format [1]_ comes in two variants, both read and written here:

* the **payoff list**: after the header, the payoffs of every player at every pure profile,
  profiles ordered with the first player's strategy changing fastest;
* the **outcome list**: a list of outcomes ``{ "label" u_1, u_2, ... }`` followed by one outcome
  number per profile (same order; ``0`` is the null outcome with all payoffs zero).

The JSON format (``{"type": "normal_form", "players": ..., "strategies": ..., "parameters": ...,
"payoffs": {player: nested array}}``) allows numbers, rational strings and arithmetic expressions
over declared parameters; expressions are read by the whitelist parser
:func:`govgames.games.expr.parse_expression`, never evaluated as code. Parameters with a value are
substituted; those declared with ``null`` stay symbolic (any real number), as do those declared
with a domain word, ``"positive"``, ``"nonnegative"``, ``"negative"`` or ``"nonpositive"``, which
symbolic conditions use to decide what always or never holds.

Every malformed file raises one :class:`~govgames.games.errors.InputError` naming the file and the line
(``.nfg``) or the JSON path (``payoffs.B[1][0]``).

References
----------
.. [1] The Gambit Project, "Game representation formats", *Gambit documentation*,
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import itertools
import json
import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import sympy as sp
from sympy.printing.str import StrPrinter

from .errors import InputError
from .expr import ALLOWED_FUNCTIONS, as_sympy, parse_expression, parse_number
from .game import NormalFormGame
from .files import check_new_file, write_file
from .numbers import ExactFloat, exact_rational, short_text

#: Domain words a JSON file may give a free parameter instead of ``null`` (any real number),
#: with the sympy assumptions they stand for.
PARAMETER_DOMAINS = {"real": {}, "positive": {"positive": True},
                     "nonnegative": {"nonnegative": True}, "negative": {"negative": True},
                     "nonpositive": {"nonpositive": True}}

__all__ = ["read_game", "write_game", "game_from_json", "game_to_json", "read_json", "write_json",
           "read_nfg", "write_nfg", "parse_nfg", "game_to_nfg", "read_text_file", "read_any_game",
           "parse_json_text", "read_json_file"]

#: Most players of a game table: the payoff array has one dimension per player plus one, and
#: numpy arrays have at most 64 dimensions.
MAX_PLAYERS = 63

#: Largest file read (bytes); game tables larger than this are not hand-written files.
MAX_FILE_SIZE = 200_000_000


# ---------------------------------------------------------------------------- helpers
def read_text_file(path, *, what: str = "game file", max_bytes: int = MAX_FILE_SIZE) -> str:
    """Read a UTF-8 data file, turning every way it can be unreadable into one clear error.

    Shared by every reader of data files in govgames (game files here, coalitional game files in
    :mod:`govgames.networks.io`, entry rules in :mod:`govgames.networks.entry`).

    >>> read_text_file("no/such/file.json", what="rule file")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: no/such/file.json: no such file
    """
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a {what}")
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: file too large ({size} bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:  # e.g. "file name too long": not a path at all
        raise InputError(f"{str(path)[:60]}: cannot read the {what} ({exc.strerror})") from None
    if b"\x00" in data:
        raise InputError(f"{path}: binary data, not UTF-8 text (expected a text {what})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return text


def parse_json_text(text: str, *, source: str = "JSON"):
    """Parse JSON text; a repeated key, deep nesting or a malformed document is an InputError.

    >>> parse_json_text('{"a": 1, "a": 2}', source="g.json")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: g.json: key 'a' appears twice in one JSON object
    """
    try:
        # numbers with a fraction or exponent keep their text: 1e-400 is not silently 0.0
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_float=ExactFloat)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise InputError(f"{source}: invalid JSON: nested too deeply") from None
    except _DuplicateKey as exc:
        raise InputError(f"{source}: key {exc.args[0]!r} appears twice in one JSON object") from None
    except ValueError as exc:  # e.g. an integer literal with more than 4300 digits
        raise InputError(f"{source}: invalid JSON ({exc})") from None


def read_json_file(path, *, what: str = "game file", max_bytes: int = MAX_FILE_SIZE):
    """:func:`read_text_file` then :func:`parse_json_text`."""
    from .budget import check_memory
    try:
        size = Path(path).stat().st_size if Path(path).is_file() else 0
    except OSError:
        size = 0
    # decoded JSON takes about 30 bytes of Python objects per byte of text (numbers, lists)
    check_memory(30 * size, f"{path}: reading {size:,} bytes of JSON",
                 "split the data or use a binary format")
    return parse_json_text(read_text_file(path, what=what, max_bytes=max_bytes), source=str(path))


def _exact_as_float(values) -> bool:
    """True when every sympy number prints back exactly after a round trip through float."""
    for v in values:
        try:
            f = float(v)
        except TypeError:
            return False
        if not math.isfinite(f):
            return False
        if isinstance(v, sp.Rational) or isinstance(v, Fraction):
            q = Fraction(int(v.p), int(v.q)) if isinstance(v, sp.Rational) else v
            if Fraction(repr(f)) != q:
                return False
        elif not v.is_number:
            return False
    return True


def _make_game(values, n, shape, players, strategies, title, where) -> NormalFormGame:
    """Build a game from a flat list of sympy numbers/expressions in C order over (n, shape)."""
    if values and all(getattr(v, "is_Integer", False) for v in values):
        ints = [int(v) for v in values]  # fast path: integer payoffs (most .nfg files)
        if max(map(abs, ints)) < 2**53:  # exact as floats
            values = None
            arr = np.array(ints, dtype=float).reshape((n,) + tuple(shape))
    if values is None:
        pass
    elif all(isinstance(v, sp.Basic) and v.is_number for v in values) and _exact_as_float(values):
        arr = np.array([float(v) for v in values], dtype=float).reshape((n,) + tuple(shape))
    else:
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        arr = arr.reshape((n,) + tuple(shape))
    try:
        return NormalFormGame(arr, players=players, strategies=strategies, title=title)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _number_text(x) -> str:
    """A payoff as text that Gambit and the JSON reader both read back exactly."""
    if isinstance(x, sp.Basic):
        if x.is_Integer:
            return str(int(x))
        if x.is_Rational:
            return f"{int(x.p)}/{int(x.q)}"
        x = float(x)
    f = float(x)
    if f.is_integer() and abs(f) < 1e16:
        return str(int(f))
    r = repr(f)
    if "e" in r or "E" in r:
        q = Fraction(r)
        return f"{q.numerator}/{q.denominator}"
    return r


# ---------------------------------------------------------------------------- JSON
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


def game_from_json(obj, source: str = "<json>") -> NormalFormGame:
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
        the parameters declared with ``null``).

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
    govgames.games.errors.InputError: evil.json: payoffs.B[1][0] (player 'B', profile Pollute, Abate): only arithmetic over declared parameters is allowed; found a call to something other than min, max, exp, log, sqrt in "__import__('os').system('rm -rf /')"
    """
    def fail(where, msg):
        raise InputError(f"{source}: {where}: {msg}" if where else f"{source}: {msg}")

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
        fail(extra[0], f"unknown key (allowed: {', '.join(sorted(known))})")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        fail("title", "must be a string")
    players = obj.get("players")
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
    n = len(players)
    strategies = obj.get("strategies")
    if not isinstance(strategies, list) or len(strategies) != n:
        fail("strategies", f"must be a list with one list of strategy names per player ({n})")
    for i, row in enumerate(strategies):
        if not isinstance(row, list) or not row:
            fail(f"strategies[{i}]", f"player {players[i]!r} needs a non-empty list of strategy names")
        for k, s in enumerate(row):
            if not isinstance(s, str) or not s.strip():
                fail(f"strategies[{i}][{k}]", f"strategy name must be a non-empty string, got {s!r}")
            if _BAD_NAME.search(s):
                fail(f"strategies[{i}][{k}]", f"strategy name {s!r} of player {players[i]!r} "
                     "contains a control character or a lone surrogate")
        if len(set(row)) != len(row):
            fail(f"strategies[{i}]", f"strategy names of player {players[i]!r} must be distinct")
    shape = tuple(len(r) for r in strategies)
    size = math.prod(shape)
    if size * n > 50_000_000:
        fail("strategies", f"the table would have {size} profiles; too large for a JSON game file")

    params = obj.get("parameters", {})
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
        else:
            try:
                mapping[name] = parse_number(val, where=where)
            except InputError as exc:
                raise InputError(f"{source}: {exc}") from None

    payoffs = obj.get("payoffs")
    if isinstance(payoffs, list):  # also accept a list in player order
        if len(payoffs) != n:
            fail("payoffs", f"needs one array per player ({n}), got {len(payoffs)}")
        per_player = [(_path("payoffs", i), payoffs[i]) for i in range(n)]
    elif isinstance(payoffs, dict):
        missing = [p for p in players if p not in payoffs]
        if missing:
            fail("payoffs", f"no payoffs for player {missing[0]!r}")
        unknown = [k for k in payoffs if k not in players]
        if unknown:
            fail(f"payoffs.{unknown[0]}", f"{unknown[0]!r} is not a player (players: {', '.join(players)})")
        per_player = [(f"payoffs.{p}", payoffs[p]) for p in players]
    else:
        fail("payoffs", "must be an object mapping each player to a nested array of payoffs")

    fast = _integer_tables(per_player, shape)
    if fast is not None:  # plain integers: read in bulk by numpy (a large table in seconds)
        try:
            return NormalFormGame(fast, players=players, strategies=strategies, title=title)
        except InputError as exc:
            raise InputError(f"{source}: {exc}") from None
    values = []
    for i, (base, arr) in enumerate(per_player):
        flat = []

        def walk(node, depth, where, idx):
            if depth == n:
                if isinstance(node, (list, dict)) or node is None or isinstance(node, bool):
                    fail(where, f"expected a payoff (number or expression), got {json.dumps(node)[:40]}")
                prof = ", ".join(strategies[j][k] for j, k in enumerate(idx))
                try:
                    flat.append(parse_expression(node, mapping,
                                                 where=f"{where} (player {players[i]!r}, profile {prof})"))
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
        values.extend(flat)
    for v in values:
        if v.is_number and (v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or not v.is_real):
            fail("payoffs", f"a payoff evaluates to {v} (not a finite real number)")
    return _make_game(values, n, shape, players, strategies, title, source)


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
    out = {"type": "normal_form"}
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


def read_json(path) -> NormalFormGame:
    """Read a JSON normal-form game file (see :func:`game_from_json`).

    >>> import pathlib, govgames.games as games
    >>> g = read_json(pathlib.Path(games.__file__).parent / "examples" / "transboundary.json")
    >>> g.players
    ('Upstream', 'Downstream')
    """
    return game_from_json(read_json_file(path), source=str(path))


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs):
    """``object_pairs_hook`` of :func:`json.loads`: refuse ``{"A": .., "A": ..}`` (silently the
    last one would win)."""
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKey(key)
        obj[key] = value
    return obj


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


# ---------------------------------------------------------------------------- NFG
# a quoted label ends at the first '"' not preceded by a backslash (as in Gambit's lexer)
_TOKEN = re.compile(r'"((?:[^"]|(?<=\\)")*)"|(\{)|(\})|(,)|([^\s{},"]+)|(")', re.S)


def _gambit_label(raw: str) -> str:
    r"""The label Gambit's lexer reads from the text between the quotes.

    A backslash before a quote gives the quote; a backslash before any other character is kept
    together with that character (Gambit, ``src/games/file.cc``, ``GameFileLexer``).

    >>> print(_gambit_label(r'say \"hi\"'), _gambit_label(r'C:\temp'))
    say "hi" C:\temp
    """
    if "\\" not in raw:
        return raw
    out = []
    lastslash = False
    for a in raw:
        if lastslash and a == '"':
            out.append('"')
        elif lastslash:
            out.append("\\" + a)
        elif a != "\\":
            out.append(a)
        lastslash = a == "\\"
    return "".join(out)


def unique_labels(labels) -> tuple[list, list]:
    """Labels made distinct and nonempty as Gambit does, and a note for each renamed one.

    An empty label, or a label used more than once, becomes ``label_1``, ``label_2``, ... with
    the next number not already in use (Gambit 16.4, ``NormalizeLabels``); a label used once
    is kept.

    Parameters
    ----------
    labels : list of str

    Returns
    -------
    (list of str, list of str)
        The new labels and, for every change, ``"'old' -> 'new'"``.

    Examples
    --------
    >>> unique_labels(["", ""])
    (['_1', '_2'], ["'' -> '_1'", "'' -> '_2'"])
    >>> unique_labels(["x", "x", "x_1", ""])[0]
    ['x_2', 'x_3', 'x_1', '_1']
    """
    from collections import Counter

    counts = Counter(labels)
    used = set(labels)
    visited: dict = {}
    out, notes = [], []
    for label in labels:
        if counts[label] == 1 and label != "":
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
        notes.append(f"{label!r} -> {candidate!r}")
    return out, notes


_NUMERIC_TAIL = re.compile(r"[\s0-9+-]*")


def _tokens_with_bulk(text, source):
    """:func:`_tokens`, but a long run of integers at the end (the payoff list or the outcome
    numbers of a large game) becomes one ``("bulk", int64 array, line)`` token, read by numpy
    instead of one Python token and sympy integer per number."""
    tail = len(text) - _NUMERIC_TAIL.match(text[::-1]).end()
    if len(text) - tail < 100_000:
        return _tokens(text, source)
    while tail < len(text) and tail > 0 and not text[tail - 1].isspace() \
            and text[tail - 1] not in '{}",':
        tail += 1  # the run starts inside a token (such as "1.5"): leave that token to the head
    from .budget import check_memory
    check_memory(30 * (len(text) - tail), f"{source}: reading {len(text) - tail:,} characters of "
                 "numbers", "use fewer strategies")
    try:
        arr = np.array(text[tail:].split(), dtype=np.int64)
    except (ValueError, OverflowError):
        return _tokens(text, source)
    if arr.size == 0 or np.abs(arr).max() >= 2**53:
        return _tokens(text, source)
    toks, line = _tokens(text[:tail], source)
    toks.append(("bulk", arr, line))
    return toks, line + text.count("\n", tail)


def _tokens(text, source):
    """(kind, value, line) tokens: 'str', '{', '}', 'word'. Commas are separators and dropped."""
    if len(text) > 1_000_000:  # a token and its number take up to ~100 bytes per character
        from .budget import check_memory
        check_memory(100 * len(text), f"{source}: reading {len(text):,} characters of .nfg "
                     "tokens", "write the payoffs as plain integers (read in bulk) or use "
                     "fewer strategies")
    out = []
    line = 1
    pos = 0
    for m in _TOKEN.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        if m.group(6) is not None:
            raise InputError(f"{source}: line {line}: unterminated quoted string")
        if m.group(1) is not None:
            out.append(("str", _gambit_label(m.group(1)), line))
        elif m.group(2):
            out.append(("{", "{", line))
        elif m.group(3):
            out.append(("}", "}", line))
        elif m.group(4):
            pass
        else:
            out.append(("word", m.group(5), line))
    return out, line + text.count("\n", pos)


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(/\d+)?")
_INTEGER = re.compile(r"[+-]?\d{1,299}")


def _nfg_number(tok, source):
    kind, val, line = tok
    if kind == "word" and _INTEGER.fullmatch(val):  # fast path for integer payoffs
        return sp.Integer(int(val))
    if kind != "word" or not _NUMBER.fullmatch(val):
        shown = val if len(val) <= 60 else f"{val[:54]}... ({len(val)} characters)"
        shown = f'"{shown}"' if kind == "str" else shown
        raise InputError(f"{source}: line {line}: expected a number, got {shown}")
    q = exact_rational(val, where=f"{source}: line {line}")
    return sp.Rational(q.numerator, q.denominator)


def parse_nfg(text: str, source: str = "<nfg>") -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file (payoff-list or outcome-list variant).

    Parameters
    ----------
    text : str
    source : str
        Name used in error messages.

    Returns
    -------
    NormalFormGame

    References
    ----------
    Gambit documentation, "Game representation formats: the strategic game (.nfg) format".

    Examples
    --------
    >>> g = parse_nfg('''NFG 1 R "PD" { "Row" "Col" } { 2 2 }
    ... 3 3 5 0 0 5 1 1''')
    >>> print(g)
    PD
    Row \\ Col | 1    | 2
    --------- | ---- | ----
    1         | 3, 3 | 0, 5
    2         | 5, 0 | 1, 1
    >>> h = parse_nfg('''NFG 1 R "BoS" { "She" "He" }
    ... { { "Opera" "Fight" } { "Opera" "Fight" } }
    ... ""
    ... { { "" 2, 1 } { "" 1, 2 } }
    ... 1 0 0 2''')
    >>> h.payoff(("Fight", "Fight"))
    array([1., 2.])
    >>> parse_nfg('NFG 1 R "x" { "A" "B" } { 2 2 }\\n1 2 3', source="bad.nfg")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: bad.nfg: line 2: expected 8 payoffs (2 players x 4 profiles), found 3
    """
    toks, last_line = _tokens_with_bulk(text, source)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else ("eof", "end of file", last_line)

    def take(kind=None, what=None):
        nonlocal pos
        tok = peek()
        if tok[0] == "eof" or (kind is not None and tok[0] != kind):
            shown = {"str": f'"{tok[1]}"', "eof": "the end of the file"}.get(tok[0], tok[1])
            raise InputError(f"{source}: line {tok[2]}: expected {what or kind}, found {shown}")
        pos += 1
        return tok

    head = take("word", "the header 'NFG 1 R'")
    if head[1] != "NFG":
        raise InputError(f"{source}: line {head[2]}: not a Gambit .nfg file (it must start with 'NFG 1 R')")
    ver = take("word", "the version number 1")
    if ver[1] != "1":
        raise InputError(f"{source}: line {ver[2]}: unsupported .nfg version {ver[1]!r} (expected 1)")
    rd = take("word", "'R' or 'D'")
    if rd[1] not in ("R", "D"):
        raise InputError(f"{source}: line {rd[2]}: expected 'R' or 'D' after the version, found {rd[1]}")
    title = take("str", "the game's title in double quotes")[1]
    take("{", "'{' opening the list of player names")
    players = []
    while peek()[0] == "str":
        players.append(take()[1])
    take("}", "a player name in double quotes or '}'")
    if not players:
        raise InputError(f"{source}: line {head[2]}: the game has no players")
    n = len(players)
    if n > MAX_PLAYERS:
        raise InputError(f"{source}: line {head[2]}: {n} players; at most {MAX_PLAYERS} are "
                         "supported (numpy arrays have at most 64 dimensions)")
    open_tok = take("{", "'{' opening the strategies")
    strategies = []
    if peek()[0] == "{":
        for i in range(n):
            take("{", f"'{{' opening the strategies of player {players[i]!r}")
            row = []
            while peek()[0] == "str":
                row.append(take()[1])
            close = take("}", "a strategy name in double quotes or '}'")
            if not row:
                raise InputError(f"{source}: line {close[2]}: player {players[i]!r} has no strategies")
            strategies.append(row)
        take("}", f"'}}' closing the strategies ({n} players)")
    else:
        counts = []
        while peek()[0] == "word":
            tok = take()
            if not re.fullmatch(r"[0-9]{1,9}", tok[1]) or int(tok[1]) < 1:  # not "²"
                raise InputError(f"{source}: line {tok[2]}: number of strategies must be a positive integer, found {tok[1]}")
            counts.append(int(tok[1]))
        close = take("}", "a number of strategies or '}'")
        if len(counts) != n:
            raise InputError(f"{source}: line {close[2]}: {len(counts)} strategy counts for {n} players")
        if math.prod(counts) * n > 50_000_000:  # before making a name for every strategy
            raise InputError(f"{source}: line {open_tok[2]}: the table would have "
                             f"{math.prod(counts)} profiles; too large")
        strategies = [[str(k + 1) for k in range(a)] for a in counts]
    shape = tuple(len(r) for r in strategies)
    size = math.prod(shape)
    if size * n > 50_000_000:
        raise InputError(f"{source}: line {open_tok[2]}: the table would have {size} profiles; too large")
    if peek()[0] == "str":  # the comment
        take()
    # empty or repeated labels (older Gambit versions write unnamed players; Gambit's own
    # examples repeat strategy labels) are made unique as Gambit does, with a note
    label_notes = []
    players, changed = unique_labels(players)
    if changed:
        label_notes.append("player labels renamed as Gambit does: " + ", ".join(changed))
    for i, row in enumerate(strategies):
        strategies[i], changed = unique_labels(row)
        if changed:
            label_notes.append(f"strategy labels of player {players[i]!r} renamed as Gambit "
                               "does: " + ", ".join(changed))

    # profiles in Gambit order: first player fastest
    def gambit_order():
        return (tuple(reversed(idx)) for idx in np.ndindex(*reversed(shape)))
    values = np.empty((n,) + shape, dtype=object)
    if peek()[0] == "{":  # outcome list
        take()
        outcomes = []
        while peek()[0] == "{":
            ob = take()
            if peek()[0] == "str":
                take()
            pays = []
            while peek()[0] == "word":
                pays.append(_nfg_number(take(), source))
            take("}", "a payoff or '}' closing the outcome")
            if len(pays) != n:
                raise InputError(f"{source}: line {ob[2]}: outcome {len(outcomes) + 1} has "
                                 f"{len(pays)} payoffs; the game has {n} players")
            outcomes.append(pays)
        take("}", "'{' opening an outcome or '}' closing the outcome list")
        nums = []
        if peek()[0] == "bulk":
            tok = take()
            bad = tok[1][(tok[1] < 0) | (tok[1] > len(outcomes))]
            if bad.size:
                raise InputError(f"{source}: line {tok[2]}: outcome {int(bad[0])} does not exist "
                                 f"(the file defines {len(outcomes)})")
            nums = tok[1].tolist()
        while peek()[0] == "word":
            tok = take()
            if not re.fullmatch(r"[0-9]{1,18}", tok[1]):
                raise InputError(f"{source}: line {tok[2]}: expected an outcome number, found "
                                 f"{short_text(tok[1])}")
            k = int(tok[1])
            if k > len(outcomes):
                raise InputError(f"{source}: line {tok[2]}: outcome {k} does not exist "
                                 f"(the file defines {len(outcomes)})")
            nums.append(k)
        if len(nums) != size:
            tok = peek()
            raise InputError(f"{source}: line {tok[2] if tok[0] != 'eof' else last_line}: expected "
                             f"{size} outcome numbers (one per profile), found {len(nums)}")
        zero = [sp.Integer(0)] * n
        for idx, k in zip(gambit_order(), nums):
            pays = outcomes[k - 1] if k else zero
            for i in range(n):
                values[(i,) + idx] = pays[i]
    else:
        nums = []
        while peek()[0] == "word":
            nums.append(_nfg_number(take(), source))
        if peek()[0] == "bulk":
            arr = take()[1]
            if not nums and arr.size == n * size and pos == len(toks):
                # first player's strategy fastest: axes (s_n, ..., s_1, player) -> (player, s_1..s_n)
                table = arr.reshape(tuple(reversed(shape)) + (n,)).astype(float)
                table = table.transpose([n] + list(range(n - 1, -1, -1)))
                try:
                    game = NormalFormGame(np.ascontiguousarray(table), players=players,
                                          strategies=strategies, title=title or None)
                except InputError as exc:
                    raise InputError(f"{source}: {exc}") from None
                game.notes = tuple(label_notes)
                return game
            if len(nums) + arr.size == n * size:
                nums.extend(sp.Integer(int(x)) for x in arr)
            else:
                nums = [None] * (len(nums) + arr.size)  # only the count is reported
        if len(nums) != n * size:
            tok = peek()
            line = tok[2] if tok[0] != "eof" else last_line
            raise InputError(f"{source}: line {line}: expected {n * size} payoffs ({n} players x "
                             f"{size} profiles), found {len(nums)}")
        for k, idx in enumerate(gambit_order()):
            for i in range(n):
                values[(i,) + idx] = nums[k * n + i]
    if pos < len(toks):
        tok = toks[pos]
        raise InputError(f"{source}: line {tok[2]}: unexpected {tok[1]!r} after the payoffs")
    game = _make_game(list(values.ravel()), n, shape, players, strategies, title or None, source)
    game.notes = tuple(label_notes)
    return game


def read_nfg(path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (see :func:`parse_nfg`).

    >>> import pathlib, govgames.games as games
    >>> g = read_nfg(pathlib.Path(games.__file__).parent / "examples" / "battle_of_sexes.nfg")
    >>> g.shape
    (2, 2)
    """
    return parse_nfg(read_text_file(path), source=str(path))


def _q(s: str) -> str:
    r"""A label in double quotes that Gambit's lexer reads back as ``s`` (see :func:`_gambit_label`).

    In the file, ``k`` backslashes before a quote read as ``2k - 2`` backslashes and the quote;
    before another character, as ``2k - 1`` backslashes and that character. So a label can be
    written exactly when every run of backslashes before a quote is even, every run before
    another character is odd, and the label does not end with a backslash.

    >>> print(_q('say "hi"'), _q(r"C:\temp"), _q('\\\\"'))
    "say \"hi\"" "C:\temp" "\\""
    >>> _q("A\\\\x")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the label 'A\\\\x' cannot be written to a .nfg file: Gambit reads 2 backslashes before 'x' back as 3 (only an odd number before a character other than a quote, an even number before a quote, and none at the end can be written)
    """
    s = str(s)
    out = []
    for m in re.finditer(r'(\\*)("|[^\\"]|$)', s):
        run, c = len(m.group(1)), m.group(2)
        if not run and not c:
            continue
        if c == '"' and run % 2 == 0:
            out.append("\\" * (run // 2 + 1) + '"')
        elif c and c != '"' and run % 2 == 1:
            out.append("\\" * ((run + 1) // 2) + c)
        elif c and c != '"' and run == 0:
            out.append(c)
        else:
            what = f"before {c!r}" if c else "at the end"
            reads = ("an escaped quote" if not c else
                     f"{run + 1}" if c != '"' else f"{run - 1}")
            raise InputError(
                f"the label {short_text(s)} cannot be written to a .nfg file: Gambit reads {run} "
                f"backslash{'es' if run != 1 else ''} {what} back as {reads} (only an odd number "
                "before a character other than a quote, an even number before a quote, and none "
                "at the end can be written)")
    return '"' + "".join(out) + '"'


def game_to_nfg(game: NormalFormGame, form: str = "payoff") -> str:
    """The text of a Gambit ``.nfg`` file for a numeric game.

    Parameters
    ----------
    game : NormalFormGame
    form : {"payoff", "outcome"}
        The payoff-list variant, or the outcome-list variant (one outcome per profile), which is
        what Gambit 16+ writes.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]], title="PD")
    >>> print(game_to_nfg(g))
    NFG 1 R "PD" { "A" "B" }
    { { "C" "D" } { "C" "D" } }
    ""
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    """
    if form not in ("payoff", "outcome"):
        raise InputError(f"unknown .nfg form {form!r}; use 'payoff' or 'outcome'")
    if game.is_symbolic:
        names = ", ".join(p.name for p in game.parameters)
        raise InputError(f"a .nfg file cannot hold free parameters ({names}); give them values "
                         "with .subs(...) or write JSON")
    P = game.payoff_array
    n = game.n_players
    order = [tuple(reversed(idx)) for idx in np.ndindex(*reversed(game.shape))]
    lines = [f"NFG 1 R {_q(game.title or '')} {{ " + " ".join(_q(p) for p in game.players) + " }",
             "{ " + " ".join("{ " + " ".join(_q(s) for s in row) + " }" for row in game.strategies) + " }",
             '""', ""]
    if form == "payoff":
        lines.append(" ".join(_number_text(P[(i,) + idx]) for idx in order for i in range(n)))
    else:
        lines.append("{")
        for k, idx in enumerate(order):
            lines.append('{ "" ' + ", ".join(_number_text(P[(i,) + idx]) for i in range(n)) + " }")
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(order))))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path, *, form: str = "payoff", overwrite: bool = False) -> Path:
    """Write a numeric game as a Gambit ``.nfg`` file (see :func:`game_to_nfg`).

    Examples
    --------
    >>> import tempfile, os
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> p = write_nfg(g, os.path.join(tempfile.mkdtemp(), "bos.nfg"), form="outcome")
    >>> print(p.read_text().splitlines()[4])
    {
    >>> read_nfg(p) == g
    True
    """
    text = game_to_nfg(game, form=form)
    path = _check_target(path, overwrite)
    return write_file(path, text, overwrite=overwrite)


# ---------------------------------------------------------------------------- by extension
def _check_target(path, overwrite) -> Path:
    return check_new_file(path, overwrite)


def _kind(path) -> str:
    if Path(path).is_dir():
        raise InputError(f"{path}: is a directory, not a game file")
    ext = Path(path).suffix.lower()
    if ext == ".json":
        return "json"
    if ext == ".nfg":
        return "nfg"
    raise InputError(f"{path}: unknown game file type {ext or '(no extension)'!r}; "
                     "expected .nfg (Gambit) or .json")


def read_game(path) -> NormalFormGame:
    """Read a normal-form game from a ``.nfg`` or ``.json`` file (chosen by the extension).

    Examples
    --------
    >>> import pathlib, govgames.games as games
    >>> g = read_game(pathlib.Path(games.__file__).parent / "examples" / "prisoners_dilemma.nfg")
    >>> g.players
    ('Row', 'Column')
    >>> read_game("game.txt")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: game.txt: unknown game file type '.txt'; expected .nfg (Gambit) or .json
    """
    kind = _kind(path)
    return read_json(path) if kind == "json" else read_nfg(path)


def write_game(game: NormalFormGame, path, *, overwrite: bool = False, **options) -> Path:
    """Write a game to ``.nfg`` or ``.json`` (by extension); never replaces a file unless asked.

    Examples
    --------
    >>> import tempfile, os
    >>> g = NormalFormGame([[[1, 0]], [[0, 1]]])
    >>> d = tempfile.mkdtemp()
    >>> p = write_game(g, os.path.join(d, "g.nfg"))
    >>> read_game(p) == g
    True
    >>> write_game(g, p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: ...g.nfg: file exists; pass overwrite=True to replace it
    """
    kind = _kind(path)
    if kind == "json":
        if options:
            raise InputError(f"unknown option(s) for JSON: {', '.join(options)}")
        return write_json(game, path, overwrite=overwrite)
    return write_nfg(game, path, overwrite=overwrite, **options)


def read_any_game(path):
    """Read a normal-form game or a game tree, by extension and JSON ``"type"``.

    ``.efg`` (Gambit) and JSON files of type ``"tree"`` give a
    :class:`~govgames.games.extensive.ExtensiveGame` (read by
    :func:`~govgames.games.extensive.read_efg` and
    :func:`~govgames.games.extensive.tree_from_json`, whose expressions go through the same
    whitelist parser); ``.nfg`` and other JSON files a :class:`NormalFormGame` as
    :func:`read_game`.

    Examples
    --------
    >>> import pathlib, govgames.games as games
    >>> read_any_game(pathlib.Path(games.__file__).parent / "examples" / "entry_deterrence.efg")
    <ExtensiveGame 'Entry deterrence': 2 players ['Entrant', 'Incumbent'], 5 nodes, 2 information sets, perfect information>
    """
    ext = Path(path).suffix.lower()
    if ext == ".efg":
        from .extensive import read_efg

        return read_efg(path)
    if ext == ".json" and not Path(path).is_dir():
        obj = read_json_file(path)
        if isinstance(obj, dict) and obj.get("type") == "tree":
            from .extensive import tree_from_json

            return tree_from_json(obj, source=str(path))
        return game_from_json(obj, source=str(path))
    return read_game(path)
