"""Stability of a split: the core, the least core, the nucleolus, and properties of games.

"Will anyone walk away?" An allocation ``x`` of ``v(N)`` is in the *core* when no coalition
``S`` can do better on its own: ``x(S) >= v(S)`` for every ``S``. The excess
``e(S, x) = v(S) - x(S)`` measures a coalition's complaint. The checks here are vectorised over
all ``2**n`` coalition masks (exact games, n up to about 20-25); the least core and the nucleolus
are linear programs solved by HiGHS through highspy: one model per computation, modified in
place between the nucleolus's sequential stages (rows fixed at their level, dropped rows freed,
violated coalitions added) so that each stage starts from the previous optimal basis.

References
----------
D. B. Gillies, "Solutions to general non-zero-sum games", *Contributions to the Theory of Games
IV*, 1959 (the core). O. N. Bondareva (1963), L. S. Shapley (1967) (balancedness).
D. Schmeidler, "The nucleolus of a characteristic function game", *SIAM Journal on Applied
Mathematics* 17 (1969) 1163-1170. M. Maschler, B. Peleg and L. S. Shapley, "Geometric
properties of the kernel, nucleolus and related solution concepts", *Mathematics of Operations
Research* 4 (1979) 303-338. M. Guajardo and K. Jörnsten, "Common mistakes in computing the
nucleolus", *European Journal of Operational Research* 241 (2015) 931-935. Q. Huangfu and
J. A. J. Hall, "Parallelizing the dual revised simplex method", *Mathematical Programming
Computation* 10 (2018) 119-142 (HiGHS).
"""

from __future__ import annotations

import math
import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from govgames.games.budget import check_memory
from govgames.games.errors import InputError
from govgames.games.tolerance import DEFAULT_TOL

from ._inputs import finite_float
from ._nucleolus_kernel import extend_basis, last_stage, span_residuals
from .allocation import Allocation
from .coalitional import CoalitionalGame, _check_exact_size, popcounts, subset_sums
from .values import _weights_vector

__all__ = ["CoreCheck", "LeastCore", "Nucleolus", "in_core", "core_is_nonempty", "least_core", "nucleolus",
           "excesses", "is_efficient", "is_individually_rational", "is_superadditive",
           "is_convex"]


def _check_tol(tol, where: str, below: float | None = None) -> float:
    """``tol`` as a float, refused (one :class:`InputError`) unless finite, at least 0 and, when
    ``below`` is given, below it (a negative or NaN ``tol`` gave a wrong nucleolus silently)."""
    t = finite_float(tol, f"{where}: tol")
    if t < 0 or (below is not None and t >= below):
        bound = f"in [0, {below:g})" if below is not None else "at least 0"
        raise InputError(f"{where}: tol must be {bound}, got {tol!r}")
    return t


def _exact(game, what: str) -> CoalitionalGame:
    """The game in exact mode; ``what`` (the function's name) is named if it is too large."""
    if not isinstance(game, CoalitionalGame):
        raise InputError(f"expected a CoalitionalGame, got {type(game).__name__}")
    if not game.is_exact:
        _check_exact_size(game.n, game.max_bytes,
                          f"{what} needs the value of every coalition and has no sampled "
                          "method: use fewer players, or build the game with a larger "
                          "max_bytes if the memory is there")
    return game.to_exact()


def _allocation(game, allocation) -> np.ndarray:
    return _weights_vector(game.players, allocation, "allocation")


def excesses(game: CoalitionalGame, allocation) -> np.ndarray:
    """Excess ``e(S) = v(S) - x(S)`` of every coalition, as an array indexed by mask.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> excesses(g, {"A": 2, "B": 1}).tolist()
    [0.0, -1.0, -1.0, 0.0]
    """
    g = _exact(game, "excesses")
    return g.value_table() - subset_sums(_allocation(g, allocation))


class _StabilityResult:
    """Shared display of the core, least-core and nucleolus results (``to_frame``, HTML)."""

    def _allocation_items(self) -> dict:
        alloc = getattr(self, "allocation", None)
        return {} if alloc is None else dict(alloc)

    def _player_columns(self) -> dict:
        return {}

    def _summary(self) -> dict:
        return {}

    def to_frame(self):
        """The allocation as a DataFrame indexed by player, with the result's scalar fields in
        ``DataFrame.attrs``.

        Returns
        -------
        pandas.DataFrame
            Column ``"payoff"`` (and for a core check ``"in_blocking"``: whether the player is
            in the blocking coalition); one row per player.

        Examples
        --------
        >>> g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
        >>> df = least_core(g).to_frame()
        >>> df.round(4)["payoff"].tolist(), round(df.attrs["epsilon"], 4)
        ([0.3333, 0.3333, 0.3333], 0.3333)
        """
        import pandas as pd

        items = self._allocation_items()
        cols = {"payoff": [float(v) for v in items.values()], **self._player_columns()}
        df = pd.DataFrame(cols, index=pd.Index(list(items), name="player"))
        df.attrs.update(self._summary())
        return df

    def _repr_html_(self) -> str:
        import html

        head = "; ".join(f"{k} = {html.escape(str(v))}" for k, v in self._summary().items())
        table = self.to_frame().to_html() if self._allocation_items() else ""
        return f"<p><b>{type(self).__name__}</b>: {head}</p>{table}"


