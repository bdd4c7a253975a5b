"""Sentence splitting shared by every enricher, so all of them agree on what "the sentence" is.

A rule-based splitter is enough for news prose: it splits on terminal punctuation followed by a capital, a
quote or a digit, and never inside the abbreviations wire copy uses ("Gen.", "U.S.", "Jan."). Paragraph
breaks always end a sentence.
"""

from __future__ import annotations

import re

from records import Sentence

__all__ = ["split_sentences"]

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "brig",
        "rep",
        "sen",
        "gov",
        "pres",
        "st",
        "mt",
        "ft",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "al",
        "approx",
        "est",
        "dept",
    ]
)
# A boundary is punctuation then space; scraped copy also loses the space between paragraphs ("in
# Philadelphia.The victim"), which is read as a boundary only between a lower-case word and a capitalised one.
_BOUNDARY = re.compile(r"""([.!?؟。]+["'”’»)]*)(\s+|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))(?=["'“‘«(]?[\w"'“‘«(])""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def _ends_with_abbreviation(text: str) -> bool:
    words = text.rstrip(".!?\"'”’»)").rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower().rstrip(".")
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _split_paragraph(paragraph: str, offset: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end(1)
        following = paragraph[match.end(2) : match.end(2) + 1]
        if following.islower() or _ends_with_abbreviation(paragraph[start:end]):
            continue
        sentences.append(Sentence(paragraph[start:end], offset + start, offset + end))
        start = match.end(2)
    tail = paragraph[start:].rstrip()
    if tail:
        sentences.append(Sentence(tail, offset + start, offset + start + len(tail)))
    return sentences


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with character offsets into ``text``.

    Args:
        text: prose, paragraphs separated by newlines.

    Returns:
        The sentences in order; whitespace between them is not part of any sentence.
    """
    sentences: list[Sentence] = []
    position = 0
    for separator in [*_PARAGRAPH.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        stripped = chunk.lstrip()
        if stripped.strip():
            sentences.extend(_split_paragraph(stripped, position + len(chunk) - len(stripped)))
        if separator:
            position = separator.end()
    return tuple(sentences)
