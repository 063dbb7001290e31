"""Web benchmark: the real app under concurrent load, over a 100,000-event SQLite store.

    python bench/web_bench.py [--events 100000] [--seconds 30] [--clients 20] [--warmup 3] [--workers 1]

Builds a SQLite store in a temp folder with store_bench's synthetic generator (documents, entities, events,
actors, attributions, evidence and fused cases), serves create_app() with uvicorn in a separate process on
127.0.0.1 (a free port; the load generator never shares its GIL), then runs --clients concurrent
httpx.AsyncClient loops for --seconds against each endpoint in turn:

  (a) GET /api/register with two random filters (two of supplier, recipient, category, status)
  (b) GET /register with the same kind of filters (the register page; skipped with a note while it 404s)

Each run is preceded by --warmup seconds of untimed load. Prints requests/s, p50 and p99 latency in ms (as the
clients see it) per endpoint, and whether the API's p99 is under 100 ms. Loopback only; every loop is bounded
by its deadline, and the server is stopped at the end.

The load comes from wrk (Debian package `wrk`, a C load generator: --clients connections on 2 threads, each
request a random path from a pool of 5,000 filter combinations) when it is installed, else from the
httpx clients above (--load httpx forces them). On a 2-core machine the generator shares the server's
cores, and 20 Python httpx clients take most of a core for themselves; wrk takes a small fraction.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import store_bench  # the synthetic world and its bulk loader
from served import HOST, free_port, start_server, stop_server, wait_until_up

from armswatch.store import open_store

TARGET_P99_MS = 100.0
REQUEST_TIMEOUT_S = 30.0
SUPPLIERS = [*store_bench.COUNTRIES, *store_bench.COMPANIES]
RECIPIENTS = list(store_bench.COUNTRIES)
CATEGORIES = sorted(set(store_bench.ITEMS.values()))
FILTERS: dict[str, list[str]] = {
    "supplier": SUPPLIERS,
    "recipient": RECIPIENTS,
    "category": CATEGORIES,
    "status": list(store_bench.STATUSES),
}


@dataclass
class Result:
    """What one endpoint's timed run measured."""

    label: str
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    fixed_percentiles: bool = False  # latencies_ms holds [p50, p99] as measured by wrk

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    def percentile(self, q: int) -> float:
        if self.fixed_percentiles:
            return {50: self.latencies_ms[0], 99: self.latencies_ms[1]}[q]
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[q - 1]


