"""What a run of any flow does with the warehouse: open it, process sources in batches, load, summarise.

The flows (``flows/ingest.py``, ``flows/maintenance.py``) import this module only once they run: it brings
DuckDB, pyarrow and the warehouse, which process-pool and Dask workers never need (a worker imports the
module of the flow it serves to run that flow's tasks).

Shape of a run: sources are registered and a ``runs`` row opened; web sources are crawled concurrently (one
task each, a few ahead of the one being stored), each handing its pages to the flow in parts as they arrive;
local sources (WARC, directory) are streamed in batches; each batch of documents is parsed,
normalised and enriched in a task, then loaded by the flow itself in one transaction (DuckDB has one writer:
the flow's connection). A source that fails is recorded with its reason and the others carry on; the run ends
with a per-source summary.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
from prefect import get_run_logger
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

from extractors.batches import DEFAULT_BATCH_BYTES, BatchFiller
from extractors.crawl import CrawlResult, CrawlState
from extractors.deadline import Deadline
from extractors.errors import ExtractError, LocalSourceError, UnusableSourceError
from extractors.fetch import FetchSettings
from extractors.local import iter_local_documents
from extractors.politeness import HostGate
from flows.handover import PartChannel
from flows.pipeline import ProcessedBatch, load_reference_data
from flows.progress import draw_on_terminal, progress_text, rate_text
from flows.runners import batch_pool, batches_in_flight, crawls_ahead, shares_memory
from flows.settings import Settings
from flows.tasks import crawl_task, process_task
from records import QuarantineItem, RawDocument, RunStatus, SourceConfig
from transforms.actors import load_actor_dictionary
from transforms.dedup import DedupConfig, StoryIndex
from warehouse.actors import sync_actor_dictionary
from warehouse.connection import limit_memory, open_warehouse, writer_memory_limit
from warehouse.errors import WarehouseError
from warehouse.load import (
    LoadBatch,
    LoadSummary,
    load_batch,
    record_fetches,
    record_quarantine,
    record_repeat_sightings,
    save_cursor,
    save_validators,
)
from warehouse.migrate import migrate
from warehouse.runs import SourceOutcome, finish_run, record_source_outcome, register_sources, start_run
from warehouse.state import known_raw_hashes, known_urls, source_cursor, stored_validators
from warehouse.stories import load_story_index

__all__ = [
    "MEMORY_LIMIT_VARIABLE",
    "RunSummary",
    "SourceRun",
    "WarehouseRun",
    "ingest_sources",
    "fetch_settings_for",
    "Crawls",
    "PendingCrawl",
    "load_crawl",
    "open_run",
    "shared_gate",
    "run_each_source",
    "stream_local",
]


# Overrides the writer's DuckDB memory cap (warehouse.connection.writer_memory_limit), e.g. "2GB".
MEMORY_LIMIT_VARIABLE = "CONFLICTWIRE_DUCKDB_MEMORY_LIMIT"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run did, per source; the CLI prints it as the closing table."""

    run_id: str
    status: RunStatus
    outcomes: tuple[SourceOutcome, ...]
    elapsed_seconds: float = 0.0


def fetch_settings_for(settings: Settings) -> FetchSettings:
    """The crawler's settings for a run starting now (the run deadline, if set, counts from here)."""
    return FetchSettings(
        user_agent=settings.full_user_agent,
        politeness=settings.politeness,
        source_deadline_seconds=settings.source_deadline_seconds,
        run_deadline_at=None if settings.run_deadline_seconds is None else time.time() + settings.run_deadline_seconds,
        batch_size=settings.batch_size,
    )


def _batches(
    items: Iterable[RawDocument | QuarantineItem], size: int, max_bytes: int = DEFAULT_BATCH_BYTES
) -> Iterator[list[RawDocument | QuarantineItem]]:
    """Chunks of at most ``size`` items and, past the first document, at most ``max_bytes`` of content."""
    filler = BatchFiller(size, max_bytes)
    for item in items:
        full = filler.add(item)
        if full is not None:
            yield full
    if rest := filler.take():
        yield rest


@dataclass(slots=True)
class WarehouseRun:
    """What every source of one run shares: the warehouse connection, the run id and the story index."""

    conn: duckdb.DuckDBPyConnection
    run_id: str
    stories: StoryIndex
    batch_size: int
    dedup: DedupConfig
    in_flight: int
    pool: Executor | None = None
    started: float = field(default_factory=time.monotonic)

    def resync_stories(self) -> None:
        """Rebuild the story index from the warehouse after a rolled-back batch.

        Assignments enter the in-memory index before the load commits; when a load fails, the index may hold
        articles the warehouse does not, so it is rebuilt from what was committed.
        """
        self.stories = load_story_index(self.conn, self.dedup)


