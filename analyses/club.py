"""Case study 7: the club and its threshold (the Yangtze River Delta coordination association).

*How local cooperation extends inter-governmental relations* describes the "club effect" of regional cooperation organisations: once formed, the
organisation behaves like a regional bloc and sets a threshold for newcomers. The Yangtze River
Delta urban economic coordination association (长江三角洲城市经济协调会) required an urbanization
level of at least 20%, a per-capita GDP of at least 20% of Shanghai's and an economic-linkage
intensity coefficient of at least 10. In March 2010 six cities joined (Hefei, Yancheng, Ma'anshan,
Jinhua, Huai'an, Quzhou; *Reform of the regional administrative cooperation system*). The
membership table gives 16 members before that round and 22 after it.

This module applies those rules to the 41 real prefecture-level cities of Shanghai, Jiangsu,
Zhejiang and Anhui with their 2010 census and statistical figures, asks who was eligible in 2010,
whether the club was stable and who gained from the 2010 expansion, and sweeps each threshold.

Data (bundled in ``analyses/data/yrd/``, see ``analyses/data/SOURCES.md``): the 2010 census
(population, urbanization, boundary centroids; Lei Dong et al., *China Census* v1, MIT), 2010
population, GDP and per-capita GDP, the borders between the cities, and the membership rounds of
the association (hand-compiled from cited news reports).

**Economic linkage is a modelling choice, not an observed figure.** The association's linkage
coefficients are not published; we compute the gravity form common in the Chinese regional
literature, ``R_ij = sqrt(P_i G_i) * sqrt(P_j G_j) / d_ij**2`` (P in 10,000 persons, G in 100
million yuan, d in km between boundary centroids, great-circle), and a city's intensity with the
club as the sum of ``R_ij`` over the members. In these units the "≥ 10" threshold is a
calibration question; the case reports what it means under this computation.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from govgames.games.errors import InputError
from govgames.networks import club_stability as cs

from .base import DATA_DIR, CaseResult, Describe, csv_where, read_csv_checked, register

__all__ = [
    "CITY_COLUMNS",
    "load_yrd_cities",
    "load_yrd_borders",
    "yrd_graph",
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
    "threshold_sweeps",
    "draw_yrd_network",
    "run",
]

YRD_DIR = DATA_DIR / "yrd"

#: columns of a city table (the bundled data merged, or a user CSV); ``name_en`` and
#: ``province`` are optional in a user CSV
CITY_COLUMNS = {
    "city": str,                  # name (the key; Chinese in the bundled data)
    "population_10k": float,      # resident population, 10,000 persons
    "gdp_100m_yuan": float,       # GDP, 100 million yuan
    "gdp_per_capita_yuan": float,  # GDP per person, yuan
    "urbanization": float,        # share of urban residents, 0..1
    "lon": float,                 # longitude of the city's centroid, degrees
    "lat": float,                 # latitude, degrees
    "joined_year": int,           # year the city joined the club, 0 if it never did
}

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
# data

def _bundled_cities() -> pd.DataFrame:
    census = pd.read_csv(YRD_DIR / "yrd_cities_census.csv")
    gdp = pd.read_csv(YRD_DIR / "yrd_cities_gdp_2010.csv")
    names = pd.read_csv(YRD_DIR / "yrd_city_names.csv")
    member = pd.read_csv(YRD_DIR / "yrd_association_membership.csv")
    df = (census.merge(gdp, on="city", how="inner", validate="one_to_one")
          .merge(names, on="city", how="left", validate="one_to_one")
          .merge(member[["city", "joined_year"]], on="city", how="left", validate="one_to_one"))
    if len(df) != len(census):  # pragma: no cover - the bundled files are consistent
        raise InputError("bundled YRD files do not match city by city")
    out = pd.DataFrame({
        "city": df["city"],
        "name_en": df["name_en"].fillna(df["city"]),
        "province": df["province"],
        "province_en": df["province_en"],
        "population_10k": df["population_10k_2010"].astype(float),
        "gdp_100m_yuan": df["gdp_100m_yuan_2010"].astype(float),
        "gdp_per_capita_yuan": df["gdp_per_capita_yuan_2010"].astype(float),
        "urbanization": df["urbanization_2010"].astype(float),
        "urbanization_2020": df["urbanization_2020"].astype(float),
        "census_population_2010": df["popu_2010"].astype(float),
        "census_population_2020": df["popu_2020"].astype(float),
        "lon": df["centroid_lon"].astype(float),
        "lat": df["centroid_lat"].astype(float),
        "joined_year": df["joined_year"].fillna(0).astype(int),
    })
    return out.set_index("city", drop=False).rename_axis(None)


def load_yrd_cities(path=None) -> pd.DataFrame:
    """The city table of the club case: one row per city, indexed by city name.

    Parameters
    ----------
    path : str or Path, optional
        A user CSV with the columns of :data:`CITY_COLUMNS` (``city``, ``population_10k``,
        ``gdp_100m_yuan``, ``gdp_per_capita_yuan``, ``urbanization`` as a share 0..1, ``lon``,
        ``lat``, ``joined_year`` with 0 for cities that never joined; optional ``name_en`` and
        ``province``). Default: the 41 bundled cities of Shanghai, Jiangsu, Zhejiang and Anhui
        (2010 figures; ``urbanization`` from the 2010 census; ``population_10k`` and GDP from
        the 2010 statistics; centroids of the census boundaries).

    Returns
    -------
    pandas.DataFrame
        Columns as above plus ``name_en`` (display name) and ``province``.

    Raises
    ------
    InputError
        A missing column, an empty or non-numeric cell, a duplicate city, a non-positive
        population or GDP, or an urbanization outside 0..1 (naming the column and the row).

    Examples
    --------
    >>> t = load_yrd_cities()
    >>> len(t), t.loc["上海市", "name_en"], int(t.loc["上海市", "gdp_per_capita_yuan"])
    (41, 'Shanghai', 73297)
    >>> int((t["joined_year"].between(1, 2009)).sum())
    16
    """
    if path is None:
        return _bundled_cities()
    what = "club city table"
    df = read_csv_checked(path, CITY_COLUMNS, what=what)
    label = f"{what} {Path(path).name}"
    seen = set()
    for i, city in enumerate(df["city"]):
        if city in seen:
            raise InputError(f"{csv_where(label, i, 'city')}: city {city!r} appears twice")
        seen.add(city)
    for col in ("population_10k", "gdp_100m_yuan", "gdp_per_capita_yuan"):
        bad = np.flatnonzero(df[col].to_numpy(float) <= 0)
        if len(bad):
            r = int(bad[0])
            raise InputError(f"{csv_where(label, r, col)}: {df[col].iloc[r]!r} must be "
                             "positive")
    u = df["urbanization"].to_numpy(float)
    bad = np.flatnonzero((u < 0) | (u > 1))
    if len(bad):
        r = int(bad[0])
        raise InputError(f"{csv_where(label, r, 'urbanization')}: {u[r]!r} is not a share "
                         "between 0 and 1 (give 0.45 for 45%)")
    for col, lo, hi in (("lon", -180, 180), ("lat", -90, 90)):
        v = df[col].to_numpy(float)
        bad = np.flatnonzero((v < lo) | (v > hi))
        if len(bad):
            r = int(bad[0])
            raise InputError(f"{csv_where(label, r, col)}: {v[r]!r} is not a "
                             f"coordinate in degrees ({lo}..{hi})")
    if "name_en" not in df.columns:
        df["name_en"] = df["city"]
    df["name_en"] = [n if str(n).strip() else c for n, c in zip(df["name_en"], df["city"])]
    if "province" not in df.columns:
        df["province"] = ""
    for col in ("population_10k", "gdp_100m_yuan", "gdp_per_capita_yuan", "urbanization",
                "lon", "lat"):
        df[col] = df[col].astype(float)
    df["joined_year"] = df["joined_year"].astype(int)
    return df.set_index("city", drop=False).rename_axis(None)


def load_yrd_borders(path=None) -> pd.DataFrame:
    """Pairs of cities that share a border (``city_a``, ``city_b``, ``shared_border_km``).

    Parameters
    ----------
    path : str or Path, optional
        A user CSV with those columns; default the bundled 100 pairs of the 41 YRD cities.

    Examples
    --------
    >>> b = load_yrd_borders()
    >>> len(b), list(b.columns)
    (100, ['city_a', 'city_b', 'shared_border_km'])
    """
    p = YRD_DIR / "yrd_city_borders.csv" if path is None else path
    return read_csv_checked(p, {"city_a": str, "city_b": str, "shared_border_km": float},
                            what="city borders")


def yrd_graph(cities: pd.DataFrame | None = None, borders: pd.DataFrame | None = None) -> nx.Graph:
    """The cities as a networkx graph: complete, with gravity linkage and border flags.

    Every pair of cities is an edge with ``weight`` = the gravity linkage
    ``R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij**2`` (P in 10,000 persons, G in 100 million yuan,
    d in km, great-circle between centroids; computed by :func:`govgames.networks.entry.gravity_linkage`),
    ``distance_km``, ``border`` (True if the two cities share a border) and
    ``shared_border_km``. Nodes carry the table's columns (``name_en`` for display, ``lon``,
    ``lat`` as positions).

    Parameters
    ----------
    cities : pandas.DataFrame, optional
        From :func:`load_yrd_cities` (default: the bundled table).
    borders : pandas.DataFrame, optional
        From :func:`load_yrd_borders` (default: the bundled borders when ``cities`` is the
        bundled table, else none).

    Examples
    --------
    >>> G = yrd_graph()
    >>> G.number_of_nodes(), G.number_of_edges(), sum(d["border"] for *_, d in G.edges(data=True))
    (41, 820, 100)
    >>> round(G["上海市"]["苏州市"]["distance_km"]), round(G["上海市"]["苏州市"]["weight"])
    (81, 2918)
    """
    from govgames.networks.entry import gravity_linkage

    if cities is None:
        cities = load_yrd_cities()
        if borders is None:
            borders = load_yrd_borders()
    G = gravity_linkage(cities, population="population_10k", gdp="gdp_100m_yuan", lon="lon",
                        lat="lat")
    nx.set_edge_attributes(G, False, "border")
    nx.set_edge_attributes(G, 0.0, "shared_border_km")
    if borders is not None:
        for i, (a, b, km) in enumerate(zip(borders["city_a"], borders["city_b"],
                                           borders["shared_border_km"])):
            for c in (a, b):
                if c not in G:
                    raise InputError(f"{csv_where('city borders', i)}: city {c!r} is not in the city "
                                     "table")
            G[a][b]["border"] = True
            G[a][b]["shared_border_km"] = float(km)
    G.graph["linkage"] = ("gravity R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij^2; P 10,000 "
                          "persons, G 100 million yuan, d km (modelling choice)")
    return G


# ------------------------------------------------------------------------------------------------
# the entry rule and eligibility

def _resolve_city(cities: pd.DataFrame, name: str) -> str:
    """A city key from its key or its display name (``"Shanghai"`` or ``"上海市"``)."""
    if name in cities.index:
        return name
    if "name_en" in cities.columns:
        hits = [c for c, n in zip(cities.index, cities["name_en"]) if str(n) == name]
        if len(hits) == 1:
            return hits[0]
    raise InputError(f"club: reference city {name!r} is not in the city table")


def yrd_entry_rule(*, urbanization_min: float = 0.20, gdp_ratio_min: float = 0.20,
                   linkage_min: float = 10.0, reference: str = "上海市"):
    """The association's admission rule as a :class:`govgames.networks.EntryRule`.

    ``urbanization >= u_min``, ``gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan[reference]``
    and ``linkage >= l_min``, where ``linkage`` is the candidate's summed edge weight to the
    current members (the gravity linkage of :func:`yrd_graph`). The thresholds are rule
    parameters ``u_min``, ``g_ratio``, ``l_min`` (moved by sweeps).

    References
    ----------
    “Local cooperation”: 《"长江三角洲"城市经济协调会城市入会规程》 as quoted there.

    Examples
    --------
    >>> print(yrd_entry_rule(reference="S"))
    (urbanization >= u_min & gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan["S"] & linkage >= l_min) where u_min = 0.2, g_ratio = 0.2, l_min = 10.0
    """
    from govgames.networks.entry import EntryRule

    ref = str(reference).replace("\\", "\\\\").replace('"', '\\"')
    return EntryRule.from_json({
        "type": "entry_rule",
        "name": "YRD urban economic coordination association (“Local cooperation”)",
        "rule": {"all_of": [
            {"condition": "urbanization >= u_min", "name": "urbanization"},
            {"condition": f'gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan["{ref}"]',
             "name": "gdp_per_capita"},
            {"condition": "linkage >= l_min", "name": "linkage"},
        ]},
        "parameters": {"u_min": urbanization_min, "g_ratio": gdp_ratio_min,
                       "l_min": linkage_min},
    })


def club_members(cities: pd.DataFrame, before_year: int) -> list:
    """Cities that joined before ``before_year`` (``0 < joined_year < before_year``).

    Examples
    --------
    >>> t = load_yrd_cities()
    >>> len(club_members(t, 2010)), len(club_members(t, 2011))
    (16, 22)
    """
    y = cities["joined_year"].astype(int)
    return [c for c, j in zip(cities.index, y) if 0 < j < before_year]


def eligibility_table(cities: pd.DataFrame, G: nx.Graph, members, rule) -> pd.DataFrame:
    """Every city checked against ``rule`` given the current ``members``.

    Returns one row per city: ``name_en``, ``province``, ``member``, ``joined_year``, the value
    and margin of each condition, whether it passes, and ``eligible``.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> df = eligibility_table(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> sorted(df.loc[~df["gdp_per_capita.pass"], "name_en"])
    ['Bozhou', 'Fuyang', "Lu'an", 'Suzhou (Anhui)']
    """
    ev = rule.evaluate(cities, members=members, graph=G, weight="weight")
    out = pd.DataFrame({"city": cities.index, "name_en": cities["name_en"].to_numpy(),
                        "province": cities["province"].to_numpy(),
                        "joined_year": cities["joined_year"].to_numpy()}, index=cities.index)
    keep = [c for c in ev.columns if c.endswith((".value", ".threshold", ".margin", ".pass"))]
    out = out.join(ev[keep + ["member", "eligible"]])
    return out


def linkage_calibration(table: pd.DataFrame, entrants) -> dict:
    """What a linkage threshold means: the cut that best separates the actual entrants.

    Among the non-members that pass the other conditions, every cut ``L`` between two
    consecutive linkage values is tried as the threshold ``linkage >= L``; the cut with the
    fewest misclassified cities (entrants below it plus non-entrants above it) is reported, with
    the range of cuts that achieve it.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`eligibility_table` (columns ``linkage.value``, the other ``.pass`` columns,
        ``member``).
    entrants : iterable
        The cities that actually joined in the round.

    Returns
    -------
    dict
        ``min_candidate_linkage``, ``median_candidate_linkage``, ``best_threshold_low`` /
        ``best_threshold_high`` (the interval of best cuts), ``errors`` (misclassified),
        ``admitted`` (cities at or above the best cut), ``missed`` (entrants below it),
        ``false_admits`` (non-entrants above it), ``candidates`` (how many were compared).

    Examples
    --------
    >>> t = pd.DataFrame({"linkage.value": [5.0, 50.0, 20.0, 80.0], "member": [False] * 4,
    ...                   "u.pass": [True] * 4}, index=list("ABCD"))
    >>> r = linkage_calibration(t, ["B", "D"])
    >>> r["best_threshold_low"], r["best_threshold_high"], r["errors"]
    (20.0, 50.0, 0)
    """
    entrants = set(entrants)
    others = [c for c in table.columns if c.endswith(".pass") and not c.startswith("linkage")]
    ok = ~table["member"].astype(bool)
    for c in others:
        ok &= table[c].astype(bool)
    cand = table.loc[ok, "linkage.value"].astype(float).sort_values()
    if cand.empty:
        raise InputError("club: no candidate passes the other conditions; cannot calibrate")
    vals = cand.to_numpy()
    names = list(cand.index)
    is_ent = np.array([n in entrants for n in names])
    # cut k admits names[k:]; k = 0 .. len
    best, best_k = None, []
    for k in range(len(vals) + 1):
        err = int(is_ent[:k].sum() + (~is_ent[k:]).sum())
        if best is None or err < best:
            best, best_k = err, [k]
        elif err == best:
            best_k.append(k)
    k = best_k[0]
    low = float(vals[k - 1]) if k > 0 else 0.0
    high = float(vals[k]) if k < len(vals) else float("inf")
    return {
        "candidates": len(vals),
        "min_candidate_linkage": float(vals.min()),
        "median_candidate_linkage": float(np.median(vals)),
        "best_threshold_low": low,
        "best_threshold_high": high,
        "errors": best,
        "admitted": names[k:],
        "missed": [n for n in names[:k] if n in entrants],
        "false_admits": [n for n in names[k:] if n not in entrants],
    }


def yrd_club(cities: pd.DataFrame, G: nx.Graph, members, rule, *, membership_cost: float = 0.0,
             club_fund: float = 0.0, coordination_cost: float = 0.0):
    """The association as a :class:`govgames.networks.Club` on the linkage game of ``G``.

    The club's worth (a modelling assumption) is the gravity linkage among its members, plus a
    fixed club resource ``club_fund`` (preferential policies, a joint fund: what neighbours lobby
    to share), minus a membership cost per member (e.g. each member's contribution to a joint
    fund) and a coordination cost ``coordination_cost`` per pair of members (meetings and
    negotiations grow with the number of pairs):
    ``v(S) = sum of R_ij over pairs in S + club_fund [S non-empty] - membership_cost |S|
    - coordination_cost |S| (|S| - 1) / 2``.
    Shares are Shapley values: by additivity and symmetry, half of each link inside the club,
    plus an equal part ``club_fund / |club|`` of the fund, minus the membership cost and
    ``coordination_cost (|club| - 1) / 2`` (the link part from
    :func:`govgames.networks.values.linkage_shapley_value`). An outsider gets 0. Without a fund this is
    the library's linkage-game club with stand-alone values ``-membership_cost``.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> club = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> from govgames.networks import club_stability as cs
    >>> len(club.members), cs.is_internally_stable(club), cs.is_externally_stable(club)
    (16, True, False)
    >>> funded = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule(), club_fund=1600.0)
    >>> round(funded.shares()["上海市"] - club.shares()["上海市"], 6)
    100.0
    """
    from govgames.networks.clubs import Club
    from govgames.networks.coalitional import CoalitionalGame
    from govgames.networks.values import linkage_shapley_value

    cost, fund, coord = float(membership_cost), float(club_fund), float(coordination_cost)
    for name, x in (("membership_cost", cost), ("club_fund", fund),
                    ("coordination_cost", coord)):
        if not np.isfinite(x) or x < 0:
            raise InputError(f"club: {name} must be a non-negative number, got {x!r}")
    if fund == 0 and coord == 0:
        return Club(members, rule, G, data=cities, sharing="shapley",
                    standalone={c: -cost for c in G.nodes},
                    outside_payoff=lambda city, club: 0.0)
    players = list(G.nodes)
    W = nx.to_numpy_array(G, nodelist=players, weight="weight")

    def worth(M, W=W, fund=fund, cost=cost, coord=coord):
        M = np.asarray(M, dtype=float)
        links = np.einsum("ki,ij,kj->k", M, W, M) / 2
        size = M.sum(axis=1)
        return links + fund * (size > 0) - cost * size - coord * size * (size - 1) / 2

    game = CoalitionalGame(players, value_function=worth, vectorized=True,
                           name="linkage game with a club fund")

    def shapley_shares(club_game):
        sub = G.subgraph(club_game.players)
        half = linkage_shapley_value(sub)
        k = len(club_game.players)
        return {p: half[p] + fund / k - cost - coord * (k - 1) / 2 for p in club_game.players}

    shapley_shares.__name__ = "Shapley value (closed form: half of each link + equal part of the fund)"
    # exact_limit=0: the shares have a closed form, no coalition table is needed
    return Club(members, rule, game, data=cities, graph=G, sharing=shapley_shares,
                outside_payoff=lambda city, club: 0.0, exact_limit=0)


def stable_coordination_costs(cities: pd.DataFrame, G: nx.Graph, members, rule, *,
                              membership_cost: float = 0.0, club_fund: float = 0.0) -> dict:
    """The coordination costs per pair of members under which the club is stable.

    With the Shapley shares of :func:`yrd_club`, member ``i`` stays iff
    ``h_i + F/k - m - c (k - 1)/2 >= 0`` (``h_i`` half its links inside the club, ``k`` members,
    fund ``F``, membership cost ``m``), and an eligible outsider ``j`` wants in iff
    ``L_j/2 + F/(k+1) - m - c k/2 > 0`` (``L_j`` its linkage with the members). So the club is
    internally stable iff ``c <= high`` and externally stable iff ``c >= low``; stability is a
    result of the costs, not of the model's form (with ``c = m = F = 0`` every linked outsider
    wants in by construction).

    Parameters
    ----------
    cities, G, members, rule
        As for :func:`yrd_club`.
    membership_cost, club_fund : float
        As for :func:`yrd_club` (linkage units).

    Returns
    -------
    dict
        ``low`` (smallest coordination cost at which no eligible outsider wants in; 0 when none
        does at 0), ``high`` (largest at which every member stays), ``stable_interval``
        (``(low, high)`` or None when ``low > high``), ``binding_outsider`` and
        ``binding_member`` (the cities that set the bounds).

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> r = stable_coordination_costs(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> round(r["low"], 1), round(r["high"], 1), r["stable_interval"]
    (52.3, 17.6, None)
    """
    from govgames.networks.values import linkage_shapley_value

    members = list(members)
    k = len(members)
    m, F = float(membership_cost), float(club_fund)
    half = linkage_shapley_value(G.subgraph(members))
    ev = rule.evaluate(cities, members=members, graph=G, weight="weight")
    outs = [c for c in cities.index if c not in members and bool(ev.loc[c, "eligible"])]
    bounds_out = {j: 2 * (sum(G[j][i]["weight"] for i in G[j] if i in members) / 2
                          + F / (k + 1) - m) / k for j in outs}
    bounds_in = {i: (2 * (half[i] + F / k - m) / (k - 1) if k > 1 else float("inf"))
                 for i in members}
    j_star = max(bounds_out, key=bounds_out.get) if bounds_out else None
    i_star = min(bounds_in, key=bounds_in.get)
    low = max(0.0, bounds_out[j_star]) if j_star is not None else 0.0
    high = bounds_in[i_star]
    return {"low": low, "high": high,
            "stable_interval": (low, high) if low <= high and high >= 0 else None,
            "binding_outsider": j_star, "binding_member": i_star}


def expansion_gains(club, entrants, names=None) -> pd.DataFrame:
    """Who gains from admitting ``entrants`` together: each member's Shapley share before and
    after, the gain, the gain in percent, and the entrant whose admission alone adds most to it.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> club = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> ent = [c for c in t.index if t.loc[c, "joined_year"] == 2010]
    >>> df = expansion_gains(club, ent, names=dict(t["name_en"]))
    >>> df.iloc[0]["name"], df.iloc[0]["largest_from"]
    ('Nanjing', "Ma'anshan")
    """
    names = names or {}
    before = club.shares()
    after_club = club.members | frozenset(entrants)
    after = club.shares(after_club)
    single = cs.expansion(club, candidates=list(entrants))
    rows = []
    for m in club._ordered(club.members):
        col = f"Δ {m}"
        best = single[col].idxmax() if len(single) else None
        rows.append({"city": m, "name": names.get(m, m), "share_before": before[m],
                     "share_after": after[m], "gain": after[m] - before[m],
                     "gain_pct": 100 * (after[m] - before[m]) / before[m] if before[m] > 0
                     else float("nan"),
                     "largest_from": names.get(best, best) if best is not None else None})
    df = pd.DataFrame(rows).set_index("city", drop=False).rename_axis(None)
    return df.sort_values("gain", ascending=False)


def fund_sweep(cities: pd.DataFrame, G: nx.Graph, members, entrants, rule, funds, *,
               membership_cost: float = 0.0, names=None) -> pd.DataFrame:
    """When does a shared club fund make incumbents object to newcomers?

    For each fund size (linkage units), the members whose Shapley share falls when all
    ``entrants`` are admitted together (the fund is split among more members), and the entrants
    that every member would accept on their own (no member's share falls).

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> ent = [c for c in t.index if t.loc[c, "joined_year"] == 2010]
    >>> f = fund_sweep(t, G, club_members(t, 2010), ent, yrd_entry_rule(), [0.0, 2000.0],
    ...                names=dict(t["name_en"]))
    >>> f["members_losing"].tolist()
    [0, 2]
    """
    names = names or {}
    rows = []
    for F in funds:
        club = yrd_club(cities, G, members, rule, membership_cost=membership_cost,
                        club_fund=float(F))
        before = club.shares()
        after = club.shares(club.members | frozenset(entrants))
        losing = [m for m in club._ordered(club.members) if after[m] < before[m] - 1e-9]
        single = cs.expansion(club, candidates=list(entrants))
        welcome = [c for c in single.index if bool(single.loc[c, "members_consent"])]
        rows.append({"club_fund": float(F), "members_losing": len(losing),
                     "losing_names": ", ".join(names.get(m, m) for m in losing),
                     "entrants_welcomed_alone": len(welcome),
                     "welcomed_names": ", ".join(names.get(c, c) for c in welcome)})
    return pd.DataFrame(rows)


def threshold_sweeps(club, grids: dict, *, names=None) -> pd.DataFrame:
    """Move each threshold alone (:meth:`govgames.networks.Club.threshold_sweep`): the eligible
    outsiders, the club where welfare-greedy admissions stop, its size and welfare.

    Parameters
    ----------
    club : networks.Club
    grids : dict
        Rule parameter (``"u_min"``, ``"g_ratio"``, ``"l_min"``) -> values.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> club = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> s = threshold_sweeps(club, {"l_min": [10, 1000]})
    >>> s[["threshold", "value", "n_eligible", "club_size"]]
      threshold   value  n_eligible  club_size
    0     l_min    10.0          21         37
    1     l_min  1000.0           0         16
    """
    names = names or {}
    parts = []
    for param, values in grids.items():
        df = cs.threshold_sweep(club, param, [float(x) for x in values])
        df.insert(0, "threshold", param)
        df["eligible"] = [", ".join(names.get(c, c) for c in e) for e in df["eligible"]]
        df["added"] = [", ".join(names.get(c, c) for c in e) for e in df["added"]]
        parts.append(df)
    return pd.concat(parts, ignore_index=True)


#: years of the bundled statistics: population, GDP and per-capita GDP are 2010 figures; the 2020
#: census gives urbanization but no GDP, so the bundled rule uses 2010 for every round
BUNDLED_STATISTICS_YEARS = (2010,)


def statistics_year(round_year: int, available=BUNDLED_STATISTICS_YEARS) -> tuple[int, str]:
    """Which year's statistics judge an admission round: the latest available year before it.

    Eligibility for a round held in ``round_year`` should use the statistics of the year before
    it; where no bundled year precedes the round, the earliest available year is used and the
    label says it is later than the round.

    Parameters
    ----------
    round_year : int
    available : sequence of int
        Years for which the statistics are bundled (2010 for population, GDP and urbanization).

    Returns
    -------
    (int, str)
        The year used and a label: ``"2010 (before the round)"``, ``"2010 (same year; 2009 not
        bundled)"`` or ``"2010 (after the round; no earlier figures bundled)"``.

    Examples
    --------
    >>> statistics_year(2013), statistics_year(1997)[1]
    ((2010, '2010 (before the round)'), '2010 (after the round; no earlier figures bundled)')
    """
    before = [y for y in available if y <= round_year - 1]
    if before:
        y = max(before)
        return y, f"{y} (before the round)"
    y = min(available)
    if y == round_year:
        return y, f"{y} (same year; {round_year - 1} not bundled)"
    return y, f"{y} (after the round; no earlier figures bundled)"


def rounds_table(cities: pd.DataFrame, G: nx.Graph, rule, *, names=None,
                 available=BUNDLED_STATISTICS_YEARS) -> pd.DataFrame:
    """Every admission round checked against the rule, with the year of the statistics used.

    For each year in which cities joined (after the first), the members before it, the entrants,
    which entrants meet the rule against those members, and how many outsiders were eligible.
    Each round should be judged by the statistics of the year before it; the bundled data has
    2010 figures only (GDP is not in the 2020 census), so column ``statistics_year`` says which
    year is used and whether it precedes the round (:func:`statistics_year`): for 1997, 2003 and
    2010 the check is anachronistic and only indicative.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> r = rounds_table(t, G, yrd_entry_rule(), names=dict(t["name_en"]))
    >>> r[["year", "members_before", "entrants", "entrants_eligible"]].values.tolist()
    [[1997, 14, 1, 1], [2003, 15, 1, 1], [2010, 16, 6, 6], [2013, 22, 8, 8], [2018, 30, 4, 4], [2019, 34, 7, 3]]
    """
    names = names or {}
    years = sorted({int(y) for y in cities["joined_year"] if int(y) > 0})
    rows = []
    for y in years[1:]:
        members = club_members(cities, y)
        ent = [c for c in cities.index if int(cities.loc[c, "joined_year"]) == y]
        ev = rule.evaluate(cities, members=members, graph=G, weight="weight")
        outs = [c for c in cities.index if c not in members]
        ok = [c for c in ent if bool(ev.loc[c, "eligible"])]
        rows.append({"year": y, "statistics_year": (statistics_year(y, available)[1]
                                                    if available else "the given figures"),
                     "members_before": len(members), "entrants": len(ent),
                     "entrants_eligible": len(ok),
                     "eligible_outsiders": int(sum(bool(ev.loc[c, "eligible"]) for c in outs)),
                     "entrant_names": ", ".join(names.get(c, c) for c in ent),
                     "entrants_not_eligible": ", ".join(names.get(c, c) for c in ent
                                                        if c not in ok)})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------------------------------
# figures

_STATUS_STYLE = {
    "member": ("tab:blue", "member before the round"),
    "entrant": ("tab:red", "joined in the round"),
    "eligible": ("tab:orange", "eligible, did not join"),
    "ineligible": ("lightgray", "not eligible"),
}


def draw_yrd_network(G: nx.Graph, status: dict, *, ax=None, title: str | None = None,
                     label: str = "name_en"):
    """A map-like drawing: cities at their centroids (longitude, latitude), shared borders as
    edges, colour by ``status`` (``member``, ``entrant``, ``eligible``, ``ineligible``), size by
    GDP, labels in pinyin (``name_en``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> ax = draw_yrd_network(G, {c: "member" for c in G})
    >>> sorted(t.get_text() for t in ax.texts)[:3]
    ['Anqing', 'Bengbu', 'Bozhou']
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 8))
    pos = {c: (float(d["lon"]), float(d["lat"])) for c, d in G.nodes(data=True)}
    borders = [(a, b) for a, b, d in G.edges(data=True) if d.get("border")]
    nx.draw_networkx_edges(G, pos, edgelist=borders, ax=ax, edge_color="0.6", width=0.8)
    gdp = np.array([float(G.nodes[c].get("gdp_100m_yuan", 1.0)) for c in G])
    sizes = 40 + 500 * np.sqrt(gdp / gdp.max())
    colors = [_STATUS_STYLE.get(status.get(c, "ineligible"), _STATUS_STYLE["ineligible"])[0]
              for c in G]
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colors,
                           edgecolors="k", linewidths=0.5)
    labels = {c: str(G.nodes[c].get(label, c)) for c in G}
    nx.draw_networkx_labels(G, pos, labels=labels, ax=ax, font_size=6.5,
                            verticalalignment="bottom")
    used = {status.get(c, "ineligible") for c in G}
    handles = [Line2D([], [], marker="o", ls="", markerfacecolor=col, markeredgecolor="k",
                      label=lab) for key, (col, lab) in _STATUS_STYLE.items() if key in used]
    ax.legend(handles=handles, loc="lower left", fontsize="small")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect(1 / np.cos(np.radians(np.mean([p[1] for p in pos.values()]))))
    ax.tick_params(left=True, bottom=True, labelleft=True, labelbottom=True)
    if title:
        ax.set_title(title)
    return ax


