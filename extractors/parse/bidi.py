"""Removing bidirectional control characters from a page before it is parsed.

Arabic and Hebrew pages set marks (LRM U+200E, RLM U+200F, ALM U+061C), embeddings and overrides
(U+202A-U+202E) and isolates (U+2066-U+2069) around numbers, Latin names and punctuation so a browser lays a
mixed line out right to left. They are invisible layout instructions, not text: left in, they split words for
matching ("(رويترز)\u200f" is not "(رويترز)"), defeat dates and phrases, and travel into titles and authors. Pages
write them as characters or as references (``&rlm;``, ``&#8207;``, ``&#x200F;``); both go, before parsing, so
every field read from the tree (text, attributes, JSON-LD) is clean.
"""

from __future__ import annotations

import re

__all__ = ["strip_bidi_controls"]

_CONTROLS = tuple(chr(code) for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_CONTROL = re.compile(f"[{''.join(_CONTROLS)}]")
_REFERENCES = re.compile(
    r"&(?:lrm;|rlm;|#(?:[xX]0*(?:200[eEfF]|61[cC]|202[a-eA-E]|206[6-9])|0*(?:820[67]|1564|823[4-8]|829[4-7]));)"
)


def strip_bidi_controls(html: str) -> str:
    """``html`` without bidirectional marks, embeddings, overrides and isolates, written raw or as references."""
    # Searching for each character is far cheaper than a substitution over a page that has none.
    if not html.isascii() and any(control in html for control in _CONTROLS):
        html = _CONTROL.sub("", html)
    return _REFERENCES.sub("", html) if "&" in html else html
