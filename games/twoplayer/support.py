"""Support enumeration: the equilibria of a bimatrix game from pairs of equal-size supports.

For each pair of supports ``I`` (rows) and ``J`` (columns) with ``|I| = |J| = k``, the
indifference conditions give square linear systems: the column player's mixture makes every row
in ``I`` a best response (``A[I, J] y = v``) and the row player's mixture makes every column in
``J`` a best response (``x B[I, J] = u``). With payoffs made positive these are
``A[I, J] z = 1`` and ``B[I, J]^T w = 1`` with ``y = z / sum(z)`` and ``x = w / sum(w)``. A
solution is an equilibrium when it is non-negative and no strategy outside the supports pays more
(Porter, Nudelman and Shoham 2008; Nisan et al. 2007, sec. 3.3). In a nondegenerate game every
equilibrium has supports of equal size and is found exactly once.

Implementation: for each support size the systems of all support pairs are solved at once with
numpy's batched solver (a screening step with a generous tolerance); the few candidates that pass,
and every system that is numerically close to singular, are then solved again in exact integer
arithmetic (Bareiss elimination) and checked exactly, so ``rational=True`` (the default) never returns a profile
that is not an equilibrium, also with large payoffs.

Degenerate games: equilibria whose supports have different sizes, and continua of equilibria
(where the square system is singular), are not produced; support enumeration then gives a subset
of the equilibria. :func:`~govgames.games.twoplayer.vertex.vertex_enumeration` lists every extreme
equilibrium of every game, and :func:`~govgames.games.twoplayer.degeneracy.is_degenerate` tells which case
applies.

References
----------
.. [1] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008), 642-662.
.. [2] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
"""

from __future__ import annotations

import math
from itertools import chain, combinations
from typing import Iterator

import numpy as np

from ..budget import (check_listing, check_work, max_work, support_enumeration_cost,
                      vertex_enumeration_cost)
from ..deprecation import renamed_argument
from ..numbers import count_text
from ..equilibrium import Equilibrium, EquilibriumList, equilibrium_sort_key
from ..game import NormalFormGame
from ._exact import (LISTING_HINT, BimatrixData, bimatrix_data, make_equilibrium, normalise,
                     solve_square)

__all__ = ["support_enumeration", "support_enumeration_gen"]

_SCREEN_TOL = 1e-6     # generous: screening only, the exact check decides
_SINGULAR_TOL = 1e-6   # |det| / Hadamard bound below this -> solved exactly (ill-conditioned)
_FLOAT_SINGULAR_TOL = 1e-13  # rational=False: below this a system is taken as singular
_BATCH = 40_000        # support pairs solved per numpy call
_BATCH_BYTES = 2**25   # payoff rows gathered per numpy call (bytes)


