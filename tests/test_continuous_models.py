"""Constructors of games with continuous choices against their textbook closed forms."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.games import InputError
from govgames.games.continuous import (abatement, bertrand, collusion_threshold, cournot,
                                       is_equilibrium,
                                       lazear_rosen_tournament, nash_equilibria,
                                       promotion_tournament, public_good_contributions,
                                       social_optimum, symmetric_equilibria, tullock_contest)

small = st.integers(1, 9).map(lambda k: Fraction(k, 2))


def _only(res):
    assert res.found, str(res)
    assert len(res) == 1, str(res)
    return res[0]


def _sym_choice(res):
    e = _only(res)
    assert e.certified
    return e.exact_profile[0]


# ---------------------------------------------------------------------- Cournot
@settings(max_examples=8)
@given(n=st.integers(1, 6), a=st.integers(5, 40), b=small, c=st.integers(0, 4))
def test_cournot_symmetric_closed_form(n, a, b, c):
    (q,) = _sym_choice(symmetric_equilibria(cournot(n, a=a, b=b, c=c)))
    assert q == sp.Rational(a - c) / ((n + 1) * sp.Rational(b.numerator, b.denominator))


def test_cournot_symbolic_formula():
    res = symmetric_equilibria(cournot())
    # the interior formula, and the corner q = 0 that applies when c >= a
    assert sorted(e.status[0][0] for e in res) == ["interior", "lower"]
    e = next(e for e in res if e.status[0] == ("interior",))
    a, b, c = (sp.Symbol(s, positive=True) for s in "abc")
    n = sp.Symbol("n", positive=True, integer=True)
    assert sp.simplify(e.exact_profile[0][0] - (a - c) / ((n + 1) * b)) == 0
    assert sp.simplify(e.exact_payoffs[0] - (a - c) ** 2 / ((n + 1) ** 2 * b)) == 0


@settings(max_examples=6)
@given(c=st.lists(st.integers(0, 6), min_size=2, max_size=4), a=st.integers(20, 40))
def test_cournot_asymmetric_costs_closed_form(c, a):
    # interior Nash: q_i = (a - (n + 1) c_i + sum c) / ((n + 1) b), b = 1 (all positive here)
    n = len(c)
    e = _only(nash_equilibria(cournot(n, a=a, b=1, c=c)))
    expect = [sp.Rational(a - (n + 1) * ci + sum(c), n + 1) for ci in c]
    assert [p[0] for p in e.exact_profile] == expect
    assert e.certified


def test_cournot_corner_when_a_firm_is_too_costly():
    e = _only(nash_equilibria(cournot(2, a=10, b=1, c=[1, 9])))
    assert e.exact_profile == ((sp.Rational(9, 2),), (0,))
    assert e.status == (("interior",), ("lower",))


# ---------------------------------------------------------------------- Bertrand
@settings(max_examples=6)
@given(n=st.integers(2, 4), extra=st.integers(1, 20), c=st.integers(0, 5))
def test_bertrand_closed_form(n, extra, c):
    b, d = sp.Integer(n + 1), sp.Integer(1)  # b > (n - 1) d
    a = (b - (n - 1) * d) * c + extra  # cost below the price cap a / (b - (n - 1) d)
    (p,) = _sym_choice(symmetric_equilibria(bertrand(n, a=a, b=b, d=d, c=c)))
    assert p == (a + b * c) / (2 * b - (n - 1) * d)


def test_bertrand_bad_demand():
    with pytest.raises(InputError, match=r"b > \(n - 1\) d"):
        bertrand(3, a=1, b=1, d=1, c=0)


# ---------------------------------------------------------------------- Tullock
@pytest.mark.parametrize("n", [2, 3, 5, 10, 1000])
def test_tullock_symmetric_r1(n):
    (x,) = _sym_choice(symmetric_equilibria(tullock_contest(n, v=7)))
    assert x == sp.Rational(7 * (n - 1), n * n)


@pytest.mark.parametrize("n,r", [(2, "1/2"), (2, 2), (3, "3/2"), (4, "4/3")])
def test_tullock_symmetric_general_r(n, r):
    r = sp.Rational(r)
    e = _only(symmetric_equilibria(tullock_contest(n, v=1, r=r)))
    assert abs(float(e.profile[0][0]) - float(r * (n - 1) / n ** 2)) < 1e-9


@pytest.mark.parametrize("n,r", [(2, 3), (3, 2)])
def test_tullock_large_r_has_no_pure_equilibrium(n, r):
    # r > n/(n-1): the stationary point pays less than 0, dropping out pays
    res = nash_equilibria(tullock_contest(n, v=1, r=r))
    assert not res.found
    c = res.closest
    assert abs(float(c.profile[0][0]) - r * (n - 1) / n ** 2) < 1e-9
    who, choice, gain = c.check.best_deviation
    assert float(choice[0]) == 0.0 and gain > 0
    assert "no pure equilibrium found" in str(res)


@settings(max_examples=4)
@given(v1=st.integers(1, 9), v2=st.integers(1, 9))
def test_tullock_asymmetric_values(v1, v2):
    e = _only(nash_equilibria(tullock_contest(2, v=[v1, v2])))
    s = (v1 + v2) ** 2
    assert e.exact_profile == ((sp.Rational(v1 * v1 * v2, s),), (sp.Rational(v1 * v2 * v2, s),))


def test_tullock_symbolic():
    e = _only(symmetric_equilibria(tullock_contest()))
    n, v = sp.Symbol("n", positive=True, integer=True), sp.Symbol("v", positive=True)
    assert sp.simplify(e.exact_profile[0][0] - (n - 1) * v / n ** 2) == 0


# ---------------------------------------------------------------------- tournaments
@pytest.mark.parametrize("noise,f0", [("normal", lambda s: 1 / (2 * s * sp.sqrt(sp.pi))),
                                      ("logistic", lambda s: 1 / (4 * s))])
def test_lazear_rosen_closed_form(noise, f0):
    w1, w2, k, sigma = 5, 1, 2, 3
    (e,) = _sym_choice(symmetric_equilibria(
        lazear_rosen_tournament(w1=w1, w2=w2, k=k, sigma=sigma, noise=noise)))
    assert sp.simplify(e - (w1 - w2) * f0(sp.Integer(sigma)) / k) == 0


def test_lazear_rosen_symbolic():
    res = symmetric_equilibria(lazear_rosen_tournament(noise="logistic"))
    W1, W2, k, s = (sp.Symbol(x, positive=True) for x in ("w1", "w2", "k", "sigma"))
    inner = [e for e in res if e.status[0] == ("interior",)]
    assert len(inner) == 1
    assert sp.simplify(inner[0].exact_profile[0][0] - (W1 - W2) / (4 * k * s)) == 0


def test_lazear_rosen_small_noise_fails():
    # little noise: effort is so high that shirking to zero pays (no pure equilibrium)
    res = nash_equilibria(lazear_rosen_tournament(w1=2, w2=0, k=1, sigma="1/20",
                                                  noise="logistic"))
    assert not res.found


def test_lazear_rosen_bad_prizes():
    with pytest.raises(InputError, match="must exceed"):
        lazear_rosen_tournament(w1=1, w2=2, k=1, sigma=1)


@pytest.mark.parametrize("beta,w,s", [(0, 0, 0), ("1/2", 1, 0), ("1/4", 2, "1/2"),
                                      (0, 1, 1), ("1/2", 3, 1)])
def test_promotion_tournament_closed_form(beta, w, s):
    V, k_e, k_a, sigma = 4, 1, 2, 1
    g = promotion_tournament(prize=V, beta=beta, w=w, s=s, k_e=k_e, k_a=k_a, sigma=sigma,
                             noise="logistic")
    e = _only(symmetric_equilibria(g))
    assert e.certified
    D = sp.Rational(V, 4 * sigma)
    beta, w, s = sp.Rational(beta), sp.Rational(w), sp.Rational(s)
    assert e.exact_profile[0] == ((1 - beta) * D / k_e, w * (1 - s) * D / k_a)


def test_promotion_reform_cancels_for_a_shared_indicator():
    def coop(w, s):
        g = promotion_tournament(prize=4, beta="1/2", w=w, s=s, k_e=1, k_a=1, sigma=1)
        return float(_only(symmetric_equilibria(g)).profile[0][1])
    assert coop(0, 0) == 0
    assert coop(1, 0) > 0.5            # own-jurisdiction indicator: cooperation rises
    assert coop(1, 1) == 0             # fully shared indicator: the reform cancels
    assert 0 < coop(1, "1/2") < coop(1, 0)


def test_promotion_bad_spillover():
    with pytest.raises(InputError, match=r"beta must be in \[0, 1\]"):
        promotion_tournament(beta=2)


# ---------------------------------------------------------------------- public goods, abatement
@settings(max_examples=6)
@given(n=st.integers(2, 8), a=st.integers(2, 6), b=st.integers(1, 3))
def test_public_good_nash_and_samuelson(n, a, b):
    g = public_good_contributions(n, a=a, b=b, endowment=100)
    (x,) = _sym_choice(symmetric_equilibria(g))
    assert x == sp.Rational(a - 1, n * b)
    opt = social_optimum(g)
    assert opt.choice == (a - sp.Rational(1, n)) / (n * b)
    assert opt.nash_choice == x and opt.gap > 0


@settings(max_examples=6)
@given(n=st.integers(2, 10), a=st.integers(1, 50), b=small, c=small)
def test_abatement_barrett(n, a, b, c):
    b, c = sp.Rational(b.numerator, b.denominator), sp.Rational(c.numerator, c.denominator)
    g = abatement(n, a=a, b=b, c=c)
    (q,) = _sym_choice(symmetric_equilibria(g))
    assert q == a * b / (n * (b + c))
    assert social_optimum(g).choice == a * b / (n * b + c)


# ---------------------------------------------------------------------- collusion
def test_cournot_duopoly_collusion_is_9_17():
    res = collusion_threshold(cournot(2))
    assert res.delta == sp.Rational(9, 17)


def test_cournot_collusion_formula_in_n():
    n = sp.Symbol("n", positive=True, integer=True)
    assert sp.simplify(collusion_threshold(cournot()).delta
                       - (n + 1) ** 2 / (n ** 2 + 6 * n + 1)) == 0


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_cournot_collusion_numeric_matches_formula(n):
    res = collusion_threshold(cournot(n, a=13, b=2, c=3))
    assert res.delta == sp.Rational((n + 1) ** 2, n ** 2 + 6 * n + 1)


def _brute_force_delta(U, lo, hi, n):
    """Independent check: payoffs by dense grid search with scipy refinement (floats)."""
    from scipy import optimize
    grid = np.linspace(lo, hi, 20001)
    W = np.array([U(z, z) for z in grid])
    zm = grid[np.argmax(W)]
    zm = optimize.minimize_scalar(lambda z: -U(z, z), bounds=(lo, hi), method="bounded",
                                  options={"xatol": 1e-12}).x
    pm = U(zm, zm)
    pd = -optimize.minimize_scalar(lambda x: -U(x, zm), bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12}).fun
    # Nash: fixed point of the best response by bisection on the FOC sign
    def br(z):
        return optimize.minimize_scalar(lambda x: -U(x, z), bounds=(lo, hi), method="bounded",
                                        options={"xatol": 1e-13}).x
    zn = optimize.brentq(lambda z: br(z) - z, lo, hi, xtol=1e-13)
    pn = U(zn, zn)
    return (pd - pm) / (pd - pn)


@pytest.mark.parametrize("n,a,b,d,c", [(2, 10, 2, 1, 1), (3, 5, 4, 1, 2), (2, 1, 1, "1/2", 0)])
def test_bertrand_collusion_against_brute_force(n, a, b, d, c):
    g = bertrand(n, a=a, b=b, d=d, c=c)
    res = collusion_threshold(g)
    a, b, d, c = (float(sp.Rational(v)) for v in (a, b, d, c))

    def U(x, z):
        return (x - c) * (a - b * x + d * (n - 1) * z)
    hi = a / (b - (n - 1) * d)
    assert abs(float(res.delta) - _brute_force_delta(U, 0.0, hi, n)) < 1e-6


def test_bertrand_duopoly_collusion_formula():
    b, d = sp.Symbol("b", positive=True), sp.Symbol("d", positive=True)
    res = collusion_threshold(bertrand(2))
    assert sp.simplify(res.delta - (2 * b - d) ** 2 / (8 * b ** 2 - 8 * b * d + d ** 2)) == 0


@settings(max_examples=8)
@given(n=st.integers(2, 12), B=st.integers(1, 4), K=st.integers(1, 20))
def test_tax_competition_race_to_the_bottom(n, B, K):
    from govgames.games.continuous import tax_competition
    A = B * K + 5  # keeps t* = B K / (n - 1) inside [0, A]
    (t,) = _sym_choice(symmetric_equilibria(tax_competition(n, A=A, B=B, K=K)))
    assert t == sp.Rational(B * K, n - 1)


# ---------------------------------------------------------------------- all-pay auction
@pytest.mark.parametrize("values,n", [([3, 1], None), ([1, 5], None), ([2, 2], None),
                                      (4, 2), (4, 3), (1, 6)])
def test_all_pay_auction_is_an_equilibrium(values, n):
    from govgames.games.continuous import all_pay_auction
    eq = all_pay_auction(values, n=n)
    m = len(eq.values)
    v = np.array([float(a) for a in eq.values])
    bids = np.linspace(1e-9, v.max(), 4001)
    for i in range(m):
        # payoff of a pure bid b against the others' mixed bids: v_i prod_j F_j(b) - b
        win = np.prod([eq.cdf(j, bids) for j in range(m) if j != i], axis=0)
        pay = v[i] * win - bids
        assert pay.max() <= float(eq.payoffs[i]) + 1e-9
        # indifference on the support: the mean over the support equals the equilibrium payoff
        top = min(float(a) for a in v) if isinstance(values, list) else v[0]
        on = bids < top
        assert np.allclose(pay[on], float(eq.payoffs[i]), atol=1e-6)
        # expected bid = integral of 1 - F
        xs = np.linspace(0, v.max(), 200001)
        mean = np.trapezoid(1 - eq.cdf(i, xs), xs) if hasattr(np, "trapezoid") else \
            np.trapz(1 - eq.cdf(i, xs), xs)
        assert abs(mean - float(eq.expected_bids[i])) < 1e-4


def test_all_pay_auction_full_dissipation_and_errors():
    from govgames.games.continuous import all_pay_auction
    eq = all_pay_auction(n=4)
    assert sp.simplify(sum(eq.expected_bids) - sp.Symbol("v", positive=True)) == 0
    with pytest.raises(InputError, match="must be positive"):
        all_pay_auction([1, -1])
    with pytest.raises(InputError, match="n must be an integer >= 2"):
        all_pay_auction(1, n=1)


def test_lazear_rosen_symbolic_lists_only_possible_equilibria():
    # the corner at the upper bound loses to shirking (gain 150 at w1=100, w2=0, k=sigma=1);
    # zero effort needs w2 >= w1, which the constructor refuses: neither is listed
    g = lazear_rosen_tournament(noise="logistic")
    assert sorted(p.name for p in g.parameters) == ["k", "sigma", "w1", "w2"]
    res = symmetric_equilibria(g)
    assert [e.status[0] for e in res] == [("interior",)]
    num = g.subs(w1=100, w2=0, k=1, sigma=1)
    top = num.bounds[0][1]
    assert not is_equilibrium(num, [[top], [top]])
    with pytest.raises(InputError, match="violate w1 > w2"):
        g.subs(w1=1, w2=2)
    # the best deviation from the corner is the interior best response 100 f(-20) (not 0)
    chk = is_equilibrium(num, [[top], [top]])
    dev = float(chk.best_deviation[1][0])
    assert abs(dev - 100 * float(sp.exp(-20) / (1 + sp.exp(-20)) ** 2)) < 1e-9


def test_tullock_symbolic_condition_uses_n_at_least_two():
    res = symmetric_equilibria(tullock_contest())
    assert len(res) == 1 and res[0].conditions == ()
    assert "when" not in str(res)
    three = tullock_contest().subs(n=3, v=9)
    assert symmetric_equilibria(three)[0].exact_profile[0] == (2,)
