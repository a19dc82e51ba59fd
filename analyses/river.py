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
5. the bet as a game tree (:func:`bet_tree`): the centre's grant, Zhejiang's offer, Anhui's
   signature and abatement, the chance node of the water-quality index, then the payment, solved
   year by year by backward induction (every subgame-perfect equilibrium);
6. the stake of each round as a bargaining outcome over the agreement's surplus (equal Nash split,
   Rubinstein's alternating offers; :func:`bargained_stakes`) next to the observed stake, and the
   identified set of what the observed rounds imply (:func:`observed_identified_set`).

The case is computed in steps: :func:`load` (checked inputs), :func:`compute` (numbers and
tables), :func:`figures`, :func:`narrate` (the finding written from the numbers) and :func:`run`.

The compensation figures are observed (``data/compensation/``); the costs, benefits and the
probabilities of meeting the standard are illustrative (the constants of the P formula are not
published).

References
----------
J. F. Nash, "The bargaining problem", *Econometrica* 18 (1950), 155-162; A. Rubinstein, "Perfect
equilibrium in a bargaining model", *Econometrica* 50 (1982), 97-109; B. Dahlby, *The Marginal
Cost of Public Funds*, MIT Press, 2008;
R. H. Coase, "The problem of social cost", *Journal of Law and Economics* 3 (1960), 1-44; Cui &
Cui et al. and Zhang, Li & Bian (2012) on horizontal compensation; Ministry of
Finance / Ministry of Environmental Protection, Xin'an River pilot (2011), sources X1–X8 in
``data/compensation/SOURCES.md``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.dilemmas import upstream_downstream
from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, backward_induction, chance, decision,
                                      draw_tree, rubinstein, split_surplus, terminal)
from govgames.games.mechanisms import conditional_transfer, subsidy
from govgames.games.pure import pure_nash_equilibria
from govgames.games.identification import IdentifiedSet
from govgames.games.symbolic import (ParameterMap, equilibrium_conditions, parameter_map,
                                     plot_parameter_map, threshold)

from .base import DATA_DIR, CaseResult, Describe, csv_where, read_csv_checked, register

__all__ = ["run", "load", "compute", "figures", "narrate", "RiverData", "RiverNumbers",
           "river_game", "bet_game", "minimal_compensation", "minimal_bet",
           "agreement_game", "observed_identified_set", "bet_tree", "tree_path",
           "bargained_stakes", "read_schedule", "read_round3", "unpublished_grant_bargaining", "SCHEDULE_COLUMNS", "EXCESS_BURDEN",
           "BARGAINING_DELTA", "SECONDS_PER_YEAR"]

#: the centre's excess burden per yuan of grant (a marginal cost of public funds of 1.2,
#: Dahlby 2008; assumed)
EXCESS_BURDEN = Fraction(1, 5)
#: discount factor per round of offers in the Rubinstein reading of the negotiation (assumed)
BARGAINING_DELTA = Fraction(9, 10)
#: the three players of the tree, in order
TREE_PLAYERS = ("Centre", "Zhejiang", "Anhui")
#: grid points of the (t, c) parameter map per axis
MAP_POINTS = 161
_SHARE = "Anhui's implied share"

#: CPU seconds the case spends per year of the schedule (game, thresholds, identified set and
#: two trees per year; about 0.2 s measured on a loaded 2-core machine, 60 distinct years):
#: :func:`load` estimates the run from it and refuses a schedule over the time budget
SECONDS_PER_YEAR = 0.2

#: columns of a yearly compensation schedule (``data=``)
SCHEDULE_COLUMNS = {"year": int, "central_grant": float, "bet": float}

_SCHEDULE = DATA_DIR / "compensation" / "xinan_yearly.csv"
_ROUNDS = DATA_DIR / "compensation" / "xinan_river_rounds.csv"
_OTHER = DATA_DIR / "compensation" / "other_compensation_cases.csv"
_ROUND3 = DATA_DIR / "compensation" / "xinan_round3.csv"
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

    When the cost does not exceed upstream's own benefit, abating pays without a transfer:

    >>> minimal_compensation(0.4, 0.5, 4.0)
    (0.0, 4.0)
    """
    if abatement_cost <= upstream_benefit:     # abating pays on its own: nothing to pay
        return 0.0, float(downstream_benefit)
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
    name = Path(path).name if path is not None else _SCHEDULE.name
    dup = df.index[df["year"].duplicated()]
    if len(dup):
        year = int(df.loc[dup[0], "year"])
        raise InputError(f"{csv_where(f'compensation schedule {name}', int(dup[0]), 'year')}: "
                         f"year {year} occurs more than once (one row per year)")
    for col in ("central_grant", "bet"):
        bad = df.index[df[col] < 0]
        if len(bad):
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
        "case)", _MONEY, "assumed",
        note="from the observed stakes, grants and Anhui's abatement; conditional on "
             "the assumed odds q_abate, q_pollute"),
    "identified_net_cost_max_earmarked": Describe(
        "Largest net abatement cost consistent with the observed rounds (grant earmarked)",
        _MONEY, "assumed", note="conditional on the assumed odds q_abate, q_pollute"),
    "identified_downstream_benefit_min": Describe(
        "Smallest downstream benefit consistent with Zhejiang offering the bet", _MONEY,
        "assumed", note="conditional on the assumed odds q_abate, q_pollute"),
    "map_region_shares": Describe("Share of the (t, c) map where each set of profiles is the "
                                  "equilibrium set", status="assumed"),
    "tree_path_first_year": Describe("Subgame-perfect path of the game tree in the first year "
                                     "(grant paid on signing)", status="assumed"),
    "years_tree_abates": Describe("Years in which the tree's subgame-perfect path has Anhui "
                                  "abating (grant paid on signing)", status="assumed"),
    "nash_stake_by_round": Describe("Stake of an equal Nash split of the surplus, by round",
                                    _MONEY, "assumed"),
    "rubinstein_stake_by_round": Describe("Stake of Rubinstein's alternating offers, by round",
                                          _MONEY, "assumed"),
    "anhui_implied_share_by_round": Describe(
        "Anhui's share of the surplus implied by the observed stake, by round", status="assumed",
        note="from the observed stakes and grants; conditional on the assumed k, D and odds"),
    "round3_observed_stake": Describe("Round 3 (2018-2020) stake, each province a year", _MONEY,
                                      "observed", note="sources X5, X7"),
    "round3_central_grant": Describe("Round 3 central grant", status="observed",
                                     note="not published in any source"),
    "round3_grant_for_observed_stake": Describe(
        "Round 3: grant at which each bargaining reading gives the observed stake", _MONEY,
        "assumed", note="from the observed stake; conditional on the assumed k, D and odds"),
    "round3_stake_without_grant": Describe("Round 3: bargained stake with no grant", _MONEY,
                                           "assumed"),
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




def _frac(x) -> Fraction:
    """An exact version of a number given as a float (0.95 -> 19/20)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, np.integer)):
        return Fraction(int(x))
    return Fraction(repr(float(x)))


