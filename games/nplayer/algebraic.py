"""Exact real algebraic numbers for equilibria whose probabilities are irrational.

In games with three or more players the equilibrium probabilities solve polynomial equations of
degree above one, so they are in general algebraic, not rational. An equilibrium is then stored
the way computer algebra stores the solutions of a zero-dimensional polynomial system (a
*rational univariate representation*, Rouillier 1999): one real algebraic number ``theta``,
given by an irreducible integer polynomial ``m`` and the index of the real root of ``m`` it
stands for, and every probability as a polynomial with rational coefficients in ``theta`` of
degree below ``deg m``.

This representation is exact: a polynomial ``q`` in ``theta`` is zero exactly when ``q``
reduced modulo ``m`` is the zero polynomial (``m`` is irreducible), and otherwise its sign is
decided by evaluating ``q`` on ever tighter certified enclosures of ``theta`` (ball arithmetic
of Arb in FLINT) until the enclosure of ``q(theta)`` excludes zero. Equilibrium conditions are
therefore checked without any tolerance (:meth:`AlgebraicProfile.is_equilibrium`).

References
----------
.. [1] F. Rouillier, "Solving zero-dimensional systems through the rational univariate
   representation", *Applicable Algebra in Engineering, Communication and Computing* 9 (1999),
   433-461.
.. [2] F. Johansson, "Arb: efficient arbitrary-precision midpoint-radius interval arithmetic",
   *IEEE Transactions on Computers* 66 (2017), 1281-1292.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Sequence

import flint

__all__ = ["AlgebraicProfile", "real_roots", "sign_at_root"]

#: Precisions (bits) tried in turn when deciding a sign; beyond the last one the sign is
#: reported as undecided (never reached by a nonzero quantity of a game of modest size).
PRECISIONS = (64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384)


def _fmpz_poly(coeffs: Sequence[int]) -> flint.fmpz_poly:
    return flint.fmpz_poly([int(c) for c in coeffs])


@lru_cache(maxsize=512)
def real_roots(coeffs: tuple, prec: int = 64) -> tuple:
    """Certified enclosures of the real roots of a squarefree integer polynomial, ascending.

    Parameters
    ----------
    coeffs : tuple of int
        Coefficients, constant term first.
    prec : int
        Working precision in bits (the enclosures are much tighter than ``2**-prec`` only when
        the roots are well separated).

    Returns
    -------
    tuple of flint.arb
        One ball per real root. FLINT returns real roots with an exactly zero imaginary part,
        which certifies that they are real.

    Examples
    --------
    >>> [float(r) for r in real_roots((-2, 0, 1))]
    [-1.4142135623730951, 1.4142135623730951]
    """
    old = flint.ctx.prec
    try:
        flint.ctx.prec = prec
        # (root, multiplicity) pairs (python-flint's stub says roots only)
        roots: list = _fmpz_poly(coeffs).complex_roots()
    finally:
        flint.ctx.prec = old
    reals = [r.real for r, _ in roots if r.imag.is_zero()]
    reals.sort(key=lambda b: float(b.mid()))
    return tuple(reals)


def _arb_eval(q: flint.fmpq_poly, x: flint.arb) -> flint.arb:
    """Certified ball of ``q(x)`` at the working precision (Arb's polynomial evaluation in C;
    the coefficients are rounded outward to balls first)."""
    return flint.arb_poly(q)(x)


def _arb_poly(coeffs) -> flint.arb_poly:
    """The polynomial with the rational coefficients ``coeffs`` (Fractions) as balls at the
    working precision: each numerator exactly, divided by its denominator with a rounding
    radius (as ``arb_poly`` of the exact ``fmpq_poly`` would give, without putting each
    coefficient in lowest terms again, a gcd of thousands of digits)."""
    return flint.arb_poly([flint.arb(c.numerator) / c.denominator for c in coeffs])


def sign_at_root(q: flint.fmpq_poly, m: tuple, index: int) -> int:
    """Exact sign of ``q(theta)``, ``theta`` the ``index``-th real root of irreducible ``m``.

    Parameters
    ----------
    q : flint.fmpq_poly
        A polynomial with rational coefficients.
    m : tuple of int
        Irreducible integer polynomial (constant term first) of which ``theta`` is a root.
    index : int
        Which real root (0 = smallest).

    Returns
    -------
    int
        -1, 0 or 1. Zero is decided exactly (``m`` divides ``q``); a nonzero sign is certified
        by ball arithmetic.

    Raises
    ------
    ArithmeticError
        If the sign could not be separated from zero at the highest precision tried.

    Examples
    --------
    >>> import flint
    >>> sign_at_root(flint.fmpq_poly([-1, 0, 2]), (-2, 0, 1), 1)  # 2*sqrt(2)**2 - 1 > 0
    1
    >>> sign_at_root(flint.fmpq_poly([-2, 0, 1]), (-2, 0, 1), 0)
    0
    """
    mm = flint.fmpq_poly(list(m))
    r = q % mm
    if r.is_zero():
        return 0
    if r.degree() == 0:
        c = r.coeffs()[0]
        return 1 if c > 0 else -1
    for prec in PRECISIONS:
        theta = real_roots(tuple(m), prec)[index]
        old = flint.ctx.prec
        try:
            flint.ctx.prec = prec
            v = _arb_eval(r, theta)
        finally:
            flint.ctx.prec = old
        if v > 0:
            return 1
        if v < 0:
            return -1
    raise ArithmeticError("could not decide the sign of an algebraic number")  # pragma: no cover


def _digits(b: flint.arb, digits: int) -> str:
    return b.str(digits, radius=False)


@dataclass(frozen=True)
class AlgebraicProfile:
    """A mixed-strategy profile with real algebraic probabilities, stored exactly.

    Parameters
    ----------
    minimal_polynomial : tuple of int
        Irreducible integer polynomial ``m`` (constant term first) of ``theta``.
    root_index : int
        ``theta`` is the ``root_index``-th real root of ``m`` (0 = smallest).
    coordinates : tuple of tuple of tuple of Fraction
        For each player and each of its strategies, the probability as a polynomial in
        ``theta`` (coefficients, constant term first, degree below ``deg m``).

    Examples
    --------
    The profile ``(sqrt(2) - 1, 2 - sqrt(2))`` for one player with two strategies:

    >>> from fractions import Fraction as F
    >>> a = AlgebraicProfile((-2, 0, 1), 1, (((F(-1), F(1)), (F(2), F(-1))),))
    >>> a.degree
    2
    >>> a.evalf(20)
    [['0.41421356237309504880', '0.58578643762690495120']]
    >>> a.to_sympy()
    ((-1 + sqrt(2), 2 - sqrt(2)),)
    """

    minimal_polynomial: tuple
    root_index: int
    coordinates: tuple

    @property
    def degree(self) -> int:
        """Degree of the number field: 1 for a rational profile."""
        return len(self.minimal_polynomial) - 1

    def _poly(self, coeffs) -> flint.fmpq_poly:
        return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])

    def theta(self, prec: int = 64) -> flint.arb:
        """Certified enclosure of ``theta`` at ``prec`` bits."""
        return real_roots(tuple(self.minimal_polynomial), prec)[self.root_index]

    def enclosures(self, prec: int = 128) -> list:
        """Certified balls (``flint.arb``) of every probability, per player."""
        theta = self.theta(prec)
        old = flint.ctx.prec
        try:
            flint.ctx.prec = prec
            return [[_arb_poly(c)(theta) for c in player] for player in self.coordinates]
        finally:
            flint.ctx.prec = old

    def evalf(self, digits: int = 30) -> list:
        """Every probability as a decimal string with ``digits`` significant digits."""
        prec = max(64, int(digits * 3.33) + 32)
        while True:
            balls = self.enclosures(prec)
            small = flint.arb(10) ** (-digits - 2)
            if all(b.rad() < small * max(1, abs(float(b.mid()))) for p in balls
                   for b in p) or prec > 1 << 15:
                return [[_digits(b, digits) if not b.is_zero() else "0" for b in p] for p in balls]
            prec *= 2

    def to_floats(self) -> list:
        """Every probability as the nearest double, per player."""
        return [[float(b.mid()) for b in p] for p in self.enclosures(128)]

    def to_sympy(self) -> tuple:
        """The profile as exact sympy numbers (radicals for degree 2, ``CRootOf`` above)."""
        import sympy as sp

        T = sp.Symbol("T")
        m = sp.Poly(list(reversed(self.minimal_polynomial)), T)
        if self.degree == 1:
            theta = sp.Rational(-self.minimal_polynomial[0], self.minimal_polynomial[1])
        elif self.degree == 2:
            theta = sorted(sp.roots(m, T).keys(), key=lambda r: float(r))[self.root_index]
        else:
            theta = sp.CRootOf(m.as_expr(), self.root_index)
        out = []
        for player in self.coordinates:
            row = []
            for c in player:
                val = sum((sp.Rational(x.numerator, x.denominator) * theta ** k
                           for k, x in enumerate(c)), sp.Integer(0))
                row.append(sp.expand(val) if self.degree <= 2 else val)
            out.append(tuple(row))
        return tuple(out)

    def sign(self, coeffs: Sequence) -> int:
        """Exact sign of the polynomial in ``theta`` with rational ``coeffs``."""
        q = self._poly([Fraction(c) for c in coeffs])
        return sign_at_root(q, tuple(self.minimal_polynomial), self.root_index)

    def is_equilibrium(self, game) -> bool:
        """Certify, without tolerance, that the profile is a Nash equilibrium of ``game``.

        Each probability must be non-negative and each player's probabilities must sum to one;
        no pure strategy may pay more than the player's expected payoff. All quantities are
        polynomials in ``theta`` computed exactly over the rationals; their signs come from
        :func:`sign_at_root`.

        Parameters
        ----------
        game : NormalFormGame
            A game with numeric payoffs (read exactly, see ``NormalFormGame.exact_payoffs``).

        Returns
        -------
        bool
        """
        m = flint.fmpq_poly(list(self.minimal_polynomial))
        probs = [[self._poly(c) for c in player] for player in self.coordinates]
        if len(probs) != game.n_players or any(len(p) != a for p, a in zip(probs, game.shape)):
            return False
        key = (tuple(self.minimal_polynomial), self.root_index)
        for p in probs:
            if not (sum(p, flint.fmpq_poly(0)) - 1) % m == 0:
                return False
            if any(sign_at_root(x, *key) < 0 for x in p):
                return False
        P = game.exact_payoffs()
        n = game.n_players
        for i in range(n):
            # payoff of each pure strategy of i against the others: sum over their profiles
            others = [j for j in range(n) if j != i]
            values = [flint.fmpq_poly(0) for _ in range(game.shape[i])]
            for prof in itertools.product(*(range(game.shape[j]) for j in others)):
                w = flint.fmpq_poly(1)
                for j, k in zip(others, prof):
                    w = (w * probs[j][k]) % m
                    if w.is_zero():
                        break
                if w.is_zero():
                    continue
                for s in range(game.shape[i]):
                    idx = list(prof)
                    idx.insert(i, s)
                    u = P[(i,) + tuple(idx)]
                    values[s] += w * flint.fmpq(u.numerator, u.denominator)
            current = sum(((v * x) % m for v, x in zip(values, probs[i])), flint.fmpq_poly(0))
            if any(sign_at_root((v - current) % m, *key) > 0 for v in values):
                return False
        return True
