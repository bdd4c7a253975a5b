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

from extractors.parse.boilerplate import trim_edges
from extractors.parse.dom import Block, Element

__all__ = ["BodyResult", "extract_body"]

# Class/id fragments that make an element a poor article container (scoring penalty).
_PENALTY = re.compile(
    r"share|sharing|social|related|comment|newsletter|promo|advert|(?<![a-z])ads?(?![a-z])|(?<![a-z])ad[-_]"
    r"|cookie|consent|(?<![a-z])nav|footer|breadcrumb|sidebar|widget|(?<![a-z])menu|subscribe|signup"
    r"|popular|trending|recommend|outbrain|taboola|sponsor|banner|masthead|(?<![a-z])tags?(?![a-z])"
    r"|pagination|pager|toolbar|caption|credit|disclaimer|modal|popup|(?<![a-z])rail|more-stories"
    r"|read-?more|(?<![a-z])also|byline|author|dateline|timestamp|(?<![a-z])meta(?![a-z])|print-only"
    r"|hidden|visually-hidden|sr-only|skip|tooltip|(?<![a-z])embed|player|video|gallery|slideshow"
)
_UNLIKELY = re.compile(
    r"comment|respond|reaction|sidebar|footer|related|newsletter|(?<![a-z])share|social|(?<![a-z])nav(?!e)"
    r"|(?<![a-z])menu|cookie|consent|promo|sponsor|outbrain|taboola|recommend|popular|trending|widget"
    r"|masthead|breadcrumb|pagination|disqus|most-read|read-next"
)
_UNLIKELY_TAGS = frozenset({"aside", "nav", "footer"})
_MAX_UNLIKELY_SHARE = 0.6
_POSITIVE = re.compile(r"article|body|content|entry|main|post|story|text|blog|prose")
# Class/id fragments of furniture *inside* an article container: dropped with their subtree. Narrower than
# the penalty list: embeds (tweets, videos) and meta rows can hold article text, these never do.
_FURNITURE = re.compile(
    r"share|sharing|social-|related|comment|newsletter|promo|advert|(?<![a-z])ads?(?![a-z])"
    r"|(?<![a-z])ad[-_]|[-_]ad(?![a-z])|dfp|cookie|consent|(?<![a-z])nav(?!e)|breadcrumb|sidebar|widget"
    r"|subscribe|signup|sign-up|popular|trending|recommend|outbrain|taboola|sponsor|pagination|pager"
    r"|toolbar|caption|credit|(?<![a-z])tags(?![a-z])|tag-?list|more-stories|read-?more|(?<![a-z])also"
    r"|byline|author-?(?:bio|info|box)|donat|support-us|membership|paywall|(?<![a-z])partage|reaction|lire-aussi|"
    r"(?<![a-z])photo|(?<![a-z])image|(?<![a-z])img(?![a-z])|gallery"
    r"|slideshow|print-only|visually-hidden|sr-only|screen-reader"
)
# Tags whose subtrees are page furniture wherever they appear below the article container.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "figure", "figcaption", "menu", "dialog"})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6", "td"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Class names of a standfirst (dek, chapô): the lead printed above the body.
_STANDFIRST = re.compile(r"standfirst|chapo|(?<![a-z])deck?(?![a-z])|subtitle|subhead|strapline|(?<![a-z])lede")
_MAX_STANDFIRST_POSITION = 3
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table"})
_MAX_LIST_LINK_DENSITY = 0.4
_MIN_VOTING_CHARS = 25
_MAX_VOTING_LINK_DENSITY = 0.5
_MAX_BLOCK_LINK_DENSITY = 0.5
_MAX_PROSE_LINK_DENSITY = 0.85
_MIN_PROSE_CHARS = 50
_SENTENCE_END = re.compile(r"[.!?…。！？؟\"”»]$")


@dataclass(frozen=True, slots=True)
class BodyResult:
    """The paragraphs of the article body, and what the chosen container looked like.

    ``linked_headings`` counts headings that are entirely a link: teasers of a listing page, not an article.
    """

    paragraphs: tuple[str, ...]
    container_score: float
    linked_headings: int = 0

    @property
    def text(self) -> str:
        """Paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


def _hint_weight(hint: str) -> float:
    if not hint:
        return 1.0
    weight = 1.0
    if _PENALTY.search(hint):
        weight *= 0.3
    if _POSITIVE.search(hint):
        weight *= 1.3
    return weight


def _unlikely(element: Element, page_chars: int) -> bool:
    """Readability's "unlikely candidate": comments, sidebars, footers and the like never hold the article.

    A wrapper holding most of the page's text is never unlikely, whatever its name ("layout-with-sidebar").
    """
    if element.text_chars > page_chars * _MAX_UNLIKELY_SHARE:
        return False
    if element.tag in _UNLIKELY_TAGS:
        return True
    hint = element.hint
    return bool(hint) and _UNLIKELY.search(hint) is not None and _POSITIVE.search(hint) is None


def _any_unlikely(elements: list[Element], path: tuple[int, ...], cache: dict[int, bool], page_chars: int) -> bool:
    for index in path:
        flag = cache.get(index)
        if flag is None:
            flag = cache[index] = _unlikely(elements[index], page_chars)
        if flag:
            return True
    return False


def _vote(elements: list[Element], blocks: Sequence[Block], *, skip_unlikely: bool = True) -> bool:
    """Let each prose block vote for its containers; False when no block could vote."""
    page_chars = elements[0].text_chars if elements else 0
    unlikely: dict[int, bool] = {}  # filled lazily: only ancestors of prose blocks are ever asked
    voted = False
    for block in blocks:
        n = len(block.text)
        if n < _MIN_VOTING_CHARS or block.link_chars > n * _MAX_VOTING_LINK_DENSITY:
            continue
        path = block.path
        if skip_unlikely and _any_unlikely(elements, path, unlikely, page_chars):
            continue
        voted = True
        score = 1.0 + block.text.count(",") + min(n / 100.0, 3.0)
        start = len(path) - 2 if elements[block.owner].tag in _PARAGRAPH_TAGS else len(path) - 1
        for level in range(5):
            index = start - level
            if index < 0:
                break
            divider = 1.0 if level == 0 else 2.0 if level == 1 else level * 3.0
            elements[path[index]].score += score / divider
    return voted


def _final_score(element: Element) -> float:
    density = element.link_chars / element.text_chars if element.text_chars else 1.0
    return element.score * (1.0 - density) * _hint_weight(element.hint)


def _is_furniture(element: Element, container_chars: int) -> bool:
    """Page furniture inside the article container; never a subtree holding most of the container's text."""
    if element.text_chars * 2 > container_chars:
        return False  # "entry-content-read-more" is a content wrapper whatever its name says
    if element.tag in _FURNITURE_TAGS:
        return True
    if element.tag in _LIST_TAGS and element.link_chars > element.text_chars * _MAX_LIST_LINK_DENSITY:
        return True  # a list of links inside an article is "read next", not prose
    return bool(element.hint) and _FURNITURE.search(element.hint) is not None


