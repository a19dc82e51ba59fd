"""Bargaining: Rubinstein's alternating offers and the Nash bargaining solution, exactly.

* :func:`rubinstein`: two players split a pie of 1 by alternating offers, with discount factors
  per side and who proposes first (Rubinstein 1982); optionally with *outside options* that the
  responder may take instead of replying (Binmore, Shaked and Sutton 1989: an outside option
  matters only when it exceeds what the player gets by rejecting, its Rubinstein share as
  responder) and a *risk of breakdown* after each rejection (Binmore, Rubinstein and Wolinsky
  1986). The unique subgame-perfect equilibrium is stationary: when ``i`` proposes he keeps
  ``x_i`` and the responder ``j`` accepts iff ``1 - x_i >= max(w_j, d_j ((1 - p) x_j + p b_j))``.
  This piecewise-linear fixed point is solved case by case in rational arithmetic.
* :func:`nash_bargaining`: the (asymmetric) Nash bargaining solution of two players over the
  convex hull of finitely many payoff pairs, with a disagreement point and weights (Nash 1950;
  Kalai 1977), exact for rational data.
* :func:`split_surplus`: the asymmetric Nash solution over a transferable surplus of ``n``
  players with threat points: ``u_i = d_i + w_i (S - sum d)`` (bargaining over a cooperative
  game's value ``v(N)`` with threat points ``v({i})``: :func:`surplus_bargaining`).
* :func:`rubinstein_time`: Rubinstein with time ``dt`` between offers and discount rates
  ``r_i`` (``delta_i = exp(-r_i dt)``); as ``dt -> 0`` the first proposer's share tends to the
  asymmetric Nash solution with weights ``r_2 / (r_1 + r_2)`` and ``r_1 / (r_1 + r_2)``
  (Binmore, Rubinstein and Wolinsky 1986).

References
----------
.. [1] A. Rubinstein, "Perfect equilibrium in a bargaining model", *Econometrica* 50 (1982),
   97-109.
.. [2] J. Nash, "The bargaining problem", *Econometrica* 18 (1950), 155-162.
.. [3] E. Kalai, "Nonsymmetric Nash solutions and replications of 2-person bargaining",
   *International Journal of Game Theory* 6 (1977), 129-133.
.. [4] K. Binmore, A. Rubinstein and A. Wolinsky, "The Nash bargaining solution in economic
   modelling", *RAND Journal of Economics* 17 (1986), 176-188.
.. [5] K. Binmore, A. Shaked and J. Sutton, "An outside option experiment", *Quarterly Journal
   of Economics* 104 (1989), 753-770.
.. [6] A. Muthoo, *Bargaining Theory with Applications*, Cambridge UP, 1999, ch. 3-6.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import sympy as sp

from ..errors import InputError
from .tree import exact_number

__all__ = ["BargainingResult", "rubinstein", "rubinstein_time", "nash_bargaining",
           "split_surplus", "surplus_bargaining"]


@dataclass
class BargainingResult:
    """The outcome of a bargaining model.

    Attributes
    ----------
    shares : tuple
        Each player's payoff in the agreement (exact).
    proposer_shares : tuple or None
        Rubinstein: the share each player keeps when he proposes.
    binding : list of str
        Which outside options or constraints bind.
    notes : list of str
    """

    shares: tuple
    proposer_shares: tuple | None = None
    binding: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __str__(self) -> str:
        s = ", ".join(str(x) for x in self.shares)
        extra = f"; binding: {', '.join(self.binding)}" if self.binding else ""
        return f"shares ({s}){extra}"


def _prob(x, what, open_upper=False):
    v = exact_number(x, what)
    if isinstance(v, Fraction):
        if v < 0 or v > 1 or (open_upper and v == 1):
            raise InputError(f"{what} must be in [0, 1{')' if open_upper else ']'}, got {v}")
    return v


def rubinstein(delta1, delta2, first: int = 0, outside=(None, None), breakdown=0,
               disagreement=(0, 0)) -> BargainingResult:
    """Subgame-perfect division of a pie of 1 under alternating offers.

    Parameters
    ----------
    delta1, delta2 : number or sympy expression
        Discount factors per round, in ``[0, 1)``; ``1`` (no discounting) is allowed when
        ``breakdown > 0``.
    first : {0, 1}
        Who proposes first.
    outside : pair
        Outside options ``(w1, w2)`` a responder may take instead of replying (None: none).
    breakdown : number
        Probability that talks break down after a rejection, each side then getting its
        ``disagreement`` payoff.
    disagreement : pair
        Payoffs after a breakdown.

    Returns
    -------
    BargainingResult
        ``shares``: the immediate agreement (first proposer keeps ``x``, the other gets
        ``1 - x``); ``proposer_shares``: what each keeps when proposing; ``binding`` names the
        outside options that bind.

    Raises
    ------
    InputError
        Discount factors or probabilities out of range, outside options or disagreement payoffs
        that sum to 1 or more (no gain from agreement), or symbolic values together with
        outside options (their cases need numbers).

    References
    ----------
    Rubinstein (1982); Binmore, Rubinstein and Wolinsky (1986); Binmore, Shaked and Sutton
    (1989); Muthoo (1999), Theorem 5.1.

    Examples
    --------
    >>> rubinstein("9/10", "4/5").shares
    (Fraction(5, 7), Fraction(2, 7))
    >>> d1, d2 = sp.symbols("delta1 delta2", positive=True)
    >>> rubinstein(d1, d2).shares[0]
    (delta2 - 1)/(delta1*delta2 - 1)

    An outside option of 1/4 for player 2 does not matter (his share as responder is 2/7); one of
    2/5 does, and he gets exactly that:

    >>> rubinstein("9/10", "4/5", outside=(None, "1/4")).shares
    (Fraction(5, 7), Fraction(2, 7))
    >>> r = rubinstein("9/10", "4/5", outside=(None, "2/5"))
    >>> r.shares, r.binding
    ((Fraction(3, 5), Fraction(2, 5)), ["player 2's outside option"])

    Without discounting but with a risk of breakdown of 1/10 after each rejection, the first
    proposer keeps ``1/(2 - p)``:

    >>> rubinstein(1, 1, breakdown="1/10").shares
    (Fraction(10, 19), Fraction(9, 19))
    """
    if first not in (0, 1):
        raise InputError(f"first must be 0 or 1 (the player who proposes first), got {first!r}")
    p = _prob(breakdown, "breakdown probability")
    # without a risk of breakdown a discount factor of 1 leaves no cost of delay; with one
    # (Binmore, Rubinstein and Wolinsky 1986) the effective factor delta*(1 - p) is below 1
    risky = isinstance(p, Fraction) and p > 0
    d = [_prob(delta1, "delta1", open_upper=not risky),
         _prob(delta2, "delta2", open_upper=not risky)]
    b = [exact_number(x, "disagreement payoff") for x in disagreement]
    w = [None if x is None else exact_number(x, "outside option") for x in outside]
    if len(b) != 2 or len(w) != 2:
        raise InputError("outside and disagreement need one entry per player (two)")
    symbolic = any(isinstance(v, sp.Basic) for v in d + b + [p] + [x for x in w if x is not None])
    if symbolic:
        if any(x is not None for x in w):
            raise InputError("outside options need numeric values (which of them binds "
                             "depends on the numbers)")
        D = [sp.nsimplify(v) if not isinstance(v, sp.Basic) else v for v in d]
        Bv = [sp.nsimplify(v) if not isinstance(v, sp.Basic) else v for v in b]
        P = sp.nsimplify(p) if not isinstance(p, sp.Basic) else p
        x1, x2 = sp.symbols("x1 x2")
        sol = sp.solve([sp.Eq(x1, 1 - D[1] * ((1 - P) * x2 + P * Bv[1])),
                        sp.Eq(x2, 1 - D[0] * ((1 - P) * x1 + P * Bv[0]))], [x1, x2], dict=True)[0]
        keep = (sp.factor(sol[x1]), sp.factor(sol[x2]))
        shares = (keep[0], sp.factor(1 - keep[0])) if first == 0 else \
            (sp.factor(1 - keep[1]), keep[1])
        return BargainingResult(shares, keep, [], ["symbolic; no outside options"])
    if b[0] + b[1] >= 1:
        raise InputError(f"the disagreement payoffs sum to {b[0] + b[1]} >= 1: no gain from "
                         "agreement")
    ww = [x if x is not None else None for x in w]
    if ww[0] is not None and ww[1] is not None and ww[0] + ww[1] >= 1:
        raise InputError("the outside options sum to 1 or more: no gain from agreement")
    # x_i = 1 - max(w_j, d_j ((1-p) x_j + p b_j)), i != j; try every branch, keep the consistent one
    found = None
    for branch in itertools.product((False, True), repeat=2):   # branch[j]: j's option binds
        if any(branch[j] and ww[j] is None for j in range(2)):
            continue
        # unknowns x0, x1: linear equations
        # x_i + [not branch[j]] d_j (1-p) x_j = 1 - (branch[j] ? w_j : d_j p b_j)
        rows, rhs = [], []
        for i in range(2):
            j = 1 - i
            row = [Fraction(0), Fraction(0)]
            row[i] = Fraction(1)
            if not branch[j]:
                row[j] += d[j] * (1 - p)
                rhs.append(1 - d[j] * p * b[j])
            else:
                wj = ww[j]
                assert wj is not None  # branches where j's option binds need one
                rhs.append(1 - wj)
            rows.append(row)
        det = rows[0][0] * rows[1][1] - rows[0][1] * rows[1][0]
        if det == 0:  # pragma: no cover - excluded by delta < 1
            continue
        x0 = (rhs[0] * rows[1][1] - rows[0][1] * rhs[1]) / det
        x1 = (rows[0][0] * rhs[1] - rhs[0] * rows[1][0]) / det
        x = (x0, x1)
        ok = True
        for j in range(2):
            cont = d[j] * ((1 - p) * x[j] + p * b[j])
            if branch[j] and not ww[j] >= cont:
                ok = False
            if not branch[j] and ww[j] is not None and ww[j] > cont:
                ok = False
        if ok:
            found = (x, branch)
            break
    if found is None:  # pragma: no cover - the map is a contraction: a solution exists
        raise InputError("no stationary equilibrium found; please report these numbers")
    x, branch = found
    binding = [f"player {j + 1}'s outside option" for j in range(2) if branch[j]]
    shares = (x[0], 1 - x[0]) if first == 0 else (1 - x[1], x[1])
    notes = ["immediate agreement in the unique subgame-perfect equilibrium"]
    for j in range(2):
        if ww[j] is not None and not branch[j]:
            notes.append(f"player {j + 1}'s outside option ({ww[j]}) is below what rejecting "
                         "gives him, so it does not matter")
    return BargainingResult(shares, x, binding, notes)


def rubinstein_time(r1, r2, dt, first: int = 0) -> BargainingResult:
    """Rubinstein bargaining with discount rates and time ``dt`` between offers (floats).

    ``delta_i = exp(-r_i dt)``; as ``dt -> 0`` the shares tend to the asymmetric Nash
    bargaining solution with weights ``(r2, r1) / (r1 + r2)`` (Binmore, Rubinstein and Wolinsky
    1986).

    Parameters
    ----------
    r1, r2 : float
        Positive discount rates.
    dt : float
        Positive time between offers.
    first : {0, 1}

    Returns
    -------
    BargainingResult
        Float shares.

    Examples
    --------
    >>> [round(x, 4) for x in rubinstein_time(1.0, 3.0, 1e-4).shares]
    [0.75, 0.25]
    >>> nash_bargaining([(0, 1), (1, 0)], weights=("3/4", "1/4")).shares
    (Fraction(3, 4), Fraction(1, 4))
    """
    if not (r1 > 0 and r2 > 0 and dt > 0):
        raise InputError("rubinstein_time needs positive rates r1, r2 and a positive dt")
    d1, d2 = math.exp(-r1 * dt), math.exp(-r2 * dt)
    x1 = (1 - d2) / (1 - d1 * d2)
    x2 = (1 - d1) / (1 - d1 * d2)
    shares = (x1, 1 - x1) if first == 0 else (1 - x2, x2)
    return BargainingResult(shares, (x1, x2), [], [f"delta = ({d1:.6g}, {d2:.6g})"])


def _weights(weights, n):
    if weights is None:
        return [Fraction(1, n)] * n
    if len(weights) != n:
        raise InputError(f"give {n} bargaining weights, got {len(weights)}")
    w = [exact_number(x, "bargaining weight") for x in weights]
    if any(not isinstance(x, Fraction) or x < 0 for x in w) or sum(w) == 0:
        raise InputError(f"bargaining weights must be non-negative numbers, not all zero; got {w}")
    total = sum(w)
    return [x / total for x in w]


def nash_bargaining(points: Sequence, disagreement=(0, 0), weights=None) -> BargainingResult:
    """The asymmetric Nash bargaining solution over the convex hull of payoff pairs.

    Maximises ``(u1 - d1)^a1 (u2 - d2)^a2`` over the convex hull of ``points`` with
    ``u >= d``. The maximiser lies on a segment between two of the points, where the first-order
    condition is linear; every segment is examined and the Nash products are compared exactly
    (raised to the common denominator of the weights).

    Parameters
    ----------
    points : sequence of pairs
        Feasible payoff pairs (their convex hull is the feasible set; lotteries over them).
    disagreement : pair
    weights : pair, optional
        Bargaining powers ``(a1, a2)`` (normalised to sum to 1); default equal.

    Returns
    -------
    BargainingResult

    Raises
    ------
    InputError
        No feasible point gives both players strictly more than the disagreement point.

    References
    ----------
    Nash (1950); Kalai (1977).

    Examples
    --------
    >>> nash_bargaining([(0, 0), (4, 0), (0, 2)]).shares
    (Fraction(2, 1), Fraction(1, 1))
    >>> nash_bargaining([(0, 0), (4, 0), (0, 2)], disagreement=(1, 0)).shares
    (Fraction(5, 2), Fraction(3, 4))
    """
    pts = []
    for k, q in enumerate(points):
        if len(q) != 2:
            raise InputError(f"point {k}: give a pair of payoffs, got {q!r}")
        pts.append(tuple(exact_number(v, f"point {k}") for v in q))
    d = tuple(exact_number(v, "disagreement payoff") for v in disagreement)
    a = _weights(weights, 2)
    if any(not isinstance(v, Fraction) for q in pts for v in q + d):
        raise InputError("nash_bargaining needs numeric payoffs")
    q = math.lcm(a[0].denominator, a[1].denominator)
    e = (int(a[0] * q), int(a[1] * q))

    def product(u):
        g1, g2 = u[0] - d[0], u[1] - d[1]
        if g1 <= 0 or g2 <= 0:
            return None
        return g1 ** e[0] * g2 ** e[1]

    best = None
    cands = list(pts)
    for P1, P2 in itertools.combinations(pts, 2):
        dx, dy = P2[0] - P1[0], P2[1] - P1[1]
        if dx == 0 or dy == 0:
            continue
        # a1 dx / (x - d1) + a2 dy / (y - d2) = 0 along P1 + t (dx, dy)
        t = -(a[0] * dx * (P1[1] - d[1]) + a[1] * dy * (P1[0] - d[0])) / (dx * dy)
        if 0 < t < 1:
            cands.append((P1[0] + t * dx, P1[1] + t * dy))
    for u in cands:
        v = product(u)
        if v is not None and (best is None or v > best[0]):
            best = (v, u)
    if best is None:
        raise InputError(f"no feasible point gives both players more than the disagreement "
                         f"point {tuple(str(x) for x in d)}")
    return BargainingResult(best[1], None, [],
                            [f"weights ({a[0]}, {a[1]}); disagreement point "
                             f"({d[0]}, {d[1]})"])


def split_surplus(total, threats: Sequence, weights=None) -> BargainingResult:
    """Asymmetric Nash solution over a transferable surplus: ``u_i = d_i + w_i (S - sum d)``.

    Parameters
    ----------
    total : number or sympy expression
        The surplus ``S`` to divide (e.g. ``v(N)`` of a cooperative game).
    threats : sequence
        Threat points ``d_i`` (e.g. ``v({i})``, or the payoffs of a threat equilibrium).
    weights : sequence, optional
        Bargaining powers (normalised); default equal.

    Returns
    -------
    BargainingResult

    Raises
    ------
    InputError
        ``S < sum d`` (nothing to gain), or bad weights.

    References
    ----------
    Nash (1950); Kalai (1977).

    Examples
    --------
    >>> split_surplus(10, [2, 1, 1]).shares
    (Fraction(4, 1), Fraction(3, 1), Fraction(3, 1))
    >>> s = sp.Symbol("s", positive=True)
    >>> split_surplus(s, [0, 0], weights=[2, 1]).shares
    (2*s/3, s/3)
    """
    d = [exact_number(x, f"threat point {k + 1}") for k, x in enumerate(threats)]
    S = exact_number(total, "surplus")
    w = _weights(weights, len(d))
    gain = S - sum(d) if isinstance(S, Fraction) and all(isinstance(x, Fraction) for x in d) \
        else sp.simplify(sp.nsimplify(S) - sum(sp.nsimplify(x) for x in d))
    if isinstance(gain, Fraction) and gain < 0:
        raise InputError(f"the surplus {S} is smaller than the sum of the threat points "
                         f"{sum(d)}: nothing to gain from agreement")
    if isinstance(gain, Fraction):
        shares = tuple(di + wi * gain for di, wi in zip(d, w))
    else:
        shares = tuple(sp.simplify(sp.nsimplify(di) + sp.Rational(wi.numerator, wi.denominator)
                                   * gain) for di, wi in zip(d, w))
    return BargainingResult(shares, None, [], [f"gain from agreement {gain}"])


def surplus_bargaining(game, weights=None) -> BargainingResult:
    """Bargaining over a cooperative game's value ``v(N)`` with threat points ``v({i})``.

    ``game`` is any object with ``players`` and ``value(coalition)`` (such as
    :class:`govgames.networks.CoalitionalGame`); see :func:`split_surplus`.

    Examples
    --------
    >>> class Three:
    ...     players = ("A", "B", "C")
    ...     def value(self, s):
    ...         return {1: 1, 3: 12}.get(len(s), 0)
    >>> surplus_bargaining(Three()).shares
    (Fraction(4, 1), Fraction(4, 1), Fraction(4, 1))
    """
    players = list(game.players)
    total = game.value(list(players))
    threats = [game.value([p]) for p in players]
    return split_surplus(total, threats, weights)
