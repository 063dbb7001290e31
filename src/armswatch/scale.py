"""Scale-out: parsing, extraction, storing and fusion on Dask workers. Each worker loads the model once
and keeps one store connection per database; a task is a batch of documents; every document is written
in its own transaction (PostgreSQL is the database to use with several workers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from armswatch.fuse import refuse_all
from armswatch.ingest import IngestError, read_documents
from armswatch.pipeline import IngestSummary, Pipeline, ingest_records
from armswatch.records import Document
from armswatch.store import Store, open_store

BATCH = 16
IN_FLIGHT_PER_THREAD = 4  # batches queued per worker thread: enough to never leave one idle


@lru_cache(maxsize=1)
def worker_pipeline(prefilter: bool) -> Pipeline:
    """One pipeline (and spaCy model) per worker process, loaded on its first task."""
    return Pipeline(prefilter=prefilter)


@lru_cache(maxsize=4)
def worker_store(db_url: str) -> Store:
    store = open_store(db_url)
    store.relaxed_commits = True  # workers only ever bulk-ingest
    return store


def ingest_batch(batch: list[dict[str, Any]], db_url: str, prefilter: bool) -> dict[str, int]:
    """A Dask task: extract, store and fuse one batch of documents on the worker."""
    documents = [Document(**d) for d in batch]
    pipeline = worker_pipeline(prefilter)
    summary = ingest_records(pipeline, pipeline.extract_or_fail(documents), worker_store(db_url))
    return asdict(summary)


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def batches(documents: Iterable[Document], size: int) -> Iterable[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for document in documents:
        batch.append(asdict(document))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_dask(
    paths: Iterable[str],
    db_url: str,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    prefilter: bool = True,
    batch_size: int = BATCH,
    allow_private: bool = False,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    worker_rss: dict[str, float] | None = None,
) -> IngestSummary:
    """Ingest on a Dask cluster: a scheduler address, or a local cluster of `workers` processes."""
    from dask.distributed import Client, LocalCluster, as_completed

    open_store(db_url).engine.dispose()  # migrate once, before the workers connect
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    summary = IngestSummary()

    def collect(future: Any) -> None:
        for key, value in future.result().items():
            setattr(summary, key, getattr(summary, key) + value)
        if on_progress is not None:
            on_progress(summary)

    def documents() -> Iterable[Document]:
        for item in read_documents(paths, allow_private=allow_private):
            if isinstance(item, IngestError):
                summary.errors += 1
                if on_error is not None:
                    on_error(item)
            else:
                yield item

    try:
        # Batches go out as they are read, with a bounded number in flight: the workers start at once,
        # and the client never holds more than a few batches of a large crawl in memory.
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        limit = IN_FLIGHT_PER_THREAD * threads
        running = as_completed()
        for batch in batches(documents(), batch_size):
            running.add(client.submit(ingest_batch, batch, db_url, prefilter, pure=False))
            if running.count() >= limit:
                collect(next(running))
        for future in running:
            collect(future)
        if worker_rss is not None:  # peak resident memory of each worker process, in MB
            worker_rss.update(client.run(peak_rss_mb))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # Workers fused concurrently, each seeing the others' reports only once committed: one pass over the
    # whole store makes the cases exactly those a single process would have made, in any order.
    store = open_store(db_url)
    try:
        with store.session() as session:
            refuse_all(session)
    finally:
        store.engine.dispose()
    return summary
