"""Dependencies: database sessions per request, the bearer-token checks for writes (and, if locked, reads),
and the content-type check for JSON bodies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from fastapi import Depends, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from armswatch.store import Store

bearer = HTTPBearer(auto_error=False)


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_session(store: Store = Depends(get_store)) -> AsyncIterator[Session]:
    # async: opening a session does no I/O, and a sync dependency would cost two thread hops per request
    with store.sessions() as session:
        yield session


T = TypeVar("T")


async def run_read(store: Store, work: Callable[[], T]) -> T:
    """Run a read on the store: inline for SQLite, an in-process lookup of a millisecond or two (a thread
    hop would only add GIL hand-offs, which stretch the slowest requests under load); on the thread pool
    for a database server, so that waiting on the network never blocks the event loop."""
    if store.engine.dialect.name == "sqlite":
        return work()
    return await run_in_threadpool(work)


def token_matches(request: Request, given: bytes) -> bool:
    """The one token check, for the bearer header, the login form and the submit form alike: in constant
    time, as bytes (compare_digest refuses str with non-ASCII characters, and a header may carry any)."""
    token = request.app.state.settings.token
    return bool(token and given) and secrets.compare_digest(given, token.encode("utf-8", "surrogateescape"))


def form_token(value: str) -> bytes:
    """A token typed into a form, as the bytes token_matches compares."""
    return value.encode("utf-8", "surrogateescape")


def _token_ok(request: Request, credentials: HTTPAuthorizationCredentials | None) -> bool:
    # Starlette decodes headers as latin-1: encoding back gives the header's raw bytes (UTF-8 for a client
    # that sent a non-ASCII token).
    return credentials is not None and token_matches(request, credentials.credentials.encode("latin-1"))


def require_write(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """Writes need the bearer token of ARMSWATCH_TOKEN; with no token configured, writes are refused."""
    if not request.app.state.settings.token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "writes are disabled: no ARMSWATCH_TOKEN is configured"
        )
    if not _token_ok(request, credentials):
        raise token_required()


def token_required() -> HTTPException:
    """The 401 for a request without a valid token (API clients send it as a bearer token)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "a valid bearer token is required",
        headers={"WWW-Authenticate": "Bearer"},
    )


READ_COOKIE = "armswatch_read"


def read_cookie_value(token: str) -> str:
    """What the browser's login cookie holds: an HMAC of the token, so the cookie never carries the token."""
    key = token.encode("utf-8", "surrogateescape")
    return hmac.new(key, b"armswatch read session", hashlib.sha256).hexdigest()


def _cookie_ok(request: Request) -> bool:
    token = request.app.state.settings.token
    value = request.cookies.get(READ_COOKIE)
    if not (token and value):
        return False
    return secrets.compare_digest(value.encode("utf-8", "surrogateescape"), read_cookie_value(token).encode())


def read_allowed(request: Request, credentials: HTTPAuthorizationCredentials | None) -> bool:
    """Reads are open unless lock_reads; then a bearer token (API clients) or the login cookie (browsers)."""
    settings = request.app.state.settings
    return not settings.lock_reads or _token_ok(request, credentials) or _cookie_ok(request)


async def require_read(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """Reads are open unless the app is configured with lock_reads."""
    if not read_allowed(request, credentials):
        raise token_required()


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


async def reject_nul(request: Request) -> None:
    """PostgreSQL text cannot hold NUL: refuse it in any query parameter instead of failing with a 500."""
    if any("\x00" in key or "\x00" in value for key, value in request.query_params.multi_items()):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "NUL characters are not allowed")
