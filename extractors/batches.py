"""Cutting a stream of documents into batches bounded by count and by bytes.

Shared by a crawl, which hands its pages over in parts as they arrive, and by the flow, which cuts a local
source's stream and each part into processing batches: the same two bounds, so neither holds more than a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from records import QuarantineItem, RawDocument

__all__ = ["DEFAULT_BATCH_BYTES", "BatchFiller"]

# A batch in flight is held twice by the flow process (the documents, and their pickled copy on its way to a
# worker) and once more by the worker parsing it; bounding its bytes as well as its count keeps large pages from
# multiplying memory. 6 MiB is 100 pages of the 60 KB median of news pages, 200 of most feeds' pages.
DEFAULT_BATCH_BYTES = 6 * 1024 * 1024


@dataclass(slots=True)
class BatchFiller:
    """Collects items; ``add`` returns the full batch an item does not fit in (the item starts the next one).

    A batch holds at most ``size`` items and, past its first document, at most ``max_bytes`` of content, so one
    page larger than ``max_bytes`` still travels, alone.
    """

    size: int
    max_bytes: int = DEFAULT_BATCH_BYTES
    items: list[RawDocument | QuarantineItem] = field(default_factory=list)
    held: int = 0

    def add(self, item: RawDocument | QuarantineItem) -> list[RawDocument | QuarantineItem] | None:
        weight = len(item.content) if isinstance(item, RawDocument) else 0
        full = None
        if self.items and (len(self.items) >= self.size or (weight and self.held + weight > self.max_bytes)):
            full = self.take()
        self.items.append(item)
        self.held += weight
        return full

    def take(self) -> list[RawDocument | QuarantineItem]:
        """What is collected so far (possibly nothing); the filler starts empty again."""
        taken, self.items, self.held = self.items, [], 0
        return taken
