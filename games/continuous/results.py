"""Result objects of the continuous-game solvers.

* :class:`DeviationCheck`: what :func:`~govgames.games.continuous.is_equilibrium` found at a
  profile (per player: payoff, best deviation found on a fine grid and by local refinement, the
  Kuhn-Tucker residual, the second-order test). It is true when no deviation gains more than the
  tolerance.
* :class:`ContinuousEquilibrium`: one pure equilibrium (choices per player, payoffs, exact values
  when found, the certificate, conditions on free parameters for symbolic games).
* :class:`ContinuousEquilibriumList`: the list every equilibrium solver returns (a
  :class:`~govgames.games.EquilibriumList`), with the method, notes, and when nothing passed the
  certificate the closest candidate with its residual, so "not found" is explicit.

Every result prints as readable text and has ``to_frame()`` (a pandas DataFrame) and
``to_dict()`` (JSON-able).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import sympy as sp

from ..equilibrium import EquilibriumList
from ..errors import InputError

__all__ = ["PlayerCheck", "DeviationCheck", "ContinuousEquilibrium", "ContinuousEquilibriumList"]


def _num(x) -> str:
    if x is None:
        return "-"
    if isinstance(x, sp.Basic):
        if x.is_Rational or not x.is_number:
            return str(x)
        try:
            return f"{float(x) + 0.0:.6g}"  # + 0.0: no "-0"
        except (TypeError, ValueError):  # zoo, nan, a complex number: as sympy writes it
            return str(x)
    try:
        return f"{float(x) + 0.0:.6g}"
    except (TypeError, ValueError):
        return str(x)


def _choice_text(values) -> str:
    vals = list(values)
    if len(vals) == 1:
        return _num(vals[0])
    return "(" + ", ".join(_num(v) for v in vals) + ")"


@dataclass(frozen=True)
class PlayerCheck:
    """The deviation check of one player.

    Attributes
    ----------
    player : str
    choice : numpy array
        The player's choice in the profile.
    payoff : float
    best_deviation : numpy array
        The best own choice found (others fixed): grid search plus local refinement.
    best_payoff : float
    gain : float
        ``best_payoff - payoff`` (at most ~0 at an equilibrium).
    kt_residual : float
        ``max |x - clip(x + du/dx)|`` over the player's variables (NaN where the derivative is
        undefined).
    second_order : bool or None
        Whether the Hessian of the own payoff (interior coordinates) is negative semidefinite
        (None when undefined or the choice is at a corner in every coordinate).
    status : tuple of str
        Per coordinate: ``"interior"``, ``"lower"`` or ``"upper"`` bound.
    """

    player: str
    choice: np.ndarray
    payoff: float
    best_deviation: np.ndarray
    best_payoff: float
    gain: float
    kt_residual: float
    second_order: bool | None
    status: tuple


@dataclass(frozen=True)
class DeviationCheck:
    """Result of :func:`~govgames.games.continuous.is_equilibrium`: truthy when no player gains
    more than ``tol`` by deviating.

    Attributes
    ----------
    holds : bool
    players : tuple of PlayerCheck
    tol : float
        The gain tolerance used (relative to ``1 + |payoff|``).
    grid : int
        Grid points per player (per coordinate for vector choices: ``grid ** (1/d)``).
    notes : tuple of str

    Examples
    --------
    >>> from govgames.games.continuous import cournot, is_equilibrium
    >>> chk = is_equilibrium(cournot(2, a=10, b=1, c=1), [1, 3])
    >>> print(chk)
    not an equilibrium: best deviation found Firm 1 -> 3 (gain 4; tolerance 1e-08, 2001-point
    grid), KT residual 4
    """

    holds: bool
    players: tuple
    tol: float
    grid: int
    notes: tuple = ()

    def __bool__(self) -> bool:
        return bool(self.holds)

    @property
    def max_gain(self) -> float:
        """The largest gain from a unilateral deviation found."""
        return max(p.gain for p in self.players)

    @property
    def best_deviation(self) -> tuple:
        """``(player, choice, gain)`` of the most profitable deviation found."""
        p = max(self.players, key=lambda c: c.gain)
        return p.player, p.best_deviation, p.gain

    @property
    def residual(self) -> float:
        """The largest Kuhn-Tucker residual (NaN if some derivative is undefined)."""
        vals = [p.kt_residual for p in self.players]
        return float(np.nan) if any(np.isnan(vals)) else float(max(vals))

    @property
    def second_order(self) -> bool | None:
        """True when every player's second-order test passes (None if some is undefined)."""
        vals = [p.second_order for p in self.players]
        if any(v is False for v in vals):
            return False
        return None if any(v is None for v in vals) else True

    def to_frame(self):
        """One row per player: choice, payoff, best deviation, gain, residual, second order."""
        import pandas as pd
        return pd.DataFrame([{
            "player": p.player, "choice": _choice_text(p.choice), "payoff": p.payoff,
            "best deviation": _choice_text(p.best_deviation), "deviation payoff": p.best_payoff,
            "gain": p.gain, "KT residual": p.kt_residual, "second order": p.second_order,
            "status": "/".join(p.status)} for p in self.players]).set_index("player")

    def to_dict(self) -> dict:
        """JSON-able summary."""
        return {"holds": bool(self.holds), "max_gain": _float_or_none(self.max_gain),
                "best_deviation": {"player": self.best_deviation[0],
                                   "choice": [_float_or_none(v) for v in self.best_deviation[1]],
                                   "gain": _float_or_none(self.best_deviation[2])},
                "residual": _float_or_none(self.residual), "notes": list(self.notes)}

    def __str__(self) -> str:
        who, choice, gain = self.best_deviation
        head = ("equilibrium" if self.holds else "not an equilibrium")
        text = (f"{head}: best deviation found {who} -> {_choice_text(choice)} "
                f"(gain {gain:.3g}; tolerance {self.tol:.1g}, {self.grid}-point grid), "
                f"KT residual {self.residual:.3g}")
        return "\n".join([text] + [f"  note: {n}" for n in self.notes])

    def __repr__(self) -> str:
        return f"DeviationCheck(holds={self.holds}, max_gain={self.max_gain:.3g})"


