"""Who says so: attribution of statements to claimants, following the structure of wire sentences.

Wire copy attributes in a handful of shapes, and each shape decides which part of the sentence a claim covers:

- pre-posed, ``X said (in a statement) that ...``, ``X put the toll at ...``, ``According to X, ...``: the claim
  covers what follows, up to the next attribution;
- post-posed, ``..., X said.``, ``..., said X.``, ``"...," X told AFP.``, ``..., according to X.``: the claim covers
  what precedes, back to the start of its clause (``;``, ``while``, ``but``), never into an unrelated clause;
- carried over: ``..., claiming that ...``, ``adding that ...`` continue the claimant of the governing clause, and
  a pronoun or short description in a later sentence ("It said", "The ministry added") refers back to the last
  named claimant;
- hedged without a source ("are thought to", "reportedly", "are said to", French conditional): ``unnamed``.

Denials ("denied", "a démenti") are attributions too, flagged so the figure can be marked disputed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from transforms.gazetteer import fold_case
from transforms.numbers import find_numbers, match_at_words

__all__ = [
    "REPORTER",
    "UNNAMED",
    "Attribution",
    "Referent",
    "attribute",
    "find_attributions",
    "hedge",
    "is_rebutted",
    "wire_agency",
]

REPORTER = "reporter"
UNNAMED = "unnamed"


@dataclass(frozen=True, slots=True)
class Attribution:
    """A claimant and the part of the sentence its claim covers (offsets relative to the sentence).

    ``claimant_start``/``claimant_end`` locate the claimant in the sentence where it was named, which for a
    pronoun is an earlier sentence: ``claimant_offset`` is then the absolute offset of that sentence.
    """

    claimant: str
    verb: str
    verb_start: int
    claimant_start: int
    claimant_end: int
    claimant_offset: int
    forward: tuple[int, int] | None
    backward: tuple[int, int] | None
    denied: bool = False
    direct: bool = False


_SAY_VERBS = (
    r"said|says|say|told|tells|tell|reported|claimed|claim|announced|announces|stated|estimated|estimate"
    r"|confirmed|confirms|denied|denies|deny|insisted|insists|alleged|alleges|acknowledged|admitted|admits"
    r"|wrote|writes|tweeted|posted|added|adds|noted|notes|warned|warns|counted|documented|recorded|disputed"
    r"|show|shows|showed"
    r"|(?:a|ont|avait|avaient)\s+(?:déclaré|indiqué|affirmé|annoncé|rapporté|précisé|ajouté|assuré|estimé|"
    r"confirmé|démenti|dit|fait\s+état|dénombré|recensé|signalé|revendiqué)"
    r"|déclare|indique|affirme|annonce|rapporte|précise|ajoute|assure|estime|confirme|dément|démentent"
    r"|affirment|indiquent|déclarent|annoncent|rapportent"
)
_NOUN_LIKE_VERBS = r"reports|claims|estimates|states|counts|records"
_PARTICIPLES = (
    r"claiming|saying|adding|estimating|denying|noting|warning|insisting|stating|reporting|citing"
    r"|indiquant|affirmant|précisant|ajoutant|assurant|estimant|déclarant|démentant|soulignant|évoquant"
)
_DENIALS = frozenset({"denied", "denies", "deny", "denying", "disputed", "démenti", "dément", "démentent"})
_ACCORDING = (
    r"according\s+to|selon|d['’]après|cited\s+by"
    r"|a-t-on\s+appris\s+(?:auprès\s+)?(?:de\s+la|de\s+l['’]|de|du|des|d['’])"
)
_PUT_TOLL = (
    r"(?:put|puts|putting)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:toll|number|figure|count|tally)(?:\s+(?:of|from|in|for)\s+[^,.;\d]{1,50}?)?\s+at"
    r"|(?:raised|raises|revised|revises|updated|updates|lowered|lowers)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:toll|number|figure|count|tally)(?:\s+(?:of|from|in|for)\s+[^,.;\d]{1,80}?)?\s+(?:to|at)"
    r"|(?:gave|gives|give)\s+(?:a|the|its)\s+(?:death\s+|casualty\s+|new\s+|latest\s+)?(?:toll|figure|tally)\s+of"
)
_GIVEN_BY = (
    r"(?:avancé|avancée|avancés|avancées|donné|donnée|donnés|données|fourni|fournie|fournis|fournies|publié|"
    r"publiée|publiés|publiées|communiqué|communiquée|communiqués|communiquées)\s+par"
    r"|(?:given|put\s+forward|released|provided|issued|compiled)\s+by"
)
# _VERB, _NOT_VERB_BEFORE, _PASSIVE_BEFORE and _CLAUSE_BREAK are lowercase and matched against the sentence's
# fold_case (see transforms.gazetteer.fold_case): they run on every sentence, and case-insensitive matching of
# these alternations was most of the cost of attribution.
_VERB = re.compile(
    rf"\b(?P<quoted>(?:quoted|quoting)\s+(?P<source>[^,;.]{{3,80}}?)\s+as\s+saying)\b"
    rf"|(?<![\w'’])(?P<according>{_ACCORDING})(?:\s|(?<=['’]))"
    rf"|\b(?P<put>{_PUT_TOLL})\b"
    rf"|\b(?P<by>{_GIVEN_BY})\s"
    rf"|\b(?P<participle>{_PARTICIPLES})\b"
    rf"|\b(?P<nounlike>{_NOUN_LIKE_VERBS})\b(?=\s+(?:that\b|(?:[\w'’-]+\s+){{0,2}}\d)|\s*[.;]|\s*$)"
    rf"|(?<=,\s)(?P<inverted>reports|writes)(?=\s+(?:[\w'’.&-]+\s+){{0,5}}[\w'’.&-]+\s*[.!]?\s*$)"
    rf"|(?<![\w-])(?P<say>{_SAY_VERBS})\b"
)
_LEADING_WORD = re.compile(r"[^\W\d_]+(?=$|\||\\s|\\b|-|\['’\]|\))")


def _top_level(alternation: str) -> Iterator[tuple[str, int]]:
    """Each ``|``-separated alternative of a pattern with the end of its leading group (0 when there is none)."""
    depth = start = group_end = 0
    for position, char in enumerate(f"{alternation}|"):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ")" and depth == 0 and not group_end:
            group_end = position - start
        elif char == "|" and depth == 0:
            yield alternation[start:position], group_end if alternation.startswith("(", start) else 0
            start, group_end = position + 1, 0


def _first_words(alternation: str) -> frozenset[str]:
    """The words a match of ``alternation`` (phrases spelt out, ``|``-separated, groups allowed) can start with.

    Only the first word of each alternative, descending into a leading ``(?:...)`` group: trying the verb
    pattern at every word the patterns contain ("the", "of", "a") made most attempts fail. Raises ValueError
    for an alternative whose first word cannot be read off (an optional group, a class inside the word), so a
    pattern edit cannot silently drop a verb.
    """
    words: set[str] = set()
    for alternative, group_end in _top_level(alternation):
        if group_end:
            if not alternative.startswith("(?:") or alternative[group_end + 1 : group_end + 2] in ("?", "*", "{"):
                raise ValueError(f"cannot read the first word of {alternative!r}")
            words |= _first_words(alternative[3:group_end])
        elif word := _LEADING_WORD.match(alternative):
            words.add(word.group(0).lower())
        else:
            raise ValueError(f"cannot read the first word of {alternative!r}")
    return frozenset(words)


_VERB_FIRST_WORDS = _first_words(f"{_SAY_VERBS}|{_NOUN_LIKE_VERBS}|{_PARTICIPLES}|{_ACCORDING}|{_PUT_TOLL}|{_GIVEN_BY}")
_NOT_VERB_BEFORE = re.compile(
    rf"\b(?:{_SAY_VERBS}|rejected|dismissed|cited|of|on|about|amid|despite|following|media|press|news)\s+$"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|be|being|the|a|an|its|their|widely|unconfirmed)\s+$")
_HEDGE = re.compile(
    r"\b(?:(?:is|are|was|were|been|be|being)\s+(?:also\s+|widely\s+|now\s+)?"
    r"(?:said|reported|thought|believed|estimated|feared|understood|alleged|presumed|suspected)(?:\s+to)?"
    r"|reportedly|allegedly|purportedly|it\s+is\s+(?:believed|thought|estimated|understood|feared)"
    r"|unconfirmed\s+reports?|some\s+said\s+to|said\s+to\s+have|aurai(?:en)?t|serai(?:en)?t"
    r"|selon\s+des\s+informations\s+non\s+confirmées|il\s+y\s+aurait)\b",
    re.IGNORECASE,
)
# Where a clause starts: a claim never reaches across these.
_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|\s+[—–-]\s+|,?\s+(?:while|whereas|but|although|though|yet|mais|alors\s+que|tandis\s+que)\s+"
    r"|[,.][\"”»]\s+|[\"”»],\s+|(?:^|[,:]\s*)[\"“«]"
)
_LEADING = re.compile(
    r"^(?:(?:however|but|and|meanwhile|separately|earlier|later|also|yet|still|moreover|then|in\s+addition"
    r"|(?:late\s+|early\s+)?on\s+\w+(?:\s+(?:morning|afternoon|evening|night))?|last\s+\w+|this\s+\w+"
    r"|earlier\s+this\s+\w+|mais|et|cependant|par\s+ailleurs|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche)\b,?\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:,?\s+(?:has|have|had|also|later|earlier|previously|then|separately|already|further|again|itself|"
    r"(?:late\s+|early\s+)?on\s+\w+|in\s+a\s+(?:statement|report|briefing|tweet|post)|a|ont|avait|avaient|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|aussi|également|y)\b)+$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\s+(?:which|who|whose|where|that|qui|dont)\s.*$|\s+(?-i:which|who|that)$|\s*\(.*$", re.IGNORECASE
)
# "He said he spoke with Red Crescent paramedics [who told him]": the source is the one spoken with, not the clause.
_INNER_SOURCE = re.compile(
    r"^.*\b(?:said|says|told|spoke|spoken|speaking|talked|talking|interviewed|met|added|explained)\s+"
    r"(?:(?:with|to)\s+)?(?P<source>.+)$",
    re.IGNORECASE,
)
# "Jane Roe, who heads the Observatory, said": a spokesperson speaks for the body the text names, by its name or
# as a common noun ("a spokesman for the provincial police").
_BODIES = (
    r"(?:police|army|military|ministry|government|authorities|administration|council|forces|hospital|department|"
    r"office|agency|command|group|militia|rebels|movement|organi[sz]ation)"
)
_SPEAKS_FOR = re.compile(
    r",\s+(?:who\s+(?:heads|headed|leads|led|runs|ran|directs|chairs|founded)\s+"
    r"|(?:who\s+is\s+|a\s+|an\s+|the\s+)?(?:[\w-]+\s+)?(?:head|director|chief|spokesman|spokeswoman|spokesperson|"
    r"founder|chairman|chairwoman|president|secretary[- ]general|commander|leader|official|representative)\s+"
    r"(?:of|for|at|with)\s+)"
    r"(?P<body>(?:the\s+)?(?:[A-Z][^,;()]{1,80}?|(?:[a-z-]+\s+){0,2}" + _BODIES + r"))\s*(?:,|\(|[.;]?\s*$)"
)
# "police spokesman Ahmad Khan said", "an army spokesman said": the body named before the title.
_BODY_BEFORE_TITLE = re.compile(
    r"(?:(?:a|an|the)\s+)?(?P<body>(?!(?:a|an|the)\s)[\w'’.&-]+(?:\s+[\w'’.&-]+){0,3}?)\s+(?:spokesman|spokeswoman|spokesperson|"
    r"spokespeople|spokesmen)\b",
    re.IGNORECASE,
)
# Headlines attribute after a colon or a dash: "15 rebels killed in raids: ministry", "... - governor".
_TRAILING_SOURCE = re.compile(
    r"(?::|\s[-–—])\s+(?P<source>(?!(?:said|says|he|she|they|it|we|i|a|an)\b)[\w'’.&]+(?:\s+[\w'’.&-]+){0,3}?)"
    r"\.?\s*$",
    re.IGNORECASE,
)
_HEADLINE_MARK = re.compile(r":\s|\s[-–—]\s")
_LEADING_SOURCE = re.compile(
    r"\s*(?!(?:note|update|updated|breaking|watch|video|photos?|correction|warning|live|exclusive|analysis|opinion|"
    r"editor['’]s\s+note|read\s+more|related|also\s+read)\s*:)(?P<source>[A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){0,3}?):\s+",
    re.IGNORECASE,
)
_VERBISH = re.compile(r"\b(?:is|are|was|were|will|has|have|had|said|says|be|been|not|\d+)\b", re.IGNORECASE)
_SOURCE_PREFIX = re.compile(
    r"^(?:[\w\s-]{0,40}?\b(?:analy[sz]ed|compiled|published|released|gathered|collected|seen)\s+by\s+"
    r"|(?:the\s+)?(?:latest\s+|new\s+|official\s+|preliminary\s+)?(?:figures|data|statistics|estimates|"
    r"a\s+report|reports|a\s+tally|a\s+count|a\s+statement|a\s+toll|"
    r"les\s+chiffres|un\s+bilan|un\s+communiqué|un\s+rapport)\s+(?:from|by|of|released\s+by|de|du|des)\s+)",
    re.IGNORECASE,
)
_AFTER_CLAIMANT_END = re.compile(
    r"[,.;:!?\"”»(]|\s+(?:à|to)\s+(?:l['’]|la\s+|le\s+|des\s+)?(?:AFP|Reuters|AP|presse|journalistes|médias|reporters)\b"
    r"|\s+(?:which|who|that|citing|on\s+\w+day|in\s+a\s+statement|told|quoted|adding|"
    r"said|qui|dans|lors)\b",
    re.IGNORECASE,
)
_WEEKDAYS = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
# What can stand between an inverted verb and its claimant: "a annoncé lundi l'armée", "a affirmé à l'AFP un ...".
_OBJECT_PREFIX = re.compile(
    rf"^(?:(?:à\s+(?:l['’]\s*)?\S+|to\s+\S+|(?:on\s+|late\s+on\s+)?(?:{_WEEKDAYS})(?:\s+(?:soir|matin|night|morning))?"
    r"|hier|aujourd['’]hui|dans\s+un\s+communiqué|in\s+a\s+statement),?\s+)+",
    re.IGNORECASE,
)
_RELATIVE_SUBJECT = re.compile(r"\s*(?:which|where|whom|that|who|où|que|qui)\b\s*(?P<subject>.*?)\s*$", re.IGNORECASE)
_SKIPPED_SEGMENT = re.compile(
    r"^(?:which|who|whose|where|citing|quoting|qui|lié|liée|liés|basé|basée|linked|affiliated|allied|backed|based|"
    r"loyal|close\s+to|proche)\b",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(
    r"^(?:dans|in|at|near|on|from|près|à|au|aux|en|sur|lors|pendant|during|after|before|with|for|into|région)\b",
    re.IGNORECASE,
)
# Pronouns, and the documents a claimant issued ("the statement said"), refer back to the last named claimant.
_PRONOUNS = frozenset(
    {
        "it", "he", "she", "they", "we", "il", "elle", "ils", "elles", "the statement", "the report",
        "the communique", "le communiqué", "le rapport", "the ministry's statement",
    }
)  # fmt: skip
_DEFINITE = re.compile(r"^(?:the|le|la|l['’])\s*(?P<head>[\w-]+)$", re.IGNORECASE)
_REBUTTAL_SUBJECT = re.compile(
    r"^(?:a|an|the)\s+(?:figure|claim|charge|account|allegation|number|toll|version|report)s?\b", re.IGNORECASE
)
_REBUTTAL = re.compile(  # on fold_case(sentence): it is searched in every sentence with figures
    r"\b(?:a|an|the)\s+(?:figure|claim|charge|account|allegation|number|toll|version)s?\s+(?:that\s+|which\s+)?"
    r"[^.;]{0,60}?\b(?:denied|denies|rejected|rejects|dismissed|dismisses|disputed|disputes|contested|"
    r"could\s+not\s+(?:independently\s+)?(?:verify|confirm)|did\s+not\s+confirm)"
    r"|\bcould\s+not\s+be\s+(?:independently\s+)?(?:verified|confirmed)"
    r"|\b(?:un\s+bilan|une\s+information|un\s+chiffre)\s+(?:démenti|contesté)"
    r"|\b(?:denied|denies|rejected|rejects|dismissed|dismisses|disputed|disputes|a\s+démenti|a\s+contesté|dément|"
    r"conteste|rejette)\s+(?:the|a|le|la|les)\s+(?:figure|toll|claim|chiffre|bilan|nombre)"
)
# "KABUL (AP) —", "KABUL, March 3 (Reuters) -", "June 9, 2020. BEIRUT (Reuters) -": the agency's dateline.
_WIRE_DATELINE = re.compile(
    r"[^()\n]{0,40}?\b[A-Z][A-Z'’.-]+(?:[ ,][\w'’., -]{0,30}?)?\s\((?P<agency>[A-Z][\w.&'’ -]{0,30}?)\)\s*[-–—]"
)
_NOT_CLAIMANT = re.compile(
    r"^(?:that|this|there|which|who|to|of|in|on|and|or|as|if|what|when|some|many|others|images|it\s+is)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Referent:
    """The last named claimant, for pronouns and short descriptions that refer back to it."""

    text: str
    start: int
    end: int
    offset: int


def _clause_start(folded: str, position: int) -> int:
    """Where the clause holding ``position`` starts, in a sentence given as its ``fold_case``."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(folded, 0, position):
        start = match.end()
    return start


