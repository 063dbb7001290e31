"""`armswatch review` (issue 12) run as people run it, a subprocess over a database: confirm, reject and edit
an event as a named analyst, the queue, the audit log (JSON fields), the orphaned decisions, the register's
`reviewed` column and `--reviewed` filter, and one `error:` line for each bad input. Also the helpers the
command calls: --set parsing (changes_from_options) and the storability check (input_problem)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from armswatch.cli import app as cli_app
from armswatch.pipeline import Pipeline, reprocess
from armswatch.records import Document, ExtractionRecord
from armswatch.review import ReviewError, changes_from_options, input_problem
from armswatch.store import EventRow, Store, open_store
from armswatch.users import add_user, remove_user
from test_review import stored, two_reports

ARMSWATCH = str(Path(sys.executable).parent / "armswatch")


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ARMSWATCH, *args, "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def with_users(store: Store) -> None:
    with store.session() as session:
        add_user(session, "ana", "analyst")
        add_user(session, "rita", "reader")
        add_user(session, "gone", "analyst")
        remove_user(session, "gone")


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Any:
    opened = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    yield opened
    opened.engine.dispose()


def test_every_action_through_the_cli(store: Store, db_url: str) -> None:
    """On SQLite and PostgreSQL: confirm, edit, reject; the register, the queue and the log follow."""
    case_id, (first, second) = two_reports(store)
    with_users(store)
    assert [q["event"] for q in as_json(run(db_url, "review", "queue", "--format", "json"))] == [
        first,
        second,
    ]

    done = run(db_url, "review", str(first), "--confirm", "--by", "ana", "--note", "the ministry's release")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"event {first}: confirmed by ana (version 2, case {case_id})"
    [row] = as_json(run(db_url, "register", "--format", "json", "--reviewed", "yes"))
    assert (row["case"], row["reviewed"]) == (case_id, True)
    assert as_json(run(db_url, "register", "--format", "json", "--reviewed", "no")) == []

    edited = as_json(
        run(
            db_url,
            "review",
            str(second),
            "--set",
            "quantity=12",
            "--set",
            "status=delivery",
            "--set",
            "value=12000000 EUR",
            "--by",
            "ana",
            "--format",
            "json",
        )
    )
    assert (edited["review_state"], edited["status"], edited["roles"]["quantity"]) == (
        "edited",
        "delivery",
        12,
    )
    assert edited["roles"]["value"]["amount"] == 12000000 and edited["roles"]["value"]["currency"] == "EUR"
    [row] = as_json(run(db_url, "register", "--format", "json"))
    assert (row["quantity"], row["status"]) == (12, "delivery")  # the edit wins over the machine's 24

    done = run(db_url, "review", str(first), "--reject", "--reason", "duplicate", "--by", "ana")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"event {first}: rejected by ana (version 3, no case)"
    [row] = as_json(run(db_url, "register", "--format", "json"))
    assert row["sources"] == 1  # the rejected report left its case

    log = as_json(run(db_url, "review", "log", "--format", "json"))
    assert [(e["event"], e["action"], e["reason"]) for e in log] == [
        (first, "reject", "duplicate"),
        (second, "edit", None),
        (first, "confirm", None),
    ]
    for entry in log:
        assert {"at", "by", "event", "action", "before", "after", "note"} <= set(entry)
        assert entry["by"] == "ana" and entry["at"]
    assert log[2]["note"] == "the ministry's release"
    assert (log[1]["before"]["roles"]["quantity"], log[1]["after"]["roles"]["quantity"]) == (24, 12)
    assert [
        e["action"] for e in as_json(run(db_url, "review", "log", "--event", str(first), "--format", "json"))
    ] == [
        "reject",
        "confirm",
    ]


def test_the_tables_and_a_hostile_note(sqlite_store: Store) -> None:
    """The table forms print; a note with markup is stored and given back as data, never as markup."""
    url = str(sqlite_store.engine.url)
    _, (first, _) = two_reports(sqlite_store)
    with_users(sqlite_store)
    queue = run(url, "review", "queue", "--limit", "1")
    assert queue.returncode == 0 and "Review queue" in queue.stdout and "M-346" in queue.stdout
    hostile = "<script>alert('x')</script> [bold]not markup[/bold]"
    done = run(url, "review", str(first), "--confirm", "--by", "ana", "--note", hostile)
    assert done.returncode == 0, done.stderr
    [entry] = as_json(run(url, "review", "log", "--format", "json"))
    assert entry["note"] == hostile
    table = run(url, "review", "log")
    assert table.returncode == 0 and "[bold]not markup[/bold]" in table.stdout  # shown as written
    orphans = run(url, "review", "orphans")
    assert orphans.returncode == 0 and "no orphaned decisions" in orphans.stderr


def test_bad_input_is_one_error_line(sqlite_store: Store) -> None:
    url = str(sqlite_store.engine.url)
    _, (first, _) = two_reports(sqlite_store)
    with_users(sqlite_store)
    refused: dict[tuple[str, ...], tuple[int, str]] = {
        ("99999", "--confirm", "--by", "ana"): (1, "error: event 99999: no event 99999"),
        (str(first), "--confirm", "--by", "nobody"): (2, "error: --by: no user named 'nobody'"),
        (str(first), "--confirm", "--by", "gone"): (2, "error: --by: no user named 'gone'"),  # removed
        (str(first), "--confirm", "--by", "rita"): (
            2,
            "error: --by: rita is a reader; reviewing needs the analyst role",
        ),
        (str(first), "--by", "ana"): (
            2,
            "error: give one of --confirm, --reject, --set or --move-to (given: none)",
        ),
        (str(first), "--move-to", "elsewhere", "--by", "ana"): (2, "give a case id or 'new'"),
        (str(first), "--move-to", "99999", "--by", "ana"): (2, "there is no case 99999"),
        (str(first), "--confirm", "--reject", "--by", "ana"): (2, "(given: --confirm, --reject)"),
        (str(first), "--reject", "--reason", "boring", "--by", "ana"): (2, "reason 'boring' is none of"),
        (str(first), "--set", "gunner=X", "--by", "ana"): (2, "'gunner' is no role of a transfer event"),
        (str(first), "--set", "quantity=-3", "--by", "ana"): (2, "quantity '-3' is not a positive whole"),
        (str(first), "--set", "status=signed", "--by", "ana"): (2, "status 'signed' is not one of"),
        (str(first), "--set", "quantity", "--by", "ana"): (2, "error: --set 'quantity' is not ROLE=VALUE"),
        (str(first), "--set", "value=lots", "--by", "ana"): (2, "is not an amount with a currency"),
        (str(first), "--set", f"maker={'x' * 300}", "--by", "ana"): (2, "--set maker: longer than 120"),
    }
    # the binary's exit codes for two of them; the rest in-process (the same command, without the start-up)
    for through_binary in [("99999", "--confirm", "--by", "ana"), (str(first), "--confirm", "--by", "rita")]:
        done = run(url, "review", *through_binary)
        code, problem = refused[through_binary]
        assert done.returncode == code and done.stderr.strip().startswith(problem), done.stderr
    runner = CliRunner()
    for args, (code, problem) in refused.items():
        result = runner.invoke(cli_app, ["review", *args, "--db", url])
        assert result.exit_code == code, (args, result.output)
        assert problem in result.output and len(result.output.strip().splitlines()) == 1, (
            args,
            result.output,
        )
        assert "Traceback" not in result.output
    result = runner.invoke(cli_app, ["review", "log", "--format", "json", "--by", "ana", "--db", url])
    assert result.exit_code == 0 and json.loads(result.stdout) == []  # nothing was half-done
    result = runner.invoke(cli_app, ["register", "--reviewed", "maybe", "--db", url])
    assert result.exit_code == 2 and "'maybe'" in result.output


def test_the_orphans_command_lists_a_decision_the_extractor_lost(
    pipeline: Pipeline, sqlite_store: Store
) -> None:
    store = sqlite_store
    events = stored(pipeline, store)
    with_users(store)
    url = str(store.engine.url)
    done = run(url, "review", str(events["M-346"]), "--confirm", "--by", "ana", "--note", "seen")
    assert done.returncode == 0, done.stderr

    class OtherReading(Pipeline):
        """An extractor change: the M-346's supplier is read as another state."""

        def extract(self, documents: Iterable[Document]) -> Iterator[ExtractionRecord]:
            for record in super().extract(documents):
                for event in record.events:
                    if event.roles.get("item") == "M-346":
                        event.roles["supplier"] = "France"
                yield record

    reprocess(OtherReading(), store)
    [orphan] = as_json(run(url, "review", "orphans", "--format", "json"))
    assert (orphan["action"], orphan["by"], orphan["note"]) == ("confirm", "ana", "seen")
    assert orphan["document_key"] == "a" and orphan["anchor"]["key_roles"]["supplier"] == "Italy"
    with store.sessions() as session:
        assert all(e.review_state is None for e in session.scalars(select(EventRow)))  # on no other event


