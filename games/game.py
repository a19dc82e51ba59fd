"""The normal-form game: N named players, named strategies, one payoff array.

The payoff array has shape ``(n_players, a_1, ..., a_n)``: ``payoffs[i][s_1, ..., s_n]`` is the
payoff of player ``i`` when player ``j`` plays strategy ``s_j``. Entries are numbers (a float
array) or sympy expressions of named parameters (an object array); ``.subs(**values)`` turns a
symbolic game into a numeric one.

This follows the layout of QuantEcon's ``game_theory.NormalFormGame`` (one object that every
N-player algorithm shares) with named players and strategies for readable output.

References
----------
.. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 2.
.. [2] QuantEcon.py, ``quantecon.game_theory.NormalFormGame``.
"""

from __future__ import annotations

import html
import itertools
from fractions import Fraction
from typing import Callable, Iterable, Sequence

import numpy as np
import sympy as sp

from .errors import FreeParametersError, InputError
from .expr import as_sympy, substitution
from .numbers import exact_rational

__all__ = ["NormalFormGame"]


def _is_symbolic_entry(x) -> bool:
    return isinstance(x, sp.Basic) and not x.is_number


def _to_fraction(x) -> Fraction:
    """Exact rational value of a payoff entry (int, float as written, sympy number)."""
    if _is_symbolic_entry(x):
        raise FreeParametersError(sorted(str(s) for s in x.free_symbols))
    return exact_rational(x, where="payoff", bounded=False)


def _loses_precision(x) -> bool:
    """True for a Fraction or integer that a float cannot hold exactly (1/3, 2**60 + 1)."""
    if isinstance(x, Fraction):
        return Fraction(float(x)) != x
    if isinstance(x, (int, np.integer)) and not isinstance(x, bool):
        return abs(int(x)) > 2**53
    return False


def _all_finite(arr: np.ndarray, chunk: int = 1 << 16) -> bool:
    """``np.all(np.isfinite(arr))`` without a boolean temporary of the size of ``arr``
    (chunks of ``2**16`` entries through one small buffer)."""
    flat = arr.reshape(-1)
    buf = np.empty(min(chunk, flat.size), dtype=bool)
    for s in range(0, flat.size, chunk):
        block = flat[s:s + chunk]
        out = buf[:block.size]
        np.isfinite(block, out=out)
        if not out.all():
            return False
    return True


def _fmt(x) -> str:
    """Short display of a payoff entry: a whole float below ``1e15`` as an integer, any other
    float to 6 significant digits (``9.9e+299``, not the 300 digits of the binary float, which
    are not the number the user wrote).

    >>> _fmt(3.0), _fmt(1.5), _fmt(9.9e299), _fmt(-1e16)
    ('3', '1.5', '9.9e+299', '-1e+16')
    """
    if isinstance(x, sp.Basic):
        return str(x)
    if isinstance(x, (float, np.floating)):
        f = float(x)
        if f.is_integer() and abs(f) < 1e15:
            return str(int(f))
        return f"{f:.6g}"
    return str(x)


_PEER_CONSTRUCTORS = {"quantecon": "from_quantecon", "nashpy": "from_nashpy",
                      "pygambit": "from_pygambit"}


def _is_dataframe(x) -> bool:
    return type(x).__module__.startswith("pandas") and hasattr(x, "columns") and hasattr(x, "index")


