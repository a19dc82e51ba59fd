"""Compiled (numba) kernel of exact vertex enumeration for the best-response polytopes.

The kernel walks the *lexicographically feasible* bases of ``{z >= 0, M z <= 1}`` (``M`` is a
positive ``k x d`` integer matrix, variables ``0..d-1`` are the coordinates ``z`` and
``d..d+k-1`` the slacks) by a depth-first search with a hash set of visited bases, exactly as the
pure-Python enumerator in :mod:`.vertex` does, and records each vertex once (keyed by its set of
zero variables). Bases and vertices are bit masks of at most 64 variables (``d + k <= 64``;
larger games use the pure-Python enumerator).

Every decision is exact. A node (basis) is handled in one of three ways:

1. **Exact 64-bit integer pivoting** (Bareiss / integer pivoting, von Stengel 2007, sec. 3.5).
   Tableau entries are stored in ``int64``; each update ``(a p - c b) / det`` is computed in
   128-bit integers (an LLVM ``i128`` intrinsic) and divided exactly by multiplying with the
   inverse of the odd part of ``det`` modulo ``2**64``; the quotient is checked by multiplying
   back in 128 bits, so an entry that does not fit in 64 bits is *detected* (never wrapped). The
   lexicographic minimum-ratio test compares 128-bit cross products.
2. **Certified floating point.** The dictionary is pivoted in doubles and then *verified* a
   posteriori at every node: with ``X`` the approximate basis inverse read off the dictionary,
   a rigorous bound ``alpha >= ||I - X B||_inf < 1/2`` gives ``||B^-1||_inf <= ||X||_inf /
   (1 - alpha)``, and the residual ``f - B d`` of every dictionary column, with rounding errors
   bounded by ``gamma_n`` terms, gives a rigorous elementwise error bound of that column
   (Rump's verification method, with Higham's error bounds for dot products). The node is
   accepted only when every basic variable is certainly positive (so the vertex is nondegenerate
   and its labels are exactly its nonbasic variables) and every minimum-ratio test has a
   certainly unique winner (so its neighbours are exactly the lexicographic ones).
3. Anything else (an uncertain float node whose exact tableau overflows 64 bits, or an exact
   pivot that overflows) is handed back to Python, which processes it with unbounded integers
   and pushes its neighbours.

Mode ``exact_first`` runs 1 (falling back to 3); otherwise 2 runs first, an uncertain node is
recomputed by 1 and only then by 3. The choice is made from a Hadamard bound on the tableau
entries (:func:`choose_mode`).

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
.. [2] D. Avis, "A revised implementation of the reverse search vertex enumeration algorithm",
   in *Polytopes - Combinatorics and Computation*, Birkhauser, 2000, 177-198.
.. [3] S. M. Rump, "Verification methods: rigorous results using floating-point arithmetic",
   *Acta Numerica* 19 (2010), 287-449.
.. [4] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002,
   sec. 3.1 (error bounds of inner products).
"""

from __future__ import annotations

import numba as nb
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

__all__ = ["enumerate_vertices", "match_labels", "choose_mode"]

_NJ = dict(cache=True, nogil=True)
_GOLD = np.uint64(0x9E3779B97F4A7C15)
_U = 2.0 ** -53
_INT64_MIN = np.int64(-(2 ** 63))


# --------------------------------------------------------------------------- 128-bit helpers
@intrinsic
def _mulsub_divexact(typingctx, a, p, c, b, s, u, uinv):
    """``(a*p - c*b) / (2**s * u)`` in 128-bit arithmetic; returns ``(quotient, ok)``.

    The division is exact when the inputs come from integer pivoting (Sylvester's identity);
    ``ok`` is 1 when the quotient fits in 64 bits (checked by multiplying back), else 0.
    """
    sig = types.UniTuple(types.int64, 2)(types.int64, types.int64, types.int64, types.int64,
                                         types.int64, types.int64, types.int64)

    def codegen(context, builder, signature, args):
        a, p, c, b, s, u, uinv = args
        i128, i64 = ir.IntType(128), ir.IntType(64)
        n = builder.sub(builder.mul(builder.sext(a, i128), builder.sext(p, i128)),
                        builder.mul(builder.sext(c, i128), builder.sext(b, i128)))
        s128 = builder.zext(s, i128)
        ns = builder.ashr(n, s128)
        q = builder.mul(builder.trunc(ns, i64), uinv)
        ok1 = builder.icmp_signed("==", builder.mul(builder.sext(q, i128), builder.sext(u, i128)),
                                  ns)
        ok2 = builder.icmp_signed("==", builder.shl(ns, s128), n)
        ok = builder.zext(builder.and_(ok1, ok2), i64)
        return context.make_tuple(builder, signature.return_type, [q, ok])

    return sig, codegen


