"""The article body: which blocks of a page a reader sees as the article, in order, without boilerplate.

The method is container scoring over the blocks the DOM walk produced. Every paragraph-like block with enough
text and few links votes for its ancestors, most for its direct container and less for each level above
(readability's decay), so the element that directly holds most of the prose wins rather than ``<body>``. A level
is a step that adds text: wrapper chains pass votes through. The winner's score is discounted by its link density
and by class/id names that mean boilerplate. Siblings of the winner that carry prose are merged (articles are
often split around an ad slot), and inside the chosen containers, subtrees named like share bars, related links,
newsletters or captions are dropped, as are blocks that are mostly links.

Class names are evidence, not proof, so structure overrules them: names are matched word by word, the story's
landmark (``<article>``, ``<main>``, ``articleBody``) and what holds most of the page's prose are never rejected,
layout names (sidebar, widget) only count against blocks that are not mostly prose, and names that would drop
most of the chosen container are ignored. Pre-loaded next articles are kept out by their ``<article>`` boundary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.parse.boilerplate import trim_edges
from extractors.parse.dom import Block, Element

__all__ = ["BodyResult", "extract_body"]


# Class and id names are matched word by word: a fragment must start a word of the name (words are split at
# anything but letters and digits), so "nav" is found in "main-nav" and "nav_links" but not in "canvas", and
# "ad" in "ad-slot" but not in "head" or "download". A fragment may still run on ("comment" in "comments").
def _names(*fragments: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(fragments) + ")")


# Class/id fragments that make an element a poor article container (scoring penalty).
_PENALTY = _names(
    "share", "sharing", "social", "related", "comment", "newsletter", "promo", "advert", r"ads?(?![a-z])",
    "cookie", "consent", "footer", "breadcrumb", "subscribe", "signup",
    "popular", "trending", "recommend", "outbrain", "taboola", "sponsor", "banner", "masthead", r"tags?(?![a-z])",
    "pagination", "pager", "toolbar", "caption", "credit", "disclaimer", "modal", "popup",
    "more-stories", "read-?more", r"also(?![a-z])", "byline", "author", "dateline", "timestamp",
    r"meta(?![a-z])", "print-only", "hidden", "visually-hidden", "sr-only", "skip", "tooltip", "embed", "player",
    "video", "gallery", "slideshow",
)  # fmt: skip
# Names of what a block *is* (comments, related links, ...): never the article, whatever text they hold.
_UNLIKELY = _names(
    "comment", "respond", "reaction", "footer", "related", "newsletter", "share", "social", "cookie", "consent",
    "promo", "sponsor", "outbrain", "taboola", "recommend", "popular", "trending", "masthead", "breadcrumb",
    "pagination", "disqus", "most-read", "read-next",
)  # fmt: skip
# Names of where a block sits or which plugin drew it: a sidebar, a widget, a menu. Page builders wrap the
# article itself in such names ("elementor-widget-theme-post-content", "sidebar-grid"), so they only count
# against a block that is not mostly prose.
_LAYOUT = _names("sidebar", r"nav(?!e)", "menu", "widget", r"rail(?![a-z])")
_UNLIKELY_TAGS = frozenset({"aside", "nav", "footer"})
_MAX_UNLIKELY_SHARE = 0.6
_MIN_PROSE_SHARE = 0.6  # of a block's text, for it to be "mostly prose"
_MIN_LANDMARK_SHARE = 0.25  # of the page's prose, for an <article>/<main> to be the story's frame
_WRAPPER_SLACK = 20  # characters a wrapper may add to its child (an icon label) and still be "the same"
_VOTE_LEVELS = 5
_MIN_STORY_PROSE = 200  # characters of prose an <article> headed by the title needs to be taken as the story
_MIN_STORY_SHARE = 0.1  # ... and its share of the prose of the container it replaces
_MIN_KEPT_SHARE = 5  # furniture by name may drop at most four fifths of the chosen containers' prose
_MAX_VOTE_STEPS = 16  # ancestors one vote may climb, wrappers included (hostile pages nest thousands deep)
_POSITIVE = re.compile(r"article|body|content|entry|main|post|story|text|blog|prose")
# Class/id fragments of furniture *inside* an article container: dropped with their subtree. Narrower than
# the penalty list: embeds (tweets, videos) and meta rows can hold article text, these never do.
_FURNITURE = _names(
    "share", "sharing", "social-", "related", "comment", "newsletter", "promo", "advert", r"ads?(?![a-z])",
    "ad[-_]", "dfp", "cookie", "consent", "breadcrumb", "subscribe", "signup", "sign-up", "popular", "trending",
    "recommend", "outbrain", "taboola", "sponsor", "pagination", r"pager(?![a-z])", "toolbar", "caption",
    "credit", r"tags(?![a-z])", "tag-?list", "more-stories", "read-?more", r"also(?![a-z])", "byline",
    "author-?(?:bio|info|box)", "donat", "support-us", "membership", "paywall", "partage", "reaction",
    "lire-aussi", "gallery", "slideshow", "print-only", "visually-hidden", "sr-only", "screen-reader",
)  # fmt: skip
# Names of a picture slot. Templates also name their text-beside-a-picture blocks after the picture
# ("paragraph--type--text-image", "img-right-33"), so these only count against a block without article prose.
_MEDIA = _names("photo", "image", r"img(?![a-z])")
_MIN_MEDIA_PROSE = 200  # characters of prose: more than a caption
# Tags whose subtrees are page furniture wherever they appear below the article container.
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "figure", "figcaption", "menu", "dialog"})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd", "h2", "h3", "h4", "h5", "h6", "td"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Class names of a standfirst (dek, chapô): the lead printed above the body.
_STANDFIRST = re.compile(r"standfirst|chapo|(?<![a-z])dec?k(?![a-z])|subtitle|subhead|strapline|(?<![a-z])lede")
_MAX_STANDFIRST_POSITION = 3
# Class names of the text's own opening paragraph (intro, summary): printed above the body container, outside the
# header, it is the body's first paragraph. Deck names (subtitle, strapline, chapo) and whatever sits in the
# ``<header>`` beside the headline stay the lead, kept apart (``_STANDFIRST``).
_OPENING = _names("intro", "summary", r"lead(?![a-z])", "teaser", "abstract")
_MAX_OPENING_CHARS = 800  # a paragraph or two; a "page-lead" region holding a gallery is not an intro
_OPENING_LEVELS = 3  # ancestors of the body container an opening may hang from
_OPENING_LOOKBACK = 40  # blocks looked back from the body's first one (share bars, bylines, dates between)
_HEADER_TAGS = frozenset({"header", "hgroup"})
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table"})
_ITEM_TAGS = frozenset({"li", "td", "th", "dd"})
_ITEM_VOTE = 0.5
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


def _hint_weight(element: Element) -> float:
    hint = element.hint
    if not hint:
        return 1.0
    weight = 1.0
    if _PENALTY.search(hint) or (_LAYOUT.search(hint) and not _mostly_prose(element)):
        weight *= 0.3
    if _POSITIVE.search(hint):
        weight *= 1.3
    return weight


def _is_prose(block: Block) -> bool:
    n = len(block.text)
    return n >= _MIN_VOTING_CHARS and block.link_chars <= n * _MAX_VOTING_LINK_DENSITY


@dataclass(frozen=True, slots=True)
class _Page:
    """Page-wide figures the container rules compare an element with."""

    chars: int
    prose: int
    protected: frozenset[int]  # the story landmark holding the most prose, and its ancestors


def _measure(elements: list[Element], blocks: Sequence[Block]) -> _Page:
    """Fill each element's ``prose_chars`` and find the elements that must never be rejected by name.

    When the page marks its story (``<article>``, ``<main>``, ``[itemprop=articleBody]``) and that landmark holds
    a good share of the page's prose, it and everything around it are the article's frame: their class names
    describe the layout ("sidebar-grid", "theiaStickySidebar"), not what they are.
    """
    for block in blocks:
        if _is_prose(block):
            elements[block.owner].prose_chars += len(block.text)
    for element in reversed(elements):
        if element.parent >= 0:
            elements[element.parent].prose_chars += element.prose_chars
    page_prose = elements[0].prose_chars if elements else 0
    best, best_prose = -1, page_prose * _MIN_LANDMARK_SHARE
    for index, element in enumerate(elements):
        if (element.article or element.tag == "main") and element.prose_chars > best_prose:
            best, best_prose = index, element.prose_chars
    protected = set()
    while best >= 0:
        protected.add(best)
        best = elements[best].parent
    return _Page(elements[0].text_chars if elements else 0, page_prose, frozenset(protected))


def _mostly_prose(element: Element) -> bool:
    return element.prose_chars >= _MIN_PROSE_CHARS and element.prose_chars >= element.text_chars * _MIN_PROSE_SHARE


def _unlikely(index: int, element: Element, page: _Page) -> bool:
    """Readability's "unlikely candidate": comments, sidebars, footers and the like never hold the article.

    Never the story's landmark or its ancestors, and never a wrapper holding most of the page's text or prose,
    whatever its name ("layout-with-sidebar"). A layout name (sidebar, widget) only counts against a block that
    is not mostly prose.
    """
    if index in page.protected:
        return False
    if element.text_chars > page.chars * _MAX_UNLIKELY_SHARE or element.prose_chars * 2 > page.prose:
        return False
    if element.tag in _UNLIKELY_TAGS:
        return True
    hint = element.hint
    if not hint or _POSITIVE.search(hint) is not None:
        return False
    if _UNLIKELY.search(hint) is not None:
        return True
    return _LAYOUT.search(hint) is not None and not _mostly_prose(element)


def _any_unlikely(elements: list[Element], path: tuple[int, ...], cache: dict[int, bool], page: _Page) -> bool:
    for index in path:
        flag = cache.get(index)
        if flag is None:
            flag = cache[index] = _unlikely(index, elements[index], page)
        if flag:
            return True
    return False


def _grows(element: Element, chars: int) -> bool:
    """True when ``element`` holds more than ``chars`` of text, beyond a wrapper's stray label or icon."""
    return element.text_chars > chars + _WRAPPER_SLACK


