"""Where an incremental export starts: the newest article change the last ``--since-last`` export included.

Exports open the warehouse read-only (they run beside other readers), so the mark cannot live inside it: it is
kept per format in ``<warehouse>.exports.json`` next to the warehouse file.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from flows.errors import FlowError

__all__ = ["last_export", "marks_file", "record_export"]


def marks_file(db: Path) -> Path:
    """``<warehouse>.exports.json`` beside the warehouse."""
    return db.with_name(db.name + ".exports.json")


def _marks(db: Path) -> dict[str, str]:
    file = marks_file(db)
    try:
        marks = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise FlowError(f"{file}: cannot read the last export marks: {exc}") from exc
    if not isinstance(marks, dict):
        raise FlowError(f"{file}: not a JSON object of export marks")
    return marks


def last_export(db: Path, fmt: str) -> datetime | None:
    """The newest change the last incremental ``fmt`` export of ``db`` included (None: never exported)."""
    mark = _marks(db).get(fmt)
    return datetime.fromisoformat(mark) if mark else None


def record_export(db: Path, fmt: str, newest: datetime | None) -> None:
    """Remember ``newest`` as where the next incremental ``fmt`` export of ``db`` starts."""
    if newest is None:
        return
    marks = _marks(db)
    marks[fmt] = newest.isoformat()
    marks_file(db).write_text(json.dumps(marks, indent=2) + "\n", encoding="utf-8")
