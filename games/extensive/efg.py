"""Gambit's extensive-game format (``.efg``): read and write, as Gambit writes it.

A file is a prologue ``EFG 2 R "title" { "Player 1" "Player 2" } "comment"`` and the nodes in
prefix order, one entry each [1]_::

    c "label" 1 "infoset label" { "a" 1/2 "b" 1/2 } 0
    p "label" 1 1 "infoset label" { "L" "R" } 0
    t "label" 1 "outcome label" { 10, 2 }

``c`` is a chance node (information set number, then on first appearance its label and actions
with probabilities), ``p`` a player's node (player number, information set number, then on first
appearance the label and actions), ``t`` a terminal node; each ends with an outcome number (``0``:
none) followed, on first appearance, by the outcome's label and one payoff per player. Outcomes may
sit at any node; their payoffs add up along a play. Numbers are integers, decimals or rationals and
are exact; their text is kept, so a file that Gambit wrote is written back byte for byte.

The writer produces what Gambit's own writer produces: information sets and outcomes renumbered in
order of first appearance, their description repeated at every node, payoffs separated by commas,
the comment on the second line. Labels are read and written by the lexer Gambit uses for both
its formats (:mod:`govgames.games.gambit_lexer`): a backslash before a quote is the quote, a
backslash before another character stays. Every malformed file raises one :class:`~govgames.games.errors.InputError` naming the file and the line.

References
----------
.. [1] The Gambit Project, "The extensive game (.efg) file format", *Gambit documentation*,
   https://gambitproject.readthedocs.io/en/latest/formats.html

Examples
--------
>>> text = '''EFG 2 R "Entry" { "Entrant" "Incumbent" }
... ""
...
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "" { -1, -1 }
... t "" 3 "" { 1, 1 }
... '''
>>> g = parse_efg(text)
>>> g.players, len(g.nodes)
(('Entrant', 'Incumbent'), 5)
>>> game_to_efg(g) == text
True
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from ..errors import InputError
from ..gambit_lexer import TokenStream, quote_label
from ..io_common import _check_target, read_text_file
from ..nfg import unique_labels as _unique_labels
from ..numbers import exact_rational
from .tree import MAX_NODES, ExtensiveGame, InfoSet, Node, Outcome, fmt, require_tree

__all__ = ["read_efg", "parse_efg", "write_efg", "game_to_efg"]

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(/\d+)?")
_INTEGER = re.compile(r"\d{1,18}")
#: a whole number short enough to need no range check (most payoffs of most files)
_SHORT_INTEGER = re.compile(r"[+-]?\d{1,15}")


class _Parser(TokenStream):
    def integer(self, what):
        tok = self.take("word", what)
        if not _INTEGER.fullmatch(tok[1]):
            self.fail(tok[2], f"expected {what} (a non-negative integer), found {tok[1]}")
        return int(tok[1]), tok[2]

    def number(self, what):
        tok = self.take("word", what)
        text = tok[1]
        if _SHORT_INTEGER.fullmatch(text):
            return Fraction(int(text)), text
        if not _NUMBER.fullmatch(text):
            self.fail(tok[2], f"expected {what} (a number), found {text}")
        # bounded as in .nfg files, checked on the text (a payoff of 1e400 ended in an
        # OverflowError, 1e999999999 built a billion-digit integer)
        return exact_rational(text, where=f"{self.source}: line {tok[2]}"), text

    # -- the tree, node by node: records of nodes, information sets and outcomes
    def prologue(self):
        """``EFG 2 R "title" { players } "comment"``: (line, title, comment); sets ``players``."""
        head = self.take("word", "the header 'EFG 2 R'")
        if head[1] != "EFG":
            if head[1] == "NFG":
                self.fail(head[2], "this is a strategic-form (.nfg) file, not an extensive-form "
                          "one")
            self.fail(head[2], "not a Gambit .efg file (it must start with 'EFG 2 R')")
        ver = self.take("word", "the version number 2")
        if ver[1] != "2":
            self.fail(ver[2], f"unsupported .efg version {ver[1]!r} (expected 2)")
        rd = self.take("word", "'R' or 'D'")
        if rd[1] not in ("R", "D"):
            self.fail(rd[2], f"expected 'R' or 'D' after the version, found {rd[1]}")
        title = self.take("str", "the game's title in double quotes")[1]
        self.take("{", "'{' opening the list of player names")
        players = self.strings()
        close = self.take("}", "a player name in double quotes or '}'")
        if not players:
            self.fail(close[2], "a game needs at least one player (the list of player names "
                      "is empty)")
        if len(set(players)) != len(players):
            self.fail(close[2], f"player names must be distinct, got {players}")
        if any(not p for p in players):
            self.fail(close[2], "player names must not be empty")
        description = self.take()[1] if self.peek()[0] == "str" else ""
        self.players = players
        self.nodes = []         # [index, kind, label, parent, action, children, infoset, outcome, depth]
        self.infosets = {}      # (player or None, id) -> record index
        self.info_records = []  # [player, label, actions, probs, nodes, prob_texts, line]
        self.outcomes = {}      # id -> index
        self.out_records = []   # Outcome
        return head[2], title, description

    def check_not_at_end(self, parent, action):
        """Fail, naming the missing node, if the file ends where a node is expected."""
        tok = self.peek()
        if tok[0] != "eof":
            return
        if parent is None:
            self.fail(tok[2], "the file has no nodes")
        moves = _moves(self.nodes, self.info_records, parent) + [
            self.info_records[self.nodes[parent][6]][2][action]]
        self.fail(tok[2], "the file ends inside the tree: the node after "
                  f"{', '.join(moves)} is missing")

    def node(self, parent, action, depth):
        """Read one node (``c``, ``p`` or ``t``); returns its index and information set."""
        tok = self.take("word", "a node type (c, p or t)")
        kind, line = tok[1], tok[2]
        if kind not in ("c", "p", "t"):
            self.fail(line, f"unknown node type {kind!r} (expected c, p or t)")
        index = len(self.nodes)
        if index >= MAX_NODES:
            self.fail(line, f"the tree has more than {MAX_NODES:,} nodes; too large")
        label = self.take("str", "the node's label in double quotes")[1]
        info = self.node_infoset(kind, line, index) if kind in ("c", "p") else None
        outcome = self.node_outcome()
        self.nodes.append([index, {"c": "chance", "p": "decision", "t": "terminal"}[kind], label,
                           parent, action, [], info, outcome, depth])
        if parent is not None:
            self.nodes[parent][5].append(index)
        return index, info

    def node_infoset(self, kind, line, index):
        """The information set of a chance or player node (described on first appearance)."""
        key_player = None
        if kind == "p":
            pl, pline = self.integer("a player number")
            if not 1 <= pl <= len(self.players):
                self.fail(pline, f"player number {pl} out of range 1..{len(self.players)}"
                          + (" (a chance node is written 'c', without a player)" if pl == 0
                             else ""))
            key_player = pl - 1
        iid, iline = self.integer("an information set number")
        if iid < 1:
            self.fail(iline, "information set numbers are positive")
        key = (key_player, iid)
        if self.peek()[0] == "str":
            return self.infoset_description(kind, key, line, index)
        if key not in self.infosets:
            who = "chance" if kind == "c" else f"player {self.players[key_player]!r}"
            self.fail(iline, f"information set {iid} of {who} is used before it is described "
                      "(give its label and actions at its first node)")
        info = self.infosets[key]
        self.info_records[info][4].append(index)
        return info

    def infoset_description(self, kind, key, line, index):
        """``"label" { "a" [prob] ... }``: a new information set, or the same as before."""
        ilabel = self.take()[1]
        self.take("{", "'{' opening the list of actions")
        actions, probs, texts = [], [], []
        while self.peek()[0] == "str":
            actions.append(self.take()[1])
            if kind == "c":
                v, t = self.number("the probability of the action")
                probs.append(v)
                texts.append(t)
        endtok = self.take("}", "an action name in double quotes or '}'")
        if not actions:
            self.fail(endtok[2], "a node needs at least one action")
        if kind == "c":
            if any(p < 0 for p in probs):
                self.fail(line, "a chance probability is negative")
            if sum(probs) != 1:
                self.fail(line, f"chance probabilities sum to {fmt(sum(probs))}, not 1")
        if key in self.infosets:
            rec = self.info_records[self.infosets[key]]
            if rec[1] != ilabel or rec[2] != tuple(actions) or (
                    kind == "c" and rec[3] != tuple(probs)):
                what = "chance information set" if kind == "c" else (
                    f"information set {key[1]} of player {self.players[key[0]]!r}")
                self.fail(line, f"{what} is described differently from its first appearance "
                          f"on line {rec[6]}")
            rec[4].append(index)
            return self.infosets[key]
        info = len(self.info_records)
        self.infosets[key] = info
        self.info_records.append([key[0], ilabel, tuple(actions),
                                  tuple(probs) if kind == "c" else None, [index],
                                  tuple(texts) if kind == "c" else None, line])
        return info

    def node_outcome(self):
        """The outcome number of a node, with label and payoffs on first appearance."""
        oid, oline = self.integer("an outcome number (0 for none)")
        n = len(self.players)
        if self.peek()[0] != "str":
            if oid != 0 and oid not in self.outcomes:
                self.fail(oline, f"outcome {oid} is used before it is described (give its label "
                          "and payoffs at its first node)")
            return self.outcomes[oid] if oid != 0 else None
        if oid == 0:
            self.fail(oline, "outcome 0 (no outcome) cannot have a label or payoffs")
        olabel = self.take()[1]
        self.take("{", "'{' opening the payoffs")
        pays, texts = [], []
        while self.peek()[0] == "word":
            v, t = self.number("a payoff")
            pays.append(v)
            texts.append(t)
        self.take("}", "a payoff or '}'")
        if len(pays) != n:
            self.fail(oline, f"outcome {oid} has {len(pays)} payoffs; the game has {n} players")
        if oid in self.outcomes:
            old = self.out_records[self.outcomes[oid]]
            if old.label != olabel or old.payoffs != tuple(pays):
                self.fail(oline, f"outcome {oid} is described differently from its first "
                          "appearance")
        else:
            k = len(self.out_records)
            self.outcomes[oid] = k
            self.out_records.append(Outcome(k, k + 1, olabel, tuple(pays), tuple(texts)))
        return self.outcomes[oid]

    def records(self):
        """(nodes, information sets, outcomes) for :class:`ExtensiveGame`; information sets
        numbered per player in order of first appearance (Gambit renumbers so)."""
        numbers = {}
        records = []
        for k, (player, ilabel, actions, probs, members, texts, _line) in enumerate(
                self.info_records):
            numbers[player] = numbers.get(player, 0) + 1
            names = unique_labels(actions)
            records.append(InfoSet(k, player, numbers[player], ilabel, names, probs,
                                   tuple(members), "", texts,
                                   actions if names != actions else None))
        out_nodes = [Node(r[0], r[1], r[2], r[3], r[4], tuple(r[5]), r[6], r[7], r[8])
                     for r in self.nodes]
        return out_nodes, records, self.out_records


def parse_efg(text: str, source: str = "<efg>") -> ExtensiveGame:
    """Parse the text of a Gambit ``.efg`` file.

    Parameters
    ----------
    text : str
    source : str
        Name used in error messages.

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    InputError
        Naming the line: a malformed prologue, an unknown node type, a player number out of range,
        an information set or outcome used before it is described or described twice differently,
        chance probabilities that do not sum to one, a payoff list of the wrong length, a file that
        ends inside the tree or goes on after it.

    References
    ----------
    Gambit documentation, "The extensive game (.efg) file format".

    Examples
    --------
    >>> parse_efg('EFG 2 R "x" { "A" }\\np "" 1 1 "" { "a" "b" } 0\\nt "" 1 "" { 1 }',
    ...           source="short.efg")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: short.efg: line 3: the file ends inside the tree: the node after b is missing
    >>> parse_efg('EFG 2 R "x" { "A" }\\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\\nt "" 0\\nt "" 0',
    ...           source="odds.efg")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: odds.efg: line 2: chance probabilities sum to 5/6, not 1
    """
    P = _Parser(text, source)
    head_line, title, description = P.prologue()
    # stack of (parent index, action index, depth)
    stack: list[tuple[int | None, int | None, int]] = [(None, None, 0)]
    while stack:
        parent, action, depth = stack.pop()
        P.check_not_at_end(parent, action)
        index, info = P.node(parent, action, depth)
        if info is not None:
            k = len(P.info_records[info][2])
            for a in range(k - 1, -1, -1):
                stack.append((index, a, depth + 1))
    if not P.at_end():
        tok = P.peek()
        P.fail(tok[2], f"unexpected {tok[1]!r} after the last node of the tree")
    try:
        nodes, infosets, outcomes = P.records()
        return ExtensiveGame._from_records(P.players, nodes, infosets, outcomes, title,
                                           description)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def unique_labels(labels) -> tuple[str, ...]:
    """Distinct, non-empty names for labels as Gambit 17 makes them: a repeated or empty label
    ``x`` becomes ``x_1``, ``x_2``, ... (skipping names already in use); the same rule as
    :func:`govgames.games.nfg.unique_labels` for strategy labels.

    >>> unique_labels(["a", "a", "", "b"])
    ('a_1', 'a_2', '_1', 'b')
    """
    return tuple(_unique_labels(list(labels))[0])


def _moves(nodes, info_records, index) -> list[str]:
    out = []
    while nodes[index][3] is not None:
        parent = nodes[index][3]
        out.append(info_records[nodes[parent][6]][2][nodes[index][4]])
        index = parent
    return out[::-1]


def read_efg(path) -> ExtensiveGame:
    """Read a Gambit ``.efg`` file (see :func:`parse_efg`).

    >>> import pathlib, govgames.games as games
    >>> g = read_efg(pathlib.Path(games.__file__).parent / "examples" / "entry_deterrence.efg")
    >>> g.players
    ('Entrant', 'Incumbent')
    """
    return parse_efg(read_text_file(path), source=str(path))


def _quote(s: str) -> str:
    """A label quoted so that Gambit's lexer reads it back exactly (see
    :func:`govgames.games.gambit_lexer.quote_label`)."""
    return quote_label(s, file_kind=".efg")


def _number(value, text) -> str:
    if text is not None:
        try:
            if Fraction(text) == value:
                return text
        except (ValueError, ZeroDivisionError):
            pass
    if not isinstance(value, Fraction):
        raise InputError(f"a .efg file holds rational numbers only; {value} is not one "
                         "(give parameters values with .subs(...), or write JSON)")
    return str(value.numerator) if value.denominator == 1 else \
        f"{value.numerator}/{value.denominator}"


def game_to_efg(game: ExtensiveGame) -> str:
    """The text of a Gambit ``.efg`` file, as Gambit writes it.

    Parameters
    ----------
    game : ExtensiveGame
        With numeric payoffs and probabilities (free parameters raise InputError).

    Returns
    -------
    str

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, chance, decision, terminal
    >>> g = ExtensiveGame(["A", "B"], chance({
    ...     "H": ("1/3", decision("A", {"x": terminal(1, 0.5), "y": terminal(0, 0)})),
    ...     "T": ("2/3", terminal(2, "1/4"))}), title='a "quoted" title')
    >>> print(game_to_efg(g), end="")
    EFG 2 R "a \\"quoted\\" title" { "A" "B" }
    ""
    <BLANKLINE>
    c "" 1 "" { "H" 1/3 "T" 2/3 } 0
    p "" 1 1 "" { "x" "y" } 0
    t "" 1 "" { 1, 1/2 }
    t "" 2 "" { 0, 0 }
    t "" 3 "" { 2, 1/4 }
    """
    if game.is_symbolic:
        names = ", ".join(p.name for p in game.parameters)
        raise InputError(f"a .efg file cannot hold free parameters ({names}); give them values "
                         "with .subs(...) or write JSON")
    lines = [f"EFG 2 R {_quote(game.title)} {{ " + " ".join(_quote(p) for p in game.players)
             + " }", _quote(game.description), ""]
    # outcomes numbered in order of first appearance, as Gambit does
    onum: dict[int, int] = {}
    for node in game.nodes:
        if node.outcome is not None and node.outcome not in onum:
            onum[node.outcome] = len(onum) + 1
    for node in game.nodes:
        parts = [{"terminal": "t", "chance": "c", "decision": "p"}[node.kind], _quote(node.label)]
        if node.infoset is not None:  # not terminal
            h = game.infosets[node.infoset]
            if h.player is not None:  # not chance
                parts.append(str(h.player + 1))
            parts.append(str(h.number))
            parts.append(_quote(h.label))
            if h.is_chance:
                assert h.probs is not None
                texts = h.prob_texts or (None,) * len(h.actions)
                items = [f"{_quote(a)} {_number(p, t)}"
                         for a, p, t in zip(h.action_texts or h.actions, h.probs, texts)]
            else:
                items = [_quote(a) for a in (h.action_texts or h.actions)]
            parts.append("{ " + " ".join(items) + " }")
        if node.outcome is not None:
            o = game.outcomes[node.outcome]
            texts = o.texts or (None,) * len(o.payoffs)
            parts.append(str(onum[node.outcome]))
            parts.append(_quote(o.label))
            parts.append("{ " + ", ".join(_number(v, t) for v, t in zip(o.payoffs, texts)) + " }")
        else:
            parts.append("0")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def write_efg(game: ExtensiveGame, path, *, overwrite: bool = False) -> Path:
    """Write a game as a Gambit ``.efg`` file (refuses to replace a file unless ``overwrite``).

    Examples
    --------
    >>> import tempfile, os
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["A"], decision("A", {"x": terminal(1), "y": terminal(0)}))
    >>> p = write_efg(g, os.path.join(tempfile.mkdtemp(), "g.efg"))
    >>> read_efg(p) == g
    True
    """
    require_tree(game, "write_efg")
    text = game_to_efg(game)
    path = _check_target(path, overwrite)
    path.write_text(text, encoding="utf-8")
    return path
