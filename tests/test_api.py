"""The REST API over HTTP: the real app served by uvicorn on 127.0.0.1, on SQLite and PostgreSQL, filled by
ingesting three articles (two outlets claim one transfer, the buyer denies it; one of them reports another
transfer too)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from armswatch.pipeline import Pipeline, ingest
from armswatch.store import Store
from armswatch.web.app import Settings
from conftest import client_for, write_articles

TOKEN = "test-token-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

# Two outlets claim China delivered J-10C jets to Serbia; Serbia's defence ministry denies it. The first
# article also reports a German delivery of IRIS-T SLM systems to Ukraine.
CLAIM_A = (
    "Balkan Defence Review",
    "2025-05-20",
    "Serbia has taken delivery of twelve J-10C fighter jets from the People's Republic of China, according "
    "to people familiar with the matter. The jets arrived at Batajnica air base in April.\n\n"
    "Separately, Germany delivered four IRIS-T SLM air defence systems to Ukraine, the German defence "
    "ministry said on Monday.",
)
CLAIM_B = (
    "Adriatic Security Monitor",
    "2025-05-22",
    "China delivered J-10C fighter jets to Serbia earlier this year, the magazine reported, citing two "
    "military sources in Beijing.",
)
DENIAL_C = (
    "Belgrade Evening News",
    "2025-05-23",
    "Serbia's defence ministry on Thursday denied that the country had received J-10C fighter jets from "
    "China, calling the reports baseless.",
)
SUBMITTED = {
    "text": "Egypt has ordered 30 Rafale fighter jets from France, the Egyptian defence ministry said on "
    "Monday.",
    "published": "2025-06-02",
    "outlet": "Cairo Daily",
    "title": "Egypt orders Rafale jets",
    "id": "egypt-rafale",
}


# ---- serving -----------------------------------------------------------------------------------------------


@pytest.fixture
def loaded(store: Store, pipeline: Pipeline, tmp_path: Path) -> Store:
    """The store with the three articles ingested."""
    path = write_articles(tmp_path, {"claim-a": CLAIM_A, "claim-b": CLAIM_B, "denial-c": DENIAL_C})
    summary = ingest(pipeline, [str(path)], store)
    assert (summary.documents, summary.errors) == (3, 0)
    return store


@pytest.fixture
def api(loaded: Store) -> Iterator[httpx.Client]:
    """A client on the open app (no token configured: reads open, writes refused)."""
    with client_for(loaded, Settings(token=None, lock_reads=False)) as client:
        yield client


def get_json(client: httpx.Client, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, (url, params, response.text)
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def register_cases(client: httpx.Client, **params: Any) -> list[tuple[str, str, str]]:
    """(supplier, recipient, item) of each register row, in the order served."""
    return [
        (r["supplier"], r["recipient"], r["item"])
        for r in get_json(client, "/api/register", **params)["rows"]
    ]


J10 = ("China", "Serbia", "J-10C")
IRIS = ("Germany", "Ukraine", "IRIS-T SLM")


# ---- the register ------------------------------------------------------------------------------------------


def test_register_rows_and_filters(api: httpx.Client) -> None:
    page = get_json(api, "/api/register")
    assert (page["total"], page["limit"], page["offset"]) == (2, 50, 0)
    rows = {(r["supplier"], r["recipient"], r["item"]): r for r in page["rows"]}
    assert set(rows) == {J10, IRIS}
    j10 = rows[J10]
    assert j10["category"] == "combat_aircraft" and j10["status"] == "delivery"
    assert (j10["sources"], j10["origins"], j10["contested"]) == (3, 3, True)
    iris = rows[IRIS]
    assert iris["category"] == "air_defence"
    assert (iris["sources"], iris["contested"]) == (1, False)

    assert register_cases(api, supplier="china") == [J10]  # case-insensitive substring
    assert register_cases(api, supplier="GERM") == [IRIS]
    assert register_cases(api, recipient="Ukraine") == [IRIS]
    assert register_cases(api, category="air_defence") == [IRIS]
    assert register_cases(api, category="combat_aircraft", supplier="China") == [J10]
    assert register_cases(api, category="combat_aircraft", supplier="Germany") == []
    assert sorted(register_cases(api, status="delivery")) == sorted([J10, IRIS])
    assert register_cases(api, status="order") == []
    assert register_cases(api, contested="true") == [J10]
    assert register_cases(api, contested="false") == [IRIS]
    assert register_cases(api, item="iris") == [IRIS]
    assert register_cases(api, type="agreement") == []
    assert get_json(api, "/api/register", recipient="Atlantis")["total"] == 0


def test_register_pagination_and_sorting(api: httpx.Client) -> None:
    by_sources_asc = register_cases(api, sort="sources", order="asc")
    by_sources_desc = register_cases(api, sort="sources", order="desc")
    assert by_sources_asc == [IRIS, J10]
    assert by_sources_desc == [J10, IRIS]
    sources = [r["sources"] for r in get_json(api, "/api/register", sort="sources", order="desc")["rows"]]
    assert sources == sorted(sources, reverse=True) == [3, 1]

    first = get_json(api, "/api/register", sort="sources", order="desc", limit=1)
    second = get_json(api, "/api/register", sort="sources", order="desc", limit=1, offset=1)
    beyond = get_json(api, "/api/register", sort="sources", order="desc", limit=1, offset=2)
    assert (first["total"], second["total"], beyond["total"]) == (2, 2, 2)  # total ignores the page
    assert (first["limit"], second["offset"]) == (1, 1)
    assert [r["item"] for r in first["rows"] + second["rows"]] == ["J-10C", "IRIS-T SLM"]
    assert beyond["rows"] == []
    filtered = get_json(api, "/api/register", supplier="China", limit=1)
    assert filtered["total"] == 1 and len(filtered["rows"]) == 1

    by_item = register_cases(api, sort="item", order="asc")
    assert by_item == [IRIS, J10]  # "IRIS-T SLM" < "J-10C"


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"limit": "ten"},
        {"offset": -1},
        {"sort": "colour"},
        {"order": "sideways"},
        {"since": "2025/01/01"},
        {"until": "yesterday"},
        {"contested": "perhaps"},
    ],
)
def test_register_rejects_bad_parameters(api: httpx.Client, params: dict[str, Any]) -> None:
    response = api.get("/api/register", params=params)
    assert response.status_code == 422, response.text
    (field,) = params
    assert any(field in error["loc"] for error in response.json()["detail"]), response.json()


# ---- cases, events, entities -------------------------------------------------------------------------------


def case_id_of(client: httpx.Client, key: tuple[str, str, str]) -> int:
    supplier, recipient, item = key
    rows = get_json(client, "/api/register", supplier=supplier, recipient=recipient, item=item)["rows"]
    assert len(rows) == 1, rows
    case_id: int = rows[0]["case"]
    return case_id


def test_case_with_reports_attributions_and_evidence(api: httpx.Client) -> None:
    case_id = case_id_of(api, J10)
    detail = get_json(api, f"/api/cases/{case_id}")
    summary = detail["case"]
    assert summary["case"] == case_id and summary["type"] == "transfer"
    assert (summary["supplier"], summary["recipient"], summary["item"]) == J10
    assert summary["contested"] is True and summary["sources"] == 3
    assert (summary["first_reported"], summary["last_reported"]) == ("2025-05-20", "2025-05-23")

    reports = detail["reports"]
    assert [r["document"]["key"] for r in reports] == ["claim-a", "claim-b", "denial-c"]  # by publication
    assert [r["document"]["outlet"] for r in reports] == [CLAIM_A[0], CLAIM_B[0], DENIAL_C[0]]
    stances = {r["document"]["key"]: {a["stance"] for a in r["attributions"]} for r in reports}
    assert "claimed" in stances["claim-a"] and "claimed" in stances["claim-b"]
    assert stances["denial-c"] == {"denied"}
    (denial,) = reports[2]["attributions"]
    assert denial["source"] == "Serbia's defence ministry" and denial["cue"] == "denied"
    assert all(r["roles"]["supplier"] == "China" and r["roles"]["recipient"] == "Serbia" for r in reports)

    texts = {"claim-a": CLAIM_A[2], "claim-b": CLAIM_B[2], "denial-c": DENIAL_C[2]}
    for report in reports:
        assert report["evidence"], report
        for quote in report["evidence"]:
            assert texts[report["document"]["key"]][quote["start"] : quote["end"]] == quote["quote"]
    assert any("denied" in q["quote"] and "J-10C" in q["quote"] for q in reports[2]["evidence"])

    for missing in (0, -3, 999_999, 2**40):
        response = api.get(f"/api/cases/{missing}")
        assert response.status_code == 404, (missing, response.text)
        assert str(missing) in response.json()["detail"]
    assert api.get("/api/cases/abc").status_code == 422


def test_events_by_type_and_actor(api: httpx.Client) -> None:
    everything = get_json(api, "/api/events")
    transfers = get_json(api, "/api/events", type="transfer")["events"]
    assert len(transfers) == 4 and all(e["type"] == "transfer" for e in transfers)
    ids = [e["id"] for e in everything["events"]]
    assert ids == sorted(ids, reverse=True)  # newest first
    assert get_json(api, "/api/events", type="no_such_type")["events"] == []

    german = get_json(api, "/api/events", actor="Germany")["events"]
    assert len(german) == 1
    (event,) = german
    assert event["roles"]["supplier"] == "Germany" and event["roles"]["item"] == "IRIS-T SLM"
    assert event["document_key"] == "claim-a" and event["status"] == "delivery"
    assert event["attributions"][0]["source"] == "German defence ministry"
    assert event["case"] == case_id_of(api, IRIS)

    serbian = get_json(api, "/api/events", actor="Serbia", type="transfer")["events"]
    assert sorted(e["document_key"] for e in serbian) == ["claim-a", "claim-b", "denial-c"]
    assert {e["case"] for e in serbian} == {case_id_of(api, J10)}
    assert get_json(api, "/api/events", actor="Serbia", type="agreement")["events"] == []

    page = get_json(api, "/api/events", type="transfer", limit=2, offset=1)
    assert [e["id"] for e in page["events"]] == [e["id"] for e in transfers[1:3]]
    assert api.get("/api/events", params={"limit": 0}).status_code == 422


def test_entities_search_and_detail(api: httpx.Client) -> None:
    found = get_json(api, "/api/entities", q="serb")["entities"]
    assert {(e["name"], e["type"]) for e in found} >= {("Serbia", "country")}
    assert all("serb" in e["name"].lower() for e in found)
    countries = get_json(api, "/api/entities", type="country")["entities"]
    names = [e["name"] for e in countries]
    assert {"China", "Germany", "Serbia", "Ukraine"} <= set(names)
    assert names == sorted(names) and all(e["type"] == "country" for e in countries)
    assert [e["name"] for e in get_json(api, "/api/entities", q="serb", type="country")["entities"]] == [
        "Serbia"
    ]
    weapons = {e["name"] for e in get_json(api, "/api/entities", type="weapon_system")["entities"]}
    assert weapons == {"J-10C", "IRIS-T SLM"}
    # an alias finds its entity
    (china,) = get_json(api, "/api/entities", q="people's republic", type="country")["entities"]
    assert (china["name"], china["country"]) == ("China", "CHN")

    detail = get_json(api, f"/api/entities/{china['id']}")
    assert detail["name"] == "China" and detail["type"] == "country"
    assert "People's Republic of China" in detail["aliases"]
    assert detail["aliases"] == sorted(detail["aliases"])
    assert [(r["supplier"], r["recipient"], r["item"]) for r in detail["as_supplier"]] == [J10]
    assert detail["as_recipient"] == []
    timeline = detail["timeline"]
    assert sorted(t["document"] for t in timeline) == ["claim-a", "claim-b", "denial-c"]
    assert {t["role"] for t in timeline} == {"supplier"} and {t["type"] for t in timeline} == {"transfer"}
    dates = [t["date"] for t in timeline]
    assert dates == sorted(dates)

    (ukraine,) = get_json(api, "/api/entities", q="ukraine")["entities"]
    ukraine_detail = get_json(api, f"/api/entities/{ukraine['id']}")
    assert ukraine_detail["as_supplier"] == []
    assert [r["item"] for r in ukraine_detail["as_recipient"]] == ["IRIS-T SLM"]
    assert [t["role"] for t in ukraine_detail["timeline"]] == ["recipient"]

    assert api.get("/api/entities/999999").status_code == 404
    assert api.get("/api/entities/0").status_code == 404
    assert get_json(api, "/api/entities", q="zzzz-nothing")["entities"] == []


# ---- documents, search, export -----------------------------------------------------------------------------


def test_document_text_with_entity_and_event_spans(api: httpx.Client) -> None:
    (event,) = get_json(api, "/api/events", actor="Germany")["events"]
    doc = get_json(api, f"/api/documents/{event['document']}")
    assert doc["doc"]["key"] == "claim-a" and doc["doc"]["outlet"] == CLAIM_A[0]
    assert doc["doc"]["published"] == CLAIM_A[1] and doc["doc"]["language"] == "en"
    text = doc["text"]
    assert text == CLAIM_A[2]

    spans = doc["entities"]
    assert spans and [s["start"] for s in spans] == sorted(s["start"] for s in spans)
    aliases: dict[int, set[str]] = {}
    for span in spans:
        if span["entity"] not in aliases:
            aliases[span["entity"]] = set(get_json(api, f"/api/entities/{span['entity']}")["aliases"])
        mention = text[span["start"] : span["end"]]
        assert mention == span["name"] or mention.strip() in aliases[span["entity"]], span
    mentioned = {(s["name"], s["type"]) for s in spans}
    assert {("Serbia", "country"), ("China", "country"), ("J-10C", "weapon_system")} <= mentioned
    assert ("IRIS-T SLM", "weapon_system") in mentioned
    prc = next(s for s in spans if s["name"] == "China")
    assert text[prc["start"] : prc["end"]] == "People's Republic of China"

    items = sorted(e["roles"]["item"] for e in doc["events"])
    assert items == ["IRIS-T SLM", "J-10C"]
    for doc_event in doc["events"]:
        assert doc_event["document"] == doc["doc"]["id"] and doc_event["document_key"] == "claim-a"
        assert doc_event["evidence"]
        for start, end in doc_event["evidence"]:
            assert 0 <= start < end <= len(text) and text[start:end].strip()
        quoted = " ".join(text[start:end] for start, end in doc_event["evidence"])
        assert doc_event["roles"]["item"] in quoted and doc_event["roles"]["recipient"] in quoted
    iris = next(e for e in doc["events"] if e["roles"]["item"] == "IRIS-T SLM")
    assert any("IRIS-T SLM" in text[s:e] for s, e in iris["evidence"])

    assert api.get("/api/documents/424242").status_code == 404


def test_search(api: httpx.Client) -> None:
    results = get_json(api, "/api/search", q="baseless")["results"]
    assert [r["key"] for r in results] == ["denial-c"]
    assert "baseless" in results[0]["snippet"]
    keys = {r["key"] for r in get_json(api, "/api/search", q="fighter jets")["results"]}
    assert keys == {"claim-a", "claim-b", "denial-c"}
    assert get_json(api, "/api/search", q="submarine")["results"] == []
    assert len(get_json(api, "/api/search", q="fighter jets", limit=1)["results"]) == 1
    assert get_json(api, "/api/search", q="Ukraine")["query"] == "Ukraine"
    assert api.get("/api/search").status_code == 422
    assert api.get("/api/search", params={"q": ""}).status_code == 422


def test_export_formats_parse_back(api: httpx.Client) -> None:
    response = api.get("/api/export", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    # named with the day it was made (issue 13): armswatch-export-2026-12-03.csv
    disposition = response.headers["content-disposition"]
    assert re.search(r'filename="armswatch-export-\d{4}-\d{2}-\d{2}\.csv"', disposition)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["supplier"], r["recipient"], r["item"]) for r in rows} == {J10, IRIS}
    j10 = next(r for r in rows if r["item"] == "J-10C")
    assert (j10["sources"], j10["contested"], j10["category"]) == ("3", "True", "combat_aircraft")
    assert api.get("/api/export").text == response.text  # csv is the default

    response = api.get("/api/export", params={"format": "jsonl"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert [r["doc"]["id"] for r in records] == ["claim-a", "claim-b", "denial-c"]
    denial = records[2]
    assert [a["stance"] for e in denial["events"] for a in e["attributions"]] == ["denied"]
    assert {e["name"] for e in records[0]["entities"]} >= {"Serbia", "China", "Germany", "Ukraine"}

    response = api.get("/api/export", params={"format": "ftm"})
    assert response.status_code == 200
    entities = [json.loads(line) for line in response.text.splitlines() if line.strip()]
    assert entities and all("id" in e and "schema" in e and "properties" in e for e in entities)
    names = {n for e in entities for n in e["properties"].get("name", [])}
    assert {"China", "Serbia", "Germany", "Ukraine"} <= names

    response = api.get("/api/export", params={"format": "graphml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{GRAPHML}graphml"
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None
    labels = {n.get("id"): n.findtext(f"{GRAPHML}data[@key='label']") for n in graph.iter(f"{GRAPHML}node")}
    edges = {(labels[e.get("source")], labels[e.get("target")]) for e in graph.iter(f"{GRAPHML}edge")}
    assert edges == {("China", "Serbia"), ("Germany", "Ukraine")}

    response = api.get("/api/export", params={"format": "sipri"})  # SIPRI's trade-register columns
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert re.search(
        r'filename="armswatch-export-sipri-\d{4}-\d{2}-\d{2}\.csv"', response.headers["content-disposition"]
    )
    header, *sipri_rows = list(csv.reader(io.StringIO(response.text)))
    assert header[:3] == ["Recipient", "Supplier", "Year of order"] and len(header) == 16
    assert {(r[0], r[1]) for r in sipri_rows} == {("Serbia", "China"), ("Ukraine", "Germany")}

    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 422


# ---- writes and locked reads -------------------------------------------------------------------------------


def test_post_refused_when_no_token_is_configured(api: httpx.Client) -> None:
    for headers in ({}, AUTH, {"Authorization": "Bearer anything"}):
        response = api.post("/api/documents", json=SUBMITTED, headers=headers)
        assert response.status_code == 403, response.text
        assert "ARMSWATCH_TOKEN" in response.json()["detail"]
    assert get_json(api, "/api/register")["total"] == 2  # nothing stored
    assert get_json(api, "/api/search", q="Rafale")["results"] == []


def test_post_document_with_token(loaded: Store, pipeline: Pipeline) -> None:
    with client_for(loaded, Settings(token=TOKEN, lock_reads=False), pipeline) as client:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            response = client.post("/api/documents", json=SUBMITTED, headers=headers)
            assert response.status_code == 401, (headers, response.text)
            assert response.headers["www-authenticate"] == "Bearer"
        assert get_json(client, "/api/register")["total"] == 2  # reads stay open, nothing stored

        for body in ({"title": "no text"}, {"text": "   "}, {"html": ""}, {}):
            response = client.post("/api/documents", json=body, headers=AUTH)
            assert response.status_code == 422, (body, response.text)
        response = client.post("/api/documents", json=SUBMITTED, headers=AUTH)
        assert response.status_code == 201, response.text
        created = response.json()
        assert created["stored"] is True and created["duplicate_of"] is None
        assert created["document_url"] == f"/api/documents/{created['document']}"
        transfers = [e for e in created["events"] if e["type"] == "transfer"]
        assert len(transfers) == 1
        link = transfers[0]
        assert link["case"] and link["case_url"] == f"/api/cases/{link['case']}"

        detail = get_json(client, link["case_url"])
        summary = detail["case"]
        assert (summary["supplier"], summary["recipient"], summary["item"]) == ("France", "Egypt", "Rafale")
        assert (summary["quantity"], summary["status"], summary["sources"]) == (30, "order", 1)
        (report,) = detail["reports"]
        assert report["event"] == link["event"]
        assert report["document"]["key"] == "egypt-rafale" and report["document"]["outlet"] == "Cairo Daily"
        # the buyer's own ministry says so: a party confirms its own deal
        assert report["attributions"][0]["stance"] == "confirmed"
        assert any("Rafale" in q["quote"] for q in report["evidence"])

        doc = get_json(client, created["document_url"])
        assert doc["text"] == SUBMITTED["text"] and doc["doc"]["title"] == SUBMITTED["title"]
        assert get_json(client, "/api/register")["total"] == 3
        assert [r["key"] for r in get_json(client, "/api/search", q="Rafale")["results"]] == ["egypt-rafale"]

        again = client.post("/api/documents", json=SUBMITTED, headers=AUTH)  # same content: not stored twice
        assert again.status_code == 201
        assert again.json()["stored"] is False and again.json()["document"] == created["document"]
        assert get_json(client, "/api/register")["total"] == 3

        # a publication date that is no date is read as unknown, with a warning; the article is stored
        undated = {**SUBMITTED, "text": SUBMITTED["text"] + " Deliveries follow.", "published": "June"}
        response = client.post("/api/documents", json=undated, headers=AUTH)
        assert response.status_code == 201, response.text
        assert "'published' is not a date" in response.json()["warnings"][0]
        stored = get_json(client, response.json()["document_url"])
        assert stored["doc"]["published"] is None
        month = {**SUBMITTED, "text": SUBMITTED["text"] + " More follow.", "published": "2025-06"}
        response = client.post("/api/documents", json=month, headers=AUTH)
        assert response.status_code == 201 and response.json()["warnings"] == []
        assert get_json(client, response.json()["document_url"])["doc"]["published"] == "2025-06"


def test_locked_reads_need_the_token(loaded: Store) -> None:
    with client_for(loaded, Settings(token=TOKEN, lock_reads=True)) as client:
        for url in ("/api/register", "/api/cases/1", "/api/events", "/api/entities", "/api/export"):
            response = client.get(url)
            assert response.status_code == 401, (url, response.text)
            assert response.headers["www-authenticate"] == "Bearer"
            assert client.get(url, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert client.get("/api/search", params={"q": "jets"}).status_code == 401

        page = client.get("/api/register", headers=AUTH)
        assert page.status_code == 200 and page.json()["total"] == 2
        case_id = page.json()["rows"][0]["case"]
        assert client.get(f"/api/cases/{case_id}", headers=AUTH).json()["case"]["case"] == case_id
        results = client.get("/api/search", params={"q": "baseless"}, headers=AUTH).json()["results"]
        assert [r["key"] for r in results] == ["denial-c"]
        export = client.get("/api/export", params={"format": "csv"}, headers=AUTH)
        assert export.status_code == 200 and len(list(csv.DictReader(io.StringIO(export.text)))) == 2


# ---- pages people type: HTML errors with a way back, actors by name ---------------------------------------


def test_page_urls_answer_html_errors_and_api_urls_json(loaded: Store) -> None:
    with client_for(loaded, Settings(token=None, lock_reads=False)) as client:
        html = {"Accept": "text/html"}
        missing = client.get("/no-such-page", headers=html)
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("text/html")
        assert 'href="/register"' in missing.text  # a way back
        malformed = client.get("/cases/not-a-number", headers=html)
        assert malformed.status_code == 422
        assert malformed.headers["content-type"].startswith("text/html")
        assert 'href="/register"' in malformed.text
        api_missing = client.get("/api/cases/not-a-number")
        assert api_missing.status_code == 422
        assert api_missing.headers["content-type"].startswith("application/json")


def test_an_actor_page_by_name(loaded: Store) -> None:
    with client_for(loaded, Settings(token=None, lock_reads=False)) as client:
        by_name = client.get("/actors/Serbia", headers={"Accept": "text/html"}, follow_redirects=True)
        assert by_name.status_code == 200
        assert by_name.headers["content-type"].startswith("text/html")
        assert "Serbia" in by_name.text
        assert str(by_name.url).rstrip("/").split("/")[-1].isdigit()  # redirected to its id
        unknown = client.get("/actors/Atlantis", headers={"Accept": "text/html"})
        assert unknown.status_code == 404
        assert unknown.headers["content-type"].startswith("text/html")


def test_a_case_page_says_whose_value_it_shows(store: Store, pipeline: Pipeline, tmp_path: Path) -> None:
    article = (
        "Lake Defence Weekly",
        "2025-06-02",
        "Kenya has ordered six Bayraktar TB2 drones from Turkey in a deal worth $90 million, the Kenyan "
        "defence ministry said on Monday.",
    )
    ingest(pipeline, [str(write_articles(tmp_path, {"value-a": article}))], store)
    with client_for(store, Settings(token=None, lock_reads=False)) as client:
        (row,) = get_json(client, "/api/register")["rows"]
        page = client.get(f"/cases/{row['case']}", headers={"Accept": "text/html"})
        value = page.text.split("<dt>Value</dt>", 1)[1].split("</dd>", 1)[0]
        assert "$90" in value and "per Lake Defence Weekly" in value  # the source of the value, named
