"""Pure-strategy Nash equilibria of N-player games, vectorised over the payoff array.

A pure profile ``s`` is a Nash equilibrium when, for every player ``i``, ``u_i(s)`` is the
largest entry of ``u_i`` along player ``i``'s own axis (Nash 1951; Osborne and Rubinstein 1994,
def. 14.1). With the payoff array of shape ``(n, a_1, ..., a_n)`` the test is one reduction
(the best payoff along axis ``i``) and one comparison per player; the equilibria are the cells
where all ``n`` best-response tests hold. No Python loop runs over profiles.

How it runs
-----------
* **Float payoffs, large games** (at least ``2**14`` payoff entries): a compiled kernel (numba)
  makes one pass over each player's payoffs and ANDs the best-response test into a mask of
  one byte per profile. For a player with two actions it compares the two halves of the
  player's axis directly (``u0 >= u1 - slack(u1)`` and ``u1 >= u0 - slack(u0)``) instead of
  taking a ``max`` over an axis of length 2; players with more actions get a best payoff per
  fibre in a small cache-resident buffer. Nothing of the size of the payoff array is copied
  or allocated: the extra memory is the mask (``1 / (8 n)`` of the payoffs for ``n``
  two-action players) and a few KiB. Together with ``NormalFormGame(P, copy=False)`` the
  peak memory of building and solving a game stays within a few per cent of the payoff array
  itself (``benchmarks/bench_pure.py`` measures it, and the time against one read of the
  payoffs).
* **Float payoffs, small games**: the same test with numpy reductions (no compilation).
* **Exact payoffs** (fractions or integers that floats cannot hold, see
  :meth:`~govgames.games.game.NormalFormGame.exact_payoffs`): the test in exact rational
  arithmetic, with no tolerance unless one is given.

Both float paths evaluate the same expression, ``u >= best - tol * max(1, |best|)``, in the
same floating-point operations, so they return the same mask bit for bit.

References
----------
.. [1] J. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951), 286-295.
.. [2] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 2.
.. [3] QuantEcon.py, ``quantecon.game_theory.pure_nash_brute`` (the loop this replaces).
.. [4] S. K. Lam, A. Pitrou and S. Seibert, "Numba: a LLVM-based Python JIT compiler",
   *Proc. LLVM-HPC* 2015 (the compiler of the kernel).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .budget import check_listing
from .equilibrium import Equilibrium, EquilibriumList
from .errors import InputError
from .game import NormalFormGame
from .tolerance import DEFAULT_TOL

__all__ = ["pure_equilibrium_mask", "pure_nash_equilibria", "best_response_mask"]

#: Games with at least this many payoff entries use the compiled kernel (smaller ones numpy,
#: so that small games never wait for a compilation).
COMPILED_MIN_ENTRIES = 1 << 14


def _check_tol(tol, exact: bool = False):
    """The tolerance as a float (``None``: the default), or for exact payoffs as a Fraction
    (``None``: exact comparison, 0)."""
    if tol is None:
        return Fraction(0) if exact else DEFAULT_TOL
    if isinstance(tol, bool):
        raise InputError(f"tolerance must be a non-negative number, got {tol!r}")
    try:
        t = float(tol)
    except (TypeError, ValueError):
        raise InputError(f"tolerance must be a non-negative number, got {tol!r}") from None
    if not t >= 0 or t == float("inf"):
        raise InputError(f"tolerance must be a non-negative finite number, got {tol!r}")
    return Fraction(t) if exact else t


def _is_exact(game: NormalFormGame) -> bool:
    """True for a numeric game holding exact entries (an object array without parameters)."""
    P = game.payoff_array
    return P.dtype == object and not game.is_symbolic


def _best_minus_slack(best: np.ndarray, tol) -> np.ndarray:
    """``best - tol * max(1, |best|)`` in place for floats (a new array for exact entries)."""
    if best.dtype == object:
        return np.array([b - tol * max(1, abs(b)) for b in best.flat],
                        dtype=object).reshape(best.shape)
    slack = np.abs(best)
    np.maximum(slack, 1.0, out=slack)
    slack *= tol
    best -= slack
    return best


def _player_mask_numpy(u: np.ndarray, i: int, tol) -> np.ndarray:
    """Best-response test of the player whose own axis is ``i`` (numpy reductions)."""
    best = u.max(axis=i, keepdims=True)
    return np.asarray(u >= _best_minus_slack(best, tol), dtype=bool)


def _mask_numpy(P: np.ndarray, tol) -> np.ndarray:
    """Equilibrium mask with numpy: the reference path (float or exact object arrays)."""
    mask = np.ones(P.shape[1:], dtype=bool)
    for i in range(P.shape[0]):
        mask &= _player_mask_numpy(P[i], i, tol)
    return mask


_KERNELS = None


def _compiled_kernels():
    """The numba kernels, compiled on first use (cached on disk by numba)."""
    global _KERNELS
    if _KERNELS is None:
        from . import _pure_kernels
        _KERNELS = _pure_kernels
    return _KERNELS


def _mask_compiled(P: np.ndarray, tol: float) -> np.ndarray:
    """Equilibrium mask with the compiled kernels: one pass over each player's payoffs, no
    copy of ``P`` (made C-contiguous float64 first only if it is not)."""
    k = _compiled_kernels()
    P = np.ascontiguousarray(P, dtype=np.float64)
    n = P.shape[0]
    shape = P.shape[1:]
    size = int(np.prod(shape, dtype=np.int64))
    mask = np.ones(size, dtype=np.uint8)
    buf = np.empty(k.FIBRE_BLOCK, dtype=np.float64)
    flat = P.reshape(n, size)
    inner = size
    for i in range(n):
        a = shape[i]
        inner //= a
        outer = size // (a * inner)
        u = flat[i].reshape(outer, a, inner)
        m = mask.reshape(outer, a, inner)
        if a == 2:
            k.two_action_pass(u, m, float(tol))
        elif a > 2:
            k.best_response_pass(u, m, float(tol), buf)
    return mask.view(bool).reshape(shape)


def best_response_mask(game: NormalFormGame, player, tol: float | None = None) -> np.ndarray:
    """Boolean array over all pure profiles: is ``player``'s own strategy a best response there?

    Entry ``[s_1, ..., s_n]`` is true when ``s_i`` maximises player ``i``'s payoff against the
    others' strategies ``s_{-i}`` (within the relative tolerance ``tol``).

    Parameters
    ----------
    game : NormalFormGame
    player : str or int
    tol : float, optional
        Relative tolerance: ``u >= best - tol * max(1, |best|)``. Default: ``1e-9`` for float
        payoffs; exact payoffs are compared exactly (tolerance 0) unless ``tol`` is given.

    Returns
    -------
    numpy.ndarray of bool, shape ``game.shape``

    Raises
    ------
    InputError
        For a negative or non-numeric tolerance.
    FreeParametersError
        For a game with free parameters.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> best_response_mask(g, 0).astype(int)
    array([[0, 0],
           [1, 1]])
    """
    i = game.player_index(player)
    exact = _is_exact(game)
    tol = _check_tol(tol, exact)
    u = game.exact_payoffs()[i] if exact else game.numeric_payoffs()[i]
    return _player_mask_numpy(u, i, tol)


def pure_equilibrium_mask(game: NormalFormGame, tol: float | None = None) -> np.ndarray:
    """Boolean array over all pure profiles, true at the pure Nash equilibria.

    For each player: the best own payoff along the own axis, compared with the payoff; the
    result is the logical AND over players. Large float games run through the compiled
    kernel (one pass over the payoffs, no copy; see the module notes), small ones through numpy
    reductions, exact games in exact arithmetic. Memory beyond the game itself: the boolean
    result and a few KiB (large games) or one reduced array per player (small games).

    Parameters
    ----------
    game : NormalFormGame
        A numeric game with any number of players.
    tol : float, optional
        Relative tolerance (see :func:`best_response_mask`; default ``1e-9`` for float payoffs,
        exact comparison for exact payoffs).

    Returns
    -------
    numpy.ndarray of bool, shape ``game.shape``

    Raises
    ------
    InputError
        For a negative or non-numeric tolerance.
    FreeParametersError
        For a game with free parameters.

    References
    ----------
    Osborne and Rubinstein (1994), def. 14.1.

    Examples
    --------
    Battle of the sexes has two pure equilibria on the diagonal:

    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> pure_equilibrium_mask(g).astype(int)
    array([[1, 0],
           [0, 1]])

    Exact payoffs are compared exactly: ``2**60 + 1`` beats ``2**60`` (as floats they tie).

    >>> h = NormalFormGame([[[2**60 + 1], [2**60]], [[0], [0]]])
    >>> pure_equilibrium_mask(h).ravel().tolist()
    [True, False]
    """
    exact = _is_exact(game)
    tol = _check_tol(tol, exact)
    if exact:
        return _mask_numpy(game.exact_payoffs(), tol)
    P = game.numeric_payoffs()
    if P.size >= COMPILED_MIN_ENTRIES:
        return _mask_compiled(P, tol)
    return _mask_numpy(P, tol)


def pure_nash_equilibria(game: NormalFormGame, tol: float | None = None,
                         max_equilibria: int | None = None) -> EquilibriumList:
    """Every pure-strategy Nash equilibrium of an N-player game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (a game with free parameters raises
        :class:`~govgames.games.errors.FreeParametersError`; see :mod:`govgames.games.symbolic`).
    tol : float, optional
        Relative tolerance of the best-response test (see :func:`best_response_mask`; default
        ``1e-9`` for float payoffs, exact comparison for exact payoffs). When float payoffs
        make a profile an equilibrium only within the tolerance (a payoff ``1e-300`` above
        ``0`` counts as a tie), it is listed and a note says so, naming it.
    max_equilibria : int, optional
        Return at most this many (in lexicographic order of the profiles); a note records how
        many there are. Useful for games such as an all-zero table where every profile is an
        equilibrium.

    Returns
    -------
    EquilibriumList
        Pure equilibria in lexicographic order of the strategy indices, ``method="pure"``.
        For a game with exact payoffs each equilibrium also carries its exact profile and
        payoffs (``exact_profile``, ``exact_payoffs``).

    Raises
    ------
    InputError
        For a negative or non-numeric tolerance.
    FreeParametersError
        For a game with free parameters.
    BudgetError
        When the equilibria to list (after ``max_equilibria``), each holding every strategy's
        probability, are over the memory or time budget
        (:func:`~govgames.games.budget.check_listing`), before any is built.

    References
    ----------
    J. Nash (1951); Osborne and Rubinstein (1994), ch. 2.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]])
    >>> print(pure_nash_equilibria(g))
    1 equilibrium (pure)
      1. A: Defect; B: Defect  (payoffs 1, 1)

    Three players, each choosing whether to join a coalition that forms only if all join:

    >>> h = NormalFormGame.from_function(
    ...     lambda p: [2 * all(p) - s for s in p], (2, 2, 2))
    >>> [e.pure_profile for e in pure_nash_equilibria(h)]
    [('s1', 's1', 's1'), ('s2', 's2', 's2')]

    Exact payoffs are compared exactly; float payoffs within ``tol``, with a note:

    >>> from fractions import Fraction
    >>> tiny = NormalFormGame([[[0], [Fraction(1, 10**300)]], [[0], [0]]])
    >>> [e.pure_profile for e in pure_nash_equilibria(tiny)]
    [('s2', 's1')]
    >>> eqs = pure_nash_equilibria(NormalFormGame([[[0], [1e-300]], [[0], [0]]]))
    >>> [e.pure_profile for e in eqs]
    [('s1', 's1'), ('s2', 's1')]
    >>> eqs.notes[0][:64]
    '1 of the 2 listed profiles ((s1, s1)) is an equilibrium only bec'
    """
    mask = pure_equilibrium_mask(game, tol)
    found = np.stack(np.unravel_index(np.flatnonzero(mask), mask.shape), axis=1)
    total = len(found)
    notes = []
    if max_equilibria is not None and total > max_equilibria:
        found = found[:max(0, int(max_equilibria))]
        notes.append(f"{total} pure equilibria; the first {len(found)} are listed")
    check_listing(len(found), sum(game.shape),
                  f"the pure equilibria of a {'x'.join(map(str, game.shape))} game",
                  "max_equilibria=... lists the first ones", kind="float")
    P = game.numeric_payoffs()
    E = game.exact_payoffs() if _is_exact(game) else None
    out = []
    ties = []                       # listed only because of the tolerance (float payoffs)
    slack = E is None and _check_tol(tol) > 0
    for idx in found:
        idx = tuple(int(k) for k in idx)
        if slack and not _is_best_exactly(P, idx):
            ties.append(idx)
        profile = []
        for i, k in enumerate(idx):
            v = np.zeros(game.shape[i])
            v[k] = 1.0
            profile.append(v)
        exact = {} if E is None else {"exact_profile": [[int(x) for x in v] for v in profile],
                                      "exact_payoffs": list(E[(slice(None),) + idx])}
        out.append(Equilibrium.from_game_profile(game.players, game.strategies, profile,
                                                 P[(slice(None),) + idx], **exact))
    if ties:
        notes.append(_tie_note(game, ties, len(found), _check_tol(tol)))
    return EquilibriumList(out, method="pure", notes=notes)


def _is_best_exactly(P: np.ndarray, idx: tuple) -> bool:
    """True when every player's payoff at the pure profile ``idx`` is the largest along the
    player's own axis with no tolerance (float payoffs compared as the numbers they are)."""
    for i in range(P.shape[0]):
        fibre = P[(i,) + idx[:i] + (slice(None),) + idx[i + 1:]]
        if P[(i,) + idx] < fibre.max():
            return False
    return True


def _tie_note(game: NormalFormGame, ties: list, listed: int, tol: float) -> str:
    """One line: which listed profiles are equilibria only within the tolerance."""
    names = ["(" + ", ".join(game.strategies[i][k] for i, k in enumerate(idx)) + ")"
             for idx in ties[:3]]
    more = f" and {len(ties) - 3} more" if len(ties) > 3 else ""
    verb = "is an equilibrium" if len(ties) == 1 else "are equilibria"
    return (f"{len(ties)} of the {listed} listed profiles ({', '.join(names)}{more}) {verb} "
            f"only because payoff differences smaller than tol={tol:g} (relative to "
            "max(1, |payoff|)) were treated as ties; compared exactly, some player gains by "
            "deviating from them")
