"""Dependencies: database sessions per request, the bearer-token checks for writes (and, if locked, reads),
and the content-type check for JSON bodies."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from armswatch.store import Store

bearer = HTTPBearer(auto_error=False)


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_session(store: Store = Depends(get_store)) -> Iterator[Session]:
    with store.sessions() as session:
        yield session


def _token_ok(request: Request, credentials: HTTPAuthorizationCredentials | None) -> bool:
    token = request.app.state.settings.token
    if not (token and credentials):
        return False
    # Compared as bytes (compare_digest refuses str with non-ASCII characters, and a header may carry any):
    # the header's raw bytes (Starlette decodes headers as latin-1) against the token as UTF-8.
    given = credentials.credentials.encode("latin-1")
    return secrets.compare_digest(given, token.encode("utf-8", "surrogateescape"))


def require_write(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """Writes need the bearer token of ARMSWATCH_TOKEN; with no token configured, writes are refused."""
    if not request.app.state.settings.token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "writes are disabled: no ARMSWATCH_TOKEN is configured"
        )
    if not _token_ok(request, credentials):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_read(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """Reads are open unless the app is configured with lock_reads."""
    if request.app.state.settings.lock_reads and not _token_ok(request, credentials):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_json(request: Request) -> None:
    """A body declared as anything but JSON (application/json or a +json type) is refused with 415."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not (
        media_type.startswith("application/") and media_type.endswith("+json")
    ):
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"send the body as application/json, not {media_type or 'no content type'}",
        )
