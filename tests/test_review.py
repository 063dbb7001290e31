"""Analyst review (issue 12) on SQLite and PostgreSQL: confirming, rejecting and editing an event, what each
does to its case, the append-only audit trail, contract checks on edits, optimistic concurrency, the queue,
and decisions that survive a reprocess (re-attached to the re-read event, or orphaned when the extractor
reads the event differently, never put on another event)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from armswatch.evaluation import corpus_documents
from armswatch.pipeline import Pipeline, ingest_records, reprocess
from armswatch.query import RegisterFilters, register
from armswatch.records import Document
from armswatch.review import (
    ReviewError,
    StaleVersion,
    UnknownEvent,
    audit_entries,
    orphaned_decisions,
    review_event,
    review_queue,
    score_reviewed,
    write_gold,
)
from armswatch.store import AuditRow, CaseRow, EventRow, Store, open_store
from conftest import SHARED
from test_makers import LEONARDO, deal, fill


def two_reports(store: Store) -> tuple[int, list[int]]:
    """One order of 24 M-346 for Nigeria told by two outlets: its case and its two events."""
    fill(
        store,
        [
            deal(
                f"leo-{o}",
                p,
                LEONARDO,
                "Nigeria",
                "M-346",
                "combat_aircraft",
                status="order",
                quantity=24,
                outlet=o,
            )
            for o, p in (("Defence Wire", "2023-05-10"), ("Lagos Times", "2023-05-12"))
        ],
    )
    with store.sessions() as session:
        events = list(session.scalars(select(EventRow).order_by(EventRow.id)))
        return events[0].case_id, [e.id for e in events]  # type: ignore[return-value]


def case_row(store: Store, case_id: int) -> dict[str, Any] | None:
    with store.sessions() as session:
        rows = [r for r in register(session, RegisterFilters()) if r["case"] == case_id]
        return rows[0] if rows else None


def test_confirm_marks_the_case_reviewed_and_is_audited(store: Store) -> None:
    case_id, (first, _) = two_reports(store)
    with store.sessions() as session:
        after = review_event(session, first, "confirm", by="ana", note="checked the ministry's release")
        assert (after["review_state"], after["version"], after["case"]) == ("confirmed", 2, case_id)
        assert session.get(CaseRow, case_id).reviewed is True  # type: ignore[union-attr]
        [entry] = audit_entries(session, event_id=first)
    assert (entry["by"], entry["action"], entry["note"]) == (
        "ana",
        "confirm",
        "checked the ministry's release",
    )
    assert entry["before"]["review_state"] is None and entry["after"]["review_state"] == "confirmed"
    assert entry["case"] == case_id


def test_a_rejected_report_leaves_its_case_and_a_case_left_empty_disappears(store: Store) -> None:
    case_id, (first, second) = two_reports(store)
    assert case_row(store, case_id)["sources"] == 2  # type: ignore[index]
    with store.sessions() as session:
        review_event(session, first, "reject", by="ana", reason="duplicate", note="a reprint")
        assert session.get(EventRow, first).case_id is None  # type: ignore[union-attr]
    assert case_row(store, case_id)["sources"] == 1  # type: ignore[index]  # sources recomputed
    with store.sessions() as session:
        review_event(session, second, "reject", by="ana", reason="not_an_event")
        assert session.get(CaseRow, case_id) is None  # no event left: no case
        assert [e["reason"] for e in audit_entries(session)] == ["not_an_event", "duplicate"]
    assert case_row(store, case_id) is None


def test_an_edited_value_wins_over_the_machines(store: Store) -> None:
    case_id, (first, _) = two_reports(store)
    with store.sessions() as session:
        after = review_event(
            session,
            first,
            "edit",
            by="ana",
            changes={"quantity": 12, "status": "delivery"},
            note="per the SIPRI row",
        )
    assert after["roles"]["quantity"] == 12 and after["status"] == "delivery"
    row = case_row(store, case_id)
    assert row is not None and (row["quantity"], row["status"]) == (
        12,
        "delivery",
    )  # the other report says 24
    with store.sessions() as session:
        [entry] = audit_entries(session, event_id=first)
    assert (entry["before"]["roles"]["quantity"], entry["after"]["roles"]["quantity"]) == (24, 12)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"gunner": "X"}, "'gunner' is no role of a transfer event"),
        ({"status": "signed"}, "status 'signed' is not one of a transfer event's statuses"),
        ({"quantity": -3}, "quantity '-3' is not a positive whole number"),
        ({"quantity": "many"}, "quantity 'many' is not a positive whole number"),
        ({"date": "last year"}, "date 'last year' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"supplier": 5}, "'supplier' is a name or a phrase"),
        ({}, "an edit needs at least one change"),
    ],
)
def test_an_edit_that_breaks_the_contract_is_refused(
    store: Store, changes: dict[str, Any], problem: str
) -> None:
    _, (first, _) = two_reports(store)
    with store.sessions() as session:
        with pytest.raises(ReviewError, match=problem) as caught:
            review_event(session, first, "edit", by="ana", changes=changes)
        assert caught.value.status == 422
        session.rollback()
        assert session.scalar(select(func.count()).select_from(AuditRow)) == 0  # nothing half-done


def test_unknown_events_bad_reasons_and_stale_versions(store: Store) -> None:
    _, (first, _) = two_reports(store)
    with store.sessions() as session:
        with pytest.raises(UnknownEvent, match="no event 999999"):
            review_event(session, 999999, "confirm", by="ana")
        with pytest.raises(ReviewError, match="reason 'boring' is none of"):
            review_event(session, first, "reject", by="ana", reason="boring")
        review_event(session, first, "confirm", by="ana", version=1)
        # a second analyst who loaded version 1 gets the current values, never a silent overwrite
        with pytest.raises(StaleVersion) as stale:
            review_event(session, first, "edit", by="ben", changes={"quantity": 30}, version=1)
        assert stale.value.status == 409 and stale.value.current["version"] == 2
        assert session.get(EventRow, first).roles["quantity"] == 24  # type: ignore[union-attr]


def test_the_queue_puts_single_source_and_contested_cases_first(store: Store) -> None:
    two_reports(store)
    fill(
        store,
        [
            deal(
                "rus-alg",
                "2025-03-10",
                ("Russia", "country", "RUS"),
                "Algeria",
                "Su-57",
                "combat_aircraft",
                denied_by="Algerian defence ministry",
            ),
        ],
    )
    with store.sessions() as session:
        queue = review_queue(session)
        assert queue[0]["roles"]["item"] == "Su-57" and queue[0]["contested"]  # contested and single source
        assert {q["roles"]["item"] for q in queue[1:]} == {"M-346"}
        review_event(session, queue[0]["event"], "confirm", by="ana")
        assert all(q["roles"]["item"] == "M-346" for q in review_queue(session))  # reviewed ones leave it


TEXTS = {
    "a": "Nigeria has received 12 M-346 jets from Italy, the air force said on Monday.",
    "b": "Kenya took delivery of four patrol boats from Turkey last week, officials said.",
}


def stored(pipeline: Pipeline, store: Store) -> dict[str, int]:
    docs = [Document(k, t, outlet=f"Outlet {k}", published="2024-06-12") for k, t in TEXTS.items()]
    ingest_records(pipeline, pipeline.extract(docs), store)
    with store.sessions() as session:
        return {e.roles["item"]: e.id for e in session.scalars(select(EventRow))}


def test_decisions_survive_a_reprocess(pipeline: Pipeline, store: Store) -> None:
    events = stored(pipeline, store)
    with store.sessions() as session:
        review_event(session, events["M-346"], "edit", by="ana", changes={"quantity": 10})
        review_event(session, events["patrol boats"], "reject", by="ana", reason="wrong_actors")
    reprocess(pipeline, store)
    with store.sessions() as session:
        again = {e.roles["item"]: e for e in session.scalars(select(EventRow))}
        assert again["M-346"].id != events["M-346"]  # re-created
        assert (again["M-346"].roles["quantity"], again["M-346"].review_state) == (10, "edited")
        assert again["patrol boats"].review_state == "rejected" and again["patrol boats"].case_id is None
        assert orphaned_decisions(session) == []
        assert {e["action"] for e in audit_entries(session, by="armswatch")} == {"reattached"}
    with store.sessions() as session:
        items = {r["item"] for r in register(session, RegisterFilters())}
    assert items == {"M-346"}  # the rejected report stays out of the register


def test_a_decision_on_an_event_read_differently_is_orphaned_not_moved(
    pipeline: Pipeline, store: Store
) -> None:
    events = stored(pipeline, store)
    with store.sessions() as session:
        review_event(session, events["M-346"], "confirm", by="ana")

    class OtherReading(Pipeline):
        """An extractor change: the M-346's supplier is read as another state."""

        def extract(self, docs):  # type: ignore[no-untyped-def, override]
            for record in super().extract(docs):
                for event in record.events:
                    if event.roles.get("item") == "M-346":
                        event.roles["supplier"] = "France"
                yield record

    reprocess(OtherReading(), store)
    with store.sessions() as session:
        assert all(e.review_state is None for e in session.scalars(select(EventRow)))  # on no other event
        [orphan] = orphaned_decisions(session)
        assert orphan["action"] == "confirm" and orphan["anchor"]["key_roles"]["supplier"] == "Italy"
        assert [e["action"] for e in audit_entries(session, by="armswatch")] == ["orphaned"]


