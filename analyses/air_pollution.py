"""Case 10. Air pollution in Beijing–Tianjin–Hebei: a 13-city abatement game.

Each of the 13 cities of Beijing, Tianjin and Hebei decides whether to abate its emissions. A
city's PM2.5 comes from its own emissions (the *local* share), from the other 12 cities (the
*within-region* share) and from outside the region. Wang Yanli et al. (2017) give, over the 13
cities, local shares of 21.49–68.74%, within-region transport of 13.31–54.62% and transport from
outside the region of 13.32–45.02% (CAMx-PSAT, 2015; the bundled table, source P8). These
ranges are **observed**; the 13 x 13 transport matrix itself is not published.

**The matrix is assumed.** :func:`transport_matrix` builds it from a gravity (distance-decay)
model over the cities' 2010 census population and boundary centroids: city ``i``'s emissions
reach city ``j`` with weight ``pop_i / d_ij^γ`` (``d_jj`` is the city's own radius
``sqrt(area / π)``). The local fraction of each city's regional exposure is mapped affinely
onto the published local range and its complement onto the within-region range, so both span
the published ranges exactly; the outside share is the rest, and the matrix is *admissible*
when that rest lies in the published outside range too. By construction it always does (it
runs from 100 - 68.74 - 13.31 to 100 - 21.49 - 54.62 percent), so admissibility does not
discriminate between decay exponents. The conclusions are reported for every
decay exponent ``γ`` of a grid (the sensitivity table), not only the default.

**The game.** City ``j``'s payoff is ``pop_j Σ_i T_ij a_i / 100 - κ pop_j a_j`` with ``a_i``
in {0, 1} (abate or not), ``T_ij`` the percentage of ``j``'s PM2.5 from ``i`` and ``κ`` the
cost of abating per person as a fraction of the value of removing all of a city's PM2.5
(assumed). Abating is dominant for ``j`` iff its local share is at least ``100 κ``; at the
cooperative optimum city ``i`` abates iff ``Σ_j T_ij pop_j / 100 >= κ pop_i``. Cities that
abate at the optimum but not in the Nash equilibrium free-ride.

**Two ways to the optimum.** *Voluntary collaboration*: the optimum's cities abate under grim
trigger (reverting to the stage equilibrium, in which the cities that abate alone still do);
city ``i`` keeps abating iff ``δ >= δ_i = (κ - L_i/100) / (W_i/100)`` with ``W_i`` the transport
into ``i`` from the other cities that abate only by agreement. *The preempted campaign* (from 2016; the
centre takes over the decisions, *Collaborative governance among local governments: concepts,
modes and drivers*): the centre commits to inspections and an expected fine on non-abating
cities and the cities respond, a leader–follower game; the cheapest uniform expected fine that
makes the optimum an equilibrium comes from
:func:`govgames.games.extensive.leader.minimal_intervention`.

References
----------
Wang Yanli, Xue Wenbo, Lei Yu, Wang Jinnan and Wu Weiling, "Regional transport matrix study of
PM2.5 in Jingjinji region, 2015", *Environmental Science* 38(12) (2017) (in Chinese);
J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic Studies*
38 (1971); G. S. Becker, "Crime and punishment: an economic approach", *Journal of Political
Economy* 76 (1968).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from govgames.games import NormalFormGame
from govgames.games.errors import InputError
from govgames.games.extensive.leader import minimal_intervention
from govgames.games.pure import pure_nash_equilibria

from .base import DATA_DIR, CaseResult, Describe, read_csv_checked, register

__all__ = ["run", "load", "compute", "figures", "narrate", "transport_matrix", "abatement_game",
           "published_local_shares",
           "AirData", "AirNumbers", "LOCAL_RANGE", "WITHIN_RANGE", "OUTSIDE_RANGE", "MAX_CITIES"]

CITIES_FILE = DATA_DIR / "pm25" / "jjj_cities.csv"
SHARES_FILE = DATA_DIR / "pm25" / "pm25_regional_transport_shares.csv"
#: the row of the shares table holding the 13-city ranges (Wang Yanli et al. 2017)
RANGE_ROW = "京津冀13市"
#: published ranges over the 13 cities, % of PM2.5 (Wang Yanli et al. 2017): local,
#: within-region transport, transport from outside the region
LOCAL_RANGE = (21.49, 68.74)
WITHIN_RANGE = (13.31, 54.62)
OUTSIDE_RANGE = (13.32, 45.02)
#: mean Earth radius (km) for great-circle distances
EARTH_RADIUS_KM = 6371.0088
#: km per degree of latitude (boundary areas are in square degrees)
KM_PER_DEGREE = 111.2
#: decay exponents of the sensitivity table
DECAY_GRID = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
#: players' strategies (index 0 = abate)
STRATEGIES = ("Abate", "Pollute")
#: most cities of a city table: the abatement game has ``2**n`` profiles (65,536 at 16)
MAX_CITIES = 16


@dataclass
class AirData:
    """Validated inputs: the 13 cities and the observed share ranges (percent)."""

    cities: pd.DataFrame
    local_range: tuple
    within_range: tuple
    outside_range: tuple


@dataclass
class AirNumbers:
    """Everything :func:`narrate` and :func:`figures` need (no prose)."""

    matrix: pd.DataFrame
    cities: pd.DataFrame
    sensitivity: pd.DataFrame
    decay: float
    cost_ratio: float
    admissible: bool
    nash_abaters: list
    optimum_abaters: list
    free_riders: list
    welfare_nash: float
    welfare_optimum: float
    campaign_fine: float
    campaign_binding: list
    voluntary_delta: float
    hardest_city: str
    voluntary_members: list = field(default_factory=list)
    extras: dict = field(default_factory=dict)


def _observed_ranges(path=SHARES_FILE):
    t = read_csv_checked(path, {"city": str}, what="PM2.5 transport shares")
    row = t[t["city"] == RANGE_ROW]
    if len(row) != 1:
        raise InputError(f"PM2.5 transport shares: expected one row {RANGE_ROW!r}")
    r = row.iloc[0]
    local = (float(r["local_share_low_pct"]), float(r["local_share_high_pct"]))
    outside = (float(r["regional_share_low_pct"]), float(r["regional_share_high_pct"]))
    m = re.search(r"within-region (\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)%", r["method_or_scope"])
    if m is None:
        raise InputError(f"PM2.5 transport shares: row {RANGE_ROW!r} does not give the "
                         "within-region range")
    return local, (float(m.group(1)), float(m.group(2))), outside


#: the sources of the per-city rows of the shares table (author or agency, year)
_CITY_SOURCES = {"P1": "Beijing EPB 2014", "P6": "Ministry of Environmental Protection 2014",
                 "P9": "Dai Wujun et al. 2024"}


def published_local_shares(matrix: pd.DataFrame, path=SHARES_FILE) -> pd.DataFrame:
    """Each city's assumed local share against a per-city published local share, where one exists.

    The published rows other than the 13-city ranges give a local share for one city, or a range
    over a few cities, in other years (2012-2013, about 2013, winters 2019-2021); the comparison
    is therefore indicative only.

    Parameters
    ----------
    matrix : pandas.DataFrame
        The assumed transport matrix (:func:`transport_matrix`), cities by English name.
    path : str or Path, optional
        The shares table.

    Returns
    -------
    pandas.DataFrame
        One row per (city, published row): ``city``, ``assumed_local_pct``,
        ``published_low_pct``, ``published_high_pct`` (percent), ``reference_period``,
        ``source`` and ``inside`` (the assumed share lies in the published range).

    References
    ----------
    Beijing EPB (2014); Ministry of Environmental Protection (2014), first nine-city source
    apportionment; Dai Wujun et al. (2024).

    Examples
    --------
    >>> t = published_local_shares(transport_matrix(load()))
    >>> sorted(t["city"])[:3]
    ['Beijing', 'Cangzhou', 'Handan']
    """
    t = read_csv_checked(path, {"city": str}, what="PM2.5 transport shares")
    en = dict(read_csv_checked(CITIES_FILE, {"city": str, "name_en": str},
                               what="city table")[["city", "name_en"]].to_numpy())
    local = np.diag(matrix.to_numpy(float))
    where = dict(zip(matrix.index, local))
    rows = []
    for _, r in t[t["city"] != RANGE_ROW].iterrows():
        lo, hi = (float(pd.to_numeric(r[c], errors="coerce"))
                  for c in ("local_share_low_pct", "local_share_high_pct"))
        if not (np.isfinite(lo) and np.isfinite(hi)):
            continue
        for zh in str(r["city"]).split("/"):
            name = en.get(zh if zh.endswith("市") else zh + "市")
            if name in where:
                rows.append({"city": name, "assumed_local_pct": round(float(where[name]), 2),
                             "published_low_pct": lo, "published_high_pct": hi,
                             "reference_period": str(r["reference_period"]),
                             "source": _CITY_SOURCES.get(str(r["source_id"]),
                                                         str(r["source_id"])),
                             "inside": bool(lo - 1e-9 <= where[name] <= hi + 1e-9)})
    return pd.DataFrame(rows, columns=["city", "assumed_local_pct", "published_low_pct",
                                       "published_high_pct", "reference_period", "source",
                                       "inside"])


def load(*, data=None) -> AirData:
    """The 13 cities (2010 census population, centroid, area) and the published ranges.

    Parameters
    ----------
    data : str or Path, optional
        A CSV replacing the bundled city table, with ``name_en`` (text), ``popu_2010``,
        ``centroid_lon``, ``centroid_lat``, ``area_deg2`` (numbers).

    Returns
    -------
    AirData

    Raises
    ------
    InputError
        A missing column or bad cell (named by file, row and column), a non-positive population
        or area, fewer than three cities, or more than ``MAX_CITIES`` (the abatement game
        has ``2**n`` profiles; refused before any table is built).

    Examples
    --------
    >>> d = load()
    >>> len(d.cities), d.local_range
    (13, (21.49, 68.74))
    """
    cols = {"name_en": str, "popu_2010": float, "centroid_lon": float, "centroid_lat": float,
            "area_deg2": float}
    t = read_csv_checked(CITIES_FILE if data is None else data, cols, what="city table")
    for col in ("popu_2010", "area_deg2"):
        bad = t.index[t[col] <= 0].tolist()
        if bad:
            raise InputError(f"city table: {col} must be positive (data row {bad[0] + 1})")
    if len(t) < 3:
        raise InputError(f"city table: need at least 3 cities, got {len(t)}")
    if len(t) > MAX_CITIES:
        raise InputError(f"city table: {len(t):,} cities, at most {MAX_CITIES} (the abatement "
                         f"game has 2^n profiles and an n x n transport matrix; use a subset "
                         "of the cities)")
    if t["name_en"].duplicated().any():
        raise InputError("city table: duplicate name_en "
                         f"{t['name_en'][t['name_en'].duplicated()].iloc[0]!r}")
    local, within, outside = _observed_ranges()
    return AirData(t.set_index("name_en"), local, within, outside)


def _distances(cities: pd.DataFrame) -> np.ndarray:
    lon = np.radians(cities["centroid_lon"].to_numpy(float))
    lat = np.radians(cities["centroid_lat"].to_numpy(float))
    a = (np.sin((lat[None, :] - lat[:, None]) / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :])
         * np.sin((lon[None, :] - lon[:, None]) / 2) ** 2)
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))
    km2 = cities["area_deg2"].to_numpy(float) * KM_PER_DEGREE ** 2 * np.cos(lat)
    np.fill_diagonal(d, np.sqrt(km2 / np.pi))
    return d


def _affine(x, lo, hi):
    span = x.max() - x.min()
    if not span > 0:
        raise InputError("transport_matrix: every city has the same local fraction; the "
                         "ranges cannot be spanned")
    return lo + (hi - lo) * (x - x.min()) / span


def transport_matrix(data: AirData, decay: float = 2.0) -> pd.DataFrame:
    """The assumed 13 x 13 transport matrix: percent of column city's PM2.5 from row city.

    Parameters
    ----------
    data : AirData
        From :func:`load`.
    decay : float
        Distance-decay exponent ``γ`` of the gravity kernel ``pop_i / d_ij^γ`` (assumed).

    Returns
    -------
    pandas.DataFrame
        ``T[i, j]`` in percent, rows and columns the cities; the diagonal is the local share and
        each column sums to 100 minus the city's outside share.

    Raises
    ------
    InputError
        If ``decay`` is not a positive number.

    Examples
    --------
    >>> T = transport_matrix(load())
    >>> float(T.to_numpy().diagonal().min()), float(T.to_numpy().diagonal().max())
    (21.49, 68.74)
    """
    if not isinstance(decay, (int, float)) or not 0 < decay < 20:
        raise InputError(f"transport_matrix: decay must be in (0, 20), got {decay!r}")
    pop = data.cities["popu_2010"].to_numpy(float)
    K = pop[:, None] / _distances(data.cities) ** decay
    lam = K.diagonal() / K.sum(axis=0)
    local = _affine(lam, *data.local_range)
    within = _affine(1 - lam, *data.within_range)
    off = K.copy()
    np.fill_diagonal(off, 0.0)
    T = off / off.sum(axis=0) * within
    np.fill_diagonal(T, local)
    names = list(data.cities.index)
    return pd.DataFrame(T, index=names, columns=names)


def abatement_game(T: pd.DataFrame, pop, cost_ratio: float) -> NormalFormGame:
    """The binary abatement game: ``u_j = pop_j Σ_i T_ij a_i / 100 - κ pop_j a_j``.

    Payoffs are in units of one person's value of removing all of their PM2.5 (millions of
    persons). Strategy 0 is ``Abate``. The table has ``2^n`` profiles.

    Parameters
    ----------
    T : pandas.DataFrame
        Transport matrix in percent (:func:`transport_matrix`).
    pop : array_like
        Population of each city (any unit; scaled to millions of persons if above 1e4).
    cost_ratio : float
        ``κ``.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InputError
        More than ``MAX_CITIES`` (16) cities (the table would have over 65,536 profiles).

    Examples
    --------
    >>> import pandas as pd
    >>> T = pd.DataFrame([[60.0, 20.0], [20.0, 50.0]], index=["A", "B"], columns=["A", "B"])
    >>> g = abatement_game(T, [1.0, 1.0], 0.55)
    >>> [tuple(e.pure_profile) for e in pure_nash_equilibria(g)]
    [('Abate', 'Pollute')]
    """
    n = len(T)
    if n > MAX_CITIES:
        raise InputError(f"abatement_game: {n} cities give 2^{n} profiles; use at most "
                         f"{MAX_CITIES}")
    pop = np.asarray(pop, float)
    pop = pop / 1e6 if pop.max() > 1e4 else pop
    A = 1 - np.indices((2,) * n)
    Tv = T.to_numpy(float) / 100
    P = np.empty((n,) + (2,) * n)
    for j in range(n):
        P[j] = pop[j] * (np.tensordot(Tv[:, j], A, axes=1) - cost_ratio * A[j])
    return NormalFormGame(P, players=list(T.index), strategies=[list(STRATEGIES)] * n,
                          title="Beijing-Tianjin-Hebei abatement game")


def _voluntary(Tv, nash, opt, fine):
    """Largest group of the optimum's cities that can keep abating by agreement, and each
    member's critical discount factor.

    Grim trigger reverts to the stage equilibrium, in which the cities that abate alone still
    do, so a deviator loses the transport cut of the other members that abate only by
    agreement. Members needing ``δ >= 1`` are dropped until none does.
    """
    vol = opt.copy()
    while True:
        inflow = np.array([sum(Tv[i, j] for i in range(len(Tv)) if vol[i] and not nash[i]
                               and i != j) for j in range(len(Tv))])
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.where(fine <= 0, 0.0, np.where(inflow > 0, fine / inflow, np.inf))
        drop = vol & (delta >= 1)
        if not drop.any():
            return vol, np.where(vol, delta, np.nan)
        vol = vol & ~drop


def _analyse(T: pd.DataFrame, pop: np.ndarray, kappa: float) -> dict:
    """Closed forms of the separable game: Nash and optimal abaters, fines, δ thresholds."""
    Tv = T.to_numpy(float) / 100
    local = Tv.diagonal()
    nash = local >= kappa
    outflow = (Tv * pop[None, :]).sum(axis=1) / pop  # benefit of i's abatement per own person
    opt = outflow >= kappa
    fine = np.maximum(kappa - local, 0.0)
    vol, delta = _voluntary(Tv, nash, opt, fine)

    def welfare(a):
        return float(sum(pop[j] * (Tv[:, j] @ a - kappa * a[j]) for j in range(len(T))))

    names = list(T.index)
    return {"local": local, "nash": nash, "opt": opt, "outflow": outflow, "fine": fine,
            "vol": vol, "delta": delta, "names": names,
            "welfare_nash": welfare(nash.astype(float)), "welfare_opt": welfare(opt.astype(float))}


def _sensitivity(data: AirData, pop: np.ndarray, kappa: float, grid=DECAY_GRID) -> pd.DataFrame:
    rows = []
    for g in grid:
        T = transport_matrix(data, g)
        outside = 100 - T.sum(axis=0).to_numpy()
        a = _analyse(T, pop, kappa)
        opt = a["opt"]
        vol = a["vol"]
        # nan when no free rider can be held: voluntary collaboration adds nothing then
        dmax = float(np.nanmax(a["delta"])) if (vol & ~a["nash"]).any() else float("nan")
        rows.append({"decay": g, "admissible": bool(
            (outside >= data.outside_range[0] - 1e-9).all()
            and (outside <= data.outside_range[1] + 1e-9).all()),
            "outside_min": float(outside.min()), "outside_max": float(outside.max()),
            "free_riders": ", ".join(n for n, o, e in zip(a["names"], opt, a["nash"]) if o and not e),
            "n_free_riders": int((opt & ~a["nash"]).sum()),
            "campaign_fine": float(a["fine"][opt].max()) if opt.any() else 0.0,
            "voluntary_members": int(vol.sum()), "voluntary_delta": dmax,
            "hardest_city": a["names"][int(np.nanargmax(a["delta"]))] if dmax > 0 else ""})
    return pd.DataFrame(rows)


def _campaign(T: pd.DataFrame, pop: np.ndarray, kappa: float, target) -> tuple:
    """Minimal uniform expected fine on the target's non-abating cities (leader-follower LP)."""
    g = abatement_game(T, pop, kappa)
    n = len(T)
    idx = np.indices((2,) * n)
    popm = pop / 1e6 if pop.max() > 1e4 else pop
    fine = np.zeros((n,) + (2,) * n)
    for j in range(n):
        if target[j]:
            fine[j] = -popm[j] * (idx[j] == 1)
    profile = [STRATEGIES[0] if t else STRATEGIES[1] for t in target]
    res = minimal_intervention(g, profile, {"fine": fine}, cost={"fine": 1})
    eq = [tuple(e.pure_profile) for e in pure_nash_equilibria(g)]
    return float(res.levels["fine"]), [b.split(" to ")[0] for b in res.binding], eq


