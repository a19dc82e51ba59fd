"""Sampled Shapley value (permutation sampling, plain and antithetic): agreement with the exact
value and the linkage closed form within standard errors, efficiency per permutation, seed
semantics, the same draws on every evaluation path, memory chunking, and the standard errors
themselves against the spread over independent runs."""

from concurrent.futures import Executor, Future

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import govgames.networks.sampling as V
from govgames.games.errors import InputError
from govgames.networks import CoalitionalGame, linkage_game, linkage_shapley_value, shapley_value


def random_game(n, seed):
    rng = np.random.default_rng(seed)
    v = rng.uniform(-5, 10, 1 << n)
    v[0] = 0.0
    return CoalitionalGame(range(n), v)


def zscores(est, reference, players):
    return np.array([(est[p] - reference[p]) / est.std_errors[p] for p in players])


def weighted_ba(n, seed):
    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    rng = np.random.default_rng(seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0.5, 5))
    G.add_edge(3, 3, weight=2.5)                      # a self-loop: a gain of node 3 alone
    return G


def generic(game):
    """The same game as a bare vectorised value function (no linkage metadata)."""
    return CoalitionalGame(game.players, value_function=game.value_function, vectorized=True)


# --------------------------------------------------------------------------- correctness
@pytest.mark.parametrize("antithetic", [False, True])
@pytest.mark.parametrize("n, seed", [(2, 0), (3, 1), (5, 2), (8, 3), (10, 4), (12, 5)])
def test_sampled_agrees_with_exact_on_random_games(n, seed, antithetic):
    g = random_game(n, seed)
    exact = shapley_value(g, method="exact")
    est = shapley_value(g, method="sample", n_samples=2000, seed=seed, antithetic=antithetic)
    assert est.n_samples == 2000
    assert est.method == ("antithetic permutation sampling" if antithetic
                          else "permutation sampling")
    if antithetic and n == 2:
        # an order and its reverse are all the orders of two players: exact, no error
        assert dict(est) == pytest.approx(exact, abs=1e-12)
        assert max(est.std_errors.values()) < 1e-12
        return
    assert min(est.std_errors.values()) > 0
    assert np.all(np.abs(zscores(est, exact, g.players)) < 4.5)
    assert sum(est.values()) == pytest.approx(g.grand_value, abs=1e-9)


@pytest.mark.parametrize("antithetic", [False, True])
def test_sampled_agrees_with_linkage_closed_form_200_nodes(antithetic):
    G = weighted_ba(200, 11)
    game = linkage_game(G)
    assert not game.is_exact
    closed = linkage_shapley_value(G)
    est = shapley_value(game, method="sample", n_samples=400, seed=3, antithetic=antithetic)
    if antithetic:
        # a link's weight goes to its later endpoint; in an order and its reverse that is
        # each endpoint once, so every pair mean is the closed form: exact, no error
        assert dict(est) == pytest.approx(closed, rel=1e-12, abs=1e-12)
        assert max(est.std_errors.values()) < 1e-9
    else:
        assert min(est.std_errors.values()) > 0
        assert np.all(np.abs(zscores(est, closed, G.nodes)) < 4.5)
    total = sum(d["weight"] for *_, d in G.edges(data=True))
    assert sum(est.values()) == pytest.approx(total, rel=1e-12)
    # the generic path (prefix values through the vectorised function) uses the same orders
    slow = shapley_value(generic(game), method="sample", n_samples=400, seed=3,
                         antithetic=antithetic)
    for p in G.nodes:
        assert slow[p] == pytest.approx(est[p], rel=1e-9, abs=1e-9)
        assert slow.std_errors[p] == pytest.approx(est.std_errors[p], rel=1e-9, abs=1e-9)