def bet_tree(bet, central_grant=0, *, net_cost=2, downstream_benefit=4, q_abate=0.95,
             q_pollute=0.3, earmarked=False, excess_burden=EXCESS_BURDEN) -> ExtensiveGame:
    """The Xin'an bet as a game tree: the centre's grant, Zhejiang's offer, Anhui's signature
    and abatement, nature's water-quality index, then the payment.

    The centre decides whether to fund the agreement (``Grant``: ``central_grant`` paid to Anhui
    once the agreement is signed, in any case or, ``earmarked``, only if Anhui abates).
    Zhejiang then offers the bet or not; Anhui signs or refuses, and abates or pollutes; with a
    signed bet nature draws the border index: the standard (P ≤ 1) is met with probability
    ``q_abate`` after abatement and ``q_pollute`` otherwise, and Zhejiang pays Anhui ``bet`` if
    it is met, Anhui pays Zhejiang ``bet`` if not. Payoffs (relative to no agreement with a
    polluting upstream): Anhui ``-k`` if it abates plus the grant and the transfer; Zhejiang
    ``D`` if Anhui abates minus the transfer; the centre the basin's surplus ``D - k`` if Anhui
    abates minus the excess burden ``excess_burden`` of each yuan of grant.

    Parameters
    ----------
    bet, central_grant : number
        The stake ``t`` and the grant (100 million yuan a year).
    net_cost, downstream_benefit : number
        Anhui's net abatement cost ``k`` and Zhejiang's benefit ``D``.
    q_abate, q_pollute : float
        Probability that the standard is met after abatement, after pollution.
    earmarked : bool
    excess_burden : number
        The centre's cost per yuan of grant beyond the transfer itself.

    Returns
    -------
    ExtensiveGame
        Players ``("Centre", "Zhejiang", "Anhui")``; perfect information with chance, so
        :func:`~govgames.games.extensive.backward_induction` gives every subgame-perfect
        equilibrium.

    References
    ----------
    Selten (1965); Dahlby (2008) on the marginal cost of public funds.

    Examples
    --------
    Round 2's stake of 2 makes abatement pay (2 x 2 x (0.95 - 0.3) = 2.6 > k = 2), but without
    the grant Anhui's expected gain from signing, -2 + 2 x 0.9 = -1/5, is negative: the grant
    buys the signature.

    >>> eqs = backward_induction(bet_tree(2, 4))
    >>> {tree_path(e) for e in eqs}
    {('Grant', 'Offer bet', 'Sign', 'Abate')}
    >>> tree_path(eqs[0], after=("No grant", "Offer bet"))
    ('Refuse', 'Pollute')

    (The two subgame-perfect equilibria differ only off the path: after ``No grant`` Zhejiang
    is indifferent between a bet Anhui refuses and no bet.)
    """
    t, G, k, D = (_frac(x) for x in (bet, central_grant, net_cost, downstream_benefit))
    qa, qp, lam = _frac(q_abate), _frac(q_pollute), _frac(excess_burden)

    def leaf(grant, signed, abates, met):
        paid = G if grant and signed and (abates or not earmarked) else 0
        transfer = (t if met else -t) if signed else 0          # to Anhui
        return terminal((D - k) * abates - lam * paid, D * abates - transfer,
                        -k * abates + paid + transfer)

    def anhui(grant, signed):
        def after(abates):
            if not signed:
                return leaf(grant, False, abates, None)
            q = qa if abates else qp
            return chance({"P≤1": (q, leaf(grant, True, abates, True)),
                           "P>1": (1 - q, leaf(grant, True, abates, False))})
        return decision("Anhui", {"Abate": after(True), "Pollute": after(False)})

    def zhejiang(grant):
        return decision("Zhejiang", {
            "Offer bet": decision("Anhui", {"Sign": anhui(grant, True),
                                            "Refuse": anhui(grant, False)}),
            "No bet": anhui(grant, False)})

    reading = "earmarked" if earmarked else "paid on signing"
    return ExtensiveGame(list(TREE_PLAYERS),
                         decision("Centre", {"Grant": zhejiang(True), "No grant": zhejiang(False)}),
                         title=f"Xin'an bet: stake {t}, grant {G} ({reading})")


def tree_path(profile, after=()) -> tuple:
    """The actions a pure behaviour profile plays from the node reached by ``after`` (a
    sequence of actions from the root) down to the first chance node or leaf.

    Examples
    --------
    See :func:`bet_tree`.
    """
    g = profile.game
    v = 0
    for a in after:
        node = g.nodes[v]
        acts = g.infosets[node.infoset].actions
        if node.kind != "decision" or a not in acts:
            raise InputError(f"tree_path: action {a!r} is not available at "
                             f"{g.describe_node(v)}")
        v = node.children[acts.index(a)]
    path = []
    while g.nodes[v].kind == "decision":
        h = g.nodes[v].infoset
        probs = profile.probs[h]
        a = max(range(len(probs)), key=lambda j: probs[j])
        path.append(g.infosets[h].actions[a])
        v = g.nodes[v].children[a]
    return tuple(path)


def bargained_stakes(rounds: pd.DataFrame, *, net_cost, downstream_benefit, q_abate, q_pollute,
                     delta=BARGAINING_DELTA) -> pd.DataFrame:
    """The stake each round would have if the two provinces had bargained over the surplus of
    the agreement, next to the observed stake.

    The agreement (Anhui abates) creates the surplus ``S = D - k + G`` over no agreement (the
    grant ``G`` comes with it); the disagreement point is no agreement, (0, 0). Anhui's share
    ``u`` is delivered through the stake: ``u = -k + G + t (2 q_abate - 1)``, so
    ``t = (u + k - G) / (2 q_abate - 1)``, raised if needed to the stake at which Anhui abates,
    ``k / (2 (q_abate - q_pollute))``. Two readings: the symmetric Nash bargaining solution
    (:func:`~govgames.games.extensive.split_surplus`) and Rubinstein's alternating offers with
    discount factor ``delta`` each and Zhejiang proposing first
    (:func:`~govgames.games.extensive.rubinstein`). The share implied by the observed stake is
    ``(-k + G + t_obs (2 q_abate - 1)) / S``.

    Parameters
    ----------
    rounds : pandas.DataFrame
        Columns ``round``, ``bet`` (observed stake) and ``central_grant`` (mean over the round).
    net_cost, downstream_benefit : number
        ``k`` and ``D`` (assumed).
    q_abate, q_pollute : float
    delta : number

    Returns
    -------
    pandas.DataFrame
        One row per round (exact Fractions): the observed stake and grant, the surplus, whether
        an agreement is possible (some stake makes Anhui abate and leaves neither province below
        no agreement; if not, both stakes are ``None``), the stakes of both readings, whether the abatement constraint binds in each, and Anhui's
        implied share.

    Raises
    ------
    InputError
        No surplus (``D - k + G <= 0``) in some round, or ``q_abate <= 1/2`` (a bet that does
        not pay an abating Anhui cannot deliver a share).

    References
    ----------
    Nash (1950); Rubinstein (1982); Binmore, Rubinstein and Wolinsky (1986).

    Examples
    --------
    >>> r = pd.DataFrame({"round": [1], "bet": [1.0], "central_grant": [3.0]})
    >>> row = bargained_stakes(r, net_cost=2, downstream_benefit=4, q_abate=0.95,
    ...                        q_pollute=0.3).iloc[0]
    >>> row["Nash stake"], row["Anhui's implied share"]
    (Fraction(5, 3), Fraction(19, 50))
    """
    k, D, qa, qp = (_frac(x) for x in (net_cost, downstream_benefit, q_abate, q_pollute))
    if 2 * qa - 1 <= 0:
        raise InputError(f"q_abate = {qa} must exceed 1/2 for the stake to pay an abating Anhui")
    t_ic = k / (2 * (qa - qp))
    share_rub = rubinstein(delta, delta, first=1).shares[0]      # Anhui's share, Zhejiang first
    rows = []
    for _, r in rounds.iterrows():
        G, t_obs = _frac(r["central_grant"]), _frac(r["bet"])
        S = D - k + G
        if S <= 0:
            raise InputError(f"round {r['round']}: no surplus to bargain over (D - k + G = {S})")
        raw = [(u + k - G) / (2 * qa - 1) for u in (split_surplus(S, [0, 0]).shares[0],
                                                     share_rub * S)]
        # the bargaining set: stakes at which Anhui abates and neither side is below (0, 0)
        t_lo = max(t_ic, (k - G) / (2 * qa - 1), Fraction(0))
        agree = t_lo * (2 * qa - 1) <= D
        rows.append({"round": r["round"], "observed stake": t_obs, "grant (mean)": G,
                     "surplus D - k + G": S, "agreement possible": agree,
                     "Nash stake": max(raw[0], t_ic, Fraction(0)) if agree else None,
                     "Rubinstein stake": max(raw[1], t_ic, Fraction(0)) if agree else None,
                     "abatement binds (Nash)": raw[0] < t_ic,
                     "abatement binds (Rubinstein)": raw[1] < t_ic,
                     _SHARE: (-k + G + t_obs * (2 * qa - 1)) / S})
    return pd.DataFrame(rows)

