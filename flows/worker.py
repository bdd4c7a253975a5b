"""Start-up of a ``--workers`` process: it must not outlive the flow process that started it.

A pool worker waits on its task queue, and it holds that queue's write end itself, so when the flow process
is killed outright (``kill -9``, the OOM killer) the queue never reports end-of-file and the worker would wait
forever as an orphan, holding its parsers and gazetteer. A watcher thread notices the parent is gone (the
process is re-parented) and exits. Kept free of Prefect and DuckDB imports: workers import this module.
"""

from __future__ import annotations

import os
import threading

__all__ = ["exit_with_parent"]

_POLL_SECONDS = 1.0


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(_POLL_SECONDS)
    os._exit(1)


def exit_with_parent(parent: int) -> None:
    """Pool initializer: end this worker once its parent process ``parent`` has died."""
    threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True).start()
