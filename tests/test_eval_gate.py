"""Quality gate: CI fails when extraction quality drops below pinned floors."""

from __future__ import annotations

import pytest

from armswatch.evaluation import evaluate_corpus
from conftest import OWN_CORPUS, SHARED

# Pinned floors: raise them as extraction improves, never lower them to make a change pass.
OWN_FLOORS = {"event_f1": 0.75, "grounded": 1.0}
SHARED_FLOORS = {"event_f1": 0.80, "attribution": 0.80, "denials": 1.0, "grounded": 1.0}


def check(summary: dict[str, float], floors: dict[str, float]) -> None:
    low = {k: summary[k] for k, floor in floors.items() if (summary[k] or 0.0) < floor - 1e-9}
    assert not low, f"below the floor: {low} (floors {floors})"


def test_own_corpus_quality() -> None:
    summary, _, _ = evaluate_corpus(OWN_CORPUS)
    check(summary, OWN_FLOORS)


def test_shared_dev_corpus_quality() -> None:
    corpus = SHARED / "corpus" / "dev"
    if not corpus.is_dir():
        pytest.skip("../shared is not beside this checkout")
    summary, _, _ = evaluate_corpus(corpus)
    check(summary, SHARED_FLOORS)
