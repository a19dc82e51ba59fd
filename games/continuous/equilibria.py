"""Pure Nash equilibria of continuous games: symmetric (one equation), asymmetric (the system of
first-order conditions), exact where sympy can, numerical otherwise, every one certified.

A pure profile ``x`` is an equilibrium of a game with concave-in-own-choice payoffs exactly when
it satisfies the Kuhn-Tucker conditions of every player's problem: for each variable ``x_k`` of
player ``i``, ``du_i/dx_k = 0`` in the interior, ``<= 0`` at the lower bound and ``>= 0`` at the
upper bound; equivalently ``x = clip(x + grad(x), lo, hi)`` (the natural map). Without
concavity these are necessary only, so every candidate is passed to the certificate of
:func:`~govgames.games.continuous.is_equilibrium` (grid search over each player's whole interval,
local refinement, second-order test), and candidates that fail are reported, not returned.

Methods
-------
``"symmetric"``
    All players choose the same ``z``: one equation ``du_1/dx_1 (z, ..., z) = 0`` (a system of
    ``d`` equations for vector choices). Solved exactly by sympy when polynomial in ``z``; else
    every root on the interval is bracketed on a fine sample and refined by Brent's method, and
    the corners are tested with the Kuhn-Tucker signs. Works for symmetric-form games of any
    size, also with a symbolic number of players.
``"exact"``
    sympy solves the first-order system (linear systems of up to 60 players; polynomial systems
    of up to 2 unknowns), also with choices at their bounds (every interior/lower/upper pattern
    up to 27 of them; beyond, the numerical search made exact); with free parameters this gives
    formulas and the conditions under which they are an equilibrium (interior, second order).
    A continuum of solutions is said in a note.
``"numeric"``
    scipy's ``root`` (Powell hybrid) on the natural map from several starting points (the box
    centre and ``starts - 1`` seeded uniform draws), then best-response iteration; each solution
    is made exact when the Kuhn-Tucker system with its active set is solvable by sympy.
``"iteration"``
    Gauss-Seidel best-response iteration with numerical best responses (grid search plus
    bounded Brent refinement): no derivatives, for payoffs that are not differentiable.
``"auto"`` (default)
    Symbolic games: ``"symmetric"`` for symmetric games, else ``"exact"``. Numeric games:
    symmetric-form games ``"symmetric"``; others the exact interior solution (when sympy can),
    ``"symmetric"`` candidates for symmetric games, and ``"numeric"`` starts together; payoffs
    that are not differentiable switch to ``"iteration"``.

References
----------
.. [1] J. B. Rosen, "Existence and uniqueness of equilibrium points for concave n-person games",
   *Econometrica* 33 (1965), 520-534.
.. [2] F. Facchinei and J.-S. Pang, *Finite-Dimensional Variational Inequalities and
   Complementarity Problems*, Springer, 2003 (the natural map, ch. 1).
.. [3] M. J. D. Powell, "A hybrid method for nonlinear equations", in *Numerical Methods for
   Nonlinear Algebraic Equations*, Gordon and Breach, 1970 (scipy's ``hybr``).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import sympy as sp
from scipy import optimize

from ..budget import check_seconds
from ..deprecation import renamed_argument
from ..errors import FreeParametersError, InputError
from ..expr import as_sympy
from ..regions import condition_text
from . import _exact as ex
from .certify import DEFAULT_GRID, DEFAULT_TOL, _status, deviation_check, search_window
from .game import ContinuousGame
from .results import ContinuousEquilibrium, ContinuousEquilibriumList

__all__ = ["nash_equilibria", "symmetric_equilibria", "explicit_solve_seconds", "METHODS"]

METHODS = ("auto", "symmetric", "exact", "numeric", "iteration")

#: points at which the symmetric first-order condition is sampled to bracket its roots
SYMMETRIC_SAMPLES = 4001


# ====================================================================== helpers
def _check_args(game, grid, tol):
    if not isinstance(game, ContinuousGame):
        raise InputError(f"expected a ContinuousGame, got {type(game).__name__}")
    if not (isinstance(grid, (int, np.integer)) and 3 <= grid <= 10_000_000):
        raise InputError(f"grid must be an integer between 3 and 10,000,000, got {grid!r}")
    if not (isinstance(tol, (int, float)) and 0 < tol < 1):
        raise InputError(f"tol must be a number in (0, 1), got {tol!r}")


def _names(game):
    if game.is_symmetric_form:  # no need to create n sympy symbols just for their names
        own = game.symmetric_form["own"].name
        return tuple((f"{own}{i + 1}",) for i in range(game.require_numeric_n()))
    return tuple(tuple(str(v) for v in blk) for blk in game.variables)


def _exact_payoffs(game, exact_flat):
    if not game.has_expressions:
        return None
    if game.is_symmetric_form:
        val = ex.symmetric_payoff(game, [exact_flat[0]])
        val = sp.simplify(val)
        return (val,) * game.n_players
    sub = dict(zip(game.flat_variables, exact_flat))
    if all(getattr(v, "is_Rational", False) for v in exact_flat):
        # a rational point: exact arithmetic gives the number (subs + simplify took about
        # 0.1 s a player at 20 players)
        vals = tuple(e.xreplace(sub) for e in game.payoff_exprs)
        if all(v.is_Rational for v in vals):
            return vals
    return tuple(sp.simplify(e.subs(sub, simultaneous=True)) for e in game.payoff_exprs)


def _build(game, x, exact_flat, method, *, grid, tol, notes=(), symmetric=None):
    """A ContinuousEquilibrium (certified or not) at the flat profile ``x``."""
    num = game.numeric()
    sym_profile = (bool(np.all(np.abs(x - x[0]) <= 1e-12 * (1 + np.abs(x[0]))))
                   and len(set(num.dims)) == 1)
    players = [0] if (game.is_symmetric_form and sym_profile) else None
    cnotes = (["symmetric profile of a symmetric game: one player's check covers all"]
              if players else [])
    check = deviation_check(game, x, grid=grid, tol=tol, players=players, notes=cnotes)
    parts = game.split(x)
    status = tuple(tuple(_status(num.lo[k], num.hi[k], x[k]) for k in num.blocks[i])
                   for i in range(num.n))
    exact_profile = exact_pay = None
    if exact_flat is not None:
        exact_profile = tuple(tuple(exact_flat[k] for k in num.blocks[i]) for i in range(num.n))
        exact_pay = _exact_payoffs(game, exact_flat)
    return ContinuousEquilibrium(
        players=game.players, variables=_names(game), profile=tuple(parts),
        payoffs=num.payoffs(x), exact_profile=exact_profile, exact_payoffs=exact_pay,
        check=check, status=status, symmetric=sym_profile if symmetric is None else symmetric,
        method=method, notes=tuple(notes))


def _window(num):
    lo = np.where(np.isfinite(num.lo), num.lo, np.nan)
    hi = np.where(np.isfinite(num.hi), num.hi, np.nan)
    lo_w = np.where(np.isnan(lo), np.where(np.isnan(hi), -10.0, hi - 20.0), lo)
    hi_w = np.where(np.isnan(hi), lo_w + 20.0, hi)
    return lo_w, hi_w


def _snap(num, x):
    x = np.clip(np.asarray(x, dtype=float), num.lo, num.hi)
    scale = 1e-10 * (1 + np.abs(x))
    x = np.where(np.isfinite(num.lo) & (x - num.lo <= scale), num.lo, x)
    x = np.where(np.isfinite(num.hi) & (num.hi - x <= scale), num.hi, x)
    return x


def _residual(num, x) -> float:
    with np.errstate(all="ignore"):
        r = num.natural_residual(x)
    return float(np.max(np.abs(r))) if np.all(np.isfinite(r)) else float("inf")


def _accept_tol(x) -> float:
    return 1e-7 * (1 + float(np.max(np.abs(x))))


def _dedupe(cands):
    """Keep one of candidates closer than 1e-6 (relative), preferring the smaller residual."""
    out = []
    for x, r, exact in sorted(cands, key=lambda c: c[1]):
        if any(np.allclose(x, y, atol=1e-6 * (1 + np.abs(y).max()), rtol=0) for y, _, _ in out):
            continue
        out.append((x, r, exact))
    return out


def _finish(game, cands, method, *, grid, tol, notes):
    """Certify candidates; return the list (rejected ones kept, best first)."""
    found, rejected = [], []
    for x, r, exact in _dedupe(cands):
        e = _build(game, x, exact, method, grid=grid, tol=tol)
        (found if e.check else rejected).append(e)
    found.sort(key=lambda e: tuple(e.flat()))
    rejected.sort(key=lambda e: (e.check.max_gain, e.check.residual
                                 if np.isfinite(e.check.residual) else np.inf))
    notes = list(notes)
    if not found and rejected:
        notes.append("no candidate passed the deviation check; the closest one and its best "
                     "deviation are in .rejected")
    if not found and not rejected:
        notes.append("no candidate solved the first-order conditions (no stationary point or "
                     "corner satisfied the Kuhn-Tucker conditions)")
    return ContinuousEquilibriumList(found, method=method, notes=notes, rejected=rejected)


# ====================================================================== exact refinement
def _exactify(game, x, notes=None):
    """Exact values of a numeric Kuhn-Tucker point: solve the first-order conditions of its
    interior variables exactly with the corner variables at their bounds; None if sympy cannot
    or the exact solution is not the numeric one. A solution with choices left free (a
    continuum of Kuhn-Tucker points through ``x``) is said in ``notes``."""
    if not game.has_expressions or game.is_symmetric_form:
        return None
    num = game.numeric()
    xs = game.flat_variables
    grads = ex.own_gradient(game)
    fixed, unknowns, eqs = {}, [], []
    for k, v in enumerate(xs):
        s = _status(num.lo[k], num.hi[k], x[k])
        if s == "lower":
            fixed[v] = game.bounds[k][0]
        elif s == "upper":
            fixed[v] = game.bounds[k][1]
        else:
            unknowns.append(v)
    if unknowns:
        # xreplace: symbols by numbers, far cheaper than subs on many-player games
        eqs = [grads[k].xreplace(fixed) for k, v in enumerate(xs) if v in unknowns]
        sols = ex.solve_system(eqs, unknowns)
        if sols is None:
            sols = _rational_guess(eqs, unknowns, [x[xs.index(u)] for u in unknowns])
        if not sols:
            return None
        best, dist = None, np.inf
        for sol in sols:
            vals = [sol.get(u, u) for u in unknowns]
            if any(not v.is_number for v in vals):
                _continuum_note(notes, {**fixed, **sol}, xs)
                continue
            f = ex.float_profile(vals)
            target = np.array([x[xs.index(u)] for u in unknowns])
            dd = float(np.max(np.abs(f - target)))
            if dd < dist:
                best, dist = sol, dd
        if best is None or dist > 1e-6 * (1 + np.abs(x).max()):
            return None
        fixed.update(best)
    return [fixed[v] for v in xs]


def _rational_guess(eqs, unknowns, approx, max_den=10**6):
    """The numeric point rounded to nearby fractions, kept only when it solves ``eqs = 0``
    exactly (substitution in exact arithmetic): a certificate, not an approximation."""
    from fractions import Fraction
    guess = {u: sp.Rational(Fraction(float(a)).limit_denominator(max_den))
             for u, a in zip(unknowns, approx)}
    for e in eqs:
        v = e.xreplace(guess)  # exact rational arithmetic: a number when e is polynomial
        if not v.is_number:
            v = sp.simplify(v)
        if v != 0:
            return []
    return [guess]


# ====================================================================== symmetric
def _phi_function(game, eqs, zs):
    """Vectorised symmetric first-order condition z -> du_1/dx_1(z, ..., z) (d = 1)."""
    num = game.numeric()
    if game.is_symmetric_form:
        gfun = num._g

        def phi(z):
            z = np.asarray(z, dtype=float)
            with np.errstate(all="ignore"):
                y = (num.n - 1) * np.asarray(gfun(z), dtype=float) * np.ones_like(z)
                return np.asarray(num._Ux(z, y), dtype=float) * np.ones_like(z)
        return phi
    if game.has_expressions:
        f = sp.lambdify(zs, eqs[0], modules=["numpy", "scipy"])

        def phi(z):
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return np.asarray(f(np.asarray(z, dtype=float)), dtype=float) * np.ones_like(z)
        return phi

    def phi(z):
        z = np.atleast_1d(np.asarray(z, dtype=float))
        return np.array([num.grad(np.full(num.K, v))[0] for v in z])
    return phi


def _symmetric_roots(phi, lo, hi, samples):
    """Every root of phi on [lo, hi] bracketed on ``samples`` points, plus KT corners.

    Besides the even grid, points approach each end geometrically (down to ``1e-15`` of the
    width): a root closer to an end than the first grid step (a Tullock contest of 5000
    players has its root at ``(n - 1) / n**2``, inside the first step of ``[0, 1]``) is
    bracketed even when ``phi`` is undefined at the end itself (``0/0``).
    """
    width = hi - lo
    zs = np.linspace(lo, hi, samples)
    if np.isfinite(width) and width > 0:
        near = width * np.logspace(-15, np.log10(1.0 / max(samples - 1, 1)), 64)
        zs = np.unique(np.concatenate([zs, lo + near, hi - near]))
        samples = len(zs)
    v = phi(zs)
    roots = []
    fin = np.isfinite(v)
    for k in range(samples - 1):
        a, b = v[k], v[k + 1]
        if not (fin[k] and fin[k + 1]):
            continue
        if a == 0:
            roots.append(zs[k])
        elif a * b < 0:
            try:
                roots.append(optimize.brentq(lambda z: float(phi(np.array([z]))[0]), zs[k],
                                             zs[k + 1], xtol=1e-15, rtol=4 * np.finfo(float).eps,
                                             maxiter=200))
            except (ValueError, RuntimeError):
                pass
    if fin[-1] and v[-1] == 0:
        roots.append(zs[-1])
    corners = []
    if not fin[0] or v[0] <= 0:
        corners.append(lo)
    if not fin[-1] or v[-1] >= 0:
        corners.append(hi)
    return roots, corners


def symmetric_equilibria(game: ContinuousGame, *, closed_form: bool | None = None,
                         grid: int = DEFAULT_GRID, tol: float = DEFAULT_TOL,
                         samples: int = SYMMETRIC_SAMPLES, exact: bool | None = None
                         ) -> ContinuousEquilibriumList:
    """Symmetric pure equilibria of a symmetric game: one equation in the common choice.

    Parameters
    ----------
    game : ContinuousGame
        A symmetric game (symmetric form, or explicit payoffs that permute with the players).
        With free parameters (also a symbolic number of players) the result holds formulas
        and the conditions under which they are equilibria.
    closed_form : bool, default True
        Try sympy for the exact (closed-form) root, kept in ``exact_profile``; ``False``
        returns floating-point roots only.
    grid, tol : int, float
        Deviation check (see :func:`~govgames.games.continuous.is_equilibrium`).
    samples : int
        Points at which the first-order condition is sampled to bracket its roots.
    exact : bool, optional
        Deprecated name of ``closed_form`` (it warns).

    Returns
    -------
    ContinuousEquilibriumList
        Certified symmetric equilibria; candidates that failed are in ``.rejected``.

    Raises
    ------
    InputError
        The game is not symmetric; the payoff is not differentiable in the own choice; free
        parameters with a condition sympy cannot solve.
    TypeError
        When both ``closed_form`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    References
    ----------
    Rosen (1965); Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    A Tullock contest of 1000 players for a prize of 1: ``x* = (n - 1) / n**2``.

    >>> from govgames.games.continuous import tullock_contest
    >>> eqs = symmetric_equilibria(tullock_contest(1000, v=1))
    >>> eqs[0].exact_profile[0][0]
    999/1000000
    >>> bool(eqs[0].certified)
    True

    Symbolic Cournot with ``n`` firms:

    >>> from govgames.games.continuous import cournot
    >>> sp_eq = symmetric_equilibria(cournot())
    >>> sp_eq[0].exact_profile[0][0]
    (a - c)/(b*(n + 1))
    """
    closed_form = renamed_argument(closed_form, exact, old="exact", new="closed_form",
                                   where="symmetric_equilibria", default=True)
    _check_args(game, grid, tol)
    if not game.is_symmetric:
        raise InputError("symmetric_equilibria needs a symmetric game (payoffs that permute with "
                         "the players); use nash_equilibria")
    ex.require_differentiable(game, "symmetric")
    if game.is_symbolic:
        return _symbolic_symmetric(game)
    num = game.numeric()
    zs, eqs, _ = ex.symmetric_system(game) if game.has_expressions else (None, None, None)
    d = num.dims[0]
    cands = []
    notes = ["symmetric profiles only"]
    exact_roots = None
    if closed_form and game.has_expressions:
        exact_roots = ex.solve_system(eqs, zs)
    if d == 1:
        lo, hi = num.lo[0], num.hi[0]
        lo_w, hi_w = search_window(lo, hi, 0.0)
        phi = _phi_function(game, eqs, zs)
        roots, corners = _symmetric_roots(phi, lo_w, hi_w, samples)
        pts = [(z, None) for z in roots]
        pts += [(z, game.bounds[0][0] if z == lo else game.bounds[0][1]) for z in corners
                if np.isfinite(z)]
        for z, exact_val in pts:
            if exact_val is None and exact_roots:
                for sol in exact_roots:
                    val = sol[zs[0]]  # type: ignore[index]  # exact_roots come with zs
                    if val.is_number and abs(ex.numeric_value(val) - z) <= 1e-7 * (1 + abs(z)):
                        exact_val = val
                        z = ex.numeric_value(val)
                        break
            x = np.full(num.K, float(z))
            cands.append((x, _residual(num, x), None if exact_val is None else [exact_val] * num.K))
        if not (np.isfinite(lo) and np.isfinite(hi)):
            notes.append(f"the unbounded interval was searched on [{lo_w:g}, {hi_w:g}]")
    else:
        cands = _symmetric_vector(game, num, zs, exact_roots)
    return _finish(game, cands, "symmetric", grid=grid, tol=tol, notes=notes)


def _symmetric_vector(game, num, zs, exact_roots):
    """Symmetric candidates with vector choices: root of the d-dimensional natural map."""
    d = num.dims[0]
    lo, hi = num.lo[:d], num.hi[:d]
    lo_w, hi_w = _window(num)
    rng = np.random.default_rng(0)

    def expand(z):
        return np.tile(z, num.n)

    def res(z):
        x = expand(np.clip(z, lo, hi))
        with np.errstate(all="ignore"):
            g = num.grad(x)[:d]
        return z - np.clip(z + g, lo, hi)

    starts = [(lo_w[:d] + hi_w[:d]) / 2] + [rng.uniform(lo_w[:d], hi_w[:d]) for _ in range(7)]
    cands = []
    for z0 in starts:
        sol = optimize.root(res, z0, method="hybr", options={"xtol": 1e-13})
        x = _snap(num, expand(sol.x))
        r = _residual(num, x)
        exact = None
        for sol in exact_roots or ():
            vals = [sol[z] for z in zs]
            if all(v.is_number for v in vals):
                f = ex.float_profile(vals)
                if np.all(np.abs(f - x[:d]) <= 1e-7 * (1 + np.abs(f))):
                    exact = vals * num.n
                    break
        if exact is None and game.has_expressions:
            exact = _exactify(game, x)
        if exact is not None:
            x = ex.float_profile(exact)
            r = _residual(num, x)
        cands.append((x, r, exact))
    return cands


def _symbolic_symmetric(game):
    zs, eqs, _ = ex.symmetric_system(game)
    sols = ex.solve_system(eqs, zs)
    names = ", ".join(p.name for p in game.parameters)
    if sols is None:
        raise InputError(
            f"the symmetric first-order condition {eqs[0]} = 0 has no closed form sympy can "
            f"find; give the parameters ({names}) values with .subs(...) to solve numerically")
    items = []
    if game.is_symmetric_form:
        s = game.symmetric_form
        lo, hi = game.interval
        Uxx = sp.diff(s["U"], s["own"], 2)
    else:
        lo, hi = game.bounds[0]
    d = len(zs)
    n = game.n_players
    undecided: list = []  # participation conditions sympy could not decide (said in a note)
    for sol in sols:
        vals = [sol[z] for z in zs]
        if any(v.free_symbols & set(zs) for v in vals):
            continue  # a continuum; not reported symbolically
        conds = []
        for k, v in enumerate(vals):
            b = game.bounds[k] if not game.is_symmetric_form else (lo, hi)
            conds += ex.bound_conditions(v, *b)
        if d == 1:
            if game.is_symmetric_form:
                others = (n - 1) * s["g"].subs(s["own"], vals[0])
                soc = Uxx.subs({s["own"]: vals[0], s["others"]: others}, simultaneous=True)
            else:
                soc = sp.diff(game.payoff_exprs[0], zs[0], 2).subs(
                    {v: vals[0] for blk in game.variables for v in blk}, simultaneous=True)
            conds.append(ex.relation(-soc))
        part, raw = _split_unsimplified(_participation_conditions(game, vals))
        kept = _simplified(conds + part, game)
        _note_participation(game, conds, part, kept, undecided)
        if kept is not None and raw:
            kept = kept + raw
            undecided.extend(raw)
        if kept is None or _refuted_symmetric(game, vals):
            continue
        items.append(_symbolic_item(game, vals, kept, "interior"))
    # corners (d = 1): the Kuhn-Tucker sign at a bound
    if d == 1:
        for bound, sign in ((lo, -1), (hi, 1)):
            if bound in (sp.oo, -sp.oo):
                continue
            foc = sp.simplify(eqs[0].subs(zs[0], bound))
            if foc.has(sp.nan, sp.zoo):
                continue
            conds = [ex.relation(sign * foc)]
            part, raw = _split_unsimplified(_participation_conditions(game, [bound]))
            kept = _simplified(conds + part, game)
            _note_participation(game, conds, part, kept, undecided)
            if kept is not None and raw:
                kept = kept + raw
                undecided.extend(raw)
            if kept is None or _refuted_symmetric(game, [bound]):
                continue
            items.append(_symbolic_item(game, [bound], kept, "lower" if sign < 0 else "upper"))
    notes = ["symbolic: Kuhn-Tucker, second-order and participation conditions in the free "
             "parameters (participation: no player gains by moving to a bound of its interval, "
             "the others staying put); other deviations are not checked symbolically, give the "
             "parameters values (.subs) for the global deviation check"]
    if undecided:
        notes.append("participation not decided for all parameter values (dropping to a bound "
                     "may pay), kept among the conditions: "
                     + "; ".join(condition_text(c) for c in undecided))
    flat = [e for e in eqs if not (as_sympy(e).free_symbols & set(zs))]
    if flat and len(flat) == len(eqs) and all(e != 0 for e in flat):
        when = " and ".join(condition_text(sp.Eq(sp.simplify(e), 0)) for e in flat)
        notes.append(f"a continuum of solutions ({', '.join(map(str, zs))} anywhere in its "
                     f"interval) when {when}; not listed")
    return ContinuousEquilibriumList(items, method="symmetric (symbolic)", notes=notes)


def _participation_conditions(game, vals):
    """Conditions that no player gains by moving one scalar choice to a bound of its interval
    with the others at the symmetric profile ``vals`` (a global check the local Kuhn-Tucker
    conditions miss: in a Tullock contest with ``r > n / (n - 1)`` dropping out pays).

    Each is ``u(vals) - u(deviation) >= 0``, factored, with the factors sympy's assumptions
    and the game's domain show positive dropped; conditions that always hold are dropped, one
    that never holds is ``sympy.false``. A payoff quadratic in the own choice, or concave in it
    for all parameter values, needs none: the Kuhn-Tucker and second-order conditions already
    make the point a best response."""
    s = game.symmetric_form
    if s is not None:
        own, others = s["own"], s["others"]
        agg = (s["n"] - 1) * s["g"].subs(own, vals[0])
        here = s["U"].subs({own: vals[0], others: agg}, simultaneous=True)
        payoffs = [(0, s["U"].subs(others, agg), own)]
        bounds = [game.interval]
    else:
        sub = {v: vals[k] for blk in game.variables for k, v in enumerate(blk)}
        u = game.payoff_exprs[0]
        here = u.subs(sub, simultaneous=True)
        payoffs = []
        for k, v in enumerate(game.variables[0]):
            rest = {w: x for w, x in sub.items() if w != v}
            payoffs.append((k, u.subs(rest, simultaneous=True), v))
        bounds = list(game.bounds[:len(game.variables[0])])
    if any(dev_u.atoms(sp.Function) for _, dev_u, _ in payoffs):
        # exp, erf, ...: sympy's simplify can run for minutes; the conditions are kept as
        # written (unsimplified) and the note says so
        out = []
        for k, dev_u, v in payoffs:
            for b in bounds[k]:
                if b in (sp.oo, -sp.oo) or b == vals[k]:
                    continue
                out.append(_Unsimplified(here, dev_u.subs(v, b)))
        return out
    dsub = _domain_substitution(game)
    if len(payoffs) == 1:
        curv = sp.simplify(sp.diff(payoffs[0][1], payoffs[0][2], 2))
        if (not curv.has(payoffs[0][2])
                or _decided(sp.LessThan(curv, 0, evaluate=False), dsub) is sp.true
                or curv.is_nonpositive):
            return []  # quadratic (second-order condition listed) or concave: implied
    here = sp.simplify(here)
    if here.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return []  # no payoff at the candidate (0/0): nothing to compare
    out = []
    for k, dev_u, v in payoffs:
        for b in bounds[k]:
            if b in (sp.oo, -sp.oo) or sp.simplify(b - vals[k]) == 0:
                continue
            there = sp.simplify(dev_u.subs(v, b))
            if there.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                continue
            gap = _without_positive_factors(sp.simplify(here - there), dsub)
            c = _decided(ex.relation(gap), dsub)
            if c is sp.true or c == True:  # noqa: E712
                continue
            if c is sp.false or c == False:  # noqa: E712
                return [sp.false]
            out.append(c)
    return out


class _Unsimplified(tuple):
    """A participation condition ``here >= there`` kept as written (not simplified)."""

    def __new__(cls, here, there):
        return super().__new__(cls, (here, there))

    def relation(self):
        return sp.GreaterThan(self[0], self[1], evaluate=False)


def _split_unsimplified(part):
    """``(conditions to simplify, conditions kept as written)``."""
    raw = [c.relation() for c in part if isinstance(c, _Unsimplified)]
    return [c for c in part if not isinstance(c, _Unsimplified)], raw


def _without_positive_factors(e, dsub):
    """``e`` factored with its factors that are positive (by the assumptions and the domain)
    dropped, and even powers dropped: the same sign where ``e`` is not zero."""
    try:
        e = sp.factor(e)
    except (sp.PolynomialError, TypeError, ValueError):  # pragma: no cover - keep e
        return e
    coeff, factors = e.as_coeff_mul()
    kept = []
    for f in factors:
        base, ex_ = f.as_base_exp()
        if ex_.is_Integer and ex_ % 2 == 0:
            continue  # a square (zero only on a boundary)
        if f.is_positive or _decided(sp.StrictGreaterThan(f, 0, evaluate=False),
                                     dsub) is sp.true:
            continue
        kept.append(f)
    return sp.sign(coeff) * sp.Mul(*kept) if coeff != 0 else e


def _note_participation(game, conds, part, kept, undecided):
    """Add to ``undecided`` the conditions that participation adds to ``kept``."""
    if not part or kept is None:
        return
    before = _simplified(conds, game)
    for c in kept:
        if (before is None or c not in before) and c not in undecided:
            undecided.append(c)


def _refuted_symmetric(game, vals):
    """:func:`_deviation_refutes` at the symmetric profile ``vals`` (explicit games only)."""
    if game.is_symmetric_form:
        return False
    sub = {v: vals[k] for blk in game.variables for k, v in enumerate(blk)}
    return _deviation_refutes(game, sub, _domain_substitution(game))


def _symbolic_item(game, vals, conds, status):
    n = game.n_players
    if isinstance(n, int):
        players = game.players
        names = _names(game)
        prof = tuple(tuple(vals) for _ in range(n))
        pays = ex.symmetric_payoff(game, vals)
        pays = (sp.simplify(pays),) * n
    else:  # symbolic number of players: one representative player
        players = ("each player",)
        names = ((str(game.symmetric_form["own"]),),)
        prof = (tuple(vals),)
        pays = (sp.simplify(ex.symmetric_payoff(game, vals)),)
    st = tuple((status,) * len(vals) for _ in prof)
    return ContinuousEquilibrium(players=players, variables=names, profile=None, payoffs=None,
                                 exact_profile=prof, exact_payoffs=pays, check=None,
                                 conditions=tuple(conds), status=st, symmetric=True,
                                 method="symmetric (symbolic)")


# ====================================================================== exact (FOC system)
MAX_SYMBOLIC_PATTERNS = 729


def _domain_substitution(game):
    """Each domain inequality ``a > b`` solved for a parameter that enters it linearly, with a
    fresh positive symbol for the gap (``w1 -> w2 + d``): under it sympy's assumptions decide
    signs that need the domain."""
    sub = {}
    for k, d in enumerate(game._domain):
        gap = sp.expand(d.lhs - d.rhs)
        for p in sorted(gap.free_symbols - set(sub), key=lambda q: q.name):
            if sp.degree(gap, p) == 1 and not gap.coeff(p).free_symbols:
                fresh = sp.Symbol(f"_gap{k}", positive=True)
                sub[p] = sp.solve(sp.Eq(gap, fresh), p)[0]
                break
    return sub


def _decided(c, dsub):
    """``c`` decided under the domain: sympy.true / sympy.false, or ``c`` itself."""
    if not dsub or not isinstance(c, sp.core.relational.Relational):
        return c
    try:
        diff = sp.simplify((c.lhs - c.rhs).subs(dsub))
    except (TypeError, ValueError):  # pragma: no cover - sympy failure: keep the condition
        return c
    if isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)):
        pos, neg = diff.is_nonnegative, diff.is_negative
        if isinstance(c, sp.StrictGreaterThan):
            pos, neg = diff.is_positive, diff.is_nonpositive
    elif isinstance(c, (sp.LessThan, sp.StrictLessThan)):
        pos, neg = diff.is_nonpositive, diff.is_positive
        if isinstance(c, sp.StrictLessThan):
            pos, neg = diff.is_negative, diff.is_nonnegative
    elif isinstance(c, sp.Eq):
        pos, neg = diff.is_zero, diff.is_nonzero
    else:
        return c
    return sp.true if pos else sp.false if neg else c


def _nonempty_intervals(game) -> list:
    """``lo <= hi`` of every interval whose bounds hold free parameters: a game exists only
    where its choice sets are not empty (``[0, a]`` assumes ``a >= 0``)."""
    if game is None:
        return []
    if game.is_symmetric_form:
        pairs = [game.interval]
    else:
        pairs = list(game.bounds)
    out = []
    for lo, hi in pairs:
        if lo in (sp.oo, -sp.oo) or hi in (sp.oo, -sp.oo):
            continue
        if (lo.free_symbols or hi.free_symbols):
            c = sp.LessThan(lo, hi)
            if c not in (sp.true, sp.false) and c not in out:
                out.append(c)
    return out


def _simplified(conds, game=None):
    """Conditions as a minimal list (``simplify_conditions``, with the parameters' assumptions
    and the game's domain); None when they never hold."""
    from ..regions import simplify_conditions
    domain = list(game._domain) if game is not None else []
    dsub = _domain_substitution(game) if domain else {}
    kept = ex.keep([_decided(c, dsub) for c in conds])
    if kept is None:
        return None
    if not kept:
        return []
    try:
        both = simplify_conditions(kept + domain + _nonempty_intervals(game))
    except InputError:
        return kept
    if both is sp.false or both == False:  # noqa: E712
        return None
    if both is sp.true or both == True:  # noqa: E712
        return []
    out = list(both.args) if isinstance(both, sp.And) else [both]
    return [c for c in out if c not in domain]


def _deviation_refutes(game, sub, dsub):
    """True when some player provably gains by moving one scalar choice to a bound of its
    interval (a global check the local Kuhn-Tucker conditions miss)."""
    xs = list(game.flat_variables)
    for k, v in enumerate(xs):
        u = game.payoff_exprs[int(game.owners[k])]
        here = u.subs(sub, simultaneous=True)
        for b in game.bounds[k]:
            if b in (sp.oo, -sp.oo) or sp.simplify(b - sub[v]) == 0:
                continue
            dev = dict(sub)
            dev[v] = b
            gain = u.subs(dev, simultaneous=True) - here
            if _decided(sp.StrictGreaterThan(gain, 0, evaluate=False), dsub) is sp.true:
                return True
    return False


def _sits_on_bound(game, pat, vals, conds):
    """True when equations among ``conds`` put an 'interior' value on its bound: that point is
    listed by the corner pattern (whose Kuhn-Tucker conditions hold with a zero derivative)."""
    sub = {}
    for c in conds:
        if isinstance(c, sp.Eq):
            sol = sp.solve(c, dict=True)
            if len(sol) == 1:
                sub.update(sol[0])
    if not sub:
        return False
    for k, st in enumerate(pat):
        if st == "interior":
            v = sp.simplify(vals[k].subs(sub))
            if any(b != sp.oo and b != -sp.oo and sp.simplify(v - b.subs(sub)) == 0
                   for b in game.bounds[k]):
                return True
    return False


def _symbolic_system(game):
    """Kuhn-Tucker solutions with free parameters: every pattern of interior/lower/upper
    choices, each with all its conditions (bounds, Kuhn-Tucker signs, second-order)."""
    xs = list(game.flat_variables)
    grads = ex.own_gradient(game)
    patterns, notes = _kt_patterns(game, xs)
    items = []
    for pat in patterns:
        items += _pattern_equilibria(game, xs, grads, pat, notes)
    notes.insert(0, "symbolic: Kuhn-Tucker solutions (interior and corner choices) with their "
                 "conditions (bounds, signs of the derivatives at corners, second-order test); "
                 "they are local: give the parameters values (.subs) for the global deviation "
                 "check")
    return ContinuousEquilibriumList(items, method="exact (symbolic)", notes=notes)


def _kt_patterns(game, xs):
    """Every pattern of interior/lower/upper choices of the variables ``xs`` (only the
    all-interior one beyond :data:`MAX_SYMBOLIC_PATTERNS`, with a note), and the notes."""
    from itertools import product
    choices = []
    for k in range(len(xs)):
        lo, hi = game.bounds[k]
        choices.append(["interior"] + (["lower"] if lo != -sp.oo else [])
                       + (["upper"] if hi != sp.oo else []))
    n_pat = math.prod(len(c) for c in choices)  # Python ints: 3**40 overflows int64
    if n_pat > MAX_SYMBOLIC_PATTERNS:
        return [tuple("interior" for _ in xs)], [
            f"{n_pat} interior/corner patterns exceed {MAX_SYMBOLIC_PATTERNS}: only "
            "interior solutions are listed"]
    return list(product(*choices)), []


def _pattern_system(game, xs, grads, pat):
    """For one pattern: the variables fixed at a bound, the interior unknowns, the conditions
    on the parameters alone and the first-order equations in the unknowns."""
    fixed = {v: game.bounds[k][0 if st == "lower" else 1]
             for k, (v, st) in enumerate(zip(xs, pat)) if st != "interior"}
    unknowns = [v for v, st in zip(xs, pat) if st == "interior"]
    conds, eqs = [], []
    for k, v in enumerate(xs):
        if pat[k] != "interior":
            continue
        e = sp.simplify(grads[k].subs(fixed, simultaneous=True))
        if e.free_symbols & set(unknowns):
            eqs.append(e)
        else:
            conds.append(sp.true if e == 0 else sp.Eq(e, 0))
    return fixed, unknowns, conds, eqs


def _pattern_solutions(game, pat, eqs, unknowns, notes):
    """The closed-form solutions of the first-order equations (``[{}]`` without equations);
    None, with a note, when sympy finds none for a corner pattern."""
    if not eqs:
        return [{}]
    sols = ex.solve_system(eqs, unknowns)
    if sols is None:
        if all(st == "interior" for st in pat):
            names = ", ".join(p.name for p in game.parameters)
            raise InputError(
                "the first-order conditions have no closed form sympy can find (not "
                "polynomial in the choices, or too large); give the parameters "
                f"({names}) values with .subs(...) to solve numerically")
        notes.append(f"pattern {pat}: no closed form, not listed")
    return sols


def _pattern_equilibria(game, xs, grads, pat, notes):
    """The equilibria of one interior/corner pattern, each with its conditions (notes of
    continua and of patterns without closed form are appended to ``notes``)."""
    fixed, unknowns, conds, eqs = _pattern_system(game, xs, grads, pat)
    if any(c is sp.false for c in conds):
        return []
    sols = _pattern_solutions(game, pat, eqs, unknowns, notes)
    items = []
    for sol in sols or ():
        sub = dict(fixed)
        sub.update(sol)
        vals = [sub.get(v, v) for v in xs]
        if any(v.free_symbols & set(xs) for v in vals):
            c = ex.keep(conds)
            if c is not None:
                notes.append("a continuum of solutions (" + ", ".join(
                    str(v) for v in unknowns) + " anywhere in its interval)"
                    + (f" when {' and '.join(map(str, c))}" if c else "")
                    + "; not listed")
            continue
        kept = _simplified(conds + _kt_conditions(game, xs, grads, pat, sub, vals), game)
        if kept is None or _sits_on_bound(game, pat, vals, kept):
            continue
        if _deviation_refutes(game, dict(zip(xs, vals)), _domain_substitution(game)):
            continue
        items.append(_pattern_equilibrium(game, pat, sub, vals, kept))
    return items


def _kt_conditions(game, xs, grads, pat, sub, vals):
    """Kuhn-Tucker conditions of a solution: bounds and second-order test of the interior
    choices, the sign of the own derivative at the corners."""
    cs = []
    for k, v in enumerate(xs):
        g = sp.simplify(grads[k].subs(sub, simultaneous=True))
        if pat[k] == "interior":
            cs += ex.bound_conditions(vals[k], *game.bounds[k])
            i = int(game.owners[k])
            soc = sp.diff(game.payoff_exprs[i], v, 2).subs(sub, simultaneous=True)
            cs.append(ex.relation(-soc))
        elif pat[k] == "lower":
            cs.append(ex.relation(-g))
        else:
            cs.append(ex.relation(g))
    return cs


def _pattern_equilibrium(game, pat, sub, vals, kept):
    """The equilibrium of a solution ``vals`` (flat) with its kept conditions."""
    prof = tuple(tuple(vals[k] for k in game._block_idx(i)) for i in range(game.n_players))
    pays = tuple(sp.simplify(e.subs(sub, simultaneous=True)) for e in game.payoff_exprs)
    st = tuple(tuple(pat[k] for k in game._block_idx(i)) for i in range(game.n_players))
    return ContinuousEquilibrium(
        players=game.players, variables=_names(game), profile=None, payoffs=None,
        exact_profile=prof, exact_payoffs=pays, conditions=tuple(kept), status=st,
        symmetric=len({tuple(p) for p in prof}) == 1, method="exact (symbolic)")


# ====================================================================== numeric
def _numeric_best_response(num, i, x, grid):
    """Player i's best response to x (grid search + local refinement); returns its choice."""
    from .certify import _player_check
    c = _player_check(num, i, x, grid, str(i))
    if c.gain <= 1e-14 * (1 + abs(c.payoff)):
        return x[num.blocks[i]].copy()
    return np.asarray(c.best_deviation, dtype=float)


#: rounds of the best-response iteration of method "numeric"/"auto" once a root-finder start
#: has solved the first-order conditions (else up to 200)
EXPLORE_ROUNDS = 20

#: best-response iteration: rounds over which the step must shrink (else it stops, not
#: converging: Cournot best-response dynamics with more than 3 firms cycle between the bounds)
STALL_WINDOW = 10


def _iterate(game, x0, *, grid, max_iter=200, damping=1.0):
    """Gauss-Seidel best-response iteration from x0; returns (x, converged).

    Stops early when the iteration does not contract: the largest step of the last
    :data:`STALL_WINDOW` rounds is no smaller than that of the window before (a cycle, or
    divergence to the bounds). A contraction, however slow, shrinks it and continues."""
    num = game.numeric()
    x = _snap(num, x0)
    steps = []
    for _ in range(max_iter):
        old = x.copy()
        for i in range(num.n):
            blk = num.blocks[i]
            br = _numeric_best_response(num, i, x, grid)
            x[blk] = (1 - damping) * x[blk] + damping * br
        step = float(np.max(np.abs(x - old)))
        if step <= 1e-12 * (1 + np.max(np.abs(x))):
            return x, True
        steps.append(step)
        w = STALL_WINDOW
        if len(steps) >= 2 * w and max(steps[-w:]) >= max(steps[-2 * w:-w]):
            return x, False
    return x, False


def _numeric_candidates(game, *, starts, seed, grid, closed_form, iterate=True, roots=True,
                        notes=None):
    num = game.numeric()
    lo_w, hi_w = _window(num)
    rng = np.random.default_rng(seed)
    x0s = [(lo_w + hi_w) / 2] + [rng.uniform(lo_w, hi_w) for _ in range(max(0, starts - 1))]
    cands = []
    if roots:
        for x0 in x0s:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sol = optimize.root(lambda z: num.natural_residual(np.clip(z, num.lo, num.hi)),
                                    x0, method="hybr", options={"xtol": 1e-13})
            x = _snap(num, sol.x)
            cands.append((x, _residual(num, x), None))
    if iterate:
        # after a start solved the first-order conditions, the iteration (one start) only
        # explores: a few rounds, polished by the root finder (its 200 rounds were most of
        # the time of a 40-player Cournot game, whose Gauss-Seidel iteration contracts slowly)
        solved = roots and any(r <= _accept_tol(x) for x, r, _ in cands)
        rounds = EXPLORE_ROUNDS if solved else 200
        for x0 in x0s[: (1 if roots else max(1, starts))]:
            x, _ok = _iterate(game, x0, grid=min(grid, 401), max_iter=rounds)
            # polish with the root finder from the iteration's end point
            if roots:
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    sol = optimize.root(lambda z: num.natural_residual(np.clip(z, num.lo, num.hi)),
                                        x, method="hybr", options={"xtol": 1e-13})
                y = _snap(num, sol.x)
                if _residual(num, y) <= _residual(num, x):
                    x = y
            cands.append((x, _residual(num, x), None))
    out = []
    for x, r, _ in cands:
        close = r <= 1e-6 * (1 + np.abs(x).max())
        ex_vals = _exactify(game, x, notes) if closed_form and close else None
        if ex_vals is not None:
            x = ex.float_profile(ex_vals)
            r = _residual(num, x)
        out.append((x, r, ex_vals))
    return out


#: the note of a first-order system with a continuum of solutions (numeric games)
CONTINUUM_NOTE = ("the first-order conditions have a continuum of solutions ({example}): the "
                  "equilibria listed may be points of a continuum of equilibria, not all of them")


def _continuum_note(notes, sol, xs):
    """Append (once) the note of a continuum of solutions, with one solution as the example."""
    if notes is None or any(n.startswith(CONTINUUM_NOTE[:40]) for n in notes):
        return
    free = [f"{v} = {sol[v]}" for v in xs if v in sol and sol[v] != v]
    example = ", ".join(free) if free else "every profile"
    notes.append(CONTINUUM_NOTE.format(example=example))


def _interior_exact_candidates(game, notes=None):
    """Exact interior solutions of the FOC system inside the box (numeric games); a continuum
    of solutions is not a candidate, it is said in ``notes``."""
    if not game.has_expressions or game.is_symmetric_form:
        return []
    xs = list(game.flat_variables)
    sols = ex.solve_system(ex.own_gradient(game), xs)
    if not sols:
        return []
    num = game.numeric()
    out = []
    for sol in sols:
        vals = [sol[v] for v in xs]
        if any(not v.is_number for v in vals):
            _continuum_note(notes, sol, xs)
            continue
        f = ex.float_profile(vals)
        if np.any(np.isnan(f)) or np.any(f < num.lo - 1e-12) or np.any(f > num.hi + 1e-12):
            continue
        out.append((f, _residual(num, f), vals))
    return out


#: largest number of interior/lower/upper patterns that method "exact" solves one by one for a
#: numeric game (each is a sympy solve, about 15 ms); beyond, corners are found numerically
MAX_EXACT_CORNER_PATTERNS = 27


def _corner_exact_candidates(game, notes):
    """Exact Kuhn-Tucker points with at least one choice at a bound (numeric games): every
    interior/lower/upper pattern, the interior first-order conditions solved by sympy with the
    others at their bounds; points whose corner signs fail are dropped (natural residual)."""
    if not game.has_expressions or game.is_symmetric_form:
        return []
    xs = list(game.flat_variables)
    n_pat = math.prod(1 + int(lo != -sp.oo) + int(hi != sp.oo) for lo, hi in game.bounds)
    if n_pat > MAX_EXACT_CORNER_PATTERNS:
        return None
    grads = ex.own_gradient(game)
    patterns, _ = _kt_patterns(game, xs)
    num = game.numeric()
    out = []
    skipped = 0
    for pat in patterns:
        if all(st == "interior" for st in pat):
            continue  # _interior_exact_candidates
        fixed, unknowns, conds, eqs = _pattern_system(game, xs, grads, pat)
        if any(c is sp.false for c in conds):
            continue
        sols = ex.solve_system(eqs, unknowns) if eqs else [{}]
        if sols is None:
            skipped += 1
            continue
        for sol in sols:
            sub = dict(fixed)
            sub.update(sol)
            vals = [as_sympy(sub.get(v, v)) for v in xs]
            if any(v.free_symbols for v in vals):
                _continuum_note(notes, sub, xs)
                continue
            f = ex.float_profile(vals)
            if (np.any(np.isnan(f)) or np.any(f < num.lo - 1e-12)
                    or np.any(f > num.hi + 1e-12)):
                continue
            r = _residual(num, f)
            if r <= _accept_tol(f):
                out.append((f, r, vals))
    if skipped:
        notes.append(f"{skipped} interior/corner pattern(s) without a closed form were not "
                     "searched exactly")
    return out


#: measured CPU seconds of explicit games (one payoff expression per player, ``K`` scalar
#: choices), 8 starts: ``a + c * K**2`` for "auto"/"exact" (explicit Cournot: 1.3 s at
#: K = 20, 3.5 s at 40, 10 s at 80, 41 s at 150) and "numeric" with ``closed_form=False``
#: (0.6, 1.5, 6.9, 32 s)
EXPLICIT_SECONDS = {"closed": (0.3, 0.0018), "numeric": (0.2, 0.0014)}
#: one numerical best response of the iteration costs about this many seconds per choice of
#: the game (its payoff evaluations are linear in the number of choices)
BEST_RESPONSE_SECONDS_PER_CHOICE = 4e-5


def explicit_solve_seconds(game: ContinuousGame, method: str = "auto", *,
                           closed_form: bool = True, starts: int = 8) -> float:
    """Estimated seconds of :func:`nash_equilibria` on a numeric game with explicit payoffs
    (0 for the symmetric form, games with free parameters and method ``"symmetric"``, whose
    cost does not grow with the players the same way).

    ``"iteration"`` is ``starts x 200`` rounds of one best response per player, each
    :data:`BEST_RESPONSE_SECONDS_PER_CHOICE` times the choices (the worst case: the iteration
    stops when it converges or cycles); the others are measured,
    ``(a + c K**2) x (starts + 8) / 16`` with ``(a, c)`` from :data:`EXPLICIT_SECONDS`.

    >>> from govgames.games.continuous import cournot
    >>> explicit_solve_seconds(cournot(2, a=10, b=1, c=1)) < 1
    True
    """
    if game.is_symmetric_form or game.is_symbolic or method == "symmetric":
        return 0.0
    k = len(game.bounds)
    if method == "iteration":
        return starts * 200 * k * BEST_RESPONSE_SECONDS_PER_CHOICE * k
    a, c = EXPLICIT_SECONDS["closed" if (closed_form or method == "exact") else "numeric"]
    return (a + c * k ** 2) * (starts + 8) / 16


def _check_explicit_cost(game, method, closed_form, starts):
    secs = explicit_solve_seconds(game, method, closed_form=closed_form, starts=starts)
    if secs <= 1.0:
        return
    hint = ("a symmetric game in symmetric form (ContinuousGame.symmetric, e.g. cournot(n)) "
            "solves any number of players in about a second")
    if method == "iteration":
        hint += "; method 'numeric' needs derivatives but is far cheaper"
    elif closed_form or method in ("auto", "exact"):
        hint += "; method='numeric' with closed_form=False is cheaper"
    else:
        hint += "; fewer starts"
    check_seconds(secs, f"solving a continuous game of {game.n_players} players with explicit "
                  f"payoffs (method {method!r})", hint)


def nash_equilibria(game: ContinuousGame, method: str = "auto", *, starts: int = 8, seed=0,
                    closed_form: bool | None = None, grid: int = DEFAULT_GRID,
                    tol: float = DEFAULT_TOL, exact: bool | None = None
                    ) -> ContinuousEquilibriumList:
    """Pure Nash equilibria of a continuous game, each certified (see the module text).

    Parameters
    ----------
    game : ContinuousGame
    method : {"auto", "symmetric", "exact", "numeric", "iteration"}
    starts : int
        Starting points of the numerical search (box centre plus seeded uniform draws).
    seed : int or None
        Seed of the starting points (same answer for the same seed).
    closed_form : bool, default True
        Look for the exact (closed-form, sympy) value of each numerical solution, kept in
        ``exact_profile``; ``False`` returns floating-point solutions only. Method ``"exact"``
        always solves in closed form.
    grid, tol : int, float
        The deviation check of :func:`~govgames.games.continuous.is_equilibrium`.
    exact : bool, optional
        Deprecated name of ``closed_form`` (it warns).

    Returns
    -------
    ContinuousEquilibriumList
        The certified equilibria; ``.rejected`` holds stationary points that failed the check
        (best first). An empty list with its ``.closest`` candidate is the explicit "not found".

    Raises
    ------
    InputError
        Unknown method; a method that needs derivatives on a payoff that is not differentiable;
        free parameters for a numerical method (:class:`~govgames.games.FreeParametersError`);
        an explicit game whose estimated time (:func:`explicit_solve_seconds`) is over the
        time budget (:class:`~govgames.games.budget.BudgetError`, naming cheaper ways).
    TypeError
        When both ``closed_form`` and ``exact`` are given.

    Warns
    -----
    DeprecationWarning
        When ``exact=`` is used.

    References
    ----------
    Rosen (1965); Facchinei and Pang (2003); Powell (1970).

    Examples
    --------
    Cournot with asymmetric costs, exact:

    >>> from govgames.games.continuous import cournot
    >>> eqs = nash_equilibria(cournot(2, a=10, b=1, c=[1, 4]))
    >>> eqs[0].exact_profile
    ((4,), (1,))

    When costs differ enough one firm stays out (a corner):

    >>> e = nash_equilibria(cournot(2, a=10, b=1, c=[1, 9]))[0]
    >>> e.exact_profile, e.status
    (((9/2,), (0,)), (('interior',), ('lower',)))

    A Tullock contest with ``r = 3`` has no pure equilibrium; the stationary point is reported:

    >>> from govgames.games.continuous import tullock_contest
    >>> res = nash_equilibria(tullock_contest(2, v=1, r=3))
    >>> res.found, res.closest.check.best_deviation[0]
    (False, 'Player 1')
    """
    closed_form = renamed_argument(closed_form, exact, old="exact", new="closed_form",
                                   where="nash_equilibria", default=True)
    _check_args(game, grid, tol)
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not (isinstance(starts, (int, np.integer)) and 1 <= starts <= 1000):
        raise InputError(f"starts must be an integer between 1 and 1000, got {starts!r}")
    if method == "symmetric":
        return symmetric_equilibria(game, closed_form=closed_form, grid=grid, tol=tol)
    if game.is_symbolic:
        return _symbolic_equilibria(game, method)
    _check_explicit_cost(game, method, closed_form, starts)
    nonsmooth = bool(game.numeric().nonsmooth)
    if method == "auto" and nonsmooth:
        _check_explicit_cost(game, "iteration", False, starts)
    if method in ("exact", "numeric") or (method == "auto" and not nonsmooth):
        if nonsmooth:
            ex.require_differentiable(game, method)
    if method == "exact":
        return _exact_equilibria(game, starts=starts, seed=seed, grid=grid, tol=tol)
    if method == "iteration":
        cands = _numeric_candidates(game, starts=starts, seed=seed, grid=grid,
                                    closed_form=closed_form,
                                    iterate=True, roots=False)
        return _finish(game, cands, "iteration", grid=grid, tol=tol,
                       notes=[f"best-response iteration from {starts} starting point(s)"])
    if method == "auto" and game.is_symmetric_form:
        res = symmetric_equilibria(game, closed_form=closed_form, grid=grid, tol=tol)
        res.notes.append(f"the game is in symmetric form ({game.n_players} players): "
                         "asymmetric equilibria are not searched (method='numeric' does)")
        res.method = "auto: symmetric"
        return res
    if method == "auto" and nonsmooth:
        cands = _numeric_candidates(game, starts=starts, seed=seed, grid=grid, closed_form=False,
                                    iterate=True, roots=False)
        i = next(iter(game.numeric().nonsmooth))
        return _finish(game, cands, "auto: iteration", grid=grid, tol=tol,
                       notes=[f"the payoff of {game.players[i]} is not differentiable "
                              f"({game.numeric().nonsmooth[i]} in its derivative): best-response "
                              f"iteration from {starts} starting point(s), no derivatives"])
    cands = []
    notes: list[str] = []
    if method == "auto":
        if closed_form:
            cands += _interior_exact_candidates(game, notes)
        if game.is_symmetric:
            cands += _symmetric_cands(game, closed_form=closed_form)
    cands += _numeric_candidates(game, starts=starts, seed=seed, grid=grid,
                                 closed_form=closed_form, notes=notes)
    notes.append(f"numerical search from {starts} starting point(s) (seed {seed}) plus "
                 "best-response iteration; an equilibrium no start leads to can be missed")
    return _finish(game, cands, method, grid=grid, tol=tol, notes=notes)


def _symbolic_equilibria(game, method):
    """nash_equilibria of a game with free parameters (symbolic solutions only)."""
    if method in ("numeric", "iteration"):
        raise FreeParametersError([p.name for p in game.parameters])
    if not game.has_expressions:
        raise FreeParametersError([p.name for p in game.parameters])
    if method == "auto" and game.is_symmetric:
        return _symbolic_symmetric_checked(game)
    if game.is_symmetric_form:
        return _symbolic_symmetric_checked(game)
    ex.require_differentiable(game, method)
    return _symbolic_system(game)


def _exact_equilibria(game, *, starts, seed, grid, tol):
    """nash_equilibria(method="exact"): exact Kuhn-Tucker points (interior and at the bounds)."""
    if not game.has_expressions:
        raise InputError("method 'exact' needs sympy payoffs; the payoffs are a Python "
                         "function (use 'numeric')")
    declined = (not game.is_symmetric_form
                and ex.solve_system(ex.own_gradient(game), list(game.flat_variables)) is None)
    notes = [] if declined else ["exact solutions of the first-order (Kuhn-Tucker) conditions, "
                                 "interior and at the bounds"]
    cands = _interior_exact_candidates(game, notes)
    if game.is_symmetric:
        cands += _symmetric_cands(game, closed_form=True)
    corners = None if declined else _corner_exact_candidates(game, notes)
    if corners is not None:
        cands += corners
    elif not declined and not game.is_symmetric_form:
        found = _numeric_candidates(game, starts=starts, seed=seed, grid=grid,
                                    closed_form=True)
        cands += [c for c in found if c[2] is not None]
        notes.append(f"more than {MAX_EXACT_CORNER_PATTERNS} interior/corner patterns: choices "
                     "at their bounds are found by the numerical search and made exact (one no "
                     "start leads to can be missed)")
    if game.is_symmetric_form:
        notes.append(f"the game is in symmetric form ({game.n_players} players): only symmetric "
                     "equilibria are solved (method='numeric' searches asymmetric ones)")
    if declined:
        # sympy does not solve the whole system: solve numerically, then make each
        # stationary point exact (its interior block solved with the corners fixed)
        found = _numeric_candidates(game, starts=starts, seed=seed, grid=grid,
                                    closed_form=True)
        cands += [c for c in found if c[2] is not None]
        notes.append("the first-order conditions are too large or not polynomial for a "
                     "direct exact solve: numerical solutions made exact one by one")
    res = _finish(game, cands, "exact", grid=grid, tol=tol, notes=notes)
    if declined and not res.found:
        raise InputError(
            "method 'exact' could not solve the first-order conditions exactly (not "
            "polynomial in the choices, or too many unknowns for sympy); this does not mean "
            "there is no equilibrium: use method 'auto' or 'numeric'")
    return res


def _symmetric_cands(game, closed_form):
    try:
        res = symmetric_equilibria(game, closed_form=closed_form, grid=5)
    except InputError:
        return []
    out = []
    for e in list(res) + list(res.rejected):
        x = e.flat()
        flat_exact = None
        if e.exact_profile is not None:
            flat_exact = [v for p in e.exact_profile for v in p]
        out.append((x, _residual(game.numeric(), x), flat_exact))
    return out


def _symbolic_symmetric_checked(game):
    ex.require_differentiable(game, "symmetric")
    return _symbolic_symmetric(game)
