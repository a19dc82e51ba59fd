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
condition texts are parsed with an :mod:`ast` whitelist (names, numbers, ``+ - * /``, parentheses,
one comparison, ``attribute["City"]`` lookups); nothing is ever evaluated as code. Comparisons are
made in exact rational arithmetic on the decimal values as written, so that a city exactly at the
threshold passes ``>=``.
"""

from __future__ import annotations

import ast
import json
import math
import os
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
from govgames.games.errors import InputError
from govgames.games.expr import number_constant, parse_syntax
from govgames.games.io import parse_json_text, read_json_file
from govgames.games.numbers import exact_rational

__all__ = ["Condition", "EntryRule", "all_of", "any_of", "gravity_linkage",
           "NETWORK_QUANTITIES"]

#: Deepest nesting of all_of / any_of accepted (deeper rules are not written by hand and would
#: exhaust Python's recursion limit when evaluated or printed).
MAX_RULE_DEPTH = 100

#: Network quantities a condition may use (relative to the current members of the club).
NETWORK_QUANTITIES = ("linkage", "member_links", "distance")

_OPS = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<", ast.Eq: "=="}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
MAX_CONDITION_LENGTH = 1000


# ------------------------------------------------------------------------------------------------
# expression trees (tuples): ("num", Fraction) ("name", str) ("ref", attr, city)
# ("bin", op, left, right) ("neg", operand)

def _parse_side(node, text, where):
    def fail(what):
        raise InputError(f"{where}: only arithmetic over attribute names, numbers and "
                         f"attribute[\"City\"] lookups is allowed; found {what} in \"{text}\"")

    if isinstance(node, ast.Constant):
        q = number_constant(node, text.strip(), where=where)
        if q is None:
            fail(f"the constant {node.value!r}")
        return ("num", q)
    if isinstance(node, ast.Name):
        return ("name", node.id)
    if isinstance(node, ast.Subscript):
        if not isinstance(node.value, ast.Name):
            fail("a lookup on something other than an attribute name")
        key = node.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            fail("a lookup whose key is not a quoted city name")
        return ("ref", node.value.id, key.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return ("bin", _BIN[type(node.op)], _parse_side(node.left, text, where),
                _parse_side(node.right, text, where))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _parse_side(node.operand, text, where)
        return ("neg", inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Compare):
        fail("a chained comparison")
    fail(f"a {type(node).__name__} element")


def _unparse(tree) -> str:
    kind = tree[0]
    if kind == "num":
        v = tree[1]
        return str(v.numerator) if v.denominator == 1 else _fmt_fraction(v)
    if kind == "name":
        return tree[1]
    if kind == "ref":
        return f"{tree[1]}[{json.dumps(tree[2], ensure_ascii=False)}]"
    if kind == "neg":
        return f"-({_unparse(tree[1])})"
    left, right = _unparse(tree[2]), _unparse(tree[3])
    if tree[2][0] == "bin" and tree[1] in "*/" and tree[2][1] in "+-":
        left = f"({left})"
    if tree[3][0] == "bin" and (tree[1] in "*/" or tree[1] == "-"):
        right = f"({right})"
    return f"{left} {tree[1]} {right}"


def _fmt_fraction(v: Fraction) -> str:
    f = float(v)
    if Fraction(repr(f)) == v:
        return repr(f)
    return f"{v.numerator} / {v.denominator}"


def _leaves(tree):
    """The ``name`` and ``ref`` leaves of an expression tree, left to right."""
    kind = tree[0]
    if kind in ("name", "ref"):
        yield tree
    elif kind == "neg":
        yield from _leaves(tree[1])
    elif kind == "bin":
        yield from _leaves(tree[2])
        yield from _leaves(tree[3])


def _names(tree, out):
    out.update(leaf[1] for leaf in _leaves(tree))
    return out


def _refs(tree, out):
    out.extend((leaf[1], leaf[2]) for leaf in _leaves(tree) if leaf[0] == "ref")
    return out


def _replace_first_number(tree, value):
    """Return (new tree, replaced?) with the first numeric constant replaced by ``value``."""
    kind = tree[0]
    if kind == "num":
        return ("num", exact_rational(value)), True
    if kind == "neg":
        inner, done = _replace_first_number(tree[1], value)
        return ("neg", inner), done
    if kind == "bin":
        left, done = _replace_first_number(tree[2], value)
        if done:
            return ("bin", tree[1], left, tree[3]), True
        right, done = _replace_first_number(tree[3], value)
        return ("bin", tree[1], tree[2], right), done
    return tree, False


# ------------------------------------------------------------------------------------------------
# rule tree

class _RuleNode:
    """Common operators of conditions and combinations."""

    def __and__(self, other):
        return all_of(self, other)

    def __or__(self, other):
        return any_of(self, other)


@dataclass(frozen=True)
class Condition(_RuleNode):
    """One threshold: ``left OP right``, e.g. ``urbanization >= 0.20``.

    Parameters
    ----------
    text : str
        The comparison, e.g. ``'gdp_per_capita >= 0.20 * gdp_per_capita["Shanghai"]'``.
    name : str, optional
        A label for reports (default: the left-hand side as written).

    Examples
    --------
    >>> c = Condition('gdp_per_capita >= 0.2 * gdp_per_capita["Shanghai"]', name="GDP")
    >>> c.op, c.name
    ('>=', 'GDP')
    >>> Condition("urbanization >= 0.20").name
    'urbanization'
    >>> Condition("urbanization >= __import__('os')")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: condition "urbanization >= __import__('os')": only arithmetic over attribute names, numbers and attribute["City"] lookups is allowed; found a Call element in "urbanization >= __import__('os')"
    """

    text: str
    name: str | None = None
    left: tuple = field(init=False, repr=False, compare=False)
    op: str = field(init=False, repr=False, compare=False)
    right: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        text = self.text
        where = f"condition {text!r}" if self.name is None else f"condition {self.name!r}"
        if not isinstance(text, str):
            raise InputError(f"{where}: a condition must be a string such as 'urbanization >= 0.2'")
        _, tree = parse_syntax(text, where=where, max_length=MAX_CONDITION_LENGTH,
                               invalid=f"{text!r} is not a comparison such as "
                                       "'urbanization >= 0.2'")
        if not isinstance(tree, ast.Compare):
            raise InputError(f"{where}: {text!r} is not a comparison (use one of "
                             ">=, >, <=, <, ==)")
        if len(tree.ops) != 1:
            raise InputError(f"{where}: chained comparisons are not allowed in {text!r}")
        if type(tree.ops[0]) not in _OPS:
            raise InputError(f"{where}: operator {type(tree.ops[0]).__name__} is not allowed "
                             "(use one of >=, >, <=, <, ==)")
        object.__setattr__(self, "left", _parse_side(tree.left, text, where))
        object.__setattr__(self, "right", _parse_side(tree.comparators[0], text, where))
        object.__setattr__(self, "op", _OPS[type(tree.ops[0])])
        if self.name is None:
            object.__setattr__(self, "name", _unparse(self.left))

    # -- introspection
    @property
    def names(self) -> set:
        """Attribute, parameter and network-quantity names the condition uses."""
        return _names(self.right, _names(self.left, set()))

    def conditions(self):
        return [self]

    def _with_number(self, value):
        right, done = _replace_first_number(self.right, value)
        if not done:
            raise InputError(f"condition {self.name!r}: its right-hand side "
                             f"{_unparse(self.right)!r} has no number to change")
        text = f"{_unparse(self.left)} {self.op} {_unparse(right)}"
        return Condition(text, name=self.name)

    def to_obj(self):
        return {"condition": self.text, "name": self.name}

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class _Combination(_RuleNode):
    kind: str  # "all_of" | "any_of"
    parts: tuple
    depth: int = field(init=False, repr=False, compare=False, default=1)

    def __post_init__(self):
        depth = 1 + max((getattr(p, "depth", 0) for p in self.parts), default=0)
        if depth > MAX_RULE_DEPTH:
            raise InputError(f"entry rule: {self.kind} nested more than {MAX_RULE_DEPTH} levels "
                             "deep: flatten the rule (all_of and any_of take many parts)")
        object.__setattr__(self, "depth", depth)

    def conditions(self):
        out = []
        for p in self.parts:
            out.extend(p.conditions())
        return out

    def to_obj(self):
        return {self.kind: [p.to_obj() for p in self.parts]}

    def __str__(self):
        glue = " & " if self.kind == "all_of" else " | "
        return "(" + glue.join(str(p) for p in self.parts) + ")"


def _as_node(x):
    if isinstance(x, EntryRule):
        return x.root
    if isinstance(x, _RuleNode):
        return x
    if isinstance(x, str):
        return Condition(x)
    raise InputError(f"entry rule: {x!r} is neither a condition text nor a rule")


def all_of(*parts) -> "EntryRule":
    """Rule met when every part is met (logical *and*).

    Examples
    --------
    >>> r = all_of("urbanization >= 0.2", "gdp >= 100")
    >>> str(r)
    '(urbanization >= 0.2 & gdp >= 100)'
    """
    return _combine("all_of", parts)


def any_of(*parts) -> "EntryRule":
    """Rule met when at least one part is met (logical *or*).

    Examples
    --------
    >>> str(any_of("urbanization >= 0.5", "linkage >= 10"))
    '(urbanization >= 0.5 | linkage >= 10)'
    """
    return _combine("any_of", parts)


def _combine(kind, parts):
    if not parts:
        raise InputError(f"entry rule: {kind} needs at least one condition")
    params = {}
    for p in parts:
        if isinstance(p, EntryRule):
            params.update(p.parameters)
    return EntryRule(_Combination(kind, tuple(_as_node(p) for p in parts)), parameters=params)


# ------------------------------------------------------------------------------------------------

class EntryRule:
    """Admission thresholds of a club: conditions on attributes and network quantities.

    Parameters
    ----------
    rule : str, Condition, EntryRule or combination
        A condition text (``"urbanization >= 0.2"``), a :class:`Condition`, or a combination built
        with ``&``, ``|``, :func:`all_of`, :func:`any_of`.
    parameters : dict, optional
        Values of named thresholds used in the conditions (``"urbanization >= u_min"``).
    name : str, optional
        A label for the rule.

    References
    ----------
    The entry rule of the Yangtze River Delta urban economic coordination association:
    urbanization >= 20%, per-capita GDP >= 20% of Shanghai's, economic-linkage intensity >= 10
    (“Local cooperation”); six cities were admitted under it in 2010 (“Regional cooperation
    reform”). Club theory: Buchanan, J. M. (1965), "An
    economic theory of clubs", *Economica* 32(125): 1-14.

    Examples
    --------
    >>> table = pd.DataFrame({"urbanization": [0.9, 0.2, 0.15],
    ...                       "gdp_per_capita": [70000, 14000, 20000]},
    ...                      index=["Shanghai", "A", "B"])
    >>> rule = (EntryRule("urbanization >= 0.20")
    ...         & EntryRule('gdp_per_capita >= 0.20 * gdp_per_capita["Shanghai"]'))
    >>> rule.eligible(table)
    ['Shanghai', 'A']
    >>> rule.evaluate(table)["urbanization.margin"].round(2).tolist()
    [0.7, 0.0, -0.05]
    """

    def __init__(self, rule, parameters: Mapping[str, float] | None = None,
                 name: str | None = None):
        if isinstance(rule, EntryRule):
            params = dict(rule.parameters)
            params.update(parameters or {})
            self.root, self.parameters, self.name = rule.root, params, name or rule.name
            return
        self.root = _as_node(rule)
        self.parameters = {}
        for key, value in (parameters or {}).items():
            try:
                self.parameters[str(key)] = exact_rational(value)
            except (TypeError, ValueError):
                raise InputError(f"entry rule: parameter {key!r} = {value!r} is not a "
                                 "number") from None
        self.name = name
        seen = {}
        for c in self.conditions:
            if c.name in seen and seen[c.name] is not c:
                pass
            seen[c.name] = c

    # -- structure
    @property
    def conditions(self) -> list:
        """The conditions of the rule, in order."""
        return self.root.conditions()

    def __and__(self, other):
        return all_of(self, other)

    def __or__(self, other):
        return any_of(self, other)

    def __str__(self):
        text = str(self.root)
        if self.parameters:
            text += " where " + ", ".join(f"{k} = {_fmt_fraction(v)}"
                                          for k, v in self.parameters.items())
        return text

    def __repr__(self):
        return f"EntryRule({str(self)!r})"

    def with_parameters(self, **values) -> "EntryRule":
        """A copy with rule parameters set.

        Examples
        --------
        >>> r = EntryRule("urbanization >= u", parameters={"u": 0.2})
        >>> str(r.with_parameters(u=0.3))
        'urbanization >= u where u = 0.3'
        """
        params = dict(self.parameters)
        for k, v in values.items():
            params[k] = exact_rational(v)
        return EntryRule(self.root, parameters=params, name=self.name)

    def with_threshold(self, param: str, value) -> "EntryRule":
        """A copy where a threshold is moved.

        ``param`` is either a rule parameter name, or a condition name, whose first number on the
        right-hand side is replaced (``0.20`` in ``gdp >= 0.20 * gdp["Shanghai"]``).

        Examples
        --------
        >>> r = EntryRule('gdp >= 0.2 * gdp["S"]') & EntryRule("urbanization >= 0.2")
        >>> str(r.with_threshold("gdp", 0.3))
        '(gdp >= 0.3 * gdp["S"] & urbanization >= 0.2)'
        """
        if param in self.parameters:
            return self.with_parameters(**{param: value})
        names = [c.name for c in self.conditions]
        if param not in names:
            raise InputError(f"entry rule: no parameter or condition named {param!r} "
                             f"(parameters: {', '.join(self.parameters) or 'none'}; "
                             f"conditions: {', '.join(names)})")

        def rebuild(node):
            if isinstance(node, Condition):
                return node._with_number(value) if node.name == param else node
            return _Combination(node.kind, tuple(rebuild(p) for p in node.parts))

        return EntryRule(rebuild(self.root), parameters=self.parameters, name=self.name)

    # -- JSON
    def to_json(self, path: str | os.PathLike | None = None, *, overwrite: bool = False) -> dict:
        """The rule as a JSON-ready dict (also written to ``path`` if given).

        An existing file at ``path`` is never replaced unless ``overwrite=True``
        (:class:`~govgames.games.errors.InputError`).

        Examples
        --------
        >>> r = EntryRule("urbanization >= u", parameters={"u": 0.2}, name="YRD")
        >>> r.to_json()["rule"]
        {'condition': 'urbanization >= u', 'name': 'urbanization'}
        >>> str(EntryRule.from_json(r.to_json()))
        'urbanization >= u where u = 0.2'
        """
        obj = {"type": "entry_rule"}
        if self.name:
            obj["name"] = self.name
        obj["rule"] = self.root.to_obj()
        if self.parameters:
            obj["parameters"] = {k: (int(v) if v.denominator == 1 else float(v))
                                 if Fraction(repr(float(v))) == v or v.denominator == 1
                                 else f"{v.numerator}/{v.denominator}"
                                 for k, v in self.parameters.items()}
        if path is not None:
            if os.path.isdir(path):
                raise InputError(f"{path}: is a directory")
            if os.path.exists(path) and not overwrite:
                raise InputError(f"{path}: file exists; pass overwrite=True to replace it")
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(obj, fh, ensure_ascii=False, indent=2)
        return obj

    @classmethod
    def from_json(cls, obj, *, where: str | None = None) -> "EntryRule":
        """Read a rule from a dict, a JSON text or a JSON file path.

        The format is ``{"type": "entry_rule", "name": ..., "rule": R, "parameters": {...}}``
        where ``R`` is a condition text, ``{"condition": text, "name": label}``,
        ``{"all_of": [R, ...]}`` or ``{"any_of": [R, ...]}``.

        Examples
        --------
        >>> r = EntryRule.from_json({"rule": {"all_of": ["urbanization >= 0.2",
        ...                                    {"condition": "linkage >= 10", "name": "link"}]}})
        >>> [c.name for c in r.conditions]
        ['urbanization', 'link']
        >>> EntryRule.from_json({"rule": {"some_of": []}})
        Traceback (most recent call last):
        ...
        govgames.games.errors.InputError: entry rule: rule: expected a condition text or an object with 'condition', 'all_of' or 'any_of'; found keys some_of
        """
        source = "entry rule"
        if isinstance(obj, str) and (obj.lstrip()[:1] in ("{", "[", '"') or "\n" in obj
                                     or len(obj) > 4096):  # JSON text, never a file name
            obj = parse_json_text(obj, source=source)
        elif isinstance(obj, (str, os.PathLike)):
            source = str(obj)
            obj = read_json_file(obj, what="rule file")
        where = where or source
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object")
        if obj.get("type", "entry_rule") != "entry_rule":
            raise InputError(f"{where}: type: expected 'entry_rule', found {obj.get('type')!r}")
        if "rule" not in obj:
            raise InputError(f"{where}: missing 'rule'")
        params = obj.get("parameters", {}) or {}
        if not isinstance(params, dict):
            raise InputError(f"{where}: parameters: expected an object of name: number")
        parsed = {}
        for k, v in params.items():
            try:
                parsed[k] = exact_rational(v, where=f"{where}: parameters.{k}")
            except InputError:
                raise
            except (TypeError, ValueError, ZeroDivisionError):
                raise InputError(f"{where}: parameters.{k}: {v!r} is not a number") from None

        def build(node, path):
            if isinstance(node, str):
                try:
                    return Condition(node)
                except InputError as exc:
                    raise InputError(f"{where}: {path}: {exc}") from None
            if isinstance(node, dict):
                keys = set(node)
                if "condition" in keys:
                    try:
                        return Condition(node["condition"], name=node.get("name"))
                    except InputError as exc:
                        raise InputError(f"{where}: {path}: {exc}") from None
                for kind in ("all_of", "any_of"):
                    if kind in keys:
                        if path.count(".") >= MAX_RULE_DEPTH:
                            raise InputError(f"{where}: {path[:60]}...: rule nested more than "
                                             f"{MAX_RULE_DEPTH} levels deep")
                        parts = node[kind]
                        if not isinstance(parts, list) or not parts:
                            raise InputError(f"{where}: {path}.{kind}: expected a non-empty list")
                        return _Combination(kind, tuple(build(p, f"{path}.{kind}[{i}]")
                                                        for i, p in enumerate(parts)))
                found = ", ".join(sorted(map(str, keys))) or "none"
                raise InputError(f"{where}: {path}: expected a condition text or an object with "
                                 f"'condition', 'all_of' or 'any_of'; found keys {found}")
            raise InputError(f"{where}: {path}: expected a condition text or an object, "
                             f"found {node!r}")

        return cls(build(obj["rule"], "rule"), parameters=parsed, name=obj.get("name"))

    # -- evaluation
    def evaluate(self, data, members: Iterable | None = None, *, graph: nx.Graph | None = None,
                 candidates: Iterable | None = None, weight: str = "weight",
                 distance_weight: str | None = None, name_column: str | None = None
                 ) -> pd.DataFrame:
        """Check every candidate against every condition.

        Parameters
        ----------
        data : pandas.DataFrame or networkx.Graph
            One row per city (index = city name, or ``name_column``), or a graph whose node
            attributes are the cities' attributes (then it is also the network).
        members : iterable, optional
            Current members, for the network quantities ``linkage``, ``member_links``,
            ``distance`` (a member's are computed against the other members).
        graph : networkx.Graph, optional
            The network (edge attribute ``weight``) when ``data`` is a table.
        candidates : iterable, optional
            Cities to evaluate (default: every city in the data).
        weight, distance_weight : str
            Edge attributes used for ``linkage`` and (if given) for ``distance``.

        Returns
        -------
        pandas.DataFrame
            One row per candidate; for each condition ``<name>.value``, ``<name>.threshold``,
            ``<name>.margin`` (positive: by how much it passes; negative: by how much it misses)
            and ``<name>.pass``; then ``member`` and ``eligible``. Passing is decided in exact
            rational arithmetic on the decimal values, so a city exactly at the threshold
            passes ``>=``. Missing values fail the condition (margin NaN).

        Examples
        --------
        >>> G = nx.Graph()
        >>> G.add_weighted_edges_from([("S", "A", 6), ("S", "B", 4), ("A", "B", 5),
        ...                            ("B", "C", 20)])
        >>> r = EntryRule("linkage >= 10")
        >>> df = r.evaluate(G, members=["S", "A"])
        >>> df[["linkage.value", "linkage.pass", "eligible"]]
           linkage.value  linkage.pass  eligible
        S            6.0          False     False
        A            6.0          False     False
        B            9.0          False     False
        C            0.0          False     False
        """
        table, graph = _table_and_graph(data, graph, name_column)
        members = list(members) if members is not None else []
        member_set = set(members)
        index_set = set(table.index)
        graph_nodes = set(graph.nodes) if graph is not None else set()
        for m in members:
            if m not in index_set and m not in graph_nodes:
                raise InputError(f"entry rule: member {m!r} is not in the data")
        if candidates is None:
            cand = list(table.index) if len(table.index) else list(graph_nodes)
        else:
            cand = list(candidates)
            for c in cand:
                if c not in index_set and c not in graph_nodes:
                    raise InputError(f"entry rule: candidate {c!r} is not in the data")

        conds = self.conditions
        labels = _unique_labels([c.name for c in conds])
        # validate names and references up front, naming the condition
        columns = set(map(str, table.columns))
        for c, label in zip(conds, labels):
            for nm in c.names:
                if nm in columns or nm in self.parameters:
                    continue
                if nm in NETWORK_QUANTITIES:
                    if graph is None:
                        raise InputError(f"entry rule: condition {label!r} uses the network "
                                         f"quantity {nm!r} but no graph was given")
                    continue
                raise InputError(
                    f"entry rule: condition {label!r}: unknown attribute {nm!r} (columns: "
                    f"{', '.join(sorted(columns)) or 'none'}; parameters: "
                    f"{', '.join(self.parameters) or 'none'}; network quantities: "
                    f"{', '.join(NETWORK_QUANTITIES)})")
            for attr, city in _refs(c.left, []) + _refs(c.right, []):
                if attr not in columns:
                    raise InputError(f"entry rule: condition {label!r}: unknown attribute "
                                     f"{attr!r} in the reference {attr}[{city!r}]")
                if city not in index_set:
                    raise InputError(f"entry rule: condition {label!r}: reference city "
                                     f"{city!r} is not in the data")

        net = _network_quantities(graph, cand, member_set, weight, distance_weight, conds,
                                  columns) if graph is not None else {}
        ctx = _Context(table, self.parameters, net, label="")
        rows = {}
        results = {}
        for c, label in zip(conds, labels):
            ctx.label = label
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

    def eligible(self, data, members: Iterable | None = None, **kwargs) -> list:
        """Names of the candidates that meet the rule (see :meth:`evaluate`).

        Examples
        --------
        >>> t = pd.DataFrame({"u": [0.1, 0.3]}, index=["A", "B"])
        >>> EntryRule("u >= 0.2").eligible(t)
        ['B']
        """
        df = self.evaluate(data, members, **kwargs)
        return [c for c, ok in zip(df.index, df["eligible"]) if ok]


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


def _compare(a, op, b):
    return {">=": a >= b, ">": a > b, "<=": a <= b, "<": a < b, "==": a == b}[op]


class _Context:
    def __init__(self, table, params, net, label):
        self.table, self.params, self.net, self.label = table, params, net, label
        self.cache = {}

    def cell(self, attr, city):
        key = (attr, city)
        if key in self.cache:
            return self.cache[key]
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

    def value(self, tree, city):
        kind = tree[0]
        if kind == "num":
            return tree[1]
        if kind == "name":
            nm = tree[1]
            if nm in self.table.columns:
                return self.cell(nm, city)
            if nm in self.params:
                return self.params[nm]
            return self.net[nm].get(city)
        if kind == "ref":
            return self.cell(tree[1], tree[2])
        if kind == "neg":
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


def _network_quantities(graph, cand, members, weight, distance_weight, conds, columns):
    needed = set()
    for c in conds:
        needed |= {n for n in c.names if n in NETWORK_QUANTITIES and n not in columns}
    out = {q: {} for q in needed}
    if not needed:
        return out
    for city in cand:
        if city not in graph:
            for q in needed:
                out[q][city] = None if q != "member_links" else Fraction(0)
            continue
        if "linkage" in needed or "member_links" in needed:
            total, count = Fraction(0), 0
            for nb, attrs in graph[city].items():
                if nb in members and nb != city:
                    w = attrs.get(weight, 1)
                    try:
                        total += exact_rational(w)
                    except (TypeError, ValueError):
                        raise InputError(f"entry rule: edge ({city!r}, {nb!r}) has a non-numeric "
                                         f"{weight!r} ({w!r})") from None
                    count += 1
            if "linkage" in needed:
                out["linkage"][city] = total
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


# ------------------------------------------------------------------------------------------------

def gravity_linkage(table: pd.DataFrame, *, population: str, gdp: str, lon: str, lat: str,
                    min_distance_km: float = 1.0) -> nx.Graph:
    """Complete graph of gravity-model economic linkage intensities between cities.

    ``R_ij = sqrt(P_i G_i) * sqrt(P_j G_j) / d_ij**2`` with population ``P``, GDP ``G`` and the
    great-circle distance ``d_ij`` in km between the cities' coordinates (haversine, Earth radius
    6371 km). This is the usual gravity form of "economic linkage intensity" in the Chinese
    regional literature; it is a modelling choice, not an observed figure.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per city (index = name) with the columns named by the other arguments.
    population, gdp, lon, lat : str
        Column names (population and GDP in the units the intensity should use).
    min_distance_km : float
        Floor on distances (guards against coincident coordinates).

    Returns
    -------
    networkx.Graph
        Nodes carry the table's columns as attributes; edges carry ``weight`` = R_ij and
        ``distance_km``.

    References
    ----------
    Zipf, G. K. (1946), "The P1 P2/D hypothesis", *American Sociological Review* 11(6): 677-686;
    the form with sqrt(P G) masses is common in Chinese urban-economics studies of city linkage.

    Examples
    --------
    >>> t = pd.DataFrame({"P": [100.0, 100.0], "G": [1.0, 4.0], "lon": [0.0, 0.0],
    ...                   "lat": [0.0, 1.0]}, index=["A", "B"])
    >>> G = gravity_linkage(t, population="P", gdp="G", lon="lon", lat="lat")
    >>> round(G["A"]["B"]["distance_km"], 1), round(G["A"]["B"]["weight"], 5)
    (111.2, 0.01618)
    """
    for col in (population, gdp, lon, lat):
        if col not in table.columns:
            raise InputError(f"gravity_linkage: no column {col!r} in the table")
    names = list(table.index)
    mass = np.sqrt(table[population].to_numpy(float) * table[gdp].to_numpy(float))
    lam = np.radians(table[lon].to_numpy(float))
    phi = np.radians(table[lat].to_numpy(float))
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi[:, None]) * np.cos(phi[None, :]) * np.sin(dlam / 2) ** 2
    d = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    d = np.maximum(d, min_distance_km)
    R = mass[:, None] * mass[None, :] / d**2
    G = nx.Graph()
    for name, attrs in table.to_dict(orient="index").items():
        G.add_node(name, **attrs)
    n = len(names)
    for i in range(n):
        for j in range(i + 1, n):
            G.add_edge(names[i], names[j], weight=float(R[i, j]), distance_km=float(d[i, j]))
    return G
