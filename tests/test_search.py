"""Full-text search on SQLite (FTS5) and PostgreSQL alike (issue 13, item 5): a hyphenated designation is
one word ("S-400" never matches "Russia's 400 officers"), OR, "phrases", prefix* and word forms, results
with their outlet, date and the cases and events read from each article, and an older database carried
over to the designation index."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from armswatch.pipeline import Pipeline, ingest
from armswatch.query import search_results
from armswatch.store import Store, designation_terms, open_store, query_terms
from conftest import write_articles

ARTICLES = {
    "s400": (
        "Anatolia Defence Monitor",
        "2025-02-03",
        "Turkey took delivery of the second S-400 air defence battery from Russia, the defence ministry "
        "in Ankara said on Monday.",
    ),
    "officers": (
        "Nile Courier",
        "2025-02-05",
        "Russia's 400 officers trained alongside Egyptian tank crews near Cairo this month, the army said.",
    ),
    "drones": (
        "Caspian Security Review",
        "2025-02-07",
        "Azerbaijan has ordered six Bayraktar TB2 armed drones from Turkey, officials in Baku said.",
    ),
    "falcons": (
        "Gulf Air Power",
        "2025-02-09",
        "Egypt received the first F-16s from the United States in 1982, and later MiG-29M2 fighters.",
    ),
}


@pytest.fixture
def searched(store: Store, pipeline: Pipeline, tmp_path: Path) -> Store:
    summary = ingest(pipeline, [str(write_articles(tmp_path, ARTICLES))], store)
    assert (summary.documents, summary.errors) == (len(ARTICLES), 0)
    return store


def keys(store: Store, query: str) -> list[str]:
    return sorted(hit[1] for hit in store.search(query))


def test_a_hyphenated_designation_is_one_word(searched: Store) -> None:
    assert keys(searched, "S-400") == ["s400"]  # not "Russia's 400 officers" ("s" then "400")
    assert keys(searched, '"S-400"') == ["s400"]
    assert keys(searched, "S400") == ["s400"]  # written without its hyphen
    assert keys(searched, "S-300") == []
    assert keys(searched, "F-16") == ["falcons"]  # "F-16s", plural
    assert keys(searched, "MiG-29*") == ["falcons"]  # a designation prefix: MiG-29M2
    assert keys(searched, "400 officers") == ["officers"]  # the number is still a word of its own


def test_or_phrases_prefixes_and_word_forms(searched: Store) -> None:
    assert keys(searched, "drone OR tank") == ["drones", "officers"]
    assert keys(searched, "drone OR S-400") == ["drones", "s400"]
    assert keys(searched, "Turkey drone OR tank") == ["drones", "officers"]  # AND binds before OR
    assert keys(searched, '"air defence"') == ["s400"] and keys(searched, '"defence air"') == []
    assert keys(searched, "Bayrak*") == ["drones"]
    assert keys(searched, "order") == ["drones"]  # "ordered"
    assert keys(searched, "deliveries") == ["s400"]  # "delivery"
    assert keys(searched, "OR") == [] and keys(searched, '"') == []  # nothing to search for: no error


def test_results_carry_outlet_date_and_the_cases_and_events_of_the_article(searched: Store) -> None:
    with searched.sessions() as session:
        [result] = search_results(session, searched.search("Bayraktar"))
    assert result["key"] == "drones"
    assert result["outlet"] == "Caspian Security Review" and result["published"] == "2025-02-07"
    # no title was given: the first sentence stands for it, never the file name
    assert result["title"].startswith("Azerbaijan has ordered six Bayraktar TB2")
    assert [e["type"] for e in result["events"]] == ["transfer"]
    [case] = result["cases"]
    assert case["id"] == result["events"][0]["case"]
    assert case["label"].startswith("transfer: Turkey → Azerbaijan")


def test_designations_are_read_from_the_text() -> None:
    found = designation_terms("S-400s and F‑16 jets, Su-30MK2, anti-ship missiles, COVID-19 and the U.S. 400")
    assert found == "s400 f16 su30mk2 covid19"
    assert [kind for kind, _, _ in query_terms('S-400 OR anti-ship "air defence" Bayrak*')] == [
        "designation",
        "OR",
        "name",
        "phrase",
        "word",
    ]


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # SQLite's downgrade copies tables
def test_a_database_from_before_the_designation_index_is_carried_over(searched: Store) -> None:
    from alembic import command

    from armswatch.store import alembic_config

    command.downgrade(alembic_config(searched.engine), "0004")
    with searched.engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM documents LIMIT 1")).keys()
    assert "designations" not in columns
    url = searched.engine.url.render_as_string(hide_password=False)
    searched.engine.dispose()
    again = open_store(url)  # upgrades: the stored articles' designations are read and indexed
    assert keys(again, "S-400") == ["s400"] and keys(again, "drone OR tank") == ["drones", "officers"]
    again.engine.dispose()