def _labelled_payoffs(payoffs, players, strategies):
    """Payoffs given as pandas DataFrames or a peer's game object -> (array data, names).

    One DataFrame per player (``[A, B]``, same index and columns) gives a 2-player game whose
    strategies are the row and column labels, and whose players are ``index.name`` and
    ``columns.name`` when both are set; a single DataFrame of payoff pairs ``(u_1, u_2)`` does
    too. A single DataFrame of numbers (one player's payoffs) and a peer's game object are
    refused: they have more than one reading.
    """
    root = type(payoffs).__module__.split(".")[0]
    if root in _PEER_CONSTRUCTORS:
        method = _PEER_CONSTRUCTORS[root]
        raise InputError(f"this is a {root} game ({type(payoffs).__qualname__}), not a payoff "
                         f"array: use NormalFormGame.{method}(game)")
    if _is_dataframe(payoffs):
        cells = payoffs.to_numpy(dtype=object)
        pairs = cells.size and all(isinstance(c, (tuple, list)) and len(c) == 2 for c in cells.flat)
        if not pairs:
            raise InputError(
                "one DataFrame of numbers is one player's payoffs: pass one DataFrame per player, "
                "NormalFormGame([A, B]) (zero-sum: [A, -A]), or a DataFrame whose cells are "
                "payoff pairs (u_row, u_column)")
        frames = [payoffs, payoffs]
        arrays = [np.array([[c[k] for c in row] for row in cells], dtype=object) for k in (0, 1)]
    elif (isinstance(payoffs, (list, tuple)) and payoffs
          and any(_is_dataframe(x) for x in payoffs)):
        frames = list(payoffs)
        if not all(_is_dataframe(x) for x in frames) or len(frames) != 2:
            raise InputError("payoffs given as DataFrames need exactly one DataFrame per player "
                             "and two players (rows: player 1's strategies, columns: player 2's)")
        A, B = frames
        if list(A.index) != list(B.index) or list(A.columns) != list(B.columns):
            raise InputError("the two payoff DataFrames have different row or column labels "
                             "(or orders): align them first, e.g. B = B.loc[A.index, A.columns]")
        arrays = [f.to_numpy(dtype=object) for f in frames]
    else:
        return payoffs, players, strategies
    frame = frames[0]
    if strategies is None:
        strategies = [list(frame.index), list(frame.columns)]
    names = (frame.index.name, frame.columns.name)
    if players is None and all(n is not None for n in names) and names[0] != names[1]:
        players = [str(n) for n in names]
    return arrays, players, strategies



def resolve_player(players, player) -> int:
    """Index of ``player`` (a name, or an index) among ``players``; one rule for every game type.

    >>> resolve_player(("A", "B"), "B"), resolve_player(("A", "B"), 0)
    (1, 0)
    """
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
        if 0 <= player < len(players):
            return int(player)
        raise InputError(f"player index {player} out of range 0..{len(players) - 1}")
    try:
        return list(players).index(str(player))
    except ValueError:
        raise InputError(f"unknown player {player!r}; players are {list(players)}") from None