def read_round3() -> pd.DataFrame:
    """Round 3 of the Xin'an agreement (2018–2020): the observed stake and the central grant,
    which no source publishes (``NaN``), with the status and source of each entry.

    Examples
    --------
    >>> r = read_round3().iloc[0]
    >>> r["years"], float(r["bet"]), r["central_grant_status"].split(":")[0]
    ('2018-2020', 2.0, 'not published')
    >>> bool(pd.isna(r["central_grant"]))
    True
    """
    return pd.read_csv(_ROUND3, dtype={"years": str})


def _grant_for_stake(sigma, t_obs, k, D, qa, t_ic):
    """The grant ``G >= 0`` at which Anhui's share ``sigma`` of ``D - k + G`` is delivered by
    the stake ``t_obs``, or None (no such grant, or the stake is below the abatement stake)."""
    if t_obs < t_ic:
        return None
    G = (sigma * (D - k) + k - t_obs * (2 * qa - 1)) / (1 - sigma)
    return G if G >= 0 and D - k + G > 0 else None


def _stake_without_grant(sigma, k, D, qa, t_ic):
    """The bargained stake with no grant (the largest: the stake falls as the grant rises)."""
    if D - k <= 0:
        return None
    return max((sigma * (D - k) + k) / (2 * qa - 1), t_ic, Fraction(0))


def unpublished_grant_bargaining(rounds: pd.DataFrame, *, net_cost, downstream_benefit,
                                 q_abate, q_pollute, delta=BARGAINING_DELTA) -> pd.DataFrame:
    """What the bargaining readings of :func:`bargained_stakes` say about a round whose central
    grant is not published, instead of inventing the grant.

    Anhui's share ``sigma`` of the surplus ``S = D - k + G`` is delivered by the stake:
    ``t (2 q_abate - 1) = sigma (D - k) + k - (1 - sigma) G``, so the bargained stake falls as
    the grant rises. Two numbers follow without knowing ``G``: the grant at which the bargained
    stake equals the observed one, ``G* = (sigma (D - k) + k - t_obs (2 q_abate - 1)) /
    (1 - sigma)`` (None when no grant ``G >= 0`` does it, or when the observed stake is below
    the stake at which Anhui abates, ``k / (2 (q_abate - q_pollute))``); and the bargained stake
    without a grant (``G = 0``), the most either reading asks. ``sigma`` is 1/2 (equal Nash
    split) or Anhui's Rubinstein share as responder (Zhejiang proposing first, discount factor
    ``delta`` each) with each side's outside option, no agreement (0), checked with
    Binmore, Shaked and Sutton's rule.

    Parameters
    ----------
    rounds : pandas.DataFrame
        Columns ``round`` and ``bet`` (the observed stake), e.g. :func:`read_round3`.
    net_cost, downstream_benefit : number
        ``k`` and ``D`` (assumed).
    q_abate, q_pollute : float
        Probabilities that the standard is met (assumed; a stricter standard lowers both by an
        amount that is not published).
    delta : number

    Returns
    -------
    pandas.DataFrame
        One row per round (exact Fractions or None): the observed stake, the grant at which the
        Nash and the Rubinstein stake equal it, both stakes without a grant, and whether an
        outside option binds.

    Raises
    ------
    InputError
        ``q_abate <= 1/2`` (a bet that does not pay an abating Anhui cannot deliver a share).

    References
    ----------
    Nash (1950); Rubinstein (1982); Binmore, Shaked and Sutton (1989).

    Examples
    --------
    >>> r = unpublished_grant_bargaining(read_round3(), net_cost=2, downstream_benefit=4,
    ...                                  q_abate=0.95, q_pollute=0.3).iloc[0]
    >>> r["grant for the observed stake (Nash)"], r["Nash stake without a grant"]
    (Fraction(12, 5), Fraction(10, 3))
    """
    k, D, qa, qp = (_frac(x) for x in (net_cost, downstream_benefit, q_abate, q_pollute))
    if 2 * qa - 1 <= 0:
        raise InputError(f"q_abate = {qa} must exceed 1/2 for the stake to pay an abating Anhui")
    t_ic = k / (2 * (qa - qp))
    rub = rubinstein(delta, delta, first=1, outside=(0, 0))
    sigmas = {"Nash": Fraction(1, 2), "Rubinstein": rub.shares[0]}
    rows = []
    for _, r in rounds.iterrows():
        t_obs = _frac(r["bet"])
        row = {"round": r["round"], "observed stake": t_obs, "central grant": "not published"}
        for name, sigma in sigmas.items():
            row[f"grant for the observed stake ({name})"] = _grant_for_stake(
                sigma, t_obs, k, D, qa, t_ic)
            row[f"{name} stake without a grant"] = _stake_without_grant(sigma, k, D, qa, t_ic)
        row["outside options bind"] = ", ".join(rub.binding) or "no"
        rows.append(row)
    return pd.DataFrame(rows)



@dataclass
class RiverData:
    """Validated inputs of the river case: the assumed costs, benefits and odds, and the
    observed yearly schedule."""

    abatement_cost: float
    upstream_benefit: float
    downstream_benefit: float
    q_abate: float
    q_pollute: float
    schedule: pd.DataFrame
    data: object = None

    @property
    def net_cost(self) -> float:
        """``k = c - b``."""
        return self.abatement_cost - self.upstream_benefit


