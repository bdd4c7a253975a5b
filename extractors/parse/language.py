"""The article's language: what the page declares, else what py3langid detects in the text.

Declarations (``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, ``content-language``) are preferred because
they are cheap and exact for mixed-language pages; detection covers the many pages that declare nothing. Codes
are reduced to the ISO 639 primary subtag ("en-GB", "en_US" -> "en") so they group in SQL.
"""

from __future__ import annotations

import re
from typing import Any

import py3langid

from extractors.parse.structured import StructuredData

__all__ = ["declared_language", "detect_language", "normalise_language"]

# A subtag of one or two digits is never BCP 47 (regions are two letters or three digits): "utf-8" and
# "iso-8859-1" are charsets, which some pages declare as their content-language.
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_](?!\d{1,2}(?:[-_]|$))[a-zA-Z0-9]{1,8})*$")
_DETECT_CHARS = 2000
_MIN_DETECT_CHARS = 20


def normalise_language(value: Any) -> str | None:
    """The primary subtag of a language tag, lower-cased; None for anything that is not a language tag."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
        return None
    match = _CODE.match(value.strip().split(",")[0].strip())
    if match is None:
        return None
    code = match.group(1).lower()
    return None if code in {"und", "zxx", "mul"} else code


def declared_language(structured: StructuredData, html_lang: str | None) -> str | None:
    """The language the page says it is in: ``<html lang>``, JSON-LD, ``og:locale``, ``content-language``."""
    article = structured.article or {}
    for value in (
        html_lang,
        article.get("inLanguage"),
        structured.meta.get("og:locale"),
        structured.meta.get("content-language"),
        structured.meta.get("language"),
        structured.meta.get("dc.language"),
    ):
        code = normalise_language(value)
        if code is not None:
            return code
    return None


def detect_language(text: str) -> str | None:
    """Detect the language of ``text`` (its first 2,000 characters); None when there is too little text."""
    sample = text[:_DETECT_CHARS]
    if len(sample.strip()) < _MIN_DETECT_CHARS:
        return None
    code, _ = py3langid.classify(sample)
    return str(code)
