"""Case study 7: the club and its threshold (the Yangtze River Delta coordination association).

*How local cooperation extends inter-governmental relations* describes the "club effect" of
regional cooperation organisations: once formed, the organisation behaves like a regional bloc
and sets a threshold for newcomers. The Yangtze River Delta urban economic coordination
association (长江三角洲城市经济协调会) required an urbanization level of at least 20%, a
per-capita GDP of at least 20% of Shanghai's and an economic-linkage intensity coefficient of at
least 10. In March 2010 six cities joined (Hefei, Yancheng, Ma'anshan, Jinhua, Huai'an, Quzhou;
*Reform of the regional administrative cooperation system*). The membership table gives 16
members before that round and 22 after it.

This module applies those rules to the 41 real prefecture-level cities of Shanghai, Jiangsu,
Zhejiang and Anhui with their 2010 census and statistical figures, asks who was eligible in 2010,
whether the club was stable and who gained from the 2010 expansion, and sweeps each threshold.

Data (bundled in ``analyses/data/yrd/``, see ``analyses/data/SOURCES.md``): the 2010 census
(population, urbanization, boundary centroids; Lei Dong et al., *China Census* v1, MIT), 2010
population, GDP and per-capita GDP, the borders between the cities, and the membership rounds of
the association (hand-compiled from cited news reports).

The case is a pipeline: :func:`load` (validated tables) -> :func:`compute` (a
:class:`ClubNumbers` of numbers and tables) -> :func:`figures` -> :func:`narrate` (the finding
written from the numbers) -> :func:`run`. The data functions live in
:mod:`govgames.analyses.club_data`, the model in :mod:`govgames.analyses.club_model` and the
drawings in :mod:`govgames.analyses.club_figures`; their public names are re-exported here.

**Economic linkage is a modelling choice, not an observed figure.** The association's linkage
coefficients are not published; we compute the gravity form common in the Chinese regional
literature, ``R_ij = sqrt(P_i G_i) * sqrt(P_j G_j) / d_ij**2`` (P in 10,000 persons, G in 100
million yuan, d in km between boundary centroids, great-circle), and a city's intensity with the
club as the sum of ``R_ij`` over the members. In these units the "≥ 10" threshold is a
calibration question; the case reports what it means under this computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.networks import club_stability as cs

from .base import CaseResult, Describe, register
from .club_data import (
    BUNDLED_STATISTICS_YEARS,
    CITY_COLUMNS,
    YRD_DIR,
    load_yrd_borders,
    load_yrd_cities,
    resolve_city,
    statistics_year,
    yrd_graph,
)
from .club_figures import calibration_figure, draw_yrd_network, gains_figure, sweep_figure
from .club_model import (
    GDP_RATIO_MIN,
    LINKAGE_MIN,
    REFERENCE_KEY,
    SHARE_TOL,
    URBANIZATION_MIN,
    club_members,
    eligibility_table,
    expansion_gains,
    fund_sweep,
    linkage_calibration,
    rounds_table,
    stable_coordination_costs,
    threshold_sweeps,
    yrd_club,
    yrd_entry_rule,
)

__all__ = [
    "ClubData",
    "ClubNumbers",
    "load",
    "compute",
    "figures",
    "narrate",
    "run",
    # re-exported from club_data, club_model and club_figures
    "CITY_COLUMNS",
    "YRD_DIR",
    "load_yrd_cities",
    "load_yrd_borders",
    "yrd_graph",
    "resolve_city",
    "yrd_entry_rule",
    "club_members",
    "eligibility_table",
    "linkage_calibration",
    "yrd_club",
    "expansion_gains",
    "fund_sweep",
    "rounds_table",
    "stable_coordination_costs",
    "statistics_year",
    "BUNDLED_STATISTICS_YEARS",
    "URBANIZATION_MIN",
    "GDP_RATIO_MIN",
    "LINKAGE_MIN",
    "MAX_GDP_RATIO",
    "REFERENCE_KEY",
    "threshold_sweeps",
    "draw_yrd_network",
]

#: the admission round studied by default (16 members, six entrants) and the GDP reference city
EXPANSION_YEAR = 2010
REFERENCE_CITY = "Shanghai"
#: values per threshold in the sweeps, and the fewest that draw a curve
SWEEP_POINTS = 6
MIN_SWEEP_POINTS = 2
#: work of the threshold sweeps, for the budget check: at each sweep point the club admits up
#: to one city per step, and each step checks the rule and the welfare of every outsider over
#: every city, so a point costs about ``cities**3`` steps (measured: 41 s of CPU for 200
#: synthetic cities and two points, about ``4e7`` such steps, on a loaded machine)
SWEEP_WORK_PER_CITY_CUBED = 1
#: memory of the city network per pair of cities (the complete gravity-linkage graph; measured
#: about 380 bytes per pair while it is built) and per cell of the club's dense matrices
GRAPH_BYTES_PER_PAIR = 400
MATRIX_BYTES_PER_CELL = 24
#: the range swept for each threshold: (start, stop, spacing)
SWEEP_RANGES = {"u_min": (0.0, 0.9, "linear"), "g_ratio": (0.0, 1.2, "linear"),
                "l_min": (0.0, 4.0, "log10")}
#: club funds tried by the fund sweep, as shares of the club's linkage value before the round
FUND_SHARES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5)

_SOURCES = [
    "“Local cooperation”: the club effect and "
    "the association's entry rules (urbanization >= 20%, per-capita GDP >= 20% of Shanghai's, "
    "linkage coefficient >= 10).",
    "“Regional cooperation reform”: the six cities "
    "admitted in March 2010.",
    "analyses/data/yrd/yrd_cities_census.csv: 2010/2020 census population, urbanization and "
    "boundary centroids (Lei Dong et al., China Census v1, MIT License).",
    "analyses/data/yrd/yrd_cities_gdp_2010.csv: 2010 population, GDP and per-capita GDP "
    "(official 2010 figures as compiled in xmengweb/Traffic-visualization).",
    "analyses/data/yrd/yrd_city_borders.csv: cities that share a border (derived from the census "
    "boundaries).",
    "analyses/data/yrd/yrd_association_membership.csv: membership rounds of the association "
    "(news reports cited in analyses/data/SOURCES.md).",
]



# ------------------------------------------------------------------------------------------------
# load

@dataclass
class ClubData:
    """The validated input tables of the club case (no modelling).

    Attributes
    ----------
    cities : pandas.DataFrame
        One row per city (:func:`~govgames.analyses.club_data.load_yrd_cities`), indexed by
        the city key.
    borders : pandas.DataFrame or None
        Pairs of cities sharing a border
        (:func:`~govgames.analyses.club_data.load_yrd_borders`), or None.
    bundled : bool
        True for the bundled 2010 figures, False for a user's city file.
    source : str or None
        File name of the user's city table (None for the bundled one).
    """

    cities: pd.DataFrame
    borders: pd.DataFrame | None
    bundled: bool = True
    source: str | None = None


def load(*, data=None, borders=None) -> ClubData:
    """Read and check the club case's tables.

    Parameters
    ----------
    data : str or Path, optional
        A user CSV of cities (:data:`~govgames.analyses.club_data.CITY_COLUMNS`); default the
        41 bundled cities.
    borders : str or Path, optional
        A user CSV of shared borders; default the bundled borders with the bundled cities and
        none with user data.

    Returns
    -------
    ClubData

    Raises
    ------
    InputError
        A malformed city or border table (naming the file, row and column).

    Examples
    --------
    >>> d = load()
    >>> len(d.cities), len(d.borders), d.bundled
    (41, 100, True)
    """
    cities = load_yrd_cities(data)
    if borders is not None:
        border_df = load_yrd_borders(borders)
    elif data is None:
        border_df = load_yrd_borders()
    else:
        border_df = None
    return ClubData(cities=cities, borders=border_df, bundled=data is None,
                    source=None if data is None else Path(data).name)


# ------------------------------------------------------------------------------------------------
# compute

@dataclass
class ClubNumbers:
    """The numbers and tables of the club case for one admission round (no prose, no figures).

    Attributes
    ----------
    year : int
        The admission round studied.
    reference : str
        Key of the reference city of the per-capita GDP rule.
    names : dict
        City key -> English display name.
    members, entrants : list
        Keys of the members before the round and of the cities admitted in it.
    params : dict
        The case's thresholds and costs (``urbanization_min``, ``gdp_ratio_min``,
        ``linkage_min``, ``membership_cost``, ``club_fund``, ``coordination_cost``).
    numbers : dict
        The key numbers (as in :attr:`CaseResult.numbers`).
    tables : dict of str to pandas.DataFrame
        ``fund_sweep``, ``entrants``, ``eligibility``, ``admission_rounds``, ``who_gains``,
        ``threshold_sweeps`` (those that apply).
    status : dict
        City key -> ``member``, ``entrant``, ``eligible`` or ``ineligible``.
    stability : dict
        :func:`~govgames.analyses.club_model.stable_coordination_costs` of the enlarged club
        (empty without entrants).
    calibration : dict or None
        :func:`~govgames.analyses.club_model.linkage_calibration` of the round (None when it
        does not apply).
    eligibility : pandas.DataFrame or None
        :func:`~govgames.analyses.club_model.eligibility_table` of every city against the rule.
    graph : networkx.Graph or None
        The city graph (:func:`~govgames.analyses.club_data.yrd_graph`).
    bundled : bool
        True for the bundled 2010 figures.
    source : str or None
        File name of a user's city table.
    """

    year: int
    reference: str
    names: dict
    members: list
    entrants: list
    params: dict
    numbers: dict
    tables: dict = field(default_factory=dict)
    status: dict = field(default_factory=dict)
    stability: dict = field(default_factory=dict)
    calibration: dict | None = None
    eligibility: pd.DataFrame | None = None
    graph: nx.Graph | None = None
    bundled: bool = True
    source: str | None = None


def _sweep_points(sweep_points) -> int:
    n = int(sweep_points)
    if n < MIN_SWEEP_POINTS:
        raise InputError(f"club: sweep_points must be at least {MIN_SWEEP_POINTS}")
    return n


def _check_size(n: int, sweep_points: int) -> None:
    """Refuse, before any work, a city table whose network does not fit in memory or whose
    threshold sweeps would run for hours (the work grows as ``cities**3`` per sweep point)."""
    from govgames.games.budget import check_memory, check_work

    pairs = n * (n - 1) // 2
    check_work(3 * sweep_points * float(n) ** 3 * SWEEP_WORK_PER_CITY_CUBED,
               f"club: threshold sweeps with sweep_points={sweep_points} over {n:,} cities",
               "use fewer sweep points (a few dozen draw a smooth curve) or fewer cities "
               "(each sweep point replays the admissions: work grows as cities**3)")
    check_memory(pairs * GRAPH_BYTES_PER_PAIR + n * n * MATRIX_BYTES_PER_CELL,
                 f"club: the linkage network of {n:,} cities ({pairs:,} pairs of cities)",
                 f"the case builds the complete network of city pairs, about "
                 f"{GRAPH_BYTES_PER_PAIR} bytes a pair; use fewer cities")


#: the largest per-capita GDP ratio to the reference city a rule may ask (a bound on input
#: errors: no city table has a city 100 times richer per head than another)
MAX_GDP_RATIO = 100


def _check_thresholds(urbanization_min, gdp_ratio_min, linkage_min) -> None:
    """Refuse entry thresholds outside their domain, by name: the urbanization share in
    [0, 1], the per-capita GDP ratio in [0, :data:`MAX_GDP_RATIO`], the linkage >= 0."""
    from govgames.games.numbers import exact_rational

    for name, v, hi, hint in (
            ("urbanization_min", urbanization_min, 1, " (a share: write 0.2 for 20%)"),
            ("gdp_ratio_min", gdp_ratio_min, MAX_GDP_RATIO,
             " (a ratio to the reference city's per-capita GDP: 0.2 is 20%)"),
            ("linkage_min", linkage_min, None, " (linkage units)")):
        domain = f"in [0, {hi}]" if hi is not None else "a non-negative number"
        if isinstance(v, (str, bytes)):
            raise InputError(f"club: {name} must be {domain}{hint}, got {v!r}")
        try:
            q = exact_rational(v, where=f"club: {name}")
        except InputError as exc:
            raise InputError(f"{exc}{hint}") from None
        if q < 0 or (hi is not None and q > hi):
            raise InputError(f"club: {name} must be {domain}{hint}, got {v!r}")


def _admission_round(cities: pd.DataFrame, expansion_year) -> int:
    """``expansion_year`` checked against the rounds in the data."""
    year = int(expansion_year)
    rounds_held = sorted({int(y) for y in cities["joined_year"] if int(y) > 0})
    if year not in rounds_held[1:]:
        raise InputError(f"club: expansion_year={year} is not an admission round of the data; "
                         f"cities were admitted in {', '.join(map(str, rounds_held[1:]))} "
                         f"(founded {rounds_held[0]})" if rounds_held else
                         "club: no city has a joined_year in the data")
    return year


def _statuses(cities, members, entrants, elig) -> dict:
    status = {}
    for c in cities.index:
        if c in members:
            status[c] = "member"
        elif c in entrants:
            status[c] = "entrant"
        elif bool(elig.loc[c, "eligible"]):
            status[c] = "eligible"
        else:
            status[c] = "ineligible"
    return status


def _english_first(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the English ``name`` as its first column and the key ``city`` (also the
    English name in the bundled data) second."""
    first = [c for c in ("name", "city") if c in table.columns]
    return table[first + [c for c in table.columns if c not in first]]


