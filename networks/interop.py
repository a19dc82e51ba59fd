"""Adapters between :class:`~govgames.networks.CoalitionalGame` and coopgame-py's ``coopgame.Game``.

coopgame-py stores a TU game as the vector of the ``2**n - 1`` worths of the non-empty
coalitions in *bit order* (the worth of coalition ``S`` at position ``mask(S) - 1``, player ``i``
being bit ``i``), with players numbered ``0 .. n-1`` and no names. govgames stores the same
worths with ``v(empty) = 0`` in front, in the same bit order, and names the players; so the
conversion is exact both ways and names are given again with ``players=``.

The classmethod :meth:`CoalitionalGame.from_coopgame` and the method
:meth:`CoalitionalGame.to_coopgame` call these functions.

Examples
--------
>>> from govgames.networks import CoalitionalGame
>>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
>>> cg = to_coopgame(g)
>>> cg.values()
[1.0, 0.0, 3.0]
>>> from_coopgame(cg, players=["A", "B"]).values.tolist()
[0.0, 1.0, 0.0, 3.0]

References
----------
.. [1] coopgame-py, https://pypi.org/project/coopgame-py/
"""

from __future__ import annotations

import importlib

import numpy as np
from govgames.games.errors import InputError

from .coalitional import CoalitionalGame

__all__ = ["from_coopgame", "to_coopgame"]


def _coopgame():
    try:
        return importlib.import_module("coopgame")
    except ImportError:
        raise ImportError("this needs the optional package 'coopgame': "
                          "pip install coopgame-py") from None


def from_coopgame(game, players=None, name=None) -> CoalitionalGame:
    """An exact :class:`CoalitionalGame` from a ``coopgame.Game``.

    Parameters
    ----------
    game : coopgame.Game
        Any coopgame-py game (its ``values()`` in bit order and ``players`` count are read).
    players : sequence of names, optional
        Default ``P1 .. Pn``.
    name : str, optional

    Raises
    ------
    InputError
        Not a coopgame-py game, or ``players`` of the wrong length.
    """
    if type(game).__module__.split(".")[0] != "coopgame":
        raise InputError(f"expected a coopgame.Game, got {type(game).__module__}."
                         f"{type(game).__qualname__}")
    worths = [float(x) for x in game.values()]
    n = int(game.players)
    if players is None:
        players = [f"P{i + 1}" for i in range(n)]
    players = list(players)
    if len(players) != n:
        raise InputError(f"{len(players)} player names given for a coopgame game of {n} players")
    return CoalitionalGame(players, np.array([0.0] + worths), name=name)


def to_coopgame(game: CoalitionalGame):
    """The game as a ``coopgame.Game`` (bit order; names are dropped, players are ``0 .. n-1``
    in the order of ``game.players``).

    A game in function mode is tabulated first (:meth:`CoalitionalGame.to_exact`, which refuses
    games too large to hold).

    Raises
    ------
    ImportError
        coopgame-py is not installed (``pip install coopgame-py``).
    InputError
        A game with no players (coopgame-py needs at least one).
    """
    coopgame = _coopgame()
    if game.n == 0:
        raise InputError("coopgame-py needs at least one player")
    return coopgame.Game([float(x) for x in game.value_table()[1:]])
