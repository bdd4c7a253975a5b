"""Article metadata: title, authors, publication dates, section, dateline, canonical URL and lead.

Each field is read from the most reliable evidence first (JSON-LD, then ``meta`` tags, then the visible page,
then the URL) and cleaned of what publishers wrap around it: site names after the headline, "By" and dates in
bylines, agency tags in datelines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from extractors.parse.datelines import dateline_place
from extractors.parse.dates import ParsedDate, date_from_url, parse_date, parse_written_date
from extractors.parse.dom import Page
from extractors.parse.fold import ascii_digits
from extractors.parse.structured import StructuredData
from extractors.urls import resolve_link

__all__ = [
    "clean_title",
    "find_dateline",
    "pick_authors",
    "pick_canonical",
    "pick_dates",
    "pick_lead",
    "pick_section",
    "pick_title",
    "split_authors",
]

_HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " « ", " » ", " · ", " • ", " // ", " ~ ")
_MAX_SITE_WORDS = 5
_NON_ALNUM = re.compile(r"[\W_]+")
_BY_PREFIX = re.compile(
    r"^(?:(?:posted|written|reported|published|compiled|story|words|text|photos?|analysis|opinion|review"
    r"|commentary|interview|video|illustrations?|eingestellt|veröffentlicht|geschrieben|verfasst|publié|écrit"
    r"|publicado|escrito|pubblicato|scritto)\s+)?(?:by|from|par|von|por|di|door|بقلم)\s*[:\-]?\s+",
    re.IGNORECASE,
)
# A note in brackets after a name: initials ("Jane Doe (jd)"), an agency, a role; or a bracket left open.
_NOTE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|[(\[][^()\[\]]*)$")
# "Text: Jane Doe", "Autor: Jane Doe": a one-word label before a colon.
_LABEL_PREFIX = re.compile(r"^[^\W\d_]{3,12}\s*:\s+")
# Conjunctions are lower-case in bylines; matching them case-sensitively keeps "Bruce Y. Lee" whole.
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\||&|/|\n|\s(?:and|AND|And|und|et|y|e)\s)\s*")
_AUTHOR_NOISE = re.compile(
    r"\b(?:updated|published|posted|min(?:ute)?s? read|read more|follow|twitter|email|share|staff writer"
    r"|correspondent|reporter|editor|contributor|columnist|senior|associated press writer"
    r"|veröffentlicht am|publié le|publicado el|pubblicato il"
    r"|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b.*$",
    re.IGNORECASE,
)
_ROLE = re.compile(r"\b(?:writer|editor|correspondent|reporter|columnist|contributor)$", re.IGNORECASE)
# Bylines inside these are commenters' or other articles' authors.
_FOREIGN_BYLINE = re.compile(r"comment|reaction|related|sidebar|recommend|teaser|promo")
_MAX_FOREIGN_SHARE = 0.6  # page-wide wrappers ("body.one-sidebar.comments-open") say nothing
# Post-nominal credentials ("MS", "RD", "PhD") are not names.
_CREDENTIAL = re.compile(
    r"^(?:M\.?S|M\.?A|M\.?D|R\.?D|R\.?N|Ph\.?D|MBA|MPH|MSc|BSc|DDS|J\.?D|CPA|LLB|LLM|FRCP|Jr|Sr)\.?$"
)
# A word starting with a digit (a date, a time, a count); "rmb8090"-style user names are allowed.
_NUMBER_WORD = re.compile(r"(?<!\w)\d")
# A visible byline line: "By Jane Doe", "Written by Jane Doe, MS, RD", "Por Juan Pérez".
_BYLINE_LINE = re.compile(
    r"^(?i:(?:(?:written|posted|reported|words|text|story)\s+)?(?:by|par|por|von|di|door))\s*:?\s+[A-ZÀ-ÖØ-ÞĀ-Ž]"
)
_MAX_BYLINE_LINE = 80
# "[엔터미디어=정덕현의 이슈공감]", "[서울=홍길동 기자]": outlet, "=", the writer, then a role or column name.
_BRACKET_BYLINE = re.compile(r"\[[^\[\]=]{1,30}=\s*([^\[\]=]{2,20}?)(?:의\s[^\]]*|\s*기자|\s*특파원)?\]")
_MAX_AUTHOR_WORDS = 6
# A person's name as bylines print it: two to four capitalised words (particles allowed), or two to four Han
# characters. Only asked of a byline that would replace a site-name author.
_PERSONAL_NAME = re.compile(
    r"^(?:[^\W\d_][\w.'’-]*\s+(?:(?:von|van|de|der|den|del|della|di|da|du|la|le|bin|al|ben)\s+)*){1,3}[^\W\d_][\w.'’-]*$"
    r"|^[\u4e00-\u9fff]{2,4}$"
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_AGENCIES = r"AP|AFP|Reuters|dpa|ANSA|EFE|Xinhua|IANS|PTI|UPI|Bloomberg|CNN|BBC|Al Jazeera|[A-Z]{2,6}"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})?)"
    rf"\s*(?:\((?:{_AGENCIES})\)\s*)?(?:[—–:]|--?)\s+"
)
_DATELINE_WITH_AGENCY = re.compile(
    r"^\s*(?P<place>[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}(?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})?)"
    rf"\s*\((?:{_AGENCIES})\)\s*(?:[—–:]|--?)\s+"
)
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "published_time", "article.published", "dc.date.issued", "dc.date",
    "dcterms.created", "dcterms.date", "date", "sailthru.date", "parsely-pub-date", "article_date_original",
    "og:published_time", "cxenseparse:recs:publishtime", "originalpublicationdate", "displaydate",
    "dc.date.created", "citation_publication_date", "datecreated", "creation_date",
)  # fmt: skip
_UPDATED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "lastmod", "last-modified", "dcterms.modified",
    "article.updated", "modified_time", "dc.date.modified",
)  # fmt: skip
_AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl",
    "twitter:creator", "citation_author", "cxenseparse:author",
)  # fmt: skip
_SECTION_META = ("article:section", "section", "parsely-section", "og:section", "article.section", "category")
# A full date written out in text: "28 November, 2016", "Nov. 28, 2016", "30. Juli 2018", "2016-11-28 15:24".
_TEXT_DATE = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?[^\W\d_]{3,10}\.?,?\s+(?:de\s+)?(?:19|20)\d{2}"
    r"|[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2})?"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2})\b"
)
_MAX_DATE_LINE = 150
# A day and month without a year is read only in short lines about the page ("Publié le 3 mars à 14h05") and in
# a wire dateline: a place of a few words, the date, then the agency or a dash ("PARIS, 3 mars (AFP) -",
# "МОСКВА, 28 ноября. /ТАСС/.", "دمشق، 28 تشرين الثاني (سانا) -"). In running text it is an event's date.
_MAX_YEARLESS_LINE = 60
_DATELINE_HEAD = 80
_DATELINE_BREAK = re.compile(r"\s[-–—]\s|[(/—–]")
_MAX_DATELINE_WORDS = 5
_DATE_SCAN_BLOCKS = 40
_DATE_LINES_ABOVE = 3


def _comparable(text: str) -> str:
    return _NON_ALNUM.sub("", text).lower()


def _site_names(structured: StructuredData, url: str) -> set[str]:
    names = {structured.meta_first("og:site_name", "application-name", "twitter:site", "al:android:app_name")}
    publisher = structured.article.get("publisher") if structured.article else None
    if isinstance(publisher, dict):
        names.add(publisher.get("name") if isinstance(publisher.get("name"), str) else None)
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in {"www", "com", "co", "org", "net", "news"}]
    names.update(labels[:2])
    return {_comparable(name) for name in names if name and _comparable(name)}


def _is_site_name(segment: str, sites: set[str]) -> bool:
    key = _comparable(segment)
    if not key:
        return True
    return any(key == site or (len(site) >= 4 and (site in key or key in site)) for site in sites)


def clean_title(title: str, sites: set[str]) -> str:
    """Drop a site name before or after the headline ("Headline | Site", "Site - Headline").

    Args:
        title: the raw title, e.g. the ``<title>`` or ``og:title``.
        sites: comparable (alphanumeric, lower-case) forms of the site's names.

    Returns:
        The headline alone; the input unchanged when no separator-delimited site name is found.
    """
    title = " ".join(title.split())
    for separator in _TITLE_SEPARATORS:
        if separator not in title:
            continue
        parts = title.split(separator)
        while len(parts) > 1 and _is_site_name(parts[-1], sites):
            parts.pop()
        while len(parts) > 1 and _is_site_name(parts[0], sites):
            parts.pop(0)
        if len(parts) > 1 and separator == " | " and len(parts[-1].split()) <= _MAX_SITE_WORDS:
            # "Headline | Section | Site": a pipe-separated short tail is furniture even when unnamed.
            parts = [parts[0]] if len(parts[0].split()) > _MAX_SITE_WORDS else parts[:-1]
        title = separator.join(parts)
    return title.strip()


def _jsonld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list) and value:
        return _jsonld_text(value[0])
    if isinstance(value, dict):
        return _jsonld_text(value.get("name") or value.get("@value"))
    return None


def pick_title(structured: StructuredData, page: Page, url: str) -> str | None:
    """The headline: an ``<h1>`` confirmed by the metadata, else JSON-LD / OpenGraph / ``<title>``, cleaned."""
    sites = _site_names(structured, url)
    article = structured.article or {}
    declared = [
        _jsonld_text(article.get("headline")) or _jsonld_text(article.get("name")),
        structured.meta_first("og:title", "twitter:title", "dc.title", "headline", "title"),
        page.title,
    ]
    cleaned = [clean_title(text, sites) for text in declared if text]
    comparable = [_comparable(text) for text in cleaned]
    for h1, _ in page.h1:
        key = _comparable(h1)
        if len(key) >= 10 and any(key in other for other in comparable):
            return h1
    if page.title and any(separator in page.title for separator in _TITLE_SEPARATORS):
        # No confirmed <h1>, but the <title> still has a separator: a visible heading equal to one of its
        # segments ("Site :: Headline") is the headline.
        segments = {_comparable(part) for sep in _TITLE_SEPARATORS for part in page.title.split(sep)}
        for block in page.blocks:
            tag = page.elements[block.owner].tag
            if tag in _HEADLINE_TAGS and len(block.text) >= 10 and _comparable(block.text) in segments:
                return block.text
    for text in cleaned:
        if text:
            return text
    return page.h1[0][0] if page.h1 and page.h1[0][0] else None


def split_authors(raw: str) -> list[str]:
    """Names in a byline: "By Jane Doe and John Roe, Reuters | Updated 3 May" -> ["Jane Doe", "John Roe", "Reuters"].

    Words of roles, dates and calls to action end the byline; parts with digits, e-mail addresses or URLs are
    dropped, as are parts too long to be a name.
    """
    text = " ".join(_URL.sub(" ", raw).split())
    text = _BY_PREFIX.sub("", _LABEL_PREFIX.sub("", text))
    text = _AUTHOR_NOISE.sub("", text)
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(text):
        part = _BY_PREFIX.sub("", part.strip(" .:-–—·•|")).strip(" .:-–—·•|")
        part = _NOTE.sub("", part).strip(" .:-–—·•|()[]")  # "Jane Doe (jd)", a dangling "Deutsche Welle ("
        if not part or _NUMBER_WORD.search(part) or "@" in part or "://" in part or "www." in part:
            continue
        if len(part.split()) > _MAX_AUTHOR_WORDS or len(part) < 2 or _ROLE.search(part) or _CREDENTIAL.match(part):
            continue
        names.append(part)
    return names


def _jsonld_authors(value: Any) -> Iterable[str]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str):
                yield name
            elif isinstance(name, list):
                yield from (n for n in name if isinstance(n, str))
        elif isinstance(item, str):
            yield item


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        key = _comparable(name)
        if key and key not in seen:
            seen[key] = name
    return tuple(seen.values())


def _author_candidates(structured: StructuredData, page: Page, paragraphs: Sequence[str]) -> Iterator[list[str]]:
    """Each source's names, most trusted first: JSON-LD, ``meta``, byline elements, "By ..." lines, body credit."""
    if structured.article is not None:
        yield [n for raw in _jsonld_authors(structured.article.get("author")) for n in split_authors(raw)]
    for key in _AUTHOR_META:
        value = structured.meta.get(key)
        if value and not value.startswith(("http://", "https://", "@")):
            yield split_authors(value)
    page_chars = page.elements[0].text_chars if page.elements else 0
    for text, path in page.bylines:
        if any(
            _FOREIGN_BYLINE.search(element.hint)
            for element in (page.elements[index] for index in path)
            if element.hint and element.text_chars < page_chars * _MAX_FOREIGN_SHARE
        ):
            continue
        yield split_authors(text)
    for block in page.blocks:
        if len(block.text) <= _MAX_BYLINE_LINE and _BYLINE_LINE.match(block.text):
            yield split_authors(block.text)
    for paragraph in paragraphs[:3]:
        match = _BRACKET_BYLINE.search(paragraph)
        if match:
            yield [match.group(1).strip()]


