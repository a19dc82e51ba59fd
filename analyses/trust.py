"""Case study 5: trust over time, as repeated play.

Cui et al. describe trust between governments in three stages: a *cautious probing*
stage (trust in each other's promises and stated intentions), a *contract* stage (signed
agreements, legal remedies for breach, a capability threshold to sign) and a *goodwill* stage
(trust beyond the contract's terms). They name the sources of trust: experience, reputation (a
bond an organisation will not want to lose), shared traits and institutions, and the penalties
for breach: fines, cuts to the cooperation fund, and the loss of membership of the metropolitan
cooperation organisation (expulsion). “Collaborative governance” adds that past failure lowers
trust (not modelled here).

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
(:func:`govgames.games.repeated.critical_discount_factor`), and a strategy tournament with noise shows
which behaviour does well at each stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from govgames.games.errors import InputError
from govgames.games.numbers import exact_rational

from .base import CaseResult, Describe, register

__all__ = ["leaders", "winner_text", "STAGES", "trust_stage_specs", "stage_table", "lever_sweeps",
           "stage_games", "stage_turns", "tournaments", "TrustData", "TrustNumbers", "load",
           "compute", "figures", "narrate", "run"]

#: the three trust stages of Cui et al., in order
STAGES = ("cautious probing", "contract", "goodwill")

_SOURCES = [
    "Cui et al. (Holistic collaborative governance of metropolitan areas): the three "
    "stages of inter-organisational trust (cautious probing, contract, goodwill) and the sources "
    "of trust (experience, reputation, shared traits, institutions).",
    "Cui et al.: experience and reputation as sources of trust; fines, cuts to the cooperation "
    "fund and the loss of membership of the cooperation organisation as penalties for breach.",
    "Collaborative governance among local governments: concepts, modes and drivers: past "
    "failure lowers trust (not modelled here).",
    "J. W. Friedman (1971), A non-cooperative equilibrium for supergames, Review of Economic "
    "Studies 38: 1-12 (grim trigger, critical discount factor).",
    "R. Axelrod (1984), The Evolution of Cooperation (strategy tournaments).",
]


def _num(x) -> Fraction:
    try:
        f = exact_rational(x, where="trust") if not isinstance(x, Fraction) else x
    except InputError:
        raise
    except (TypeError, ValueError):
        raise InputError(f"trust: {x!r} is not a number") from None
    return f


def trust_stage_specs(*, probing_continuation=0.7, contract_stakes=3.0,
                      contract_continuation=0.85, contract_penalty=3.0, goodwill_stakes=6.0,
                      goodwill_continuation=0.95, goodwill_reputation_loss=2.0,
                      goodwill_outside_option=0.0) -> tuple:
    """The three stages as :class:`govgames.games.repeated.trust.TrustStage` objects.

    The defaults are those of :data:`govgames.games.repeated.trust.DEFAULT_TRUST_STAGES`: stakes grow
    (1, 3, 6) as cooperation deepens, the relationship lasts longer (continuation 0.7, 0.85,
    0.95), a contract brings a fine for breach, goodwill adds a reputation loss per period and
    expulsion to an outside option. All illustrative.

    Examples
    --------
    >>> [(s.name, float(s.stakes), float(s.continuation)) for s in trust_stage_specs()]
    [('cautious probing', 1.0, 0.7), ('contract', 3.0, 0.85), ('goodwill', 6.0, 0.95)]
    """
    from govgames.games.repeated.trust import TrustStage

    for name, p in (("probing_continuation", probing_continuation),
                    ("contract_continuation", contract_continuation),
                    ("goodwill_continuation", goodwill_continuation)):
        if not 0 < float(p) <= 1:
            raise InputError(f"trust: {name} must lie in (0, 1], got {p!r}")
    for name, x in (("contract_penalty", contract_penalty),
                    ("goodwill_reputation_loss", goodwill_reputation_loss)):
        if float(x) < 0:
            raise InputError(f"trust: {name} must be non-negative, got {x!r}")
    for name, x in (("contract_stakes", contract_stakes), ("goodwill_stakes", goodwill_stakes)):
        if not float(x) > 0:
            raise InputError(f"trust: {name} must be positive, got {x!r}")
    return (
        TrustStage("cautious probing", stakes=1, continuation=_num(probing_continuation),
                   description="talks and promises on small joint projects; no contract"),
        TrustStage("contract", stakes=_num(contract_stakes),
                   continuation=_num(contract_continuation), penalty=_num(contract_penalty),
                   description="signed agreements with a fine for breach"),
        TrustStage("goodwill", stakes=_num(goodwill_stakes),
                   continuation=_num(goodwill_continuation), penalty=_num(contract_penalty),
                   reputation_loss=_num(goodwill_reputation_loss),
                   expulsion=_num(goodwill_outside_option),
                   description="trust beyond the contract: reputation bond and expulsion"),
    )


def _describe(st) -> str:
    parts = [f"stakes x{float(st.stakes):g}"]
    if st.penalty:
        parts.append(f"penalty for breach {float(st.penalty):g}")
    if st.reputation_loss:
        parts.append(f"reputation loss {float(st.reputation_loss):g} per period")
    if st.expulsion is not None:
        parts.append(f"expulsion (outside option {float(st.expulsion):g})")
    parts.append(f"continuation probability {float(st.continuation):g}")
    return "; ".join(parts)


def stage_table(stage_game, specs, discount=None) -> pd.DataFrame:
    """The critical discount factor of mutual cooperation at each trust stage, without levers,
    with each lever alone and with all of them (:func:`govgames.games.repeated.trust.trust_stages`).

    Returns
    -------
    pandas.DataFrame
        One row per stage: stakes, continuation, levers, ``delta_no_levers``,
        ``delta_penalty``, ``delta_reputation``, ``delta_expulsion``, ``delta_all`` (the
        stage's δ*), its exact value as text, ``sustainable`` (at ``discount`` if given, else
        ``δ* < 1``) and the library's explanation.

    Examples
    --------
    >>> from govgames.games.dilemmas import prisoners_dilemma
    >>> t = stage_table(prisoners_dilemma(5, 3, 1, 0), trust_stage_specs())
    >>> t["delta_exact"].tolist()
    ['5/7', '20/51', '180/551']
    """
    from govgames.games.repeated.trust import trust_stages

    res = trust_stages(stage_game, specs, discount=discount)
    t = res.table.rename_axis("stage").reset_index()
    t.insert(1, "levers", [_describe(st) for st in res.stages])
    exact_all = [res.details[st.name]["all"] for st in res.stages]
    t["delta_exact"] = [str(r.delta) if r.delta is not None else "none" for r in exact_all]
    if discount is None:
        t["sustainable"] = [bool(r.sustainable) for r in exact_all]
    t["explanation"] = [r.explanation for r in exact_all]
    return t


def lever_sweeps(stage_game, *, points: int = 41, T=5.0, R=3.0, P=1.0, S=0.0) -> pd.DataFrame:
    """How each lever alone lowers the critical discount factor from the bare dilemma.

    ``penalty`` from 0 to ``T - R`` (at ``T - R`` defection no longer pays even once),
    ``reputation_loss`` from 0 to ``2 (R - P)``, the expelled defector's ``outside_option``
    from ``P`` down to ``P - 2 (R - P)``, and the ``continuation`` probability from 1 down to
    the bare critical value.

    Examples
    --------
    >>> from govgames.games.dilemmas import prisoners_dilemma
    >>> s = lever_sweeps(prisoners_dilemma(5, 3, 1, 0), points=3)
    >>> s.loc[s["lever"] == "penalty", "delta_critical"].round(3).tolist()
    [0.5, 0.333, 0.0]
    """
    from govgames.games.repeated import critical_discount_factor

    T, R, P, S = (float(x) for x in (T, R, P, S))
    base = critical_discount_factor(stage_game, ("Cooperate", "Cooperate"), "nash")
    assert base.delta is not None  # a dilemma with T > R > P: some δ < 1 sustains it
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


def stage_games(T, R, P, S, specs) -> dict:
    """The one-shot game each stage's institutions induce, for the tournament.

    Payoffs are scaled by the stage's stakes ``k``; a fine ``f`` for breach lowers the
    temptation to ``kT - f``; reputation loss ``L`` and expulsion (outside option ``w``) make
    mutual defection, the punishment phase, worth ``(w or kP) - L``. These are the payoffs that
    :func:`govgames.games.repeated.critical_discount_factor` uses for the stage.

    Examples
    --------
    >>> g = stage_games(5, 3, 1, 0, trust_stage_specs())["goodwill"]
    >>> g.payoff(("Defect", "Cooperate")).tolist(), g.payoff(("Defect", "Defect")).tolist()
    ([27.0, 0.0], [-2.0, -2.0])
    """
    from govgames.games.dilemmas import prisoners_dilemma

    out = {}
    for st in specs:
        k = _num(st.stakes)
        v = _num(st.expulsion) if st.expulsion is not None else k * _num(P)
        v -= _num(st.reputation_loss)
        out[st.name] = prisoners_dilemma(k * _num(T) - _num(st.penalty), k * _num(R), v,
                                         k * _num(S))
    return out


def stage_turns(specs, max_turns: int = 100) -> dict:
    """Match length at each stage: the expected length of the relationship,
    ``1 / (1 - continuation)`` periods, rounded, at least 2 and at most ``max_turns``.

    Examples
    --------
    >>> stage_turns(trust_stage_specs())
    {'cautious probing': 3, 'contract': 7, 'goodwill': 20}
    """
    out = {}
    for st in specs:
        p = float(st.continuation)
        n = max_turns if p >= 1 else int(round(1 / (1 - p)))
        out[st.name] = int(min(max(n, 2), max_turns))
    return out


def tournaments(games: dict, turns: dict, *, stakes: dict | None = None, noise: float = 0.05,
                repetitions: int = 20, seed: int = 0, strategies=None) -> pd.DataFrame:
    """A round-robin tournament of Axelrod's basic strategies at each stage
    (:func:`govgames.games.repeated.play.round_robin_tournament`), matches as long as the stage's
    expected relationship, moves flipped with probability ``noise``.

    Returns one row per (stage, strategy): mean payoff per turn against the others, its
    standard error over repetitions, cooperation rate, rank, and (with ``stakes``, stage ->
    stakes) the mean per unit of stakes, comparable across stages. ``strategies`` (a list of
    :class:`govgames.games.repeated.strategies.Strategy`) replaces the basic strategies.

    Examples
    --------
    >>> sp = trust_stage_specs()
    >>> t = tournaments(stage_games(5, 3, 1, 0, sp), stage_turns(sp), repetitions=5)
    >>> sorted(t["stage"].unique())
    ['cautious probing', 'contract', 'goodwill']
    """
    from govgames.games.repeated.play import round_robin_tournament
    from govgames.games.repeated.strategies import basic_strategies

    parts = []
    for k, (stage, game) in enumerate(games.items()):
        players = basic_strategies() if strategies is None else list(strategies)
        r = round_robin_tournament(players, game, turns=turns[stage],
                                   repetitions=int(repetitions), noise=float(noise),
                                   seed=int(seed) + k)
        t = r.table.rename_axis("strategy").reset_index()
        t.insert(0, "stage", stage)
        t.insert(2, "turns", turns[stage])
        if stakes is not None:
            t["mean_per_stake"] = t["mean"] / float(stakes[stage])
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


def leaders(table: pd.DataFrame, *, score: str = "mean", stderr: str = "stderr") -> dict:
    """The strategies that cannot be told apart from the best one: a winner only beyond noise.

    The strategy with the highest ``score`` leads; every other strategy whose score is below it
    by no more than the standard error of the difference, ``sqrt(se_best**2 + se_i**2)``, is
    tied with it within noise.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per strategy with columns ``strategy``, ``score`` and ``stderr``.
    score, stderr : str
        Column names of the mean and of its standard error.

    Returns
    -------
    dict
        ``best`` (name), ``tied`` (list of names within noise of the best, best first),
        ``margin`` (best minus the runner-up) and ``margin_stderr`` (its standard error);
        ``text`` a phrase: "X wins (by m, s.e. s)" or "X, Y and Z are tied within noise".

    Raises
    ------
    ValueError
        If ``table`` is empty.

    References
    ----------
    R. Axelrod, *The Evolution of Cooperation* (1984), on tournament rankings.

    Examples
    --------
    >>> t = pd.DataFrame({"strategy": ["Grim", "AllD", "TFT"], "mean": [7.45, 7.38, 6.0],
    ...                   "stderr": [0.12, 0.10, 0.1]})
    >>> leaders(t)["text"]
    'Grim and AllD are tied within noise (difference 0.07, s.e. 0.156)'
    >>> leaders(t.iloc[[0, 2]])["text"]
    'Grim leads beyond noise (by 1.45, s.e. 0.156)'
    """
    if table.empty:
        raise ValueError("leaders: the tournament table has no strategies")
    t = table.sort_values(score, ascending=False).reset_index(drop=True)
    best = t.iloc[0]
    se = np.sqrt(float(best[stderr]) ** 2 + t[stderr].astype(float) ** 2)
    gap = float(best[score]) - t[score].astype(float)
    tied = [str(n) for n, g, e in zip(t["strategy"], gap, se) if g <= e]
    margin = float(gap.iloc[1]) if len(t) > 1 else float("inf")
    margin_se = float(se.iloc[1]) if len(t) > 1 else 0.0
    if len(tied) == 1:
        text = f"{best['strategy']} leads beyond noise (by {margin:.3g}, s.e. {margin_se:.3g})"
    else:
        names = ", ".join(tied[:-1]) + " and " + tied[-1]
        text = (f"{names} are tied within noise (difference {float(gap[len(tied) - 1]):.3g}, "
                f"s.e. {float(se[len(tied) - 1]):.3g})")
    return {"best": str(best["strategy"]), "tied": tied, "margin": margin,
            "margin_stderr": margin_se, "text": text}


# ------------------------------------------------------------------------------------------------
# figures

def _stage_figure(table: pd.DataFrame, discount=None):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    variants = [("delta_no_levers", "no levers"), ("delta_penalty", "penalty only"),
                ("delta_reputation", "reputation only"), ("delta_expulsion", "expulsion only"),
                ("delta_all", "all of the stage's levers")]
    x = np.arange(len(table))
    w = 0.16
    for k, (col, lab) in enumerate(variants):
        ax.bar(x + (k - 2) * w, table[col].clip(upper=1.05), w, label=lab)
    for i, v in enumerate(table["delta_all"]):
        ax.text(i + 2 * w, min(v, 1.05) + 0.02, f"{v:.3f}", ha="center", fontsize=7)
    if discount is not None:
        ax.axhline(discount, color="k", ls="--", lw=0.8, label=f"δ = {discount:g}")
    ax.set_xticks(x)
    ax.set_xticklabels(table["stage"])
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("critical discount factor δ*")
    ax.set_title("Weight of the future needed for cooperation at each trust stage")
    ax.legend(fontsize="x-small", ncol=2)
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


def _tournament_figure(tour: pd.DataFrame, stakes: dict | None = None):
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
        scale = float(stakes[stage]) if stakes else 1.0
        ax.bar(x + (k - (len(stages) - 1) / 2) * width, d["mean"] / scale, width,
               yerr=d["stderr"] / scale, label=f"{stage} ({turns} turns)")
    ax.set_xticks(x)
    ax.set_xticklabels(names, rotation=30, ha="right")
    ax.set_ylabel("mean payoff per turn / stakes")
    ax.set_title("Strategy tournament at each stage (with noise)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------------
# the case


#: how the key numbers are shown: the stage payoffs and levers are illustrative
_DESCRIBE = {
    "bare_dilemma_delta": Describe("Critical discount factor of the bare dilemma",
                                   status="assumed"),
    "critical_delta": Describe("Critical discount factor δ* by stage", status="assumed"),
    "critical_delta_exact": Describe("δ* by stage, exact", status="assumed"),
    "critical_delta_no_levers": Describe("δ* by stage without penalty, reputation or expulsion",
                                         status="assumed"),
    "critical_delta_penalty_only": Describe("δ* with the penalty for breach only",
                                            status="assumed"),
    "critical_delta_reputation_only": Describe("δ* with the reputation loss only",
                                               status="assumed"),
    "critical_delta_expulsion_only": Describe("δ* with expulsion only", status="assumed"),
    "discount_tested": Describe("Discount factor δ tested", status="assumed"),
    "sustainable_at_discount": Describe("Cooperation sustainable at the tested δ",
                                        status="assumed"),
    "tournament_turns": Describe("Expected turns per match in the tournament", "turns",
                                 "assumed"),
    "tournament_winner": Describe("Highest mean payoff in the tournament (a single strategy "
                                  "only beyond noise)", status="assumed",
                                  note="'tied within noise' lists every strategy whose mean is "
                                       "within the standard error of the difference from the "
                                       "best (column tied_with_best of the tournament table)"),
    "tournament_tied_with_best": Describe("Strategies tied with the best within noise "
                                          "(1 = a clear winner)", "strategies",
                                          status="assumed"),
    "alld_rank": Describe("Rank of Always Defect in the tournament", status="assumed"),
}
_CAPTIONS = {
    "critical_delta_by_stage": "The weight of the future (critical discount factor δ*) needed "
                               "for cooperation at each trust stage.",
    "levers": "How each lever (penalty f, reputation loss L, outside option w after expulsion, "
              "continuation probability p) moves the critical δ.",
    "tournament": "Mean payoff per turn of each strategy in a noisy tournament at each stage "
                  "(bars: standard errors).",
}
_GLOSSARY = {
    "δ": "discount factor: the weight of next period's payoff (the chance the relationship "
         "goes on, times patience)",
    "δ*": "critical discount factor: cooperation is an equilibrium for δ ≥ δ*",
    "f": "penalty for breach of the agreement",
    "L": "reputation loss per period after a breach",
    "w": "outside option per period of a member expelled from the organisation",
    "p": "continuation probability of the relationship",
}


# ------------------------------------------------------------------------------------------------
# the pipeline: load -> compute -> figures -> narrate -> run

#: points of each lever sweep in the case (the figure's resolution)
SWEEP_POINTS = 21
#: matches per pair in the work estimate: a round robin of about ten strategies, three stages
_WORK_PER_TURN = 3 * 100


@dataclass(frozen=True)
class TrustData:
    """The validated inputs of the trust case: the stage dilemma and the three stages.

    Attributes
    ----------
    T, R, P, S : float
        The stage prisoner's dilemma at stakes 1 (``T > R > P``, ``2R > T + S``).
    specs : tuple of govgames.games.repeated.trust.TrustStage
        The three stages (:func:`trust_stage_specs`), in order.
    """

    T: float
    R: float
    P: float
    S: float
    specs: tuple

    @property
    def stage_game(self):
        """The stage prisoner's dilemma with exact payoffs."""
        from govgames.games.dilemmas import prisoners_dilemma

        return prisoners_dilemma(_num(self.T), _num(self.R), _num(self.P), _num(self.S))


