"""Case 2. Free riding in regional public goods: N cities, levers, and the volunteer's dilemma.

Clean air, watershed protection and joint infrastructure are non-excludable: each of ``N`` cities
pays ``c`` to contribute and every city receives ``r c / N`` per contribution
(:func:`govgames.games.dilemmas.public_goods`). With ``1 < r < N`` nobody contributes in equilibrium though
everyone gains ``(r - 1) c`` when all do. This case follows N from 2 to 40 and asks how three
levers change contributions:

* a **matching grant** from the superior (each contribution matched at rate ``m``, i.e. the game
  with return ``r (1 + m)``): everyone contributes iff ``m >= N / r - 1``;
* a **penalty** ``f`` on cities that do not contribute: everyone contributes iff
  ``f >= c (1 - r / N)``;
* a **club rule** (only contributors enjoy the good: non-members are excluded): the dilemma turns
  into a coordination game with two equilibria, nobody or everybody; contributing pays once
  ``N / r`` members are in (the critical mass).

All thresholds are solved with :func:`govgames.games.symbolic.threshold` on the library's games, and the
equilibria for every N with :meth:`govgames.games.AnonymousGame.pure_equilibria`. The **volunteer's
dilemma** (:func:`govgames.games.dilemmas.volunteers_dilemma`: one volunteer suffices) shows the other face
of large regions: in the symmetric equilibrium the chance that nobody acts *rises* with N.

Observed data: the published shares of a city's PM2.5 that are emitted locally (the local columns
of ``data/pm25/`` where the source has them, otherwise 100 minus the transported share) size the
spillover: a city that keeps a share ``L`` of the benefit of its own
abatement free-rides on abatement whose benefit-cost ratio lies between 1 and ``1 / L``.

References
----------
J. O. Ledyard, "Public goods: a survey of experimental research" (1995); G. Hardin, "The tragedy
of the commons" (1968); A. Diekmann, "Volunteer's dilemma" (1985); J. M. Buchanan, "An economic
theory of clubs", *Economica* 32 (1965), 1-14; Cui Jing et al., *Holistic collaborative
governance mechanisms of local governments in metropolitan areas* (free riding on regional public
goods); Wang Yanli et al. (2017) for the Beijing-Tianjin-Hebei local shares.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import sympy as sp
from matplotlib.figure import Figure

from govgames.games.anonymous import AnonymousGame
from govgames.games.dilemmas import public_goods, volunteers_dilemma
from govgames.games.errors import InputError
from govgames.games.symbolic import equilibrium_conditions, threshold

from .base import DATA_DIR, CaseResult, Describe, csv_where, read_csv_checked, register

__all__ = ["run", "lever_game", "matching_threshold", "penalty_threshold", "club_critical_mass",
           "read_local_shares", "SHARES_COLUMNS", "PublicGoodsData", "PublicGoodsNumbers", "load",
           "compute", "figures", "narrate", "lever_sweep", "threshold_table", "volunteers_table",
           "spillover_table"]

_PM25 = DATA_DIR / "pm25" / "pm25_regional_transport_shares.csv"
#: columns of a user CSV of local shares (``data=``)
SHARES_COLUMNS = {"city": str, "local_share_pct": float}


def _exact(x):
    return sp.Rational(repr(float(x))) if isinstance(x, (float, np.floating)) else x


def lever_game(n: int, r: float, c: float, lever: str = "none", amount=0.0) -> AnonymousGame:
    """The N-city public-goods game under a lever.

    ``lever``: ``"none"``, ``"matching"`` (contributions matched at rate ``amount``: the game
    with return ``r (1 + amount)``), ``"penalty"`` (a fine ``amount`` on non-contributors) or
    ``"club"`` (non-contributors are excluded from the good).

    Examples
    --------
    >>> [e.m for e in lever_game(10, 3.0, 1.0).pure_equilibria()]
    [0]
    >>> [e.m for e in lever_game(10, 3.0, 1.0, "penalty", 0.8).pure_equilibria()]
    [10]
    >>> [e.m for e in lever_game(10, 3.0, 1.0, "club").pure_equilibria()]
    [0, 10]
    """
    if lever == "none":
        return public_goods(n, _exact(r), _exact(c))
    if lever == "matching":
        return public_goods(n, _exact(r) * (1 + _exact(amount)), _exact(c))
    base = public_goods(n, _exact(r), _exact(c))
    table = base.payoff_table()  # row 0: Defect, row 1: Contribute, indexed by k others
    if lever == "penalty":
        amt = _exact(amount)
        if isinstance(amt, sp.Basic) and amt.free_symbols:
            u0 = [sp.nsimplify(x) - amt for x in table[0]]
            return AnonymousGame(n, (u0, list(table[1])), actions=base.actions,
                                 title=f"Public goods with a penalty ({n} cities)")
        return AnonymousGame(n, (table[0] - float(amt), table[1]), actions=base.actions,
                             title=f"Public goods with a penalty ({n} cities)")
    if lever == "club":
        return AnonymousGame(n, (np.zeros(n), table[1]), actions=base.actions,
                             title=f"Public goods club ({n} cities)")
    raise InputError(f"lever must be 'none', 'matching', 'penalty' or 'club', got {lever!r}")


@functools.lru_cache(maxsize=512)
def matching_threshold(n: int, r: float) -> float:
    """The smallest matching rate at which all ``n`` cities contributing is an equilibrium.

    Examples
    --------
    >>> matching_threshold(10, 3.0)   # 10/3 - 1
    2.3333333333333335
    >>> matching_threshold(2, 3.0)    # r > n: contributing pays already
    0.0
    """
    m = sp.Symbol("m", nonnegative=True)
    th = threshold(equilibrium_conditions(public_goods(n, _exact(r) * (1 + m), 1), n), m)
    return 0.0 if th.lower == sp.S.NegativeInfinity else max(0.0, float(th.lower))


@functools.lru_cache(maxsize=512)
def penalty_threshold(n: int, r: float, c: float) -> float:
    """The smallest fine on non-contributors at which everyone contributing is an equilibrium.

    Examples
    --------
    >>> penalty_threshold(10, 3.0, 1.0)   # c (1 - r/n)
    0.7
    """
    f = sp.Symbol("f", nonnegative=True)
    th = threshold(equilibrium_conditions(lever_game(n, r, c, "penalty", f), n), f)
    return 0.0 if th.lower == sp.S.NegativeInfinity else max(0.0, float(th.lower))


def club_critical_mass(n: int, r: float, c: float) -> int | None:
    """The smallest number of members at which contributing pays in the club (exclusion) game,
    from the game's gains ``u(Contribute, k) - u(Defect, k)``; ``None`` if it never pays.

    Examples
    --------
    >>> club_critical_mass(10, 3.0, 1.0)   # ceil(10 / 3)
    4
    """
    d = lever_game(n, r, c, "club").gains()
    ok = np.flatnonzero(d >= -1e-12)
    return int(ok[0]) + 1 if ok.size else None


def read_local_shares(path=None) -> pd.DataFrame:
    """Local shares of PM2.5: the bundled published figures or a user CSV.

    Where the source gives the *local* share (columns ``local_share_low_pct`` and
    ``local_share_high_pct``) it is used as published: the midpoint, with the range kept in
    ``local_low_pct`` and ``local_high_pct``. Only where the source gives the transported share
    alone is the local share ``100 - point`` or ``100 - midpoint`` of it (column ``basis`` says
    which). The 13 Beijing-Tianjin-Hebei cities (Wang Yanli et al. 2017) are the reason: their
    transport from *outside* the region is 13.32-45.02%, but another 13.31-54.62% comes from
    the other cities *within* it, and the local share is 21.49-68.74%. A user CSV needs the
    columns ``city`` and ``local_share_pct`` (0-100).

    Returns
    -------
    pandas.DataFrame
        Columns ``city``, ``period``, ``local_share_pct``, ``local_low_pct``,
        ``local_high_pct`` (percent), ``basis`` and ``source``; one row per published figure.

    Raises
    ------
    InputError
        A user CSV with a missing column or a share outside (0, 100].

    References
    ----------
    Wang Yanli, Xue Wenbo, Lei Yu, Wang Jinnan and Wu Weiling (2017), PM2.5 transport among
    the Beijing-Tianjin-Hebei cities, *Environmental Science* 38(12), 4897-4904.

    Examples
    --------
    >>> df = read_local_shares()
    >>> float(df.loc[0, "local_share_pct"])   # Beijing 2012-13: local 64-72%
    68.0
    >>> row = df[df["city"] == "京津冀13市"].iloc[0]
    >>> float(row["local_low_pct"]), float(row["local_high_pct"]), row["basis"]
    (21.49, 68.74, 'local share as published')
    """
    if path is not None:
        df = read_csv_checked(path, SHARES_COLUMNS, what="local shares table")
        for i, v in enumerate(df["local_share_pct"]):
            if not 0 < v <= 100:
                where = csv_where(f"local shares table {Path(path).name}", i,
                                  "local_share_pct")
                raise InputError(f"{where}: {v:g} is not in (0, 100]")
        df = df.copy()
        df["period"] = df.get("reference_period", "")
        df["source"] = df.get("source_id", "user data")
        df["local_low_pct"] = df["local_share_pct"]
        df["local_high_pct"] = df["local_share_pct"]
        df["basis"] = "user data"
        return df[["city", "period", "local_share_pct", "local_low_pct", "local_high_pct",
                   "basis", "source"]]
    raw = pd.read_csv(_PM25)
    rows = []
    for _, row in raw.iterrows():
        llo, lhi = row["local_share_low_pct"], row["local_share_high_pct"]
        point = row["regional_share_point_pct"]
        lo, hi = row["regional_share_low_pct"], row["regional_share_high_pct"]
        if pd.notna(llo) and pd.notna(lhi):
            low, high, basis = float(llo), float(lhi), "local share as published"
        elif pd.notna(point):
            low = high = 100 - float(point)
            basis = "100 - transported share"
        elif pd.notna(lo) and pd.notna(hi):
            low, high = 100 - float(hi), 100 - float(lo)
            basis = "100 - transported share"
        else:  # pragma: no cover - every bundled row has one
            continue
        rows.append({"city": row["city"], "period": str(row["reference_period"]),
                     "local_share_pct": (low + high) / 2, "local_low_pct": low,
                     "local_high_pct": high, "basis": basis, "source": row["source_id"]})
    return pd.DataFrame(rows)


#: largest number of cities of the sweep (the report's tables have one row per N)
MAX_CITIES = 2000


def _check(n_max, r, c, matching, fine, vd_benefit, vd_cost):
    if isinstance(n_max, bool) or not isinstance(n_max, int) or n_max < 2:
        raise InputError(f"n_max must be an integer >= 2, got {n_max!r}")
    if n_max > MAX_CITIES:
        raise InputError(f"n_max {n_max} is too large for the report tables (at most "
                         f"{MAX_CITIES})")
    for name, v in (("r", r), ("c", c), ("vd_benefit", vd_benefit), ("vd_cost", vd_cost)):
        if not math.isfinite(v) or v <= 0:
            raise InputError(f"{name} must be a positive number, got {v!r}")
    for name, v in (("matching", matching), ("fine", fine)):
        if not math.isfinite(v) or v < 0:
            raise InputError(f"{name} must be a non-negative number, got {v!r}")
    if vd_cost >= vd_benefit:
        raise InputError(f"the volunteer's dilemma needs vd_cost < vd_benefit, got {vd_cost} and "
                         f"{vd_benefit}")



#: the N of the thresholds table by default (those above ``n_max`` are left out)
THRESHOLDS_AT = (2, 3, 5, 10, 20, 40)


def _thresholds_at(values, n_max):
    """The N of the thresholds table: the default clipped to ``n_max``; a value the user gave
    outside ``2..n_max`` (or not an integer) is refused, not silently left out."""
    values = tuple(values)
    if values == THRESHOLDS_AT:
        return [n for n in values if n <= n_max]
    for n in values:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise InputError(f"thresholds_at: {n!r} is not an integer number of cities")
        if not 2 <= n <= n_max:
            raise InputError(f"thresholds_at: N = {n} is outside 2..n_max ({n_max}); "
                             "raise n_max or leave it out")
    return [int(n) for n in values]


#: how the key numbers are shown: r and c are illustrative, so is everything computed from them
_DESCRIBE = {
    "local_share_low_pct": Describe("Lowest published local share of a city's PM2.5", "%",
                                    "observed"),
    "local_share_high_pct": Describe("Highest published local share of a city's PM2.5", "%",
                                     "observed"),
    "bth13_local_share_low_pct": Describe("Local share of PM2.5, 13 Beijing-Tianjin-Hebei "
                                          "cities, lowest", "%", "observed",
                                          note="Wang Yanli et al. (2017)"),
    "bth13_local_share_high_pct": Describe("Local share of PM2.5, 13 Beijing-Tianjin-Hebei "
                                           "cities, highest", "%", "observed",
                                           note="Wang Yanli et al. (2017)"),
    "r": Describe("Return on contributions r", status="assumed"),
    "c": Describe("Contribution c", status="assumed"),
    "contributors_without_lever_at_n_max": Describe("Contributors in equilibrium, largest N, "
                                                    "no lever", "cities", "assumed"),
    "matching_needed_at_n_max": Describe("Matching rate needed for full contribution, largest N",
                                         status="assumed"),
    "fine_needed_at_n_max": Describe("Fine on non-contributors needed, largest N", "× c",
                                     "assumed"),
    "club_critical_mass_at_n_max": Describe("Critical mass of a contributing club, largest N",
                                            "cities", "assumed"),
    "largest_N_matching_works": Describe("Largest N at which the matching lever works",
                                         "cities", "assumed"),
    "largest_N_fine_works": Describe("Largest N at which the fine works", "cities", "assumed"),
    "vd_probability_nobody_N2": Describe("Volunteer's dilemma: probability nobody acts, N = 2",
                                         status="assumed"),
    "vd_probability_nobody_n_max": Describe("Volunteer's dilemma: probability nobody acts, "
                                            "largest N", status="assumed"),
}
_CAPTIONS = {
    "contributions_by_N": "Share of cities contributing in equilibrium as the region grows, "
                          "without a lever and with matching or a fine.",
    "thresholds_by_N": "What it takes for everyone to contribute, by number of cities N.",
    "volunteers_dilemma": "Volunteer's dilemma: in the symmetric equilibrium, the probability "
                          "that a city acts and that nobody acts, by N.",
}
_GLOSSARY = {
    "N": "number of cities in the region",
    "r": "return on contributions: every city gets r·c·(contributors)/N",
    "c": "a city's contribution",
    "matching": "rate at which a superior matches each contribution",
    "fine": "fine on each non-contributor",
    "b, c (volunteer's dilemma)": "benefit to all if at least one city acts, cost to the city "
                                  "that acts",
}


def _counts_text(counts) -> str:
    """Equilibrium numbers of contributors, runs written as ranges: ``0-15``, ``0, 14-15``.

    >>> _counts_text([0, 1, 2, 3, 7]), _counts_text([]), _counts_text([4])
    ('0-3 or 7', 'none', '4')
    """
    if not counts:
        return "none"
    runs, start = [], counts[0]
    for prev, cur in zip(counts, counts[1:] + [None]):
        if cur != prev + 1 if cur is not None else True:
            runs.append(str(start) if start == prev else f"{start}-{prev}")
            start = cur
    return " or ".join(runs)


# ------------------------------------------------------------------------------------------------
# the pipeline: load -> compute -> figures -> narrate -> run

#: the levers of the sweep, with the run parameter that sets each one's amount (None: no amount)
LEVERS = (("none", None), ("matching", "matching"), ("penalty", "fine"), ("club", None))
#: a region counts as the 13 Beijing-Tianjin-Hebei cities when its name contains this
BTH13_MARK = "13"

_SOURCES = [
    "Ledyard (1995); Hardin (1968); Diekmann (1985); Buchanan (1965)",
    "Cui Jing et al., Holistic collaborative governance mechanisms of local governments in "
    "metropolitan areas: regional public goods face free riding and the tragedy of the commons",
    "PM2.5 regional transport shares: data/pm25/pm25_regional_transport_shares.csv "
    "(sources P1-P9 in data/pm25/SOURCES.md)",
]
_NOTES = [
    "r, c and the lever levels are illustrative; the N-city game is the textbook linear "
    "public-goods game, symmetric across cities.",
    "The local share of PM2.5 is read as the share of the benefit of a city's own abatement "
    "that it keeps (symmetric transport assumed); the bundled figures use different methods "
    "and years (see the source notes).",
]


@dataclass(frozen=True)
class PublicGoodsData:
    """The validated input of the public-goods case: the local shares of PM2.5.

    Attributes
    ----------
    shares : pandas.DataFrame
        :func:`read_local_shares` (percent).
    """

    shares: pd.DataFrame


def load(*, data=None) -> PublicGoodsData:
    """The bundled local shares of PM2.5, or a user CSV (:func:`read_local_shares`).

    Parameters
    ----------
    data : str or Path, optional
        A CSV with columns ``city`` and ``local_share_pct`` (0-100].

    Returns
    -------
    PublicGoodsData

    Raises
    ------
    InputError
        A user CSV with a missing column or a share outside (0, 100].

    Examples
    --------
    >>> list(load().shares.columns)
    ['city', 'period', 'local_share_pct', 'local_low_pct', 'local_high_pct', 'basis', 'source']
    """
    return PublicGoodsData(read_local_shares(data))


@dataclass
class PublicGoodsNumbers:
    """What :func:`compute` returns: tables and key numbers of the public-goods case (no prose).

    Attributes
    ----------
    params : dict
        ``n_max``, ``r``, ``c``, ``matching``, ``fine``, ``vd_benefit``, ``vd_cost``.
    sweep : pandas.DataFrame
        Equilibrium contributors for N = 2..n_max under each lever.
    thresholds : pandas.DataFrame
        Exact thresholds at the N shown.
    volunteers : pandas.DataFrame
        The volunteer's dilemma by N.
    shares : pandas.DataFrame
        The local shares with the free-riding band each implies.
    key_numbers : dict
        The case's key numbers (:attr:`govgames.analyses.base.CaseResult.numbers`).
    """

    params: dict
    sweep: pd.DataFrame
    thresholds: pd.DataFrame
    volunteers: pd.DataFrame
    shares: pd.DataFrame
    key_numbers: dict = field(default_factory=dict)

    @property
    def tables(self) -> dict:
        """The report's tables, by title."""
        return {"exact thresholds": self.thresholds,
                "equilibrium contributions by N": self.sweep,
                "volunteer's dilemma": self.volunteers,
                "spillover sizes from PM2.5 (observed)": self.shares}