def _vote(elements: list[Element], blocks: Sequence[Block], page: _Page, *, skip_unlikely: bool = True) -> bool:
    """Let each prose block vote for its containers; False when no block could vote.

    The vote decays with each level that adds text. A wrapper holding nothing more than the element below it
    (the ``<div><div><div>`` chains of page builders and CSS-in-JS) neither takes a share nor counts as a level,
    and a paragraph's own wrapper does not count as a level either, so a body whose paragraphs each sit in their
    own wrapper still elects the element that holds them all.
    """
    unlikely: dict[int, bool] = {}  # filled lazily: only ancestors of prose blocks are ever asked
    voted = False
    for block in blocks:
        if not _is_prose(block):
            continue
        path = block.path
        if skip_unlikely and _any_unlikely(elements, path, unlikely, page):
            continue
        voted = True
        text = block.text
        owner = elements[block.owner]
        if owner.tag in _ITEM_TAGS:
            # A list item or table cell is a fragment, and its commas separate fields, not clauses: a reference
            # list or a price table must not outvote the prose around it.
            score = (1.0 + min(len(text) / 100.0, 3.0)) * _ITEM_VOTE
        else:
            score = 1.0 + text.count(",") + text.count("，") + text.count("、") + min(len(text) / 100.0, 3.0)
        start = len(path) - 2 if owner.tag in _PARAGRAPH_TAGS else len(path) - 1
        paragraph = owner.text_chars
        held = paragraph
        level = 0
        for index in range(start, max(-1, start - _MAX_VOTE_STEPS), -1):
            element = elements[path[index]]
            if index != start:
                if not _grows(element, held):
                    continue  # a wrapper of the element just scored: the vote passes through it
                if held > paragraph + _WRAPPER_SLACK:
                    level += 1  # the previous level was a container already: this one is a level above
                    if level >= _VOTE_LEVELS:
                        break
            held = element.text_chars
            divider = 1.0 if level == 0 else 2.0 if level == 1 else level * 3.0
            element.score += score / divider
    return voted


