"""Hostile clients against the real app (served by uvicorn on 127.0.0.1, like test_api.py): SQL-injection
strings in every filter and path parameter, path traversal in static files and export names, oversized and
streamed bodies, wrong content types and malformed bearer tokens. Where the database matters (queries), on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from armswatch.cli import app as cli_app
from armswatch.pipeline import Pipeline, ingest
from armswatch.store import Store, open_store
from armswatch.web.app import MAX_BODY_BYTES, Settings
from conftest import write_articles
from test_api import AUTH, CLAIM_A, CLAIM_B, DENIAL_C, IRIS, J10, SUBMITTED, TOKEN, client_for

INJECTIONS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "') OR ('a'='a",
    '" OR ""="',
    '"; DROP TABLE cases; --',
    "'; DROP TABLE documents; --",
    "1; DELETE FROM entities",
    "' UNION SELECT name FROM sqlite_master --",
    "' UNION SELECT tablename FROM pg_tables --",
    "$$; DROP TABLE events; $$",
    "%",
    "%%",
    "_",
    "\\",
    "\\%",
    "\\'",
    "’ OR ‘1’=‘1",  # unicode quotes
    "＇ OR １=１ --",  # fullwidth apostrophe and digits
    "ʼ; DROP TABLE cases; --",  # modifier-letter apostrophe
    "*",
    'qqzz" OR "wwzz',  # FTS5 operators
    "NEAR(qqzz wwzz)",
    "qqzz AND NOT wwzz",
    "-- ",
    "/* */",
]
# The free-text filters (case-insensitive substring match): a real value with an injection appended must not
# match either, since the string is compared literally.
LIKE_FILTERS = ("supplier", "recipient", "item")
REGISTER_FILTERS = (*LIKE_FILTERS, "category", "type", "status")
# validated: 422 (category, type and status name known values; an unknown one says so instead of 0 rows)
REGISTER_CHECKED = (
    *("category", "type", "status"),
    *("since", "until", "contested", "sort", "order", "limit", "offset"),
)


@pytest.fixture
def loaded(store: Store, pipeline: Pipeline, tmp_path: Path) -> Store:
    """The store with test_api's three articles ingested (two cases: J-10C to Serbia, IRIS-T to Ukraine)."""
    path = write_articles(tmp_path, {"claim-a": CLAIM_A, "claim-b": CLAIM_B, "denial-c": DENIAL_C})
    assert ingest(pipeline, [str(path)], store).documents == 3
    return store


@pytest.fixture
def api(loaded: Store) -> Iterator[httpx.Client]:
    """A client on the open app (no token: reads open, writes refused)."""
    with client_for(loaded, Settings(token=None, lock_reads=False)) as client:
        yield client


def table_counts(store: Store) -> dict[str, int]:
    """Rows in every table of the schema."""
    from armswatch.store import Base

    with store.sessions() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def raw_request(base_url: str, head: bytes, *body: bytes) -> tuple[int, bytes]:
    """Send bytes as they are (no client-side path normalisation or body framing); read the response's
    status line and headers, and whatever body has arrived with them."""
    url = urlsplit(base_url)
    assert url.hostname and url.port
    with socket.create_connection((url.hostname, url.port), timeout=60) as sock:
        sock.sendall(head)
        for part in body:
            sock.sendall(part)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        headers, _, rest = data.partition(b"\r\n\r\n")
        length = next(
            (
                int(line.split(b":", 1)[1])
                for line in headers.split(b"\r\n")
                if line.lower().startswith(b"content-length:")
            ),
            0,
        )
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
    assert data.startswith(b"HTTP/1.1 "), data[:200]
    return int(data.split(b" ", 2)[1]), rest


def raw_get(base_url: str, path: str, headers: str = "") -> tuple[int, bytes]:
    return raw_request(
        base_url, f"GET {path} HTTP/1.1\r\nHost: test\r\n{headers}Connection: close\r\n\r\n".encode()
    )


# ---- SQL injection -----------------------------------------------------------------------------------------