def lever_sweep(n_max: int, r: float, c: float, *, matching: float, fine: float) -> pd.DataFrame:
    """Equilibrium numbers of contributors for every N = 2..n_max under each lever
    (pure equilibria of :func:`lever_game`).

    Examples
    --------
    >>> lever_sweep(4, 3.0, 1.0, matching=1.0, fine=0.8)["none_contributors"].tolist()  # r = N: indifferent
    ['2', '0-3', '0']
    """
    amounts: dict[str | None, float] = {"matching": matching, "fine": fine}
    rows = []
    for n in range(2, int(n_max) + 1):
        row: dict[str, object] = {"N": n}
        for lever, param in LEVERS:
            eqs = lever_game(n, r, c, lever, amounts.get(param, 0.0)).pure_equilibria()
            counts = sorted(e.m for e in eqs)
            row[f"{lever}_contributors"] = _counts_text(counts)
            row[f"{lever}_max_share"] = max(counts) / n if counts else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def threshold_table(ns, r: float, c: float) -> pd.DataFrame:
    """The exact thresholds (matching rate, fine, club critical mass) at each N of ``ns``.

    Examples
    --------
    >>> threshold_table([10], 3.0, 1.0)[["matching_rate_needed", "fine_needed"]].round(4).values.tolist()
    [[2.3333, 0.7]]
    """
    return pd.DataFrame([{
        "N": n,
        "dilemma_bites (1 < r < N)": bool(1 < r < n),
        "matching_rate_needed": matching_threshold(n, float(r)),
        "fine_needed": penalty_threshold(n, float(r), float(c)),
        "club_critical_mass": club_critical_mass(n, r, c),
        "gain_per_city_if_all_contribute": (r - 1) * c,
    } for n in ns])


