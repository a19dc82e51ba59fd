"""``govgames report [--out DIR] [--force]``: every case study in one self-contained HTML file.

Runs each registered case study (:mod:`govgames.analyses.base`) on the bundled data with its
default parameters and writes ``DIR/index.html`` (default ``govgames-report/``) with findings,
key numbers, tables and embedded figures (:func:`govgames.analyses.report.build_report`). An
existing report is not overwritten without ``--force`` (exit 2). With ``--json`` the key numbers
and tables of every case are also written to ``DIR/report.json``. A progress bar is shown only
when stderr is a terminal. Exit status 1 when a case study failed (the report is still written
and shows the error).
"""

from __future__ import annotations

import sys

__all__ = ["add_parser", "run", "DEFAULT_OUT"]

#: default output folder (relative to the working directory)
DEFAULT_OUT = "govgames-report"


def add_parser(subparsers):
    """Register the ``report`` sub-command."""
    p = subparsers.add_parser(
        "report", help="run every case study and write an HTML report",
        description="Run every case study on the bundled data and write one self-contained HTML "
                    "report (figures embedded) to DIR/index.html. Exit status 2 if the file "
                    "exists and --force is not given.")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                   help=f"output folder (default: {DEFAULT_OUT})")
    p.add_argument("--force", action="store_true", help="overwrite an existing report")
    p.add_argument("--json", action="store_true",
                   help="also write DIR/report.json with the key numbers and tables of every case")
    p.set_defaults(run=run)
    return p


def _progress_bar():
    """A tqdm-backed progress callback when stderr is a terminal, else ``(None, None)``."""
    if not sys.stderr.isatty():
        return None, None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None, None
    state = {}

    def progress(i, n, name):
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = tqdm(total=n, desc="case studies", unit="case", file=sys.stderr)
        if i > bar.n:
            bar.update(i - bar.n)
        if name is not None:
            bar.set_postfix_str(name)

    def close():
        if "bar" in state:
            state["bar"].close()

    return progress, close


def run(args) -> int:
    """Write the report and print its path; 1 if a case failed, 0 otherwise."""
    from govgames.analyses.report import build_report, failed_cases

    progress, close = _progress_bar()
    try:
        path = build_report(args.out, force=args.force, progress=progress,
                            write_json=args.json)
    finally:
        if close is not None:
            close()
    print(path)
    if args.json:
        print(path.with_name("report.json"))
    failed = failed_cases(path)
    if failed:
        print(f"govgames report: {len(failed)} case stud{'y' if len(failed) == 1 else 'ies'} "
              f"failed: {', '.join(failed)} (see the report)", file=sys.stderr)
        return 1
    return 0
