"""Checking cities against an entry rule: attribute values, reference lookups and network
quantities relative to the current members, compared in exact rational arithmetic.

:meth:`EntryRule.evaluate <govgames.networks.entry_rules.EntryRule.evaluate>` calls
:func:`evaluate_rule`.
"""

from __future__ import annotations

import functools
import math
import operator
from fractions import Fraction
from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.games.numbers import exact_rational

from .entry_rules import Condition, _refs
from .names import NameIndex

__all__ = ["evaluate_rule", "NETWORK_QUANTITIES"]

#: Network quantities a condition may use (relative to the current members of the club).
NETWORK_QUANTITIES = ("linkage", "member_links", "distance")


def evaluate_rule(rule, data, members: Iterable | None = None, *, graph: nx.Graph | None = None,
                  candidates: Iterable | None = None, weight: str = "weight",
                  distance_weight: str | None = None, name_column: str | None = None
                  ) -> pd.DataFrame:
    """Check every candidate against every condition of ``rule``.

    The parameters and the result are those of :meth:`EntryRule.evaluate
    <govgames.networks.entry_rules.EntryRule.evaluate>`.

    Examples
    --------
    >>> from govgames.networks.entry_rules import EntryRule
    >>> t = pd.DataFrame({"u": [0.1, 0.2]}, index=["A", "B"])
    >>> evaluate_rule(EntryRule("u >= 0.2"), t)["u.margin"].round(2).tolist()
    [-0.1, 0.0]
    """
    self = rule
    table, graph = _table_and_graph(data, graph, name_column)
    index_set = set(table.index)
    graph_nodes = set(graph.nodes) if graph is not None else set()
    known = _Known(table, index_set, graph_nodes)
    members = [known.find(m, "member") for m in members] if members is not None else []
    member_set = set(members)
    if candidates is None:
        cand = list(table.index) if len(table.index) else list(graph_nodes)
    else:
        cand = [known.find(c, "candidate") for c in candidates]

    conds = self.conditions
    labels = _unique_labels([c.name for c in conds])
    columns = set(map(str, table.columns))
    refs = _check_names(conds, labels, columns, known, self.parameters, graph)
    net = _network_quantities(graph, cand, member_set, weight, distance_weight, conds,
                              columns) if graph is not None else {}
    ctx = _Context(table, self.parameters, net, label="", refs=refs)
    rows = {}
    results = {}
    for c, label in zip(conds, labels):
        ctx.label = label
        vals, thrs, margins, passes = _condition_columns(c, cand, ctx)
        rows[f"{label}.value"] = vals
        rows[f"{label}.threshold"] = thrs
        rows[f"{label}.margin"] = margins
        rows[f"{label}.pass"] = passes
        results[id(c)] = dict(zip(cand, passes))
    rows["member"] = [city in member_set for city in cand]

    def verdict(node, city):
        if isinstance(node, Condition):
            return results[id(node)][city]
        if node.kind == "all_of":
            return all(verdict(p, city) for p in node.parts)
        return any(verdict(p, city) for p in node.parts)

    rows["eligible"] = [verdict(self.root, city) for city in cand]
    df = pd.DataFrame(rows, index=pd.Index(cand, name=table.index.name))
    df.attrs["rule"] = str(self)
    return df


class _Known:
    """The cities of a rule's data: table rows and graph nodes, found by key or by another
    name in the table's ``name_*`` columns (:class:`~govgames.networks.names.NameIndex`)."""

    def __init__(self, table, index_set, graph_nodes):
        self.table, self.keys = table, index_set | graph_nodes
        self._names = None

    def find(self, city, what, in_table=False):
        keys = set(self.table.index) if in_table else self.keys
        try:
            if city in keys:
                return city
        except TypeError:
            pass
        if self._names is None:
            self._names = NameIndex.from_table(self.table)
        return self._names.find(city, f"entry rule: {what}",
                                missing=f"entry rule: {what} {city!r} is not in the data")


