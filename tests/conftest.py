"""Shared fixtures: one loaded pipeline per test session (the spaCy model loads once)."""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from armswatch.evaluation import corpus_documents
from armswatch.pipeline import Pipeline
from armswatch.records import Document
from armswatch.store import Store
from armswatch.web.app import Settings, create_app

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OWN_CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Extract one text and return its record as a contract dict."""

    def run(text: str, published: str | None = "2024-06-12") -> dict[str, Any]:
        record = next(pipeline.extract([Document(id="t", text=text, published=published)]))
        return record.to_dict()

    return run


@pytest.fixture(scope="session")
def corpus_records(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """A gold corpus's predicted records (contract dicts), extracted once per test session."""
    cache: dict[Path, list[dict[str, Any]]] = {}

    def records(corpus: Path) -> list[dict[str, Any]]:
        if corpus not in cache:
            cache[corpus] = [r.to_dict() for r in pipeline.extract(corpus_documents(corpus))]
        return cache[corpus]

    return records


def events_of(record: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in record["events"] if e["type"] == etype]


PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty database per test: a SQLite file, and a PostgreSQL database made for the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'armswatch.db'}"
        return
    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is not reachable (CI must start it)")
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    import psycopg

    name = f"armswatch_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        from sqlalchemy import create_engine

        create_engine(PG_ADMIN_URL).dispose()
        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    from armswatch.store import open_store

    opened = open_store(db_url)
    yield opened
    opened.engine.dispose()


def write_articles(folder: Path, articles: dict[str, tuple[str, str, str]]) -> Path:
    """Write {doc id: (outlet, published, text)} as one JSONL bulk file; returns its path."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for doc_id, (outlet, published, text) in articles.items():
            record = {"id": doc_id, "text": text, "outlet": outlet, "published": published}
            handle.write(json.dumps(record) + "\n")
    return path


class LocalHandler(BaseHTTPRequestHandler):
    """A request handler for the tests' HTTP servers on 127.0.0.1: quiet, with one way to answer."""

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send(
        self,
        code: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(httpd: ThreadingHTTPServer) -> Iterator[str]:
    """Serve a server bound on 127.0.0.1 from a daemon thread; yields its base URL, then shuts it down."""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run app with uvicorn on a free loopback port in a background thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(1000):  # up to 10 s
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.01)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def client_for(store: Store, settings: Settings, pipeline: Pipeline | None = None) -> Iterator[httpx.Client]:
    """An httpx client on the real app (over store, with settings) served by uvicorn."""
    app = create_app(settings, store)
    if pipeline is not None:
        app.state.pipeline = pipeline  # share the test session's loaded model instead of loading another
    with serve(app) as base_url, httpx.Client(base_url=base_url, timeout=60) as client:
        yield client
