"""Serve: read the register, one case with its evidence, actors by name or alias, an actor's cases and
timeline, and articles, from the store. The one query layer the CLI, the REST API and the pages call."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from sqlalchemy import Select, and_, func, literal, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from armswatch.ontology import load_ontology
from armswatch.store import (
    AttributionRow,
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    MentionRow,
    entity_aliases,
)

# What every register or export row ends with: when it was reported, by how many, who denied it, its sources.
REGISTER_TAIL = (
    "first_reported",
    "last_reported",
    "sources",
    "origins",
    "contested",
    "denied_by",
    "stances",
    "state_media_only",
    "confidence",
    "reviewed",
    "source_list",
)
REGISTER_COLUMNS = (
    "case",
    "supplier",
    "recipient",
    "maker",
    "item",
    "category",
    "quantity",
    "order_date",
    "delivery_dates",
    "value_usd",
    "status",
    *REGISTER_TAIL,
)


# The kinds of entity that can be a side of an event (the others are places, systems and outlets).
ACTOR_TYPES = ("country", "company", "organization", "person", "armed_group")
# What the register shows in a terminal unless --columns asks for others.
REGISTER_DEFAULT_COLUMNS = (
    "case",
    "supplier",
    "recipient",
    "maker",
    "item",
    "quantity",
    "status",
    "order_date",
    "delivery_dates",
    "value_usd",
    "sources",
    "contested",
    "denied_by",
    "confidence",
    "reviewed",
)


@dataclass
class RegisterFilters:
    supplier: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    type: str = "transfer"
    status: str | None = None
    since: str | None = None  # report dates: when the case's articles were published
    until: str | None = None
    contested: bool | None = None
    deal_since: str | None = None  # the deal's own dates: when its reports say it was ordered, delivered...
    deal_until: str | None = None
    undated: bool = True  # a date filter keeps the cases that lack the date it asks for
    min_confidence: float | None = None  # cases at least this likely right (armswatch.confidence), 0..1
    reviewed: bool | None = None  # cases an analyst confirmed or corrected an event of (armswatch.review)


def _like(column: Any, value: str) -> Any:
    return func.lower(column).contains(value.lower(), autoescape=True)  # "%" and "_" match themselves


def end_of_period(date: str) -> str:
    """ "2023" -> "2023-12-31", "2023-05" -> "2023-05-31": an inclusive upper bound for date strings."""
    return {4: f"{date}-12-31", 7: f"{date}-31"}.get(len(date), date)


REGISTER_SORTS: dict[str, Any] = {
    "case": CaseRow.id,
    "supplier": CaseRow.supplier,
    "recipient": CaseRow.recipient,
    "maker": CaseRow.maker,
    "item": CaseRow.item,
    "category": CaseRow.category,
    "status": CaseRow.status,
    "value_usd": CaseRow.value_usd,
    "sources": CaseRow.n_sources,
    "first_reported": CaseRow.first_reported,
    "last_reported": CaseRow.last_reported,
    "quantity": CaseRow.quantity,
    "confidence": CaseRow.confidence,
}
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EXPORT_LIMIT = 100_000  # the most rows one download of the register holds


def fields_of(cls: type) -> list[str]:
    return [f.name for f in dataclass_fields(cls)]


def is_partial_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day ("2024-13-45" is not one)."""
    if not re.fullmatch(DATE_PATTERN, value):
        return False
    year, month, day = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def register_value_problem(name: str, value: str, event_type: str = "transfer") -> str | None:
    """What is wrong with one register filter value, in words a person can act on, or None. The one check
    behind the API's 422 and the register page's messages (status is checked against event_type's stages)."""
    ontology = load_ontology()
    if name in ("since", "until", "deal_since", "deal_until"):
        if not is_partial_date(value):
            return f"{name}: {value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"
    elif name == "category" and value not in ontology.item_categories:
        known = ", ".join(sorted(ontology.item_categories))
        return f"category: unknown category {value!r}; use one of {known}"
    elif name == "type" and value != "all" and value not in ontology.event_types:
        return f"type: unknown event type {value!r}; use one of {', '.join(ontology.event_types)} or all"
    elif name == "status":
        if event_type in ontology.event_types:
            stages = list(ontology.event_types[event_type].statuses)
        else:  # every type, or a type already reported as unknown
            stages = sorted({s for t in ontology.event_types.values() for s in t.statuses})
        if value not in stages:
            what = f" for {event_type.replace('_', ' ')}" if event_type in ontology.event_types else ""
            return f"status: unknown status {value!r}{what}; use one of {', '.join(stages)}"
    return None


