"""Reconciliation benchmark: a SIPRI-sized trade register (30,000 rows, Latin-1, SIPRI's preamble and header)
against a register of 100,000 transfer cases (target: under 10 s), and the memory it takes.

    python bench/reconcile_bench.py [--sipri-rows 30000] [--cases 100000] [--store]

The rows are synthetic: real states, designations from our catalog (some written SIPRI's way, with a
version suffix), years 1990-2025. Part 1 reconciles register rows already in memory; with --store, part 2
loads the cases into a temporary SQLite store and times `reconcile_file` as the CLI runs it (reading the
cases from the database, streaming the file).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from armswatch.gazetteer import load_gazetteer
from armswatch.reconcile import iter_sipri, load_layout, reconcile, reconcile_file
from armswatch.store import CaseRow, open_store

PREAMBLE = [
    "Transfers of major conventional arms from 1990 to 2025",
    "Source: SIPRI Arms Transfers Database (synthetic rows for a benchmark)",
    "Data generated: 02 December 2026",
    *[""] * 8,
]


def world(seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """States (by name) and catalog systems (designation, category) to draw from."""
    gaz = load_gazetteer()
    rng = random.Random(seed)
    states = sorted(entry.name for entry in gaz.countries.values())
    systems = sorted(
        (e.name, e.category or "other") for e in gaz.entries.values() if e.type == "weapon_system"
    )
    rng.shuffle(states)
    return states, systems


def write_sipri(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    states, systems = world(seed)
    suppliers = states[:40]  # most exports come from a few states
    with path.open("w", encoding="latin-1", errors="replace", newline="") as out:
        out.write("\r\n".join(PREAMBLE) + "\r\n")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(load_layout().columns)
        for _ in range(rows):
            designation, category = rng.choice(systems)
            if rng.random() < 0.2:
                designation += rng.choice(["M", "E", "-2", " Block 2"])
            order = rng.randint(1990, 2024)
            years = sorted({order + rng.randint(1, 4) for _ in range(rng.randint(0, 3))})
            number = rng.randint(1, 200)
            writer.writerow(
                [
                    rng.choice(states),
                    rng.choice(suppliers),
                    order,
                    "?" if rng.random() < 0.1 else "",
                    number,
                    "",
                    designation,
                    category.replace("_", " "),
                    number if years else "",
                    "",
                    "; ".join(map(str, years)),
                    "New",
                    "",
                    "",
                    "",
                    "",
                ]
            )


def register_rows(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed + 1)
    states, systems = world(seed)
    suppliers = states[:40]
    out = []
    for case in range(1, count + 1):
        item, category = rng.choice(systems)
        year = rng.randint(1995, 2026)
        status = rng.choice(["order", "delivery", "offer", "intent"])
        out.append(
            {
                "case": case,
                "supplier": rng.choice(suppliers),
                "recipient": rng.choice(states),
                "item": item,
                "category": category,
                "quantity": rng.randint(1, 100),
                "status": status,
                "order_date": f"{year}-01" if status == "order" else None,
                "delivery_dates": [f"{year}-06-01"] if status == "delivery" else [],
                "first_reported": f"{year}-02-01",
                "last_reported": f"{year}-09-01",
            }
        )
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sipri-rows", type=int, default=30_000)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--store", action="store_true", help="Also time it from a SQLite store, as the CLI does.")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    load_gazetteer()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sipri.csv"
        write_sipri(path, args.sipri_rows, args.seed)
        rows = register_rows(args.cases, args.seed)
        size = path.stat().st_size / 1e6
        start = time.perf_counter()
        result = reconcile(rows, iter_sipri(path))
        took = time.perf_counter() - start
        print(
            f"in memory: {args.sipri_rows:,} SIPRI rows ({size:.1f} MB) x {args.cases:,} cases in "
            f"{took:.2f} s (target < 10 s): {len(result.matched):,} matched, "
            f"{len(result.news_only):,} news only, {len(result.sipri_only):,} SIPRI only; "
            f"peak RSS {peak_mb():.0f} MB"
        )
        if args.store:
            store = open_store(f"sqlite:///{Path(tmp) / 'cases.db'}")
            with store.sessions() as session:
                session.execute(
                    insert(CaseRow),
                    [
                        {
                            "id": r["case"],
                            "case_key": f"bench|{r['case']}",
                            "type": "transfer",
                            **{k: r[k] for k in ("supplier", "recipient", "item", "category", "quantity")},
                            **{k: r[k] for k in ("status", "order_date", "delivery_dates")},
                            **{k: r[k] for k in ("first_reported", "last_reported")},
                        }
                        for r in rows
                    ],
                )
                session.commit()
                start = time.perf_counter()
                stored = reconcile_file(session, path)
                took = time.perf_counter() - start
            store.engine.dispose()
            print(
                f"from SQLite: {args.cases:,} cases read and reconciled in {took:.2f} s "
                f"({len(stored.matched):,} matched); peak RSS {peak_mb():.0f} MB"
            )


if __name__ == "__main__":
    main()