def test_injection_strings_in_every_filter_match_nothing(api: httpx.Client, loaded: Store) -> None:
    """Each hostile string, in each filter of the register, events, entities and search (API and pages),
    is a literal value: no 5xx, no rows, and every table has the same rows afterwards."""
    before = table_counts(loaded)
    assert before["documents"] == 3 and before["cases"] == 2
    problems: list[str] = []

    def check(url: str, params: dict[str, str], expect: set[int], empty: str | None) -> None:
        response = api.get(url, params=params)
        if response.status_code not in expect:
            problems.append(f"{url} {params!r}: {response.status_code} {response.text[:200]}")
        elif empty and response.status_code == 200 and response.json()[empty]:
            problems.append(f"{url} {params!r}: rows returned: {response.json()[empty]}")

    for bad in INJECTIONS:
        for name in LIKE_FILTERS:
            check("/api/register", {name: bad}, {200}, "rows")
        for name in LIKE_FILTERS:
            check(
                "/api/register",
                {name: {"supplier": "China", "recipient": "Serbia", "item": "J-10C"}[name] + bad},
                {200},
                "rows",
            )
        for name in REGISTER_CHECKED:
            check("/api/register", {name: bad}, {422}, None)
        check("/api/events", {"type": bad}, {200}, "events")
        check("/api/events", {"actor": bad}, {200}, "events")
        check("/api/events", {"actor": "Germany" + bad}, {200}, "events")
        check("/api/entities", {"q": bad}, {200}, "entities")
        check("/api/entities", {"q": "china" + bad}, {200}, "entities")
        check("/api/entities", {"type": bad}, {200}, "entities")
        check("/api/search", {"q": bad}, {200}, "results")
        # full-text search matches words, so punctuation around a word is ignored; but never more rows
        found = api.get("/api/search", params={"q": "baseless" + bad})
        if found.status_code != 200 or {r["key"] for r in found.json()["results"]} - {"denial-c"}:
            problems.append(f"/api/search baseless{bad!r}: {found.status_code} {found.text[:200]}")
        check("/api/export", {"format": bad}, {422}, None)
        # the pages read the same filters: never a 5xx (a bad register filter is reported on the page)
        for name in (*REGISTER_FILTERS, "since", "until", "sort", "order", "page", "limit"):
            check("/register", {name: bad}, {200}, None)
            check("/register.csv", {name: bad}, {200}, None)
        check("/actors", {"name": bad}, {200, 404}, None)
        check("/search", {"q": bad}, {200}, None)
        for name in ("category", "since", "until"):
            check("/network.json", {name: bad}, {200, 422}, None)

    # NUL, which PostgreSQL text cannot hold: refused up front in any query parameter (API and pages)
    for url, name in [("/api/register", "supplier"), ("/api/events", "actor"), ("/api/entities", "q"),
                      ("/api/search", "q"), ("/register", "item"), ("/actors", "name"), ("/search", "q"),
                      ("/network.json", "since"), ("/register.csv", "recipient")]:  # fmt: skip
        check(url, {name: "China\x00' OR 1=1 --"}, {422}, None)
        check(url, {f"x\x00{name}": "1"}, {422}, None)

    assert not problems, "\n".join(problems)
    assert table_counts(loaded) == before
    rows = api.get("/api/register").json()["rows"]  # and the register still reads as before
    assert sorted((r["supplier"], r["recipient"], r["item"]) for r in rows) == sorted([J10, IRIS])
    assert [r["key"] for r in api.get("/api/search", params={"q": "baseless"}).json()["results"]] == [
        "denial-c"
    ]


def test_injection_strings_in_path_parameters(api: httpx.Client, loaded: Store) -> None:
    """Ids are integers: a hostile string in a path is a 422 (API) or a 4xx page, never a row or a 5xx."""
    before = table_counts(loaded)
    problems: list[str] = []
    for bad in [*INJECTIONS, "1 OR 1=1", "1; DROP TABLE cases", "1%00", "0x1", "1e3", "１", "-0"]:
        segment = quote(bad, safe="")
        for prefix in ("/api/cases/", "/api/entities/", "/api/documents/"):
            response = api.get(prefix + segment)
            if response.status_code not in (404, 422):
                problems.append(f"{prefix}{bad!r}: {response.status_code} {response.text[:200]}")
        for prefix in ("/cases/", "/actors/", "/documents/"):
            response = api.get(prefix + segment)
            if not 400 <= response.status_code < 500:
                problems.append(f"{prefix}{bad!r}: {response.status_code}")
    assert not problems, "\n".join(problems)
    assert table_counts(loaded) == before


# ---- path traversal ----------------------------------------------------------------------------------------

