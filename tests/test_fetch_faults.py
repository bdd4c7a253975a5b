"""Each fault the fault server can inject, met by the production fetch path (``Fetcher.get`` over real sockets).

Timing claims are checked on the server's clock (when it answered 429, when the retry arrived), never as a bound on
how long the test took.
"""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from extractors.errors import FetchError, PermanentFetchError, TransientFetchError
from extractors.fetch import Expect, Fetched, Fetcher, FetchSettings, build_client
from extractors.parse.charset import decode_html
from extractors.politeness import HostGate
from records import FetchAttempt, Politeness, SourceConfig, SourceKind, Validator
from tests.fault_server import FaultServer, Page, article_html

SETTINGS = FetchSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.05, max_decompressed_bytes=1024 * 1024)
POLITE = Politeness(min_delay_seconds=0.0, max_attempts=3, timeout_seconds=5.0, retry_after_cap_seconds=5.0)


@dataclass
class Outcome:
    fetched: Fetched | None
    error: FetchError | None
    attempts: list[FetchAttempt]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        running.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        yield running


def fetch(
    server: FaultServer,
    path: str,
    *,
    politeness: Politeness = POLITE,
    settings: FetchSettings = SETTINGS,
    allow_private: bool = True,
    validator: Validator | None = None,
    expect: Expect = Expect.HTML,
) -> Outcome:
    source = SourceConfig(
        name="faulty",
        kind=SourceKind.PAGE,
        url=server.url("/"),
        politeness=politeness,
        allow_private_network=allow_private,
    )

    async def run() -> Outcome:
        async with build_client(settings, source) as client:
            fetcher = Fetcher(client=client, source=source, settings=settings, gate=HostGate())
            try:
                fetched = await fetcher.get(server.url(path), expect=expect, validator=validator)
            except FetchError as exc:
                return Outcome(None, exc, fetcher.attempts)
            return Outcome(fetched, None, fetcher.attempts)

    return asyncio.run(run())


def statuses(outcome: Outcome, path: str) -> list[int | None]:
    return [a.status for a in outcome.attempts if a.url.endswith(path)]


def test_429_retry_after_is_waited_for(server: FaultServer) -> None:
    server.add_fault("/busy", "retry_after", status=429, times=1, retry_after="1")

    outcome = fetch(server, "/busy")

    assert outcome.fetched is not None and outcome.fetched.status == 200
    assert statuses(outcome, "/busy") == [429, 200]
    assert outcome.attempts[1].error_class == "TransientFetchError:http-429"
    refused, retried = server.requested("/busy")
    assert retried.at - refused.answered >= 1.0  # measured on the server's clock


def test_503_retry_after_over_the_cap_is_left_for_the_next_run(server: FaultServer) -> None:
    server.add_fault("/maintenance", "retry_after", status=503, times=5, retry_after="3600")

    outcome = fetch(server, "/maintenance")

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "retry-after-too-long"
    assert server.hits("/maintenance") == 1  # not hammered, not waited an hour


def test_flapping_500s_are_retried_with_backoff(server: FaultServer) -> None:
    server.add_fault("/flaky", "flaky", times=2)

    outcome = fetch(server, "/flaky")

    assert outcome.fetched is not None and b"finally" in outcome.fetched.content
    assert statuses(outcome, "/flaky") == [500, 500, 200]
    assert [a.attempt for a in outcome.attempts if a.url.endswith("/flaky")] == [1, 2, 3]


def test_persistent_500_gives_up_after_max_attempts(server: FaultServer) -> None:
    server.add_fault("/down", "status", status=500)

    outcome = fetch(server, "/down")

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "http-500"
    assert server.hits("/down") == POLITE.max_attempts


def test_slow_response_times_out_and_is_retried(server: FaultServer) -> None:
    server.add_fault("/slow", "slow", delay=1.0)
    quick = Politeness(min_delay_seconds=0.0, max_attempts=2, timeout_seconds=0.3)

    outcome = fetch(server, "/slow", politeness=quick)

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "timeout"
    assert [a.error_class for a in outcome.attempts if a.url.endswith("/slow")] == ["TransientFetchError:timeout"] * 2