@intrinsic
def _cmp_prod(typingctx, a, b, c, d):
    """Sign of ``a*b - c*d`` computed exactly in 128 bits (-1, 0 or 1)."""
    sig = types.int64(types.int64, types.int64, types.int64, types.int64)

    def codegen(context, builder, signature, args):
        a, b, c, d = args
        i128, i64 = ir.IntType(128), ir.IntType(64)
        x = builder.mul(builder.sext(a, i128), builder.sext(b, i128))
        y = builder.mul(builder.sext(c, i128), builder.sext(d, i128))
        gt = builder.zext(builder.icmp_signed(">", x, y), i64)
        lt = builder.zext(builder.icmp_signed("<", x, y), i64)
        return builder.sub(gt, lt)

    return sig, codegen


@nb.njit(**_NJ)
def _inv64(u):
    """Inverse of an odd ``u`` modulo ``2**64`` (Newton iteration), as int64."""
    uu = np.uint64(u)
    x = uu
    for _ in range(6):
        x = x * (np.uint64(2) - uu * x)
    return np.int64(x)


@nb.njit(**_NJ)
def _tz(v):
    """Number of trailing zero bits of a nonzero int64."""
    s = 0
    while (v & 1) == 0:
        v >>= 1
        s += 1
    return s


# --------------------------------------------------------------------------- hash tables
@nb.njit(**_NJ)
def _slot(key, mask):
    h = np.uint64(key) * _GOLD
    return np.int64((h ^ (h >> np.uint64(31))) & np.uint64(mask))


@nb.njit(**_NJ)
def _set_grow(table):
    new = np.zeros(table.size * 2, dtype=np.uint64)
    mask = new.size - 1
    for key in table:
        if key != 0:
            i = _slot(key, mask)
            while new[i] != 0:
                i = (i + 1) & mask
            new[i] = key
    return new


@nb.njit(**_NJ)
def _set_add(table, count, key):
    """Insert a nonzero key; returns ``(table, True)`` when it was new (the table may grow)."""
    if 2 * (count[0] + 1) > table.size:
        table = _set_grow(table)
    mask = table.size - 1
    i = _slot(key, mask)
    while True:
        t = table[i]
        if t == 0:
            table[i] = key
            count[0] += 1
            return table, True
        if t == key:
            return table, False
        i = (i + 1) & mask


# --------------------------------------------------------------------------- growable arrays
@nb.njit(**_NJ)
def _grow1(a):
    new = np.empty(a.shape[0] * 2, dtype=a.dtype)
    new[:a.shape[0]] = a
    return new


@nb.njit(**_NJ)
def _grow2(a):
    new = np.empty((a.shape[0] * 2, a.shape[1]), dtype=a.dtype)
    new[:a.shape[0]] = a
    return new


# --------------------------------------------------------------------------- integer pivoting
@nb.njit(**_NJ)
def _int_pivot(P, det, r, c, Q):
    """Integer pivot of dictionary ``P`` (common denominator ``det``) on ``(r, c)`` into ``Q``.

    Returns False when an entry does not fit in 64 bits (``Q`` is then garbage).
    """
    k, w = P.shape
    p = P[r, c]
    s = _tz(det)
    u = det >> s
    uinv = _inv64(u)
    for i in range(k):
        if i == r:
            continue
        f = P[i, c]
        for j in range(w):
            q, ok = _mulsub_divexact(P[i, j], p, f, P[r, j], s, u, uinv)
            if ok == 0 or q == _INT64_MIN:
                return False
            Q[i, j] = q
        Q[i, c] = -f
    for j in range(w):
        Q[r, j] = P[r, j]
    Q[r, c] = det
    return True


@nb.njit(**_NJ)
def _int_from_scratch(Mi, key, d, k, T, basis, nonbasic):
    """Exact dictionary of the basis ``key`` by integer pivots from the slack basis.

    Fills ``T`` (k x d+1), ``basis``, ``nonbasic``; returns ``(det, ok)`` with ``det > 0``.
    """
    for i in range(k):
        for j in range(d):
            T[i, j] = Mi[i, j]
        T[i, d] = 1
        basis[i] = d + i
    for j in range(d):
        nonbasic[j] = j
    det = np.int64(1)
    tmp = np.empty_like(T)
    for j in range(d):
        if not (key >> np.uint64(j)) & np.uint64(1):
            continue
        c = -1
        for cc in range(d):
            if nonbasic[cc] == j:
                c = cc
        r = -1
        for i in range(k):
            b = basis[i]
            if b >= d and not (key >> np.uint64(b)) & np.uint64(1) and T[i, c] != 0:
                r = i
                break
        if r < 0:
            return det, False
        if not _int_pivot(T, det, r, c, tmp):
            return det, False
        det = T[r, c]
        T[:, :] = tmp
        basis[r], nonbasic[c] = nonbasic[c], basis[r]
    if det < 0:
        for i in range(k):
            for j in range(d + 1):
                T[i, j] = -T[i, j]
        det = -det
    return det, True


