"""The table spec of every row type, built once at import: what ``insert_rows`` writes and how it upserts.

``tests/test_table_specs.py`` migrates a fresh warehouse and checks each spec's columns against the real table,
so the records and the SQL schema cannot drift apart.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from records.enriched import PlaceMention
from records.rows import (
    ActorRow,
    ArticleActorRow,
    ArticlePlaceRow,
    ArticleRow,
    CountryNameRow,
    CursorRow,
    EventRow,
    FetchRow,
    FigureRow,
    IncidentTotalRow,
    PlaceRow,
    QuarantineRow,
    RawDocumentRow,
    RevisionRow,
    RunSourceRow,
    SightingRow,
    SourceRow,
    StoryMemberRow,
    StorySignatureRow,
    ValidatorRow,
)
from warehouse.arrow import TableSpec, table_spec, upsert

__all__ = [
    "ACTORS",
    "ARTICLES",
    "ARTICLE_ACTORS",
    "ARTICLE_PLACES",
    "ARTICLE_REVISIONS",
    "COUNTRY_NAMES",
    "CURSORS",
    "EVENTS",
    "FETCHES",
    "FIGURES",
    "INCIDENT_TOTALS",
    "PLACES",
    "QUARANTINE",
    "RAW_DOCUMENTS",
    "REPLACED_ARTICLES",
    "RUN_SOURCES",
    "SIGHTINGS",
    "SOURCES",
    "SPECS",
    "STORY_MEMBERS",
    "STORY_SIGNATURES",
    "VALIDATORS",
]

# Offsets into the body are ``start``/``end`` on the records and ``*_offset`` in SQL (``end`` is reserved).
_OFFSETS = {"start": "start_offset", "end": "end_offset"}

ARTICLES = table_spec("articles", ArticleRow, skip=("fetched_at",))
"""A first insert of new articles (a plain insert: they cannot be stored yet)."""
REPLACED_ARTICLES = ARTICLES.with_conflict(
    upsert("articles", ["article_id"], [c for c in ARTICLES.columns if c not in ("article_id", "first_seen_at")])
)
"""A new latest revision of a stored article: every column but its identity and first sighting."""
ARTICLE_REVISIONS = table_spec("article_revisions", RevisionRow)
SIGHTINGS = table_spec(
    "sightings", SightingRow, conflict=upsert("sightings", ["article_id", "source", "url"], ["last_seen_at"])
)
RAW_DOCUMENTS = table_spec("raw_documents", RawDocumentRow, conflict=upsert("raw_documents", ["sha256"]))
# A place mention is two things: the place (``places``, shared by all its mentions) and where an article names it.
_WHERE_NAMED = ("text", "start", "end", "reason")
_THE_PLACE = tuple(f.name for f in dataclasses.fields(PlaceMention) if f.name not in _WHERE_NAMED)
PLACES = table_spec("places", PlaceRow, conflict=upsert("places", ["place_id"]), skip=_WHERE_NAMED)
ARTICLE_PLACES = table_spec("article_places", ArticlePlaceRow, rename=_OFFSETS, skip=_THE_PLACE)
ARTICLE_ACTORS = table_spec("article_actors", ArticleActorRow, rename=_OFFSETS, skip=("name", "is_reporting_source"))
"""Where an article names a dictionary actor: the actor's name and reporting-source flag live in ``actors``."""
EVENTS = table_spec("events", EventRow, rename=_OFFSETS, skip=("place",))
FIGURES = table_spec("figures", FigureRow, rename=_OFFSETS)
INCIDENT_TOTALS = table_spec("incident_totals", IncidentTotalRow, rename={"place": "place_name"}, skip=("mentions",))
"""The mentions of a total are stored as the figures' ids (``figure_ids``), not as indexes into the article."""
QUARANTINE = table_spec(
    "quarantine",
    QuarantineRow,
    conflict="ON CONFLICT (stage, source, url, reason) DO UPDATE SET last_run_id = excluded.last_run_id, "
    "last_seen_at = excluded.last_seen_at, detail = excluded.detail, times_seen = quarantine.times_seen + 1",
)
FETCHES = table_spec("fetches", FetchRow)
VALIDATORS = table_spec(
    "http_validators",
    ValidatorRow,
    conflict=upsert("http_validators", ["url"], ["etag", "last_modified", "updated_at"]),
)
CURSORS = table_spec(
    "source_cursors",
    CursorRow,
    conflict="ON CONFLICT (source) DO UPDATE SET cursor = greatest(source_cursors.cursor, excluded.cursor), "
    "updated_at = excluded.updated_at",
)
"""A source's cursor moves forward only."""
SOURCES = table_spec(
    "sources",
    SourceRow,
    conflict=upsert(
        "sources",
        ["name"],
        ["kind", "location", "language", "country_hint", "poll_seconds", "enabled", "allow_private_network"]
        + ["updated_at"],
    ),
)
RUN_SOURCES = table_spec(
    "run_sources",
    RunSourceRow,
    conflict=upsert(
        "run_sources",
        ["run_id", "source"],
        ["status", "found", "new", "revised", "duplicate", "quarantined", "failed", "error", "finished_at"],
    ),
)
_SIGNED = ["story_id", "scheme", "signature", "shingle_count", "published_at", "body_length"]
STORY_SIGNATURES = table_spec(
    "story_signatures",
    StorySignatureRow,
    conflict=upsert("story_signatures", ["article_id"], [*_SIGNED, "signed_at"], compare=_SIGNED),
)
STORY_MEMBERS = table_spec(
    "story_members",
    StoryMemberRow,
    conflict=upsert("story_members", ["article_id"], ["story_id", "similarity"], compare=["story_id", "similarity"]),
)
ACTORS = table_spec(
    "actors",
    ActorRow,
    conflict=upsert(
        "actors",
        ["actor_id"],
        ["name", "actor_type", "country", "aliases", "is_reporting_source", "dictionary_version"],
    ),
)
COUNTRY_NAMES = table_spec(
    "country_names", CountryNameRow, conflict=upsert("country_names", ["alpha2"], ["name", "numeric", "region"])
)

SPECS: tuple[TableSpec[Any], ...] = (
    ARTICLES,
    REPLACED_ARTICLES,
    ARTICLE_REVISIONS,
    SIGHTINGS,
    RAW_DOCUMENTS,
    PLACES,
    ARTICLE_PLACES,
    ARTICLE_ACTORS,
    EVENTS,
    FIGURES,
    INCIDENT_TOTALS,
    QUARANTINE,
    FETCHES,
    VALIDATORS,
    CURSORS,
    SOURCES,
    RUN_SOURCES,
    STORY_SIGNATURES,
    STORY_MEMBERS,
    ACTORS,
    COUNTRY_NAMES,
)
"""Every spec, for the test that checks them against the migrated schema."""
