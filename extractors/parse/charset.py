"""Turning the bytes a server sent into text: BOM, HTTP header, ``<meta charset>``, then detection.

The order follows the HTML standard (a BOM beats everything, the transport beats the document), with one
pragmatic exception: servers and templates often *declare* a single-byte Latin charset for pages that are really
UTF-8. Valid multi-byte UTF-8 almost never happens by chance in Latin-1 text, so when the bytes decode as UTF-8
and contain non-ASCII we trust the bytes over a Latin declaration instead of producing mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode_html", "declared_charset", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_PRESCAN_BYTES = 4096
_MAX_BAD_UTF8 = 16
# WHATWG encoding labels: browsers decode these declarations as the wider superset.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}
_LATIN_SINGLE_BYTE = {"cp1252", "cp1254", "iso8859-15", "cp1250", "iso8859-2"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x00\x00\x01\x00")


def _codec_name(label: str) -> str | None:
    """Python codec for an encoding label, widened as browsers do; None for labels Python does not know."""
    label = label.strip().lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bom_codec(content: bytes) -> str | None:
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return codec
    return None


def declared_charset(content: bytes, content_type: str | None) -> str | None:
    """The codec declared by the HTTP ``Content-Type`` header, else by a ``<meta>`` in the first 4 KiB."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (codec := _codec_name(match.group(1))):
            return codec
    meta = _META_CHARSET.search(content[:_PRESCAN_BYTES])
    if meta:
        return _codec_name(meta.group(1).decode("ascii", "replace"))
    return None


def looks_binary(content: bytes) -> bool:
    """True for images, archives, PDFs and other bytes no HTML page starts with (NULs outside UTF-16/32)."""
    if _bom_codec(content) in {"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}:
        return False
    head = content[:1024]
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head


def _utf8_or_none(content: bytes) -> str | None:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page's bytes to text the way a browser would, repairing common mis-declarations.

    Args:
        content: the raw bytes as fetched or read.
        content_type: the HTTP ``Content-Type`` header, if any (its ``charset`` parameter is honoured).

    Returns:
        The page as text; undecodable bytes become U+FFFD rather than failing, so a page with one bad byte
        still yields its article.
    """
    bom = _bom_codec(content)
    if bom is not None:
        return content.decode(bom, errors="replace").lstrip("\ufeff")
    declared = declared_charset(content, content_type)
    if declared == "utf-8" or declared is None or declared in _LATIN_SINGLE_BYTE:
        text = _utf8_or_none(content)
        if text is not None:
            return text
    if declared == "utf-8" or declared is None:
        # A UTF-8 page with a few corrupt bytes (truncated copy, stray NUL, binary junk) is still UTF-8:
        # replacing the bad bytes beats re-decoding every character in a guessed single-byte charset.
        text = content.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(_MAX_BAD_UTF8, len(text) // 1000):
            return text
    if declared is not None and declared != "utf-8":
        try:
            return content.decode(declared)
        except UnicodeDecodeError:
            pass  # The declaration is wrong for these bytes: fall through to detection.
    best = from_bytes(content[:200_000]).best()
    codec = _codec_name(best.encoding) if best is not None else None
    return content.decode(codec or declared or "cp1252", errors="replace")
