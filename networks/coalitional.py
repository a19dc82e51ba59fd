"""Transferable-utility coalitional games with named players.

A :class:`CoalitionalGame` has a tuple of named players and a characteristic function
``v(S)`` over coalitions ``S``. It is held in one of two ways:

* **exact mode** (``game.is_exact``): ``game.values`` is a float64 numpy array of length
  ``2**n`` indexed by coalition *bitmask*: bit ``i`` of the mask is set when ``players[i]`` is a
  member. This is what the exact solution concepts (Shapley, Banzhaf, core, nucleolus) work on,
  vectorised over masks.
* **function mode**: a value function of a coalition (a ``frozenset`` of names, or with
  ``vectorized=True`` a boolean membership matrix) that is evaluated on demand, so that sampled
  values work for any number of players.

References
----------
L. S. Shapley, "A value for n-person games", in *Contributions to the Theory of Games II*,
Annals of Mathematics Studies 28, Princeton University Press, 1953, pp. 307-317.

M. Maschler, E. Solan and S. Zamir, *Game Theory*, Cambridge University Press, 2013, ch. 16-18.
"""

from __future__ import annotations

import time
from typing import Callable, Hashable, Mapping, Sequence

import numpy as np
from govgames.games.budget import (
    DEFAULT_MAX_MEMORY,
    BudgetError,
    check_seconds,
    human_bytes,
    max_memory,
)
from govgames.games.deprecation import renamed_argument
from govgames.games.errors import InputError
from govgames.games.numbers import short_text

from ._inputs import exact_fraction, finite_float

__all__ = ["CoalitionalGame", "MAX_EXACT_PLAYERS", "DEFAULT_MAX_BYTES", "popcounts", "subset_sums",
           "value_of", "coalition_text"]

#: Exact mode is refused above this many players whatever the memory budget (2**30 floats = 8 GiB).
MAX_EXACT_PLAYERS = 30

#: Default memory budget for the exact value array when no budget is set: the library's
#: (:data:`govgames.games.budget.DEFAULT_MAX_MEMORY`, 2 GiB: up to n = 28 players).
DEFAULT_MAX_BYTES = DEFAULT_MAX_MEMORY


def popcounts(n: int, dtype=np.uint8) -> np.ndarray:
    """Number of members of every coalition mask ``0 .. 2**n - 1``.

    Built by doubling (``n`` vectorised passes), no Python loop over masks.

    Examples
    --------
    >>> popcounts(3).tolist()
    [0, 1, 1, 2, 1, 2, 2, 3]
    """
    out = np.zeros(1 << n, dtype=dtype)
    for i in range(n):
        half = 1 << i
        np.add(out[:half], 1, out=out[half:2 * half])
    return out


def subset_sums(x) -> np.ndarray:
    """``out[mask] = sum of x[i] over the members i of mask``, for all masks ``0 .. 2**n - 1``.

    Built by doubling (``n`` vectorised passes, ``O(2**n)``): the additive game of ``x``, the
    allocation total ``x(S)`` of every coalition, the weight of every coalition.

    Examples
    --------
    >>> subset_sums([1.0, 2.0, 4.0]).tolist()
    [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    """
    out = np.zeros(1 << len(x))
    for i, c in enumerate(x):
        half = 1 << i
        np.add(out[:half], c, out=out[half:2 * half])
    return out


def _function_name(f) -> str:
    """``f``'s name as shown in messages (a callable object: its class)."""
    name = getattr(f, "__qualname__", None) or getattr(f, "__name__", None)
    return name if isinstance(name, str) else type(f).__qualname__


def coalition_text(coalition, players=None, limit: int = 12) -> str:
    """A coalition as shown in messages: ``{A, B}`` in the order of ``players`` (when given),
    the first ``limit`` names and the count of a larger one.

    >>> coalition_text(frozenset("CA"), "ABC"), coalition_text(frozenset())
    ('{A, C}', '{}')
    >>> coalition_text(frozenset(range(20)), range(20), limit=3)
    '{0, 1, 2, ... (20 players)}'
    """
    if players is not None:
        names = [p for p in players if p in coalition]
    else:
        names = sorted(coalition, key=str)
    shown = ", ".join(short_text(p) if not isinstance(p, str) or len(p) > 40 else p
                      for p in names[:limit])
    more = f", ... ({len(names)} players)" if len(names) > limit else ""
    return "{" + shown + more + "}"


