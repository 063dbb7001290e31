"""The extract command end to end, as a user runs it (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from armswatch.contract import load_schema

CLI = [sys.executable, "-m", "armswatch.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def test_extract_bad_inputs_beside_good_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Egypt took delivery of four frigates from Germany last week, the navy said.", encoding="utf-8"
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    result = run(
        "extract",
        str(empty),
        str(good),
        str(binary),
        str(tmp_path / "missing.txt"),
        "--published",
        "2024-02-20",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("blob.txt" in line and "binary" in line for line in errors)
    assert any("missing.txt" in line and "no such file" in line for line in errors)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"]["id"] for r in records] == ["good"]
    assert records[0]["doc"]["published"] == "2024-02-20"
    jsonschema.validate(records[0], load_schema())


def test_extract_all_good_exits_zero_and_table_format(tmp_path: Path) -> None:
    good = tmp_path / "chile.txt"
    good.write_text(
        "Chile signed a contract to buy six C-390 transport aircraft from Brazil's Embraer.", encoding="utf-8"
    )
    result = run("extract", str(good), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "transfer" in result.stdout and "Chile" in result.stdout


@pytest.mark.long
def test_serve_with_two_workers_serves_the_store_from_both(tmp_path: Path) -> None:
    import socket
    import time

    import httpx
    import psutil

    articles = tmp_path / "a.jsonl"
    text = "Egypt took delivery of four frigates from Germany last week, the navy said."
    articles.write_text(json.dumps({"id": "a", "text": text, "published": "2024-02-20"}) + "\n")
    db = f"sqlite:///{tmp_path / 'served.db'}"
    assert run("ingest", str(articles), "--db", db).returncode == 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [*CLI, "serve", "--db", db, "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        rows: list[dict[str, object]] = []
        while time.monotonic() < deadline and not rows:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/register", timeout=5)
                rows = response.json()["rows"] if response.status_code == 200 else []
            except httpx.TransportError:
                time.sleep(0.3)
        assert [(r["supplier"], r["recipient"]) for r in rows] == [("Germany", "Egypt")]
        workers = [p for p in psutil.Process(server.pid).children(recursive=True) if "python" in p.name()]
        assert len(workers) >= 2  # uvicorn's worker processes (plus, possibly, its resource tracker)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert all(client.get("/api/register").json()["total"] == 1 for _ in range(20))
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.long
def test_extract_published_at_its_precision_and_an_unreadable_date_warns(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    lines = [
        {"id": "month", "text": "Egypt took delivery of four frigates from Germany.", "published": "2024-05"},
        {"id": "vague", "text": "Egypt took delivery of four frigates from Germany.", "published": "spring"},
    ]
    articles.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = run("extract", str(articles))
    assert result.returncode == 0, result.stderr  # a warning, not a failed input
    assert "Traceback" not in result.stderr
    assert "articles.jsonl:2" in result.stderr and "'published' is not a date" in result.stderr
    records = {r["doc"]["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["month"]["doc"]["published"] == "2024-05"
    assert records["vague"]["doc"]["published"] is None
    for record in records.values():
        jsonschema.validate(record, load_schema())

    text = tmp_path / "story.txt"
    text.write_text("Egypt took delivery of four frigates from Germany.", encoding="utf-8")
    for given, kept in (("2024", "2024"), ("2024-05-02T09:30:00Z", "2024-05-02"), ("soon", None)):
        result = run("extract", str(text), "--published", given)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["doc"]["published"] == kept
        assert ("warning" in result.stderr) is (kept is None)