@dataclass
class CoreCheck(_StabilityResult):
    """Result of :func:`in_core`; true in a boolean context when the allocation is in the core.

    Attributes
    ----------
    in_core : bool
    efficient : bool
        ``x(N) = v(N)`` within the tolerance.
    blocking : frozenset or None
        A coalition with the largest excess, when that excess is positive (it can do better on
        its own), else None.
    max_excess : float
        The largest excess over proper coalitions.
    allocation : Allocation or None
        The allocation that was tested (player -> payoff).

    Examples
    --------
    >>> g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    >>> in_core(g, [0.5, 0.5, 0]).to_frame()
            payoff  in_blocking
    player
    A          0.5         True
    B          0.5        False
    C          0.0         True
    """

    in_core: bool
    efficient: bool
    blocking: frozenset | None
    max_excess: float
    allocation: Allocation | None = None

    def __bool__(self) -> bool:
        return self.in_core

    def _player_columns(self) -> dict:
        block = self.blocking or frozenset()
        return {"in_blocking": [p in block for p in self._allocation_items()]}

    def _summary(self) -> dict:
        return {"in_core": self.in_core, "efficient": self.efficient,
                "blocking": None if self.blocking is None else sorted(self.blocking, key=str),
                "max_excess": self.max_excess}


@dataclass
class LeastCore(_StabilityResult):
    """Result of :func:`least_core`; unpacks as ``epsilon, allocation`` (and indexes as a pair).

    Attributes
    ----------
    epsilon : float
        The least-core value: ``<= 0`` exactly when the core is non-empty.
    allocation : Allocation
        Player -> payoff of an allocation in the least core (a dict).
    domain : str
        ``"pre"`` or ``"imputation"``.

    Examples
    --------
    >>> r = LeastCore(0.5, {"A": 1.0, "B": 0.0}, "pre")
    >>> eps, x = r
    >>> eps, x["A"], r[0], r.allocation.method
    (0.5, 1.0, 0.5, 'least core')
    """

    epsilon: float
    allocation: Allocation
    domain: str = "pre"

    def __post_init__(self):
        if isinstance(self.epsilon, float) and self.epsilon == 0:
            self.epsilon = self.epsilon + 0.0  # -0.0 -> 0.0
        if not isinstance(self.allocation, Allocation):
            self.allocation = Allocation(self.allocation, method="least core")

    def __iter__(self):
        return iter((self.epsilon, self.allocation))

    def __len__(self) -> int:
        return 2

    def __getitem__(self, i):
        return (self.epsilon, self.allocation)[i]

    def _summary(self) -> dict:
        return {"epsilon": self.epsilon, "domain": self.domain}


class Nucleolus(Allocation, _StabilityResult):
    """Result of :func:`nucleolus`: the mapping player -> payoff (an
    :class:`~govgames.networks.allocation.Allocation`), with ``domain``, ``allocation`` (itself,
    as on the other results of this family), ``to_frame()`` and an HTML table.

    Examples
    --------
    >>> r = Nucleolus({"A": 1.0, "B": 2.0}, domain="imputation")
    >>> r == {"A": 1.0, "B": 2.0}, r.to_frame()["payoff"].tolist(), r.allocation is r
    (True, [1.0, 2.0], True)
    """

    def __init__(self, allocation=(), domain: str = "imputation"):
        super().__init__(allocation, method="nucleolus" if domain == "imputation"
                         else "prenucleolus")
        self.domain = domain

    @property
    def allocation(self) -> "Nucleolus":
        """The result itself (a mapping player -> payoff)."""
        return self

    def _summary(self) -> dict:
        return {"method": self.method, "domain": self.domain}

    to_frame = Allocation.to_frame
    _repr_html_ = Allocation._repr_html_


def in_core(game: CoalitionalGame, allocation, tol: float = DEFAULT_TOL) -> CoreCheck:
    """Whether an allocation is in the core, with a blocking coalition when it is not.

    Parameters
    ----------
    game : CoalitionalGame (exact)
    allocation : mapping player -> payoff, or sequence in player order
    tol : float
        Tolerance on the excesses and on efficiency.

    Examples
    --------
    Three-player majority game (any two players win 1): nothing is in the core.

    >>> g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    >>> r = in_core(g, {"A": 1/3, "B": 1/3, "C": 1/3})
    >>> bool(r), sorted(r.blocking), round(r.max_excess, 4)
    (False, ['A', 'B'], 0.3333)
    >>> bool(in_core(CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3}), [2, 1]))
    True
    """
    tol = _check_tol(tol, "in_core")
    g = _exact(game, "in_core")
    x = _allocation(g, allocation)
    e = g.value_table() - subset_sums(x)
    full = (1 << g.n) - 1
    efficient = bool(abs(e[full]) <= tol * max(1.0, abs(g.value_table()[full])))
    e[full] = -np.inf
    e[0] = -np.inf
    given = Allocation(zip(g.players, x.tolist()), method="given")
    if g.n <= 1:
        return CoreCheck(efficient, efficient, None, 0.0, given)
    k = int(np.argmax(e))
    m = float(e[k])
    blocking = g.coalition(k) if m > tol else None
    return CoreCheck(bool(efficient and blocking is None), bool(efficient), blocking, m, given)


