"""Entry rules as JSON: ``{"type": "entry_rule", "name": ..., "rule": R, "parameters": {...}}``.

``R`` is a condition text, ``{"condition": text, "name": label}``, ``{"all_of": [R, ...]}`` or
``{"any_of": [R, ...]}``. The methods :meth:`EntryRule.to_json
<govgames.networks.entry_rules.EntryRule.to_json>` and :meth:`EntryRule.from_json
<govgames.networks.entry_rules.EntryRule.from_json>` call these functions.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from typing import Any

from govgames.games.errors import InputError
from govgames.games.io_common import parse_json_text, read_json_file
from govgames.games.numbers import exact_rational, short_text

from .entry_rules import MAX_RULE_DEPTH, Condition, EntryRule, _Combination

__all__ = ["rule_to_json", "rule_from_json"]


def rule_to_json(rule: EntryRule, path=None, *, overwrite: bool = False) -> dict:
    """The rule as a JSON-ready dict, also written to ``path`` if given.

    Parameters
    ----------
    rule : EntryRule
    path : str or os.PathLike, optional
    overwrite : bool, default False
        Replace an existing file at ``path``.

    Returns
    -------
    dict

    Raises
    ------
    InputError
        If ``path`` is a directory, or exists and ``overwrite`` is False.

    Examples
    --------
    >>> rule_to_json(EntryRule("u >= 0.2"))
    {'type': 'entry_rule', 'rule': {'condition': 'u >= 0.2', 'name': 'u'}}
    """
    self = rule
    obj: dict[str, Any] = {"type": "entry_rule"}
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


def rule_from_json(obj, *, where: str | None = None, rule_class=EntryRule) -> EntryRule:
    """Read a rule from a dict, a JSON text or a JSON file path.

    Parameters
    ----------
    obj : dict, str or os.PathLike
        The decoded object, JSON text, or the path of a JSON file.
    where : str, optional
        Start of error messages (default: the file name, or ``"entry rule"``).
    rule_class : type, default EntryRule
        The class built (a subclass of :class:`EntryRule`).

    Returns
    -------
    EntryRule

    Raises
    ------
    InputError
        Naming the path in the rule (``rule.all_of[1]``) of the first problem.

    Examples
    --------
    >>> str(rule_from_json('{"rule": {"any_of": ["u >= 0.5", "linkage >= 10"]}}'))
    '(u >= 0.5 | linkage >= 10)'
    """
    cls = rule_class
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
    parsed = _parameters(obj.get("parameters", {}) or {}, where)
    name = obj.get("name")
    if name is not None and not isinstance(name, str):
        raise InputError(f"{where}: name: expected a string, found {short_text(name)}")

    def build(node, path):
        if isinstance(node, str):
            try:
                return Condition(node)
            except InputError as exc:
                raise InputError(f"{where}: {path}: {exc}") from None
        if isinstance(node, dict):
            keys = set(node)
            if "condition" in keys:
                if node.get("name") is not None and not isinstance(node["name"], str):
                    raise InputError(f"{where}: {path}.name: expected a string, found "
                                     f"{short_text(node['name'])}")
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
            found = ", ".join(sorted(map(_key, keys))[:10]) or "none"
            raise InputError(f"{where}: {path}: expected a condition text or an object with "
                             f"'condition', 'all_of' or 'any_of'; found keys {found}")
        raise InputError(f"{where}: {path}: expected a condition text or an object, "
                         f"found {short_text(node)}")

    return cls(build(obj["rule"], "rule"), parameters=parsed, name=name)


def _parameters(params, where: str) -> dict:
    """The rule file's ``parameters`` as exact rationals (an InputError names a bad one)."""
    if not isinstance(params, dict):
        raise InputError(f"{where}: parameters: expected an object of name: number")
    parsed = {}
    for k, v in params.items():
        try:
            parsed[k] = exact_rational(v, where=f"{where}: parameters.{_key(k)}")
        except InputError:
            raise
        except (TypeError, ValueError, ZeroDivisionError):
            raise InputError(f"{where}: parameters.{_key(k)}: {short_text(v)} is not a "
                             "number") from None
    return parsed


def _key(key) -> str:
    """A JSON key as shown in a message: as is when it is plain printable text, else quoted and
    escaped (a key holding a newline or a terminal escape stays on one line)."""
    if isinstance(key, str) and key and key.isprintable() and key.strip() == key \
            and len(key) <= 60:
        return key
    return short_text(key)
