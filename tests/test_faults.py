"""Faults, injected into real components: PostgreSQL lost behind a TCP proxy mid-ingest, SIGKILL of the
feed watcher and of a Dask worker mid-batch, a read-only SQLite file and a full disk. After each, the
store holds every document whole and once, and the command that failed said why in one line.

Every wait on the processes under test is gated on an observable state (a named pipe the ingest reads, an
HTTP request held open, a PostgreSQL row lock), never on a sleep; timeouts are only safety bounds."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from armswatch.fetch import FetchPolicy
from armswatch.pipeline import Pipeline, ingest
from armswatch.records import Document
from armswatch.sources import fetch_feed
from armswatch.store import (
    CaseRow,
    DocumentRow,
    EventRow,
    FeedStateRow,
    Store,
    content_hash,
    make_engine,
    open_store,
)
from conftest import LocalHandler, serving, write_articles

CLI = [sys.executable, "-m", "armswatch.cli"]
PG_HOST, PG_PORT = "127.0.0.1", 5432

SUPPLIERS = ["France", "Turkey", "South Korea", "Germany", "Italy", "Sweden", "Israel", "Brazil"]
RECIPIENTS = ["Indonesia", "Egypt", "Poland", "Chile", "Kenya", "Vietnam", "Peru", "Morocco", "Greece"]
ITEMS = ["armoured vehicles", "patrol boats", "attack helicopters", "howitzers", "frigates", "drones"]


def article_text(i: int, tag: str) -> str:
    supplier, recipient = SUPPLIERS[i % len(SUPPLIERS)], RECIPIENTS[(i * 4) % len(RECIPIENTS)]
    item = ITEMS[i % len(ITEMS)]
    return (
        f"{recipient} has ordered {i + 2} {item} from {supplier}, the defence ministry said on Monday. "
        f"The contract, worth ${10 + i} million, was signed in the capital, officials said. "
        f"Deliveries are expected to begin next year, according to the {tag} desk's report number {i}."
    )


def articles(n: int, tag: str) -> dict[str, tuple[str, str, str]]:
    """n short articles with distinct texts, as write_articles takes them."""
    return {f"{tag}-{i:02d}": ("Test Wire", "2025-02-03", article_text(i, tag)) for i in range(n)}


def jsonl_lines(items: dict[str, tuple[str, str, str]]) -> list[str]:
    return [
        json.dumps({"id": k, "text": t, "outlet": o, "published": p}) + "\n" for k, (o, p, t) in items.items()
    ]


def snapshot(store: Store) -> tuple[dict[str, list[str]], set[str]]:
    """Each document's events (type and roles) and the set of case keys."""
    with store.sessions() as session:
        events: dict[str, list[str]] = {key: [] for key in session.scalars(select(DocumentRow.doc_key))}
        for key, etype, roles in session.execute(
            select(DocumentRow.doc_key, EventRow.type, EventRow.roles).join(
                EventRow, EventRow.document_id == DocumentRow.id
            )
        ):
            events[key].append(json.dumps([etype, roles], sort_keys=True))
        cases = set(session.scalars(select(CaseRow.case_key)))
    return {k: sorted(v) for k, v in events.items()}, cases