def _eligibility_shown(elig, status, ref_gdp, provinces) -> pd.DataFrame:
    """The eligibility table as the case shows it (English names first, the key as a column)."""
    return pd.DataFrame({
        "name": elig["name_en"], "city": elig["city"],
        "province": [provinces.get(c, p) for c, p in zip(elig.index, elig["province"])],
        "joined_year": elig["joined_year"], "status": [status[c] for c in elig.index],
        "urbanization": elig["urbanization.value"],
        "gdp_per_capita_yuan": elig["gdp_per_capita.value"],
        "gdp_pc_share_of_reference": elig["gdp_per_capita.value"] / ref_gdp,
        "linkage_with_members": elig["linkage.value"],
        "passes_urbanization": elig["urbanization.pass"],
        "passes_gdp_per_capita": elig["gdp_per_capita.pass"],
        "passes_linkage": elig["linkage.pass"], "eligible": elig["eligible"]}
    ).reset_index(drop=True)


def _eligibility_numbers(cities, elig, members, entrants, names, ref_gdp, gdp_ratio_min,
                         year) -> dict:
    outsiders = [c for c in cities.index if c not in members]
    excluded = {k: [names[c] for c in cities.index if not bool(elig.loc[c, f"{k}.pass"])]
                for k in ("urbanization", "gdp_per_capita", "linkage")}
    return {
        "cities": len(cities), "members_before": len(members), "entrants": len(entrants),
        "reference_gdp_per_capita_yuan": ref_gdp,
        "gdp_per_capita_threshold_yuan": float(gdp_ratio_min) * ref_gdp,
        f"eligible_{year}": int(elig["eligible"].sum()),
        "eligible_outsiders": sum(bool(elig.loc[c, "eligible"]) for c in outsiders),
        "excluded_by_urbanization": excluded["urbanization"],
        "excluded_by_gdp_per_capita": excluded["gdp_per_capita"],
        "excluded_by_linkage": excluded["linkage"],
        "entrants_not_eligible": [names[c] for c in entrants
                                  if not bool(elig.loc[c, "eligible"])],
        "min_outsider_linkage": float(min(elig.loc[outsiders, "linkage.value"]))
        if outsiders else float("nan"),
    }


