"""Table rows: one frozen record per warehouse table, its fields named as the table's columns.

A row that stores a pipeline record whole nests it (``FigureRow.figure``, ``ArticleActorRow.actor``): the nested
record's fields become columns (``start``/``end`` stored as ``start_offset``/``end_offset``), so a field added to
``Figure`` is a column of ``figures`` without touching this module; nesting also spares copying each field into a
row of its own, for tables written tens of thousands of rows a batch. ``warehouse.tables`` builds one table spec
per row type and a test checks each against the migrated table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from records.enriched import ActorMention, Event, Figure, IncidentTotal, PlaceMention
from records.extracted import Article, FetchAttempt
from records.vocab import QuarantineStage, ReasonTag, SourceStatus

__all__ = [
    "ActorRow",
    "ArticleActorRow",
    "ArticlePlaceRow",
    "ArticleRow",
    "CountryNameRow",
    "CursorRow",
    "EventRow",
    "FetchRow",
    "FigureRow",
    "IncidentTotalRow",
    "PlaceRow",
    "QuarantineRow",
    "RawDocumentRow",
    "RevisionRow",
    "RunSourceRow",
    "SightingRow",
    "SourceRow",
    "StoryMemberRow",
    "StorySignatureRow",
    "ValidatorRow",
]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """``articles``: the latest revision of an article (``story_id`` is set by story assignment)."""

    article_id: str
    body_hash: str
    body_length: int
    revision: int
    first_seen_at: datetime
    last_changed_at: datetime
    article: Article


@dataclass(frozen=True, slots=True)
class RevisionRow:
    """``article_revisions``: every distinct body an article has had."""

    article_id: str
    revision: int
    body_hash: str
    title: str | None
    body: str
    raw_sha256: str
    published_at: datetime | None
    updated_at: datetime | None
    changed_fields: tuple[str, ...]
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class SightingRow:
    """``sightings``: an article seen at a URL of a source."""

    article_id: str
    source: str
    url: str
    raw_sha256: str
    first_run_id: str
    first_seen_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class RawDocumentRow:
    """``raw_documents``: the bytes a URL gave, content-addressed and compressed."""

    sha256: str
    compression: str
    content: bytes
    size_bytes: int
    content_type: str | None
    first_source: str
    first_url: str
    first_seen_at: datetime


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """``places``: a resolved place, shared by every mention of it (the mention's place fields are columns)."""

    place_id: str
    place: PlaceMention


@dataclass(frozen=True, slots=True)
class ArticlePlaceRow:
    """``article_places``: where an article names a place (the mention's text, offsets and reason are columns)."""

    article_id: str
    place_id: str
    is_primary: bool
    place: PlaceMention


@dataclass(frozen=True, slots=True)
class ArticleActorRow:
    """``article_actors``: where an article names a dictionary actor (the mention's fields are columns)."""

    article_id: str
    actor: ActorMention


@dataclass(frozen=True, slots=True)
class EventRow:
    """``events``: an event with its id, date and best place (the event's own ``place`` is stored as ``place_id``)."""

    event_id: str
    article_id: str
    ordinal: int
    event_date: date | None
    place_id: str | None
    event: Event


@dataclass(frozen=True, slots=True)
class FigureRow:
    """``figures``: a figure with its id and the event it was counted for."""

    figure_id: str
    article_id: str
    event_id: str | None
    figure: Figure


@dataclass(frozen=True, slots=True)
class IncidentTotalRow:
    """``incident_totals``: an article's incident total for one category, naming the stored figures it sums
    (``figure_ids``, the ``figures.figure_id`` of the total's mentions)."""

    total_id: str
    article_id: str
    figure_ids: tuple[str, ...]
    total: IncidentTotal


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    """``quarantine``: something set aside, counted each run it is seen again."""

    stage: QuarantineStage
    source: str
    url: str
    reason: ReasonTag
    detail: str | None
    excerpt: str
    first_run_id: str
    last_run_id: str
    first_seen_at: datetime
    last_seen_at: datetime
    times_seen: int


@dataclass(frozen=True, slots=True)
class FetchRow:
    """``fetches``: one HTTP attempt or local read, with the run that made it (the attempt's fields are columns)."""

    run_id: str
    fetch: FetchAttempt


@dataclass(frozen=True, slots=True)
class ValidatorRow:
    """``http_validators``: the cache validators of a URL."""

    url: str
    source: str
    etag: str | None
    last_modified: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CursorRow:
    """``source_cursors``: how far a source has been read."""

    source: str
    cursor: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class SourceRow:
    """``sources``: a configured source as last registered."""

    name: str
    kind: str
    location: str
    language: str | None
    country_hint: str | None
    poll_seconds: int
    enabled: bool
    allow_private_network: bool
    first_registered_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RunSourceRow:
    """``run_sources``: how one source fared in one run."""

    run_id: str
    source: str
    status: SourceStatus
    found: int
    new: int
    revised: int
    duplicate: int
    quarantined: int
    failed: int
    error: str | None
    finished_at: datetime


@dataclass(frozen=True, slots=True)
class StorySignatureRow:
    """``story_signatures``: the MinHash signature an article was filed under."""

    article_id: str
    story_id: str
    scheme: str
    signature: bytes
    shingle_count: int
    published_at: datetime | None
    body_length: int
    signed_at: datetime


@dataclass(frozen=True, slots=True)
class StoryMemberRow:
    """``story_members``: an article's story and its similarity to the story's representative."""

    article_id: str
    story_id: str
    similarity: float
    added_at: datetime


@dataclass(frozen=True, slots=True)
class ActorRow:
    """``actors``: an entry of the actor dictionary."""

    actor_id: str
    name: str
    actor_type: str
    country: str | None
    aliases: tuple[str, ...]
    is_reporting_source: bool
    dictionary_version: str


@dataclass(frozen=True, slots=True)
class CountryNameRow:
    """``country_names``: ACLED's name, numeric ISO code and world region of a country, by ISO alpha-2."""

    alpha2: str
    name: str
    numeric: int | None
    region: str | None = None
