"""The one lexer of Gambit's file formats (``.nfg`` and ``.efg``).

Gambit reads both formats with one lexer [1]_: whitespace separates tokens, ``{``, ``}`` and ``,``
are tokens of their own, and a label is the text between double quotes, where a quote preceded by
a backslash does not end the label. Inside a label a backslash before a quote gives the quote, and
a backslash before any other character is kept together with that character (so ``\\x`` reads
as three backslashes and ``x``). The documentation states the quote rule [2]_; the backslash rule
is that of Gambit's reader (``src/games/file.cc``, ``GameParserState::GetNextToken``).
:func:`quote_label` writes a label so that this lexer reads it back exactly, or refuses it.

References
----------
.. [1] The Gambit Project, *Gambit: software tools for game theory*, source file
   ``src/games/file.cc`` (2024).
.. [2] The Gambit Project, "Game representation formats: text labels", *Gambit documentation*,
   https://gambitproject.readthedocs.io/en/latest/formats.html
"""

from __future__ import annotations

import re

import numpy as np

from .errors import InputError
from .numbers import short_text

__all__ = ["gambit_tokens", "gambit_label", "quote_label", "TokenStream"]

# a quoted label ends at the first '"' not preceded by a backslash (as in Gambit's lexer); the
# lookbehind on the closing quote stops backtracking from ending a label at an escaped quote
_TOKEN = re.compile(r'"((?:[^"]|(?<=\\)")*)(?<!\\)"|(\{)|(\})|(,)|([^\s{},"]+)|(")', re.S)

#: integers, signs and whitespace: the characters of a payoff list read in bulk
_NUMERIC_TAIL = re.compile(r"[\s0-9+-]*")


def gambit_label(raw: str) -> str:
    r"""The label Gambit's lexer reads from the text between the quotes.

    A backslash before a quote gives the quote; a backslash before any other character is kept
    together with that character (The Gambit Project 2024, ``src/games/file.cc``).

    Parameters
    ----------
    raw : str
        The text between the opening and the closing quote.

    Returns
    -------
    str

    Examples
    --------
    >>> print(gambit_label(r'say \"hi\"'), gambit_label(r'C:\temp'))
    say "hi" C:\temp
    >>> print(gambit_label(r'A\\x'))  # two backslashes before x read as three
    A\\\x
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


def gambit_tokens(text: str, source: str, *, bulk: bool = False) -> tuple[list, int]:
    r"""Split the text of a Gambit file into ``(kind, value, line)`` tokens.

    Kinds are ``"str"`` (a quoted label, read by :func:`gambit_label`), ``"{"``, ``"}"`` and
    ``"word"`` (a number or a keyword); commas separate tokens and are dropped.

    Parameters
    ----------
    text : str
        The whole file.
    source : str
        Name of the file, used in error messages.
    bulk : bool, default False
        Read a long run of integers at the end of the text (the payoff list or the outcome
        numbers of a large ``.nfg`` game, 100,000 characters or more) as one
        ``("bulk", int64 array, line)`` token, read by numpy instead of one token per number.

    Returns
    -------
    (list of tuple, int)
        The tokens and the number of the last line.

    Raises
    ------
    InputError
        An unterminated quoted label (naming the line), or a text too large for memory.

    Examples
    --------
    >>> toks, last = gambit_tokens('NFG 1 R "a \\"b\\"" { 1, 2 }\n', "g.nfg")
    >>> toks[3], toks[-1], last
    (('str', 'a "b"', 1), ('}', '}', 1), 1)
    >>> gambit_tokens('"open', "g.efg")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: g.efg: line 1: unterminated quoted string
    """
    toks, last = _tokens_with_bulk(text, source) if bulk else _tokens(text, source)
    if last > 1 and text.endswith("\n"):
        last -= 1   # the newline ending the last line opens no line of its own (as wc -l counts)
    return toks, last


def _tokens_with_bulk(text, source):
    """:func:`_tokens`, but a long run of integers at the end becomes one bulk token."""
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
        check_memory(100 * len(text), f"{source}: reading {len(text):,} characters of Gambit "
                     "file tokens", "write the payoffs as plain integers (read in bulk) or use "
                     "fewer strategies")
    out = []
    append = out.append
    count = text.count
    line = 1
    pos = 0
    # one alternative matches, and ``lastindex`` names it: 1 label, 2 '{', 3 '}', 4 comma
    # (a separator, dropped), 5 word, 6 an opening quote that never closes
    for m in _TOKEN.finditer(text):
        k = m.lastindex
        if k == 4:
            continue
        start = m.start()
        line += count("\n", pos, start)
        pos = start
        if k == 5:
            append(("word", m.group(5), line))
        elif k == 1:
            append(("str", gambit_label(m.group(1)), line))
        elif k == 2:
            append(("{", "{", line))
        elif k == 3:
            append(("}", "}", line))
        else:
            raise InputError(f"{source}: line {line}: unterminated quoted string"
                             + _escaped_quote_hint(text, start))
    return out, line + count("\n", pos)


def _escaped_quote_hint(text: str, end: int) -> str:
    """Where an earlier label may have run on: a backslash before a quote does not close a
    label (``"C:\\temp\\"`` goes on to the next quote), which moves every later pairing."""
    k = text.find('\\"', 0, end)
    if k < 0:
        return ""
    return (f" (a quote after a backslash does not end a label, as on line "
            f"{text.count(chr(10), 0, k) + 1}: a label there may run on past its closing quote)")


def quote_label(s: str, *, file_kind: str = ".nfg") -> str:
    r"""A label in double quotes that Gambit's lexer reads back as ``s`` (see :func:`gambit_label`).

    In the file, ``k`` backslashes before a quote read as ``2k - 2`` backslashes and the quote;
    before another character, as ``2k - 1`` backslashes and that character. So a label can be
    written exactly when every run of backslashes before a quote is even, every run before
    another character is odd, and the label does not end with a backslash.

    Parameters
    ----------
    s : str
        The label.
    file_kind : str, default ".nfg"
        The kind of file, named in the error message.

    Returns
    -------
    str
        The label with its quotes.

    Raises
    ------
    InputError
        When no quoted text reads back as ``s``.

    Examples
    --------
    >>> print(quote_label('say "hi"'), quote_label(r"C:\temp"), quote_label('\\\\"'))
    "say \"hi\"" "C:\temp" "\\""
    >>> quote_label("A\\\\x")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the label 'A\\\\x' cannot be written ... as 3 (...)
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
                f"the label {short_text(s)} cannot be written to a {file_kind} file: Gambit reads "
                f"{run} backslash{'es' if run != 1 else ''} {what} back as {reads} (only an odd "
                "number before a character other than a quote, an even number before a quote, "
                "and none at the end can be written)")
    return '"' + "".join(out) + '"'


