"""The documentation site: what it must contain, and no references to internal files.

The site itself is built with warnings as errors by ``.ci/run``
(``sphinx-build -W -b html docs docs/_build/html``).
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _load_conf():
    spec = importlib.util.spec_from_file_location("govgames_docs_conf", DOCS / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_four_parts_and_their_pages():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for part in ("tutorials/index", "howto/index", "reference/index", "explanation/index"):
        assert part in index
        assert (DOCS / f"{part}.md").exists()
    for page in ("reference/api.md", "reference/cli.md", "reference/formats/index.md",
                 "explanation/sources.md"):
        assert (DOCS / page).exists(), page


def test_api_reference_covers_every_public_module():
    conf = _load_conf()
    names = conf.public_modules()
    for must in ("govgames", "govgames.games.game", "govgames.games.twoplayer.vertex",
                 "govgames.games.repeated.discounting", "govgames.games.interop",
                 "govgames.games.testing.strategies", "govgames.networks.values",
                 "govgames.networks.testing", "govgames.analyses.river", "govgames.analyses.cli"):
        assert must in names, must
    assert not [n for n in names if any(part.startswith("_") for part in n.split("."))]
    api = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    for sub in ("games", "networks", "analyses"):
        assert f"api/govgames.{sub}.*" in api      # new modules are picked up by the glob


def test_sources_page_names_the_five_papers():
    text = (DOCS / "explanation" / "sources.md").read_text(encoding="utf-8")
    for cue in ("Zhang Chengfu", "2012", "Cui Jing", "Collaborative governance",
                "Regional cooperation reform", "Local cooperation"):
        assert cue in text, cue
    assert text.count("**Contributes:**") == 5


def test_readme_says_how_to_build_the_docs_outside_the_setup_block():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "sphinx-build" not in first_block
    assert [line for line in first_block.strip().splitlines()] == [
        "pip install -e . && govgames report --force", "pip install -e '.[test,parallel]' && pytest"]
    assert "sphinx-build -W -b html docs docs/_build/html" in readme
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert {"sphinx", "numpydoc", "myst-nb", "sphinx-argparse"} <= {
        re.split(r"[<>=]", r)[0] for r in extras["docs"]}
    assert "sphinx-build -W" in (ROOT / ".ci" / "run").read_text()


def test_no_references_to_internal_files():
    # the patterns are assembled so that this file does not contain them itself
    pattern = re.compile("|".join([r"DESIGN\.md", r"DOMAIN\.md", "[Ss]eed 00[0-4]",
                                   "shared" + "/seeds", r"\.\./" + "shared"]))
    hits = []
    for folder in ("games", "networks", "analyses", "src", "docs", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*"):
            if "_build" in path.parts or "notebooks" in path.parts and folder == "docs":
                continue
            if path.suffix in {".py", ".md", ".ipynb", ".csv", ".json", ".txt", ".rst", ".nfg"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                hits += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    for name in ("README.md", "pyproject.toml"):
        hits += [f"{name}: {m.group(0)}" for m in pattern.finditer((ROOT / name).read_text("utf-8"))]
    assert not hits, hits
