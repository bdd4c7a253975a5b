"""The ``backfill`` and ``reprocess`` flows: history in bulk, and re-deriving rows from stored bytes.

``backfill`` loads a source's past (a web source crawled from a date, ignoring cached validators) or WARC
archives (CC-NEWS style) streamed batch by batch. ``reprocess`` re-parses and re-enriches every stored raw
document without touching the network, after a parser or enricher upgrade; article ids are derived from
canonical URLs, so they stay stable.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow

from extractors.crawl import CrawlState
from extractors.records import SourceConfig, SourceKind
from flows.ingest import (
    RunSummary,
    SourceRun,
    crawl_task,
    fetch_settings_for,
    load_crawl,
    open_run,
    run_each_source,
    shared_gate,
    stream_local,
)
from flows.settings import Settings, load_settings
from warehouse.raw import iter_stored_documents, stored_sources
from warehouse.runs import SourceOutcome
from warehouse.state import known_urls

__all__ = ["backfill", "reprocess"]


def _warc_source(path: str, name: str | None, country_hint: str | None) -> SourceConfig:
    stem = Path(path).name.split(".")[0].lower() or "warc"
    return SourceConfig(
        name=name or f"backfill-{stem}",
        kind=SourceKind.WARC,
        url=path if path.startswith(("http://", "https://")) else None,
        path=None if path.startswith(("http://", "https://")) else Path(path).resolve(),
        country_hint=country_hint,
    )


@flow(name="backfill", log_prints=False)
def backfill(
    db: str = "conflictwire.duckdb",
    sources_file: str | None = None,
    source: str | None = None,
    since: date | None = None,
    warc: list[str] | None = None,
    country_hint: str | None = None,
    variables: dict[str, str] | None = None,
) -> RunSummary:
    """Load history: ``warc`` files (streamed), or the configured ``source`` crawled from ``since`` on."""
    if warc:
        sources = tuple(_warc_source(path, source if len(warc) == 1 else None, country_hint) for path in warc)
        settings = Settings(sources_file=Path(sources_file or "-"), sources=sources)
    else:
        if sources_file is None or source is None:
            raise ValueError("backfill needs either warc paths, or a sources file and a source name")
        settings = load_settings(sources_file, variables=variables)
        sources = settings.select(source)
    with open_run(Path(db), "backfill", sources, settings) as run:

        def work(config: SourceConfig) -> SourceOutcome:
            if config.kind.is_local:
                return stream_local(run, config)
            fetch_settings = fetch_settings_for(settings)
            cursor = datetime.combine(since, datetime.min.time(), UTC) if since else None
            state = CrawlState({}, known_urls(run.conn, config.name), cursor)
            return load_crawl(run, config, crawl_task(config, state, fetch_settings, shared_gate(fetch_settings)))

        return run_each_source(run, sources, work)


@flow(name="reprocess", log_prints=False)
def reprocess(db: str = "conflictwire.duckdb", source: str | None = None) -> RunSummary:
    """Re-derive every article, enrichment and story link from ``raw_documents``, without fetching."""
    settings = Settings(sources_file=Path("-"), sources=())
    with open_run(Path(db), "reprocess", (), settings) as run:
        configs = stored_sources(run.conn)
        wanted = [configs[name] for name in sorted(configs) if source is None or name == source]
        batches = iter_stored_documents(run.conn, batch_size=run.batch_size, source=source)
        progress: dict[str, SourceRun] = {c.name: SourceRun(run, c, rederive=True) for c in wanted}
        for name, docs in batches:
            progress[name].submit(docs)
        return run_each_source(run, wanted, lambda config: progress[config.name].finish())