def _final_score(element: Element) -> float:
    density = element.link_chars / element.text_chars if element.text_chars else 1.0
    return element.score * (1.0 - density) * _hint_weight(element)


def _is_furniture(element: Element, container_chars: int, *, by_name: bool = True) -> bool:
    """Page furniture inside the article container; never a subtree holding most of the container's text.

    ``by_name=False`` trusts tags and link density only, for containers whose class names would drop all of it.
    """
    if element.text_chars * 2 > container_chars:
        # "entry-content-read-more" is a content wrapper whatever its name says; but a list is never the
        # article's wrapper, and a list named for related posts or comments is that, however long its teasers.
        return (
            by_name and element.tag in _LIST_TAGS and bool(element.hint) and _UNLIKELY.search(element.hint) is not None
        )
    if element.tag in _FURNITURE_TAGS:
        return True
    if element.tag in _LIST_TAGS and element.link_chars > element.text_chars * _MAX_LIST_LINK_DENSITY:
        return True  # a list of links inside an article is "read next", not prose
    hint = element.hint
    if not hint or not by_name:
        return False
    if _FURNITURE.search(hint) is not None:
        return True
    if _MEDIA.search(hint) is not None and not (element.prose_chars >= _MIN_MEDIA_PROSE and _mostly_prose(element)):
        return True
    return element.tag not in _HEADING_TAGS and _LAYOUT.search(hint) is not None and not _mostly_prose(element)


