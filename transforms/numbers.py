"""Numbers as reporters write them: digits, words, vague magnitudes, ranges, bounds and population shares.

``find_numbers`` reads English and French wire prose and returns every count-like quantity with its span, so
the figures stage can decide what is counted. It already drops what is never a count of anything: ages
("Seven-year-old"), dates ("28 November, 2016", "March 2011"), bare years, times ("10:30", "5 pm"), durations
and units ("3 min read", "20 km"), ordinals ("21st"), money, phone numbers and model names ("Su-24").

Bounds follow how the qualifier reads: a lower bound ("at least", "more than", "over", "plus de") sets only
``value_low``; an upper bound ("up to", "fewer than", "jusqu'à") only ``value_high``; an approximation ("about",
"nearly", "some", "environ") keeps both at the stated value. Vague magnitudes carry the range they can mean:
"thousands" is 1,000-9,999 because a reporter would have said "tens of thousands" otherwise. By the same
convention the small vague quantities - "a few", "several", "multiple", "a number of", "a handful of"
("quelques", "plusieurs") - are 2-9: more than one (else "a"), fewer than ten (else "a dozen", "dozens").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transforms.gazetteer import fold_case

__all__ = ["NumberSpan", "find_numbers", "match_at_words"]


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A quantity found in a text. Offsets are into the text given to ``find_numbers``.

    ``share`` is set instead of the values for fractions of a population ("over half the population" -> 0.5).
    """

    text: str
    start: int
    end: int
    value_low: int | None
    value_high: int | None
    qualifier: str | None
    share: float | None = None


_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_FR_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
}  # fmt: skip
_FR_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_SMALL = {**_EN_UNITS, **_EN_TENS, **_FR_UNITS, **_FR_TENS}
_HUNDRED = {"hundred", "cent", "cents"}
_BIG = {"thousand": 1_000, "mille": 1_000, "million": 1_000_000, "millions": 1_000_000}


def _alternation(words: object) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[call-overload]


_EN_LT100 = rf"(?:(?:{_alternation(_EN_TENS)})(?:[- ](?:{_alternation(_EN_UNITS)}))?|{_alternation(_EN_UNITS)})"
_FR_LT100 = (
    rf"(?:(?:quatre-vingts?|{_alternation(_FR_TENS)})(?:[- ](?:et[- ])?(?:{_alternation(_FR_UNITS)}))?"
    rf"|{_alternation(_FR_UNITS)})"
)
_EN_WORDS = (
    rf"(?:(?:a|{_EN_LT100})[ -](?:hundred|thousand|million)"
    rf"(?:[ -](?:and[ -])?{_EN_LT100}(?:[ -](?:thousand|million))?)?|{_EN_LT100})"
)
_FR_WORDS = rf"(?:(?:{_FR_LT100}[ -])?(?:cents?|mille|millions?)(?:[ -]{_FR_LT100})?|{_FR_LT100})"

# Vague magnitudes, longest phrases first so "tens of thousands" wins over "thousands".
_VAGUE: dict[str, tuple[int, int, str | None]] = {
    "hundreds of thousands": (100_000, 999_999, None),
    "tens of thousands": (10_000, 99_999, None),
    "several hundred thousand": (200_000, 999_999, None),
    "several thousand": (2_000, 9_999, None),
    "several hundred": (200, 999, None),
    "several dozen": (24, 99, None),
    "a few thousand": (2_000, 9_999, None),
    "a few hundred": (200, 999, None),
    "a few dozen": (24, 99, None),
    "half a million": (500_000, 500_000, None),
    "half a dozen": (6, 6, None),
    "a few": (2, 9, None),
    "several": (2, 9, None),
    "multiple": (2, 9, None),
    "a number of": (2, 9, None),
    "a handful of": (2, 9, None),
    "quelques": (2, 9, None),
    "plusieurs": (2, 9, None),
    "a dozen": (12, 12, None),
    "millions": (1_000_000, 9_999_999, None),
    "thousands": (1_000, 9_999, None),
    "hundreds": (100, 999, None),
    "dozens": (24, 99, None),
    "scores": (40, 99, None),
    "des centaines de milliers": (100_000, 999_999, None),
    "des dizaines de milliers": (10_000, 99_999, None),
    "plusieurs dizaines de milliers": (20_000, 99_999, None),
    "plusieurs milliers": (2_000, 9_999, None),
    "plusieurs centaines": (200, 999, None),
    "plusieurs dizaines": (20, 99, None),
    "quelques milliers": (2_000, 9_999, None),
    "quelques centaines": (200, 999, None),
    "quelques dizaines": (20, 99, None),
    "des millions": (1_000_000, 9_999_999, None),
    "des milliers": (1_000, 9_999, None),
    "des centaines": (100, 999, None),
    "des dizaines": (20, 99, None),
    "une dizaine": (10, 10, "about"),
    "une douzaine": (12, 12, "about"),
    "une quinzaine": (15, 15, "about"),
    "une vingtaine": (20, 20, "about"),
    "une trentaine": (30, 30, "about"),
    "une quarantaine": (40, 40, "about"),
    "une cinquantaine": (50, 50, "about"),
    "une soixantaine": (60, 60, "about"),
    "une centaine": (100, 100, "about"),
    "un millier": (1_000, 1_000, "about"),
}