#: Up to this many players the membership matrix of every coalition is tabulated once per
#: ``n`` (``2**n x (n + 1)`` bytes plus ``2**n x n`` floats) and rows are looked up.
TABLE_MAX_PLAYERS = 12


@lru_cache(maxsize=None)
def _member_table(n: int):
    """Read-only tables over all masks: ``(rows, floats, counts)`` with ``rows[m]`` the 0/1
    coefficients of ``x_1 .. x_n, eps`` in the row of coalition ``m`` (bool), ``floats`` its
    first ``n`` columns as float64, ``counts[m] = |m| + 1`` (int32)."""
    masks = np.arange(1 << n, dtype=np.int64)
    member = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
    rows = np.hstack([member, np.ones((1 << n, 1), dtype=bool)])
    floats = member.astype(np.float64)
    counts = rows.sum(axis=1).astype(np.int32)
    for a in (rows, floats, counts):
        a.flags.writeable = False
    return rows, floats, counts


@lru_cache(maxsize=64)
def _static_columns(n: int, inf: float):
    """Read-only ``(cost, lower, upper, index, ones)`` of the columns ``x_1 .. x_n, eps``
    (cost 1 on ``eps``, free bounds) and of the efficiency row (``index``: ``0 .. n-1``)."""
    cost = np.zeros(n + 1)
    cost[n] = 1.0
    out = (cost, np.full(n + 1, -inf), np.full(n + 1, inf), np.arange(n, dtype=np.int32),
           np.ones(n))
    for a in out:
        a.flags.writeable = False
    return out


@lru_cache(maxsize=None)
def _proper_rows_csr(n: int):
    """Row-wise sparse form ``(starts, index, values)`` of the rows ``x(S) + eps`` of the
    proper coalitions ``S = 1 .. 2**n - 2`` in mask order (read-only arrays)."""
    rows, _, counts = _member_table(n)
    rows, counts = rows[1:-1], counts[1:-1]
    starts = np.zeros(rows.shape[0], dtype=np.int32)
    np.cumsum(counts[:-1], out=starts[1:])
    index = np.nonzero(rows)[1].astype(np.int32)
    ones = np.ones(index.size)
    for a in (starts, index, ones):
        a.flags.writeable = False
    return starts, index, ones


def _membership(n: int, masks: np.ndarray) -> np.ndarray:
    """Dense 0/1 matrix: row r has ones at the members of ``masks[r]``."""
    if n <= TABLE_MAX_PLAYERS:
        return _member_table(n)[1][masks]
    return ((np.asarray(masks, dtype=np.int64)[:, None] >> np.arange(n)[None, :]) & 1) \
        .astype(np.float64)


_HIGHS = threading.local()


def _highs():
    """This thread's HiGHS instance, emptied (serial simplex, no presolve: the stage LPs
    are small and re-solved from a warm basis). One instance per thread is reused: the first solve
    on a new instance costs several hundred microseconds of set-up. HiGHS writes a banner to
    the C-level standard output when the first instance of a process is built; it is sent to
    the null device."""
    h = getattr(_HIGHS, "instance", None)
    if h is not None:
        h.clearModel()
        return h
    import highspy

    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):   # pragma: no cover - no descriptor 1
        saved = None
    if saved is None:   # pragma: no cover
        h = highspy.Highs()
    else:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 1)
            h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(null)
    h.setOptionValue("output_flag", False)
    h.setOptionValue("presolve", "off")
    h.setOptionValue("solver", "simplex")
    # serial simplex: the stage LPs are far too small for HiGHS's worker threads, which
    # otherwise cost several times the solve itself (and spin on the other cores)
    h.setOptionValue("threads", 1)
    h.setOptionValue("parallel", "off")
    _HIGHS.instance = h
    return h


def _option_value(got):
    """A HiGHS option value (``getOptionValue`` returns ``(status, value)`` in some versions)."""
    return got[1] if isinstance(got, tuple) else got


