"""What the keyword pre-filter saves and what it costs in recall, on the gold corpora.

python bench/prefilter.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from armswatch.evaluation import corpus_documents
from armswatch.pipeline import Pipeline
from armswatch.prefilter import is_relevant

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    folders = [ROOT / "tests" / "corpus", ROOT.parent / "shared" / "corpus" / "dev"]
    docs = [d for f in folders if f.is_dir() for d in corpus_documents(f)]
    golds = {}
    for folder in folders:
        for path in folder.glob("*.gold.json"):
            golds[path.name[: -len(".gold.json")]] = json.loads(path.read_text())
    start = time.perf_counter()
    skipped = [d for d in docs if not is_relevant(d.text)]
    filter_s = time.perf_counter() - start
    required = sum(1 for g in golds.values() for e in g["events"] if not e.get("optional"))
    lost = sum(1 for d in skipped for e in golds.get(d.id, {}).get("events", []) if not e.get("optional"))
    full = Pipeline()
    start = time.perf_counter()
    list(full.extract(docs))
    full_s = time.perf_counter() - start
    filtered = Pipeline(prefilter=True)
    start = time.perf_counter()
    list(filtered.extract(docs))
    filtered_s = time.perf_counter() - start
    print(
        f"{len(docs)} articles; pre-filter skipped {len(skipped)}: {', '.join(d.id for d in skipped) or '-'}"
    )
    print(f"pre-filter time: {filter_s * 1000 / max(len(docs), 1):.2f} ms/article")
    print(
        f"extract without pre-filter {full_s:.1f} s, with {filtered_s:.1f} s "
        f"(saving {100 * (1 - filtered_s / full_s):.0f}% on this corpus)"
    )
    print(
        f"recall cost: {lost} of {required} required gold events are in skipped articles "
        f"({100 * lost / max(required, 1):.1f}%)"
    )


if __name__ == "__main__":
    main()
