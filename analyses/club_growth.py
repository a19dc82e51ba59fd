"""Case 9. How the Yangtze River Delta club grew: sequential admissions and issue linkage.

The Yangtze River Delta urban economic coordination association grew in rounds: 14 cities met
from 1992, 15 formed the association in 1997, 16 from 2003, then six cities joined in 2010, eight
in 2013, four in 2018 and seven in 2019 (the bundled membership table). *How local cooperation
extends inter-governmental relations* describes the entry rules (urbanization at least 20%,
per-capita GDP at least 20% of Shanghai's, an economic-linkage coefficient at least 10) and
cooperation spreading from one field to others like a snowball.

The case replays the rounds as **sequential admissions**: before each round the members are the
cities that had joined; the rule (:func:`govgames.analyses.club_model.yrd_entry_rule`) says who is
eligible, and the model admits the eligible outsiders most linked to the members (gravity
linkage, a modelling choice), as many as actually joined. Which cities it admits are compared
with who joined (hits, and the rank of each actual entrant). The statistics are the bundled 2010
figures: they precede the 2013, 2018 and 2019 rounds but not the earlier ones
(:func:`govgames.analyses.club_data.statistics_year`).

**Issue linkage.** Each field of cooperation (tourism, transport, environment, ...) is a
repeated prisoner's dilemma with its own temptation; alone, field ``i`` sustains cooperation
under grim trigger iff ``δ >= δ_i = (T_i - R_i) / (T_i - P_i)``. Linking the fields (defection
in one ends cooperation in all) pools the incentive constraints: ``δ >= Σ (T_i - R_i) / Σ (T_i -
P_i)``, which lies between the easiest and the hardest field's threshold, so fields that could
not cooperate alone can once linked with easier ones (Bernheim and Whinston 1990). The fields'
payoffs are illustrative.

References
----------
B. D. Bernheim and M. D. Whinston, "Multimarket contact and collusive behavior", *RAND Journal
of Economics* 21 (1990), 1-26; J. W. Friedman (1971); *How local cooperation extends
inter-governmental relations* (entry rules, spillover across fields).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy as sp
from govgames.games.dilemmas import prisoners_dilemma
from govgames.games.errors import InputError
from govgames.games.repeated import critical_discount_factor
from matplotlib.figure import Figure

from . import club_data as _data
from . import club_model as _model
from .base import CaseResult, Describe, register

__all__ = ["GrowthData", "GrowthNumbers", "load", "compute", "figures", "narrate", "run",
           "replay_rounds", "linked_threshold", "field_thresholds", "DEFAULT_FIELDS"]

#: illustrative fields of cooperation: (name, T, R, P) of each field's stage game (S = -1/2)
DEFAULT_FIELDS = (("tourism", 3.5, 3.0, 0.0), ("transport", 5.0, 3.0, 1.0),
                  ("industry", 6.0, 3.0, 1.0), ("environment", 8.0, 3.0, 1.0))


def replay_rounds(cities=None, G=None, rule=None, *, names=None) -> pd.DataFrame:
    """Replay every admission round: the model admits the eligible outsiders most linked to
    the members, as many as actually joined.

    Parameters
    ----------
    cities, G, rule
        From :func:`govgames.analyses.club_data.load_yrd_cities`,
        :func:`~govgames.analyses.club_data.yrd_graph` and
        :func:`~govgames.analyses.club_model.yrd_entry_rule` (defaults: the bundled data, the
        association's rule).
    names : dict, optional
        Display names.

    Returns
    -------
    pandas.DataFrame
        One row per round: ``year``, ``statistics_year``, ``members_before``, ``admitted``
        (actual number), ``eligible_outsiders``, ``model_admits``, ``actual``, ``hits``,
        ``hit_rate``, ``hits_if_random`` (expected hits if as many eligible outsiders were
        admitted at random), ``actual_ranks`` (rank of each actual entrant by linkage among all
        outsiders, 1 = most linked), ``actual_not_eligible``.

    Examples
    --------
    >>> r = replay_rounds()
    >>> r[["year", "members_before", "admitted"]].values.tolist()[:3]
    [[1997, 14, 1], [2003, 15, 1], [2010, 16, 6]]
    """
    cities = _data.load_yrd_cities() if cities is None else cities
    G = _data.yrd_graph(cities) if G is None else G
    rule = _model.yrd_entry_rule() if rule is None else rule
    names = names or {c: c for c in cities.index}
    years = sorted({int(y) for y in cities["joined_year"] if int(y) > 0})
    rows = []
    for y in years[1:]:
        members = _model.club_members(cities, y)
        ev = rule.evaluate(cities, members=members, graph=G, weight="weight")
        outs = [c for c in cities.index if c not in members]
        link = {c: sum(G[c][m]["weight"] for m in members) for c in outs}
        by_link = sorted(outs, key=lambda c: -link[c])
        eligible = [c for c in by_link if bool(ev.loc[c, "eligible"])]
        actual = [c for c in cities.index if int(cities.loc[c, "joined_year"]) == y]
        model = eligible[:len(actual)]
        hits = len(set(model) & set(actual))
        # admitting as many eligible outsiders at random: hypergeometric mean of the hits
        actual_eligible = sum(c in eligible for c in actual)
        chance = len(model) * actual_eligible / len(eligible) if eligible else 0.0
        rows.append({
            "year": y, "statistics_year": _data.statistics_year(y)[1],
            "members_before": len(members), "admitted": len(actual),
            "eligible_outsiders": len(eligible),
            "model_admits": ", ".join(names.get(c, c) for c in model),
            "actual": ", ".join(names.get(c, c) for c in actual),
            "hits": hits, "hit_rate": hits / len(actual) if actual else float("nan"),
            "hits_if_random": chance,
            "actual_ranks": ", ".join(str(by_link.index(c) + 1) for c in actual),
            "actual_not_eligible": ", ".join(names.get(c, c) for c in actual
                                             if not bool(ev.loc[c, "eligible"]))})
    return pd.DataFrame(rows)


def field_thresholds(fields=DEFAULT_FIELDS) -> pd.DataFrame:
    """Each field's critical discount factor alone, solved by the library on its stage game
    (:func:`govgames.games.repeated.critical_discount_factor`, grim trigger).

    Parameters
    ----------
    fields : sequence of (name, T, R, P)
        Stage games of the fields (``S = -1/2``; need ``T > R > P``).

    Returns
    -------
    pandas.DataFrame
        ``field``, ``T``, ``R``, ``P``, ``delta_alone`` (float) and ``delta_alone_exact``.

    Raises
    ------
    InputError
        If a field's payoffs are not those of a prisoner's dilemma (``T > R > P``).

    Examples
    --------
    >>> field_thresholds()[["field", "delta_alone"]].values.tolist()[:2]
    [['tourism', 0.14285714285714285], ['transport', 0.5]]
    """
    rows = []
    for k, f in enumerate(fields):
        if len(f) != 4:
            raise InputError(f"fields[{k}] must be (name, T, R, P), got {f!r}")
        name, T, R, P = f
        if not (math.isfinite(T) and math.isfinite(R) and math.isfinite(P)) or not T > R > P:
            raise InputError(f"field {name!r}: need T > R > P, got T={T}, R={R}, P={P}")
        g = prisoners_dilemma(T=sp.nsimplify(T), R=sp.nsimplify(R), P=sp.nsimplify(P),
                              S=sp.Rational(-1, 2))
        d = critical_discount_factor(g, ("Cooperate", "Cooperate"),
                                     punishment=("Defect", "Defect")).delta
        assert d is not None  # a dilemma with T > R > P: some δ < 1 sustains it
        rows.append({"field": str(name), "T": T, "R": R, "P": P,
                     "delta_alone": float(d), "delta_alone_exact": str(d)})
    return pd.DataFrame(rows)


def linked_threshold(table: pd.DataFrame) -> float:
    """The critical discount factor of the linked fields: ``Σ (T - R) / Σ (T - P)``.

    With defection in any field ending cooperation in all, a government defects in every field
    at once or in none; the pooled constraint is the sum of the fields' constraints.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``T``, ``R``, ``P`` (from :func:`field_thresholds`).

    Returns
    -------
    float

    Examples
    --------
    >>> round(linked_threshold(field_thresholds()), 4)
    0.5385
    """
    gain = float((table["T"] - table["R"]).sum())
    loss = float((table["T"] - table["P"]).sum())
    return gain / loss


#: the discount factor at which the fields are compared, and the temptation of the hardest field
#: (illustrative)
DISCOUNT = 0.55
ENVIRONMENT_TEMPTATION = 8.0
#: the field whose temptation the case's parameter sets
HARDEST_FIELD = "environment"


@dataclass
class GrowthData:
    """The input table of the club-growth case.

    Attributes
    ----------
    cities : pandas.DataFrame
        The bundled city table with the membership rounds
        (:func:`govgames.analyses.club_data.load_yrd_cities`).
    """

    cities: pd.DataFrame


def load() -> GrowthData:
    """The bundled cities of the Yangtze River Delta with their membership rounds.

    Returns
    -------
    GrowthData

    Examples
    --------
    >>> len(load().cities)
    41
    """
    return GrowthData(cities=_data.load_yrd_cities())


@dataclass
class GrowthNumbers:
    """The numbers and tables of the club-growth case (no prose, no figures).

    Attributes
    ----------
    numbers : dict
        The key numbers (as in :attr:`CaseResult.numbers`).
    rounds : pandas.DataFrame
        :func:`replay_rounds`.
    fields : pandas.DataFrame
        :func:`field_thresholds` with ``cooperates_alone`` and ``cooperates_linked``.
    """

    numbers: dict
    rounds: pd.DataFrame
    fields: pd.DataFrame


def _fields(environment_temptation: float) -> list:
    return [f if f[0] != HARDEST_FIELD else (HARDEST_FIELD, float(environment_temptation),
                                             f[2], f[3]) for f in DEFAULT_FIELDS]


def compute(data: GrowthData, *, discount: float = DISCOUNT,
            environment_temptation: float = ENVIRONMENT_TEMPTATION) -> GrowthNumbers:
    """Replay the admission rounds and compare the fields alone and linked at ``discount``.

    Parameters
    ----------
    data : GrowthData
        From :func:`load`.
    discount, environment_temptation : float
        As for :func:`run`.

    Returns
    -------
    GrowthNumbers

    Raises
    ------
    InputError
        If ``discount`` is not in (0, 1) or the environment field is not a prisoner's dilemma.

    Examples
    --------
    >>> n = compute(load())
    >>> n.numbers["model_hits"], n.numbers["total_admitted"]
    (17, 27)
    """
    if not isinstance(discount, (int, float)) or not 0 < discount < 1:
        raise InputError(f"club_growth: discount must be in (0, 1), got {discount!r}")
    cities = data.cities
    G = _data.yrd_graph(cities)
    rounds = replay_rounds(cities, G, _model.yrd_entry_rule(), names=dict(cities["name_en"]))
    ft = field_thresholds(_fields(environment_temptation))
    d_link = linked_threshold(ft)
    ft["cooperates_alone"] = ft["delta_alone"] <= discount
    ft["cooperates_linked"] = d_link <= discount
    total = int(rounds["admitted"].sum())
    hits = int(rounds["hits"].sum())
    prior = [int(y) for y, lab in zip(rounds["year"], rounds["statistics_year"])
             if "before the round" in lab]
    numbers = {
        "rounds": len(rounds), "total_admitted": total, "model_hits": hits,
        "model_hit_rate": hits / total if total else float("nan"),
        "hits_if_random": float(rounds["hits_if_random"].sum()),
        "hits_by_round": dict(zip(rounds["year"].astype(int), rounds["hits"].astype(int))),
        "rounds_judged_by_prior_statistics": len(prior),
        "delta_alone": dict(zip(ft["field"], ft["delta_alone"])),
        "delta_linked": d_link, "discount_tested": float(discount),
        "fields_cooperating_alone": [f for f, ok in zip(ft["field"], ft["cooperates_alone"])
                                     if ok],
        "fields_cooperating_linked": list(ft["field"]) if d_link <= discount else [],
    }
    return GrowthNumbers(numbers=numbers, rounds=rounds, fields=ft)


def figures(numbers: GrowthNumbers) -> dict:
    """The admission rounds against the model's hits, and the fields' thresholds alone and
    linked.

    Parameters
    ----------
    numbers : GrowthNumbers

    Returns
    -------
    dict of str to matplotlib.figure.Figure
        ``rounds`` and ``linkage``.

    Examples
    --------
    >>> sorted(figures(compute(load())))
    ['linkage', 'rounds']
    """
    rounds, ft = numbers.rounds, numbers.fields
    d_link, discount = numbers.numbers["delta_linked"], numbers.numbers["discount_tested"]
    fig_r = Figure(figsize=(7.5, 4), layout="constrained")
    ax = fig_r.add_subplot()
    x = np.arange(len(rounds))
    ax.bar(x, rounds["admitted"], color="#bbbbbb", label="actual entrants")
    ax.plot(x, rounds["hits"], "o", color="#4477aa", label="of them admitted by the model")
    ax.set_xticks(x, [str(y) for y in rounds["year"]])
    ax.set_ylabel("cities")
    ax.set_title("Admission rounds: who joined and whom the linkage model admits")
    ax.legend(fontsize="small")

    fig_l = Figure(figsize=(7.5, 4), layout="constrained")
    ax2 = fig_l.add_subplot()
    ax2.bar(ft["field"], ft["delta_alone"], color="#66ccee", label="field alone")
    ax2.axhline(d_link, color="#aa3377", lw=2, label=f"all fields linked: {d_link:.3f}")
    ax2.axhline(discount, color="k", ls="--", lw=1, label=f"δ = {discount:g}")
    ax2.set_ylabel("critical discount factor")
    ax2.set_ylim(0, 1)
    ax2.set_title("Issue linkage pools the incentive constraints")
    ax2.legend(fontsize="small")
    return {"rounds": fig_r, "linkage": fig_l}


#: caveats printed with every run of the case
_NOTES = [
    "Observed: the membership rounds and the cities' 2010 figures. Assumed: gravity "
    "linkage as the ranking of candidates, the number admitted per round set to the "
    "actual number, and every field's stage game.",
    "The replay is conditional on history: each round starts from the actual "
    "members, not from the model's earlier admissions.",
]


def narrate(numbers: GrowthNumbers) -> tuple[str, list]:
    """The finding and the notes of the club-growth case, written from the numbers.

    Parameters
    ----------
    numbers : GrowthNumbers
        From :func:`compute`, or built by hand.

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> finding, notes = narrate(compute(load()))
    >>> finding.split(",")[0]
    'Replaying the 6 admission rounds after the founding'
    """
    num, rounds, ft = numbers.numbers, numbers.rounds, numbers.fields
    alone, linked = num["fields_cooperating_alone"], num["fields_cooperating_linked"]
    discount, d_link = num["discount_tested"], num["delta_linked"]
    prior = [int(y) for y, lab in zip(rounds["year"], rounds["statistics_year"])
             if "before the round" in lab]
    per_round = "; ".join(f"{int(y)}: {int(h)} of {int(n)}" for y, h, n in
                          zip(rounds["year"], rounds["hits"], rounds["admitted"]))
    not_elig = [f"{r['actual_not_eligible']} ({int(r['year'])})" for _, r in rounds.iterrows()
                if r["actual_not_eligible"]]
    gained = [f for f in linked if f not in alone]
    finding = (
        f"Replaying the {num['rounds']} admission rounds after the founding, with the members "
        f"of each round as they were and the entry rule deciding who is eligible, the model that "
        f"admits the eligible outsiders most linked to the members picks {num['model_hits']} of "
        f"the {num['total_admitted']} cities that joined ({per_round}), against "
        f"{num['hits_if_random']:.1f} expected if as many eligible outsiders were admitted "
        f"at random. "
        + (f"Some entrants did not meet the rule by the figures used: {'; '.join(not_elig)}. "
           if not_elig else "")
        + f"The figures are the 2010 ones for every round; they precede only the "
        f"{', '.join(map(str, prior))} rounds, so the earlier replays are anachronistic. "
        f"Issue linkage: alone, the fields need discount factors from "
        f"{ft['delta_alone'].min():.3f} to {ft['delta_alone'].max():.3f}; linked, "
        f"{d_link:.3f}. At δ = {discount:g}, "
        f"{', '.join(alone) if alone else 'no field'} "
        f"{'cooperates' if len(alone) <= 1 else 'cooperate'} alone; linked, "
        + (f"all {len(ft)} fields do ({', '.join(gained)} only through the linkage)."
           if linked else "none does (the hard fields pull the pooled threshold above δ)."))
    return finding, list(_NOTES)


_DESCRIBE = {
    "rounds": Describe("Admission rounds replayed", "rounds", "observed"),
    "total_admitted": Describe("Cities admitted after the founding", "cities", "observed"),
    "model_hits": Describe("Actual entrants the model admits in their round", "cities",
                           "assumed", note="gravity linkage ranks the eligible outsiders "
                                           "(a modelling choice)"),
    "model_hit_rate": Describe("Share of actual entrants the model admits", status="assumed"),
    "hits_if_random": Describe("Expected hits if as many eligible outsiders were admitted at "
                               "random", "cities", "derived"),
    "hits_by_round": Describe("Hits by round", "cities", "assumed"),
    "rounds_judged_by_prior_statistics": Describe("Rounds whose statistics precede them",
                                                  "rounds", "observed"),
    "delta_alone": Describe("Critical discount factor of each field alone", status="assumed"),
    "delta_linked": Describe("Critical discount factor of all fields linked", status="assumed"),
    "discount_tested": Describe("Discount factor tested", status="assumed"),
    "fields_cooperating_alone": Describe("Fields cooperating alone at that δ", status="assumed"),
    "fields_cooperating_linked": Describe("Fields cooperating once linked", status="assumed"),
}
_CAPTIONS = {
    "rounds": "Each admission round: actual entrants (bars) and how many of them the model "
              "admits (dots) when it admits the eligible outsiders most linked to the members.",
    "linkage": "Critical discount factor of each field of cooperation alone (bars) and of all "
               "fields linked (line); dashed: the discount factor tested.",
}
_GLOSSARY = {
    "δ": "the governments' discount factor (weight of the future)",
    "δ_i": "critical discount factor of field i alone, (T_i - R_i)/(T_i - P_i)",
    "T, R, P": "temptation, reward of mutual cooperation, punishment of mutual defection",
    "linkage": "gravity linkage sqrt(P_i G_i) sqrt(P_j G_j) / d_ij² summed over the members",
    "hit": "an actual entrant that the model admits in the same round",
}


@register("club_growth", "How the Yangtze River Delta club grew")
def run(*, discount: float = DISCOUNT,
        environment_temptation: float = ENVIRONMENT_TEMPTATION) -> CaseResult:
    """Run the club-growth case.

    Parameters
    ----------
    discount : float
        The discount factor at which the fields are compared (illustrative).
    environment_temptation : float
        Temptation ``T`` of the hardest field, environment (illustrative; the other fields are
        :data:`DEFAULT_FIELDS`).

    Returns
    -------
    CaseResult

    Raises
    ------
    InputError
        If ``discount`` is not in (0, 1) or ``environment_temptation`` is not above the
        reward 3.

    Examples
    --------
    >>> r = run()
    >>> r.numbers["rounds"], r.numbers["total_admitted"]
    (6, 27)
    """
    numbers = compute(load(), discount=discount, environment_temptation=environment_temptation)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="club_growth", title="How the Yangtze River Delta club grew", finding=finding,
        tables={"admission rounds replayed": numbers.rounds,
                "fields of cooperation": numbers.fields},
        figures=figures(numbers), numbers=numbers.numbers,
        describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY,
        sources=["analyses/data/yrd/yrd_association_membership.csv (membership rounds; news "
                 "reports S1-S6)", "analyses/data/yrd/: 2010 census and statistics",
                 "How local cooperation extends inter-governmental relations: the entry rules "
                 "and the spread of cooperation across fields",
                 "Bernheim and Whinston (1990); Friedman (1971)"],
        notes=notes, illustrative=True)
