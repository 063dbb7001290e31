"""Users: `armswatch users add|list|remove` as a person runs them (a real subprocess on a SQLite file),
and the store functions behind them on SQLite and PostgreSQL. A token is printed once; only its hash is
kept."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select

from armswatch.store import Store, UserRow, alembic_config, open_store
from armswatch.users import (
    PREFIX_LENGTH,
    ROLES,
    SERVER_ADMIN,
    User,
    UserError,
    add_user,
    any_users,
    list_users,
    login_cookie,
    remove_user,
    user_for_cookie,
    user_for_token,
)

CLI = [sys.executable, "-m", "armswatch.cli"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit code 2 and one line on stderr that says what is wrong, never a traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("error: ") and all(w in lines[0] for w in words), lines[0]


def database_bytes(folder: Path) -> bytes:
    """Every byte SQLite wrote for the database (the file and its WAL and shared-memory files)."""
    return b"".join(p.read_bytes() for p in sorted(folder.glob("users.db*")))


def test_cli_adds_lists_and_removes_users(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    added = run("users", "add", "alice", "--role", "analyst", "--db", db)
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert added.stdout == token + "\n"  # stdout is the token alone, for scripts
    assert token.startswith("aw_") and len(token) >= 40
    assert "alice (analyst)" in added.stderr and "shown this once" in added.stderr
    reader = run("users", "add", "Zoë Ng", "--db", db)  # the default role is the least one
    assert reader.returncode == 0, reader.stderr

    listed = run("users", "list", "--format", "json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(r["name"], r["role"]) for r in rows] == [("Zoë Ng", "reader"), ("alice", "analyst")]
    assert all(r["created"] for r in rows)
    assert token not in listed.stdout
    table = run("users", "list", "--db", db)
    assert "alice" in table.stdout and "analyst" in table.stdout and token not in table.stdout

    # The token was printed once: the database holds only its hash and a short lookup prefix.
    assert token.encode() not in database_bytes(tmp_path)
    with sqlite3.connect(tmp_path / "users.db") as connection:
        stored = connection.execute(
            "SELECT token_prefix, token_hash FROM users WHERE name = 'alice'"
        ).fetchone()
    assert stored[0] == token[:PREFIX_LENGTH] and stored[1].startswith("hmac-sha256$")
    assert token not in stored[1] and token[PREFIX_LENGTH:] not in stored[1]
    store = open_store(db)
    with store.sessions() as session:
        user = user_for_token(session, token)
    assert user is not None and (user.name, user.role) == ("alice", "analyst")

    one_line_error(run("users", "add", "alice", "--role", "admin", "--db", db), "alice", "already exists")
    one_line_error(run("users", "add", "bob", "--role", "boss", "--db", db), "boss", "reader, analyst, admin")
    one_line_error(run("users", "add", "  ", "--db", db), "name is empty")
    one_line_error(run("users", "add", "ARMSWATCH_TOKEN", "--db", db), "reserved")
    one_line_error(run("users", "remove", "carol", "--db", db), "no user named 'carol'")
    one_line_error(
        run("users", "list", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"), "cannot reach"
    )

    removed = run("users", "remove", "alice", "--db", db)
    assert removed.returncode == 0 and "removed alice" in removed.stdout
    one_line_error(run("users", "remove", "alice", "--db", db), "no user named 'alice'")
    names = [r["name"] for r in json.loads(run("users", "list", "--format", "json", "--db", db).stdout)]
    assert names == ["Zoë Ng"]
    every = json.loads(run("users", "list", "--all", "--format", "json", "--db", db).stdout)
    assert [(r["name"], bool(r["removed"])) for r in every] == [("Zoë Ng", False), ("alice", True)]
    with store.sessions() as session:
        assert user_for_token(session, token) is None  # a removed user's token stops working

    # The name can be given again: a new token, the old one still dead.
    again = run("users", "add", "alice", "--role", "admin", "--db", db)
    assert again.returncode == 0, again.stderr
    new_token = again.stdout.strip()
    assert new_token != token
    with store.sessions() as session:
        assert user_for_token(session, token) is None
        back = user_for_token(session, new_token)
        assert back is not None and back.role == "admin"
    store.engine.dispose()


def test_store_functions(store: Store) -> None:
    """add_user, list_users, remove_user, user_for_token and the login cookie, on SQLite and PostgreSQL."""
    with store.session() as session:
        assert not any_users(session)
        tokens = {role: add_user(session, f"{role} one", role)[1] for role in ROLES}
    with store.sessions() as session:
        assert any_users(session)
        assert [(u.name, u.role) for u in list_users(session)] == [
            ("admin one", "admin"),
            ("analyst one", "analyst"),
            ("reader one", "reader"),
        ]
        stored = session.scalars(select(UserRow.token_hash)).all()
        assert not any(t in h for t in tokens.values() for h in stored)
        found = {role: user_for_token(session, token) for role, token in tokens.items()}
        assert {role: (u.name, u.role) for role, u in found.items() if u} == {
            r: (f"{r} one", r) for r in ROLES
        }
        analyst = found["analyst"]
        assert analyst is not None
        # A token that shares the lookup prefix but not the rest, an empty one, and a stranger's: nobody.
        forged = tokens["analyst"][:PREFIX_LENGTH] + "x" * 43
        for wrong in (forged, "", "aw_", "not-a-token", tokens["analyst"] + "x", "aw_\udcff" * 10):
            assert user_for_token(session, wrong) is None, wrong
        assert user_for_token(session, tokens["analyst"].encode()) == analyst  # bytes from a header

        cookie = login_cookie(session, analyst)
        assert cookie.startswith("u.") and tokens["analyst"] not in cookie
        assert user_for_cookie(session, cookie) == analyst
        user_id, _, signature = cookie[2:].partition(".")
        reader = found["reader"]
        assert reader is not None and reader.id is not None
        for tampered in (
            f"u.{reader.id}.{signature}",  # another user's id under this signature
            f"u.{user_id}.{signature[:-1]}0" if signature[-1] != "0" else f"u.{user_id}.{signature[:-1]}1",
            f"u.{user_id}.",
            f"u.{user_id}",
            "u.x.y",
            "u.²." + signature,
            "u.99999999999999999999." + signature,
            signature,
        ):
            assert user_for_cookie(session, tampered) is None, tampered

    assert SERVER_ADMIN.can("admin") and analyst.can("reader") and analyst.can("analyst")
    assert not analyst.can("admin") and not User("r", "reader").can("analyst")

    with store.session() as session:
        with pytest.raises(UserError, match="already exists"):
            add_user(session, "analyst one", "reader")
        with pytest.raises(UserError, match="unknown role 'superuser'"):
            add_user(session, "someone", "superuser")
        with pytest.raises(UserError, match="control"):
            add_user(session, "bad\x00name", "reader")
        with pytest.raises(UserError, match="longer than 255"):
            add_user(session, "n" * 256, "reader")
        assert remove_user(session, "analyst one").name == "analyst one"
        with pytest.raises(UserError, match="no user named 'analyst one'"):
            remove_user(session, "analyst one")
    with store.sessions() as session:
        assert user_for_token(session, tokens["analyst"]) is None
        assert user_for_cookie(session, cookie) is None  # a removal ends the browser's login too
        assert [u.name for u in list_users(session)] == ["admin one", "reader one"]
        assert [u.name for u in list_users(session, include_removed=True)] == [
            "admin one",
            "analyst one",
            "reader one",
        ]


def test_migration_0007_goes_down_and_up(db_url: str) -> None:
    """The users table comes with migration 0007 and goes with its downgrade, on both databases."""
    store = open_store(db_url)
    with store.session() as session:
        add_user(session, "alice", "analyst")
    assert "users" in inspect(store.engine).get_table_names()
    command.downgrade(alembic_config(store.engine), "0006")
    assert "users" not in inspect(store.engine).get_table_names()
    store.engine.dispose()
    store = open_store(db_url)  # back to head
    with store.sessions() as session:
        assert list_users(session) == []
    store.engine.dispose()
