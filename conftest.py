"""Project-wide pytest configuration.

The package folders at the repository root (``games/``, ``networks/``, ``analyses/``) are
installed as subpackages of ``govgames``.  Their doctests are collected here, from the modules as
installed (``govgames.games.game``, ...), so that a doctest never runs against a second copy of
a module imported under a top-level name such as ``games``.  Tests run with
``--import-mode=importlib``, so the repository root is not put on ``sys.path`` either.
"""
import importlib
import importlib.util
import os
from pathlib import Path

import matplotlib
import pytest
from _pytest.doctest import DoctestModule
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")

# Tests stay deterministic: hypothesis draws the same examples on every run (set
# HYPOTHESIS_PROFILE=explore to search afresh), with no per-example deadline on a shared machine.
settings.register_profile("default", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent
#: folder at the repository root -> the import name it is installed under
PACKAGE_FOLDERS = {"games": "govgames.games", "networks": "govgames.networks",
                   "analyses": "govgames.analyses", "src": None}

# modules that must not be imported by collection
collect_ignore = ["benchmarks", "docs"]

# `pytester` runs a user's test file in a subprocess (tests of the assertion helpers)
pytest_plugins = ["pytester"]


def installed_module_name(path: Path) -> str | None:
    """``govgames.games.twoplayer.vertex`` for ``games/twoplayer/vertex.py`` (None outside the
    package folders)."""
    rel = path.resolve().relative_to(ROOT)
    if rel.parts[0] not in PACKAGE_FOLDERS:
        return None
    parts = list(rel.with_suffix("").parts)
    if parts[0] == "src":
        parts = parts[1:]           # src/govgames/x.py -> govgames.x
    else:
        parts[0] = PACKAGE_FOLDERS[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


#: modules whose doctests use optional peer packages: skipped (not failed) without them
OPTIONAL_DOCTEST_PEERS = {
    "govgames.games.interop": ("quantecon", "pygambit", "nashpy"),
    "govgames.networks.interop": ("coopgame",),
}


class InstalledDoctestModule(DoctestModule):
    """Doctests of a package module, imported under its installed name."""

    def _getobj(self):
        return importlib.import_module(installed_module_name(self.path))

    def collect(self):
        for peer in OPTIONAL_DOCTEST_PEERS.get(installed_module_name(self.path), ()):
            if importlib.util.find_spec(peer) is None:
                pytest.skip(f"doctests need the optional package {peer!r}")
        return super().collect()


def pytest_collect_file(file_path, parent):
    if file_path.suffix != ".py" or file_path.name == "__main__.py":
        return None
    try:
        name = installed_module_name(file_path)
    except ValueError:
        return None
    if name is None:
        return None
    return InstalledDoctestModule.from_parent(parent, path=file_path)
