"""The REST API under /api: JSON in the contract's shapes. Every read goes through armswatch.query, every
write through the pipeline's submit service."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from armswatch.cite import csl_items
from armswatch.export import export_filename, write_export
from armswatch.query import (
    RegisterParams,
    actor_cases,
    case_detail,
    document_events,
    document_mentions,
    document_summary,
    entity_alias_list,
    event_list,
    evidence_rows,
    register_dict,
    register_page,
    search_entities,
    timeline,
    undated_counts,
)
from armswatch.review import (
    ReviewError,
    StaleVersion,
    audit_entries,
    orphaned_decisions,
    review_event,
    review_queue,
)
from armswatch.store import DocumentRow, EntityRow, EventRow, Store
from armswatch.users import User
from armswatch.web.deps import (
    get_session,
    get_store,
    reject_nul,
    require_json,
    require_read,
    require_role,
    require_write,
    run_read,
)
from armswatch.web.submit import SubmittedDocument, submit_article

router = APIRouter(dependencies=[Depends(require_read), Depends(reject_nul)])
SessionDep = Annotated[Session, Depends(get_session)]
EXPORT_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "ftm": "application/x-ndjson",
    "graphml": "application/graphml+xml",
    "sipri": "text/csv",
}


def register_json(session: Session, params: RegisterParams) -> dict[str, Any]:
    total, rows = register_page(session, params)
    page = {"total": total, "limit": params.limit, "offset": params.offset, "rows": rows}
    if params.since or params.until or params.deal_since or params.deal_until:
        # how many cases lack the date a filter asks for: kept with undated=true (the default), else hidden
        page["undated"] = {**undated_counts(session, params.filters()), "included": params.undated}
    return page


@router.get("/register", summary="The register: one row per case, filtered, sorted and paginated")
async def get_register(
    session: SessionDep,
    store: Annotated[Store, Depends(get_store)],
    params: Annotated[RegisterParams, Query()],
) -> Response:
    # The busiest route: its plain JSON (strings, numbers, lists) goes straight to orjson, skipping
    # FastAPI's generic encoder, which costs more than the query itself.
    page = await run_read(store, lambda: register_json(session, params))
    return Response(orjson.dumps(page), media_type="application/json")


def case_or_404(session: Session, case_id: int) -> dict[str, Any]:
    """The case's detail, or the API's 404 naming the case."""
    detail = case_detail(session, case_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no case {case_id}")
    return detail


@router.get("/cases/{case_id}", summary="One case with its reports, attributions and quoted evidence")
def get_case(case_id: int, session: SessionDep) -> dict[str, Any]:
    return case_or_404(session, case_id)


@router.get(
    "/cases/{case_id}/cite",
    summary="A case and the articles it rests on as CSL-JSON, for reference managers (Zotero, Mendeley)",
)
def get_case_citation(case_id: int, request: Request, session: SessionDep) -> Response:
    detail = case_or_404(session, case_id)
    url = str(request.base_url).rstrip("/") + f"/cases/{case_id}"
    items = csl_items(detail, url, datetime.now(UTC).date().isoformat())
    return Response(orjson.dumps(items), media_type="application/vnd.citationstyles.csl+json")


@router.get("/cases/{case_id}/evidence", summary="A case's evidence: one row per article and statement")
def get_case_evidence(case_id: int, session: SessionDep) -> dict[str, Any]:
    detail = case_or_404(session, case_id)
    return {"case": detail["case"], "evidence": evidence_rows(detail)}


def event_json(event: EventRow, doc_key: str | None = None) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "status": event.status,
        "roles": event.roles,
        "date": {"start": event.date_start, "end": event.date_end} if event.date_start else None,
        "attributions": [
            {"source": a.source, "stance": a.stance, "cue": a.cue, "via": a.via}
            for a in sorted(event.attributions, key=lambda a: a.id)
        ],
        "evidence": [[e.start, e.end] for e in sorted(event.evidence, key=lambda e: (e.start, e.end, e.id))],
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
    rows = event_list(session, type=type, actor=actor, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "events": [event_json(e, k) for e, k in rows]}


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
    rows = search_entities(session, q or "", type=type, limit=limit, offset=offset)
    return {"limit": limit, "offset": offset, "entities": [entity_json(e) for e in rows]}


@router.get("/entities/{entity_id}", summary="An entity with its aliases and its timeline")
def get_entity(entity_id: int, session: SessionDep) -> dict[str, Any]:
    entity = session.get(EntityRow, entity_id) if 0 < entity_id < 2**31 else None
    if entity is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no entity {entity_id}")
    cases = actor_cases(session, entity, limit=100_000)
    return {
        **entity_json(entity),
        "aliases": entity_alias_list(session, entity.id),
        "as_supplier": [register_dict(c, extra=False) for c in cases if c.recipient_id != entity.id],
        "as_recipient": [register_dict(c, extra=False) for c in cases if c.recipient_id == entity.id],
        "timeline": timeline(session, entity.name, ids={entity.id}),
    }


@router.get("/documents/{document_id}", summary="An article's text with its entity and event spans")
def get_document(document_id: int, session: SessionDep) -> dict[str, Any]:
    doc = session.get(DocumentRow, document_id) if 0 < document_id < 2**31 else None
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {document_id}")
    mentions = document_mentions(session, doc.id)
    return {
        "doc": document_summary(doc),
        "text": doc.text,
        "entities": [{"start": s, "end": e, "entity": i, "name": n, "type": t} for s, e, i, n, t in mentions],
        "events": [event_json(e, doc.doc_key) for e in document_events(session, doc.id)],
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


@router.get(
    "/export",
    summary="The store as csv (register), jsonl (contract records), ftm, graphml or sipri (SIPRI's columns)",
)
def get_export(
    session: SessionDep, format: Literal["csv", "jsonl", "ftm", "graphml", "sipri"] = "csv"
) -> Response:
    buffer = io.StringIO()
    write_export(session, format, buffer)
    day = datetime.now(UTC).date().isoformat()
    name = (
        export_filename("export-sipri", {}, day, "csv")
        if format == "sipri"
        else export_filename("export", {}, day, format)
    )
    return Response(
        buffer.getvalue(),
        media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_write), Depends(require_json)],
    summary="Submit an article (text or HTML, with metadata): extracted, stored and fused",
)
def post_document(request: Request, body: SubmittedDocument) -> dict[str, Any]:
    return submit_article(request, body)


# ---- analyst review (armswatch.review) ---------------------------------------------------------------------

AnalystDep = Annotated[User, Depends(require_role("analyst"))]


class ReviewRequest(BaseModel):
    """A decision on an event: confirm it, reject it (with a reason), edit it (with changes) or move it
    into another case ({"case": CASE_ID}, or {"case": "new"} to split it off)."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field ("reson") is a 422, not silently dropped

    action: Literal["confirm", "reject", "edit", "move"]
    changes: dict[str, Any] | None = Field(
        None,
        description='The roles, status or date an edit changes: {"quantity": 12, "status": "order", "value": '
        '{"amount": 12000000, "currency": "EUR"}, "parties": ["France", "Egypt"]}; null removes a role.',
    )
    reason: str | None = Field(
        None, max_length=32, description="Why rejected: not_an_event, wrong_actors, duplicate or other."
    )
    note: str | None = Field(None, max_length=10_000)
    version: int | None = Field(
        None, ge=1, le=2**31 - 1, description="The event's version as loaded: a later change is a 409."
    )


