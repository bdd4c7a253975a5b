"""When a source must stop: the per-source and per-run deadlines of ``FetchSettings``, on one clock.

Shared by web crawls (``extractors/crawl.py``), which cancel their pages in flight at it, and by the flow's
reading of local sources (``flows/runs.py``), which stops between batches; both leave the rest to the next run.
"""

from __future__ import annotations

import time

from extractors.fetch import FetchSettings
from records.vocab import ReasonTag

__all__ = ["Deadline"]


class Deadline:
    """The time a source must stop by: its own deadline or the run's, whichever comes first.

    Times are on any monotonic clock (an event loop's, or ``time.monotonic()``), the one ``now`` was read
    from. The source's deadline is wall time spent on it: a crawl adds back the time a part waits for the flow
    to take it (the flow stores one source at a time), so a source is not cut for waiting its turn. The run's
    is absolute (``FetchSettings.run_deadline_at``).
    """

    def __init__(self, settings: FetchSettings, now: float) -> None:
        self.source_seconds = settings.source_deadline_seconds
        self.source_end = None if self.source_seconds is None else now + self.source_seconds
        self.run_end = None if settings.run_deadline_at is None else now + (settings.run_deadline_at - time.time())

    def when(self) -> float | None:
        """The clock reading to stop at, None without a deadline."""
        return min((end for end in (self.source_end, self.run_end) if end is not None), default=None)

    def passed(self, now: float) -> bool:
        when = self.when()
        return when is not None and now >= when

    def pause(self, seconds: float) -> None:
        if self.source_end is not None:
            self.source_end += seconds

    @property
    def reason(self) -> ReasonTag:
        """``run-deadline`` when the run's deadline is the one that binds, else ``source-deadline``."""
        if self.run_end is not None and (self.source_end is None or self.run_end <= self.source_end):
            return "run-deadline"
        return "source-deadline"

    def describe(self) -> str:
        if self.reason == "run-deadline":
            return "the run deadline"
        return f"the source deadline of {self.source_seconds:g} s"
