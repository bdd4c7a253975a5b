"""Story clusters in DuckDB: stored MinHash signatures, cluster membership and the clusters themselves.

The loader calls these inside its load transaction (they never begin or commit one), so an article, its
signature and its story membership land together or not at all. Writes are upserts that only touch rows whose
values changed: re-running the same inputs leaves every row, timestamps included, as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import duckdb

from records.rows import StoryMemberRow, StorySignatureRow
from transforms.dedup import DedupConfig, StoredSignature, StoryAssignment, StoryIndex
from warehouse import tables
from warehouse.arrow import insert_rows

__all__ = ["load_story_index", "save_story_assignments"]


_FETCH_ROWS = 10_000


def load_story_index(conn: duckdb.DuckDBPyConnection, config: DedupConfig) -> StoryIndex:
    """Rebuild the near-duplicate index from the signatures stored under ``config.scheme``.

    Reads only ``story_signatures`` (about 0.6 KB per article), never article bodies; signatures made under
    another scheme are ignored, so changing the config starts an empty index until ``reprocess`` re-signs.
    """
    result = conn.execute(
        "SELECT article_id, story_id, signature, shingle_count, published_at, body_length "
        "FROM story_signatures WHERE scheme = ? ORDER BY article_id",
        [config.scheme],
    )

    def stored() -> Iterator[StoredSignature]:
        while rows := result.fetchmany(_FETCH_ROWS):
            for article_id, story_id, signature, shingle_count, published_at, length in rows:
                yield StoredSignature(article_id, story_id, bytes(signature), shingle_count, published_at, length)

    return StoryIndex.from_signatures(stored(), config)


def save_story_assignments(conn: duckdb.DuckDBPyConnection, assignments: Sequence[StoryAssignment]) -> None:
    """Store signatures, memberships and the clusters they touch; set ``articles.story_id``.

    Args:
        conn: the loader's connection, inside its transaction.
        assignments: in the order ``StoryIndex.assign`` produced them; a later assignment's re-scored
            similarities override earlier ones.
    """
    if not assignments:
        return
    now = datetime.now(UTC)
    latest = {a.article_id: a for a in assignments}
    members: dict[str, tuple[str, float]] = {}
    representatives: dict[str, str] = {}
    for assignment in assignments:
        for rescored in assignment.rescored:
            members[rescored.article_id] = (assignment.story_id, rescored.similarity)
        members[assignment.article_id] = (assignment.story_id, assignment.similarity)
        representatives[assignment.story_id] = assignment.representative_article_id
    _upsert_signatures(conn, list(latest.values()), now)
    _upsert_members(conn, members, now)
    _upsert_clusters(conn, representatives, now)
    conn.execute(
        "UPDATE articles SET story_id = m.story_id FROM story_members m "
        "WHERE articles.article_id = m.article_id AND m.article_id IN (SELECT unnest(?::VARCHAR[])) "
        "AND articles.story_id IS DISTINCT FROM m.story_id",
        [list(members)],
    )


def _upsert_signatures(conn: duckdb.DuckDBPyConnection, assignments: Sequence[StoryAssignment], now: datetime) -> None:
    rows = [
        StorySignatureRow(
            article_id=a.article_id,
            story_id=a.story_id,
            scheme=a.scheme,
            signature=a.signature,
            shingle_count=a.shingle_count,
            published_at=a.published_at,
            body_length=a.length,
            signed_at=now,
        )
        for a in assignments
    ]
    insert_rows(conn, tables.STORY_SIGNATURES, rows)


def _upsert_members(conn: duckdb.DuckDBPyConnection, members: dict[str, tuple[str, float]], now: datetime) -> None:
    rows = [
        StoryMemberRow(article_id=article_id, story_id=story_id, similarity=similarity, added_at=now)
        for article_id, (story_id, similarity) in members.items()
    ]
    insert_rows(conn, tables.STORY_MEMBERS, rows)


def _upsert_clusters(conn: duckdb.DuckDBPyConnection, representatives: dict[str, str], now: datetime) -> None:
    """Recount the touched clusters from ``story_members``; first seen is the earliest member sighting."""
    conn.execute(
        "INSERT INTO story_clusters "
        "(story_id, representative_article_id, first_seen_at, member_count, updated_at) "
        "SELECT m.story_id, r.representative, "
        "coalesce(min(a.first_seen_at), min(s.published_at), ?::TIMESTAMPTZ), count(*), ?::TIMESTAMPTZ "
        "FROM story_members m "
        "JOIN (SELECT unnest(?::VARCHAR[]) AS story_id, unnest(?::VARCHAR[]) AS representative) r "
        "ON r.story_id = m.story_id "
        "LEFT JOIN articles a ON a.article_id = m.article_id "
        "LEFT JOIN story_signatures s ON s.article_id = m.article_id "
        "GROUP BY m.story_id, r.representative "
        "ON CONFLICT (story_id) DO UPDATE SET representative_article_id = excluded.representative_article_id, "
        "first_seen_at = excluded.first_seen_at, member_count = excluded.member_count, "
        "updated_at = excluded.updated_at "
        "WHERE (story_clusters.representative_article_id, story_clusters.first_seen_at, "
        "story_clusters.member_count) IS DISTINCT FROM "
        "(excluded.representative_article_id, excluded.first_seen_at, excluded.member_count)",
        [now, now, list(representatives), list(representatives.values())],
    )
