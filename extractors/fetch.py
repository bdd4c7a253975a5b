"""One polite HTTP GET: retries, backoff, ``Retry-After``, robots, size limits, redirects recorded.

``Fetcher.get`` is the only place the crawler talks to the network. Every HTTP exchange it makes (robots.txt,
feeds, each redirect hop, each retry, each 304) is appended to ``Fetcher.attempts`` as a ``FetchAttempt``, so
the warehouse's ``fetches`` table sees the failures too and not only what came back.

Why the body is read by hand (``aiter_raw``) rather than with ``response.content``: httpx would decompress a
whole network chunk at once, so a 64 KiB chunk of a gzip bomb could become 60 MiB before any check ran. We
decompress with ``max_length`` and stop at ``max_decompressed_bytes``, and count wire bytes against
``max_body_bytes`` as they arrive. We only advertise ``gzip, deflate`` so nothing else needs a decoder.

Redirects are followed here, not by httpx, because each hop must pass the same scheme/address/robots checks as
the first URL (a feed link that redirects to an internal address is the classic way round a blocklist).
"""

from __future__ import annotations

import asyncio
import random
import time
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import Enum
from urllib.parse import urlsplit

import httpx

from extractors.errors import FetchError, PermanentFetchError, TransientFetchError
from extractors.pinned import pinned_transport
from extractors.politeness import HostGate, RobotsRules
from extractors.safety import AddressPolicy, AddressRefusedError
from extractors.urls import resolve_link
from records import FetchAttempt, Politeness, QuarantineReason, ReasonTag, SourceConfig, Validator, http_status_reason

