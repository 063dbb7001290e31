"""Every output record validates against the contract's JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from armswatch.contract import load_schema
from armswatch.evaluation import corpus_documents
from conftest import OWN_CORPUS, SHARED


def test_own_corpus_records_validate_and_are_grounded(corpus_records) -> None:  # type: ignore[no-untyped-def]
    schema = load_schema()
    docs = corpus_documents(OWN_CORPUS)
    assert len(docs) >= 30
    for doc, data in zip(docs, corpus_records(OWN_CORPUS), strict=True):
        jsonschema.validate(data, schema)
        for event in data["events"]:
            assert event["evidence"]
            for start, end in event["evidence"]:
                assert 0 <= start < end <= len(doc.text)
            for role in ("supplier", "recipient", "provider", "beneficiary", "sender", "user"):
                if role in event["roles"]:
                    assert event["roles"][role] in {e["name"] for e in data["entities"]}, (doc.id, role)


def test_packaged_schema_matches_the_shared_contract() -> None:
    shared = SHARED / "contract" / "extraction.schema.json"
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout")
    assert json.loads(shared.read_text()) == load_schema()


def test_own_corpus_gold_is_well_formed() -> None:
    golds = sorted(Path(OWN_CORPUS).glob("*.gold.json"))
    assert len(golds) >= 30
    empty = 0
    types: set[str] = set()
    for path in golds:
        gold = json.loads(path.read_text())
        assert (path.parent / f"{path.name[: -len('.gold.json')]}.txt").exists()
        empty += not gold["events"]
        types |= {e["type"] for e in gold["events"]}
    assert empty >= 5
    assert types == {
        "transfer",
        "agreement",
        "financing",
        "exercise",
        "deployment",
        "combat_use",
        "clash",
        "meeting",
    }