_DIGITS = (
    r"(?P<digits>\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[ \u00a0\u202f]\d{3})+)(?![.,]\d)|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?P<mult>million|millions|billion|milliards?|bn)\b)?"
)
_ATOM_FIRST_WORDS = frozenset({*_SMALL, "a", "quatre", *(phrase.split()[0] for phrase in _VAGUE)})
_ATOM = re.compile(
    rf"(?<![\w$€£#])(?<!\d[.,])(?:(?P<vague>{_alternation(_VAGUE)})|{_DIGITS}|(?P<words>{_EN_WORDS}|{_FR_WORDS}))(?![\w])",
    re.IGNORECASE,
)

# Qualifier written before the number -> (canonical qualifier, kind of bound).
_QUALIFIERS: dict[str, tuple[str, str]] = {
    "at least": ("at least", "low"), "no fewer than": ("at least", "low"), "no less than": ("at least", "low"),
    "more than": ("more than", "low"), "over": ("over", "low"), "just over": ("over", "low"),
    "well over": ("over", "low"), "upwards of": ("more than", "low"), "in excess of": ("more than", "low"),
    "above": ("over", "low"), "au moins": ("at least", "low"), "plus de": ("more than", "low"),
    "pas moins de": ("at least", "low"), "up to": ("up to", "high"), "as many as": ("up to", "high"),
    "at most": ("up to", "high"), "fewer than": ("fewer than", "high"), "less than": ("fewer than", "high"),
    "under": ("fewer than", "high"), "jusqu'à": ("up to", "high"), "jusqu’à": ("up to", "high"),
    "moins de": ("fewer than", "high"), "nearly": ("nearly", "approx"), "almost": ("nearly", "approx"),
    "close to": ("nearly", "approx"), "just under": ("nearly", "approx"), "près de": ("nearly", "approx"),
    "presque": ("nearly", "approx"), "quelque": ("about", "approx"), "some": ("about", "approx"),
    "about": ("about", "approx"), "around": ("about", "approx"), "approximately": ("about", "approx"),
    "roughly": ("about", "approx"), "an estimated": ("about", "approx"), "estimated": ("about", "approx"),
    "environ": ("about", "approx"),
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w'’])({_alternation(_QUALIFIERS)})\s+$")  # on fold_case(text)

_SHARE_WORDS: dict[str, float] = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
    "three-quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2, "a tenth": 0.1, "la moitié": 0.5,
    "un tiers": 1 / 3, "deux tiers": 2 / 3, "un quart": 0.25, "les trois quarts": 0.75,
}  # fmt: skip
_SHARE = re.compile(
    rf"(?:(?P<qual>{_alternation(_QUALIFIERS)})\s+)?"
    rf"(?:(?P<word>{_alternation(_SHARE_WORDS)})|(?P<pct>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b|pour cent\b))"
    r"\s+(?:of\s+|de\s+|des\s+|du\s+)?(?:(?:the|its|their|la|sa|leur)\s+)?(?:[\w-]+['’]s\s+)?"
    r"(?:pre-war\s+|prewar\s+|entire\s+|whole\s+)?"
    r"(?P<noun>population|inhabitants|residents|habitants|people)\b",
    re.IGNORECASE,
)

