"""Analyst review: confirm, reject or edit what the machine read, with an append-only audit trail.

A decision is kept by the evidence it was made on (document, evidence spans, type, key roles as the machine
read them): when a reprocess or a new extractor re-creates the events of a document, each decision
re-attaches to the event read from the same words with the same key roles, or is marked orphaned for a
person to look at. It never moves to another event silently."""

from __future__ import annotations

import json
import math
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from armswatch.fuse import Fuser, drop_empty_cases, new_case
from armswatch.normalise import to_usd
from armswatch.ontology import DataError, load_ontology, read_data
from armswatch.query import is_partial_date
from armswatch.store import (
    AuditRow,
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    ReviewDecisionRow,
)

SYSTEM = "armswatch"  # who the audit names for what the machine does (re-attaching, orphaning)
ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STATES = {"confirm": "confirmed", "reject": "rejected", "edit": "edited", "move": "edited"}


class ReviewError(ValueError):
    """A review that cannot be done; status is the HTTP status that says why."""

    status = 422


class UnknownEvent(ReviewError):
    status = 404


class StaleVersion(ReviewError):
    """Someone changed the event since the reviewer loaded it: current holds its values now."""

    status = 409

    def __init__(self, message: str, current: dict[str, Any]) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True)
class ReviewRules:
    actions: tuple[str, ...]
    reasons: tuple[str, ...]
    fields: tuple[str, ...]
    queue_weights: dict[str, float]


@lru_cache(maxsize=1)
def load_rules() -> ReviewRules:
    raw = read_data("review.yaml")
    try:
        rules = ReviewRules(
            actions=tuple(str(a) for a in raw["actions"]),
            reasons=tuple(str(r) for r in raw["reasons"]),
            fields=tuple(str(f) for f in raw["fields"]),
            queue_weights={str(k): float(v) for k, v in raw["queue_weights"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"review.yaml: malformed ({exc})") from exc
    if set(rules.actions) != set(STATES):
        raise DataError(f"review.yaml: actions must be {', '.join(STATES)}")
    return rules


# ---- what an event is, and what it was read as -----------------------------------------------------------


def event_state(event: EventRow) -> dict[str, Any]:
    """An event as a review shows and records it (the audit's before and after)."""
    return {
        "event": event.id,
        "type": event.type,
        "status": event.status,
        "roles": dict(event.roles or {}),
        "date": {"start": event.date_start, "end": event.date_end},
        "review_state": event.review_state,
        "version": event.version,
        "case": event.case_id,
    }


def anchor_of(event: EventRow) -> dict[str, Any]:
    """What a decision is tied to: the event's type, evidence spans and key roles as the machine read them."""
    spec = load_ontology().event_types[event.type]
    roles = event.roles or {}
    return {
        "type": event.type,
        "spans": sorted([e.start, e.end] for e in event.evidence),
        "key_roles": {role: roles.get(role) for role in spec.key_roles},
    }


def _overlap(spans: list[list[int]], others: list[list[int]]) -> int:
    return sum(max(0, min(a[1], b[1]) - max(a[0], b[0])) for a in spans for b in others)


# ---- checking an edit -------------------------------------------------------------------------------------


def checked_changes(event: EventRow, changes: dict[str, Any]) -> dict[str, Any]:
    """An edit's changes, checked against the contract (the event type's roles and statuses, a date, a
    positive quantity, a value with an amount and a currency); ReviewError names what is wrong."""
    if not changes:
        raise ReviewError("an edit needs at least one change")
    spec = load_ontology().event_types[event.type]
    lists = load_ontology().list_roles
    allowed = set(spec.roles) | set(load_rules().fields)
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in allowed:
            raise ReviewError(
                f"'{field}' is no role of a {event.type} event (it has {', '.join(sorted(allowed))})"
            )
        if field == "status":
            if value not in spec.statuses:
                known = ", ".join(spec.statuses) or "none"
                raise ReviewError(f"status '{value}' is not one of a {event.type} event's statuses ({known})")
        elif field == "date":
            if value is not None and not (isinstance(value, str) and ISO_PREFIX.match(value)):
                raise ReviewError(f"date '{value}' is not YYYY, YYYY-MM or YYYY-MM-DD")
        elif field == "quantity":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
                raise ReviewError(f"quantity '{value}' is not a positive whole number")
        elif field == "value":
            value = _checked_value(value, event)
        elif field in lists:
            if not (
                isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
            ):
                raise ReviewError(f"'{field}' is a list of names")
            value = [v.strip() for v in value]
        elif value is not None:
            if not isinstance(value, str) or not value.strip():
                raise ReviewError(f"'{field}' is a name or a phrase, not {value!r}")
            value = value.strip()
        out[field] = value
    return out


def _checked_value(value: Any, event: EventRow) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"amount": value, "currency": "USD"}
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("amount"), int | float)
        or value["amount"] <= 0
    ):
        raise ReviewError(
            'value is a positive amount with a currency: {"amount": 12000000, "currency": "EUR"}'
        )
    currency = str(value.get("currency") or "USD").upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ReviewError(f"currency '{currency}' is not a three-letter code")
    usd = to_usd(float(value["amount"]), currency, event.date_start)
    return {"amount": value["amount"], "currency": currency, "usd": usd}


WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
AMOUNT = re.compile(r"^(?P<amount>\d+(?:\.\d+)?)(?:\s+(?P<currency>\S+))?$")


# An analyst's names go into the case's columns and its fusion key (events.fuse_key, cases.case_key: 512
# characters for the type and every key role): a name stays well inside both, and so do a list's names.
MAX_NAME = 120
MAX_NAMES = 400  # the names of one list role (parties, participants) together
MAX_QUANTITY = 2**31 - 1  # cases.quantity is a 32-bit integer on PostgreSQL
MAX_AMOUNT = 1e15  # no arms deal is worth a quadrillion: a larger amount is a slip, and overflows to_usd


def input_problem(changes: dict[str, Any] | None, **texts: str | None) -> str | None:
    """What makes a review's input unstorable, before the contract check: a NUL character (PostgreSQL text
    cannot hold it), a name longer than the case's columns and fusion key hold, a number that is not
    finite or is too large for its column, a date of no real day or month, an item category the
    ontology does not know (cases.category holds only those). texts are the other strings given (note,
    reason), by name. None when the input can be stored."""

    def problem(where: str, value: Any) -> str | None:
        if isinstance(value, str):
            if "\x00" in value:
                return f"{where}: NUL characters are not allowed"
            if where.startswith("changes") and len(value) > MAX_NAME:
                return f"{where}: longer than {MAX_NAME} characters"
        elif isinstance(value, float) and not math.isfinite(value):
            return f"{where}: {value} is not a finite number"
        elif isinstance(value, int | float) and not isinstance(value, bool):
            limit = MAX_QUANTITY if where == "changes.quantity" else MAX_AMOUNT
            if abs(value) > limit:
                return f"{where}: {value} is too large (at most {limit:,.0f})"
        elif isinstance(value, dict):
            for key, item in value.items():
                found = problem(f"{where}.{key}", key) or problem(f"{where}.{key}", item)
                if found:
                    return found
        elif isinstance(value, list):
            if sum(len(v) for v in value if isinstance(v, str)) > MAX_NAMES:
                return f"{where}: the names together are longer than {MAX_NAMES} characters"
            return next((p for p in (problem(where, item) for item in value) if p), None)
        return None

    changes = changes or {}
    found = problem("changes", changes)
    date, category = changes.get("date"), changes.get("item_category")
    if not found and isinstance(date, str) and ISO_PREFIX.match(date) and not is_partial_date(date):
        found = f"changes.date: '{date}' is no real day or month"  # 2024-13-45 would break fusion's dates
    categories = load_ontology().item_categories
    if not found and isinstance(category, str) and category not in categories:
        found = f"changes.item_category: '{category}' is none of {', '.join(sorted(categories))}"
    for name, text in texts.items():
        found = found or problem(name, text)
    return found


