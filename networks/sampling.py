"""Sampled values of coalitional games: Shapley and Owen values by random orders of the
players, the Banzhaf value by random coalitions, with standard errors.

Random orders (Castro, Gomez and Tejada 2009): the Shapley value of a player is its mean
marginal contribution ``v(P + i) - v(P)`` over uniformly random orders (``P``: the players before
it), so the mean over sampled orders is unbiased and its standard error is the sample standard
deviation over the orders divided by ``sqrt(number of orders)``. The Owen value is the same mean
over random orders that keep every union together (a random order of the unions, then a random
order within each). Random coalitions (Bachrach et al. 2010): the Banzhaf value of ``i`` is the
mean of ``v(S + i) - v(S - i)`` over coalitions ``S`` holding each player with probability 1/2;
one coalition and its ``n`` one-player changes give one draw for every player.

How a sample is evaluated (one path per kind of game, all vectorised over a batch of samples):
random orders of a game in exact mode by a compiled kernel that reads the value table at the
bit mask of every prefix (:mod:`govgames.networks._sampling_kernel`; other samples by integer
masks indexing the value array); a vectorised value function by one call per block of the
boolean membership matrix (at most ``2**22`` booleans); a plain value function once per
distinct coalition (cached for the whole run in this process; a new coalition is passed as the
frozenset of the first players of the order where it first appears); a linkage
game in function mode by its links (in an order a link's weight goes to the endpoint that comes
later: ``O(|E|)`` per order instead of ``O(n |E|)``).

Layout of the random numbers (results never depend on how the work is split): the samples are
cut into chunks of ``max(64, 2**16 // n)`` (even) samples; chunk ``k`` draws from
``numpy.random.SeedSequence(seed).spawn(n_chunks)[k]`` (:mod:`govgames.games.parallel`), batch
after batch; orders are Fisher-Yates shuffles (Durstenfeld 1964; antithetic: each followed
by its reverse) of ``rng.random((orders, n - 1))``; each chunk's mean and sum of squared
deviations are merged in chunk order (Chan et al.'s update). So a seed gives the same
estimate and standard errors, bit for bit, with any ``executor``, and up to float rounding
for any ``batch_size``.

References
----------
.. [1] J. Castro, D. Gomez, J. Tejada, "Polynomial calculation of the Shapley value based on
   sampling", *Computers & Operations Research* 36 (2009) 1726-1730.
.. [2] Y. Bachrach, E. Markakis, E. Resnick, A. D. Procaccia, J. S. Rosenschein, A. Saberi,
   "Approximating power indices: theoretical and empirical analysis", *Autonomous Agents and
   Multi-Agent Systems* 20 (2010) 105-122.
.. [3] T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the sample variance",
   *The American Statistician* 37 (1983) 242-247.
"""

from __future__ import annotations

import copy
import hashlib
import math
import threading
import weakref
from collections import OrderedDict

import numpy as np

from govgames.games.budget import check_work
from govgames.games.errors import InputError
from concurrent.futures import ThreadPoolExecutor

from govgames.games.parallel import (
    TASKS_PER_WORKER,
    check_executor,
    check_picklable,
    chunk_rng,
    map_chunks,
    recorded_seed,
    seed_sequence,
)

from ._inputs import edge_arrays
from ._sampling_kernel import fisher_yates, moments, prefix_masks, table_draws_into
from .coalitional import CoalitionalGame, _function_name, value_of

__all__ = ["shapley_sample", "owen_sample", "banzhaf_sample"]

#: Budget (in booleans) of one call of a vectorised value function: 2**22 = 4 MiB.
_SAMPLE_MEMBER_BUDGET = 1 << 22

#: Player slots per chunk of samples: a chunk holds ``max(64, 2**16 // n)`` samples.
_CHUNK_CELLS = 1 << 16