def compute(data: AirData, *, decay: float = 2.0, cost_ratio: float = 0.45) -> AirNumbers:
    """Nash and cooperative abatement, the campaign's minimal fine and the voluntary δ.

    Parameters
    ----------
    data : AirData
    decay : float
        Distance-decay exponent of the assumed matrix.
    cost_ratio : float
        ``κ``, cost of abating per person over the value of removing all of one's PM2.5.

    Returns
    -------
    AirNumbers

    Raises
    ------
    InputError
        If ``cost_ratio`` is not in (0, 1) or ``decay`` is out of range.

    Examples
    --------
    >>> n = compute(load())
    >>> len(n.nash_abaters) <= len(n.optimum_abaters)
    True
    """
    if not isinstance(cost_ratio, (int, float)) or not 0 < cost_ratio < 1:
        raise InputError(f"air_pollution: cost_ratio must be in (0, 1), got {cost_ratio!r}")
    T = transport_matrix(data, decay)
    pop = data.cities["popu_2010"].to_numpy(float)
    a = _analyse(T, pop, cost_ratio)
    names, vol = a["names"], a["vol"]
    fine, binding, eq = _campaign(T, pop, cost_ratio, a["opt"])
    nash_lib = [n for n, s in zip(names, eq[0]) if s == STRATEGIES[0]] if len(eq) == 1 else None
    outside = 100 - T.sum(axis=0).to_numpy()
    table = pd.DataFrame({
        "city": names, "population_2010": pop.astype(int), "local_pct": a["local"] * 100,
        "within_pct": T.sum(axis=0).to_numpy() - a["local"] * 100, "outside_pct": outside,
        "benefit_per_own_person": a["outflow"], "abates_nash": a["nash"],
        "abates_optimum": a["opt"], "fine_needed": a["fine"], "abates_voluntarily": vol,
        "critical_delta": a["delta"]})
    sens = _sensitivity(data, pop, cost_ratio)
    opt = a["opt"]
    hard = (names[int(np.nanargmax(a["delta"]))]
            if vol.any() and np.nanmax(a["delta"]) > 0 else "")
    return AirNumbers(
        matrix=T, cities=table, sensitivity=sens, decay=float(decay), cost_ratio=float(cost_ratio),
        admissible=bool(sens.loc[sens["decay"] == decay, "admissible"].all()) if decay in DECAY_GRID
        else bool(((outside >= data.outside_range[0] - 1e-9)
                   & (outside <= data.outside_range[1] + 1e-9)).all()),
        nash_abaters=[n for n, e in zip(names, a["nash"]) if e],
        optimum_abaters=[n for n, o in zip(names, opt) if o],
        free_riders=[n for n, o, e in zip(names, opt, a["nash"]) if o and not e],
        welfare_nash=a["welfare_nash"] / 1e6, welfare_optimum=a["welfare_opt"] / 1e6,
        campaign_fine=fine, campaign_binding=binding,
        voluntary_delta=float(np.nanmax(a["delta"])) if vol.any() else float("nan"),
        hardest_city=hard, voluntary_members=[n for n, v in zip(names, vol) if v], extras={"nash_by_library": nash_lib, "n_equilibria": len(eq),
                "local_check": published_local_shares(T)})


