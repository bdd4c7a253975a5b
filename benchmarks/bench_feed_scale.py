"""A web feed of 100,000 items through a real ``conflictwire run``: rows early, memory flat in the feed's length.

Run: ``python benchmarks/bench_feed_scale.py [--items 100000] [--page-kb N] [--code PATH ...]`` (``--items
20000`` on a busy machine). ``--code`` runs another checkout's packages; given twice (the code before a change
and after), the two alternate at each feed length and get a table each.

A loopback HTTP/1.1 server in its own process serves generated RSS feeds of ``items/10``, ``items/2`` and
``items`` entries and their article pages (~2 KB of HTML each, worded per number so none are near-duplicates).
For each feed, a fresh warehouse is filled by ``conflictwire run`` in a subprocess (one Prefect API server shared
by the runs, as in production), and the table gives:

* **first rows s**: from launching the run to its first ``batch of N`` log line, which is printed after the
  batch's transaction commits; **flow s** is when the flow began, so the difference is the crawl's share.
* **rows/s**: articles stored over the flow's wall time (start of flow to exit).
* **peak RSS MiB**: the run process's high-water mark (``wait4``), and its ratio to the smallest feed's: flat
  memory keeps it near 1 (the feed document itself, parsed whole, still grows with the items).

The anchor row is a bare ``httpx.AsyncClient`` fetching 2,000 of the same pages in this process, 10 at a time:
the rate the wire allows here, against which rows/s (parse, enrich, cluster, store) can be read.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import random
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_crash import _FLOW_BEGAN, _LOADED, LoggedProcess, cli_command, cli_env, prefect_server  # noqa: E402
from benchmarks.bench_fetch import NOT_FOUND, _response, serve_forever  # noqa: E402

ANCHOR_PAGES = 2_000
# A feed of 100,000 items is about 17 MB, over the default 10 MiB cap on a response (pages stay ~2 KB).
FEED_BODY_CAP = 64 * 1024 * 1024
CONCURRENCY = 10
_WORDS = [
    "shelling",
    "convoy",
    "ceasefire",
    "district",
    "governor",
    "militia",
    "displaced",
    "hospital",
    "checkpoint",
    "village",
    "council",
    "border",
    "airstrike",
    "drone",
    "brigade",
    "market",
    "school",
    "bridge",
    "harvest",
    "refugees",
    "negotiators",
    "corridor",
    "artillery",
    "province",
    "water",
]
_FEED = re.compile(rb"^/feed-(\d+)\.xml$")
_PAGE = re.compile(rb"^/news/report-(\d+)\.html$")
_PROGRESS = re.compile(r"[\d,]+/[\d,]+ documents[^;]*")


def report_html(number: int, padding: int = 0) -> bytes:
    """An article page whose wording is drawn per number, so no two pages are near-duplicates.

    ``padding`` bytes of HTML comment make it as heavy on the wire and in memory as a real page (navigation,
    scripts) without adding text to parse.
    """
    draw = random.Random(number)
    paragraphs = "".join(
        "<p>" + " ".join(draw.choice(_WORDS) for _ in range(40)) + f" (report {number}, part {part}).</p>"
        for part in range(4)
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Report {number}</title>"
        f"<!--{'.' * padding}--></head><body><article>"
        f"<h1>Report {number} on the district</h1>{paragraphs}</article></body></html>"
    ).encode()


def feed_xml(base: str, items: int) -> bytes:
    """An RSS 2.0 feed of ``items`` entries linking to ``/news/report-N.html``, dated a minute apart."""
    entries = "".join(
        f"<item><title>Report {n}</title><link>{base}/news/report-{n}.html</link><guid>report-{n}</guid>"
        f"<pubDate>{time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(1_700_000_000 + 60 * n))}</pubDate>"
        "</item>"
        for n in range(items)
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Scale feed</title>"
        f"<link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def _answer(base: str, path: bytes, feeds: dict[int, bytes], padding: int) -> bytes:
    if match := _PAGE.match(path):
        return _response(report_html(int(match[1]), padding), "text/html; charset=utf-8")
    if match := _FEED.match(path):
        items = int(match[1])
        if items not in feeds:
            feeds[items] = _response(feed_xml(base, items), "application/rss+xml")
        return feeds[items]
    return NOT_FOUND


def _serve(ready: Connection, padding: int) -> None:
    """Child process: a keep-alive HTTP/1.1 server generating feeds and pages from their paths."""
    feeds: dict[int, bytes] = {}
    base = ""

    def prepare(url: str) -> None:
        nonlocal base
        base = url

    serve_forever(ready, lambda path: _answer(base, path, feeds, padding), prepare)


async def _bare_rate(base: str) -> float:
    """Pages per second of a bare httpx client over ``ANCHOR_PAGES`` of the pages, ``CONCURRENCY`` at a time."""
    in_flight = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=CONCURRENCY)) as client:

        async def get(number: int) -> int:
            async with in_flight:
                return len((await client.get(f"{base}/news/report-{number}.html")).content)

        started = time.perf_counter()
        sizes = await asyncio.gather(*(get(n) for n in range(ANCHOR_PAGES)))
        elapsed = time.perf_counter() - started
    assert all(sizes), "the loopback server answered an empty page"
    return ANCHOR_PAGES / elapsed


@dataclass(frozen=True, slots=True)
class ScaleRun:
    items: int
    exit_code: int
    flow_began: float
    first_rows: float | None
    ended: float
    articles: int
    peak_rss_mib: float


def _sources(folder: Path, base: str, items: int, batch_size: int) -> Path:
    path = folder / f"feed-{items}.toml"
    path.write_text(
        f"[settings]\nbatch_size = {batch_size}\n"
        f"politeness = {{ min_delay_seconds = 0, per_host_concurrency = {CONCURRENCY}, respect_robots = false, "
        f"max_body_bytes = {FEED_BODY_CAP} }}\n\n"
        f'[[source]]\nname = "scale-feed"\nkind = "rss"\nurl = "{base}/feed-{items}.xml"\n'
        "allow_private_network = true\n",
        encoding="utf-8",
    )
    return path


def _articles(db: Path) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        row = conn.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else 0


def _memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a live process in KiB, from ``/proc`` (zeros once it is gone or off Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0, 0
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    rss, peak = (int(fields.get(name, "0 kB").split()[0]) for name in ("VmRSS", "VmHWM"))
    return rss, peak


def _report_progress(process: LoggedProcess, every: float, done: threading.Event) -> None:
    """Every ``every`` seconds until ``done``: elapsed time, the run's last progress line and its memory.

    A 100,000-item run takes about an hour on a busy machine; this shows memory staying flat while it goes,
    not only its peak at the end.
    """
    while not done.wait(every):
        loaded = [line for _, line in process.lines if _LOADED.search(line)]
        rss, peak = _memory_kib(process.pid)
        last = _PROGRESS.search(loaded[-1]) if loaded else None
        print(
            f"  {time.monotonic() - process.started:7.0f} s  {last[0] if last else 'no rows yet':<40} "
            f"RSS {rss / 1024:6.0f} MiB, peak {peak / 1024:6.0f} MiB",
            flush=True,
        )


def _scale_run(
    folder: Path, base: str, items: int, batch_size: int, env: dict[str, str], progress_every: float
) -> ScaleRun:
    db = folder / f"feed-{items}.duckdb"
    sources = _sources(folder, base, items, batch_size)
    process = LoggedProcess(cli_command("run", "--sources", str(sources), "--db", str(db)), env, folder)
    done = threading.Event()
    if progress_every > 0:
        threading.Thread(target=_report_progress, args=(process, progress_every, done), daemon=True).start()
    try:
        _, status, usage = os.wait4(process.pid, 0)  # the run's own peak RSS, not its children's or ours
    finally:
        done.set()
    ended = time.monotonic() - process.started
    process.process.returncode = os.waitstatus_to_exitcode(status)
    process.finish()

    def moment(pattern: re.Pattern[str]) -> float | None:
        return next((at for at, line in process.lines if pattern.search(line)), None)

    code = process.process.returncode
    if code != 0:
        print(process.output[-4000:])
    return ScaleRun(
        items,
        code,
        moment(_FLOW_BEGAN) or 0.0,
        moment(_LOADED),
        ended,
        _articles(db) if db.exists() else 0,
        usage.ru_maxrss / 1024,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items of the largest feed (default 100000)")
    parser.add_argument("--batch-size", type=int, default=200, help="[settings] batch_size of the runs")
    parser.add_argument("--page-kb", type=int, default=0, help="KiB of padding per article page (default 0: ~2 KB)")
    parser.add_argument(
        "--code", type=Path, action="append", help="checkout whose packages run (repeat to alternate; default: ours)"
    )
    parser.add_argument(
        "--sizes", help="comma-separated feed lengths to run instead of 10 %%, 50 %% and 100 %% of --items"
    )
    parser.add_argument(
        "--progress-every", type=float, default=0, help="seconds between progress lines during a run (0: none)"
    )
    args = parser.parse_args()
    codes = [code.resolve() for code in args.code or [ROOT]]
    sizes = (
        sorted({int(size) for size in args.sizes.split(",")})
        if args.sizes
        else sorted({max(1, args.items // 10), max(1, args.items // 2), args.items})
    )

    receive, send = mp.get_context("spawn").Pipe(duplex=False)
    server = mp.get_context("spawn").Process(target=_serve, args=(send, args.page_kb * 1024), daemon=True)
    server.start()
    try:
        base = receive.recv()
        bare = asyncio.run(_bare_rate(base))
        with tempfile.TemporaryDirectory(prefix="feed-scale-") as work, prefect_server(Path(work) / "prefect") as api:
            runs: dict[Path, list[ScaleRun]] = {code: [] for code in codes}
            for items in sizes:  # the codes alternate at each size, so machine load hits them alike
                for number, code in enumerate(codes):
                    folder = Path(work) / f"code-{number}"
                    folder.mkdir(exist_ok=True)
                    run = _scale_run(folder, base, items, args.batch_size, cli_env(api, code), args.progress_every)
                    runs[code].append(run)
                    if args.progress_every > 0:
                        print(f"code {code}:", flush=True)
                        _print_table([run], bare)
    finally:
        server.terminate()

    print(f"feed scale: batch_size {args.batch_size}, pages padded by {args.page_kb} KiB, {CONCURRENCY} connections")
    print(f"anchor: bare httpx fetch of {ANCHOR_PAGES} pages in this process: {bare:,.0f} pages/s")
    for code, measured in runs.items():
        print(f"code {code}")
        _print_table(measured, bare)


def _print_table(runs: list[ScaleRun], bare: float) -> None:
    header = f"{'items':>8} {'exit':>4} {'flow s':>7} {'first rows s':>12} {'total s':>8} {'articles':>9}"
    print(f"{header} {'rows/s':>7} {'x bare':>7} {'peak RSS MiB':>12} {'RSS ratio':>9}")
    smallest = runs[0].peak_rss_mib
    for run in runs:
        rate = run.articles / max(run.ended - run.flow_began, 1e-9)
        first = f"{run.first_rows:.1f}" if run.first_rows is not None else "-"
        print(
            f"{run.items:>8,} {run.exit_code:>4} {run.flow_began:>7.1f} {first:>12} {run.ended:>8.1f} "
            f"{run.articles:>9,} {rate:>7.0f} {rate / bare:>7.3f} {run.peak_rss_mib:>12.0f} "
            f"{run.peak_rss_mib / smallest:>9.2f}"
        )


if __name__ == "__main__":
    main()