def _inside(elements: list[Element], index: int, ancestors: set[int]) -> bool:
    while index >= 0:
        if index in ancestors:
            return True
        index = elements[index].parent
    return False


def _ends_sentence(element: Element, blocks: Sequence[Block]) -> bool:
    """True when the element's last block ends like a sentence (a one-line paragraph, not a label)."""
    index = element.last_block
    return 0 <= index < len(blocks) and _SENTENCE_END.search(blocks[index].text) is not None


def _choose_containers(elements: list[Element], blocks: Sequence[Block]) -> tuple[set[int], float]:
    """The best-scoring container plus its prose-bearing siblings and same-named chunks."""
    best, best_score = -1, 0.0
    for index, element in enumerate(elements):
        if element.score > 0:
            score = _final_score(element)
            if score > best_score:
                best, best_score = index, score
    if best < 0:
        return set(), 0.0
    chosen = {best}
    winner = elements[best]
    threshold = max(10.0, best_score * 0.2)
    for index, element in enumerate(elements):
        if index == best or element.text_chars == 0:
            continue
        density = element.link_chars / element.text_chars
        if element.parent == winner.parent and winner.parent >= 0:
            # Readability's sibling rule: articles are often split around an ad slot or a pull quote.
            if (
                _final_score(element) >= threshold
                or (element.text_chars > 80 and density < 0.25)
                or (element.link_chars == 0 and element.tag not in _LIST_TAGS and _ends_sentence(element, blocks))
            ) and not (_is_furniture(element, winner.text_chars) or _unlikely(element, elements[0].text_chars)):
                chosen.add(index)
        elif winner.hint and element.hint == winner.hint and element.tag == winner.tag and element.score > 0:
            # The same template block repeated (body chunks between ad rails) is more of the same article.
            chosen.add(index)
    chosen = {i for i in chosen if not _inside(elements, elements[i].parent, chosen - {i})}
    return chosen, best_score


def extract_body(elements: list[Element], blocks: Sequence[Block], *, title: str | None = None) -> BodyResult:
    """Choose the article container(s) and return their prose blocks as paragraphs.

    Args:
        elements: block-level elements from the DOM walk (their scores are updated in place).
        blocks: text blocks from the DOM walk, in document order.
        title: the article title, so a repeated headline is not counted as body text.

    Returns:
        The body paragraphs (possibly none) and the winning container's score.
    """
    if not _vote(elements, blocks):
        _vote(elements, blocks, skip_unlikely=False)  # a page that is all "sidebar" by its class names
    chosen, best_score = _choose_containers(elements, blocks)
    if not chosen:
        return BodyResult((), 0.0)
    furniture: dict[int, bool] = {}
    paragraphs: list[str] = []
    normalised_title = " ".join(title.split()).lower() if title else None
    linked_headings = 0
    for block in blocks:
        path = block.path
        position = next((i for i, index in enumerate(path) if index in chosen), -1)
        if position < 0:
            continue
        owner = elements[block.owner]
        if owner.tag in _HEADING_TAGS and block.link_chars >= len(block.text):
            linked_headings += 1
        container_chars = elements[path[position]].text_chars
        dropped = False
        for index in path[position + 1 :]:
            flag = furniture.get(index)
            if flag is None:
                flag = furniture[index] = _is_furniture(elements[index], container_chars)
            if flag:
                dropped = True
                break
        if dropped:
            continue
        n = len(block.text)
        if block.link_chars > n * _MAX_BLOCK_LINK_DENSITY and (
            n - block.link_chars < _MIN_PROSE_CHARS or block.link_chars > n * _MAX_PROSE_LINK_DENSITY
        ):
            continue  # a link list or "Read more: ..." line; prose with many inline links stays
        if normalised_title and block.text.lower() == normalised_title:
            continue
        if len(paragraphs) < _MAX_STANDFIRST_POSITION and owner.hint and _STANDFIRST.search(owner.hint):
            continue  # the standfirst is the article's lead, kept apart from its body
        paragraphs.append(block.text)
    return BodyResult(tuple(trim_edges(paragraphs)), best_score, linked_headings)
