"""Evaluation over gold corpora (NAME.txt + NAME.meta.json + NAME.gold.json files) and over the behavioural
suite, as `make eval` prints it and the quality gate checks it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.records import Document
from armswatch.scoring import score_records

if TYPE_CHECKING:
    from armswatch.checklist import CapabilityScore, Outcome
    from armswatch.pipeline import Pipeline

METRICS = ("event_precision", "event_recall", "event_f1", "role_accuracy", "attribution", "denials")


def corpus_documents(corpus: Path) -> list[Document]:
    """The corpus's articles with their metadata, as the JSONL input would carry them."""
    docs: list[Document] = []
    for txt in sorted(corpus.glob("*.txt")):
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        docs.append(
            Document(
                id=txt.stem,
                text=txt.read_text(encoding="utf-8"),
                url=meta.get("url"),
                published=meta.get("published"),
                outlet=meta.get("outlet"),
            )
        )
    return docs


def evaluate_corpus(
    corpus: Path, pipeline: Pipeline | None = None
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """Summary scores, per-document scores and the predicted records for a gold corpus."""
    from armswatch.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    records = [r.to_dict() for r in pipeline.extract(corpus_documents(corpus))]
    summary, per_doc = score_records(records, corpus)
    return summary, per_doc, records


def run_behaviour(
    suite: Path, pipeline: Pipeline | None = None, samples: int | None = None
) -> tuple[dict[str, CapabilityScore], list[Outcome]]:
    """The behavioural suite's pass rates per capability, and each case's outcome."""
    from armswatch.checklist import descriptions, load_suite, run_cases, summarise
    from armswatch.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    outcomes = run_cases(load_suite(suite, samples), pipeline.extract)
    return summarise(outcomes, descriptions(suite)), outcomes


def corpus_table(summaries: dict[str, dict[str, Any]]) -> str:
    """One line per corpus: documents and the scores that matter."""
    head = f"  {'corpus':28} {'docs':>4} " + " ".join(f"{m.replace('event_', ''):>9}" for m in METRICS)
    lines = [head]
    for name, s in summaries.items():
        cells = " ".join(f"{s[m]:>9.3f}" if isinstance(s[m], float) else f"{'-':>9}" for m in METRICS)
        lines.append(f"  {name:28} {s['documents']:>4} {cells}")
    return "\n".join(lines)
