"""Gambit's strategic-game format (``.nfg``): read and write.

Gambit's strategic-game format [1]_ comes in two variants, both read and written here:

* the **payoff list**: after the header, the payoffs of every player at every pure profile,
  profiles ordered with the first player's strategy changing fastest;
* the **outcome list**: a list of outcomes ``{ "label" u_1, u_2, ... }`` followed by one outcome
  number per profile (same order; ``0`` is the null outcome with all payoffs zero).

The text is split into tokens by the lexer shared with the ``.efg`` reader
(:mod:`govgames.games.gambit_lexer`). Every malformed file raises one
:class:`~govgames.games.errors.InputError` naming the file and the line.

References
----------
.. [1] The Gambit Project, "Game representation formats", *Gambit documentation*,
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import sympy as sp

from .errors import InputError
from .files import write_file
from .gambit_lexer import TokenStream, quote_label
from .game import NormalFormGame
from .io_common import MAX_PLAYERS, _check_target, _make_game, _number_text, read_text_file
from .numbers import exact_rational, short_text

__all__ = ["parse_nfg", "read_nfg", "game_to_nfg", "write_nfg", "unique_labels"]

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
    govgames.games.errors.InputError: bad.nfg: line 2: expected 8 payoffs (...), found 3
    """
    ts = TokenStream(text, source, bulk=True)
    head_line, title, players = _nfg_header(ts)
    n = len(players)
    strategies, open_line = _nfg_strategies(ts, players)
    shape = tuple(len(r) for r in strategies)
    size = math.prod(shape)
    if size * n > 50_000_000:
        ts.fail(open_line, f"the table would have {size} profiles; too large")
    if ts.peek()[0] == "str":  # the comment
        ts.take()
    players, strategies, label_notes = _renamed_labels(players, strategies)
    values = np.empty((n,) + shape, dtype=object)
    if ts.peek()[0] == "{":
        _nfg_outcomes(ts, values)
    else:
        table = _nfg_payoffs(ts, values)
        if table is not None:  # integers read in bulk: the float table directly
            try:
                game = NormalFormGame(table, players=players, strategies=strategies,
                                      title=title or None)
            except InputError as exc:
                raise InputError(f"{source}: {exc}") from None
            game.notes = tuple(label_notes)
            return game
    if not ts.at_end():
        tok = ts.peek()
        ts.fail(tok[2], f"unexpected {tok[1]!r} after the payoffs")
    game = _make_game(list(values.ravel()), n, shape, players, strategies, title or None, source)
    game.notes = tuple(label_notes)
    return game


def _nfg_header(ts):
    """``NFG 1 R "title" { "player" ... }``: (line, title, player labels)."""
    head = ts.take("word", "the header 'NFG 1 R'")
    if head[1] != "NFG":
        ts.fail(head[2], "not a Gambit .nfg file (it must start with 'NFG 1 R')")
    ver = ts.take("word", "the version number 1")
    if ver[1] != "1":
        ts.fail(ver[2], f"unsupported .nfg version {ver[1]!r} (expected 1)")
    rd = ts.take("word", "'R' or 'D'")
    if rd[1] not in ("R", "D"):
        ts.fail(rd[2], f"expected 'R' or 'D' after the version, found {rd[1]}")
    title = ts.take("str", "the game's title in double quotes")[1]
    ts.take("{", "'{' opening the list of player names")
    players = ts.strings()
    ts.take("}", "a player name in double quotes or '}'")
    if not players:
        ts.fail(head[2], "the game has no players")
    if len(players) > MAX_PLAYERS:
        ts.fail(head[2], f"{len(players)} players; at most {MAX_PLAYERS} are supported (numpy "
                "arrays have at most 64 dimensions)")
    return head[2], title, players


def _nfg_strategies(ts, players):
    """The strategy labels (``{ { "a" "b" } ... }``) or counts (``{ 2 3 }``) of every player."""
    n = len(players)
    open_tok = ts.take("{", "'{' opening the strategies")
    if ts.peek()[0] == "{":
        strategies = []
        for name in players:
            ts.take("{", f"'{{' opening the strategies of player {name!r}")
            row = ts.strings()
            close = ts.take("}", "a strategy name in double quotes or '}'")
            if not row:
                ts.fail(close[2], f"player {name!r} has no strategies")
            strategies.append(row)
        ts.take("}", f"'}}' closing the strategies ({n} players)")
        return strategies, open_tok[2]
    counts = []
    while ts.peek()[0] == "word":
        tok = ts.take()
        if not re.fullmatch(r"[0-9]{1,9}", tok[1]) or int(tok[1]) < 1:  # not "²"
            ts.fail(tok[2], f"number of strategies must be a positive integer, found {tok[1]}")
        counts.append(int(tok[1]))
    close = ts.take("}", "a number of strategies or '}'")
    if len(counts) != n:
        ts.fail(close[2], f"{len(counts)} strategy counts for {n} players")
    if math.prod(counts) * n > 50_000_000:  # before making a name for every strategy
        ts.fail(open_tok[2], f"the table would have {math.prod(counts)} profiles; too large")
    return [[str(k + 1) for k in range(a)] for a in counts], open_tok[2]


