"""The hand-over of a crawl's parts from its task thread to the flow thread, which stores them.

One part at a time, acknowledged: the crawl hands a part over only once the flow has stored the one before, so
at most one handed-over part is unstored at any moment, and the crawl (which fetches no page past the part it
gathers, ``extractors/crawl.py``) holds at most one more. A kill then loses at most those two, and memory stays
flat however many pages a source has. Closable from either side: the crawl's task closes it when it ends,
however it ends, and the flow closes it when it gives up on the source, which makes the crawl's next hand-over
raise so the crawl stops.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from extractors.crawl import CrawlResult
from flows.errors import FlowError

__all__ = ["CrawlAbandonedError", "PartChannel"]


class CrawlAbandonedError(FlowError):
    """The flow stopped taking this crawl's parts (its source failed while loading): the crawl stops too."""


class PartChannel:
    """One crawl part at a time between one producer thread and one consumer thread, each acknowledged.

    The consumer iterates; asking for the next part acknowledges the one before as stored (the loop's body
    stores it), which lets the producer's waiting ``put`` return.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.part: CrawlResult | None = None  # handed over, not yet taken
        self.unstored = False  # a part was handed over and is not acknowledged yet
        self.closed = False
        self.changed = threading.Condition()

    def put(self, part: CrawlResult) -> None:
        """Wait until the part before is stored, then hand ``part`` over.

        Raises:
            CrawlAbandonedError: the channel was closed (by the flow) before that.
        """
        with self.changed:
            self.changed.wait_for(lambda: self.closed or not self.unstored)
            if self.closed:
                raise CrawlAbandonedError(f"[{self.source}] the flow no longer takes this crawl's parts")
            self.part, self.unstored = part, True
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def _stored(self) -> None:
        with self.changed:
            self.unstored = False
            self.changed.notify_all()

    def __iter__(self) -> Iterator[CrawlResult]:
        """The parts in order, until the channel is closed and empty; each acknowledged when the next is asked for."""
        while True:
            with self.changed:
                self.changed.wait_for(lambda: self.closed or self.part is not None)
                part, self.part = self.part, None
            if part is None:
                return
            yield part
            self._stored()
