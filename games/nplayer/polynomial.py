"""Exact solution of the indifference equations of one support profile.

Given a support profile ``S = (S_1, ..., S_N)``, a mixed profile ``x`` with exactly that support
is a Nash equilibrium when

* every strategy in ``S_i`` earns player ``i`` the same payoff ``v_i`` (the *indifference
  equations*, ``|S_i| - 1`` per player, multilinear in the other players' probabilities),
* every probability on ``S_i`` is positive and sums to one, and
* no strategy outside ``S_i`` earns more than ``v_i``.

The equations are solved exactly over the rationals:

1. a Groebner basis of the equations (degree-reverse-lexicographic order; FLINT's Buchberger
   algorithm through python-flint) decides whether the complex solution set is empty, finite
   or positive-dimensional (Cox, Little and O'Shea 2015, ch. 5);
2. for a finite set, the multiplication matrices of the quotient algebra and the characteristic
   polynomial of a random separating linear form give a *rational univariate representation*
   (Rouillier 1999): a squarefree polynomial ``chi(T)`` and every unknown as a polynomial in
   ``T``; non-reduced ideals (multiple solutions, a mark of degenerate games) are first replaced
   by their radical with Seidenberg's lemma;
3. ``chi`` is factored into irreducible polynomials over the rationals; each real root of each
   factor (isolated with certified ball arithmetic) gives one real solution, whose positivity and
   best-response inequalities are decided exactly (:mod:`govgames.games.nplayer.algebraic`).

A positive-dimensional solution set (games with ties in the payoffs) is first saturated by the
product of the probabilities, which removes its parts where some probability is zero (Cox,
Little and O'Shea 2015, sec. 4.4): what is left may be empty, finite (isolated equilibria, solved
as above) or still positive-dimensional. Points on a continuum are searched by adding the
inequalities that may be tight and by slicing the set with hyperplanes that fix its coordinates
at rational values; every point found is an exact equilibrium.

References
----------
.. [1] D. A. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and Algorithms*, 4th ed.,
   Springer, 2015, ch. 2 and 5.
.. [2] F. Rouillier, "Solving zero-dimensional systems through the rational univariate
   representation", *AAECC* 9 (1999), 433-461.
.. [3] R. D. McKelvey and A. McLennan, "Computation of equilibria in finite games", in
   *Handbook of Computational Economics* vol. 1, Elsevier, 1996, 87-142, sec. 6.
.. [4] R. S. Datta, "Using computer algebra to find Nash equilibria", *Proc. ISSAC 2003*,
   74-79.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from math import comb, lcm
from typing import Sequence

import flint
import numpy as np

from .algebraic import AlgebraicProfile, real_roots, sign_at_root

__all__ = ["integer_payoffs", "IndifferenceSystem", "SupportSolution", "solve_support",
           "BudgetExceeded", "support_empty_by_saturation", "max_independent_set"]


def max_independent_set(supports, n: int) -> tuple:
    """The size and the lexicographically first largest set ``U`` of variables ``0..n-1``
    containing none of ``supports`` (each a set of variable indices): the dimension of an ideal
    read from the variables of its leading monomials (Cox, Little and O'Shea 2015, sec. 9.3).

    >>> max_independent_set([{0}, {1, 2}], 3)
    (1, (1,))
    >>> max_independent_set([{0}, {1}], 2)
    (0, ())
    """
    supports = [frozenset(s) for s in supports]
    # Independent sets are closed under subsets: grow them size by size from the empty
    # set (each from its prefix, so a level is in lexicographic order, the order of
    # ``combinations``), which is fast when the dimension is small (a generic support has
    # dimension 0); a level too large to keep falls back to the search from the top.
    level: list[tuple] = [()]
    while True:
        grown = [U + (k,) for U in level for k in range(U[-1] + 1 if U else 0, n)
                 if not any(s <= set(U + (k,)) for s in supports)]
        if not grown:
            return len(level[0]), level[0]
        if len(grown) > _MAX_INDEPENDENT_SETS:
            break
        level = grown
    for size in range(n, len(level[0]), -1):
        for U in itertools.combinations(range(n), size):
            Us = set(U)
            if not any(s <= Us for s in supports):
                return size, U
    return len(level[0]), level[0]  # pragma: no cover - the larger sets were found


class BudgetExceeded(RuntimeError):
    """The Groebner basis of one support outgrew the limits given to the solver."""


#: Independent sets kept per size by :meth:`IndifferenceSystem.dimension` before it searches
#: from the largest size down instead.
_MAX_INDEPENDENT_SETS = 100_000


def integer_payoffs(exact: np.ndarray) -> list:
    """Each player's payoffs scaled to integers (object arrays of Python ints).

    Multiplying one player's payoffs by a positive constant does not change the equilibria, so
    the exact rational payoffs of player ``i`` are multiplied by the least common multiple of
    their denominators.

    >>> from fractions import Fraction as F
    >>> integer_payoffs(np.array([[[F(1, 2), F(1, 3)]], [[F(2), F(5)]]], dtype=object))[0]
    array([[3, 2]], dtype=object)
    """
    out = []
    for P in exact:
        den = lcm(*[Fraction(x).denominator for x in P.flat]) if P.size else 1
        ints = np.array([int(Fraction(x) * den) for x in P.flat], dtype=object)
        out.append(ints.reshape(P.shape))
    return out


@dataclass
class SupportSolution:
    """What one support profile contributes.

    Attributes
    ----------
    support : tuple of tuple of int
    dimension : int
        -1: the indifference equations have no complex solution; 0: finitely many;
        ``d > 0``: a ``d``-dimensional solution set. When the solution set is
        positive-dimensional, this counts only its part where no probability is zero (the
        saturation), if that could be computed within the limits.
    points : list of AlgebraicProfile
        Equilibria whose support is exactly ``support`` (exact; degree 1 means rational).
    n_complex : int
        Number of complex solutions counted with multiplicity (dimension 0 only).
    multiple : bool
        True when some solution has multiplicity above one (the ideal is not radical).
    tight : bool
        True when some listed point has an unused strategy that is also a best response.
    """

    support: tuple
    dimension: int
    points: list = field(default_factory=list)
    n_complex: int = 0
    multiple: bool = False
    tight: bool = False


def _leading_monomial(p) -> tuple:
    return p.monoms()[0]


def _divides(a: tuple, b: tuple) -> bool:
    return all(x <= y for x, y in zip(a, b))


class IndifferenceSystem:
    """The polynomial system of a support profile, with integer coefficients.

    Unknowns: for player ``i``, the probabilities ``y`` of the strategies ``S_i[1:]``; the
    first strategy gets ``1 - sum(y)``. An extra variable ``w`` (never used by the equations)
    serves to read exact normal forms from FLINT's primitive reductions.

    Parameters
    ----------
    payoffs : list of numpy object arrays
        Integer payoffs per player (:func:`integer_payoffs`).
    support : tuple of tuple of int
    """

    def __init__(self, payoffs: Sequence[np.ndarray], support: tuple):
        self.support = tuple(tuple(int(s) for s in S) for S in support)
        self.n_players = len(self.support)
        self._standard: tuple | None = None  # (G, its standard monomials), the last asked
        names = [f"y{i}_{s}" for i, S in enumerate(self.support) for s in S[1:]]
        self.nvars = len(names)
        self.ctx = flint.fmpz_mpoly_ctx.get(tuple(names) + ("w_",), "degrevlex")
        gens = self.ctx.gens()
        self.w = gens[-1]
        self.vars = gens[:-1]
        one = self.ctx.constant(1)
        self.x = []  # per player, probability polynomial of each support strategy
        k = 0
        for S in self.support:
            ys = list(self.vars[k:k + len(S) - 1])
            k += len(S) - 1
            first = one
            for y in ys:
                first = first - y
            self.x.append([first] + ys)
        self.equations = []
        self.slacks = []  # (player, strategy, v_i - u_i(t)) for unused t
        for i, S in enumerate(self.support):
            U = payoffs[i]
            restricted = U[np.ix_(*[np.arange(U.shape[j]) if j == i else np.asarray(self.support[j])
                                    for j in range(self.n_players)])]
            R = np.moveaxis(restricted, i, 0)  # own strategies first, others restricted
            xs = [self.x[j] for j in range(self.n_players) if j != i]
            base = R[S[0]]
            for s in S[1:]:
                self.equations.append(self._multilinear(R[s] - base, xs))
            for t in range(U.shape[i]):
                if t not in S:
                    self.slacks.append((i, t, self._multilinear(base - R[t], xs)))

    def _multilinear(self, T: np.ndarray, xs: list):
        """``sum_t T[t] prod_j x_j[t_j]`` as a polynomial (T indexed by the others' supports)."""
        if not isinstance(T, np.ndarray) or T.ndim == 0:
            return self.ctx.constant(int(T))
        out = self.ctx.constant(0)
        for k, xk in enumerate(xs[0]):
            sub = T[k]
            if isinstance(sub, np.ndarray) and not np.any(sub != 0):
                continue
            out = out + xk * self._multilinear(sub, xs[1:])
        return out

    # ------------------------------------------------------------------ Groebner machinery
    def groebner(self, polys, limits=None):
        """A Groebner basis (degree reverse lexicographic) of ``polys``."""
        polys = [p for p in polys if not p.is_zero()]
        if not polys:
            return []
        vec = flint.fmpz_mpoly_vec(polys, self.ctx)
        if limits is not None:
            G, ok = vec.buchberger_naive(limits=limits)
            if not ok:
                raise BudgetExceeded(f"support {self.support}")
        else:
            G = vec.buchberger_naive()
        # not autoreduced: every use (dimension, standard monomials, normal forms) needs a
        # Groebner basis only, and autoreduction costs several times the basis itself
        return [g for g in G if not g.is_zero()]

    def normal_form(self, f, G) -> dict:
        """Exact normal form of ``f`` modulo the Groebner basis ``G``: {monomial: fmpq}.

        ``G`` may also be the ``fmpz_mpoly_vec`` of the basis (built once by the caller)."""
        r = f - self.w
        if len(G):
            vec = G if isinstance(G, flint.fmpz_mpoly_vec) else flint.fmpz_mpoly_vec(G, self.ctx)
            r = r.reduction_primitive_part(vec)
        d = dict(zip(r.monoms(), r.coeffs()))
        scale = -d.pop((0,) * self.nvars + (1,))
        return {m[:-1]: flint.fmpq(c, scale) for m, c in d.items()}

    def dimension(self, G) -> tuple:
        """Krull dimension of the ideal and a maximal independent set of variables.

        Read from the leading monomials: a set ``U`` of variables is independent when no leading
        monomial involves only variables of ``U`` (Cox, Little and O'Shea 2015, sec. 9.3).
        """
        n = self.nvars
        if any(g.is_constant() for g in G):
            return -1, ()
        lms = [_leading_monomial(g)[:n] for g in G]
        supports = [frozenset(k for k, e in enumerate(m) if e) for m in lms]
        return max_independent_set(supports, n)

    def standard_monomials(self, G) -> list:
        """Monomials not divisible by any leading monomial (finite for dimension 0); the last
        basis asked about is remembered (the solver asks twice)."""
        if self._standard is not None and self._standard[0] is G:
            return list(self._standard[1])
        order = self._standard_monomials(G)
        self._standard = (G, order)
        return list(order)

    def _standard_monomials(self, G) -> list:
        """:meth:`standard_monomials`, computed."""
        n = self.nvars
        lms = [_leading_monomial(g)[:n] for g in G]
        start = (0,) * n
        seen = {start}
        order = [start]
        frontier = [start]
        while frontier:
            nxt = []
            for m in frontier:
                for k in range(n):
                    c = m[:k] + (m[k] + 1,) + m[k + 1:]
                    if c in seen or any(_divides(lead, c) for lead in lms):
                        continue
                    seen.add(c)
                    order.append(c)
                    nxt.append(c)
            frontier = nxt
        return order

    def monomial(self, m: tuple):
        return self.ctx.from_dict({tuple(m) + (0,): 1})

    def multiplication_matrices(self, G, basis) -> list:
        """Matrix of multiplication by each unknown on the quotient algebra (``fmpq_mat``)."""
        index = {m: j for j, m in enumerate(basis)}
        D = len(basis)
        vec = flint.fmpz_mpoly_vec(G, self.ctx)
        mats = []
        for k in range(self.nvars):
            M = flint.fmpq_mat(D, D)
            for j, m in enumerate(basis):
                c = m[:k] + (m[k] + 1,) + m[k + 1:]
                if c in index:
                    M[index[c], j] = 1
                    continue
                for mon, val in self.normal_form(self.monomial(c), vec).items():
                    M[index[mon], j] = val
            mats.append(M)
        return mats

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, p, hs: list, m: flint.fmpq_poly) -> flint.fmpq_poly:
        """``p(h_1(T), ..., h_n(T))`` modulo ``m(T)``."""
        out = flint.fmpq_poly(0)
        cache: dict = {}
        for mon, c in zip(p.monoms(), p.coeffs()):
            term = flint.fmpq_poly([int(c)])
            for k, e in enumerate(mon[:self.nvars]):
                if e:
                    key = (k, e)
                    if key not in cache:
                        cache[key] = (hs[k] ** e) % m
                    term = (term * cache[key]) % m
            out += term
        return out % m


def _squarefree(p: flint.fmpq_poly) -> flint.fmpq_poly:
    g = p.gcd(p.derivative())
    return p if g.degree() == 0 else p // g


def _linear_forms(n: int):
    """Deterministic sequence of integer linear forms, the first ones small."""
    yield [k + 1 for k in range(n)]
    yield [(-1) ** k * (2 * k + 1) for k in range(n)]
    rng = np.random.default_rng(12345)
    while True:
        yield [int(c) for c in rng.integers(-97, 98, size=n)]


def _rur(system: IndifferenceSystem, G, tries: int = 6):
    """Rational univariate representation of a zero-dimensional ideal with Groebner basis G.

    Returns ``(chi, hs, mult)``: squarefree ``chi`` whose roots are the values of the separating
    form at the solutions, ``hs[k]`` with ``y_k = hs[k](theta)``, and ``mult`` a dict mapping
    each irreducible factor of ``chi`` (as a coefficient tuple) to its multiplicity in the
    original ideal.
    """
    basis = system.standard_monomials(G)
    D = len(basis)
    mats = system.multiplication_matrices(G, basis)
    forms = _linear_forms(system.nvars)
    radical_G, radical_mats, radical_basis = G, mats, basis
    radicalised = False
    for attempt in range(tries):
        c = next(forms)
        Mt = flint.fmpq_mat(len(radical_basis), len(radical_basis))
        for ck, Mk in zip(c, radical_mats):
            Mt = Mt + Mk * ck
        chi = Mt.charpoly()
        if _squarefree(chi).degree() == chi.degree():
            break
        if not radicalised and attempt >= 1:
            # Seidenberg: add the squarefree part of each unknown's minimal polynomial
            extra = []
            for k, Mk in enumerate(mats):
                mp = Mk.minpoly()
                sq = _squarefree(mp)
                if sq.degree() < mp.degree():
                    num = sq.numer() if hasattr(sq, "numer") else sq
                    coeffs = [int(x) for x in num.coeffs()]
                    y = system.vars[k]
                    poly = system.ctx.constant(0)
                    for e, a in enumerate(coeffs):
                        if a:
                            poly = poly + a * y ** e
                    extra.append(poly)
            radical_G = system.groebner(list(G) + extra)
            radical_basis = system.standard_monomials(radical_G)
            radical_mats = system.multiplication_matrices(radical_G, radical_basis)
            radicalised = True
    else:  # pragma: no cover - a separating form exists and random ones find it
        raise ArithmeticError("no separating linear form found")
    hs = _trace_coordinates(radical_mats, radical_basis, Mt, chi)
    # multiplicities in the original ideal, from the same linear form on the original algebra
    mult = {}
    if radicalised:
        Mt0 = flint.fmpq_mat(D, D)
        for ck, Mk in zip(c, mats):
            Mt0 = Mt0 + Mk * ck
        chi0 = Mt0.charpoly()
        _, facs = chi0.factor()
        for f, k in facs:
            mult[_key(f)] = k
    return chi, hs, mult, D


def _monomial_traces(mats: list, basis: list) -> flint.fmpq_mat:
    """Row vector of the traces ``Tr(M_b)`` of multiplication by each standard monomial ``b``.

    ``basis`` is closed under division and lists every monomial after its divisors
    (:meth:`IndifferenceSystem.standard_monomials`), so each ``M_b`` is one variable's matrix
    times the matrix of a monomial listed earlier.
    """
    D = len(basis)
    tau = flint.fmpq_mat(1, D)
    known: dict = {}
    for j, m in enumerate(basis):
        if not any(m):
            tau[0, j] = D
            continue
        k = next(q for q, e in enumerate(m) if e)
        prev = m[:k] + (m[k] - 1,) + m[k + 1:]
        M = mats[k] if not any(prev) else mats[k] * known[prev]
        known[m] = M
        tr = flint.fmpq(0)
        for r in range(D):
            tr += M[r, r]
        tau[0, j] = tr
    return tau


def _trace_coordinates(mats: list, basis: list, Mt: flint.fmpq_mat,
                       chi: flint.fmpq_poly) -> list:
    """Each unknown as a polynomial in the separating form, ``y_k = h_k(theta)``, by
    Rouillier's trace formula (radical ideal, ``chi`` the squarefree characteristic
    polynomial of the separating form's matrix ``Mt``).

    With ``chi(T) = sum_m a_m T^m`` of degree ``D`` and ``q_i(T) = sum_{m > i} a_m T^(m-i-1)``,
    ``g_v(T) = sum_i Tr(v t^i) q_i(T)`` satisfies ``g_v(t(xi)) = v(xi) chi'(t(xi))`` at every
    solution ``xi``, so ``h_k = g_{y_k} / chi' mod chi`` (Rouillier 1999, sec. 3). The traces
    ``Tr(y_k t^i)`` are ``tau M_k Mt^i e`` with ``tau`` the monomial traces
    (:func:`_monomial_traces`) and ``e`` the coordinates of 1: a Krylov sequence and one matrix
    product, instead of a linear solve with the Krylov matrix (whose entries are large).
    """
    D = len(basis)
    one = basis.index((0,) * len(basis[0]))
    tau = _monomial_traces(mats, basis)
    W = flint.fmpq_mat(len(mats), D)
    for k, Mk in enumerate(mats):
        row = tau * Mk
        for c in range(D):
            W[k, c] = row[0, c]
    col = flint.fmpq_mat(D, 1)
    col[one, 0] = 1
    K = flint.fmpq_mat(D, D)
    for i in range(D):
        if i:
            col = Mt * col
        for r in range(D):
            K[r, i] = col[r, 0]
    traces = W * K  # traces[k, i] = Tr(y_k t^i)
    g, inv, _ = chi.derivative().xgcd(chi)
    inv = inv / g.coeffs()[0]  # chi squarefree: the gcd is a non-zero constant
    hs = []
    for k in range(len(mats)):
        rev = flint.fmpq_poly([traces[k, D - 1 - i] for i in range(D)])
        gk = (chi * rev).right_shift(D)
        hs.append((gk * inv) % chi)
    return hs


def _key(f: flint.fmpq_poly | flint.fmpz_poly) -> tuple:
    """Primitive integer coefficients with positive leading coefficient, constant term first."""
    num = f.numer() if hasattr(f, "numer") else f
    coeffs = [int(x) for x in num.coeffs()]
    from math import gcd
    g = 0
    for x in coeffs:
        g = gcd(g, x)
    coeffs = [x // g for x in coeffs]
    if coeffs[-1] < 0:
        coeffs = [-x for x in coeffs]
    return tuple(coeffs)


def _real_points(system: IndifferenceSystem, G):
    """Every real solution of a zero-dimensional system: (m, root index, hs mod m, multiplicity)."""
    chi, hs, mult, D = _rur(system, G)
    _, facs = chi.factor()
    for f, _ in facs:
        m = _key(f)
        mq = flint.fmpq_poly(list(m))
        red = [h % mq for h in hs]
        k = mult.get(m, 1)
        if len(m) == 2:
            yield m, 0, red, k
            continue
        for idx in range(len(real_roots(m))):
            yield m, idx, red, k


def _quick_reject(values, m, idx) -> bool:
    """True when a ball evaluation already shows a negative quantity (cheap pre-filter)."""
    if len(m) == 2:
        return False
    theta = real_roots(m, 64)[idx]
    from .algebraic import _arb_eval
    for v in values:
        if _arb_eval(v, theta) < 0:
            return True
    return False


def _feasible(system: IndifferenceSystem, m, idx, hs):
    """Exact check of positivity and best responses; returns (profile coordinates, tight)."""
    mq = flint.fmpq_poly(list(m))
    probs = [[system.evaluate(x, hs, mq) for x in xs] for xs in system.x]
    flat = [p for row in probs for p in row]
    if _quick_reject(flat, m, idx):
        return None
    if any(sign_at_root(p, m, idx) <= 0 for p in flat):
        return None
    slack_vals = [system.evaluate(s, hs, mq) for _, _, s in system.slacks]
    if _quick_reject(slack_vals, m, idx):
        return None
    signs = [sign_at_root(v, m, idx) for v in slack_vals]
    if any(s < 0 for s in signs):
        return None
    return probs, any(s == 0 for s in signs)


def _fraction(x: flint.fmpq) -> Fraction:
    """``x`` as a Fraction. FLINT keeps ``x`` in lowest terms, so the gcd that ``Fraction(p,
    q)`` computes (costly for the thousands of digits of irrational equilibria's coordinates)
    is skipped where the standard library allows it."""
    p, q = int(x.p), int(x.q)
    make = getattr(Fraction, "_from_coprime_ints", None)  # Python 3.12 and later
    try:
        if make is not None:
            return make(p, q)
        return Fraction(p, q, _normalize=False)  # type: ignore[call-overload]  # 3.10, 3.11
    except TypeError:  # pragma: no cover - neither private constructor exists
        return Fraction(p, q)


def _as_profile(support: tuple, shape, m, idx, probs) -> AlgebraicProfile:
    """The profile whose probabilities on ``support`` are the polynomials ``probs`` (per
    player, modulo ``m``) at the ``idx``-th real root of ``m``."""
    deg = len(m) - 1
    coords = []
    for i, a in enumerate(shape):
        row = [(Fraction(0),) * deg] * a
        for s, p in zip(support[i], probs[i]):
            cs = [_fraction(c) for c in p.coeffs()]
            row[s] = tuple(cs + [Fraction(0)] * (deg - len(cs)))
        coords.append(tuple(row))
    if deg == 1:  # store rationals as constants of a trivial field: theta = -m0/m1
        coords = [tuple(tuple(c[:1]) for c in row) for row in coords]
    return AlgebraicProfile(tuple(m), idx, tuple(coords))


def _zero_dim_points(system, G, shape, result: SupportSolution):
    for m, idx, hs, k in _real_points(system, G):
        res = _feasible(system, m, idx, hs)
        if res is None:
            continue
        probs, tight = res
        if k > 1:
            result.multiple = True
        result.tight = result.tight or tight
        result.points.append(_as_profile(system.support, shape, m, idx, probs))


#: Values tried for the free coordinates when slicing a positive-dimensional solution set.
SLICE_VALUES = (Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(1, 4), Fraction(3, 4),
                Fraction(1, 5), Fraction(4, 5), Fraction(1, 10), Fraction(9, 10))


def _positive_dim_points(system, G, dim, indep, shape, result, max_systems=64):
    """Search points of a positive-dimensional solution set that are equilibria."""
    tried = 0
    # (a) boundary points: make up to `dim` of the unused strategies best responses too
    slacks = [s for _, _, s in system.slacks]
    for r in range(1, dim + 1):
        for combo in itertools.combinations(slacks, r):
            if tried >= max_systems:
                break
            tried += 1
            G2 = system.groebner(list(G) + list(combo))
            d2, _ = system.dimension(G2)
            if d2 == 0:
                _zero_dim_points(system, G2, shape, result)
    # (b) slices fixing the free coordinates
    grid = itertools.product(SLICE_VALUES, repeat=dim)
    for values in grid:
        if tried >= 2 * max_systems:
            break
        tried += 1
        extra = [v.denominator * system.vars[k] - v.numerator for k, v in zip(indep, values)]
        G2 = system.groebner(list(G) + extra)
        d2, _ = system.dimension(G2)
        if d2 == 0:
            _zero_dim_points(system, G2, shape, result)
    # (c) nothing found: slice deeper, fixing any coordinate (a slice of the chosen
    # independent set can fall into a component without equilibria, or stay positive-dimensional)
    if not result.points:
        _deep_slices(system, G, shape, result, (), [max_systems])
    result.points = _distinct(result.points)


def _distinct(points: list) -> list:
    """``points`` without the repeats (the same point reached by several slices): a point is
    dropped when ``numpy.allclose(f, g, atol=1e-12)`` holds for the floats ``f`` of it and
    ``g`` of a point kept before it, tested against all kept points at once."""
    kept: list = []
    floats: list = []
    for p in points:
        f = np.concatenate([np.asarray(r, dtype=float) for r in p.to_floats()])
        if floats:
            G = np.asarray(floats)
            if (np.abs(f - G) <= 1e-12 + 1e-05 * np.abs(G)).all(axis=1).any():
                continue
        kept.append(p)
        floats.append(f)
    return kept


def _deep_slices(system, G, shape, result, fixed: tuple, budget: list) -> None:
    """Fix one more coordinate at each value of :data:`SLICE_VALUES`, recursively, until the
    slice is zero-dimensional; stop at the first slice variable that yields an equilibrium or
    when ``budget[0]`` Groebner bases have been computed."""
    for k in range(system.nvars):
        if k in fixed:
            continue
        for v in SLICE_VALUES:
            if budget[0] <= 0:
                return
            budget[0] -= 1
            G2 = system.groebner(list(G) + [v.denominator * system.vars[k] - v.numerator])
            d2, _ = system.dimension(G2)
            if d2 == 0:
                _zero_dim_points(system, G2, shape, result)
            elif d2 > 0:
                _deep_slices(system, G2, shape, result, fixed + (k,), budget)
        if result.points:
            return


def solve_support(payoffs: Sequence[np.ndarray], support: tuple, limits=None) -> SupportSolution:
    """All equilibria whose support is exactly ``support``, in exact arithmetic.

    Parameters
    ----------
    payoffs : list of numpy object arrays
        Integer payoffs, one array of shape ``(a_1, ..., a_N)`` per player
        (:func:`integer_payoffs`).
    support : tuple of tuple of int
        The support profile ``(S_1, ..., S_N)``.
    limits : tuple of int, optional
        ``(basis_length, polynomial_length, coefficient_bits)`` limits of the Groebner basis
        computation; :class:`BudgetExceeded` is raised beyond them.

    Returns
    -------
    SupportSolution

    References
    ----------
    McKelvey and McLennan (1996), sec. 6; Datta (2003); Rouillier (1999).

    Examples
    --------
    The totally mixed equilibrium of three-player matching pennies (player 1 wants to match
    player 2, who wants to match player 3, who wants to mismatch player 1):

    >>> import numpy as np
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame.from_function(
    ...     lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    >>> sol = solve_support(integer_payoffs(g.exact_payoffs()), ((0, 1), (0, 1), (0, 1)))
    >>> sol.dimension, [p.evalf(3) for p in sol.points]
    (0, [[['0.500', '0.500'], ['0.500', '0.500'], ['0.500', '0.500']]])
    """
    system = IndifferenceSystem(payoffs, support)
    shape = payoffs[0].shape
    result = SupportSolution(system.support, 0)
    if system.nvars == 0:
        result.n_complex = 1
        ok = all(int(s.coeffs()[0]) >= 0 if not s.is_zero() else True for _, _, s in system.slacks)
        if ok:
            coords = []
            for i, a in enumerate(shape):
                first = system.support[i][0]
                coords.append(tuple((Fraction(1 if s == first else 0),) for s in range(a)))
            result.points.append(AlgebraicProfile((0, 1), 0, tuple(coords)))
            result.tight = any(s.is_zero() for _, _, s in system.slacks)
        return result
    if _indifferent_on_face(system):
        return _whole_face(system, shape)
    G = system.groebner(system.equations, limits)
    dim, indep = _settle(system, G, shape, result)
    if dim <= 0:
        return result
    # drop the solutions with a zero probability (on the boundary of the simplices): what is
    # left may be empty, finite (isolated equilibria that slices would miss) or still a continuum
    sat = _saturated(system, limits or SATURATION_LIMITS)
    if sat is not None:
        G = system.groebner(sat[0], limits)
        dim, indep = _settle(system, G, shape, result)
        if dim <= 0:
            return result
    _positive_dim_points(system, G, dim, indep, shape, result)
    return result


def _indifferent_on_face(system: IndifferenceSystem) -> bool:
    """Whether every indifference equation and every slack is the zero polynomial: each
    player's payoff is the same for all its strategies against every pure profile of the
    others' supports (the products of the probabilities are linearly independent), so every
    profile with the support is an equilibrium."""
    return all(e.is_zero() for e in system.equations) and \
        all(s.is_zero() for _, _, s in system.slacks)


def _whole_face(system: IndifferenceSystem, shape, max_systems: int = 64) -> SupportSolution:
    """:func:`solve_support` when :func:`_indifferent_on_face` holds: the solution set is the
    whole open face (dimension the number of unknowns). Its samples are those the slices of
    :func:`_positive_dim_points` give, read off without Groebner bases: the ideal is zero, so
    the boundary systems (the slacks, zero) stay positive-dimensional and each slice of the
    grid of :data:`SLICE_VALUES` is one point, a sample when every probability is positive;
    when none is, the barycentre (each player uniform on its support)."""
    dim = system.nvars
    tried = min(sum(comb(len(system.slacks), r) for r in range(1, dim + 1)), max_systems)
    rows = []
    for values in itertools.product(SLICE_VALUES, repeat=dim):
        if tried >= 2 * max_systems:
            break
        tried += 1
        it = iter(values)
        probs = [[v for v in itertools.islice(it, len(S) - 1)] for S in system.support]
        if all(sum(ys) < 1 for ys in probs):
            rows.append([[Fraction(1) - sum(ys)] + ys for ys in probs])
    if not rows:
        rows = [[[Fraction(1, len(S))] * len(S) for S in system.support]]
    points = []
    for row in rows:
        coords = tuple(tuple((dict(zip(S, ps)).get(s, Fraction(0)),) for s in range(a))
                       for S, ps, a in zip(system.support, row, shape))
        points.append(AlgebraicProfile((0, 1), 0, coords))
    return SupportSolution(system.support, dim, points, tight=bool(system.slacks))


def _settle(system, G, shape, result) -> tuple:
    """The dimension and independent variables of the ideal with Groebner basis ``G``, recorded
    in ``result``; when it is finite (dimension 0) its points are added to ``result`` too."""
    dim, indep = system.dimension(G)
    result.dimension = dim
    if dim == 0:
        result.n_complex = len(system.standard_monomials(G))
        _zero_dim_points(system, G, shape, result)
    return dim, indep


#: Groebner basis limits of the saturation step of :func:`solve_support` when none are given.
SATURATION_LIMITS = (2000, 5000, 20000)


def _saturated(system: IndifferenceSystem, limits):
    """Generators (in ``system.ctx``) of the indifference ideal saturated by the product of all
    probabilities, and the lex context's basis; None beyond ``limits``.

    Rabinowitsch's trick: a lexicographic Groebner basis of the equations and
    ``t * prod(probabilities) - 1`` with ``t`` first; its elements free of ``t`` generate the
    saturation (Cox, Little and O'Shea 2015, sec. 4.4).
    """
    names = ("t_",) + tuple(str(v) for v in system.vars) + ("w_",)
    ctx = flint.fmpz_mpoly_ctx.get(names, "lex")

    def lift(p):
        d = p.to_dict()
        return ctx.from_dict({(0,) + m: int(c) for m, c in d.items()}) if d else ctx.constant(0)

    prod = ctx.constant(1)
    for xs in system.x:
        for x in xs:
            prod = prod * lift(x)
    polys = [lift(e) for e in system.equations if not e.is_zero()] + [ctx.gens()[0] * prod - 1]
    G, ok = flint.fmpz_mpoly_vec(polys, ctx).buchberger_naive(limits=limits)
    if not ok:
        return None
    basis: list = list(G)  # type: ignore[call-overload]  # the stub types G as one polynomial
    elim = [g for g in basis if not g.is_zero() and g.degrees()[0] == 0]
    back = [system.ctx.from_dict({m[1:]: int(c) for m, c in g.to_dict().items()}) for g in elim]
    return back, elim, ctx, lift


def support_empty_by_saturation(payoffs: Sequence[np.ndarray], support: tuple,
                                limits=(2000, 5000, 20000)) -> bool:
    """True when exact algebra proves that no equilibrium has exactly ``support``.

    Solutions of the indifference equations with a zero probability (on the boundary of the
    simplices) are removed by saturation: a Groebner basis, in lexicographic order with the new
    unknown ``t`` first, of the equations plus ``t * prod(probabilities) - 1`` (Rabinowitsch's
    trick; Cox, Little and O'Shea 2015, sec. 4.4), whose elements free of ``t`` generate the
    saturated ideal. The support carries no equilibrium when that ideal is the unit ideal (every
    solution has a zero probability), or when the normal form of the payoff advantage of a used
    strategy over an unused one is a negative constant (it pays less everywhere on the set).

    Parameters
    ----------
    payoffs : sequence of numpy.ndarray
        Integer payoffs per player (:func:`integer_payoffs`).
    support : tuple of tuple of int
    limits : tuple of int
        Groebner basis limits; beyond them the answer is False (undecided).

    Returns
    -------
    bool
        True: provably no equilibrium with this support. False: undecided here.

    References
    ----------
    Cox, Little and O'Shea (2015), sec. 3.1 and 4.4.

    Examples
    --------
    Player 1 is indifferent only when player 2 plays ``s1`` for sure, which is not a mixed
    support of player 2:

    >>> P = np.zeros((3, 2, 2, 2), dtype=int)
    >>> P[0, 0, 1, :] = 1
    >>> support_empty_by_saturation(list(P), ((0, 1), (0, 1), (0,)))
    True
    >>> support_empty_by_saturation(list(P), ((0, 1), (0,), (0,)))
    False
    """
    system = IndifferenceSystem(payoffs, support)
    n = system.nvars
    sat = _saturated(system, limits)
    if sat is None:
        return False
    _, elim, ctx, lift = sat
    if any(g.is_constant() for g in elim):
        return True
    w = ctx.gens()[-1]
    vec = flint.fmpz_mpoly_vec(elim, ctx) if elim else None
    wm = (0,) * (n + 1) + (1,)
    for _, _, s in system.slacks:
        r = lift(s) - w
        if vec is not None:
            r = r.reduction_primitive_part(vec)
        d = {m: int(c) for m, c in zip(r.monoms(), r.coeffs())}
        scale = -d.pop(wm)
        if set(d) <= {(0,) * (n + 2)} and Fraction(d.get((0,) * (n + 2), 0), scale) < 0:
            return True
    return False