def _renamed_labels(players, strategies):
    """Empty or repeated labels (older Gambit versions write unnamed players; Gambit's own
    examples repeat strategy labels) made unique as Gambit does, with a note for each change."""
    label_notes = []
    players, changed = unique_labels(players)
    if changed:
        label_notes.append("player labels renamed as Gambit does: " + ", ".join(changed))
    strategies = list(strategies)
    for i, row in enumerate(strategies):
        strategies[i], changed = unique_labels(row)
        if changed:
            label_notes.append(f"strategy labels of player {players[i]!r} renamed as Gambit "
                               "does: " + ", ".join(changed))
    return players, strategies, label_notes


def _gambit_order(shape):
    """Profiles in Gambit's order: the first player's strategy changes fastest."""
    return (tuple(reversed(idx)) for idx in np.ndindex(*reversed(shape)))


def _nfg_outcomes(ts, values):
    """The outcome-list variant: outcomes, then one outcome number per profile, into
    ``values`` (shape ``(n,) + shape``)."""
    n, shape = values.shape[0], values.shape[1:]
    size = math.prod(shape)
    ts.take()
    outcomes = []
    while ts.peek()[0] == "{":
        ob = ts.take()
        if ts.peek()[0] == "str":
            ts.take()
        pays = []
        while ts.peek()[0] == "word":
            pays.append(_nfg_number(ts.take(), ts.source))
        ts.take("}", "a payoff or '}' closing the outcome")
        if len(pays) != n:
            ts.fail(ob[2], f"outcome {len(outcomes) + 1} has {len(pays)} payoffs; the game has "
                    f"{n} players")
        outcomes.append(pays)
    ts.take("}", "'{' opening an outcome or '}' closing the outcome list")
    nums = _nfg_outcome_numbers(ts, len(outcomes))
    if len(nums) != size:
        ts.fail(ts.peek()[2], f"expected {size} outcome numbers (one per profile), found "
                f"{len(nums)}")
    zero = [sp.Integer(0)] * n
    for idx, k in zip(_gambit_order(shape), nums):
        pays = outcomes[k - 1] if k else zero
        for i in range(n):
            values[(i,) + idx] = pays[i]


def _nfg_outcome_numbers(ts, n_outcomes):
    """The outcome numbers after the outcome list (read in bulk when long)."""
    nums = []
    if ts.peek()[0] == "bulk":
        tok = ts.take()
        bad = tok[1][(tok[1] < 0) | (tok[1] > n_outcomes)]
        if bad.size:
            ts.fail(tok[2], f"outcome {int(bad[0])} does not exist (the file defines "
                    f"{n_outcomes})")
        nums = tok[1].tolist()
    while ts.peek()[0] == "word":
        tok = ts.take()
        if not re.fullmatch(r"[0-9]{1,18}", tok[1]):
            ts.fail(tok[2], f"expected an outcome number, found {short_text(tok[1])}")
        k = int(tok[1])
        if k > n_outcomes:
            ts.fail(tok[2], f"outcome {k} does not exist (the file defines {n_outcomes})")
        nums.append(k)
    return nums


def _nfg_payoffs(ts, values):
    """The payoff-list variant into ``values``; or, when the whole list is integers read in
    bulk, the float payoff table of shape ``(n,) + shape`` (``values`` untouched)."""
    n, shape = values.shape[0], values.shape[1:]
    size = math.prod(shape)
    nums = []
    while ts.peek()[0] == "word":
        nums.append(_nfg_number(ts.take(), ts.source))
    if ts.peek()[0] == "bulk":
        arr = ts.take()[1]
        if not nums and arr.size == n * size and ts.at_end():
            # first player's strategy fastest: axes (s_n, ..., s_1, player) -> (player, s_1..s_n)
            table = arr.reshape(tuple(reversed(shape)) + (n,)).astype(float)
            return np.ascontiguousarray(table.transpose([n] + list(range(n - 1, -1, -1))))
        if len(nums) + arr.size == n * size:
            nums.extend(sp.Integer(int(x)) for x in arr)
        else:
            nums = [None] * (len(nums) + arr.size)  # only the count is reported
    if len(nums) != n * size:
        ts.fail(ts.peek()[2], f"expected {n * size} payoffs ({n} players x {size} profiles), "
                f"found {len(nums)}")
    for k, idx in enumerate(_gambit_order(shape)):
        for i in range(n):
            values[(i,) + idx] = nums[k * n + i]
    return None


def read_nfg(path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (see :func:`parse_nfg`).

    >>> import pathlib, govgames.games as games
    >>> g = read_nfg(pathlib.Path(games.__file__).parent / "examples" / "battle_of_sexes.nfg")
    >>> g.shape
    (2, 2)
    """
    return parse_nfg(read_text_file(path), source=str(path))


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
    q = quote_label
    lines = [f"NFG 1 R {q(game.title or '')} {{ " + " ".join(q(p) for p in game.players) + " }",
             "{ " + " ".join("{ " + " ".join(q(s) for s in row) + " }"
                             for row in game.strategies) + " }",
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

