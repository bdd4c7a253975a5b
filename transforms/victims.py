"""Counts written without a numeral: singular, indefinite and named victims, and explicit zeros.

Newsrooms rarely write "1": they write "a man was shot dead", "police arrested a courier", "the body of a
farmer was found", "Jane Roe, 24, was killed", "John Roe and Jane Roe were abducted", "he succumbed to his
injuries". Each such clause is one count: the subject of a passive or intransitive predicate of harm, or the
object of an active one. ``find_victims`` reads those clause shapes in one sentence and returns the count, its
category, the head word and whether the phrase refers back to someone already introduced (a pronoun, a
definite description or a name), which the incident totals use to count each person once.

"was shot" is ambiguous: it is an injury unless the same person is later said to have died, so it is reported as
``injured`` with ``provisional`` set, and dropped when the same sentence reports a death or a later sentence one
of someone already introduced ("he died", "the victim was pronounced dead") follows. The same holds for every
harm that may yet prove fatal, in either voice: "was stabbed", "was found shot", "was assaulted", "was taken to
hospital", "a gunman shot a cyclist", "Roe shot Doe", "arrived with a gunshot wound". ``counts_the_shot`` tells
the figures and totals stages when a numeral counts people shot ("four men were shot"), the dead among them.

Reports also leave the verb out ("one was killed and another injured"), list several objects ("abducted a
ward member and a teacher", "abducted Roe and Doe"), and write a death as a noun ("the fatal shooting of a
guard"); each is counted. Threats and attempts ("threatened to shoot a man") count nobody.

Explicit zeros: "no casualties were reported", "no one was hurt", "nobody was killed" give a count of 0
(``casualties`` when the text does not say which: it is the ambiguous killed-or-injured word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from transforms.gazetteer import fold_case
from transforms.numbers import find_numbers, match_at_words

__all__ = [
    "Victim",
    "counts_the_shot",
    "find_victims",
    "held_by_armed_group",
    "released_by_armed_group",
    "shot_by_attacker",
]


@dataclass(frozen=True, slots=True)
class Victim:
    """A counted person or group. Offsets are into the sentence; ``head`` is the counted word ("man", "")."""

    start: int
    end: int
    value_low: int | None
    value_high: int | None
    category: str
    head: str
    refers_back: bool = False
    provisional: bool = False


_KILLED = (
    r"shot\s+(?:dead|and\s+killed|to\s+death)|killed|murdered|slain|gunned\s+down|assassinated|lynched|beheaded|"
    r"executed|strangled|(?:hacked|stabbed|beaten|bludgeoned|burnt|burned|shot|stoned|assaulted|tortured|kicked)\s+to\s+death|"
    r"(?:found\s+)?fatally\s+(?:shot|wounded|stabbed|injured|struck)|shot\s+and\s+fatally\s+wounded|"
    r"found\s+(?:shot\s+)?dead|found\s+(?:murdered|killed)|found\s+(?:shot|stabbed|beaten)\s+to\s+death|"
    r"pronounced\s+dead|declared\s+dead|martyred|neutrali[sz]ed|eliminated"
)
_DIED = (
    r"died|dies|succumbed\s+to\s+(?:his|her|their|the)\s+(?:\w+\s+)?(?:injuries|wounds)|"
    r"lost\s+(?:his|her)\s+life|perished|(?:is|was)\s+dead|(?:pronounced|declared)\s+dead"
)
_INJURED = (
    r"(?:critically\s+|seriously\s+|severely\s+|grievously\s+|badly\s+|slightly\s+)?(?:wounded|injured|hurt)|"
    r"grazed"
)
_INJURED_INTRANSITIVE = (
    r"(?:suffered|sustained|received|suffers|sustains|receives|(?:was\s+|were\s+)?(?:found\s+)?suffering(?:\s+from)?)\s+(?:at\s+least\s+one\s+)?(?:a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:gunshot\s+wounds?|wounds?|injur(?:y|ies)|"
    r"bullet\s+wounds?)"
)
# A state that implies a wound without saying so: "was taken to a hospital", "is in critical condition",
# "is recovering". Provisional like "was shot": the person may still be said to have died.
_TREATED = (
    r"(?:taken|rushed|transported|airlifted|flown|driven)\s+(?:by\s+(?:ambulance|helicopter|private\s+vehicle)\s+)?"
    r"to\s+(?:a\s+|the\s+)?(?:[\w'’.-]+\s+){0,4}?(?:hospitals?|medical\s+cent(?:er|re)|trauma\s+cent(?:er|re)|"
    r"infirmary|emergency\s+room)|"
    r"in\s+(?:the\s+)?hospital|in\s+(?:critical|serious|stable|grave|fair|life-threatening)\s+condition|"
    r"recovering|treated\s+for\s+(?:[\w-]+\s+){0,2}?(?:wounds?|injuries)|hospitali[sz]ed"
)
# Taken to a hospital to be examined ("for a psychiatric evaluation", "for evaluation"): no wound.
# Who holds the people: state forces arrest, armed groups abduct. "were detained by the cadres of the
# CPI-Maoist", "Maoists picked up two brothers" are abductions, whatever the verb.
_ARMED_GROUP = (
    r"(?:maoists?|naxal\w*|cadres?|militants?|insurgents?|rebels?|gunmen|terrorists?|extremists?|jihadists?|"
    r"guerrill?as?|militia\w*|armed\s+(?:men|group|squad)|kidnappers|abductors|dalam)"
)
# Words between "by" and the captor: never the state's own ("by a joint squad of CRPF", "by the Police for
# harbouring the insurgents").
_AGENT_GAP = r"(?:(?!(?:police|forces?|army|troops|crpf|squad|team|jawans|personnel|for|after)\b)[\w'’()-]+\s+){0,5}?"
_BY_ARMED_GROUP = re.compile(rf"\s+(?:\w+\s+){{0,2}}?by\s+{_AGENT_GAP}{_ARMED_GROUP}\b")
_ARMED_GROUP_BEFORE = re.compile(
    rf"\b{_ARMED_GROUP}\b(?:\s+(?:of|from)\s+(?:the\s+)?[\w'’()-]+)?(?:\s+[\w'’-]+ly)?(?:\s+(?:have|had|has))?\s+$"
)


_ARREST = re.compile(r"arrest|apprehend|nab")


def held_by_armed_group(sentence: str) -> bool:
    """Whether a detention in the (case-folded) sentence is by an armed group, which makes it an abduction."""
    return bool(_HELD_BY_ARMED_GROUP.search(sentence))


_HELD_BY_ARMED_GROUP = re.compile(
    rf"\b(?:detained|held|picked\s+up|taken\s+away|captured|rounded\s+up)(?:\s+\w+){{0,2}}?\s+by\s+"
    rf"{_AGENT_GAP}{_ARMED_GROUP}\b|\b{_ARMED_GROUP}\s+(?:\w+ly\s+)?"
    r"(?:detained|picked\s+up|took\s+away|rounded\s+up|captured)\b"
)


def released_by_armed_group(sentence: str) -> bool:
    """Whether people released in the (case-folded) sentence were an armed group's captives, so abducted earlier.

    "Maoists set free eight tribals", "released 300 others held hostage by them": only a captor releases, and an
    armed group's captives were abducted; "released on bail" by a court is no abduction.
    """
    return bool(_RELEASED_BY_ARMED_GROUP.search(sentence))


_RELEASE = r"(?:released|releases|release|freed|frees|set\s+free|sets\s+free|let\s+go)"
_RELEASED_BY_ARMED_GROUP = re.compile(
    rf"\b{_ARMED_GROUP}\s+(?:\w+ly\s+|later\s+|then\s+|also\s+|have\s+|had\s+|has\s+)*{_RELEASE}\b"
    rf"|\b{_RELEASE}(?:\s+\w+){{0,2}}?\s+by\s+{_AGENT_GAP}{_ARMED_GROUP}\b"
    rf"|\b{_RELEASE}\b[^.;]{{0,50}}?\b(?:(?:held|holding|taken)\s+(?:\w+\s+)?(?:hostage|captive)|captivity)\b"
)
_SUSPECT = re.compile(
    r"\b(?:suspects?|gunman|gunmen|shooter|attackers?|assailants?|robbers?|intruders?|burglars?)\b", re.IGNORECASE
)
_NOT_TREATED = re.compile(r"\s+for\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:evaluation|assessment|examination|check-?up)\b")
# Harm that may yet prove fatal, like "was shot": an injury unless the person is later said to have died.
_HARMED = (
    r"(?:found\s+)?(?:shot|stabbed|slashed|assaulted|beaten(?:\s+up)?|pistol[\s-]whipped|struck\s+(?:by|with|in|on)|"
    r"hit\s+(?:by|in|on)|attacked\s+with)|found\s+(?:wounded|injured|bleeding)"
)
_DETAINED = (
    r"arrested|detained|taken\s+into\s+(?:police\s+|judicial\s+)?custody|nabbed|apprehended|"
    r"captured|rounded\s+up|picked\s+up|taken\s+away"
)
# Captivity is written of hostages, never of arrests: "held captive" is an abduction.
_ABDUCTED = r"abducted|kidnapped|taken\s+hostage|taken\s+captive|held\s+(?:captive|hostage)"
_SURRENDERED = (
    r"surrendered|surrenders|gave\s+(?:himself|herself|themselves)\s+up|turned\s+(?:himself|herself|themselves)\s+in"
)
_AUXILIARY = (
    r"(?:(?:was|were|is|are)\s+being|was|were|is|are|has\s+been|have\s+been|had\s+been|got|gets|being|been)\s+"
    r"(?:(?:allegedly|reportedly|also|later|then|subsequently|brutally|mistakenly|all|both|apparently|"
    r"eventually|immediately|allegedly)\s+)*"
)
_PREDICATE = re.compile(
    rf"(?:{_AUXILIARY}(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED})|(?P<detained>{_DETAINED})|"
    rf"(?P<abducted>{_ABDUCTED})|(?P<shot>{_HARMED})|(?P<treated>{_TREATED})))"
    rf"|(?:(?:also\s+|later\s+|reportedly\s+|allegedly\s+|then\s+|subsequently\s+)?"
    rf"(?:(?P<died>{_DIED})|(?P<hurt>{_INJURED_INTRANSITIVE})|(?P<surrendered>{_SURRENDERED})))"
    r"(?![\w-])"
)
_OBJECT_END = (
    r"[^,.;]{1,60}?(?=\s+(?:in|at|on|near|from|of|after|during|while|and|as|who|when|for|with|outside|inside|over|"
    r"under|by|to|following|identified|alias|belonging|suspected|dead|\w+ing)\b|[,.;]|$)"
)
_OBJECT_NP = (
    rf"(?:a|an|one|another)\s+(?!(?:number|few|couple\s+of|total|lot|dozen|group|handful|series)\b){_OBJECT_END}"
)
# "abducted and killed a couple": the same people were first taken, then killed.
_ABDUCTED_AND = re.compile(r"\b(?:abducted|kidnapped)\s+and\s+(?:later\s+|then\s+)?$")
# "killed the village headman", "abducted his son": a definite object, one person already in the story.
_DEFINITE_NP = rf"(?:the|his|her|their)\s+(?!(?:same|other|rest|area|spot|scene|way)\b){_OBJECT_END}"
_ACTIVE = re.compile(
    r"(?<![\w-])(?:(?P<killed>shot\s+dead|shoots?\s+dead|killed|kills?|killing|murdered|murders?|gunned\s+down|"
    r"guns?\s+down|(?:hacked|hacks?|stabbed|beaten|bludgeoned)\s+to\s+death|beheaded|beheads?|lynched|"
    r"executed|assassinated|shot\s+and\s+killed)"
    r"|(?P<injured>injured|injures?|injuring|wounded|wounds?|wounding|hurting)"
    r"|(?P<detained>arrested|arrests?|arresting|nabbed|nabs?|apprehended|apprehends?|detained|detains?|captured|"
    r"captures?)"
    r"|(?P<abducted>abducted|abducts?|abducting|kidnapped|kidnaps?|kidnapping)"
    r"|(?P<shot>shot|shoots|shooting|stabbed|stabs|stabbing|assaulted|assaults|assaulting|pistol-whipped))"
    rf"\s+(?P<object>{_OBJECT_NP}|{_DEFINITE_NP}|him\b|her\b|himself\b|herself\b)"
)
# "abducted a party leader and a ward member": each further object after "and" is counted too.
_MORE_OBJECT = re.compile(rf"\s+and\s+(?:then\s+)?(?P<object>{_OBJECT_NP}|{_DEFINITE_NP}|himself\b|herself\b)")
# A definite object is a person only after a verb that takes people: "shot the suspect" is how police
# shootings of attackers are written, "captured the town" takes a place.
_DEFINITE_START = re.compile(r"(?:the|his|her|their)\s", re.IGNORECASE)
# The object of an active verb can also be a name; matched on the original text, which keeps the capitals.
_PROPER = r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+"
_ACTIVE_NAMED = re.compile(
    r"(?<![\w-])(?P<verb>shot\s+dead|shoots?\s+dead|shot|shooting|stabbed|killed|kills?|murdered|gunned\s+down|hacked\s+to\s+death|"
    r"abducted|abducts?|kidnapped|kidnaps?|arrested|arrests?|nabbed|apprehended|detained|took\s+away|picked\s+up)\s+"
    r"(?:(?!(?:in|at|on|near|from|of|by|to|with|after|during|for|and|the|a|an|into|under|over)\s)[a-z]+\s+){0,3}?"
    rf"(?P<name>{_PROPER}(?:\s*,\s*{_PROPER})*(?:,?\s+and\s+{_PROPER})?)"
)
_ACTIVE_CATEGORY = {
    "shot": "killed", "shoot": "killed", "shoots": "killed", "killed": "killed", "kills": "killed",
    "kill": "killed", "murdered": "killed", "gunned": "killed", "hacked": "killed", "abducted": "abducted",
    "abducts": "abducted", "abduct": "abducted", "kidnapped": "abducted", "kidnaps": "abducted",
    "kidnap": "abducted", "arrested": "detained", "arrests": "detained", "arrest": "detained",
    "nabbed": "detained", "apprehended": "detained", "detained": "detained", "took": "detained",
    "picked": "detained",
}  # fmt: skip
_ZERO = re.compile(
    r"(?<![\w-])(?:no(?:\s+one|body)|none)\s+(?:else\s+)?(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+ly\s+)?"
    r"(?P<verb>hurt|injured|wounded|harmed|killed)"
    r"|(?<![\w-])no\s+(?:(?:one|body)\s+)?(?P<noun>casualties|causalities|injuries|deaths|fatalities|loss\s+of\s+lives?|"
    r"loss\s+of\s+life|one\s+(?:was\s+)?(?:hurt|injured|killed))\b(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been)"
    r"\s+reported)?"
)
_ZERO_CATEGORY = {
    "hurt": "injured", "injured": "injured", "wounded": "injured", "injuries": "injured", "killed": "killed",
    "deaths": "killed", "fatalities": "killed", "loss": "killed", "harmed": "casualties", "casualties": "casualties",
    "causalities": "casualties",
}  # fmt: skip
_BODY = re.compile(
    r"(?<![\w-])bod(?:y|ies)\s+of\s+(?:(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+"
    r"(?:[\w'’-]+\s+)??(?P<plural>[\w'’-]+)\b|(?P<one>a|an|one)\s+"
    r"(?:(?:young|old|elderly|local|unidentified|middle-aged)\s+)?(?P<head>[\w'’-]+)"
    r"|(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}))"
)
# Where a clause (and so a subject) starts, looking back from a predicate.
_SUBJECT_BREAK = re.compile(
    r"[;\"“”]|(?<!\d):(?!\d)|\s(?:--|[—–-])\s|,\s+(?i:and|but|while|as|when|after)\s|\band\s+(?=[a-z])"
    r"|(?<!identified\s)(?<!known\s)\b(?i:but|while|whereas|after|before|when|where|as|that|said|says|say|told|"
    r"reported|reports|because|since|until|if|who|whom|which|then)\s"
)
_NOT_ANYONE = re.compile(r"^(?:(?:that|if|whether)\s+)?(?:either|neither|any|anyone|anybody)\b", re.IGNORECASE)
_ANOTHER = re.compile(r"^(?:another|one\s+other)$", re.IGNORECASE)
_INDEFINITE = re.compile(r"^(?:a|an|one|another)\s+(?P<rest>.+)$", re.IGNORECASE)
_NOT_PERSON_QUANTITY = re.compile(
    r"^(?:number|few|couple|total|lot|dozen|group|handful|series|host|crowd|family|gang|mob|bomb|vehicle|car|"
    r"truck|bus|house|building|shop|convoy|patrol|camp|post|village|team|squad|unit)(?:\s+of\b|$)",
    re.IGNORECASE,
)
_COUPLE = re.compile(r"^(?:a|the)\s+(?:married\s+|young\s+|elderly\s+)?couple$", re.IGNORECASE)
_BOTH = re.compile(r"^(?:both(?:\s+\w+)?|the\s+two(?:\s+\w+)?|the\s+pair)$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:he|she|him|her|himself|herself)$", re.IGNORECASE)
_DEFINITE = re.compile(r"^(?:the|this|that|his|her)\s+(?:[\w'’-]+\s+){0,5}?(?P<head>[\w'’-]+)$", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:bin|ibn|al|el|de|da|van|von|der|du)(?=\s))"
_NAME = re.compile(rf"^(?:{_NAME_WORD}\s+){{0,6}}[A-Z][\w'’.-]+$")
_TITLE = re.compile(
    r"^(?:mr|mrs|ms|dr|officer|deputy|constable|sergeant|sgt|lt|capt|captain|major|gen|general|col|colonel|"
    r"inspector|sub-inspector|head\s+constable|rifleman|jawan|havildar|naik|sepoy|private|pvt|cpl|corporal)\.?\s+",
    re.IGNORECASE,
)


# Capitalised words that start a subject but are not a person's name.
def _wordset(words: str) -> frozenset[str]:
    """Word lists read better as prose than as a hundred quoted literals."""
    return frozenset(words.split())


_NOT_NAME = _wordset(
    """police army forces force troops security government ministry department office county city state
    authorities officials militants insurgents rebels maoists naxalites terrorists gunmen soldiers civilians
    people residents villagers he she they it we i there this that these those some many several all both
    nobody none everyone someone others court district village news report reports witnesses sources
    on in at after before during while when monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december one two three four five
    six seven eight nine ten"""
)


_LEAD_IN = re.compile(
    r"^(?:[a-z]+ly$|on|in|at|late|early|earlier|later|around|about|by|from|during|meanwhile|separately|however|also|"
    r"police\s+said|according)\b",
    re.IGNORECASE,
)


_Count = tuple[int | None, int | None, str, bool]


def _subject(sentence: str, end: int) -> tuple[int, int, _Count] | None:
    """The subject written before a predicate starting at ``end``, with its count.

    The subject starts at the nearest clause break; a relative clause in between ("M. Roe, who had led the
    cell, was arrested") is skipped back over. Comma-closed lead-ins ("On Monday, ...") are passed, and of an
    appositive chain ("A civilian, Jane Roe of Kiro, was killed") the first phrase that counts is the counted
    one: "The 'commander' of the outfit, identified as Suresh, was killed" counts Suresh. Of a conjunction
    whose first part counts nothing ("A civilian and 11 policemen"), the last conjunct is the subject; the
    caller reads the conjuncts before it.
    """
    masked = _APPOSED.sub(lambda m: " " * len(m.group(0)), sentence[:end])
    starts = [0, *(m.end() for m in _SUBJECT_BREAK.finditer(masked))]
    for index in range(len(starts) - 1, -1, -1):
        start = starts[index]
        span = masked[start:end]
        for offset, segment in ((m.start(), m.group(0)) for m in re.finditer(r"[^,]+", span)):
            stripped = segment.strip()
            if not stripped or (_LEAD_IN.match(stripped) and offset + len(segment) < len(span.rstrip(", "))):
                continue
            lead = start + offset + len(segment) - len(segment.lstrip())
            named = _IDENTIFIED.match(stripped)
            if named:
                lead, stripped = lead + named.end(), stripped[named.end() :]
            counted = _count(stripped)
            if counted is None and (conjunct := _LAST_CONJUNCT.search(stripped)):
                lead, stripped = lead + conjunct.start("last"), conjunct.group("last")
                counted = _count(stripped)
            if counted is not None:
                return lead + _age_end(stripped), lead + len(stripped), counted
            if index < len(starts) - 1:
                break  # past a relative clause only the phrase it qualifies can be the subject
        if not _RELATIVE_BREAK.search(masked, max(0, start - 8), start):
            return None
    return None


_IDENTIFIED = re.compile(r"^(?:identified\s+as|named|known\s+as)\s+", re.IGNORECASE)
_LAST_CONJUNCT = re.compile(r"\s+and\s+(?P<last>(?:(?!\s+and\s).)+)$")


def _age_end(phrase: str) -> int:
    """Where the phrase continues after an age ("a 19-year-old man" -> "man"): an age is never the count."""
    age = _AGE.search(phrase)
    return age.end() if age and phrase[age.end() :].strip() else 0


def _count(phrase: str) -> _Count | None:
    """Low and high value, head word and whether the phrase refers back, for a subject or object noun phrase."""
    phrase = _MODIFIER.sub("", _ALIAS.sub("", phrase.strip()))
    if not phrase or _CLAUSE_WORD.search(phrase) or _NOT_ANYONE.match(phrase):
        return None  # a verb means this is no noun phrase; "either person", "neither of them" count nobody sure
    if re.search(r"\d", _AGE.sub("", phrase)) or not _INDEFINITE.match(phrase):
        numeral = _numeral(phrase)
        if numeral is not None or re.search(r"\d", _AGE.sub("", phrase)):
            return numeral
    if _COUPLE.match(phrase):
        return 2, 2, "couple", False
    if _ANOTHER.match(phrase):
        return 1, 1, "", False  # "one was killed and another sustained injuries"
    if _BOTH.match(phrase):
        return 2, 2, "both", True
    if _PRONOUN.match(phrase):
        return 1, 1, "", True
    indefinite = _INDEFINITE.match(phrase)
    if indefinite:
        rest = indefinite.group("rest")
        if (
            _NOT_PERSON_QUANTITY.match(rest)
            or _MATERIEL.match(rest.lower())
            or re.search(r"\bof\s+(?:\w+\s+)?(?:people|men|women|villagers)\b", rest)
        ):
            return None
        head = _head(rest)  # "a fighter of the group": the fighter
        if _not_person(head):
            return None
        return (1, 1, head, False) if not head.endswith("s") or head.endswith(("ss", "us")) else None
    definite = _DEFINITE.match(_without_name(re.split(r"\s+of\s+", phrase)[0]))
    if definite:
        head = _head(definite.group(0)[definite.start("head") :])
        if (head.endswith("s") and not head.endswith(("ss", "us"))) or _not_person(head):
            return None
        return 1, 1, head, True
    unqualified = re.split(r"\s+of\s+", _TITLE.sub("", _AGE.sub("", phrase)))[0]  # "Roe of the 2nd battalion"
    names = [part for part in re.split(r"\s*,\s*|\s+and\s+", unqualified) if part]
    if names and all(_NAME.match(name) and name.split()[0].lower() not in _NOT_NAME for name in names):
        if any(word.lower() in _NOT_NAME for name in names for word in name.split()):
            return None
        return len(names), len(names), "", True
    return None


# What follows the head of a noun phrase without being part of it: "a Naxalite belonging to the outfit", "a
# constable attached to the battalion", "a cadre carrying a reward of INR 100,000".
_MODIFIER = re.compile(
    r"\s+(?:belonging\s+to|attached\s+to|posted\s+(?:at|in|to)|hailing\s+from|carrying|identified\s+as|"
    r"associated\s+with|working\s+(?:for|with|as)|resident\s+of)\b.*$",
    re.IGNORECASE,
)
# "a CPI-M supporter Basu Das", "the village headman Neeraj Kumar": the name after the head is in apposition.
_NAME_AFTER_HEAD = re.compile(r"(?<=[a-z])(?:\s+[A-Z][\w'’.-]*){1,4}$")


def _without_name(phrase: str) -> str:
    """The phrase less a name in apposition at its end, when a common noun is left ("the village headman")."""
    shorter = _NAME_AFTER_HEAD.sub("", phrase)
    return shorter if len(shorter.split()) > 1 else phrase


def _head(rest: str) -> str:
    """The head word of a noun phrase after its determiner: before any "of", and before a name in apposition."""
    return _without_name("a " + re.split(r"\s+of\s+", rest)[0]).split()[-1].lower()


# Heads that name what happened or what was hit, never a person: "the shooting was captured on camera".
_THING_HEADS = _wordset(
    """incident attack crime robbery case gunfire fire blast explosion raid ambush fight violence video footage
    weapon gun rifle pistol car vehicle truck home house building residence apartment window door wall store shop
    scene area street road suspect's matter report investigation warrant call dog dogs cat horse cow animal deer
    coyote bear tire tires"""
)
_PERSON_ING = _wordset("sibling king offspring darling youngling")


def _not_person(head: str) -> bool:
    """Whether the head word of a noun phrase names an event or a thing (a verbal noun, "the incident")."""
    return (
        head in _THING_HEADS
        or (head.endswith("ing") and head not in _PERSON_ING)
        or bool(_MATERIEL.match(head) or _NOT_PERSON_QUANTITY.match(head))
    )


def _numeral(phrase: str) -> _Count | None:
    """ "Six couriers of the banned outfit", "At least two rebels": a subject that opens with a number."""
    numbers = find_numbers(phrase)
    if (
        not numbers
        or numbers[0].share is not None
        or phrase[: numbers[0].start].strip(" '‘’\"").lower()
        not in (
            "",
            "all",
            "the",
            "another",
            "other",
            "all the",
        )
    ):
        return None
    number = numbers[0]
    words = phrase[number.end :].split()
    head = words[0].lower() if words else ""
    if (
        head in ("of", "percent", "per", "%", "a.m.", "p.m.", "am", "pm")
        or not head
        or _MATERIEL.match(" ".join(words[:3]).lower())
    ):
        return None  # "two of the" partitives are read by the figures stage; a bare number is no subject
    return number.value_low, number.value_high, head, False


_GROUPS = ("killed", "injured", "detained", "abducted", "surrendered", "died", "hurt", "shot", "treated")
# "shot Jane Roe": an injury that may prove fatal; "shot dead Jane Roe" is read by ``_ACTIVE_CATEGORY``.
_HARM_VERBS = frozenset({"shot", "shooting", "stabbed"})


def _category(match: re.Match[str]) -> str:
    group = next(name for name in _GROUPS if name in match.re.groupindex and match.group(name))
    return {"died": "killed", "hurt": "injured", "shot": "injured", "treated": "injured"}.get(group, group)


def find_victims(sentence: str) -> list[Victim]:
    """Counts written without numerals in one sentence, in text order.

    Args:
        sentence: one sentence (see ``transforms.sentences``).

    Returns:
        One ``Victim`` per counted phrase; a "was shot" injury later said to be fatal in the same sentence is left
        out, and an explicit zero ("no one was hurt") is a victim of value 0.
    """
    folded = fold_case(sentence)
    if not _ANY_STEM.search(folded):
        return []
    found: list[Victim] = []
    for predicate in match_at_words(_PREDICATE, sentence, _PREDICATE_FIRST, folded=folded):
        if _NEGATED.search(folded, 0, predicate.start()):
            continue  # "evacuated, not surrendered"; "was never arrested"
        if predicate.group("treated") and _NOT_TREATED.match(folded, predicate.end()):
            continue
        subject = _subject(sentence, predicate.start())
        if subject and predicate.group("treated") and _SUSPECT.search(sentence, subject[0], subject[1]):
            continue  # "both suspects were taken to a hospital with dog bites": the attackers, not the victims
        shot = bool(predicate.group("shot") or predicate.group("treated"))
        if subject is None and found and _SHARED_SUBJECT.search(folded, 0, predicate.start()):
            # "The man was shot on Thursday and died on Sunday": the earlier subject, counted once.
            earlier = found[-1]
            later = replace(earlier, category=_category(predicate), refers_back=True, provisional=shot)
            if earlier.provisional:
                found[-1] = later  # shot, then died: one death, no injury
            elif later.category != earlier.category:
                found.append(later)
            continue
        while subject is not None:
            start, end, (low, high, head, refers_back) = subject
            category = _category(predicate)
            held = category == "detained" and not _ARREST.match(folded, predicate.start("detained"))
            if held and _BY_ARMED_GROUP.match(folded, predicate.end()):
                category = "abducted"
            found.append(Victim(start, end, low, high, category, head, refers_back, shot))
            conjunction = _AND_BEFORE.search(sentence, 0, start)
            # "Two rebels and a farmer were injured": each conjunct is counted.
            subject = _subject(sentence, conjunction.start()) if conjunction else None
    for active in match_at_words(_ACTIVE, sentence, _ACTIVE_FIRST, folded=folded):
        start = active.start("object")
        phrase = sentence[start : active.end("object")]
        counted = _count(phrase)
        if counted is not None and not _PASSIVE_OR_MODAL.search(folded, 0, active.start()):
            low, high, head, refers_back = counted
            shot = bool(active.group("shot"))
            category = _category(active)
            held = category == "detained" and not _ARREST.match(folded, active.start())
            if held and _ARMED_GROUP_BEFORE.search(folded, 0, active.start()):
                category = "abducted"
            if shot and (_FATAL_AFTER.match(folded, active.end()) or _FATAL_BEFORE.search(folded, 0, active.start())):
                shot, category = False, "killed"  # "shot him to death", "shot a man dead"
            if _DEFINITE_START.match(phrase) and (
                shot or category == "injured" or folded.startswith("captur", active.start())
            ):
                continue
            begin = start + _age_end(phrase)
            found.append(Victim(begin, active.end("object"), low, high, category, head, refers_back, shot))
            if category == "killed" and _ABDUCTED_AND.search(folded, 0, active.start()):
                found.append(Victim(begin, active.end("object"), low, high, "abducted", head, refers_back))
            more = _MORE_OBJECT.match(sentence, active.end("object"))
            counted_more = _count(more.group("object")) if more else None
            if more and counted_more:
                low, high, head, refers_back = counted_more
                begin = more.start("object") + _age_end(more.group("object"))
                found.append(Victim(begin, more.end("object"), low, high, category, head, refers_back, shot))
    for active in match_at_words(_ACTIVE_NAMED, sentence, _ACTIVE_FIRST):
        name = active.group("name")
        if name.split()[0].lower() in _NOT_NAME or _PASSIVE_OR_MODAL.search(folded, 0, active.start()):
            continue
        verb = active.group("verb").lower()
        shot = verb in _HARM_VERBS
        category = "injured" if shot else _ACTIVE_CATEGORY[verb.split()[0]]
        held = category == "detained" and not _ARREST.match(verb)
        if held and _ARMED_GROUP_BEFORE.search(folded, 0, active.start()):
            category = "abducted"
        if verb.startswith(("took", "picked")) and (category != "abducted" or name.endswith(("'s", "’s"))):
            continue  # "the bus picked up Roe", "took away Roe's phone": only an armed group's taking is an abduction
        names = [part for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", name) if part]
        if any(part.split()[0].lower() in _NOT_NAME for part in names):
            names = names[:1]  # "Roe and Police officers": only the name before the list turns into something else
        count = len(names)
        found.append(Victim(active.start("name"), active.end("name"), count, count, category, "", True, shot))
    for left in _LEFT.finditer(folded) if _LEFT_HINT.search(folded) else ():
        for outcome in _LEFT_OUTCOME.finditer(folded, left.end(), _clause_end(folded, left.end())):
            start = outcome.start()
            head = outcome.group("np").split()[-1]
            word = outcome.group("outcome").split()[0]
            hit = word in ("shot", "stabbed")  # "found a juvenile shot": may yet be said to have died
            found.append(Victim(start, outcome.end("np"), 1, 1, _LEFT_CATEGORY[word], head, provisional=hit))
    for state in _INJURY_STATE.finditer(sentence) if "injur" in folded or "wound" in folded else ():
        owner = state.group("owner")
        counted = (1, 1, "", True) if owner.lower() in ("his", "her") else _count(owner[:-2])
        if counted is not None and counted[0] == 1:
            found.append(Victim(state.start(), state.end("owner"), 1, 1, "injured", counted[2], counted[3], True))
    for other in _ANOTHER_HARMED.finditer(folded) if "other" in folded else ():
        category = "killed" if other.group("outcome") in ("killed", "dead") else "injured"
        found.append(Victim(other.start("np"), other.end("np"), 1, 1, category, other.group("head") or "", False))
    for wounded in _WITH_WOUND.finditer(folded) if "wound" in folded else ():
        counted = _count(wounded.group("np"))
        if counted is not None and counted[0] == 1:
            found.append(Victim(wounded.start(), wounded.end("np"), 1, 1, "injured", counted[2], counted[3], True))
    for fatal in _FATALLY.finditer(folded) if "ally" in folded else ():
        numbers = find_numbers(fatal.group("count"))
        if numbers and numbers[0].value_low is not None:
            low, high = numbers[0].value_low, numbers[0].value_high
            found.append(Victim(fatal.start(), fatal.end(), low, high, "killed", "", False))
    for death in _DEATH_OF.finditer(sentence) if _DEATH_HINT.search(folded) else ():
        if _RECORD_BEFORE.search(folded, 0, death.start()):
            continue
        phrase = death.group("object")
        counted = _count(phrase)
        if counted is not None and counted[0] is not None and counted[0] <= 3:
            low, high, head, refers_back = counted
            found.append(Victim(death.start("object"), death.end("object"), low, high, "killed", head, refers_back))
    for event in _DEATH_EVENT.finditer(folded) if _DEATH_HINT.search(folded) else ():
        found.append(Victim(event.start(), event.end(), 1, 1, "killed", "", True))
    for body in _BODY.finditer(sentence) if "bod" in folded else ():
        bodies = find_numbers(body.group("count") or "")
        if bodies and bodies[0].value_low is not None and not _not_person(body.group("plural").lower()):
            low, high = bodies[0].value_low, bodies[0].value_high
            found.append(Victim(body.start(), body.end(), low, high, "killed", body.group("plural").lower()))
        elif body.group("one") or body.group("name"):
            head = (body.group("head") or "").lower()
            found.append(Victim(body.start(), body.end(), 1, 1, "killed", head, bool(body.group("name"))))
    for zero in _ZERO.finditer(folded) if _ZERO_HINT.search(folded) else ():
        word = (zero.group("verb") or zero.group("noun") or "").split()[0]
        if word == "one":
            word = zero.group("noun").split()[-1]
        found.append(Victim(zero.start(), zero.end(), 0, 0, _ZERO_CATEGORY.get(word, "casualties"), ""))
    return _settled(found)


# "left a guard dead and a nurse wounded": the outcome follows the person it happened to.
_LEFT = re.compile(
    r"\b(?:left|leaving|leaves|found|find|finding|discovered|sent|sending|sends)\s+(?=(?:a|an|one|another)\s)"
)
_LEFT_OUTCOME = re.compile(
    r"(?<![\w-])(?P<np>(?:a|an|one|another)(?:\s+[\w'’-]+){1,3}?)\s+(?P<outcome>dead|wounded|injured|hurt|"
    r"(?:shot|stabbed)(?!\s+(?:dead|to\s+death|at)\b)|"
    r"in\s+(?:critical|serious|stable|grave)\s+condition|to\s+(?:a\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?hospital)\b"
)
# Keyed by the outcome's first word: "in critical condition" and "to the hospital" are injuries.
_LEFT_CATEGORY = {
    "dead": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured", "in": "injured", "to": "injured",
    "shot": "injured", "stabbed": "injured",
}  # fmt: skip


def _clause_end(folded: str, start: int) -> int:
    end = re.search(r"[;.]|,\s+(?:police|officials|authorities|the)\b", folded[start:])
    return start + end.start() if end else len(folded)


# "a man arrived there with a gunshot wound": the wound follows the person, who may still die of it.
_GAP_STOP = "a|an|the|with|and|who|after|before|when|while|in|at|to|from|of|on|by|suffering"
_WITH_WOUND = re.compile(
    rf"(?<![\w-])(?P<np>(?:a|an|one|another)(?:\s+(?!(?:{_GAP_STOP})\b)[\w'’-]+){{1,3}}?)"
    r"(?:\s+(?!(?:a|an|with|and|who|suffering)\b)[a-z]+){0,4}?\s+(?:with|suffering(?:\s+from)?)\s+"
    r"(?:a\s+|an\s+|multiple\s+|several\s+|two\s+|three\s+)?(?:[\w-]+\s+){0,2}?(?:gunshot|bullet|stab|knife)\s+wounds?"
)
# "The victim's injury was non-life threatening", "his wounds are not life-threatening": the state of a wound
# names the one person who has it, who may yet be said to have died.
_INJURY_STATE = re.compile(
    r"(?<![\w'’-])(?P<owner>(?i:his|her)|(?i:the|a|an)\s+(?:[\w-]+\s+){0,2}?[\w-]+['’]s)\s+(?i:injury|injuries|wounds?)\s+"
    r"(?i:(?:was|were|is|are|(?:did|does|do)\s+not\s+appear\s+to\s+be|(?:appeared|appears|appear)\s+to\s+be)\s+)"
    r"(?i:(?:not\s+|non-?\s?)life[-\s]threatening|minor|serious|critical|severe|superficial)\b"
)
# "Four men were shot, one of them fatally": the dead among people counted as hit (see ``transforms.totals``).
_FATALLY = re.compile(
    r"(?<![\w-])(?P<count>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+"
    r"(?:of\s+(?:them|whom|the\s+[\w-]+)\s+)?(?:was\s+|were\s+)?(?:fatally|mortally)"
    r"(?!\s+(?:shot|wounded|injured|stabbed|struck|hit))\b"
)
# "One man was killed and another injured": the verb left out after "and another".
_ANOTHER_HARMED = re.compile(
    r"(?:\band|\bwhile|,)\s+(?P<np>another|one\s+other)(?:\s+(?P<head>(?!was\b|were\b|is\b)[a-z]+))??\s+"
    r"(?:(?:critically|seriously|severely|grievously|badly|slightly|also)\s+)?"
    r"(?P<outcome>injured|wounded|hurt|killed|dead|(?:taken|rushed)\s+to\s+(?:a\s+|the\s+)?hospital)\b"
)
# A death written as a noun: "the fatal shooting of a security guard", "the killing of Roe", "the shooting
# deaths of Roe and Doe", "charged in the death of 63-year-old Roe". Court reports name the case they are about
# so; a death the report counts otherwise too is counted once by the incident totals.
_DEATH_OF = re.compile(
    r"(?i:\b(?:(?:fatal|deadly)\s+(?:shooting|stabbing|beating|attack)|(?:shooting\s+|stabbing\s+)?deaths?|"
    r"killing|murder|slaying|homicide)\s+of\s+(?:\d{1,3}-year-old\s+)?)"
    rf"(?P<object>(?i:{_OBJECT_NP})|{_PROPER}(?:\s*,\s*{_PROPER})*(?:,?\s+and\s+{_PROPER})?)"
)
# A record of someone's past, not this report's incident: "wanted in cases including the killing of Roe",
# "a strike to protest the killing of three cadres", "in retaliation for the murder of Roe".
_RECORD_BEFORE = re.compile(
    r"\b(?:involved|involvement|wanted|accused|cases?|including|protest(?:ing|ed)?|retaliation|revenge|avenge|"
    r"mastermind|behind|role|booked|absconding|in\s+connection\s+with)\b[^.;]*$"
)
_DEATH_HINT = re.compile(r"fatal|deadly|death|killing|murder|slaying|homicide")
# A death named without its victim: "investigating a homicide", "a fatal shooting": at least one person died.
_DEATH_EVENT = re.compile(
    r"(?<![\w-])(?:a|the)\s+(?:(?:fatal|deadly)\s+(?:shooting|stabbing)|homicide)(?![\w-])(?!\s+of\b)"
)
_SHARED_SUBJECT = re.compile(r"(?:,?\s+(?:and|but)|,)\s+(?:later\s+|then\s+|subsequently\s+)?$")
_FATAL_BEFORE = re.compile(r"\b(?:fatally|mortally)\s+$")
_FATAL_AFTER = re.compile(r"\s+(?:to\s+death|dead|fatally)\b")
# Every pattern below needs one of these stems: most sentences of a report have none and cost one scan.
_ANY_STEM = re.compile(
    r"kill|dead|die|death|shot|wound|injur|hurt|harm|arrest|detain|custody|nab|apprehen|captur|captive|abduct|"
    r"kidnap|hostage|surrender|murder|slain|gunned|guns|lynch|behead|execut|strangl|stab|hospital|succumb|perish|"
    r"martyr|neutrali|eliminat|bod(?:y|ies)|no\s+one|nobody|none|casualt|causalt|fatalit|grazed|suffer|sustain|"
    r"receiv|life|condition|recover|hack|beaten|burn|pick|rounded|gave|turned|assassin|loss|assault|whip|struck|"
    r"hit|slash|attacked|medical|infirmary|emergency|fatal|mortally|homicid|slay|thrash|bludgeon|picked|taken"
)
# The words a predicate or an active verb can start with: the patterns are tried only there (see
# ``match_at_words``), which keeps a long report in the low milliseconds.
_PREDICATE_FIRST = _wordset(
    """was were is are has have had got gets being been also later reportedly allegedly then subsequently died
    dies succumbed lost perished suffered sustained received suffering found surrendered surrenders gave turned
    sustains suffers receives pronounced declared"""
)
_ACTIVE_FIRST = _wordset(
    """shot shoot shoots killed kill kills killing murdered murder murders gunned gun guns hacked hack hacks beaten
    bludgeoned
    stabbed beheaded behead beheads lynched executed assassinated injured injure injures injuring wounded wound
    wounds wounding hurting arrested arrest arrests arresting nabbed nab nabs apprehended apprehend apprehends
    detained detain detains captured capture captures abducted abduct abducts abducting kidnapped kidnap kidnaps
    kidnapping shoot shooting stabs stabbing assaulted assault assaults assaulting pistol-whipped took picked"""
)
_LEFT_HINT = re.compile(r"\b(?:left|leaving|leaves|found|find|finding|discovered|sent|sending|sends)\b")
_ZERO_HINT = re.compile(r"\bno(?:ne|body)?\b")
_AND_BEFORE = re.compile(r",?\s+and\s+$")
# What a subject carries in brackets or between dashes: "Roe (30)", "A trooper - Roe - was injured".
_APPOSED = re.compile(r"\([^()]*\)|\s[-–—]\s[^-–—.;:]{1,80}\s[-–—](?=\s)")
_RELATIVE_BREAK = re.compile(r"\b(?:who|which|that|whom)\s$", re.IGNORECASE)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old(?:\s+|$)")
# What is seized, recovered or carried out, never people ("executed a search warrant"): no victim.
_MATERIEL = re.compile(
    r"^(?:[\w'’-]+\s+){0,2}?(?:weapons?|arms|rifles?|guns?|pistols?|revolvers?|cartridges?|rounds|bullets|"
    r"ammunition|explosives?|bombs?|grenades?|mines?|landmines?|detonators?|vehicles?|cars?|trucks?|motorcycles?|"
    r"bikes?|boats?|phones?|kilograms?|kgs?|tonnes?|packets?|bags?|boxes|drones?|missiles?|rockets?|shells?|"
    r"warrants?|search|plans?|orders?|raids?|operations?|deals?)\b"
)
_ALIAS = re.compile(r"\s+(?:alias|a\.k\.a\.?|aka)\s+.*$", re.IGNORECASE)
_CLAUSE_WORD = re.compile(
    r"\b(?:had|has|have|was|were|is|are|been|not|said|says|would|will|died|dies|fled|escaped)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|no\s+one|nobody|neither|nor)\s+(?:\w+\s+){0,1}$")
# "was shot by", and what was only threatened or tried: "would kill himself", "trying to shoot a man".
_PASSIVE_OR_MODAL = re.compile(
    r"\b(?:was|were|is|are|been|being|be|to|would|will|could|might|may|can|should|must)\s+(?:\w+ly\s+)?$"
)


def _settled(found: list[Victim]) -> list[Victim]:
    """Text order, one victim per span, and a "was shot" dropped when the sentence also reports a death."""
    ordered: list[Victim] = []
    for victim in sorted(found, key=lambda v: (v.start, -v.end)):
        if any(
            other.start < victim.end and victim.start < other.end and other.category == victim.category
            for other in ordered
        ):
            continue
        ordered.append(victim)
    death = any(victim.category == "killed" for victim in ordered)
    return [victim for victim in ordered if not (victim.provisional and death)]


# "were shot", "shot two men": people hit, some of whom may be counted again among the dead.
_SHOT_AFTER = re.compile(
    r"(?:[\s,]+[\w'’-]+){0,4}?\s+(?:was|were|have\s+been|has\s+been|had\s+been|got|being)\s+(?:\w+ly\s+)?"
    r"(?:shot|stabbed)\b(?!\s+(?:dead|and\s+killed|to\s+death))",
    re.IGNORECASE,
)
_SHOT_BEFORE = re.compile(r"\b(?:shot|shooting(?:\s+of)?|shootings\s+of|stabbed|stabbing(?:\s+of)?)\s+$", re.IGNORECASE)


def counts_the_shot(sentence: str, start: int, end: int) -> bool:
    """Whether the count at ``sentence[start:end]`` is of people shot or stabbed, whom a death may later claim.

    "Four men were shot", "a gunman shot two men": the count is of people hit, not of the wounded, so the
    figures stage drops it when as many of them are later said to have died, and the incident totals take the
    dead out of it.
    """
    return bool(_SHOT_AFTER.match(sentence, end) or _SHOT_BEFORE.search(sentence, 0, start))


_ATTACKED_BEFORE = re.compile(r"\b(?:shot|shooting|stabbed|stabbing|assaulted|assaulting)\s+$", re.IGNORECASE)


def shot_by_attacker(sentence: str, start: int) -> bool:
    """Whether the count at ``sentence[start:]`` is the object of an active harm verb ("shot him", "shot Roe").

    Reports narrate the attack on someone they introduced before; when they count a death, that is who it was.
    """
    return _ATTACKED_BEFORE.search(sentence, 0, start) is not None
