"""Vertex enumeration: every extreme Nash equilibrium of a bimatrix game, in exact arithmetic.

With payoffs made positive, the best-response polytopes of a bimatrix game ``(A, B)`` of size
``m x n`` are ``P = {x in R^m : x >= 0, B^T x <= 1}`` and ``Q = {y in R^n : A y <= 1, y >= 0}``.
A point carries label ``i`` (a row) when ``x_i = 0`` in ``P`` or row ``i`` is a best response
(``(A y)_i = 1``) in ``Q``, and label ``m + j`` (a column) when column ``j`` is a best response
(``(B^T x)_j = 1``) in ``P`` or ``y_j = 0`` in ``Q``. The extreme equilibria are the pairs of
vertices ``(x, y) != (0, 0)`` whose labels together cover all ``m + n`` labels, normalised to
probabilities (von Stengel 2007, Theorem 3.4). In a degenerate game the equilibria can form
continua; their extreme points are exactly these vertex pairs, which is what Gambit's
``enummixed`` and lrsnash list.

The vertices of each polytope are enumerated by a graph search over its *lexicographically
feasible* bases: integer pivoting with the lexicographic minimum-ratio test walks the vertices of
the (symbolically) perturbed polytope ``{z >= 0, M z <= 1 + (eps, eps^2, ...)}``, which is simple
and connected, and every vertex of the real polytope is the limit of at least one of them (the
same device as Avis' lrs). All arithmetic is on Python integers, so degenerate vertices, ties and
huge payoffs are decided exactly; label sets are read from the exact basic solution (a basic
variable that is zero gives an extra label). Nothing is rounded, and every output is a certified
equilibrium.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", *Economic Theory* 42 (2010), 9-37.
.. [3] D. Avis, "A revised implementation of the reverse search vertex enumeration algorithm",
   in *Polytopes - Combinatorics and Computation*, Birkhauser, 2000, 177-198.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..equilibrium import Equilibrium
from ..game import NormalFormGame
from ._exact import (BimatrixData, bimatrix_data, lex_min_ratio_rows, make_equilibrium, normalise,
                     pivot, reduce_vector)

__all__ = ["vertex_enumeration", "polytope_vertices", "best_response_polytope_vertices"]


def polytope_vertices(M) -> list[tuple[tuple[int, ...], int, int]]:
    """Every vertex of ``{z >= 0, M z <= 1}`` for a positive integer matrix ``M`` (k x d).

    Returns a list of ``(numerators, denominator, zero_mask)``: the vertex is
    ``numerators / denominator`` (reduced), and bit ``v`` of ``zero_mask`` is set when variable
    ``v`` is zero there, variables ``0..d-1`` being the coordinates ``z`` and ``d..d+k-1`` the
    slacks of the ``k`` inequalities (slack zero = inequality tight).

    Examples
    --------
    The triangle ``z >= 0, z1 + z2 <= 1`` (written twice, so the two outer vertices are
    degenerate):

    >>> sorted(polytope_vertices([[1, 1], [1, 1]]))
    [((0, 0), 1, 3), ((0, 1), 1, 13), ((1, 0), 1, 14)]
    """
    M = np.array([[int(v) for v in row] for row in M], dtype=object)
    k, d = M.shape
    width = d + k + 1
    T = np.zeros((k, width), dtype=object)
    T[:, :d] = M
    for i in range(k):
        T[i, d + i] = 1
        T[i, -1] = 1
    rhs = width - 1
    inv_cols = list(range(d, d + k))
    basis = list(range(d, d + k))
    start_key = sum(1 << b for b in basis)
    seen_bases = {start_key}
    stack = [(T, 1, basis, start_key)]
    vertices: dict = {}
    all_vars = (1 << (d + k)) - 1
    while stack:
        T, det, basis, key = stack.pop()
        rhs_col = T[:, rhs]
        zero_mask = all_vars & ~key
        nums = [0] * d
        for r, b in enumerate(basis):
            val = rhs_col[r]
            if val == 0:
                zero_mask |= 1 << b
            elif b < d:
                nums[b] = val
        vkey = reduce_vector(nums, det)
        if vkey not in vertices:
            vertices[vkey] = zero_mask
        cols = [c for c in range(d + k) if not key >> c & 1]
        for c, r in zip(cols, lex_min_ratio_rows(T, cols, rhs, inv_cols)):
            if r is None:  # cannot happen for a bounded polytope; kept as a guard
                continue
            nkey = (key & ~(1 << basis[r])) | (1 << c)
            if nkey in seen_bases:
                continue
            seen_bases.add(nkey)
            T2, det2 = pivot(T, det, r, c)
            nb = list(basis)
            nb[r] = c
            stack.append((T2, det2, nb, nkey))
    return [(nums, den, mask) for (nums, den), mask in vertices.items()]


def best_response_polytope_vertices(data: BimatrixData) -> tuple[list, list]:
    """Vertices of ``P`` and ``Q`` with their label masks in the game's labelling.

    Returns two lists of ``(numerators, denominator, labels)``; bit ``i < m`` of ``labels`` is
    row ``i``, bit ``m + j`` is column ``j``.
    """
    m, n = data.m, data.n
    P = polytope_vertices(data.B.T)  # z = x (m vars: labels 0..m-1), slacks: columns m..m+n-1
    Qraw = polytope_vertices(data.A)  # z = y (n vars: labels m..), slacks: rows 0..m-1
    low_n = (1 << n) - 1
    Q = [(nums, den, ((mask & low_n) << m) | (mask >> n)) for nums, den, mask in Qraw]
    return P, Q


def _pairs(P, Q, m, n):
    """Index pairs (p, q) of non-zero vertices whose labels cover all m + n labels.

    A vertex with exactly ``m`` (``n``) labels can only pair with the vertex carrying exactly the
    complementary labels or with a degenerate vertex (more labels); those are found by a
    dictionary lookup and a scan of the (usually few) degenerate vertices. Degenerate vertices
    of ``P`` are compared with every vertex of ``Q``.
    """
    full = (1 << (m + n)) - 1
    Pn = [v for v in P if any(v[0])]
    Qn = [v for v in Q if any(v[0])]
    if not Pn or not Qn:
        return Pn, Qn, []
    q_by_labels: dict = {}
    q_deg = []
    for b, v in enumerate(Qn):
        if bin(v[2]).count("1") > n:
            q_deg.append(b)
        else:
            q_by_labels.setdefault(v[2], []).append(b)
    small = m + n <= 63
    if small:
        lq_all = np.array([v[2] for v in Qn], dtype=np.uint64)
        lq_deg = lq_all[q_deg] if q_deg else None
    hits = []
    for a, vp in enumerate(Pn):
        lx = vp[2]
        comp = full & ~lx
        if bin(lx).count("1") > m:  # degenerate vertex: scan all of Q
            if small:
                hits += [(a, int(b)) for b in np.flatnonzero((lq_all | np.uint64(lx)) == np.uint64(full))]
            else:
                hits += [(a, b) for b, vq in enumerate(Qn) if vq[2] | lx == full]
            continue
        for b in q_by_labels.get(comp, ()):
            hits.append((a, b))
        if q_deg:
            if small:
                sel = np.flatnonzero((lq_deg | np.uint64(lx)) == np.uint64(full))
                hits += [(a, q_deg[int(s)]) for s in sel]
            else:
                hits += [(a, b) for b in q_deg if Qn[b][2] | lx == full]
    return Pn, Qn, hits


def _sort_key(e: Equilibrium):
    return tuple(-p for p in e.exact_profile[0]) + tuple(-p for p in e.exact_profile[1])


def vertex_enumeration(game: NormalFormGame) -> Iterator[Equilibrium]:
    """Every extreme Nash equilibrium of a 2-player game, in exact arithmetic.

    Enumerates the vertices of both best-response polytopes exactly (integer pivoting with the
    lexicographic ratio test, so degenerate vertices are handled) and pairs the completely
    labelled ones. For a nondegenerate game this is every equilibrium; for a degenerate game it
    is every extreme point of every equilibrium component (what Gambit's ``enummixed`` and lrs
    return). Each result carries its exact profile and payoffs.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric (rational or float) payoffs.

    Yields
    ------
    Equilibrium
        Sorted deterministically (larger first probabilities of player 1 first).

    Raises
    ------
    InputError
        When the game does not have two players.
    FreeParametersError
        When the payoffs hold free parameters.

    References
    ----------
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007), Algorithm 3.5; D. Avis et al.,
    *Economic Theory* 42 (2010) 9-37.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> from games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> for e in vertex_enumeration(g):
    ...     print(e)
    Player 1: s1; Player 2: s1  (payoffs 2, 1)
    Player 1: 2/3 s1 + 1/3 s2; Player 2: 1/3 s1 + 2/3 s2  (payoffs 2/3, 2/3)
    Player 1: s2; Player 2: s2  (payoffs 1, 2)

    A degenerate game: against the row player's first strategy the column player is indifferent,
    so the equilibria form a segment, listed by its two end points:

    >>> h = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]])
    >>> [str(e) for e in vertex_enumeration(h)]
    ['Player 1: s1; Player 2: s1  (payoffs 1, 1)', 'Player 1: s1; Player 2: 1/2 s1 + 1/2 s2  (payoffs 1, 1)']
    """
    data = bimatrix_data(game, "vertex enumeration")
    yield from _vertex_equilibria(data)


def _vertex_equilibria(data: BimatrixData, polytopes=None) -> list[Equilibrium]:
    m, n = data.m, data.n
    P, Q = polytopes if polytopes is not None else best_response_polytope_vertices(data)
    Pn, Qn, hits = _pairs(P, Q, m, n)
    out = []
    seen = set()
    for a, b in hits:
        x = normalise(Pn[a][0])
        y = normalise(Qn[b][0])
        if (x, y) in seen:
            continue
        seen.add((x, y))
        out.append(make_equilibrium(data, x, y))
    out.sort(key=_sort_key)
    return out
