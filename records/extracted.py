"""Records the extract stage hands to the rest of the pipeline.

Everything that crosses a stage boundary is a frozen, slotted dataclass: sources as configured, candidate
links found in feeds, fetch attempts, raw documents (the exact bytes seen) and parsed articles. Datetimes are
always timezone-aware; ``published_offset_minutes`` keeps the offset the page was written in, because analysts
care about the local day an event was reported on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from records.vocab import NotArticleReason, QuarantineStage, ReasonTag

__all__ = [
    "Article",
    "Candidate",
    "FetchAttempt",
    "Politeness",
    "QuarantineItem",
    "RawDocument",
    "SourceConfig",
    "SourceKind",
    "Validator",
    "content_sha256",
]


class SourceKind(StrEnum):
    """How a source is read: web kinds are fetched over HTTP, local kinds are read from disk."""

    RSS = "rss"
    ATOM = "atom"
    SITEMAP = "sitemap"
    PAGE = "page"
    WARC = "warc"
    DIRECTORY = "directory"

    @property
    def is_local(self) -> bool:
        """True for kinds whose documents come from a file or folder rather than from fetching."""
        return self in (SourceKind.WARC, SourceKind.DIRECTORY)


@dataclass(frozen=True, slots=True)
class Politeness:
    """Per-source crawling manners; defaults come from settings, a source may override any of them."""

    min_delay_seconds: float = 1.0
    per_host_concurrency: int = 2
    respect_robots: bool = True
    max_attempts: int = 4
    retry_after_cap_seconds: float = 120.0
    timeout_seconds: float = 20.0
    max_body_bytes: int = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One validated entry of ``sources.toml``. ``name`` is stable: warehouse rows refer to it."""

    name: str
    kind: SourceKind
    url: str | None = None
    path: Path | None = None
    language: str | None = None
    country_hint: str | None = None
    poll_seconds: int = 3600
    enabled: bool = True
    allow_private_network: bool = False
    allow_private_hosts: tuple[str, ...] = ()  # widen allow_private_network beyond the url's own origin
    link_selector: str | None = None
    politeness: Politeness = field(default_factory=Politeness)

    @property
    def location(self) -> str:
        """The URL or path the source reads, as text for rows and messages."""
        return self.url if self.url is not None else str(self.path)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A link discovered in a feed, sitemap or listing page, with what the feed said about it."""

    source: str
    url: str
    title: str | None = None
    guid: str | None = None
    published_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Validator:
    """HTTP cache validators remembered per URL so the next request can be conditional."""

    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class FetchAttempt:
    """One HTTP attempt (or one local read), successful or not: a row of ``fetches``."""

    source: str
    url: str
    final_url: str | None
    status: int | None
    bytes: int
    elapsed_ms: float
    attempt: int
    error_class: str | None
    conditional_hit: bool
    fetched_at: datetime
    redirects: tuple[str, ...] = ()


def content_sha256(content: bytes) -> str:
    """Hex SHA-256 of raw bytes: the content address of ``raw_documents``."""
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Exactly the bytes a source gave us for one URL, kept so any row can be re-derived offline."""

    source: str
    url: str
    final_url: str
    fetched_at: datetime
    content: bytes
    content_type: str | None = None
    candidate: Candidate | None = None
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", content_sha256(self.content))


@dataclass(frozen=True, slots=True)
class Article:
    """What a reader sees as the article, parsed from one raw document.

    ``body`` keeps paragraph breaks as blank lines. ``structured`` is the JSON text of the structured data the
    parser relied on (JSON-LD, OpenGraph, meta), kept for audit. A page that is not an article is still an
    ``Article`` with ``is_article=False`` and the reason, so it is recorded rather than silently dropped.
    """

    source: str
    url: str
    canonical_url: str
    raw_sha256: str
    title: str | None
    body: str
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    published_offset_minutes: int | None = None
    updated_at: datetime | None = None
    language: str | None = None
    section: str | None = None
    dateline: str | None = None
    lead: str | None = None
    structured: str | None = None
    is_article: bool = True
    not_article_reason: NotArticleReason | None = None
    fetched_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    """Something we could not use, with a reason an analyst can read and an excerpt of what it was."""

    stage: QuarantineStage
    source: str
    url: str | None
    reason: ReasonTag
    excerpt: str = ""
    detail: str | None = None
