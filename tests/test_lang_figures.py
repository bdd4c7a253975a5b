"""Figures and claimants in French, Spanish, Arabic, Russian and Ukrainian, read from the per-language data files.

Every sentence here was written for these tests (wire, ministry, local-news and monitor styles); each case stands
for a class of wording the reader must handle, not for one sentence.
"""

from __future__ import annotations

import pytest

from records import Figure
from records.vocab import Language
from transforms.lang_figures import extract_language_figures
from transforms.sentences import split_sentences


def _figures(text: str, language: Language) -> tuple[Figure, ...]:
    return extract_language_figures(text, split_sentences(text), language)


def _counts(text: str, language: Language) -> set[tuple[str, int | None]]:
    return {(figure.category, figure.value_low) for figure in _figures(text, language)}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A cue serves one number; a conjunction sends the next number to the next cue.
        ("es", "Tres agentes murieron y cuatro quedaron heridos en la emboscada.", {("killed", 3), ("injured", 4)}),
        ("ru", "Двое погибли и пятеро ранены после обстрела рынка.", {("killed", 2), ("injured", 5)}),
        # Arabic verbal nouns come first, and the و of the next one starts a new clause.
        (
            "ar",
            "أعلن الدفاع المدني مقتل ١٢ شخصا وإصابة ٣٠ آخرين في قصف على سوق شعبي.",
            {("killed", 12), ("injured", 30)},
        ),
        # The Arabic dual counts two, and a singular person noun next to the verb counts one.
        ("ar", "استشهدت امرأتان وأصيب رجل برصاص الاحتلال في جنين.", {("killed", 2), ("injured", 1)}),
        ("ar", "قتل طفلان بانفجار لغم من مخلفات الحرب.", {("killed", 2)}),
        # Killed and wounded counted together, and present-tense headline verbs.
        ("ar", "أسفر التفجير عن سقوط 43 بين قتيل وجريح.", {("casualties", 43)}),
        ("ar", "الجيش يعتقل 11 مطلوبا في ريف دير الزور.", {("detained", 11)}),
        # A person noun right after a number is what it counts, not a count of one.
        ("ar", "قالت المفوضية إن نحو 6 آلاف شخص فروا من القتال.", {("displaced", 6000)}),
        # An Arabic compound joins its units and tens with an attached "and".
        ("ar", "قتل خمسة وعشرون مسلحا في اشتباكات مع الجيش.", {("killed", 25)}),
        # Case forms of number words and thousands words; a decimal before a thousands word.
        (
            "ru",
            "Из Белгорода вывезли более полутора тысяч детей, а около 2,5 тысячи жителей эвакуированы.",
            {("evacuated", 1500), ("evacuated", 2500)},
        ),
        ("uk", "Поранено п'ятьох людей, серед них двох підлітків.", {("injured", 5)}),
        ("uk", "Унаслідок атаки загинули чотирнадцятеро людей.", set()),
        ("fr", "Vingt-sept soldats et une vingtaine de civils ont été tués.", {("killed", 20)}),
        ("fr", "Deux cents prisonniers ont été libérés jeudi.", {("released", 200)}),
        # A toll that rises to a number reads its category from the head of the clause, without an "up to".
        ("uk", "Кількість загиблих унаслідок удару по Сумах зросла до 11.", {("killed", 11)}),
        ("es", "La cifra de fallecidos tras el ataque al penal subió a 19.", {("killed", 19)}),
        # A move outranks a nearer word for who was moved; moved wounded are also wounded.
        ("es", "El Ejército liberó a 12 rehenes en una operación en el Cauca.", {("released", 12)}),
        ("ar", "أفرجت السلطات عن 60 معتقلا بموجب عفو عام.", {("released", 60)}),
        ("fr", "Trente blessés ont été évacués par hélicoptère vers Bamako.", {("evacuated", 30), ("injured", 30)}),
        # A bare "one"-word is an article unless a cue is right there; a day before a month is a date.
        ("es", "Cinco personas murieron en una emboscada.", {("killed", 5)}),
        ("es", "Un menor resultó herido durante la balacera.", {("injured", 1)}),
        ("uk", "Загинули 6 військових, поранено ще одного.", {("killed", 6), ("injured", 1)}),
        ("ru", "Трое мирных жителей ранены в одном из сел.", {("injured", 3)}),
        ("fr", "Le 12 avril, des hommes armés ont enlevé 8 enseignants.", {("abducted", 8)}),
        # Nominalised cues and places and buildings.
        ("es", "La Fiscalía investiga la desaparición de 6 jóvenes en Lagos de Moreno.", {("missing", 6)}),
        ("uk", "Ворог пошкодив 17 приватних будинків у передмісті.", {("buildings_destroyed", 17)}),
        ("ar", "هدمت الجرافات 9 منازل في قرية شرق القدس.", {("buildings_destroyed", 9)}),
        # An "including" aside between commas and scare quotes do not part a number from its category.
        ("fr", "Neuf villageois, dont deux enfants, ont été tués à Djibasso.", {("killed", 9)}),
        ("es", "Catorce mineros, entre ellos tres menores, fueron secuestrados en Zacatecas.", {("abducted", 14)}),
        ("fr", "L'armée dit avoir « neutralisé » une quarantaine d'assaillants.", {("killed", 40)}),
        ("uk", "Серед цивільних загиблих — семеро, серед поранених — 30 людей.", {("killed", 7), ("injured", 30)}),
        # One number for two verbs of one clause when the second says what happened next to those people; a
        # joint killed-and-wounded toll or a thing destroyed does not share it.
        (
            "fr",
            "Onze humanitaires ont été enlevés près de Ménaka puis libérés contre rançon.",
            {("abducted", 11), ("released", 11)},
        ),
        (
            "ru",
            "Семеро рыбаков были задержаны пограничниками и освобождены через сутки.",
            {("detained", 7), ("released", 7)},
        ),
        ("es", "Seis soldados murieron y el puesto quedó destruido.", {("killed", 6)}),
        ("ar", "اختطف مسلحون 8 عمال في ريف إدلب وأطلقوا سراحهم مساء.", {("abducted", 8), ("released", 8)}),
        # A cue written around its number counts it only when its second word follows: people destroyed are
        # killed, equipment and drones are not counted; handing over themselves is a surrender.
        ("ar", "سلم نحو 85 مسلحا أنفسهم للقوات الحكومية في ريف حمص.", {("surrendered", 85)}),
        ("ar", "سلم الجيش 85 طنا من المساعدات للسكان.", set()),
        ("ru", "Армия сообщила об уничтожении 70 военнослужащих противника под Купянском.", {("killed", 70)}),
        ("ru", "Минобороны заявило об уничтожении 25 беспилотников и 12 военнослужащих.", set()),
        ("uk", "За добу знищено понад 900 окупантів і 14 танків.", {("killed", 900)}),
        ("ru", "Россия освободила 95 военнопленных в ходе обмена.", {("released", 95)}),
        # A joint killed-and-wounded verb or noun pair is one casualty toll; the dual of a thing counts two.
        ("ar", "قتل وأصيب 17 شخصا في انفجار سيارة مفخخة بسوق المدينة.", {("casualties", 17)}),
        ("ar", "سقط 40 قتيلا وجريحا في الغارات على الحي.", {("casualties", 40)}),
        ("ar", "دمرت الغارة بيتين في حي الشجاعية.", {("buildings_destroyed", 2)}),
        # Ages, distances and durations are measures, not counts.
        ("ru", "Погиб 45-летний мужчина, ранены 3 человека.", {("killed", 1), ("injured", 3)}),
        ("es", "Tras 3 días de combates, 40 guerrilleros murieron a 12 kilómetros de la frontera.", {("killed", 40)}),
        # Nothing to count.
        ("ru", "В 2023 году в городе открылись две новые школы.", set()),
    ],
)
def test_numbers_pair_with_their_categories(language: Language, text: str, expected: set[tuple[str, int]]) -> None:
    assert _counts(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "claimant"),
    [
        # Claimant after the verb at the end of the clause, or before it.
        ("es", "Cuatro militares murieron en el ataque, informó el comando conjunto.", "el comando conjunto"),
        ("fr", "Le préfet de la région a indiqué que 14 villageois avaient été tués.", "Le préfet de la région"),
        ("fr", "« Neuf de nos hommes ont été tués », a reconnu le chef du village.", "le chef du village"),
        # Words that name nobody before the verb send the claimant after it.
        ("ru", "Об этом сообщил мэр города: погибли 3 человека.", "мэр города"),
        ("uk", "Як повідомила поліція області, затримано 4 підозрюваних.", "поліція області"),
        ("es", "Así lo confirmó la gobernación: 7 campesinos fueron secuestrados.", "la gobernación"),
        # Arabic: the speaker follows the verb and ends where the figure begins.
        ("ar", "أكدت مصادر طبية استشهاد 6 فلسطينيين في غارة على خان يونس.", "مصادر طبية"),
        ("ar", "اعتقل الجيش 20 شابا في نابلس، وفقا لهيئة شؤون الأسرى.", "هيئة شؤون الأسرى"),
        # An "according to" that opens the sentence, and a name that contains a cue word.
        (
            "ru",
            "По данным Координационного штаба по обращению с военнопленными, 48 человек вернулись из плена.",
            "Координационного штаба по обращению с военнопленными",
        ),
        # A closing dash names the source of an online report.
        ("uk", "Окупанти вбили 2 цивільних у Нікополі, — голова ОВА.", "голова ОВА"),
        # A spaced hyphen after a comma is a closing dash too.
        ("uk", "Ворог атакував Суми, є 4 загиблих, - Сумська ОВА.", "Сумська ОВА"),
        # A clause opening with what was said about puts the claimant after the verb.
        ("ru", "О гибели двух мирных жителей сообщил губернатор области.", "губернатор области"),
        # A verb of saying after a determiner is its noun and names nobody.
        ("fr", "Après l'annonce de la mort de 12 soldats, un deuil national a été décrété.", "reporter"),
        ("es", "El Ministerio Público informó que fueron detenidas 9 personas.", "El Ministerio Público"),
        # A verb that names nobody gives way to the next one.
        ("ar", "نقل 5 جرحى إلى مستشفى الشفاء، بحسب الهلال الأحمر.", "الهلال الأحمر"),
        # Nobody named.
        ("es", "Doce personas murieron en el incendio del mercado.", "reporter"),
        # A headline's source before a colon; a place before a colon is no source.
        ("ar", "الدفاع المدني: انتشال 9 قتلى من تحت أنقاض مبنى في حي الشجاعية.", "الدفاع المدني"),
        ("uk", "ДСНС: у Дніпрі загинули троє людей.", "ДСНС"),
        ("fr", "Niger : onze soldats tués dans une embuscade près de Tillabéri.", "reporter"),
        # A name in apposition after a post-posed claimant is part of it; a clause after it is not.
        (
            "es",
            "Tres policías murieron en el ataque, informó el vocero de la Policía, el coronel Andrés Ruiz.",
            "el vocero de la Policía, el coronel Andrés Ruiz",
        ),
        ("fr", "Neuf civils ont été tués, a indiqué le maire, qui a demandé des renforts.", "le maire"),
    ],
)
def test_claimants_in_each_word_order(language: Language, text: str, claimant: str) -> None:
    figures = _figures(text, language)
    assert figures
    assert {figure.claimant for figure in figures} == {claimant}