def figures(numbers: AirNumbers) -> dict:
    """The assumed matrix, each city's incentives, and the sensitivity to the decay exponent."""
    T = numbers.matrix
    fig_m = Figure(figsize=(7, 6), layout="constrained")
    ax = fig_m.add_subplot()
    im = ax.imshow(T.to_numpy(), cmap="viridis")
    ax.set_xticks(range(len(T)), T.columns, rotation=90, fontsize="small")
    ax.set_yticks(range(len(T)), T.index, fontsize="small")
    ax.set_xlabel("receiving city")
    ax.set_ylabel("emitting city")
    ax.set_title(f"Assumed PM2.5 transport matrix (%), γ = {numbers.decay:g}")
    fig_m.colorbar(im, ax=ax, shrink=0.8)

    c = numbers.cities
    fig_c = Figure(figsize=(8, 4), layout="constrained")
    ax2 = fig_c.add_subplot()
    x = np.arange(len(c))
    ax2.bar(x - 0.2, c["local_pct"] / 100, 0.4, color="#66ccee", label="local share")
    ax2.bar(x + 0.2, c["benefit_per_own_person"], 0.4, color="#228833",
            label="regional benefit of own abatement")
    ax2.axhline(numbers.cost_ratio, color="k", ls="--", lw=1, label=f"κ = {numbers.cost_ratio:g}")
    ax2.set_xticks(x, c["city"], rotation=60, fontsize="small")
    ax2.set_ylabel("per person of the abating city")
    ax2.set_title("Abate alone (local share ≥ κ) or at the optimum (regional benefit ≥ κ)")
    ax2.legend(fontsize="small")

    s = numbers.sensitivity
    fig_s = Figure(figsize=(7, 4), layout="constrained")
    ax3 = fig_s.add_subplot()
    ax3.plot(s["decay"], s["voluntary_delta"], "o-", color="#aa3377", label="critical δ")
    ax3.plot(s["decay"], s["campaign_fine"], "s-", color="#4477aa", label="campaign fine")
    for _, r in s[~s["admissible"]].iterrows():
        ax3.axvspan(r["decay"] - 0.2, r["decay"] + 0.2, color="#dddddd")
    ax3.set_xlabel("distance-decay exponent γ\n(grey: inadmissible; no δ: voluntary "
                   "collaboration holds no free rider)")
    ax3.set_title("How the conclusions move with the assumed matrix")
    ax3.legend(fontsize="small")
    return {"matrix": fig_m, "incentives": fig_c, "sensitivity": fig_s}


