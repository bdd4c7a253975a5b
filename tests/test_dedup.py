"""Near-duplicate story clusters: seed-article copies, hard negatives, Arabic, boilerplate, incremental rebuild."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from transforms.dedup import (
    DedupConfig,
    StoredSignature,
    StoryAssignment,
    StoryIndex,
    normalise_tokens,
    story_signature,
)
from warehouse.migrate import migrate
from warehouse.stories import load_story_index, save_story_assignments

SEED = Path(__file__).resolve().parents[1] / "flows" / "samples" / "content" / "seed-article.txt"
MONDAY = datetime(2016, 11, 28, 15, 47, tzinfo=UTC)
CONFIG = DedupConfig()

OTHER_ALEPPO_REPORT = """
ALEPPO, Syria — Thousands of civilians fled the rebel-held east of Aleppo on Monday, crossing front lines on foot
towards government-held districts and the Kurdish-controlled Sheikh Maqsoud neighbourhood, a monitor said.

The Syrian Observatory for Human Rights said at least 10,000 people had left the eastern districts since Saturday,
most of them women and children, after regime forces and their allies seized the Sakhour and Haydariya districts.

State television showed buses carrying families to a reception centre in the Jibrin area, where the government
said they were given food, blankets and medical checks. Aid workers said the centre was overwhelmed.

The International Committee of the Red Cross urged all sides to let civilians leave safely and said its teams in
western Aleppo were ready to help. A spokeswoman said medical supplies in the east had all but run out.

Residents who stayed behind described shelling through the night. "We cannot sleep, we cannot leave," a teacher
in the Shaar district said by telephone, asking that his name not be used for fear of reprisals.

The United Nations envoy for Syria said he was alarmed by reports of men of fighting age being separated from
their families at checkpoints, and called for independent monitors to be allowed into the city.
"""

ARABIC_REPORT = """
حلب، سوريا — سيطرت قوات النظام السوري والميليشيات الموالية لها يوم الاثنين على كامل الأحياء
الشمالية من شرق حلب، ما أدى إلى شطر الجيب الذي تسيطر عليه فصائل المعارضة إلى قسمين وإجبار
المدنيين على النزوح.

وقال المرصد السوري لحقوق الإنسان إن قوات النظام سيطرت على أحياء الصاخور والحيدرية والشيخ خضر،
بينما سيطر المقاتلون الأكراد على حي الشيخ فارس.

وأعلنت وزارة الدفاع الروسية أن القوات الحكومية استعادت عشرة أحياء وأكثر من ثلاثة آلاف مبنى، وأن
مئة مسلح سلموا أنفسهم.

ونفى مسؤول في المعارضة سقوط الحي، بينما قال آخر إن الوضع لم يتضح بعد، في حين فر آلاف المدنيين
من القصف إلى الأحياء الغربية من المدينة.

ويعاني السكان المحاصرون من نقص حاد في الغذاء والدواء بعد أشهر من الحصار، وقد ناشدت الأمم
المتحدة مرارا السماح بدخول المساعدات إلى شرق المدينة.
"""

ARABIC_COPY = """
أفاد مراسلنا في المدينة بأن المعارك تواصلت طوال الليل.

حَلَب، سوريا — سَيْطَرَتْ قوات النظام السوري والميليشيات الموالية لها يوم الإثنين على كامل
الأحياء الشمالية من شرق حلب، ما أدى إلى شطر الجيب الذي تسيطر عليه فصائل المعارضة إلى قسمين
وإجبار المدنيين على النـــزوح.

وقال المرصد السوري لحقوق الإنسان إن قوات النظام سيطرت على أحياء الصاخور والحيدرية والشيخ خضر،
فيما سيطر المقاتلون الأكراد على حي الشيخ فارس.

وأعلنت وزارة الدفاع الروسية أن القوات الحكومية استعادت عشرة أحياء وأكثر من ثلاثة آلاف مبنى، وأن
مئة مسلح سلموا أنفسهم.

ونفى مسؤول في المعارضة سقوط الحي، بينما قال آخر إن الوضع لم يتضح بعد.
"""

ARABIC_OTHER = """
حلب، سوريا — قالت منظمة الصحة العالمية يوم الاثنين إن آخر مستشفى عامل في شرق حلب خرج عن الخدمة
بعد غارات جوية متتالية، تاركا مئات الجرحى من دون علاج.

وأوضح متحدث باسم المنظمة في جنيف أن فرق الإسعاف المحلية تعمل في أقبية ومراكز مؤقتة تفتقر إلى
الكهرباء والمياه النظيفة والأدوية الأساسية.

وأضاف أن المنظمة جهزت قافلة من الإمدادات الطبية تنتظر في الجانب الغربي من المدينة منذ أسابيع،
لكنها لم تحصل على الضمانات الأمنية اللازمة للعبور.

