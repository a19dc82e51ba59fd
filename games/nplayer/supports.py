"""Support profiles of an N-player game that can carry a Nash equilibrium, and their cost.

A mixed equilibrium is determined by its *support profile* ``S = (S_1, ..., S_N)`` (the
strategies each player uses with positive probability): given ``S``, the probabilities solve a
system of polynomial indifference equations (:mod:`govgames.games.nplayer.polynomial`). This
module lists the support profiles worth solving and bounds the work.

Pruning follows Porter, Nudelman and Shoham (2008): supports are instantiated one player at a
time, and after each choice the *iterated removal of strictly dominated strategies conditional on
the domain* (IRSDS) shrinks the strategy sets still open to the later players. A strategy ``s``
of player ``i`` is conditionally dominated given the others' sets ``R_{-i}`` when another pure
strategy ``s'`` of player ``i`` pays strictly more against every profile in ``R_{-i}``; it is
then never a best response to a mixed profile with support in ``R_{-i}``. If a strategy of an
already chosen support is removed, the whole branch is abandoned. Gambit's ``enumpoly`` prunes
its candidate supports in the same spirit.

The cost of solving one support profile is governed by the number of complex solutions of its
indifference system. The equations of player ``i`` are multilinear in the other players'
probabilities, so that number is at most the multihomogeneous Bezout number of McKelvey and
McLennan (1997): with ``d_i = |S_i| - 1``, the coefficient of ``z_1^{d_1} ... z_N^{d_N}`` in
``prod_i (sum_{j != i} z_j)^{d_i}`` (2 for a 2x2x2 game, 10 for a 3x3x3 game, and the maximal
number of totally mixed equilibria of a generic game with these supports).

References
----------
.. [1] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for finding a Nash
   equilibrium", *Games and Economic Behavior* 63 (2008), 642-662.
.. [2] R. D. McKelvey and A. McLennan, "The maximal number of regular totally mixed Nash
   equilibria", *Journal of Economic Theory* 72 (1997), 411-425.
.. [3] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software Tools for Game
   Theory*, ``enumpoly``, http://www.gambit-project.org.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from math import comb, prod
from typing import Iterator, Sequence

import numpy as np

__all__ = ["bezout_number", "EnumerationCost", "enumeration_cost", "candidate_supports",
           "support_count", "support_weakly_dominated"]


@lru_cache(maxsize=4096)
def _bezout(d: tuple) -> int:
    # dynamic programme over the factors (sum_{j != i} z_j)^{d_i}, keeping exponent vectors
    # that do not exceed d; the answer is the coefficient of z^d.
    n = len(d)
    states = {tuple([0] * n): 1}
    for i, di in enumerate(d):
        for _ in range(di):
            nxt: dict = {}
            for e, c in states.items():
                for j in range(n):
                    if j != i and e[j] < d[j]:
                        f = e[:j] + (e[j] + 1,) + e[j + 1:]
                        nxt[f] = nxt.get(f, 0) + c
            states = nxt
    return states.get(tuple(d), 0)


def bezout_number(support_sizes: Sequence[int]) -> int:
    """Multihomogeneous Bezout number of the indifference system of a support profile.

    It bounds the number of isolated complex solutions, hence of isolated equilibria with
    these support sizes (McKelvey and McLennan 1997).

    Parameters
    ----------
    support_sizes : sequence of int
        ``|S_i|`` for each player (each at least 1).

    Returns
    -------
    int
        The coefficient of ``prod_j z_j^{d_j}`` in ``prod_i (sum_{j != i} z_j)^{d_i}``,
        ``d_i = |S_i| - 1`` (1 for a pure profile).

    References
    ----------
    R. D. McKelvey and A. McLennan, *J. Econ. Theory* 72 (1997), 411-425.

    Examples
    --------
    >>> bezout_number((2, 2, 2)), bezout_number((3, 3, 3)), bezout_number((2, 2, 2, 2))
    (2, 10, 9)
    >>> bezout_number((3, 3)), bezout_number((3, 2))  # two players: 1 if the sizes match
    (1, 0)
    """
    return _bezout(tuple(int(k) - 1 for k in support_sizes))


@dataclass(frozen=True)
class EnumerationCost:
    """Size of a support enumeration, before any pruning.

    Attributes
    ----------
    supports : int
        Number of support profiles, ``prod_i (2^{a_i} - 1)``.
    total_degree : int
        Sum over all support profiles of their :func:`bezout_number` (the number of complex
        solutions to be found and checked, at most).
    max_degree : int
        Largest :func:`bezout_number` of one support profile.
    """

    supports: int
    total_degree: int
    max_degree: int

    @property
    def cost(self) -> int:
        """One number to compare with a budget: ``supports + total_degree``."""
        return self.supports + self.total_degree


def support_count(shape: Sequence[int]) -> int:
    """Number of support profiles of a game with ``shape`` strategies per player.

    >>> support_count((2, 2, 2)), support_count((3, 3, 3))
    (27, 343)
    """
    return prod((1 << int(a)) - 1 for a in shape)


def enumeration_cost(shape: Sequence[int]) -> EnumerationCost:
    """Worst-case cost of enumerating the supports of a game of the given shape.

    Computed from the support sizes only (``prod_i a_i`` size vectors, each weighted by the
    number of supports with those sizes), so it is cheap even when the enumeration is not.

    Parameters
    ----------
    shape : sequence of int
        Number of strategies of each player.

    Returns
    -------
    EnumerationCost

    Examples
    --------
    >>> enumeration_cost((2, 2, 2))
    EnumerationCost(supports=27, total_degree=16, max_degree=2)
    >>> enumeration_cost((3, 3, 3)).max_degree
    10
    """
    return _enumeration_cost(tuple(int(a) for a in shape))


@lru_cache(maxsize=64)
def _enumeration_cost(shape: tuple) -> EnumerationCost:
    """:func:`enumeration_cost` of a tuple of ints (cached: games of one shape share it)."""
    total = 0
    biggest = 0
    for sizes in itertools.product(*(range(1, a + 1) for a in shape)):
        b = bezout_number(sizes)
        count = prod(comb(a, k) for a, k in zip(shape, sizes))
        total += count * b
        biggest = max(biggest, b)
    return EnumerationCost(support_count(shape), total, biggest)


class _Dominance:
    """Conditional dominance tests with bit masks (pure Python integers).

    The others' pure profiles of player ``i`` are numbered ``0 .. M_i - 1``; a set of them is a
    bit mask. ``strict[i][s]`` lists, for each other own strategy ``s'``, the mask of profiles
    where ``s'`` pays more than ``s`` by more than ``tol``: ``s`` is dominated given the
    others' domains exactly when, for some ``s'``, the product of those domains is inside that
    mask. ``cyl[i][j][d]`` is the mask of profiles where player ``j`` plays a strategy of the
    set ``d`` (itself a bit mask), so the product of domains is an AND of cylinders.
    """

    def __init__(self, payoffs: np.ndarray, tol: float):
        n = payoffs.shape[0]
        shape = payoffs.shape[1:]
        self.n = n
        self.cyl = _cylinders(tuple(int(a) for a in shape))
        self.beats = []
        for i in range(n):
            perm = (i,) + tuple(j for j in range(n) if j != i)
            own = payoffs[i].transpose(perm).reshape(shape[i], -1)
            better = _masks(own[:, None, :] > own[None, :, :] + tol)  # [s', s]
            self.beats.append([[better[t][s] for t in range(shape[i]) if t != s]
                               for s in range(shape[i])])

    def irsds(self, domain: list, fixed: int, changed: int | None = None):
        """Iterated removal of conditionally strictly dominated strategies (Porter et al.
        2008) on ``domain`` (one bit mask of strategies per player); players ``0 .. fixed-1``
        keep theirs or the branch fails (``None`` is returned).

        Whether a strategy of player ``i`` is dominated depends on the other players' sets
        only, so a player is tested again only after another player's set shrank. When
        ``domain`` is a fixed point of this removal except that player ``changed``'s set was
        then shrunk, only the other players are tested first. Strict dominance keeps holding
        on smaller domains, so the result (the largest fixed point inside ``domain``) does not
        depend on the order of the tests.
        """
        domain = list(domain)
        n, cyl, beats = self.n, self.cyl, self.beats
        pending = [i for i in range(n) if i != changed]
        while pending:
            i = pending.pop()
            prod_mask = -1
            for j, table in cyl[i].items():
                prod_mask &= table[domain[j]]
            d = keep = domain[i]
            beaten = beats[i]
            while d:
                low = d & -d
                d ^= low
                for b in beaten[low.bit_length() - 1]:
                    if prod_mask & b == prod_mask:  # beaten on the whole domain
                        keep ^= low
                        break
            if keep != domain[i]:
                if i < fixed or not keep:
                    return None
                domain[i] = keep
                pending = [j for j in range(n) if j != i]
        return domain


@lru_cache(maxsize=64)
def _cylinders(shape: tuple) -> list:
    """``cyl[i][j][d]`` of :class:`_Dominance` for a game of this shape: the bit mask of the
    others' pure profiles (numbered as player ``i`` sees them) where player ``j`` plays a
    strategy of the set ``d`` (a bit mask). Depends on the shape only, so cached."""
    out = []
    for i in range(len(shape)):
        others = [j for j in range(len(shape)) if j != i]
        # one player: no others, a single (empty) profile of theirs
        grid = np.indices([shape[j] for j in others]).reshape(len(others), -1 if others else 1)
        cyl = {}
        for k, j in enumerate(others):
            single = _masks(grid[k][None, :] == np.arange(shape[j])[:, None])
            table = [0] * (1 << shape[j])
            for d in range(1, 1 << shape[j]):
                low = d & -d
                table[d] = table[d ^ low] | single[low.bit_length() - 1]
            cyl[j] = table
        out.append(cyl)
    return out


def _masks(flags: np.ndarray):
    """Bit masks (Python ints) of a boolean array along its last axis, as nested lists."""
    packed = np.packbits(flags, axis=-1, bitorder="little")
    width = packed.shape[-1]
    raw = packed.tobytes()
    flat: list = [int.from_bytes(raw[k:k + width], "little") for k in range(0, len(raw), width)]
    lead = flags.shape[:-1]
    if not lead:
        return flat[0]
    for size in reversed(lead[1:]):
        flat = [flat[k:k + size] for k in range(0, len(flat), size)]
    return flat


@lru_cache(maxsize=1024)
def _bits(d: int) -> tuple:
    """The positions of the set bits of ``d``, in increasing order."""
    return tuple(k for k in range(d.bit_length()) if d >> k & 1)


def candidate_supports(payoffs: np.ndarray, tol: float = 0.0,
                       prune: bool = True) -> Iterator[tuple]:
    """Support profiles that survive conditional dominance, smallest first per player.

    Parameters
    ----------
    payoffs : numpy.ndarray, shape (n_players, a_1, ..., a_n)
        Numeric payoffs.
    tol : float
        A strategy counts as dominated only when beaten by more than ``tol`` everywhere (0 for
        exact rational payoffs given as floats that are exact; a small positive value guards
        against rounding).
    prune : bool
        False lists every support profile (for checks).

    Yields
    ------
    tuple of tuple of int
        ``(S_1, ..., S_N)``, each ``S_i`` a sorted tuple of strategy indices.

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham, *Games Econ. Behav.* 63 (2008), 642-662, algorithm 2.

    Examples
    --------
    In a prisoner's dilemma played by three, defection (strategy 1) strictly dominates, so the
    only candidate is the pure profile of defections:

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame.from_function(lambda p: [2 * (3 - sum(p)) - 3 * (1 - s) for s in p],
    ...                                  (2, 2, 2))
    >>> list(candidate_supports(g.numeric_payoffs()))
    [((1,), (1,), (1,))]
    >>> sum(1 for _ in candidate_supports(g.numeric_payoffs(), prune=False))
    27
    """
    A = np.asarray(payoffs, dtype=float)
    n = A.shape[0]
    shape = A.shape[1:]
    start = [(1 << a) - 1 for a in shape]
    dom = _Dominance(A, tol) if prune else None
    if dom is not None:
        pruned = dom.irsds(start, 0)
        if pruned is None:  # pragma: no cover - some strategy always survives
            return
        start = pruned

    def rec(i, domain):
        for S in _subsets(domain[i]):
            nxt = domain[:i] + [S] + domain[i + 1:]
            if dom is not None:
                kept = dom.irsds(nxt, i + 1, i)
                if kept is None:
                    continue
                nxt = kept
            if i == n - 1:
                yield tuple(_bits(d) for d in nxt)
            else:
                yield from rec(i + 1, nxt)

    yield from rec(0, start)


@lru_cache(maxsize=1024)
def _subsets(d: int) -> tuple:
    """The non-empty subsets of the bit mask ``d``, smallest first, then in lexicographic
    order of their positions."""
    items = _bits(d)
    return tuple(sum(1 << s for s in c) for k in range(1, len(items) + 1)
                 for c in itertools.combinations(items, k))


class _PayoffTables(list):
    """Payoffs per player (the list itself) with what the tests of every support profile read
    of them, computed once per game: each player's payoffs with the own strategies on the first
    axis, as floats (``own_first``) and exactly (``own_first_exact``: int64 when the payoffs
    are integers below ``2**62`` in magnitude, so that differences are exact, else objects), the
    largest magnitude (``bound``, an integer, and ``scale``, a float at least 1)."""

    def __init__(self, payoffs: Sequence[np.ndarray]):
        super().__init__(payoffs)
        arrays = [np.asarray(U) for U in payoffs]
        n = len(arrays)
        perms = [(i,) + tuple(j for j in range(n) if j != i) for i in range(n)]
        # exact largest |payoff| (numpy's max/min of Python ints, compared exactly)
        self.bound = max(max(int(np.max(U)), -int(np.min(U))) for U in arrays)
        floats = [U.astype(float) for U in arrays]
        self.scale = max(1.0, max(float(np.abs(U).max()) for U in floats))
        self.own_first = [U.transpose(p) for U, p in zip(floats, perms)]
        machine = all(U.dtype.kind in "iu" for U in arrays) and self.bound < 2 ** 62
        self.own_first_exact = [(U if machine else U.astype(object)).transpose(p)
                                for U, p in zip(arrays, perms)]


def _payoff_tables(payoffs: Sequence[np.ndarray]) -> _PayoffTables:
    """``payoffs`` with their per-game tables (:class:`_PayoffTables`); pass the result to the
    support tests of one game (:func:`support_weakly_dominated`,
    :func:`~govgames.games.nplayer.exclusion.support_excluded`,
    :func:`~govgames.games.nplayer.certified.certified_support_points`) instead of the bare
    list, which each call would read again."""
    return payoffs if isinstance(payoffs, _PayoffTables) else _PayoffTables(payoffs)


def _restrict(A: np.ndarray, i: int, support: tuple) -> np.ndarray:
    """Player ``i``'s payoffs ``A`` (own strategies first, then the other players in order)
    restricted to the other players' supports."""
    axis = 1
    for j, S in enumerate(support):
        if j != i:
            A = A.take(S, axis=axis)
            axis += 1
    return A


