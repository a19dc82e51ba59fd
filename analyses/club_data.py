"""Data of the club cases: the Yangtze River Delta cities, their borders and gravity linkage.

The bundled tables (``analyses/data/yrd/``, see ``analyses/data/SOURCES.md``) hold the 2010
census (population, urbanization, boundary centroids; Lei Dong et al., *China Census* v1, MIT),
2010 population, GDP and per-capita GDP, the borders between the cities, and the membership
rounds of the Yangtze River Delta urban economic coordination association. Every function here
returns validated tables or graphs; the modelling is in :mod:`govgames.analyses.club_model`.

The bundled city table is keyed by the English city name the report uses (``"Shanghai"``); the
Chinese name is the column ``name_zh`` (``"上海市"``), and every function that takes a city
(:func:`resolve_city`, :class:`govgames.networks.Club`, the entry rule's references
``attr["上海市"]``) accepts either name, also without the trailing ``市`` (``"上海"``).
"""

from __future__ import annotations

from pathlib import Path

import warnings

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.networks.names import NameIndex

from .base import DATA_DIR, csv_where, read_csv_checked

__all__ = [
    "YRD_DIR",
    "CITY_COLUMNS",
    "BUNDLED_STATISTICS_YEARS",
    "load_yrd_cities",
    "load_yrd_borders",
    "yrd_graph",
    "resolve_city",
    "statistics_year",
]

YRD_DIR = DATA_DIR / "yrd"

#: columns of a city table (the bundled data merged, or a user CSV); ``name_en``, ``name_zh``
#: and ``province`` are optional in a user CSV
CITY_COLUMNS = {
    "city": str,                  # name (the key; English in the bundled data)
    "population_10k": float,      # resident population, 10,000 persons
    "gdp_100m_yuan": float,       # GDP, 100 million yuan
    "gdp_per_capita_yuan": float,  # GDP per person, yuan
    "urbanization": float,        # share of urban residents, 0..1
    "lon": float,                 # longitude of the city's centroid, degrees
    "lat": float,                 # latitude, degrees
    "joined_year": int,           # year the city joined the club, 0 if it never did
}


#: years of the bundled statistics: population, GDP and per-capita GDP are 2010 figures; the 2020
#: census gives urbanization but no GDP, so the bundled rule uses 2010 for every round
BUNDLED_STATISTICS_YEARS = (2010,)