def changes_from_options(options: list[str]) -> dict[str, Any]:
    """An edit's changes from the CLI's `--set ROLE=VALUE` options, typed as the API's JSON would be:
    quantity a whole number, value "12000000 EUR" (or a number, in USD), list roles (parties,
    participants) comma-separated, an empty value removes the role, the rest strings. Only the shape is
    read here; review_event checks the changes against the contract. ReviewError names a malformed one."""
    lists = load_ontology().list_roles
    changes: dict[str, Any] = {}
    for option in options:
        field, sep, raw = option.partition("=")
        field, raw = field.strip(), raw.strip()
        if not sep or not field:
            raise ReviewError(f"--set {option!r} is not ROLE=VALUE (for example quantity=12)")
        if field in changes:
            raise ReviewError(f"--set {field} is given twice")
        value: Any = raw
        if not raw:
            value = None
        elif field == "quantity" and WHOLE_NUMBER.match(raw):
            value = int(raw)  # anything else stays text: the contract check says what is wrong with it
        elif field == "value":
            matched = AMOUNT.match(raw.replace(",", "").replace("_", ""))
            if matched is None:
                raise ReviewError(
                    f"--set value={raw!r} is not an amount with a currency (value=12000000 EUR)"
                )
            amount = float(matched["amount"])
            number: int | float = int(amount) if amount.is_integer() else amount
            value = {"amount": number, "currency": matched["currency"] or "USD"}
        elif field in lists:
            value = [part.strip() for part in raw.split(",") if part.strip()]
        changes[field] = value
    return changes


# ---- applying decisions -----------------------------------------------------------------------------------


def target_case(session: Session, event: EventRow, target: Any) -> int:
    """The case a move puts the event in: an existing case of its type, or "new" (a case of its own:
    splitting it off its case)."""
    if target == "new":
        case = new_case(
            session, f"manual|{event.type}|{event.id}|{datetime.now(UTC).isoformat()}", event.type
        )
        session.flush()
        return case.id
    if isinstance(target, bool) or not isinstance(target, int):
        raise ReviewError('a move needs {"case": CASE_ID} or {"case": "new"}')
    found = session.get(CaseRow, target) if 0 < target < 2**31 else None
    if found is None:
        raise ReviewError(f"there is no case {target}")
    if found.type != event.type:
        raise ReviewError(f"case {target} is a {found.type} case; event {event.id} is a {event.type}")
    return found.id


def decided_state(decision: ReviewDecisionRow) -> str:
    """Where a decision leaves its event: rejected; else edited while it holds changes (so they keep
    winning over the machine's values, confirmed or not); else confirmed."""
    if decision.action == "reject":
        return "rejected"
    return "edited" if decision.changes else "confirmed"


def _apply(session: Session, event: EventRow, action: str, changes: dict[str, Any] | None) -> None:
    """Put a decision on an event: its changes on the roles, status and date, and its review state."""
    roles = dict(event.roles or {})
    touched_roles = []
    for field, value in (changes or {}).items():
        if field == "case":  # moved there by an analyst: fusion leaves it in that case
            event.pinned_case_id = value
        elif field == "status":
            event.status = value
        elif field == "date":
            event.date_start = value
        else:
            touched_roles.append(field)
            if value is None:
                roles.pop(field, None)
            else:
                roles[field] = value
    event.roles = roles
    for role in touched_roles:  # the timeline and filters read who has which role from event_actors
        session.execute(
            delete(EventActorRow).where(EventActorRow.event_id == event.id, EventActorRow.role == role)
        )
        value = roles.get(role)
        if role in ("item", "item_category", "quantity", "value", "topic", "purpose", "personnel"):
            continue
        for name in value if isinstance(value, list) else [value] if value else []:
            entity = session.scalar(select(EntityRow.id).where(EntityRow.name == name).limit(1))
            session.add(EventActorRow(event_id=event.id, role=role, name=name[:255], entity_id=entity))
    event.review_state = STATES[action]