def _calibration(elig, entrants) -> dict | None:
    if not entrants:
        return None
    try:
        return linkage_calibration(elig, entrants)
    except InputError:
        return None


def _calibration_numbers(calib: dict, names: dict, linkage_min: float) -> dict:
    return {
        "linkage_best_cut_low": calib["best_threshold_low"],
        "linkage_best_cut_high": calib["best_threshold_high"],
        "linkage_best_cut_errors": calib["errors"],
        "linkage_best_cut_missed": [names[c] for c in calib["missed"]],
        "linkage_best_cut_false_admits": [names[c] for c in calib["false_admits"]],
        "linkage_scale_factor_for_rule": (calib["best_threshold_low"] / float(linkage_min)
                                          if linkage_min > 0 else float("nan")),
    }


def _expansion_numbers(club, gains, entrants, stab, names) -> dict:
    after_club = club.members | frozenset(entrants)
    after = cs.summary(club, after_club)
    return {
        "internally_stable_after": bool(after["internally_stable"]),
        "externally_stable_after": bool(after["externally_stable"]),
        "want_to_join_after": [names[c] for c in after["wants_to_join"]],
        "members_losing_from_expansion": [gains.loc[c, "name"] for c in gains.index
                                          if gains.loc[c, "gain"] < -SHARE_TOL],
        "largest_gainer": gains.iloc[0]["name"],
        "largest_gain_pct": float(gains["gain_pct"].max()),
        "club_value_before": float(club.value(club.members)),
        "club_value_after": float(club.value(after_club)),
        "coordination_cost_external_stability_from": stab["low"],
        "coordination_cost_internal_stability_up_to": stab["high"],
    }


