"""The register beside SIPRI's, on the web: the reconciliation page (the three lists and the differences)
with an upload form for analysts, and its JSON at /api/sipri. The register and case pages read the same
kept rows for their "SIPRI" and "not in SIPRI" badges (armswatch.reconcile.sipri_badges)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from armswatch.reconcile import (
    Reconciliation,
    SipriFileError,
    difference_text,
    keep_sipri_rows,
    kept_reconciliation,
    kept_upload,
    transfer_cases,
)
from armswatch.web.deps import get_session, require_read, writes_enabled
from armswatch.web.pages import render, require_page_read

router = APIRouter(dependencies=[Depends(require_page_read)], include_in_schema=False)
api_router = APIRouter(dependencies=[Depends(require_read)])

# The most rows each list shows on the page; the JSON has them all.
PAGE_ROWS = 500


def page_context(session: Session) -> dict[str, Any]:
    """What the reconciliation page shows: the kept upload, and the three lists with our cases' values."""
    upload = kept_upload(session)
    result = kept_reconciliation(session) if upload is not None else None
    context: dict[str, Any] = {"title": "SIPRI", "upload": upload, "result": result, "limit": PAGE_ROWS}
    if result is not None:
        shown = {m["case"] for m in result.matched[:PAGE_ROWS]}
        context["ours"] = {r["case"]: r for r in transfer_cases(session, shown)}
        context["difference_text"] = difference_text
    return context


def may_upload(request: Request) -> bool:
    user = getattr(request.state, "user", None)
    return bool(user is not None and user.can("analyst"))


@router.get("/sipri", response_class=Response)
def sipri_page(request: Request, session: Session = Depends(get_session)) -> Response:
    """The register set beside the last SIPRI trade register an analyst uploaded."""
    context = page_context(session)
    return render(request, "sipri.html", {**context, "may_upload": may_upload(request)})


@router.post("/sipri", response_class=Response)
def sipri_upload(
    request: Request, session: Session = Depends(get_session), sipri: UploadFile = File(...)
) -> Response:
    """An analyst's SIPRI CSV: kept in place of the last one (only if it reads as SIPRI's register)."""

    def refuse(message: str, status_code: int) -> Response:
        context = {**page_context(session), "may_upload": may_upload(request), "error": message}
        return render(request, "sipri.html", context, status_code)

    user = getattr(request.state, "user", None)
    if user is None:
        configured = writes_enabled(request)
        return refuse("Log in as an analyst to upload." if configured else "No users are configured.", 401)
    if not user.can("analyst"):
        return refuse(f"Uploading needs the analyst role; {user.name} is a {user.role}.", 403)
    name = Path(sipri.filename or "sipri.csv").name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        with path.open("wb") as out:
            shutil.copyfileobj(sipri.file, out)  # a big export streams to disk, never whole into memory
        try:
            keep_sipri_rows(session, path, by=user.name, filename=name)
        except SipriFileError as exc:
            session.rollback()
            return refuse(str(exc).replace(str(path), name), 422)
    context = {**page_context(session), "may_upload": True, "uploaded": True}
    return render(request, "sipri.html", context, 201)


def reconciliation_json(result: Reconciliation, upload: Any) -> dict[str, Any]:
    return {
        "file": upload.filename,
        "uploaded_at": upload.uploaded_at.isoformat() if upload.uploaded_at else None,
        "uploaded_by": upload.uploaded_by,
        **result.to_dict(verbose=True),
    }


@api_router.get("/sipri", summary="The register reconciled with the last uploaded SIPRI trade register")
def get_sipri(session: Session = Depends(get_session)) -> dict[str, Any]:
    upload = kept_upload(session)
    result = kept_reconciliation(session) if upload is not None else None
    if upload is None or result is None:
        raise HTTPException(404, "no SIPRI trade register has been uploaded (the /sipri page, analyst role)")
    return reconciliation_json(result, upload)