@pytest.mark.parametrize(
    ("options", "changes"),
    [
        (["quantity=12"], {"quantity": 12}),
        (["status=order", "date=2024-05"], {"status": "order", "date": "2024-05"}),
        (["value=12000000 EUR"], {"value": {"amount": 12000000, "currency": "EUR"}}),
        (["value=12,500,000.5 usd"], {"value": {"amount": 12500000.5, "currency": "usd"}}),
        (["value=3000000"], {"value": {"amount": 3000000, "currency": "USD"}}),
        (["parties=France, Egypt"], {"parties": ["France", "Egypt"]}),
        (["maker="], {"maker": None}),  # an empty value removes the role
        (["quantity=many"], {"quantity": "many"}),  # left for the contract check to refuse, in its words
        (["item=Rafale F4=B"], {"item": "Rafale F4=B"}),
    ],
)
def test_set_options_become_typed_changes(options: list[str], changes: dict[str, Any]) -> None:
    assert changes_from_options(options) == changes


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (["quantity"], "--set 'quantity' is not ROLE=VALUE"),
        (["=12"], "--set '=12' is not ROLE=VALUE"),
        (["quantity=1", "quantity=2"], "--set quantity is given twice"),
        (["value=EUR 12"], "--set value='EUR 12' is not an amount with a currency"),
    ],
)
def test_malformed_set_options_are_refused(options: list[str], problem: str) -> None:
    with pytest.raises(ReviewError, match=problem):
        changes_from_options(options)


