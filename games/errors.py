"""Errors raised by govgames for bad input.

Every error a user can cause by giving bad input derives from :class:`InputError`, so that
scripts can catch one class and the ``govgames`` command can turn it into one clear line on
stderr and exit status 2.
"""

from __future__ import annotations

__all__ = ["InputError", "FreeParametersError"]


class InputError(ValueError):
    """Bad input: a malformed file, an unknown player or strategy, an invalid parameter.

    The message names what is wrong and where (file, line, JSON path, player, coalition).

    >>> raise InputError("payoff of player 'A' at row 2 is not a number")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: payoff of player 'A' at row 2 is not a number
    """


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
