"""Adapters between :class:`~govgames.games.NormalFormGame` and the peers' game objects.

One function per direction and peer; the classmethods ``NormalFormGame.from_quantecon``,
``from_pygambit``, ``from_nashpy`` and the methods ``to_quantecon``, ``to_pygambit``,
``to_nashpy`` call them. The peers are optional: a ``to_*`` function imports its peer when called
and, when it is missing, raises an :class:`ImportError` naming the package (and the govgames
extra) to install; a ``from_*`` function only reads the object it is given.

Layouts
-------
govgames
    One array ``P`` of shape ``(N, a_1, ..., a_N)``: ``P[i][s_1, ..., s_N]`` is player ``i``'s
    payoff; named players and strategies; numeric (float, or exact rationals) or symbolic
    entries.
QuantEcon (``quantecon.game_theory.NormalFormGame``)
    ``payoff_profile_array`` of shape ``(a_1, ..., a_N, N)`` (the payoff vector last), and
    ``players[i].payoff_array`` with player ``i``'s own action first, then the others in cyclic
    order ``i+1, ..., N, 1, ..., i-1``. No names. Floats.
pygambit 17 (``pygambit.StrategicGame``)
    Labelled players and strategies, exact rational payoffs (``pygambit.Rational``, a
    :class:`fractions.Fraction`); ``to_arrays()`` gives one array per player in our axis order.
nashpy (``nashpy.Game``)
    Two payoff matrices ``(A, B)``, rows for player 1; no names.

Round trips keep everything the peer can hold: names go to and come back from pygambit; the
payoffs of pygambit are exact (a float ``0.1`` is sent as the decimal it prints as, ``1/10``,
as Gambit itself does); QuantEcon and nashpy hold floats, so rationals that a float cannot hold
exactly (``1/3``) come back rounded, and names are given again with ``players=`` and
``strategies=``.

Examples
--------
>>> from govgames.games import NormalFormGame
>>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...                    players=["Upstream", "Downstream"],
...                    strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
>>> qe = to_quantecon(g)
>>> qe.payoff_profile_array.shape      # (a_1, a_2, N)
(2, 2, 2)
>>> from_quantecon(qe, players=g.players, strategies=g.strategies) == g
True

References
----------
.. [1] T. Sargent and J. Stachurski, QuantEcon.py, ``quantecon.game_theory``,
   https://quanteconpy.readthedocs.io
.. [2] The Gambit Project, pygambit 17, https://gambitproject.readthedocs.io
.. [3] V. Knight and J. Campbell, "Nashpy: A Python library for the computation of Nash
   equilibria", *Journal of Open Source Software* 3(30), 904 (2018).
"""

from __future__ import annotations

import importlib
from fractions import Fraction

import numpy as np

from .errors import InputError
from .game import NormalFormGame

__all__ = ["from_quantecon", "to_quantecon", "from_pygambit", "to_pygambit", "from_nashpy",
           "to_nashpy", "require", "peer_of"]

#: peer package -> (pip requirement, govgames extra or None)
_PEERS = {
    "quantecon": ("quantecon", "quantecon"),
    "nashpy": ("nashpy", "nashpy"),
    "pygambit": ("pygambit (pip install --pre pygambit)", None),
}


def require(module: str):
    """Import an optional peer package, or raise an ImportError that says how to install it.

    Examples
    --------
    >>> require("no_such_peer_package")
    Traceback (most recent call last):
    ...
    ImportError: this needs the optional package 'no_such_peer_package': pip install no_such_peer_package
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        what, extra = _PEERS.get(module, (module, None))
        hint = f"pip install 'govgames[{extra}]'" if extra else f"pip install {what}"
        if extra is None and what.startswith(module + " ("):
            hint = what[len(module) + 2:-1]
        raise ImportError(f"this needs the optional package {module!r}: {hint}") from None


def peer_of(obj) -> str | None:
    """The peer package whose game object ``obj`` is (``"quantecon"``, ``"pygambit"``,
    ``"nashpy"``), else None. Only looks at the type's module, imports nothing.

    >>> peer_of([[1, 2]]) is None
    True
    """
    root = type(obj).__module__.split(".")[0]
    return root if root in _PEERS else None


def _check_peer(obj, peer: str, what: str):
    if peer_of(obj) != peer:
        raise InputError(f"expected a {what}, got {type(obj).__module__}.{type(obj).__qualname__}")


# ---------------------------------------------------------------------------- QuantEcon
def from_quantecon(game, players=None, strategies=None, title=None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a ``quantecon.game_theory.NormalFormGame``.

    Parameters
    ----------
    game : quantecon.game_theory.NormalFormGame
        ``payoff_profile_array`` of shape ``(a_1, ..., a_N, N)``.
    players, strategies, title : optional
        Names (QuantEcon's games have none); defaults as in :class:`NormalFormGame`.

    Returns
    -------
    NormalFormGame
        With payoffs ``np.moveaxis(game.payoff_profile_array, -1, 0)``.

    Raises
    ------
    InputError
        If ``game`` is not a QuantEcon normal-form game.

    Examples
    --------
    >>> import quantecon.game_theory as gt
    >>> qe = gt.NormalFormGame([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    >>> from_quantecon(qe).payoff((1, 0))
    array([5., 0.])
    """
    _check_peer(game, "quantecon", "quantecon.game_theory.NormalFormGame")
    profile = np.asarray(game.payoff_profile_array)
    if profile.ndim == 2 and getattr(game, "N", None) == 1:      # 1-player: (a_1, 1)
        payoffs = profile.T
    else:
        payoffs = np.moveaxis(profile, -1, 0)
    return NormalFormGame(payoffs, players=players, strategies=strategies, title=title)


