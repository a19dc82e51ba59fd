"""The HTML report rendered in a real browser (headless Chromium).

Checks what a reader sees: no element wider than the page on a desktop or a phone screen (wide
tables scroll inside their own box), every figure loads and has a caption as alt text, and in the
print layout (A4 width, the report's print stylesheet) no table is wider than the page, so the
printed PDF keeps every column. Screenshots and the PDF are kept in ``test-artifacts/browser/``
(or ``$GOVGAMES_TEST_ARTIFACTS``). Skipped, with the reason, only where no Chromium is installed
(``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govgames.analyses.report import build_report

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(b)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium browser installed "
                                "(apt-get install chromium)")

ARTIFACTS = Path(os.environ.get("GOVGAMES_TEST_ARTIFACTS", "test-artifacts")) / "browser"

#: measured after load: elements wider than the viewport, and the state of every image
CHECK = """<script>
window.addEventListener('load', function () {
  var vw = document.documentElement.clientWidth, out = {viewport: vw, wide: [], images: []};
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > vw + 1 && (ALLOW_SCROLL ? !el.closest('.table-wrap') : true)) {
      out.wide.push({tag: el.tagName, cls: String(el.className), right: Math.round(r.right),
                     text: (el.textContent || '').slice(0, 80)});
    }
  });
  document.querySelectorAll('img').forEach(function (img) {
    out.images.push({alt: img.alt, loaded: img.complete && img.naturalWidth > 0});
  });
  var pre = document.createElement('pre'); pre.id = 'govgames-check';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});
</script>"""


def _chromium(*args, timeout=240):
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--virtual-time-budget=15000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    path = build_report(out)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return path


def _measure(report, tmp_path, width, *, print_layout=False):
    text = report.read_text(encoding="utf-8")
    if print_layout:  # the print stylesheet applied on screen, at the width of an A4 page
        assert "@media print {" in text
        text = text.replace("@media print {", "@media all {")
    script = CHECK.replace("ALLOW_SCROLL", "false" if print_layout else "true")
    page = tmp_path / f"check-{width}.html"
    page.write_text(text.replace("</body>", script + "</body>"), encoding="utf-8")
    dom = _chromium(f"--window-size={width},1000", "--dump-dom", page.as_uri()).stdout
    m = re.search(r'<pre id="govgames-check">(.*?)</pre>', dom, re.S)
    assert m, "the browser did not run the check script"
    return json.loads(html.unescape(m.group(1)))


@pytest.mark.parametrize("width", [1280, 400])
def test_nothing_is_wider_than_the_screen(report, tmp_path, width):
    res = _measure(report, tmp_path, width)
    assert res["wide"] == [], f"elements wider than a {width}px screen: {res['wide'][:5]}"
    shot = ARTIFACTS / f"report-{width}px.png"
    _chromium(f"--window-size={width},2400", f"--screenshot={shot}", report.as_uri())


def test_every_figure_loads_with_a_caption(report, tmp_path):
    images = _measure(report, tmp_path, 1280)["images"]
    assert images, "the report has no figures"
    assert all(i["loaded"] for i in images), [i["alt"] for i in images if not i["loaded"]]
    for i in images:
        assert i["alt"].strip(), "a figure has no alt text"
        assert "_" not in i["alt"], f"alt text is an internal id: {i['alt']!r}"


def test_print_layout_keeps_every_column(report, tmp_path):
    """In print a table cannot scroll: with the print stylesheet at the width of an A4 page
    (what Chromium's print-to-PDF lays out) no table may be wider than the page."""
    res = _measure(report, tmp_path, 718, print_layout=True)  # 190 mm at 96 dpi
    assert res["wide"] == [], f"wider than an A4 page in print: {res['wide'][:5]}"
    pdf = ARTIFACTS / "report.pdf"
    _chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(pdf))
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in reader.pages))
    titles = [html.unescape(t) for t in
              re.findall(r"<h2>(.*?)</h2>", report.read_text(encoding="utf-8"))]
    assert titles
    missing = [t for t in titles if re.sub(r"\s+", "", t) not in text]
    assert not missing, f"case studies missing from the printed PDF: {missing}"
