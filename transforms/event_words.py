"""The words one language gives the event rules: triggers per rule, markers, and the grammar words the rules read.

English words live in :mod:`transforms.event_rules` and :mod:`transforms.events` (they came first and the
rules were written around them). Every other language has a data file, ``data/events/<code>.toml``, that a
reviewer who reads the language can correct without reading code:

* ``[rules]``: rule name (a :class:`~transforms.event_rules.Rule` name) to its trigger phrases;
* ``[sets]``: phrases that also play a part in a rule's conditions: ``attack`` and ``killing`` (both go to the
  ``attack`` and ``attack-armed`` rules; a killing needs a victim), ``territory_gained`` and ``territory_lost``
  (the ``territory`` rule; a loss names the loser first), ``suffered`` (dying or being wounded: the
  ``attack`` rules, the one who suffers named as a passive verb's subject), ``peaceful_gain`` and ``strong``;
* ``[markers]``: marker name (see :data:`~transforms.event_rules.MARKERS`) to phrases;
* ``[grammar]``: ``passive`` auxiliaries, ``agent`` prepositions ("by"), ``hedges`` (modals and "to" that make
  a trigger intended, not done; ``purpose`` the ones of them that still report a protest: "gathered to
  protest"), ``speech`` words that make the actor before them a speaker, ``according``
  phrases that make the actor after them a source, ``allied`` words that join actors into one side, ``dating``
  prepositions that put a year in the background, and ``ground`` nouns that make a seizing verb's object
  territory.

Phrases may hold ``{a|b}`` alternatives (expanded by :func:`~transforms.event_rules.forms`), which is how the
case endings of Russian and Ukrainian are written once; an Arabic phrase also matches with a joined "and",
"with" or "to" (:func:`~transforms.script_match.attached_forms`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from records.vocab import Language
from transforms.event_rules import forms
from transforms.script_fold import fold_word
from transforms.script_match import attached_forms

__all__ = ["EventWords", "load_event_words", "word_set"]

_DATA_DIR = Path(__file__).with_name("data") / "events"
_RULE_SETS = {
    "attack": ("attack", "attack-armed"),
    "killing": ("attack", "attack-armed"),
    "suffered": ("attack", "attack-armed"),
}
_TERRITORY_SETS = ("territory_gained", "territory_lost")
_PUNCTUATION = re.compile(r"[,;:(]")


@dataclass(frozen=True, slots=True, eq=False)
class EventWords:
    """One language's event vocabulary; ``folds`` says whether words are compared script-folded (every
    language but English, whose words the rules were written in). Compared and hashed by identity: one
    instance per language, the key of its trigger index."""

    triggers: Mapping[str, tuple[str, ...]]
    markers: Mapping[str, tuple[str, ...]]
    killing: frozenset[str]
    territory_lost: frozenset[str]
    peaceful_gain: frozenset[str]
    strong: frozenset[str]
    passive: frozenset[str]
    agent: frozenset[str]
    hedges: frozenset[str]
    speech: frozenset[str]
    purpose: frozenset[str]
    suffered: frozenset[str]
    according: tuple[str, ...]
    allied: re.Pattern[str]
    dating: frozenset[str]
    ground: re.Pattern[str]
    clause_end: re.Pattern[str]
    folds: bool = True
    clause_start: re.Pattern[str] = _PUNCTUATION

    def key(self, words: str) -> str:
        """``words`` as this language's word sets hold them."""
        return " ".join(fold_word(words).split()) if self.folds else words


def _expanded(words: Iterable[str]) -> tuple[str, ...]:
    """Phrases with their ``{a|b}`` alternatives and Arabic joined prepositions written out."""
    return tuple(form for phrase in forms(*words) for form in attached_forms(phrase))


def word_set(words: Iterable[str]) -> frozenset[str]:
    """Phrases folded the way :meth:`EventWords.key` folds text, alternatives expanded."""
    return frozenset(" ".join(fold_word(phrase).split()) for phrase in _expanded(words))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, _expanded(words)), key=len, reverse=True))


@functools.cache
def load_event_words(language: Language) -> EventWords | None:
    """The event vocabulary of ``language`` from its data file, or None when it has none (English)."""
    path = _DATA_DIR / f"{language}.toml"
    if not path.exists():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sets: dict[str, list[str]] = data.get("sets", {})
    grammar: dict[str, list[str]] = data["grammar"]
    triggers: dict[str, list[str]] = {name: list(_expanded(phrases)) for name, phrases in data["rules"].items()}
    for set_name, rule_names in _RULE_SETS.items():
        for rule_name in rule_names:
            triggers.setdefault(rule_name, []).extend(_expanded(sets.get(set_name, ())))
    for set_name in _TERRITORY_SETS:
        triggers.setdefault("territory", []).extend(_expanded(sets.get(set_name, ())))
    allied = _alternation(grammar.get("allied", ()))
    return EventWords(
        triggers={name: tuple(phrases) for name, phrases in triggers.items()},
        markers={name: _expanded(phrases) for name, phrases in data.get("markers", {}).items()},
        killing=word_set(sets.get("killing", ())),
        territory_lost=word_set(sets.get("territory_lost", ())),
        peaceful_gain=word_set(sets.get("peaceful_gain", ())),
        strong=word_set(sets.get("strong", ())),
        passive=word_set(grammar.get("passive", ())),
        agent=word_set(grammar.get("agent", ())),
        hedges=word_set(grammar.get("hedges", ())),
        speech=word_set(grammar.get("speech", ())),
        purpose=word_set(grammar.get("purpose", ())),
        suffered=word_set(sets.get("suffered", ())),
        according=tuple(sorted(word_set(grammar.get("according", ())), key=len, reverse=True)),
        allied=re.compile(rf"(?:\s*,\s*|\s+(?:{allied})\s+)" if allied else r"\s*,\s*"),
        dating=word_set(grammar.get("dating", ())),
        ground=re.compile(rf"\W*(?:\S+\s+){{0,8}}?(?:{_alternation(map(fold_word, grammar.get('ground', ())))})"),
        clause_end=re.compile(r"[,;]"),
    )
