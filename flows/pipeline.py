"""The per-document path from raw bytes to a loadable record: parse → normalise → enrich.

Pure with respect to the warehouse and the network, so a Prefect task can run it over a batch in any worker
(thread, process or Dask node) and the ``reprocess`` flow can run it again over stored bytes. The story
signature is computed here too: it is the costliest part of de-duplication and needs only the body, so the
workers do it in parallel and the warehouse's single writer only looks signatures up.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.errors import ParseError
from extractors.parse import parse_document
from extractors.parse.language import detect_language
from records import ProcessedArticle, QuarantineItem, RawDocument, SourceConfig
from transforms.actors import load_actor_dictionary
from transforms.dedup import DedupConfig, story_signature
from transforms.enrich import enrich_article
from transforms.gazetteer import load_gazetteer, load_localities
from transforms.normalise import article_id_for, body_hash_for, normalise_article

__all__ = ["ProcessedBatch", "load_reference_data", "process_documents"]

_EXCERPT_BYTES = 400
_LOADING = threading.Lock()
_LANGUAGE_SAMPLE = "The reference data is loaded before the first article arrives."


def load_reference_data() -> None:
    """Load what parsing and enrichment read from package data, once per process: the gazetteer, the locality
    index, the actor dictionary and the language model.

    Together they cost the first article of a run about 5 s of CPU (15-20 s on a busy two-core machine), which
    delayed a run's first rows by as much. A run in threads starts this in a thread as it opens, so it overlaps
    Prefect's start, the migration and the crawl's first pages; the first batch then waits on the lock for it
    rather than building the same tables a second time beside it.
    """
    with _LOADING:
        load_gazetteer()
        load_localities()
        load_actor_dictionary()
        detect_language(_LANGUAGE_SAMPLE)


@dataclass(frozen=True, slots=True)
class ProcessedBatch:
    """The outcome of one batch: articles ready to load and documents quarantined with their reason."""

    processed: tuple[ProcessedArticle, ...]
    quarantined: tuple[QuarantineItem, ...]


def _excerpt(doc: RawDocument) -> str:
    return doc.content[:_EXCERPT_BYTES].decode("utf-8", errors="replace")


def process_documents(
    docs: Sequence[RawDocument], source: SourceConfig, dedup: DedupConfig | None = None
) -> ProcessedBatch:
    """Parse, normalise, enrich and (given the run's ``dedup`` config) sign a batch of raw documents of one source.

    A page that cannot be parsed, or is not an article (a tag index, an empty shell), is quarantined with the
    parser's reason; the rest of the batch is unaffected.
    """
    load_reference_data()
    processed: list[ProcessedArticle] = []
    quarantined: list[QuarantineItem] = []
    for doc in docs:
        try:
            article = parse_document(doc, language_hint=source.language)
        except ParseError as exc:
            quarantined.append(QuarantineItem("parse", doc.source, doc.url, exc.reason, _excerpt(doc), exc.message))
            continue
        if not article.is_article:
            quarantined.append(
                QuarantineItem("parse", doc.source, doc.url, "not-article", _excerpt(doc), article.not_article_reason)
            )
            continue
        article = normalise_article(article)
        processed.append(
            ProcessedArticle(
                article=article,
                article_id=article_id_for(article.canonical_url),
                body_hash=body_hash_for(article.body),
                enrichment=enrich_article(article, country_hint=source.country_hint, language_hint=source.language),
                signature=None if dedup is None else story_signature(article.body, dedup),
            )
        )
    return ProcessedBatch(tuple(processed), tuple(quarantined))
