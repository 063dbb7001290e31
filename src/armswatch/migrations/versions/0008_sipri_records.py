"""sipri records: a SIPRI trade register uploaded to set beside ours (armswatch.reconcile), each row under
the identities of its recipient and supplier, so a case finds its pair's rows by index; and
events.date_relative, whether an event's year was read from the publication date ("last month"), which the
SIPRI export marks "?". Events stored before it count as read from the text (reprocess reads them again).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 19:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: SQLite does it in place (batch mode would copy the table)
    op.add_column(
        "events", sa.Column("date_relative", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "sipri_uploads",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(255), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("unreadable", sa.JSON(), nullable=True),
    )
    op.create_table(
        "sipri_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "upload_id", sa.Integer(), sa.ForeignKey("sipri_uploads.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("recipient_key", sa.String(255), nullable=False),
        sa.Column("supplier_key", sa.String(255), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_sipri_records_upload_id", "sipri_records", ["upload_id"])
    op.create_index("ix_sipri_records_pair", "sipri_records", ["recipient_key", "supplier_key"])


def downgrade() -> None:
    op.drop_index("ix_sipri_records_pair", table_name="sipri_records")
    op.drop_index("ix_sipri_records_upload_id", table_name="sipri_records")
    op.drop_table("sipri_records")
    op.drop_table("sipri_uploads")
    # a plain DROP COLUMN (SQLite has it since 3.35): batch mode would rebuild the events table, and its
    # foreign keys would take the attributions and evidence with it
    op.drop_column("events", "date_relative")
