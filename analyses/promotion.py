"""Case 3. Promotion tournaments: why relative-GDP evaluation makes neighbours rivals.

Local officials are promoted on *relative* performance. In the tournament of
:func:`govgames.games.dilemmas.promotion_tournament` each official cooperates with the neighbours (every
cooperator raises every jurisdiction's output by ``g`` and a shared environmental indicator by
``e``) or competes (poaches investment: own output ``+a``). Promotion depends on own output
minus the average, so the common gain of cooperation cancels: competing is dominant, a "zero-sum
game" (“Local cooperation”) even when cooperation raises everyone's output. Cui et al.'s reform puts a weight
``w`` on a shared environmental indicator; cooperation becomes dominant once

    w > w* = V a (n - 1) / (V a (n - 1) + n h e),

which this case derives with :func:`govgames.games.symbolic.threshold` for 2 to 40 officials, maps over
``(w, e)`` with :func:`govgames.games.symbolic.parameter_map`, and compares with an evaluation that also
counts own *absolute* output (weight ``lam``), which lowers the weight needed.

All inputs are illustrative: the evidence on relative-performance promotion (Li & Zhou 2005) gives
no coefficients that map onto this stylised game.

References
----------
E. P. Lazear and S. Rosen, "Rank-order tournaments as optimum labor contracts" (1981); H. Li and
L.-A. Zhou, "Political turnover and economic performance" (2005); L.-A. Zhou (2007);
“Collaborative governance”, Cui et al. and “Local cooperation”.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.continuous import promotion_tournament as continuous_tournament
from govgames.games.continuous import symmetric_equilibria
from govgames.games.dilemmas import promotion_tournament
from govgames.games.errors import InputError
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import (ParameterMap, equilibrium_conditions, parameter_map,
                                     plot_parameter_map, threshold)

from .base import CaseResult, Describe, register

__all__ = ["run", "critical_weight", "tournament_game", "continuous_efforts", "PromotionData",
           "PromotionNumbers", "load", "compute", "figures", "narrate", "critical_table",
           "weight_map", "continuous_table"]


def _exact(x):
    return sp.Rational(repr(float(x))) if isinstance(x, (float, np.floating)) else x


def tournament_game(n=2, *, prize=10.0, compete_gain=1.0, noise=2.0, env_gain=2.5, w=None,
                    lam=0.0, coop_gain=1.5):
    """The promotion tournament with the case's parameter names (normal form up to 8 officials,
    anonymous beyond).

    Examples
    --------
    >>> g = tournament_game(2, w=0.2)
    >>> [e.pure_profile for e in pure_nash_equilibria(g)]
    [('Compete', 'Compete')]
    """
    kw = dict(V=_exact(prize), a=_exact(compete_gain), h=_exact(noise), e=_exact(env_gain),
              w=None if w is None else _exact(w), lam=_exact(lam))
    if lam:
        kw["g"] = _exact(coop_gain)
    return promotion_tournament(n, anonymous=n > 8, **kw)


@functools.lru_cache(maxsize=256)
def critical_weight(n=2, prize=10.0, compete_gain=1.0, noise=2.0, env_gain=2.5, lam=0.0,
                    coop_gain=1.5) -> float:
    """The smallest weight on the environmental indicator at which all officials cooperating is
    an equilibrium (:func:`govgames.games.symbolic.threshold` on the tournament's conditions).

    Examples
    --------
    >>> critical_weight(2)   # 10 / (10 + 2 * 2 * 2.5)
    0.5
    >>> round(critical_weight(20), 6)   # 190 / 290
    0.655172
    """
    g = tournament_game(n, prize=prize, compete_gain=compete_gain, noise=noise,
                        env_gain=env_gain, lam=lam, coop_gain=coop_gain)
    profile = n if n > 8 else ("Cooperate",) * n
    conds = equilibrium_conditions(g, profile)
    if not any(getattr(c, "free_symbols", ()) and any(x.name == "w" for x in c.free_symbols)
               for c in conds):
        # the weight no longer matters (e.g. a very large lam): cooperation is an equilibrium
        # at every weight (0) or at none (inf)
        return 0.0 if all(bool(c) is True or c == sp.true for c in conds) else float("inf")
    th = threshold(conds, "w")
    if th.lower == sp.S.NegativeInfinity:
        return 0.0
    return max(0.0, float(th.lower))


def continuous_efforts(w, s, *, prize=10.0, spillover=0.5, noise=2.0):
    """Certified equilibrium efforts of two officials in the continuous promotion tournament.

    Each official chooses growth effort ``e`` and cooperative (environmental) effort ``a``
    (:func:`govgames.games.continuous.promotion_tournament`, normal noise, unit quadratic
    costs); the evaluation score is measured growth plus ``w`` times the environmental
    indicator, whose spillover to the neighbour is ``s`` (``s = 1``: one shared indicator).

    Parameters
    ----------
    w : float
        Weight of the environmental indicator in the evaluation.
    s : float
        Share of one official's cooperative effort that shows in the neighbour's indicator.
    prize, spillover, noise : float
        Value of promotion, growth spillover ``beta``, noise scale ``sigma``.

    Returns
    -------
    (growth effort, cooperative effort) : tuple of float

    Raises
    ------
    InputError
        No certified symmetric equilibrium (too little noise for a pure equilibrium).

    References
    ----------
    Lazear and Rosen (1981); Li and Zhou (2005).

    Examples
    --------
    >>> e, a = continuous_efforts(0.5, 0.0)
    >>> round(e, 4), round(a, 4)       # (1 - beta) V f(0), w (1 - s) V f(0); f(0) = 1/(4 sqrt(pi))
    (0.7052, 0.7052)
    >>> continuous_efforts(0.5, 1.0)[1]  # a fully shared indicator: the reform cancels
    0.0
    """
    g = continuous_tournament(prize=_exact(prize), beta=_exact(spillover), w=_exact(w),
                              s=_exact(s), k_e=1, k_a=1, sigma=_exact(noise))
    res = symmetric_equilibria(g)
    if not res.found:
        raise InputError(f"no pure equilibrium of the continuous tournament at w = {w}, s = {s} "
                         f"(noise {noise} too small): {res}")
    e = res[0]
    return float(e.profile[0][0]), float(e.profile[0][1])


@functools.lru_cache(maxsize=16)
def _continuous_formulas(prize, spillover, noise):
    """Equilibrium efforts of the continuous tournament as functions of ``(w, s)``, from one
    symbolic solve (interior symmetric equilibrium)."""
    w, s = sp.symbols("w s", nonnegative=True)
    g = continuous_tournament(prize=_exact(prize), beta=_exact(spillover), w=w, s=s, k_e=1,
                              k_a=1, sigma=_exact(noise))
    eq = [e for e in symmetric_equilibria(g) if e.status[0] == ("interior", "interior")]
    if len(eq) != 1:
        raise InputError("the continuous tournament has no unique interior closed form")
    e_expr, a_expr = eq[0].exact_profile[0]
    return (lambda wv, sv: float(e_expr.subs({w: _exact(wv), s: _exact(sv)})),
            lambda wv, sv: float(a_expr.subs({w: _exact(wv), s: _exact(sv)})))

#: how the key numbers are shown: the tournament's payoffs are illustrative
_DESCRIBE = {
    "equilibrium_at_w0": Describe("Equilibrium when only GDP counts (w = 0)", status="assumed"),
    "equilibrium_at_weight": Describe("Equilibrium at the weight evaluated", status="assumed"),
    "critical_weight_2_officials": Describe("Weight w* on the environment that makes "
                                            "cooperation an equilibrium, 2 officials",
                                            status="assumed"),
    "critical_weight_40_officials": Describe("Critical weight w*, 40 officials",
                                             status="assumed"),
    "output_per_city_all_cooperate": Describe("Output per city when all cooperate",
                                              status="assumed"),
    "output_per_city_all_compete": Describe("Output per city when all compete",
                                            status="assumed"),
    "map_region_shares": Describe("Share of the (w, e) map where each set of profiles is the "
                                  "equilibrium set", status="assumed"),
    "continuous_coop_effort_own_indicator_w1": Describe(
        "Continuous tournament: cooperative effort at w = 1, own indicator", status="assumed"),
    "continuous_coop_effort_shared_indicator_w1": Describe(
        "Continuous tournament: cooperative effort at w = 1, shared indicator", status="assumed"),
}
_CAPTIONS = {
    "parameter_map": "Equilibria of two neighbouring officials by the evaluation weight w on "
                     "the shared environmental indicator and its gain e per cooperating "
                     "official.",
    "critical_weight_by_n": "The weight on the environment needed for cooperation as the number "
                            "of competing officials grows.",
    "continuous_cooperative_effort": "Continuous tournament: each official's equilibrium "
                                     "cooperative effort against the evaluation weight w, when "
                                     "the indicator is its own and when it is shared.",
}
_GLOSSARY = {
    "V": "value of promotion (the prize)",
    "a": "own output gained by competing (poaching investment)",
    "h": "spread of the noise in measured performance",
    "e": "gain of the shared environmental indicator per cooperating official",
    "g": "output gain for every jurisdiction per cooperating official",
    "w": "weight of the environmental indicator in the evaluation (0: GDP only)",
    "λ (lams)": "weight on own absolute output besides the rank",
}


# ------------------------------------------------------------------------------------------------
# the pipeline: load -> compute -> figures -> narrate -> run

#: grid of the (w, e) parameter map: points in w over [0, 1], points in e
MAP_W_POINTS, MAP_E_POINTS = 201, 151
#: the map's range of e: from MAP_E_MIN to MAP_E_SPAN times the case's env_gain
MAP_E_MIN, MAP_E_SPAN = 0.1, 3
#: growth spillover beta of the continuous tournament
CONTINUOUS_SPILLOVER = 0.5
#: indicator spillovers s compared in the continuous tournament (1: one shared indicator)
INDICATOR_SPILLOVERS = (0.0, 0.5, 1.0)
#: weights w of the continuous table (besides the case's weight)
CONTINUOUS_WEIGHTS = (0.0, 0.5, 1.0)
#: largest number of officials in the table of critical weights
MAX_OFFICIALS = 200

_SOURCES = [
    "Lazear & Rosen (1981); Li & Zhou (2005); Zhou (2007)",
    "Cui et al. (reform of the evaluation indicators), “Collaborative governance” and “Local "
    "cooperation” (promotion tournament, zero-sum local competition)",
]
_NOTES = ["All inputs are illustrative; the tournament is linearised (promotion probability "
          "1/n + (own output - mean output)/h)."]


@dataclass(frozen=True)
class PromotionData:
    """The validated inputs of the promotion case: the tournament's parameters.

    Attributes
    ----------
    params : dict
        ``prize``, ``compete_gain``, ``noise``, ``env_gain``, ``coop_gain`` (positive,
        ``noise >= compete_gain``).
    """

    params: dict

    @property
    def inputs(self) -> pd.DataFrame:
        """The inputs as a table (``input``, ``value``)."""
        return pd.DataFrame([{"input": k, "value": v} for k, v in self.params.items()])


def load(*, prize: float = 10.0, compete_gain: float = 1.0, noise: float = 2.0,
         env_gain: float = 2.5, coop_gain: float = 1.5) -> PromotionData:
    """The validated tournament parameters (no modelling); see :func:`run`.

    Raises
    ------
    InputError
        A parameter that is not a positive number, or ``noise < compete_gain`` (promotion
        probabilities outside [0, 1]).

    Examples
    --------
    >>> load(prize=12).params["prize"]
    12
    """
    par = dict(prize=prize, compete_gain=compete_gain, noise=noise, env_gain=env_gain,
               coop_gain=coop_gain)
    for name, v in par.items():
        if not math.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive number, got {v!r}")
    if noise < compete_gain:
        raise InputError(f"noise ({noise}) must be at least compete_gain ({compete_gain}) so "
                         "that promotion probabilities stay in [0, 1]")
    return PromotionData(par)


@dataclass
class PromotionNumbers:
    """What :func:`compute` returns: the tables and key numbers of the promotion case.

    Attributes
    ----------
    data : PromotionData
        The inputs.
    weight : float
        The weight evaluated.
    officials, lams : tuple
        Numbers of officials (2 included, sorted) and weights on own output compared.
    equilibria_w0, equilibria_weight : list of tuple
        Pure equilibria of two officials at ``w = 0`` and at ``weight``.
    critical : pandas.DataFrame
        Critical weight by number of officials and ``lam``.
    parameter_map : govgames.games.symbolic.ParameterMap
        Equilibria of two officials over (w, e).
    continuous : pandas.DataFrame
        Equilibrium efforts of the continuous tournament.
    key_numbers : dict
        The case's key numbers (:attr:`govgames.analyses.base.CaseResult.numbers`).
    """

    data: PromotionData
    weight: float
    officials: tuple
    lams: tuple
    equilibria_w0: list
    equilibria_weight: list
    critical: pd.DataFrame
    parameter_map: ParameterMap
    continuous: pd.DataFrame
    key_numbers: dict = field(default_factory=dict)

    @property
    def tables(self) -> dict:
        """The report's tables, by title."""
        inputs = pd.concat([self.data.inputs,
                            pd.DataFrame([{"input": "weight", "value": self.weight}])],
                           ignore_index=True)
        return {"critical weight by number of officials": self.critical,
                "inputs (illustrative)": inputs,
                "continuous tournament efforts": self.continuous}

    def critical_weight(self, n: int, lam: float = 0.0) -> float:
        """:func:`critical_weight` at the case's parameters."""
        p = self.data.params
        return critical_weight(n, p["prize"], p["compete_gain"], p["noise"], p["env_gain"],
                               lam, p["coop_gain"])


def _check_settings(weight, officials, lams):
    if not 0 <= weight <= 1:
        raise InputError(f"weight must be in [0, 1], got {weight!r}")
    ns = tuple(sorted({int(n) for n in officials} | {2}))
    if ns[0] < 2 or ns[-1] > MAX_OFFICIALS:
        raise InputError(f"officials must be between 2 and {MAX_OFFICIALS}, got "
                         f"{list(officials)}")
    lams = tuple(float(x) for x in lams) or (0.0,)
    if min(lams) < 0:
        raise InputError(f"lams must be non-negative, got {list(lams)}")
    return ns, lams


def critical_table(data: PromotionData, ns, lams, weight: float) -> pd.DataFrame:
    """Critical weights by number of officials (rows) and weight on own output (columns
    ``w* (lam=...)``), and the equilibrium at ``weight`` (for the first ``lam``).

    Examples
    --------
    >>> critical_table(load(), (2,), (0.0,), 0.3).to_dict("records")
    [{'officials': 2, 'w* (lam=0)': 0.5, 'equilibrium at current weight': 'all compete'}]
    """
    p = data.params
    rows = []
    for n in ns:
        row = {"officials": n}
        for lam in lams:
            row[f"w* (lam={lam:g})"] = critical_weight(n, p["prize"], p["compete_gain"],
                                                       p["noise"], p["env_gain"], lam,
                                                       p["coop_gain"])
        row["equilibrium at current weight"] = (
            "all cooperate" if weight >= row[f"w* (lam={lams[0]:g})"] else "all compete")
        rows.append(row)
    return pd.DataFrame(rows)


def weight_map(data: PromotionData):
    """Equilibria of two officials over the evaluation weight ``w`` and the environmental gain
    ``e`` (:func:`govgames.games.symbolic.parameter_map`).

    Examples
    --------
    >>> sorted(weight_map(load()).shares())[:2]
    ['(Compete, Compete)', '(Cooperate, Cooperate)']
    """
    p = data.params
    gm = promotion_tournament(2, V=_exact(p["prize"]), a=_exact(p["compete_gain"]),
                              h=_exact(p["noise"]), e=sp.Symbol("e", positive=True))
    return parameter_map(gm, {"w": np.linspace(0, 1, MAP_W_POINTS),
                              "e": np.linspace(MAP_E_MIN, MAP_E_SPAN * p["env_gain"],
                                               MAP_E_POINTS)})


def continuous_table(data: PromotionData, weight: float) -> pd.DataFrame:
    """Equilibrium efforts of the continuous tournament by indicator spillover ``s`` and
    weight ``w`` (formulas from one symbolic solve; the points at ``w = 1`` with an own or a
    shared indicator certified numerically by :func:`continuous_efforts`).

    Examples
    --------
    >>> t = continuous_table(load(), 0.3)
    >>> float(t[(t["indicator spillover s"] == 1.0)]["cooperative effort"].max())
    0.0
    """
    prize, noise = data.params["prize"], data.params["noise"]
    e_of, a_of = _continuous_formulas(prize, CONTINUOUS_SPILLOVER, noise)
    rows = []
    for sv in INDICATOR_SPILLOVERS:
        for wv in sorted(set(CONTINUOUS_WEIGHTS) | {weight}):
            if wv == 1.0 and sv in (0.0, 1.0):
                e_c, a_c = continuous_efforts(wv, sv, prize=prize, noise=noise)
            else:
                e_c, a_c = e_of(wv, sv), a_of(wv, sv)
            rows.append({"indicator spillover s": sv, "weight w": wv, "growth effort": e_c,
                         "cooperative effort": a_c})
    return pd.DataFrame(rows)


def compute(data: PromotionData, *, weight: float = 0.3,
            officials: tuple = (2, 3, 5, 10, 20, 40), lams: tuple = (0.0, 1.0, 2.0)
            ) -> PromotionNumbers:
    """Equilibria at ``w = 0`` and at ``weight``, critical weights, the (w, e) map and the
    continuous tournament. Parameters are those of :func:`run`.

    Returns
    -------
    PromotionNumbers

    Raises
    ------
    InputError
        ``weight`` outside [0, 1], officials outside [2, 200], a negative ``lam``.

    Examples
    --------
    >>> k = compute(load(), officials=(2, 20), lams=(0.0,)).key_numbers
    >>> k["critical_weight_2_officials"], round(k["critical_weight_20_officials"], 6)
    (0.5, 0.655172)
    """
    ns, lams = _check_settings(weight, officials, lams)
    p = data.params

    def equilibria(w):
        return [e.pure_profile for e in pure_nash_equilibria(tournament_game(2, w=w, **p))]

    nums = PromotionNumbers(data, weight, ns, lams, equilibria(0), equilibria(weight),
                            critical_table(data, ns, lams, weight), weight_map(data),
                            continuous_table(data, weight))
    nums.key_numbers = _key_numbers(nums)
    return nums


def _effort_at(ctable: pd.DataFrame, s: float, w: float) -> float:
    return float(ctable[(ctable["indicator spillover s"] == s)
                        & (ctable["weight w"] == w)]["cooperative effort"].iloc[0])


def _key_numbers(nums: PromotionNumbers) -> dict:
    p, n_last = nums.data.params, nums.officials[-1]
    return {
        "equilibrium_at_w0": ", ".join(nums.equilibria_w0[0]),
        "equilibrium_at_weight": ", ".join(nums.equilibria_weight[0]),
        "critical_weight_2_officials": nums.critical_weight(2),
        f"critical_weight_{n_last}_officials": nums.critical_weight(n_last),
        # each city's output when all cooperate / all compete
        "output_per_city_all_cooperate": 2 * p["coop_gain"],
        "output_per_city_all_compete": p["compete_gain"],
        "map_region_shares": {k: round(v, 4) for k, v in nums.parameter_map.shares().items()
                              if round(v, 4) > 0},
        "continuous_coop_effort_own_indicator_w1": _effort_at(nums.continuous, 0.0, 1.0),
        "continuous_coop_effort_shared_indicator_w1": _effort_at(nums.continuous, 1.0, 1.0),
    }


def _map_figure(pmap, weight: float, env_gain: float) -> Figure:
    fig = Figure(figsize=(8.5, 4.6), layout="constrained")
    ax = fig.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot([weight], [env_gain], "wo", mec="k")
    ax.annotate(" current weight", (weight, env_gain), color="w", fontsize=8)
    ax.set_xlabel("weight w on the shared environmental indicator")
    ax.set_ylabel("environmental gain e per cooperating official")
    ax.set_title("Two neighbouring officials: equilibria by evaluation weight")
    return fig


def _critical_figure(table: pd.DataFrame, lams, weight: float) -> Figure:
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    for lam in lams:
        ax.plot(table["officials"], table[f"w* (lam={lam:g})"], "o-",
                label=f"weight on own output lam = {lam:g}")
    ax.axhline(weight, color="grey", ls=":", label=f"current weight {weight:g}")
    ax.set_xscale("log")
    ax.set_xlabel("number of competing officials n")
    ax.set_ylabel("critical weight w*")
    ax.set_ylim(0, 1)
    ax.set_title("Weight on the environment needed for cooperation")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def _continuous_figure(ctable: pd.DataFrame) -> Figure:
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    for sv in INDICATOR_SPILLOVERS:
        sub = ctable[ctable["indicator spillover s"] == sv]
        ax.plot(sub["weight w"], sub["cooperative effort"], "o-",
                label=f"indicator spillover s = {sv:g}" + (" (shared)" if sv == 1 else ""))
    ax.set_xlabel("weight w on the environmental indicator")
    ax.set_ylabel("equilibrium cooperative effort")
    ax.set_title("Continuous tournament: the reform works on an own indicator only")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def figures(numbers: PromotionNumbers) -> dict:
    """The case's figures: the (w, e) map, critical weight by n, the continuous tournament.

    Examples
    --------
    >>> sorted(figures(compute(load(), officials=(2,), lams=(0.0,))))
    ['continuous_cooperative_effort', 'critical_weight_by_n', 'parameter_map']
    """
    return {"parameter_map": _map_figure(numbers.parameter_map, numbers.weight,
                                         numbers.data.params["env_gain"]),
            "critical_weight_by_n": _critical_figure(numbers.critical, numbers.lams,
                                                     numbers.weight),
            "continuous_cooperative_effort": _continuous_figure(numbers.continuous)}


def narrate(numbers: PromotionNumbers) -> tuple[str, list]:
    """The finding, written from the numbers, and the notes.

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> finding, notes = narrate(compute(load(), officials=(2,), lams=(0.0,)))
    >>> finding.split(":")[0]
    'Under a pure relative-GDP evaluation (w = 0) two neighbouring officials both compete (equilibrium Compete, Compete), although cooperating would give each city output 3 instead of 1'
    """
    k, lams, n_last = numbers.key_numbers, numbers.lams, numbers.officials[-1]
    finding = (
        f"Under a pure relative-GDP evaluation (w = 0) two neighbouring officials both compete "
        f"(equilibrium {k['equilibrium_at_w0']}), although cooperating would give each city "
        f"output {k['output_per_city_all_cooperate']:g} instead of "
        f"{k['output_per_city_all_compete']:g}: the common gain cancels in the ranking. Putting "
        f"weight on a shared environmental indicator reverses this once w exceeds "
        f"{k['critical_weight_2_officials']:.3g} for two officials and "
        f"{k[f'critical_weight_{n_last}_officials']:.3g} for {n_last}: the more rivals, the "
        f"larger the rank gain from competing. At the current weight {numbers.weight:g} the "
        f"equilibrium is {k['equilibrium_at_weight']}. Counting own absolute output as well "
        f"lowers the weight needed"
        + (f" (to {numbers.critical_weight(2, lams[-1]):.3g} for two officials with lam = "
           f"{lams[-1]:g})." if len(lams) > 1 else ".")
        + f" In the continuous tournament (efforts as levels, normal noise) the same reform "
          f"raises cooperative effort from 0 to "
          f"{k['continuous_coop_effort_own_indicator_w1']:.3g} at w = 1 when the indicator is "
          f"each official's own, and leaves it at "
          f"{k['continuous_coop_effort_shared_indicator_w1']:.3g} when the indicator is "
          f"shared: what both raise together cancels in the ranking.")
    return finding, list(_NOTES)


@register("promotion", "Promotion tournaments and the weight of the environment")
def run(*, prize: float = 10.0, compete_gain: float = 1.0, noise: float = 2.0,
        env_gain: float = 2.5, coop_gain: float = 1.5, weight: float = 0.3,
        officials: tuple = (2, 3, 5, 10, 20, 40), lams: tuple = (0.0, 1.0, 2.0)) -> CaseResult:
    """Run the promotion-tournament case.

    Parameters
    ----------
    prize : float
        Value of promotion ``V``.
    compete_gain : float
        Own output gained by competing (poaching investment) ``a``.
    noise : float
        Spread ``h`` of the noise in measured performance (``h >= a``).
    env_gain : float
        Gain of the shared environmental indicator per cooperating official ``e``.
    coop_gain : float
        Output gain for every jurisdiction per cooperating official ``g``.
    weight : float
        A current weight on the environment to evaluate (in [0, 1]).
    officials : tuple of int
        Numbers of officials for the table of critical weights.
    lams : tuple of float
        Weights on own absolute output to compare.

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> r = run(officials=(2,), lams=(0.0,))
    >>> r.numbers["critical_weight_2_officials"], r.numbers["equilibrium_at_weight"]
    (0.5, 'Compete, Compete')
    """
    data = load(prize=prize, compete_gain=compete_gain, noise=noise, env_gain=env_gain,
                coop_gain=coop_gain)
    numbers = compute(data, weight=weight, officials=officials, lams=lams)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="promotion", title="Promotion tournaments and the weight of the environment",
        finding=finding, tables=numbers.tables, figures=figures(numbers),
        numbers=numbers.key_numbers, describe=_DESCRIBE, captions=_CAPTIONS,
        glossary=_GLOSSARY, sources=list(_SOURCES), notes=notes, illustrative=True)
