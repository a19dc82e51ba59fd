"""What observed behaviour implies about a game's parameters: the identified set.

A model with free parameters (an abatement cost, a benefit, a bargaining weight) is often
calibrated by assumption. Observation can do better: if two cities were *seen* to cooperate
under an agreement, the agreement's terms must make cooperation an equilibrium, so the
parameters must lie where the equilibrium conditions of the observed profile hold. With several
observations (rounds of an agreement, different places under one model) the conditions add up.
The set of parameter values compatible with every observation is the **identified set**
(Manski 2003; Tamer 2010), here for equilibrium play in the sense of Bresnahan and Reiss (1991):
it can be a box, a polyhedron, a single point, unbounded, or empty (no parameter value makes
the observation an equilibrium: the model is rejected).

:func:`identified_set` returns it three ways: as the conditions (sympy relationals), in their
simplest form (:func:`~govgames.games.regions.simplify_conditions`), and, when the conditions
are linear in the parameters, with each parameter's exact lower and upper bound (rational linear
programs; ``-oo``/``oo`` when unbounded). :meth:`IdentifiedSet.plot` draws a 2-D slice.

References
----------
.. [1] C. F. Manski, *Partial Identification of Probability Distributions*, Springer, 2003.
.. [2] E. Tamer, "Partial identification in econometrics", *Annual Review of Economics* 2
   (2010), 167-195.
.. [3] T. F. Bresnahan and P. C. Reiss, "Empirical models of discrete games", *Journal of
   Econometrics* 48 (1991), 57-81.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .errors import InputError
from .game import NormalFormGame
from .regions import _domain, _is_linear, _lp_max, _normalise, condition_text, simplify_conditions
from .symbolic import equilibrium_conditions

__all__ = ["identified_set", "IdentifiedSet"]


@dataclass
class IdentifiedSet:
    """The parameter values under which every observed profile is an equilibrium.

    Attributes
    ----------
    parameters : list of sympy.Symbol
        The free parameters, by name.
    conditions : list of sympy relationals
        Every equilibrium condition of every observation (all must hold).
    region : sympy Boolean
        The same set in its simplest form (``false``: empty; ``true``: every value).
    bounds : dict of str to (lower, upper), or None
        Exact bounds of each parameter over the set (sympy numbers, ``-oo``/``oo`` when
        unbounded) when all conditions are linear in the parameters; None otherwise.
    observations : list of (str, tuple of str)
        A label and the observed profile of each observation.

    Examples
    --------
    See :func:`identified_set`.
    """

    parameters: list
    conditions: list
    region: object
    bounds: dict | None
    observations: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when no parameter value makes every observation an equilibrium."""
        return self.region == sp.false

    def contains(self, **values) -> bool:
        """Whether the parameter values (by name) are in the set.

        Raises
        ------
        InputError
            If a parameter is missing or unknown.
        """
        names = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(names))
        missing = sorted(set(names) - set(values))
        if unknown or missing:
            raise InputError(f"contains: give a value to every parameter ({', '.join(names)}); "
                             + (f"unknown: {', '.join(unknown)}" if unknown else
                                f"missing: {', '.join(missing)}"))
        from .numbers import exact_rational

        subs = {names[k]: sp.Rational(*_as_pair(exact_rational(v, where=f"parameter {k!r}")))
                for k, v in values.items()}
        return bool(sp.And(*self.conditions).subs(subs)) if self.conditions else True

    def __str__(self) -> str:
        if self.empty:
            return ("empty: the observations cannot all be equilibria of this model for any "
                    "parameter values")
        lines = [f"identified set: {condition_text(self.region)}"]
        if self.bounds:
            for name, (lo, hi) in self.bounds.items():
                lines.append(f"  {sp.sstr(lo)} <= {name} <= {sp.sstr(hi)}")
        return "\n".join(lines)

    def plot(self, x: str, y: str, *, ranges: dict, fixed: dict | None = None, ax=None,
             points: int = 201):
        """Shade the 2-D slice of the set in the plane of parameters ``x`` and ``y``.

        Parameters
        ----------
        x, y : str
            Parameter names for the horizontal and vertical axes.
        ranges : dict of str to (low, high)
            The plotted range of ``x`` and ``y``.
        fixed : dict of str to number, optional
            Values of the other parameters.
        ax : matplotlib Axes, optional
        points : int
            Grid points per axis.

        Returns
        -------
        matplotlib Axes
        """
        import matplotlib.pyplot as plt

        names = {p.name: p for p in self.parameters}
        fixed = dict(fixed or {})
        for name in (x, y):
            if name not in names:
                raise InputError(f"plot: {name!r} is not a parameter ({', '.join(names)})")
            if name not in ranges:
                raise InputError(f"plot: give ranges[{name!r}] = (low, high)")
            rng = ranges[name]
            try:
                low, high = (float(v) for v in rng)
            except (TypeError, ValueError):
                raise InputError(f"plot: ranges[{name!r}] must be (low, high), two numbers; got "
                                 f"{rng!r}") from None
            if not (np.isfinite(low) and np.isfinite(high) and low < high):
                raise InputError(f"plot: ranges[{name!r}] = {rng!r} must be finite with low < "
                                 "high")
        others = sorted(set(names) - {x, y} - set(fixed))
        if others:
            raise InputError(f"plot: give fixed values to {', '.join(others)}")
        cond = sp.And(*self.conditions) if self.conditions else sp.true
        cond = cond.subs({names[k]: v for k, v in fixed.items()})
        (x_low, x_high), (y_low, y_high) = ranges[x], ranges[y]
        xs = np.linspace(x_low, x_high, points)
        ys = np.linspace(y_low, y_high, points)
        X, Y = np.meshgrid(xs, ys)
        if cond in (sp.true, sp.false):
            inside = np.full(X.shape, bool(cond))
        else:
            f = sp.lambdify((names[x], names[y]), cond, modules="numpy")
            inside = np.broadcast_to(np.asarray(f(X, Y), dtype=bool), X.shape)
        if ax is None:
            _, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
        ax.contourf(X, Y, inside.astype(float), levels=[0.5, 1.5], colors=["#88ccee"])
        ax.contour(X, Y, inside.astype(float), levels=[0.5], colors=["#225577"], linewidths=1)
        ax.set_xlabel(x)
        ax.set_ylabel(y)
        ax.set_title("Identified set: parameters under which the observed play is an "
                     "equilibrium", fontsize="medium")
        return ax