# Matched against fold_case(text), as are the two patterns below: see transforms.gazetteer.fold_case.
_SHARE_HINT = re.compile(r"half|third|quarter|fifth|tenth|moitié|tiers|quart|%|per\s?cent|pour cent")

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre"
)
# What follows a number that makes it an age, a date, a time, a duration, a unit or an ordinal.
_NOT_COUNT_AFTER = re.compile(
    rf"^(?:-?\s*(?:years?|months?|weeks?|days?|hours?)[- ]old\b|-(?:year|month|week|day|hour|minute|storey|story)"
    rf"|\s*(?:{_MONTHS})\b|\s*(?:%|percent\b|per cent\b|pour cent\b)"
    r"|\s*(?:min|mins|minutes?|hours?|hrs?|h|seconds?|secs?|days?|weeks?|months?|years?|decades?|centuries"
    r"|km|kms|kilomet(?:re|er)s?|kilomètres?|miles?|met(?:re|er)s?|mètres?|m|cm|mm|kg|kilos?|tonnes?|tons?"
    r"|dollars?|euros?|pounds?|usd|eur|ans|années|jours|mois|semaines|heures|a\.m\.|p\.m\.|am|pm|gmt|utc"
    r"|mph|calibre|caliber|times|shots|rounds|bullets)\b|:\d)"
)
_NOT_COUNT_BEFORE = re.compile(
    rf"(?:(?:{_MONTHS})\.?\s*|\bno\s+|\b(?:aged|age|ages|no\.|number|page|resolution|route|highway|flight|article|"
    r"room|tel\.?|phone|call|version|category|level|grade|chapter|section|âgée?s?\s+de|n°)\s*|[-/:+]|[\d][ -])$"
)
_RANGE_SEPARATOR = re.compile(r"^(?:\s*[-–—]\s*|\s+(?:to|or|à|ou)\s+|\s+(?P<and>and|et)\s+)$", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"\b(?:between|entre|from|de)\s+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=512)
def _word_starts(words: frozenset[str], digits: bool) -> re.Pattern[str]:
    """Where ``words`` (and words starting with a digit) stand in lowered text; the caller checks that the
    character before is not a word character (a lookbehind would stop ``re`` skipping to the first letters)."""
    alternatives = [f"(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})(?!\\w)"] if words else []
    return re.compile("|".join([*alternatives, r"\d\w*"] if digits else alternatives))


def match_at_words(
    pattern: re.Pattern[str],
    text: str,
    first_words: frozenset[str],
    digits: bool = False,
    *,
    folded: str | None = None,
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` that start at a word of ``first_words`` (or a decimal digit).

    Large alternations of phrases are slow to try at every character; trying them only where a word that can
    start them stands keeps a 5 KB article in the low milliseconds. The words present are found with set
    operations in C, then located by a small pattern of just those words, so no Python loop visits every word.

    Args:
        pattern: tried at each candidate word.
        text: where the words are looked for.
        first_words: lowercase words a match can start with.
        digits: also try at words that start with a digit.
        folded: ``fold_case(text)``, to match a lowercase pattern compiled without ``re.IGNORECASE`` against
            instead of ``text`` (the words are still those of ``text``).
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower to two; keep offsets right
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    present = first_words.intersection(_WORD.findall(lowered))
    with_digits = digits and _DIGIT.search(text) is not None
    if not present and not with_digits:
        return
    end = 0
    for word in _word_starts(present, with_digits).finditer(lowered):
        start = word.start()
        if start < end or (start and _WORD.match(lowered, start - 1)):
            continue
        match = pattern.match(text if folded is None else folded, start)
        if match:
            end = match.end()
            yield match


def _word_value(text: str) -> int:
    """Value of a number written in English or French words ("two hundred and fifty", "quatre-vingt-dix")."""
    total = 0
    current = 0
    for token in re.split(r"[\s-]+", text.lower()):
        if token in ("and", "et"):
            continue
        if token in ("vingt", "vingts") and current == 4:
            current = 80
        elif token in _SMALL:
            current += _SMALL[token]
        elif token == "a":
            current = 1
        elif token in _HUNDRED:
            current = max(current, 1) * 100
        elif token in _BIG:
            total += max(current, 1) * _BIG[token]
            current = 0
    return total + current


_MAX_DIGITS = 12


def _digit_value(digits: str, multiplier: str | None) -> int | None:
    """Value of a written number, or None when it is not a whole count ("1.5" alone is a measure).

    More than ``_MAX_DIGITS`` digits is no count of people or homes (and thousands of digits would exceed
    Python's int-from-string limit): a serial number, a phone number or junk, so None.
    """
    compact = re.sub(r"[ \u00a0\u202f]", "", digits)
    if sum(char.isdigit() for char in compact) > _MAX_DIGITS:
        return None
    if multiplier:
        scale = 1_000_000_000 if multiplier.lower().startswith(("billion", "milliard", "bn")) else 1_000_000
        return round(float(compact.replace(",", ".")) * scale)
    if re.fullmatch(r"\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*", compact):
        return int(re.sub(r"[,.]", "", compact))
    if not compact.isdigit():
        return None
    return int(compact)


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    low: int
    high: int
    qualifier: str | None


def _atoms(text: str, folded: str, taken: list[tuple[int, int]]) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in match_at_words(_ATOM, text, _ATOM_FIRST_WORDS, digits=True):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken) or match.group(0).isupper() and len(match.group(0)) == 2:
            continue
        qualifier = None
        if match.group("vague"):
            low, high, qualifier = _VAGUE[match.group("vague").lower()]
        elif match.group("digits"):
            value = _digit_value(match.group("digits"), match.group("mult"))
            if value is None:
                continue
            low = high = value
            if not match.group("mult") and _YEAR.match(match.group("digits")):
                continue
        else:
            low = high = _word_value(match.group("words"))
        before = folded[max(0, start - 30) : start]
        excluded = _NOT_COUNT_AFTER.match(folded[end : end + 20]) or _NOT_COUNT_BEFORE.search(before)
        if excluded and not _joins_range(text, atoms, start):
            continue
        atoms.append(_Atom(start, end, low, high, qualifier))
    return atoms


def _joins_range(text: str, atoms: list[_Atom], start: int) -> bool:
    """True when the number is the second end of a range ("20-30", "between 20 and 30")."""
    if not atoms:
        return False
    separator = _RANGE_SEPARATOR.match(text[atoms[-1].end : start])
    return separator is not None and not separator.group("and")


def _merge_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    merged: list[_Atom] = []
    for atom in atoms:
        previous = merged[-1] if merged else None
        if previous is not None:
            separator = _RANGE_SEPARATOR.match(text[previous.end : atom.start])
            if separator is None:
                merged.append(atom)
                continue
            opener = _RANGE_OPENER.search(text[max(0, previous.start - 10) : previous.start])
            needs_opener = separator.group("and") is not None
            if (opener or not needs_opener) and atom.low > previous.low:
                if opener and opener.group(0).strip().lower() in ("from", "de") and not needs_opener:
                    merged[-1] = atom  # "rose from 20 to 30": only the new value counts
                    continue
                start = previous.start - len(opener.group(0)) if opener else previous.start
                merged[-1] = _Atom(start, atom.end, previous.low, atom.high, "between")
                continue
        merged.append(atom)
    return merged


def _with_qualifier(text: str, folded: str, atom: _Atom) -> NumberSpan:
    window = max(0, atom.start - 20)
    qualifier_match = _QUALIFIER_BEFORE.search(folded[window : atom.start])
    start, qualifier = atom.start, atom.qualifier
    low: int | None = atom.low
    high: int | None = atom.high
    if qualifier_match:
        written = text[window + qualifier_match.start(1) : window + qualifier_match.end(1)]
        qualifier, bound = _QUALIFIERS[written.lower()]
        start -= len(qualifier_match.group(0))
        if bound == "low":
            high = None
        elif bound == "high":
            low = None
    return NumberSpan(text[start : atom.end], start, atom.end, low, high, qualifier)


def find_numbers(text: str) -> tuple[NumberSpan, ...]:
    """Find every count-like quantity in ``text``.

    Args:
        text: a sentence or a paragraph, English or French.

    Returns:
        The quantities in text order, each with its span (qualifier included), bounds, qualifier and share.
    """
    spans: list[NumberSpan] = []
    taken: list[tuple[int, int]] = []
    folded = fold_case(text)
    shares = _SHARE.finditer(text) if _SHARE_HINT.search(folded) else iter(())
    for match in shares:
        if match.group("word"):
            share = _SHARE_WORDS[match.group("word").lower()]
        else:
            share = float(match.group("pct").replace(",", ".")) / 100
        qualifier = _QUALIFIERS[match.group("qual").lower()][0] if match.group("qual") else None
        spans.append(NumberSpan(match.group(0), match.start(), match.end(), None, None, qualifier, share))
        taken.append(match.span())
    spans.extend(_with_qualifier(text, folded, atom) for atom in _merge_ranges(text, _atoms(text, folded, taken)))
    return tuple(sorted(spans, key=lambda span: span.start))