def _entrants_table(club, entrants, elig, names) -> pd.DataFrame:
    rows = cs.expansion(club, candidates=entrants)
    return pd.DataFrame({
        "name": [names[c] for c in rows.index], "city": rows.index,
        "linkage_with_members": [float(elig.loc[c, "linkage.value"]) for c in rows.index],
        "eligible": [bool(elig.loc[c, "eligible"]) for c in rows.index],
        "share_if_admitted_alone": rows["candidate_share"].to_numpy(),
        "wants_to_join": rows["wants_to_join"].to_numpy(),
        "members_consent": rows["members_consent"].to_numpy(),
        "welfare_change": rows["welfare_change"].to_numpy()})


def _sweep_grids(sweep_points: int, rule_values: dict) -> dict:
    """The values of each threshold to sweep (:data:`SWEEP_RANGES`, plus the rule's value)."""
    grids = {}
    for key, (lo, hi, spacing) in SWEEP_RANGES.items():
        grid = (np.linspace(lo, hi, sweep_points) if spacing == "linear"
                else np.logspace(lo, hi, sweep_points))
        grids[key] = np.unique(np.append(grid, float(rule_values[key])))
    return grids


def _expansion_part(cities, G, members, entrants, rule, club, elig, names, params) -> tuple:
    """Numbers and tables of the expansion: who gains, stability after, the fund sweep."""
    stab = stable_coordination_costs(cities, G, sorted(set(members) | set(entrants)), rule,
                                     membership_cost=params["membership_cost"],
                                     club_fund=params["club_fund"])
    gains = expansion_gains(club, entrants, names=names)
    numbers = _expansion_numbers(club, gains, entrants, stab, names)
    v0 = float(club.value(club.members))
    fs = fund_sweep(cities, G, members, entrants, rule, [x * v0 for x in FUND_SHARES],
                    membership_cost=params["membership_cost"], names=names)
    fs.insert(1, "fund_share_of_club_value", FUND_SHARES)
    first = fs[fs["members_losing"] > 0]
    numbers["smallest_fund_with_objections"] = (float(first["club_fund"].iloc[0])
                                                if len(first) else None)
    tables = {"fund_sweep": fs, "entrants": _entrants_table(club, entrants, elig, names)}
    return numbers, tables, gains, stab