def _story(elements: list[Element], index: int) -> int:
    """The nearest ``<article>`` or ``articleBody`` element holding ``index`` (itself included); -1 if none."""
    while index >= 0 and not elements[index].article:
        index = elements[index].parent
    return index


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


def _title_stories(elements: list[Element], blocks: Sequence[Block], title: str | None) -> set[int]:
    """The ``<article>`` elements whose headline is the page's title."""
    if not title:
        return set()
    stories = set()
    for block in blocks:
        if elements[block.owner].tag in _HEADING_TAGS and block.text.lower() == title:
            story = _story(elements, block.owner)
            if story >= 0:
                stories.add(story)
    return stories


def _best(elements: list[Element], within: set[int] | None = None) -> tuple[int, float]:
    best, best_score = -1, 0.0
    for index, element in enumerate(elements):
        if element.score > 0:
            score = _final_score(element)
            if score > best_score and (within is None or _inside(elements, index, within)):
                best, best_score = index, score
    return best, best_score


def _choose_containers(
    elements: list[Element], blocks: Sequence[Block], page: _Page, title: str | None
) -> tuple[set[int], float]:
    """The best-scoring container plus its prose-bearing siblings and same-named chunks.

    Infinite-scroll pages pre-load the next articles, each in its own ``<article>`` built from the same template,
    and a longer one can outscore this page's story. So when some ``<article>`` is headed by the page's title,
    the container is chosen inside it, and the same-class rule never crosses into another ``<article>``.
    """
    best, best_score = _best(elements)
    if best < 0:
        return set(), 0.0
    titled = _title_stories(elements, blocks, title)
    if titled and not _inside(elements, best, titled):
        inside, inside_score = _best(elements, titled)
        needed = max(_MIN_STORY_PROSE, elements[best].prose_chars * _MIN_STORY_SHARE)
        if inside >= 0 and elements[inside].prose_chars >= needed:  # not a headline card above the story
            best, best_score = inside, inside_score
    chosen = {best}
    winner = elements[best]
    story = _story(elements, best)
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
            ) and not (_is_furniture(element, winner.text_chars) or _unlikely(index, element, page)):
                chosen.add(index)
        elif (
            winner.hint
            and element.hint == winner.hint
            and element.tag == winner.tag
            and element.score > 0
            and _story(elements, index) == story
        ):
            # The same template block repeated (body chunks between ad rails) is more of the same article.
            chosen.add(index)
    _add_subheadings(elements, winner.parent, chosen)
    chosen = {i for i in chosen if not _inside(elements, elements[i].parent, chosen - {i})}
    return chosen, best_score


def _add_subheadings(elements: list[Element], parent: int, chosen: set[int]) -> None:
    """Add the subheadings standing between two chosen siblings: too short to vote, but part of the story."""
    siblings = sorted(i for i in chosen if elements[i].parent == parent)
    if len(siblings) < 2:
        return
    for index in range(siblings[0] + 1, siblings[-1]):
        element = elements[index]
        if element.parent == parent and element.tag in _HEADING_TAGS and element.link_chars == 0:
            chosen.add(index)


