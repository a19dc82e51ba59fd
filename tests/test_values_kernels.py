"""Fast paths of the exact cooperative-game computations against slower independent ones:
the cached Shapley matrix and the blocked pass against the subset formula, power indices by
modular counting against the exact big-integer dynamic programme, the highspy nucleolus
against the scipy LP stages."""
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from govgames.networks import CoalitionalGame, shapley_value
from govgames.networks.values import SMALL_SHAPLEY_N, _shapley_exact, _weighted_bit_sums


def shapley_by_subsets(v, n):
    """phi_i = sum over S not containing i of |S|!(n-|S|-1)!/n! [v(S + i) - v(S)]."""
    phi = np.zeros(n)
    for i in range(n):
        for S in range(1 << n):
            if S >> i & 1:
                continue
            s = bin(S).count("1")
            w = math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n)
            phi[i] += w * (v[S | (1 << i)] - v[S])
    return phi


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_shapley_matrix_path_equals_subset_formula(n, seed):
    v = np.random.default_rng(seed).normal(size=1 << n)
    v[0] = 0.0
    g = CoalitionalGame(range(n), v)
    ours = np.array(list(shapley_value(g).values()))
    np.testing.assert_allclose(ours, shapley_by_subsets(v, n), rtol=1e-12, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(2, SMALL_SHAPLEY_N + 3), st.integers(0, 2**32 - 1),
       st.integers(3, 16))
def test_shapley_matrix_and_blocked_pass_agree(n, seed, block_bits):
    v = np.random.default_rng(seed).normal(size=1 << n)
    v[0] = 0.0
    a, b = _weighted_bit_sums(v, n, "shapley", block_bits=block_bits)
    blocked = a - b
    ours = np.array(_shapley_exact(CoalitionalGame(range(n), v)))
    np.testing.assert_allclose(ours, blocked, rtol=1e-10, atol=1e-10)
    assert abs(blocked.sum() - v[-1]) < 1e-9 * max(1.0, abs(v).max())


def test_cached_tables_are_read_only():
    from govgames.networks.values import _coefficient_tables, _shapley_matrix
    assert not _shapley_matrix(5).flags.writeable
    assert not _coefficient_tables(18, "shapley", 16).flags.writeable
    with pytest.raises(ValueError):
        _shapley_matrix(5)[0, 0] = 1.0


# --------------------------------------------------------------------------- nucleolus (highspy)
def _excesses(v, n, x):
    masks = np.arange(1, (1 << n) - 1)
    member = (masks[:, None] >> np.arange(n)) & 1
    return masks, member, v[masks] - member @ x


def kohlberg_prenucleolus_holds(v, n, x, tol=1e-6):
    """Kohlberg (1971): an efficient x is the prenucleolus iff for every level alpha, the
    coalitions with excess >= alpha form a balanced collection (positive weights lambda_S
    with sum lambda_S 1_S = 1_N). Checked level by level with scipy's linprog (max t s.t.
    lambda_S >= t), an independent characterisation of the sequential LP result."""
    from scipy.optimize import linprog
    assert abs(x.sum() - v[-1]) < tol
    masks, member, e = _excesses(v, n, x)
    for alpha in np.unique(np.round(e / tol) * tol)[::-1]:
        top = member[e >= alpha - tol].astype(float)
        k = top.shape[0]
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-np.eye(k), np.ones((k, 1))])        # t - lambda_S <= 0
        A_eq = np.hstack([top.T, np.zeros((n, 1))])
        res = linprog(c, A_ub=A_ub, b_ub=np.zeros(k), A_eq=A_eq, b_eq=np.ones(n),
                      bounds=[(0, None)] * k + [(None, 1)], method="highs")
        if res.status != 0 or -res.fun <= 1e-9:
            return False
    return True


