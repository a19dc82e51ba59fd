"""Stability questions about a club, as functions over a :class:`~govgames.networks.clubs.Club`.

The club object holds the state (members, entry rule, game, sharing rule) and the shares; the
questions asked of it are plain functions taking it first, as networkx's algorithms take a graph:

* individual rationality (:func:`individual_rationality`): does every member get at least its
  stand-alone value?
* internal and external stability (:func:`internal_stability`, :func:`external_stability`,
  :func:`is_stable`): does no member gain by leaving, does no eligible outsider gain by joining,
  and do the members consent to an admission? These are the cartel stability notions of
  d'Aspremont, Jacquemin, Gabszewicz & Weymark (1983) applied to a TU game with a sharing rule;
* the core (:func:`core_check`), exact for linkage games by one minimum cut (Picard & Queyranne
  1982);
* expansion (:func:`expansion`, :func:`expand`, :func:`reachable_stable_clubs`) and threshold
  sweeps (:func:`threshold_sweep`); :func:`summary` gives every verdict at once.

Every function takes ``members`` (default: the club's members) to ask the question of another
set of governments under the same game and rules.

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J. & Weymark, J. A. (1983), "On the stability of
collusive price leadership", *Canadian Journal of Economics* 16(1): 17-25.
Picard, J.-C. & Queyranne, M. (1982), "Selected applications of minimum cuts in networks",
*INFOR* 20(4): 394-422.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError

from .clubs import Club, ClubCoreCheck  # noqa: F401 (Club: examples)
from .coalitional import CoalitionalGame  # noqa: F401 (examples)
from .entry_rules import EntryRule

__all__ = ["individual_rationality", "internal_stability", "is_individually_rational",
           "is_internally_stable", "expansion", "external_stability", "is_externally_stable",
           "is_stable", "core_check", "expand", "reachable_stable_clubs", "threshold_sweep",
           "summary"]


def individual_rationality(club, members=None) -> pd.DataFrame:
    """For each member: share, stand-alone value ``v({i})``, margin, rational (share >= it).

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 3, "B": 0, "A,B": 4})
    >>> individual_rationality(Club(["A", "B"], None, g, sharing="equal"))["rational"].tolist()
    [False, True]
    """
    members = club.members if members is None else club._check_members(members, "members")
    sh = club.shares(members)
    rows = []
    for p in club._ordered(members):
        s0 = club.standalone_value(p)
        rows.append({"share": sh[p], "standalone": s0, "margin": sh[p] - s0,
                     "rational": sh[p] >= s0 - club.tol})
    df = pd.DataFrame(rows, index=pd.Index(club._ordered(members), name="member"))
    df.attrs["method"] = sh.method
    return df

def internal_stability(club, members=None) -> pd.DataFrame:
    """For each member: its share, its payoff if it left (the others keep the club), the
    gain from leaving, whether it stays (no strict gain), and the value the remaining
    members would share without it (``club_value_without``).

    Examples
    --------
    >>> g = CoalitionalGame.from_dict({"A": 3, "B": 0, "A,B": 4})
    >>> internal_stability(Club(["A", "B"], None, g, sharing="equal"))["stays"].tolist()
    [False, True]
    """
    members = club.members if members is None else club._check_members(members, "members")
    sh = club.shares(members)
    rows = []
    for p in club._ordered(members):
        rest = members - {p}
        out = club.outside_payoff(p, rest)
        rows.append({"share": sh[p], "payoff_if_leaves": out, "gain_from_leaving": out - sh[p],
                     "stays": out - sh[p] <= club.tol,
                     "club_value_without": club.value(rest)})
    df = pd.DataFrame(rows, index=pd.Index(club._ordered(members), name="member"))
    df.attrs["method"] = sh.method
    return df

def is_individually_rational(club, members=None) -> bool:
    """Every member gets at least its stand-alone value."""
    return bool(individual_rationality(club, members)["rational"].all())

def is_internally_stable(club, members=None) -> bool:
    """No member gains by leaving (d'Aspremont et al. 1983)."""
    return bool(internal_stability(club, members)["stays"].all())

def expansion(club, members=None, candidates: Iterable | None = None) -> pd.DataFrame:
    """For each eligible candidate: the change of every member's share, the candidate's gain
    from joining, the change in the club's value and in total welfare, and the verdicts.

    Columns: one ``"Δ <member>"`` per member, then ``candidate_share``,
    ``candidate_outside``, ``candidate_gain``, ``wants_to_join`` (strict gain),
    ``worst_member_change``, ``members_consent`` (no member's share falls),
    ``admitted`` (wants and consented), ``club_value_change``, ``welfare_change``.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> expansion(Club(["A", "B"], None, G))[["Δ A", "Δ B", "candidate_gain"]]
               Δ A  Δ B  candidate_gain
    candidate
    C          0.0  1.0             1.0
    """
    members = club.members if members is None else club._check_members(members, "members")
    cands = club.eligible_candidates(members) if candidates is None else \
        [c for c in club._check_members(candidates, "candidates") if c not in members]
    cands = club._ordered(cands)
    base = club.shares(members)
    w0 = club.welfare(members)
    v0 = club.value(members)
    mem = club._ordered(members)
    rows, methods = [], {base.method}
    for c in cands:
        new = members | {c}
        sh = club.shares(new)
        methods.add(sh.method)
        row = {f"Δ {m}": sh[m] - base[m] for m in mem}
        out = club.outside_payoff(c, members)
        worst = min((sh[m] - base[m] for m in mem), default=0.0)
        row.update({"candidate_share": sh[c], "candidate_outside": out,
                    "candidate_gain": sh[c] - out,
                    "wants_to_join": sh[c] - out > club.tol,
                    "worst_member_change": worst,
                    "members_consent": worst >= -club.tol,
                    "club_value_change": club.value(new) - v0,
                    "welfare_change": club.welfare(new) - w0})
        row["admitted"] = row["wants_to_join"] and row["members_consent"]
        rows.append(row)
    cols = [f"Δ {m}" for m in mem] + ["candidate_share", "candidate_outside",
                                      "candidate_gain", "wants_to_join",
                                      "worst_member_change", "members_consent", "admitted",
                                      "club_value_change", "welfare_change"]
    df = pd.DataFrame(rows, index=pd.Index(cands, name="candidate"), columns=cols)
    df.attrs["method"] = "; ".join(sorted(methods))
    return df

def external_stability(club, members=None) -> pd.DataFrame:
    """For each eligible outsider: gain from joining, whether it wants to, whether the
    members consent (see :func:`expansion`, without the per-member columns)."""
    df = expansion(club, members)
    keep = ["candidate_share", "candidate_outside", "candidate_gain", "wants_to_join",
            "worst_member_change", "members_consent", "admitted", "welfare_change"]
    out = df[keep].copy()
    out.attrs["method"] = df.attrs.get("method", "")
    return out

def is_externally_stable(club, members=None, *, consent: bool = False) -> bool:
    """No eligible outsider gains by joining (d'Aspremont et al. 1983); with
    ``consent=True``: no eligible outsider both gains by joining and is accepted by every
    member (its admission lowers no member's share)."""
    df = external_stability(club, members)
    col = "admitted" if consent else "wants_to_join"
    return not bool(df[col].any())

def is_stable(club, members=None, *, consent: bool = False) -> bool:
    """Internally and externally stable."""
    return (is_internally_stable(club, members)
            and is_externally_stable(club, members, consent=consent))

def core_check(club, members=None, *, n_coalitions: int = 20000, seed=None) -> ClubCoreCheck:
    """Whether the club's split is in the core of the club's game.

    Linkage games with non-negative link gains: exact for any size by one minimum cut
    (``min_T x(T) - v(T)`` is a submodular minimisation that reduces to a cut in the club's
    network; Picard & Queyranne 1982). Other games: exact over all ``2**k`` coalitions up to
    ``exact_limit`` members (via :func:`govgames.networks.stability.in_core`), else a search over
    ``n_coalitions`` random coalitions plus all singletons and all ``k-1``-member
    coalitions, which can refute but not prove core membership (``in_core`` None when it
    finds nothing).

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 10}), ("B", "C", {"weight": 2})])
    >>> r = core_check(Club(["A", "B", "C"], None, G, sharing="equal"))
    >>> r.in_core, sorted(r.blocking), r.deficit, r.method
    (False, ['A', 'B'], 2.0, 'exact (minimum cut)')
    """
    members = club.members if members is None else club._check_members(members, "members")
    sh = club.shares(members)
    players = club._ordered(members)
    x = np.array([sh[p] for p in players])
    vS = club.value(members)
    scale = max(1.0, abs(vS))
    efficient = abs(x.sum() - vS) <= club.tol * scale * 10
    note = " (on sampled shares)" if sh.std_errors is not None else ""
    if club.mode == "linkage" and (club._W >= 0).all():
        idx = np.array([club._pindex[p] for p in players], dtype=int)
        T, deficit = _linkage_core_mincut(club._W[np.ix_(idx, idx)], club._stand[idx], x,
                                          players)
        blocking = T if deficit > club.tol * scale else None
        return ClubCoreCheck(bool(efficient and blocking is None), bool(efficient),
                             blocking, deficit, "exact (minimum cut)" + note)
    g = club.club_game(members)
    if g.is_exact:
        from .stability import in_core  # noqa: PLC0415
        r = in_core(g, {p: v for p, v in zip(players, x)}, tol=club.tol * scale)
        return ClubCoreCheck(bool(r), bool(r.efficient),
                             frozenset(r.blocking) if r.blocking else None,
                             float(r.max_excess), f"exact (2^{len(players)})" + note)
    rng = np.random.default_rng(club.seed if seed is None else seed)
    k = len(players)
    rows = [np.eye(k, dtype=bool), ~np.eye(k, dtype=bool),
            rng.random((n_coalitions, k)) < rng.random((n_coalitions, 1))]
    M = np.concatenate(rows)
    vals = g.evaluate_members(M)
    d = vals - M @ x
    j = int(np.argmax(d))
    deficit = float(d[j])
    blocking = frozenset(np.array(players, dtype=object)[M[j]]) \
        if deficit > club.tol * scale else None
    return ClubCoreCheck(False if blocking else None, bool(efficient), blocking, deficit,
                         f"sampled ({len(M)} coalitions; a blocking coalition refutes, none "
                         "found is not a proof)" + note)

def _admissible(club, members, rule=None):
    """The admissions into ``members``: (candidate, welfare after) for every eligible
    candidate that gains by joining and lowers no member's share."""
    cands = club.eligible_candidates(members, rule)
    if not cands:
        return []
    df = _expansion_light(club, members, cands)
    return df

def _expansion_light(club, members, cands):
    base = club.shares(members)
    out = []
    for c in cands:
        new = members | {c}
        sh = club.shares(new)
        gain = sh[c] - club.outside_payoff(c, members)
        if gain <= club.tol:
            continue
        if any(sh[m] - base[m] < -club.tol for m in members):
            continue
        out.append((c, club.welfare(new)))
    return out

def expand(club, members=None, *, rule: EntryRule | None = None, order: str = "welfare",
           seed=None, max_steps: int | None = None):
    """Admit candidates one at a time until no eligible outsider wants to join and is
    accepted by all members.

    Parameters
    ----------
    order : {"welfare", "random"}
        Which admissible candidate comes next: the one that raises total welfare most (ties:
        player order), or one drawn at random (``seed``).

    Returns
    -------
    (frozenset, list)
        The final club and the admission order.

    Examples
    --------
    >>> G = nx.path_graph(["A", "B", "C", "D"])
    >>> final, path = expand(Club(["A"], "linkage >= 1", G))
    >>> sorted(final), path
    (['A', 'B', 'C', 'D'], ['B', 'C', 'D'])
    """
    members = club.members if members is None else club._check_members(members, "members")
    rng = np.random.default_rng(seed)
    path = []
    steps = len(club.players) if max_steps is None else max_steps
    for _ in range(steps):
        moves = _admissible(club, members, rule)
        if not moves:
            break
        if order == "random":
            c = moves[int(rng.integers(len(moves)))][0]
        elif order == "welfare":
            c = max(moves, key=lambda cw: (cw[1], -club._pindex[cw[0]]))[0]
        else:
            raise InputError(f"order must be 'welfare' or 'random', got {order!r}")
        members = members | {c}
        path.append(c)
    return members, path

def reachable_stable_clubs(club, members=None, *, max_states: int = 2000, n_orders: int = 50,
                           seed=None, executor=None, progress=None) -> pd.DataFrame:
    """Clubs where admissions stop, reachable from ``club`` by admitting one eligible
    candidate at a time (each admission: the candidate gains, no member loses).

    Explores every admission order while the number of distinct clubs met stays within
    ``max_states`` (method ``"exhaustive"``), level by level: all clubs of one size are
    examined (on ``executor`` if given), then the clubs they lead to. Beyond
    ``max_states``, follows the welfare-greedy order and ``n_orders`` random orders
    (method ``"sampled"``: other end clubs may exist).

    Parameters
    ----------
    club : iterable of players, optional
        Start club (default: the members).
    max_states : int
        Most clubs visited by the exhaustive search.
    n_orders : int
        Random admission orders of the sampled search.
    seed : int, optional
        Seed of the random orders (the same end clubs with any ``executor``).
    executor : concurrent.futures.Executor or Dask Client, optional
        Examines the clubs of one level, or runs the sampled orders, in parallel
        (:mod:`govgames.games.parallel`; default: in this process). The club (its game
        and sharing rule) must be picklable for a process pool. The result does not depend
        on it.
    progress : None or bool
        A progress bar over the clubs visited (``None``: on a terminal, after two
        seconds).

    Returns
    -------
    pandas.DataFrame
        One row per end club: ``size``, ``members``, ``added`` (the first admission order
        found, levels examined in order), ``club_value``, ``welfare``,
        ``internally_stable``, and ``.attrs["method"]``.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> df = reachable_stable_clubs(Club(["A", "B"], None, G))
    >>> df["members"].tolist(), df.attrs["method"]
    ([('A', 'B', 'C')], 'exhaustive (2 clubs visited)')
    """
    from govgames.games.parallel import check_executor, check_picklable, map_chunks, progress_bar

    check_picklable(club, check_executor(executor),
                    "the club (its game's value function or its sharing rule)",
                    "define them at module level (functions, or classes with __call__ holding "
                    "their data), or use a thread pool or a Dask executor (which ships lambdas)")
    start = club.members if members is None else club._check_members(members, "members")
    if isinstance(max_states, bool) or not isinstance(max_states, (int, np.integer)) \
            or max_states < 0:
        raise InputError(f"max_states must be a non-negative integer, got {max_states!r}")
    # every club visited checks each outsider's admission against every member's share:
    # about n**3 steps a club, for at most 2**outsiders clubs (max_states=10**12 ran for hours)
    from govgames.games.budget import check_work

    n_all, outside = len(club.players), len(club.players) - len(start)
    states = min(float(max_states), 2.0 ** min(outside, 1000))
    check_work(states * max(n_all, 1) ** 3,
               f"reachable_stable_clubs: up to {states:.3g} clubs of {n_all} cities",
               "a smaller max_states (beyond it the search samples admission orders)")
    ends: dict[tuple, list] = {}
    seen: dict[tuple, list] = {start: []}
    frontier = [start]
    exhausted = True
    with progress_bar(progress, max_states, "clubs", "members") as bar:
        while frontier and exhausted:
            moves_of = map_chunks(_admissible_candidates, frontier, executor=executor,
                                  progress=False, args=(club,))
            bar.update(len(frontier))
            nxt = []
            for S, moves in zip(frontier, moves_of):
                if not moves:
                    ends.setdefault(S, seen[S])
                    continue
                for c in moves:
                    T = S | {c}
                    if T not in seen:
                        if len(seen) >= max_states:
                            exhausted = False
                            break
                        seen[T] = seen[S] + [c]
                        nxt.append(T)
                if not exhausted:
                    break
            frontier = nxt
    if exhausted:
        method = f"exhaustive ({len(seen)} clubs visited)"
    else:
        ends = {}
        rng = np.random.default_rng(seed)
        runs = [("welfare", None)] + [("random", int(rng.integers(2**32)))
                                      for _ in range(n_orders)]
        for S, path in map_chunks(_expand_run, runs, executor=executor, progress=progress,
                                  desc="admission orders", unit="order",
                                  args=(club, start)):
            ends.setdefault(S, path)
        method = (f"sampled (welfare-greedy and {n_orders} random admission orders; more than "
                  f"{max_states} clubs reachable)")
    rows = []
    for S, path in ends.items():
        rows.append({"size": len(S), "members": tuple(club._ordered(S)), "added": tuple(path),
                     "club_value": club.value(S), "welfare": club.welfare(S),
                     "internally_stable": is_internally_stable(club, S)})
    df = pd.DataFrame(rows).sort_values(["welfare", "size"], ascending=False,
                                        ignore_index=True)
    df.attrs["method"] = method
    return df

def threshold_sweep(club, rule_param: str, values: Iterable, *, members=None) -> pd.DataFrame:
    """How the eligible set, the stable club and welfare change as a threshold moves.

    For each value, the rule's threshold ``rule_param`` (a rule parameter, or a condition
    name whose first number is replaced, see :meth:`EntryRule.with_threshold`) is set; then
    the eligible outsiders of the current club are listed, and the club is expanded by
    welfare-greedy admissions (:func:`expand`) to a club where admissions stop.

    Returns
    -------
    pandas.DataFrame
        ``value``, ``n_eligible``, ``eligible``, ``club_size``, ``added``, ``club_value``,
        ``welfare``, ``internally_stable``.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2}),
    ...               ("C", "D", {"weight": 1})])
    >>> club = Club(["A", "B"], "linkage >= 1", G)
    >>> threshold_sweep(club, "linkage", [1, 2, 3])[["value", "n_eligible", "club_size"]]
       value  n_eligible  club_size
    0      1           1          4
    1      2           1          3
    2      3           0          2
    """
    if club.rule is None:
        raise InputError("Club: threshold_sweep needs an entry rule")
    start = club.members if members is None else club._check_members(members, "members")
    rows = []
    for val in values:
        rule = club.rule.with_threshold(rule_param, val)
        elig = club.eligible_candidates(start, rule)
        S, path = expand(club, start, rule=rule)
        rows.append({"value": val, "n_eligible": len(elig), "eligible": tuple(elig),
                     "club_size": len(S), "added": tuple(path), "club_value": club.value(S),
                     "welfare": club.welfare(S),
                     "internally_stable": is_internally_stable(club, S)})
    df = pd.DataFrame(rows)
    df.attrs["parameter"] = rule_param
    df.attrs["method"] = club.shares(start).method
    return df

def summary(club, members=None) -> dict:
    """All verdicts at once, as plain data.

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> s = summary(Club(["A", "B"], None, G))
    >>> s["internally_stable"], s["externally_stable"], s["wants_to_join"]
    (True, False, ['C'])
    """
    members = club.members if members is None else club._check_members(members, "members")
    ext = external_stability(club, members)
    core = core_check(club, members)
    sh = club.shares(members)
    return {
        "members": club._ordered(members), "size": len(members), "club_value": club.value(members),
        "welfare": club.welfare(members), "shares": dict(sh), "method": sh.method,
        "individually_rational": is_individually_rational(club, members),
        "internally_stable": is_internally_stable(club, members),
        "eligible": list(ext.index),
        "wants_to_join": [c for c in ext.index if ext.at[c, "wants_to_join"]],
        "admitted": [c for c in ext.index if ext.at[c, "admitted"]],
        "externally_stable": not bool(ext["wants_to_join"].any()),
        "externally_stable_with_consent": not bool(ext["admitted"].any()),
        "in_core": core.in_core, "core_method": core.method,
    }


def _admissible_candidates(members, owner) -> list:
    """The candidates ``owner`` (a :class:`~govgames.networks.clubs.Club`) would admit into
    ``members`` (for executors)."""
    return [c for c, _ in _admissible(owner, members)]


def _expand_run(run, owner, start):
    """One admission order ``run = (order, seed)`` of :func:`expand` (for executors)."""
    order, seed = run
    return expand(owner, start, order=order, seed=seed)


def _linkage_core_mincut(W, stand, x, players):
    """``max_T v(T) - x(T)`` over coalitions T of the club, for the linkage game with
    non-negative link weights, by one minimum s-t cut.

    ``x(T) - v(T) = sum_{i in T} a_i + cut(T, club - T)/2`` with ``a_i = x_i - s_i - d_i/2``
    (``d_i`` the weighted degree inside the club), so minimising it is a cut problem: arcs
    i<->j of capacity ``w_ij/2``, source -> i of capacity ``-a_i`` (a_i < 0), i -> sink of
    capacity ``a_i`` (a_i > 0); T is the source side.
    """
    k = len(players)
    a = x - stand - W.sum(axis=1) / 2
    H = nx.DiGraph()
    s, t = ("__source__",), ("__sink__",)
    H.add_node(s)
    H.add_node(t)
    for i in range(k):
        H.add_node(i)
        if a[i] < 0:
            H.add_edge(s, i, capacity=float(-a[i]))
        elif a[i] > 0:
            H.add_edge(i, t, capacity=float(a[i]))
    us, vs = np.nonzero(np.triu(W, 1))
    for u, v in zip(us.tolist(), vs.tolist()):
        c = float(W[u, v]) / 2
        H.add_edge(u, v, capacity=c)
        H.add_edge(v, u, capacity=c)
    cut, (S_side, _) = nx.minimum_cut(H, s, t)
    min_f = a[a < 0].sum() + cut
    T = frozenset(players[i] for i in S_side if i != s)
    return (T if T else None), float(-min_f)
