"""Store benchmark: query latency on a 100,000-event store, and what storing costs on top of extraction.

    python bench/store_bench.py [--events 100000] [--repeat 200] [--ingest-docs 150] [--skip-postgres]

Part 1, for SQLite (a temp file) and PostgreSQL (a scratch database on 127.0.0.1:5432, dropped at the
end): migrate with open_store, bulk-load synthetic transfers (documents, entities, events, their actors,
attributions and evidence, and the fused cases), then time the register (two filters), a case page and an
actor's timeline, each --repeat times with random parameters after a warm-up. Prints p50 and p99 (target:
p99 < 100 ms).

Part 2: the articles of tests/corpus, repeated to --ingest-docs with unique ids and one unique sentence
each, through Pipeline().extract alone, then the full ingest into a fresh SQLite store and a fresh
PostgreSQL database. Prints articles/s and the store's cost over extraction alone (target: < 20%).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import secrets
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from armswatch.query import RegisterFilters, case_detail, register, timeline
from armswatch.records import Document
from armswatch.store import (
    EXTRACTOR_VERSION,
    AttributionRow,
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    Store,
    entity_aliases,
    open_store,
)

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=5"
PG_URL = "postgresql://postgres@127.0.0.1:5432/{name}"
TARGET_P99_MS = 100.0
TARGET_STORE_COST = 20.0
CHUNK = 5000
WARMUP = 20

# ---- synthetic world ---------------------------------------------------------------------------------------

COUNTRIES = {
    "United States": "USA", "Russia": "RUS", "China": "CHN", "France": "FRA", "Germany": "DEU",
    "United Kingdom": "GBR", "Italy": "ITA", "Israel": "ISR", "South Korea": "KOR", "Turkey": "TUR",
    "Sweden": "SWE", "Spain": "ESP", "India": "IND", "Saudi Arabia": "SAU", "Egypt": "EGY",
    "Qatar": "QAT", "Ukraine": "UKR", "Poland": "POL", "Japan": "JPN", "Australia": "AUS",
    "Pakistan": "PAK", "Algeria": "DZA", "Brazil": "BRA", "Indonesia": "IDN", "Vietnam": "VNM",
    "Philippines": "PHL", "Greece": "GRC", "Norway": "NOR", "Netherlands": "NLD", "Morocco": "MAR",
    "Nigeria": "NGA", "Peru": "PER", "Chile": "CHL", "Colombia": "COL", "Thailand": "THA",
    "Malaysia": "MYS", "Iraq": "IRQ", "Kazakhstan": "KAZ", "Serbia": "SRB", "Armenia": "ARM",
}  # fmt: skip
COMPANIES = {
    "Lockheed Martin": "USA", "Boeing": "USA", "Raytheon": "USA", "General Dynamics": "USA",
    "Dassault Aviation": "FRA", "Naval Group": "FRA", "Airbus": "FRA", "Rheinmetall": "DEU",
    "KNDS": "FRA", "Leonardo": "ITA", "BAE Systems": "GBR", "Saab": "SWE", "Elbit Systems": "ISR",
    "Rafael": "ISR", "Hanwha Aerospace": "KOR", "Hyundai Rotem": "KOR", "Baykar": "TUR",
    "Rosoboronexport": "RUS", "NORINCO": "CHN", "Embraer": "BRA",
}  # fmt: skip
ALIASES = {"Saab": "Saab AB", "United States": "US", "United Kingdom": "UK", "Baykar": "Baykar Makina"}
ITEMS = {
    "F-16": "combat_aircraft", "F-35A": "combat_aircraft", "Rafale": "combat_aircraft",
    "Gripen E": "combat_aircraft", "Su-35": "combat_aircraft", "J-10C": "combat_aircraft",
    "Bayraktar TB2": "uav", "Heron TP": "uav", "Wing Loong II": "uav", "MQ-9B": "uav",
    "AH-64E": "helicopter", "H145M": "helicopter", "Mi-17": "helicopter",
    "Patriot": "air_defence", "IRIS-T SLM": "air_defence", "S-400": "air_defence",
    "NASAMS": "air_defence", "Brimstone": "missile", "Meteor": "missile", "Javelin": "missile",
    "Leopard 2A8": "armoured_vehicle", "K2": "armoured_vehicle", "Boxer": "armoured_vehicle",
    "K9 Thunder": "artillery", "CAESAR": "artillery", "HIMARS": "artillery",
    "FREMM": "ship", "Type 054A": "ship", "Scorpene": "ship", "155 mm shells": "ammunition",
}  # fmt: skip
STATUSES = ("intent", "offer", "order", "delivery")
STATUS_WEIGHTS = (0.15, 0.2, 0.35, 0.3)
STANCES = ("asserted", "confirmed", "claimed", "denied")
STANCE_WEIGHTS = (0.6, 0.2, 0.15, 0.05)
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
YEARS = range(2000, 2026)
CASE_SKEW = 2.5  # Pareto shape of events per case: most cases have a few reports, a few have ~100


@dataclass
class Synthetic:
    """Every row of the synthetic store, as dicts ready for bulk insert (ids assigned here)."""

    cases: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    aliases: list[dict[str, Any]]
    events: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    evidence: list[dict[str, Any]]

    def tables(self) -> list[tuple[Any, list[dict[str, Any]]]]:
        """In foreign-key order."""
        return [
            (EntityRow, self.entities),  # cases refer to their supplier's and recipient's entities
            (CaseRow, self.cases),
            (DocumentRow, self.documents),
            (entity_aliases, self.aliases),
            (EventRow, self.events),
            (EventActorRow, self.actors),
            (AttributionRow, self.attributions),
            (EvidenceRow, self.evidence),
        ]


def random_date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def synthesise(n_events: int, n_documents: int, n_cases: int, seed: int = 7) -> Synthetic:
    """Transfers between ~60 countries and companies, reported in documents and fused into cases."""
    rng = random.Random(seed)
    suppliers = [*COUNTRIES, *COMPANIES]
    country_of_iso = {iso: name for name, iso in COUNTRIES.items()}
    home = {**{c: c for c in COUNTRIES}, **{c: country_of_iso[iso] for c, iso in COMPANIES.items()}}
    items = list(ITEMS)

    # Documents, bucketed by year so that a case is reported around the year of its deal.
    published = [random_date(rng, rng.choice(YEARS)) for _ in range(n_documents)]
    outlets = [rng.choice(OUTLETS) for _ in range(n_documents)]
    docs_by_year: dict[int, list[int]] = defaultdict(list)
    for doc_id, date in enumerate(published, start=1):
        docs_by_year[int(date[:4])].append(doc_id)

    case_specs: list[dict[str, Any]] = []
    for _ in range(n_cases):
        supplier = rng.choice(suppliers)
        recipient = rng.choice([c for c in COUNTRIES if c != home[supplier]])
        item = rng.choice(items)
        case_specs.append(
            {"supplier": supplier, "recipient": recipient, "item": item, "year": rng.choice(YEARS)}
        )
    # Every case gets one event; the rest go to cases with a heavy-tailed weight.
    weights = [rng.paretovariate(CASE_SKEW) for _ in range(n_cases)]
    case_of_event = list(range(n_cases))[:n_events] + rng.choices(
        range(n_cases), weights=weights, k=max(0, n_events - n_cases)
    )

    events: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
    quotes: dict[int, list[tuple[int, str]]] = defaultdict(list)  # document -> (event, sentence)
    for event_id, case_index in enumerate(case_of_event, start=1):
        spec = case_specs[case_index]
        year = min(max(spec["year"] + rng.choice((0, 0, 1, 2)), YEARS[0]), YEARS[-1])
        document_id = rng.choice(docs_by_year[year])
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        roles: dict[str, Any] = {
            "supplier": spec["supplier"],
            "recipient": spec["recipient"],
            "item": spec["item"],
            "item_category": ITEMS[spec["item"]],
        }
        if rng.random() < 0.7:
            roles["quantity"] = rng.choice((2, 4, 6, 8, 12, 16, 24, 36, 48, 100))
        if rng.random() < 0.3:
            usd = rng.randint(5, 5000) * 1_000_000
            roles["value"] = {"amount": usd, "currency": "USD", "usd": usd}
        events.append(
            {
                "id": event_id,
                "document_id": document_id,
                "case_id": case_index + 1,
                "type": "transfer",
                "status": status,
                "roles": roles,
                "date_start": random_date(rng, year) if rng.random() < 0.5 else None,
                "date_end": None,
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        for role in ("supplier", "recipient", "item"):
            actors.append({"event_id": event_id, "role": role, "name": roles[role]})
        stance = rng.choices(STANCES, STANCE_WEIGHTS)[0]
        source = rng.choice((None, spec["supplier"], spec["recipient"]))
        attributions.append(
            {"event_id": event_id, "source": source, "stance": stance, "cue": "said", "via": None}
        )
        verb = {"intent": "plans to buy", "offer": "was offered", "order": "ordered", "delivery": "received"}
        sentence = f"{spec['recipient']} {verb[status]} {spec['item']} from {spec['supplier']}."
        quotes[document_id].append((event_id, sentence))

    documents: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    for doc_id in range(1, n_documents + 1):
        title = f"Defence procurement bulletin {doc_id}"
        body = f"{title}.\n\n"
        for event_id, sentence in quotes.get(doc_id, []):
            evidence.append(
                {
                    "event_id": event_id,
                    "start": len(body),
                    "end": len(body) + len(sentence),
                    "quote": sentence,
                }
            )
            body += sentence + " "
        documents.append(
            {
                "id": doc_id,
                "doc_key": f"synthetic-{doc_id}",
                "content_hash": f"{doc_id:064x}",
                "title": title,
                "url": f"https://example.org/news/{doc_id}",
                "outlet": outlets[doc_id - 1],
                "published": published[doc_id - 1],
                "language": "en",
                "text": body.strip(),
                "minhash": None,
                "duplicate_of": None,
                "extractor_version": EXTRACTOR_VERSION,
                "ingested_at": now,
            }
        )

    cases = fuse_cases(case_specs, events, attributions, documents)
    entities = [
        {"id": i, "name": name, "type": type_, "country": country, "role": None}
        for i, (name, type_, country) in enumerate(
            [(c, "country", iso) for c, iso in COUNTRIES.items()]
            + [(c, "company", iso) for c, iso in COMPANIES.items()]
            + [(item, "weapon_system", None) for item in ITEMS],
            start=1,
        )
    ]
    entity_id = {e["name"]: e["id"] for e in entities}
    aliases = [{"entity_id": entity_id[name], "alias": alias} for name, alias in ALIASES.items()]
    for actor in actors:  # event actors and cases refer to their entities by id, as the store writes them
        actor["entity_id"] = entity_id.get(actor["name"])
    for case in cases:
        case["supplier_id"] = entity_id.get(case["supplier"])
        case["recipient_id"] = entity_id.get(case["recipient"])
    return Synthetic(cases, documents, entities, aliases, events, actors, attributions, evidence)


def fuse_cases(
    specs: list[dict[str, Any]],
    events: list[dict[str, Any]],
    attributions: list[dict[str, Any]],
    documents: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The register columns of each case, computed from its events as Fuser.recompute would."""
    by_case: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_case[event["case_id"]].append(event)
    denied = {a["event_id"] for a in attributions if a["stance"] == "denied"}
    cases: list[dict[str, Any]] = []
    for case_id, spec in enumerate(specs, start=1):
        reports = by_case.get(case_id, [])
        docs = {e["document_id"]: documents[e["document_id"] - 1] for e in reports}
        dates = sorted(d["published"] for d in docs.values())
        statuses = [e["status"] for e in reports]
        history = []
        for status in STATUSES:
            reached = [
                e["date_start"] or docs[e["document_id"]]["published"]
                for e in reports
                if e["status"] == status
            ]
            if reached:
                history.append({"status": status, "date": min(reached), "source": None})
        quantities = [e["roles"]["quantity"] for e in reports if "quantity" in e["roles"]]
        values = [e["roles"]["value"]["usd"] for e in reports if "value" in e["roles"]]
        cases.append(
            {
                "id": case_id,
                "case_key": f"transfer|{spec['supplier']}|{spec['recipient']}|{spec['item']}|{case_id}",
                "type": "transfer",
                "supplier": spec["supplier"],
                "recipient": spec["recipient"],
                "item": spec["item"],
                "category": ITEMS[spec["item"]],
                "parties": [],
                "status": max(statuses, key=STATUSES.index) if statuses else None,
                "quantity": max(quantities, key=quantities.count) if quantities else None,
                "value_usd": float(max(values, key=values.count)) if values else None,
                "order_date": next((h["date"] for h in history if h["status"] == "order"), None),
                "delivery_dates": sorted({h["date"] for h in history if h["status"] == "delivery"}),
                "first_reported": dates[0] if dates else None,
                "last_reported": dates[-1] if dates else None,
                "n_sources": len(docs),
                "n_origins": len({d["outlet"] for d in docs.values()}),
                "contested": any(e["id"] in denied for e in reports),
                "state_media_only": False,
                "best": {},
                "status_history": history,
            }
        )
    return cases


