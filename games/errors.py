"""Errors raised by govgames for bad input.

Every error a user can cause by giving bad input derives from :class:`InputError`, so that
scripts can catch one class and the ``govgames`` command can turn it into one clear line on
stderr and exit status 2.
"""

from __future__ import annotations

import re

__all__ = ["InputError", "FreeParametersError", "refuse_unordered"]

#: Characters that would break a message over lines or drive a terminal: C0 and C1 controls,
#: line and paragraph separators, lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(m) -> str:
    c = m.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
        f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


class InputError(ValueError):
    r"""Bad input: a malformed file, an unknown player or strategy, an invalid parameter.

    The message names what is wrong and where (file, line, JSON path, player, coalition). It is
    always one line: a newline, a control character or a terminal escape sequence taken from
    the input (a JSON key, a label) is written escaped, as ``\n`` or ``\x1b``.

    >>> raise InputError("payoff of player 'A' at row 2 is not a number")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoff of player 'A' at row 2 is not a number
    >>> str(InputError("parameters.a" + chr(10) + "b: '' is not a number"))
    "parameters.a\\nb: '' is not a number"
    """

    def __init__(self, *args):
        if len(args) == 1 and isinstance(args[0], str):
            args = (_UNSAFE.sub(_escape, args[0]),)
        super().__init__(*args)


class FreeParametersError(InputError):
    """A numeric method was asked to work on a game whose payoffs still hold free parameters.

    >>> raise FreeParametersError(["b", "c"])
    Traceback (most recent call last):
    ...
    govgames.games.errors.FreeParametersError: the game has free parameters b, c: give them values with .subs(b=..., c=...) before solving numerically
    """

    def __init__(self, names):
        self.names = tuple(str(n) for n in names)
        listed = ", ".join(self.names)
        hint = ", ".join(f"{n}=..." for n in self.names)
        super().__init__(
            f"the game has free parameters {listed}: give them values with .subs({hint}) "
            "before solving numerically"
        )


def refuse_unordered(value, lead: str) -> None:
    """Refuse a string or a set where a profile (a sequence in order, or a mapping) is expected.

    A string is a sequence of letters, so it could pass for a profile of one-letter entries; a
    set has no order, so its entries would be matched in hash order. ``lead`` starts the
    message, which ends with what was given.

    Raises
    ------
    InputError
        When ``value`` is a ``str``, ``bytes``, ``set`` or ``frozenset``.

    Examples
    --------
    >>> refuse_unordered([1, 2], "profile: expected one choice per player, got")
    >>> refuse_unordered({2, 1}, "profile: expected one choice per player, got")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: profile: expected one choice per player, got the set {1, 2} (a set has no order)
    """
    if isinstance(value, (str, bytes)):
        raise InputError(f"{lead} the string {value!r}")
    if isinstance(value, (set, frozenset)):
        raise InputError(f"{lead} the set {value!r} (a set has no order)")