class _StageLP:
    """``min eps`` s.t. ``x(S) + eps >= v(S)`` for the coalitions in the model, ``x(N) = v(N)``,
    fixed coalitions ``x(S) = v(S) - eps_t``, bounds on ``x``: one HiGHS model modified in place.

    Row 0 is efficiency; row ``r + 1`` belongs to ``self.masks[r]``.
    """

    def __init__(self, n: int, v: np.ndarray, lower, primal: bool = False):
        import highspy

        self.inf = highspy.kHighsInf
        self.optimal = highspy.HighsModelStatus.kOptimal
        self.h = h = _highs()
        # the nucleolus (unique) uses the primal simplex method: after a stage's rows are
        # fixed at their level (and dependent rows freed) the previous optimum stays feasible,
        # so the primal method continues from it (measured 3-18% faster than the dual method
        # on random games, n = 6-14); the least core keeps the dual method, whose optimal
        # allocation (one of many) is the documented one
        h.setOptionValue("simplex_strategy", 4 if primal else 1)
        self.n, self.v, self.lower = n, v, lower
        cost, free_lo, up, index, ones = _static_columns(n, self.inf)
        lo = free_lo if lower is None else np.concatenate([lower, free_lo[n:]])
        empty_i = np.zeros(0, dtype=np.int32)
        h.addCols(n + 1, cost, lo, up, 0, empty_i, empty_i, np.zeros(0))
        h.addRow(float(v[-1]), float(v[-1]), n, index, ones)
        self.masks = np.zeros(0, dtype=np.int64)
        self._pending: list = []    # row-bound changes not yet passed to HiGHS

    def add(self, masks: np.ndarray) -> None:
        """Add the rows ``x(S) + eps >= v(S)``."""
        masks = np.asarray(masks, dtype=np.int64)
        if masks.size == 0:
            return
        n = self.n
        if (n <= TABLE_MAX_PLAYERS and masks.size == (1 << n) - 2 and masks[0] == 1
                and masks[-1] == (1 << n) - 2):     # every proper coalition, in mask order
            starts, index, ones = _proper_rows_csr(n)
            self.h.addRows(masks.size, self.v[masks].astype(np.float64),
                           np.full(masks.size, self.inf), index.size, starts, index, ones)
            self.masks = np.concatenate([self.masks, masks])
            return
        if n <= TABLE_MAX_PLAYERS:
            rows, _, counts = _member_table(n)
            member, counts = rows[masks], counts[masks]
        else:
            M = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
            member = np.hstack([M, np.ones((masks.size, 1), dtype=bool)])
            counts = member.sum(axis=1, dtype=np.int32)
        starts = np.zeros(masks.size, dtype=np.int32)
        np.cumsum(counts[:-1], out=starts[1:])
        nnz = int(starts[-1] + counts[-1])
        self.h.addRows(masks.size, self.v[masks].astype(np.float64),
                       np.full(masks.size, self.inf), nnz, starts,
                       np.nonzero(member)[1].astype(np.int32), np.ones(nnz))
        self.masks = np.concatenate([self.masks, masks])

    def solve(self, stage: int):
        """``(x, eps, duals of the coalition rows)``; None when the LP is unbounded."""
        h = self.h
        self._apply_pending()
        h.run()
        status = h.getModelStatus()
        if status != self.optimal and "nbounded" not in h.modelStatusToString(status):
            # a warm start of the modified model can end in an unknown status (seen on about
            # 0.4% of random games, when the bounds x_i >= v(i) decide a stage): solve the
            # stage again from scratch with the dual simplex method before giving up
            strategy = int(_option_value(h.getOptionValue("simplex_strategy")))
            h.clearSolver()
            h.setOptionValue("simplex_strategy", 1)
            h.run()
            h.setOptionValue("simplex_strategy", strategy)
            status = h.getModelStatus()
        if status != self.optimal:
            name = h.modelStatusToString(status)
            if "nbounded" in name:
                return None
            raise InputError(f"LP failed at stage {stage + 1}: {name}")
        sol = h.getSolution()
        x = np.array(sol.col_value)
        return x[:self.n], float(x[self.n]), np.array(sol.row_dual)[1:]

    def fix(self, rows: np.ndarray, level: float) -> None:
        """Rows become ``x(S) = v(S) - level`` (their eps coefficient set to 0; the bounds
        are changed with the pending ones, at the next :meth:`solve`)."""
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return
        h, n = self.h, self.n
        for r in rows.tolist():
            h.changeCoeff(r + 1, n, 0.0)
        b = self.v[self.masks[rows]] - level
        self._pending.append((rows, b, b))

    def release(self, rows: np.ndarray) -> None:
        """Rows become free (never binding): their excess is constant on the remaining set
        (applied at the next :meth:`solve`)."""
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size:
            self._pending.append((rows, np.full(rows.size, -self.inf),
                                  np.full(rows.size, self.inf)))

    def _apply_pending(self) -> None:
        """One HiGHS call for the row bounds changed by :meth:`fix` and :meth:`release`."""
        pending = self._pending
        if not pending:
            return
        rows, lo, up = (np.concatenate(part) for part in zip(*pending)) if len(pending) > 1 \
            else pending[0]
        self.h.changeRowsBounds(rows.size, (rows + 1).astype(np.int32), lo, up)
        pending.clear()


def _float_only(rational, where: str) -> None:
    """Refuse ``rational=True`` (Fraction output) for the LP-based solvers, clearly."""
    if rational:
        raise InputError(f"{where}: rational=True is not available; the linear programs are "
                         "solved in floating point (HiGHS). Call it without rational= and "
                         "check the result with in_core(game, allocation) or excesses()")


