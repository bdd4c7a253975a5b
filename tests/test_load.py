"""The loader on a real DuckDB file: new, duplicate, revision and exact-duplicate-by-body, idempotently."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from records import Article, Enrichment, Figure, PlaceMention, ProcessedArticle, QuarantineItem, RawDocument
from transforms.dedup import DedupConfig
from transforms.normalise import article_id_for, body_hash_for
from warehouse.inspect import table_counts
from warehouse.load import LoadBatch, load_batch
from warehouse.migrate import migrate
from warehouse.stories import load_story_index

BODY = "Government forces took the district on Monday.\n\nResidents fled towards the river, witnesses said."
UPDATED = BODY + "\n\nThe toll rose to 12 by evening, the health ministry said."


def item(
    url: str, body: str, *, source: str = "s", updated: datetime | None = None
) -> tuple[ProcessedArticle, RawDocument]:
    raw = RawDocument(source, url, url, datetime(2024, 5, 1, tzinfo=UTC), f"<html>{url}{body}</html>".encode())
    article = Article(
        source=source,
        url=url,
        canonical_url=url,
        raw_sha256=raw.sha256,
        title="A town falls",
        body=body,
        published_at=datetime(2024, 5, 1, 8, tzinfo=UTC),
        updated_at=updated,
        fetched_at=raw.fetched_at,
    )
    place = PlaceMention("Aleppo", 0, 6, "Aleppo", 170063, "SY", "09", 36.2, 37.16, "city", "test")
    figure = Figure("12", 0, 2, "killed", 12, 12, None, None, "event", "the health ministry", "said", "s")
    enrichment = Enrichment(places=(place,), primary_place=place, figures=(figure,))
    return ProcessedArticle(article, article_id_for(url), body_hash_for(body), enrichment), raw


@pytest.fixture()
def conn(db_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(db_path))
    migrate(connection)
    return connection


def load(conn: duckdb.DuckDBPyConnection, *pairs: tuple[ProcessedArticle, RawDocument], quarantined=()) -> object:
    index = load_story_index(conn, DedupConfig())
    return load_batch(
        conn, LoadBatch("run-1", "s", [p for p, _ in pairs], [r for _, r in pairs], list(quarantined)), index
    )


def test_new_then_same_batch_again_changes_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    bad = QuarantineItem("parse", "s", "https://x.example/bad", "empty-document", "")
    first = load(conn, item("https://x.example/a", BODY), quarantined=[bad])
    assert (first.new, first.duplicate, first.quarantined) == (1, 0, 1)
    counts = table_counts(conn)
    second = load(conn, item("https://x.example/a", BODY), quarantined=[bad])
    assert (second.new, second.revised, second.duplicate) == (0, 0, 1)
    assert table_counts(conn) == counts
    assert conn.execute("SELECT times_seen FROM quarantine").fetchone() == (2,)
    assert counts["articles"] == 1 and counts["article_places"] == 1 and counts["figures"] == 1
    assert conn.execute("SELECT story_id IS NOT NULL FROM articles").fetchone() == (True,)


def test_same_body_under_another_url_is_one_article_with_two_sightings(conn: duckdb.DuckDBPyConnection) -> None:
    summary = load(conn, item("https://x.example/a", BODY), item("https://mirror.example/a", BODY, source="s2"))
    assert (summary.new, summary.duplicate) == (1, 1)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    assert conn.execute("SELECT count(*), count(DISTINCT article_id) FROM sightings").fetchone() == (2, 1)


def test_changed_body_is_a_revision_and_articles_shows_the_latest(conn: duckdb.DuckDBPyConnection) -> None:
    load(conn, item("https://x.example/a", BODY))
    later = datetime(2024, 5, 1, 18, tzinfo=UTC)
    summary = load(conn, item("https://x.example/a", UPDATED, updated=later))
    assert summary.revised == 1
    assert conn.execute("SELECT revision, body FROM articles").fetchone() == (2, UPDATED)
    revisions = conn.execute("SELECT revision, changed_fields FROM article_revisions ORDER BY revision").fetchall()
    assert revisions == [(1, ["title", "body"]), (2, ["body"])]
    assert load(conn, item("https://x.example/a", BODY)).duplicate == 1, "an old version seen again adds nothing"
    assert conn.execute("SELECT revision FROM articles").fetchone() == (2,)


def test_older_version_arriving_later_does_not_replace_the_latest(conn: duckdb.DuckDBPyConnection) -> None:
    load(conn, item("https://x.example/a", UPDATED, updated=datetime(2024, 5, 1, 18, tzinfo=UTC)))
    summary = load(conn, item("https://x.example/a", BODY))
    assert summary.revised == 1
    assert conn.execute("SELECT body FROM articles").fetchone() == (UPDATED,)


def test_whitespace_only_change_is_not_a_revision(conn: duckdb.DuckDBPyConnection) -> None:
    load(conn, item("https://x.example/a", BODY))
    summary = load(conn, item("https://x.example/a", BODY.replace(" on Monday", "  on  Monday")))
    assert (summary.revised, summary.duplicate) == (0, 1)


def test_raw_bytes_are_stored_compressed_and_recoverable(conn: duckdb.DuckDBPyConnection) -> None:
    from warehouse.raw import decompress_raw

    processed, raw = item("https://x.example/a", BODY)
    load(conn, (processed, raw))
    codec, content, size = conn.execute("SELECT compression, content, size_bytes FROM raw_documents").fetchone()
    assert codec == "zstd" and len(content) < len(raw.content) + 64
    assert decompress_raw(codec, content, size) == raw.content and size == len(raw.content)