def _as_pair(q):
    return q.numerator, q.denominator


def _is_game(x) -> bool:
    """A game object of any kind (normal form, tree, continuous), as opposed to a strategy."""
    return hasattr(x, "players") and not isinstance(x, (str, bytes))


def _require_normal_form(g, label):
    """One clear error when an observation's game is not a NormalFormGame."""
    if isinstance(g, NormalFormGame):
        return
    kind = type(g).__name__
    hint = {"ExtensiveGame": ": pass reduced_normal_form(tree) and a profile of its reduced "
                             "strategies",
            "ContinuousGame": ": identified sets are computed for games with finitely many "
                              "strategies only"}.get(kind, "")
    raise InputError(f"identified_set: {label}: the game must be a NormalFormGame, got "
                     f"{kind}{hint}")


def _observations(game, observed):
    """Normalise ``observed`` into a list of (label, game, profile)."""
    if isinstance(observed, dict):
        items = list(observed.items())
    elif isinstance(observed, (list, tuple)) and observed and all(
            isinstance(o, tuple) and len(o) == 2 and _is_game(o[0]) for o in observed):
        items = [(f"observation {k + 1}", o) for k, o in enumerate(observed)]
    else:
        items = [("observation", (game, observed))]
    out = []
    for label, item in items:
        if isinstance(item, tuple) and len(item) == 2 and _is_game(item[0]):
            g, profile = item
        else:
            g, profile = game, item
        if g is None:
            raise InputError(f"identified_set: {label}: no game given for the observation")
        _require_normal_form(g, label)
        out.append((str(label), g, profile))
    return out


