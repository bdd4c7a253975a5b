"""Errors of the flows stage (configuration and orchestration).

    FlowError                 base
    └── ConfigError           (file=, source=, key=) a sources/settings file we refuse to run with

Errors of the other stages keep their own hierarchies (``extractors.errors``, ``warehouse.errors``); the CLI
turns all of them into a one-line message and exit code 1.
"""

from __future__ import annotations

__all__ = ["ConfigError", "FlowError"]


class FlowError(Exception):
    """Base of the flows stage's errors."""


class ConfigError(FlowError):
    """A configuration problem, naming the file, the source entry (if any) and the key at fault."""

    def __init__(self, message: str, *, file: str, source: str | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.source = source
        self.key = key

    def __str__(self) -> str:
        parts = [self.file]
        if self.source is not None:
            parts.append(f"source {self.source!r}")
        if self.key is not None:
            parts.append(f"key {self.key!r}")
        return f"{': '.join(parts)}: {self.message}"
