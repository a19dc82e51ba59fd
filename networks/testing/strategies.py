"""Hypothesis strategies that draw coalitional and weighted voting games.

For property tests of cooperative solutions (efficiency of the Shapley value, the nucleolus in a
non-empty core, ...)::

    from hypothesis import given
    from govgames.networks import nucleolus
    from govgames.networks.testing import assert_in_core
    from govgames.networks.testing.strategies import coalitional_games

    @given(coalitional_games(max_players=5, convex=True))
    def test_nucleolus_of_a_convex_game_is_in_the_core(game):
        assert_in_core(game, nucleolus(game), tol=1e-7)

Strategies for normal-form games are in :mod:`govgames.games.testing.strategies`. This module
needs hypothesis (``pip install hypothesis``).

References
----------
.. [1] L. S. Shapley, "Cores of convex games", *International Journal of Game Theory* 1 (1971),
   11-26 (a game with non-negative Harsanyi dividends is convex).
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError("govgames.networks.testing.strategies needs hypothesis: "
                      "pip install hypothesis (or pip install 'govgames[test]')") from None

import numpy as np
from govgames.games.deprecation import renamed_argument

from ..coalitional import CoalitionalGame

__all__ = ["player_names", "coalitional_games", "weighted_voting_games", "MAX_TABLE_PLAYERS",
           "MAX_TABULATED_VOTERS"]

#: Most players of :func:`coalitional_games`: it draws all ``2**n - 1`` coalition values, and
#: hypothesis cannot draw an example of more than about a thousand numbers (n = 11 fails its
#: health check ``data_too_large``).
MAX_TABLE_PLAYERS = 10

#: Most players of :func:`weighted_voting_games` with ``tabulate=True`` (each example fills a
#: table of ``2**n`` values); with ``tabulate=False`` any number of players can be drawn.
MAX_TABULATED_VOTERS = 20


def _check_players(min_players, max_players, limit: int | None, what: str, hint: str, *,
                   least: int = 0) -> None:
    """Refuse bounds that cannot be drawn, when the strategy is made (not inside a test run)."""
    for name, v in (("min_players", min_players), ("max_players", max_players)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise InvalidArgument(f"{what}: {name} must be an integer, got {v!r}")
    if min_players < least:
        raise InvalidArgument(f"{what}: min_players must be >= {least}, got {min_players}")
    if max_players < min_players:
        raise InvalidArgument(f"{what}: max_players={max_players} is below "
                              f"min_players={min_players}")
    if limit is not None and max_players > limit:
        raise InvalidArgument(f"{what}: max_players={max_players} is above {limit} ({hint})")


def player_names(n: int) -> list[str]:
    """``["P1", ..., "Pn"]``, the names the strategies give players.

    >>> player_names(3)
    ['P1', 'P2', 'P3']
    """
    return [f"P{i + 1}" for i in range(n)]


def _zeta(dividends: np.ndarray, n: int) -> np.ndarray:
    """``v(S) = sum of the dividends of the subsets of S`` (subset-sum transform)."""
    v = dividends.copy()
    for i in range(n):
        bit = 1 << i
        idx = np.arange(1 << n)
        has = (idx & bit) != 0
        v[has] += v[idx[has] ^ bit]
    return v


def coalitional_games(min_players: int = 1, max_players: int = 5, *, values=None,
                      convex: bool = False, monotone: bool = False) -> st.SearchStrategy:
    """Exact TU games ``v`` with ``v(empty) = 0``.

    Parameters
    ----------
    min_players, max_players : int
        Bounds of the number of players (the game holds ``2**n`` values).
    values : SearchStrategy, optional
        The worth of each coalition (default integers in ``[-10, 20]``); with ``convex`` or
        ``monotone``, the Harsanyi dividends instead (default integers in ``[0, 5]``; they must
        be non-negative).
    convex : bool
        Draw non-negative Harsanyi dividends: the game is convex (supermodular), hence
        superadditive with a non-empty core containing the Shapley value (Shapley 1971).
    monotone : bool
        Same construction as ``convex`` (non-negative dividends make ``v`` monotone too).

    Returns
    -------
    SearchStrategy of CoalitionalGame
        Players ``P1 .. Pn``.

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When the bounds are not integers, ``max_players < min_players``, or ``max_players``
        is above :data:`MAX_TABLE_PLAYERS` (every coalition value is drawn).

    Examples
    --------
    >>> from govgames.networks import is_convex
    >>> g = coalitional_games(3, 3, convex=True).example()
    >>> g.n, bool(is_convex(g))
    (3, True)
    """
    _check_players(min_players, max_players, MAX_TABLE_PLAYERS, "coalitional_games",
                   "every one of the 2**n - 1 coalition values is drawn; for larger games use "
                   "weighted_voting_games(..., tabulate=False) or build them from a function")
    return _coalitional_games(min_players, max_players, values, convex or monotone)


@st.composite
def _coalitional_games(draw, min_players, max_players, values, convex) -> CoalitionalGame:
    n = draw(st.integers(min_players, max_players))
    size = 1 << n
    if convex:
        elements = values if values is not None else st.integers(0, 5)
        dividends = np.array([0] + draw(st.lists(elements, min_size=size - 1,
                                                 max_size=size - 1)), dtype=float)
        if np.any(dividends < 0):
            raise ValueError("convex/monotone games need non-negative dividends")
        worth = _zeta(dividends, n)
    else:
        elements = values if values is not None else st.integers(-10, 20)
        worth = np.array([0] + draw(st.lists(elements, min_size=size - 1, max_size=size - 1)),
                         dtype=float)
    return CoalitionalGame(player_names(n), worth)


def weighted_voting_games(min_players: int = 1, max_players: int = 6, *,
                          max_weight: int = 10, tabulate: bool | None = None,
                          exact: bool | None = None) -> st.SearchStrategy:
    """Weighted majority games ``[q; w_1, ..., w_n]`` with integer weights and quota.

    The quota lies between 1 and the total weight, so the grand coalition wins and the empty one
    loses; ``game.weights`` and ``game.quota`` hold the drawn numbers.

    Parameters
    ----------
    min_players, max_players : int
        Range of the number of players.
    max_weight : int
        Largest weight drawn (weights are integers from 0).
    tabulate : bool, default True
        Keep the table of all ``2**n`` coalition values (see
        :meth:`~govgames.networks.CoalitionalGame.weighted_voting`).
    exact : bool, optional
        Deprecated name of ``tabulate`` (it warns when the strategy is made).

    Returns
    -------
    hypothesis strategy of CoalitionalGame

    Raises
    ------
    hypothesis.errors.InvalidArgument
        When the bounds are not integers, ``max_players < min_players``, or, with
        ``tabulate=True``, ``max_players`` is above :data:`MAX_TABULATED_VOTERS`.

    Examples
    --------
    >>> g = weighted_voting_games(3, 3).example()
    >>> g.value(g.players) == 1.0 and 1 <= g.quota <= sum(g.weights)
    True
    """
    tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate",
                                where="weighted_voting_games", default=True)
    _check_players(min_players, max_players, MAX_TABULATED_VOTERS if tabulate else None,
                   "weighted_voting_games", "each example would fill a table of 2**n values: "
                   "pass tabulate=False", least=1)
    return _weighted_voting_games(min_players, max_players, max_weight, bool(tabulate))


@st.composite
def _weighted_voting_games(draw, min_players, max_players, max_weight, tabulate):
    n = draw(st.integers(min_players, max_players))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n)
                   .filter(lambda w: sum(w) > 0))
    quota = draw(st.integers(1, sum(weights)))
    return CoalitionalGame.weighted_voting(weights, quota, player_names(n), tabulate=tabulate)
