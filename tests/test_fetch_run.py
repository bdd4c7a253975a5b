"""A run over 20 web sources, 5 of them faulty, crawled concurrently in threads as the Prefect flow does.

Proves: the healthy sources all load; each faulty one fails alone with the right error class and reason;
robots-disallowed paths are never requested; the second run sends a conditional request for every feed and fetches
no article body again.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from extractors.crawl import CrawlResult, CrawlState, crawl_source
from extractors.errors import UnusableSourceError
from extractors.fetch import FetchSettings
from extractors.politeness import HostGate
from records import Politeness, SourceConfig, SourceKind
from tests.fault_server import FaultServer, article_html, rss

HEALTHY = 15
SETTINGS = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05)
POLITE = Politeness(min_delay_seconds=0.0, per_host_concurrency=2, max_attempts=2, timeout_seconds=0.5)
FAULTY = {
    # name: (feed path, expected reason, expected to be worth a retry)
    "gone": ("/gone/feed.xml", "http-404", False),
    "broken": ("/broken/feed.xml", "http-500", True),
    "stalled": ("/stalled/feed.xml", "timeout", True),
    "not-a-feed": ("/html/feed.xml", "not-a-feed", False),
    "forbidden": ("/private/feed.xml", "robots-disallowed", False),
}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for outlet in range(HEALTHY):
            items = [(f"/outlet-{outlet}/2016/11/story-{n}.html", f"Story {outlet}.{n}") for n in range(3)]
            for path, title in items:
                running.add(path, article_html(title))
            items.append((f"/private/outlet-{outlet}-draft.html", "Draft"))  # disallowed: never requested
            running.add(f"/outlet-{outlet}/feed.xml", rss(running.base, items), "application/rss+xml")
        running.add_fault("/broken/feed.xml", "status", status=500)
        running.add_fault("/stalled/feed.xml", "slow", delay=1.5)
        running.add("/html/feed.xml", "<html><body>Just a page</body></html>", "text/html")
        running.add("/private/feed.xml", rss(running.base, []), "application/rss+xml")
        yield running


def sources(server: FaultServer) -> list[SourceConfig]:
    healthy = [(f"outlet-{n}", f"/outlet-{n}/feed.xml") for n in range(HEALTHY)]
    faulty = [(name, path) for name, (path, _, _) in FAULTY.items()]
    return [
        SourceConfig(
            name=name, kind=SourceKind.RSS, url=server.url(path), allow_private_network=True, politeness=POLITE
        )
        for name, path in healthy + faulty
    ]


def run_all(configs: list[SourceConfig], states: dict[str, CrawlState]) -> dict[str, CrawlResult | UnusableSourceError]:
    gate = HostGate()  # one per run, shared by every source's thread

    def one(source: SourceConfig) -> CrawlResult | UnusableSourceError:
        try:
            return crawl_source(source, states.get(source.name, CrawlState()), SETTINGS, gate)
        except UnusableSourceError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip((s.name for s in configs), pool.map(one, configs), strict=True))


def test_twenty_sources_five_faulty(server: FaultServer) -> None:
    configs = sources(server)

    first = run_all(configs, {})

    for name, (_, reason, transient) in FAULTY.items():
        failure = first[name]
        assert isinstance(failure, UnusableSourceError), name
        assert (failure.reason, failure.transient) == (reason, transient), name
        assert failure.attempts or reason == "robots-disallowed", name
    healthy = {name: result for name, result in first.items() if isinstance(result, CrawlResult)}
    assert len(healthy) == HEALTHY
    for result in healthy.values():
        assert len(result.documents) == 3
        assert [q.reason for q in result.quarantined] == ["robots-disallowed"]
    assert [entry.path for entry in server.log if entry.path.startswith("/private/")] == []
    assert len(server.requested("/robots.txt")) == 1  # one robots fetch for the whole run, not one per source

    server.clear_log()
    states = {
        name: CrawlState(
            validators={v.url: v for v in result.validators},
            known_urls=frozenset(d.url for d in result.documents),
            cursor=result.cursor,
        )
        for name, result in healthy.items()
    }
    second = run_all(configs, states)

    for name in healthy:
        again = second[name]
        assert isinstance(again, CrawlResult) and again.not_modified and again.documents == ()
        (feed_request,) = server.requested(f"/{name}/feed.xml")
        assert "if-none-match" in feed_request.headers and feed_request.status == 304
    assert [entry.path for entry in server.log if "/2016/" in entry.path] == []  # no article body fetched again