def load(store: Store, data: Synthetic) -> None:
    """Bulk insert in chunks, one transaction; then fix PostgreSQL sequences and refresh planner stats."""
    with store.session() as session:
        for table, rows in data.tables():
            for start in range(0, len(rows), CHUNK):
                session.execute(insert(table), rows[start : start + CHUNK])
    with store.engine.begin() as connection:
        if store.engine.dialect.name == "postgresql":
            for table, _ in data.tables():
                name = getattr(table, "__table__", table).name
                if name != entity_aliases.name:
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}")
                    )
        connection.execute(text("ANALYZE"))


# ---- timing ------------------------------------------------------------------------------------------------


def percentile(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1]


def time_query(store: Store, query: Callable[[Session, random.Random], Any], repeat: int) -> list[float]:
    """Milliseconds per call, each in a fresh session (one request = one session), after a warm-up."""
    rng = random.Random(11)
    samples: list[float] = []
    for i in range(WARMUP + repeat):
        start = time.perf_counter()
        with store.sessions() as session:
            query(session, rng)
        elapsed = (time.perf_counter() - start) * 1000
        if i >= WARMUP:
            samples.append(elapsed)
    return samples


def query_benchmark(store: Store, n_cases: int, repeat: int) -> dict[str, list[float]]:
    suppliers = [*COUNTRIES, *COMPANIES]
    categories = sorted(set(ITEMS.values()))

    def register_two_filters(session: Session, rng: random.Random) -> Any:
        filters = RegisterFilters(supplier=rng.choice(suppliers), category=rng.choice(categories))
        return register(session, filters, limit=50)

    def case_page(session: Session, rng: random.Random) -> Any:
        return case_detail(session, rng.randint(1, n_cases))

    def actor_timeline(session: Session, rng: random.Random) -> Any:
        return timeline(session, rng.choice(suppliers), limit=500)

    return {
        "register": time_query(store, register_two_filters, repeat),
        "case": time_query(store, case_page, repeat),
        "timeline": time_query(store, actor_timeline, repeat),
    }