def _float_or_none(x):
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f + 0.0 if np.isfinite(f) else None  # + 0.0: -0.0 as 0.0


@dataclass(frozen=True, eq=False)
class ContinuousEquilibrium:
    """A pure Nash equilibrium of a continuous game.

    Attributes
    ----------
    players : tuple of str
    variables : tuple of tuple of str
        The choice variables of each player.
    profile : tuple of numpy arrays or None
        Each player's choice (floats); None for a symbolic equilibrium.
    payoffs : numpy array or None
    exact_profile : tuple of tuple of sympy expressions, optional
        Exact choices (rational, algebraic or formulas in the free parameters).
    exact_payoffs : tuple of sympy expressions, optional
    check : DeviationCheck or None
        The certificate (None for a symbolic equilibrium).
    conditions : tuple of sympy relations
        For a symbolic equilibrium: where the formula is an equilibrium (interior, second order,
        Kuhn-Tucker signs at corners). Empty when nothing remains to check.
    status : tuple of tuple of str
        Per player and coordinate: ``"interior"``, ``"lower"``, ``"upper"``.
    symmetric : bool
        True when every player makes the same choice.
    method : str
    notes : tuple of str

    Examples
    --------
    >>> from govgames.games.continuous import cournot, nash_equilibria
    >>> e = nash_equilibria(cournot(2, a=10, b=1, c=[1, 4]))[0]
    >>> e.choice("Firm 1"), e.certified, e.to_dict()["payoffs_exact"]
    (4, True, ['16', '1'])
    """

    players: tuple
    variables: tuple
    profile: tuple | None
    payoffs: np.ndarray | None
    exact_profile: tuple | None = None
    exact_payoffs: tuple | None = None
    check: DeviationCheck | None = None
    conditions: tuple = ()
    status: tuple = ()
    symmetric: bool = False
    method: str = ""
    notes: tuple = field(default=())

    @property
    def certified(self) -> bool | None:
        """True when the deviation check passed (None for a symbolic equilibrium)."""
        return None if self.check is None else bool(self.check)

    @property
    def residual(self) -> float | None:
        """The Kuhn-Tucker residual of the certificate."""
        return None if self.check is None else self.check.residual

    @property
    def is_exact(self) -> bool:
        return self.exact_profile is not None

    def choice(self, player):
        """A player's choice: a float (or array for vectors); exact when available."""
        i = self.players.index(player) if not isinstance(player, int) else player
        if self.exact_profile is not None:
            vals = self.exact_profile[i]
            return vals[0] if len(vals) == 1 else vals
        vals = self._numeric_profile("choice")[i]
        return float(vals[0]) if len(vals) == 1 else vals

    def _numeric_profile(self, what: str) -> tuple:
        if self.profile is None:
            raise InputError(f"{what}: this equilibrium has no numeric profile (its choices "
                             "depend on free parameters); see exact_profile")
        return self.profile

    def flat(self) -> np.ndarray:
        """The profile as one float vector."""
        return np.concatenate([np.atleast_1d(p) for p in self._numeric_profile("flat")])

    def to_dict(self) -> dict:
        """JSON-able: choices per player, payoffs, exact values as text (``profile_exact``,
        ``payoffs_exact``: the keys of every equilibrium's JSON), certificate."""
        out: dict[str, object] = {
               "players": list(self.players),
               "profile": (None if self.profile is None
                           else [[float(v) for v in p] for p in self.profile]),
               "payoffs": (None if self.payoffs is None
                           else [_float_or_none(v) for v in self.payoffs])}
        if self.exact_profile is not None:
            out["profile_exact"] = [[str(v) for v in p] for p in self.exact_profile]
        if self.exact_payoffs is not None:
            out["payoffs_exact"] = [str(v) for v in self.exact_payoffs]
        if self.check is not None:
            out["certificate"] = self.check.to_dict()
        if self.conditions:
            out["conditions"] = [str(c) for c in self.conditions]
        out["symmetric"] = bool(self.symmetric)
        out["method"] = self.method
        out["notes"] = list(self.notes)
        return out

    def to_frame(self):
        """One row per player: choice (exact if known), payoff, status, deviation gain."""
        import pandas as pd
        rows = []
        for i, p in enumerate(self.players):
            row = {"player": p,
                   "variables": ", ".join(self.variables[i]),
                   "choice": (_choice_text(self.exact_profile[i]) if self.exact_profile is not None
                              else _choice_text(self._numeric_profile("to_frame")[i])),
                   "payoff": (_num(self.exact_payoffs[i]) if self.exact_payoffs is not None
                              else (float(self.payoffs[i]) if self.payoffs is not None else None))}
            if self.profile is not None:
                row["choice (float)"] = _choice_text(self.profile[i])
            if self.status:
                row["status"] = "/".join(self.status[i])
            if self.check is not None:
                checks = self.check.players
                c = checks[i] if i < len(checks) else checks[0]  # symmetric: one check
                row["deviation gain"] = c.gain
                row["second order"] = c.second_order
            rows.append(row)
        return pd.DataFrame(rows).set_index("player")

    def _player_text(self, i) -> str:
        src = (self.exact_profile[i] if self.exact_profile is not None
               else self._numeric_profile("text")[i])
        names = self.variables[i]
        return ", ".join(f"{v} = {_num(x)}" for v, x in zip(names, src))

    def __str__(self) -> str:
        n = len(self.players)
        if self.symmetric and n > 4:
            body = f"every player: {self._player_text(0)}"
            pays = (self.exact_payoffs or (None if self.payoffs is None else self.payoffs))
            pay = f"payoff {_num(pays[0])} each" if pays is not None else ""
        else:
            body = "; ".join(f"{p}: {self._player_text(i)}" for i, p in enumerate(self.players))
            pays = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
            pay = "payoffs " + ", ".join(_num(x) for x in pays) if pays is not None else ""
        text = body + (f"  ({pay})" if pay else "")
        if self.check is not None:
            text += (f"  [certified: best deviation gain {self.check.max_gain:.2g}, KT residual "
                     f"{self.check.residual:.2g}]" if self.check else
                     f"  [NOT certified: deviation gain {self.check.max_gain:.3g}]")
        if self.conditions:
            text += "  when " + " and ".join(str(c) for c in self.conditions)
        return text

    def __repr__(self) -> str:
        return f"ContinuousEquilibrium({self})"

    def allclose(self, other: "ContinuousEquilibrium", tol: float = 1e-7) -> bool:
        """True when both profiles agree within ``tol`` in every coordinate."""
        if self.profile is None or other.profile is None:
            return False
        return np.allclose(self.flat(), other.flat(), atol=tol, rtol=0)


