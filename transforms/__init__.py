"""Transform stage: pure functions from records to records (normalise, de-duplicate, enrich). No I/O here."""

from transforms.records import (
    ActorMention,
    Enrichment,
    Event,
    Figure,
    IncidentTotal,
    PlaceMention,
    ProcessedArticle,
    Sentence,
)
from transforms.sentences import split_sentences

__all__ = [
    "ActorMention",
    "Enrichment",
    "Event",
    "Figure",
    "IncidentTotal",
    "PlaceMention",
    "ProcessedArticle",
    "Sentence",
    "split_sentences",
]
