"""Stability of a split: the core, the least core, the nucleolus, and properties of games.

"Will anyone walk away?" An allocation ``x`` of ``v(N)`` is in the *core* when no coalition
``S`` can do better on its own: ``x(S) >= v(S)`` for every ``S``. The excess
``e(S, x) = v(S) - x(S)`` measures a coalition's complaint. The checks here are vectorised over
all ``2**n`` coalition masks (exact games, n up to about 20-25); the least core and the nucleolus
are linear programs solved with scipy's HiGHS.

References
----------
D. B. Gillies, "Solutions to general non-zero-sum games", *Contributions to the Theory of Games
IV*, 1959 (the core). O. N. Bondareva (1963), L. S. Shapley (1967) (balancedness).
D. Schmeidler, "The nucleolus of a characteristic function game", *SIAM Journal on Applied
Mathematics* 17 (1969) 1163-1170. M. Maschler, B. Peleg and L. S. Shapley, "Geometric
properties of the kernel, nucleolus and related solution concepts", *Mathematics of Operations
Research* 4 (1979) 303-338. M. Guajardo and K. Jörnsten, "Common mistakes in computing the
nucleolus", *European Journal of Operational Research* 241 (2015) 931-935.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from govgames.games.errors import InputError

from .coalitional import CoalitionalGame, popcounts, subset_sums
from .values import _weights_vector

__all__ = ["CoreCheck", "in_core", "core_is_nonempty", "least_core", "nucleolus",
           "excesses", "is_efficient", "is_individually_rational", "is_superadditive",
           "is_convex"]


def _exact(game) -> CoalitionalGame:
    if not isinstance(game, CoalitionalGame):
        raise InputError(f"expected a CoalitionalGame, got {type(game).__name__}")
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
    g = _exact(game)
    return g.values - subset_sums(_allocation(g, allocation))


@dataclass
class CoreCheck:
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
    """

    in_core: bool
    efficient: bool
    blocking: frozenset | None
    max_excess: float

    def __bool__(self) -> bool:
        return self.in_core


def in_core(game: CoalitionalGame, allocation, tol: float = 1e-9) -> CoreCheck:
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
    g = _exact(game)
    x = _allocation(g, allocation)
    e = g.values - subset_sums(x)
    full = (1 << g.n) - 1
    efficient = bool(abs(e[full]) <= tol * max(1.0, abs(g.values[full])))
    e[full] = -np.inf
    e[0] = -np.inf
    if g.n <= 1:
        return CoreCheck(efficient, efficient, None, 0.0)
    k = int(np.argmax(e))
    m = float(e[k])
    blocking = g.coalition(k) if m > tol else None
    return CoreCheck(bool(efficient and blocking is None), bool(efficient), blocking, m)


def _membership(n: int, masks: np.ndarray) -> sp.csr_matrix:
    """Sparse 0/1 matrix: row r has ones at the members of ``masks[r]``."""
    bits = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
    return sp.csr_matrix(bits.astype(np.float64))


def least_core(game: CoalitionalGame, domain: str = "pre"):
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

    Returns
    -------
    (float, dict)
        ``epsilon`` and the allocation.

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
    g = _exact(game)
    n = g.n
    if n == 0:
        return 0.0, {}
    if n == 1:
        return 0.0, {g.players[0]: float(g.values[1])}
    v = g.values
    active = np.arange(1, (1 << n) - 1, dtype=np.int64)
    A_eq = np.concatenate([np.ones(n), [0.0]])[None, :]
    b_eq = [v[-1]]
    bounds = _bounds(g, domain)
    scale = max(1.0, float(np.abs(v).max()))
    res, _, _ = _solve_stage(n, v, active, A_eq, b_eq, bounds, False,
                             np.full(n, v[-1] / n), scale)
    x = res.x[:n]
    return float(res.x[-1]), {p: float(v) for p, v in zip(g.players, x)}


def _bounds(g, domain):
    if domain == "pre":
        return [(None, None)] * g.n + [(None, None)]
    if domain == "imputation":
        single = np.array([g.values[1 << i] for i in range(g.n)])
        if single.sum() > g.values[-1] + 1e-9:
            raise InputError("the imputation set is empty: the stand-alone values add up to "
                             f"{single.sum():g} > v(N) = {g.values[-1]:g}")
        return [(float(s), None) for s in single] + [(None, None)]
    raise InputError(f"domain must be 'pre' or 'imputation', got {domain!r}")