class ContinuousEquilibriumList(EquilibriumList):
    """The equilibria a continuous-game solver found (a :class:`~govgames.games.EquilibriumList`).

    Attributes
    ----------
    method : str
    notes : list of str
    rejected : list of ContinuousEquilibrium
        Candidates (stationary points) that failed the certificate, best first; when the list is
        empty, ``rejected[0]`` is the closest candidate and its residual says how close.

    Examples
    --------
    >>> from govgames.games.continuous import nash_equilibria, tullock_contest
    >>> res = nash_equilibria(tullock_contest(2, v=1, r=3))
    >>> res.found, float(res.closest.profile[0][0])
    (False, 0.75)
    """

    def __init__(self, items: Sequence = (), method: str = "", notes: Sequence[str] = (),
                 rejected: Sequence = ()):
        super().__init__(items, method=method, degenerate=None, notes=notes)
        self.rejected = list(rejected)

    @property
    def found(self) -> bool:
        """True when at least one equilibrium passed."""
        return len(self) > 0

    @property
    def closest(self):
        """The best rejected candidate (None when there is none)."""
        return self.rejected[0] if self.rejected else None

    def to_frame(self):
        """One row per (equilibrium, player)."""
        import pandas as pd
        frames = []
        for k, e in enumerate(self, 1):
            f = e.to_frame().reset_index()
            f.insert(0, "equilibrium", k)
            frames.append(f)
        if not frames:
            return pd.DataFrame(columns=["equilibrium", "player", "choice", "payoff"])
        return pd.concat(frames, ignore_index=True).set_index(["equilibrium", "player"])

    def to_dicts(self) -> list[dict]:
        return [e.to_dict() for e in self]

    def __str__(self) -> str:
        if self:
            return super().__str__()
        lines = ["no pure equilibrium found" + (f" ({self.method})" if self.method else "")]
        c = self.closest
        if c is not None and c.check is not None:
            who, choice, gain = c.check.best_deviation
            lines.append(f"  closest candidate: {c}")
            lines.append(f"  residual {c.check.residual:.3g}; {who} gains {gain:.3g} by "
                         f"deviating to {_choice_text(choice)}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ContinuousEquilibriumList: {len(self)} found ({self.method})>"
