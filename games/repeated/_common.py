"""Shared helpers of :mod:`govgames.games.repeated`: exact numbers, stage equilibria, the
default PD."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from ..errors import InputError
from ..game import NormalFormGame
from ..numbers import exact_rational

#: Axelrod's prisoner's dilemma payoffs (R, S, T, P) = (3, 0, 5, 1).
PD_PAYOFFS = {"R": 3, "S": 0, "T": 5, "P": 1}


def default_pd() -> NormalFormGame:
    """The prisoner's dilemma with Axelrod's payoffs T=5, R=3, P=1, S=0."""
    return NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
                          strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
                          title="Prisoner's dilemma")


def exact(x):
    """A payoff or lever as an exact number: Fraction for rationals, sympy for symbols."""
    if is_sym(x):
        return x
    return exact_rational(x, where="number", bounded=isinstance(x, str))


def is_sym(x) -> bool:
    return isinstance(x, sp.Basic) and not x.is_number




def simplify(x):
    if is_sym(x):
        return sp.simplify(x)
    return x


def sign(x):
    """+1, 0, -1 when decidable, None for a symbolic expression of unknown sign."""
    if not is_sym(x):
        return int(bool(x > 0)) - int(bool(x < 0))
    x = sp.simplify(x)
    if x.is_zero:
        return 0
    if x.is_positive:
        return 1
    if x.is_negative:
        return -1
    return None


def stage_equilibria(stage: NormalFormGame):
    """Every (extreme) Nash equilibrium of a numeric stage game.

    Two players: all extreme equilibria by exact vertex enumeration
    (:func:`govgames.games.twoplayer.two_player_equilibria`); more players: the pure equilibria
    (:func:`govgames.games.pure.pure_nash_equilibria`).
    """
    if stage.is_symbolic:
        from ..errors import FreeParametersError
        raise FreeParametersError([p.name for p in stage.parameters])
    if stage.n_players == 2:
        from ..twoplayer import two_player_equilibria
        return list(two_player_equilibria(stage, method="vertex"))
    from ..pure import pure_nash_equilibria
    eqs = list(pure_nash_equilibria(stage))
    if not eqs:
        raise InputError(
            f"the {stage.n_players}-player stage game has no pure equilibrium; give the "
            "punishment profile explicitly (an Equilibrium or a pure profile)")
    return eqs


def equilibrium_payoffs(eq, stage: NormalFormGame) -> list:
    """Exact payoffs of an equilibrium when available, else rationalised floats."""
    if eq.exact_payoffs is not None:
        return [Fraction(x) for x in eq.exact_payoffs]
    if eq.exact_profile is not None:
        return exact_mixed_payoffs(stage, eq.exact_profile)
    if eq.is_pure:
        idx = stage.pure_profile(eq.pure_profile)
        P = stage.exact_payoffs()
        return [P[(i,) + idx] for i in range(stage.n_players)]
    return [exact_rational(x, where="equilibrium payoff", bounded=False) for x in eq.payoffs]


def exact_mixed_payoffs(stage: NormalFormGame, profile) -> list:
    """Expected payoff of every player at an exact mixed profile (Fractions)."""
    P = stage.exact_payoffs()
    out = []
    for i in range(stage.n_players):
        u = P[i]
        for j in reversed(range(stage.n_players)):
            u = np.tensordot(u, np.array(profile[j], dtype=object), axes=([j], [0]))
        out.append(Fraction(u) if not isinstance(u, np.ndarray) else Fraction(u.item()))
    return out


def check_probability(x, name: str, *, open_low: bool = False):
    """Validate a probability-like number in [0, 1] (or (0, 1])."""
    try:
        v = float(exact_rational(x, where=name)) if isinstance(x, str) else float(x)
    except (TypeError, ValueError, ZeroDivisionError):
        raise InputError(f"{name} must be a number in [0, 1], got {x!r}") from None
    if not (0 <= v <= 1) or (open_low and v == 0) or not np.isfinite(v):
        rng = "(0, 1]" if open_low else "[0, 1]"
        raise InputError(f"{name} must lie in {rng}, got {x!r}")
    return v


def make_rng(seed, name: str = "seed") -> np.random.Generator:
    """``numpy.random.default_rng(seed)``, with a bad seed reported as :class:`InputError`.

    >>> int(make_rng(1).integers(10)) == int(np.random.default_rng(1).integers(10))
    True
    >>> make_rng(-1)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: seed must be None, a non-negative integer or a numpy Generator, got -1
    """
    if isinstance(seed, np.random.Generator):
        return seed
    try:
        return np.random.default_rng(seed)
    except (ValueError, TypeError):
        raise InputError(f"{name} must be None, a non-negative integer or a numpy Generator, "
                         f"got {seed!r}") from None