def volunteers_table(n_max: int, b: float, c: float) -> pd.DataFrame:
    """The volunteer's dilemma for N = 2..n_max: symmetric volunteering probability, the
    probability nobody volunteers, and the pure equilibria.

    Examples
    --------
    >>> round(float(volunteers_table(2, 2.0, 1.0)["probability_nobody_volunteers"][0]), 4)
    0.25
    """
    rows = []
    for n in range(2, int(n_max) + 1):
        g = volunteers_dilemma(n, _exact(b), _exact(c))
        sym = g.symmetric_equilibria(method="numeric")
        p = float(sym[0].p) if len(sym) else np.nan
        rows.append({"N": n, "volunteer_probability": p,
                     "probability_nobody_volunteers": (1 - p) ** n,
                     "pure_equilibria": ", ".join(f"{e.m} volunteer"
                                                  for e in g.pure_equilibria())})
    return pd.DataFrame(rows)


def spillover_table(shares: pd.DataFrame) -> pd.DataFrame:
    """The local shares with the share of the benefit kept, the benefit-cost band in which a
    city free-rides, and the matching rate that closes it.

    Examples
    --------
    >>> t = spillover_table(pd.DataFrame({"local_share_pct": [50.0]}))
    >>> t["free_riding_band"][0], float(t["matching_rate_that_closes_it"][0])
    ('1 < benefit/cost < 2.00', 1.0)
    """
    return shares.assign(
        kept_share=shares["local_share_pct"] / 100,
        free_riding_band=lambda d: ["1 < benefit/cost < " + f"{100 / x:.2f}"
                                    for x in d["local_share_pct"]],
        matching_rate_that_closes_it=lambda d: 100 / d["local_share_pct"] - 1)


