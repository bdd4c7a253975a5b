"""Recognising boilerplate by its text, for lines that the container choice lets through.

Two kinds of line are told apart. Some are furniture wherever they stand ("ADVERTISEMENT", "Related articles",
a bare URL, a photo credit). Others are only furniture at the edges of the body: a timestamp line, "Reporting
by ...; Editing by ...", "Follow us on Twitter", a short unpunctuated label. In the middle of an article the same
shapes can be a subheading or a sentence about a date, so ``trim_edges`` only peels them off the two ends.
The phrase lists are data, in the languages of the sources we read (French, Spanish, Arabic, Russian and
Ukrainian ones in ``boilerplate_phrases``, all matched folded); extend them rather than adding rules. Word counts
are script-aware (``script.word_count``): a Chinese or Japanese paragraph is not a one-word label.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from extractors.parse.boilerplate_phrases import BOILERPLATE_PHRASES
from extractors.parse.fold import ascii_digits, fold_text
from extractors.parse.script import word_count

__all__ = ["is_furniture_line", "is_edge_line", "trim_edges"]

_FURNITURE_PHRASES = (
    "advertisement", "advertisements", "advert", "adverts", "ad", "sponsored", "sponsored content", "promoted",
    "related", "related articles", "related stories", "related news", "related content", "related links",
    "related coverage", "related posts", "you may also like", "you might also like", "also read", "read also",
    "read more", "see also", "more stories", "more on this story", "recommended", "recommended for you",
    "don't miss", "dont miss", "trending", "trending now", "popular", "most popular", "most read", "topics",
    "tags", "share", "share this", "share this article", "share this story", "comments", "comment",
    "leave a comment", "tell us what you think", "explore further", "highlights", "subscribe", "sign up",
    "newsletter", "follow us", "advertisement - continue reading below", "story continues below",
    "story continues below advertisement", "continue reading", "continue reading below", "skip ad",
    "click here", "print", "email", "whatsapp", "facebook", "twitter", "linkedin", "pinterest", "reddit",
    "publicidade", "pubblicità", "anzeige", "werbung", "reklama", "leia mais", "leia também", "veja também",
    "mehr zum thema", "auch interessant", "leggi anche", "mehr themen", "no comments", "no comments yet",
    "keine kommentare", "schreibe einen kommentar", "kommentar schreiben", "einen kommentar schreiben",
)  # fmt: skip
_FURNITURE = frozenset(
    fold_text(phrase) for phrase in (*_FURNITURE_PHRASES, *(p for table in BOILERPLATE_PHRASES for p in table.labels))
)


def _phrases(kind: str) -> str:
    """An alternation of every language's phrases of one kind, folded, spaces matching any run of spaces."""
    phrases = {fold_text(p) for table in BOILERPLATE_PHRASES for p in getattr(table, kind)}
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# "Lire aussi : Au Mali, ...", "اقرأ أيضا: ...", "Читайте также: ...": a lead-in, then another story's headline.
_READ_ALSO = re.compile(rf"^[\W_]*(?:{_phrases('read_also')})\s*[:：\-–—»>|]")
_MAX_READ_ALSO_WORDS = 30
_PROMO_PHRASE = re.compile(rf"(?<!\w)(?:{_phrases('promos')})(?!\w)")
_STAMP = re.compile(rf"(?<!\w)(?:{_phrases('stamps')})(?!\w)")
_LABEL_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
_COMMENT_COUNT = re.compile(r"^\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?)$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
_CREDIT_TAIL = re.compile(
    r"\((?:[^()]{0,80}?\b(?:credit|image|photo|picture|pic|foto|getty|shutterstock|istock|ap photo|afp)\b"
    r"[^()]{0,80}|[A-Z][\w.&-]*(?:/[\w.& -]+)+)\)\s*$",
    re.IGNORECASE,
)
# A publisher's note about the piece itself, never part of it, wherever it stands: where it first appeared, whose
# opinion it is, what kind of post it is ("This article is republished from ...", "Dieser Beitrag gibt die Meinung
# des Autors wieder", "Cet article a été initialement publié ..."). Matched folded, at the start of a short line.
_NOTICE = re.compile(
    r"^[\W_]*(?:"
    r"(?:a version of )?this (?:article|story|post|piece|essay|interview|column|report) (?:was |has been |is |"
    r"originally |first |previously |also )*(?:published|republished|appeared|ran|posted|syndicated|reproduced)"
    r"|this (?:article|story|post|piece) is (?:part of|an excerpt|adapted from|an opinion)"
    r"|the views expressed (?:in this|here|are)"
    r"|(?:dieser|der|dies ist ein) (?:beitrag|artikel|text|gastbeitrag) (?:erschien|ist (?:zuerst |erstmals |"
    r"ursprunglich )?(?:erschienen|veroffentlicht)|wurde (?:zuerst |erstmals |ursprunglich )?(?:veroffentlicht|"
    r"publiziert)|stammt aus|gibt (?:die|ausschliesslich die|nur die|allein die) meinung)"
    r"|bei (?:diesem|dem) (?:beitrag|artikel|text) handelt es sich"
    r"|cet article (?:a ete|est) (?:initialement |d'abord |originellement |originalement )?(?:publie|paru)"
    r"|este (?:articulo|texto) (?:fue|ha sido) (?:publicado|originalmente publicado|publicado originalmente)"
    r")"
)
_MAX_NOTICE_WORDS = 40
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_MAX_CREDIT_WORDS = 25
# Edge-only shapes.
_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_CREDITS = re.compile(
    r"^[\W_]*(?:(?:additional\s+)?reporting|writing|editing|edited|compiled|produced|translated|research)\s+by\b"
    r"|^[\W_]*(?:with )?(?:reporting|files) from\b"
    r"|^[\W_]*this (?:story|article) (?:was|has been) (?:updated|corrected|originally published)",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\b(?:follow (?:us|him|her|me|them)|sign up|subscribe|newsletter|join our|have a (?:news )?tip|"
    r"click (?:here|to)|free (?:workshop|trial)|opinions expressed|all rights reserved|is subject to copyright|"
    r"download (?:our|the) app|like us on facebook|get the latest|reader-funded|chip in|donate|support us"
    r"|may not be (?:republished|reproduced)|licen[cs]ing)\b|(?<![\w.])@\w{2,}",  # a handle, not an e-mail address
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;。！？؟\"”»’)]$")
_MAX_EDGE_WORDS = 14
_MAX_LABEL_WORDS = 6
_MAX_EDGE_LINES = 5  # a body of nothing but short lines (a poem, a list) must not be peeled away entirely


def _label(text: str) -> str:
    return _LABEL_TRIM.sub("", fold_text(text)).replace("’", "'")


def is_furniture_line(text: str) -> bool:
    """True for a line that is never article text: ad labels, "Related", share prompts, URLs, photo credits, and
    notes about the piece ("This article was originally published in ...")."""
    words = word_count(text)
    if words <= 8 and _label(text) in _FURNITURE:
        return True
    if words <= _MAX_READ_ALSO_WORDS and _READ_ALSO.match(fold_text(text)):
        return True
    if words == 2 and _COMMENT_COUNT.match(_label(text)):
        return True
    if words == 1 and _URL_ONLY.match(text):
        return True
    if words <= _MAX_NOTICE_WORDS and _NOTICE.match(fold_text(text)):
        return True
    return bool(words <= _MAX_CREDIT_WORDS and (_COPYRIGHT.match(text) or _CREDIT_TAIL.search(text)))


def is_edge_line(text: str, *, list_item: bool = False) -> bool:
    """True for a line that is furniture when it opens or closes a body (dates, credits, promos, labels).

    A list item is short by nature ("Valid passport", "390 kcal"): it is never taken for a label on length alone.
    """
    words = word_count(text)
    if _CREDITS.search(text):
        return True
    dated = _YEAR_OR_TIME.search(ascii_digits(text)) is not None
    if words <= _MAX_EDGE_WORDS and dated and not _SENTENCE_END.search(text.rstrip()):
        return True
    folded = fold_text(text)
    if words <= _MAX_EDGE_WORDS and (
        re.search(r"\b(?:updated|published|posted)\b", text, re.IGNORECASE) or _STAMP.search(folded)
    ):
        return dated
    if (_PROMO.search(text) or _PROMO_PHRASE.search(folded)) and words <= 60:
        return True
    return not list_item and words <= _MAX_LABEL_WORDS and not _SENTENCE_END.search(text.rstrip())


def trim_edges(paragraphs: Sequence[str], list_items: Collection[int] = ()) -> list[str]:
    """Drop furniture lines anywhere, then peel edge-only furniture off the start and the end of the body.

    ``list_items`` are the indices of the paragraphs that are items of a list in the page. A body closing on a
    list of short items closes on its own list (requirements, ingredients); one opening on such a list opens on
    the page's meta row (section, byline), so list items are only spared at the end.
    """
    kept = [(p, i in list_items) for i, p in enumerate(paragraphs) if not is_furniture_line(p)]
    start, end = 0, len(kept)
    while start < min(end, _MAX_EDGE_LINES) and is_edge_line(kept[start][0]):
        start += 1
    while end > max(start, len(kept) - _MAX_EDGE_LINES) and is_edge_line(kept[end - 1][0], list_item=kept[end - 1][1]):
        end -= 1
    return [p for p, _ in kept[start:end]]