@pytest.mark.parametrize(
    ("changes", "texts", "problem"),
    [
        ({"quantity": 12}, {"note": "fine"}, None),
        ({"supplier": "Ita\x00ly"}, {}, "changes.supplier: NUL characters are not allowed"),
        ({}, {"note": "a\x00b"}, "note: NUL characters are not allowed"),
        ({"parties": ["France", "x" * 121]}, {}, "changes.parties: longer than 120 characters"),
        ({"participants": ["y" * 100] * 5}, {}, "changes.participants: the names together are longer"),
        ({"item_category": "x" * 40}, {}, "changes.item_category: 'x+' is none of air_defence, ammunition"),
        ({"item_category": "uav", "item": "TB2"}, {}, None),
        ({"quantity": 2**31}, {}, "changes.quantity: 2147483648 is too large"),
        (
            {"value": {"amount": float("inf"), "currency": "EUR"}},
            {},
            "changes.value.amount: inf is not a finite",
        ),
        ({"value": {"amount": 10**400}}, {}, "changes.value.amount: .* is too large"),
        (None, {"note": "x" * 5000}, None),  # a long note is fine: notes are text
        ({"date": "2024-13-45"}, {}, "changes.date: '2024-13-45' is no real day or month"),
        ({"date": "0000"}, {}, "changes.date: '0000' is no real day or month"),
        ({"date": "2024-02-29"}, {}, None),
    ],
)
def test_unstorable_input_is_named(changes: Any, texts: dict[str, str], problem: str | None) -> None:
    found = input_problem(changes, **texts)
    if problem is None:
        assert found is None
    else:
        assert found is not None and re.match(problem, found), found


def test_moving_and_splitting_through_the_cli(sqlite_store: Store) -> None:
    url = str(sqlite_store.engine.url)
    case_id, (_, second) = two_reports(sqlite_store)
    with_users(sqlite_store)
    split = as_json(run(url, "review", str(second), "--move-to", "new", "--by", "ana", "--format", "json"))
    assert split["case"] not in (None, case_id)
    cases = sorted(r["case"] for r in as_json(run(url, "register", "--format", "json")))
    assert cases == sorted([case_id, split["case"]])
    back = as_json(
        run(url, "review", str(second), "--move-to", str(case_id), "--by", "ana", "--format", "json")
    )
    assert back["case"] == case_id
    assert [e["action"] for e in as_json(run(url, "review", "log", "--format", "json"))] == ["move", "move"]
