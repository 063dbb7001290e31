"""Serve: read the register, one case with its evidence, actors by name or alias, an actor's cases and
timeline, and articles, from the store. The one query layer the CLI, the REST API and the pages call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from armswatch.ontology import load_ontology
from armswatch.store import (
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    MentionRow,
    entity_aliases,
)

REGISTER_COLUMNS = (
    "case",
    "supplier",
    "recipient",
    "item",
    "category",
    "quantity",
    "order_date",
    "delivery_dates",
    "value_usd",
    "status",
    "sources",
    "origins",
    "contested",
    "state_media_only",
)


# The kinds of entity that can be a side of an event (the others are places, systems and outlets).
ACTOR_TYPES = ("country", "company", "organization", "person", "armed_group")
# What the register shows in a terminal unless --columns asks for others.
REGISTER_DEFAULT_COLUMNS = (
    "case",
    "supplier",
    "recipient",
    "item",
    "quantity",
    "status",
    "order_date",
    "delivery_dates",
    "value_usd",
    "sources",
    "contested",
)


@dataclass
class RegisterFilters:
    supplier: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    type: str = "transfer"
    status: str | None = None
    since: str | None = None
    until: str | None = None
    contested: bool | None = None


def _like(column: Any, value: str) -> Any:
    return func.lower(column).contains(value.lower(), autoescape=True)  # "%" and "_" match themselves


def end_of_period(date: str) -> str:
    """ "2023" -> "2023-12-31", "2023-05" -> "2023-05-31": an inclusive upper bound for date strings."""
    return {4: f"{date}-12-31", 7: f"{date}-31"}.get(len(date), date)


REGISTER_SORTS: dict[str, Any] = {
    "case": CaseRow.id,
    "supplier": CaseRow.supplier,
    "recipient": CaseRow.recipient,
    "item": CaseRow.item,
    "category": CaseRow.category,
    "status": CaseRow.status,
    "value_usd": CaseRow.value_usd,
    "sources": CaseRow.n_sources,
    "first_reported": CaseRow.first_reported,
    "last_reported": CaseRow.last_reported,
    "quantity": CaseRow.quantity,
}
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EXPORT_LIMIT = 100_000  # the most rows one download of the register holds


def fields_of(cls: type) -> list[str]:
    return [f.name for f in dataclass_fields(cls)]


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
    sort: Literal[tuple(REGISTER_SORTS)] = "first_reported"  # type: ignore[valid-type]
    order: Literal["asc", "desc"] = "desc"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)

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
)


def actor_condition(session: Session | None, column: Any, value: str, *, makers: bool = False) -> Any:
    """The cases an actor filter means. The name people use finds its actor: a stored name or alias, a
    country's demonym or capital ("Turkish", "Türkiye", "Ankara" -> Turkey), and with makers, a company
    also finds the deals it made ("Baykar"). Exact names go through the lower(name) index; a value that
    names no actor matches as a substring ("korea" finds both Koreas)."""
    names, companies = resolve_actor(session, value) if session is not None else ({value}, set())
    exact = func.lower(column).in_(sorted(n.lower() for n in names))
    made = None
    if makers and companies:
        made_by = (
            select(EventRow.case_id)
            .join(EventActorRow, EventActorRow.event_id == EventRow.id)
            .where(
                EventActorRow.role == "maker",
                func.lower(EventActorRow.name).in_(sorted(c.lower() for c in companies)),
            )
        )
        made = CaseRow.id.in_(made_by)
    if session is not None and (
        session.scalar(select(CaseRow.id).where(exact).limit(1)) is not None
        or (made is not None and session.scalar(select(CaseRow.id).where(made).limit(1)) is not None)
    ):
        return exact if made is None else or_(exact, made)
    return _like(column, value)


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
    if filters.since:
        query = query.where(CaseRow.last_reported >= filters.since)
    if filters.until:
        query = query.where(CaseRow.first_reported <= end_of_period(filters.until))
    if filters.contested is not None:
        query = query.where(CaseRow.contested.is_(filters.contested))
    return query.order_by(CaseRow.first_reported.desc(), CaseRow.id)


def register(
    session: Session, filters: RegisterFilters, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """One row per case, SIPRI-register style."""
    query = register_query(filters, session).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [register_dict(case, extra=filters.type == "all") for case in session.scalars(query)]


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
    return total, [register_dict(row, extra) for row in rows]


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
    its type, parties and reporting period."""
    out = {
        "case": row.id,
        "supplier": row.supplier,
        "recipient": row.recipient if row.type != "agreement" else ", ".join(row.parties or []),
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
    }
    if extra:
        out.update(
            type=row.type,
            parties=list(row.parties or []),
            first_reported=row.first_reported,
            last_reported=row.last_reported,
        )
    return out


def network_edges(session: Session, filters: RegisterFilters) -> list[tuple[str, str, int, int]]:
    """Supplier -> recipient pairs of the selected cases: (supplier, recipient, cases, contested cases)."""
    contested = func.sum(case((CaseRow.contested.is_(True), 1), else_=0))
    query = (
        register_query(filters, session)
        .order_by(None)
        .where(CaseRow.supplier.is_not(None), CaseRow.recipient.is_not(None))
        .with_only_columns(CaseRow.supplier, CaseRow.recipient, func.count(CaseRow.id), contested)
        .group_by(CaseRow.supplier, CaseRow.recipient)
    )
    return [(s, r, int(n), int(c or 0)) for s, r, n, c in session.execute(query)]


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
    summary = register_dict(case, extra=True)
    summary.update(best=case.best, status_history=case.status_history, origin_groups=case.origins or [])
    return {"case": summary, "reports": reports}


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
                    CaseRow.id.in_(made_by(entity.id)),  # a company's page lists the deals it made
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
