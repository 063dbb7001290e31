"""`armswatch export --format sipri` (issue 15): the transfer register as SIPRI's trade-register CSV, on
SQLite and PostgreSQL: SIPRI's 16 columns in its order, one row per transfer case, "?" where our value is
uncertain (a single independent source, or a source denies it), the value in its currency and the sources
in Comments, and the three TIV columns empty."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from armswatch.export import write_export
from armswatch.pipeline import Pipeline
from armswatch.records import Document, Event, ExtractionRecord
from armswatch.store import Store, open_store
from test_makers import LEONARDO, deal, fill

# SIPRI's header as its trade register writes it: the blank-named "?" columns are a single space.
SIPRI_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
    "SIPRI TIV of delivered weapons"
)
EUR = {"amount": 200_000_000, "currency": "EUR", "usd": 216_000_000.0}


def records() -> list[ExtractionRecord]:
    """An order told by two independent outlets (with a value in euros), a delivery told by one outlet and
    denied, an offer, and an exercise (no transfer: not in the export)."""
    order = [
        deal(
            f"leo-nga-{outlet}",
            published,
            LEONARDO,
            "Nigeria",
            "M-346",
            "combat_aircraft",
            status="order",
            quantity=24,
            value=EUR,
            outlet=outlet,
        )
        for outlet, published in (("Defence Wire", "2023-05-10"), ("Lagos Times", "2023-05-12"))
    ]
    delivery = deal(
        "rus-alg",
        "2025-03-10",
        ("Russia", "country", "RUS"),
        "Algeria",
        "Su-57",
        "combat_aircraft",
        quantity=6,
        denied_by="Algerian defence ministry",
    )
    offer = deal(
        "tur-ken", "2024-05-20", ("Turkey", "country", "TUR"), "Kenya", "patrol boats", "ship", status="offer"
    )
    offer.events[0].roles["quantity"] = 4
    drill = ExtractionRecord(
        Document(
            "drill", "India and Vietnam held a naval exercise.", outlet="Naval Review", published="2025-04-02"
        ),
        [],
        [Event("exercise", {"participants": ["India", "Vietnam"]}, None, {"start": "2025-04", "end": None})],
    )
    return [*order, delivery, offer, drill]


def exported(store: Store) -> tuple[str, list[list[str]]]:
    out = io.StringIO()
    with store.sessions() as session:
        written = write_export(session, "sipri", out)
    lines = out.getvalue().splitlines()
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert written == len(rows) - 1
    return lines[0], rows[1:]


def test_the_sipri_export_has_sipris_columns_and_one_row_per_transfer(store: Store) -> None:
    fill(store, records())
    header, rows = exported(store)
    assert header == SIPRI_HEADER  # the same 16 columns, names and order
    assert all(len(row) == 16 for row in rows)
    # one row per transfer case (the two order reports are one case; the exercise is no transfer), by
    # recipient as SIPRI's register sorts
    assert [(r[0], r[1], r[6]) for r in rows] == [
        ("Algeria", "Russia", "Su-57"),
        ("Kenya", "Turkey", "patrol boats"),
        ("Nigeria", "Italy", "M-346"),  # a state as supplier; the company is in Comments
    ]
    algeria, kenya, nigeria = rows
    # Two independent outlets, none denies: no "?"; ordered 24 in 2023, nothing delivered yet
    # SIPRI's weapon description: the catalog system's own, else its category's
    assert nigeria[2:12] == ["2023", "", "24", "", "M-346", "trainer/combat aircraft", "", "", "", ""]
    # One outlet, and a denial: each value given is marked "?"; no order year to mark
    assert algeria[2:12] == ["", "", "6", "?", "Su-57", "fighter aircraft", "6", "?", "2025", ""]
    # An offer has no number ordered: the quantity goes to Comments
    assert kenya[2:12] == ["", "", "", "", "patrol boats", "patrol craft", "", "", "", ""]
    assert all(row[13:] == ["", "", ""] for row in rows)  # SIPRI's TIV: SIPRI's own valuation, left empty

    comments = nigeria[12]
    assert "maker: Leonardo" in comments
    assert "value: 200,000,000 EUR (about $216,000,000)" in comments  # in its currency, with the dollars
    assert "sources: Defence Wire, 2023-05-10 | Lagos Times, 2023-05-12" in comments
    assert "single source" not in comments and "contested" not in comments
    assert "contested (denied by Algerian defence ministry)" in algeria[12] and "single source" in algeria[12]
    assert "4 reported at the offer stage" in kenya[12] and "single source" in kenya[12]


def test_the_cli_writes_the_sipri_export(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sipri.db'}"
    store = open_store(url)
    fill(store, records())
    store.engine.dispose()
    target = tmp_path / "armswatch-sipri.csv"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "armswatch"),
            "export",
            "--format",
            "sipri",
            "-o",
            str(target),
            "--db",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert done.returncode == 0, done.stderr
    assert "exported 3 sipri records" in done.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SIPRI_HEADER and len(lines) == 4
    assert lines[3].startswith("Nigeria,Italy,2023,,24,,M-346,trainer/combat aircraft,")


def test_a_year_read_from_a_relative_date_is_marked_uncertain(pipeline: Pipeline, store: Store) -> None:
    """ "last month" takes its year from the publication date: the order year is SIPRI's "?" and Comments
    say why; a year the text writes ("in March 2023") is not marked. Each deal is told by two outlets in
    their own words, so no "?" comes from a single source."""
    told = {
        "rel-a": ("Nigeria ordered 12 M-346 jets from Italy last month.", "Wire A"),
        "rel-b": (
            "Last month the Nigerian air force signed a contract with Italy for 12 M-346 trainers.",
            "Wire B",
        ),
        "abs-a": ("Kenya ordered four patrol boats from Turkey in March 2023.", "Wire A"),
        "abs-b": (
            "In March 2023 the Kenyan navy placed an order with Turkey for four patrol boats.",
            "Wire B",
        ),
    }
    docs = [Document(k, text, outlet=outlet, published="2024-02-10") for k, (text, outlet) in told.items()]
    records_ = list(pipeline.extract(docs))
    events = {r.doc.id: r.events[0] for r in records_}
    assert (events["rel-a"].date, events["rel-a"].date_relative) == ({"start": "2024-01", "end": None}, True)
    assert (events["abs-a"].date, events["abs-a"].date_relative) == ({"start": "2023-03", "end": None}, False)
    assert "date_relative" not in events["rel-a"].to_dict()  # stored, not part of the contract
    fill(store, records_)
    _, rows = exported(store)
    by_recipient = {r[0]: r for r in rows}
    assert "single source" not in by_recipient["Nigeria"][12] + by_recipient["Kenya"][12]
    assert by_recipient["Nigeria"][2:4] == ["2024", "?"]
    assert "year of order 2024 read from a relative date" in by_recipient["Nigeria"][12]
    assert by_recipient["Kenya"][2:4] == ["2023", ""]
    assert "relative" not in by_recipient["Kenya"][12]
