"""Language detection and script folding on sentences written for these tests."""

from __future__ import annotations

import pytest

from transforms.enrich import enrich_text
from transforms.language import article_language, detect_language
from transforms.script_fold import fold_for_matching, fold_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trois civils ont été tués lundi dans une frappe sur le marché, selon la préfecture.", "fr"),
        ("Al menos cinco personas murieron en el ataque, según la policía local.", "es"),
        ("قال مسؤول محلي إن خمسة مدنيين قتلوا في القصف على السوق.", "ar"),
        ("По данным местных властей, в результате обстрела погибли три человека.", "ru"),
        ("Унаслідок обстрілу загинули троє людей, повідомив голова громади.", "uk"),
        ("Three people were killed in the shelling of the market, officials said.", "en"),
    ],
)
def test_detects_the_language_of_a_sentence(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_declared_language_wins_and_the_hint_only_breaks_a_tie() -> None:
    assert article_language("Three were killed.", declared="fr-FR") == "fr"
    assert article_language("Three were killed.", declared="de", hint="fr") == "en"
    assert article_language("Донецьк обстрел", hint="uk") == "uk"
    assert article_language("Донецьк обстрел", hint="ru") == "ru"


def test_folding_joins_arabic_letter_variants_and_drops_marks_and_tatweel() -> None:
    assert fold_word("أعلنت") == fold_word("اعلنت")
    assert fold_word("مستشفى") == fold_word("مستشفي")
    assert fold_word("مدينة") == fold_word("مدينه")
    assert fold_word("قُتِلَ") == fold_word("قتل")
    assert fold_word("قـــتل") == "قتل"
    assert fold_word("١٢٣") == "123" == fold_word("۱۲۳")


def test_folding_joins_cyrillic_and_apostrophe_forms_and_case() -> None:
    assert fold_word("Сім'я") == fold_word("сімʼя") == fold_word("СІМ’Я")
    assert fold_word("Харків") == "харкив"
    assert fold_word("Jersón") == "jerson"


def test_folded_spans_map_back_to_the_exact_original_text() -> None:
    text = "قال الـــمتحدث: قُتِلَ ١٥ مدنياً"
    folded = fold_for_matching(text)
    for word in ("المتحدث", "قتل", "15"):
        start = folded.text.index(word)
        begin, end = folded.original_span(start, start + len(word))
        assert fold_word(text[begin:end]) == word
    assert text[slice(*folded.original_span(folded.text.index("15"), folded.text.index("15") + 2))] == "١٥"


@pytest.mark.parametrize(
    ("text", "value", "category", "claimant"),
    [
        ("قال مسؤول محلي إن ١٥ مدنياً قتلوا في القصف.", 15, "killed", "مسؤول محلي"),
        ("Al menos cinco personas murieron en el ataque, según la policía local.", 5, "killed", "la policía local"),
        ("По данным властей, в результате обстрела погибли 5 тысяч человек.", 5000, "killed", "властей"),
        ("Унаслідок обстрілу загинули троє людей, повідомив голова громади.", 3, "killed", "голова громади"),
    ],
)
def test_figures_and_claimants_in_each_language(text: str, value: int, category: str, claimant: str) -> None:
    (figure,) = enrich_text(text).figures
    assert (figure.value_low, figure.category, figure.claimant) == (value, category, claimant)
    assert text[figure.start : figure.end] == figure.text
