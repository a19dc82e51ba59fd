"""Connected sets of equilibria from the supports that support enumeration solves.

Support enumeration finds the equilibria support by support; a connected set of equilibria can
span many supports. One case is decided exactly and cheaply: a support profile ``T`` is an
*equilibrium face* when, for every player ``i`` and every pure profile of the others' strategies
in ``T``, every strategy of ``T_i`` is a best response (:func:`equilibrium_face`). The payoffs are
multilinear, so a payoff difference that is non-negative at the vertices of the product of
simplices is non-negative on all of it: every profile whose support lies in ``T`` (``S_i`` a
subset of ``T_i`` for every player) is then an equilibrium, and the closed face ``F(T)`` is a
connected set of equilibria (the condition is also necessary: the vertices are in it). Two closed
faces meet exactly when ``T_i`` and ``T'_i`` intersect for every player, and a union of connected
sets chained by non-empty intersections is connected; so the equilibrium faces are grouped by the
transitive closure of that relation (:func:`face_groups`, a union-find), and each group, together
with the equilibria of other supports lying in it, is one connected set of equilibria, which no
other equilibrium face meets.

Continua of other supports (a curve cut out by non-trivial indifference equations) are left as
they are: whether their closures meet one another or a face is a question about real algebraic
sets that is not decided here.

References
----------
.. [1] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142 (components of
   equilibria in degenerate games).
.. [2] R. E. Tarjan, "Efficiency of a good but not linear set union algorithm", *Journal of
   the ACM* 22 (1975), 215-225.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["equilibrium_face", "face_groups", "in_face"]


def equilibrium_face(payoffs: Sequence[np.ndarray], support: tuple) -> bool:
    """Whether every profile whose support lies in ``support`` is an equilibrium: for every
    player, each of its strategies in ``support`` is a best response to every pure profile of
    the other players' strategies in ``support``.

    Payoffs are multilinear in the players' probabilities, so the payoff advantage of a used
    strategy over any other, non-negative at every such pure profile, is non-negative at every
    mixed profile of the face (a convex combination of them); and the pure profiles are in the
    face, so the condition is also necessary. The closed face is then a connected set of
    equilibria.

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Exact (integer or rational) payoffs per player, each of shape ``(a_1, ..., a_N)``.
    support : tuple of tuple of int
        The support profile ``(T_1, ..., T_N)``.

    Returns
    -------
    bool

    Examples
    --------
    >>> P = [np.array([[2, 2], [0, 1]]), np.array([[1, 1], [0, 2]])]
    >>> equilibrium_face(P, ((0,), (0, 1))), equilibrium_face(P, ((1,), (0, 1)))
    (True, False)
    """
    n = len(support)
    for i in range(n):
        U = np.asarray(payoffs[i])
        axes = [range(U.shape[j]) if j == i else list(support[j]) for j in range(n)]
        block = np.moveaxis(U[np.ix_(*axes)], i, 0)  # own strategies first
        if not (block[list(support[i])] == block.max(axis=0)).all():
            return False
    return True


def in_face(support: tuple, face: tuple) -> bool:
    """Whether ``support`` lies in the closed face of ``face`` (``S_i`` a subset of ``T_i`` for
    every player).

    Examples
    --------
    >>> in_face(((0,), (1,)), ((0, 1), (1,))), in_face(((0,), (0,)), ((0, 1), (1,)))
    (True, False)
    """
    return all(set(S) <= set(T) for S, T in zip(support, face))


def face_groups(faces: list) -> list:
    """The equilibrium faces grouped into connected sets: two closed faces meet when their
    supports intersect for every player (their common sub-face), and the groups are the
    classes of the transitive closure of that relation (union-find, Tarjan 1975).

    Parameters
    ----------
    faces : list of tuple of tuple of int
        Support profiles of equilibrium faces (:func:`equilibrium_face`).

    Returns
    -------
    list of list of int
        Indices into ``faces``, one list per group, groups in the order of their first face.

    Examples
    --------
    >>> face_groups([((0, 1), (0,)), ((1, 2), (0, 1)), ((2,), (1,)), ((3,), (0, 1))])
    [[0, 1, 2], [3]]
    """
    parent = list(range(len(faces)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    sets = [[set(T) for T in F] for F in faces]
    for a in range(len(faces)):
        for b in range(a):
            if root(a) != root(b) and all(x & y for x, y in zip(sets[a], sets[b])):
                parent[root(a)] = root(b)
    groups: dict = {}
    for k in range(len(faces)):
        groups.setdefault(root(k), []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])
