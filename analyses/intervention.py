"""Case 4. Vertical intervention: mandated, preempted and symbolic collaboration (“Collaborative governance”).

Two local governments face a cross-boundary problem (:func:`govgames.games.dilemmas.transboundary_externality`:
own benefit ``b``, cost ``c`` of real joint activity, spillover share ``s``). A superior starts and
steers their collaboration (:func:`govgames.games.dilemmas.central_intervention`):

* **mandated** collaboration: the superior requires it and the locals decide how. They can
  collaborate for real, set up a formal mechanism with little activity (*symbolic*
  collaboration, formal cost ``k``), or refuse. Taking part earns a subsidy ``g``; refusing is
  visible and fined ``f``; an audit (probability ``q``) finds an empty mechanism and fines it.
* **preempted** collaboration: the superior takes over the decisions and assigns tasks (the
  2016+ Beijing-Tianjin-Hebei air campaign); inspections check real activity, so the locals can
  only comply or shirk.

The case derives with :func:`govgames.games.symbolic.threshold` the audit probability x fine x subsidy that
real cooperation needs in each mode (mandated: ``q f >= c - b - k`` whatever the subsidy, since a
symbolic participant collects it too; preempted: ``g + q f >= c - b``), shows how a target too
high for local resources (a high cost ``c`` of real activity) turns mandated collaboration into
formal but empty cooperation (``c > b + q f + k``), and classifies each outcome in the
“Collaborative governance” formality x activity typology (sporadic, normative, symbolic,
institutionalised). As a leader–follower game the superior commits first to an audit probability
and a subsidy and the cities respond: :func:`cheapest_intervention` finds the cheapest commitment
that makes real cooperation an equilibrium (:func:`govgames.games.extensive.minimal_intervention`,
exact), which with the subsidy fixed is the audit of the threshold derivation. The fine is held at
its level there; :func:`cheapest_mix` lets the superior choose it too (audit x fine x subsidy,
the fine bounded by a legal maximum, each instrument's cost an assumption), exactly although
the expected fine ``q f`` is not linear. The case is
computed in steps: :func:`load`, :func:`compute`, :func:`figures`, :func:`narrate`, :func:`run`.
All inputs are illustrative.

References
----------
“Collaborative governance” (vertical intervention); G. Tsebelis, "The abuse of
probability in political analysis: the Robinson Crusoe fallacy" (1989) on inspection games;
G. S. Becker, "Crime and punishment: an economic approach", *Journal of Political Economy* 76
(1968), 169-217, on the expected fine.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.dilemmas import central_intervention, transboundary_externality
from govgames.games.errors import InputError
from govgames.games.expr import as_sympy
from govgames.games.extensive import InterventionResult, minimal_intervention
from govgames.games.game import NormalFormGame
from govgames.games.numbers import exact_rational
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import (ParameterMap, equilibrium_conditions, parameter_map,
                                     plot_parameter_map, threshold)

from .base import CaseResult, Describe, register

__all__ = ["run", "load", "compute", "figures", "narrate", "InterventionData",
           "InterventionNumbers", "TYPOLOGY", "classify", "minimal_audit",
           "symbolic_cost_threshold", "cheapest_intervention", "AUDIT_COST", "SUBSIDY_RECIPIENTS",
           "cheapest_mix", "InterventionMix", "FINE_COST", "MAX_FINE"]

#: the superior's cost of auditing with probability 1 (per year, payoff units; assumed)
AUDIT_COST = 1
#: cities paid the subsidy when both take part (the target profile)
SUBSIDY_RECIPIENTS = 2
#: the profile of real cooperation in each mode
REAL = {"mandated": ("Collaborate", "Collaborate"), "preempted": ("Comply", "Comply")}
#: grid of the parameter map: cost of real activity (from, to at least, points) and audit points
MAP_COSTS, MAP_AUDITS = (0.05, 8.0, 161), 101

#: the typology of “Collaborative governance”: (formality, activity) -> type
TYPOLOGY = {("low", "few"): "sporadic", ("low", "many"): "normative",
            ("high", "few"): "symbolic", ("high", "many"): "institutionalised"}

_FORM = {"Abate": ("low", "many"), "Pollute": ("low", "few"),
         "Collaborate": ("high", "many"), "Symbolic": ("high", "few"), "Defect": ("low", "few"),
         "Comply": ("high", "many"), "Shirk": ("high", "few")}


def _exact(x):
    return sp.Rational(repr(float(x))) if isinstance(x, (float, np.floating)) else x


def classify(profile) -> str:
    """The type (in the typology of “Collaborative governance”) of a symmetric equilibrium profile.

    ``Abate``/``Pollute`` are the strategies without a superior (no formal mechanism);
    ``Collaborate``/``Comply`` real activity within a formal mechanism; ``Symbolic`` (and a
    preempted ``Shirk``) a formal mechanism with little activity; ``Defect`` refusal.

    Examples
    --------
    >>> classify(("Symbolic", "Symbolic")), classify(("Abate", "Abate"))
    ('symbolic', 'normative')
    """
    kinds = {_FORM[s] for s in profile}
    if len(kinds) != 1:
        return "mixed"
    return TYPOLOGY[kinds.pop()]


def _eq(game):
    return [e.pure_profile for e in pure_nash_equilibria(game)]


def minimal_audit(mode: str, *, benefit, cost, spill, fine, subsidy, formal_cost) -> float:
    """The smallest audit probability at which real cooperation is an equilibrium
    (:func:`govgames.games.symbolic.threshold` on ``q``); ``nan`` if no ``q <= 1`` is enough.

    Examples
    --------
    >>> minimal_audit("preempted", benefit=1, cost=3, spill=1, fine=5, subsidy=1, formal_cost=0.5)
    0.2
    >>> minimal_audit("mandated", benefit=1, cost=3, spill=1, fine=5, subsidy=1, formal_cost=0.5)
    0.3
    """
    q = sp.Symbol("q", positive=True)
    g = central_intervention(b=_exact(benefit), c=_exact(cost), s=_exact(spill), q=q,
                             f=_exact(fine), g=_exact(subsidy), k=_exact(formal_cost), mode=mode)
    th = threshold(equilibrium_conditions(g, REAL[mode]), q)
    if any(c == sp.false for c in th.other):
        return float("nan")
    lo = 0.0 if th.lower == sp.S.NegativeInfinity else max(0.0, float(th.lower))
    hi = 1.0 if th.upper == sp.S.Infinity else float(th.upper)
    return lo if lo <= min(hi, 1.0) + 1e-12 else float("nan")


def symbolic_cost_threshold(*, benefit, audit, fine, formal_cost, subsidy, spill=1.0) -> float:
    """The cost of real activity above which mandated collaboration turns symbolic
    (the threshold on ``c`` of the symbolic equilibrium's conditions).

    Examples
    --------
    >>> symbolic_cost_threshold(benefit=1, audit=0.3, fine=5, formal_cost=0.5, subsidy=1)
    3.0
    """
    c = sp.Symbol("c", positive=True)
    g = central_intervention(b=_exact(benefit), c=c, s=_exact(spill), q=_exact(audit),
                             f=_exact(fine), g=_exact(subsidy), k=_exact(formal_cost))
    th = threshold(equilibrium_conditions(g, ("Symbolic", "Symbolic")), c)
    return float(th.lower)



#: how the key numbers are shown: the activity's costs and benefits are illustrative
_DESCRIBE = {
    "symbolic_above_cost": Describe("Cost of real activity above which collaboration turns "
                                    "symbolic", status="assumed"),
    "type_at_current_target": Describe("Collaboration type at the current target",
                                       status="assumed"),
    "type_without_superior": Describe("Collaboration type without the superior",
                                      status="assumed"),
    "type_at_highest_target": Describe("Collaboration type at the highest target",
                                       status="assumed"),
    "minimal_audit_mandated": Describe("Smallest audit probability for real collaboration "
                                       "(mandated)", status="assumed"),
    "minimal_audit_preempted_by_subsidy": Describe("Smallest audit probability by subsidy "
                                                   "(preempted)", status="assumed"),
    "cheapest_commitment_mandated": Describe("Cheapest audit and subsidy for real "
                                             "collaboration (mandated)", status="assumed"),
    "cheapest_commitment_preempted": Describe("Cheapest audit and subsidy for real "
                                              "collaboration (preempted)", status="assumed"),
    "cheapest_mix_mandated": Describe("Cheapest audit, fine and subsidy for real "
                                      "collaboration (mandated)", status="assumed",
                                      note="fine at most max_fine; instrument costs assumed"),
    "cheapest_mix_preempted": Describe("Cheapest audit, fine and subsidy for real "
                                       "collaboration (preempted)", status="assumed",
                                       note="fine at most max_fine; instrument costs assumed"),
    "map_region_shares": Describe("Share of the (c, q) map where each set of profiles is the "
                                  "equilibrium set", status="assumed"),
}
_CAPTIONS = {
    "parameter_map": "Mandated collaboration: equilibria by the cost of real activity c (which "
                     "rises with the target) and the superior's audit probability q.",
    "fine_audit_frontier": "The fine f needed for real cooperation at each audit probability q.",
}
_GLOSSARY = {
    "b": "own benefit of real joint activity",
    "s": "spillover share of the benefit to the neighbour",
    "c": "cost of real activity at the current target",
    "q": "the superior's audit probability",
    "f": "fine on a city caught not taking part",
    "g": "subsidy for taking part",
    "max_fine": "the legal maximum fine, the bound when the superior chooses the fine",
    "k": "cost of a formal mechanism alone (symbolic collaboration)",
}


def cheapest_intervention(mode: str, *, benefit, cost, spill, fine, formal_cost, subsidy=None,
                          audit_cost=AUDIT_COST) -> InterventionResult:
    """The superior as leader: the cheapest audit probability and subsidy that make real
    cooperation the two cities' equilibrium (:func:`govgames.games.extensive.minimal_intervention`).

    The superior commits to an audit probability ``q`` (at most 1) and a subsidy ``g`` with the
    fine ``f`` fixed at its legal level (Becker 1968: the expected fine ``q f`` is what deters);
    the cities then play :func:`govgames.games.dilemmas.central_intervention`. Its payoffs are
    linear in ``q`` and ``g``, so the per-unit payoff changes are read off exactly (the
    derivatives), and the linear program is solved exactly. The commitment costs
    ``audit_cost q + SUBSIDY_RECIPIENTS g`` (both cities collect the subsidy at the target).

    Parameters
    ----------
    mode : {"mandated", "preempted"}
    benefit, cost, spill, fine, formal_cost : float
        ``b``, ``c``, ``s``, ``f``, ``k`` of :func:`~govgames.games.dilemmas.central_intervention`.
    subsidy : float, optional
        Fix the subsidy (then only the audit is chosen; this is the question
        :func:`minimal_audit` answers); default: chosen too.
    audit_cost : float
        The superior's cost of auditing with probability 1.

    Returns
    -------
    govgames.games.extensive.InterventionResult
        ``levels`` ``{"audit q": Fraction, "subsidy g": Fraction}``.

    Raises
    ------
    InputError
        An unknown mode, or no audit ``q <= 1`` (with the subsidy given) makes cooperation an
        equilibrium.

    References
    ----------
    Becker (1968); Tsebelis (1989).

    Examples
    --------
    Preempted collaboration: an audit costs 1/5 per unit of expected fine, a subsidy 2 per unit,
    so the superior audits and pays nothing; the audit needed is ``(c - b) / f``:

    >>> r = cheapest_intervention("preempted", benefit=1, cost=2.5, spill=1, fine=5,
    ...                           formal_cost=0.5)
    >>> r.levels
    {'audit q': Fraction(3, 10), 'subsidy g': Fraction(0, 1)}
    """
    if mode not in REAL:
        raise InputError(f"unknown mode {mode!r}; use 'mandated' or 'preempted'")
    q, g = sp.Symbol("q", positive=True), sp.Symbol("g", nonnegative=True)
    sym = central_intervention(b=_exact(benefit), c=_exact(cost), s=_exact(spill), q=q,
                               f=_exact(fine), g=g, k=_exact(formal_cost), mode=mode)
    P = sym.payoff_array
    base = np.vectorize(lambda e: sp.nsimplify(as_sympy(e).subs({q: 0, g: 0})),
                        otypes=[object])(P)
    per_unit = {name: np.vectorize(lambda e, v=v: sp.diff(e, v), otypes=[object])(P)
                for name, v in (("audit q", q), ("subsidy g", g))}
    game = NormalFormGame(base, players=sym.players, strategies=sym.strategies)
    bounds = {"audit q": (0, 1),
              "subsidy g": (0, None) if subsidy is None else (_exact(subsidy),) * 2}
    return minimal_intervention(game, REAL[mode], per_unit,
                                cost={"audit q": _exact(audit_cost),
                                      "subsidy g": SUBSIDY_RECIPIENTS}, bounds=bounds)


#: the superior's cost per unit of fine, e.g. the legal and political cost of a harsher
#: penalty (payoff units; assumed)
FINE_COST = Fraction(1, 20)
#: the legal maximum fine (payoff units; assumed)
MAX_FINE = 10
_Q, _F, _G = sp.symbols("q f g", real=True)
_MIX = {"audit q": _Q, "fine f": _F, "subsidy g": _G}


@dataclass
class InterventionMix:
    """The cheapest audit x fine x subsidy of :func:`cheapest_mix`.

    Attributes
    ----------
    levels : dict
        ``{"audit q": ..., "fine f": ..., "subsidy g": ...}``, exact (sympy numbers: rational,
        or algebraic where the cost trades the audit against the fine).
    cost : sympy number
        ``audit_cost q + fine_cost f + subsidy_cost g``.
    binding : list of str
        The incentive constraints and bounds that hold with equality.
    candidates : int
        Fines compared (the breakpoints and stationary points of the cost).
    """

    levels: dict
    cost: sp.Expr
    binding: list
    candidates: int

    def floats(self) -> dict:
        """The levels and the cost as floats."""
        return {**{k: float(v) for k, v in self.levels.items()}, "cost": float(self.cost)}


_DOMAIN = {">0": "a positive number", ">=0": "a non-negative number", None: "a number"}


def _checked(value, name: str, *, low=None, where: str = ""):
    """``value`` as an exact sympy rational, refused by name unless it is a finite real number
    (not text, not a boolean) in the domain ``low`` (``">0"``, ``">=0"`` or None)."""
    at = f"{where}: " if where else ""
    what = f"{at}{name} must be {_DOMAIN[low]}"
    if isinstance(value, (str, bytes)):
        raise InputError(f"{what}, got the text {value!r}")
    try:
        q = exact_rational(value, where=name)
    except InputError as exc:
        raise InputError(f"{at}{exc} ({name} must be {_DOMAIN[low]})") from None
    if (low == ">0" and q <= 0) or (low == ">=0" and q < 0):
        raise InputError(f"{what}, got {value!r}")
    return sp.Rational(q.numerator, q.denominator)


def _mix_rows(mode, benefit, cost, spill, formal_cost) -> dict:
    """``{label: expr}``: the target is an equilibrium iff every ``expr <= 0``; each is
    linear in ``(q, g)`` for a given fine ``f``."""
    game = central_intervention(b=_exact(benefit), c=_exact(cost), s=_exact(spill), q=_Q, f=_F,
                                g=_G, k=_exact(formal_cost), mode=mode)
    P, prof = game.payoff_array, game.pure_profile(REAL[mode])
    rows: dict = {}
    for i in range(game.n_players):
        for d in range(game.shape[i]):
            if d != prof[i]:
                dev = tuple(d if j == i else a for j, a in enumerate(prof))
                e = sp.expand(as_sympy(P[(i,) + dev]) - as_sympy(P[(i,) + prof]))
                label = f"{game.players[i]} to {game.strategies[i][d]}"
                same = [k for k, v in rows.items() if v == e]
                if same:    # the same constraint for another player: one row, both names
                    rows[f"{same[0]}; {label}"] = rows.pop(same[0])
                elif e != 0:
                    rows[label] = e
    for e in rows.values():
        if sp.Poly(e, _Q, _G).total_degree() > 1:  # pragma: no cover - the game is bilinear
            raise InputError(f"cheapest_mix: {e} is not linear in the audit and the subsidy")
    return {**rows, "audit q >= 0": -_Q, "audit q <= 1": _Q - 1, "subsidy g >= 0": -_G}


def _vertices(rows: dict) -> list:
    """Intersections of pairs of constraint lines in ``(q, g)``, as functions of ``f``."""
    out = []
    for r1, r2 in itertools.combinations(rows.values(), 2):
        sol = sp.solve([r1, r2], [_Q, _G], dict=True)
        if len(sol) == 1 and _Q in sol[0] and _G in sol[0]:
            out.append((sp.cancel(sol[0][_Q]), sp.cancel(sol[0][_G])))
    return out


def _roots_in(expr, hi) -> set:
    """Real roots in ``[0, hi]`` of the numerator and denominator of ``expr(f)``."""
    found = set()
    for part in sp.fraction(sp.cancel(sp.together(expr))):
        if part.free_symbols - {_F} or not part.has(_F):
            continue
        # Sturm counts decide which roots lie in [0, hi], exactly: isolating a far root (such
        # as 1e100) is slow, and comparing a root with 0 by evaluation can fail to decide
        for fac, _ in sp.Poly(part, _F).factor_list()[1]:  # irreducible: simple roots
            inside = fac.count_roots(0, hi)
            if inside == 0:
                continue
            below = fac.count_roots(None, 0) - int(fac.eval(0) == 0)  # roots < 0
            found |= set(_sorted_real_roots(fac)[below:below + inside])
    return found


def _sorted_real_roots(fac: sp.Poly) -> list:
    """The real roots of an irreducible polynomial in increasing order, in closed form up to
    degree 2 (ordered by the sign of the leading coefficient, without evaluating them)."""
    if fac.degree() == 1:
        return [-fac.nth(0) / fac.nth(1)]
    if fac.degree() == 2:
        a, b, c = fac.all_coeffs()
        disc = b * b - 4 * a * c
        if disc < 0:
            return []
        lo, up = (-b - sp.sqrt(disc)) / (2 * a), (-b + sp.sqrt(disc)) / (2 * a)
        return [lo, up] if a > 0 else [up, lo]
    return [sp.CRootOf(fac, i) for i in range(fac.count_roots())]


def _sign(x) -> int:
    """The sign of an exact real number (a rational or a closed-form algebraic number), decided
    exactly: an absolute tolerance would accept a negative subsidy of -1e-31 as 0.

    >>> _sign(sp.Rational(-1, 10**40)), _sign(sp.sqrt(2) - sp.Rational(140, 99)), _sign(sp.S(0))
    (-1, 1, 0)
    """
    x = sp.S(x)
    if not x.is_Rational:
        x = sp.radsimp(sp.expand(x))
    if x.is_Rational:
        return int(sp.sign(x))
    for digits in (30, 300, 3000):  # |x| far above the working precision decides the sign
        v = sp.N(x, digits)
        if v.is_Number and abs(v) > sp.Float(10, digits) ** (20 - digits):
            return 1 if v > 0 else -1
    z = sp.Dummy("z")
    if sp.minimal_polynomial(x, z) == z:
        return 0
    return 1 if sp.N(x, 3000) > 0 else -1  # pragma: no cover - nonzero below 1e-2980


def _inner(rows: dict, f0, price: dict):
    """The cheapest feasible vertex ``(cost, q, g)`` at the fine ``f0``, or None."""
    at = {k: sp.nsimplify(e.subs(_F, f0)) if not isinstance(f0, sp.Basic) else e.subs(_F, f0)
          for k, e in rows.items()}
    best = None
    for r1, r2 in itertools.combinations(at.values(), 2):
        sol = sp.solve([r1, r2], [_Q, _G], dict=True)
        if len(sol) != 1 or _Q not in sol[0] or _G not in sol[0]:
            continue
        q0, g0 = sol[0][_Q], sol[0][_G]
        if all(_sign(e.subs({_Q: q0, _G: g0})) <= 0 for e in at.values()):
            c = price["audit q"] * q0 + price["fine f"] * f0 + price["subsidy g"] * g0
            if best is None or _sign(c - best[0]) < 0:
                best = (c if c.is_Rational else sp.radsimp(c), q0, g0)  # exact: nsimplify
                # would round 3/40 + 1e-30 to 3/40
    return best


def cheapest_mix(mode: str, *, benefit, cost, spill, formal_cost, max_fine=MAX_FINE,
                 audit_cost=AUDIT_COST, fine_cost=FINE_COST,
                 subsidy_cost=SUBSIDY_RECIPIENTS) -> InterventionMix:
    """The superior chooses the audit rate, the fine and the subsidy: the cheapest mix that
    makes real cooperation the cities' equilibrium, exactly.

    The superior commits to an audit probability ``q <= 1``, a fine ``0 <= f <= max_fine``
    (the legal maximum) and a subsidy ``g >= 0`` at a cost of ``audit_cost q + fine_cost f +
    subsidy_cost g`` (each an assumption: auditing, the legal and political cost of a harsher
    fine, the subsidy paid to both cities); the cities then play
    :func:`govgames.games.dilemmas.central_intervention`. The payoffs hold ``q f`` (the
    expected fine), so the problem is not linear; for a given fine it is a linear program in
    ``(q, g)`` (the one :func:`cheapest_intervention` solves). Its optimal vertex is the
    intersection of two constraint lines whose coordinates are rational functions of ``f``;
    the minimum over ``f`` lies at ``0``, ``max_fine``, a fine where a vertex changes
    (feasibility, a tie in cost, a pole) or a stationary point of one vertex's cost, all roots
    of polynomials in ``f`` found exactly. With a free fine (``fine_cost = 0``) the legal
    maximum is chosen, as Becker (1968) argued; a costly fine is traded against the audit:
    ``f = sqrt(audit_cost (c - b - k) / fine_cost)`` in mandated collaboration.

    Parameters
    ----------
    mode : {"mandated", "preempted"}
    benefit, cost, spill, formal_cost : float
        ``b``, ``c``, ``s``, ``k`` of :func:`~govgames.games.dilemmas.central_intervention`.
    max_fine : float
        The legal maximum fine.
    audit_cost, fine_cost, subsidy_cost : float
        The superior's cost per unit of each instrument (assumed).

    Returns
    -------
    InterventionMix

    Raises
    ------
    InputError
        An unknown mode; an argument that is not a finite real number (text, a boolean,
        None, ``nan``, ``inf``), named in the message; a non-positive ``benefit`` or ``cost``;
        a negative ``formal_cost``, ``max_fine``, ``audit_cost``, ``fine_cost`` or
        ``subsidy_cost``; or no mix within the bounds makes cooperation an equilibrium.

    References
    ----------
    Becker (1968); Tsebelis (1989).

    Examples
    --------
    Mandated collaboration with ``c - b - k = 1`` and ``c - b = 3/2``: the audit costs 1, a
    unit of fine 1/20, so ``f = sqrt(20)`` and ``q = 1 / f``:

    >>> m = cheapest_mix("mandated", benefit=1, cost=2.5, spill=1, formal_cost=0.5)
    >>> m.levels
    {'audit q': sqrt(5)/10, 'fine f': 2*sqrt(5), 'subsidy g': 0}
    >>> m.cost
    sqrt(5)/5

    A free fine is set at the legal maximum:

    >>> cheapest_mix("mandated", benefit=1, cost=2.5, spill=1, formal_cost=0.5,
    ...              fine_cost=0).levels["fine f"]
    10
    """
    if mode not in REAL:
        raise InputError(f"unknown mode {mode!r}; use 'mandated' or 'preempted'")
    num = {name: _checked(v, name, low=low, where="cheapest_mix")
           for name, v, low in (("benefit", benefit, ">0"), ("cost", cost, ">0"),
                                ("spill", spill, None), ("formal_cost", formal_cost, ">=0"),
                                ("max_fine", max_fine, ">=0"), ("audit_cost", audit_cost, ">=0"),
                                ("fine_cost", fine_cost, ">=0"),
                                ("subsidy_cost", subsidy_cost, ">=0"))}
    price = {"audit q": num["audit_cost"], "fine f": num["fine_cost"],
             "subsidy g": num["subsidy_cost"]}
    hi = num["max_fine"]
    rows = _mix_rows(mode, num["benefit"], num["cost"], num["spill"], num["formal_cost"])
    verts = _vertices(rows)
    costs = [price["audit q"] * q + price["fine f"] * _F + price["subsidy g"] * g
             for q, g in verts]
    cands = {sp.S(0), hi}
    for (q, g), c in zip(verts, costs):
        cands |= _roots_in(sp.diff(c, _F), hi) | _roots_in(q, hi) | _roots_in(g, hi)
        cands |= set().union(*(_roots_in(e.subs({_Q: q, _G: g}), hi) for e in rows.values()))
    for c1, c2 in itertools.combinations(costs, 2):
        cands |= _roots_in(c1 - c2, hi)
    best = None
    for f0 in sorted(cands, key=lambda r: float(r)):
        got = _inner(rows, f0, price)
        if got is not None and (best is None or _sign(got[0] - best[0]) < 0):
            best = (got[0], got[1], f0, got[2])
    if best is None:
        raise InputError(f"no audit q <= 1, fine f <= {max_fine} and subsidy g >= 0 make "
                         f"{mode} collaboration real")
    c, q0, f0, g0 = (sp.radsimp(x) for x in best)
    tight = [lab for lab, e in rows.items()
             if _sign(e.subs({_Q: q0, _F: f0, _G: g0})) == 0]
    tight += ["fine f <= max_fine"] * (f0 == hi)
    return InterventionMix({"audit q": q0, "fine f": f0, "subsidy g": g0}, c, tight, len(cands))


def _cheapest_row(mode, fixed, kw) -> dict:
    """One row of the table of cheapest commitments (NaN when none is feasible)."""
    try:
        r = cheapest_intervention(mode, subsidy=fixed, **kw)
    except InputError:
        return {"mode": mode, "subsidy": "chosen" if fixed is None else f"fixed at {fixed:g}",
                "audit q": float("nan"), "subsidy g": float("nan"), "cost": float("nan"),
                "binding": "none feasible"}
    return {"mode": mode, "subsidy": "chosen" if fixed is None else f"fixed at {fixed:g}",
            "audit q": float(r.levels["audit q"]), "subsidy g": float(r.levels["subsidy g"]),
            "cost": float(r.cost), "binding": "; ".join(r.binding) or "none"}


@dataclass
class InterventionData:
    """Validated inputs of the case (all illustrative)."""

    benefit: float
    spill: float
    cost: float
    audit: float
    fine: float
    subsidy: float
    formal_cost: float
    target_costs: tuple
    subsidies: tuple
    max_fine: float = MAX_FINE


@dataclass
class InterventionNumbers:
    """What :func:`compute` derives: the inputs, the key numbers and the tables."""

    data: InterventionData
    symbolic_above: float
    outcomes: pd.DataFrame
    audits: pd.DataFrame
    cheapest: pd.DataFrame
    pmap: ParameterMap | None = None
    mix: pd.DataFrame = field(default_factory=pd.DataFrame)


def load(*, benefit=1.0, spill=1.0, cost=2.5, audit=0.3, fine=5.0, subsidy=1.0,
         formal_cost=0.5, target_costs=(0.8, 1.5, 2.5, 3.5, 5.0, 8.0),
         subsidies=(0.0, 1.0, 2.0), max_fine=MAX_FINE) -> InterventionData:
    """Check the inputs (see :func:`run`) and return them as :class:`InterventionData`.

    Raises
    ------
    InputError
        A non-positive benefit, cost, fine or legal maximum fine, a fine above the legal
        maximum (the fixed fine must be one the superior could choose, so that choosing the
        fine never costs more than fixing it), a negative subsidy or formal cost, an audit
        probability outside (0, 1], bad target costs, or a negative or non-finite entry of
        ``subsidies``.

    Examples
    --------
    >>> load(audit=0.5).audit
    0.5
    """
    for name, v, low in (("benefit", benefit, ">0"), ("cost", cost, ">0"), ("fine", fine, ">0"),
                         ("max_fine", max_fine, ">0"), ("subsidy", subsidy, ">=0"),
                         ("formal_cost", formal_cost, ">=0"), ("spill", spill, None)):
        _checked(v, name, low=low)
    if fine > max_fine:     # the fixed fine must be one the superior could choose
        raise InputError(f"fine {fine:g} is above the legal maximum max_fine {max_fine:g}; "
                         "give fine <= max_fine")
    if not 0 < audit <= 1:
        raise InputError(f"audit must be a probability in (0, 1], got {audit!r}")
    if any(not math.isfinite(x) or x <= 0 for x in target_costs) or not target_costs:
        raise InputError(f"target_costs must be positive numbers, got {list(target_costs)}")
    bad = [x for x in subsidies if not math.isfinite(x) or x < 0]
    if bad:
        raise InputError(f"subsidies must be non-negative numbers, got {bad[0]!r} in "
                         f"{list(subsidies)}")
    return InterventionData(benefit, spill, cost, audit, fine, subsidy, formal_cost,
                            tuple(target_costs), tuple(subsidies), max_fine)


def _outcomes(d: InterventionData) -> pd.DataFrame:
    par = dict(b=_exact(d.benefit), s=_exact(d.spill), q=_exact(d.audit), f=_exact(d.fine),
               g=_exact(d.subsidy))
    rows = []
    for c in sorted(set(float(x) for x in d.target_costs) | {float(d.cost)}):
        base = _eq(transboundary_externality(b=_exact(d.benefit), c=_exact(c), s=_exact(d.spill)))
        mand = _eq(central_intervention(c=_exact(c), k=_exact(d.formal_cost), **par))
        pre = _eq(central_intervention(c=_exact(c), mode="preempted", **par))
        rows.append({
            "cost of real activity c": c,
            "current target": c == float(d.cost),
            "no superior": "; ".join(", ".join(p) for p in base),
            "type (no superior)": "; ".join(classify(p) for p in base),
            "mandated": "; ".join(", ".join(p) for p in mand),
            "type (mandated)": "; ".join(classify(p) for p in mand) or "none",
            "preempted": "; ".join(", ".join(p) for p in pre),
            "type (preempted)": "; ".join(classify(p) for p in pre) or "none",
        })
    return pd.DataFrame(rows)


def _audits(d: InterventionData) -> pd.DataFrame:
    aud = []
    for g in d.subsidies:
        kw = dict(benefit=d.benefit, cost=d.cost, spill=d.spill, fine=d.fine, subsidy=float(g),
                  formal_cost=d.formal_cost)
        mand, pre = minimal_audit("mandated", **kw), minimal_audit("preempted", **kw)
        aud.append({"subsidy g": float(g),
                    "minimal audit q (mandated)": mand, "minimal audit q (preempted)": pre,
                    "minimal expected fine q*f (mandated)": mand * d.fine,
                    "minimal expected fine q*f (preempted)": pre * d.fine})
    return pd.DataFrame(aud)


def _mix_row(mode, d: InterventionData, kw) -> dict:
    """The cheapest audit x fine x subsidy (:func:`cheapest_mix`) for one mode, next to the
    cost of the cheapest commitment at the case's fixed fine (its fine's cost added)."""
    head = {"mode": mode, "legal maximum fine": float(d.max_fine)}
    fixed_total = _cheapest_row(mode, None, kw)["cost"] + float(FINE_COST) * d.fine
    try:
        m = cheapest_mix(mode, benefit=d.benefit, cost=d.cost, spill=d.spill,
                         formal_cost=d.formal_cost, max_fine=d.max_fine)
    except InputError:
        return {**head, "audit q": float("nan"), "fine f": float("nan"),
                "subsidy g": float("nan"), "cost": float("nan"), "exact": "none feasible",
                "binding": "none feasible", "cost with the fine fixed": fixed_total}
    return {**head, **m.floats(),
            "exact": ", ".join(f"{k.split()[-1]} = {v}" for k, v in m.levels.items())
            + f"; cost {m.cost}",
            "binding": "; ".join(m.binding) or "none", "cost with the fine fixed": fixed_total}


def compute(data: InterventionData, *, with_map: bool = True) -> InterventionNumbers:
    """Equilibria by target, the audit each mode needs (thresholds), the superior's cheapest
    commitment (leader–follower, :func:`cheapest_intervention`) and the parameter map.

    Parameters
    ----------
    data : InterventionData
    with_map : bool
        Compute the (c, q) parameter map (the slowest part; needed by :func:`figures`).

    Returns
    -------
    InterventionNumbers

    Examples
    --------
    >>> n = compute(load(target_costs=(2.5,), subsidies=(1.0,)), with_map=False)
    >>> n.symbolic_above, n.cheapest["audit q"].tolist()
    (3.0, [0.2, 0.3])
    """
    d = data
    kw = dict(benefit=d.benefit, cost=d.cost, spill=d.spill, fine=d.fine,
              formal_cost=d.formal_cost)
    cheapest = pd.DataFrame([_cheapest_row(m, None, kw) for m in REAL])
    pmap = None
    if with_map:
        c_sym, q_sym = sp.Symbol("c", positive=True), sp.Symbol("q", positive=True)
        gm = central_intervention(b=_exact(d.benefit), c=c_sym, s=_exact(d.spill), q=q_sym,
                                  f=_exact(d.fine), g=_exact(d.subsidy), k=_exact(d.formal_cost))
        lo, hi, n_c = MAP_COSTS
        pmap = parameter_map(gm, {"c": np.linspace(lo, max(hi, 1.2 * max(d.target_costs)), n_c),
                                  "q": np.linspace(0.0, 1.0, MAP_AUDITS)})
    return InterventionNumbers(
        d, symbolic_cost_threshold(benefit=d.benefit, audit=d.audit, fine=d.fine,
                                   formal_cost=d.formal_cost, subsidy=d.subsidy, spill=d.spill),
        _outcomes(d), _audits(d), cheapest, pmap,
        pd.DataFrame([_mix_row(m, d, kw) for m in REAL]))


def figures(numbers: InterventionNumbers) -> dict:
    """The parameter map of mandated collaboration and the fine x audit frontier (only the
    frontier when ``numbers`` was computed without the map).

    Examples
    --------
    >>> sorted(figures(compute(load(target_costs=(2.5,), subsidies=(1.0,)))))
    ['fine_audit_frontier', 'parameter_map']
    """
    frontier = _fig_frontier(numbers.data)
    if numbers.pmap is None:     # computed without the map: only the frontier
        return {"fine_audit_frontier": frontier}
    d, pmap = numbers.data, numbers.pmap
    c_grid = np.asarray(pmap.grids[[str(p) for p in pmap.parameters].index("c")])
    fig_map = Figure(figsize=(8.8, 4.6), layout="constrained")
    ax = fig_map.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot(c_grid, np.clip((c_grid - d.benefit - d.formal_cost) / d.fine, 0, 1), "w--", lw=1)
    ax.plot([d.cost], [d.audit], "wo", mec="k")
    ax.set_xlabel("cost of real activity c (rises with the target)")
    ax.set_ylabel("audit probability q")
    ax.set_title("Mandated collaboration: equilibria by target and audit")
    return {"parameter_map": fig_map, "fine_audit_frontier": frontier}


def _fig_frontier(d: InterventionData) -> Figure:
    """The fine x audit frontier of real cooperation, by mode and subsidy."""
    fig_f = Figure(figsize=(7.5, 4.2))
    ax2 = fig_f.add_subplot()
    qs = np.linspace(0.02, 1, 200)
    gap = d.cost - d.benefit
    ax2.plot(qs, (gap - d.formal_cost) / qs, "k-", label="mandated (any subsidy): q f = c - b - k")
    for g in d.subsidies:
        ax2.plot(qs, (gap - g) / qs, "--", label=f"preempted, subsidy {g:g}: g + q f = c - b")
    ax2.set_ylim(0, 4 * d.fine)
    ax2.set_xlabel("audit probability q")
    ax2.set_ylabel("fine f needed")
    ax2.set_title(f"Fine x audit needed for real cooperation (c = {d.cost:g}, b = {d.benefit:g})")
    ax2.legend(fontsize="small")
    fig_f.tight_layout()
    return fig_f


def _cheapest_text(cheapest: pd.DataFrame) -> str:
    """What the superior picks: the feasible modes first, then those no commitment makes real."""
    picks, none = [], []
    for _, row in cheapest.iterrows():
        if math.isnan(row["cost"]):
            none.append(f"no audit q <= 1 makes {row['mode']} collaboration real")
        else:
            picks.append(f"{row['mode']}: audit {row['audit q']:.3g} and subsidy "
                         f"{row['subsidy g']:.3g} (cost {row['cost']:.3g})")
    if not picks:
        return "finds no commitment: " + "; ".join(none)
    return "picks " + "; ".join(picks + none)


def _audit_phrase(q: float, what: str) -> str:
    if math.isnan(q):
        return f"no audit q <= 1 is enough {what}"
    return f"an audit of at least {q:.3g} {what}"


def _subsidy_text(n: InterventionNumbers) -> str:
    """The mandated mode: what the subsidy does and the audit needed at the case's subsidy."""
    d = n.data
    q = minimal_audit("mandated", benefit=d.benefit, cost=d.cost, spill=d.spill, fine=d.fine,
                      subsidy=d.subsidy, formal_cost=d.formal_cost)
    need = ("real cooperation needs q f >= c - b - k, "
            + _audit_phrase(q, f"at this fine and subsidy {d.subsidy:g}") + ".")
    mand = n.cheapest[n.cheapest["mode"] == "mandated"].iloc[0]
    if not math.isnan(mand["subsidy g"]) and mand["subsidy g"] > 0:
        return ("A subsidy for taking part does not by itself make the activity real, since an "
                "empty mechanism collects it too, but it keeps the cities from refusing (the "
                f"cheapest mandated commitment pays {mand['subsidy g']:.3g}): " + need)
    return ("A subsidy for taking part does not help against this, since an empty mechanism "
            "collects it too: " + need)


