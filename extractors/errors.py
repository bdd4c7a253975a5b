"""Errors of the extract stage (fetching, reading local sources, parsing).

    ExtractError                 (source=, url=)
    ├── FetchError
    │   ├── TransientFetchError  retried: timeouts, connection resets, 429/5xx
    │   └── PermanentFetchError  recorded and skipped: 4xx, blocked address, too large, robots
    ├── DiscoveryError           a feed, sitemap or listing page we cannot read
    │   └── UnusableSourceError  the source as a whole (carries the fetch attempts made)
    ├── LocalSourceError         a WARC file or directory we cannot read
    └── ParseError               a page we cannot turn into an article
        ├── EmptyDocumentError
        ├── BinaryDocumentError
        └── NotHtmlError

Every error names the source and URL at fault; ``reason`` is a short machine-friendly tag that ends up in the
``quarantine`` table (``blocked-address``, ``http-404``, ``malformed-feed-item``, …).
"""

from __future__ import annotations

from typing import ClassVar

from records import FetchAttempt, ReasonTag

__all__ = [
    "BinaryDocumentError",
    "DiscoveryError",
    "EmptyDocumentError",
    "ExtractError",
    "FetchError",
    "LocalSourceError",
    "NotHtmlError",
    "ParseError",
    "PermanentFetchError",
    "TransientFetchError",
    "UnusableSourceError",
]


class ExtractError(Exception):
    """Base of the extract stage's errors."""

    default_reason: ClassVar[ReasonTag] = "extract-error"

    def __init__(self, message: str, *, source: str, url: str | None, reason: ReasonTag | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.url = url
        self.reason = reason or self.default_reason

    def __str__(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"[{self.source}] {self.message}{where}"


class FetchError(ExtractError):
    default_reason: ClassVar[ReasonTag] = "fetch-error"


class TransientFetchError(FetchError):
    default_reason: ClassVar[ReasonTag] = "transient-fetch-error"


class PermanentFetchError(FetchError):
    default_reason: ClassVar[ReasonTag] = "permanent-fetch-error"


class DiscoveryError(ExtractError):
    default_reason: ClassVar[ReasonTag] = "discovery-error"


class LocalSourceError(ExtractError):
    default_reason: ClassVar[ReasonTag] = "local-source-error"


class ParseError(ExtractError):
    default_reason: ClassVar[ReasonTag] = "parse-error"


class EmptyDocumentError(ParseError):
    default_reason: ClassVar[ReasonTag] = "empty-document"


class BinaryDocumentError(ParseError):
    default_reason: ClassVar[ReasonTag] = "binary-document"


class NotHtmlError(ParseError):
    default_reason: ClassVar[ReasonTag] = "not-html"


class UnusableSourceError(DiscoveryError):
    """The source as a whole could not be read; ``attempts`` are the fetches made before giving up."""

    def __init__(
        self, message: str, *, source: str, url: str | None, reason: ReasonTag, attempts: tuple[FetchAttempt, ...]
    ) -> None:
        super().__init__(message, source=source, url=url, reason=reason)
        self.attempts = attempts

    @property
    def transient(self) -> bool:
        """True when a later try may succeed (timeouts, 5xx, connection errors): worth a Prefect retry."""
        return isinstance(self.__cause__, TransientFetchError)
