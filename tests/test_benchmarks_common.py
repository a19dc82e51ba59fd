"""The shared benchmark helpers time fairly: CPU time, interleaved calls, medians, no gc."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import _common  # noqa: E402


def test_no_garbage_collection_in_benchmarks():
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bgc\s*\.\s*collect\b", text), f"{path.name} calls gc.collect"


def test_interleaved_calls_round_robin_and_reports_medians():
    order = []
    calls = {"a": lambda: order.append("a") or 1, "b": lambda: order.append("b") or 2}
    res = _common.interleaved(calls, repeat=5)
    assert order == ["a", "b"] * 5
    assert res["a"][1:] == (5, 1) and res["b"][1:] == (5, 2)
    assert res["a"][0] >= 0.0


def test_interleaved_stops_calling_a_tool_over_the_cap():
    n = {"slow": 0}

    def slow():
        n["slow"] += 1
        return sum(i * i for i in range(200_000))

    res = _common.interleaved({"slow": slow}, repeat=5, cap=0.0)
    assert n["slow"] == 1 and res["slow"][1] == 1


def test_cpu_time_counts_finished_children():
    import subprocess

    t = _common.cpu_time()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)
    assert _common.cpu_time() - t > 0.05


def test_load_line_mentions_the_load_average():
    assert _common.load_line().startswith("Load average (1, 5, 15 min): ")
