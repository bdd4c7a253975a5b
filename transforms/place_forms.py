"""The dictionary forms a word of running text may stand for, so inflected and prefixed place names are found.

Arabic writes prepositions and "and" onto the next word and the article onto the name ("وبالحديدة" is "and in
al-Hudaydah"); Russian and Ukrainian decline names ("в Харкові", "под Авдеевкой", "обстрела Донецка", "у
Києві"). The gazetteer holds names as GeoNames gives them, so a word is looked up as written first and then as
each form returned here, in order. Words come folded (:func:`transforms.gazetteer.fold`, which folds Ukrainian
і/ї to и, ё to е, Arabic hamza forms, ة and ى), and so do the forms.

French and Spanish need nothing here: elided articles ("d'Alep", "l'Ituri") are split off by the apostrophe
when text is folded, and names do not inflect.
"""

from __future__ import annotations

import functools

__all__ = ["base_forms", "oblast_forms"]

_ARABIC_CONJUNCTIONS = "وف"  # "and", "so": come first
_ARABIC_PREPOSITIONS = "بلك"  # "in/by", "to/for", "like": then one of these
_ARABIC_ARTICLE = "ال"
_MIN_STEM = 2  # letters a form keeps: "Яра" is "Яр" in "Часов Яр"; "أم" in "أم درمان" (Arabic writes no short vowels)

# Oblique case endings of Russian and Ukrainian names (folded) and the nominative endings they may stand for,
# longest first: adjective endings ("Кривого", "Курской"), then nouns of each declension, then plurals ("Сумах")
_SLAVIC_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ией", ("ия",)),
    ("ами", ("ы", "и")),
    ("ями", ("и",)),
    ("ому", ("ий", "ый", "ой", "ое")),
    ("ему", ("ий", "ее")),
    ("ого", ("ий", "ый", "ой", "ое")),
    ("его", ("ий", "ее")),
    ("ою", ("а", "ая")),
    ("ею", ("я",)),
    ("ии", ("ия",)),
    ("ию", ("ия",)),
    ("ой", ("а", "ая", "ой", "ий", "ый")),
    ("ий", ("а",)),  # Ukrainian feminine locative: "Запорізькій (області)"
    ("ей", ("я", "ь", "ая")),
    ("ым", ("ый", "ий", "")),  # "", a possessive's short form: "Часовым Яром", "Часовим Яром" (Часов, Часів Яр)
    ("им", ("ий", "")),
    ("ом", ("", "о", "ий", "ой", "ый")),
    ("ем", ("ь", "е", "й")),
    ("ах", ("ы", "и", "")),
    ("ях", ("и",)),
    ("ую", ("ая",)),
    ("у", ("", "а", "о")),
    ("ю", ("я", "ь", "й")),
    ("а", ("", "о", "ь")),
    ("я", ("ь", "й", "е")),
    ("е", ("", "а", "ь", "о", "я")),
    ("и", ("", "а", "я", "ь", "ы", "о")),
    ("ы", ("а",)),
)
# Ukrainian names close their last syllable with і where the other cases have о or е ("Харків", "Харкова";
# "Київ", "Києва"), and soften г, к, х to з, ц, с before the locative і ("Ріг", "Розі")
_CLOSED_VOWELS = "оеє"
_SOFTENED = {"з": "г", "ц": "к", "с": "х"}
# A region is named for its oblast ("Харківщина", "Донеччина", "Харьковщина", "Донетчина", "Белгородчина" are
# "Харківська", "Донецька", "Харьковская", "Донецкая", "Белгородская" область), and Ukrainian and Russian
# write the oblast's adjective each its own way ("Курська", "Курская"): the gazetteer may hold only one of them
_REGION_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ччина", ("цька", "цкая")),
    ("тчина", ("цкая", "цька")),
    ("дчина", ("дская", "дська")),
    ("щина", ("ська", "ская")),
)
_OBLAST_ADJECTIVES: tuple[tuple[str, str], ...] = (
    ("ська", "ская"),
    ("ская", "ська"),
    ("цька", "цкая"),
    ("цкая", "цька"),
)
_MIN_REGION_STEM = 3


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def _arabic_forms(word: str) -> list[str]:
    """``word`` without the conjunction and preposition written onto it, longest remainder first."""
    stems = [word]
    if word[0] in _ARABIC_CONJUNCTIONS and len(word) > _MIN_STEM:
        stems.append(word[1:])
    for stem in list(stems):
        if stem.startswith("لل") and len(stem) > _MIN_STEM + 1:  # "to the": ل + ال, the alif dropped
            stems.append(_ARABIC_ARTICLE + stem[2:])
        elif stem[0] in _ARABIC_PREPOSITIONS and len(stem) > _MIN_STEM:
            stems.append(stem[1:])
    # The article stays: GeoNames writes it ("الحديدة"), and without it too many words are names ("السلطات"
    # "the authorities" would be Settat, "المدينة" "the city" Medina)
    forms = stems
    return [form for form in forms if len(form) >= _MIN_STEM]