def test_linkage_shortcut_falls_back_when_the_graph_changed():
    G = weighted_ba(60, 4)
    game = linkage_game(G, tabulate=False)
    before = shapley_value(game, method="sample", n_samples=50, seed=1)
    u, v = next(iter(G.edges))
    G[u][v]["weight"] += 100.0              # the value function keeps the old weights
    after = shapley_value(game, method="sample", n_samples=50, seed=1)
    ref = shapley_value(generic(game), method="sample", n_samples=50, seed=1)
    assert dict(after) == pytest.approx(dict(ref), rel=1e-9, abs=1e-9)
    assert dict(after) == pytest.approx(dict(before), rel=1e-9, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 9), seed=st.integers(0, 10**6), antithetic=st.booleans(),
       batch=st.sampled_from([None, 1, 2, 3, 7]))
def test_efficiency_holds_per_permutation(n, seed, antithetic, batch):
    # each sampled order splits v(N) - v(empty) exactly, so the estimates sum to it for any
    # number of orders (2 or 4 here: a single bad order would show)
    g = random_game(n, seed)
    k = 4 if antithetic else 2
    for game in (g, CoalitionalGame(g.players, value_function=lambda S: g.value(S))):
        est = shapley_value(game, method="sample", n_samples=k, seed=seed,
                            antithetic=antithetic, batch_size=batch)
        assert sum(est.values()) == pytest.approx(g.grand_value, rel=1e-12, abs=1e-12)


def test_per_permutation_contributions_sum_to_grand_value():
    # the building blocks directly: every row of marginal contributions sums to v(N)
    g = random_game(7, 8)
    rng = np.random.default_rng(0)
    perms = V._draw_orders(rng, 50, 7, antithetic=True)
    assert np.array_equal(perms[1::2], perms[0::2, ::-1])
    rank = np.argsort(perms, axis=1)
    vals = np.zeros((50, 8))
    vals[:, 1:7] = V._Coalitions(g).prefixes(perms, rank)
    vals[:, 7] = g.grand_value
    contrib = np.take_along_axis(np.diff(vals, axis=1), rank, axis=1)
    assert np.allclose(contrib.sum(axis=1), g.grand_value, rtol=0, atol=1e-12)
    # and the marginal contribution of perms[b, k] is v(first k+1) - v(first k)
    b, k = 5, 3
    first = perms[b, :k]
    assert contrib[b, perms[b, k]] == pytest.approx(
        g.value(list(first) + [perms[b, k]]) - g.value(list(first)))
    G = weighted_ba(30, 2)
    lg = linkage_game(G, tabulate=False)
    c = V._linkage_contributions(V._linkage_arrays(lg), np.argsort(
        V._draw_orders(rng, 20, 30, antithetic=False), axis=1))
    total = sum(d["weight"] for *_, d in G.edges(data=True))
    assert np.allclose(c.sum(axis=1), total, rtol=1e-12)


# --------------------------------------------------------------------------- seeds, paths
def test_same_seed_same_result_on_every_path_and_batching():
    g = random_game(9, 21)
    runs = [shapley_value(g, method="sample", n_samples=300, seed=7, batch_size=b)
            for b in (None, 1, 13, 300)]
    for r in runs[1:]:
        assert dict(r) == pytest.approx(dict(runs[0]), rel=1e-12, abs=1e-12)
        assert r.std_errors == pytest.approx(runs[0].std_errors, rel=1e-9, abs=1e-12)
    again = shapley_value(g, method="sample", n_samples=300, seed=7)
    assert dict(again) == dict(runs[0]) and again.std_errors == runs[0].std_errors
    other = shapley_value(g, method="sample", n_samples=300, seed=8)
    assert dict(other) != dict(runs[0])
    # a Generator seed: its state advances, a fresh one with the same seed repeats
    rng = np.random.default_rng(7)
    gen = shapley_value(g, method="sample", n_samples=300, seed=rng)
    assert dict(shapley_value(g, method="sample", n_samples=300, seed=rng)) != dict(gen)
    again_gen = shapley_value(g, method="sample", n_samples=300, seed=np.random.default_rng(7))
    assert dict(again_gen) == dict(gen)
    # plain and vectorised value functions see the same orders
    plain = CoalitionalGame(g.players, value_function=lambda S: g.value(S))
    vec = CoalitionalGame(g.players, value_function=lambda M: g.evaluate_members(M),
                          vectorized=True)
    for game in (plain, vec):
        r = shapley_value(game, method="sample", n_samples=300, seed=7)
        assert dict(r) == pytest.approx(dict(runs[0]), rel=1e-12, abs=1e-12)
        assert r.std_errors == pytest.approx(runs[0].std_errors, rel=1e-9, abs=1e-12)
    # antithetic: same seed same result, independent of the batching
    a1 = shapley_value(g, method="sample", n_samples=300, seed=7, antithetic=True)
    a2 = shapley_value(g, method="sample", n_samples=300, seed=7, antithetic=True,
                       batch_size=5)
    assert dict(a1) == pytest.approx(dict(a2), rel=1e-12, abs=1e-12)


