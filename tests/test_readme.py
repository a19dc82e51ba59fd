"""Every ```python block of README.md runs as written.

Each block runs in a fresh namespace, from the repository root (so relative paths such as
``games/examples/...`` resolve), with the Agg backend; figures are closed afterwards.
A block may use names defined by an earlier block of the *same* section (``## ...``): blocks of
one section share a namespace, sections do not.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _python_blocks():
    """(section title, block index in section, source, line number) for every python block."""
    text = README.read_text(encoding="utf-8")
    section = "(top)"
    blocks = []
    counts = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        if line.strip() == "```python":
            start = i + 1
            j = start
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            counts[section] = counts.get(section, 0) + 1
            blocks.append((section, counts[section], "\n".join(lines[start:j]), start + 1))
            i = j
        i += 1
    return blocks


BLOCKS = _python_blocks()


def _sections():
    out = {}
    for section, _, src, lineno in BLOCKS:
        out.setdefault(section, []).append((src, lineno))
    return out


def test_readme_has_python_blocks():
    assert len(BLOCKS) >= 5
    for _, _, src, _ in BLOCKS:
        compile(src, "README.md", "exec")  # every block is valid Python


@pytest.mark.parametrize("section", list(_sections()))
def test_readme_section_runs(section, monkeypatch):
    monkeypatch.chdir(ROOT)
    namespace = {"__name__": "__readme__"}
    try:
        for src, lineno in _sections()[section]:
            code = compile("\n" * (lineno - 1) + src, str(README), "exec")
            exec(code, namespace)  # noqa: S102 - our own README, not user data
    finally:
        plt.close("all")


def test_readme_quick_start_comment_is_true(monkeypatch):
    """The quick start's ``# True`` comment is what the call returns."""
    from govgames.games import NormalFormGame, is_equilibrium

    g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
                       players=["Upstream", "Downstream"],
                       strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])
    assert is_equilibrium(g, ["Pollute", "Pollute"]) is True or bool(
        is_equilibrium(g, ["Pollute", "Pollute"]))


def _shell_commands():
    """``govgames ...`` lines of the README's plain ``` blocks (comments removed)."""
    cmds = []
    fence = None  # language of the open fence, "" for a plain one
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = line[3:].strip() if fence is None else None
            continue
        if fence == "":
            line = line.split("#")[0].strip()
            if line.startswith("govgames "):
                cmds.append(line.split()[1:])
    return cmds


FAST = [c for c in _shell_commands()
        if c[0] == "solve" or c[:2] == ["analyses", "list"]
        or (c[:3] == ["analyses", "run", "river"] and not any("data=" in a for a in c))]


def test_readme_shows_commands():
    assert len(FAST) >= 4


@pytest.mark.parametrize("argv", FAST, ids=" ".join)
def test_readme_commands_run(argv, monkeypatch, capsys):
    from govgames.analyses.cli import main
    monkeypatch.chdir(ROOT)
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert out and "error" not in err


def test_readme_user_csv_command_reports_missing_file(tmp_path, monkeypatch, capsys):
    """The README's ``--param data=my_schedule.csv`` line: without the file, one clear line."""
    from govgames.analyses.cli import main
    cmd = next(c for c in _shell_commands() if any("data=" in a for a in c))
    monkeypatch.chdir(tmp_path)
    assert main(cmd) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and "my_schedule.csv" in err


def test_readme_dotted_names_resolve_and_calls_are_callable():
    """Every `govgames.x.y` the README names exists, and one written as a call is callable
    (QA s27: it named the sweep *module* `govgames.games.sweep` where the function is meant;
    `from govgames.games import sweep; sweep(f, grid)` is "'module' object is not callable")."""
    import importlib
    import re

    text = README.read_text(encoding="utf-8")
    found = re.findall(r"`(govgames(?:\.[A-Za-z_]\w*)+)(\(?)", text)
    assert len(found) > 20
    for name, call in found:
        parts = name.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
                break
            except ImportError:
                continue
        for attr in parts[i:]:
            assert hasattr(obj, attr), f"README names {name}, which does not exist"
            obj = getattr(obj, attr)
        assert not call or callable(obj), f"README calls {name}(...), which is not callable"
    assert ("govgames.games.sweep.sweep", "(") in found