def clean_run(pipeline: Pipeline, path: Path, folder: Path) -> tuple[dict[str, list[str]], set[str]]:
    """What an uninterrupted in-process ingest of the same input stores."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{folder / 'clean.db'}")
    summary = ingest(pipeline, [str(path)], store)
    assert summary.errors == 0
    result = snapshot(store)
    store.engine.dispose()
    return result


def doc_keys(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [r[0] for r in connection.execute(text("SELECT doc_key FROM documents"))]
    finally:
        engine.dispose()


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 180.0) -> None:
    """Poll a condition; the timeout is only a safety bound against a hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def one_line_error(stderr: str) -> str:
    """The failing command's stderr holds exactly one error line and no traceback; returns that line."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    return errors[0]


# ---- 1. PostgreSQL lost mid-ingest -----------------------------------------------------------------------


class CuttableProxy:
    """A TCP proxy on 127.0.0.1 in front of PostgreSQL. cut() closes every connection and the listening
    socket (new connections are refused); restore() listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port: int = probe.getsockname()[1]
        probe.close()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            self._close(end)

    def _close(self, end: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(end)
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            ends = list(self._sockets)
        for end in ends:
            self._close(end)


@pytest.fixture
def pg_proxy() -> Iterator[CuttableProxy]:
    proxy = CuttableProxy((PG_HOST, PG_PORT))
    proxy.restore()
    yield proxy
    proxy.cut()


def open_fifo_writer(fifo: Path, child: subprocess.Popen[Any]) -> Any:
    """Open the named pipe for writing once the child has opened it for reading (never blocks if it died)."""
    deadline = time.monotonic() + 180
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
        assert child.poll() is None, "the ingest exited before reading its input"
        assert time.monotonic() < deadline, "the ingest never opened its input"
        time.sleep(0.1)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "w", encoding="utf-8")


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_lost_mid_ingest_stops_with_one_line_and_a_rerun_completes(
    db_url: str, pipeline: Pipeline, pg_proxy: CuttableProxy, tmp_path: Path
) -> None:
    """The ingest reads a named pipe, so the cut lands at a known point: after the first batch is committed,
    while the ingest waits for more input. Then the input resumes against a database that is gone."""
    items = articles(40, "pg")
    full = write_articles(tmp_path / "input", items)
    open_store(db_url).engine.dispose()  # schema first, straight to the server
    via_proxy = db_url.replace(f"{PG_HOST}:{PG_PORT}", f"127.0.0.1:{pg_proxy.port}")
    assert via_proxy != db_url
    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    batch = Pipeline.batch_size  # the ingest parses in batches of this many documents
    lines = jsonl_lines(items)
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("w") as stderr:
        child = subprocess.Popen(
            [*CLI, "ingest", str(fifo), "--db", via_proxy, "--no-prefilter"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        writer = open_fifo_writer(fifo, child)
        writer.write("".join(lines[: batch + 4]))  # one whole batch and the start of the next
        writer.flush()
        wait_for(lambda: len(doc_keys(db_url)) >= batch or child.poll() is not None, "the first batch")
        assert child.poll() is None, stderr_path.read_text()
        committed = sorted(doc_keys(db_url))
        pg_proxy.cut()  # the server is gone for the ingest: its connection closed, new ones refused
        writer.write("".join(lines[batch + 4 :]))
        writer.close()
        returncode = child.wait(timeout=180)
    finally:
        if child.poll() is None:
            child.kill()
    error = one_line_error(stderr_path.read_text())
    assert returncode == 2
    assert "lost the connection to the database" in error and "127.0.0.1" in error, error
    assert sorted(doc_keys(db_url)) == committed == sorted(items)[:batch]  # committed documents stay

    pg_proxy.restore()
    rerun = subprocess.run(
        [*CLI, "ingest", str(full), "--db", via_proxy, "--no-prefilter"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    keys = doc_keys(db_url)
    assert sorted(keys) == sorted(items), "every document exactly once"
    store = open_store(db_url)
    assert snapshot(store) == clean_run(pipeline, full, tmp_path / "clean")
    store.engine.dispose()


# ---- 2. SIGKILL of the feed watcher ----------------------------------------------------------------------


def article_html(i: int) -> str:
    return (
        f"<!doctype html><html><head><title>Report {i}</title></head><body><nav>Home</nav><article>"
        f"<h1>Report {i}</h1><p>{article_text(i, 'feed')}</p><p>The announcement was made at a press "
        "conference on Tuesday, and officials said further details of the programme would follow later "
        "this year.</p></article></body></html>"
    )


class GatedFeed(ThreadingHTTPServer):
    """An RSS feed of `items` articles; the request for article `gate` is held until `release` is set."""

    def __init__(self, items: int, gate: int) -> None:
        super().__init__(("127.0.0.1", 0), GatedFeedHandler)
        self.items, self.gate = items, gate
        self.arrived, self.release = threading.Event(), threading.Event()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"


class GatedFeedHandler(LocalHandler):
    server: GatedFeed

    def do_GET(self) -> None:
        feed = self.server
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            items = "".join(
                f"<item><title>Report {i}</title><link>{feed.base}/news/{i}</link>"
                f"<guid>report-{i}</guid></item>"
                for i in range(feed.items)
            )
            body = (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
            )
            self.send(200, body.encode(), "application/rss+xml", {"ETag": '"v1"'})
        elif self.path.startswith("/news/"):
            i = int(self.path.rsplit("/", 1)[1])
            if i == feed.gate:
                feed.arrived.set()
                feed.release.wait(timeout=300)
            with contextlib.suppress(OSError):  # the watcher that asked may have been killed meanwhile
                self.send(200, article_html(i).encode())
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture
def gated_feed() -> Iterator[GatedFeed]:
    server = GatedFeed(items=12, gate=5)
    with serving(server):
        yield server
        server.release.set()  # let a held request finish before the server shuts down


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the feed bookkeeping is the same SQL on both
def test_watcher_killed_mid_round_then_once_stores_every_item_exactly_once(
    db_url: str, gated_feed: GatedFeed
) -> None:
    feed_url = f"{gated_feed.base}/feed.xml"
    open_store(db_url).engine.dispose()
    watcher = subprocess.Popen(
        [*CLI, "watch", feed_url, "--db", db_url, "--allow-private", "--interval", "1h"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # The watcher is ingesting: it has polled the feed and is fetching article `gate`.
        assert gated_feed.arrived.wait(timeout=180), "the watcher never fetched the gated article"
        assert watcher.poll() is None
        watcher.kill()  # SIGKILL: nothing after this point is written
        watcher.wait(timeout=30)
    finally:
        if watcher.poll() is None:
            watcher.kill()
        gated_feed.release.set()
    before = len(doc_keys(db_url))
    assert before < gated_feed.items

    again = subprocess.run(
        [*CLI, "watch", feed_url, "--db", db_url, "--allow-private", "--once"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    store = open_store(db_url)
    try:
        with store.sessions() as session:
            urls = list(session.scalars(select(DocumentRow.url)))
            state = session.get(FeedStateRow, feed_url)
            assert state is not None
            seen = list(state.seen)
        expected = [f"{gated_feed.base}/news/{i}" for i in range(gated_feed.items)]
        assert sorted(u or "" for u in urls) == sorted(expected), "every item once: none skipped or doubled"
        assert sorted(seen) == sorted(f"report-{i}" for i in range(gated_feed.items))
        # the round completed, so the validators were kept: the next poll is a conditional GET
        assert fetch_feed(feed_url, store, FetchPolicy(allow_private=True)).status == "not modified"
    finally:
        store.engine.dispose()


# ---- 3. SIGKILL of a Dask worker mid-batch -----------------------------------------------------------------


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_dask_worker_killed_mid_batch_the_run_completes_every_document_once(
    db_url: str, pipeline: Pipeline, tmp_path: Path
) -> None:
    """The test holds an uncommitted row with the content hash of one document, so the worker that reaches
    that document blocks inside its transaction (the unique index waits for the test's transaction), with
    the earlier documents of its batch committed. That worker is SIGKILLed; then the lock is let go."""
    import psutil
    import psycopg
    from dask.distributed import Client, LocalCluster

    from armswatch.scale import ingest_dask

    items = articles(24, "dask")
    path = write_articles(tmp_path / "input", items)
    batch_size, held = 4, 6  # the 7th document: third in the second batch
    held_text = items[sorted(items)[held]][2]
    open_store(db_url).engine.dispose()
    dbname = db_url.rsplit("/", 1)[1]
    blocker = psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname={dbname}")
    blocker.execute(
        "INSERT INTO documents (doc_key, content_hash, text, extractor_version, ingested_at) "
        "VALUES ('held', %s, 'held', 'test', now())",
        (content_hash(held_text),),
    )  # not committed: a concurrent insert of the same hash waits on this transaction

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["summary"] = ingest_dask(
                [str(path)],
                db_url,
                scheduler=cluster.scheduler_address,
                prefilter=False,
                batch_size=batch_size,
            )
        except BaseException as exc:  # reported by the assertions below
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        worker_pids = set(client.run(os.getpid).values())

        def blocked_port() -> int | None:
            with psycopg.connect(f"host={PG_HOST} port={PG_PORT} user=postgres dbname=test") as watcher:
                row = watcher.execute(
                    "SELECT client_port FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    (dbname,),
                ).fetchone()
            return int(row[0]) if row else None

        wait_for(
            lambda: blocked_port() is not None or not thread.is_alive(), "a worker to reach the held document"
        )
        assert thread.is_alive(), outcome
        port = blocked_port()
        victim = next(
            pid
            for pid in worker_pids
            if any(c.laddr and c.laddr.port == port for c in psutil.Process(pid).net_connections("tcp"))
        )
        os.kill(victim, 9)  # SIGKILL, mid-transaction
        blocker.rollback()  # the dead worker's transaction is aborted by the server; nothing of it commits
        thread.join(timeout=240)
        assert not thread.is_alive(), "the Dask run did not finish"
    finally:
        blocker.close()
        client.close()
        cluster.close()
    assert "error" not in outcome, outcome
    assert outcome["summary"].errors == 0
    assert sorted(doc_keys(db_url)) == sorted(items), "every document exactly once"
    store = open_store(db_url)
    assert snapshot(store) == clean_run(pipeline, path, tmp_path / "clean")
    store.engine.dispose()


# ---- 4. Read-only database and full disk (SQLite) ---------------------------------------------------------


def integrity(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def seeded_database(pipeline: Pipeline, folder: Path) -> tuple[Path, list[str]]:
    """A SQLite database holding a few documents, checkpointed (empty WAL); returns it and their keys."""
    db = folder / "armswatch.db"
    store = open_store(f"sqlite:///{db}")
    summary = ingest(pipeline, [str(write_articles(folder / "seed", articles(6, "seed")))], store)
    assert summary.documents == 6
    store.engine.dispose()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return db, sorted(doc_keys(f"sqlite:///{db}"))


@pytest.mark.long
@pytest.mark.parametrize("how", ["file-not-writable", "read-only-uri"])
def test_read_only_database_is_one_line_and_stays_intact(how: str, pipeline: Pipeline) -> None:
    """file-not-writable: the file is mode 0444. Root writes through file modes, so when the tests run as
    root the ingest runs without the capabilities that let it (setpriv), as any other owner would.
    read-only-uri: SQLite's own read-only open (file:...?mode=ro), which binds root too."""
    folder = Path(tempfile.mkdtemp(prefix="armswatch-ro-"))  # not under pytest's 0700 tmp root
    try:
        db, seeded = seeded_database(pipeline, folder)
        more = write_articles(folder / "more", articles(20, "ro"))
        prefix: list[str] = []
        url = f"sqlite:///{db}"
        if how == "read-only-uri":
            url = f"sqlite:///file:{db}?mode=ro&uri=true"
        else:
            db.chmod(0o444)
            if os.geteuid() == 0:
                setpriv = shutil.which("setpriv")
                if setpriv is None:
                    pytest.skip("running as root without setpriv: a 0444 file cannot stop root")
                # root without the capabilities that override file modes: a 0444 file stops it, and it
                # still reads the checkout and the venv wherever they live (a 0700 folder included)
                prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
        result = subprocess.run(
            [*prefix, *CLI, "ingest", str(more), "--db", url],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=folder,
        )
        error = one_line_error(result.stderr)
        assert result.returncode == 2
        assert "read-only" in error and "armswatch.db" in error, error
        assert integrity(db) == "ok"
        assert sorted(doc_keys(f"sqlite:///{db}")) == seeded
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.long
def test_full_disk_is_one_line_and_the_database_stays_intact(pipeline: Pipeline, tmp_path: Path) -> None:
    """The ingest runs with RLIMIT_FSIZE at the database file's size: a write past it fails with EFBIG (Python
    ignores SIGXFSZ), as a full disk fails with ENOSPC, in the middle of appending to the WAL."""
    db, seeded = seeded_database(pipeline, tmp_path)
    items = articles(40, "full")
    more = write_articles(tmp_path / "more", items)
    limit = db.stat().st_size

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [*CLI, "ingest", str(more), "--db", f"sqlite:///{db}", "--no-prefilter"],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_file_size,  # only setrlimit between fork and exec
    )
    error = one_line_error(result.stderr)
    assert result.returncode == 2
    assert "cannot write to the database" in error, error
    assert integrity(db) == "ok"
    store = open_store(f"sqlite:///{db}")
    try:
        with store.sessions() as session:
            stored = sorted(session.scalars(select(DocumentRow.doc_key)))
            n_events = dict(
                session.execute(
                    select(DocumentRow.doc_key, func.count(EventRow.id))
                    .outerjoin(EventRow, EventRow.document_id == DocumentRow.id)
                    .group_by(DocumentRow.doc_key)
                ).all()
            )
    finally:
        store.engine.dispose()
    assert set(seeded) <= set(stored), "previously stored documents are still there"
    assert len(stored) < len(seeded) + len(items), "the disk filled before the end"
    # whatever was committed is whole: each document has the events a clean extraction gives it
    texts = {
        **{k: t for k, (_, _, t) in articles(6, "seed").items()},
        **{k: t for k, (_, _, t) in items.items()},
    }
    fresh = {
        r.doc.id: len(r.events)
        for r in pipeline.extract(Document(id=k, text=texts[k], published="2025-02-03") for k in stored)
    }
    assert n_events == fresh