@nb.njit(**_NJ)
def _lex_row(T, det, c, d, k, posnb, posb, cand):
    """Exact lexicographic minimum-ratio row for entering column ``c`` (-1 if unbounded)."""
    n = 0
    for i in range(k):
        if T[i, c] > 0:
            cand[n] = i
            n += 1
    if n == 0:
        return -1
    # first key: the right-hand side
    best = cand[0]
    m = 1
    for t in range(1, n):
        i = cand[t]
        sg = _cmp_prod(T[i, d], T[best, c], T[best, d], T[i, c])
        if sg < 0:
            best = i
            cand[0] = i
            m = 1
        elif sg == 0:
            cand[m] = i
            m += 1
    n = m
    # then the columns of the initial slack basis (the basis inverse), in order
    s = 0
    while n > 1 and s < k:
        v = d + s
        s += 1
        pc = posnb[v]
        best = cand[0]
        m = 1
        if pc >= 0:
            for t in range(1, n):
                i = cand[t]
                sg = _cmp_prod(T[i, pc], T[best, c], T[best, pc], T[i, c])
                if sg < 0:
                    best = i
                    cand[0] = i
                    m = 1
                elif sg == 0:
                    cand[m] = i
                    m += 1
        else:
            r0 = posb[v]
            for t in range(1, n):
                i = cand[t]
                vi = det if i == r0 else 0
                vb = det if best == r0 else 0
                sg = _cmp_prod(vi, T[best, c], vb, T[i, c])
                if sg < 0:
                    best = i
                    cand[0] = i
                    m = 1
                elif sg == 0:
                    cand[m] = i
                    m += 1
        n = m
    return cand[0]


# --------------------------------------------------------------------------- float pivoting
@nb.njit(**_NJ)
def _float_pivot(P, r, c, Q):
    k, w = P.shape
    inv = 1.0 / P[r, c]
    for j in range(w):
        Q[r, j] = P[r, j] * inv
    Q[r, c] = inv
    for i in range(k):
        if i == r:
            continue
        f = P[i, c]
        for j in range(w):
            Q[i, j] = P[i, j] - f * Q[r, j]
        Q[i, c] = -f * inv


@nb.njit(**_NJ)
def _float_from_scratch(Mf, key, d, k, D, basis, nonbasic):
    """Float dictionary of basis ``key`` (partial pivoting); False if numerically singular."""
    for i in range(k):
        for j in range(d):
            D[i, j] = Mf[i, j]
        D[i, d] = 1.0
        basis[i] = d + i
    for j in range(d):
        nonbasic[j] = j
    tmp = np.empty_like(D)
    for j in range(d):
        if not (key >> np.uint64(j)) & np.uint64(1):
            continue
        c = -1
        for cc in range(d):
            if nonbasic[cc] == j:
                c = cc
        r = -1
        best = 0.0
        for i in range(k):
            b = basis[i]
            if b >= d and not (key >> np.uint64(b)) & np.uint64(1) and abs(D[i, c]) > best:
                best = abs(D[i, c])
                r = i
        if r < 0:
            return False
        _float_pivot(D, r, c, tmp)
        D[:, :] = tmp
        basis[r], nonbasic[c] = nonbasic[c], basis[r]
    return True


@nb.njit(**_NJ)
def _float_certify(D, Mf, MfT, d, k, basis, posnb, rows, work, DT, iwork):
    """Verify the float dictionary rigorously and fill ``rows`` with the ratio-test rows.

    ``MfT`` is ``Mf`` transposed (contiguous). With ``B`` the basis matrix (columns of
    ``[M | I]``) and ``X`` the approximate ``B^-1`` read off the dictionary (columns of the
    slacks), a rigorous ``alpha >= ||I - X B||_inf < 1/2`` gives ``||B^-1||_inf <= ||X||_inf /
    (1 - alpha)``; the residual of every dictionary column then bounds its error. Every dot
    product is evaluated as a sum of rank-one updates over independent rows (so the loops
    vectorise without reassociating any sum); its rounding error is bounded by
    ``gamma_{k+4}`` times the sum of absolute values of its terms, whatever the order.

    Returns 0 when every basic variable is certainly positive and every minimum-ratio test
    has a certainly unique winner (then ``rows[c]`` is the leaving row of column ``c``); else
    1 (basis inverse not verified), 2 (a basic variable not certainly positive), 3 (no
    certainly positive pivot) or 4 (minimum ratio not certainly unique).
    """
    g = (k + 4) * _U * 1.01  # gamma bound of a dot product of <= k + 2 terms, with margin
    tiny = 1e-290
    w = d + 1
    for t in range(k):
        for c in range(w):
            DT[c, t] = D[t, c]
    # nonbasic slacks (columns of X read from the dictionary) and basic slacks (unit columns)
    nsl = 0
    sli = iwork[0]
    slc = iwork[1]
    nonbasic_var = iwork[2]
    for i in range(k):
        pc = posnb[d + i]
        if pc >= 0:
            sli[nsl] = i
            slc[nsl] = pc
            nsl += 1
    rowsum = work[0]
    alpha_rows = work[1]
    acc = work[2]
    ab = work[3]
    eps = work[4]
    for t in range(k):
        rowsum[t] = 0.0
        alpha_rows[t] = 0.0
    for q in range(nsl):
        col = DT[slc[q]]
        for t in range(k):
            rowsum[t] += abs(col[t])
    normx = 0.0
    for t in range(k):
        sx = rowsum[t] + (1.0 if basis[t] >= d else 0.0)
        if sx > normx:
            normx = sx
    for r in range(k):
        j = basis[r]
        if j >= d:
            continue  # X B e_r = e_r exactly for a basic slack
        for t in range(k):
            acc[t] = 0.0
            ab[t] = 0.0
        acc[r] = 1.0
        ab[r] = 1.0
        for q in range(nsl):
            mij = Mf[sli[q], j]
            col = DT[slc[q]]
            for t in range(k):
                prod = col[t] * mij
                acc[t] -= prod
                ab[t] += abs(prod)
        for t in range(k):
            bt = basis[t]
            if bt >= d:
                prod = Mf[bt - d, j]
                acc[t] -= prod
                ab[t] += abs(prod)
        for t in range(k):
            alpha_rows[t] += abs(acc[t]) + g * ab[t] + tiny
    alpha = 0.0
    for t in range(k):
        if alpha_rows[t] > alpha:
            alpha = alpha_rows[t]
    alpha *= 1.0 + 4 * (k + 2) * _U
    if not alpha < 0.5:
        return 1
    beta = normx * (1.0 + 4 * (k + 2) * _U) / (1.0 - alpha) * (1.0 + 4 * _U)
    _column_error_bounds(D, Mf, MfT, d, k, basis, posnb, nonbasic_var, acc, ab, eps, beta, g,
                         tiny)
    return _float_ratio_checks(D, d, k, rows, eps)


