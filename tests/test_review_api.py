"""The review API (issue 12) served by uvicorn on 127.0.0.1 over SQLite and PostgreSQL: POST
/api/events/{id}/review as an analyst (confirm, reject, edit), the role checks (a reader 403, nobody 401),
404 for an unknown event, 422 naming what is wrong, 409 with the current values for a stale version, the
queue, the audit trail and the orphans, the register's `reviewed` column and filter, and a hostile note
that stays data."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from armswatch.store import Store
from armswatch.users import add_user
from armswatch.web.app import Settings
from conftest import client_for
from test_review import two_reports

TOKEN = "server-token-review-5c1a"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def reviewed_store(store: Store) -> tuple[Store, int, list[int], dict[str, str]]:
    """A store with one case told by two reports, and a reader's and an analyst's tokens."""
    case_id, events = two_reports(store)
    with store.session() as session:
        tokens = {role: add_user(session, f"{role}-1", role)[1] for role in ("reader", "analyst")}
    return store, case_id, events, tokens


@pytest.fixture
def api(reviewed_store: tuple[Store, int, list[int], dict[str, str]]) -> Iterator[httpx.Client]:
    with client_for(reviewed_store[0], Settings(token=TOKEN, lock_reads=False)) as client:
        yield client


def register_rows(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/register", params=params)
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return rows


def test_every_action_through_the_api(
    api: httpx.Client, reviewed_store: tuple[Store, int, list[int], dict[str, str]]
) -> None:
    _, case_id, (first, second), tokens = reviewed_store
    analyst = bearer(tokens["analyst"])
    [row] = register_rows(api)
    assert row["reviewed"] is False
    queue = api.get("/api/review/queue", params={"limit": 10}, headers=analyst)
    assert queue.status_code == 200 and [q["event"] for q in queue.json()] == [first, second]

    confirmed = api.post(
        f"/api/events/{first}/review", json={"action": "confirm", "version": 1}, headers=analyst
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json() | {"roles": None} == {
        "event": first,
        "type": "transfer",
        "status": "order",
        "roles": None,
        "date": {"start": "2023-05", "end": None},
        "review_state": "confirmed",
        "version": 2,
        "case": case_id,
    }
    assert [r["case"] for r in register_rows(api, reviewed="yes")] == [case_id]
    assert register_rows(api, reviewed="no") == []

    edit = {
        "action": "edit",
        "changes": {"quantity": 12, "status": "delivery", "value": {"amount": 12000000, "currency": "eur"}},
        "note": "per the SIPRI row",
        "version": 1,
    }
    edited = api.post(f"/api/events/{second}/review", json=edit, headers=analyst)
    assert edited.status_code == 200, edited.text
    assert edited.json()["roles"]["quantity"] == 12 and edited.json()["roles"]["value"]["currency"] == "EUR"
    [row] = register_rows(api)
    assert (row["quantity"], row["status"], row["reviewed"]) == (12, "delivery", True)

    rejected = api.post(
        f"/api/events/{first}/review",
        json={"action": "reject", "reason": "duplicate", "note": "a reprint"},
        headers=analyst,
    )
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["review_state"], rejected.json()["case"]) == ("rejected", None)
    assert register_rows(api)[0]["sources"] == 1

    trail = api.get("/api/audit").json()  # readable like the other reads
    assert [(e["event"], e["action"], e["by"]) for e in trail] == [
        (first, "reject", "analyst-1"),
        (second, "edit", "analyst-1"),
        (first, "confirm", "analyst-1"),
    ]
    assert trail[0]["reason"] == "duplicate" and trail[1]["note"] == "per the SIPRI row"
    assert (trail[1]["before"]["roles"]["quantity"], trail[1]["after"]["roles"]["quantity"]) == (24, 12)
    assert [e["action"] for e in api.get("/api/audit", params={"event": first}).json()] == [
        "reject",
        "confirm",
    ]
    assert len(api.get("/api/audit", params={"case": case_id, "limit": 1}).json()) == 1
    assert api.get("/api/audit", params={"by": "someone-else"}).json() == []
    assert api.get("/api/review/queue", headers=analyst).json() == []
    assert api.get("/api/review/orphans", headers=analyst).json() == []


def test_roles_unknown_events_bad_edits_and_stale_versions(
    api: httpx.Client, reviewed_store: tuple[Store, int, list[int], dict[str, str]]
) -> None:
    _, _, (first, _), tokens = reviewed_store
    analyst, reader = bearer(tokens["analyst"]), bearer(tokens["reader"])
    url = f"/api/events/{first}/review"

    # nobody: 401; a reader: 403 naming the role needed; the server's token is an admin
    assert api.post(url, json={"action": "confirm"}).status_code == 401
    refused = api.post(url, json={"action": "confirm"}, headers=reader)
    assert (
        refused.status_code == 403
        and refused.json()["detail"] == "this needs the analyst role; reader-1 is a reader"
    )
    for path in ("/api/review/queue", "/api/review/orphans"):
        assert api.get(path).status_code == 401 and api.get(path, headers=reader).status_code == 403

    assert api.post("/api/events/999999/review", json={"action": "confirm"}, headers=analyst).json() == {
        "detail": "no event 999999"
    }
    assert (
        api.post("/api/events/999999/review", json={"action": "confirm"}, headers=analyst).status_code == 404
    )

    bad = [
        ({"action": "edit", "changes": {"gunner": "X"}}, "'gunner' is no role of a transfer event"),
        ({"action": "edit", "changes": {"quantity": -3}}, "quantity '-3' is not a positive whole number"),
        ({"action": "edit", "changes": {"status": "signed"}}, "status 'signed' is not one of"),
        ({"action": "edit", "changes": {"supplier": 5}}, "'supplier' is a name or a phrase"),
        ({"action": "edit"}, "an edit needs at least one change"),
        ({"action": "reject", "reason": "boring"}, "reason 'boring' is none of"),
        ({"action": "confirm", "reason": "duplicate"}, "a reason goes with a rejection only"),
        ({"action": "confirm", "changes": {"quantity": 3}}, "changes go with an edit only"),
        ({"action": "edit", "changes": {"maker": "Leo\x00nardo"}}, "NUL characters are not allowed"),
        ({"action": "edit", "changes": {"quantity": 2**40}}, "is too large"),
        ({"action": "edit", "changes": {"date": "2024-13-45"}}, "'2024-13-45' is no real day or month"),
        ({"action": "edit", "changes": {"item_category": "x" * 40}}, "is none of air_defence"),
        ({"action": "edit", "changes": {"item": "I" * 255}}, "changes.item: longer than 120 characters"),
    ]
    for body, problem in bad:
        response = api.post(url, json=body, headers=analyst)
        assert response.status_code == 422, (body, response.text)
        assert problem in response.json()["detail"], (body, response.text)
    for body in (
        {"action": "approve"},
        {"action": "confirm", "reson": "typo"},
        {"action": "confirm", "version": 0},
    ):
        response = api.post(url, json=body, headers=analyst)
        assert response.status_code == 422, (body, response.text)  # the body's shape, by pydantic
    not_json = api.post(url, content="action=confirm", headers={**analyst, "Content-Type": "text/plain"})
    assert not_json.status_code == 415
    assert api.get("/api/audit").json() == []  # nothing refused was half-done

    # two analysts on version 1: the second gets 409 with the current values, never a silent overwrite
    assert api.post(url, json={"action": "confirm", "version": 1}, headers=analyst).status_code == 200
    stale = api.post(
        url, json={"action": "edit", "changes": {"quantity": 30}, "version": 1}, headers=bearer(TOKEN)
    )
    assert stale.status_code == 409, stale.text
    assert "changed since version 1" in stale.json()["detail"]
    current = stale.json()["current"]
    assert (current["version"], current["review_state"], current["roles"]["quantity"]) == (2, "confirmed", 24)
    again = api.post(
        url, json={"action": "edit", "changes": {"quantity": 30}, "version": 2}, headers=bearer(TOKEN)
    )
    assert again.status_code == 200 and again.json()["roles"]["quantity"] == 30
    assert api.get("/api/audit", params={"limit": 1}).json()[0]["by"] == "ARMSWATCH_TOKEN"
    assert api.get("/api/audit", params={"event": 0}).status_code == 422
    assert api.get("/api/register", params={"reviewed": "maybe"}).status_code == 422


def test_a_hostile_note_is_data(
    api: httpx.Client, reviewed_store: tuple[Store, int, list[int], dict[str, str]]
) -> None:
    _, _, (first, _), tokens = reviewed_store
    hostile = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)> \"quoted\" & 'single'"
    done = api.post(
        f"/api/events/{first}/review",
        json={"action": "confirm", "note": hostile},
        headers=bearer(tokens["analyst"]),
    )
    assert done.status_code == 200, done.text
    response = api.get("/api/audit", params={"event": first})
    assert response.headers["content-type"] == "application/json"  # JSON, never a page that runs it
    assert response.json()[0]["note"] == hostile  # stored and given back exactly, as a JSON string
    assert "<script>" in response.text and '\\"quoted\\"' in response.text


def test_moving_and_splitting_through_the_api(
    api: httpx.Client, reviewed_store: tuple[Store, int, list[int], dict[str, str]]
) -> None:
    _, case_id, (first, second), tokens = reviewed_store
    analyst = bearer(tokens["analyst"])
    split = api.post(
        f"/api/events/{second}/review", json={"action": "move", "changes": {"case": "new"}}, headers=analyst
    )
    assert split.status_code == 200, split.text
    new_case = split.json()["case"]
    assert new_case not in (None, case_id) and split.json()["review_state"] == "edited"
    assert sorted(r["case"] for r in register_rows(api)) == sorted([case_id, new_case])
    back = api.post(
        f"/api/events/{second}/review", json={"action": "move", "changes": {"case": case_id}}, headers=analyst
    )
    assert back.status_code == 200 and back.json()["case"] == case_id
    assert [r["case"] for r in register_rows(api)] == [case_id]  # the split-off case, emptied, is gone
    nowhere = api.post(
        f"/api/events/{first}/review", json={"action": "move", "changes": {"case": 99999}}, headers=analyst
    )
    assert nowhere.status_code == 422 and "there is no case 99999" in nowhere.text
    reader = api.post(
        f"/api/events/{first}/review",
        json={"action": "move", "changes": {"case": "new"}},
        headers=bearer(tokens["reader"]),
    )
    assert reader.status_code == 403