def compute(data: ClubData, *, urbanization_min: float = URBANIZATION_MIN,
            gdp_ratio_min: float = GDP_RATIO_MIN, linkage_min: float = LINKAGE_MIN,
            membership_cost: float = 0.0, club_fund: float = 0.0,
            coordination_cost: float = 0.0, expansion_year: int = EXPANSION_YEAR,
            reference: str = REFERENCE_CITY, sweep_points: int = SWEEP_POINTS) -> ClubNumbers:
    """The numbers and tables of the club case.

    Parameters
    ----------
    data : ClubData
        From :func:`load`.
    urbanization_min, gdp_ratio_min, linkage_min : float
        The entry thresholds (shares 0..1, and linkage units).
    membership_cost, club_fund, coordination_cost : float
        Modelling assumptions, in linkage units (see :func:`run`).
    expansion_year : int
        The admission round studied.
    reference : str
        The reference city of the per-capita GDP rule (key, English or Chinese name).
    sweep_points : int
        Values per threshold in the sweeps (at least 2).

    Returns
    -------
    ClubNumbers

    Raises
    ------
    InputError
        Too few sweep points or too much work, an unknown reference city, a year that is not
        an admission round, a negative cost or fund, or a threshold outside its domain
        (``urbanization_min`` in [0, 1], ``gdp_ratio_min`` in [0, :data:`MAX_GDP_RATIO`],
        ``linkage_min`` >= 0).

    Examples
    --------
    >>> n = compute(load(), sweep_points=2)
    >>> n.numbers["eligible_2010"], len(n.members), len(n.entrants)
    (37, 16, 6)
    """
    sweep_points = _sweep_points(sweep_points)
    _check_thresholds(urbanization_min, gdp_ratio_min, linkage_min)
    cities = data.cities
    _check_size(len(cities), sweep_points)
    ref = resolve_city(cities, reference, "reference city")
    names = dict(zip(cities.index, cities["name_en"]))
    G = yrd_graph(cities, data.borders)
    year = _admission_round(cities, expansion_year)
    members = club_members(cities, year)
    entrants = [c for c in cities.index if int(cities.loc[c, "joined_year"]) == year]
    params = {"urbanization_min": urbanization_min, "gdp_ratio_min": gdp_ratio_min,
              "linkage_min": linkage_min, "membership_cost": membership_cost,
              "club_fund": club_fund, "coordination_cost": coordination_cost}
    rule = yrd_entry_rule(urbanization_min=urbanization_min, gdp_ratio_min=gdp_ratio_min,
                          linkage_min=linkage_min, reference=ref)
    elig = eligibility_table(cities, G, members, rule)
    ref_gdp = float(cities.loc[ref, "gdp_per_capita_yuan"])
    status = _statuses(cities, members, entrants, elig)
    calib = _calibration(elig, entrants)
    club = yrd_club(cities, G, members, rule, membership_cost=membership_cost,
                    club_fund=club_fund, coordination_cost=coordination_cost)
    before = cs.summary(club)
    numbers = _eligibility_numbers(cities, elig, members, entrants, names, ref_gdp,
                                   gdp_ratio_min, year)
    numbers.update({"internally_stable_before": bool(before["internally_stable"]),
                    "externally_stable_before": bool(before["externally_stable"]),
                    "want_to_join_before": [names[c] for c in before["wants_to_join"]]})
    if calib is not None:
        numbers.update(_calibration_numbers(calib, names, linkage_min))
    tables, gains, stab = {}, None, {}
    if entrants:
        more, tables, gains, stab = _expansion_part(cities, G, members, entrants, rule, club,
                                                    elig, names, params)
        numbers.update(more)
    provinces = (dict(zip(cities.index, cities["province_en"]))
                 if "province_en" in cities.columns else {})
    tables["eligibility"] = _eligibility_shown(elig, status, ref_gdp, provinces)
    rounds = rounds_table(cities, G, rule, names=names,
                          available=BUNDLED_STATISTICS_YEARS if data.bundled else None)
    if len(rounds):
        tables["admission_rounds"] = rounds
        numbers["entrants_not_eligible_by_round"] = {
            int(y): [x for x in str(n).split(", ") if x]
            for y, n in zip(rounds["year"], rounds["entrants_not_eligible"])}
    if gains is not None:
        tables["who_gains"] = _english_first(gains.reset_index(drop=True))
    tables["threshold_sweeps"] = threshold_sweeps(club, _sweep_grids(sweep_points, {
        "u_min": urbanization_min, "g_ratio": gdp_ratio_min, "l_min": linkage_min}), names=names)
    return ClubNumbers(year=year, reference=ref, names=names, members=members,
                       entrants=entrants, params=params, numbers=numbers, tables=tables,
                       status=status, stability=stab, calibration=calib, eligibility=elig,
                       graph=G, bundled=data.bundled, source=data.source)


# ------------------------------------------------------------------------------------------------
# figures

def figures(numbers: ClubNumbers) -> dict:
    """The club case's figures: the city map, the threshold sweeps and, for a round with
    entrants, the linkage calibration and who gains.

    Parameters
    ----------
    numbers : ClubNumbers
        From :func:`compute` (needs ``graph``, ``status`` and the tables).

    Returns
    -------
    dict of str to matplotlib.figure.Figure

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> sorted(figures(compute(load(), sweep_points=2)))
    ['linkage_calibration', 'network', 'threshold_sweeps', 'who_gains']
    >>> plt.close("all")
    """
    p = numbers.params
    out = {
        "network": draw_yrd_network(
            numbers.graph, numbers.status, title=f"Coordination association and the "
            f"{numbers.year} round\n(gravity linkage rule; edges: shared borders)").figure,
        "threshold_sweeps": sweep_figure(numbers.tables["threshold_sweeps"],
                                         {"u_min": p["urbanization_min"],
                                          "g_ratio": p["gdp_ratio_min"],
                                          "l_min": p["linkage_min"]}),
    }
    if numbers.calibration is not None:
        out["linkage_calibration"] = calibration_figure(numbers.eligibility, numbers.entrants,
                                                        numbers.calibration, p["linkage_min"])
    if "who_gains" in numbers.tables:
        out["who_gains"] = gains_figure(numbers.tables["who_gains"])
    return out


# ------------------------------------------------------------------------------------------------
# narrate

def _fmt_names(names):
    return ", ".join(names) if names else "none"


