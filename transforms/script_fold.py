"""Script-fitting folding for matching, with a map back to the original offsets so evidence spans stay exact.

Reporters and outlets spell the same word several ways: Arabic hamza forms (أ إ آ ا), alif maqsura (ى ي), ta
marbuta (ة ه), tatweel and vowel marks; Ukrainian і beside Russian и; three apostrophes (ʼ ’ ') in Ukrainian;
Latin accents dropped by some outlets; and case. Vocabularies are folded once, texts once, and a match on the
folded text is mapped back with :meth:`FoldedText.original_span`. Shared by every language-aware enricher.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

__all__ = ["FoldedText", "fold_for_matching", "fold_word"]

_LETTER_VARIANTS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "і": "и", "ї": "и", "ё": "е", "ʼ": "'", "’": "'", "‘": "'", "`": "'",
}  # fmt: skip
_ARABIC_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_TATWEEL = "\u0640"


@dataclass(frozen=True, slots=True)
class FoldedText:
    """``text`` folded for matching; ``origins[i]`` is the offset in the original of folded character ``i``.

    ``origins`` has one extra entry (the original length) so an exclusive end maps back too.
    """

    text: str
    origins: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the folded span ``[start, end)``; ``end`` exclusive."""
        if end <= start:
            return self.origins[start], self.origins[start]
        return self.origins[start], self.origins[end - 1] + 1


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char == _TATWEEL:
        return ""
    if char in _ARABIC_DIGITS:
        return _ARABIC_DIGITS[char]
    lowered = char.lower()
    if lowered in _LETTER_VARIANTS:
        return _LETTER_VARIANTS[lowered]
    if lowered in "йї":
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_for_matching(text: str) -> FoldedText:
    """``text`` with case, letter variants, marks, tatweel and Arabic-Indic digits folded (see module doc)."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() and not char.isupper() else _fold_char(char)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    origins.append(len(text))
    return FoldedText("".join(pieces), tuple(origins))


def fold_word(word: str) -> str:
    """A vocabulary entry folded the way :func:`fold_for_matching` folds texts."""
    return fold_for_matching(word).text
