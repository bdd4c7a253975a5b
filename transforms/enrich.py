"""Enrichment of one text: places, actors, events and figures, in the order each needs the previous ones.

One function per entry point (an article from the pipeline, a bare text from ``conflictwire enrich``), both
through ``enrich_text`` so the CLI shows exactly what the flow stores. Offsets refer to the text enriched (the
article body).
"""

from __future__ import annotations

from dataclasses import replace

from records import ActorMention, Article, Enrichment, Figure
from records.vocab import Language
from transforms.actors import find_actors, load_actor_dictionary
from transforms.claims import REPORTER, wire_agency
from transforms.events import classify_events
from transforms.figures import extract_figures
from transforms.gazetteer import load_gazetteer
from transforms.lang_figures import extract_language_figures
from transforms.lang_vocab import load_language_vocabulary
from transforms.language import article_language
from transforms.places import resolve_places
from transforms.sentences import split_sentences
from transforms.totals import incident_totals

__all__ = ["enrich_article", "enrich_text"]


def enrich_text(
    text: str, *, country_hint: str | None = None, dateline: str | None = None, language: Language | None = None
) -> Enrichment:
    """Find places, actors, events, figures and the incident total per category in ``text``.

    Args:
        text: prose, paragraphs separated by blank lines.
        country_hint: ISO alpha-2 code of the country the source usually covers, for disambiguation.
        dateline: the dateline place of the report ("ALEPPO, Syria"), which usually is the event location.
        language: the article's language; detected from ``text`` when not given. A language with a data
            file (``transforms/data/lang``) reads figures with its own vocabulary; English keeps the original
            figure reader.
    """
    if not text.strip():
        return Enrichment()
    sentences = split_sentences(text)
    language = language or article_language(text)
    places, primary = resolve_places(
        text, sentences, load_gazetteer(), country_hint=country_hint, dateline=dateline, language=language
    )
    actor_country = country_hint or (primary.country if primary else None)
    actors = find_actors(text, load_actor_dictionary(), country_hint=actor_country)
    events = classify_events(sentences, actors, places, primary, text, language)
    if load_language_vocabulary(language) is None:
        figures = extract_figures(text, sentences, actors)
    else:
        figures = extract_language_figures(text, sentences, language)
    figures = _credited_to_agency(figures, text, actors)
    totals = incident_totals(figures, primary.name if primary else None)
    return Enrichment(
        places=places, primary_place=primary, actors=actors, events=events, figures=figures, totals=totals
    )


def _credited_to_agency(figures: tuple[Figure, ...], text: str, actors: tuple[ActorMention, ...]) -> tuple[Figure, ...]:
    """Figures the report states itself, credited to the news agency whose dateline opens it ("KABUL (AP) —"):
    a reader comparing claims needs to know the agency said so."""
    agency = wire_agency(text)
    if agency is None or not any(figure.claimant == REPORTER for figure in figures):
        return figures
    name = text[agency[0] : agency[1]]
    actor_id = next((a.actor_id for a in actors if a.start < agency[1] and agency[0] < a.end), None)
    return tuple(
        replace(figure, claimant=name, claimant_actor_id=actor_id) if figure.claimant == REPORTER else figure
        for figure in figures
    )


def enrich_article(
    article: Article, *, country_hint: str | None = None, language_hint: str | None = None
) -> Enrichment:
    """Enrich an article's body, using its dateline, its declared language (the source's setting is a hint)
    and the source's country hint."""
    language = article_language(article.body, declared=article.language, hint=language_hint)
    return enrich_text(article.body, country_hint=country_hint, dateline=article.dateline, language=language)