class SourceRun:
    """Accumulates one source's counts while its batches are processed and loaded."""

    def __init__(self, run: WarehouseRun, source: SourceConfig, *, rederive: bool = False) -> None:
        self.run = run
        self.source = source
        self.rederive = rederive
        self.found = 0
        self.unchanged = 0
        self.batches = 0
        self.done = 0
        self.total: int | None = None  # documents expected, where the source says (a crawl's candidates)
        self.started = time.monotonic()
        self.loaded = LoadSummary()
        self.pending: deque[tuple[PrefectFuture[ProcessedBatch], list[RawDocument]]] = deque()

    def submit(self, docs: list[RawDocument]) -> None:
        """Queue a batch for processing; keep a bounded number in flight so memory stays flat.

        Documents whose exact bytes are already stored were parsed before: they are counted, not re-parsed
        (unless re-deriving, which exists to parse them again).
        """
        self.found += len(docs)
        stored = frozenset() if self.rederive else known_raw_hashes(self.run.conn, (d.sha256 for d in docs))
        fresh = [d for d in docs if d.sha256 not in stored]
        self.unchanged += len(docs) - len(fresh)
        record_repeat_sightings(self.run.conn, self.run.run_id, [d for d in docs if d.sha256 in stored])
        if not fresh:
            return
        self.batches += 1
        future = process_task.submit(fresh, self.source, self.run.dedup, self.run.pool, self.batches)
        self.pending.append((future, fresh))
        while len(self.pending) >= self.run.in_flight:
            self.drain_one()

    def drain_one(self) -> None:
        future, docs = self.pending.popleft()
        batch = future.result()
        summary = load_batch(
            self.run.conn,
            LoadBatch(self.run.run_id, self.source.name, batch.processed, docs, batch.quarantined, self.rederive),
            self.run.stories,
        )
        self.loaded = self.loaded + summary
        self.done += len(docs)
        progress = progress_text(self.done, self.total, time.monotonic() - self.started)
        get_run_logger().info(
            "[%s] batch of %d: %d new, %d revised, %d duplicate, %d quarantined; %s",
            self.source.name,
            len(docs),
            summary.new,
            summary.revised,
            summary.duplicate,
            summary.quarantined,
            progress,
        )
        draw_on_terminal(f"[{self.source.name}] {progress}")

    def quarantine(self, items: Iterable[QuarantineItem]) -> None:
        recorded = record_quarantine(self.run.conn, self.run.run_id, list(items))
        self.loaded = self.loaded + LoadSummary(quarantined=recorded)

    def drain(self) -> None:
        """Load every batch still in flight."""
        while self.pending:
            self.drain_one()

    def finish(self) -> SourceOutcome:
        self.drain()
        return SourceOutcome(
            source=self.source.name,
            status="ok",
            found=self.found,
            new=self.loaded.new,
            revised=self.loaded.revised,
            duplicate=self.loaded.duplicate + self.unchanged,
            quarantined=self.loaded.quarantined,
        )


def stream_local(run: WarehouseRun, source: SourceConfig, settings: FetchSettings) -> SourceOutcome:
    """Read a WARC or directory source in batches until its end, or until the source's or the run's deadline.

    The deadline is looked at before each batch is read, so a source overruns it by at most one batch. A
    source cut by it keeps what was stored and gets one ``read`` quarantine row with the reason; the next run
    reads it again, counts the documents stored as unchanged without parsing them, and goes on from there. A
    source whose deadline passed before it was read at all fails with that reason.

    Raises:
        LocalSourceError: the path is missing or not of its kind, or the deadline passed before the first batch.
    """
    deadline = Deadline(settings, time.monotonic())
    progress = SourceRun(run, source)
    chunks = _batches(iter_local_documents(source), run.batch_size)
    while (chunk := None if deadline.passed(time.monotonic()) else next(chunks, None)) is not None:
        progress.quarantine(item for item in chunk if isinstance(item, QuarantineItem))
        progress.submit([item for item in chunk if isinstance(item, RawDocument)])
    if deadline.passed(time.monotonic()) and next(chunks, None) is not None:
        _cut_short(progress, deadline)
    return progress.finish()