def _names(xs) -> str:
    return ", ".join(xs) if xs else "none"


def _local_check_text(numbers: AirNumbers) -> str:
    """The per-city comparison of assumed and published local shares (other years)."""
    t = numbers.extras.get("local_check")
    if t is None or t.empty:
        return ""
    off = t[~t["inside"]]
    out = "; ".join(f"{r.city} {r.assumed_local_pct:.1f}% against {r.published_low_pct:g}–"
                    f"{r.published_high_pct:g}%" for r in off.itertuples())
    years = ", ".join(dict.fromkeys(t["reference_period"]))
    return (f" Against the per-city published local shares of other years ({years}), the "
            f"assumed local share lies inside for {int(t['inside'].sum())} of {len(t)} cities"
            + (f" (outside: {out})." if out else "."))


def _campaign_text(numbers: AirNumbers) -> str:
    if not numbers.free_riders:
        return ("No city free-rides: every city of the optimum abates alone, so neither the "
                "preempted campaign nor voluntary collaboration has anything to add.")
    return (f"The preempted campaign reaches the optimum with an expected "
            f"fine of {numbers.campaign_fine:.3f} per person on non-abating cities, set by "
            f"{_names(numbers.campaign_binding)}. {_voluntary_text(numbers)}")


def _voluntary_text(numbers: AirNumbers) -> str:
    dropped = [c for c in numbers.optimum_abaters if c not in numbers.voluntary_members]
    if set(numbers.voluntary_members) <= set(numbers.nash_abaters):
        return ("Voluntary collaboration adds no city to those that abate alone: every free "
                "rider would defect at any discount factor.")
    return (f"Voluntary collaboration (grim trigger) holds {len(numbers.voluntary_members)} of "
            f"the optimum's {len(numbers.optimum_abaters)} cities"
            + (f" ({_names(dropped)} would defect at any discount factor)" if dropped else "")
            + f" and needs a discount factor of at least {numbers.voluntary_delta:.3f}, set by "
            f"{numbers.hardest_city}.")


