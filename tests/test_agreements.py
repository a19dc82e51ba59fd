"""Tests of networks.agreements: self-enforcing international environmental agreements.

Published results reproduced:
* linear benefit b*Q, quadratic cost (c/2) q_i^2 (Carraro & Siniscalco 1993; Barrett 2003,
  ch. 7): the stable agreement has 3 signatories for every N >= 3 and all b, c > 0; with both
  stability conditions weak (d'Aspremont et al.'s ties), sizes 2 and 3.
* binary abatement, benefit b per abating country, cost c (Barrett 2003, ch. 7): k* = ceil(c/b).
* Barrett (1994): with signatories as Stackelberg leaders the stable size ranges from 2 to N
  as c/b falls (here checked for the model's qualitative published result and for the
  algebra against a numerical optimisation).
"""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st
from scipy.optimize import minimize_scalar

from govgames.games.errors import InputError
from govgames.networks.agreements import (binary_abatement, externally_stable, internally_stable,
                                 linear_benefit_quadratic_cost, quadratic_benefit_quadratic_cost,
                                 stability_table, stable_coalition_sizes)


@settings(max_examples=40, deadline=None)
@given(N=st.integers(3, 40), b=st.fractions(Fraction(1, 10), 10), c=st.fractions(Fraction(1, 10), 10))
def test_linear_quadratic_stable_size_is_three(N, b, c):
    m = linear_benefit_quadratic_cost(N, b, c)
    assert stable_coalition_sizes(m) == [3]
    assert stable_coalition_sizes(m, tie="weak") == [2, 3]
    for k in range(2, N + 1):
        # independent derivation: pi_s(k) = b^2/c (k^2/2 + N - k), pi_n(k) = b^2/c (k^2 + N - k - 1/2)
        assert m.signatory_payoff(k) == b * b / c * (Fraction(k * k, 2) + N - k)
        assert m.nonsignatory_payoff(k) == b * b / c * (k * k + N - k - Fraction(1, 2))
        assert internally_stable(m, k) == ((k - 1) * (k - 3) <= 0)


def test_linear_quadratic_small_cases():
    assert stable_coalition_sizes(linear_benefit_quadratic_cost(2)) == [2]
    assert stable_coalition_sizes(linear_benefit_quadratic_cost(3)) == [3]
    m = linear_benefit_quadratic_cost(10, b=2, c=3)
    assert [externally_stable(m, k) for k in range(1, 5)] == [False, False, True, True]
    t = stability_table(m)
    assert t.loc[t["stable"], "k"].tolist() == [3]
    assert t["Q"].is_monotonic_increasing


@settings(max_examples=60, deadline=None)
@given(N=st.integers(2, 30), b=st.integers(1, 10), c=st.integers(1, 300))
def test_binary_model_stable_size_is_ceil_c_over_b(N, b, c):
    m = binary_abatement(N, b, c)
    sizes = stable_coalition_sizes(m)
    if b < c <= N * b:
        assert sizes == [math.ceil(Fraction(c, b))]
    elif c > N * b:
        # no group can make abatement pay: only the vacuous grand "agreement" (nobody abates)
        # is stable, with ties broken in favour of joining
        assert sizes == [N] and m.abatement(N)[2] == 0
    else:                           # b >= c: everyone abates anyway; the only stable size is N
        assert sizes == [N]


def _stackelberg_numeric(N, a, b, c, k):
    beta = b / N

    def nonsig(Qs):
        return max(0.0, beta * (a - Qs) / (c + (N - k) * beta))

    def joint(qs):
        Qs = k * qs
        Q = Qs + (N - k) * nonsig(Qs)
        return -(k * (beta * (a * Q - Q * Q / 2)) - k * c / 2 * qs * qs)

    r = minimize_scalar(joint, bounds=(0, a), method="bounded", options={"xatol": 1e-10})
    return r.x


@pytest.mark.parametrize("N,a,b,c", [(10, 100, 1, 1), (20, 50, 2, 0.5), (5, 10, 1, 3)])
def test_stackelberg_closed_form_matches_numerical_optimum(N, a, b, c):
    m = quadratic_benefit_quadratic_cost(N, a, b, c, leadership="stackelberg")
    for k in range(2, N + 1):
        q_s, q_n, Q = m.abatement(k)
        assert float(q_s) == pytest.approx(_stackelberg_numeric(N, a, b, c, k), rel=1e-6)
        # non-signatories best-respond: beta (a - Q) = c q_n
        assert float(b / N * (a - Q)) == pytest.approx(c * float(q_n), rel=1e-9)


def test_nash_version_first_order_conditions():
    N, a, b, c = 10, 100, 1, 2
    m = quadratic_benefit_quadratic_cost(N, a, b, c, leadership="nash")
    beta = Fraction(b, N)
    for k in range(2, N + 1):
        q_s, q_n, Q = m.abatement(k)
        assert beta * (a - Q) == c * q_n            # non-signatory FOC
        assert k * beta * (a - Q) == c * q_s        # signatories' joint FOC


def test_barrett_stackelberg_sizes_range_from_two_to_n():
    # Barrett (1994): the stable number of signatories can be anything from 2 to N; it is
    # large when c/b is small and 2 when it is large.
    N = 10
    sizes = {c: stable_coalition_sizes(quadratic_benefit_quadratic_cost(N, 100, 1, c))
             for c in ("0.001", "0.1", "1", "100")}
    assert sizes["100"] == [2]
    assert sizes["0.001"] == [N]
    ks = [sizes[c][0] for c in ("0.001", "0.1", "1", "100")]
    assert ks == sorted(ks, reverse=True)


def test_bad_input():
    with pytest.raises(InputError, match="N \\(number of countries\\)"):
        linear_benefit_quadratic_cost(1)
    with pytest.raises(InputError, match="c must be positive"):
        linear_benefit_quadratic_cost(5, 1, 0)
    with pytest.raises(InputError, match="leadership"):
        quadratic_benefit_quadratic_cost(5, leadership="cournot")
    with pytest.raises(InputError, match="tie must be"):
        stable_coalition_sizes(binary_abatement(5), tie="strict")
    with pytest.raises(InputError, match="coalition size k"):
        linear_benefit_quadratic_cost(5).signatory_payoff(6)
