"""Crawl one web source (rss, atom, sitemap, page): discover candidates, then fetch the new article pages.

The flow calls ``crawl_in_parts`` from a Prefect task thread; it runs its own event loop so many article pages
are in flight at once while ``HostGate`` keeps each host to its limits. Pages are handed over in parts of
``FetchSettings.batch_size`` pages (and ``batch_bytes``) as they arrive, so the flow stores rows while the crawl
goes on, memory stays flat in the number and size of pages, and a kill loses only the part being stored and the
one being gathered (the next run skips every URL that was stored). Failures of single items (a feed item without
a link, a 404, a blocked address, a timeout on one page) become ``QuarantineItem``s and the rest loads; only a
source that cannot be read at all (its feed/sitemap/listing unreachable after retries, or not a feed) raises
``UnusableSourceError``, which carries the attempts made so ``fetches`` still records them.

Incremental: the feed/sitemap/listing is requested with the validators remembered in ``CrawlState``; a 304
ends the crawl after that one request. Article URLs in ``known_urls`` are never fetched again. Validators and
cursor travel in the last part only: stored before every page is, they would let a run after a crash skip
pages the crashed one never stored.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from extractors.batches import BatchFiller
from extractors.deadline import Deadline
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

__all__ = ["CrawlResult", "CrawlState", "Emit", "acrawl_parts", "acrawl_source", "crawl_in_parts", "crawl_source"]

_MAX_SITEMAP_DEPTH = 2  # an index of indexes is against the protocol but common enough to follow one level

_T = TypeVar("_T")
_Item = RawDocument | QuarantineItem


@dataclass(frozen=True, slots=True)
class CrawlState:
    """What the warehouse remembers about a source between runs."""

    validators: Mapping[str, Validator] = field(default_factory=dict)
    known_urls: frozenset[str] = frozenset()
    cursor: datetime | None = None


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """What a crawl produced, or one part of it; the flow loads each part in its own transactions.

    A part that is not ``last`` carries a batch of pages with the attempts and quarantined items since the part
    before; the ``last`` one carries the rest, the validators and the cursor (before it, ``cursor`` is the stored
    one). ``crawl_source`` returns every part merged into one.
    """

    source: str
    candidates_found: int
    documents: tuple[RawDocument, ...]
    attempts: tuple[FetchAttempt, ...]
    quarantined: tuple[QuarantineItem, ...]
    validators: tuple[Validator, ...]
    cursor: datetime | None
    not_modified: bool = False
    last: bool = True


Emit = Callable[[CrawlResult], Awaitable[None]]


def crawl_source(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    gate: HostGate | None = None,
    *,
    fetch_articles: bool = True,
) -> CrawlResult:
    """Crawl ``source`` and return everything it yielded at once (``sources check``, tests, Dask workers).

    Runs its own event loop (in a helper thread if the calling thread already has one running).

    Raises:
        UnusableSourceError: a ``DiscoveryError`` naming the reason (``http-404``, ``timeout``, ``not-a-feed``,
            ``robots-disallowed``, ``blocked-address``, ``source-deadline``…) when the source itself cannot be read.
    """
    return _run_loop(acrawl_source(source, state, settings, gate, fetch_articles=fetch_articles), source.name)


def crawl_in_parts(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    sink: Callable[[CrawlResult], None],
    gate: HostGate | None = None,
) -> None:
    """Crawl ``source``, calling ``sink`` with each part as it is ready, from a thread of its own.

    ``sink`` may block, and should until the part before is stored (``flows/handover.py``): the crawl gathers
    the next part meanwhile and fetches nothing past it, so the pages fetched and not stored are at most the
    part being stored and the one gathered (``2 × batch_size + 1``) whatever the feed's length, and a kill
    loses no more. The time waited does not count against the source deadline.

    Raises:
        UnusableSourceError: as :func:`crawl_source`, before any part is handed over.
    """

    async def hand_over(part: CrawlResult) -> None:
        await asyncio.to_thread(sink, part)

    _run_loop(acrawl_parts(source, state, settings, hand_over, gate), source.name)


def _run_loop(work: Coroutine[Any, Any, _T], name: str) -> _T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"crawl-{name}") as pool:
        return pool.submit(asyncio.run, work).result()


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
    parts: list[CrawlResult] = []

    async def keep(part: CrawlResult) -> None:
        parts.append(part)

    await acrawl_parts(source, state, settings, keep, gate, fetch_articles=fetch_articles)
    return _merged(parts)


async def acrawl_parts(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    emit: Emit,
    gate: HostGate | None = None,
    *,
    fetch_articles: bool = True,
) -> None:
    """Crawl ``source``, awaiting ``emit`` with each part; the last part has ``last`` set."""
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
        await _Crawl(source, state, settings, fetcher).run(emit, fetch_articles=fetch_articles)


def _merged(parts: Sequence[CrawlResult]) -> CrawlResult:
    return replace(
        parts[-1],
        documents=tuple(document for part in parts for document in part.documents),
        attempts=tuple(attempt for part in parts for attempt in part.attempts),
        quarantined=tuple(item for part in parts for item in part.quarantined),
    )


class _Crawl:
    def __init__(self, source: SourceConfig, state: CrawlState, settings: FetchSettings, fetcher: Fetcher) -> None:
        self.source, self.state, self.settings, self.fetcher = source, state, settings, fetcher
        self.quarantined: list[QuarantineItem] = []
        self.validators: list[Validator] = []
        self.sitemaps_seen: set[str] = set()
        self.found = 0
        self.newest = state.cursor
        self.scope: asyncio.Timeout | None = None

    async def run(self, emit: Emit, *, fetch_articles: bool = True) -> None:
        url = self.source.url
        assert url is not None  # checked by acrawl_parts
        expect = Expect.HTML if self.source.kind is SourceKind.PAGE else Expect.FEED
        deadline = Deadline(self.settings, asyncio.get_running_loop().time())
        try:
            async with asyncio.timeout_at(deadline.when()):
                root = await self.fetcher.get(url, expect=expect, validator=self.state.validators.get(url))
                candidates = [] if root.not_modified else await self._discover(root)
        except ExtractError as exc:
            raise UnusableSourceError(
                exc.message, source=self.source.name, url=url, reason=exc.reason, attempts=tuple(self.fetcher.attempts)
            ) from exc
        except TimeoutError as exc:
            raise UnusableSourceError(
                f"not read within {deadline.describe()}",
                source=self.source.name,
                url=url,
                reason=deadline.reason,
                attempts=tuple(self.fetcher.attempts),
            ) from exc
        if root.not_modified:
            await emit(self._part([], last=True, not_modified=True))
            return
        self.found = len(candidates)
        known = self.state.known_urls
        self.newest = _latest(self.newest, (c for c in candidates if c.url in known))
        fresh = _unique_new(candidates, known)
        rest, complete = await self._fetch_all(fresh, deadline, emit) if fetch_articles else ([], True)
        await emit(self._part(rest, last=True, advance_cursor=complete))

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

    async def _fetch_all(self, candidates: list[Candidate], deadline: Deadline, emit: Emit) -> tuple[list[_Item], bool]:
        """Fetch article pages with a bounded worker pool, emitting a part whenever a batch is full.

        Outcomes are handed over in the candidates' order (the order the warehouse loads, and so clusters,
        them), and no page is started past the part after the last one handed over (``batch_size`` pages, and
        the one page more that tells the filler a part is full): while the flow stores a part, the crawl
        gathers the next and then waits, so a kill loses at most the part being stored and the one gathered
        (``crawl_in_parts``), and a slow page holds no more than one part behind it. At the
        ``deadline`` the pages in flight are cancelled, so one slow host cannot hold the run; the rest are
        counted in one quarantine row and left for the next run (they are not stored, so not known). Returns
        the items of the unfinished batch and whether every page was tried.
        """
        line = _InOrder(self.settings.batch_size + 1)
        fetching = asyncio.create_task(self._fetch_into(line, candidates, deadline))
        batch = BatchFiller(self.settings.batch_size, self.settings.batch_bytes)
        try:
            while (item := await line.next_item()) is not None:
                full = batch.add(item)
                if full is not None:
                    await self._hand_over(emit, full, deadline, fetching)
                    await line.handed_over(len(full))
            complete = await fetching
        finally:
            fetching.cancel()  # the flow gave up on this crawl: stop fetching (a no-op once it is done)
        if not complete:
            self.quarantined.append(self._cut(deadline, len(candidates), line.count))
        return batch.take(), complete

    async def _hand_over(
        self, emit: Emit, items: list[_Item], deadline: Deadline, fetching: asyncio.Task[bool]
    ) -> None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        await emit(self._part(items))
        deadline.pause(loop.time() - started)
        if self.scope is not None and not fetching.done() and not self.scope.expired():
            self.scope.reschedule(deadline.when())

    async def _fetch_into(self, line: _InOrder, candidates: list[Candidate], deadline: Deadline) -> bool:
        """Fetch every candidate onto ``line``; True if all were tried before the deadline."""
        pending = iter(enumerate(candidates))

        async def worker() -> None:
            for position, candidate in pending:
                await line.admit(position)
                await line.put(position, await self._fetch_article(candidate))

        try:
            async with asyncio.timeout_at(deadline.when()) as self.scope:
                await asyncio.gather(*(worker() for _ in range(min(len(candidates), self.settings.max_connections))))
        except TimeoutError:
            return False
        finally:
            await line.close()
        return True

    def _cut(self, deadline: Deadline, candidates: int, fetched: int) -> QuarantineItem:
        return QuarantineItem(
            stage="fetch",
            source=self.source.name,
            url=self.source.url or "",
            reason=deadline.reason,
            detail=f"{candidates - fetched} of {candidates} article pages not fetched within {deadline.describe()}; "
            "the next run fetches them",
        )

    async def _fetch_article(self, candidate: Candidate) -> _Item:
        try:
            fetched = await self.fetcher.get(candidate.url, expect=Expect.HTML)
        except FetchError as exc:
            return _quarantine("fetch", self.source.name, candidate.url, exc)
        return RawDocument(
            source=self.source.name,
            url=candidate.url,
            final_url=fetched.final_url,
            fetched_at=fetched.fetched_at,
            content=fetched.content,
            content_type=fetched.content_type,
            candidate=candidate,
        )

    def _part(
        self, items: list[_Item], *, last: bool = False, not_modified: bool = False, advance_cursor: bool = True
    ) -> CrawlResult:
        """A part of the crawl's outcome: ``items`` with the attempts and quarantined items not handed over yet.

        The last part's cursor covers every item whose article is in the warehouse: the ones fetched now and
        the ones stored before, so a run that resumes after a crash ends where an uninterrupted run would. A
        crawl cut short by a deadline keeps the old cursor: the pages it left may be older than ones it fetched.
        """
        documents = tuple(item for item in items if isinstance(item, RawDocument))
        self.newest = _latest(self.newest, (document.candidate for document in documents))
        quarantined = (*self.quarantined, *(item for item in items if isinstance(item, QuarantineItem)))
        self.quarantined.clear()
        return CrawlResult(
            source=self.source.name,
            candidates_found=self.found,
            documents=documents,
            attempts=self.fetcher.take_attempts(),
            quarantined=quarantined,
            validators=tuple(self.validators) if last else (),
            cursor=self.newest if last and advance_cursor else self.state.cursor,
            not_modified=not_modified,
            last=last,
        )


class _InOrder:
    """Outcomes fetched in any order, taken in the candidates' order; none started ``window`` places or more
    past the last outcome handed over (not merely taken: a part waiting for the flow still counts).

    Once closed (every page tried, or the deadline passed), the outcomes present are taken in order and the
    gaps of pages never fetched are skipped.
    """

    def __init__(self, window: int) -> None:
        self.window = window
        self.ready: dict[int, _Item] = {}
        self.next = 0
        self.count = 0  # outcomes taken
        self.handed = 0  # outcomes handed over to the flow
        self.closed = False
        self.changed = asyncio.Condition()

    async def admit(self, position: int) -> None:
        async with self.changed:
            await self.changed.wait_for(lambda: position < self.handed + self.window)

    async def handed_over(self, count: int) -> None:
        """``count`` more outcomes are the flow's: as many more pages may start."""
        async with self.changed:
            self.handed += count
            self.changed.notify_all()

    async def put(self, position: int, item: _Item) -> None:
        async with self.changed:
            self.ready[position] = item
            self.changed.notify_all()

    async def close(self) -> None:
        async with self.changed:
            self.closed = True
            self.changed.notify_all()

    async def next_item(self) -> _Item | None:
        """The next outcome in order, or None once closed with none left."""
        async with self.changed:
            await self.changed.wait_for(lambda: self.next in self.ready or self.closed)
            if self.next not in self.ready:
                if not self.ready:
                    return None
                self.next = min(self.ready)
            self.count += 1
            self.next += 1
            self.changed.notify_all()
            return self.ready.pop(self.next - 1)


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
