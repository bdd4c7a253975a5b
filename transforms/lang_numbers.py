"""Numbers in French, Spanish, Arabic, Russian and Ukrainian prose: digits of any script, number words and their
case forms, thousands words and separators, and the hedge before them.

Works on the folded text (:mod:`transforms.script_fold`), so Arabic-Indic digits are already ASCII and spelling
variants already joined; offsets are mapped back to the original so spans stay exact evidence.
"""

from __future__ import annotations

import functools
import re

from records.vocab import Language
from transforms.lang_vocab import LanguageVocabulary, load_language_vocabulary, word_alternation
from transforms.numbers import NumberSpan
from transforms.script_fold import FoldedText

__all__ = ["find_language_numbers", "find_person_counts", "rises_before"]

_DIGITS = r"\d{1,3}(?:[ .,\u00a0\u202f\u066c]\d{3})+(?!\d)|\d+(?:[.,\u066b]\d+)?"
_YEAR = re.compile(r"(?:19|20)\d\d")
_LEADING_SPACE = re.compile(r"\s*")


@functools.cache
def _number_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None:
        return None
    words = word_alternation(vocabulary.numbers)
    # Number words join by space, hyphen ("vingt-cinq") or the language's "and" ("trente et un", "trente-et-un").
    joiners = word_alternation(vocabulary.joiners)
    joiner = rf"(?:\s+(?:{joiners})\s*|\s*-(?:(?:{joiners})-)?|\s+)" if vocabulary.joiners else r"(?:\s+|-)"
    prefix = r"(?:[وب]|ل)?" if language == "ar" else ""
    return re.compile(
        rf"(?<![\w'])(?:(?P<hedge>{word_alternation(vocabulary.hedges)})\s+)?{prefix}"
        rf"(?P<amount>(?P<digits>{_DIGITS})|(?P<words>(?:{words})(?:{joiner}(?:{words}))*))?"
        rf"(?:\s*(?P<thousands>{word_alternation(vocabulary.thousands)})\.?)?(?![\w'])"
        rf"(?P<date>\s+(?:{word_alternation(vocabulary.months) or '(?!)'})(?!\w)"
        rf"|\s*(?:{word_alternation(unit for unit in vocabulary.units if not unit.startswith('-')) or '(?!)'})(?!\w)"
        rf"|(?:{word_alternation(unit for unit in vocabulary.units if unit.startswith('-')) or '(?!)'}))?"
    )


def _digits_value(digits: str, multiplier: int) -> int | None:
    """The value of a digit string times its thousands word; a decimal counts only before a thousands word
    ("1,5 тысячи" is 1500), since "3.5" people is not a count."""
    if re.fullmatch(r"\d{1,3}(?:[ .,\u00a0\u202f\u066c]\d{3})+", digits):
        return int(re.sub(r"\D", "", digits)) * multiplier
    whole, _, fraction = re.sub(r"[.,\u066b]", ".", digits).partition(".")
    if fraction and multiplier > 1:
        return round(float(f"{whole}.{fraction}") * multiplier)
    return int(whole) * multiplier if whole else None


def _words_value(words: str, vocabulary: LanguageVocabulary, language: Language) -> int:
    """Number words added up ("vingt-cinq", "двадцать пять"), a hundred multiplying what precedes it ("deux
    cents", "ثلاث مئة")."""
    total = 0
    for token in _number_word_pattern(language).findall(words):
        value = vocabulary.numbers[token]
        total = total * value if value == 100 and 0 < total < 100 else total + value
    return total


@functools.cache
def _number_word_pattern(language: Language) -> re.Pattern[str]:
    """One number word; an Arabic one may carry the joined "and" of a compound ("خمسة وعشرون" is 5 + 20)."""
    vocabulary = load_language_vocabulary(language)
    words = word_alternation(vocabulary.numbers) if vocabulary is not None else "(?!)"
    joined = "و?" if language == "ar" else ""
    return re.compile(rf"(?<![\w']){joined}({words})(?![\w'])")


@functools.cache
def _rise_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.rises:
        return None
    return re.compile(rf"(?<!\w)(?:{word_alternation(vocabulary.rises)})(?P<to>\s+\w{{1,3}})?\s*$")