def value_of(f, coalition: frozenset, players=None) -> float:
    """``float(f(coalition))``, with one :class:`InputError` naming the value function and the
    coalition when ``f`` raises (chained: ``__cause__`` is the original exception) or returns
    something that is not a real number (a string, ``None``, an array of more than one value).

    Parameters
    ----------
    f : callable
        A value function of a frozenset of player names.
    coalition : frozenset
    players : sequence, optional
        The game's players (the coalition is shown in their order).

    Returns
    -------
    float
        Not checked for finiteness (the callers refuse ``nan`` and ``inf`` where it matters).

    Raises
    ------
    InputError
        As described above.

    Examples
    --------
    >>> value_of(len, frozenset("AB"))
    2.0
    >>> value_of(lambda S: "x", frozenset("BA"), "AB")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the value function <lambda> returned 'x' (str) for the coalition {A, B}: expected a number
    """
    try:
        x = f(coalition)
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        raise InputError(f"the value function {_function_name(f)} raised "
                         f"{type(exc).__name__} for the coalition "
                         f"{coalition_text(coalition, players)}"
                         f"{': ' + short_text(lines[0], 200)[1:-1] if lines else ''}") from exc
    if type(x) is float:
        return x
    bad = isinstance(x, (str, bytes, complex)) or x is None or (
        isinstance(x, np.ndarray) and x.size != 1)
    if not bad:
        try:
            return float(np.asarray(x).reshape(()) if isinstance(x, np.ndarray) else x)
        except (TypeError, ValueError):
            pass
    raise InputError(f"the value function {_function_name(f)} returned {short_text(x)} "
                     f"({type(x).__name__}) for the coalition "
                     f"{coalition_text(coalition, players)}: expected a number")


