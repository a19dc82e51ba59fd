"""Positive-dimensional sets of equilibria of N-player games (ties in the payoffs).

Checked against an independent search: every support profile of 2-strategy games, the mixing
players' probabilities on a grid of rationals (denominators up to 7), each point decided in
exact arithmetic. A support that holds an equilibrium must be listed (as isolated equilibria, a
component or undecided); every component must carry exact sample equilibria with exactly its
support; a support proved empty must hold no equilibrium at any random rational point.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame
from govgames.games.errors import InputError
from govgames.games.nplayer import enumerate_equilibria, logit_path_equilibrium
from govgames.games.nplayer.linear import linear_support_empty
from govgames.games.nplayer.polynomial import support_empty_by_saturation
from govgames.games.nplayer.supports import support_weakly_dominated

G116 = [0, 0, 2, 0, 0, 2, 1, 0, 1, 2, 2, 1, 0, 1, 0, 2, 0, 0, 2, 1, 1, 2, 1, 0]
G1005 = [0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0]
GRID = sorted({F(k, d) for d in range(2, 8) for k in range(1, d)})


def nfg_game(entries) -> NormalFormGame:
    """A 2x2x2 game from the payoff list of an .nfg file (player 1 fastest, then profiles with
    player 1's strategy fastest)."""
    P = np.zeros((3, 2, 2, 2), dtype=int)
    for k, prof in enumerate(itertools.product(range(2), repeat=3)):
        P[:, prof[2], prof[1], prof[0]] = entries[3 * k:3 * k + 3]
    return NormalFormGame(P)


def gains(P, xs):
    """Exact payoff of each pure strategy of each player against the others' profile."""
    n = len(xs)
    out = []
    for i in range(n):
        vals = P[i].astype(object)
        for j in reversed(range(n)):
            if j != i:
                vals = np.tensordot(vals, np.array(xs[j], dtype=object), axes=([j], [0]))
        out.append([F(v) for v in np.atleast_1d(vals)])
    return out


def is_equilibrium_with_support(P, xs, S) -> bool:
    for i, vals in enumerate(gains(P, xs)):
        best = max(vals)
        if any(vals[s] != best for s in S[i]):
            return False
    return True


def grid_supports(P, supports=None) -> set:
    """Support profiles on which a grid point is an exact equilibrium (2 strategies each)."""
    n = P.shape[0]
    found = set()
    for S in supports or itertools.product([(0,), (1,), (0, 1)], repeat=n):
        mix = [i for i in range(n) if len(S[i]) == 2]
        for vals in itertools.product(GRID, repeat=len(mix)):
            xs = [[F(int(s == S[i][0])) for s in range(2)] for i in range(n)]
            for i, v in zip(mix, vals):
                xs[i] = [v, 1 - v]
            if is_equilibrium_with_support(P, xs, S):
                found.add(S)
                break
    return found


def sub_supports(face) -> list:
    """Every support profile in the closed face ``face`` (a non-empty subset per player)."""
    subsets = [[c for r in range(1, len(T) + 1) for c in itertools.combinations(T, r)]
               for T in face]
    return list(itertools.product(*subsets))


def in_faces(support, faces) -> bool:
    return any(all(set(a) <= set(b) for a, b in zip(support, T)) for T in faces)


def listed_supports(g, res) -> tuple:
    """Supports listed as isolated equilibria, in components (every support in a component's
    faces) and undecided."""
    idx = [{s: k for k, s in enumerate(names)} for names in g.strategies]
    conv = lambda sup: tuple(tuple(idx[i][s] for s in Si) for i, Si in enumerate(sup))  # noqa
    iso = {conv(e.support) for e in res.equilibria}
    comps = {S for c in res.components
             for S in ([conv(c.support)] if not c.faces else
                       [x for T in c.faces for x in sub_supports(conv(T))])}
    return iso, comps, {conv(c.support) for c in res.undecided}


def check_components(g, res):
    """Samples are exact equilibria of the component's support, or of a support in one of its
    faces, every profile of which is an equilibrium (checked at the faces' vertices)."""
    P = g.exact_payoffs()
    for c in res.components:
        assert c.samples, c
        for e in c.samples:
            assert tuple(e.support) == c.support if not c.faces else in_faces(e.support,
                                                                              c.faces)
            S = listed_supports(g, type(res)([e], [], [], 0))[0].pop()
            assert is_equilibrium_with_support(P, [list(x) for x in e.exact_profile], S)
        idx = [{s: k for k, s in enumerate(names)} for names in g.strategies]
        for T in c.faces:
            for prof in itertools.product(*T):
                xs = [[F(int(s == idx[i][prof[i]])) for s in range(len(idx[i]))]
                      for i in range(len(T))]
                assert is_equilibrium_with_support(P, xs, tuple((idx[i][x],)
                                                                for i, x in enumerate(prof)))


def test_g116_lists_no_component_without_equilibrium():
    g = nfg_game(G116)
    for exclude in (True, False):
        res = enumerate_equilibria(g, exclude=exclude)
        assert sorted(e.pure_profile for e in res.equilibria) == [
            ("s1", "s1", "s1"), ("s1", "s2", "s2"), ("s2", "s2", "s1")]
        assert res.components == [] and res.undecided == []
        notes = " ".join(res.to_list().notes)
        assert "positive-dimensional" not in notes and "undecided" not in notes


def test_g1005_totally_mixed_continuum_has_certified_samples():
    g = nfg_game(G1005)
    res = enumerate_equilibria(g)
    check_components(g, res)
    full = [c for c in res.components if all(len(s) == 2 for s in c.support)]
    assert len(full) == 1 and full[0].dimension == 1
    assert any(all(p == (F(1, 2), F(1, 2)) for p in e.exact_profile) for e in full[0].samples)
    assert not res.undecided
    notes = res.to_list().notes
    assert any("{s1, s2}; {s1, s2}; {s1, s2}: a continuum" in n for n in notes)


def test_cli_shows_the_continuum(tmp_path, capsys):
    from govgames.analyses.cli import main
    from govgames.games.io import write_game

    path = write_game(nfg_game(G1005), tmp_path / "g1005.nfg")
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    assert "{s1, s2}; {s1, s2}; {s1, s2}: a continuum" in out and "no equilibrium was found" \
        not in out


@pytest.mark.parametrize("seed", [258, 1005, 1033, 1034] + list(range(12)))
def test_random_01_games_match_grid_search(seed):
    P = np.random.default_rng(seed).integers(0, 2, size=(3, 2, 2, 2))
    g = NormalFormGame(P)
    res = enumerate_equilibria(g)
    check_components(g, res)
    iso, comps, undecided = listed_supports(g, res)
    assert not undecided  # every 2x2x2 {0, 1} game tried is decided
    grid = grid_supports(g.exact_payoffs())
    assert grid <= iso | comps
    assert comps <= grid  # a component's samples lie on the grid here (rational slices)
    if seed in (258, 1005, 1033, 1034):
        assert ((0, 1), (0, 1), (0, 1)) in comps


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, 2), min_size=24, max_size=24),
       st.lists(st.sampled_from([(0,), (1,), (0, 1)]), min_size=3, max_size=3),
       st.lists(st.sampled_from(GRID), min_size=3, max_size=3))