def _eligibility_sentence(n: ClubNumbers) -> str:
    num, p = n.numbers, n.params
    data_label = "the 2010 figures" if n.bundled else "the given figures"
    return (f"For the {n.year} round ({num['members_before']} members, {data_label}), "
            f"{num[f'eligible_{n.year}']} of the {num['cities']} cities meet the three entry "
            f"rules. Failing per-capita GDP >= {100 * p['gdp_ratio_min']:g}% of "
            f"{n.names[n.reference]}'s ({num['gdp_per_capita_threshold_yuan']:,.0f} yuan): "
            f"{_fmt_names(num['excluded_by_gdp_per_capita'])}; failing urbanization >= "
            f"{100 * p['urbanization_min']:g}%: {_fmt_names(num['excluded_by_urbanization'])}; "
            f"failing linkage >= {p['linkage_min']:g} with the members: "
            f"{_fmt_names(num['excluded_by_linkage'])}.")


def _rounds_sentences(n: ClubNumbers) -> list:
    parts = []
    late = {y: v for y, v in n.numbers.get("entrants_not_eligible_by_round", {}).items() if v}
    if "admission_rounds" in n.tables and n.bundled:
        rt = n.tables["admission_rounds"]
        early = [int(y) for y, lab in zip(rt["year"], rt["statistics_year"])
                 if "before the round" not in lab]
        prior = [int(y) for y in rt["year"] if int(y) not in early]
        parts.append("Each round should be judged by the statistics of the year before it; the "
                     "bundled figures are for 2010 only, which precede the "
                     + ", ".join(map(str, prior)) + " rounds but not the "
                     + ", ".join(map(str, early)) + " rounds (those checks are indicative).")
    if late:
        parts.append("By the figures used, every entrant of every admission round met the rule "
                     "except " + "; ".join(f"{_fmt_names(v)} ({y})" for y, v in late.items())
                     + ".")
    return parts


def _calibration_sentence(n: ClubNumbers) -> str:
    num, calib, linkage_min = n.numbers, n.calibration, n.params["linkage_min"]
    assert calib is not None  # written only for a round the calibration applies to
    return (
        f"Computed as a gravity sum (a modelling choice), every outsider's linkage with the "
        f"{len(n.members)} members is at least {num['min_outsider_linkage']:.0f}"
        + (f", so the '>= {linkage_min:g}' rule excludes nobody and binds only on another "
           f"scale" if num["min_outsider_linkage"] >= linkage_min else "")
        + f"; the cut that best "
        f"reproduces the {n.year} round lies between {calib['best_threshold_low']:.0f} and "
        f"{calib['best_threshold_high']:.0f} ({calib['errors']} misclassified: missed "
        f"{_fmt_names(num['linkage_best_cut_missed'])}, would also admit "
        f"{_fmt_names(num['linkage_best_cut_false_admits'])}).")


def _gains_sentence(n: ClubNumbers) -> str:
    num, p = n.numbers, n.params
    losing = num["members_losing_from_expansion"]
    who = ("every incumbent gains from the " if not losing else
           f"{_fmt_names(losing)} lose and the other incumbents gain from the ")
    internal = ("internally stable" if num["internally_stable_after"]
                else "not internally stable")
    external = ("externally stable" if num["externally_stable_after"] else
                "not externally stable: " + str(len(num["want_to_join_after"]))
                + " eligible outsiders would gain by joining")
    costless = p["membership_cost"] == 0 and p["club_fund"] == 0 and p["coordination_cost"] == 0
    return (f"In the linkage game with Shapley shares {who}{n.year} expansion "
            f"({num['largest_gainer']} most); the enlarged club is {internal} and {external}"
            + (" (with costless membership this holds by construction: every link adds value, "
               "so every incumbent gains from any linked newcomer and every linked outsider "
               "wants in)" if costless else "") + ".")


def _stability_sentence(n: ClubNumbers) -> str:
    stab = n.stability
    lo, hi = stab["low"], stab["high"]
    outsider = n.names[stab["binding_outsider"]] if stab["binding_outsider"] else "none"
    return (f"With a coordination cost c per pair of members, the enlarged club keeps every "
            f"member for c <= {hi:.3g} ({n.names[stab['binding_member']]} leaves first) and "
            f"keeps out every eligible outsider for c >= {lo:.3g} ({outsider} wants in "
            "longest): "
            + (f"it is stable for {lo:.3g} <= c <= {hi:.3g} linkage units."
               if stab["stable_interval"] else
               "no coordination cost makes it both internally and externally stable, so under "
               "this model the association's size reflects its rules and consent, not "
               "stability."))


def _fund_sentences(n: ClubNumbers) -> list:
    num, fund = n.numbers, n.params["club_fund"]
    losing = num["members_losing_from_expansion"]
    if fund > 0:
        return [f"With the fund set here ({fund:g} linkage units, "
                f"{100 * fund / num['club_value_before']:.3g}% of the club's linkage value, "
                f"shared equally), {_fmt_names(losing) if losing else 'no member'} would lose "
                f"from the {n.year} expansion."]
    if num.get("smallest_fund_with_objections") is not None:
        fs = n.tables["fund_sweep"]
        row = fs[fs["members_losing"] > 0].iloc[0]
        return [f"If the club also shared a fixed fund equally (the fund sweep; none is set "
                f"here), newcomers would dilute it: with a fund of "
                f"{100 * row['fund_share_of_club_value']:g}% of the club's linkage value, "
                f"{row['losing_names']} would lose from the {n.year} expansion and would "
                f"object."]
    return []