def _check_names(conds, labels, columns, known, parameters, graph) -> dict:
    """Every name a condition uses is a column, a parameter or (with a graph) a network
    quantity, and every reference names a known attribute and city; errors name the
    condition. Returns the key of every reference city (a reference may use another name
    of the city, e.g. its Chinese name)."""
    refs = {}
    for c, label in zip(conds, labels):
        for nm in c.names:
            if nm in columns or nm in parameters:
                continue
            if nm in NETWORK_QUANTITIES:
                if graph is None:
                    raise InputError(f"entry rule: condition {label!r} uses the network "
                                     f"quantity {nm!r} but no graph was given")
                continue
            raise InputError(
                f"entry rule: condition {label!r}: unknown attribute {nm!r} (columns: "
                f"{', '.join(sorted(columns)) or 'none'}; parameters: "
                f"{', '.join(parameters) or 'none'}; network quantities: "
                f"{', '.join(NETWORK_QUANTITIES)})")
        for attr, city in _refs(c.left, []) + _refs(c.right, []):
            if attr not in columns:
                raise InputError(f"entry rule: condition {label!r}: unknown attribute "
                                 f"{attr!r} in the reference {attr}[{city!r}]")
            try:
                refs[city] = known.find(city, "reference city", in_table=True)
            except InputError as e:
                raise InputError(f"entry rule: condition {label!r}: "
                                 f"{str(e).removeprefix('entry rule: ')}") from None
    return refs


def _condition_columns(c, cand, ctx):
    """Value, threshold, margin and verdict of condition ``c`` for every candidate (exact
    comparison; a missing value fails with margin NaN)."""
    vals, thrs, margins, passes = [], [], [], []
    for city in cand:
        lv = ctx.value(c.left, city)
        rv = ctx.value(c.right, city)
        if lv is None or rv is None:
            vals.append(float(lv) if lv is not None else math.nan)
            thrs.append(float(rv) if rv is not None else math.nan)
            margins.append(math.nan)
            passes.append(False)
            continue
        ok = _compare(lv, c.op, rv)
        if c.op in (">=", ">"):
            margin = lv - rv
        elif c.op in ("<=", "<"):
            margin = rv - lv
        else:
            margin = -abs(lv - rv)
        vals.append(float(lv))
        thrs.append(float(rv))
        margins.append(float(margin))
        passes.append(bool(ok))
    return vals, thrs, margins, passes


def _unique_labels(names):
    out, seen = [], {}
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n} ({seen[n]})")
        else:
            seen[n] = 1
            out.append(n)
    return out


_COMPARE = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
            "==": operator.eq}


def _compare(a, op, b):
    return _COMPARE[op](a, b)


class _Context:
    def __init__(self, table, params, net, label, refs=None):
        self.table, self.params, self.net, self.label = table, params, net, label
        self.refs = refs or {}
        self.cache = {}
        self.columns = {}
        self.colset = set(table.columns)
        self.const: dict = {}
        self.is_const: dict = {}

    def cell(self, attr, city):
        key = (attr, city)
        if key in self.cache:
            return self.cache[key]
        col = self.columns.get(attr)
        if col is None:
            col = self.columns[attr] = self.table[attr].to_dict() \
                if self.table.columns.is_unique else None
        if col is not None:
            raw = col.get(city)
        else:  # a table with repeated column names: as pandas looks it up
            try:
                raw = self.table.at[city, attr]
            except KeyError:
                raw = None
        value = None
        if raw is not None and not (np.ndim(raw) == 0 and pd.isna(raw)):
            try:
                value = exact_rational(raw)
            except (TypeError, ValueError):
                raise InputError(f"entry rule: condition {self.label!r}: attribute {attr!r} of "
                                 f"{city!r} is not a number ({raw!r})") from None
        self.cache[key] = value
        return value

    def constant(self, tree) -> bool:
        """Whether ``tree`` has the same value for every city (numbers, parameters and
        references only), remembered per subtree."""
        key = id(tree)
        if key not in self.is_const:
            kind = tree[0]
            if kind in ("num", "ref"):
                c = True
            elif kind == "name":
                c = tree[1] not in self.colset and tree[1] in self.params
            elif kind == "neg":
                c = self.constant(tree[1])
            else:
                c = self.constant(tree[2]) and self.constant(tree[3])
            self.is_const[key] = c
        return self.is_const[key]

    def value(self, tree, city):
        kind = tree[0]
        if kind == "num":
            return tree[1]
        if kind not in ("name", "ref"):  # "neg" or "bin"
            key = id(tree)
            if key in self.const:
                return self.const[key]
            v = self._compound(tree, city)
            if self.constant(tree):
                self.const[key] = v
            return v
        if kind == "name":
            nm = tree[1]
            if nm in self.colset:
                return self.cell(nm, city)
            if nm in self.params:
                return self.params[nm]
            return self.net[nm].get(city)
        return self.cell(tree[1], self.refs.get(tree[2], tree[2]))

    def _compound(self, tree, city):
        """The value of a negation or a binary operation for ``city``."""
        if tree[0] == "neg":
            v = self.value(tree[1], city)
            return None if v is None else -v
        a, b = self.value(tree[2], city), self.value(tree[3], city)
        if a is None or b is None:
            return None
        op = tree[1]
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if b == 0:
            raise InputError(f"entry rule: condition {self.label!r}: division by zero for {city!r}")
        return a / b


