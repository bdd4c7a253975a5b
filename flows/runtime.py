"""Process-level setup for running Prefect offline and quietly, done once by the CLI before Prefect loads.

Prefect's defaults assume a network: usage analytics from the temporary server fail offline and print a
traceback on a newcomer's first run. We switch them off unless the operator chose otherwise (``setdefault``:
an explicit environment setting always wins).
"""

from __future__ import annotations

import os

__all__ = ["configure_offline"]

_OFFLINE_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure_offline() -> None:
    """Set Prefect's offline-friendly defaults in this process's environment (explicit settings win)."""
    for key, value in _OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
