"""`extract` and `enrich`: readable text by default, JSON records with --json, the same content either way."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flows.cli import main, sample_sources_file

SEED_PAGE = (
    sample_sources_file().parent
    / "site/levant-ledger/2016/11/28/syrian-rebels-routed-as-regime-militias-storm-through-aleppo.html"
)
SEED_TEXT = sample_sources_file().parent / "content" / "seed-article.txt"


def test_extract_prints_text_or_json_records() -> None:
    text = CliRunner().invoke(main, ["extract", str(SEED_PAGE)])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("# Syrian rebels routed as regime militias storm through Aleppo")
    as_json = CliRunner().invoke(main, ["extract", str(SEED_PAGE), str(SEED_PAGE), "--json"])
    records = [json.loads(line) for line in as_json.output.splitlines()]
    assert len(records) == 2 and records[0]["title"] == "Syrian rebels routed as regime militias storm through Aleppo"
    assert records[0]["published_at"].startswith("2016-11-28") and records[0]["body"] in text.output


def test_enrich_prints_text_or_json() -> None:
    text = CliRunner().invoke(main, ["enrich", "--text-file", str(SEED_TEXT), "--country", "SY"])
    assert text.exit_code == 0, text.output
    assert "Aleppo -> Aleppo (SY, city" in text.output and "[primary]" in text.output
    assert "claimed by Russia's defense ministry" in text.output
    as_json = json.loads(CliRunner().invoke(main, ["enrich", "--text-file", str(SEED_TEXT), "--json"]).output)
    assert as_json["primary_place"]["name"] == "Aleppo"