__all__ = ["Expect", "FetchSettings", "Fetched", "Fetcher", "build_client", "parse_retry_after"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
_ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
_ROBOTS_UNAVAILABLE_TTL = 300.0
# Fetch failures that mean the host could not be reached at all: a robots.txt lost to one of them is reported
# as that failure, not as the host's robots rules.
_UNREACHABLE: frozenset[ReasonTag] = frozenset(
    {"connection-refused", "connect-error", "dns-error", "timeout", "network-error"}
)


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _is_refused(exc: BaseException) -> bool:
    """Whether a connect error is the host refusing the connection (nothing listens on the port)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError) or "Connection refused" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_ERROR_BODY_MAX_BYTES = 64 * 1024  # bodies of 4xx/5xx/3xx are read (to reuse the connection) but not kept whole


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How the crawler behaves on the wire; built by ``flows/`` from config. Defaults are usable as they are.

    ``politeness`` applies to sources whose own ``politeness`` is left at the library default. Backoff is
    "full jitter" (uniform in ``[0, min(max, base * 2**attempt)]``) so retries from many tasks spread out.
    """

    user_agent: str = "conflictwire/0.1 (+https://github.com/conflictwire/conflictwire)"
    politeness: Politeness = Politeness()
    max_redirects: int = 5
    http2: bool = True
    max_decompressed_bytes: int = 50 * 1024 * 1024
    connect_timeout_seconds: float = 10.0
    backoff_base_seconds: float = 0.5
    backoff_max_seconds: float = 30.0
    max_connections: int = 100
    robots_ttl_seconds: float = 3600.0
    max_sitemaps: int = 1000  # sitemap documents (index included) requested per crawl of one source
    source_deadline_seconds: float | None = None  # wall time one crawl may take; None: no limit
    run_deadline_at: float | None = None  # ``time.time()`` by which every crawl of the run stops; None: no limit
    batch_size: int = 200  # article pages per part a crawl hands over (``crawl_in_parts``)
    batch_bytes: int = 6 * 1024 * 1024  # ... and at most this much content per part, past its first page

    def politeness_for(self, source: SourceConfig) -> Politeness:
        """The source's own politeness if it overrides anything, else the run-wide default."""
        return self.politeness if source.politeness == Politeness() else source.politeness


class Expect(Enum):
    """What a response body should be; anything clearly else is refused as ``unexpected-content-type``."""

    HTML = "html"
    FEED = "feed"
    ANY = "any"


_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A final (non-redirect) response: the decoded body bytes and what the caller needs to remember."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str | None
    fetched_at: datetime
    redirects: tuple[str, ...] = ()
    validator: Validator | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _Exchange:
    status: int
    headers: httpx.Headers
    content: bytes
    wire_bytes: int


def build_client(settings: FetchSettings, source: SourceConfig) -> httpx.AsyncClient:
    """An ``AsyncClient`` for ``source``: our User-Agent, HTTP/2 when offered, pooling, connect/read timeouts, and
    connections pinned to addresses the source's ``AddressPolicy`` allows (``extractors/pinned.py``).

    The total per-request deadline is applied by ``Fetcher`` around each exchange (httpx has none).
    """
    politeness = settings.politeness_for(source)
    timeout = httpx.Timeout(
        politeness.timeout_seconds,
        connect=min(settings.connect_timeout_seconds, politeness.timeout_seconds),
    )
    limits = httpx.Limits(max_connections=settings.max_connections, max_keepalive_connections=20)
    return httpx.AsyncClient(
        transport=pinned_transport(AddressPolicy.for_source(source), http2=settings.http2, limits=limits),
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
    )


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), None when absent or garbled."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class _BoundedDecoder:
    """Content-Encoding decoder that never produces more than ``limit`` bytes, whatever the ratio."""

    def __init__(self, encoding: str, *, limit: int, source: str, url: str) -> None:
        self._source, self._url, self._limit = source, url, limit
        self._produced = 0
        self._raw_deflate_fallback = False
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
            self._raw_deflate_fallback = True
        else:
            raise PermanentFetchError(
                f"unsupported Content-Encoding {encoding!r}", source=source, url=url, reason="unsupported-encoding"
            )

    def feed(self, data: bytes) -> bytes:
        if self._z is None:
            out = data
        else:
            try:
                out = self._z.decompress(data, self._limit - self._produced + 1)
            except zlib.error as exc:
                if not self._raw_deflate_fallback:
                    raise PermanentFetchError(
                        f"corrupt compressed body: {exc}", source=self._source, url=self._url, reason="bad-encoding"
                    ) from exc
                # Some servers send raw deflate without the zlib header; httpx accepts both, so do we.
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._raw_deflate_fallback = False
                return self.feed(data)
            self._raw_deflate_fallback = False
        self._produced += len(out)
        if self._produced > self._limit:
            raise PermanentFetchError(
                f"body decompresses to more than {self._limit} bytes",
                source=self._source,
                url=self._url,
                reason="decompressed-too-large",
            )
        return out

    def finish(self) -> None:
        if self._z is not None and not self._z.eof:
            raise TransientFetchError(
                "compressed body ended early", source=self._source, url=self._url, reason="truncated-body"
            )


@dataclass(slots=True)
class _Retry:
    """A failed try that may be tried again: why, and how long to wait (None: use backoff)."""

    error: FetchError
    wait: float | None = None


