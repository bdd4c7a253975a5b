"""The article body: which blocks of a page a reader sees as the article, in order, without boilerplate.

The method is container scoring over the blocks the DOM walk produced. Every paragraph-like block with enough
text and few links votes for its ancestors, most for its direct container and less for each level above
(readability's decay), so the element that directly holds most of the prose wins rather than ``<body>``.
The winner's score is discounted by its link density and by class/id names that mean boilerplate. Siblings of the
winner that carry prose are merged (articles are often split around an ad slot), and inside the chosen
containers, subtrees named like share bars, related links, newsletters or captions are dropped, as are blocks
that are mostly links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.parse.dom import Block, Element

__all__ = ["BodyResult", "extract_body"]

# Class/id fragments of page furniture. Matched on "class id" strings, lower-cased.
_NEGATIVE = re.compile(
    r"share|sharing|social|related|comment|newsletter|promo|advert|(?<![a-z])ads?(?![a-z])|(?<![a-z])ad[-_]"
    r"|cookie|consent|(?<![a-z])nav|footer|breadcrumb|sidebar|widget|(?<![a-z])menu|subscribe|signup"
    r"|popular|trending|recommend|outbrain|taboola|sponsor|banner|masthead|(?<![a-z])tags?(?![a-z])"
    r"|pagination|pager|toolbar|caption|credit|disclaimer|modal|popup|(?<![a-z])rail|more-stories"
    r"|read-?more|(?<![a-z])also|byline|author|dateline|timestamp|(?<![a-z])meta(?![a-z])|print-only"
    r"|hidden|visually-hidden|sr-only|skip|tooltip|(?<![a-z])embed|player|video|gallery|slideshow"
)
_POSITIVE = re.compile(r"article|body|content|entry|main|post|story|text|blog|prose")
# Tags whose subtrees are page furniture wherever they appear below the article container.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "figure", "figcaption", "menu", "dialog"})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6", "td"})
_MIN_VOTING_CHARS = 25
_MAX_VOTING_LINK_DENSITY = 0.5
_MAX_BLOCK_LINK_DENSITY = 0.5


@dataclass(frozen=True, slots=True)
class BodyResult:
    """The paragraphs of the article body, and how sure the extractor is that the page is an article."""

    paragraphs: tuple[str, ...]
    container_score: float

    @property
    def text(self) -> str:
        """Paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


def _hint_weight(hint: str) -> float:
    if not hint:
        return 1.0
    weight = 1.0
    if _NEGATIVE.search(hint):
        weight *= 0.3
    if _POSITIVE.search(hint):
        weight *= 1.3
    return weight


def _vote(elements: list[Element], blocks: Sequence[Block]) -> None:
    for block in blocks:
        n = len(block.text)
        if n < _MIN_VOTING_CHARS or block.link_chars > n * _MAX_VOTING_LINK_DENSITY:
            continue
        score = 1.0 + block.text.count(",") + min(n / 100.0, 3.0)
        path = block.path
        start = len(path) - 2 if elements[block.owner].tag in _PARAGRAPH_TAGS else len(path) - 1
        for level in range(5):
            index = start - level
            if index < 0:
                break
            divider = 1.0 if level == 0 else 2.0 if level == 1 else level * 3.0
            elements[path[index]].score += score / divider


def _final_score(element: Element) -> float:
    density = element.link_chars / element.text_chars if element.text_chars else 1.0
    return element.score * (1.0 - density) * _hint_weight(element.hint)


def _is_furniture(element: Element) -> bool:
    if element.tag in _FURNITURE_TAGS:
        return True
    hint = element.hint
    return bool(hint) and _NEGATIVE.search(hint) is not None and _POSITIVE.search(hint) is None


def extract_body(elements: list[Element], blocks: Sequence[Block], *, title: str | None = None) -> BodyResult:
    """Choose the article container(s) and return their prose blocks as paragraphs.

    Args:
        elements: block-level elements from the DOM walk (their scores are updated in place).
        blocks: text blocks from the DOM walk, in document order.
        title: the article title, so a repeated headline is not counted as body text.

    Returns:
        The body paragraphs (possibly none) and the winning container's score.
    """
    _vote(elements, blocks)
    best, best_score = -1, 0.0
    for index, element in enumerate(elements):
        if element.score <= 0:
            continue
        score = _final_score(element)
        if score > best_score:
            best, best_score = index, score
    if best < 0:
        return BodyResult((), 0.0)
    chosen = {best}
    parent = elements[best].parent
    if parent >= 0:
        threshold = max(10.0, best_score * 0.2)
        for index, element in enumerate(elements):
            if element.parent != parent or index == best or _is_furniture(element):
                continue
            density = element.link_chars / element.text_chars if element.text_chars else 1.0
            if _final_score(element) >= threshold or (
                element.tag == "p" and element.text_chars > 80 and density < 0.25
            ):
                chosen.add(index)
    paragraphs: list[str] = []
    normalised_title = " ".join(title.split()).lower() if title else None
    for block in blocks:
        path = block.path
        position = next((i for i, index in enumerate(path) if index in chosen), -1)
        if position < 0:
            continue
        if any(_is_furniture(elements[index]) for index in path[position + 1 :]):
            continue
        n = len(block.text)
        if block.link_chars > n * _MAX_BLOCK_LINK_DENSITY:
            continue
        if normalised_title and block.text.lower() == normalised_title:
            continue
        paragraphs.append(block.text)
    return BodyResult(tuple(paragraphs), best_score)
