"""The model of the club cases: the association's entry rule, eligibility, the club game.

The Yangtze River Delta urban economic coordination association required an urbanization level
of at least 20%, a per-capita GDP of at least 20% of Shanghai's and an economic-linkage
intensity of at least 10 (*How local cooperation extends inter-governmental relations*). The
functions here turn those rules into a :class:`govgames.networks.EntryRule`, check the cities
against it, and build the club as a :class:`govgames.networks.Club` on the gravity-linkage
game (a modelling assumption) to ask who gains, when the club is stable, and what each
threshold does. The data come from :mod:`govgames.analyses.club_data`.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.networks import club_stability as cs

from .club_data import BUNDLED_STATISTICS_YEARS, statistics_year

__all__ = [
    "URBANIZATION_MIN",
    "GDP_RATIO_MIN",
    "LINKAGE_MIN",
    "REFERENCE_KEY",
    "SHARE_TOL",
    "yrd_entry_rule",
    "club_members",
    "eligibility_table",
    "linkage_calibration",
    "yrd_club",
    "stable_coordination_costs",
    "expansion_gains",
    "fund_sweep",
    "threshold_sweeps",
    "rounds_table",
]

#: the association's entry thresholds (“Local cooperation”): urbanization >= 20%, per-capita
#: GDP >= 20% of the reference city's, economic linkage >= 10
URBANIZATION_MIN = 0.20
GDP_RATIO_MIN = 0.20
LINKAGE_MIN = 10.0
#: key of the reference city of the per-capita GDP rule in the bundled data
REFERENCE_KEY = "Shanghai"
#: two shares differing by less than this (linkage units) are equal: nobody loses
SHARE_TOL = 1e-9


def _in_order(club, members) -> list:
    """``members`` in the order of ``club.players``."""
    members = set(members)
    return [p for p in club.players if p in members]


def yrd_entry_rule(*, urbanization_min: float = URBANIZATION_MIN,
                   gdp_ratio_min: float = GDP_RATIO_MIN, linkage_min: float = LINKAGE_MIN,
                   reference: str = REFERENCE_KEY):
    """The association's admission rule as a :class:`govgames.networks.EntryRule`.

    ``urbanization >= u_min``, ``gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan[reference]``
    and ``linkage >= l_min``, where ``linkage`` is the candidate's summed edge weight to the
    current members (the gravity linkage of :func:`~govgames.analyses.club_data.yrd_graph`).
    The thresholds are rule parameters ``u_min``, ``g_ratio``, ``l_min`` (moved by sweeps).

    References
    ----------
    “Local cooperation”: 《"长江三角洲"城市经济协调会城市入会规程》 as quoted there.

    Examples
    --------
    >>> print(yrd_entry_rule(reference="S"))
    (urbanization >= u_min & gdp_per_capita_yuan >= g_ratio * gdp_per_capita_yuan["S"] &
     linkage >= l_min) where u_min = 0.2, g_ratio = 0.2, l_min = 10.0
    """
    from govgames.networks import EntryRule

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
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
    >>> t = load_yrd_cities()
    >>> len(club_members(t, 2010)), len(club_members(t, 2011))
    (16, 22)
    """
    if isinstance(before_year, bool) or not isinstance(before_year, (int, np.integer)):
        # "2004" raised a TypeError from a comparison; nan gave no members without a word
        raise InputError(f"before_year must be an integer year, got {before_year!r}")
    y = cities["joined_year"].astype(int)
    return [c for c, j in zip(cities.index, y) if 0 < j < before_year]


def eligibility_table(cities: pd.DataFrame, G: nx.Graph, members, rule) -> pd.DataFrame:
    """Every city checked against ``rule`` given the current ``members``.

    Returns one row per city: ``name_en``, ``province``, ``member``, ``joined_year``, the value
    and margin of each condition, whether it passes, and ``eligible``.

    Examples
    --------
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
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
    :func:`govgames.networks.values.linkage_shapley_value`). An outsider gets 0. Without a fund
    this is the library's linkage-game club with stand-alone values ``-membership_cost``.

    Examples
    --------
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> club = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule())
    >>> from govgames.networks import club_stability as cs
    >>> len(club.members), cs.is_internally_stable(club), cs.is_externally_stable(club)
    (16, True, False)
    >>> funded = yrd_club(t, G, club_members(t, 2010), yrd_entry_rule(), club_fund=1600.0)
    >>> round(funded.shares()["Shanghai"] - club.shares()["Shanghai"], 6)
    100.0
    """
    from govgames.networks import Club
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

    shapley_shares.__name__ = ("Shapley value (closed form: half of each link + equal part of "
                               "the fund)")
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
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
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
    j_star = max(bounds_out, key=bounds_out.__getitem__) if bounds_out else None
    i_star = min(bounds_in, key=bounds_in.__getitem__)
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
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
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
    for m in _in_order(club, club.members):
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
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
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
        losing = [m for m in _in_order(club, club.members) if after[m] < before[m] - SHARE_TOL]
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
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
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


def rounds_table(cities: pd.DataFrame, G: nx.Graph, rule, *, names=None,
                 available=BUNDLED_STATISTICS_YEARS) -> pd.DataFrame:
    """Every admission round checked against the rule, with the year of the statistics used.

    For each year in which cities joined (after the first), the members before it, the entrants,
    which entrants meet the rule against those members, and how many outsiders were eligible.
    Each round should be judged by the statistics of the year before it; the bundled data has
    2010 figures only (GDP is not in the 2020 census), so column ``statistics_year`` says which
    year is used and whether it precedes the round
    (:func:`~govgames.analyses.club_data.statistics_year`): for 1997, 2003 and 2010 the check is
    anachronistic and only indicative.

    Examples
    --------
    >>> from govgames.analyses.club_data import load_yrd_cities, yrd_graph
    >>> t = load_yrd_cities(); G = yrd_graph(t)
    >>> r = rounds_table(t, G, yrd_entry_rule(), names=dict(t["name_en"]))
    >>> r[["year", "members_before", "entrants", "entrants_eligible"]].values.tolist()
    [[1997, 14, 1, 1], [2003, 15, 1, 1], [2010, 16, 6, 6], [2013, 22, 8, 8], [2018, 30, 4, 4],
     [2019, 34, 7, 3]]
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