def _check_exact_size(n: int, max_bytes: int | None, hint: str | None = None) -> None:
    """Refuse a table of ``2**n`` coalition values over the memory budget, ending with ``hint``
    (by default: use a value function and sampled values, or a closed form)."""
    budget = max_memory() if max_bytes is None else int(max_bytes)
    need = 8 * (1 << n) if n < 64 else float("inf")
    if n > MAX_EXACT_PLAYERS or need > budget:
        fits = (MAX_EXACT_PLAYERS if budget >= 8 << MAX_EXACT_PLAYERS
                else max(0, int(budget // 8).bit_length() - 1))
        limit = (f"over the memory budget of {human_bytes(budget)} (at most {fits} players)"
                 if need > budget else f"above the {MAX_EXACT_PLAYERS} players of exact mode")
        raise BudgetError(
            f"a game with {n} players needs 2**{n} coalition values "
            f"({human_bytes(need)}) for exact methods, {limit}: "
            + (hint or "use a value function (CoalitionalGame.from_function(..., "
               "tabulate=False)) and sampled values (method='sample'), or a closed form")
            + ("" if max_bytes is not None or n > MAX_EXACT_PLAYERS
               else "; or raise the budget (GOVGAMES_MAX_MEMORY, govgames.games.budget.budget)")
        )


def _player_tuple(players) -> tuple:
    """The players as a tuple of hashable names, or an InputError saying what is wrong."""
    if isinstance(players, (int, np.integer)) and not isinstance(players, bool):
        raise InputError(f"players must be a sequence of player names, got the number {players}; "
                         f"for players 0..{int(players) - 1} pass range({players})")
    try:
        players = tuple(players)
    except TypeError:
        raise InputError("players must be a sequence of player names, got "
                         f"{type(players).__name__}") from None
    for i, p in enumerate(players):
        try:
            hash(p)
        except TypeError:
            raise InputError(f"player {i} ({p!r}) is a {type(p).__name__}: a player name must be "
                             "hashable (a string or a number)") from None
    return players


class CoalitionalGame:
    """A transferable-utility (TU) cooperative game with named players.

    Build one with :meth:`from_dict`, :meth:`from_function`, :meth:`weighted_voting` or the
    graph builders in :mod:`govgames.networks.builders`; or directly from a value array.

    Parameters
    ----------
    players : sequence of hashable
        Player names (distinct), e.g. cities. Bit ``i`` of a coalition mask is ``players[i]``.
    values : array_like of length ``2**n``, optional
        Exact mode: ``values[mask]`` is ``v(S)``. ``values[0]`` must be 0.
    value_function : callable, optional
        Function mode: ``value_function(frozenset_of_names) -> float`` (or, with
        ``vectorized=True``, a function of a boolean array of shape ``(k, n)`` whose rows are
        membership vectors, returning ``k`` values).
    vectorized : bool
        See ``value_function``.
    max_bytes : int, optional
        Memory budget for the exact array (default: the library's memory budget,
        :func:`govgames.games.budget.max_memory`, 2 GiB unless raised).
    name : str, optional
        A title for printing.

    Examples
    --------
    >>> g = CoalitionalGame(["A", "B"], [0, 1, 2, 4])
    >>> g.n, g.is_exact
    (2, True)
    >>> g.value({"A", "B"}), g.value("B"), g.value(0b01)
    (4.0, 2.0, 1.0)
    >>> sorted(g.coalition(3))
    ['A', 'B']
    >>> g
    CoalitionalGame(players=('A', 'B'), exact)
    """

    def __init__(self, players: Sequence[Hashable], values=None, *, value_function=None,
                 vectorized: bool = False, max_bytes: int | None = None, name: str | None = None):
        players = _player_tuple(players)
        if len(set(players)) != len(players):
            seen, dup = set(), None
            for p in players:
                if p in seen:
                    dup = p
                    break
                seen.add(p)
            raise InputError(f"player {dup!r} appears more than once")
        if (values is None) == (value_function is None):
            raise InputError("give exactly one of `values` (exact mode) or `value_function`")
        self.players = players
        self.n = len(players)
        self.name = name
        self._index = {p: i for i, p in enumerate(players)}
        self.value_function = value_function
        self.vectorized = bool(vectorized)
        self.max_bytes = max_bytes
        #: optional metadata (e.g. weights and quota of a weighted voting game)
        self.weights: tuple | None = None
        self.quota: float | None = None
        #: optional description of how the game was built (e.g. ``{"kind": "linkage", ...}``),
        #: used by closed forms
        self.meta: dict = {}
        if values is not None:
            if callable(values):
                raise InputError(
                    "values is a function: pass it as value_function=... (or use "
                    "CoalitionalGame.from_function(players, f)); values is the array of "
                    "coalition values")
            _check_exact_size(self.n, max_bytes)
            try:
                arr = np.ascontiguousarray(values, dtype=np.float64)
            except (TypeError, ValueError) as exc:
                raise InputError(f"values must be numbers, one per coalition: {exc}") from None
            if arr.ndim != 1 or arr.shape[0] != (1 << self.n):
                raise InputError(
                    f"values must be a flat array of length 2**{self.n} = {1 << self.n} "
                    f"(one per coalition), got shape {arr.shape}")
            if not np.all(np.isfinite(arr)):
                bad = int(np.flatnonzero(~np.isfinite(arr))[0])
                raise InputError(f"value of coalition {self._name_of(bad)!r} is not finite")
            if arr[0] != 0:
                raise InputError(f"the empty coalition must have value 0, got {float(arr[0])!r}")
            self.values: np.ndarray | None = arr
        else:
            if not callable(value_function):
                raise InputError("value_function must be callable")
            self.values = None

    # ------------------------------------------------------------------ basics
    @property
    def is_exact(self) -> bool:
        """True when the game holds the full value array (exact mode)."""
        return self.values is not None

    @property
    def grand_value(self) -> float:
        """``v(N)``, the worth of the grand coalition."""
        return self.value((1 << self.n) - 1)

    def index(self, player) -> int:
        """Position of a player (bit number in masks); unknown players raise InputError.

        Examples
        --------
        >>> CoalitionalGame(["A", "B"], [0, 1, 2, 4]).index("B")
        1
        """
        try:
            return self._index[player]
        except (KeyError, TypeError):
            raise InputError(f"unknown player {player!r} (players: "
                             f"{', '.join(map(str, self.players[:20]))}"
                             f"{', ...' if self.n > 20 else ''})") from None

    def mask(self, coalition) -> int:
        """Bitmask of a coalition given as names, a comma string, or an int mask.

        Examples
        --------
        >>> g = CoalitionalGame(["A", "B", "C"], [0] * 8)
        >>> g.mask(["A", "C"]), g.mask("B,C"), g.mask(""), g.mask(5)
        (5, 6, 0, 5)
        """
        if isinstance(coalition, (int, np.integer)) and not isinstance(coalition, bool):
            m = int(coalition)
            if m < 0 or (self.n < 4096 and m >= (1 << self.n)):
                raise InputError(f"coalition mask {m} out of range for {self.n} players")
            return m
        if isinstance(coalition, str):
            if coalition in self._index:
                return 1 << self._index[coalition]
            names = [s.strip() for s in coalition.split(",")] if coalition.strip() else []
        else:
            try:
                names = list(coalition)
            except TypeError:
                names = [coalition]
        m = 0
        for p in names:
            m |= 1 << self.index(p)
        return m

    def coalition(self, mask: int) -> frozenset:
        """Set of player names of a bitmask.

        Examples
        --------
        >>> sorted(CoalitionalGame(["A", "B", "C"], [0] * 8).coalition(0b101))
        ['A', 'C']
        """
        mask = int(mask)
        return frozenset(p for i, p in enumerate(self.players) if mask >> i & 1)

    def _name_of(self, mask: int) -> str:
        return ",".join(str(p) for i, p in enumerate(self.players) if mask >> i & 1)

    def value(self, coalition) -> float:
        """``v(S)`` for a coalition given as names, a comma string or a mask.

        Examples
        --------
        >>> g = CoalitionalGame(["A", "B"], [0, 1, 2, 4])
        >>> g.value(["A", "B"]), g.value("A"), g.value(2)
        (4.0, 1.0, 2.0)
        """
        m = self.mask(coalition)
        if self.values is not None:
            return float(self.values[m])
        if self.vectorized:
            row = np.array([m >> i & 1 for i in range(self.n)], dtype=bool)
            return float(self.evaluate_members(row[None, :])[0])
        return value_of(self.value_function, self.coalition(m), self.players)

    def evaluate_members(self, members: np.ndarray) -> np.ndarray:
        """Values of coalitions given as a boolean membership matrix of shape ``(k, n)``.

        Works in both modes (used by the sampling methods).

        Examples
        --------
        >>> g = CoalitionalGame.from_function("ABC", len, tabulate=False)
        >>> g.evaluate_members([[True, False, True], [True, True, True]]).tolist()
        [2.0, 3.0]
        """
        members = np.asarray(members, dtype=bool)
        if members.ndim == 1:
            members = members[None, :]
        if self.values is not None:
            weights = np.left_shift(1, np.arange(self.n, dtype=np.int64))
            return self.values[members.astype(np.int64) @ weights]
        if self.vectorized:
            out = self._vectorized_values(members)
            if out.shape[0] != members.shape[0]:
                raise InputError("the vectorized value function returned "
                                 f"{out.shape[0]} values for {members.shape[0]} coalitions")
            return out
        players = np.array(self.players, dtype=object)
        return np.array([value_of(self.value_function, frozenset(players[row]), self.players)
                         for row in members], dtype=np.float64)

    def _vectorized_values(self, members: np.ndarray) -> np.ndarray:
        """The vectorised value function of ``members``, flat float64; one InputError naming
        the function and the first coalition of the block when it raises or returns
        something that is not numbers."""
        f = self.value_function

        def where() -> str:
            first = frozenset(np.array(self.players, dtype=object)[members[0]])
            return (f"for a block of {members.shape[0]} coalitions (the first: "
                    f"{coalition_text(first, self.players)})")
        try:
            raw = f(members)
        except Exception as exc:
            lines = str(exc).strip().splitlines()
            raise InputError(f"the vectorized value function {_function_name(f)} raised "
                             f"{type(exc).__name__} {where()}"
                             f"{': ' + short_text(lines[0], 200)[1:-1] if lines else ''}"
                             ) from exc
        try:
            return np.asarray(raw, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise InputError(f"the vectorized value function {_function_name(f)} returned "
                             f"{short_text(raw)} ({type(raw).__name__}) {where()}: expected "
                             "one number per coalition") from None

    def evaluate_masks(self, masks) -> np.ndarray:
        """Values of many coalitions given as integer masks (n < 63 in function mode).

        Examples
        --------
        >>> CoalitionalGame.from_function("ABC", len).evaluate_masks([1, 3, 7]).tolist()
        [1.0, 2.0, 3.0]
        """
        masks = np.asarray(masks)
        if self.values is not None:
            return self.values[masks.astype(np.int64)]
        bits = ((masks.astype(np.int64)[:, None] >> np.arange(self.n)) & 1).astype(bool)
        return self.evaluate_members(bits)

    # Adapters to coopgame-py: the logic is in govgames.networks.interop.
    @classmethod
    def from_coopgame(cls, game, players=None, name=None) -> "CoalitionalGame":
        """A game from a ``coopgame.Game`` (see :func:`govgames.networks.interop.from_coopgame`)."""
        from .interop import from_coopgame

        return from_coopgame(game, players=players, name=name)

    def to_coopgame(self):
        """The game as a ``coopgame.Game`` (see :func:`govgames.networks.interop.to_coopgame`)."""
        from .interop import to_coopgame

        return to_coopgame(self)

    def to_exact(self, max_bytes: int | None = None) -> "CoalitionalGame":
        """The same game in exact mode (evaluates every coalition once; refuses large n).

        Examples
        --------
        >>> g = CoalitionalGame.from_function(["A", "B"], lambda S: len(S) ** 2, tabulate=False)
        >>> g.to_exact().values.tolist()
        [0.0, 1.0, 1.0, 4.0]
        """
        if self.is_exact:
            return self
        _check_exact_size(self.n, max_bytes if max_bytes is not None else self.max_bytes,
                          "use sampled values (method='sample') or a closed form")
        total = 1 << self.n
        vals = np.empty(total)
        f, players = self.value_function, self.players
        chunk = 1 << 16 if self.vectorized else 1 << 10
        started = time.perf_counter()
        for start in range(0, total, chunk):
            stop = min(start + chunk, total)
            if self.vectorized:
                vals[start:stop] = self.evaluate_masks(np.arange(start, stop, dtype=np.int64))
            else:
                vals[start:stop] = np.fromiter((value_of(f, self.coalition(m), players)
                                                for m in range(start, stop)),
                                               dtype=np.float64, count=stop - start)
            spent = time.perf_counter() - started
            if stop < total and spent > 1.0:  # a second in: extrapolate (28 players, 2.5 us a
                # call: 11 minutes; refused after one second instead)
                check_seconds(spent * total / stop, f"tabulating the value function over the "
                              f"2**{self.n} coalitions of {self.n} players",
                              "keep the function (tabulate=False) and use sampled values "
                              "(method='sample'), or pass a vectorized value function")
        if vals[0] != 0:
            raise InputError(f"the value function gives the empty coalition {vals[0]!r}, not 0")
        game = CoalitionalGame(self.players, vals, max_bytes=max_bytes or self.max_bytes,
                               name=self.name)
        game.weights, game.quota, game.meta = self.weights, self.quota, dict(self.meta)
        return game

    def value_table(self, max_bytes: int | None = None) -> np.ndarray:
        """The values ``v(S)`` of all ``2**n`` coalitions, indexed by bitmask.

        The array of exact mode (:attr:`values`); a game given by a function is tabulated
        first, as :meth:`to_exact` does (and refused above ``max_bytes`` in the same way).

        Returns
        -------
        numpy.ndarray of float64, shape (2**n,)
            Entry ``m`` is the value of the coalition of the players whose bits are set in
            ``m`` (player ``i`` is bit ``i``).

        Raises
        ------
        InputError
            The table would need more than ``max_bytes`` bytes.

        Examples
        --------
        >>> CoalitionalGame.from_function(["A", "B"], len, tabulate=False).value_table().tolist()
        [0.0, 1.0, 1.0, 2.0]
        """
        values = self.to_exact(max_bytes).values
        assert values is not None, "a game in exact mode holds its value array"
        return values

    def __repr__(self) -> str:
        shown = self.players if self.n <= 8 else self.players[:8] + ("...",)
        mode = "exact" if self.is_exact else "function"
        title = f"{self.name!r}, " if self.name else ""
        return f"CoalitionalGame({title}players={shown!r}, {mode})"

    def __add__(self, other: "CoalitionalGame") -> "CoalitionalGame":
        """Sum of two games on the same players (``(v + w)(S) = v(S) + w(S)``), exact.

        Examples
        --------
        >>> g = CoalitionalGame(["A", "B"], [0, 1, 2, 4])
        >>> (g + g).values.tolist(), (0.5 * g).values.tolist()
        ([0.0, 2.0, 4.0, 8.0], [0.0, 0.5, 1.0, 2.0])
        """
        if not isinstance(other, CoalitionalGame):
            return NotImplemented
        if other.players != self.players:
            raise InputError("games to add must have the same players in the same order")
        return CoalitionalGame(self.players, self.value_table() + other.value_table())

    def __mul__(self, scalar) -> "CoalitionalGame":
        """Game scaled by a number."""
        return CoalitionalGame(self.players, self.value_table() * float(scalar))

    __rmul__ = __mul__

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_dict(cls, values: Mapping, players: Sequence | None = None, *,
                  max_bytes: int | None = None, name: str | None = None) -> "CoalitionalGame":
        """A game from a mapping ``{coalition: value}``.

        Parameters
        ----------
        values : mapping
            Keys are coalitions: frozensets/sets/tuples/lists of names, or strings of names
            joined by commas (``"A,B"``; ``""`` is the empty coalition). Every non-empty
            coalition must be present; the empty one defaults to 0.
        players : sequence, optional
            The players in order; by default the names in the keys, in order of first
            appearance.

        Raises
        ------
        InputError
            A missing or duplicated coalition, an unknown player, a non-numeric value.

        Examples
        --------
        >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
        >>> g.players, g.values.tolist()
        (('A', 'B'), [0.0, 1.0, 0.0, 3.0])
        >>> CoalitionalGame.from_dict({"A": 1, "B": 0})
        Traceback (most recent call last):
        ...
        govgames.games.errors.InputError: coalition 'A,B' is missing (every non-empty coalition needs a value)
        """
        def names_of(key):
            if isinstance(key, str):
                return [s.strip() for s in key.split(",")] if key.strip() else []
            if isinstance(key, (frozenset, set, tuple, list)):
                return list(key)
            return [key]

        if not isinstance(values, Mapping):
            raise InputError("coalition values must be a mapping {coalition: value}")
        if players is None:
            order: dict = {}
            for key in values:
                for p in names_of(key):
                    order.setdefault(p, None)
            players = list(order)
        players = tuple(players)
        n = len(players)
        _check_exact_size(n, max_bytes)
        index = {p: i for i, p in enumerate(players)}
        arr = np.full(1 << n, np.nan)
        arr[0] = 0.0
        seen: dict[int, object] = {}
        for key, val in values.items():
            m = 0
            for p in names_of(key):
                if p not in index:
                    raise InputError(f"coalition {key!r}: unknown player {p!r}")
                if m >> index[p] & 1:
                    raise InputError(f"coalition {key!r}: player {p!r} listed twice")
                m |= 1 << index[p]
            if m in seen:
                raise InputError(f"coalition {key!r} is given twice (also as {seen[m]!r})")
            seen[m] = key
            arr[m] = finite_float(val, f"value of coalition {key!r}")
        missing = np.flatnonzero(np.isnan(arr))
        if missing.size:
            m = int(missing[0])
            more = f" and {missing.size - 1} more" if missing.size > 1 else ""
            label = ",".join(str(p) for i, p in enumerate(players) if m >> i & 1)
            raise InputError(f"coalition {label!r} is missing{more} "
                             "(every non-empty coalition needs a value)")
        if arr[0] != 0:
            raise InputError(f"the empty coalition must have value 0, got {float(arr[0])!r}")
        return cls(players, arr, max_bytes=max_bytes, name=name)

    @classmethod
    def from_function(cls, players: Sequence, f: Callable, tabulate: bool | None = None, *,
                      vectorized: bool = False, max_bytes: int | None = None,
                      name: str | None = None, exact: bool | None = None) -> "CoalitionalGame":
        """A game from a value function.

        Parameters
        ----------
        players : sequence of names
        f : callable
            ``f(frozenset_of_names) -> float``; with ``vectorized=True``, ``f(members)`` for a
            boolean array ``(k, n)`` of membership rows, returning ``k`` values.
        tabulate : bool, default True
            True: evaluate every coalition now and keep the table of all ``2**n`` values
            (exact mode; refused for large n). False: keep the function (for sampling at any n).
        exact : bool, optional
            Deprecated name of ``tabulate``.

        Examples
        --------
        >>> g = CoalitionalGame.from_function("ABC", lambda S: max(len(S) - 1, 0))
        >>> g.value("A,B,C"), g.is_exact
        (2.0, True)
        >>> h = CoalitionalGame.from_function(range(1000), lambda S: len(S) ** 2, tabulate=False)
        >>> h.value(range(10)), h.is_exact
        (100.0, False)
        """
        tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate",
                                    where="CoalitionalGame.from_function", default=True)
        game = cls(players, value_function=f, vectorized=vectorized, max_bytes=max_bytes,
                   name=name)
        return game.to_exact(max_bytes) if tabulate else game

    @classmethod
    def weighted_voting(cls, weights: Sequence[float], quota: float,
                        players: Sequence | None = None, *, tabulate: bool | None = None,
                        max_bytes: int | None = None,
                        exact: bool | None = None) -> "CoalitionalGame":
        """The weighted majority game ``[q; w_1, ..., w_n]``: ``v(S) = 1`` if
        ``sum_{i in S} w_i >= q`` else 0.

        Parameters
        ----------
        weights : sequence of non-negative numbers
        quota : positive number
        players : names (default ``P1 .. Pn``)
        tabulate : bool, optional
            Keep the table of all ``2**n`` values (default: only when n <= 20; power indices
            of :mod:`govgames.networks.voting` never need it).
        exact : bool, optional
            Deprecated name of ``tabulate``.

        Examples
        --------
        >>> g = CoalitionalGame.weighted_voting([4, 2, 1], 5)
        >>> g.players, g.values.astype(int).tolist()
        (('P1', 'P2', 'P3'), [0, 0, 0, 1, 0, 1, 0, 1])
        >>> CoalitionalGame.weighted_voting([1, 1], -1)
        Traceback (most recent call last):
        ...
        govgames.games.errors.InputError: quota must be positive, got -1
        """
        tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate",
                                    where="CoalitionalGame.weighted_voting")
        w, wf = _check_weights(weights)
        w = [float(f) if isinstance(x, str) else x for x, f in zip(w, wf)]
        q = finite_float(quota, "quota")
        if q <= 0:
            raise InputError(f"quota must be positive, got {quota!r}")
        n = len(w)
        if players is None:
            players = [f"P{i + 1}" for i in range(n)]
        players = tuple(players)
        if len(players) != n:
            raise InputError(f"{len(players)} players but {n} weights")
        if tabulate is None:
            tabulate = n <= 20
        wa = np.asarray(w, dtype=np.float64)
        if tabulate:
            _check_exact_size(n, max_bytes)
            vals = (subset_sums(wa) >= q - 1e-12 * max(1.0, abs(q))).astype(np.float64)
            game = cls(players, vals, max_bytes=max_bytes)
        else:
            game = cls(players, value_function=WeightedVoteValue(wa, q), vectorized=True,
                       max_bytes=max_bytes)
        game.weights = tuple(w)
        game.quota = quota
        return game


class WeightedVoteValue:
    """The vectorised value function of a weighted voting game in function mode: 1 for the
    coalitions whose weights reach the quota ``q`` (up to a relative ``1e-12``), else 0.
    Module-level, so that the game can be sent to worker processes.

    >>> f = WeightedVoteValue(np.array([4.0, 2.0, 1.0]), 5.0)
    >>> f(np.array([[True, False, True], [False, True, True]]))
    array([1., 0.])
    """

    def __init__(self, weights, quota):
        self.weights, self.quota = weights, quota

    def __call__(self, members):
        q = self.quota
        return (members @ self.weights >= q - 1e-12 * max(1.0, abs(q))).astype(np.float64)


def _check_weights(weights) -> tuple[list, list]:
    """Voting weights as given (a list) and as exact fractions, checked: a non-empty list of
    non-negative numbers (rational strings such as ``"1/3"`` allowed)."""
    try:
        w = list(weights)
    except TypeError:
        raise InputError(f"weights must be a list of numbers, got {weights!r}") from None
    if not w:
        raise InputError("weights must not be empty")
    exact = [exact_fraction(x, f"weights[{i}]") for i, x in enumerate(w)]
    for i, x in enumerate(exact):
        if x < 0:
            raise InputError(f"weights[{i}] = {w[i]!r} must be a non-negative number")
    return w, exact