def test_truncated_body_is_a_transient_error(server: FaultServer) -> None:
    server.add_fault("/cut", "truncated", declared=10_000, sent=500)

    outcome = fetch(server, "/cut")

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "truncated-body"
    assert server.hits("/cut") == POLITE.max_attempts


def test_wrong_charset_header_keeps_raw_bytes_and_decodes_right(server: FaultServer) -> None:
    body = "<html><head><meta charset='utf-8'></head><body><p>Alep — حلب, 28 novembre</p></body></html>".encode()
    server.add("/charset", Page(body, content_type="text/html; charset=iso-8859-1"))

    outcome = fetch(server, "/charset")

    assert outcome.fetched is not None
    assert outcome.fetched.content == body  # the exact bytes, for raw_documents
    assert outcome.fetched.content_type == "text/html; charset=iso-8859-1"
    assert "Alep — حلب" in decode_html(outcome.fetched.content, outcome.fetched.content_type)


def test_gzip_bomb_stops_at_the_decompressed_limit_with_bounded_memory(server: FaultServer) -> None:
    server.add_fault("/bomb", "gzip_bomb", decompressed=64 * 1024 * 1024)

    tracemalloc.start()
    outcome = fetch(server, "/bomb")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "decompressed-too-large"
    assert server.hits("/bomb") == 1  # permanent: not retried
    assert peak < 8 * 1024 * 1024  # 64 MiB of zeros never materialised


def test_gzip_body_within_limits_is_decoded(server: FaultServer) -> None:
    server.add_fault("/small-gzip", "gzip_bomb", decompressed=100_000)

    outcome = fetch(server, "/small-gzip")

    assert outcome.fetched is not None and outcome.fetched.content == b"\0" * 100_000


def test_redirect_loop_is_detected(server: FaultServer) -> None:
    server.add_fault("/loop-a", "redirect", to="/loop-b")
    server.add_fault("/loop-b", "redirect", to="/loop-a")

    outcome = fetch(server, "/loop-a")

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "redirect-loop"
    assert (server.hits("/loop-a"), server.hits("/loop-b")) == (1, 1)
    assert outcome.attempts[-1].error_class == "PermanentFetchError:redirect-loop"


def test_redirects_are_followed_bounded_and_recorded(server: FaultServer) -> None:
    server.add("/final", article_html("Final"))
    server.add_fault("/moved", "redirect", to="/final", status=301)
    for hop in range(7):
        server.add_fault(f"/chain-{hop}", "redirect", to=f"/chain-{hop + 1}")

    moved = fetch(server, "/moved")
    chain = fetch(server, "/chain-0")

    assert moved.fetched is not None and moved.fetched.final_url == server.url("/final")
    assert moved.fetched.redirects == (server.url("/final"),)
    assert moved.attempts[-1].final_url == server.url("/final") and moved.attempts[-1].url == server.url("/moved")
    assert isinstance(chain.error, PermanentFetchError) and chain.error.reason == "too-many-redirects"
    assert server.hits("/chain-6") == 0  # 1 request + 5 redirects followed, then stop


def test_robots_disallowed_path_is_never_requested(server: FaultServer) -> None:
    server.add("/private/secret.html", article_html("Secret"))

    outcome = fetch(server, "/private/secret.html")

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "robots-disallowed"
    assert server.requested("/private/secret.html") == []
    assert [entry.path for entry in server.log] == ["/robots.txt"]


def test_robots_unreachable_means_nothing_is_fetched(server: FaultServer) -> None:
    server.add_fault("/robots.txt", "status", status=503)
    server.add("/page.html", article_html("Page"))

    outcome = fetch(server, "/page.html")

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "robots-unavailable"
    assert "HTTP 503" in str(outcome.error) and "robots.txt" in str(outcome.error)
    assert server.requested("/page.html") == []


def test_missing_robots_allows_everything(server: FaultServer) -> None:
    server.add_fault("/robots.txt", "status", status=404)
    server.add("/private/ok.html", article_html("Ok"))

    assert fetch(server, "/private/ok.html").fetched is not None


