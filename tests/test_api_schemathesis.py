"""Property-based API fuzzing with schemathesis: every operation of /api/openapi.json of the real app (served
by uvicorn over a SQLite store with two ingested articles, a write token configured), positive and negative
examples, a bounded few per operation; no response may be a 5xx. POST /api/documents is sent both with the
token (the article goes through the NLP pipeline) and without it."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from armswatch.pipeline import Pipeline, ingest
from armswatch.store import open_store
from armswatch.web.app import Settings, create_app
from conftest import serve, write_articles
from test_api import CLAIM_B, DENIAL_C

TOKEN = "fuzz-token-9d2e"
# Examples per GET operation and mode; ARMSWATCH_SCHEMATHESIS_EXAMPLES=1000 makes a long run (CI keeps 20).
# POST gets half as many per token variant: each authorised example may run the NLP pipeline.
GET_EXAMPLES = int(os.environ.get("ARMSWATCH_SCHEMATHESIS_EXAMPLES") or 20)
POST_EXAMPLES = max(1, GET_EXAMPLES // 2)
SENT: Counter[str] = Counter()  # requests sent, by operation and mode (printed at the end of a run)


@pytest.fixture(scope="module")
def served(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """(base URL, loaded schemathesis schema) of the app served over a small SQLite store."""
    folder = tmp_path_factory.mktemp("fuzz")
    store = open_store(f"sqlite:///{folder / 'armswatch.db'}")
    path = write_articles(folder / "in", {"claim-b": CLAIM_B, "denial-c": DENIAL_C})
    assert ingest(pipeline, [str(path)], store).documents == 2
    app = create_app(Settings(token=TOKEN, lock_reads=False), store)
    app.state.pipeline = pipeline  # share the loaded model
    try:
        with serve(app) as base_url:
            yield base_url, schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    finally:
        store.engine.dispose()


def steer(case: Any, data: st.DataObject) -> None:
    """Point some valid cases at stored rows (ids 1-4) and give some submitted bodies real text, so that
    detail pages and the extraction behind POST are exercised, not only 404s and 422s."""
    for name, value in (case.path_parameters or {}).items():
        if isinstance(value, int) and data.draw(st.booleans()):
            case.path_parameters[name] = data.draw(st.integers(1, 4))
    if isinstance(case.body, dict) and data.draw(st.booleans()):
        case.body["text"] = data.draw(st.sampled_from([CLAIM_B[2], DENIAL_C[2], ""])) + data.draw(
            st.text(max_size=200)
        )


def fuzz(
    operation: Any, base_url: str, mode: schemathesis.GenerationMode, headers: dict[str, str], examples: int
) -> None:
    """Send up to `examples` generated cases of one operation; raise on the first 5xx."""

    @given(data=st.data())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy(generation_mode=mode))
        if mode.is_positive:
            steer(case, data)
        SENT[f"{operation.label} ({mode.value})"] += 1
        case.call_and_validate(base_url=base_url, headers=headers, checks=[not_a_server_error], timeout=60)

    run()


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_no_server_errors(served: tuple[str, Any], mode: schemathesis.GenerationMode) -> None:
    base_url, schema = served
    operations = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    labels = {op.label for op in operations}
    assert {"GET /api/register", "GET /api/cases/{case_id}", "POST /api/documents"} <= labels, labels
    failures: list[str] = []
    for operation in operations:
        variants = [{}]
        if operation.method.upper() != "GET":
            variants = [{"Authorization": f"Bearer {TOKEN}"}, {}, {"Authorization": "Bearer wrong"}]
        examples = GET_EXAMPLES if operation.method.upper() == "GET" else POST_EXAMPLES
        for headers in variants:
            try:
                fuzz(operation, base_url, mode, headers, examples)
            except Exception as exc:  # collect every failing operation, then report them together
                auth = "with token" if TOKEN in headers.get("Authorization", "") else "without token"
                failures.append(f"{operation.label} ({mode.value}, {auth}): {exc}")
    sent = {label: n for label, n in SENT.items() if label.endswith(f"({mode.value})")}
    print(f"\nschemathesis {mode.value}: {sum(sent.values())} requests: {sent}")
    assert not failures, "\n\n".join(failures)
