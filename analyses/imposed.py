"""Case 8. Imposed versus spontaneous cooperation organisations.

The paper *How local cooperation extends inter-governmental relations* records that by the late
1980s more than 100 regional economic cooperation organisations had been formed in China under
central direction; being mostly not spontaneous, they failed as decentralisation and the fiscal
reforms weakened the centre's steering and local interests rose, and local competition took
their place. Since 2004 local cooperation has become a trend again: by the author's incomplete
count more than 300 local cooperation organisations of all levels and kinds exist (within and
across provinces, single-field and comprehensive), and the spontaneous ones grew fastest. (The
300+ is not a count of spontaneous organisations.) The case reads this as the difference between

* cooperation **held by a superior's pressure**: the members' own game is a prisoner's dilemma
  (:func:`govgames.games.dilemmas.prisoners_dilemma`, temptation ``T - R`` to defect); the superior
  punishes defection with probability ``p`` by a sanction ``D``
  (:func:`govgames.games.mechanisms.enforcement`), so cooperation is an equilibrium iff
  ``p D >= T - R`` (:func:`govgames.games.symbolic.threshold`), and it collapses when ``p`` falls; and
* cooperation that is an **equilibrium of the members' own repeated game**: with grim trigger it
  lasts iff the members' discount factor reaches ``δ* = (T - R) / (T - P)``
  (:func:`govgames.games.repeated.critical_discount_factor`), whatever the superior does.

Imposed organisations are formed whatever their members' game; spontaneous ones form only where
cooperation is self-enforcing, so that spontaneous organisations keep cooperating at any pressure
holds **by construction** (the case says so). The 1980s are modelled as two forces at once: the
superior's enforcement probability falls from ``pressure_before`` to ``pressure_after`` and the
members' temptation ``T - R`` rises by ``temptation_growth`` a year as local interests grow; the
case separates the two. The count 100+ is the paper's; the number of spontaneous organisations,
the distribution of the members' temptations and patience and the growth of temptation are
illustrative (seeded).

References
----------
*How local cooperation extends inter-governmental relations* (the 1980s wave and the growth of
local cooperation organisations since 2004);
J. W. Friedman, "A non-cooperative equilibrium for supergames" (1971); R. Axelrod, *The
Evolution of Cooperation* (1984); E. Ostrom, *Governing the Commons* (1990).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.dilemmas import prisoners_dilemma
from govgames.games.errors import InputError
from govgames.games.expr import as_sympy
from govgames.games.mechanisms import enforcement
from govgames.games.repeated import critical_discount_factor
from govgames.games.symbolic import equilibrium_conditions, threshold

from .base import CaseResult, Describe, register

__all__ = ["run", "pressure_needed", "patience_needed", "draw_organisations", "share_cooperating",
           "ImposedData", "ImposedNumbers", "load", "compute", "figures", "narrate"]

_MEMBERS = ["Member 1", "Member 2"]
_p, _D = sp.symbols("p D", positive=True)


def _members_game():
    return prisoners_dilemma(players=_MEMBERS)


def pressure_needed():
    """The enforcement probability the superior needs, as a function of T, R and D
    (the threshold on ``p`` of mutual cooperation under :func:`govgames.games.mechanisms.enforcement`).

    Examples
    --------
    >>> pressure_needed()
    (-R + T)/D
    """
    h = enforcement(_members_game(), _p, {m: "Cooperate" for m in _MEMBERS}, _D,
                    to="third party")
    return threshold(equilibrium_conditions(h, ("Cooperate", "Cooperate")), _p).lower


def patience_needed():
    """The members' critical discount factor under grim trigger, as a function of T, R, P
    (:func:`govgames.games.repeated.critical_discount_factor` on the symbolic prisoner's dilemma).

    Examples
    --------
    >>> d = patience_needed()
    >>> sorted(s.name for s in d.free_symbols), d.subs({s: v for s, v in zip(
    ...     sorted(d.free_symbols, key=str), (0, 1, 5))})
    (['P', 'R', 'T'], 4/5)
    """
    res = critical_discount_factor(_members_game(), ("Cooperate", "Cooperate"),
                                   punishment=("Defect", "Defect"))
    return as_sympy(res.delta)


def draw_organisations(n, rng, *, temptation_median, temptation_spread, patience_low,
                       patience_high):
    """Draw ``n`` organisations' members' games: temptation ``T - R`` (log-normal), ``R = 1``,
    ``P = 0``, and the members' discount factor (uniform). Illustrative.

    Examples
    --------
    >>> df = draw_organisations(3, np.random.default_rng(0), temptation_median=0.8,
    ...                         temptation_spread=0.6, patience_low=0.2, patience_high=0.95)
    >>> list(df.columns)
    ['T', 'R', 'P', 'S', 'temptation', 'patience']
    """
    x = temptation_median * np.exp(temptation_spread * rng.standard_normal(n))
    delta = rng.uniform(patience_low, patience_high, n)
    return pd.DataFrame({"T": 1 + x, "R": np.ones(n), "P": np.zeros(n), "S": -0.5 * np.ones(n),
                         "temptation": x, "patience": delta})



#: how the key numbers are shown: the organisations' parameters are illustrative draws
_DESCRIBE = {
    "imposed_share_cooperating_before": Describe("Imposed organisations cooperating while the "
                                                 "superior enforces", status="assumed"),
    "imposed_share_cooperating_after": Describe("Imposed organisations cooperating once "
                                                "enforcement weakens", status="assumed"),
    "imposed_share_self_enforcing": Describe("Imposed organisations whose cooperation holds "
                                             "without the superior", status="assumed"),
    "spontaneous_share_cooperating_after": Describe(
        "Spontaneous organisations cooperating once enforcement weakens", status="assumed",
        note="holds by construction: spontaneous organisations are assumed to form only where "
             "cooperation holds by itself"),
    "imposed_share_cooperating_1990": Describe(
        "Imposed organisations cooperating in 1990 (pressure fallen, temptation risen)",
        status="assumed"),
    "imposed_share_cooperating_1990_temptation_fixed": Describe(
        "Imposed organisations cooperating in 1990 had the temptation not risen",
        status="assumed"),
    "spontaneous_formation_rate": Describe("Share of city pairs that would form an organisation "
                                           "spontaneously", status="assumed"),
    "representative_pressure_needed": Describe("Enforcement probability a representative "
                                               "organisation needs", status="assumed"),
    "representative_patience_needed": Describe("Discount factor a representative organisation "
                                               "needs", status="assumed"),
    "pressure_needed_formula": Describe("Enforcement probability needed, formula",
                                        status="derived"),
    "patience_needed_formula": Describe("Discount factor needed, formula", status="derived"),
}
_CAPTIONS = {
    "share_by_pressure": "Share of organisations where cooperation holds as the probability p "
                         "that the superior enforces falls: held by pressure against held by "
                         "itself.",
    "temptation_patience": "Which organisations hold without the superior, by the members' "
                           "temptation to defect T - R and their discount factor δ.",
}
_GLOSSARY = {
    "T, R, P": "temptation, reward of mutual cooperation, punishment of mutual defection",
    "D": "the superior's penalty on a defector it catches",
    "p": "probability that the superior enforces",
    "δ": "members' discount factor",
}


# ------------------------------------------------------------------------------------------------
# the pipeline: load -> compute -> figures -> narrate -> run

#: the decade over which enforcement falls and temptation rises
DECADE = (1980, 1990)
#: most organisations of each kind
MAX_ORGANISATIONS = 100_000
#: candidate groups drawn at a time when spontaneous organisations form (at least)
CANDIDATE_BATCH = 64
#: give up when this many candidates per organisation wanted formed none
MAX_CANDIDATES_PER_ORGANISATION = 200
#: enforcement probabilities of the curve (share cooperating by pressure)
PRESSURE_POINTS = 101
#: every how many rows of the curve the report's table shows
CURVE_TABLE_STEP = 10
#: slack in comparing an enforcement probability with the one needed
_SLACK = 1e-12

_SOURCES = [
    "How local cooperation extends inter-governmental relations: 100+ regional economic "
    "cooperation organisations by the late 1980s, mostly not spontaneous, failed as central "
    "capacity weakened and local interests rose",
    "How local cooperation extends inter-governmental relations: 300+ local cooperation "
    "organisations of all levels and kinds at the time of writing, the spontaneous ones growing "
    "fastest since 2004",
    "Friedman (1971); Axelrod (1984); Ostrom (1990)",
]


@dataclass(frozen=True)
class ImposedData:
    """The validated inputs of the imposed-versus-spontaneous case.

    Attributes
    ----------
    n_imposed, n_spontaneous : int
        Numbers of organisations of each kind.
    draw : dict
        ``temptation_median``, ``temptation_spread``, ``patience_low``, ``patience_high``
        (keyword arguments of :func:`draw_organisations`).
    seed : int
        Seed of the random draw.
    """

    n_imposed: int
    n_spontaneous: int
    draw: dict
    seed: int


def load(*, n_imposed: int = 100, n_spontaneous: int = 100, temptation_median: float = 1.2,
         temptation_spread: float = 0.6, patience_low: float = 0.1, patience_high: float = 0.8,
         seed: int = 1980) -> ImposedData:
    """The validated counts and draw settings (no modelling); see :func:`run`.

    Raises
    ------
    InputError
        A count outside [1, 100000], a non-positive median temptation, a negative spread, or
        patience bounds not ``0 < low < high < 1``.

    Examples
    --------
    >>> load(n_imposed=20).n_imposed
    20
    """
    for name, v in (("n_imposed", n_imposed), ("n_spontaneous", n_spontaneous)):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= MAX_ORGANISATIONS:
            raise InputError(f"{name} must be an integer between 1 and {MAX_ORGANISATIONS}, "
                             f"got {v!r}")
    if not math.isfinite(temptation_median) or temptation_median <= 0:
        raise InputError(f"temptation_median must be a positive number, got "
                         f"{temptation_median!r}")
    if not 0 < patience_low < patience_high < 1:
        raise InputError(f"need 0 < patience_low < patience_high < 1, got {patience_low}, "
                         f"{patience_high}")
    if not math.isfinite(temptation_spread) or temptation_spread < 0:
        raise InputError(f"temptation_spread must be a non-negative number, got "
                         f"{temptation_spread!r}")
    return ImposedData(n_imposed, n_spontaneous,
                       dict(temptation_median=temptation_median,
                            temptation_spread=temptation_spread, patience_low=patience_low,
                            patience_high=patience_high), seed)


@dataclass
class ImposedNumbers:
    """What :func:`compute` returns: the organisations, tables and key numbers (no prose).

    Attributes
    ----------
    data : ImposedData
        The inputs.
    params : dict
        ``sanction``, ``pressure_before``, ``pressure_after``, ``temptation_growth``.
    imposed, spontaneous : pandas.DataFrame
        The organisations (:func:`draw_organisations` with ``pressure_needed``,
        ``patience_needed`` and ``self_enforcing``).
    formation_rate : float
        Share of candidate groups that formed a spontaneous organisation.
    curve, summary, decade, representative : pandas.DataFrame
        Share cooperating by pressure; the two kinds compared; the 1980s year by year; a
        representative organisation.
    pressure_formula, patience_formula : sympy.Expr
        :func:`pressure_needed` and :func:`patience_needed`.
    key_numbers : dict
        The case's key numbers (:attr:`govgames.analyses.base.CaseResult.numbers`).
    """

    data: ImposedData
    params: dict
    imposed: pd.DataFrame
    spontaneous: pd.DataFrame
    formation_rate: float
    curve: pd.DataFrame
    summary: pd.DataFrame
    decade: pd.DataFrame
    representative: pd.DataFrame
    pressure_formula: object
    patience_formula: object
    key_numbers: dict = field(default_factory=dict)

    @property
    def tables(self) -> dict:
        """The report's tables, by title."""
        return {"summary": self.summary,
                "the 1980s: falling pressure, rising temptation": self.decade,
                "representative organisation": self.representative,
                "imposed organisations": self.imposed,
                "share cooperating by pressure":
                    self.curve.iloc[::CURVE_TABLE_STEP].reset_index(drop=True)}


class _Thresholds:
    """The pressure and patience needed as numpy functions of (T, R, D) and (T, R, P)."""

    def __init__(self, sanction: float):
        self.p_expr, self.d_expr = pressure_needed(), patience_needed()
        sym = {s.name: s for s in self.p_expr.free_symbols | self.d_expr.free_symbols}
        T_, R_, P_, D_ = (sym.get(n, sp.Symbol(n)) for n in ("T", "R", "P", "D"))
        self.p_fun = sp.lambdify((T_, R_, D_), self.p_expr, "numpy")
        self.d_fun = sp.lambdify((T_, R_, P_), self.d_expr, "numpy")
        self.sanction = sanction

    def evaluate(self, df: pd.DataFrame) -> pd.DataFrame:
        df = df.copy()
        df["pressure_needed"] = self.p_fun(df["T"].to_numpy(), df["R"].to_numpy(),
                                           self.sanction)
        df["patience_needed"] = self.d_fun(df["T"].to_numpy(), df["R"].to_numpy(),
                                           df["P"].to_numpy())
        df["self_enforcing"] = df["patience"] >= df["patience_needed"]
        return df

    def share_at(self, df: pd.DataFrame, p: float, factor: float) -> float:
        """Share cooperating at pressure ``p`` with the temptation scaled by ``factor``."""
        T = 1 + df["temptation"].to_numpy() * factor
        needed_p = self.p_fun(T, np.ones_like(T), self.sanction)
        needed_d = self.d_fun(T, np.ones_like(T), np.zeros_like(T))
        return float(((p >= needed_p - _SLACK) | (df["patience"].to_numpy() >= needed_d)).mean())


def share_cooperating(df: pd.DataFrame, p: float) -> float:
    """Share of organisations where cooperation holds at enforcement probability ``p``: held
    by pressure (``p >= pressure_needed``) or by itself (``self_enforcing``).

    Examples
    --------
    >>> df = pd.DataFrame({"pressure_needed": [0.2, 0.5, 0.9], "self_enforcing": [False, False, True]})
    >>> share_cooperating(df, 0.3)   # the first by pressure, the third by itself
    0.6666666666666666
    """
    holds = (p >= df["pressure_needed"] - _SLACK) | df["self_enforcing"]
    return float(holds.mean())


def _spontaneous(data: ImposedData, rng, th: _Thresholds) -> tuple:
    """Spontaneous organisations form only where the members' own game sustains cooperation."""
    formed: list[pd.DataFrame] = []
    tried, n = 0, data.n_spontaneous
    while sum(len(f) for f in formed) < n:
        cand = th.evaluate(draw_organisations(max(n, CANDIDATE_BATCH), rng, **data.draw))
        tried += len(cand)
        formed.append(cand[cand["self_enforcing"]])
        if tried > MAX_CANDIDATES_PER_ORGANISATION * n and not sum(len(f) for f in formed):
            raise InputError("with these parameters no group of members finds cooperation "
                             "self-enforcing, so no spontaneous organisation forms")
    spont = pd.concat(formed).iloc[:n].reset_index(drop=True)
    return spont, float(sum(len(f) for f in formed)) / tried


def _summary(imposed, spont, p: dict) -> pd.DataFrame:
    rows = []
    for kind, df in (("imposed (1980s)", imposed), ("spontaneous (after 2004)", spont)):
        rows.append({"organisations": kind, "count": len(df),
                     "cooperating, strong pressure": share_cooperating(df, p["pressure_before"]),
                     "cooperating, weak pressure": share_cooperating(df, p["pressure_after"]),
                     "cooperating, no pressure": share_cooperating(df, 0.0),
                     "self-enforcing": float(df["self_enforcing"].mean()),
                     "median pressure needed": float(df["pressure_needed"].median())})
    return pd.DataFrame(rows)


def _decade(imposed, p: dict, th: _Thresholds) -> pd.DataFrame:
    """The 1980s: enforcement falls while the imposed organisations' temptation rises."""
    first, last = DECADE
    years = np.arange(first, last + 1)
    decade = pd.DataFrame({"year": years})
    decade["pressure"] = (p["pressure_before"] + (p["pressure_after"] - p["pressure_before"])
                          * (years - first) / (last - first))
    decade["temptation_factor"] = (1 + p["temptation_growth"]) ** (years - first)
    decade["cooperating"] = [th.share_at(imposed, pr, f) for pr, f in
                             zip(decade["pressure"], decade["temptation_factor"])]
    decade["cooperating_if_temptation_fixed"] = [th.share_at(imposed, pr, 1.0)
                                                 for pr in decade["pressure"]]
    return decade


def _representative(x_med: float, th: _Thresholds) -> pd.DataFrame:
    """A representative organisation (median temptation), solved exactly with the library."""
    rep_game = prisoners_dilemma(T=1 + sp.Rational(repr(float(x_med))), R=1, P=0,
                                 S=sp.Rational(-1, 2), players=_MEMBERS)
    rep_delta = critical_discount_factor(rep_game, ("Cooperate", "Cooperate")).delta
    assert rep_delta is not None  # a dilemma with T > R > P: some δ < 1 sustains it
    return pd.DataFrame([{
        "temptation T - R": x_med, "sanction D": th.sanction,
        "pressure needed p* = (T - R)/D": float(th.p_fun(1 + x_med, 1.0, th.sanction)),
        "patience needed δ* = (T - R)/(T - P)": float(rep_delta),
    }])


def _check_levers(sanction, pressure_before, pressure_after, temptation_growth):
    for name, v in (("pressure_before", pressure_before), ("pressure_after", pressure_after)):
        if not 0 <= v <= 1:
            raise InputError(f"{name} must be a probability in [0, 1], got {v!r}")
    if not math.isfinite(sanction) or sanction <= 0:
        raise InputError(f"sanction must be a positive number, got {sanction!r}")
    if not math.isfinite(temptation_growth) or not -0.5 < temptation_growth <= 1:
        raise InputError(f"temptation_growth must be a yearly rate in (-0.5, 1], got "
                         f"{temptation_growth!r}")


def compute(data: ImposedData, *, sanction: float = 3.0, pressure_before: float = 0.9,
            pressure_after: float = 0.2, temptation_growth: float = 0.08) -> ImposedNumbers:
    """Draw the organisations, and compute who cooperates under pressure, over the 1980s and
    without the superior. Parameters are those of :func:`run`.

    Returns
    -------
    ImposedNumbers

    Raises
    ------
    InputError
        A probability outside [0, 1], a non-positive sanction, a growth rate outside
        (-0.5, 1], or parameters with which no spontaneous organisation forms.

    Examples
    --------
    >>> k = compute(load(n_imposed=20, n_spontaneous=20)).key_numbers
    >>> k["spontaneous_share_cooperating_after"], k["pressure_needed_formula"]
    (1.0, '(-R + T)/D')
    """
    _check_levers(sanction, pressure_before, pressure_after, temptation_growth)
    params = dict(sanction=sanction, pressure_before=pressure_before,
                  pressure_after=pressure_after, temptation_growth=temptation_growth)
    rng = np.random.default_rng(data.seed)
    th = _Thresholds(sanction)
    imposed = th.evaluate(draw_organisations(data.n_imposed, rng, **data.draw))
    spont, formation_rate = _spontaneous(data, rng, th)
    ps = np.linspace(0, 1, PRESSURE_POINTS)
    curve = pd.DataFrame({"pressure": ps,
                          "imposed": [share_cooperating(imposed, p) for p in ps],
                          "spontaneous": [share_cooperating(spont, p) for p in ps]})
    nums = ImposedNumbers(data, params, imposed, spont, formation_rate, curve,
                          _summary(imposed, spont, params), _decade(imposed, params, th),
                          _representative(data.draw["temptation_median"], th),
                          th.p_expr, th.d_expr)
    nums.key_numbers = _key_numbers(nums)
    return nums


def _key_numbers(nums: ImposedNumbers) -> dict:
    s_imp, s_sp = nums.summary.iloc[0], nums.summary.iloc[1]
    rep = nums.representative.iloc[0]
    return {
        "imposed_share_cooperating_before": float(s_imp["cooperating, strong pressure"]),
        "imposed_share_cooperating_after": float(s_imp["cooperating, weak pressure"]),
        "imposed_share_self_enforcing": float(s_imp["self-enforcing"]),
        "spontaneous_share_cooperating_after": float(s_sp["cooperating, weak pressure"]),
        "spontaneous_formation_rate": nums.formation_rate,
        "imposed_share_cooperating_1990": float(nums.decade["cooperating"].iloc[-1]),
        "imposed_share_cooperating_1990_temptation_fixed":
            float(nums.decade["cooperating_if_temptation_fixed"].iloc[-1]),
        "representative_pressure_needed": float(rep["pressure needed p* = (T - R)/D"]),
        "representative_patience_needed": float(rep["patience needed δ* = (T - R)/(T - P)"]),
        "pressure_needed_formula": str(nums.pressure_formula),
        "patience_needed_formula": str(sp.simplify(nums.patience_formula)),
    }


def _pressure_figure(nums: ImposedNumbers) -> Figure:
    curve, p = nums.curve, nums.params
    fig = Figure(figsize=(7.5, 4.2))
    ax = fig.add_subplot()
    ax.plot(curve["pressure"], curve["imposed"], color="#ee6677", lw=2,
            label=f"imposed (n = {len(nums.imposed)})")
    ax.plot(curve["pressure"], curve["spontaneous"], color="#4477aa", lw=2,
            label=f"spontaneous (n = {len(nums.spontaneous)})")
    for pr, txt in ((p["pressure_before"], "before"), (p["pressure_after"], "after")):
        ax.axvline(pr, color="grey", ls=":")
        ax.text(pr, 0.03, f" {txt}", color="grey", fontsize=8)
    ax.set_xlabel("probability that the superior enforces, p")
    ax.set_ylabel("share of organisations where cooperation holds")
    ax.set_ylim(-0.02, 1.05)
    ax.set_title("Cooperation held by pressure vs cooperation that holds itself")
    ax.legend(fontsize="small", loc="lower right")
    fig.tight_layout()
    return fig


def _temptation_figure(nums: ImposedNumbers) -> Figure:
    imposed, spont = nums.imposed, nums.spontaneous
    held = nums.params["pressure_after"] * nums.params["sanction"]
    fig = Figure(figsize=(7.5, 4.4))
    ax = fig.add_subplot()
    xs = np.linspace(0, max(imposed["temptation"].max(), spont["temptation"].max()) * 1.05, 200)
    ax.scatter(imposed["temptation"], imposed["patience"], s=14, color="#ee6677",
               label="imposed", alpha=0.8)
    ax.scatter(spont["temptation"], spont["patience"], s=8, color="#4477aa",
               label="spontaneous", alpha=0.5)
    ax.plot(xs, _Thresholds(nums.params["sanction"]).d_fun(1 + xs, 1.0, 0.0), "k-",
            label="δ* = (T - R)/(T - P)")
    ax.axvline(held, color="grey", ls="--", label=f"held by weak pressure: T - R <= {held:g}")
    ax.set_xlabel("members' temptation to defect, T - R")
    ax.set_ylabel("members' discount factor δ")
    ax.set_title("Which organisations hold without the superior")
    ax.legend(fontsize="small", loc="lower right")
    fig.tight_layout()
    return fig


def figures(numbers: ImposedNumbers) -> dict:
    """The case's figures: share cooperating by pressure, temptation against patience.

    Examples
    --------
    >>> sorted(figures(compute(load(n_imposed=5, n_spontaneous=5))))
    ['share_by_pressure', 'temptation_patience']
    """
    return {"share_by_pressure": _pressure_figure(numbers),
            "temptation_patience": _temptation_figure(numbers)}


def narrate(numbers: ImposedNumbers) -> tuple[str, list]:
    """The finding, written from the numbers, and the notes (the spontaneous organisations'
    cooperation is said to hold by construction).

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> finding, notes = narrate(compute(load(n_imposed=20, n_spontaneous=20)))
    >>> "holds by construction" in finding, len(notes)
    (True, 2)
    """
    p, k, d = numbers.params, numbers.key_numbers, numbers.data
    s_imp, s_sp = numbers.summary.iloc[0], numbers.summary.iloc[1]
    n_imp, n_sp = int(s_imp["count"]), int(s_sp["count"])
    coop_1990, coop_fixed = (k["imposed_share_cooperating_1990"],
                             k["imposed_share_cooperating_1990_temptation_fixed"])
    finding = (
        f"Under strong pressure (p = {p['pressure_before']:g}, sanction {p['sanction']:g}) "
        f"cooperation holds in {s_imp['cooperating, strong pressure']:.0%} of the {n_imp} "
        f"imposed organisations, because the superior's expected sanction exceeds the members' "
        f"temptation (p D >= T - R). When decentralisation cuts the pressure to "
        f"p = {p['pressure_after']:g}, it holds in only "
        f"{s_imp['cooperating, weak pressure']:.0%}: those whose members' own repeated game "
        f"happens to sustain it (δ >= (T - R)/(T - P)) or whose temptation is tiny. Over the "
        f"1980s, with enforcement falling to p = {p['pressure_after']:g} and the temptation "
        f"rising {p['temptation_growth']:.0%} a year as local interests grow, the share "
        f"cooperating falls from {float(numbers.decade['cooperating'].iloc[0]):.0%} (1980) to "
        f"{coop_1990:.0%} (1990); with the temptation held fixed it would be "
        f"{coop_fixed:.0%}, so the rising temptation accounts for "
        f"{100 * (coop_fixed - coop_1990):.0f} percentage points of the decline. "
        f"That spontaneous organisations keep cooperating at any pressure "
        f"({s_sp['cooperating, no pressure']:.0%} of the {n_sp} drawn, with none) holds by "
        f"construction: they are assumed to form only where cooperation is already an "
        f"equilibrium of the members' own game ({k['spontaneous_formation_rate']:.0%} of "
        f"candidate groups). A representative organisation "
        f"(temptation {d.draw['temptation_median']:g}) needs pressure "
        f"{k['representative_pressure_needed']:.3g} from above, or members with a discount "
        f"factor of at least {k['representative_patience_needed']:.3g}.")
    notes = ["The count of imposed organisations follows the paper (100+); the number of "
             "spontaneous ones is illustrative. Every organisation's temptation and patience "
             f"are illustrative random draws (random seed {d.seed}), and the pressure levels, "
             "the sanction and the growth of temptation are illustrative.",
             "Each organisation is reduced to a symmetric two-member prisoner's dilemma with "
             "R = 1, P = 0, S = -1/2."]
    return finding, notes


@register("imposed", "Imposed versus spontaneous cooperation organisations")
def run(*, n_imposed: int = 100, n_spontaneous: int = 100, sanction: float = 3.0,
        pressure_before: float = 0.9, pressure_after: float = 0.2,
        temptation_growth: float = 0.08,
        temptation_median: float = 1.2, temptation_spread: float = 0.6,
        patience_low: float = 0.1, patience_high: float = 0.8, seed: int = 1980) -> CaseResult:
    """Run the imposed-versus-spontaneous case.

    Parameters
    ----------
    n_imposed : int
        Number of imposed organisations (the paper: 100+ by the late 1980s).
    n_spontaneous : int
        Number of spontaneous organisations drawn (illustrative: the paper's 300+ counts local
        cooperation organisations of all kinds, and does not say how many are spontaneous).
    sanction : float
        The superior's sanction ``D`` on a member caught defecting.
    pressure_before, pressure_after : float
        Probability that the superior enforces, in 1980 and in 1990 (falling linearly between).
    temptation_growth : float
        Yearly growth of the imposed organisations' temptation ``T - R`` over 1980-1990 as local
        interests rise (illustrative; 0 holds it fixed).
    temptation_median, temptation_spread : float
        Median and log-spread of the members' temptation ``T - R`` (illustrative).
    patience_low, patience_high : float
        Range of the members' discount factors (illustrative).
    seed : int
        Seed of the random draw (numpy ``default_rng``).

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> r = run(n_imposed=20, n_spontaneous=20)
    >>> r.numbers["spontaneous_share_cooperating_after"]
    1.0
    """
    data = load(n_imposed=n_imposed, n_spontaneous=n_spontaneous,
                temptation_median=temptation_median, temptation_spread=temptation_spread,
                patience_low=patience_low, patience_high=patience_high, seed=seed)
    numbers = compute(data, sanction=sanction, pressure_before=pressure_before,
                      pressure_after=pressure_after, temptation_growth=temptation_growth)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="imposed", title="Imposed versus spontaneous cooperation organisations",
        finding=finding, describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY,
        tables=numbers.tables, figures=figures(numbers), numbers=numbers.key_numbers,
        sources=list(_SOURCES), notes=notes, illustrative=True)
