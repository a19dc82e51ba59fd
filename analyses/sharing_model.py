"""The data and the solution concepts of the sharing case (:mod:`govgames.analyses.sharing`).

Data: the observed splits and payments named in the papers and the payers' 2010 population and
GDP (``analyses/data/cases/``), and the network of the Yangtze River Delta coordination
association's members (gravity linkages and shared borders, from
:mod:`govgames.analyses.club_data`).

Solution concepts: the Shapley, Myerson, Owen and proportional splits and the nucleolus of the
linkage game side by side (:func:`sharing_table`), whether each split is in the core
(:func:`core_checks`), and what an observed two-party split or payment implies about values
that are not observed (:func:`two_party_split`, :func:`split_identified_set`,
:func:`implied_bargaining_power`, :func:`payment_identified_set`). The case study itself (load
-> compute -> figures -> narrate) is in :mod:`govgames.analyses.sharing`, which re-exports
these names.

References
----------
L. S. Shapley (1953), A value for n-person games; R. B. Myerson (1977), Graphs and cooperation
in games; G. Owen (1977), Values of games with a priori unions; D. Schmeidler (1969), The
nucleolus of a characteristic function game; C. F. Manski (2003), Partial identification of
probability distributions.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import sympy as sp
from govgames.games.errors import InputError

from .base import DATA_DIR

__all__ = [
    "CASES_DIR",
    "RULES",
    "load_observed_splits",
    "load_payer_cities",
    "association_network",
    "province_unions",
    "sharing_table",
    "two_party_split",
    "acceptance_game",
    "split_identified_set",
    "implied_bargaining_power",
    "payment_identified_set",
    "observed_comparison",
    "core_checks",
]

#: the bundled tables of the observed splits and of the paying cities
CASES_DIR = DATA_DIR / "cases"
#: the sharing rules compared, in the order of the columns of :func:`sharing_table`
RULES = ("shapley", "myerson", "owen", "nucleolus", "proportional")
#: most cities for which the exact values (2**n coalitions) are computed
MAX_EXACT_CITIES = 20
#: slack allowed when checking that an observed split is a core allocation (fractions of the
#: joint value)
CORE_SLACK = 1e-12
#: tolerance of the core check, relative to ``max(1, |v^B(N)|)``
CORE_CHECK_TOL = 1e-7

# ------------------------------------------------------------------------------------------------
# data

def load_observed_splits() -> pd.DataFrame:
    """The observed splits and payments named in the papers (bundled table).

    Examples
    --------
    >>> t = load_observed_splits()
    >>> t.loc[t["party"] == "Louisville", "observed_share_pct"].item()
    58.7
    >>> t.loc[t["unit"] == "million yuan per year", "amount"].tolist()
    [20.0, 27.0, 21.0, 40.0]
    """
    return pd.read_csv(CASES_DIR / "observed_splits.csv")


def load_payer_cities() -> pd.DataFrame:
    """2010 population (census, and statistical in 10,000) and GDP of the paying cities.

    Changji's GDP is not in the bundled source (left empty).

    Examples
    --------
    >>> t = load_payer_cities()
    >>> t["gdp_100m_yuan_2010"].round(1).tolist()[:3]
    [3564.8, 3068.2, 2053.7]
    """
    return pd.read_csv(CASES_DIR / "payer_cities_2010.csv").set_index("name_en", drop=False)\
        .rename_axis(None)


def association_network(before_year: int = 1997):
    """The association's members before ``before_year`` with the gravity-linkage graph and the
    border graph among them.

    Returns
    -------
    (pandas.DataFrame, networkx.Graph, networkx.Graph)
        The members' city table (from :func:`govgames.analyses.club_data.load_yrd_cities`), the
        complete graph of gravity linkages among them (edge ``weight``), and the graph of
        shared borders.

    Examples
    --------
    >>> t, G, B = association_network(1997)
    >>> len(t), G.number_of_edges(), B.number_of_edges(), nx.is_connected(B)
    (14, 91, 22, True)
    """
    from .club import club_members, load_yrd_borders, load_yrd_cities, yrd_graph

    cities = load_yrd_cities()
    full = yrd_graph(cities, load_yrd_borders())
    members = club_members(cities, before_year)
    if len(members) < 2:
        raise InputError(f"sharing: fewer than two members before {before_year}")
    if len(members) > MAX_EXACT_CITIES:
        raise InputError(f"sharing: {len(members)} members before {before_year}; the exact "
                         f"values here are limited to {MAX_EXACT_CITIES} cities (choose an "
                         "earlier year)")
    G = nx.Graph()
    G.add_nodes_from((m, full.nodes[m]) for m in members)
    G.add_edges_from((a, b, dict(full[a][b])) for i, a in enumerate(members)
                     for b in members[i + 1:])
    B = nx.Graph()
    B.add_nodes_from(members)
    B.add_edges_from((a, b, {"shared_border_km": d["shared_border_km"]})
                     for a, b, d in G.edges(data=True) if d["border"])
    return cities.loc[members], G, B


def province_unions(table: pd.DataFrame, column: str = "province") -> list:
    """The cities grouped by ``column``, as a list of lists in order of first appearance.

    Examples
    --------
    >>> t = pd.DataFrame({"province": ["X", "Y", "X"]}, index=["a", "b", "c"])
    >>> province_unions(t)
    [['a', 'c'], ['b']]
    """
    groups: dict = {}
    for city, prov in zip(table.index, table[column]):
        groups.setdefault(prov, []).append(city)
    return list(groups.values())


# ------------------------------------------------------------------------------------------------
# solution concepts side by side

def sharing_table(G: nx.Graph, B: nx.Graph, unions, weights, *, names=None) -> pd.DataFrame:
    """Each city's share (percent of the total gain) under five rules.

    * ``shapley``: Shapley value of the linkage game ``v`` on ``G`` (gains on every pair);
    * ``myerson``: Myerson value for cooperation along ``B`` (Shapley value of ``v^B``, where a
      coalition realises only the linkages within its connected parts);
    * ``owen``: Owen value of ``v^B`` with the a priori ``unions`` (provinces);
    * ``nucleolus``: nucleolus of ``v^B``;
    * ``proportional``: the proportional rule with ``weights`` (e.g. GDP).

    Shares are in percent of ``v(N)`` (of ``v^B(N)`` for the rules on ``v^B``; the two are equal
    when ``B`` is connected).

    Parameters
    ----------
    G : networkx.Graph
        Complete graph of pairwise gains (edge ``weight``).
    B : networkx.Graph
        The cooperation network (same nodes).
    unions : list of lists
        A partition of the nodes (provinces).
    weights : mapping
        Node -> weight for the proportional rule.
    names : mapping, optional
        Node -> display name (column ``name``).

    Examples
    --------
    A path A - B - C with gains 2 on A-B, 2 on B-C and 2 on A-C (A and C not linked directly):

    >>> G = nx.Graph([("A", "B", {"weight": 2}), ("B", "C", {"weight": 2}),
    ...               ("A", "C", {"weight": 2})])
    >>> B = nx.Graph([("A", "B"), ("B", "C")])
    >>> t = sharing_table(G, B, [["A", "B"], ["C"]], {"A": 1, "B": 1, "C": 2})
    >>> t[["shapley", "myerson", "owen", "nucleolus", "proportional"]].round(1)
       shapley  myerson  owen  nucleolus  proportional
    A     33.3     27.8  25.0       33.3          25.0
    B     33.3     44.4  41.7       33.3          25.0
    C     33.3     27.8  33.3       33.3          50.0
    """
    nodes = list(G.nodes)
    v, vB, B = _linkage_games(G, B)
    total, totalB = v.grand_value, vB.grand_value
    if total <= 0 or totalB <= 0:
        raise InputError("sharing: the total gain is not positive")
    allocations = _rule_allocations(v, vB, B, unions, {c: float(weights[c]) for c in nodes})
    out = pd.DataFrame(index=pd.Index(nodes))
    if names is not None:
        out["name"] = [names.get(c, c) for c in nodes]
    for rule in RULES:
        # the Shapley and proportional splits divide v(N), the others v^B(N)
        whole = total if rule in ("shapley", "proportional") else totalB
        out[rule] = [100 * allocations[rule][c] / whole for c in nodes]
    out.attrs["total_gain"] = total
    out.attrs["total_gain_on_network"] = totalB
    return out


def _linkage_games(G: nx.Graph, B: nx.Graph):
    """The linkage game ``v`` on ``G``, its restriction ``v^B`` to the network ``B`` and ``B``
    with every player of ``G`` as a node (a copy)."""
    from govgames.networks.builders import graph_restricted, linkage_game

    if set(B.nodes) - set(G.nodes):
        raise InputError("sharing: the cooperation network has cities that are not players")
    B = B.copy()
    B.add_nodes_from(G.nodes)
    v = linkage_game(G)
    return v, graph_restricted(v, B), B


def _rule_allocations(v, vB, B: nx.Graph, unions, weights: dict) -> dict:
    """Rule -> allocation (player -> value) for the rules of :data:`RULES`."""
    from govgames.networks.stability import nucleolus
    from govgames.networks.values import (
        myerson_value,
        owen_value,
        proportional_split,
        shapley_value,
    )

    return {"shapley": shapley_value(v), "myerson": myerson_value(v, B, method="exact"),
            "owen": owen_value(vB, unions), "nucleolus": nucleolus(vB),
            "proportional": proportional_split(v, weights)}


def two_party_split(share_a: float) -> dict:
    """What an observed two-party split says about the parties' stand-alone values.

    In every two-player game the Shapley value, the nucleolus, the Myerson value (if the two are
    linked) and the Owen value coincide with the *standard solution*: each gets its stand-alone
    value plus half the surplus, so ``x_a - x_b = v(a) - v(b)``. An observed split ``share_a``
    (fraction of the joint value) therefore pins down one number, the stand-alone gap
    ``(v(a) - v(b)) / v(ab) = 2 share_a - 1``, and nothing else; the function checks this by
    computing the Shapley value and the nucleolus of the two-player game with that gap.

    Examples
    --------
    >>> r = two_party_split(0.587)
    >>> round(r["standalone_gap"], 3), round(r["shapley_a"], 3), round(r["nucleolus_a"], 3)
    (0.174, 0.587, 0.587)
    """
    from govgames.networks import CoalitionalGame
    from govgames.networks.stability import nucleolus
    from govgames.networks.values import shapley_value

    share_a = float(share_a)
    if not 0 <= share_a <= 1:
        raise InputError(f"sharing: a share must be between 0 and 1, got {share_a!r}")
    gap = 2 * share_a - 1
    va, vb = max(gap, 0.0), max(-gap, 0.0)
    g = CoalitionalGame(["a", "b"], [0.0, va, vb, 1.0])
    sh = shapley_value(g)
    nu = nucleolus(g)
    return {"standalone_gap": gap, "shapley_a": sh["a"], "nucleolus_a": nu["a"],
            "weight_ratio_a_to_b": share_a / (1 - share_a) if share_a < 1 else float("inf")}


def acceptance_game(payoff_a, payoff_b, walk_a, walk_b, *, names=("a", "b")):
    """Two parties each accept an agreement or walk away; it holds only if both accept.

    Both accepting gives ``(payoff_a, payoff_b)``; otherwise each gets its stand-alone value
    ``(walk_a, walk_b)``. (Accept, Accept) is an equilibrium iff each gets at least its
    stand-alone value: for a two-party agreement that is efficient, exactly the core.

    Parameters
    ----------
    payoff_a, payoff_b, walk_a, walk_b : number or sympy expression
    names : (str, str)

    Returns
    -------
    NormalFormGame

    Examples
    --------
    >>> acceptance_game(0.6, 0.4, 0, 0).strategies[0]
    ('Accept', 'Walk away')
    """
    from govgames.games.game import NormalFormGame

    A = [[payoff_a, walk_a], [walk_a, walk_a]]
    B = [[payoff_b, walk_b], [walk_b, walk_b]]
    return NormalFormGame([A, B], players=list(names),
                          strategies=[["Accept", "Walk away"], ["Accept", "Walk away"]])


def split_identified_set(share_a, *, names=("Louisville", "Jefferson County")):
    """Stand-alone values under which an observed two-party split is a core allocation.

    The joint value is normalised to 1; ``v_a`` and ``v_b`` (non-negative) are what each party
    could get alone. The observed split is accepted by both, so it is an equilibrium of
    :func:`acceptance_game`: ``v_a <= share_a`` and ``v_b <= 1 - share_a``
    (:func:`govgames.games.identification.identified_set`).

    Parameters
    ----------
    share_a : float
        Party a's observed share of the joint value, in [0, 1].
    names : (str, str)

    Returns
    -------
    govgames.games.identification.IdentifiedSet

    Raises
    ------
    InputError
        If ``share_a`` is not in [0, 1].

    References
    ----------
    Manski (2003); D. B. Gillies (1959), the core.

    Examples
    --------
    >>> split_identified_set(0.587).bounds
    {'v_a': (0, 587/1000), 'v_b': (0, 413/1000)}
    """
    from govgames.games.identification import identified_set

    share_a = float(share_a)
    if not 0 <= share_a <= 1:
        raise InputError(f"sharing: a share must be between 0 and 1, got {share_a!r}")
    x = sp.Rational(repr(share_a))
    va, vb = sp.symbols("v_a v_b", nonnegative=True)
    return identified_set(acceptance_game(x, 1 - x, va, vb, names=names), ("Accept", "Accept"))


def implied_bargaining_power(share_a, v_a=0.0, v_b=0.0):
    """Party a's bargaining power in the generalised Nash bargaining solution that yields the
    observed split, given the stand-alone values: ``(share_a - v_a) / (1 - v_a - v_b)``.

    Parameters
    ----------
    share_a, v_a, v_b : float
        Observed share and stand-alone values (fractions of the joint value).

    Returns
    -------
    float

    Raises
    ------
    InputError
        If the split is not a core allocation for those values (``v_a > share_a`` or
        ``v_b > 1 - share_a``) or there is no surplus.

    References
    ----------
    J. F. Nash, "The bargaining problem" (1950); E. Kalai, "Nonsymmetric Nash solutions" (1977).

    Examples
    --------
    >>> implied_bargaining_power(0.587), round(implied_bargaining_power(0.587, 0.2, 0.2), 3)
    (0.587, 0.645)
    """
    if v_a > share_a + CORE_SLACK or v_b > 1 - share_a + CORE_SLACK or v_a + v_b >= 1:
        raise InputError(f"sharing: a split of {share_a:g} is not a core allocation with "
                         f"stand-alone values {v_a:g}, {v_b:g}")
    return (share_a - v_a) / (1 - v_a - v_b)


def payment_identified_set(payment, *, names=("payer", "receiver")):
    """What an observed payment for protection implies: the payer's benefit ``B`` is at least
    the payment and the receiver's cost ``C`` at most it (both accept; :func:`acceptance_game`
    with payoffs ``B - payment`` and ``payment - C``, 0 if either walks away).

    Parameters
    ----------
    payment : float
    names : (str, str)

    Returns
    -------
    govgames.games.identification.IdentifiedSet

    Examples
    --------
    >>> payment_identified_set(20).bounds
    {'B': (20, oo), 'C': (0, 20)}
    """
    from govgames.games.identification import identified_set

    p = sp.nsimplify(float(payment))
    B, C = sp.symbols("B C", nonnegative=True)
    return identified_set(acceptance_game(B - p, p - C, 0, 0, names=names), ("Accept", "Accept"))


def observed_comparison(observed: pd.DataFrame | None = None,
                        payers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Fujian watershed payments next to proportional splits of the same total.

    For the three payers named in *How local cooperation extends inter-governmental relations*
    (Quanzhou 20, Fuzhou 27, Xiamen 21 million yuan a year); the observed share of their total,
    the shares a proportional rule would give by 2010 GDP and by 2010 population, and the burden
    per resident and per 10,000 yuan of GDP. Each city pays for its own river basin, so the
    payments are not shares of one gain and test no sharing rule; the table shows burdens.

    Examples
    --------
    >>> t = observed_comparison()
    >>> t[["observed_pct", "by_gdp_pct", "by_population_pct"]].round(1)
              observed_pct  by_gdp_pct  by_population_pct
    Quanzhou          29.4        41.0               43.3
    Fuzhou            39.7        35.3               37.9
    Xiamen            30.9        23.6               18.8
    """
    from govgames.networks.values import proportional_split

    observed = load_observed_splits() if observed is None else observed
    payers = load_payer_cities() if payers is None else payers
    rows = observed[observed["case"].str.contains("watershed")]
    amounts = dict(zip(rows["party"], rows["amount"].astype(float)))
    total = sum(amounts.values())
    names = list(amounts)
    gdp = proportional_split(total, {c: float(payers.loc[c, "gdp_100m_yuan_2010"]) for c in names})
    pop = proportional_split(total, {c: float(payers.loc[c, "census_population_2010"])
                                     for c in names})
    out = pd.DataFrame(index=pd.Index(names))
    out["paid_million_yuan"] = [amounts[c] for c in names]
    out["observed_pct"] = [100 * amounts[c] / total for c in names]
    out["by_gdp_pct"] = [100 * gdp[c] / total for c in names]
    out["by_population_pct"] = [100 * pop[c] / total for c in names]
    out["yuan_per_resident"] = [amounts[c] * 1e6 / float(payers.loc[c, "census_population_2010"])
                                for c in names]
    out["yuan_per_10k_yuan_gdp"] = [amounts[c] * 1e6 / (float(payers.loc[c, "gdp_100m_yuan_2010"])
                                                         * 1e8) * 1e4 for c in names]
    return out


