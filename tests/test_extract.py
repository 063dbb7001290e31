"""Event extraction on our own sentences: each type, passives, nominalisations, context."""

from __future__ import annotations

from conftest import events_of


def test_purchase_verb_with_supplier_recipient_item_and_quantity(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Morocco has bought 24 Bayraktar TB2 drones from Turkey, officials said.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["supplier"] == "Turkey"
    assert event["roles"]["recipient"] == "Morocco"
    assert event["roles"]["item"] == "Bayraktar TB2"
    assert event["roles"]["item_category"] == "uav"
    assert event["roles"]["quantity"] == 24
    assert event["status"] == "order"


def test_delivery_passive_and_supplier_from_demonym(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Eight French-built Rafale jets were delivered to Greece on Monday.", "2021-07-21")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["recipient"] == "Greece"
    assert event["roles"]["supplier"] == "France"
    assert event["status"] == "delivery"
    assert event["date"]["start"] == "2021-07-19"


def test_nominalisation_and_intent(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Vietnam is considering the purchase of K9 Thunder howitzers from South Korea.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["recipient"] == "Vietnam"
    assert event["roles"]["supplier"] == "South Korea"
    assert event["status"] == "intent"


def test_offer_is_an_offer(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Sweden offered Gripen fighter jets to Colombia last year.", "2023-03-01")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Sweden",
        "Colombia",
        "offer",
    )


def test_one_transfer_per_deal_with_furthest_status_and_quantity_from_next_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Egypt ordered MEKO A-200 frigates from Germany in 2019. The order was for four units.\n"
        "The last of the frigates was delivered to Egypt by Germany in 2024."
    )
    record = extract(text)
    (event,) = events_of(record, "transfer")
    assert event["status"] == "delivery"
    assert event["roles"]["quantity"] == 4
    assert len(event["evidence"]) >= 2


def test_financing_with_money(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Japan will provide the Philippines with 1.6 billion yen to buy coastal radars.", "2024-07-01"
    )
    (event,) = events_of(record, "financing")
    assert event["roles"]["provider"] == "Japan"
    assert event["roles"]["beneficiary"] == "Philippines"
    assert event["roles"]["value"]["amount"] == 1.6e9 and event["roles"]["value"]["currency"] == "JPY"
    assert event["roles"]["value"]["usd"] is not None


def test_financing_purpose_is_what_the_money_buys(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Norway will give Estonia €20 million to buy coastal radars, field radios and trucks for its navy. "
        "Canada extended a $50 million loan to Ghana for the purchase of patrol boats.",
        "2024-07-01",
    )
    purposes = {e["roles"]["beneficiary"]: e["roles"].get("purpose") for e in events_of(record, "financing")}
    assert purposes["Estonia"] == "to buy coastal radars, field radios and trucks"
    assert purposes["Ghana"] == "purchase of patrol boats"
    # a relative clause on the recipient is no part of the deal
    assert not events_of(
        extract("It is the largest package Norway has provided to Estonia, which has complained of drones."),
        "transfer",
    )


def test_a_vague_item_with_its_own_price_is_a_deal_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Peru ordered 12 FA-50 jets from South Korea in 2023. "
        "Peru also signed a $90 million contract with KAI to supply weapons for the jets. "
        "The weapons will be delivered next year."
    )
    record = extract(text)
    items = sorted(e["roles"]["item"] for e in events_of(record, "transfer"))
    assert items == ["FA-50", "weapons"]
    (agreement,) = events_of(record, "agreement")
    assert agreement["roles"]["topic"] == "$90 million contract"  # as written


def test_a_transfer_of_technology_does_not_take_a_later_item(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Peru ordered 12 FA-50 jets from South Korea in 2023. The contract provides for the transfer of "
        "technology and the production of four of the jets in Peru."
    )
    (event,) = events_of(extract(text), "transfer")
    assert event["roles"]["quantity"] == 12 and event["status"] == "order"


def test_agreement_signed_then_ratified(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile and Brazil signed a defence cooperation agreement in Santiago on 2 May 2023. "
        "The agreement was ratified by Chile's parliament in October."
    )
    record = extract(text, "2023-12-01")
    agreements = events_of(record, "agreement")
    assert len(agreements) == 1
    assert set(agreements[0]["roles"]["parties"]) == {"Chile", "Brazil"}
    assert agreements[0]["status"] == "ratified"
    assert agreements[0]["date"]["start"] == "2023-05-02"


def test_exercise_with_participants_location_and_personnel(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "About 4,000 troops from Egypt and Saudi Arabia took part in joint military exercises in Egypt.",
        "2023-09-01",
    )
    (event,) = events_of(record, "exercise")
    assert set(event["roles"]["participants"]) >= {"Egypt", "Saudi Arabia"}
    assert event["roles"]["personnel"] == 4000


def test_an_exercise_still_to_come_is_dated_after_publication(extract) -> None:  # type: ignore[no-untyped-def]
    future = extract("Chile and Peru will hold a joint naval exercise in September.", "2024-06-18")
    (event,) = events_of(future, "exercise")
    assert event["date"]["start"] == "2024-09"
    past = extract("Chile and Peru held a joint naval exercise in September.", "2024-06-18")
    (event,) = events_of(past, "exercise")
    assert event["date"]["start"] == "2023-09"


def test_a_place_line_date_is_the_report_day(extract) -> None:  # type: ignore[no-untyped-def]
    text = "LIMA, 18 June 2024 — Chile has supplied Peru with armed drones.\n\nThey arrived on 3 May."
    (event,) = events_of(extract(text, "2024-06-18"), "transfer")
    assert event["date"]["start"] == "2024-05-03"
    (event,) = events_of(
        extract("LIMA, 18 June 2024 — Chile has supplied Peru with armed drones."), "transfer"
    )
    assert (event.get("date") or {}).get("start") is None


def test_deployment_of_troops(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Rwanda deployed 1,000 soldiers to Mozambique's Cabo Delgado province in July.", "2021-08-01"
    )
    (event,) = events_of(record, "deployment")
    assert event["roles"]["sender"] == "Rwanda"
    assert event["roles"]["destination"] == "Mozambique"
    assert "soldiers" in event["roles"]["personnel"]


def test_combat_use_and_clash(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ethiopia used Bayraktar TB2 drones against rebel positions in Tigray. "
        "Separately, Kyrgyzstan and Tajikistan clashed along their border, killing 20 soldiers."
    )
    record = extract(text)
    (use,) = events_of(record, "combat_use")
    assert use["roles"]["user"] == "Ethiopia" and use["roles"]["item"] == "Bayraktar TB2"
    (clash,) = events_of(record, "clash")
    assert set(clash["roles"]["parties"]) == {"Kyrgyzstan", "Tajikistan"}


def test_meeting_visit(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Indian Defence Minister Rajnath Singh met his Australian counterpart Richard Marles in "
        "Canberra on Tuesday.",
        "2024-06-12",
    )
    (event,) = events_of(record, "meeting")
    assert set(event["roles"]["participants"]) == {"India", "Australia"}
    assert event["roles"]["location"] == "Canberra"


def test_no_event_in_non_defence_text(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The striker fired a rocket into the top corner as the derby clash ended 2-1. "
        "The club deployed a new pressing strategy and fans used drones to film the parade."
    )
    assert extract(text)["events"] == []


def test_evidence_spans_are_sentences_of_the_text(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Photo: handout\nPoland signed a contract for 96 Apache helicopters with the United States."
    record = extract(text)
    (event,) = events_of(record, "transfer")
    for start, end in event["evidence"]:
        assert text[start:end].startswith("Poland signed")
