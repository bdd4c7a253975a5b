"""Settings: the sources file (``sources.toml``) parsed and validated into one frozen record.

Built once in ``flows/`` and passed down; nothing reads configuration at import time. A sources file may
reference variables as ``${NAME}`` in string values (the demo uses ``${SAMPLE_SITE}`` for its loopback server);
they come from the caller first, then the environment, and an undefined one is a ``ConfigError``.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import soupsieve

from extractors.errors import PermanentFetchError
from extractors.safety import check_scheme
from flows.errors import ConfigError
from records import Politeness, SourceConfig, SourceKind
from transforms.dedup import DedupConfig

__all__ = ["Settings", "load_settings", "parse_interval"]

_INTERVAL = re.compile(r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$")
_VARIABLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_SOURCE_KEYS = frozenset(
    {
        "name",
        "kind",
        "url",
        "path",
        "language",
        "country_hint",
        "poll",
        "enabled",
        "allow_private_network",
        "allow_private_hosts",
        "link_selector",
        "politeness",
    }
)
_POLITENESS_KEYS = frozenset(f.name for f in fields(Politeness))
# Bounds that keep a crawler polite and a run finite: no infinite timeout, no unbounded body, no retry storm.
_POLITENESS_BOUNDS: dict[str, tuple[float, float]] = {
    "min_delay_seconds": (0, 3600),
    "per_host_concurrency": (1, 32),
    "respect_robots": (0, 1),
    "max_attempts": (1, 20),
    "retry_after_cap_seconds": (0, 86400),
    "timeout_seconds": (0.1, 600),
    "max_body_bytes": (1024, 1024**3),
}
_MAX_POLL_SECONDS = 366 * 86400
_SETTINGS_KEYS = frozenset(
    {
        "user_agent",
        "contact_url",
        "batch_size",
        "schedule",
        "politeness",
        "dedup_threshold",
        "source_deadline_seconds",
        "run_deadline_seconds",
    }
)
_DEFAULT_USER_AGENT = "conflictwire/0.1"
_DEFAULT_CONTACT_URL = "https://github.com/conflictwire/conflictwire"
_DEFAULT_SCHEDULE = "0 * * * *"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know, validated."""

    sources_file: Path
    sources: tuple[SourceConfig, ...]
    user_agent: str = _DEFAULT_USER_AGENT
    contact_url: str = _DEFAULT_CONTACT_URL
    batch_size: int = 200
    schedule: str = _DEFAULT_SCHEDULE
    politeness: Politeness = field(default_factory=Politeness)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    source_deadline_seconds: float | None = None  # a web crawl past it stops; its pages left wait for the next run
    run_deadline_seconds: float | None = None  # every web crawl still going this long after the run began stops

    @property
    def full_user_agent(self) -> str:
        """The User-Agent header: product/version plus a contact URL, as crawler etiquette asks."""
        return f"{self.user_agent} (+{self.contact_url})"

    def select(self, name: str | None) -> tuple[SourceConfig, ...]:
        """The enabled sources, or the one named (even if disabled: asking for it by name is explicit).

        Raises:
            ConfigError: no source has that name.
        """
        if name is None:
            return tuple(s for s in self.sources if s.enabled)
        for source in self.sources:
            if source.name == name:
                return (source,)
        known = ", ".join(s.name for s in self.sources)
        raise ConfigError(f"no source named {name!r} (known: {known})", file=str(self.sources_file))


def parse_interval(text: str) -> int:
    """Seconds in an interval like ``"1h"``, ``"90m"``, ``"1h30m"`` or ``"2d"``.

    Raises:
        ValueError: the text is not such an interval or is zero.
    """
    match = _INTERVAL.match(text.strip())
    if not text.strip() or not match:
        raise ValueError(f"{text!r} is not an interval like '30m', '1h' or '1d'")
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    seconds = sum(int(v) * units[k] for k, v in match.groupdict().items() if v)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive interval")
    return seconds


def _url_problem(url: str, kind: SourceKind) -> str | None:
    """Why ``url`` cannot serve a source of ``kind``, or None: web kinds need an http(s) URL whose host the
    crawler would accept (the fetch stage's own check), local kinds a ``file://`` URL with a path; no URL may
    hold whitespace or control characters (a CRLF would end up in a request line or a header)."""
    if any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return "must not contain spaces or control characters"
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if kind.is_local:
        return None if parts.scheme == "file" and parts.path else f"a {kind.value} source reads a file:// URL"
    try:
        check_scheme(url, source="config")
    except PermanentFetchError as exc:
        return f"a {kind.value} source needs an http(s) URL with a valid host ({exc.message})"
    return None


