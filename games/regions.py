"""Readable parameter regions: a conjunction of conditions simplified exactly.

The conditions under which a profile is an equilibrium come out of the deviation inequalities
one by one, so their conjunction is often redundant or hides what it means: ``c >= 4*s`` and
``4*s >= c`` together say ``c = 4*s``; ``t >= 2`` and ``t <= 0`` can never hold together;
``b >= c`` makes ``2*b >= c`` superfluous when ``b, c > 0``. :func:`simplify_conditions` rewrites
a conjunction into an equivalent, minimal one:

* **linear** conditions (any number of parameters) are treated as a polyhedron, with exact
  rational linear programs (sympy's simplex): an empty region becomes ``false`` ("never"), a
  region that is the whole parameter domain becomes ``true`` ("always"), inequalities that the
  region forces to hold with equality become equations, and inequalities implied by the others
  are dropped;
* **univariate** non-linear conditions are solved as sets of real numbers and merged into
  intervals;
* anything else is kept, with exact duplicates and a condition stated next to its contradiction
  removed.

The *domain* of each parameter comes from its sympy assumptions (``positive``, ``nonnegative``,
``negative``, ``nonpositive``): these constraints are used to decide, but not repeated in the
answer. :func:`condition_text` writes the result for people (``c = 4*s``, ``never``,
``always``).

References
----------
.. [1] A. Schrijver, *Theory of Linear and Integer Programming*, Wiley, 1986, ch. 8 (implicit
   equalities and redundant inequalities of a polyhedron).
.. [2] A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3
   (2017), e103.
"""

from __future__ import annotations

import sympy as sp

from .budget import check_active_deadline
from .errors import InputError

__all__ = ["simplify_conditions", "condition_text"]

#: Beyond this many linear conditions (or parameters) the exact LP reduction is skipped and
#: only duplicates and direct contradictions are removed (each reduction step solves one exact
#: LP per condition).
MAX_LINEAR_CONDITIONS = 60
MAX_LINEAR_PARAMETERS = 12


# ---------------------------------------------------------------------- normal form


def _as_list(conditions):
    if isinstance(conditions, bool):
        return [sp.true if conditions else sp.false]
    if isinstance(conditions, sp.Basic):
        conditions = [conditions]
    out = []
    for c in conditions:
        c = sp.true if c is True else sp.false if c is False else c
        if isinstance(c, sp.And):
            out.extend(_as_list(list(c.args)))
        elif isinstance(c, (sp.core.relational.Relational, sp.logic.boolalg.BooleanAtom)) or \
                isinstance(c, sp.logic.boolalg.Boolean):
            out.append(c)
        else:
            raise InputError(f"simplify_conditions: {c!r} is not a condition (a sympy relational)")
    return out


def _primitive(e: sp.Expr) -> sp.Expr:
    """``e`` divided by its positive rational content (``2*c - 8*s`` becomes ``c - 4*s``)."""
    e = sp.expand(e)
    if e.is_number:
        return e
    content, prim = e.as_content_primitive()
    return prim if content.is_positive else e


def _normalise(rel):
    """``(e, strict)`` with the relational equivalent to ``e >= 0`` (``e > 0`` if strict).

    Returns None for a relational that is not an inequality (kept as it is).
    """
    if isinstance(rel, (sp.Ge, sp.Gt)):
        e, strict = rel.lhs - rel.rhs, isinstance(rel, sp.Gt)
    elif isinstance(rel, (sp.Le, sp.Lt)):
        e, strict = rel.rhs - rel.lhs, isinstance(rel, sp.Lt)
    else:
        return None
    return _primitive(e), strict


def _domain(symbols):
    """The sign constraints the symbols' assumptions declare, as ``(e, strict)`` pairs."""
    out = []
    for s in symbols:
        if s.is_positive:
            out.append((s, True))
        elif s.is_nonnegative:
            out.append((s, False))
        elif s.is_negative:
            out.append((-s, True))
        elif s.is_nonpositive:
            out.append((-s, False))
    return out


