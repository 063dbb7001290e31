"""fusion you can trust: entity ids beside names in event_actors and cases, each event's fusion key (cases
are clustered by date within a key, whatever the ingest order), a document's credited agency and shingle
count (origins), each case's origin groups, and case_statements (which reports support each fused value).
Existing rows are carried over: ids are filled from the names; open_store then re-fuses the store once,
which fills the fusion keys, origins and statements.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The entity a name stands for when several types share it: the actor reading first (as query.py says).
PREFERENCE = ("country", "company", "organization", "armed_group", "person", "media", "location")


def entity_of(name_column: str) -> str:
    order = " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(PREFERENCE))
    return (
        f"(SELECT e.id FROM entities e WHERE e.name = {name_column} "
        f"ORDER BY CASE e.type {order} ELSE {len(PREFERENCE)} END, e.id LIMIT 1)"
    )


def add_entity_reference(table: str, column: str) -> None:
    """A nullable column referring to entities.id. SQLite adds it in place (a batch copy of the table would
    fire the ON DELETE rules of the rows that refer to it, and drop the FTS triggers of documents)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES entities(id) ON DELETE SET NULL"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(
            f"fk_{table}_{column}", table, "entities", [column], ["id"], ondelete="SET NULL"
        )
    op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.add_column("documents", sa.Column("n_shingles", sa.Integer(), nullable=True))
    op.add_column("documents", sa.Column("credit", sa.String(255), nullable=True))
    op.add_column("events", sa.Column("fuse_key", sa.String(512), nullable=True))
    op.create_index("ix_events_fuse_key", "events", ["fuse_key"])
    add_entity_reference("event_actors", "entity_id")
    add_entity_reference("cases", "supplier_id")
    add_entity_reference("cases", "recipient_id")
    op.add_column("cases", sa.Column("origins", sa.JSON(), nullable=True))
    op.create_table(
        "case_statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("prop", sa.String(32), nullable=False),
        sa.Column("value", sa.String(512), nullable=False),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("chosen", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_case_statements_case_id", "case_statements", ["case_id"])
    op.create_index("ix_case_statements_event_id", "case_statements", ["event_id"])
    op.create_index("ix_case_statements_document_id", "case_statements", ["document_id"])
    # Carry existing rows over: ids from names.
    op.execute(f"UPDATE event_actors SET entity_id = {entity_of('event_actors.name')}")
    op.execute(f"UPDATE cases SET supplier_id = {entity_of('cases.supplier')} WHERE supplier IS NOT NULL")
    op.execute(f"UPDATE cases SET recipient_id = {entity_of('cases.recipient')} WHERE recipient IS NOT NULL")


def downgrade() -> None:
    op.drop_table("case_statements")
    for table, column in (("cases", "recipient_id"), ("cases", "supplier_id"), ("event_actors", "entity_id")):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    op.drop_column("cases", "origins")
    op.drop_index("ix_events_fuse_key", table_name="events")
    op.drop_column("events", "fuse_key")
    op.drop_column("documents", "credit")
    op.drop_column("documents", "n_shingles")