def _header_problem(value: str) -> str | None:
    """Why ``value`` cannot go into an HTTP header (CR, LF or another control character; non-ASCII), or None."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        return "must not contain line breaks or control characters"
    if not value.isascii():
        return "must be ASCII (it is sent in an HTTP header)"
    return None


def _cron_problem(expression: str) -> str | None:
    """What Prefect's scheduler would say about ``expression``, asked now rather than when ``serve`` starts."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=expression)
    except ValidationError as exc:
        return f"is not a valid cron expression: {exc.errors()[0]['msg']}"
    return None


def _valid_selector(selector: str) -> bool:
    try:
        soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError:
        return False
    return True


class _Reader:
    """Validates one file's tables, remembering where it is so every error names file, source and key."""

    def __init__(self, file: Path, variables: Mapping[str, str]) -> None:
        self.file = file
        self.variables = variables

    def error(self, message: str, *, source: str | None = None, key: str | None = None) -> ConfigError:
        return ConfigError(message, file=str(self.file), source=source, key=key)

    def expand(self, value: str, *, source: str | None, key: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            name = match.group("name")
            if name in self.variables:
                return self.variables[name]
            if name in os.environ:
                return os.environ[name]
            raise self.error(f"variable ${{{name}}} is not defined", source=source, key=key)

        return _VARIABLE.sub(substitute, value)

    def text(self, table: Mapping[str, Any], key: str, *, source: str | None, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.error("is required", source=source, key=key)
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"must be a non-empty string, got {value!r}", source=source, key=key)
        return self.expand(value.strip(), source=source, key=key)

    def flag(self, table: Mapping[str, Any], key: str, default: bool, *, source: str | None) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"must be true or false, got {value!r}", source=source, key=key)
        return value

    def hosts(self, table: Mapping[str, Any], key: str, *, source: str) -> tuple[str, ...]:
        """A list of ``host`` or ``host:port`` strings (no scheme, no path)."""
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.error(f"must be a list of host or host:port strings, got {value!r}", source=source, key=key)
        hosts = tuple(item.strip().lower() for item in value)
        for host in hosts:
            try:
                check_scheme(f"http://{host}/", source=source)
            except PermanentFetchError:
                raise self.error(f"{host!r} is not a host or host:port", source=source, key=key) from None
            if "/" in host or "@" in host:
                raise self.error(f"{host!r} is not a host or host:port", source=source, key=key)
        return hosts

    def politeness(self, table: Any, base: Politeness, *, source: str | None) -> Politeness:
        if table is None:
            return base
        if not isinstance(table, dict):
            raise self.error("must be a table", source=source, key="politeness")
        unknown = set(table) - _POLITENESS_KEYS
        if unknown:
            raise self.error(
                f"unknown politeness key(s): {', '.join(sorted(unknown))}", source=source, key="politeness"
            )
        changes: dict[str, Any] = {}
        for key, value in table.items():
            expected = type(getattr(base, key))
            if isinstance(value, bool) != (expected is bool) or not isinstance(value, (int, float)):
                raise self.error(
                    f"must be a {expected.__name__}, got {value!r}", source=source, key=f"politeness.{key}"
                )
            low, high = _POLITENESS_BOUNDS[key]
            if not math.isfinite(value) or not low <= value <= high:
                raise self.error(
                    f"must be a number from {low} to {high}, got {value!r}", source=source, key=f"politeness.{key}"
                )
            changes[key] = expected(value)
        return replace(base, **changes)

    def source(self, table: Any, index: int, default_politeness: Politeness) -> SourceConfig:
        if not isinstance(table, dict):
            raise self.error(f"[[source]] entry #{index + 1} must be a table")
        name = self.text(table, "name", source=f"#{index + 1}", required=True)
        assert name is not None
        if not _NAME.match(name):
            raise self.error("must be lower-case letters, digits, '.', '_' or '-'", source=name, key="name")
        unknown = set(table) - _SOURCE_KEYS
        if unknown:
            raise self.error(f"unknown key(s): {', '.join(sorted(unknown))}", source=name, key=sorted(unknown)[0])
        kind_text = self.text(table, "kind", source=name, required=True)
        try:
            kind = SourceKind(kind_text or "")
        except ValueError:
            kinds = ", ".join(k.value for k in SourceKind)
            raise self.error(f"unknown kind {kind_text!r} (one of: {kinds})", source=name, key="kind") from None
        url = self.text(table, "url", source=name)
        path_text = self.text(table, "path", source=name)
        if kind.is_local:
            if path_text is None and url is None:
                raise self.error(f"a {kind.value} source needs a path (or a url)", source=name, key="path")
        elif url is None:
            raise self.error(f"a {kind.value} source needs a url", source=name, key="url")
        problem = _url_problem(url, kind) if url is not None else None
        if problem is not None:
            raise self.error(f"{problem}, got {url!r}", source=name, key="url")
        selector = self.text(table, "link_selector", source=name)
        if selector is not None and not _valid_selector(selector):
            raise self.error(f"is not a valid CSS selector: {selector!r}", source=name, key="link_selector")
        path = (self.file.parent / path_text).resolve() if path_text is not None else None
        poll_text = self.text(table, "poll", source=name)
        try:
            poll = parse_interval(poll_text) if poll_text is not None else 3600
        except ValueError as exc:
            raise self.error(str(exc), source=name, key="poll") from None
        if poll > _MAX_POLL_SECONDS:
            raise self.error(f"{poll_text!r} is longer than a year", source=name, key="poll")
        country = self.text(table, "country_hint", source=name)
        if country is not None and not re.match(r"^[A-Za-z]{2}$", country):
            raise self.error(f"must be an ISO 3166-1 alpha-2 code, got {country!r}", source=name, key="country_hint")
        return SourceConfig(
            name=name,
            kind=kind,
            url=url,
            path=path,
            language=self.text(table, "language", source=name),
            country_hint=country.upper() if country else None,
            poll_seconds=poll,
            enabled=self.flag(table, "enabled", True, source=name),
            allow_private_network=self.flag(table, "allow_private_network", False, source=name),
            allow_private_hosts=self.hosts(table, "allow_private_hosts", source=name),
            link_selector=selector,
            politeness=self.politeness(table.get("politeness"), default_politeness, source=name),
        )


