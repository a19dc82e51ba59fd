"""Coalitional games built from a networkx graph of governments.

Nodes are governments (cities, provinces) with attributes; edges are linkages (economic ties,
shared borders, rivers) with attributes. Each builder returns a :class:`CoalitionalGame` whose
players are the nodes in ``G.nodes`` order: in exact mode (value array over all ``2**n``
coalitions, built with vectorised passes over masks) for small n, in function mode (a vectorised
value function, for sampling) for large n.

The gravity model of economic linkage between cities (:func:`gravity_linkage`) builds the graph
itself: a complete graph whose edge weights are gravity-model linkage intensities.

References
----------
R. B. Myerson, "Graphs and cooperation in games", *Mathematics of Operations Research* 2 (1977)
225-229.
M. O. Jackson, *Social and Economic Networks*, Princeton University Press, 2008, ch. 12.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.deprecation import renamed_argument
from govgames.games.errors import InputError

from ._inputs import edge_arrays, finite_float
from .coalitional import CoalitionalGame, _check_exact_size, subset_sums

__all__ = ["linkage_game", "spillover_game", "network_public_good_game", "graph_restricted",
           "EXACT_DEFAULT_MAX_PLAYERS", "gravity_linkage"]

#: Builders keep the full value array by default up to this many players.
EXACT_DEFAULT_MAX_PLAYERS = 20


def _graph(G):
    """``G`` itself if it is a networkx graph, else :class:`InputError`."""
    if not isinstance(G, nx.Graph):
        raise InputError(f"expected a networkx graph (e.g. nx.Graph(edges)), got "
                         f"{type(G).__name__}")
    return G


def _want_exact(n, tabulate):
    return n <= EXACT_DEFAULT_MAX_PLAYERS if tabulate is None else bool(tabulate)


def _node_attr(G, nodes, attr, default, what):
    out = np.empty(len(nodes))
    for i, v in enumerate(nodes):
        data = G.nodes[v]
        if attr in data:
            out[i] = finite_float(data[attr], f"node {v!r} attribute {attr!r}")
        elif default is None:
            raise InputError(f"node {v!r} has no attribute {attr!r} ({what})")
        else:
            out[i] = default
    return out


# --------------------------------------------------------------------------- linkage
class LinkageValue:
    """The vectorised value function of a linkage game: total weight of the edges inside each
    coalition (a module-level class, so that games can be sent to worker processes).

    >>> import numpy as np
    >>> f = LinkageValue(np.array([0]), np.array([1]), np.array([4.0]))
    >>> f(np.array([[True, True], [True, False]]))
    array([4., 0.])
    """

    def __init__(self, us, vs, ws):
        self.us, self.vs, self.ws = us, vs, ws

    def __call__(self, members):
        return (members[:, self.us] & members[:, self.vs]) @ self.ws


class SpilloverValue:
    """The vectorised value function of a spillover game in function mode (module-level, so
    that the game can be sent to worker processes): ``sum_{i in S} max(0, a_i + sum_{j in S}
    E_ij)``.

    >>> f = SpilloverValue(np.array([1.0, -1.0]), np.array([[0.0, 2.0], [2.0, 0.0]]))
    >>> f(np.array([[True, True], [False, True]]))
    array([4., 0.])
    """

    def __init__(self, a, E):
        self.a, self.E = a, E

    def __call__(self, members):
        m = members.astype(np.float64)
        return (m * np.maximum(0.0, self.a[None, :] + m @ self.E.T)).sum(axis=1)


class FacilityValue:
    """The vectorised value function of one shared facility with fixed cost ``F`` (the base
    game of :func:`network_public_good_game`; module-level, so it can be pickled):
    ``max(0, sum_{i in S} a_i - F)`` for a non-empty ``S``.

    >>> FacilityValue(np.array([2.0, 2.0]), 3.0)(np.array([[True, True], [True, False]]))
    array([1., 0.])
    """

    def __init__(self, a, F):
        self.a, self.F = a, F

    def __call__(self, members):
        return np.maximum(0.0, members @ self.a - self.F) * members.any(axis=1)


class RestrictedValue:
    """The vectorised value function of Myerson's restriction of a game in function mode to a
    graph ``H`` (see :func:`graph_restricted`): each coalition is split into its connected
    components in ``H`` and their values under ``game`` are added. Module-level, so the
    restricted game can be sent to worker processes when ``game``'s own value function can.

    >>> base = CoalitionalGame.from_function("AB", lambda S: float(len(S) ** 2),
    ...                                      tabulate=False)
    >>> f = RestrictedValue(nx.empty_graph("AB"), base)
    >>> f(np.array([[True, True]]))      # A and B unlinked: 1 + 1, not 4
    array([2.])
    """

    def __init__(self, H, game):
        self.H, self.game = H, game
        self.players = np.array(game.players, dtype=object)
        self.index = {p: i for i, p in enumerate(game.players)}

    def __call__(self, members):
        members = np.asarray(members, dtype=bool)
        out = np.zeros(members.shape[0])
        for r, row in enumerate(members):
            parts = []
            for comp_nodes in nx.connected_components(self.H.subgraph(self.players[row])):
                m = np.zeros(self.game.n, dtype=bool)
                m[[self.index[p] for p in comp_nodes]] = True
                parts.append(m)
            if parts:
                out[r] = self.game.evaluate_members(np.array(parts)).sum()
        return out


def linkage_game(G, weight: str | None = "weight", *, tabulate: bool | None = None,
                 max_bytes: int | None = None, exact: bool | None = None) -> CoalitionalGame:
    """The linkage game: ``v(S)`` is the total weight of the edges with both ends in ``S``.

    The gains of cooperation sit on the links (trade, commuting, shared infrastructure): a
    coalition realises the gains of the links among its members. It is convex; its Shapley
    and Myerson values give each endpoint half of each link (see
    :func:`govgames.networks.values.linkage_shapley_value`, which
    :func:`govgames.networks.values.myerson_value` uses for this game at any size).

    Parameters
    ----------
    G : networkx graph
        Nodes are players (in ``G.nodes`` order); multigraph edges add up; a self-loop is a gain
        of its node alone.
    weight : str or None
        Edge attribute with the gain of the link (missing: 1).
    tabulate : bool, optional
        Keep the table of all ``2**n`` values (default: when n <= 20); otherwise a vectorised
        value function.
    exact : bool, optional
        Deprecated name of ``tabulate``.

    References
    ----------
    X. Deng and C. H. Papadimitriou, "On the complexity of cooperative solution concepts",
    *Mathematics of Operations Research* 19 (1994) 257-266 (the weighted graph game).

    Examples
    --------
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C", {"weight": 2})])
    >>> g = linkage_game(G)
    >>> g.value("A,B"), g.value("A,C"), g.value("A,B,C")
    (4.0, 0.0, 6.0)
    """
    nodes = list(_graph(G).nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    us, vs, ws = edge_arrays(G, weight, index)
    tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate", where="linkage_game")
    if _want_exact(n, tabulate):
        _check_exact_size(n, max_bytes)
        W = np.zeros((n, n))
        np.add.at(W, (np.maximum(us, vs), np.minimum(us, vs)), ws)  # lower triangle + diag
        vals = np.zeros(1 << n)
        for i in range(n):
            half = 1 << i
            # v(S + i) = v(S) + w_ii + sum_{j in S} w_ij for S within the first i players
            gain = subset_sums(W[i, :i]) + W[i, i]
            np.add(vals[:half], gain, out=vals[half:2 * half])
        game = CoalitionalGame(nodes, vals, max_bytes=max_bytes, name="linkage game")
    else:
        game = CoalitionalGame(nodes, value_function=LinkageValue(us, vs, ws), vectorized=True,
                               max_bytes=max_bytes, name="linkage game")
    game.meta = {"kind": "linkage", "graph": G, "weight": weight}
    return game


# --------------------------------------------------------------------------- spillovers
def spillover_game(G, benefit: str = "benefit", cost: str = "cost",
                   spillover: str = "spillover", *, tabulate: bool | None = None,
                   max_bytes: int | None = None,
                   exact: bool | None = None) -> CoalitionalGame:
    """Joint abatement with spillovers along the network (transboundary pollution).

    Government ``i`` can take a costly cooperative action (abate, treat water upstream): it costs
    ``c_i`` (node attribute ``cost``), brings ``b_i`` to ``i`` itself (node attribute
    ``benefit``) and ``e_ij >= 0`` to each neighbour ``j`` (edge attribute ``spillover``; in a
    ``DiGraph`` the edge ``i -> j`` carries the benefit from ``i`` to ``j``, e.g. upstream to
    downstream; an undirected edge carries it both ways). A coalition ``S`` counts only benefits
    to its members and has each member act when that pays for ``S``:

    .. math::

       v(S) = \\sum_{i \\in S} \\max\\Big(0,\\; b_i - c_i + \\sum_{j \\in S, j \\ne i} e_{ij}\\Big).

    Spillovers to outsiders are lost, which is the externality that makes the grand coalition
    worth more than the parts; with ``e >= 0`` the game is convex (supermodular), so its Shapley
    value is in the core.

    Parameters
    ----------
    G : networkx Graph or DiGraph
    benefit, cost : str
        Node attributes (missing: 0).
    spillover : str
        Edge attribute (missing: 1).
    tabulate, exact : bool, optional
        As in :func:`linkage_game` (``exact`` is the deprecated name).

    Examples
    --------
    An upstream city whose abatement costs 3 and helps itself 1 and the downstream city 4:

    >>> G = nx.DiGraph()
    >>> G.add_node("Up", benefit=1, cost=3); G.add_node("Down", benefit=0, cost=0)
    >>> G.add_edge("Up", "Down", spillover=4)
    >>> g = spillover_game(G)
    >>> g.value("Up"), g.value("Down"), g.value("Up,Down")
    (0.0, 0.0, 2.0)
    """
    nodes = list(_graph(G).nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    b = _node_attr(G, nodes, benefit, 0.0, "benefit")
    c = _node_attr(G, nodes, cost, 0.0, "cost")
    E = np.zeros((n, n))
    for u, v, e in G.edges(data=spillover, default=1):
        e = finite_float(e, f"edge ({u!r}, {v!r}) attribute {spillover!r}")
        if e < 0:
            raise InputError(f"edge ({u!r}, {v!r}): spillover {e!r} must be non-negative")
        if u == v:
            continue
        E[index[u], index[v]] += e
        if not G.is_directed():
            E[index[v], index[u]] += e
    a = b - c
    tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate",
                                where="spillover_game")
    if _want_exact(n, tabulate):
        _check_exact_size(n, max_bytes)
        vals = np.zeros(1 << n)
        bit = np.arange(1 << n, dtype=np.int64)
        for i in range(n):
            gain = np.maximum(0.0, a[i] + subset_sums(E[i]))
            gain *= (bit >> i) & 1
            vals += gain
        game = CoalitionalGame(nodes, vals, max_bytes=max_bytes, name="spillover game")
    else:
        game = CoalitionalGame(nodes, value_function=SpilloverValue(a, E), vectorized=True,
                               max_bytes=max_bytes, name="spillover game")
    game.meta = {"kind": "spillover", "graph": G}
    return game


# --------------------------------------------------------------------------- public good
def network_public_good_game(G, benefit: str = "benefit", cost: str = "cost",
                             fixed_cost: float = 0.0, *, tabulate: bool | None = None,
                             max_bytes: int | None = None,
                             exact: bool | None = None) -> CoalitionalGame:
    """A shared facility (treatment plant, monitoring system, transit line) that only
    governments linked in the network can share.

    Each government ``i`` values the facility at ``b_i`` (node attribute ``benefit``) and adds
    ``c_i`` to its running cost (node attribute ``cost``); every separately built facility costs
    ``fixed_cost`` (the duplication that cooperation saves). A group can share one facility only
    if it is connected in ``G``; each connected part of a coalition builds its own facility when
    it pays:

    .. math:: v(S) = \\sum_{C \\in S/G} \\max\\Big(0,\\; \\sum_{i \\in C} (b_i - c_i) - F\\Big),

    the sum over the connected components ``C`` of ``S`` in ``G``. This is Myerson's graph
    restriction (:func:`graph_restricted`) of the additive game with a fixed cost, capturing the
    first source of gains in the domain notes, savings from less duplication.

    Parameters
    ----------
    G : networkx graph (directed edges count as links both ways)
    benefit, cost : str
        Node attributes (missing: 0).
    fixed_cost : float
        ``F >= 0``.
    tabulate, exact : bool, optional
        As in :func:`linkage_game` (``exact`` is the deprecated name).

    Examples
    --------
    >>> G = nx.path_graph(["A", "B", "C"])
    >>> nx.set_node_attributes(G, 2, "benefit")
    >>> g = network_public_good_game(G, fixed_cost=3)
    >>> g.value("A"), g.value("A,B"), g.value("A,C"), g.value("A,B,C")
    (0.0, 1.0, 0.0, 3.0)
    """
    F = finite_float(fixed_cost, "fixed_cost")
    if F < 0:
        raise InputError(f"fixed_cost must be non-negative, got {fixed_cost!r}")
    nodes = list(_graph(G).nodes)
    n = len(nodes)
    a = _node_attr(G, nodes, benefit, 0.0, "benefit") - _node_attr(G, nodes, cost, 0.0, "cost")
    tabulate = renamed_argument(tabulate, exact, old="exact", new="tabulate",
                                where="network_public_good_game")
    if _want_exact(n, tabulate):
        _check_exact_size(n, max_bytes)
        base = CoalitionalGame(nodes, np.maximum(0.0, subset_sums(a) - F)
                               * (np.arange(1 << n) > 0), max_bytes=max_bytes)
    else:
        base = CoalitionalGame(nodes, value_function=FacilityValue(a, F), vectorized=True,
                               max_bytes=max_bytes)
    game = graph_restricted(base, G)
    game.name = "network public good game"
    game.meta = {"kind": "network_public_good", "graph": G}
    return game


# --------------------------------------------------------------------------- Myerson restriction
def _byte_tables(adj: np.ndarray, n: int):
    """For each byte of a mask, a 256-entry table of the union of the neighbour masks."""
    tables = []
    for b in range((n + 7) // 8):
        t = np.zeros(256, dtype=np.int64)
        for k in range(8):
            node = 8 * b + k
            if node >= n:
                break
            half = 1 << k
            t[half:2 * half] = t[:half] | adj[node]
        tables.append(t)
    return tables


def component_of_lowest(adj: np.ndarray, masks: np.ndarray, n: int) -> np.ndarray:
    """For each mask ``S``, the connected component of ``S``'s lowest member in the subgraph
    induced by ``S`` (vectorised breadth-first search over all masks at once; ``adj[i]`` is the
    neighbour mask of player ``i``).

    Examples
    --------
    Path 0 - 1 - 2: in {0, 2} player 0 is alone; in {0, 1, 2} all are connected.

    >>> adj = np.array([0b010, 0b101, 0b010])
    >>> component_of_lowest(adj, np.array([0b101, 0b111, 0b110]), 3).tolist()
    [1, 7, 6]
    """
    tables = _byte_tables(adj, n)
    reach = masks & -masks
    while True:
        nb = reach.copy()
        for b, t in enumerate(tables):
            nb |= t[(reach >> (8 * b)) & 255]
        nb &= masks
        if np.array_equal(nb, reach):
            return reach
        reach = nb


def _adjacency_masks(G, players):
    index = {p: i for i, p in enumerate(players)}
    for v in _graph(G).nodes:
        if v not in index:
            raise InputError(f"graph node {v!r} is not a player of the game")
    adj = np.zeros(len(players), dtype=np.int64)
    for u, v in G.edges():
        if u != v:
            adj[index[u]] |= 1 << index[v]
            adj[index[v]] |= 1 << index[u]
    return adj


def graph_restricted(game: CoalitionalGame, G, *, chunk: int = 1 << 20) -> CoalitionalGame:
    """Myerson's graph-restricted game: ``v^G(S) = sum of v(C)`` over the connected components
    ``C`` of ``S`` in ``G``.

    Players cooperate only along links: a coalition is worth what its connected parts are worth.
    Exact games are restricted with a vectorised search over all masks (in chunks of ``chunk``
    masks); games in function mode get a value function that splits each coalition into
    components with networkx.

    Parameters
    ----------
    game : CoalitionalGame
    G : networkx graph whose nodes are players (players missing from ``G`` are isolated; edge
        directions are ignored)

    References
    ----------
    R. B. Myerson, "Graphs and cooperation in games", *Mathematics of Operations Research* 2
    (1977) 225-229.

    Examples
    --------
    Three cities, only A-B and B-C linked; any pair is worth 1, all three 3:

    >>> g = CoalitionalGame.from_function("ABC", lambda S: {0: 0, 1: 0, 2: 1, 3: 3}[len(S)])
    >>> r = graph_restricted(g, nx.path_graph("ABC"))
    >>> r.value("A,B"), r.value("A,C"), r.value("A,B,C")
    (1.0, 0.0, 3.0)
    """
    if not isinstance(game, CoalitionalGame):
        raise InputError(f"expected a CoalitionalGame, got {type(game).__name__}")
    adj = _adjacency_masks(G, game.players)
    v = game.values
    if v is not None:
        n = game.n
        out = np.empty_like(v)
        N = 1 << n
        # comp(S) for all S, in chunks
        comp = np.empty(N, dtype=np.int64)
        for start in range(0, N, chunk):
            masks = np.arange(start, min(N, start + chunk), dtype=np.int64)
            comp[start:start + masks.size] = component_of_lowest(adj, masks, n)
        for start in range(0, N, chunk):
            masks = np.arange(start, min(N, start + chunk), dtype=np.int64)
            c = comp[start:start + masks.size]
            total = v[c]
            rest = masks ^ c
            active = np.flatnonzero(rest)
            while active.size:
                r = rest[active]
                cr = comp[r]
                total[active] += v[cr]
                rest[active] = r ^ cr
                active = active[rest[active] != 0]
            out[start:start + masks.size] = total
        out[0] = 0.0
        res = CoalitionalGame(game.players, out, max_bytes=game.max_bytes,
                              name=f"graph-restricted {game.name or 'game'}")
    else:
        H = nx.Graph()
        H.add_nodes_from(game.players)
        H.add_edges_from((u, v) for u, v in G.edges() if u != v)
        res = CoalitionalGame(game.players, value_function=RestrictedValue(H, game),
                              vectorized=True,
                              max_bytes=game.max_bytes,
                              name=f"graph-restricted {game.name or 'game'}")
    res.meta = {"kind": "graph_restricted", "graph": G, "base": game}
    return res


def gravity_linkage(table: pd.DataFrame, *, population: str, gdp: str, lon: str, lat: str,
                    min_distance_km: float = 1.0) -> nx.Graph:
    """Complete graph of gravity-model economic linkage intensities between cities.

    ``R_ij = sqrt(P_i G_i) * sqrt(P_j G_j) / d_ij**2`` with population ``P``, GDP ``G`` and the
    great-circle distance ``d_ij`` in km between the cities' coordinates (haversine, Earth radius
    6371 km). This is the usual gravity form of "economic linkage intensity" in the Chinese
    regional literature; it is a modelling choice, not an observed figure.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per city (index = name) with the columns named by the other arguments.
    population, gdp, lon, lat : str
        Column names (population and GDP in the units the intensity should use).
    min_distance_km : float
        Floor on distances (guards against coincident coordinates).

    Returns
    -------
    networkx.Graph
        Nodes carry the table's columns as attributes; edges carry ``weight`` = R_ij and
        ``distance_km``.

    References
    ----------
    Zipf, G. K. (1946), "The P1 P2/D hypothesis", *American Sociological Review* 11(6): 677-686;
    the form with sqrt(P G) masses is common in Chinese urban-economics studies of city linkage.

    Examples
    --------
    >>> t = pd.DataFrame({"P": [100.0, 100.0], "G": [1.0, 4.0], "lon": [0.0, 0.0],
    ...                   "lat": [0.0, 1.0]}, index=["A", "B"])
    >>> G = gravity_linkage(t, population="P", gdp="G", lon="lon", lat="lat")
    >>> round(G["A"]["B"]["distance_km"], 1), round(G["A"]["B"]["weight"], 5)
    (111.2, 0.01618)
    """
    for col in (population, gdp, lon, lat):
        if col not in table.columns:
            raise InputError(f"gravity_linkage: no column {col!r} in the table")
    names = list(table.index)
    cols = {}
    for col, low, high in ((population, 0.0, None), (gdp, 0.0, None), (lon, -180.0, 180.0),
                           (lat, -90.0, 90.0)):
        # a NaN, a non-positive mass or an impossible coordinate made NaN or inf weights
        try:
            x = pd.to_numeric(table[col], errors="raise").to_numpy(float)
        except (TypeError, ValueError):
            raise InputError(f"gravity_linkage: column {col!r} holds a value that is not a "
                             "number") from None
        bad = ~np.isfinite(x) | ((x <= low) if high is None else ((x < low) | (x > high)))
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            need = ("a positive finite number" if high is None
                    else f"a finite number in [{low:g}, {high:g}]")
            raise InputError(f"gravity_linkage: column {col!r}, city {names[k]!r}: "
                             f"{float(x[k])!r} is not {need}")
        cols[col] = x
    if isinstance(min_distance_km, bool) or not (
            isinstance(min_distance_km, (int, float, np.integer, np.floating))
            and np.isfinite(min_distance_km) and min_distance_km > 0):
        raise InputError(f"gravity_linkage: min_distance_km must be a positive number, got "
                         f"{min_distance_km!r}")
    mass = np.sqrt(cols[population] * cols[gdp])
    lam = np.radians(cols[lon])
    phi = np.radians(cols[lat])
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi[:, None]) * np.cos(phi[None, :]) * np.sin(dlam / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    d = np.maximum(d, min_distance_km)
    R = mass[:, None] * mass[None, :] / d**2
    G = nx.Graph()
    for name, attrs in table.to_dict(orient="index").items():
        G.add_node(name, **attrs)
    n = len(names)
    for i in range(n):
        for j in range(i + 1, n):
            G.add_edge(names[i], names[j], weight=float(R[i, j]), distance_km=float(d[i, j]))
    return G
