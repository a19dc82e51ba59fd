"""Case study 6: sharing the gains of a regional cooperation network.

Zhang, Li and Bian (2012) and Cui et al. call the benefit mechanism (inducement, sharing,
compensation of losers) the core of cross-boundary governance; “Local cooperation” names three
sources of extra gains (savings, complementarity, new opportunities). Cooperative game theory turns
"what is a fair share?" into solution concepts: the Shapley value, the Myerson value (cooperation
only along the links of a network), the Owen value (cities grouped a priori by province), the
nucleolus (the split that makes the most dissatisfied coalition as content as possible) and the
proportional rule.

The case is a pipeline: :func:`load` (the network and the observed splits) -> :func:`compute`
(a :class:`SharingNumbers` of numbers and tables) -> :func:`figures` -> :func:`narrate` ->
:func:`run`. The data functions and the solution concepts (:func:`sharing_table`,
:func:`core_checks`, the identified sets) live in :mod:`govgames.analyses.sharing_model`; their
public names are re-exported here.

**What is observed and what is assumed.**

* Observed (the papers' figures, ``analyses/data/cases/observed_splits.csv``): Louisville and
  Jefferson County share regional income taxes 58.7% / 41.3% (Cui et al.); for watershed
  compensation Quanzhou pays 20, Fuzhou 27 and Xiamen 21 million yuan a year, and Urumqi pays
  Changji 40 million yuan a year (“Local cooperation”). The payers' 2010 population and GDP
  (``payer_cities_2010.csv``) are official statistics.
* Assumed (a modelling choice, not an observation): the characteristic function. The network
  case takes the members of the Yangtze River Delta coordination association before 2010 (real
  cities, real 2010 population, GDP and borders) and sets the gain of a coalition ``v(S)`` to the
  gravity linkage among its members, ``sum over pairs in S of sqrt(P_i G_i) sqrt(P_j G_j) /
  d_ij**2`` (the *linkage game*). Shares are reported in percent of the total gain, so the unit
  of ``v`` does not matter; its shape does.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError

from .base import CaseResult, Describe, register
from .sharing_model import (
    CASES_DIR,
    RULES,
    acceptance_game,
    association_network,
    core_checks,
    implied_bargaining_power,
    load_observed_splits,
    load_payer_cities,
    observed_comparison,
    payment_identified_set,
    province_unions,
    sharing_table,
    split_identified_set,
    two_party_split,
)

__all__ = [
    "CASES_DIR",
    "SharingData",
    "SharingNumbers",
    "load",
    "compute",
    "figures",
    "narrate",
    "acceptance_game",
    "split_identified_set",
    "implied_bargaining_power",
    "payment_identified_set",
    "load_observed_splits",
    "load_payer_cities",
    "association_network",
    "province_unions",
    "sharing_table",
    "core_checks",
    "two_party_split",
    "observed_comparison",
    "run",
]

_SOURCES = [
    "Cui et al. (Holistic collaborative governance of metropolitan areas): "
    "Louisville and Jefferson County share regional income taxes 58.7% / 41.3%.",
    "“Local cooperation”: Urumqi pays Changji "
    "40 million yuan a year; watershed compensation of Quanzhou 20, Fuzhou 27, Xiamen 21 million "
    "yuan a year; sources of extra gains from cooperation.",
    "analyses/data/cases/observed_splits.csv (the figures above) and payer_cities_2010.csv "
    "(2010 census population, Lei Dong et al. China Census v1; 2010 GDP as compiled in "
    "xmengweb/Traffic-visualization).",
    "analyses/data/yrd/: the association's members, 2010 population and GDP, centroids and "
    "borders of the Yangtze River Delta cities (see analyses/data/SOURCES.md).",
    "L. S. Shapley (1953); R. B. Myerson (1977), Graphs and cooperation in games; G. Owen "
    "(1977), Values of games with a priori unions; D. Schmeidler (1969), The nucleolus of a "
    "characteristic function game.",
]



# ------------------------------------------------------------------------------------------------
# figures


def _shares_figure(table: pd.DataFrame, proportional_label: str):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    order = table.sort_values("shapley", ascending=False)
    x = np.arange(len(order))
    width = 0.16
    labels = {"shapley": "Shapley (all pairs)", "myerson": "Myerson (borders)",
              "owen": "Owen (borders, provinces)", "nucleolus": "nucleolus (borders)",
              "proportional": f"proportional ({proportional_label})"}
    for k, rule in enumerate(RULES):
        ax.bar(x + (k - 2) * width, order[rule], width, label=labels[rule])
    ax.set_xticks(x)
    ax.set_xticklabels(order["name"] if "name" in order else order.index, rotation=60,
                       ha="right", fontsize=8)
    ax.set_ylabel("share of the total gain (%)")
    ax.set_title("How the gains of cooperation would be split")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def _network_figure(cities: pd.DataFrame, B: nx.Graph, shares: dict, title: str):
    from govgames.networks.plots import draw_shares
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 6))
    ax = fig.add_subplot()
    names = dict(zip(cities.index, cities["name_en"]))
    H = nx.relabel_nodes(B, names)
    pos = {names[c]: (float(cities.loc[c, "lon"]), float(cities.loc[c, "lat"]))
           for c in cities.index}
    draw_shares(H, {names[c]: v for c, v in shares.items()}, ax=ax, pos=pos, fmt="{:.1f}%",
                weight="shared_border_km", title=title, node_scale=1500)
    fig.tight_layout()
    return fig


def _payments_figure(comp: pd.DataFrame):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3.5))
    ax = fig.add_subplot()
    x = np.arange(len(comp))
    for k, (col, lab) in enumerate((("observed_pct", "observed payment"),
                                    ("by_gdp_pct", "proportional to 2010 GDP"),
                                    ("by_population_pct", "proportional to 2010 population"))):
        ax.bar(x + (k - 1) * 0.25, comp[col], 0.25, label=lab)
    ax.set_xticks(x)
    ax.set_xticklabels(comp.index)
    ax.set_ylabel("share of the 68 million yuan (%)")
    # two lines and headroom: a plain savefig cut the one-line title at both sides, and the
    # legend covered Fuzhou's bars
    ax.set_title("Fujian watershed payments (each for its own basin)\nbeside GDP and "
                 "population shares")
    ax.set_ylim(0, 1.4 * float(np.nanmax(comp[["observed_pct", "by_gdp_pct",
                                                "by_population_pct"]].to_numpy())))
    ax.legend(fontsize="small", loc="upper right")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------------
# the case


#: the observed two-party split: Louisville's share of the regional income taxes (Cui et al.)
LOUISVILLE_SHARE = 0.587
#: the founding group studied by default: the members before the 1997 enlargement
BEFORE_YEAR = 1997
#: weights of the proportional rule: option -> (column of the city table, label)
PROPORTIONAL_WEIGHTS = {"gdp": ("gdp_100m_yuan", "2010 GDP"),
                        "population": ("population_10k", "2010 population")}
#: equal stand-alone values at which Louisville's bargaining power is reported
STANDALONE_STEPS = 5
#: yuan per million yuan, and per 100 million yuan (GDP unit)
_MILLION, _HUNDRED_MILLION = 1e6, 1e8


def _weight_column(proportional_to: str) -> tuple[str, str]:
    if proportional_to not in PROPORTIONAL_WEIGHTS:
        raise InputError(f"sharing: proportional_to must be 'gdp' or 'population', got "
                         f"{proportional_to!r}")
    return PROPORTIONAL_WEIGHTS[proportional_to]


@dataclass
class SharingData:
    """The input tables of the sharing case.

    Attributes
    ----------
    cities : pandas.DataFrame
        The association's members before ``before_year`` (:func:`association_network`).
    graph : networkx.Graph
        Complete graph among them with the gravity linkage as edge ``weight`` (computed from
        the 2010 population, GDP and centroids by :func:`govgames.analyses.club_data.yrd_graph`).
    borders : networkx.Graph
        The members' shared borders.
    observed : pandas.DataFrame
        :func:`load_observed_splits`.
    payers : pandas.DataFrame
        :func:`load_payer_cities`.
    """

    cities: pd.DataFrame
    graph: nx.Graph
    borders: nx.Graph
    observed: pd.DataFrame
    payers: pd.DataFrame


def load(*, before_year: int = BEFORE_YEAR) -> SharingData:
    """Read the sharing case's tables: the association's network and the observed splits.

    Parameters
    ----------
    before_year : int
        The members before this year form the network (as for :func:`run`).

    Returns
    -------
    SharingData

    Raises
    ------
    InputError
        Fewer than two members, or more than 20 (exact values), before ``before_year``.

    Examples
    --------
    >>> d = load()
    >>> len(d.cities), d.borders.number_of_edges(), len(d.observed) > 0
    (14, 22, True)
    """
    cities, G, B = association_network(int(before_year))
    return SharingData(cities=cities, graph=G, borders=B, observed=load_observed_splits(),
                       payers=load_payer_cities())


@dataclass
class SharingNumbers:
    """The numbers and tables of the sharing case (no prose, no figures).

    Attributes
    ----------
    numbers : dict
        The key numbers (as in :attr:`CaseResult.numbers`).
    tables : dict of str to pandas.DataFrame
        ``shares``, ``core_check``, ``watershed_payments``, ``two_party_cases``,
        ``what the observed splits imply``.
    proportional_label : str
        What the proportional rule's weights are (``"2010 GDP"``).
    louisville : dict
        :func:`two_party_split` of the Louisville-Jefferson County split.
    power_at_equal_standalone : list of (float, float)
        Louisville's implied bargaining power at equal stand-alone values ``v`` of both sides.
    cities : pandas.DataFrame or None
        The members' city table (positions and names for the figures).
    borders : networkx.Graph or None
        The border network.
    """

    numbers: dict
    tables: dict
    proportional_label: str
    louisville: dict
    power_at_equal_standalone: list
    cities: pd.DataFrame | None = None
    borders: nx.Graph | None = None


def _shares(data: SharingData, column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shares table (with city, name and province columns) and the core check."""
    cities = data.cities
    names = dict(zip(cities.index, cities["name_en"]))
    table = sharing_table(data.graph, data.borders, province_unions(cities),
                          dict(cities[column]), names=names)
    core = core_checks(data.graph, data.borders, table)
    core["most_dissatisfied"] = [", ".join(names.get(c, c) for c in s)
                                 for s in core["most_dissatisfied"]]
    table.insert(1, "city", table.index)
    table.insert(2, "province", [cities.loc[c, "province_en"] for c in table.index])
    return table, core