def _opening(elements: list[Element], blocks: Sequence[Block], chosen: set[int]) -> int:
    """The intro paragraph printed just above the body container, outside the header; -1 if there is none.

    Templates often print the opening paragraph apart from the body ("intro", "art-lead", "field--summary"), with
    a share bar or a byline between. It counts when it is the nearest prose before the body, hangs from one of the
    container's close ancestors, and is named as the text's opening, not as a deck. A standfirst in the
    ``<header>`` is the lead.
    """
    first = min(chosen)
    start = next((i for i, block in enumerate(blocks) if first in block.path), -1)
    frame: list[int] = []
    index = elements[first].parent
    while index >= 0 and len(frame) < _OPENING_LEVELS:
        frame.append(index)
        index = elements[index].parent
    for block in reversed(blocks[max(0, start - _OPENING_LOOKBACK) : max(0, start)]):
        if not _is_prose(block) or elements[block.owner].tag in _HEADING_TAGS:
            if elements[block.owner].tag in _HEADING_TAGS and block.link_chars == 0:
                return -1  # the headline or a section heading: nothing above it belongs to this text
            continue
        path = block.path
        anchor = next((i for i, index in enumerate(path) if index in frame), -1)
        if anchor < 0 or any(elements[index].tag in _HEADER_TAGS for index in path):
            return -1
        below = path[anchor + 1 :]
        container_chars = elements[first].text_chars
        if any(_is_furniture(elements[index], container_chars) for index in below):
            continue  # a caption, a share bar, a related link between the opening and the body
        named = next((index for index in below if _OPENING.search(elements[index].hint)), -1)
        if named < 0 or any(_STANDFIRST.search(elements[index].hint) for index in below):
            return -1  # not named as an opening, or also named as a deck ("c-entry-summary p-dek"): the lead
        opening = elements[named]
        return named if opening.text_chars <= _MAX_OPENING_CHARS and _mostly_prose(opening) else -1
    return -1


def _paragraphs(
    elements: list[Element], blocks: Sequence[Block], chosen: set[int], title: str | None, *, by_name: bool
) -> tuple[list[str], set[int], int]:
    """The prose blocks inside the chosen containers, furniture dropped; which of them are list items (short by
    nature, so edge trimming does not take them for labels); and the count of linked headings."""
    furniture: dict[int, bool] = {}
    paragraphs: list[str] = []
    list_items: set[int] = set()
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
                flag = furniture[index] = _is_furniture(elements[index], container_chars, by_name=by_name)
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
        if title and block.text.lower() == title:
            continue
        if len(paragraphs) < _MAX_STANDFIRST_POSITION and owner.hint and _STANDFIRST.search(owner.hint):
            continue  # the standfirst is the article's lead, kept apart from its body
        if owner.tag == "li":
            list_items.add(len(paragraphs))
        paragraphs.append(block.text)
    return paragraphs, list_items, linked_headings


def extract_body(elements: list[Element], blocks: Sequence[Block], *, title: str | None = None) -> BodyResult:
    """Choose the article container(s) and return their prose blocks as paragraphs.

    Args:
        elements: block-level elements from the DOM walk (their scores are updated in place).
        blocks: text blocks from the DOM walk, in document order.
        title: the article title, so a repeated headline is not counted as body text.

    Returns:
        The body paragraphs (possibly none) and the winning container's score.
    """
    page = _measure(elements, blocks)
    if not _vote(elements, blocks, page):
        _vote(elements, blocks, page, skip_unlikely=False)  # a page that is all "sidebar" by its class names
    normalised_title = " ".join(title.split()).lower() if title else None
    chosen, best_score = _choose_containers(elements, blocks, page, normalised_title)
    if not chosen:
        return BodyResult((), 0.0)
    opening = _opening(elements, blocks, chosen)
    if opening >= 0:
        chosen.add(opening)
    paragraphs, list_items, linked_headings = _paragraphs(elements, blocks, chosen, normalised_title, by_name=True)
    kept = sum(len(p) for p in paragraphs)
    if kept * _MIN_KEPT_SHARE < sum(elements[i].prose_chars for i in chosen):
        # Class names dropped most of the container chosen for its prose: in this template they name the
        # article's own parts (a gallery whose item notes are the text), not furniture.
        paragraphs, list_items, linked_headings = _paragraphs(elements, blocks, chosen, normalised_title, by_name=False)
    return BodyResult(tuple(trim_edges(paragraphs, list_items)), best_score, linked_headings)
