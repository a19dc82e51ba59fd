"""Axioms and cross-checks of the values on random games (hypothesis), against independent
algorithms: permutation enumeration, exact rational arithmetic, networkx components."""

import itertools
import math
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.networks import (CoalitionalGame, banzhaf_value, graph_restricted, harsanyi_dividends,
                      in_core, is_convex, is_superadditive, least_core, linkage_game,
                      linkage_shapley_value, myerson_value, nucleolus, owen_value,
                      shapley_shubik_index, banzhaf_index, shapley_value)

from govgames.networks.testing import assert_in_core  # noqa: E402
from govgames.networks.testing.strategies import coalitional_games  # noqa: E402

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def games(draw, min_n=1, max_n=6, integer=False):
    n = draw(st.integers(min_n, max_n))
    if integer:
        vals = draw(st.lists(st.integers(-20, 20), min_size=1 << n, max_size=1 << n))
    else:
        vals = draw(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1 << n,
                             max_size=1 << n))
    vals[0] = 0
    return CoalitionalGame([f"p{i}" for i in range(n)], vals)


def shapley_by_permutations(game):
    """Independent: average marginal contribution over all n! orders, in exact rationals."""
    n = game.n
    v = [Fraction(int(x)) for x in game.values]
    phi = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        m = 0
        for i in order:
            phi[i] += v[m | 1 << i] - v[m]
            m |= 1 << i
    return [x / math.factorial(n) for x in phi]


@SETTINGS
@given(games(integer=True))
def test_shapley_equals_permutation_formula_exactly(g):
    phi = shapley_value(g)
    assert list(phi.values()) == pytest.approx([float(x) for x in shapley_by_permutations(g)],
                                               abs=1e-9)


@SETTINGS
@given(games())
def test_efficiency(g):
    assert sum(shapley_value(g).values()) == pytest.approx(g.grand_value, abs=1e-8)


@SETTINGS
@given(games(min_n=2), st.data())
def test_symmetry(g, data):
    # symmetrise players i and j: v'(S) = v(S) if both or neither in S, else the average
    n = g.n
    i, j = data.draw(st.permutations(range(n)))[:2]
    v = g.values.copy()
    for m in range(1 << n):
        if (m >> i & 1) and not (m >> j & 1):
            swapped = m ^ (1 << i) ^ (1 << j)
            avg = (v[m] + v[swapped]) / 2
            v[m] = v[swapped] = avg
    h = CoalitionalGame(g.players, v)
    phi, beta = shapley_value(h), banzhaf_value(h)
    pi, pj = g.players[i], g.players[j]
    assert phi[pi] == pytest.approx(phi[pj], abs=1e-8)
    assert beta[pi] == pytest.approx(beta[pj], abs=1e-8)


@SETTINGS
@given(games(min_n=2), st.data())
def test_null_player(g, data):
    n = g.n
    k = data.draw(st.integers(0, n - 1))
    v = g.values.copy()
    for m in range(1 << n):
        if m >> k & 1:
            v[m] = v[m ^ (1 << k)]
    h = CoalitionalGame(g.players, v)
    assert shapley_value(h)[g.players[k]] == pytest.approx(0, abs=1e-8)
    assert banzhaf_value(h)[g.players[k]] == pytest.approx(0, abs=1e-8)
    assert owen_value(h, [[p] for p in g.players])[g.players[k]] == pytest.approx(0, abs=1e-8)


@SETTINGS
@given(games(min_n=1, max_n=5), st.data())
def test_additivity(g, data):
    other = data.draw(st.lists(st.floats(-50, 50, allow_nan=False), min_size=1 << g.n,
                               max_size=1 << g.n))
    other[0] = 0
    h = CoalitionalGame(g.players, other)
    s = shapley_value(g + h)
    a, b = shapley_value(g), shapley_value(h)
    for p in g.players:
        assert s[p] == pytest.approx(a[p] + b[p], abs=1e-7)
    bz = banzhaf_value(g + h)
    ba, bb = banzhaf_value(g), banzhaf_value(h)
    for p in g.players:
        assert bz[p] == pytest.approx(ba[p] + bb[p], abs=1e-7)