def pick_authors(
    structured: StructuredData, page: Page, paragraphs: Sequence[str] = (), url: str = ""
) -> tuple[str, ...]:
    """Authors from JSON-LD, ``meta`` tags, the page's byline elements or "By ..." lines, then the body's own
    credit ("[Outlet=Name reporter]", the Korean press convention), cleaned and de-duplicated.

    Templates often fill the author field with the publication itself ("Lesotho Times", "stern.de"). A source
    that names only the site is passed over for a later one that names people; the site name is kept when no
    source does (wire copy and unsigned notes are credited to the outlet), and when the later source's names do not
    look like people's (agency codes, initials, a place, an author box).
    """
    sites = _site_names(structured, url)
    fallback: list[str] = []
    for names in _author_candidates(structured, page, paragraphs):
        if not names or all(_is_site_name(name, sites) for name in names):
            fallback = fallback or names
            continue
        if not fallback or all(_PERSONAL_NAME.match(name) for name in names):
            return _dedupe(names)
    return _dedupe(fallback)


def _lines_after_headline(page: Page) -> list[str]:
    """Short lines around the headline, where pages print "18 NOV 2019" or "Published on ..." for readers: a
    few just above it (a kicker with the date), then the lines from the headline on."""
    start = next((i for i, block in enumerate(page.blocks) if page.elements[block.owner].tag == "h1"), 0)
    window = page.blocks[start : start + _DATE_SCAN_BLOCKS] + page.blocks[max(0, start - _DATE_LINES_ABOVE) : start]
    return [block.text for block in window if len(block.text) <= _MAX_DATE_LINE]