def least_core(game: CoalitionalGame, domain: str = "pre", *, rational: bool = False):
    """The least core: the smallest ``epsilon`` with ``x(S) >= v(S) - epsilon`` for all proper
    coalitions, and an allocation achieving it.

    ``epsilon <= 0`` exactly when the core is non-empty (Bondareva-Shapley: the game is
    balanced). One linear program in ``n + 1`` variables with ``2**n - 2`` constraints, solved by
    constraint generation (coalitions with the largest excesses first; every excess is checked
    at the end, vectorised over masks).

    Parameters
    ----------
    game : CoalitionalGame (exact)
    domain : {"pre", "imputation"}
        ``"pre"`` (default, Maschler-Peleg-Shapley): efficient allocations; ``"imputation"``:
        also ``x_i >= v({i})``.
    rational : bool, default False
        Accepted for the package's one vocabulary; ``True`` (Fraction output) is refused with
        an :class:`InputError`, since the linear program is solved in floating point.

    Returns
    -------
    LeastCore
        ``epsilon`` and the allocation; unpacks as the pair ``(epsilon, allocation)``.

    References
    ----------
    L. S. Shapley and M. Shubik, "Quasi-cores in a monetary economy with nonconvex
    preferences", *Econometrica* 34 (1966) 805-827; Maschler, Peleg and Shapley (1979).

    Examples
    --------
    >>> g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    >>> eps, x = least_core(g)
    >>> round(eps, 4), {p: round(v, 4) for p, v in x.items()}
    (0.3333, {'A': 0.3333, 'B': 0.3333, 'C': 0.3333})
    """
    _float_only(rational, "least_core")
    g = _exact(game, "least_core")
    n = g.n
    if n == 0:
        return LeastCore(0.0, Allocation({}, method="least core"), domain)
    if n == 1:
        return LeastCore(0.0, Allocation({g.players[0]: float(g.value_table()[1])},
                                         method="least core"), domain)
    _check_stage_memory(n, "the least core")
    k = _scale_exponent(g.value_table())
    if k:   # solve on exactly rescaled values (HiGHS's tolerances are absolute)
        eps, x = least_core(_rescaled(g, -k), domain)
        return LeastCore(math.ldexp(eps, k), Allocation(
            {p: math.ldexp(val, k) for p, val in x.items()}, method="least core"), domain)
    v = g.value_table()
    lp = _StageLP(n, v, _lower_bounds(g, domain))
    state, row_of = _initial_state(n)
    scale = max(1.0, float(np.abs(v).max()))
    x, eps, _ = _solve_stage(lp, state, row_of, np.arange(1, (1 << n) - 1, dtype=np.int64),
                             False, np.full(n, v[-1] / n), scale)
    return LeastCore(eps, Allocation({p: float(val) for p, val in zip(g.players, x)},
                                     method="least core"), domain)


#: Values whose largest magnitude lies in this range are given to the linear programs as they
#: are; others are first scaled by a power of two (exact) into it. HiGHS's feasibility and
#: optimality tolerances are absolute (about 1e-7): values of order 1e-9 gave a wrong
#: nucleolus, values of order 1e9-1e12 an "unbounded" stage.
LP_VALUE_RANGE = (2.0 ** -8, 2.0 ** 20)


def _scale_exponent(v: np.ndarray) -> int:
    """``k`` such that ``v * 2**-k`` has its largest magnitude in [1/2, 1), or 0 when that
    magnitude already lies in :data:`LP_VALUE_RANGE` (or the game is zero)."""
    top = float(np.abs(v).max())
    if top == 0.0 or LP_VALUE_RANGE[0] <= top <= LP_VALUE_RANGE[1]:
        return 0
    return math.frexp(top)[1]


def _rescaled(g: CoalitionalGame, k: int) -> CoalitionalGame:
    """The game with every value multiplied by ``2**k`` (exact, no rounding)."""
    return CoalitionalGame(g.players, np.ldexp(g.value_table(), k), name=g.name)


#: Memory of the stage bookkeeping per coalition beyond the value table (the state and row of
#: each coalition, subset sums and excesses over all masks, index arrays): measured about
#: 76 B at 25 players from the command line.
STAGE_BYTES_PER_COALITION = 80


def _check_stage_memory(n: int, what: str) -> None:
    """Refuse (:class:`~govgames.games.budget.BudgetError`) before the linear programs when
    their bookkeeping over the ``2**n`` coalitions would exceed the memory budget."""
    check_memory(STAGE_BYTES_PER_COALITION * float(2 ** n),
                 f"{what} of {n} players (bookkeeping over 2**{n} coalitions)",
                 "use fewer players")


def _lower_bounds(g, domain):
    """Lower bounds of the allocation: none (preimputations) or the stand-alone values."""
    if domain == "pre":
        return None
    if domain == "imputation":
        single = np.array([g.value_table()[1 << i] for i in range(g.n)])
        if single.sum() > g.value_table()[-1] + 1e-9:
            raise InputError("the imputation set is empty: the stand-alone values add up to "
                             f"{single.sum():g} > v(N) = {g.value_table()[-1]:g}")
        return single
    raise InputError(f"domain must be 'pre' or 'imputation', got {domain!r}")


def _initial_state(n):
    """State of every coalition mask (0: open, not in the LP; 1: open, a row of the LP;
    2: fixed; 3: dropped; the empty and the grand coalition are dropped) and its row."""
    state = np.zeros(1 << n, dtype=np.int8)
    state[0] = state[-1] = 3
    return state, np.full(1 << n, -1, dtype=np.int64)


