"""Soak test: the real web app under mixed load for minutes, watching errors, latency and memory.

    python bench/soak.py [--minutes 10] [--clients 6] [--submit-every 3] [--warmup 30] [--think 0.02]

Builds a SQLite store in a temp folder and seeds it by ingesting real articles through the pipeline
(examples/articles.jsonl and the .txt articles of tests/corpus, with `armswatch ingest`), then serves
create_app() with uvicorn in a separate process on 127.0.0.1 (a free port) with a write token configured.

Load, all on loopback: --clients concurrent readers, each picking at random among the register (with random
filters), a case, the events, an entity search, an entity, a document and a full-text search; plus one
submitter that POSTs a new article to /api/documents every --submit-every seconds. Submitted articles are
short texts made from templates, varied with random numbers, names and dates so no two are duplicates.

After --warmup seconds of untimed load (which includes one submission, so the NLP model is loaded before
memory is first measured), it prints one line a minute: requests, 5xx, transport errors, p50/p99 latency of
reads and of submits (ms, as the clients see them), and the server's RSS (psutil: the uvicorn process and
its children). At the end: totals, and the RSS growth from the first minute to the last (target: under 10%)
and the 5xx count (target: zero). Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).parent))
from served import HOST, free_port, start_server, stop_server, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "soak-token-3b7a"
REQUEST_TIMEOUT_S = 60.0
TARGET_GROWTH = 0.10

SUPPLIERS = ["France", "Germany", "Turkey", "South Korea", "Israel", "Italy", "Sweden", "Brazil", "Spain"]
RECIPIENTS = ["Egypt", "Poland", "India", "Indonesia", "Chile", "Morocco", "Vietnam", "Kenya", "Peru"]
ITEMS = [
    ("Rafale fighter jets", "jets"),
    ("K9 self-propelled howitzers", "howitzers"),
    ("Bayraktar TB2 drones", "drones"),
    ("Leopard 2A7 tanks", "tanks"),
    ("IRIS-T SLM air defence systems", "systems"),
    ("Gripen E fighters", "fighters"),
    ("Piranha V armoured vehicles", "vehicles"),
    ("Meteor missiles", "missiles"),
]
VERBS = ["ordered", "signed a contract for", "agreed to buy", "took delivery of", "received"]
OFFICIALS = ["Ahmed Nour", "Anna Kowalska", "Rajesh Iyer", "Dewi Lestari", "Camila Rojas", "Youssef Amrani"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
WORDS = ["fighter", "delivery", "contract", "drones", "ministry", "tanks", "missile", "navy", "army", "jets"]


def article(rng: random.Random, n: int) -> dict[str, str]:
    """A short, unique news text about a transfer, with metadata."""
    supplier, recipient = rng.choice(SUPPLIERS), rng.choice(RECIPIENTS)
    item, noun = rng.choice(ITEMS)
    quantity, value = rng.randint(2, 96), rng.randint(20, 4000)
    official, month = rng.choice(OFFICIALS), rng.choice(MONTHS)
    year = rng.randint(2019, 2025)
    text = (
        f"{recipient} has {rng.choice(VERBS)} {quantity} {item} from {supplier}, the {recipient} defence "
        f"ministry said on {rng.choice(['Monday', 'Tuesday', 'Thursday'])}. The deal, worth about "
        f"${value} million, was signed in {month} {year}, according to spokesperson {official}.\n\n"
        f"The first {max(1, quantity // rng.randint(2, 6))} {noun} are due by {year + rng.randint(1, 4)}, "
        f"officials said. Reference {rng.randint(100_000, 999_999)}-{n}."
    )
    return {
        "text": text,
        "title": f"{recipient} buys {noun} from {supplier} ({n})",
        "outlet": rng.choice(["Soak Defence Wire", "Test Gazette", "Loopback Times"]),
        "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "id": f"soak-{n}-{rng.randint(0, 10**9)}",
    }


@dataclass
class Window:
    """What one minute (or the whole run) measured."""

    reads_ms: list[float] = field(default_factory=list)
    submits_ms: list[float] = field(default_factory=list)
    requests: int = 0
    server_errors: int = 0
    transport_errors: int = 0
    other_statuses: dict[int, int] = field(default_factory=dict)

    def add(self, other: Window) -> None:
        self.reads_ms += other.reads_ms
        self.submits_ms += other.submits_ms
        self.requests += other.requests
        self.server_errors += other.server_errors
        self.transport_errors += other.transport_errors
        for code, n in other.other_statuses.items():
            self.other_statuses[code] = self.other_statuses.get(code, 0) + n


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def seed(folder: Path, db_url: str) -> None:
    """Ingest real articles through the pipeline with the CLI (a separate process, as a user would)."""
    inputs = folder / "seed"
    inputs.mkdir()
    shutil.copy(ROOT / "examples" / "articles.jsonl", inputs / "examples.jsonl")
    for path in sorted((ROOT / "tests" / "corpus").glob("*.txt")):
        shutil.copy(path, inputs / path.name)
    start = time.perf_counter()
    cli = "from armswatch.cli import app; app()"
    command = [sys.executable, "-c", cli, "ingest", str(inputs), "--db", db_url]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(f"seeded {len(list(inputs.iterdir()))} input files in {time.perf_counter() - start:.1f} s")


def server_rss(pid: int) -> int:
    """Resident memory of the server process and all its children, in bytes."""
    process = psutil.Process(pid)
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # a child may exit between the two calls
            total += child.memory_info().rss
    return total


@dataclass
class World:
    """Ids and names to read, learnt from the store and refreshed as articles are submitted."""

    cases: list[int] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


class Soak:
    def __init__(self, base_url: str, clients: int, submit_every: float, think: float) -> None:
        self.base_url = base_url
        self.clients = clients
        self.submit_every = submit_every
        self.think = think
        self.window = Window()
        self.recording = False
        self.stop = False
        self.world = World()
        self.submitted = 0

    def record(self, kind: str, status: int | None, elapsed_ms: float) -> None:
        if not self.recording:
            return
        w = self.window
        w.requests += 1
        if status is None:
            w.transport_errors += 1
        elif status >= 500:
            w.server_errors += 1
        elif status in (200, 201):
            (w.submits_ms if kind == "submit" else w.reads_ms).append(elapsed_ms)
        else:
            w.other_statuses[status] = w.other_statuses.get(status, 0) + 1

    async def timed(
        self, client: httpx.AsyncClient, kind: str, method: str, url: str, **kw: Any
    ) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response = await client.request(method, url, **kw)
            response.read()
        except httpx.HTTPError:
            self.record(kind, None, 0.0)
            return None
        self.record(kind, response.status_code, (time.perf_counter() - start) * 1000)
        return response

    async def learn(self, client: httpx.AsyncClient) -> None:
        """Refresh the ids and names the readers pick from (untimed, unrecorded)."""
        page = (await client.get("/api/register", params={"limit": 500})).json()
        self.world.cases = [r["case"] for r in page["rows"]] or [1]
        entities = (await client.get("/api/entities", params={"limit": 500})).json()["entities"]
        self.world.entities = [e["id"] for e in entities] or [1]
        self.world.names = sorted({e["name"] for e in entities}) or ["France"]
        events = (await client.get("/api/events", params={"limit": 500})).json()["events"]
        self.world.documents = sorted({e["document"] for e in events}) or [1]

    async def reader(self, seed: int) -> None:
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=self.base_url, timeout=REQUEST_TIMEOUT_S) as client:
            while not self.stop:
                w = self.world
                choice = rng.randrange(8)
                if choice == 0:
                    params = {rng.choice(["supplier", "recipient"]): rng.choice(w.names)[:5]}
                    await self.timed(client, "read", "GET", "/api/register", params=params)
                elif choice == 1:
                    params = {"sort": rng.choice(["sources", "item", "first_reported"]), "limit": "50"}
                    await self.timed(client, "read", "GET", "/api/register", params=params)
                elif choice == 2:
                    await self.timed(client, "read", "GET", f"/api/cases/{rng.choice(w.cases)}")
                elif choice == 3:
                    await self.timed(client, "read", "GET", "/api/search", params={"q": rng.choice(WORDS)})
                elif choice == 4:
                    params = {"q": rng.choice(w.names)[:4].lower()}
                    await self.timed(client, "read", "GET", "/api/entities", params=params)
                elif choice == 5:
                    await self.timed(client, "read", "GET", f"/api/entities/{rng.choice(w.entities)}")
                elif choice == 6:
                    await self.timed(client, "read", "GET", f"/api/documents/{rng.choice(w.documents)}")
                else:
                    params = {"actor": rng.choice(w.names), "limit": "20"}
                    await self.timed(client, "read", "GET", "/api/events", params=params)
                await asyncio.sleep(rng.uniform(0, 2 * self.think))

    async def submit_one(self, client: httpx.AsyncClient, rng: random.Random) -> None:
        self.submitted += 1
        body = article(rng, self.submitted)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        await self.timed(client, "submit", "POST", "/api/documents", json=body, headers=headers)

    async def submitter(self, seed: int) -> None:
        rng = random.Random(seed)
        async with httpx.AsyncClient(base_url=self.base_url, timeout=REQUEST_TIMEOUT_S) as client:
            n = 0
            while not self.stop:
                started = time.monotonic()
                await self.submit_one(client, rng)
                n += 1
                if n % 10 == 0:
                    await self.learn(client)  # read what the new articles added
                await asyncio.sleep(max(0.0, self.submit_every - (time.monotonic() - started)))


async def run(args: argparse.Namespace, base_url: str, server_pid: int) -> bool:
    soak = Soak(base_url, args.clients, args.submit_every, args.think)
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT_S) as client:
        await soak.learn(client)
        warm = time.perf_counter()
        await soak.submit_one(client, random.Random(-1))  # loads the NLP model in the server
        print(
            f"first submission (model load) took {time.perf_counter() - warm:.1f} s; "
            f"{len(soak.world.cases)} cases, {len(soak.world.entities)} entities"
        )
    tasks = [asyncio.create_task(soak.reader(i)) for i in range(args.clients)]
    tasks.append(asyncio.create_task(soak.submitter(10_000)))
    await asyncio.sleep(args.warmup)
    soak.recording = True
    total = Window()
    rss: list[int] = []
    print(
        f"\n{'min':>3} {'requests':>8} {'5xx':>4} {'errors':>6} {'read p50':>9} {'read p99':>9} "
        f"{'submits':>7} {'sub p50':>8} {'sub p99':>8} {'RSS MiB':>8}"
    )
    for minute in range(1, args.minutes + 1):
        await asyncio.sleep(args.minute_seconds)
        window, soak.window = soak.window, Window()
        total.add(window)
        rss.append(server_rss(server_pid))
        print(
            f"{minute:>3} {window.requests:>8} {window.server_errors:>4} {window.transport_errors:>6} "
            f"{percentile(window.reads_ms, 50):9.1f} {percentile(window.reads_ms, 99):9.1f} "
            f"{len(window.submits_ms):>7} {percentile(window.submits_ms, 50):8.1f} "
            f"{percentile(window.submits_ms, 99):8.1f} {rss[-1] / 2**20:8.1f}",
            flush=True,
        )
    soak.stop = True
    await asyncio.gather(*tasks)
    growth = (rss[-1] - rss[0]) / rss[0]
    print(
        f"\ntotal: {total.requests} requests ({len(total.reads_ms)} reads ok, {len(total.submits_ms)} "
        f"submits ok), {total.server_errors} 5xx, {total.transport_errors} transport errors, "
        f"other statuses {dict(sorted(total.other_statuses.items())) or 'none'}"
    )
    print(
        f"reads:   p50 {percentile(total.reads_ms, 50):.1f} ms, p99 {percentile(total.reads_ms, 99):.1f} ms"
    )
    print(
        f"submits: p50 {percentile(total.submits_ms, 50):.1f} ms, "
        f"p99 {percentile(total.submits_ms, 99):.1f} ms"
    )
    print(
        f"server RSS: {rss[0] / 2**20:.1f} MiB after minute 1 -> {rss[-1] / 2**20:.1f} MiB after minute "
        f"{len(rss)}: {growth:+.1%} (target < {TARGET_GROWTH:.0%}); peak {max(rss) / 2**20:.1f} MiB"
    )
    ok = total.server_errors == 0 and total.transport_errors == 0 and growth < TARGET_GROWTH
    print("PASS" if ok else "FAIL", "(zero 5xx, zero transport errors, RSS growth under target)")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10, help="timed minutes (default 10)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent readers (default 6)")
    parser.add_argument("--submit-every", type=float, default=3.0, help="seconds between submissions (3)")
    parser.add_argument("--warmup", type=float, default=30.0, help="untimed load first, seconds (30)")
    parser.add_argument("--think", type=float, default=0.02, help="mean pause between reads, s (0.02)")
    parser.add_argument("--minute-seconds", type=float, default=60.0, help=argparse.SUPPRESS)  # quick checks
    args = parser.parse_args()
    if args.minutes < 1:
        parser.error("--minutes must be at least 1")
    with tempfile.TemporaryDirectory(prefix="armswatch-soak-") as tmp:
        folder = Path(tmp)
        db_url = f"sqlite:///{folder / 'armswatch.db'}"
        seed(folder, db_url)
        port = free_port()
        base_url = f"http://{HOST}:{port}"
        server = start_server(db_url, port, token=TOKEN)
        try:
            wait_until_up(base_url, server)
            print(
                f"serving {base_url} (uvicorn pid {server.pid}); {args.clients} readers, a submission "
                f"every {args.submit_every:g} s, {args.warmup:g} s warm-up, {args.minutes} min"
            )
            ok = asyncio.run(run(args, base_url, server.pid))
        finally:
            stop_server(server)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