def _relational(e, strict, equal=False):
    """``e >= 0`` written as "positive terms >= negative terms".

    With ``equal`` the equation ``e = 0``, written with the terms of the first parameter (by
    name) on the left with a positive sign, so that ``c - 4*s`` and ``4*s - c`` both read
    ``c = 4*s``.
    """
    e = sp.expand(e)
    if equal:
        first = min(e.free_symbols, key=str)
        terms = sp.Add.make_args(e)
        left = sp.Add(*[t for t in terms if first in t.free_symbols])
        right = -sp.Add(*[t for t in terms if first not in t.free_symbols])
        if left.could_extract_minus_sign():
            left, right = -left, -right
        return sp.Eq(left, right, evaluate=False)
    terms = sp.Add.make_args(e)
    pos = [t for t in terms if not t.could_extract_minus_sign()]
    neg = [-t for t in terms if t.could_extract_minus_sign()]
    lhs, rhs = sp.Add(*pos), sp.Add(*neg)
    if lhs.is_number and not rhs.is_number:  # 1 - c >= 0 reads c <= 1, -c - t >= 0 c + t <= 0
        return (sp.Lt if strict else sp.Le)(rhs, lhs)
    return (sp.Gt if strict else sp.Ge)(lhs, rhs)


# ---------------------------------------------------------------------- linear regions


def _is_linear(e, symbols):
    try:
        p = sp.Poly(e, *symbols)
    except sp.PolynomialError:
        return False
    return p.total_degree() <= 1 and all(c.is_Rational for c in p.coeffs())


def _lp_max(objective, constraints):
    """Exact ``max objective`` subject to ``e >= 0`` for every ``e`` in ``constraints``.

    Returns the optimum (a Rational), ``oo`` when unbounded, None when infeasible.
    """
    # plain symbols: with ``positive=True`` sympy would evaluate ``b >= 0`` to True and the LP
    # would lose the domain constraints (they are passed explicitly instead)
    plain = {s: sp.Dummy(s.name) for s in set(objective.free_symbols).union(
        *(e.free_symbols for e in constraints))}
    objective = objective.xreplace(plain)
    constraints = [e.xreplace(plain) for e in constraints]
    cons = [e for e in constraints if not (e.is_number and e >= 0)]
    if any(e.is_number and e < 0 for e in constraints):
        return None
    constant = not objective.free_symbols
    if constant:  # a feasibility test: maximise any variable instead
        variables = sorted(set().union(*(e.free_symbols for e in constraints)), key=str)
        if not variables:
            return objective
        objective, value = variables[0], objective
    best = _linprog_max(objective, cons)
    if best is None:
        return None
    return value if constant else best


def _linprog_max(objective, constraints):
    """``max objective`` s.t. ``e >= 0`` for linear ``e`` over free real variables, by sympy's
    exact simplex on the coefficient matrices (``lpmax`` on relationals solves each one as a
    univariate inequality first, ten times slower). ``oo`` when unbounded, None when infeasible.
    """
    from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, linprog

    variables = sorted(set(objective.free_symbols).union(*(e.free_symbols for e in constraints)),
                       key=str)
    c, c0 = sp.linear_eq_to_matrix([objective], variables)
    if not constraints:
        return sp.oo if any(c) else -c0[0]
    A, b = sp.linear_eq_to_matrix([-e for e in constraints], variables)   # -e <= 0
    # free variables as differences of nonnegative ones, x = x+ - x- (linprog's default bounds)
    A, c = A.row_join(-A), c.row_join(-c)
    try:
        low = linprog(-c, A, b)[0]
    except UnboundedLPError:
        return sp.oo
    except InfeasibleLPError:
        return None
    return -low - c0[0]


def _feasible(system) -> bool:
    """Whether ``{e >= 0 (non-strict), e > 0 (strict)}`` has a real solution (exact)."""
    weak = [e for e, strict in system if not strict]
    strict = [e for e, s in system if s]
    if not strict:
        return _lp_max(sp.Integer(0), weak) is not None
    t = sp.Dummy("t")
    best = _lp_max(t, weak + [e - t for e in strict] + [1 - t])
    return best is not None and best > 0


