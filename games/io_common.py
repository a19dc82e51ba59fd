"""Shared pieces of the game-file readers and writers: reading a text or JSON file safely,
building a game table from parsed numbers, and writing a number back as exact text.

Used by the JSON reader (:mod:`govgames.games.io_json`), the Gambit ``.nfg`` reader
(:mod:`govgames.games.nfg`), the ``.efg`` reader and the readers of coalitional games and entry
rules; :mod:`govgames.games.io` re-exports the public names.
"""

from __future__ import annotations

import json
import math
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import sympy as sp

from .errors import InputError
from .files import check_new_file
from .game import NormalFormGame
from .numbers import ExactFloat

__all__ = ["read_text_file", "parse_json_text", "read_json_file", "MAX_FILE_SIZE", "MAX_PLAYERS"]

#: Most players of a game table: the payoff array has one dimension per player plus one, and
#: numpy arrays have at most 64 dimensions.
MAX_PLAYERS = 63

#: Largest file read (bytes); game tables larger than this are not hand-written files.
MAX_FILE_SIZE = 200_000_000


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
    return decode_text(data, str(path), what)


def decode_text(data: bytes, source: str, what: str, empty: str = "the file is empty") -> str:
    """The UTF-8 text of ``data`` read from ``source``, refusing binary, non-UTF-8 and empty input.

    >>> decode_text(b"NFG 1 R", "g.nfg", "game file")
    'NFG 1 R'
    """
    if b"\x00" in data:
        raise InputError(f"{source}: binary data, not UTF-8 text (expected a text {what})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f"{source}: {empty}")
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
        raise InputError(f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON "
                         f"({exc.msg})") from None
    except RecursionError:
        # valid JSON, but Python's reader recurses once per level (about sys.getrecursionlimit()
        # levels); a "tree" file nests two levels per move, so a 1000-move chain ends here
        # (the game-tree advice only where the text names a tree)
        tree = ('; a "tree" file nests two per move, so write a tree more than about 400 '
                'moves deep as a Gambit .efg file, which is flat' if '"tree"' in text else "")
        raise InputError(f"{source}: the JSON is nested too deeply for Python's JSON reader "
                         f"(more than about {sys.getrecursionlimit()} levels of objects and "
                         f"arrays{tree})") from None
    except _DuplicateKey as exc:
        raise InputError(f"{source}: key {exc.args[0]!r} appears twice in one JSON "
                         "object") from None
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



def _check_target(path, overwrite) -> Path:
    return check_new_file(path, overwrite)