def _table_and_graph(data, graph, name_column):
    if isinstance(data, nx.Graph):
        graph = data if graph is None else graph
        # rows in the graph's node order and columns in first-seen order, written out: the
        # order DataFrame.from_dict(orient="index") gives differs between pandas versions
        nodes = list(data.nodes)
        attrs = [dict(a) for _, a in data.nodes(data=True)]
        columns = list(dict.fromkeys(k for a in attrs for k in a))
        index = pd.Index(nodes, dtype=object, tupleize_cols=False)
        if not columns:
            return pd.DataFrame(index=index), graph
        return pd.DataFrame(attrs, index=index, columns=columns), graph
    if isinstance(data, pd.DataFrame):
        table = data
        if name_column is not None:
            if name_column not in table.columns:
                raise InputError(f"entry rule: no column {name_column!r} in the table")
            table = table.set_index(name_column)
        if not table.index.is_unique:
            dup = table.index[table.index.duplicated()][0]
            raise InputError(f"entry rule: city {dup!r} appears twice in the table")
        return table, graph
    raise InputError("entry rule: data must be a pandas DataFrame (one row per city) or a "
                     "networkx graph with node attributes")


def _exact_weight(w) -> Fraction:
    """:func:`~govgames.games.numbers.exact_rational` of an edge weight, remembered for
    hashable weights (a club's rule is evaluated again for every club it meets)."""
    try:
        return _exact_weight_cached(type(w).__qualname__, w)
    except TypeError:  # unhashable: convert each time
        return exact_rational(w)


@functools.lru_cache(maxsize=1 << 16)
def _exact_weight_cached(_type: str, w) -> Fraction:
    return exact_rational(w)


def _network_quantities(graph, cand, members, weight, distance_weight, conds, columns):
    needed = set()
    for c in conds:
        needed |= {n for n in c.names if n in NETWORK_QUANTITIES and n not in columns}
    out = {q: {} for q in needed}
    if not needed:
        return out
    # plain dicts of neighbours (networkx's views are slow to iterate) and the exact weights met
    adjacency = getattr(graph, "_adj", None) if not graph.is_multigraph() else None
    if not isinstance(adjacency, dict):
        adjacency = {n: dict(nbrs) for n, nbrs in graph.adjacency()}
    exact: dict = {}
    for city in cand:
        if city not in graph:
            for q in needed:
                out[q][city] = None if q != "member_links" else Fraction(0)
            continue
        if "linkage" in needed or "member_links" in needed:
            # exact sum: numerators added per denominator (integers), one Fraction at the end
            sums: dict = {}
            count = 0
            adj = adjacency[city]
            near = members if len(members) < len(adj) else adj
            for nb in near:
                attrs = adj.get(nb)
                if attrs is None or nb == city or nb not in members:
                    continue
                w = attrs.get(weight, 1)
                f = exact.get(w) if w.__hash__ is not None else None
                if f is None:
                    try:
                        f = _exact_weight(w)
                    except (TypeError, ValueError):
                        raise InputError(f"entry rule: edge ({city!r}, {nb!r}) has a non-numeric "
                                         f"{weight!r} ({w!r})") from None
                    if w.__hash__ is not None:
                        exact[w] = f
                sums[f.denominator] = sums.get(f.denominator, 0) + f.numerator
                count += 1
            if "linkage" in needed:
                den = math.lcm(*sums) if sums else 1
                out["linkage"][city] = Fraction(sum(n * (den // d) for d, n in sums.items()),
                                                den)
            if "member_links" in needed:
                out["member_links"][city] = Fraction(count)
    if "distance" in needed:
        others = [m for m in members if m in graph]
        # multi-source shortest paths from the members (a member's distance is to the others)
        for city in cand:
            targets = [m for m in others if m != city]
            if city not in graph or not targets:
                out["distance"][city] = None
                continue
            if distance_weight is None:
                lengths = nx.single_source_shortest_path_length(graph, city)
            else:
                lengths = nx.single_source_dijkstra_path_length(graph, city, weight=distance_weight)
            best = min((lengths[m] for m in targets if m in lengths), default=None)
            out["distance"][city] = None if best is None else exact_rational(best)
    return out
