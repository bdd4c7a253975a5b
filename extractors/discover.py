"""Turn the bytes of a feed, sitemap or listing page into candidate article links. No I/O here.

Feeds: feedparser. It copes with the RSS 0.9x/1.0/2.0 and Atom dialects, broken encodings and dates in a dozen
formats that a hand-written parser would each get wrong once. It is also safe on hostile XML: it rewrites the
DOCTYPE so only character entities survive (a "billion laughs" feed comes back as a bozo feed in milliseconds,
see tests/test_fetch_discover.py) and turns off external entities, and the expat it runs on (≥ 2.4) has its own
amplification limit. The body it gets is already bounded by ``max_body_bytes``.

Sitemaps we parse ourselves (the format is tiny) with defusedxml, with DTDs forbidden outright: a sitemap has no
business declaring entities. Gzipped sitemaps (``.xml.gz`` served without Content-Encoding) are decompressed
with the same bounded decoder as HTTP bodies. Listing pages go through BeautifulSoup on lxml.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError, tostring

import feedparser
from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from extractors.errors import DiscoveryError
from extractors.parse.charset import decode_html
from extractors.urls import resolve_link
from records import Candidate, QuarantineItem, ReasonTag

__all__ = ["Discovered", "parse_feed", "parse_listing", "parse_sitemap"]

_EXCERPT = 300
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class Discovered:
    """Candidates found in one discovery document, items we had to set aside, and sitemaps it points to."""

    candidates: tuple[Candidate, ...]
    quarantined: tuple[QuarantineItem, ...] = ()
    child_sitemaps: tuple[str, ...] = ()


def _set_aside(source: str, url: str, reason: ReasonTag, excerpt: str, detail: str) -> QuarantineItem:
    """A discovery item we cannot use, quarantined against the feed or sitemap it came from."""
    return QuarantineItem(stage="discover", source=source, url=url, reason=reason, excerpt=excerpt, detail=detail)


def parse_feed(content: bytes, *, source: str, url: str) -> Discovered:
    """Candidates from an RSS or Atom feed; an item without a usable link is quarantined, the rest kept.

    Raises:
        DiscoveryError: reason ``not-a-feed`` when the document has neither a feed version nor entries.
    """
    try:
        parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    except (UnicodeError, ValueError) as exc:
        # feedparser lets these escape for a garbled XML declaration (an encoding name with bad bytes or a NUL).
        raise DiscoveryError(f"not a readable feed: {exc}", source=source, url=url, reason="not-a-feed") from exc
    if not parsed.entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise DiscoveryError(
            f"not an RSS/Atom feed ({problem})" if problem else "not an RSS/Atom feed",
            source=source,
            url=url,
            reason="not-a-feed",
        )
    candidates: list[Candidate] = []
    quarantined: list[QuarantineItem] = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        title = _clean(entry.get("title"))
        absolute = resolve_link(url, link) if link else None
        if absolute is None:
            detail = f"feed item link is unusable: {link!r}" if link else "feed item has no link"
            quarantined.append(_set_aside(source, url, "malformed-feed-item", _entry_excerpt(entry), detail))
            continue
        candidates.append(
            Candidate(
                source=source,
                url=absolute,
                title=title,
                guid=_clean(entry.get("id")),
                published_at=_struct_time_utc(_entry_date(entry)),
            )
        )
    return Discovered(tuple(candidates), tuple(quarantined))


def parse_sitemap(content: bytes, *, source: str, url: str, max_decompressed_bytes: int) -> Discovered:
    """Candidates from a ``urlset`` (incl. Google News ``news:`` fields) or child sitemaps from an index.

    Raises:
        DiscoveryError: ``malformed-sitemap``, ``xml-dtd-refused``, ``decompressed-too-large``.
    """
    if content.startswith(_GZIP_MAGIC):
        content = _gunzip(content, limit=max_decompressed_bytes, source=source, url=url)
    try:
        root = fromstring(content, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(
            f"sitemap declares a DTD: {exc}", source=source, url=url, reason="xml-dtd-refused"
        ) from exc
    except (ParseError, LookupError) as exc:  # LookupError: an XML declaration naming an unknown encoding
        raise DiscoveryError(f"sitemap is not XML: {exc}", source=source, url=url, reason="malformed-sitemap") from exc
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [loc for loc in (_child_text(node, "loc") for node in root if _local(node.tag) == "sitemap") if loc]
        resolved = (resolve_link(url, child) for child in children)
        return Discovered((), (), tuple(child for child in resolved if child is not None))
    if kind != "urlset":
        raise DiscoveryError(
            f"root element <{kind}> is not a sitemap", source=source, url=url, reason="malformed-sitemap"
        )
    candidates: list[Candidate] = []
    quarantined: list[QuarantineItem] = []
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _child_text(node, "loc")
        absolute = resolve_link(url, loc) if loc else None
        if absolute is None:
            detail = f"unusable <loc>: {loc!r}" if loc else "<url> without <loc>"
            quarantined.append(_set_aside(source, url, "malformed-sitemap-entry", _element_excerpt(node), detail))
            continue
        news = next((child for child in node if _local(child.tag) == "news"), None)
        published = _w3c_datetime(_child_text(news, "publication_date")) if news is not None else None
        candidates.append(
            Candidate(
                source=source,
                url=absolute,
                title=_clean(_child_text(news, "title")) if news is not None else None,
                published_at=published or _w3c_datetime(_child_text(node, "lastmod")),
            )
        )
    return Discovered(tuple(candidates), tuple(quarantined))


def parse_listing(content: bytes, *, source: str, url: str, link_selector: str | None) -> Discovered:
    """Article links on a listing page: those matching ``link_selector`` (CSS), else same-site article-like ones.

    With a selector, every matched ``<a href>`` (or the ``<a href>`` inside a matched element) is taken as is:
    the analyst said these are articles. Without one, links must stay on the listing's site and look like an
    article path (see ``_looks_like_article``), which drops navigation, tag and author pages.
    """
    # Decoded by the article parser's rules first: handed bytes, bs4 trusts the page's <meta charset>, and a
    # garbled one (a NUL in the name) makes lxml raise instead of parsing.
    soup = BeautifulSoup(decode_html(content), "lxml")
    base_tag = soup.find("base", href=True)
    base = (resolve_link(url, str(base_tag["href"])) if isinstance(base_tag, Tag) else None) or url
    if link_selector:
        anchors: Iterable[Tag] = _anchors_in(soup.select(link_selector))
    else:
        anchors = soup.find_all("a", href=True)
    seen: set[str] = set()
    candidates: list[Candidate] = []
    for anchor in anchors:
        link = resolve_link(base, str(anchor["href"]))
        if link is None or link in seen or (not link_selector and not _looks_like_article(link, url)):
            continue
        seen.add(link)
        candidates.append(Candidate(source=source, url=link, title=_clean(anchor.get_text(" ", strip=True))))
    return Discovered(tuple(candidates))


_NOT_ARTICLE_SEGMENTS = frozenset(
    {
        "tag",
        "tags",
        "topic",
        "topics",
        "category",
        "categories",
        "author",
        "authors",
        "about",
        "contact",
        "login",
        "signin",
        "signup",
        "register",
        "search",
        "subscribe",
        "newsletter",
        "privacy",
        "terms",
        "feed",
        "rss",
        "page",
        "account",
        "cookies",
        "help",
        "sitemap",
    }
)
_ARTICLE_SUFFIXES = ("", ".html", ".htm", ".shtml", ".php", ".asp", ".aspx")
_DIGITS = re.compile(r"\d{4,}")


def _looks_like_article(link: str, listing_url: str) -> bool:
    """Same site, not the listing itself, not a section/tag/utility page, and a path shaped like a story."""
    parts, listing = urlsplit(link), urlsplit(listing_url)
    if parts.scheme not in ("http", "https") or _site(parts.hostname) != _site(listing.hostname):
        return False
    if parts.path.rstrip("/") == listing.path.rstrip("/"):
        return False
    segments = [segment for segment in parts.path.split("/") if segment]
    if not segments or any(segment.lower() in _NOT_ARTICLE_SEGMENTS for segment in segments):
        return False
    last = segments[-1].lower()
    stem, dot, suffix = last.rpartition(".")
    if dot and f".{suffix}" not in _ARTICLE_SUFFIXES:
        return False
    slug = stem if dot else last
    if slug.isdigit() and len(slug) <= 4:
        return False  # /2016/, /2016/11/, /page/2: date archives and pagination, not stories
    return slug.count("-") >= 2 or bool(_DIGITS.search(parts.path)) or len(segments) >= 3


def _site(host: str | None) -> str:
    host = (host or "").lower()
    return host.removeprefix("www.")


def _anchors_in(elements: Iterable[Tag]) -> Iterator[Tag]:
    for element in elements:
        if element.name == "a" and element.has_attr("href"):
            yield element
        else:
            yield from element.select("a[href]")


def _gunzip(content: bytes, *, limit: int, source: str, url: str) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(content, limit + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"corrupt gzip: {exc}", source=source, url=url, reason="malformed-sitemap") from exc
    if len(out) > limit:
        raise DiscoveryError(
            f"sitemap decompresses past {limit} bytes", source=source, url=url, reason="decompressed-too-large"
        )
    return out


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child_text(node: Element | None, name: str) -> str | None:
    if node is None:
        return None
    for child in node:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def _w3c_datetime(text: str | None) -> datetime | None:
    """W3C datetime (``2016-11-28``, ``2016-11-28T10:05:00+02:00``, ``…Z``) as aware UTC; garbage gives None."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _entry_date(entry: Any) -> Any:
    """``published_parsed``, else ``updated_parsed`` (Atom); asked with ``in`` because feedparser warns when a
    missing ``updated_parsed`` is read."""
    if entry.get("published_parsed"):
        return entry["published_parsed"]
    return entry["updated_parsed"] if "updated_parsed" in entry else None  # noqa: SIM401 - .get() warns


def _struct_time_utc(value: Any) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC ``time.struct_time``s."""
    if value is None:
        return None
    year, month, day, hour, minute, second = value[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _clean(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    return " ".join(text.split()) or None


def _entry_excerpt(entry: Any) -> str:
    fields = {key: entry.get(key) for key in ("title", "id", "published", "summary") if entry.get(key)}
    return repr(fields)[:_EXCERPT]


def _element_excerpt(node: Element) -> str:
    return tostring(node, encoding="unicode")[:_EXCERPT]
