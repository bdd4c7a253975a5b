"""Parsing stage: raw page bytes to an ``Article`` (body, title, authors, dates, language, dateline, ...).

``decode_html`` turns bytes into text, ``parse_document`` parses a ``RawDocument`` from the pipeline and
``parse_html`` parses saved bytes (CLI, tests). Errors are the ``ParseError`` subclasses of ``extractors.errors``.
"""

from extractors.parse.charset import decode_html
from extractors.parse.document import parse_document, parse_html

__all__ = ["decode_html", "parse_document", "parse_html"]
