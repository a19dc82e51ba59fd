"""``govgames analyses sweep NAME --grid key=v1,v2,... [--grid ...] [--param key=value]
[--workers N | --scheduler ADDRESS] [--out FILE.parquet|FILE.csv] [--json]``.

Runs a case study at every point of a grid (the product of one ``--grid`` per parameter) with
:func:`govgames.games.sweep.sweep`, one row per point: the gridded parameters, the case's key
numbers and ``error`` (a point that fails is reported in its row; the sweep goes on). Values
are converted to the type of the parameter's default; ``--grid b=1:5:9`` is shorthand for nine
evenly spaced values from 1 to 5. ``--param`` fixes a parameter for every point.

``--workers N`` starts a Dask ``LocalCluster`` of ``N`` single-threaded worker processes;
``--scheduler ADDRESS`` joins a running Dask cluster (``tcp://host:8786``). Both need the
optional extra ``pip install 'govgames[parallel]'``. Without them the points run one after the
other in this process. ``--out`` writes the table (``.csv``, or ``.parquet`` with pyarrow);
without it the table is printed (``--json``: one JSON object ``{"rows": [...]}``, and no
progress bar).

Exit status: 0 when at least one point ran (the failed ones are counted on stderr); 1 when
every point failed (the table, with the reasons in ``error``, is still printed or written); 2
for bad input, before any point runs.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path


def _input_error(message: str):
    """An :class:`~govgames.games.errors.InputError`, imported only when one is raised (parsing
    the command line must not import :mod:`govgames.games`, which loads sympy)."""
    from govgames.games.errors import InputError

    return InputError(message)

__all__ = ["add_action", "run_sweep", "parse_grid", "case_numbers"]


def _workers(text: str) -> int:
    """``--workers N``: checked while parsing (a usage error imports nothing heavy)."""
    import argparse

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _table_file(text: str) -> str:
    """``--out FILE``: a .csv or .parquet name, checked while parsing."""
    import argparse

    if Path(text).suffix.lower() not in (".csv", ".parquet"):
        raise argparse.ArgumentTypeError(f"{text!r}: the file name must end in .csv or .parquet")
    return text


def add_action(sub):
    """Register ``sweep`` as an action of ``govgames analyses``."""
    ps = sub.add_parser(
        "sweep", help="run one case study over a grid of parameter values",
        description="Run a case study at every point of a grid (one --grid per parameter; the "
                    "grid is their product) and collect its key numbers, one row per point.")
    ps.add_argument("name", metavar="NAME", help="case study (see `govgames analyses list`)")
    ps.add_argument("--grid", action="append", required=True, metavar="KEY=V1,V2,...",
                    help="values of one parameter (or KEY=START:STOP:NUM, evenly spaced); "
                         "repeatable")
    ps.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                    help="fix a parameter for every point (repeatable)")
    where = ps.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_workers, default=None, metavar="N",
                       help="run on a local Dask cluster of N worker processes")
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="run on an existing Dask cluster (e.g. tcp://host:8786)")
    ps.add_argument("--out", type=_table_file, default=None, metavar="FILE",
                    help="write the table to FILE.csv or FILE.parquet")
    ps.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    ps.add_argument("--json", action="store_true", help="print one JSON object, no progress bar")
    return ps


def _values(key: str, text: str, default) -> list:
    from .cases import coerce_param

    if isinstance(default, (list, tuple)):
        raise _input_error(f"--grid {key!r}: a list-valued parameter cannot be swept from the "
                         "command line; fix it with --param")
    parts = text.split(":")
    numeric = isinstance(default, (int, float)) and not isinstance(default, bool)
    if numeric and len(parts) not in (1, 3):
        raise _input_error(f"--grid {key!r}: {text!r} is neither V1,V2,... nor START:STOP:NUM")
    if len(parts) == 3 and numeric:
        a, b = (coerce_param(key, t, 0.0) for t in parts[:2])
        try:
            num = int(parts[2].strip())
        except ValueError:
            raise _input_error(f"--grid {key!r}: the number of values NUM in START:STOP:NUM must "
                               f"be an integer, got {parts[2].strip()!r}") from None
        if num < 1 or num > 1_000_000:
            raise _input_error(f"--grid {key!r}: the number of values in START:STOP:NUM must be "
                             f"between 1 and 1000000, got {num}")
        vals = [a + (b - a) * k / (num - 1) for k in range(num)] if num > 1 else [a]
        if isinstance(default, int):
            if any(v != int(v) for v in vals):
                raise _input_error(f"--grid {key!r}: {text!r} gives values that are not integers")
            vals = [int(v) for v in vals]
        return vals
    items = [t for t in text.split(",") if t.strip()]
    if not items:
        raise _input_error(f"--grid {key!r}: no values given (expected {key}=V1,V2,...)")
    return [coerce_param(key, t, default) for t in items]


def parse_grid(spec, pairs) -> dict:
    """``--grid`` strings -> ``{parameter: [values]}`` for the case ``spec`` (checked, converted).

    Examples
    --------
    >>> from govgames.analyses.base import CaseSpec
    >>> def f(*, n=3, b=1.0): ...
    >>> parse_grid(CaseSpec("demo", "Demo", f, "demo"), ["n=2,4", "b=0:1:3"])
    {'n': [2, 4], 'b': [0.0, 0.5, 1.0]}
    >>> parse_grid(CaseSpec("demo", "Demo", f, "demo"), ["q=1"])
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: case 'demo' has no parameter 'q'; its parameters are: n, b
    """
    from .cases import split_settings

    return {key: _values(key, text, default)
            for key, text, default in split_settings(spec, pairs, "--grid", "KEY=V1,V2,...")}


def _flat(prefix: str, value, out: dict) -> None:
    from govgames.analyses.base import jsonable

    value = jsonable(value)
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(f"{prefix}.{k}", v, out)
    elif isinstance(value, list):
        out[prefix] = json.dumps(value, ensure_ascii=False)
    else:
        out[prefix] = value


def case_numbers(name: str, **params) -> dict:
    """Run the case study ``name`` and return its key numbers as flat columns.

    Nested dicts become ``outer.inner`` columns and lists JSON text, so that every value is a
    number, a string, a boolean or ``None``; the case's figures are closed (a sweep of
    thousands of points keeps no figures). Module-level, so a process pool can run it.

    Examples
    --------
    >>> row = case_numbers("trust", T=4.0)
    >>> round(row["bare_dilemma_delta"], 6), all(not isinstance(v, (list, dict))
    ...                                           for v in row.values())
    (0.333333, True)
    """
    from govgames.analyses.base import get_case

    result = get_case(name).run(**params)
    if result.figures:
        import matplotlib.pyplot as plt

        for fig in result.figures.values():
            plt.close(fig)
    out: dict = {}
    for k, v in result.numbers.items():
        _flat(str(k), v, out)
    return out


#: Memory of one local Dask worker process with govgames imported (bytes, measured: 100-200 MB).
WORKER_BYTES = 150 * 2**20


def _executor(args, n_points: int | None = None):
    """``(executor, close)`` for ``--workers`` / ``--scheduler``; ``(None, noop)`` otherwise.

    ``--workers`` starts at most one worker per point (more would idle), and refuses, before
    starting any, more worker processes than the memory budget holds."""
    if args.workers is None and args.scheduler is None:
        return None, lambda: None
    if args.workers is not None and args.workers < 1:
        raise _input_error(f"--workers must be at least 1, got {args.workers}")
    n_workers = args.workers
    if n_workers is not None:
        from govgames.games.budget import check_memory

        n_workers = min(n_workers, n_points or n_workers)
        check_memory(n_workers * WORKER_BYTES,
                     f"--workers {args.workers}: {n_workers:,} worker processes",
                     "use fewer --workers (about one per core)")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        flag = "--workers" if args.workers is not None else "--scheduler"
        raise _input_error(f"{flag} needs Dask: pip install 'govgames[parallel]' (or run without "
                         f"{flag}, serially)") from None
    if args.workers is not None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)

        def close():
            client.close()
            cluster.close()
    else:
        try:
            client = Client(args.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise _input_error(f"cannot reach the Dask scheduler at {args.scheduler!r}: "
                             f"{exc}") from None
        close = client.close
    return client.get_executor(), close


def _write(df, path: Path, force: bool = False) -> None:
    """Write the table atomically; an existing file is replaced only with --force."""
    import io

    from govgames.games.files import write_file

    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_file(path, df.to_csv(index=False), overwrite=force, flag="--force")
    elif suffix == ".parquet":
        try:
            buf = io.BytesIO()
            df.to_parquet(buf, index=False)
            write_file(path, buf.getvalue(), overwrite=force, flag="--force")
        except ImportError as exc:
            raise _input_error(f"writing {path.name} needs a parquet engine: pip install pyarrow "
                             f"({exc})") from None
    else:
        raise _input_error(f"--out {str(path)!r}: the file name must end in .csv or .parquet")


def run_sweep(args) -> int:
    """Run ``govgames analyses sweep``."""
    import functools

    from govgames.analyses.base import get_case, jsonable
    from govgames.games.sweep import sweep

    from .cases import parse_params

    spec = get_case(args.name)
    if not args.grid:
        raise _input_error("give at least one --grid KEY=V1,V2,...")
    grid = parse_grid(spec, args.grid)
    fixed = parse_params(spec, args.param)
    both = sorted(set(grid) & set(fixed))
    if both:
        raise _input_error(f"parameter {both[0]!r} is both in --grid and in --param")
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in (".csv", ".parquet"):
        raise _input_error(f"--out {args.out!r}: the file name must end in .csv or .parquet")
    if out is not None and (out.exists() or out.is_symlink()) and not args.force:
        raise _input_error(f"{out} exists already; use --force to overwrite it")  # before work
    if out is not None and not out.resolve().parent.is_dir():  # also before the work
        raise _input_error(f"{out}: the folder '{out.parent}' does not exist")
    n_points = math.prod(len(v) for v in grid.values())
    executor, close = _executor(args, n_points)
    try:
        df = sweep(functools.partial(case_numbers, spec.name), grid, fixed=fixed,
                   executor=executor, progress=False if args.json else None)
    finally:
        close()
    failed = int(df["error"].notna().sum())
    if out is not None:
        _write(df, out, force=args.force)
    if args.json:
        print(json.dumps({"case": spec.name, "points": n_points, "failed": failed,
                          "out": str(out) if out else None,
                          "rows": jsonable(df.to_dict(orient="records"))}, ensure_ascii=False))
    elif out is None:
        print(df.to_string(index=False))
    else:
        print(f"{n_points} points, {failed} failed: wrote {out}")
    if failed and not args.json:
        print(f"{failed} of {n_points} points failed; see the 'error' column", file=sys.stderr)
    return 1 if failed == n_points else 0
