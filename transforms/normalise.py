"""Normalisation: one spelling for every URL, text and date, so identical things compare equal.

Identity rules live here because the warehouse keys on them: an article is identified by its canonical URL
(``article_id``), and two bodies are "the same" when their normalised text hashes equal (``body_hash``), which
ignores whitespace, quote styles and Unicode composition differences between outlets.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from records import Article

__all__ = [
    "article_id_for",
    "body_hash_for",
    "canonical_url",
    "normalise_article",
    "normalise_text",
    "to_utc",
]

_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "ref_src",
        "cmpid",
        "ocid",
        "ito",
        "at_medium",
        "at_campaign",
        "smid",
        "taid",
        "share",
        "ns_mchannel",
        "ns_campaign",
        "ns_source",
        "ns_linkname",
        "mkt_tok",
        "__twitter_impression",
        "wt_mc",
        "ref",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*\n\s*")
_SINGLE_BREAK = re.compile(r" ?\n ?")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WORD = re.compile(r"\w+")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Return the canonical spelling of ``url``.

    Lower-cases scheme and host, drops default ports, fragments, tracking parameters (``utm_*``, ``fbclid``, …)
    and a trailing ``?``; sorts the remaining query parameters; an empty path becomes ``/``. Paths keep their
    case: many news sites route on it.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def normalise_text(text: str) -> str:
    """NFC, straight quotes, no invisible characters, single spaces, paragraphs separated by one blank line."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).translate(_QUOTES)
    text = _INLINE_SPACE.sub(" ", text)
    paragraphs = (_SINGLE_BREAK.sub("\n", p).strip() for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def body_hash_for(body: str) -> str:
    """Hash of a body for exact-duplicate detection: case, punctuation, quotes and layout do not count.

    Only word characters enter the hash, so whitespace and quote styles already do not matter; ``body`` must be
    NFC (as ``normalise_article`` leaves it) for composed and decomposed accents to hash alike.
    """
    folded = " ".join(_WORD.findall(body.casefold()))
    return hashlib.sha256(folded.encode()).hexdigest()


def article_id_for(canonical: str) -> str:
    """Stable article identifier derived from the canonical URL, so re-processing keeps ids."""
    return hashlib.sha256(canonical.encode()).hexdigest()[:20]


def to_utc(moment: datetime | None) -> datetime | None:
    """A timezone-aware moment in UTC; a naive one is taken to be UTC already (feeds often omit the zone)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = normalise_text(value)
    return cleaned or None


def normalise_article(article: Article) -> Article:
    """Return ``article`` with canonical URL, normalised text fields and UTC dates."""
    return replace(
        article,
        canonical_url=canonical_url(article.canonical_url or article.url),
        title=_optional_text(article.title),
        body=normalise_text(article.body),
        lead=_optional_text(article.lead),
        dateline=_optional_text(article.dateline),
        section=_optional_text(article.section),
        authors=tuple(dict.fromkeys(a for a in (_optional_text(x) for x in article.authors) if a)),
        published_at=to_utc(article.published_at),
        updated_at=to_utc(article.updated_at),
        language=article.language.lower() if article.language else None,
    )