def audit(
    session: Session,
    by: str,
    action: str,
    *,
    event_id: int | None = None,
    case_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
    reason: str | None = None,
) -> AuditRow:
    """Append one entry to the audit trail (the only way the app writes it: there is no update or delete)."""
    row = AuditRow(
        at=datetime.now(UTC),
        by=by,
        event_id=event_id,
        case_id=case_id,
        action=action,
        reason=reason,
        before=before,
        after=after,
        note=note,
    )
    session.add(row)
    return row


def review_event(
    session: Session,
    event_id: int,
    action: str,
    *,
    by: str,
    changes: dict[str, Any] | None = None,
    reason: str | None = None,
    note: str | None = None,
    version: int | None = None,
    fuser: Fuser | None = None,
) -> dict[str, Any]:
    """Confirm, reject or edit an event as `by`; the case it was in (and any it joins) is recomputed, a case
    left with no event disappears, and the audit trail gets the values before and after. With version, the
    event must still be at that version (else StaleVersion with its current values). Commits."""
    rules = load_rules()
    if action not in rules.actions:
        raise ReviewError(f"action '{action}' is none of {', '.join(rules.actions)}")
    problem = input_problem(changes if action == "edit" else None, note=note, reason=reason)
    if problem:  # every way in (pages, API, CLI) gets the same checks before anything is read or written
        raise ReviewError(problem)
    event = session.get(EventRow, event_id) if 0 < event_id < 2**31 else None
    if event is None:
        raise UnknownEvent(f"no event {event_id}")
    if version is not None and version != event.version:
        raise StaleVersion(
            f"event {event_id} changed since version {version} (it is at version {event.version})",
            event_state(event),
        )
    if action == "reject":
        reason = reason or "other"
        if reason not in rules.reasons:
            raise ReviewError(f"reason '{reason}' is none of {', '.join(rules.reasons)}")
    elif reason is not None:
        raise ReviewError("a reason goes with a rejection only")
    if action == "move":
        checked = {"case": target_case(session, event, (changes or {}).get("case"))}
    else:
        checked = checked_changes(event, changes or {}) if action == "edit" else {}
        if action != "edit" and changes:
            raise ReviewError("changes go with an edit only")
    before = event_state(event)
    decision = session.scalar(select(ReviewDecisionRow).where(ReviewDecisionRow.event_id == event.id))
    if decision is None:
        decision = ReviewDecisionRow(
            document_id=event.document_id, event_id=event.id, anchor=anchor_of(event), changes={}
        )
        session.add(decision)
    # an edit adds to earlier edits; a later confirm or reject keeps them
    decision.changes = {**(decision.changes or {}), **checked}
    decision.action, decision.reason, decision.note = action, reason, note
    decision.by, decision.at, decision.orphaned = by, datetime.now(UTC), False
    _apply(session, event, action, checked)
    event.review_state = decided_state(decision)
    current = event.version or 1
    # the version moves only if it is still the one read: of two analysts saving at once, one wins and the
    # other gets StaleVersion, whatever the database's locking (a conditional UPDATE, not read-then-write)
    bumped = session.execute(
        update(EventRow)
        .where(EventRow.id == event.id, EventRow.version == current)
        .values(version=current + 1)
        .execution_options(synchronize_session=False)
    )
    if bumped.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        fresh = session.get(EventRow, event_id)
        state = event_state(fresh) if fresh is not None else {}
        raise StaleVersion(f"event {event_id} changed while it was being saved", state)
    event.version = current + 1
    session.flush()
    old_case = before["case"]
    (fuser or Fuser()).fuse_document(session, event.document_id, [old_case] if old_case else [])
    drop_empty_cases(session)
    session.flush()
    after = event_state(event)
    audit(
        session, by, action, event_id=event.id, case_id=after["case"] or old_case, before=before, after=after,
        note=note, reason=reason,
    )  # fmt: skip
    session.commit()
    return after


# ---- surviving a reprocess --------------------------------------------------------------------------------