#: caveats printed with every run of the case
_NOTES = [
    "Economic linkage is computed, not observed: R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij^2 "
    "with P in 10,000 persons, G in 100 million yuan (2010) and d the great-circle distance "
    "in km between boundary centroids; a city's linkage with the club is the sum over the "
    "members. The association's own coefficients and admission text were not found, so "
    "the '>= 10' threshold is a calibration question (see linkage_best_cut_*).",
    "Urbanization is the 2010 census share of urban residents; the association may have "
    "used another statistic. Per-capita GDP is the preliminary 2010 figure.",
    "The cooperative game (club worth = linkage among members, plus club_fund shared "
    "equally, minus membership_cost per member; Shapley shares; outsiders get 0) is a "
    "modelling assumption used for the stability and who-gains questions; the fund sweep "
    "sizes the fund as a share of the members' linkage value before the round.",
    "Shared borders are approximate (boundaries widened by about 100 m); the bundled file "
    "has 100 pairs.",
]


def narrate(numbers: ClubNumbers) -> tuple[str, list]:
    """The finding and the notes of the club case, written from the numbers.

    Parameters
    ----------
    numbers : ClubNumbers
        From :func:`compute` (or built by hand: the finding reads only ``numbers``,
        ``tables``, ``params``, ``names``, ``stability`` and ``calibration``).

    Returns
    -------
    (str, list of str)
        The finding (one paragraph) and the notes.

    Examples
    --------
    >>> finding, notes = narrate(compute(load(), sweep_points=2))
    >>> finding.split(",")[0], len(notes)
    ('For the 2010 round (16 members', 4)
    """
    n = numbers
    parts = [_eligibility_sentence(n), *_rounds_sentences(n)]
    if n.calibration is not None:
        parts.append(_calibration_sentence(n))
    if "who_gains" in n.tables:
        parts += [_gains_sentence(n), _stability_sentence(n), *_fund_sentences(n)]
    notes = list(_NOTES)
    if n.source is not None:
        notes.append(f"City data from the user file {n.source}.")
    return " ".join(parts), notes


# ------------------------------------------------------------------------------------------------
# the case

#: how the key numbers are shown: membership and statistics are observed, the entry thresholds
#: are the paper's, the linkage formula and the club's worth are modelling assumptions
_DESCRIBE = {
    "cities": Describe("Cities in the data", "cities", "observed"),
    "members_before": Describe("Members before the round", "cities", "observed"),
    "entrants": Describe("Cities admitted in the round", "cities", "observed"),
    "reference_gdp_per_capita_yuan": Describe("Per-capita GDP of the reference city", "yuan",
                                              "observed"),
    "gdp_per_capita_threshold_yuan": Describe("Per-capita GDP threshold", "yuan", "derived"),
    "eligible_outsiders": Describe("Outsiders meeting the three entry rules", "cities",
                                   "assumed"),
    "excluded_by_urbanization": Describe("Excluded by the urbanization rule", status="derived"),
    "excluded_by_gdp_per_capita": Describe("Excluded by the per-capita GDP rule",
                                           status="derived"),
    "excluded_by_linkage": Describe("Excluded by the linkage rule", status="assumed"),
    "entrants_not_eligible": Describe("Entrants that fail the rules", status="assumed"),
    "min_outsider_linkage": Describe("Smallest linkage of an outsider with the members",
                                     "linkage units", "assumed"),
    "internally_stable_before": Describe("No member gains by leaving (before)",
                                         status="assumed"),
    "externally_stable_before": Describe("No outsider gains by joining (before)",
                                         status="assumed"),
    "want_to_join_before": Describe("Outsiders that would gain by joining (before)",
                                    status="assumed"),
    "linkage_best_cut_low": Describe("Linkage threshold that best separates entrants, lower end",
                                     "linkage units", "assumed"),
    "linkage_best_cut_high": Describe("Linkage threshold that best separates entrants, upper "
                                      "end", "linkage units", "assumed"),
    "linkage_best_cut_errors": Describe("Cities misclassified at the best threshold", "cities",
                                        "assumed"),
    "linkage_best_cut_missed": Describe("Entrants below the best threshold", status="assumed"),
    "linkage_best_cut_false_admits": Describe("Non-entrants above the best threshold",
                                              status="assumed"),
    "linkage_scale_factor_for_rule": Describe("Scale between the paper's threshold (10) and the "
                                              "best threshold", status="assumed"),
    "internally_stable_after": Describe("No member gains by leaving (after)", status="assumed"),
    "externally_stable_after": Describe("No outsider gains by joining (after)", status="assumed"),
    "want_to_join_after": Describe("Outsiders that would gain by joining (after)",
                                   status="assumed"),
    "members_losing_from_expansion": Describe("Members that lose from the expansion",
                                              status="assumed"),
    "largest_gainer": Describe("Member that gains most", status="assumed"),
    "largest_gain_pct": Describe("Largest gain of a member", "%", "assumed"),
    "club_value_before": Describe("Club worth before", "linkage units", "assumed"),
    "club_value_after": Describe("Club worth after", "linkage units", "assumed"),
    "coordination_cost_external_stability_from": Describe(
        "Coordination cost per pair above which no eligible outsider wants in",
        "linkage units", "assumed"),
    "coordination_cost_internal_stability_up_to": Describe(
        "Coordination cost per pair up to which every member stays", "linkage units",
        "assumed"),
    "smallest_fund_with_objections": Describe("Smallest shared fund at which members object",
                                              "linkage units", "assumed"),
    "entrants_not_eligible_by_round": Describe("Entrants that fail the rules, by round",
                                               status="assumed"),
}
_CAPTIONS = {
    "network": "The cities of the region: members before the round, entrants, eligible and "
               "ineligible outsiders; edges join cities that share a border.",
    "threshold_sweeps": "How many cities each entry threshold admits, and the club's welfare, "
                        "as the threshold moves.",
    "linkage_calibration": "Linkage of each eligible candidate with the members: candidates "
                           "admitted in the round (red) against the others (orange).",
    "who_gains": "Change in each member's Shapley share from the expansion (linkage units).",
}
_GLOSSARY = {
    "linkage R_ij": "gravity model sqrt(P_i G_i) sqrt(P_j G_j) / d_ij², P in 10,000 persons, "
                    "G in 100 million yuan, d in km (a modelling assumption)",
    "internally stable": "no member gains by leaving the club",
    "externally stable": "no outsider gains by joining the club",
    "club_fund": "a fixed resource shared equally by the members (assumed; 0 by default)",
}