def load(*, T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0,
         **stage_levers) -> TrustData:
    """The validated stage dilemma and trust stages (no modelling).

    Parameters
    ----------
    T, R, P, S : float
        The stage prisoner's dilemma (see :func:`run`).
    **stage_levers
        Keyword arguments of :func:`trust_stage_specs` (continuations, stakes, penalty,
        reputation loss, outside option).

    Returns
    -------
    TrustData

    Raises
    ------
    InputError
        If the stage game is not a dilemma with efficient mutual cooperation, or a lever is
        out of range.

    Examples
    --------
    >>> d = load(T=4)
    >>> d.T, [s.name for s in d.specs]
    (4.0, ['cautious probing', 'contract', 'goodwill'])
    """
    T, R, P, S = (float(x) for x in (T, R, P, S))
    if not (T > R > P):
        raise InputError(f"trust: the stage game must be a dilemma with T > R > P, got T={T:g}, "
                         f"R={R:g}, P={P:g}")
    if not 2 * R > T + S:
        raise InputError(f"trust: mutual cooperation must be efficient (2R > T + S), got "
                         f"2R = {2 * R:g}, T + S = {T + S:g}")
    return TrustData(T, R, P, S, trust_stage_specs(**stage_levers))


@dataclass
class TrustNumbers:
    """What :func:`compute` returns: the tables and key numbers of the trust case (no prose).

    Attributes
    ----------
    data : TrustData
        The inputs.
    discount, noise : float
        The discount factor tested and the tournament's noise.
    repetitions : int
        Tournament repetitions.
    stages : pandas.DataFrame
        :func:`stage_table` at ``discount``.
    sweeps : pandas.DataFrame
        :func:`lever_sweeps`.
    tournament : pandas.DataFrame
        :func:`tournaments`, with a column ``tied_with_best`` (within noise of the stage's
        best strategy, the best included).
    turns, stakes : dict
        Stage -> match length and stage -> stakes.
    lead : dict
        Stage -> :func:`leaders` of the stage's tournament.
    key_numbers : dict
        The case's key numbers (:attr:`govgames.analyses.base.CaseResult.numbers`).
    """

    data: TrustData
    discount: float
    noise: float
    repetitions: int
    stages: pd.DataFrame
    sweeps: pd.DataFrame
    tournament: pd.DataFrame
    turns: dict
    stakes: dict
    lead: dict
    key_numbers: dict = field(default_factory=dict)

    @property
    def names(self) -> list:
        """The stage names, in order."""
        return [st.name for st in self.data.specs]

    @property
    def tables(self) -> dict:
        """The report's tables, by title."""
        return {"stages": self.stages, "lever_sweeps": self.sweeps,
                "tournament": self.tournament}


