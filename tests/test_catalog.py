"""The weapon-system catalog (issue 15): its size, SIPRI-style descriptions (a category's default unless a
system gives its own) and SIPRI spellings as aliases, and the load-time check that no alias names two
systems."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from armswatch.gazetteer import (
    Entry,
    check_catalog_aliases,
    check_owners,
    load_descriptions,
    load_gazetteer,
    parse_descriptions,
    split_variants,
)
from armswatch.ontology import DataError, load_ontology, parse_data, read_data


def weapons() -> dict[str, Entry]:
    return {e.name: e for e in load_gazetteer().entries.values() if e.type == "weapon_system"}


def test_the_catalog_holds_two_thousand_systems_with_makers_and_origins() -> None:
    systems = [e for e in load_gazetteer().entries.values() if e.type == "weapon_system"]
    assert len(systems) >= 2000
    assert all(s.country and s.manufacturer for s in systems)
    # every exporter of note is there with more than a handful
    origins = Counter(s.country for s in systems)
    for iso3 in ("USA", "RUS", "CHN", "FRA", "DEU", "GBR", "ITA", "ISR", "TUR", "KOR", "SWE", "UKR", "IND"):
        assert origins[iso3] >= 15, iso3


def test_sipri_spellings_name_the_catalog_system() -> None:
    gazetteer = load_gazetteer()
    names = gazetteer.names_by_type["weapon_system"]
    for alias, system in (
        ("AH-64E Apache", "AH-64 Apache"),
        ("Apache", "AH-64 Apache"),
        ("Mi-8MTV", "Mi-17"),
        ("F-16C", "F-16"),
        ("F-16 Block 70", "F-16"),
        ("Type-054A", "Type 054A"),
        ("Jiangkai-2", "Type 054A"),
        ("TB2", "Bayraktar TB2"),
    ):
        # a variant under another designation ("AH-64E Apache") is its own entry of the same system
        assert gazetteer.entries[names[alias.lower()]].system == f"weapon_system:{system}", alias
    # a version the catalog does not list still finds its system by designation
    found = gazetteer.weapon_in_text("two Mi-8MTV-7 helicopters")
    assert found is not None and found.system == "weapon_system:Mi-17"


def test_no_ordinary_word_name_or_place_is_a_weapon_alias() -> None:
    """Aliases are matched in news text: a word or name that is not the system's would invent weapons
    (Operation "Aspides" is no Aspide missile, the Kfir Brigade no Kfir jet, Jericho a city)."""
    weapon_texts = {text for label, text, _ in load_gazetteer().patterns if label == "AW_WEAPON"}
    for word in (
        "Aspides",
        "Kfir",
        "Jericho",
        "Delilah",
        "Popeye",
        "Gaza",
        "Yuan",
        "Tiran",
        "Emad",
        "Dezful",
        "Ghauri",
        "Sitara",
        "Barrier",
        "Stunner",
        "Chieftain",
        "Damocles",
        "Scimitar",
        "Narwhal",
        "Titus",
        "Zephyr",
        "Cavour",
        "Charles de Gaulle",
        "Giuseppe Garibaldi",
        "Ironclad",
        "Mastiff",
        "Kodiak",
        "Terrier",
        "Jetstream",
        "Tobol",
        "Avangard",
        "Sky Shield",
        "M20",
        "ATR 72",
        "A319",
        "S-92",
    ):
        assert word not in weapon_texts, word


def test_a_system_has_its_own_description_else_its_category_default() -> None:
    systems = weapons()
    defaults = load_descriptions().defaults
    # no description in weapons.yaml: the category's default
    raw = {row["name"]: row for row in read_data("weapons.yaml")}
    plain = [name for name, row in raw.items() if "description" not in row]
    assert plain
    for name in plain:
        assert systems[name].description == defaults[raw[name]["category"]], name
    # a description of its own wins over the default
    assert systems["F-22 Raptor"].description == "fighter aircraft"
    assert systems["Patriot"].description == "SAM system"
    assert systems["Type 054A"].description == "frigate"
    assert systems["Javelin"].description == "anti-tank missile"
    assert systems["Bayraktar TB2"].description == "armed UAV"
    assert systems["M1 Abrams"].description == "tank"
    allowed = load_descriptions().allowed
    assert all(s.description in allowed for s in systems.values())


def test_every_item_category_has_a_default_description() -> None:
    assert set(load_descriptions().defaults) == set(load_ontology().item_categories)
    with pytest.raises(DataError, match=r"weapon_descriptions\.yaml: category_defaults: missing categories"):
        parse_descriptions(
            parse_data("weapon_descriptions.yaml", "category_defaults: {uav: UAV}\ndescriptions: [UAV]"),
            load_ontology().item_categories,
        )
    with pytest.raises(DataError, match=r"category_defaults\.uav: 'drone' is not in 'descriptions'"):
        parse_descriptions(
            parse_data("weapon_descriptions.yaml", "category_defaults: {uav: drone}\ndescriptions: [UAV]"),
            frozenset({"uav"}),
        )


def test_a_misspelt_description_is_refused_naming_the_system() -> None:
    row = {"name": "Hand-made X-1", "category": "uav", "description": "UAV drone"}
    with pytest.raises(
        DataError, match=r"weapons\.yaml: 'Hand-made X-1' has unknown description 'UAV drone'"
    ):
        load_descriptions().describe(row, "weapons.yaml")


HAND_MADE = """
- name: Alpha X-1
  aliases: [AX-1, Alpha drone]
  manufacturer: Alpha Works
  origin: TUR
  category: uav
