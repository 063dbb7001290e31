"""Analyst review on the web pages (issue 12): the Confirm / Reject / Edit forms on the case, article and
event pages, the POST behind them (303 back, 422 with the message, 409 with the current values, 404, a
reader's 403 and nobody's 401), the audit trail on the case page (escaped), the register's reviewed mark,
and the /review queue cleared with the keyboard only in real headless Chromium (as test_web_pages.py)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

import test_web_pages as web
from armswatch.review import ReviewError, audit_entries, review_event
from armswatch.store import AuditRow, EventRow, Store, open_store
from armswatch.users import add_user
from armswatch.web.app import Settings, create_app
from armswatch.web.review import audit_changes, parse_review_form, review_view
from conftest import serve
from test_makers import deal, fill
from test_web_a11y import run_axe
from test_web_pages import TIMEOUT_MS, LiveServer, shot

browser = web.browser
page = web.page
console_errors = web.console_errors

HTML = {"Accept": "text/html"}
SCRIPT_NOTE = "<script>window.__xss=1</script>"
IMG_NOTE = '<img src=x onerror="window.__xss=1">'
HOSTILE_NOTE = f"checked {SCRIPT_NOTE} and {IMG_NOTE}"

# Ten deals, one article and one event each: some denied (contested, so the queue puts them first).
DEALS = [
    ("tur-ken", "Turkey", "TUR", "Kenya", "Bayraktar TB2 drones", "uav", 6, None),
    ("fra-egy", "France", "FRA", "Egypt", "Rafale jets", "combat_aircraft", 30, None),
    ("rus-alg", "Russia", "RUS", "Algeria", "Su-57 jets", "combat_aircraft", 6, "Algeria"),
    ("kor-pol", "South Korea", "KOR", "Poland", "K2 tanks", "tank", 180, None),
    ("usa-twn", "United States", "USA", "Taiwan", "HIMARS", "artillery", 11, None),
    ("chn-srb", "China", "CHN", "Serbia", "FK-3 systems", "air_defence", 4, "Serbia"),
    ("deu-ukr", "Germany", "DEU", "Ukraine", "Leopard 2 tanks", "tank", 14, None),
    ("isr-aze", "Israel", "ISR", "Azerbaijan", "Harop drones", "uav", 20, None),
    ("ita-nga", "Italy", "ITA", "Nigeria", "M-346 jets", "combat_aircraft", 24, None),
    ("ind-arm", "India", "IND", "Armenia", "Pinaka launchers", "artillery", 8, None),
]


def fill_deals(store: Store) -> None:
    """The ten deals, each reported (as an order) in its own month of 2024."""
    records = [
        deal(key, f"2024-{month:02d}-10", (supplier, "country", iso), recipient, item, category,
             quantity=qty, status="order", denied_by=denied)
        for month, (key, supplier, iso, recipient, item, category, qty, denied) in enumerate(DEALS, 1)
    ]  # fmt: skip
    fill(store, records)


def add_people(store: Store) -> dict[str, str]:
    """An analyst and a reader (committed): their tokens by role."""
    with store.session() as session:
        return {
            "analyst": add_user(session, "ana analyst", "analyst")[1],
            "reader": add_user(session, "rita reader", "reader")[1],
        }


def events(store: Store) -> list[EventRow]:
    with store.sessions() as session:
        query = select(EventRow).options(selectinload(EventRow.evidence)).order_by(EventRow.id)
        rows = list(session.scalars(query))
        session.expunge_all()
        return rows


def event_of(store: Store, key: str) -> EventRow:
    """The event read from one deal's article (its key is in the article text)."""
    return next(e for e in events(store) if any(key in (v.quote or "") for v in e.evidence))


def audit_count(store: Store) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)


# ---- reading the form: a function tested directly, on a real (unsaved) event -----------------------------