def test_plain_value_function_is_called_once_per_distinct_coalition():
    g = random_game(6, 4)
    calls = []

    def f(S):
        calls.append(S)
        return g.value(S)

    game = CoalitionalGame(g.players, value_function=f)
    est = shapley_value(game, method="sample", n_samples=3000, seed=1)
    assert len(calls) == len(set(calls)) <= 2 ** 6
    ref = shapley_value(g, method="sample", n_samples=3000, seed=1)
    assert dict(est) == pytest.approx(dict(ref), rel=1e-12, abs=1e-12)


def test_many_players_plain_function_and_memory_chunks(monkeypatch):
    # n >= 63: no integer masks; the plain function is cached by packed membership rows
    n = 70
    plain = CoalitionalGame(range(n), value_function=lambda S: float(len(S)) ** 2)
    vec = CoalitionalGame(range(n), value_function=lambda M: M.sum(axis=1) ** 2.0,
                          vectorized=True)
    a = shapley_value(plain, method="sample", n_samples=20, seed=2)
    b = shapley_value(vec, method="sample", n_samples=20, seed=2)
    assert dict(a) == pytest.approx(dict(b), rel=1e-12)
    # v(S) = |S|^2 is symmetric: every marginal contribution of the k-th entrant is 2k - 1,
    # so the average over the orders of the players in each position is n, up to noise
    assert sum(a.values()) == pytest.approx(n * n)
    assert np.all(np.abs(zscores(a, {p: float(n) for p in range(n)}, range(n))) < 4.5)
    # tiny membership budget: the prefixes of one order are split over several calls
    sizes = []

    def f(M):
        sizes.append(M.shape[0])
        return M.sum(axis=1) ** 2.0

    monkeypatch.setattr(V, "_SAMPLE_MEMBER_BUDGET", 5 * n)
    small = shapley_value(CoalitionalGame(range(n), value_function=f, vectorized=True),
                          method="sample", n_samples=20, seed=2)
    assert max(sizes) <= 5
    assert dict(small) == pytest.approx(dict(b), rel=1e-12)
    assert small.std_errors == pytest.approx(b.std_errors, rel=1e-9)


