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
           "support_count"]


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
    shape = tuple(int(a) for a in shape)
    total = 0
    biggest = 0
    for sizes in itertools.product(*(range(1, a + 1) for a in shape)):
        b = bezout_number(sizes)
        count = prod(comb(a, k) for a, k in zip(shape, sizes))
        total += count * b
        biggest = max(biggest, b)
    return EnumerationCost(support_count(shape), total, biggest)


def _others_block(U: np.ndarray, i: int, domain: Sequence[Sequence[int]]) -> np.ndarray:
    """Player ``i``'s payoffs, own strategies x the others' profiles restricted to ``domain``."""
    idx = tuple(np.asarray(d) if j != i else slice(None) for j, d in enumerate(domain))
    block = U[np.ix_(*[np.arange(U.shape[j]) if j == i else np.asarray(domain[j])
                       for j in range(U.ndim)])]
    del idx
    return np.moveaxis(block, i, 0).reshape(U.shape[i], -1)


def _dominated(M: np.ndarray, s: int, tol: float) -> bool:
    """True when some row of ``M`` beats row ``s`` by more than ``tol`` in every column."""
    return bool(np.any(np.all(M > M[s] + tol, axis=1)))


def _irsds(U, domain, fixed, tol):
    """Iterated removal of conditionally strictly dominated strategies (Porter et al. 2008).

    ``domain`` is a list of lists of strategy indices; players in ``fixed`` keep theirs or the
    branch fails (``None`` is returned).
    """
    domain = [list(d) for d in domain]
    changed = True
    while changed:
        changed = False
        for i in range(len(domain)):
            M = _others_block(U[i], i, domain)
            keep = [s for s in domain[i] if not _dominated(M, s, tol)]
            if len(keep) < len(domain[i]):
                if i in fixed or not keep:
                    return None
                domain[i] = keep
                changed = True
    return domain


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
    U = np.asarray(payoffs, dtype=float)
    n = U.shape[0]
    shape = U.shape[1:]
    start = [list(range(a)) for a in shape]
    if prune:
        start = _irsds(U, start, set(), tol)
        if start is None:  # pragma: no cover - some strategy always survives
            return

    def subsets(d):
        for k in range(1, len(d) + 1):
            yield from itertools.combinations(d, k)

    def rec(i, domain):
        for S in subsets(domain[i]):
            nxt = domain[:i] + [list(S)] + domain[i + 1:]
            if prune:
                nxt = _irsds(U, nxt, set(range(i + 1)), tol)
                if nxt is None:
                    continue
            if i == n - 1:
                yield tuple(tuple(d) for d in nxt)
            else:
                yield from rec(i + 1, nxt)

    yield from rec(0, start)