def _clean(text: str) -> str:
    text = _RELATIVE.sub("", text.strip())
    text = _SOURCE_PREFIX.sub("", text)
    text = _LEADING.sub("", text).strip(" ,")
    return _TRAILING.sub("", text).strip(" ,")


def _after_closing_quote(sentence: str, clause: int) -> int | None:
    """Position of the closing quote that ends the text before ``clause``, if the clause follows a quote."""
    before = sentence[:clause].rstrip(" ,")
    if before and before[-1] in '"”»' and len(before) > 1 and not before[-2].isspace():
        return len(before) - 1
    return None


def _backward_start(sentence: str, folded: str, claim_start: int, direct: bool = False) -> int:
    """Start of what a post-posed claim covers: its clause, or the whole quotation it follows.

    A claimant tied to a figure ("150 morts avancé par l'opposition") covers only the phrase just before it.
    """
    clause = _clause_start(folded, claim_start)
    if direct:
        return max(clause, claim_start - _DIRECT_REACH)
    quote = _after_closing_quote(sentence, clause)
    return _clause_start(folded, quote) if quote is not None else clause


def _subject_before(sentence: str, folded: str, verb_start: int) -> tuple[int, int, bool] | None:
    """Span of the claimant written before its verb, and whether it follows the claim (post-posed)."""
    clause = _clause_start(folded, verb_start)
    segments = list(re.finditer(r"(?:[^,]|,(?=\d))+", sentence[clause:verb_start]))
    if segments:
        relative = _RELATIVE_SUBJECT.match(segments[-1].group(0))
        if relative and relative.group("subject"):
            start = clause + segments[-1].start() + relative.start("subject")
            cleaned = _clean(relative.group("subject"))
            if cleaned and not _NOT_CLAIMANT.match(cleaned):
                start = sentence.index(cleaned, start)
                return start, start + len(cleaned), False
        if relative:
            segments = segments[:-1]  # "X, who said ...": the claimant is X
    chosen: list[re.Match[str]] = []
    for segment in reversed(segments):
        text = _clean(segment.group(0))
        if not text or _SKIPPED_SEGMENT.match(segment.group(0).strip()):
            if chosen:
                break
            continue
        chosen.insert(0, segment)
        appositive = re.match(r"^(?:a|an|the|one|un|une|le|la)\s", segment.group(0).strip(), re.I)
        if not (appositive and len(chosen) == 1):
            break
    if not chosen:
        return None
    if len(chosen) == 2 and not re.fullmatch(r"(?:[A-Z][\w'’.-]*\s*){1,5}", chosen[0].group(0).strip()):
        chosen = chosen[1:]
    raw_start = clause + chosen[0].start()
    raw = sentence[raw_start : clause + chosen[-1].end()]
    cleaned = _clean(raw)
    if not cleaned or _NOT_CLAIMANT.match(cleaned) or len(cleaned.split()) > 14 or _PREPOSITION.match(cleaned):
        return None
    start = sentence.index(cleaned, raw_start)
    if _REBUTTAL_SUBJECT.match(cleaned):
        return None
    lead_in = sentence[clause:raw_start]
    post_posed = bool(re.search(r"\w.*,\s*$", lead_in)) or (
        not lead_in.strip() and _after_closing_quote(sentence, clause) is not None
    )
    return start, start + len(cleaned), post_posed