class TokenStream:
    """The tokens of a Gambit file read one at a time, with errors naming the file and line.

    Shared by the ``.nfg`` and ``.efg`` parsers.

    Parameters
    ----------
    text : str
        The whole file.
    source : str
        Name of the file, used in error messages.
    bulk : bool, default False
        See :func:`gambit_tokens`.

    Examples
    --------
    >>> ts = TokenStream('NFG 1 R "t"', "g.nfg")
    >>> ts.take("word", "the header")[1], ts.peek()[0]
    ('NFG', 'word')
    >>> ts.take(), ts.take(), ts.peek()
    (('word', '1', 1), ('word', 'R', 1), ('str', 't', 1))
    >>> ts.take("{", "'{'")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: g.nfg: line 1: expected '{', found "t"
    """

    def __init__(self, text: str, source: str, *, bulk: bool = False):
        self.toks, self.last_line = gambit_tokens(text, source, bulk=bulk)
        self.pos = 0
        self.source = source

    def fail(self, line, msg):
        """Raise an :class:`InputError` naming the file and ``line``."""
        raise InputError(f"{self.source}: line {line}: {msg}")

    def peek(self):
        """The next token, or ``("eof", "end of file", last line)``."""
        return self.toks[self.pos] if self.pos < len(self.toks) else ("eof", "end of file",
                                                                        self.last_line)

    def take(self, kind=None, what=None):
        """The next token, which must be of ``kind`` (any kind if None) and not the end."""
        tok = self.peek()
        if tok[0] == "eof" or (kind is not None and tok[0] != kind):
            shown = {"str": f'"{tok[1]}"', "eof": "the end of the file"}.get(tok[0], tok[1])
            self.fail(tok[2], f"expected {what or kind}, found {shown}")
        self.pos += 1
        return tok

    def strings(self):
        """The labels (``"str"`` tokens) up to the next token of another kind."""
        out = []
        while self.peek()[0] == "str":
            out.append(self.take()[1])
        return out

    def at_end(self) -> bool:
        """Whether every token has been read."""
        return self.pos >= len(self.toks)