def test_proofs_of_emptiness_hold_at_random_points(entries, S, point):
    P = np.array(entries, dtype=object).reshape(3, 2, 2, 2)
    S = tuple(S)
    proved = (support_weakly_dominated(list(P), S) is not None
              or linear_support_empty(list(P), S) or support_empty_by_saturation(list(P), S))
    if proved:
        xs = [[v, 1 - v] if len(Si) == 2 else [F(int(s == Si[0])) for s in range(2)]
              for v, Si in zip(point, S)]
        assert not is_equilibrium_with_support(P, xs, S)
        # and no equilibrium at all with this support (brute force on the grid)
        assert not grid_supports(P, [S])


def test_argument_errors_name_the_argument():
    g = nfg_game(G1005)
    for kw, name in [(dict(max_degree="a"), "max_degree"), (dict(exclude="no"), "exclude"),
                     (dict(max_cost=0), "max_cost"), (dict(prune=None), "prune"),
                     (dict(max_unknowns=2.5), "max_unknowns")]:
        with pytest.raises(InputError, match=name):
            enumerate_equilibria(g, **kw)
    for kw, name in [(dict(lam_max=0), "lam_max"), (dict(lam_max=-5), "lam_max"),
                     (dict(lam_max=float("nan")), "lam_max"), (dict(tol=-1), "tol"),
                     (dict(max_steps=0), "max_steps"), (dict(tol="x"), "tol")]:
        with pytest.raises(InputError, match=name):
            logit_path_equilibrium(g, **kw)


