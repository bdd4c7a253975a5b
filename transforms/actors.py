"""Actors: the versioned actor dictionary (``data/actors.toml``) and finding its actors in a text.

Two kinds of alias keep matching precise. A plain alias ("Free Syrian Army", "Hizballah", "Assad's forces")
names its actor anywhere. A local alias ("regime forces", "rebels", "the army") names an actor only in an
article about the actor's country: the source's ``country_hint`` if there is one, else the country whose
actors the text names most by plain aliases. Reporting organisations (the Syrian Observatory for Human
Rights, state media, UN agencies) live in their own section and come out flagged as reporting sources, so
they can be claimants of figures but never fighters in an event.
"""

from __future__ import annotations

import functools
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from records import ActorMention
from transforms.gazetteer import DATA_DIR, PhraseIndex, fold, matching_text

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


@dataclass(frozen=True, slots=True)
class _AliasSenses:
    """Who an alias denotes: ``plain`` actors anywhere, ``local`` ones only in their own country.

    ``acronym`` aliases ("IS", "WHO", "AA") only count when written in capitals.
    """

    plain: tuple[ActorEntry, ...]
    local: dict[str, ActorEntry]
    acronym: bool

    def choose(self, country: str | None) -> ActorEntry | None:
        if self.plain:
            return next((actor for actor in self.plain if actor.country == country), self.plain[0])
        return self.local.get(country) if country else None


class ActorDictionary:
    """The loaded dictionary: its ``version``, its entries (iterate them) and the alias index."""

    def __init__(self, version: str, entries: Sequence[ActorEntry]) -> None:
        self.version = version
        self.entries = tuple(entries)
        plain: dict[str, list[ActorEntry]] = {}
        local: dict[str, dict[str, ActorEntry]] = {}
        acronyms: set[str] = set()
        for entry in self.entries:
            for alias in entry.aliases:
                plain.setdefault(fold(alias), []).append(entry)
                if alias.replace(".", "").isupper():
                    acronyms.add(fold(alias))
            for alias in entry.local_aliases:
                local.setdefault(fold(alias), {}).setdefault(entry.country or "", entry)
        self.index: PhraseIndex[_AliasSenses] = PhraseIndex(
            (key, _AliasSenses(tuple(plain.get(key, ())), local.get(key, {}), key in acronyms))
            for key in {**plain, **local}
        )

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _entry(table: dict[str, Any], *, reporting: bool) -> ActorEntry:
    return ActorEntry(
        id=str(table["id"]),
        name=str(table["name"]),
        actor_type=REPORTING_SOURCE if reporting else str(table["actor_type"]),
        country=table.get("country"),
        aliases=tuple(map(str, table.get("aliases", ()))),
        local_aliases=tuple(map(str, table.get("local_aliases", ()))),
        is_reporting_source=reporting,
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
        for start, end, senses in dictionary.index.find(matching_text(text))
        if not senses.acronym or text[start:end].replace(".", "").isupper()
    ]
    country = country_hint.upper() if country_hint else _article_country([senses for _, _, senses in found])
    mentions: list[ActorMention] = []
    for start, end, senses in found:
        actor = senses.choose(country)
        if actor is None:
            continue
        actor_type = actor.actor_type
        if actor_type == "state forces" and country and actor.country and actor.country != country:
            actor_type = EXTERNAL
        mentions.append(
            ActorMention(actor.id, actor.name, actor_type, text[start:end], start, end, actor.is_reporting_source)
        )
    return tuple(mentions)