def to_quantecon(game: NormalFormGame):
    """The game as a ``quantecon.game_theory.NormalFormGame`` (numeric payoffs, as floats).

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with at least two players (free parameters raise
        :class:`~govgames.games.errors.FreeParametersError`).

    Returns
    -------
    quantecon.game_theory.NormalFormGame
        ``payoff_profile_array == np.moveaxis(game.numeric_payoffs(), 0, -1)``.

    Raises
    ------
    ImportError
        quantecon is not installed (``pip install 'govgames[quantecon]'``).

    Examples
    --------
    >>> g = NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> to_quantecon(g).players[1].payoff_array    # QuantEcon: own action first
    array([[1., 0.],
           [0., 1.]])
    """
    gt = require("quantecon").game_theory
    P = np.asarray(game.numeric_payoffs(), dtype=float)
    if game.n_players == 1:
        return gt.NormalFormGame([gt.Player(P[0])])
    return gt.NormalFormGame(np.moveaxis(P, 0, -1))


# ---------------------------------------------------------------------------- pygambit
def from_pygambit(game, title=None) -> NormalFormGame:
    """A :class:`NormalFormGame` from a pygambit 17 strategic game, names and exact payoffs kept.

    Parameters
    ----------
    game : pygambit.StrategicGame
        A game in strategic form (an extensive game is refused: its strategic form is a
        different object, build it with Gambit first).
    title : str, optional
        Default: the Gambit game's title.

    Returns
    -------
    NormalFormGame
        Players and strategies named by their Gambit labels; payoffs exact (floats when every
        payoff is a float exactly, else exact rationals).

    Raises
    ------
    InputError
        Not a pygambit strategic game.

    Examples
    --------
    >>> import pygambit as gbt
    >>> gg = gbt.StrategicGame.from_dict({"Row": [[1, 0], [0, 1]], "Column": [[0, 1], [1, 0]]})
    >>> g = from_pygambit(gg)
    >>> g.players, g.strategies
    (('Row', 'Column'), (('1', '2'), ('1', '2')))
    """
    _check_peer(game, "pygambit", "pygambit.StrategicGame")
    if type(game).__name__ != "StrategicGame":
        raise InputError(f"from_pygambit takes a pygambit.StrategicGame, got a "
                         f"{type(game).__name__}: an extensive game's strategic form is another "
                         "game; build it as a StrategicGame first")
    players = [str(p) for p in game.players]
    strategies = [list(game.get_strategies(p)) for p in players]
    arrays = game.to_arrays(dtype=Fraction)
    if title is None:
        title = game.title or None
    return NormalFormGame([np.asarray(a, dtype=object) for a in arrays], players=players,
                          strategies=strategies, title=title)


def to_pygambit(game: NormalFormGame):
    """The game as a pygambit 17 ``StrategicGame`` with the same names and exact payoffs.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (free parameters raise
        :class:`~govgames.games.errors.FreeParametersError`); float payoffs are sent as the
        decimals they print as.

    Returns
    -------
    pygambit.StrategicGame

    Raises
    ------
    ImportError
        pygambit is not installed (``pip install --pre pygambit``).
    InputError
        A name Gambit does not accept (empty or blank labels).

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]], title="dilemma")
    >>> gg = to_pygambit(g)
    >>> gg.title, list(gg.players), gg.get_strategies("B")
    ('dilemma', ['A', 'B'], ['C', 'D'])
    """
    gbt = require("pygambit")
    exact = game.exact_payoffs()
    arrays = {p: np.asarray(exact[i], dtype=object) for i, p in enumerate(game.players)}
    try:
        gg = gbt.StrategicGame.from_dict(arrays, title=game.title or "Untitled strategic game")
        for p, names in zip(game.players, game.strategies):
            gg.relabel_strategies(p, {str(k + 1): s for k, s in enumerate(names)
                                      if s != str(k + 1)})
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"pygambit refused the game: {exc}") from None
    return gg


# ---------------------------------------------------------------------------- nashpy
def from_nashpy(game, players=None, strategies=None, title=None) -> NormalFormGame:
    """A 2-player :class:`NormalFormGame` from a ``nashpy.Game``.

    Parameters
    ----------
    game : nashpy.Game
        Payoff matrices ``(A, B)``, rows for player 1.
    players, strategies, title : optional
        Names (nashpy's games have none).

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> import nashpy
    >>> g = from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))   # zero-sum: B = -A
    >>> g.payoff((0, 1))
    array([-1.,  1.])
    """
    _check_peer(game, "nashpy", "nashpy.Game")
    A, B = game.payoff_matrices
    return NormalFormGame([np.asarray(A), np.asarray(B)], players=players,
                          strategies=strategies, title=title)


def to_nashpy(game: NormalFormGame):
    """The game as a ``nashpy.Game`` (two players, numeric payoffs as floats).

    Raises
    ------
    ImportError
        nashpy is not installed (``pip install 'govgames[nashpy]'``).
    InputError
        The game does not have two players.

    Examples
    --------
    >>> to_nashpy(NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])).payoff_matrices[0]
    array([[1., 0.],
           [0., 1.]])
    """
    if game.n_players != 2:
        raise InputError(f"nashpy handles 2-player games; this game has {game.n_players} players")
    nashpy = require("nashpy")
    A, B = np.asarray(game.numeric_payoffs(), dtype=float)
    return nashpy.Game(A, B)
