"""Case study 5: trust over time, as repeated play.

Seed 002 (Cui & Zheng) describes trust between governments in three stages: a *cautious probing*
stage (trust in each other's promises and stated intentions), a *contract* stage (signed
agreements, legal remedies for breach, a capability threshold to sign) and a *goodwill* stage
(trust beyond the contract's terms). Seeds 000-002 name the sources of trust: experience,
reputation (a bond an organisation will not want to lose), shared traits and institutions
(rewards and penalties set by a superior, expulsion from the organisation).

Repeated games give these stages a common yardstick: cooperation between two governments that
face a prisoner's dilemma in every period is sustainable by reciprocity when the future weighs
enough, i.e. when the discount factor is at least a *critical* value. The stage's institutions
change that value:

* probing: only the shadow of the future, and an uncertain relationship (officials rotate, the
  partnership may end: a continuation probability below 1);
* contract: a penalty for breach paid by the defector, and a more durable relationship;
* goodwill: in addition a reputation loss in every later period and expulsion from the
  cooperation organisation (the defector's outside option is worse than mutual defection).

The stage game and the size of each lever are **illustrative** (the papers give no numbers);
they are parameters of :func:`run`. The critical discount factors are exact
(:func:`games.repeated.critical_discount_factor`), and a strategy tournament with noise shows
which behaviour does well at each stage.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

from games.errors import InputError

from .base import CaseResult, register

__all__ = ["STAGES", "stage_levers", "stage_table", "lever_sweeps", "stage_games", "stage_turns",
           "tournaments", "run"]

#: the three trust stages of seed 002, in order
STAGES = ("cautious probing", "contract", "goodwill")

_SOURCES = [
    "Seed 002 (Cui & Zheng, Holistic collaborative governance of metropolitan areas): the three "
    "stages of inter-organisational trust (cautious probing, contract, goodwill) and the sources "
    "of trust (experience, reputation, shared traits, institutions).",
    "Seeds 000 and 001: reputation, rewards and penalties set by a superior, expulsion from the "
    "organisation; past failure lowers trust.",
    "J. W. Friedman (1971), A non-cooperative equilibrium for supergames, Review of Economic "
    "Studies 38: 1-12 (grim trigger, critical discount factor).",
    "R. Axelrod (1984), The Evolution of Cooperation (strategy tournaments).",
]


def _num(x) -> Fraction:
    try:
        f = Fraction(str(x)) if not isinstance(x, Fraction) else x
    except (TypeError, ValueError):
        raise InputError(f"trust: {x!r} is not a number") from None
    return f


def stage_levers(*, probing_continuation=0.8, contract_penalty=1.0, contract_continuation=0.9,
                 goodwill_reputation_loss=0.5, goodwill_outside_option=0.5,
                 goodwill_continuation=1.0) -> dict:
    """The levers of each trust stage, as keyword arguments of
    :func:`games.repeated.critical_discount_factor`.

    Stages are cumulative: the contract keeps its penalty in the goodwill stage.

    Examples
    --------
    >>> lv = stage_levers()
    >>> lv["cautious probing"]
    {'continuation': Fraction(4, 5)}
    >>> sorted(lv["goodwill"])
    ['continuation', 'expulsion', 'penalty', 'reputation_loss']
    """
    for name, p in (("probing_continuation", probing_continuation),
                    ("contract_continuation", contract_continuation),
                    ("goodwill_continuation", goodwill_continuation)):
        if not 0 < float(p) <= 1:
            raise InputError(f"trust: {name} must lie in (0, 1], got {p!r}")
    for name, x in (("contract_penalty", contract_penalty),
                    ("goodwill_reputation_loss", goodwill_reputation_loss)):
        if float(x) < 0:
            raise InputError(f"trust: {name} must be non-negative, got {x!r}")
    return {
        "cautious probing": {"continuation": _num(probing_continuation)},
        "contract": {"penalty": _num(contract_penalty),
                     "continuation": _num(contract_continuation)},
        "goodwill": {"penalty": _num(contract_penalty),
                     "reputation_loss": _num(goodwill_reputation_loss),
                     "expulsion": _num(goodwill_outside_option),
                     "continuation": _num(goodwill_continuation)},
    }


def _describe(levers: dict) -> str:
    parts = []
    if "penalty" in levers:
        parts.append(f"penalty for breach {float(levers['penalty']):g}")
    if "reputation_loss" in levers:
        parts.append(f"reputation loss {float(levers['reputation_loss']):g} per period")
    if "expulsion" in levers:
        parts.append(f"expulsion (outside option {float(levers['expulsion']):g})")
    parts.append(f"continuation probability {float(levers.get('continuation', 1)):g}")
    return "; ".join(parts)


def stage_table(stage_game, levers: dict) -> pd.DataFrame:
    """The critical discount factor of mutual cooperation at each trust stage.

    Grim trigger with reversion to the stage Nash equilibrium, with each stage's levers
    (:func:`games.repeated.critical_discount_factor`).

    Returns
    -------
    pandas.DataFrame
        One row per stage: the levers, ``delta_effective`` (least ``δ·p``), ``delta_critical``
        (least ``δ``), ``sustainable`` (``δ* < 1``), the exact value as text and the library's
        explanation.

    Examples
    --------
    >>> from games.dilemmas import prisoners_dilemma
    >>> t = stage_table(prisoners_dilemma(5, 3, 1, 0), stage_levers())
    >>> t["delta_exact"].tolist()
    ['5/8', '10/27', '1/4']
    """
    from games.repeated import critical_discount_factor

    rows = []
    for stage, lv in levers.items():
        r = critical_discount_factor(stage_game, ("Cooperate", "Cooperate"), "nash", **lv)
        delta = r.delta
        rows.append({
            "stage": stage, "levers": _describe(lv),
            "penalty": float(lv.get("penalty", 0)),
            "reputation_loss": float(lv.get("reputation_loss", 0)),
            "outside_option": float(lv["expulsion"]) if "expulsion" in lv else float("nan"),
            "continuation": float(lv.get("continuation", 1)),
            "delta_effective": float(r.effective) if r.effective is not None else float("nan"),
            "delta_critical": float(delta) if delta is not None else float("inf"),
            "delta_exact": str(delta) if delta is not None else "none",
            "sustainable": bool(r.sustainable),
            "explanation": r.explanation,
        })
    return pd.DataFrame(rows)


def lever_sweeps(stage_game, *, points: int = 41, T=5.0, R=3.0, P=1.0, S=0.0) -> pd.DataFrame:
    """How each lever alone lowers the critical discount factor from the bare dilemma.

    ``penalty`` from 0 to ``T - R`` (at ``T - R`` defection no longer pays even once),
    ``reputation_loss`` from 0 to ``2 (R - P)``, the expelled defector's ``outside_option``
    from ``P`` down to ``P - 2 (R - P)``, and the ``continuation`` probability from 1 down to
    the bare critical value.

    Examples
    --------
    >>> from games.dilemmas import prisoners_dilemma
    >>> s = lever_sweeps(prisoners_dilemma(5, 3, 1, 0), points=3)
    >>> s.loc[s["lever"] == "penalty", "delta_critical"].round(3).tolist()
    [0.5, 0.333, 0.0]
    """
    from games.repeated import critical_discount_factor

    T, R, P, S = (float(x) for x in (T, R, P, S))
    base = critical_discount_factor(stage_game, ("Cooperate", "Cooperate"), "nash")
    d0 = float(base.delta)
    grids = {
        "penalty": ("penalty", np.linspace(0, T - R, points)),
        "reputation_loss": ("reputation_loss", np.linspace(0, 2 * (R - P), points)),
        "outside_option": ("expulsion", np.linspace(P, P - 2 * (R - P), points)),
        "continuation": ("continuation", np.linspace(1.0, max(d0, 1e-3), points)),
    }
    rows = []
    for lever, (kw, grid) in grids.items():
        for x in grid:
            r = critical_discount_factor(stage_game, ("Cooperate", "Cooperate"), "nash",
                                         **{kw: _num(round(float(x), 12))})
            rows.append({"lever": lever, "value": float(x),
                         "delta_critical": float(r.delta) if r.delta is not None
                         else float("inf")})
    return pd.DataFrame(rows)


def stage_games(T, R, P, S, levers: dict) -> dict:
    """The one-shot game each stage's institutions induce, for the tournament.

    A penalty ``f`` for breach lowers the temptation to ``T - f``; reputation loss ``L`` and
    expulsion (outside option ``w``) make mutual defection, the punishment phase, worth
    ``(w or P) - L`` instead of ``P``. These are the same payoffs that
    :func:`games.repeated.critical_discount_factor` uses for the stage.

    Examples
    --------
    >>> g = stage_games(5, 3, 1, 0, stage_levers())["goodwill"]
    >>> g.payoff(("Defect", "Cooperate")).tolist(), g.payoff(("Defect", "Defect")).tolist()
    ([4.0, 0.0], [0.0, 0.0])
    """
    from games.dilemmas import prisoners_dilemma

    out = {}
    for stage, lv in levers.items():
        f = _num(lv.get("penalty", 0))
        v = _num(lv["expulsion"]) if "expulsion" in lv else _num(P)
        v -= _num(lv.get("reputation_loss", 0))
        out[stage] = prisoners_dilemma(_num(T) - f, _num(R), v, _num(S))
    return out


def stage_turns(levers: dict, max_turns: int = 100) -> dict:
    """Match length at each stage: the expected length of the relationship,
    ``1 / (1 - continuation)`` periods, rounded, at least 2 and at most ``max_turns``.

    Examples
    --------
    >>> stage_turns(stage_levers())
    {'cautious probing': 5, 'contract': 10, 'goodwill': 100}
    """
    out = {}
    for stage, lv in levers.items():
        p = float(lv.get("continuation", 1))
        n = max_turns if p >= 1 else int(round(1 / (1 - p)))
        out[stage] = int(min(max(n, 2), max_turns))
    return out


def tournaments(games: dict, turns: dict, *, noise: float = 0.05, repetitions: int = 20,
                seed: int = 0, strategies=None) -> pd.DataFrame:
    """A round-robin tournament of Axelrod's basic strategies at each stage
    (:func:`games.repeated.play.round_robin_tournament`), matches as long as the stage's
    expected relationship, moves flipped with probability ``noise``.

    Returns one row per (stage, strategy): mean payoff per turn against the others, its
    standard error over repetitions, cooperation rate and rank. ``strategies`` (a list of
    :class:`games.repeated.strategies.Strategy`) replaces the basic strategies.

    Examples
    --------
    >>> lv = stage_levers()
    >>> t = tournaments(stage_games(5, 3, 1, 0, lv), stage_turns(lv), repetitions=5)
    >>> sorted(t["stage"].unique())
    ['cautious probing', 'contract', 'goodwill']
    """
    from games.repeated.play import round_robin_tournament
    from games.repeated.strategies import basic_strategies

    parts = []
    for k, (stage, game) in enumerate(games.items()):
        players = basic_strategies() if strategies is None else list(strategies)
        r = round_robin_tournament(players, game, turns=turns[stage],
                                   repetitions=int(repetitions), noise=float(noise),
                                   seed=int(seed) + k)
        t = r.table.rename_axis("strategy").reset_index()
        t.insert(0, "stage", stage)
        t.insert(2, "turns", turns[stage])
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


# ------------------------------------------------------------------------------------------------
# figures

def _stage_figure(table: pd.DataFrame):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 3.8))
    ax = fig.add_subplot()
    x = np.arange(len(table))
    ax.bar(x - 0.18, table["delta_effective"], 0.36, label="least δ·p (effective)")
    ax.bar(x + 0.18, table["delta_critical"].clip(upper=1.05), 0.36,
           label="least δ (given continuation p)")
    for i, v in enumerate(table["delta_critical"]):
        ax.text(i + 0.18, min(v, 1.05) + 0.02, "none" if not np.isfinite(v) else f"{v:.3f}",
                ha="center", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels(table["stage"])
    ax.set_ylim(0, 1.15)
    ax.axhline(1, color="k", lw=0.8, ls=":")
    ax.set_ylabel("critical discount factor")
    ax.set_title("Cooperation needs less patience as trust deepens (seed 002's stages)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def _lever_figure(sweeps: pd.DataFrame):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 5.5))
    labels = {"penalty": "penalty for breach f", "reputation_loss": "reputation loss L per period",
              "outside_option": "outside option w after expulsion",
              "continuation": "continuation probability p"}
    for k, lever in enumerate(labels, start=1):
        ax = fig.add_subplot(2, 2, k)
        d = sweeps[sweeps["lever"] == lever]
        ax.plot(d["value"], d["delta_critical"].clip(upper=1.05), "-", color="tab:blue")
        ax.set_xlabel(labels[lever])
        ax.set_ylabel("critical δ")
        ax.set_ylim(0, 1.1)
        if lever in ("outside_option", "continuation"):
            ax.invert_xaxis()
    fig.suptitle("Each lever alone, from the bare dilemma")
    fig.tight_layout()
    return fig


def _tournament_figure(tour: pd.DataFrame):
    from matplotlib.figure import Figure

    stages = list(dict.fromkeys(tour["stage"]))
    names = sorted(tour["strategy"].unique())
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    width = 0.8 / len(stages)
    x = np.arange(len(names))
    for k, stage in enumerate(stages):
        d = tour[tour["stage"] == stage].set_index("strategy").reindex(names)
        turns = int(d["turns"].iloc[0])
        ax.bar(x + (k - (len(stages) - 1) / 2) * width, d["mean"], width,
               yerr=d["stderr"], label=f"{stage} ({turns} turns)")
    ax.set_xticks(x)
    ax.set_xticklabels(names, rotation=30, ha="right")
    ax.set_ylabel("mean payoff per turn")
    ax.set_title("Strategy tournament at each stage (with noise)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------------
# the case

@register("trust", "Trust over time")
def run(*, T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0,
        probing_continuation: float = 0.8, contract_penalty: float = 1.0,
        contract_continuation: float = 0.9, goodwill_reputation_loss: float = 0.5,
        goodwill_outside_option: float = 0.5, goodwill_continuation: float = 1.0,
        noise: float = 0.05, max_turns: int = 100, repetitions: int = 20,
        seed: int = 0) -> CaseResult:
    """The three trust stages as repeated play: critical discount factors, levers, tournament.

    Parameters
    ----------
    T, R, P, S : float
        The stage prisoner's dilemma between two governments (temptation, reward, punishment,
        sucker's payoff; ``T > R > P`` and ``2R > T + S``). Illustrative.
    probing_continuation : float
        Probability that the relationship continues after a period in the probing stage.
    contract_penalty, contract_continuation : float
        The penalty for breach under a signed agreement, and the contract stage's continuation.
    goodwill_reputation_loss, goodwill_outside_option, goodwill_continuation : float
        In the goodwill stage a defector also loses reputation every later period and is
        expelled from the organisation (per-period outside option), and the relationship is
        long-lived.
    noise : float
        Probability that a move is flipped in the tournament (misunderstandings).
    max_turns, repetitions, seed : int
        Tournament settings.

    Examples
    --------
    >>> r = run(repetitions=3)
    >>> [round(x, 4) for x in r.numbers["critical_delta"].values()]
    [0.625, 0.3704, 0.25]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    T, R, P, S = (float(x) for x in (T, R, P, S))
    if not (T > R > P):
        raise InputError(f"trust: the stage game must be a dilemma with T > R > P, got T={T:g}, "
                         f"R={R:g}, P={P:g}")
    if not 2 * R > T + S:
        raise InputError(f"trust: mutual cooperation must be efficient (2R > T + S), got "
                         f"2R = {2 * R:g}, T + S = {T + S:g}")
    if not 0 <= float(noise) < 0.5:
        raise InputError(f"trust: noise must lie in [0, 0.5), got {noise!r}")
    if int(max_turns) < 2 or int(repetitions) < 1:
        raise InputError("trust: max_turns must be at least 2 and repetitions at least 1")
    from games.dilemmas import prisoners_dilemma

    levers = stage_levers(probing_continuation=probing_continuation,
                          contract_penalty=contract_penalty,
                          contract_continuation=contract_continuation,
                          goodwill_reputation_loss=goodwill_reputation_loss,
                          goodwill_outside_option=goodwill_outside_option,
                          goodwill_continuation=goodwill_continuation)
    base = prisoners_dilemma(_num(T), _num(R), _num(P), _num(S))
    table = stage_table(base, levers)
    sweeps = lever_sweeps(base, points=21, T=T, R=R, P=P, S=S)
    games = stage_games(T, R, P, S, levers)
    turns = stage_turns(levers, int(max_turns))
    tour = tournaments(games, turns, noise=noise, repetitions=repetitions, seed=seed)
    bare = float(Fraction(str(T)) - Fraction(str(R))) / float(Fraction(str(T)) - Fraction(str(P)))
    winners = {st: tour.loc[tour["stage"] == st].sort_values("rank").iloc[0]["strategy"]
               for st in levers}
    alld_rank = {st: int(tour.loc[(tour["stage"] == st) & (tour["strategy"] == "AllD"),
                                  "rank"].iloc[0]) for st in levers}
    crit = dict(zip(table["stage"], table["delta_critical"]))
    numbers = {
        "bare_dilemma_delta": bare,
        "critical_delta": crit,
        "critical_delta_exact": dict(zip(table["stage"], table["delta_exact"])),
        "effective_delta": dict(zip(table["stage"], table["delta_effective"])),
        "sustainable": dict(zip(table["stage"], table["sustainable"])),
        "tournament_turns": turns,
        "tournament_winner": winners,
        "alld_rank": alld_rank,
    }
    stages = list(levers)
    finding = (
        f"In the bare dilemma (T, R, P, S = {T:g}, {R:g}, {P:g}, {S:g}) reciprocity needs a "
        f"discount factor of at least (T - R)/(T - P) = {bare:.3f}. In the probing stage an "
        f"uncertain relationship (continuation {float(levers[stages[0]]['continuation']):g}) "
        f"raises it to {crit[stages[0]]:.3f}; a contract with a penalty for breach lowers it to "
        f"{crit[stages[1]]:.3f}; goodwill, where a defector also loses reputation and is "
        f"expelled, lowers it to {crit[stages[2]]:.3f}. In the tournament "
        f"{winners[stages[0]]} wins the short probing matches "
        f"(AllD ranks {alld_rank[stages[0]]} of {tour['strategy'].nunique()}), "
        f"{winners[stages[1]]} wins under the "
        f"contract and {winners[stages[2]]} in the long goodwill relationship "
        f"(AllD ranks {alld_rank[stages[2]]}).")
    notes = [
        "Illustrative inputs: the stage game (T, R, P, S = 5, 3, 1, 0 by default, Axelrod's "
        "values) and the size of every lever; seed 002 describes the stages in words, with no "
        "numbers. All are parameters of the case.",
        "Critical discount factors are exact rationals: grim trigger with reversion to the stage "
        "Nash equilibrium (mutual defection), the penalty paid in the period of defection, the "
        "reputation loss in every later period, expulsion replacing the punishment payoff by the "
        "outside option, and δ* = (least δ·p) / p for continuation probability p.",
        "Tournament: Axelrod's basic strategies, matches as long as the stage's expected "
        "relationship (1 / (1 - p) turns, at most max_turns), payoffs of the stage's induced "
        "one-shot game (temptation T - f; mutual defection worth the punishment payoff), moves "
        "flipped with probability noise; scores are mean payoffs per turn against the others.",
    ]
    figures = {"critical_delta_by_stage": _stage_figure(table),
               "levers": _lever_figure(sweeps),
               "tournament": _tournament_figure(tour)}
    tables = {"stages": table, "lever_sweeps": sweeps, "tournament": tour}
    return CaseResult(name="trust", title="Trust over time", finding=finding, tables=tables,
                      figures=figures, numbers=numbers, sources=list(_SOURCES), notes=notes,
                      illustrative=True)
