"""Figures and their claimants in French, Spanish, Arabic, Russian and Ukrainian sentences.

A figure is a number paired with a casualty, displacement or detention word ("cue") near it, before or after:
these languages write both "5 muertos" / "18 قتيلا" / "5 погибших" and "murieron 5" / "مقتل 35" / "погибли 5".
Numbers and cues are paired greedily, cheapest first, each cue serving one number: the cost is the number of
words between them, plus a penalty when a conjunction lies between (the cue then belongs to the next clause,
"Dos soldados murieron y seis resultaron heridos") or the number is a bare "one"-word (mostly an article,
"en una emboscada"). A pair never crosses clause punctuation or another number. On a tie the cue naming what
happened to the people (released, evacuated, surrendered) wins over the one naming who they are (a prisoner,
a wounded man), even two words further away: "سراح 50 أسيرا", "أفرجت السلطات عن 40 محتجزا" are releases.

Its claimant is whoever the sentence's verb of saying or "according to" phrase names. The claimant's side of the
verb follows the language's word order: Arabic puts the speaker after the verb ("قال مسؤول محلي إن ..."), the
others before it ("La policía informó") or after it at the end of the clause (", informó la policía"), then
with any title or name in apposition (", a fait savoir le porte-parole, le colonel X."). A headline names its
source before a colon ("المرصد السوري: مقتل 14", "ДСНС: ..."), and an online report after a closing dash.

A sentence with figures but no verb of saying, "according to", lead or dash of its own takes its paragraph's
source, by one rule: the next sentence's, when that sentence reports no figure of its own (the attribution
follows: "... ont arrêté une dizaine de suspects. Selon le ministre, ils préparaient un attentat."), else the
previous sentence's (the statement goes on: "قال المرصد إن ... . وأصيب 12 آخرون."); without either it is
the reporter's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from records import Figure, Sentence
from records.vocab import FigureCategory, Language
from transforms.lang_numbers import find_language_numbers, find_person_counts, rises_before
from transforms.lang_vocab import LanguageVocabulary, load_language_vocabulary, word_alternation
from transforms.numbers import NumberSpan
from transforms.script_fold import FoldedText, fold_for_matching

__all__ = ["extract_language_figures"]

_CONJUNCTION_COST = 2
# A split cue's two words ("سلم … أنفسهم") have at most four words between them in one clause, none a
# conjunction: "об уничтожении 43 беспилотников и 12 военнослужащих" does not make the drones people.
_SPLIT_MARK = "…"
_WORD_MARK = "$"
_SPLIT_GAP = r"(?:\s+(?!(?:и|і|й|та|و)\s)[^\s,;:!?،؛]+){0,4}?"
_Kind = Literal["number", "one", "person", "toll"]
# Per kind of count: (extra cost, most words between it and a cue after it, and before it). A bare "one"-word
# is mostly an article, so it pairs only with a cue close by ("un agente keniano resultó herido", "поранено ще
# одного") and never across a preposition ("heridos en una emboscada"); a person noun
# standing for one ("استشهد طفل") pairs only with a cue next to it, and only when no real number wants that cue;
# a toll's cue opens its clause, further back ("Число погибших в результате удара по Днепру возросло до 12").
_KIND_COST: dict[_Kind, tuple[int, int, int]] = {
    "number": (0, 4, 4),
    "one": (2, 2, 1),
    "person": (3, 1, 1),
    "toll": (0, 4, 10),
}
_CLAIMANT_WORDS = 8
_CLAUSE_END = re.compile(r"[,;:.!?«»\"()،؛—–]|\s(?:que|что|що|ان|انه|because)\s")
_PAIR_BREAK = re.compile(r"[;:.!?()،؛—–]|[,،]\s")
_DASH_BEFORE_NUMBER = re.compile(r"\s[—–]\s*$")
_LEADING_QUOTES = re.compile(r"[\s«»\"“”„]*")
_DASH_SOURCE = re.compile(r",\s*[—–-]\s+(?P<source>[^\W\d_][^\d,;:.!?()—–]{1,60}?)\s*[.!]?\s*$")
# A headline's source before a colon ("المرصد السوري: مقتل 14 ..."), when its first word heads a body's name.
_LEAD = re.compile(r"[\s«»\"“”„]*(?P<lead>[^\W\d_][^\d:;.!?،؛,()«»\"—–]{0,60}?)\s*:\s")
_LEAD_WORDS = 6
# The name or title after a post-posed claimant, to the end of the sentence (", a fait savoir le porte-parole de
# l'armée, le colonel X."): one noun phrase in apposition, so part of the claimant.
_APPOSITION = re.compile(r"\s*(?P<words>[^\W\d_][^\d]*?)\s*[.!«»\"“”]*\s*")
_APPOSITION_WORDS = 5
_WORD_REST = re.compile(r"[\w'-]*")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# A cue saying what happened to the people is preferred to a nearer one saying who they are: "أفرجت السلطات عن
# 40 محتجزا", "liberaron a 12 rehenes" are releases, not detentions or abductions.
_TRANSITIONS: frozenset[FigureCategory] = frozenset({"released", "evacuated", "surrendered"})
_TRANSITION_BONUS = 2
# People taken, whose number a later verb of the same clause may share ("secuestrados ... y asesinados").
_CAPTURES: frozenset[FigureCategory] = frozenset({"abducted", "detained"})
_SHARED_WORDS = 8
# Arabic joins "and" to the verb right before the cue of the second verb: "... وأطلقوا سراحهم".
_JOINED_VERB = re.compile(r"(?<!\w)و\w+\s*$")
# What happened to the people outranks what they are when two cues are equally near one number.
_TIE_ORDER: tuple[FigureCategory, ...] = (
    "released",
    "evacuated",
    "surrendered",
    "areas_captured",
    "buildings_destroyed",
    "killed",
    "missing",
    "abducted",
    "injured",
    "detained",
    "displaced",
    "refugees",
    "homeless",
    "besieged",
    "attacked",
    "casualties",
)


@functools.cache
def _category_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None:
        return None
    prefix = r"(?P<conjunction>و)?(?:[فب]|ال|بال)?" if language == "ar" else ""
    # A joint toll's cue is made of two others ("قتل وأصيب"), so its group is tried first at each position.
    ordered = sorted(vocabulary.categories.items(), key=lambda item: item[0] != "casualties")
    groups = "|".join(rf"(?P<{category}>{_cue_alternation(stems)})" for category, stems in ordered)
    return re.compile(rf"(?<!\w){prefix}(?:{groups})")


def _cue_alternation(stems: Sequence[str]) -> str:
    """The alternation of a category's cues: split cues first (see ``_split_cue``), then whole words, then stems.

    A cue ending in ``$`` is a whole word, for stems whose folded form begins common words: Ukrainian "сіл"
    (villages) folds to "сил", which "Сили оборони" (the defence forces) begins."""
    split = [_split_cue(stem) for stem in stems if _SPLIT_MARK in stem]
    whole = [rf"{re.escape(stem[: -len(_WORD_MARK)])}(?!\w)" for stem in stems if stem.endswith(_WORD_MARK)]
    plain = word_alternation(stem for stem in stems if _SPLIT_MARK not in stem and not stem.endswith(_WORD_MARK))
    return "|".join((*split, *whole, plain) if plain else (*split, *whole))


def _split_cue(stem: str) -> str:
    """A cue written around its number ("سلم … أنفسهم", "уничтож … военнослужащ"): the word before the number is
    the cue, but only when the other word follows within a few words of the clause. "سلم 120 مقاتلا أنفسهم" is a
    surrender where "سلم" alone is any handing over; "уничтожили 30 солдат" are killed where "уничтожено 40
    единиц техники" are not people."""
    first, second = (re.escape(part.strip()) for part in stem.split(_SPLIT_MARK))
    return rf"{first}[\w-]*(?={_SPLIT_GAP}\s+{second})"


