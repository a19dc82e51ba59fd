"""Clubs of governments: members, an entry rule, a cooperative game and a sharing rule.

A :class:`Club` holds the state of a regional cooperation organisation that admits newcomers
above thresholds (the club effect of “Local cooperation”) and the shares of its members; the
questions about it are functions over a club in :mod:`govgames.networks.club_stability`:

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

import warnings
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.games.tolerance import DEFAULT_TOL

from ._inputs import edge_arrays
from .allocation import Allocation
from .coalitional import CoalitionalGame
from .entry import EntryRule
from .names import NameIndex

__all__ = ["Club", "ClubShares", "ClubCoreCheck", "plot_threshold_sweep"]

SHARING_RULES = ("shapley", "myerson", "owen", "equal", "proportional")


class ClubShares(Allocation):
    """Shares of the club's value: an :class:`~govgames.networks.allocation.Allocation`
    (a dict member -> share) with the ``method`` used and the standard errors ``std_errors``
    when sampled (else None).

    Before 0.3 the shares were the dict attribute ``values``; ``shares.values`` is now the
    mapping method ``values()``, and reading it as the old dict still works and warns.

    Examples
    --------
    >>> s = ClubShares({"A": 2.0, "B": 1.0}, "closed form (equal split)")
    >>> s["A"], s.method, s.std_errors, s.to_frame().shape
    (2.0, 'closed form (equal split)', None, (2, 1))
    """

    def __init__(self, values=(), method: str = "exact", std_errors=None):
        super().__init__(values, method=method, std_errors=std_errors)

    def __repr__(self):
        shown = list(self)[:8]
        body = ", ".join(f"{p!r}: {dict.__getitem__(self, p):.4g}" for p in shown)
        more = ", ..." if len(self) > 8 else ""
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


def _as_rule(rule):
    """An :class:`EntryRule` (or None) from a rule, a condition text or a JSON rule."""
    if rule is None or isinstance(rule, EntryRule):
        return rule
    if isinstance(rule, str) and not rule.lstrip().startswith("{") and \
            any(op in rule for op in ("<", ">", "==")):
        return EntryRule(rule)
    return EntryRule.from_json(rule)


def _checked_unions(unions, pindex) -> list:
    """A priori unions for the Owen value: lists of known players, none in two unions."""
    if unions is None:
        raise InputError("Club: sharing='owen' needs unions= (a partition of the players)")
    out = [list(u) for u in unions]
    seen = set()
    for k, u in enumerate(out):
        for p in u:
            if p not in pindex:
                raise InputError(f"Club: union {k}: unknown player {p!r}")
            if p in seen:
                raise InputError(f"Club: player {p!r} is in two unions")
            seen.add(p)
    return out


def _moved(name: str):
    """A deprecated method of :class:`Club` calling the function ``name`` of
    :mod:`govgames.networks.club_stability` with the club first."""
    def method(self, *args, **kwargs):
        from . import club_stability
        warnings.warn(f"Club.{name}(...) is deprecated; use "
                      f"govgames.networks.club_stability.{name}(club, ...)",
                      DeprecationWarning, stacklevel=2)
        if "club" in kwargs:  # the old keyword of the member set
            kwargs["members"] = kwargs.pop("club")
        return getattr(club_stability, name)(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = (f"Deprecated: use :func:`govgames.networks.club_stability.{name}` "
                      "(same arguments after the club; ``club=`` is now ``members=``).")
    return method


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
    >>> dict(club.shares()), club.shares().method
    ({'A': 2.0, 'B': 2.0}, 'closed form (linkage game: each member gets half of each link inside the club)')
    >>> from govgames.networks.club_stability import expansion, is_stable, is_internally_stable
    >>> is_internally_stable(club), is_stable(club)
    (True, False)
    >>> row = expansion(club).loc["C"]
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
        self._setup_game(game, graph, weight, standalone)
        self._pindex = {p: i for i, p in enumerate(self.players)}
        self._names = None
        self.data = self._default_data() if data is None else data
        self.members = self._check_members(members, "members")
        self.rule = _as_rule(rule)
        self._setup_sharing(sharing, unions, proportional_to)
        self._cache: dict[tuple, ClubShares] = {}
        self._standalone: dict[str, float] = {}

    # ------------------------------------------------------------------ setup helpers
    def _setup_game(self, game, graph, weight, standalone):
        """The mode (``"linkage"`` or ``"game"``), the players and the graph."""
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

    def _default_data(self) -> pd.DataFrame:
        """The cities' data when none is given: the graph's node attributes."""
        if self.graph is None:
            return pd.DataFrame(index=self.players)
        data = pd.DataFrame.from_dict({n: dict(a) for n, a in self.graph.nodes(data=True)},
                                      orient="index")
        return data.reindex([p for p in self.players if p in self.graph]) \
            if len(data.columns) else pd.DataFrame(index=self.players)

    def _setup_sharing(self, sharing, unions, proportional_to):
        """The sharing rule, with its unions (Owen) or weights (proportional) checked."""
        if not callable(sharing) and sharing not in SHARING_RULES:
            raise InputError(f"Club: sharing must be one of {', '.join(SHARING_RULES)} or a "
                             f"function, got {sharing!r}")
        self.sharing = sharing
        if sharing == "myerson" and self.mode == "game" and self.graph is None:
            raise InputError("Club: sharing='myerson' needs graph= (who can cooperate with whom)")
        self.unions = _checked_unions(unions, self._pindex) if sharing == "owen" else None
        self.proportional_weights = None
        if sharing == "proportional":
            self.proportional_weights = self._proportional_weights(proportional_to)

    def _proportional_weights(self, proportional_to) -> dict:
        """Non-negative weight of every player, from an attribute name or a mapping."""
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
        weights = {p: float(w[p]) for p in self.players}
        if any(x < 0 for x in weights.values()):
            raise InputError("Club: proportional_to: weights must be non-negative")
        return weights

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
        if isinstance(members, frozenset) and self._pindex.keys() >= members:
            return members  # already a set of players (the searches pass these)
        if isinstance(members, str):
            members = [members]
        out = []
        for m in members:
            if m not in self._pindex:
                m = self._find(m, what)
            if m not in out:
                out.append(m)
        return frozenset(out)

    def _find(self, name, what):
        """The player ``name`` means: a player, or another name of one in the data's
        ``name_*`` columns (:class:`~govgames.networks.names.NameIndex`)."""
        if getattr(self, "_names", None) is None:
            table = self.data if isinstance(getattr(self, "data", None), pd.DataFrame) \
                else pd.DataFrame(index=self.players)
            self._names = NameIndex.from_table(table, keys=self.players)
        return self._names.find(name, f"Club: {what}:",
                                missing=f"Club: {what}: unknown city {name!r}")

    def find(self, name):
        """The player a name means: its key, or another name of it in the data's ``name_*``
        columns (``name_en``, ``name_zh``), also written without a trailing ``市``.

        Raises
        ------
        InputError
            No player, or more than one, has that name.

        Examples
        --------
        >>> G = nx.Graph([("Shanghai", "Suzhou", {"weight": 4})])
        >>> data = pd.DataFrame({"name_zh": ["上海市", "苏州市"]}, index=["Shanghai", "Suzhou"])
        >>> club = Club(["上海"], None, G, data=data)
        >>> club.find("苏州市"), sorted(club.members)
        ('Suzhou', ['Shanghai'])
        """
        if name in self._pindex:
            return name
        return self._find(name, "name")

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

            def linked(members, us=us, vs=vs, ws=ws, sc=sc):
                members = np.asarray(members, dtype=bool)
                return (members[:, us] & members[:, vs]) @ ws + members @ sc
            g = CoalitionalGame(players, value_function=linked, vectorized=True,
                                name="club game")
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
        >>> dict(s), s.method
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

    # ------------------------------------------------------------------ stability (moved)
    # The stability questions are functions over a club in govgames.networks.club_stability;
    # these methods are kept, deprecated, for code written against the documented methods.
    individual_rationality = _moved("individual_rationality")
    internal_stability = _moved("internal_stability")
    is_individually_rational = _moved("is_individually_rational")
    is_internally_stable = _moved("is_internally_stable")
    expansion = _moved("expansion")
    external_stability = _moved("external_stability")
    is_externally_stable = _moved("is_externally_stable")
    is_stable = _moved("is_stable")
    core_check = _moved("core_check")
    expand = _moved("expand")
    reachable_stable_clubs = _moved("reachable_stable_clubs")
    threshold_sweep = _moved("threshold_sweep")
    summary = _moved("summary")

    def _admissible(self, club, rule=None):
        from .club_stability import _admissible
        return _admissible(self, club, rule)

    def __repr__(self):
        rule = f", rule={str(self.rule)!r}" if self.rule is not None else ""
        name = self.sharing if isinstance(self.sharing, str) else "callable"
        return (f"Club({len(self.members)} members of {len(self.players)}, {self.mode} game, "
                f"sharing={name!r}{rule})")


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