def narrate(numbers: AirNumbers) -> tuple:
    """The finding and notes, written from the numbers.

    Returns
    -------
    tuple of (str, list of str)

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"decay": [2.0], "admissible": [True], "n_free_riders": [1],
    ...                   "voluntary_delta": [0.5], "campaign_fine": [0.1],
    ...                   "voluntary_members": [2], "outside_min": [18.0], "outside_max": [24.0]})
    >>> n = AirNumbers(pd.DataFrame(), pd.DataFrame(), s, 2.0, 0.45, True, ["A"], ["A", "B"],
    ...                ["B"], 1.0, 1.5, 0.1, ["B"], 0.5, "B", ["A", "B"])
    >>> narrate(n)[0].split("clean air. ")[1].split(". ")[0]
    'Alone, 1 of the 2 cities abate (A); at the cooperative optimum 2 do, so B free-ride'
    """
    s = numbers.sensitivity
    ok = s[s["admissible"]]
    n_all = len(numbers.cities) if len(numbers.cities) else len(numbers.optimum_abaters)

    def rng(col, f):
        v = ok[col].dropna()
        if v.empty:
            return "none"
        lo, hi = f(v.min()), f(v.max())
        return lo if lo == hi else f"{lo}–{hi}"

    finding = (
        f"The transport matrix is assumed (gravity decay γ = {numbers.decay:g}; "
        f"{'within' if numbers.admissible else 'NOT within'} the 2015 13-city ranges "
        f"(Wang Yanli et al. 2017)) and "
        f"abating costs κ = {numbers.cost_ratio:g} of the value of clean air. "
        f"Alone, {len(numbers.nash_abaters)} of the {n_all} cities abate "
        f"({_names(numbers.nash_abaters)}); at the cooperative optimum "
        f"{len(numbers.optimum_abaters)} do, so {_names(numbers.free_riders)} free-ride. "
        + (f"Welfare rises from {numbers.welfare_nash:.2f} to {numbers.welfare_optimum:.2f} "
           if numbers.free_riders else f"Welfare is {numbers.welfare_nash:.2f} either way ")
        + f"(million person-units). {_campaign_text(numbers)} Over the "
        f"{len(ok)} admissible decay exponents of {len(s)} tried, the free riders number "
        f"{rng('n_free_riders', int)}, voluntary collaboration holds "
        f"{rng('voluntary_members', int)} cities "
        + (f"with a critical δ of {d_rng}" if (d_rng := rng('voluntary_delta', '{:.3f}'.format))
           != "none" else "with no critical δ (no free rider to hold)")
        + f", and the campaign fine is {rng('campaign_fine', '{:.3f}'.format)}."
        + _local_check_text(numbers))
    notes = [
        "Observed: the 13 cities' local (21.49–68.74%), within-region (13.31–54.62%) and "
        "outside-region (13.32–45.02%) PM2.5 shares as ranges over the cities (Wang Yanli et al. "
        "2017) and the 2010 census population and boundaries. Assumed: the matrix itself "
        "(gravity model scaled to span the local and within-region ranges), population as the "
        "emission proxy, the cost ratio κ and equal value of clean air per person.",
        "Admissibility holds by construction for every decay exponent: with the local and "
        "within-region shares spanning their ranges, the outside share runs from "
        f"{s['outside_min'].min():.2f} to {s['outside_max'].max():.2f}%, inside the published "
        "range but narrower; the matrix is one admissible reading, not an estimate.",
        "By construction of the separable model, abating is dominant or dominated for each city "
        "(no coordination problem), and the campaign's fine is set by the city with the lowest "
        "local share among the optimum's cities.",
        "The 2016+ campaign is modelled as the centre committing to an expected fine (inspection "
        "rate x fine) before the cities choose; its cost to the centre is not modelled."]
    return finding, notes


