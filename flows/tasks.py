"""The Prefect tasks that run in workers: crawling a source and processing a batch of documents.

They live in a module of their own because process-pool and Dask workers import the module that defines a
task in order to run it. Defined next to the flows, they would pull DuckDB, pyarrow and the warehouse into
every worker (about 50 MiB each) although a worker only fetches, parses and enriches; here they bring Prefect,
the extractors and the pure transforms, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.crawl import CrawlResult, CrawlState, crawl_in_parts, crawl_source
from extractors.errors import TransientFetchError, UnusableSourceError
from extractors.fetch import FetchSettings
from extractors.politeness import HostGate
from flows.pipeline import ProcessedBatch, process_documents
from records import RawDocument, SourceConfig
from transforms.dedup import DedupConfig

__all__ = ["crawl_task", "process_task"]


def _is_transient(task: object, task_run: object, state: object) -> bool:
    """Retry a crawl only when the failure is one a later attempt can fix (timeouts, 5xx, resets)."""
    try:
        state.result()  # type: ignore[attr-defined]
    except UnusableSourceError as exc:
        return exc.transient
    except TransientFetchError:
        return True
    except BaseException:
        return False
    return False


@task(
    name="crawl-source",
    task_run_name="crawl {source.name}",
    retries=2,
    retry_delay_seconds=[2, 5],
    retry_condition_fn=_is_transient,
    cache_policy=NO_CACHE,
)
def crawl_task(
    source: SourceConfig,
    state: CrawlState,
    settings: FetchSettings,
    gate: HostGate | None,
    sink: Callable[[CrawlResult], None] | None = None,
) -> CrawlResult | None:
    """Discover and fetch the new articles of one web source.

    With a ``sink`` (tasks in threads of the flow process) the crawl hands each part over to it as it is
    ready and returns None; without (a Dask worker, which shares no memory with the flow) it returns the whole
    crawl. Only a failure before the first part is handed over is retried, so no part is handed over twice.

    ``gate`` is shared by the run's crawls when tasks run in threads (the default, and ``--workers N``, whose
    processes only parse), so per-host limits and the robots.txt cache hold across sources on the same host;
    on Dask each crawl keeps its own.
    """
    if sink is None:
        return crawl_source(source, state, settings, gate)
    crawl_in_parts(source, state, settings, sink, gate)
    return None


@task(name="process-batch", task_run_name="batch {source.name} #{number}", cache_policy=NO_CACHE)
def process_task(
    docs: list[RawDocument], source: SourceConfig, dedup: DedupConfig, pool: Executor | None = None, number: int = 1
) -> ProcessedBatch:
    """Parse, normalise, enrich and sign one batch of documents (a few hundred: never a task per article).

    ``number`` counts the source's batches in this run: it only names the task run (``batch <source> #3``).

    With a ``pool`` (``--workers N``) the work runs in one of its processes and this task only waits for it;
    without, it runs where the task runs (a thread of the flow process, or a Dask worker).
    """
    if pool is None:
        return process_documents(docs, source, dedup)
    return pool.submit(process_documents, docs, source, dedup).result()
