"""The work of the ``backfill`` and ``reprocess`` flows, run in the flow's process (it opens the warehouse).

Kept apart from the flow declarations in ``flows/maintenance.py`` for the reason given in ``flows/runs.py``:
workers import the flow's module, and should not import DuckDB with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from extractors.crawl import CrawlState
from flows.runs import (
    Crawls,
    RunSummary,
    SourceRun,
    fetch_settings_for,
    load_crawl,
    open_run,
    run_each_source,
    stream_local,
)
from flows.settings import Settings
from records import SourceConfig
from warehouse.raw import iter_stored_documents, stored_sources
from warehouse.runs import SourceOutcome
from warehouse.state import known_urls

__all__ = ["backfill_sources", "reprocess_stored"]


def backfill_sources(
    db_path: Path, settings: Settings, sources: Sequence[SourceConfig], since: date | None
) -> RunSummary:
    """Load ``sources`` in full: local ones streamed, web ones crawled from ``since`` ignoring cached validators."""
    cursor = datetime.combine(since, datetime.min.time(), UTC) if since else None
    with open_run(db_path, "backfill", sources, settings) as run:
        fetching = fetch_settings_for(settings)
        crawls = Crawls(sources, lambda config: CrawlState({}, known_urls(run.conn, config.name), cursor), fetching)

        def work(config: SourceConfig) -> SourceOutcome:
            if config.kind.is_local:
                return stream_local(run, config, fetching)
            return load_crawl(run, config, crawls.take(config))

        return run_each_source(run, sources, work)


def reprocess_stored(db_path: Path, source: str | None) -> RunSummary:
    """Re-derive every article (or those first seen by ``source``) from ``raw_documents``, without fetching."""
    settings = Settings(sources_file=Path("-"), sources=())
    with open_run(db_path, "reprocess", (), settings) as run:
        configs = stored_sources(run.conn)
        wanted = [configs[name] for name in sorted(configs) if source is None or name == source]
        batches = iter_stored_documents(run.conn, batch_size=run.batch_size, source=source)
        progress: dict[str, SourceRun] = {c.name: SourceRun(run, c, rederive=True) for c in wanted}
        for name, docs in batches:
            progress[name].submit(docs)
        return run_each_source(run, wanted, lambda config: progress[config.name].finish())
