"""SSRF: connections go to the address that was judged, lookups that fail refuse, and a source's opt-in to private
addresses covers its own origin only. Real servers on 127.0.0.1, the production fetch path.

DNS rebinding needs a resolver whose answer changes between two lookups; there is no DNS server here, so the test
replaces the event loop's ``getaddrinfo`` (the operating system's resolver, not our code) for one made-up name.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from extractors.crawl import CrawlState, crawl_source
from extractors.errors import FetchError, PermanentFetchError, TransientFetchError
from extractors.fetch import Fetched, Fetcher, FetchSettings, build_client
from extractors.politeness import HostGate
from extractors.safety import AddressPolicy, AddressRefusedError
from records import Politeness, SourceConfig, SourceKind
from tests.fault_server import FaultServer, article_html, rss

FAST = Politeness(min_delay_seconds=0.0, max_attempts=1, timeout_seconds=5.0, respect_robots=False)
SETTINGS = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.add("/story.html", article_html("Story"))
        yield running


@pytest.fixture
def other_service() -> Iterator[FaultServer]:
    """Another loopback service, the kind a hostile feed item would like the crawler to read."""
    with FaultServer() as running:
        running.add("/secret", article_html("internal secret"))
        yield running


def get(source: SourceConfig, url: str) -> Fetched | FetchError:
    async def run() -> Fetched | FetchError:
        async with build_client(SETTINGS, source) as client:
            fetcher = Fetcher(client=client, source=source, settings=SETTINGS, gate=HostGate())
            try:
                return await fetcher.get(url)
            except FetchError as exc:
                return exc

    return asyncio.run(run())


def test_dns_rebinding_cannot_redirect_the_connection(monkeypatch: pytest.MonkeyPatch, server: FaultServer) -> None:
    """The first lookup answers a public address, every later one loopback: what a rebinding DNS server does."""
    real = asyncio.base_events.BaseEventLoop.getaddrinfo
    answers = iter(["93.184.216.34"])

    async def rebinding(self: Any, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.example":
            address = next(answers, "127.0.0.1")
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 80))]
        return await real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(asyncio.base_events.BaseEventLoop, "getaddrinfo", rebinding)
    port = server.base.rsplit(":", 1)[1]
    source = SourceConfig(name="news", kind=SourceKind.PAGE, url="http://news.example/", politeness=FAST)

    outcome = get(source, f"http://rebind.example:{port}/story.html")

    assert isinstance(outcome, PermanentFetchError) and outcome.reason == "blocked-address"
    assert server.log == []  # no byte reached the loopback server


def test_a_failed_lookup_refuses_instead_of_letting_the_host_through() -> None:
    source = SourceConfig(name="news", kind=SourceKind.PAGE, url="http://news.example/", politeness=FAST)

    outcome = get(source, "http://no-such-host.invalid/story.html")

    assert isinstance(outcome, TransientFetchError) and outcome.reason == "dns-error"


def test_private_opt_in_covers_the_source_origin_only(server: FaultServer, other_service: FaultServer) -> None:
    theirs = f"<item><title>theirs</title><link>{other_service.url('/secret')}</link></item></channel>"
    feed = rss(server.base, [("/story.html", "ours")]).replace(b"</channel>", theirs.encode())
    server.add("/feed.xml", feed, "application/rss+xml")
    source = SourceConfig(
        name="loopback", kind=SourceKind.RSS, url=server.url("/feed.xml"), allow_private_network=True, politeness=FAST
    )

    result = crawl_source(source, CrawlState(), SETTINGS)

    assert [d.url for d in result.documents] == [server.url("/story.html")]
    assert [(q.url, q.reason) for q in result.quarantined] == [(other_service.url("/secret"), "blocked-address")]
    assert other_service.log == []


def test_allow_private_hosts_widens_the_opt_in(server: FaultServer, other_service: FaultServer) -> None:
    other = other_service.base.removeprefix("http://")
    source = SourceConfig(
        name="loopback",
        kind=SourceKind.RSS,
        url=server.url("/feed.xml"),
        allow_private_network=True,
        allow_private_hosts=(other,),
        politeness=FAST,
    )

    outcome = get(source, other_service.url("/secret"))

    assert isinstance(outcome, Fetched) and b"internal secret" in outcome.content


def test_the_host_header_keeps_the_name_when_the_address_is_pinned(server: FaultServer) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    source = SourceConfig(
        name="local",
        kind=SourceKind.PAGE,
        url=f"http://localhost:{port}/",
        allow_private_network=True,
        politeness=FAST,
    )

    outcome = get(source, f"http://localhost:{port}/story.html")

    assert isinstance(outcome, Fetched) and outcome.status == 200
    assert [entry.headers["host"] for entry in server.log] == [f"localhost:{port}"]


def test_the_policy_judges_every_answer_at_connect_time() -> None:
    policy = AddressPolicy(source="s")

    with pytest.raises(AddressRefusedError) as refused:
        asyncio.run(policy.addresses_for("localhost", 80))

    assert refused.value.reason == "blocked-address" and not refused.value.transient
