"""One writer per warehouse across every flow and deployment: a Prefect global concurrency limit of one slot.

DuckDB lets one process write a file. ``serve`` runs ingest, backfill and reprocess as separate deployments,
and a per-deployment limit does not stop an ingest and a reprocess from meeting on the file (the second
failed with ``WarehouseLockedError``). Every flow run therefore takes the one slot of the limit named for its
warehouse before opening it, on the Prefect server it reports to: the others wait their turn (logged), and a
run killed while holding the slot frees it when its lease expires.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from prefect import get_client, get_run_logger
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

__all__ = ["ensure_writer_limit", "one_writer", "writer_limit_name"]


def writer_limit_name(db: str | Path) -> str:
    """The concurrency limit's name for warehouse ``db``: the file's name and a hash of its absolute path."""
    resolved = Path(db).resolve()
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
    return f"conflictwire-writer-{resolved.stem}-{digest}"


def ensure_writer_limit(db: str | Path) -> str:
    """Create the one-slot limit of warehouse ``db`` on the Prefect server if it is not there; return its name."""
    name = writer_limit_name(db)
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            with suppress(ObjectAlreadyExists):  # another run created it between our two calls
                client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=name, limit=1))
    return name


@contextmanager
def one_writer(db: str | Path) -> Iterator[None]:
    """Hold the warehouse's writer slot for the block, waiting (not failing) while another run holds it.

    Only runs of served deployments take it. A direct CLI run already refuses at once when the file is held,
    and it may report to Prefect's temporary server, which runs no service to reclaim the slot of a run killed
    outright: the next run there would wait forever.
    """
    from prefect.runtime import deployment

    if deployment.id is None:
        yield
        return
    name = ensure_writer_limit(db)
    get_run_logger().info("taking the writer slot %s (a run writing %s makes this one wait)", name, db)
    with concurrency(name, occupy=1, strict=True):
        yield