def support_weakly_dominated(payoffs: Sequence[np.ndarray], support: tuple) -> tuple | None:
    """A proof that no equilibrium has exactly ``support``: a used strategy that is weakly
    beaten, with one strict inequality, against the others' supports.

    With exactly the support ``S``, every pure profile of ``S_{-i}`` has positive probability.
    So if some strategy ``t`` of player ``i`` pays at least as much as a strategy ``s`` of
    ``S_i`` against every profile of ``S_{-i}``, and strictly more against one, then ``t`` earns
    strictly more than ``s`` at every mixed profile with support ``S``: ``s`` is never a best
    response there. This conditional weak dominance (the weak form of the pruning of Porter,
    Nudelman and Shoham 2008) is decided exactly and settles most supports whose indifference
    equations have a positive-dimensional solution set without equilibria (games with ties).

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Exact payoffs (integers or Fractions) per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.

    Returns
    -------
    tuple of int or None
        ``(i, s, t)``: player ``i``'s used strategy ``s`` is beaten by ``t``; None when no
        used strategy is beaten this way (the support may or may not carry an equilibrium).

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham, *Games Econ. Behav.* 63 (2008), 642-662.

    Examples
    --------
    Player 1 gains by switching to ``s2`` whenever player 3 puts positive weight on ``s2``:

    >>> P = np.zeros((3, 2, 2, 2), dtype=int)
    >>> P[0, 1, :, 1] = 1
    >>> support_weakly_dominated(list(P), ((0,), (1,), (0, 1)))
    (0, 0, 1)
    >>> support_weakly_dominated(list(P), ((0,), (1,), (0,))) is None
    True
    """
    tables = _payoff_tables(payoffs)
    for i, Si in enumerate(support):
        U = tables.own_first_exact[i]
        R = _restrict(U, i, support).reshape(U.shape[0], -1)
        found = _weakly_beaten(R, Si)
        if found is not None:
            return i, int(found[0]), int(found[1])
    return None


def _weakly_beaten(R: np.ndarray, used) -> tuple | None:
    """The first ``(s, t)``, ``s`` in ``used`` (in order) then ``t``, with row ``R[t]`` at least
    ``R[s]`` everywhere and above it somewhere (``R``: exact numbers, own strategies first)."""
    if R.dtype != object:  # machine integers: exact differences, one vectorised comparison
        D = R[None, :, :] - R[list(used)][:, None, :]  # [s, t, profile]
        hit = (D >= 0).all(axis=2) & (D > 0).any(axis=2)
        if hit.any():
            k, t = np.argwhere(hit)[0]
            return used[k], t
        return None
    for s in used:
        for t in range(R.shape[0]):
            if t != s:
                d = R[t] - R[s]
                if all(x >= 0 for x in d) and any(x > 0 for x in d):
                    return s, t
    return None
