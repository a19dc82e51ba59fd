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
same device as Avis' lrs). The walk runs in a compiled (numba) kernel, see
:mod:`._vertex_kernel`: exact 64-bit integer pivoting with overflow detection when the payoffs
are small, otherwise floating-point pivoting *verified at every basis* (a rigorous bound on the
error of every dictionary entry proves that the vertex is nondegenerate and that each
lexicographic ratio test has a unique winner); a basis that neither decides is handed to
unbounded Python integers. So degenerate vertices, ties and huge payoffs are decided exactly;
label sets are read from the exact basic solution (a basic variable that is zero gives an extra
label), the coordinates of the matched vertices are computed exactly, and every output is a
certified equilibrium. Without numba, or for ``m + n > 63``, a pure-Python enumerator with
unbounded integers does the same walk.

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

from fractions import Fraction
from typing import Iterator

import numpy as np

from ..budget import (best_response_polytopes_cost, check_listing, check_work, max_work,
                      support_enumeration_cost)
from ..equilibrium import Equilibrium, EquilibriumList, equilibrium_sort_key
from ..game import NormalFormGame
from ._exact import (LISTING_HINT, BimatrixData, bimatrix_data, make_equilibrium, normalise, reduce_vector,
                     solve_square)

__all__ = ["vertex_enumeration", "vertex_enumeration_gen", "polytope_vertices", "best_response_polytope_vertices", "Polytope"]


