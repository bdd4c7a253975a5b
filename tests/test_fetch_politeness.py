"""Per-host manners across threads (as Prefect runs sources), robots caching, Retry-After parsing, address safety."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from extractors.errors import PermanentFetchError
from extractors.fetch import Fetcher, FetchSettings, build_client, parse_retry_after
from extractors.politeness import HostGate
from extractors.safety import AddressPolicy, check_scheme, is_public_address
from records import Politeness, SourceConfig, SourceKind
from tests.fault_server import FaultServer, Logged, article_html

SETTINGS = FetchSettings(backoff_base_seconds=0.01)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        yield running


def fetch_in_threads(server: FaultServer, gate: HostGate, politeness: Politeness, paths: list[list[str]]) -> None:
    """One thread (and event loop) per list of paths, all sharing ``gate``: the Prefect task-per-source shape."""

    def crawl(own_paths: list[str]) -> None:
        source = SourceConfig(
            name="t", kind=SourceKind.PAGE, url=server.base, allow_private_network=True, politeness=politeness
        )

        async def run() -> None:
            async with build_client(SETTINGS, source) as client:
                fetcher = Fetcher(client=client, source=source, settings=SETTINGS, gate=gate)
                await asyncio.gather(*(fetcher.get(server.url(path)) for path in own_paths))

        asyncio.run(run())

    threads = [threading.Thread(target=crawl, args=(own,)) for own in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def max_overlap(entries: list[Logged]) -> int:
    events = sorted([(e.at, 1) for e in entries] + [(e.answered, -1) for e in entries])
    current = peak = 0
    for _, change in events:
        current += change
        peak = max(peak, current)
    return peak


def test_per_host_concurrency_holds_across_threads(server: FaultServer) -> None:
    for number in range(9):
        server.add_fault(f"/slow-{number}", "slow", delay=0.15)
    polite = Politeness(min_delay_seconds=0.0, per_host_concurrency=2)

    fetch_in_threads(server, HostGate(), polite, [[f"/slow-{n}" for n in range(t, 9, 3)] for t in range(3)])

    pages = [entry for entry in server.log if entry.path.startswith("/slow-")]
    assert len(pages) == 9
    assert max_overlap(pages) == 2  # never more than the limit, and the limit is used


def test_min_delay_spaces_request_starts(server: FaultServer) -> None:
    for number in range(4):
        server.add(f"/page-{number}", article_html(str(number)))
    polite = Politeness(min_delay_seconds=0.5, per_host_concurrency=2)

    fetch_in_threads(server, HostGate(), polite, [["/page-0", "/page-1"], ["/page-2", "/page-3"]])

    starts = sorted(entry.at for entry in server.log)  # robots.txt included: it is a request to the host too
    assert len(starts) == 5
    # Seen by the server, so scheduling jitter on a loaded machine shifts single starts: half the delay is the
    # bound (without the gate the starts are milliseconds apart).
    assert min(later - earlier for earlier, later in zip(starts, starts[1:], strict=False)) >= 0.25
    assert starts[-1] - starts[0] >= 4 * 0.5 - 0.25


def test_robots_crawl_delay_is_respected(server: FaultServer) -> None:
    server.add("/robots.txt", "User-agent: *\nCrawl-delay: 0.6\n", "text/plain")
    for number in range(3):
        server.add(f"/page-{number}", article_html(str(number)))

    fetch_in_threads(server, HostGate(), Politeness(min_delay_seconds=0.0), [["/page-0", "/page-1", "/page-2"]])

    starts = [entry.at for entry in server.log if entry.path.startswith("/page-")]
    assert min(later - earlier for earlier, later in zip(starts, starts[1:], strict=False)) >= 0.3  # see above
    assert starts[-1] - starts[0] >= 2 * 0.6 - 0.3


def test_robots_fetched_once_per_host_and_again_after_expiry(server: FaultServer) -> None:
    server.add("/page", article_html("p"))
    now = [0.0]
    gate = HostGate(clock=lambda: now[0], robots_ttl_seconds=60.0)
    polite = Politeness(min_delay_seconds=0.0)

    fetch_in_threads(server, gate, polite, [["/page"]] * 4)
    assert len(server.requested("/robots.txt")) == 1

    now[0] = 61.0
    fetch_in_threads(server, gate, polite, [["/page"]])
    assert len(server.requested("/robots.txt")) == 2


def test_retry_after_defers_the_whole_host() -> None:
    now = [100.0]
    gate = HostGate(clock=lambda: now[0])
    gate.defer("http://a.example", 5.0)

    async def wait_for_slot() -> float:
        state = gate._state("http://a.example")
        return await gate._acquire(state, concurrency=2, min_delay=0.0)

    assert asyncio.run(wait_for_slot()) == pytest.approx(5.0)


def test_parse_retry_after() -> None:
    now = datetime(2016, 11, 28, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120", now=now) == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None, now=now) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("172.16.5.4", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        ("0.0.0.0", False),
    ],
)
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/x", "http://localhost/x", "http://[::1]/x", "http://169.254.169.254/latest/"]
)
def test_address_policy_blocks_private_hosts(url: str) -> None:
    policy = AddressPolicy(source="s")

    with pytest.raises(PermanentFetchError) as blocked:
        asyncio.run(policy.check(url))

    assert blocked.value.reason == "blocked-address" and blocked.value.url == url


def test_address_policy_allows_private_hosts_when_opted_in() -> None:
    source = SourceConfig(name="s", kind=SourceKind.RSS, url="http://localhost/feed", allow_private_network=True)
    asyncio.run(AddressPolicy.for_source(source).check("http://localhost/x"))


@pytest.mark.parametrize("url", ["ftp://example.org/f", "file:///etc/passwd", "javascript:alert(1)", "http:///x"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(PermanentFetchError) as refused:
        check_scheme(url, source="s")
    assert refused.value.reason in ("bad-scheme", "bad-url")
