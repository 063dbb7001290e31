"""Analyst review on the web pages: the Confirm / Reject / Edit forms on the case, article and event pages,
the POST that applies them (armswatch.review.review_event, as the logged-in analyst), and the /review queue
with keyboard shortcuts (static/review.js). The forms are plain HTML: they work without script.

A reader sees no controls and a POST from one is refused (403); nobody logged in gets 401. A form that does
not read, or an edit that breaks the contract, re-renders the event with the message (422); an event
changed since the form was loaded shows its current values (409)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from armswatch.ontology import load_ontology
from armswatch.review import (
    ReviewError,
    StaleVersion,
    audit_entries,
    load_rules,
    review_event,
    review_queue,
)
from armswatch.store import CaseRow, DocumentRow, EventRow
from armswatch.users import User
from armswatch.web.deps import get_session, writes_enabled
from armswatch.web.pages import local_target, not_found, render, require_page_read, templates

router = APIRouter(dependencies=[Depends(require_page_read)], include_in_schema=False)

QUEUE_LIMIT = 50  # the most events the /review page lists at once
MAX_NOTE = 2000  # characters of a note; a longer one is refused with a message, never cut silently
MAX_FIELD = 255  # characters of a role name or phrase (the store's actor column)
CASE_PATH = re.compile(r"^/cases/(\d{1,9})(?:[?#].*)?$")
# The audit entry's fields shown as "before -> after" (the version counter and ids say nothing to a person).
AUDIT_FIELDS = ("status", "date", "review_state", "case")
# What the forms do (moving an event to another case is the CLI's and the API's).
FORM_ACTIONS = ("confirm", "reject", "edit", "move")


# ---- who may review ---------------------------------------------------------------------------------------


def may_review(request: Request) -> bool:
    """Whether the logged-in user may review (an analyst or an admin): the pages show the controls then."""
    user: User | None = getattr(request.state, "user", None)
    return bool(user is not None and user.can("analyst"))


def refusal(request: Request) -> tuple[str, int] | None:
    """Why this request may not review, with its status (401 nobody, 403 a reader), or None."""
    user: User | None = getattr(request.state, "user", None)
    if user is None:
        if not writes_enabled(request):
            return "Reviewing is disabled: this server has no ARMSWATCH_TOKEN configured and no users.", 403
        return "Log in as an analyst to review.", 401
    if not user.can("analyst"):
        return f"Reviewing needs the analyst role; {user.name} is a {user.role}.", 403
    return None


# ---- an event as its forms show it ------------------------------------------------------------------------


@dataclass
class ReviewView:
    """What the review forms of one event show: its state and version, and its current values as text."""

    id: int
    type: str
    version: int
    state: str | None
    case_id: int | None
    document_id: int
    statuses: tuple[str, ...]
    status: str
    date: str
    has_quantity: bool
    quantity: str
    has_value: bool
    value_amount: str
    value_currency: str
    roles: list[tuple[str, str]]  # (key role, its value as text)
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _amount_text(amount: Any) -> str:
    if isinstance(amount, float) and amount.is_integer():
        amount = int(amount)
    return str(amount) if isinstance(amount, int | float) and not isinstance(amount, bool) else ""


def _role_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def review_view(event: EventRow, form: Mapping[str, str] | None = None) -> ReviewView:
    """The event's review forms, filled with its values (or, re-shown after a refused edit, with what was
    submitted, so nothing typed is lost)."""
    spec = load_ontology().event_types[event.type]
    roles = event.roles or {}
    value = roles.get("value")
    view = ReviewView(
        id=event.id,
        type=event.type,
        version=event.version or 1,
        state=event.review_state,
        case_id=event.case_id,
        document_id=event.document_id,
        statuses=spec.statuses,
        status=event.status or "",
        date=event.date_start or "",
        has_quantity="quantity" in spec.roles,
        quantity=_amount_text(roles.get("quantity")),
        has_value="value" in spec.roles,
        value_amount=_amount_text(value.get("amount")) if isinstance(value, dict) else "",
        value_currency=str(value.get("currency") or "") if isinstance(value, dict) else "",
        roles=[(role, _role_text(roles.get(role))) for role in spec.key_roles],
        reasons=load_rules().reasons,
    )
    if form and form.get("action") == "edit":
        for name in ("status", "date", "quantity", "value_amount", "value_currency"):
            if name in form:
                setattr(view, name, form[name])
        view.roles = [(role, form.get(f"role_{role}", text)) for role, text in view.roles]
    return view


# ---- reading a submitted form -----------------------------------------------------------------------------


@dataclass
class ReviewForm:
    """A review form read: what review_event is called with, and where to go afterwards."""

    action: str
    changes: dict[str, Any]
    reason: str | None
    note: str | None
    version: int | None
    next: str


def _text(form: Mapping[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _quantity(raw: str) -> int | None:
    if not raw:
        return None
    try:
        return int(raw.replace(",", "").replace("_", "").replace(" ", ""))
    except ValueError:
        raise ReviewError(f"quantity: {raw[:40]!r} is not a whole number") from None


def _amount(raw: str) -> int | float:
    cleaned = raw.replace(",", "").replace("_", "").replace(" ", "")
    try:
        amount = float(cleaned)
    except ValueError:
        raise ReviewError(f"value: {raw[:40]!r} is not a number (write 12000000, or 12,000,000)") from None
    if not math.isfinite(amount):
        raise ReviewError(f"value: {raw[:40]!r} is not a number (write 12000000, or 12,000,000)")
    return int(amount) if amount.is_integer() else amount


def edit_changes(form: Mapping[str, str], event: EventRow) -> dict[str, Any]:
    """An edit form's changes: only the fields sent that differ from the event's values now. An emptied
    field clears its value; the checks against the contract are review.checked_changes's."""
    spec = load_ontology().event_types[event.type]
    roles = event.roles or {}
    changes: dict[str, Any] = {}
    if "status" in form:
        status = _text(form, "status")
        if status and status != (event.status or ""):
            changes["status"] = status
        elif not status and event.status:
            listed = ", ".join(spec.statuses)
            raise ReviewError(
                f"status: a {event.type} event's status cannot be emptied; pick one of {listed}"
            )
    if "date" in form:
        date = _text(form, "date")
        if date != (event.date_start or ""):
            changes["date"] = date or None
    if "quantity" in form and "quantity" in spec.roles:
        quantity = _quantity(_text(form, "quantity"))
        if quantity != roles.get("quantity"):
            changes["quantity"] = quantity
    if "value_amount" in form and "value" in spec.roles:
        raw = _text(form, "value_amount")
        currency = _text(form, "value_currency").upper() or "USD"
        now = roles.get("value") if isinstance(roles.get("value"), dict) else None
        if not raw:
            if now is not None:
                changes["value"] = None
        else:
            amount = _amount(raw)
            same_currency = now is not None and str(now.get("currency") or "USD").upper() == currency
            if not (same_currency and now is not None and now.get("amount") == amount):
                changes["value"] = {"amount": amount, "currency": currency}
    lists = load_ontology().list_roles
    for role in spec.key_roles:
        name = f"role_{role}"
        if name not in form:
            continue
        text = _text(form, name)
        if len(text) > MAX_FIELD:
            raise ReviewError(f"{role}: longer than {MAX_FIELD} characters")
        if role in lists:
            names = [part.strip() for part in text.split(",") if part.strip()]
            if names != list(roles.get(role) or []):
                changes[role] = names or None
        elif text != _role_text(roles.get(role)):
            changes[role] = text or None
    if not changes:
        raise ReviewError("the edit changes nothing: change a value in the form, or confirm the event")
    return changes