# --------------------------------------------------------------------------- standard errors
@pytest.mark.parametrize("antithetic", [False, True])
def test_standard_errors_match_the_spread_over_runs(antithetic):
    # the reported standard error estimates the standard deviation of the estimate over
    # independent runs. The game is pairwise plus noise, where an order and its reverse are
    # strongly negatively correlated: antithetic errors are about 6 times smaller than plain
    # ones, and treating the 2 m antithetic orders as independent draws would overstate them
    # about 6 times; the pair means give them right.
    rng = np.random.default_rng(5)
    n = 5
    A = np.triu(rng.uniform(0, 3, (n, n)), 1)
    M = ((np.arange(1 << n)[:, None] >> np.arange(n)) & 1).astype(float)
    v = np.einsum("ki,ij,kj->k", M, A, M) + rng.uniform(0, 1, 1 << n)
    v[0] = 0.0
    g = CoalitionalGame(range(n), v)
    runs = [shapley_value(g, method="sample", n_samples=40, seed=s, antithetic=antithetic)
            for s in range(300)]
    est = np.array([[r[p] for p in range(n)] for r in runs])
    se = np.array([[r.std_errors[p] for p in range(n)] for r in runs])
    ratio = np.sqrt((se ** 2).mean(axis=0)) / est.std(axis=0, ddof=1)
    assert np.all((ratio > 0.8) & (ratio < 1.25)), ratio
    spread = est.std(axis=0, ddof=1).max()
    assert (spread < 0.1) if antithetic else (spread > 0.2)
    exact = shapley_value(g)
    assert np.all(np.abs(est.mean(axis=0) - [exact[p] for p in range(n)])
                  < 4.5 * est.std(axis=0, ddof=1) / np.sqrt(len(runs)))


# --------------------------------------------------------------------------- bad input
def test_bad_sampling_input():
    g = random_game(4, 0)
    with pytest.raises(InputError, match="even integer >= 4"):
        shapley_value(g, method="sample", n_samples=5, antithetic=True)
    with pytest.raises(InputError, match="even integer >= 4"):
        shapley_value(g, method="sample", n_samples=2, antithetic=True)
    with pytest.raises(InputError, match="n_samples"):
        shapley_value(g, method="sample", n_samples=1)
    with pytest.raises(InputError, match="batch_size"):
        shapley_value(g, method="sample", n_samples=10, batch_size=0)
    bad = CoalitionalGame(range(3), value_function=lambda S: 1.0 + len(S))
    with pytest.raises(InputError, match="empty coalition"):
        shapley_value(bad, method="sample", n_samples=10)
    nan = CoalitionalGame(range(3), value_function=lambda S: np.nan if len(S) == 2 else 0.0)
    with pytest.raises(InputError, match="non-finite"):
        shapley_value(nan, method="sample", n_samples=10)


# --------------------------------------------------------------------------- shipping to workers
class _FakeFuture:
    def __init__(self, data):
        self.data, self.status = data, "finished"


class _FakeClient:
    """Stands in for a Dask client: counts what is scattered and how often."""

    def __init__(self):
        self.scattered = []

    def scatter(self, data, broadcast=False, hash=True):
        self.scattered.append(data)
        return _FakeFuture(data)


class _FakeDaskExecutor(Executor):
    """Runs each task at once, resolving future arguments as a Dask worker does, and keeps
    the arguments of every task."""

    def __init__(self):
        self._client = _FakeClient()
        self._max_workers = 2
        self.tasks = []

    def submit(self, fn, *args):
        self.tasks.append(args)
        args = tuple(a.data if isinstance(a, _FakeFuture) else a for a in args)
        group, inner = args[1], tuple(a.data if isinstance(a, _FakeFuture) else a
                                      for a in args[2])
        out = Future()
        out.set_result(fn(args[0], group, inner))
        return out