class NormalFormGame:
    """A game in normal (strategic) form with named players and strategies.

    Parameters
    ----------
    payoffs : array_like or sequence of array_like
        Either one array of shape ``(n_players, a_1, ..., a_n)`` or a sequence of ``n`` per-player
        arrays, each of shape ``(a_1, ..., a_n)``. Entries may be numbers or sympy expressions.
        For two players, pandas DataFrames keep their labels: ``[A, B]`` (one DataFrame per
        player, same index and columns) or one DataFrame whose cells are payoff pairs; the row
        and column labels become the strategy names, and ``index.name`` and ``columns.name``
        (when both are set) the player names. QuantEcon's layout ``(a_1, ..., a_n, n_players)``
        is not this one: use :meth:`from_quantecon` (an array in that layout is refused when its
        shape tells, e.g. ``(2, 3, 3, 3)``; a 2x2 game's ``(2, 2, 2)`` cannot be told apart).
    players : sequence of str, optional
        Player names (default ``"Player 1"``, ``"Player 2"``, ...).
    strategies : sequence of sequence of str, optional
        Strategy names per player (default ``"s1"``, ``"s2"``, ...).
    title : str, optional
        A title used in displays and files.
    copy : bool, default True
        False: a C-contiguous float64 payoff array is used as it is, not copied (the game keeps
        a read-only view of it). For very large games (20 or more players) this halves the
        memory needed; the caller must then not modify the array while the game is in use.
        Any other input is converted (and so copied) whatever ``copy`` says.

    Examples
    --------
    The prisoner's dilemma:

    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
    ...                    players=["Row", "Column"],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> g.n_players, g.shape
    (2, (2, 2))
    >>> g.payoff(("D", "C"))
    array([5., 0.])
    >>> print(g)
    Row \\ Column | C    | D
    ------------ | ---- | ----
    C            | 3, 3 | 0, 5
    D            | 5, 0 | 1, 1

    A symbolic game and its numeric instance:

    >>> import sympy as sp
    >>> T, R = sp.symbols("T R")
    >>> h = NormalFormGame([[[R, 0], [T, 1]], [[R, T], [0, 1]]])
    >>> h.parameters
    (R, T)
    >>> h.subs(T=5, R=3).payoff((1, 1))
    array([1., 1.])

    From pandas, labels kept:

    >>> import pandas as pd
    >>> A = pd.DataFrame([[3, 0], [5, 1]], index=["Abate", "Pollute"], columns=["Abate", "Pollute"])
    >>> A.index.name, A.columns.name = "Upstream", "Downstream"
    >>> g = NormalFormGame([A, A.T])
    >>> g.players, g.strategies[1]
    (('Upstream', 'Downstream'), ('Abate', 'Pollute'))
    """

    #: remarks from reading the game (e.g. labels a ``.nfg`` file repeats, made unique)
    notes: tuple[str, ...] = ()

    def __init__(self, payoffs, players: Sequence[str] | None = None,
                 strategies: Sequence[Sequence[str]] | None = None, title: str | None = None,
                 *, copy: bool = True):
        payoffs, players, strategies = _labelled_payoffs(payoffs, players, strategies)
        arrays = self._coerce_payoffs(payoffs, copy)
        self._payoffs = arrays
        n = arrays.shape[0]
        shape = arrays.shape[1:]
        if players is None:
            players = [f"Player {i + 1}" for i in range(n)]
        players = [str(p) for p in players]
        if len(players) != n:
            raise InputError(f"{len(players)} player names given for a game of {n} players")
        if len(set(players)) != n:
            raise InputError(f"player names must be distinct, got {players}")
        if strategies is None:
            strategies = [[f"s{k + 1}" for k in range(a)] for a in shape]
        strategies = [[str(s) for s in row] for row in strategies]
        if len(strategies) != n:
            raise InputError(f"strategy names given for {len(strategies)} players, expected {n}")
        for i, (row, a) in enumerate(zip(strategies, shape)):
            if len(row) != a:
                raise InputError(
                    f"player {players[i]!r} has {a} strategies in the payoff array "
                    f"but {len(row)} strategy names"
                )
            if len(set(row)) != len(row):
                raise InputError(f"strategy names of player {players[i]!r} must be distinct")
        self.players: tuple[str, ...] = tuple(players)
        self.strategies: tuple[tuple[str, ...], ...] = tuple(tuple(r) for r in strategies)
        self.title = title

    # ------------------------------------------------------------------ construction
    @staticmethod
    def _coerce_payoffs(payoffs, copy: bool = True) -> np.ndarray:
        if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
            if (not copy and payoffs.dtype == np.float64 and payoffs.flags.c_contiguous):
                arr = payoffs.view()
                arr.flags.writeable = False
            else:
                arr = np.array(payoffs, dtype=float, order="C")
        else:
            seq = list(payoffs) if not isinstance(payoffs, np.ndarray) else payoffs
            try:
                arr = np.array(seq, dtype=object)
            except ValueError as exc:  # ragged input
                raise InputError(f"payoff arrays have inconsistent shapes: {exc}") from None
            if arr.dtype == object and any(isinstance(e, (list, tuple)) for e in arr.flat):
                raise InputError("payoff arrays have inconsistent shapes")
        if arr.ndim < 2:
            raise InputError(
                "payoffs must have shape (n_players, a_1, ..., a_n); got an array of "
                f"shape {arr.shape}"
            )
        n = arr.shape[0]
        if arr.ndim != n + 1:
            hint = ""
            if arr.shape[-1] == arr.ndim - 1:
                hint = ("; this is the layout (a_1, ..., a_n, n_players) of QuantEcon's "
                        "payoff_profile_array: use NormalFormGame.from_quantecon(game), or "
                        "np.moveaxis(array, -1, 0)")
            raise InputError(
                f"payoffs must have shape (n_players, a_1, ..., a_n): {n} players need an array "
                f"with {n + 1} dimensions, got shape {arr.shape}{hint}"
            )
        if any(a < 1 for a in arr.shape[1:]):
            raise InputError("every player needs at least one strategy")
        if arr.dtype == object:
            flat = arr.ravel()
            converted = []
            symbolic = False
            for x in flat:
                if isinstance(x, sp.Basic):
                    symbolic = True
                    converted.append(x)
                elif isinstance(x, (int, float, np.integer, np.floating, Fraction)):
                    converted.append(x)
                else:
                    raise InputError(f"payoff entry {x!r} is neither a number nor a sympy "
                                     "expression")
            if symbolic or any(_loses_precision(x) for x in converted):
                # keep sympy entries, and rationals or big integers that floats cannot hold, exact
                arr = np.array([as_sympy(x) for x in converted], dtype=object).reshape(arr.shape)
            else:
                arr = np.array([float(x) for x in converted], dtype=float).reshape(arr.shape)
        if arr.dtype != object and not _all_finite(arr):
            raise InputError("payoffs must be finite numbers (found inf or nan)")
        return arr

    @classmethod
    def from_arrays(cls, *arrays, players=None, strategies=None, title=None) -> "NormalFormGame":
        """Build a game from one payoff array per player.

        >>> A = [[3, 0], [5, 1]]
        >>> g = NormalFormGame.from_arrays(A, [[3, 5], [0, 1]])
        >>> g.payoff((0, 1))
        array([0., 5.])
        """
        return cls(list(arrays), players=players, strategies=strategies, title=title)

    @classmethod
    def from_function(cls, func: Callable[[tuple], Sequence], shape: Sequence[int],
                      players=None, strategies=None, title=None) -> "NormalFormGame":
        """Build a game from a function of the pure profile (a tuple of strategy indices).

        ``func(profile)`` returns one payoff per player.

        >>> g = NormalFormGame.from_function(lambda p: [p[0] * p[1], -p[0]], (2, 3))
        >>> g.payoff((1, 2))
        array([ 2., -1.])
        """
        shape = tuple(int(a) for a in shape)
        n = len(shape)
        values = np.empty((n,) + shape, dtype=object)
        for profile in itertools.product(*(range(a) for a in shape)):
            out = list(func(profile))
            if len(out) != n:
                raise InputError(f"the payoff function returned {len(out)} payoffs at "
                                 f"{profile}, expected {n}")
            for i, v in enumerate(out):
                values[(i,) + profile] = v
        return cls(values, players=players, strategies=strategies, title=title)

    # Adapters to the peers: the logic is in govgames.games.interop.
    @classmethod
    def from_nashpy(cls, game, players=None, strategies=None, title=None) -> "NormalFormGame":
        """Build a game from a :class:`nashpy.Game` (see
        :func:`govgames.games.interop.from_nashpy`).

        >>> import nashpy
        >>> g = NormalFormGame.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
        >>> g.payoff((0, 1))
        array([-1.,  1.])
        """
        from .interop import from_nashpy

        return from_nashpy(game, players=players, strategies=strategies, title=title)

    def to_nashpy(self):
        """The game as a :class:`nashpy.Game` (see :func:`govgames.games.interop.to_nashpy`).

        >>> NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]]).to_nashpy().payoff_matrices[0]
        array([[1., 0.],
               [0., 1.]])
        """
        from .interop import to_nashpy

        return to_nashpy(self)

    @classmethod
    def from_quantecon(cls, game, players=None, strategies=None, title=None) -> "NormalFormGame":
        """Build a game from a ``quantecon.game_theory.NormalFormGame``
        (see :func:`govgames.games.interop.from_quantecon`)."""
        from .interop import from_quantecon

        return from_quantecon(game, players=players, strategies=strategies, title=title)

    def to_quantecon(self):
        """The game as a ``quantecon.game_theory.NormalFormGame``
        (see :func:`govgames.games.interop.to_quantecon`)."""
        from .interop import to_quantecon

        return to_quantecon(self)

    @classmethod
    def from_pygambit(cls, game, title=None) -> "NormalFormGame":
        """Build a game from a ``pygambit.StrategicGame``, names and exact payoffs kept
        (see :func:`govgames.games.interop.from_pygambit`)."""
        from .interop import from_pygambit

        return from_pygambit(game, title=title)

    def to_pygambit(self):
        """The game as a ``pygambit.StrategicGame`` (see
        :func:`govgames.games.interop.to_pygambit`)."""
        from .interop import to_pygambit

        return to_pygambit(self)

    # ------------------------------------------------------------------ structure
    @property
    def n_players(self) -> int:
        """Number of players."""
        return self._payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(self._payoffs.shape[1:])

    @property
    def payoff_array(self) -> np.ndarray:
        """The payoff array of shape ``(n_players, a_1, ..., a_n)`` (a read-only view)."""
        view = self._payoffs.view()
        view.flags.writeable = False
        return view

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff holds a free sympy parameter."""
        return bool(self.parameters)

    @property
    def parameters(self) -> tuple[sp.Symbol, ...]:
        """The free sympy parameters of the payoffs, sorted by name."""
        if self._payoffs.dtype != object:
            return ()
        symbols = set()
        for x in self._payoffs.flat:
            if isinstance(x, sp.Basic):
                symbols |= x.free_symbols
        return tuple(sorted(symbols, key=lambda s: s.name))

    def player_index(self, player) -> int:
        """Index of a player given by name or index.

        >>> NormalFormGame([[[0]], [[0]]], players=["A", "B"]).player_index("B")
        1
        """
        return resolve_player(self.players, player)

    def strategy_index(self, player, strategy) -> int:
        """Index of a strategy of a player, given by name or index."""
        i = self.player_index(player)
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if 0 <= strategy < self.shape[i]:
                return int(strategy)
            raise InputError(
                f"strategy index {strategy} out of range for player {self.players[i]!r} "
                f"(0..{self.shape[i] - 1})"
            )
        try:
            return self.strategies[i].index(str(strategy))
        except ValueError:
            raise InputError(
                f"unknown strategy {strategy!r} of player {self.players[i]!r}; "
                f"strategies are {list(self.strategies[i])}"
            ) from None

    def _profile_entries(self, profile) -> list:
        """A profile as a list in player order; a dict is keyed by player name."""
        if isinstance(profile, dict):
            for key in profile:
                if key not in self.players:
                    raise InputError(f"profile: unknown player {key!r}; players are "
                                     f"{list(self.players)}")
            missing = [p for p in self.players if p not in profile]
            if missing:
                raise InputError(f"profile: no strategy for player {missing[0]!r}")
            return [profile[p] for p in self.players]
        if isinstance(profile, (str, bytes)):
            raise InputError(f"a profile needs one strategy per player ({self.n_players}), "
                             f"got the string {profile!r}")
        try:
            return list(profile)
        except TypeError:
            raise InputError(f"a profile is a list with one strategy per player, got "
                             f"{type(profile).__name__}") from None

    def pure_profile(self, profile: Sequence) -> tuple[int, ...]:
        """Turn a pure profile of names or indices into a tuple of strategy indices.

        A dict keyed by player name works too.

        >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["Up", "Down"])
        >>> g.pure_profile({"Down": "s2", "Up": 0})
        (0, 1)
        """
        profile = tuple(self._profile_entries(profile))
        if len(profile) != self.n_players:
            raise InputError(f"a profile needs one strategy per player ({self.n_players}), "
                             f"got {len(profile)}")
        return tuple(self.strategy_index(i, s) for i, s in enumerate(profile))

    def mixed_profile(self, profile: Sequence) -> list[np.ndarray]:
        """Turn a profile (pure names/indices or probability vectors) into probability vectors.

        >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
        >>> g.mixed_profile(["s2", [0.5, 0.5]])
        [array([0., 1.]), array([0.5, 0.5])]
        """
        profile = self._profile_entries(profile)
        if len(profile) != self.n_players:
            raise InputError(f"a profile needs one entry per player ({self.n_players}), "
                             f"got {len(profile)}")
        out = []
        for i, s in enumerate(profile):
            if isinstance(s, (str, int, np.integer)) and not isinstance(s, bool):
                v = np.zeros(self.shape[i])
                v[self.strategy_index(i, s)] = 1.0
            else:
                try:
                    v = np.asarray(s, dtype=float)
                except (TypeError, ValueError):
                    raise InputError(
                        f"strategy of player {self.players[i]!r} must be a strategy name, an "
                        f"index or a probability vector, got {s!r}"
                    ) from None
                if v.shape != (self.shape[i],):
                    raise InputError(
                        f"mixed strategy of player {self.players[i]!r} must have "
                        f"{self.shape[i]} probabilities, got shape {v.shape}"
                    )
                if not np.all(np.isfinite(v)) or np.any(v < -1e-9) or abs(v.sum() - 1) > 1e-6:
                    raise InputError(
                        f"mixed strategy of player {self.players[i]!r} is not a probability "
                        f"vector: {v.tolist()}"
                    )
            out.append(v)
        return out

    # ------------------------------------------------------------------ values
    def numeric_payoffs(self) -> np.ndarray:
        """The payoff array as floats; raises :class:`FreeParametersError` if symbolic.

        Exact entries (sympy numbers, rationals such as 1/3) are rounded to floats here only;
        :meth:`exact_payoffs` keeps them exact.

        >>> from fractions import Fraction
        >>> g = NormalFormGame([[[Fraction(1, 3), 0]], [[1, 2**60 + 1]]])
        >>> exact = g.exact_payoffs()
        >>> round(float(g.numeric_payoffs()[0, 0, 0]), 4), exact[0, 0, 0], exact[1, 0, 1]
        (0.3333, Fraction(1, 3), Fraction(1152921504606846977, 1))
        """
        if self._payoffs.dtype != object:
            return self._payoffs
        cached = getattr(self, "_numeric_cache", None)
        if cached is not None:
            return cached
        params = self.parameters
        if params:
            raise FreeParametersError([p.name for p in params])
        numeric = np.array([float(x) for x in self._payoffs.flat]).reshape(self._payoffs.shape)
        numeric.flags.writeable = False
        self._numeric_cache = numeric
        return numeric

    def exact_payoffs(self) -> np.ndarray:
        """The payoff array as exact :class:`fractions.Fraction` values (object array).

        Floats are read as the decimal they print as (``0.1`` is ``1/10``).

        >>> NormalFormGame([[[0.5, 1]], [[2, 1/3]]]).exact_payoffs()[0, 0, 0]
        Fraction(1, 2)
        """
        flat = [_to_fraction(x) for x in self._payoffs.flat]
        return np.array(flat, dtype=object).reshape(self._payoffs.shape)

    def payoff(self, profile: Sequence) -> np.ndarray:
        """Payoffs of all players at a pure or mixed profile.

        Pure profiles are names or indices; mixed ones are probability vectors. A symbolic game
        returns sympy expressions for a pure profile.
        """
        profile = list(profile)
        if all(isinstance(s, (str, int, np.integer)) and not isinstance(s, bool) for s in profile):
            idx = self.pure_profile(profile)
            vals = self._payoffs[(slice(None),) + idx]
            if self._payoffs.dtype == object and self.is_symbolic:
                return vals.copy()
            return np.asarray(vals, dtype=float).copy()
        mixed = self.mixed_profile(profile)
        P = self.numeric_payoffs()
        out = P
        for i in reversed(range(self.n_players)):
            out = out @ mixed[i]
        return out

    def subs(self, values: dict | None = None, /, **kwargs) -> "NormalFormGame":
        """Substitute parameter values; a numeric game results when no parameter stays free.

        >>> import sympy as sp
        >>> c = sp.Symbol("c", positive=True)
        >>> g = NormalFormGame([[[1 - c, -c], [1, 0]], [[1 - c, 1], [-c, 0]]])
        >>> g.subs(c=sp.Rational(1, 2)).payoff((0, 0))
        array([0.5, 0.5])
        """
        mapping = dict(values or {})
        mapping.update(kwargs)
        if self._payoffs.dtype != object:
            return self.copy()
        sub = substitution(self.parameters, mapping)
        new = np.array([x.subs(sub) if isinstance(x, sp.Basic) else x
                        for x in self._payoffs.flat], dtype=object).reshape(self._payoffs.shape)
        return self.with_payoffs(new)

    def copy(self) -> "NormalFormGame":
        """A copy of the game."""
        return self.with_payoffs(self._payoffs.copy())

    def with_payoffs(self, payoffs) -> "NormalFormGame":
        """A game with the same players, strategies and title and new payoffs.

        Parameters
        ----------
        payoffs : array_like, shape ``(n_players, *shape)``
            The new payoff array; it is validated as in the constructor.

        Returns
        -------
        NormalFormGame

        Raises
        ------
        InputError
            If ``payoffs`` does not fit the players and strategies.

        Examples
        --------
        >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"])
        >>> g.with_payoffs(2 * g.payoff_array).players
        ('A', 'B')
        """
        return type(self)(payoffs, players=self.players, strategies=self.strategies,
                          title=self.title)

    #: Former private name, kept for code written against it.
    _with_payoffs = with_payoffs

    def with_names(self, players=None, strategies=None, title=None) -> "NormalFormGame":
        """A copy with new player or strategy names."""
        return type(self)(self._payoffs.copy(), players=players or self.players,
                          strategies=strategies or self.strategies, title=title or self.title)

    # ------------------------------------------------------------------ comparisons
    def __eq__(self, other) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        if (self.players, self.strategies) != (other.players, other.strategies):
            return False
        if self._payoffs.shape != other._payoffs.shape:
            return False
        return all(sp.simplify(as_sympy(a) - as_sympy(b)) == 0 if (
            isinstance(a, sp.Basic) or isinstance(b, sp.Basic)) else a == b
            for a, b in zip(self._payoffs.flat, other._payoffs.flat))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking container semantics; compare by value

    # ------------------------------------------------------------------ display
    def _cells(self):
        """Rows of (row label, [cell strings]) for a 2-player table or a profile list."""
        P = self._payoffs
        if self.n_players == 2:
            rows = []
            for r, rname in enumerate(self.strategies[0]):
                rows.append((rname, [", ".join(_fmt(P[i, r, c]) for i in range(2))
                                     for c in range(self.shape[1])]))
            return rows
        return None

    def __str__(self) -> str:
        head = f"{self.title}\n" if self.title else ""
        if self.n_players == 2:
            rows = self._cells()
            corner = f"{self.players[0]} \\ {self.players[1]}"
            cols = list(self.strategies[1])
            w0 = max(len(corner), *(len(r[0]) for r in rows))
            widths = [max(len(cols[c]), *(len(r[1][c]) for r in rows)) for c in range(len(cols))]
            header = [corner.ljust(w0)] + [cols[c].ljust(widths[c]) for c in range(len(cols))]
            lines = [" | ".join(header).rstrip()]
            lines.append(" | ".join(["-" * w0] + ["-" * w for w in widths]))
            for name, cells in rows:
                row = [name.ljust(w0)] + [cells[c].ljust(widths[c]) for c in range(len(cells))]
                lines.append(" | ".join(row).rstrip())
            return head + "\n".join(lines)
        lines = [" | ".join(self.players) + " || payoffs"]
        for idx in itertools.product(*(range(a) for a in self.shape)):
            names = [self.strategies[i][s] for i, s in enumerate(idx)]
            pay = ", ".join(_fmt(self._payoffs[(i,) + idx]) for i in range(self.n_players))
            lines.append(" | ".join(names) + " || " + pay)
        return head + "\n".join(lines)

    def __repr__(self) -> str:
        kind = "symbolic " if self.is_symbolic else ""
        dims = "x".join(str(a) for a in self.shape)
        title = f" {self.title!r}" if self.title else ""
        return (f"<{kind}NormalFormGame{title}: {self.n_players} players "
                f"{list(self.players)}, {dims}>")

    #: Largest table shown in a notebook: rows (2 players: row strategies; else profiles) and
    #: columns; bigger games show their first rows/columns and say what is left out.
    HTML_MAX_ROWS = 60
    HTML_MAX_COLUMNS = 30

    def _repr_html_(self) -> str:
        """The payoff table as HTML for notebooks (large games are cut, with a note).

        >>> g = NormalFormGame(np.zeros((2, 100, 3)))
        >>> h = g._repr_html_()
        >>> h.count("<tr>"), "first 60 of 100 rows" in h
        (61, True)
        """
        e = html.escape
        cap = f"<caption>{e(self.title)}</caption>" if self.title else ""
        P = self._payoffs
        max_r, max_c = self.HTML_MAX_ROWS, self.HTML_MAX_COLUMNS
        if self.n_players == 2:
            m, n = self.shape
            rows, cols = range(min(m, max_r)), range(min(n, max_c))
            head = (f"<tr><th>{e(self.players[0])} \\ {e(self.players[1])}</th>"
                    + "".join(f"<th>{e(self.strategies[1][c])}</th>" for c in cols) + "</tr>")
            body = "".join(
                f"<tr><th>{e(self.strategies[0][r])}</th>"
                + "".join(f"<td>{e(_fmt(P[0, r, c]) + ', ' + _fmt(P[1, r, c]))}</td>" for c in cols)
                + "</tr>" for r in rows)
            cut = []
            if m > max_r:
                cut.append(f"first {max_r} of {m} rows")
            if n > max_c:
                cut.append(f"first {max_c} of {n} columns")
        else:
            head = ("<tr>" + "".join(f"<th>{e(p)}</th>" for p in self.players)
                    + "<th>payoffs</th></tr>")
            parts = []
            for idx in itertools.islice(itertools.product(*(range(a) for a in self.shape)), max_r):
                parts.append("<tr>" + "".join(f"<td>{e(self.strategies[i][s])}</td>"
                                              for i, s in enumerate(idx))
                             + "<td>" + e(", ".join(_fmt(P[(i,) + idx])
                                                    for i in range(self.n_players)))
                             + "</td></tr>")
            body = "".join(parts)
            total = int(np.prod(self.shape))
            cut = [f"first {max_r} of {total} profiles"] if total > max_r else []
        note = (f"<p class='govgames-note'>{e('; '.join(cut))} shown "
                f"({'x'.join(map(str, self.shape))} game)</p>") if cut else ""
        return f"<table class='govgames-game'>{cap}{head}{body}</table>{note}"

    def to_latex(self) -> str:
        r"""The payoff table as a LaTeX ``tabular`` (2 players) or a list of profiles.

        >>> print(NormalFormGame([[[1, 0]], [[2, 3]]], players=["A", "B"],
        ...                      strategies=[["x"], ["l", "r"]]).to_latex())
        \begin{tabular}{r|cc}
        A $\backslash$ B & l & r \\ \hline
        x & $1, 2$ & $0, 3$ \\
        \end{tabular}
        """
        def tex(x):
            return sp.latex(x) if isinstance(x, sp.Basic) else _fmt(x)

        def esc(s):
            s = s.replace("\\", r"\textbackslash{}")
            return s.replace("_", r"\_").replace("&", r"\&").replace("%", r"\%")

        P = self._payoffs
        if self.n_players == 2:
            lines = [r"\begin{tabular}{r|" + "c" * self.shape[1] + "}"]
            lines.append(f"{esc(self.players[0])} $\\backslash$ {esc(self.players[1])} & "
                         + " & ".join(esc(s) for s in self.strategies[1]) + r" \\ \hline")
            for r, name in enumerate(self.strategies[0]):
                cells = [f"${tex(P[0, r, c])}, {tex(P[1, r, c])}$" for c in range(self.shape[1])]
                lines.append(f"{esc(name)} & " + " & ".join(cells) + r" \\")
            lines.append(r"\end{tabular}")
            return "\n".join(lines)
        lines = [r"\begin{tabular}{" + "l" * self.n_players + "|l}"]
        lines.append(" & ".join(esc(p) for p in self.players) + r" & payoffs \\ \hline")
        for idx in itertools.product(*(range(a) for a in self.shape)):
            names = [esc(self.strategies[i][s]) for i, s in enumerate(idx)]
            pay = ", ".join(tex(P[(i,) + idx]) for i in range(self.n_players))
            lines.append(" & ".join(names) + f" & ${pay}$" + r" \\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ iteration helpers
    def pure_profiles(self) -> Iterable[tuple[int, ...]]:
        """All pure profiles as tuples of strategy indices, in lexicographic order."""
        return itertools.product(*(range(a) for a in self.shape))

    def profile_names(self, profile: Sequence[int]) -> tuple[str, ...]:
        """Strategy names of a pure profile given by indices."""
        return tuple(self.strategies[i][s] for i, s in enumerate(profile))
