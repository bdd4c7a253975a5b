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

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

__all__ = ["Block", "Element", "Page", "walk"]

# Subtrees a reader never sees as text.
_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
        "select", "option", "button", "textarea", "input", "video", "audio", "map", "dialog",
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
_BYLINE_HINT = re.compile(r"byline|author|contributor|writer|reporter", re.IGNORECASE)
_MAX_BYLINE_CHARS = 200


@dataclass(slots=True)
class Element:
    """A block-level element of the page: a candidate article container."""

    tag: str
    parent: int  # index in ``Page.elements``; -1 for the root
    depth: int
    hint: str  # class and id, lower-cased, for boilerplate patterns
    text_chars: int = 0  # visible text inside, links included
    link_chars: int = 0
    score: float = 0.0


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


def _attr(tag: Tag, name: str) -> str:
    value = tag.attrs.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    return bool(style) and isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def walk(soup: BeautifulSoup) -> Page:
    """Walk the tree once, collecting blocks, candidate containers and metadata tags.

    Args:
        soup: a document parsed with BeautifulSoup's lxml tree builder.

    Returns:
        The page's blocks (in document order) and the tags metadata extraction reads.
    """
    page = Page()
    elements = page.elements
    blocks = page.blocks
    path: list[int] = []
    buf: list[str] = []
    state = {"link_chars": 0, "in_link": 0}

    def flush() -> None:
        if not buf:
            return
        text = " ".join("".join(buf).split())
        buf.clear()
        link_chars = state["link_chars"]
        state["link_chars"] = 0
        if not text or not path:
            return
        link_chars = min(link_chars, len(text))
        blocks.append(Block(text, link_chars, path[-1], tuple(path)))
        n = len(text)
        for index in path:
            element = elements[index]
            element.text_chars += n
            element.link_chars += link_chars

    # Each frame: the children iterator, the tag's name, whether it opened an element, whether it is a link.
    stack: list[tuple[Iterator[PageElement], str, bool]] = [(iter(soup.contents), "", False)]
    while stack:
        children = stack[-1][0]
        for child in children:
            if type(child) is NavigableString:
                buf.append(child)
                if state["in_link"]:
                    state["link_chars"] += len(child.strip())
                continue
            if not isinstance(child, Tag):
                continue  # comments, doctype, processing instructions
            name = child.name
            if name in _SKIP:
                if name == "script" and "ld+json" in _attr(child, "type").lower():
                    page.jsonld.append(child.get_text())
                continue
            if name == "meta":
                page.metas.append({k: _attr(child, k) for k in child.attrs})
                continue
            if name == "link":
                page.links.append({k: _attr(child, k) for k in child.attrs})
                continue
            if name == "title":
                if page.title is None:
                    page.title = _text(child)
                continue
            if name == "head":
                stack.append((iter(child.contents), name, False))
                break
            if name == "br":
                buf.append("\n")
                continue
            if _is_hidden(child):
                continue
            if name == "html":
                page.html_lang = _attr(child, "lang") or _attr(child, "xml:lang") or None
            hint = f"{_attr(child, 'class')} {_attr(child, 'id')}".lower() if child.attrs else ""
            if name == "time" or _attr(child, "itemprop") in ("datePublished", "dateCreated"):
                page.times.append(
                    (_attr(child, "datetime") or _attr(child, "content") or None, _text(child), tuple(path))
                )
            if (
                hint
                and _BYLINE_HINT.search(hint)
                or _attr(child, "rel") == "author"
                or _attr(child, "itemprop") == "author"
            ):
                text = _text(child)
                if text and len(text) <= _MAX_BYLINE_CHARS:
                    page.bylines.append((text, tuple(path)))
            if name in _BLOCK:
                flush()
                if name == "h1":
                    page.h1.append((_text(child), tuple(path)))
                parent = path[-1] if path else -1
                elements.append(Element(name, parent, len(path), hint))
                path.append(len(elements) - 1)
                stack.append((iter(child.contents), name, True))
            else:
                if name == "a":
                    state["in_link"] += 1
                stack.append((iter(child.contents), name, False))
            break
        else:
            _, name, opened = stack.pop()
            if opened:
                flush()
                path.pop()
            elif name == "a":
                state["in_link"] -= 1
    flush()
    return page
