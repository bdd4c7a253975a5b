"""Errors of the warehouse stage.

    WarehouseError          (db=)
    ├── MigrationError      a migration file failed, or an applied one was edited (checksum)
    ├── WarehouseLockedError another process holds the write lock on the DuckDB file
    └── LoadError           a batch could not be loaded; nothing of it was written (row= names the article)

DuckDB's own exceptions are translated here, at the edge, so callers above see one hierarchy.
"""

from __future__ import annotations

__all__ = ["LoadError", "MigrationError", "WarehouseError", "WarehouseLockedError"]


class WarehouseError(Exception):
    """Base of the warehouse stage's errors; ``db`` is the DuckDB file at fault."""

    def __init__(self, message: str, *, db: str, row: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.db = db
        self.row = row

    def __str__(self) -> str:
        where = f" (row {self.row})" if self.row else ""
        return f"{self.message}{where} [{self.db}]"


class MigrationError(WarehouseError):
    pass


class WarehouseLockedError(WarehouseError):
    pass


class LoadError(WarehouseError):
    pass