def compute(data: PublicGoodsData, *, n_max: int = 40, r: float = 3.0, c: float = 1.0,
            matching: float = 1.0, fine: float = 0.8, vd_benefit: float = 2.0,
            vd_cost: float = 1.0, thresholds_at: tuple = THRESHOLDS_AT
            ) -> PublicGoodsNumbers:
    """Equilibria and thresholds for N = 2..n_max, the volunteer's dilemma, spillover sizes.

    Parameters are those of :func:`run`.

    Returns
    -------
    PublicGoodsNumbers

    Raises
    ------
    InputError
        A parameter out of range (``n_max`` not an integer in [2, 2000], a non-positive ``r``,
        ``c`` or benefit, a negative lever, ``vd_cost >= vd_benefit``).

    Examples
    --------
    >>> k = compute(load(), n_max=10, thresholds_at=(10,)).key_numbers
    >>> k["fine_needed_at_n_max"], k["largest_N_fine_works"]
    (0.7, 10)
    """
    _check(n_max, r, c, matching, fine, vd_benefit, vd_cost)
    shown = sorted(set(_thresholds_at(thresholds_at, n_max)) | {n_max})
    nums = PublicGoodsNumbers(
        params=dict(n_max=n_max, r=r, c=c, matching=matching, fine=fine,
                    vd_benefit=vd_benefit, vd_cost=vd_cost),
        sweep=lever_sweep(n_max, r, c, matching=matching, fine=fine),
        thresholds=threshold_table(shown, r, c),
        volunteers=volunteers_table(n_max, vd_benefit, vd_cost),
        shares=spillover_table(data.shares))
    nums.key_numbers = _key_numbers(nums)
    return nums