def transfer(**changes: Any) -> EventRow:
    roles = {"supplier": "Turkey", "recipient": "Kenya", "item": "TB2 drones", "quantity": 6}
    roles.update(changes.pop("roles", {}))
    values: dict[str, Any] = {"id": 7, "document_id": 3, "case_id": 2, "type": "transfer", "status": "order"}
    values.update(date_start="2024-01", version=3, roles=roles, review_state=None, **changes)
    return EventRow(**values)


def test_the_form_reads_only_the_fields_that_changed() -> None:
    event = transfer(roles={"value": {"amount": 12_000_000, "currency": "EUR", "usd": 13e6}})
    view = review_view(event)
    form = {
        "action": "edit",
        "version": "3",
        "next": "/cases/2#event-7",
        "status": "order",  # unchanged
        "date": "2024-01-15",
        "quantity": "12",
        "value_amount": "12,000,000",  # unchanged, written with commas
        "value_currency": "eur",
        "role_supplier": view.roles[0][1],
        "role_recipient": " Uganda ",
        "role_item": "TB2 drones",
        "note": "  the ministry's release  ",
    }
    asked = parse_review_form(form, event, "/cases/2")
    assert asked.action == "edit" and asked.version == 3 and asked.next == "/cases/2#event-7"
    assert asked.changes == {"date": "2024-01-15", "quantity": 12, "recipient": "Uganda"}
    assert asked.note == "the ministry's release" and asked.reason is None

    # an emptied field clears its value; a new currency is a change of value
    cleared = parse_review_form({**form, "quantity": "", "date": "", "value_currency": "USD"}, event, "/")
    assert cleared.changes == {
        "date": None,
        "quantity": None,
        "value": {"amount": 12_000_000, "currency": "USD"},
        "recipient": "Uganda",
    }
    # a form carrying only some fields changes only those
    assert parse_review_form({"action": "edit", "quantity": "7"}, event, "/").changes == {"quantity": 7}


def test_a_reject_or_confirm_form_reads_its_reason_note_and_target() -> None:
    event = transfer()
    rejected = parse_review_form({"action": "reject", "reason": "duplicate", "note": ""}, event, "/cases/2")
    assert (rejected.reason, rejected.note, rejected.version, rejected.next) == (
        "duplicate",
        None,
        None,
        "/cases/2",
    )
    # a reason left in another form is dropped; a next that leaves the site is not followed
    confirmed = parse_review_form(
        {"action": "confirm", "reason": "other", "next": "//evil.example/x"}, event, "/"
    )
    assert (confirmed.reason, confirmed.changes, confirmed.next) == (None, {}, "/register")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"action": "approve"}, "action: 'approve' is none of confirm, reject, edit"),
        ({"action": "confirm", "version": "two"}, "version: 'two' is not a version number"),
        ({"action": "reject", "reason": "boring"}, "reason: 'boring' is none of not_an_event"),
        ({"action": "confirm", "note": "x" * 2001}, "note: 2001 characters, more than the 2000"),
        ({"action": "edit", "quantity": "a dozen"}, "quantity: 'a dozen' is not a whole number"),
        ({"action": "edit", "value_amount": "lots"}, "value: 'lots' is not a number"),
        ({"action": "edit", "status": ""}, "status: a transfer event's status cannot be emptied"),
        ({"action": "edit", "quantity": "6", "status": "order"}, "the edit changes nothing"),
        ({"action": "edit", "role_item": "y" * 256}, "item: longer than 255 characters"),
        ({"action": "confirm", "note": "a\x00b"}, "note: NUL characters are not allowed"),
    ],
)
def test_a_form_that_does_not_read_names_the_field(form: dict[str, str], message: str) -> None:
    with pytest.raises(ReviewError, match=re.escape(message)) as raised:
        parse_review_form(form, transfer(), "/")
    assert raised.value.status == 422


