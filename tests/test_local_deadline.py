"""Local sources (directory, WARC) honour the source and run deadlines like crawls; the next run reads the rest.

Counted, with a wide margin on the clock: the source deadline is 0.3 s and the folder holds 60 pages in batches
of 3, twenty Prefect task runs that take several seconds even on a fast machine, so a reader that ignored the
deadline stores all 60 and fails the test. The run-deadline case is clock-free: a web source ahead of the local
one is held by the server far past the run's deadline, so the local source starts after it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from benchmarks.bench_feed_scale import report_html
from tests.fault_server import FaultServer, Page, rss

PAGES = 60
BATCH = 3


def write_pages(folder: Path) -> Path:
    pages = folder / "pages"
    pages.mkdir()
    for number in range(PAGES):
        (pages / f"report-{number:03d}.html").write_bytes(report_html(number))
    return pages


def sources_file(folder: Path, settings: str, sources: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(f"[settings]\nbatch_size = {BATCH}\n{settings}\n{sources}", encoding="utf-8")
    return path


def directory_source(pages: Path) -> str:
    return f'[[source]]\nname = "saved"\nkind = "directory"\npath = "{pages}"\n'


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_directory_past_its_source_deadline_stops_and_the_next_run_reads_the_rest(tmp_path: Path) -> None:
    from flows.ingest import ingest

    pages, db = write_pages(tmp_path), tmp_path / "warehouse.duckdb"
    cut_run = ingest(str(sources_file(tmp_path, "source_deadline_seconds = 0.3", directory_source(pages))), str(db))

    [cut] = cut_run.outcomes
    stored = rows(db, "SELECT count(*) FROM raw_documents")[0][0]
    assert cut.status == "ok"
    assert BATCH <= stored < PAGES, "the reader went on past its deadline"  # type: ignore[operator]
    [(stage, reason, detail)] = rows(db, "SELECT stage, reason, detail FROM quarantine")
    assert (stage, reason) == ("read", "source-deadline")
    assert f"after {cut.found} documents" in str(detail)

    rest_run = ingest(str(sources_file(tmp_path, "", directory_source(pages))), str(db))

    [rest] = rest_run.outcomes
    assert (rest.status, rest.found, rest.new, rest.duplicate) == ("ok", PAGES, PAGES - stored, stored)  # type: ignore[operator]
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == PAGES
    assert rows(db, "SELECT count(*) FROM quarantine")[0][0] == 1  # the second run was not cut


@pytest.fixture
def held_feed() -> Iterator[FaultServer]:
    """A feed that answers only when the test ends (or after 60 s)."""
    release = threading.Event()

    def hold(handler: object, _hit: int) -> None:
        release.wait(60)
        handler.send_page(Page(rss(server.base, []), "application/rss+xml"))  # type: ignore[attr-defined]

    with FaultServer() as server:
        server.add_handler("/feed.xml", hold)
        yield server
        release.set()


def test_a_directory_reached_after_the_run_deadline_fails_with_it_and_reads_nothing(
    tmp_path: Path, held_feed: FaultServer
) -> None:
    from flows.ingest import ingest

    pages, db = write_pages(tmp_path), tmp_path / "warehouse.duckdb"
    web = (
        f'[[source]]\nname = "held"\nkind = "rss"\nurl = "{held_feed.url("/feed.xml")}"\n'
        "allow_private_network = true\n"
        "politeness = { min_delay_seconds = 0, timeout_seconds = 60, max_attempts = 1, respect_robots = false }\n\n"
    )
    sources = sources_file(tmp_path, "run_deadline_seconds = 1", web + directory_source(pages))
    state = ingest(str(sources), str(db), return_state=True)

    assert state.is_failed()  # both sources failed
    assert rows(db, "SELECT count(*) FROM raw_documents")[0][0] == 0
    assert rows(db, "SELECT source, stage, reason FROM quarantine ORDER BY source") == [
        ("held", "source", "run-deadline"),
        ("saved", "source", "run-deadline"),
    ]
