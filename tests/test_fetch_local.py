"""Local sources: directories of saved pages and WARC files, read without fetching."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from extractors.errors import LocalSourceError
from extractors.local import iter_local_documents
from records import QuarantineItem, RawDocument, SourceConfig, SourceKind
from tests.fault_server import article_html


def _warc_record(url: str, body: bytes, *, status: str = "200 OK", content_type: str = "text/html") -> bytes:
    """One gzip member holding one ``response`` record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    return buffer.getvalue()


def _split(items: list[RawDocument | QuarantineItem]) -> tuple[list[RawDocument], list[QuarantineItem]]:
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, QuarantineItem)]


def test_directory_reads_html_htm_and_gz_with_index_urls(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html("A"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.htm").write_bytes(article_html("B"))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(article_html("C")))
    (tmp_path / "notes.txt").write_text("not a page")
    (tmp_path / "index.json").write_text(json.dumps({"a.html": "https://news.example/a", "c.html": "https://n.ex/c"}))
    source = SourceConfig(name="dir", kind=SourceKind.DIRECTORY, path=tmp_path)

    documents, quarantined = _split(list(iter_local_documents(source)))

    assert quarantined == []
    by_url = {document.url: document for document in documents}
    assert set(by_url) == {"https://news.example/a", "https://n.ex/c", (tmp_path / "sub" / "b.htm").as_uri()}
    assert by_url["https://n.ex/c"].content == article_html("C")  # decompressed, bytes otherwise untouched


def test_directory_skips_known_urls_and_quarantines_bad_gzip(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(article_html("A"))
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(article_html("X"))[:40])
    (tmp_path / "b.html").write_bytes(article_html("B"))
    source = SourceConfig(name="dir", kind=SourceKind.DIRECTORY, path=tmp_path)

    documents, quarantined = _split(
        list(iter_local_documents(source, known_urls=frozenset({(tmp_path / "a.html").as_uri()})))
    )

    assert [d.url for d in documents] == [(tmp_path / "b.html").as_uri()]
    assert [(q.reason, q.stage) for q in quarantined] == [("bad-gzip", "read")]


def test_directory_gzip_bomb_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"\0" * (8 * 1024 * 1024)))
    source = SourceConfig(name="dir", kind=SourceKind.DIRECTORY, path=tmp_path)

    (item,) = iter_local_documents(source, max_document_bytes=1024 * 1024)

    assert isinstance(item, QuarantineItem) and item.reason == "too-large"


def test_missing_paths_raise_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(LocalSourceError) as directory:
        iter_local_documents(SourceConfig(name="d", kind=SourceKind.DIRECTORY, path=tmp_path / "nope"))
    with pytest.raises(LocalSourceError) as warc:
        iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=tmp_path / "nope.warc.gz"))
    assert directory.value.reason == warc.value.reason == "missing-path"
    assert directory.value.source == "d"


def test_warc_reads_html_responses_only(tmp_path: Path) -> None:
    archive = tmp_path / "a.warc.gz"
    archive.write_bytes(
        _warc_record("https://news.example/1", article_html("One"))
        + _warc_record("https://news.example/logo.png", b"\x89PNG", content_type="image/png")
        + _warc_record("https://news.example/moved", b"", status="301 Moved Permanently")
        + _warc_record("https://news.example/2", article_html("Two"))
    )
    source = SourceConfig(name="warc", kind=SourceKind.WARC, path=archive)

    documents, quarantined = _split(list(iter_local_documents(source)))

    assert quarantined == []
    assert [(d.url, d.content) for d in documents] == [
        ("https://news.example/1", article_html("One")),
        ("https://news.example/2", article_html("Two")),
    ]
    assert all(d.fetched_at.tzinfo is not None for d in documents)


@pytest.mark.parametrize("damage", ["garbage-member", "bad-header", "truncated-member"])
def test_warc_corrupt_record_mid_file_is_quarantined_and_the_rest_read(tmp_path: Path, damage: str) -> None:
    good = [_warc_record(f"https://news.example/{n}", article_html(f"N{n}")) for n in range(4)]
    middle = _warc_record("https://news.example/bad", article_html("Bad"))
    if damage == "garbage-member":
        middle = middle[:10] + b"\xff" * 200 + middle[210:]
    elif damage == "bad-header":
        middle = gzip.compress(b"HTTP/1.1 200 OK\r\nthis is no WARC header\r\n\r\n<html></html>\r\n\r\n")
    else:
        middle = middle[: len(middle) // 2]
    archive = tmp_path / "damaged.warc.gz"
    archive.write_bytes(good[0] + good[1] + middle + good[2] + good[3])
    source = SourceConfig(name="warc", kind=SourceKind.WARC, path=archive)

    documents, quarantined = _split(list(iter_local_documents(source)))

    assert [d.url for d in documents] == [f"https://news.example/{n}" for n in range(4)]
    assert [q.reason for q in quarantined] == ["corrupt-warc-record"]


def test_warc_streams_one_record_at_a_time(tmp_path: Path) -> None:
    archive = tmp_path / "many.warc.gz"
    archive.write_bytes(b"".join(_warc_record(f"https://n.ex/{n}", article_html(f"N{n}")) for n in range(50)))
    items = iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=archive))

    first = next(items)

    assert isinstance(first, RawDocument) and first.url == "https://n.ex/0"


def test_a_folder_or_fifo_given_as_warc_is_named_for_what_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.warc.gz"
    os.mkfifo(fifo)

    with pytest.raises(LocalSourceError) as folder:
        iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=tmp_path))
    with pytest.raises(LocalSourceError) as pipe:
        iter_local_documents(SourceConfig(name="w", kind=SourceKind.WARC, path=fifo))

    assert folder.value.reason == pipe.value.reason == "not-a-file"
    assert "directory" in folder.value.message and "FIFO" in pipe.value.message


def test_directory_never_follows_links_out_of_its_root(tmp_path: Path) -> None:
    root, outside = tmp_path / "pages", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.html").write_bytes(article_html("Not yours"))
    (outside / "more").mkdir()
    (outside / "more" / "deep.html").write_bytes(article_html("Deeper"))
    (root / "mine.html").write_bytes(article_html("Mine"))
    (root / "alias.html").symlink_to(root / "mine.html")
    (root / "leak.html").symlink_to(outside / "secret.html")
    (root / "folder").symlink_to(outside / "more", target_is_directory=True)

    documents, quarantined = _split(
        list(iter_local_documents(SourceConfig(name="d", kind=SourceKind.DIRECTORY, path=root)))
    )

    # the in-root link is read (named by its target, like every page of a directory source)
    assert sorted(Path(d.url).name for d in documents) == ["mine.html", "mine.html"]
    assert all(b"Not yours" not in d.content and b"Deeper" not in d.content for d in documents)
    assert [(Path(q.url).name, q.reason) for q in quarantined] == [("leak.html", "outside-root")]
