"""Clubs of governments: members, an entry rule, a cooperative game and a sharing rule.

A :class:`Club` answers the questions of “Local cooperation” (the club effect) about a regional cooperation
organisation that admits newcomers above thresholds:

* individual rationality: does every member get at least its stand-alone value?
* internal stability: does no member gain by leaving (its share against what it gets outside)?
* external stability: does no eligible outsider gain by joining, and do the members consent
  (no member's share falls) to an admission? These are the cartel stability notions of
  d'Aspremont, Jacquemin, Gabszewicz & Weymark (1983), applied to a TU game with a sharing rule
  (as in the coalition-formation literature, e.g. Yi 1997);
* is the club's split in the core of the club's game?
* expansion: for each eligible candidate, the change in every member's share and in welfare;
  the stable clubs reachable by admitting candidates one at a time;
* threshold sweeps: how the eligible set, the stable club and welfare move with a threshold.

The game is either a :class:`~govgames.networks.coalitional.CoalitionalGame` over all governments, or a
networkx graph, read as its linkage game ``v(S) = sum of the weights of the links inside S``
(optionally plus stand-alone values). For the linkage game the Shapley, Myerson and Owen values
have a closed form (each endpoint gets half of each link inside the club) and core membership
is decided exactly by one minimum cut, so clubs of any size are analysed without enumerating
``2**n`` coalitions. Other games are solved exactly up to ``exact_limit`` members and by sampled
permutations beyond. Every result states the method it used.

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J. & Weymark, J. A. (1983), "On the stability of
collusive price leadership", *Canadian Journal of Economics* 16(1): 17-25.
Buchanan, J. M. (1965), "An economic theory of clubs", *Economica* 32(125): 1-14.
Yi, S.-S. (1997), "Stable coalition structures with externalities", *Games and Economic Behavior*
20(2): 201-237.
Shapley, L. S. (1971), "Cores of convex games", *International Journal of Game Theory* 1: 11-26.
Picard, J.-C. & Queyranne, M. (1982), "Selected applications of minimum cuts in networks",
*INFOR* 20(4): 394-422.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.games.tolerance import DEFAULT_TOL

from ._inputs import edge_arrays
from .coalitional import CoalitionalGame
from .entry import EntryRule
from .values import ValuesMapping

__all__ = ["Club", "ClubShares", "ClubCoreCheck", "plot_threshold_sweep"]

SHARING_RULES = ("shapley", "myerson", "owen", "equal", "proportional")


@dataclass
class ClubShares(ValuesMapping):
    """Shares of the club's value: ``values`` (dict by member), the ``method`` used, and the
    standard errors ``std_errors`` when sampled (else None). Reads like a dict of values."""

    values: dict
    method: str
    std_errors: dict | None = None

    def __repr__(self):
        shown = list(self.values)[:8]
        body = ", ".join(f"{p!r}: {self.values[p]:.4g}" for p in shown)
        more = ", ..." if len(self.values) > 8 else ""
        return f"ClubShares({{{body}{more}}}, method={self.method!r})"


@dataclass
class ClubCoreCheck:
    """Whether the club's split is in the core of the club's game.

    Attributes
    ----------
    in_core : bool or None
        None when only a sampled search was possible and it found no blocking coalition.
    efficient : bool
        The shares add up to the club's value.
    blocking : frozenset or None
        A coalition of members that gets less than it is worth on its own (if any found).
    deficit : float
        ``v(T) - x(T)`` of that coalition (positive: blocks), or the largest one seen.
    method : str
    """

    in_core: bool | None
    efficient: bool
    blocking: frozenset | None
    deficit: float
    method: str

    def __bool__(self):
        return bool(self.in_core)

    def __repr__(self):
        b = sorted(map(str, self.blocking)) if self.blocking else None
        return (f"ClubCoreCheck(in_core={self.in_core}, efficient={self.efficient}, "
                f"blocking={b}, deficit={self.deficit:.4g}, method={self.method!r})")


class Club:
    """A club of governments with an entry rule, a cooperative game and a sharing rule.

    Parameters
    ----------
    members : iterable
        Current members.
    rule : EntryRule, str, dict or None
        The entry rule (a condition text or a JSON rule object is converted); None: every
        outsider is eligible.
    game : CoalitionalGame or networkx.Graph
        The cooperative game over all governments; a graph means its linkage game (edge
        attribute ``weight``), with the node attributes as the cities' data.
    data : pandas.DataFrame, optional
        One row per city (index = name) for the entry rule; default: the graph's node attributes.
    graph : networkx.Graph, optional
        The network for the rule's network quantities (``linkage``, ``distance``) and for the
        Myerson value; default: the game's graph.
    weight : str
        Edge attribute of link gains / linkage.
    sharing : {"shapley", "myerson", "owen", "equal", "proportional"} or callable
        How the club's value is split. A callable gets the club's game (a
        :class:`CoalitionalGame` on the members, exact when small) and returns
        ``{member: share}``.
    unions : list of lists, optional
        A priori unions (e.g. provinces) for ``"owen"``; restricted to the club.
    proportional_to : str or mapping, optional
        Attribute (column / node attribute) or dict of weights for ``"proportional"``.
    standalone : str or mapping, optional
        Linkage game only: a stand-alone value per city added to ``v`` (``v(S) = sum s_i +
        links``); default 0.
    outside_payoff : callable, optional
        ``outside_payoff(city, club_frozenset) -> float``: what a non-member gets while the
        club is ``club`` (spillovers); default its stand-alone value ``v({city})``.
    n_samples, seed : int
        Permutations and seed for sampled values (games in function mode with more than
        ``exact_limit`` members).
    exact_limit : int
        Largest club solved exactly (``2**k`` coalitions) when no closed form applies.
    rule_options : dict, optional
        Extra keyword arguments for :meth:`EntryRule.evaluate` (e.g. ``distance_weight``).
    tol : float
        Gains within ``tol`` count as zero.

    References
    ----------
    d'Aspremont et al. (1983), *Canadian Journal of Economics* 16(1): 17-25 (internal and external
    stability); Myerson (1977), *Mathematics of Operations Research* 2: 225-229.

    Examples
    --------
    Three cities on a path A - B - C with link gains 4 and 2; A and B are members:

    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> club = Club(["A", "B"], None, G)
    >>> club.shares().values, club.shares().method
    ({'A': 2.0, 'B': 2.0}, 'closed form (linkage game: each member gets half of each link inside the club)')
    >>> club.is_internally_stable(), club.is_externally_stable()
    (True, False)
    >>> row = club.expansion().loc["C"]
    >>> float(row["candidate_gain"]), float(row["welfare_change"]), bool(row["members_consent"])
    (1.0, 2.0, True)
    """

    def __init__(self, members: Iterable, rule=None, game=None, *, data: pd.DataFrame | None = None,
                 graph: nx.Graph | None = None, weight: str = "weight", sharing="shapley",
                 unions=None, proportional_to=None, standalone=None,
                 outside_payoff: Callable | None = None, n_samples: int = 2000, seed=0,
                 exact_limit: int = 16, rule_options: Mapping | None = None, tol: float = DEFAULT_TOL):
        if game is None:
            if graph is None:
                raise InputError("Club: give a game (CoalitionalGame) or a graph")
            game = graph
        self.weight = weight
        self.tol = float(tol)
        self.n_samples, self.seed, self.exact_limit = n_samples, seed, int(exact_limit)
        self.rule_options = dict(rule_options or {})
        self._outside = outside_payoff
        self._init_args = dict(data=data, graph=graph, weight=weight, sharing=sharing,
                               unions=unions, proportional_to=proportional_to,
                               standalone=standalone, outside_payoff=outside_payoff,
                               n_samples=n_samples, seed=seed, exact_limit=exact_limit,
                               rule_options=rule_options, tol=tol)
        self.game = game
        if isinstance(game, nx.Graph):
            self.mode = "linkage"
            self.graph = graph if graph is not None else game
            self._setup_linkage(game, weight, standalone)
        elif isinstance(game, CoalitionalGame):
            meta = getattr(game, "meta", {}) or {}
            if meta.get("kind") == "linkage" and standalone is None:
                self.mode = "linkage"
                self.graph = graph if graph is not None else meta["graph"]
                self._setup_linkage(meta["graph"], meta.get("weight", "weight") or None, None)
                self.players = list(game.players)
            else:
                self.mode = "game"
                self.graph = graph
                self.players = list(game.players)
                if standalone is not None:
                    raise InputError("Club: standalone= applies to linkage games (a graph); "
                                     "put stand-alone values into the game itself")
        else:
            raise InputError(f"Club: game must be a CoalitionalGame or a networkx graph, got "
                             f"{type(game).__name__}")
        self._pindex = {p: i for i, p in enumerate(self.players)}
        if data is None:
            if self.graph is not None:
                data = pd.DataFrame.from_dict({n: dict(a) for n, a in self.graph.nodes(data=True)},
                                              orient="index")
                data = data.reindex([p for p in self.players if p in self.graph]) \
                    if len(data.columns) else pd.DataFrame(index=self.players)
            else:
                data = pd.DataFrame(index=self.players)
        self.data = data
        self.members = self._check_members(members, "members")
        if rule is None or isinstance(rule, EntryRule):
            self.rule = rule
        elif isinstance(rule, str) and not rule.lstrip().startswith("{") and \
                any(op in rule for op in ("<", ">", "==")):
            self.rule = EntryRule(rule)
        else:
            self.rule = EntryRule.from_json(rule)
        # sharing
        if callable(sharing):
            self.sharing = sharing
        elif sharing in SHARING_RULES:
            self.sharing = sharing
        else:
            raise InputError(f"Club: sharing must be one of {', '.join(SHARING_RULES)} or a "
                             f"function, got {sharing!r}")
        if sharing == "myerson" and self.mode == "game" and self.graph is None:
            raise InputError("Club: sharing='myerson' needs graph= (who can cooperate with whom)")
        self.unions = None
        if sharing == "owen":
            if unions is None:
                raise InputError("Club: sharing='owen' needs unions= (a partition of the players)")
            self.unions = [list(u) for u in unions]
            seen = set()
            for k, u in enumerate(self.unions):
                for p in u:
                    if p not in self._pindex:
                        raise InputError(f"Club: union {k}: unknown player {p!r}")
                    if p in seen:
                        raise InputError(f"Club: player {p!r} is in two unions")
                    seen.add(p)
        self.proportional_weights = None
        if sharing == "proportional":
            if proportional_to is None:
                raise InputError("Club: sharing='proportional' needs proportional_to= (an "
                                 "attribute name or a dict of weights)")
            if isinstance(proportional_to, str):
                if proportional_to not in self.data.columns:
                    raise InputError(f"Club: proportional_to: unknown attribute "
                                     f"{proportional_to!r}")
                w = self.data[proportional_to].to_dict()
            else:
                w = dict(proportional_to)
            missing = [p for p in self.players if p not in w]
            if missing:
                raise InputError(f"Club: proportional_to: no weight for {missing[0]!r}")
            self.proportional_weights = {p: float(w[p]) for p in self.players}
            if any(x < 0 for x in self.proportional_weights.values()):
                raise InputError("Club: proportional_to: weights must be non-negative")
        self._cache = {}
        self._standalone = {}

    # ------------------------------------------------------------------ setup helpers
    def _setup_linkage(self, G, weight, standalone):
        if G.is_directed():
            raise InputError("Club: the linkage graph must be undirected")
        self.players = list(G.nodes)
        idx = {p: i for i, p in enumerate(self.players)}
        n = len(self.players)
        us, vs, ws = edge_arrays(G, weight, idx, where="Club: ")
        loop = us == vs
        loops = np.bincount(us[loop], weights=ws[loop], minlength=n).astype(float)
        W = np.zeros((n, n))
        np.add.at(W, (us[~loop], vs[~loop]), ws[~loop])
        np.add.at(W, (vs[~loop], us[~loop]), ws[~loop])
        stand = np.zeros(n)
        if standalone is not None:
            if isinstance(standalone, str):
                vals = nx.get_node_attributes(G, standalone)
                what = f"node attribute {standalone!r}"
            else:
                vals, what = dict(standalone), "standalone"
            for p in self.players:
                if p not in vals:
                    raise InputError(f"Club: {what}: no value for {p!r}")
                stand[idx[p]] = float(vals[p])
        self._W, self._loops, self._stand = W, loops, stand + loops

    def _check_members(self, members, what):
        if isinstance(members, str):
            members = [members]
        out = []
        for m in members:
            if m not in self._pindex:
                raise InputError(f"Club: {what}: unknown city {m!r}")
            if m not in out:
                out.append(m)
        return frozenset(out)

    def _ordered(self, S):
        return sorted(S, key=self._pindex.__getitem__)

    # ------------------------------------------------------------------ values and shares
    def value(self, coalition) -> float:
        """``v(S)``, the worth of a coalition of governments.

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> Club(["A"], None, G).value(["A", "B", "C"])
        6.0
        """
        S = self._check_members(coalition, "coalition")
        if self.mode == "linkage":
            idx = np.array([self._pindex[p] for p in S], dtype=int)
            if idx.size == 0:
                return 0.0
            return float(self._W[np.ix_(idx, idx)].sum() / 2 + self._stand[idx].sum())
        return float(self.game.value(list(S))) if S else 0.0

    def standalone_value(self, city) -> float:
        """``v({city})``."""
        if city not in self._standalone:
            self._standalone[city] = self.value([city])
        return self._standalone[city]

    def outside_payoff(self, city, club=None) -> float:
        """What ``city`` gets as a non-member while the club is ``club`` (default: members)."""
        club = self.members if club is None else frozenset(club)
        if self._outside is not None:
            return float(self._outside(city, club))
        return self.standalone_value(city)

    def welfare(self, club=None) -> float:
        """Total payoff of all governments: ``v(club)`` plus every outsider's outside payoff.

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> Club(["A", "B"], None, G).welfare()
        4.0
        """
        club = self.members if club is None else self._check_members(club, "club")
        return self.value(club) + sum(self.outside_payoff(p, club) for p in self.players
                                      if p not in club)

    def club_game(self, club=None) -> CoalitionalGame:
        """The game restricted to the club's members (exact when at most ``exact_limit``)."""
        club = self.members if club is None else self._check_members(club, "club")
        players = self._ordered(club)
        k = len(players)
        if self.mode == "linkage":
            idx = np.array([self._pindex[p] for p in players], dtype=int)
            Wc, sc = self._W[np.ix_(idx, idx)], self._stand[idx]
            us, vs = np.nonzero(np.triu(Wc, 1))
            ws = Wc[us, vs]

            def f(members, us=us, vs=vs, ws=ws, sc=sc):
                members = np.asarray(members, dtype=bool)
                return (members[:, us] & members[:, vs]) @ ws + members @ sc
            g = CoalitionalGame(players, value_function=f, vectorized=True, name="club game")
            return g.to_exact() if k <= self.exact_limit else g
        game = self.game
        idx = np.array([game.index(p) for p in players], dtype=np.int64)
        if game.is_exact and k <= max(self.exact_limit, 20):
            masks = np.zeros(1 << k, dtype=np.int64)
            for j, b in enumerate(idx):
                half = 1 << j
                np.bitwise_or(masks[:half], np.int64(1) << b, out=masks[half:2 * half])
            return CoalitionalGame(players, game.values[masks], name="club game")

        def f(members, idx=idx, n=game.n):
            members = np.asarray(members, dtype=bool)
            full = np.zeros((members.shape[0], n), dtype=bool)
            full[:, idx] = members
            return game.evaluate_members(full)
        g = CoalitionalGame(players, value_function=f, vectorized=True, name="club game")
        return g.to_exact() if k <= self.exact_limit else g

    def shares(self, club=None) -> ClubShares:
        """How the club's value is split among its members under the sharing rule.

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> s = Club(["A", "B", "C"], None, G, sharing="equal").shares()
        >>> s.values, s.method
        ({'A': 2.0, 'B': 2.0, 'C': 2.0}, 'closed form (equal split)')
        """
        club = self.members if club is None else self._check_members(club, "club")
        if club in self._cache:
            return self._cache[club]
        res = self._compute_shares(club)
        self._cache[club] = res
        return res

    def _compute_shares(self, club):
        players = self._ordered(club)
        k = len(players)
        if k == 0:
            return ClubShares({}, "empty club")
        rule = self.sharing
        if rule == "equal":
            v = self.value(club)
            return ClubShares({p: v / k for p in players}, "closed form (equal split)")
        if rule == "proportional":
            v = self.value(club)
            w = np.array([self.proportional_weights[p] for p in players])
            if w.sum() <= 0:
                return ClubShares({p: v / k for p in players},
                                  "closed form (proportional; all weights 0: equal split)")
            return ClubShares({p: float(v * x / w.sum()) for p, x in zip(players, w)},
                              "closed form (proportional to the given weights)")
        if self.mode == "linkage" and (rule in ("shapley", "owen")
                                       or (rule == "myerson" and self._links_in_graph())):
            idx = np.array([self._pindex[p] for p in players], dtype=int)
            x = self._W[np.ix_(idx, idx)].sum(axis=1) / 2 + self._stand[idx]
            return ClubShares({p: float(v) for p, v in zip(players, x)},
                              "closed form (linkage game: each member gets half of each link "
                              "inside the club)")
        from . import values as V  # noqa: PLC0415  (peer module)
        g = self.club_game(club)
        if callable(rule):
            out = rule(g)
            if not hasattr(out, "items"):
                raise InputError("Club: the sharing function must return {member: share}")
            missing = [p for p in players if p not in out]
            if missing:
                raise InputError(f"Club: the sharing function gave no share for {missing[0]!r}")
            return ClubShares({p: float(out[p]) for p in players},
                              f"user function ({getattr(rule, '__name__', 'callable')})")
        if rule == "shapley":
            if g.is_exact:
                return ClubShares(V.shapley_value(g, method="exact"), f"exact (2^{k})")
            est = V.shapley_value(g, method="sample", n_samples=self.n_samples, seed=self.seed)
            return self._sampled(est)
        if rule == "myerson":
            H = self.graph.subgraph([p for p in players if p in self.graph])
            if g.is_exact:
                return ClubShares(V.myerson_value(g, H, method="exact"),
                                  f"exact (2^{k}, graph-restricted game)")
            est = V.myerson_value(g, H, method="sample", n_samples=self.n_samples,
                                  seed=self.seed)
            return self._sampled(est)
        # owen
        if not g.is_exact:
            raise InputError(f"Club: the Owen value of a club of {k} members has no closed form "
                             f"for this game and is computed exactly only up to exact_limit="
                             f"{self.exact_limit} members")
        unions = [[p for p in u if p in club] for u in self.unions]
        unions = [u for u in unions if u]
        covered = {p for u in unions for p in u}
        unions += [[p] for p in players if p not in covered]
        return ClubShares(V.owen_value(g, unions), f"exact (2^{k}, Owen value)")

    def _links_in_graph(self):
        """Whether every link of the linkage game is a link of the communication graph (then
        the Myerson value equals the Shapley value's closed form)."""
        if self.graph is None:
            return True
        us, vs = np.nonzero(np.triu(self._W, 1))
        return all(self.graph.has_edge(self.players[u], self.players[v])
                   for u, v in zip(us.tolist(), vs.tolist()))

    @staticmethod
    def _sampled(est):
        se = dict(est.std_errors)
        return ClubShares(dict(est),
                          f"sampled ({est.n_samples} permutations, max s.e. "
                          f"{max(se.values()) if se else 0:.3g})", se)

    # ------------------------------------------------------------------ eligibility
    def eligible_candidates(self, club=None, rule: EntryRule | None = None) -> list:
        """Outsiders that meet the entry rule given the club ``club`` (default: members).

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> Club(["A", "B"], "linkage >= 3", G).eligible_candidates()
        []
        >>> Club(["A", "B"], "linkage >= 2", G).eligible_candidates()
        ['C']
        """
        club = self.members if club is None else self._check_members(club, "club")
        rule = self.rule if rule is None else rule
        outsiders = [p for p in self.players if p not in club]
        if rule is None or not outsiders:
            return outsiders
        return rule.eligible(self.data, members=club, graph=self.graph, candidates=outsiders,
                             weight=self.weight, **self.rule_options)

    def entry_report(self, club=None) -> pd.DataFrame:
        """The entry rule's verdict for every city (see :meth:`EntryRule.evaluate`)."""
        if self.rule is None:
            raise InputError("Club: no entry rule was given")
        club = self.members if club is None else self._check_members(club, "club")
        return self.rule.evaluate(self.data, members=club, graph=self.graph, weight=self.weight,
                                  **self.rule_options)

    # ------------------------------------------------------------------ stability
    def individual_rationality(self, club=None) -> pd.DataFrame:
        """For each member: share, stand-alone value ``v({i})``, margin, rational (share >= it).

        Examples
        --------
        >>> g = CoalitionalGame.from_dict({"A": 3, "B": 0, "A,B": 4})
        >>> Club(["A", "B"], None, g, sharing="equal").individual_rationality()["rational"].tolist()
        [False, True]
        """
        club = self.members if club is None else self._check_members(club, "club")
        sh = self.shares(club)
        rows = []
        for p in self._ordered(club):
            s0 = self.standalone_value(p)
            rows.append({"share": sh[p], "standalone": s0, "margin": sh[p] - s0,
                         "rational": sh[p] >= s0 - self.tol})
        df = pd.DataFrame(rows, index=pd.Index(self._ordered(club), name="member"))
        df.attrs["method"] = sh.method
        return df

    def internal_stability(self, club=None) -> pd.DataFrame:
        """For each member: its share, its payoff if it left (the others keep the club), the
        gain from leaving, whether it stays (no strict gain), and the value the remaining
        members would share without it (``club_value_without``).

        Examples
        --------
        >>> g = CoalitionalGame.from_dict({"A": 3, "B": 0, "A,B": 4})
        >>> Club(["A", "B"], None, g, sharing="equal").internal_stability()["stays"].tolist()
        [False, True]
        """
        club = self.members if club is None else self._check_members(club, "club")
        sh = self.shares(club)
        rows = []
        for p in self._ordered(club):
            rest = club - {p}
            out = self.outside_payoff(p, rest)
            rows.append({"share": sh[p], "payoff_if_leaves": out, "gain_from_leaving": out - sh[p],
                         "stays": out - sh[p] <= self.tol,
                         "club_value_without": self.value(rest)})
        df = pd.DataFrame(rows, index=pd.Index(self._ordered(club), name="member"))
        df.attrs["method"] = sh.method
        return df

    def is_individually_rational(self, club=None) -> bool:
        """Every member gets at least its stand-alone value."""
        return bool(self.individual_rationality(club)["rational"].all())

    def is_internally_stable(self, club=None) -> bool:
        """No member gains by leaving (d'Aspremont et al. 1983)."""
        return bool(self.internal_stability(club)["stays"].all())

    def expansion(self, club=None, candidates: Iterable | None = None) -> pd.DataFrame:
        """For each eligible candidate: the change of every member's share, the candidate's gain
        from joining, the change in the club's value and in total welfare, and the verdicts.

        Columns: one ``"Δ <member>"`` per member, then ``candidate_share``,
        ``candidate_outside``, ``candidate_gain``, ``wants_to_join`` (strict gain),
        ``worst_member_change``, ``members_consent`` (no member's share falls),
        ``admitted`` (wants and consented), ``club_value_change``, ``welfare_change``.

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> Club(["A", "B"], None, G).expansion()[["Δ A", "Δ B", "candidate_gain"]]
                   Δ A  Δ B  candidate_gain
        candidate
        C          0.0  1.0             1.0
        """
        club = self.members if club is None else self._check_members(club, "club")
        cands = self.eligible_candidates(club) if candidates is None else \
            [c for c in self._check_members(candidates, "candidates") if c not in club]
        cands = self._ordered(cands)
        base = self.shares(club)
        w0 = self.welfare(club)
        v0 = self.value(club)
        mem = self._ordered(club)
        rows, methods = [], {base.method}
        for c in cands:
            new = club | {c}
            sh = self.shares(new)
            methods.add(sh.method)
            row = {f"Δ {m}": sh[m] - base[m] for m in mem}
            out = self.outside_payoff(c, club)
            worst = min((sh[m] - base[m] for m in mem), default=0.0)
            row.update({"candidate_share": sh[c], "candidate_outside": out,
                        "candidate_gain": sh[c] - out,
                        "wants_to_join": sh[c] - out > self.tol,
                        "worst_member_change": worst,
                        "members_consent": worst >= -self.tol,
                        "club_value_change": self.value(new) - v0,
                        "welfare_change": self.welfare(new) - w0})
            row["admitted"] = row["wants_to_join"] and row["members_consent"]
            rows.append(row)
        cols = [f"Δ {m}" for m in mem] + ["candidate_share", "candidate_outside",
                                          "candidate_gain", "wants_to_join",
                                          "worst_member_change", "members_consent", "admitted",
                                          "club_value_change", "welfare_change"]
        df = pd.DataFrame(rows, index=pd.Index(cands, name="candidate"), columns=cols)
        df.attrs["method"] = "; ".join(sorted(methods))
        return df

    def external_stability(self, club=None) -> pd.DataFrame:
        """For each eligible outsider: gain from joining, whether it wants to, whether the
        members consent (see :meth:`expansion`, without the per-member columns)."""
        df = self.expansion(club)
        keep = ["candidate_share", "candidate_outside", "candidate_gain", "wants_to_join",
                "worst_member_change", "members_consent", "admitted", "welfare_change"]
        out = df[keep].copy()
        out.attrs["method"] = df.attrs.get("method", "")
        return out

    def is_externally_stable(self, club=None, *, consent: bool = False) -> bool:
        """No eligible outsider gains by joining (d'Aspremont et al. 1983); with
        ``consent=True``: no eligible outsider both gains by joining and is accepted by every
        member (its admission lowers no member's share)."""
        df = self.external_stability(club)
        col = "admitted" if consent else "wants_to_join"
        return not bool(df[col].any())

    def is_stable(self, club=None, *, consent: bool = False) -> bool:
        """Internally and externally stable."""
        return self.is_internally_stable(club) and self.is_externally_stable(club, consent=consent)

    # ------------------------------------------------------------------ core
    def core_check(self, club=None, *, n_coalitions: int = 20000, seed=None) -> ClubCoreCheck:
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
        >>> r = Club(["A", "B", "C"], None, G, sharing="equal").core_check()
        >>> r.in_core, sorted(r.blocking), r.deficit, r.method
        (False, ['A', 'B'], 2.0, 'exact (minimum cut)')
        """
        club = self.members if club is None else self._check_members(club, "club")
        sh = self.shares(club)
        players = self._ordered(club)
        x = np.array([sh[p] for p in players])
        vS = self.value(club)
        scale = max(1.0, abs(vS))
        efficient = abs(x.sum() - vS) <= self.tol * scale * 10
        note = " (on sampled shares)" if sh.std_errors is not None else ""
        if self.mode == "linkage" and (self._W >= 0).all():
            idx = np.array([self._pindex[p] for p in players], dtype=int)
            T, deficit = _linkage_core_mincut(self._W[np.ix_(idx, idx)], self._stand[idx], x,
                                              players)
            blocking = T if deficit > self.tol * scale else None
            return ClubCoreCheck(bool(efficient and blocking is None), bool(efficient),
                                 blocking, deficit, "exact (minimum cut)" + note)
        g = self.club_game(club)
        if g.is_exact:
            from .stability import in_core  # noqa: PLC0415
            r = in_core(g, {p: v for p, v in zip(players, x)}, tol=self.tol * scale)
            return ClubCoreCheck(bool(r), bool(r.efficient),
                                 frozenset(r.blocking) if r.blocking else None,
                                 float(r.max_excess), f"exact (2^{len(players)})" + note)
        rng = np.random.default_rng(self.seed if seed is None else seed)
        k = len(players)
        rows = [np.eye(k, dtype=bool), ~np.eye(k, dtype=bool),
                rng.random((n_coalitions, k)) < rng.random((n_coalitions, 1))]
        M = np.concatenate(rows)
        vals = g.evaluate_members(M)
        d = vals - M @ x
        j = int(np.argmax(d))
        deficit = float(d[j])
        blocking = frozenset(np.array(players, dtype=object)[M[j]]) \
            if deficit > self.tol * scale else None
        return ClubCoreCheck(False if blocking else None, bool(efficient), blocking, deficit,
                             f"sampled ({len(M)} coalitions; a blocking coalition refutes, none "
                             "found is not a proof)" + note)

    # ------------------------------------------------------------------ dynamics
    def _admissible(self, club, rule=None):
        cands = self.eligible_candidates(club, rule)
        if not cands:
            return []
        df = self._expansion_light(club, cands)
        return df

    def _expansion_light(self, club, cands):
        base = self.shares(club)
        out = []
        for c in cands:
            new = club | {c}
            sh = self.shares(new)
            gain = sh[c] - self.outside_payoff(c, club)
            if gain <= self.tol:
                continue
            if any(sh[m] - base[m] < -self.tol for m in club):
                continue
            out.append((c, self.welfare(new)))
        return out

    def expand(self, club=None, *, rule: EntryRule | None = None, order: str = "welfare",
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
        >>> club, path = Club(["A"], "linkage >= 1", G).expand()
        >>> sorted(club), path
        (['A', 'B', 'C', 'D'], ['B', 'C', 'D'])
        """
        club = self.members if club is None else self._check_members(club, "club")
        rng = np.random.default_rng(seed)
        path = []
        steps = len(self.players) if max_steps is None else max_steps
        for _ in range(steps):
            moves = self._admissible(club, rule)
            if not moves:
                break
            if order == "random":
                c = moves[int(rng.integers(len(moves)))][0]
            elif order == "welfare":
                c = max(moves, key=lambda cw: (cw[1], -self._pindex[cw[0]]))[0]
            else:
                raise InputError(f"order must be 'welfare' or 'random', got {order!r}")
            club = club | {c}
            path.append(c)
        return club, path

    def reachable_stable_clubs(self, club=None, *, max_states: int = 2000, n_orders: int = 50,
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
        >>> df = Club(["A", "B"], None, G).reachable_stable_clubs()
        >>> df["members"].tolist(), df.attrs["method"]
        ([('A', 'B', 'C')], 'exhaustive (2 clubs visited)')
        """
        from govgames.games.parallel import map_chunks, progress_bar

        start = self.members if club is None else self._check_members(club, "club")
        ends, seen, frontier = {}, {start: []}, [start]
        exhausted = True
        with progress_bar(progress, max_states, "clubs", "club") as bar:
            while frontier and exhausted:
                moves_of = map_chunks(_admissible_candidates, frontier, executor=executor,
                                      progress=False, args=(self,))
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
                                      args=(self, start)):
                ends.setdefault(S, path)
            method = (f"sampled (welfare-greedy and {n_orders} random admission orders; more than "
                      f"{max_states} clubs reachable)")
        rows = []
        for S, path in ends.items():
            rows.append({"size": len(S), "members": tuple(self._ordered(S)), "added": tuple(path),
                         "club_value": self.value(S), "welfare": self.welfare(S),
                         "internally_stable": self.is_internally_stable(S)})
        df = pd.DataFrame(rows).sort_values(["welfare", "size"], ascending=False,
                                            ignore_index=True)
        df.attrs["method"] = method
        return df

    def threshold_sweep(self, rule_param: str, values: Iterable, *, club=None) -> pd.DataFrame:
        """How the eligible set, the stable club and welfare change as a threshold moves.

        For each value, the rule's threshold ``rule_param`` (a rule parameter, or a condition
        name whose first number is replaced, see :meth:`EntryRule.with_threshold`) is set; then
        the eligible outsiders of the current club are listed, and the club is expanded by
        welfare-greedy admissions (:meth:`expand`) to a club where admissions stop.

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
        >>> club.threshold_sweep("linkage", [1, 2, 3])[["value", "n_eligible", "club_size"]]
           value  n_eligible  club_size
        0      1           1          4
        1      2           1          3
        2      3           0          2
        """
        if self.rule is None:
            raise InputError("Club: threshold_sweep needs an entry rule")
        start = self.members if club is None else self._check_members(club, "club")
        rows = []
        for val in values:
            rule = self.rule.with_threshold(rule_param, val)
            elig = self.eligible_candidates(start, rule)
            S, path = self.expand(start, rule=rule)
            rows.append({"value": val, "n_eligible": len(elig), "eligible": tuple(elig),
                         "club_size": len(S), "added": tuple(path), "club_value": self.value(S),
                         "welfare": self.welfare(S),
                         "internally_stable": self.is_internally_stable(S)})
        df = pd.DataFrame(rows)
        df.attrs["parameter"] = rule_param
        df.attrs["method"] = self.shares(start).method
        return df

    # ------------------------------------------------------------------ summary
    def summary(self, club=None) -> dict:
        """All verdicts at once, as plain data.

        Examples
        --------
        >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
        >>> s = Club(["A", "B"], None, G).summary()
        >>> s["internally_stable"], s["externally_stable"], s["wants_to_join"]
        (True, False, ['C'])
        """
        club = self.members if club is None else self._check_members(club, "club")
        ext = self.external_stability(club)
        core = self.core_check(club)
        sh = self.shares(club)
        return {
            "members": self._ordered(club), "size": len(club), "club_value": self.value(club),
            "welfare": self.welfare(club), "shares": dict(sh.values), "method": sh.method,
            "individually_rational": self.is_individually_rational(club),
            "internally_stable": self.is_internally_stable(club),
            "eligible": list(ext.index),
            "wants_to_join": [c for c in ext.index if ext.at[c, "wants_to_join"]],
            "admitted": [c for c in ext.index if ext.at[c, "admitted"]],
            "externally_stable": not bool(ext["wants_to_join"].any()),
            "externally_stable_with_consent": not bool(ext["admitted"].any()),
            "in_core": core.in_core, "core_method": core.method,
        }

    def __repr__(self):
        rule = f", rule={str(self.rule)!r}" if self.rule is not None else ""
        name = self.sharing if isinstance(self.sharing, str) else "callable"
        return (f"Club({len(self.members)} members of {len(self.players)}, {self.mode} game, "
                f"sharing={name!r}{rule})")


def _admissible_candidates(club, owner) -> list:
    """The candidates ``owner`` (a :class:`Club`) would admit into ``club`` (for executors)."""
    return [c for c, _ in owner._admissible(club)]


def _expand_run(run, owner, start):
    """One admission order ``run = (order, seed)`` of :meth:`Club.expand` (for executors)."""
    order, seed = run
    S, path = owner.expand(start, order=order, seed=seed)
    return S, path


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


def plot_threshold_sweep(df: pd.DataFrame, ax=None):
    """Plot a :meth:`Club.threshold_sweep` table: eligible count and club size (left axis),
    welfare (right axis), against the threshold.

    Returns
    -------
    matplotlib.axes.Axes
        The left axis (the right one is ``ax.right_ax``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> df = pd.DataFrame({"value": [1, 2], "n_eligible": [3, 1], "club_size": [5, 3],
    ...                    "welfare": [10.0, 6.0]})
    >>> ax = plot_threshold_sweep(df)
    >>> ax.get_xlabel()
    'threshold'
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt  # noqa: PLC0415

    for col in ("value", "n_eligible", "club_size", "welfare"):
        if col not in df.columns:
            raise InputError(f"plot_threshold_sweep: missing column {col!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    x = df["value"].astype(float)
    ax.step(x, df["n_eligible"], where="mid", label="eligible outsiders", color="tab:blue")
    ax.step(x, df["club_size"], where="mid", label="club size after admissions",
            color="tab:green")
    ax.set_xlabel(df.attrs.get("parameter", "threshold") if df.attrs.get("parameter") else
                  "threshold")
    ax.set_ylabel("cities")
    right = ax.twinx()
    right.plot(x, df["welfare"], "o-", color="tab:red", label="welfare")
    right.set_ylabel("welfare")
    lines = ax.get_legend_handles_labels()
    lines2 = right.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="best", fontsize="small")
    ax.right_ax = right
    return ax