def confidence_problem(value: float) -> str | None:
    """A minimum confidence outside 0..1 (a percentage such as 50 is a likely slip), in words."""
    if not 0.0 <= value <= 1.0:  # also false for NaN
        return f"min_confidence: {value!r} is not between 0 and 1; write 0.5 for 50%"
    return None


def period_problem(first: str, since: str | None, until: str | None) -> str | None:
    """A date range that can hold nothing (its start after its end), in words."""
    if since and until and since > end_of_period(until):
        return f"{first}: {since} is after the end date {until}"
    return None


class RegisterParams(BaseModel):
    """A register request (filters, sort, page) as the API's query string and the register page read it."""

    supplier: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    type: str = "transfer"
    status: str | None = None
    since: str | None = Field(None, pattern=DATE_PATTERN)
    until: str | None = Field(None, pattern=DATE_PATTERN)
    contested: bool | None = None
    deal_since: str | None = Field(None, pattern=DATE_PATTERN)
    deal_until: str | None = Field(None, pattern=DATE_PATTERN)
    undated: bool = True
    min_confidence: float | None = None
    reviewed: bool | None = None  # yes/no, true/false
    sort: Literal[tuple(REGISTER_SORTS)] = "first_reported"  # type: ignore[valid-type]
    order: Literal["asc", "desc"] = "desc"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)

    @field_validator("category", "type", "status", "since", "until", "deal_since", "deal_until")
    @classmethod
    def _known_value(cls, value: str | None, info: ValidationInfo) -> str | None:
        # a 422 that says what was wrong, instead of a silent empty register ("status=bogus")
        event_type = info.data.get("type") or "all"  # absent when the type itself was wrong
        problem = value and register_value_problem(str(info.field_name), value, event_type)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("min_confidence")
    @classmethod
    def _confidence_in_range(cls, value: float | None) -> float | None:
        problem = value is not None and confidence_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _ranges_hold_something(self) -> RegisterParams:
        problem = period_problem("since", self.since, self.until) or period_problem(
            "deal_since", self.deal_since, self.deal_until
        )
        if problem:
            raise ValueError(problem)
        return self

    def filters(self) -> RegisterFilters:
        """The filters part of the request (its sort and page aside)."""
        return RegisterFilters(**self.model_dump(include=set(fields_of(RegisterFilters))))


# The columns a register row shows (never the cases' large JSON columns best and status_history).
REGISTER_SELECT = (
    CaseRow.id,
    CaseRow.type,
    CaseRow.supplier,
    CaseRow.recipient,
    CaseRow.parties,
    CaseRow.maker,
    CaseRow.item,
    CaseRow.category,
    CaseRow.quantity,
    CaseRow.order_date,
    CaseRow.delivery_dates,
    CaseRow.value_usd,
    CaseRow.status,
    CaseRow.n_sources,
    CaseRow.n_origins,
    CaseRow.contested,
    CaseRow.state_media_only,
    CaseRow.first_reported,
    CaseRow.last_reported,
    CaseRow.confidence,
    CaseRow.reviewed,
)


def actor_condition(session: Session | None, column: Any, value: str, *, makers: bool = False) -> Any:
    """The cases an actor filter means. The name people use finds its actor: a stored name or alias, a
    country's demonym or capital ("Turkish", "Türkiye", "Ankara" -> Turkey), and with makers, a company
    also finds the deals it made ("Baykar"). Exact names go through the lower(name) index; a value that
    names no actor matches as a substring ("korea" finds both Koreas). A transfer's supplier is a state;
    with makers, its maker column also answers ("Leonardo" finds the deals supplied by Italy it made)."""
    names, companies = resolve_actor(session, value) if session is not None else ({value}, set())
    exact = func.lower(column).in_(sorted(n.lower() for n in names))
    made: Any = func.lower(CaseRow.maker).in_(sorted(n.lower() for n in names)) if makers else None
    if makers and companies:
        made_by = (
            select(EventRow.case_id)
            .join(EventActorRow, EventActorRow.event_id == EventRow.id)
            .where(
                EventActorRow.role == "maker",
                func.lower(EventActorRow.name).in_(sorted(c.lower() for c in companies)),
            )
        )
        made = or_(made, CaseRow.id.in_(made_by))
    # A state also finds the deals of its companies (a company acts for its state, as the network folds it).
    side_id = {"supplier": CaseRow.supplier_id, "recipient": CaseRow.recipient_id}.get(column.key)
    code = state_code(value) if session is not None else None
    folded = None
    if code and side_id is not None:
        of_state = select(EntityRow.id).where(EntityRow.type == "company", EntityRow.country == code)
        folded = side_id.in_(of_state)
    wider = [c for c in (made, folded) if c is not None]
    if session is not None and any(
        session.scalar(select(CaseRow.id).where(c).limit(1)) is not None for c in (exact, *wider)
    ):
        return or_(exact, *wider) if wider else exact
    return or_(_like(column, value), _like(CaseRow.maker, value)) if makers else _like(column, value)