def _preempted_text(n: InterventionNumbers) -> str:
    """The preempted mode: subsidy and expected fine add up."""
    audits = n.audits
    head = ("When the superior preempts and inspects real activity, subsidy and expected fine "
            "add up (g + q f >= c - b)")
    if len(audits) == 0:
        return head + "."
    last = audits.iloc[-1]
    q = last["minimal audit q (preempted)"]
    if math.isnan(q):
        return head + (f": even with subsidy {last['subsidy g']:g} no audit q <= 1 is enough "
                       "at this fine.")
    return head + f": with subsidy {last['subsidy g']:g} the audit needed falls to {q:.3g}."


def _mix_text(mix: pd.DataFrame) -> str:
    """The superior choosing the fine too: the mix per mode against the fixed fine."""
    if len(mix) == 0:
        return ""
    parts = []
    for _, r in mix.iterrows():
        if math.isnan(r["cost"]):
            parts.append(f"{r['mode']}: no mix within the legal maximum makes it real")
            continue
        fixed = r["cost with the fine fixed"]
        parts.append(f"{r['mode']}: audit {r['audit q']:.3g}, fine {r['fine f']:.3g}, subsidy "
                     f"{r['subsidy g']:.3g} (cost {r['cost']:.3g}"
                     + (f" against {fixed:.3g} with the fine fixed)" if not math.isnan(fixed)
                        else ")"))
    return (f" Choosing the fine too, up to the legal maximum {mix['legal maximum fine'].iloc[0]:g}"
            f" with each unit of fine costing the superior {float(FINE_COST):g}, the cheapest "
            "mix is " + "; ".join(parts) + ".")


