"""Options and error handling shared by every CLI command (sqlite-utils style decorators)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["db_option", "reports_errors", "runner_options", "sources_option"]

F = TypeVar("F", bound=Callable[..., Any])


def _our_errors() -> tuple[type[Exception], ...]:
    from extractors.errors import ExtractError
    from flows.errors import FlowError
    from warehouse.errors import WarehouseError

    return (ExtractError, FlowError, WarehouseError)


def reports_errors(command: F) -> F:
    """Turn our own errors into a one-line ``Error: …`` and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except _our_errors() as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def db_option(command: F) -> F:
    """The warehouse file every command that touches it takes."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("conflictwire.duckdb"),
        show_default=True,
        help="DuckDB warehouse file.",
    )(command)


def sources_option(command: F) -> F:
    return click.option(
        "--sources",
        "sources_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("sources.toml"),
        show_default=True,
        help="Sources file (TOML).",
    )(command)


def runner_options(command: F) -> F:
    """Where batches are processed: threads (default), N local processes, or a Dask cluster."""
    command = click.option(
        "--dask-address", default=None, help="Run tasks on the Dask scheduler at this address (tcp://host:8786)."
    )(command)
    return click.option(
        "--workers", type=click.IntRange(1, 256), default=1, show_default=True, help="Processes for parsing/enrichment."
    )(command)
