"""confidence: how likely each event is right (armswatch.confidence, calibrated on the gold corpora), and a
case's confidence from its events'. Events and cases stored before it have none (NULL) until `armswatch
reprocess` reads them again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs: SQLite does them in place (batch mode would copy the tables)
    op.add_column("events", sa.Column("confidence", sa.Float(), nullable=True))
    op.add_column("cases", sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMNs too (SQLite has them since 3.35): batch mode would rebuild the cases table and lose
    # its expression indexes (lower(supplier), lower(recipient)), which reflection cannot copy
    op.drop_column("cases", "confidence")
    op.drop_column("events", "confidence")