_DESCRIBE = {
    "cities": Describe("Cities in the game", "cities", "observed"),
    "local_share_range": Describe("Local PM2.5 share over the 13 cities", "%", "observed", digits=4,
                                  note="Wang Yanli et al. (2017)"),
    "within_share_range": Describe("Within-region transport over the 13 cities", "%", "observed", digits=4),
    "outside_share_range": Describe("Outside-region transport over the 13 cities", "%",
                                    "observed", digits=4),
    "decay": Describe("Distance-decay exponent of the matrix", status="assumed"),
    "cost_ratio": Describe("Abatement cost over the value of clean air (κ)", status="assumed"),
    "matrix_admissible": Describe("Assumed matrix within the 2015 13-city ranges",
                                  status="assumed", note="Wang Yanli et al. (2017)"),
    "local_share_agreement": Describe("Cities whose assumed local share lies in a per-city "
                                      "published range (other years)", status="assumed"),
    "nash_abaters": Describe("Cities abating alone (Nash)", status="assumed"),
    "optimum_abaters": Describe("Cities abating at the cooperative optimum", status="assumed"),
    "free_riders": Describe("Free riders (abate only at the optimum)", status="assumed"),
    "welfare_nash": Describe("Welfare at the Nash equilibrium", "million person-units",
                             "assumed"),
    "welfare_optimum": Describe("Welfare at the optimum", "million person-units", "assumed"),
    "campaign_fine": Describe("Minimal expected fine of the campaign", "per person", "assumed",
                              note="leader-follower LP (minimal_intervention)"),
    "voluntary_delta": Describe("Critical discount factor of voluntary collaboration",
                                status="assumed"),
    "hardest_city": Describe("City setting the critical discount factor", status="assumed"),
    "voluntary_members": Describe("Cities voluntary collaboration can hold", status="assumed"),
    "admissible_decays": Describe("Admissible decay exponents of the grid", status="assumed"),
}
_CAPTIONS = {
    "matrix": "The assumed transport matrix: percent of the receiving city's PM2.5 emitted by "
              "each city (gravity model scaled to the published ranges).",
    "incentives": "Each city's local share (its own benefit of abating) and the regional "
                  "benefit of its abatement, per person of the city, against the cost ratio κ.",
    "sensitivity": "The campaign's minimal fine and voluntary collaboration's critical discount "
                   "factor for each decay exponent of the grid (grey: matrix outside the "
                   "published ranges).",
}
_GLOSSARY = {
    "T_ij": "percent of city j's PM2.5 emitted by city i (assumed matrix)",
    "L_i, W_i": "local share of city i; transport into i from the other cities that abate "
                "only by agreement",
    "κ": "cost of abating per person over the value of removing all of one's PM2.5",
    "γ": "distance-decay exponent of the gravity kernel pop_i / d_ij^γ",
    "δ": "discount factor (weight of the future) under grim trigger",
}


