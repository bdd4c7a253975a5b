"""Right-to-left pages and page furniture in French, Spanish, Arabic, Russian and Ukrainian.

``fixtures/parse/rtl_arabic_news.html`` is a hand-written Arabic local-news page: ``dir="rtl"``, bidi marks as
characters and as references in the title, byline, date and body, tatweel, Arabic-Indic digits, a Levantine
month name, a "read also" link line in the body, a share bar, tags, a cookie notice and a promo line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.parse import parse_html
from extractors.parse.bidi import strip_bidi_controls
from extractors.parse.boilerplate import is_edge_line, is_furniture_line, trim_edges

FIXTURE = Path(__file__).parent / "fixtures" / "parse" / "rtl_arabic_news.html"
BIDI = ("\u200e", "\u200f", "\u061c", "\u202b", "\u202c", "\u2067", "\u2069")


def test_arabic_page_reads_title_body_date_author_and_language() -> None:
    article = parse_html(FIXTURE.read_bytes(), "https://sawt.example/local/water-cut")
    assert article.title == "انقطاع المياه عن أحياء شرق المدينة لليوم الثالث"
    assert article.authors == ("ريم الخطيب",)
    assert article.published_at == datetime(2025, 1, 14, 10, 45, tzinfo=UTC)
    assert article.language == "ar"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("قالت مصلحة المياه")
    assert "(رقم 2)" in paragraphs[0]
    assert "نحو ٤٠٠ متر مكعب" in paragraphs[2]
    assert paragraphs[3].endswith("ولا يكفي الجميع.")
    for furniture in ("اقـرأ أيضاً", "تابعونا", "ملفات تعريف الارتباط", "الأكثر قراءة", "شارك", "الوسوم"):
        assert furniture not in article.body
    fields = (article.title, article.body, *article.authors, article.lead or "")
    assert not any(mark in field for field in fields for mark in BIDI)


def test_bidi_controls_go_as_characters_and_as_references() -> None:
    raw = "<p>\u200fقال\u200e &rlm;(رويترز)&#8207; &#x200E;\u2067AFP\u2069 &#X61C;&amp; &#8208;</p>"
    assert strip_bidi_controls(raw) == "<p>قال (رويترز) AFP &amp; &#8208;</p>"
    assert strip_bidi_controls("<p>plain &amp; text</p>") == "<p>plain &amp; text</p>"


@pytest.mark.parametrize(
    "line",
    [
        "Lire aussi",
        "À LIRE ÉGALEMENT",
        "Lire aussi : Au nord du Mali, la route de Kidal reste coupée",
        "Lea también: Tres heridos en un enfrentamiento en el Cauca",
        "Te puede interesar | Los desplazados regresan a sus veredas",
        "إقرأ ايضا:",
        "اقـــرأ أيضاً: ارتفاع أسعار الوقود في العاصمة",
        "Читайте также: В Харькове восстановили подачу света",
        "Читайте також — У Харкові відновили електропостачання",
        "Поділитися",
        "Compartir",
        "Publicité",
        "Read more: Floods close the coastal road",
    ],
)
def test_furniture_lines_in_each_language(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Lire aussi les témoignages recueillis par nos envoyés spéciaux, qui décrivent une ville à bout de souffle.",
        "Читайте также внимательно: каждый пункт соглашения важен, подчеркнул дипломат в беседе с журналистами.",
        "Compartir el agua entre los dos municipios fue la condición del acuerdo firmado el lunes.",
    ],
)
def test_article_sentences_starting_like_furniture_are_kept(line: str) -> None:
    assert not is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité chaque matin.",
        "Suscríbete a nuestro boletín y recibe las noticias más importantes del día.",
        "Ce site utilise des cookies pour améliorer votre expérience de navigation.",
        "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على الموقع.",
        "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости.",
        "Підписуйтесь на наш Telegram-канал, щоб першими дізнаватися новини.",
        "Опубліковано 12 березня 2024, 18:40.",
        "آخر تحديث: ١٢ آذار ٢٠٢٤ - ١٨:٤٠.",
        "Actualizado el 12 de marzo de 2024 a las 18:40.",
    ],
)
def test_edge_lines_in_each_language(line: str) -> None:
    assert is_edge_line(line)


def test_promo_at_the_end_goes_and_the_same_words_in_the_middle_stay() -> None:
    story = [
        "Les secours ont évacué une centaine de familles des quartiers inondés dans la nuit de dimanche à lundi.",
        "Ils disent utiliser des cookies et des biscuits secs comme rations, faute de mieux, a raconté un bénévole.",
        "Le niveau du fleuve devrait baisser d'ici à mercredi, selon les services météorologiques nationaux.",
        "Suivez-nous sur Facebook et X pour ne rien manquer de l'actualité régionale.",
    ]
    assert trim_edges(story) == story[:3]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta http-equiv="Content-Language" content="uk-UA">', "uk"),
        ('<meta property="og:locale" content="fr_FR">', "fr"),
        ('<meta name="language" content="es">', "es"),
        ('<meta http-equiv="Content-Language" content="utf-8"><meta property="og:locale" content="es_419">', "es"),
        ('<meta http-equiv="Content-Language" content="iso-8859-1">', "en"),  # a charset: the text is detected
    ],
)
def test_language_declared_in_the_head(head: str, expected: str) -> None:
    text = "The harbour office said two extra ferry crossings would run on weekdays from the first of the month. " * 3
    page = f"<html><head>{head}<title>Ferries</title></head><body><article><p>{text}</p></article></body></html>"
    assert parse_html(page.encode(), "https://news.example/ferries").language == expected