@router.post(
    "/events/{event_id}/review",
    dependencies=[Depends(require_json)],
    summary="Confirm, reject or edit an event (analyst): its case is recomputed and the audit trail kept",
    responses={409: {"description": "The event changed since `version`: `current` holds its values"}},
)
def post_review(event_id: int, body: ReviewRequest, session: SessionDep, user: AnalystDep) -> Any:
    try:  # review_event checks the input (input_problem, then the contract): a ReviewError is a 422
        return review_event(
            session,
            event_id,
            body.action,
            by=user.name,
            changes=body.changes,
            reason=body.reason,
            note=body.note,
            version=body.version,
        )
    except StaleVersion as exc:  # never a silent overwrite: the reviewer gets what is there now
        session.rollback()
        return JSONResponse({"detail": str(exc), "current": exc.current}, status.HTTP_409_CONFLICT)
    except ReviewError as exc:  # unknown event (404), a bad edit, reason or action (422)
        session.rollback()
        raise HTTPException(exc.status, str(exc)) from None


@router.get(
    "/review/queue",
    dependencies=[Depends(require_role("analyst"))],
    summary="Unreviewed events, the riskiest case first (analyst)",
)
def get_review_queue(session: SessionDep, limit: int = Query(50, ge=1, le=1000)) -> list[dict[str, Any]]:
    return review_queue(session, limit)


@router.get("/audit", summary="The audit trail, newest first, by event, case or person")
def get_audit(
    session: SessionDep,
    event: int | None = Query(None, ge=1, le=2**31 - 1),
    case: int | None = Query(None, ge=1, le=2**31 - 1),
    by: str | None = Query(None, max_length=255),
    limit: int = Query(100, ge=1, le=10_000),
) -> list[dict[str, Any]]:
    return audit_entries(session, event_id=event, case_id=case, by=by, limit=limit)


@router.get(
    "/review/orphans",
    dependencies=[Depends(require_role("analyst"))],
    summary="Decisions a reprocess could not re-attach (analyst)",
)
def get_review_orphans(session: SessionDep) -> list[dict[str, Any]]:
    return orphaned_decisions(session)
