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
from ._exact import BimatrixData, bimatrix_data, make_equilibrium, normalise, reduce_vector

__all__ = ["vertex_enumeration", "polytope_vertices", "best_response_polytope_vertices"]


def polytope_vertices(M) -> list[tuple[tuple[int, ...], int, int]]:
    """Every vertex of ``{z >= 0, M z <= 1}`` for an integer matrix ``M`` (k x d), bounded.

    ``M`` must be non-negative with a positive entry in every column (so the polytope is
    bounded); the payoff matrices of :func:`~govgames.games.twoplayer._exact.bimatrix_data` are positive.

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
    # Dictionary form of the integer tableau: column q of D is the nonbasic variable
    # nonbasic[q], the last column is the right-hand side, det is the common denominator.
    # (The columns of basic variables are det * unit vectors and are not stored.)
    D = np.zeros((k, d + 1), dtype=object)
    D[:, :d] = M
    D[:, d] = 1
    basis = list(range(d, d + k))
    nonbasic = list(range(d))
    start_key = sum(1 << b for b in basis)
    seen_bases = {start_key}
    # depth-first search; a stack entry is a parent dictionary and the pivot (r, q) that leads
    # to an unvisited basis, done only when the entry is popped (siblings share the parent)
    stack = [(D, 1, basis, nonbasic, None, None, start_key)]
    vertices: dict = {}
    all_vars = (1 << (d + k)) - 1
    cols = list(range(d))
    while stack:
        D, det, basis, nonbasic, r, q, key = stack.pop()
        if r is not None:
            p = D[r, q]
            D2 = (D * p - np.multiply.outer(D[:, q], D[r, :])) // det
            D2[r, :] = D[r, :]
            D2[:, q] = -D[:, q]
            D2[r, q] = det
            basis, nonbasic = list(basis), list(nonbasic)
            basis[r], nonbasic[q] = nonbasic[q], basis[r]
            D, det = D2, p
        rhs_col = D[:, d]
        zero_mask = all_vars & ~key
        for r, b in enumerate(basis):
            if rhs_col[r] == 0:
                zero_mask |= 1 << b
        # a vertex is the only point where its set of tight constraints is tight, so the set
        # of zero variables identifies it (several bases may describe one degenerate vertex)
        if zero_mask not in vertices:
            nums = [0] * d
            for r, b in enumerate(basis):
                if b < d:
                    nums[b] = rhs_col[r]
            vertices[zero_mask] = reduce_vector(nums, det)
        for q, r in zip(cols, _ratio_rows(D, det, basis, nonbasic, d, k)):
            if r is None:  # cannot happen for a bounded polytope; kept as a guard
                continue
            c = nonbasic[q]
            nkey = (key & ~(1 << basis[r])) | (1 << c)
            if nkey in seen_bases:
                continue
            seen_bases.add(nkey)
            stack.append((D, det, basis, nonbasic, r, q, nkey))
    return [(nums, den, mask) for mask, (nums, den) in vertices.items()]


def _ratio_rows(D, det, basis, nonbasic, d, k) -> list:
    """Leaving row of the lexicographic minimum-ratio test for every nonbasic column of ``D``.

    Floats screen the candidates (rows within a relative ``1e-9`` of the minimum ratio, which
    always contain the exact minimisers); ties are broken exactly by the lexicographic rule on
    the columns of the initial slack basis (the basis inverse), so every pivot stays
    lexicographically feasible and the search walks a simple (perturbed) polytope.
    """
    try:
        Df = D.astype(float)
        if not np.abs(Df).max() < 1e150:  # keep quotients far from under- and overflow
            Df = None
    except OverflowError:  # integers beyond float range: exact test for every row
        Df = None
    if Df is not None:
        C = Df[:, :d]
        pos = C > 0
        R = np.where(pos, Df[:, d][:, None] / np.where(pos, C, 1.0), np.inf)
        mn = R.min(axis=0)
        cand = pos & (R <= mn * (1 + 1e-9))
        count = cand.sum(axis=0)
        first = cand.argmax(axis=0)
    out = []
    for q in range(d):
        if Df is not None:
            if count[q] == 0:
                out.append(None)
                continue
            if count[q] == 1:
                out.append(int(first[q]))
                continue
            rows = [int(i) for i in np.flatnonzero(cand[:, q])]
        else:
            rows = [i for i in range(k) if D[i, q] > 0]
            if not rows:
                out.append(None)
                continue
        out.append(_lex_min(D, det, basis, nonbasic, d, k, q, rows))
    return out


def _lex_min(D, det, basis, nonbasic, d, k, q, rows) -> int:
    """Exact lexicographic minimum ratio among ``rows`` for entering column ``q``."""
    colv = D[:, q]
    pos_nb = {v: j for j, v in enumerate(nonbasic)}
    pos_b = {v: r for r, v in enumerate(basis)}
    # key columns: right-hand side, then the slack variables d..d+k-1 in order
    for key in (-1, *range(d, d + k)):
        if len(rows) == 1:
            break
        if key == -1:
            vec = D[:, d]
        elif key in pos_nb:
            vec = D[:, pos_nb[key]]
        else:  # basic slack: its column is det times a unit vector
            r0 = pos_b[key]
            vec = [det if i == r0 else 0 for i in range(k)]
        best = rows[0]
        ties = [best]
        for i in rows[1:]:
            lhs = vec[i] * colv[best]
            rhs = vec[best] * colv[i]
            if lhs < rhs:
                best, ties = i, [i]
            elif lhs == rhs:
                ties.append(i)
        rows = ties
    return rows[0]


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
                sel = np.flatnonzero((lq_all | np.uint64(lx)) == np.uint64(full))
                hits += [(a, int(b)) for b in sel]
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

    >>> from govgames.games import NormalFormGame
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