def core_is_nonempty(game: CoalitionalGame, tol: float = DEFAULT_TOL) -> bool:
    """Whether the core is non-empty (Bondareva-Shapley), via the least-core LP.

    Examples
    --------
    >>> core_is_nonempty(CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2)))
    False
    >>> core_is_nonempty(CoalitionalGame.from_function("ABC",
    ...     lambda S: float("A" in S and ("B" in S or "C" in S))))
    True
    """
    tol = _check_tol(tol, "core_is_nonempty")
    eps, _ = least_core(game)
    return eps <= tol


def nucleolus(game: CoalitionalGame, domain: str = "imputation", tol: float = DEFAULT_TOL,
              method: str = "auto", *, rational: bool = False) -> "Nucleolus":
    """The nucleolus: the allocation that lexicographically minimises the sorted excesses.

    Sequential linear programs (Maschler-Peleg-Shapley 1979; Kohlberg 1971). Stage ``t``
    minimises the largest excess ``eps`` over the coalitions not yet fixed, keeping the excesses
    fixed at earlier stages. Coalitions are then fixed at that level when their dual value is
    positive (complementary slackness: they are tight in every optimal solution), and every
    coalition whose membership vector lies in the span of the fixed ones is dropped (its excess
    is constant on the remaining set). Each stage raises the rank of the fixed coalitions, so
    at most ``n`` stages are needed; this avoids the errors in Guajardo and Jörnsten (2015).
    When the fixed coalitions leave one free direction, the last stage is a minimax of excess
    lines over a segment and is solved in closed form (the highest crossing of a rising and a
    falling excess, clipped to the imputation bounds) instead of by a linear program.

    Parameters
    ----------
    game : CoalitionalGame (exact)
    domain : {"imputation", "pre"}
        The nucleolus (over imputations, default) or the prenucleolus.
    tol : float, default 1e-9
        A coalition is fixed at a stage's level when its dual value exceeds ``tol`` (the duals
        of a stage sum to 1); a finite number in [0, 1e-3).
    method : {"auto", "full", "cg"}
        ``"full"``: every stage LP has all coalitions as constraints. ``"cg"``: constraint
        generation (solve on a working set of the coalitions with the largest excesses, add
        the violated ones, repeat; the final duals are optimal for the full LP). ``"auto"``
        (default): ``"cg"``, which falls back to the full LP for tiny games.
    rational : bool, default False
        As in :func:`least_core`: ``True`` is refused with an :class:`InputError`.

    Returns
    -------
    Nucleolus
        A mapping player -> payoff (an :class:`~govgames.networks.allocation.Allocation`) with
        ``domain``; ``.allocation`` is the result itself.

    Raises
    ------
    InputError
        Unknown ``method`` or ``domain``, ``rational=True``, or a game too large to tabulate.
    BudgetError
        When the bookkeeping of the stages (about 80 bytes per coalition) would exceed the
        memory budget (:mod:`govgames.games.budget`; 2 GiB by default, so at most 24 players).

    Examples
    --------
    The Talmud's estate division (Aumann and Maschler, "Game theoretic analysis of a bankruptcy
    problem from the Talmud", *Journal of Economic Theory* 36 (1985) 195-213): claims 100, 200,
    300 on an estate of 200; ``v(S) = max(0, E - claims of the others)``. The Mishna divides
    50, 75, 75, which is the nucleolus:

    >>> claims = {"1": 100, "2": 200, "3": 300}
    >>> g = CoalitionalGame.from_function("123",
    ...     lambda S: max(0, 200 - sum(c for p, c in claims.items() if p not in S)))
    >>> {p: round(v, 4) for p, v in nucleolus(g).items()}
    {'1': 50.0, '2': 75.0, '3': 75.0}
    """
    _float_only(rational, "nucleolus")
    # tol is the dual value above which a coalition is tight; the duals of a stage sum to 1
    tol = _check_tol(tol, "nucleolus", below=1e-3)
    g = _exact(game, "nucleolus")
    n = g.n
    if n == 0:
        return Nucleolus({}, domain)
    if n == 1:
        return Nucleolus({g.players[0]: float(g.value_table()[1])}, domain)
    if method not in ("auto", "full", "cg"):
        raise InputError(f"method must be 'auto', 'full' or 'cg', got {method!r}")
    _check_stage_memory(n, "the nucleolus")
    k = _scale_exponent(g.value_table())
    if k:   # solve on exactly rescaled values (HiGHS's tolerances are absolute)
        r = nucleolus(_rescaled(g, -k), domain, tol, method)
        return Nucleolus({p: math.ldexp(val, k) for p, val in r.items()}, domain)
    v = g.value_table()
    lp = _StageLP(n, v, _lower_bounds(g, domain), primal=True)
    state, row_of = _initial_state(n)
    full = (1 << n) - 1
    pivot_masks = [full]        # fixed coalitions with independent membership vectors
    pivot_excess = [0.0]
    x = None
    scale = max(1.0, float(np.abs(v).max()))
    x_guess = np.full(n, v[-1] / n)
    B = np.zeros((n, n))        # orthonormal basis of the fixed membership vectors
    B[:, 0] = 1.0 / math.sqrt(n)    # the grand coalition
    rank = 1
    for _stage in range(n + 1):
        active = np.flatnonzero(state <= 1)
        if active.size == 0:
            break
        if rank == n - 1:
            # one free direction is left: the last stage is a minimax over a line, solved in
            # closed form instead of by a linear program
            last = _last_stage(v, n, active, B, pivot_masks, pivot_excess, x_guess, lp.lower)
            if last is not None:
                x = last
                break
        x, eps, duals = _solve_stage(lp, state, row_of, active, method == "full", x_guess,
                                     scale, _stage)
        x_guess = x
        open_rows = np.flatnonzero(state[lp.masks] == 1)
        tight_rows = open_rows[duals[open_rows] > tol]
        if tight_rows.size == 0:  # pragma: no cover - dual feasibility: sum(duals) = 1
            m = lp.masks[open_rows]
            e = v[m] - _membership(n, m) @ x
            tight_rows = open_rows[e >= eps - 1e-7 * scale]
        new = lp.masks[tight_rows]
        lp.fix(tight_rows, eps)
        state[new] = 2
        rank, joined = extend_basis(B, rank, new, SPAN_TOL)
        pivot_masks.extend(int(m) for m in new[joined])
        pivot_excess.extend([eps] * len(joined))
        if rank >= n:
            # the nucleolus is the solution of the n independent fixed equalities
            F = _membership(n, np.array(pivot_masks, dtype=np.int64))
            x = np.linalg.solve(F, v[pivot_masks] - np.array(pivot_excess))
            break
        # drop coalitions in the span of the fixed ones: |a_S|^2 = sum_j (a_S . u_j)^2,
        # with a_S . u_j = sum of u_j over the members of S (tabulated over all masks)
        rest = np.flatnonzero(state <= 1)
        if rest.size <= 4096:       # few coalitions left: project their membership vectors
            resid2 = span_residuals(B, rank, rest)
        else:
            resid2 = _popcounts_float(n)[rest]
            for j in range(rank):
                resid2 -= subset_sums(B[:, j])[rest] ** 2
        drop = rest[resid2 <= SPAN_TOL]
        rows = row_of[drop]
        lp.release(rows[rows >= 0])
        state[drop] = 3
    assert x is not None, "the first stage has open coalitions, so an LP was solved"
    return Nucleolus({p: float(val) for p, val in zip(g.players, x)}, domain)