def test_large_table_is_shipped_once_and_kept_until_it_changes(monkeypatch):
    monkeypatch.setattr(V, "_SHIP_ONCE_BYTES", 1000)
    monkeypatch.setattr(V, "_SCATTERED_TABLES", type(V._SCATTERED_TABLES)())
    g = random_game(9, 3)                             # a 4 KiB table, "large" here
    ref = shapley_value(g, method="sample", n_samples=20_000, seed=5)
    ex = _FakeDaskExecutor()
    for _ in range(2):
        est = shapley_value(g, method="sample", n_samples=20_000, seed=5, executor=ex)
        assert dict(est) == dict(ref) and est.std_errors == ref.std_errors
    tables = [x for x in ex._client.scattered if isinstance(x, np.ndarray)]
    assert len(tables) == 1 and np.array_equal(tables[0], g.values)   # once for both calls
    # every task carries the sampler without the game and a future of the table
    for args in ex.tasks:
        sampler, root, table = args[2]
        assert sampler.coalitions is None and sampler.table is None
        assert isinstance(table, _FakeFuture)
    # a table changed in place is sent again, and the result follows the change
    g.values[5] += 1.0
    changed = shapley_value(g, method="sample", n_samples=20_000, seed=5, executor=ex)
    assert len([x for x in ex._client.scattered if isinstance(x, np.ndarray)]) == 2
    assert dict(changed) == dict(shapley_value(g, method="sample", n_samples=20_000, seed=5))
    assert dict(changed) != dict(ref)


def test_large_table_goes_to_a_process_pool_in_one_task_per_worker(monkeypatch):
    monkeypatch.setattr(V, "_SHIP_ONCE_BYTES", 1000)
    g = random_game(9, 3)
    ref = shapley_value(g, method="sample", n_samples=20_000, seed=5)
    ex = _FakeDaskExecutor()
    ex._client = None                                 # an executor without a Dask client
    est = shapley_value(g, method="sample", n_samples=20_000, seed=5, executor=ex)
    assert dict(est) == dict(ref) and est.std_errors == ref.std_errors
    assert len(ex.tasks) == ex._max_workers           # one task (one copy) per worker
    monkeypatch.setattr(V, "_SHIP_ONCE_BYTES", 1 << 20)
    ex.tasks.clear()
    shapley_value(g, method="sample", n_samples=20_000, seed=5, executor=ex)
    assert len(ex.tasks) == 3                         # small table: one task per chunk


# --------------------------------------------------------------------------- compiled kernels
def _numpy_fisher_yates(rng, k, n):
    """Reference: the vectorised numpy Fisher-Yates shuffle of k orders (row r uses row r of
    rng.random((k, n - 1)); position j swapped with floor(u (j + 1)), j = n-1 .. 1)."""
    P = np.tile(np.arange(n), (k, 1))
    if n > 1 and k:
        U = rng.random((k, n - 1))
        rows = np.arange(k)
        for j in range(n - 1, 0, -1):
            t = (U[:, j - 1] * (j + 1)).astype(np.intp)
            a = P[rows, t].copy()
            P[rows, t] = P[:, j]
            P[:, j] = a
    return P


def _numpy_contributions(v, P):
    m, n = P.shape
    masks = np.cumsum(np.left_shift(1, P[:, :-1].astype(np.int64)), axis=1)
    vals = np.zeros((m, n + 1))
    vals[:, 1:n] = v[masks]
    vals[:, n] = v[-1]
    out = np.empty((m, n))
    out[np.arange(m)[:, None], P] = np.diff(vals, axis=1)
    return out


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 12), k=st.integers(1, 300), seed=st.integers(0, 10**6))
def test_compiled_orders_and_draws_equal_the_numpy_reference(n, k, seed):
    from govgames.networks._sampling_kernel import table_draws
    P = _numpy_fisher_yates(np.random.default_rng(seed), k, n)
    assert np.array_equal(V._draw_orders(np.random.default_rng(seed), k, n, False), P)
    anti = V._draw_orders(np.random.default_rng(seed), 2 * k, n, True)
    assert np.array_equal(anti[0::2], P) and np.array_equal(anti[1::2], P[:, ::-1])
    v = random_game(n, seed).values
    U = np.random.default_rng(seed).random((k, n - 1))
    ref = _numpy_contributions(v, P)
    assert np.array_equal(table_draws(v, U, n, v[-1], False), ref)
    pairs = 0.5 * (ref + _numpy_contributions(v, np.ascontiguousarray(P[:, ::-1])))
    assert np.array_equal(table_draws(v, U, n, v[-1], True), pairs)
