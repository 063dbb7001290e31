"""The data files: load, meet their sizes, and every label exists in the ontology."""

from __future__ import annotations

from collections import Counter

import pycountry
import pytest

from armswatch.gazetteer import USER_ASSIGNED_CODES, load_gazetteer
from armswatch.lexicon import load_lexicon
from armswatch.ontology import DataError, load_ontology, parse_data, read_data


def test_ontology_loads_and_is_complete() -> None:
    ontology = load_ontology()
    assert set(ontology.event_types) == {
        "transfer",
        "agreement",
        "financing",
        "exercise",
        "deployment",
        "combat_use",
        "clash",
        "meeting",
    }
    assert ontology.event_types["transfer"].statuses == ("intent", "offer", "order", "delivery")


def test_every_lexicon_label_exists_in_the_ontology() -> None:
    ontology = load_ontology()
    lexicon = load_lexicon()
    for table in (lexicon.verb_triggers, lexicon.noun_triggers):
        for readings in table.values():
            for trigger in readings:
                assert trigger.type in ontology.event_types
                assert trigger.status is None or trigger.status in ontology.event_types[trigger.type].statuses
    assert set(lexicon.reporting_verbs.values()) <= ontology.stances
    assert set(lexicon.reporting_phrases.values()) <= ontology.stances
    assert set(lexicon.generic_items.values()) <= ontology.item_categories
    for entry in load_gazetteer().entries.values():
        assert entry.type in ontology.entity_types
        if entry.type == "weapon_system":
            assert entry.category in ontology.item_categories


def test_gazetteer_sizes_and_codes() -> None:
    gazetteer = load_gazetteer()
    counts = Counter(e.type for e in gazetteer.entries.values())
    assert counts["weapon_system"] >= 300
    assert counts["company"] >= 150
    assert counts["media"] >= 100
    assert counts["country"] >= 249
    for entry in gazetteer.entries.values():
        if entry.country:
            assert entry.country in USER_ASSIGNED_CODES or pycountry.countries.get(alpha_3=entry.country)
    assert gazetteer.countries["TUR"].name == "Turkey"
    assert "Türkiye" in gazetteer.countries["TUR"].aliases
    bases = [e for e in gazetteer.entries.values() if e.kind == "base"]
    assert len(bases) >= 400 and all(e.type == "location" and e.country for e in bases)


def test_a_bases_names_are_no_other_entrys_names() -> None:
    """A base is found by its names alone: none may be a country's, a city's or an actor's."""
    gazetteer = load_gazetteer()
    others = {
        text.lower() for e in gazetteer.entries.values() if e.kind != "base" for text in (e.name, *e.aliases)
    }
    clashes = [
        text
        for e in gazetteer.entries.values()
        if e.kind == "base"
        for text in (e.name, *e.aliases)
        if text.lower() in others
    ]
    assert clashes == []


def test_state_affiliated_media_are_flagged() -> None:
    media = {e.name: e for e in load_gazetteer().entries.values() if e.type == "media"}
    for name in ("TASS", "RT", "Xinhua", "IRNA"):
        assert media[name].state_affiliated, name
    assert not media["Reuters"].state_affiliated


def test_weapon_catalog_covers_every_category() -> None:
    weapons = [e for e in load_gazetteer().entries.values() if e.type == "weapon_system"]
    categories = Counter(w.category for w in weapons)
    for category in (
        "uav",
        "combat_aircraft",
        "helicopter",
        "missile",
        "air_defence",
        "armoured_vehicle",
        "artillery",
        "ship",
        "electronic_warfare",
    ):
        assert categories[category] >= 5, category
    assert all(w.country for w in weapons), "every system has an origin country"


def test_every_catalog_maker_is_a_known_company_or_body_with_a_state() -> None:
    """A maker named in a text ("trainers built by Pilatus") gives its state as the supplier only when the
    gazetteer knows it: every manufacturer of the weapon catalog is a company, organisation or armed group."""
    gaz = load_gazetteer()
    known = {
        name: gaz.entries[key]
        for etype in ("company", "organization", "armed_group")
        for name, key in gaz.names_by_type.get(etype, {}).items()
    }
    makers = {str(row["manufacturer"]) for row in read_data("weapons.yaml") if row.get("manufacturer")}
    unknown = sorted(m for m in makers if m.lower() not in known)
    assert unknown == [], unknown
    assert all(known[m.lower()].country for m in makers if known[m.lower()].type == "company")


def test_malformed_data_is_reported_with_the_file_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import armswatch.ontology as ontology_module

    class Broken:
        def joinpath(self, name: str) -> Broken:
            self.name = name
            return self

        def read_text(self, encoding: str) -> str:
            return "key: [unclosed"

    monkeypatch.setattr(ontology_module.resources, "files", lambda package: Broken())
    with pytest.raises(DataError, match=r"triggers\.yaml"):
        read_data("triggers.yaml")


def test_a_word_yaml_would_read_as_a_boolean_is_refused() -> None:
    with pytest.raises(DataError, match=r"modality\.yaml: negation_words: .*quote it"):
        parse_data("modality.yaml", "negation_words: [never, no, nor]")
    with pytest.raises(DataError, match="the key"):
        parse_data("numbers.yaml", "words: {yes: 1}")
    assert parse_data("media.yaml", "- {name: X, state_affiliated: true}")[0]["state_affiliated"] is True
    assert "no" in load_lexicon().negation_words and "false" in load_lexicon().denial_words