def _cut_short(progress: SourceRun, deadline: Deadline) -> None:
    """Record that a local source stopped at ``deadline`` with documents left (or fail it if it read none)."""
    source = progress.source
    if progress.found == 0 and progress.loaded.quarantined == 0:
        raise LocalSourceError(
            f"not read within {deadline.describe()}", source=source.name, url=source.location, reason=deadline.reason
        )
    detail = (
        f"reading stopped after {progress.found} documents at {deadline.describe()}; "
        "the next run reads the rest (documents already stored are skipped)"
    )
    progress.quarantine([QuarantineItem("read", source.name, source.location, deadline.reason, "", detail)])


@dataclass(frozen=True, slots=True)
class PendingCrawl:
    """A crawl submitted as a task: its parts arrive on ``parts`` (threads), or whole as its result (Dask)."""

    future: PrefectFuture[CrawlResult | None]
    parts: PartChannel | None


class Crawls:
    """The web crawls of a run, started in source order and at most ``ahead`` before the one being loaded.

    A crawl whose part waits for the flow holds a task-runner thread, and the batches of the source being
    loaded need a thread too: starting every crawl at once would let waiting crawls take every thread while the
    flow waits for a batch no thread is left to run. ``crawls_ahead`` leaves threads for the batches.
    """

    def __init__(
        self,
        sources: Sequence[SourceConfig],
        state_for: Callable[[SourceConfig], CrawlState],
        settings: FetchSettings,
    ) -> None:
        self.waiting = deque(source for source in sources if not source.kind.is_local)
        self.state_for = state_for
        self.settings = settings
        self.gate = shared_gate(settings)
        context = FlowRunContext.get()
        runner = context.task_runner if context is not None else None
        self.streams = runner is None or shares_memory(runner)
        self.ahead = crawls_ahead(runner) if runner is not None else 1
        self.started: dict[str, PendingCrawl] = {}

    def start_ahead(self) -> None:
        """Start crawls in order until ``ahead`` are running (or none is left)."""
        while self.waiting and len(self.started) < self.ahead:
            self._start(self.waiting.popleft())

    def take(self, source: SourceConfig) -> PendingCrawl:
        """The crawl of ``source`` (started now if it was not), starting the next ones in its place."""
        while source.name not in self.started and self.waiting:
            self._start(self.waiting.popleft())
        crawl = self.started.pop(source.name)
        self.start_ahead()
        return crawl

    def _start(self, source: SourceConfig) -> None:
        channel = PartChannel(source.name) if self.streams else None
        future = crawl_task.submit(
            source, self.state_for(source), self.settings, self.gate, None if channel is None else channel.put
        )
        if channel is not None:
            future.add_done_callback(lambda _: channel.close())
        self.started[source.name] = PendingCrawl(future, channel)


def load_crawl(run: WarehouseRun, source: SourceConfig, crawl: PendingCrawl) -> SourceOutcome:
    """Store a crawl's parts as they arrive; validators and cursor once its last part's pages are stored.

    Each part is in the warehouse (pages, sightings, fetches, quarantine: every batch of it loaded) before the
    next is taken, and taking the next is what lets the crawl hand over another (``flows/handover.py``), so a
    kill loses at most the part being stored and the one the crawl gathers meanwhile; the next run skips every
    URL already stored. If loading fails, the crawl is abandoned (its next hand-over raises) and the error goes
    to the run's bulkhead.
    """
    progress = SourceRun(run, source)
    try:
        for part in crawl.parts or ():
            _load_part(run, progress, part)
        whole = crawl.future.result()
    finally:
        if crawl.parts is not None:
            crawl.parts.close()
    if whole is not None:
        _load_part(run, progress, whole)
    return replace(progress.finish(), found=progress.total or 0)


def _load_part(run: WarehouseRun, progress: SourceRun, part: CrawlResult) -> None:
    record_fetches(run.conn, run.run_id, part.attempts)
    progress.total = part.candidates_found or None
    progress.quarantine(part.quarantined)
    for chunk in _batches(part.documents, run.batch_size):
        progress.submit([doc for doc in chunk if isinstance(doc, RawDocument)])
    progress.drain()
    if part.last:
        save_validators(run.conn, part.source, part.validators)
        save_cursor(run.conn, part.source, part.cursor)


