"""The ``backfill`` and ``reprocess`` flows: history in bulk, and re-deriving rows from stored bytes.

``backfill`` loads a source's past (a web source crawled from a date, ignoring cached validators) or WARC
archives (CC-NEWS style) streamed batch by batch. ``reprocess`` re-parses and re-enriches every stored raw
document without touching the network, after a parser or enricher upgrade; article ids are derived from
canonical URLs, so they stay stable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow

from flows.settings import Settings, load_settings
from records import SourceConfig, SourceKind

if TYPE_CHECKING:
    from prefect import State

__all__ = ["backfill", "reprocess"]


def _warc_source(path: str, name: str | None, country_hint: str | None) -> SourceConfig:
    stem = Path(path).name.split(".")[0].lower() or "warc"
    return SourceConfig(
        name=name or f"backfill-{stem}",
        kind=SourceKind.WARC,
        path=Path(path).resolve(),
        country_hint=country_hint,
    )


def _backfill_name() -> str:
    """``backfill CC-NEWS-20161128.warc.gz`` (first WARC, +N more), or ``backfill <source> from <date>``."""
    from prefect.runtime import flow_run

    params = flow_run.parameters
    warcs = params.get("warc") or []
    if warcs:
        more = f" +{len(warcs) - 1}" if len(warcs) > 1 else ""
        return f"backfill {Path(warcs[0]).name}{more}"
    return f"backfill {params.get('source')} from {params.get('since')}"


def _reprocess_name() -> str:
    from prefect.runtime import flow_run

    return f"reprocess {flow_run.parameters.get('source') or 'all sources'}"


@flow(name="backfill", flow_run_name=_backfill_name, log_prints=False)
def backfill(
    db: str = "conflictwire.duckdb",
    sources_file: str | None = None,
    source: str | None = None,
    since: date | None = None,
    warc: list[str] | None = None,
    country_hint: str | None = None,
    variables: dict[str, str] | None = None,
) -> State:
    """Load history: ``warc`` files (streamed), or the configured ``source`` crawled from ``since`` on.

    Ends like ``ingest`` (see ``flows/outcome.py``), with the ``RunSummary`` as the state's data.
    """
    if warc:
        sources = tuple(_warc_source(path, source if len(warc) == 1 else None, country_hint) for path in warc)
        settings = Settings(sources_file=Path(sources_file or "-"), sources=sources)
    else:
        if sources_file is None or source is None:
            raise ValueError("backfill needs either warc paths, or a sources file and a source name")
        settings = load_settings(sources_file, variables=variables)
        sources = settings.select(source)
    from flows.history import backfill_sources
    from flows.outcome import run_state
    from flows.writer import one_writer

    with one_writer(db):
        summary = backfill_sources(Path(db), settings, sources, since)
    return run_state(summary, "backfill")


@flow(name="reprocess", flow_run_name=_reprocess_name, log_prints=False)
def reprocess(db: str = "conflictwire.duckdb", source: str | None = None) -> State:
    """Re-derive every article, enrichment and story link from ``raw_documents``, without fetching."""
    from flows.history import reprocess_stored
    from flows.outcome import run_state
    from flows.writer import one_writer

    with one_writer(db):
        summary = reprocess_stored(Path(db), source)
    return run_state(summary, "reprocess")
