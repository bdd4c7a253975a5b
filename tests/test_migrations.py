"""Migrations: numbered contiguously, applied once in order, recorded, and an edited one is refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.errors import MigrationError
from warehouse.migrate import list_migrations, migrate, read_migrations

CONTRACT_TABLES = {
    "sources",
    "runs",
    "fetches",
    "raw_documents",
    "articles",
    "article_revisions",
    "sightings",
    "story_clusters",
    "places",
    "article_places",
    "actors",
    "article_actors",
    "events",
    "figures",
    "quarantine",
}


def test_versions_are_unique_and_contiguous() -> None:
    versions = [m.version for m in read_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_migrate_creates_the_contract_once(db_path: Path) -> None:
    conn = duckdb.connect(str(db_path))
    applied = migrate(conn)
    assert [m.name for m in applied] == [m.name for m in read_migrations()]
    tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables >= CONTRACT_TABLES
    assert migrate(conn) == ()
    statuses = list_migrations(conn)
    assert all(s.applied_at is not None for s in statuses)
    conn.close()


def test_edited_migration_is_refused(db_path: Path) -> None:
    conn = duckdb.connect(str(db_path))
    migrate(conn)
    conn.execute("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1")
    with pytest.raises(MigrationError, match="edited after it was applied"):
        migrate(conn)
    conn.close()