def winner_text(lead: dict) -> str:
    """The best strategy's name, or ``"tied within noise: A, B, C"`` when others are within
    the standard error of the difference (:func:`leaders`).

    Examples
    --------
    >>> winner_text({"best": "Grim", "tied": ["Grim"]})
    'Grim'
    >>> winner_text({"best": "Grim", "tied": ["Grim", "AllD", "TFT"]})
    'tied within noise: Grim, AllD, TFT'
    """
    if len(lead["tied"]) <= 1:
        return str(lead["best"])
    return "tied within noise: " + ", ".join(lead["tied"])


def _check_settings(discount, noise, max_turns, repetitions):
    if not 0 <= float(noise) < 0.5:
        raise InputError(f"trust: noise must lie in [0, 0.5), got {noise!r}")
    if not 0 <= float(discount) < 1:
        raise InputError(f"trust: discount must lie in [0, 1), got {discount!r}")
    if int(max_turns) < 2 or int(repetitions) < 1:
        raise InputError("trust: max_turns must be at least 2 and repetitions at least 1")
    from govgames.games.budget import check_work

    check_work(_WORK_PER_TURN * int(max_turns) * int(repetitions),
               f"trust: a tournament with repetitions={int(repetitions)} and "
               f"max_turns={int(max_turns)}", "use fewer repetitions (20 give standard errors "
               "well below the differences between strategies)")