def _ukrainian_stems(stem: str) -> list[str]:
    """``stem`` with the Ukrainian alternations undone: "харков" gives "харкив", "роз" gives "рог" and "риг"."""
    stems = [stem]
    if stem[-1] in _SOFTENED:
        stems.append(stem[:-1] + _SOFTENED[stem[-1]])
    for form in list(stems):
        if len(form) >= 2 and form[-2] in _CLOSED_VOWELS:
            stems.append(form[:-2] + "и" + form[-1])
    return stems


def _oblast_forms(form: str) -> list[str]:
    """The oblast adjectives a nominative may stand for: its region name's ("донеччина": "донецька",
    "донецкая") or its own in the other language ("курська": "курская")."""
    for suffix, adjectives in (*_REGION_SUFFIXES, *((a, (b,)) for a, b in _OBLAST_ADJECTIVES)):
        if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_REGION_STEM:
            return [form[: -len(suffix)] + adjective for adjective in adjectives]
    return []


def _slavic_forms(word: str) -> list[str]:
    """Nominatives a declined Russian or Ukrainian word may stand for, most likely first."""
    forms: list[str] = []
    for ending, nominatives in _SLAVIC_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < _MIN_STEM:
            continue
        for stem in _ukrainian_stems(word[: len(word) - len(ending)]):
            forms.extend(stem + nominative for nominative in nominatives)
    return forms


@functools.lru_cache(maxsize=65_536)
def base_forms(word: str) -> tuple[str, ...]:
    """The forms ``word`` (one folded word) may stand for, most likely first, without ``word`` itself.

    Arabic-script words lose the conjunction and preposition written onto them; Cyrillic ones have
    their case ending replaced by the nominative's. Other words have no other form.
    """
    if len(word) <= _MIN_STEM:
        return ()
    if _arabic(word[0]):
        forms = _arabic_forms(word)
    elif _cyrillic(word[0]):
        forms = [form for form in _slavic_forms(word) if len(form) >= _MIN_STEM]
    else:
        return ()
    return tuple(form for form in dict.fromkeys(forms) if form != word)


@functools.lru_cache(maxsize=65_536)
def oblast_forms(word: str) -> tuple[str, ...]:
    """The oblast adjectives a Cyrillic word (folded, any case) may name a province by: "Полтавщині" gives
    "полтавська" and "полтавская", "Брянській" gives "брянська" and "брянская".

    Only provinces are looked up by these: towns are called by adjectives too ("Полтавская" is a Russian
    stanitsa), and a region's name says the province.
    """
    if len(word) <= _MIN_STEM or not _cyrillic(word[0]):
        return ()
    forms = [oblast for form in [word, *base_forms(word)] for oblast in _oblast_forms(form)]
    return tuple(form for form in dict.fromkeys(forms) if form != word)