def _linear_reduce(rels, domain):
    """Minimal equivalent form of a conjunction of linear inequalities, or ``sp.false``."""
    if not _feasible(rels + domain):
        return sp.false
    closure = [e for e, _ in rels + domain]
    equalities, inequalities = [], []
    for e, strict in rels:
        if not strict and _lp_max(e, closure) == 0:
            if not any(_primitive(e - f) == 0 or _primitive(e + f) == 0 for f in equalities):
                equalities.append(e)
        else:
            inequalities.append((e, strict))
    # equations implied by the others (linear dependence) are dropped
    kept_eq = []
    for e in equalities:
        syms = sorted(set().union(*(f.free_symbols for f in kept_eq + [e])), key=str)
        rows = [[sp.Poly(f, *syms).coeff_monomial(s) for s in syms] + [f.subs({s: 0 for s in syms})]
                for f in kept_eq + [e]]
        if sp.Matrix(rows).rank() > len(kept_eq):
            kept_eq.append(e)
    # inequalities implied by the rest (equalities, other inequalities, the domain) are dropped
    kept = list(inequalities)
    for item in list(inequalities):
        e, strict = item
        rest = [f for f in kept if f is not item]
        others = [f for f, _ in rest + domain] + kept_eq + [-f for f in kept_eq]
        low = -_lp_max(-e, others) if _lp_max(-e, others) is not None else None
        if low is None:  # cannot happen for a feasible system; keep the condition
            continue
        if low > 0 or (low == 0 and not strict):
            kept.remove(item)
    if not kept_eq and not kept:
        return sp.true
    parts = [_relational(e, False, equal=True) for e in kept_eq]
    parts += [_relational(e, strict) for e, strict in kept]
    return sp.And(*parts, evaluate=False) if len(parts) > 1 else parts[0]


# ---------------------------------------------------------------------- public


def _solved_region(conds, x, dom):
    """The set of ``x`` in ``dom`` where every condition holds, or None when sympy cannot
    solve one of them."""
    region = dom
    try:
        for cond in conds:
            check_active_deadline()    # a symbolic report's time budget (Max/exp: slow)
            solved = sp.solveset(cond, x, sp.Reals)
            if solved.has(sp.ConditionSet):
                # sympy could not solve it (exp(b/2) + 1 >= 4*b): intersecting such sets
                # ran for minutes on a 6x6 game of max/exp payoffs; kept as written
                return None
            region = region.intersect(solved)
    except (NotImplementedError, ValueError, TypeError):
        return None
    return region