def _largest_n_where_all(sweep: pd.DataFrame, lever: str):
    n = sweep.loc[sweep[f"{lever}_max_share"] == 1.0, "N"]
    return int(n.max()) if len(n) else None


def _key_numbers(nums: PublicGoodsNumbers) -> dict:
    p, shares = nums.params, nums.shares
    n_max, r, c = p["n_max"], p["r"], p["c"]
    bth = shares[shares["city"].astype(str).str.contains(BTH13_MARK)]
    vd = nums.volunteers["probability_nobody_volunteers"]
    return {
        "local_share_low_pct": float(shares["local_low_pct"].min()),
        "local_share_high_pct": float(shares["local_high_pct"].max()),
        "bth13_local_share_low_pct": float(bth["local_low_pct"].min()) if len(bth)
        else float("nan"),
        "bth13_local_share_high_pct": float(bth["local_high_pct"].max()) if len(bth)
        else float("nan"),
        "r": r, "c": c,
        "contributors_without_lever_at_n_max":
            int(nums.sweep.iloc[-1]["none_contributors"].split(" or ")[0]),
        "matching_needed_at_n_max": matching_threshold(n_max, float(r)),
        "fine_needed_at_n_max": penalty_threshold(n_max, float(r), float(c)),
        "club_critical_mass_at_n_max": club_critical_mass(n_max, r, c),
        "largest_N_matching_works": _largest_n_where_all(nums.sweep, "matching"),
        "largest_N_fine_works": _largest_n_where_all(nums.sweep, "penalty"),
        "vd_probability_nobody_N2": float(vd.iloc[0]),
        "vd_probability_nobody_n_max": float(vd.iloc[-1]),
    }


