"""Extract stage: discover, fetch and read sources, and parse pages into article records (the only I/O stage
besides the warehouse).

Records and errors load eagerly; the fetching and parsing API loads on first use, so a stage that only needs
the records (``transforms`` imports ``Article``) does not drag in httpx, lxml and BeautifulSoup.
"""

from importlib import import_module
from typing import Any

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

_LAZY = {
    "CrawlResult": "extractors.crawl",
    "CrawlState": "extractors.crawl",
    "UnusableSourceError": "extractors.crawl",
    "acrawl_source": "extractors.crawl",
    "crawl_source": "extractors.crawl",
    "FetchSettings": "extractors.fetch",
    "HostGate": "extractors.politeness",
    "iter_local_documents": "extractors.local",
    "decode_html": "extractors.parse",
    "parse_document": "extractors.parse",
    "parse_html": "extractors.parse",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'extractors' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