@dataclass
class RiverNumbers:
    """What :func:`compute` derives (numbers and tables; no prose, no figures)."""

    data: RiverData
    base_eq: tuple
    t_min: float
    t_max: float
    bet_min: float
    bet_min_sure: float
    efficient: bool
    years: pd.DataFrame
    participation: pd.DataFrame
    identified: pd.DataFrame
    sequential: pd.DataFrame
    bargaining: pd.DataFrame
    k_max_any: float = float("nan")
    k_max_ear: float = float("nan")
    d_min: float = float("nan")
    pmap: ParameterMap | None = None
    ids_earmarked: IdentifiedSet | None = None
    round3: pd.DataFrame = field(default_factory=pd.DataFrame)


def load(*, abatement_cost=2.5, upstream_benefit=0.5, downstream_benefit=4.0, q_abate=0.95,
         q_pollute=0.3, data=None) -> RiverData:
    """Check the inputs (see :func:`run`) and read the schedule.

    Raises
    ------
    InputError
        Non-positive costs or benefits, probabilities outside [0, 1] or ``q_abate <= q_pollute``,
        or a bad schedule file (naming the file, row and column).
    govgames.games.budget.BudgetError
        A schedule so long that the case would take more than the time budget
        (:func:`govgames.games.budget.max_seconds`, 30 s by default): about
        ``SECONDS_PER_YEAR`` per row; refused right after reading the file.

    Examples
    --------
    >>> load().schedule["bet"].tolist()
    [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]
    """
    from govgames.games.budget import check_seconds

    _check(abatement_cost, upstream_benefit, downstream_benefit, q_abate, q_pollute)
    schedule = read_schedule(data)
    check_seconds(SECONDS_PER_YEAR * len(schedule),
                  f"the river case on a schedule of {len(schedule):,} years",
                  "give one row per year of the agreement, or a shorter span of years")
    return RiverData(abatement_cost, upstream_benefit, downstream_benefit, q_abate, q_pollute,
                     schedule, data)


def _years(d: RiverData) -> pd.DataFrame:
    b, c, sb, qa, qp = (d.upstream_benefit, d.abatement_cost, d.downstream_benefit, d.q_abate,
                        d.q_pollute)
    rows = []
    for _, row in d.schedule.iterrows():
        t, grant = float(row["bet"]), float(row["central_grant"])
        for earmarked in (False, True):
            g = bet_game(t, grant, abatement_cost=c, upstream_benefit=b, downstream_benefit=sb,
                         q_abate=qa, q_pollute=qp, earmarked=earmarked)
            eqs = [e.pure_profile for e in pure_nash_equilibria(g)]
            prof = eqs[0] if eqs else None
            pay = g.payoff(prof) if prof else [np.nan, np.nan]
            rows.append({
                "year": int(row["year"]), "central_grant": grant, "bet": t,
                "grant_reading": "earmarked for abatement" if earmarked else "paid in any case",
                "bet_incentive": 2 * t * (qa - qp),
                "incentive_total": 2 * t * (qa - qp) + (grant if earmarked else 0.0),
                "max_cost_covered": _max_cost_covered(t, grant, earmarked, b, sb, qa, qp),
                "upstream_abates": any(p[0] == "Abate" for p in eqs),
                "equilibrium": ", ".join(prof) if prof else "none",
                "anhui_payoff": float(pay[0]), "zhejiang_payoff": float(pay[1])})
    return pd.DataFrame(rows)


def _participation(d: RiverData) -> pd.DataFrame:
    """Does each side gain from the agreement (vs no deal: upstream pollutes)?"""
    b, c, sb, qa, qp = (d.upstream_benefit, d.abatement_cost, d.downstream_benefit, d.q_abate,
                        d.q_pollute)
    part = []
    for _, row in d.schedule.iterrows():
        t, grant = float(row["bet"]), float(row["central_grant"])
        anhui_abate = b - c + t * (2 * qa - 1) + grant
        part.append({"year": int(row["year"]),
                     "anhui_gain_if_abating_vs_no_deal": anhui_abate,
                     "anhui_gain_without_grant": anhui_abate - grant,
                     "zhejiang_gain_if_anhui_abates_vs_no_deal": sb - t * (2 * qa - 1),
                     "anhui_payoff_if_polluting_under_deal": t * (2 * qp - 1) + grant})
    return pd.DataFrame(part)


def _parameter_map(d: RiverData):
    t_sym, c_sym = sp.Symbol("t", nonnegative=True), sp.Symbol("c", positive=True)
    sym_game = bet_game(t_sym, 0, abatement_cost=c_sym, upstream_benefit=d.upstream_benefit,
                        downstream_benefit=d.downstream_benefit, q_abate=d.q_abate,
                        q_pollute=d.q_pollute)
    t_grid = np.linspace(0, max(4.0, 1.5 * float(d.schedule["bet"].max())), MAP_POINTS)
    c_grid = np.linspace(0.05, max(5.0, 2 * d.abatement_cost), MAP_POINTS)
    return parameter_map(sym_game, {"t": t_grid, "c": c_grid})


def _bound(ids, name, side) -> float:
    if ids.bounds is None:
        return float("nan")
    v = ids.bounds[name][side]
    return float(v) if v.is_finite else (float("inf") if v > 0 else float("-inf"))


def _identified(d: RiverData):
    """The identified set of (k, D) for each reading of the grant, as a table and bounds."""
    kw = dict(q_abate=d.q_abate, q_pollute=d.q_pollute)
    ids_any = observed_identified_set(d.schedule, earmarked=False, **kw)
    ids_ear = observed_identified_set(d.schedule, earmarked=True, **kw)
    table = pd.DataFrame([
        {"grant_reading": lab, "observations": len(ids.observations), "empty": ids.empty,
         "net_cost_k_at_most": _bound(ids, "k", 1),
         "downstream_benefit_D_at_least": _bound(ids, "D", 0),
         "assumed_k_and_D_inside": (ids.contains(k=d.net_cost, D=d.downstream_benefit)
                                    if not ids.empty else False),
         "region": str(ids.region)}
        for lab, ids in (("paid in any case", ids_any), ("earmarked for abatement", ids_ear))])
    return table, ids_any, ids_ear


def _sequential(d: RiverData) -> pd.DataFrame:
    """Backward induction on :func:`bet_tree` for every year and reading of the grant."""
    rows = []
    for _, row in d.schedule.iterrows():
        for earmarked in (False, True):
            tree = bet_tree(float(row["bet"]), float(row["central_grant"]), net_cost=d.net_cost,
                            downstream_benefit=d.downstream_benefit, q_abate=d.q_abate,
                            q_pollute=d.q_pollute, earmarked=earmarked)
            eqs = backward_induction(tree)
            paths = {tree_path(e) for e in eqs}
            path = tree_path(eqs[0])
            rows.append({
                "year": int(row["year"]), "bet": float(row["bet"]),
                "central_grant": float(row["central_grant"]),
                "grant_reading": "earmarked for abatement" if earmarked else "paid on signing",
                "path": " -> ".join(path), "centre_grants": path[0] == "Grant",
                "anhui_abates": path[-1] == "Abate", "subgame_perfect_equilibria": len(eqs),
                "same_path_in_all": len(paths) == 1,
                "centre_payoff": float(eqs[0].payoffs[0]),
                "zhejiang_payoff": float(eqs[0].payoffs[1]),
                "anhui_payoff": float(eqs[0].payoffs[2])})
    return pd.DataFrame(rows)


