"""Result objects for equilibria: one profile with its payoffs, and a list of them with notes.

An :class:`Equilibrium` holds, for each player, the probability of each of its strategies; it
prints as a readable line and turns into the JSON object of ``govgames solve --json``:
``{"profile": [[...], ...], "payoffs": [...]}`` (floats), with ``"profile_exact"`` and
``"payoffs_exact"`` (rational strings such as ``"2/3"``) when the method was exact. An :class:`EquilibriumList` is a plain list of
equilibria that also records the method that found them and whether the game is degenerate (so a
user is told when, for instance, equilibria form continua of which only extreme points are listed).
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np

from .numbers import fraction_text
from .tolerance import EQUILIBRIUM_TOL, ZERO_PROBABILITY

__all__ = ["Equilibrium", "EquilibriumList", "Degeneracy", "equilibrium_sort_key"]


def _prob(p) -> str:
    if isinstance(p, Fraction):
        return fraction_text(p)
    return f"{float(p):.6g}"


class Degeneracy(enum.Enum):
    """Whether a solver found the game degenerate: ``YES``, ``NO`` or ``NOT_TESTED``.

    Degenerate games (von Stengel 2002) may have equilibria forming connected components, of
    which vertex enumeration lists only the extreme points. Only ``YES`` is truthy, so
    ``if eqs.degeneracy:`` reads as "degenerate for certain".

    Examples
    --------
    >>> Degeneracy.of(None), Degeneracy.of(True), bool(Degeneracy.NOT_TESTED)
    (<Degeneracy.NOT_TESTED: None>, <Degeneracy.YES: True>, False)
    >>> Degeneracy.NO.as_bool() is False
    True
    """

    YES = True
    NO = False
    NOT_TESTED = None

    def __bool__(self) -> bool:
        return self is Degeneracy.YES

    @classmethod
    def of(cls, value) -> "Degeneracy":
        """The member for ``True``, ``False``, ``None`` or a member itself.

        Parameters
        ----------
        value : bool, None or Degeneracy

        Returns
        -------
        Degeneracy

        Raises
        ------
        TypeError
            If ``value`` is none of these.

        Examples
        --------
        >>> Degeneracy.of(False)
        <Degeneracy.NO: False>
        """
        if isinstance(value, cls):
            return value
        if value is None or isinstance(value, (bool, np.bool_)):
            return cls(None if value is None else bool(value))
        raise TypeError(f"degenerate must be True, False, None or a Degeneracy, not {value!r}")

    def as_bool(self) -> bool | None:
        """``True``, ``False`` or ``None`` (not tested), as in the JSON output.

        Examples
        --------
        >>> Degeneracy.NOT_TESTED.as_bool() is None
        True
        """
        return self.value


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A (possibly mixed) strategy profile of a game, with each player's expected payoff.

    Parameters
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    profile : tuple of numpy arrays
        Probability of each strategy, per player (floats).
    payoffs : numpy array
        Expected payoff of each player.
    exact_profile : tuple of tuple of Fraction, optional
        The same profile in exact rational arithmetic, when the method is exact.
    exact_payoffs : tuple of Fraction, optional
    notes : tuple of str, optional
    algebraic_profile : AlgebraicProfile, optional
        The exact profile when its probabilities are irrational algebraic numbers
        (:class:`~govgames.games.nplayer.algebraic.AlgebraicProfile`; ``exact_profile`` is then
        None), from the exact N-player solvers.

    Examples
    --------
    >>> e = Equilibrium.from_game_profile(
    ...     ("A", "B"), (("x", "y"), ("l", "r")), [[1, 0], [0.25, 0.75]], [2, 1.5])
    >>> print(e)
    A: x; B: 0.25 l + 0.75 r  (payoffs 2, 1.5)
    >>> e.to_dict()
    {'profile': [[1.0, 0.0], [0.25, 0.75]], 'payoffs': [2.0, 1.5]}
    >>> e.support
    (('x',), ('l', 'r'))
    >>> e.is_pure
    False
    """

    players: tuple
    strategies: tuple
    profile: tuple
    payoffs: np.ndarray
    exact_profile: tuple | None = None
    exact_payoffs: tuple | None = None
    notes: tuple = field(default=())
    algebraic_profile: object = None

    @classmethod
    def from_game_profile(cls, players, strategies, profile, payoffs, exact_profile=None,
                          exact_payoffs=None, notes=()) -> "Equilibrium":
        """Build from plain sequences (lists of probabilities per player)."""
        prof = tuple(np.asarray(p, dtype=float) for p in profile)
        ex = None if exact_profile is None else tuple(tuple(Fraction(x) for x in p) for p in exact_profile)
        exp = None if exact_payoffs is None else tuple(Fraction(x) for x in exact_payoffs)
        return cls(tuple(players), tuple(tuple(s) for s in strategies), prof,
                   np.asarray(payoffs, dtype=float), ex, exp, tuple(notes))

    @property
    def support(self) -> tuple:
        """Names of the strategies each player plays with positive probability (exactly
        positive when the profile is exact; above ``ZERO_PROBABILITY`` in floating point)."""
        floor = ZERO_PROBABILITY if self.exact_profile is None else 0
        return tuple(tuple(self.strategies[i][k] for k in self._positive(i, floor))
                     for i in range(len(self.players)))

    def _positive(self, i: int, floor) -> list:
        """Indices of player ``i``'s strategies whose probability is above ``floor`` (exact
        when the profile is). Found on the float profile and confirmed exactly: when the exact
        probabilities there sum to one, no other strategy can have a positive one (a pure
        equilibrium of a 1000x1000 game is checked at two entries, not 2000)."""
        prof = self.profile[i]
        if self.exact_profile is None:
            return np.flatnonzero(prof > floor).tolist()
        ex = self.exact_profile[i]
        cands = np.flatnonzero(prof != 0).tolist()
        if sum(ex[k] for k in cands) != 1:      # not a probability vector there: look at all
            cands = range(len(ex))
        return [k for k in cands if ex[k] > floor]

    @property
    def is_pure(self) -> bool:
        """True when every player plays one strategy with probability one."""
        return all(len(s) == 1 for s in self.support)

    @property
    def pure_profile(self) -> tuple | None:
        """Strategy names of a pure equilibrium, or None for a mixed one."""
        if not self.is_pure:
            return None
        return tuple(s[0] for s in self.support)

    def to_dict(self) -> dict:
        """The JSON object: profile (per player, per strategy) and payoffs, as floats, and when
        the method was exact the same numbers as rational strings (``"2/3"``) under
        ``profile_exact`` and ``payoffs_exact``.

        >>> from fractions import Fraction as F
        >>> prof, pays = [[F(2, 3), F(1, 3)], [1, 0]], [F(2, 3), 1]
        >>> e = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
        ...                                   prof, pays, exact_profile=prof, exact_payoffs=pays)
        >>> e.to_dict()["profile_exact"], e.to_dict()["payoffs_exact"]
        ([['2/3', '1/3'], ['1', '0']], ['2/3', '1'])
        """
        out = {"profile": [[float(x) for x in p] for p in self.profile],
               "payoffs": [float(x) for x in self.payoffs]}
        if self.exact_profile is not None:
            out["profile_exact"] = [[str(Fraction(x)) for x in p] for p in self.exact_profile]
        if self.exact_payoffs is not None:
            out["payoffs_exact"] = [str(Fraction(x)) for x in self.exact_payoffs]
        return out

    def _player_text(self, i) -> str:
        src = self.exact_profile[i] if self.exact_profile is not None else self.profile[i]
        # the same strategies as ``support``: an exact probability of 1e-16 is shown, not dropped
        floor = ZERO_PROBABILITY if self.exact_profile is None else 0
        parts = [(self.strategies[i][k], src[k]) for k in self._positive(i, floor)]
        if len(parts) == 1:
            return parts[0][0]
        return " + ".join(f"{_prob(p)} {s}" for s, p in parts)

    def __str__(self) -> str:
        body = "; ".join(f"{pl}: {self._player_text(i)}" for i, pl in enumerate(self.players))
        pays = self.exact_payoffs if self.exact_payoffs is not None else self.payoffs
        return f"{body}  (payoffs {', '.join(_prob(x) for x in pays)})"

    def __repr__(self) -> str:
        return f"Equilibrium({self})"

    def allclose(self, other: "Equilibrium", tol: float = EQUILIBRIUM_TOL) -> bool:
        """True when both profiles agree within ``tol`` in every probability."""
        return len(self.profile) == len(other.profile) and all(
            a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=0) for a, b in zip(self.profile, other.profile))


