"""states and makers: a transfer's supplier and recipient are states (a company counts as its home state)
and the company moves to cases.maker (with maker_id, its entity). The backfill here is plain SQL for both
databases: the maker the reports name (event_actors, role maker), else the company that was the supplier;
a company side becomes its state where the state is stored. open_store then recomputes every case once,
which adds what SQL cannot read: the catalog's maker of the item, and states no article named.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 17:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The maker most of a case's reports name (the earliest on a tie).
NAMED_MAKER = (
    "(SELECT ea.name FROM event_actors ea JOIN events ev ON ev.id = ea.event_id "
    "WHERE ev.case_id = cases.id AND ea.role = 'maker' GROUP BY ea.name ORDER BY count(*) DESC, min(ea.id) "
    "LIMIT 1)"
)
COMPANY_IDS = "(SELECT id FROM entities WHERE type = 'company')"


def state_of(side: str, column: str) -> str:
    """The stored state (its column) of the company on this side of a case."""
    return (
        f"(SELECT s.{column} FROM entities s JOIN entities c ON s.country = c.country "
        f"WHERE c.id = cases.{side}_id AND s.type = 'country' ORDER BY s.id LIMIT 1)"
    )


def upgrade() -> None:
    op.add_column("cases", sa.Column("maker", sa.String(255), nullable=True))
    op.create_index("ix_cases_maker", "cases", ["maker"])
    # As 0004: SQLite adds the reference in place (a batch copy would drop the FTS triggers of documents).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE cases ADD COLUMN maker_id INTEGER REFERENCES entities(id) ON DELETE SET NULL")
    else:
        op.add_column("cases", sa.Column("maker_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_cases_maker_id", "cases", "entities", ["maker_id"], ["id"], ondelete="SET NULL"
        )
    op.create_index("ix_cases_maker_id", "cases", ["maker_id"])
    op.execute(f"UPDATE cases SET maker = {NAMED_MAKER} WHERE type = 'transfer'")
    op.execute(
        f"UPDATE cases SET maker = supplier WHERE type = 'transfer' AND maker IS NULL "
        f"AND supplier_id IN {COMPANY_IDS}"
    )
    op.execute(
        "UPDATE cases SET maker_id = (SELECT e.id FROM entities e WHERE e.name = cases.maker "
        "ORDER BY CASE WHEN e.type = 'company' THEN 0 ELSE 1 END, e.id LIMIT 1) WHERE maker IS NOT NULL"
    )
    for side in ("supplier", "recipient"):
        # the name first: the id still points at the company until the second statement
        where = (
            f"WHERE type = 'transfer' AND {side}_id IN {COMPANY_IDS} AND {state_of(side, 'id')} IS NOT NULL"
        )
        op.execute(f"UPDATE cases SET {side} = {state_of(side, 'name')} {where}")
        op.execute(f"UPDATE cases SET {side}_id = {state_of(side, 'id')} {where}")


def downgrade() -> None:
    op.drop_index("ix_cases_maker_id", table_name="cases")
    op.drop_index("ix_cases_maker", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("maker_id")
        batch.drop_column("maker")