def _polytope_vertices_python(M) -> list[tuple[tuple[int, ...], int, int]]:
    """Every vertex of ``{z >= 0, M z <= 1}`` for an integer matrix ``M`` (k x d), bounded.

    The pure-Python enumerator (unbounded integers throughout): used when ``d + k > 63`` and
    as an independent check of the compiled kernel in the tests.

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

    >>> sorted(_polytope_vertices_python([[1, 1], [1, 1]]))
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
    stack: list[tuple] = [(D, 1, basis, nonbasic, None, None, start_key)]
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
    out: list[int | None] = []
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


#: Largest number of variables ``d + k`` (= ``m + n``) handled by the compiled kernel (bases
#: and label sets are 64-bit masks); larger games use the pure-Python enumerator.
KERNEL_MAX_VARIABLES = 63

#: The compiled kernel hands a basis back to unbounded-integer Python when neither certified
#: floating point nor 64-bit integer pivoting can decide it; when more than this share of the
#: bases (and more than 200) needs that, the whole polytope is enumerated in Python instead.
PYTHON_SHARE_LIMIT = 0.05
PYTHON_MIN_BASES = 200

#: A floating-point dictionary obtained by more than this many pivots since it was last
#: computed from the slack basis is recomputed (bounds the growth of rounding errors; every
#: float dictionary is verified anyway, this only keeps verification from failing).
MAX_FLOAT_AGE = 64


def _exact_dictionary(M, key: int, d: int, k: int):
    """Exact integer dictionary of the basis ``key`` (bit mask of basic variables).

    Returns ``(D, det, basis, nonbasic)`` with ``det > 0`` (object arrays of Python int), by
    integer pivots from the slack basis.
    """
    D = np.zeros((k, d + 1), dtype=object)
    D[:, :d] = np.array([[int(v) for v in row] for row in M], dtype=object)
    D[:, d] = 1
    det = 1
    basis = list(range(d, d + k))
    nonbasic = list(range(d))
    for j in range(d):
        if not key >> j & 1:
            continue
        q = nonbasic.index(j)
        r = next(i for i, b in enumerate(basis) if b >= d and not key >> b & 1 and D[i, q] != 0)
        p = D[r, q]
        D2 = (D * p - np.multiply.outer(D[:, q], D[r, :])) // det
        D2[r, :] = D[r, :]
        D2[:, q] = -D[:, q]
        D2[r, q] = det
        D, det = D2, p
        basis[r], nonbasic[q] = nonbasic[q], basis[r]
    if det < 0:
        D, det = -D, -det
    return D, det, basis, nonbasic


class Polytope:
    """The vertices of ``P = {z >= 0, M z <= 1}`` found by the compiled kernel.

    Vertices are stored compactly (bit masks); exact coordinates are produced on demand by
    :meth:`coordinates` (from the kernel's exact integer dictionary, or by solving the
    vertex's tight system exactly when the kernel certified it in floating point).

    Parameters
    ----------
    M : list of list of int
        The positive integer matrix, shape (k, d).
    labels, bases, zero_masks : numpy uint64 arrays, shape (number of vertices,)
        As the attributes below.
    nums : numpy int64 array, shape (number of vertices, d)
        Integer numerators of the vertices found by integer pivoting.
    dens : numpy int64 array, shape (number of vertices,)
        Their denominators (0: not stored, recomputed exactly on demand).
    big : dict
        Index -> ``(numerators, denominator)`` of vertices found with unbounded integers.

    Attributes
    ----------
    M : list of list of int
        The positive integer matrix (k x d).
    labels : numpy uint64 array
        Label mask of each vertex in the game's labelling (bit ``i < m``: row ``i``).
    bases : numpy uint64 array
        One basis (bit mask of basic variables) of each vertex.
    zero_masks : numpy uint64 array
        Bit ``v`` is set when variable ``v`` is zero at the vertex.

    References
    ----------
    D. Avis (2000), lrs: a revised implementation of the reverse search vertex enumeration
    algorithm; B. von Stengel (2007), Equilibrium computation for two-player games.

    Examples
    --------
    >>> from govgames.games.twoplayer._exact import bimatrix_data
    >>> from govgames.games import NormalFormGame
    >>> data = bimatrix_data(NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]))
    >>> P, Q = best_response_polytope_vertices(data)
    >>> sorted(P.coordinates(i) for i in range(len(P)))
    [((0, 0), 1), ((0, 1), 3), ((1, 0), 2), ((2, 1), 5)]
    """

    def __init__(self, M, labels, bases, zero_masks, nums, dens, big):
        self.M = M
        self.k, self.d = len(M), len(M[0])
        self.labels = labels
        self.bases = bases
        self.zero_masks = zero_masks
        self._nums = nums
        self._dens = dens
        self._big = big  # index -> (nums, den) found with unbounded integers
        #: kernel counters (bases, recomputed, uncertain, python) and the arithmetic used
        self.stats: dict[str, int] = {}
        self.mode = ""

    def __len__(self) -> int:
        return self.labels.size

    def coordinates(self, i: int) -> tuple[tuple[int, ...], int]:
        """Exact vertex ``i`` as ``(numerators, denominator)``, reduced."""
        if i in self._big:
            return self._big[i]
        den = int(self._dens[i])
        if den:
            return reduce_vector([int(v) for v in self._nums[i]], den)
        # a vertex certified in floating point: solve its tight system exactly
        key = int(self.bases[i])
        d, k = self.d, self.k
        cols = [j for j in range(d) if key >> j & 1]
        rows = [i2 for i2 in range(k) if not key >> (d + i2) & 1]
        nums = [0] * d
        if cols:
            sol = solve_square([[self.M[r][c] for c in cols] for r in rows])
            if sol is None:  # pragma: no cover - a basis is nonsingular
                raise AssertionError("singular basis")
            vals, den = sol
            for c, v in zip(cols, vals):
                nums[c] = v
        else:
            den = 1
        # exact confirmation of the float certificate: the point is feasible and its zero
        # variables are exactly the recorded ones (so its labels are right)
        zmask = int(self.zero_masks[i])
        for j in range(d):
            if nums[j] < 0 or (nums[j] == 0) != bool(zmask >> j & 1):
                raise AssertionError(f"vertex {i}: coordinate {j} contradicts its certificate")
        for t in range(k):
            slack = den - sum(self.M[t][j] * nums[j] for j in cols)
            if slack < 0 or (slack == 0) != bool(zmask >> (d + t) & 1):
                raise AssertionError(f"vertex {i}: constraint {t} contradicts its certificate")
        return reduce_vector(nums, den)

    def nonzero(self) -> np.ndarray:
        """Indices of the vertices other than the origin."""
        struct = np.uint64((1 << self.d) - 1)
        return np.flatnonzero((self.zero_masks & struct) != struct)

    def degenerate(self) -> list[tuple[tuple[int, ...], int, int]]:
        """``(numerators, denominator, labels)`` of the vertices with more than ``d`` labels."""
        out = []
        for i, lab in enumerate(self.labels.tolist()):
            if lab.bit_count() > self.d:
                nums, den = self.coordinates(i)
                out.append((nums, den, lab))
        return out

    def as_list(self) -> list[tuple[tuple[int, ...], int, int]]:
        """Every vertex as ``(numerators, denominator, labels)``."""
        return [(*self.coordinates(i), lab) for i, lab in enumerate(self.labels.tolist())]


def _enumerate_polytope(M, var_label) -> Polytope | None:
    """Vertices of ``{z >= 0, M z <= 1}`` by the compiled kernel (None: use pure Python).

    ``var_label[v]`` is the game label of variable ``v`` (coordinates first, then slacks).
    """
    try:
        from . import _vertex_kernel as K
    except ImportError:  # numba missing: the pure-Python enumerator does the work
        return None

    k, d = len(M), len(M[0])
    nv = d + k
    if nv > KERNEL_MAX_VARIABLES:
        return None
    mats = _kernel_matrices(M, K)
    if mats is None:
        return None
    Mi, Mf, int_ok, exact_first = mats
    var_label = np.asarray(var_label, dtype=np.int64)
    w = _Walk(K, d, nv)   # the slack basis (the origin) seen and on the stack
    n_python = 0
    stats = np.zeros(9, dtype=np.int64)
    while True:
        w.seen, w.vkeys, w.vvals, w.recs, w.nums, w.dens, w.nrec, w.stack, pyq = \
            K.enumerate_vertices(Mi, Mf, int_ok, exact_first, var_label, w.seen, w.scount,
                                 w.vkeys, w.vvals, w.vcount, w.recs, w.nums, w.dens, w.nrec,
                                 w.stack, w.top, MAX_FLOAT_AGE, stats)
        w.top = 0
        if pyq.size == 0:
            break
        n_python += pyq.size
        if n_python > PYTHON_MIN_BASES and n_python > PYTHON_SHARE_LIMIT * w.scount[0]:
            return None
        for key in pyq.tolist():
            _python_basis(w, K, M, key, d, k, var_label)
    recs = w.recs[:w.nrec]
    poly = Polytope(M, recs[:, 0].copy(), recs[:, 1].copy(), recs[:, 2].copy(),
                    w.nums[:w.nrec], w.dens[:w.nrec], w.bigs)
    poly.stats = dict(zip(("bases", "recomputed", "uncertain", "python"), stats.tolist()))
    poly.mode = "integer" if exact_first else "float"
    return poly


def _kernel_matrices(M, K):
    """``(Mi, Mf, int_ok, exact_first)``: ``M`` as 64-bit integers (zeros when it does not
    fit) and as floats scaled by a power of two, and the kernel's arithmetic mode; None when
    ``M`` is beyond the float range (unbounded integers throughout)."""
    k, d = len(M), len(M[0])
    int_ok, exact_first = K.choose_mode(M)
    big = max(max(row) for row in M)
    e = big.bit_length()
    if not int_ok and e > 1000:
        return None
    Mi = np.array(M, dtype=np.int64) if int_ok else np.zeros((k, d), dtype=np.int64)
    scale = 1 << (e - 1)
    Mf = np.array([[v / scale for v in row] for row in M], dtype=np.float64)
    return Mi, Mf, int_ok, exact_first


class _Walk:
    """The arrays the compiled kernel grows and hands back while it walks the bases: bases
    seen, vertices found (keys, records, coordinates), the stack of bases to visit, and the
    exact coordinates of vertices found by the pure-Python pivots (``bigs``)."""

    def __init__(self, K, d: int, nv: int):
        self.seen = np.zeros(1024, dtype=np.uint64)
        self.scount = np.zeros(1, dtype=np.int64)
        root = sum(1 << b for b in range(d, nv))
        self.seen, _ = K.add_seen(self.seen, self.scount, root)
        self.vkeys = np.zeros(1024, dtype=np.uint64)
        self.vvals = np.zeros(1024, dtype=np.int64)
        self.vcount = np.zeros(1, dtype=np.int64)
        self.recs = np.zeros((256, 3), dtype=np.uint64)
        self.nums = np.zeros((256, d), dtype=np.int64)
        self.dens = np.zeros(256, dtype=np.int64)
        self.nrec = 0
        self.stack = np.zeros((256, 4), dtype=np.int64)
        self.stack[0] = (-1, 0, 0, np.uint64(root).astype(np.int64))
        self.top = 1
        self.bigs: dict = {}

    def push(self, key: int) -> None:
        """Put the basis ``key`` on the stack of bases to visit."""
        if self.top >= self.stack.shape[0]:
            self.stack = np.concatenate([self.stack, np.zeros_like(self.stack)])
        self.stack[self.top] = (-1, 0, 0, np.uint64(key).astype(np.int64))
        self.top += 1


def _python_basis(w: _Walk, K, M, key: int, d: int, k: int, var_label) -> None:
    """Visit the basis ``key`` the kernel could not decide, in unbounded integers: record its
    vertex (exact coordinates in ``w.bigs``) and push its unseen neighbours."""
    nv = d + k
    D, det, basis, nonbasic = _exact_dictionary(M, key, d, k)
    zmask = ((1 << nv) - 1) & ~key
    vals = [0] * d
    for r, b in enumerate(basis):
        if D[r, d] == 0:
            zmask |= 1 << b
        if b < d:
            vals[b] = D[r, d]
    w.vkeys, w.vvals, w.recs, _, new = K.add_vertex(w.vkeys, w.vvals, w.vcount, w.recs, w.nrec,
                                                    zmask, key, var_label)
    if new:
        if w.nrec >= w.dens.shape[0]:
            w.nums = np.concatenate([w.nums, np.zeros_like(w.nums)])
            w.dens = np.concatenate([w.dens, np.zeros_like(w.dens)])
        w.dens[w.nrec] = 0
        w.bigs[w.nrec] = reduce_vector(vals, det)
        w.nrec += 1
    for q, r in enumerate(_ratio_rows(D, det, basis, nonbasic, d, k)):
        if r is None:
            continue
        nkey = (key & ~(1 << basis[r])) | (1 << nonbasic[q])
        w.seen, added = K.add_seen(w.seen, w.scount, nkey)
        if added:
            w.push(nkey)


def polytope_vertices(M) -> list[tuple[tuple[int, ...], int, int]]:
    """Every vertex of ``{z >= 0, M z <= 1}`` for an integer matrix ``M`` (k x d), bounded.

    ``M`` must be non-negative with a positive entry in every column (so the polytope is
    bounded); the payoff matrices of :func:`~govgames.games.twoplayer._exact.bimatrix_data` are positive.

    Returns a list of ``(numerators, denominator, zero_mask)``: the vertex is
    ``numerators / denominator`` (reduced), and bit ``v`` of ``zero_mask`` is set when variable
    ``v`` is zero there, variables ``0..d-1`` being the coordinates ``z`` and ``d..d+k-1`` the
    slacks of the ``k`` inequalities (slack zero = inequality tight).

    The lexicographically feasible bases are walked by the compiled kernel (exact 64-bit
    integer pivoting with overflow detection, or floating point verified at every basis, with
    unbounded integers where neither decides); see :mod:`._vertex_kernel`.

    Examples
    --------
    The triangle ``z >= 0, z1 + z2 <= 1`` (written twice, so the two outer vertices are
    degenerate):

    >>> sorted(polytope_vertices([[1, 1], [1, 1]]))
    [((0, 0), 1, 3), ((0, 1), 1, 13), ((1, 0), 1, 14)]
    """
    M = [[int(v) for v in row] for row in M]
    k, d = len(M), len(M[0])
    poly = _enumerate_polytope(M, list(range(d + k)))
    if poly is None:
        return _polytope_vertices_python(M)
    return poly.as_list()


def best_response_polytope_vertices(data: BimatrixData) -> tuple:
    """Vertices of the best-response polytopes ``P`` and ``Q`` with their game labels.

    Parameters
    ----------
    data : BimatrixData
        Exact positive integer data of an ``m x n`` game (:func:`._exact.bimatrix_data`).

    Returns
    -------
    P, Q : Polytope or list
        Two :class:`Polytope` objects, or (without numba, for ``m + n > 63`` or when the
        kernel hands too many bases to Python) two lists of ``(numerators, denominator,
        labels)``; bit ``i < m`` of a label mask is row ``i``, bit ``m + j`` is column ``j``.

    Raises
    ------
    BudgetError
        When McMullen's bound on the vertices times a pivot
        (:func:`~govgames.games.budget.best_response_polytopes_cost`) is over the work budget
        (:mod:`govgames.games.budget`), before any pivot.

    References
    ----------
    B. von Stengel (2007), ch. 3 of *Algorithmic Game Theory*, sec. 3.5.

    Examples
    --------
    >>> from govgames.games.twoplayer._exact import bimatrix_data
    >>> from govgames.games import NormalFormGame
    >>> data = bimatrix_data(NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]))
    >>> P, Q = best_response_polytope_vertices(data)
    >>> len(P), len(Q)
    (4, 4)
    """
    m, n = data.m, data.n
    cost = best_response_polytopes_cost(m, n)
    if cost > max_work():
        fits = support_enumeration_cost(m, n) <= max_work()
        check_work(cost, f"enumerating the vertices of the best-response polytopes of a {m}x{n} "
                   "game (worst case)", ("method 'support' fits the budget here (every "
                   "equilibrium of a nondegenerate game); " if fits else "")
                   + "method 'logit' or lemke_howson(game) finds one equilibrium, method "
                   "'pure' the pure ones")
    BT = [[int(v) for v in row] for row in data.B.T]
    A = [[int(v) for v in row] for row in data.A]
    # P: z = x (labels 0..m-1), slacks = columns (labels m..m+n-1)
    P = _enumerate_polytope(BT, list(range(m + n)))
    # Q: z = y (labels m..m+n-1), slacks = rows (labels 0..m-1)
    Q = _enumerate_polytope(A, list(range(m, m + n)) + list(range(m))) if P is not None else None
    if P is not None and Q is not None:
        return P, Q
    P_rows = _polytope_vertices_python(BT)
    Q_raw = _polytope_vertices_python(A)
    low_n = (1 << n) - 1
    Q_rows = [(nums, den, ((mask & low_n) << m) | (mask >> n)) for nums, den, mask in Q_raw]
    return P_rows, Q_rows


def degenerate_vertices(poly, dim: int) -> list:
    """The nonzero vertices with more than ``dim`` labels (the degenerate ones).

    Parameters
    ----------
    poly : Polytope or list
        As returned by :func:`best_response_polytope_vertices`.
    dim : int
        Dimension of the polytope (``m`` for ``P``, ``n`` for ``Q``).

    Returns
    -------
    list of (numerators, denominator, labels)

    Examples
    --------
    >>> from govgames.games.twoplayer._exact import bimatrix_data
    >>> from govgames.games import NormalFormGame
    >>> data = bimatrix_data(NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]]))
    >>> P, Q = best_response_polytope_vertices(data)
    >>> [(nums, den, bin(lab)) for nums, den, lab in degenerate_vertices(P, 2)]
    [((1, 0), 2, '0b1110')]
    """
    if isinstance(poly, Polytope):
        return [v for v in poly.degenerate() if any(v[0])]
    return [v for v in poly if any(v[0]) and v[2].bit_count() > dim]


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


def vertex_enumeration(game: NormalFormGame) -> EquilibriumList:
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

    Returns
    -------
    EquilibriumList
        Sorted by :func:`~govgames.games.equilibrium_sort_key` (larger first probabilities of
        player 1 first); ``.method`` is ``"vertex"`` and ``.degenerate`` is ``None`` (not
        tested here: :func:`~govgames.games.twoplayer.two_player_equilibria` runs the exact
        test). :func:`vertex_enumeration_gen` yields the same equilibria one at a time.

    Raises
    ------
    InputError
        When the game does not have two players.
    FreeParametersError
        When the payoffs hold free parameters.
    BudgetError
        When the worst-case work (:func:`~govgames.games.budget.vertex_enumeration_cost`) is
        over the work budget (:mod:`govgames.games.budget`); or, before the profiles are built,
        when the list of equilibria is over the memory or time budget
        (:func:`~govgames.games.budget.check_listing`).

    References
    ----------
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007), Algorithm 3.5; D. Avis et al.,
    *Economic Theory* 42 (2010) 9-37.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> print(vertex_enumeration(g))
    3 equilibria (vertex)
      1. Player 1: s1; Player 2: s1  (payoffs 2, 1)
      2. Player 1: 2/3 s1 + 1/3 s2; Player 2: 1/3 s1 + 2/3 s2  (payoffs 2/3, 2/3)
      3. Player 1: s2; Player 2: s2  (payoffs 1, 2)

    A degenerate game: against the row player's first strategy the column player is indifferent,
    so the equilibria form a segment, listed by its two end points:

    >>> h = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]])
    >>> [str(e) for e in vertex_enumeration(h)]
    ['Player 1: s1; Player 2: s1  (payoffs 1, 1)', 'Player 1: s1; Player 2: 1/2 s1 + 1/2 s2  (payoffs 1, 1)']
    """
    return EquilibriumList(vertex_enumeration_gen(game), method="vertex")