def _chunk_length(n: int) -> int:
    c = max(64, _CHUNK_CELLS // max(n, 1))
    return c + c % 2


def _check_count(x, name: str, antithetic: bool = False) -> int:
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < 2:
        raise InputError(f"{name} must be an integer >= 2, got {x!r}")
    if antithetic and (x % 2 or x < 4):
        raise InputError(f"with antithetic=True, {name} (the number of permutations, "
                         f"drawn in pairs) must be an even integer >= 4, got {x!r}")
    return int(x)


def _check_batch(batch_size):
    if batch_size is not None and (isinstance(batch_size, bool) or
                                   not isinstance(batch_size, (int, np.integer)) or
                                   batch_size < 1):
        raise InputError(f"batch_size must be a positive integer, got {batch_size!r}")
    return batch_size


def _draw_orders(rng, m: int, n: int, antithetic: bool) -> np.ndarray:
    """``m`` random orders of ``n`` players (rows); with ``antithetic`` the rows are ``m // 2``
    orders each followed by its reverse.

    Fisher-Yates shuffles of ``0..n-1``, all orders at once (Durstenfeld 1964): for ``j = n-1,
    ..., 1`` position ``j`` of every order is swapped with position ``floor(u (j + 1))``, ``u``
    uniform (order ``r`` takes row ``r`` of ``rng.random((k, n - 1))``, so the orders do not
    depend on how many are drawn at once), by the compiled
    :func:`govgames.networks._sampling_kernel.fisher_yates`.
    """
    k = m // 2 if antithetic else m
    U = rng.random((k, n - 1)) if n > 1 and k else np.zeros((k, 0))
    P = fisher_yates(U, n)
    if not antithetic:
        return P
    out = np.empty((m, n), dtype=P.dtype)
    out[0::2] = P
    out[1::2] = P[:, ::-1]
    return out


class _Orders:
    """Draws batches of orders: any order (Shapley), or orders keeping unions together (Owen:
    a random order of the unions by ``argsort`` of uniforms, then the players in a random
    order by ``argsort`` of uniforms, stably grouped by their union's place)."""

    def __init__(self, n: int, antithetic: bool, union_of=None):
        self.n, self.antithetic = n, antithetic
        self.union_of = None if union_of is None else np.asarray(union_of, dtype=np.int64)

    def draw(self, rng, m: int) -> np.ndarray:
        if self.union_of is None:
            return _draw_orders(rng, m, self.n, self.antithetic)
        k = m // 2 if self.antithetic else m
        n_unions = int(self.union_of.max()) + 1
        keys = rng.random((k, n_unions + self.n))
        place = np.argsort(np.argsort(keys[:, :n_unions], axis=1), axis=1)
        players = np.argsort(keys[:, n_unions:], axis=1)
        rows = np.arange(k)[:, None]
        by_union = np.argsort(place[rows, self.union_of[players]], axis=1, kind="stable")
        half = players[rows, by_union]
        if not self.antithetic:
            return half
        out = np.empty((m, self.n), dtype=half.dtype)
        out[0::2] = half
        out[1::2] = half[:, ::-1]
        return out


class _Coalitions:
    """``v`` of many coalitions by the game's fastest path (see the module notes); the plain
    function's cache lives as long as this object (keys: masks for n < 63, packed membership
    bytes above)."""

    def __init__(self, game: CoalitionalGame):
        self.game = game
        self.n = game.n
        self.cache: dict = {}
        self.players = np.empty(game.n, dtype=object)
        for i, p in enumerate(game.players):
            self.players[i] = p
        # players 0 .. n-1 (Python ints): an order is already its list of players
        self.players_are_indices = (all(type(p) is int for p in game.players) and
                                    game.players == tuple(range(game.n)))

    @property
    def by_masks(self) -> bool:
        return self.game.is_exact or (not self.game.vectorized and self.n < 63)

    def masks(self, masks: np.ndarray) -> np.ndarray:
        """Values of coalitions given as integer masks (any shape)."""
        if self.game.is_exact:
            return self.game.value_table()[masks]
        return self._cached(masks.ravel(), None).reshape(masks.shape)

    def members(self, members: np.ndarray) -> np.ndarray:
        """Values of coalitions given as boolean rows, in calls of bounded size."""
        rows_per_call = max(1, _SAMPLE_MEMBER_BUDGET // max(self.n, 1))
        out = np.empty(members.shape[0])
        for s in range(0, members.shape[0], rows_per_call):
            block = members[s:s + rows_per_call]
            out[s:s + block.shape[0]] = (self.game.evaluate_members(block)
                                         if self.game.vectorized else self._cached(None, block))
        return out

    def prefixes(self, perms: np.ndarray, rank: np.ndarray) -> np.ndarray:
        """``(m, n - 1)``: column ``k`` is ``v`` of the first ``k + 1`` players of each order."""
        n, m = self.n, perms.shape[0]
        if self.by_masks:
            masks = prefix_masks(np.ascontiguousarray(perms))
            if self.game.is_exact:
                return self.game.value_table()[masks]
            return self._cached_prefixes(masks, perms)
        steps = np.arange(1, n, dtype=rank.dtype)
        out = np.empty((m, n - 1))
        flat = out.reshape(-1)
        per = max(1, (_SAMPLE_MEMBER_BUDGET // n) // (n - 1))   # orders per block
        for b0 in range(0, m, per):
            r = rank[b0:b0 + per]
            members = (r[:, None, :] < steps[None, :, None]).reshape(-1, n)
            flat[b0 * (n - 1):(b0 + r.shape[0]) * (n - 1)] = self.members(members)
        return out

    def _cached_prefixes(self, masks: np.ndarray, perms: np.ndarray) -> np.ndarray:
        """Values of the prefixes of the orders ``perms`` (``masks``: their bit masks) by the
        plain value function, once per coalition not yet in the cache. A new coalition is
        passed as the frozenset of the first players of the order where it first appears."""
        cache, f = self.cache, self.game.value_function
        get = cache.get
        players = self.game.players
        out = []
        for row, order in zip(masks.tolist(), perms.tolist()):
            vals = []
            mapped = self.players_are_indices
            for j, key in enumerate(row):
                x = get(key)
                if x is None:
                    if not mapped:                  # the order's players, once per order
                        order = [players[i] for i in order]
                        mapped = True
                    x = cache[key] = value_of(f, frozenset(order[:j + 1]), players)
                vals.append(x)
            out.append(vals)
        return np.array(out, dtype=float).reshape(masks.shape)

    def _cached(self, masks, members) -> np.ndarray:
        if masks is not None:
            keys, inverse = np.unique(masks, return_inverse=True)
            key_list = keys.tolist()
        else:
            packed = np.packbits(members, axis=1)
            keys, inverse = np.unique(packed, axis=0, return_inverse=True)
            key_list = [k.tobytes() for k in keys]
        vals = np.empty(len(key_list))
        f, cache, n = self.game.value_function, self.cache, self.n
        for t, key in enumerate(key_list):
            x = cache.get(key)
            if x is None:
                if masks is not None:
                    S = frozenset(self.players[(key >> np.arange(n)) & 1 == 1])
                else:
                    S = frozenset(self.players[np.unpackbits(keys[t], count=n).astype(bool)])
                x = cache[key] = value_of(f, S, self.game.players)
            vals[t] = x
        return vals[inverse.reshape(-1)]


def _linkage_arrays(game: CoalitionalGame):
    """Edge arrays ``(u, v, w)`` of a linkage game in function mode whose graph still has the
    game's players in order, else None (then the generic path is used; also when the links no
    longer add up to ``v(N)``)."""
    meta = game.meta or {}
    if meta.get("kind") != "linkage" or game.is_exact:
        return None
    G = meta.get("graph")
    if G is None or tuple(G.nodes) != game.players:
        return None
    index = {p: i for i, p in enumerate(game.players)}
    return edge_arrays(G, meta.get("weight", "weight"), index)


def _linkage_contributions(edges, rank: np.ndarray) -> np.ndarray:
    """Marginal contributions in a linkage game, ``(m, n)``: in each order a link's weight goes
    to whichever endpoint comes later (``v(P + i) - v(P)`` is the weight of the links from
    ``i`` into ``P``; a self-loop goes to its node). ``O(m |E|)``."""
    us, vs, ws = edges
    m, n = rank.shape
    later = np.where(rank[:, us] > rank[:, vs], us, vs)              # (m, |E|)
    later += (np.arange(m, dtype=later.dtype) * n)[:, None]
    return np.bincount(later.ravel(), weights=np.broadcast_to(ws, later.shape).ravel(),
                       minlength=m * n).reshape(m, n)


class _Moments:
    """Count, mean and sum of squared deviations of independent draws (rows), merged batch by
    batch with Chan et al.'s pairwise update."""

    def __init__(self, n: int):
        self.count, self.mean, self.m2 = 0, np.zeros(n), np.zeros(n)

    def add(self, draws: np.ndarray) -> None:
        k = draws.shape[0]
        bmean = draws.mean(axis=0)
        d = draws - bmean
        self.merge(k, bmean, np.einsum("ij,ij->j", d, d))

    def merge(self, k, bmean, bm2) -> None:
        if k == 0:
            return
        total = self.count + k
        delta = bmean - self.mean
        self.mean = self.mean + delta * (k / total)
        self.m2 = self.m2 + bm2 + delta ** 2 * (self.count * k / total)
        self.count = total

    def stderr(self) -> np.ndarray:
        return np.sqrt(self.m2 / (self.count - 1) / self.count)


class _Sampler:
    """Everything a chunk needs (picklable): the game's evaluator, ``v(N)``, and what is drawn."""

    def __init__(self, game, kind, v_grand, batch_size, orders=None, edges=None):
        self.kind, self.v_grand, self.batch_size = kind, v_grand, batch_size
        self.orders, self.edges = orders, edges
        self.n = game.n
        self.coalitions = _Coalitions(game) if edges is None else None
        # a tabulated game sampled over any orders: the compiled kernel reads the table
        self.tabulated = (kind == "orders" and edges is None and game.is_exact and
                          (orders is None or orders.union_of is None))
        self.table = game.value_table() if self.tabulated else None

    def without_table(self) -> _Sampler:
        """A copy without the game (a tabulated game's sampler only; tasks get the table
        separately, see :func:`_ship`)."""
        light = copy.copy(self)
        light.coalitions, light.table = None, None
        return light

    def with_table(self, table: np.ndarray) -> _Sampler:
        light = copy.copy(self)
        light.table = table
        return light

    def table_moments(self, rng, m: int):
        """``(count, mean, m2)`` of ``m`` orders (``m / 2`` pair means when antithetic) of a
        tabulated game, by :func:`govgames.networks._sampling_kernel.table_draws`: the same
        uniforms and orders as :func:`_draw_orders`."""
        n, anti = self.n, self.orders.antithetic
        k = m // 2 if anti else m
        U, draws = _batch_buffers(k, n)
        if U.size:
            rng.random(out=U)           # the same uniforms as rng.random((k, n - 1))
        table_draws_into(self.table, U, n, self.v_grand, anti, draws)
        mean, m2 = moments(draws)
        return k, mean, m2

    def order_contributions(self, perms: np.ndarray) -> np.ndarray:
        m, n = perms.shape
        rows = np.arange(m)[:, None]
        need_rank = self.edges is not None or not self.coalitions.by_masks
        if need_rank:
            rank = np.empty_like(perms)
            rank[rows, perms] = np.arange(n)
        if self.edges is not None:
            return _linkage_contributions(self.edges, rank)
        vals = np.empty((m, n + 1))
        vals[:, 0] = 0.0
        vals[:, n] = self.v_grand
        if n > 1:
            vals[:, 1:n] = self.coalitions.prefixes(perms, rank if need_rank else None)
        contrib = np.empty((m, n))
        contrib[rows, perms] = np.diff(vals, axis=1)
        return contrib

    def coalition_contributions(self, inside: np.ndarray) -> np.ndarray:
        """``v(S + i) - v(S - i)`` for every row ``S`` of ``inside`` and every player."""
        m, n = inside.shape
        sign = 1.0 - 2.0 * inside
        ev = self.coalitions
        if ev.by_masks:
            dtype = np.int32 if n < 31 else np.int64
            bits = np.left_shift(dtype(1), np.arange(n, dtype=dtype))
            S = inside.astype(dtype) @ bits
            base = ev.masks(S)
            flipped = ev.masks(S[:, None] ^ bits[None, :])
        else:
            base = ev.members(inside)
            flip = np.repeat(inside, n, axis=0)
            flip.reshape(m, n, n)[:, np.arange(n), np.arange(n)] ^= True
            flipped = ev.members(flip).reshape(m, n)
        return sign * (flipped - base[:, None])


_BUFFERS = threading.local()


def _batch_buffers(k: int, n: int) -> tuple:
    """The uniforms ``(k, n - 1)`` and draws ``(k, n)`` of one batch of a tabulated game,
    views of arrays kept per thread and grown as needed: allocating them anew for every batch
    costs page faults on each call where ``MALLOC_TRIM_THRESHOLD_`` is set (Dask's workers set
    it: the same sampling ran 1.7 times slower there)."""
    held = getattr(_BUFFERS, "arrays", None)
    if held is None or held[1].shape[1] != n or held[1].shape[0] < k:
        held = (np.empty((k, max(n - 1, 0))), np.empty((k, n)))
        _BUFFERS.arrays = held
    return held[0][:k], held[1][:k]


def _sample_chunk(chunk, sampler: _Sampler, root, table=None):
    """``(count, mean, m2)`` of chunk ``chunk = (k, samples)``, drawn from stream ``k`` in
    batches of ``sampler.batch_size`` (``table``: the value table of a sampler shipped
    without it)."""
    if table is not None:
        sampler = sampler.with_table(table)
    k, total = chunk
    rng = chunk_rng(root, k)
    mom = _Moments(sampler.n)
    done = 0
    while done < total:
        m = min(sampler.batch_size, total - done)
        if sampler.tabulated:
            mom.merge(*sampler.table_moments(rng, m))
            done += m
            continue
        if sampler.kind == "orders":
            contrib = sampler.order_contributions(sampler.orders.draw(rng, m))
            if sampler.orders.antithetic:
                contrib = 0.5 * (contrib[0::2] + contrib[1::2])
        else:
            contrib = sampler.coalition_contributions(rng.random((m, sampler.n)) < 0.5)
        mom.add(contrib)
        done += m
    return mom.count, mom.mean, mom.m2


def _grand_value(game: CoalitionalGame) -> float:
    """``v(N)``, after checking ``v(∅) = 0`` (function mode) and the scale of ``v(N)``
    (:func:`_check_scale`; the estimates are checked again after sampling)."""
    n = game.n
    if not game.is_exact:
        v_empty = float(game.evaluate_members(np.zeros((1, n), dtype=bool))[0])
        if v_empty != 0:
            raise InputError(f"the value function gives the empty coalition {v_empty!r}, "
                             "not 0")
    v_grand = float(game.evaluate_members(np.ones((1, n), dtype=bool))[0])
    _check_scale(abs(v_grand))
    return v_grand


#: A game whose value table is larger than this (bytes) is sent to each worker process once:
#: scattered to a Dask cluster, or in one task per worker of a process pool.
_SHIP_ONCE_BYTES = 1 << 20

#: Value tables kept scattered on Dask clusters between calls (most recently used first):
#: ``(id(client), shape, digest) -> (weak reference to the client, future)``.
_SCATTERED_TABLES: OrderedDict = OrderedDict()
_SCATTERED_KEEP = 4


def _scattered_table(client, table: np.ndarray):
    """A future of ``table`` on every worker of ``client``: scattered once, then reused by
    later calls while the table's bytes are the same (BLAKE2 digest, so a table changed in
    place is sent again)."""
    data = np.ascontiguousarray(table)
    key = (id(client), data.shape, data.dtype.str,
           hashlib.blake2b(data.data, digest_size=20).digest())
    hit = _SCATTERED_TABLES.get(key)
    if hit is not None and hit[0]() is client and hit[1].status == "finished":
        _SCATTERED_TABLES.move_to_end(key)
        return hit[1]
    future = client.scatter(data, broadcast=True, hash=False)
    _SCATTERED_TABLES[key] = (weakref.ref(client), future)
    while len(_SCATTERED_TABLES) > _SCATTERED_KEEP:
        _SCATTERED_TABLES.popitem(last=False)
    return future


def _ship(sampler: _Sampler, executor):
    """The arguments of every task after the chunk, and the tasks per worker.

    On a Dask cluster a large value table is scattered to every worker once (and kept for
    later calls on the same table, :func:`_scattered_table`); the tasks carry the sampler
    without it and a future of the table, resolved on the worker. Any other sampler is
    scattered once per call. A process pool with a large table gets one task per worker
    (one copy per worker); threads share the sampler."""
    if executor is None or isinstance(executor, ThreadPoolExecutor):
        return (sampler,), TASKS_PER_WORKER
    table = sampler.coalitions.game.values if sampler.coalitions is not None else None
    heavy = isinstance(table, np.ndarray) and table.nbytes > _SHIP_ONCE_BYTES
    client = getattr(executor, "_client", None)
    if client is not None and hasattr(client, "scatter"):
        if sampler.tabulated and heavy:
            return (sampler.without_table(), _scattered_table(client, sampler.table)), \
                TASKS_PER_WORKER
        return (client.scatter(sampler, broadcast=True, hash=False),), TASKS_PER_WORKER
    return (sampler,), (1 if heavy else TASKS_PER_WORKER)


def _run(game, sampler: _Sampler, n_samples: int, root, executor, progress, desc):
    # each sample takes a player's marginal contribution for every player: refuse a count no
    # run could finish (n_samples=10**12 ran for hours) before listing its chunks
    check_work(float(n_samples) * max(game.n, 1),
               f"{desc}: {n_samples} samples of {game.n} players' contributions",
               "fewer samples: the standard error falls only as 1/sqrt(n_samples)")
    size = _chunk_length(game.n)
    chunks = [(k, min(size, n_samples - a)) for k, a in enumerate(range(0, n_samples, size))]
    mom = _Moments(game.n)
    executor = check_executor(executor)
    if sampler.coalitions is not None and not game.is_exact:
        f = game.value_function
        check_picklable(f, executor, f"the value function {_function_name(f)}",
                        "define it at module level (a function, or a class with __call__ "
                        "holding its data), or tabulate the game, or use a thread pool or a "
                        "Dask executor (which ships lambdas)")
    shipped, per_worker = _ship(sampler, executor)
    for count, mean, m2 in map_chunks(_sample_chunk, chunks, executor=executor,
                                      progress=progress, desc=desc,
                                      args=(shipped[0], root) + shipped[1:],
                                      tasks_per_worker=per_worker):
        mom.merge(count, mean, m2)
    if not (np.all(np.isfinite(mom.mean)) and np.isfinite(sampler.v_grand)):
        raise InputError("the value function returned a non-finite value (nan or inf) for a "
                         "sampled coalition")
    return mom


def _default_batch(batch_size, n, width, cap, antithetic):
    if batch_size is None:
        batch_size = max(1, min(cap, (_SAMPLE_MEMBER_BUDGET // 2) // max(width, 1)))
    batch_size = int(batch_size)
    if antithetic:
        batch_size = max(2, batch_size - batch_size % 2)
    return batch_size


#: Sampled values need the squares of the contributions (standard errors): values whose
#: magnitude lies outside this range are refused (the squares leave the float range: "± nan"
#: above, a false "± 0" below).
SAMPLED_VALUE_RANGE = (1e-150, 1e150)


def _check_scale(top: float) -> None:
    """Refuse a game whose largest value magnitude ``top`` is outside
    :data:`SAMPLED_VALUE_RANGE` (0, an all-zero game, is fine)."""
    low, high = SAMPLED_VALUE_RANGE
    if top != 0 and not low <= top <= high:
        raise InputError(f"sampled values of a game whose values reach {top:.3g}: the standard "
                         f"errors square the contributions, which leaves the float range outside "
                         f"{low:g} to {high:g}; scale the game (the values are linear in v: "
                         "sample v / c and multiply the estimates and errors by c)")


def _result(game, mom, n_samples, seed, method):
    from .values import SampledValue

    se = mom.stderr()
    _check_scale(float(np.abs(mom.mean).max()) if mom.mean.size else 0.0)
    if not np.all(np.isfinite(se)):
        _check_scale(float("inf"))
    return SampledValue({p: float(x) for p, x in zip(game.players, mom.mean)},
                        {p: float(x) for p, x in zip(game.players, se)}, n_samples, seed, method)


def _order_sample(game, n_samples, seed, batch_size, antithetic, executor, progress,
                  union_of=None, label="permutation sampling"):
    n_samples = _check_count(n_samples, "n_samples", antithetic)
    _check_batch(batch_size)
    method = ("antithetic " if antithetic else "") + label
    n = game.n
    root = seed_sequence(seed)       # the entropy is drawn (or checked) once, and recorded
    if n == 0:
        from .values import SampledValue
        return SampledValue({}, {}, n_samples, recorded_seed(root), method)
    edges = _linkage_arrays(game) if n > 1 else None
    v_grand = _grand_value(game)
    if edges is not None and not math.isclose(float(edges[2].sum()), v_grand, rel_tol=1e-9,
                                              abs_tol=1e-12):
        edges = None                      # the graph changed since the game was built
    width = max(n, edges[0].size if edges is not None else 0)
    batch = _default_batch(batch_size, n, width, _chunk_length(n), antithetic)
    sampler = _Sampler(game, "orders", v_grand, batch, _Orders(n, antithetic, union_of), edges)
    mom = _run(game, sampler, n_samples, root, executor, progress, "sampled orders")
    return _result(game, mom, n_samples, recorded_seed(root), method)


def shapley_sample(game: CoalitionalGame, n_samples: int = 2000, seed=None, *,
                   antithetic: bool = False, batch_size: int | None = None, executor=None,
                   progress=None):
    """The Shapley value by permutation sampling (the ``method="sample"`` of
    :func:`govgames.networks.values.shapley_value`; Castro, Gomez and Tejada 2009).

    Parameters
    ----------
    game : CoalitionalGame
        Exact or function mode (a plain or vectorised value function; a linkage game is
        sampled link by link).
    n_samples : int
        Number of sampled orders (at least 2; with ``antithetic``, even and at least 4).
    seed : None, int, numpy SeedSequence or Generator
        Root of the chunk streams (see the module notes). The result's ``seed`` is the entropy
        actually used (with ``None`` the fresh entropy, with a ``Generator`` the integers
        drawn from it): ``seed=result.seed`` repeats the estimate bit for bit.
    antithetic : bool
        Draw orders in pairs, an order and its reverse; the pair means are the draws.
    batch_size : int, optional
        Samples evaluated together (default: by a memory budget); does not change the result
        beyond float rounding.
    executor : concurrent.futures.Executor or Dask Client, optional
        Runs the chunks (:mod:`govgames.games.parallel`); the result is the same.
    progress : None or bool
        A progress bar over the chunks.

    Returns
    -------
    SampledValue
        Estimates, their standard errors (sample standard deviation over the independent
        draws / sqrt(number of draws)), ``n_samples``, ``seed`` and ``method``.

    Raises
    ------
    InputError
        Bad counts, a value function with ``v(empty) != 0`` or non-finite values.

    Examples
    --------
    >>> g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    >>> est = shapley_sample(g, 400, seed=1)
    >>> round(sum(est.values()), 12), est.method
    (1.0, 'permutation sampling')
    """
    return _order_sample(game, n_samples, seed, batch_size, antithetic, executor, progress)


def owen_sample(game: CoalitionalGame, union_of, n_samples: int = 2000, seed=None, *,
                antithetic: bool = False, batch_size: int | None = None, executor=None,
                progress=None):
    """The Owen value by sampling orders that keep every union together (the
    ``method="sample"`` of :func:`govgames.networks.values.owen_value`).

    ``union_of[i]`` is the union (0-based) of player ``i``; the other parameters are those of
    :func:`shapley_sample`. Each order is a random order of the unions, then a random order of
    the players within each union (Owen 1977; the estimator of Castro, Gomez and Tejada 2009
    restricted to these orders).

    Examples
    --------
    >>> g = CoalitionalGame.from_function("ABC",
    ...     lambda S: float("A" in S and ("B" in S or "C" in S)))
    >>> est = owen_sample(g, [0, 1, 1], 4000, seed=2, antithetic=True)
    >>> exact = {'A': 0.5, 'B': 0.25, 'C': 0.25}
    >>> all(abs(est[p] - x) <= 4 * est.std_errors[p] + 1e-12 for p, x in exact.items())
    True
    """
    return _order_sample(game, n_samples, seed, batch_size, antithetic, executor, progress,
                         union_of, "union-respecting permutation sampling")


def banzhaf_sample(game: CoalitionalGame, n_samples: int = 2000, seed=None, *,
                   batch_size: int | None = None, executor=None, progress=None):
    """The Banzhaf value by sampling coalitions (the ``method="sample"`` of
    :func:`govgames.networks.values.banzhaf_value`).

    Each sample is a coalition ``S`` holding every player with probability 1/2 (``rng.random
    < 0.5``); it gives every player ``i`` the draw ``v(S + i) - v(S - i)`` (``n + 1``
    evaluations per sample; Bachrach et al. 2010). The parameters are those of
    :func:`shapley_sample` (``n_samples`` counts coalitions; no ``antithetic``).

    Examples
    --------
    >>> g = CoalitionalGame.weighted_voting([4, 2, 1], 5)
    >>> est = banzhaf_sample(g, 4000, seed=1)
    >>> all(abs(est[p] - x) < 4 * est.std_errors[p] + 1e-12
    ...     for p, x in {"P1": 0.75, "P2": 0.25, "P3": 0.25}.items())
    True
    """
    n_samples = _check_count(n_samples, "n_samples")
    _check_batch(batch_size)
    method = "coalition sampling"
    n = game.n
    root = seed_sequence(seed)       # the entropy is drawn (or checked) once, and recorded
    if n == 0:
        from .values import SampledValue
        return SampledValue({}, {}, n_samples, recorded_seed(root), method)
    v_grand = _grand_value(game)
    width = n * (n + 1)
    batch = _default_batch(batch_size, n, width, _chunk_length(n), False)
    sampler = _Sampler(game, "coalitions", v_grand, batch)
    mom = _run(game, sampler, n_samples, root, executor, progress, "sampled coalitions")
    return _result(game, mom, n_samples, recorded_seed(root), method)
