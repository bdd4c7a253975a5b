"""A Prefect server of the warehouse's own, for ``serve`` when no ``PREFECT_API_URL`` is configured.

Prefect's temporary server (what a flow gets without an API URL) runs no scheduler: a served deployment's
cron never fires and a triggered run never starts. So ``serve`` starts ``prefect server start`` itself, with
its state (a SQLite database, logs) in ``<warehouse>.prefect/`` next to the warehouse, bound to 127.0.0.1 only,
and stops it when ``serve`` stops. The child asks the kernel for SIGKILL when its parent dies
(``PR_SET_PDEATHSIG``, SIGKILL), so a ``serve`` killed outright leaves no server behind. The API URL is written to
``api-url`` in that folder, which is how ``trigger`` finds the server of a warehouse.
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

import httpx

from flows.errors import FlowError

__all__ = ["local_prefect_server", "running_api_url", "state_dir_for"]

_PREFERRED_PORT = 4200  # Prefect's usual port, so the UI is where Prefect's docs say; any free port otherwise
_PR_SET_PDEATHSIG = 1
_STARTUP_SECONDS = 180.0


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


def _free_port() -> int:
    for port in (_PREFERRED_PORT, 0):
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


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"})
    log = home / "server.log"
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads yet when serve starts its server
        )
    try:
        deadline = time.monotonic() + startup_seconds
        while not _api_answers(api_url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise FlowError(f"the local Prefect server did not start (exit {process.poll()}); see {log}")
            time.sleep(0.5)
        (home / "api-url").write_text(api_url, encoding="utf-8")
        yield api_url
    finally:
        (home / "api-url").unlink(missing_ok=True)
        _stop(process)