def equilibrium_sort_key(e: "Equilibrium") -> tuple:
    """The one order of equilibria in every list govgames returns.

    Player by player, strategy by strategy, larger probabilities first (so pure equilibria on the
    first strategies come first); exact probabilities are compared exactly when the equilibrium
    has them, floats otherwise.

    Parameters
    ----------
    e : Equilibrium

    Returns
    -------
    tuple
        The negated probabilities of all players, concatenated (Fractions or floats).

    Examples
    --------
    >>> a = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
    ...                                   [[0, 1], [1, 0]], [0, 0])
    >>> b = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
    ...                                   [[1, 0], [0, 1]], [0, 0])
    >>> [e.pure_profile for e in sorted([a, b], key=equilibrium_sort_key)]
    [('x', 'r'), ('y', 'l')]
    """
    src = e.exact_profile if e.exact_profile is not None else e.profile
    return tuple(-p if isinstance(p, Fraction) else -float(p) for probs in src for p in probs)


class EquilibriumList(list):
    """A list of :class:`Equilibrium` with the method used and notes on the game.

    Other solution types with ``to_dict`` (behaviour profiles of extensive games) are listed
    the same way.

    Attributes
    ----------
    method : str
        The algorithm that produced the list.
    degenerate : bool or None
        Whether the game is degenerate (None when not checked). In a degenerate game
        equilibria may form connected components; vertex enumeration lists their extreme points.
    degeneracy : Degeneracy
        The same as a named three-state value (``YES``, ``NO``, ``NOT_TESTED``).
    notes : list of str
        Plain-language remarks (degeneracy, continua, numerical tolerance).
    continua : int
        Number of continua (positive-dimensional sets) of equilibria the solver found and
        described in ``notes`` instead of listing them (0 when none, or when the solver lists
        extreme points only: the 2-player methods).

    >>> eqs = EquilibriumList([], method="vertex", degenerate=False)
    >>> eqs.method, eqs.degeneracy, eqs.continua
    ('vertex', <Degeneracy.NO: False>, 0)
    """

    def __init__(self, items: Iterable[Any] = (), method: str = "", degenerate=None,
                 notes: Sequence[str] = (), continua: int = 0):
        super().__init__(items)
        self.method = method
        self.degenerate = Degeneracy.of(degenerate).as_bool()
        self.notes = list(notes)
        self.continua = continua

    @property
    def degeneracy(self) -> Degeneracy:
        """Whether the game is degenerate, as :class:`Degeneracy` (``NOT_TESTED`` for None)."""
        return Degeneracy.of(self.degenerate)

    def to_frame(self):
        """The equilibria as a :class:`pandas.DataFrame`, one row per equilibrium.

        Columns ``"<player>: <strategy>"`` hold probabilities and ``"payoff <player>"`` expected
        payoffs (floats); the attributes ``method`` and ``degenerate`` are copied to
        ``DataFrame.attrs``.

        Returns
        -------
        pandas.DataFrame
            Shape ``(len(self), sum of strategy counts + n_players)``.

        Examples
        --------
        >>> e = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
        ...                                   [[1, 0], [0.5, 0.5]], [2, 1.5])
        >>> df = EquilibriumList([e], method="support").to_frame()
        >>> df.columns.tolist()
        ['A: x', 'A: y', 'B: l', 'B: r', 'payoff A', 'payoff B']
        >>> df.iloc[0].tolist()
        [1.0, 0.0, 0.5, 0.5, 2.0, 1.5]
        """
        import pandas as pd

        if not all(isinstance(e, Equilibrium) for e in self):   # subclasses' own items
            df = pd.DataFrame(self.to_dicts(),
                              index=pd.RangeIndex(1, len(self) + 1, name="equilibrium"))
            df.attrs.update(method=self.method, degenerate=self.degenerate)
            return df
        rows = []
        for e in self:
            row = {f"{pl}: {s}": float(p) for pl, names, probs in
                   zip(e.players, e.strategies, e.profile) for s, p in zip(names, probs)}
            row.update({f"payoff {pl}": float(x) for pl, x in zip(e.players, e.payoffs)})
            rows.append(row)
        df = pd.DataFrame(rows, index=pd.RangeIndex(1, len(rows) + 1, name="equilibrium"))
        df.attrs.update(method=self.method, degenerate=self.degenerate)
        return df

    def _repr_html_(self) -> str:
        head = html.escape(str(self).splitlines()[0])
        notes = "".join(f"<p>note: {html.escape(n)}</p>" for n in self.notes)
        return f"<p><b>{head}</b></p>{self.to_frame().to_html()}{notes}"

    def to_dicts(self) -> list[dict]:
        """Each equilibrium as its JSON object."""
        return [e.to_dict() for e in self]

    def __str__(self) -> str:
        lines = [f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'}"
                 + (f" ({self.method})" if self.method else "")]
        lines += [f"  {k + 1}. {e}" for k, e in enumerate(self)]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)
