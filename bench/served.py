"""The app served by uvicorn in a separate process on 127.0.0.1, for the web benchmarks (web_bench, soak)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    """A port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    db_url: str, port: int, *, workers: int = 1, token: str | None = None
) -> subprocess.Popen[bytes]:
    """uvicorn serving create_app() with settings from the environment: this store, open reads, and the
    write token given (none: writes refused)."""
    env = {k: v for k, v in os.environ.items() if k not in ("ARMSWATCH_TOKEN", "ARMSWATCH_LOCK_READS")}
    env["ARMSWATCH_DB"] = db_url
    if token:
        env["ARMSWATCH_TOKEN"] = token
    command = [
        sys.executable, "-m", "uvicorn", "armswatch.web.app:create_app", "--factory",
        "--host", HOST, "--port", str(port), "--workers", str(workers), "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)


def wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{base_url}/api/register", params={"limit": 1}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {STARTUP_TIMEOUT_S:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)
