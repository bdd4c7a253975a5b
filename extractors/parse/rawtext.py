"""Cutting scripts, styles, inline SVG, navigation and comments out of a page's bytes before it is parsed.

None of these is ever article text (the DOM walk would skip them anyway), and on modern pages they are most of
the bytes and many of the nodes BeautifulSoup would build (tree building, not lxml's tokenizer, is where parsing
time goes). Scripts and styles are raw-text elements: the HTML tokenizer ends them at the first ``</script`` /
``</style``, exactly as the search below does, so cutting them changes nothing else in the tree. The other cut
elements end at their first closing tag; one that is never closed is left alone. JSON-LD scripts are kept,
since structured data lives in them.

Working on bytes rather than text is deliberate: byte searches run at memory speed, while searching decoded
text of a non-Latin page is several times slower. It is only valid for encodings in which ``<`` is always the
byte 0x3C (ASCII-compatible encodings: UTF-8, the ISO-8859 and Windows code pages, Shift_JIS, GBK, Big5, EUC);
``cuttable`` says when it is.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["cap_markup", "cuttable", "strip_raw_bytes"]

_CUT_TAGS = (b"script", b"style", b"svg", b"nav", b"noscript", b"select", b"template", b"iframe")
# Raw-text elements: unterminated, they swallow the rest of the document. The others, unterminated, are kept.
_RAW_TEXT = frozenset({b"script", b"style"})
_OPENER = re.compile(rb"<(?:((?i:" + b"|".join(_CUT_TAGS) + rb"))(?=[\s/>])|!--)")
_CLOSER = {tag: re.compile(b"</" + tag, re.IGNORECASE) for tag in _CUT_TAGS}
_JSONLD_TYPE = re.compile(rb"ld\+json", re.IGNORECASE)
_JSONLD_SCRIPT = re.compile(rb"<script\b[^>]*ld\+json[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
# Encodings where byte 0x3C may be part of another character.
_UNSAFE = re.compile(rb"utf-?16|utf-?32|ucs-?2|ucs-?4|iso-?2022|utf-?7|hz-gb", re.IGNORECASE)
_UNSAFE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_PRESCAN_BYTES = 4096


def cuttable(content: bytes, content_type: str | None) -> bool:
    """True when ``content`` is in an ASCII-compatible encoding, so byte-level cutting is safe."""
    if content.startswith(_UNSAFE_BOMS):
        return False
    if content_type and _UNSAFE.search(content_type.encode("ascii", "replace")):
        return False
    return _UNSAFE.search(content, 0, _PRESCAN_BYTES) is None


def strip_raw_bytes(content: bytes, *, keep_noscript: bool = False) -> bytes:
    """Remove scripts (except JSON-LD), styles, SVG, ``<nav>``, ``<noscript>``, form selects, templates,
    iframes and comments.

    Args:
        content: the page in an ASCII-compatible encoding (check with ``cuttable``).
        keep_noscript: keep ``<noscript>`` content, for pages whose only copy of the article is there (the
            script that renders it for everyone else is cut).

    Returns:
        The remaining bytes, each cut replaced by a space. An unterminated script, style or comment swallows
        the rest of the document, as it would in a browser.
    """
    pieces: list[bytes] = []
    size = len(content)
    position = 0
    while True:
        match = _OPENER.search(content, position)
        if match is None:
            pieces.append(content[position:])
            break
        start, tag = match.start(), match.group(1)
        if tag is None:
            end = content.find(b"-->", start + 4)
            pieces.append(content[position:start])
            pieces.append(b" ")
            position = size if end < 0 else end + 3
            continue
        tag = tag.lower()
        if keep_noscript and tag == b"noscript":
            pieces.append(content[position : match.end()])
            position = match.end()
            continue
        open_end = content.find(b">", start)
        close = _CLOSER[tag].search(content, open_end) if open_end >= 0 else None
        if close is None:
            if tag in _RAW_TEXT:
                pieces.append(content[position:start])
                break
            pieces.append(content[position : match.end()])
            position = match.end()
            continue
        close_end = content.find(b">", close.end())
        next_position = size if close_end < 0 else close_end + 1
        if tag == b"script" and _JSONLD_TYPE.search(content, start, open_end):
            pieces.append(content[position:next_position])
        else:
            pieces.append(content[position:start])
            pieces.append(b" ")
        position = next_position
    return b"".join(pieces)


def cap_markup(content: bytes, limit: int) -> bytes:
    """The longest prefix of ``content``, cut before a tag, holding at most ``limit`` bytes of markup.

    JSON-LD scripts do not count: each is one text node for the parser, however long, and a live blog's
    structured data can be larger than all of its HTML. Counting it would cut the article off the page.
    """
    if len(content) <= limit:
        return content
    budget = limit
    position = 0
    for script in _JSONLD_SCRIPT.finditer(content):
        if script.start() - position > budget:
            break
        budget -= script.start() - position
        position = script.end()
    end = position + budget
    if end >= len(content):
        return content
    cut = content.rfind(b"<", position, end)
    return content[: cut if cut > 0 else end]
