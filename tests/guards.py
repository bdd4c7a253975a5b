"""A CPU-time guard for tests of hostile input, instead of asserting how long something took.

The assertion of such a test is on what it counts (characters produced, nodes kept, rows loaded). The guard is only
there so a regression (an entity expansion, a quadratic parse) fails the test instead of hanging the suite; it is
set at ten times or more what the block needs, so a loaded machine does not trip it.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["cpu_guard"]


@contextmanager
def cpu_guard(seconds: float) -> Iterator[None]:
    """Raise ``TimeoutError`` inside the block once this process has spent ``seconds`` of CPU in it (main thread)."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"more than {seconds} s of CPU: far beyond what this input needs")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
