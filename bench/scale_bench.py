"""Scale-out benchmark: articles/s in-process on one core, with Dask on 2 workers (scaling efficiency =
speed-up / 2), peak RSS per worker, and the pre-filter's saving, on a synthetic corpus.

    python bench/scale_bench.py [--articles 5000] [--workers 2] [--prefilter-articles 1000]

Both engines write to PostgreSQL on 127.0.0.1 (a scratch database each, dropped at the end): the reference is
the default in-process engine pinned to one core (sched_setaffinity), against Dask with --workers worker
processes on all cores. Both times include loading the model (and, for Dask, starting the local cluster).
The pre-filter's saving is measured in-process on SQLite on a --prefilter-articles sample.

The corpus repeats tests/corpus with a distinct closing line per copy, and mixes in one non-defence
article in four (business and sport briefs written for the benchmark) so the pre-filter has work to do.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NON_DEFENCE = [
    "The central bank left interest rates unchanged on Thursday, saying inflation had eased for a third "
    "month while retail sales rose faster than economists had expected in the run-up to the holidays.",
    "The home side came from behind to win 3-2 in front of a sell-out crowd, with the captain scoring twice "
    "in the last ten minutes to keep their title hopes alive going into the final weekend of the season.",
    "The city opened a new tram line linking the university to the old town, cutting journey times by half "
    "and adding twelve stops, the transport authority said at a ceremony attended by the mayor.",
]


def corpus(path: Path, n: int) -> int:
    base = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            if i % 4 == 3:
                text = NON_DEFENCE[i % len(NON_DEFENCE)] + f" Brief {i}."
                meta: dict[str, object] = {"published": "2025-01-01", "outlet": "City Daily"}
            else:
                source = base[i % len(base)]
                meta = json.loads(source.with_suffix(".meta.json").read_text())
                text = source.read_text(encoding="utf-8") + f"\n\nArchive copy {i}."
            handle.write(json.dumps({"id": f"a{i}", "text": text, **meta}) + "\n")
    return n


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scratch_database() -> str:
    import psycopg

    name = f"armswatch_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def in_process(path: Path, db: str, prefilter: bool) -> tuple[float, int]:
    """Seconds to ingest the file in this process (model load included), and the articles skipped."""
    from armswatch.pipeline import Pipeline, ingest
    from armswatch.store import open_store

    store = open_store(db)
    start = time.perf_counter()
    summary = ingest(Pipeline(prefilter=prefilter), [str(path)], store)
    seconds = time.perf_counter() - start
    store.engine.dispose()
    return seconds, summary.skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--prefilter-articles",
        type=int,
        default=1000,
        help="articles for the pre-filter's with/without comparison (in-process, SQLite; default 1000)",
    )
    args = parser.parse_args()

    from armswatch.scale import ingest_dask

    cpus = sorted(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        n = corpus(path, args.articles)
        print(f"{n} articles ({n // 4} non-defence briefs); {len(cpus)} CPUs")

        # The pre-filter's saving: the same articles with and without it, in-process, SQLite.
        sample = Path(tmp) / "sample.jsonl"
        m = corpus(sample, min(args.prefilter_articles, n))
        times = {}
        for prefilter in (False, True):
            seconds, skipped = in_process(
                sample, f"sqlite:///{Path(tmp) / f'pf{int(prefilter)}.db'}", prefilter
            )
            times[prefilter] = seconds
            label = "with" if prefilter else "without"
            print(f"pre-filter: {m} articles {label} it: {m / seconds:.1f} articles/s, skipped {skipped}")
        print(f"pre-filter saving: {100 * (1 - times[True] / times[False]):.0f}% of the time on this mix")

        baseline_db, dask_db = scratch_database(), scratch_database()
        try:
            # The reference: the default in-process engine, pinned to one core, into PostgreSQL.
            os.sched_setaffinity(0, {cpus[0]})
            try:
                base_s, _skipped = in_process(
                    path, f"postgresql+psycopg://postgres@127.0.0.1:5432/{baseline_db}", True
                )
            finally:
                os.sched_setaffinity(0, cpus)
            print(f"in-process, 1 core -> PostgreSQL: {n / base_s:.1f} articles/s ({base_s:.0f} s)")
            print(f"peak RSS of the in-process run: {peak_rss_mb():.0f} MB")

            start = time.perf_counter()
            rss: dict[str, float] = {}
            db = f"postgresql+psycopg://postgres@127.0.0.1:5432/{dask_db}"
            summary = ingest_dask([str(path)], db, workers=args.workers, prefilter=True, worker_rss=rss)
            dask_s = time.perf_counter() - start
            print(
                f"dask, {args.workers} workers -> PostgreSQL: {n / dask_s:.1f} articles/s ({dask_s:.0f} s, "
                f"{summary.documents} stored, {summary.errors} errors; start-up and model loads included)"
            )
            print(
                "peak RSS per worker: "
                + ", ".join(f"{mb:.0f} MB" for mb in rss.values())
                + " (target < 1.5 GB)"
            )
            speedup = base_s / dask_s
            print(f"speed-up {speedup:.2f}x, scaling efficiency {speedup / args.workers:.2f} (target >= 0.8)")
        finally:
            drop_database(baseline_db)
            drop_database(dask_db)


if __name__ == "__main__":
    main()