def _calibration_figure(table, entrants, calib, linkage_min):
    from matplotlib.figure import Figure

    others = [c for c in table.columns if c.endswith(".pass") and not c.startswith("linkage")]
    ok = ~table["member"].astype(bool)
    for c in others:
        ok &= table[c].astype(bool)
    sub = table.loc[ok].sort_values("linkage.value")
    fig = Figure(figsize=(7, 5))
    ax = fig.add_subplot()
    ent = set(entrants)
    colors = ["tab:red" if c in ent else "tab:orange" for c in sub.index]
    ax.barh(range(len(sub)), sub["linkage.value"], color=colors)
    ax.set_yticks(range(len(sub)))
    ax.set_yticklabels(sub["name_en"], fontsize=7)
    ax.set_xscale("log")
    ax.axvline(linkage_min, color="k", ls="--", lw=1, label=f"rule: {linkage_min:g}")
    lo, hi = calib["best_threshold_low"], calib["best_threshold_high"]
    if np.isfinite(hi):
        ax.axvspan(max(lo, 1e-9), hi, color="tab:green", alpha=0.2,
                   label=f"best cut for the round: {lo:.0f}-{hi:.0f}")
    ax.set_xlabel("gravity linkage with the members (sum of R_ij; log scale)")
    ax.set_title("Eligible candidates: joined in the round (red) or not (orange)")
    ax.legend(loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig


def _gains_figure(gains):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    g = gains.sort_values("gain")
    ax.barh(g["name"], g["gain"], color="tab:blue")
    ax.set_xlabel("gain in Shapley share (linkage units)")
    ax.set_title("Who gains from the expansion (members before the round)")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    return fig


def _sweep_figure(sweeps, rule_values):
    from matplotlib.figure import Figure

    from govgames.networks.clubs import plot_threshold_sweep

    labels = {"u_min": "urbanization threshold (share)",
              "g_ratio": "per-capita GDP threshold (share of the reference city's)",
              "l_min": "linkage threshold (log scale)"}
    params = list(dict.fromkeys(sweeps["threshold"]))
    fig = Figure(figsize=(7, 3.2 * len(params)))
    for i, p in enumerate(params, start=1):
        ax = fig.add_subplot(len(params), 1, i)
        df = sweeps[sweeps["threshold"] == p].reset_index(drop=True)
        plot_threshold_sweep(df, ax=ax)
        ax.set_xlabel(labels.get(p, p))
        if p == "l_min":
            ax.set_xscale("log")
        if p in rule_values:
            ax.axvline(rule_values[p], color="k", ls=":", lw=1)
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------------------------------
# the case

def _fmt_names(names):
    return ", ".join(names) if names else "none"



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
def run(*, urbanization_min: float = 0.20, gdp_ratio_min: float = 0.20, linkage_min: float = 10.0,
        membership_cost: float = 0.0, club_fund: float = 0.0, coordination_cost: float = 0.0,
        expansion_year: int = 2010, reference: str = "Shanghai",
        sweep_points: int = 6, data=None, borders=None) -> CaseResult:
    """The Yangtze River Delta association's entry rules applied to the 41 real cities.

    Parameters
    ----------
    urbanization_min, gdp_ratio_min, linkage_min : float
        The thresholds of “Local cooperation” (urbanization >= 20%, per-capita GDP >= 20% of the reference
        city's, economic linkage >= 10).
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
        The reference city of the per-capita GDP rule (key or display name).
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
    sweep_points = int(sweep_points)
    if sweep_points < 2:
        raise InputError("club: sweep_points must be at least 2")
    cities = load_yrd_cities(data)
    from govgames.games.budget import check_work
    # three threshold sweeps; each point replays the entry rounds over the city network
    check_work(3 * sweep_points * max(len(cities), 1) ** 2 * 20,
               f"club: sweeps with sweep_points={sweep_points} over {len(cities)} cities",
               "use fewer sweep points (a few dozen draw a smooth curve)")
    if borders is not None:
        border_df = load_yrd_borders(borders)
    elif data is None:
        border_df = load_yrd_borders()
    else:
        border_df = None
    ref = _resolve_city(cities, reference)
    names = dict(zip(cities.index, cities["name_en"]))
    G = yrd_graph(cities, border_df)
    year = int(expansion_year)
    rounds_held = sorted({int(y) for y in cities["joined_year"] if int(y) > 0})
    if year not in rounds_held[1:]:
        raise InputError(f"club: expansion_year={year} is not an admission round of the data; "
                         f"cities were admitted in {', '.join(map(str, rounds_held[1:]))} "
                         f"(founded {rounds_held[0]})" if rounds_held else
                         "club: no city has a joined_year in the data")
    members = club_members(cities, year)
    entrants = [c for c in cities.index if int(cities.loc[c, "joined_year"]) == year]
    rule = yrd_entry_rule(urbanization_min=urbanization_min, gdp_ratio_min=gdp_ratio_min,
                          linkage_min=linkage_min, reference=ref)

    # eligibility
    elig = eligibility_table(cities, G, members, rule)
    ref_gdp = float(cities.loc[ref, "gdp_per_capita_yuan"])
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
    shown = pd.DataFrame({
        "city": elig["city"], "name": elig["name_en"], "province": elig["province"],
        "joined_year": elig["joined_year"], "status": [status[c] for c in elig.index],
        "urbanization": elig["urbanization.value"],
        "gdp_per_capita_yuan": elig["gdp_per_capita.value"],
        "gdp_pc_share_of_reference": elig["gdp_per_capita.value"] / ref_gdp,
        "linkage_with_members": elig["linkage.value"],
        "passes_urbanization": elig["urbanization.pass"],
        "passes_gdp_per_capita": elig["gdp_per_capita.pass"],
        "passes_linkage": elig["linkage.pass"], "eligible": elig["eligible"]})
    outsiders = [c for c in cities.index if c not in members]
    excluded = {k: [names[c] for c in cities.index if not bool(elig.loc[c, f"{k}.pass"])]
                for k in ("urbanization", "gdp_per_capita", "linkage")}
    eligible_out = [c for c in outsiders if bool(elig.loc[c, "eligible"])]
    ineligible_entrants = [names[c] for c in entrants if not bool(elig.loc[c, "eligible"])]

    # calibration of the linkage threshold
    calib = None
    if entrants:
        try:
            calib = linkage_calibration(elig, entrants)
        except InputError:
            calib = None

    # the club: stability and who gains
    club = yrd_club(cities, G, members, rule, membership_cost=membership_cost,
                    club_fund=club_fund, coordination_cost=coordination_cost)
    before = cs.summary(club)
    stab = {}
    if entrants:
        stab = stable_coordination_costs(cities, G, sorted(set(members) | set(entrants)), rule,
                                         membership_cost=membership_cost,
                                         club_fund=club_fund)
    tables = {}
    numbers = {
        "cities": len(cities), "members_before": len(members), "entrants": len(entrants),
        "reference_gdp_per_capita_yuan": ref_gdp,
        "gdp_per_capita_threshold_yuan": float(gdp_ratio_min) * ref_gdp,
        f"eligible_{year}": int(elig["eligible"].sum()),
        "eligible_outsiders": len(eligible_out),
        "excluded_by_urbanization": excluded["urbanization"],
        "excluded_by_gdp_per_capita": excluded["gdp_per_capita"],
        "excluded_by_linkage": excluded["linkage"],
        "entrants_not_eligible": ineligible_entrants,
        "min_outsider_linkage": float(min(elig.loc[outsiders, "linkage.value"]))
        if outsiders else float("nan"),
        "internally_stable_before": bool(before["internally_stable"]),
        "externally_stable_before": bool(before["externally_stable"]),
        "want_to_join_before": [names[c] for c in before["wants_to_join"]],
    }
    if calib is not None:
        numbers.update({
            "linkage_best_cut_low": calib["best_threshold_low"],
            "linkage_best_cut_high": calib["best_threshold_high"],
            "linkage_best_cut_errors": calib["errors"],
            "linkage_best_cut_missed": [names[c] for c in calib["missed"]],
            "linkage_best_cut_false_admits": [names[c] for c in calib["false_admits"]],
            "linkage_scale_factor_for_rule": (calib["best_threshold_low"] / float(linkage_min)
                                              if linkage_min > 0 else float("nan")),
        })
    gains = None
    if entrants:
        gains = expansion_gains(club, entrants, names=names)
        after_club = club.members | frozenset(entrants)
        after = cs.summary(club, after_club)
        numbers.update({
            "internally_stable_after": bool(after["internally_stable"]),
            "externally_stable_after": bool(after["externally_stable"]),
            "want_to_join_after": [names[c] for c in after["wants_to_join"]],
            "members_losing_from_expansion": [gains.loc[c, "name"] for c in gains.index
                                              if gains.loc[c, "gain"] < -1e-9],
            "largest_gainer": gains.iloc[0]["name"],
            "largest_gain_pct": float(gains["gain_pct"].max()),
            "club_value_before": float(club.value(club.members)),
            "club_value_after": float(club.value(after_club)),
            "coordination_cost_external_stability_from": stab["low"],
            "coordination_cost_internal_stability_up_to": stab["high"],
        })
        ent_rows = cs.expansion(club, candidates=entrants)
        v0 = float(club.value(club.members))
        fractions = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5)
        fs = fund_sweep(cities, G, members, entrants, rule, [x * v0 for x in fractions],
                        membership_cost=membership_cost, names=names)
        fs.insert(1, "fund_share_of_club_value", fractions)
        tables["fund_sweep"] = fs
        first = fs[fs["members_losing"] > 0]
        numbers["smallest_fund_with_objections"] = (float(first["club_fund"].iloc[0])
                                                    if len(first) else None)
        tables["entrants"] = pd.DataFrame({
            "city": ent_rows.index, "name": [names[c] for c in ent_rows.index],
            "linkage_with_members": [float(elig.loc[c, "linkage.value"]) for c in ent_rows.index],
            "eligible": [bool(elig.loc[c, "eligible"]) for c in ent_rows.index],
            "share_if_admitted_alone": ent_rows["candidate_share"].to_numpy(),
            "wants_to_join": ent_rows["wants_to_join"].to_numpy(),
            "members_consent": ent_rows["members_consent"].to_numpy(),
            "welfare_change": ent_rows["welfare_change"].to_numpy()})
    tables["eligibility"] = shown.reset_index(drop=True)
    rounds = rounds_table(cities, G, rule, names=names,
                          available=BUNDLED_STATISTICS_YEARS if data is None else None)
    if len(rounds):
        tables["admission_rounds"] = rounds
        numbers["entrants_not_eligible_by_round"] = {
            int(y): [x for x in str(n).split(", ") if x]
            for y, n in zip(rounds["year"], rounds["entrants_not_eligible"])}
    if gains is not None:
        tables["who_gains"] = gains.reset_index(drop=True)

    # sweeps
    grids = {"u_min": np.linspace(0.0, 0.9, sweep_points),
             "g_ratio": np.linspace(0.0, 1.2, sweep_points),
             "l_min": np.logspace(0, 4, sweep_points)}
    for key, val in (("u_min", urbanization_min), ("g_ratio", gdp_ratio_min),
                     ("l_min", linkage_min)):
        grids[key] = np.unique(np.append(grids[key], float(val)))
    sweeps = threshold_sweeps(club, grids, names=names)
    tables["threshold_sweeps"] = sweeps

    figures = {
        "network": draw_yrd_network(
            G, status, title=f"Coordination association and the {year} round (gravity "
            "linkage rule; edges: shared borders)").figure,
        "threshold_sweeps": _sweep_figure(sweeps, {"u_min": urbanization_min,
                                                   "g_ratio": gdp_ratio_min,
                                                   "l_min": linkage_min}),
    }
    if calib is not None:
        figures["linkage_calibration"] = _calibration_figure(elig, entrants, calib, linkage_min)
    if gains is not None:
        figures["who_gains"] = _gains_figure(gains)

    # finding
    data_label = "the 2010 figures" if data is None else "the given figures"
    parts = [f"For the {year} round ({len(members)} members, {data_label}), "
             f"{numbers[f'eligible_{year}']} of the {len(cities)} cities meet the three entry "
             f"rules. Failing per-capita GDP >= {100 * gdp_ratio_min:g}% of {names[ref]}'s "
             f"({numbers['gdp_per_capita_threshold_yuan']:,.0f} yuan): "
             f"{_fmt_names(excluded['gdp_per_capita'])}; failing urbanization >= "
             f"{100 * urbanization_min:g}%: {_fmt_names(excluded['urbanization'])}; failing "
             f"linkage >= {linkage_min:g} with the members: {_fmt_names(excluded['linkage'])}."]
    late = {y: v for y, v in numbers.get("entrants_not_eligible_by_round", {}).items() if v}
    if "admission_rounds" in tables and data is None:
        rt = tables["admission_rounds"]
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
    if calib is not None:
        parts.append(
            f"Computed as a gravity sum (a modelling choice), every outsider's linkage with the "
            f"{len(members)} members is at least {numbers['min_outsider_linkage']:.0f}"
            + (f", so the '>= {linkage_min:g}' rule excludes nobody and binds only on another "
               f"scale" if numbers["min_outsider_linkage"] >= linkage_min else "")
            + f"; the cut that best "
            f"reproduces the {year} round lies between {calib['best_threshold_low']:.0f} and "
            f"{calib['best_threshold_high']:.0f} ({calib['errors']} misclassified: missed "
            f"{_fmt_names(numbers['linkage_best_cut_missed'])}, would also admit "
            f"{_fmt_names(numbers['linkage_best_cut_false_admits'])}).")
    if gains is not None:
        losing = numbers["members_losing_from_expansion"]
        who = ("every incumbent gains from the " if not losing else
               f"{_fmt_names(losing)} lose and the other incumbents gain from the ")
        parts.append(
            f"In the linkage game with Shapley shares {who}"
            f"{year} expansion ({numbers['largest_gainer']} most); the enlarged club is "
            f"{'internally stable' if numbers['internally_stable_after'] else 'not internally stable'}"
            f" and {'externally stable' if numbers['externally_stable_after'] else 'not externally stable: ' + str(len(numbers['want_to_join_after'])) + ' eligible outsiders would gain by joining'}"
            + (" (with costless membership this holds by construction: every link adds value, "
               "so every incumbent gains from any linked newcomer and every linked outsider "
               "wants in)" if membership_cost == 0 and club_fund == 0
               and coordination_cost == 0 else "") + ".")
        lo, hi = stab["low"], stab["high"]
        parts.append(
            f"With a coordination cost c per pair of members, the enlarged club keeps every "
            f"member for c <= {hi:.3g} ({names[stab['binding_member']]} leaves first) and "
            f"keeps out every eligible outsider for c >= {lo:.3g} "
            f"({names[stab['binding_outsider']] if stab['binding_outsider'] else 'none'} wants "
            "in longest): "
            + (f"it is stable for {lo:.3g} <= c <= {hi:.3g} linkage units."
               if stab["stable_interval"] else
               "no coordination cost makes it both internally and externally stable, so under "
               "this model the association's size reflects its rules and consent, not "
               "stability."))
    if gains is not None and club_fund > 0:
        losing = numbers["members_losing_from_expansion"]
        parts.append(
            f"With the fund set here ({club_fund:g} linkage units, "
            f"{100 * club_fund / numbers['club_value_before']:.3g}% of the club's linkage value, "
            f"shared equally), {_fmt_names(losing) if losing else 'no member'} would lose from "
            f"the {year} expansion.")
    elif gains is not None and numbers.get("smallest_fund_with_objections") is not None:
        fs = tables["fund_sweep"]
        row = fs[fs["members_losing"] > 0].iloc[0]
        parts.append(
            f"If the club also shared a fixed fund equally (the fund sweep; none is set here), "
            f"newcomers would dilute it: with a fund of "
            f"{100 * row['fund_share_of_club_value']:g}% of the club's linkage value, "
            f"{row['losing_names']} would lose from the {year} expansion and would object.")
    notes = [
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
    if data is not None:
        notes.append(f"City data from the user file {Path(data).name}.")
    return CaseResult(
        name="club", title="The club and its threshold", finding=" ".join(parts),
        tables=tables, figures=figures, numbers=numbers, sources=list(_SOURCES), notes=notes,
        illustrative=True, describe=_club_describe(year), captions=_CAPTIONS,
        glossary=_GLOSSARY)


def _club_describe(year: int) -> dict:
    """:data:`_DESCRIBE` with the numbers named after the admission round studied."""
    return {**_DESCRIBE, f"eligible_{year}": Describe(f"Cities meeting the entry rules in {year}",
                                                      "cities", "assumed")}
