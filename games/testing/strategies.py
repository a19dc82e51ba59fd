"""Hypothesis strategies that draw normal-form games, for property tests of game solvers.

Use them in your own tests as govgames uses them in its own::

    from hypothesis import given
    from govgames.games.testing import assert_equilibrium
    from govgames.games.testing.strategies import normal_form_games

    @given(normal_form_games(shape=(3, 3)))
    def test_every_equilibrium_verifies(game):
        for eq in nash_equilibria(game):
            assert_equilibrium(game, eq)

Strategies for coalitional and weighted voting games are in
:mod:`govgames.networks.testing.strategies`. This module needs hypothesis
(``pip install hypothesis``); importing it without hypothesis raises an ImportError that says so.

References
----------
.. [1] D. R. MacIver, Z. Hatfield-Dodds et al., "Hypothesis: A new approach to property-based
   testing", *Journal of Open Source Software* 4(43), 1891 (2019).
.. [2] B. von Stengel, "Computing equilibria for two-person games", ch. 45 of *Handbook of Game
   Theory* vol. 3, 2002 (degenerate games: Definition 2.6).
"""

from __future__ import annotations

import string

try:
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError("govgames.games.testing.strategies needs hypothesis: "
                      "pip install hypothesis (or pip install 'govgames[test]')") from None

import numpy as np

from ..game import NormalFormGame

#: letters and digits of names drawn by ``named=True`` (a few CJK characters, as city names have)
_NAME_ALPHABET = string.ascii_letters + string.digits + "上海苏州杭市区县"

__all__ = ["payoffs", "shapes", "normal_form_games", "two_player_games", "degenerate_games",
           "mixed_profiles"]


def payoffs(min_value: int = -10, max_value: int = 10) -> st.SearchStrategy:
    """Integer payoffs in ``[min_value, max_value]`` (small integers make ties, and so
    degenerate games, likely; exact arithmetic checks stay cheap).

    >>> payoffs(0, 3).example() in range(4)
    True
    """
    return st.integers(min_value, max_value)


def shapes(min_players: int = 1, max_players: int = 3, min_strategies: int = 1,
           max_strategies: int = 3) -> st.SearchStrategy:
    """Tuples ``(a_1, ..., a_N)``: numbers of strategies of ``N`` players.

    >>> s = shapes(2, 2, 2, 4).example()
    >>> len(s) == 2 and all(2 <= a <= 4 for a in s)
    True
    """
    return st.integers(min_players, max_players).flatmap(
        lambda n: st.tuples(*[st.integers(min_strategies, max_strategies)] * n))


def _names(prefix: str, k: int) -> list[str]:
    return [f"{prefix}{i + 1}" for i in range(k)]


@st.composite
def normal_form_games(draw, shape=None, *, elements=None, min_players: int = 1,
                      max_players: int = 3, min_strategies: int = 1, max_strategies: int = 3,
                      named: bool = False) -> NormalFormGame:
    """Numeric normal-form games.

    Parameters
    ----------
    shape : tuple of int or SearchStrategy, optional
        Numbers of strategies ``(a_1, ..., a_N)``, fixed or drawn; default
        :func:`shapes` with the bounds below.
    elements : SearchStrategy, optional
        Payoff entries (default :func:`payoffs`, integers in ``[-10, 10]``); floats and
        :class:`fractions.Fraction` values are accepted too.
    min_players, max_players, min_strategies, max_strategies : int
        Bounds of the drawn shape (ignored when ``shape`` is a tuple).
    named : bool
        Draw player and strategy names (otherwise the defaults ``Player 1``, ``s1``, ...).

    Returns
    -------
    SearchStrategy of NormalFormGame
        Payoff array of shape ``(N, a_1, ..., a_N)``.

    Examples
    --------
    >>> g = normal_form_games(shape=(2, 3)).example()
    >>> g.shape
    (2, 3)
    """
    if shape is None:
        shape = shapes(min_players, max_players, min_strategies, max_strategies)
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    shape = tuple(int(a) for a in shape)
    n = len(shape)
    size = n * int(np.prod(shape))
    values = draw(st.lists(elements if elements is not None else payoffs(),
                           min_size=size, max_size=size))
    array = np.array(values, dtype=object).reshape((n,) + shape)
    players = strategies = None
    if named:
        label = st.text(_NAME_ALPHABET, min_size=1, max_size=6)
        players = draw(st.lists(label, min_size=n, max_size=n, unique=True))
        strategies = [draw(st.lists(label, min_size=a, max_size=a, unique=True)) for a in shape]
    return NormalFormGame(array, players=players, strategies=strategies)


