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

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.continuous import promotion_tournament as continuous_tournament
from govgames.games.continuous import symmetric_equilibria
from govgames.games.dilemmas import promotion_tournament
from govgames.games.errors import InputError
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import equilibrium_conditions, parameter_map, plot_parameter_map, threshold

from .base import CaseResult, Describe, register

__all__ = ["run", "critical_weight", "tournament_game", "continuous_efforts"]


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
    for name, v in (("prize", prize), ("compete_gain", compete_gain), ("noise", noise),
                    ("env_gain", env_gain), ("coop_gain", coop_gain)):
        if not math.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive number, got {v!r}")
    if noise < compete_gain:
        raise InputError(f"noise ({noise}) must be at least compete_gain ({compete_gain}) so "
                         "that promotion probabilities stay in [0, 1]")
    if not 0 <= weight <= 1:
        raise InputError(f"weight must be in [0, 1], got {weight!r}")
    ns = sorted({int(n) for n in officials} | {2})
    if ns[0] < 2 or ns[-1] > 200:
        raise InputError(f"officials must be between 2 and 200, got {list(officials)}")
    lams = tuple(float(x) for x in lams) or (0.0,)
    if min(lams) < 0:
        raise InputError(f"lams must be non-negative, got {list(lams)}")
    par = dict(prize=prize, compete_gain=compete_gain, noise=noise, env_gain=env_gain,
               coop_gain=coop_gain)

    # the two-official game at w = 0 and at the chosen weight
    g0 = tournament_game(2, w=0, **par)
    eq0 = [e.pure_profile for e in pure_nash_equilibria(g0)]
    gw = tournament_game(2, w=weight, **par)
    eqw = [e.pure_profile for e in pure_nash_equilibria(gw)]
    out_coop, out_comp = 2 * coop_gain, compete_gain   # each city's output, all cooperate / compete

    # critical weights
    rows = []
    for n in ns:
        row = {"officials": n}
        for lam in lams:
            row[f"w* (lam={lam:g})"] = critical_weight(n, prize, compete_gain, noise, env_gain,
                                                       lam, coop_gain)
        row["equilibrium at current weight"] = (
            "all cooperate" if weight >= row[f"w* (lam={lams[0]:g})"] else "all compete")
        rows.append(row)
    table = pd.DataFrame(rows)

    # parameter map over (w, e) for two officials
    e_sym = sp.Symbol("e", positive=True)
    gm = promotion_tournament(2, V=_exact(prize), a=_exact(compete_gain), h=_exact(noise),
                              e=e_sym)
    w_grid = np.linspace(0, 1, 201)
    e_grid = np.linspace(0.1, 3 * env_gain, 151)
    pmap = parameter_map(gm, {"w": w_grid, "e": e_grid})
    fig_map = Figure(figsize=(8.5, 4.6), layout="constrained")
    ax = fig_map.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot([weight], [env_gain], "wo", mec="k")
    ax.annotate(" current weight", (weight, env_gain), color="w", fontsize=8)
    ax.set_xlabel("weight w on the shared environmental indicator")
    ax.set_ylabel("environmental gain e per cooperating official")
    ax.set_title("Two neighbouring officials: equilibria by evaluation weight")

    fig_n = Figure(figsize=(7.5, 4))
    ax2 = fig_n.add_subplot()
    for lam in lams:
        ax2.plot(table["officials"], table[f"w* (lam={lam:g})"], "o-",
                 label=f"weight on own output lam = {lam:g}")
    ax2.axhline(weight, color="grey", ls=":", label=f"current weight {weight:g}")
    ax2.set_xscale("log")
    ax2.set_xlabel("number of competing officials n")
    ax2.set_ylabel("critical weight w*")
    ax2.set_ylim(0, 1)
    ax2.set_title("Weight on the environment needed for cooperation")
    ax2.legend(fontsize="small")
    fig_n.tight_layout()

    # the continuous tournament: efforts chosen as levels, the indicator own or shared
    # (formulas solved once symbolically; the two w = 1 points are certified numerically)
    shares = (0.0, 0.5, 1.0)
    e_of, a_of = _continuous_formulas(prize, 0.5, noise)
    crow = []
    for sv in shares:
        for wv in sorted({0.0, weight, 0.5, 1.0}):
            if wv == 1.0 and sv in (0.0, 1.0):
                e_c, a_c = continuous_efforts(wv, sv, prize=prize, noise=noise)
            else:
                e_c, a_c = e_of(wv, sv), a_of(wv, sv)
            crow.append({"indicator spillover s": sv, "weight w": wv, "growth effort": e_c,
                         "cooperative effort": a_c})
    ctable = pd.DataFrame(crow)
    fig_c = Figure(figsize=(7.5, 4))
    ax3 = fig_c.add_subplot()
    for sv in shares:
        sub = ctable[ctable["indicator spillover s"] == sv]
        ax3.plot(sub["weight w"], sub["cooperative effort"], "o-",
                 label=f"indicator spillover s = {sv:g}" + (" (shared)" if sv == 1 else ""))
    ax3.set_xlabel("weight w on the environmental indicator")
    ax3.set_ylabel("equilibrium cooperative effort")
    ax3.set_title("Continuous tournament: the reform works on an own indicator only")
    ax3.legend(fontsize="small")
    fig_c.tight_layout()
    a_own = float(ctable[(ctable["indicator spillover s"] == 0.0)
                         & (ctable["weight w"] == 1.0)]["cooperative effort"].iloc[0])
    a_shared = float(ctable[(ctable["indicator spillover s"] == 1.0)
                            & (ctable["weight w"] == 1.0)]["cooperative effort"].iloc[0])

    w2 = critical_weight(2, prize, compete_gain, noise, env_gain, 0.0, coop_gain)
    wn = critical_weight(ns[-1], prize, compete_gain, noise, env_gain, 0.0, coop_gain)
    finding = (
        f"Under a pure relative-GDP evaluation (w = 0) two neighbouring officials both compete "
        f"(equilibrium {', '.join(eq0[0])}), although cooperating would give each city output "
        f"{out_coop:g} instead of {out_comp:g}: the common gain cancels in the ranking. Putting "
        f"weight on a shared environmental indicator reverses this once w exceeds "
        f"{w2:.3g} for two officials and {wn:.3g} for {ns[-1]}: the more rivals, the larger the "
        f"rank gain from competing. At the current weight {weight:g} the equilibrium is "
        f"{', '.join(eqw[0])}. Counting own absolute output as well lowers the weight needed"
        + (f" (to {critical_weight(2, prize, compete_gain, noise, env_gain, lams[-1], coop_gain):.3g}"
           f" for two officials with lam = {lams[-1]:g})." if len(lams) > 1 else ".")
        + f" In the continuous tournament (efforts as levels, normal noise) the same reform "
          f"raises cooperative effort from 0 to {a_own:.3g} at w = 1 when the indicator is each "
          f"official's own, and leaves it at {a_shared:.3g} when the indicator is shared: what "
          f"both raise together cancels in the ranking.")
    numbers = {
        "equilibrium_at_w0": ", ".join(eq0[0]),
        "equilibrium_at_weight": ", ".join(eqw[0]),
        "critical_weight_2_officials": w2,
        f"critical_weight_{ns[-1]}_officials": wn,
        "output_per_city_all_cooperate": out_coop,
        "output_per_city_all_compete": out_comp,
        "map_region_shares": {k: round(v, 4) for k, v in pmap.shares().items()},
        "continuous_coop_effort_own_indicator_w1": a_own,
        "continuous_coop_effort_shared_indicator_w1": a_shared,
    }
    return CaseResult(
        name="promotion", title="Promotion tournaments and the weight of the environment",
        finding=finding,
        tables={"critical weight by number of officials": table,
                "inputs (illustrative)": pd.DataFrame(
                    [{"input": k, "value": v} for k, v in par.items()]
                    + [{"input": "weight", "value": weight}]),
                "continuous tournament efforts": ctable},
        figures={"parameter_map": fig_map, "critical_weight_by_n": fig_n,
                 "continuous_cooperative_effort": fig_c},
        numbers=numbers, describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY,
        sources=["Lazear & Rosen (1981); Li & Zhou (2005); Zhou (2007)",
                 "Cui et al. (reform of the evaluation indicators), “Collaborative governance” "
                 "and “Local cooperation” (promotion "
                 "tournament, zero-sum local competition)"],
        notes=["All inputs are illustrative; the tournament is linearised (promotion probability "
               "1/n + (own output - mean output)/h)."],
        illustrative=True)
