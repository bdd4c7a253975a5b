"""Whether a place name in French or Spanish copy is part of a longer capitalised name.

French and Spanish write the names of institutions, people and buildings with capitals and join their words with
"de", "del", "du", "de la": "Defensoría del Pueblo", "Banco de la República", "Policía Nacional de Haití",
"ministère de la Défense du Niger", "estadio Atanasio Girardot". A place name opening or closing such a name is
part of it ("El Banco de la República", "La Cruz Roja"), not a place the report is about. A capitalised word
opening the sentence proves nothing ("Cerca de Goma", "Près de Kidal"), and neither do the words that put a
place in its setting: a kind of area ("Estado de Zulia", "Province du Nord"), a direction ("Norte de
Santander", "Sud du Mali"), a preposition or an article.
"""

from __future__ import annotations

import re

__all__ = ["closes_longer_name", "opens_longer_name"]

# The word before the name, and the joining words: "Defensoría del ", "Défense du ", "Atanasio ", "Banque d'"
_WORD_BEFORE = re.compile(
    r"([^\W\d_][\w'’-]*)[ \t]+(?:(?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|du|des|de)[ \t]+|d['’]|de[ \t]+l['’])?$"
)
# The joining words and the word after the name: " de la República", " Roja"
_WORD_AFTER = re.compile(
    r"[ \t]+(?:(?:de[ \t]+la|de[ \t]+los|de[ \t]+las|del|du|des|de)[ \t]+|d['’]|de[ \t]+l['’])?([^\W\d_][\w'’-]*)"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“”«»()\[\]—–-])[ \t]*$")
# Words naming a direction or a kind of area, before a name ("Norte de Santander") or after it ("Goma Este")
_AREA_WORDS = frozenset(
    [
        *("norte", "sur", "este", "oeste", "centro", "nord", "sud", "est", "ouest", "centre", "alto", "bajo"),
        *("provincia", "province", "departamento", "département", "estado", "état", "región", "région"),
        *("municipio", "commune", "territoire", "cercle", "distrito", "district", "ciudad", "ville", "villa"),
        *("gouvernorat", "wilaya", "préfecture", "comuna", "cantón", "parroquia", "corregimiento", "vereda"),
    ]
)
# ...and, before a name only, prepositions, articles and the first words of names of places ("República Dominicana")
_SETTING_WORDS = _AREA_WORDS | frozenset(
    [
        *("el", "la", "los", "las", "le", "les", "lo", "l", "un", "una", "une", "en", "a", "à", "al", "au", "aux"),
        *("desde", "hacia", "hasta", "cerca", "près", "vers", "dans", "entre", "sur", "sous", "de", "del", "du"),
        *("haut", "bas", "grand", "gran", "nouveau", "nueva", "nuevo", "san", "santa", "santo", "saint", "sainte"),
        *("república", "république", "reino", "royaume", "isla", "île", "islas", "îles", "golfo", "golfe"),
    ]
)


def closes_longer_name(text: str, start: int) -> bool:
    """Whether the name at ``start`` ends a longer capitalised name: right after a capitalised word, or after
    one and "de"/"del"/"du"/"de la", that neither opens its sentence nor sets a place ("Provincia de")."""
    before = _WORD_BEFORE.search(text, max(0, start - 60), start)
    if before is None or not before.group(1)[0].isupper():
        return False
    word = before.group(1)
    if word.lower() in _SETTING_WORDS or word.isupper():
        return False
    return not _SENTENCE_END.search(text, max(0, before.start(1) - 20), before.start(1))


def opens_longer_name(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` opens a longer capitalised name: a capitalised word follows, right
    after it or after "de"/"del"/"du"/"de la", that does not set a place ("El Banco de la República")."""
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group(1)
    return word[0].isupper() and not word.isupper() and word.lower() not in _AREA_WORDS