def test_logit_exposes_the_algebraic_closed_form():
    from govgames.games.nplayer import AlgebraicProfile, regret

    g = NormalFormGame(np.random.default_rng(0).integers(-100, 101, size=(3, 4, 4, 4)))
    e = logit_path_equilibrium(g)  # support sizes (3, 2, 2): a quadratic, irrational solution
    a = e.algebraic_profile
    assert isinstance(a, AlgebraicProfile) and a.degree == 2 and e.exact_profile is None
    assert a.is_equilibrium(g)  # exact certification of the algebraic numbers
    assert max(np.abs(np.asarray(x) - y).max() for x, y in zip(a.to_floats(), e.profile)) < 1e-12
    assert regret(g.numeric_payoffs(), list(e.profile)) < 1e-9
    # the same profile type as enumerate_equilibria's, and rational results leave it None
    assert logit_path_equilibrium(nfg_game(G1005)).algebraic_profile is None
    rng, irrational = np.random.default_rng(7), 0
    while not irrational:
        res = enumerate_equilibria(NormalFormGame(rng.integers(-9, 10, size=(3, 2, 2, 2))))
        for eq, p in zip(res.equilibria, res.profiles):
            assert (eq.algebraic_profile is p) if p.degree > 1 else eq.algebraic_profile is None
            irrational += p.degree > 1


def test_saturation_decides_boundary_and_constant_slack_continua():
    # 4-player {0, 1} games: the continua of these supports lie on the boundary of the
    # simplices (seeds 1, 14) or an unused strategy pays 1/6 more all along them (seed 2)
    for seed, S in [(1, ((0, 1), (0, 1), (0, 1), (1,))), (2, ((0, 1), (1,), (0, 1), (0, 1))),
                    (14, ((0, 1), (0,), (0, 1), (0, 1)))]:
        P = np.random.default_rng(seed).integers(0, 2, size=(4, 2, 2, 2, 2))
        assert support_weakly_dominated(list(P), S) is None
        assert support_empty_by_saturation(list(P), S)
        assert not grid_supports(P.astype(object), [S])
        res = enumerate_equilibria(NormalFormGame(P))
        check_components(NormalFormGame(P), res)
        assert S not in listed_supports(NormalFormGame(P), res)[2]


def test_isolated_equilibrium_beside_a_boundary_continuum_is_found():
    # 4-player {0, 1} game, seed 13: the full support's equations have a curve of solutions on
    # the boundary of the simplices and, inside, one irrational point (player 4: 2 - sqrt(2)
    # on s2); slices of the curve never meet it, saturation by the probabilities isolates it
    from govgames.games.nplayer import regret

    g = NormalFormGame(np.random.default_rng(13).integers(0, 2, size=(4, 2, 2, 2, 2)))
    res = enumerate_equilibria(g)
    full = [(e, p) for e, p in zip(res.equilibria, res.profiles) if all(len(s) == 2
                                                                        for s in e.support)]
    assert len(full) == 1
    e, p = full[0]
    assert p.degree == 2 and p.is_equilibrium(g) and e.algebraic_profile is p
    assert abs(e.profile[3][1] - (2 - 2 ** 0.5)) < 1e-12
    assert regret(g.numeric_payoffs(), list(e.profile)) < 1e-12
    assert all(len(c.support) == 4 and not all(len(s) == 2 for s in c.support)
               for c in res.components + res.undecided)


