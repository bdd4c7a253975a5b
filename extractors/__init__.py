"""Extract stage: discover, fetch and read sources, and parse pages into article records (the only I/O stage
besides the warehouse)."""

from extractors.crawl import CrawlResult, CrawlState, UnusableSourceError, acrawl_source, crawl_source
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
from extractors.fetch import FetchSettings
from extractors.local import iter_local_documents
from extractors.parse import decode_html, parse_document, parse_html
from extractors.politeness import HostGate
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
    "CrawlResult",
    "CrawlState",
    "FetchSettings",
    "HostGate",
    "UnusableSourceError",
    "acrawl_source",
    "crawl_source",
    "decode_html",
    "iter_local_documents",
    "parse_document",
    "parse_html",
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
