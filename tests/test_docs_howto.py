"""Every ```python block of the how-to guides (docs/howto/*.md) runs as written.

The blocks of one page run in order in one namespace, in a temporary folder, with the Agg
backend; the pages' own ``assert`` lines check the results they show.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

HOWTO = Path(__file__).resolve().parents[1] / "docs" / "howto"
PAGES = sorted(HOWTO.glob("*.md"))
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_howto_pages_exist():
    names = {p.stem for p in PAGES}
    assert {"solve-a-dilemma-file", "minimal-transfer", "shapley-on-a-city-network",
            "test-an-equilibrium"} <= names
    index = (HOWTO / "index.md").read_text(encoding="utf-8")
    for p in PAGES:
        if p.stem != "index":
            assert p.stem in index, f"{p.name} is not in the how-to table of contents"


@pytest.mark.parametrize("page", [p for p in PAGES if BLOCK.search(p.read_text("utf-8"))],
                         ids=lambda p: p.stem)
def test_howto_blocks_run(page, tmp_path, monkeypatch):
    pytest.importorskip("nashpy") if page.stem == "use-the-peers" else None
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"howto_{page.stem.replace('-', '_')}"}
    text = page.read_text(encoding="utf-8")
    for m in BLOCK.finditer(text):
        line = text[:m.start()].count("\n") + 2
        code = compile(m.group(1), f"{page.name}:{line}", "exec")
        exec(code, namespace)  # noqa: S102 - the documentation's own code
    plt.close("all")
