"""Event types: the seed article and one case per rule family."""

from __future__ import annotations

from pathlib import Path

import pytest

from records import Event
from transforms.actors import find_actors, load_actor_dictionary
from transforms.events import classify_events
from transforms.gazetteer import load_gazetteer
from transforms.places import resolve_places
from transforms.sentences import split_sentences

SEED = Path(__file__).resolve().parents[1] / "flows" / "samples" / "content" / "seed-article.txt"


def _events(text: str, country: str | None = None) -> tuple[Event, ...]:
    sentences = split_sentences(text)
    places, primary = resolve_places(text, sentences, load_gazetteer(), country_hint=country)
    hint = country or (primary.country if primary else None)
    actors = find_actors(text, load_actor_dictionary(), country_hint=hint)
    return classify_events(sentences, actors, places, primary)


def test_seed_article() -> None:
    events = _events(SEED.read_text(encoding="utf-8"))
    first = events[0]
    assert (first.event_type, first.sub_event_type) == ("Battles", "Government regains territory")
    assert first.place is not None and first.place.name == "Aleppo"
    assert "sy-government" in first.actor_ids and first.evidence
    assert all(e.event_type != "Protests" for e in events)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Russian warplanes struck the town of Ariha, killing six civilians.", "SY", "Air/drone strike"),
        ("Hamas fighters captured the Israeli army post.", "PS", "Non-state actor overtakes territory"),
        ("Iraqi forces retook Mosul airport from Islamic State.", "IQ", "Government regains territory"),
        ("Gunmen abducted 12 shepherds near Palmyra.", "SY", "Abduction/forced disappearance"),
        ("Protesters marched in Khartoum. Security forces fired tear gas.", "SD", "Protest with intervention"),
        ("Protesters marched peacefully in Amman.", "JO", "Peaceful protest"),
        ("The Houthis and the Yemeni government agreed a prisoner exchange.", "YE", "Agreement"),
        ("A suicide bomber blew himself up in Mogadishu.", "SO", "Suicide bomb"),
    ],
)
def test_rules(text: str, country: str, expected: str) -> None:
    assert _events(text, country)[0].sub_event_type == expected


@pytest.mark.parametrize(
    "text",
    [
        "The war began with anti-government protests in March 2011.",
        "The Houthis denied reports that they had captured the town.",
        "Russian forces will try to capture the town, officials warned.",
    ],
)
def test_background_denials_and_forecasts_are_not_events(text: str) -> None:
    assert _events(text) == ()
