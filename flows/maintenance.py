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
    from prefect.states import State

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

    return run_state(backfill_sources(Path(db), settings, sources, since), "backfill")


@flow(name="reprocess", log_prints=False)
def reprocess(db: str = "conflictwire.duckdb", source: str | None = None) -> State:
    """Re-derive every article, enrichment and story link from ``raw_documents``, without fetching."""
    from flows.history import reprocess_stored
    from flows.outcome import run_state

    return run_state(reprocess_stored(Path(db), source), "reprocess")
