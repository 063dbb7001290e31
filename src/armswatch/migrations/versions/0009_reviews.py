"""reviews: analysts' decisions on events (confirm, reject, edit) and their append-only audit log.

A decision is kept by the evidence it was made on (document, sentence spans, type, key roles as the machine
read them), so it re-attaches to the event a reprocess or a new extractor re-creates from the same words, or
is listed as orphaned. events.pinned_case_id holds an event an analyst moved into a case (or split off)
there. events.review_state says where an event stands (confirmed, rejected, edited) and
events.version counts changes, for optimistic concurrency; cases.reviewed marks a case with a confirmed event.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("review_state", sa.String(16), nullable=True))
    op.add_column("events", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    # an analyst moved it into this case (or split it off into a case of its own): fusion leaves it there
    op.add_column("events", sa.Column("pinned_case_id", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="SET NULL"), nullable=True),
        sa.Column("anchor", sa.JSON(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=True),
        sa.Column("by", sa.String(255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("orphaned", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_review_decisions_document_id", "review_decisions", ["document_id"])
    op.create_index("ix_review_decisions_event_id", "review_decisions", ["event_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(255), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_log_event_id", "audit_log", ["event_id"])
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_case_id", table_name="audit_log")
    op.drop_index("ix_audit_log_event_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_review_decisions_event_id", table_name="review_decisions")
    op.drop_index("ix_review_decisions_document_id", table_name="review_decisions")
    op.drop_table("review_decisions")
    # plain DROP COLUMNs (SQLite has them since 3.35): batch mode would rebuild the tables, and their
    # foreign keys would take the attributions and evidence (or the events' cases) with them
    op.drop_column("cases", "reviewed")
    op.drop_column("events", "pinned_case_id")
    op.drop_column("events", "version")
    op.drop_column("events", "review_state")
