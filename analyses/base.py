"""The framework of the case studies: result objects, the registry and checked CSV input.

A case study is a function registered with :func:`register`. It takes keyword-only parameters
with defaults (and, where the case reads a table, ``data=None``: a path to a user CSV that
replaces the bundled one) and returns a :class:`CaseResult`: a short plain-language finding, key
numbers, tables (pandas DataFrames) and matplotlib figures, the sources it used and notes on
illustrative inputs. :func:`load_cases` imports every case module so that :data:`CASES` is full;
the report (:mod:`govgames.analyses.report`) and the ``govgames analyses`` command run what it holds.

References
----------
The case studies follow the five papers summarised in the project's ``DOMAIN.md``.
"""

from __future__ import annotations

import base64
import html
import importlib
import inspect
import io
import json
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from govgames.games.errors import InputError

__all__ = [
    "CaseResult",
    "CaseSpec",
    "CASES",
    "CASE_MODULES",
    "DATA_DIR",
    "register",
    "load_cases",
    "get_case",
    "case_parameters",
    "read_csv_checked",
    "jsonable",
    "figure_png",
    "InputError",
]

#: bundled data of the case studies
DATA_DIR = Path(__file__).parent / "data"

#: modules of :mod:`analyses` that hold case studies, in report order
CASE_MODULES = [
    "river",
    "public_goods",
    "promotion",
    "intervention",
    "trust",
    "sharing",
    "club",
    "imposed",
]


