"""Script-fitting folding for matching, with a map back to the original offsets so evidence spans stay exact.

Reporters and outlets spell the same word several ways: Arabic hamza forms (أ إ آ ا), alif maqsura (ى ي), ta
marbuta (ة ه), tatweel and vowel marks; Ukrainian і beside Russian и; three apostrophes (ʼ ’ ') in Ukrainian;
Latin accents dropped by some outlets; and case. Vocabularies are folded once, texts once, and a match on the
folded text is mapped back with :meth:`FoldedText.original_span`. Shared by every language-aware enricher: an
article is folded once (the last few folds are kept) and each reader takes its sentences' parts of that fold
(:meth:`FoldedText.part`), since folding is most of what reading Arabic or Cyrillic text costs.
"""

from __future__ import annotations

import bisect
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

    def folded_offset(self, original: int) -> int:
        """The offset in ``text`` of the first folded character from ``original`` or later."""
        return bisect.bisect_left(self.origins, original)

    def part(self, start: int, end: int) -> FoldedText:
        """The fold of the original's ``[start, end)``, offsets relative to ``start``: a character folds alone,
        so this equals folding that part again."""
        first, last = self.folded_offset(start), self.folded_offset(end)
        origins = tuple(map(start.__rsub__, self.origins[first:last]))
        return FoldedText(self.text[first:last], (*origins, end - start))


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


class _FoldTable(dict[int, str]):
    """Code point to its fold, filled as characters are met, for :meth:`str.translate`; ``uneven`` holds the
    characters whose fold is not one character long (tatweel, marks), the only ones that shift offsets."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven: set[str] = set()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char if char.isascii() and not char.isupper() else _fold_char(char)
        if len(folded) != 1:
            self.uneven.add(char)
        self[code] = folded
        return folded


_FOLDS = _FoldTable()


@functools.lru_cache(maxsize=8)
def fold_for_matching(text: str) -> FoldedText:
    """``text`` with case, letter variants, marks, tatweel and Arabic-Indic digits folded (see module doc).

    The last few texts' folds are kept: an article's readers (places, actors, events, figures) share one."""
    folded = text.translate(_FOLDS)
    if _FOLDS.uneven.isdisjoint(text):
        return FoldedText(folded, tuple(range(len(text) + 1)))
    origins: list[int] = []
    done = 0
    for index in [index for index, char in enumerate(text) if char in _FOLDS.uneven]:
        origins.extend(range(done, index))
        origins.extend([index] * len(_FOLDS[ord(text[index])]))
        done = index + 1
    origins.extend(range(done, len(text) + 1))
    return FoldedText(folded, tuple(origins))


@functools.lru_cache(maxsize=8192)
def fold_word(word: str) -> str:
    """A vocabulary entry folded the way :func:`fold_for_matching` folds texts."""
    return word.translate(_FOLDS)