@nb.njit(**_NJ)
def _column_error_bounds(D, Mf, MfT, d, k, basis, posnb, nonbasic_var, acc, ab, eps, beta, g,
                         tiny):
    """Fill ``eps[c]``, a rigorous bound on the error of dictionary column ``c`` (``c = d``:
    the right-hand side), from the residual ``f_c - B d_c`` and ``beta >= ||B^-1||_inf``.
    Part of :func:`_float_certify`; ``nonbasic_var``, ``acc`` and ``ab`` are scratch."""
    w = d + 1
    # residuals f_c - B d_c of every column (c = d: the right-hand side, f = 1)
    for v in range(d + k):
        pc = posnb[v]
        if pc >= 0:
            nonbasic_var[pc] = v
    for c in range(w):
        fv = -1 if c == d else nonbasic_var[c]
        for t in range(k):
            if c == d:
                acc[t] = 1.0
            elif fv < d:
                acc[t] = Mf[t, fv]
            else:
                acc[t] = 1.0 if fv - d == t else 0.0
            ab[t] = abs(acc[t])
        for r in range(k):
            j = basis[r]
            drc = D[r, c]
            if j < d:
                col = MfT[j]
                for t in range(k):
                    prod = col[t] * drc
                    acc[t] -= prod
                    ab[t] += abs(prod)
            else:
                acc[j - d] -= drc
                ab[j - d] += abs(drc)
        worst = 0.0
        for t in range(k):
            e = abs(acc[t]) + g * ab[t] + tiny
            if e > worst:
                worst = e
        eps[c] = beta * worst * (1.0 + 4 * (k + 2) * _U)


@nb.njit(**_NJ)
def _float_ratio_checks(D, d, k, rows, eps):
    """Sign and ratio-test checks of a float dictionary with column error bounds ``eps``."""
    er = eps[d]
    for t in range(k):
        if not D[t, d] > er:
            return 2
    for c in range(d):
        ec = eps[c]
        # an approximate minimiser r (any choice is safe: its uniqueness is proved below)
        r = -1
        for t in range(k):
            if D[t, c] > ec and (r < 0 or D[t, d] * D[r, c] < D[r, d] * D[t, c]):
                r = t
        if r < 0:
            return 3
        # true ratio of r <= upper; true ratio of t >= (D[t, d] - er) / (D[t, c] + ec); the
        # relative margin 1e-12 covers the rounding of these few operations
        upper = (D[r, d] + er) / (D[r, c] - ec) * (1.0 + 1e-12)
        for t in range(k):
            if t == r:
                continue
            den = D[t, c] + ec
            if den > 0.0:
                if not (D[t, d] - er) > upper * den * (1.0 + 1e-12):
                    return 4
        rows[c] = r
    return 0


