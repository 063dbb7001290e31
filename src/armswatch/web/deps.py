"""Dependencies: database sessions per request, who a request is from (a bearer token or the login cookie)
and the role checks for writes (and, if locked, reads), and the content-type check for JSON bodies."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

from fastapi import Depends, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from armswatch.store import Store
from armswatch.users import (
    ROLES,
    SERVER_ADMIN,
    User,
    any_users,
    as_bytes,
    same_secret,
    user_for_cookie,
    user_for_token,
)

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
    """Whether this is the server's ARMSWATCH_TOKEN (the admin token of set-ups without users)."""
    token = request.app.state.settings.token
    return bool(token) and same_secret(given, as_bytes(token))


def form_token(value: str) -> bytes:
    """A token typed into a form, as the bytes token_matches compares."""
    return as_bytes(value)


def token_holder(request: Request, given: bytes) -> User | None:
    """Who holds this token: the server's ARMSWATCH_TOKEN is an admin, a user's token is that user. (A sync
    route calls this; async code awaits user_of_token.)"""
    if token_matches(request, given):
        return SERVER_ADMIN
    store: Store = request.app.state.store
    with store.sessions() as session:
        return user_for_token(session, given)


async def user_of_token(request: Request, given: bytes) -> User | None:
    if token_matches(request, given):
        return SERVER_ADMIN
    store: Store = request.app.state.store
    return await run_read(store, lambda: token_holder(request, given))


async def user_of_cookie(request: Request) -> User | None:
    """Who the browser's login cookie names, or None."""
    value = request.cookies.get(READ_COOKIE)
    if not value:
        return None
    token = request.app.state.settings.token
    if token and same_secret(as_bytes(value), read_cookie_value(token).encode()):
        return SERVER_ADMIN
    store: Store = request.app.state.store

    def lookup() -> User | None:
        with store.sessions() as session:
            return user_for_cookie(session, value)

    return await run_read(store, lookup)


async def current_user(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> User | None:
    """Who the request is from: the bearer token's holder, else the login cookie's user, else None. FastAPI
    runs it once per request however many checks depend on it; it is kept as request.state.user for the
    pages' header (error pages included)."""
    user = None
    if credentials is not None:
        # Starlette decodes headers as latin-1: encoding back gives the header's raw bytes (UTF-8 for a
        # client that sent a non-ASCII token).
        user = await user_of_token(request, credentials.credentials.encode("latin-1"))
    request.state.user = user or await user_of_cookie(request)
    return request.state.user


def writes_enabled(request: Request) -> bool:
    """Whether anyone can write: an ARMSWATCH_TOKEN is set or a user has been added. (Sync; async code
    awaits writes_configured.)"""
    if request.app.state.settings.token:
        return True
    store: Store = request.app.state.store
    with store.sessions() as session:
        return any_users(session)


async def writes_configured(request: Request) -> bool:
    if request.app.state.settings.token:
        return True
    store: Store = request.app.state.store
    return await run_read(store, lambda: writes_enabled(request))


def require_role(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency that lets through a user with this role or a higher one, and returns them: 401 without
    a valid token or login, 403 for a lower role. Use as Depends(require_role("analyst"))."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")

    async def check(request: Request, user: User | None = Depends(current_user)) -> User:
        if user is None:
            if not await writes_configured(request):
                what = "logins are" if role == "reader" else "writes are"
                raise HTTPException(
                    status.HTTP_403_FORBIDDEN,
                    f"{what} disabled: no ARMSWATCH_TOKEN is configured and no user is added "
                    "(armswatch users add)",
                )
            raise token_required()
        if not user.can(role):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this needs the {role} role; {user.name} is a {user.role}"
            )
        return user

    return check


# Writes (submitting an article, and reviews to come) need an analyst: a reader may only read.
require_write = require_role("analyst")


def token_required() -> HTTPException:
    """The 401 for a request without a valid token (API clients send it as a bearer token)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "a valid bearer token is required",
        headers={"WWW-Authenticate": "Bearer"},
    )


READ_COOKIE = "armswatch_read"


def read_cookie_value(token: str) -> str:
    """The login cookie of the server's ARMSWATCH_TOKEN: an HMAC of the token, so the cookie never carries
    the token. (A user's login cookie is armswatch.users.login_cookie.)"""
    key = as_bytes(token)
    return hmac.new(key, b"armswatch read session", hashlib.sha256).hexdigest()


def read_allowed(request: Request, user: User | None) -> bool:
    """Reads are open unless lock_reads; then any user (a reader too), by bearer token or login cookie."""
    return not request.app.state.settings.lock_reads or user is not None


async def require_read(request: Request, user: User | None = Depends(current_user)) -> None:
    """Reads are open unless the app is configured with lock_reads."""
    if not read_allowed(request, user):
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