def sequential_lp_nucleolus(v, n, lower=None):
    """Reference: the textbook sequential LPs with scipy's linprog on every remaining
    coalition, a coalition fixed when its excess stays at the stage optimum on the whole
    optimal face (checked by one more LP per candidate, Maschler-Peleg-Shapley 1979)."""
    from scipy.optimize import linprog
    masks = np.arange(1, (1 << n) - 1)
    member = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    open_ = np.ones(masks.size, dtype=bool)
    eq_rows, eq_rhs = [np.ones(n)], [v[-1]]
    bounds = [(None if lower is None else lower[i], None) for i in range(n)]
    x = None
    for _ in range(n + 1):
        if not open_.any():
            break
        M = member[open_]
        c = np.r_[np.zeros(n), 1.0]
        A_ub = np.hstack([-M, -np.ones((M.shape[0], 1))])
        A_eq = np.hstack([np.array(eq_rows), np.zeros((len(eq_rows), 1))])
        res = linprog(c, A_ub=A_ub, b_ub=-v[masks[open_]], A_eq=A_eq, b_eq=eq_rhs,
                      bounds=bounds + [(None, None)], method="highs")
        assert res.status == 0
        eps, x = res.x[n], res.x[:n]
        face_A, face_b = -M, -(v[masks[open_]] - eps) + 1e-9
        face_eq, face_rhs = np.array(eq_rows), list(eq_rhs)
        for r in np.flatnonzero(open_):
            # can x(S) exceed v(S) - eps on the optimal face? If not, S is fixed.
            res2 = linprog(-member[r], A_ub=face_A, b_ub=face_b, A_eq=face_eq, b_eq=face_rhs,
                           bounds=bounds, method="highs")
            if res2.status == 0 and -res2.fun <= v[masks[r]] - eps + 1e-7:
                eq_rows.append(member[r])
                eq_rhs.append(v[masks[r]] - eps)
                open_[r] = False
        rank = np.linalg.matrix_rank(np.array(eq_rows))
        if rank >= n:
            break
        for r in np.flatnonzero(open_):
            if np.linalg.matrix_rank(np.vstack(eq_rows + [member[r]])) == rank:
                open_[r] = False
    return x


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.integers(0, 2**32 - 1), st.booleans())
def test_prenucleolus_satisfies_kohlberg_criterion(n, seed, ties):
    rng = np.random.default_rng(seed)
    v = rng.integers(-3, 4, 1 << n).astype(float) if ties else rng.normal(size=1 << n)
    v[0] = 0.0
    from govgames.networks import nucleolus
    g = CoalitionalGame(range(n), v)
    for method in ("full", "cg"):
        x = np.array(list(nucleolus(g, domain="pre", method=method).values()))
        assert kohlberg_prenucleolus_holds(v, n, x)


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 5), st.integers(0, 2**32 - 1), st.sampled_from(["pre", "imputation"]))
def test_nucleolus_matches_textbook_sequential_lps(n, seed, domain):
    rng = np.random.default_rng(seed)
    pc = np.array([bin(m).count("1") for m in range(1 << n)], dtype=float)
    v = np.round(pc * rng.uniform(0.5, 1.5, 1 << n), 1)
    v[0] = 0.0
    from govgames.networks import nucleolus
    g = CoalitionalGame(range(n), v)
    lower = None if domain == "pre" else np.array([v[1 << i] for i in range(n)])
    if lower is not None and lower.sum() > v[-1]:
        with pytest.raises(ValueError, match="imputation set is empty"):
            nucleolus(g, domain=domain)
        return
    want = sequential_lp_nucleolus(v, n, lower)
    got = np.array(list(nucleolus(g, domain=domain).values()))
    np.testing.assert_allclose(got, want, atol=1e-6)


def test_nucleolus_published_examples_through_highspy():
    from govgames.networks import nucleolus
    # Aumann and Maschler (1985): the nucleoli of the bankruptcy games with claims 100, 200,
    # 300 are the Talmud's divisions of estates of 100, 200 and 300.
    claims = [100, 200, 300]
    for estate, want in [(100, [100 / 3] * 3), (200, [50, 75, 75]), (300, [50, 100, 150])]:
        g = CoalitionalGame.from_function(
            range(3), lambda S: max(0, estate - sum(c for i, c in enumerate(claims)
                                                     if i not in S)))
        np.testing.assert_allclose(list(nucleolus(g).values()), want, atol=1e-9)
    # the same call twice and after an error reuses the thread's HiGHS model cleanly
    g = CoalitionalGame(range(4), np.r_[0.0, np.arange(1, 16, dtype=float)])
    a = nucleolus(g, domain="pre")
    with pytest.raises(Exception):
        nucleolus(g, domain="bogus")
    assert nucleolus(g, domain="pre") == a


