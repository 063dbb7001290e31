"""Register queries on a real store (SQLite and PostgreSQL): actor filters, the window total, sorting."""

from __future__ import annotations

from sqlalchemy import text

from armswatch.query import RegisterFilters, register, register_rows
from armswatch.store import CaseRow, Store

CASES = [
    # supplier, recipient, item, status, first reported
    ("Sudan", "Chad", "Mi-24", "delivery", "2021-03-01"),
    ("South Sudan", "Uganda", "BTR-80", "order", "2022-05-01"),
    ("North Korea", "Russia", "KN-23", "delivery", "2023-10-01"),
    ("South Korea", "Poland", "K2", "order", "2022-08-01"),
    ("Niger", "Mali", "Bayraktar TB2", "offer", "2020-01-01"),
    ("Nigeria", "Niger", "Alpha Jet", "delivery", "2024-02-01"),
]


def fill(store: Store) -> None:
    with store.session() as session:
        for i, (supplier, recipient, item, status, first) in enumerate(CASES):
            session.add(
                CaseRow(
                    case_key=f"transfer|{i}",
                    type="transfer",
                    supplier=supplier,
                    recipient=recipient,
                    item=item,
                    status=status,
                    first_reported=first,
                    last_reported=first,
                    n_sources=i + 1,
                    n_origins=1,
                )
            )


def suppliers(store: Store, **filters: str) -> list[str]:
    with store.session() as session:
        _total, rows = register_rows(session, RegisterFilters(**filters), sort="supplier", order="asc")
    return [row["supplier"] for row in rows]


def test_a_name_matches_exactly_and_a_fragment_as_a_substring(store: Store) -> None:
    fill(store)
    assert suppliers(store, supplier="Sudan") == ["Sudan"]  # not South Sudan
    assert suppliers(store, supplier="sudan") == ["Sudan"]  # any case
    assert suppliers(store, supplier="Niger") == ["Niger"]  # not Nigeria
    assert suppliers(store, supplier="korea") == ["North Korea", "South Korea"]  # names no actor: substring
    assert suppliers(store, supplier="50%") == []  # LIKE wildcards match themselves
    assert suppliers(store, recipient="NIGER") == ["Nigeria"]
    with store.session() as session:  # the CLI's register takes the same rule
        assert [r["supplier"] for r in register(session, RegisterFilters(supplier="SUDAN"))] == ["Sudan"]


def test_total_rides_with_the_page_and_survives_a_page_past_the_end(store: Store) -> None:
    fill(store)
    with store.session() as session:
        total, rows = register_rows(session, RegisterFilters(), sort="sources", order="desc", limit=2)
        assert total == len(CASES)
        assert [row["sources"] for row in rows] == [6, 5]
        total, rows = register_rows(session, RegisterFilters(), limit=2, offset=4)
        assert total == 6 and len(rows) == 2
        total, rows = register_rows(session, RegisterFilters(), limit=2, offset=50)
        assert total == 6 and rows == []
        total, rows = register_rows(session, RegisterFilters(status="order"), extra=True)
        assert total == 2
        assert {row["first_reported"] for row in rows} == {"2022-05-01", "2022-08-01"}
        assert all(row["type"] == "transfer" and row["parties"] == [] for row in rows)


def test_the_actor_name_indexes_exist(store: Store) -> None:
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "sqlite":
            names = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
        else:
            names = connection.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'cases'"))
        found = {row[0] for row in names}
    assert {"ix_cases_supplier_lower", "ix_cases_recipient_lower"} <= found