def narrate(numbers: InterventionNumbers) -> tuple[str, list]:
    """The finding and the notes, written from the numbers.

    Examples
    --------
    >>> finding, notes = narrate(compute(load(target_costs=(2.5,), subsidies=(1.0,)),
    ...                          with_map=False))
    >>> finding.split(". ")[0]
    'Without a superior the two governments cooperate only when the own benefit covers the cost (b >= c): at the current target (2.5) they do not (sporadic)'
    """
    d, out = numbers.data, numbers.outcomes
    cur = out[out["current target"]].iloc[0]
    high = out.iloc[-1]
    finding = (
        f"Without a superior the two governments cooperate only when the own benefit covers the "
        f"cost (b >= c): at the current target ({d.cost:g}) they "
        f"{'do' if d.benefit >= d.cost else 'do not'} ({cur['type (no superior)']}). Mandated "
        f"collaboration with audit {d.audit:g}, fine "
        f"{d.fine:g} and subsidy {d.subsidy:g} gives {cur['type (mandated)']} collaboration "
        f"there, but once the target pushes the cost of real activity above "
        f"{numbers.symbolic_above:.3g} (= b + q f + k) the locals answer with a formal "
        f"mechanism and little activity: symbolic collaboration (at c = "
        f"{high['cost of real activity c']:g}: {high['type (mandated)']}). "
        + _subsidy_text(numbers) + " " + _preempted_text(numbers)
        + f" As a leader choosing the "
        f"cheapest commitment (an audit costing {AUDIT_COST:g} at probability 1, a subsidy paid "
        f"to both cities) the superior {_cheapest_text(numbers.cheapest)}."
        + _mix_text(numbers.mix))
    notes = ["All inputs are illustrative. The cost of real activity stands for the target: a "
             "target too high for the local resources makes real activity costly.",
             "Types: no superior and real cooperation = normative (low formality, many "
             "activities); mandated real collaboration = institutionalised; a formal mechanism "
             "with little activity = symbolic; refusal or no cooperation = sporadic.",
             f"Leader–follower: the superior commits to (audit q <= 1, subsidy g) at a cost of "
             f"{AUDIT_COST:g} q + {SUBSIDY_RECIPIENTS} g, the cities then play; the cheapest "
             "commitment under which real cooperation is an equilibrium is a linear program, "
             "solved exactly (the same audit as the threshold derivation when the subsidy is "
             "fixed).",
             f"Audit x fine x subsidy: the superior also chooses the fine, at most the legal "
             f"maximum max_fine = {numbers.data.max_fine:g} (a parameter), at an assumed cost of "
             f"{float(FINE_COST):g} per unit of fine (the legal and political cost of a harsher "
             f"penalty; with a free fine the legal maximum is chosen, Becker 1968), besides "
             f"{AUDIT_COST:g} per unit of audit probability and {SUBSIDY_RECIPIENTS} per unit of "
             "subsidy; the expected fine q f makes the problem non-linear, and the optimum is "
             "exact (a linear program for each fine, the fine from the roots of polynomials)."]
    return finding, notes


