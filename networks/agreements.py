"""Self-enforcing international (or inter-regional) environmental agreements.

The standard coalition-stability model (d'Aspremont et al. 1983; Carraro & Siniscalco 1993;
Barrett 1994): N symmetric countries each choose an abatement level ``q_i``; each gains from total
abatement ``Q`` and pays for its own. ``k`` countries sign an agreement: the signatories choose
their abatement to maximise their joint payoff, the ``N - k`` non-signatories each maximise their
own payoff. A size ``k`` is

* internally stable if no signatory gains by leaving: ``pi_s(k) >= pi_n(k - 1)``;
* externally stable if no non-signatory gains by joining: ``pi_n(k) > pi_s(k + 1)`` under the
  default tie rule ``"join"`` (a country indifferent between signing and not signing signs), or
  ``pi_n(k) >= pi_s(k + 1)`` with ``tie="weak"`` (both conditions weak, as in d'Aspremont et al.);

and stable (self-enforcing) if both hold. A size-1 "coalition" is no agreement: with ``k <= 1``
every country plays the non-cooperative Nash equilibrium.

Payoffs are computed in exact rational arithmetic from closed forms, so ties (which decide the
published results) are decided exactly.

References
----------
d'Aspremont, C., Jacquemin, A., Gabszewicz, J. J. & Weymark, J. A. (1983), "On the stability of
collusive price leadership", *Canadian Journal of Economics* 16(1): 17-25.
Carraro, C. & Siniscalco, D. (1993), "Strategies for the international protection of the
environment", *Journal of Public Economics* 52(3): 309-328.
Barrett, S. (1994), "Self-enforcing international environmental agreements", *Oxford Economic
Papers* 46: 878-894.
Barrett, S. (2003), *Environment and Statecraft*, Oxford University Press, ch. 7.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import pandas as pd
from govgames.games.errors import InputError
from govgames.games.numbers import exact_rational

__all__ = ["IEAModel", "linear_benefit_quadratic_cost", "quadratic_benefit_quadratic_cost",
           "binary_abatement", "internally_stable", "externally_stable",
           "stable_coalition_sizes", "stability_table"]


def _num(x, name):
    return exact_rational(x, where=name, bounded=isinstance(x, str))


def _positive(x, name):
    v = _num(x, name)
    if v <= 0:
        raise InputError(f"{name} must be positive, got {x!r}")
    return v


def _check_N(N):
    if isinstance(N, bool) or not isinstance(N, int) or N < 2:
        raise InputError(f"N (number of countries) must be an integer >= 2, got {N!r}")
    return N


@dataclass(frozen=True)
class IEAModel:
    """A symmetric coalition-formation model: payoffs of signatories and non-signatories by size.

    Parameters
    ----------
    N : int
        Number of countries.
    outcome : callable
        ``outcome(k)`` returns ``(q_s, q_n, pi_s, pi_n)``: abatement and payoff of a signatory and
        of a non-signatory when ``k`` countries sign (``0 <= k <= N``; entries for empty groups
        are ignored). Exact numbers (``Fraction``) make ties exact.
    name : str
        Description of the model (benefit, cost, leadership), shown in tables.

    Examples
    --------
    >>> m = IEAModel(3, lambda k: (1, 1, Fraction(k), Fraction(0)), "toy")
    >>> m.signatory_payoff(2), m.nonsignatory_payoff(2)
    (Fraction(2, 1), Fraction(0, 1))
    """

    N: int
    outcome: Callable
    name: str = "custom"

    def _at(self, k):
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= self.N:
            raise InputError(f"coalition size k must be an integer in 0..{self.N}, got {k!r}")
        return self.outcome(k)

    def signatory_payoff(self, k: int):
        """Payoff of each signatory when ``k`` countries sign."""
        return self._at(k)[2]

    def nonsignatory_payoff(self, k: int):
        """Payoff of each non-signatory when ``k`` countries sign."""
        return self._at(k)[3]

    def abatement(self, k: int):
        """``(q_s, q_n, Q)``: abatement of a signatory, of a non-signatory, and in total."""
        q_s, q_n, _, _ = self._at(k)
        return q_s, q_n, k * q_s + (self.N - k) * q_n

    def welfare(self, k: int):
        """Total payoff of all countries when ``k`` sign."""
        _, _, ps, pn = self._at(k)
        return k * ps + (self.N - k) * pn


def linear_benefit_quadratic_cost(N: int, b=1, c=1) -> IEAModel:
    """Linear benefit, quadratic cost: ``pi_i = b*Q - (c/2)*q_i**2``.

    Abatement is a dominant strategy: a non-signatory abates ``b/c``, a signatory ``k*b/c``
    (the coalition internalises the benefit to its ``k`` members). Internal stability reduces to
    ``(k - 1)(k - 3) <= 0``, so the stable agreement has **3 signatories** for every ``N >= 3``
    and all ``b, c > 0`` (with ties broken in favour of joining; with both conditions weak,
    sizes 2 and 3 are stable, as 3 is internally stable with equality).

    References
    ----------
    Carraro, C. & Siniscalco, D. (1993), *J. Public Economics* 52: 309-328; Barrett, S. (2003),
    *Environment and Statecraft*, ch. 7 (the "linear benefit, quadratic cost" model).

    Examples
    --------
    >>> m = linear_benefit_quadratic_cost(10, b=1, c=1)
    >>> stable_coalition_sizes(m)
    [3]
    >>> stable_coalition_sizes(m, tie="weak")
    [2, 3]
    """
    N = _check_N(N)
    b, c = _positive(b, "b"), _positive(c, "c")

    def outcome(k):
        ks = k if k >= 2 else 1  # a single signatory acts like a non-signatory
        q_s, q_n = ks * b / c, b / c
        Q = k * q_s + (N - k) * q_n
        return q_s, q_n, b * Q - c / 2 * q_s**2, b * Q - c / 2 * q_n**2

    return IEAModel(N, outcome, f"linear benefit b*Q, quadratic cost c/2*q^2 (N={N}, b={b}, c={c})")


def quadratic_benefit_quadratic_cost(N: int, a=100, b=1, c=1, leadership: str = "stackelberg"
                                     ) -> IEAModel:
    """Barrett's (1994) abatement model: ``pi_i = (b/N)*(a*Q - Q**2/2) - (c/2)*q_i**2``.

    With ``beta = b/N``: a non-signatory's best response to the others is
    ``q_n = beta*(a - Q)/c``. Under ``leadership="nash"`` signatories choose simultaneously
    with the non-signatories, ``q_s = k*beta*(a - Q)/c``, so ``q_s = k*q_n`` and
    ``Q = a*m/(1 + m)``, ``m = (k**2 + N - k)*beta/c``. Under ``"stackelberg"`` (Barrett's
    assumption) signatories lead, anticipating ``q_n = beta*(a - Q_s)/(c + (N-k)*beta)``; with
    ``lam = c/(c + (N-k)*beta)`` the joint optimum is ``q_s = k*beta*lam**2*a /
    (c + k**2*beta*lam**2)``. Abatement stays interior (``0 <= Q < a``).

    References
    ----------
    Barrett, S. (1994), "Self-enforcing international environmental agreements", *Oxford Economic
    Papers* 46: 878-894 (section 3, the model with signatories as Stackelberg leaders).

    Examples
    --------
    >>> m = quadratic_benefit_quadratic_cost(10, a=100, b=1, c=1, leadership="nash")
    >>> [float(round(x, 3)) for x in m.abatement(1)]
    [5.0, 5.0, 50.0]
    >>> stable_coalition_sizes(quadratic_benefit_quadratic_cost(100, a=100, b=1, c="0.01"))
    [51]
    >>> stable_coalition_sizes(quadratic_benefit_quadratic_cost(100, a=100, b=1, c=100))
    [2]
    """
    N = _check_N(N)
    a, b, c = _positive(a, "a"), _positive(b, "b"), _positive(c, "c")
    if leadership not in ("stackelberg", "nash"):
        raise InputError(f"leadership must be 'stackelberg' or 'nash', got {leadership!r}")
    beta = b / N

    def payoff(Q, q):
        return beta * (a * Q - Q * Q / 2) - c / 2 * q * q

    def outcome(k):
        if k <= 1 or leadership == "nash":
            kk = k if k >= 2 else 1
            m = (kk * kk + N - kk) * beta / c if k >= 2 else N * beta / c
            Q = a * m / (1 + m)
            q_n = beta * (a - Q) / c
            q_s = kk * q_n
        else:
            lam = c / (c + (N - k) * beta)
            q_s = k * beta * lam**2 * a / (c + k * k * beta * lam**2)
            Qs = k * q_s
            q_n = beta * (a - Qs) / (c + (N - k) * beta)
            Q = Qs + (N - k) * q_n
        return q_s, q_n, payoff(Q, q_s), payoff(Q, q_n)

    return IEAModel(N, outcome, f"benefit (b/N)(aQ-Q^2/2), cost c/2*q^2, {leadership} "
                                f"(N={N}, a={a}, b={b}, c={c})")


def binary_abatement(N: int, b=1, c=3) -> IEAModel:
    """Binary choice: each country abates (1) or not (0); ``pi_i = b*(number abating) - c*x_i``.

    With ``b < c`` not abating is dominant for a single country, and the signatories abate
    together iff ``k*b >= c`` (ties resolved by abating). The stable agreement has
    ``k* = ceil(c/b)`` signatories (the smallest group for which abating pays), when
    ``b < c <= N*b``; with ``b >= c`` everyone abates anyway; with ``c > N*b`` nobody ever
    abates and only the vacuous grand "agreement" ``k = N`` passes the tests.

    References
    ----------
    Barrett, S. (2003), *Environment and Statecraft*, Oxford University Press, ch. 7 (the
    binary-choice treaty participation game); Schelling, T. C. (1978), *Micromotives and
    Macrobehavior*, ch. 7 (binary choices with externalities).

    Examples
    --------
    >>> stable_coalition_sizes(binary_abatement(10, b=1, c=3))
    [3]
    >>> stable_coalition_sizes(binary_abatement(10, b=2, c=5))
    [3]
    """
    N = _check_N(N)
    b, c = _positive(b, "b"), _positive(c, "c")

    def outcome(k):
        x_n = 1 if b >= c else 0
        x_s = 1 if (k >= 2 and k * b >= c) or b >= c else x_n
        if k <= 1:
            x_s = x_n
        total = k * x_s + (N - k) * x_n
        return Fraction(x_s), Fraction(x_n), b * total - c * x_s, b * total - c * x_n

    return IEAModel(N, outcome, f"binary abatement, benefit b per abating country, cost c "
                                f"(N={N}, b={b}, c={c})")


def _check_tie(tie):
    if tie not in ("join", "weak"):
        raise InputError(f"tie must be 'join' or 'weak', got {tie!r}")


def internally_stable(model: IEAModel, k: int, *, tie: str = "join") -> bool:
    """No signatory gains by leaving: ``pi_s(k) >= pi_n(k - 1)`` (``k <= 1`` is stable).

    References
    ----------
    d'Aspremont et al. (1983), *Canadian Journal of Economics* 16(1): 17-25.

    Examples
    --------
    >>> m = linear_benefit_quadratic_cost(10)
    >>> [internally_stable(m, k) for k in (2, 3, 4)]
    [True, True, False]
    """
    _check_tie(tie)
    if k <= 1:
        model._at(k)
        return True
    return model.signatory_payoff(k) >= model.nonsignatory_payoff(k - 1)


def externally_stable(model: IEAModel, k: int, *, tie: str = "join") -> bool:
    """No non-signatory gains by joining: ``pi_n(k) > pi_s(k + 1)`` (``>=`` with ``tie="weak"``).

    ``k = N`` is externally stable.

    Examples
    --------
    >>> m = linear_benefit_quadratic_cost(10)
    >>> [externally_stable(m, k) for k in (2, 3)]
    [False, True]
    >>> externally_stable(m, 2, tie="weak")
    True
    """
    _check_tie(tie)
    if k >= model.N:
        model._at(k)
        return True
    pn, ps = model.nonsignatory_payoff(k), model.signatory_payoff(k + 1)
    return pn > ps if tie == "join" else pn >= ps


def stable_coalition_sizes(model: IEAModel, *, tie: str = "join", min_size: int = 2) -> list:
    """Sizes ``k >= min_size`` that are internally and externally stable.

    Examples
    --------
    >>> stable_coalition_sizes(linear_benefit_quadratic_cost(50, b=2, c=7))
    [3]
    """
    return [k for k in range(max(min_size, 0), model.N + 1)
            if internally_stable(model, k, tie=tie) and externally_stable(model, k, tie=tie)]


def stability_table(model: IEAModel, *, tie: str = "join") -> pd.DataFrame:
    """For every size ``k``: abatement, payoffs, welfare and the stability verdicts.

    Examples
    --------
    >>> t = stability_table(linear_benefit_quadratic_cost(5))
    >>> t.loc[t["stable"], "k"].tolist()
    [3]
    >>> t.columns.tolist()[:4]
    ['k', 'q_signatory', 'q_nonsignatory', 'Q']
    """
    rows = []
    for k in range(0, model.N + 1):
        q_s, q_n, Q = model.abatement(k)
        rows.append({
            "k": k, "q_signatory": float(q_s), "q_nonsignatory": float(q_n), "Q": float(Q),
            "pi_signatory": float(model.signatory_payoff(k)),
            "pi_nonsignatory": float(model.nonsignatory_payoff(k)),
            "welfare": float(model.welfare(k)),
            "internal": internally_stable(model, k, tie=tie),
            "external": externally_stable(model, k, tie=tie),
        })
    df = pd.DataFrame(rows)
    df["stable"] = df["internal"] & df["external"] & (df["k"] >= 2)
    df.attrs["model"] = model.name
    return df