#: Largest number of (rising, falling) pairs of excess lines :func:`_last_stage` compares at
#: once; beyond it the last stage is left to the linear program.
LAST_STAGE_MAX_PAIRS = 1 << 22


def _last_stage(v, n, active, B, pivot_masks, pivot_excess, x_prev, lower):
    """The last stage of the nucleolus when the fixed coalitions leave one free direction.

    With ``n - 1`` independent fixed coalitions the remaining allocations form a line
    ``x0 + t d`` (``d`` orthogonal to the fixed membership vectors, so ``d(N) = 0``). The
    excess of an open coalition ``S`` is ``a_S - c_S t`` with ``a_S = v(S) - x0(S)`` and
    ``c_S = d(S) != 0`` (coalitions with ``c_S = 0`` lie in the span and were dropped), so the
    stage is ``min_t max_S (a_S - c_S t)``, a two-variable linear program. By duality its value
    is the largest crossing of a rising and a falling line,
    ``max (a_i c_j - a_j c_i) / (c_j - c_i)`` over ``c_i < 0 < c_j``, attained at their crossing
    ``t* = (a_j - a_i) / (c_j - c_i)``; the minimiser is unique (no excess line is flat). Lower
    bounds ``x >= lower`` (imputations) bound ``t`` to an interval and the minimiser of the
    convex excess is then ``t*`` clipped to it. Returns the nucleolus, or None (left to the
    linear program) when the lines do not bound the stage or there are too many pairs.
    """
    ok, x = last_stage(v, np.asarray(active, dtype=np.int64), B,
                       np.array(pivot_masks, dtype=np.int64), np.array(pivot_excess), x_prev,
                       np.zeros(n) if lower is None else lower, lower is not None, SPAN_TOL,
                       LAST_STAGE_MAX_PAIRS)
    return x if ok else None


def _popcounts_float(n):
    """Coalition sizes as float64 (tabulated for small ``n``)."""
    if n <= TABLE_MAX_PLAYERS:
        return _member_table(n)[2] - 1.0
    return popcounts(n, np.float64)


#: A membership vector whose squared distance to the span of the fixed ones is at most this
#: is in the span (the same test drops open coalitions).
SPAN_TOL = 1e-9


#: Open coalitions up to this number all go into the first LP; above, constraint generation.
FULL_LP_ROWS = 256


def _add_rows(lp, state, row_of, masks):
    row_of[masks] = np.arange(lp.masks.size, lp.masks.size + masks.size)
    lp.add(masks)
    state[masks] = 1