def _batched_solve(M: np.ndarray, singular_tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M z = 1`` for a stack of square matrices; also flag near-singular ones."""
    N, k, _ = M.shape
    if k == 1:
        diag = M[:, 0, 0]
        flag = diag == 0
        z = np.where(flag, 0.0, 1.0 / np.where(flag, 1.0, diag))[:, None]
        return z, flag
    # huge payoffs (1e300) overflow the determinant: such systems are flagged and solved
    # exactly, so numpy's overflow warnings are silenced
    with np.errstate(over="ignore", invalid="ignore"):
        det = np.linalg.det(M)
        hadamard = np.prod(np.linalg.norm(M, axis=2), axis=1)
        flag = ~(np.abs(det) > singular_tol * hadamard)
        if flag.any():
            M = M.copy()
            M[flag] = np.eye(k)
        z = np.linalg.solve(M, np.ones((N, k, 1)))[..., 0]
        flag |= ~np.isfinite(z).all(axis=1)
    return z, flag


def _exactly_singular(M: np.ndarray) -> np.ndarray:
    """Which integer matrices of a stack (object array, shape (N, k, k)) are singular, exactly.

    Batched Bareiss elimination with a row exchange per matrix; all arithmetic on Python ints.
    """
    M = M.copy()
    N, k, _ = M.shape
    singular = np.zeros(N, dtype=bool)
    prev = np.ones(N, dtype=object)
    idx = np.arange(N)
    for c in range(k):
        nz = (M[:, c:, c] != 0).astype(bool)
        has = nz.any(axis=1)
        singular |= ~has
        r = nz.argmax(axis=1) + c
        swap = r != c
        if swap.any():
            s = idx[swap]
            rowc = M[s, c, :].copy()
            M[s, c, :] = M[s, r[swap], :]
            M[s, r[swap], :] = rowc
        piv = M[:, c, c].copy()
        piv[~has] = 1  # already known singular: keep the arithmetic harmless
        if c + 1 < k:
            below = M[:, c + 1:, :]
            M[:, c + 1:, :] = (piv[:, None, None] * below - below[:, :, c][:, :, None]
                               * M[:, c, :][:, None, :]) // prev[:, None, None]
        prev = piv
    return singular


def _screen(z: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Feasible (z >= 0) and best-response (other @ z <= 1) within the screening tolerance."""
    scale = np.abs(z).sum(axis=1)
    ok = (z >= -_SCREEN_TOL * scale[:, None]).all(axis=1)
    ok &= (other <= 1 + _SCREEN_TOL).all(axis=1)
    return ok


def _exact_pair(data: BimatrixData, I, J):
    """Exact equilibrium with supports inside (I, J) from the indifference systems, or None."""
    A, B = data.A, data.B
    sz = solve_square([[A[i, j] for j in J] for i in I])
    if sz is None:
        return None
    znum, zden = sz
    if any(v < 0 for v in znum):
        return None
    sw = solve_square([[B[i, j] for i in I] for j in J])
    if sw is None:
        return None
    wnum, wden = sw
    if any(v < 0 for v in wnum):
        return None
    # best responses: every row earns at most 1 against z, every column at most 1 against w
    for i in range(data.m):
        if sum(A[i, j] * v for j, v in zip(J, znum)) > zden:
            return None
    for j in range(data.n):
        if sum(B[i, j] * v for i, v in zip(I, wnum)) > wden:
            return None
    x = [0] * data.m
    y = [0] * data.n
    for i, v in zip(I, wnum):
        x[i] = v
    for j, v in zip(J, znum):
        y[j] = v
    return normalise(x), normalise(y)


def _subsets(size: int, k: int) -> np.ndarray:
    """All ``k``-subsets of ``range(size)`` as rows of a ``(C(size, k), k)`` array, in order."""
    count = math.comb(size, k)
    flat = np.fromiter(chain.from_iterable(combinations(range(size), k)), dtype=np.intp,
                       count=count * k)
    return flat.reshape(count, k)


def _candidates(data: BimatrixData, k: int, rational: bool):
    """Yield (I, J, x_float, y_float) screened candidates and near-singular pairs (x=None).

    Support pairs are taken row support first, in blocks of at most ``_BATCH`` pairs and
    ``_BATCH_BYTES`` of payoff rows, so memory stays bounded whatever the game's size.
    """
    m, n = data.m, data.n
    Af, Bf = data.Af, data.Bf
    Is, Js = _subsets(m, k), _subsets(n, k)
    nJ = len(Js)
    pairs = max(1, min(_BATCH, _BATCH_BYTES // (8 * k * max(m, n))))
    jstep = min(nJ, pairs)
    istep = max(1, pairs // jstep)
    AJ_all = np.transpose(Af[:, Js], (1, 0, 2)) if jstep == nJ else None  # (nJ, m, k)
    stol = _SINGULAR_TOL if rational else _FLOAT_SINGULAR_TOL
    for i0 in range(0, len(Is), istep):
        Ic = Is[i0:i0 + istep]
        c = len(Ic)
        for j0 in range(0, nJ, jstep):
            Jc = Js[j0:j0 + jstep]
            nj = len(Jc)
            AJ = AJ_all if AJ_all is not None else np.transpose(Af[:, Jc], (1, 0, 2))
            AIJ = Af[Ic[:, None, :, None], Jc[None, :, None, :]].reshape(c * nj, k, k)
            z, flag = _batched_solve(AIJ, stol)
            pair_I = np.repeat(np.arange(i0, i0 + c), nj)
            pair_J = np.tile(np.arange(nj), c)          # index into Jc
            rowpay = np.einsum("jmk,cjk->cjm", AJ, z.reshape(c, nj, k)).reshape(c * nj, m)
            ok = _screen(z, rowpay) & ~flag
            sel = np.flatnonzero(ok)
            if sel.size:
                pi, pj = pair_I[sel], pair_J[sel]
                BIJt = Bf[Is[pi][:, None, :], Jc[pj][:, :, None]]  # (s, k, k): B[I, J]^T
                w, wflag = _batched_solve(BIJt, stol)
                colpay = np.einsum("pkn,pk->pn", Bf[Is[pi]], w)
                ok2 = _screen(w, colpay) & ~wflag
                for s in np.flatnonzero(ok2):
                    yield Is[pi[s]], Jc[pj[s]], w[s], z[sel[s]]
                if rational:
                    for s in np.flatnonzero(wflag):
                        yield Is[pi[s]], Jc[pj[s]], None, None
            if rational and flag.any():
                # near-singular in floats: drop the exactly singular systems (a continuum or
                # no solution), send the others to the exact solver
                fl = np.flatnonzero(flag)
                Iq, Jq = Is[pair_I[fl]], Jc[pair_J[fl]]
                sing = _exactly_singular(data.A[Iq[:, :, None], Jq[:, None, :]])
                for p in fl[~sing]:
                    yield Is[pair_I[p]], Jc[pair_J[p]], None, None


def support_enumeration_gen(game: NormalFormGame, *, rational: bool | None = None,
                            exact: bool | None = None) -> Iterator[Equilibrium]:
    """Equilibria of a 2-player game from pairs of equal-size supports, one at a time.

    The streaming form of :func:`support_enumeration` (as QuantEcon pairs
    ``support_enumeration`` with ``support_enumeration_gen``): each equilibrium is yielded as
    soon as it is found, by increasing support size and, within a size, in the order of the
    support pairs; the game is checked at the call, and no candidate is computed before the
    first ``next``. Every equilibrium is yielded once.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric payoffs.
    rational : bool, default True
        Re-solve every candidate in exact integer arithmetic and keep it only if it is an
        equilibrium exactly; results carry exact (Fraction) profiles and payoffs. With
        ``False`` the float solutions that pass the screening tolerance (relative ``1e-6``) are
        returned as they are.
    exact : bool, optional
        Deprecated name of ``rational``.

    Yields
    ------
    Equilibrium

    Raises
    ------
    InputError
        When the game does not have two players.
    BudgetError
        When the work of trying every support pair (:func:`~govgames.games.budget.support_enumeration_cost`)
        is over the work budget (:mod:`govgames.games.budget`), before any is tried; or, as
        they are found, when the equilibria listed so far are over the memory or time budget
        (:func:`~govgames.games.budget.check_listing`: a degenerate game such as an all-zero
        1x20000 table has 20,000 equilibria of 20,001 probabilities each).
    TypeError
        When both ``rational`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham, *Games and Economic Behavior* 63 (2008) 642-662.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> it = support_enumeration_gen(g)
    >>> print(next(it))
    Player 1: s1; Player 2: s1  (payoffs 2, 1)
    >>> len(list(it))
    2
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="support_enumeration", default=True)
    data = bimatrix_data(game, "support enumeration")
    # 'vertex' is suggested only when it fits the budget (a 15x400 game is refused by both)
    vertex = ("method 'vertex' is often far less work; "
              if vertex_enumeration_cost(data.m, data.n) <= max_work() else "")
    check_work(support_enumeration_cost(data.m, data.n),
               f"support enumeration of a {data.m}x{data.n} game ({_pair_count(data.m, data.n)} "
               "support pairs)", f"{vertex}method 'logit' or lemke_howson(game) finds one "
               "equilibrium, method 'pure' the pure ones")
    return _iter_support_equilibria(game, data, rational)


def _pair_count(m: int, n: int) -> str:
    """The number of equal-size support pairs, ``C(m + n, m) - 1``, written short."""
    return count_text(math.comb(m + n, m) - 1)


def _iter_support_equilibria(game, data, rational: bool) -> Iterator[Equilibrium]:
    """The equilibria of :func:`support_enumeration_gen`, from a checked game."""
    found: set = set()
    what = f"support enumeration of a {data.m}x{data.n} game"
    for k in range(1, min(data.m, data.n) + 1):
        for I, J, w, z in _candidates(data, k, rational):
            if rational:
                res = _exact_pair(data, [int(i) for i in I], [int(j) for j in J])
                if res is None or res in found:
                    continue
                found.add(res)
                check_listing(len(found), data.m + data.n, what, LISTING_HINT)
                yield make_equilibrium(data, *res)
                continue
            x = np.zeros(data.m)
            y = np.zeros(data.n)
            x[I] = w / w.sum()
            y[J] = z / z.sum()
            x = np.clip(x, 0, None)
            y = np.clip(y, 0, None)
            key = (tuple(np.round(x, 10)), tuple(np.round(y, 10)))
            if key in found:
                continue
            found.add(key)
            check_listing(len(found), data.m + data.n, what, LISTING_HINT)  # keys: tuples
            A, B = game.numeric_payoffs()
            yield Equilibrium.from_game_profile(
                game.players, game.strategies, [x, y], [x @ A @ y, x @ B @ y])


def support_enumeration(game: NormalFormGame, *, rational: bool | None = None,
                        exact: bool | None = None) -> EquilibriumList:
    """Equilibria of a 2-player game from all pairs of supports of equal size.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric payoffs.
    rational : bool, default True
        Re-solve every candidate in exact integer arithmetic and keep it only if it is an
        equilibrium exactly; results carry exact (Fraction) profiles and payoffs. With
        ``False`` the float solutions that pass the screening tolerance (relative ``1e-6``) are
        returned as they are.
    exact : bool, optional
        Deprecated name of ``rational`` (it warns).

    Returns
    -------
    EquilibriumList
        Sorted by :func:`~govgames.games.equilibrium_sort_key`; ``.method`` is ``"support"``
        and ``.degenerate`` is ``None`` (not tested: :func:`two_player_equilibria` runs the
        test). :func:`support_enumeration_gen` yields the same equilibria one at a time.

    Raises
    ------
    InputError
        When the game does not have two players.
    BudgetError
        When the work of trying every support pair (:func:`~govgames.games.budget.support_enumeration_cost`)
        is over the work budget (:mod:`govgames.games.budget`), before any is tried; or, as
        they are found, when the equilibria listed so far are over the memory or time budget
        (:func:`~govgames.games.budget.check_listing`: a degenerate game such as an all-zero
        1x20000 table has 20,000 equilibria of 20,001 probabilities each).
    TypeError
        When both ``rational`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    Notes
    -----
    Every equilibrium of a nondegenerate game is found. In a degenerate game, equilibria with
    supports of different sizes and continua of equilibria are not produced (the result is a
    subset, every element of which is an equilibrium); use
    :func:`~govgames.games.twoplayer.vertex.vertex_enumeration` for the full set of extreme equilibria.

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham, *Games and Economic Behavior* 63 (2008) 642-662;
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007), Algorithm 3.4.

    Examples
    --------
    Matching pennies has one equilibrium, fully mixed:

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    >>> print(support_enumeration(g))
    1 equilibrium (support)
      1. Player 1: 1/2 s1 + 1/2 s2; Player 2: 1/2 s1 + 1/2 s2  (payoffs 0, 0)
    """
    rational = renamed_argument(rational, exact, old="exact", new="rational",
                                where="support_enumeration", default=True)
    eqs = sorted(support_enumeration_gen(game, rational=rational), key=equilibrium_sort_key)
    return EquilibriumList(eqs, method="support")
