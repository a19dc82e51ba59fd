"""The distribution installs one import package, ``govgames``, and nothing else at the top."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
from pathlib import Path

import govgames
import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def test_version_is_single_sourced():
    assert govgames.__version__ == importlib.metadata.version("govgames")


def test_no_generic_top_level_names():
    # govgames installs no top-level games, networks or analyses. Another distribution may
    # (PyPI has an unrelated `networks`): that one must not be govgames' folder, and govgames'
    # metadata must not claim the name. Run in a fresh interpreter from a neutral folder so that
    # no local folder shadows anything.
    code = ("import importlib.util as u, importlib.metadata as m, json; "
            "names = ('games', 'networks', 'analyses'); "
            "specs = {n: u.find_spec(n) for n in names}; "
            "print(json.dumps({'origins': {n: (s.origin or str(list(s.submodule_search_locations or [])))"
            " for n, s in specs.items() if s}, "
            "'claimed': {n: m.packages_distributions().get(n, []) for n in names}}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(sys.executable).parent, check=True).stdout.strip()
    import json

    found = json.loads(out)
    for name, origin in found["origins"].items():
        assert str(ROOT) not in origin, f"{name} is importable from the repository: {origin}"
    for name, dists in found["claimed"].items():
        assert "govgames" not in dists, f"govgames installs a top-level {name!r}"


def test_every_subpackage_is_listed_in_pyproject():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(conf["packages"])
    found = set()
    for folder, name in (("games", "govgames.games"), ("networks", "govgames.networks"),
                         ("analyses", "govgames.analyses")):
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *rel)))
    assert found - listed == set(), "add these subpackages to [tool.setuptools] packages"


def test_lazy_top_level_names():
    for name in ("NormalFormGame", "CoalitionalGame", "nash_equilibria", "shapley_value"):
        assert getattr(govgames, name) is not None
    assert set(govgames._LAZY) <= set(dir(govgames))


def test_python_dash_m_govgames_runs_the_command():
    out = subprocess.run([sys.executable, "-m", "govgames", "analyses", "list"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "river" in out.stdout
