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
institutionalised). All inputs are illustrative.

References
----------
“Collaborative governance” (vertical intervention); G. Tsebelis, "The abuse of
probability in political analysis: the Robinson Crusoe fallacy" (1989) on inspection games.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.dilemmas import central_intervention, transboundary_externality
from govgames.games.errors import InputError
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import equilibrium_conditions, parameter_map, plot_parameter_map, threshold

from .base import CaseResult, Describe, register

__all__ = ["run", "TYPOLOGY", "classify", "minimal_audit", "symbolic_cost_threshold"]

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
    real = ("Collaborate", "Collaborate") if mode == "mandated" else ("Comply", "Comply")
    th = threshold(equilibrium_conditions(g, real), q)
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
    "k": "cost of a formal mechanism alone (symbolic collaboration)",
}


@register("intervention", "Vertical intervention: mandated, preempted and symbolic collaboration")
def run(*, benefit: float = 1.0, spill: float = 1.0, cost: float = 2.5, audit: float = 0.3,
        fine: float = 5.0, subsidy: float = 1.0, formal_cost: float = 0.5,
        target_costs: tuple = (0.8, 1.5, 2.5, 3.5, 5.0, 8.0),
        subsidies: tuple = (0.0, 1.0, 2.0)) -> CaseResult:
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

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> r = run(target_costs=(2.5, 5.0), subsidies=(1.0,))
    >>> r.numbers["symbolic_above_cost"], r.numbers["type_at_current_target"]
    (3.0, 'institutionalised')
    """
    for name, v in (("benefit", benefit), ("cost", cost), ("fine", fine)):
        if not math.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive number, got {v!r}")
    for name, v in (("subsidy", subsidy), ("formal_cost", formal_cost)):
        if not math.isfinite(v) or v < 0:
            raise InputError(f"{name} must be a non-negative number, got {v!r}")
    if not 0 < audit <= 1:
        raise InputError(f"audit must be a probability in (0, 1], got {audit!r}")
    if any(not math.isfinite(x) or x <= 0 for x in target_costs) or not target_costs:
        raise InputError(f"target_costs must be positive numbers, got {list(target_costs)}")
    par = dict(b=_exact(benefit), s=_exact(spill), q=_exact(audit), f=_exact(fine),
               g=_exact(subsidy))

    rows = []
    for c in sorted(set(float(x) for x in target_costs) | {float(cost)}):
        base = _eq(transboundary_externality(b=_exact(benefit), c=_exact(c), s=_exact(spill)))
        mand = _eq(central_intervention(c=_exact(c), k=_exact(formal_cost), **par))
        pre = _eq(central_intervention(c=_exact(c), mode="preempted", **par))
        rows.append({
            "cost of real activity c": c,
            "current target": c == float(cost),
            "no superior": "; ".join(", ".join(p) for p in base),
            "type (no superior)": "; ".join(classify(p) for p in base),
            "mandated": "; ".join(", ".join(p) for p in mand),
            "type (mandated)": "; ".join(classify(p) for p in mand) or "none",
            "preempted": "; ".join(", ".join(p) for p in pre),
            "type (preempted)": "; ".join(classify(p) for p in pre) or "none",
        })
    outcomes = pd.DataFrame(rows)

    sym_above = symbolic_cost_threshold(benefit=benefit, audit=audit, fine=fine,
                                        formal_cost=formal_cost, subsidy=subsidy, spill=spill)
    aud = []
    for g in subsidies:
        kw = dict(benefit=benefit, cost=cost, spill=spill, fine=fine, subsidy=float(g),
                  formal_cost=formal_cost)
        aud.append({"subsidy g": float(g),
                    "minimal audit q (mandated)": minimal_audit("mandated", **kw),
                    "minimal audit q (preempted)": minimal_audit("preempted", **kw),
                    "minimal expected fine q*f (mandated)":
                        minimal_audit("mandated", **kw) * fine,
                    "minimal expected fine q*f (preempted)":
                        minimal_audit("preempted", **kw) * fine})
    audits = pd.DataFrame(aud)

    # parameter map of the mandated game over (c, q)
    c_sym, q_sym = sp.Symbol("c", positive=True), sp.Symbol("q", positive=True)
    gm = central_intervention(b=_exact(benefit), c=c_sym, s=_exact(spill), q=q_sym,
                              f=_exact(fine), g=_exact(subsidy), k=_exact(formal_cost))
    c_grid = np.linspace(0.05, max(8.0, 1.2 * max(target_costs)), 161)
    q_grid = np.linspace(0.0, 1.0, 101)
    pmap = parameter_map(gm, {"c": c_grid, "q": q_grid})
    fig_map = Figure(figsize=(8.8, 4.6), layout="constrained")
    ax = fig_map.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot(c_grid, np.clip((c_grid - benefit - formal_cost) / fine, 0, 1), "w--", lw=1)
    ax.plot([cost], [audit], "wo", mec="k")
    ax.set_xlabel("cost of real activity c (rises with the target)")
    ax.set_ylabel("audit probability q")
    ax.set_title("Mandated collaboration: equilibria by target and audit")

    fig_f = Figure(figsize=(7.5, 4.2))
    ax2 = fig_f.add_subplot()
    qs = np.linspace(0.02, 1, 200)
    gap = cost - benefit
    ax2.plot(qs, np.where(qs > 0, (gap - formal_cost) / qs, np.nan), "k-",
             label="mandated (any subsidy): q f = c - b - k")
    for g in subsidies:
        ax2.plot(qs, (gap - g) / qs, "--", label=f"preempted, subsidy {g:g}: g + q f = c - b")
    ax2.set_ylim(0, 4 * fine)
    ax2.set_xlabel("audit probability q")
    ax2.set_ylabel("fine f needed")
    ax2.set_title(f"Fine x audit needed for real cooperation (c = {cost:g}, b = {benefit:g})")
    ax2.legend(fontsize="small")
    fig_f.tight_layout()

    cur = outcomes[outcomes["current target"]].iloc[0]
    high = outcomes.iloc[-1]
    finding = (
        f"Without a superior the two governments cooperate only when the own benefit covers the "
        f"cost (b >= c): at the current target ({cost:g}) they do not ({cur['type (no superior)']}). "
        f"Mandated collaboration with audit {audit:g}, fine {fine:g} and subsidy {subsidy:g} "
        f"gives {cur['type (mandated)']} collaboration there, but once the target pushes the cost "
        f"of real activity above {sym_above:.3g} (= b + q f + k) the locals answer with a formal "
        f"mechanism and little activity: symbolic collaboration (at c = {high['cost of real activity c']:g}: "
        f"{high['type (mandated)']}). A subsidy for taking part does not help against this, since "
        f"an empty mechanism collects it too: real cooperation needs q f >= c - b - k, an audit "
        f"of at least {audits.iloc[0]['minimal audit q (mandated)']:.3g} at this fine. When the "
        f"superior preempts and inspects real activity, subsidy and expected fine add up "
        f"(g + q f >= c - b): with subsidy {audits.iloc[-1]['subsidy g']:g} the audit needed falls "
        f"to {audits.iloc[-1]['minimal audit q (preempted)']:.3g}.")
    numbers = {
        "symbolic_above_cost": sym_above,
        "type_at_current_target": cur["type (mandated)"],
        "type_without_superior": cur["type (no superior)"],
        "type_at_highest_target": high["type (mandated)"],
        "minimal_audit_mandated": audits.iloc[0]["minimal audit q (mandated)"],
        "minimal_audit_preempted_by_subsidy": dict(zip(audits["subsidy g"],
                                                       audits["minimal audit q (preempted)"])),
        "map_region_shares": {k: round(v, 4) for k, v in pmap.shares().items()},
    }
    return CaseResult(
        name="intervention",
        title="Vertical intervention: mandated, preempted and symbolic collaboration",
        finding=finding,
        tables={"outcomes by target": outcomes, "audit needed for real cooperation": audits,
                "typology (“Collaborative governance”)": pd.DataFrame(
                    [{"formality": f, "activity": a, "type": t} for (f, a), t in TYPOLOGY.items()])},
        figures={"parameter_map": fig_map, "fine_audit_frontier": fig_f},
        numbers=numbers, describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY,
        sources=["“Collaborative governance”: mandated and preempted collaboration, symbolic collaboration when "
                 "targets are too high, the formality x activity typology",
                 "Tsebelis (1989) on inspection games"],
        notes=["All inputs are illustrative. The cost of real activity stands for the target: a "
               "target too high for the local resources makes real activity costly.",
               "Types: no superior and real cooperation = normative (low formality, many "
               "activities); mandated real collaboration = institutionalised; a formal mechanism "
               "with little activity = symbolic; refusal or no cooperation = sporadic."],
        illustrative=True)
