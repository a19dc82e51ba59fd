"""Analysis of symmetric continuous games: social optimum and efficiency gap, comparative
statics by implicit differentiation, best responses, and the critical discount factor of
collusion under grim trigger.

All functions work on symmetric games with one-dimensional choices (the symmetric form of
:meth:`~govgames.games.continuous.ContinuousGame.symmetric`, or explicit payoffs that permute
with the players). With free parameters the answers are sympy formulas; with numbers they are
exact when sympy can solve the first-order condition and floats otherwise.

References
----------
.. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic
   Studies* 38 (1971), 1-12 (grim trigger with Nash reversion).
.. [2] J. Tirole, *The Theory of Industrial Organization*, MIT Press, 1988, ch. 6 (collusion in
   repeated Cournot and Bertrand games).
.. [3] P. Milgrom and J. Roberts, "Rationalizability, learning, and equilibrium in games with
   strategic complementarities", *Econometrica* 58 (1990), 1255-1277 (comparative statics).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from scipy import optimize

from ..errors import InputError
from ..expr import as_sympy, substitution
from . import _exact as ex
from .equilibria import symmetric_equilibria
from .game import ContinuousGame

__all__ = ["social_optimum", "SocialOptimum", "comparative_statics", "best_response",
           "equilibrium_map", "EquilibriumMap",
           "collusion_threshold", "CollusionThreshold"]


# ---------------------------------------------------------------------- helpers
def _symmetric_parts(game: ContinuousGame):
    """``(x, z, dev, lo, hi)``: ``dev`` is player 1's payoff when it plays ``x`` and every other
    player plays ``z``; ``[lo, hi]`` the common interval."""
    if not isinstance(game, ContinuousGame):
        raise InputError(f"expected a ContinuousGame, got {type(game).__name__}")
    if not game.has_expressions:
        raise InputError("this analysis needs sympy payoffs; the payoffs are a Python function")
    if not game.is_symmetric:
        raise InputError("this analysis needs a symmetric game (payoffs that permute with the "
                         "players)")
    lo0 = game.interval[0] if game.is_symmetric_form else game.bounds[0][0]
    positive = bool(lo0.is_number and lo0.is_finite and lo0 >= 0)
    # the others' choice z: positive when choices are non-negative (lets sympy discard the
    # spurious roots of the first-order condition, e.g. x = -z - sqrt(v z) in a contest)
    x = sp.Dummy("x", real=True)
    z = sp.Dummy("z", positive=True) if positive else sp.Dummy("z", real=True)
    s = game.symmetric_form
    if s is not None:
        n = s["n"]
        dev = s["U"].subs({s["own"]: x, s["others"]: (n - 1) * s["g"].subs(s["own"], z)},
                          simultaneous=True)
        lo, hi = game.interval
    else:
        if game.dims[0] != 1:
            raise InputError("this analysis needs one-dimensional choices; player 1 chooses "
                             f"{game.dims[0]} numbers")
        vs = game.flat_variables
        sub = {v: z for v in vs[1:]}
        sub[vs[0]] = x
        dev = game.payoff_exprs[0].subs(sub, simultaneous=True)
        lo, hi = game.bounds[0]
    return x, z, dev, lo, hi


def _argmax(f, t, lo, hi, what):
    """Maximiser of ``f(t)`` over ``[lo, hi]``: exact candidates (stationary points and bounds)
    when sympy can, otherwise a grid search with bounded refinement (numeric ``f`` only)."""
    df = sp.diff(f, t)
    sols = ex.solve_system([df], [t])
    numeric = not (f.free_symbols - {t}) and lo.is_number and hi.is_number
    if sols is None:
        if not numeric:
            raise InputError(f"{what}: the first-order condition {df} = 0 has no closed form "
                             "sympy can find; give the parameters values with .subs(...)")
        fn = sp.lambdify(t, f, modules=["numpy", "scipy"])
        a = float(lo) if lo.is_finite else -1e3
        b = float(hi) if hi.is_finite else 1e3
        ts = np.linspace(a, b, 4001)
        with np.errstate(all="ignore"):
            vals = np.asarray(fn(ts), dtype=float) * np.ones_like(ts)
        vals = np.where(np.isnan(vals), -np.inf, vals)
        j = int(np.argmax(vals))
        res = optimize.minimize_scalar(lambda u: -float(fn(u)), method="bounded",
                                       bounds=(ts[max(j - 1, 0)], ts[min(j + 1, 4000)]),
                                       options={"xatol": 1e-12})
        best = res.x if -res.fun >= vals[j] else ts[j]
        return sp.Float(best, 15), False
    cands = [s[t] for s in sols if not (s[t].free_symbols - f.free_symbols) and s[t] != t]
    if numeric:
        pts = [c for c in cands if c.is_real is not False
               and ex.numeric_value(c) == ex.numeric_value(c)
               and float(lo) - 1e-12 <= ex.numeric_value(c) <= float(hi) + 1e-12]
        pts += [b for b in (lo, hi) if b.is_finite]
        if not pts:
            raise InputError(f"{what}: no maximiser found on [{lo}, {hi}]")
        vals = [ex.numeric_value(f.subs(t, c)) for c in pts]
        vals = [v if v == v else -np.inf for v in vals]
        return pts[int(np.argmax(vals))], True
    # symbolic: the stationary point(s) where the second derivative is not positive
    d2 = sp.diff(f, t, 2)
    keep = [c for c in cands if not sp.simplify(d2.subs(t, c)).is_positive]
    if len(keep) != 1:
        raise InputError(f"{what}: {len(keep)} candidate maximisers in closed form; give the "
                         "parameters values with .subs(...)")
    return sp.simplify(keep[0]), True


def _symmetric_nash(game):
    """Symmetric equilibrium choices (exact or float) of the game."""
    res = symmetric_equilibria(game)
    out = []
    for e in res:
        if game.is_symbolic:
            if all(s == "interior" for s in e.status[0]):
                out.append(e.exact_profile[0][0])
        else:
            out.append(e.exact_profile[0][0] if e.exact_profile is not None
                       else sp.Float(float(e.profile[0][0]), 15))
    if not out:
        raise InputError("no symmetric pure equilibrium found"
                         + ("" if game.is_symbolic else f": {res}"))
    return out


def _simp(e):
    return sp.factor(sp.simplify(e)) if not e.is_number else sp.nsimplify(e) if e.is_Float else e


# ---------------------------------------------------------------------- social optimum
@dataclass(frozen=True)
class SocialOptimum:
    """The symmetric profile that maximises total payoff, against the symmetric equilibrium.

    Attributes
    ----------
    choice : sympy expression
        Each player's choice at the optimum.
    payoff : sympy expression
        Each player's payoff at the optimum.
    nash_choice, nash_payoff : sympy expression
        The same at the symmetric Nash equilibrium (the best one for the players if several).
    gap : sympy expression
        ``payoff - nash_payoff`` per player (the efficiency loss of non-cooperation).

    Examples
    --------
    >>> from govgames.games.continuous import abatement
    >>> print(social_optimum(abatement(2, a=10, b=1, c=1)))
    social optimum: each chooses 10/3 (payoff 50/3); Nash: 5/2 (payoff 125/8); gap 25/24 per player
    """

    choice: object
    payoff: object
    nash_choice: object
    nash_payoff: object
    gap: object

    def __str__(self) -> str:
        return (f"social optimum: each chooses {self.choice} (payoff {self.payoff}); Nash: "
                f"{self.nash_choice} (payoff {self.nash_payoff}); gap {self.gap} per player")


def social_optimum(game: ContinuousGame) -> SocialOptimum:
    """The symmetric welfare optimum of a symmetric game and its gap to the Nash equilibrium.

    Every player makes the same choice ``z``; the optimum maximises the common payoff
    ``u(z, ..., z)`` over the interval (the utilitarian optimum among symmetric profiles, which
    is the optimum when the welfare function is concave).

    Parameters
    ----------
    game : ContinuousGame
        Symmetric, one-dimensional choices, sympy payoffs (numeric or symbolic parameters).

    Returns
    -------
    SocialOptimum

    Raises
    ------
    InputError
        Not symmetric; no closed form with free parameters; no symmetric equilibrium.

    References
    ----------
    Bergstrom, Blume and Varian (1986); Barrett (1994).

    Examples
    --------
    The Samuelson condition in a public-good game (total ``(a - 1/n)/b`` against Nash
    ``(a - 1)/b``):

    >>> from govgames.games.continuous import public_good_contributions
    >>> opt = social_optimum(public_good_contributions(4, a=3, b=1, endowment=10))
    >>> opt.choice, opt.nash_choice, opt.gap
    (11/16, 1/2, 9/32)
    """
    x, z, dev, lo, hi = _symmetric_parts(game)
    W = dev.subs(x, z)
    zopt, _ = _argmax(W, z, lo, hi, "social_optimum")
    nash = _symmetric_nash(game)
    pays = [_simp(W.subs(z, c)) for c in nash]
    k = 0
    if not game.is_symbolic:
        k = int(np.argmax([ex.numeric_value(p) for p in pays]))
    w_opt = _simp(W.subs(z, zopt))
    return SocialOptimum(_simp(zopt), w_opt, nash[k], pays[k], _simp(w_opt - pays[k]))


# ---------------------------------------------------------------------- comparative statics
def comparative_statics(game: ContinuousGame, parameter, at=None):
    """``d z* / d parameter`` at the symmetric equilibrium, by implicit differentiation.

    With ``phi(z, theta)`` the symmetric first-order condition, ``dz*/dtheta =
    -phi_theta / phi_z`` at ``z*`` (interior equilibrium, ``phi_z != 0``).

    Parameters
    ----------
    game : ContinuousGame
        A symmetric game with ``parameter`` free.
    parameter : str or sympy Symbol
        The parameter to vary (also ``n`` for a symbolic number of players).
    at : mapping, optional
        Values of every free parameter: the derivative is evaluated there (a float, or exact
        when the equilibrium is exact). Without it, the closed form in the parameters.

    Returns
    -------
    sympy expression or float

    Raises
    ------
    InputError
        Unknown parameter; no closed-form equilibrium without ``at``; a corner equilibrium
        (the derivative is then 0 or undefined); ``phi_z = 0``.

    References
    ----------
    Milgrom and Roberts (1990).

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> comparative_statics(cournot(), "c")
    -1/(b*(n + 1))
    >>> comparative_statics(cournot(2), "a", at={"a": 10, "b": 1, "c": 1})
    1/3
    """
    x, z, dev, lo, hi = _symmetric_parts(game)
    params = {p.name: p for p in game.parameters}
    name = parameter.name if isinstance(parameter, sp.Symbol) else str(parameter)
    if name not in params:
        raise InputError(f"unknown parameter {name!r}; the free parameters are "
                         f"{', '.join(params) or 'none'}")
    theta = params[name]
    phi = sp.diff(dev, x).subs(x, z)
    phi_z, phi_t = sp.diff(phi, z), sp.diff(phi, theta)
    deriv = -phi_t / phi_z
    if at is None:
        roots = _symmetric_nash(game)
        if len(roots) != 1:
            raise InputError(f"{len(roots)} symmetric equilibria: give values with at=...")
        return _simp(deriv.subs(z, roots[0]))
    if not isinstance(at, dict):
        raise InputError("at must be a dict of parameter values")
    g = game.subs(at)
    if g.is_symbolic:
        raise InputError("at: give a value to every free parameter "
                         f"({', '.join(p.name for p in g.parameters)} missing)")
    res = symmetric_equilibria(g)
    inner = [e for e in res if all(s == "interior" for s in e.status[0])]
    if not inner:
        raise InputError(f"no interior symmetric equilibrium at {at}: the derivative of a "
                         "corner solution is 0 or undefined")
    e = inner[0]
    zval = e.exact_profile[0][0] if e.exact_profile is not None else float(e.profile[0][0])
    sub = substitution(list(game.parameters), at)
    den = phi_z.subs(sub).subs(z, zval)
    if den == 0:
        raise InputError("phi_z = 0 at the equilibrium: implicit differentiation does not apply")
    out = sp.simplify(deriv.subs(sub).subs(z, zval))
    return out if e.exact_profile is not None and out.is_Rational else (
        out if not out.is_number else float(out))


# ---------------------------------------------------------------------- best response
def best_response(game: ContinuousGame):
    """Player 1's best response to every other player choosing ``z``, in closed form.

    The interior solution of the first-order condition (checked against the second-order
    condition where sympy can decide it), clipped to the interval: ``Min(Max(br, lo), hi)``.

    Parameters
    ----------
    game : ContinuousGame
        Symmetric, one-dimensional choices, sympy payoffs.

    Returns
    -------
    (z, expression)
        The symbol standing for the others' common choice, and the best response.

    Raises
    ------
    InputError
        No closed form (not polynomial after clearing denominators).

    References
    ----------
    Fudenberg and Tirole (1991), sec. 1.2.

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> z, br = best_response(cournot(2, a=10, b=1, c=1))
    >>> br.subs(z, 3), br.subs(z, 20)
    (3, 0)
    """
    x, z, dev, lo, hi = _symmetric_parts(game)
    foc = sp.diff(dev, x)
    sols = ex.solve_system([foc], [x])
    if sols is None:
        raise InputError(f"best_response: the first-order condition {foc} = 0 has no closed "
                         "form sympy can find; use nash_equilibria for numeric solutions")
    d2 = sp.diff(dev, x, 2)
    cands = [s[x] for s in sols if s[x] != x and not sp.simplify(d2.subs(x, s[x])).is_positive]
    if len(cands) != 1:
        raise InputError(f"best_response: {len(cands)} interior candidates; the best response "
                         "is not a single formula")
    br = sp.simplify(cands[0])
    if lo.is_finite:
        br = sp.Max(br, lo)
    if hi.is_finite:
        br = sp.Min(br, hi)
    zz = sp.Symbol("z", real=True)
    return zz, br.subs(z, zz)


# ---------------------------------------------------------------------- collusion
@dataclass(frozen=True)
class CollusionThreshold:
    """Critical discount factor of symmetric collusion under grim trigger with Nash reversion.

    Attributes
    ----------
    delta : sympy expression or None
        Collusion is sustainable for ``delta >= self.delta`` (0 when nobody gains by deviating;
        None when collusion pays less than Nash and is never worth sustaining).
    collusive, nash, deviation : sympy expression
        Each player's choice when colluding, at the stage Nash equilibrium, and the best
        one-shot deviation from collusion.
    collusive_payoff, nash_payoff, deviation_payoff : sympy expression
    notes : tuple of str

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> r = collusion_threshold(cournot(2, a=10, b=1, c=1))
    >>> r.collusive, r.deviation, r.nash, r.delta
    (9/4, 27/8, 3, 9/17)
    """

    delta: object
    collusive: object
    nash: object
    deviation: object
    collusive_payoff: object
    nash_payoff: object
    deviation_payoff: object
    notes: tuple = field(default=())

    def __str__(self) -> str:
        head = ("collusion is never worth sustaining" if self.delta is None
                else f"critical discount factor {self.delta}")
        lines = [head,
                 f"  collude: {self.collusive} each, payoff {self.collusive_payoff}",
                 f"  deviate: {self.deviation}, payoff {self.deviation_payoff}",
                 f"  Nash reversion: {self.nash} each, payoff {self.nash_payoff}"]
        return "\n".join(lines + [f"  note: {n}" for n in self.notes])


def collusion_threshold(game: ContinuousGame, collusive=None) -> CollusionThreshold:
    """The least discount factor at which symmetric collusion survives grim trigger.

    Every player makes the collusive choice while nobody has deviated, and the stage Nash
    equilibrium forever after a deviation. With per-period payoffs ``pi_M`` (collude),
    ``pi_D`` (best one-shot deviation) and ``pi_N`` (Nash), collusion is an equilibrium of the
    infinitely repeated game when ``delta >= (pi_D - pi_M) / (pi_D - pi_N)`` (Friedman 1971).

    Parameters
    ----------
    game : ContinuousGame
        Symmetric stage game with one-dimensional choices and sympy payoffs.
    collusive : number or sympy expression, optional
        Each player's collusive choice (default: the symmetric joint optimum, e.g. the
        monopoly output shared equally).

    Returns
    -------
    CollusionThreshold

    Raises
    ------
    InputError
        Not symmetric; no closed form with free parameters; no symmetric stage equilibrium.

    References
    ----------
    Friedman (1971); Tirole (1988), ch. 6.

    Examples
    --------
    >>> from govgames.games.continuous import cournot
    >>> collusion_threshold(cournot(2)).delta
    9/17
    >>> collusion_threshold(cournot()).delta
    (n + 1)**2/(n**2 + 6*n + 1)
    """
    x, z, dev, lo, hi = _symmetric_parts(game)
    W = dev.subs(x, z)
    notes = []
    if collusive is None:
        zm, _ = _argmax(W, z, lo, hi, "collusion_threshold (joint optimum)")
        notes.append("collusive choice: the symmetric joint optimum")
    else:
        zm = as_sympy(collusive, where="collusive")
    zm = _simp(zm)
    f_dev = dev.subs(z, zm)
    xd, _ = _argmax(f_dev, x, lo, hi, "collusion_threshold (best deviation)")
    xd = _simp(xd)
    pi_m = _simp(W.subs(z, zm))
    pi_d = _simp(f_dev.subs(x, xd))
    nash = _symmetric_nash(game)
    pi_ns = [_simp(W.subs(z, c)) for c in nash]
    k = 0
    if not game.is_symbolic and len(pi_ns) > 1:
        k = int(np.argmin([ex.numeric_value(p) for p in pi_ns]))
        notes.append("several symmetric stage equilibria: reversion to the one worst for the "
                     "players (least delta)")
    pi_n = pi_ns[k]
    gain = _simp(pi_d - pi_m)
    loss = _simp(pi_m - pi_n)
    if gain.is_number and gain <= 0:
        delta = sp.Integer(0)
        notes.append("no player gains by deviating: collusion is a stage equilibrium")
    elif loss.is_number and loss <= 0:
        delta = None
        notes.append("collusion pays no more than Nash reversion")
    else:
        delta = _simp(gain / (pi_d - pi_n))
        if not delta.is_number:
            notes.append("symbolic: valid where the collusive, deviation and Nash choices are "
                         "interior")
    return CollusionThreshold(delta, zm, nash[k], xd, pi_m, pi_n, pi_d, tuple(notes))


# ---------------------------------------------------------------------- parameter maps
@dataclass(frozen=True)
class EquilibriumMap:
    """A symmetric equilibrium evaluated over a grid of parameter values.

    Attributes
    ----------
    parameters : tuple of str
        The varied parameters, in the order of the grid axes.
    axes : tuple of numpy arrays
        The values of each varied parameter.
    choice : numpy array
        Each player's equilibrium choice at every grid point (shape ``len(axes[0]), ...``); NaN
        where the closed form does not apply.
    payoff : numpy array
        Each player's equilibrium payoff (NaN where the closed form does not apply).
    valid : numpy array of bool
        Where the conditions of the closed form (interior, second order) hold.
    formula : sympy expression
        The closed form that was evaluated.

    Examples
    --------
    >>> import numpy as np
    >>> from govgames.games.continuous import tullock_contest
    >>> m = equilibrium_map(tullock_contest(), {"n": np.array([2, 4]), "v": np.array([16.0])})
    >>> m.formula, m.choice.ravel().tolist()
    (v*(n - 1)/n**2, [4.0, 3.0])
    """

    parameters: tuple
    axes: tuple
    choice: np.ndarray
    payoff: np.ndarray
    valid: np.ndarray
    formula: object


def equilibrium_map(game: ContinuousGame, grid, fixed=None) -> EquilibriumMap:
    """The interior symmetric equilibrium over a grid of parameter values, vectorised.

    The symmetric equilibrium is solved once in closed form (with its conditions); the formula
    and the conditions are then evaluated with numpy over the whole grid, so a 100 x 100 map
    costs one symbolic solve plus array arithmetic.

    Parameters
    ----------
    game : ContinuousGame
        Symmetric, with free parameters.
    grid : mapping
        ``{parameter: 1-d array of values}`` for the varied parameters (one or more).
    fixed : mapping, optional
        Values of the other free parameters.

    Returns
    -------
    EquilibriumMap

    Raises
    ------
    InputError
        Unknown parameter, a parameter neither varied nor fixed, a grid of more than
        ``10**7`` points, no closed-form interior equilibrium.

    References
    ----------
    Tirole (1988), ch. 5.

    Examples
    --------
    >>> import numpy as np
    >>> from govgames.games.continuous import cournot
    >>> m = equilibrium_map(cournot(2), {"a": np.array([10.0, 20.0]), "c": np.array([1.0, 2.0])},
    ...                     fixed={"b": 1})
    >>> m.choice
    array([[3.        , 2.66666667],
           [6.33333333, 6.        ]])
    """
    if not isinstance(game, ContinuousGame):
        raise InputError(f"expected a ContinuousGame, got {type(game).__name__}")
    if not isinstance(grid, dict) or not grid:
        raise InputError("grid must be a non-empty dict {parameter: values}")
    g = game.subs(fixed) if fixed else game
    names = {p.name: p for p in g.parameters}
    varied = [k.name if isinstance(k, sp.Symbol) else str(k) for k in grid]
    for k in varied:
        if k not in names:
            raise InputError(f"unknown or fixed parameter {k!r}; free parameters: "
                             f"{', '.join(names) or 'none'}")
    missing = sorted(set(names) - set(varied))
    if missing:
        raise InputError(f"give parameter(s) {', '.join(missing)} a value with fixed=... or a "
                         "grid")
    axes = []
    for k, vals in zip(varied, grid.values()):
        arr = np.asarray(vals, dtype=float)
        if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
            raise InputError(f"grid values of {k!r} must be a non-empty 1-d array of numbers")
        axes.append(arr)
    size = int(np.prod([a.size for a in axes]))
    if size > 10 ** 7:
        raise InputError(f"the grid has {size:,} points (at most 10,000,000); use fewer values")
    res = symmetric_equilibria(g)
    inner = [e for e in res if all(s == "interior" for s in e.status[0])]
    if len(inner) != 1:
        raise InputError(f"{len(inner)} closed-form interior symmetric equilibria; a map needs "
                         "exactly one")
    e = inner[0]
    syms = [names[k] for k in varied]
    mesh = np.meshgrid(*axes, indexing="ij")
    mods = ["numpy", "scipy"]
    with np.errstate(all="ignore"):
        choice = np.broadcast_to(np.asarray(
            sp.lambdify(syms, e.exact_profile[0][0], modules=mods)(*mesh), dtype=float),
            mesh[0].shape).copy()
        payoff = np.broadcast_to(np.asarray(
            sp.lambdify(syms, e.exact_payoffs[0], modules=mods)(*mesh), dtype=float),
            mesh[0].shape).copy()
        valid = np.ones(mesh[0].shape, dtype=bool)
        for c in e.conditions:
            valid &= np.broadcast_to(np.asarray(sp.lambdify(syms, c, modules=mods)(*mesh),
                                                dtype=bool), valid.shape)
    valid &= np.isfinite(choice)
    choice[~valid] = np.nan
    payoff[~valid] = np.nan
    return EquilibriumMap(tuple(varied), tuple(axes), choice, payoff, valid, e.exact_profile[0][0])
