"""Output helpers shared by the ``govgames`` sub-commands: numbers, plain-text tables, JSON.

Examples
--------
>>> number_text(2.0), number_text(1 / 3)
('2', '0.333333')
>>> for line in text_table([("A", "1.5"), ("Bee", "2")], ("player", "value")):
...     print(line)
player  value
------  -----
A       1.5
Bee     2
"""

from __future__ import annotations

import json
import sys

__all__ = ["number_text", "text_table", "print_json", "read_input"]


def number_text(x) -> str:
    """A number for a table: rounded to 6 decimals, integers below 1e15 without a decimal
    point, anything larger to 6 significant digits (the 300 digits of the float ``1e300`` are
    not the number the user wrote).

    >>> number_text(2.0), number_text(0.1234567), number_text(1e300), number_text(-2.5e16)
    ('2', '0.123457', '1e+300', '-2.5e+16')
    """
    r = round(float(x), 6)
    return str(int(r)) if r == int(r) and abs(r) < 1e15 else f"{r:.6g}"


def text_table(rows, header) -> list[str]:
    """The lines of a left-aligned plain-text table: header, dashes, one line per row."""
    widths = [max(len(str(r[c])) for r in [header] + list(rows)) for c in range(len(header))]

    def fmt(r):
        return "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()

    return [fmt(header), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows]


def print_json(obj) -> None:
    """Print one JSON object on one line (names in their own script, not ``\\u`` escapes).

    A NaN or infinite number (e.g. an overflow on values near 1e308) is refused instead of
    being printed as ``NaN``, which is not JSON.
    """
    try:
        text = json.dumps(obj, ensure_ascii=False, allow_nan=False)
    except ValueError:
        from govgames.games.errors import InputError
        raise InputError("the result holds a number that is not finite (an overflow: the input "
                         "values are too large; scale them down)") from None
    print(text)


def read_input(file: str, fmt: str | None, *, what: str = "game file") -> tuple[str, str]:
    """The text of ``file`` (``-``: standard input) and the name to use in error messages.

    ``fmt`` is the ``--format`` given (None: none); reading standard input requires one, since
    there is no file extension to tell the format by. The same checks as for a file apply
    (:func:`govgames.games.io.read_text_file`): size limit, UTF-8 text, not empty.

    Examples
    --------
    >>> read_input("-", None)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: reading the game file from standard input (FILE -) needs ...
    """
    from govgames.games.errors import InputError
    from govgames.games.io import MAX_FILE_SIZE, read_text_file
    from govgames.games.io_common import decode_text

    if file != "-":
        return read_text_file(file, what=what), file
    if fmt is None:
        raise InputError(f"reading the {what} from standard input (FILE -) needs --format nfg, "
                         "json or efg (game trees; solve only)")
    source = "<stdin>"
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_FILE_SIZE + 1) if stream is not None else sys.stdin.read().encode()
    if len(data) > MAX_FILE_SIZE:
        raise InputError(f"{source}: input too large (more than {MAX_FILE_SIZE} bytes)")
    return decode_text(data, source, what, empty="the input is empty"), source
