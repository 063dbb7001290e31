"""Event confidence (issue 12): features and a calibrated probability per extracted event, the checked
weights file, the reliability table and ECE, the stored confidence of events and cases, the register's
min_confidence filter (store, CLI, API, page) on SQLite and PostgreSQL, and migration 0010 down and up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from armswatch.confidence import feature_names, load_calibration, parse_calibration
from armswatch.evaluation import reliability, reliability_table
from armswatch.ontology import DataError
from armswatch.pipeline import Pipeline
from armswatch.query import RegisterFilters, RegisterParams, register
from armswatch.records import Document, Event, ExtractionRecord
from armswatch.store import CaseRow, EventRow, Store, alembic_config, open_store
from armswatch.web.app import Settings
from conftest import client_for
from test_makers import deal, fill

CLI = [sys.executable, "-m", "armswatch.cli"]
CLEAR = (
    "Turkey delivered six Bayraktar TB2 drones to Poland on 12 May 2024, the Polish defence ministry said "
    "on Monday."
)
# a background mention deep in an article: a vague item, no date, a third state in the sentence
VAGUE = (
    "Defence ministers met in Brussels on Tuesday to discuss the budget.\n\n"
    "The talks covered training and logistics.\n\n"
    "Officials also discussed supply chains and stockpiles.\n\n"
    "Officials in the region have long complained that Russia, China and Iran once sold weapons to Sudan, "
    "among many others, with Egypt and Libya watching closely as the talks dragged on."
)


def events_of(pipeline: Pipeline, text: str) -> list[Event]:
    record = next(pipeline.extract([Document(id="t", text=text, published="2024-06-12")]))
    return [e for e in record.events if e.type == "transfer"]


# ---- the features and the model ----------------------------------------------------------------------------


def test_every_event_gets_a_confidence_in_0_1(pipeline: Pipeline) -> None:
    texts = [
        CLEAR,
        VAGUE,
        "Egypt has ordered 30 Rafale fighter jets from France, the Egyptian defence ministry said.",
        "Serbia's defence ministry denied that the country had received J-10C fighter jets from China.",
        "Indian and French troops took part in the Shakti joint exercise in Rajasthan in May 2024.",
    ]
    seen = 0
    for article in texts:
        record = next(pipeline.extract([Document(id="t", text=article, published="2024-06-12")]))
        for event in record.events:
            assert event.confidence is not None and 0.0 <= event.confidence <= 1.0
            assert set(event.features) <= set(feature_names())
            assert "confidence" not in event.to_dict()  # stored, never in the contract JSONL
            seen += 1
    assert seen >= 4


def test_a_clear_named_delivery_is_surer_than_a_vague_background_mention(pipeline: Pipeline) -> None:
    [clear] = events_of(pipeline, CLEAR)
    assert clear.features["catalog_item"] == 1.0 and clear.features["dated"] == 1.0
    vague_ones = events_of(pipeline, VAGUE)  # one sale for each of the three sellers named
    assert len(vague_ones) == 3
    for vague in vague_ones:
        assert vague.features.get("vague_item") == 1.0 and "first_paragraph" not in vague.features
        assert clear.confidence is not None and vague.confidence is not None
        assert clear.confidence > vague.confidence + 0.1, (clear.confidence, vague.confidence)


def test_the_shipped_weights_name_known_features_only() -> None:
    model = load_calibration()
    assert set(model.weights) <= set(feature_names())
    assert model.weights, "bench/calibrate.py has written the fitted weights"
    assert 0.0 < model.confidence({}) < 1.0
    assert model.confidence({"type:transfer": 1e9}) in (0.0, 1.0)  # no overflow far out


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "intercept: 0.5\nweights:\n  type:transfer: 1.0\n  colour_of_sky: 2.0\n",
            "unknown feature 'colour_of_sky'",
        ),
        ("intercept: 0.5\nweights:\n  dated: high\n", "weights.dated: must be a number"),
        ("intercept: yes\nweights: {}\n", "'intercept' must be a number"),
        ("weights: {}\n", "'intercept' must be a number"),
        ("intercept: 0.5\nweights: [dated]\n", "'weights' must map each feature"),
        ("- 1\n- 2\n", "top level must be a mapping"),
        ("intercept: [0.5\n", "not valid YAML"),
    ],
)
def test_a_bad_weights_file_is_a_data_error_naming_the_file(text: str, says: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_calibration("my-confidence.yaml", text)
    assert str(caught.value).startswith("my-confidence.yaml: ") and says in str(caught.value)


def test_a_good_hand_made_weights_file_is_read() -> None:
    model = parse_calibration("mine.yaml", "intercept: 0\nweights:\n  dated: 2.0\n  vague_item: -2\n")
    assert model.confidence({}) == pytest.approx(0.5)
    assert model.confidence({"dated": 1.0}) > 0.85 > 0.15 > model.confidence({"vague_item": 1.0})


# ---- reliability and ECE -----------------------------------------------------------------------------------


def test_reliability_bins_and_ece_on_hand_made_pairs() -> None:
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.35, True)] + [(0.35, False)] * 3 + [(1.0, True)]
    rows, ece = reliability(pairs)
    assert len(rows) == 10 and [r["count"] for r in rows] == [0, 0, 0, 4, 0, 0, 0, 0, 0, 11]
    top = rows[9]  # 1.0 falls in the last bin, not in an eleventh
    assert top["confidence"] == pytest.approx((0.95 * 10 + 1.0) / 11)
    assert top["accuracy"] == pytest.approx(10 / 11)
    assert rows[3]["accuracy"] == pytest.approx(0.25) and rows[0]["accuracy"] is None
    want = 11 / 15 * abs(10 / 11 - (0.95 * 10 + 1.0) / 11) + 4 / 15 * abs(0.25 - 0.35)
    assert ece == pytest.approx(want)
    assert reliability([(0.8, True)] * 4 + [(0.8, False)])[1] == pytest.approx(0.0)  # perfectly calibrated
    assert reliability([]) == (reliability([])[0], 0.0)
    table = reliability_table(pairs)
    assert "0.9-1.0" in table and f"ECE {ece:.3f} over 15 events" in table


# ---- stored, fused and filtered ----------------------------------------------------------------------------


def sure(record: ExtractionRecord, confidence: float | None) -> ExtractionRecord:
    for event in record.events:
        event.confidence = confidence
    return record


TURKEY = ("Turkey", "country", "TUR")


def three_cases(store: Store) -> None:
    fill(
        store,
        [
            sure(deal("a1", "2024-02-01", TURKEY, "Poland", "Bayraktar TB2", "uav"), 0.9),
            # a second report of that deal, less sure: the case keeps its best-read report's confidence
            sure(deal("a2", "2024-02-03", TURKEY, "Poland", "Bayraktar TB2", "uav"), 0.4),
            sure(
                deal("b1", "2024-03-01", ("France", "country", "FRA"), "Egypt", "Rafale", "combat_aircraft"),
                0.3,
            ),
            sure(
                deal(
                    "c1", "2024-04-01", ("Germany", "country", "DEU"), "Ukraine", "IRIS-T SLM", "air_defence"
                ),
                None,
            ),
        ],
    )


def test_the_register_filters_by_min_confidence(store: Store) -> None:
    three_cases(store)
    with store.sessions() as session:
        stored = sorted(c for c in session.scalars(select(EventRow.confidence)) if c is not None)
        assert stored == pytest.approx([0.3, 0.4, 0.9])
        rows = {r["item"]: r["confidence"] for r in register(session, RegisterFilters())}
        assert rows == {"Bayraktar TB2": 0.9, "Rafale": 0.3, "IRIS-T SLM": None}
        sure_rows = register(session, RegisterFilters(min_confidence=0.5))
        assert [r["item"] for r in sure_rows] == ["Bayraktar TB2"]
        # 0 keeps every case with a confidence; a case stored without one is not known to be sure
        assert {r["item"] for r in register(session, RegisterFilters(min_confidence=0.0))} == {
            "Bayraktar TB2",
            "Rafale",
        }
        assert register(session, RegisterFilters(min_confidence=1.0)) == []


@pytest.mark.parametrize("value", [-0.1, 1.5, 50.0])
def test_register_params_reject_a_confidence_outside_0_1(value: float) -> None:
    with pytest.raises(ValueError, match=r"min_confidence: .* is not between 0 and 1"):
        RegisterParams.model_validate({"min_confidence": value})


def test_the_api_and_the_page_filter_and_show_confidence(store: Store) -> None:
    three_cases(store)
    with client_for(store, Settings(token=None, lock_reads=False)) as client:
        body = client.get("/api/register", params={"min_confidence": "0.5"}).json()
        assert [(r["item"], r["confidence"]) for r in body["rows"]] == [("Bayraktar TB2", 0.9)]
        for bad in ("1.5", "-1", "lots"):
            response = client.get("/api/register", params={"min_confidence": bad})
            assert response.status_code == 422, response.text
            assert any("min_confidence" in e["loc"] for e in response.json()["detail"])
        page = client.get("/register", params={"min_confidence": "0.5"}).text
        assert "Confidence" in page and "90%" in page and "Rafale" not in page
        assert 'name="min_confidence" value="0.5"' in page
        page = client.get("/register", params={"min_confidence": "2"}).text
        assert "min_confidence: 2.0 is not between 0 and 1" in page and "Rafale" in page


def test_the_cli_filters_by_min_confidence(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reg.db'}"
    store = open_store(url)
    three_cases(store)
    store.engine.dispose()
    shown = subprocess.run(
        [*CLI, "register", "--db", url, "--min-confidence", "0.5", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert shown.returncode == 0, shown.stderr
    assert '"Bayraktar TB2"' in shown.stdout and "Rafale" not in shown.stdout
    assert '"confidence": 0.9' in shown.stdout
    table = subprocess.run(
        [*CLI, "register", "--db", url],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},  # wide enough for every default column
    )
    assert "90%" in table.stdout and "30%" in table.stdout
    bad = subprocess.run(
        [*CLI, "register", "--db", url, "--min-confidence", "1.5"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "--min-confidence" in bad.stderr and "between 0 and 1" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_migration_0010_goes_down_and_up(db_url: str) -> None:
    """The confidence columns come with migration 0010 and go with its downgrade; events stored before it
    have none (NULL) after the upgrade."""
    store = open_store(db_url)
    three_cases(store)
    with store.sessions() as session:
        assert session.scalars(select(CaseRow.confidence).where(CaseRow.item == "Rafale")).one() == 0.3
    command.downgrade(alembic_config(store.engine), "0009")
    for table in ("events", "cases"):
        assert "confidence" not in {c["name"] for c in inspect(store.engine).get_columns(table)}
    store.engine.dispose()
    store = open_store(db_url)  # back to head
    for table in ("events", "cases"):
        assert "confidence" in {c["name"] for c in inspect(store.engine).get_columns(table)}
    if store.engine.dialect.name == "sqlite":  # a rebuilt table (batch mode) would have lost them
        with store.engine.connect() as connection:
            indexes = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'")))
        assert {"ix_cases_supplier_lower", "ix_cases_recipient_lower"} <= indexes, indexes
    with store.sessions() as session:
        assert set(session.scalars(select(EventRow.confidence))) == {None}
        assert set(session.scalars(select(CaseRow.confidence))) == {None}
        assert len(register(session, RegisterFilters())) == 3
        assert register(session, RegisterFilters(min_confidence=0.0)) == []
    store.engine.dispose()