def jsonable(value: Any) -> Any:
    """Turn numbers, numpy scalars/arrays, fractions, sympy numbers, tuples and dicts into
    plain JSON types (floats that are not finite become ``None``).

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> jsonable({"a": np.int64(2), "b": (Fraction(1, 2), np.array([1.5, np.nan]))})
    {'a': 2, 'b': [0.5, [1.5, None]]}
    """
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        np = None
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if np is not None:
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return jsonable(float(value))
        if isinstance(value, np.ndarray):
            return jsonable(value.tolist())
    try:  # pandas
        import pandas as pd

        if isinstance(value, pd.DataFrame):
            return jsonable(value.to_dict(orient="records"))
        if isinstance(value, pd.Series):
            return jsonable(value.to_dict())
        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    try:  # sympy numbers and expressions
        import sympy

        if isinstance(value, sympy.Basic):
            if value.is_number:
                if value.is_Integer:
                    return int(value)
                return jsonable(float(value))
            return str(value)
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item"):
        try:
            return jsonable(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def figure_png(fig, *, dpi: int = 100) -> bytes:
    """The PNG bytes of a matplotlib figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1)); _ = fig.add_subplot().plot([0, 1])
    >>> figure_png(fig)[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return buf.getvalue()


@dataclass
class CaseResult:
    """What a case study returns.

    Parameters
    ----------
    name, title : str
        Registry key and title of the case.
    finding : str
        A short plain-language finding (a few sentences).
    tables : dict of str to pandas.DataFrame
    figures : dict of str to matplotlib.figure.Figure
    numbers : dict
        Key numbers (JSON-able after :func:`jsonable`).
    sources : list of str
        Papers and data files the case used.
    notes : list of str
        Caveats, e.g. which inputs are illustrative.
    illustrative : bool
        True when some inputs are illustrative rather than observed.

    Examples
    --------
    >>> import pandas as pd
    >>> r = CaseResult("demo", "A demo", "Cooperation pays when b > c.",
    ...                tables={"t": pd.DataFrame({"x": [1, 2]})}, numbers={"b": 2})
    >>> r.to_dict()["tables"]["t"]
    [{'x': 1}, {'x': 2}]
    >>> print(r)
    A demo [demo]
    Cooperation pays when b > c.
      b = 2
    """

    name: str
    title: str
    finding: str
    tables: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    illustrative: bool = False

    def to_dict(self) -> dict:
        """A JSON-able dict: tables as lists of records, figures listed by name only."""
        return {
            "name": self.name,
            "title": self.title,
            "finding": self.finding,
            "numbers": jsonable(self.numbers),
            "tables": {k: jsonable(v) for k, v in self.tables.items()},
            "figures": list(self.figures),
            "sources": [str(s) for s in self.sources],
            "notes": [str(n) for n in self.notes],
            "illustrative": bool(self.illustrative),
        }

    def to_json(self, **kwargs) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def __str__(self) -> str:
        lines = [f"{self.title} [{self.name}]", self.finding]
        for k, v in self.numbers.items():
            lines.append(f"  {k} = {_fmt(v)}")
        if self.illustrative:
            lines.append("  (some inputs are illustrative, not observed)")
        return "\n".join(lines)

    def to_html(self, *, figures: bool = True, heading: str = "h2") -> str:
        """An HTML fragment: title, finding, numbers, tables, figures (base64 PNG), notes."""
        e = html.escape
        parts = [f'<section class="case" id="case-{e(self.name)}">',
                 f"<{heading}>{e(self.title)}</{heading}>",
                 f'<p class="finding">{e(self.finding)}</p>']
        if self.illustrative:
            parts.append('<p class="illustrative"><strong>Illustrative inputs:</strong> some '
                         "figures in this case are illustrative, not observed (see the notes).</p>")
        if self.numbers:
            parts.append('<table class="numbers"><tbody>')
            for k, v in self.numbers.items():
                parts.append(f"<tr><th>{e(str(k))}</th><td>{e(_fmt(v))}</td></tr>")
            parts.append("</tbody></table>")
        for k, df in self.tables.items():
            parts.append(f'<h4 class="table-title">{e(str(k))}</h4>')
            parts.append(_table_html(df))
        if figures:
            for k, fig in self.figures.items():
                data = base64.b64encode(figure_png(fig)).decode("ascii")
                parts.append(f'<figure class="figure" data-name="{e(str(k))}">'
                             f'<img alt="{e(str(k))}" src="data:image/png;base64,{data}"/>'
                             f"<figcaption>{e(str(k))}</figcaption></figure>")
        if self.notes:
            parts.append('<div class="notes"><strong>Notes</strong><ul>')
            parts.extend(f"<li>{e(str(n))}</li>" for n in self.notes)
            parts.append("</ul></div>")
        if self.sources:
            parts.append('<div class="sources"><strong>Sources</strong><ul>')
            parts.extend(f"<li>{e(str(s))}</li>" for s in self.sources)
            parts.append("</ul></div>")
        parts.append("</section>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html(heading="h3")


def _fmt(v: Any) -> str:
    v = jsonable(v)
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _table_html(df) -> str:
    try:
        return df.to_html(index=False, float_format=lambda x: f"{x:.4g}", border=0,
                          classes="data", na_rep="–")
    except AttributeError:
        import pandas as pd

        return pd.DataFrame(df).to_html(index=False, border=0, classes="data")


@dataclass(frozen=True)
class CaseSpec:
    """A registered case study: its key, title, function and module."""

    name: str
    title: str
    func: Callable[..., CaseResult]
    module: str

    def parameters(self) -> dict:
        """Keyword parameters of the case function with their defaults."""
        return case_parameters(self.func)

    def run(self, **params) -> CaseResult:
        """Run the case with ``params`` (unknown names raise :class:`InputError`)."""
        known = self.parameters()
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise InputError(
                f"case {self.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                f"its parameters are: {', '.join(known) or '(none)'}")
        return self.func(**params)


#: registered case studies, by name
CASES: dict[str, CaseSpec] = {}


def case_parameters(func) -> dict:
    """The keyword parameters of a case function and their defaults.

    Examples
    --------
    >>> def run(*, n=3, r=1.5, data=None): ...
    >>> case_parameters(run)
    {'n': 3, 'r': 1.5, 'data': None}
    """
    out = {}
    for p in inspect.signature(func).parameters.values():
        if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
            out[p.name] = None if p.default is p.empty else p.default
    return out


def register(name: str, title: str):
    """Decorator that puts a case function in :data:`CASES` under ``name``.

    Examples
    --------
    >>> @register("_doc_demo", "A demo case")
    ... def run(*, b=2.0, c=1.0):
    ...     return CaseResult("_doc_demo", "A demo case", f"net gain {b - c}")
    >>> CASES["_doc_demo"].run(b=3.0).finding
    'net gain 2.0'
    >>> del CASES["_doc_demo"]
    """

    def deco(func):
        CASES[name] = CaseSpec(name=name, title=title, func=func, module=func.__module__)
        func.case_name = name
        func.case_title = title
        return func

    return deco


def load_cases() -> dict:
    """Import every module in :data:`CASE_MODULES` that exists and return :data:`CASES`
    (cases registered elsewhere, e.g. in tests, stay in it).

    A module that does not exist yet is skipped; an error inside an existing module is raised.

    Examples
    --------
    >>> cases = load_cases()
    >>> isinstance(cases, dict)
    True
    """
    for mod in CASE_MODULES:
        full = f"{__package__ or 'govgames.analyses'}.{mod}"
        try:
            importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name == full:
                continue
            raise
    order = {m: i for i, m in enumerate(CASE_MODULES)}
    items = sorted(CASES.items(),
                   key=lambda kv: (order.get(kv[1].module.rsplit(".", 1)[-1], len(order)), kv[0]))
    CASES.clear()
    CASES.update(items)
    return CASES


def get_case(name: str) -> CaseSpec:
    """The registered case ``name`` (after :func:`load_cases`); unknown names raise
    :class:`InputError` listing the known ones.

    Examples
    --------
    >>> get_case("no-such-case")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: unknown case study 'no-such-case'; known: ...
    """
    cases = load_cases()
    if name not in cases:
        raise InputError(f"unknown case study {name!r}; known: {', '.join(cases) or '(none)'}")
    return cases[name]


_TYPE_NAMES = {float: "a number", int: "an integer", str: "text", bool: "true/false"}


def read_csv_checked(path, required: dict, *, what: str):
    """Read a CSV and check that it has the ``required`` columns with values of the given types.

    Parameters
    ----------
    path : str or Path
        The CSV file (header row first).
    required : dict of str to type
        Column name -> ``float``, ``int``, ``str`` or ``bool``. Extra columns are kept.
    what : str
        What the table is, for messages (e.g. ``"river compensation rounds"``).

    Returns
    -------
    pandas.DataFrame
        The table with the required columns converted to the given types.

    Raises
    ------
    InputError
        If the file is missing or unreadable, a column is missing, or a cell is empty or of the
        wrong type; the message names the file, the column and the row (the line of the file,
        counting the header as line 1).

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "x.csv")
    >>> _ = open(p, "w").write("city,gdp\\nA,1.5\\nB,lots\\n")
    >>> read_csv_checked(p, {"city": str, "gdp": float}, what="city table")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: city table x.csv: column 'gdp', row 3 (line 3): 'lots' is not a number
    >>> _ = open(p, "w").write("city,gdp\\nA,1.5\\n")
    >>> read_csv_checked(p, {"city": str, "gdp": float}, what="city table")["gdp"].tolist()
    [1.5]
    """
    import pandas as pd

    path = Path(path)
    label = f"{what} {path.name}"
    if not path.exists():
        raise InputError(f"{label}: file not found: {path}")
    if path.is_dir():
        raise InputError(f"{label}: is a directory, not a CSV file: {path}")
    if not path.is_file():  # a FIFO or a device such as /dev/zero would block or never end
        raise InputError(f"{label}: not a regular file: {path}")
    from govgames.games.budget import check_memory
    # a parsed CSV of strings takes about 20 times its size in Python objects
    check_memory(20 * path.stat().st_size, f"{label}: reading {path.stat().st_size:,} bytes",
                 "use a smaller table")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True,
                         encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise InputError(f"{label}: the file is empty (expected columns "
                         f"{', '.join(required)})") from None
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text (save the CSV as UTF-8)") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{label}: not a readable CSV file: {str(exc).strip()}") from None
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputError(
            f"{label}: missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(map(repr, missing))} (found: {', '.join(map(repr, df.columns))})")
    if df.empty:
        raise InputError(f"{label}: no data rows")
    for col, typ in required.items():
        values = []
        for i, raw in enumerate(df[col].tolist()):
            line = i + 2
            text = str(raw).strip()
            where = f"{label}: column {col!r}, row {line} (line {line})"
            if text == "":
                raise InputError(f"{where}: empty value, expected {_TYPE_NAMES.get(typ, typ)}")
            values.append(_convert(text, typ, where))
        df[col] = pd.Series(values, index=df.index, dtype=object if typ is str else None)
    return df


def _convert(text: str, typ, where: str):
    if typ is str:
        return text
    if typ is bool:
        low = text.lower()
        if low in ("true", "yes", "1", "y"):
            return True
        if low in ("false", "no", "0", "n"):
            return False
        raise InputError(f"{where}: {text!r} is not true/false")
    if typ is int:
        try:
            f = float(text)
        except ValueError:
            raise InputError(f"{where}: {text!r} is not an integer") from None
        if not math.isfinite(f) or f != int(f):
            raise InputError(f"{where}: {text!r} is not an integer")
        return int(f)
    if typ is float:
        try:
            f = float(text)
        except ValueError:
            raise InputError(f"{where}: {text!r} is not a number") from None
        if not math.isfinite(f):
            raise InputError(f"{where}: {text!r} is not a finite number")
        return f
    raise TypeError(f"unsupported column type {typ!r}")  # pragma: no cover
