"""One result type for every value and allocation: a mapping player -> payoff.

:class:`Allocation` is a :class:`dict` (so ``x["A"]``, ``x.items()``, ``x.values()``,
``json.dumps(x)`` and ``x == {...}`` work as before) that also records how it was computed:
``method``, ``std_errors`` (``None`` when exact, else a dict player -> standard error),
``n_samples`` and ``seed`` for sampled values. ``to_series()`` and ``to_frame()`` give pandas
objects and notebooks show an HTML table. The Shapley, Banzhaf, Myerson and Owen values, the
bargaining splits, the nucleolus and the allocations of the least core and of a core check all
use it; :class:`~govgames.networks.SampledValue` is the sampled kind.

Before this type a sampled value kept its estimates in an attribute ``values`` (a dict), while
``CoalitionalGame.values`` is the array of ``v(S)``. ``.values`` now means what it means on
every mapping, the method ``values()``; reading the old attribute as a dict
(``est.values["A"]``) still works and warns.
"""

from __future__ import annotations

import html
import warnings

__all__ = ["Allocation"]


def _warn_values() -> None:
    warnings.warn("`.values` of a value result is now the mapping method `values()`; read the "
                  "estimates from the result itself (`est[player]`, `dict(est)`)",
                  DeprecationWarning, stacklevel=3)


class _LegacyValues(dict):
    """``alloc.values``: callable as the mapping method, readable (with a warning) as the old
    dict attribute. Every use as a dict warns (indexing, iteration, ``in``, ``len``,
    comparison, ``get``, ``copy``, ``dict(...)``, ``repr``, the view methods and the mutating
    methods), each time; only the call ``alloc.values()`` does not."""

    def __call__(self):
        return dict.values(self)

    __hash__ = None


def _legacy_method(name):
    base = getattr(dict, name)

    def method(self, *args, **kwargs):
        _warn_values()
        return base(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = base.__doc__
    return method


for _name in ("__getitem__", "__iter__", "__eq__", "__ne__", "__contains__", "__len__",
              "__repr__", "__reversed__", "__or__", "__ror__", "__ior__", "__setitem__",
              "__delitem__", "get", "copy", "items", "keys", "values", "setdefault", "pop",
              "popitem", "update", "clear"):
    setattr(_LegacyValues, _name, _legacy_method(_name))
del _name


class Allocation(dict):
    """A payoff (or value) per player, with how it was computed.

    Parameters
    ----------
    payoffs : mapping or iterable of pairs
        Player -> payoff (float or Fraction).
    method : str
        How it was computed (``"exact"``, ``"permutation sampling"``, ``"nucleolus"``, ...).
    std_errors : mapping, optional
        Player -> standard error of a sampled estimate; ``None`` (default) when exact.
    n_samples : int, optional
        Number of samples behind a sampled estimate.
    seed : object, optional
        The seed of a sampled estimate.

    Notes
    -----
    A float payoff of negative zero (``-0.0``, a rounding artefact of a solver) is stored as
    ``0.0``.

    Examples
    --------
    >>> x = Allocation({"A": 2.0, "B": 1.0}, method="exact")
    >>> x == {"A": 2.0, "B": 1.0}, x.std_errors, sum(x.values())
    (True, None, 3.0)
    >>> x.to_frame()
           payoff
    player
    A         2.0
    B         1.0
    """

    # the defaults live on the class: an exact allocation sets no attribute of its own
    method: str = "exact"
    std_errors: dict | None = None
    n_samples: int | None = None
    seed: object = None

    def __init__(self, payoffs=(), method: str = "exact", std_errors=None,
                 n_samples: int | None = None, seed=None):
        dict.__init__(self, payoffs)
        self._no_negative_zero()
        if method != "exact":
            self.method = method
        if std_errors is not None:
            self.std_errors = dict(std_errors)
        if n_samples is not None:
            self.n_samples = n_samples
        if seed is not None:
            self.seed = seed

    @classmethod
    def _exact(cls, players, payoffs: list) -> "Allocation":
        """An exact allocation from the players and their float payoffs (a list, same order),
        without the keyword handling of ``__init__`` (the fixed cost of small exact values)."""
        self = dict.__new__(cls)
        dict.update(self, zip(players, payoffs))
        if 0.0 in payoffs:  # one C-level scan (float to float); -0.0 is stored as 0.0
            self._no_negative_zero()
        return self

    def _no_negative_zero(self) -> None:
        """Store a float ``-0.0`` as ``0.0`` (a payoff is never shown as -0)."""
        if 0 in dict.values(self):  # one C-level scan; the loop runs only when a zero is there
            for k, v in dict.items(self):
                if isinstance(v, float) and v == 0:
                    dict.__setitem__(self, k, v + 0.0)

    @property
    def values(self):
        """The mapping method ``values()`` (read as a dict it is the deprecated old attribute)."""
        return _LegacyValues(self)

    @property
    def exact(self) -> bool:
        """True when the payoffs are not estimates (``std_errors`` is None)."""
        return self.std_errors is None

    def __eq__(self, other):
        same = dict.__eq__(self, other)
        if same is NotImplemented or not same:
            return same
        if isinstance(other, Allocation):
            return self.std_errors == other.std_errors
        return True

    def __ne__(self, other):
        same = self.__eq__(other)
        return same if same is NotImplemented else not same

    __hash__ = None

    def to_series(self):
        """The payoffs as a :class:`pandas.Series` indexed by player (floats).

        Returns
        -------
        pandas.Series
            Length ``len(self)``; name ``"payoff"``; ``attrs["method"]`` is the method.

        Examples
        --------
        >>> Allocation({"A": 2.0, "B": 1.0}).to_series().tolist()
        [2.0, 1.0]
        """
        import pandas as pd

        s = pd.Series([float(v) for v in dict.values(self)], name="payoff",
                      index=pd.Index(list(self), name="player"), dtype=float)
        s.attrs.update(self._summary())
        return s

    def to_frame(self):
        """The payoffs as a :class:`pandas.DataFrame`, one row per player.

        Returns
        -------
        pandas.DataFrame
            Column ``"payoff"`` and, for an estimate, ``"std_error"``; ``attrs`` holds the
            method (and ``n_samples``, ``seed`` for an estimate).

        Examples
        --------
        >>> df = Allocation({"A": 1.0}, method="permutation sampling", std_errors={"A": 0.1},
        ...                 n_samples=10).to_frame()
        >>> df.columns.tolist(), df.attrs["n_samples"]
        (['payoff', 'std_error'], 10)
        """
        df = self.to_series().to_frame()
        if self.std_errors is not None:
            df["std_error"] = [float(self.std_errors.get(p, float("nan"))) for p in self]
        df.attrs.update(self._summary())
        return df

    def _summary(self) -> dict:
        out: dict[str, object] = {"method": self.method}
        if self.std_errors is not None:
            out.update(n_samples=self.n_samples, seed=self.seed)
        return out

    def _repr_html_(self) -> str:
        head = "; ".join(f"{k} = {html.escape(str(v))}" for k, v in self._summary().items())
        return f"<p><b>{type(self).__name__}</b>: {head}</p>{self.to_frame().to_html()}"
