"""The new / revision / duplicate decision as a pure function: stored state in, a plan out. No DuckDB here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from records import Article, ProcessedArticle
from transforms.revisions import StoredArticle, plan_load

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
PUBLISHED = datetime(2024, 6, 1, 8, tzinfo=UTC)


def processed(
    article_id: str,
    body: str,
    *,
    url: str | None = None,
    title: str = "Bridge shelled",
    updated: datetime | None = None,
) -> ProcessedArticle:
    address = url or f"https://news.example/{article_id}"
    article = Article(
        source="wire",
        url=address,
        canonical_url=address,
        raw_sha256=f"raw-{article_id}-{body}",
        title=title,
        body=body,
        published_at=PUBLISHED,
        updated_at=updated,
    )
    return ProcessedArticle(article, article_id, f"hash-{body}")


def stored(article_id: str, *bodies: str, title: str = "Bridge shelled") -> StoredArticle:
    return StoredArticle(
        article_id, f"hash-{bodies[-1]}", len(bodies), PUBLISHED, title, frozenset(f"hash-{b}" for b in bodies)
    )


def plan(items, state=(), owners=None, rederive=False):  # noqa: ANN001, ANN201
    return plan_load(items, {s.article_id: s for s in state}, owners or {}, run_id="run-9", now=NOW, rederive=rederive)


def test_unknown_articles_are_new_and_written_as_first_revisions() -> None:
    result = plan([processed("a1", "one"), processed("a2", "two")])
    assert (result.new, result.revised, result.duplicate) == (2, 0, 0)
    assert [row.article_id for row in result.new_articles] == ["a1", "a2"]
    assert result.replaced_articles == () and result.replaced == ()
    assert [(r.article_id, r.revision, r.changed_fields) for r in result.revisions] == [
        ("a1", 1, ("title", "body")),
        ("a2", 1, ("title", "body")),
    ]
    assert {(s.article_id, s.first_run_id, s.first_seen_at) for s in result.sightings} == {
        ("a1", "run-9", NOW),
        ("a2", "run-9", NOW),
    }


def test_a_body_another_article_owns_is_a_duplicate_sighted_under_the_owner() -> None:
    copy = processed("b7", "shared", url="https://mirror.example/copy")
    result = plan([copy], owners={"hash-shared": "a1"})
    assert (result.new, result.duplicate) == (0, 1)
    assert result.revisions == () and result.latest == ()
    assert [(s.article_id, s.url) for s in result.sightings] == [("a1", "https://mirror.example/copy")]


def test_a_copy_in_the_same_batch_is_a_duplicate_of_the_first() -> None:
    result = plan([processed("a1", "same"), processed("b2", "same")])
    assert (result.new, result.duplicate) == (1, 1)
    assert [s.article_id for s in result.sightings] == ["a1", "a1"]


def test_a_known_body_is_a_recrawl_unless_rederiving() -> None:
    again = processed("a1", "one")
    assert plan([again], [stored("a1", "one")]).latest == ()
    rederived = plan([again], [stored("a1", "one")], rederive=True)
    assert rederived.duplicate == 1 and rederived.latest == (again,)
    assert [row.revision for row in rederived.replaced_articles] == [1] and rederived.replaced == ("a1",)
    # An older body the article had before is a duplicate even when rederiving: it is not the latest.
    assert plan([processed("a1", "zero")], [stored("a1", "zero", "one")], rederive=True).latest == ()


def test_a_new_body_of_a_stored_article_is_a_revision_that_replaces_it() -> None:
    later = processed("a1", "one, updated", title="Bridge destroyed", updated=PUBLISHED + timedelta(hours=2))
    result = plan([later], [stored("a1", "one")])
    assert (result.new, result.revised) == (0, 1)
    assert [(r.revision, r.changed_fields) for r in result.revisions] == [(2, ("title", "body"))]
    assert [row.revision for row in result.replaced_articles] == [2] and result.new_articles == ()


def test_an_older_revision_is_kept_but_does_not_become_the_latest() -> None:
    older = processed("a1", "earlier draft", updated=PUBLISHED - timedelta(hours=3))
    state = StoredArticle(
        "a1", "hash-one", 1, PUBLISHED + timedelta(hours=1), "Bridge shelled", frozenset({"hash-one"})
    )
    result = plan([older], [state])
    assert result.revised == 1 and [r.revision for r in result.revisions] == [2]
    assert result.latest == () and result.replaced_articles == ()


def test_two_revisions_in_one_batch_compare_with_each_other() -> None:
    first = processed("a1", "v1")
    second = processed("a1", "v2", title="Bridge destroyed", updated=PUBLISHED + timedelta(hours=1))
    result = plan([first, second])
    assert (result.new, result.revised) == (1, 1)
    assert [(r.revision, r.changed_fields) for r in result.revisions] == [
        (1, ("title", "body")),
        (2, ("title", "body")),
    ]
    assert [(row.revision, row.body_hash) for row in result.new_articles] == [(2, "hash-v2")]
    # One sighting per (article, source, url), however often the batch saw it.
    assert len(result.sightings) == 1
