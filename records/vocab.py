"""The closed vocabularies of the warehouse, defined once: every value a record field, a table column or a view
filter may take.

They are ``Literal`` types rather than enums on purpose: the stored strings are the vocabulary (analysts filter
on ``category = 'killed'`` in SQL), so the type checker proves every producer writes a known value without
turning each string into an object at run time. ``values_of`` lists a vocabulary for tests and docs; a test
checks that every value the SQL views filter on is one of these.
"""

from __future__ import annotations

from typing import Any, Literal, NewType, get_args

__all__ = [
    "EventType",
    "FigureCategory",
    "FigureScope",
    "Language",
    "PlacePrecision",
    "HttpStatusReason",
    "NotArticleReason",
    "QuarantineReason",
    "QuarantineStage",
    "ReasonTag",
    "RunStatus",
    "SourceHealth",
    "SourceStatus",
    "http_status_reason",
    "values_of",
]

FigureCategory = Literal[
    "abducted",
    "areas_captured",
    "attacked",
    "besieged",
    "buildings_destroyed",
    "casualties",
    "detained",
    "displaced",
    "evacuated",
    "homeless",
    "injured",
    "killed",
    "missing",
    "refugees",
    "released",
    "surrendered",
]
"""What a figure counts (``figures.category``)."""

Language = Literal["en", "fr", "es", "ar", "ru", "uk"]
"""The languages enrichment reads (ISO 639-1); each selects its own number, figure and claimant vocabularies."""

FigureScope = Literal["event", "cumulative"]
"""``event``: counted for one incident; ``cumulative``: a running total (``figures.scope``)."""

PlacePrecision = Literal["neighbourhood", "city", "village", "district", "admin1", "country"]
"""How exact a resolved place is (``places.precision``)."""

EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
"""The ACLED event types (``events.event_type``)."""

QuarantineStage = Literal["source", "discover", "fetch", "read", "parse"]
"""Where in the pipeline something was set aside (``quarantine.stage``)."""

NotArticleReason = Literal["no-body-text", "listing-page", "too-little-text"]
"""Why a parsed page is not an article (``articles.not_article_reason``, and the detail of its quarantine row)."""

QuarantineReason = Literal[
    # a whole source
    "not-a-web-source",
    "not-a-local-source",
    "missing-path",
    "bad-location",
    "outside-root",
    "not-a-file",
    "unexpected-error",
    # discovering links (feeds, sitemaps, indexes)
    "not-a-feed",
    "malformed-feed-item",
    "malformed-sitemap",
    "malformed-sitemap-entry",
    "sitemap-budget",
    "source-deadline",
    "run-deadline",
    "xml-dtd-refused",
    "malformed-index",
    # fetching
    "bad-url",
    "bad-scheme",
    "bad-request",
    "blocked-address",
    "dns-error",
    "connection-refused",
    "connect-error",
    "network-error",
    "timeout",
    "robots-disallowed",
    "robots-unavailable",
    "retry-after-too-long",
    "redirect-loop",
    "too-many-redirects",
    "unexpected-content-type",
    "unsupported-encoding",
    "bad-encoding",
    "truncated-body",
    "too-large",
    "decompressed-too-large",
    # reading local files and archives
    "bad-gzip",
    "unreadable-file",
    "corrupt-warc-record",
    # parsing
    "not-article",
    "empty-document",
    "binary-document",
    "not-html",
    # the defaults of each error class, used when a raise names no reason
    "extract-error",
    "fetch-error",
    "transient-fetch-error",
    "permanent-fetch-error",
    "discovery-error",
    "local-source-error",
    "parse-error",
]
"""The closed part of the reason tags (``quarantine.reason``, ``fetches.error`` reasons)."""

HttpStatusReason = NewType("HttpStatusReason", str)
"""The open part: ``http-NNN`` for a refused HTTP status, made only by ``http_status_reason``."""

ReasonTag = QuarantineReason | HttpStatusReason
"""Why something was set aside: a fixed tag, or the HTTP status that refused it."""


def http_status_reason(status: int) -> HttpStatusReason:
    """The reason tag of an HTTP status that refused a fetch (``http-404``, ``http-503``)."""
    return HttpStatusReason(f"http-{status}")


RunStatus = Literal["running", "completed", "partial", "failed", "abandoned"]
"""The state of a run (``runs.status``): ``partial`` when some sources failed, ``abandoned`` when it crashed."""

SourceStatus = Literal["ok", "failed"]
"""How one source fared in one run (``run_sources.status``)."""

SourceHealth = Literal["disabled", "failing", "no articles", "silent", "ok"]
"""A source's health as ``v_source_health.health`` judges it."""


def values_of(vocabulary: Any) -> tuple[str, ...]:
    """The strings a vocabulary allows, in declaration order."""
    return tuple(str(value) for value in get_args(vocabulary))
