"""Plain-text tables for the terminal: the run summary, ``sql`` results, ``stats``."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["format_table"]

_MAX_CELL = 60


def _cell(value: object) -> str:
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Render rows under headers with aligned columns (numbers right-aligned), long cells cut."""
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [all(isinstance(row[i], int | float) for row in rows) and bool(rows) for i in range(len(headers))]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = (v.rjust(w) if numeric[i] else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True)))
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])