def _rounds(schedule: pd.DataFrame) -> pd.DataFrame:
    """Stake and mean grant per round (per year when the schedule has no ``round`` column)."""
    key = "round" if "round" in schedule.columns else "year"
    out = schedule.groupby(key, sort=True).agg(bet=("bet", "first"),
                                               central_grant=("central_grant", "mean"))
    return out.reset_index().rename(columns={key: "round"})


def _odds_reason(d: RiverData) -> str:
    """Why no stake can be read as a bargained share with these odds ('' if it can)."""
    if 2 * _frac(d.q_abate) - 1 > 0:
        return ""
    return (f"a bet with q_abate = {d.q_abate:g} <= 1/2 cannot pay an abating Anhui (its "
            "expected gain per unit of stake, 2 q_abate - 1, is not positive), so no stake "
            "delivers a share of the surplus")


def _unassessed(reason: str) -> pd.DataFrame:
    """An empty table that remembers why nothing was computed (``attrs["not assessed"]``)."""
    df = pd.DataFrame()
    df.attrs["not assessed"] = reason
    return df


def _bargaining(d: RiverData) -> pd.DataFrame:
    """:func:`bargained_stakes` per round as floats; empty when there is nothing to bargain
    over (no surplus, or odds under which a bet cannot pay an abating Anhui)."""
    if _odds_reason(d):
        return _unassessed(_odds_reason(d))
    try:
        df = bargained_stakes(_rounds(d.schedule), net_cost=d.net_cost,
                              downstream_benefit=d.downstream_benefit, q_abate=d.q_abate,
                              q_pollute=d.q_pollute)
    except InputError:
        return pd.DataFrame()
    return df.apply(lambda col: col.map(lambda v: float(v) if isinstance(v, Fraction) else v))


def _round3(d: RiverData) -> pd.DataFrame:
    """:func:`unpublished_grant_bargaining` for round 3 as floats (bundled data only: a user
    schedule replaces the Xin'an figures); empty when a bet cannot deliver a share."""
    if d.data is not None:
        return pd.DataFrame()
    if _odds_reason(d):
        df = _unassessed(_odds_reason(d))
        df.attrs["observed stake"] = float(read_round3()["bet"].iloc[0])
        return df
    try:
        df = unpublished_grant_bargaining(read_round3(), net_cost=d.net_cost,
                                          downstream_benefit=d.downstream_benefit,
                                          q_abate=d.q_abate, q_pollute=d.q_pollute)
    except InputError:
        return pd.DataFrame()
    return df.apply(lambda col: col.map(lambda v: float(v) if isinstance(v, Fraction)
                                        else (float("nan") if v is None else v)))


def compute(data: RiverData, *, with_map: bool = True) -> RiverNumbers:
    """Every number and table of the case: thresholds, the year-by-year equilibria of the bet,
    participation, the identified set, the subgame-perfect path of the tree and the bargained
    stakes.

    Parameters
    ----------
    data : RiverData
    with_map : bool
        Compute the (t, c) parameter map (the slowest part; needed by :func:`figures`).

    Returns
    -------
    RiverNumbers

    Examples
    --------
    >>> n = compute(load(), with_map=False)
    >>> n.t_min, round(n.bet_min, 4), n.sequential["anhui_abates"].tolist()[:2]
    (2.0, 1.5385, [False, True])
    """
    d = data
    c, b, sb = d.abatement_cost, d.upstream_benefit, d.downstream_benefit
    base_eq = [e.pure_profile for e in pure_nash_equilibria(river_game(c, b, sb))][0]
    t_min, t_max = minimal_compensation(c, b, sb)
    kw = dict(abatement_cost=c, upstream_benefit=b, downstream_benefit=sb)
    identified, ids_any, ids_ear = _identified(d)
    return RiverNumbers(
        d, base_eq, t_min, t_max,
        minimal_bet(q_abate=d.q_abate, q_pollute=d.q_pollute, **kw),
        minimal_bet(q_abate=1.0, q_pollute=0.0, **kw), b + sb > c,
        _years(d), _participation(d), identified, _sequential(d),
        _bargaining(d),
        _bound(ids_any, "k", 1), _bound(ids_ear, "k", 1), _bound(ids_any, "D", 0),
        _parameter_map(d) if with_map else None, ids_ear, _round3(d))


def _fig_map(n: RiverNumbers) -> Figure:
    d, pmap = n.data, n.pmap
    assert pmap is not None  # computed with the map
    b, c, qa, qp, schedule = d.upstream_benefit, d.abatement_cost, d.q_abate, d.q_pollute, \
        d.schedule
    names = [str(p) for p in pmap.parameters]
    t_grid, c_grid = (np.asarray(pmap.grids[names.index(x)]) for x in ("t", "c"))
    fig = Figure(figsize=(8.5, 4.8), layout="constrained")
    ax = fig.add_subplot()
    plot_parameter_map(pmap, ax=ax)
    ax.plot(t_grid, b + 2 * t_grid * (qa - qp), color="k", lw=1.2,
            label="c = b + 2 t (q_abate - q_pollute)")
    for k, t in enumerate(sorted(set(schedule["bet"]))):
        ax.axvline(t, color="k", ls="--", lw=1, label="observed stakes" if k == 0 else None)
        ax.text(t, c_grid[-1] * 0.97, f" bet {t:g}", color="k", va="top", fontsize=8)
    ax.axhline(c, color="k", ls=":", lw=1.2, label=f"assumed cost c = {c:g}")
    regions = ax.get_legend()  # one legend: the equilibrium regions, then the lines
    assert regions is not None  # plot_parameter_map draws a legend
    # legend_handles from matplotlib 3.7, legendHandles before
    handles = list(getattr(regions, "legend_handles", None) or getattr(regions, "legendHandles"))
    labels = [txt.get_text() for txt in regions.get_texts()]
    lines, line_labels = ax.get_legend_handles_labels()
    ax.legend(handles + lines, labels + line_labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize="small", title="pure equilibria; lines")
    ax.set_ylim(c_grid[0], c_grid[-1])
    ax.set_xlabel("bet t: each side's stake (100 million yuan a year)")
    ax.set_ylabel("abatement cost c (100 million yuan a year)")
    ax.set_title("Xin'an River bet: pure equilibria by stake and cost")
    return fig


def _fig_years(n: RiverNumbers) -> Figure:
    d = n.data
    schedule, net = d.schedule, d.net_cost
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    x = np.arange(len(schedule))
    bet_inc = 2 * schedule["bet"].to_numpy(float) * (d.q_abate - d.q_pollute)
    grant = schedule["central_grant"].to_numpy(float)
    ax.bar(x, bet_inc, color="#4477aa", label="expected incentive of the bet, 2t(q_a - q_p)")
    ax.bar(x, grant, bottom=bet_inc, color="#ccbb44",
           label="central grant, if earmarked for abatement")
    ax.axhline(net, color="#aa3377", lw=2, label=f"net abatement cost c - b = {net:g}")
    ax.set_xticks(x, [str(y) for y in schedule["year"]])
    ax.set_ylabel("100 million yuan a year")
    ax.set_title("What the Xin'an scheme offers upstream each year")
    ax.set_ylim(0, 1.45 * max(float((bet_inc + grant).max()), net))
    ax.legend(fontsize="small", loc="upper left")
    fig.tight_layout()
    return fig


