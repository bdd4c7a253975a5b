"""The story signature a worker computes for an article body and the warehouse stores for near-duplicate search.

It lives with the other records because it travels on ``ProcessedArticle`` from the worker that signed the
body to the single writer that files it under a story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Signature"]


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature: ``num_perm`` little-endian uint32 values, the shingle-set size it came from, and
    the scheme it was made under (``DedupConfig.scheme``; signatures of different schemes are not comparable)."""

    hashvalues: bytes
    shingle_count: int
    scheme: str

    def array(self) -> npt.NDArray[np.uint32]:
        """The values as a read-only numpy view (no copy)."""
        return np.frombuffer(self.hashvalues, dtype="<u4")