def test_combined_advantages_decide_bilinear_continua():
    # 4-player {0, 1} game, seed 13, support ({s1}, {s1, s2}, {s1, s2}, {s1}): no equation,
    # players 1 and 4 need (2 y - 1)(z - 1) >= 0 and y (2 - z) >= 1; neither advantage alone
    # is signed on the square, their sum z (y - 1) is negative inside it
    from govgames.games.nplayer.linear import positive_combination

    P = np.random.default_rng(13).integers(0, 2, size=(4, 2, 2, 2, 2))
    S = ((0,), (0, 1), (0, 1), (0,))
    assert support_weakly_dominated(list(P), S) is None
    assert linear_support_empty(list(P), S)
    ys = [F(k, 40) for k in range(1, 40)]
    assert not any(is_equilibrium_with_support(P.astype(object), [[1, 0], [y, 1 - y],
                                                                 [z, 1 - z], [1, 0]], S)
                   for y in ys for z in ys)
    assert positive_combination([{"a": F(1), "b": F(-1)}, {"a": F(-1), "b": F(2)}])
    assert not positive_combination([{"a": F(1), "b": F(-1)}, {"a": F(-1), "b": F(1)}])


@pytest.mark.parametrize("seed", range(6))
def test_random_4_player_01_games_are_decided(seed):
    g = NormalFormGame(np.random.default_rng(seed).integers(0, 2, size=(4, 2, 2, 2, 2)))
    res = enumerate_equilibria(g)
    check_components(g, res)
    assert not res.undecided
    for e, p in zip(res.equilibria, res.profiles):
        assert p.is_equilibrium(g)


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 3, 3)])
def test_all_zero_game_is_one_component(shape):
    # every profile is an equilibrium: one connected set, the whole product of simplices
    # (the 3x3x3 game was reported as 27 pure equilibria and 316 components, one per support;
    # all-zero faces are still read off without slicing Groebner bases, issue 12)
    g = NormalFormGame(np.zeros((len(shape),) + shape))
    for kw in (dict(rational=False), dict(exclude=False), dict()):
        res = enumerate_equilibria(g, progress=False, **kw)
        # the pure equilibria, the vertices of the component, stay listed (extreme equilibria)
        assert len(res.equilibria) == np.prod(shape) and all(e.is_pure for e in res.equilibria)
        assert len(res.profiles) == len(res.equilibria) and not res.undecided
        (c,) = res.components
        assert c.faces == [c.support] == [tuple(g.strategies)]
        assert c.dimension == sum(shape) - 3
        assert not any(e.is_pure for e in c.samples) and c.samples[0].support == c.support
    check_components(g, res)
    supports = {tuple(e.support) for e in c.samples} | {tuple(e.support) for e in res.equilibria}
    assert len(supports) == (2 ** shape[0] - 1) ** 3  # every support is in it
    notes = res.to_list().notes
    assert len(res.to_list()) == np.prod(shape) and sum("a continuum" in n for n in notes) == 1


def test_two_disjoint_continua_are_two_components():
    # players 1 and 3 coordinate, player 2 is indifferent when they do and prefers s1 when
    # they do not: the segments (s1, any, s1) and (s2, any, s2) are two connected sets of
    # equilibria (their closed faces are disjoint), and (1/2, s1, 1/2) is isolated
    P = np.zeros((3, 2, 2, 2), dtype=int)
    for x, y, z in itertools.product(range(2), repeat=3):
        P[0, x, y, z] = P[2, x, y, z] = int(x == z)
        P[1, x, y, z] = int(x != z and y == 0)
    g = NormalFormGame(P)
    res = enumerate_equilibria(g, progress=False)
    check_components(g, res)
    mixed = [e.exact_profile for e in res.equilibria if not e.is_pure]
    assert mixed == [((F(1, 2), F(1, 2)), (F(1), F(0)), (F(1, 2), F(1, 2)))]
    assert [(c.support, c.faces, c.dimension) for c in res.components] == [
        ((("s1",), ("s1", "s2"), ("s1",)), [(("s1",), ("s1", "s2"), ("s1",))], 1),
        ((("s2",), ("s1", "s2"), ("s2",)), [(("s2",), ("s1", "s2"), ("s2",))], 1)]
    # the four pure end points, two per segment, are listed as extreme equilibria
    pure = sorted(e.pure_profile for e in res.equilibria if e.is_pure)
    assert pure == [("s1", "s1", "s1"), ("s1", "s2", "s1"), ("s2", "s1", "s2"),
                    ("s2", "s2", "s2")]
    assert not any(e.is_pure for c in res.components for e in c.samples)


