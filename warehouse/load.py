"""Transactional, idempotent loading of processed articles and everything recorded about a run.

``load_batch`` is the single entry point for article data: one call, one transaction. It decides for every
article whether it is new, a new revision of a known canonical URL, or an exact duplicate (same URL and body, or
the same body under another URL), keeps every sighting, stores the raw bytes content-addressed and compressed,
and replaces the enrichment rows of articles whose latest revision changed. Loading the same batch twice
changes nothing but ``last_seen_at`` times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import duckdb
import pyarrow as pa

from records import Enrichment, FetchAttempt, ProcessedArticle, QuarantineItem, RawDocument, Signature, Validator
from transforms.dedup import DedupConfig, StoryIndex, story_signature
from warehouse.arrow import insert_rows
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

_STRINGS = pa.list_(pa.string())
_TS = pa.timestamp("us", tz="UTC")
_EXCERPT_CHARS = 500


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


@dataclass(slots=True)
class _Known:
    """The stored state of one article that matters for deciding what a new sighting is."""

    body_hash: str
    revision: int
    recency: datetime
    hashes: set[str]


def _recency(item: ProcessedArticle) -> datetime:
    article = item.article
    moment = article.updated_at or article.published_at or article.fetched_at
    return moment if moment is not None else datetime.min.replace(tzinfo=UTC)


def _changed_fields(old_title: str | None, new: ProcessedArticle, old_hash: str) -> list[str]:
    fields = []
    if new.article.title != old_title:
        fields.append("title")
    if new.body_hash != old_hash:
        fields.append("body")
    return fields


def _signature(item: ProcessedArticle, config: DedupConfig) -> Signature:
    """The article's story signature: the one its worker made, unless made under another scheme (or none)."""
    if item.signature is not None and item.signature.scheme == config.scheme:
        return item.signature
    return story_signature(item.article.body, config)


