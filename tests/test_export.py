"""Exports of a store filled by the real pipeline: contract JSONL, the register as CSV, FollowTheMoney
entities and the GraphML transfer network, each parsed back and checked (on SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from followthemoney import model

from armswatch.contract import load_schema
from armswatch.export import write_export
from armswatch.pipeline import Pipeline, ingest
from armswatch.query import REGISTER_COLUMNS, RegisterFilters, register
from armswatch.records import Document
from armswatch.store import Store
from conftest import write_articles

ARTICLES = {
    "pap-k2-poland": (
        "PAP",
        "2022-08-27",
        "Poland signed a contract on Friday to buy 180 K2 tanks from South Korea worth $3.37 billion, "
        "the Polish Ministry of National Defence said. The tanks are built by Hyundai Rotem.",
    ),
    "reuters-k2-poland": (
        "Reuters",
        "2022-08-28",
        "WARSAW, Aug 27 (Reuters) - Poland has ordered 180 K2 tanks from South Korea, "
        "Defence Minister Mariusz Blaszczak said on Saturday.",
    ),
    "afp-egypt-rafale": (
        "AFP",
        "2022-07-15",
        "Egypt received three more Rafale fighter jets from France on Thursday, the Egyptian Air Force said.",
    ),
}
URLS = {doc_id: f"https://news.example.org/{doc_id}" for doc_id in ARTICLES}
K2_URLS = sorted([URLS["pap-k2-poland"], URLS["reuters-k2-poland"]])
TITLES = {"pap-k2-poland": "Poland buys K2 tanks", "reuters-k2-poland": "Poland orders Korean tanks"}
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def filled(store: Store, pipeline: Pipeline, tmp_path: Path) -> Store:
    """The three articles ingested, with URLs (and two with titles) as a crawler's JSONL would have."""
    path = write_articles(tmp_path / "in", ARTICLES)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line["url"] = URLS[line["id"]]
        if line["id"] in TITLES:
            line["title"] = TITLES[line["id"]]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    summary = ingest(pipeline, [str(path)], store)
    assert (summary.documents, summary.errors) == (3, 0)
    return store