# --------------------------------------------------------------------------- the search
@nb.njit(**_NJ)
def _record(vkeys, vvals, vcount, recs, nrec, zmask, key, var_label, nv):
    """Insert vertex ``zmask``; returns ``(vkeys, vvals, recs, index, new)``."""
    if 2 * (vcount[0] + 1) > vkeys.size:
        old_k, old_v = vkeys, vvals
        vkeys = np.zeros(old_k.size * 2, dtype=np.uint64)
        vvals = np.zeros(old_k.size * 2, dtype=np.int64)
        mask = vkeys.size - 1
        for t in range(old_k.size):
            if old_k[t] != 0:
                i = _slot(old_k[t], mask)
                while vkeys[i] != 0:
                    i = (i + 1) & mask
                vkeys[i] = old_k[t]
                vvals[i] = old_v[t]
    mask = vkeys.size - 1
    i = _slot(zmask, mask)
    while True:
        t = vkeys[i]
        if t == 0:
            break
        if t == zmask:
            return vkeys, vvals, recs, vvals[i], False
        i = (i + 1) & mask
    idx = nrec
    vkeys[i] = zmask
    vvals[i] = idx
    vcount[0] += 1
    if idx >= recs.shape[0]:
        recs = _grow2(recs)
    lab = np.uint64(0)
    for v in range(nv):
        if (zmask >> np.uint64(v)) & np.uint64(1):
            lab |= np.uint64(1) << np.uint64(var_label[v])
    recs[idx, 0] = lab
    recs[idx, 1] = key
    recs[idx, 2] = zmask
    return vkeys, vvals, recs, idx, True


@nb.njit(**_NJ)
def _grow3(a):
    new = np.empty((a.shape[0] * 2, a.shape[1], a.shape[2]), dtype=a.dtype)
    new[:a.shape[0]] = a
    return new


@nb.njit(**_NJ)
def _push_children(T, D, exact, det, key, d, k, basis, nonb, posnb, posb, rows, cand, seen,
                   scount, stack, top, node_frame):
    """Push the unvisited neighbours of a basis; returns ``(seen, stack, top, n_pushed)``.

    ``exact``: the leaving rows come from the exact lexicographic ratio test on ``T / det``;
    otherwise ``rows`` already holds the certified leaving rows of the float dictionary.
    """
    pushed = 0
    for cc in range(d):
        if exact:
            rr = _lex_row(T, det, cc, d, k, posnb, posb, cand)
            if rr < 0:
                continue
        else:
            rr = rows[cc]
        nkey = (key & ~(np.uint64(1) << np.uint64(basis[rr]))) | \
            (np.uint64(1) << np.uint64(nonb[cc]))
        seen, added = _set_add(seen, scount, nkey)
        if added:
            if top >= stack.shape[0]:
                stack = _grow2(stack)
            stack[top, 0] = node_frame
            stack[top, 1] = rr
            stack[top, 2] = cc
            stack[top, 3] = np.int64(nkey)
            top += 1
            pushed += 1
    return seen, stack, top, pushed


@nb.njit(**_NJ)
def _positions(basis, nonb, posnb, posb):
    """Fill ``posb[v]`` (row of basic variable ``v``) and ``posnb[v]`` (column of nonbasic
    ``v``), -1 elsewhere."""
    posnb[:] = -1
    posb[:] = -1
    for i in range(basis.size):
        posb[basis[i]] = i
    for j in range(nonb.size):
        posnb[nonb[j]] = j


@nb.njit(**_NJ)
def _store_vertex(certified, T, det, key, full, basis, var_label, vkeys, vvals, vcount, recs,
                  nums, dens, nrec):
    """Record the vertex of basis ``key`` (part of :func:`enumerate_vertices`).

    A certified float basis is a nondegenerate vertex: its zero variables are exactly the
    nonbasic ones and its coordinates are left to Python (``dens == 0``). Otherwise ``T / det``
    is the exact dictionary: basic variables that are zero add to the zero mask, and the
    numerators and denominator are stored. Returns the (possibly grown) arrays and ``nrec``.
    """
    k, w = T.shape
    d = w - 1
    zmask = full & ~key
    if not certified:
        for i in range(k):
            if T[i, d] == 0:
                zmask |= np.uint64(1) << np.uint64(basis[i])
    vkeys, vvals, recs, idx, new = _record(vkeys, vvals, vcount, recs, nrec, zmask, key,
                                           var_label, d + k)
    if not new:
        return vkeys, vvals, recs, nums, dens, nrec
    if nrec >= dens.shape[0]:
        nums = _grow2(nums)
        dens = _grow1(dens)
    if certified:
        dens[nrec] = 0
    else:
        for j in range(d):
            nums[nrec, j] = 0
        for i in range(k):
            if basis[i] < d:
                nums[nrec, basis[i]] = T[i, d]
        dens[nrec] = det
    return vkeys, vvals, recs, nums, dens, nrec + 1


@nb.njit(**_NJ)
def _grow_frames(exact_first, ipool, fpool, idet, fage, pbasis, pnonb, pref, free):
    """Double the frame pool of :func:`enumerate_vertices` (the pool in use only)."""
    if exact_first:
        ipool = _grow3(ipool)
    else:
        fpool = _grow3(fpool)
    return (ipool, fpool, _grow1(idet), _grow1(fage), _grow2(pbasis), _grow2(pnonb),
            _grow1(pref), _grow1(free))


