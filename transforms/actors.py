"""Actors: the versioned actor dictionary (``data/actors.toml``) and finding its actors in a text.

Two kinds of alias keep matching precise. A plain alias ("Free Syrian Army", "Hizballah", "Assad's forces")
names its actor anywhere. A local alias ("regime forces", "rebels", "the army") names an actor only in an
article about the actor's country: the source's ``country_hint`` if there is one, else the country whose
actors the text names most by plain aliases. A generic alias ("troops", "militants", "gunmen") names a
kind of actor wherever no actor of the article's country claims the word, so events can tell two armed
sides, armed against unarmed, and crowds apart in reports from anywhere; right after a named actor it is
part of that name ("Hizballah fighters"). Reporting organisations (the Syrian Observatory for Human
Rights, state media, UN agencies) live in their own section and come out flagged as reporting sources, so
they can be claimants of figures but never fighters in an event.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from records import ActorMention
from transforms.event_rules import forms
from transforms.gazetteer import DATA_DIR, PhraseIndex, fold
from transforms.script_match import attached_forms, find_phrases, phrase_key

__all__ = ["ActorDictionary", "ActorEntry", "find_actors", "load_actor_dictionary"]

REPORTING_SOURCE = "reporting source"
EXTERNAL = "external/other forces"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One canonical actor (or reporting source) of the dictionary: a row of the warehouse ``actors`` table."""

    id: str
    name: str
    actor_type: str
    country: str | None
    aliases: tuple[str, ...]
    local_aliases: tuple[str, ...] = ()
    is_reporting_source: bool = False
    generic_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _AliasSenses:
    """Who an alias denotes: ``plain`` actors anywhere, ``local`` ones only in their own country, else the
    ``generic`` kind of actor.

    ``acronym`` aliases ("IS", "WHO", "AA") only count when written in capitals.
    """

    plain: tuple[ActorEntry, ...]
    local: dict[str, ActorEntry]
    acronym: bool
    generic: ActorEntry | None = None

    def choose(self, country: str | None) -> ActorEntry | None:
        if self.plain:
            return next((actor for actor in self.plain if actor.country == country), self.plain[0])
        own = self.local.get(country) if country else None
        return own or self.generic


class ActorDictionary:
    """The loaded dictionary: its ``version``, its entries (iterate them) and the alias index."""

    def __init__(self, version: str, entries: Sequence[ActorEntry]) -> None:
        self.version = version
        self.entries = tuple(entries)
        plain: dict[str, list[ActorEntry]] = {}
        local: dict[str, dict[str, ActorEntry]] = {}
        generic: dict[str, ActorEntry] = {}
        acronyms: set[str] = set()
        for entry in self.entries:
            for alias in entry.aliases:
                plain.setdefault(_key(alias), []).append(entry)
                if alias.replace(".", "").isupper():
                    acronyms.add(_key(alias))
            for alias in entry.local_aliases:
                local.setdefault(_key(alias), {}).setdefault(entry.country or "", entry)
            for alias in entry.generic_aliases:
                generic.setdefault(_key(alias), entry)
        self.index: PhraseIndex[_AliasSenses] = PhraseIndex(
            (key, _AliasSenses(tuple(plain.get(key, ())), local.get(key, {}), key in acronyms, generic.get(key)))
            for key in {**plain, **local, **generic}
        )

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _key(alias: str) -> str:
    """The index key of an alias: script-folded (Arabic letter variants, Cyrillic і/и) and case-folded."""
    return fold(phrase_key(alias))


def _aliases(table: dict[str, Any], kind: str) -> tuple[str, ...]:
    """The aliases of one kind, the English list (``aliases``) and each language's (``aliases_fr``, ...), with
    ``{a|b}`` alternatives (case endings) and Arabic's joined prepositions expanded."""
    written = [
        str(alias) for key, value in table.items() if key == kind or key.startswith(f"{kind}_") for alias in value
    ]
    return tuple(dict.fromkeys(form for phrase in forms(*written) for form in attached_forms(phrase)))


def _entry(table: dict[str, Any], *, reporting: bool) -> ActorEntry:
    return ActorEntry(
        id=str(table["id"]),
        name=str(table["name"]),
        actor_type=REPORTING_SOURCE if reporting else str(table["actor_type"]),
        country=table.get("country"),
        aliases=_aliases(table, "aliases"),
        local_aliases=_aliases(table, "local_aliases"),
        is_reporting_source=reporting,
        generic_aliases=_aliases(table, "generic_aliases"),
    )


@functools.cache
def load_actor_dictionary() -> ActorDictionary:
    """Load ``data/actors.toml`` once per process.

    Returns:
        The dictionary; ``.version`` is the file's ``version``, iterating gives every :class:`ActorEntry`.
    """
    with (DATA_DIR / "actors.toml").open("rb") as handle:
        data = tomllib.load(handle)
    entries = [
        *(_entry(t, reporting=False) for t in data.get("actor", [])),
        *(_entry(t, reporting=True) for t in data.get("reporting_source", [])),
    ]
    return ActorDictionary(str(data["version"]), entries)


def _article_country(senses: Sequence[_AliasSenses]) -> str | None:
    """The country whose own actors the text names most often by plain aliases."""
    votes: Counter[str] = Counter(
        actor.country for sense in senses for actor in sense.plain if actor.country and not actor.is_reporting_source
    )
    return votes.most_common(1)[0][0] if votes else None


def find_actors(text: str, dictionary: ActorDictionary, *, country_hint: str | None = None) -> tuple[ActorMention, ...]:
    """Every mention of a dictionary actor or reporting source in ``text``, in text order.

    Args:
        text: the article body; mention offsets refer to it.
        dictionary: ``load_actor_dictionary()``.
        country_hint: ISO alpha-2 code of the country the article is about; decides local aliases ("regime
            forces" are Syria's in a Syria report) and marks other countries' state forces as external.

    Returns:
        The mentions; reporting sources have ``is_reporting_source=True`` and type "reporting source".
    """
    found = [
        (start, end, senses)
        for start, end, senses in find_phrases(dictionary.index, text)
        if not senses.acronym or text[start:end].replace(".", "").isupper()
    ]
    country = country_hint.upper() if country_hint else _article_country([senses for _, _, senses in found])
    mentions: list[ActorMention] = []
    for start, end, senses in found:
        actor = senses.choose(country)
        if actor is None:
            continue
        if actor is senses.generic and mentions and not text[mentions[-1].end : start].strip(" -"):
            # "Hizballah fighters", "Maoist cadres": the kind word belongs to the named actor before it
            named = mentions[-1]
            mentions[-1] = dataclasses.replace(named, text=text[named.start : end], end=end)
            continue
        actor_type = actor.actor_type
        if actor_type == "state forces" and country and actor.country and actor.country != country:
            actor_type = EXTERNAL
        mentions.append(
            ActorMention(actor.id, actor.name, actor_type, text[start:end], start, end, actor.is_reporting_source)
        )
    return tuple(mentions)
