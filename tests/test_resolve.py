"""Entity resolution on our own sentences (the real model: the resolver works on its parses)."""

from __future__ import annotations

from typing import Any

from conftest import events_of


def entity(record: dict[str, Any], name: str) -> dict[str, Any]:
    matches = [e for e in record["entities"] if e["name"] == name]
    assert matches, f"{name} not among {[e['name'] for e in record['entities']]}"
    return matches[0]


def test_countries_by_name_former_name_demonym_and_capital(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Türkiye and Greece held talks in Athens. Turkish officials said Ankara wanted calm.")
    turkey = entity(record, "Turkey")
    assert turkey["type"] == "country" and turkey["country"] == "TUR"
    assert len(turkey["mentions"]) >= 3  # Türkiye, Turkish, Ankara
    assert entity(record, "Greece")["country"] == "GRC"
    assert entity(record, "Athens")["type"] == "location"


def test_person_with_title_gets_role_and_country_and_surname_resolves(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Kenyan Defence Cabinet Secretary Soipan Tuya inspected the base. Tuya said training would resume."
    )
    person = entity(record, "Soipan Tuya")
    assert person["type"] == "person" and person["country"] == "KEN"
    assert person["role"] and "Defence" in person["role"]
    assert len(person["mentions"]) == 2


def test_catalog_fixes_spacy_labels(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Baykar said the Bayraktar TB2 had been ordered by Kuwait.")
    assert entity(record, "Baykar")["type"] == "company"
    drone = entity(record, "Bayraktar TB2")
    assert drone["type"] == "weapon_system" and drone["country"] == "TUR"


def test_media_and_international_organisations(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("NATO allies met in Brussels, Reuters reported, while TASS quoted a Kremlin official.")
    assert entity(record, "NATO")["type"] == "organization"
    assert entity(record, "Reuters")["type"] == "media"
    assert entity(record, "TASS")["type"] == "media"


def test_organisation_of_a_country(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Ministry of Defence of the Republic of Ghana signed a contract for 24 armoured "
        "personnel carriers with Paramount Group.",
        "2025-01-01",
    )
    (event,) = [e for e in record["events"] if e["type"] == "transfer"]
    assert event["roles"]["recipient"] == "Ghana"


def test_a_name_written_lower_case_is_found_capitalised_at_a_sentence_start(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Al-Shabaab fighters attacked a base manned by Ugandan troops on Wednesday.")
    group = entity(record, "al-Shabaab")
    assert group["type"] == "armed_group" and group["country"] == "SOM"


def test_the_kingdom_is_no_place_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Saudi Arabia signed a defence pact with Pakistan. "
        "Pakistani troops trained in the Kingdom in November."
    )
    assert "Kingdom" not in [e["name"] for e in record["entities"]]


def test_larger_cities_are_places_in_their_states_but_never_a_person_s_name(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "HMS Prince of Wales arrived in Darwin on Saturday. Defense Secretary Lloyd Austin said Austin's "
        "staff would visit Vadodara."
    )
    darwin = entity(record, "Darwin")
    assert darwin["type"] == "location" and darwin["country"] == "AUS"
    assert entity(record, "Vadodara")["country"] == "IND"
    assert all(e["type"] != "location" for e in record["entities"] if "Austin" in e["name"])


def test_a_towns_name_after_a_titled_first_name_is_a_surname(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Defence Minister Joana Franca met the visiting delegation on Monday. Franca said the talks "
        "were useful."
    )
    person = entity(record, "Joana Franca")
    assert person["type"] == "person" and len(person["mentions"]) == 2
    assert "Brazil" not in {e["name"] for e in record["entities"]}


def test_an_honorific_is_no_persons_name(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Defence Minister Datuk Seri Ahmad Rizal Hamzah said on Tuesday that the talks had gone well."
    )
    people = {e["name"] for e in record["entities"] if e["type"] == "person"}
    assert people and not any(name.startswith("Datuk") for name in people)


def test_a_name_after_at_is_the_venue(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Malaysia and Brunei signed a defence pact at Wisma Putra on Tuesday.")
    assert "Wisma Putra" not in {e["name"] for e in record["entities"] if e["type"] == "person"}
    (event,) = events_of(record, "agreement")
    assert set(event["roles"]["parties"]) == {"Malaysia", "Brunei"}


def test_one_system_split_by_the_catalog_is_one_item(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Bolivia received two C-130H Hercules transport aircraft from the United States.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["quantity"] == 2


def test_a_ranked_officer_tagged_as_a_body_is_a_person(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "A month later, the Chief of Defence Force, Air Marshal Tony Davies, spoke to the radio."
    )
    assert entity(record, "Tony Davies")["type"] == "person"


def test_a_wire_place_line_with_a_colon_is_no_subject(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Oslo (NTB): Kongsberg has signed a contract with Poland for a new coastal squadron armed with the "
        "Naval Strike Missile, the company announced on Tuesday."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Norway", "Poland")


def test_a_national_body_of_another_state_named_after_of_is_that_states(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Royal Air Force of Oman took delivery of two C-295 transports from Spain on Monday."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Spain", "Oman")
    assert entity(record, "Royal Air Force of Oman")["country"] == "OMN"
    # the body's own state after "of" is the body itself
    record = extract("The Royal Air Force of the United Kingdom sent four Typhoons to Poland.")
    assert entity(record, "Royal Air Force")["country"] == "GBR"


def test_a_person_speaks_for_the_body_named_as_theirs(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Air Marshal Tom Keller has led the Royal New Zealand Air Force since 2023.")
    assert entity(record, "Tom Keller")["country"] == "NZL"
    # a company's chief named with its company, before the title or as its possessor
    for text in (
        "Thales chief executive Pierre Dumont opened the stand.",
        "Thales's Pierre Dumont on radars for Asia",
        "Pierre Dumont, who heads Thales, said the radars were ready.",
    ):
        assert entity(extract(text), "Pierre Dumont")["country"] == "FRA", text
    # a body named elsewhere in the sentence is not the person's
    assert entity(extract("Tom Keller visited the Royal New Zealand Air Force base."), "Tom Keller").get(
        "country"
    ) in (None, "")


def test_a_quoted_we_speaks_for_the_state_of_a_speaker_named_by_surname_alone(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Air Marshal Tom Keller has led the Royal New Zealand Air Force since 2023.\n\n"
        '"We sold six of our helicopters to Peru in 2022," Keller says.'
    )
    (event,) = events_of(extract(text, "2025-03-05"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("New Zealand", "Peru")


def test_a_compound_demonym_names_the_state_not_its_first_word(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Greek Cypriot government received Barak MX air-defence systems from Israel in September."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Israel", "Cyprus")


def test_a_place_inside_a_persons_name_or_a_language_is_no_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[Translated from Spanish]\n\nBy Rocío Mendoza Aliaga\n\n"
        "A patrol of the army clashed with ELN guerrillas near the border on Monday."
    )
    record = extract(text)
    assert not {"Argentina", "Spain"} & {e["name"] for e in record["entities"]}
    (event,) = events_of(record, "clash")
    assert set(event["roles"]["parties"]) == {"ELN", "Colombia"}
    # the city is still a place where it stands alone
    assert "Mendoza" in {e["name"] for e in extract("Troops arrived in Mendoza on Monday.")["entities"]}