def _fig_identified(n: RiverNumbers) -> Figure:
    d = n.data
    net, sb = d.net_cost, d.downstream_benefit
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax = fig.add_subplot()
    k_hi = max(4.0, 1.3 * max(n.k_max_ear if np.isfinite(n.k_max_ear) else 0, net))
    d_hi = max(4.0, 1.5 * max(n.d_min if np.isfinite(n.d_min) else 0, sb))
    assert n.ids_earmarked is not None
    n.ids_earmarked.plot("k", "D", ranges={"k": (-1.0, k_hi), "D": (0.0, d_hi)}, ax=ax)
    if np.isfinite(n.k_max_any):
        ax.axvline(n.k_max_any, color="#225577", ls="--", lw=1.2,
                   label=f"k <= {n.k_max_any:.3g}: grant paid in any case")
    ax.axvline(n.k_max_ear, color="#225577", lw=1.2,
               label=f"k <= {n.k_max_ear:.3g}: grant earmarked")
    ax.axhline(n.d_min, color="#aa3377", lw=1.2, label=f"D >= {n.d_min:.3g}")
    ax.plot([net], [sb], "k*", ms=10, label=f"assumed (c - b, s·b) = ({net:g}, {sb:g})")
    ax.set_xlabel("Anhui's net abatement cost k (100 million yuan a year)")
    ax.set_ylabel("Zhejiang's benefit D (100 million yuan a year)")
    ax.set_title("What the observed rounds imply (shaded: grant earmarked)", fontsize="medium")
    ax.legend(fontsize="small", loc="upper right")
    return fig


def _first_tree(d: RiverData) -> ExtensiveGame:
    row = d.schedule.iloc[0]
    return bet_tree(float(row["bet"]), float(row["central_grant"]), net_cost=d.net_cost,
                    downstream_benefit=d.downstream_benefit, q_abate=d.q_abate,
                    q_pollute=d.q_pollute)


def _fig_tree(n: RiverNumbers) -> Figure:
    """The first year's tree with the subgame-perfect path drawn thick."""
    from govgames.games.extensive import tree_layout

    tree = _first_tree(n.data)
    fig = Figure(figsize=(15, 6.2), layout="constrained")
    ax = fig.add_subplot()
    draw_tree(tree, ax=ax, fontsize=7)
    pos, eq = tree_layout(tree), backward_induction(tree)[0]
    v = 0
    for action in tree_path(eq):
        node = tree.nodes[v]
        assert node.infoset is not None  # the path stops at a terminal node
        child = node.children[tree.infosets[node.infoset].actions.index(action)]
        ax.plot(*zip(pos[v], pos[child]), color="#aa3377", lw=3, zorder=0)
        v = child
    ax.set_title(f"{tree.title}: payoffs (Centre, Zhejiang, Anhui); thick: the "
                 "subgame-perfect path", fontsize="medium")
    return fig


def figures(numbers: RiverNumbers) -> dict:
    """The parameter map, the yearly incentives, the identified set and the game tree.

    Examples
    --------
    >>> sorted(figures(compute(load())))
    ['bet_tree', 'identified_set', 'incentive_by_year', 'parameter_map']
    """
    return {"parameter_map": _fig_map(numbers), "incentive_by_year": _fig_years(numbers),
            "identified_set": _fig_identified(numbers), "bet_tree": _fig_tree(numbers)}


def _static_text(n: RiverNumbers) -> str:
    """The finding on the one-shot bet (thresholds, the grant, the identified set)."""
    d, years, part = n.data, n.years, n.participation
    c, b, sb, qa, qp = (d.abatement_cost, d.upstream_benefit, d.downstream_benefit, d.q_abate,
                        d.q_pollute)
    alone = years[(years["grant_reading"] == "paid in any case")]
    earmarked_all = bool(years.loc[years["grant_reading"] != "paid in any case",
                                   "upstream_abates"].all())
    first_alone = alone.loc[alone["upstream_abates"], "year"]
    first_txt = (f"from {int(first_alone.min())} on" if len(first_alone) else "in no year")
    if "Abate" in n.base_eq[:1]:
        return (f"Without compensation the upstream city abates on its own (equilibrium "
                f"({', '.join(n.base_eq)})): its cost {c:g} is at most its own benefit {b:g}, "
                f"so no transfer is needed for abatement and the bet and the grant change no "
                f"one's decision to abate; downstream would pay up to {n.t_max:g}. All of this "
                f"rests on the assumed cost and benefits.")
    return (
        f"Without compensation the upstream city does not abate (equilibrium "
        f"({', '.join(n.base_eq)})), although abatement is "
        f"{'efficient' if n.efficient else 'not efficient'}: its net cost {c - b:g} is "
        f"{'below' if n.efficient else 'above'} the downstream benefit {sb:g}. A payment of at "
        f"least {n.t_min:g} a year for abating makes abatement an equilibrium, and downstream "
        f"would pay up to {n.t_max:g}. The Xin'an bet (each side stakes t on P <= 1) needs a "
        f"stake of {n.bet_min:.3g}, "
        + ("less than that payment, because a polluting upstream also pays"
           if n.bet_min <= n.t_min else
           "more than that payment, because the water-quality test is a noisy signal of abatement")
        + f"; with the illustrative odds the observed stakes make abatement an equilibrium on "
        f"their own {first_txt}. The centre's grant paid in any case changes nobody's incentive; "
        + _grant_role(part) + " "
        + ("Earmarked for protection works, it covers the gap in every year."
           if earmarked_all else
           "Even earmarked for protection works it does not cover the gap in every year.")
        + " All of this rests on the assumed cost and benefits. What the observations imply "
        "instead: Zhejiang offered the bet and Anhui abated in "
        + (f"each of the {len(d.schedule)} years" if len(d.schedule) > 1 else "the one year")
        + ", which is an equilibrium only if Anhui's net abatement cost k is at most "
        f"{n.k_max_any:.3g} (grant paid in any case; {n.k_max_ear:.3g} if the grant was "
        f"earmarked) and Zhejiang's benefit D at least {n.d_min:.3g} (100 million yuan a year, "
        f"given the assumed odds q_abate = {qa:g}, q_pollute = {qp:g}); the assumed net cost "
        f"{c - b:g} "
        + ("lies inside that set." if c - b <= n.k_max_any else
           ("lies outside it unless the grant was earmarked." if c - b <= n.k_max_ear else
            "lies outside it, whether or not the grant was earmarked.")))


def _grant_role(part: pd.DataFrame) -> str:
    """What the grant paid in any case does for Anhui's participation (first year)."""
    without = part["anhui_gain_without_grant"].iloc[0]
    with_g = part["anhui_gain_if_abating_vs_no_deal"].iloc[0]
    nums = (f"(Anhui's gain from the deal without the grant is {without:.3g} in the first year, "
            f"with it {with_g:.3g})")
    if without >= 0:
        return (f"Anhui gains from the deal even without it {nums}, so the grant is not what "
                "makes the agreement worth signing.")
    if with_g < 0:
        return f"even with it the deal does not pay Anhui in the first year {nums}."
    return f"what it does is make the agreement worth signing for Anhui {nums}."


