"""Cost estimates consulted before large or exponential computations start.

Every computation whose time or memory grows quickly with the input (vertex enumeration of a
bimatrix game, the pure-equilibrium table of an N-player game, a table of ``2**n`` coalition
values, a tournament with many repetitions, a parameter sweep, a file before it is parsed)
first asks this module: the estimate is compared with a budget and, when over it, a
:class:`BudgetError` (an :class:`~govgames.games.errors.InputError`, so the command line prints
one line and exits 2) names the estimate and gives a hint: another method, sampling, a
smaller grid.

The budgets are ``max_memory`` (bytes, default 2 GiB) and ``max_work`` (elementary steps,
default ``2e9``, roughly a minute of compiled numeric work or an hour of pure Python). A user who
means it raises them for a block of code with :func:`budget` or for a whole process with the
environment variables ``GOVGAMES_MAX_MEMORY`` (e.g. ``8G``) and ``GOVGAMES_MAX_WORK`` (e.g.
``1e12``; ``inf`` turns the check off).

References
----------
P. McMullen (1970), "The maximum numbers of faces of a convex polytope", *Mathematika* 17:
179-184 (the upper bound theorem used for vertex enumeration). R. Savani and B. von Stengel
(2006), "Hard-to-solve bimatrix games", *Econometrica* 74: 397-429 (exponentially long
Lemke-Howson paths).
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import os
import re
import time

from .errors import InputError

__all__ = ["BudgetError", "budget", "max_memory", "max_work", "max_seconds", "check_memory",
           "check_work", "check_seconds", "check_listing", "LISTING_COST", "symbolic_report_seconds",
           "human_bytes", "polytope_vertex_bound", "vertex_enumeration_cost",
           "best_response_polytopes_cost",
           "support_enumeration_cost", "lemke_howson_cost", "lemke_howson_bytes",
           "pure_equilibrium_bytes", "pure_map_bytes", "pure_map_steps", "Deadline",
           "DEFAULT_MAX_MEMORY", "DEFAULT_MAX_WORK", "NS_PER_STEP"]

#: Default memory budget of one computation (bytes).
DEFAULT_MAX_MEMORY = 2 * 1024**3

#: Default work budget of one computation (elementary steps).
DEFAULT_MAX_WORK = 2e9

#: CPU time of one elementary step (nanoseconds): the default work budget is about a minute of
#: compiled numeric work. A computation whose cost is measured in time (a simulation's moves)
#: counts ``nanoseconds / NS_PER_STEP`` steps.
NS_PER_STEP = 30.0

#: Default time budget of computations estimated in seconds (symbolic simplification).
DEFAULT_MAX_SECONDS = 30.0

_OVERRIDE: dict = {}


class BudgetError(InputError):
    """A computation was refused before it started because its estimated cost is over budget.

    >>> raise BudgetError("vertex enumeration of a 15x400 game needs ...")
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: vertex enumeration of a 15x400 game needs ...
    """


def _parse_amount(text: str, name: str, units: bool = True) -> float:
    """An amount such as ``4G``, ``1e10`` or ``inf`` (a number of seconds when not ``units``).

    >>> _parse_amount("1.5G", "GOVGAMES_MAX_MEMORY"), _parse_amount("inf", "x")
    (1610612736.0, inf)
    >>> _parse_amount("1.2.3G", "GOVGAMES_MAX_MEMORY")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: GOVGAMES_MAX_MEMORY='1.2.3G' is not an amount such as 4G or 1e10
    >>> _parse_amount("5G", "GOVGAMES_MAX_SECONDS", units=False)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: GOVGAMES_MAX_SECONDS='5G' is not a number of seconds such as 30 or 1e4
    """
    number = r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf"
    m = re.fullmatch(rf"\s*({number})\s*([KMGT]i?B?|B)?\s*" if units else rf"\s*({number})\s*",
                     text, re.I)
    if not m:
        raise InputError(f"{name}={text!r} is not " + ("an amount such as 4G or 1e10" if units
                                                         else "a number of seconds such as 30 or 1e4"))
    if not units:
        return float(m.group(1))
    value = float(m.group(1))
    unit = (m.group(2) or "").upper()[:1]
    return value * {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}[unit]


def max_memory() -> float:
    """The memory budget in bytes (:func:`budget`, else ``GOVGAMES_MAX_MEMORY``, else 2 GiB).

    >>> with budget(max_memory="8G"):
    ...     human_bytes(max_memory())
    '8.0 GiB'
    """
    if "memory" in _OVERRIDE:
        return _OVERRIDE["memory"]
    env = os.environ.get("GOVGAMES_MAX_MEMORY")
    return _parse_amount(env, "GOVGAMES_MAX_MEMORY") if env else DEFAULT_MAX_MEMORY


def max_work() -> float:
    """The work budget in elementary steps (:func:`budget`, else ``GOVGAMES_MAX_WORK``, else 2e9).

    >>> max_work() > 0
    True
    """
    if "work" in _OVERRIDE:
        return _OVERRIDE["work"]
    env = os.environ.get("GOVGAMES_MAX_WORK")
    return _parse_amount(env, "GOVGAMES_MAX_WORK") if env else DEFAULT_MAX_WORK


def max_seconds() -> float:
    """The time budget of estimated-in-seconds computations (:func:`budget`, else
    ``GOVGAMES_MAX_SECONDS``, else 30 s).

    >>> with budget(max_seconds=600):
    ...     max_seconds()
    600.0
    """
    if "seconds" in _OVERRIDE:
        return _OVERRIDE["seconds"]
    env = os.environ.get("GOVGAMES_MAX_SECONDS")
    return _parse_amount(env, "GOVGAMES_MAX_SECONDS", units=False) if env else DEFAULT_MAX_SECONDS


def _seconds_text(seconds: float, limit: float) -> str:
    """``seconds`` rounded, with enough decimals to read as more than ``limit``.

    >>> _seconds_text(30.2, 30), _seconds_text(95.7, 30), _seconds_text(4e9, 30)
    ('30.2', '96', '4e+09')
    """
    if seconds >= 1e6:
        return f"{seconds:.3g}"
    for decimals in range(7):
        text = f"{seconds:.{decimals}f}"
        if float(text) > limit:
            return text
    return f"{seconds:.3g}"


def check_seconds(seconds: float, what: str, hint: str) -> None:
    """Refuse (:class:`BudgetError`) when the estimated ``seconds`` are over the time budget.

    >>> check_seconds(1.0, "a short report", "")
    """
    limit = max_seconds()
    if seconds > limit:
        raise BudgetError(
            f"{what} would take about {_seconds_text(seconds, limit)} s of CPU time, over the "
            f"time budget of {limit:g} s "
            f"({hint + '; or ' if hint else ''}raise the budget: "
            "govgames.games.budget.budget(max_seconds=...) or GOVGAMES_MAX_SECONDS)")


def symbolic_report_seconds(shape, entries) -> float:
    """Estimated time of the symbolic equilibrium conditions of every pure profile.

    Each profile compares every player's payoff with each of her deviations (twice: weak and
    strict); a comparison of polynomial payoffs takes about 2.5 ms of sympy simplification,
    and each ``Max``/``Min``/``exp``/``log`` node (piecewise or transcendental cases) multiplies
    that (measured on random games, 4x4 to 8x8).

    >>> symbolic_report_seconds((24, 24), []) > 60
    True
    """
    import sympy as sp

    profiles = math.prod(int(a) for a in shape)
    comparisons = 2 * profiles * sum(int(a) - 1 for a in shape)
    hard = 0
    count = 0
    for x in entries:
        count += 1
        if isinstance(x, sp.Basic):
            hard += sum(1 for _ in sp.preorder_traversal(x)
                        if isinstance(_, (sp.Max, sp.Min, sp.exp, sp.log, sp.Piecewise)))
    per = 2.5e-3 * (1 + 8 * hard / max(count, 1))
    return comparisons * per


@contextlib.contextmanager
def budget(*, max_memory=None, max_work=None, max_seconds=None):
    """Raise (or lower) the budgets inside a ``with`` block.

    Parameters
    ----------
    max_memory : int, float or str, optional
        Bytes, or an amount such as ``"8G"``; ``float("inf")`` turns the memory check off.
    max_work : float or str, optional
        Elementary steps; ``float("inf")`` turns the work check off.
    max_seconds : float, optional
        Seconds for computations estimated in time (symbolic reports).

    Raises
    ------
    InputError
        When a budget is negative, NaN or not a number (or amount).

    Examples
    --------
    >>> with budget(max_work=10):
    ...     check_work(1e6, "a test", "make it smaller")
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: a test needs about 1e+06 steps, over the budget of 10 (make it smaller; or raise the budget: govgames.games.budget.budget(max_work=...) or GOVGAMES_MAX_WORK)
    """
    values = {key: _budget_value(value, name) for key, value, name in (
        ("memory", max_memory, "max_memory"), ("work", max_work, "max_work"),
        ("seconds", max_seconds, "max_seconds")) if value is not None}
    old = dict(_OVERRIDE)
    try:
        _OVERRIDE.update(values)
        yield
    finally:
        _OVERRIDE.clear()
        _OVERRIDE.update(old)


def _budget_value(value, name: str) -> float:
    """A budget given to :func:`budget` as a non-negative number (or an amount such as
    ``"8G"``; ``max_seconds`` takes seconds only)."""
    if isinstance(value, str) and name != "max_seconds":
        return _parse_amount(value, name)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}={value!r} is not a number"
                         + ("" if name == "max_seconds" else " or an amount such as 4G")) from None
    if isinstance(value, bool) or not number >= 0:
        raise InputError(f"{name} must be a number >= 0 (inf turns the check off), got {value!r}")
    return number


class Deadline:
    """The time budget of a computation whose length cannot be estimated well in advance.

    Some paths have no useful bound on their length (a Lemke-Howson path can be exponentially
    long; a homotopy path's step count depends on the game), so their estimate is checked
    before they start and the running loop also calls :meth:`check` at every step: every
    ``every`` calls it reads the CPU clock and, once more than :func:`max_seconds` have been
    spent since the deadline was made, raises :class:`BudgetError` saying how far the
    computation got.

    Parameters
    ----------
    what : str
        The computation, as the subject of "... ran ..." (``"the logit path"``).
    hint : str
        What to do instead (another method, a smaller game).
    every : int
        Read the clock once every this many calls (a clock read costs about 0.1 µs).

    Examples
    --------
    >>> with budget(max_seconds=0):
    ...     d = Deadline("a test loop", "use a smaller game", every=1)
    ...     d.check(lambda: "1 step")
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: a test loop ran 1 step in ... s of CPU time, over the time budget of 0 s (use a smaller game; or raise the budget: govgames.games.budget.budget(max_seconds=...) or GOVGAMES_MAX_SECONDS)
    """

    def __init__(self, what: str, hint: str, every: int = 16):
        self.what, self.hint, self.every = what, hint, every
        self.start, self.limit = time.process_time(), max_seconds()
        self._calls = 0

    @contextlib.contextmanager
    def active(self, progress):
        """Make this deadline the one :func:`check_active_deadline` checks inside the block
        (for inner steps of a computation, e.g. each inequality of a symbolic report, that do
        not know the deadline); ``progress()`` says how far the computation got."""
        token = _ACTIVE_DEADLINE.set((self, progress))
        try:
            yield self
        finally:
            _ACTIVE_DEADLINE.reset(token)

    def check(self, progress) -> None:
        """Raise :class:`BudgetError` when the time budget is spent; ``progress()`` returns the
        text of what was done so far (called only then)."""
        self._calls += 1
        if self._calls % self.every == 0 and time.process_time() - self.start > self.limit:
            used = time.process_time() - self.start
            raise BudgetError(
                f"{self.what} ran {progress()} in {_seconds_text(used, self.limit)} s of CPU "
                f"time, over the time budget of {self.limit:g} s ({self.hint + '; or ' if self.hint else ''}raise the "
                "budget: govgames.games.budget.budget(max_seconds=...) or GOVGAMES_MAX_SECONDS)")


#: the deadline set by :meth:`Deadline.active` (with its progress text), if any
_ACTIVE_DEADLINE: contextvars.ContextVar = contextvars.ContextVar("govgames_deadline",
                                                                  default=None)


def check_active_deadline() -> None:
    """Check the deadline made active by :meth:`Deadline.active`; nothing outside such a block.

    >>> check_active_deadline()
    >>> with budget(max_seconds=0):
    ...     with Deadline("a report", "", every=1).active(lambda: "2 of 9 rows"):
    ...         check_active_deadline()
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: a report ran 2 of 9 rows in ... s of CPU time, over the time budget of 0 s (raise the budget: govgames.games.budget.budget(max_seconds=...) or GOVGAMES_MAX_SECONDS)
    """
    active = _ACTIVE_DEADLINE.get()
    if active is not None:
        active[0].check(active[1])


def human_bytes(b: float) -> str:
    """``b`` bytes as text.

    >>> human_bytes(3 * 1024**3), human_bytes(512), human_bytes(2.0**299)
    ('3.0 GiB', '512 B', '9.05e+74 PiB')
    """
    if b == math.inf:
        return "unbounded"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if b < 1024 or unit == "PiB":
            if unit == "B":
                return f"{b:.0f} {unit}"
            return f"{b:.1f} {unit}" if b < 1e6 else f"{b:.3g} {unit}"  # 2**299 bytes: short
        b /= 1024
    return f"{b:.3g} EiB"  # pragma: no cover


def check_memory(nbytes: float, what: str, hint: str) -> None:
    """Refuse (:class:`BudgetError`) when ``nbytes`` is over the memory budget.

    Parameters
    ----------
    nbytes : float
        Estimated peak memory of the computation (bytes).
    what : str
        The computation and its size, e.g. ``"the pure-equilibrium table of a 1800x1800 game"``.
    hint : str
        What to do instead.

    Examples
    --------
    >>> check_memory(1e3, "a small table", "")
    >>> check_memory(2**40, "the table of 2**37 coalitions", "use sampling")
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: the table of 2**37 coalitions needs about 1.0 TiB, over the memory budget of 2.0 GiB (use sampling; or raise the budget: govgames.games.budget.budget(max_memory=...) or GOVGAMES_MAX_MEMORY)
    """
    limit = max_memory()
    if nbytes > limit:
        raise BudgetError(
            f"{what} needs about {human_bytes(nbytes)}, over the memory budget of "
            f"{human_bytes(limit)} ({hint + '; or ' if hint else ''}raise the budget: "
            "govgames.games.budget.budget(max_memory=...) or GOVGAMES_MAX_MEMORY)")


def check_work(steps: float, what: str, hint: str) -> None:
    """Refuse (:class:`BudgetError`) when ``steps`` is over the work budget.

    >>> check_work(1e3, "a small sweep", "")
    """
    limit = max_work()
    if steps > limit:
        size = f"about {steps:.3g}" if steps < 1e300 else "more than 1e300"
        raise BudgetError(
            f"{what} needs {size} steps, over the budget of {limit:.3g} "
            f"({hint + '; or ' if hint else ''}raise the budget: "
            "govgames.games.budget.budget(max_work=...) or GOVGAMES_MAX_WORK)")


def polytope_vertex_bound(d: int, k: int) -> int:
    """Most vertices a ``d``-dimensional polytope with ``k`` facets can have (McMullen 1970).

    ``C(k - ceil(d/2), floor(d/2)) + C(k - floor(d/2) - 1, ceil(d/2) - 1)``, attained by the
    duals of cyclic polytopes.

    Examples
    --------
    A square (d = 2, k = 4) has 4 vertices, a cube (d = 3, k = 6) 8:

    >>> polytope_vertex_bound(2, 4), polytope_vertex_bound(3, 6)
    (4, 8)
    """
    if d <= 0 or k <= d:
        return 1
    c, f = (d + 1) // 2, d // 2
    return math.comb(k - c, f) + math.comb(k - f - 1, c - 1)


def vertex_enumeration_cost(m: int, n: int) -> float:
    """Worst-case steps of vertex enumeration of an ``m x n`` bimatrix game.

    A game in which a player has a single strategy is a decision problem for the other player:
    its extreme equilibria are that player's pure best responses, found in one scan of the
    ``m x n`` payoffs (``m * n`` steps). Otherwise this is
    :func:`best_response_polytopes_cost`.

    >>> vertex_enumeration_cost(20000, 1), vertex_enumeration_cost(2, 2) < 1e3
    (20000.0, True)
    """
    if min(m, n) == 1:
        return float(m * n)
    return best_response_polytopes_cost(m, n)


def best_response_polytopes_cost(m: int, n: int) -> float:
    """Worst-case steps of enumerating both best-response polytopes of an ``m x n`` game.

    Both best-response polytopes (dimension ``m`` resp. ``n``, ``m + n`` facets) are enumerated
    vertex by vertex, so McMullen's bounds of both count (the larger polytope of a lopsided game
    has far more vertices than the smaller one). A vertex costs, in the compiled kernel
    (``m + n <= 63`` variables), about ``(m + n)**2 / 2`` steps; beyond it the pure-Python
    enumerator pivots and ratio-tests an ``m x n`` dictionary per vertex at about 1 us an
    entry (35 steps; measured: 1x3000, 2x300 and 3x100 games take 9-15 s).

    >>> best_response_polytopes_cost(2, 2) < 1e3, best_response_polytopes_cost(15, 400) > 1e15
    (True, True)
    >>> best_response_polytopes_cost(3, 100) < 2e9 < best_response_polytopes_cost(4, 200)
    True
    >>> best_response_polytopes_cost(1, 10000) > 2e9     # n + 1 vertices of n coordinates each
    True
    """
    vertices = polytope_vertex_bound(m, m + n) + polytope_vertex_bound(n, m + n)
    per_vertex = (m + n) ** 2 // 2 if m + n <= 63 else 35 * m * n
    v = vertices * per_vertex
    return float(v) if v < 10**300 else math.inf


def support_enumeration_cost(m: int, n: int) -> float:
    """Steps of support enumeration of an ``m x n`` bimatrix game (every support pair is tried).

    There are ``C(m, k) C(n, k)`` pairs of supports of size ``k``; each costs two ``k x k``
    solves and the best-response checks against all ``m + n`` strategies, about
    ``k**3 + (m + n) k`` operations. Measured at about 5 ns an operation (numpy batches), an
    operation is a sixth of a step (:data:`NS_PER_STEP`).

    >>> support_enumeration_cost(3, 3) < 1e3, support_enumeration_cost(4, 200) > 2e9
    (True, True)
    """
    ops = 0
    for k in range(1, min(m, n) + 1):
        ops += math.comb(m, k) * math.comb(n, k) * (k ** 3 + (m + n) * k)
        if ops > 10**300:
            return math.inf
    return ops / 6


def lemke_howson_cost(m: int, n: int, paths: int = 1) -> float:
    """Estimated steps of ``paths`` Lemke-Howson paths in an ``m x n`` bimatrix game.

    A pivot updates an integer tableau of ``max(m, n)`` rows and ``m + n + 1`` columns (Python
    integers, about 150 ns an entry, 5 steps); a path is taken as ``4 (min(m, n) + 1)`` pivots,
    which covers the paths measured on random games. It is an estimate, not a bound: a path
    can be exponentially long (Savani and von Stengel 2006).

    >>> lemke_howson_cost(3, 3000) < 2e9 < lemke_howson_cost(3, 3000, paths=3003)
    True
    """
    pivots = 4 * (min(m, n) + 1)
    return float(paths) * pivots * (m + n + 1) * max(m, n) * 5


def lemke_howson_bytes(m: int, n: int) -> float:
    """Peak memory of a Lemke-Howson path in an ``m x n`` bimatrix game, in bytes.

    The two integer tableaux have ``n`` and ``m`` rows and ``m + n + 1`` columns of Python
    integers (object arrays: an 8-byte pointer per entry); a pivot builds the new tableau beside
    the old one and its temporaries, about 40 bytes per entry measured at the peak (1x4000: 625
    MiB beyond the interpreter); 48 are counted.

    >>> human_bytes(lemke_howson_bytes(1, 7000))
    '2.2 GiB'
    """
    return 48.0 * (m + n) * (m + n + 1)


#: Memory (bytes) and CPU time (microseconds) per probability of a listed equilibrium:
#: ``"float"``, a pure profile held as float arrays (7.2 bytes and 0.01 us measured);
#: ``"exact"``, a mixed profile (vertex and support enumeration) held as Fractions, with its
#: sort key and duplicate test (93 bytes and 4.7-5.3 us measured on the all-zero 1x2000
#: game). Every equilibrium holds a probability for each strategy, so the 20,000 equilibria
#: of an all-zero 1x20,000 game hold 4e8 of them: about 40 GB and half an hour as Fractions.
LISTING_COST = {"float": (8.0, 0.02), "exact": (100.0, 5.0)}


def check_listing(count: int, strategies: int, what: str, hint: str, kind: str = "exact") -> None:
    """Refuse (:class:`BudgetError`) a list of ``count`` equilibria of a game with
    ``strategies`` strategies in all when it is over the memory or the time budget.

    Parameters
    ----------
    count : int
        Equilibria listed (or found so far, when they are counted as they are found).
    strategies : int
        Strategies of all players together: each equilibrium holds one probability per strategy.
    what : str
        The computation and the game's size, e.g. ``"support enumeration of a 1x20000 game"``.
    hint : str
        What to do instead.
    kind : {"exact", "float"}
        Exact mixed profiles (Fractions) or pure float ones (:data:`LISTING_COST`).

    Examples
    --------
    >>> check_listing(3, 4, "vertex enumeration of a 2x2 game", "")
    >>> check_listing(20000, 20001, "vertex enumeration of a 1x20000 game", "method 'pure'")
    Traceback (most recent call last):
    ...
    govgames.games.budget.BudgetError: vertex enumeration of a 1x20000 game: listing 20,000 equilibria of 20,001 probabilities each needs about 37.3 GiB, over the memory budget of 2.0 GiB (method 'pure'; or raise the budget: govgames.games.budget.budget(max_memory=...) or GOVGAMES_MAX_MEMORY)
    """
    nbytes, us = LISTING_COST[kind]
    entries = float(count) * strategies
    what = (f"{what}: listing {count:,} equilibri{'um' if count == 1 else 'a'} of "
            f"{strategies:,} probabilities each")
    check_memory(entries * nbytes, what, hint)
    check_seconds(entries * us * 1e-6, what, hint)


def pure_equilibrium_bytes(shape, n_players: int) -> float:
    """Peak memory of the vectorised pure-equilibrium test: the float payoff table, one float
    temporary of the table's size per player step, and the boolean mask.

    >>> human_bytes(pure_equilibrium_bytes((1800, 1800), 2))
    '77.2 MiB'
    """
    size = math.prod(int(a) for a in shape)
    return size * (8 * n_players + 8 + 1)


def pure_map_bytes(points: int, shape, n_grid: int = 1) -> float:
    """Peak memory of a pure-equilibrium map over a grid of parameter values
    (:func:`govgames.games.symbolic.parameter_map`, ``method="pure"``), in bytes.

    Per grid point: the payoffs as evaluated and as one float table (8 bytes each per payoff
    entry, ``n_players x profiles`` entries), the boolean equilibrium mask and an integer copy
    of it for the region codes (9 bytes per profile), the ``n_grid`` coordinate arrays and three
    integer label arrays.

    Parameters
    ----------
    points : int
        Number of grid points.
    shape : tuple of int
        Strategies per player of the game.
    n_grid : int
        Number of gridded parameters (1 or 2).

    Returns
    -------
    float

    Examples
    --------
    A 2x2 game on a 1000 x 1000 grid: 8 payoff entries and 4 profiles per point.

    >>> human_bytes(pure_map_bytes(10**6, (2, 2), 2))
    '194.5 MiB'
    """
    n = len(shape)
    profiles = math.prod(int(a) for a in shape)
    return float(points) * (pure_equilibrium_bytes(shape, n) + 8 * n * profiles
                            + 8 * n_grid + 24)


def pure_map_steps(points: int, shape, entries) -> float:
    """Elementary steps of a pure-equilibrium map over a grid of parameter values
    (:func:`govgames.games.symbolic.parameter_map`, ``method="pure"``): at every grid point,
    each payoff entry's arithmetic operations (at least one) and each player's comparison of
    every profile with her best deviation.

    Parameters
    ----------
    points : int
        Number of grid points.
    shape : tuple of int
        Strategies per player of the game.
    entries : iterable
        The payoff entries (numbers or sympy expressions).

    Returns
    -------
    float

    Examples
    --------
    A 2x1 game with entries ``t + 1, 0, 2 t, 0`` (one operation each, at least one for a
    constant) and 2 players x 2 profiles comparisons, on 100 points:

    >>> import sympy as sp
    >>> t = sp.Symbol("t")
    >>> pure_map_steps(100, (2, 1), [t + 1, 0, 2 * t, 0])
    1200.0
    """
    import sympy as sp

    ops = sum(max(1, int(sp.count_ops(x))) if isinstance(x, sp.Basic) else 1 for x in entries)
    profiles = math.prod(int(a) for a in shape)
    return float(points) * (ops + 2 * len(shape) * profiles)