def test_faces_meeting_in_a_sub_face_are_one_component():
    # player 1 indifferent everywhere; players 2 and 3 indifferent unless both play s2:
    # the faces ({s1, s2}, {s1, s2}, {s1}) and ({s1, s2}, {s1}, {s1, s2}) share ({s1, s2}, {s1},
    # {s1}), so their union is one connected set; (., s2, s2) is not an equilibrium face
    P = np.zeros((3, 2, 2, 2), dtype=int)
    P[1, :, 1, 1] = P[2, :, 1, 1] = -1
    g = NormalFormGame(P)
    res = enumerate_equilibria(g, progress=False)
    check_components(g, res)
    faces = {(("s1", "s2"), ("s1", "s2"), ("s1",)), (("s1", "s2"), ("s1",), ("s1", "s2"))}
    comps = [c for c in res.components if c.faces]
    assert len(comps) == 1 and set(comps[0].faces) == faces
    assert comps[0].support == tuple(g.strategies) and comps[0].dimension == 2
    assert not any(in_faces(e.support, faces) for e in res.equilibria if not e.is_pure)
    assert all(e.is_pure for e in res.equilibria if in_faces(e.support, faces))


@pytest.mark.parametrize("support", [((0, 1), (0,), (0,)), ((0, 1), (0, 1), (0,)),
                                     ((0, 1, 2), (0, 1), (1,)), ((0, 1, 2), (0, 1, 2), (0, 1))])
def test_indifferent_face_samples_equal_the_slices(support, monkeypatch):
    # a face where every profile is an equilibrium: its samples read off directly are those
    # the slices of the zero ideal give (or the barycentre when no slice is in the face)
    from govgames.games.nplayer import polynomial

    P = [np.zeros((3, 3, 2), dtype=object) for _ in range(3)]
    fast = polynomial.solve_support(P, support)
    monkeypatch.setattr(polynomial, "_indifferent_on_face", lambda system: False)
    slow = polynomial.solve_support(P, support)
    assert (fast.dimension, fast.tight) == (slow.dimension, slow.tight)
    got = [tuple(tuple(c for c in row) for row in p.coordinates) for p in fast.points]
    ref = [tuple(tuple(c[:1] for c in row) for row in p.coordinates) for p in slow.points]
    assert got == ref or (not ref and len(got) == 1)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.0 + 1e-13, 1.0 + 1e-4]), min_size=3,
                         max_size=3), min_size=1, max_size=12))
def test_distinct_points_as_pairwise_allclose(rows):
    # the vectorised duplicate test drops exactly what numpy.allclose(atol=1e-12) would
    from govgames.games.nplayer.algebraic import AlgebraicProfile
    from govgames.games.nplayer.polynomial import _distinct

    pts = [AlgebraicProfile((0, 1), 0, tuple(((F(x),),) for x in r)) for r in rows]
    ref: list = []
    for p, r in zip(pts, rows):
        if not any(np.allclose(np.array([float(F(x)) for x in r]), g, atol=1e-12)
                   for _, g in ref):
            ref.append((p, np.array([float(F(x)) for x in r])))
    assert _distinct(pts) == [p for p, _ in ref]


def test_cli_counts_one_continuum_for_the_all_zero_game(tmp_path, capsys):
    from govgames.analyses.cli import main
    from govgames.games.io import write_game

    path = write_game(NormalFormGame(np.zeros((3, 2, 2, 2))), tmp_path / "zero.nfg")
    assert main(["solve", str(path), "--method", "all"]) == 0
    out = capsys.readouterr().out
    assert "8 Nash equilibria listed and 1 continuum of equilibria (method: polynomial)" in out
    assert out.count(": a continuum of equilibria") == 1


