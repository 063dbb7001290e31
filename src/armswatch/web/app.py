"""The web app: one FastAPI application serving the REST API (/api) and the pages. The store is opened
in create_app(settings), never at import time."""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from armswatch import __version__
from armswatch.store import Store, open_store
from armswatch.web.deps import reject_nul

MAX_BODY_BYTES = 8 * 1024 * 1024  # a 5,000,000-character article as JSON, with room for its metadata


class Settings(BaseSettings):
    """What the app needs to know: given as arguments, else read (and validated) from ARMSWATCH_* variables,
    e.g. ARMSWATCH_TOKEN, ARMSWATCH_LOCK_READS=yes, ARMSWATCH_MAX_BODY_BYTES."""

    model_config = SettingsConfigDict(env_prefix="ARMSWATCH_", extra="ignore")

    db: str | None = None  # a database URL; None: ARMSWATCH_DB, else the SQLite file
    token: str | None = None  # the admin token that allows writes (and reads, when they are locked)
    lock_reads: bool = False
    allow_private: bool = False  # may submitted URLs point at private or loopback addresses
    # The largest request body accepted, in bytes; a larger one is answered 413 without being read.
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, gt=0)

    @field_validator("db", "token", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return value or None  # ARMSWATCH_TOKEN= (set but empty) configures no token


def settings_problem(exc: ValidationError) -> str:
    """A settings error as one line naming the variable, e.g. 'ARMSWATCH_MAX_BODY_BYTES: ...'."""
    first = exc.errors()[0]
    name = "ARMSWATCH_" + str(first["loc"][0]).upper() if first["loc"] else "settings"
    return f"{name}: {first['msg']} (got {first.get('input')!r})"


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    from armswatch.web import api, pages, review, sipri

    settings = settings or Settings()
    app = FastAPI(
        title="armswatch",
        version=__version__,
        description="A sourced register of arms transfers and military cooperation, read from the news.",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
        # Starlette's RequestBodyLimitMiddleware around the whole app (API, pages, form posts): a declared
        # Content-Length over the limit is refused before any byte is read, and a streamed (chunked) body
        # is counted as it arrives and refused as soon as it passes the limit; both answer 413.
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.store = store or open_store(settings.db)
    app.state.pipeline = None  # the NLP model loads on the first submitted article
    app.include_router(api.router, prefix="/api")
    app.include_router(sipri.api_router, prefix="/api")
    # PostgreSQL text cannot hold NUL: the pages refuse it in query parameters as the API does (422).
    app.include_router(pages.login_router, dependencies=[Depends(reject_nul)])
    app.include_router(pages.router, dependencies=[Depends(reject_nul)])
    app.include_router(sipri.router, dependencies=[Depends(reject_nul)])
    app.include_router(review.router, dependencies=[Depends(reject_nul)])
    static = resources.files("armswatch.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    add_page_errors(app)
    return app


def add_page_errors(app: FastAPI) -> None:
    """People's URLs get HTML error pages with a way back; /api keeps its JSON errors."""
    from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    from armswatch.web.pages import error_page

    def for_people(request: Request) -> bool:
        return not request.url.path.startswith(("/api", "/static")) and "text/html" in request.headers.get(
            "accept", "text/html"
        )

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        asks_html = "text/html" in request.headers.get("accept", "")
        if for_people(request) and asks_html and exc.status_code == 401:
            # a page that needs a role (require_role), asked for by a browser with no login: log in, then
            # back (a client that names no type keeps the 401, as require_page_read gives it)
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        if for_people(request) and exc.status_code in (403, 404, 405, 422):
            message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
            response = error_page(request, exc.status_code, message)
            for name, value in (exc.headers or {}).items():
                response.headers[name] = value
            return response
        return await http_exception_handler(request, exc)

    async def on_invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if for_people(request):
            # name the value and what is wrong with it ("case_id: 'abc' is not valid: ... integer")
            fields = "; ".join(
                f"{e.get('loc', ['?'])[-1]}: {str(e.get('input'))[:80]!r} is not valid: {e.get('msg')}"
                for e in exc.errors()
            )
            return error_page(request, 422, f"This address has a value that cannot be read. {fields}.")
        return await request_validation_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_invalid)
