"""Enrichment of analysts' own texts from the CLI: one text, or a JSON-lines stream over all cores.

The stream is processed in order with a process pool (enrichment is CPU-bound; threads would share one core),
in chunks so memory stays flat however long the input. A malformed line yields an error object naming its
line number, and the rest of the stream goes on.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from transforms.enrich import enrich_text

__all__ = ["enrich_lines", "enrich_one"]

_CHUNK = 16


def enrich_one(text: str, country: str | None) -> dict[str, Any]:
    """Enrichment of one text as a JSON-ready dict: places, primary place, actors, events, figures."""
    return asdict(enrich_text(text, country_hint=country))


def _enrich_line(job: tuple[int, str, str | None]) -> dict[str, Any]:
    number, line, default_country = job
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": number, "id": None, "error": f"not valid JSON: {exc.msg}"}
    if not isinstance(record, dict):
        return {"line": number, "id": None, "error": "expected a JSON object"}
    text, country = record.get("text"), record.get("country", default_country)
    if not isinstance(text, str):
        return {"line": number, "id": record.get("id"), "error": "missing or non-string 'text'"}
    if country is not None and not isinstance(country, str):
        return {"line": number, "id": record.get("id"), "error": "'country' must be a string"}
    return {"id": record.get("id"), **enrich_one(text, country)}


def enrich_lines(
    lines: Iterable[tuple[int, str]], *, default_country: str | None = None, workers: int | None = None
) -> Iterator[dict[str, Any]]:
    """Enrich numbered JSON lines in input order, using ``workers`` processes (default: all cores)."""
    jobs = ((number, line, default_country) for number, line in lines if line.strip())
    count = workers or multiprocessing.cpu_count()
    if count <= 1:
        yield from map(_enrich_line, jobs)
        return
    with multiprocessing.get_context("spawn").Pool(count) as pool:
        yield from pool.imap(_enrich_line, jobs, chunksize=_CHUNK)
