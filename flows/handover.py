"""The hand-over of a crawl's parts from its task thread to the flow thread, which stores them.

Bounded, so a crawl runs at most one part ahead of the warehouse (memory stays flat however many pages a source
has); closable from either side: the crawl's task closes it when it ends, however it ends, and the flow closes
it when it gives up on the source, which makes the crawl's next hand-over raise so the crawl stops.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator

from extractors.crawl import CrawlResult
from flows.errors import FlowError

__all__ = ["CrawlAbandonedError", "PartChannel"]


class CrawlAbandonedError(FlowError):
    """The flow stopped taking this crawl's parts (its source failed while loading): the crawl stops too."""


class PartChannel:
    """A queue of at most ``capacity`` crawl parts between one producer thread and one consumer thread."""

    def __init__(self, source: str, capacity: int = 1) -> None:
        self.source = source
        self.capacity = capacity
        self.parts: deque[CrawlResult] = deque()
        self.closed = False
        self.changed = threading.Condition()

    def put(self, part: CrawlResult) -> None:
        """Wait for room, then queue ``part``.

        Raises:
            CrawlAbandonedError: the channel was closed (by the flow) before there was room.
        """
        with self.changed:
            self.changed.wait_for(lambda: self.closed or len(self.parts) < self.capacity)
            if self.closed:
                raise CrawlAbandonedError(f"[{self.source}] the flow no longer takes this crawl's parts")
            self.parts.append(part)
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def __iter__(self) -> Iterator[CrawlResult]:
        """The parts in order, until the channel is closed and empty."""
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.closed or bool(self.parts))
                if not self.parts:
                    return
                part = self.parts.popleft()
                self.changed.notify_all()
            yield part
