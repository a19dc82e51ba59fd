"""Exact expected payoffs of memory-one strategies from their Markov chain (no simulation).

Two memory-one strategies ``p`` and ``q`` (cooperation probabilities after (C,C), (C,D), (D,C),
(D,D), each from its own point of view) with implementation noise ``ε`` (a move is flipped
with probability ``ε``, so ``p -> p(1-ε) + (1-p)ε``) drive a Markov chain over the outcomes
(C,C), (C,D), (D,C), (D,D) of player 1's point of view, with transition matrix ``M``. With the
initial outcome distribution ``v0`` and player 1's payoff vector ``u = (R, S, T, P)``:

* discounted (or with continuation probability ``δ``): the normalised value
  ``(1 - δ) v0 (I - δ M)^(-1) u`` (one 4x4 linear solve);
* a match of ``T`` turns: the expected mean payoff ``(1/T) sum_t v0 M^t u``;
* the long run: ``v0 Π u`` with ``Π = lim (1/T) sum_t M^t`` (Cesàro limit). For a chain with
  strictly positive transitions (noise, or interior strategies) ``Π`` has the stationary
  distribution in every row (one solve); otherwise ``Π = I - A A^#`` with ``A = I - M`` and the
  group inverse ``A^# = A (A^3)^+ A`` (Cline 1965), which also handles reducible and periodic
  chains of deterministic strategies.

All functions work on stacked arrays, so a tournament among ``n`` strategies is one batched
``numpy.linalg.solve`` over ``n^2`` 4x4 systems.

References
----------
.. [1] M. Nowak and K. Sigmund, "The evolution of stochastic strategies in the prisoner's
   dilemma", *Acta Applicandae Mathematicae* 20 (1990), 247-265.
.. [2] W. H. Press and F. J. Dyson, "Iterated prisoner's dilemma contains strategies that
   dominate any evolutionary opponent", *PNAS* 109 (2012), 10409-10413.
.. [3] R. E. Cline, "Representations for the generalized inverse of sums of matrices",
   *SIAM J. Numer. Anal.* 2 (1965), 99-114; C. D. Meyer, "The role of the group generalized
   inverse in the theory of finite Markov chains", *SIAM Review* 17 (1975), 443-464.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import numpy as np
import sympy as sp

from ..deprecation import renamed_argument
from ..errors import InputError
from ..game import NormalFormGame
from ._common import check_probability, make_rng
from .play import TournamentResult, stage_matrices
from .strategies import MemoryOne

__all__ = ["transition_matrices", "memory_one_payoffs", "memory_one_tournament",
           "random_memory_one"]


def _vectors(strategies, initial=None):
    """(n, 4) cooperation probabilities, (n,) first-move probabilities and names."""
    if isinstance(strategies, np.ndarray) and strategies.dtype != object:
        V = np.atleast_2d(np.asarray(strategies, dtype=float))
        if V.shape[-1] != 4:
            raise InputError(f"memory-one strategies must have 4 probabilities each, got shape {V.shape}")
        init = np.ones(V.shape[0]) if initial is None else np.broadcast_to(
            np.asarray(initial, dtype=float), (V.shape[0],)).copy()
        names = [f"M{k}" for k in range(V.shape[0])]
    else:
        V, init, names = [], [], []
        for k, s in enumerate(strategies):
            if isinstance(s, MemoryOne):
                V.append(s.vector)
                init.append(s.initial)
                names.append(s.name)
            else:
                try:
                    v = np.asarray(s, dtype=float)
                except (TypeError, ValueError):
                    raise InputError(f"strategy {k} is {s!r}: give MemoryOne objects or 4-vectors") from None
                if v.shape != (4,):
                    raise InputError(f"strategy {k} must be a MemoryOne or 4 probabilities, got {s!r}")
                V.append(v)
                init.append(1.0)
                names.append(f"M{k}")
        V = np.array(V, dtype=float).reshape(-1, 4)
        init = np.array(init, dtype=float)
        if initial is not None:
            init = np.broadcast_to(np.asarray(initial, dtype=float), init.shape).copy()
    if np.any(~np.isfinite(V)) or np.any(V < 0) or np.any(V > 1) or np.any(init < 0) or np.any(init > 1):
        raise InputError("memory-one probabilities and first-move probabilities must lie in [0, 1]")
    return V, init, names


def transition_matrices(p, q, noise: float = 0) -> np.ndarray:
    """Transition matrices over (C,C), (C,D), (D,C), (D,D) for stacked pairs of strategies.

    Parameters
    ----------
    p, q : array_like, shape (..., 4)
        Cooperation probabilities of player 1 and player 2, each from its own point of view.
    noise : float
        Probability that a move is flipped.

    Returns
    -------
    numpy array, shape (..., 4, 4)
        Row = current outcome (player 1's view), column = next outcome.

    Examples
    --------
    >>> transition_matrices([1, 0, 1, 0], [1, 0, 1, 0])[1].tolist()  # TFT vs TFT after (C, D)
    [0.0, 0.0, 1.0, 0.0]
    """
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)[..., [0, 2, 1, 3]]  # player 2's view -> player 1's order
    e = float(noise)
    p = p * (1 - e) + (1 - p) * e
    q = q * (1 - e) + (1 - q) * e
    return np.stack([p * q, p * (1 - q), (1 - p) * q, (1 - p) * (1 - q)], axis=-1)


def _initial(x1, x2, noise):
    e = float(noise)
    a = np.asarray(x1, dtype=float) * (1 - e) + (1 - np.asarray(x1, dtype=float)) * e
    b = np.asarray(x2, dtype=float) * (1 - e) + (1 - np.asarray(x2, dtype=float)) * e
    return np.stack([a * b, a * (1 - b), (1 - a) * b, (1 - a) * (1 - b)], axis=-1)


def _outcome_distribution(M, v0, discount=None, turns=None):
    """Average outcome distribution (..., 4) under the chosen criterion."""
    if discount is not None:
        d = float(discount)
        eye = np.eye(4)
        A = eye - d * np.swapaxes(M, -1, -2)
        y = np.linalg.solve(A, v0[..., None])[..., 0]
        return (1 - d) * y
    if turns is not None:
        v = v0.copy()
        total = v.copy()
        for _ in range(turns - 1):
            v = np.einsum("...i,...ij->...j", v, M)
            total += v
        return total / turns
    # long run (Cesàro limit)
    out = np.empty(v0.shape)
    positive = np.all(M > 1e-12, axis=(-1, -2))
    flatM = M.reshape(-1, 4, 4)
    flatv = v0.reshape(-1, 4)
    flatout = out.reshape(-1, 4)
    pos = positive.reshape(-1)
    if pos.any():
        A = np.swapaxes(flatM[pos], -1, -2) - np.eye(4)
        A[:, -1, :] = 1.0
        b = np.zeros((A.shape[0], 4, 1))
        b[:, -1, 0] = 1.0
        flatout[pos] = np.linalg.solve(A, b)[..., 0]
    if (~pos).any():
        A = np.eye(4) - flatM[~pos]
        A3 = A @ A @ A
        group = A @ np.linalg.pinv(A3, rcond=1e-10) @ A
        Pi = np.eye(4) - A @ group
        flatout[~pos] = np.einsum("bi,bij->bj", flatv[~pos], Pi)
    return out


def memory_one_payoffs(player1, player2, stage: NormalFormGame | None = None, *,
                       discount=None, turns: int | None = None, noise: float = 0,
                       continuation=None, initial_distribution=None,
                       rational: bool | None = None, exact: bool | None = None) -> tuple:
    """Exact expected payoff per round of two memory-one strategies.

    Parameters
    ----------
    player1, player2 : MemoryOne or sequence of 4 probabilities
        A plain 4-vector cooperates on the first move.
    stage : NormalFormGame, optional
        Symmetric 2x2 stage game (default: prisoner's dilemma 5, 3, 1, 0).
    discount : float in [0, 1), optional
        Discount factor or continuation probability: the normalised discounted payoff
        ``(1 - δ) sum_t δ^t E[u_t]``. When the match continues after each round with
        probability δ this is the expected total payoff divided by the expected number of
        rounds ``1/(1 - δ)``.
    turns : int, optional
        Expected mean payoff over a match of this many turns.
    noise : float
        Probability that a move is flipped.
    continuation : float in [0, 1), optional
        Probability that the match continues after each round: the expected payoff per round
        (expected total over expected length); the same formula as ``discount``.
    initial_distribution : sequence of 4 floats, optional
        Probabilities of the first-round outcome (C,C), (C,D), (D,C), (D,D) (player 1's view);
        by default the strategies' first-move probabilities (with noise).

    rational : bool, default False
        Compute in rational arithmetic and return :class:`~fractions.Fraction` values (as
        pygambit's ``rational=``). Probabilities given as Fractions or strings (``"1/3"``) are
        exact; floats are read as the decimal they print as. The long-run value is then the
        exact limit ``lim_{δ -> 1} (1 - δ) v0 (I - δ M)^(-1) u``.
    exact : bool, optional
        Deprecated name of ``rational`` (it warns).

    Without ``discount``, ``continuation`` and ``turns`` the long-run average payoff is
    returned.

    Returns
    -------
    tuple of float (or of Fraction with ``rational=True``)
        Payoff per round of player 1 and player 2.

    Raises
    ------
    InputError
        Probabilities outside [0, 1], a malformed strategy or initial distribution, or both
        ``discount`` and ``turns``.
    TypeError
        When both ``rational`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    References
    ----------
    Nowak and Sigmund (1990); Press and Dyson (2012).

    Examples
    --------
    TitForTat against AllD over 200 turns, and two TitForTat players with 5 % noise in the long
    run (they end up in every outcome equally often):

    >>> from govgames.games.repeated.strategies import TitForTat, AllD
    >>> [round(x, 4) for x in memory_one_payoffs(TitForTat(), AllD(), turns=200)]
    [0.995, 1.02]
    >>> [round(x, 4) for x in memory_one_payoffs(TitForTat(), TitForTat(), noise=0.05)]
    [2.25, 2.25]

    Exactly, for generous tit-for-tat against a random player:

    >>> memory_one_payoffs([1, "1/3", 1, "1/3"], ["1/2"] * 4, rational=True,
    ...                    initial_distribution=[1, 0, 0, 0])
    (Fraction(2, 1), Fraction(17, 6))
    """
    if renamed_argument(rational, exact, old="exact", new="rational", where="memory_one_payoffs",
                        default=False):
        return _exact_payoffs(player1, player2, stage, _merge(discount, continuation), turns,
                              noise, initial_distribution)
    V, init, _ = _vectors([player1, player2])
    noise = check_probability(noise, "noise")
    A, B = stage_matrices(stage)
    discount = _merge(discount, continuation)
    _check_mode(discount, turns)
    M = transition_matrices(V[0], V[1], noise)
    if initial_distribution is None:
        v0 = _initial(init[0], init[1], noise)
    else:
        v0 = np.asarray(initial_distribution, dtype=float)
        if v0.shape != (4,) or np.any(v0 < 0) or abs(v0.sum() - 1) > 1e-9:
            raise InputError("initial_distribution must be 4 probabilities of (C,C), (C,D), "
                             f"(D,C), (D,D) summing to 1, got {initial_distribution!r}")
    dist = _outcome_distribution(M, v0, discount, turns)
    u1 = np.array([A[0, 0], A[0, 1], A[1, 0], A[1, 1]])
    u2 = np.array([B[0, 0], B[0, 1], B[1, 0], B[1, 1]])
    return float(dist @ u1), float(dist @ u2)


def _exact_vector(s, k):
    from ._common import exact as ex
    if isinstance(s, MemoryOne):
        vals = [ex(float(x)) for x in s.vector] + [ex(float(s.initial))]
    else:
        try:
            vals = [ex(x) for x in s] + [Fraction(1)]
        except TypeError:
            raise InputError(f"strategy {k} is {s!r}: give a MemoryOne or 4 probabilities") from None
        if len(vals) != 5:
            raise InputError(f"strategy {k} must have 4 probabilities, got {s!r}")
    if any(not isinstance(x, Fraction) or x < 0 or x > 1 for x in vals):
        raise InputError(f"strategy {k}: probabilities must be numbers in [0, 1], got {s!r}")
    return vals


def _solve_exact(A, b):
    """Solve A x = b in Fractions (Gauss-Jordan with pivot search); A is non-singular."""
    n = len(A)
    M = [list(A[i]) + [b[i]] for i in range(n)]
    for c in range(n):
        r = next(r for r in range(c, n) if M[r][c] != 0)
        M[c], M[r] = M[r], M[c]
        piv = M[c][c]
        M[c] = [x / piv for x in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return [M[i][n] for i in range(n)]


def _exact_payoffs(player1, player2, stage, discount, turns, noise, initial_distribution):
    """memory_one_payoffs in rational arithmetic; returns Fractions."""
    from ._common import default_pd, exact as ex

    _check_mode(discount, turns)
    check_probability(noise, "noise")
    stage_matrices(stage)  # validates the stage game
    P = (default_pd() if stage is None else stage).exact_payoffs()
    u1 = [P[0, 0, 0], P[0, 0, 1], P[0, 1, 0], P[0, 1, 1]]
    u2 = [P[1, 0, 0], P[1, 0, 1], P[1, 1, 0], P[1, 1, 1]]
    p = _exact_vector(player1, 0)
    q = _exact_vector(player2, 1)
    e = ex(noise)
    flip = lambda x: x * (1 - e) + (1 - x) * e  # noqa: E731
    pe = [flip(x) for x in p[:4]]
    qe = [flip(q[k]) for k in (0, 2, 1, 3)]
    M = [[(pe[i] if j < 2 else 1 - pe[i]) * (qe[i] if j in (0, 2) else 1 - qe[i])
          for j in range(4)] for i in range(4)]
    if initial_distribution is None:
        a, b = flip(p[4]), flip(q[4])
        v0 = [a * b, a * (1 - b), (1 - a) * b, (1 - a) * (1 - b)]
    else:
        v0 = [ex(x) for x in initial_distribution]
        if len(v0) != 4 or any(not isinstance(x, Fraction) or x < 0 for x in v0) or sum(v0) != 1:
            raise InputError("initial_distribution must be 4 probabilities summing to exactly 1, "
                             f"got {initial_distribution!r}")
    if turns is not None:
        total = [Fraction(0)] * 4
        v = v0
        for _ in range(int(turns)):
            total = [a + b for a, b in zip(total, v)]
            v = [sum((v[i] * M[i][j] for i in range(4)), Fraction(0)) for j in range(4)]
        dist = [x / int(turns) for x in total]
    elif discount is not None:
        dd = ex(discount)
        At = [[(1 if i == j else 0) - dd * M[j][i] for j in range(4)] for i in range(4)]
        dist = [(1 - dd) * x for x in _solve_exact(At, v0)]
    else:
        # (1 - d) v0 adj(I - dM) / det(I - dM): divide out the roots at d = 1, then evaluate
        d = sp.Symbol("d")
        R = lambda x: sp.Rational(x.numerator, x.denominator)  # noqa: E731
        A = sp.eye(4) - d * sp.Matrix(4, 4, lambda i, j: R(M[i][j]))
        det = sp.Poly(A.det(method="berkowitz"), d, domain="QQ")
        row = sp.Matrix([[R(x) for x in v0]]) * A.adjugate(method="berkowitz")
        nums = [sp.Poly(sp.expand((1 - d) * row[k]), d, domain="QQ") for k in range(4)]
        one = sp.Poly(d - 1, d, domain="QQ")
        while det(1) == 0:
            det = sp.div(det, one)[0]
            nums = [sp.div(nk, one)[0] for nk in nums]
        dist = []
        for nk in nums:
            val = sp.Rational(nk(1)) / sp.Rational(det(1))
            dist.append(Fraction(int(val.p), int(val.q)))
    return tuple(sum((x * y for x, y in zip(dist, u)), Fraction(0)) for u in (u1, u2))


def _merge(discount, continuation):
    if continuation is not None:
        if discount is not None:
            raise InputError("give discount or continuation, not both (they enter the same way)")
        return continuation
    return discount


def _check_mode(discount, turns):
    if discount is not None and turns is not None:
        raise InputError("give either discount or turns, not both")
    if discount is not None:
        d = check_probability(discount, "discount")
        if d >= 1:
            raise InputError("discount must be below 1 (omit it for the long-run average)")
    if turns is not None and (isinstance(turns, bool) or not isinstance(turns, (int, np.integer)) or turns < 1):
        raise InputError(f"turns must be a positive integer, got {turns!r}")


#: peak bytes per Markov chain of :func:`memory_one_tournament` (measured ~620, with a margin)
CHAIN_BYTES = 800


def memory_one_tournament(strategies: Sequence, stage: NormalFormGame | None = None, *,
                          discount=None, turns: int | None = None, noise: float = 0,
                          initial=None, continuation=None) -> TournamentResult:
    """Round-robin tournament of memory-one strategies with exact expected payoffs.

    Every ordered pair is one 4x4 Markov chain; all ``n^2`` chains are solved in one batched
    call, so 50 strategies take milliseconds.

    Parameters
    ----------
    strategies : sequence of MemoryOne or 4-vectors, or an array of shape (n, 4)
    stage : NormalFormGame, optional
    discount, turns, noise, continuation
        As in :func:`memory_one_payoffs` (long-run average when all are omitted).
    initial : float or array, optional
        First-move cooperation probabilities (override the strategies' own).

    Returns
    -------
    TournamentResult
        One "repetition": the scores are exact expectations (standard deviation 0).

    References
    ----------
    Nowak and Sigmund (1990); Press and Dyson (2012).

    Examples
    --------
    >>> from govgames.games.repeated.strategies import AllC, AllD, TitForTat, WinStayLoseShift
    >>> r = memory_one_tournament([AllC(), AllD(), TitForTat(), WinStayLoseShift()], turns=200)
    >>> r.ranked_names
    ['AllD', 'TitForTat', 'WinStayLoseShift', 'AllC']
    >>> round(float(r.payoff_matrix.loc["AllD", "WinStayLoseShift"]), 4)
    3.0
    """
    V, init, names = _vectors(strategies, initial)
    noise = check_probability(noise, "noise")
    discount = _merge(discount, continuation)
    _check_mode(discount, turns)
    A, B = stage_matrices(stage)
    n = V.shape[0]
    if n < 2:
        raise InputError("a tournament needs at least two strategies")
    from ..budget import check_memory

    # n**2 chains solved together, measured ~620 bytes each at n = 1000 (10**5 random
    # strategies asked numpy for 298 GiB and raised a bare MemoryError)
    check_memory(float(n) * n * CHAIN_BYTES, f"a memory-one tournament of {n} strategies "
                 f"({n * n} Markov chains)", "fewer strategies, or several smaller tournaments")
    P1 = np.repeat(V[:, None, :], n, axis=1)  # (n, n, 4): row strategy i
    P2 = np.repeat(V[None, :, :], n, axis=0)  # column strategy j
    M = transition_matrices(P1, P2, noise)
    v0 = _initial(np.repeat(init[:, None], n, 1), np.repeat(init[None, :], n, 0), noise)
    dist = _outcome_distribution(M, v0, discount, turns)
    u1 = np.array([A[0, 0], A[0, 1], A[1, 0], A[1, 1]])
    matrix = dist @ u1  # (n, n): payoff of row i against column j
    off = ~np.eye(n, dtype=bool)
    scores = (np.where(off, matrix, 0).sum(axis=1) / (n - 1))[None, :]
    coop = (dist[..., 0] + dist[..., 1])
    coop_rate = np.where(off, coop, 0).sum(axis=1) / (n - 1)
    what = ("long-run" if discount is None and turns is None else
            f"discount {discount}" if discount is not None else f"{turns} turns")
    from .play import _unique_names

    class _Named:  # names through the common de-duplication helper
        def __init__(self, name):
            self.name = name

    return TournamentResult(_unique_names([_Named(x) for x in names]), matrix, scores, coop_rate,
                            title=f"memory-one tournament ({what}"
                                  + (f", noise {noise:g}" if noise else "") + ")")


def random_memory_one(n: int, seed=None, initial: float = 1.0) -> list:
    """``n`` memory-one strategies with uniformly random cooperation probabilities.

    >>> [s.name for s in random_memory_one(2, seed=0)]
    ['R0', 'R1']
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise InputError(f"n must be a positive integer, got {n!r}")
    rng = make_rng(seed)
    V = rng.random((n, 4))
    return [MemoryOne(cc, cd, dc, dd, initial=initial, name=f"R{k}")
            for k, (cc, cd, dc, dd) in enumerate(V)]