@pytest.mark.parametrize(
    ("language", "text", "claimant"),
    [
        # The next sentence names the source and reports no figure of its own.
        (
            "es",
            "La policía detuvo a 14 personas en Tumaco. De acuerdo con la Fiscalía, integran una red de extorsión.",
            "la Fiscalía",
        ),
        # Else the previous sentence's source goes on.
        ("ru", "Губернатор области сообщил об обстреле Шебекино. Ранены четыре человека.", "Губернатор области"),
        # A paragraph ends the statement.
        ("ru", "Губернатор области сообщил об обстреле Шебекино.\n\nРанены четыре человека.", "reporter"),
        # A next sentence with figures of its own keeps its source to them.
        (
            "fr",
            "Quatre civils ont été tués mardi à Gao. L'armée a annoncé l'arrestation de 3 suspects.",
            "reporter",
        ),
    ],
)
def test_a_sentence_without_source_takes_its_neighbours(language: Language, text: str, claimant: str) -> None:
    figures = _figures(text, language)
    assert figures
    assert figures[0].claimant == claimant


def test_evidence_spans_are_exact_and_hedges_kept() -> None:
    text = "ارتفع عدد النازحين إلى أكثر من ١٥ ألف شخص، بحسب الأمم المتحدة."
    (figure,) = _figures(text, "ar")
    assert text[figure.start : figure.end] == figure.text == "أكثر من ١٥ ألف"
    assert (figure.category, figure.value_low, figure.value_high, figure.qualifier) == (
        "displaced",
        15000,
        None,
        "more than",
    )


def test_a_whole_word_cue_does_not_begin_other_words() -> None:
    # "сіл" (villages) folds to "сил": the defence forces' tanks are no villages, twelve villages are
    assert _counts("Сили оборони знищили 12 танків поблизу Бахмута.", "uk") == set()
    assert ("areas_captured", 12) in _counts("Окупанти захопили 12 сіл на Донеччині.", "uk")