@nb.njit(**_NJ)
def _save_frame(fr, basis, nonb, exact_first, certified, T, det, Dt, age, ipool, idet, fpool,
                fage, pbasis, pnonb):
    """Keep the dictionary of a processed basis in frame ``fr`` for its children: the
    integer tableau (exact-first mode), the certified float dictionary, or ``T / det``
    converted to floats (then of age 0)."""
    k, w = T.shape
    for i in range(k):
        pbasis[fr, i] = basis[i]
    for j in range(nonb.size):
        pnonb[fr, j] = nonb[j]
    if exact_first:
        ipool[fr, :, :] = T
        idet[fr] = det
    elif certified:
        fpool[fr, :, :] = Dt
        fage[fr] = age
    else:
        fdet = float(det)
        for i in range(k):
            for j in range(w):
                fpool[fr, i, j] = float(T[i, j]) / fdet
        fage[fr] = 0


@nb.njit(**_NJ)
def _workspace(k, d, exact_first, frames):
    """Scratch arrays of :func:`enumerate_vertices`: the frame pool (integer tableaux in
    exact-first mode, else float dictionaries; determinants, ages, bases, reference counts, free
    list), one integer and one float dictionary, and the work arrays of the certification."""
    ipool = np.empty((frames if exact_first else 1, k, d + 1), dtype=np.int64)
    fpool = np.empty((1 if exact_first else frames, k, d + 1), dtype=np.float64)
    pool = (ipool, fpool, np.zeros(frames, dtype=np.int64), np.zeros(frames, dtype=np.int64),
            np.empty((frames, k), dtype=np.int64), np.empty((frames, d), dtype=np.int64),
            np.zeros(frames, dtype=np.int64), np.empty(frames, dtype=np.int64))
    work = (np.empty((k, d + 1), dtype=np.int64), np.empty((k, d + 1), dtype=np.float64),
            np.empty((5, max(k, d + 1)), dtype=np.float64),
            np.empty((3, max(k, d)), dtype=np.int64), np.empty((d + 1, k), dtype=np.float64))
    return pool, work


@nb.njit(**_NJ)
def _pivot_from_parent(par, r, c, exact_first, max_age, ipool, idet, fpool, fage, pbasis,
                       pnonb, basis, nonb, T, Dt):
    """Set ``basis``/``nonb`` to the parent's with row ``r`` and column ``c`` exchanged and pivot
    the parent's dictionary once (part of :func:`enumerate_vertices`).

    Returns ``(have, exact, det, age)``: whether ``T / det`` (exact) or ``Dt`` (float, reached
    ``age`` pivots after its last recomputation) is usable. An integer pivot that overflows,
    or a float dictionary older than ``max_age``, is not usable.
    """
    for i in range(basis.size):
        basis[i] = pbasis[par, i]
    for j in range(nonb.size):
        nonb[j] = pnonb[par, j]
    basis[r], nonb[c] = nonb[c], basis[r]
    if exact_first:
        if _int_pivot(ipool[par], idet[par], r, c, T):
            return True, True, ipool[par, r, c], 0
        return False, False, np.int64(1), 0
    _float_pivot(fpool[par], r, c, Dt)
    age = fage[par] + 1
    return age <= max_age, False, np.int64(1), age


@nb.njit(**_NJ)
def _certify_node(Mi, Mf, MfT, int_ok, exact_first, key, age, Dt, T, basis, nonb, posnb, posb,
                  rows, cwork, DT, iwork, stats):
    """Certify the float dictionary ``Dt`` of basis ``key`` (part of :func:`enumerate_vertices`).

    A dictionary reached along a path (``age > 0``) that fails is recomputed from the slack basis
    and tried again. If it still fails (degenerate, or too ill-conditioned for doubles) and floats
    run first, the exact tableau is computed into ``T`` when ``int_ok``. Returns
    ``(certified, have, exact, det, age)`` as :func:`_pivot_from_parent`.
    """
    k, d = Mi.shape
    code = _float_certify(Dt, Mf, MfT, d, k, basis, posnb, rows, cwork, DT, iwork)
    if code != 0 and age > 0:
        # rounding errors accumulated along the path: recompute and try again
        stats[1] += 1
        age = 0
        if _float_from_scratch(Mf, key, d, k, Dt, basis, nonb):
            _positions(basis, nonb, posnb, posb)
            code = _float_certify(Dt, Mf, MfT, d, k, basis, posnb, rows, cwork, DT, iwork)
    stats[4 + code] += 1
    if code == 0:
        return True, True, False, np.int64(1), age
    if exact_first:
        return False, True, False, np.int64(1), age
    stats[2] += 1
    if int_ok:
        det, ok = _int_from_scratch(Mi, key, d, k, T, basis, nonb)
        if ok:
            _positions(basis, nonb, posnb, posb)
            return False, True, True, det, age
    return False, False, False, np.int64(1), age


