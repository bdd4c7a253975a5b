"""A Prefect server of the warehouse's own, for ``serve`` when no ``PREFECT_API_URL`` is configured.

Prefect's temporary server (what a flow gets without an API URL) runs no scheduler: a served deployment's
cron never fires and a triggered run never starts. So ``serve`` starts ``prefect server start`` itself, with
its state (a SQLite database, logs) in ``<warehouse>.prefect/`` next to the warehouse, bound to 127.0.0.1 only,
and stops it when ``serve`` stops. The child asks the kernel for SIGKILL when its parent dies
(``PR_SET_PDEATHSIG``, SIGKILL), so a ``serve`` killed outright leaves no server behind. The API URL is written to
``api-url`` in that folder, which is how ``trigger`` finds the server of a warehouse.

The other commands that run a flow (``run``, ``backfill``, ``reprocess``, ``demo``) get, without an API URL, a
temporary API-only server started the same way (``temporary_prefect_api``) instead of Prefect's own, which a
``kill -9`` of the command would leave running.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from flows.errors import FlowError

__all__ = ["local_prefect_server", "running_api_url", "state_dir_for", "temporary_prefect_api"]

_PREFERRED_PORT = 4200  # Prefect's usual port, so the UI is where Prefect's docs say; any free port otherwise
_PR_SET_PDEATHSIG = 1
_STARTUP_SECONDS = 180.0
_DRAIN_SECONDS = 10.0  # queued logs and events of one run; a server that stops answering must not hang the exit


def state_dir_for(db: Path) -> Path:
    """Where the local Prefect server of warehouse ``db`` keeps its state: ``<db>.prefect`` beside it."""
    resolved = db.resolve()
    return resolved.parent / f"{resolved.name}.prefect"


def _api_answers(api_url: str) -> bool:
    try:
        return httpx.get(f"{api_url}/health", timeout=5.0).status_code == 200
    except httpx.HTTPError:
        return False


def running_api_url(db: Path) -> str | None:
    """The API URL of the local Prefect server a ``serve`` of ``db`` runs, if one runs and answers."""
    try:
        api_url = (state_dir_for(db) / "api-url").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return api_url if api_url and _api_answers(api_url) else None


def _free_port(preferred: int = _PREFERRED_PORT) -> int:
    for port in (preferred, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise FlowError("no free loopback port for the local Prefect server")


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGKILL when the parent (``serve``) dies, however it dies (Linux).

    SIGKILL, not SIGTERM: a server told to stop gracefully waited on its open connections for over a minute
    on a loaded machine; its SQLite state survives a kill (the normal stop with ``serve`` stays graceful).
    """
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return  # not Linux: the server is still stopped by serve's normal exit
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _stop(process: subprocess.Popen[bytes], grace_seconds: float = 30.0) -> None:
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _prefect_server(
    options: list[str],
    env: dict[str, str],
    log: IO[bytes] | int,
    startup_seconds: float,
    *,
    port: int = _PREFERRED_PORT,
    grace_seconds: float,
) -> Iterator[str]:
    """``prefect server start`` on a free loopback port with ``options``, dying with this process; yields its API URL.

    Raises:
        FlowError: the server did not answer within ``startup_seconds``.
    """
    port = _free_port(port)
    api_url = f"http://127.0.0.1:{port}/api"
    process = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port), *options],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - started by the CLI before any flow, so before threads
    )
    try:
        deadline = time.monotonic() + startup_seconds
        while not _api_answers(api_url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise FlowError(f"the local Prefect server did not start (exit {process.poll()})")
            time.sleep(0.5)
        yield api_url
    finally:
        _stop(process, grace_seconds)


@contextmanager
def local_prefect_server(db: Path, *, startup_seconds: float = _STARTUP_SECONDS) -> Iterator[str]:
    """Run a Prefect server (API, UI, scheduler) for warehouse ``db`` for the duration of the block.

    Yields:
        The API URL, ``http://127.0.0.1:<port>/api``.

    Raises:
        FlowError: the server did not answer within ``startup_seconds`` (its log file is named).
    """
    home = state_dir_for(db)
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    log = home / "server.log"
    try:
        with log.open("ab") as log_file, _prefect_server([], env, log_file, startup_seconds, grace_seconds=30) as api:
            (home / "api-url").write_text(api, encoding="utf-8")
            try:
                yield api
            finally:
                (home / "api-url").unlink(missing_ok=True)
    except FlowError as exc:
        raise FlowError(f"{exc}; see {log}") from exc


@contextmanager
def temporary_prefect_api() -> Iterator[None]:
    """The Prefect API for one CLI flow run: the configured one, else a temporary server that dies with us.

    Without an API URL Prefect would start a temporary server of its own, a uvicorn child that a ``kill -9``
    of the CLI leaves running forever (about 190 MB each). This one is the same kind (API only: no UI, no
    services; in Prefect's home, where Prefect's own keeps the runs) started with ``PR_SET_PDEATHSIG``. Its
    stop is quick: a run's exit does not wait on the server's idle connections.

    Raises:
        FlowError: the server did not answer within ``_STARTUP_SECONDS``.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    options = ["--no-ui", "--no-services"]
    server = _prefect_server(options, dict(os.environ), subprocess.DEVNULL, _STARTUP_SECONDS, port=0, grace_seconds=5)
    with server as api, temporary_settings({PREFECT_API_URL: api}):
        try:
            yield
        finally:
            _drain_api_workers()


def _drain_api_workers() -> None:
    """Send the run's queued logs and events while the temporary server still answers.

    Prefect sends them from background workers that are otherwise drained at interpreter exit, after the
    server has stopped, which printed "--- Error logging to API ---" under every CLI run's summary.
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=_DRAIN_SECONDS)
    EventsWorker.drain_all(timeout=_DRAIN_SECONDS)