def build_store(db_url: str, n_events: int) -> None:
    """Migrate and bulk-load the synthetic store (same shape as store_bench: docs = events/5, cases = 15%)."""
    start = time.perf_counter()
    store = open_store(db_url)
    try:
        data = store_bench.synthesise(n_events, n_events // 5, n_events * 3 // 20)
        store_bench.load(store, data)
        print(
            f"store: {len(data.events)} events, {len(data.documents)} documents, {len(data.cases)} cases, "
            f"loaded in {time.perf_counter() - start:.1f} s"
        )
    finally:
        store.engine.dispose()
    del data
    gc.collect()


def two_random_filters(rng: random.Random) -> dict[str, str]:
    return {name: rng.choice(FILTERS[name]) for name in rng.sample(sorted(FILTERS), 2)}


async def client_loop(
    base_url: str, path: str, deadline: float, seed: int, result: Result | None, expect_json: bool
) -> None:
    """One client: request after request until the deadline (result None: warm-up, nothing recorded)."""
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as client:
        while time.monotonic() < deadline:
            params = two_random_filters(rng)
            start = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                if expect_json and response.status_code == 200:
                    response.json()
            except httpx.HTTPError as exc:
                if result is not None:
                    result.errors[type(exc).__name__] += 1
                continue
            elapsed_ms = (time.perf_counter() - start) * 1000
            if result is not None:
                result.statuses[response.status_code] += 1
                if response.status_code == 200:
                    result.latencies_ms.append(elapsed_ms)


async def drive(
    base_url: str, path: str, label: str, clients: int, seconds: float, warmup: float, expect_json: bool
) -> Result:
    """Warm up, then run `clients` concurrent loops for `seconds`."""
    if warmup > 0:
        until = time.monotonic() + warmup
        await asyncio.gather(
            *(client_loop(base_url, path, until, 1000 + i, None, expect_json) for i in range(clients))
        )
    result = Result(label, seconds)
    start = time.monotonic()
    until = start + seconds
    await asyncio.gather(
        *(client_loop(base_url, path, until, i, result, expect_json) for i in range(clients))
    )
    result.seconds = time.monotonic() - start
    return result


WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
    io.write("WRK-JSON " .. string.format(
        '{"requests": %%d, "seconds": %%f, "p50_us": %%d, "p99_us": %%d, "connect": %%d, "read": %%d, '
        .. '"write": %%d, "timeout": %%d, "status": %%d}\\n',
        summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
        summary.errors.status))
end
"""


def drive_wrk(
    base_url: str, path: str, label: str, clients: int, seconds: float, warmup: float, folder: Path
) -> Result:
    """The same load from wrk: --clients connections, each request a random path from a fixed pool."""
    rng = random.Random(0)
    pool = [str(httpx.URL(path, params=two_random_filters(rng))) for _ in range(5000)]
    script = folder / "load.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in pool), encoding="utf-8")
    threads = str(min(2, clients))

    def run(duration: float) -> dict[str, float]:
        command = ["wrk", "-t", threads, "-c", str(clients), "-d", f"{max(1, round(duration))}s",
                   "--timeout", f"{REQUEST_TIMEOUT_S:.0f}s", "-s", str(script), base_url]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        line = next(line for line in out.splitlines() if line.startswith("WRK-JSON "))
        values: dict[str, float] = json.loads(line.removeprefix("WRK-JSON "))
        return values

    if warmup > 0:
        run(warmup)
    values = run(seconds)
    result = Result(label, values["seconds"])
    bad = int(values["status"])
    result.statuses[200] = int(values["requests"]) - bad
    if bad:
        result.statuses[0] = bad  # wrk counts non-2xx/3xx answers without telling which
    for kind in ("connect", "read", "write", "timeout"):
        if values[kind]:
            result.errors[kind] = int(values[kind])
    # wrk reports percentiles, not every latency: keep the two as the result's whole distribution
    result.latencies_ms = [values["p50_us"] / 1000, values["p99_us"] / 1000]
    result.fixed_percentiles = True
    return result


def report(results: list[Result], clients: int) -> None:
    print(f"\n{clients} concurrent clients; latency as the clients see it (ms)")
    print(f"{'endpoint':<44} {'requests':>9} {'req/s':>8} {'p50':>8} {'p99':>8}  notes")
    for r in results:
        notes = []
        if r.ok != sum(r.statuses.values()):
            notes.append("statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(r.statuses.items())))
        if r.errors:
            notes.append("errors " + ", ".join(f"{e}: {n}" for e, n in r.errors.items()))
        print(
            f"{r.label:<44} {r.ok:>9} {r.ok / r.seconds:8.1f} {r.percentile(50):8.2f} "
            f"{r.percentile(99):8.2f}  {'; '.join(notes)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100000)")
    parser.add_argument("--seconds", type=float, default=30.0, help="timed load per endpoint (default 30)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--warmup", type=float, default=3.0, help="untimed load before each run (default 3)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    parser.add_argument(
        "--load", choices=("auto", "wrk", "httpx"), default="auto",
        help="load generator: wrk if installed (auto), or Python httpx clients",
    )  # fmt: skip
    args = parser.parse_args()
    if args.seconds <= 0 or args.clients < 1 or args.workers < 1:
        parser.error("--seconds, --clients and --workers must be positive")
    use_wrk = args.load == "wrk" or (args.load == "auto" and shutil.which("wrk") is not None)
    if args.load == "wrk" and shutil.which("wrk") is None:
        parser.error("wrk is not installed (apt-get install wrk)")

    with tempfile.TemporaryDirectory(prefix="armswatch-web-bench-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'web.db'}"
        build_store(db_url, args.events)
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        server = start_server(db_url, port, workers=args.workers)
        try:
            wait_until_up(base_url, server)
            print(f"serving {base_url} (uvicorn, {args.workers} worker(s), pid {server.pid})")
            print(f"load generator: {'wrk' if use_wrk else 'httpx'}, {args.clients} connections")
            runs: list[tuple[str, str, bool]] = [("/api/register", "(a) GET /api/register, 2 filters", True)]
            page = httpx.get(f"{base_url}/register", params=two_random_filters(random.Random(0)), timeout=30)
            if page.status_code == 404:
                print("note: GET /register answers 404 (the register page is not there yet); (b) skipped")
            else:
                runs.append(("/register", "(b) GET /register page, 2 filters", False))
            results: list[Result] = []
            for path, label, expect_json in runs:
                print(f"driving {label} for {args.seconds:.0f} s ...", flush=True)
                if use_wrk:
                    results.append(
                        drive_wrk(base_url, path, label, args.clients, args.seconds, args.warmup, Path(tmp))
                    )
                    continue
                results.append(
                    asyncio.run(
                        drive(base_url, path, label, args.clients, args.seconds, args.warmup, expect_json)
                    )
                )
        finally:
            stop_server(server)

    report(results, args.clients)
    api = results[0]
    verdict = "yes" if api.ok and api.percentile(99) < TARGET_P99_MS else "NO"
    p99 = api.percentile(99)
    print(f"API p99 < {TARGET_P99_MS:.0f} ms under {args.clients} clients: {verdict} ({p99:.2f} ms)")


if __name__ == "__main__":
    main()