def rises_before(folded: str, start: int, language: Language, *, preposition: bool = True) -> bool:
    """Whether a toll verb ("возросло", "ascendió", "ارتفع") ends right before ``start``, with or without the
    short preposition after it ("до", "a", "الى"): the number then is the toll, not a bound."""
    pattern = _rise_pattern(language)
    match = pattern.search(folded, max(0, start - 40), start) if pattern is not None else None
    return match is not None and (preposition or not match.group("to"))


def _span(
    folded: FoldedText,
    original: str,
    match: re.Match[str],
    vocabulary: LanguageVocabulary,
    language: Language,
    *,
    rising: bool,
) -> NumberSpan:
    multiplier = vocabulary.thousands[match.group("thousands")] if match.group("thousands") else 1
    value = multiplier
    if match.group("digits"):
        value = _digits_value(match.group("digits"), multiplier) or 0
    elif match.group("words"):
        value = _words_value(match.group("words"), vocabulary, language) * multiplier
    qualifier, bound = vocabulary.hedges.get(match.group("hedge") or "", (None, None))
    begin = match.start()
    if rising and bound == "high":  # "возросло до 12" rose to twelve: "до" is the preposition, not "up to"
        qualifier, bound, begin = None, None, match.start("hedge") + len(match.group("hedge"))
        begin = _LEADING_SPACE.match(folded.text, begin).end()  # type: ignore[union-attr]
    low = None if bound == "high" else value
    high = None if bound == "low" else value
    start, end = folded.original_span(begin, match.end())
    return NumberSpan(original[start:end], start, end, low, high, qualifier)


def find_language_numbers(original: str, folded: FoldedText, language: Language) -> tuple[NumberSpan, ...]:
    """The count-like quantities of ``original`` (folded as ``folded``) in ``language``; bare years, day numbers
    before a month name and numbers of a unit (ages, kilometres, hours, per cent: "45-летний", "12 años") are
    left out because a date or a measure next to a casualty word is not a count."""
    pattern = _number_pattern(language)
    vocabulary = load_language_vocabulary(language)
    if pattern is None or vocabulary is None:
        return ()
    spans: list[NumberSpan] = []
    for match in pattern.finditer(folded.text):
        if match.group("date") or (not match.group("amount") and not match.group("thousands")):
            continue
        digits = match.group("digits")
        if digits and _YEAR.fullmatch(digits) and not match.group("thousands"):
            continue
        rising = rises_before(folded.text, match.start(), language, preposition=False)
        spans.append(_span(folded, original, match, vocabulary, language, rising=rising))
    return tuple(spans)


def _dual_forms(noun: str, oblique: bool) -> tuple[str, ...]:
    """Arabic duals of a folded singular noun: -ان always; -ين only for a noun whose plural is broken, since a
    sound plural's -ين is the same letters (مقاتلين, مدنيين are "fighters", "civilians"); a final ta marbuta
    becomes ت (طفلة, طفلتان)."""
    stem = noun[:-1] + "ت" if noun.endswith("ه") else noun
    return (stem + "ان", stem + "ين") if oblique else (stem + "ان",)


@functools.cache
def _person_pattern(language: Language) -> tuple[re.Pattern[str], frozenset[str]] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.persons:
        return None
    duals: frozenset[str] = frozenset()
    if language == "ar":
        duals = frozenset(
            dual for noun in vocabulary.persons for dual in _dual_forms(noun, noun in vocabulary.broken_plurals)
        ) | frozenset(dual for noun in vocabulary.dual_only for dual in _dual_forms(noun, True))
    prefix = r"(?:[وب]|ال|وال)?" if language == "ar" else ""
    words = word_alternation((*vocabulary.persons, *duals))
    return re.compile(rf"(?<![\w']){prefix}(?P<noun>{words})(?![\w'])"), duals


def find_person_counts(original: str, folded: FoldedText, language: Language) -> tuple[NumberSpan, ...]:
    """Counts written as a noun alone: a singular person noun is one ("استشهد طفل", "погиб мужчина") and an
    Arabic dual is two ("قتل جنديان", "هدم منزلين"). The reader pairs the singulars only with an adjacent cue."""
    found = _person_pattern(language)
    if found is None:
        return ()
    pattern, duals = found
    spans = []
    for match in pattern.finditer(folded.text):
        value = 2 if match.group("noun") in duals else 1
        start, end = folded.original_span(*match.span("noun"))
        spans.append(NumberSpan(original[start:end], start, end, value, value, None))
    return tuple(spans)
