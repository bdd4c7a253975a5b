"""The table rows an article's enrichment becomes, and the rows of what a run records about itself.

Ids are derived here, deterministically, so reloading the same article writes the same rows: a place is
``gn:<geonameid>`` (or ``name:<country>:<within>:<name>`` when the gazetteer has no id), an event
``<article_id>-e<ordinal>``, a figure ``<article_id>-f<offset>-<category>``, an incident total
``<article_id>-t-<category>``. An event-scope figure is linked to the
event whose evidence starts nearest to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from records import FetchAttempt, PlaceMention, ProcessedArticle, QuarantineItem
from records.rows import (
    ArticleActorRow,
    ArticlePlaceRow,
    EventRow,
    FetchRow,
    FigureRow,
    IncidentTotalRow,
    PlaceRow,
    QuarantineRow,
)

__all__ = ["EnrichmentRows", "enrichment_rows", "fetch_rows", "place_id", "quarantine_rows"]

_EXCERPT_CHARS = 500


@dataclass(frozen=True, slots=True)
class EnrichmentRows:
    """Rows of the enrichment tables for a set of articles (places once each, by first mention)."""

    places: tuple[PlaceRow, ...]
    article_places: tuple[ArticlePlaceRow, ...]
    article_actors: tuple[ArticleActorRow, ...]
    events: tuple[EventRow, ...]
    figures: tuple[FigureRow, ...]
    totals: tuple[IncidentTotalRow, ...] = ()


def place_id(place: PlaceMention) -> str:
    """The stable id of a resolved place."""
    if place.geonameid is not None:
        return f"gn:{place.geonameid}"
    return "name:" + ":".join(part.casefold() for part in (place.country or "", place.within or "", place.name))


def _event_date(item: ProcessedArticle) -> date | None:
    """The publication date in the publisher's own time zone: the day the event was reported."""
    a = item.article
    if a.published_at is None:
        return None
    return (a.published_at + timedelta(minutes=a.published_offset_minutes or 0)).date()


def enrichment_rows(items: Sequence[ProcessedArticle]) -> EnrichmentRows:
    """The rows of ``items``' enrichment; a second mention at the same offset (overlapping matches) is dropped."""
    places: dict[str, PlaceRow] = {}
    mentions: list[ArticlePlaceRow] = []
    actors: list[ArticleActorRow] = []
    events: list[EventRow] = []
    figures: list[FigureRow] = []
    totals: list[IncidentTotalRow] = []
    for item in items:
        found = item.enrichment
        primary = found.primary_place
        seen_offsets: set[int] = set()
        for p in found.places:
            if p.start in seen_offsets:
                continue
            seen_offsets.add(p.start)
            pid = place_id(p)
            if pid not in places:
                places[pid] = PlaceRow(place_id=pid, place=p)
            is_primary = primary is not None and primary.start == p.start
            mentions.append(ArticlePlaceRow(article_id=item.article_id, place_id=pid, is_primary=is_primary, place=p))
        actor_offsets: set[int] = set()
        for m in found.actors:
            if m.start in actor_offsets:
                continue
            actor_offsets.add(m.start)
            actors.append(ArticleActorRow(article_id=item.article_id, actor=m))
        event_ids: list[tuple[int, str]] = []
        reported_on = _event_date(item)
        for ordinal, e in enumerate(found.events):
            event_id = f"{item.article_id}-e{ordinal}"
            event_ids.append((e.start, event_id))
            place = e.place or primary
            events.append(
                EventRow(
                    event_id=event_id,
                    article_id=item.article_id,
                    ordinal=ordinal,
                    event_date=reported_on,
                    place_id=place_id(place) if place else None,
                    event=e,
                )
            )
        first_figure = len(figures)
        for f in found.figures:
            nearest = (
                min(event_ids, key=lambda pair: abs(pair[0] - f.start))[1] if event_ids and f.scope == "event" else None
            )
            figure_id = f"{item.article_id}-f{f.start}-{f.category}"
            figures.append(FigureRow(figure_id=figure_id, article_id=item.article_id, event_id=nearest, figure=f))
        if not found.totals:
            continue
        figure_ids = [row.figure_id for row in figures[first_figure:]]
        totals.extend(
            IncidentTotalRow(
                total_id=f"{item.article_id}-t-{total.category}",
                article_id=item.article_id,
                figure_ids=tuple(figure_ids[index] for index in total.mentions),
                total=total,
            )
            for total in found.totals
        )
    return EnrichmentRows(
        tuple(places.values()), tuple(mentions), tuple(actors), tuple(events), tuple(figures), tuple(totals)
    )


def quarantine_rows(run_id: str, items: Sequence[QuarantineItem], now: datetime) -> tuple[QuarantineRow, ...]:
    """One row per distinct (stage, source, url, reason), the last item's detail and excerpt winning."""
    unique = {(q.stage, q.source, q.url or "", q.reason): q for q in items}
    return tuple(
        QuarantineRow(
            stage=stage,
            source=source,
            url=url,
            reason=reason,
            detail=q.detail,
            excerpt=q.excerpt[:_EXCERPT_CHARS],
            first_run_id=run_id,
            last_run_id=run_id,
            first_seen_at=now,
            last_seen_at=now,
            times_seen=1,
        )
        for (stage, source, url, reason), q in unique.items()
    )


def fetch_rows(run_id: str, attempts: Sequence[FetchAttempt]) -> tuple[FetchRow, ...]:
    """The ``fetches`` rows of a run's attempts, one per attempt."""
    return tuple(FetchRow(run_id=run_id, fetch=attempt) for attempt in attempts)
