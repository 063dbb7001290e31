"""The keyword pre-filter: defence articles are read, others are stored without the NLP and counted."""

from __future__ import annotations

from pathlib import Path

from armswatch.pipeline import Pipeline, ingest
from armswatch.prefilter import is_relevant
from armswatch.records import Document
from armswatch.store import DocumentRow, Store
from conftest import write_articles

LIBRARY = (
    "The city council approved a new budget for public libraries on Tuesday, adding funds for longer "
    "opening hours and a mobile reading van, the mayor said after months of consultation."
)
TANKS = "Poland received 18 K2 tanks from South Korea on Monday, the defence ministry said."


def test_relevance() -> None:
    assert is_relevant(TANKS)
    assert is_relevant("Hanwha Aerospace won the Romanian order.")  # a catalog name alone is enough
    assert not is_relevant(LIBRARY)
    assert not is_relevant("The derby was a war of nerves, fans said.")  # one stray word is not


def test_skipped_articles_are_stored_and_counted(store: Store, pipeline: Pipeline, tmp_path: Path) -> None:
    path = write_articles(
        tmp_path, {"library": ("City Post", "2025-01-02", LIBRARY), "tanks": ("Wire", "2025-01-02", TANKS)}
    )
    filtered = Pipeline(prefilter=True)
    records = {
        r.doc.id: r
        for r in filtered.extract([Document(id="library", text=LIBRARY), Document(id="tanks", text=TANKS)])
    }
    assert records["library"].skipped and not records["library"].events
    assert not records["tanks"].skipped and records["tanks"].events
    summary = ingest(filtered, [str(path)], store)
    assert (summary.documents, summary.skipped) == (2, 1)
    with store.sessions() as session:
        assert sorted(d.doc_key for d in session.query(DocumentRow)) == ["library", "tanks"]  # nothing lost