def _contributions_figure(sweep: pd.DataFrame, p: dict) -> Figure:
    fig = Figure(figsize=(7.5, 4.2))
    ax = fig.add_subplot()
    ax.plot(sweep["N"], sweep["none_max_share"], "k-", label="no lever")
    ax.plot(sweep["N"], sweep["matching_max_share"], "-", color="#4477aa",
            label=f"matching grant (rate {p['matching']:g})")
    ax.plot(sweep["N"], sweep["penalty_max_share"], "-", color="#ee6677",
            label=f"penalty on non-contributors ({p['fine']:g})")
    ax.plot(sweep["N"], sweep["club_max_share"], "--", color="#228833",
            label="club rule (best equilibrium; 'nobody' is one too)")
    ax.set_xlabel("number of cities N")
    ax.set_ylabel("share of cities contributing in equilibrium")
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(f"Regional public good, r = {p['r']:g}, c = {p['c']:g}")
    ax.legend(fontsize="small", loc="center right")
    fig.tight_layout()
    return fig


def _volunteers_figure(vd: pd.DataFrame, p: dict) -> Figure:
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    ax.plot(vd["N"], vd["probability_nobody_volunteers"], color="#aa3377",
            label="P(nobody volunteers)")
    ax.plot(vd["N"], vd["volunteer_probability"], color="#66ccee",
            label="each city's volunteering probability")
    ax.set_xlabel("number of cities N")
    ax.set_ylabel("probability")
    ax.set_title(f"Volunteer's dilemma (b = {p['vd_benefit']:g}, c = {p['vd_cost']:g}): "
                 "symmetric equilibrium")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def _thresholds_figure(thresholds: pd.DataFrame) -> Figure:
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    ax.plot(thresholds["N"], thresholds["matching_rate_needed"], "o-", color="#4477aa",
            label="matching rate needed")
    ax.plot(thresholds["N"], thresholds["fine_needed"], "s-", color="#ee6677",
            label="fine needed")
    ax.plot(thresholds["N"], thresholds["club_critical_mass"] / thresholds["N"], "^-",
            color="#228833", label="club: critical mass / N")
    ax.set_xlabel("number of cities N")
    ax.set_title("What it takes for everyone to contribute")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def figures(numbers: PublicGoodsNumbers) -> dict:
    """The case's figures: contributions by N, thresholds by N, the volunteer's dilemma.

    Examples
    --------
    >>> sorted(figures(compute(load(), n_max=4, thresholds_at=())))
    ['contributions_by_N', 'thresholds_by_N', 'volunteers_dilemma']
    """
    return {"contributions_by_N": _contributions_figure(numbers.sweep, numbers.params),
            "thresholds_by_N": _thresholds_figure(numbers.thresholds),
            "volunteers_dilemma": _volunteers_figure(numbers.volunteers, numbers.params)}


