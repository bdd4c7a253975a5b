"""Crawl one web source (rss, atom, sitemap, page): discover candidates, then fetch the new article pages.

The flow calls ``crawl_source`` from a Prefect task thread; it runs its own event loop so many article pages are
in flight at once while ``HostGate`` keeps each host to its limits. Failures of single items (a feed item
without a link, a 404, a blocked address, a timeout on one page) become ``QuarantineItem``s and the rest loads;
only a source that cannot be read at all (its feed/sitemap/listing unreachable after retries, or not a feed)
raises ``UnusableSourceError``, which carries the attempts made so ``fetches`` still records them.

Incremental: the feed/sitemap/listing is requested with the validators remembered in ``CrawlState``; a 304
ends the crawl after that one request. Article URLs in ``known_urls`` are never fetched again.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from extractors.discover import Discovered, parse_feed, parse_listing, parse_sitemap
from extractors.errors import DiscoveryError, ExtractError, FetchError, UnusableSourceError
from extractors.fetch import Expect, Fetched, Fetcher, FetchSettings, build_client
from extractors.politeness import HostGate
from records import (
    Candidate,
    FetchAttempt,
    QuarantineItem,
    QuarantineStage,
    RawDocument,
    SourceConfig,
    SourceKind,
    Validator,
)

__all__ = ["CrawlResult", "CrawlState", "acrawl_source", "crawl_source"]

_MAX_SITEMAP_DEPTH = 2  # an index of indexes is against the protocol but common enough to follow one level


@dataclass(frozen=True, slots=True)
class CrawlState:
    """What the warehouse remembers about a source between runs."""

    validators: Mapping[str, Validator] = field(default_factory=dict)
    known_urls: frozenset[str] = frozenset()
    cursor: datetime | None = None


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """Everything one crawl produced; the flow loads it in one transaction."""

    source: str
    candidates_found: int
    documents: tuple[RawDocument, ...]
    attempts: tuple[FetchAttempt, ...]
    quarantined: tuple[QuarantineItem, ...]
    validators: tuple[Validator, ...]
    cursor: datetime | None
    not_modified: bool = False


def crawl_source(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    gate: HostGate | None = None,
    *,
    fetch_articles: bool = True,
) -> CrawlResult:
    """Synchronous entry point for the flow: crawl ``source`` and return what it yielded.

    Runs its own event loop (in a helper thread if the calling thread already has one running).

    Raises:
        UnusableSourceError: a ``DiscoveryError`` naming the reason (``http-404``, ``timeout``, ``not-a-feed``,
            ``robots-disallowed``, ``blocked-address``…) when the source itself cannot be read.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(acrawl_source(source, state, settings, gate, fetch_articles=fetch_articles))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"crawl-{source.name}") as pool:
        return pool.submit(
            asyncio.run, acrawl_source(source, state, settings, gate, fetch_articles=fetch_articles)
        ).result()


async def acrawl_source(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    gate: HostGate | None = None,
    *,
    fetch_articles: bool = True,
) -> CrawlResult:
    """Async form of :func:`crawl_source`, for callers that already run a loop (benchmarks, servers).

    With ``fetch_articles=False`` only the feed, sitemap or listing is read (robots.txt honoured): what
    ``conflictwire sources check`` needs to tell whether a source works without downloading its articles.
    """
    if source.kind.is_local or not source.url:
        raise UnusableSourceError(
            f"{source.kind} sources are read, not crawled",
            source=source.name,
            url=source.url,
            reason="not-a-web-source",
            attempts=(),
        )
    gate = gate if gate is not None else HostGate(robots_ttl_seconds=settings.robots_ttl_seconds)
    async with build_client(settings, source) as client:
        fetcher = Fetcher(client=client, source=source, settings=settings, gate=gate)
        return await _Crawl(source, state, settings, fetcher).run(fetch_articles=fetch_articles)