def _record_failure(run: WarehouseRun, source: SourceConfig, exc: Exception) -> SourceOutcome:
    """Record a source that failed as a whole: a quarantine row with the reason, and a failed outcome.

    Our own errors carry a reason tag; anything else is a defect, logged with its traceback so it gets fixed,
    but it still only costs this source.
    """
    logger = get_run_logger()
    if isinstance(exc, ExtractError | WarehouseError):
        logger.error("[%s] source failed: %s", source.name, exc)
    else:
        logger.exception("[%s] source failed with an unexpected error", source.name)
    if isinstance(exc, UnusableSourceError):
        record_fetches(run.conn, run.run_id, exc.attempts)
    if isinstance(exc, ExtractError):
        item = QuarantineItem("source", source.name, source.location, exc.reason, "", str(exc))
    else:
        item = QuarantineItem(
            "source", source.name, source.location, "unexpected-error", "", f"{type(exc).__name__}: {exc}"
        )
    record_quarantine(run.conn, run.run_id, [item])
    return SourceOutcome(source=source.name, status="failed", failed=1, error=f"{type(exc).__name__}: {exc}")


def shared_gate(settings: FetchSettings) -> HostGate | None:
    """One host gate for the whole run if tasks share this process's memory, else None (each crawl its own)."""
    context = FlowRunContext.get()
    if context is None or shares_memory(context.task_runner):
        return HostGate(robots_ttl_seconds=settings.robots_ttl_seconds)
    return None


def _crawl_state(conn: duckdb.DuckDBPyConnection, source: SourceConfig) -> CrawlState:
    return CrawlState(
        stored_validators(conn, source.name), known_urls(conn, source.name), source_cursor(conn, source.name)
    )


@contextmanager
def open_run(
    db_path: Path, flow_name: str, sources: Sequence[SourceConfig], settings: Settings
) -> Iterator[WarehouseRun]:
    """Open the warehouse for one flow run: migrate, register the sources, open the ``runs`` row.

    The connection is the run's only writer; it is closed however the run ends. Its DuckDB memory is capped
    for the warehouse's size (``writer_memory_limit``), or at ``$CONFLICTWIRE_DUCKDB_MEMORY_LIMIT``.
    """
    with open_warehouse(db_path) as conn:
        migrate(conn)
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()
        limit = os.environ.get(MEMORY_LIMIT_VARIABLE) or writer_memory_limit(articles[0] if articles else 0)
        limit_memory(conn, limit, db=str(db_path))
        register_sources(conn, sources)
        sync_actor_dictionary(conn, load_actor_dictionary())
        run_id = str(flow_run.get_id() or "local")
        start_run(conn, run_id, flow_name, len(sources))
        runner = context.task_runner if (context := FlowRunContext.get()) is not None else None
        in_flight = batches_in_flight(runner) if runner is not None else 2
        pool = batch_pool(runner) if runner is not None else None
        if pool is None and (runner is None or shares_memory(runner)):  # batches are processed in this process
            threading.Thread(target=load_reference_data, name="load-reference-data", daemon=True).start()
        stories = load_story_index(conn, settings.dedup)
        yield WarehouseRun(conn, run_id, stories, settings.batch_size, settings.dedup, in_flight, pool)


def run_each_source(
    run: WarehouseRun, sources: Sequence[SourceConfig], work: Callable[[SourceConfig], SourceOutcome]
) -> RunSummary:
    """Do ``work`` for every source in turn behind a bulkhead, record each outcome, and close the run."""
    outcomes: list[SourceOutcome] = []
    for source in sources:
        try:
            outcome = work(source)
        except Exception as exc:  # noqa: BLE001 - the per-source bulkhead: recorded, logged, run goes on
            run.resync_stories()
            outcome = _record_failure(run, source, exc)
        outcomes.append(outcome)
        record_source_outcome(run.conn, run.run_id, outcome)
    status = finish_run(run.conn, run.run_id, outcomes)
    elapsed = time.monotonic() - run.started
    done = rate_text(sum(o.found for o in outcomes), elapsed)
    get_run_logger().info("run %s %s: %d sources, %s", run.run_id, status, len(outcomes), done)
    return RunSummary(run.run_id, status, tuple(outcomes), elapsed)


def ingest_sources(settings: Settings, db_path: Path, only: str | None = None) -> RunSummary:
    """Run one ingest over the selected sources into the warehouse at ``db_path`` (called inside the flow)."""
    sources = settings.select(only)
    with open_run(db_path, "ingest", sources, settings) as run:
        fetching = fetch_settings_for(settings)
        crawls = Crawls(sources, lambda source: _crawl_state(run.conn, source), fetching)
        crawls.start_ahead()

        def work(source: SourceConfig) -> SourceOutcome:
            if source.kind.is_local:
                return stream_local(run, source, fetching)
            return load_crawl(run, source, crawls.take(source))

        return run_each_source(run, sources, work)
