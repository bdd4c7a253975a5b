"""The sources file: valid files load, every kind of mistake is a ConfigError naming file, source and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.errors import ConfigError
from flows.settings import load_settings, parse_interval
from records import SourceKind
from tests.guards import cpu_guard

VALID = """
[settings]
user_agent = "conflictwire-test/1.0"
contact_url = "https://example.org/contact"

[[source]]
name = "wire-rss"
kind = "rss"
url = "${SITE}/rss.xml"
language = "en"
country_hint = "sy"
poll = "30m"
allow_private_network = true
politeness = { min_delay_seconds = 0.5 }

[[source]]
name = "saved"
kind = "directory"
path = "pages"
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads_with_variables_and_overrides(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, VALID), variables={"SITE": "http://127.0.0.1:9"})
    rss, saved = settings.sources
    assert rss.kind is SourceKind.RSS and rss.url == "http://127.0.0.1:9/rss.xml"
    assert rss.country_hint == "SY" and rss.poll_seconds == 1800 and rss.allow_private_network
    assert rss.politeness.min_delay_seconds == 0.5 and rss.politeness.per_host_concurrency == 2
    assert saved.path == (tmp_path / "pages").resolve() and not saved.enabled
    assert settings.full_user_agent == "conflictwire-test/1.0 (+https://example.org/contact)"
    assert [s.name for s in settings.select(None)] == ["wire-rss"]
    assert [s.name for s in settings.select("saved")] == ["saved"]


@pytest.mark.parametrize(
    ("entry", "source", "key", "message"),
    [
        ('name = "a"\nkind = "gopher"\nurl = "http://x/"', "a", "kind", "unknown kind 'gopher'"),
        ('name = "a"\nkind = "rss"', "a", "url", "a rss source needs a url"),
        ('name = "a"\nkind = "warc"', "a", "path", "a warc source needs a path"),
        ('name = "a"\nkind = "rss"\nurl = "http://x/"\npoll = "hourly"', "a", "poll", "not an interval"),
        ('name = "a"\nkind = "rss"\nurl = "ftp://x/"', "a", "url", "needs an http(s) URL"),
        ('name = "a"\nkind = "rss"\nurl = "http://x/"\ncolour = "red"', "a", "colour", "unknown key(s): colour"),
        ('name = "a"\nkind = "rss"\nurl = "http://x/"\ncountry_hint = "Syria"', "a", "country_hint", "ISO"),
        ('name = "a"\nkind = "rss"\nurl = "${NOPE_UNDEFINED}/x"', "a", "url", "${NOPE_UNDEFINED} is not defined"),
        ('name = "a"\nkind = "rss"\nurl = "http://x/"\nenabled = "yes"', "a", "enabled", "true or false"),
    ],
)
def test_bad_entries_name_file_source_and_key(tmp_path: Path, entry: str, source: str, key: str, message: str) -> None:
    path = write(tmp_path, f"[[source]]\n{entry}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    error = caught.value
    assert (error.file, error.source, error.key) == (str(path), source, key)
    assert message in str(error)
    assert str(path) in str(error) and f"source {source!r}" in str(error) and f"key {key!r}" in str(error)


def test_duplicate_name_is_refused(tmp_path: Path) -> None:
    entry = '[[source]]\nname = "dup"\nkind = "rss"\nurl = "http://x/"\n'
    path = write(tmp_path, entry + entry)
    with pytest.raises(ConfigError, match="duplicate source name") as caught:
        load_settings(path)
    assert (caught.value.source, caught.value.key) == ("dup", "name")


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[[source]\nname="))
    with pytest.raises(ConfigError, match=r"no \[\[source\]\] entries"):
        load_settings(write(tmp_path, "[settings]\nbatch_size = 10\n"))


def test_unknown_source_selected(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, VALID), variables={"SITE": "http://h"})
    with pytest.raises(ConfigError, match="no source named 'x'"):
        settings.select("x")


@pytest.mark.parametrize(
    ("text", "seconds"), [("1h", 3600), ("90m", 5400), ("1h30m", 5400), ("2d", 172800), ("45s", 45)]
)
def test_intervals(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "h", "1 hour", "-1h"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_allow_private_hosts_are_parsed_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[[source]]\nname = "a"\nkind = "rss"\nurl = "http://127.0.0.1:8000/feed"\nallow_private_network = true\n'
        'allow_private_hosts = ["Intranet.local", "127.0.0.1:9000"]\n'
    )
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "a"\nkind = "rss"\nurl = "http://x.example/"\nallow_private_hosts = ["a b"]\n')

    assert load_settings(good).sources[0].allow_private_hosts == ("intranet.local", "127.0.0.1:9000")
    with pytest.raises(ConfigError) as refused:
        load_settings(bad)
    assert refused.value.key == "allow_private_hosts"


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("rss", "http://news.example/a feed.xml"),
        ("rss", "http://news.example/feed.xml\r\nX-Injected: 1"),
        ("rss", "file:///var/feeds/feed.xml"),
        ("sitemap", "http://a..b/sitemap.xml"),
        ("page", "http://\u2603.example/"),
        ("warc", "https://archive.example/x.warc.gz"),
    ],
)
def test_urls_are_checked_for_their_kind_at_load(tmp_path: Path, kind: str, url: str) -> None:
    path = tmp_path / "sources.toml"
    escaped = url.replace("\r", "\\r").replace("\n", "\\n")
    path.write_text(f'[[source]]\nname = "a"\nkind = "{kind}"\nurl = "{escaped}"\n', encoding="utf-8")

    with pytest.raises(ConfigError) as refused:
        load_settings(path)

    assert refused.value.key == "url"


