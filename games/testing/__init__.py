"""Assertions for users' tests: is a profile an equilibrium, do two lists of equilibria agree?

Use them in pytest like ``numpy.testing``: each raises :class:`AssertionError` with a message
that shows what is wrong, in particular the profitable deviation that breaks an equilibrium
(computed by :func:`govgames.games.verify.profitable_deviations`). They hide their own frames
from pytest's tracebacks (``__tracebackhide__``), so a failure points at the user's test.

:mod:`govgames.games.testing.strategies` has hypothesis strategies that draw normal-form games
(it needs hypothesis). Assertions and strategies for coalitional games live in
:mod:`govgames.networks.testing`, beside :class:`~govgames.networks.CoalitionalGame`: the
``games`` package never imports ``networks``.

References
----------
.. [1] NumPy, ``numpy.testing`` (the model for these helpers).
.. [2] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951), 286-295.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..equilibrium import Equilibrium
from ..game import NormalFormGame
from ..tolerance import EQUILIBRIUM_TOL, ZERO_PROBABILITY
from ..verify import _exact_mixed, profitable_deviations

__all__ = ["assert_equilibrium", "assert_not_equilibrium", "assert_equilibria_equal"]


def _describe(game: NormalFormGame, profile) -> str:
    if isinstance(profile, Equilibrium):
        return str(profile).split("  (payoffs")[0]
    parts = []
    for i, s in enumerate(profile):
        if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
            parts.append(f"{game.players[i]}: {game.strategies[i][game.strategy_index(i, s)]}")
        else:
            probs = ", ".join(f"{float(x):.6g}" for x in s)
            parts.append(f"{game.players[i]}: [{probs}]")
    return "; ".join(parts)


def _as_profile(profile):
    if isinstance(profile, Equilibrium):
        return [list(p) for p in profile.profile]
    return list(profile)


def assert_equilibrium(game: NormalFormGame, profile, tol: float | None = None) -> None:
    """Fail unless ``profile`` is a Nash equilibrium of ``game`` (within relative ``tol``).

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence or Equilibrium
        Pure (names or indices) or mixed (probability vectors) strategies, one per player.
    tol : float, optional
        Relative tolerance as in :func:`govgames.games.verify.is_equilibrium` (``None``:
        exact comparison for exact payoffs and profiles, else ``EQUILIBRIUM_TOL``).

    Raises
    ------
    AssertionError
        Listing every profitable deviation.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> assert_equilibrium(g, ["D", "D"])
    >>> assert_equilibrium(g, ["C", "D"])
    Traceback (most recent call last):
    ...
    AssertionError: A: C; B: D is not a Nash equilibrium:
      A gains 1 by deviating to 'D' (payoff 1 instead of 0)
    """
    __tracebackhide__ = True
    devs = profitable_deviations(game, _as_profile(profile), tol)
    if devs:
        lines = [f"{_describe(game, profile)} is not a Nash equilibrium:"]
        lines += [f"  {d}" for d in devs]
        raise AssertionError("\n".join(lines))


def assert_not_equilibrium(game: NormalFormGame, profile, tol: float | None = None) -> None:
    """Fail if ``profile`` is a Nash equilibrium of ``game`` (``tol`` as in
    :func:`assert_equilibrium`).

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> assert_not_equilibrium(g, ["C", "C"])
    >>> assert_not_equilibrium(g, ["D", "D"])
    Traceback (most recent call last):
    ...
    AssertionError: A: D; B: D is a Nash equilibrium (no player gains more than tol=1e-08 by deviating); payoffs 1, 1
    """
    __tracebackhide__ = True
    prof = _as_profile(profile)
    if not profitable_deviations(game, prof, tol):
        pays = ", ".join(f"{float(x):.6g}" for x in game.payoff(prof))
        if tol is None and _exact_mixed(game, prof) is not None:
            how = "no player gains by deviating, in exact arithmetic"
        else:
            how = f"no player gains more than tol={EQUILIBRIUM_TOL if tol is None else tol:g} " \
                  "by deviating"
        raise AssertionError(f"{_describe(game, profile)} is a Nash equilibrium ({how}); "
                             f"payoffs {pays}")


def _vectors(item, game=None) -> list[np.ndarray]:
    if isinstance(item, Equilibrium):
        return [np.asarray(p, dtype=float) for p in item.profile]
    if game is not None:
        return game.mixed_profile(item)
    out = []
    for p in item:
        if isinstance(p, (str, int, np.integer)):
            raise TypeError("pure profiles given by names or indices need the game: "
                            "pass game=... to assert_equilibria_equal")
        out.append(np.asarray(p, dtype=float))
    return out


def _text(v, names=None) -> str:
    vectors = "[" + "; ".join(", ".join(f"{x:.6g}" for x in p) for p in v) + "]"
    named = _named(v, names)
    return f"{vectors} ({named})" if named else vectors


def _named(v, names):
    """``Upstream: Abate; Downstream: 0.5 Abate + 0.5 Pollute`` (None without names)."""
    if names is not None and len(v) == len(names[0]) and all(
            len(p) == len(s) for p, s in zip(v, names[1])):
        parts = []
        for player, strategies, p in zip(names[0], names[1], v):
            terms = [(x, s) for x, s in zip(p, strategies) if abs(x) > ZERO_PROBABILITY]
            if len(terms) == 1 and abs(terms[0][0] - 1) < ZERO_PROBABILITY:
                parts.append(f"{player}: {terms[0][1]}")
            else:
                parts.append(f"{player}: " + " + ".join(f"{x:.6g} {s}" for x, s in terms))
        return "; ".join(parts)
    return None


def assert_equilibria_equal(found: Sequence, expected: Sequence, tol: float = 1e-6,
                            game: NormalFormGame | None = None) -> None:
    """Fail unless two collections of equilibria are the same up to order and ``tol``.

    Parameters
    ----------
    found, expected : sequence
        Items are :class:`~govgames.games.equilibrium.Equilibrium` objects or profiles (one
        probability vector per player; names or indices of pure strategies when ``game`` is
        given).
    tol : float
        Largest allowed absolute difference in any probability.
    game : NormalFormGame, optional
        Needed only to read pure profiles given by strategy names.

    Raises
    ------
    AssertionError
        Listing the equilibria missing from ``found`` and those not expected.

    Examples
    --------
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> found = [[[1, 0], [1, 0]], [[2/3, 1/3], [1/3, 2/3]], [[0, 1], [0, 1]]]
    >>> expected = [["s2", "s2"], ["s1", "s1"], [[2/3, 1/3], [1/3, 2/3]]]
    >>> assert_equilibria_equal(found, expected, game=g)
    >>> assert_equilibria_equal(found[:2], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]])
    Traceback (most recent call last):
    ...
    AssertionError: equilibria differ (tol=1e-06): 2 found, 2 expected
      missing: [0, 1; 0, 1]
      unexpected: [0.666667, 0.333333; 0.333333, 0.666667]
    """
    __tracebackhide__ = True
    names = None  # players and strategy names, to print profiles by name
    if game is not None:
        names = (game.players, game.strategies)
    else:
        for x in list(found) + list(expected):
            if isinstance(x, Equilibrium):
                names = (x.players, x.strategies)
                break
    F = [_vectors(x, game) for x in found]
    E = [_vectors(x, game) for x in expected]

    def close(a, b):
        return len(a) == len(b) and all(x.shape == y.shape and np.allclose(x, y, atol=tol, rtol=0)
                                        for x, y in zip(a, b))

    used = [False] * len(F)
    missing = []
    for e in E:
        for k, f in enumerate(F):
            if not used[k] and close(e, f):
                used[k] = True
                break
        else:
            missing.append(e)
    unexpected = [f for k, f in enumerate(F) if not used[k]]
    if missing or unexpected:
        lines = [f"equilibria differ (tol={tol:g}): {len(F)} found, {len(E)} expected"]
        lines += [f"  missing: {_text(m, names)}" for m in missing]
        lines += [f"  unexpected: {_text(u, names)}" for u in unexpected]
        raise AssertionError("\n".join(lines))