def _years_text(years) -> str:
    ys = [str(int(y)) for y in years]
    return ("in " + ", ".join(ys)) if ys else "in no year"


def _round_label(r) -> str:
    return str(int(r)) if isinstance(r, (float, np.floating)) and float(r).is_integer() else str(r)


def _share_text(share) -> str:
    if not np.isfinite(share):
        return "a share that is not defined"
    if share < 0:
        return f"{100 * share:.0f}% (below its disagreement payoff)"
    if share > 1:
        return f"{100 * share:.0f}% (more than the whole surplus: Zhejiang below its " \
               "disagreement payoff)"
    return f"{100 * share:.0f}%"


def _other_years(seq: pd.DataFrame, grants: list) -> str:
    row = seq[~seq["year"].isin(grants)].iloc[0]
    count = int(row["subgame_perfect_equilibria"])
    return (f"; in the other years a subgame-perfect path is {row['path']}"
            + (f" (one of {count} equilibria)." if count > 1 else "."))


def _sequential_text(n: RiverNumbers) -> str:
    """The finding on the game tree and the bargained stakes."""
    seq = n.sequential[n.sequential["grant_reading"] == "paid on signing"]
    grants = seq.loc[seq["centre_grants"] & seq["anhui_abates"], "year"].tolist()
    text = (" As a game tree (the centre funds the agreement or not, Zhejiang offers the bet, "
            "Anhui signs and abates or not, nature draws the water-quality index, then one "
            "side pays), the subgame-perfect path with the grant paid on signing is: ")
    if grants:
        text += (f"centre grants, Zhejiang offers, Anhui signs and abates {_years_text(grants)}"
                 + ("." if len(grants) == len(seq) else _other_years(seq, grants)))
    else:
        text += "; ".join(f"{path} {_years_text(grp['year'])}"
                          for path, grp in seq.groupby("path", sort=False)) + "."
    return text + _bargaining_text(n.bargaining)


def _bargaining_text(bar: pd.DataFrame) -> str:
    if len(bar) == 0 and bar.attrs.get("not assessed"):
        return (" The stakes cannot be read as bargaining over the agreement's surplus with "
                f"these odds: {bar.attrs['not assessed']}.")
    if len(bar) == 0:
        return " With these inputs there is no surplus for the provinces to bargain over."
    head = " Read as bargaining over the agreement's surplus D - k + G, "
    if "agreement possible" in bar.columns and not bar["agreement possible"].any():
        return head + ("no stake makes Anhui abate without leaving one province below no "
                       "agreement in any round: the bargaining set is empty (no agreement; "
                       "assumed k, D and odds).")
    first, last = bar.iloc[0], bar.iloc[-1]
    if "agreement possible" in bar.columns and not first["agreement possible"]:
        first = bar[bar["agreement possible"]].iloc[0]
    note = ("" if "agreement possible" not in bar.columns or bar["agreement possible"].all()
            else " (no agreement is possible in round(s) "
            + ", ".join(_round_label(r) for r in bar.loc[~bar["agreement possible"], "round"])
            + ")")
    observed = (f"the observed stakes {bar.iloc[0]['observed stake']:g} and "
                f"{last['observed stake']:g} give Anhui {_share_text(bar.iloc[0][_SHARE])} and "
                f"{_share_text(last[_SHARE])} of the surplus" if len(bar) > 1 else
                f"the observed stake {last['observed stake']:g} gives Anhui "
                f"{_share_text(last[_SHARE])} of the surplus")
    return head + (
        f"an equal Nash split gives a stake of {first['Nash stake']:.3g} in round "
        f"{_round_label(first['round'])}{note} (Rubinstein, Zhejiang proposing first: "
        f"{first['Rubinstein stake']:.3g}); {observed} (assumed k, D and odds).")


_READINGS = {"Nash": "an equal Nash split", "Rubinstein": "Rubinstein's alternating offers"}


def _round3_grant_text(r) -> str:
    """The grant at which each bargaining reading gives the observed stake, in words."""
    g = {n: r[f"grant for the observed stake ({n})"] for n in _READINGS}
    ok = [n for n in _READINGS if np.isfinite(g[n])]
    if len(ok) == 2:
        return (f"an equal Nash split would give the observed stake if the grant was "
                f"{g['Nash']:.3g} (Rubinstein: {g['Rubinstein']:.3g})")
    if not ok:
        return ("no non-negative grant would give the observed stake, under an equal Nash "
                "split or Rubinstein's alternating offers")
    other = next(n for n in _READINGS if n not in ok)
    return (f"{_READINGS[ok[0]]} would give the observed stake if the grant was "
            f"{g[ok[0]]:.3g}, while under {_READINGS[other]} no non-negative grant would give "
            "the observed stake")


def _round3_text(r3: pd.DataFrame) -> str:
    """Round 3: the observed stake against the bargaining readings, the grant unpublished."""
    head = " Round 3 (2018-2020) kept the stake at {:g} under a stricter standard"
    if len(r3) == 0 and r3.attrs.get("not assessed"):
        return (head.format(r3.attrs["observed stake"]) + ", but round 3 cannot be assessed "
                "with these odds: " + r3.attrs["not assessed"] + ".")
    if len(r3) == 0:
        return ""
    r = r3.iloc[0]
    head = head.format(r["observed stake"])
    nash, rub = r["Nash stake without a grant"], r["Rubinstein stake without a grant"]
    without = ("without a grant there is no surplus to bargain over (D - k <= 0)"
               if not (np.isfinite(nash) or np.isfinite(rub)) else
               f"without a grant it would ask {nash:.3g} (Rubinstein: {rub:.3g})")
    return (head + ", but its central grant is not published, so no bargained stake can be "
            "computed for it: " + _round3_grant_text(r) + ", and " + without + "; "
            + ("the outside options (no agreement) do not bind"
               if r["outside options bind"] == "no" else
               f"binding outside options: {r['outside options bind']}")
            + " (assumed k, D and odds, the same odds as before the stricter standard).")


def _round3_note(r3: pd.DataFrame) -> str:
    """How the notes describe the round 3 comparison: made, impossible with these odds, or
    not made (a user schedule)."""
    if len(r3):
        return ("compared with the bargaining readings only through the grant each would need; "
                "the stricter standard lowers the odds of meeting it by an unpublished amount, "
                "and the comparison keeps the assumed odds.")
    if r3.attrs.get("not assessed"):
        return ("not assessed with these odds: " + r3.attrs["not assessed"] + ".")
    return "not compared here (a user schedule replaces the Xin'an figures)."


