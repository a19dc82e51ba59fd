"""The framework of the case studies: result objects, the registry and checked CSV input.

A case study is a function registered with :func:`register`. It takes keyword-only parameters
with defaults (and, where the case reads a table, ``data=None``: a path to a user CSV that
replaces the bundled one) and returns a :class:`CaseResult`: a short plain-language finding, key
numbers, tables (pandas DataFrames) and matplotlib figures, the sources it used and notes on
illustrative inputs. :func:`load_cases` imports every case module so that :data:`CASES` is full;
the report (:mod:`govgames.analyses.report`) and the ``govgames analyses`` command run what it holds.

References
----------
The case studies follow the five papers listed on the Sources page of the documentation
(``docs/explanation/sources.md``).
"""

from __future__ import annotations

import base64
import html
import importlib
import inspect
import io
import json
import math
import re
import warnings
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
    "parameter_help",
    "read_csv_checked",
    "csv_where",
    "jsonable",
    "figure_png",
    "Describe",
    "human_label",
    "human_number",
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
    "club_growth",
    "imposed",
    "air_pollution",
    "governance_modes",
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
    converted = _library_jsonable(value)
    if converted is not _UNKNOWN:
        return converted
    if hasattr(value, "item"):
        try:
            return jsonable(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


#: what _library_jsonable returns for a value that is not a numpy, pandas or sympy object
_UNKNOWN = object()


def _library_jsonable(value: Any) -> Any:
    """:func:`jsonable` of a numpy, pandas or sympy value; ``_UNKNOWN`` for anything else."""
    import numpy as np  # a dependency of govgames, as are pandas and sympy

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
    return _UNKNOWN


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


#: the status of an input or result, shown next to every key number of the report
STATUSES = ("observed", "derived", "assumed")


@dataclass(frozen=True)
class Describe:
    """How a key number is shown to people: label, unit, status and rounding.

    Parameters
    ----------
    label : str
        A human label ("Minimal compensation"), shown instead of the machine key.
    unit : str
        Unit written after the number ("100 million yuan", "%", "cities"); empty for pure
        numbers.
    status : {"observed", "derived", "assumed"}
        ``observed``: read from a source; ``derived``: computed from observed inputs only;
        ``assumed``: an illustrative input, or computed from at least one.
    digits : int
        Significant digits of a non-integer float (exact fractions are shown exactly).
    note : str
        One line on where the number comes from or what it means.

    Examples
    --------
    >>> d = Describe("Minimal bet", "100 million yuan", "derived")
    >>> d.text(0.7142857142857143)
    '0.714 (100 million yuan)'
    >>> Describe("Share", "%", "observed").text(58.7)
    '58.7 %'
    """

    label: str
    unit: str = ""
    status: str = "derived"
    digits: int = 3
    note: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise InputError(f"Describe({self.label!r}): status must be one of "
                             f"{', '.join(STATUSES)}, not {self.status!r}")

    def text(self, value) -> str:
        """The value with its unit, rounded for reading."""
        body = human_number(value, digits=self.digits)
        if not self.unit or body in ("–", "yes", "no"):
            return body
        # "2 (100 million yuan a year)" where the unit starts with a number, else "58.7 %"
        return f"{body} ({self.unit})" if self.unit[0].isdigit() else f"{body} {self.unit}"


def human_label(key: str) -> str:
    """A machine key written for people: ``minimal_bet_sure_test`` -> "Minimal bet sure test".

    >>> human_label("gdp_per_capita_threshold_yuan")
    'GDP per capita threshold yuan'
    """
    words = str(key).replace("_", " ").split()
    known = {"gdp": "GDP", "pm25": "PM2.5", "yrd": "YRD", "se": "s.e.", "n": "n"}
    words = [known.get(w.lower(), w) for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else text


def _tidy(value):
    """Floats rounded to 12 significant digits (``1.2999999999999998`` -> ``1.3``), recursively;
    the exact values of rational numbers are given separately as strings."""
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def _integer_text(k: int) -> str:
    """Thousands separators from five digits on (years and four-digit counts stay plain)."""
    return f"{k:,}" if abs(k) >= 10_000 else str(k)


def human_number(value: Any, *, digits: int = 3, max_items: int = 8) -> str:
    """A number (or a small collection of numbers) written for people.

    Booleans read ``yes``/``no``; integers and integral floats of five digits or more get
    thousands separators (years stay ``2015``); other
    floats are rounded to ``digits`` significant digits (never in exponent notation below
    10**15); fractions with a denominator up to 1000 are written exactly (``5/7 (0.714)``);
    lists show at most ``max_items`` items and read ``none`` when empty; dicts read
    ``key: value; ...``; numbers from 10**15 on are written ``1e+20``.

    Examples
    --------
    >>> human_number(True), human_number(73297.0), human_number(0.7142857142857143)
    ('yes', '73,297', '0.714')
    >>> human_number([2015, 2016]), human_number(1e-7), human_number(2.5e9)
    ('2015, 2016', '0.0000001', '2,500,000,000')
    >>> from fractions import Fraction
    >>> human_number(Fraction(5, 7)), human_number([1, 2.5, 3])
    ('5/7 (0.714)', '1, 2.5, 3')
    >>> human_number({"Anhui": 0.413, "Zhejiang": 0.587})
    'Anhui: 0.413; Zhejiang: 0.587'
    >>> human_number([]), human_number({2019: ["Fuyang"], 2013: []}), human_number(1.5e299)
    ('none', '2019: Fuyang; 2013: none', '1.5e+299')
    """
    if value is None:
        return "–"
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if bool(value) else "no"
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return _integer_text(value.numerator)
        if value.denominator <= 1000:
            return f"{value} ({human_number(float(value), digits=digits)})"
        return human_number(float(value), digits=digits)
    if isinstance(value, (dict, list, tuple, set, frozenset)) and not value:
        return "none"
    if isinstance(value, dict):
        items = list(value.items())
        text = "; ".join(f"{k}: {human_number(v, digits=digits)}" for k, v in items[:max_items])
        return text + (f"; … and {len(items) - max_items} more" if len(items) > max_items else "")
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        text = ", ".join(human_number(v, digits=digits) for v in items[:max_items])
        return text + (f", … and {len(items) - max_items} more" if len(items) > max_items else "")
    plain = jsonable(value)
    if isinstance(plain, bool):
        return "yes" if plain else "no"
    if isinstance(plain, int):
        return _integer_text(plain)
    if isinstance(plain, float):
        if not math.isfinite(plain):
            return "–"
        if plain == int(plain) and abs(plain) < 1e15:
            return _integer_text(int(plain))
        if abs(plain) >= 1e15:
            return f"{plain:.{digits}g}"
        if abs(plain) >= 10 ** digits:
            return f"{plain:,.0f}"
        text = f"{plain:.{digits}g}"
        if "e" in text:  # very small numbers: fixed notation with enough decimals
            decimals = max(digits, -int(math.floor(math.log10(abs(plain)))) + digits - 1)
            text = f"{plain:.{decimals}f}".rstrip("0").rstrip(".")
        return text
    if plain is None:
        return "–"
    return str(plain)


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
    describe : dict of str to Describe
        How each key number is shown (label, unit, status); numbers without an entry are
        shown with their key made readable.
    captions : dict of str to str
        What each figure shows (also its alt text); default: the figure's key made readable.
    glossary : dict of str to str
        The symbols the finding, tables and figures use, with their meaning.

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
      B: 2
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
    describe: dict = field(default_factory=dict)
    captions: dict = field(default_factory=dict)
    glossary: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-able dict: tables as lists of records, figures listed by name only."""
        return {
            "name": self.name,
            "title": self.title,
            "finding": self.finding,
            "numbers": _tidy(jsonable(self.numbers)),
            "numbers_exact": {k: f"{v.numerator}/{v.denominator}" for k, v in self.numbers.items()
                              if isinstance(v, Fraction) and v.denominator != 1},
            "tables": {k: _tidy(jsonable(v)) for k, v in self.tables.items()},
            "figures": list(self.figures),
            "sources": [str(s) for s in self.sources],
            "notes": [str(n) for n in self.notes],
            "illustrative": bool(self.illustrative),
            "describe": {k: {"label": d.label, "unit": d.unit, "status": d.status}
                         for k, d in self.describe.items()},
            "glossary": dict(self.glossary),
        }

    def to_json(self, **kwargs) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def __str__(self) -> str:
        lines = [f"{self.title} [{self.name}]", self.finding]
        for k, v in self.numbers.items():
            d = self.describe.get(k)
            if d is None:
                lines.append(f"  {human_label(k)}: {human_number(v)}")
            else:
                lines.append(f"  {d.label}: {d.text(v)} ({d.status})")
        if self.illustrative:
            lines.append("  (some inputs are illustrative, not observed)")
        return "\n".join(lines)

    def to_html(self, *, figures: bool = True, heading: str = "h2") -> str:
        """An HTML fragment: title, finding, numbers (label, value with unit, status), tables
        (long ones summarised with the full table behind ``<details>``), figures (base64 PNG with
        captions and alt text), glossary, notes and sources."""
        e = html.escape
        parts = [f'<section class="case" id="case-{e(self.name)}">',
                 f"<{heading}>{e(self.title)}</{heading}>",
                 f'<p class="finding">{e(self.finding)}</p>']
        if self.illustrative:
            parts.append('<p class="illustrative"><strong>Illustrative inputs:</strong> some '
                         "figures in this case are assumed, not observed (the status column "
                         "and the notes say which).</p>")
        if self.numbers:
            with_status = bool(self.describe)
            parts.append('<div class="table-wrap"><table class="numbers"><thead><tr>'
                         "<th>quantity</th><th>value</th>"
                         + ("<th>status</th>" if with_status else "") + "</tr></thead><tbody>")
            for k, v in self.numbers.items():
                d = self.describe.get(k)
                label = d.label if d else human_label(k)
                value = d.text(v) if d else human_number(v)
                status = d.status if d else "derived"
                title = f' title="{e(d.note)}"' if d and d.note else ""
                cell = f'<td class="status {e(status)}">{e(status)}</td>' if with_status else ""
                parts.append(f"<tr{title}><th>{e(label)}</th><td>{e(value)}</td>{cell}</tr>")
            parts.append("</tbody></table></div>")
        for k, df in self.tables.items():
            parts.append(f'<h4 class="table-title">{e(human_label(k))}</h4>')
            parts.append(_table_html(df))
        if figures:
            for k, fig in self.figures.items():
                data = base64.b64encode(figure_png(fig)).decode("ascii")
                caption = self.captions.get(k) or human_label(k)
                parts.append(f'<figure class="figure" data-name="{e(str(k))}">'
                             f'<img alt="{e(caption)}" src="data:image/png;base64,{data}"/>'
                             f"<figcaption>{e(caption)}</figcaption></figure>")
        if self.glossary:
            parts.append('<div class="glossary"><strong>Symbols</strong><dl>')
            for sym, meaning in self.glossary.items():
                parts.append(f"<dt>{e(str(sym))}</dt><dd>{e(str(meaning))}</dd>")
            parts.append("</dl></div>")
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


#: tables longer than this are shown as their first rows, with the full table in <details>
SUMMARY_ROWS = 12
#: tables with more columns than this (and at most as many rows) are printed transposed
WIDE_COLUMNS = 7


def _table_html(df) -> str:
    """A table in a horizontally scrolling box; long tables summarised (first rows shown)."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        df = pd.DataFrame(df)
    df = df.rename(columns=lambda c: human_label(c) if isinstance(c, str) else c)

    def render(frame):
        shown = frame.copy()
        for col in shown.columns:
            if shown[col].dtype == object or shown[col].dtype.kind in "fcb":
                shown[col] = [human_number(v, digits=4) if not isinstance(v, str) else v
                              for v in shown[col]]
        return shown.to_html(index=False, border=0, classes="data", na_rep="–")

    if len(df) <= SUMMARY_ROWS:
        if len(df.columns) > WIDE_COLUMNS and len(df) <= WIDE_COLUMNS:
            # a wide, short table: on paper (no scrolling) it is printed transposed
            flipped = df.astype(object).T.reset_index()
            flipped.columns = [""] + [str(i + 1) for i in range(len(df))]
            return (f'<div class="table-wrap screen-only">{render(df)}</div>'
                    f'<div class="table-wrap print-only">{render(flipped)}</div>')
        return f'<div class="table-wrap">{render(df)}</div>'
    head = render(df.head(SUMMARY_ROWS // 2))
    return (f'<div class="table-wrap">{head}<p class="more">First {SUMMARY_ROWS // 2} of '
            f"{len(df)} rows.</p><details><summary>All {len(df)} rows</summary>"
            f"{render(df)}</details></div>")


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


_ROLE = re.compile(r":(?:[a-z]+:)?[a-z]+:`([^`]*)`")


def _plain_text(text: str) -> str:
    """Sphinx markup of a docstring as plain text: roles (``:func:`~a.b.f```) become the name
    they show (``f``; ``title <target>`` shows ``title``), double backquotes are dropped and
    spacing is collapsed.

    Examples
    --------
    >>> _plain_text("The fine (:func:`cheapest_mix`, :data:`~govgames.x.DEFAULT_FIELDS`).")
    'The fine (cheapest_mix, DEFAULT_FIELDS).'
    >>> _plain_text(":py:class:`the game <govgames.games.Game>` and ``q f``")
    'the game and q f'
    """
    def shown(m) -> str:
        body = m.group(1)
        label = re.match(r"(.*?)\s*<[^<>]*>\Z", body, re.S)
        if label and label.group(1):
            return label.group(1)
        return body.lstrip("~!").rsplit(".", 1)[-1] if body.startswith("~") else body.lstrip("!")

    return " ".join(_ROLE.sub(shown, str(text)).replace("``", "").split())


def parameter_help(func) -> dict:
    """Type, default (as ``--param`` takes it) and one-line description of each parameter of a
    case function, read from its numpydoc ``Parameters`` section.

    Examples
    --------
    >>> def run(*, n=3, shares=(0.5, 0.5), data=None):
    ...     \"\"\"Demo.
    ...
    ...     Parameters
    ...     ----------
    ...     n : int
    ...         Number of cities. More text.
    ...     shares : tuple of float
    ...         Shares of the cost, in percent.
    ...     data : str, optional
    ...         A CSV replacing the bundled data.
    ...     \"\"\"
    >>> parameter_help(run)["shares"]
    {'type': 'tuple of float', 'default': '0.5,0.5', 'description': 'Shares of the cost, in percent.'}
    >>> parameter_help(run)["data"]["default"]
    ''
    """
    import docstring_parser

    doc = docstring_parser.parse(func.__doc__ or "", style=docstring_parser.DocstringStyle.NUMPYDOC)
    described = {}
    for item in doc.params:
        for name in item.arg_name.split(","):
            described[name.strip()] = item
    out = {}
    for name, default in case_parameters(func).items():
        param = described.get(name)
        text = _plain_text(param.description or "") if param else ""
        first = text.split(". ")[0].rstrip(".") + "." if text else ""
        out[name] = {"type": (_plain_text(param.type_name) if param and param.type_name else
                              type(default).__name__ if default is not None else "str"),
                     "default": _param_text(default), "description": first}
    return out


def _param_text(value) -> str:
    """A default written as ``--param KEY=VALUE`` takes it (lists comma-separated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_param_text(v) for v in value)
    return str(value)


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
    if name not in CASES and name in CASE_MODULES:
        # each case module registers the case of its own name: import that one module only
        # (all eleven take seconds)
        importlib.import_module(f"{__package__ or 'govgames.analyses'}.{name}")
    if name in CASES:
        return CASES[name]
    if name in CASE_MODULES:        # a module that registers another name: load them all
        cases = load_cases()
        if name in cases:
            return cases[name]
    known = list(dict.fromkeys([*CASE_MODULES, *(k for k in CASES if not k.startswith("_"))]))
    raise InputError(f"unknown case study {name!r}; known: {', '.join(known)}")


_TYPE_NAMES = {float: "a number", int: "an integer", str: "text", bool: "true/false"}


def csv_where(label: str, i: int, column: str | None = None) -> str:
    """Where data row ``i`` (0-based, after the header) of a CSV is, for an error message.

    >>> csv_where("city table x.csv", 1, "gdp")
    "city table x.csv: line 3 (data row 2), column 'gdp'"
    """
    where = f"{label}: line {i + 2} (data row {i + 1})"
    return where + (f", column {column!r}" if column is not None else "")


def _long_row(path) -> str | None:
    """Where the first row with more fields than the header is (for an error message); None
    when every row fits."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = csv.reader(fh, skipinitialspace=True)
        header = next(rows, [])
        for k, row in enumerate(rows):
            if len(row) > len(header):
                return (f"line {k + 2} (data row {k + 1}) has {len(row)} fields, the header "
                        f"{len(header)} (a stray comma, or a value with a comma not in quotes?)")
    return None


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
    govgames.games.errors.InputError: city table x.csv: line 3 (data row 2), column 'gdp': 'lots' is not a number
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
        # index_col=False: rows with more fields than the header are an error, not a silent
        # shift of every column (pandas would take the first field as the row index)
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            df = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True,
                             encoding="utf-8-sig", index_col=False)
    except pd.errors.ParserWarning:
        raise InputError(f"{label}: {_long_row(path) or 'a row has more fields than the header'}"
                         ) from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{label}: the file is empty (expected columns "
                         f"{', '.join(required)})") from None
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text (save the CSV as UTF-8)") from None
    except pd.errors.ParserError as exc:
        why = _long_row(path) or f"not a readable CSV file: {str(exc).strip()}"
        raise InputError(f"{label}: {why}") from None
    except OSError as exc:  # permission, or a file the kernel will not read (/proc/self/mem)
        raise InputError(f"{label}: cannot read {path}: {exc.strerror or exc}") from None
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
            text = str(raw).strip()
            where = csv_where(label, i, col)
            if text == "":
                raise InputError(f"{where}: empty value, expected {_TYPE_NAMES.get(typ, typ)}")
            values.append(_convert(text, typ, where))
        df[col] = pd.Series(values, index=df.index, dtype=object if typ is str else None)
    return df


#: Words read as true and false (case-insensitive) in CSV cells and ``--param`` values.
TRUE_WORDS = ("true", "yes", "1", "y", "on")
FALSE_WORDS = ("false", "no", "0", "n", "off")


def text_to_value(text: str, typ, where: str):
    """Text from a CSV cell or a ``--param KEY=VALUE`` as a ``str``, ``bool``, ``int`` or ``float``.

    The one converter of user text to a scalar in :mod:`govgames.analyses`.

    Parameters
    ----------
    text : str
        The text (surrounding spaces are ignored).
    typ : {str, bool, int, float}
        The wanted type. Booleans accept :data:`TRUE_WORDS` and :data:`FALSE_WORDS`; integers
        accept ``"12"`` and ``"1e3"`` (integral values only); floats must be finite and below
        ``1e300`` in absolute value (as numbers in game files, so that sums and products of
        them cannot overflow).
    where : str
        Start of the error message (file, row and column, or the parameter name).

    Returns
    -------
    str, bool, int or float

    Raises
    ------
    InputError
        If ``text`` is not a value of type ``typ``.

    Examples
    --------
    >>> text_to_value(" on", bool, "x"), text_to_value("1e3", int, "n")
    (True, 1000)
    >>> text_to_value("inf", float, "parameter 'r'")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: parameter 'r': 'inf' is not a finite number
    """
    text = text.strip()
    if typ is str:
        return text
    if typ is bool:
        low = text.lower()
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
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
        if not 1e-300 < abs(f) < 1e300:  # the bounds of numbers in game files (0 included:
            # a nonzero text such as 1e-400 that rounds to 0 is refused)
            from govgames.games.numbers import exact_rational
            exact_rational(text, where=where)  # raises: too large, or rounds to 0
        return f
    raise TypeError(f"unsupported type {typ!r}")  # pragma: no cover


_convert = text_to_value