def vertex_enumeration_gen(game: NormalFormGame) -> Iterator[Equilibrium]:
    """Every extreme Nash equilibrium of a 2-player game, one at a time.

    The streaming form of :func:`vertex_enumeration` (as QuantEcon pairs
    ``vertex_enumeration`` with ``vertex_enumeration_gen``), in the same order. Both
    best-response polytopes are enumerated at the first ``next`` (the pairing needs all their
    vertices; the game itself is checked at the call); each
    :class:`~govgames.games.Equilibrium` (exact profile and payoffs) is then built only when it
    is yielded, so a caller that stops early saves that work and memory.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric (rational or float) payoffs.

    Yields
    ------
    Equilibrium
        In the order of :func:`~govgames.games.equilibrium_sort_key`.

    Raises
    ------
    InputError
        When the game does not have two players (raised at the call, before any ``next``).
    FreeParametersError
        When the payoffs hold free parameters.
    BudgetError
        At the first ``next``, when the worst-case work
        (:func:`~govgames.games.budget.vertex_enumeration_cost`) is over the work budget, or
        the list of equilibria over the memory or time budget
        (:func:`~govgames.games.budget.check_listing`).

    References
    ----------
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007), Algorithm 3.5.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> print(next(vertex_enumeration_gen(g)))
    Player 1: s1; Player 2: s1  (payoffs 2, 1)
    """
    data = bimatrix_data(game, "vertex enumeration")
    return _iter_vertex_equilibria(data)


