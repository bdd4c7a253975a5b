"""Site layouts that used to lose the whole article, each reproduced in a small hand-written page.

Every fixture in ``fixtures/parse/layouts/`` copies the *shape* of a real layout (class names, nesting, where the
text sits), never a real page: page-builder widgets, a "sidebar-grid" around the story, sticky-sidebar and
social-icon wrappers, paragraphs each in their own wrapper chain, a pre-loaded next article, a story streamed
into a hidden element, a story only in ``<noscript>``, a photo story whose text is all in "caption" blocks,
Japanese closing lines without sentence punctuation, text blocks named after the picture beside them,
a related-posts list longer than the post, a subheading between two differently named body chunks, an intro
paragraph printed above the body container with a share bar between, notes about the piece at its two ends,
a body closing on a short list and an e-mail address.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.parse import parse_html
from extractors.parse.boilerplate import is_edge_line, is_furniture_line, trim_edges
from extractors.parse.script import reading_length, word_count

LAYOUTS = Path(__file__).parent / "fixtures" / "parse" / "layouts"
URL = "https://news.example/2024/05/07/story"

# fixture: (fragments the body must hold, fragments it must not hold)
CASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "page_builder_widgets": (
        ("Negotiators for the two armed groups met again", "Residents of the eastern districts"),
        ("Market prices climb", "Farmers say the rains came", "news and analysis from our correspondents"),
    ),
    "sidebar_grid_layout": (
        (
            "The opposition leader, a former regional governor",
            "Her rival, the incumbent prime minister",
            "turnout in the first day of early voting",
        ),
        ("Advertisement", "Ministers meet farmers", "Teachers return to the flooded schools"),
    ),  # fmt: skip
    "sticky_sidebar_wrapper": (
        ("A convoy of twelve lorries", "Aid agencies said a second convoy"),
        ("Archives", "Harvest begins late", "Classes have resumed in tents"),
    ),
    "wrapped_paragraphs": (
        (
            "The home side scored in the last minute",
            "Supporters stayed in the stadium",
            "three clubs within two points",
        ),
        ("season tickets for next year",),
    ),  # fmt: skip
    "preloaded_next_article": (
        ("The road bridge over the estuary reopened", "Shopkeepers on both banks"),
        ("Dock workers at the southern harbour", "Ferry services to the islands"),
    ),
    "streamed_hidden_story": (
        ("Parliament passed the water bill on Thursday", "Opposition members said the fines"),
        (),
    ),
    "noscript_story": (
        ("The national museum handed back six bronze statues", "reviewing the origins of another"),
        (),
    ),
    "photo_story_captions": (
        ("In January the first families arrived", "In December a convoy brought stoves"),
        ("All rights reserved",),
    ),
    "text_beside_picture_blocks": (
        (
            "founded by eleven farming families",
            "Who pays for the fuel",
            "paid from a common fund",
            "the founders wrote down on the first day",
            "replaced by a shared calendar",
        ),
        ("where the old booking board hung",),
    ),  # fmt: skip
    "long_related_posts_list": (
        ("Der alte Brunnen am Marktplatz", "jeden Morgen um sieben Uhr"),
        ("Die Bauern im Tal rechnen", "Wegen der Hitze findet der Wochenmarkt"),
    ),
    "subheading_between_chunks": (
        ("Engineers began repairing", "Farmers worry about water", "asked the board for a rota"),
        ("Other news",),
    ),
    "cjk_closing_lines": (
        ("非常に激しい雨が降り続き", "主な被害は次のとおり。", "北部市：住宅12棟が浸水", "川口村：橋が流され"),
        ("トップ",),
    ),
    "intro_above_body": (
        ("The first ferry in three weeks reached", "The harbour master said", "a second vessel, repaired"),
        ("Facebook", "The ferry at the northern pier", "Council approves new sea wall"),
    ),
    "closing_short_list": (
        ("Sturdy boots", "Warm, waterproof clothes", "A signed consent form", "volunteers@rivertrust.example"),
        ("Privacy", "Events"),
    ),
    "article_notices": (
        ("Seit dem Herbst sammeln die Eltern", "Am Donnerstag will der Kreistag"),
        ("Bei diesem Beitrag handelt es sich", "gibt die Meinung der Autorin wieder", "Der Text erschien zuerst"),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_keeps_its_article(name: str) -> None:
    article = parse_html((LAYOUTS / f"{name}.html").read_bytes(), URL, source="layouts")
    present, absent = CASES[name]
    assert article.is_article, article.not_article_reason
    for fragment in present:
        assert fragment in article.body, fragment
    for fragment in absent:
        assert fragment not in article.body, fragment


@pytest.mark.parametrize(
    "line",
    [
        "This article is republished from the Harbour Review under a Creative Commons licence.",
        "A version of this story first appeared in our weekly print edition.",
        "Cet article a été initialement publié dans la revue du musée.",
        "Este artículo fue publicado originalmente en la revista del colegio.",
        "Dieser Beitrag stammt aus der Ausgabe 3/2021 unseres Magazins.",
    ],
)
def test_a_note_about_the_piece_is_never_its_text(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize("line", ["0 Kommentare", "12 comments", "Schreibe einen Kommentar:", "NOTAS RELACIONADAS"])
def test_comment_section_and_related_labels_are_furniture(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "12 Soldaten",
        "This article explains why the bridge was closed, and what the council plans next.",
        "Der Beitrag der Gemeinde zur Sanierung liegt bei einer Million Euro.",
        "Cet article de loi a été voté en 2019 malgré l'opposition des maires.",
    ],
)
def test_a_sentence_about_an_article_is_kept(line: str) -> None:
    assert not is_furniture_line(line)


def test_a_short_list_item_closing_the_body_is_kept_but_a_credit_in_a_list_is_not() -> None:
    body = ["The trust needs volunteers for three weekends in April, at the old mill bridge.", "Sturdy boots"]
    assert trim_edges(body, {1}) == body
    assert trim_edges(body) == body[:1]  # the same line outside a list reads as a label
    assert is_edge_line("– additional reporting by Dana Okafor", list_item=True)


def test_every_layout_fixture_has_a_case() -> None:
    assert {path.stem for path in LAYOUTS.glob("*.html")} == set(CASES)


def _paragraphs(count: int) -> str:
    return "".join(
        f"<p>Paragraph {i}: the river authority said the water level at the northern gauge had fallen again, "
        f"and that the emergency barriers would stay in place until the end of the month.</p>"
        for i in range(count)
    )


def test_large_structured_data_does_not_push_the_article_past_the_markup_cap() -> None:
    # A live blog's JSON-LD lists every update: larger than the whole page's HTML, and it comes first.
    updates = [{"@type": "BlogPosting", "articleBody": "update " * 40, "headline": f"Update {i}"} for i in range(5000)]
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "liveBlogUpdate": updates})
    assert len(jsonld) > 1_200_000
    page = (
        f'<html><head><script type="application/ld+json">{jsonld}</script></head>'
        f"<body><article><h1>River levels fall</h1>{_paragraphs(6)}</article></body></html>"
    ).encode()
    article = parse_html(page, URL, source="layouts")
    assert "Paragraph 5: the river authority" in article.body


def test_markup_beyond_the_cap_is_still_cut() -> None:
    filler = "<div><span>x</span></div>" * 50_000  # 1.3 MB of markup before the text
    page = f"<html><body>{filler}<article>{_paragraphs(6)}</article></body></html>".encode()
    article = parse_html(page, URL, source="layouts")
    assert "Paragraph 0" not in article.body


def test_hidden_text_is_not_read_when_the_visible_page_has_an_article() -> None:
    hidden = "<div hidden><p>" + "A hidden teaser that readers never see, kept for a carousel. " * 4 + "</p></div>"
    page = f"<html><body><article><h1>River levels fall</h1>{_paragraphs(4)}</article>{hidden}</body></html>"
    article = parse_html(page.encode(), URL, source="layouts")
    assert "Paragraph 3" in article.body and "hidden teaser" not in article.body


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Reporting by the river desk", 5),
        ("北部市：住宅12棟が浸水", 6),  # 9 Han and kana (5 words) and "12"
        ("東京 Tokyo", 2),
        ("", 0),
    ],
)
def test_word_count_is_script_aware(text: str, words: int) -> None:
    assert word_count(text) == words


def test_reading_length_weighs_han_and_kana_double() -> None:
    assert reading_length("abc") == 3
    assert reading_length("避難指示") == 8


def test_a_long_reference_list_does_not_outvote_the_article() -> None:
    references = "".join(
        f"<li>Author{i} A, Writer{i} B, Editor{i} C, et al. A survey of river flooding, volume {i}, "
        f"pages {i}-{i + 9}, regional press, 2019.</li>"
        for i in range(20)
    )
    page = (
        f"<html><body><main><h1>Flood defences in the delta</h1><div class='paper-body'>{_paragraphs(5)}</div>"
        f"<section class='refs'><h2>References</h2><ol>{references}</ol></section></main></body></html>"
    )
    article = parse_html(page.encode(), URL, source="layouts")
    assert "Paragraph 0: the river authority" in article.body and "Paragraph 4" in article.body