def export(store: Store, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    with store.sessions() as session:
        written = write_export(session, fmt, out)
    return written, out.getvalue()


def test_jsonl_rebuilds_each_document_as_the_extractor_wrote_it(filled: Store, pipeline: Pipeline) -> None:
    written, text = export(filled, "jsonl")
    records = [json.loads(line) for line in text.splitlines()]
    assert written == len(records) == 3
    for record in records:
        jsonschema.validate(record, load_schema())
    assert [r["doc"]["id"] for r in records] == list(ARTICLES)

    by_id = {r["doc"]["id"]: r for r in records}
    assert by_id["pap-k2-poland"]["doc"] == {
        "id": "pap-k2-poland",
        "title": "Poland buys K2 tanks",
        "outlet": "PAP",
        "published": "2022-08-27",
        "url": URLS["pap-k2-poland"],
        "language": "en",
    }
    assert by_id["afp-egypt-rafale"]["doc"]["title"] is None

    # What the store gives back is what the pipeline extracted: same events, same entities and spans.
    documents = [Document(id=k, text=t, outlet=o, published=p) for k, (o, p, t) in ARTICLES.items()]
    for fresh in pipeline.extract(documents):
        expected = fresh.to_dict()
        got = by_id[fresh.doc.id]
        # each stored event also carries where an analyst stands on it (none here: unreviewed)
        assert all(e.pop("review_state") is None for e in got["events"])
        assert got["events"] == expected["events"]
        assert [(e["name"], e["type"], e["mentions"]) for e in got["entities"]] == [
            (e["name"], e["type"], e["mentions"]) for e in expected["entities"]
        ]

    k2 = by_id["reuters-k2-poland"]["events"][0]
    assert (k2["type"], k2["status"], k2["roles"]["supplier"], k2["roles"]["recipient"]) == (
        "transfer",
        "order",
        "South Korea",
        "Poland",
    )
    assert k2["date"] == {"start": "2022-08-27", "end": None}
    person = next(e for e in by_id["reuters-k2-poland"]["entities"] if e["type"] == "person")
    assert person["name"] == "Mariusz Błaszczak"
    assert (person["country"], person["role"]) == ("POL", "Defence Minister")


def test_csv_is_the_transfer_register(filled: Store) -> None:
    written, text = export(filled, "csv")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert tuple(reader.fieldnames or ()) == REGISTER_COLUMNS
    assert written == len(rows) == 2  # transfers only: the signed agreement is not a register row

    with filled.sessions() as session:
        expected = register(session, RegisterFilters())
    assert [int(r["case"]) for r in rows] == [r["case"] for r in expected]

    k2 = next(r for r in rows if r["supplier"] == "South Korea" and r["recipient"] == "Poland")
    assert k2["item"] == "K2 Black Panther"
    assert k2["category"] == "armoured_vehicle"
    assert k2["quantity"] == "180"
    assert float(k2["value_usd"]) == 3_370_000_000
    assert (k2["status"], k2["sources"], k2["origins"]) == ("order", "2", "2")
    assert k2["order_date"] == "2022-08-26"
    assert k2["delivery_dates"] == ""
    rafale = next(r for r in rows if r["recipient"] == "Egypt")
    assert (rafale["supplier"], rafale["status"]) == ("France", "delivery")
    assert rafale["delivery_dates"] == "2022-07-14"
    assert rafale["value_usd"] == ""


def _entities(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_ftm_entities_validate_and_link_up(filled: Store) -> None:
    written, text = export(filled, "ftm")
    entities = _entities(text)
    assert written == len(entities)
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)

    for data in entities:
        # Re-cleaning every value changes nothing: each value is valid for its property's type.
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict() == data
        assert proxy.schema.validate({"properties": proxy.properties}) is None
        assert all(proxy.has(p) for p in proxy.schema.required), data
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (data["schema"], prop.name)

    def one(schema: str, **props: str) -> dict[str, Any]:
        found = [
            e
            for e in entities
            if e["schema"] == schema and all(v in e["properties"].get(k, []) for k, v in props.items())
        ]
        assert len(found) == 1, (schema, props, found)
        return found[0]

    articles = [e for e in entities if e["schema"] == "Article"]
    assert len(articles) == 3
    pap = one("Article", sourceUrl=URLS["pap-k2-poland"])
    assert pap["properties"]["title"] == ["Poland buys K2 tanks"]
    assert pap["properties"]["publishedAt"] == ["2022-08-27"]
    assert pap["properties"]["publisher"] == ["PAP"]
    assert "Hyundai Rotem" in pap["properties"]["bodyText"][0]
    reuters = one("Article", sourceUrl=URLS["reuters-k2-poland"])
    assert one("Article", sourceUrl=URLS["afp-egypt-rafale"])["properties"]["title"] == ["afp-egypt-rafale"]

    korea = one("Organization", name="South Korea")
    assert korea["properties"]["country"] == ["kr"] == korea["properties"]["jurisdiction"]
    assert sorted(korea["properties"]["sourceUrl"]) == K2_URLS
    poland = one("Organization", name="Poland")
    france = one("Organization", name="France")
    egypt = one("Organization", name="Egypt")
    rotem = one("Company", name="Hyundai Rotem")
    assert rotem["properties"]["country"] == ["kr"]
    assert one("PublicBody", name="Polish Ministry of National Defence")["properties"]["country"] == ["pl"]
    assert one("PublicBody", name="Egyptian Air Force")["properties"]["topics"] == ["mil"]
    minister = one("Person", name="Mariusz Błaszczak")
    assert minister["properties"]["position"] == ["Defence Minister"]
    assert "Mariusz Blaszczak" in minister["properties"]["alias"]
    assert not [e for e in entities if "K2 Black Panther" in e["properties"].get("name", [])]

    mention = one("Mention", resolved=minister["id"])
    assert mention["properties"]["document"] == [reuters["id"]]
    assert "Mariusz Blaszczak" in mention["properties"]["name"]
    assert one("Mention", resolved=rotem["id"])["properties"]["document"] == [pap["id"]]

    k2 = one("Event", recordId=str(_case_id(filled, "South Korea", "Poland")))
    assert sorted(k2["properties"]["involved"]) == sorted([korea["id"], poland["id"]])
    assert sorted(k2["properties"]["proof"]) == sorted([pap["id"], reuters["id"]])
    assert sorted(k2["properties"]["sourceUrl"]) == K2_URLS
    assert k2["properties"]["date"] == ["2022-08-26"]
    assert "K2 Black Panther" in k2["properties"]["name"][0]
    paid = one("Payment", payer=poland["id"])
    assert paid["properties"]["beneficiary"] == [korea["id"]]
    assert float(paid["properties"]["amountUsd"][0]) == 3_370_000_000
    assert paid["properties"]["currency"] == ["USD"]
    rafale = one("Payment", payer=egypt["id"])
    assert rafale["properties"]["beneficiary"] == [france["id"]]
    assert "amount" not in rafale["properties"]  # no value reported, none invented
    assert rafale["properties"]["date"] == ["2022-07-14"]
    assert one("Event", recordId=str(_case_id(filled, "France", "Egypt")))["properties"]["involved"]

    # Stable ids: a second export is byte for byte the same.
    assert export(filled, "ftm")[1] == text


def _case_id(store: Store, supplier: str, recipient: str) -> int:
    with store.sessions() as session:
        rows = register(session, RegisterFilters(supplier=supplier, recipient=recipient))
    assert len(rows) == 1
    return int(rows[0]["case"])


def test_graphml_is_the_directed_supplier_recipient_network(filled: Store) -> None:
    written, text = export(filled, "graphml")
    root = ET.fromstring(text)
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.findall(f"{GRAPHML}key")}
    assert {"type", "country", "cases", "items", "categories"} <= set(keys)
    graphs = root.findall(f"{GRAPHML}graph")
    assert len(graphs) == 1 and graphs[0].get("edgedefault") == "directed"
    graph = graphs[0]

    def data(element: ET.Element) -> dict[str, str]:
        out = {}
        for d in element.findall(f"{GRAPHML}data"):
            assert d.get("key") in keys
            assert keys[d.get("key")][0] == element.tag.removeprefix(GRAPHML)
            out[str(d.get("key"))] = d.text or ""
        return out

    nodes = {n.get("id"): data(n) for n in graph.findall(f"{GRAPHML}node")}
    label = {node_id: attrs["label"] for node_id, attrs in nodes.items()}
    assert sorted(label.values()) == ["Egypt", "France", "Poland", "South Korea"]
    korea = next(attrs for attrs in nodes.values() if attrs["label"] == "South Korea")
    assert (korea["type"], korea["country"]) == ("country", "KOR")

    edges = {
        (label[str(e.get("source"))], label[str(e.get("target"))]): data(e)
        for e in graph.findall(f"{GRAPHML}edge")
    }
    assert written == len(edges) == 2
    assert set(edges) == {("South Korea", "Poland"), ("France", "Egypt")}
    assert edges[("South Korea", "Poland")]["cases"] == "1"
    assert edges[("South Korea", "Poland")]["items"] == "K2 Black Panther"
    assert edges[("South Korea", "Poland")]["categories"] == "armoured_vehicle"
    assert edges[("France", "Egypt")]["items"] == "Rafale"


def test_empty_store_and_unknown_format(store: Store) -> None:
    assert export(store, "jsonl") == (0, "")
    written, text = export(store, "csv")
    assert written == 0 and text.strip() == ",".join(REGISTER_COLUMNS)
    assert export(store, "ftm") == (0, "")
    written, text = export(store, "graphml")
    graph = ET.fromstring(text).find(f"{GRAPHML}graph")
    assert written == 0 and graph is not None and len(graph) == 0
    out = io.StringIO()
    with store.sessions() as session, pytest.raises(ValueError, match="unknown export format"):
        write_export(session, "xlsx", out)
    assert out.getvalue() == ""