def _vertex_equilibria(data: BimatrixData, polytopes=None) -> list[Equilibrium]:
    return list(_iter_vertex_equilibria(data, polytopes))


def _one_sided_equilibria(data: BimatrixData) -> Iterator[Equilibrium]:
    """The extreme equilibria of a game in which a player has one strategy: the other
    player's pure best responses to it (the equilibria are all their mixtures), in the order of
    :func:`~govgames.games.equilibrium_sort_key`. One scan of the payoffs: the polytope of the
    player with many strategies is a simplex of ``k + 1`` vertices of ``k`` coordinates each."""
    m, n = data.m, data.n
    payoffs = data.B[0, :] if m == 1 else data.A[:, 0]
    best = max(payoffs)
    brs = [k for k, v in enumerate(payoffs) if v == best]
    # every extreme equilibrium is pure here: the pure solver lists the same ones, without the
    # m + n exact probabilities of each
    check_listing(len(brs), m + n, f"vertex enumeration of a {m}x{n} game",
                  "a player has one strategy, so the extreme equilibria are the pure ones: "
                  "method 'pure' (pure_nash_equilibria(game)) lists them all")
    one, zero = (Fraction(1),), Fraction(0)
    size = n if m == 1 else m
    for k in brs:
        pure = tuple(one[0] if i == k else zero for i in range(size))
        yield make_equilibrium(data, one, pure) if m == 1 else make_equilibrium(data, pure, one)