def _key_numbers(n: InterventionNumbers) -> dict:
    out, audits = n.outcomes, n.audits
    assert n.pmap is not None  # computed with the map
    cur, high = out[out["current target"]].iloc[0], out.iloc[-1]
    cheap = {row["mode"]: {"audit": row["audit q"], "subsidy": row["subsidy g"],
                           "cost": row["cost"]} for _, row in n.cheapest.iterrows()}
    return {
        "symbolic_above_cost": n.symbolic_above,
        "type_at_current_target": cur["type (mandated)"],
        "type_without_superior": cur["type (no superior)"],
        "type_at_highest_target": high["type (mandated)"],
        "minimal_audit_mandated": minimal_audit(
            "mandated", benefit=n.data.benefit, cost=n.data.cost, spill=n.data.spill,
            fine=n.data.fine, subsidy=n.data.subsidy, formal_cost=n.data.formal_cost),
        "minimal_audit_preempted_by_subsidy": dict(zip(audits["subsidy g"],
                                                       audits["minimal audit q (preempted)"])),
        "cheapest_commitment_mandated": cheap["mandated"],
        "cheapest_commitment_preempted": cheap["preempted"],
        **{f"cheapest_mix_{row['mode']}": {"audit": row["audit q"], "fine": row["fine f"],
                                            "subsidy": row["subsidy g"], "cost": row["cost"]}
           for _, row in n.mix.iterrows()},
        "map_region_shares": {k: round(v, 4) for k, v in n.pmap.shares().items()
                              if round(v, 4) > 0},
    }


