"""What both fuzz targets check on every record the extractor returns.

A target fails (and atheris saves the input as a crasher) when an exception escapes the entry point, when
the extractor's own safety net had to catch one ("extraction failed"), or when a record breaks the output
contract: schema-invalid, not writable as UTF-8 JSON, or a span outside the text it points into. Input
that is genuinely bad ends as an IngestError, the designed, counted error, and is fine.
"""

from __future__ import annotations

import json

import jsonschema

from armswatch.contract import load_schema
from armswatch.ingest import IngestError
from armswatch.pipeline import Pipeline
from armswatch.records import Document, ExtractionRecord


class ContractViolation(AssertionError):
    """A record, or the extraction of a document, that breaks the output contract."""


VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def check_record(record: ExtractionRecord, text: str) -> None:
    """The record validates, encodes as UTF-8 JSON, and every span lies inside the text (non-blank)."""
    data = record.to_dict()
    errors = sorted(VALIDATOR.iter_errors(data), key=str)
    if errors:
        raise ContractViolation(f"schema: {errors[0].message} at {list(errors[0].absolute_path)}")
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    spans = [tuple(s) for e in data["events"] for s in e["evidence"]]
    spans += [tuple(m) for e in data["entities"] for m in e.get("mentions", [])]
    for start, end in spans:
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            raise ContractViolation(f"span {start}-{end} does not point at text (length {len(text)})")


def extract_checked(pipeline: Pipeline, document: Document) -> ExtractionRecord:
    """Extract one document and check its record; an extraction the safety net caught is a failure."""
    text = document.text
    items = list(pipeline.extract_or_fail([document]))
    if len(items) != 1:
        raise ContractViolation(f"{len(items)} results for one document")
    (item,) = items
    if isinstance(item, IngestError):
        raise ContractViolation(item.problem)
    check_record(item, text)
    return item