def simplify_conditions(conditions):
    """An equivalent, minimal form of a conjunction of conditions on parameters.

    Parameters
    ----------
    conditions : sympy Boolean, or sequence of sympy relationals
        Conditions that must all hold (e.g. :attr:`govgames.games.symbolic.Conditions.holds`).
        Each parameter's sympy assumptions (``positive=True``, ``nonnegative=True``, ...) are its
        domain: they are used to decide but not repeated in the result.

    Returns
    -------
    sympy Boolean
        ``sympy.false`` when no parameter values satisfy the conditions ("never"),
        ``sympy.true`` when all do ("always"), otherwise a relational or an ``And`` of them in
        which inequalities forced to equality are written as ``Eq`` and implied ones are dropped.
        Linear conditions are decided exactly (rational linear programs); univariate non-linear
        ones are merged into intervals; other conditions are returned with duplicates removed.

    Raises
    ------
    InputError
        If an item is not a sympy condition.

    References
    ----------
    Schrijver (1986), ch. 8: implicit equalities and redundant constraints of a polyhedron.

    Examples
    --------
    Two opposite inequalities are one equation; incompatible ones never hold:

    >>> import sympy as sp
    >>> c, s, t = sp.symbols("c s t", real=True)
    >>> simplify_conditions([c >= 4*s, 4*s >= c])
    Eq(c, 4*s)
    >>> simplify_conditions([t >= 2, -t >= 0])
    False

    Domains come from assumptions; implied conditions are dropped:

    >>> b, k = sp.symbols("b k", positive=True)
    >>> simplify_conditions([b >= k, 2*b >= k, b + k > 0])
    b >= k
    >>> simplify_conditions([b + k >= 0])
    True
    """
    items = _as_list(conditions)
    if any(c == sp.false for c in items):
        return sp.false
    items = [c for c in items if c != sp.true]
    if not items:
        return sp.true
    symbols = sorted(set().union(*(c.free_symbols for c in items)), key=str)
    domain = _domain(symbols)
    linear, univariate, other = [], [], []
    for c in items:
        norm = _normalise(c)
        if norm is not None and _is_linear(norm[0], symbols):
            if norm not in linear:
                linear.append(norm)
        elif len(c.free_symbols) == 1 and isinstance(c, sp.core.relational.Relational):
            univariate.append(c)
        elif c not in other:
            other.append(c)

    # linear conditions on a parameter that also has non-linear ones join its interval
    nonlinear_symbols = {next(iter(c.free_symbols)) for c in univariate}
    for e, strict in list(linear):
        if len(e.free_symbols) == 1 and next(iter(e.free_symbols)) in nonlinear_symbols:
            linear.remove((e, strict))
            univariate.append(sp.Gt(e, 0) if strict else sp.Ge(e, 0))
    parts = []
    if linear:
        if len(linear) <= MAX_LINEAR_CONDITIONS and len(symbols) <= MAX_LINEAR_PARAMETERS:
            reduced = _linear_reduce(linear, domain)
        else:
            reduced = sp.And(*[_relational(e, s) for e, s in linear])
        if reduced == sp.false:
            return sp.false
        parts.extend(_as_list(reduced))
    by_symbol: dict = {}
    for c in univariate:
        by_symbol.setdefault(next(iter(c.free_symbols)), []).append(c)
    for x, conds in by_symbol.items():
        lo = [(e, st) for e, st in _domain([x])]
        dom = sp.Interval(0, sp.oo, left_open=lo[0][1], right_open=True) if lo and lo[0][0] == x \
            else sp.Interval(-sp.oo, 0, left_open=True, right_open=lo[0][1]) if lo else sp.Reals
        region = _solved_region(conds, x, dom)
        if region is None:
            other.extend(conds)
            continue
        if region == sp.EmptySet:
            return sp.false
        if region == dom:
            continue
        parts.append(region.as_relational(x))
    parts.extend(other)
    parts = [p for p in parts if p != sp.true]
    if not parts:
        return sp.true
    return sp.And(*parts, evaluate=False) if len(parts) > 1 else parts[0]


_OPS = {sp.Ge: ">=", sp.Gt: ">", sp.Le: "<=", sp.Lt: "<", sp.Eq: "=", sp.Ne: "!="}


def condition_text(condition) -> str:
    """A condition written for people: ``c = 4*s``, ``b >= k and k > 1``, ``always``, ``never``.

    Parameters
    ----------
    condition : sympy Boolean
        Typically the result of :func:`simplify_conditions`.

    Returns
    -------
    str

    Examples
    --------
    >>> import sympy as sp
    >>> c, s = sp.symbols("c s", real=True)
    >>> condition_text(simplify_conditions([c >= 4*s, 4*s >= c]))
    'c = 4*s'
    >>> condition_text(sp.false), condition_text(sp.true)
    ('never', 'always')
    """
    if condition == sp.true or condition is True:
        return "always"
    if condition == sp.false or condition is False:
        return "never"
    if isinstance(condition, sp.And):  # in the order of the parameters' names
        args = sorted(condition.args, key=lambda a: (sorted(map(str, a.free_symbols)), str(a)))
        return " and ".join(_wrap(condition_text(a), a) for a in args)
    if isinstance(condition, sp.Or):
        return " or ".join(_wrap(condition_text(a), a) for a in condition.args)
    for kind, op in _OPS.items():
        if isinstance(condition, kind):
            return f"{sp.sstr(condition.lhs)} {op} {sp.sstr(condition.rhs)}"
    return sp.sstr(condition)


def _wrap(text, arg):
    return f"({text})" if isinstance(arg, (sp.And, sp.Or)) else text