def narrate(numbers: PublicGoodsNumbers) -> tuple[str, list]:
    """The finding, written from the numbers, and the notes.

    Returns
    -------
    (str, list of str)

    Examples
    --------
    >>> finding, notes = narrate(compute(load(), n_max=10, thresholds_at=()))
    >>> finding.split(",")[0]
    'With return r = 3 no city contributes once N > 3'
    """
    p, k = numbers.params, numbers.key_numbers
    n_max, r, c = p["n_max"], p["r"], p["c"]
    finding = (
        f"With return r = {r:g} no city contributes once N > {r:g}, though each would gain "
        f"{(r - 1) * c:g} if all did. What it takes grows with N: at N = {n_max} a matching "
        f"grant must match each contribution at rate {k['matching_needed_at_n_max']:.3g} "
        f"(N/r - 1) and a fine on non-contributors must reach "
        f"{k['fine_needed_at_n_max']:.3g} (c (1 - r/N)); a matching rate of "
        f"{p['matching']:g} works up to N = {k['largest_N_matching_works'] or 1} and a fine of "
        f"{p['fine']:g} up to N = {k['largest_N_fine_works'] or 1}. A club rule that excludes "
        f"non-contributors turns the dilemma into coordination: everyone contributing becomes "
        f"an equilibrium at every N (beside nobody), once "
        f"{k['club_critical_mass_at_n_max']} of {n_max} cities are in. In the volunteer's "
        f"dilemma the chance that nobody acts rises from {k['vd_probability_nobody_N2']:.3f} "
        f"(N = 2) to {k['vd_probability_nobody_n_max']:.3f} (N = {n_max}). Published PM2.5 "
        f"figures put the share of a city's pollution that is emitted locally at "
        f"{k['local_share_low_pct']:.1f}-{k['local_share_high_pct']:.1f}% (the 13 "
        f"Beijing-Tianjin-Hebei cities alone: {k['bth13_local_share_low_pct']:.1f}-"
        f"{k['bth13_local_share_high_pct']:.1f}%, counting transport within the region as well "
        "as from outside it): abatement whose regional benefit is up to 1/(local share) times "
        "its cost is efficient but not worth it to the city alone.")
    return finding, list(_NOTES)


