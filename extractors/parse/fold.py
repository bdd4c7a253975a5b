"""Folding text for matching vocabularies written in several scripts: the parser's month names and boilerplate
phrases.

Pages spell one word several ways: Arabic hamza seats (أ إ آ ا), alif maqsura (ى ي), ta marbuta (ة ه), vowel
marks and tanween (``أيضاً``), tatweel stretching a word for layout (``نوفمـــبر``); Cyrillic ё/е and й/и;
Latin accents dropped by some outlets (``fevrier``); Arabic-Indic and Eastern Arabic-Indic digits (``٢٨``, ``۲۸``);
and case. Both the vocabulary and the text are folded the same way, so an entry matches every spelling. The
folded text is for matching only: extracted text keeps the page's spelling.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_digits", "fold_text"]

_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
# Letters that Unicode does not decompose into a base letter plus a mark, and tatweel, which is dropped.
_LETTERS = {ord("ى"): "ي", ord("ة"): "ه", 0x0640: None} | _DIGITS


def ascii_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Eastern Arabic-Indic digits written as ASCII digits."""
    return text if text.isascii() else text.translate(_DIGITS)


def fold_text(text: str) -> str:
    """``text`` case-folded, without marks (accents, harakat, hamza seats), tatweel or non-ASCII digits."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)