def _object_after(sentence: str, position: int) -> tuple[int, int] | None:
    """Span of a claimant written after its verb ("said the Observatory", "according to the UN")."""
    tail = sentence[position:]
    lead = len(tail) - len(tail.lstrip())
    body = tail[lead:]
    body_object = _OBJECT_PREFIX.match(body)
    skip = body_object.end() if body_object else 0
    end_match = _AFTER_CLAIMANT_END.search(body, skip)
    raw = body[skip : end_match.start() if end_match else len(body)]
    prefix = _SOURCE_PREFIX.match(raw)
    cleaned = _clean(raw[prefix.end() :] if prefix else raw)
    if not cleaned or _NOT_CLAIMANT.match(cleaned) or len(cleaned.split()) > 14:
        return None
    start = position + lead + skip + raw.index(cleaned)
    return start, start + len(cleaned)


def _is_inverted(sentence: str, verb_start: int, verb_end: int) -> bool:
    before = sentence[:verb_start].rstrip()
    after = sentence[verb_end:].lstrip()
    prefix = _OBJECT_PREFIX.match(after)
    after = after[prefix.end() :] if prefix else after
    return (
        bool(before)
        and before[-1] in ',"”»'
        and bool(re.match(r"(?:[A-ZÀ-Ý]|(?:a|an|the|one|un|une|le|la|les|des|du)\s|l['’])", after))
    )