def state_code(value: str) -> str | None:
    """The ISO3 code of the country a user's word names ("Turkey", "Turkish", "Ankara" -> TUR), or None."""
    from armswatch.gazetteer import load_gazetteer

    return load_gazetteer().state_words.get(value.strip().lower())


def resolve_actor(session: Session, value: str) -> tuple[set[str], set[str]]:
    """The actor names a filter value stands for (itself, the stored entities it names or aliases, the
    country it names by demonym or capital), and the companies among them (makers)."""
    from armswatch.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = {value.strip()}
    companies: set[str] = set()
    for entity in find_entities(session, value):
        names.add(entity.name)
        if entity.type == "company":
            companies.add(entity.name)
    state = gaz.state_named(value)
    if state:
        names.add(state)
    company = gaz.company_named(value)
    if company is not None:
        names.add(company.name)
        companies.add(company.name)
    return names, companies


def register_query(filters: RegisterFilters, session: Session | None = None) -> Select[CaseRow]:
    """The cases the filters select. With a session, actor filters that name an actor exactly use an index."""
    query = select(CaseRow)
    if filters.type != "all":
        query = query.where(CaseRow.type == filters.type)
    if filters.supplier:
        query = query.where(actor_condition(session, CaseRow.supplier, filters.supplier, makers=True))
    if filters.recipient:
        query = query.where(actor_condition(session, CaseRow.recipient, filters.recipient))
    if filters.item:
        query = query.where(_like(CaseRow.item, filters.item))
    if filters.category:
        query = query.where(CaseRow.category == filters.category)
    if filters.status:
        query = query.where(CaseRow.status == filters.status)
    if filters.since or filters.until:
        reported = report_dated(filters.since, filters.until)
        query = query.where(or_(reported, CaseRow.first_reported.is_(None)) if filters.undated else reported)
    if filters.deal_since or filters.deal_until:
        dealt = deal_dated(filters.deal_since, filters.deal_until)
        query = query.where(or_(dealt, ~deal_dated(None, None)) if filters.undated else dealt)
    if filters.contested is not None:
        query = query.where(CaseRow.contested.is_(filters.contested))
    if filters.min_confidence is not None:  # a case with no confidence (stored before 0010) is not known sure
        query = query.where(CaseRow.confidence >= filters.min_confidence)
    if filters.reviewed is not None:
        reviewed = CaseRow.reviewed.is_(True)
        query = query.where(reviewed if filters.reviewed else ~reviewed)
    return query.order_by(CaseRow.first_reported.desc(), CaseRow.id)


def report_dated(since: str | None, until: str | None) -> Any:
    """Cases reported within the period: their reporting period overlaps it."""
    conditions: list[Any] = [CaseRow.first_reported.is_not(None)]
    if since:
        conditions.append(CaseRow.last_reported >= since)
    if until:
        conditions.append(CaseRow.first_reported <= end_of_period(until))
    return and_(*conditions)


def deal_dated(since: str | None, until: str | None) -> Any:
    """Cases with a deal date (an order, a delivery, an exercise's day: a report's date for the event
    itself) within the period; with no bounds, cases with any deal date. Dates are as precise as the text:
    "2025" overlaps a period from "2025-06", so a date is compared with the bound cut to its own length."""
    conditions: list[Any] = [EventRow.case_id.is_not(None), EventRow.date_start.is_not(None)]
    if since:
        conditions.append(
            EventRow.date_start >= func.substr(literal(since), 1, func.length(EventRow.date_start))
        )
    if until:
        conditions.append(EventRow.date_start <= end_of_period(until))
    return CaseRow.id.in_(select(EventRow.case_id).where(*conditions))


def undated_counts(session: Session, filters: RegisterFilters) -> dict[str, int]:
    """For each date filter in use ("deal", "report"): how many cases the other filters select that lack
    that date, which the filter keeps (undated on) or hides (undated off). With no deal-date filter, the
    deal count is still given: how many of the selected cases have no deal date."""
    out: dict[str, int] = {}
    plain = RegisterFilters(**{**filters.__dict__, "deal_since": None, "deal_until": None})
    query = register_query(plain, session).order_by(None).where(~deal_dated(None, None))
    out["deal"] = session.scalar(query.with_only_columns(func.count(CaseRow.id)).select_from(CaseRow)) or 0
    if filters.since or filters.until:
        plain = RegisterFilters(**{**filters.__dict__, "since": None, "until": None})
        query = register_query(plain, session).order_by(None).where(CaseRow.first_reported.is_(None))
        counted = query.with_only_columns(func.count(CaseRow.id)).select_from(CaseRow)
        out["report"] = session.scalar(counted) or 0
    return out