def _first_date(values: Iterable[str | None]) -> ParsedDate | None:
    for value in values:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return None


def _date_in_page_text(page: Page, paragraphs: Sequence[str], now: datetime | None) -> ParsedDate | None:
    """A date printed for readers: in ``<time>`` text, bylines, the lines around the headline or the first
    paragraphs; then a day and month without a year in the short ones of those lines or the dateline."""
    lines = [text for _, text, _ in page.times]
    lines += [text for text, _ in page.bylines]
    lines += _lines_after_headline(page)
    for text in [*lines, *paragraphs[:3]]:
        # Words first: they also read the time ("6 mars 2024 à 18h05"), where the generic pattern stops at the year.
        if (published := parse_written_date(text)) is not None:
            return published
        match = _TEXT_DATE.search(ascii_digits(text))
        if match and (published := parse_date(match.group(0))) is not None:
            return published
    for text in lines:
        if len(text) <= _MAX_YEARLESS_LINE and (published := parse_written_date(text, now=now, yearless=True)):
            return published
    if paragraphs:
        parts = _DATELINE_BREAK.split(paragraphs[0][:_DATELINE_HEAD], maxsplit=1)
        if len(parts) == 2 and len(parts[0].split()) <= _MAX_DATELINE_WORDS:
            return parse_written_date(parts[0], now=now, yearless=True)
    return None


