"""Assertions for users' tests of cooperative solutions: core membership, equal allocations.

Like :mod:`govgames.games.testing` (and ``numpy.testing``), each helper raises
:class:`AssertionError` with a message that says what is wrong — the coalition that blocks an
allocation, the players whose shares differ — and hides its own frames from pytest's tracebacks
(``__tracebackhide__``). They live here, beside :class:`~govgames.networks.CoalitionalGame`,
because the ``games`` package never imports ``networks``.

:mod:`govgames.networks.testing.strategies` has hypothesis strategies that draw coalitional and
weighted voting games (it needs hypothesis).

References
----------
.. [1] D. B. Gillies, "Solutions to general non-zero-sum games", in *Contributions to the Theory
   of Games IV*, Princeton University Press, 1959, 47-85 (the core).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
from govgames.games.numbers import short_text

from ..coalitional import CoalitionalGame
from ..stability import in_core

__all__ = ["assert_in_core", "assert_not_in_core", "assert_allocation_equal"]


def _fmt(x) -> str:
    return f"{float(x):.6g}"


def _number(x, what: str) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        raise TypeError(f"{what} is not a number: {short_text(x)}") from None


def _as_dict(game: CoalitionalGame | None, allocation, what: str) -> dict:
    """``allocation`` as ``{player: float}``; a one-line TypeError for anything else."""
    if isinstance(allocation, Mapping):
        for p, v in allocation.items():      # checked, kept as given (Fractions stay exact)
            _number(v, f"{what}[{p!r}]")
        return dict(allocation)
    if isinstance(allocation, (str, bytes)) or np.ndim(allocation) != 1:
        raise TypeError(f"{what} must be a mapping player -> payoff or a sequence of payoffs, "
                        f"got {short_text(allocation)}")
    values = [_number(v, f"{what}[{i}]") for i, v in enumerate(allocation)]
    if game is None:
        raise TypeError(f"{what} is a sequence: pass a dict keyed by player, or game=... to "
                        "name the entries")
    if len(values) != game.n:
        raise AssertionError(f"{what} has {len(values)} entries for {game.n} players")
    return dict(zip(game.players, values))


def assert_in_core(game: CoalitionalGame, allocation, tol: float = 1e-9) -> None:
    """Fail unless ``allocation`` is in the core of ``game``: efficient and unblocked.

    Parameters
    ----------
    game : CoalitionalGame
        Exact, or small enough to tabulate (:meth:`CoalitionalGame.to_exact`).
    allocation : mapping player -> payoff, or sequence in player order
    tol : float
        Tolerance on efficiency and on the excesses, as in :func:`govgames.networks.in_core`.

    Raises
    ------
    AssertionError
        Naming the gap to efficiency, or the coalition with the largest excess (it gets more
        on its own than the allocation gives its members).

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> assert_in_core(g, {"A": 2, "B": 1})
    >>> assert_in_core(g, {"A": 0.5, "B": 2.5})
    Traceback (most recent call last):
    ...
    AssertionError: allocation A: 0.5, B: 2.5 is not in the core: coalition {A} gets 1 on its own but 0.5 in the allocation (excess 0.5)
    """
    __tracebackhide__ = True
    x = _as_dict(game, allocation, "allocation")
    check = in_core(game, x, tol)
    if check.in_core:
        return
    shown = ", ".join(f"{p}: {_fmt(x[p])}" for p in game.players)
    if not check.efficient:
        total = sum(float(x[p]) for p in game.players)
        raise AssertionError(f"allocation {shown} is not in the core: it shares {_fmt(total)} "
                             f"but the grand coalition is worth {_fmt(game.grand_value)}")
    assert check.blocking is not None, "outside the core and efficient: a coalition blocks"
    members = [p for p in game.players if p in check.blocking]
    worth = game.value(members)
    got = sum(float(x[p]) for p in members)
    raise AssertionError(
        f"allocation {shown} is not in the core: coalition {{{', '.join(map(str, members))}}} "
        f"gets {_fmt(worth)} on its own but {_fmt(got)} in the allocation "
        f"(excess {_fmt(check.max_excess)})")


def assert_not_in_core(game: CoalitionalGame, allocation, tol: float = 1e-9) -> None:
    """Fail if ``allocation`` is in the core of ``game``.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> assert_not_in_core(g, [0.5, 2.5])
    >>> assert_not_in_core(g, [2, 1])
    Traceback (most recent call last):
    ...
    AssertionError: allocation A: 2, B: 1 is in the core (efficient, largest excess -1)
    """
    __tracebackhide__ = True
    x = _as_dict(game, allocation, "allocation")
    check = in_core(game, x, tol)
    if check.in_core:
        shown = ", ".join(f"{p}: {_fmt(x[p])}" for p in game.players)
        raise AssertionError(f"allocation {shown} is in the core (efficient, largest excess "
                             f"{_fmt(check.max_excess)})")


def assert_allocation_equal(found, expected, tol: float = 1e-9, *,
                            game: CoalitionalGame | None = None) -> None:
    """Fail unless two allocations give every player the same payoff within ``tol``.

    Parameters
    ----------
    found, expected : mapping player -> payoff, or sequence in player order (then pass
        ``game``); a :class:`~govgames.networks.SampledValue` or any mapping works.
    tol : float
        Largest allowed absolute difference for one player.
    game : CoalitionalGame, optional
        Names the entries of sequences.

    Raises
    ------
    AssertionError
        Listing the players whose payoffs differ (and players missing from either side).

    Examples
    --------
    >>> from govgames.networks import CoalitionalGame, shapley_value
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> assert_allocation_equal(shapley_value(g), {"A": 2, "B": 1})
    >>> assert_allocation_equal(shapley_value(g), [1.5, 1.5], game=g)
    Traceback (most recent call last):
    ...
    AssertionError: allocations differ (tol=1e-09) for 2 of 2 players:
      A: 2 found, 1.5 expected (difference 0.5)
      B: 1 found, 1.5 expected (difference -0.5)
    """
    __tracebackhide__ = True
    a = _as_dict(game, found, "found")
    b = _as_dict(game, expected, "expected")
    lines = []
    for p in b:
        if p not in a:
            lines.append(f"  {p}: missing from the found allocation")
    for p in a:
        if p not in b:
            lines.append(f"  {p}: not expected (found {_fmt(a[p])})")
            continue
        d = float(a[p]) - float(b[p])
        if not abs(d) <= tol:
            lines.append(f"  {p}: {_fmt(a[p])} found, {_fmt(b[p])} expected "
                         f"(difference {_fmt(d)})")
    if lines:
        players = len(set(a) | set(b))
        raise AssertionError(f"allocations differ (tol={tol:g}) for {len(lines)} of {players} "
                             "players:\n" + "\n".join(lines))
