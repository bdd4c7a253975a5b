"""The closed vocabularies of the warehouse, defined once: every value a record field, a table column or a view
filter may take.

They are ``Literal`` types rather than enums on purpose: the stored strings are the vocabulary (analysts filter
on ``category = 'killed'`` in SQL), so the type checker proves every producer writes a known value without
turning each string into an object at run time. ``values_of`` lists a vocabulary for tests and docs; a test
checks that every value the SQL views filter on is one of these.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

__all__ = [
    "EventType",
    "FigureCategory",
    "FigureScope",
    "PlacePrecision",
    "QuarantineStage",
    "RunStatus",
    "SourceHealth",
    "SourceStatus",
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

RunStatus = Literal["running", "completed", "partial", "failed", "abandoned"]
"""The state of a run (``runs.status``): ``partial`` when some sources failed, ``abandoned`` when it crashed."""

SourceStatus = Literal["ok", "failed"]
"""How one source fared in one run (``run_sources.status``)."""

SourceHealth = Literal["disabled", "failing", "no articles", "silent", "ok"]
"""A source's health as ``v_source_health.health`` judges it."""


def values_of(vocabulary: Any) -> tuple[str, ...]:
    """The strings a vocabulary allows, in declaration order."""
    return tuple(str(value) for value in get_args(vocabulary))
