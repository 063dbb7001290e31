"""users: named people with a role (reader, analyst, admin) and an API token, of which only a keyed hash
is kept, found by a short lookup prefix of the token. A removed user keeps their row (removed_at set) so that
what they did stays attributed to a name; their token stops working.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 19:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("name", name="uq_users_name"),
    )
    op.create_index("ix_users_token_prefix", "users", ["token_prefix"])


def downgrade() -> None:
    op.drop_index("ix_users_token_prefix", table_name="users")
    op.drop_table("users")
