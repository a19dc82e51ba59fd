"""Strategies of the repeated prisoner's dilemma as small classes of the history.

A strategy decides, each turn, whether to cooperate (``True``) or defect (``False``) from the
recent moves of both sides. Decisions are vectorised: :meth:`Strategy.step` receives the
histories of ``n`` matches at once (one row per match) and returns ``n`` moves, so a tournament
plays every match of a strategy in one numpy operation per turn. ``strategy.play(own, opp)`` is
the scalar form for one history given as strings of ``"C"`` and ``"D"``.

Memory-one strategies are given by four cooperation probabilities after the previous outcome
``(own move, opponent's move)`` = (C,C), (C,D), (D,C), (D,D) and a first-move probability
(Nowak and Sigmund 1990; Press and Dyson 2012); AllC, AllD, TitForTat, WinStayLoseShift,
GenerousTFT and Random are the special cases. :data:`CLASSIFIER_KEYS` and
:func:`classifier_table` describe each strategy as data, in the manner of the axelrod library.

References
----------
.. [1] R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984.
.. [2] M. Nowak and K. Sigmund, "The evolution of stochastic strategies in the prisoner's
   dilemma", *Acta Applicandae Mathematicae* 20 (1990), 247-265.
.. [3] M. Nowak and K. Sigmund, "A strategy of win-stay, lose-shift that outperforms tit-for-tat
   in the prisoner's dilemma game", *Nature* 364 (1993), 56-58.
.. [4] V. Knight et al., "An open reproducible framework for the study of the iterated
   prisoner's dilemma", *Journal of Open Research Software* 4 (2016) (the axelrod library).
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

from ..errors import InputError

__all__ = ["Strategy", "MemoryOne", "AllC", "AllD", "Grim", "TitForTat", "TitForTwoTats",
           "GenerousTFT", "WinStayLoseShift", "Random", "FunctionStrategy", "classifier_table",
           "basic_strategies", "CLASSIFIER_KEYS"]

#: The columns of :func:`classifier_table`.
CLASSIFIER_KEYS = ("memory_depth", "stochastic", "memory_one", "deterministic_first_move",
                   "uses_state")


def _moves(history, who: str) -> np.ndarray:
    if isinstance(history, np.ndarray) and history.dtype == bool:
        return history
    out = []
    for k, m in enumerate(history):
        m = str(m).upper()
        if m not in ("C", "D"):
            raise InputError(f"{who} history has {m!r} at turn {k}; moves are 'C' or 'D'")
        out.append(m == "C")
    return np.array(out, dtype=bool)


class Strategy:
    """Base class: a strategy of the repeated 2-action game (C = cooperate, D = defect).

    Subclasses set ``name``, ``window`` (how many of the last moves :meth:`step` needs;
    ``None`` for the whole history), the classifier attributes, and implement :meth:`step`.

    Examples
    --------
    A strategy that alternates C and D whatever the opponent does:

    >>> import numpy as np
    >>> class Alternate(Strategy):
    ...     name = "Alternate"
    ...     window = 0
    ...     memory_depth = 0
    ...     def step(self, t, own, opp, state, rng):
    ...         return np.full(own.shape[0], t % 2 == 0)
    >>> Alternate().play("CD", "CC")
    'C'
    """

    name: str = "Strategy"
    window: int | None = 1
    memory_depth: float = 1
    stochastic: bool = False
    uses_state: bool = False

    def initial_state(self, n: int):
        """Per-match state for ``n`` matches (None when the strategy keeps none)."""
        return None

    def prepare(self, R, S, T, P) -> None:
        """Called once with the stage payoffs before play (GenerousTFT computes its p)."""

    def step(self, t: int, own: np.ndarray, opp: np.ndarray, state, rng) -> np.ndarray:
        """Moves at turn ``t`` (0-based) of ``n`` matches: True = cooperate.

        ``own`` and ``opp`` have shape ``(n, w)``: the last ``w = min(window, t)`` moves, oldest
        first.
        """
        raise NotImplementedError

    @property
    def classifier(self) -> dict:
        """The strategy described as data (see :data:`CLASSIFIER_KEYS`)."""
        return {"memory_depth": self.memory_depth, "stochastic": self.stochastic,
                "memory_one": isinstance(self, MemoryOne),
                "deterministic_first_move": not self.stochastic or (
                    isinstance(self, MemoryOne) and self.initial in (0.0, 1.0)),
                "uses_state": self.uses_state}

    def play(self, own_history="", opponent_history="", seed=None) -> str:
        """The next move (``"C"`` or ``"D"``) after the given histories (strings or lists).

        >>> TitForTat().play("CC", "CD")
        'D'
        >>> Grim().play("CCD", "CDC")
        'D'
        """
        own = _moves(own_history, "own")
        opp = _moves(opponent_history, "opponent's")
        if len(own) != len(opp):
            raise InputError(f"histories differ in length: own {len(own)}, opponent {len(opp)}")
        rng = np.random.default_rng(seed)
        state = self.initial_state(1)
        t_now = len(own)
        out = None
        for t in range(t_now + 1):
            w = t if self.window is None else min(self.window, t)
            out = self.step(t, own[None, t - w:t], opp[None, t - w:t], state, rng)
        assert out is not None, "the loop runs at least once"
        return "C" if bool(out[0]) else "D"

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def __str__(self) -> str:
        return self.name


class MemoryOne(Strategy):
    """A memory-one strategy: cooperation probabilities after (C,C), (C,D), (D,C), (D,D).

    The first letter is the strategy's own previous move.

    Parameters
    ----------
    p_cc, p_cd, p_dc, p_dd : float in [0, 1]
        Probability to cooperate after each outcome of the previous turn.
    initial : float in [0, 1]
        Probability to cooperate on the first turn (default 1).
    name : str, optional

    References
    ----------
    Nowak and Sigmund (1990); Press and Dyson, *PNAS* 109 (2012), 10409-10413.

    Examples
    --------
    >>> s = MemoryOne(1, 0, 1, 0, name="TFT")
    >>> s.vector.tolist(), s.play("C", "D")
    ([1.0, 0.0, 1.0, 0.0], 'D')
    """

    window = 1
    memory_depth = 1

    def __init__(self, p_cc, p_cd=None, p_dc=None, p_dd=None, initial=1.0, name: str | None = None):
        if p_cd is None and np.ndim(p_cc) == 1:
            vec = list(p_cc)
        else:
            vec = [p_cc, p_cd, p_dc, p_dd]
        if len(vec) != 4 or any(x is None for x in vec):
            raise InputError(f"a memory-one strategy needs four probabilities, got {vec}")
        try:
            v = np.array([float(x) for x in vec] + [float(initial)])
        except (TypeError, ValueError):
            raise InputError(f"memory-one probabilities must be numbers, got {vec} and "
                             f"initial {initial!r}") from None
        if not np.all(np.isfinite(v)) or np.any(v < 0) or np.any(v > 1):
            raise InputError(f"memory-one probabilities must lie in [0, 1], got {v[:4].tolist()} "
                             f"and initial {v[4]}")
        self.vector = v[:4]
        self.initial = float(v[4])
        self.stochastic = bool(np.any((v > 0) & (v < 1)))
        if name is None:
            name = "MemoryOne(" + ", ".join(f"{x:.3g}" for x in self.vector) + ")"
        self.name = name

    def step(self, t, own, opp, state, rng):
        n = own.shape[0]
        if t == 0:
            if self.initial in (0.0, 1.0):
                return np.full(n, self.initial == 1.0)
            return rng.random(n) < self.initial
        k = 2 * (~own[:, -1]).astype(np.intp) + (~opp[:, -1]).astype(np.intp)
        p = self.vector[k]
        if not self.stochastic:
            return p == 1.0
        return rng.random(n) < p


class AllC(MemoryOne):
    """Always cooperate (axelrod's Cooperator).

    >>> AllC().play("DD", "DD")
    'C'
    """

    memory_depth = 0

    def __init__(self):
        super().__init__(1, 1, 1, 1, initial=1, name="AllC")


class AllD(MemoryOne):
    """Always defect (axelrod's Defector).

    >>> AllD().play()
    'D'
    """

    memory_depth = 0

    def __init__(self):
        super().__init__(0, 0, 0, 0, initial=0, name="AllD")


class TitForTat(MemoryOne):
    """Cooperate first, then copy the opponent's previous move (Rapoport; Axelrod 1984).

    >>> TitForTat().play("CD", "DC")
    'C'
    """

    def __init__(self):
        super().__init__(1, 0, 1, 0, initial=1, name="TitForTat")


class WinStayLoseShift(MemoryOne):
    """Pavlov: repeat the previous move after R or T, switch after S or P (Nowak–Sigmund 1993).

    >>> WinStayLoseShift().play("D", "D")
    'C'
    """

    def __init__(self):
        super().__init__(1, 0, 0, 1, initial=1, name="WinStayLoseShift")


class GenerousTFT(MemoryOne):
    """Generous tit-for-tat: like TitForTat, but forgive a defection with probability ``p``.

    With ``p=None`` the forgiveness is Nowak and Sigmund's
    ``min(1 - (T - R)/(R - S), (R - P)/(T - P))`` for the stage payoffs of the tournament
    (1/3 for T, R, P, S = 5, 3, 1, 0), as in axelrod's ``GTFT``.

    References
    ----------
    M. Nowak and K. Sigmund, "Tit for tat in heterogeneous populations", *Nature* 355 (1992).

    Examples
    --------
    >>> g = GenerousTFT()
    >>> g.prepare(3, 0, 5, 1)
    >>> round(float(g.vector[1]), 4)
    0.3333
    """

    def __init__(self, p=None):
        self._p_given = p
        q = 1 / 3 if p is None else p
        super().__init__(1, q, 1, q, initial=1, name="GenerousTFT")

    def prepare(self, R, S, T, P) -> None:
        if self._p_given is None:
            q = min(1 - (T - R) / (R - S), (R - P) / (T - P))
            q = min(max(q, 0.0), 1.0)
            self.vector = np.array([1.0, q, 1.0, q])
            self.stochastic = 0 < q < 1


class Random(MemoryOne):
    """Cooperate with probability ``p`` every turn, whatever happened.

    >>> Random(1).play("DD", "DD")
    'C'
    """

    memory_depth = 0

    def __init__(self, p=0.5):
        super().__init__(p, p, p, p, initial=p, name="Random" if p == 0.5 else f"Random({p:g})")


class Grim(Strategy):
    """Grim trigger (axelrod's Grudger): cooperate until the opponent defects once, then defect.

    >>> Grim().play("CCC", "CDC")
    'D'
    """

    name = "Grim"
    window = 1
    memory_depth = math.inf
    uses_state = True

    def initial_state(self, n):
        return np.zeros(n, dtype=bool)  # True once the opponent has defected

    def step(self, t, own, opp, state, rng):
        if t == 0:
            return np.ones(own.shape[0], dtype=bool)
        state |= ~opp[:, -1]
        return ~state


class TitForTwoTats(Strategy):
    """Defect only after two consecutive defections of the opponent (Axelrod 1984).

    >>> TitForTwoTats().play("CC", "CD"), TitForTwoTats().play("CCC", "CDD")
    ('C', 'D')
    """

    name = "TitForTwoTats"
    window = 2
    memory_depth = 2

    def step(self, t, own, opp, state, rng):
        if t < 2:
            return np.ones(own.shape[0], dtype=bool)
        return opp[:, -1] | opp[:, -2]


class FunctionStrategy(Strategy):
    """A strategy from a function ``f(own, opponent) -> "C" or "D"`` of the full histories.

    The histories are strings of ``"C"`` and ``"D"``. Slower than the built-in strategies
    (one Python call per match and turn); set ``stochastic=True`` and take an ``rng`` third
    argument for a random rule.

    >>> s = FunctionStrategy(lambda own, opp: "D" if opp.count("D") > 1 else "C",
    ...                      name="Two strikes")
    >>> s.play("CCC", "DCD")
    'D'
    """

    window = None
    memory_depth = math.inf

    def __init__(self, func: Callable, name: str = "Function", stochastic: bool = False):
        if not callable(func):
            raise InputError(f"FunctionStrategy needs a callable, got {func!r}")
        self.func = func
        self.name = name
        self.stochastic = stochastic

    def step(self, t, own, opp, state, rng):
        out = np.empty(own.shape[0], dtype=bool)
        for k in range(own.shape[0]):
            a = "".join("C" if x else "D" for x in own[k])
            b = "".join("C" if x else "D" for x in opp[k])
            m = self.func(a, b, rng) if self.stochastic else self.func(a, b)
            if m not in ("C", "D"):
                raise InputError(f"strategy {self.name!r} returned {m!r}; moves are 'C' or 'D'")
            out[k] = m == "C"
        return out


def basic_strategies() -> list:
    """Axelrod's basic strategies, in the order of the axelrod library's ``basic_strategies``.

    >>> [s.name for s in basic_strategies()]
    ['AllC', 'AllD', 'TitForTat', 'Grim', 'TitForTwoTats', 'GenerousTFT', 'WinStayLoseShift',
     'Random']
    """
    return [AllC(), AllD(), TitForTat(), Grim(), TitForTwoTats(), GenerousTFT(),
            WinStayLoseShift(), Random()]


def classifier_table(strategies: Sequence[Strategy] | None = None):
    """The classifiers of strategies as a pandas table (one row per strategy).

    >>> t = classifier_table()
    >>> float(t.loc["Grim", "memory_depth"]), bool(t.loc["Random", "stochastic"])
    (inf, True)
    """
    import pandas as pd

    strategies = basic_strategies() if strategies is None else list(strategies)
    # rows in the order given, written out (from_dict's row order differs between pandas versions)
    return pd.DataFrame([dict(s.classifier) for s in strategies],
                        index=pd.Index([s.name for s in strategies], dtype=object),
                        columns=list(CLASSIFIER_KEYS))
