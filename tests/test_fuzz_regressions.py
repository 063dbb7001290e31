"""Every input the fuzzers (fuzz/) ever crashed on, fed through the same entry point again: no exception
escapes, and each record the extractor returns still holds the contract. Add a crasher by copying the file
atheris saved into tests/fuzz_crashers/<target>/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from armswatch.ingest import IngestError, bytes_to_document, read_jsonl_lines
from armswatch.pipeline import Pipeline
from armswatch.records import ExtractionRecord
from test_properties import assert_record_holds, extract_one

CRASHERS = Path(__file__).resolve().parent / "fuzz_crashers"
MODES: dict[int, bool | None] = {ord("t"): False, ord("h"): True}  # as in fuzz/fuzz_document.py


def crashers(target: str) -> list[Path]:
    return sorted(p for p in (CRASHERS / target).glob("*") if p.is_file() and p.name != "README.md")


def test_crasher_folders_exist() -> None:
    assert (CRASHERS / "document").is_dir() and (CRASHERS / "jsonl").is_dir()


@pytest.mark.parametrize("path", crashers("document"), ids=lambda p: p.name)
def test_document_crashers(pipeline: Pipeline, path: Path) -> None:
    data = path.read_bytes()
    if not data:
        return
    document = bytes_to_document(data[1:], "fuzz", where=path.name, html=MODES.get(data[0]))
    if isinstance(document, IngestError):
        assert document.where == path.name and document.problem
        return
    extract_one(pipeline, document)


@pytest.mark.parametrize("path", crashers("jsonl"), ids=lambda p: p.name)
def test_jsonl_crashers(pipeline: Pipeline, path: Path) -> None:
    data = path.read_bytes()
    items = list(read_jsonl_lines(io.BytesIO(data), path.name, path.stem))
    assert len(items) == sum(1 for line in io.BytesIO(data) if line.strip())
    for item in items:
        if isinstance(item, IngestError):
            assert item.problem
            continue
        assert_record_holds(ExtractionRecord(item, [], []), item.text)
        extract_one(pipeline, item)