def identified_set(game, observed, *, strict: bool = False) -> IdentifiedSet:
    """The parameter values under which the observed play is a Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame or None
        A game with free sympy parameters in its payoffs (None when every observation brings
        its own game).
    observed : profile, or list of (game, profile), or dict of label to (game, profile)
        What was seen: one pure profile of ``game`` (strategy names or indices), or several
        observations, each the game in force at the time (the same parameters, other known
        numbers: a stake, a grant) and the profile played.
    strict : bool
        Require strict equilibria (every deviation loses) instead of weak ones.

    Returns
    -------
    IdentifiedSet
        Conditions, simplest form, exact bounds per parameter (linear case), and
        ``empty`` when the observations reject the model.

    Raises
    ------
    InputError
        If a profile is not a profile of its game.

    References
    ----------
    Manski (2003); Tamer (2010); Bresnahan and Reiss (1991).

    Examples
    --------
    Upstream abates or pollutes; downstream joins a project that needs clean water (worth ``d``
    to it if upstream abates) and pays upstream ``t`` for it, or stays out. The two were seen
    to abate and join at ``t = 1``; the abatement cost ``c`` and the benefit ``d`` are unknown:

    >>> import sympy as sp
    >>> c, d = sp.symbols("c d", nonnegative=True)
    >>> def deal(t):
    ...     return NormalFormGame([[[t - c, -c], [0, 0]], [[d - t, 0], [-t, 0]]],
    ...                           players=["Up", "Down"],
    ...                           strategies=[["Abate", "Pollute"], ["Join", "Stay out"]])
    >>> ids = identified_set(None, [(deal(1), ("Abate", "Join"))])
    >>> ids.bounds
    {'c': (0, 1), 'd': (1, oo)}
    >>> print(ids)
    identified set: c <= 1 and d >= 1
      0 <= c <= 1
      1 <= d <= oo

    An observation no parameter value can explain rejects the model:

    >>> identified_set(deal(1), ("Pollute", "Join")).empty
    True
    """
    obs = _observations(game, observed)
    conditions, labels = [], []
    for label, g, profile in obs:
        if isinstance(profile, (list, tuple)) and any(
                isinstance(p, (list, tuple)) or (isinstance(p, float) and not p.is_integer())
                for p in profile):
            raise InputError(f"identified_set: {label}: only pure profiles can be observed "
                             f"(one strategy name or index per player), got {profile!r}")
        try:
            conds = equilibrium_conditions(g, profile, strict=strict)
        except (InputError, KeyError, IndexError, ValueError) as exc:
            raise InputError(f"identified_set: {label}: {exc}") from None
        labels.append((label, tuple(conds.profile)))
        for cond in conds:
            if cond not in conditions:
                conditions.append(cond)
    symbols = sorted(set().union(*(g.parameters for _, g, _ in obs)), key=lambda s: s.name)
    region = simplify_conditions(conditions)
    bounds = _bounds(conditions, symbols) if region != sp.false else None
    return IdentifiedSet(list(symbols), conditions, region, bounds, labels)


def _bounds(conditions, symbols):
    """Exact lower and upper bound of each parameter when the conditions are linear."""
    rels = []
    for c in conditions:
        if c == sp.true:
            continue
        norm = _normalise(c)
        if norm is None or not _is_linear(norm[0], symbols):
            return None
        rels.append(norm[0])
    system = rels + [e for e, _ in _domain(symbols)]
    out = {}
    for s in symbols:
        hi = _lp_max(s, system)
        lo = _lp_max(-s, system)
        out[s.name] = (-lo if lo is not None else None, hi)
    return out
