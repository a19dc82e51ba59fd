"""govgames: game theory of cooperation among governments.

One import package with three subpackages:

- :mod:`govgames.games` — non-cooperative games (normal-form, anonymous, repeated), their
  equilibria, symbolic conditions, dilemmas and policy levers;
- :mod:`govgames.networks` — cooperative games on networks of cities: Shapley-style values,
  power indices, core and nucleolus, clubs with entry thresholds, network formation;
- :mod:`govgames.analyses` — the case studies, the ``govgames`` command and the HTML report.

The most used names are available here too, imported on first use (PEP 562), so
``import govgames`` stays fast:

>>> import govgames
>>> govgames.__version__ == __import__("importlib.metadata").metadata.version("govgames")
True
>>> g = govgames.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
...                             strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
>>> [e.pure_profile for e in govgames.nash_equilibria(g, method="pure")]
[('Pollute', 'Pollute')]
"""

from __future__ import annotations

import importlib

from ._version import __version__

#: name -> subpackage that defines it; resolved lazily by :func:`__getattr__`.
_LAZY = {
    # govgames.games
    "NormalFormGame": "games", "Equilibrium": "games", "EquilibriumList": "games",
    "InputError": "games", "nash_equilibria": "games", "pure_nash_equilibria": "games",
    "is_equilibrium": "games", "is_equilibrium_exact": "games", "best_response": "games",
    "two_player_equilibria": "games", "vertex_enumeration": "games",
    "support_enumeration": "games", "vertex_enumeration_gen": "games",
    "support_enumeration_gen": "games", "lemke_howson": "games", "iterated_elimination": "games",
    "read_game": "games", "write_game": "games", "AnonymousGame": "games",
    "equilibrium_conditions": "games", "threshold": "games", "parameter_map": "games",
    "critical_discount_factor": "games", "dilemmas": "games", "mechanisms": "games",
    "repeated": "games",
    # govgames.networks
    "CoalitionalGame": "networks", "shapley_value": "networks", "banzhaf_value": "networks",
    "myerson_value": "networks", "owen_value": "networks", "nucleolus": "networks",
    "least_core": "networks", "in_core": "networks", "shapley_shubik_index": "networks",
    "banzhaf_index": "networks", "linkage_game": "networks", "Club": "networks",
    "EntryRule": "networks",
}
_SUBPACKAGES = ("games", "networks", "analyses")

__all__ = ["__version__", *_SUBPACKAGES, *_LAZY]


def __getattr__(name: str):
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govgames' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
