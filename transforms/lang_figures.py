"""Figures and their claimants in Arabic, Spanish, Russian and Ukrainian sentences.

A figure is a number with a casualty, displacement or detention word near it (just after, as these languages
mostly write "5 muertos" / "قتل 5" / "погибли 5", or just before); its claimant is whoever the sentence's verb of
saying or "according to" phrase names. The claimant's side of the verb follows the language's word order:
Arabic puts the speaker after the verb ("قال مسؤول محلي إن ..."), the others before it ("La policía informó")
or after it at the end of the clause (", informó la policía"). A sentence without one is the reporter's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from records import Figure, Sentence
from records.vocab import FigureCategory, Language
from transforms.lang_numbers import find_language_numbers
from transforms.lang_vocab import load_language_vocabulary, word_alternation
from transforms.numbers import NumberSpan
from transforms.script_fold import FoldedText, fold_for_matching

__all__ = ["extract_language_figures"]

_WINDOW_AFTER = 40
_WINDOW_BEFORE = 30
_CLAIMANT_WORDS = 5
_CLAUSE_END = re.compile(r"[,;:.!?«»\"()،؛—–]|\s(?:que|что|що|ان|انه|because)\s")
_WORD = re.compile(r"[^\W\d_][\w'-]*")


@functools.cache
def _category_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None:
        return None
    prefix = r"(?:[وفب]|ال|وال|بال)?" if language == "ar" else ""
    groups = "|".join(
        rf"(?P<{category}>{word_alternation(stems)})" for category, stems in vocabulary.categories.items()
    )
    return re.compile(rf"(?<!\w){prefix}(?:{groups})")


@functools.cache
def _claim_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None:
        return None
    prefix = r"(?:[وف])?" if language == "ar" else ""
    return re.compile(
        rf"(?<!\w)(?:(?P<according>{word_alternation(vocabulary.according)})|{prefix}"
        rf"(?P<verb>{word_alternation(vocabulary.verbs)}))(?!\w)"
    )


def _category_near(folded: str, number: tuple[int, int], pattern: re.Pattern[str]) -> FigureCategory | None:
    after = pattern.search(folded, number[1], min(len(folded), number[1] + _WINDOW_AFTER))
    if after is not None:
        return after.lastgroup  # type: ignore[return-value]
    before = None
    for match in pattern.finditer(folded, max(0, number[0] - _WINDOW_BEFORE), number[0]):
        before = match
    return before.lastgroup if before is not None else None  # type: ignore[return-value]


def _words_after(folded: str, start: int) -> tuple[int, int] | None:
    clause = folded[start:]
    end = _CLAUSE_END.search(clause)
    words = list(_WORD.finditer(clause, 0, end.start() if end else len(clause)))[:_CLAIMANT_WORDS]
    return (start + words[0].start(), start + words[-1].end()) if words else None


def _words_before(folded: str, end: int) -> tuple[int, int] | None:
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, end)), default=0)
    words = list(_WORD.finditer(folded, clause_start, end))[-_CLAIMANT_WORDS:]
    return (words[0].start(), words[-1].end()) if words else None


def _claimant(folded: FoldedText, original: str, language: Language) -> tuple[str, str | None]:
    pattern = _claim_pattern(language)
    match = pattern.search(folded.text) if pattern is not None else None
    if match is None:
        return "reporter", None
    if match.group("according") or language == "ar":
        where = _words_after(folded.text, match.end())
    else:
        where = _words_before(folded.text, match.start()) or _words_after(folded.text, match.end())
    verb_start, verb_end = folded.original_span(*match.span())
    if where is None:
        return "reporter", original[verb_start:verb_end]
    start, end = folded.original_span(*where)
    return original[start:end], original[verb_start:verb_end]


def _sentence_figures(sentence: Sentence, language: Language, pattern: re.Pattern[str]) -> list[Figure]:
    folded = fold_for_matching(sentence.text)
    numbers = find_language_numbers(sentence.text, folded, language)
    claimant, verb = _claimant(folded, sentence.text, language)
    figures = []
    for number in numbers:
        category = _category_near(folded.text, _folded_span(folded, number), pattern)
        if category is None:
            continue
        figures.append(
            Figure(
                text=number.text,
                start=sentence.start + number.start,
                end=sentence.start + number.end,
                category=category,
                value_low=number.value_low,
                value_high=number.value_high,
                qualifier=number.qualifier,
                subject=None,
                scope="event",
                claimant=claimant,
                verb=verb,
                sentence=sentence.text,
            )
        )
    return figures


def _folded_span(folded: FoldedText, number: NumberSpan) -> tuple[int, int]:
    start = next(i for i, origin in enumerate(folded.origins) if origin >= number.start)
    end = next(i for i, origin in enumerate(folded.origins) if origin >= number.end)
    return start, end


def extract_language_figures(sentences: Sequence[Sentence], language: Language) -> tuple[Figure, ...]:
    """The figures of ``sentences`` in ``language`` with their claimants; empty for a language without data."""
    pattern = _category_pattern(language)
    if pattern is None:
        return ()
    return tuple(figure for sentence in sentences for figure in _sentence_figures(sentence, language, pattern))