@register("intervention", "Vertical intervention: mandated, preempted and symbolic collaboration")
def run(*, benefit: float = 1.0, spill: float = 1.0, cost: float = 2.5, audit: float = 0.3,
        fine: float = 5.0, subsidy: float = 1.0, formal_cost: float = 0.5,
        target_costs: tuple = (0.8, 1.5, 2.5, 3.5, 5.0, 8.0),
        subsidies: tuple = (0.0, 1.0, 2.0), max_fine: float = 10.0) -> CaseResult:
    """Run the vertical-intervention case.

    Parameters
    ----------
    benefit, spill : float
        Own benefit ``b`` of real joint activity and the spillover share ``s`` to the neighbour.
    cost : float
        Cost ``c`` of real activity at the current target (a higher target raises it).
    audit, fine, subsidy, formal_cost : float
        The superior's audit probability ``q``, fine ``f`` and subsidy ``g`` for taking part; the
        cost ``k`` of a formal mechanism alone.
    target_costs : tuple of float
        Costs of real activity for targets from modest to too high.
    subsidies : tuple of float
        Subsidies compared in the table of minimal audits.
    max_fine : float
        The legal maximum fine, the bound of the fine when the superior chooses it too
        (:func:`cheapest_mix`; illustrative).

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> r = run(target_costs=(2.5, 5.0), subsidies=(1.0,))
    >>> r.numbers["symbolic_above_cost"], r.numbers["type_at_current_target"]
    (3.0, 'institutionalised')
    """
    data = load(benefit=benefit, spill=spill, cost=cost, audit=audit, fine=fine,
                subsidy=subsidy, formal_cost=formal_cost, target_costs=target_costs,
                subsidies=subsidies, max_fine=max_fine)
    numbers = compute(data)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="intervention",
        title="Vertical intervention: mandated, preempted and symbolic collaboration",
        finding=finding,
        tables={"outcomes by target": numbers.outcomes,
                "audit needed for real cooperation": numbers.audits,
                "cheapest commitment of the superior (leader–follower)": numbers.cheapest,
                "cheapest audit x fine x subsidy (fine chosen too)": numbers.mix,
                "typology (“Collaborative governance”)": pd.DataFrame(
                    [{"formality": f, "activity": a, "type": t} for (f, a), t in TYPOLOGY.items()])},
        figures=figures(numbers), numbers=_key_numbers(numbers), describe=_DESCRIBE,
        captions=_CAPTIONS, glossary=_GLOSSARY,
        sources=["“Collaborative governance”: mandated and preempted collaboration, symbolic collaboration when "
                 "targets are too high, the formality x activity typology",
                 "Tsebelis (1989) on inspection games", "Becker (1968) on the expected fine"],
        notes=notes, illustrative=True)
