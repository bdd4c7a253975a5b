"""Transactional, idempotent loading of processed articles and everything recorded about a run.

``load_batch`` is the single entry point for article data: one call, one transaction. What each article is (new,
a new revision, a duplicate) is decided by ``transforms.revisions.plan_load`` from the stored state read here;
this module only reads that state and writes the plan: every sighting, the raw bytes content-addressed and
compressed, and the enrichment rows of articles whose latest revision changed. Loading the same batch twice
changes nothing but ``last_seen_at`` times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from records import FetchAttempt, ProcessedArticle, QuarantineItem, RawDocument, Validator
from records.rows import CursorRow, RawDocumentRow, ValidatorRow
from transforms.dedup import StoryIndex, article_signature
from transforms.revisions import StoredArticle, plan_load
from transforms.rows import enrichment_rows, fetch_rows, quarantine_rows
from warehouse import tables
from warehouse.arrow import collection_paused, insert_rows
from warehouse.connection import transaction
from warehouse.errors import LoadError
from warehouse.raw import RAW_COMPRESSION, compress_raw
from warehouse.stories import save_story_assignments

__all__ = [
    "LoadBatch",
    "LoadSummary",
    "load_batch",
    "record_fetches",
    "record_quarantine",
    "record_repeat_sightings",
    "save_cursor",
    "save_validators",
]


@dataclass(frozen=True, slots=True)
class LoadBatch:
    """What one batch of a source adds to the warehouse.

    ``rederive`` is set by ``reprocess``: an article whose latest body is unchanged still gets its row and
    enrichment rewritten, because the parser or enrichers that derived them may have changed.
    """

    run_id: str
    source: str
    processed: Sequence[ProcessedArticle] = ()
    raw: Sequence[RawDocument] = ()
    quarantined: Sequence[QuarantineItem] = ()
    rederive: bool = False


@dataclass(frozen=True, slots=True)
class LoadSummary:
    """Counts of what a load did, by outcome."""

    new: int = 0
    revised: int = 0
    duplicate: int = 0
    quarantined: int = 0
    changed_article_ids: tuple[str, ...] = field(default=())

    def __add__(self, other: LoadSummary) -> LoadSummary:
        return LoadSummary(
            self.new + other.new,
            self.revised + other.revised,
            self.duplicate + other.duplicate,
            self.quarantined + other.quarantined,
            self.changed_article_ids + other.changed_article_ids,
        )


def _stored_articles(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, StoredArticle]:
    """The stored state of the articles among ``ids`` that the warehouse holds."""
    if not ids:
        return {}
    hashes: dict[str, set[str]] = {}
    for article_id, body_hash in conn.execute(
        "SELECT article_id, body_hash FROM article_revisions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall():
        hashes.setdefault(article_id, set()).add(body_hash)
    rows = conn.execute(
        "SELECT article_id, body_hash, revision, coalesce(updated_at, published_at, first_seen_at) AS recency, "
        "title FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall()
    return {
        article_id: StoredArticle(
            article_id=article_id,
            body_hash=body_hash,
            revision=revision,
            recency=recency,
            title=title,
            hashes=frozenset(hashes.get(article_id, ())),
        )
        for article_id, body_hash, revision, recency, title in rows
    }


def _body_owners(conn: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, str]:
    """For each stored body among ``hashes``, the article that owns it (the smallest id, when shared)."""
    if not hashes:
        return {}
    rows = conn.execute(
        "SELECT body_hash, min(article_id) FROM article_revisions "
        "WHERE body_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY body_hash",
        [hashes],
    ).fetchall()
    return {body_hash: article_id for body_hash, article_id in rows}


def _store_raw(conn: duckdb.DuckDBPyConnection, raw: Sequence[RawDocument]) -> None:
    unique = {doc.sha256: doc for doc in raw}
    rows = [
        RawDocumentRow(
            sha256=d.sha256,
            compression=RAW_COMPRESSION,
            content=compress_raw(d.content),
            size_bytes=len(d.content),
            content_type=d.content_type,
            first_source=d.source,
            first_url=d.url,
            first_seen_at=d.fetched_at,
        )
        for d in unique.values()
    ]
    insert_rows(conn, tables.RAW_DOCUMENTS, rows)


_ENRICHMENT_TABLES = ("article_places", "article_actors", "events", "figures", "incident_totals")


def _replace_enrichment(
    conn: duckdb.DuckDBPyConnection, items: Sequence[ProcessedArticle], stored: Sequence[str]
) -> None:
    """Write the enrichment rows of ``items``, first deleting those of the ``stored`` articles among them
    (articles new to the warehouse have none, and skipping their deletes keeps large loads cheap)."""
    if stored:
        for table in _ENRICHMENT_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [list(stored)])
    rows = enrichment_rows(items)
    insert_rows(conn, tables.PLACES, rows.places)
    insert_rows(conn, tables.ARTICLE_PLACES, rows.article_places)
    insert_rows(conn, tables.ARTICLE_ACTORS, rows.article_actors)
    insert_rows(conn, tables.EVENTS, rows.events)
    insert_rows(conn, tables.FIGURES, rows.figures)
    insert_rows(conn, tables.INCIDENT_TOTALS, rows.totals)


def load_batch(conn: duckdb.DuckDBPyConnection, batch: LoadBatch, stories: StoryIndex | None = None) -> LoadSummary:
    """Load one batch in one transaction.

    New articles and new latest revisions are linked into story clusters through ``stories`` (the run's
    near-duplicate index) in the same transaction, so an article never lands without its story.

    Returns:
        Counts of new articles, new revisions, duplicates and quarantined items, and the ids of articles whose
        latest version changed (their enrichment was replaced).

    Raises:
        LoadError: DuckDB refused the batch; nothing of it was written.
    """
    now = datetime.now(UTC)
    items = list(batch.processed)
    try:
        with collection_paused(), transaction(conn):
            _store_raw(conn, batch.raw)
            plan = plan_load(
                items,
                _stored_articles(conn, sorted({i.article_id for i in items})),
                _body_owners(conn, sorted({i.body_hash for i in items})),
                run_id=batch.run_id,
                now=now,
                rederive=batch.rederive,
            )
            insert_rows(conn, tables.ARTICLE_REVISIONS, plan.revisions)
            insert_rows(conn, tables.ARTICLES, plan.new_articles)
            insert_rows(conn, tables.REPLACED_ARTICLES, plan.replaced_articles)
            insert_rows(conn, tables.SIGHTINGS, plan.sightings)
            _replace_enrichment(conn, plan.latest, plan.replaced)
            if stories is not None:
                save_story_assignments(
                    conn,
                    [
                        stories.assign(
                            item.article_id,
                            article_signature(item, stories.config),
                            published_at=item.article.published_at,
                            length=len(item.article.body),
                        )
                        for item in plan.latest
                    ],
                )
            quarantined = insert_rows(conn, tables.QUARANTINE, quarantine_rows(batch.run_id, batch.quarantined, now))
    except duckdb.Error as exc:
        raise LoadError(
            f"loading a batch of source {batch.source!r} failed: {exc}",
            db="warehouse",
            row=items[0].article.url if items else None,
        ) from exc
    changed = tuple(item.article_id for item in plan.latest)
    return LoadSummary(plan.new, plan.revised, plan.duplicate, quarantined, changed)


def record_quarantine(conn: duckdb.DuckDBPyConnection, run_id: str, items: Sequence[QuarantineItem]) -> int:
    """Record quarantined items outside an article batch (a failed source, a broken feed item)."""
    with transaction(conn):
        return insert_rows(conn, tables.QUARANTINE, quarantine_rows(run_id, items, datetime.now(UTC)))


def record_fetches(conn: duckdb.DuckDBPyConnection, run_id: str, attempts: Sequence[FetchAttempt]) -> int:
    """Append fetch attempts to ``fetches``: the log is append-only by design, one row per attempt."""
    with transaction(conn):
        return insert_rows(conn, tables.FETCHES, fetch_rows(run_id, attempts))


def save_validators(conn: duckdb.DuckDBPyConnection, source: str, validators: Sequence[Validator]) -> None:
    """Remember ETag/Last-Modified per URL so the next run can ask conditionally."""
    now = datetime.now(UTC)
    unique = {v.url: v for v in validators}
    rows = [
        ValidatorRow(url=url, source=source, etag=v.etag, last_modified=v.last_modified, updated_at=now)
        for url, v in unique.items()
    ]
    with transaction(conn):
        insert_rows(conn, tables.VALIDATORS, rows)


def save_cursor(conn: duckdb.DuckDBPyConnection, source: str, cursor: datetime | None) -> None:
    """Move a source's cursor forward (never back) once its data is loaded."""
    if cursor is None:
        return
    with transaction(conn):
        insert_rows(conn, tables.CURSORS, [CursorRow(source=source, cursor=cursor, updated_at=datetime.now(UTC))])


