"""Progress of a long run: one plain line per loaded batch for logs, redrawn in place on a terminal.

Backfills run for minutes to hours; per-batch counts alone do not say how far along a run is. Each source keeps
how many documents it has done since it started, so every line carries done (of total, where known), the rate
and, with a total, the time left.
"""

from __future__ import annotations

import sys
from datetime import timedelta

__all__ = ["draw_on_terminal", "progress_line", "progress_text", "rate_text"]


def rate_text(count: int, seconds: float) -> str:
    """``1,234 documents in 12.3 s (100.3/s)``: the closing words of a summary."""
    rate = count / seconds if seconds > 0 else 0.0
    return f"{count:,} documents in {seconds:.1f} s ({rate:,.1f}/s)"


def progress_text(done: int, total: int | None, seconds: float) -> str:
    """``1,200/3,000 documents (40%), 85.3/s, ETA 0:00:21`` (without a total: done and rate only)."""
    rate = done / seconds if seconds > 0 else 0.0
    if total:
        left = max(total - done, 0)
        eta = str(timedelta(seconds=round(left / rate))) if rate > 0 else "?"
        return f"{done:,}/{total:,} documents ({100 * done // total}%), {rate:,.1f}/s, ETA {eta}"
    return f"{done:,} documents, {rate:,.1f}/s"


def progress_line(label: str, done: int, total: int | None, seconds: float) -> str:
    """``[label] 1,200/3,000 documents (40%), 85.3/s, ETA 0:00:21``: the terminal's line."""
    return f"[{label}] {progress_text(done, total, seconds)}"


def draw_on_terminal(line: str) -> None:
    """Redraw ``line`` in place on an interactive terminal (stderr); nothing when output goes to a log."""
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K" + line)
        sys.stderr.flush()
