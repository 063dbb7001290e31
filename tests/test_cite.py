"""Citing from the register (issue 13, items 1, 3 and 4), on a real store (SQLite and PostgreSQL), the real
CLI and the real app over HTTP: who denied a case and its stance summary; readable source names; the
citation text and CSL-JSON; per-case evidence; register, sources and events CSVs with their file names; and
deal-date filters beside report-date filters, with undated cases kept by default and counted."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from armswatch.cite import citation, csl_date
from armswatch.export import export_columns, export_filename, typed_rows, write_register_files
from armswatch.query import (
    RegisterFilters,
    case_detail,
    evidence_rows,
    register,
    register_rows,
    source_name,
    undated_counts,
)
from armswatch.store import Store
from armswatch.web.app import Settings
from cite_data import SUBMITTED_KEY, fill
from conftest import client_for

CLI = [sys.executable, "-m", "armswatch.cli"]
TODAY = datetime.now(UTC).date().isoformat()


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


def case_ids(store: Store, **filters: object) -> list[int]:
    with store.session() as session:
        return sorted(r["case"] for r in register(session, RegisterFilters(**filters)))  # type: ignore[arg-type]


def drone_case(store: Store) -> int:
    with store.session() as session:
        [row] = [r for r in register(session, RegisterFilters()) if r["recipient"] == "Azerbaijan"]
    return int(row["case"])


# ---- item 4: contested, but by whom? ----------------------------------------------------------------------


def test_register_rows_name_who_denied_and_sum_up_the_stances(filled: Store) -> None:
    with filled.session() as session:
        _total, rows = register_rows(session, RegisterFilters(supplier="Turkey"), sort="case", order="asc")
    drones = next(r for r in rows if r["recipient"] == "Azerbaijan")
    assert drones["contested"] is True
    assert drones["denied_by"] == ["Turkish foreign ministry"]
    assert drones["stances"] == "claimed by 2, confirmed by 1, denied by 1"
    ukraine = next(r for r in rows if r["recipient"] == "Ukraine")
    # a report with no attributed statement: its outlet asserts it
    assert (ukraine["denied_by"], ukraine["stances"]) == ([], "asserted by 1")


# ---- item 1: nothing to cite from ------------------------------------------------------------------------


def test_a_source_has_a_readable_name_never_a_hash() -> None:
    assert source_name("Middle East Eye", "https://www.mee.net/x", "T", "k") == "Middle East Eye"
    assert source_name(None, "https://www.example-news.org/a", "Drones", SUBMITTED_KEY) == "example-news.org"
    assert source_name(" ", "javascript:alert(1)", "Drones reach Baku", SUBMITTED_KEY) == "Drones reach Baku"
    assert source_name(None, None, None, "claim-a") == "claim-a"
    assert source_name(None, None, None, SUBMITTED_KEY) == "an unnamed article"


def test_case_detail_and_evidence_name_every_source(filled: Store) -> None:
    with filled.session() as session:
        detail = case_detail(session, drone_case(filled))
    assert detail is not None
    names = [r["document"]["name"] for r in detail["reports"]]
    assert names == ["Middle East Eye", "example-news.org", "Caspian Wire", "Ankara Daily"]
    assert detail["case"]["stances"] == "claimed by 2, confirmed by 1, denied by 1"
    rows = evidence_rows(detail)
    assert [(r["source_name"], r["source"], r["stance"]) for r in rows] == [
        ("Middle East Eye", "Middle East Eye", "claimed"),
        ("example-news.org", "Anadolu Agency", "claimed"),
        ("Caspian Wire", "Ilham Aliyev", "confirmed"),
        ("Ankara Daily", "Turkish foreign ministry", "denied"),
    ]
    assert rows[3]["quote"].startswith("Turkey's foreign ministry denied")
    assert rows[0]["url"] == "https://www.middleeasteye.net/news/turkey-drones-azerbaijan"
    assert SUBMITTED_KEY not in json.dumps(rows)


def test_citation_text_and_csl_json_carry_facts_sources_and_the_stable_url(filled: Store) -> None:
    with filled.session() as session:
        case = drone_case(filled)
        detail = case_detail(session, case)
    assert detail is not None
    url = f"https://armswatch.example/cases/{case}"
    cite = citation(detail, url, "2026-12-03")
    text = cite["text"]
    assert url in text and "(accessed 2026-12-03)" in text
    assert "supplier: Turkey; recipient: Azerbaijan; item: Bayraktar TB2; quantity: 6" in text
    assert "claimed by 2, confirmed by 1, denied by 1" in text
    assert (
        "4. Ankara Daily, 2020-10-07, https://ankaradaily.example/denial. denied by Turkish foreign" in text
    )
    assert "example-news.org, 2020-10-03" in text and SUBMITTED_KEY not in text

    items = cite["csl"]
    assert items[0]["type"] == "dataset" and items[0]["URL"] == url
    articles = items[1:]
    assert [a["type"] for a in articles] == ["article-newspaper"] * 4
    first = articles[0]
    assert first["title"] == "Turkey sends armed drones to Azerbaijan"
    assert first["container-title"] == "Middle East Eye"
    assert first["URL"] == "https://www.middleeasteye.net/news/turkey-drones-azerbaijan"
    assert first["issued"] == {"date-parts": [[2020, 10, 1]]}
    assert first["accessed"] == {"date-parts": [[2026, 12, 3]]}
    assert "URL" not in articles[2]  # Caspian Wire gave no URL
    assert articles[3]["note"].startswith("denied by Turkish foreign ministry: “Turkey's")
    assert len({a["id"] for a in items}) == len(items)
    assert csl_date("2020-09") == {"date-parts": [[2020, 9]]} and csl_date("soon") is None


def test_export_columns_give_each_type_its_own_sides(filled: Store) -> None:
    assert export_columns("agreement")[:3] == ["case", "type", "parties"]
    assert "supplier" not in export_columns("agreement") and "recipient" not in export_columns("agreement")
    assert export_columns("financing")[2:4] == ["provider", "beneficiary"]
    assert {"denied_by", "stances", "source_list", "first_reported"} <= set(export_columns("transfer"))
    events = export_columns("events")
    assert "parties" in events and "participants" in events and "supplier" not in events
    with filled.session() as session:
        [pact] = typed_rows(register(session, RegisterFilters(type="agreement"), extra=True))
    assert pact["parties"] == ["France", "India"]
    assert pact["deal_dates"] == ["2016-09-23"]


def test_export_file_names_carry_the_filters_and_the_day() -> None:
    filters = {"type": "transfer", "supplier": "Turkey", "undated": True}
    assert export_filename("register", filters, "2026-12-03", "csv") == (
        "armswatch-register-transfer-supplier-turkey-2026-12-03.csv"
    )
    hostile = {"type": "transfer", "supplier": '../../x";\r\nX-Injected: 1', "undated": False}
    name = export_filename("register", hostile, "2026-12-03", "csv")
    assert name == "armswatch-register-transfer-supplier-x-x-injected-1-undated-no-2026-12-03.csv"


def test_register_files_beside_the_csv_hold_sources_and_other_events(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    with filled.session() as session:
        written = write_register_files(session, path)
    assert set(written) == {
        str(path),
        str(tmp_path / "register-sources.csv"),
        str(tmp_path / "register-events.csv"),
    }
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    drones = next(r for r in rows if r["recipient"] == "Azerbaijan")
    assert drones["denied_by"] == "Turkish foreign ministry"
    assert "example-news.org, 2020-10-03, https://www.example-news.org/baku-drones" in drones["source_list"]
    sources = list(csv.DictReader((tmp_path / "register-sources.csv").open(encoding="utf-8")))
    assert {"source_name", "published", "url", "stance", "quote"} <= set(sources[0])
    assert len([s for s in sources if s["case"] == drones["case"]]) == 4
    events = list(csv.DictReader((tmp_path / "register-events.csv").open(encoding="utf-8")))
    assert [(e["type"], e["parties"]) for e in events] == [("agreement", "France; India")]
    assert "supplier" not in events[0]


# ---- item 3: dates that mean the deal ----------------------------------------------------------------------


def test_deal_dates_filter_apart_from_report_dates_and_keep_undated_cases(filled: Store) -> None:
    with filled.session() as session:
        ids = {
            r["item"] + "→" + (r["recipient"] or ""): r["case"] for r in register(session, RegisterFilters())
        }
    drones, ukraine, su57 = (
        ids["Bayraktar TB2→Azerbaijan"],
        ids["Bayraktar TB2→Ukraine"],
        ids["Su-57→Algeria"],
    )
    # deals dated 2020 (the drones: September and October 2020); the Su-57 order has no date and stays
    assert case_ids(filled, deal_since="2020", deal_until="2020") == sorted([drones, su57])
    assert case_ids(filled, deal_since="2020", deal_until="2020", undated=False) == [drones]
    assert case_ids(filled, deal_since="2020-10") == sorted([drones, su57])  # month precision overlaps
    assert case_ids(filled, deal_until="2019-06", undated=False) == [ukraine]
    # the report dates are another filter: the Su-57 report is from 2021, the deal has no date
    assert case_ids(filled, since="2021") == [su57]
    assert case_ids(filled, since="2021", deal_since="2021", undated=False) == []
    with filled.session() as session:
        assert undated_counts(session, RegisterFilters(deal_since="2020", undated=False)) == {"deal": 1}
        counted = undated_counts(session, RegisterFilters(since="2019", deal_since="2020"))
        assert counted == {"deal": 1, "report": 0}


# ---- the CLI and the web app ------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "250"}  # a table as wide as its content
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, env=env)


def test_cli_filters_deal_dates_says_what_it_hides_and_exports_evidence(
    filled: Store, db_url: str, tmp_path: Path
) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("one database is enough for the command line")
    shown = run(
        "register",
        "--db",
        db_url,
        "--deal-since",
        "2020",
        "--deal-until",
        "2020",
        "--no-undated",
        "--format",
        "json",
    )
    assert shown.returncode == 0, shown.stderr
    rows = json.loads(shown.stdout)
    assert [r["recipient"] for r in rows] == ["Azerbaijan"]
    assert rows[0]["denied_by"] == ["Turkish foreign ministry"]
    assert "1 undated case (no deal date): hidden by the deal-date filter" in shown.stderr
    kept = run("register", "--db", db_url, "--deal-since", "2020", "--format", "csv")
    assert "1 undated case (no deal date): kept" in kept.stderr
    assert {r["recipient"] for r in csv.DictReader(io.StringIO(kept.stdout))} == {"Azerbaijan", "Algeria"}
    table = run("register", "--db", db_url, "--columns", "case,recipient,denied_by,stances")
    assert "Turkish foreign ministry" in table.stdout and "claimed by 2" in table.stdout

    pacts = run("register", "--db", db_url, "--type", "agreement", "--format", "csv")
    assert [(r["parties"], r.get("supplier")) for r in csv.DictReader(io.StringIO(pacts.stdout))] == [
        ("France; India", None)
    ]
    assert "France" in run("register", "--db", db_url, "--type", "agreement").stdout  # the table too

    case = str(drone_case(filled))
    evidence = run("case", case, "--db", db_url, "--format", "csv")
    assert evidence.returncode == 0, evidence.stderr
    rows = list(csv.DictReader(io.StringIO(evidence.stdout)))
    assert [r["source_name"] for r in rows] == [
        "Middle East Eye",
        "example-news.org",
        "Caspian Wire",
        "Ankara Daily",
    ]
    assert rows[3]["stance"] == "denied" and rows[3]["url"] == "https://ankaradaily.example/denial"
    shown = run("case", case, "--db", db_url)  # the table names the submitted article, never by its hash
    assert shown.returncode == 0, shown.stderr
    assert "example-news.org" in shown.stdout and SUBMITTED_KEY not in shown.stdout

    out = tmp_path / "reg.csv"
    exported = run("export", "--db", db_url, "--format", "csv", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "reg-sources.csv").exists() and (tmp_path / "reg-events.csv").exists()
    assert "reg-events.csv" in exported.stderr


def test_api_and_downloads_cite_and_name_their_files(filled: Store) -> None:
    case = drone_case(filled)
    with client_for(filled, Settings(token="t")) as client:
        items = client.get(f"/api/cases/{case}/cite")
        assert items.status_code == 200 and "csl+json" in items.headers["content-type"]
        csl = items.json()
        assert csl[0]["URL"].endswith(f"/cases/{case}") and csl[1]["type"] == "article-newspaper"
        assert client.get("/api/cases/999999/cite").status_code == 404
        evidence = client.get(f"/api/cases/{case}/evidence").json()["evidence"]
        assert [e["stance"] for e in evidence] == ["claimed", "claimed", "confirmed", "denied"]

        page = client.get("/api/register", params={"deal_since": "2020", "undated": "false"}).json()
        assert page["total"] == 1 and page["undated"] == {"deal": 1, "included": False}
        assert page["rows"][0]["stances"] == "claimed by 2, confirmed by 1, denied by 1"
        assert client.get("/api/register", params={"deal_since": "2020-13"}).status_code == 422

        named = client.get("/register.csv", params={"supplier": "Turkey"})
        disposition = named.headers["content-disposition"]
        assert (
            disposition == f'attachment; filename="armswatch-register-transfer-supplier-turkey-{TODAY}.csv"'
        )
        pacts = list(
            csv.DictReader(io.StringIO(client.get("/register.csv", params={"type": "agreement"}).text))
        )
        assert [(p["parties"], p.get("supplier")) for p in pacts] == [("France; India", None)]
        sources = client.get(
            "/register-sources.csv", params={"supplier": "Turkey", "recipient": "Azerbaijan"}
        )
        assert (
            "register-sources-transfer-supplier-turkey-recipient-azerbaijan"
            in sources.headers["content-disposition"]
        )
        assert len(list(csv.DictReader(io.StringIO(sources.text)))) == 4

        cite = client.get(f"/cases/{case}/cite.json")
        assert cite.status_code == 200
        assert f'filename="armswatch-case-{case}-{TODAY}.json"' in cite.headers["content-disposition"]
        assert cite.json()[1]["container-title"] == "Middle East Eye"
        as_csv = client.get(f"/cases/{case}/evidence.csv")
        assert as_csv.headers["content-disposition"].endswith(f'evidence-{TODAY}.csv"')
        assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == 4
        as_json = client.get(f"/cases/{case}/evidence.json").json()
        assert as_json["case"]["denied_by"] == ["Turkish foreign ministry"]
        assert client.get(f"/cases/{case}/evidence.xml").status_code == 404
        assert client.get("/cases/999999/evidence.csv").status_code == 404

        shown = client.get(f"/cases/{case}").text
        assert SUBMITTED_KEY not in shown  # "per 915c206827607c2e" is gone
        assert re.search(r"per example-news\.org, Middle East Eye<", shown)  # who reported six drones
