"""Exact (sympy) work shared by the continuous-game solvers: first-order conditions, symmetric
substitution, exact solution of small polynomial systems, Kuhn-Tucker and second-order conditions.

Nothing here runs an unbounded computation: a system is handed to sympy only when it is
polynomial in the unknowns and either linear (any size up to :data:`MAX_LINEAR_UNKNOWNS`) or
of low degree in at most :data:`MAX_NONLINEAR_UNKNOWNS` unknowns; otherwise the callers solve
numerically.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from ..errors import InputError
from ..symbolic import _readable
from .game import ContinuousGame, _nonsmooth_part

MAX_LINEAR_UNKNOWNS = 60
MAX_NONLINEAR_UNKNOWNS = 2
MAX_DEGREE = 4


# ---------------------------------------------------------------------- derivatives
def own_gradient(game: ContinuousGame) -> list:
    """``d u_owner(k) / d x_k`` for every flat variable (sympy)."""
    key = "own_gradient"
    if key not in game._cache:
        xs = game.flat_variables
        exprs = game.payoff_exprs
        game._cache[key] = [sp.diff(exprs[int(i)], v) for v, i in zip(xs, game.owners)]
    return game._cache[key]


def require_differentiable(game: ContinuousGame, method: str):
    """InputError when a payoff's own derivative contains Heaviside/sign (not differentiable)."""
    if not game.has_expressions:
        return
    s = game.symmetric_form
    if s is not None:
        exprs = [(0, sp.diff(s["U"], s["own"]))]
    else:
        exprs = [(int(i), d) for d, i in zip(own_gradient(game), game.owners)]
    for i, d in exprs:
        bad = _nonsmooth_part(d)
        if bad is not None:
            who = "each player" if game.is_symmetric_form else repr(game.players[i])
            raise InputError(
                f"the payoff of {who} is not differentiable in its own choice (its derivative "
                f"contains {bad}); method {method!r} needs first-order conditions: use "
                "method='iteration' (best-response iteration by grid search, no derivatives)")


# ---------------------------------------------------------------------- symmetric substitution
def symmetric_system(game: ContinuousGame):
    """The first-order conditions of a symmetric profile: ``(unknowns, equations, substitution)``.

    Every player makes the same choice ``z`` (a vector for vector choices); the equations are
    player 1's own derivatives at that profile. ``substitution`` maps each flat variable to its
    ``z`` coordinate (empty for the symmetric form, whose unknown is the ``own`` symbol).
    """
    s = game.symmetric_form
    if s is not None:
        x, y = s["own"], s["others"]
        n = s["n"]
        eq = sp.diff(s["U"], x).subs(y, (n - 1) * s["g"])
        return [x], [eq], {}
    blocks = game.variables
    d = len(blocks[0])
    zs = list(blocks[0])
    sub = {v: zs[k] for blk in blocks[1:] for k, v in enumerate(blk)}
    grads = own_gradient(game)[:d]
    return zs, [g.subs(sub, simultaneous=True) for g in grads], sub


def symmetric_payoff(game: ContinuousGame, z):
    """Each player's payoff at the symmetric profile ``z`` (sympy)."""
    s = game.symmetric_form
    if s is not None:
        val = z[0] if isinstance(z, (list, tuple)) else z
        return s["U"].subs({s["own"]: val, s["others"]: (s["n"] - 1) * s["g"].subs(s["own"], val)},
                           simultaneous=True)
    blocks = game.variables
    z = list(z) if isinstance(z, (list, tuple)) else [z]
    sub = {v: z[k] for blk in blocks for k, v in enumerate(blk)}
    return game.payoff_exprs[0].subs(sub, simultaneous=True)


# ---------------------------------------------------------------------- solving
def _numerator(e, unknowns):
    if e.is_polynomial(*unknowns):  # nothing to clear (together/powsimp cost ~10 ms a term)
        return sp.expand(e), sp.S.One
    e = sp.together(sp.powsimp(sp.together(e), force=True))
    num, den = sp.fraction(e)
    num = sp.expand(num)
    if not num.is_polynomial(*unknowns):
        num2 = sp.expand(sp.powsimp(num, force=True))
        if not num2.is_polynomial(*unknowns):
            return None, den
        num = num2
    return num, den