TRAVERSALS = [
    "/static/../app.py",
    "/static/../../armswatch/web/app.py",
    "/static/../templates/base.html",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static/..%2fapp.py",
    "/static/%2E%2E%2F%2E%2E%2F__init__.py",
    "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%5capp.py",
    "/static/..\\app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//app.py",
    "/static/%252e%252e%252fapp.py",
    "/static/%c0%ae%c0%ae/app.py",
    "/static/style.css/../../app.py",
    "/static/style.css%00.txt",
    "/static/%00",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/static/file:///etc/passwd",
]


def test_static_files_never_leave_the_static_folder(api: httpx.Client) -> None:
    base_url = str(api.base_url)
    static = resources.files("armswatch.web").joinpath("static")
    status, body = raw_get(base_url, "/static/style.css")
    assert status == 200 and body == static.joinpath("style.css").read_bytes()
    outside = [
        resources.files("armswatch.web").joinpath("app.py").read_bytes(),
        resources.files("armswatch.web").joinpath("templates", "base.html").read_bytes(),
    ]
    for path in TRAVERSALS:
        status, body = raw_get(base_url, path)
        assert 400 <= status < 500, (path, status, body[:200])
        assert b"root:" not in body and not any(body == text for text in outside), path
        assert b"def create_app" not in body and b"{% block" not in body, path


def test_export_names_are_fixed(api: httpx.Client) -> None:
    for fmt in ("csv", "jsonl", "ftm", "graphml"):
        response = api.get("/api/export", params={"format": fmt})
        assert response.status_code == 200
        day = r"\d{4}-\d{2}-\d{2}"  # the name carries the day (issue 13), never the request's text
        name = f'attachment; filename="armswatch-export-{day}\\.{fmt}"'
        assert re.fullmatch(name, response.headers["content-disposition"])
    for bad in [
        "../../etc/passwd",
        "csv/../../x",
        "..%2fcsv",
        "csv\r\nX-Injected: 1",
        'csv"; filename="evil.sh',
        "CSV",
        "csv ",
        "csv\x00",
        "graphml.exe",
        "",
    ]:
        response = api.get("/api/export", params={"format": bad})
        assert response.status_code == 422, (bad, response.text)
        assert "content-disposition" not in response.headers and "x-injected" not in response.headers
    # the register page's CSV download is named after its filters, cut to letters, digits and hyphens
    hostile = {"supplier": '../../x";\r\nX-Injected: 1', "item": "..\\..\\evil", "type": "../etc"}
    response = api.get("/register.csv", params=hostile)
    assert response.status_code == 200 and "x-injected" not in response.headers
    named = r"armswatch-register-transfer-supplier-x-x-injected-1-item-evil-\d{4}-\d{2}-\d{2}\.csv"
    assert re.fullmatch(f'attachment; filename="{named}"', response.headers["content-disposition"])


def test_cli_export_to_a_bad_path_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'armswatch.db'}"
    open_store(db).engine.dispose()
    runner = CliRunner()
    for output in (tmp_path / "no" / "such" / "folder" / "x.csv", tmp_path):
        result = runner.invoke(cli_app, ["export", "--format", "csv", "-o", str(output), "--db", db])
        assert result.exit_code == 1, result.output
        assert f"error: {output}:" in result.output and "Traceback" not in result.output
    good = tmp_path / "register.csv"
    result = runner.invoke(cli_app, ["export", "--format", "csv", "-o", str(good), "--db", db])
    assert result.exit_code == 0 and good.read_text().startswith("case,")


# ---- oversized bodies --------------------------------------------------------------------------------------

LIMIT = 1000


def post_head(path: str, headers: dict[str, str]) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: test", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def padded(body: dict[str, Any], size: int) -> bytes:
    """body as JSON, padded with trailing spaces (still valid JSON) to exactly size bytes."""
    data = json.dumps(body).encode()
    assert len(data) <= size
    return data + b" " * (size - len(data))