def test_continua_are_counted_in_the_result_and_the_json(tmp_path, capsys):
    """The number of continua is a field of the result (``EquilibriumList.continua``) and of
    ``govgames solve --json``, not something to parse out of the notes."""
    import json

    from govgames.analyses.cli import main
    from govgames.games.io import write_game
    from govgames.games.solve import nash_equilibria

    zero = NormalFormGame(np.zeros((3, 2, 2, 2)))
    eqs = nash_equilibria(zero, method="all")
    assert (len(eqs), eqs.continua) == (8, 1)
    path = write_game(zero, tmp_path / "zero.nfg")
    assert main(["solve", str(path), "--method", "all", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (len(out["equilibria"]), out["continua"]) == (8, 1)
    isolated = NormalFormGame(np.random.default_rng(3).normal(size=(3, 2, 2, 2)))
    assert nash_equilibria(isolated, method="all").continua == 0


def test_one_mixer_cut_to_a_point_is_listed_not_a_continuum():
    """QA s24: one player indifferent on a whole segment, the pure players' best responses
    cutting it to r = 1/2 -- an isolated equilibrium, listed; the two real continua stay."""
    P = [[[[1, 0], [0, 0]], [[0, 1], [1, 1]]], [[[0, 1], [1, 0]], [[1, 0], [1, 1]]],
         [[[1, 1], [1, 1]], [[0, 0], [1, 1]]]]
    res = enumerate_equilibria(NormalFormGame(np.array(P, dtype=float)))
    assert (len(res.equilibria), len(res.components)) == (3, 2)
    half = [e for e in res.equilibria if not e.is_pure]
    assert [tuple(map(tuple, e.exact_profile)) for e in half] == \
        [((1, 0), (1, 0), (F(1, 2), F(1, 2)))]


def _one_mixer(e):
    sizes = [len(s) for s in e.support]
    return sizes.count(1) == len(sizes) - 1 and max(sizes) == 2


def _shifted(e, i, delta):
    prof = [list(v) for v in e.exact_profile]
    k0, k1 = [k for k, x in enumerate(prof[i]) if x > 0]
    prof[i][k0] -= delta
    prof[i][k1] += delta
    return prof


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2, 2)]))
def test_one_mixer_equilibria_are_isolated_and_their_continua_are_not(seed, shape):
    """Every listed equilibrium with one player mixing over two strategies (the others pure)
    stops being one when that mixture moves either way; every reported continuum of that kind
    keeps an equilibrium on one side of its sample (checked exactly, independently)."""
    from govgames.games.verify import is_equilibrium_exact

    rng = np.random.default_rng(seed)
    game = NormalFormGame(rng.integers(0, 3, size=(3,) + shape).astype(float))
    res = enumerate_equilibria(game)
    d = F(1, 10**6)
    for e in res.equilibria:
        if _one_mixer(e):
            i = next(k for k, s in enumerate(e.support) if len(s) == 2)
            assert not (is_equilibrium_exact(game, _shifted(e, i, d))
                        and is_equilibrium_exact(game, _shifted(e, i, -d)))
    for c in res.components:
        for e in c.samples[:1]:
            if _one_mixer(e) and not c.faces:
                i = next(k for k, s in enumerate(e.support) if len(s) == 2)
                assert (is_equilibrium_exact(game, _shifted(e, i, d))
                        or is_equilibrium_exact(game, _shifted(e, i, -d)))


def test_one_player_game_method_all_counts_the_continuum_like_polynomial():
    """QA s24: ``--method all`` on a 1-player game with two best strategies listed them with
    no word that every mixture of them is an equilibrium too (``polynomial`` said so)."""
    from govgames.games import NormalFormGame, nash_equilibria

    g = NormalFormGame([[1, 1, 0]])
    eqs = nash_equilibria(g, method="all")
    assert len(eqs) == 2 and eqs.continua == 1
    assert nash_equilibria(g, method="polynomial").continua == 1
    assert any("every mixture of the 2 listed" in note for note in eqs.notes)
    single = nash_equilibria(NormalFormGame([[1, 2, 0]]), method="all")
    assert len(single) == 1 and single.continua == 0 and not single.notes