# --------------------------------------------------------------------------- power indices
@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=14), st.floats(0.05, 1.0))
def test_power_indices_int64_tables_equal_python_integer_tables(w, frac):
    """The int64 tables (n <= 62) against the Python-integer tables and against brute force
    over all coalitions (Fractions)."""
    import itertools
    import govgames.networks.voting as V
    from govgames.networks import banzhaf_index, shapley_shubik_index
    total = sum(w)
    if total == 0:
        return
    q = max(1, int(frac * total))
    fast_ss = shapley_shubik_index(w, q, rational=True)
    fast_bz = banzhaf_index(w, q, normalized=False, rational=True)
    saved = V.INT64_MAX_PLAYERS
    V.INT64_MAX_PLAYERS = 0
    try:
        assert shapley_shubik_index(w, q, rational=True) == fast_ss
        assert banzhaf_index(w, q, normalized=False, rational=True) == fast_bz
    finally:
        V.INT64_MAX_PLAYERS = saved
    n = len(w)
    if n <= 8:
        ss = [Fraction(0)] * n
        bz = [Fraction(0)] * n
        for i in range(n):
            others = [j for j in range(n) if j != i]
            for r in range(n):
                for S in itertools.combinations(others, r):
                    s = sum(w[j] for j in S)
                    if s < q <= s + w[i]:
                        ss[i] += Fraction(math.factorial(r) * math.factorial(n - 1 - r),
                                          math.factorial(n))
                        bz[i] += Fraction(1, 2 ** (n - 1))
        assert list(fast_ss.values()) == ss
        assert list(fast_bz.values()) == bz


def test_power_indices_large_n_uses_python_integers():
    import govgames.networks.voting as V
    from govgames.networks import shapley_shubik_index
    assert V._forward_counts([1] * 70, 40, True).dtype == object
    assert V._forward_counts([1] * 62, 40, True).dtype == np.int64
    # 70 equal players, quota 36: symmetric, every index 1/70 exactly
    ss = shapley_shubik_index([1] * 70, 36, rational=True)
    assert set(ss.values()) == {Fraction(1, 70)}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 15), min_size=1, max_size=80), st.floats(0.02, 1.0))
def test_shapley_shubik_size_recurrence_equals_the_player_by_player_table(w, frac):
    """The packed size recurrence (distinct weights) against the O(n^2 q) table built player by
    player: the same swing counts by size for every weight, zero weights and weights at or
    above the quota included."""
    import govgames.networks.voting as V
    total = sum(w)
    if total == 0:
        return
    q = max(1, int(frac * total))
    old = V._ss_swings_dp(w, q)
    new = V._ss_swings_packed(w, q)
    assert set(old) == set(new)
    for a in old:
        counts = new[a] + [0] * (len(w) - len(new[a]))
        assert counts == old[a], a


def test_shapley_shubik_large_n_exact_and_symmetric():
    """n = 300 players of weights 1..10: equal weights get equal indices, they sum to 1
    exactly, and heavier players never get less (monotone in weight)."""
    from govgames.networks import shapley_shubik_index
    rng = np.random.default_rng(3)
    w = rng.integers(1, 11, 300).tolist()
    q = sum(w) // 2 + 1
    ss = shapley_shubik_index(w, q, rational=True)
    assert sum(ss.values()) == 1
    by_weight = {}
    for i, a in enumerate(w):
        by_weight.setdefault(a, set()).add(ss[f"P{i + 1}"])
    assert all(len(v) == 1 for v in by_weight.values())
    vals = [by_weight[a].pop() for a in sorted(by_weight)]
    assert vals == sorted(vals) and vals[0] > 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=9), st.floats(0.02, 1.0))
