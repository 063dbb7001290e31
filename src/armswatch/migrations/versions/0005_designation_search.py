"""hyphenated designations searched as one word: each document's designations ("S-400", "F-16s",
"Su-30MK2") are kept in documents.designations as single tokens ("s400 f16 su30mk2"), computed from the
stored text, and indexed with the title and text (FTS5 on SQLite, the GIN index on PostgreSQL), so "S-400"
finds the S-400 and not "the U.S. 400 officers"

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRIGGERS = ("documents_fts_insert", "documents_fts_delete", "documents_fts_update")


def recreate_fts(columns: tuple[str, ...]) -> None:
    """The SQLite FTS5 index (stemmed, external content) over these documents columns, and its triggers."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE documents_fts USING fts5({names}, content='documents', content_rowid='id', "
        "tokenize='porter unicode61')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        f"INSERT INTO documents_fts(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        f"INSERT INTO documents_fts(documents_fts, rowid, {names}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER documents_fts_update AFTER UPDATE OF {names} ON documents BEGIN "
        f"INSERT INTO documents_fts(documents_fts, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO documents_fts(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")  # index what is stored


def recreate_gin(expression: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_fulltext")
    op.execute(
        f"CREATE INDEX ix_documents_fulltext ON documents USING gin (to_tsvector('english', {expression}))"
    )


def upgrade() -> None:
    from armswatch.store import designation_terms

    op.add_column("documents", sa.Column("designations", sa.Text(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title, text FROM documents")).all()
    for doc_id, title, body in rows:  # the designations of what is stored
        bind.execute(
            sa.text("UPDATE documents SET designations = :d WHERE id = :i"),
            {"d": designation_terms(f"{title or ''}\n{body}"), "i": doc_id},
        )
    if bind.dialect.name == "sqlite":
        recreate_fts(("title", "text", "designations"))
    elif bind.dialect.name == "postgresql":
        # the expression store.Store.search queries with, so the index serves it
        recreate_gin("coalesce(title, '') || ' ' || text || ' ' || coalesce(designations, '')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fulltext")
    op.drop_column("documents", "designations")
    if bind.dialect.name == "sqlite":
        recreate_fts(("title", "text"))
    elif bind.dialect.name == "postgresql":
        recreate_gin("coalesce(title, '') || ' ' || text")