@dataclass
class Fetcher:
    """Polite GETs for one source: owns nothing global, records every attempt in ``attempts``.

    Args:
        client: from ``build_client``; closed by the caller.
        gate: the run's shared ``HostGate`` (robots cache included).
        rng: source of jitter; inject a seeded one to make a test's waits repeatable.
    """

    client: httpx.AsyncClient
    source: SourceConfig
    settings: FetchSettings
    gate: HostGate
    rng: random.Random = field(default_factory=random.Random)
    attempts: list[FetchAttempt] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.politeness = self.settings.politeness_for(self.source)
        self._policy = AddressPolicy.for_source(self.source)
        self._host_delay: dict[str, float] = {}

    def take_attempts(self) -> tuple[FetchAttempt, ...]:
        """The attempts recorded since the last call, handed over and forgotten: a long crawl stays flat."""
        taken = tuple(self.attempts)
        self.attempts.clear()
        return taken

    async def get(
        self,
        url: str,
        *,
        expect: Expect = Expect.ANY,
        validator: Validator | None = None,
        raise_for_status: bool = True,
        max_bytes: int | None = None,
        check_robots: bool = True,
    ) -> Fetched:
        """GET ``url`` politely, following redirects, and return the final response.

        Args:
            expect: refuse bodies whose Content-Type is clearly not this.
            validator: ETag/Last-Modified from the last run; a 304 comes back as ``Fetched.not_modified``.
            raise_for_status: when False a 4xx is returned instead of raised (robots.txt needs that).
            max_bytes: a tighter body limit than the source's ``max_body_bytes``.
            check_robots: False only for robots.txt itself.

        Raises:
            PermanentFetchError: 4xx (``http-404``…), ``robots-disallowed``, ``blocked-address``, ``too-large``,
                ``redirect-loop``, ``too-many-redirects``, ``unexpected-content-type``…
            TransientFetchError: retries exhausted on 429/5xx (``http-503``…), ``timeout``, ``truncated-body``…
        """
        name = self.source.name
        redirects: list[str] = []
        seen = {url}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            await self._policy.check(current)
            if check_robots and self.politeness.respect_robots:
                await self._check_robots(current)
            exchange = await self._get_with_retries(
                current,
                validator=validator if current == url else None,
                max_bytes=max_bytes,
                first_url=url,
                redirects=tuple(redirects),
            )
            location = exchange.headers.get("location")
            if exchange.status in _REDIRECTS and location:
                current = resolve_link(current, location) or location.strip()
                if current in seen:
                    raise self._failed(
                        PermanentFetchError(
                            f"redirect loop back to {current}", source=name, url=url, reason="redirect-loop"
                        )
                    )
                seen.add(current)
                redirects.append(current)
                continue
            if raise_for_status and exchange.status >= 400:
                raise self._failed(
                    PermanentFetchError(
                        f"HTTP {exchange.status}", source=name, url=url, reason=http_status_reason(exchange.status)
                    )
                )
            content_type = exchange.headers.get("content-type")
            if exchange.status == 200 and not _content_type_fits(content_type, expect):
                raise self._failed(
                    PermanentFetchError(
                        f"Content-Type {content_type} is not {expect.value}",
                        source=name,
                        url=url,
                        reason="unexpected-content-type",
                    )
                )
            return Fetched(
                url=url,
                final_url=current,
                status=exchange.status,
                content=exchange.content,
                content_type=content_type,
                fetched_at=datetime.now(UTC),
                redirects=tuple(redirects),
                validator=_validator_from(url, exchange) if exchange.status == 200 else None,
            )
        raise self._failed(
            PermanentFetchError(
                f"more than {self.settings.max_redirects} redirects", source=name, url=url, reason="too-many-redirects"
            )
        )

    def _failed(self, error: PermanentFetchError) -> PermanentFetchError:
        """Mark the attempt just recorded (ours: no await since) with the error the answer turned into."""
        self.attempts[-1] = replace(self.attempts[-1], error_class=_error_class(error))
        return error

    async def _check_robots(self, url: str) -> None:
        origin = origin_of(url)
        rules = await self.gate.robots.rules_for(origin, lambda: self._fetch_robots(origin))
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay is not None:
            self._host_delay[origin] = min(delay, self.politeness.retry_after_cap_seconds)
        if rules.unavailable:
            cause = rules.cause_reason
            reason: ReasonTag = cause if cause is not None and cause in _UNREACHABLE else "robots-unavailable"
            raise PermanentFetchError(
                f"{rules.cause} (fetching {origin}/robots.txt; nothing on the host is fetched until it answers)",
                source=self.source.name,
                url=url,
                reason=reason,
            )
        if not rules.allows(url, self.settings.user_agent):
            raise PermanentFetchError(
                f"robots.txt of {origin} forbids it", source=self.source.name, url=url, reason="robots-disallowed"
            )

    async def _fetch_robots(self, origin: str) -> RobotsRules:
        robots = self.gate.robots
        try:
            fetched = await self.get(
                f"{origin}/robots.txt", raise_for_status=False, max_bytes=_ROBOTS_MAX_BYTES, check_robots=False
            )
        except TransientFetchError as exc:
            rules = RobotsRules(
                parser=None,
                expires_at=robots.expiry(_ROBOTS_UNAVAILABLE_TTL),
                unavailable=True,
                cause_reason=exc.reason,
                cause=exc.message,
            )
        except PermanentFetchError:
            # Too large, a redirect loop, a blocked redirect target: RFC 9309 treats an unusable file as absent.
            rules = RobotsRules(parser=None, expires_at=robots.expiry())
        else:
            if fetched.status >= 400:
                rules = RobotsRules(parser=None, expires_at=robots.expiry())
            else:
                text = fetched.content.decode("utf-8", errors="replace")
                rules = RobotsRules.parse(text, expires_at=robots.expiry())
        return rules

    async def _get_with_retries(
        self,
        url: str,
        *,
        validator: Validator | None,
        max_bytes: int | None,
        first_url: str,
        redirects: tuple[str, ...],
    ) -> _Exchange:
        origin = origin_of(url)
        limit = self.politeness.max_body_bytes if max_bytes is None else min(max_bytes, self.politeness.max_body_bytes)
        headers = _conditional_headers(validator)
        max_attempts = max(1, self.politeness.max_attempts)
        for attempt in range(1, max_attempts + 1):
            started = time.perf_counter()
            exchange: _Exchange | None = None
            try:
                async with self.gate.slot(
                    origin,
                    concurrency=self.politeness.per_host_concurrency,
                    min_delay=max(self.politeness.min_delay_seconds, self._host_delay.get(origin, 0.0)),
                ):
                    started = time.perf_counter()
                    exchange = await self._exchange(url, headers, limit)
                retry = self._retry_for(exchange, url)
            except TransientFetchError as exc:
                retry = _Retry(exc)
            except PermanentFetchError as exc:
                self._record(first_url, url, None, 0, started, attempt, exc, redirects, bool(validator))
                raise
            self._record(
                first_url,
                url,
                exchange.status if exchange else None,
                exchange.wire_bytes if exchange else 0,
                started,
                attempt,
                retry.error if retry else None,
                redirects,
                exchange is not None and exchange.status == 304,
            )
            if retry is None:
                assert exchange is not None
                return exchange
            if attempt == max_attempts:
                raise retry.error
            if retry.wait is not None:
                if retry.wait > self.politeness.retry_after_cap_seconds:
                    raise TransientFetchError(
                        f"Retry-After {retry.wait:.0f}s exceeds the cap; left for the next run",
                        source=self.source.name,
                        url=url,
                        reason="retry-after-too-long",
                    ) from retry.error
                self.gate.defer(origin, retry.wait)
            else:
                await asyncio.sleep(self._backoff(attempt))
        raise AssertionError("unreachable: the loop returns or raises")

    def _retry_for(self, exchange: _Exchange, url: str) -> _Retry | None:
        status = exchange.status
        if status < 500 and status not in _RETRY_AFTER_STATUSES:
            return None
        error = TransientFetchError(
            f"HTTP {status}", source=self.source.name, url=url, reason=http_status_reason(status)
        )
        wait = None
        if status in _RETRY_AFTER_STATUSES:
            wait = parse_retry_after(exchange.headers.get("retry-after"), now=datetime.now(UTC))
        return _Retry(error, wait)

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.settings.backoff_max_seconds, self.settings.backoff_base_seconds * 2 ** (attempt - 1))
        return self.rng.uniform(0.0, ceiling)

    async def _exchange(self, url: str, headers: dict[str, str], limit: int) -> _Exchange:
        """One request/response with a total deadline; httpx errors translated into ours here, at the edge."""
        name = self.source.name
        try:
            async with asyncio.timeout(self.politeness.timeout_seconds):
                return await self._stream(url, headers, limit)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise TransientFetchError(
                f"timeout: no complete answer from {_host_port(url)} within {self.politeness.timeout_seconds:g} s",
                source=name,
                url=url,
                reason="timeout",
            ) from exc
        except httpx.RemoteProtocolError as exc:
            raise TransientFetchError(str(exc), source=name, url=url, reason="truncated-body") from exc
        except httpx.ConnectError as exc:
            reason: QuarantineReason
            if _is_refused(exc):
                message, reason = f"connection refused by {_host_port(url)}", "connection-refused"
            else:
                message, reason = f"cannot connect to {_host_port(url)}: {exc}", "connect-error"
            raise TransientFetchError(message, source=name, url=url, reason=reason) from exc
        except AddressRefusedError as exc:  # from the pinned connection: the answer changed since the check
            raise exc.for_url(source=name, url=url) from exc
        except httpx.InvalidURL as exc:
            raise PermanentFetchError(str(exc), source=name, url=url, reason="bad-url") from exc
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.NetworkError):
                raise TransientFetchError(str(exc), source=name, url=url, reason="network-error") from exc
            raise PermanentFetchError(str(exc), source=name, url=url, reason="bad-request") from exc

    async def _stream(self, url: str, headers: dict[str, str], limit: int) -> _Exchange:
        name = self.source.name
        async with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            keep = limit if status == 200 else min(limit, _ERROR_BODY_MAX_BYTES)
            declared = response.headers.get("content-length")
            if status == 200 and declared is not None and declared.isdigit() and int(declared) > limit:
                raise PermanentFetchError(
                    f"Content-Length {declared} exceeds {limit}", source=name, url=url, reason="too-large"
                )
            decoder = _BoundedDecoder(
                response.headers.get("content-encoding", ""),
                limit=self.settings.max_decompressed_bytes,
                source=name,
                url=url,
            )
            chunks: list[bytes] = []
            wire = 0
            async for raw in response.aiter_raw():
                wire += len(raw)
                if wire > keep:
                    if status != 200:
                        break  # an error page: we have what we need of it
                    raise PermanentFetchError(f"body exceeds {limit} bytes", source=name, url=url, reason="too-large")
                chunks.append(decoder.feed(raw))
            else:
                decoder.finish()
            return _Exchange(status, response.headers, b"".join(chunks), wire)

    def _record(
        self,
        url: str,
        requested: str,
        status: int | None,
        wire: int,
        started: float,
        attempt: int,
        error: FetchError | None,
        redirects: tuple[str, ...],
        conditional_hit: bool,
    ) -> None:
        self.attempts.append(
            FetchAttempt(
                source=self.source.name,
                url=url,
                final_url=requested,
                status=status,
                bytes=wire,
                elapsed_ms=(time.perf_counter() - started) * 1000.0,
                attempt=attempt,
                error_class=None if error is None else _error_class(error),
                conditional_hit=conditional_hit,
                fetched_at=datetime.now(UTC),
                redirects=redirects,
            )
        )


def _error_class(error: FetchError) -> str:
    """``fetches.error_class``: the exception class and our reason, e.g. ``TransientFetchError:http-503``."""
    return f"{type(error).__name__}:{error.reason}"


def _conditional_headers(validator: Validator | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if validator is not None:
        if validator.etag:
            headers["If-None-Match"] = validator.etag
        if validator.last_modified:
            headers["If-Modified-Since"] = validator.last_modified
    return headers


def _validator_from(url: str, exchange: _Exchange) -> Validator | None:
    etag = exchange.headers.get("etag")
    last_modified = exchange.headers.get("last-modified")
    if etag is None and last_modified is None:
        return None
    return Validator(url=url, etag=etag, last_modified=last_modified)


def _content_type_fits(content_type: str | None, expect: Expect) -> bool:
    """False only for a type that is clearly wrong: servers mislabel feeds and pages too often to be strict."""
    if content_type is None or expect is Expect.ANY:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    if media.startswith(_BINARY_PREFIXES):
        return False
    if expect is Expect.HTML:
        return (
            media in _HTML_TYPES or media.endswith("+xml") or media in ("application/xml", "application/octet-stream")
        )
    return True
