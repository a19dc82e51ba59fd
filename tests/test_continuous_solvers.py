"""Solvers of games with continuous choices: numeric against symbolic, certificates, comparative
statics against finite differences, bad input."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import FreeParametersError, InputError
from govgames.games.continuous import (ContinuousGame, best_response, comparative_statics,
                                       cournot, is_equilibrium, nash_equilibria, social_optimum,
                                       symmetric_equilibria, tullock_contest)

q1, q2, q3 = sp.symbols("q1 q2 q3", real=True)


# ---------------------------------------------------------------------- numeric vs symbolic
@settings(max_examples=8)
@given(st.lists(st.integers(1, 9), min_size=9, max_size=9))
def test_numeric_solver_agrees_with_exact_on_random_quadratic_games(k):
    # u_i = -A_i x_i^2 + x_i (B_i + C_i x_j): concave, linear best responses, unique interior
    # equilibrium when |C| small; solve the same game exactly and numerically
    A = [k[0], k[1]]
    B = [k[2] + 10, k[3] + 10]
    C = [sp.Rational(k[4] - 5, 10), sp.Rational(k[5] - 5, 10)]
    pay = [-A[0] * q1 ** 2 + q1 * (B[0] + C[0] * q2), -A[1] * q2 ** 2 + q2 * (B[1] + C[1] * q1)]
    g = ContinuousGame(pay, [(0, 50), (0, 50)], variables=[q1, q2])
    exact = nash_equilibria(g, method="exact")
    numeric = nash_equilibria(g, method="numeric", closed_form=False)
    iterated = nash_equilibria(g, method="iteration", closed_form=False, starts=1)
    # independent: linear algebra on the first-order conditions
    M = np.array([[2 * A[0], -float(C[0])], [-float(C[1]), 2 * A[1]]])
    x = np.linalg.solve(M, np.array(B, dtype=float))
    assert len(exact) == len(numeric) == 1
    assert np.allclose(exact[0].flat(), x, atol=1e-12)
    assert np.allclose(numeric[0].flat(), x, atol=1e-8)
    assert np.allclose(iterated[0].flat(), x, atol=1e-6)
    assert numeric[0].residual < 1e-8


def test_symbolic_system_matches_numeric_substitution():
    a, c1, c2 = sp.symbols("a c1 c2", positive=True)
    pay = [(a - q1 - q2 - c1) * q1, (a - q1 - q2 - c2) * q2]
    g = ContinuousGame(pay, [(0, a), (0, a)], variables=[q1, q2])
    sym = nash_equilibria(g)
    # interior, firm 2 out, firm 1 out, both out: each with its Kuhn-Tucker conditions
    assert len(sym) == 4 and all(e.conditions for e in sym)
    for vals in ({a: 20, c1: 2, c2: 5}, {a: 20, c1: 2, c2: 15}, {a: 5, c1: 7, c2: 9},
                 {a: 9, c1: 8, c2: 1}):
        holding = [e for e in sym if sp.And(*e.conditions).subs(vals) == sp.true]
        assert len(holding) == 1, vals
        num = nash_equilibria(g.subs({k.name: v for k, v in vals.items()}))
        assert len(num) == 1
        assert [p[0] for p in num[0].exact_profile] == [
            f[0].subs(vals) for f in holding[0].exact_profile]


def test_function_payoffs_match_expressions():
    def f(x1, x2):
        return (9 - x1 - x2) * x1, (9 - x1 - x2) * x2
    g = ContinuousGame(f, [(0, 10), (0, 10)])
    res = nash_equilibria(g)
    assert len(res) == 1 and np.allclose(res[0].flat(), [3, 3], atol=1e-7)
    assert any("finite differences" in n for n in res[0].check.notes)


def test_nonsmooth_payoff_uses_iteration_and_refuses_derivatives():
    x1, x2 = sp.symbols("x1 x2", real=True)
    g = ContinuousGame([-sp.Abs(x1 - sp.Rational(1, 3)), -(x2 - x1) ** 2], [(0, 1), (0, 1)],
                       variables=[x1, x2])
    with pytest.raises(InputError, match="not differentiable.*sign"):
        nash_equilibria(g, method="numeric")
    res = nash_equilibria(g)
    assert res.method.endswith("iteration")
    assert np.allclose(res[0].flat(), [1 / 3, 1 / 3], atol=1e-6)


def test_multiple_symmetric_equilibria():
    # best response x = (3 y - y^3) / 2: symmetric fixed points y^3 = y, i.e. -1, 0, 1
    x, y = sp.symbols("x y", real=True)
    g = ContinuousGame.symmetric(2, -(x - (3 * y - y ** 3) / 2) ** 2 / 2, x, y, bounds=(-2, 2))
    res = symmetric_equilibria(g)
    assert sorted(e.exact_profile[0][0] for e in res) == [-1, 0, 1]
    assert all(e.certified for e in res)
    # the numeric search from several starts finds them too (and no asymmetric one is claimed
    # that fails the certificate)
    num = nash_equilibria(g, method="numeric", starts=12, closed_form=False)
    assert all(e.certified for e in num)


# ---------------------------------------------------------------------- certificates
def test_is_equilibrium_reports_best_deviation():
    g = cournot(2, a=10, b=1, c=1)
    assert is_equilibrium(g, [3, 3])
    chk = is_equilibrium(g, {"Firm 1": 2, "Firm 2": 3})
    assert not chk
    who, choice, gain = chk.best_deviation
    assert who == "Firm 1" and abs(float(choice[0]) - 3) < 1e-6 and abs(gain - 1) < 1e-9
    assert "not an equilibrium" in str(chk)
    assert list(chk.to_frame().index) == ["Firm 1", "Firm 2"]


def test_certificate_rejects_local_maximum():
    # u = x^2 (1 - x)... own payoff with an interior local max that is not global
    x1, x2 = sp.symbols("x1 x2", real=True)
    u = -(x1 - sp.Rational(1, 5)) ** 2 + 3 * sp.Max(0, x1 - sp.Rational(7, 10)) ** 2 * 10
    g = ContinuousGame([u, -(x2 - x1) ** 2], [(0, 1), (0, 1)], variables=[x1, x2])
    chk = is_equilibrium(g, [sp.Rational(1, 5), sp.Rational(1, 5)])
    assert not chk and float(chk.best_deviation[1][0]) == 1.0


def test_large_symmetric_contest_is_fast():
    import time
    t = time.process_time()
    res = symmetric_equilibria(tullock_contest(1000, v=1))
    assert res[0].exact_profile[0] == (sp.Rational(999, 1000 ** 2),)
    assert time.process_time() - t < 5


# ---------------------------------------------------------------------- analysis
@pytest.mark.parametrize("param", ["a", "b", "c"])
def test_comparative_statics_matches_finite_differences_cournot(param):
    vals = {"a": 10.0, "b": 1.5, "c": 2.0}
    d = comparative_statics(cournot(3), param, at={k: sp.Rational(str(v)) for k, v in vals.items()})
    h = 1e-5

    def z(v):
        v2 = dict(vals, **{param: v})
        return float(symmetric_equilibria(cournot(3, **v2))[0].profile[0][0])
    fd = (z(vals[param] + h) - z(vals[param] - h)) / (2 * h)
    assert abs(float(d) - fd) < 1e-6


def test_comparative_statics_tullock_r_numeric():
    # no closed-form solve path needed: implicit derivative against finite differences in r
    g = tullock_contest(3, v=2, r=sp.Symbol("r", positive=True))
    d = comparative_statics(g, "r", at={"r": sp.Rational(6, 5)})
    h = 1e-5

    def z(r):
        return float(symmetric_equilibria(tullock_contest(3, v=2, r=r))[0].profile[0][0])
    fd = (z(1.2 + h) - z(1.2 - h)) / (2 * h)
    assert abs(float(d) - fd) < 1e-5
    assert abs(float(d) - 2 * 2 / 9) < 1e-9  # closed form d/dr r (n-1) v / n^2


def test_comparative_statics_symbolic_and_errors():
    assert comparative_statics(tullock_contest(), "v") == sp.simplify(
        (sp.Symbol("n", positive=True, integer=True) - 1)
        / sp.Symbol("n", positive=True, integer=True) ** 2)
    with pytest.raises(InputError, match="unknown parameter 'z'"):
        comparative_statics(cournot(), "z")


def test_best_response_closed_form():
    z, br = best_response(cournot(2, a=10, b=1, c=1))
    assert [br.subs(z, v) for v in (0, 3, 9, 20)] == [sp.Rational(9, 2), 3, 0, 0]
    z, br = best_response(tullock_contest(2, v=4))
    assert br.subs(z, 1) == 1  # sqrt(v z) - z


def test_social_optimum_cournot_is_monopoly():
    opt = social_optimum(cournot(2, a=10, b=1, c=1))
    assert opt.choice == sp.Rational(9, 4) and opt.nash_choice == 3
    assert opt.gap == sp.Rational(81, 8) - 9


# ---------------------------------------------------------------------- bad input
def test_empty_interval():
    with pytest.raises(InputError, match=r"empty interval for player 'Player 2' \(q2\)"):
        ContinuousGame([q1, q2], [(0, 1), (2, 1)], variables=[q1, q2])


def test_free_parameters_refused_by_numeric_methods():
    with pytest.raises(FreeParametersError, match="a, b, c"):
        nash_equilibria(cournot(2), method="numeric")
    with pytest.raises(InputError, match="unknown method"):
        nash_equilibria(cournot(2, a=1, b=1, c=0), method="magic")


def test_profile_outside_interval():
    with pytest.raises(InputError, match=r"11 for player 'Firm 1' \(q1\) is outside \[0, 10\]"):
        is_equilibrium(cournot(2, a=10, b=1, c=1), [11, 1])


def test_symmetric_refuses_asymmetric_game():
    with pytest.raises(InputError, match="needs a symmetric game"):
        symmetric_equilibria(cournot(2, a=10, b=1, c=[1, 2]))


def test_constructor_errors():
    with pytest.raises(InputError, match="parameter a must be positive"):
        cournot(2, a=-1)
    with pytest.raises(InputError, match="3 values for 2 players"):
        cournot(2, c=[1, 2, 3])
    with pytest.raises(InputError, match="positive integer"):
        cournot(0)
    with pytest.raises(InputError, match="at most 200"):
        tullock_contest(500, v=list(range(1, 501)))


def test_payoff_text_is_refused():
    with pytest.raises(InputError, match="give a sympy expression"):
        ContinuousGame(["q1", "q2"], [(0, 1), (0, 1)], variables=[q1, q2])


def test_equilibrium_map_matches_pointwise_solves():
    from govgames.games.continuous import equilibrium_map
    a = np.linspace(5, 20, 7)
    c = np.linspace(0, 10, 5)
    m = equilibrium_map(cournot(), {"a": a, "c": c}, fixed={"b": 2, "n": 3})
    assert m.choice.shape == (7, 5)
    A, C = np.meshgrid(a, c, indexing="ij")
    assert np.array_equal(m.valid, A >= C)  # the interior condition a >= c
    for i in (0, 3, 6):
        for j in (0, 2):
            if A[i, j] >= C[i, j]:
                e = symmetric_equilibria(cournot(3, a=float(a[i]), b=2, c=float(c[j])))
                assert abs(m.choice[i, j] - float(e[0].profile[0][0])) < 1e-9
    with pytest.raises(InputError, match="give parameter"):
        equilibrium_map(cournot(), {"a": a})
    with pytest.raises(InputError, match="at most 10,000,000"):
        equilibrium_map(cournot(), {"a": np.ones(5000), "c": np.ones(5000)},
                        fixed={"b": 1, "n": 2})


def test_best_response_curves_match_closed_form_and_cross_at_equilibrium():
    from govgames.games.continuous import best_response_curves, plot_best_responses
    g = cournot(2, a=10, b=1, c=1)
    c = best_response_curves(g, points=21)
    assert np.allclose(c["br1"], np.clip((9 - c["x2"]) / 2, 0, 10), atol=1e-7)
    # tullock: br = sqrt(v z) - z (interior), against the numeric curve
    t = best_response_curves(tullock_contest(2, v=4), points=9)
    z = t["x2"][1:]
    assert np.allclose(t["br1"][1:], np.clip(np.sqrt(4 * z) - z, 0, 4), atol=1e-6)
    ax = plot_best_responses(g, points=11)
    assert ax.lines[-1].get_xydata().tolist() == [[3.0, 3.0]]
    with pytest.raises(InputError, match="two players"):
        best_response_curves(cournot(3, a=10, b=1, c=1))