def move_target(form: Mapping[str, str]) -> dict[str, Any]:
    """A move form's target: {"case": CASE_ID}, or {"case": "new"} to split the event off."""
    target = _text(form, "case")
    if target == "new":
        return {"case": "new"}
    if not (target.isascii() and target.isdigit() and 0 < len(target) < 10):
        raise ReviewError(f"case: {target[:40]!r} is not a case number (or choose 'a case of its own')")
    return {"case": int(target)}


def parse_review_form(form: Mapping[str, str], event: EventRow, default_next: str) -> ReviewForm:
    """A submitted review form, read against the event it reviews; ReviewError (422) names the field and
    what is wrong with it."""
    rules = load_rules()
    for name, value in form.items():  # PostgreSQL text cannot hold NUL: say so rather than fail on store
        if "\x00" in value:
            raise ReviewError(f"{name[:40]}: NUL characters are not allowed")
    action = _text(form, "action")
    if action not in FORM_ACTIONS:
        raise ReviewError(f"action: {action[:40]!r} is none of {', '.join(FORM_ACTIONS)}")
    version_text = _text(form, "version")
    if version_text and not (version_text.isascii() and version_text.isdigit() and len(version_text) < 10):
        raise ReviewError(f"version: {version_text[:40]!r} is not a version number")
    note = _text(form, "note")
    if len(note) > MAX_NOTE:
        raise ReviewError(f"note: {len(note)} characters, more than the {MAX_NOTE} a note may hold")
    reason = _text(form, "reason") or None
    if reason is not None and reason not in rules.reasons:
        raise ReviewError(f"reason: {reason[:40]!r} is none of {', '.join(rules.reasons)}")
    if reason is not None and action != "reject":
        reason = None  # a reason select left in a confirm or edit form says nothing
    return ReviewForm(
        action=action,
        changes=edit_changes(form, event)
        if action == "edit"
        else move_target(form)
        if action == "move"
        else {},
        reason=reason,
        note=note or None,
        version=int(version_text) if version_text else None,
        next=local_target(_text(form, "next") or default_next),
    )


def where_next(session: Session, target: str, after: dict[str, Any], event: EventRow) -> str:
    """Where to go after a review: back to the form's page, unless that was a case the review emptied (a
    rejected last report): then the event's case now, else its article."""
    match = CASE_PATH.match(target)
    if match and session.get(CaseRow, int(match.group(1))) is None:
        if after.get("case"):
            return f"/cases/{after['case']}#event-{event.id}"
        return f"/documents/{event.document_id}#event-{event.id}"
    return target