@register("club", "The club and its threshold")
def run(*, urbanization_min: float = URBANIZATION_MIN, gdp_ratio_min: float = GDP_RATIO_MIN,
        linkage_min: float = LINKAGE_MIN,
        membership_cost: float = 0.0, club_fund: float = 0.0, coordination_cost: float = 0.0,
        expansion_year: int = EXPANSION_YEAR, reference: str = REFERENCE_CITY,
        sweep_points: int = SWEEP_POINTS, data=None, borders=None) -> CaseResult:
    """The Yangtze River Delta association's entry rules applied to the 41 real cities.

    Parameters
    ----------
    urbanization_min, gdp_ratio_min, linkage_min : float
        The thresholds of “Local cooperation” (urbanization >= 20%, per-capita GDP >= 20% of the
        reference city's, economic linkage >= 10). Domains: ``urbanization_min`` is a share
        in [0, 1], ``gdp_ratio_min`` a ratio in [0, 100], ``linkage_min`` at least 0 in linkage
        units.
    membership_cost : float
        Cost of membership per member, in linkage units (a modelling assumption; 0 by default).
    club_fund : float
        A fixed club resource shared equally by the members (preferential policies, a joint
        fund), in linkage units (a modelling assumption; 0 by default). Newcomers dilute it.
    coordination_cost : float
        Cost per pair of members (coordination grows with the number of pairs), in linkage
        units (a modelling assumption; 0 by default). Whatever its value, the case reports the
        range of coordination costs under which the club would be stable.
    expansion_year : int
        The admission round studied: members are the cities that joined before it, entrants the
        ones that joined in it (2010: 16 members, six entrants).
    reference : str
        The reference city of the per-capita GDP rule (key, English or Chinese name:
        ``"Shanghai"``, ``"上海市"`` and ``"上海"`` are the same city).
    sweep_points : int
        Values per threshold in the sweeps.
    data : str, optional
        A CSV of cities replacing the bundled one; columns ``city``, ``population_10k``,
        ``gdp_100m_yuan``, ``gdp_per_capita_yuan``, ``urbanization`` (share 0..1), ``lon``,
        ``lat``, ``joined_year`` (0 = never joined); optional ``name_en``, ``province``.
    borders : str, optional
        A CSV of shared borders (``city_a``, ``city_b``, ``shared_border_km``); default the
        bundled one with the bundled cities, none with user data.

    Examples
    --------
    >>> r = run(sweep_points=3)
    >>> r.numbers["eligible_2010"], r.numbers["excluded_by_gdp_per_capita"]
    (37, ['Fuyang', 'Suzhou (Anhui)', "Lu'an", 'Bozhou'])
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _sweep_points(sweep_points)
    data_tables = load(data=data, borders=borders)
    numbers = compute(data_tables, urbanization_min=urbanization_min,
                      gdp_ratio_min=gdp_ratio_min, linkage_min=linkage_min,
                      membership_cost=membership_cost, club_fund=club_fund,
                      coordination_cost=coordination_cost, expansion_year=expansion_year,
                      reference=reference, sweep_points=sweep_points)
    figs = figures(numbers)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="club", title="The club and its threshold", finding=finding,
        tables=numbers.tables, figures=figs, numbers=numbers.numbers, sources=list(_SOURCES),
        notes=notes, illustrative=True, describe=_club_describe(numbers.year),
        captions=_CAPTIONS, glossary=_GLOSSARY)


def _club_describe(year: int) -> dict:
    """:data:`_DESCRIBE` with the numbers named after the admission round studied."""
    return {**_DESCRIBE, f"eligible_{year}": Describe(f"Cities meeting the entry rules in {year}",
                                                      "cities", "assumed")}
