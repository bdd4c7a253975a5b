"""A web crawl's source and run deadlines, against a real loopback server: slow hosts cannot hold a run.

Clock-light: the deadline is 2 s and the slow pages answer after 60 s (single attempt, 60 s timeout), so without
the deadline the crawl takes at least 60 s and the hang guard (20 s, ten times the need) fails it; everything
else is asserted by counting requests and rows.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from extractors.crawl import CrawlState, crawl_source
from extractors.errors import UnusableSourceError
from extractors.fetch import FetchSettings
from records import Politeness, SourceConfig, SourceKind
from tests.fault_server import FaultServer, article_html, rss

PATIENT = Politeness(min_delay_seconds=0.0, max_attempts=1, timeout_seconds=60.0, per_host_concurrency=4)
DEADLINE = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05, source_deadline_seconds=2.0)
HANG_GUARD_SECONDS = 20.0
FAST = [f"/news/fast-{n}.html" for n in range(4)]
SLOW = [f"/news/slow-{n}.html" for n in range(4)]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        for path in FAST:
            running.add(path, article_html(f"Fast {path}"))
        for path in SLOW:
            running.add_fault(path, "slow", delay=60.0)
        running.add("/feed.xml", rss(running.base, [(p, p) for p in FAST + SLOW]), "application/rss+xml")
        yield running


def feed_source(server: FaultServer, path: str = "/feed.xml") -> SourceConfig:
    return SourceConfig(
        name="slow-feed", kind=SourceKind.RSS, url=server.url(path), allow_private_network=True, politeness=PATIENT
    )


def test_a_crawl_past_its_deadline_stops_and_counts_what_it_left(server: FaultServer) -> None:
    started = time.monotonic()
    result = crawl_source(feed_source(server), CrawlState(), DEADLINE)

    assert time.monotonic() - started < HANG_GUARD_SECONDS
    fetched = {document.url for document in result.documents}
    assert fetched <= {server.url(path) for path in FAST}
    [cut] = [item for item in result.quarantined if item.reason == "source-deadline"]
    assert cut.stage == "fetch" and cut.url == server.url("/feed.xml")
    match = re.match(r"(\d+) of (\d+) article pages", cut.detail)
    assert match is not None
    assert (int(match[1]), int(match[2])) == (len(FAST + SLOW) - len(fetched), len(FAST + SLOW))
    assert result.cursor is None  # the pages left may be older than the ones fetched: the cursor does not move


def test_the_next_run_fetches_only_what_the_deadline_left(server: FaultServer) -> None:
    source = feed_source(server)
    first = crawl_source(source, CrawlState(), DEADLINE)
    for path in SLOW:
        server.add(path, article_html(f"Recovered {path}"))

    known = frozenset(document.url for document in first.documents)
    second = crawl_source(source, CrawlState(known_urls=known), DEADLINE)

    assert known.isdisjoint(document.url for document in second.documents)
    assert known | {document.url for document in second.documents} == {server.url(p) for p in FAST + SLOW}
    assert all(server.hits(path) == 1 for path in FAST)
    assert "source-deadline" not in {item.reason for item in second.quarantined}


def test_a_source_whose_feed_outlasts_the_deadline_fails_with_the_reason(server: FaultServer) -> None:
    server.add_fault("/stuck.xml", "slow", delay=60.0)
    started = time.monotonic()

    with pytest.raises(UnusableSourceError) as caught:
        crawl_source(feed_source(server, "/stuck.xml"), CrawlState(), DEADLINE)

    assert time.monotonic() - started < HANG_GUARD_SECONDS
    assert caught.value.reason == "source-deadline"
    assert server.hits("/news/fast-0.html") == 0


def test_the_run_deadline_stops_a_crawl_like_the_source_deadline_and_says_which(server: FaultServer) -> None:
    run_ends = replace(DEADLINE, source_deadline_seconds=600.0, run_deadline_at=time.time() + 2)
    started = time.monotonic()
    result = crawl_source(feed_source(server), CrawlState(), run_ends)

    assert time.monotonic() - started < HANG_GUARD_SECONDS
    fetched = {document.url for document in result.documents}
    assert fetched <= {server.url(path) for path in FAST}
    [cut] = [item for item in result.quarantined if item.reason == "run-deadline"]
    assert cut.detail.startswith(f"{len(FAST + SLOW) - len(fetched)} of {len(FAST + SLOW)} article pages")
    assert "run deadline" in cut.detail
    assert result.cursor is None


def test_a_crawl_started_after_the_run_deadline_reads_nothing(server: FaultServer) -> None:
    past = FetchSettings(run_deadline_at=time.time() - 1)

    with pytest.raises(UnusableSourceError) as caught:
        crawl_source(feed_source(server), CrawlState(), past)

    assert caught.value.reason == "run-deadline"
    assert server.hits("/feed.xml") == 0