def _seconds(options: Mapping[str, object], key: str, reader: _Reader) -> float | None:
    """An optional positive number of seconds (up to a year) from ``[settings]``."""
    value = options.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= _MAX_POLL_SECONDS:
        raise reader.error(f"must be a positive number of seconds, got {value!r}", key=key)
    return float(value)


def load_settings(path: str | Path, *, variables: Mapping[str, str] | None = None) -> Settings:
    """Read and validate a sources file.

    Args:
        path: the TOML file; relative ``path`` entries of local sources resolve against its folder.
        variables: values for ``${NAME}`` references, taking precedence over the environment.

    Raises:
        ConfigError: the file is missing or not TOML, or any entry is invalid (unknown kind, missing url,
            bad interval, duplicate name, …), naming the file, the source and the key.
    """
    file = Path(path)
    reader = _Reader(file, variables or {})
    try:
        # utf-8-sig: an editor's byte-order mark is dropped, not reported as "invalid statement" at line 1.
        document = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise reader.error("file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise reader.error(f"cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise reader.error(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise reader.error("not valid TOML: nested too deeply") from None
    unknown = set(document) - {"source", "settings"}
    if unknown:
        raise reader.error(f"unknown top-level key(s): {', '.join(sorted(unknown))}", key=sorted(unknown)[0])
    options = document.get("settings", {})
    if not isinstance(options, dict):
        raise reader.error("must be a table", key="settings")
    bad = set(options) - _SETTINGS_KEYS
    if bad:
        raise reader.error(f"unknown setting(s): {', '.join(sorted(bad))}", key=sorted(bad)[0])
    politeness = reader.politeness(options.get("politeness"), Politeness(), source=None)
    entries = document.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise reader.error("no [[source]] entries", key="source")
    sources: list[SourceConfig] = []
    names: set[str] = set()  # a set, not a scan of the list: 100,000 sources load in linear time
    for index, entry in enumerate(entries):
        source = reader.source(entry, index, politeness)
        if source.name in names:
            raise reader.error("duplicate source name", source=source.name, key="name")
        names.add(source.name)
        sources.append(source)
    batch_size = options.get("batch_size", 200)
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or not 1 <= batch_size <= 10_000:
        raise reader.error(f"must be an integer from 1 to 10000, got {batch_size!r}", key="batch_size")
    threshold = options.get("dedup_threshold", DedupConfig().threshold)
    if not isinstance(threshold, int | float) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        raise reader.error(f"must be a number in (0, 1], got {threshold!r}", key="dedup_threshold")
    deadline = _seconds(options, "source_deadline_seconds", reader)
    run_deadline = _seconds(options, "run_deadline_seconds", reader)
    user_agent = reader.text(options, "user_agent", source=None) or _DEFAULT_USER_AGENT
    contact_url = reader.text(options, "contact_url", source=None) or _DEFAULT_CONTACT_URL
    for key, value in (("user_agent", user_agent), ("contact_url", contact_url)):
        problem = _header_problem(value)
        if problem is not None:
            raise reader.error(f"{problem}, got {value!r}", key=key)
    schedule = reader.text(options, "schedule", source=None) or _DEFAULT_SCHEDULE
    problem = _cron_problem(schedule) if schedule != _DEFAULT_SCHEDULE else None
    if problem is not None:
        raise reader.error(f"{problem}, got {schedule!r}", key="schedule")
    return Settings(
        sources_file=file,
        sources=tuple(sources),
        user_agent=user_agent,
        contact_url=contact_url,
        batch_size=batch_size,
        schedule=schedule,
        politeness=politeness,
        dedup=DedupConfig(threshold=float(threshold)),
        source_deadline_seconds=deadline,
        run_deadline_seconds=run_deadline,
    )