def register(
    session: Session,
    filters: RegisterFilters,
    limit: int | None = None,
    offset: int = 0,
    *,
    extra: bool | None = None,
) -> list[dict[str, Any]]:
    """One row per case, SIPRI-register style; with extra (by default for every type), also its type,
    parties and reporting period."""
    query = register_query(filters, session).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    extra = filters.type == "all" if extra is None else extra
    rows = [register_dict(case, extra=extra) for case in session.scalars(query)]
    return with_voices(session, rows)


def register_rows(
    session: Session,
    filters: RegisterFilters,
    *,
    sort: str = "first_reported",
    order: str = "desc",
    limit: int = 50,
    offset: int = 0,
    extra: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """The number of matching cases and one sorted page of register rows, in one query: the total rides
    along as a window count. With extra, rows also carry type, parties and the reporting period."""
    column = REGISTER_SORTS[sort]
    # Sorting on an expression keeps SQLite from walking the sort column's index row by row.
    key = func.coalesce(column, column)
    ordering = key.asc() if order == "asc" else key.desc()
    query = (
        register_query(filters, session)
        .with_only_columns(*REGISTER_SELECT, func.count().over().label("total"))
        .order_by(None)
        .order_by(ordering.nulls_last(), CaseRow.id)
        .offset(offset)
        .limit(limit)
    )
    rows = session.execute(query).all()
    if rows:
        total = int(rows[0].total)
    elif offset:  # a page past the end: count separately
        counted = register_query(filters, session).order_by(None).with_only_columns(func.count())
        counted = counted.select_from(CaseRow)
        total = session.scalar(counted) or 0
    else:
        total = 0
    return total, with_voices(session, [register_dict(row, extra) for row in rows])


def register_page(
    session: Session, params: RegisterParams, *, extra: bool = False, everything: bool = False
) -> tuple[int, list[dict[str, Any]]]:
    """What a register request asks for: the total and its page of rows, or with everything, every row (up
    to EXPORT_LIMIT) in its sort order, for a download."""
    return register_rows(
        session,
        params.filters(),
        sort=params.sort,
        order=params.order,
        limit=EXPORT_LIMIT if everything else params.limit,
        offset=0 if everything else params.offset,
        extra=extra,
    )


def register_dict(row: Any, extra: bool) -> dict[str, Any]:
    """A case (a stored CaseRow or a selected row with the same names) as a register row; with extra, also
    its type and parties."""
    out = {
        "case": row.id,
        "supplier": row.supplier,
        "recipient": row.recipient,  # an agreement's parties are in parties, not here
        "maker": row.maker,  # a transfer's company: supplier and recipient are states
        "item": row.item,
        "category": row.category,
        "quantity": row.quantity,
        "order_date": row.order_date,
        "delivery_dates": list(row.delivery_dates or []),
        "value_usd": row.value_usd,
        "status": row.status,
        "sources": row.n_sources,
        "origins": row.n_origins,
        "contested": row.contested,
        "state_media_only": row.state_media_only,
        "first_reported": row.first_reported,
        "last_reported": row.last_reported,
        "confidence": round(row.confidence, 3) if row.confidence is not None else None,
        "reviewed": bool(row.reviewed),  # an analyst confirmed or edited one of its events (armswatch.review)
    }
    if extra:
        out.update(type=row.type, parties=list(row.parties or []))
    return out


# A document key that is a content hash (a submitted article's), never shown as a source's name.
HASH_KEY = re.compile(r"^[0-9a-f]{12,64}$")
# The order stances are summed up in ("claimed by 2, confirmed by 1, denied by 1").
STANCE_ORDER = ("asserted", "claimed", "confirmed", "denied")


def source_name(outlet: str | None, url: str | None, title: str | None, key: str | None = None) -> str:
    """A readable name for an article: its outlet, else its URL's host, else its title, else its key unless
    that is a hash ("an unnamed article" then)."""
    if outlet and outlet.strip():
        return outlet.strip()
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    if title and title.strip():
        return title.strip()
    if key and not HASH_KEY.match(key):
        return key
    return "an unnamed article"


def stance_summary(stances: dict[str, list[str]]) -> str:
    """{"claimed": [a, b], "denied": [c]} -> "claimed by 2, denied by 1"."""
    order = [s for s in STANCE_ORDER if s in stances] + sorted(set(stances) - set(STANCE_ORDER))
    return ", ".join(f"{stance} by {len(stances[stance])}" for stance in order if stances[stance])


def case_voices(session: Session, case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """For each case: who took which stance ({stance: [names]}, a statement with no named source counted
    as its article's outlet's), its sources (name, date, URL of each article), oldest first, and the deal
    dates its reports give."""
    ids = sorted(set(case_ids))
    out: dict[int, dict[str, Any]] = {i: {"stances": {}, "sources": [], "dates": []} for i in ids}
    for start in range(0, len(ids), 500):  # bounded IN lists, whatever the number of cases
        rows = session.execute(
            select(
                EventRow.case_id,
                DocumentRow.id,
                DocumentRow.outlet,
                DocumentRow.url,
                DocumentRow.title,
                DocumentRow.doc_key,
                DocumentRow.published,
                EventRow.date_start,
                AttributionRow.source,
                AttributionRow.stance,
            )
            .join(DocumentRow, EventRow.document_id == DocumentRow.id)
            .outerjoin(AttributionRow, AttributionRow.event_id == EventRow.id)
            .where(EventRow.case_id.in_(ids[start : start + 500]))
            .order_by(EventRow.case_id, DocumentRow.published, DocumentRow.id, EventRow.id, AttributionRow.id)
        ).all()
        seen: set[tuple[int, int]] = set()
        for case_id, doc_id, outlet, url, title, key, published, date, source, stance in rows:
            if case_id is None:  # never: the IN list holds case ids
                continue
            voices = out[case_id]
            if date and date not in voices["dates"]:
                voices["dates"].append(date)
            name = source_name(outlet, url, title, key)
            if (case_id, doc_id) not in seen:
                seen.add((case_id, doc_id))
                voices["sources"].append({"name": name, "published": published, "url": url})
            # An article with no attributed statement asserts the event itself (as the case page says).
            who = source or name
            names = voices["stances"].setdefault(stance or "asserted", [])
            if who not in names:
                names.append(who)
    return out


def source_label(source: dict[str, Any]) -> str:
    """One source as a spreadsheet cell can cite it: "Outlet, 2025-03-10, https://..."."""
    return ", ".join(str(v) for v in (source["name"], source["published"], source["url"]) if v)


def with_voices(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Register rows with who denied each case, its stance summary and its sources."""
    voices = case_voices(session, [row["case"] for row in rows])
    for row in rows:
        found = voices.get(row["case"], {"stances": {}, "sources": [], "dates": []})
        row["denied_by"] = list(found["stances"].get("denied", []))
        row["stances"] = stance_summary(found["stances"])
        row["deal_dates"] = sorted(found["dates"])
        row["source_list"] = [source_label(s) for s in found["sources"]]
    return rows


@dataclass
class NetworkEdge:
    """States (a company folded into its state) linked by the selected cases of one supplier -> recipient
    pair: how many, how many contested, and the companies that made the items or supplied them."""

    supplier: str
    recipient: str
    cases: int
    contested: int
    makers: list[str]


def network_edges(session: Session, filters: RegisterFilters) -> list[NetworkEdge]:
    """Supplier -> recipient edges of the selected cases, a company on either side folded into its state
    (the register's filters by that state find the same cases). Sorted by supplier, then recipient, so the
    same data always gives the same list."""
    from armswatch.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    supplier_entity, recipient_entity = aliased(EntityRow), aliased(EntityRow)
    selected = (
        register_query(filters, session)
        .order_by(None)
        .where(CaseRow.supplier.is_not(None), CaseRow.recipient.is_not(None))
    )
    rows = session.execute(
        selected.with_only_columns(
            CaseRow.id,
            CaseRow.supplier,
            CaseRow.recipient,
            CaseRow.contested,
            CaseRow.maker,
            supplier_entity.type,
            supplier_entity.country,
            recipient_entity.type,
            recipient_entity.country,
        )
        .outerjoin(supplier_entity, supplier_entity.id == CaseRow.supplier_id)
        .outerjoin(recipient_entity, recipient_entity.id == CaseRow.recipient_id)
    ).all()
    case_makers: dict[int, set[str]] = {}
    made = (
        select(EventRow.case_id, EventActorRow.name)
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .where(EventActorRow.role == "maker", EventRow.case_id.in_(selected.with_only_columns(CaseRow.id)))
    )
    for case_id, name in session.execute(made):
        if case_id is not None:
            case_makers.setdefault(case_id, set()).add(name)

    def state_of(name: str, kind: str | None, country: str | None) -> tuple[str, str | None]:
        """The side as a state, and the company folded into it (if it was one)."""
        if kind == "company" and country and gaz.country_name(country):
            return gaz.country_name(country) or name, name
        return name, None

    edges: dict[tuple[str, str], NetworkEdge] = {}
    for case_id, supplier, recipient, contested, maker, s_type, s_country, r_type, r_country in rows:
        if supplier is None or recipient is None:  # selected out above; for the type checker
            continue
        supplier_state, supplier_company = state_of(supplier, s_type, s_country)
        recipient_state, _ = state_of(recipient, r_type, r_country)
        edge = edges.setdefault(
            (supplier_state, recipient_state), NetworkEdge(supplier_state, recipient_state, 0, 0, [])
        )
        edge.cases += 1
        edge.contested += 1 if contested else 0
        makers = set(edge.makers) | case_makers.get(case_id, set())
        if maker:  # the case's maker: named by the text, a company named as supplier, or the catalog's
            makers.add(maker)
        if supplier_company:
            makers.add(supplier_company)
        edge.makers = sorted(makers)
    return [edges[key] for key in sorted(edges)]


# Documents are read as plain rows, not ORM objects: a long list must not keep article texts in the session.
DOC_COLUMNS = (
    DocumentRow.id,
    DocumentRow.doc_key,
    DocumentRow.title,
    DocumentRow.outlet,
    DocumentRow.published,
    DocumentRow.url,
    DocumentRow.language,
    DocumentRow.duplicate_of,
)


def document_summary(doc: Any) -> dict[str, Any]:
    """A document (a row of DOC_COLUMNS or a DocumentRow) as JSON, without its text."""
    return {
        "id": doc.id,
        "key": doc.doc_key,
        "name": source_name(doc.outlet, doc.url, doc.title, doc.doc_key),  # what a citation calls it
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "url": doc.url,
        "language": doc.language,
        "duplicate_of": doc.duplicate_of,
    }


def case_reports(session: Session, case_id: int) -> list[tuple[EventRow, Any]]:
    """Every report of a case, oldest first: the event (attributions and evidence loaded) and its
    document (a row of DOC_COLUMNS)."""
    rows = session.execute(
        select(EventRow, *DOC_COLUMNS)
        .join(DocumentRow, EventRow.document_id == DocumentRow.id)
        .where(EventRow.case_id == case_id)
        .options(selectinload(EventRow.attributions), selectinload(EventRow.evidence))
        .order_by(DocumentRow.published, EventRow.id)
    ).all()
    return [(row[0], row) for row in rows]


def case_detail(session: Session, case_id: int) -> dict[str, Any] | None:
    """A case with every report of it: document, attributions and the quoted evidence sentences."""
    case = session.get(CaseRow, case_id) if 0 < case_id < 2**31 else None
    if case is None:
        return None
    reports = [
        {
            "event": event.id,
            "document": document_summary(doc),
            "status": event.status,
            "roles": event.roles,
            "date": event.date_start,
            "attributions": [
                {"source": a.source, "stance": a.stance, "cue": a.cue, "via": a.via}
                for a in sorted(event.attributions, key=lambda a: a.id)
            ],
            "evidence": [
                {"start": e.start, "end": e.end, "quote": e.quote}
                for e in sorted(event.evidence, key=lambda e: (e.start, e.end, e.id))
            ],
        }
        for event, doc in case_reports(session, case_id)
    ]
    [summary] = with_voices(session, [register_dict(case, extra=True)])
    summary.update(best=case.best, status_history=case.status_history, origin_groups=case.origins or [])
    return {"case": summary, "reports": reports}


EVIDENCE_COLUMNS = (
    "case",
    "document",
    "source_name",
    "title",
    "published",
    "url",
    "source",
    "stance",
    "cue",
    "via",
    "status",
    "date",
    "quote",
)


def evidence_rows(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """A case's evidence (case_detail's output) flat: one row per report and statement, with the article's
    readable name, date and URL and the quoted sentences, for a CSV or JSON file one can cite from."""
    rows = []
    for report in detail["reports"]:
        doc = report["document"]
        quote = " … ".join(e["quote"].strip() for e in report["evidence"])
        # A report with no attributed statement is asserted by its article itself.
        statements = report["attributions"] or [
            {"source": None, "stance": "asserted", "cue": None, "via": None}
        ]
        for a in statements:
            rows.append(
                {
                    "case": detail["case"]["case"],
                    "document": doc["id"],
                    "source_name": doc["name"],
                    "title": doc["title"],
                    "published": doc["published"],
                    "url": doc["url"],
                    "source": a["source"] or doc["name"],
                    "stance": a["stance"],
                    "cue": a["cue"],
                    "via": a["via"],
                    "status": report["status"],
                    "date": report["date"],
                    "quote": quote,
                }
            )
    return rows


# ---- actors ------------------------------------------------------------------------------------------


def preferred_entities(rows: Iterable[EntityRow]) -> list[EntityRow]:
    """Entities with the actor reading first (the ontology's actor_type_order), then by name."""
    ontology = load_ontology()
    return sorted(rows, key=lambda r: (ontology.actor_rank(r.type), r.name, r.id))


def find_entities(session: Session, name: str) -> list[EntityRow]:
    """The entities a name names exactly (any letter case): by name, else by an alias; preferred first."""
    name = name.strip()
    if not name:
        return []
    exact = list(session.scalars(select(EntityRow).where(func.lower(EntityRow.name) == name.lower())))
    if not exact:
        aliased = select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias) == name.lower())
        exact = list(session.scalars(select(EntityRow).where(EntityRow.id.in_(aliased))))
    return preferred_entities(exact)


def search_entities(
    session: Session,
    text: str,
    *,
    type: str | None = None,
    aliases: bool = True,
    limit: int = 100,
    offset: int = 0,
) -> list[EntityRow]:
    """Entities whose name (or, with aliases, an alias) holds the text, by name."""
    query = select(EntityRow)
    if text:
        condition = _like(EntityRow.name, text)
        if aliases:
            holds = select(entity_aliases.c.entity_id).where(_like(entity_aliases.c.alias, text))
            condition = condition | EntityRow.id.in_(holds)
        query = query.where(condition)
    if type:
        query = query.where(EntityRow.type == type)
    return list(session.scalars(query.order_by(EntityRow.name, EntityRow.id).offset(offset).limit(limit)))


def entity_alias_list(session: Session, entity_id: int) -> list[str]:
    return sorted(
        session.scalars(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == entity_id))
    )


def made_by(entity_id: int) -> Select[Any]:
    """The cases whose reports name this entity as the maker."""
    return (
        select(EventRow.case_id)
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .where(EventActorRow.role == "maker", EventActorRow.entity_id == entity_id)
    )


def actor_cases(session: Session, entity: EntityRow, limit: int = 500) -> list[CaseRow]:
    """The cases an entity is a party to as supplier or recipient (or their counterparts) or made the
    item of, by id, newest first."""
    return list(
        session.scalars(
            select(CaseRow)
            .where(
                or_(
                    CaseRow.supplier_id == entity.id,
                    CaseRow.recipient_id == entity.id,
                    CaseRow.maker_id == entity.id,  # a company's page lists the deals it made
                    CaseRow.id.in_(made_by(entity.id)),
                )
            )
            .order_by(CaseRow.first_reported.desc().nulls_last(), CaseRow.id)
            .limit(limit)
        )
    )


def event_list(
    session: Session, *, type: str | None = None, actor: str | None = None, limit: int = 50, offset: int = 0
) -> list[tuple[EventRow, str]]:
    """Events newest first, by type or by an actor's exact name: (event, its document's key) pairs."""
    query = select(EventRow, DocumentRow.doc_key).join(DocumentRow, EventRow.document_id == DocumentRow.id)
    if type:
        query = query.where(EventRow.type == type)
    if actor:
        query = query.where(
            EventRow.id.in_(select(EventActorRow.event_id).where(EventActorRow.name == actor))
        )
    query = query.options(selectinload(EventRow.attributions), selectinload(EventRow.evidence))
    return [
        (e, k) for e, k in session.execute(query.order_by(EventRow.id.desc()).offset(offset).limit(limit))
    ]


def document_events(session: Session, document_id: int) -> list[EventRow]:
    """A document's events in order, their attributions and evidence loaded."""
    return list(
        session.scalars(
            select(EventRow)
            .where(EventRow.document_id == document_id)
            .options(selectinload(EventRow.attributions), selectinload(EventRow.evidence))
            .order_by(EventRow.id)
        )
    )


def document_mentions(session: Session, document_id: int) -> list[Any]:
    """A document's entity mentions in text order: (start, end, entity id, name, type) rows."""
    return list(
        session.execute(
            select(MentionRow.start, MentionRow.end, EntityRow.id, EntityRow.name, EntityRow.type)
            .join(EntityRow, MentionRow.entity_id == EntityRow.id)
            .where(MentionRow.document_id == document_id)
            .order_by(MentionRow.start)
        ).all()
    )


def actor_ids(session: Session, actor: str) -> set[int]:
    """The entities an actor string may stand for: those with it as their name or as an alias."""
    by_name = select(EntityRow.id).where(func.lower(EntityRow.name) == actor.lower())
    by_alias = select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias) == actor.lower())
    return set(session.scalars(by_name.union(by_alias)))


