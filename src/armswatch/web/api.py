"""The REST API under /api: JSON in the contract's shapes."""

from __future__ import annotations

import io
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from armswatch.export import write_export
from armswatch.query import (
    REGISTER_SORTS,
    RegisterFilters,
    case_detail,
    document_mentions,
    register_row,
    register_rows,
    timeline,
)
from armswatch.store import (
    AttributionRow,
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    Store,
    entity_aliases,
)
from armswatch.web.deps import get_session, get_store, require_json, require_read, require_write, run_read


async def reject_nul(request: Request) -> None:
    """PostgreSQL text cannot hold NUL: refuse it in any query parameter instead of failing with a 500."""
    if any("\x00" in key or "\x00" in value for key, value in request.query_params.multi_items()):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "NUL characters are not allowed")


router = APIRouter(dependencies=[Depends(require_read), Depends(reject_nul)])
SessionDep = Annotated[Session, Depends(get_session)]
SORTABLE = REGISTER_SORTS
EXPORT_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "ftm": "application/x-ndjson",
    "graphml": "application/graphml+xml",
}
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class RegisterParams(BaseModel):
    supplier: str | None = None
    recipient: str | None = None
    item: str | None = None
    category: str | None = None
    type: str = "transfer"
    status: str | None = None
    since: str | None = Field(None, pattern=DATE)
    until: str | None = Field(None, pattern=DATE)
    contested: bool | None = None
    sort: Literal[tuple(SORTABLE)] = "first_reported"  # type: ignore[valid-type]
    order: Literal["asc", "desc"] = "desc"
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


def register_filters(params: RegisterParams) -> RegisterFilters:
    """The query filters a register request asks for (shared by the API and the register page)."""
    return RegisterFilters(
        params.supplier,
        params.recipient,
        params.item,
        params.category,
        params.type,
        params.status,
        params.since,
        params.until,
        params.contested,
    )


def register_page(session: Session, params: RegisterParams) -> dict[str, Any]:
    total, rows = register_rows(
        session,
        register_filters(params),
        sort=params.sort,
        order=params.order,
        limit=params.limit,
        offset=params.offset,
    )
    return {"total": total, "limit": params.limit, "offset": params.offset, "rows": rows}


@router.get("/register", summary="The register: one row per case, filtered, sorted and paginated")
async def get_register(
    session: SessionDep,
    store: Annotated[Store, Depends(get_store)],
    params: Annotated[RegisterParams, Query()],
) -> Response:
    # The busiest route: its plain JSON (strings, numbers, lists) goes straight to orjson, skipping
    # FastAPI's generic encoder, which costs more than the query itself.
    page = await run_read(store, lambda: register_page(session, params))
    return Response(orjson.dumps(page), media_type="application/json")


@router.get("/cases/{case_id}", summary="One case with its reports, attributions and quoted evidence")
def get_case(case_id: int, session: SessionDep) -> dict[str, Any]:
    detail = case_detail(session, case_id) if 0 < case_id < 2**31 else None
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no case {case_id}")
    return detail


def event_json(session: Session, event: EventRow, doc_key: str | None = None) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "status": event.status,
        "roles": event.roles,
        "date": {"start": event.date_start, "end": event.date_end} if event.date_start else None,
        "attributions": [
            {"source": a.source, "stance": a.stance, "cue": a.cue, "via": a.via}
            for a in session.scalars(select(AttributionRow).where(AttributionRow.event_id == event.id))
        ],
        "evidence": [
            [e.start, e.end]
            for e in session.scalars(select(EvidenceRow).where(EvidenceRow.event_id == event.id))
        ],
        "case": event.case_id,
        "document": event.document_id,
        "document_key": doc_key,
    }


@router.get("/events", summary="Events, newest first, by type or actor")
def get_events(
    session: SessionDep,
    type: str | None = None,
    actor: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    query = select(EventRow, DocumentRow.doc_key).join(DocumentRow, EventRow.document_id == DocumentRow.id)
    if type:
        query = query.where(EventRow.type == type)
    if actor:
        query = query.where(
            EventRow.id.in_(select(EventActorRow.event_id).where(EventActorRow.name == actor))
        )
    rows = session.execute(query.order_by(EventRow.id.desc()).offset(offset).limit(limit)).all()
    return {"limit": limit, "offset": offset, "events": [event_json(session, e, k) for e, k in rows]}


def entity_json(entity: EntityRow) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "role": entity.role,
    }