def _two_party_table(lj: dict, observed: pd.DataFrame, payers: pd.DataFrame) -> pd.DataFrame:
    uc = float(observed.loc[observed["party"] == "Urumqi", "amount"].item()) * _MILLION
    urumqi, changji = payers.loc["Urumqi"], payers.loc["Changji"]
    return pd.DataFrame([
        {"case": "Louisville-Jefferson County tax sharing (Cui et al.)",
         "observed": "58.7% / 41.3% of the shared income taxes",
         "what_it_implies": f"in any two-player game Shapley = nucleolus = standard solution; "
         f"the split implies a stand-alone gap v(L) - v(J) = {lj['standalone_gap']:.3f} of the "
         f"joint value, or proportional weights {lj['weight_ratio_a_to_b']:.3f} : 1",
         "check_shapley_share": lj["shapley_a"], "check_nucleolus_share": lj["nucleolus_a"]},
        {"case": "Urumqi pays Changji (“Local cooperation”)",
         "observed": "40 million yuan a year",
         "what_it_implies": f"{uc / float(urumqi['census_population_2010']):.1f} yuan per Urumqi "
         f"resident, {uc / float(changji['census_population_2010']):.1f} yuan per Changji "
         f"resident (2010 census), "
         f"{100 * uc / (float(urumqi['gdp_100m_yuan_2010']) * _HUNDRED_MILLION):.3f}% "
         "of Urumqi's 2010 GDP; a transfer settles a split, but the joint gain it splits is "
         "not observed",
         "check_shapley_share": float("nan"), "check_nucleolus_share": float("nan")},
    ])


