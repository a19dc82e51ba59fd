"""The all-pay auction with complete information: its mixed equilibrium in closed form.

Every bidder pays its bid; the highest bid wins the prize (ties split). No pure equilibrium
exists; the equilibrium bids are mixed, with cumulative distribution functions in closed form:

* ``n`` bidders with a common value ``v``: the unique symmetric equilibrium has
  ``F(x) = (x / v) ** (1 / (n - 1))`` on ``[0, v]``; every bidder expects 0 and the expected
  total of bids is ``v`` (full rent dissipation).
* two bidders with values ``v1 >= v2``: bidder 1 bids uniformly on ``[0, v2]``; bidder 2 bids 0
  with probability ``1 - v2 / v1`` and otherwise uniformly on ``[0, v2]`` (density ``1/v1``).
  Bidder 1 expects ``v1 - v2``, bidder 2 expects 0.

References
----------
.. [1] A. L. Hillman and J. G. Riley, "Politically contestable rents and transfers",
   *Economics and Politics* 1 (1989), 17-39.
.. [2] M. R. Baye, D. Kovenock and C. G. de Vries, "The all-pay auction with complete
   information", *Economic Theory* 8 (1996), 291-305.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from ..errors import InputError
from ..expr import as_sympy

__all__ = ["all_pay_auction", "AllPayEquilibrium"]


@dataclass(frozen=True)
class AllPayEquilibrium:
    """The mixed equilibrium of a complete-information all-pay auction.

    Attributes
    ----------
    values : tuple of sympy numbers or symbols
        The bidders' values of the prize.
    cdfs : tuple of sympy expressions
        Each bidder's bid distribution ``F_i(x)`` (a ``Piecewise`` in ``x``).
    x : sympy Symbol
        The bid variable of the distributions.
    payoffs : tuple
        Expected payoffs.
    expected_bids : tuple
        Expected bids.
    """

    values: tuple
    cdfs: tuple
    x: sp.Symbol
    payoffs: tuple
    expected_bids: tuple

    def cdf(self, i: int, bids) -> np.ndarray:
        """Bidder ``i``'s distribution evaluated at ``bids`` (numeric values only).

        Examples
        --------
        >>> all_pay_auction([2, 1]).cdf(1, [0, 0.5, 1])
        array([0.5 , 0.75, 1.  ])
        """
        f = sp.lambdify(self.x, self.cdfs[i], modules="numpy")
        b = np.asarray(bids, dtype=float)
        return np.broadcast_to(np.asarray(f(b), dtype=float), b.shape).copy()

    def __str__(self) -> str:
        lines = ["all-pay auction, mixed equilibrium:"]
        for i, v in enumerate(self.values):
            lines.append(f"  bidder {i + 1} (value {v}): F(x) = {self.cdfs[i]}; expected payoff "
                         f"{self.payoffs[i]}, expected bid {self.expected_bids[i]}")
        return "\n".join(lines)


def all_pay_auction(values=None, n=None) -> AllPayEquilibrium:
    """The equilibrium bid distributions of a complete-information all-pay auction.

    Parameters
    ----------
    values : sequence of two numbers, or one number / None
        Two values (any order) for the asymmetric two-bidder auction; a single common value
        (symbol ``v`` when None) with ``n`` bidders for the symmetric one.
    n : int, optional
        Number of bidders of the symmetric auction (default 2).

    Returns
    -------
    AllPayEquilibrium

    Raises
    ------
    InputError
        Non-positive values, more than two distinct values, ``n < 2``.

    References
    ----------
    Hillman and Riley (1989); Baye, Kovenock and de Vries (1996).

    Examples
    --------
    >>> eq = all_pay_auction([3, 1])
    >>> eq.payoffs, eq.expected_bids
    ((2, 0), (1/2, 1/6))
    >>> all_pay_auction(4, n=3).expected_bids
    (4/3, 4/3, 4/3)
    """
    x = sp.Symbol("x", nonnegative=True)
    if isinstance(values, (list, tuple)):
        if len(values) != 2:
            raise InputError("all_pay_auction: give two values (the two-bidder auction) or one "
                             "common value with n bidders")
        if n not in (None, 2):
            raise InputError("all_pay_auction: two values means two bidders")
        v = [as_sympy(a, where=f"value of bidder {i + 1}") for i, a in enumerate(values)]
        for i, a in enumerate(v):
            if a.is_number and not a.is_positive:
                raise InputError(f"all_pay_auction: the value of bidder {i + 1} must be "
                                 f"positive, got {a}")
        if not all(a.is_number for a in v):
            raise InputError("all_pay_auction: asymmetric values must be numbers (the order of "
                             "the values decides who is the strong bidder)")
        hi, lo = (0, 1) if v[0] >= v[1] else (1, 0)
        vh, vl = v[hi], v[lo]
        F = [None, None]
        F[hi] = sp.Piecewise((sp.S.Zero, x < 0), (x / vl, x < vl), (sp.S.One, True))
        F[lo] = sp.Piecewise((sp.S.Zero, x < 0), (1 - vl / vh + x / vh, x < vl), (sp.S.One, True))
        pay = [None, None]
        pay[hi], pay[lo] = vh - vl, sp.S.Zero
        bids = [None, None]
        bids[hi] = vl / 2
        bids[lo] = vl ** 2 / (2 * vh)
        return AllPayEquilibrium(tuple(v), tuple(F), x, tuple(pay), tuple(bids))
    m = 2 if n is None else n
    if isinstance(m, bool) or not isinstance(m, int) or m < 2:
        raise InputError(f"all_pay_auction: n must be an integer >= 2, got {n!r}")
    v = sp.Symbol("v", positive=True) if values is None else as_sympy(values, where="value")
    if v.is_number and not v.is_positive:
        raise InputError(f"all_pay_auction: the value must be positive, got {v}")
    F = sp.Piecewise((sp.S.Zero, x < 0), ((x / v) ** sp.Rational(1, m - 1), x < v),
                     (sp.S.One, True))
    bid = v / m  # E[x] with F = (x/v)^(1/(m-1)): v / m
    return AllPayEquilibrium((v,) * m, (F,) * m, x, (sp.S.Zero,) * m, (bid,) * m)