@SETTINGS
@given(games(max_n=7))
def test_dividends_rebuild_the_game_and_give_shapley(g):
    d = harsanyi_dividends(g).array
    n = g.n
    # v(S) = sum of dividends of subsets; phi_i = sum_{S contains i} d(S)/|S|
    for m in range(1 << n):
        sub = [t for t in range(1 << n) if t & m == t]
        assert g.values[m] == pytest.approx(d[sub].sum(), abs=1e-7)
    phi = [sum(d[m] / bin(m).count("1") for m in range(1 << n) if m >> i & 1)
           for i in range(n)]
    assert list(shapley_value(g).values()) == pytest.approx(phi, abs=1e-7)


@SETTINGS
@given(games(max_n=6), st.data())
def test_owen_with_trivial_unions_is_shapley(g, data):
    phi = shapley_value(g)
    assert owen_value(g, [[p] for p in g.players]) == pytest.approx(phi, abs=1e-8)
    assert owen_value(g, [list(g.players)]) == pytest.approx(phi, abs=1e-8)
    # any partition: still efficient; quotient-game property: a union gets the Shapley value
    # of the game among unions
    players = list(data.draw(st.permutations(g.players)))
    cut = data.draw(st.integers(1, len(players)))
    unions = [players[:cut], players[cut:]] if cut < len(players) else [players]
    ow = owen_value(g, unions)
    assert sum(ow.values()) == pytest.approx(g.grand_value, abs=1e-7)
    if len(unions) == 2:
        a = g.mask(unions[0])
        b = g.mask(unions[1])
        va, vb, vn = g.values[a], g.values[b], g.values[a | b]
        assert sum(ow[p] for p in unions[0]) == pytest.approx((vn + va - vb) / 2, abs=1e-7)


@SETTINGS
@given(games(max_n=6))
def test_myerson_on_complete_graph_is_shapley(g):
    G = nx.complete_graph(g.players)
    assert myerson_value(g, G) == pytest.approx(shapley_value(g), abs=1e-8)


@SETTINGS
@given(games(min_n=2, max_n=6), st.integers(0, 10_000))
def test_myerson_component_efficiency(g, seed):
    # Myerson (1977): each connected component of the graph receives exactly its worth
    G = nx.gnp_random_graph(g.n, 0.35, seed=seed)
    G = nx.relabel_nodes(G, dict(enumerate(g.players)))
    mv = myerson_value(g, G)
    for comp in nx.connected_components(G):
        assert sum(mv[p] for p in comp) == pytest.approx(g.value(comp), abs=1e-7)


@pytest.mark.parametrize("seed", range(5))
def test_linkage_closed_form_equals_exact(seed):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(10, 0.4, seed=seed)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0, 5))
    exact = shapley_value(linkage_game(G), method="exact")
    assert exact == pytest.approx(linkage_shapley_value(G), abs=1e-9)
    # and the Myerson value on a different communication graph, computed generally
    H = nx.path_graph(10)
    general = shapley_value(graph_restricted(linkage_game(G), H), method="exact")
    assert myerson_value(linkage_game(G), H) == pytest.approx(general, abs=1e-9)


