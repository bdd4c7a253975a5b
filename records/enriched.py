"""Records the transform stage produces: normalised articles and what enrichment found in them.

Offsets (``start``/``end``) are character offsets into the article body the enrichment ran on, so every place,
actor, event and figure can be shown in context and audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from records.extracted import Article
from records.signature import Signature
from records.vocab import EventType, FigureCategory, FigureScope, PlacePrecision

__all__ = [
    "ActorMention",
    "Enrichment",
    "Event",
    "Figure",
    "IncidentTotal",
    "PlaceMention",
    "ProcessedArticle",
    "Sentence",
]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text with its character span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved against the gazetteer.

    ``precision`` is one of ``neighbourhood``, ``city``, ``village``, ``district``, ``admin1``, ``country``. A
    district the gazetteer lacks keeps its name in ``name`` and the coordinates of its city, with precision ``city``
    and the city in ``within``. ``village`` is a small place (GeoNames, 500+ people), ``district`` a second-level
    division; ``district`` and ``province`` name the second- and first-level divisions a place lies in, when known.
    """

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    precision: PlacePrecision
    reason: str
    within: str | None = None
    district: str | None = None
    province: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor of the dictionary found in the text. Reporting sources are flagged, never counted as fighters."""

    actor_id: str
    name: str
    actor_type: str
    text: str
    start: int
    end: int
    is_reporting_source: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """An ACLED-style event with the sentence that is its evidence."""

    event_type: EventType
    sub_event_type: str
    evidence: str
    start: int
    end: int
    actor_ids: tuple[str, ...] = ()
    place: PlaceMention | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity of people or things affected, with who claimed it.

    ``claimant`` is the text of the claimant ("Russia's defense ministry"), ``reporter`` when the article states
    it unattributed, ``unnamed`` when hedged ("are thought to"). ``share`` holds fractions of a population
    ("over half the country's population" -> 0.5) when there is no absolute value. ``subset`` marks a part of
    another figure of its sentence ("12 killed, including three children"); ``refers_back`` a count of people
    introduced earlier ("he died", "the victim", a name): incident totals count neither twice.
    """

    text: str
    start: int
    end: int
    category: FigureCategory
    value_low: int | None
    value_high: int | None
    qualifier: str | None
    subject: str | None
    scope: FigureScope
    claimant: str
    verb: str | None
    sentence: str
    claimant_actor_id: str | None = None
    disputed: bool = False
    share: float | None = None
    subset: bool = False
    refers_back: bool = False


@dataclass(frozen=True, slots=True)
class IncidentTotal:
    """The article's count for one category of its incident ("killed", "injured", "detained"...).

    ``mentions`` are the indexes, in ``Enrichment.figures``, of the figures summed into it (see
    ``transforms.totals`` for the rule); ``place`` is the name of the article's primary place, if any.
    """

    category: str
    value_low: int | None
    value_high: int | None
    subject: str | None
    mentions: tuple[int, ...]
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything enrichment found in one text."""

    places: tuple[PlaceMention, ...] = ()
    primary_place: PlaceMention | None = None
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    totals: tuple[IncidentTotal, ...] = ()


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """A normalised article with its identity, hashes and enrichment: what the warehouse loads.

    ``signature`` is the body's story signature when the batch was signed where it was processed (in a
    worker), so the warehouse's single writer does not spend its time hashing shingles.
    """

    article: Article
    article_id: str
    body_hash: str
    enrichment: Enrichment = field(default_factory=Enrichment)
    signature: Signature | None = None