def _inverted_claimant(sentence: str, verb_start: int, verb_end: int) -> tuple[int, int] | None:
    """The claimant of an inverted verb (", said the Observatory."), unless the verb has a claim of its own after
    it: "..., a revendiqué l'attaque ..., affirmant avoir tué 40 militaires" is not an inversion."""
    if not _is_inverted(sentence, verb_start, verb_end):
        return None
    span = _object_after(sentence, verb_end)
    if span is None or any(number.value_low != 1 for number in find_numbers(sentence[span[1] :])):
        return None  # a count after the claimant belongs to the verb; "un communiqué" does not
    return span


def _resolve(text: str, last: Referent | None) -> Referent | None:
    """The earlier claimant a pronoun or a short description ("the ministry") refers to, if any."""
    if last is None:
        return None
    lowered = text.lower()
    if lowered in _PRONOUNS:
        return last
    definite = _DEFINITE.match(text)
    if definite and definite.group("head").lower() in last.text.lower():
        return last
    return None


def _matches(sentence: str, folded: str) -> Iterator[re.Match[str]]:
    """Reporting verbs of the sentence, matched in ``folded``: slice ``sentence`` for their spelling."""
    for match in match_at_words(_VERB, sentence, _VERB_FIRST_WORDS, folded=folded):
        say = match.group("say")
        if match.group("nounlike") and _NOT_VERB_BEFORE.search(folded, 0, match.start()):
            continue
        if say and (
            _PASSIVE_BEFORE.search(folded[: match.start()])
            or (
                sentence[match.start("say") : match.end("say")].lower() in ("said", "says", "reported")
                and re.match(r"\s+to\s", sentence[match.end() :])
            )
        ):
            continue
        yield match


