"""Network formation games: pairwise stability, efficiency and improving paths.

Governments (nodes) form bilateral links (cooperation agreements); each gets a payoff from the
whole network, ``payoff(G) -> {node: utility}``. A network is pairwise stable (Jackson & Wolinsky
1996) if

1. no player gains by cutting one of its links: ``u_i(g) >= u_i(g - ij)`` for every ``ij`` in g;
2. no pair of unlinked players both gain, one strictly, by adding their link: for ``ij`` not in
   g, ``u_i(g + ij) > u_i(g)`` implies ``u_j(g + ij) < u_j(g)``.

The connections model is built in (:func:`connections_payoff`, :class:`ConnectionsModel`): each
player gets ``delta**d(i, j)`` from every player ``j`` it is connected to at distance ``d`` and pays
``c`` per link. For it, :func:`pairwise_stable` only recomputes what a single link change affects:
one all-pairs BFS of the network, then every possible addition is scored at once from the BFS rows
of the two endpoints (``d'(i, k) = min(d(i, k), 1 + d(j, k))``, vectorised); a deletion of ``ij``
re-computes, for endpoint ``i``, only the distances to the nodes all of whose shortest paths from
``i`` start with the step to ``j`` (a BFS restricted to them), and skips even that when the
lower bound ``(1 - delta) * sum of delta**d(i, k)`` over those nodes already exceeds ``c``.

References
----------
Jackson, M. O. & Wolinsky, A. (1996), "A strategic model of social and economic networks",
*Journal of Economic Theory* 71(1): 44-74.
Jackson, M. O. & Watts, A. (2002), "The evolution of social and economic networks", *Journal of
Economic Theory* 106(2): 265-295.
Jackson, M. O. (2008), *Social and Economic Networks*, Princeton University Press, ch. 6.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field
from typing import Callable

import networkx as nx
import numpy as np
import scipy.sparse as sps
from govgames.games.errors import InputError
from govgames.games.tolerance import DEFAULT_TOL
from scipy.sparse.csgraph import shortest_path

__all__ = ["connections_payoff", "ConnectionsModel", "PairwiseStability", "pairwise_stable",
           "efficient_networks", "is_efficient", "is_efficient_network", "ImprovingPath",
           "improving_path", "total_payoff"]


def _check_graph(G, where="G"):
    if not isinstance(G, nx.Graph) or G.is_directed() or G.is_multigraph():
        raise InputError(f"{where}: expected an undirected networkx.Graph")
    if any(u == v for u, v in G.edges):
        loop = next(u for u, v in G.edges if u == v)
        raise InputError(f"{where}: self-loop at node {loop!r} (a player cannot link to itself)")


def _distance_matrix(G, nodes):
    n = len(nodes)
    if n == 0:
        return np.zeros((0, 0))
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    return shortest_path(sps.csr_matrix(A), method="D", unweighted=True, directed=False)


def connections_payoff(G: nx.Graph, delta: float, c: float) -> dict:
    """Payoffs of the connections model: ``u_i = sum_{j != i} delta**d(i, j) - c*deg(i)``.

    Players in other components contribute nothing (``d = inf``).

    Parameters
    ----------
    G : networkx.Graph
    delta : float
        Value decay per step, ``0 < delta < 1``.
    c : float
        Cost of each link to each of its two endpoints.

    References
    ----------
    Jackson & Wolinsky (1996), *J. Economic Theory* 71: 44-74, section 3 (the symmetric
    connections model).

    Examples
    --------
    >>> u = connections_payoff(nx.path_graph(3), delta=0.5, c=0.1)
    >>> {k: round(v, 3) for k, v in u.items()}
    {0: 0.65, 1: 0.8, 2: 0.65}
    """
    _check_graph(G)
    delta, c = _check_dc(delta, c)
    nodes = list(G.nodes)
    D = _distance_matrix(G, nodes)
    W = _decay(D, delta)
    totals = W.sum(axis=1) - 1.0  # remove d(i, i) = 0 -> delta**0
    return {v: float(totals[k] - c * G.degree(v)) for k, v in enumerate(nodes)}


def _decay(D, delta):
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        W = np.where(np.isfinite(D), np.power(delta, np.where(np.isfinite(D), D, 0.0)), 0.0)
    return W


def _check_dc(delta, c):
    try:
        delta, c = float(delta), float(c)
    except (TypeError, ValueError):
        raise InputError(f"connections model: delta and c must be numbers, got {delta!r}, "
                         f"{c!r}") from None
    if not 0 < delta < 1:
        raise InputError(f"connections model: delta must be in (0, 1), got {delta!r}")
    if not np.isfinite(c):
        raise InputError(f"connections model: c must be finite, got {c!r}")
    return delta, c


@dataclass(frozen=True)
class ConnectionsModel:
    """The connections model as a payoff rule (a callable ``G -> {node: payoff}``).

    :func:`pairwise_stable` recognises it and uses the incremental, vectorised check.

    Examples
    --------
    >>> m = ConnectionsModel(delta=0.5, c=0.1)
    >>> round(m(nx.complete_graph(3))[0], 3)
    0.8
    """

    delta: float
    c: float

    def __post_init__(self):
        _check_dc(self.delta, self.c)

    def __call__(self, G):
        return connections_payoff(G, self.delta, self.c)


def total_payoff(G: nx.Graph, payoff: Callable) -> float:
    """Sum of all players' payoffs (the welfare that efficiency maximises).

    Examples
    --------
    >>> round(total_payoff(nx.complete_graph(3), ConnectionsModel(0.5, 0.1)), 3)
    2.4
    """
    return float(sum(_call_payoff(payoff, G).values()))


def _call_payoff(payoff, G):
    if not callable(payoff):
        raise InputError("payoff must be a callable G -> {node: payoff}")
    u = payoff(G)
    if not hasattr(u, "items"):
        raise InputError("payoff(G) must return a mapping {node: payoff}")
    missing = [v for v in G.nodes if v not in u]
    if missing:
        raise InputError(f"payoff(G) gave no payoff for node {missing[0]!r}")
    return u


@dataclass
class PairwiseStability:
    """Result of :func:`pairwise_stable`.

    Attributes
    ----------
    stable : bool
    cut : list of (i, j, gain)
        Player ``i`` strictly gains ``gain`` by cutting its link with ``j``.
    add : list of (i, j, gain_i, gain_j)
        Unlinked pairs that both weakly gain, one strictly, by adding their link.
    method : str
        How it was checked.
    """

    stable: bool
    cut: list = field(default_factory=list)
    add: list = field(default_factory=list)
    method: str = ""

    def __bool__(self):
        return self.stable

    def __repr__(self):
        return (f"PairwiseStability(stable={self.stable}, {len(self.cut)} profitable cuts, "
                f"{len(self.add)} profitable additions, method={self.method!r})")


def pairwise_stable(G: nx.Graph, payoff: Callable, *, tol: float = DEFAULT_TOL,
                    method: str = "auto", executor=None, progress=None) -> PairwiseStability:
    """Check Jackson-Wolinsky pairwise stability and list every profitable deviation.

    Parameters
    ----------
    G : networkx.Graph
    payoff : callable
        ``payoff(G) -> {node: payoff}``; a :class:`ConnectionsModel` is checked incrementally.
    tol : float
        Gains within ``tol`` count as zero (indifference).
    method : {"auto", "incremental", "naive"}
        ``"naive"`` re-evaluates ``payoff`` on the network with each link toggled (fine for
        small n; any payoff); ``"incremental"`` needs a :class:`ConnectionsModel`.
    executor : concurrent.futures.Executor or Dask Client, optional
        ``"naive"`` only: evaluates the toggled networks in chunks on the executor
        (:mod:`govgames.games.parallel`; ``payoff`` must be picklable for a process pool).
        The result is the same, in the same order.
    progress : None or bool
        ``"naive"`` only: a progress bar over the toggled links (``None``: on a terminal,
        after two seconds).

    Returns
    -------
    PairwiseStability

    References
    ----------
    Jackson & Wolinsky (1996), *J. Economic Theory* 71: 44-74, definition of pairwise stability.

    Examples
    --------
    For ``delta - delta**2 < c < delta`` the star is pairwise stable (Jackson & Wolinsky 1996):

    >>> m = ConnectionsModel(delta=0.5, c=0.3)
    >>> pairwise_stable(nx.star_graph(4), m).stable
    True
    >>> r = pairwise_stable(nx.complete_graph(4), m)
    >>> r.stable, len(r.cut)
    (False, 12)
    """
    _check_graph(G)
    if method not in ("auto", "incremental", "naive"):
        raise InputError(f"method must be 'auto', 'incremental' or 'naive', got {method!r}")
    if method == "incremental" and not isinstance(payoff, ConnectionsModel):
        raise InputError("method='incremental' needs a ConnectionsModel payoff")
    if isinstance(payoff, ConnectionsModel) and method != "naive":
        return _pairwise_connections(G, payoff.delta, payoff.c, tol)
    return _pairwise_naive(G, payoff, tol, executor, progress)


#: Toggled links evaluated per task of :func:`pairwise_stable` on an executor.
_TOGGLES_PER_CHUNK = 64


def _toggle_gains(chunk, G, payoff, base):
    """``(gain_i, gain_j)`` of each toggled link ``(i, j)`` of ``chunk`` (cut if present,
    added if not), each on ``G`` with only that link changed."""
    H = G.copy()
    out = []
    for i, j in chunk:
        if H.has_edge(i, j):
            data = H.edges[i, j]
            H.remove_edge(i, j)
            u = _call_payoff(payoff, H)
            H.add_edge(i, j, **data)
        else:
            H.add_edge(i, j)
            u = _call_payoff(payoff, H)
            H.remove_edge(i, j)
        out.append((u[i] - base[i], u[j] - base[j]))
    return out


def _pairwise_naive(G, payoff, tol, executor=None, progress=None):
    from govgames.games.parallel import check_executor, check_picklable, map_chunks

    check_picklable(payoff, check_executor(executor),
                    f"the payoff function {getattr(payoff, '__qualname__', type(payoff).__name__)}",
                    "define it at module level (a function, or a class with __call__ holding "
                    "its data), or use a thread pool or a Dask executor (which ships lambdas)")
    base = _call_payoff(payoff, G)
    edges = list(G.edges)
    nodes = list(G.nodes)
    pairs = [(nodes[x], nodes[y]) for x in range(len(nodes)) for y in range(x + 1, len(nodes))
             if not G.has_edge(nodes[x], nodes[y])]
    toggles = edges + pairs
    chunks = [toggles[a:a + _TOGGLES_PER_CHUNK]
              for a in range(0, len(toggles), _TOGGLES_PER_CHUNK)]
    gains = [g for part in map_chunks(_toggle_gains, chunks, executor=executor,
                                      progress=progress, desc="toggled links",
                                      args=(G, payoff, base))
             for g in part]
    cut, add = [], []
    for (i, j), (gi, gj) in zip(edges, gains[:len(edges)]):
        for a, b, gain in ((i, j, gi), (j, i, gj)):
            if gain > tol:
                cut.append((a, b, float(gain)))
    for (i, j), (gi, gj) in zip(pairs, gains[len(edges):]):
        if gi >= -tol and gj >= -tol and (gi > tol or gj > tol):
            add.append((i, j, float(gi), float(gj)))
    return PairwiseStability(not cut and not add, cut, add,
                             f"naive (payoff re-evaluated for each of the "
                             f"{G.number_of_edges()} links and each non-link)")


def _pairwise_connections(G, delta, c, tol, block=8):
    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return PairwiseStability(True, [], [], "incremental (empty network)")
    A = sps.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr"))
    A.sort_indices()
    D = shortest_path(A, method="D", unweighted=True, directed=False)
    W = _decay(D, delta)

    # additions: gain_i(ij) = sum_k max(0, delta*W[j,k] - W[i,k]) - c   (ordered pairs)
    gain = _addition_values(D, W, delta, block)
    gain -= c
    adj = A.toarray().astype(bool)
    iu, ju = np.triu_indices(n, 1)
    free = ~adj[iu, ju]
    iu, ju = iu[free], ju[free]
    gi, gj = gain[iu, ju], gain[ju, iu]
    viol = (gi >= -tol) & (gj >= -tol) & ((gi > tol) | (gj > tol))
    add = [(nodes[a], nodes[b], float(x), float(y))
           for a, b, x, y in zip(iu[viol], ju[viol], gi[viol], gj[viol])]

    # deletions: cutting ij changes i's distances only to the nodes S whose every shortest path
    # from i starts with the step i -> j; their new distances come from a BFS inside S started
    # from the unchanged distances of S's neighbours outside S.
    Dfin = np.where(np.isfinite(D), D, -10.0)
    indptr, indices = A.indptr, A.indices
    adj = [indices[indptr[k]:indptr[k + 1]].tolist() for k in range(n)]
    cut, n_ends, n_touched, n_pruned = [], 0, 0, 0
    for i in range(n):
        lo, hi = indptr[i], indptr[i + 1]
        if hi == lo:
            continue
        nbrs = indices[lo:hi]
        P = (Dfin[nbrs] == Dfin[i] - 1) & (Dfin[i] > 0)[None, :]
        owned = P & (P.sum(axis=0) == 1)[None, :]
        Di = D[i]
        for off, j in enumerate(nbrs.tolist()):
            n_ends += 1
            S = np.flatnonzero(owned[off])
            # every k in S ends up at least one step farther: the loss is at least
            # (1 - delta) * sum_S delta**d(i,k); if even that outweighs c, i keeps the link
            if c - (1 - delta) * W[i, S].sum() <= tol:
                n_pruned += 1
                continue
            S = S.tolist()
            n_touched += len(S)
            new = _redistance(S, adj, Di, i, j)
            nd = np.fromiter(new.values(), float, len(new))
            lost = W[i, S].sum() - _decay(nd, delta).sum()
            g = c - lost
            if g > tol:
                cut.append((nodes[i], nodes[j], float(g)))
    method = (f"incremental (1 all-pairs BFS, additions vectorised over {len(iu)} non-links, "
              f"{n_ends} link ends: {n_pruned} kept by a bound, the others re-distanced on "
              f"{n_touched} affected nodes)")
    return PairwiseStability(not cut and not add, cut, add, method)


#: Use matrix products (one per distance level) to score additions when the network has at most
#: this many distinct finite distances; otherwise blocked element-wise sums.
MATMUL_MAX_LEVELS = 24


def _addition_values(D, W, delta, block):
    """``V[i, j] = sum_k max(0, delta*W[j, k] - W[i, k])``: what ``i`` gains (before the link
    cost) from a new link to ``j``, for every ordered pair.

    ``i`` gains on ``k`` exactly when ``d(j, k) + 1 < d(i, k)``; grouping the nodes by distance
    level, with ``M_a`` the indicator matrix of ``d == a``,
    ``V = sum_b M_b (sum_{a <= b-2} (delta**(a+1) - delta**b) M_a)^T``: one matrix product per
    level (BLAS). With many levels (long paths) blocked element-wise sums are used instead.
    """
    n = D.shape[0]
    finite = np.isfinite(D)
    maxd = int(D[finite].max()) if finite.any() else 0
    if maxd <= MATMUL_MAX_LEVELS:
        levels = list(range(maxd + 1))
        masks = [(D == a).astype(np.float64) for a in levels]
        inf_mask = (~finite).astype(np.float64)
        V = np.zeros((n, n))
        P = np.zeros((n, n))   # sum_{a <= b-2} delta**(a+1) M_a
        Q = np.zeros((n, n))   # sum_{a <= b-2} M_a
        for b in range(2, maxd + 1):
            P += delta ** (b - 1) * masks[b - 2]
            Q += masks[b - 2]
            V += masks[b] @ (P - delta**b * Q).T
        if inf_mask.any():
            # unreachable k (delta**inf = 0): every reachable level a counts
            start = maxd - 1 if maxd >= 2 else 0   # levels not yet in P
            for a in range(start, maxd + 1):
                P += delta ** (a + 1) * masks[a]
            V += inf_mask @ P.T
        return V
    dW = delta * W
    V = np.empty((n, n))
    buf = np.empty((block, n, n))
    for s in range(0, n, block):
        rows = W[s:s + block]
        b = buf[:len(rows)]
        np.subtract(dW[None, :, :], rows[:, None, :], out=b)
        np.maximum(b, 0.0, out=b)
        b.sum(axis=2, out=V[s:s + block])
    return V


def _redistance(S, adj, Di, i, j):
    """Distances from ``i`` to the nodes ``S`` after cutting link ``ij`` (all other distances
    from ``i`` are unchanged): Dijkstra with unit weights restricted to ``S``."""
    inS = set(S)
    dist = {}
    heap = []
    for k in S:
        best = np.inf
        for x in adj[k]:
            if x in inS or (k == j and x == i):
                continue
            v = Di[x] + 1
            if v < best:
                best = v
        dist[k] = best
        if best != np.inf:
            heap.append((best, k))
    heapq.heapify(heap)
    done = set()
    while heap:
        d, k = heapq.heappop(heap)
        if k in done:
            continue
        done.add(k)
        for x in adj[k]:
            if x in inS and x not in done and d + 1 < dist[x]:
                dist[x] = d + 1
                heapq.heappush(heap, (d + 1, x))
    return dist


def _all_graphs(nodes):
    pairs = list(itertools.combinations(nodes, 2))
    for mask in range(1 << len(pairs)):
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from(p for b, p in enumerate(pairs) if mask >> b & 1)
        yield H


def efficient_networks(nodes, payoff: Callable, *, tol: float = DEFAULT_TOL, max_nodes: int = 6,
                       symmetric: bool = False):
    """Networks maximising the total payoff, by exhaustive search (small n).

    Parameters
    ----------
    nodes : iterable or int
        The players (an int ``n`` means ``range(n)``).
    payoff : callable
        ``payoff(G) -> {node: payoff}``.
    max_nodes : int
        Refuse larger n (there are ``2**(n(n-1)/2)`` labelled networks).
    symmetric : bool
        If the total payoff does not depend on node labels (as in the connections model), search
        the networks up to isomorphism (networkx's graph atlas, n <= 7) and return one
        representative of each efficient class.

    Returns
    -------
    (float, list of networkx.Graph)
        The maximal total payoff and the networks attaining it (within ``tol``).

    References
    ----------
    Jackson & Wolinsky (1996), definition of (strong) efficiency.

    Examples
    --------
    >>> value, nets = efficient_networks(3, ConnectionsModel(0.5, 0.1))
    >>> round(value, 3), [sorted(g.edges) for g in nets]
    (2.4, [[(0, 1), (0, 2), (1, 2)]])
    """
    nodes = list(range(nodes)) if isinstance(nodes, int) else list(nodes)
    n = len(nodes)
    if symmetric:
        if n > 7:
            raise InputError("efficient_networks: symmetric search covers n <= 7 (graph atlas), "
                             f"got n={n}")
        graphs = []
        for g in nx.graph_atlas_g():
            if g.number_of_nodes() == n:
                graphs.append(nx.relabel_nodes(g, dict(enumerate(nodes))))
    else:
        if n > max_nodes:
            raise InputError(f"efficient_networks: {n} players means 2^{n * (n - 1) // 2} "
                             f"networks; raise max_nodes (now {max_nodes}) to search anyway")
        graphs = _all_graphs(nodes)
    best, winners = -np.inf, []
    for H in graphs:
        v = total_payoff(H, payoff)
        if v > best + tol:
            best, winners = v, [H]
        elif v >= best - tol:
            winners.append(H)
    winners = [H for H in winners if total_payoff(H, payoff) >= best - tol]
    return float(best), winners


def is_efficient(G: nx.Graph, payoff: Callable, *, tol: float = DEFAULT_TOL, max_nodes: int = 6,
                 symmetric: bool = False) -> bool:
    """Whether ``G`` maximises the total payoff over all networks on its nodes (small n).

    Examples
    --------
    With ``delta - delta**2 < c < delta + (n-2)*delta**2/2`` the star is efficient
    (Jackson & Wolinsky 1996, Proposition 1):

    >>> m = ConnectionsModel(delta=0.5, c=0.4)
    >>> is_efficient(nx.star_graph(3), m), is_efficient(nx.complete_graph(4), m)
    (True, False)
    """
    _check_graph(G)
    best, _ = efficient_networks(list(G.nodes), payoff, tol=tol, max_nodes=max_nodes,
                                 symmetric=symmetric)
    return total_payoff(G, payoff) >= best - tol


#: Alias exported by :mod:`networks` (whose ``is_efficient`` is the allocation test of
#: :mod:`govgames.networks.stability`).
is_efficient_network = is_efficient


@dataclass
class ImprovingPath:
    """Result of :func:`improving_path`.

    Attributes
    ----------
    network : networkx.Graph
        Where the path stopped.
    steps : list of (str, i, j)
        ``("add", i, j)`` or ``("cut", i, j)`` in order.
    stable : bool
        Whether ``network`` is pairwise stable (False: ``max_steps`` reached first).
    cycled : bool
        Whether the path revisited a network (improving cycles exist).
    """

    network: nx.Graph
    steps: list
    stable: bool
    cycled: bool = False

    def __repr__(self):
        return (f"ImprovingPath(stable={self.stable}, {len(self.steps)} steps, "
                f"{self.network.number_of_edges()} links, cycled={self.cycled})")


def improving_path(G0: nx.Graph, payoff: Callable, *, seed=None, max_steps: int = 1000,
                   tol: float = DEFAULT_TOL) -> ImprovingPath:
    """Follow a random improving path until a pairwise stable network (Jackson & Watts 2002).

    At each step one improving change is drawn uniformly among all of them: cutting a link that
    an endpoint strictly gains by cutting, or adding a link that both endpoints weakly gain
    from, one strictly. The path ends at a pairwise stable network, or after ``max_steps``.

    Parameters
    ----------
    G0 : networkx.Graph
        The starting network.
    payoff : callable
        ``payoff(G) -> {node: payoff}``.
    seed : int or numpy Generator, optional
        For the random choice of the next change.

    References
    ----------
    Jackson, M. O. & Watts, A. (2002), *J. Economic Theory* 106(2): 265-295.

    Examples
    --------
    >>> p = improving_path(nx.empty_graph(4), ConnectionsModel(0.5, 0.2), seed=1)
    >>> p.stable, p.network.number_of_edges()
    (True, 6)
    """
    _check_graph(G0)
    rng = np.random.default_rng(seed)
    G = G0.copy()
    steps: list = []
    seen, cycled = {frozenset(map(frozenset, G.edges))}, False
    for _ in range(max_steps + 1):
        r = pairwise_stable(G, payoff, tol=tol)
        if r.stable:
            return ImprovingPath(G, steps, True, cycled)
        if len(steps) >= max_steps:
            break
        moves = [("cut", i, j) for i, j, _ in r.cut] + [("add", i, j) for i, j, _, _ in r.add]
        kind, i, j = moves[int(rng.integers(len(moves)))]
        if kind == "cut":
            G.remove_edge(i, j)
        else:
            G.add_edge(i, j)
        steps.append((kind, i, j))
        key = frozenset(map(frozenset, G.edges))
        cycled = cycled or key in seen
        seen.add(key)
    return ImprovingPath(G, steps, False, cycled)
