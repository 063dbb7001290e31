"""Submitting an article over the web: the body both the API and the submit page accept, handed to the
pipeline's one submit service (armswatch.pipeline.submit)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from pydantic import BaseModel, Field

from armswatch.fetch import FetchPolicy
from armswatch.pipeline import Pipeline, SubmitRefused, submit
from armswatch.query import document_events
from armswatch.store import Store


class SubmittedDocument(BaseModel):
    text: str | None = Field(None, max_length=5_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2048)
    id: str | None = Field(None, max_length=255)
    title: str | None = Field(None, max_length=1000)
    # any text: a value that is no date is read as unknown, with a warning in the response
    published: str | None = Field(None, max_length=64)
    outlet: str | None = Field(None, max_length=255)


def app_pipeline(app: FastAPI) -> Pipeline:
    """The app's pipeline, loaded on the first submitted article (the NLP model takes seconds to load)."""
    if app.state.pipeline is None:
        app.state.pipeline = Pipeline()
    pipeline: Pipeline = app.state.pipeline
    return pipeline


def submit_article(request: Request, body: SubmittedDocument) -> dict[str, Any]:
    """Extract, store and fuse one article; a refused one is a 422 that says why."""
    app = request.app
    store: Store = app.state.store
    policy = FetchPolicy(allow_private=app.state.settings.allow_private)
    try:
        result = submit(lambda: app_pipeline(app), store, body.model_dump(), policy)
    except SubmitRefused as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    with store.sessions() as session:
        links = [
            {
                "event": e.id,
                "type": e.type,
                "case": e.case_id,
                "case_url": f"/api/cases/{e.case_id}" if e.case_id else None,
            }
            for e in document_events(session, result.document_id)
        ]
    return {
        "document": result.document_id,
        "stored": result.stored,
        "duplicate_of": result.duplicate_of,
        "document_url": f"/api/documents/{result.document_id}",
        "events": links,
        "warnings": result.warnings,
    }