def _iter_vertex_equilibria(data: BimatrixData, polytopes=None) -> Iterator[Equilibrium]:
    m, n = data.m, data.n
    if polytopes is None and min(m, n) == 1:
        yield from _one_sided_equilibria(data)
        return
    P, Q = polytopes if polytopes is not None else best_response_polytope_vertices(data)
    if isinstance(P, Polytope):
        from ._vertex_kernel import match_labels

        ip, iq = P.nonzero(), Q.nonzero()
        pairs = match_labels(P.labels[ip], Q.labels[iq], m, n)
        pairs = pairs.tolist()
        check_listing(len(pairs), m + n, f"vertex enumeration of a {m}x{n} game", LISTING_HINT)
        xs = {a: normalise(P.coordinates(int(ip[a]))[0]) for a in {a for a, _ in pairs}}
        ys = {b: normalise(Q.coordinates(int(iq[b]))[0]) for b in {b for _, b in pairs}}
        # the order of equilibrium_sort_key, by ranks: distinct vertices give distinct profiles
        rx = {a: r for r, a in enumerate(sorted(xs, key=xs.__getitem__, reverse=True))}
        ry = {b: r for r, b in enumerate(sorted(ys, key=ys.__getitem__, reverse=True))}
        pairs.sort(key=lambda ab: (rx[ab[0]], ry[ab[1]]))
        for a, b in pairs:
            yield make_equilibrium(data, xs[a], ys[b])
        return
    Pn, Qn, hits = _pairs(P, Q, m, n)
    check_listing(len(hits), m + n, f"vertex enumeration of a {m}x{n} game", LISTING_HINT)
    out = []
    seen = set()
    for a, b in hits:
        x = normalise(Pn[a][0])
        y = normalise(Qn[b][0])
        if (x, y) in seen:
            continue
        seen.add((x, y))
        out.append(make_equilibrium(data, x, y))
    out.sort(key=equilibrium_sort_key)
    yield from out
