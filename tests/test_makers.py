"""States and makers (issue 15) on SQLite and PostgreSQL: a transfer's supplier and recipient are states, the
company moves to the case's maker (from the text, else the catalog), the register's filters find a deal by
its state or by its maker, and a database from before (schema 0005) is carried over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from armswatch.fuse import Fuser
from armswatch.query import RegisterFilters, actor_cases, register
from armswatch.records import Attribution, Document, EntityRecord, Event, ExtractionRecord
from armswatch.store import CaseRow, CaseStatementRow, EntityRow, Store, open_store, upgrade

Side = tuple[str, str, str | None]  # name, entity type, ISO3 country


def deal(
    key: str,
    published: str,
    supplier: Side,
    recipient: str,
    item: str,
    category: str,
    *,
    maker: str | None = None,
    status: str = "delivery",
    quantity: int | None = None,
    value: dict[str, Any] | None = None,
    outlet: str = "Test Wire",
    denied_by: str | None = None,
) -> ExtractionRecord:
    """One article reporting one transfer, as the extractor would record it."""
    text_ = f"{supplier[0]} and {recipient}: {item} ({key}, {outlet})."
    entities = [
        EntityRecord(supplier[0], supplier[1], supplier[2], None, []),
        EntityRecord(recipient, "country", None, None, []),
    ]
    roles: dict[str, Any] = {"supplier": supplier[0], "recipient": recipient, "item": item}
    roles["item_category"] = category
    if maker:
        roles["maker"] = maker
        entities.append(EntityRecord(maker, "company", "TUR", None, []))
    if quantity is not None:
        roles["quantity"] = quantity
    if value is not None:
        roles["value"] = value
    attributions = [Attribution(denied_by, "denied", "denied")] if denied_by else []
    event = Event(
        type="transfer",
        roles=roles,
        status=status,
        date={"start": published[:7], "end": None},
        attributions=attributions,
        evidence=[(0, len(text_))],
    )
    doc = Document(id=key, text=text_, outlet=outlet, published=published)
    return ExtractionRecord(doc=doc, entities=entities, events=[event])


LEONARDO: Side = ("Leonardo", "company", "ITA")


def fill(store: Store, records: list[ExtractionRecord]) -> None:
    fuser = Fuser()
    for record in records:
        store.save(record, on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))


def rows_for(store: Store, **filters: Any) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with store.sessions() as session:
        rows = register(session, RegisterFilters(**filters))
    return sorted((r["supplier"], r["recipient"], r["maker"], r["item"]) for r in rows)


def test_a_company_supplier_becomes_its_state_and_the_maker(store: Store) -> None:
    """ "Leonardo -> Nigeria" is supplier Italy, maker Leonardo; supplier=Italy finds it, and so does
    supplier=Leonardo (as its maker). Before issue 15 the register's supplier was "Leonardo"."""
    fill(store, [deal("leo-nga", "2024-02-01", LEONARDO, "Nigeria", "M-346", "combat_aircraft")])
    expected = [("Italy", "Nigeria", "Leonardo", "M-346")]
    assert rows_for(store) == expected
    for name in ("Italy", "Italian", "Rome", "Leonardo", "leonardo"):
        assert rows_for(store, supplier=name) == expected, name
    assert rows_for(store, supplier="Nigeria") == []  # a recipient is no supplier
    assert rows_for(store, recipient="Nigeria") == expected
    with store.sessions() as session:
        case = session.scalars(select(CaseRow)).one()
        supplier = session.get(EntityRow, case.supplier_id)
        maker = session.get(EntityRow, case.maker_id)
        # the state's entity is added for the case (no article named Italy), so its actor page lists it
        assert supplier is not None and (supplier.name, supplier.type, supplier.country) == (
            "Italy",
            "country",
            "ITA",
        )
        assert maker is not None and (maker.name, maker.type) == ("Leonardo", "company")
        for entity in (supplier, maker):
            assert [c.id for c in actor_cases(session, entity)] == [case.id], entity.name