def test_the_audit_shows_before_and_after_of_what_differs() -> None:
    entry = {
        "before": {"status": "order", "date": {"start": "2024-01"}, "roles": {"quantity": 6, "item": "TB2"},
                   "review_state": None, "case": 2, "version": 1},
        "after": {"status": "delivery", "date": {"start": "2024-01"},
                  "roles": {"quantity": 12, "item": "TB2", "value": {"amount": 5e6, "currency": "EUR"}},
                  "review_state": "edited", "case": 2, "version": 2},
    }  # fmt: skip
    assert audit_changes(entry) == [
        ("status", "order", "delivery"),
        ("review state", "—", "edited"),
        ("quantity", "6", "12"),
        ("value", "—", "5000000 EUR"),
    ]
    assert audit_changes({"before": None, "after": None}) == []


# ---- the POST behind the forms, over HTTP (SQLite and PostgreSQL) -----------------------------------------


@dataclass
class Web:
    http: httpx.Client
    store: Store
    tokens: dict[str, str]

    def login(self, role: str | None) -> None:
        self.http.cookies.clear()
        if role is not None:
            done = self.http.post("/login", data={"token": self.tokens[role]}, follow_redirects=False)
            assert done.status_code == 303, done.text


@pytest.fixture
def site_http(store: Store) -> Iterator[Web]:
    fill_deals(store)
    tokens = add_people(store)
    with (
        serve(create_app(Settings(token=None), store)) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):
        yield Web(http, store, tokens)


def post(web_: Web, event_id: int, **fields: Any) -> httpx.Response:
    data = {k: str(v) for k, v in fields.items()}
    return web_.http.post(f"/events/{event_id}/review", data=data, headers=HTML, follow_redirects=False)


