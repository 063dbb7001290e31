"""Scale-out: a LocalCluster of 2 Dask workers ingests 200 articles into PostgreSQL with the same results
as the in-process engine: the same events, and the same cases with the same reports, origins and flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from armswatch.pipeline import Pipeline, ingest
from armswatch.scale import ingest_dask
from armswatch.store import CaseRow, DocumentRow, EventRow, Store, open_store
from conftest import OWN_CORPUS


def corpus_jsonl(tmp_path: Path, n: int) -> Path:
    """n articles: our corpus, repeated with a distinct closing line so every text is its own document."""
    base = sorted(OWN_CORPUS.glob("*.txt"))
    path = tmp_path / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            source = base[i % len(base)]
            meta = json.loads(source.with_suffix(".meta.json").read_text())
            text = source.read_text(encoding="utf-8") + f"\n\nArchive copy {i} of the desk's weekly digest."
            handle.write(json.dumps({"id": f"{source.stem}-{i}", "text": text, **meta}) + "\n")
    return path


def snapshot(store: Store) -> tuple[dict[str, list[str]], set[tuple[str, int, bool, tuple[str, ...]]]]:
    """Each document's events (type and roles), and each case: its key, independent origins, contested
    flag and the documents reporting it."""
    with store.sessions() as session:
        events: dict[str, list[str]] = {}
        for key, etype, roles in session.execute(
            select(DocumentRow.doc_key, EventRow.type, EventRow.roles).join(
                EventRow, EventRow.document_id == DocumentRow.id
            )
        ):
            events.setdefault(key, []).append(json.dumps([etype, roles], sort_keys=True))
        members: dict[int, set[str]] = {}
        for case_id, key in session.execute(
            select(EventRow.case_id, DocumentRow.doc_key).join(
                DocumentRow, EventRow.document_id == DocumentRow.id
            )
        ):
            members.setdefault(case_id, set()).add(key)
        cases = {
            (c.case_key, c.n_origins, c.contested, tuple(sorted(members.get(c.id, set()))))
            for c in session.scalars(select(CaseRow))
        }
    return {k: sorted(v) for k, v in events.items()}, cases


@pytest.mark.long
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_dask_local_cluster_matches_the_in_process_engine(
    db_url: str, pipeline: Pipeline, tmp_path: Path
) -> None:
    path = corpus_jsonl(tmp_path, 200)
    summary = ingest_dask([str(path)], db_url, workers=2, prefilter=False, batch_size=10)
    assert (summary.documents, summary.errors) == (200, 0)
    dask_events, dask_cases = snapshot(open_store(db_url))

    local_store = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    local = ingest(pipeline, [str(path)], local_store)
    assert local.documents == 200
    local_events, local_cases = snapshot(local_store)
    assert dask_events == local_events
    assert dask_cases == local_cases
