"""Shared fixtures: one loaded pipeline per test session (the spaCy model loads once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from armswatch.pipeline import Pipeline
from armswatch.records import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OWN_CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Extract one text and return its record as a contract dict."""

    def run(text: str, published: str | None = "2024-06-12") -> dict[str, Any]:
        record = next(pipeline.extract([Document(id="t", text=text, published=published)]))
        return record.to_dict()

    return run


def events_of(record: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in record["events"] if e["type"] == etype]