def _english_names() -> dict:
    """Chinese name -> English name of the bundled cities."""
    names = pd.read_csv(YRD_DIR / "yrd_city_names.csv")
    return dict(zip(names["city"], names["name_en"]))


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
    english = df["name_en"].fillna(df["city"])
    out = pd.DataFrame({
        "city": english,
        "name_en": english,
        "name_zh": df["city"],
        "province": df["province_en"],
        "province_en": df["province_en"],
        "province_zh": df["province"],
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


def _check_city_values(df: pd.DataFrame, label: str) -> None:
    """Refuse a duplicate city, a non-positive size, a share outside 0..1 or a bad coordinate."""
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


def load_yrd_cities(path=None, *, keys: str = "en") -> pd.DataFrame:
    """The city table of the club case: one row per city, indexed by city name.

    Parameters
    ----------
    path : str or Path, optional
        A user CSV with the columns of :data:`CITY_COLUMNS` (``city``, ``population_10k``,
        ``gdp_100m_yuan``, ``gdp_per_capita_yuan``, ``urbanization`` as a share 0..1, ``lon``,
        ``lat``, ``joined_year`` with 0 for cities that never joined; optional ``name_en``,
        ``name_zh`` and ``province``); its ``city`` column is the key. Default: the 41
        bundled cities of Shanghai, Jiangsu, Zhejiang and Anhui (2010 figures;
        ``urbanization`` from the 2010 census; ``population_10k`` and GDP from the 2010
        statistics; centroids of the census boundaries), keyed by their English names.
    keys : {"en", "zh"}
        ``"zh"`` keys the bundled table by the Chinese names, as before 0.3 (deprecated: every
        function accepts the Chinese names as input, and ``name_zh`` holds them).

    Returns
    -------
    pandas.DataFrame
        Columns as above plus ``name_en`` (display name), ``name_zh`` (Chinese name; empty in a
        user table without it) and ``province`` (English); the bundled table also has
        ``province_zh``, ``urbanization_2020`` and the census populations.

    Raises
    ------
    InputError
        A missing column, an empty or non-numeric cell, a duplicate city, a non-positive
        population or GDP, or an urbanization outside 0..1 (naming the column and the row).

    Examples
    --------
    >>> t = load_yrd_cities()
    >>> len(t), t.loc["Shanghai", "name_zh"], int(t.loc["Shanghai", "gdp_per_capita_yuan"])
    (41, '上海市', 73297)
    >>> int((t["joined_year"].between(1, 2009)).sum())
    16
    """
    if keys not in ("en", "zh"):
        raise InputError(f"load_yrd_cities: keys must be 'en' or 'zh', got {keys!r}")
    if path is None:
        table = _bundled_cities()
        if keys == "zh":
            warnings.warn("load_yrd_cities(keys='zh') is deprecated: the city table is keyed "
                          "by English names; the Chinese ones are the column name_zh and "
                          "are accepted wherever a city is given", DeprecationWarning,
                          stacklevel=2)
            table = table.assign(city=table["name_zh"]).set_index("name_zh", drop=False)
            table = table.rename_axis(None)
        return table
    what = "club city table"
    df = read_csv_checked(path, CITY_COLUMNS, what=what)
    _check_city_values(df, f"{what} {Path(path).name}")
    if "name_en" not in df.columns:
        df["name_en"] = df["city"]
    df["name_en"] = [n if str(n).strip() else c for n, c in zip(df["name_en"], df["city"])]
    seen: dict = {}
    for i, (n, c) in enumerate(zip(df["name_en"], df["city"])):  # the report shows name_en
        if str(n).strip().casefold() in seen:
            j, other = seen[str(n).strip().casefold()]
            raise InputError(f"{csv_where(f'{what} {Path(path).name}', i, 'name_en')}: cities "
                             f"{other!r} (data row {j + 1}) and {c!r} have the same English "
                             f"name {n!r}, so the report could not tell them apart; give "
                             "distinct names (e.g. 'Taizhou (Jiangsu)', 'Taizhou (Zhejiang)')")
        seen[str(n).strip().casefold()] = (i, c)
    if "name_zh" not in df.columns:
        df["name_zh"] = ""
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
        A user CSV with those columns (cities by key or by another name, see
        :func:`yrd_graph`); default the bundled 100 pairs of the 41 YRD cities, by their
        English names.

    Examples
    --------
    >>> b = load_yrd_borders()
    >>> len(b), list(b.columns), tuple(b.iloc[0, :2])
    (100, ['city_a', 'city_b', 'shared_border_km'], ('Shanghai', 'Suzhou'))
    """
    if path is not None:
        return read_csv_checked(path, {"city_a": str, "city_b": str, "shared_border_km": float},
                                what="city borders")
    df = read_csv_checked(YRD_DIR / "yrd_city_borders.csv",
                          {"city_a": str, "city_b": str, "shared_border_km": float},
                          what="city borders")
    english = _english_names()
    for col in ("city_a", "city_b"):
        df[col] = [english.get(c, c) for c in df[col]]
    return df


def yrd_graph(cities: pd.DataFrame | None = None, borders: pd.DataFrame | None = None) -> nx.Graph:
    """The cities as a networkx graph: complete, with gravity linkage and border flags.

    Every pair of cities is an edge with ``weight`` = the gravity linkage
    ``R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij**2`` (P in 10,000 persons, G in 100 million yuan,
    d in km, great-circle between centroids; computed by
    :func:`govgames.networks.entry.gravity_linkage`), ``distance_km``, ``border`` (True if the
    two cities share a border) and ``shared_border_km``. Nodes carry the table's columns
    (``name_en`` for display, ``lon``, ``lat`` as positions).

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
    >>> round(G["Shanghai"]["Suzhou"]["distance_km"]), round(G["Shanghai"]["Suzhou"]["weight"])
    (81, 2918)
    """
    from govgames.networks import gravity_linkage

    if cities is None:
        cities = load_yrd_cities()
        if borders is None:
            borders = load_yrd_borders()
    G = gravity_linkage(cities, population="population_10k", gdp="gdp_100m_yuan", lon="lon",
                        lat="lat")
    nx.set_edge_attributes(G, False, "border")
    nx.set_edge_attributes(G, 0.0, "shared_border_km")
    if borders is not None:
        names = NameIndex.from_table(cities)
        for i, (a, b, km) in enumerate(zip(borders["city_a"], borders["city_b"],
                                           borders["shared_border_km"])):
            ends = []
            for c in (a, b):
                key = c if c in G else names.get(c)
                if key is None or key not in G:
                    raise InputError(f"{csv_where('city borders', i)}: city {c!r} is not in "
                                     "the city table")
                ends.append(key)
            a, b = ends
            G[a][b]["border"] = True
            G[a][b]["shared_border_km"] = float(km)
    G.graph["linkage"] = ("gravity R_ij = sqrt(P_i G_i) sqrt(P_j G_j) / d_ij^2; P 10,000 "
                          "persons, G 100 million yuan, d km (modelling choice)")
    return G



def resolve_city(cities: pd.DataFrame, name: str, what: str = "city") -> str:
    """A city key from its key or another of its names (``"Shanghai"``, ``"上海市"``, ``"上海"``).

    Parameters
    ----------
    cities : pandas.DataFrame
        A city table from :func:`load_yrd_cities` (indexed by the key, columns ``name_en``,
        ``name_zh``).
    name : str
        The key, the English or the Chinese name (see
        :class:`~govgames.networks.names.NameIndex`: spacing, case and a trailing ``市`` do
        not matter).
    what : str
        What the name stands for, in error messages (``"reference city"``).

    Returns
    -------
    str
        The key (the index label of the city).

    Raises
    ------
    InputError
        If no city has that key or name, or more than one has that name.

    Examples
    --------
    >>> t = load_yrd_cities()
    >>> resolve_city(t, "Shanghai"), resolve_city(t, "上海市"), resolve_city(t, "上海")
    ('Shanghai', 'Shanghai', 'Shanghai')
    """
    hits = NameIndex.from_table(cities).matches(name)
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        raise InputError(f"club: {what} {name!r} could mean any of "
                         f"{', '.join(sorted(map(repr, hits)))}; give the key")
    raise InputError(f"club: {what} {name!r} is not in the city table (by key, English or "
                     "Chinese name)")



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