@pytest.mark.parametrize(
    ("setting", "value"),
    [("schedule", "61 * * * *"), ("schedule", "every hour"), ("user_agent", "bot\\r\\nX-Evil: 1")],
)
def test_schedule_and_header_values_are_checked_at_load(tmp_path: Path, setting: str, value: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        f'[settings]\n{setting} = "{value}"\n[[source]]\nname = "a"\nkind = "rss"\nurl = "https://n.example/f"\n'
    )

    with pytest.raises(ConfigError) as refused:
        load_settings(path)

    assert refused.value.key == setting


@pytest.mark.parametrize("key", ["source_deadline_seconds", "run_deadline_seconds"])
@pytest.mark.parametrize("value", ["0", "-5", "true", '"15m"'])
def test_a_deadline_must_be_positive_seconds(tmp_path: Path, key: str, value: str) -> None:
    source = '[[source]]\nname = "a"\nkind = "rss"\nurl = "https://n.example/f"\n'
    path = write(tmp_path, f"[settings]\n{key} = {value}\n{source}")

    with pytest.raises(ConfigError) as refused:
        load_settings(path)

    assert refused.value.key == key
    assert getattr(load_settings(write(tmp_path, source)), key) is None
    assert getattr(load_settings(write(tmp_path, f"[settings]\n{key} = 900\n{source}")), key) == 900.0


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes(b'\xef\xbb\xbf[[source]]\nname = "a"\nkind = "rss"\nurl = "https://n.example/f"\n')

    assert [s.name for s in load_settings(path).sources] == ["a"]


@pytest.mark.slow
def test_a_hundred_thousand_sources_load_in_linear_time(tmp_path: Path) -> None:
    """Guarded by CPU time at ten times what linear loading needs here (about 8 s); quadratic took minutes."""
    path = tmp_path / "sources.toml"
    path.write_text(
        "".join(f'[[source]]\nname = "s{n}"\nkind = "rss"\nurl = "https://n{n}.example/f"\n' for n in range(100_000))
    )

    with cpu_guard(80.0):
        settings = load_settings(path)

    assert len(settings.sources) == 100_000