def _implied_table(observed: pd.DataFrame) -> tuple[pd.DataFrame, dict, list]:
    """What the observed split and payments imply (identified sets), the bounds on the
    stand-alone values and Louisville's bargaining power at equal stand-alone values."""
    lj_ids = split_identified_set(LOUISVILLE_SHARE)
    va_max, vb_max = (float(lj_ids.bounds["v_a"][1]), float(lj_ids.bounds["v_b"][1]))
    v_eq = np.linspace(0.0, min(va_max, vb_max), STANDALONE_STEPS)
    power = [(float(v), implied_bargaining_power(LOUISVILLE_SHARE, v, v)) for v in v_eq]
    implied = [{"observation": "Louisville-Jefferson County 58.7 / 41.3",
                "what_must_hold": str(lj_ids.region),
                "implies": f"each side's stand-alone value at most its share (Louisville "
                           f"<= {va_max:.3g}, Jefferson County <= {vb_max:.3g} of the joint "
                           f"value); with equal stand-alone values v, Louisville's bargaining "
                           f"power (Nash) is {power[0][1]:.3g} at v = 0 rising to "
                           f"{power[-1][1]:.3g} at v = {power[-1][0]:.3g}"}]
    for _, row in observed[observed["amount"].notna()].iterrows():
        amt = float(row["amount"])
        ids = payment_identified_set(amt, names=(row["party"], str(row["counterparty"])))
        implied.append({"observation": f"{row['party']} pays {amt:g} {row['unit']}",
                        "what_must_hold": str(ids.region),
                        "implies": f"{row['party']}'s benefit B >= {float(ids.bounds['B'][0]):g}"
                                   f"; the receivers' cost C <= {float(ids.bounds['C'][1]):g}"})
    return pd.DataFrame(implied), {"v_a": va_max, "v_b": vb_max}, power


