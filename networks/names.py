"""Finding a government by any of its names: its key, an English or a Chinese name.

A city table (one row per city) is keyed by one name, but users write others: the club case
keys its cities by the English names its report uses (``"Shanghai"``) and keeps the Chinese
name in a column ``name_zh`` (``"上海市"``). A :class:`NameIndex` answers "which key does this
name mean?" from the key itself, from any column whose name starts with ``name_``
(``name_en``, ``name_zh``, ...), and from the same names written with other spacing or case,
or without a trailing administrative suffix ``市`` (city) (``"上海"``, ``"上海 市"``). A name
whose key is qualified to tell two cities apart (``"Taizhou (Jiangsu)"``, ``"Taizhou
(Zhejiang)"``) is also found by its bare name when only one city has it; a name that could mean
two cities (``"Taizhou"``) is refused, naming both.

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"name_zh": ["上海市", "苏州市"]}, index=["Shanghai", "Suzhou"])
>>> names = NameIndex.from_table(t)
>>> names.find("上海"), names.find("shanghai"), names.find("Suzhou")
('Shanghai', 'Shanghai', 'Suzhou')
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from govgames.games.errors import InputError

__all__ = ["NameIndex", "name_columns"]

#: administrative suffixes that a name may be written with or without (city)
_SUFFIXES = ("市",)


def name_columns(columns: Iterable) -> list:
    """The columns of a table that hold other names of its rows (``name_en``, ``name_zh``...).

    Examples
    --------
    >>> name_columns(["city", "name_en", "name_zh", "population"])
    ['name_en', 'name_zh']
    """
    return [c for c in columns if isinstance(c, str) and c.startswith("name_")]


def _loose(name) -> str:
    """``name`` with spacing collapsed, case folded and a trailing ``市`` dropped (with any
    space before it)."""
    s = " ".join(str(name).split()).casefold()
    for suffix in _SUFFIXES:
        if len(s) > len(suffix) and s.endswith(suffix) and s[:-len(suffix)].strip():
            s = s[:-len(suffix)].rstrip()
    return s


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*\Z")


def _bare(name) -> str | None:
    """The loose form of ``name`` without a trailing qualifier in brackets
    (``"Taizhou (Jiangsu)"`` -> ``"taizhou"``), or None when it has none."""
    s = str(name)
    m = _QUALIFIER.search(s)
    return _loose(s[:m.start()]) if m and s[:m.start()].strip() else None


class NameIndex:
    """Which key a name means: the key itself, another name of it, or a loosely written one.

    Parameters
    ----------
    keys : iterable
        The keys (e.g. a table's index or a graph's nodes).
    aliases : mapping, optional
        Key -> iterable of its other names.

    Examples
    --------
    >>> ix = NameIndex(["Hefei", "Wuhu"], {"Hefei": ["合肥市"], "Wuhu": ["芜湖市"]})
    >>> ix.find("合肥"), ix.get("Nanjing")
    ('Hefei', None)
    >>> ix.find("Nanjing", "member")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: member 'Nanjing' is not a known city (by key or name)
    """

    def __init__(self, keys: Iterable, aliases: Mapping | None = None):
        self.keys = list(keys)
        self._keyset = set(self.keys)
        self._exact: dict = {}
        self._loose: dict = {}
        self._bare: dict = {}
        for k in self.keys:
            self._add(k, k)
        for k, names in (aliases or {}).items():
            if k not in self._keyset:
                continue
            for nm in names:
                if isinstance(nm, str) and nm.strip():
                    self._add(nm, k)

    def _add(self, name, key):
        if name not in self._keyset:
            self._exact.setdefault(name, set()).add(key)
        self._loose.setdefault(_loose(name), set()).add(key)
        bare = _bare(name)
        if bare:
            self._bare.setdefault(bare, set()).add(key)

    @classmethod
    def from_table(cls, table, keys: Iterable | None = None) -> "NameIndex":
        """The names of a table: its index (or ``keys``) and its ``name_*`` columns.

        Examples
        --------
        >>> import pandas as pd
        >>> t = pd.DataFrame({"name_zh": ["合肥市"]}, index=["Hefei"])
        >>> NameIndex.from_table(t).find("合肥市")
        'Hefei'
        """
        keys = list(table.index) if keys is None else list(keys)
        aliases: dict = {}
        for col in name_columns(table.columns):
            for k, nm in zip(table.index.tolist(), table[col].tolist()):
                aliases.setdefault(k, []).append(nm)
        return cls(keys, aliases)

    def get(self, name):
        """The key ``name`` means, or None when no city or more than one has that name."""
        try:
            return self._lookup(name)
        except InputError:
            return None

    def find(self, name, what: str = "city", missing: str | None = None):
        """The key ``name`` means (``what`` begins the messages; ``missing``, when given, is
        the whole message for a name no city has).

        Raises
        ------
        InputError
            No city has that key or name, or two cities have it (both named).
        """
        return self._lookup(name, what, missing)

    def matches(self, name) -> set:
        """Every key ``name`` could mean (empty: none; one: found; more: ambiguous).

        Examples
        --------
        >>> NameIndex(["Suzhou", "Suzhou (Anhui)"], {"Suzhou (Anhui)": ["宿州市"]}).matches("宿州")
        {'Suzhou (Anhui)'}
        >>> sorted(NameIndex(["Taizhou (Jiangsu)", "Taizhou (Zhejiang)"]).matches("Taizhou"))
        ['Taizhou (Jiangsu)', 'Taizhou (Zhejiang)']
        """
        try:
            if name in self._keyset:
                return {name}
        except TypeError:
            return set()
        for table, key in ((self._exact, name), (self._loose, _loose(name)),
                           (self._bare, _loose(name))):
            hits = table.get(key)
            if hits:
                return set(hits)
        return set()

    def _lookup(self, name, what: str = "city", missing: str | None = None):
        hits = self.matches(name)
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            both = ", ".join(repr(h) for h in sorted(hits, key=str))
            raise InputError(f"{what} {name!r} could mean any of {both}; give the key")
        raise InputError(missing or f"{what} {name!r} is not a known city (by key or name)")