def compute(data: TrustData, *, discount: float = 0.6, noise: float = 0.05,
            max_turns: int = 100, repetitions: int = 20, seed: int = 0) -> TrustNumbers:
    """Critical discount factors, lever sweeps and the noisy tournament of each stage.

    Parameters
    ----------
    data : TrustData
        From :func:`load`.
    discount, noise : float
        The discount factor to test, in [0, 1); the probability a move is flipped, in [0, 0.5).
    max_turns, repetitions, seed : int
        Tournament settings (see :func:`run`).

    Returns
    -------
    TrustNumbers

    Raises
    ------
    InputError
        A setting out of range, or a tournament too large for the work budget.

    Examples
    --------
    >>> n = compute(load(), repetitions=2)
    >>> n.key_numbers["critical_delta_exact"]["contract"], n.key_numbers["bare_dilemma_delta"]
    ('20/51', 0.5)
    """
    _check_settings(discount, noise, max_turns, repetitions)
    specs = data.specs
    base = data.stage_game
    table = stage_table(base, specs, discount=float(discount))
    sweeps = lever_sweeps(base, points=SWEEP_POINTS, T=data.T, R=data.R, P=data.P, S=data.S)
    turns = stage_turns(specs, int(max_turns))
    stakes = {st.name: float(st.stakes) for st in specs}
    tour = tournaments(stage_games(data.T, data.R, data.P, data.S, specs), turns,
                       stakes=stakes, noise=noise, repetitions=repetitions, seed=seed)
    lead = {st.name: leaders(tour.loc[tour["stage"] == st.name]) for st in specs}
    tour["tied_with_best"] = [s in lead[st]["tied"] for st, s in
                              zip(tour["stage"], tour["strategy"])]
    nums = TrustNumbers(data, float(discount), float(noise), int(repetitions), table, sweeps,
                        tour, turns, stakes, lead)
    nums.key_numbers = _key_numbers(nums)
    return nums