@functools.cache
def _claim_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None:
        return None
    prefix = r"(?:[وف])?" if language == "ar" else ""
    # An Arabic "according to" ending in the clitic ل is written joined to its noun ("وفقا لنادي الأسير").
    clitics = [phrase for phrase in vocabulary.according if language == "ar" and phrase.endswith(" ل")]
    joined = rf"|(?P<according_joined>{word_alternation(clitics)})" if clitics else ""
    return re.compile(
        rf"(?<!\w){prefix}(?:(?:(?P<according>{word_alternation(vocabulary.according)})|"
        rf"(?P<verb>{word_alternation(vocabulary.verbs)}))(?!\w){joined})"
    )


@functools.cache
def _conjunction_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.conjunctions:
        return None
    return re.compile(rf"(?<!\w)(?:{word_alternation(vocabulary.conjunctions)})(?!\w)")


def _cue_category(cue: re.Match[str], categories: Sequence[FigureCategory]) -> FigureCategory:
    return next(name for name in categories if cue.group(name) is not None)


@functools.cache
def _aside_pattern(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.inclusions:
        return None
    return re.compile(rf"[,،]\s*(?:{word_alternation(vocabulary.inclusions)})(?!\w)[^,،;:.!?()]*[,،]")


def _without_asides(folded: str, gap: tuple[int, int], asides: Sequence[tuple[int, int]]) -> tuple[str, list[int]]:
    """The gap's text without the "including" asides inside it ("Dix-huit personnes, dont six femmes, ont été
    enlevées"), and the offsets it keeps, so a number in an aside does not part its head from the cue."""
    kept = [i for i in range(*gap) if not any(start <= i < end for start, end in asides)]
    return "".join(folded[i] for i in kept), kept


def _gap_cost(text: str, language: Language, *, cue_joined: bool, most: int, article: bool) -> int | None:
    """Words in ``text`` between a number and a cue, with the conjunction penalty; ``None`` when they cannot
    pair, which for an ``article``-like "one" includes a preposition between them. A dash right before the
    number reads as "is" ("Погибших — 12", "сдались в плен под Курском — 22 человека"), not as a break."""
    if _PAIR_BREAK.search(_DASH_BEFORE_NUMBER.sub(" ", text)):
        return None
    vocabulary = load_language_vocabulary(language)
    auxiliaries = vocabulary.auxiliaries if vocabulary is not None else frozenset()
    between = _WORD.findall(text)
    words = sum(1 for word in between if word not in auxiliaries)
    if words > most or (article and vocabulary is not None and vocabulary.prepositions.intersection(between)):
        return None
    conjunctions = _conjunction_pattern(language)
    if cue_joined or (conjunctions is not None and conjunctions.search(text)):
        words += _CONJUNCTION_COST
    return words


def _paired_categories(
    folded: str,
    spans: Sequence[tuple[int, int]],
    kinds: Sequence[_Kind],
    language: Language,
    pattern: re.Pattern[str],
) -> list[list[tuple[FigureCategory, int]]]:
    """The categories each number pairs with and where their cues start (see module doc), empty for a number
    left without a cue. A number moved (evacuated, released) may also be counted as wounded by a cue next to it:
    "Vingt-cinq blessés ont été évacués", "إجلاء 45 جريحا" are 25 evacuated and 25 wounded."""
    vocabulary = load_language_vocabulary(language)
    names: list[FigureCategory] = list(vocabulary.categories) if vocabulary is not None else []
    cues = list(pattern.finditer(folded))
    aside_pattern = _aside_pattern(language)
    asides = [match.span() for match in aside_pattern.finditer(folded)] if aside_pattern is not None else []
    candidates: list[tuple[int, int, int, int]] = []
    for n, (start, end) in enumerate(spans):
        extra, most_after, most_before = _KIND_COST[kinds[n]]
        for c, cue in enumerate(cues):
            if cue.start() >= end:
                gap, joined = (end, cue.start()), "conjunction" in pattern.groupindex and bool(cue.group("conjunction"))
                most = most_after
            elif cue.end() <= start:
                # A cue is a stem ("افرج" of "أفرجت"): the gap starts after the rest of its word.
                gap, joined, most = (_WORD_REST.match(folded, cue.end()).end(), start), False, most_before  # type: ignore[union-attr]
            else:
                continue
            trim = asides and not any(a_start <= start < a_end for a_start, a_end in asides)
            text, kept = _without_asides(folded, gap, asides) if trim else (folded[gap[0] : gap[1]], [])
            if any(gap[0] <= other[0] < gap[1] and (not trim or other[0] in kept) for other in spans):
                continue
            cost = _gap_cost(text, language, cue_joined=joined, most=most, article=kinds[n] == "one")
            if cost is None:
                continue
            category = _cue_category(cue, names)
            bonus = _TRANSITION_BONUS if category in _TRANSITIONS else 0
            candidates.append((cost + extra - bonus, _TIE_ORDER.index(category), n, c))
    paired: list[list[tuple[FigureCategory, int]]] = [[] for _ in spans]
    used: set[int] = set()
    for _, _, n, c in sorted(candidates):
        if not paired[n] and c not in used:
            paired[n].append((_cue_category(cues[c], names), cues[c].start()))
            used.add(c)
    for cost, _, n, c in sorted(candidates):
        category = _cue_category(cues[c], names)
        if category == "injured" and c not in used and cost <= 1 and paired[n] and paired[n][0][0] in _TRANSITIONS:
            paired[n].append((category, cues[c].start()))
            used.add(c)
    for c, cue in enumerate(cues):
        sharer = _sharing_number(folded, spans, paired, cue, language, _cue_category(cue, names))
        if c not in used and sharer is not None:
            paired[sharer].append((_cue_category(cue, names), cue.start()))
    return paired


def _sharing_number(
    folded: str,
    spans: Sequence[tuple[int, int]],
    paired: Sequence[Sequence[tuple[FigureCategory, int]]],
    cue: re.Match[str],
    language: Language,
    category: FigureCategory,
) -> int | None:
    """The number a cue left without one shares with the verb before it, across a conjunction: "Nueve soldados
    fueron secuestrados en El Plateado y liberados al día siguiente" are nine abducted and nine released. Only
    for what happened next to the same people, a move (released, evacuated, surrendered) or anything after
    their capture; "killed and wounded" with one number is a joint toll, not shared."""
    before = [n for n, (_, end) in enumerate(spans) if end <= cue.start()]
    if not before or not paired[before[-1]]:
        return None
    n = before[-1]
    first, first_start = paired[n][0]
    if first_start > cue.start() or first == category or not (category in _TRANSITIONS or first in _CAPTURES):
        return None
    gap = folded[max(spans[n][1], _WORD_REST.match(folded, first_start).end()) : cue.start()]  # type: ignore[union-attr]
    conjunctions = _conjunction_pattern(language)
    joined = (
        ("conjunction" in cue.re.groupindex and bool(cue.group("conjunction")))
        or (conjunctions is not None and conjunctions.search(gap) is not None)
        or (language == "ar" and _JOINED_VERB.search(gap) is not None)
    )
    cost = _gap_cost(gap, language, cue_joined=False, most=_SHARED_WORDS, article=False)
    return n if joined and cost is not None else None


def _words_after(folded: str, start: int, stop: int, language: Language, *, closing: bool) -> tuple[int, int] | None:
    """The claimant's words after its verb, to the clause end; for a verb ``closing`` the sentence after its
    claim (", a fait savoir le porte-parole, le colonel X."), with a title or name in apposition."""
    start = _LEADING_QUOTES.match(folded, start).end()  # type: ignore[union-attr]
    end = _CLAUSE_END.search(folded, start, stop)
    words = list(_WORD.finditer(folded, start, end.start() if end else stop))[:_CLAIMANT_WORDS]
    if not words:
        return None
    if closing and end is not None and end.group() == "," and stop == len(folded):
        return words[0].start(), _apposition_end(folded, end.end(), language) or words[-1].end()
    return words[0].start(), words[-1].end()


def _apposition_end(folded: str, start: int, language: Language) -> int | None:
    """Where a short noun phrase running from ``start`` to the end of the sentence ends: a title or name in
    apposition to the claimant before it (see ``_APPOSITION``); ``None`` when the rest is a clause."""
    match = _APPOSITION.fullmatch(folded, start)
    if match is None or _CLAUSE_END.search(match.group("words")):
        return None
    words = _WORD.findall(match.group("words"))
    relatives = vocabulary.relatives if (vocabulary := load_language_vocabulary(language)) else frozenset()
    return match.end("words") if len(words) <= _APPOSITION_WORDS and relatives.isdisjoint(words) else None


def _words_before(folded: str, end: int, vocabulary: LanguageVocabulary | None) -> tuple[int, int] | None:
    """The clause's words before the verb, without the leading ones that name nobody ("Об этом сообщил ...",
    "Así lo informó ...", "Як повідомив ..."): the claimant then follows the verb, as it does when the clause
    opens with what was said about ("Про загибель чотирьох цивільних повідомив начальник ОВА")."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, end)), default=0)
    words = list(_WORD.finditer(folded, clause_start, end))
    fillers = vocabulary.fillers if vocabulary is not None else frozenset()
    if words and vocabulary is not None and words[0].group() in vocabulary.topics:
        return None
    words = words[-_CLAIMANT_WORDS:]
    while words and words[0].group() in fillers:
        words.pop(0)
    return (words[0].start(), words[-1].end()) if words else None


@functools.cache
def _lead_heads(language: Language) -> re.Pattern[str] | None:
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.leads:
        return None
    prefix = "و?" if language == "ar" else ""
    return re.compile(rf"{prefix}(?:{word_alternation(vocabulary.leads)})(?!\w)")


def _lead_source(folded: str, language: Language) -> tuple[int, int] | None:
    """The body a headline names before a colon ("المرصد السوري: مقتل 14", "ДСНС: ..."); a lead that is a
    place or an event ("Mali : 12 soldats tués", "Атака на Білу Церкву: ...") does not start with the head
    word of a body (``leads`` in the language's data file), so it names nobody."""
    match = _LEAD.match(folded)
    heads = _lead_heads(language)
    if match is None or heads is None or not heads.match(folded, match.start("lead")):
        return None
    return match.span("lead") if len(_WORD.findall(match.group("lead"))) <= _LEAD_WORDS else None


def _dash_attribution(folded: str) -> tuple[int, int] | None:
    """The source an online report names after a closing dash instead of a verb ("..., — Херсонська ОВА.")."""
    match = _DASH_SOURCE.search(folded)
    return match.span("source") if match is not None else None


def _claimant_words(
    folded: str, match: re.Match[str], pattern: re.Pattern[str], language: Language, stops: Sequence[int]
) -> tuple[int, int] | None:
    """Where the claimant named by one verb of saying or "according to" is, on its language's side of it."""
    after = match.end()
    according = match.group("verb") is None
    if according:
        verb = pattern.match(folded, _LEADING_QUOTES.match(folded, after).end())  # type: ignore[union-attr]
        after = verb.end() if verb is not None and verb.group("verb") else after
    stop = min((s for s in stops if s >= after), default=len(folded))
    closing = folded[: match.start()].rstrip().endswith((",", "،"))
    if according or language == "ar":
        return _words_after(folded, after, stop, language, closing=closing)
    return _words_before(folded, match.start(), load_language_vocabulary(language)) or _words_after(
        folded, after, stop, language, closing=closing
    )


_LAST_WORD = re.compile(r"(?:(?<=\s)|^)(?P<word>[^\W\d_][\w-]*'?|\w')\s*$")


def _is_noun(folded: str, match: re.Match[str], language: Language) -> bool:
    """Whether a one-word verb of saying is read as its noun after a determiner ("l'annonce de la mort de 12
    soldats", "el anuncio de 5 muertos", "la denuncia"): it then names no claimant."""
    vocabulary = load_language_vocabulary(language)
    if vocabulary is None or not vocabulary.determiners or match.group("verb") is None:
        return False
    before = _LAST_WORD.search(folded, max(0, match.start() - 12), match.start())
    return before is not None and before.group("word") in vocabulary.determiners


def _claimant(folded: FoldedText, original: str, language: Language, stops: Sequence[int]) -> tuple[str, str | None]:
    """The claimant and the verb naming it; the claimant's words end at the clause end or at the first figure
    or cue after them (Arabic "أعلنت وزارة الصحة مقتل ..." names the ministry, not the killing). A verb that
    names nobody (Arabic "نقل" also means "carried": "نقل 5 جرحى ..., بحسب الهلال الأحمر") gives way to the
    next one."""
    pattern = _claim_pattern(language)
    if pattern is None:
        return "reporter", None
    first: re.Match[str] | None = None
    for match in pattern.finditer(folded.text):
        if _is_noun(folded.text, match, language):
            continue
        first = first or match
        where = _claimant_words(folded.text, match, pattern, language, stops)
        if where is not None:
            start, end = folded.original_span(*where)
            verb_start, verb_end = folded.original_span(*match.span())
            return original[start:end], original[verb_start:verb_end]
    source = _lead_source(folded.text, language) or (_dash_attribution(folded.text) if first is None else None)
    if source is not None:
        start, end = folded.original_span(*source)
        return original[start:end], None
    if first is not None:
        verb_start, verb_end = folded.original_span(*first.span())
        return "reporter", original[verb_start:verb_end]
    return "reporter", None


def _number_kind(folded: FoldedText, number: NumberSpan, language: Language) -> _Kind:
    if _is_bare_one(number):
        return "one"
    return "toll" if rises_before(folded.text, _folded_span(folded, number)[0], language) else "number"


def _sentence_counts(sentence: Sentence, folded: FoldedText, language: Language) -> list[tuple[NumberSpan, _Kind]]:
    """The numbers of a sentence and the nouns that count by themselves, in text order, none overlapping. A
    person noun right after a number is what that number counts ("أكثر من 8 آلاف شخص فروا"), not a count."""
    numbers = find_language_numbers(sentence.text, folded, language)
    counts: list[tuple[NumberSpan, _Kind]] = [(number, _number_kind(folded, number, language)) for number in numbers]
    for person in find_person_counts(sentence.text, folded, language):
        if not any(
            person.start < number.end
            and number.start < person.end
            or (number.end <= person.start and not sentence.text[number.end : person.start].strip())
            for number in numbers
        ):
            counts.append((person, "person" if person.value_low == 1 else "number"))
    return sorted(counts, key=lambda count: count[0].start)


def _sentence_figures(
    sentence: Sentence, folded: FoldedText, language: Language, pattern: re.Pattern[str]
) -> list[Figure]:
    counts = _sentence_counts(sentence, folded, language)
    spans = [_folded_span(folded, number) for number, _ in counts]
    pairs = _paired_categories(folded.text, spans, [kind for _, kind in counts], language, pattern)
    if not any(pairs):
        return []
    # Only what the figures are made of ends the claimant: an unpaired cue may be part of its name ("نادي الأسير").
    stops = [stop for span, found in zip(spans, pairs, strict=True) for pair in found for stop in (span[0], pair[1])]
    claimant, verb = _claimant(folded, sentence.text, language, stops)
    return [
        Figure(
            text=number.text,
            start=sentence.start + number.start,
            end=sentence.start + number.end,
            category=pair[0],
            value_low=number.value_low,
            value_high=number.value_high,
            qualifier=number.qualifier,
            subject=None,
            scope="event",
            claimant=claimant,
            verb=verb,
            sentence=sentence.text,
        )
        for (number, _), found in zip(counts, pairs, strict=True)
        for pair in found
    ]


def _is_bare_one(number: NumberSpan) -> bool:
    """A lone "one"-word without a hedge is more often an article ("un ataque") than a count."""
    return number.value_low == 1 and number.qualifier is None and not number.text.strip().isdigit()


def _folded_span(folded: FoldedText, number: NumberSpan) -> tuple[int, int]:
    return folded.folded_offset(number.start), folded.folded_offset(number.end)


def _unattributed(figures: Sequence[Figure]) -> bool:
    return bool(figures) and all(figure.claimant == "reporter" and figure.verb is None for figure in figures)


def _neighbour_claim(
    text: str,
    sentences: Sequence[Sentence],
    parts: Sequence[FoldedText],
    found: Sequence[Sequence[Figure]],
    index: int,
    language: Language,
) -> tuple[str, str | None] | None:
    """The claim a sentence with figures but no source of its own takes from its paragraph (see module doc)."""
    for other in (index + 1, index - 1):
        if not 0 <= other < len(sentences):
            continue
        first, second = sorted((sentences[index], sentences[other]), key=lambda sentence: sentence.start)
        if "\n" in text[first.end : second.start] or (other > index and found[other]):
            continue
        if found[other]:
            claimant, verb = found[other][0].claimant, found[other][0].verb
        else:
            claimant, verb = _claimant(parts[other], sentences[other].text, language, ())
        if claimant != "reporter":
            return claimant, verb
    return None


def extract_language_figures(text: str, sentences: Sequence[Sentence], language: Language) -> tuple[Figure, ...]:
    """The figures of ``sentences`` of ``text`` in ``language`` with their claimants; empty for a language
    without data. The text is folded once (the fold places and actors already made, see
    :func:`~transforms.script_fold.fold_for_matching`) and each sentence reads its part of it."""
    pattern = _category_pattern(language)
    if pattern is None:
        return ()
    folded = fold_for_matching(text)
    parts = [folded.part(sentence.start, sentence.end) for sentence in sentences]
    found = [
        _sentence_figures(sentence, part, language, pattern) for sentence, part in zip(sentences, parts, strict=True)
    ]
    claims = {
        index: _neighbour_claim(text, sentences, parts, found, index, language)
        for index, figures in enumerate(found)
        if _unattributed(figures)
    }
    return tuple(
        replace(figure, claimant=claim[0], verb=claim[1]) if (claim := claims.get(index)) else figure
        for index, figures in enumerate(found)
        for figure in figures
    )
