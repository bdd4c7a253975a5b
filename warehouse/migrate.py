"""Schema migrations: versioned SQL files applied in order, each in its own transaction, and recorded.

The version is derived from the sorted files in ``warehouse/migrations`` (``NNNN_verb_object.sql``); the
``schema_migrations`` table records each applied file's name, checksum and UTC time. An applied file whose
checksum changed is refused: migrations are never edited after they land. Views are not migrations: they are
re-created from ``warehouse/views/*.sql`` after every migrate, so a view fix needs no new version.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

import duckdb

from warehouse.connection import transaction
from warehouse.countries import sync_country_names
from warehouse.errors import MigrationError

__all__ = ["Migration", "MigrationStatus", "apply_views", "list_migrations", "migrate", "read_migrations"]

_NAME = re.compile(r"^(?P<version>\d{4})_(?P<slug>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    migration: Migration
    applied_at: datetime | None


def _database_name(conn: duckdb.DuckDBPyConnection) -> str:
    row = conn.execute("SELECT current_database()").fetchone()
    return str(row[0]) if row else "?"


def read_migrations() -> tuple[Migration, ...]:
    """The migration files shipped with the package, sorted by version.

    Raises:
        MigrationError: a file is misnamed or two files share a version.
    """
    found: dict[int, Migration] = {}
    folder = resources.files("warehouse").joinpath("migrations")
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _NAME.match(entry.name)
        if not match:
            raise MigrationError(f"migration file {entry.name!r} is not named NNNN_verb_object.sql", db="-")
        version = int(match.group("version"))
        if version in found:
            raise MigrationError(f"two migrations share version {version}: {found[version].name}, {entry.name}", db="-")
        found[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return tuple(found[v] for v in sorted(found))


def _ensure_ledger(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, datetime]]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    rows = conn.execute("SELECT name, checksum, applied_at FROM schema_migrations").fetchall()
    return {name: (checksum, applied_at) for name, checksum, applied_at in rows}


def list_migrations(conn: duckdb.DuckDBPyConnection) -> tuple[MigrationStatus, ...]:
    """Every known migration with the time it was applied to this database, or None if pending."""
    applied = _ensure_ledger(conn)
    return tuple(MigrationStatus(m, applied[m.name][1] if m.name in applied else None) for m in read_migrations())


def migrate(conn: duckdb.DuckDBPyConnection) -> tuple[Migration, ...]:
    """Apply pending migrations in order, then (re)create the views and refresh the reference tables.

    Returns:
        The migrations applied by this call (empty when the schema was current).

    Raises:
        MigrationError: an applied migration was edited, or a migration's SQL failed (that file is rolled back,
            earlier ones stay applied).
    """
    db = _database_name(conn)
    applied = _ensure_ledger(conn)
    done: list[Migration] = []
    for migration in read_migrations():
        if migration.name in applied:
            if applied[migration.name][0] != migration.checksum:
                raise MigrationError(
                    f"migration {migration.name} was edited after it was applied (checksum differs)", db=db
                )
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                [migration.version, migration.name, migration.checksum, datetime.now(UTC)],
            )
        except duckdb.Error as exc:
            conn.execute("ROLLBACK")
            raise MigrationError(f"migration {migration.name} failed: {exc}", db=db) from exc
        conn.execute("COMMIT")
        done.append(migration)
    apply_views(conn)
    try:
        with transaction(conn):
            sync_country_names(conn)
    except duckdb.Error as exc:
        raise MigrationError(f"refreshing country_names failed: {exc}", db=db) from exc
    return tuple(done)


def apply_views(conn: duckdb.DuckDBPyConnection) -> None:
    """Re-create every analyst view from ``warehouse/views/*.sql`` (files applied in name order)."""
    folder = resources.files("warehouse").joinpath("views")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".sql"):
            try:
                conn.execute(entry.read_text(encoding="utf-8"))
            except duckdb.Error as exc:
                raise MigrationError(f"view file {entry.name} failed: {exc}", db=_database_name(conn)) from exc
