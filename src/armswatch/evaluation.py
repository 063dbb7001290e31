"""Evaluation over a gold corpus (NAME.txt + NAME.meta.json + NAME.gold.json files)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from armswatch.records import Document
from armswatch.scoring import score_records


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


def evaluate_corpus(corpus: Path) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """Summary scores, per-document scores and the predicted records for a gold corpus."""
    from armswatch.pipeline import Pipeline

    records = [r.to_dict() for r in Pipeline().extract(corpus_documents(corpus))]
    summary, per_doc = score_records(records, corpus)
    return summary, per_doc, records