def _load_known(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> tuple[dict[str, _Known], dict[str, str | None]]:
    known: dict[str, _Known] = {}
    titles: dict[str, str | None] = {}
    if not ids:
        return known, titles
    rows = conn.execute(
        "SELECT article_id, body_hash, revision, coalesce(updated_at, published_at, first_seen_at), title "
        "FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall()
    for article_id, body_hash, revision, recency, title in rows:
        known[article_id] = _Known(body_hash, revision, recency, set())
        titles[article_id] = title
    for article_id, body_hash in conn.execute(
        "SELECT article_id, body_hash FROM article_revisions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    ).fetchall():
        known[article_id].hashes.add(body_hash)
    return known, titles


def _load_body_owners(conn: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, str]:
    if not hashes:
        return {}
    rows = conn.execute(
        "SELECT body_hash, min(article_id) FROM article_revisions "
        "WHERE body_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY body_hash",
        [hashes],
    ).fetchall()
    return {body_hash: article_id for body_hash, article_id in rows}


def _article_row(item: ProcessedArticle, revision: int, first_seen: datetime, now: datetime) -> dict[str, object]:
    a = item.article
    return {
        "article_id": item.article_id,
        "canonical_url": a.canonical_url,
        "url": a.url,
        "source": a.source,
        "title": a.title,
        "authors": list(a.authors),
        "published_at": a.published_at,
        "published_offset_minutes": a.published_offset_minutes,
        "updated_at": a.updated_at,
        "language": a.language,
        "section": a.section,
        "dateline": a.dateline,
        "lead": a.lead,
        "body": a.body,
        "body_hash": item.body_hash,
        "body_length": len(a.body),
        "raw_sha256": a.raw_sha256,
        "structured": a.structured,
        "is_article": a.is_article,
        "not_article_reason": a.not_article_reason,
        "revision": revision,
        "first_seen_at": first_seen,
        "last_changed_at": now,
    }


def _columns(rows: list[dict[str, object]]) -> dict[str, list[object]]:
    return {key: [row[key] for row in rows] for key in rows[0]} if rows else {}


_ARTICLE_TYPES = {
    "authors": _STRINGS,
    "published_at": _TS,
    "updated_at": _TS,
    "first_seen_at": _TS,
    "last_changed_at": _TS,
    "published_offset_minutes": pa.int32(),
    "revision": pa.int32(),
    "body_length": pa.int32(),
}
_UPSERT_ARTICLE = "ON CONFLICT (article_id) DO UPDATE SET " + ", ".join(
    f"{c} = excluded.{c}"
    for c in [
        "canonical_url",
        "url",
        "source",
        "title",
        "authors",
        "published_at",
        "published_offset_minutes",
        "updated_at",
        "language",
        "section",
        "dateline",
        "lead",
        "body",
        "body_hash",
        "body_length",
        "raw_sha256",
        "structured",
        "is_article",
        "not_article_reason",
        "revision",
        "last_changed_at",
    ]
)


def _store_raw(conn: duckdb.DuckDBPyConnection, raw: Sequence[RawDocument]) -> None:
    unique = {doc.sha256: doc for doc in raw}
    if not unique:
        return
    docs = list(unique.values())
    insert_rows(
        conn,
        "raw_documents",
        {
            "sha256": [d.sha256 for d in docs],
            "compression": [RAW_COMPRESSION] * len(docs),
            "content": [compress_raw(d.content) for d in docs],
            "size_bytes": [len(d.content) for d in docs],
            "content_type": [d.content_type for d in docs],
            "first_source": [d.source for d in docs],
            "first_url": [d.url for d in docs],
            "first_seen_at": [d.fetched_at for d in docs],
        },
        conflict="ON CONFLICT (sha256) DO NOTHING",
        types={"content": pa.binary(), "content_type": pa.string(), "first_seen_at": _TS},
    )


def _place_id(place_geonameid: int | None, country: str | None, within: str | None, name: str) -> str:
    if place_geonameid is not None:
        return f"gn:{place_geonameid}"
    return "name:" + ":".join(part.casefold() for part in (country or "", within or "", name))


def _event_date(item: ProcessedArticle) -> object:
    a = item.article
    if a.published_at is None:
        return None
    return (a.published_at + timedelta(minutes=a.published_offset_minutes or 0)).date()


def _replace_enrichment(
    conn: duckdb.DuckDBPyConnection, items: Sequence[ProcessedArticle], stored: Sequence[str]
) -> None:
    """Write the enrichment rows of ``items``, first deleting those of the ``stored`` articles among them
    (articles new to the warehouse have none, and skipping their deletes keeps large loads cheap)."""
    if stored:
        for table in ("article_places", "article_actors", "events", "figures"):
            conn.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [list(stored)])
    places: dict[str, list[object]] = {
        k: []
        for k in ["place_id", "name", "geonameid", "country", "admin1", "latitude", "longitude", "precision", "within"]
    }
    mentions: dict[str, list[object]] = {
        k: [] for k in ["article_id", "place_id", "text", "start_offset", "end_offset", "is_primary", "reason"]
    }
    actor_rows: dict[str, list[object]] = {
        k: [] for k in ["article_id", "actor_id", "actor_type", "text", "start_offset", "end_offset"]
    }
    event_rows: dict[str, list[object]] = {
        k: []
        for k in [
            "event_id",
            "article_id",
            "ordinal",
            "event_date",
            "event_type",
            "sub_event_type",
            "evidence",
            "start_offset",
            "end_offset",
            "actor_ids",
            "place_id",
            "rule",
        ]
    }
    figure_rows: dict[str, list[object]] = {
        k: []
        for k in [
            "figure_id",
            "article_id",
            "event_id",
            "category",
            "subject",
            "value_low",
            "value_high",
            "share",
            "qualifier",
            "scope",
            "claimant",
            "claimant_actor_id",
            "verb",
            "disputed",
            "text",
            "sentence",
            "start_offset",
            "end_offset",
        ]
    }
    place_ids: set[str] = set()
    for item in items:
        _collect_enrichment(item, item.enrichment, places, mentions, actor_rows, event_rows, figure_rows, place_ids)
    insert_rows(
        conn,
        "places",
        places,
        conflict="ON CONFLICT (place_id) DO NOTHING",
        types={
            "geonameid": pa.int64(),
            "latitude": pa.float64(),
            "longitude": pa.float64(),
            "country": pa.string(),
            "admin1": pa.string(),
            "within": pa.string(),
        },
    )
    insert_rows(conn, "article_places", mentions)
    insert_rows(conn, "article_actors", actor_rows)
    insert_rows(
        conn, "events", event_rows, types={"actor_ids": _STRINGS, "event_date": pa.date32(), "place_id": pa.string()}
    )
    insert_rows(
        conn,
        "figures",
        figure_rows,
        types={
            "event_id": pa.string(),
            "value_low": pa.int64(),
            "value_high": pa.int64(),
            "share": pa.float64(),
            "qualifier": pa.string(),
            "subject": pa.string(),
            "claimant_actor_id": pa.string(),
            "verb": pa.string(),
        },
    )


def _collect_enrichment(
    item: ProcessedArticle,
    found: Enrichment,
    places: dict[str, list[object]],
    mentions: dict[str, list[object]],
    actor_rows: dict[str, list[object]],
    event_rows: dict[str, list[object]],
    figure_rows: dict[str, list[object]],
    place_ids: set[str],
) -> None:
    primary = found.primary_place
    seen_offsets: set[int] = set()
    for p in found.places:
        if p.start in seen_offsets:
            continue
        seen_offsets.add(p.start)
        place_id = _place_id(p.geonameid, p.country, p.within, p.name)
        if place_id not in place_ids:
            place_ids.add(place_id)
            for key, value in zip(
                places,
                (place_id, p.name, p.geonameid, p.country, p.admin1, p.latitude, p.longitude, p.precision, p.within),
                strict=True,
            ):
                places[key].append(value)
        is_primary = primary is not None and primary.start == p.start
        for key, value in zip(
            mentions, (item.article_id, place_id, p.text, p.start, p.end, is_primary, p.reason), strict=True
        ):
            mentions[key].append(value)
    actor_offsets: set[int] = set()
    for m in found.actors:
        if m.start in actor_offsets:
            continue
        actor_offsets.add(m.start)
        for key, value in zip(
            actor_rows, (item.article_id, m.actor_id, m.actor_type, m.text, m.start, m.end), strict=True
        ):
            actor_rows[key].append(value)
    event_ids: list[tuple[int, str]] = []
    for ordinal, e in enumerate(found.events):
        event_id = f"{item.article_id}-e{ordinal}"
        event_ids.append((e.start, event_id))
        place = e.place or primary
        place_id = _place_id(place.geonameid, place.country, place.within, place.name) if place else None
        values = (
            event_id,
            item.article_id,
            ordinal,
            _event_date(item),
            e.event_type,
            e.sub_event_type,
            e.evidence,
            e.start,
            e.end,
            list(e.actor_ids),
            place_id,
            e.rule,
        )
        for key, value in zip(event_rows, values, strict=True):
            event_rows[key].append(value)
    for f in found.figures:
        event_id = (
            min(event_ids, key=lambda pair: abs(pair[0] - f.start))[1] if event_ids and f.scope == "event" else None
        )
        figure_id = f"{item.article_id}-f{f.start}-{f.category}"
        values = (
            figure_id,
            item.article_id,
            event_id,
            f.category,
            f.subject,
            f.value_low,
            f.value_high,
            f.share,
            f.qualifier,
            f.scope,
            f.claimant,
            f.claimant_actor_id,
            f.verb,
            f.disputed,
            f.text,
            f.sentence,
            f.start,
            f.end,
        )
        for key, value in zip(figure_rows, values, strict=True):
            figure_rows[key].append(value)


def _sighting_rows(
    batch: LoadBatch, owners: list[tuple[str, ProcessedArticle]], now: datetime
) -> dict[str, list[object]]:
    unique = {(article_id, item.article.source, item.article.url): item for article_id, item in owners}
    return {
        "article_id": [key[0] for key in unique],
        "source": [key[1] for key in unique],
        "url": [key[2] for key in unique],
        "raw_sha256": [item.article.raw_sha256 for item in unique.values()],
        "first_run_id": [batch.run_id] * len(unique),
        "first_seen_at": [now] * len(unique),
        "last_seen_at": [now] * len(unique),
    }


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
        with transaction(conn):
            _store_raw(conn, batch.raw)
            known, titles = _load_known(conn, sorted({i.article_id for i in items}))
            stored_before = frozenset(known)
            body_owners = _load_body_owners(conn, sorted({i.body_hash for i in items}))
            latest: dict[str, tuple[ProcessedArticle, int]] = {}
            revisions: list[dict[str, object]] = []
            sightings: list[tuple[str, ProcessedArticle]] = []
            new = revised = duplicate = 0
            for item in items:
                state = known.get(item.article_id)
                if state is None:
                    owner = body_owners.get(item.body_hash)
                    if owner is not None and owner != item.article_id:
                        duplicate += 1
                        sightings.append((owner, item))
                        continue
                    state = _Known(item.body_hash, 0, _recency(item), set())
                    known[item.article_id] = state
                    titles[item.article_id] = item.article.title
                    new += 1
                elif item.body_hash in state.hashes:
                    duplicate += 1
                    sightings.append((item.article_id, item))
                    if batch.rederive and item.body_hash == state.body_hash:
                        latest[item.article_id] = (item, state.revision)
                    continue
                else:
                    revised += 1
                state.revision += 1
                state.hashes.add(item.body_hash)
                body_owners.setdefault(item.body_hash, item.article_id)
                revisions.append(
                    {
                        "article_id": item.article_id,
                        "revision": state.revision,
                        "body_hash": item.body_hash,
                        "title": item.article.title,
                        "body": item.article.body,
                        "raw_sha256": item.article.raw_sha256,
                        "published_at": item.article.published_at,
                        "updated_at": item.article.updated_at,
                        "changed_fields": ["title", "body"]
                        if state.revision == 1
                        else _changed_fields(titles.get(item.article_id), item, state.body_hash),
                        "seen_at": now,
                    }
                )
                if state.revision == 1 or _recency(item) >= state.recency:
                    state.recency, state.body_hash = _recency(item), item.body_hash
                    titles[item.article_id] = item.article.title
                    latest[item.article_id] = (item, state.revision)
                sightings.append((item.article_id, item))
            insert_rows(
                conn,
                "article_revisions",
                _columns(revisions),
                types={
                    "changed_fields": _STRINGS,
                    "published_at": _TS,
                    "updated_at": _TS,
                    "seen_at": _TS,
                    "title": pa.string(),
                },
            )
            for replacing in (False, True):
                rows = [
                    _article_row(item, revision, now, now)
                    for article_id, (item, revision) in latest.items()
                    if (article_id in stored_before) == replacing
                ]
                conflict = _UPSERT_ARTICLE if replacing else ""
                insert_rows(conn, "articles", _columns(rows), conflict=conflict, types=_ARTICLE_TYPES)
            insert_rows(
                conn,
                "sightings",
                _sighting_rows(batch, sightings, now),
                conflict="ON CONFLICT (article_id, source, url) DO UPDATE SET last_seen_at = excluded.last_seen_at",
                types={"first_seen_at": _TS, "last_seen_at": _TS},
            )
            _replace_enrichment(conn, [item for item, _ in latest.values()], [a for a in latest if a in stored_before])
            if stories is not None:
                save_story_assignments(
                    conn,
                    [
                        stories.assign(
                            item.article_id,
                            _signature(item, stories.config),
                            published_at=item.article.published_at,
                            length=len(item.article.body),
                        )
                        for item, _ in latest.values()
                    ],
                )
            quarantined = _upsert_quarantine(conn, batch.run_id, batch.quarantined, now)
    except duckdb.Error as exc:
        raise LoadError(
            f"loading a batch of source {batch.source!r} failed: {exc}",
            db="warehouse",
            row=items[0].article.url if items else None,
        ) from exc
    return LoadSummary(new, revised, duplicate, quarantined, tuple(latest))


def _upsert_quarantine(
    conn: duckdb.DuckDBPyConnection, run_id: str, items: Sequence[QuarantineItem], now: datetime
) -> int:
    unique = {(q.stage, q.source, q.url or "", q.reason): q for q in items}
    if not unique:
        return 0
    insert_rows(
        conn,
        "quarantine",
        {
            "stage": [k[0] for k in unique],
            "source": [k[1] for k in unique],
            "url": [k[2] for k in unique],
            "reason": [k[3] for k in unique],
            "detail": [q.detail for q in unique.values()],
            "excerpt": [q.excerpt[:_EXCERPT_CHARS] for q in unique.values()],
            "first_run_id": [run_id] * len(unique),
            "last_run_id": [run_id] * len(unique),
            "first_seen_at": [now] * len(unique),
            "last_seen_at": [now] * len(unique),
            "times_seen": [1] * len(unique),
        },
        conflict="ON CONFLICT (stage, source, url, reason) DO UPDATE SET last_run_id = excluded.last_run_id, "
        "last_seen_at = excluded.last_seen_at, detail = excluded.detail, times_seen = quarantine.times_seen + 1",
        types={"detail": pa.string(), "first_seen_at": _TS, "last_seen_at": _TS, "times_seen": pa.int32()},
    )
    return len(unique)


def record_quarantine(conn: duckdb.DuckDBPyConnection, run_id: str, items: Sequence[QuarantineItem]) -> int:
    """Record quarantined items outside an article batch (a failed source, a broken feed item)."""
    with transaction(conn):
        return _upsert_quarantine(conn, run_id, items, datetime.now(UTC))


def record_fetches(conn: duckdb.DuckDBPyConnection, run_id: str, attempts: Sequence[FetchAttempt]) -> int:
    """Append fetch attempts to ``fetches``: the log is append-only by design, one row per attempt."""
    with transaction(conn):
        return insert_rows(
            conn,
            "fetches",
            {
                "run_id": [run_id] * len(attempts),
                "source": [a.source for a in attempts],
                "url": [a.url for a in attempts],
                "final_url": [a.final_url for a in attempts],
                "status": [a.status for a in attempts],
                "bytes": [a.bytes for a in attempts],
                "elapsed_ms": [a.elapsed_ms for a in attempts],
                "attempt": [a.attempt for a in attempts],
                "error_class": [a.error_class for a in attempts],
                "conditional_hit": [a.conditional_hit for a in attempts],
                "redirects": [list(a.redirects) for a in attempts],
                "fetched_at": [a.fetched_at for a in attempts],
            },
            types={
                "final_url": pa.string(),
                "status": pa.int32(),
                "error_class": pa.string(),
                "redirects": _STRINGS,
                "fetched_at": _TS,
                "elapsed_ms": pa.float64(),
            },
        )


def save_validators(conn: duckdb.DuckDBPyConnection, source: str, validators: Sequence[Validator]) -> None:
    """Remember ETag/Last-Modified per URL so the next run can ask conditionally."""
    now = datetime.now(UTC)
    unique = {v.url: v for v in validators}
    with transaction(conn):
        insert_rows(
            conn,
            "http_validators",
            {
                "url": list(unique),
                "source": [source] * len(unique),
                "etag": [v.etag for v in unique.values()],
                "last_modified": [v.last_modified for v in unique.values()],
                "updated_at": [now] * len(unique),
            },
            conflict="ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
            "updated_at = excluded.updated_at",
            types={"etag": pa.string(), "last_modified": pa.string(), "updated_at": _TS},
        )


def save_cursor(conn: duckdb.DuckDBPyConnection, source: str, cursor: datetime | None) -> None:
    """Move a source's cursor forward (never back) once its data is loaded."""
    if cursor is None:
        return
    with transaction(conn):
        conn.execute(
            "INSERT INTO source_cursors VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET "
            "cursor = greatest(source_cursors.cursor, excluded.cursor), updated_at = excluded.updated_at",
            [source, cursor, datetime.now(UTC)],
        )


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