def record_repeat_sightings(conn: duckdb.DuckDBPyConnection, run_id: str, docs: Sequence[RawDocument]) -> int:
    """Keep the sighting of documents whose exact bytes are already stored (not parsed again).

    The same page reached through a second source (a feed and a saved copy, a sitemap and a WARC) is one
    article seen twice: its bytes map to the article they were parsed into, and this source and URL are added
    to ``sightings`` (or its ``last_seen_at`` refreshed). Bytes that never became an article (quarantined
    pages) have nothing to attach to.

    Returns:
        The number of documents attached to an article.
    """
    if not docs:
        return 0
    now = datetime.now(UTC)
    seen = pa.table(
        {
            "raw_sha256": [d.sha256 for d in docs],
            "source": [d.source for d in docs],
            "url": [d.url for d in docs],
        }
    )
    with transaction(conn):
        conn.register("_repeat_sightings", seen)
        try:
            row = conn.execute(
                "INSERT INTO sightings "
                "(article_id, source, url, raw_sha256, first_run_id, first_seen_at, last_seen_at) "
                "SELECT DISTINCT ON (owner.article_id, s.source, s.url) owner.article_id, s.source, s.url, "
                "s.raw_sha256, ?, ?, ? FROM _repeat_sightings s JOIN ("
                "  SELECT raw_sha256, min(article_id) AS article_id FROM ("
                "    SELECT raw_sha256, article_id FROM article_revisions"
                "    UNION ALL SELECT raw_sha256, article_id FROM sightings"
                "  ) GROUP BY raw_sha256"
                ") owner ON owner.raw_sha256 = s.raw_sha256 "
                "ON CONFLICT (article_id, source, url) DO UPDATE SET last_seen_at = excluded.last_seen_at",
                [run_id, now, now],
            ).fetchone()
        finally:
            conn.unregister("_repeat_sightings")
    return int(row[0]) if row else 0