def _key_numbers(nums: TrustNumbers) -> dict:
    d, table, tour, names = nums.data, nums.stages, nums.tournament, nums.names

    def column(col):
        return dict(zip(table["stage"], table[col]))

    return {
        "bare_dilemma_delta": (d.T - d.R) / (d.T - d.P),
        "critical_delta": column("delta_all"),
        "critical_delta_exact": column("delta_exact"),
        "critical_delta_no_levers": column("delta_no_levers"),
        "critical_delta_penalty_only": column("delta_penalty"),
        "critical_delta_reputation_only": column("delta_reputation"),
        "critical_delta_expulsion_only": column("delta_expulsion"),
        "discount_tested": nums.discount,
        "sustainable_at_discount": column("sustainable"),
        "tournament_turns": nums.turns,
        "tournament_winner": {st: winner_text(nums.lead[st]) for st in names},
        "tournament_tied_with_best": {st: len(nums.lead[st]["tied"]) for st in names},
        "alld_rank": {st: int(tour.loc[(tour["stage"] == st) & (tour["strategy"] == "AllD"),
                                       "rank"].iloc[0]) for st in names},
    }


def figures(numbers: TrustNumbers) -> dict:
    """The case's figures: critical δ by stage, the lever sweeps, the tournament.

    Examples
    --------
    >>> sorted(figures(compute(load(), repetitions=2)))
    ['critical_delta_by_stage', 'levers', 'tournament']
    """
    return {"critical_delta_by_stage": _stage_figure(numbers.stages, numbers.discount),
            "levers": _lever_figure(numbers.sweeps),
            "tournament": _tournament_figure(numbers.tournament, numbers.stakes)}