def find_attributions(
    sentence: str, offset: int, last: Referent | None = None
) -> tuple[list[Attribution], Referent | None]:
    """Find the attributions of one sentence.

    Args:
        sentence: the sentence text.
        offset: absolute offset of the sentence in the article (claimant spans are reported against it).
        last: the last named claimant of the article so far, for pronouns that refer back.

    Returns:
        The attributions in sentence order, and the last named claimant after this sentence.
    """
    found: list[Attribution] = []
    folded = fold_case(sentence)
    for match in _matches(sentence, folded):
        kind = match.lastgroup or "say"
        verb_start, verb_end = match.span(kind)
        verb = re.sub(r"\s+", " ", sentence[verb_start:verb_end]).strip().lower()
        span: tuple[int, int] | None
        post_posed = False
        if kind == "quoted":
            verb, span = "quoted", match.span("source")
        elif kind == "by":
            span = _object_after(sentence, verb_end)
            post_posed = True
        elif kind == "according":
            span = _object_after(sentence, verb_end)
            post_posed = bool(sentence[_clause_start(folded, verb_start) : verb_start].strip(" ,"))
        elif kind == "participle":
            if found:
                parent = found[-1]
                found.append(
                    replace(
                        parent,
                        verb=verb,
                        verb_start=verb_start,
                        forward=(verb_end, _forward_end(sentence, verb_end)),
                        backward=None,
                        denied=verb in _DENIALS,
                    )
                )
            continue
        elif kind in ("say", "inverted") and (inverted := _inverted_claimant(sentence, verb_start, verb_end)):
            span = _source_of(sentence, inverted)
            post_posed = True
        else:
            subject = _subject_before(sentence, folded, verb_start)
            span = _source_of(sentence, subject[:2]) if subject else None
            post_posed = bool(subject and subject[2]) and _closes_clause(sentence, verb_end)
        if span is None:
            continue
        text = sentence[span[0] : span[1]]
        named = Referent(text, span[0], span[1], offset)
        referent = _resolve(text, last)
        if referent is not None:
            named = referent
        elif text.lower() in _PRONOUNS:
            continue
        else:
            last = named
        claim_start = min(span[0], verb_start)
        claim_end = max(verb_end, span[1])
        continues = not post_posed or _CONTINUATION.match(sentence, claim_end) is not None
        found.append(
            Attribution(
                claimant=named.text,
                verb=verb,
                verb_start=verb_start,
                claimant_start=named.start,
                claimant_end=named.end,
                claimant_offset=named.offset,
                forward=(claim_end, _forward_end(sentence, claim_end)) if continues else None,
                backward=(_backward_start(sentence, folded, claim_start, kind == "by"), claim_start)
                if post_posed
                else None,
                denied=verb in _DENIALS,
                direct=kind == "by",
            )
        )
    if not found and _HEADLINE_MARK.search(sentence):
        for headline in _headline_attributions(sentence, offset):
            found.append(headline)
            last = Referent(headline.claimant, headline.claimant_start, headline.claimant_end, offset)
    return found, last


