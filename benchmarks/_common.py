"""Helpers shared by the benchmark scripts: timing, the machine line, Markdown tables, results.

The scripts run as ``python benchmarks/bench_<area>.py``, so this directory is on ``sys.path``
and they import these helpers with ``from _common import ...``.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def cpu_time() -> float:
    """CPU seconds (user + system) used so far by this process and its finished children.

    Children count because some peers run external programs (pygambit's ``lrsnash_path`` runs
    lrslib's ``lrsnash``): their CPU time is part of the peer's cost.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, *args, repeat: int = 5, collect: bool = False, **kwargs):
    """``(median CPU seconds over repeat calls, result of the last call)`` of
    ``fn(*args, **kwargs)`` (CPU time of this process and its children, see :func:`cpu_time`).

    The garbage collector is never run by the benchmarks (its cost is part of every tool's
    time); ``collect`` is accepted for old callers and ignored."""
    times, out = [], None
    for _ in range(repeat):
        t = cpu_time()
        out = fn(*args, **kwargs)
        times.append(cpu_time() - t)
    return statistics.median(times), out


def interleaved(calls: dict, repeat: int = 5, cap: float = float("inf")) -> dict:
    """Time several callables on the same input with their calls interleaved.

    Round ``r`` calls every entry of ``calls`` (name -> zero-argument callable) once, in order,
    so slow drifts of the machine hit every tool alike. A tool whose first call takes longer
    than ``cap`` CPU seconds is not called again. Returns name -> ``(median CPU seconds,
    number of calls, result of the last call)``.
    """
    times = {name: [] for name in calls}
    last = {}
    for r in range(repeat):
        for name, fn in calls.items():
            if r and times[name][0] > cap:
                continue
            t = cpu_time()
            last[name] = fn()
            times[name].append(cpu_time() - t)
    return {name: (statistics.median(ts), len(ts), last[name]) for name, ts in times.items()}


def load_line() -> str:
    """``"Load average (1, 5, 15 min): a, b, c on N CPUs"`` of the machine now."""
    one, five, fifteen = os.getloadavg()
    return (f"Load average (1, 5, 15 min): {one:.2f}, {five:.2f}, {fifteen:.2f} on "
            f"{os.cpu_count()} CPUs")


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
