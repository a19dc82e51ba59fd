"""Entry rules of clubs of governments: thresholds that candidates must meet to be admitted.

A regional cooperation organisation, once formed, sets thresholds for newcomers (the "club
effect"). The Yangtze River Delta urban economic coordination association, for example, required
an urbanization rate of at least 20%, a per-capita GDP of at least 20% of Shanghai's and an
economic-linkage intensity coefficient of at least 10 (“Local cooperation”; see the Sources
page of the documentation).

An :class:`EntryRule` is a tree of conditions combined with *and* / *or*. A condition compares two
arithmetic expressions over

* node attributes (columns of a pandas table of cities, or node attributes of a networkx graph):
  ``urbanization >= 0.20``;
* reference lookups, the attribute of a named city: ``gdp_per_capita >= 0.20 *
  gdp_per_capita["Shanghai"]``;
* network quantities relative to the current members (used when no column has that name):
  ``linkage`` (sum of the weights of the candidate's edges to members), ``member_links`` (number
  of members it is linked to) and ``distance`` (shortest-path length to the nearest member, in
  hops, or in the edge attribute given as ``distance_weight``);
* named rule parameters, e.g. ``urbanization >= u_min`` with ``parameters={"u_min": 0.2}``, which
  threshold sweeps move.

Rules are data: :meth:`EntryRule.to_json` / :meth:`EntryRule.from_json` write and read them, and
condition texts are parsed by the project's one whitelist parser
(:func:`govgames.games.expr.parse_comparison`) (names, numbers, ``+ - * /``, parentheses,
one comparison, ``attribute["City"]`` lookups); nothing is ever evaluated as code. Comparisons are
made in exact rational arithmetic on the decimal values as written, so that a city exactly at the
threshold passes ``>=``.

The rule algebra is in :mod:`govgames.networks.entry_rules`, JSON in
:mod:`govgames.networks.entry_json`, evaluation and network quantities in
:mod:`govgames.networks.entry_eval`, and the gravity model of linkage in
:mod:`govgames.networks.builders`; this module gathers their public names.
"""

from __future__ import annotations

from .builders import gravity_linkage
from .entry_eval import NETWORK_QUANTITIES
from .entry_rules import MAX_CONDITION_LENGTH, MAX_RULE_DEPTH, Condition, EntryRule, all_of, any_of

__all__ = ["Condition", "EntryRule", "all_of", "any_of", "gravity_linkage",
           "NETWORK_QUANTITIES", "MAX_RULE_DEPTH", "MAX_CONDITION_LENGTH"]
