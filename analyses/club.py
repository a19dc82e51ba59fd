"""Case study 7: the club and its threshold (the Yangtze River Delta coordination association).

Seed 004 describes the "club effect" of regional cooperation organisations: once formed, the
organisation behaves like a regional bloc and sets a threshold for newcomers. The Yangtze River
Delta urban economic coordination association (长江三角洲城市经济协调会) required an urbanization
level of at least 20%, a per-capita GDP of at least 20% of Shanghai's and an economic-linkage
intensity coefficient of at least 10. In March 2010 six cities joined (Hefei, Yancheng, Ma'anshan,
Jinhua, Huai'an, Quzhou; seed 003), taking the association from 16 to 22 members.

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

from games.errors import InputError

from .base import DATA_DIR, CaseResult, read_csv_checked, register

__all__ = [
    "CITY_COLUMNS",
    "load_yrd_cities",
    "load_yrd_borders",
    "yrd_graph",
    "yrd_entry_rule",
    "club_members",
    "eligibility_table",
    "linkage_calibration",
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
    "Seed 004 (How local cooperation extends inter-governmental relations): the club effect and "
    "the association's entry rules (urbanization >= 20%, per-capita GDP >= 20% of Shanghai's, "
    "linkage coefficient >= 10).",
    "Seed 003 (Reform of the regional administrative cooperation system): the six cities "
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
    for i, city in enumerate(df["city"]):
        if city in set(df["city"].iloc[:i]):
            raise InputError(f"{label}: column 'city', row {i + 2}: city {city!r} appears twice")
    for col in ("population_10k", "gdp_100m_yuan", "gdp_per_capita_yuan"):
        bad = np.flatnonzero(df[col].to_numpy(float) <= 0)
        if len(bad):
            r = int(bad[0])
            raise InputError(f"{label}: column {col!r}, row {r + 2}: {df[col].iloc[r]!r} must be "
                             "positive")
    u = df["urbanization"].to_numpy(float)
    bad = np.flatnonzero((u < 0) | (u > 1))
    if len(bad):
        r = int(bad[0])
        raise InputError(f"{label}: column 'urbanization', row {r + 2}: {u[r]!r} is not a share "
                         "between 0 and 1 (give 0.45 for 45%)")
    for col, lo, hi in (("lon", -180, 180), ("lat", -90, 90)):
        v = df[col].to_numpy(float)
        bad = np.flatnonzero((v < lo) | (v > hi))
        if len(bad):
            r = int(bad[0])
            raise InputError(f"{label}: column {col!r}, row {r + 2}: {v[r]!r} is not a "
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
        A user CSV with those columns; default the bundled 99 pairs of the 41 YRD cities.

    Examples
    --------
    >>> b = load_yrd_borders()
    >>> len(b), list(b.columns)
    (99, ['city_a', 'city_b', 'shared_border_km'])
    """
    p = YRD_DIR / "yrd_city_borders.csv" if path is None else path
    return read_csv_checked(p, {"city_a": str, "city_b": str, "shared_border_km": float},
                            what="city borders")


def yrd_graph(cities: pd.DataFrame | None = None, borders: pd.DataFrame | None = None) -> nx.Graph:
    """The cities as a networkx graph: complete, with gravity linkage and border flags.

    Every pair of cities is an edge with ``weight`` = the gravity linkage
    ``R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij**2`` (P in 10,000 persons, G in 100 million yuan,
    d in km, great-circle between centroids; computed by :func:`networks.entry.gravity_linkage`),
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
    (41, 820, 99)
    >>> round(G["上海市"]["苏州市"]["distance_km"]), round(G["上海市"]["苏州市"]["weight"])
    (78, 3128)
    """
    from networks.entry import gravity_linkage

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
                    raise InputError(f"city borders: row {i + 2}: city {c!r} is not in the city "
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
    """The association's admission rule as a :class:`networks.EntryRule`.

    ``urbanization >= u_min``, ``gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan[reference]``
    and ``linkage >= l_min``, where ``linkage`` is the candidate's summed edge weight to the
    current members (the gravity linkage of :func:`yrd_graph`). The thresholds are rule
    parameters ``u_min``, ``g_ratio``, ``l_min`` (moved by sweeps).

    References
    ----------
    Seed 004: 《"长江三角洲"城市经济协调会城市入会规程》 as quoted there.

    Examples
    --------
    >>> print(yrd_entry_rule(reference="S"))
    (urbanization >= u_min & gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan["S"] & linkage >= l_min) where u_min = 0.2, g_ratio = 0.2, l_min = 10
    """
    from networks.entry import EntryRule

    ref = str(reference).replace("\\", "\\\\").replace('"', '\\"')
    return EntryRule.from_json({
        "type": "entry_rule",
        "name": "YRD urban economic coordination association (seed 004)",
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


def threshold_sweeps(cities: pd.DataFrame, G: nx.Graph, members, rule, *, points: int = 41
                     ) -> pd.DataFrame:
    """Move each threshold alone and count who would be eligible.

    For ``u_min`` in 0..1, ``g_ratio`` in 0..1.2 and ``l_min`` log-spaced from 1 to 10,000, the
    other two thresholds stay at the rule's values. Returns one row per (threshold, value) with
    the number of eligible non-members, of eligible members, the eligible non-members' names
    (display names) and their combined 2010 GDP.

    Examples
    --------
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> s = threshold_sweeps(t, G, club_members(t, 2010), yrd_entry_rule(), points=5)
    >>> s.groupby("threshold").size().to_dict()
    {'g_ratio': 5, 'l_min': 5, 'u_min': 5}
    """
    grids = {
        "u_min": np.linspace(0.0, 1.0, points),
        "g_ratio": np.linspace(0.0, 1.2, points),
        "l_min": np.logspace(0, 4, points),
    }
    ev0 = rule.evaluate(cities, members=members, graph=G, weight="weight")
    member = ev0["member"].to_numpy(bool)
    rows = []
    for name, grid in grids.items():
        for x in grid:
            r = rule.with_threshold(name, float(x))
            ev = r.evaluate(cities, members=members, graph=G, weight="weight")
            el = ev["eligible"].to_numpy(bool)
            outs = el & ~member
            rows.append({"threshold": name, "value": float(x),
                         "eligible_candidates": int(outs.sum()),
                         "eligible_members": int((el & member).sum()),
                         "candidates_gdp_100m_yuan": float(cities["gdp_100m_yuan"].to_numpy()[outs].sum()),
                         "eligible_names": ", ".join(cities["name_en"].to_numpy()[outs])})
    return pd.DataFrame(rows)