_NOTES = [
    "Illustrative inputs: the stage game (T, R, P, S = 5, 3, 1, 0 by default, Axelrod's "
    "values), the stakes, horizons and the size of every lever (the defaults of "
    "govgames.games.repeated.trust.DEFAULT_TRUST_STAGES); Cui et al. describe the stages in words, "
    "with no numbers. All are parameters of the case.",
    "Critical discount factors are exact rationals (games.repeated.trust_stages / "
    "critical_discount_factor): grim trigger with reversion to mutual defection, payoffs "
    "scaled by the stage's stakes, the fine paid in the period of defection, the reputation "
    "loss in every later period, expulsion replacing the punishment payoff by the outside "
    "option, and δ* = (least δ·p) / p for continuation probability p.",
    "Tournament: Axelrod's basic strategies, matches as long as the stage's expected "
    "relationship (1 / (1 - p) turns, at most max_turns), payoffs of the stage's induced "
    "one-shot game (temptation kT - f; mutual defection worth the punishment payoff), moves "
    "flipped with probability noise; scores are mean payoffs per turn against the others.",
]


def narrate(numbers: TrustNumbers) -> tuple[str, list]:
    """The finding, written from the numbers, and the notes.

    A strategy is named as leading only beyond noise (:func:`leaders`).

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> finding, notes = narrate(compute(load(), repetitions=2))
    >>> finding.split(". ")[0]
    'In the bare dilemma (T, R, P, S = 5, 3, 1, 0) reciprocity needs a discount factor of at least (T - R)/(T - P) = 0.500'
    """
    d, k, names, lead = numbers.data, numbers.key_numbers, numbers.names, numbers.lead
    reps = numbers.repetitions
    if reps < 2:  # one repetition: no standard error, so no claim about noise
        lead = {st: {**lead[st], "text": f"{lead[st]['best']} scores highest (noise unknown "
                     "with one repetition)"} for st in names}
    crit, no_lev = k["critical_delta"], k["critical_delta_no_levers"]
    rank, n_strat = k["alld_rank"], numbers.tournament["strategy"].nunique()
    ok = [st for st in names if k["sustainable_at_discount"][st]]
    finding = (
        f"In the bare dilemma (T, R, P, S = {d.T:g}, {d.R:g}, {d.P:g}, {d.S:g}) reciprocity needs "
        f"a discount factor of at least (T - R)/(T - P) = {k['bare_dilemma_delta']:.3f}. "
        f"Cautious probing, with an uncertain future (continuation "
        f"{float(d.specs[0].continuation):g}), needs {crit[names[0]]:.3f}; the contract's "
        f"fine for breach brings it to {crit[names[1]]:.3f} (without the fine "
        f"{no_lev[names[1]]:.3f}); in the goodwill stage the fine alone "
        f"(at stakes x{numbers.stakes[names[2]]:g}) gives only "
        f"{k['critical_delta_penalty_only'][names[2]]:.3f}, "
        f"and reputation and expulsion bring it to {crit[names[2]]:.3f}. "
        f"At δ = {numbers.discount:g} cooperation holds in "
        f"{', '.join(ok) if ok else 'no stage'}. In the tournament ({reps} "
        f"repetition{'s' if reps != 1 else ''}; a strategy leads only if its mean payoff exceeds every other's by more "
        f"than the standard error of the difference): in the short probing matches "
        f"{lead[names[0]]['text']} (AllD ranks {rank[names[0]]} of {n_strat}); under the "
        f"contract {lead[names[1]]['text']}; in the long goodwill relationship "
        f"{lead[names[2]]['text']} (AllD ranks {rank[names[2]]}). "
        "Past failure, which lowers trust, is not modelled: every relationship starts afresh.")
    return finding, list(_NOTES)