def _total_degree(expr, unknowns) -> int:
    """Total degree of an expanded polynomial in ``unknowns``, term by term (``sp.Poly`` builds
    a dense representation: seconds at 40 unknowns).

    >>> x, y = sp.symbols("x y")
    >>> _total_degree(sp.expand((x + y + 1)**3), [x, y]), _total_degree(sp.Integer(5), [x])
    (3, 0)
    """
    us = set(unknowns)
    best = 0
    for term in sp.Add.make_args(expr):
        d = 0
        for base, exp in term.as_powers_dict().items():
            if base in us:
                if not (exp.is_Integer and exp >= 0):
                    raise sp.PolynomialError(f"{term} is not a polynomial term")
                d += int(exp)
            elif base.free_symbols & us:
                raise sp.PolynomialError(f"{term} is not a polynomial term")
        best = max(best, d)
    return best


def solve_system(eqs, unknowns, *, assumptions=()):
    """Exact solutions of ``eqs = 0``, as a list of dicts, or None when sympy is not asked.

    Returns None when an equation is not polynomial in the unknowns (after clearing
    denominators) or the system is too large for an exact solve. A continuum of solutions
    (a singular linear system) is reported by returning the solutions with free unknowns left in.
    """
    nums, dens = [], []
    for e in eqs:
        num, den = _numerator(e, unknowns)
        if num is None:
            return None
        nums.append(num)
        dens.append(den)
    degrees = []
    for nm in nums:
        if nm == 0:
            degrees.append(0)
            continue
        try:
            degrees.append(_total_degree(nm, unknowns))
        except sp.PolynomialError:
            return None
    if max(degrees, default=0) <= 1:
        if len(unknowns) > MAX_LINEAR_UNKNOWNS:
            return None
        sols = sp.linsolve(nums, unknowns)
        out = [dict(zip(unknowns, s)) for s in sols]
    else:
        if len(unknowns) > MAX_NONLINEAR_UNKNOWNS or max(degrees) > MAX_DEGREE:
            return None
        try:
            out = sp.solve(nums, unknowns, dict=True)
        except (NotImplementedError, ValueError):
            return None
        out = [{u: s.get(u, u) for u in unknowns} for s in out]
    good = []
    for sol in out:
        bad = False
        for den in dens:
            dv = sp.simplify(den.subs(sol, simultaneous=True))
            if dv == 0 or dv.has(sp.zoo, sp.nan):
                bad = True
        vals = list(sol.values())
        if any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in vals):
            bad = True
        if any(v.is_number and v.is_real is False for v in vals):
            bad = True
        if not bad:
            good.append({u: sp.simplify(v) if not v.is_number else sp.nsimplify(v) if v.is_Float
                         else v for u, v in sol.items()})
    return good


def numeric_value(v) -> float:
    """A sympy number as a float (NaN if not a real number)."""
    try:
        c = complex(sp.N(v, 30))
    except (TypeError, ValueError):
        return float("nan")
    if abs(c.imag) > 1e-12 * (1 + abs(c.real)):
        return float("nan")
    return c.real


# ---------------------------------------------------------------------- conditions
def relation(diff, strict=False):
    """``diff >= 0`` as a readable sympy relation (``True``/``False`` when decided)."""
    diff = sp.simplify(diff)
    if diff.is_nonnegative or (strict and diff.is_positive):
        return sp.true
    if diff.is_negative or (strict and diff.is_nonpositive):
        return sp.false
    rel = _readable(diff, strict)
    return rel


def keep(conditions):
    """Drop conditions that are True; None if one is False."""
    out = []
    for c in conditions:
        if c is sp.true or c == True:  # noqa: E712
            continue
        if c is sp.false or c == False:  # noqa: E712
            return None
        if c not in out:
            out.append(c)
    return out


def bound_conditions(value, lo, hi):
    """``lo <= value <= hi`` as relations (infinite sides dropped)."""
    conds = []
    if lo != -sp.oo:
        conds.append(relation(value - lo))
    if hi != sp.oo:
        conds.append(relation(hi - value))
    return conds


def float_profile(values) -> np.ndarray:
    return np.array([numeric_value(v) for v in values], dtype=float)
