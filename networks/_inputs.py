"""Checks and conversions of user-given numbers shared by the ``networks`` modules.

One place for "is this a number, and a finite one?": every value that comes from a graph
attribute, a weight list, an allocation or a quota goes through :func:`finite_float` (floating
point work) or :func:`exact_fraction` (exact work, e.g. power indices), and bad input raises
:class:`~govgames.games.errors.InputError` naming where the value was found.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from govgames.games.errors import InputError
from govgames.games.numbers import exact_rational

__all__ = ["finite_float", "exact_fraction", "edge_arrays"]


def finite_float(x, where: str) -> float:
    """``x`` as a finite float (``bool``, non-numbers, NaN and infinities are refused); strings
    may be decimals or rationals such as ``"2/3"`` (as :func:`govgames.games.expr.parse_number`
    reads).

    Examples
    --------
    >>> finite_float("2.5", "edge ('A', 'B') attribute 'weight'"), finite_float(" 1/4", "v")
    (2.5, 0.25)
    >>> finite_float(float("inf"), "fixed_cost")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: fixed_cost: inf is not finite
    """
    if isinstance(x, bool):
        raise InputError(f"{where}: {x!r} is not a number")
    try:
        val = float(exact_rational(x, where=where)) if isinstance(x, str) else float(x)
    except InputError:
        raise
    except (TypeError, ValueError, ZeroDivisionError):
        raise InputError(f"{where}: {x!r} is not a number") from None
    except OverflowError:
        raise InputError(f"{where}: {x!r} is not finite") from None
    if not math.isfinite(val):
        raise InputError(f"{where}: {x!r} is not finite")
    return val


def exact_fraction(x, where: str) -> Fraction:
    """``x`` as an exact :class:`~fractions.Fraction`: integers, finite floats (the decimal they
    print as), fractions and rational strings such as ``"2/3"``.

    Examples
    --------
    >>> exact_fraction(0.1, "quota"), exact_fraction(" 2/3", "weights[0]")
    (Fraction(1, 10), Fraction(2, 3))
    >>> exact_fraction("x", "weights[1]")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: weights[1]: 'x' is not a number
    """
    return exact_rational(x, where=where)


def edge_arrays(G, weight: str | None, index: dict, where: str = ""):
    """The edges of ``G`` as arrays ``(u, v, w)`` of node indices and finite weights.

    ``weight`` is the edge attribute (missing: 1; ``None``: every edge weighs 1); multigraph
    edges come once each; ``where`` prefixes error messages.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("A", "B", {"weight": 4}), ("B", "C")])
    >>> [a.tolist() for a in edge_arrays(G, "weight", {"A": 0, "B": 1, "C": 2})]
    [[0, 1], [1, 2], [4.0, 1.0]]
    """
    us, vs, ws = [], [], []
    for u, v, d in G.edges(data=True):
        w = d.get(weight, 1) if weight is not None else 1
        us.append(index[u])
        vs.append(index[v])
        ws.append(finite_float(w, f"{where}edge ({u!r}, {v!r}) attribute {weight!r}"))
    return (np.asarray(us, dtype=np.int64), np.asarray(vs, dtype=np.int64),
            np.asarray(ws, dtype=np.float64))