@register("public_goods", "Free riding in regional public goods")
def run(*, n_max: int = 40, r: float = 3.0, c: float = 1.0, matching: float = 1.0,
        fine: float = 0.8, vd_benefit: float = 2.0, vd_cost: float = 1.0,
        thresholds_at: tuple = THRESHOLDS_AT, data=None) -> CaseResult:
    """Run the public-goods case.

    Parameters
    ----------
    n_max : int
        Largest number of cities (the sweep runs over N = 2..n_max).
    r, c : float
        Return on contributions and the contribution (illustrative).
    matching, fine : float
        Lever levels for the sweep: the matching rate and the fine on non-contributors.
    vd_benefit, vd_cost : float
        Benefit and cost of the volunteer's dilemma.
    thresholds_at : tuple of int
        The N at which the exact thresholds are derived symbolically (each in ``2..n_max``;
        the default's values above ``n_max`` are left out, ``n_max`` itself is always shown).
    data : str or Path, optional
        A CSV of local shares (columns ``city``, ``local_share_pct``) instead of the bundled
        PM2.5 figures.

    Returns
    -------
    CaseResult

    Examples
    --------
    >>> res = run(n_max=10, thresholds_at=(10,))
    >>> res.numbers["contributors_without_lever_at_n_max"], res.numbers["club_critical_mass_at_n_max"]
    (0, 4)
    """
    numbers = compute(load(data=data), n_max=n_max, r=r, c=c, matching=matching, fine=fine,
                      vd_benefit=vd_benefit, vd_cost=vd_cost, thresholds_at=thresholds_at)
    finding, notes = narrate(numbers)
    return CaseResult(
        name="public_goods", title="Free riding in regional public goods", finding=finding,
        tables=numbers.tables, figures=figures(numbers), numbers=numbers.key_numbers,
        describe=_DESCRIBE, captions=_CAPTIONS, glossary=_GLOSSARY, sources=list(_SOURCES),
        notes=notes, illustrative=True)