@router.get("/entities", summary="Entities by name (or alias) and type")
def get_entities(
    session: SessionDep,
    q: str | None = None,
    type: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    query = select(EntityRow)
    if q:
        aliases = select(entity_aliases.c.entity_id).where(
            func.lower(entity_aliases.c.alias).contains(q.lower(), autoescape=True)
        )
        query = query.where(
            func.lower(EntityRow.name).contains(q.lower(), autoescape=True) | EntityRow.id.in_(aliases)
        )
    if type:
        query = query.where(EntityRow.type == type)
    rows = session.scalars(query.order_by(EntityRow.name).offset(offset).limit(limit))
    return {"limit": limit, "offset": offset, "entities": [entity_json(e) for e in rows]}


@router.get("/entities/{entity_id}", summary="An entity with its aliases and its timeline")
def get_entity(entity_id: int, session: SessionDep) -> dict[str, Any]:
    entity = session.get(EntityRow, entity_id) if 0 < entity_id < 2**31 else None
    if entity is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no entity {entity_id}")
    aliases = sorted(
        session.scalars(select(entity_aliases.c.alias).where(entity_aliases.c.entity_id == entity_id))
    )
    as_supplier = [
        register_row(c) for c in session.scalars(select(CaseRow).where(CaseRow.supplier == entity.name))
    ]
    as_recipient = [
        register_row(c) for c in session.scalars(select(CaseRow).where(CaseRow.recipient == entity.name))
    ]
    return {
        **entity_json(entity),
        "aliases": aliases,
        "as_supplier": as_supplier,
        "as_recipient": as_recipient,
        "timeline": timeline(session, entity.name, names={entity.name}),
    }


@router.get("/documents/{document_id}", summary="An article's text with its entity and event spans")
def get_document(document_id: int, session: SessionDep) -> dict[str, Any]:
    doc = session.get(DocumentRow, document_id) if 0 < document_id < 2**31 else None
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {document_id}")
    mentions = document_mentions(session, doc.id)
    events = session.scalars(select(EventRow).where(EventRow.document_id == doc.id).order_by(EventRow.id))
    return {
        "doc": {
            "id": doc.id,
            "key": doc.doc_key,
            "title": doc.title,
            "outlet": doc.outlet,
            "published": doc.published,
            "url": doc.url,
            "language": doc.language,
            "duplicate_of": doc.duplicate_of,
        },
        "text": doc.text,
        "entities": [{"start": s, "end": e, "entity": i, "name": n, "type": t} for s, e, i, n, t in mentions],
        "events": [event_json(session, e, doc.doc_key) for e in events],
    }


@router.get("/search", summary="Full-text search over articles")
def get_search(
    q: Annotated[str, Query(min_length=1, max_length=500)],
    store: Store = Depends(get_store),
    limit: int = Query(20, ge=1, le=200),
) -> dict[str, Any]:
    return {
        "query": q,
        "results": [
            {"document": i, "key": k, "title": t, "snippet": s} for i, k, t, s in store.search(q, limit)
        ],
    }


@router.get("/export", summary="The store as csv (register), jsonl (contract records), ftm or graphml")
def get_export(session: SessionDep, format: Literal["csv", "jsonl", "ftm", "graphml"] = "csv") -> Response:
    buffer = io.StringIO()
    write_export(session, format, buffer)
    return Response(
        buffer.getvalue(),
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="armswatch.{format}"'},
    )


class SubmittedDocument(BaseModel):
    text: str | None = Field(None, max_length=5_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2048)
    id: str | None = Field(None, max_length=255)
    title: str | None = Field(None, max_length=1000)
    # any text: a value that is no date is read as unknown, with a warning in the response
    published: str | None = Field(None, max_length=64)
    outlet: str | None = Field(None, max_length=255)


def submit_document(request: Request, body: SubmittedDocument) -> dict[str, Any]:
    """Extract, store and fuse one submitted article; the shared work of the API and the submit page."""
    from armswatch.fuse import Fuser
    from armswatch.ingest import record_to_document, url_id
    from armswatch.pipeline import Pipeline

    record = body.model_dump()
    if not (body.text and body.text.strip()) and not (body.html and body.html.strip()):
        if not body.url:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "give the article as 'text', 'html' or 'url'"
            )
        from armswatch.fetch import FetchError, FetchPolicy, fetch_url

        try:  # a URL alone: fetched safely (no private addresses unless the app allows them)
            fetched = fetch_url(body.url, FetchPolicy(allow_private=request.app.state.settings.allow_private))
        except FetchError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
        record.update(
            text=fetched.text,
            title=body.title or fetched.title,
            outlet=body.outlet or fetched.outlet,
            published=body.published or fetched.published,
        )
    if any(isinstance(v, str) and "\x00" in v for v in record.values()):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "NUL characters are not allowed")
    default_id = url_id(body.url) if body.url else f"submitted-{url_id(body.text or body.html or '')}"
    document = record_to_document(record, default_id)
    if isinstance(document, str):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, document)
    if request.app.state.pipeline is None:
        request.app.state.pipeline = Pipeline()
    extracted = next(request.app.state.pipeline.extract([document]))
    store: Store = request.app.state.store
    fuser = Fuser()
    result = store.save(extracted, on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))
    with store.sessions() as session:
        events = session.scalars(select(EventRow).where(EventRow.document_id == result.document_id))
        links = [
            {
                "event": e.id,
                "type": e.type,
                "case": e.case_id,
                "case_url": f"/api/cases/{e.case_id}" if e.case_id else None,
            }
            for e in events
        ]
    return {
        "document": result.document_id,
        "stored": result.stored,
        "duplicate_of": result.duplicate_of,
        "document_url": f"/api/documents/{result.document_id}",
        "events": links,
        "warnings": list(document.warnings),
    }


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_write), Depends(require_json)],
    summary="Submit an article (text or HTML, with metadata): extracted, stored and fused",
)
def post_document(request: Request, body: SubmittedDocument) -> dict[str, Any]:
    return submit_document(request, body)
