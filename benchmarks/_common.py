"""Helpers shared by the benchmark scripts: timing, the machine line, Markdown tables, results.

The scripts run as ``python benchmarks/bench_<area>.py``, so this directory is on ``sys.path``
and they import these helpers with ``from _common import ...``.
"""

from __future__ import annotations

import gc
import platform
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def timed(fn, *args, repeat: int = 1, collect: bool = False, **kwargs):
    """``(best wall-clock seconds over repeat calls, result of the last call)`` of
    ``fn(*args, **kwargs)``; ``collect`` runs the garbage collector before each call."""
    best, out = float("inf"), None
    for _ in range(repeat):
        if collect:
            gc.collect()
        t = time.perf_counter()
        out = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t)
    return best, out


def library_versions(modules) -> list[str]:
    """``"name version"`` of each importable module (the missing ones are left out)."""
    out = []
    for mod in modules:
        try:
            out.append(f"{mod} {__import__(mod).__version__}")
        except ImportError:
            pass
    return out


def machine_line(modules) -> str:
    """``"Machine: <arch>, Python <version>, numpy <version>, ..."`` for a results file."""
    return (f"Machine: {platform.machine()}, Python {platform.python_version()}, "
            + ", ".join(library_versions(modules)) + ".")


def markdown_table(header, rows) -> list[str]:
    """The lines of a Markdown table."""
    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(str(x) for x in r) + " |" for r in rows])


def write_result(name: str, text: str) -> Path:
    """Write ``text`` (plus a final newline) to ``benchmarks/results/<name>.md``."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.md"
    out.write_text(text + "\n", encoding="utf-8")
    return out