@register("trust", "Trust over time")
def run(*, T: float = 5.0, R: float = 3.0, P: float = 1.0, S: float = 0.0,
        probing_continuation: float = 0.7, contract_stakes: float = 3.0,
        contract_continuation: float = 0.85, contract_penalty: float = 3.0,
        goodwill_stakes: float = 6.0, goodwill_continuation: float = 0.95,
        goodwill_reputation_loss: float = 2.0, goodwill_outside_option: float = 0.0,
        discount: float = 0.6, noise: float = 0.05, max_turns: int = 100,
        repetitions: int = 20, seed: int = 0) -> CaseResult:
    """The three trust stages as repeated play: critical discount factors, levers, tournament.

    Parameters
    ----------
    T, R, P, S : float
        The stage prisoner's dilemma between two governments (temptation, reward, punishment,
        sucker's payoff; ``T > R > P`` and ``2R > T + S``), at stakes 1. Illustrative.
    probing_continuation : float
        Probability that the relationship continues after a period in the probing stage.
    contract_stakes, contract_continuation, contract_penalty : float
        The contract stage: stakes (payoff multiplier), continuation, fine for breach.
    goodwill_stakes, goodwill_continuation, goodwill_reputation_loss, goodwill_outside_option
        The goodwill stage: stakes, continuation, a reputation loss every period after a
        defection, and expulsion from the organisation to this per-period outside option (the
        contract's fine still applies).
    discount : float
        A time discount factor to test at each stage (sustainable when ``δ >= δ*``).
    noise : float
        Probability that a move is flipped in the tournament (misunderstandings).
    max_turns, repetitions, seed : int
        Tournament settings (``repetitions >= 2``, so that standard errors exist).

    Raises
    ------
    InputError
        If ``repetitions < 2`` or another setting is out of range.

    Examples
    --------
    >>> r = run(repetitions=3)
    >>> [round(x, 4) for x in r.numbers["critical_delta"].values()]
    [0.7143, 0.3922, 0.3267]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    if int(repetitions) < 2:
        raise InputError(f"trust: repetitions must be at least 2, got {repetitions!r} (with one "
                         "repetition the standard error, and so the noise, is unknown)")
    data = load(T=T, R=R, P=P, S=S, probing_continuation=probing_continuation,
                contract_stakes=contract_stakes, contract_continuation=contract_continuation,
                contract_penalty=contract_penalty, goodwill_stakes=goodwill_stakes,
                goodwill_continuation=goodwill_continuation,
                goodwill_reputation_loss=goodwill_reputation_loss,
                goodwill_outside_option=goodwill_outside_option)
    numbers = compute(data, discount=discount, noise=noise, max_turns=max_turns,
                      repetitions=repetitions, seed=seed)
    finding, notes = narrate(numbers)
    return CaseResult(name="trust", title="Trust over time", finding=finding,
                      tables=numbers.tables, figures=figures(numbers),
                      numbers=numbers.key_numbers, sources=list(_SOURCES), notes=notes,
                      illustrative=True, describe=_DESCRIBE, captions=_CAPTIONS,
                      glossary=_GLOSSARY)
