"""Cutting scripts, styles, inline SVG and comments out of a page's bytes before it is decoded and parsed.

None of these is ever article text, and on modern pages they are most of the bytes and many of the nodes
BeautifulSoup would build (tree building, not lxml's tokenizer, is where parsing time goes). Scripts and styles
are raw-text elements: the HTML tokenizer ends them at the first ``</script`` / ``</style``, exactly as the
search below does, so cutting them changes nothing else in the tree. JSON-LD scripts are left in place, since
structured data lives in them.

Working on bytes rather than text is deliberate: byte searches run at memory speed, while searching decoded
text of a non-Latin page is several times slower. It is only valid for encodings in which ``<`` is always the
byte 0x3C (ASCII-compatible encodings: UTF-8, the ISO-8859 and Windows code pages, Shift_JIS, GBK, Big5, EUC);
``cuttable`` says when it is.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["cuttable", "strip_raw_bytes"]

_OPENER = re.compile(rb"<(?:([sS][cC][rR][iI][pP][tT]|[sS][tT][yY][lL][eE]|[sS][vV][gG])(?=[\s/>])|!--)")
_CLOSER = {tag: re.compile(b"</" + tag, re.IGNORECASE) for tag in (b"script", b"style", b"svg")}
_JSONLD_TYPE = re.compile(rb"ld\+json", re.IGNORECASE)
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


def strip_raw_bytes(content: bytes) -> bytes:
    """Remove ``<script>`` (except JSON-LD), ``<style>``, ``<svg>`` elements and comments.

    Args:
        content: the page in an ASCII-compatible encoding (check with ``cuttable``).

    Returns:
        The remaining bytes, each cut replaced by a space. An unterminated construct swallows the rest of the
        document, as it would in a browser.
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
        open_end = content.find(b">", start)
        close = _CLOSER[tag.lower()].search(content, open_end) if open_end >= 0 else None
        if close is None:
            pieces.append(content[position:start])
            break
        close_end = content.find(b">", close.end())
        next_position = size if close_end < 0 else close_end + 1
        if tag.lower() == b"script" and _JSONLD_TYPE.search(content, start, open_end):
            pieces.append(content[position:next_position])
        else:
            pieces.append(content[position:start])
            pieces.append(b" ")
        position = next_position
    return b"".join(pieces)
