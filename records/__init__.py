"""Records: the frozen dataclasses every stage exchanges, on the ground floor of the house.

``extractors``, ``transforms``, ``warehouse`` and ``flows`` all import from here; this package imports nothing
of ours, so a stage that only needs a record type never drags in another stage (or httpx, lxml, DuckDB).

- ``records.extracted``: sources, candidates, fetch attempts, raw documents, articles, quarantine items.
- ``records.enriched``: what enrichment finds (places, actors, events, figures) and the processed article.
- ``records.signature``: the story signature a worker computes for the writer.
- ``records.vocab``: the closed vocabularies (figure category, scope, precision, event type, ...).
"""

from records.enriched import (
    ActorMention,
    Enrichment,
    Event,
    Figure,
    IncidentTotal,
    PlaceMention,
    ProcessedArticle,
    Sentence,
)
from records.extracted import (
    Article,
    Candidate,
    FetchAttempt,
    Politeness,
    QuarantineItem,
    RawDocument,
    SourceConfig,
    SourceKind,
    Validator,
    content_sha256,
)
from records.signature import Signature
from records.vocab import (
    EventType,
    FigureCategory,
    FigureScope,
    HttpStatusReason,
    NotArticleReason,
    PlacePrecision,
    QuarantineReason,
    QuarantineStage,
    ReasonTag,
    RunStatus,
    SourceHealth,
    SourceStatus,
    http_status_reason,
    values_of,
)

__all__ = [
    "ActorMention",
    "Article",
    "Candidate",
    "Enrichment",
    "Event",
    "EventType",
    "FetchAttempt",
    "Figure",
    "IncidentTotal",
    "FigureCategory",
    "FigureScope",
    "HttpStatusReason",
    "NotArticleReason",
    "PlaceMention",
    "PlacePrecision",
    "Politeness",
    "ProcessedArticle",
    "QuarantineItem",
    "QuarantineReason",
    "QuarantineStage",
    "RawDocument",
    "ReasonTag",
    "RunStatus",
    "Sentence",
    "Signature",
    "SourceConfig",
    "SourceHealth",
    "SourceKind",
    "SourceStatus",
    "Validator",
    "content_sha256",
    "http_status_reason",
    "values_of",
]
