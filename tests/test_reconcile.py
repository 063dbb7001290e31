"""`armswatch reconcile --sipri` (issue 15): a SIPRI trade register read as researchers download it
(preamble, Latin-1, blank "?" columns, multi-year deliveries, historical states, unknown suppliers, armed
groups), matched to the register's transfer cases on SQLite and PostgreSQL, the three lists and the
differences, our own SIPRI export read back, and every kind of bad file said with its line. The fixture's
rows are invented."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from armswatch.export import write_export
from armswatch.query import RegisterFilters, register
from armswatch.reconcile import (
    SipriFileError,
    actor_key,
    keep_sipri_rows,
    kept_reconciliation,
    read_sipri,
    reconcile_file,
    sipri_badges,
)
from armswatch.records import ExtractionRecord
from armswatch.store import Store, open_store
from test_makers import LEONARDO, deal, fill

FIXTURE = Path(__file__).parent / "sipri" / "trade-register.csv"


def records() -> list[ExtractionRecord]:
    """An order of 24 M-346 for Nigeria told by two outlets, six Su-57 delivered to Algeria, Turkish patrol
    boats offered to Kenya, and two deals SIPRI does not have (Turkish helicopters for Nigeria, Russian
    Mi-28 for Algeria)."""
    order = [
        deal(
            f"leo-nga-{o}",
            p,
            LEONARDO,
            "Nigeria",
            "M-346",
            "combat_aircraft",
            status="order",
            quantity=24,
            outlet=o,
        )
        for o, p in (("Defence Wire", "2023-05-10"), ("Lagos Times", "2023-05-12"))
    ]
    su57 = deal(
        "rus-alg",
        "2025-03-10",
        ("Russia", "country", "RUS"),
        "Algeria",
        "Su-57",
        "combat_aircraft",
        quantity=6,
    )
    boats = deal(
        "tur-ken", "2024-05-20", ("Turkey", "country", "TUR"), "Kenya", "patrol boats", "ship", status="offer"
    )
    t129 = deal("tur-nga", "2024-09-01", ("Turkey", "country", "TUR"), "Nigeria", "T129 ATAK", "helicopter")
    mi28 = deal("rus-alg-2", "2025-06-01", ("Russia", "country", "RUS"), "Algeria", "Mi-28", "helicopter")
    return [*order, su57, boats, t129, mi28]


def case_of(store: Store, item: str) -> int:
    with store.sessions() as session:
        return next(r["case"] for r in register(session, RegisterFilters()) if r["item"] == item)


def reconciled(store: Store, path: Path = FIXTURE, **options: Any) -> dict[str, Any]:
    with store.sessions() as session:
        return reconcile_file(session, path, **options).to_dict(verbose=True)


# ---- reading --------------------------------------------------------------------------------------------


def test_a_sipri_file_is_read_past_its_preamble_in_latin_1() -> None:
    read = read_sipri(FIXTURE)
    assert not read.problems
    assert [r.line for r in read.rows] == list(range(13, 23))  # 11 preamble lines, the header on line 12
    by_designation = {r.designation: r for r in read.rows}
    gowind = by_designation["Gowind"]
    assert (gowind.recipient, gowind.recipient_key) == ("Côte d'Ivoire", "CIV")  # a Latin-1 "ô"
    kornet = by_designation["9M133 Kornet"]
    assert kornet.years_of_delivery == (2019, 2020, 2021)  # "2019; 2020; 2021"
    su57 = by_designation["Su-57E"]
    assert su57.year_of_order_uncertain and su57.number_ordered_uncertain and su57.number_delivered_uncertain
    assert (su57.year_of_order, su57.number_ordered, su57.number_delivered) == (2019, 14, 6)
    assert not by_designation["M-346"].year_of_order_uncertain
    # the Soviet Union keeps its own identity: it is not Russia
    assert by_designation["MiG-29"].supplier_key == "hist:SUN" != by_designation["Su-57E"].supplier_key
    assert by_designation["Mi-17"].supplier_key == "unknown"
    assert by_designation["Mi-17"].status == "Second hand"
    assert by_designation["Shahed-136"].recipient_key == "armed_group:Houthis"  # "Houthi rebels (Yemen)*"
    assert by_designation["Dogan-class"].supplier_key == "TUR"  # "Turkiye"


def test_a_file_saved_again_as_utf8_reads_the_same(tmp_path: Path) -> None:
    again = tmp_path / "utf8.csv"
    again.write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes().decode("latin-1").encode("utf-8"))
    assert read_sipri(again).rows == read_sipri(FIXTURE).rows


def test_names_map_to_one_identity_on_both_sides() -> None:
    assert actor_key("Turkiye") == actor_key("Turkey") == actor_key("Türkiye") == "TUR"
    assert actor_key("Soviet Union") == "hist:SUN" and actor_key("Russia") == "RUS"
    assert actor_key("Czechoslovakia") == "hist:CSK" != actor_key("Czechia")
    assert actor_key("unknown supplier(s)") == actor_key(None) == "unknown"
    assert actor_key("Hezbollah (Lebanon)*") == actor_key("Hezbollah")
    assert actor_key("Some Militia (Mali)*") == "group:some militia|MLI"
    assert actor_key("Atlantis") is None


# ---- matching -------------------------------------------------------------------------------------------


def test_cases_are_matched_to_sipri_rows_and_the_three_lists_are_right(store: Store) -> None:
    fill(store, records())
    result = reconciled(store)
    assert result["sipri_rows"] == 10 and result["cases"] == 5
    matched = {m["case"]: m for m in result["matched"]}
    m346, su57, boats = (case_of(store, i) for i in ("M-346", "Su-57", "patrol boats"))
    assert set(matched) == {m346, su57, boats}
    # ordered 2023 in the news, 2022 in SIPRI: within two years, one deal; the year differs, the number agrees
    assert matched[m346]["sipri"]["designation"] == "M-346"
    assert matched[m346]["differences"] == [{"field": "year_of_order", "ours": 2023, "sipri": 2022}]
    # Su-57 and SIPRI's "Su-57E" are one system (the catalog); six delivered in 2025 as SIPRI has it
    assert matched[su57]["sipri"]["designation"] == "Su-57E"
    assert matched[su57]["sipri"]["years_of_delivery"] == [2024, 2025]
    assert matched[su57]["differences"] == []
    # "patrol boats" (no designation) is SIPRI's one patrol craft of the pair; the news has an offer where
    # SIPRI has an order
    assert matched[boats]["sipri"]["designation"] == "Dogan-class"
    assert matched[boats]["differences"] == [{"field": "status", "ours": "offer", "sipri": "ordered 2024"}]
    assert sorted(n["item"] for n in result["news_only"]) == ["Mi-28", "T129 ATAK"]
    news = next(n for n in result["news_only"] if n["item"] == "T129 ATAK")
    assert news == {
        "case": case_of(store, "T129 ATAK"),
        "supplier": "Turkey",
        "recipient": "Nigeria",
        "item": "T129 ATAK",
        "status": "delivery",
        "first_reported": "2024-09-01",
    }
    # SIPRI only: the pairs and years the register covers (Italy -> Nigeria's AW139 of 2023), not Nigeria's
    # AW109 of 2004, Russia's Kornets of 2018-2021, or pairs the news never mentions (Cuba, Angola, Houthis)
    assert [(s["supplier"], s["designation"], s["year_of_order"]) for s in result["sipri_only"]] == [
        ("Italy", "AW139", 2023)
    ]


def test_a_different_system_or_a_distant_year_is_no_match(store: Store) -> None:
    far = deal("leo-nga-old", "2012-01-10", LEONARDO, "Nigeria", "M-346", "combat_aircraft", status="order")
    far.events[0].date = {"start": "2012-01", "end": None}
    other = deal(
        "rus-alg-3", "2019-04-01", ("Russia", "country", "RUS"), "Algeria", "T-90", "armoured_vehicle"
    )
    fill(store, [far, other])
    result = reconciled(store)
    assert result["matched"] == []  # 2012 is more than two years from 2022; a T-90 is no Su-57 or Kornet
    assert len(result["news_only"]) == 2


def test_since_leaves_out_older_deals(store: Store) -> None:
    fill(store, records())
    result = reconciled(store, since=2025)
    # the cases of 2025 (Su-57, Mi-28) and SIPRI's rows with a year of 2025 or later (M-346 delivered in 2025,
    # Su-57E); the M-346 case of 2023 is left out, so SIPRI's M-346 row is no longer of a covered pair
    assert (result["cases"], result["sipri_rows"]) == (2, 2)
    assert [m["sipri"]["designation"] for m in result["matched"]] == ["Su-57E"]
    assert [n["item"] for n in result["news_only"]] == ["Mi-28"] and result["sipri_only"] == []


def test_our_sipri_export_read_back_matches_itself(store: Store, tmp_path: Path) -> None:
    fill(store, records())
    exported = tmp_path / "ours.csv"
    with store.sessions() as session, exported.open("w", encoding="utf-8", newline="") as handle:
        write_export(session, "sipri", handle)
    result = reconciled(store, exported)
    assert result["unreadable_rows"] == 0 and result["sipri_rows"] == result["cases"] == 5
    assert result["news_only"] == [] and result["sipri_only"] == []
    for match in result["matched"]:
        assert match["differences"] == [], match
    pairs = {m["case"]: m["sipri"]["designation"] for m in result["matched"]}
    assert pairs[case_of(store, "T129 ATAK")] == "T129 ATAK" and pairs[case_of(store, "Mi-28")] == "Mi-28"


# ---- kept for the web app -------------------------------------------------------------------------------


def test_kept_rows_give_badges_and_a_wrong_file_replaces_nothing(store: Store, tmp_path: Path) -> None:
    fill(store, records())
    with store.sessions() as session:
        assert sipri_badges(session, register(session, RegisterFilters())) == {}  # nothing kept: no badge
        upload = keep_sipri_rows(session, FIXTURE, by="ana")
        assert (upload.rows, upload.uploaded_by, upload.unreadable) == (10, "ana", [])
        badges = sipri_badges(session, register(session, RegisterFilters()))
    assert badges[case_of(store, "M-346")]["designation"] == "M-346"
    assert badges[case_of(store, "T129 ATAK")] is None  # "not in SIPRI"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,age\nann,3\n", encoding="utf-8")
    with store.sessions() as session:
        with pytest.raises(SipriFileError):
            keep_sipri_rows(session, wrong, by="ana")
        session.rollback()
        kept = kept_reconciliation(session)
    assert kept is not None and len(kept.matched) == 3  # the kept register is still the first


# ---- bad input ------------------------------------------------------------------------------------------


def fixture_text() -> str:
    return FIXTURE.read_bytes().decode("latin-1")


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sipri.csv"
    path.write_bytes(text.encode("latin-1"))
    return path


def test_a_file_that_is_not_sipris_is_said(tmp_path: Path) -> None:
    with pytest.raises(SipriFileError, match=r"sipri\.csv: not a SIPRI trade register: no header row"):
        read_sipri(written(tmp_path, "Invoice 2024\nitem,price\nbolts,3\n"))


def test_missing_or_reordered_columns_are_said_with_the_line(tmp_path: Path) -> None:
    lines = fixture_text().split("\r\n")
    missing = lines[11].replace(",Weapon description", "")
    with pytest.raises(SipriFileError, match=r"line 12: .*missing column 'Weapon description'"):
        read_sipri(written(tmp_path, "\r\n".join([*lines[:11], missing, *lines[12:]])))
    swapped = (
        lines[11]
        .replace("Recipient,Supplier", "Recipient,Year of order,Supplier", 1)
        .replace("Year of order, ,", " ,", 1)
    )
    with pytest.raises(
        SipriFileError, match=r"line 12: .*column 2 is 'Year of order' where SIPRI has 'Supplier'"
    ):
        read_sipri(written(tmp_path, "\r\n".join([*lines[:11], swapped, *lines[12:]])))


def test_a_file_cut_off_mid_row_and_an_unknown_country_are_counted_with_their_lines(tmp_path: Path) -> None:
    text = fixture_text().replace("Kenya,Turkiye", "Atlantis,Turkiye")
    cut = text[: text.index("M-346FA version") + 5]  # inside a quoted comment of line 13
    read = read_sipri(
        written(tmp_path, text[: text.index("Algeria,Russia,2018")] + "Algeria,Russia,2018, ,300\r\n")
    )
    assert [(p.line, p.message) for p in read.problems] == [
        (17, "5 columns where the header (line 12) has 16 (the file may be cut off)")
    ]
    read = read_sipri(written(tmp_path, cut))
    assert read.rows == [] and [p.line for p in read.problems] == [13]
    assert "cut off" in read.problems[0].message
    read = read_sipri(written(tmp_path, text))
    assert len(read.rows) == 9 and [(p.line, p.message) for p in read.problems] == [
        (22, "unknown recipient 'Atlantis'")
    ]
    bad_year = text.replace("2019; 2020; 2021", "2019; soon")
    assert next((p.line, p.message) for p in read_sipri(written(tmp_path, bad_year)).problems) == (
        17,
        "Year(s) of delivery 'soon' is not a whole number",
    )


def armswatch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "armswatch"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_the_cli_reconciles_and_says_bad_files_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    store = open_store(url)
    fill(store, records())
    store.engine.dispose()
    done = armswatch("reconcile", "--sipri", str(FIXTURE), "--db", url, "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {"sipri_rows", "cases", "matched", "news_only", "sipri_only"}
    assert set(result["matched"][0]["sipri"]) >= {
        "recipient", "supplier", "designation", "description", "year_of_order", "number_ordered",
        "number_delivered", "years_of_delivery", "status", "comments",
    }  # fmt: skip
    assert "10 SIPRI rows, 5 cases: 3 matched, 2 news only, 1 SIPRI only" in done.stderr
    table = armswatch("reconcile", "--sipri", str(FIXTURE), "--db", url)
    assert table.returncode == 0 and "news_only" in table.stdout and "AW139" in table.stdout
    csv_out = armswatch("reconcile", "--sipri", str(FIXTURE), "--db", url, "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("list,case,supplier,recipient,item")
    assert "year_of_order: ours 2023, SIPRI 2022" in csv_out.stdout

    not_sipri = tmp_path / "notes.txt"
    not_sipri.write_text("hello\n", encoding="utf-8")
    bad = armswatch("reconcile", "--sipri", str(not_sipri), "--db", url)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert (
        bad.stderr.strip().startswith("error:")
        and "notes.txt" in bad.stderr
        and len(bad.stderr.splitlines()) <= 2
    )
    missing = armswatch("reconcile", "--sipri", str(tmp_path / "none.csv"), "--db", url)
    assert missing.returncode == 2 and "none.csv" in missing.stderr and "Traceback" not in missing.stderr

    unknown = written(tmp_path, fixture_text().replace("Kenya,Turkiye", "Atlantis,Turkiye"))
    quiet = armswatch("reconcile", "--sipri", str(unknown), "--db", url, "--format", "json")
    assert quiet.returncode == 0 and "1 rows could not be read (--verbose lists them)" in quiet.stderr
    loud = armswatch("reconcile", "--sipri", str(unknown), "--db", url, "--format", "json", "--verbose")
    assert "line 22: unknown recipient 'Atlantis'" in loud.stderr
    assert json.loads(loud.stdout)["unreadable"] == [{"line": 22, "message": "unknown recipient 'Atlantis'"}]


def test_a_big_file_streams(tmp_path: Path) -> None:
    """Reading never holds the file: rows come one at a time (the 200 MB case, in miniature)."""
    from armswatch.reconcile import iter_sipri

    lines = fixture_text().split("\r\n")
    body = [line for line in lines[12:] if line]
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        out.write("\r\n".join(lines[:12]).encode("latin-1") + b"\r\n")
        for _ in range(2_000):
            out.write(("\r\n".join(body) + "\r\n").encode("latin-1"))
    rows = iter_sipri(path)
    first = next(rows)
    assert getattr(first, "designation", None) == "M-346"
    assert sum(1 for _ in rows) == 2_000 * len(body) - 1
