"""A large web crawl is stored in parts as its pages arrive, and a kill mid-crawl loses at most two parts.

A loopback feed of 120 items, ``batch_size = 10``. One test counts, at every page request, the pages served and
not yet stored: what a kill at that moment would lose, and (at the last page) proof that rows were stored while
the crawl was still fetching. In the kill test the server holds the last page back until the run is killed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from benchmarks.bench_crash import _LOADED, LoggedProcess, cli_command, cli_env, run_to_end
from benchmarks.bench_feed_scale import report_html
from tests.fault_server import FaultServer, Handler, Page, rss
from warehouse.connection import STORAGE_COMPATIBILITY

ITEMS = 120
BATCH = 10
HOLD_GUARD_SECONDS = 60.0


def paths() -> list[str]:
    return [f"/news/report-{n}.html" for n in range(ITEMS)]


def serve_feed(server: FaultServer, handler_for: Callable[[int], Handler | None]) -> None:
    """The feed and its pages; page ``n`` answered by ``handler_for(n)``, or served as it is when that is None."""
    for number, path in enumerate(paths()):
        handler = handler_for(number)
        if handler is None:
            server.add(path, report_html(number))
        else:
            server.add_handler(path, handler)
    server.add("/feed.xml", rss(server.base, [(p, p) for p in paths()]), "application/rss+xml")


def sources_file(folder: Path, server: FaultServer) -> Path:
    path = folder / "sources.toml"
    path.write_text(
        f"[settings]\nbatch_size = {BATCH}\n"
        "politeness = { min_delay_seconds = 0, timeout_seconds = 120, respect_robots = false }\n\n"
        f'[[source]]\nname = "big-feed"\nkind = "rss"\nurl = "{server.url("/feed.xml")}"\n'
        "allow_private_network = true\n",
        encoding="utf-8",
    )
    return path


def count(db: Path, sql: str) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        row = conn.execute(sql).fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else 0


def stored_urls(db: Path) -> set[str]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {url for (url,) in conn.execute("SELECT first_url FROM raw_documents").fetchall()}
    finally:
        conn.close()


def rows_stored_so_far(db: Path) -> int:
    """Raw documents committed in the warehouse the flow of this process is writing (same DuckDB instance)."""
    try:
        conn = duckdb.connect(str(db), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    except duckdb.Error:
        return 0  # not created yet
    try:
        row = conn.execute("SELECT count(*) FROM raw_documents").fetchone()
    except duckdb.CatalogException:
        return 0  # not migrated yet
    finally:
        conn.close()
    return int(row[0]) if row else 0


def test_pages_fetched_and_not_stored_never_exceed_the_part_being_stored_and_the_next(tmp_path: Path) -> None:
    """Each page request is a possible kill point: a kill then loses the pages already requested and not yet
    stored. Counted at every request, that is never more than the part being stored and the part being
    gathered (plus the one page that tells the crawl a part is full); before, a part also waited in the
    hand-over, another in the crawl and up to 100 more pages ahead of it. At least once it is more than one
    part: the crawl kept fetching while the flow stored (the overlap is kept). And when the last page is
    asked for, most of the feed is already stored: rows arrive while the crawl fetches, not at its end."""
    from flows.ingest import ingest

    db = tmp_path / "warehouse.duckdb"
    requested = 0
    unstored_at_request: list[int] = []
    counting = threading.Lock()

    def counted(number: int) -> Handler:
        def handle(handler: object, _hit: int) -> None:
            nonlocal requested
            with counting:  # a page counts as fetched from its request on: pages in flight count too
                unstored_at_request.append(requested - rows_stored_so_far(db))
                requested += 1
            handler.send_page(Page(report_html(number)))  # type: ignore[attr-defined]

        return handle

    with FaultServer() as server:
        serve_feed(server, counted)
        summary = ingest(str(sources_file(tmp_path, server)), str(db))

    [outcome] = summary.outcomes
    assert (outcome.status, outcome.found, outcome.new) == ("ok", ITEMS, ITEMS)
    assert count(db, "SELECT count(DISTINCT url) FROM sightings") == ITEMS
    assert len(unstored_at_request) == ITEMS
    assert max(unstored_at_request) <= 2 * BATCH + 1, "more than two parts' pages were fetched and not stored"
    assert max(unstored_at_request) > BATCH, "the crawl waited for every part to be stored before fetching on"
    assert unstored_at_request[-1] < ITEMS - 1, "nothing was stored before the crawl's last page"


@pytest.fixture
def held_site() -> Iterator[tuple[FaultServer, threading.Event]]:
    release = threading.Event()

    def hold_until_released(handler: object, _hit: int) -> None:
        release.wait(HOLD_GUARD_SECONDS * 2)
        handler.send_page(Page(report_html(ITEMS - 1)))  # type: ignore[attr-defined]

    with FaultServer() as server:
        serve_feed(server, lambda number: hold_until_released if number == ITEMS - 1 else None)
        yield server, release
        release.set()


@pytest.mark.slow
def test_a_run_killed_mid_crawl_is_finished_by_the_next_with_every_page_once(
    tmp_path: Path, held_site: tuple[FaultServer, threading.Event]
) -> None:
    from prefect.settings import PREFECT_API_URL

    server, release = held_site
    db = tmp_path / "warehouse.duckdb"
    command = cli_command("run", "--sources", str(sources_file(tmp_path, server)), "--db", str(db))
    env = cli_env(PREFECT_API_URL.value())
    process = LoggedProcess(command, env, tmp_path)
    loaded = -1
    for _ in range(3):
        loaded_at = process.wait_for(_LOADED, after=loaded + 1, timeout=180)
        assert loaded_at is not None, process.output
        loaded = loaded_at
    process.kill()
    release.set()

    stored = stored_urls(db)
    assert 3 * BATCH <= len(stored) < ITEMS, "the killed run stored its first parts, not the whole crawl"

    code, output = run_to_end(command, env, tmp_path, timeout=300)

    assert code == 0, output
    assert count(db, "SELECT count(*) FROM raw_documents") == ITEMS
    assert count(db, "SELECT count(DISTINCT url) FROM sightings") == ITEMS
    assert count(db, "SELECT count(*) FROM articles") == ITEMS
    assert all(server.hits(url.removeprefix(server.base)) == 1 for url in stored), "a stored page was fetched again"
    assert all(server.hits(path) <= 2 for path in paths())


@pytest.mark.slow
def test_more_web_sources_than_threads_all_load_in_parts(tmp_path: Path) -> None:
    """Ten feeds of 10 items in parts of 5: more crawls than the task runner's eight threads, each waiting with a
    part for its turn, while the batches of the source being stored still need a thread. The flow runs in a
    thread of its own so a deadlock fails the test (guard 600 s, ten times the 40 s it takes on a two-core
    machine at load 25) instead of hanging it."""
    from flows.ingest import ingest

    feeds, items = 10, 10
    db = tmp_path / "warehouse.duckdb"
    outcome: list[object] = []
    with FaultServer() as server:
        entries = []
        for feed in range(feeds):
            links = [f"/feed-{feed}/report-{n}.html" for n in range(items)]
            for n, path in enumerate(links):
                server.add(path, report_html(feed * items + n))
            server.add(f"/feed-{feed}.xml", rss(server.base, [(p, p) for p in links]), "application/rss+xml")
            entries.append(
                f'[[source]]\nname = "feed-{feed}"\nkind = "rss"\nurl = "{server.url(f"/feed-{feed}.xml")}"\n'
                "allow_private_network = true\n"
            )
        sources = tmp_path / "sources.toml"
        sources.write_text(
            "[settings]\nbatch_size = 5\npoliteness = { min_delay_seconds = 0, respect_robots = false }\n\n"
            + "\n".join(entries),
            encoding="utf-8",
        )
        flow = threading.Thread(target=lambda: outcome.append(ingest(str(sources), str(db))), daemon=True)
        flow.start()
        flow.join(600)

    assert not flow.is_alive(), "the run did not finish: crawls and batches deadlocked on the task runner's threads"
    [summary] = outcome
    assert [(o.status, o.new) for o in summary.outcomes] == [("ok", items)] * feeds  # type: ignore[attr-defined]
    assert count(db, "SELECT count(DISTINCT url) FROM sightings") == feeds * items
