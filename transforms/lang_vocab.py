"""Per-language vocabularies (numbers, hedges, figure categories, verbs of saying) loaded from data files.

Each language's words live in ``data/lang/<code>.toml`` so a reviewer who reads the language can correct them
without reading code; every entry is folded (:mod:`transforms.script_fold`) once here, so the loose spellings
outlets use all match.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from records.vocab import FigureCategory, Language
from transforms.script_fold import fold_word

__all__ = ["LanguageVocabulary", "load_language_vocabulary", "word_alternation"]

_DATA_DIR = Path(__file__).with_name("data") / "lang"


@dataclass(frozen=True, slots=True)
class LanguageVocabulary:
    """One language's folded words: number words and multipliers to values, hedges to (qualifier, bound), category stems
    per figure category (a stem "A … B" is a cue written around its number, one ending in "$" a whole word), verbs of
    saying, the prepositions that introduce a source, and the conjunctions that start a new clause (a figure does not
    reach across one for its category), and singular nouns for one person ("a child was killed" counts one; their Arabic
    duals count two) and the things only a dual counts ("منزلين"), and the words before a verb of saying that name
    nobody ("Об этом сообщил ..."), the prepositions opening what a statement is about ("О гибели ... сообщил"), the
    determiners that make a verb of saying its noun ("l'annonce de"), the verbs a toll rises with ("возросло до 12"),
    the auxiliaries that do not part a number from its category ("a été tué"), the prepositions that make a "one" an
    article ("en una emboscada"), the head words of the bodies a headline names before a colon ("المرصد السوري: مقتل
    14", "ДСНС: ..."), the words opening an "including" aside (", dont six femmes,"), the words opening a relative
    clause, and the month names and units that make a number a date or a measure."""

    numbers: dict[str, int]
    thousands: dict[str, int]
    joiners: tuple[str, ...]
    hedges: dict[str, tuple[str, str]]
    categories: dict[FigureCategory, tuple[str, ...]]
    verbs: tuple[str, ...]
    according: tuple[str, ...]
    conjunctions: tuple[str, ...]
    persons: tuple[str, ...]
    broken_plurals: frozenset[str]
    dual_only: tuple[str, ...]
    fillers: frozenset[str]
    topics: frozenset[str]
    determiners: frozenset[str]
    leads: tuple[str, ...]
    rises: tuple[str, ...]
    auxiliaries: frozenset[str]
    prepositions: frozenset[str]
    inclusions: tuple[str, ...]
    relatives: frozenset[str]
    months: tuple[str, ...]
    units: tuple[str, ...]


def word_alternation(words: object) -> str:
    """A regular-expression alternation of ``words``, longest first so the longest phrase wins."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[call-overload]


@functools.cache
def load_language_vocabulary(language: Language) -> LanguageVocabulary | None:
    """The vocabulary of ``language``, or ``None`` when it has no data file (English uses the original figure
    reader)."""
    path = _DATA_DIR / f"{language}.toml"
    if not path.exists():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return LanguageVocabulary(
        numbers={fold_word(word): int(value) for word, value in data["numbers"].items()},
        thousands={fold_word(word): int(value) for word, value in data["thousands"].items()},
        joiners=tuple(fold_word(word) for word in data["joiners"]["words"]),
        hedges={fold_word(phrase): (pair[0], pair[1]) for phrase, pair in data["hedges"].items()},
        categories={category: tuple(map(fold_word, stems)) for category, stems in data["categories"].items()},
        verbs=tuple(map(fold_word, data["claims"]["verbs"])),
        according=tuple(map(fold_word, data["claims"]["according"])),
        conjunctions=tuple(map(fold_word, data["joiners"].get("conjunctions", ()))),
        persons=tuple(map(fold_word, data.get("persons", {}).get("singular", ()))),
        broken_plurals=frozenset(map(fold_word, data.get("persons", {}).get("broken_plural", ()))),
        dual_only=tuple(map(fold_word, data.get("persons", {}).get("dual_only", ()))),
        fillers=frozenset(map(fold_word, data["claims"].get("fillers", ()))),
        topics=frozenset(map(fold_word, data["claims"].get("topics", ()))),
        determiners=frozenset(map(fold_word, data["claims"].get("determiners", ()))),
        leads=tuple(map(fold_word, data["claims"].get("leads", ()))),
        rises=tuple(map(fold_word, data.get("tolls", {}).get("rises", ()))),
        auxiliaries=frozenset(map(fold_word, data["joiners"].get("auxiliaries", ()))),
        prepositions=frozenset(map(fold_word, data["joiners"].get("prepositions", ()))),
        inclusions=tuple(map(fold_word, data["joiners"].get("inclusions", ()))),
        relatives=frozenset(map(fold_word, data["joiners"].get("relatives", ()))),
        months=tuple(map(fold_word, data.get("dates", {}).get("months", ()))),
        units=tuple(map(fold_word, data.get("dates", {}).get("units", ()))),
    )
