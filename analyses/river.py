"""Case 1. Transboundary pollution and the river bet (the Xin'an River, Anhui and Zhejiang).

The upstream city bears the cost of keeping the river clean; the downstream city gets most of the
benefit. As a game (:func:`govgames.games.dilemmas.upstream_downstream`), upstream does not abate unless it
is paid, although abatement is efficient when the downstream benefit exceeds the net cost. This
case derives

1. the minimal compensation paid for abatement (``c - b``) and the most downstream would pay
   (``s b``): a deal exists exactly when abatement is efficient (Coase);
2. the Xin'an River bet of 2012–2017 (:func:`govgames.games.mechanisms.conditional_transfer`): Zhejiang
   pays Anhui ``t`` when the border water-quality index meets the standard (P ≤ 1) and Anhui pays
   Zhejiang ``t`` otherwise; the index meets the standard with probability ``q_abate`` when
   upstream abates and ``q_pollute`` when it does not, so the bet is worth
   ``2 t (q_abate - q_pollute)`` to an abating upstream: the minimal bet is
   ``(c - b) / (2 (q_abate - q_pollute))``;
3. the role of the centre's grant (300 million yuan a year to Anhui in round 1): paid whatever
   the water quality, it changes nobody's incentive (it secures Anhui's participation); earmarked
   for protection works it acts as a subsidy for abatement (:func:`govgames.games.mechanisms.subsidy`);
4. the parameter map of outcomes over the bet and the abatement cost
   (:func:`govgames.games.symbolic.parameter_map`).

The compensation figures are observed (``data/compensation/``); the costs, benefits and the
probabilities of meeting the standard are illustrative (the constants of the P formula are not
published).

References
----------
R. H. Coase, "The problem of social cost", *Journal of Law and Economics* 3 (1960), 1-44; Cui &
Cui et al. and Zhang, Li & Bian (2012) on horizontal compensation; Ministry of
Finance / Ministry of Environmental Protection, Xin'an River pilot (2011), sources X1–X8 in
``data/compensation/SOURCES.md``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.dilemmas import upstream_downstream
from govgames.games.errors import InputError
from govgames.games.mechanisms import conditional_transfer, subsidy
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import equilibrium_conditions, parameter_map, plot_parameter_map, threshold

from .base import DATA_DIR, CaseResult, Describe, csv_where, read_csv_checked, register

__all__ = ["run", "river_game", "bet_game", "minimal_compensation", "minimal_bet",
           "agreement_game", "observed_identified_set",
           "read_schedule", "SCHEDULE_COLUMNS"]

#: columns of a yearly compensation schedule (``data=``)
SCHEDULE_COLUMNS = {"year": int, "central_grant": float, "bet": float}

_SCHEDULE = DATA_DIR / "compensation" / "xinan_yearly.csv"
_ROUNDS = DATA_DIR / "compensation" / "xinan_river_rounds.csv"
_OTHER = DATA_DIR / "compensation" / "other_compensation_cases.csv"
_PLAYERS = ("Anhui (upstream)", "Zhejiang (downstream)")
_UP, _DOWN = _PLAYERS


def _check(abatement_cost, upstream_benefit, downstream_benefit, q_abate, q_pollute):
    for name, v in (("abatement_cost", abatement_cost), ("upstream_benefit", upstream_benefit),
                    ("downstream_benefit", downstream_benefit)):
        if not np.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive number, got {v!r}")
    for name, v in (("q_abate", q_abate), ("q_pollute", q_pollute)):
        if not 0 <= v <= 1:
            raise InputError(f"{name} must be a probability in [0, 1], got {v!r}")
    if q_abate <= q_pollute:
        raise InputError(f"q_abate ({q_abate}) must exceed q_pollute ({q_pollute}): otherwise a "
                         "bet on the water quality cannot reward abatement")


def _num(x):
    """A sympy-exact version of a float (0.95 -> 19/20) so thresholds come out exact."""
    if isinstance(x, (float, np.floating)):
        return sp.Rational(repr(float(x)))
    return x


def river_game(abatement_cost=2.5, upstream_benefit=0.5, downstream_benefit=4.0, t=0):
    """The upstream/downstream game of the Xin'an River with named players.

    Upstream's own benefit of abating is ``b = upstream_benefit``, its cost ``c``, and the
    downstream benefit of upstream abatement ``s b = downstream_benefit``
    (:func:`govgames.games.dilemmas.upstream_downstream`); ``t`` is a compensation paid when upstream
    abates (``None``: a symbol).

    Examples
    --------
    >>> g = river_game()
    >>> [e.pure_profile for e in pure_nash_equilibria(g)]
    [('Pollute', 'Pollute')]
    """
    b, c = _num(upstream_benefit), _num(abatement_cost)
    s = _num(downstream_benefit) / b
    return upstream_downstream(b=b, c=c, s=s, t=t, players=_PLAYERS)


def bet_game(bet, central_grant=0, *, abatement_cost=2.5, upstream_benefit=0.5,
             downstream_benefit=4.0, q_abate=0.95, q_pollute=0.3, earmarked=False):
    """The river game under the water-quality bet and the centre's grant (expected payoffs).

    Zhejiang pays Anhui ``bet`` when P ≤ 1 and Anhui pays Zhejiang ``bet`` otherwise, so the
    expected transfer is ``bet (2 q - 1)`` with ``q = q_abate`` if Anhui abates and
    ``q_pollute`` if not (:func:`govgames.games.mechanisms.conditional_transfer`). The centre pays Anhui
    ``central_grant`` in every case, or only when it abates if ``earmarked``
    (:func:`govgames.games.mechanisms.subsidy`). ``bet``, ``central_grant`` and ``abatement_cost`` may be
    sympy symbols.

    Examples
    --------
    Round 2's bet of 2 (100 million yuan) with the illustrative defaults:

    >>> g = bet_game(2)
    >>> [e.pure_profile for e in pure_nash_equilibria(g)]
    [('Abate', 'Pollute')]
    """
    qa, qp = _num(q_abate), _num(q_pollute)
    t = _num(bet)
    g = river_game(abatement_cost, upstream_benefit, downstream_benefit)
    g = conditional_transfer(g, _DOWN, _UP, t * (2 * qa - 1), when="Abate",
                             otherwise=t * (2 * qp - 1))
    grant = _num(central_grant)
    if grant != 0:
        g = subsidy(g, _UP, "Abate" if earmarked else None, grant)
    return g


def minimal_compensation(abatement_cost=2.5, upstream_benefit=0.5, downstream_benefit=4.0):
    """Minimal compensation paid when upstream abates, and the most downstream would pay.

    The first is the threshold on ``t`` of the conditions under which ``(Abate, Pollute)`` is an
    equilibrium (:func:`govgames.games.symbolic.threshold`); the second is downstream's gain ``s b``.

    Examples
    --------
    >>> minimal_compensation(2.5, 0.5, 4.0)
    (2.0, 4.0)
    """
    g = river_game(abatement_cost, upstream_benefit, downstream_benefit, t=None)
    th = threshold(equilibrium_conditions(g, ("Abate", "Pollute")), "t")
    return float(th.lower), float(downstream_benefit)


def minimal_bet(*, abatement_cost=2.5, upstream_benefit=0.5, downstream_benefit=4.0,
                q_abate=0.95, q_pollute=0.3, central_grant=0, earmarked=False):
    """The smallest bet ``t`` (each side's stake) that makes upstream abatement an equilibrium.

    Examples
    --------
    With a sure test (q_abate = 1, q_pollute = 0) the bet needs half the compensation, since a
    polluting upstream also pays:

    >>> minimal_bet(q_abate=1.0, q_pollute=0.0)
    1.0
    >>> round(minimal_bet(), 4)   # (2.5 - 0.5) / (2 * (0.95 - 0.3))
    1.5385
    """
    t = sp.Symbol("t", nonnegative=True)
    g = bet_game(t, central_grant, abatement_cost=abatement_cost,
                 upstream_benefit=upstream_benefit, downstream_benefit=downstream_benefit,
                 q_abate=q_abate, q_pollute=q_pollute, earmarked=earmarked)
    th = threshold(equilibrium_conditions(g, ("Abate", "Pollute")), t)
    lo = th.lower
    return 0.0 if lo == sp.S.NegativeInfinity else max(0.0, float(lo))


@functools.lru_cache(maxsize=256)
def _max_cost_covered(bet, grant, earmarked, upstream_benefit, downstream_benefit, q_abate,
                      q_pollute):
    """The largest abatement cost at which upstream still abates (threshold on c)."""
    c = sp.Symbol("c", positive=True)
    g = bet_game(bet, grant, abatement_cost=c, upstream_benefit=upstream_benefit,
                 downstream_benefit=downstream_benefit, q_abate=q_abate, q_pollute=q_pollute,
                 earmarked=earmarked)
    th = threshold(equilibrium_conditions(g, ("Abate", "Pollute")), c)
    # the Downstream side of the profile only asks c >= b (downstream's own abatement does not pay)
    return float(th.upper)


_K, _D = sp.Symbol("k", real=True), sp.Symbol("D", real=True)


def agreement_game(bet, central_grant=0, *, q_abate=0.95, q_pollute=0.3, earmarked=False,
                   net_cost=_K, downstream_benefit=_D):
    """The Xin'an agreement as a game in strategic form: Zhejiang offers the bet or not, Anhui
    plans what to do with and without it.

    Zhejiang (downstream) chooses ``Offer bet`` or ``No bet``; Anhui (upstream) chooses a plan:
    ``Abate if bet`` (pollute otherwise), ``Abate always``, ``Pollute always`` or ``Pollute if
    bet``. Anhui's net abatement cost is ``k`` (its cost minus its own benefit), Zhejiang's
    benefit of upstream abatement ``D``; under the bet Zhejiang pays ``t`` when the standard is
    met (probability ``q_abate`` if Anhui abates, ``q_pollute`` if not) and receives ``t``
    otherwise; the centre's grant is paid to Anhui in any case (then it cancels from every
    comparison) or, ``earmarked``, only when Anhui abates. Payoffs are relative to no agreement
    with a polluting upstream; ``k`` and ``D`` are sympy symbols by default, for
    :func:`govgames.games.identification.identified_set`.

    Parameters
    ----------
    bet, central_grant : number
        The stake ``t`` and the grant (100 million yuan a year).
    q_abate, q_pollute : float
        Probabilities that the border index meets the standard.
    earmarked : bool
        Whether the grant is paid only for abatement.
    net_cost, downstream_benefit : sympy expression or number
        ``k`` and ``D``.

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> g = agreement_game(1)
    >>> g.strategies[1]
    ('Abate if bet', 'Abate always', 'Pollute always', 'Pollute if bet')
    """
    from govgames.games.game import NormalFormGame

    t, grant = _num(bet), _num(central_grant)
    qa, qp = _num(q_abate), _num(q_pollute)
    k, D = net_cost, downstream_benefit
    g_ab = grant if earmarked else 0
    to_anhui = {True: t * (2 * qa - 1), False: t * (2 * qp - 1)}    # expected, under the bet

    def cell(offer, abates):
        a = (-k + g_ab if abates else 0) + (to_anhui[abates] if offer else 0)
        z = (D if abates else 0) - (to_anhui[abates] if offer else 0)
        return [a, z]

    plans = {"Abate if bet": (True, False), "Abate always": (True, True),
             "Pollute always": (False, False), "Pollute if bet": (False, True)}
    cells = [[cell(True, ab_bet) for ab_bet, _ in plans.values()],
             [cell(False, ab_no) for _, ab_no in plans.values()]]
    payoffs = [[[c[1] for c in row] for row in cells],     # Zhejiang
               [[c[0] for c in row] for row in cells]]     # Anhui
    return NormalFormGame(payoffs, players=["Zhejiang", "Anhui"],
                          strategies=[["Offer bet", "No bet"], list(plans)])


def observed_identified_set(schedule=None, *, q_abate=0.95, q_pollute=0.3, earmarked=False):
    """What the Xin'an rounds imply for Anhui's net abatement cost ``k`` and Zhejiang's benefit
    ``D``: the identified set of :func:`agreement_game` over the observed years.

    Every year of the schedule Zhejiang offered the bet and Anhui abated (the water met the
    standard every year of round 1; round 2 paid out to Anhui); with the stake and grant of that
    year, that play (``Offer bet``, ``Abate if bet``) must be an equilibrium. So ``k`` is at
    most the expected incentive of the smallest stake, ``2 t (q_abate - q_pollute)`` (plus the
    grant if earmarked), and ``D`` at least the largest expected payment to Anhui,
    ``t (2 q_abate - 1)``. The probabilities of meeting the standard are not observed: the set
    is conditional on them.

    Parameters
    ----------
    schedule : pandas.DataFrame, optional
        Columns ``year``, ``central_grant``, ``bet`` (default: the bundled Xin'an schedule).
    q_abate, q_pollute : float
    earmarked : bool

    Returns
    -------
    govgames.games.identification.IdentifiedSet

    Raises
    ------
    InputError
        If the schedule is empty.

    References
    ----------
    Manski (2003); Bresnahan and Reiss (1991).

    Examples
    --------
    >>> ids = observed_identified_set()
    >>> ids.bounds
    {'D': (9/5, oo), 'k': (-oo, 13/10)}
    """
    from govgames.games.identification import identified_set

    schedule = read_schedule() if schedule is None else schedule
    if len(schedule) == 0:
        raise InputError("observed_identified_set: the schedule has no years")
    obs = {}
    for _, row in schedule.iterrows():
        g = agreement_game(sp.nsimplify(float(row["bet"])),
                           sp.nsimplify(float(row["central_grant"])),
                           q_abate=q_abate, q_pollute=q_pollute, earmarked=earmarked)
        obs[f"{int(row['year'])}"] = (g, ("Offer bet", "Abate if bet"))
    return identified_set(None, obs)


def read_schedule(path=None) -> pd.DataFrame:
    """The yearly compensation schedule: bundled Xin'an figures or a user CSV.

    Columns ``year`` (int), ``central_grant`` and ``bet`` (numbers, 100 million yuan a year);
    others are kept. Bad files raise :class:`InputError` naming the file, column and row.

    Examples
    --------
    >>> df = read_schedule()
    >>> df["year"].tolist()[:3], df["central_grant"].tolist()[:3], df["bet"].tolist()[3:]
    ([2012, 2013, 2014], [3.0, 3.0, 3.0], [2.0, 2.0, 2.0])
    """
    df = read_csv_checked(path or _SCHEDULE, SCHEDULE_COLUMNS, what="compensation schedule")
    for col in ("central_grant", "bet"):
        bad = df.index[df[col] < 0]
        if len(bad):
            name = Path(path).name if path is not None else _SCHEDULE.name
            raise InputError(f"{csv_where(f'compensation schedule {name}', int(bad[0]), col)}: "
                             "must not be negative")
    return df


_MONEY = "100 million yuan a year"
#: how the key numbers of the case are shown (all but the equilibrium depend on assumed inputs)
_DESCRIBE = {
    "equilibrium_without_compensation": Describe("Equilibrium without compensation",
                                                 status="assumed"),
    "abatement_efficient": Describe("Abatement is efficient (c - b < s·b)", status="assumed"),
    "net_abatement_cost": Describe("Net abatement cost c - b", _MONEY, "assumed"),
    "minimal_compensation": Describe("Smallest payment that makes abatement an equilibrium",
                                     _MONEY, "assumed"),
    "downstream_max_payment": Describe("Most downstream would pay (its benefit s·b)", _MONEY,
                                       "assumed"),
    "minimal_bet": Describe("Smallest stake t that makes abatement an equilibrium", _MONEY,
                            "assumed"),
    "minimal_bet_sure_test": Describe("Smallest stake if the water test were exact", _MONEY,
                                      "assumed"),
    "bet_incentive_per_unit_stake": Describe("Expected incentive per unit of stake, "
                                             "2(q_abate - q_pollute)", status="assumed"),
    "years_abating_on_bet_alone": Describe("Years in which the observed stake alone makes "
                                           "abatement pay", status="assumed"),
    "identified_net_cost_max": Describe(
        "Largest net abatement cost consistent with the observed rounds (grant paid in any "
        "case)", _MONEY, "derived",
        note="derived from the observed stakes, grants and Anhui's abatement; conditional on "
             "the assumed odds q_abate, q_pollute"),
    "identified_net_cost_max_earmarked": Describe(
        "Largest net abatement cost consistent with the observed rounds (grant earmarked)",
        _MONEY, "derived", note="conditional on the assumed odds q_abate, q_pollute"),
    "identified_downstream_benefit_min": Describe(
        "Smallest downstream benefit consistent with Zhejiang offering the bet", _MONEY,
        "derived", note="conditional on the assumed odds q_abate, q_pollute"),
    "map_region_shares": Describe("Share of the (t, c) map where each set of profiles is the "
                                  "equilibrium set", status="assumed"),
}
_GLOSSARY = {
    "k": "Anhui's net abatement cost (cost minus its own benefit), inferred from observed play",
    "D": "Zhejiang's benefit of upstream abatement, inferred from observed play",
    "identified set": "the parameter values under which the observed play is an equilibrium",
    "c": "upstream's yearly cost of abating (100 million yuan)",
    "b": "upstream's own benefit of its abatement",
    "s·b": "downstream's benefit of upstream abatement",
    "t": "the stake of the Xin'an bet: downstream pays t if the border water meets the standard, "
         "upstream pays t otherwise",
    "P": "the water-quality index at the border; the standard is met when P ≤ 1",
    "q_abate, q_pollute": "probability that the standard is met when upstream abates, pollutes",
}


@register("river", "Transboundary pollution and the river bet")
def run(*, abatement_cost: float = 2.5, upstream_benefit: float = 0.5,
        downstream_benefit: float = 4.0, q_abate: float = 0.95, q_pollute: float = 0.3,
        data=None) -> CaseResult:
    """Run the river case.

    Parameters
    ----------
    abatement_cost, upstream_benefit, downstream_benefit : float
        Upstream's yearly abatement cost, its own benefit, and downstream's benefit of upstream
        abatement (100 million yuan a year; illustrative defaults).
    q_abate, q_pollute : float
        Probability that the border index meets the standard (P ≤ 1) in a year with and without
        upstream abatement (illustrative defaults).
    data : str or Path, optional
        A yearly schedule CSV (columns ``year``, ``central_grant``, ``bet``) replacing the bundled
        Xin'an figures of 2012–2017.

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> r = run()
    >>> r.numbers["minimal_compensation"], round(r.numbers["minimal_bet"], 4)
    (2.0, 1.5385)
    """
    _check(abatement_cost, upstream_benefit, downstream_benefit, q_abate, q_pollute)
    b, c, sb = upstream_benefit, abatement_cost, downstream_benefit
    qa, qp = q_abate, q_pollute
    schedule = read_schedule(data)

    base = river_game(c, b, sb)
    base_eq = [e.pure_profile for e in pure_nash_equilibria(base)]
    t_min, t_max = minimal_compensation(c, b, sb)
    bet_min = minimal_bet(abatement_cost=c, upstream_benefit=b, downstream_benefit=sb,
                          q_abate=qa, q_pollute=qp)
    efficient = b + sb > c

    rows = []
    for _, row in schedule.iterrows():
        t, grant = float(row["bet"]), float(row["central_grant"])
        for earmarked in (False, True):
            g = bet_game(t, grant, abatement_cost=c, upstream_benefit=b, downstream_benefit=sb,
                         q_abate=qa, q_pollute=qp, earmarked=earmarked)
            eqs = [e.pure_profile for e in pure_nash_equilibria(g)]
            abates = any(p[0] == "Abate" for p in eqs)
            prof = eqs[0] if eqs else None
            pay = g.payoff(prof) if prof else [np.nan, np.nan]
            rows.append({
                "year": int(row["year"]),
                "central_grant": grant,
                "bet": t,
                "grant_reading": "earmarked for abatement" if earmarked else "paid in any case",
                "bet_incentive": 2 * t * (qa - qp),
                "incentive_total": 2 * t * (qa - qp) + (grant if earmarked else 0.0),
                "max_cost_covered": _max_cost_covered(t, grant, earmarked, b, sb, qa, qp),
                "upstream_abates": abates,
                "equilibrium": ", ".join(prof) if prof else "none",
                "anhui_payoff": float(pay[0]),
                "zhejiang_payoff": float(pay[1]),
            })
    years = pd.DataFrame(rows)

    # participation: does each side gain from the agreement (vs no deal: upstream pollutes)?
    part = []
    for _, row in schedule.iterrows():
        t, grant = float(row["bet"]), float(row["central_grant"])
        anhui_abate = b - c + t * (2 * qa - 1) + grant
        anhui_no = t * (2 * qp - 1) + grant
        zj_abate = sb - t * (2 * qa - 1)
        part.append({"year": int(row["year"]),
                     "anhui_gain_if_abating_vs_no_deal": anhui_abate,
                     "anhui_gain_without_grant": anhui_abate - grant,
                     "zhejiang_gain_if_anhui_abates_vs_no_deal": zj_abate,
                     "anhui_payoff_if_polluting_under_deal": anhui_no})
    participation = pd.DataFrame(part)

    # parameter map over the bet t and the abatement cost c
    t_sym, c_sym = sp.Symbol("t", nonnegative=True), sp.Symbol("c", positive=True)
    sym_game = bet_game(t_sym, 0, abatement_cost=c_sym, upstream_benefit=b,
                        downstream_benefit=sb, q_abate=qa, q_pollute=qp)
    t_grid = np.linspace(0, max(4.0, 1.5 * float(schedule["bet"].max())), 161)
    c_grid = np.linspace(0.05, max(5.0, 2 * c), 161)
    pmap = parameter_map(sym_game, {"t": t_grid, "c": c_grid})
    shares = {k: round(v, 4) for k, v in pmap.shares().items() if round(v, 4) > 0}

    fig_map = Figure(figsize=(8.5, 4.8), layout="constrained")
    ax = fig_map.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot(t_grid, b + 2 * t_grid * (qa - qp), color="k", lw=1.2,
            label="c = b + 2 t (q_abate - q_pollute)")
    for k, t in enumerate(sorted(set(schedule["bet"]))):
        ax.axvline(t, color="k", ls="--", lw=1, label="observed stakes" if k == 0 else None)
        ax.text(t, c_grid[-1] * 0.97, f" bet {t:g}", color="k", va="top", fontsize=8)
    ax.axhline(c, color="k", ls=":", lw=1.2, label=f"assumed cost c = {c:g}")
    regions = ax.get_legend()  # one legend: the equilibrium regions, then the lines
    handles = list(getattr(regions, "legend_handles", None) or regions.legendHandles)
    labels = [txt.get_text() for txt in regions.get_texts()]
    lines, line_labels = ax.get_legend_handles_labels()
    ax.legend(handles + lines, labels + line_labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize="small", title="pure equilibria; lines")
    ax.set_ylim(c_grid[0], c_grid[-1])
    ax.set_xlabel("bet t: each side's stake (100 million yuan a year)")
    ax.set_ylabel("abatement cost c (100 million yuan a year)")
    ax.set_title("Xin'an River bet: pure equilibria by stake and cost")

    fig_years = Figure(figsize=(7.5, 4))
    ax2 = fig_years.add_subplot()
    x = np.arange(len(schedule))
    bet_inc = 2 * schedule["bet"].to_numpy(float) * (qa - qp)
    ax2.bar(x, bet_inc, color="#4477aa", label="expected incentive of the bet, 2t(q_a - q_p)")
    ax2.bar(x, schedule["central_grant"].to_numpy(float), bottom=bet_inc, color="#ccbb44",
            label="central grant, if earmarked for abatement")
    ax2.axhline(c - b, color="#aa3377", lw=2, label=f"net abatement cost c - b = {c - b:g}")
    ax2.set_xticks(x, [str(y) for y in schedule["year"]])
    ax2.set_ylabel("100 million yuan a year")
    ax2.set_title("What the Xin'an scheme offers upstream each year")
    top = float((bet_inc + schedule["central_grant"].to_numpy(float)).max())
    ax2.set_ylim(0, 1.45 * max(top, c - b))
    ax2.legend(fontsize="small", loc="upper left")
    fig_years.tight_layout()

    inputs = pd.DataFrame([
        {"input": "abatement cost c (abatement_cost)", "value": c, "status": "assumed"},
        {"input": "upstream's own benefit b (upstream_benefit)", "value": b, "status": "assumed"},
        {"input": "downstream benefit s·b (downstream_benefit)", "value": sb, "status": "assumed"},
        {"input": "P ≤ 1 met if upstream abates (q_abate)", "value": qa, "status": "assumed"},
        {"input": "P ≤ 1 met if upstream pollutes (q_pollute)", "value": qp, "status": "assumed"},
        {"input": "central grant, bet (per year)", "value": np.nan,
         "status": "observed (Xin'an 2012-2017)" if data is None else f"from {data}"},
    ])
    other = pd.read_csv(_OTHER)[["case", "year", "payer", "receiver", "amount", "unit"]]

    # what the observed rounds imply: the identified set of (k, D) for each reading of the grant
    ids_any = observed_identified_set(schedule, q_abate=qa, q_pollute=qp, earmarked=False)
    ids_ear = observed_identified_set(schedule, q_abate=qa, q_pollute=qp, earmarked=True)

    def _bound(ids, name, side):
        if ids.bounds is None:
            return float("nan")
        v = ids.bounds[name][side]
        return float(v) if v.is_finite else (float("inf") if v > 0 else float("-inf"))

    k_max_any, k_max_ear = _bound(ids_any, "k", 1), _bound(ids_ear, "k", 1)
    d_min = _bound(ids_any, "D", 0)
    identified = pd.DataFrame([
        {"grant_reading": lab, "observations": len(ids.observations),
         "empty": ids.empty, "net_cost_k_at_most": _bound(ids, "k", 1),
         "downstream_benefit_D_at_least": _bound(ids, "D", 0),
         "assumed_k_and_D_inside": ids.contains(k=c - b, D=sb) if not ids.empty else False,
         "region": str(ids.region)}
        for lab, ids in (("paid in any case", ids_any), ("earmarked for abatement", ids_ear))])
    fig_ids = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax3 = fig_ids.add_subplot()
    k_hi = max(4.0, 1.3 * max(k_max_ear if np.isfinite(k_max_ear) else 0, c - b))
    d_hi = max(4.0, 1.5 * max(d_min if np.isfinite(d_min) else 0, sb))
    ids_ear.plot("k", "D", ranges={"k": (-1.0, k_hi), "D": (0.0, d_hi)}, ax=ax3)
    if not ids_any.empty:
        ax3.axvline(k_max_any, color="#225577", ls="--", lw=1.2,
                    label=f"k <= {k_max_any:.3g}: grant paid in any case")
    ax3.axvline(k_max_ear, color="#225577", lw=1.2,
                label=f"k <= {k_max_ear:.3g}: grant earmarked")
    ax3.axhline(d_min, color="#aa3377", lw=1.2, label=f"D >= {d_min:.3g}")
    ax3.plot([c - b], [sb], "k*", ms=10, label=f"assumed (c - b, s·b) = ({c - b:g}, {sb:g})")
    ax3.set_xlabel("Anhui's net abatement cost k (100 million yuan a year)")
    ax3.set_ylabel("Zhejiang's benefit D (100 million yuan a year)")
    ax3.set_title("What the observed rounds imply (shaded: grant earmarked)", fontsize="medium")
    ax3.legend(fontsize="small", loc="upper right")

    alone = years[(years["grant_reading"] == "paid in any case")]
    earmarked_all = bool(years.loc[years["grant_reading"] != "paid in any case",
                                   "upstream_abates"].all())
    first_alone = alone.loc[alone["upstream_abates"], "year"]
    first_txt = (f"from {int(first_alone.min())} on" if len(first_alone) else "in no year")
    finding = (
        f"Without compensation the upstream city does not abate (equilibrium "
        f"({', '.join(base_eq[0])})), "
        f"although abatement is {'efficient' if efficient else 'not efficient'}: its net cost "
        f"{c - b:g} is {'below' if efficient else 'above'} the downstream benefit {sb:g}. "
        f"A payment of at least {t_min:g} a year for abating makes abatement an equilibrium, and "
        f"downstream would pay up to {t_max:g}. The Xin'an bet (each side stakes t on P <= 1) "
        f"needs a stake of {bet_min:.3g}, "
        + ("less than that payment, because a polluting upstream also pays"
           if bet_min <= t_min else
           "more than that payment, because the water-quality test is a noisy signal of abatement")
        + "; with the "
        f"illustrative odds the observed stakes make abatement an equilibrium on their own "
        f"{first_txt}. The centre's grant paid in any case changes nobody's incentive; what it "
        f"does is make the agreement worth signing for Anhui (Anhui's gain from the deal "
        f"without the grant is {participation['anhui_gain_without_grant'].iloc[0]:.3g} in the "
        f"first year, with it {participation['anhui_gain_if_abating_vs_no_deal'].iloc[0]:.3g}). "
        + ("Earmarked for protection works, it covers the gap in every year."
           if earmarked_all else
           "Even earmarked for protection works it does not cover the gap in every year.")
        + f" All of this rests on the assumed cost and benefits. What the observations imply "
        f"instead: Zhejiang offered the bet and Anhui abated in each of the {len(schedule)} "
        f"years, which is an equilibrium only if Anhui's net abatement cost k is at most "
        f"{k_max_any:.3g} (grant paid in any case; {k_max_ear:.3g} if the grant was earmarked) "
        f"and Zhejiang's benefit D at least {d_min:.3g} (100 million yuan a year, given the "
        f"assumed odds q_abate = {qa:g}, q_pollute = {qp:g}); the assumed net cost {c - b:g} "
        + ("lies inside that set." if c - b <= k_max_any else
           "lies outside it unless the grant was earmarked" + (
               "." if c - b <= k_max_ear else ", and outside it even then.")))
    numbers = {
        "equilibrium_without_compensation": ", ".join(base_eq[0]),
        "abatement_efficient": bool(efficient),
        "net_abatement_cost": c - b,
        "minimal_compensation": t_min,
        "downstream_max_payment": t_max,
        "minimal_bet": bet_min,
        "minimal_bet_sure_test": minimal_bet(abatement_cost=c, upstream_benefit=b,
                                             downstream_benefit=sb, q_abate=1.0, q_pollute=0.0),
        "bet_incentive_per_unit_stake": 2 * (qa - qp),
        "years_abating_on_bet_alone": [int(y) for y in first_alone],
        "map_region_shares": shares,
        "identified_net_cost_max": k_max_any,
        "identified_net_cost_max_earmarked": k_max_ear,
        "identified_downstream_benefit_min": d_min,
    }
    return CaseResult(
        name="river", title="Transboundary pollution and the river bet", finding=finding,
        tables={"inputs": inputs, "Xin'an schedule by year": years,
                "participation": participation, "other compensation cases (observed)": other,
                "identified set from the observed rounds": identified},
        figures={"parameter_map": fig_map, "incentive_by_year": fig_years,
                 "identified_set": fig_ids},
        numbers=numbers,
        describe=_DESCRIBE,
        captions={
            "parameter_map": "Which pure profiles are equilibria of the Xin'an bet for each stake "
                             "t (horizontal) and abatement cost c (vertical); dashed lines: the "
                             "observed stakes; dotted line: the assumed cost c; black line: the "
                             "cost below which the bet alone makes abatement pay.",
            "identified_set": "Anhui's net abatement cost k and Zhejiang's benefit D under which "
                              "the observed play (Zhejiang offers the bet, Anhui abates) is an "
                              "equilibrium in every observed year: shaded if the grant was "
                              "earmarked; dashed line: the bound if it was paid in any case; "
                              "star: the assumed values.",
            "incentive_by_year": "What the scheme offers upstream each year (the bet's expected "
                                 "incentive and the central grant, if earmarked) against the "
                                 "net abatement cost c - b."},
        glossary=_GLOSSARY,
        sources=["Xin'an River rounds: data/compensation/xinan_river_rounds.csv and "
                 "xinan_yearly.csv (sources X1-X8 in data/compensation/SOURCES.md)",
                 "Miyun and Yiwu-Dongyang: data/compensation/other_compensation_cases.csv",
                 "Coase (1960); Cui et al.; Zhang, Li & Bian (2012)",
                 "Identified set: Manski (2003); Bresnahan and Reiss (1991)"],
        notes=["Costs, benefits and the chances of meeting the standard (q_abate, q_pollute) are "
               "illustrative: the constants of the P formula and the cost of Anhui's protection "
               "works are not in the bundled sources. Pass your own with --param.",
               "Round 2's stake is taken as 2 a year (each province's yearly contribution; "
               "source X3); one source (X4) still describes the bet as 1 either way.",
               "The downstream city's own abatement (the second player's strategy) is kept from "
               "the textbook game; it does not pay for the downstream city in any year."],
        illustrative=True)
