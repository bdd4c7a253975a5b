"""Whole-word phrase matching that sees through Arabic and Cyrillic spelling variants, offsets kept exact.

Actors and event triggers are found with one :class:`~transforms.gazetteer.PhraseIndex` pass over
:func:`~transforms.gazetteer.matching_text`, which folds case and Latin accents one character for one. Arabic
and Cyrillic reports also spell one word several ways (hamza forms, ta marbuta, tatweel and vowel marks,
Ukrainian і beside Russian и), and some of those folds change a word's length. A text in those scripts is
therefore folded with :func:`~transforms.script_fold.fold_for_matching` first and each match mapped back to the
original; a Latin-script text keeps the original one-for-one path, so English and French reading is unchanged.
Keys go through :func:`phrase_key`, the same folding.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TypeVar

from transforms.gazetteer import PhraseIndex, matching_text
from transforms.script_fold import FoldedText, fold_for_matching, fold_word

__all__ = ["MatchingView", "attached_forms", "find_phrases", "matching_view", "phrase_key"]

Value = TypeVar("Value")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]")
# Arabic writes "and", "with/in", "to/for" and "so" joined to the next word, and "to the" as lil- before al-.
_PROCLITICS = ("و", "ب", "ل", "ف", "وب", "ول")
_BEFORE_ARTICLE = ("و", "ب", "ف", "وب", "ك")
_FOLDED_SCRIPTS = re.compile(r"[\u0400-\u052f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True, slots=True)
class MatchingView:
    """``prepared`` is what a phrase index reads; ``folded`` maps its offsets back (None: they are the text's)."""

    prepared: str
    folded: FoldedText | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``prepared[start:end]`` was folded from."""
        return (start, end) if self.folded is None else self.folded.original_span(start, end)


@functools.lru_cache(maxsize=4)
def matching_view(text: str) -> MatchingView:
    """``text`` prepared for phrase matching; actors and events of one article share it."""
    if not _FOLDED_SCRIPTS.search(text):
        return MatchingView(matching_text(text), None)
    folded = fold_for_matching(text)
    return MatchingView(matching_text(folded.text), folded)


def phrase_key(phrase: str) -> str:
    """A vocabulary phrase folded the way :func:`matching_view` folds texts (the index then folds case)."""
    return fold_word(phrase) if _FOLDED_SCRIPTS.search(phrase) else phrase


def find_phrases(index: PhraseIndex[Value], text: str, *, overlapping: bool = False) -> list[tuple[int, int, Value]]:
    """Every ``(start, end, value)`` whole-word match of ``index`` in ``text``, offsets in ``text``.

    ``overlapping`` gives every match (:meth:`PhraseIndex.find_all`), else leftmost-longest ones.
    """
    view = matching_view(text)
    hits = index.find_all(view.prepared) if overlapping else index.find(view.prepared)
    if view.folded is None:
        return hits
    return [(*view.original_span(start, end), value) for start, end, value in hits]


def attached_forms(phrase: str) -> tuple[str, ...]:
    """``phrase`` and, when it is Arabic, its forms with a joined preposition or conjunction: ``الجيش`` is also
    ``والجيش``, ``بالجيش`` and ``للجيش``; ``قوات`` is also ``وقوات`` and ``بقوات``. Other phrases as they are."""
    if not _ARABIC_WORD.match(phrase):
        return (phrase,)
    if phrase.startswith("ال"):
        return (phrase, *(clitic + phrase for clitic in _BEFORE_ARTICLE), "لل" + phrase[2:])
    return (phrase, *(clitic + phrase for clitic in _PROCLITICS))
