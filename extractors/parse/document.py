"""From a raw document to an ``Article``: validate the bytes, decode, parse once, then read every field.

Bad input is sorted here, before any parsing: nothing at all (``EmptyDocumentError``), images/archives/PDFs
(``BinaryDocumentError``), and JSON, feeds or plain text (``NotHtmlError``). A page that parses but holds no
article (a tag page, a section front, a stub) is still returned, flagged ``is_article=False`` with the reason,
so the warehouse records what was seen.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bs4 import BeautifulSoup

from extractors.errors import BinaryDocumentError, EmptyDocumentError, NotHtmlError
from extractors.parse.body import BodyResult, extract_body
from extractors.parse.charset import decode_html, looks_binary
from extractors.parse.dom import Page, walk
from extractors.parse.language import declared_language, detect_language
from extractors.parse.metadata import (
    find_dateline,
    pick_authors,
    pick_canonical,
    pick_dates,
    pick_lead,
    pick_section,
    pick_title,
)
from extractors.parse.rawtext import cap_markup, cuttable, strip_raw_bytes
from extractors.parse.script import reading_length
from extractors.parse.structured import LISTING_TYPES, StructuredData, read_structured
from records import Article, NotArticleReason, RawDocument

__all__ = ["parse_document", "parse_html"]

_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip", "application/gzip")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SNIFFED_TYPES = ("text/plain", "application/octet-stream", "application/xml", "text/xml", "")
_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|h[1-6]|br|span|a|table)\b", re.I)
_FEED = re.compile(r"<(?:rss|feed|urlset|sitemapindex|rdf:RDF)\b", re.I)
_SNIFF_CHARS = 4096
_MIN_ARTICLE_CHARS = 150
_MIN_ARTICLE_PARAGRAPH_CHARS = 80
_MIN_TEASERS = 3
_JSONLD_BODY_RATIO = 2  # the DOM body must be under half of articleBody before articleBody replaces it
_MAX_PARSE_BYTES = 1_000_000
_MAX_TEASER_CHARS = 400
_NOSCRIPT = re.compile(rb"<noscript", re.IGNORECASE)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _check_bytes(doc: RawDocument) -> None:
    if not doc.content or doc.content.isspace():
        raise EmptyDocumentError("document is empty", source=doc.source, url=doc.url)
    media = _media_type(doc.content_type)
    if media.startswith(_BINARY_TYPES) or looks_binary(doc.content):
        raise BinaryDocumentError(f"document is binary ({media or 'sniffed'})", source=doc.source, url=doc.url)
    if not media.startswith(_HTML_TYPES) and media not in _SNIFFED_TYPES:
        raise NotHtmlError(f"document is {media}, not HTML", source=doc.source, url=doc.url)


def _check_text(text: str, doc: RawDocument) -> None:
    head = text[:_SNIFF_CHARS]
    if not text.strip():
        raise EmptyDocumentError("document has no text", source=doc.source, url=doc.url)
    if _MARKUP.search(head) is None or (_FEED.search(head) and "<html" not in head.lower()):
        raise NotHtmlError("document does not look like HTML", source=doc.source, url=doc.url)


def _prefer_complete_jsonld(body: BodyResult, structured: StructuredData) -> BodyResult:
    """JSON-LD ``articleBody`` when the DOM holds much less of the article (rendered by script, paywalled).

    Otherwise the DOM wins: it keeps paragraph breaks, and ``articleBody`` is often a teaser or carries
    captions and credits inline.
    """
    declared = (structured.article or {}).get("articleBody")
    if not isinstance(declared, str):
        return body
    paragraphs = tuple(p for p in (" ".join(line.split()) for line in declared.splitlines()) if p)
    declared_chars = sum(len(p) for p in paragraphs)
    dom_chars = sum(len(p) for p in body.paragraphs)
    if declared_chars < _MIN_ARTICLE_CHARS or dom_chars * _JSONLD_BODY_RATIO >= declared_chars:
        return body
    return BodyResult(paragraphs, body.container_score, body.linked_headings)


def _not_article_reason(structured: StructuredData, body: BodyResult) -> NotArticleReason | None:
    text_chars = sum(reading_length(p) for p in body.paragraphs)
    if not body.paragraphs:
        return "no-body-text"
    if structured.article is None and structured.types() & LISTING_TYPES and text_chars < 4 * _MIN_ARTICLE_CHARS:
        return "listing-page"
    teasers = body.linked_headings
    if teasers >= _MIN_TEASERS and teasers * 2 >= len(body.paragraphs) and text_chars < teasers * _MAX_TEASER_CHARS:
        return "listing-page"  # every item a linked headline with a line or two of standfirst
    longest = max(reading_length(p) for p in body.paragraphs)
    if text_chars < _MIN_ARTICLE_CHARS or longest < _MIN_ARTICLE_PARAGRAPH_CHARS:
        return "too-little-text"
    return None


def _read_page(doc: RawDocument, *, reveal: bool = False) -> Page:
    """Cut, cap, decode and walk the page; with ``reveal``, hidden elements and ``<noscript>`` are read too."""
    content = doc.content
    if cuttable(content, doc.content_type):
        # Tree building costs ~10 µs a node: a hostile 5 MB of <div>s would take a minute. Real pages are a few
        # hundred KB once scripts are cut; their article is never beyond the first megabyte of markup.
        content = cap_markup(strip_raw_bytes(content, keep_noscript=reveal), _MAX_PARSE_BYTES)
    text = decode_html(content, doc.content_type)
    _check_text(text, doc)
    return walk(BeautifulSoup(text, "lxml", multi_valued_attributes=None), reveal=reveal)


def parse_document(doc: RawDocument, *, language_hint: str | None = None) -> Article:
    """Parse one fetched or stored page into an article record.

    Args:
        doc: the raw document (bytes, URL, HTTP content type).
        language_hint: the source's configured language, used when the page neither declares one nor has
            enough text to detect it.

    Returns:
        The article; ``is_article`` is False (with ``not_article_reason``) for pages without an article.

    Raises:
        EmptyDocumentError: no bytes, or only whitespace.
        BinaryDocumentError: an image, archive, PDF or other binary content.
        NotHtmlError: JSON, a feed, plain text or another non-HTML type.
    """
    _check_bytes(doc)
    page = _read_page(doc)
    structured = read_structured(page.jsonld, page.metas, page.links)
    base_url = doc.final_url or doc.url
    title = pick_title(structured, page, base_url)
    body = extract_body(page.elements, page.blocks, title=title)
    if sum(reading_length(p) for p in body.paragraphs) < _MIN_ARTICLE_CHARS and (
        page.hidden or _NOSCRIPT.search(doc.content) is not None
    ):
        # No article in what a reader sees: the story may be in a hidden element a script reveals (streamed
        # rendering) or in <noscript>. Worth a second parse only when there is such a place to look.
        hidden = _read_page(doc, reveal=True)
        revealed = extract_body(hidden.elements, hidden.blocks, title=title)
        if sum(len(p) for p in revealed.paragraphs) > sum(len(p) for p in body.paragraphs):
            body = revealed
    body = _prefer_complete_jsonld(body, structured)
    paragraphs = body.paragraphs
    published, updated = pick_dates(structured, page, base_url, paragraphs)
    body_text = body.text
    language = declared_language(structured, page.html_lang) or detect_language(body_text) or language_hint
    reason = _not_article_reason(structured, body)
    return Article(
        source=doc.source,
        url=doc.url,
        canonical_url=pick_canonical(structured, base_url),
        raw_sha256=doc.sha256,
        title=title,
        body=body_text,
        authors=pick_authors(structured, page, paragraphs, base_url),
        published_at=published.utc if published else None,
        published_offset_minutes=published.offset_minutes if published else None,
        updated_at=updated.utc if updated else None,
        language=language,
        section=pick_section(structured),
        dateline=find_dateline(paragraphs[0] if paragraphs else None),
        lead=pick_lead(structured, paragraphs),
        structured=structured.to_json(),
        is_article=reason is None,
        not_article_reason=reason,
        fetched_at=doc.fetched_at,
    )


def parse_html(content: bytes, url: str, *, source: str = "cli", content_type: str | None = None) -> Article:
    """Parse a saved page (CLI ``extract``, tests): ``parse_document`` on a document fetched "now".

    Raises:
        ParseError: as ``parse_document``.
    """
    doc = RawDocument(
        source=source,
        url=url,
        final_url=url,
        fetched_at=datetime.now(UTC),
        content=content,
        content_type=content_type,
    )
    return parse_document(doc)