def narrate(numbers: RiverNumbers) -> tuple[str, list]:
    """The finding and the notes, written from the numbers.

    Examples
    --------
    >>> finding, notes = narrate(compute(load(), with_map=False))
    >>> finding.split(". ")[0]
    'Without compensation the upstream city does not abate (equilibrium (Pollute, Pollute)), although abatement is efficient: its net cost 2 is below the downstream benefit 4'
    """
    notes = [
        "Costs, benefits and the chances of meeting the standard (q_abate, q_pollute) are "
        "illustrative: the constants of the P formula and the cost of Anhui's protection works "
        "are not in the bundled sources. Pass your own with --param.",
        "Round 2's stake is taken as 2 a year (each province's yearly contribution; source X3); "
        "one source (X4) still describes the bet as 1 either way.",
        "The downstream city's own abatement (the second player's strategy) is kept from the "
        "textbook game; it does not pay for the downstream city in any year.",
        f"Game tree and bargaining: observed are the stakes, the grants and that Anhui abated; "
        f"assumed are k = c - b, D = s·b, the odds, the centre's excess burden "
        f"{float(EXCESS_BURDEN):g} per yuan of grant (Dahlby 2008), the discount factor "
        f"{float(BARGAINING_DELTA):g} per round of offers, Zhejiang proposing first, and no "
        "agreement as the disagreement point.",
        "Round 3 (2018-2020): the stake of 2 a year is observed (X5, X7); the central grant is "
        "not published (an explicit 'not published' entry in xinan_round3.csv), so round 3 is "
        "left out of the yearly tables and " + _round3_note(numbers.round3)]
    return (_static_text(numbers) + _sequential_text(numbers) + _round3_text(numbers.round3),
            notes)


def _key_numbers(n: RiverNumbers) -> dict:
    d, years, seq, bar = n.data, n.years, n.sequential, n.bargaining
    assert n.pmap is not None  # computed with the map
    alone = years[(years["grant_reading"] == "paid in any case")]
    signing = seq[seq["grant_reading"] == "paid on signing"]
    by_round = (lambda col: dict(zip(bar["round"].tolist(), bar[col].tolist()))) if len(bar) \
        else (lambda col: {})
    return {
        "equilibrium_without_compensation": ", ".join(n.base_eq),
        "abatement_efficient": bool(n.efficient),
        "net_abatement_cost": d.net_cost,
        "minimal_compensation": n.t_min,
        "downstream_max_payment": n.t_max,
        "minimal_bet": n.bet_min,
        "minimal_bet_sure_test": n.bet_min_sure,
        "bet_incentive_per_unit_stake": 2 * (d.q_abate - d.q_pollute),
        "years_abating_on_bet_alone": [int(y) for y in alone.loc[alone["upstream_abates"], "year"]],
        "map_region_shares": {k: round(v, 4) for k, v in n.pmap.shares().items()
                              if round(v, 4) > 0},
        "identified_net_cost_max": n.k_max_any,
        "identified_net_cost_max_earmarked": n.k_max_ear,
        "identified_downstream_benefit_min": n.d_min,
        "tree_path_first_year": signing["path"].iloc[0],
        "years_tree_abates": [int(y) for y in signing.loc[signing["anhui_abates"], "year"]],
        "nash_stake_by_round": by_round("Nash stake"),
        "rubinstein_stake_by_round": by_round("Rubinstein stake"),
        "anhui_implied_share_by_round": by_round(_SHARE),
        **_round3_numbers(n.round3),
    }


def _round3_numbers(r3: pd.DataFrame) -> dict:
    if len(r3) == 0 and r3.attrs.get("not assessed"):
        return {"round3_observed_stake": r3.attrs["observed stake"],
                "round3_central_grant": "not published"}
    if len(r3) == 0:
        return {}
    r = r3.iloc[0]
    return {"round3_observed_stake": float(r["observed stake"]),
            "round3_central_grant": "not published",
            "round3_grant_for_observed_stake": {
                name: float(r[f"grant for the observed stake ({name})"])
                for name in ("Nash", "Rubinstein")},
            "round3_stake_without_grant": {
                name: float(r[f"{name} stake without a grant"]) for name in ("Nash", "Rubinstein")}}


def _inputs_table(d: RiverData) -> pd.DataFrame:
    return pd.DataFrame([
        {"input": "abatement cost c (abatement_cost)", "value": d.abatement_cost,
         "status": "assumed"},
        {"input": "upstream's own benefit b (upstream_benefit)", "value": d.upstream_benefit,
         "status": "assumed"},
        {"input": "downstream benefit s·b (downstream_benefit)", "value": d.downstream_benefit,
         "status": "assumed"},
        {"input": "P ≤ 1 met if upstream abates (q_abate)", "value": d.q_abate,
         "status": "assumed"},
        {"input": "P ≤ 1 met if upstream pollutes (q_pollute)", "value": d.q_pollute,
         "status": "assumed"},
        {"input": "centre's excess burden per yuan of grant", "value": float(EXCESS_BURDEN),
         "status": "assumed"},
        {"input": "discount factor per round of offers", "value": float(BARGAINING_DELTA),
         "status": "assumed"},
        {"input": "central grant, bet (per year)", "value": np.nan,
         "status": "observed (Xin'an 2012-2017)" if d.data is None else f"from {d.data}"},
        {"input": "round 3 (2018-2020) stake", "value": (float(read_round3()["bet"].iloc[0])
                                                        if d.data is None else np.nan),
         "status": "observed (X5, X7)" if d.data is None else "not used (user schedule)"},
        {"input": "round 3 (2018-2020) central grant", "value": np.nan,
         "status": "not published"},
    ])


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
    data = load(abatement_cost=abatement_cost, upstream_benefit=upstream_benefit,
                downstream_benefit=downstream_benefit, q_abate=q_abate, q_pollute=q_pollute,
                data=data)
    numbers = compute(data)
    finding, notes = narrate(numbers)
    other = pd.read_csv(_OTHER)[["case", "year", "payer", "receiver", "amount", "unit"]]
    return CaseResult(
        name="river", title="Transboundary pollution and the river bet", finding=finding,
        tables={"inputs": _inputs_table(data), "Xin'an schedule by year": numbers.years,
                "participation": numbers.participation,
                "other compensation cases (observed)": other,
                "identified set from the observed rounds": numbers.identified,
                "game tree: subgame-perfect path by year": numbers.sequential,
                "bargained stakes by round": numbers.bargaining,
                "round 3 (2018-2020): observed stake, grant not published": numbers.round3},
        figures=figures(numbers), numbers=_key_numbers(numbers), describe=_DESCRIBE,
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
                                 "net abatement cost c - b.",
            "bet_tree": "The Xin'an bet of the first year as a game tree: the centre's grant, "
                        "Zhejiang's offer, Anhui's signature and abatement, the chance node of "
                        "the water-quality index (P <= 1) with its probabilities, and the "
                        "payoffs (Centre, Zhejiang, Anhui); thick: the subgame-perfect path."},
        glossary=_GLOSSARY,
        sources=["Xin'an River rounds: data/compensation/xinan_river_rounds.csv, "
                 "xinan_yearly.csv and xinan_round3.csv (sources X1-X8 in "
                 "data/compensation/SOURCES.md)",
                 "Miyun and Yiwu-Dongyang: data/compensation/other_compensation_cases.csv",
                 "Coase (1960); Cui et al.; Zhang, Li & Bian (2012)",
                 "Identified set: Manski (2003); Bresnahan and Reiss (1991)",
                 "Subgame perfection: Selten (1965); bargaining: Nash (1950), Rubinstein (1982); "
                 "marginal cost of public funds: Dahlby (2008)"],
        notes=notes, illustrative=True)