def test_the_maker_comes_from_the_text_else_the_catalog(store: Store) -> None:
    otokar = deal(
        "tur-ken",
        "2024-03-02",
        ("Turkey", "country", "TUR"),
        "Kenya",
        "Cobra armoured vehicles",
        "armoured_vehicle",
        maker="Otokar",
    )
    sukhoi = deal(
        "rus-alg", "2025-03-10", ("Russia", "country", "RUS"), "Algeria", "Su-57 jets", "combat_aircraft"
    )
    boats = deal("tur-som", "2024-05-20", ("Turkey", "country", "TUR"), "Somalia", "patrol boats", "ship")
    unknown = deal("acme-uga", "2024-06-01", ("Acme Defence", "company", None), "Uganda", "trucks", "other")
    # one deal told both ways: by the company and by its state; the register has one case, Italy's
    by_state = deal(
        "ita-nga",
        "2024-02-03",
        ("Italy", "country", "ITA"),
        "Nigeria",
        "M-346",
        "combat_aircraft",
        outlet="B",
    )
    by_company = deal("leo-nga", "2024-02-01", LEONARDO, "Nigeria", "M-346", "combat_aircraft")
    fill(store, [otokar, sukhoi, boats, unknown, by_state, by_company])
    assert rows_for(store) == [
        ("Acme Defence", "Uganda", "Acme Defence", "trucks"),  # a company of unknown state stays the side
        ("Italy", "Nigeria", "Leonardo", "M-346"),  # the company named as supplier
        ("Russia", "Algeria", "Sukhoi", "Su-57 jets"),  # the text names none: the catalog's (weapons.yaml)
        ("Turkey", "Kenya", "Otokar", "Cobra armoured vehicles"),  # the maker the text names
        ("Turkey", "Somalia", None, "patrol boats"),  # no maker anywhere
    ]
    assert rows_for(store, supplier="Sukhoi") == [("Russia", "Algeria", "Sukhoi", "Su-57 jets")]
    with store.sessions() as session:  # both reports support the supplier the case shows (Italy)
        case_id = session.scalar(select(CaseRow.id).where(CaseRow.item == "M-346"))
        chosen = session.scalars(
            select(CaseStatementRow.value).where(
                CaseStatementRow.case_id == case_id,
                CaseStatementRow.prop == "supplier",
                CaseStatementRow.chosen.is_(True),
            )
        ).all()
    assert sorted(chosen) == ["Italy", "Leonardo"]


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # SQLite's downgrade copies tables
def test_a_database_from_before_makers_is_carried_over(db_url: str) -> None:
    """A 0005 database whose register names Leonardo as supplier: the migration's SQL backfill makes it
    Italy with maker Leonardo; open_store then recomputes the cases, which adds the catalog's makers."""
    from alembic import command

    from armswatch.store import alembic_config

    store = open_store(db_url)
    fill(
        store,
        [
            deal("leo-nga", "2024-02-01", LEONARDO, "Nigeria", "M-346", "combat_aircraft"),
            deal(
                "rus-alg", "2025-03-10", ("Russia", "country", "RUS"), "Algeria", "Su-57", "combat_aircraft"
            ),
        ],
    )

    def as_before() -> None:
        """Schema 0005, with the cases as the fusion of that version wrote them."""
        command.downgrade(alembic_config(store.engine), "0005")
        with store.engine.begin() as connection:
            columns = connection.execute(text("SELECT * FROM cases")).keys()
            assert "maker" not in columns and "maker_id" not in columns
            connection.execute(
                text(
                    "UPDATE cases SET supplier = 'Leonardo', supplier_id = (SELECT id FROM entities "
                    "WHERE name = 'Leonardo' AND type = 'company') WHERE item = 'M-346'"
                )
            )

    def makers() -> list[tuple[str, str, str | None, bool]]:
        with store.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT c.supplier, c.item, c.maker, e.name IS NOT NULL FROM cases c "
                    "LEFT JOIN entities e ON e.id = c.maker_id AND e.name = c.maker ORDER BY c.item"
                )
            ).all()
        return [(r[0], r[1], r[2], bool(r[3])) for r in rows]

    as_before()
    upgrade(store.engine)  # the migration alone: SQL on both databases, no catalog
    assert makers() == [("Italy", "M-346", "Leonardo", True), ("Russia", "Su-57", None, False)]
    as_before()
    url = store.engine.url.render_as_string(hide_password=False)
    store.engine.dispose()
    store = open_store(url)  # upgrades and recomputes every case once
    # the catalog's maker, a catalog company, gets its entity too (companies.yaml knows Sukhoi)
    assert makers() == [("Italy", "M-346", "Leonardo", True), ("Russia", "Su-57", "Sukhoi", True)]
    assert rows_for(store, supplier="Leonardo") == [("Italy", "Nigeria", "Leonardo", "M-346")]
    store.engine.dispose()


def test_the_cli_api_and_page_show_the_maker(tmp_path: Path) -> None:
    from armswatch.web.app import Settings
    from conftest import client_for

    url = f"sqlite:///{tmp_path / 'makers.db'}"
    store = open_store(url)
    fill(store, [deal("leo-nga", "2024-02-01", LEONARDO, "Nigeria", "M-346", "combat_aircraft")])
    with client_for(store, Settings(token=None, lock_reads=False)) as client:
        api = client.get("/api/register", params={"supplier": "Leonardo"}).json()["rows"]
        csv_text = client.get("/register.csv", params={"supplier": "Leonardo"}).text
        page = client.get("/register", params={"supplier": "Italy"}).text
    assert [(r["supplier"], r["maker"]) for r in api] == [("Italy", "Leonardo")]
    header, row = csv_text.splitlines()[:2]
    assert (
        header.startswith("case,supplier,recipient,maker,item,") and ",Italy,Nigeria,Leonardo,M-346," in row
    )
    assert '<td class="maker"><a class="actor" href="/actors?name=Leonardo">Leonardo</a></td>' in page
    armswatch = str(Path(sys.executable).parent / "armswatch")
    shown = subprocess.run(
        [armswatch, "register", "--db", url, "--supplier", "Leonardo", "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert (
        lines[0].startswith("case,supplier,recipient,maker,item,")
        and ",Italy,Nigeria,Leonardo,M-346," in lines[1]
    )
    store.engine.dispose()