def compute(data: SharingData, *, proportional_to: str = "gdp") -> SharingNumbers:
    """The shares under five rules, the core check and what the observed splits imply.

    Parameters
    ----------
    data : SharingData
        From :func:`load`.
    proportional_to : {"gdp", "population"}
        Weights of the proportional rule.

    Returns
    -------
    SharingNumbers

    Examples
    --------
    >>> n = compute(load())
    >>> n.numbers["players"], n.numbers["widest_disagreement_city"]
    (14, 'Shanghai')
    """
    column, label = _weight_column(proportional_to)
    table, core = _shares(data, column)
    lj = two_party_split(LOUISVILLE_SHARE)
    comp = observed_comparison(data.observed, data.payers)
    implied, vmax, power = _implied_table(data.observed)
    changji = data.payers.loc["Changji"]
    uc = float(data.observed.loc[data.observed["party"] == "Urumqi", "amount"].item()) * _MILLION
    spread = table[list(RULES)].max(axis=1) - table[list(RULES)].min(axis=1)
    numbers = {
        "players": len(data.cities),
        "total_gain_linkage_units": float(table.attrs["total_gain"]),
        "border_links": data.borders.number_of_edges(),
        **{f"{rule}_pct": dict(zip(table["name"], table[rule].round(3))) for rule in RULES},
        "widest_disagreement_city": str(table.loc[spread.idxmax(), "name"]),
        "widest_disagreement_points": float(spread.max()),
        "rules_in_core": [r for r in core.index if bool(core.loc[r, "in_core"])],
        "rules_not_in_core": [r for r in core.index if not bool(core.loc[r, "in_core"])],
        "louisville_standalone_gap": round(lj["standalone_gap"], 6),
        "louisville_standalone_max": vmax["v_a"],
        "jefferson_standalone_max": vmax["v_b"],
        "louisville_power_if_no_standalone_value": power[0][1],
        "fujian_observed_pct": dict(zip(comp.index, comp["observed_pct"].round(3))),
        "fujian_by_gdp_pct": dict(zip(comp.index, comp["by_gdp_pct"].round(3))),
        "fujian_yuan_per_resident": dict(zip(comp.index, comp["yuan_per_resident"].round(3))),
        "urumqi_changji_yuan_per_changji_resident":
            uc / float(changji["census_population_2010"]),
    }
    tables = {"shares": table.reset_index(drop=True),
              "core_check": core.rename_axis("rule").reset_index(),
              "watershed_payments": comp.rename_axis("payer").reset_index(),
              "two_party_cases": _two_party_table(lj, data.observed, data.payers),
              "what the observed splits imply": implied}
    return SharingNumbers(numbers=numbers, tables=tables, proportional_label=label,
                          louisville=lj, power_at_equal_standalone=power, cities=data.cities,
                          borders=data.borders)


def figures(numbers: SharingNumbers) -> dict:
    """The sharing case's figures: shares by rule, the Myerson value on the border network,
    the watershed payments.

    Parameters
    ----------
    numbers : SharingNumbers
        From :func:`compute` (needs ``cities`` and ``borders`` for the network figure).

    Returns
    -------
    dict of str to matplotlib.figure.Figure

    Examples
    --------
    >>> sorted(figures(compute(load())))
    ['network_myerson', 'shares_by_rule', 'watershed_payments']
    """
    shares = numbers.tables["shares"]
    comp = numbers.tables["watershed_payments"].set_index("payer").rename_axis(None)
    return {
        "shares_by_rule": _shares_figure(shares, numbers.proportional_label),
        "network_myerson": _network_figure(numbers.cities, numbers.borders,
                                           dict(zip(shares["city"], shares["myerson"])),
                                           "Myerson value (% of the gain), cooperation along "
                                           "borders"),
        "watershed_payments": _payments_figure(comp),
    }