def test_oversized_bodies_are_refused_with_413(tmp_path: Path, pipeline: Pipeline) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    settings = Settings(token=TOKEN, lock_reads=False, max_body_bytes=LIMIT)
    headers = {**AUTH, "Content-Type": "application/json"}
    try:
        with client_for(store, settings, pipeline) as client:
            base_url = str(client.base_url)
            # a declared length over the limit: answered at once, though not one byte of the body is sent
            head = post_head("/api/documents", {**headers, "Content-Length": str(10**9)})
            assert raw_request(base_url, head)[0] == 413
            head = post_head(
                "/submit", {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(10**9)}
            )
            assert raw_request(base_url, head)[0] == 413
            # a streamed (chunked) body: refused once it passes the limit, before its last chunk is sent
            head = post_head("/api/documents", {**headers, "Transfer-Encoding": "chunked"})
            chunk = b"x" * 600
            status, _ = raw_request(base_url, head, b"%x\r\n%s\r\n" % (len(chunk), chunk) * 2)
            assert status == 413

            body = {**SUBMITTED, "text": SUBMITTED["text"] + " Unmistakablyoversized." * 200}
            response = client.post("/api/documents", json=body, headers=AUTH)
            assert response.status_code == 413, response.text
            response = client.post("/api/documents", content=padded(SUBMITTED, LIMIT + 1), headers=headers)
            assert response.status_code == 413
            response = client.post(  # streamed by httpx (chunked), 1100 bytes in all
                "/api/documents", content=iter([b" " * 600, padded(SUBMITTED, 500)]), headers=headers
            )
            assert response.status_code == 413
            assert client.get("/api/search", params={"q": "Unmistakablyoversized"}).json()["results"] == []
            assert client.get("/api/register").json()["total"] == 0  # nothing stored

            # at the limit, whole or streamed, a body is read and the article stored
            response = client.post("/api/documents", content=padded(SUBMITTED, LIMIT), headers=headers)
            assert response.status_code == 201, response.text
            data = padded({**SUBMITTED, "text": SUBMITTED["text"] + " Again."}, LIMIT)
            response = client.post("/api/documents", content=iter([data[:400], data[400:]]), headers=headers)
            assert response.status_code == 201, response.text
            assert client.get("/api/register").json()["total"] == 1
    finally:
        store.engine.dispose()


def test_default_body_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().max_body_bytes == MAX_BODY_BYTES == 8 * 1024 * 1024
    monkeypatch.setenv("ARMSWATCH_MAX_BODY_BYTES", "12345")
    assert Settings().max_body_bytes == 12345
    monkeypatch.delenv("ARMSWATCH_MAX_BODY_BYTES")
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    try:
        with client_for(store, Settings(token=TOKEN, lock_reads=False)) as client:
            base_url = str(client.base_url)
            for length in (MAX_BODY_BYTES + 1, 10**12):
                head = post_head(
                    "/api/documents",
                    {**AUTH, "Content-Type": "application/json", "Content-Length": str(length)},
                )
                assert raw_request(base_url, head)[0] == 413
            # under the limit, a body that is too long for the model is a 422, not a 413
            big = {"text": "x" * 5_000_001}
            response = client.post("/api/documents", json=big, headers=AUTH)
            assert response.status_code == 422, response.text[:300]
    finally:
        store.engine.dispose()


# ---- content types -----------------------------------------------------------------------------------------


def test_non_json_bodies_are_refused_with_415(tmp_path: Path, pipeline: Pipeline) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    body = json.dumps(SUBMITTED).encode()
    try:
        with client_for(store, Settings(token=TOKEN, lock_reads=False), pipeline) as client:
            for content_type in (
                "text/plain",
                "application/xml",
                "text/xml",
                "text/html",
                "text/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/octet-stream",
                "application/jsonx",
                "application/json-seq",
                "json",
                "*/*",
                "",
            ):
                headers = {**AUTH, "Content-Type": content_type} if content_type else AUTH
                response = client.post("/api/documents", content=body, headers=headers)
                assert response.status_code == 415, (content_type, response.text)
                assert "application/json" in response.json()["detail"]
            response = client.post("/api/documents", data={"text": SUBMITTED["text"]}, headers=AUTH)
            assert response.status_code == 415
            response = client.post(
                "/api/documents", content=b"<doc/>", headers={"Content-Type": "application/xml"}
            )
            assert response.status_code == 401  # the token is checked first
            assert client.get("/api/register").json()["total"] == 0

            for content_type in ("application/json; charset=utf-8", "Application/JSON"):
                response = client.post(
                    "/api/documents", content=body, headers={**AUTH, "Content-Type": content_type}
                )
                assert response.status_code == 201, (content_type, response.text)
            assert client.get("/api/register").json()["total"] == 1
    finally:
        store.engine.dispose()


# ---- tokens ------------------------------------------------------------------------------------------------

