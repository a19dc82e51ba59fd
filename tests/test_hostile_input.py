"""Hostile and unusual input: bounded work, exact answers near ties, safe files, one-line errors.

Regression tests for the inputs of issue 18, grouped by kind, plus a bounded hypothesis fuzz of
the readers asserting that only :class:`~govgames.games.errors.InputError` escapes.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from govgames.games.errors import InputError


# ----------------------------------------------------------------------------- zero fitness
def _moran_exact(A, a, b, N, w):
    """Fixation probability by solving the absorption equations of the birth-death chain exactly
    (an independent method: a linear system over the rationals, not the product formula)."""
    A = [[Fraction(x) for x in row] for row in A]
    w = Fraction(w)
    h = sp.symbols(f"h0:{N + 1}")
    eqs = [sp.Eq(h[0], 0), sp.Eq(h[N], 1)]
    for j in range(1, N):
        pa = (A[a][a] * (j - 1) + A[a][b] * (N - j)) / (N - 1)
        pb = (A[b][a] * j + A[b][b] * (N - j - 1)) / (N - 1)
        f, g = 1 - w + w * pa, 1 - w + w * pb
        tot = j * f + (N - j) * g
        up = Fraction(j * f, tot) * Fraction(N - j, N)
        down = Fraction((N - j) * g, tot) * Fraction(j, N)
        eqs.append(sp.Eq(h[j], sp.Rational(up.numerator, up.denominator) * h[j + 1]
                         + sp.Rational(down.numerator, down.denominator) * h[j - 1]
                         + (1 - sp.Rational(up.numerator, up.denominator)
                            - sp.Rational(down.numerator, down.denominator)) * h[j]))
    sol = sp.solve(eqs, h, dict=True)[0]
    return sol[h[1]]


@pytest.mark.parametrize("A, N, w", [
    ([[3, 0], [5, 1]], 4, 1),      # the issue's example: 0 and 55/83
    ([[3, 0], [5, 1]], 7, 1),
    ([[2, 0], [3, 0]], 5, 1),      # the residents' fitness vanishes too
    ([[3, 0], [5, 1]], 6, Fraction(1, 2)),
])
def test_fixation_with_zero_fitness_matches_exact_chain(A, N, w):
    from govgames.games.repeated.dynamics import fixation_probability
    for a, b in ((0, 1), (1, 0)):
        try:
            expected = _moran_exact(A, a, b, N, w)
        except (IndexError, KeyError):  # the chain is not absorbed: fixation impossible
            expected = 0
        got = fixation_probability(A, a, b, N, float(w))
        assert got == pytest.approx(float(expected), abs=1e-12), (a, b)


def test_issue_fixation_values():
    from govgames.games.repeated.dynamics import fixation_probability, simulate_fixation
    A = [[3, 0], [5, 1]]
    assert fixation_probability(A, 0, 1, 4, 1.0) == 0.0
    assert fixation_probability(A, 1, 0, 4, 1.0) == pytest.approx(55 / 83, abs=1e-14)
    assert simulate_fixation(A, 0, 1, 4, 1.0, runs=50, seed=0) == (0.0, 0.0)
    est, se = simulate_fixation(A, 1, 0, 4, 1.0, runs=4000, seed=0)
    assert abs(est - 55 / 83) < 5 * se


def test_moran_zero_fitness_and_refusals():
    from govgames.games.repeated.dynamics import fixation_probability, moran_process
    r = moran_process([[3, 0], [5, 1]], [3, 3], selection=1.0, seed=1)
    assert r.winner == "s2"
    with pytest.raises(InputError, match="non-negative"):
        fixation_probability([[-1, 0], [5, 1]], 0, 1, 4, 1.0)
    with pytest.raises(InputError, match="fitness 0"):
        fixation_probability([[0, 0], [0, 0]], 0, 1, 4, 1.0)
