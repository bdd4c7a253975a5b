"""Resolving the links pages and feeds give us, which are untrusted text: a broken one is refused, not fatal."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

__all__ = ["resolve_link"]


def resolve_link(base: str, link: str) -> str | None:
    """The absolute form of ``link`` (relative to ``base``, fragment dropped), or None if it is malformed.

    Malformed: what ``urllib`` refuses (``http://[::1``, a port that is not a number or out of range), or an
    http(s) URL without a host. Callers quarantine or skip such links instead of failing a whole feed; other
    schemes (``javascript:``, ``file:``) are resolved and left to the fetch stage's scheme check.
    """
    try:
        absolute = urldefrag(urljoin(base, link.strip())).url
        parts = urlsplit(absolute)
        _ = parts.port
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and not parts.hostname:
        return None
    return absolute
