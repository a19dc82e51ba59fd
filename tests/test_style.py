"""Style checks: ``ruff check .`` and mypy pass on the repository (both come with the ``test``
extra, so the README's one test command runs them).

mypy checks the package under its installed names (``govgames.games.game``, ...). The folders
at the repository root are installed through a path mapping that mypy cannot follow, so the test
copies the package's Python files into a temporary ``govgames/`` tree laid out as installed and
runs ``mypy -p govgames`` there with the repository's configuration (``[tool.mypy]`` in
pyproject.toml); paths in the report are mapped back to the repository's files.
"""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "pyproject.toml"
#: installed subpackage -> folder at the repository root
FOLDERS = {"games": ROOT / "games", "networks": ROOT / "networks", "analyses": ROOT / "analyses"}
TOP = ROOT / "src" / "govgames"
#: each check must finish well inside this (seconds; a fresh mypy run takes about 25 s)
TIMEOUT = 300


def _tool(name: str) -> None:
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is not installed: install the test tools with "
                    f"pip install -e '.[test]' (or '.[lint]')")


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=TIMEOUT)


def installed_tree(dest: Path) -> Path:
    """Copy the package's Python files into ``dest/govgames`` laid out as installed."""
    def keep(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == "__pycache__" or (Path(folder, n).is_file()
                and not n.endswith((".py", ".pyi")) and n != "py.typed")}

    pkg = dest / "govgames"
    shutil.copytree(TOP, pkg, ignore=keep)
    for name, folder in FOLDERS.items():
        shutil.copytree(folder, pkg / name, ignore=keep)
    return dest


def repository_paths(report: str) -> str:
    """``govgames/games/x.py:3: error`` -> ``games/x.py:3: error`` (the file in the repository)."""
    lines = []
    for line in report.splitlines():
        if line.startswith("govgames/"):
            sub = line[len("govgames/"):]
            head = sub.split("/", 1)[0]
            line = sub if head in FOLDERS else "src/govgames/" + sub
        lines.append(line)
    return "\n".join(lines)


def mypy_report(tree: Path, cache: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    return _run(["mypy", "--config-file", str(CONFIG), "--cache-dir", str(cache),
                 "--no-color-output", "--no-error-summary", *targets], cwd=tree)


def test_ruff_check_passes():
    _tool("ruff")
    done = _run(["ruff", "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT)
    assert done.returncode == 0, f"ruff check . found problems:\n{done.stdout}{done.stderr}"


def test_mypy_passes(tmp_path):
    _tool("mypy")
    tree = installed_tree(tmp_path / "tree")
    done = mypy_report(tree, tmp_path / "mypy-cache", "-p", "govgames")
    report = repository_paths(done.stdout + done.stderr)
    assert done.returncode == 0, f"mypy found problems:\n{report}"


def test_the_checks_can_fail(tmp_path):
    # The configuration catches what it should: unsorted imports and an over-complex function
    # (ruff), a wrong type and a bare `type: ignore` (mypy).
    _tool("ruff")
    _tool("mypy")
    bad = tmp_path / "bad.py"
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(60))
    bad.write_text(f"import sys\nimport os\n\n\ndef f(x):\n{branches}\n    return -1\n")
    done = _run(["ruff", "check", "--no-cache", "--config", str(CONFIG), "--output-format",
                 "concise", str(bad)], cwd=tmp_path)
    assert done.returncode != 0
    assert "I001" in done.stdout and "C901" in done.stdout, done.stdout
    typed = tmp_path / "typed.py"
    typed.write_text("def f(x: int) -> str:\n    return x\n\n\ny: int = 'a'  # type: ignore\n")
    done = mypy_report(tmp_path, tmp_path / "mypy-cache", "typed.py")
    assert done.returncode != 0
    assert "[return-value]" in done.stdout and "[ignore-without-code]" in done.stdout, done.stdout


def test_report_paths_point_into_the_repository():
    report = ("govgames/games/game.py:3: error: x  [misc]\n"
              "govgames/_version.py:1: error: y  [misc]\nFound 2 errors")
    lines = repository_paths(report).splitlines()
    assert lines == ["games/game.py:3: error: x  [misc]", "src/govgames/_version.py:1: error: y  [misc]",
                     "Found 2 errors"]
    assert all((ROOT / line.split(":")[0]).is_file() for line in lines[:2])


def main() -> int:
    """``python tests/test_style.py``: run mypy as :func:`test_mypy_passes` does, print its report
    (paths in the repository) and return its exit status. The copy and mypy's cache are kept
    in the temporary folder between runs, so a second run is quicker."""
    work = Path(tempfile.gettempdir()) / "govgames-style-mypy"
    tree = work / "tree"
    shutil.rmtree(tree, ignore_errors=True)
    installed_tree(tree)
    done = mypy_report(tree, work / "cache", "-p", "govgames", "--error-summary")
    print(repository_paths(done.stdout + done.stderr))
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