@nb.njit(**_NJ)
def enumerate_vertices(Mi, Mf, int_ok, exact_first, var_label, seen, scount, vkeys, vvals,
                       vcount, recs, nums, dens, nrec, stack, top, max_age, stats):
    """Run the depth-first search until the stack is empty.

    Parameters (arrays are reused across calls; grown ones are returned)
    ----------
    Mi, Mf : (k, d) int64 and float64 copies of ``M`` (``Mf`` scaled by a power of two)
    int_ok : whether ``Mi`` holds ``M`` exactly (entries below ``2**62``)
    exact_first : integer pivoting first (else certified floats first)
    var_label : (d + k,) game label of each variable
    seen, scount : hash set of visited bases and its size (array of one int)
    vkeys, vvals, vcount : hash map from zero mask to vertex index
    recs : (cap, 3) uint64 rows ``(labels, basis, zero mask)`` of the vertices
    nums, dens : exact numerators (cap, d) and denominators of the vertices (``dens == 0``:
        not known exactly here)
    nrec : number of vertices
    stack : (cap, 4) int64 entries ``(parent frame, row, column, basis)``; ``top`` entries.
        A parent frame (-1: none) holds the dictionary of a processed basis until all the
        children pushed from it have been popped (reference counts), so each child costs one
        pivot.
    max_age : a float dictionary reached by more than this many pivots since it was last
        computed from the slack basis is recomputed from scratch (bounds rounding growth)
    stats : int64 counters, incremented: bases processed, dictionaries recomputed from the
        slack basis, float bases not certified, bases handed to Python, then the
        certification codes 0..4

    Returns the grown arrays, ``nrec``, and the bases (uint64 array) that Python must process.
    """
    k, d = Mi.shape
    nv = d + k
    full = (np.uint64(1) << np.uint64(nv)) - np.uint64(1) if nv < 64 else ~np.uint64(0)
    MfT = np.ascontiguousarray(Mf.T)
    pool, work = _workspace(k, d, exact_first, 64)
    ipool, fpool, idet, fage, pbasis, pnonb, pref, free = pool
    T, Dt, cwork, iwork, DT = work
    nfree = 0
    nframes = 0
    posnb = np.empty(nv, dtype=np.int64)
    posb = np.empty(nv, dtype=np.int64)
    rows = np.empty(d, dtype=np.int64)
    cand = np.empty(k, dtype=np.int64)
    basis = np.empty(k, dtype=np.int64)
    nonb = np.empty(d, dtype=np.int64)
    pyq = np.empty(16, dtype=np.uint64)
    npy = 0
    while top > 0:
        top -= 1
        par = stack[top, 0]
        key = np.uint64(stack[top, 3])
        have, exact, det, age = False, False, np.int64(1), 0
        stats[0] += 1
        if par >= 0:
            have, exact, det, age = _pivot_from_parent(
                par, stack[top, 1], stack[top, 2], exact_first, max_age, ipool, idet, fpool,
                fage, pbasis, pnonb, basis, nonb, T, Dt)
            pref[par] -= 1
            if pref[par] == 0:
                free[nfree] = par
                nfree += 1
        if not have:
            stats[1] += 1
            age = 0
            if exact_first:
                det, have = _int_from_scratch(Mi, key, d, k, T, basis, nonb)
                exact = have
            else:
                have = _float_from_scratch(Mf, key, d, k, Dt, basis, nonb)
        _positions(basis, nonb, posnb, posb)
        certified = False
        if have and not exact:
            certified, have, exact, det, age = _certify_node(
                Mi, Mf, MfT, int_ok, exact_first, key, age, Dt, T, basis, nonb, posnb, posb,
                rows, cwork, DT, iwork, stats)
        if not have:
            stats[3] += 1
            if npy >= pyq.size:
                pyq = _grow1(pyq)
            pyq[npy] = key
            npy += 1
            continue
        vkeys, vvals, recs, nums, dens, nrec = _store_vertex(
            certified, T, det, key, full, basis, var_label, vkeys, vvals, vcount, recs, nums,
            dens, nrec)
        # a frame for the children (taken now, released if no child is pushed)
        if nfree > 0:
            nfree -= 1
            fr = free[nfree]
        else:
            if nframes >= pref.size:
                ipool, fpool, idet, fage, pbasis, pnonb, pref, free = _grow_frames(
                    exact_first, ipool, fpool, idet, fage, pbasis, pnonb, pref, free)
            fr = nframes
            nframes += 1
        seen, stack, top, pushed = _push_children(T, Dt, not certified, det, key, d, k, basis,
                                                  nonb, posnb, posb, rows, cand, seen, scount,
                                                  stack, top, fr)
        if pushed == 0:
            free[nfree] = fr
            nfree += 1
            continue
        pref[fr] = pushed
        _save_frame(fr, basis, nonb, exact_first, certified, T, det, Dt, age, ipool, idet,
                    fpool, fage, pbasis, pnonb)
    return seen, vkeys, vvals, recs, nums, dens, nrec, stack, pyq[:npy]


@nb.njit(**_NJ)
def add_seen(seen, scount, key):
    """Python's access to the visited set: ``(seen, True)`` when ``key`` was new."""
    return _set_add(seen, scount, np.uint64(key))


@nb.njit(**_NJ)
def add_vertex(vkeys, vvals, vcount, recs, nrec, zmask, key, var_label):
    """Python's access to the vertex map (for vertices found with unbounded integers)."""
    return _record(vkeys, vvals, vcount, recs, nrec, np.uint64(zmask), np.uint64(key),
                   var_label, var_label.size)


