"""case-insensitive indexes on the cases' supplier and recipient names, so a register filter that names an
actor exactly is an index lookup instead of a scan of every case

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_supplier_lower", "cases", [sa.text("lower(supplier)")])
    op.create_index("ix_cases_recipient_lower", "cases", [sa.text("lower(recipient)")])


def downgrade() -> None:
    op.drop_index("ix_cases_recipient_lower", table_name="cases")
    op.drop_index("ix_cases_supplier_lower", table_name="cases")
