"""Collective stability of Tit for Tat in the repeated prisoner's dilemma (Axelrod 1984).

A strategy is *collectively stable* when no strategy can invade a population playing it: no
strategy earns more against it than it earns against itself. Axelrod (1984, proposition 2)
shows that Tit for Tat is collectively stable exactly when the continuation probability (or
discount factor) ``w`` is large enough for neither of its two best challengers to pay: always
defecting (``(T - R)/(T - P)``) and alternating defection and cooperation
(``(T - R)/(R - S)``).
"""

from __future__ import annotations

import sympy as sp

from ..errors import InputError
from ..expr import as_sympy

__all__ = ["tit_for_tat_threshold"]


def tit_for_tat_threshold(T=None, R=None, P=None, S=None):
    """The least continuation probability at which Tit for Tat is collectively stable.

    Parameters
    ----------
    T, R, P, S : number or sympy expression, optional
        Temptation, reward, punishment and sucker's payoffs of the stage game, with
        ``T > R > P > S`` (symbols ``T, R, P, S`` when omitted).

    Returns
    -------
    sympy expression
        ``max((T - R)/(T - P), (T - R)/(R - S))``: Tit for Tat is collectively stable exactly
        when ``w >=`` this value (a ``Max`` when the payoffs are symbolic).

    Raises
    ------
    InputError
        Numeric payoffs that are not ordered ``T > R > P > S``.

    References
    ----------
    R. Axelrod, *The Evolution of Cooperation*, Basic Books, 1984, ch. 3, proposition 2.

    Examples
    --------
    >>> tit_for_tat_threshold(5, 3, 1, 0)
    2/3
    >>> tit_for_tat_threshold()
    Max((-R + T)/(-P + T), (-R + T)/(R - S))
    """
    names = ("T", "R", "P", "S")
    vals = [sp.Symbol(n, real=True) if v is None else as_sympy(v, where=f"payoff {n}")
            for n, v in zip(names, (T, R, P, S))]
    T, R, P, S = vals
    for (a, an), (b, bn) in (((T, "T"), (R, "R")), ((R, "R"), (P, "P")), ((P, "P"), (S, "S"))):
        d = a - b
        if d.is_number and not d.is_positive:
            raise InputError(f"a prisoner's dilemma needs {an} > {bn}, got {an} = {a}, "
                             f"{bn} = {b}")
    return sp.Max((T - R) / (T - P), (T - R) / (R - S))
