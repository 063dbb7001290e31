"""Users on the web: the REST API and the pages served by uvicorn on 127.0.0.1 (SQLite and PostgreSQL). A
user's bearer token or login names them; writes need an analyst (a reader gets 403, nobody 401); the
server's ARMSWATCH_TOKEN stays an admin token; the login cookie names the user without holding the token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse

from armswatch.pipeline import Pipeline
from armswatch.store import Store
from armswatch.users import User, add_user, remove_user
from armswatch.web.app import Settings, create_app
from armswatch.web.deps import current_user, require_role
from conftest import serve

TOKEN = "server-token-7d2e"
HTML = {"Accept": "text/html"}
ARTICLE = {
    "text": "Egypt has ordered 30 Rafale fighter jets from France, the Egyptian defence ministry said on "
    "Monday.",
    "published": "2025-06-02",
    "outlet": "Cairo Daily",
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def tokens(store: Store) -> dict[str, str]:
    """A reader, an analyst and an admin, by role: their tokens."""
    with store.session() as session:
        return {
            role: add_user(session, f"{role}-{role[0]}", role)[1] for role in ("reader", "analyst", "admin")
        }


def with_probe_routes(app: FastAPI) -> FastAPI:
    """Routes that declare the dependencies later routes will (review needs analyst, some admin)."""

    @app.get("/probe/admin", dependencies=[Depends(require_role("admin"))])
    def admin_only() -> dict[str, str]:
        return {"ok": "yes"}

    @app.get("/probe/me")
    def me(user: Annotated[User, Depends(require_role("reader"))]) -> dict[str, str | None]:
        return {"name": user.name, "role": user.role}

    @app.get("/probe/page", response_class=HTMLResponse)
    def analyst_page(user: Annotated[User, Depends(require_role("analyst"))]) -> str:
        return f"<p>hello {user.role}</p>"

    @app.get("/probe/who")
    def who(user: Annotated[User | None, Depends(current_user)]) -> dict[str, str | None]:
        return {"name": user.name if user else None}

    return app


@pytest.fixture
def client(store: Store, tokens: dict[str, str], pipeline: Pipeline) -> Iterator[httpx.Client]:
    """The app with ARMSWATCH_TOKEN set and reads locked, over a store with three users."""
    app = with_probe_routes(create_app(Settings(token=TOKEN, lock_reads=True), store))
    app.state.pipeline = pipeline
    with serve(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def test_api_roles(client: httpx.Client, store: Store, tokens: dict[str, str]) -> None:
    # Nobody: 401 for reads (locked) and writes.
    assert client.get("/api/register").status_code == 401
    nobody = client.post("/api/documents", json=ARTICLE)
    assert nobody.status_code == 401 and nobody.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/documents", json=ARTICLE, headers=bearer("aw_" + "x" * 43)).status_code == 401

    # A reader reads (also where reads are locked) but may not write: 403 naming the role needed.
    reader = bearer(tokens["reader"])
    assert client.get("/api/register", headers=reader).status_code == 200
    refused = client.post("/api/documents", json=ARTICLE, headers=reader)
    assert refused.status_code == 403, refused.text
    assert refused.json()["detail"] == "this needs the analyst role; reader-r is a reader"
    assert client.get("/api/search", params={"q": "Rafale"}, headers=reader).json()["results"] == []

    # An analyst writes.
    created = client.post("/api/documents", json=ARTICLE, headers=bearer(tokens["analyst"]))
    assert created.status_code == 201, created.text
    assert created.json()["stored"] is True

    # The server's ARMSWATCH_TOKEN is still an admin token: it reads, writes and passes admin checks.
    again = client.post(
        "/api/documents", json={**ARTICLE, "text": ARTICLE["text"] + " More."}, headers=bearer(TOKEN)
    )
    assert again.status_code == 201, again.text
    assert client.get("/probe/admin", headers=bearer(TOKEN)).json() == {"ok": "yes"}
    assert client.get("/probe/me", headers=bearer(TOKEN)).json() == {
        "name": "ARMSWATCH_TOKEN",
        "role": "admin",
    }

    # require_role: 401 without a token, 403 below the role, the user when it holds.
    assert client.get("/probe/admin").status_code == 401
    assert client.get("/probe/admin", headers=bearer(tokens["analyst"])).status_code == 403
    assert client.get("/probe/admin", headers=bearer(tokens["admin"])).status_code == 200
    assert client.get("/probe/me", headers=reader).json() == {"name": "reader-r", "role": "reader"}
    assert client.get("/probe/who").json() == {"name": None}

    # A removed user's token stops working at once.
    with store.session() as session:
        remove_user(session, "analyst-a")
    gone = client.post("/api/documents", json=ARTICLE, headers=bearer(tokens["analyst"]))
    assert gone.status_code == 401
    assert client.get("/api/register", headers=bearer(tokens["analyst"])).status_code == 401


def test_require_role_refuses_an_unknown_role() -> None:
    with pytest.raises(ValueError, match="unknown role 'reviewer'"):
        require_role("reviewer")


def test_users_without_a_server_token(store: Store, tokens: dict[str, str], pipeline: Pipeline) -> None:
    """With no ARMSWATCH_TOKEN but users, writes are open to analysts (and 401 to others, not 'disabled')."""
    app = create_app(Settings(token=None, lock_reads=False), store)
    app.state.pipeline = pipeline
    with serve(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        assert http.get("/api/register").status_code == 200  # reads open
        assert http.post("/api/documents", json=ARTICLE).status_code == 401
        assert http.post("/api/documents", json=ARTICLE, headers=bearer(TOKEN)).status_code == 401
        assert http.post("/api/documents", json=ARTICLE, headers=bearer(tokens["reader"])).status_code == 403
        assert http.post("/api/documents", json=ARTICLE, headers=bearer(tokens["admin"])).status_code == 201
        assert "no ARMSWATCH_TOKEN configured" not in http.get("/submit").text


def whoami(page: httpx.Response) -> str | None:
    """The name and role the header shows, or None when nobody is logged in."""
    found = re.search(
        r'<span class="who-name">(.*?)</span> <span class="who-role">(.*?)</span>', page.text, re.S
    )
    return f"{found.group(1)} {found.group(2)}" if found else None


def test_web_login_names_the_user(client: httpx.Client, tokens: dict[str, str]) -> None:
    # Reads are locked: a browser is sent to log in.
    assert client.get("/register", headers=HTML, follow_redirects=False).status_code == 303
    assert whoami(client.get("/login")) is None and 'href="/login"' in client.get("/login").text

    wrong = client.post("/login", data={"token": tokens["reader"] + "x"}, follow_redirects=False)
    assert wrong.status_code == 401 and "not valid" in wrong.text
    login = client.post(
        "/login", data={"token": tokens["reader"], "next": "/register"}, follow_redirects=False
    )
    assert login.status_code == 303 and login.headers["location"] == "/register"
    cookie = login.headers["set-cookie"]
    assert "armswatch_read=u." in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    value = client.cookies["armswatch_read"]
    assert tokens["reader"] not in value and tokens["reader"][:12] not in value  # never the token

    # The cookie says who the browser is: the header names them, and the API knows them too.
    page = client.get("/register", headers=HTML)
    assert page.status_code == 200 and whoami(page) == "reader-r reader"
    assert 'action="/logout"' in page.text
    assert client.get("/probe/who").json() == {"name": "reader-r"}
    assert client.get("/api/register").status_code == 200

    # A page that needs an analyst shows a reader a 403 page that says why.
    page = client.get("/probe/page", headers=HTML)
    assert page.status_code == 403 and "this needs the analyst role; reader-r is a reader" in page.text
    assert whoami(page) == "reader-r reader"

    # A reader may not submit (the analyst's write): 403 on the page and on the API.
    refused = client.post("/submit", data={"text": ARTICLE["text"], "published": ARTICLE["published"]})
    assert refused.status_code == 403 and "needs the analyst role" in refused.text
    assert client.post("/api/documents", json=ARTICLE).status_code == 403

    # An analyst logged in submits from the page without typing a token.
    client.post("/login", data={"token": tokens["analyst"]}, follow_redirects=False)
    form = client.get("/submit", headers=HTML)
    assert whoami(form) == "analyst-a analyst" and "you submit as analyst-a" in form.text
    stored = client.post(
        "/submit", data={"text": ARTICLE["text"], "published": ARTICLE["published"], "outlet": "Cairo Daily"}
    )
    assert stored.status_code == 201, stored.text
    assert 'id="submitted-events"' in stored.text

    # A forged cookie (another user's id under this signature) names nobody.
    user_id, _, signature = client.cookies["armswatch_read"][2:].partition(".")
    client.cookies.set("armswatch_read", f"u.{int(user_id) + 1}.{signature}")
    assert client.get("/register", headers=HTML, follow_redirects=False).status_code == 303

    # The server's token logs in as the admin it always was.
    client.cookies.clear()
    client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert whoami(client.get("/register", headers=HTML)) == "ARMSWATCH_TOKEN admin"

    # Logging out forgets the browser.
    out = client.post("/logout", follow_redirects=False)
    assert out.status_code == 303 and 'armswatch_read=""' in out.headers["set-cookie"]
    client.cookies.clear()
    assert client.get("/register", headers=HTML, follow_redirects=False).status_code == 303
    # A page that needs a role sends a browser with no login to log in and come back; an API client gets 401.
    sent = client.get("/probe/page?x=1", headers=HTML, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == "/login?next=%2Fprobe%2Fpage%3Fx%3D1"
    assert client.get("/probe/page").status_code == 401


def test_names_are_escaped_in_the_header(store: Store) -> None:
    with store.session() as session:
        _, token = add_user(session, '<script>alert("x")</script>', "analyst")
    app = create_app(Settings(token=None, lock_reads=False), store)
    with serve(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        http.post("/login", data={"token": token}, follow_redirects=False)
        page = http.get("/register", headers=HTML)
    assert "<script>alert" not in page.text
    assert whoami(page) == "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; analyst"
