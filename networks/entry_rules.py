"""Entry rules of clubs: conditions, their *and* / *or* combinations and :class:`EntryRule`.

A condition is one comparison of two exact arithmetic trees, parsed by the project's one whitelist
parser (:func:`govgames.games.expr.parse_comparison`); nothing is evaluated as code. Reading and
writing rules as JSON is in :mod:`govgames.networks.entry_json`, checking cities against a rule in
:mod:`govgames.networks.entry_eval`; :mod:`govgames.networks.entry` gathers the public names.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping

import networkx as nx
import pandas as pd
from govgames.games.errors import InputError
from govgames.games.expr import parse_comparison
from govgames.games.numbers import exact_rational, short_text

__all__ = ["Condition", "EntryRule", "all_of", "any_of", "MAX_RULE_DEPTH"]

#: Deepest nesting of all_of / any_of accepted (deeper rules are not written by hand and would
#: exhaust Python's recursion limit when evaluated or printed).
MAX_RULE_DEPTH = 100

#: Longest condition text accepted (characters).
MAX_CONDITION_LENGTH = 1000

#: What a side of a condition may contain, in the words of error messages.
_ALLOWED = 'arithmetic over attribute names, numbers and attribute["City"] lookups'


# ------------------------------------------------------------------------------------------------
# expression trees (tuples, see govgames.games.expr.exact_tree): ("num", Fraction) ("name", str)
# ("ref", attr, city) ("bin", op, left, right) ("neg", operand)

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

    def conditions(self) -> list[Condition]:
        """The conditions below this node, in order (each kind of node defines it)."""
        raise NotImplementedError

    def to_obj(self):
        """The JSON form of this node (each kind of node defines it)."""
        raise NotImplementedError


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
    govgames.games.errors.InputError: condition "...": only arithmetic ... found a Call element...
    """

    text: str
    name: str | None = None
    left: tuple = field(init=False, repr=False, compare=False)
    op: str = field(init=False, repr=False, compare=False)
    right: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        text = self.text
        if self.name is not None and not isinstance(self.name, str):
            raise InputError(f"condition {short_text(text)}: its name must be a string, got "
                             f"{short_text(self.name)}")
        where = f"condition {text!r}" if self.name is None else f"condition {self.name!r}"
        if not isinstance(text, str):
            raise InputError(f"{where}: a condition must be a string such as 'urbanization >= 0.2'")
        left, op, right = parse_comparison(
            text, where=where, max_length=MAX_CONDITION_LENGTH, allowed=_ALLOWED,
            invalid=f"{text!r} is not a comparison such as 'urbanization >= 0.2'")
        object.__setattr__(self, "left", left)
        object.__setattr__(self, "right", right)
        object.__setattr__(self, "op", op)
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

    def __init__(self, rule, parameters: Mapping[str, float | Fraction] | None = None,
                 name: str | None = None):
        self.root: _RuleNode
        self.parameters: dict[str, Fraction] = {}
        self.name: str | None
        if isinstance(rule, EntryRule):
            # the rule's own values (already exact), then the given ones, made exact
            self.root, self.name = rule.root, name or rule.name
            self.parameters.update(rule.parameters)
            self._set_parameters(parameters)
            return
        self.root = _as_node(rule)
        self._set_parameters(parameters)
        self.name = name
        seen: dict[str, Condition] = {}
        for c in self.conditions:
            if c.name in seen and seen[c.name] is not c:
                pass
            seen[c.name] = c

    def _set_parameters(self, parameters: Mapping[str, float | Fraction] | None) -> None:
        """Add ``parameters`` as exact rationals (an InputError names a non-number)."""
        for key, value in (parameters or {}).items():
            try:
                self.parameters[str(key)] = exact_rational(value)
            except (TypeError, ValueError):
                raise InputError(f"entry rule: parameter {key!r} = {value!r} is not a "
                                 "number") from None

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
        from .entry_json import rule_to_json
        return rule_to_json(self, path, overwrite=overwrite)

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
        govgames.games.errors.InputError: entry rule: rule: expected ... found keys some_of
        """
        from .entry_json import rule_from_json
        return rule_from_json(obj, where=where, rule_class=cls)

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
        from .entry_eval import evaluate_rule
        return evaluate_rule(self, data, members, graph=graph, candidates=candidates,
                             weight=weight, distance_weight=distance_weight,
                             name_column=name_column)

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


