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

from transforms.gazetteer import DATA_DIR, PhraseIndex, PhraseMatch, matching_text
from transforms.records import ActorMention

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
class _AliasSense:
    """Who an alias can denote: plain aliases name their actor anywhere, local ones only in its country."""

    actor: ActorEntry
    local: bool
    acronym: bool


class ActorDictionary:
    """The loaded dictionary: its ``version``, its entries (iterate them) and the alias index."""

    def __init__(self, version: str, entries: Sequence[ActorEntry]) -> None:
        self.version = version
        self.entries = tuple(entries)
        senses: dict[str, list[_AliasSense]] = {}
        for entry in self.entries:
            for alias, local in [*((a, False) for a in entry.aliases), *((a, True) for a in entry.local_aliases)]:
                sense = _AliasSense(entry, local, alias.replace(".", "").isupper())
                senses.setdefault(alias, []).append(sense)
        self.index: PhraseIndex[tuple[_AliasSense, ...]] = PhraseIndex(
            (alias, tuple(found)) for alias, found in senses.items()
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


def _written_as(surface: str, senses: Sequence[_AliasSense]) -> list[_AliasSense]:
    """Acronym aliases ("IS", "WHO", "AA") only count in capitals; other aliases in any case."""
    capitals = surface.replace(".", "").isupper()
    return [sense for sense in senses if capitals or not sense.acronym]


def _article_country(matches: Sequence[tuple[PhraseMatch[tuple[_AliasSense, ...]], list[_AliasSense]]]) -> str | None:
    """The country whose own actors the text names most often by plain aliases."""
    votes: Counter[str] = Counter()
    for _, senses in matches:
        for sense in senses:
            if not sense.local and sense.actor.country and not sense.actor.is_reporting_source:
                votes[sense.actor.country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _choose(senses: Sequence[_AliasSense], country: str | None) -> ActorEntry | None:
    plain = [sense.actor for sense in senses if not sense.local]
    local = [sense.actor for sense in senses if sense.local and sense.actor.country == country]
    candidates = plain or local
    if not candidates:
        return None
    return next((actor for actor in candidates if actor.country == country), candidates[0])


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
        (match, _written_as(text[match.start : match.end], match.value))
        for match in dictionary.index.find(matching_text(text))
    ]
    country = country_hint.upper() if country_hint else _article_country(found)
    mentions: list[ActorMention] = []
    for match, senses in found:
        actor = _choose(senses, country)
        if actor is None:
            continue
        actor_type = actor.actor_type
        if actor_type == "state forces" and country and actor.country and actor.country != country:
            actor_type = EXTERNAL
        mentions.append(
            ActorMention(
                actor_id=actor.id,
                name=actor.name,
                actor_type=actor_type,
                text=text[match.start : match.end],
                start=match.start,
                end=match.end,
                is_reporting_source=actor.is_reporting_source,
            )
        )
    return tuple(mentions)