# ---- PostgreSQL scratch databases --------------------------------------------------------------------------


def postgres_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN):
            return True
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unreachable, skipped: {str(exc).strip().splitlines()[0]}")
        return False


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A fresh database armswatch_bench_<random>, dropped on exit."""
    name = f"armswatch_bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.format(name=name)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def backends(workdir: Path, use_postgres: bool, tag: str) -> Iterator[list[tuple[str, str]]]:
    """(name, url) for a fresh SQLite file and, when wanted, a fresh PostgreSQL database."""
    sqlite = ("sqlite", f"sqlite:///{workdir / f'{tag}.db'}")
    if not use_postgres:
        yield [sqlite]
        return
    with scratch_postgres() as url:
        yield [sqlite, ("postgresql", url)]


# ---- part 1: queries ---------------------------------------------------------------------------------------


def run_queries(workdir: Path, use_postgres: bool, n_events: int, repeat: int) -> None:
    n_documents, n_cases = n_events // 5, n_events * 3 // 20
    results: dict[str, dict[str, list[float]]] = {}
    with backends(workdir, use_postgres, "queries") as urls:
        for backend, url in urls:
            store = open_store(url)
            try:
                start = time.perf_counter()
                data = synthesise(n_events, n_documents, n_cases)  # same seed: the same store on each backend
                load(store, data)
                print(
                    f"{backend}: {len(data.events)} events, {len(data.documents)} documents, "
                    f"{len(data.cases)} cases, {len(data.actors)} event actors, {len(data.entities)} "
                    f"entities, generated and loaded in {time.perf_counter() - start:.1f} s"
                )
                # Drop the ~1M generated objects before timing: kept alive, every full GC pass would walk
                # them and show up as 300-400 ms spikes in the p99 that a server process would not have.
                del data
                gc.collect()
                results[backend] = query_benchmark(store, n_cases, repeat)
            finally:
                store.engine.dispose()

    print(f"\nquery latency, {repeat} runs each after {WARMUP} warm-up runs (ms)")
    print(f"{'backend':<11} {'query':<40} {'p50':>8} {'p99':>8}")
    labels = {
        "register": "register (supplier + category, limit 50)",
        "case": "case page (case_detail)",
        "timeline": "timeline (actor, limit 500)",
    }
    for backend, timings in results.items():
        for query, samples in timings.items():
            p50, p99 = statistics.median(samples), percentile(samples, 99)
            print(f"{backend:<11} {labels[query]:<40} {p50:8.2f} {p99:8.2f}")
    for backend, timings in results.items():
        worst = max(percentile(samples, 99) for samples in timings.values())
        verdict = "yes" if worst < TARGET_P99_MS else "NO"
        print(
            f"{backend}: p99 < {TARGET_P99_MS:.0f} ms for every query: {verdict} (worst p99 {worst:.2f} ms)"
        )


# ---- part 2: ingest throughput -----------------------------------------------------------------------------


def ingest_documents(n: int) -> list[Document]:
    """The test corpus repeated to n articles, each with its own id and one unique closing sentence."""
    from armswatch.evaluation import corpus_documents

    base = corpus_documents(ROOT / "tests" / "corpus")
    return [
        replace(
            doc,
            id=f"{doc.id}-copy{i:04d}",
            text=f"{doc.text.rstrip()}\n\nThis copy was archived as bulletin number {i + 1000}.\n",
        )
        for i, doc in ((i, base[i % len(base)]) for i in range(n))
    ]


def write_jsonl(documents: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for doc in documents:
            record = {
                "id": doc.id,
                "text": doc.text,
                "url": doc.url,
                "published": doc.published,
                "outlet": doc.outlet,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_ingest(workdir: Path, use_postgres: bool, n_docs: int) -> None:
    # Imported only now, as the CLI does: the pipeline's modules (spaCy and all) would otherwise sit in the
    # heap during the query timings and make every full GC pass there several times slower.
    from armswatch.pipeline import Pipeline, ingest

    documents = ingest_documents(n_docs)
    jsonl = workdir / "ingest.jsonl"
    write_jsonl(documents, jsonl)
    pipeline = Pipeline()
    # Warm both sides alike (first-call costs: lazy tables, the gazetteer, datasketch and driver imports),
    # the store side with a throwaway ingest that the timings never see.
    list(pipeline.extract([replace(d) for d in documents[:8]]))
    warm = workdir / "warm.jsonl"
    write_jsonl(documents[:2], warm)
    warm_store = open_store(f"sqlite:///{workdir / 'warm.db'}")
    ingest(pipeline, [str(warm)], warm_store)
    warm_store.engine.dispose()

    def extract_only() -> tuple[float, int]:
        start = time.perf_counter()
        n_events = sum(len(r.events) for r in pipeline.extract([replace(d) for d in documents]))
        return time.perf_counter() - start, n_events

    # Extraction alone runs before and after the ingests; their mean is the baseline, which evens out
    # drift on a shared machine (both runs are printed).
    before_s, n_events = extract_only()
    ingests: list[tuple[str, float, str]] = []
    with backends(workdir, use_postgres, "ingest") as urls:
        for backend, url in urls:
            store = open_store(url)  # migration outside the timing
            try:
                start = time.perf_counter()
                summary = ingest(pipeline, [str(jsonl)], store)
                elapsed = time.perf_counter() - start
            finally:
                store.engine.dispose()
            notes = (
                f"{summary.documents} stored, {summary.events} events, "
                f"{summary.near_duplicates} near-duplicates, {summary.errors} errors"
            )
            ingests.append((f"ingest -> {backend}", elapsed, notes))
    after_s, _ = extract_only()
    extract_s = (before_s + after_s) / 2

    print(f"\ningest throughput, {n_docs} articles (the ingests read them from {jsonl.name})")
    print(f"{'run':<22} {'articles/s':>10} {'seconds':>8} {'store cost':>11}  notes")
    for label, seconds in (("extract only (before)", before_s), ("extract only (after)", after_s)):
        print(f"{label:<22} {n_docs / seconds:10.1f} {seconds:8.2f} {'':>11}  {n_events} events")
    for label, seconds, notes in ingests:
        cost = (seconds / extract_s - 1) * 100
        print(f"{label:<22} {n_docs / seconds:10.1f} {seconds:8.2f} {cost:+10.1f}%  {notes}")
    for label, seconds, _ in ingests:
        cost = (seconds / extract_s - 1) * 100
        verdict = "yes" if cost < TARGET_STORE_COST else "NO"
        print(
            f"{label}: store cost < {TARGET_STORE_COST:.0f}% over extract alone (mean of both runs): "
            f"{verdict} ({cost:+.1f}%)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events (default 100000)")
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per query (default 200)")
    parser.add_argument("--ingest-docs", type=int, default=150, help="articles to ingest (default 150)")
    parser.add_argument("--skip-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    use_postgres = not args.skip_postgres and postgres_available()
    with tempfile.TemporaryDirectory(prefix="armswatch-bench-") as tmp:
        run_queries(Path(tmp), use_postgres, args.events, args.repeat)
        run_ingest(Path(tmp), use_postgres, args.ingest_docs)


if __name__ == "__main__":
    main()
