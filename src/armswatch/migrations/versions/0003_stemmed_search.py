"""stemmed full-text search on SQLite: FTS5 with the porter tokenizer ("drone" finds "drones"), the index
rebuilt from the stored articles (PostgreSQL's index already uses the english configuration)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGERS = ("documents_fts_insert", "documents_fts_delete", "documents_fts_update")


def recreate(tokenize: str) -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute(
        "CREATE VIRTUAL TABLE documents_fts USING fts5("
        f"title, text, content='documents', content_rowid='id', tokenize='{tokenize}')"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) "
        "VALUES ('delete', old.id, old.title, old.text); "
        "INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END"
    )
    op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")  # index what is stored


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        recreate("porter unicode61")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        recreate("unicode61")