def test_linkage_closed_form_scales():
    G = nx.barabasi_albert_graph(10_000, 3, seed=1)
    game = linkage_game(G)
    assert not game.is_exact
    mv = myerson_value(game, G)
    assert sum(mv.values()) == pytest.approx(G.number_of_edges())
    assert mv[0] == pytest.approx(G.degree(0) / 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sampled_shapley_within_standard_errors(seed):
    rng = np.random.default_rng(100 + seed)
    n = 8
    v = rng.uniform(0, 10, 1 << n) * (np.arange(1 << n) > 0)
    g = CoalitionalGame(range(n), v)
    exact = shapley_value(g)
    est = shapley_value(g, method="sample", n_samples=3000, seed=seed)
    assert sum(est.values()) == pytest.approx(g.grand_value)
    z = np.array([(est[p] - exact[p]) / est.std_errors[p] for p in g.players])
    assert np.all(np.abs(z) < 4.5)
    # the function-mode (vectorised membership) path gives the same draws
    f = CoalitionalGame(range(n), value_function=lambda S: v[g.mask(S)])
    est_f = shapley_value(f, method="sample", n_samples=300, seed=seed)
    est_g = shapley_value(g, method="sample", n_samples=300, seed=seed)
    assert dict(est_f) == pytest.approx(dict(est_g))
    assert est_f.std_errors == pytest.approx(est_g.std_errors)


def test_sampling_at_large_n():
    G = nx.barabasi_albert_graph(800, 2, seed=3)
    game = linkage_game(G)
    est = shapley_value(game, method="sample", n_samples=40, seed=0)
    closed = linkage_shapley_value(G)
    z = np.array([(est[p] - closed[p]) / max(est.std_errors[p], 1e-12) for p in range(50)])
    assert np.mean(np.abs(z) < 4) > 0.9
    assert sum(est.values()) == pytest.approx(G.number_of_edges())


@SETTINGS
@given(st.lists(st.integers(0, 12), min_size=1, max_size=9), st.data())
def test_power_indices_equal_mask_values(weights, data):
    total = sum(weights)
    if total == 0:
        return
    q = data.draw(st.integers(1, total))
    g = CoalitionalGame.weighted_voting(weights, q)
    assert list(shapley_shubik_index(weights, q).values()) == pytest.approx(
        list(shapley_value(g).values()), abs=1e-9)
    assert list(banzhaf_index(weights, q, normalized=False).values()) == pytest.approx(
        list(banzhaf_value(g).values()), abs=1e-9)
    assert shapley_shubik_index(g) == shapley_shubik_index(weights, q)


def test_power_indices_large_exact_sum_to_one():
    rng = np.random.default_rng(4)
    w = rng.integers(1, 6, 150).tolist()
    q = sum(w) // 2 + 1
    ss = shapley_shubik_index(w, q, rational=True)
    assert sum(ss.values()) == 1
    bz = banzhaf_index(w, q, rational=True)
    assert sum(bz.values()) == 1
    # larger weight, weakly more power
    order = np.argsort(w)
    vals = [ss[f"P{i + 1}"] for i in order]
    assert all(a <= b for a, b in zip(vals, vals[1:]))


@SETTINGS
@given(coalitional_games(1, 5, convex=True))
def test_nucleolus_and_shapley_in_core_of_convex_games(g):
    # non-negative Harsanyi dividends: convex, so both solutions lie in the core
    assert is_convex(g)
    assert_in_core(g, shapley_value(g), tol=1e-7)
    assert_in_core(g, nucleolus(g), tol=1e-7)


@SETTINGS
@given(games(max_n=5, integer=True))
def test_nucleolus_in_core_when_core_nonempty(g):
    eps, point = least_core(g)
    assert bool(in_core(g, point, tol=1e-6)) == (eps <= 1e-9)
    if eps <= 1e-9:
        x = nucleolus(g, domain="pre")
        assert in_core(g, x, tol=1e-6)


@SETTINGS
@given(st.integers(2, 6), st.data())
def test_convex_games_have_shapley_in_core(n, data):
    # v(S) = f(|S|) with f convex, plus an additive part: a convex game
    f = np.cumsum(np.cumsum(data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))))
    add = data.draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    g = CoalitionalGame.from_function(range(n), lambda S: (f[len(S) - 1] if S else 0)
                                      + sum(add[i] for i in S))
    assert is_convex(g) and is_superadditive(g)
    assert in_core(g, shapley_value(g), tol=1e-7)


@settings(max_examples=25, deadline=None)
@given(games(min_n=2, max_n=6, integer=True))
def test_convexity_and_superadditivity_against_brute_force(g):
    n, v = g.n, g.values
    conv = all(v[S | 1 << i | 1 << j] - v[S | 1 << j] >= v[S | 1 << i] - v[S] - 1e-9
               for S in range(1 << n) for i in range(n) for j in range(n)
               if i != j and not (S >> i & 1) and not (S >> j & 1))
    sup = all(v[S | T] >= v[S] + v[T] - 1e-9 for S in range(1 << n) for T in range(1 << n)
              if S & T == 0)
    assert is_convex(g) == conv
    assert is_superadditive(g) == sup


@settings(max_examples=25, deadline=None)
@given(games(min_n=2, max_n=7, integer=True))
def test_nucleolus_full_and_constraint_generation_agree(g):
    a = nucleolus(g, domain="pre", method="full")
    b = nucleolus(g, domain="pre", method="cg")
    assert a == pytest.approx(b, abs=1e-6)
