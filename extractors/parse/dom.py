"""One pass over the parsed tree: text blocks for the body extractor and the tags metadata needs.

Parsing with BeautifulSoup is the expensive part of extraction, so everything after it works on what this single,
iterative walk collects (iterative, because hostile pages nest thousands of levels deep). The walk cuts the
visible text into *blocks* at block-level tags, the way a browser lays it out, and records for each block the chain
of block-level elements it sits in; the body extractor scores those elements as candidate article containers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement

__all__ = ["Block", "Element", "Page", "walk"]

# Subtrees that are never article text (navigation included: the HTML standard reserves <nav> for it).
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "select", "option", "button", "textarea", "input", "video", "audio", "map", "dialog", "nav",
    }
)  # fmt: skip
# Tags that start a new line of text: they end the current block and may contain article paragraphs.
_BLOCK = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
        "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "blockquote",
        "pre", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "form", "fieldset", "address",
        "center", "hr", "caption", "details", "summary", "hgroup", "picture", "legend", "menu",
    }
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Class names of text a reader does not see in place: hover cards, tooltips, screen-reader-only labels.
# One search per class/id string (the walk's hot path); the group of the first fragment found says what it is.
_HINTS = re.compile(
    r"(?P<invisible>rollover|tooltip|popover|hovercard|sr-only|screen-reader|visually-?hidden)"
    r"|(?P<byline>byline|author|contributor|writer|reporter)"
    r"|(?P<date>date|time|publish|posted)"
)
_BYLINE_HINT = re.compile(r"byline|author|contributor|writer|reporter", re.IGNORECASE)
# Page-level elements: a class on them styles the whole page ("image-rollover" behaviour), it never hides it.
_NEVER_INVISIBLE = frozenset({"html", "body", "main", "article"})
_ARTICLE_TAGS = frozenset({"article", "main"})
_MAX_BYLINE_CHARS = 200


@dataclass(slots=True)
class Element:
    """A block-level element of the page: a candidate article container."""

    tag: str
    parent: int  # index in ``Page.elements``; -1 for the root
    depth: int
    hint: str  # class and id, lower-cased, for boilerplate patterns
    text_chars: int = 0  # visible text in the subtree, links included
    link_chars: int = 0
    score: float = 0.0
    last_block: int = -1  # index in ``Page.blocks`` of the last block the element owns directly
    article: bool = False  # an ``<article>``, ``<main>`` or ``[itemprop=articleBody]``: the page says "the story"
    prose_chars: int = 0  # text of prose blocks in the subtree (filled by the body extractor)


@dataclass(slots=True)
class Block:
    """A run of visible text between two block boundaries."""

    text: str
    link_chars: int
    owner: int  # the innermost block-level element holding the text
    path: tuple[int, ...]  # indices of the block-level ancestors, root first, owner last


@dataclass(slots=True)
class Page:
    """What the walk found: text blocks, candidate containers and the tags metadata is read from."""

    elements: list[Element] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    metas: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    jsonld: list[str] = field(default_factory=list)
    title: str | None = None
    html_lang: str | None = None
    times: list[tuple[str | None, str, tuple[int, ...]]] = field(default_factory=list)
    bylines: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    h1: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    hidden: int = 0  # hidden subtrees skipped: what a second, revealing walk could add


_INLINE, _BLOCK_KIND, _SKIP_KIND, _SCRIPT, _META, _LINK, _TITLE, _HEAD, _BR, _A = range(10)
_KIND: dict[str, int] = {
    **{name: _SKIP_KIND for name in _SKIP},
    **{name: _BLOCK_KIND for name in _BLOCK},
    "script": _SCRIPT,
    "meta": _META,
    "link": _LINK,
    "title": _TITLE,
    "head": _HEAD,
    "br": _BR,
    "a": _A,
}
# Revealing: <noscript> holds the page as it reads without scripts, laid out like any block.
_REVEAL_KIND = {**_KIND, "noscript": _BLOCK_KIND}
_DATE_PROPS = frozenset({"datePublished", "dateCreated"})


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def walk(soup: BeautifulSoup, *, reveal: bool = False) -> Page:
    """Walk the tree once, collecting blocks, candidate containers and metadata tags.

    The loop is the hot path of extraction (it touches every node once), hence the flat, local-variable style.

    Args:
        soup: a document parsed with BeautifulSoup's lxml tree builder, ``multi_valued_attributes=None``
            (attribute values are then plain strings).
        reveal: also read hidden subtrees (``hidden``, ``display: none``, tooltip classes). For pages whose
            visible text holds no article: script frameworks stream the rendered story into a hidden element
            and swap it in at load time.

    Returns:
        The page's blocks (in document order) and the tags metadata extraction reads.
    """
    page = Page()
    elements = page.elements
    blocks = page.blocks
    path: list[int] = []
    buf: list[str] = []
    link_chars = 0
    in_link = 0

    def flush() -> None:
        nonlocal link_chars
        text = " ".join("".join(buf).split())
        buf.clear()
        links = link_chars
        link_chars = 0
        if not text or not path:
            return
        n = len(text)
        links = min(links, n)
        blocks.append(Block(text, links, path[-1], tuple(path)))
        owner = elements[path[-1]]
        owner.last_block = len(blocks) - 1
        owner.text_chars += n
        owner.link_chars += links

    kind_of = (_REVEAL_KIND if reveal else _KIND).get
    # Each frame: the children iterator, the tag's kind, whether it opened an element.
    stack: list[tuple[Iterator[PageElement], int]] = [(iter(soup.contents), _INLINE)]
    while stack:
        for child in stack[-1][0]:
            if type(child) is NavigableString:
                buf.append(child)
                if in_link:
                    link_chars += len(child)
                continue
            if type(child) is not Tag:
                continue  # comments, doctype, processing instructions
            name = child.name
            kind = kind_of(name, _INLINE)
            # Parsed with ``multi_valued_attributes=None``: every attribute value is one string (bs4 types them
            # for the multi-valued default too, hence the cast).
            attrs = cast(dict[str, str], child.attrs)
            if kind >= _SKIP_KIND:
                if kind == _SCRIPT:
                    if "ld+json" in attrs.get("type", "").lower():
                        page.jsonld.append(child.get_text())
                elif kind == _META:
                    page.metas.append(attrs)
                elif kind == _LINK:
                    page.links.append(attrs)
                elif kind == _TITLE:
                    if page.title is None:
                        page.title = _text(child)
                elif kind == _HEAD:
                    stack.append((iter(child.contents), _INLINE))
                    break
                elif kind == _BR:
                    buf.append("\n")
                    continue
                elif kind == _A:
                    if attrs and not reveal and _is_hidden(attrs):
                        continue
                    in_link += 1
                    if attrs and (attrs.get("rel") == "author" or _BYLINE_HINT.search(attrs.get("class") or "")):
                        _add_byline(page, child, path)
                    stack.append((iter(child.contents), _A))
                    break
                continue
            hint = ""
            article = False
            if attrs:
                if not reveal:
                    if "hidden" in attrs:
                        page.hidden += 1
                        continue
                    style = attrs.get("style")
                    if style is not None and _HIDDEN_STYLE.search(style):
                        page.hidden += 1
                        continue
                css_class = attrs.get("class", "")
                css_id = attrs.get("id", "")
                role = None
                if css_class or css_id:
                    hint = (f"{css_class} {css_id}" if css_class and css_id else css_class or css_id).lower()
                    match = _HINTS.search(hint)
                    if match is not None:
                        role = match.lastgroup
                        if role == "invisible" and not reveal and name not in _NEVER_INVISIBLE:
                            page.hidden += 1
                            continue
                itemprop = attrs.get("itemprop")
                if itemprop is not None:
                    if itemprop == "articleBody":
                        article = True
                    elif itemprop in _DATE_PROPS:
                        role = "date"
                    elif itemprop == "author":
                        role = "byline"
                if name == "time":
                    when = attrs.get("datetime") or attrs.get("content") or None
                    page.times.append((when, _text(child), tuple(path)))
                elif role == "byline":
                    _add_byline(page, child, path)
                elif role == "date":
                    when = attrs.get("datetime") or attrs.get("content") or None
                    text = _text(child)
                    if when or len(text) <= _MAX_BYLINE_CHARS:
                        page.times.append((when, text, tuple(path)))
                if name == "html":
                    page.html_lang = attrs.get("lang") or attrs.get("xml:lang") or None
            elif name == "time":
                page.times.append((None, _text(child), tuple(path)))
            if kind == _BLOCK_KIND:
                if buf:
                    flush()
                if name == "h1":
                    page.h1.append((_text(child), tuple(path)))
                element = Element(name, path[-1] if path else -1, len(path), hint)
                element.article = article or name in _ARTICLE_TAGS
                elements.append(element)
                path.append(len(elements) - 1)
            stack.append((iter(child.contents), kind))
            break
        else:
            kind = stack.pop()[1]
            if kind == _BLOCK_KIND:
                if buf:
                    flush()
                path.pop()
            elif kind == _A:
                in_link -= 1
    if buf:
        flush()
    # Children follow their parents in ``elements``: one backward sweep turns own text into subtree totals.
    for element in reversed(elements):
        if element.parent >= 0:
            parent = elements[element.parent]
            parent.text_chars += element.text_chars
            parent.link_chars += element.link_chars
    return page


def _is_hidden(attrs: dict[str, str]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return style is not None and _HIDDEN_STYLE.search(style) is not None


def _add_byline(page: Page, tag: Tag, path: list[int]) -> None:
    text = _text(tag)
    if text and len(text) <= _MAX_BYLINE_CHARS:
        page.bylines.append((text, tuple(path)))