def test_who_may_review(site_http: Web) -> None:
    event = event_of(site_http.store, "tur-ken")
    # nobody logged in: 401 with a way to log in; the queue sends a browser to log in first
    site_http.login(None)
    nobody = post(site_http, event.id, action="confirm")
    assert nobody.status_code == 401 and "Log in as an analyst to review." in nobody.text
    sent = site_http.http.get("/review", headers=HTML, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/login?next=/review"

    # a reader sees no controls (case, article, event pages, no Review link) and is refused: 403
    site_http.login("reader")
    for path in (f"/cases/{event.case_id}", f"/documents/{event.document_id}", f"/events/{event.id}/review"):
        shown = site_http.http.get(path, headers=HTML)
        assert shown.status_code == 200, path
        assert "review-controls" not in shown.text and 'action="/events/' not in shown.text, path
        assert 'href="/review"' not in shown.text, path
    refused = post(site_http, event.id, action="confirm", version=event.version)
    assert refused.status_code == 403
    assert "Reviewing needs the analyst role; rita reader is a reader." in refused.text
    queue = site_http.http.get("/review", headers=HTML)
    assert queue.status_code == 403 and "needs the analyst role" in queue.text
    assert audit_count(site_http.store) == 0 and event_of(site_http.store, "tur-ken").review_state is None

    # an analyst sees them, and the nav's Review link
    site_http.login("analyst")
    shown = site_http.http.get(f"/cases/{event.case_id}", headers=HTML)
    assert f'action="/events/{event.id}/review"' in shown.text and 'href="/review"' in shown.text
    assert post(site_http, 999_999, action="confirm").status_code == 404
    assert "There is no event 999999." in post(site_http, 999_999, action="confirm").text


def test_confirm_reject_and_edit_go_back_where_the_form_was(site_http: Web) -> None:
    site_http.login("analyst")
    kenya, egypt, poland = (event_of(site_http.store, k) for k in ("tur-ken", "fra-egy", "kor-pol"))

    done = post(site_http, kenya.id, action="confirm", version=kenya.version, next=f"/cases/{kenya.case_id}")
    assert done.status_code == 303 and done.headers["location"] == f"/cases/{kenya.case_id}"
    case_page = site_http.http.get(f"/cases/{kenya.case_id}", headers=HTML).text
    assert 'class="badge review-state review-confirmed"' in case_page
    assert 'class="flag flag-reviewed"' in case_page  # the head's flags: the case is reviewed
    register = site_http.http.get("/register", headers=HTML).text
    row = re.search(rf'<tr[^>]*data-href="/cases/{kenya.case_id}".*?</tr>', register, re.S)
    assert row is not None and "flag-reviewed" in row.group(0)
    assert register.count('class="flag flag-reviewed"') == 1

    # the edit: the case page shows the new quantity, the audit its before and after
    edit = post(site_http, egypt.id, action="edit", version=egypt.version, quantity="24", note="24, not 30",
                next=f"/cases/{egypt.case_id}#event-{egypt.id}")  # fmt: skip
    assert edit.status_code == 303 and edit.headers["location"] == f"/cases/{egypt.case_id}#event-{egypt.id}"
    shown = site_http.http.get(f"/cases/{egypt.case_id}", headers=HTML).text
    assert re.search(r"<dt>Quantity</dt><dd>24\b", shown), shown
    audit = shown[shown.index('id="audit"') :]
    assert "ana analyst" in audit and "24, not 30" in audit
    assert '<span class="audit-field">quantity</span>: <del>30</del> → <ins>24</ins>' in audit

    # rejecting a case's only report empties the case: back to the article, not to a missing case
    gone = post(site_http, poland.id, action="reject", reason="not_an_event", version=poland.version,
                next=f"/cases/{poland.case_id}#event-{poland.id}")  # fmt: skip
    assert gone.status_code == 303
    assert gone.headers["location"] == f"/documents/{poland.document_id}#event-{poland.id}"
    article = site_http.http.get(gone.headers["location"], headers=HTML).text
    assert 'class="badge review-state review-rejected"' in article
    assert site_http.http.get(f"/cases/{poland.case_id}", headers=HTML).status_code == 404
    states = {e.id: e.review_state for e in events(site_http.store)}
    assert (states[kenya.id], states[egypt.id], states[poland.id]) == ("confirmed", "edited", "rejected")
    assert audit_count(site_http.store) == 3


def test_the_move_form_splits_an_event_off_and_moves_it_back(site_http: Web) -> None:
    site_http.login("analyst")
    taiwan, india = (event_of(site_http.store, k) for k in ("usa-twn", "ind-arm"))
    page = site_http.http.get(f"/cases/{taiwan.case_id}", headers=HTML).text
    assert 'name="action" value="move"' in page  # the case page has the form
    split = post(site_http, taiwan.id, action="move", case="new", version=taiwan.version, next="/register")
    assert split.status_code == 303
    moved = event_of(site_http.store, "usa-twn")
    assert moved.case_id not in (None, taiwan.case_id) and moved.pinned_case_id == moved.case_id
    into = post(
        site_http, moved.id, action="move", case=str(india.case_id), version=moved.version, next="/register"
    )
    assert into.status_code == 303 and event_of(site_http.store, "usa-twn").case_id == india.case_id
    bad = post(
        site_http, moved.id, action="move", case="somewhere", version=moved.version + 1, next="/register"
    )
    assert bad.status_code == 422 and "case: &#39;somewhere&#39; is not a case number" in bad.text


def test_a_bad_edit_is_shown_again_with_its_message(site_http: Web) -> None:
    site_http.login("analyst")
    event = event_of(site_http.store, "usa-twn")
    for fields, status, message in (
        ({"quantity": "-3"}, 422, "quantity &#39;-3&#39; is not a positive whole number"),
        ({"quantity": "lots"}, 422, "quantity: &#39;lots&#39; is not a whole number"),
        ({"status": "signed"}, 422, "status &#39;signed&#39; is not one of a transfer event&#39;s statuses"),
        ({"date": "13/05/2024"}, 422, "date &#39;13/05/2024&#39; is not YYYY, YYYY-MM or YYYY-MM-DD"),
        (
            {"value_amount": "5", "value_currency": "EURO"},
            422,
            "currency &#39;EURO&#39; is not a three-letter",
        ),
    ):
        shown = post(site_http, event.id, action="edit", version=event.version, **fields)
        assert shown.status_code == status, (fields, shown.text[:300])
        error = re.search(r'id="review-error" role="alert">(.*?)</p>', shown.text, re.S)
        assert error is not None and message in error.group(1), (fields, error)
        assert '<details class="review-edit" open>' in shown.text  # the edit form is open again
        for name, value in fields.items():  # with what was typed in it
            assert name == "status" or f'name="{name}" value="{value}"' in shown.text, (name, value)
    nul = post(site_http, event.id, action="confirm", version=event.version, note="a\x00b")
    assert nul.status_code == 422 and "note: NUL characters are not allowed" in nul.text
    assert audit_count(site_http.store) == 0 and event_of(site_http.store, "usa-twn").version == event.version


def test_a_stale_form_gets_409_with_the_current_values(site_http: Web) -> None:
    site_http.login("analyst")
    event = event_of(site_http.store, "deu-ukr")
    with site_http.store.sessions() as session:  # another analyst edits it first
        review_event(session, event.id, "edit", by="bob", changes={"quantity": 18}, version=event.version)
    late = post(site_http, event.id, action="confirm", version=event.version)
    assert late.status_code == 409
    assert "Someone changed this event since you loaded the form" in late.text
    assert "last edit by bob" in late.text
    assert f'name="version" value="{event.version + 1}"' in late.text  # the forms can try again
    assert '<span class="audit-field">quantity</span>: <del>14</del> → <ins>18</ins>' in late.text
    assert event_of(site_http.store, "deu-ukr").review_state == "edited"  # nothing was overwritten
    again = post(site_http, event.id, action="confirm", version=event.version + 1)
    assert again.status_code == 303


def test_a_hostile_note_is_escaped_on_every_page(site_http: Web) -> None:
    site_http.login("analyst")
    event = event_of(site_http.store, "isr-aze")
    assert (
        post(site_http, event.id, action="confirm", version=event.version, note=HOSTILE_NOTE).status_code
        == 303
    )
    for path in (f"/cases/{event.case_id}", f"/events/{event.id}/review"):
        text = site_http.http.get(path, headers=HTML).text
        assert SCRIPT_NOTE not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in text, path
        assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;" in text, path


# ---- in the browser ---------------------------------------------------------------------------------------


@dataclass
class Live:
    url: str
    store: Store
    tokens: dict[str, str]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    """The app on a fresh SQLite file with the ten deals, an analyst and a reader, served by uvicorn."""
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    fill_deals(store)
    tokens = add_people(store)
    with LiveServer(create_app(Settings(token=None), store)) as url:
        yield Live(url, store, tokens)
    store.engine.dispose()


def log_in(page: Page, live: Live, role: str, then: str) -> None:
    page.goto(f"{live.url}/login?next={then}")
    page.fill("input[name=token]", live.tokens[role])
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"**{then}")