- name: Beta X-2
  aliases: [BX-2, {alias}]
  manufacturer: Beta Works
  origin: FRA
  category: uav
"""


@pytest.mark.parametrize("alias", ["AX-1", "ax1", "AX 1", "AX-1s", "ALPHA DRONE"])
def test_an_alias_naming_two_systems_is_refused_naming_both(alias: str) -> None:
    rows = parse_data("weapons.yaml", HAND_MADE.format(alias=alias))
    with pytest.raises(
        DataError, match=r"weapons\.yaml: the alias .* names two systems: 'Alpha X-1' and 'Beta X-2'"
    ):
        check_catalog_aliases(rows, "weapons.yaml")


def test_distinct_aliases_and_one_systems_own_repeats_pass() -> None:
    rows = parse_data("weapons.yaml", HAND_MADE.format(alias="Beta X2"))  # Beta X-2's own name again
    check_catalog_aliases(rows, "weapons.yaml")
    check_catalog_aliases(read_data("weapons.yaml"), "weapons.yaml")  # the shipped catalog


def test_a_malformed_catalog_entry_gets_one_message_naming_the_file() -> None:
    with pytest.raises(DataError, match=r"weapons\.yaml: entry is not a mapping"):
        check_catalog_aliases(parse_data("weapons.yaml", "- just a string"), "weapons.yaml")
    with pytest.raises(DataError, match=r"weapons\.yaml: 'X-1' aliases: expected a list"):
        check_catalog_aliases(parse_data("weapons.yaml", "- {name: X-1, aliases: X1}"), "weapons.yaml")


def test_a_systems_own_first_word_is_its_short_name() -> None:
    gaz = load_gazetteer()
    assert gaz.entries[gaz.short_names["Akash"]].name == "Akash missile system"
    assert gaz.entries[gaz.short_names["Pinaka"]].category == "artillery"
    assert "Bayraktar" not in gaz.short_names  # it starts several systems' names
    assert "Block" not in gaz.short_names  # a word inside other names ("F-16 Block 70") is no name
    assert "Israel" not in gaz.short_names  # a state's name never is


def test_a_short_name_before_a_generic_noun_names_the_catalog_system() -> None:
    from armswatch.pipeline import extract_text

    text = (
        "Armenia has signed a contract with state-run Bharat Dynamics Limited for the supply of Akash "
        "surface-to-air missile systems."
    )
    (event,) = [e for e in extract_text(text, published="2024-02-06").events if e.type == "transfer"]
    assert event.roles["item"] == "Akash missile system"
    assert (event.roles["supplier"], event.roles["recipient"]) == ("India", "Armenia")
    # a state's demonym in the same place is no system's short name
    other = "Armenia has ordered Indian surface-to-air missile systems."
    items = [e.roles.get("item") for e in extract_text(other, published="2024-02-06").events]
    assert "Akash missile system" not in items


def test_a_consortium_product_takes_the_state_of_the_partner_named() -> None:
    from armswatch.pipeline import extract_text

    assert weapons()["Eurofighter Typhoon"].partners == ("DEU", "GBR", "ITA", "ESP")
    text = (
        "Kuwait ordered 28 Typhoons from Italy's Leonardo in 2016. Kuwait's Typhoons, the first of which "
        "arrived in December 2021, are based at Ali Al Salem air base."
    )
    suppliers = {e.roles["supplier"] for e in extract_text(text, published="2024-06-01").events}
    assert suppliers == {"Italy"}  # never Germany, the prime contractor's state, for the later mention
    # with no partner named, the catalog's origin (the prime contractor's state) stands
    austria = extract_text("Austria received Eurofighter Typhoon jets in 2007.", published="2024-06-01")
    (alone,) = austria.events
    assert alone.roles["supplier"] == "Germany"


def test_an_alias_ending_in_a_generic_noun_matches_its_plural() -> None:
    from armswatch.pipeline import extract_text

    text = "Indonesia's purchase of 48 KAAN fighters, signed in June, was Turkey's largest export contract."
    (event,) = [e for e in extract_text(text, published="2025-07-01").events if e.type == "transfer"]
    assert event.roles["item"] == "TAI KAAN"
    assert (event.roles["supplier"], event.roles["recipient"], event.roles["quantity"]) == (
        "Turkey",
        "Indonesia",
        48,
    )


def test_an_instrument_s_owner_must_be_a_known_organisation() -> None:
    union = Entry("organization:Union", "Union", "organization")
    facility = Entry("organization:Facility", "Facility", "organization", kind="aid_programme", owner="Union")
    check_owners([union, facility])
    with pytest.raises(DataError, match=r"'Facility' has unknown owner 'Onion'"):
        check_owners([union, Entry("organization:Facility", "Facility", "organization", owner="Onion")])
    with pytest.raises(DataError, match=r"unknown owner 'Union'"):  # a country of that name is no body
        check_owners([Entry("country:Union", "Union", "country"), facility])


def test_a_branch_belongs_to_a_known_group_and_is_based_somewhere() -> None:
    parent = Entry("armed_group:Qaeda", "Qaeda", "armed_group")
    check_owners([parent, Entry("armed_group:QAP", "QAP", "armed_group", country="YEM", branch_of="Qaeda")])
    with pytest.raises(DataError, match=r"'QAP' is a branch of unknown group 'Qaida'"):
        check_owners(
            [parent, Entry("armed_group:QAP", "QAP", "armed_group", country="YEM", branch_of="Qaida")]
        )
    with pytest.raises(DataError, match=r"or has no country"):
        check_owners([parent, Entry("armed_group:QAP", "QAP", "armed_group", branch_of="Qaeda")])


def test_the_eu_instruments_are_the_union_s() -> None:
    gaz = load_gazetteer()
    for name in ("European Peace Facility", "Security Action for Europe"):
        assert gaz.entries[f"organization:{name}"].owner == "European Union"


def test_an_alias_under_another_designation_is_a_variant_of_its_system() -> None:
    own, variants = split_variants(
        "MQ-9 Reaper", ["MQ-9", "Reaper drone", "MQ-9B", "MQ-9B SkyGuardian", "SkyGuardian", "Protector RG1"]
    )
    assert own == ["MQ-9", "Reaper drone"]
    assert variants == [["MQ-9B SkyGuardian", "SkyGuardian", "MQ-9B"], ["Protector RG1"]]
    # calibres and wheel formulas are no designation; a name without one has no variants
    assert split_variants("K9 Thunder", ["K9 155mm howitzer"]) == (["K9 155mm howitzer"], [])
    assert split_variants("IAI Heron", ["Heron 1", "Heron TP"]) == (["Heron 1", "Heron TP"], [])
    gazetteer = load_gazetteer()
    switchblade = gazetteer.weapon_in_text("Switchblade 300 loitering munitions")
    assert switchblade is not None and switchblade.name == "Switchblade 300"
    assert switchblade.system == "weapon_system:Switchblade 600"


def test_catalog_names_fold_to_ascii_letter_for_letter() -> None:
    # "Akıncı" folds to "Aknc" where accents are stripped (the dotless i has no base letter): a name is
    # written as English-language news writes it, the native spelling kept as an alias
    for entry in load_gazetteer().entries.values():
        if entry.type == "weapon_system":
            folded = unicodedata.normalize("NFKD", entry.name).encode("ascii", "ignore").decode()
            letters = [c for c in unicodedata.normalize("NFKD", entry.name) if not unicodedata.combining(c)]
            assert len(folded) == len(letters), entry.name


def test_a_number_that_goes_on_is_no_version_of_a_designation() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.weapon_for_designation("F-22") is not None
    su30 = gazetteer.weapon_for_designation("Su-30MK2")
    assert su30 is not None and su30.system == "weapon_system:Su-30"
    # "Regele Ferdinand (F-221)": a frigate's pennant number, no F-22
    assert gazetteer.weapon_for_designation("F-221") is None