def reattach_decisions(session: Session, document_id: int) -> tuple[int, int]:
    """After a document's events were re-created: put each decision on the new event read from the same
    words (same type and key roles, overlapping evidence; the most overlap wins), or mark it orphaned. Runs
    before fusion, so rejected events stay out of cases. Returns (re-attached, orphaned)."""
    decisions = list(
        session.scalars(select(ReviewDecisionRow).where(ReviewDecisionRow.document_id == document_id))
    )
    if not decisions:
        return 0, 0
    events = list(session.scalars(select(EventRow).where(EventRow.document_id == document_id)))
    anchors = {e.id: anchor_of(e) for e in events}
    taken: set[int] = set()
    attached = orphaned = 0
    for decision in sorted(decisions, key=lambda d: d.id):
        anchor = decision.anchor or {}
        best, best_overlap = None, 0
        for event in events:
            mine = anchors[event.id]
            if event.id in taken or mine["type"] != anchor.get("type"):
                continue
            if mine["key_roles"] != anchor.get("key_roles"):
                continue
            overlap = _overlap(mine["spans"], anchor.get("spans") or [])
            if overlap > best_overlap:
                best, best_overlap = event, overlap
        was = decision.event_id
        if best is None:
            if not decision.orphaned:
                audit(
                    session, SYSTEM, "orphaned", event_id=was, note="no re-read event has the same evidence"
                )
            decision.event_id, decision.orphaned = None, True
            orphaned += 1
            continue
        taken.add(best.id)
        decision.event_id, decision.orphaned = best.id, False
        _apply(session, best, decision.action, decision.changes)
        best.review_state = decided_state(decision)
        audit(
            session, SYSTEM, "reattached", event_id=best.id, note=f"decision {decision.id} (was event {was})"
        )
        attached += 1
    session.flush()
    return attached, orphaned


def orphaned_decisions(session: Session) -> list[dict[str, Any]]:
    """Decisions whose event a reprocess did not re-create: for a person to look at."""
    rows = session.execute(
        select(ReviewDecisionRow, DocumentRow.doc_key)
        .join(DocumentRow, ReviewDecisionRow.document_id == DocumentRow.id)
        .where(ReviewDecisionRow.orphaned.is_(True))
        .order_by(ReviewDecisionRow.id)
    ).all()
    return [
        {
            "decision": d.id,
            "document": d.document_id,
            "document_key": key,
            "action": d.action,
            "changes": d.changes,
            "anchor": d.anchor,
            "by": d.by,
            "at": d.at.isoformat() if d.at else None,
            "note": d.note,
        }
        for d, key in rows
    ]


# ---- reading the trail and the queue ----------------------------------------------------------------------


