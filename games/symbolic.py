"""Symbolic equilibrium analysis: conditions, thresholds and maps of parameter regions.

A pure profile ``s`` is a Nash equilibrium when no player gains by a unilateral deviation:
``u_i(s) >= u_i(s'_i, s_-i)`` for every player ``i`` and strategy ``s'_i``. With payoffs that are
sympy expressions of parameters (costs, spillovers, transfers, fines, evaluation weights) these
inequalities *are* the answer to "under which conditions does cooperation hold";
:func:`equilibrium_conditions` lists them, :func:`threshold` solves them for one parameter (the
minimal compensation, the smallest fine, the critical evaluation weight), and
:func:`parameter_map` classifies a grid of parameter values by which profiles are equilibria,
with every payoff turned into a numpy function by ``sympy.lambdify`` so that a million points
cost a few array operations, not a million solver calls.

References
----------
.. [1] M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press, 1994, ch. 2.
.. [2] A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3
   (2017), e103.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import sympy as sp

from .budget import check_active_deadline
from .errors import FreeParametersError, InputError
from .expr import as_sympy
from .game import NormalFormGame
from .regions import condition_text, simplify_conditions
from .tolerance import DEFAULT_TOL

__all__ = ["equilibrium_conditions", "Conditions", "threshold", "Threshold", "parameter_map",
           "ParameterMap", "plot_parameter_map", "symbolic_report"]


# ---------------------------------------------------------------------- conditions


def _readable(diff: sp.Expr, strict: bool):
    """``diff >= 0`` (or ``> 0``) written as ``positive terms >= negative terms``."""
    diff = sp.simplify(diff)
    rel = sp.Gt if strict else sp.Ge
    if diff.is_number:
        return rel(diff, 0)
    num, den = sp.fraction(sp.together(diff))
    if den.is_positive:  # multiply through by a positive denominator
        diff = sp.expand(num)
    # drop positive factors (e.g. c*(30 - r) >= 0 becomes 30 >= r)
    fac = sp.factor_terms(diff)
    if isinstance(fac, sp.Mul):
        keep = [x for x in fac.args if not x.is_positive]
        if len(keep) < len(fac.args):
            diff = sp.expand(sp.Mul(*keep))
    if diff.is_number:
        return rel(diff, 0)
    terms = sp.Add.make_args(sp.expand(diff))
    pos = [t for t in terms if not t.could_extract_minus_sign()]
    neg = [-t for t in terms if t.could_extract_minus_sign()]
    lhs, rhs = sp.Add(*pos), sp.Add(*neg)
    if lhs == 0:
        lhs, rhs = diff, sp.Integer(0)
    return rel(lhs, rhs)


class Conditions(list):
    """A list of sympy relationals (all must hold), with the deviation each one rules out.

    Attributes
    ----------
    profile : tuple of str
    strict : bool
    deviations : list of (player, strategy, relational)
        Every deviation considered, including those that can never pay (always-true conditions,
        which are left out of the list itself).
    holds : sympy Boolean
        ``And`` of the conditions (``true`` when always an equilibrium, ``false`` when never).
    region : sympy Boolean
        The same set of parameter values in its simplest form
        (:func:`~govgames.games.regions.simplify_conditions`): equations where two inequalities
        meet, implied conditions dropped, ``false`` when the conditions contradict each other.

    >>> Conditions([], profile=("C",), strict=False).holds
    True
    """

    def __init__(self, items=(), profile=(), strict=False, deviations=()):
        super().__init__(items)
        self.profile = tuple(profile)
        self.strict = strict
        self.deviations = list(deviations)

    @property
    def holds(self):
        return sp.And(*self) if self else sp.true

    @property
    def region(self):
        return simplify_conditions(list(self))

    def __str__(self) -> str:
        kind = "strict" if self.strict else "weak"
        head = f"({', '.join(self.profile)}) is a {kind} Nash equilibrium iff"
        region = self.region
        if region in (sp.true, sp.false):
            return f"{head} {condition_text(region)}"
        parts = region.args if isinstance(region, sp.And) else (region,)
        return head + "\n" + "\n".join(f"  {condition_text(c)}" for c in parts)

    def _repr_latex_(self) -> str:
        region = self.region
        body = (r"\text{always}" if region == sp.true else r"\text{never}" if region == sp.false
                else sp.latex(region))
        return f"${body}$"


def equilibrium_conditions(game, profile, strict: bool = False) -> Conditions:
    """The inequalities under which a pure profile is a Nash equilibrium.

    For every player and every other strategy of that player one condition
    ``u_i(profile) >= u_i(deviation)`` (``>`` with ``strict=True``), simplified (positive factors
    cancelled) and written as "positive terms >= negative terms". Conditions that hold for all
    parameter values (sympy decides, using the parameters' assumptions, e.g. ``positive=True``)
    are left out, and a condition shared by several deviations is listed once (``.deviations``
    keeps one entry per deviation); a condition that can never hold appears as ``False``.

    Parameters
    ----------
    game : NormalFormGame or AnonymousGame
        For an :class:`~govgames.games.AnonymousGame` the profile is the number ``m`` of players on
        action 1.
    profile : sequence of str/int, or int (anonymous games)
    strict : bool
        Strict equilibrium (every deviation loses) instead of weak.

    Returns
    -------
    Conditions
        A list of sympy relationals (all must hold), with ``.holds`` (their conjunction) and
        ``.deviations``.

    Examples
    --------
    The prisoner's dilemma: mutual defection is an equilibrium iff ``P >= S``, mutual
    cooperation iff ``R >= T``.

    >>> import sympy as sp
    >>> T, R, P, S = sp.symbols("T R P S")
    >>> g = NormalFormGame([[[R, S], [T, P]], [[R, T], [S, P]]],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> equilibrium_conditions(g, ("C", "C"))
    [R >= T]
    >>> print(equilibrium_conditions(g, ("D", "D"), strict=True))
    (D, D) is a strict Nash equilibrium iff
      P > S
    """
    from .anonymous import AnonymousGame

    if isinstance(game, AnonymousGame):
        return _anonymous_conditions(game, profile, strict)
    if not isinstance(game, NormalFormGame):
        raise InputError("equilibrium_conditions needs a NormalFormGame or AnonymousGame, "
                         f"got {type(game).__name__}")
    idx = game.pure_profile(profile)
    P = np.asarray(game.payoff_array)
    out, devs = [], []
    for i in range(game.n_players):
        stay = as_sympy(P[(i,) + idx])
        for s in range(game.shape[i]):
            if s == idx[i]:
                continue
            alt = idx[:i] + (s,) + idx[i + 1:]
            check_active_deadline()        # inside symbolic_report: its time budget
            cond = _readable(stay - as_sympy(P[(i,) + alt]), strict)
            devs.append((game.players[i], game.strategies[i][s], cond))
            if cond != sp.true and cond not in out:
                out.append(cond)
    return Conditions(out, profile=game.profile_names(idx), strict=strict, deviations=devs)


def _anonymous_conditions(game, m, strict) -> Conditions:
    n = game.n_players
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or not 0 <= m <= n:
        raise InputError(f"a profile of an anonymous game is the number m of players on action "
                         f"{game.actions[1]!r}, an integer in 0..{n}; got {m!r}")
    ex = game.payoff_expression
    out, devs = [], []
    if m >= 1:
        cond = _readable(ex(1, m - 1) - ex(0, m - 1), strict)
        devs.append((game.actions[1], game.actions[0], cond))
        if cond != sp.true:
            out.append(cond)
    if m <= n - 1:
        cond = _readable(ex(0, m) - ex(1, m), strict)
        devs.append((game.actions[0], game.actions[1], cond))
        if cond != sp.true:
            out.append(cond)
    label = (f"{m} x {game.actions[1]}", f"{n - m} x {game.actions[0]}")
    return Conditions(out, profile=label, strict=strict, deviations=devs)


# ---------------------------------------------------------------------- thresholds
@dataclass
class Threshold:
    """The values of one parameter for which a set of conditions holds.

    The set is ``lower <= x <= upper`` (``<`` where ``lower_strict``/``upper_strict``), with
    ``lower = -oo`` or ``upper = oo`` when unbounded. With several lower bounds ``lower`` is
    their ``Max`` (sympy), with several upper bounds ``upper`` is their ``Min``.

    Attributes
    ----------
    parameter : sympy.Symbol
    lower, upper : sympy expressions
    lower_strict, upper_strict : bool
    other : list
        Conditions that do not involve the parameter (they must hold too).
    undetermined : list
        Conditions whose direction depends on the sign of an expression sympy cannot decide
        (their coefficient is kept: give the parameters assumptions, e.g. ``positive=True``).
    condition : sympy Boolean
        The whole set as one sympy condition.

    Examples
    --------
    >>> t, c, b = sp.symbols("t c b", positive=True)
    >>> th = threshold([t - c + b >= 0], t)
    >>> th.lower, th.upper
    (-b + c, oo)
    >>> print(th)
    t >= -b + c
    """

    parameter: sp.Symbol
    lower: sp.Expr = sp.S.NegativeInfinity
    upper: sp.Expr = sp.S.Infinity
    lower_strict: bool = False
    upper_strict: bool = False
    other: list = field(default_factory=list)
    undetermined: list = field(default_factory=list)

    @property
    def boundary(self):
        """The one finite bound (the threshold), or a tuple ``(lower, upper)`` when both are
        finite."""
        lo_fin = self.lower != sp.S.NegativeInfinity
        hi_fin = self.upper != sp.S.Infinity
        if lo_fin and hi_fin:
            return (self.lower, self.upper)
        return self.lower if lo_fin else self.upper if hi_fin else None

    @property
    def condition(self):
        x = self.parameter
        parts = []
        if self.lower != sp.S.NegativeInfinity:
            parts.append((sp.Gt if self.lower_strict else sp.Ge)(x, self.lower))
        if self.upper != sp.S.Infinity:
            parts.append((sp.Lt if self.upper_strict else sp.Le)(x, self.upper))
        return sp.And(*(parts + list(self.other) + list(self.undetermined)))

    def contains(self, value, **others) -> bool:
        """Whether ``value`` of the parameter satisfies the conditions (others given by name).

        >>> t = sp.Symbol("t")
        >>> threshold([t >= 2, t < 5], t).contains(5)
        False
        """
        cond = self.condition.subs({self.parameter: value})
        by_name = {s.name: s for s in cond.free_symbols}
        cond = cond.subs({by_name[k]: v for k, v in others.items() if k in by_name})
        if cond in (sp.true, sp.false):
            return bool(cond)
        raise FreeParametersError(sorted(str(s) for s in cond.free_symbols))

    def __str__(self) -> str:
        x = self.parameter
        lo_fin = self.lower != sp.S.NegativeInfinity
        hi_fin = self.upper != sp.S.Infinity
        lo_op = "<" if self.lower_strict else "<="
        hi_op = "<" if self.upper_strict else "<="
        if lo_fin and hi_fin:
            txt = f"{self.lower} {lo_op} {x} {hi_op} {self.upper}"
        elif lo_fin:
            txt = f"{x} {'>' if self.lower_strict else '>='} {self.lower}"
        elif hi_fin:
            txt = f"{x} {hi_op} {self.upper}"
        else:
            txt = f"any {x}"
        extra = [str(c) for c in self.other + self.undetermined]
        return txt + (f" and {' and '.join(extra)}" if extra else "")


def _relationals(conditions):
    if isinstance(conditions, (sp.Basic, bool)):
        conditions = [conditions]
    out = []
    for c in conditions:
        c = sp.S.true if c is True else sp.S.false if c is False else c
        if isinstance(c, sp.And):
            out.extend(c.args)
        else:
            out.append(c)
    return out


def threshold(conditions, parameter) -> Threshold:
    """Solve conditions (linear or rational in one parameter) for that parameter exactly.

    Each condition ``lhs (>=|>|<=|<) rhs`` is moved to ``f(x) >= 0``; when ``f`` is linear in the
    parameter ``x`` (after multiplying through by a denominator whose sign sympy knows),
    ``f = a*x + b`` gives ``x >= -b/a`` when ``a > 0`` and ``x <= -b/a`` when ``a < 0`` (sympy
    decides the sign from the parameters' assumptions). Other univariate conditions with numeric
    coefficients are solved with ``sympy.solve_univariate_inequality`` (the result must be an
    interval).

    Parameters
    ----------
    conditions : relational, list of relationals or :class:`Conditions`
    parameter : sympy.Symbol or str
        The parameter to solve for (a name is looked up among the conditions' symbols).

    Returns
    -------
    Threshold
        ``lower``/``upper`` bounds (``Max``/``Min`` of several), strictness, and the conditions
        that do not involve the parameter.

    Examples
    --------
    The smallest compensation that makes an upstream city abate (cost c, own benefit b):

    >>> b, c, t = sp.symbols("b c t", positive=True)
    >>> threshold([b - c + t >= 0], t).lower
    -b + c

    A critical evaluation weight from a rational condition:

    >>> w, V, e = sp.symbols("w V e", positive=True)
    >>> th = threshold([w * e >= (1 - w) * V / 2], w)
    >>> sp.simplify(th.lower - V / (V + 2 * e))
    0
    """
    conds = _relationals(conditions)
    if isinstance(parameter, str):
        syms = set().union(*(c.free_symbols for c in conds)) if conds else set()
        match = [s for s in syms if s.name == parameter]
        if not match:
            raise InputError(f"parameter {parameter!r} does not occur in the conditions")
        parameter = match[0]
    x = parameter
    lows, highs, other, undetermined = [], [], [], []
    unique = []
    for c in conds:
        if c not in unique:
            unique.append(c)
    for c in unique:
        if c == sp.true:
            continue
        if c == sp.false:
            other.append(sp.false)
            continue
        if not isinstance(c, sp.core.relational.Relational) or isinstance(c, (sp.Eq, sp.Ne)):
            raise InputError(f"cannot read the condition {c!r}: give inequalities (>=, >, <=, <)")
        if x not in c.free_symbols:
            other.append(c)
            continue
        lows_c, highs_c, determined = _bounds_from(c, x)
        if not determined:
            undetermined.append(c)
            continue
        lows += lows_c
        highs += highs_c

    def combine(bounds, pick, default):
        if not bounds:
            return default, False
        vals = [b for b, _ in bounds]
        value = sp.simplify(pick(*vals)) if len(vals) > 1 else vals[0]
        strict = any(s for b, s in bounds if sp.simplify(b - value) == 0)
        return value, strict

    lo, lo_s = combine(lows, sp.Max, sp.S.NegativeInfinity)
    hi, hi_s = combine(highs, sp.Min, sp.S.Infinity)
    return Threshold(x, lo, hi, lo_s, hi_s, other, undetermined)


def _bounds_from(c, x) -> tuple[list, list, bool]:
    """Lower and upper bounds ``(value, strict)`` on ``x`` from one inequality ``c`` that
    involves ``x``, and False when the sign of ``x``'s coefficient is not determined."""
    strict = isinstance(c, (sp.StrictGreaterThan, sp.StrictLessThan))
    f = c.lhs - c.rhs if isinstance(c, (sp.GreaterThan, sp.StrictGreaterThan)) else c.rhs - c.lhs
    num, den = sp.fraction(sp.together(f))
    if den.has(x):
        if den.is_positive:
            f = num
        elif den.is_negative:
            f = -num
        else:
            return [], [], False
    f = sp.expand(f)
    poly = sp.Poly(f, x) if f.is_polynomial(x) else None
    if poly is not None and poly.degree() == 1:
        a, b0 = poly.all_coeffs()
        bound = sp.simplify(-b0 / a)
        if a.is_positive:
            return [(bound, strict)], [], True
        if a.is_negative:
            return [], [(bound, strict)], True
        return [], [], False
    if len(f.free_symbols) == 1:
        holds = (sp.Gt if strict else sp.Ge)(f, 0)
        sol = sp.solve_univariate_inequality(holds, x, relational=False)
        if isinstance(sol, sp.Interval):
            lows = [(sol.start, bool(sol.left_open))] if sol.start != sp.S.NegativeInfinity else []
            highs = [(sol.end, bool(sol.right_open))] if sol.end != sp.S.Infinity else []
            return lows, highs, True
        raise InputError(f"the condition {c} holds on {sol}, not an interval: no single threshold")
    raise InputError(f"cannot solve {c} for {x}: it is neither linear nor free of other parameters")


# ---------------------------------------------------------------------- parameter maps
@dataclass
class ParameterMap:
    """Which pure profiles are equilibria at each point of a grid of parameter values.

    Attributes
    ----------
    parameters : tuple of str
        Names of the gridded parameters (one or two).
    grids : tuple of numpy arrays
        The values of each parameter (1-D).
    profiles : list of tuple of str
        Every pure profile, in the game's lexicographic order.
    equilibria : numpy bool array, shape ``(n_profiles,) + grid shape``
        ``equilibria[j, ...]`` is True where profile ``j`` is a (weak) equilibrium.
    labels : numpy int array, grid shape
        Region of each point: an index into ``regions``.
    regions : list of tuple of profiles
        The set of equilibrium profiles of each region (empty tuple: no pure equilibrium).
    fixed : dict
        The values given to the other parameters.

    Examples
    --------
    See :func:`parameter_map`.
    """

    parameters: tuple
    grids: tuple
    profiles: list
    equilibria: np.ndarray
    labels: np.ndarray
    regions: list
    fixed: dict = field(default_factory=dict)

    def region_names(self) -> list[str]:
        """A readable name per region, e.g. ``"(Abate, Abate) + (Pollute, Pollute)"``."""
        def name(p):
            return p if isinstance(p, str) else "(" + ", ".join(p) + ")"
        return [" + ".join(name(p) for p in r) if r else "no pure equilibrium"
                for r in self.regions]

    def shares(self) -> dict:
        """Share of grid points in each region, keyed by region name."""
        counts = np.bincount(self.labels.ravel(), minlength=len(self.regions))
        return {name: float(cnt) / self.labels.size
                for name, cnt in zip(self.region_names(), counts)}

    def equilibria_at(self, *index) -> list:
        """The equilibrium profiles at one grid index (one integer per parameter)."""
        return list(self.regions[int(self.labels[tuple(index)])])

    def __str__(self) -> str:
        dims = " x ".join(f"{n} ({len(g)} values in [{g.min():.4g}, {g.max():.4g}])"
                          for n, g in zip(self.parameters, self.grids))
        lines = [f"parameter map over {dims}"]
        for name, share in self.shares().items():
            lines.append(f"  {share:7.2%}  {name}")
        return "\n".join(lines)


def _lambdify_payoffs(game: NormalFormGame, symbols: list):
    P = np.asarray(game.payoff_array)
    flat = [as_sympy(x) for x in P.ravel()]
    f = sp.lambdify(symbols, flat, modules="numpy")
    return f, P.shape


def parameter_map(game: NormalFormGame, grid: Mapping, fixed: Mapping | None = None,
                  tol: float = DEFAULT_TOL, *, method: str = "pure", executor=None,
                  progress=None) -> ParameterMap:
    """Classify a 1-D or 2-D grid of parameter values by which equilibria the game has there.

    With ``method="pure"`` (the default) every payoff entry is turned into a numpy function of
    the gridded parameters with ``sympy.lambdify`` and evaluated on the whole grid at once; for
    each player the best deviation payoff is a maximum along that player's strategy axis, so the
    work is a handful of array operations over ``(payoff entries) x (grid points)`` with no
    Python loop over points.

    Any other ``method`` (``"all"``, ``"vertex"``, ``"support"``, ``"polynomial"``, ... as in
    :func:`govgames.games.solve.nash_equilibria`) runs a full solve at every point, so mixed
    equilibria count too: the game is evaluated at the point (grid values taken as the decimals
    they print as, exactly), solved, and the point labelled by its set of equilibria — pure
    profiles, and mixed ones by their supports (``"mixed on {A, B} x {C, D}"``). These solves are
    independent; ``executor=`` spreads them over workers (chunks of grid rows) and
    ``progress=`` shows a bar. The result does not depend on the executor.

    Parameters
    ----------
    game : NormalFormGame
        A game with sympy parameters.
    grid : dict
        ``{parameter: values}`` for one or two parameters (names or symbols; values 1-D arrays,
        e.g. ``np.linspace(0, 2, 1001)``).
    fixed : dict, optional
        Values of the other free parameters.
    tol : float
        Relative tolerance of the weak inequalities (``tol * max(1, |payoff|)``).
    method : str, default "pure"
        ``"pure"``: the vectorised pure-profile map. Any method name of
        :func:`~govgames.games.solve.nash_equilibria`: a full solve per point.
    executor : concurrent.futures.Executor, dask Client or None
        Where the per-point solves run (``method`` other than ``"pure"``); ``None`` runs them
        serially in this process. See :mod:`govgames.games.parallel`.
    progress : bool or None
        A progress bar over the solves (``None``: only on a terminal).

    Returns
    -------
    ParameterMap
        With a full solve, ``regions`` holds pure profiles (tuples of strategy names) and mixed
        equilibria (strings naming their supports); ``equilibria`` still flags the pure profiles
        found at each point.

    Raises
    ------
    InputError
        A grid that is not one or two parameters of the game with finite values, a parameter
        both gridded and fixed, payoffs not finite on the grid, an unknown ``method``, or more
        than :data:`MAX_SOLVED_POINTS` points to solve one by one.
    BudgetError
        ``method="pure"`` on a grid whose arrays (about ``16 x payoff entries + 9 x profiles``
        bytes per point, :func:`govgames.games.budget.pure_map_bytes`) or work (payoff operations
        and comparisons per point, :func:`govgames.games.budget.pure_map_steps`) are over the
        budget of :mod:`govgames.games.budget`:
        use a coarser grid, or raise the budget with :func:`govgames.games.budget.budget`.
    FreeParametersError
        A parameter of the game is neither on the grid nor fixed.

    Examples
    --------
    A transfer t from downstream to an upstream city that abates at cost 3 with own benefit 1:
    abating is an equilibrium from t = 2 on.

    >>> import sympy as sp
    >>> t = sp.Symbol("t")
    >>> g = NormalFormGame([[[1 - 3 + t], [0]], [[4 - t], [0]]], players=["Up", "Down"],
    ...                    strategies=[["Abate", "Pollute"], ["Stay"]])
    >>> m = parameter_map(g, {"t": np.linspace(0, 4, 9)})
    >>> m.region_names()
    ['(Pollute, Stay)', '(Abate, Stay) + (Pollute, Stay)', '(Abate, Stay)']
    >>> m.labels
    array([0, 0, 0, 0, 1, 2, 2, 2, 2])

    Matching pennies with a stake ``s``: no pure equilibrium anywhere, but a full solve finds the
    mixed one at every point.

    >>> s = sp.Symbol("s")
    >>> mp = NormalFormGame([[[s, -s], [-s, s]], [[-s, s], [s, -s]]])
    >>> parameter_map(mp, {"s": [1, 2]}).region_names()
    ['no pure equilibrium']
    >>> parameter_map(mp, {"s": [1, 2]}, method="all").region_names()
    ['mixed on {s1, s2} x {s1, s2}']
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"parameter_map needs a NormalFormGame, got {type(game).__name__}")
    fixed = dict(fixed or {})
    if not isinstance(grid, Mapping) or not 1 <= len(grid) <= 2:
        raise InputError("grid must be a dict of one or two parameters -> 1-D arrays of values")
    by_name = {p.name: p for p in game.parameters}
    names, axes = _grid_axes(grid, by_name)
    g = _fix_parameters(game, fixed, names, by_name)
    if method != "pure":
        return _solved_map(g, names, axes, tol, method, executor, progress, dict(fixed))
    return _pure_map(g, names, axes, tol, fixed)


def _grid_axes(grid: Mapping, by_name: dict) -> tuple[list, list]:
    """The gridded parameters' names and their values (1-D float arrays), checked."""
    names, axes = [], []
    for key, vals in grid.items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        if name not in by_name:
            raise InputError(f"grid parameter {name!r} is not a parameter of the game "
                             f"(parameters: {', '.join(by_name) or 'none'})")
        try:
            arr = np.asarray(vals, dtype=float)
        except (TypeError, ValueError):
            arr = np.array([np.nan])
        if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
            raise InputError(f"grid values of {name!r} must be a non-empty 1-D array of finite "
                             "numbers")
        names.append(name)
        axes.append(arr)
    return names, axes


def _fix_parameters(game: NormalFormGame, fixed: dict, names: list,
                    by_name: dict) -> NormalFormGame:
    """``game`` with the ``fixed`` values substituted; every other parameter must be gridded."""
    sub = {}
    for key, val in fixed.items():
        name = key.name if isinstance(key, sp.Symbol) else str(key)
        if name not in by_name:
            raise InputError(f"fixed parameter {name!r} is not a parameter of the game")
        if name in names:
            raise InputError(f"parameter {name!r} is both on the grid and fixed")
        sub[name] = val
    g = game.subs(sub) if sub else game
    left = [p.name for p in g.parameters if p.name not in names]
    if left:
        raise FreeParametersError(left)
    return g


def _check_pure_map_budget(g: NormalFormGame, axes: list) -> None:
    """Refuse (BudgetError) a pure map whose arrays or work are over the budget."""
    from .budget import check_memory, check_work, pure_map_bytes, pure_map_steps

    points = int(np.prod([a.size for a in axes]))
    what = (f"the pure-equilibrium map of a {'x'.join(map(str, g.shape))} game on a "
            f"{' x '.join(str(a.size) for a in axes)} grid ({points:,} points)")
    hint = "use a coarser grid (fewer values per parameter)"
    check_memory(pure_map_bytes(points, g.shape, len(axes)), what, hint)
    check_work(pure_map_steps(points, g.shape, np.asarray(g.payoff_array).ravel()), what, hint)


def _grid_payoffs(g: NormalFormGame, names: list, axes: list):
    """The payoffs at every grid point, shape ``(n_players, a_1..a_n, *grid)``, checked
    finite."""
    mesh = np.meshgrid(*axes, indexing="ij") if len(axes) == 2 else [axes[0]]
    gshape = mesh[0].shape
    by_name = {p.name: p for p in g.parameters}
    f, pshape = _lambdify_payoffs(g, [by_name[n] for n in names])
    with np.errstate(all="ignore"):
        vals = f(*mesh)
    U = np.empty((len(vals),) + gshape)
    for j, v in enumerate(vals):
        U[j] = np.broadcast_to(np.asarray(v, dtype=float), gshape)
    if not np.all(np.isfinite(U)):
        raise InputError("some payoffs are not finite on the grid (division by zero or a log of a "
                         "non-positive number?); restrict the grid")
    return U.reshape(pshape + gshape)


def _pure_map(g: NormalFormGame, names: list, axes: list, tol: float,
              fixed: dict) -> ParameterMap:
    """:func:`parameter_map` with ``method="pure"`` (see there)."""
    _check_pure_map_budget(g, axes)
    U = _grid_payoffs(g, names, axes)
    n = g.n_players
    pshape, gshape = U.shape[:n + 1], U.shape[n + 1:]
    eq = np.ones(pshape[1:] + gshape, dtype=bool)
    for i in range(n):
        Ui = U[i]
        best = Ui.max(axis=i, keepdims=True)
        eq &= Ui >= best - tol * np.maximum(1.0, np.abs(best))
    n_prof = int(np.prod(pshape[1:]))
    eqf = eq.reshape((n_prof,) + gshape)
    profiles = [g.profile_names(idx) for idx in g.pure_profiles()]
    labels, regions = _region_labels(eqf, profiles)
    labels, regions = _by_first_appearance(labels.reshape(gshape), regions)
    return ParameterMap(tuple(names), tuple(axes), profiles, eqf, labels, regions, dict(fixed))


def _region_labels(eqf: np.ndarray, profiles: list) -> tuple[np.ndarray, list]:
    """A label per grid point (flat) for its set of equilibrium profiles, and the sets."""
    n_prof = eqf.shape[0]
    if n_prof > 62:
        flat = eqf.reshape(n_prof, -1).T
        uniq, labels = np.unique(flat, axis=0, return_inverse=True)
        return labels, [tuple(profiles[j] for j in np.flatnonzero(row)) for row in uniq]
    weights = (np.int64(1) << np.arange(n_prof, dtype=np.int64))
    code = np.tensordot(weights, eqf.astype(np.int64), axes=(0, 0)).ravel()
    if n_prof <= 20:  # small code space: label by a lookup table, O(points), no sort
        present = np.bincount(code, minlength=1 << n_prof) > 0
        uniq = np.flatnonzero(present)
        lookup = np.full(1 << n_prof, -1, dtype=np.int64)
        lookup[uniq] = np.arange(uniq.size)
        labels = lookup[code]
    else:
        uniq, labels = np.unique(code, return_inverse=True)
    return labels, [tuple(profiles[j] for j in range(n_prof) if (int(u) >> j) & 1)
                    for u in uniq]


def _by_first_appearance(labels: np.ndarray, regions: list) -> tuple[np.ndarray, list]:
    """Regions renumbered in order of their first appearance along the grid."""
    flat_labels = labels.ravel()
    first_at = np.full(len(regions), flat_labels.size, dtype=np.int64)
    np.minimum.at(first_at, flat_labels, np.arange(flat_labels.size))
    order = sorted(range(len(regions)), key=lambda r: int(first_at[r]))
    remap = np.empty(len(regions), dtype=np.int64)
    remap[order] = np.arange(len(regions))
    return remap[labels], [regions[r] for r in order]


#: the most grid points :func:`parameter_map` solves one by one (a full solve per point)
MAX_SOLVED_POINTS = 250_000


def _support_text(game: NormalFormGame, e) -> str:
    """``"mixed on {A, B} x {C}"``: the supports of a mixed equilibrium, by strategy name."""
    parts = ["{" + ", ".join(map(str, sup)) + "}" for sup in e.support]
    return "mixed on " + " x ".join(parts)


def _solve_points(rows, game, names, axes, tol, method) -> list:
    """Solve ``game`` at the grid points of ``rows`` (index tuples); one key tuple per point."""
    from .numbers import exact_rational
    from .solve import nash_equilibria

    out = []
    for index in rows:
        values = {n: exact_rational(float(axes[k][i]), where=f"grid value of {n!r}")
                  for k, (n, i) in enumerate(zip(names, index))}
        try:
            point = game.subs(values)
            found = nash_equilibria(point, method=method, tol=tol)
        except (TypeError, ValueError, ZeroDivisionError) as err:
            at = ", ".join(f"{n} = {float(v):g}" for n, v in values.items())
            raise InputError(f"the game cannot be solved at the grid point {at}: some payoffs "
                             f"are not finite numbers there ({err}); restrict the grid") from None
        pure = sorted({e.pure_profile for e in found if e.is_pure},
                      key=lambda p: [point.strategies[i].index(a) for i, a in enumerate(p)])
        mixed = sorted({_support_text(point, e) for e in found if not e.is_pure})
        out.append(tuple(pure) + tuple(mixed))
    return out


def _solved_map(g, names, axes, tol, method, executor, progress, fixed) -> ParameterMap:
    """:func:`parameter_map` by a full solve at every point (see there)."""
    from .parallel import map_chunks

    known = ("all", "support", "vertex", "lemke-howson", "polynomial", "logit", "gambit-enumpoly")
    if method not in known:
        raise InputError(f"unknown method {method!r} for parameter_map; use 'pure' or one of "
                         f"{', '.join(known)}")
    gshape = tuple(a.size for a in axes)
    size = int(np.prod(gshape))
    if size > MAX_SOLVED_POINTS:
        raise InputError(f"{size:,} grid points to solve one by one (at most "
                         f"{MAX_SOLVED_POINTS:,}); use a coarser grid or method='pure'")
    indices = list(np.ndindex(*gshape))
    rows = [indices[k:k + gshape[-1]] for k in range(0, size, gshape[-1])]
    keys = [k for part in map_chunks(_solve_points, rows, executor=executor, progress=progress,
                                     desc="parameter map", unit="row",
                                     args=(g, names, axes, tol, method))
            for k in part]
    profiles = [g.profile_names(idx) for idx in g.pure_profiles()]
    position = {p: j for j, p in enumerate(profiles)}
    eq = np.zeros((len(profiles), size), dtype=bool)
    regions: list = []
    where: dict = {}
    labels = np.empty(size, dtype=np.int64)
    for k, key in enumerate(keys):
        for item in key:
            if isinstance(item, tuple):
                eq[position[item], k] = True
        labels[k] = where.setdefault(key, len(regions))
        if labels[k] == len(regions):
            regions.append(key)
    return ParameterMap(tuple(names), tuple(axes), profiles, eq.reshape((len(profiles),) + gshape),
                        labels.reshape(gshape), regions, fixed)


#: characters per line of a legend entry of :func:`plot_parameter_map` (longer ones wrap)
LEGEND_WIDTH = 44


def plot_parameter_map(result: ParameterMap, ax=None, cmap: str = "tab10"):
    """Draw a parameter map: coloured regions (2-D) or coloured bands along an axis (1-D).

    Parameters
    ----------
    result : ParameterMap
    ax : matplotlib Axes, optional
    cmap : str
        A qualitative matplotlib colour map.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import sympy as sp, matplotlib.pyplot as plt
    >>> t = sp.Symbol("t")
    >>> g = NormalFormGame([[[t - 2], [0]], [[4 - t], [0]]],
    ...                    strategies=[["Abate", "Pollute"], ["Stay"]])
    >>> ax = plot_parameter_map(parameter_map(g, {"t": np.linspace(0, 4, 41)}))
    >>> ax.get_xlabel()
    't'
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    if ax is None:  # constrained layout keeps the legend (outside the axes) in a saved figure
        _, ax = plt.subplots(figsize=(7.5, 4.5), layout="constrained")
    names = result.region_names()
    shares = result.shares()
    k = len(names)
    base = plt.get_cmap(cmap)
    colours = [base(i % base.N) for i in range(k)]
    lcmap = ListedColormap(colours)
    norm = BoundaryNorm(np.arange(-0.5, k + 0.5), k)
    if len(result.parameters) == 2:
        x, y = result.grids
        ax.pcolormesh(x, y, result.labels.T, cmap=lcmap, norm=norm, shading="nearest")
        ax.set_xlabel(result.parameters[0])
        ax.set_ylabel(result.parameters[1])
    else:
        x = result.grids[0]
        ax.pcolormesh(x, [0, 1], np.vstack([result.labels, result.labels]), cmap=lcmap, norm=norm,
                      shading="nearest")
        ax.set_yticks([])
        ax.set_xlabel(result.parameters[0])
    def label(name):
        share = shares.get(name, 0.0)
        if share < 0.005:  # a line or a point of the grid, not an area
            text = f"{name} (boundary only)"
        else:
            text = f"{name} ({100 * share:.0f}% of the map)"
        # wrapped: a region named by several profiles made one legend line wider than the
        # figure, and the layout squeezed the map to a sliver
        # (lines break between profiles, not inside one)
        return textwrap.fill(text.replace(", ", ",\u00a0"), LEGEND_WIDTH,
                             break_long_words=False).replace("\u00a0", " ")

    ax.legend(handles=[Patch(color=colours[i], label=label(names[i])) for i in range(k)],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small",
              title="pure equilibria")
    ax.set_title("Pure Nash equilibria by parameter values")
    return ax


# ---------------------------------------------------------------------- report
def symbolic_report(game: NormalFormGame) -> dict:
    """Equilibrium conditions of every pure profile, as plain data for printing or JSON.

    Returns
    -------
    dict
        ``{"parameters": [names], "profiles": [{"profile": [strategy names], "weak": str,
        "strict": str}, ...]}`` where ``weak``/``strict`` are the simplified conditions
        (:func:`~govgames.games.regions.simplify_conditions`) written by
        :func:`~govgames.games.regions.condition_text`: ``"always"``, ``"never"``, or relations
        joined by ``" and "`` such as ``"c = 4*s"``.

    Examples
    --------
    >>> import sympy as sp
    >>> b, c = sp.symbols("b c", positive=True)
    >>> g = NormalFormGame([[[b - c, -c], [b, 0]], [[b - c, b], [-c, 0]]],
    ...                    strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
    >>> rep = symbolic_report(g)
    >>> rep["parameters"]
    ['b', 'c']
    >>> rep["profiles"][3]
    {'profile': ['Pollute', 'Pollute'], 'weak': 'always', 'strict': 'always'}
    >>> rep["profiles"][0]["weak"]
    'never'
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"symbolic_report needs a NormalFormGame, got {type(game).__name__}")
    from .budget import Deadline, check_seconds, symbolic_report_seconds
    what = (f"the symbolic conditions of every pure profile of a "
            f"{'x'.join(map(str, game.shape))} game")
    hint = ("give the parameters values (.subs or the file's \"parameters\") and solve "
            "numerically, or remove dominated strategies first")
    check_seconds(symbolic_report_seconds(game.shape, game.payoff_array.flat), what, hint)
    # the estimate can be far too low (comparisons of Max/exp payoffs split into cases: a 2x2
    # game of max(k*b, exp(b/j)) payoffs took 9 s against 0.6 s estimated, a 6x6 one minutes),
    # so the time is also checked after every condition: the overrun is one profile's conditions
    deadline = Deadline(what, hint, every=1)
    total = math.prod(game.shape)
    out: list = []

    def done() -> str:
        return f"{len(out)} of {total} profiles"

    with deadline.active(done):   # also checked inside, at every inequality solved
        for idx in game.pure_profiles():
            weak = equilibrium_conditions(game, idx).region
            deadline.check(done)
            strict = equilibrium_conditions(game, idx, strict=True).region
            deadline.check(done)
            out.append({"profile": list(game.profile_names(idx)),
                        "weak": condition_text(weak), "strict": condition_text(strict)})
    return {"parameters": [p.name for p in game.parameters], "profiles": out}