def near_actor_names(session: Session, name: str, limit: int = 3) -> list[str]:
    """Stored actor names (countries, companies, people, groups) that look like a name no row matched."""
    from rapidfuzz import fuzz, process, utils

    names = session.scalars(select(EntityRow.name).where(EntityRow.type.in_(ACTOR_TYPES)).distinct()).all()
    found = process.extract(name, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit)
    return [match for match, score, _ in found if score >= 70 and match.lower() != name.lower()]


def timeline(
    session: Session, actor: str, limit: int = 500, *, ids: set[int] | None = None
) -> list[dict[str, Any]]:
    """An actor's events in date order (event date, else the publication date), by entity id. By default
    the actor string finds every entity that has it as its name or an alias; pass ids to pin entities."""
    ids = ids if ids is not None else actor_ids(session, actor)
    when = func.coalesce(EventRow.date_start, DocumentRow.published)
    # Only the columns shown: a timeline never loads article texts.
    rows = session.execute(
        select(
            EventRow.id,
            EventRow.type,
            EventRow.status,
            EventRow.roles,
            EventRow.case_id,
            DocumentRow.doc_key,
            EventActorRow.role,
            when.label("when"),
        )
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .join(DocumentRow, EventRow.document_id == DocumentRow.id)
        .where(EventActorRow.entity_id.in_(ids))
        .order_by(when, EventRow.id)
        .limit(limit)
    ).all()
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for event_id, type_, status, roles, case_id, doc_key, role, date in rows:
        if event_id in seen:
            continue
        seen.add(event_id)
        out.append(
            {
                "date": date,
                "type": type_,
                "status": status,
                "role": role,
                "roles": roles,
                "case": case_id,
                "document": doc_key,
            }
        )
    return out