# --------------------------------------------------------------------------- label matching
@nb.njit(**_NJ)
def _popcount(x):
    c = 0
    while x:
        x &= x - np.uint64(1)
        c += 1
    return c


@nb.njit(**_NJ)
def match_labels(lp, lq, m, n):
    """Index pairs ``(a, b)`` with ``lp[a] | lq[b]`` = all ``m + n`` labels.

    ``lp`` and ``lq`` are the label masks of the nonzero vertices of ``P`` and ``Q`` (distinct
    within each array). A vertex of ``P`` with exactly ``m`` labels pairs with the ``Q`` vertex
    carrying exactly the complementary labels (binary search) or with a degenerate ``Q`` vertex
    (more than ``n`` labels); a degenerate ``P`` vertex is compared with all of ``Q``. Both
    superset searches AND per-label bit sets of ``Q`` 64 vertices at a time.
    """
    nl = m + n
    full = (np.uint64(1) << np.uint64(nl)) - np.uint64(1) if nl < 64 else ~np.uint64(0)
    nq = lq.size
    order = np.argsort(lq)
    sq = lq[order]
    deg = np.empty(nq, dtype=np.int64)
    ndeg = 0
    for b in range(nq):
        if _popcount(lq[b]) > n:
            deg[ndeg] = b
            ndeg += 1
    # bit sets: bits_all[l, w] over all of Q, bits_deg[l, w] over the degenerate ones
    wa = (nq + 63) // 64
    wd = (ndeg + 63) // 64
    bits_all = np.zeros((nl, wa), dtype=np.uint64)
    bits_deg = np.zeros((nl, max(wd, 1)), dtype=np.uint64)
    dens = np.zeros(nl, dtype=np.int64)
    for b in range(nq):
        x = lq[b]
        for l in range(nl):
            if (x >> np.uint64(l)) & np.uint64(1):
                bits_all[l, b >> 6] |= np.uint64(1) << np.uint64(b & 63)
                dens[l] += 1
    for t in range(ndeg):
        x = lq[deg[t]]
        for l in range(nl):
            if (x >> np.uint64(l)) & np.uint64(1):
                bits_deg[l, t >> 6] |= np.uint64(1) << np.uint64(t & 63)
    lab_order = np.argsort(dens)  # sparsest labels first: words become zero sooner
    out = np.empty((16, 2), dtype=np.int64)
    nout = 0
    need = np.empty(nl, dtype=np.int64)
    for a in range(lp.size):
        x = lp[a]
        comp = full & ~x
        nneed = 0
        for t in range(nl):
            l = lab_order[t]
            if (comp >> np.uint64(l)) & np.uint64(1):
                need[nneed] = l
                nneed += 1
        if _popcount(x) > m:
            bits, nw, nitems, via_deg = bits_all, wa, nq, False
        else:
            # exact complement
            lo, hi = 0, nq
            while lo < hi:
                mid = (lo + hi) // 2
                if sq[mid] < comp:
                    lo = mid + 1
                else:
                    hi = mid
            if lo < nq and sq[lo] == comp:
                if nout >= out.shape[0]:
                    out = _grow2(out)
                out[nout, 0] = a
                out[nout, 1] = order[lo]
                nout += 1
            if ndeg == 0:
                continue
            bits, nw, nitems, via_deg = bits_deg, wd, ndeg, True
        for w in range(nw):
            v = ~np.uint64(0)
            if w == nw - 1 and nitems & 63:
                v = (np.uint64(1) << np.uint64(nitems & 63)) - np.uint64(1)
            for t in range(nneed):
                v &= bits[need[t], w]
                if v == 0:
                    break
            while v:
                low = v & (~v + np.uint64(1))
                pos = 0
                tmpv = low
                while tmpv > np.uint64(1):
                    tmpv >>= np.uint64(1)
                    pos += 1
                v ^= low
                idx = w * 64 + pos
                b = deg[idx] if via_deg else idx
                if via_deg and lq[b] == comp:
                    continue  # found above by the exact-complement search
                if nout >= out.shape[0]:
                    out = _grow2(out)
                out[nout, 0] = a
                out[nout, 1] = b
                nout += 1
    return out[:nout]


def choose_mode(M) -> tuple[bool, bool]:
    """``(int_ok, exact_first)`` for a positive integer matrix ``M`` (list of lists of int).

    Every entry of an integer dictionary is (up to sign) a ``k x k`` minor of ``[M | I | 1]``,
    bounded by the product of the row norms (Hadamard's inequality). When that bound is below
    ``2**62`` integer pivoting cannot overflow and runs first; otherwise certified floating
    point runs first and integer pivoting (with overflow detection) only re-does uncertain nodes.
    """
    big = max(max(row) for row in M)
    int_ok = big < 2 ** 62
    h2 = 1
    for row in M:
        h2 *= sum(v * v for v in row) + 2
    exact_first = int_ok and h2 < 2 ** 124
    return int_ok, exact_first
