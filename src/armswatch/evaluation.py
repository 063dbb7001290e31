"""Evaluation over gold corpora (NAME.txt + NAME.meta.json + NAME.gold.json files) and over the behavioural
suite, as `make eval` prints it and the quality gate checks it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armswatch.records import Document, ExtractionRecord
from armswatch.scoring import KEY_ROLES, country_codes, key_match, score_records

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


# ---- fusion ------------------------------------------------------------------------------------------------

FUSION_MEASURES = ("stories_fused", "origins_exact", "contested_right", "distractors_out")


def fusion_documents(folder: Path, order: list[int] | None = None) -> list[Document]:
    """A fusion set's articles (articles.jsonl), in file order or in the given order of positions."""
    records = [
        json.loads(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    docs = [
        Document(
            id=r["id"],
            text=r["text"],
            title=r.get("title"),
            outlet=r.get("outlet"),
            published=r.get("published"),
            url=r.get("url"),
        )
        for r in records
        if r.get("text")
    ]
    return [docs[i] for i in order] if order is not None else docs


def fusion_cases(session: Any) -> dict[int, dict[str, Any]]:
    """Every case with its type, key, key parties, origins, contested flag and the documents reporting it."""
    from sqlalchemy import select

    from armswatch.store import CaseRow, DocumentRow, EventRow

    cases: dict[int, dict[str, Any]] = {}
    for case in session.scalars(select(CaseRow)):
        cases[case.id] = {
            "type": case.type,
            "key": case.case_key,
            "parties": {p for p in (case.supplier, case.recipient, *(case.parties or [])) if p},
            "origins": case.n_origins,
            "contested": case.contested,
            "docs": set(),
        }
    rows = session.execute(
        select(EventRow.case_id, DocumentRow.doc_key).join(
            DocumentRow, EventRow.document_id == DocumentRow.id
        )
    )
    for case_id, doc_key in rows:
        if case_id in cases:
            cases[case_id]["docs"].add(doc_key)
    return cases


def score_fusion(cases: dict[int, dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """The fusion figures for one fused store against the set's gold: per story, whether the articles that
    reported it (an event of its type sharing a party with its main case) all landed in that case, whether
    its independent origins and contested flag are right, and whether each distractor stayed out."""
    main_of: dict[str, dict[str, Any] | None] = {}
    stories = []
    for story in gold["stories"]:
        articles = set(story["articles"])
        typed = [c for c in cases.values() if c["type"] == story["type"] and c["docs"] & articles]
        main = max(typed, key=lambda c: (len(c["docs"] & articles), len(c["docs"]), c["key"]), default=None)
        main_of[story["id"]] = main
        if main is None:
            stories.append(
                {"id": story["id"], "found": 0, "fused": False, "origins": None, "contested": None}
            )
            continue
        found = {d for c in typed if c["parties"] & main["parties"] for d in c["docs"] & articles}
        fused = found <= main["docs"]
        want_origins = len(story["origins"])
        stories.append(
            {
                "id": story["id"],
                "found": len(found),
                "articles": len(articles),
                "fused": fused,
                "split_over": len({c["key"] for c in typed if c["docs"] & found}),
                "origins": main["origins"],
                "origins_gold": want_origins,
                "origins_exact": main["origins"] == want_origins,
                "contested": main["contested"],
                "contested_right": main["contested"] == bool(story.get("contested")),
            }
        )
    distractors = []
    for item in gold.get("distractors", []):
        main = main_of.get(item["not_with"])
        leaked = bool(main and main["docs"] & set(item["articles"]))
        distractors.append({"id": item["id"], "kept_out": not leaked})
    n = len(stories) or 1
    return {
        "stories": len(stories),
        "stories_fused": sum(s["fused"] for s in stories) / n,
        "origins_exact": sum(bool(s.get("origins_exact")) for s in stories) / n,
        "contested_right": sum(bool(s.get("contested_right")) for s in stories) / n,
        "distractors": len(distractors),
        "distractors_out": sum(d["kept_out"] for d in distractors) / (len(distractors) or 1),
        "per_story": stories,
        "per_distractor": distractors,
    }


def evaluate_fusion(
    folder: Path, db_url: str, pipeline: Pipeline | None = None, order: list[int] | None = None
) -> dict[str, Any]:
    """Ingest a fusion set (articles.jsonl + gold.yaml) into a new store at db_url, in the given order,
    and score its cases against the gold."""
    import yaml

    from armswatch.pipeline import Pipeline, ingest_records
    from armswatch.store import open_store

    pipeline = pipeline or Pipeline()
    store = open_store(db_url)
    try:
        ingest_records(pipeline, pipeline.extract_or_fail(fusion_documents(folder, order)), store)
        with store.sessions() as session:
            cases = fusion_cases(session)
    finally:
        store.engine.dispose()
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    return score_fusion(cases, gold)


def fusion_line(label: str, scores: dict[str, Any]) -> str:
    n, d = scores["stories"], scores["distractors"]
    return (
        f"  {label:28} stories fused {round(scores['stories_fused'] * n)}/{n}, "
        f"origins exact {round(scores['origins_exact'] * n)}/{n}, "
        f"contested right {round(scores['contested_right'] * n)}/{n}, "
        f"distractors kept out {round(scores['distractors_out'] * d)}/{d}"
    )


# ---- confidence --------------------------------------------------------------------------------------------


def labelled_confidences(records: list[ExtractionRecord], corpus: Path) -> list[tuple[float, bool]]:
    """(confidence, right) for each predicted event of a scored type in a gold corpus: right when it
    matches a gold event of its document on every key role, as the scorer counts a predicted event."""
    return [(conf, right) for conf, right, _ in labelled_events(records, corpus)]


def labelled_events(
    records: list[ExtractionRecord], corpus: Path
) -> list[tuple[float, bool, dict[str, float]]]:
    """(confidence, right, features) for each predicted event of a scored type (see labelled_confidences);
    the events of documents without a gold file are left out."""
    out: list[tuple[float, bool, dict[str, float]]] = []
    for record in records:
        gold_file = corpus / f"{record.doc.id}.gold.json"
        if not gold_file.exists():
            continue
        golds = json.loads(gold_file.read_text(encoding="utf-8"))["events"]
        codes = country_codes(record.to_dict())
        for event in record.events:
            if event.type not in KEY_ROLES:
                continue
            pred = event.to_dict()
            right = any(key_match(g, pred, codes) for g in golds)
            confidence = event.confidence if event.confidence is not None else 0.0
            out.append((confidence, right, event.features))
    return out


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> tuple[list[dict[str, Any]], float]:
    """The reliability table of (confidence, right) pairs in equal-width bins ([0, 0.1), ... [0.9, 1]):
    each bin's count, mean confidence and accuracy; and the expected calibration error, the mean over
    events of |accuracy - confidence| of their bin (0 for no pairs)."""
    rows: list[dict[str, Any]] = []
    total = len(pairs)
    ece = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(c, r) for c, r in pairs if low <= c < high or (b == bins - 1 and c == high)]
        count = len(members)
        mean = sum(c for c, _ in members) / count if count else None
        accuracy = sum(r for _, r in members) / count if count else None
        if count and mean is not None and accuracy is not None:
            ece += count / total * abs(accuracy - mean)
        rows.append({"low": low, "high": high, "count": count, "confidence": mean, "accuracy": accuracy})
    return rows, ece


def reliability_table(pairs: list[tuple[float, bool]]) -> str:
    """The reliability table and the ECE as `make eval` prints them."""
    rows, ece = reliability(pairs)
    lines = [f"    {'bin':>11} {'events':>6} {'mean conf':>9} {'accuracy':>8}"]
    for row in rows:
        mean = f"{row['confidence']:>9.3f}" if row["confidence"] is not None else f"{'-':>9}"
        accuracy = f"{row['accuracy']:>8.3f}" if row["accuracy"] is not None else f"{'-':>8}"
        lines.append(f"    {row['low']:.1f}-{row['high']:.1f}{'':>4} {row['count']:>6} {mean} {accuracy}")
    lines.append(f"    ECE {ece:.3f} over {len(pairs)} events")
    return "\n".join(lines)
