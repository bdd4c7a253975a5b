"""The language of an article: declared when the page or the source says a language we read, else detected.

Detection is by script first (Arabic letters are Arabic here; Cyrillic is Russian or Ukrainian) and then by
the share of each language's commonest short words, which tells French from Spanish from English and Ukrainian
from Russian in one sentence, offline and without a model. A source's ``language`` setting is only a hint: an
English outlet's French page is read as French.
"""

from __future__ import annotations

import re
from typing import cast, get_args

from records.vocab import Language

__all__ = ["article_language", "detect_language"]

_LANGUAGES: frozenset[str] = frozenset(get_args(Language))
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")
_STOP_WORDS: dict[Language, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "was",
            "were",
            "is",
            "that",
            "for",
            "on",
            "with",
            "by",
            "said",
            "at",
            "from",
            "have",
            "has",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "et",
            "est",
            "une",
            "dans",
            "pour",
            "par",
            "sur",
            "qui",
            "au",
            "aux",
            "ont",
            "été",
            "selon",
        ]
    ),
    "es": frozenset(
        ["el", "los", "las", "del", "y", "en", "que", "por", "con", "para", "una", "fue", "según", "han", "al", "se"]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "не",
            "на",
            "что",
            "по",
            "из",
            "за",
            "был",
            "были",
            "это",
            "он",
            "как",
            "также",
            "который",
            "сообщил",
        ]
    ),
    "uk": frozenset(
        [
            "і",
            "й",
            "та",
            "у",
            "в",
            "не",
            "на",
            "що",
            "до",
            "з",
            "за",
            "був",
            "були",
            "це",
            "як",
            "також",
            "який",
            "повідомив",
        ]
    ),
}
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")


def _language_tag(declared: str | None) -> Language | None:
    if not declared:
        return None
    tag = declared.strip().lower().replace("_", "-").split("-")[0]
    return cast("Language", tag) if tag in _LANGUAGES else None


def _cyrillic_language(text: str) -> Language:
    ukrainian = len(_UKRAINIAN_LETTERS.findall(text))
    russian = len(_RUSSIAN_LETTERS.findall(text))
    return "uk" if ukrainian > russian else "ru"


def _latin_language(words: list[str]) -> Language:
    latin: tuple[Language, ...] = ("en", "fr", "es")
    scores = {lang: sum(w in _STOP_WORDS[lang] for w in words) for lang in latin}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else "en"


def detect_language(text: str) -> Language:
    """The language ``text`` is written in, among those we read; English when nothing says otherwise."""
    sample = text[:4000]
    arabic = len(_ARABIC.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic and arabic >= max(cyrillic, latin):
        return "ar"
    if cyrillic and cyrillic >= latin:
        return _cyrillic_language(sample)
    return _latin_language([w.lower() for w in _WORD.findall(sample)])


def article_language(text: str, declared: str | None = None, hint: str | None = None) -> Language:
    """The page's declared language if we read it, else the detected one; ``hint`` (the source's setting) only
    breaks the tie between Russian and Ukrainian, which share a script and most short words."""
    tagged = _language_tag(declared)
    if tagged is not None:
        return tagged
    detected = detect_language(text)
    hinted = _language_tag(hint)
    if detected in ("ru", "uk") and hinted in ("ru", "uk"):
        ukrainian = len(_UKRAINIAN_LETTERS.findall(text[:4000]))
        russian = len(_RUSSIAN_LETTERS.findall(text[:4000]))
        if ukrainian == russian:
            return hinted
    return detected