#: caveats printed with every run of the case
_NOTES = [
    "Observed: the 58.7/41.3 tax split (Cui et al.); the payments of Quanzhou, Fuzhou, Xiamen "
    "and Urumqi (“Local cooperation”); 2010 population (census) and GDP of the payers.",
    "Assumed: the characteristic function. v(S) is the gravity linkage among the cities of "
    "S (sum of sqrt(P_i G_i) sqrt(P_j G_j) / d_ij^2); with cooperation along borders, a "
    "coalition realises only the linkage within its connected parts (Myerson's "
    "graph-restricted game). For a game that is a sum of pairwise gains the Owen value "
    "equals the Shapley value, so the Owen and nucleolus columns use the border-restricted "
    "game, where they differ.",
    "The watershed payments go to different river basins (each city pays for its own "
    "upstream area); the comparison asks how the same total would be split by a "
    "proportional rule if it were one fund.",
    "Changji's 2010 GDP is not in the bundled source; only its census population is used.",
]


def narrate(numbers: SharingNumbers) -> tuple[str, list]:
    """The finding and the notes of the sharing case, written from the numbers.

    Parameters
    ----------
    numbers : SharingNumbers
        From :func:`compute`, or built by hand (reads ``numbers``, the ``core_check`` and
        ``watershed_payments`` tables, ``proportional_label``, ``louisville`` and
        ``power_at_equal_standalone``).

    Returns
    -------
    (str, list of str)
        The finding and the notes.

    Examples
    --------
    >>> finding, notes = narrate(compute(load()))
    >>> finding.split(" (")[0]
    "On the 14 cities that met from 1992, before the association's 1997 enlargement"
    """
    num = numbers.numbers
    core = numbers.tables["core_check"].set_index("rule")
    comp = numbers.tables["watershed_payments"].set_index("payer")
    p0 = numbers.power_at_equal_standalone[0][1]
    v1, p1 = numbers.power_at_equal_standalone[-1]
    va_max, vb_max = num["louisville_standalone_max"], num["jefferson_standalone_max"]
    proportional = (
        f"is not in the core: {core.loc['proportional', 'most_dissatisfied']} would do better "
        f"on their own." if "proportional" in num["rules_not_in_core"] else
        "stays in the core here.")
    finding = (
        f"On the {num['players']} cities that met from 1992, before the association's 1997 "
        f"enlargement (real 2010 population, GDP and borders; gains "
        f"modelled as gravity linkage), the rules disagree most on "
        f"{num['widest_disagreement_city']} ({num['widest_disagreement_points']:.1f} percentage "
        f"points between rules). Restricting cooperation to "
        f"shared borders (Myerson) moves gains towards well-connected cities; grouping by "
        f"province (Owen) favours cities that form a union alone (Shanghai); the proportional "
        f"rule ({numbers.proportional_label}) " + proportional
        + f" Observed splits identify little: Louisville-Jefferson's 58.7/41.3 fixes only a "
        f"stand-alone gap of {numbers.louisville['standalone_gap']:.3f} of the joint value. The "
        f"Fujian payments (Quanzhou 20, Fuzhou 27, Xiamen 21 million yuan a year) fund "
        f"different river basins, so they are not shares of one gain and test no sharing rule; "
        f"they are shown beside GDP and population only as burdens (Xiamen pays "
        f"{comp.loc['Xiamen', 'yuan_per_resident']:.1f} yuan per resident, Quanzhou "
        f"{comp.loc['Quanzhou', 'yuan_per_resident']:.1f}). As identified sets: the split is a "
        f"core allocation exactly when Louisville could get at most {va_max:.3g} and Jefferson "
        f"County at most {vb_max:.3g} of the joint value alone; it fixes Louisville's bargaining "
        f"power only given those values ({p0:.3g} with none, {p1:.3g} when both could get "
        f"{v1:.3g}); each payment bounds the payer's benefit from below and the receiver's cost "
        f"from above by the amount paid.")
    return finding, list(_NOTES)