def current_item(page: Page) -> str:
    found: str = page.evaluate(
        "() => { const el = document.activeElement; return el.classList.contains('current') ? el.id : ''; }"
    )
    return found


def key(page: Page, name: str, *, submits: bool) -> None:
    """Press a key; when it posts a review, wait for the queue to come back."""
    if submits:
        with page.expect_navigation(url=re.compile(r"/review\?at=\d+$")):
            page.keyboard.press(name)
        expect(page.locator("body[data-queue-ready]")).to_have_count(1)
    else:
        page.keyboard.press(name)


def test_an_analyst_clears_a_queue_of_ten_with_the_keyboard(live: Live, page: Page) -> None:
    log_in(page, live, "analyst", "/review")
    expect(page.locator("body[data-queue-ready]")).to_have_count(1)
    items = page.locator("#queue > li.queue-item")
    expect(items).to_have_count(10)
    expect(page.locator("#nav-review")).to_have_attribute("aria-current", "page")
    expect(page.locator("#queue-toolbar")).to_be_visible()  # each shortcut also has a button
    for label in ("Previous", "Next", "Keyboard shortcuts"):
        expect(page.locator("#queue-toolbar button", has_text=label)).to_be_visible()
    # the riskiest first: the two denied deals (contested) lead the queue
    expect(items.nth(0).locator(".flag-contested")).to_be_visible()
    expect(items.nth(1).locator(".flag-contested")).to_be_visible()
    expect(items.nth(0).locator("blockquote.quote")).to_have_count(1)
    assert current_item(page) == "item-0"
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    shot(page, "review-queue")
    page.keyboard.press("Escape")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    assert current_item(page) == "item-0"

    before = {e.id: e for e in events(live.store)}
    started = time.perf_counter()
    # 1-2: confirm the first two (c)
    key(page, "c", submits=True)
    assert current_item(page) == "item-0"
    key(page, "c", submits=True)
    # 3: j moves to the next event, k back; then reject the one after (r, a reason, Enter)
    key(page, "j", submits=False)
    assert current_item(page) == "item-1"
    key(page, "k", submits=False)
    assert current_item(page) == "item-0"
    key(page, "j", submits=False)
    rejected_id = int(page.locator("#item-1").get_attribute("data-event") or 0)
    key(page, "r", submits=False)
    reason = page.locator("#item-1 select.review-reason")
    expect(reason).to_be_focused()
    key(page, "ArrowDown", submits=False)  # not_an_event -> wrong_actors
    key(page, "Enter", submits=True)
    assert current_item(page) == "item-1"  # the next event took its place, focused
    # 4: edit the current one's quantity (e, Tab to quantity, type, Enter)
    edited_id = int(page.locator("#item-1").get_attribute("data-event") or 0)
    key(page, "e", submits=False)
    expect(page.locator(f"#rv-{edited_id}-status")).to_be_focused()
    key(page, "Tab", submits=False)
    key(page, "Tab", submits=False)
    expect(page.locator(f"#rv-{edited_id}-quantity")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("99")
    key(page, "Enter", submits=True)
    # 5-10: k to the top, then confirm the rest
    key(page, "k", submits=False)
    assert current_item(page) == "item-0"
    for _ in range(10):
        if not items.count():
            break
        key(page, "c", submits=True)
    elapsed = time.perf_counter() - started
    print(
        f"\nreview queue: 10 events cleared with the keyboard in {elapsed:.2f} s, "
        f"{elapsed / 10:.3f} s per event"
    )

    expect(page.locator("#queue-empty")).to_be_visible()
    after = {e.id: e for e in events(live.store)}
    assert set(after) == set(before) and all(e.review_state for e in after.values()), after
    assert after[rejected_id].review_state == "rejected" and after[rejected_id].case_id is None
    assert after[edited_id].review_state == "edited" and after[edited_id].roles["quantity"] == 99
    assert [e.review_state for e in after.values()].count("confirmed") == 8
    with live.store.sessions() as session:
        trail = audit_entries(session)
        assert len(trail) == 10 and {a["by"] for a in trail} == {"ana analyst"}
        rejected = next(a for a in trail if a["action"] == "reject")
        assert (rejected["event"], rejected["reason"]) == (rejected_id, "wrong_actors")


def test_a_reader_sees_no_review_controls_and_is_refused(live: Live, browser: Browser) -> None:
    event = event_of(live.store, "tur-ken")
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        log_in(page, live, "reader", f"/cases/{event.case_id}")
        expect(page.locator("#reports > li")).to_have_count(1)
        expect(page.locator(".review-controls")).to_have_count(0)
        expect(page.locator("#nav-review")).to_have_count(0)
        page.goto(f"{live.url}/documents/{event.document_id}")
        expect(page.locator(".review-controls")).to_have_count(0)
        queue = page.goto(f"{live.url}/review")
        assert queue is not None and queue.status == 403
        expect(page.locator("#review-error")).to_contain_text("needs the analyst role")
        form: dict[str, str | float | bool] = {"action": "confirm", "version": event.version}
        refused = page.request.post(f"{live.url}/events/{event.id}/review", form=form)
        assert refused.status == 403 and "rita reader is a reader" in refused.text()
        page.request.post(f"{live.url}/logout")
        nobody = page.request.post(f"{live.url}/events/{event.id}/review", form=form)
        assert nobody.status == 401
    finally:
        context.close()
    assert audit_count(live.store) == 0


def test_the_case_page_edit_form_and_its_audit_trail(live: Live, page: Page) -> None:
    event = event_of(live.store, "ita-nga")
    log_in(page, live, "analyst", f"/cases/{event.case_id}")
    quantity = page.locator("section.facts dt:text-is('Quantity') + dd")
    expect(quantity).to_contain_text("24")
    report = page.locator(f"#event-{event.id}")
    report.locator("details.review-edit summary").click()
    form = report.locator("details.review-edit form")
    expect(form.locator("select[name=status] option:checked")).to_have_text("order")
    form.locator("input[name=quantity]").fill("12")
    form.locator("select[name=status]").select_option("delivery")
    form.locator("input[name=note]").fill(HOSTILE_NOTE)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/cases/{event.case_id}#event-{event.id}")
    expect(quantity).to_contain_text("12")
    expect(report.locator(".review-state")).to_have_text("edited")
    entry = page.locator("#audit .audit-entry").first
    expect(entry.locator(".audit-by")).to_have_text("ana analyst")
    expect(entry.locator(".audit-note")).to_have_text(HOSTILE_NOTE)  # shown as text, never run
    changes = entry.locator(".audit-changes li")
    expect(changes.filter(has_text="quantity")).to_have_text("quantity: 24 → 12")
    expect(changes.filter(has_text="status")).to_have_text("status: order → delivery")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#audit img").count() == 0 and page.locator("#audit script").count() == 0
    # then a confirm on top keeps the edit, and the case is marked reviewed in the register
    report.locator("form.review-confirm button").click()
    page.wait_for_url(f"**/cases/{event.case_id}#event-{event.id}")
    expect(page.locator("#audit .audit-entry")).to_have_count(2)
    expect(quantity).to_contain_text("12")
    shot(page, "case-audit")

    page.goto(f"{live.url}/register")
    row = page.locator(f"#register tbody tr[data-href='/cases/{event.case_id}']")
    expect(row.locator(".flag-reviewed")).to_have_text("reviewed")
    expect(page.locator("#register .flag-reviewed")).to_have_count(1)
    shot(page, "register-reviewed")
    assert audit_count(live.store) == 2


def test_the_review_pages_pass_axe(live: Live, browser: Browser) -> None:
    """axe-core finds no serious or critical problem on the queue and on a case with its forms and audit."""
    event = event_of(live.store, "ind-arm")
    with live.store.sessions() as session:
        review_event(session, event.id, "edit", by="ana analyst", changes={"quantity": 9}, note=HOSTILE_NOTE)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        log_in(page, live, "analyst", "/review")
        paths = (
            "/review",
            f"/cases/{event.case_id}",
            f"/documents/{event.document_id}",
            f"/events/{event.id}/review",
        )
        for path in paths:
            page.goto(live.url + path)
            page.wait_for_load_state("load")
            page.locator("details.review-edit").first.evaluate("d => d.open = true")
            serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
            assert not serious, (path, serious)
            if path.startswith("/documents"):
                shot(page, "document-review")
    finally:
        context.close()
