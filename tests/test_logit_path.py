"""The logit path follower: compiled kernels against independent numpy formulas, the early stop
against following the path to its end, and the exact refinement of small supports."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import NormalFormGame
from govgames.games.errors import InputError
from govgames.games.nplayer import logit as L
from govgames.games.nplayer import logit_path_equilibrium, regret
from govgames.games.nplayer.polynomial import integer_payoffs


def _logit_residual(U, z, lam):
    """The logit equations written out with numpy einsum (independent of the kernel)."""
    sys = L._System(U)
    xs = [np.exp(zi) for zi in sys.split(z)]
    out = []
    for zi, xi, ui in zip(sys.split(z), xs, L._payoff_vectors(U, xs)):
        out += [[xi.sum() - 1.0], zi[1:] - zi[0] - lam * (ui[1:] - ui[0])]
    return np.concatenate(out)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2, 2), (2, 2, 2, 2), (4, 3, 2)])
def test_kernel_system_matches_numpy_and_finite_differences(shape):
    rng = np.random.default_rng(sum(shape))
    U = rng.random((len(shape),) + shape)
    sys = L._System(U)
    z, lam = np.log(rng.random(sys.dim) + 0.1), 3.7
    K = L._kernels()
    K.system(z, lam, False, *sys.args())
    assert np.allclose(sys.H, _logit_residual(U, z, lam), atol=1e-13)
    eps = 1e-6
    v = np.append(z, lam)
    for k in range(sys.dim + 1):
        e = np.zeros(sys.dim + 1)
        e[k] = eps
        up, down = v + e, v - e
        fd = (_logit_residual(U, up[:-1], up[-1]) - _logit_residual(U, down[:-1], down[-1])) / (2 * eps)
        assert np.allclose(sys.J[:, k], fd, atol=1e-7), k


def test_kernel_solve_matches_numpy():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(9, 9))
    b = rng.normal(size=9)
    x = b.copy()
    assert L._kernels().solve(A.copy(), x)
    assert np.allclose(x, np.linalg.solve(A, b))
    assert not L._kernels().solve(np.zeros((3, 3)), np.ones(3))


SHAPES = [(2, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3), (4, 4, 4), (2,) * 5]


def _game(shape, seed, integers):
    rng = np.random.default_rng(seed)
    size = (len(shape),) + shape
    return rng.integers(-100, 101, size=size) if integers else rng.normal(size=size)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(SHAPES), st.integers(0, 2**32 - 1), st.booleans())
def test_path_end_is_an_equilibrium_and_closed_form_agrees(shape, seed, integers):
    g = NormalFormGame(_game(shape, seed, integers))
    e = logit_path_equilibrium(g, closed_form=False)
    span = max(np.ptp(g.numeric_payoffs()[i]) for i in range(len(shape)))
    assert regret(g.numeric_payoffs(), list(e.profile)) <= 1e-12 * span
    f = logit_path_equilibrium(g)
    assert max(np.abs(a - b).max() for a, b in zip(e.profile, f.profile)) < 1e-12
    if f.exact_profile is not None:  # rational: the closed form is an exact equilibrium
        ints = L._integer_payoffs(g)
        for i, P in enumerate(ints):
            u = []
            for s in range(shape[i]):
                out = np.take(P, s, axis=i)
                for j in reversed([j for j in range(len(shape)) if j != i]):
                    out = out.dot(np.array(f.exact_profile[j], dtype=object))
                u.append(out)
            best = max(u)
            assert all(u[s] == best for s, p in enumerate(f.exact_profile[i]) if p > 0)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(SHAPES), st.integers(0, 2**32 - 1), st.booleans())
def test_path_end_is_pygambits_logit_equilibrium(shape, seed, integers):
    """pygambit's logit_solve (Turocy's C++ tracer) follows the same path: same end."""
    gbt = pytest.importorskip("pygambit")
    P = _game(shape, seed, integers)
    e = logit_path_equilibrium(NormalFormGame(P), closed_form=False)
    G = gbt.StrategicGame.from_arrays(*[np.asarray(P[i], dtype=float) for i in range(len(P))])
    eq = gbt.nash.logit_solve(G).equilibrium
    theirs = np.array([float(v) for pl in G.players for _, v in eq[pl]])
    assert np.abs(np.concatenate(e.profile) - theirs).max() < 1e-5


def test_known_branch_jump_case_follows_the_path():
    """A 3x3x3x3 game on which the earlier tracer (fixed step cap, no tangent-angle test)
    jumped branches; the path's end is the equilibrium pygambit's logit_solve also reports."""
    rng = np.random.default_rng(7)
    shapes = [(2, 2, 2), (3, 3, 3), (2, 2, 2, 2), (4, 4, 4), (5, 4, 3), (3, 3, 3, 3)]
    for shape in shapes:
        for k in range(10):
            size = (len(shape),) + shape
            P = rng.integers(-100, 101, size=size) if k % 2 else rng.normal(size=size)
            if shape == (3, 3, 3, 3) and k == 4:
                break
    g = NormalFormGame(P)
    e = logit_path_equilibrium(g, closed_form=False)
    assert regret(g.numeric_payoffs(), list(e.profile)) <= 1e-12
    # pygambit 17's logit_solve on this game, rounded
    expected = [0.3574, 0, 0.6426, 0.7803, 0.2197, 0, 1, 0, 0, 0.7018, 0.2982, 0]
    assert np.allclose(np.concatenate(e.profile), expected, atol=1e-4)


def _exact_payoffs(game, profile):
    out = []
    for P in game.exact_payoffs():
        for x in reversed(profile):
            P = P.dot(np.array(x, dtype=object))
        out.append(Fraction(P))
    return out


def test_rational_refinement_is_exact_with_exact_payoffs():
    # player 3 is pure at the end: the other two mix and the equations are linear
    g = NormalFormGame(np.random.default_rng(1).integers(-9, 10, size=(3, 4, 4, 4)))
    e = logit_path_equilibrium(g)
    assert e.exact_profile is not None
    assert list(e.exact_payoffs) == _exact_payoffs(g, e.exact_profile)
    assert any("refined exactly" in n for n in e.notes)


def test_closed_form_limit_decides_exact_or_float():
    g = NormalFormGame(np.random.default_rng(0).integers(-100, 101, size=(3, 4, 4, 4)))
    small = logit_path_equilibrium(g)  # support sizes (3, 2, 2): quadratic, solved exactly
    assert any("algebraic probabilities of degree 2" in n for n in small.notes)
    floats = logit_path_equilibrium(g, closed_form_limit=1)
    assert floats.notes[0].startswith("found by logit path following, floating point")
    assert max(np.abs(a - b).max() for a, b in zip(small.profile, floats.profile)) < 1e-14
    h = NormalFormGame(np.random.default_rng(11).integers(-100, 101, size=(3, 4, 4, 4)))
    assert "floating point" in logit_path_equilibrium(h).notes[0]  # support sizes (2, 3, 3)
    assert any("algebraic" in n for n in logit_path_equilibrium(h, closed_form_limit=64).notes)
    for bad in (-1, 1.5, True):
        with pytest.raises(InputError, match="closed_form_limit"):
            logit_path_equilibrium(g, closed_form_limit=bad)


def test_integer_payoffs_read_directly_match_the_exact_ones():
    g = NormalFormGame(np.random.default_rng(5).integers(-50, 51, size=(3, 2, 3, 2)))
    direct = L._integer_payoffs(g)
    slow = integer_payoffs(g.exact_payoffs())
    assert all(np.array_equal(a, b) for a, b in zip(direct, slow))
    h = NormalFormGame(np.array([[[0.1, 1], [2, 3]], [[1, 0], [0, 1]]]))
    assert not L._integral(h.payoff_array)
    assert [list(r) for r in L._integer_payoffs(h)[0]] == [[1, 10], [20, 30]]


def test_logit_path_is_estimated_before_it_starts_and_timed_while_it_runs(monkeypatch):
    """Session 25: the logit path of a 1000x1000 game ran for minutes with no estimate (each
    step solves a dense 2000x2000 system); a 100x100 game hung in the exact refinement (the
    dimension search over every subset of 40 variables)."""
    import numpy as np

    from govgames.games import NormalFormGame
    from govgames.games.budget import BudgetError, budget
    from govgames.games.nplayer import logit

    wide = NormalFormGame(np.zeros((2, 10, 2000)))
    with pytest.raises(BudgetError, match=r"logit path of a 10x2000 game .* would take about"):
        logit.logit_path_equilibrium(wide)
    g = NormalFormGame(np.random.default_rng(0).integers(0, 100, (2, 40, 40)).astype(float))
    monkeypatch.setattr(logit, "logit_path_seconds", lambda shape: 0.0)
    with budget(max_seconds=1e-4), \
            pytest.raises(BudgetError, match=r"the logit path ran \d+ steps"):
        logit.logit_path_equilibrium(g)


def test_logit_exact_refinement_of_a_large_support_is_quick():
    import time

    import numpy as np

    from govgames.games import NormalFormGame
    from govgames.games.nplayer import logit_path_equilibrium

    g = NormalFormGame(np.random.default_rng(0).integers(0, 100, (2, 100, 100)).astype(float))
    t = time.process_time()
    e = logit_path_equilibrium(g)
    assert time.process_time() - t < 60          # it did not finish in 300 s before
    from govgames.games.verify import is_equilibrium

    assert e.exact_profile is not None
    assert is_equilibrium(g, e.exact_profile)            # exact payoffs: checked exactly


def test_cli_refuses_the_logit_path_of_a_large_game_in_one_line(tmp_path, capsys):
    import json

    from govgames.analyses.cli import main

    p = tmp_path / "wide.json"
    A = [[0] * 2000 for _ in range(10)]
    p.write_text(json.dumps({"type": "normal_form", "players": ["R", "C"],
                             "strategies": [[f"r{i}" for i in range(10)],
                                            [f"c{j}" for j in range(2000)]],
                             "payoffs": {"R": A, "C": A}}))
    for method in ("logit", "vertex", "lemke-howson"):
        assert main(["solve", str(p), "--method", method]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, (method, err)
