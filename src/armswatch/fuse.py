"""Fuse: events from different documents that report the same deal, agreement, financing, exercise,
deployment, combat use, clash or meeting become one case, with its sources, independent origins,
best-supported values and (for transfers) its status history. Recomputed incrementally on ingest."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, load_only

from armswatch.gazetteer import Gazetteer, load_gazetteer
from armswatch.ontology import load_ontology
from armswatch.store import AttributionRow, CaseRow, DocumentRow, EntityRow, EventRow

LIST_ROLES = load_ontology().list_roles  # roles that hold a list of sides, as the ontology says
# Events of these types recur between the same parties: the year keeps them apart.
DATED_TYPES = ("agreement", "exercise", "clash", "meeting", "combat_use", "deployment")
# Reports of one transfer span its life (intent to delivery); further apart than this they are new deals.
DEAL_ERA_YEARS = 6


LIGHT_DOCUMENT = (
    DocumentRow.id,
    DocumentRow.doc_key,
    DocumentRow.published,
    DocumentRow.outlet,
    DocumentRow.duplicate_of,
)


@dataclass(frozen=True)
class CaseKey:
    type: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        return "|".join((self.type, *self.parts))


@lru_cache(maxsize=1)
def _media_index() -> dict[str, tuple[bool, str | None]]:
    """Outlet name or alias (lower case) -> (state_affiliated, country)."""
    gaz: Gazetteer = load_gazetteer()
    out: dict[str, tuple[bool, str | None]] = {}
    for entry in gaz.entries.values():
        if entry.type == "media":
            for name in (entry.name, *entry.aliases):
                out[name.lower()] = (entry.state_affiliated, entry.country)
    return out


def outlet_voice(outlet: str | None) -> tuple[bool, str | None]:
    """Whether an outlet speaks for a government, and which: by its name or any alias inside it."""
    if not outlet:
        return False, None
    index = _media_index()
    low = outlet.lower()
    if low in index:
        return index[low]
    for name, voice in index.items():
        # a whole-word match ("RIA Novosti English"), never a part of a word ("Kansas" holds "ansa")
        if len(name) > 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low):
            return voice
    return False, None


class Fuser:
    def __init__(self) -> None:
        self.ontology = load_ontology()
        self._countries: dict[str, str | None] = {}

    def party_key(self, session: Session, name: str) -> str:
        """A company or person acts for its home state in a case key; a state is its own key."""
        if name not in self._countries:
            row = session.execute(
                select(EntityRow.type, EntityRow.country).where(EntityRow.name == name).limit(1)
            ).first()
            self._countries[name] = row[1] if row and row[0] in ("company", "country") and row[1] else None
        return self._countries[name] or name

    def item_key(self, roles: dict[str, Any]) -> str:
        item = str(roles.get("item") or "")
        gaz = load_gazetteer()
        if f"weapon_system:{item}" in gaz.entries:
            return item
        return f"category:{roles.get('item_category') or 'other'}"

    def key_of(self, session: Session, event: EventRow, published: str | None) -> CaseKey | None:
        spec = self.ontology.event_types.get(event.type)
        if spec is None:
            return None
        roles = event.roles or {}
        parts: list[str] = []
        for role in spec.key_roles:
            value = roles.get(role)
            if value in (None, "", []):
                return None
            if role in LIST_ROLES:
                parts.append("+".join(sorted({self.party_key(session, v) for v in value})))
            elif role == "item":
                parts.append(self.item_key(roles))
            else:
                parts.append(self.party_key(session, str(value)))
        if event.type in DATED_TYPES:
            year = (event.date_start or published or "")[:4]
            parts.append(year or "undated")
        return CaseKey(event.type, tuple(parts))

    def compatible_key(
        self, session: Session, key: CaseKey, event: EventRow, published: str | None
    ) -> CaseKey:
        """Same parties and item, but dated years apart, is another deal ("bought S-400s in 2017",
        "orders more S-400s in 2025"): such a report opens (or joins) a case of its own era."""
        when = (event.date_start or published or "")[:4]
        if event.type in DATED_TYPES or not when.isdigit():
            return key
        case = session.scalar(select(CaseRow).where(CaseRow.case_key == str(key)))
        if case is None:
            return key
        anchor = (case.order_date or case.first_reported or "")[:4]
        if anchor.isdigit() and abs(int(anchor) - int(when)) > DEAL_ERA_YEARS:
            return CaseKey(key.type, (*key.parts, f"era:{int(when) // DEAL_ERA_YEARS * DEAL_ERA_YEARS}"))
        return key

    def fuse_document(self, session: Session, document_id: int) -> set[int]:
        """Attach a document's events to their cases and recompute those cases; returns the case ids."""
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            return set()
        touched: set[int] = set()
        for event in doc.events:
            key = self.key_of(session, event, doc.published)
            if key is None:
                continue
            key = self.compatible_key(session, key, event, doc.published)
            case = session.scalar(select(CaseRow).where(CaseRow.case_key == str(key)))
            if case is None:
                case = CaseRow(
                    case_key=str(key),
                    type=event.type,
                    parties=[],
                    delivery_dates=[],
                    best={},
                    status_history=[],
                )
                session.add(case)
                session.flush()
            if event.case_id not in (None, case.id):
                touched.add(event.case_id)
            event.case_id = case.id
            touched.add(case.id)
        session.flush()
        for case_id in touched:
            self.recompute(session, case_id)
        return touched

    def recompute(self, session: Session, case_id: int) -> None:
        case = session.get(CaseRow, case_id)
        if case is None:
            return
        rows = session.execute(
            select(EventRow, DocumentRow)
            .join(DocumentRow, EventRow.document_id == DocumentRow.id)
            .where(EventRow.case_id == case_id)
            .options(load_only(*LIGHT_DOCUMENT))  # never the article texts
        ).all()
        if not rows:
            session.delete(case)
            return
        docs = {d.id: d for _, d in rows}
        attributions = session.scalars(
            select(AttributionRow).where(AttributionRow.event_id.in_([e.id for e, _ in rows]))
        ).all()
        vouched = {a.event_id for a in attributions if a.stance != "denied"}
        # A report that only denies the event tells us nothing about its stage, size or dates.
        all_events = [e for e, _ in rows]
        events = [e for e in all_events if e.id in vouched] or all_events
        first = events[0].roles
        case.supplier = (
            first.get("supplier") or first.get("provider") or first.get("sender") or first.get("user")
        )
        case.recipient = first.get("recipient") or first.get("beneficiary") or first.get("destination")
        case.item = first.get("item")
        case.category = first.get("item_category")
        case.parties = sorted({p for e in events for r in LIST_ROLES for p in (e.roles.get(r) or [])})
        spec = self.ontology.event_types[case.type]
        statuses = [e.status for e in events if e.status in spec.statuses]
        case.status = max(statuses, key=spec.status_rank) if statuses else None
        published = sorted(d.published for d in docs.values() if d.published)
        case.first_reported = published[0] if published else None
        case.last_reported = published[-1] if published else None
        case.n_sources = len(docs)
        origins = {self.origin_of(d, session) for d in docs.values()}
        case.n_origins = len(origins)
        case.state_media_only = bool(origins) and all(o.startswith("state:") for o in origins)
        case.contested = any(a.stance == "denied" for a in attributions)
        case.best = self.best_values(events, docs)
        case.quantity = case.best.get("quantity", {}).get("value")
        case.value_usd = case.best.get("value_usd", {}).get("value")
        case.status_history = self.status_history(events, docs, spec.statuses)
        orders = [h["date"] for h in case.status_history if h["status"] == "order" and h["date"]]
        case.order_date = orders[0] if orders else None
        # the deal's own dates only: a report's publication day is when it was told, not when it happened
        case.delivery_dates = sorted(
            {e.date_start for e in events if e.status == "delivery" and e.date_start}
        )

    def origin_of(self, doc: DocumentRow, session: Session) -> str:
        """Independent origin: wire copies collapse to their original; one government's media is one voice."""
        root = doc
        if doc.duplicate_of is not None:
            root = session.get(DocumentRow, doc.duplicate_of, options=[load_only(*LIGHT_DOCUMENT)]) or doc
        state, country = outlet_voice(root.outlet)
        if state and country:
            return f"state:{country}"
        if root.outlet:
            return f"outlet:{root.outlet.lower()}"
        return f"doc:{root.id}"

    def best_values(self, events: list[EventRow], docs: dict[int, DocumentRow]) -> dict[str, Any]:
        """The most often reported quantity, value and date, with the documents behind each."""
        best: dict[str, Any] = {}
        for field, getter in (
            ("quantity", lambda e: e.roles.get("quantity")),
            ("value_usd", lambda e: (e.roles.get("value") or {}).get("usd")),
            ("date", lambda e: e.date_start),
        ):
            votes: Counter[Any] = Counter()
            sources: dict[Any, set[str]] = {}
            for event in events:
                value = getter(event)
                if value in (None, ""):
                    continue
                votes[value] += 1
                sources.setdefault(value, set()).add(docs[event.document_id].doc_key)
            if votes:
                value, _ = max(votes.items(), key=lambda kv: (kv[1], str(kv[0])))
                best[field] = {"value": value, "sources": sorted(sources[value])}
        return best

    def status_history(
        self, events: list[EventRow], docs: dict[int, DocumentRow], statuses: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """For a transfer: each stage reached (intent -> offer -> order -> delivery), when and who said so."""
        history: list[dict[str, Any]] = []
        for status in statuses:
            reached = [e for e in events if e.status == status]
            if not reached:
                continue

            def when(e: EventRow) -> str:
                return e.date_start or docs[e.document_id].published or "9999"

            earliest = min(reached, key=when)
            history.append(
                {
                    "status": status,
                    "date": earliest.date_start,  # when the stage was reached, as the text dates it
                    "reported": docs[earliest.document_id].published,
                    "source": docs[earliest.document_id].doc_key,
                }
            )
        return history


def unlink_document(session: Session, document_id: int) -> set[int]:
    """Detach a document's events from their cases (before its events are replaced); returns case ids."""
    case_ids = set(
        session.scalars(
            select(EventRow.case_id).where(EventRow.document_id == document_id, EventRow.case_id.is_not(None))
        )
    )
    return {c for c in case_ids if c is not None}


def drop_empty_cases(session: Session) -> None:
    session.execute(delete(CaseRow).where(~CaseRow.events.any()))
