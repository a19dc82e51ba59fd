"""The command answers --help, --version and usage errors without importing the heavy libraries,
and reads a game from standard input with ``-``."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govgames
from govgames.analyses.commands import solve as solve_command
from govgames.games import solve as solve_module

EXAMPLES = Path(solve_module.__file__).parent / "examples"
HEAVY = ("sympy", "scipy", "pandas", "numpy", "matplotlib", "networkx", "govgames.games",
         "govgames.networks")

# Runs the command's main() in a fresh interpreter, then reports which heavy modules got imported.
PROBE = """
import sys
from govgames.analyses.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def imported_by(*argv):
    res = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
                         capture_output=True, text=True, timeout=120)
    return res, eval(res.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("argv", [
    ["--help"], ["--version"], ["solve", "--help"], ["value", "--help"],
    ["analyses", "run", "--help"], ["report", "--help"],
    ["solve"], ["solve", "g.nfg", "--method", "simplex"], ["value", "g.json"], ["frobnicate"],
    # QA s27: sweep's usage errors imported every case study (about 5 s) before refusing
    ["analyses", "sweep", "trust"], ["analyses", "sweep", "trust", "--grid", "T=4", "--out",
                                     "t.xlsx"],
    ["analyses", "sweep", "trust", "--grid", "T=4", "--workers", "0"],
])
def test_parsing_imports_nothing_heavy(argv):
    res, heavy = imported_by(*argv)
    assert heavy == [], f"govgames {' '.join(argv)} imported {heavy}"


def test_version_and_help_in_a_subprocess():
    res = subprocess.run([sys.executable, "-m", "govgames", "--version"], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0 and res.stdout.strip() == f"govgames {govgames.__version__}"
    res = subprocess.run([sys.executable, "-m", "govgames", "--help"], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0 and "solve" in res.stdout and "--version" in res.stdout


def test_usage_error_is_one_line_exit_2():
    res = subprocess.run([sys.executable, "-m", "govgames", "solve", "g.nfg", "--format", "xml"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'xml'" in res.stderr


def test_method_list_matches_the_solver():
    assert solve_command.METHODS == solve_module.METHODS
    from govgames.analyses.commands import _continuous

    assert solve_command.CONTINUOUS_METHODS == _continuous.METHODS
    from govgames.games.extensive import TREE_METHODS

    assert solve_command.TREE_METHODS == TREE_METHODS


def stdin_run(args, text):
    return subprocess.run([sys.executable, "-m", "govgames", *args], input=text,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name,fmt", [("prisoners_dilemma.nfg", "nfg"),
                                      ("transboundary.json", "json")])
def test_solve_reads_standard_input(name, fmt):
    text = (EXAMPLES / name).read_text()
    from_stdin = stdin_run(["solve", "-", "--format", fmt, "--method", "pure", "--json"], text)
    from_file = stdin_run(["solve", str(EXAMPLES / name), "--method", "pure", "--json"], "")
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)


def test_solve_standard_input_needs_format_and_reports_stdin():
    res = stdin_run(["solve", "-"], "NFG 1 R \"x\" { \"A\" } { 1 }\n1\n")
    assert res.returncode == 2 and "--format" in res.stderr
    res = stdin_run(["solve", "-", "--format", "json"], "{\"type\": \"normal_form\"")
    assert res.returncode == 2 and "<stdin>: line 1" in res.stderr
    res = stdin_run(["solve", "-", "--format", "nfg"], "   \n")
    assert res.returncode == 2 and "<stdin>: the input is empty" in res.stderr


def test_value_reads_standard_input():
    game = {"type": "weighted_voting", "players": ["A", "B", "C"], "weights": [4, 2, 1],
            "quota": 5}
    res = stdin_run(["value", "-", "--solution", "shapley", "--json"], json.dumps(game))
    assert res.returncode == 0, res.stderr
    values = json.loads(res.stdout)["values"]
    assert values == pytest.approx({"A": 2 / 3, "B": 1 / 6, "C": 1 / 6})
    res = stdin_run(["value", "-", "--solution", "shapley"], "{\"type\": \"weighted_voting\"}")
    assert res.returncode == 2 and res.stderr.startswith("govgames value: error: <stdin>")