#: how the key numbers are shown: the worth of coalitions (gravity linkage) is a modelling
#: assumption; the payments of the watershed cases are observed
_DESCRIBE = {
    "players": Describe("Cities", "cities", "observed"),
    "total_gain_linkage_units": Describe("Total gain of cooperation", "linkage units",
                                         "assumed"),
    "border_links": Describe("Pairs of cities sharing a border", "pairs", "observed"),
    "shapley_pct": Describe("Shapley value", "% of the gain", "assumed"),
    "myerson_pct": Describe("Myerson value (cooperation along borders)", "% of the gain",
                            "assumed"),
    "owen_pct": Describe("Owen value (provinces as unions)", "% of the gain", "assumed"),
    "nucleolus_pct": Describe("Nucleolus", "% of the gain", "assumed"),
    "proportional_pct": Describe("Split in proportion to GDP", "% of the gain", "derived"),
    "widest_disagreement_city": Describe("City on which the rules disagree most",
                                         status="assumed"),
    "widest_disagreement_points": Describe("Widest disagreement", "percentage points",
                                           "assumed"),
    "rules_in_core": Describe("Rules whose split is in the core", status="assumed"),
    "rules_not_in_core": Describe("Rules whose split is not in the core", status="assumed"),
    "louisville_standalone_gap": Describe("Louisville-Jefferson: gap between the signed split "
                                          "and the stand-alone shares", status="derived"),
    "louisville_standalone_max": Describe(
        "Largest stand-alone value of Louisville consistent with the split (core)",
        "share of the joint value", "derived"),
    "jefferson_standalone_max": Describe(
        "Largest stand-alone value of Jefferson County consistent with the split (core)",
        "share of the joint value", "derived"),
    "louisville_power_if_no_standalone_value": Describe(
        "Louisville's Nash bargaining power implied by the split if neither side could gain "
        "alone", status="derived"),
    "fujian_observed_pct": Describe("Fujian watershed payments", "% of the total", "observed"),
    "fujian_by_gdp_pct": Describe("Fujian payments if in proportion to GDP", "% of the total",
                                  "derived"),
    "fujian_yuan_per_resident": Describe("Fujian payments per resident", "yuan", "derived"),
    "urumqi_changji_yuan_per_changji_resident": Describe("Urumqi-Changji payment per Changji "
                                                         "resident", "yuan", "derived"),
}
_CAPTIONS = {
    "shares_by_rule": "How each sharing rule (Shapley, Myerson, Owen, nucleolus, proportional "
                      "to GDP) would split the gains of cooperation among the cities.",
    "network_myerson": "The Myerson value on the border network: cities sized by their share "
                       "of the gain when cooperation runs along shared borders.",
    "watershed_payments": "The observed Fujian watershed payments beside what GDP and "
                          "population shares of the same total would be; each city funds its "
                          "own river basin, so this shows burdens, not a test of a rule.",
}
_GLOSSARY = {
    "v_a, v_b": "what each party of a two-party split could get alone, as a share of the joint "
                "value (inferred: the split is in the core)",
    "B, C": "a payer's benefit from the protection it pays for and the receiver's cost of it "
            "(inferred from the payment)",
    "v(S)": "worth of a coalition S of cities: the gravity linkage among its members (assumed)",
    "linkage unit": "R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij², P in 10,000 persons, G in "
                    "100 million yuan, d in km",
    "core": "the splits no group of cities can improve on by leaving",
}


@register("sharing", "Sharing the gains")
def run(*, before_year: int = BEFORE_YEAR, proportional_to: str = "gdp") -> CaseResult:
    """Shapley, Myerson, Owen, nucleolus and proportional splits, and the observed splits.

    Parameters
    ----------
    before_year : int
        The network is the association's members before this year (1997: the 14 cities of the
        1992 founding meeting; 2010: the 16 members before the 2010 round; exact values are
        limited to 20 cities).
    proportional_to : {"gdp", "population"}
        Weights of the proportional rule (2010 figures).

    Examples
    --------
    >>> r = run()
    >>> r.numbers["players"], r.numbers["louisville_standalone_gap"]
    (14, 0.174)
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _weight_column(proportional_to)
    numbers = compute(load(before_year=before_year), proportional_to=proportional_to)
    finding, notes = narrate(numbers)
    # the worth of coalitions (gravity linkage) is a modelling assumption: illustrative
    return CaseResult(name="sharing", title="Sharing the gains", finding=finding,
                      tables=numbers.tables, figures=figures(numbers), numbers=numbers.numbers,
                      sources=list(_SOURCES), notes=notes, illustrative=True,
                      describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY)