def _headline_attributions(sentence: str, offset: int) -> list[Attribution]:
    """Headline attributions, per ``;``-joined headline: "15 rebels killed in raids: ministry", "... - governor",
    "Officials: 12 killed in twin blasts". Only a headline that carries a number is attributed."""
    found: list[Attribution] = []
    for part in re.finditer(r"[^;]+", sentence):
        begin, stop = part.span()
        text = part.group(0)
        trailing = _TRAILING_SOURCE.search(text)
        leading = _LEADING_SOURCE.match(text)
        if trailing and not _VERBISH.search(trailing.group("source")) and find_numbers(text[: trailing.start()]):
            start = begin + trailing.start("source")
            end = start + len(trailing.group("source").rstrip("."))
            found.append(
                Attribution(
                    sentence[start:end],
                    ":",
                    begin + trailing.start(),
                    start,
                    end,
                    offset,
                    None,
                    (begin, begin + trailing.start()),
                )
            )
        elif leading and not _VERBISH.search(leading.group("source")) and find_numbers(text[leading.end() :]):
            start, end = begin + leading.start("source"), begin + leading.end("source")
            found.append(
                Attribution(sentence[start:end], ":", end, start, end, offset, (begin + leading.end(), stop), None)
            )
    return found


def _source_of(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """The source a subject names: the body a spokesperson speaks for, or the one a reporter spoke with."""
    speaks_for = _SPEAKS_FOR.match(sentence, span[1])
    if speaks_for:
        return speaks_for.span("body")
    titled = _BODY_BEFORE_TITLE.match(sentence, span[0], span[1])
    if titled:
        return titled.span("body")
    comma = sentence.find(",", span[0], span[1])
    inside = _SPEAKS_FOR.match(f"{sentence[: span[1]]},", comma) if comma >= 0 else None
    if inside:
        return inside.span("body")
    inner = _INNER_SOURCE.match(sentence[span[0] : span[1]])
    if inner:
        start = span[0] + inner.start("source")
        return start, span[1]
    return span


_DIRECT_REACH = 40
_CONTINUATION = re.compile(r"[^,.;]{0,40}?,?\s+(?:and|et|after|as|when|with|\w+ing)\s", re.IGNORECASE)


def _closes_clause(sentence: str, verb_end: int) -> bool:
    """True when only adverbials follow the verb ("..., the army said on Monday."): the claim came before it."""
    tail = re.split(r"[,;]", sentence[verb_end:], maxsplit=1)[0]
    return not re.search(r"\d|\bthat\b|\bque\b|\bqu['’]", tail) and len(tail.split()) <= 8


def _forward_end(sentence: str, position: int) -> int:
    """A pre-posed claim runs to the end of the sentence, or to a semicolon that starts an unrelated clause."""
    semicolon = sentence.find(";", position)
    return semicolon if semicolon >= 0 else len(sentence)


def attribute(attributions: list[Attribution], position: int) -> Attribution | None:
    """The attribution covering ``position`` in the sentence, or None when the sentence states it unattributed.

    A post-posed claim ("..., the Observatory said") wins over an earlier forward one, because it is the one
    the clause was written to carry, unless the forward claim is nested inside it ("the junta said it had
    arrested 43 people, state media reported": the junta is the claimant). Among forward claims the nearest
    preceding one wins ("said ..., claiming that ..."). A claimant tied to the figure itself ("le chiffre de 150
    morts avancé par l'opposition", "a toll given by the army") wins over all of them.
    """
    covering = [a for a in attributions if a.backward and a.backward[0] <= position < a.backward[1]]
    direct = [a for a in covering if a.direct]
    if direct:
        return direct[0]
    forward = [a for a in attributions if a.forward and a.forward[0] <= position < a.forward[1]]
    nearest_forward = max(forward, key=_forward_start) if forward else None
    if not covering:
        return nearest_forward
    nearest = min(covering, key=_backward_end)
    if nearest_forward is not None and nearest.backward and nearest.backward[0] <= nearest_forward.verb_start:
        return nearest_forward
    return nearest


def _forward_start(attribution: Attribution) -> int:
    return attribution.forward[0] if attribution.forward else 0


def _backward_end(attribution: Attribution) -> int:
    return attribution.backward[1] if attribution.backward else 0


def wire_agency(text: str) -> tuple[int, int] | None:
    """Span of the news agency whose dateline opens ``text`` ("KABUL (AP) —"): what the report states without
    naming a source, that agency states."""
    dateline = _WIRE_DATELINE.match(text)
    return dateline.span("agency") if dateline else None


def is_rebutted(sentence: str) -> bool:
    """True when the sentence reports its own claim as denied or unverified ("a figure the rebels denied")."""
    return _REBUTTAL.search(fold_case(sentence)) is not None


def hedge(sentence: str, position: int) -> str | None:
    """The hedge ("are thought to", "reportedly") in the clause around ``position``, if any."""
    folded = fold_case(sentence)
    start = _clause_start(folded, position)
    end_break = _CLAUSE_BREAK.search(folded, position)
    end = end_break.start() if end_break else len(sentence)
    match = _HEDGE.search(sentence, start, end)
    return re.sub(r"\s+", " ", match.group(0)).lower() if match else None