# ---- the audit trail as people read it --------------------------------------------------------------------


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict):
        if "amount" in value:
            return f"{_amount_text(value.get('amount'))} {value.get('currency') or ''}".strip()
        if "start" in value:
            return _shown(value.get("start"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def audit_changes(entry: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """An audit entry's changed fields as (field, before, after) text, for those that differ."""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    out = []
    for name in AUDIT_FIELDS:
        old, new = _shown(before.get(name)), _shown(after.get(name))
        if old != new:
            out.append((name.replace("_", " "), old, new))
    old_roles, new_roles = before.get("roles") or {}, after.get("roles") or {}
    for role in sorted(set(old_roles) | set(new_roles)):
        old, new = _shown(old_roles.get(role)), _shown(new_roles.get(role))
        if old != new:
            out.append((role.replace("_", " "), old, new))
    return out


templates.env.globals.update(may_review=may_review, review_view=review_view, audit_changes=audit_changes)


# ---- the routes -------------------------------------------------------------------------------------------


def event_context(session: Session, event: EventRow, form: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The single event page's context: the event, its article, its evidence and its audit trail."""
    return {
        "title": f"Event {event.id}",
        "event": event,
        "doc": session.get(DocumentRow, event.document_id),
        "evidence": sorted(event.evidence, key=lambda e: (e.start, e.end)),
        "view": review_view(event, form),
        "audit": audit_entries(session, event_id=event.id, limit=200),
    }


def find_event(session: Session, event_id: int) -> EventRow | None:
    return session.get(EventRow, event_id) if 0 < event_id < 2**31 else None


@router.get("/events/{event_id}/review", response_class=Response)
def event_page(event_id: int, request: Request, session: Session = Depends(get_session)) -> Response:
    """One event with its review state, its forms (analysts) and its audit trail."""
    event = find_event(session, event_id)
    if event is None:
        return not_found(request, f"There is no event {event_id}.")
    return render(request, "review_event.html", {**event_context(session, event), "next": request.url.path})


async def form_fields(request: Request) -> dict[str, str]:
    """A urlencoded or multipart form's text fields (the last of a repeated name wins)."""
    form = await request.form()
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}


@router.post("/events/{event_id}/review", response_class=Response)
def review_post(
    event_id: int,
    request: Request,
    form: dict[str, str] = Depends(form_fields),
    session: Session = Depends(get_session),
) -> Response:
    """Apply an analyst's Confirm, Reject or Edit form, then go back (303) to the page it came from."""
    refused = refusal(request)
    if refused is not None:
        message, status_code = refused
        context: dict[str, Any] = {"title": "Review refused", "message": message}
        context["next"] = local_target(form.get("next", ""))
        return render(request, "review_refused.html", context, status_code)
    event = find_event(session, event_id)
    if event is None:
        return not_found(request, f"There is no event {event_id}.")
    default_next = f"/cases/{event.case_id}" if event.case_id else f"/documents/{event.document_id}"
    user: User = request.state.user
    try:
        asked = parse_review_form(form, event, default_next)
        after = review_event(
            session,
            event.id,
            asked.action,
            by=user.name,
            changes=asked.changes or None,
            reason=asked.reason,
            note=asked.note,
            version=asked.version,
        )
    except StaleVersion:
        session.rollback()
        event = find_event(session, event_id) or event
        context = {**event_context(session, event), "stale": True}
        context["next"] = local_target(form.get("next", "") or default_next)
        return render(request, "review_event.html", context, 409)
    except ReviewError as exc:
        session.rollback()
        if exc.status == 404:
            return not_found(request, str(exc))
        event = find_event(session, event_id) or event
        context = {
            **event_context(session, event, form),
            "error": str(exc),
            "opened": form.get("action"),  # the refused form stays open, with what was typed in it
            "next": local_target(form.get("next", "") or default_next),
        }
        return render(request, "review_event.html", context, exc.status)
    return RedirectResponse(where_next(session, asked.next, after, event), status_code=303)


@router.get("/review", response_class=Response)
def queue_page(request: Request, at: str = "", session: Session = Depends(get_session)) -> Response:
    """The review queue, riskiest first: each unreviewed event with its case, quotes and article, and its
    forms; static/review.js adds the keyboard shortcuts. Analysts only."""
    refused = refusal(request)
    if refused is not None:
        message, status_code = refused
        if status_code == 401:  # a browser that is not logged in: log in, then come back
            return RedirectResponse("/login?next=/review", status_code=303)
        return render(request, "review_refused.html", {"title": "Review", "message": message}, status_code)
    items = []
    for entry in review_queue(session, limit=QUEUE_LIMIT):
        event = find_event(session, entry["event"])
        if event is None:
            continue
        items.append(
            {
                **entry,
                "row": event,
                "view": review_view(event),
                "evidence": sorted(event.evidence, key=lambda e: (e.start, e.end)),
            }
        )
    focus = int(at) if at.isascii() and at.isdigit() and len(at) < 6 else 0
    context = {"title": "Review", "items": items, "focus": min(focus, max(len(items) - 1, 0))}
    return render(request, "review.html", context)