def test_compiled_power_counts_equal_brute_force_enumeration(w, frac):
    """The compiled int64 counts (Shapley-Shubik numerators, Banzhaf swings) against a count
    over every order of the players and every coalition of the others, and the public
    functions on that path against the same enumeration as exact Fractions."""
    import itertools
    import govgames.networks.voting as V
    from govgames.networks._voting_kernel import banzhaf_swings, ss_numerators
    from govgames.networks import banzhaf_index, shapley_shubik_index
    total = sum(w)
    if total == 0:
        return
    q = max(1, int(frac * total))
    n = len(w)
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        acc = 0
        for i in order:
            if acc < q <= acc + w[i]:
                pivots[i] += 1
                break
            acc += w[i]
    swings = [0] * n
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for r in range(n):
            for S in itertools.combinations(others, r):
                s = sum(w[j] for j in S)
                swings[i] += s < q <= s + w[i]
    W = np.array(w, dtype=np.int64)
    assert ss_numerators(W, q, W).tolist() == pivots
    assert banzhaf_swings(W, q, W).tolist() == swings
    assert n <= V.INT64_MAX_PLAYERS                    # the compiled path is the one run
    ss = shapley_shubik_index(w, q, rational=True)
    assert list(ss.values()) == [Fraction(p, math.factorial(n)) for p in pivots]
    raw = banzhaf_index(w, q, normalized=False, rational=True)
    assert list(raw.values()) == [Fraction(s, 2 ** (n - 1)) for s in swings]
    floats = shapley_shubik_index(w, q)
    assert list(floats.values()) == [float(Fraction(p, math.factorial(n))) for p in pivots]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=10, max_size=20), st.floats(0.02, 1.0))
def test_compiled_power_indices_equal_big_integer_path_up_to_20_players(w, frac):
    """n = 10 .. 20 (numerators up to 20! in int64): the compiled path gives the Fractions of
    the big-integer path (packed recurrence, Python-integer tables)."""
    import govgames.networks.voting as V
    from govgames.networks import banzhaf_index, shapley_shubik_index
    total = sum(w)
    if total == 0:
        return
    q = max(1, int(frac * total))
    fast = (shapley_shubik_index(w, q, rational=True), banzhaf_index(w, q, rational=True))
    saved = V.INT64_MAX_PLAYERS
    V.INT64_MAX_PLAYERS = 0
    try:
        slow = (shapley_shubik_index(w, q, rational=True), banzhaf_index(w, q, rational=True))
    finally:
        V.INT64_MAX_PLAYERS = saved
    assert fast == slow


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 8), st.integers(0, 2**32 - 1), st.sampled_from(["pre", "imputation"]),
       st.sampled_from(["normal", "ties", "superadditive"]))
def test_nucleolus_last_stage_closed_form_matches_the_lp(n, seed, domain, kind):
    """The last stage in closed form (one free direction: the largest crossing of a rising and
    a falling excess line, clipped to the imputation bounds) gives the nucleolus the stage
    linear program gives, including games whose bounds x_i >= v(i) decide it."""
    from govgames.networks import nucleolus, stability
    rng = np.random.default_rng(seed)
    pc = np.array([bin(m).count("1") for m in range(1 << n)], dtype=float)
    v = {"normal": lambda: rng.normal(size=1 << n),
         "ties": lambda: rng.integers(-2, 3, 1 << n).astype(float) * pc,
         "superadditive": lambda: pc * rng.uniform(0.5, 1.5, 1 << n) + pc ** 1.2}[kind]()
    v[0] = 0.0
    g = CoalitionalGame(range(n), v)
    if domain == "imputation" and sum(v[1 << i] for i in range(n)) > v[-1]:
        return
    closed = np.array(list(nucleolus(g, domain=domain).values()))
    saved = stability.LAST_STAGE_MAX_PAIRS
    stability.LAST_STAGE_MAX_PAIRS = -1     # every last stage left to the linear program
    try:
        by_lp = np.array(list(nucleolus(g, domain=domain).values()))
    finally:
        stability.LAST_STAGE_MAX_PAIRS = saved
    np.testing.assert_allclose(closed, by_lp, atol=1e-9 * max(1.0, np.abs(v).max()))
