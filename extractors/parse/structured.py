"""Structured data a page declares about itself: JSON-LD, OpenGraph / Twitter / Dublin Core ``meta`` tags.

Publishers fill these for search engines and social networks, so they are usually the most reliable source of
title, dates and authors; but they are also copied between templates, so callers treat them as evidence, not
truth (the body extractor compares a JSON-LD ``articleBody`` with the DOM before trusting it). Malformed JSON-LD
is common (trailing commas, raw newlines in strings, several objects in one script): we repair what is cheap to
repair and ignore the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["StructuredData", "read_structured"]

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "socialmediaposting", "liveblogposting",
        "techarticle", "scholarlyarticle", "report", "posting", "webpage", "creativework",
    }
)  # fmt: skip
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage", "website"})
# Rank of each article type: a NewsArticle beats the WebPage that wraps it.
_TYPE_RANK = {"webpage": 1, "creativework": 1, "report": 2, "posting": 2}
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")
_MAX_NODES = 500


@dataclass(frozen=True, slots=True)
class StructuredData:
    """The page's self-description: the best JSON-LD article node, all JSON-LD nodes, and ``meta`` tags."""

    article: dict[str, Any] | None = None
    nodes: tuple[dict[str, Any], ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty ``meta`` value among ``keys`` (lower-case names or properties)."""
        for key in keys:
            value = self.meta.get(key)
            if value:
                return value
        return None

    def types(self) -> set[str]:
        """Lower-cased ``@type`` values of every JSON-LD node."""
        return {t for node in self.nodes for t in node_types(node)}

    def to_json(self) -> str | None:
        """Compact JSON of what was found, for audit (``Article.structured``); None when nothing was."""
        if self.article is None and not self.meta:
            return None
        payload: dict[str, Any] = {}
        if self.article is not None:
            payload["jsonld"] = {k: v for k, v in self.article.items() if k != "articleBody"}
        if self.meta:
            payload["meta"] = self.meta
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def node_types(node: dict[str, Any]) -> list[str]:
    """The ``@type`` of a JSON-LD node as lower-case names without vocabulary prefix."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values if isinstance(v, str)]


def _loads_lenient(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    # Raw control characters inside strings and trailing commas are the usual CMS mistakes.
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))
    try:
        return json.loads(repaired)
    except json.JSONDecodeError:
        pass
    # Several objects pasted one after the other in one script.
    decoder = json.JSONDecoder()
    found: list[Any] = []
    index = 0
    while index < len(repaired):
        try:
            value, index = decoder.raw_decode(repaired, index)
        except json.JSONDecodeError:
            break
        found.append(value)
        while index < len(repaired) and repaired[index] in " \t\r\n,;":
            index += 1
    return found or None


def _flatten(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every node of a JSON-LD document: top-level objects, lists and ``@graph`` members."""
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        main = value.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _flatten(main, depth + 1)


def _article_rank(node: dict[str, Any]) -> int:
    ranks = [_TYPE_RANK.get(t, 3) for t in node_types(node) if t in ARTICLE_TYPES]
    if not ranks:
        return 0
    completeness = sum(1 for key in ("headline", "datePublished", "author", "articleBody") if node.get(key))
    return max(ranks) * 10 + completeness


def _resolve_references(article: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """Replace ``{"@id": ...}`` references in the article's top-level fields by the nodes they point to.

    Yoast-style graphs put the author, publisher and page in separate nodes and link them by ``@id``.
    """
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    if not by_id:
        return article

    def resolve(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    return {key: resolve(value) for key, value in article.items()}


def read_structured(
    jsonld_texts: list[str], metas: list[dict[str, str]], links: list[dict[str, str]]
) -> StructuredData:
    """Gather the page's structured data from the script, ``meta`` and ``link`` tags the DOM walk collected.

    Args:
        jsonld_texts: contents of ``<script type="application/ld+json">`` tags.
        metas: attributes of every ``<meta>`` tag, in document order.
        links: attributes of every ``<link>`` tag, in document order.

    Returns:
        The best article node, all nodes, the ``meta`` map (first value of each key wins) and the canonical link.
    """
    nodes: list[dict[str, Any]] = []
    for text in jsonld_texts:
        for node in _flatten(_loads_lenient(text)):
            nodes.append(node)
            if len(nodes) >= _MAX_NODES:
                break
    ranked = [(rank, -i, node) for i, node in enumerate(nodes) if (rank := _article_rank(node))]
    article = max(ranked, key=lambda item: item[:2])[2] if ranked else None
    if article is not None:
        article = _resolve_references(article, nodes)
    meta: dict[str, str] = {}
    for attrs in metas:
        # http-equiv: ``<meta http-equiv="content-language" content="ar">`` declares the page's language.
        key = (
            (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv") or "")
            .strip()
            .lower()
        )
        content = " ".join(attrs.get("content", "").split())
        if key and content and key not in meta:
            meta[key] = content
    canonical = None
    for attrs in links:
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href", "").strip():
            canonical = attrs["href"].strip()
            break
    return StructuredData(article=article, nodes=tuple(nodes), meta=meta, canonical=canonical)
