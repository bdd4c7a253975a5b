"""Extract stage: discover, fetch and read sources, and parse pages into article records (the only I/O stage
besides the warehouse)."""

from extractors.errors import (
    BinaryDocumentError,
    DiscoveryError,
    EmptyDocumentError,
    ExtractError,
    FetchError,
    LocalSourceError,
    NotHtmlError,
    ParseError,
    PermanentFetchError,
    TransientFetchError,
)
from extractors.records import (
    Article,
    Candidate,
    FetchAttempt,
    Politeness,
    QuarantineItem,
    RawDocument,
    SourceConfig,
    SourceKind,
    Validator,
    content_sha256,
)

__all__ = [
    "Article",
    "BinaryDocumentError",
    "Candidate",
    "DiscoveryError",
    "EmptyDocumentError",
    "ExtractError",
    "FetchAttempt",
    "FetchError",
    "LocalSourceError",
    "NotHtmlError",
    "ParseError",
    "PermanentFetchError",
    "Politeness",
    "QuarantineItem",
    "RawDocument",
    "SourceConfig",
    "SourceKind",
    "TransientFetchError",
    "Validator",
    "content_sha256",
]