def core_is_nonempty(game: CoalitionalGame, tol: float = 1e-9) -> bool:
    """Whether the core is non-empty (Bondareva-Shapley), via the least-core LP.

    Examples
    --------
    >>> core_is_nonempty(CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2)))
    False
    >>> core_is_nonempty(CoalitionalGame.from_function("ABC",
    ...     lambda S: float("A" in S and ("B" in S or "C" in S))))
    True
    """
    eps, _ = least_core(game)
    return eps <= tol


def nucleolus(game: CoalitionalGame, domain: str = "imputation", tol: float = 1e-9,
              method: str = "auto") -> dict:
    """The nucleolus: the allocation that lexicographically minimises the sorted excesses.

    Sequential linear programs (Maschler-Peleg-Shapley 1979; Kohlberg 1971). Stage ``t``
    minimises the largest excess ``eps`` over the coalitions not yet fixed, keeping the excesses
    fixed at earlier stages. Coalitions are then fixed at that level when their dual value is
    positive (complementary slackness: they are tight in every optimal solution), and every
    coalition whose membership vector lies in the span of the fixed ones is dropped (its excess
    is constant on the remaining set). Each stage raises the rank of the fixed coalitions, so
    at most ``n`` stages are needed; this avoids the errors in Guajardo and Jörnsten (2015).

    Parameters
    ----------
    game : CoalitionalGame (exact)
    domain : {"imputation", "pre"}
        The nucleolus (over imputations, default) or the prenucleolus.
    method : {"auto", "full", "cg"}
        ``"full"``: every stage LP has all coalitions as constraints. ``"cg"``: constraint
        generation (solve on a working set of the coalitions with the largest excesses, add
        the violated ones, repeat; the final duals are optimal for the full LP). ``"auto"``
        (default): ``"cg"``, which falls back to the full LP for tiny games.

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
    g = _exact(game)
    n = g.n
    if n == 0:
        return {}
    if n == 1:
        return {g.players[0]: float(g.values[1])}
    if method not in ("auto", "full", "cg"):
        raise InputError(f"method must be 'auto', 'full' or 'cg', got {method!r}")
    bounds = _bounds(g, domain)
    v = g.values
    active = np.arange(1, (1 << n) - 1, dtype=np.int64)
    fixed_masks = [(1 << n) - 1]
    fixed_excess = [0.0]
    x = None
    scale = max(1.0, float(np.abs(v).max()))
    x_guess = np.full(n, v[-1] / n)
    for _stage in range(n + 1):
        if active.size == 0:
            break
        F = _membership(n, np.array(fixed_masks, dtype=np.int64)).toarray()
        A_eq = np.hstack([F, np.zeros((F.shape[0], 1))])
        b_eq = v[fixed_masks] - np.array(fixed_excess)
        res, M, work = _solve_stage(n, v, active, A_eq, b_eq, bounds,
                                    method == "full", x_guess, scale, _stage)
        x_guess = res.x[:n]
        eps = float(res.x[-1])
        x = res.x[:n]
        duals = -np.asarray(res.ineqlin.marginals)
        tight_work = work[duals > tol]
        if tight_work.size == 0:  # pragma: no cover - dual feasibility: sum(duals) = 1
            tight_work = work[v[active[work]] - (M @ x) >= eps - 1e-7 * scale]
        tight = np.zeros(active.size, dtype=bool)
        tight[tight_work] = True
        new = active[tight]
        fixed_masks.extend(int(m) for m in new)
        fixed_excess.extend([eps] * len(new))
        F = _membership(n, np.array(fixed_masks, dtype=np.int64)).toarray()
        u, s, _ = np.linalg.svd(F.T, full_matrices=False)
        rank = int(np.sum(s > 1e-9 * s[0]))
        basis = u[:, :rank]
        if rank >= n:
            x = np.linalg.lstsq(F, v[fixed_masks] - np.array(fixed_excess), rcond=None)[0]
            break
        # drop coalitions in the span of the fixed ones: |a_S|^2 = sum_j (a_S . u_j)^2,
        # with a_S . u_j = sum of u_j over the members of S (tabulated over all masks)
        rest = active[~tight]
        resid2 = popcounts(n, np.float64)[rest]
        for j in range(rank):
            resid2 -= subset_sums(basis[:, j])[rest] ** 2
        active = rest[resid2 > 1e-9]
    return {p: float(val) for p, val in zip(g.players, x)}


def _solve_stage(n, v, active, A_eq, b_eq, bounds, full_lp, x_guess, scale, stage=0):
    """min eps s.t. v(S) - x(S) <= eps for S in ``active``, equalities ``A_eq``; by constraint
    generation unless ``full_lp`` (or few coalitions). Returns (result, rows, working set)."""
    if full_lp or active.size <= 8 * n:
        work = np.arange(active.size)
    else:
        e0 = v[active] - subset_sums(x_guess)[active]
        full = (1 << n) - 1
        # singletons and their complements bound the LP; then the largest excesses
        basic = np.isin(active, [1 << i for i in range(n)] + [full ^ (1 << i)
                                                              for i in range(n)])
        work = np.union1d(np.flatnonzero(basic), np.argpartition(-e0, 8 * n)[:8 * n])
    for _round in range(10_000):
        res, M = _stage_lp(n, v, active[work], A_eq, b_eq, bounds)
        if res.status == 3 and work.size < active.size:
            work = np.arange(active.size)    # working set too small to bound the LP
            res, M = _stage_lp(n, v, active[work], A_eq, b_eq, bounds)
        if res.status != 0:
            raise InputError(f"LP failed at stage {stage + 1}: {res.message}")
        if work.size == active.size:
            break
        eps = float(res.x[-1])
        e_all = v[active] - subset_sums(res.x[:n])[active]
        e_all[work] = -np.inf
        viol = np.flatnonzero(e_all > eps + 1e-9 * scale)
        if viol.size == 0:
            break
        if viol.size > 4 * n + 64:
            viol = viol[np.argpartition(-e_all[viol], 4 * n + 64)[:4 * n + 64]]
        work = np.concatenate([work, viol])
    return res, M, work


def _stage_lp(n, v, masks, A_eq, b_eq, bounds):
    c = np.zeros(n + 1)
    c[-1] = 1.0
    if masks.size <= 2000:       # small working sets: dense rows, no presolve (less overhead)
        M = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(np.float64)
        A_ub = np.hstack([-M, -np.ones((M.shape[0], 1))])
        options = {"presolve": False}
    else:
        M = _membership(n, masks)
        A_ub = sp.hstack([-M, -np.ones((M.shape[0], 1))], format="csr")
        options = {}
    res = linprog(c, A_ub=A_ub, b_ub=-v[masks], A_eq=A_eq, b_eq=b_eq, bounds=bounds,
                  method="highs", options=options)
    return res, M


# --------------------------------------------------------------------------- properties
def is_efficient(game: CoalitionalGame, allocation, tol: float = 1e-9) -> bool:
    """``sum_i x_i = v(N)`` within ``tol``.

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 1, "B": 0, "A,B": 3})
    >>> is_efficient(g, [2, 1]), is_efficient(g, [2, 2])
    (True, False)
    """
    x = _allocation(game, allocation)
    return bool(abs(x.sum() - game.grand_value) <= tol * max(1.0, abs(game.grand_value)))


def is_individually_rational(game: CoalitionalGame, allocation, tol: float = 1e-9) -> bool:
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


def is_superadditive(game: CoalitionalGame, tol: float = 1e-9) -> bool:
    """``v(S + T) >= v(S) + v(T)`` for all disjoint ``S, T`` (vectorised over the ``3**n``
    pairs, in chunks).

    Examples
    --------
    >>> is_superadditive(CoalitionalGame.from_function("ABC", lambda S: len(S) ** 2))
    True
    >>> is_superadditive(CoalitionalGame.from_function("ABC", lambda S: min(len(S), 1)))
    False
    """
    g = _exact(game)
    n = g.n
    v = g.values
    inner = min(n, 12)
    S0, T0 = _ternary_pairs(inner)
    outer = n - inner
    Sh, Th = _ternary_pairs(outer)
    for sh, th in zip(Sh << inner, Th << inner):
        S, T = S0 | sh, T0 | th
        if np.any(v[S | T] < v[S] + v[T] - tol):
            return False
    return True


def is_convex(game: CoalitionalGame, tol: float = 1e-9) -> bool:
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
    g = _exact(game)
    n = g.n
    V = g.values.reshape([2] * n) if n else g.values
    for i in range(n):
        for j in range(i + 1, n):
            ai, aj = n - 1 - i, n - 1 - j          # axis of bit i in the C-order reshape
            d = np.diff(np.diff(V, axis=ai), axis=aj)
            if np.any(d < -tol):
                return False
    return True
