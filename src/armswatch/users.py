"""Users: named people with a role (reader < analyst < admin) and an API token. The CLI and the web app both
call these functions; this module is also the one place where secrets are compared.

A token is "aw_" and 43 characters of secrets.token_urlsafe (256 random bits). It is shown once; the store
keeps its first characters as a lookup prefix and an HMAC-SHA256 of the whole token, keyed with a random
per-token salt ("hmac-sha256$SALT$DIGEST"). A fast keyed hash is enough here (no scrypt or bcrypt): those
slow down guessing a password a person chose, and a 256-bit random token cannot be guessed at any speed."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from armswatch.store import UserRow

# In rising order of what they may do: a reader reads (also where reads are locked), an analyst also
# writes and reviews, an admin may do everything.
ROLES = ("reader", "analyst", "admin")
TOKEN_MARK = "aw_"
PREFIX_LENGTH = 12  # "aw_" and 9 random characters (54 bits): the row to check, almost always one
HASH_SCHEME = "hmac-sha256"
MAX_NAME = 255
# Who a request holding the server's ARMSWATCH_TOKEN is: an admin with no row, named after the variable.
SERVER_TOKEN_NAME = "ARMSWATCH_TOKEN"
COOKIE_MARK = "u."


class UserError(ValueError):
    """A users command that cannot be done: one line naming the name or role and the problem."""


@dataclass(frozen=True)
class User:
    """Who a request or a command acts as. id is None for the server's ARMSWATCH_TOKEN."""

    name: str
    role: str
    id: int | None = None
    created_at: datetime | None = None
    removed_at: datetime | None = None

    def can(self, role: str) -> bool:
        """Whether this user's role is the given one or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


SERVER_ADMIN = User(name=SERVER_TOKEN_NAME, role="admin")


def same_secret(given: bytes, expected: bytes) -> bool:
    """The one comparison of secrets: in constant time, as bytes (compare_digest refuses str with
    non-ASCII characters, and a header or form may carry any)."""
    return bool(given and expected) and hmac.compare_digest(given, expected)


def as_bytes(value: str | bytes) -> bytes:
    """A token as the bytes compared (surrogateescape: a form or header may carry anything)."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogateescape")


def new_token() -> str:
    return TOKEN_MARK + secrets.token_urlsafe(32)


def hash_token(token: str | bytes, salt: bytes | None = None) -> str:
    """The stored form of a token: the scheme, the salt and the HMAC-SHA256 of the token under the salt."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hmac.new(salt, as_bytes(token), hashlib.sha256).hexdigest()
    return f"{HASH_SCHEME}${salt.hex()}${digest}"


def token_hash_matches(token: str | bytes, stored: str) -> bool:
    scheme, _, rest = stored.partition("$")
    salt_hex, _, _digest = rest.partition("$")
    if scheme != HASH_SCHEME:
        return False
    try:
        salt = bytes.fromhex(salt_hex)
    except ValueError:
        return False
    return same_secret(hash_token(token, salt).encode(), stored.encode())


def _user(row: UserRow) -> User:
    return User(row.name, row.role, row.id, row.created_at, row.removed_at)


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise UserError("the name is empty")
    if len(name) > MAX_NAME:
        raise UserError(f"the name is longer than {MAX_NAME} characters")
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise UserError(f"the name {name!r} holds control or invisible characters")
    if name == SERVER_TOKEN_NAME:
        raise UserError(f"the name {name} is reserved for the server's token")
    return name


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def add_user(session: Session, name: str, role: str) -> tuple[User, str]:
    """Add a user and return them with their new token (the only time it exists in clear). A removed
    user's name can be added again: the row comes back with the new role and token."""
    name, role = _checked_name(name), _checked_role(role)
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is not None and row.removed_at is None:
        raise UserError(f"a user named {name!r} already exists")
    token = new_token()
    now = datetime.now(UTC)
    if row is None:
        row = UserRow(name=name)
        session.add(row)
    row.role, row.token_prefix, row.token_hash = role, token[:PREFIX_LENGTH], hash_token(token)
    row.created_at, row.removed_at = now, None
    session.flush()
    return _user(row), token


def list_users(session: Session, include_removed: bool = False) -> list[User]:
    """The users by name; removed ones only when asked."""
    query = select(UserRow).order_by(UserRow.name)
    if not include_removed:
        query = query.where(UserRow.removed_at.is_(None))
    return [_user(row) for row in session.scalars(query)]


def remove_user(session: Session, name: str) -> User:
    """Remove a user: their token and login stop working; the row stays so their name stays on what they
    did."""
    row = session.scalar(select(UserRow).where(UserRow.name == name.strip()))
    if row is None or row.removed_at is not None:
        raise UserError(f"no user named {name.strip()!r}")
    row.removed_at = datetime.now(UTC)
    session.flush()
    return _user(row)


def any_users(session: Session) -> bool:
    return session.scalar(select(UserRow.id).where(UserRow.removed_at.is_(None)).limit(1)) is not None


def user_for_token(session: Session, token: str | bytes) -> User | None:
    """The active user whose token this is, or None."""
    given = as_bytes(token)
    if not given.startswith(TOKEN_MARK.encode()) or len(given) < PREFIX_LENGTH:
        return None
    prefix = given[:PREFIX_LENGTH].decode("ascii", "replace")
    rows = session.scalars(
        select(UserRow).where(UserRow.token_prefix == prefix, UserRow.removed_at.is_(None))
    )
    return next((_user(row) for row in rows if token_hash_matches(given, row.token_hash)), None)


# ---- login cookies: who a browser is, signed with a key derived from the stored hash ----------------------


def _cookie_signature(token_hash: str) -> str:
    # Keyed with the stored hash: every worker process can check it with no shared secret to configure, a
    # new token (users add again) or a removal ends the login, and the cookie never holds the token.
    return hmac.new(token_hash.encode(), b"armswatch login", hashlib.sha256).hexdigest()


def login_cookie(session: Session, user: User) -> str:
    """The login cookie's value for a user: "u.ID.SIGNATURE"."""
    row = session.get(UserRow, user.id) if user.id is not None else None
    if row is None or row.removed_at is not None:
        raise UserError(f"no user named {user.name!r}")
    return f"{COOKIE_MARK}{row.id}.{_cookie_signature(row.token_hash)}"


def user_for_cookie(session: Session, value: str) -> User | None:
    """The active user a login cookie names, if its signature holds."""
    if not value.startswith(COOKIE_MARK):
        return None
    user_id, _, signature = value[len(COOKIE_MARK) :].partition(".")
    if not user_id.isascii() or not user_id.isdigit() or len(user_id) > 18:
        return None
    row = session.get(UserRow, int(user_id))
    if row is None or row.removed_at is not None:
        return None
    expected = _cookie_signature(row.token_hash).encode()
    return _user(row) if same_secret(as_bytes(signature), expected) else None