def pick_dates(
    structured: StructuredData, page: Page, url: str, paragraphs: Sequence[str], *, now: datetime | None = None
) -> tuple[ParsedDate | None, ParsedDate | None]:
    """Published and updated moments from JSON-LD, ``meta``, ``<time>``, the URL, then the top of the text.

    ``now`` is when the page was read (default: now): the year of a date printed without one.
    """
    article = structured.article or {}
    published = _first_date(
        [
            _jsonld_text(article.get("datePublished")),
            _jsonld_text(article.get("dateCreated")),
            *(structured.meta.get(key) for key in _PUBLISHED_META),
            *(value for value, _, _ in page.times),
        ]
    )
    if published is None:
        published = date_from_url(url)
    if published is None:
        published = _date_in_page_text(page, paragraphs, now)
    updated = _first_date(
        [_jsonld_text(article.get("dateModified")), *(structured.meta.get(key) for key in _UPDATED_META)]
    )
    return published, updated


def pick_section(structured: StructuredData) -> str | None:
    """The section the publisher filed the article under (JSON-LD ``articleSection``, ``article:section``)."""
    if structured.article is not None:
        section = _jsonld_text(structured.article.get("articleSection"))
        if section:
            return section
    return structured.meta_first(*_SECTION_META)


def find_dateline(first_paragraph: str | None) -> str | None:
    """The place of a wire-style dateline: "ALEPPO, Syria (AP) — Rebels..." -> "ALEPPO, Syria"; datelines in other
    scripts or with a date ("МОСКВА, 28 ноября. /ТАСС/.", "تعز (اليمن) —") as ``datelines.dateline_place``."""
    if not first_paragraph:
        return None
    match = _DATELINE.match(first_paragraph) or _DATELINE_WITH_AGENCY.match(first_paragraph)
    if match is None:
        return dateline_place(first_paragraph)
    place = match.group("place").strip(" ,")
    return place if len(place) >= 2 else None


def pick_canonical(structured: StructuredData, url: str) -> str:
    """``<link rel=canonical>``, ``og:url`` or JSON-LD ``url`` resolved against the fetched URL, else that URL.

    A declared URL that is malformed or not http(s) is passed over: pages lie, and a broken canonical must not
    cost the article.
    """
    article = structured.article or {}
    for candidate in (structured.canonical, structured.meta.get("og:url"), _jsonld_text(article.get("url"))):
        absolute = resolve_link(url, candidate) if candidate else None
        if absolute is not None and absolute.startswith(("http://", "https://")):
            return absolute
    return url


def pick_lead(structured: StructuredData, paragraphs: Sequence[str]) -> str | None:
    """The standfirst: the declared description, else the first paragraph of the body."""
    article = structured.article or {}
    declared = _jsonld_text(article.get("description")) or structured.meta_first(
        "og:description", "description", "twitter:description"
    )
    if declared:
        return declared
    return paragraphs[0] if paragraphs else None
