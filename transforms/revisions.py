"""Decide what a batch of processed articles is against what the warehouse holds: new, a revision, a duplicate.

A pure question, answered here so the warehouse only writes the answer. In goes the stored state of the
batch's articles (``StoredArticle``) and which stored article owns each body; out comes a ``LoadPlan``: the
rows to insert or replace, every sighting, and the articles whose latest version changed (their enrichment is
rewritten and they are filed under a story). ``plan_load`` is deterministic: the same inputs give the same plan.

The rules:

- an article id never stored, whose body another article already owns, is a duplicate of that owner
  (syndicated copy); otherwise it is new;
- a stored article seen with a body it has had before is a duplicate (a re-crawl); with ``rederive`` and its
  latest body, its row is rewritten anyway (the parser or enrichers changed);
- a stored article with a body it never had is a new revision; it becomes the latest unless it is older
  (by updated, published or fetch time) than the latest stored one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from records import ProcessedArticle
from records.rows import ArticleRow, RevisionRow, SightingRow

__all__ = ["LoadPlan", "StoredArticle", "plan_load", "recency"]

_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What the warehouse holds about one article that matters to the decision.

    ``recency`` is the latest revision's updated, published or first-seen time; ``hashes`` every body the
    article has had.
    """

    article_id: str
    body_hash: str
    revision: int
    recency: datetime
    title: str | None
    hashes: frozenset[str]


@dataclass(frozen=True, slots=True)
class LoadPlan:
    """What loading a batch writes.

    ``latest`` are the articles whose latest version is (re)written, in first-seen order; ``replaced`` the ids
    among them that were stored before (their old enrichment rows are deleted first).
    """

    new_articles: tuple[ArticleRow, ...]
    replaced_articles: tuple[ArticleRow, ...]
    revisions: tuple[RevisionRow, ...]
    sightings: tuple[SightingRow, ...]
    latest: tuple[ProcessedArticle, ...]
    replaced: tuple[str, ...]
    new: int
    revised: int
    duplicate: int


def recency(item: ProcessedArticle) -> datetime:
    """When the article's text is from: its updated, published or fetch time, whichever it has first."""
    article = item.article
    moment = article.updated_at or article.published_at or article.fetched_at
    return moment if moment is not None else _EPOCH


@dataclass(slots=True)
class _State:
    """The running state of one article while the batch is walked."""

    body_hash: str
    revision: int
    recency: datetime
    title: str | None
    hashes: set[str]


def _changed_fields(old_title: str | None, new: ProcessedArticle, old_hash: str) -> tuple[str, ...]:
    fields = []
    if new.article.title != old_title:
        fields.append("title")
    if new.body_hash != old_hash:
        fields.append("body")
    return tuple(fields)


def _revision_row(item: ProcessedArticle, state: _State, now: datetime) -> RevisionRow:
    a = item.article
    changed = ("title", "body") if state.revision == 1 else _changed_fields(state.title, item, state.body_hash)
    return RevisionRow(
        article_id=item.article_id,
        revision=state.revision,
        body_hash=item.body_hash,
        title=a.title,
        body=a.body,
        raw_sha256=a.raw_sha256,
        published_at=a.published_at,
        updated_at=a.updated_at,
        changed_fields=changed,
        seen_at=now,
    )


def plan_load(
    items: Sequence[ProcessedArticle],
    stored: Mapping[str, StoredArticle],
    body_owners: Mapping[str, str],
    *,
    run_id: str,
    now: datetime,
    rederive: bool = False,
) -> LoadPlan:
    """Plan the load of ``items`` (in batch order) against the stored state.

    Args:
        items: the batch's processed articles.
        stored: the stored state of the batch's article ids that are in the warehouse.
        body_owners: for each of the batch's body hashes already stored, the article that owns it.
        run_id: the run the sightings are first seen in.
        now: the load's time, stamped on every row it writes.
        rederive: rewrite an unchanged latest article too (``reprocess``).

    Returns:
        The rows to write and the counts of new articles, revisions and duplicates.
    """
    known = {
        article_id: _State(s.body_hash, s.revision, s.recency, s.title, set(s.hashes))
        for article_id, s in stored.items()
    }
    owners = dict(body_owners)
    latest: dict[str, tuple[ProcessedArticle, int]] = {}
    revisions: list[RevisionRow] = []
    sightings: dict[tuple[str, str, str], ProcessedArticle] = {}
    new = revised = duplicate = 0
    for item in items:
        state = known.get(item.article_id)
        if state is None:
            owner = owners.get(item.body_hash)
            if owner is not None and owner != item.article_id:
                duplicate += 1
                sightings[(owner, item.article.source, item.article.url)] = item
                continue
            state = _State(item.body_hash, 0, recency(item), item.article.title, set())
            known[item.article_id] = state
            new += 1
        elif item.body_hash in state.hashes:
            duplicate += 1
            sightings[(item.article_id, item.article.source, item.article.url)] = item
            if rederive and item.body_hash == state.body_hash:
                latest[item.article_id] = (item, state.revision)
            continue
        else:
            revised += 1
        state.revision += 1
        state.hashes.add(item.body_hash)
        owners.setdefault(item.body_hash, item.article_id)
        revisions.append(_revision_row(item, state, now))
        if state.revision == 1 or recency(item) >= state.recency:
            state.recency, state.body_hash, state.title = recency(item), item.body_hash, item.article.title
            latest[item.article_id] = (item, state.revision)
        sightings[(item.article_id, item.article.source, item.article.url)] = item
    rows = {
        article_id: ArticleRow(
            article_id=article_id,
            body_hash=item.body_hash,
            body_length=len(item.article.body),
            revision=revision,
            first_seen_at=now,
            last_changed_at=now,
            article=item.article,
        )
        for article_id, (item, revision) in latest.items()
    }
    return LoadPlan(
        new_articles=tuple(row for article_id, row in rows.items() if article_id not in stored),
        replaced_articles=tuple(row for article_id, row in rows.items() if article_id in stored),
        revisions=tuple(revisions),
        sightings=tuple(
            SightingRow(
                article_id=article_id,
                source=source,
                url=url,
                raw_sha256=item.article.raw_sha256,
                first_run_id=run_id,
                first_seen_at=now,
                last_seen_at=now,
            )
            for (article_id, source, url), item in sightings.items()
        ),
        latest=tuple(item for item, _ in latest.values()),
        replaced=tuple(article_id for article_id in latest if article_id in stored),
        new=new,
        revised=revised,
        duplicate=duplicate,
    )