# ---- search results ----------------------------------------------------------------------------------------


def headline(title: str | None, text_start: str | None) -> str:
    """An article's title, else its first sentence (cut at 120 characters): never a file name."""
    if title and title.strip():
        return title.strip()
    first = " ".join((text_start or "").split())
    cut = first.find(". ")
    first = first[: cut + 1] if 0 < cut < 120 else first
    return first if len(first) <= 120 else first[:119].rstrip() + "…"


def case_label(case_row: Any) -> str:
    """A case in a few words: "transfer: Russia → Algeria, Su-57"; an agreement or exercise by its parties."""
    if case_row.supplier and case_row.recipient:
        sides = f"{case_row.supplier} → {case_row.recipient}"
    else:
        parties = ", ".join(case_row.parties or [])
        sides = parties or case_row.supplier or case_row.recipient or "unknown parties"
    item = f", {case_row.item}" if case_row.item else ""
    return f"{case_row.type.replace('_', ' ')}: {sides}{item}"


def search_results(session: Session, hits: list[tuple[int, str, str | None, str]]) -> list[dict[str, Any]]:
    """Full-text hits (Store.search's (id, key, title, snippet), in their order) with what a reader needs to
    judge them: a readable title, the outlet, date and URL, and the events read from the article with the
    cases they feed."""
    ids = [hit[0] for hit in hits]
    if not ids:
        return []
    docs = {
        row.id: row
        for row in session.execute(
            select(*DOC_COLUMNS, func.substr(DocumentRow.text, 1, 300).label("start")).where(
                DocumentRow.id.in_(ids)
            )
        )
    }
    events: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    cases: dict[int, dict[int, dict[str, Any]]] = {i: {} for i in ids}
    rows = session.execute(
        select(EventRow.id, EventRow.document_id, EventRow.type, EventRow.status, EventRow.date_start)
        .add_columns(CaseRow)
        .outerjoin(CaseRow, EventRow.case_id == CaseRow.id)
        .where(EventRow.document_id.in_(ids))
        .order_by(EventRow.document_id, EventRow.id)
    ).all()
    for event_id, doc_id, type_, status, date, case_row in rows:
        events[doc_id].append(
            {
                "id": event_id,
                "type": type_,
                "status": status,
                "date": date,
                "case": case_row.id if case_row is not None else None,
            }
        )
        if case_row is not None and case_row.id not in cases[doc_id]:
            cases[doc_id][case_row.id] = {
                "id": case_row.id,
                "label": case_label(case_row),
                "contested": bool(case_row.contested),
            }
    out = []
    for doc_id, key, title, snippet in hits:
        doc = docs.get(doc_id)
        if doc is None:  # deleted between the search and this read
            continue
        out.append(
            {
                "id": doc_id,
                "key": key,
                "title": headline(title, doc.start),
                "outlet": doc.outlet,
                "published": doc.published,
                "url": doc.url,
                "snippet": snippet,
                "events": events[doc_id],
                "cases": list(cases[doc_id].values()),
            }
        )
    return out
