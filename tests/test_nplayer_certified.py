"""The floating-point path of N-player enumeration (``enumerate_equilibria(rational=False)``)
and its certified root isolation (govgames.games.nplayer.certified).

Checked against the exact path (rational arithmetic, Groebner bases) on random games, the
published McKelvey-McLennan game with nine equilibria, exact regrets of the returned floats,
and pygambit's ``enumpoly`` and ``gnm`` when installed. The certified solver is also forced on
every support (not only the large ones it is used for by default) so that small shapes,
rational roots on bisection points and degenerate games exercise it.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govgames.games.nplayer.enumerate as enum_mod
from govgames.games import NormalFormGame
from govgames.games.nplayer import enumerate_equilibria, regret
from govgames.games.nplayer.certified import certified_support_points
from govgames.games.nplayer.exclusion import support_excluded
from govgames.games.nplayer.polynomial import integer_payoffs, solve_support
from govgames.games.nplayer.supports import candidate_supports


def mckelvey_mclennan() -> NormalFormGame:
    P = np.zeros((3, 2, 2, 2), dtype=int)
    P[:, 0, 0, 0] = 9, 8, 12
    P[:, 1, 1, 0] = 9, 8, 2
    P[:, 0, 1, 1] = 3, 4, 6
    P[:, 1, 0, 1] = 3, 4, 6
    return NormalFormGame(P)


def _points(res):
    return [np.concatenate(e.profile) for e in res.equilibria]


def _same(a, b, tol=1e-11):
    return len(a) == len(b) and all(any(np.abs(x - y).max() < tol for y in b) for x in a) \
        and all(any(np.abs(x - y).max() < tol for y in a) for x in b)


@pytest.fixture
def force_certified(monkeypatch):
    """Use the certified solver on every support with three or more mixing players (also
    those the eliminations of the binary, ternary and quadruple modules would solve)."""
    monkeypatch.setattr(enum_mod, "_numeric_support", lambda sizes: True)
    monkeypatch.setattr(enum_mod, "solve_binary_triple", lambda payoffs, support: None)
    monkeypatch.setattr(enum_mod, "solve_two_binary_one_ternary", lambda payoffs, support: None)
    monkeypatch.setattr(enum_mod, "solve_binary_and_pair", lambda payoffs, support: None)
    monkeypatch.setattr(enum_mod, "_ternary_triple", lambda payoffs, support, counts: None)
    monkeypatch.setattr(enum_mod, "_binary_quadruple", lambda payoffs, support, counts: None)
    monkeypatch.setattr(enum_mod, "_ternary_and_binaries", lambda payoffs, support: None)


def _check_game(game):
    exact = enumerate_equilibria(game)
    fast = enumerate_equilibria(game, rational=False)
    assert _same(_points(exact), _points(fast))
    # continua holding equilibria are the same; continua of the equations with no equilibrium
    # on them may be proved empty by subdivision instead (as exclude=True does)
    assert {c.support for c in exact.components if c.samples} \
        == {c.support for c in fast.components if c.samples}
    assert not fast.rational and all(e.exact_profile is None for e in fast.equilibria)
    A = game.numeric_payoffs()
    for e in fast.equilibria:
        assert regret(A, list(e.profile)) < 1e-9
    return exact, fast


def test_mckelvey_mclennan_nine(force_certified):
    exact, fast = _check_game(mckelvey_mclennan())
    assert len(fast.equilibria) == 9
    assert fast.certified_numerically >= 2  # the two totally mixed ones
    assert all(p is None for p, e in zip(fast.profiles, fast.equilibria)
               if "certified numerically" in e.notes)
    notes = fast.to_list().notes
    assert "certified numerically" in notes[0] and "rational=False" in notes[0]


def test_default_path_keeps_exact():
    res = enumerate_equilibria(mckelvey_mclennan())
    assert res.rational and res.certified_numerically == 0
    assert all(e.exact_profile is not None or e.notes for e in res.equilibria)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]), seed=st.integers(0, 10**6),
       span=st.sampled_from([2, 6, 100]))
def test_random_games_match_exact_path(shape, seed, span):
    """Same equilibria as exact algebra, with every support forced through the certified
    solver (small payoff ranges give ties and degenerate supports, which must fall back)."""
    rng = np.random.default_rng(seed)
    P = rng.integers(-span, span + 1, size=(len(shape),) + shape)
    old = enum_mod._numeric_support
    enum_mod._numeric_support = lambda sizes: True
    try:
        _check_game(NormalFormGame(P))
    finally:
        enum_mod._numeric_support = old


@pytest.mark.parametrize("shape", [(3, 3, 3), (3, 2, 2, 2)])
def test_larger_random_games_match_exact_path(shape):
    rng = np.random.default_rng(7 * sum(shape))
    for _ in range(2):
        _check_game(NormalFormGame(rng.integers(-100, 101, size=(len(shape),) + shape)))


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)])
def test_certified_points_equal_exact_support_solutions(shape):
    """Support by support: every certified point is an exact solution (to 1e-12) and every
    exact equilibrium of the support is certified, or the solver declines (None)."""
    rng = np.random.default_rng(100 + sum(shape))
    decided = 0
    for _ in range(3):
        P = rng.integers(-50, 51, size=(len(shape),) + shape)
        Pi = integer_payoffs(NormalFormGame(P).exact_payoffs())
        for S in candidate_supports(P.astype(float)):
            if sum(len(s) > 1 for s in S) < 3:
                continue
            pts = certified_support_points(Pi, S)
            if pts is None:
                continue
            decided += 1
            sol = solve_support(Pi, S)
            ref = [np.concatenate(p.to_floats()) for p in sol.points]
            assert _same([np.concatenate(x) for x in pts], ref, 1e-12), S
            if not pts:
                continue
            assert not support_excluded(Pi, S)
    assert decided > 0


def test_rational_root_on_bisection_point():
    """Three-player matching pennies: the root (1/2, 1/2, 1/2) lies on the first bisection
    planes; enlarged boxes still certify it, once."""
    g = NormalFormGame.from_function(
        lambda p: [int(p[0] == p[1]), int(p[1] == p[2]), int(p[2] != p[0])], (2, 2, 2))
    pts = certified_support_points(integer_payoffs(g.exact_payoffs()), ((0, 1),) * 3)
    assert len(pts) == 1
    assert np.abs(np.concatenate(pts[0]) - 0.5).max() < 1e-14


def test_degenerate_support_falls_back():
    """All payoffs zero: every support's equations vanish identically (positive-dimensional),
    so the certified solver declines and the exact path reports the continuum."""
    P = [np.zeros((2, 2, 2), dtype=object) for _ in range(3)]
    assert certified_support_points(P, ((0, 1),) * 3) is None
    res = enumerate_equilibria(NormalFormGame(np.zeros((3, 2, 2, 2))), rational=False)
    assert res.components


def test_pygambit_equilibria_found_by_float_path(force_certified):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(4242)
    for shape in [(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]:
        P = rng.integers(-20, 21, size=(len(shape),) + shape)
        res = enumerate_equilibria(NormalFormGame(P), rational=False)
        ours = _points(res) + [np.concatenate(s.profile) for c in res.components
                               for s in c.samples]
        G = gbt.StrategicGame.from_arrays(*[P[i].astype(int) for i in range(len(shape))])
        for solver in (gbt.nash.enumpoly_solve, gbt.nash.gnm_solve):
            for eq in solver(G).equilibria:
                x = np.array([float(v) for pl in G.players for _, v in eq[pl]])
                assert any(np.abs(x - o).max() < 1e-5 for o in ours), (shape, solver, x)


def _sympy_reference():
    """The independent brute force of test_nplayer.py (sympy's solver, support by support)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "nplayer_reference", Path(__file__).with_name("test_nplayer.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod._sympy_brute_force


def test_matches_sympy_brute_force(force_certified):
    brute = _sympy_reference()
    rng = np.random.default_rng(99)
    games = [mckelvey_mclennan()] + [NormalFormGame(rng.integers(-60, 61, size=(3, 2, 2, 2)))
                                     for _ in range(4)]
    checked = 0
    for g in games:
        ref = brute(g)
        if ref is None:  # sympy gave up on a support: no reference for this game
            continue
        checked += 1
        res = enumerate_equilibria(g, rational=False)
        ours = [np.array([e.profile[i][0] for i in range(3)]) for e in res.equilibria]
        assert len(ours) == len(ref)
        for r in ref:
            assert any(np.abs(r - o).max() < 1e-10 for o in ours)
    assert checked >= 3