def _solve_stage(lp, state, row_of, active, full_lp, x_guess, scale, stage=0):
    """min eps s.t. v(S) - x(S) <= eps for the open coalitions ``active``, on the model ``lp``
    (its fixed rows as equalities); by constraint generation unless ``full_lp`` (or few
    coalitions): the model holds a working set (singletons, their complements and the largest
    excesses at ``x_guess``), the most violated coalitions are added until none is (the final
    duals are then optimal for the full LP). Returns ``(x, eps, duals of the LP's rows)``."""
    n, v = lp.n, lp.v
    outside = active[state[active] == 0]
    if outside.size:
        if full_lp or active.size <= max(8 * n, FULL_LP_ROWS):
            _add_rows(lp, state, row_of, outside)
        elif not np.any(state[active] == 1):
            e0 = v[active] - subset_sums(x_guess)[active]
            full = (1 << n) - 1
            # singletons and their complements bound the LP; then the largest excesses
            basic = np.isin(active, [1 << i for i in range(n)] + [full ^ (1 << i)
                                                                  for i in range(n)])
            work = np.union1d(np.flatnonzero(basic), np.argpartition(-e0, 8 * n)[:8 * n])
            _add_rows(lp, state, row_of, active[work])
    for _round in range(10_000):
        res = lp.solve(stage)
        outside = active[state[active] == 0]
        if res is None:             # working set too small to bound the LP
            if outside.size == 0:   # pragma: no cover - efficiency and singletons bound it
                raise InputError(f"LP failed at stage {stage + 1}: unbounded")
            _add_rows(lp, state, row_of, outside)
            continue
        x, eps, _ = res
        if outside.size == 0:
            return res
        e = v[outside] - subset_sums(x)[outside]
        hit = np.flatnonzero(e > eps + 1e-9 * scale)
        if hit.size == 0:
            return res
        if hit.size > 4 * n + 64:
            hit = hit[np.argpartition(-e[hit], 4 * n + 64)[:4 * n + 64]]
        _add_rows(lp, state, row_of, outside[hit])
    raise InputError(f"LP failed at stage {stage + 1}: "  # pragma: no cover
                     "constraint generation did not converge")


# --------------------------------------------------------------------------- properties
def is_efficient(game: CoalitionalGame, allocation, tol: float = DEFAULT_TOL) -> bool:
    """``sum_i x_i = v(N)`` within ``tol``.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> is_efficient(g, [2, 1]), is_efficient(g, [2, 2])
    (True, False)
    """
    x = _allocation(game, allocation)
    return bool(abs(x.sum() - game.grand_value) <= tol * max(1.0, abs(game.grand_value)))


def is_individually_rational(game: CoalitionalGame, allocation, tol: float = DEFAULT_TOL) -> bool:
    """``x_i >= v({i})`` for every player.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> is_individually_rational(g, [0.5, 2.5])
    False
    """
    x = _allocation(game, allocation)
    single = np.array([game.value(1 << i) for i in range(game.n)])
    return bool(np.all(x >= single - tol))


def _ternary_pairs(n):
    """All pairs of disjoint masks (S, T) over ``n`` players: arrays of length ``3**n``."""
    S = np.zeros(1, dtype=np.int64)
    T = np.zeros(1, dtype=np.int64)
    for i in range(n):
        b = np.int64(1 << i)
        S = np.concatenate([S, S | b, S])
        T = np.concatenate([T, T, T | b])
    return S, T


def is_superadditive(game: CoalitionalGame, tol: float = DEFAULT_TOL) -> bool:
    """``v(S + T) >= v(S) + v(T)`` for all disjoint ``S, T`` (vectorised over the ``3**n``
    pairs, in chunks).

    Examples
    --------
    >>> is_superadditive(CoalitionalGame.from_function("ABC", lambda S: len(S) ** 2))
    True
    >>> is_superadditive(CoalitionalGame.from_function("ABC", lambda S: min(len(S), 1)))
    False
    """
    g = _exact(game, "is_superadditive")
    n = g.n
    v = g.value_table()
    inner = min(n, 12)
    S0, T0 = _ternary_pairs(inner)
    outer = n - inner
    Sh, Th = _ternary_pairs(outer)
    for sh, th in zip(Sh << inner, Th << inner):
        S, T = S0 | sh, T0 | th
        if np.any(v[S | T] < v[S] + v[T] - tol):
            return False
    return True


def is_convex(game: CoalitionalGame, tol: float = DEFAULT_TOL) -> bool:
    """Convexity (supermodularity): ``v(S + i + j) - v(S + j) >= v(S + i) - v(S)`` for all
    ``S`` and ``i, j`` not in ``S`` (vectorised over masks, ``n(n-1)/2`` passes).

    Convex games have a non-empty core that contains the Shapley value (Shapley 1971, "Cores of
    convex games", *International Journal of Game Theory* 1, 11-26).

    Examples
    --------
    >>> is_convex(CoalitionalGame.from_function("ABC", lambda S: len(S) ** 2))
    True
    >>> is_convex(CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2)))
    False
    """
    g = _exact(game, "is_convex")
    n = g.n
    V = g.value_table().reshape([2] * n) if n else g.value_table()
    for i in range(n):
        for j in range(i + 1, n):
            ai, aj = n - 1 - i, n - 1 - j          # axis of bit i in the C-order reshape
            d = np.diff(np.diff(V, axis=ai), axis=aj)
            if np.any(d < -tol):
                return False
    return True