def test_conditional_get_with_etag_and_last_modified(server: FaultServer) -> None:
    page = Page(article_html("Cached"))
    server.add("/cached", page)
    first = fetch(server, "/cached")
    assert first.fetched is not None and first.fetched.validator is not None

    by_etag = fetch(server, "/cached", validator=first.fetched.validator)
    by_date = fetch(server, "/cached", validator=Validator(server.url("/cached"), None, page.last_modified))

    for outcome in (by_etag, by_date):
        assert outcome.fetched is not None and outcome.fetched.not_modified and outcome.fetched.content == b""
        assert outcome.attempts[-1].conditional_hit and outcome.attempts[-1].status == 304
    etag_request, date_request = server.requested("/cached")[1:]
    assert etag_request.headers["if-none-match"] == page.etag
    assert date_request.headers["if-modified-since"] == page.last_modified


def test_page_over_the_size_limit(server: FaultServer) -> None:
    small = Politeness(min_delay_seconds=0.0, max_attempts=3, max_body_bytes=256 * 1024)
    server.add("/declared", b"x" * (300 * 1024))
    server.add_fault("/streamed", "huge", size=32 * 1024 * 1024)

    declared = fetch(server, "/declared", politeness=small)
    streamed = fetch(server, "/streamed", politeness=small)

    for outcome in (declared, streamed):
        assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "too-large"
    assert declared.attempts[-1].bytes == 0  # refused on Content-Length, body never read
    assert streamed.attempts[-1].error_class == "PermanentFetchError:too-large"


def test_binary_content_type_is_refused_for_articles(server: FaultServer) -> None:
    server.add("/photo.html", Page(b"\x89PNG\r\n", content_type="image/png"))

    outcome = fetch(server, "/photo.html")

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "unexpected-content-type"


def test_private_address_is_refused_before_connecting(server: FaultServer) -> None:
    outcome = fetch(server, "/anything", allow_private=False)

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "blocked-address"
    assert server.log == []


def test_connection_refused_is_transient(server: FaultServer) -> None:
    with FaultServer() as gone:
        url = gone.base
    dead = FaultServer.__new__(FaultServer)
    dead.base = url  # a port nobody listens on any more

    outcome = fetch(dead, "/x", politeness=Politeness(min_delay_seconds=0.0, max_attempts=2, respect_robots=False))

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "connection-refused"
    assert outcome.error.message == f"connection refused by {url.split('://', 1)[1]}"
    assert len(outcome.attempts) == 2


def test_a_refused_connection_is_not_blamed_on_robots_txt(server: FaultServer) -> None:
    """Before: the lost robots.txt read as "robots.txt of … forbids it" for a host that never answered."""
    with FaultServer() as gone:
        url = gone.base
    dead = FaultServer.__new__(FaultServer)
    dead.base = url

    outcome = fetch(dead, "/feed.xml", politeness=Politeness(min_delay_seconds=0.0, max_attempts=1))

    assert isinstance(outcome.error, PermanentFetchError) and outcome.error.reason == "connection-refused"
    assert "connection refused by" in str(outcome.error) and "forbids" not in str(outcome.error)


def test_a_timeout_says_how_long_it_waited(server: FaultServer) -> None:
    server.add_fault("/slow", "slow", delay=5.0)

    outcome = fetch(
        server,
        "/slow",
        politeness=Politeness(min_delay_seconds=0.0, max_attempts=1, timeout_seconds=0.5, respect_robots=False),
    )

    assert isinstance(outcome.error, TransientFetchError) and outcome.error.reason == "timeout"
    assert "within 0.5 s" in str(outcome.error)


def test_user_agent_has_a_contact_url(server: FaultServer) -> None:
    server.add("/ua", article_html("UA"))

    fetch(server, "/ua")

    agents = {entry.headers["user-agent"] for entry in server.log}
    assert agents == {SETTINGS.user_agent} and "+https://" in SETTINGS.user_agent