class _Crawl:
    def __init__(self, source: SourceConfig, state: CrawlState, settings: FetchSettings, fetcher: Fetcher) -> None:
        self.source, self.state, self.settings, self.fetcher = source, state, settings, fetcher
        self.quarantined: list[QuarantineItem] = []
        self.validators: list[Validator] = []
        self.sitemaps_seen: set[str] = set()

    async def run(self, *, fetch_articles: bool = True) -> CrawlResult:
        url = self.source.url
        assert url is not None  # checked by acrawl_source
        expect = Expect.HTML if self.source.kind is SourceKind.PAGE else Expect.FEED
        limit = self.settings.source_deadline_seconds
        deadline = None if limit is None else asyncio.get_running_loop().time() + limit
        try:
            async with asyncio.timeout_at(deadline):
                root = await self.fetcher.get(url, expect=expect, validator=self.state.validators.get(url))
                if root.not_modified:
                    return self._result(0, (), not_modified=True)
                candidates = await self._discover(root)
        except ExtractError as exc:
            raise UnusableSourceError(
                exc.message, source=self.source.name, url=url, reason=exc.reason, attempts=tuple(self.fetcher.attempts)
            ) from exc
        except TimeoutError as exc:
            raise UnusableSourceError(
                f"not read within the source deadline of {limit:g} s",
                source=self.source.name,
                url=url,
                reason="source-deadline",
                attempts=tuple(self.fetcher.attempts),
            ) from exc
        fresh = _unique_new(candidates, self.state.known_urls)
        documents, complete = await self._fetch_all(fresh, deadline) if fetch_articles else ((), True)
        stored = [c for c in candidates if c.url in self.state.known_urls]
        return self._result(len(candidates), documents, stored, advance_cursor=complete)

    async def _discover(self, root: Fetched) -> list[Candidate]:
        """Candidates from the root document (following sitemap indexes); root validators kept when useful."""
        name, kind = self.source.name, self.source.kind
        if kind in (SourceKind.RSS, SourceKind.ATOM):
            found = parse_feed(root.content, source=name, url=root.final_url)
        elif kind is SourceKind.PAGE:
            found = parse_listing(
                root.content, source=name, url=root.final_url, link_selector=self.source.link_selector
            )
        else:
            found = self._sitemap(root)
            self.sitemaps_seen.update((root.url, root.final_url))
            if found.child_sitemaps:
                # An index whose children changed may itself be byte-identical, so it is always fetched whole.
                return await self._follow_index(found, depth=1)
        self._keep(root, found)
        return list(found.candidates)

    def _sitemap(self, fetched: Fetched) -> Discovered:
        return parse_sitemap(
            fetched.content,
            source=self.source.name,
            url=fetched.final_url,
            max_decompressed_bytes=self.settings.max_decompressed_bytes,
        )

    async def _follow_index(self, index: Discovered, *, depth: int) -> list[Candidate]:
        """Candidates of the sitemaps an index lists, each sitemap fetched at most once per crawl.

        An index that lists itself, or children that list their index back, would otherwise cost 1 + k + k²
        requests; here every URL is requested once, nesting stops at ``_MAX_SITEMAP_DEPTH`` and the whole crawl
        at ``FetchSettings.max_sitemaps`` requests (what is left is quarantined as ``sitemap-budget``).
        """
        candidates: list[Candidate] = []
        queue = deque((child, depth) for child in index.child_sitemaps)
        while queue:  # breadth first, so a sitemap listed by the index is read at its own level, not deeper
            child, level = queue.popleft()
            if child in self.sitemaps_seen:
                continue
            if len(self.sitemaps_seen) >= self.settings.max_sitemaps:
                self.quarantined.append(
                    QuarantineItem(
                        stage="discover",
                        source=self.source.name,
                        url=child,
                        reason="sitemap-budget",
                        detail=f"more than {self.settings.max_sitemaps} sitemaps in one crawl",
                    )
                )
                continue
            self.sitemaps_seen.add(child)
            try:
                fetched = await self.fetcher.get(child, expect=Expect.FEED, validator=self.state.validators.get(child))
                if fetched.not_modified:
                    continue
                self.sitemaps_seen.add(fetched.final_url)
                found = self._sitemap(fetched)
            except (FetchError, DiscoveryError) as exc:
                self.quarantined.append(_quarantine("discover", self.source.name, child, exc))
                continue
            if found.child_sitemaps and level < _MAX_SITEMAP_DEPTH:
                queue.extend((grandchild, level + 1) for grandchild in found.child_sitemaps)
                continue
            self._keep(fetched, found)
            candidates.extend(found.candidates)
        return candidates

    def _keep(self, fetched: Fetched, found: Discovered) -> None:
        self.quarantined.extend(found.quarantined)
        if fetched.validator is not None:
            self.validators.append(fetched.validator)

    async def _fetch_all(
        self, candidates: list[Candidate], deadline: float | None
    ) -> tuple[tuple[RawDocument, ...], bool]:
        """Fetch article pages with a bounded worker pool; results keep the candidates' order.

        At the source's ``deadline`` (loop time) the pages in flight are cancelled, so one slow host cannot hold
        the run; what was fetched is returned, the rest counted in one ``source-deadline`` quarantine row and
        left for the next run (they are not stored, so not known). Also returns whether every page was tried.
        """
        results: list[RawDocument | None] = [None] * len(candidates)
        tried = [False] * len(candidates)
        queue = iter(enumerate(candidates))

        async def worker() -> None:
            for position, candidate in queue:
                results[position] = await self._fetch_article(candidate)
                tried[position] = True

        workers = min(len(candidates), self.settings.max_connections)
        try:
            async with asyncio.timeout_at(deadline):
                await asyncio.gather(*(worker() for _ in range(workers)))
        except TimeoutError:
            left = tried.count(False)
            self.quarantined.append(
                QuarantineItem(
                    stage="fetch",
                    source=self.source.name,
                    url=self.source.url or "",
                    reason="source-deadline",
                    detail=f"{left} of {len(candidates)} article pages not fetched within the source deadline of "
                    f"{self.settings.source_deadline_seconds:g} s; the next run fetches them",
                )
            )
        documents = tuple(document for document in results if document is not None)
        return documents, all(tried)

    async def _fetch_article(self, candidate: Candidate) -> RawDocument | None:
        try:
            fetched = await self.fetcher.get(candidate.url, expect=Expect.HTML)
        except FetchError as exc:
            self.quarantined.append(_quarantine("fetch", self.source.name, candidate.url, exc))
            return None
        return RawDocument(
            source=self.source.name,
            url=candidate.url,
            final_url=fetched.final_url,
            fetched_at=fetched.fetched_at,
            content=fetched.content,
            content_type=fetched.content_type,
            candidate=candidate,
        )

    def _result(
        self,
        found: int,
        documents: tuple[RawDocument, ...],
        stored: Sequence[Candidate] = (),
        *,
        not_modified: bool = False,
        advance_cursor: bool = True,
    ) -> CrawlResult:
        """The crawl's outcome. The cursor covers every item whose article is in the warehouse: the ones
        fetched now and the ones stored before, so a run that resumes after a crash ends where an
        uninterrupted run would. A crawl cut short by its deadline keeps the old cursor: the pages it left
        may be older than ones it fetched."""
        return CrawlResult(
            source=self.source.name,
            candidates_found=found,
            documents=documents,
            attempts=tuple(self.fetcher.attempts),
            quarantined=tuple(self.quarantined),
            validators=tuple(self.validators),
            cursor=_latest(self.state.cursor, [*(document.candidate for document in documents), *stored])
            if advance_cursor
            else self.state.cursor,
            not_modified=not_modified,
        )


def _unique_new(candidates: list[Candidate], known: frozenset[str]) -> list[Candidate]:
    seen: set[str] = set()
    fresh: list[Candidate] = []
    for candidate in candidates:
        if candidate.url in known or candidate.url in seen:
            continue
        seen.add(candidate.url)
        fresh.append(candidate)
    return fresh


def _latest(cursor: datetime | None, candidates: Iterable[Candidate | None]) -> datetime | None:
    """The newest item date seen so far: the source's cursor moves forward only."""
    dates = [c.published_at for c in candidates if c is not None and c.published_at is not None]
    if cursor is not None:
        dates.append(cursor)
    return max(dates, default=None)


def _quarantine(stage: QuarantineStage, source: str, url: str, exc: ExtractError) -> QuarantineItem:
    return QuarantineItem(stage=stage, source=source, url=url, reason=exc.reason, detail=str(exc))
