"""Length measures that hold across writing systems.

Chinese and Japanese are written without spaces between words, so "words" counted by splitting on whitespace
make a whole paragraph one word, and a rule like "a line of six words or fewer is a label" peels real closing
paragraphs off a story. Here a run of Han or kana counts as one word per two characters (the usual length of a
word in both languages), and for text-size thresholds a Han or kana character weighs what two Latin letters do.
Korean (Hangul) is written with spaces and needs neither adjustment.
"""

from __future__ import annotations

import re

__all__ = ["reading_length", "word_count"]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_CJK_WORD_CHARS = 2
_WORD = re.compile(r"\w")


def _cjk_chars(text: str) -> int:
    return len(_CJK.findall(text)) if not text.isascii() else 0


def word_count(text: str) -> int:
    """Words in ``text``: whitespace-separated words, with each two Han or kana characters counted as one."""
    cjk = _cjk_chars(text)
    if not cjk:
        return len(text.split())
    spaced = sum(1 for word in _CJK.sub(" ", text).split() if _WORD.search(word))
    return spaced + (cjk + _CJK_WORD_CHARS - 1) // _CJK_WORD_CHARS


def reading_length(text: str) -> int:
    """Length of ``text`` in Latin-letter equivalents: a Han or kana character counts as two."""
    return len(text) + _cjk_chars(text)