def test_the_teams_decisions_become_gold_that_scores_the_extractor(
    pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    events = stored(pipeline, store)
    with store.sessions() as session:
        review_event(session, events["M-346"], "edit", by="ana", changes={"quantity": 10})
        review_event(session, events["patrol boats"], "reject", by="ana", reason="not_an_event")
        assert write_gold(session, tmp_path / "gold") == 2
        summary = score_reviewed(session, pipeline.extract)
    gold = json.loads((tmp_path / "gold" / "a.gold.json").read_text(encoding="utf-8"))
    assert [(e["roles"]["item"], e["roles"]["quantity"]) for e in gold["events"]] == [("M-346", 10)]
    assert json.loads((tmp_path / "gold" / "b.gold.json").read_text(encoding="utf-8"))["events"] == []
    # the extractor still reads the patrol boats (spurious now) and 12 jets (a wrong quantity)
    assert (summary["event_precision"], summary["event_recall"]) == (0.5, 1.0)
    assert summary["role_accuracy"] < 1.0
    # the shared scorer reads the folder as it reads the shared corpora
    predictions = tmp_path / "pred.jsonl"
    docs = corpus_documents(tmp_path / "gold")
    predictions.write_text(
        "".join(json.dumps(r.to_dict()) + "\n" for r in pipeline.extract(docs)), encoding="utf-8"
    )
    scorer = SHARED / "tools" / "score.py"
    if scorer.exists():
        done = subprocess.run(
            [sys.executable, str(scorer), str(predictions), str(tmp_path / "gold")],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert "0.5" in done.stdout


def test_the_cli_exports_gold_and_scores_the_reviewed_documents(pipeline: Pipeline, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    store = open_store(url)
    events = stored(pipeline, store)
    with store.sessions() as session:
        review_event(session, events["M-346"], "confirm", by="ana")
    store.engine.dispose()
    binary = str(Path(sys.executable).parent / "armswatch")
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [binary, "export", "--format", "gold", "--reviewed-only", "-o", str(tmp_path / "g"), "--db", url],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "wrote 1 gold documents" in done.stderr, done.stderr
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["a.gold.json", "a.meta.json", "a.txt"]
    scored = subprocess.run(
        [binary, "eval", "--reviewed", "--db", url, "--format", "json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert scored.returncode == 0, scored.stderr
    [row] = json.loads(scored.stdout)
    assert (row["documents"], row["event_precision"], row["event_recall"], row["event_f1"]) == (
        1,
        1.0,
        1.0,
        1.0,
    )
    no_dir = subprocess.run(
        [binary, "export", "--format", "gold", "--db", url], capture_output=True, text=True, env=env
    )
    assert no_dir.returncode == 2 and "give it with -o DIR" in no_dir.stderr


def test_moving_an_event_and_splitting_a_case_hold_through_fusion(store: Store) -> None:
    case_id, (first, second) = two_reports(store)
    other = deal("leo-nga-2", "2023-06-01", LEONARDO, "Nigeria", "AW109", "helicopter", status="order")
    fill(store, [other])
    with store.sessions() as session:
        helicopters = session.scalar(
            select(EventRow.case_id).where(EventRow.roles["item"].as_string() == "AW109")
        )
        with pytest.raises(ReviewError, match="there is no case 999999"):
            review_event(session, first, "move", by="ana", changes={"case": 999999})
        # split: the second report goes to a case of its own
        split = review_event(
            session, second, "move", by="ana", changes={"case": "new"}, note="a different batch"
        )
        assert split["case"] not in (None, case_id)
        assert session.get(CaseRow, case_id).n_sources == 1  # type: ignore[union-attr]
        # move: the first report joins the helicopters' case
        moved = review_event(session, first, "move", by="ana", changes={"case": helicopters})
        assert moved["case"] == helicopters and session.get(CaseRow, case_id) is None  # left empty: gone
    fill(
        store,
        [deal("leo-nga-3", "2023-05-20", LEONARDO, "Nigeria", "M-346", "combat_aircraft", status="order")],
    )
    with store.sessions() as session:  # a new report of the deal fuses as before; the moved ones stay put
        assert session.get(EventRow, first).case_id == helicopters  # type: ignore[union-attr]
        assert session.get(EventRow, second).case_id == split["case"]  # type: ignore[union-attr]
        assert [e["action"] for e in audit_entries(session, by="ana")] == ["move", "move"]


def test_the_jsonl_export_carries_each_events_review_state(store: Store) -> None:
    import io

    from armswatch.export import write_export

    _, (first, second) = two_reports(store)
    with store.sessions() as session:
        review_event(session, first, "confirm", by="ana")
        review_event(session, second, "reject", by="ana", reason="duplicate")
        out = io.StringIO()
        write_export(session, "jsonl", out)
    states = sorted(
        e["review_state"] for line in out.getvalue().splitlines() for e in json.loads(line)["events"]
    )
    assert states == ["confirmed", "rejected"]


def test_two_analysts_saving_at_once_one_gets_a_conflict(store: Store) -> None:
    """The second writer read version 1 before the first saved: its save is refused (409) by the
    conditional update, never a silent overwrite, even though its own copy of the event looked current."""
    _, (first, _) = two_reports(store)
    with store.sessions() as ben, store.sessions() as ana:
        seen = ben.get(EventRow, first)
        assert seen is not None and seen.version == 1
        review_event(ana, first, "edit", by="ana", changes={"quantity": 20}, version=1)
        with pytest.raises(StaleVersion) as stale:
            review_event(ben, first, "edit", by="ben", changes={"quantity": 30}, version=1)
        assert stale.value.current["roles"]["quantity"] == 20 and stale.value.current["version"] == 2
    with store.sessions() as session:
        event = session.get(EventRow, first)
        assert event is not None and (event.roles["quantity"], event.version) == (20, 2)
        assert [e["by"] for e in audit_entries(session, event_id=first)] == ["ana"]


def test_input_no_column_can_hold_is_refused_on_every_way_in(store: Store) -> None:
    _, (first, _) = two_reports(store)
    with store.sessions() as session:
        for changes, problem in (
            ({"date": "2024-13-45"}, "no real day or month"),
            ({"item_category": "x" * 40}, "is none of"),
            ({"quantity": 10**12}, "too large"),
            ({"supplier": "a\x00b"}, "NUL"),
        ):
            with pytest.raises(ReviewError, match=problem):
                review_event(session, first, "edit", by="ana", changes=changes)
