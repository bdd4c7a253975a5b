"""The situation report of a demo day: self-contained, and rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli_analyst import report
from warehouse.report import build_report

DAY = date(2016, 11, 28)
BATTLES = (0xC6, 0x28, 0x28)  # the map colour of Battles points (report._COLOURS)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # any attempt to load something from the network fails, visibly
    "--enable-logging=stderr",
    "--v=0",
]


def _chromium() -> str:
    """Debian's chromium, installed with apt-get where it is missing; skip when that is impossible."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            pytest.skip("Chromium is not installed and cannot be installed here (needs apt-get as root)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "chromium"]
        if subprocess.run(install, env=env, capture_output=True, timeout=900, check=False).returncode != 0:
            subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=900, check=False)
            subprocess.run(install, env=env, capture_output=True, timeout=900, check=False)
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("apt-get could not install Debian's chromium")
    return found


@pytest.fixture(scope="module")
def report_file(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(report, ["--db", str(demo_db), "--date", DAY.isoformat(), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _browser(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _png_pixels(data: bytes) -> tuple[int, list[bytes]]:
    """Decode an 8-bit, non-interlaced RGB/RGBA PNG (what Chromium writes): (bytes per pixel, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), "unexpected PNG format"
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prior = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = prior[i], prior[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        prior = line
    return bpp, rows


def test_report_is_self_contained(demo_conn: duckdb.DuckDBPyConnection) -> None:
    page = build_report(demo_conn, DAY)
    assert "<script" not in page and "<link" not in page and "url(" not in page
    assert not re.search(r'\ssrc="', page), "no external images, frames or scripts"
    outside_links = re.findall(r'<(?!a\s)[^>]*"(https?://[^"]+)"', page)
    assert set(outside_links) <= {"http://www.w3.org/2000/svg"}, "only <a> links may point outside the file"
    for heading in ("Where", "Top figures and who claims them", "Contested figures", "New stories", "Source health"):
        assert f"<h2>{heading}" in page
    points = demo_conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT place_name, event_type, latitude, longitude FROM v_events "
        "WHERE event_date = ? AND latitude IS NOT NULL)",
        [DAY],
    ).fetchone()
    assert points is not None and page.count('class="event-point"') == points[0] > 0
    assert page.count('class="country"') > 5, "country outlines around the events"


def test_report_renders_in_chromium(report_file: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    shot = tmp_path / "shot.png"
    url = report_file.as_uri()
    painted = _browser(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,1000", url)
    assert shot.exists(), painted.stderr[-2000:]
    dom = _browser(chromium, tmp_path / "profile", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for log in (painted.stderr, dom.stderr):
        assert "Uncaught" not in log and "Failed to load resource" not in log, log[-2000:]
        assert "CONSOLE" not in log, log[-2000:]
    assert dom.stdout.count('class="event-point"') >= 1
    assert 'class="map"' in dom.stdout
    bpp, rows = _png_pixels(shot.read_bytes())
    colours = {row[i : i + 3] for row in rows[::4] for i in range(0, len(row), bpp * 4)}
    assert len(colours) > 20, "the screenshot is blank"
    battles = bytes(BATTLES)
    assert any(row[i : i + 3] == battles for row in rows for i in range(0, len(row), bpp)), "no map point painted"


# Appended to a copy of the report (the report itself has no script): measures what a reader sees and writes it
# into the page, which --dump-dom returns.
MEASURE = """
<script>
const circles = [...document.querySelectorAll("circle.event-point")].map(c => {
  const b = c.getBoundingClientRect();
  return {type: c.dataset.eventType, x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2};
});
let hidden = 0;
for (let i = 0; i < circles.length; i++) for (let j = 0; j < i; j++) {
  const a = circles[i], b = circles[j];
  if (a.type !== b.type && Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 1) hidden++;
}
const sizes = [...document.querySelectorAll("svg text")].map(t => t.getBoundingClientRect().height)
  .concat([...document.querySelectorAll("td, th, p, span, b, h1, h2")]
  .map(e => parseFloat(getComputedStyle(e).fontSize)));
const out = document.createElement("pre");
out.id = "measure";
out.textContent = JSON.stringify({overflow: document.documentElement.scrollWidth - innerWidth,
  smallest: Math.min(...sizes), hidden: hidden, markers: circles.length});
document.body.append(out);
</script>
"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [400, 1280])
def test_report_reads_on_a_phone_and_a_desk(report_file: Path, tmp_path: Path, width: int) -> None:
    """At 400 px (a phone) and 1280 px: no sideways scrolling of the page, no text under 9 px, no marker hiding
    another event type's marker; a screenshot of each is kept next to the test's files."""
    import json

    chromium = _chromium()
    page = tmp_path / "measured.html"
    page.write_text(report_file.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), "utf-8")
    size = f"--window-size={width},1600"
    dom = _browser(chromium, tmp_path / "profile", size, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom.stdout)
    assert found, dom.stdout[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"'))
    assert measured["markers"] > 0
    assert measured["overflow"] <= 0, f"the page scrolls sideways at {width} px: {measured}"
    assert measured["smallest"] >= 9, f"text under 9 px at {width} px: {measured}"
    assert measured["hidden"] == 0, f"markers hide other event types at {width} px: {measured}"
    shot = tmp_path / f"report-{width}.png"
    _browser(chromium, tmp_path / "profile", size, f"--screenshot={shot}", report_file.as_uri())
    assert shot.exists()


def test_report_numbers_have_separators(demo_conn: duckdb.DuckDBPyConnection) -> None:
    from warehouse.report import _spread

    page = build_report(demo_conn, DAY)
    kpis = re.findall(r'<div class="kpi"><b>([^<]*)</b>', page)
    assert kpis and all(re.fullmatch(r"–|\d{1,3}(,\d{3})*", k) for k in kpis)
    # two events of different types at one spot end up side by side, each fully visible
    (x1, y1), (x2, y2), (x3, y3) = _spread([(100.0, 100.0), (100.0, 100.0), (300.0, 100.0)], [5.0, 8.0, 5.0])
    assert abs(x1 - x2) + abs(y1 - y2) >= 13 and (x3, y3) == (300.0, 100.0)
