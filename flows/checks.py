"""``conflictwire sources check``: is every source reachable, allowed by robots.txt and readable, right now?

Web sources have their feed, sitemap or listing fetched and parsed (robots.txt honoured) without downloading
any article; local sources have their folder or WARC file read through. Nothing is written to the warehouse;
the last successful run of each source is read from it when one is given.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extractors.crawl import CrawlState, crawl_source
from extractors.errors import ExtractError
from extractors.local import iter_local_documents
from flows.runs import fetch_settings_for
from flows.settings import Settings
from records import QuarantineItem, SourceConfig
from warehouse.connection import open_warehouse
from warehouse.state import last_successes

__all__ = ["SourceCheck", "check_sources"]


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """The health of one source: ``ok`` with what it offers now, or ``failed`` with the reason."""

    source: str
    kind: str
    status: str
    items: int
    problems: int
    elapsed_ms: float
    detail: str
    last_success: datetime | None


def _check_one(source: SourceConfig, settings: Settings, last: datetime | None) -> SourceCheck:
    started = time.perf_counter()
    try:
        if source.kind.is_local:
            items = problems = 0
            for item in iter_local_documents(source):
                if isinstance(item, QuarantineItem):
                    problems += 1
                else:
                    items += 1
            detail = "readable"
        else:
            result = crawl_source(
                source, CrawlState({}, frozenset(), None), fetch_settings_for(settings), fetch_articles=False
            )
            items, problems = result.candidates_found, len(result.quarantined)
            detail = f"HTTP {result.attempts[-1].status}" if result.attempts else "no request made"
    except ExtractError as exc:
        elapsed = (time.perf_counter() - started) * 1000
        return SourceCheck(
            source.name, source.kind.value, "failed", 0, 0, elapsed, f"{exc.reason}: {exc.message}", last
        )
    elapsed = (time.perf_counter() - started) * 1000
    return SourceCheck(source.name, source.kind.value, "ok", items, problems, elapsed, detail, last)


def check_sources(settings: Settings, db_path: Path | None = None, only: str | None = None) -> list[SourceCheck]:
    """Check every enabled source (or the one named), with its last success from the warehouse if given."""
    last: dict[str, datetime] = {}
    if db_path is not None and db_path.exists():
        with open_warehouse(db_path, read_only=True) as conn:
            last = last_successes(conn)
    return [_check_one(source, settings, last.get(source.name)) for source in settings.select(only)]