def audit_entries(
    session: Session,
    *,
    event_id: int | None = None,
    case_id: int | None = None,
    by: str | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """The audit trail, newest first, by event, case or person."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if event_id is not None:
        query = query.where(AuditRow.event_id == event_id)
    if case_id is not None:
        query = query.where(AuditRow.case_id == case_id)
    if by is not None:
        query = query.where(AuditRow.by == by)
    return [
        {
            "id": row.id,
            "at": row.at.isoformat() if row.at else None,
            "by": row.by,
            "event": row.event_id,
            "case": row.case_id,
            "action": row.action,
            "reason": row.reason,
            "before": row.before,
            "after": row.after,
            "note": row.note,
        }
        for row in session.scalars(query)
    ]


def risk(case: CaseRow, confidence: float | None) -> float:
    """How much a case needs a human, by review.yaml's weights (newest first among equals)."""
    weights = load_rules().queue_weights
    score = 0.0
    if case.contested:
        score += weights["contested"]
    if (case.n_origins or 0) < 2:
        score += weights["single_source"]
    if case.state_media_only:
        score += weights["state_media_only"]
    if confidence is not None:
        score += weights["low_confidence"] * (1 - confidence)
    if (case.value_usd or 0) >= 100_000_000:
        score += weights["large_value"]
    return score


def review_queue(session: Session, limit: int = 50) -> list[dict[str, Any]]:
    """Unreviewed events of the register's cases, the riskiest case first (contested, single source or
    state media only, low confidence, large value, then newest), each case's events together."""
    rows = session.execute(
        select(EventRow, CaseRow, DocumentRow)
        .join(CaseRow, EventRow.case_id == CaseRow.id)
        .join(DocumentRow, EventRow.document_id == DocumentRow.id)
        .where(EventRow.review_state.is_(None))
    ).all()
    scored = []
    for event, case, doc in rows:
        confidence = getattr(event, "confidence", None)
        scored.append((-risk(case, confidence), _newest(case), case.id, event.id, event, case, doc))
    scored.sort(key=lambda item: item[:4])
    out = []
    for negative, _, _, _, event, case, doc in scored[:limit]:
        out.append(
            {
                **event_state(event),
                "risk": round(-negative, 3),
                "case_label": f"{case.supplier or '?'} → {case.recipient or '?'}: {case.item or case.type}",
                "contested": case.contested,
                "origins": case.n_origins,
                "document": doc.id,
                "document_title": doc.title,
                "outlet": doc.outlet,
                "published": doc.published,
            }
        )
    return out


def _newest(case: CaseRow) -> str:
    """A sort key that puts the most recently reported first."""
    reported = case.last_reported or ""
    return "".join(chr(0x10FFFF - ord(c)) for c in reported)


# ---- the team's decisions as gold -------------------------------------------------------------------------


def gold_record(doc: DocumentRow, events: list[EventRow]) -> dict[str, Any]:
    """A document's events as a gold file in the shared scorer's format: what the machine read with the
    analysts' edits on it, rejected events left out."""
    out = []
    for event in events:
        if event.review_state == "rejected":
            continue
        gold: dict[str, Any] = {
            "id": f"event-{event.id}",
            "type": event.type,
            "roles": dict(event.roles or {}),
        }
        if event.status:
            gold["status"] = [event.status]
        if event.date_start:
            gold["date"] = {"start": [event.date_start]}
        gold["attributions"] = [
            {"source": a.source, "stance": [a.stance]} for a in sorted(event.attributions, key=lambda a: a.id)
        ]
        if event.review_state:
            gold["review_state"] = event.review_state
        out.append(gold)
    return {
        "doc": {"id": doc.doc_key, "outlet": doc.outlet, "published": doc.published},
        "notes": "Written by armswatch export --format gold from the analysts' review decisions.",
        "events": out,
    }


def reviewed_documents(session: Session, reviewed_only: bool = True) -> list[DocumentRow]:
    """The documents with at least one reviewed event (or, without reviewed_only, every document)."""
    query = select(DocumentRow).order_by(DocumentRow.id)
    if reviewed_only:
        reviewed = select(EventRow.document_id).where(EventRow.review_state.is_not(None))
        decided = select(ReviewDecisionRow.document_id)
        query = query.where(DocumentRow.id.in_(reviewed) | DocumentRow.id.in_(decided))
    return list(session.scalars(query))


def write_gold(session: Session, folder: Path, *, reviewed_only: bool = True) -> int:
    """Write each (reviewed) document as DOC.gold.json, DOC.txt and DOC.meta.json into folder, the layout
    ../shared/tools/score.py and `make eval` read; returns how many documents."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for doc in reviewed_documents(session, reviewed_only):
        name = re.sub(r"[^\w.-]+", "_", doc.doc_key)[:120] or f"document-{doc.id}"
        events = list(
            session.scalars(select(EventRow).where(EventRow.document_id == doc.id).order_by(EventRow.id))
        )
        record = gold_record(doc, events)
        record["doc"]["id"] = name
        (folder / f"{name}.gold.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        (folder / f"{name}.txt").write_text(doc.text, encoding="utf-8")
        meta = {"outlet": doc.outlet, "published": doc.published, "url": doc.url, "title": doc.title}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        written += 1
    return written


def score_reviewed(session: Session, extract: Any) -> dict[str, Any]:
    """Precision, recall and F1 of an extractor (extract: documents -> records) on the reviewed documents,
    against the team's decisions."""
    from armswatch.evaluation import corpus_documents
    from armswatch.scoring import score_records

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not write_gold(session, folder, reviewed_only=True):
            return {"documents": 0}
        records = [r.to_dict() for r in extract(corpus_documents(folder))]
        summary, _ = score_records(records, folder)
    return summary