ودعا أطباء في المدينة عبر رسائل صوتية إلى إجلاء الأطفال المصابين بجروح خطيرة، مؤكدين أن غرف
العمليات المتبقية لا تستطيع استقبال المزيد.
"""

FOOTER = """
About the Frontline Wire: the Frontline Wire is an independent newsroom covering conflict and displacement across
the Middle East and Africa with a network of local reporters and editors in more than twenty countries.
Reporting by Frontline Wire staff; editing by the regional desk.
© 2016 Frontline Wire. All rights reserved. Republication without written permission is prohibited.
Follow us on Twitter and Facebook for the latest updates, and sign up to our daily briefing newsletter.
"""

SHORT_REPORT_A = """
HOMS, Syria — A car bomb exploded near a checkpoint at the entrance of the Zahraa district on Monday, killing
four people and wounding eleven, state news agency SANA reported, blaming militants for the attack.
"""

SHORT_REPORT_B = """
HAMA, Syria — Rebel fighters shelled the town of Mhardeh with rockets overnight, damaging a church and a school,
and government aircraft answered with raids on villages in the northern countryside, residents said.
"""


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def assign(index: StoryIndex, article_id: str, text: str, at: datetime = MONDAY) -> StoryAssignment:
    return index.assign(article_id, story_signature(text, index.config), published_at=at, length=len(text))


def test_seed_copies_join_one_story_and_a_different_aleppo_report_does_not(seed_text: str) -> None:
    index = StoryIndex(CONFIG)
    original = assign(index, "seed", seed_text)
    with_intro = "ALEPPO (Frontline Wire) — Our correspondent reports from the city.\n\n" + seed_text
    trimmed = "\n\n".join(paragraphs(seed_text)[:18])
    intro_copy = assign(index, "intro-copy", with_intro, MONDAY + timedelta(hours=2))
    trimmed_copy = assign(index, "trimmed-copy", trimmed, MONDAY + timedelta(hours=3))
    other = assign(index, "other-aleppo", OTHER_ALEPPO_REPORT, MONDAY + timedelta(hours=1))

    assert original.is_new_story
    assert intro_copy.story_id == trimmed_copy.story_id == original.story_id
    assert not intro_copy.is_new_story and not trimmed_copy.is_new_story
    assert trimmed_copy.similarity > 0.8
    assert other.is_new_story and other.story_id != original.story_id
    assert index.story_count == 2


def test_reassigning_an_article_creates_no_story(seed_text: str) -> None:
    index = StoryIndex(CONFIG)
    first = assign(index, "seed", seed_text)
    again = assign(index, "seed", seed_text)
    revised = assign(index, "seed", seed_text.replace("ten neighborhoods", "eleven neighborhoods"))

    assert again.story_id == revised.story_id == first.story_id
    assert not again.is_new_story and not revised.is_new_story
    assert again.signature == first.signature
    assert (index.story_count, len(index)) == (1, 1)


def test_representative_is_the_earliest_complete_copy(seed_text: str) -> None:
    index = StoryIndex(CONFIG)
    flash = "\n\n".join(paragraphs(seed_text)[:9])
    assign(index, "flash", flash, MONDAY - timedelta(hours=1))
    full = assign(index, "full", seed_text, MONDAY)
    late = assign(index, "late-full", seed_text + "\n\nThis copy was republished later.", MONDAY + timedelta(1))

    assert full.representative_article_id == "full" and full.similarity == 1.0
    assert [m.article_id for m in full.rescored] == ["flash"]
    assert late.representative_article_id == "full" and late.rescored == ()


def test_arabic_copies_cluster_and_a_different_arabic_report_does_not() -> None:
    index = StoryIndex(CONFIG)
    original = assign(index, "ar-1", ARABIC_REPORT)
    copy = assign(index, "ar-2", ARABIC_COPY, MONDAY + timedelta(hours=1))
    other = assign(index, "ar-3", ARABIC_OTHER, MONDAY + timedelta(hours=2))

    assert copy.story_id == original.story_id
    assert other.is_new_story


def test_tokens_fold_marks_and_keep_non_latin_words() -> None:
    assert normalise_tokens("حَلَب الإثنين النـــزوح", CONFIG) == ["حلب", "الاثنين", "النزوح"]
    assert normalise_tokens("Ёлка «Алеппо» Réunion", CONFIG) == ["елка", "алеппо", "reunion"]
    assert normalise_tokens("Réunion", DedupConfig(fold_marks=False)) == ["réunion"]


def test_shared_footer_and_credit_line_do_not_make_one_story() -> None:
    index = StoryIndex(CONFIG)
    first = assign(index, "short-a", SHORT_REPORT_A + FOOTER)
    second = assign(index, "short-b", SHORT_REPORT_B + FOOTER)

    assert second.is_new_story and second.story_id != first.story_id
    assert "reserved" not in normalise_tokens(SHORT_REPORT_A + FOOTER, CONFIG)


def test_empty_body_opens_its_own_story() -> None:
    index = StoryIndex(CONFIG)
    assert assign(index, "empty-1", "").is_new_story
    assert assign(index, "empty-2", "  \n").is_new_story
    assert story_signature("", CONFIG).shingle_count == 0


def test_index_rebuilt_from_stored_signatures_links_new_copies(seed_text: str) -> None:
    first = StoryIndex(CONFIG)
    stored = [
        StoredSignature(a.article_id, a.story_id, a.signature, a.shingle_count, a.published_at, a.length)
        for a in (assign(first, "seed", seed_text), assign(first, "other", OTHER_ALEPPO_REPORT))
    ]
    rebuilt = StoryIndex.from_signatures(stored, CONFIG)
    copy = assign(rebuilt, "copy", "\n\n".join(paragraphs(seed_text)[3:]), MONDAY + timedelta(hours=5))

    assert copy.story_id == first.story_of("seed")
    assert rebuilt.story_count == 2


def test_config_rejects_impossible_banding() -> None:
    with pytest.raises(ValueError):
        DedupConfig(num_perm=64, bands=64, rows=2)
    with pytest.raises(ValueError):
        DedupConfig(threshold=0.0)
    assert DedupConfig(shingle_size=4).scheme != CONFIG.scheme


# --- warehouse side: a real DuckDB file, migrated -------------------------------------------------------------


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    migrate(connection)
    return connection


def insert_article(conn: duckdb.DuckDBPyConnection, article_id: str, source: str, title: str, body: str) -> None:
    conn.execute(
        "INSERT INTO articles (article_id, canonical_url, url, source, title, authors, published_at, body, "
        "body_hash, body_length, raw_sha256, is_article, revision, first_seen_at, last_changed_at) "
        "VALUES (?, ?, ?, ?, ?, [], ?, ?, ?, ?, 'raw', true, 1, ?, ?)",
        [
            article_id,
            f"https://{source}/{article_id}",
            f"https://{source}/{article_id}",
            source,
            title,
            MONDAY,
            body,
            f"hash-{article_id}",
            len(body),
            MONDAY,
            MONDAY,
        ],
    )
    conn.execute(
        "INSERT INTO sightings VALUES (?, ?, ?, 'raw', 'run-1', ?, ?)",
        [article_id, source, f"https://{source}/{article_id}", MONDAY, MONDAY],
    )


def load_articles(conn: duckdb.DuckDBPyConnection, seed_text: str) -> list[StoryAssignment]:
    index = load_story_index(conn, CONFIG)
    bodies = {
        "seed": ("levant-ledger", "Syrian rebels routed", seed_text),
        "copy": ("meridian-wire", "Regime splits rebel Aleppo", "\n\n".join(paragraphs(seed_text)[:16])),
        "other": ("levant-ledger", "Thousands flee east Aleppo", OTHER_ALEPPO_REPORT),
    }
    assignments = []
    conn.execute("BEGIN TRANSACTION")
    for article_id, (source, title, body) in bodies.items():
        if conn.execute("SELECT count(*) FROM articles WHERE article_id = ?", [article_id]).fetchall() == [(0,)]:
            insert_article(conn, article_id, source, title, body)
        assignments.append(assign(index, article_id, body))
    save_story_assignments(conn, assignments)
    conn.execute("COMMIT")
    return assignments


def snapshot(conn: duckdb.DuckDBPyConnection) -> list[object]:
    return [
        conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("story_clusters", "story_members", "story_signatures", "articles")
    ]


def test_assignments_are_stored_and_a_rerun_changes_nothing(conn: duckdb.DuckDBPyConnection, seed_text: str) -> None:
    seed, copy, other = load_articles(conn, seed_text)
    before = snapshot(conn)
    load_articles(conn, seed_text)

    assert snapshot(conn) == before
    assert conn.execute("SELECT count(*) FROM story_clusters").fetchone() == (2,)
    assert conn.execute("SELECT article_id, story_id FROM articles ORDER BY article_id").fetchall() == [
        ("copy", seed.story_id),
        ("other", other.story_id),
        ("seed", seed.story_id),
    ]
    story = conn.execute(
        "SELECT representative_title, outlets, copies, first_seen_at FROM v_stories WHERE story_id = ?",
        [seed.story_id],
    ).fetchone()
    assert story == ("Syrian rebels routed", ["levant-ledger", "meridian-wire"], 2, MONDAY)


def test_index_loaded_from_the_warehouse_links_a_new_copy(conn: duckdb.DuckDBPyConnection, seed_text: str) -> None:
    seed, _, _ = load_articles(conn, seed_text)
    index = load_story_index(conn, CONFIG)
    late = assign(index, "late", seed_text[200:], MONDAY + timedelta(1))

    assert len(index) == 4 and index.story_count == 2
    assert late.story_id == seed.story_id and not late.is_new_story
    assert len(load_story_index(conn, DedupConfig(shingle_size=4))) == 0


def test_a_tie_between_stories_does_not_depend_on_the_order_the_index_was_built_in(seed_text: str) -> None:
    signature = story_signature(seed_text, CONFIG)
    stored = [
        StoredSignature(article, story, signature.hashvalues, signature.shingle_count, MONDAY, len(seed_text))
        for article, story in (("a-article", "story-z"), ("b-article", "story-a"), ("c-article", "story-m"))
    ]
    chosen = set()
    for order in (stored, stored[::-1], stored[1:] + stored[:1]):
        index = StoryIndex.from_signatures(order, CONFIG)
        chosen.add(assign(index, "copy", seed_text, MONDAY + timedelta(hours=1)).story_id)

    assert chosen == {"story-a"}
