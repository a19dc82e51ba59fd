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

__all__ = ["number_text", "text_table", "print_json"]


def number_text(x) -> str:
    """A number for a table: rounded to 6 decimals, integers without a decimal point."""
    r = round(float(x), 6)
    return str(int(r)) if r == int(r) else f"{r:.6g}"


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