@register("air_pollution", "Air pollution in Beijing–Tianjin–Hebei")
def run(*, decay: float = 2.0, cost_ratio: float = 0.45, data=None) -> CaseResult:
    """Run the Beijing–Tianjin–Hebei abatement case.

    Parameters
    ----------
    decay : float
        Distance-decay exponent of the assumed transport matrix (illustrative).
    cost_ratio : float
        Cost of abating per person over the value of removing all of a city's PM2.5 (illustrative).
    data : str, optional
        A CSV replacing the bundled table of the 13 cities (columns ``name_en``, ``popu_2010``,
        ``centroid_lon``, ``centroid_lat``, ``area_deg2``).

    Returns
    -------
    CaseResult

    Raises
    ------
    InputError
        Bad parameters or data.

    Examples
    --------
    >>> r = run()
    >>> r.numbers["cities"], r.numbers["local_share_range"]
    (13, (21.49, 68.74))
    """
    d = load(data=data)
    n = compute(d, decay=decay, cost_ratio=cost_ratio)
    finding, notes = narrate(n)
    s, chk = n.sensitivity, n.extras["local_check"]
    numbers = {"cities": len(n.cities), "local_share_range": d.local_range,
               "within_share_range": d.within_range, "outside_share_range": d.outside_range,
               "decay": n.decay, "cost_ratio": n.cost_ratio, "matrix_admissible": n.admissible,
               "nash_abaters": n.nash_abaters, "optimum_abaters": n.optimum_abaters,
               "free_riders": n.free_riders, "welfare_nash": n.welfare_nash,
               "welfare_optimum": n.welfare_optimum, "campaign_fine": n.campaign_fine,
               "voluntary_delta": n.voluntary_delta, "hardest_city": n.hardest_city,
               "voluntary_members": n.voluntary_members,
               "local_share_agreement": f"{int(chk['inside'].sum())} of {len(chk)}",
               "admissible_decays": [float(g) for g in s.loc[s["admissible"], "decay"]]}
    return CaseResult(
        name="air_pollution", title="Air pollution in Beijing–Tianjin–Hebei", finding=finding,
        tables={"cities": n.cities, "transport matrix (assumed, %)": n.matrix.round(2),
                "sensitivity to the decay exponent": s,
                "local share against per-city published figures (other years)": chk},
        figures=figures(n), numbers=numbers, describe=_DESCRIBE, captions=_CAPTIONS,
        glossary=_GLOSSARY, notes=notes, illustrative=True,
        sources=["analyses/data/pm25/pm25_regional_transport_shares.csv (row P8: Wang Yanli et "
                 "al. 2017, ranges over the 13 cities)",
                 "analyses/data/pm25/jjj_cities.csv (2010 census population and boundary "
                 "centroids, leiii/census)",
                 "Collaborative governance among local governments: concepts, modes and "
                 "drivers (preempted collaboration)", "Friedman (1971); Becker (1968)"])