def two_player_games(min_strategies: int = 1, max_strategies: int = 4,
                     elements=None) -> st.SearchStrategy:
    """Bimatrix games ``m x n`` with ``m, n`` in ``[min_strategies, max_strategies]``.

    >>> two_player_games(2, 2).example().shape
    (2, 2)
    """
    return normal_form_games(shape=shapes(2, 2, min_strategies, max_strategies),
                             elements=elements)


@st.composite
def degenerate_games(draw, shape=None, *, elements=None) -> NormalFormGame:
    """Degenerate 2-player games: some pure strategy has two pure best responses.

    A game is drawn as :func:`two_player_games` does, then one pure strategy of one player gets
    a tie between two best responses of the other (a support of size 1 with 2 best responses,
    the simplest degeneracy; von Stengel 2002). Equilibria of such games may form connected
    sets: solvers must report the game as degenerate and still return only equilibria.

    Parameters
    ----------
    shape : tuple (m, n) or SearchStrategy, optional
        Default: ``m, n`` in 1..4, with at least 2 strategies for the player whose best
        responses tie.
    elements : SearchStrategy, optional
        Payoff entries (default :func:`payoffs`).

    Examples
    --------
    >>> from govgames.games.twoplayer import is_degenerate
    >>> is_degenerate(degenerate_games(shape=(3, 3)).example())
    True
    """
    if shape is None:
        shape = shapes(2, 2, 1, 4).filter(lambda s: max(s) >= 2)
    if isinstance(shape, st.SearchStrategy):
        shape = draw(shape)
    m, n = (int(a) for a in shape)
    if max(m, n) < 2:
        raise ValueError(f"a {m}x{n} game cannot be degenerate: one player needs 2 strategies")
    game = draw(normal_form_games(shape=(m, n), elements=elements))
    P = game.exact_payoffs()
    # the player whose best responses tie: the column player needs 2 columns, and vice versa
    responder = draw(st.sampled_from([k for k, a in ((1, n), (0, m)) if a >= 2]))
    own = n if responder == 1 else m
    other = m if responder == 1 else n
    s = draw(st.integers(0, other - 1))                  # the other player's pure strategy
    a, b = draw(st.lists(st.integers(0, own - 1), min_size=2, max_size=2, unique=True))
    row = P[1][s, :] if responder == 1 else P[0][:, s]
    best = max(row) + draw(st.integers(0, 3))
    row[a] = row[b] = best
    return NormalFormGame(P, players=game.players, strategies=game.strategies)


@st.composite
def mixed_profiles(draw, game: NormalFormGame, *, min_support: int = 1):
    """Mixed profiles of ``game``: one probability vector per player (rational weights drawn as
    small integers, so vectors sum to 1 up to rounding only).

    >>> g = NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    >>> x, y = mixed_profiles(g).example()
    >>> abs(sum(x) - 1) < 1e-12 and len(y) == 2
    True
    """
    out = []
    for a in game.shape:
        weights = draw(st.lists(st.integers(0, 10), min_size=a, max_size=a)
                       .filter(lambda w: sum(1 for x in w if x) >= min(min_support, a)))
        total = sum(weights)
        if total == 0:
            weights[draw(st.integers(0, a - 1))] = 1
            total = 1
        out.append(np.array(weights, dtype=float) / total)
    return out