MALFORMED = [
    b"Bearer",
    b"Bearer ",
    b"Bearer    ",
    b"Bearer\t" + TOKEN.encode(),
    TOKEN.encode(),
    b"Token " + TOKEN.encode(),
    b"Bearer " + TOKEN.encode() + b"x",
    b"Bearer " + TOKEN[:-1].encode(),
    b"Bearer " + TOKEN.encode() + b" extra",
    b"Bearer " + TOKEN.upper().encode(),
    b"Bearer t\xf6k",  # latin-1
    b"Bearer \xff\xfe\xfd",  # not UTF-8 at all
    b"Bearer " + "tök".encode(),
    b"Bearer " + b"A" * 8000,
]


def test_malformed_tokens_are_401(tmp_path: Path) -> None:
    """Writes with a malformed, empty or wrong bearer token are 401 (and, with lock_reads, reads too);
    header bytes that are not ASCII or not UTF-8 are compared like any other wrong token, never a 500."""
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    body = json.dumps(SUBMITTED).encode()
    try:
        for lock_reads in (False, True):
            with client_for(store, Settings(token=TOKEN, lock_reads=lock_reads)) as client:
                base_url = str(client.base_url)
                for value in MALFORMED:
                    auth = b"Authorization: " + value + b"\r\n\r\n"
                    head = post_head(
                        "/api/documents",
                        {"Content-Type": "application/json", "Content-Length": str(len(body))},
                    )
                    assert raw_request(base_url, head[:-2] + auth, body)[0] == 401, value
                    for path in ("/api/register", "/register", "/api/entities/1"):
                        get = f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n".encode()
                        expected = 401 if lock_reads else (200 if path != "/api/entities/1" else 404)
                        assert raw_request(base_url, get + auth)[0] == expected, (path, value)
                assert client.get("/api/register", headers=AUTH).status_code == 200
                assert client.get("/api/register").status_code == (401 if lock_reads else 200)
    finally:
        store.engine.dispose()


def test_locked_reads_cover_the_pages_and_a_tokenless_server(loaded: Store) -> None:
    with client_for(loaded, Settings(token=TOKEN, lock_reads=True)) as client:
        for url in (
            "/",
            "/register",
            "/register.csv",
            "/cases/1",
            "/documents/1",
            "/actors",
            "/actors/1",
            "/network",
            "/network.json",
            "/search?q=jets",
            "/api/entities/1",
            "/api/documents/1",
        ):
            assert client.get(url).status_code == 401, url
            assert client.get(url, headers={"Authorization": "Bearer nope"}).status_code == 401, url
        assert client.get("/register", headers=AUTH).status_code == 200
        assert client.get("/static/style.css").status_code == 200  # assets hold no data
    # locked with no token configured: nothing can be read, and writes are disabled
    with client_for(loaded, Settings(token=None, lock_reads=True)) as client:
        for headers in ({}, AUTH, {"Authorization": "Bearer"}):
            assert client.get("/api/register", headers=headers).status_code == 401
            assert client.get("/register", headers=headers).status_code == 401
            assert client.post("/api/documents", json=SUBMITTED, headers=headers).status_code in (401, 403)


def test_a_non_ascii_token_is_compared_as_utf8(tmp_path: Path, pipeline: Pipeline) -> None:
    token = "tök-ü-7"
    store = open_store(f"sqlite:///{tmp_path / 'armswatch.db'}")
    body = json.dumps(SUBMITTED).encode()
    try:
        with client_for(store, Settings(token=token, lock_reads=False), pipeline) as client:
            base_url = str(client.base_url)
            for value, expected in ((token.encode(), 201), (token.encode("latin-1"), 401), (b"t?k-?-7", 401)):
                head = post_head(
                    "/api/documents", {"Content-Type": "application/json", "Content-Length": str(len(body))}
                )
                head = head[:-2] + b"Authorization: Bearer " + value + b"\r\n\r\n"
                assert raw_request(base_url, head, body)[0] == expected, value
    finally:
        store.engine.dispose()


def test_page_actor_lookups_match_wildcards_literally(api: httpx.Client) -> None:
    """The pages' actor lookup and search's actor list escape LIKE wildcards, as the API does."""
    listed = api.get("/actors", params={"name": "erb"}).text  # a fragment of "Serbia"
    assert 'href="/actors/' in listed
    for wildcard in ("%", "_", "%%", "_e%"):
        assert 'href="/actors/' not in api.get("/actors", params={"name": wildcard}).text, wildcard
        found = api.get("/search", params={"q": wildcard}).text
        assert 'class="ent ent-' not in found, wildcard
