"""``govgames analyses list`` and ``govgames analyses run NAME [--param key=value ...] [--json]``.

``list`` prints every registered case study with its parameters and defaults. ``run`` runs one
case; each ``--param key=value`` is converted to the type of that parameter's default (numbers,
integers, ``true``/``false``, text; a comma-separated list for a list or tuple default; a
parameter whose default is ``None``, such as ``data``, takes text, e.g. the path of a CSV). An
unknown case, an unknown parameter or a value of the wrong type is bad input (exit 2). With
``--json`` one JSON object is printed (:meth:`govgames.analyses.base.CaseResult.to_dict`);
``--figures DIR`` also saves the figures as PNG files.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["add_parser", "run", "coerce_param", "parse_params", "split_settings"]


def add_parser(subparsers):
    """Register the ``analyses`` sub-command with its ``list`` and ``run`` actions."""
    p = subparsers.add_parser(
        "analyses", help="list or run the case studies",
        description="List the case studies, or run one with chosen parameters.")
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    pl = sub.add_parser("list", help="list the case studies and their parameters")
    pl.add_argument("--json", action="store_true", help="print one JSON object")
    pr = sub.add_parser("run", help="run one case study",
                        description="Run one case study; --param key=value sets a parameter "
                                    "(converted to the type of its default).")
    pr.add_argument("name", metavar="NAME", help="case study (see `govgames analyses list`)")
    pr.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                    help="set a parameter (repeatable)")
    pr.add_argument("--json", action="store_true", help="print one JSON object")
    pr.add_argument("--force", action="store_true",
                    help="replace figures of the same name already in DIR")
    pr.add_argument("--figures", metavar="DIR", default=None,
                    help="also save the case's figures as PNG files in DIR")
    from .sweep import add_action as _add_sweep

    _add_sweep(sub)
    p.set_defaults(run=run)
    return p


def coerce_param(name: str, text: str, default):
    """Convert the text ``text`` of parameter ``name`` to the type of its ``default``.

    Examples
    --------
    >>> coerce_param("n", "12", 5), coerce_param("r", "1.5", 2.0), coerce_param("x", "no", True)
    (12, 1.5, False)
    >>> coerce_param("ns", "2,10,40", (2, 5)), coerce_param("data", "my.csv", None)
    ((2, 10, 40), 'my.csv')
    >>> coerce_param("ns", "(2, 10, 40)", (2, 5))
    (2, 10, 40)
    >>> coerce_param("n", "many", 5)
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: parameter 'n': 'many' is not an integer
    """
    # here, not at the top: keeps --help fast
    from govgames.games.errors import InputError

    text = text.strip()
    if default is None or isinstance(default, str):
        return text
    if isinstance(default, bool):
        low = text.lower()
        if low in ("true", "yes", "1", "y", "on"):
            return True
        if low in ("false", "no", "0", "n", "off"):
            return False
        raise InputError(f"parameter {name!r}: {text!r} is not true/false")
    if isinstance(default, (int, float)):  # bounds (too large, rounds to 0) as for file numbers
        from govgames.games.numbers import exact_rational
        try:
            q = exact_rational(text, where=f"parameter {name!r}")
        except InputError as exc:
            if isinstance(default, float) or "is not a number" not in str(exc):
                raise
            raise InputError(f"parameter {name!r}: {text!r} is not an integer") from None
        if isinstance(default, float):
            return float(q)
        if q.denominator != 1:
            raise InputError(f"parameter {name!r}: {text!r} is not an integer")
        return int(q)
    if isinstance(default, (list, tuple)):
        item = default[0] if len(default) else 0.0
        if text[:1] + text[-1:] in ("()", "[]"):  # the Python spelling of a tuple or list
            text = text[1:-1]
        parts = [t for t in text.split(",") if t.strip()]
        if not parts:
            raise InputError(f"parameter {name!r}: give a comma-separated list of values")
        values = [coerce_param(name, t, item) for t in parts]
        return type(default)(values)
    raise InputError(f"parameter {name!r} cannot be set from the command line")


def parse_params(spec, pairs) -> dict:
    """``key=value`` strings -> keyword arguments of the case ``spec`` (checked, converted).

    Examples
    --------
    >>> from govgames.analyses.base import CaseSpec
    >>> def f(*, n=3, b=1.0): ...
    >>> parse_params(CaseSpec("demo", "Demo", f, "demo"), ["n=4", "b=2.5"])
    {'n': 4, 'b': 2.5}
    >>> parse_params(CaseSpec("demo", "Demo", f, "demo"), ["q=1"])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: case 'demo' has no parameter 'q'; its parameters are: n, b
    >>> parse_params(CaseSpec("demo", "Demo", f, "demo"), ["n=4", "n=5"])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: --param 'n' is given twice
    """
    from govgames.games.errors import InputError

    out = {}
    for key, value, default in split_settings(spec, pairs, "--param", "KEY=VALUE"):
        if not value.strip():
            raise InputError(f"--param {key!r}: no value given (expected {key}=VALUE)")
        out[key] = coerce_param(key, value, default)
    return out


def split_settings(spec, pairs, flag: str, form: str) -> list:
    """``KEY=TEXT`` strings of a command-line flag -> ``(key, text, default)`` triples, checked:
    the ``=`` is there, the case has the parameter, no key is given twice.

    >>> from govgames.analyses.base import CaseSpec
    >>> def f(*, n=3): ...
    >>> split_settings(CaseSpec("demo", "Demo", f, "demo"), ["n=4"], "--param", "KEY=VALUE")
    [('n', '4', 3)]
    """
    from govgames.games.errors import InputError

    known = spec.parameters()
    out, seen = [], set()
    for pair in pairs:
        key, sep, text = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"{flag} {pair!r}: expected {form}")
        if key not in known:
            raise InputError(f"case {spec.name!r} has no parameter {key!r}; its parameters are: "
                             f"{', '.join(known) or '(none)'}")
        if key in seen:
            raise InputError(f"{flag} {key!r} is given twice")
        seen.add(key)
        out.append((key, text, known[key]))
    return out


def help_lines(rows: dict) -> list:
    """Lines of ``analyses list`` for one case's parameters (from ``parameter_help``): setting,
    type and description, a description shared by several parameters (one docstring entry
    ``a, b, c : float``) printed once, at the first of them, and referred to at the others.

    Examples
    --------
    >>> rows = {"a": {"default": "1", "type": "float", "description": "Costs a and b."},
    ...         "b": {"default": "2", "type": "float", "description": "Costs a and b."},
    ...         "data": {"default": "", "type": "str", "description": "A CSV."}}
    >>> print("\\n".join(help_lines(rows)))
      a=1     float: Costs a and b.
      b=2     float: (see a)
      data=... str: A CSV.
    """
    width = max((len(f"{k}={h['default']}") for k, h in rows.items()), default=0)
    first: dict = {}
    out = []
    for key, h in rows.items():
        setting = f"{key}={h['default']}" if h["default"] else f"{key}=..."
        text = h["description"]
        if text and text in first:
            text = f"(see {first[text]})"
        elif text:
            first[text] = key
        out.append(f"  {setting.ljust(width + 1)} {h['type']}: {text}")
    return out


def _list(args) -> int:
    from govgames.analyses.base import load_cases, parameter_help

    cases = load_cases()
    if args.json:
        print(json.dumps({"cases": [
            {"name": s.name, "title": s.title, "module": s.module,
             "parameters": {k: _jsonable(v) for k, v in s.parameters().items()},
             "parameter_help": parameter_help(s.func)}
            for s in cases.values()]}, ensure_ascii=False))
        return 0
    for s in cases.values():
        print(f"{s.name}: {s.title}")
        for line in help_lines(parameter_help(s.func)):
            print(line)
        print()
    print("Set a parameter with: govgames analyses run NAME --param KEY=VALUE "
          "(lists comma-separated, e.g. --param thresholds_at=2,5,10)")
    return 0


def _jsonable(v):
    from govgames.analyses.base import jsonable

    return jsonable(v)


def _run(args) -> int:
    from govgames.analyses.base import get_case

    spec = get_case(args.name)
    params = parse_params(spec, args.param)
    if args.figures and Path(args.figures).exists() and not Path(args.figures).is_dir():
        from govgames.games.errors import InputError

        # checked before the case runs (it said only "notadir: File exists", after the run)
        raise InputError(f"figures folder {args.figures} is a file, not a folder")
    result = spec.run(**params)
    if args.figures:
        import io

        from govgames.games.files import check_new_file, folder_lock, write_file

        out = Path(args.figures)
        out.mkdir(parents=True, exist_ok=True)
        targets = {key: out / f"{result.name}_{key}.png" for key in result.figures}
        for target in targets.values():  # refuse before writing any (no half-written set)
            check_new_file(target, args.force, flag="--force")
        with folder_lock(out):
            for key, fig in result.figures.items():
                buf = io.BytesIO()
                fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
                write_file(targets[key], buf.getvalue(), overwrite=args.force, flag="--force")
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return 0
    print(result)
    from govgames.analyses.base import human_label, human_number

    for key, df in result.tables.items():
        print(f"\n{human_label(key)}:")
        try:
            shown = df.rename(columns=lambda c: human_label(c) if isinstance(c, str) else c)
            print(shown.to_string(index=False, max_rows=40, na_rep="–",
                                  formatters={c: (lambda v: v if isinstance(v, str)
                                                  else human_number(v, digits=4))
                                              for c in shown.columns}))
        except AttributeError:
            print(df)
    if result.notes:
        print("\nnotes:")
        for n in result.notes:
            print(f"  - {n}")
    if result.sources:
        print("sources:")
        for s in result.sources:
            print(f"  - {s}")
    return 0


def run(args) -> int:
    """Dispatch ``list``, ``run`` or ``sweep``."""
    if args.action == "list":
        return _list(args)
    if args.action == "sweep":
        from .sweep import run_sweep

        return run_sweep(args)
    return _run(args)