def core_checks(G: nx.Graph, B: nx.Graph, table: pd.DataFrame) -> pd.DataFrame:
    """Is each rule's split in the core of the network game ``v^B``? (Will anyone walk away?)

    For each rule column of :func:`sharing_table`, the split (rescaled to ``v^B(N)``) is checked
    with :func:`govgames.networks.stability.in_core`; the largest excess ``v(S) - x(S)`` is
    reported in percent of the total, with the coalition that achieves it (a blocking coalition when
    positive).

    Examples
    --------
    Gains of 4 on the links A-B and B-C; a proportional split by weights 1, 1, 6 leaves A and B
    with 2 together, less than the 4 they can secure alone:

    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 4})])
    >>> t = sharing_table(G, G, [["A", "B"], ["C"]], {"A": 1, "B": 1, "C": 6})
    >>> core_checks(G, G, t).round(1)
                  in_core  max_excess_pct most_dissatisfied
    shapley          True           -25.0                []
    myerson          True           -25.0                []
    owen             True           -25.0                []
    nucleolus        True           -25.0                []
    proportional    False            25.0            [A, B]
    """
    from govgames.networks.builders import graph_restricted, linkage_game
    from govgames.networks.stability import in_core

    B = B.copy()
    B.add_nodes_from(G.nodes)
    vB = graph_restricted(linkage_game(G), B)
    total = vB.grand_value
    rows = []
    for rule in RULES:
        x = {c: total * float(table.loc[c, rule]) / 100 for c in vB.players}
        chk = in_core(vB, x, tol=CORE_CHECK_TOL * max(1.0, abs(total)))
        blocking = sorted(chk.blocking) if chk.blocking is not None else []
        rows.append({"rule": rule, "in_core": bool(chk),
                     "max_excess_pct": 100 * float(chk.max_excess) / total,
                     "most_dissatisfied": blocking})
    return pd.DataFrame(rows).set_index("rule").rename_axis(None)
