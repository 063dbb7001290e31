"""Extraction on kinds of wording met in real news, each on our own invented sentences: lists of items under
one trigger, deal nouns that only name a deal, stages set by the clause around a deal noun, years beside
counts, and where an exercise or an attack took place."""

from __future__ import annotations

from conftest import events_of


def transfers_by_item(record: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {e["roles"]["item"]: e for e in events_of(record, "transfer")}


def transfer_sides(record: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    """The (supplier, recipient) pairs of a record's transfers."""
    return {(e["roles"]["supplier"], e["roles"]["recipient"]) for e in events_of(record, "transfer")}


def assert_one_event_each(
    extract, etype: str, cases: dict[str, tuple[str, str]], published: str | None = None
) -> None:  # type: ignore[no-untyped-def]
    """Each text tells one event of the type, whose two sides (supplier and recipient, provider and
    beneficiary, or sender and destination) are the pair given."""
    sides = {"transfer": ("supplier", "recipient"), "financing": ("provider", "beneficiary")}.get(
        etype, ("sender", "destination")
    )
    for text, pair in cases.items():
        (event,) = events_of(extract(text, published) if published else extract(text), etype)
        assert (event["roles"][sides[0]], event["roles"][sides[1]]) == pair, text


def assert_combat_users(extract, cases: dict[str, str], published: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Each text tells one use of a weapon, whose user is the state given."""
    for text, user in cases.items():
        (event,) = events_of(extract(text, published) if published else extract(text), "combat_use")
        assert event["roles"]["user"] == user, text


def test_every_entry_of_a_listed_sale_shares_its_sides(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("France sold Rafale jets, a frigate, four corvettes and two landing ships to Egypt.")
    by_item = transfers_by_item(record)
    assert len(by_item) == 4
    for event in by_item.values():
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("France", "Egypt")
    quantities = {e["roles"].get("quantity") for e in by_item.values()}
    assert {4, 2} <= quantities


def test_a_deal_noun_said_of_the_deal_does_not_raise_its_stage(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Spain agreed on Tuesday to sell 12 Harrier jets to Peru in a deal worth 900 million euros, "
        "its biggest aircraft export in a decade. The Harrier sale is Spain's second major export this year."
    )
    (event,) = events_of(extract(text, "2025-03-05"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Spain", "Peru")
    assert event["status"] == "order"


def test_an_export_approved_is_not_shipped(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Norway sold eight K9 howitzers to Estonia. South Korea had to approve the export first."
    statuses = {e["status"] for e in events_of(extract(text), "transfer")}
    assert "delivery" not in statuses


def test_a_headline_infinitive_is_still_to_come(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Ghana to receive first Z-9 helicopters from China early next year", "2024-05-02")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("China", "Ghana")
    assert event["status"] == "order"


def test_awaiting_delivery_is_an_order(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Wing Loong II drones ordered by Zambia from China are still awaiting delivery.")
    (event,) = events_of(record, "transfer")
    assert event["status"] == "order"


def test_talks_on_supplies_are_an_intent(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The minister said he had held talks with his Russian counterpart on supplies of four Mi-17 "
        "helicopters to Laos."
    )
    events = events_of(record, "transfer")
    assert events and all(e["status"] == "intent" for e in events)


def test_a_first_step_towards_buying_is_no_delivery(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Finland has taken the first binding step towards acquiring the David's Sling system.")
    statuses = {e["status"] for e in events_of(record, "transfer")}
    assert statuses and "delivery" not in statuses


def test_a_year_before_a_count_is_no_part_of_it(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Belarus plans to hand over to Serbia in 2026 eight MiG-29 fighter jets.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["quantity"] == 8


def test_an_exercise_held_somewhere_is_located_there(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The handover took place at an airfield near Bishkek after Firm Shield, an exercise of the "
        "alliance's forces that was held in Kazakhstan this month."
    )
    (event,) = events_of(extract(text, "2024-10-20"), "exercise")
    assert event["roles"]["location"] == "Kazakhstan"


def test_capitals_listed_as_sides_are_not_the_place(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Troops from both countries gathered last week. In May Tbilisi and Kyiv carried out a round of "
        "joint military exercises in Georgia."
    )
    (event,) = events_of(extract(text, "2024-06-01"), "exercise")
    assert event["roles"]["location"] == "Georgia"


def test_an_attack_on_a_day_has_no_day_as_target(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Israel braced for a response to Iran's missile attack on Oct. 1. In April, Tehran launched "
        "more than 300 drones in its first direct attack on Israeli territory."
    )
    uses = events_of(extract(text, "2024-10-14"), "combat_use")
    targets = {e["roles"].get("target") for e in uses}
    assert "Oct." not in targets
    assert "Israeli territory" in targets


def test_proposed_to_sell_is_an_offer(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Chile proposed to sell four patrol boats to Uruguay."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Chile",
        "Uruguay",
        "offer",
    )


def test_a_past_participle_keeps_its_order_when_deliveries_are_due(extract) -> None:  # type: ignore[no-untyped-def]
    text = "First deliveries of the corvettes ordered by Ghana from Turkey are expected in 2028."
    (event,) = events_of(extract(text, "2025-01-10"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Turkey", "Ghana")
    assert event["status"] == "order"


def test_the_buyer_of_a_reduced_relative_clause(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The 12 corvettes Peru bought from Spain would be delivered before the end of the year."
    (event,) = events_of(extract(text, "2025-01-10"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Spain", "Peru")
    assert event["status"] == "order"


def test_the_user_of_items_bought_earlier_is_their_buyer(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Bolivia already operates two dozen trainer jets bought from Brazil in 2013."
    (event,) = events_of(extract(text, "2025-01-10"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Brazil", "Bolivia")
    assert event["date"]["start"] == "2013"


def test_the_country_is_the_last_sentence_subject_not_the_last_name(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya signed a contract for armoured vehicles with France on Monday. "
        "The country bought 40 patrol boats from France in 2010."
    )
    events = events_of(extract(text, "2025-01-10"), "transfer")
    boats = next(e for e in events if e["roles"]["item"] == "patrol boats")
    assert (boats["roles"]["supplier"], boats["roles"]["recipient"]) == ("France", "Kenya")


def test_an_mou_to_buy_is_an_intent(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Malaysia signed an MoU with Turkey's STM shipyard to purchase two frigates."
    (event,) = events_of(extract(text, "2025-01-10"), "transfer")
    assert (event["roles"]["recipient"], event["status"]) == ("Malaysia", "intent")


def test_items_sent_for_overhaul_are_no_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The air force sent its six Mi-24 helicopters for overhaul to Belarus two weeks ago."
    assert events_of(extract(text, "2025-01-10"), "transfer") == []


def test_money_used_to_buy_items_is_no_combat_use(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Peru will use the credit to buy 22 transport helicopters and 20 amphibious tanks."
    record = extract(text, "2025-01-10")
    assert events_of(record, "combat_use") == []


def test_a_part_used_in_a_weapon_is_no_combat_use(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The jet will be powered by two engines, which are also used in the Lockheed Martin F-16 jets."
    assert events_of(extract(text, "2025-01-10"), "combat_use") == []


def test_the_one_quoted_as_saying_is_the_source(extract) -> None:  # type: ignore[no-untyped-def]
    active = (
        "The IRNA agency quoted Defence Minister Aziz Nasirzadeh as saying that Russia had delivered "
        "Su-35 jets to Iran."
    )
    (event,) = events_of(extract(active, "2025-01-10"), "transfer")
    assert "Aziz Nasirzadeh" in {a["source"] for a in event["attributions"]}
    passive = (
        "Iran plans to buy 12 Su-35 jets from Russia, Nasirzadeh was quoted as saying by the IRNA agency."
    )
    (event,) = events_of(extract(passive, "2025-01-10"), "transfer")
    assert any("Nasirzadeh" in (a["source"] or "") for a in event["attributions"])


def test_a_press_service_speaks_for_its_body(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The press service of Russia's Central Military District said Russia had handed over 20 BTR-82A "
        "armoured vehicles to Kyrgyzstan."
    )
    (event,) = events_of(extract(text, "2025-01-10"), "transfer")
    stances = {a["stance"] for a in event["attributions"] if a["source"]}
    assert stances and "claimed" not in stances


def test_a_sentence_in_capitals_gives_its_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Officials spoke on Monday. GHANA RECEIVED SIX Z-9 HELICOPTERS FROM CHINA, THE MINISTRY SAID."
    (event,) = events_of(extract(text, "2024-05-03"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("China", "Ghana")


def test_a_place_line_without_a_credit_is_not_the_subject(extract) -> None:  # type: ignore[no-untyped-def]
    """Syndicated copies drop the agency from the dateline ("LIMA, May 2 -"): the lead is still read."""
    for dateline in ("QUITO, May 2 - ", "QUITO, May 2 (Andes Wire) - ", "QUITO — "):
        text = (
            dateline
            + "Ecuador has signed a contract with Israel for four Hermes 900 drones, the ministry said."
        )
        (event,) = events_of(extract(text, "2025-05-02"), "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Israel", "Ecuador"), dateline
        assert event["roles"]["item"] == "Hermes 900"


def test_completing_an_export_names_the_same_deal(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil delivered the last of six Super Tucano aircraft to Chile on Monday, the air force said, "
        "completing the first export of the Brazilian-made trainer to the region."
    )
    events = events_of(extract(text, "2025-06-03"), "transfer")
    assert [e["roles"]["item"] for e in events] == ["A-29 Super Tucano"]


def test_a_trailing_report_after_a_comma_is_the_source(extract) -> None:  # type: ignore[no-untyped-def]
    text = "OSLO - Norway delivered eight Leopard 2 tanks to Estonia on Friday, the Estonian army said."
    (event,) = events_of(extract(text, "2025-02-07"), "transfer")
    assert "Estonian army" in {a.get("source") for a in event["attributions"]}


def test_a_class_noun_before_a_ships_name_is_the_item(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Norway handed over the corvette KNM Sverdrup to the Ghanaian navy last month.",
        "Last year Norway went further, gifting the patrol vessel HNoMS Tyr to Ghana.",
    ):
        (event,) = events_of(extract(text), "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Norway", "Ghana")
        assert event["roles"]["quantity"] == 1
        assert event["roles"]["item"].split()[-1] in ("Sverdrup", "Tyr")


def test_a_navy_sending_its_own_commissioned_ship_deploys_it(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Britain sent the patrol ship HMS Falmouth to Ghanaian waters in December.")
    assert not events_of(record, "transfer")
    (event,) = events_of(record, "deployment")
    assert event["roles"]["sender"] == "United Kingdom"


def test_a_capitalised_class_of_ships_is_an_item(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Chile ordered three Coastal Mission Ships from Spain."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["roles"]["quantity"]) == (
        "Spain",
        "Chile",
        3,
    )


def test_an_approved_possible_sale_names_the_approving_state_as_seller(extract) -> None:  # type: ignore[no-untyped-def]
    for text, status in (
        ("The State Department approved the possible sale of 12 helicopters to Ghana.", "offer"),
        ("Washington approved a $400 million sale of 12 helicopters to Ghana.", "order"),
    ):
        record = extract(text)
        (event,) = events_of(record, "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("United States", "Ghana")
        assert event["status"] == status
        assert not events_of(record, "financing")  # the sale's value is no loan or grant


def test_part_of_a_delivery_arriving_is_the_delivery(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The first batch of K9 howitzers arrived in Estonia from South Korea.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Estonia")


def test_troops_held_abroad_are_a_deployment_and_an_army_at_home_is_not(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Kenya still has around 1,500 troops in Somalia."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"], event["roles"]["quantity"]) == (
        "Kenya",
        "Somalia",
        1500,
    )
    assert not events_of(extract("Kenya has around 24,000 troops."), "deployment")
    # "had talks on supplies" does not make the talker a supplier
    record = extract("The Kenyan minister said he had had talks in Ankara on supplies of six Akinci drones.")
    assert all(e["roles"].get("supplier") != "Kenya" for e in events_of(record, "transfer"))


def test_forces_at_a_place_abroad_are_deployed_to_its_state_and_a_place_at_home_stays(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "About 300 French soldiers are stationed in Niamey.",
        "A British infantry battalion arrived in Pristina last week.",
    ):
        (event,) = events_of(extract(text), "deployment")
        assert event["roles"]["destination"] in ("Niger", "Kosovo")
    (event,) = events_of(extract("Brazil deployed 600 troops to Roraima in December."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Brazil", "Roraima")


def test_a_unit_of_a_state_s_ministry_is_that_state_s_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Servicemen of the Africa Corps of the Russian Defence Ministry have begun carrying out tasks in "
        "Equatorial Guinea at the request of the country's leadership."
    )
    (event,) = events_of(extract(text), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Russia", "Equatorial Guinea")


def test_a_side_telling_its_own_deed_in_a_fight_confirms_it_and_an_accusation_does_not(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract(
            "The Sudanese army said it had repelled an assault on the city's southern districts "
            "by RSF fighters."
        ),
        "clash",
    )
    assert [a["stance"] for a in event["attributions"]] == ["confirmed"]
    (event,) = events_of(
        extract("Thailand's army said Cambodian troops opened fire on Thai positions."), "clash"
    )
    assert [a["stance"] for a in event["attributions"]] == ["asserted"]


def test_a_calibre_is_no_count_and_stays_in_the_name(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Spain delivered twelve 155mm howitzers to Ukraine."), "transfer")
    assert (event["roles"]["quantity"], event["roles"]["item"]) == (12, "155mm howitzers")


def test_a_withdrawal_from_a_place_named_on_the_troops(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Chad pulled out its last troops from Mali in August.",
        "Chad completed the withdrawal of its contingent of about 1,400 soldiers from Mali in June.",
    ):
        (event,) = events_of(extract(text), "deployment")
        assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Chad", "Mali")
    (event,) = events_of(extract(text), "deployment")
    assert event["roles"]["quantity"] == 1400


def test_fire_aimed_past_the_weapons_phrase_is_a_clash_in_a_named_district(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Baku said Armenian units had opened fire with small arms on Azerbaijani positions "
        "in the Tovuz district."
    )
    (event,) = events_of(record, "clash")
    assert set(event["roles"]["parties"]) == {"Armenia", "Azerbaijan"}
    assert event["roles"]["location"] == "Tovuz district"


def test_air_defences_that_shoot_down_drones_are_the_weapon_and_the_drones_the_target(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Sudanese air defences shot down eleven drones over Kassala."), "combat_use")
    assert event["roles"]["user"] == "Sudan"
    assert "defences" in event["roles"]["item"]
    assert event["roles"]["target"] == "drones"
    assert not events_of(extract("The ministry will use part of the loan for air defence."), "combat_use")


def test_an_airstrike_and_a_demonym_on_the_drones_name_the_user(extract) -> None:  # type: ignore[no-untyped-def]
    (strike,) = events_of(
        extract("The Kenyan military carried out an airstrike against militants near Kismayo."), "combat_use"
    )
    assert strike["roles"]["user"] == "Kenya"
    (drones,) = events_of(extract("Nigerien Bayraktar TB2 drones struck a convoy on Sunday."), "combat_use")
    assert drones["roles"]["user"] == "Niger"


def test_a_speaker_who_names_the_deal_speaks_of_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile signed an order for 12 Gripen fighter jets from Sweden on Monday. President Maria Okonkwo "
        "said the order would create jobs, while Tomas Lindqvist called it a milestone for both navies."
    )
    (event,) = events_of(extract(text), "transfer")
    sources = {a["source"] for a in event["attributions"]}
    assert {"Maria Okonkwo", "Tomas Lindqvist"} <= sources
    denied = extract(
        "Chile ordered 12 Gripen jets from Sweden, a magazine reported. Sweden's government called the "
        "report false."
    )
    (event,) = events_of(denied, "transfer")
    assert "denied" in {a["stance"] for a in event["attributions"]}  # a label of falsehood stays a denial


def test_the_programme_said_of_refers_back_to_the_deal(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Peru ordered six Hermes 900 drones from Israel on Monday. Elbit's chief executive, Tomas Lindqvist, "
        "said the whole programme would be worth $300 million."
    )
    (event,) = events_of(extract(text), "transfer")
    assert "Tomas Lindqvist" in {a["source"] for a in event["attributions"]}


def test_the_use_of_a_weapon_against_targets_has_them_as_target(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Kenya's president has confirmed the use of Turkish armed drones against rebel targets.")
    targets = {e["roles"].get("target") for e in events_of(record, "combat_use")}
    assert "rebel targets" in targets and "use" not in targets


def test_the_capital_of_a_state_named_by_its_demonym_is_the_place(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Kenyan minister held talks with his Ugandan counterpart in the Ugandan capital on Monday."
    )
    (meeting,) = events_of(record, "meeting")
    assert meeting["roles"]["location"] == "Kampala"


def test_a_capital_naming_where_a_body_sits_is_no_side(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Imagery studied by analysts at a Nairobi think tank shows that Uganda's army has received "
        "patrol boats armed with anti-ship missiles from Iran."
    )
    recipients = {e["roles"].get("recipient") for e in events_of(record, "transfer")}
    assert recipients == {"Uganda"}


def test_a_verb_with_its_own_object_does_not_take_the_next_verbs_items(extract) -> None:  # type: ignore[no-untyped-def]
    # "signed a contract ... for howitzers, and has bought launchers": the launchers are the buying's, from
    # whoever it names, never the contract's maker
    text = (
        "Chile signed a contract with France's KNDS in June 2024 for 36 CAESAR self-propelled howitzers, "
        "and has bought Pinaka multiple rocket launchers and Akash air defence systems from India since 2022."
    )
    sides = {
        (e["roles"]["item"], e["roles"]["supplier"])
        for e in events_of(extract(text, "2025-01-10"), "transfer")
    }
    assert ("Pinaka", "India") in sides
    assert ("Pinaka", "France") not in sides
    assert not any(item.startswith("Akash") and supplier == "France" for item, supplier in sides)


def test_a_version_the_tokenizer_splits_keeps_its_letter(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Malaysia signed for 18 FA-50M light combat aircraft in 2023."), "transfer")
    assert event["roles"]["item"] == "FA-50M"
    assert (event["roles"]["recipient"], event["roles"]["quantity"]) == ("Malaysia", 18)


def test_a_date_inside_another_circumstance_does_not_date_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Heavy fighting between the FARDC and the M23 has continued for three days, "
        "despite a ceasefire brokered by Angola in August."
    )
    (clash,) = events_of(extract(text, "2024-10-15"), "clash")
    assert set(clash["roles"]["parties"]) == {"Democratic Republic of the Congo", "M23"}
    assert not (clash.get("date") or {}).get("start", "").startswith("2024-08")


def test_a_place_first_named_with_its_state_keeps_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fishermen living near Cambodia's Ream naval base say the piers are new. "
        "About 400 Chinese troops have been stationed at Ream since March."
    )
    (event,) = events_of(extract(text, "2025-04-15"), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("China", "Cambodia")


def test_a_shoot_down_is_read_once_with_the_weapon_that_downed(extract) -> None:  # type: ignore[no-untyped-def]
    text = "M23 rebels shot down a CH-4 drone with a surface-to-air missile over Kitshanga on Saturday."
    (event,) = events_of(extract(text, "2024-10-15"), "combat_use")
    assert (event["roles"]["user"], event["roles"]["item"], event["roles"]["target"]) == (
        "M23",
        "surface-to-air missile",
        "CH-4",
    )


def test_a_size_or_kind_before_the_noun_is_no_count(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Spain sold second-hand patrol boats to Peru."), "transfer")
    assert "quantity" not in event["roles"]
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Spain", "Peru")


def test_a_capitalised_agreement_name_is_the_agreement(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Brazil and Angola signed a Memorandum of Understanding on defence industry cooperation."
    (event,) = events_of(extract(text), "agreement")
    assert set(event["roles"]["parties"]) == {"Brazil", "Angola"}
    # a trigger word inside a body's name is still no event
    assert (
        events_of(
            extract("Officials of the North Atlantic Treaty Organization met in Brussels."), "agreement"
        )
        == []
    )


def test_the_kingdom_is_the_monarchy_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Qatar bought drones last year. Saudi Arabia's crown prince met the US president on Tuesday. "
        "Washington would sell F-35 jets to the kingdom, the president said."
    )
    transfers = events_of(extract(text), "transfer")
    assert any(
        (e["roles"]["supplier"], e["roles"]["recipient"]) == ("United States", "Saudi Arabia")
        for e in transfers
    )
    assert not any(e["roles"].get("recipient") == "Qatar" and e["roles"]["item"] == "F-35" for e in transfers)


def test_an_aid_programme_funds_but_is_no_side(extract) -> None:  # type: ignore[no-untyped-def]
    received = events_of(
        extract("Israel receives $3.3 billion a year in Foreign Military Financing."), "financing"
    )
    assert [(e["roles"]["provider"], e["roles"]["beneficiary"]) for e in received] == [
        ("United States", "Israel")
    ]
    moved = extract(
        "$55 million of the Foreign Military Financing set aside for Egypt will be reprogrammed to Lebanon."
    )
    assert not any(e["roles"].get("beneficiary") == "United States" for e in events_of(moved, "financing"))


def test_whose_government_is_the_state_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "After Norway chose the American F-35 in 2008, he spent two years on Switzerland, whose government "
        "selected the Gripen E in 2011."
    )
    gripen = [e for e in events_of(extract(text), "transfer") if e["roles"]["item"] == "Gripen E"]
    assert [(e["roles"]["supplier"], e["roles"]["recipient"], e["status"]) for e in gripen] == [
        ("Sweden", "Switzerland", "intent")
    ]


def test_an_anonymous_source_claims(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Turkey delivered six Akinci drones to Mali in March, three people with knowledge of the deal said."
    )
    (event,) = events_of(extract(text), "transfer")
    assert {a["stance"] for a in event["attributions"] if a["source"]} == {"claimed"}
    # unqualified officials are those of the state the article is about, not a third party
    text = "India has offered the Akash surface-to-air missile system to Vietnam, officials said."
    (own,) = events_of(extract(text), "transfer")
    assert {a["stance"] for a in own["attributions"] if a["source"]} == {"asserted"}


def test_a_counted_kind_with_no_seller_is_more_of_the_system_just_named(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Hanwha builds the K9 howitzer in Changwon. Norway signed for 24 howitzers in 2017."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Norway")
    assert (event["roles"]["item"], event["roles"]["quantity"]) == ("K9 Thunder", 24)
    # a seller named in the sentence makes them another system
    text = "Hanwha builds the K9 howitzer in Changwon. Norway bought 24 howitzers from Germany in 2017."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["item"]) == ("Germany", "howitzers")


def test_a_variant_is_named_as_written_and_joins_its_system(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The United States sold 31 MQ-9B SkyGuardian drones to India.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["item"] == "MQ-9B SkyGuardian"
    # the variant, then its system, in another sentence: one deal, named as the article names it
    text = "Poland will buy 48 F-16C fighters from the United States. Poland chose the F-16 over the Gripen."
    (event,) = [e for e in events_of(extract(text), "transfer") if e["roles"]["supplier"] == "United States"]
    assert (event["roles"]["item"], event["roles"]["quantity"]) == ("F-16", 48)
    # two variants of one system in one sentence are two items
    text = "Russia sold Indonesia three Su-30MK2 and three Su-30MKK fighters."
    items = {e["roles"]["item"] for e in events_of(extract(text), "transfer")}
    assert items == {"Su-30MK2", "Su-30MKK"}


def test_a_service_flying_or_operating_foreign_built_arms_received_them(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("Myanmar's air force flies Russian-built Yak-130 light attack jets."), "transfer"
    )
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Russia",
        "Myanmar",
        "delivery",
    )
    (event,) = events_of(
        extract("Ukraine operates German-made Leopard 2 tanks near Zaporizhzhia."), "transfer"
    )
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Ukraine")
    # no origin said, or flying them over a place: no deal told
    assert not events_of(extract("Poland's air force flies 48 F-16 fighters."), "transfer")
    assert not events_of(extract("Russian-made jets flew over the border on Monday."), "transfer")
    # flying drones is operating them, not carrying cargo
    record = extract("The Houthis fly Iranian-made drones, according to US officials.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Iran", "Houthis")


def test_a_passive_supply_with_no_buyer_is_the_story_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "MANILA - The Philippine Navy commissioned a new corvette on Tuesday. Nine Acero-class fast patrol "
        "gunboats were supplied by Israel Shipyards between 2022 and 2024."
    )
    gunboats = [e for e in events_of(extract(text), "transfer") if "gunboats" in e["roles"]["item"]]
    assert [(e["roles"]["supplier"], e["roles"]["recipient"]) for e in gunboats] == [
        ("Israel", "Philippines")
    ]


def test_a_state_s_own_service_of_another_s_name_is_that_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("Morocco's Royal Navy ordered an offshore patrol vessel from Navantia."), "transfer"
    )
    assert event["roles"]["recipient"] == "Morocco"


def test_a_count_given_in_batteries_or_units_is_the_system_s(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("South Korea will supply Iraq with eight batteries of Cheongung-II air defence systems.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["item"], event["roles"]["quantity"]) == ("Cheongung", 8)


def test_money_in_the_region_s_dollars_and_currencies(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("New Zealand will give a grant of NZ$12.5 million to Fiji's military."), "financing"
    )
    assert (event["roles"]["value"]["amount"], event["roles"]["value"]["currency"]) == (12_500_000, "NZD")
    (event,) = events_of(
        extract("Zambia signed a 300 million kwacha contract with China for two jets."), "transfer"
    )
    assert event["roles"]["value"]["currency"] == "ZMW"


def test_paying_for_what_is_no_purchase_funds_it(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Britain has paid for a chain of watchtowers along Lebanon's frontier with Syria since 2012."
    )
    (event,) = events_of(record, "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("United Kingdom", "Lebanon")
    # a participle's funder is its agent; who holds what was funded benefits
    text = (
        "The Moldovan Air Force relies on a Ground Master 200 radar delivered by France's Thales in 2023, "
        "paid for by the European Union."
    )
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("European Union", "Moldova")
    text = (
        "The Army of North Macedonia has received Stryker vehicles from the United States, financed through "
        "the US Foreign Military Financing programme."
    )
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("United States", "North Macedonia")
    # paying for one's own purchase, or from one's own budget, funds no one
    assert not events_of(extract("The patrol boats from Israel were paid for from our budget."), "financing")
    assert not events_of(extract("Lithuania is paying for a fifth of the purchase."), "financing")


def test_a_use_that_may_come_is_no_use(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Officials in Ghana say the air force may one day use drones for coastal patrols.")
    assert not events_of(record, "combat_use")


def test_an_armed_group_s_fighters_are_people(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Boko Haram has spread into Chad, where its fighters use the lake's islands as hideouts."
    assert not events_of(extract(text), "combat_use")


def test_forces_in_the_capital_and_at_bases_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Chad is hosting a new partner. About 50 Hungarian soldiers arrived in the capital in October."
    (event,) = events_of(extract(text), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Hungary", "Chad")
    (event,) = events_of(extract("France still has about 1,000 troops at three bases in Chad."), "deployment")
    assert (event["roles"]["destination"], event["roles"]["quantity"]) == ("Chad", 1000)
    (event,) = events_of(
        extract("Russia has kept an air base at Kant in Kyrgyzstan since 2003."), "deployment"
    )
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Russia", "Kyrgyzstan")


def test_arms_on_order_are_an_order(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Malaysia has two ATR 72 patrol aircraft on order from Italy."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Italy",
        "Malaysia",
        "order",
    )
    assert not events_of(extract("Malaysia has two ATR 72 patrol aircraft in service."), "transfer")


def test_forces_seen_serving_or_rotated_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "North Korean troops have been spotted in Russia's Kursk region, according to Seoul's spy agency."
    )
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("North Korea", "Russia")
    assert event["attributions"][0]["stance"] == "claimed"
    (event,) = events_of(extract("Uganda has about 2,000 troops serving in eastern Congo."), "deployment")
    assert event["roles"]["sender"] == "Uganda" and event["roles"]["quantity"] == 2000
    (event,) = events_of(
        extract("The United States rotated a Patriot battery into Poland last month."), "deployment"
    )
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("United States", "Poland")


def test_a_vague_package_is_told_by_what_it_included(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Germany delivered weapons to Ukraine, including 18 Leopard 2 tanks and a Patriot battery."
    )
    assert {e["roles"]["item"] for e in events_of(record, "transfer")} == {"Leopard 2", "Patriot"}


def test_money_for_a_state_unsaid_is_the_story_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Argentina signed for 24 used F-16 fighters from Denmark. The United States provided US$40 million "
        "in Foreign Military Financing the same month to help pay for the jets."
    )
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("United States", "Argentina")
    text = "Israel signed a $5.2 billion deal for 25 F-15IA jets. It will be paid for with US military aid."
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("United States", "Israel")
    # a budget's money for its own purchases funds no one else
    text = "Ukraine builds drones. The government has allocated 12 billion hryvnias for interceptor drones."
    assert not events_of(extract(text), "financing")


def test_paying_with_a_loan_and_paying_a_state(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Bolivia paid for the K-8s with a $57.8 million Chinese loan."), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("China", "Bolivia")
    (event,) = events_of(extract("Australia had paid $US500 million to the United States."), "financing")
    assert (event["roles"]["beneficiary"], event["roles"]["value"]["currency"]) == ("United States", "USD")
    text = (
        "Part of the bill will be covered by a $2 billion loan that Washington extended to Warsaw last year."
    )
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("United States", "Poland")


def test_a_list_runs_through_a_consignment_to_what_it_holds(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Norway handed over three patrol boats and a consignment of body armour to the Ghana Navy. "
        "Canada delivered a shipment of rifles and 12 armoured vehicles to Benin."
    )
    pairs = {(e["roles"]["supplier"], e["roles"]["item"]) for e in events_of(record, "transfer")}
    assert {("Norway", "patrol boats"), ("Norway", "body armour")} <= pairs
    assert {("Canada", "rifles"), ("Canada", "armoured vehicles")} <= pairs


def test_the_fleet_a_deal_replaces_and_a_deal_told_beside_are_not_its_items(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Peru will buy KF-21 fighters from South Korea to replace its ageing French-built Mirages, "
        "a deal officials put at $2 billion. Alongside the jets, the air force signed for 12 KT-1 trainers."
    )
    items = {e["roles"]["item"]: e for e in events_of(record, "transfer")}
    assert "Mirage" not in items and "jets" not in items
    kf21 = next(e for name, e in items.items() if name.startswith("KF-21"))
    assert kf21["status"] == "intent"  # the apposition names the deal; it does not raise its stage
    assert kf21["roles"]["value"]["amount"] == 2_000_000_000
    assert any(name.startswith("KT-1") for name in items)


def test_arms_destined_for_a_home_service_are_the_story_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Chile is renewing its fleet. Six AW159 helicopters destined for the Navy, ordered in 2023, are "
        "being built by Leonardo in Yeovil, England. Two offshore patrol vessels destined for the coast "
        "guard of Uruguay are being built by the Spanish yard Cardama."
    )
    pairs = transfer_sides(record)
    assert ("United Kingdom", "Chile") in pairs or ("Italy", "Chile") in pairs
    assert ("Spain", "Uruguay") in pairs


def test_a_handover_to_a_body_no_gazetteer_knows(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Botswana's army is growing. India handed over 15 military trucks to the BDF on Monday.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("India", "Botswana")


def test_a_granted_package_is_told_by_what_the_batch_includes(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Jordan welcomed the aid. The ceremony marked a batch of military equipment granted by the "
        "United States to the Jordanian army. The batch includes 30 armoured HMMWV vehicles and four "
        "ScanEagle drones."
    )
    items = {e["roles"]["item"]: e for e in events_of(record, "transfer")}
    assert {"HMMWV", "ScanEagle"} <= set(items)
    assert all(items[n]["roles"]["recipient"] == "Jordan" for n in ("HMMWV", "ScanEagle"))


def test_parts_for_a_weapon_are_named_with_what_they_are_for(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Belarusian firms supplied engines for Orlan-10 drones to Russia, the report said.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["item"].startswith("engines for")


def test_those_jets_are_the_system_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Two Algerian Su-30MKA fighters flew over the border. Those jets were among the 44 that Algeria "
        "ordered from Russia in 2006."
    )
    (event,) = events_of(record, "transfer")
    assert event["roles"]["item"] == "Su-30MKA"


def test_forces_leaving_a_home_city_for_a_mission(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "A company of 140 military engineers left Montevideo on Sunday for the Democratic Republic of the "
        "Congo, the army said. A battalion of 600 Kenyan soldiers left Mombasa for Somalia to relieve "
        "the contingent serving there."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert ("Uruguay", "Democratic Republic of the Congo") in pairs
    assert ("Kenya", "Somalia") in pairs


def test_a_host_of_foreign_forces_and_bases(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Bahrain hosts about 9,000 US troops at Juffair. Niger also hosts the military bases of Germany "
        "and of Italy. The summit was hosted by Ghana."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert {("United States", "Bahrain"), ("Germany", "Niger")} <= pairs
    assert not events_of(record, "meeting")


def test_forces_held_at_an_unknown_camp_and_forces_named_for_no_one(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Kosovo's security has improved. Turkey has about 300 soldiers at Camp Sultan Murat. "
        "Vietnam is proud of its peacekeepers. About 180 soldiers of its engineering unit are stationed in "
        "South Sudan."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    # the camp no gazetteer knows is named as written; forces no one is named for are the story state's
    assert ("Turkey", "Camp Sultan Murat") in pairs
    assert ("Vietnam", "South Sudan") in pairs


def test_forces_kept_at_a_base_near_a_city_or_in_the_capital(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Mali is rebuilding its army since Mali's split with France. Russia has kept helicopters and "
        "instructors at an air base near Mopti since 2022. Turkish advisers are stationed at a drone base "
        "and in the capital."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert {("Russia", "Mali"), ("Turkey", "Mali")} <= pairs


def test_talks_before_a_signing_are_a_meeting_of_the_signer(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Ghana's defence minister signed the accord after talks with his Brazilian counterpart.")
    (meeting,) = events_of(record, "meeting")
    assert set(meeting["roles"]["participants"]) == {"Ghana", "Brazil"}
    visit = extract("The deal was confirmed by Embraer during a visit to Brasilia by a Ghanaian delegation.")
    assert not any("Embraer" in e["roles"]["participants"] for e in events_of(visit, "meeting"))


def test_a_listed_item_before_a_consignment_takes_the_list_s_sides(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Spain handed over 24 armoured vehicles and a quantity of body armour to Peru.")
    pairs = {(e["roles"]["item"], e["roles"]["recipient"]) for e in events_of(record, "transfer")}
    assert {("armoured vehicles", "Peru"), ("body armour", "Peru")} <= pairs


def test_the_paper_said_is_the_publication_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Financial Times reported that Serbia had sold artillery shells to Ukraine through brokers. "
        "Serbia also supplied gunpowder and night-vision equipment to Ukraine, the paper said."
    )
    items = {e["roles"]["item"]: e for e in events_of(record, "transfer")}
    assert {"gunpowder", "night-vision equipment"} <= set(items)
    sources = {a["source"] for a in items["gunpowder"]["attributions"]}
    assert "paper" not in sources


def test_home_press_that_names_its_state_late(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Air Corps took delivery on Monday of its second Airbus C295, ordered from the Spanish-built "
        "line in 2023. The Air Corps has also signed for two Pilatus PC-12 aircraft from Switzerland. Irish "
        "officials told the committee that Irish spending on equipment would reach a record."
    )
    recipients = {e["roles"]["item"]: e["roles"]["recipient"] for e in events_of(record, "transfer")}
    assert recipients and set(recipients.values()) == {"Ireland"}


def test_a_maker_delivers_what_a_participle_says_was_ordered(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Hanwha Aerospace has handed over the first of 18 self-propelled howitzers ordered by Egypt. "
        "Rheinmetall delivered the last of 40 trucks bought by Lithuania."
    )
    sides = transfer_sides(record)
    assert sides == {("South Korea", "Egypt"), ("Germany", "Lithuania")}


def test_arms_returned_to_their_owner_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Tajikistan has quietly returned four transport helicopters to Afghanistan's Taliban government. "
        "Two attack helicopters have been returned from the neighbouring country of Turkmenistan, officials "
        "in Kabul said."
    )
    sides = transfer_sides(record)
    assert sides == {("Tajikistan", "Afghanistan"), ("Turkmenistan", "Afghanistan")}
    troops = extract("The soldiers returned home in June after the pilots had returned fire.")
    assert not events_of(troops, "transfer")


def test_the_authorities_in_a_state_are_that_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "India sent jets to Egypt's air force. The authorities in Chad bought drones from Turkey."
    )
    recipients = {e["roles"]["item"]: e["roles"]["recipient"] for e in events_of(record, "transfer")}
    assert recipients["drones"] == "Chad"


def test_a_long_catalog_name_written_in_capitals_is_its_system(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The army of Estonia will acquire High Mobility Artillery Rocket Systems from the United States."
    )
    (event,) = events_of(record, "transfer")
    assert event["roles"]["item"] == "M142 HIMARS"


def test_according_to_a_source_is_no_recipient(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Chile's imports grew, says SIPRI. The last six Leopard 2 tanks arrived in 2022, according to SIPRI, "
        "and 12 M109 howitzers were delivered in 2021."
    )
    recipients = {e["roles"].get("recipient") for e in events_of(record, "transfer")}
    assert "Sweden" not in recipients


def test_other_sellers_of_a_system_are_other_deals(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Egypt plans to buy 24 Eurofighter Typhoons, built by Germany's Airbus. Until they arrive, Kuwait "
        "and Bahrain have offered used Typhoons from their own squadrons, Egyptian newspapers said."
    )
    suppliers = {e["roles"]["supplier"] for e in events_of(record, "transfer")}
    assert {"Kuwait", "Bahrain"} <= suppliers  # each its own offer, not folded into the planned purchase
    assert not events_of(record, "combat_use")  # "used Typhoons" are second-hand


def test_earlier_partners_of_a_series_are_not_parties(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Once ratified, the accord will make Italy the fourth state with a defence pact with Hanoi, after "
        "Russia, India and Japan."
    )
    parties = {p for e in events_of(record, "agreement") for p in e["roles"]["parties"]}
    assert parties == {"Italy", "Vietnam"}


def test_a_named_warship_in_a_foreign_port(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The frigate HMCS Ottawa called at Port Louis on Friday for a four-day visit. The patrol vessel "
        "KRI Bung Tomo docked in Darwin. The new corvette docked in Alexandria after its delivery voyage."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert pairs == {("Canada", "Mauritius"), ("Indonesia", "Australia")}
    assert not events_of(record, "meeting")  # a port visit is no meeting


def test_forces_in_each_state_of_a_list(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Turkish military advisers are present in Libya, Somalia and Qatar. Spain has sent troops to "
        "Latvia and Slovakia."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert pairs == {
        ("Turkey", "Libya"),
        ("Turkey", "Somalia"),
        ("Turkey", "Qatar"),
        ("Spain", "Latvia"),
        ("Spain", "Slovakia"),
    }


def test_forces_kept_at_sites_of_the_story_s_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Djibouti celebrates independence day. Japan has kept a small force in the north since 2011, which "
        "Djibouti welcomes. US Navy P-8A aircraft have operated from Chabelley airfield since 2013."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert {("Japan", "Djibouti"), ("United States", "Djibouti")} <= pairs


def test_forces_in_a_place_told_by_a_where_clause(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The jets will fly to Estonia, where Britain leads a battlegroup and has 900 soldiers.")
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert ("United Kingdom", "Estonia") in pairs


def test_a_currency_s_state_is_no_party(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Japan will provide 5 billion yen, around 33 million US dollars, to support the coast guard of "
        "Sri Lanka."
    )
    (event,) = events_of(record, "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Japan", "Sri Lanka")


def test_a_multinational_maker_supplies_from_where_the_system_is_built(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Uzbekistan has signed a contract with Airbus Defence and Space for two C295 aircraft.")
    (event,) = events_of(record, "transfer")
    assert event["roles"]["supplier"] == "Spain"  # the catalog builds the C295 in Spain


def test_a_date_compared_with_is_not_the_event_s(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "About 800 Rwandan soldiers have been deployed to Mozambique in the largest reinforcement since "
        "2021, officials said.",
        "2025-06-02",
    )
    (event,) = events_of(record, "deployment")
    assert event["date"] is None or not str(event["date"]["start"]).startswith("2021")


def test_the_day_s_deployment_keeps_its_day(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Portugal has sent about 200 soldiers to Romania, the ministry said on Monday. Portugal has "
        "contributed troops to the NATO battlegroup in Romania since it was set up in 2022.",
        "2026-04-07",
    )
    dates = {str((e["date"] or {}).get("start")) for e in events_of(record, "deployment")}
    assert not any(d.startswith("2022") for d in dates)


def test_a_think_tank_is_no_tank(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp("Omar Haddad, who studies defence at an Amman think tank, said the fuel tanks leaked.")
    assert not [i.name for s in doc.sents for i in pipeline.extractor.items.items_in(s)]


def test_the_places_of_a_story_tell_its_state(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(
        "The army received its first light tanks on Tuesday at a ceremony in Pune, before trials in Leh and "
        "Jodhpur. The tanks were built in Russia, and Russia's ambassador and Russian engineers attended."
    )
    last = list(doc.sents)[-1]
    assert pipeline.extractor.clause.focus_country(last[0]).name == "India"  # Pune, Leh, Jodhpur


def test_money_for_works_in_another_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Malta renewed its coast guard. Washington is financing a training centre in Valletta with about "
        "5 million dollars a year. Rome will pay for a new patrol boat station at Marsaxlokk."
    )
    pairs = {(e["roles"]["provider"], e["roles"]["beneficiary"]) for e in events_of(record, "financing")}
    assert {("United States", "Malta"), ("Italy", "Malta")} <= pairs


def test_an_office_named_without_a_name_is_the_story_state_s(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Malawi has received two patrol boats from India. On Monday, the President received India's navy "
        "chief at State House."
    )
    (meeting,) = events_of(record, "meeting")
    assert set(meeting["roles"]["participants"]) == {"India", "Malawi"}


def test_its_forces_are_the_state_the_pronoun_stands_for(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Fighting continued near Goma, Bukavu and Uvira in eastern Congo. Rwanda's government says its "
        "forces are not deployed in Congo."
    )
    (event,) = events_of(record, "deployment")
    assert event["roles"]["sender"] == "Rwanda"


def test_another_buyer_of_the_system_just_named(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Latvia ordered nine Chunmoo launchers from Hanwha in March. Norway signed for 16 launchers in 2024."
    )
    sides = {
        (e["roles"]["supplier"], e["roles"]["recipient"], e["roles"]["item"])
        for e in events_of(record, "transfer")
    }
    assert ("South Korea", "Norway", "K239 Chunmoo") in sides


def test_forces_sent_to_a_mission_serve_in_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Nepal has contributed troops to UNIFIL since 1978. Zambia sent 300 soldiers to MINUSCA."
    )
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(record, "deployment")}
    assert pairs == {("Nepal", "Lebanon"), ("Zambia", "Central African Republic")}


def test_a_national_guard_named_bare_is_the_story_states(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Kuwait Times\n\nThe French-made Mistral missiles ordered by the National Guard have all "
        "arrived, the Kuwaiti defence ministry said on Sunday. Kuwait signed the deal in 2023."
    )
    pairs = transfer_sides(record)
    assert ("France", "Kuwait") in pairs


def test_a_member_state_of_a_union_is_the_state_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Slovenia has taken delivery of the Swedish-built Carl-Gustaf recoilless rifles, one of the largest "
        "arms sales by Sweden to a European Union member state."
    )
    recipients = {e["roles"]["recipient"] for e in events_of(record, "transfer")}
    assert recipients == {"Slovenia"}


def test_an_official_named_without_a_state_signs_for_the_story_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Ghana and Togo have signed a border security pact. The pact was signed in Lome on Friday by "
        "Defence Minister Omane Boamah and Togolese Defence Minister Marguerite Gnakade."
    )
    for event in events_of(record, "agreement"):
        assert set(event["roles"]["parties"]) == {"Ghana", "Togo"}


def test_a_consequence_denied_is_no_denial_of_the_deal(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Jordan and Iraq signed a military cooperation agreement in Amman on Monday. An activist said the "
        "agreement would not lead to new checkpoints along the border."
    )
    (event,) = events_of(record, "agreement")
    assert all(a["stance"] != "denied" for a in event["attributions"])
    record = extract("Peru said the purchase of K2 tanks from South Korea never went ahead.")
    (event,) = events_of(record, "transfer")
    assert [a["stance"] for a in event["attributions"]] == ["denied"]


def test_forces_that_reach_land_roll_or_move_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    sentences = {
        "The first Senegalese soldiers reached Bissau on Thursday.": ("Senegal", "Guinea-Bissau"),
        "Two RNZAF NH90 helicopters landed in Suva on Monday.": ("New Zealand", "Fiji"),
        "Dutch troops rolled into a training area in Lithuania this week.": ("Netherlands", "Lithuania"),
        "The Bundeswehr is moving two Patriot fire units to Slovakia.": ("Germany", "Slovakia"),
        "Chile despatched 120 marines to Peru.": ("Chile", "Peru"),
        "Portuguese special forces were flown into Bangui overnight.": (
            "Portugal",
            "Central African Republic",
        ),
    }
    for text, pair in sentences.items():
        pairs = {
            (e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(extract(text), "deployment")
        }
        assert pair in pairs, text


def test_rockets_that_land_are_no_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Officials said Armenian forces fired rockets into Azerbaijan, some landing near a school."
    )
    assert not events_of(record, "deployment")


def test_contingents_without_a_place_join_the_mission_told_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nigerian troops were sent to Gambia in January.\n\n"
        "The force was set up within days.\n\n"
        "Officials gave few details of its tasks.\n\n"
        "Ghana flew in two planes, Senegal contributed some five hundred soldiers, and about two hundred "
        "Malian troops arrived on January 20."
    )
    deployments = events_of(extract(text, "2017-02-01"), "deployment")
    pairs = {(e["roles"]["sender"], e["roles"]["destination"]) for e in deployments}
    assert {("Senegal", "Gambia"), ("Mali", "Gambia")} <= pairs
    quantities = {e["roles"]["sender"]: e["roles"].get("quantity") for e in deployments}
    assert (quantities["Senegal"], quantities["Mali"]) == (500, 200)


def test_places_of_no_known_state_may_be_one(extract) -> None:  # type: ignore[no-untyped-def]
    from armswatch.events import unplaced_places
    from armswatch.extract.model import Actor

    island, archipelago = Actor("Baltra", "location", None), Actor("Galapagos", "location", None)
    assert unplaced_places(island, archipelago)
    assert not unplaced_places(island, Actor("Ecuador", "country", "ECU"))
    assert not unplaced_places(Actor("Quito", "location", "ECU"), archipelago)


def test_an_item_retired_by_a_force_comes_from_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Colombian Air Force received three C-130H Hercules transport aircraft retired by the "
        "Italian Air Force."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Italy", "Colombia")
    assert event["roles"]["quantity"] == 3


def test_the_deal_signed_with_a_state_names_the_seller(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Qatar signed a preliminary agreement with the UK last month for up to 24 Typhoons, and Leonardo "
        "expects a share of the work."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("United Kingdom", "Qatar")


def test_a_states_decision_to_buy_names_the_buyer(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Romania's decision to buy Israeli Spike missiles was welcomed by the opposition.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Israel", "Romania")


def test_money_refunded_is_financing(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The European Peace Facility refunded 90 million euros to Czechia for the tanks it donated."
    )
    (event,) = events_of(record, "financing")
    assert event["roles"]["beneficiary"] == "Czech Republic"
    assert event["roles"]["value"]["amount"] == 90000000


def test_the_two_ministers_witnessing_a_signing_name_its_parties(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Brazil and Angola held defence talks in Luanda. Afterwards the two ministers witnessed the signing "
        "of a Memorandum of Understanding on Naval Training."
    )
    (event,) = events_of(record, "agreement")
    assert set(event["roles"]["parties"]) == {"Brazil", "Angola"}


def test_a_warships_port_call_told_as_a_noun(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("HMAS Toowoomba made a three-day port call at Colombo last week.", "2025-03-10")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Australia", "Sri Lanka")


def test_the_air_force_is_not_the_other_force_in_its_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Paraguay has frozen a contract with a Spanish yard. Spain's ambassador met the minister, and the "
        "Spanish embassy said talks would go on. Madrid hopes for a deal.\n\n"
        "The air force took delivery in 2021 of three C-295 transport aircraft retired by the Spanish "
        "Air Force."
    )
    sides = transfer_sides(extract(text))
    assert ("Spain", "Paraguay") in sides


def test_a_shipyard_named_as_such_is_a_company_and_the_seller(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Honduras has suspended payments on a contract for four patrol boats from Dutch shipyard Veldema."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Netherlands", "Honduras")


def test_items_from_a_plant_come_from_the_state_it_stands_in(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Two transport aircraft for Chile's air force arrived on Monday from the Airbus plant in Getafe."
    )
    sides = transfer_sides(record)
    assert sides == {("Spain", "Chile")}


def test_a_state_outlets_masthead_tells_whose_forces_the_page_means(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kazakhstanskaya Pravda | Defence | 3 March 2026\n\n"
        "The country's Air Defence Forces have received three Anka drones built by Turkish Aerospace, the "
        "Ministry of Defence said."
    )
    sides = {
        (e["roles"]["supplier"], e["roles"]["recipient"])
        for e in events_of(extract(text, "2026-03-03"), "transfer")
    }
    assert sides == {("Turkey", "Kazakhstan")}


def test_a_delivery_years_before_the_days_is_another(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ghana's air force has received two C-295 transport aircraft from Spain, the ministry said.\n\n"
        "The type has served in Ghana for years. The first aircraft of the type arrived in 2012."
    )
    transfers = events_of(extract(text, "2025-11-04"), "transfer")
    assert len(transfers) == 2
    assert sorted((e["date"] or {}).get("start") or "" for e in transfers)[1] == "2012"


def test_an_official_of_no_named_state_funds_for_the_other_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "New Zealand's aid to Tonga's navy has grown. On Monday, Defence Minister Aroha Tane announced "
        "NZ$20 million in funding over three years for the His Majesty's Armed Forces of Tonga."
    )
    (event,) = events_of(extract(text, "2025-04-14"), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("New Zealand", "Tonga")


def test_forces_kept_are_not_the_arms_named_in_what_was_kept(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Britain has kept restrictions on arms sales to Argentina since the 1982 war.")
    assert not events_of(record, "deployment")
    record = extract("Britain has kept four Typhoons and a tanker at Mount Pleasant since 2014.")
    (event,) = events_of(record, "deployment")
    assert event["roles"]["sender"] == "United Kingdom" and event["roles"]["quantity"] == 4


def test_a_story_state_read_into_a_force_is_no_second_recipient(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Norway sold frigates to Chile. Norway will train crews.\n\n"
        "Smith also handed over a C-130H transport aircraft donated by the United States to the Chilean "
        "Air Force, the US Embassy said."
    )
    recipients = {
        e["roles"]["recipient"]
        for e in events_of(extract(text), "transfer")
        if e["roles"]["item"] == "C-130H"
    }
    assert recipients == {"Chile"}


def test_a_ship_dispatched_to_a_sea_named_after_a_state_is_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Latvia's navy despatched a patrol vessel to the Gulf of Finland after the cable was cut."
    )
    assert not events_of(record, "transfer")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Latvia", "Gulf of Finland")
    record = extract("Turkey dispatched armed drones to Somalia in March.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Turkey", "Somalia")


def test_a_cabinet_named_by_a_leader_of_no_named_state_is_the_story_states(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Bulgaria will buy new jets. The jets are the eight MiG-29 fighters that Anton Velev's caretaker "
        "cabinet handed to Ukraine in 2023."
    )
    sides = transfer_sides(extract(text))
    assert ("Bulgaria", "Ukraine") in sides


def test_a_state_denying_reports_of_a_sale_is_its_seller(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Kenyan defence ministry dismissed reports of the sale of drones to Somalia as baseless."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Kenya", "Somalia")
    assert any(a["stance"] == "denied" for a in event["attributions"])
    text = (
        "The Ministry of Defence of Uzbekistan said that reports about the alleged handover of "
        "helicopters to "
        "Afghanistan do not correspond to reality."
    )
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Uzbekistan", "Afghanistan")
    assert any(a["stance"] == "denied" for a in event["attributions"])
    record = extract(
        "The Uzbek defence ministry said that the helicopters had not been handed over to Afghanistan."
    )
    (event,) = events_of(record, "transfer")
    assert event["roles"]["supplier"] == "Uzbekistan"
    # a deal the denier's state buys is no sale of its own
    record = extract("Somalia dismissed reports of the sale of drones to Somalia.")
    assert all(e["roles"]["supplier"] != "Somalia" for e in events_of(record, "transfer"))


def test_a_past_deeds_year_does_not_date_what_is_to_come(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Australia will give Timor-Leste's military $48 million over four years. "
        "The funding will cover works "
        "at the Hera naval base, where Australia is already paying for a new wharf, and maintenance for the "
        "two patrol boats Australia gifted Timor-Leste in 2023."
    )
    events = events_of(extract(text, "2025-09-03"), "financing")
    assert events and all(e["roles"]["provider"] == "Australia" for e in events)
    assert all(not (e["date"] or {}).get("start", "").startswith("2023") for e in events)
    # the year of the event's own relative clause still dates it
    record = extract(
        "Some 7,000 troops are taking part in the Cobra Gold exercises that started on Tuesday, hosted by "
        "Thailand and the United States.",
        "2023-03-01",
    )
    (exercise,) = events_of(record, "exercise")
    assert exercise["date"]["start"] == "2023-02-28"


def test_what_a_unit_is_armed_with_is_no_delivery(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Kongsberg has signed a contract with Poland for a new coastal squadron armed with the Naval Strike "
        "Missile."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Norway",
        "Poland",
        "order",
    )
    record = extract("Russian MiG-31 interceptors armed with R-37M missiles have forced Ukrainian jets back.")
    assert not events_of(record, "transfer")


def test_a_delivery_years_before_the_order_is_an_earlier_deal(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kongsberg signed a contract with Poland on Monday for a third coastal missile squadron armed with "
        "the Naval Strike Missile. Poland's first squadron of the missile was handed over in 2013."
    )
    stages = sorted(
        (e["status"], (e["date"] or {}).get("start"))
        for e in events_of(extract(text, "2024-09-24"), "transfer")
    )
    assert stages == [("delivery", "2013"), ("order", "2024-09-23")]


def test_money_given_with_help_is_financing(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("Portugal will support the Mozambican armed forces with 15 million euros."), "financing"
    )
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Portugal", "Mozambique")
    assert event["roles"]["value"]["amount"] == 15000000
    record = extract(
        "The 15 million euros that Portugal has promised the Mozambican armed forces for 2024-2026."
    )
    (event,) = events_of(record, "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Portugal", "Mozambique")
    assert "purpose" not in event["roles"]  # a period is no purpose
    # help without money, or to no one named, is no financing
    assert not events_of(extract("Russia supported the rebels with weapons and advisers."), "financing")
    record = extract(
        "Rwandan troops deployed in 2021, which the European Union has supported with 40 million euros."
    )
    assert all(e["roles"]["beneficiary"] != "European Union" for e in events_of(record, "financing"))


def test_a_programme_signed_is_an_agreement(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Mozambican and Portuguese governments on Tuesday signed a new Framework Programme for Defence "
        "Cooperation in Maputo."
    )
    (event,) = events_of(record, "agreement")
    assert set(event["roles"]["parties"]) == {"Mozambique", "Portugal"}
    assert not events_of(
        extract("Poland will buy 18 more launchers under the Homar-K programme."), "agreement"
    )


def test_what_cargo_planes_carry_to_a_state_is_delivered(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Cargo planes carried thousands of Bulgarian-made rockets from Plovdiv to Baku over the winter."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Bulgaria", "Azerbaijan")
    assert "rockets" in event["roles"]["item"]
    # a platform that can carry weapons, or forces that carried out strikes, deliver nothing
    assert not events_of(extract("The Pampa III trainer can carry bombs and rockets."), "transfer")
    assert not events_of(extract("US aircraft carried out air strikes on militia sites in Iraq."), "transfer")


def test_a_ship_class_named_after_a_city_is_no_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("In January 2022 Israel ordered three Dakar-class submarines from Germany's TKMS.")
    assert "Senegal" not in {e["name"] for e in record["entities"]}
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Israel")


def test_states_paying_together_each_finance(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Denmark, Norway and Sweden will jointly finance a package of air defence missiles for Ukraine worth "
        "about 500 million dollars."
    )
    providers = {
        e["roles"]["provider"]
        for e in events_of(record, "financing")
        if e["roles"]["beneficiary"] == "Ukraine"
    }
    assert providers == {"Denmark", "Norway", "Sweden"}
    assert all(e["roles"]["beneficiary"] not in providers for e in events_of(record, "financing"))


def test_arms_bought_for_another_state_are_its_and_paid_by_the_buyer(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Germany bought two Patriot systems from the United States for Ukraine.")
    (transfer,) = events_of(record, "transfer")
    assert (transfer["roles"]["supplier"], transfer["roles"]["recipient"]) == ("United States", "Ukraine")
    (financing,) = events_of(record, "financing")
    assert (financing["roles"]["provider"], financing["roles"]["beneficiary"]) == ("Germany", "Ukraine")
    # a price "for" an item, or a buyer's own forces, are no other state
    record = extract("Armenia bought Indian howitzers for its army.")
    assert not events_of(record, "financing")


def test_an_arrival_told_as_a_noun_names_where_it_arrived(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The arrival of two Swedish ASC 890 aircraft in Ukraine was confirmed on October 15.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Sweden", "Ukraine")
    record = extract(
        "Germany's first IRIS-T SLM air defence system has arrived in Ukraine, the minister said."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Ukraine")


def test_a_promise_of_arms_is_an_offer(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Germany promised Ukraine 40 Leopard tanks."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "Germany",
        "Ukraine",
        "offer",
    )
    (event,) = events_of(extract("Spain pledged six Hawk launchers to Ukraine."), "transfer")
    assert event["status"] == "offer"


def test_a_vessel_unloading_arms_for_an_army_delivers_them(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "An Egyptian navy vessel docked at Mogadishu port on Monday and unloaded anti-aircraft guns for the "
        "Somali National Army."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Egypt", "Somalia")


def test_forces_counted_as_a_share_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Around 50 of Slovenia's troops are in Latvia."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"], event["roles"].get("quantity")) == (
        "Slovenia",
        "Latvia",
        50,
    )
    record = extract("More than 400 Czech military personnel are now at the Lest training area in Slovakia.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Czech Republic", "Slovakia")


def test_money_given_to_no_one_named_goes_where_the_money_before_went(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Netherlands will pay 500 million euros for Patriot missiles for Ukraine, "
        "the defence minister said.\n\n"
        "A day later Denmark, Norway and Sweden said they would together finance a second "
        "package worth about "
        "500 million dollars."
    )
    financing = events_of(extract(text), "financing")
    assert {(e["roles"]["provider"], e["roles"]["beneficiary"]) for e in financing} >= {
        ("Denmark", "Ukraine"),
        ("Norway", "Ukraine"),
        ("Sweden", "Ukraine"),
    }


def test_transports_taking_off_with_arms_for_a_state_deliver_the_arms(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "On 27 February 2022, two Hellenic Air Force C-130 transports took off from Elefsina carrying "
        "Kalashnikov rifles for Ukraine."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Greece", "Ukraine")
    assert event["roles"]["item"] == "Kalashnikov rifles"


def test_a_sum_given_to_no_one_named_goes_to_the_storys_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "BEIRUT - The Lebanese army has struggled to pay its soldiers since 2019.\n\n"
        "The $60 million grant announced by Qatar on Tuesday will be paid in monthly tranches "
        "into an account "
        "managed by the Army Command, according to two military sources."
    )
    (event,) = events_of(extract(text, "2025-10-23"), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Qatar", "Lebanon")


def test_a_states_forces_moved_by_a_deployment_noun_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The Bundestag extended the deployment of German forces in Iraq until October.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Germany", "Iraq")
    record = extract("The withdrawal of French forces from Mali ended in 2022.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("France", "Mali")


# ---- stop 32: kinds read from parts zi-zl (corporate communication, interdictions, shows, parliaments)


def test_a_ship_that_unloads_arms_is_no_item_of_them(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("An Algerian navy vessel unloaded artillery pieces and mortars for the Malian army.")
    items = {e["roles"]["item"] for e in events_of(record, "transfer")}
    assert items == {"artillery pieces", "mortars"}


def test_a_date_after_a_list_entry_does_not_end_the_list(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Lithuania has received CV90 vehicles from Sweden since March 2024, and Caesar howitzers from France."
    )
    sides = transfer_sides(record)
    assert sides == {("Sweden", "Lithuania"), ("France", "Lithuania")}


def test_the_force_a_contingent_joins_is_not_who_moves(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "A contingent of 180 Uruguayan troops left for Lebanon on Monday to serve in the UN peacekeeping "
        "force there."
    )
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Uruguay", "Lebanon")
    assert event["roles"].get("quantity") == 180


def test_a_unit_noun_named_by_a_systems_short_name_is_that_system(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Vietnam signed a contract with Hanwha Aerospace last year for 40 Redback vehicles.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Vietnam")
    assert "Redback" in event["roles"]["item"] and event["roles"]["item_category"] == "armoured_vehicle"
    assert event["roles"]["quantity"] == 40


def test_a_related_headline_over_a_blank_line_is_not_read(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya's parliament debated the defence budget on Tuesday.\n\n"
        "READ MORE: Egypt delivers twenty tanks to Libya\n\n"
        "The debate continues next week."
    )
    assert events_of(extract(text), "transfer") == []


def test_a_maker_buying_abroad_buys_for_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Turkish Aerospace ordered 30 F404 engines from GE Aerospace in 2024.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("United States", "Turkey")
    assert event["roles"]["item_category"] == "other"


def test_an_unnamed_member_of_an_alliance_is_no_party(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Rheinmetall has signed a contract with a NATO member for Lynx infantry fighting vehicles."
    )
    for event in record["events"]:
        parties = {v for v in event["roles"].values() if isinstance(v, str)} | set(
            event["roles"].get("parties") or []
        )
        assert "NATO" not in parties
    assert events_of(record, "agreement") == []  # a company and its own state are one side


def test_a_state_a_contract_is_signed_with_buys_what_it_does_not_make(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The company's largest order of the year was a contract signed in May with the Finnish Defence "
        "Forces Logistics Command for additional NASAMS launchers."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Norway", "Finland")


def test_a_procurement_agency_is_no_news_agency(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Poland ordered 96 AH-64E Apache helicopters from the United States, the Defense Security "
        "Cooperation Agency said."
    )
    (event,) = events_of(record, "transfer")
    stances = {a["source"]: a["stance"] for a in event["attributions"]}
    assert stances.get("DSCA") == "confirmed" or "confirmed" in stances.values()
    assert "claimed" not in stances.values()


def test_forces_serving_with_a_mission_are_deployed_where_it_serves(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("A Ghanaian battalion of about 800 personnel is serving with UNIFIL.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Ghana", "Lebanon")


def test_the_participation_of_forces_in_a_mission_is_a_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The cabinet approved the participation of 45 Croatian troops in UNIFIL.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Croatia", "Lebanon")
    record = extract("The drill near Arica was held with the participation of units of Chile and Peru.")
    assert events_of(record, "deployment") == []


def test_a_state_leading_a_battlegroup_abroad_has_forces_there(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Germany leads the NATO battlegroup in Lithuania."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Germany", "Lithuania")
    assert events_of(extract("General Smith led the 3rd brigade during the exercise."), "deployment") == []


def test_a_foreign_makers_plant_in_the_buyers_state_does_not_sell(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The first 12 Boxer vehicles were handed over to the Australian Army on Monday from Rheinmetall's "
        "plant in Brisbane."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Australia")


def test_the_state_a_sentence_opens_with_receives_what_was_handed_over(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("In Estonia, the K9 howitzers from the first contract have all been handed over.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Estonia")


def test_the_peshmerga_are_a_recipient_of_their_own(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("In 2016 Italy flew 1,000 Beretta rifles to the Kurdish Peshmerga in northern Iraq.")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Italy", "Peshmerga")


def test_an_entry_parsed_as_an_apposition_stays_in_the_list(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Coast guards found 2,000 rifles, 40,000 rounds of ammunition and 12 mortars that were being sent "
        "from Iran to the Houthis."
    )
    items = {e["roles"]["item"] for e in events_of(record, "transfer")}
    assert items == {"rifles", "rounds", "mortars"}


def test_a_partner_state_named_before_a_consortium_product_sells_it(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Italy is negotiating the sale of 24 Eurofighter Typhoons to Qatar, a deal Germany opposed for years."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Italy", "Qatar")


def test_a_systems_name_before_a_long_generic_phrase_names_the_item(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "LIG Nex1 signed a contract on Monday to supply Egypt with four batteries of the Cheongung-II "
        "medium-range air defence system."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Egypt")
    assert "Cheongung" in event["roles"]["item"] and event["roles"]["quantity"] == 4


def test_a_states_own_system_handed_on_is_supplied_by_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Slovakia's own S-300 battery, handed to Ukraine in April 2022, was replaced by Patriots."
    )
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Slovakia", "Ukraine")
    # the maker's state named as the owner of what is picked is its seller, not its buyer
    (event,) = events_of(extract("For shorter ranges Estonia picked Norway's NASAMS."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Norway", "Estonia")


def test_a_contingent_received_by_a_mission_is_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("UNIFIL received a new contingent of 300 Malaysian soldiers on Tuesday.")
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Malaysia", "Lebanon")
    assert events_of(record, "meeting") == []
    # fighter jets received are arms, not forces
    record = extract("Brazil has been receiving Swedish-designed Gripen E fighters since 2020.")
    assert events_of(record, "deployment") == [] and events_of(record, "transfer")


def test_a_makers_transcript_line_speaks_for_the_maker(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Saab Q3 2025 Earnings Call Transcript\n\n"
        "Company participants: Kim Ji-won, Head of Sales\n\n"
        "Kim Ji-won (Sales): We signed a contract with the Thai Ministry of Defence in the quarter for two "
        "Gripen E fighters.\n"
    )
    (event,) = events_of(extract(text, "2025-10-28"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Sweden", "Thailand")
    assert [a["source"] for a in event["attributions"]] == ["Kim Ji-won"]


def test_a_system_in_service_and_sold_to_unnamed_buyers_tells_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Syria received 40 Kirpi vehicles from Turkey on Tuesday.\n\n"
        "The Kirpi has been used by the Turkish Armed Forces since 2010 and has been exported to several "
        "countries in Africa."
    )
    record = extract(text, "2026-01-21")
    (event,) = events_of(record, "transfer")  # only the day's delivery: no export to the story's state
    assert (event["roles"]["recipient"], event["roles"]["quantity"]) == ("Syria", 40)
    assert events_of(record, "combat_use") == []  # in service since 2010 is no fight
    # buyers named beside the unnamed ones are buyers still
    record = extract(
        "Australia has given 22 Guardian-class patrol boats to twelve Pacific island countries and "
        "Timor-Leste."
    )
    assert {e["roles"]["recipient"] for e in events_of(record, "transfer")} == {"East Timor"}


def test_a_states_warships_or_aircraft_arriving_abroad_are_its_forces(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Three Russian warships arrived in Havana on Wednesday for a five-day visit.": ("Russia", "Cuba"),
        "Two Chinese navy ships docked in Colombo on Monday.": ("China", "Sri Lanka"),
        "Two US B-52 bombers landed in Indonesia on Tuesday.": ("United States", "Indonesia"),
        "Eighteen Dutch F-16s flew to Romania in November.": ("Netherlands", "Romania"),
        "Four Spanish Eurofighters arrived at an air base in Lithuania.": ("Spain", "Lithuania"),
    }
    for text, sides in cases.items():
        record = extract(text, "2025-06-01")
        (event,) = events_of(record, "deployment")
        assert (event["roles"]["sender"], event["roles"]["destination"]) == sides, text
        assert events_of(record, "transfer") == [], text
    # a sale told with the arrival, another state's fleet joined, a civilian ship: no forces abroad
    record = extract("The first two Chinese frigates ordered by Pakistan arrived in Karachi.", "2025-06-01")
    assert events_of(record, "deployment") == [] and events_of(record, "transfer")
    record = extract("The fourth German frigate joins Egypt's fleet.", "2025-06-01")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Egypt")
    assert (
        events_of(extract("A Pakistani cargo ship docked in Chittagong.", "2025-06-01"), "deployment") == []
    )
    # jets flying out of a base with no destination said are not read as sent somewhere
    record = extract("Two US F-16s from Aviano in Italy flew low over Sarajevo on Tuesday.", "2025-06-01")
    assert events_of(record, "deployment") == []


def test_a_military_base_the_gazetteer_knows_places_forces_in_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Norway has about 60 soldiers at Camp Lemonnier.": ("Norway", "Djibouti"),
        "The US Navy bases four destroyers at Rota.": ("United States", "Spain"),
        # the place may hang on the last of the forces listed
        "Italy keeps two frigates and a tanker aircraft at Souda Bay.": ("Italy", "Greece"),
        "Denmark has 120 soldiers and two helicopters in Mali.": ("Denmark", "Mali"),
    }
    assert_one_event_each(extract, "deployment", cases)
    # a state's own base is no deployment abroad
    assert events_of(extract("Poland has 32 F-16s at Krzesiny."), "deployment") == []


def test_equipment_handed_to_police_and_border_forces_is_a_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Japanese embassy handed over 20 pick-up trucks and 80 handheld radios to the Nepal Police on "
        "Friday.",
        "2025-06-01",
    )
    got = {
        (e["roles"]["supplier"], e["roles"]["recipient"], e["roles"]["quantity"])
        for e in events_of(record, "transfer")
    }
    assert got == {("Japan", "Nepal", 20), ("Japan", "Nepal", 80)}
    # a recipient's office folded into a double object is no part of the item, nor its count a model number
    cases = {
        "Japan's National Police Agency gave Laos's Ministry of Public Security 30 patrol cars in May.": (
            "Japan",
            "Laos",
            30,
        ),
        "Turkey gave Somalia's interior ministry 60 patrol cars in May.": ("Turkey", "Somalia", 60),
    }
    for text, (supplier, recipient, count) in cases.items():
        (event,) = events_of(extract(text, "2025-06-01"), "transfer")
        roles = event["roles"]
        assert (roles["supplier"], roles["recipient"], roles["item"], roles["quantity"]) == (
            supplier,
            recipient,
            "patrol cars",
            count,
        ), text


def test_each_seller_of_a_coordinated_from_list_sells(extract) -> None:  # type: ignore[no-untyped-def]
    def sellers(text: str) -> set[str]:
        return {e["roles"]["supplier"] for e in events_of(extract(text, "2025-06-01"), "transfer")}

    assert sellers("Ecuador bought Kfir fighters from Israel and Colombia in 2010.") == {"Israel", "Colombia"}
    # an entry of its own with its own seller
    assert sellers("Morocco plans to buy 10 used F-16s from Belgium and another 8 from Norway.") == {
        "Belgium",
        "Norway",
    }
    # alternatives are no sellers, nor are the states a buyer deals with in general
    assert sellers("Ecuador could buy patrol boats from Spain or Italy next year.") == {"Spain"}
    assert sellers(
        "Kenya buys from Turkey, Israel and India, and last year signed for six Otokar Arma vehicles."
    ) == {"Turkey"}


def test_a_person_named_with_a_state_after_the_name_is_of_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    # a namesake of another state's office holder (the gazetteer's Pedro Sánchez is Spain's)
    for text in (
        "The ministers, Ana Torres of Peru and Pedro Sánchez of Colombia, signed a border security "
        "agreement.",
        "The agreement was signed by the ministers Ana Torres, of Peru, and Pedro Sánchez, of Colombia.",
    ):
        (event,) = events_of(extract(text), "agreement")
        assert set(event["roles"]["parties"]) == {"Peru", "Colombia"}, text


def test_the_one_blamed_or_thanked_for_a_sale_made_it(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Russia criticised Turkey for selling drones to Ukraine.": ("Turkey", "Ukraine"),
        "Beijing thanked Pakistan for supplying drones to Sudan.": ("Pakistan", "Sudan"),
        # Chinese state media's name for Taiwan's government
        "Chinese experts slammed the DPP authorities for handing over four patrol launches to Belize.": (
            "Taiwan",
            "Belize",
        ),
    }
    assert_one_event_each(extract, "transfer", cases)


def test_forces_sent_to_their_own_border_are_no_deployment_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Senegal has sent about 300 more soldiers to its border with Mali to protect trucks heading to "
        "Bamako.",
        "Kenya sent 400 soldiers to the Somali border.",
    ):
        assert events_of(extract(text), "deployment") == [], text
    # another state's border is that state's, and a place the forces' task names is where they go
    (event,) = events_of(extract("Egypt sent a brigade to Sudan's northern border with Libya."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Egypt", "Sudan")
    # "Guinean" alone is Guinea's (Guinea-Bissau's and Equatorial Guinea's people are named apart)
    (event,) = events_of(extract("About 400 Guinean soldiers have been deployed in Mali."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Guinea", "Mali")


def test_warships_of_a_states_forces_visiting_abroad_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Two ships of the Russian Northern Fleet arrived in Bergen on Wednesday for a three-day visit.": (
            "Russia",
            "Norway",
        ),
        "Four jets of the Royal Saudi Air Force landed in Karachi on Sunday.": ("Saudi Arabia", "Pakistan"),
        "The PLA Navy training ship Qi Jiguang arrived at Port Louis on Monday for a friendly visit.": (
            "China",
            "Mauritius",
        ),
        "The patrol ship LÉ James Joyce tied up at Bordeaux on Monday for a courtesy visit.": (
            "Ireland",
            "France",
        ),
    }
    assert_one_event_each(extract, "deployment", cases, "2025-11-20")
    # a jet crossing into another state's airspace is an intrusion, not forces sent there
    record = extract("A Chadian Air Force jet crossed into Sudanese airspace on Friday.", "2025-11-20")
    assert events_of(record, "deployment") == []


def test_a_joint_patrol_or_training_forces_held_is_an_exercise(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "The Bangladeshi and Indian navies completed their 12th coordinated patrol in the Bay of Bengal.",
        "Ghanaian and Togolese navy boats on Tuesday resumed joint patrols off the coast.",
    ):
        (event,) = events_of(extract(text, "2025-06-01"), "exercise")
        assert len(event["roles"]["participants"]) == 2, text
    # a joint patrol agreed on or discussed is no exercise held
    for text in (
        "The two defence ministers discussed joint patrols along the border.",
        "The two army chiefs signed a memorandum on joint patrols.",
    ):
        assert events_of(extract(text, "2025-06-01"), "exercise") == [], text


def test_a_services_own_ship_handed_on_is_a_transfer_not_its_forces(extract) -> None:  # type: ignore[no-untyped-def]
    for text, pair in (
        # named as the service's former ships: the service's state hands them on
        (
            "Two former Royal Navy minehunters were transferred to Ukraine last year.",
            ("United Kingdom", "Ukraine"),
        ),
        # named with the prefix of the navy they went to (the boats and each named one)
        (
            "Two patrol boats, KNS Shujaa and KNS Jasiri, were transferred by Italy to Kenya in 2019.",
            ("Italy", "Kenya"),
        ),
    ):
        record = extract(text)
        transfers = events_of(record, "transfer")
        assert transfers and {(e["roles"]["supplier"], e["roles"]["recipient"]) for e in transfers} == {
            pair
        }, text
        assert events_of(record, "deployment") == [], text
    # a service's ships that only arrive abroad are still its forces there
    (deployment,) = events_of(extract("Two US Navy destroyers arrived in Rota on Monday."), "deployment")
    assert deployment["roles"]["sender"] == "United States"
    assert events_of(extract("Two US Navy destroyers arrived in Rota on Monday."), "transfer") == []


def test_weapons_lent_to_a_state_change_hands(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Seoul agreed to lend 300,000 artillery shells to Washington.": ("South Korea", "United States"),
            "Norway lent four CV90 vehicles to Lithuania for a year.": ("Norway", "Lithuania"),
        },
    )
    # money lent is a financing, as before
    record = extract("The World Bank lent Kenya $50 million last year for roads.")
    assert events_of(record, "transfer") == []


def test_a_state_telling_of_a_strike_with_its_own_weapon_used_it(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            (
                "Iran's army spokesman said Mohajer-6 drones had destroyed two rebel depots near the border."
            ): "Iran",
            (
                "A Russian state news agency claimed that a Lancet drone had destroyed a howitzer "
                "near Kherson."
            ): "Russia",
            (
                "Pakistan's military spokesman said JF-17 fighters had destroyed a radar at an air base."
            ): "Pakistan",
        },
    )
    # a maker telling of its own weapon's strike is no user of it
    record = extract("Baykar said that TB2 drones had destroyed two rebel convoys.")
    assert all(e["roles"].get("user") != "Turkey" for e in events_of(record, "combat_use"))


def test_a_warship_shooting_something_down_is_its_navys_use(extract) -> None:  # type: ignore[no-untyped-def]
    text = "HMS Richmond shot down two drones over the Red Sea with Sea Ceptor missiles, the ministry said."
    (event,) = events_of(extract(text), "combat_use")
    assert event["roles"]["user"] == "United Kingdom"
    assert event["roles"]["item"] != "HMS Richmond"  # the missile it fired, not the ship
    assert event["roles"]["target"] == "drones"


def test_the_maker_after_ship_names_in_apposition_supplies_them(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Nigerian Navy commissioned two corvettes, Kano and Lokoja, built by Turkey's Dearsan shipyard."
    )
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Turkey", "Nigeria")


def test_a_weapon_word_opening_a_hyphenated_modifier_is_no_item(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("Britain handed over 12 mine-protected vehicles to Kenya on Tuesday."), "transfer"
    )
    assert event["roles"]["item"] == "mine-protected vehicles"
    assert event["roles"]["item_category"] == "armoured_vehicle"
    # the word alone is still the item
    (event,) = events_of(
        extract("Britain handed over 12,000 anti-tank mines to Ukraine on Tuesday."), "transfer"
    )
    assert event["roles"]["item_category"] == "ammunition"


def test_the_force_a_strike_is_by_used_the_weapon(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            (
                "A drone strike by Benin's army killed at least 17 civilians at a cattle market on Sunday."
            ): "Benin",
            (
                "A drone strike by the Nigerian air force killed 12 people at a market in Zamfara on Sunday."
            ): "Nigeria",
        },
        "2025-06-01",
    )


def test_officials_of_two_states_at_a_signing_met(extract) -> None:  # type: ignore[no-untyped-def]
    for text, states in (
        (
            "The contract was signed in Warsaw in the presence of Polish Defence Minister Wladyslaw "
            "Kosiniak-Kamysz and his Norwegian counterpart Tore Sandvik.",
            {"Poland", "Norway"},
        ),
        (
            "The memorandum was witnessed by Indonesian Defence Minister Sjafrie Sjamsoeddin and Turkish "
            "Defence Minister Yasar Guler.",
            {"Indonesia", "Turkey"},
        ),
    ):
        (event,) = events_of(extract(text, "2025-06-01"), "meeting")
        assert set(event["roles"]["participants"]) == states, text
    for text in (
        "Russia's military presence in Syria has shrunk since December.",
        "The contract was signed in Warsaw in the presence of journalists.",
        "Residents witnessed the strike on the market from their roofs.",
    ):
        assert events_of(extract(text, "2025-06-01"), "meeting") == [], text


def test_batteries_counted_after_a_system_is_named_are_more_of_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United Arab Emirates ordered the Cheongung II air defence system from South Korea in 2022. "
        "Saudi Arabia followed in February 2024, ordering ten batteries for $3.2 billion."
    )
    by_recipient = {e["roles"]["recipient"]: e for e in events_of(extract(text), "transfer")}
    assert (
        by_recipient["Saudi Arabia"]["roles"]["item"] == by_recipient["United Arab Emirates"]["roles"]["item"]
    )
    assert by_recipient["Saudi Arabia"]["roles"]["supplier"] == "South Korea"
    # after a system of another kind, batteries stay batteries
    text = "Chile ordered six F-16 fighters from the US in 2022. Peru followed, ordering ten batteries."
    assert all(
        e["roles"]["item"] != "F-16"
        for e in events_of(extract(text), "transfer")
        if e["roles"].get("recipient") == "Peru"
    )


def test_a_systems_short_name_before_a_surface_to_air_system_names_it(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Armenia ordered the Akash surface-to-air system in 2023."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("India", "Armenia")
    assert event["roles"]["item_category"] == "air_defence"


def test_a_formation_of_a_states_forces_arriving_abroad_is_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "The first of two German Patriot air defence fire units arrived at Rzeszow in Poland on Friday": (
                "Germany",
                "Poland",
            ),
            "Two Dutch F-35 detachments arrived in Estonia on Monday.": ("Netherlands", "Estonia"),
        },
    )
    # a system handed over is still sold, whatever it is counted in
    (event,) = events_of(extract("Germany delivered two IRIS-T fire units to Ukraine last year."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Germany", "Ukraine")


def test_forces_and_ships_sent_to_open_sea_are_sold_to_no_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Poland ordered 96 Apache helicopters from the United States in 2024. Since mid-August, the Pentagon "
        "has sent eight warships, a nuclear-powered submarine and more than 4,000 Marines and sailors to the "
        "southern Caribbean. The U.S. nuclear-powered aircraft carrier George Washington entered Pusan port "
        "on Sunday with a strike group."
    )
    record = extract(text, "2025-09-01")
    # the warships, the submarine and the carrier (at a port the text ties to no state) are sold to no one
    assert [e["roles"]["item"] for e in events_of(record, "transfer")] == ["AH-64 Apache"]
    (deployment,) = events_of(record, "deployment")
    assert deployment["roles"]["sender"] == "United States"


def test_forces_sent_along_with_a_weapon_make_it_a_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    text = "France has sent a Fennec helicopter to Benin, along with about 35 soldiers."
    record = extract(text)
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("France", "Benin")
    assert events_of(record, "transfer") == []
    # what goes along with weapons handed over is more of the sale
    record = extract("Germany sent 20 Leopard tanks to Ukraine together with spare parts.")
    assert events_of(record, "deployment") == [] and events_of(record, "transfer")


def test_crews_named_by_their_air_defence_used_it(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Latvian air defence forces destroyed a drone over Daugavpils, the ministry said.": "Latvia",
        "The Chadian army said its air-defence units shot down a drone near the border on Monday.": "Chad",
    }
    for text, user in cases.items():
        (event,) = events_of(extract(text, "2025-06-01"), "combat_use")
        assert event["roles"]["user"] == user, text
        assert event["roles"]["item"].replace("-", " ") == "air defence", text
    # a unit named by no interceptor downs nothing with a weapon the text names
    assert not events_of(extract("Latvian border forces detained two men near the river."), "combat_use")


def test_a_strike_made_by_a_state_with_no_weapon_named_is_what_was_used(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "The Kenyan military carried out a strike on a militant camp near the border on Tuesday.": "Kenya",
        "Colombia conducted air raids against rebel camps in Guaviare province overnight.": "Colombia",
        "Eleven people were killed on Sunday in a strike by the Malian army near Gao.": "Mali",
    }
    for text, user in cases.items():
        (event,) = events_of(extract(text, "2025-06-01"), "combat_use")
        assert event["roles"]["user"] == user, text
        assert event["roles"]["item"].split()[-1] in ("strike", "raids"), text
    # workers' strikes are no fight
    for text in (
        "Dockworkers staged a strike at the port of Mombasa on Monday.",
        "A strike by nurses closed three hospitals in Nairobi last week.",
    ):
        assert not events_of(extract(text, "2025-06-01"), "combat_use"), text


def test_each_system_named_before_one_noun_is_its_own_use(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("Indian Rafale and Su-30MKI jets struck two airfields in the region on Wednesday.")
    uses = {e["roles"]["item"]: e["roles"]["user"] for e in events_of(record, "combat_use")}
    assert uses == {"Rafale": "India", "Su-30MKI": "India"}
    # a shoot-down is still read once, from what was downed
    record = extract("Ukrainian air defences shot down a Su-34 and a Su-25 over Donetsk on Friday.")
    (use,) = events_of(record, "combat_use")
    assert use["roles"]["item"].endswith("air defences")


def test_demining_machines_handed_over_are_a_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Slovenia donated four remote-controlled demining machines to the armed forces of Montenegro.": (
                "Slovenia",
                "Montenegro",
            ),
            "Japan handed over three mine-clearing vehicles to Cambodia on Monday.": ("Japan", "Cambodia"),
        },
    )


def test_an_items_earlier_user_hands_it_on(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Peru will receive six ex-Danish F-16 fighters next year.": ("Denmark", "Peru"),
            "Ghana is to get two Mi-17 helicopters that previously flew with the Czech air force.": (
                "Czech Republic",
                "Ghana",
            ),
            "Kenya received four C-27J transports which were formerly operated by the Italian Air Force.": (
                "Italy",
                "Kenya",
            ),
        },
    )
    # a later sentence that names no seller retells the same hand-on, not a sale by the maker's state
    text = (
        "Ecuador will receive four NH90 helicopters that previously flew with the Swedish armed forces. "
        "The four NH90 helicopters will be handed over to the Ecuadorian Army after refurbishment."
    )
    pairs = transfer_sides(extract(text))
    assert pairs == {("Sweden", "Ecuador")}
    # a new system with no earlier user is its maker state's sale
    assert_one_event_each(
        extract, "transfer", {"Peru will receive six new F-16 fighters.": ("United States", "Peru")}
    )


def test_the_counterpart_of_an_agreement_for_an_acquisition_sells(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Uruguay concluded an agreement with the Spanish Navy for the acquisition of two patrol boats.": (
                "Spain",
                "Uruguay",
            ),
            "Chile signed a contract with France for the purchase of four Caracal helicopters.": (
                "France",
                "Chile",
            ),
        },
    )


def test_a_purposes_with_is_no_seller(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Finland was weighing a Chunmoo purchase of its own to share training and stocks with Norway."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Finland")


def test_a_gerunds_subject_after_before_is_the_main_clauses(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            (
                "A contingent of 90 Fijian soldiers was farewelled at Queen Elizabeth Barracks on Monday "
                "before departing for Port Vila."
            ): ("Fiji", "Vanuatu"),
        },
    )


def test_the_day_a_period_runs_until_does_not_date_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defence Minister Kabwe officially opened the joint exercise between Malawi and Zambia on Monday. "
        "The exercise, which will run until May 22, has brought together about 700 troops."
    )
    (event,) = events_of(extract(text, "2026-05-12"), "exercise")
    assert event["date"]["start"] == "2026-05-11"


def test_the_ministry_is_the_one_its_paragraph_named(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Latvia's defence ministry denied a report that Riga had sent its RBS 70 systems to Ukraine. "
        "The ministry has donated mortars, Javelins and ammunition to Kyiv."
    )
    sides = transfer_sides(extract(text))
    assert sides == {("Latvia", "Ukraine")}
    # named in another paragraph, the ministry is no longer that one
    text = "Latvia's defence ministry denied the report.\n\nThe ministry has donated Javelins to Kyiv."
    sides = transfer_sides(extract(text))
    assert ("Latvia", "Ukraine") not in sides


def test_a_subhead_takes_no_missing_side_from_the_items_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "1) VILNIUS: Boxer order\n\nLithuania signed a contract on Monday for 30 more Boxer vehicles from "
        "Germany's ARTEC.\n\n2) OSLO: Second NASAMS batch\n\nNorway has delivered a second NASAMS battery to "
        "Ukraine, the defence ministry said."
    )
    sides = transfer_sides(extract(text))
    assert sides == {("Germany", "Lithuania"), ("Norway", "Ukraine")}


def test_a_clash_with_an_armed_group_of_the_horn_names_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Djiboutian soldiers clashed with FRUD-armé rebels near Obock on Saturday, the army said."
    (event,) = events_of(extract(text), "clash")
    assert set(event["roles"]["parties"]) == {"Djibouti", "FRUD-armé"}


def test_people_of_an_armed_service_are_forces(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {"New Zealand Defence Force engineers were flown to Nuku'alofa on Monday.": ("New Zealand", "Tonga")},
    )
    # engineers of no armed service are no forces
    assert not events_of(extract("New Zealand engineers were flown to Nuku'alofa on Monday."), "deployment")


def test_forces_told_somewhere_for_a_time_are_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "An Indian army training team has been in Maputo since 2023.": ("India", "Mozambique"),
            "About 400 Turkish soldiers are currently in Somalia.": ("Turkey", "Somalia"),
        },
    )
    # "be" with no time told is no presence
    for text in (
        "Turkish soldiers were in the room when the president spoke.",
        "Turkish troops are in a hurry.",
    ):
        assert not events_of(extract(text), "deployment"), text


def test_a_body_led_by_a_state_acts_for_it(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            "The Saudi-led coalition launched air strikes on Hodeidah on Sunday.": "Saudi Arabia",
            "A French-led force carried out airstrikes on militant camps near Menaka.": "France",
        },
    )
    (event,) = events_of(
        extract("The Saudi-led coalition launched air strikes on Hodeidah on Sunday."), "combat_use"
    )
    assert event["roles"]["target"] == "Hodeidah"  # the city struck, not its state


def test_an_air_force_shooting_something_down_used_its_aircraft(extract) -> None:  # type: ignore[no-untyped-def]
    for text, user in {
        "Egypt's air force intercepted three drones over Sinai on Friday.": "Egypt",
        "The Royal Moroccan Air Force shot down a drone near the border.": "Morocco",
    }.items():
        (event,) = events_of(extract(text), "combat_use")
        assert event["roles"]["user"] == user and "Air Force" in event["roles"]["item"].title(), text


def test_a_maker_buying_from_abroad_buys_for_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Rheinmetall bought 40 ex-Dutch Leopard 1A5s from a Dutch dealer last year.": (
                "Netherlands",
                "Germany",
            )
        },
    )
    # an order a maker received comes from its buyer
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Saab has received an order from the Latvian defence ministry for Carl-Gustaf rifles.": (
                "Sweden",
                "Latvia",
            )
        },
    )


def test_the_two_navies_are_the_two_states_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Egypt and Greece signed a maritime cooperation plan in 2024. The two navies held the latest edition "
        "of their joint naval exercise off Crete in March."
    )
    (event,) = events_of(extract(text), "exercise")
    assert set(event["roles"]["participants"]) == {"Egypt", "Greece"}
    # "the two" names no pair when a state is named with it
    text = "Egypt and Greece signed a plan. The two Egyptian navies held an exercise off Alexandria in March."
    for event in events_of(extract(text), "exercise"):
        assert "Greece" not in event["roles"]["participants"]


def test_what_took_part_in_a_strike_was_used(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            "An analyst said Egyptian Rafale jets had taken part in the raid on the convoy.": "Egypt",
            "Turkish F-16s participated in the strikes on Kurdish positions, the ministry said.": "Turkey",
        },
    )
    # what took part in a parade struck nothing
    assert not events_of(extract("Turkish F-16s took part in the parade in Ankara."), "combat_use")


def test_a_ministry_named_by_its_state_after_of_denies_for_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Riga, 14 August (LETA). The Ministry of Defence of the Republic of Latvia has stated that reports "
        "about the alleged handover of helicopters to the Ukrainian side do not correspond to reality.\n\n"
        '"The helicopters have not been transferred to any state," the press service of the ministry said.'
    )
    (event,) = events_of(extract(text, "2025-08-14"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Latvia", "Ukraine")


def test_forces_with_a_force_abroad_are_deployed_where_it_serves(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Portugal has some 30 soldiers with the NATO multinational brigade in Romania.": (
            "Portugal",
            "Romania",
        ),
        "Ghana has about 850 troops with the UN peacekeeping force in South Sudan.": ("Ghana", "South Sudan"),
        # a mission the gazetteer knows stands for the state it serves in
        "Nepal has 870 soldiers with UNIFIL, the army said.": ("Nepal", "Lebanon"),
        "The Fijian contingent of about 170 soldiers will remain with the UN force in southern Lebanon.": (
            "Fiji",
            "Lebanon",
        ),
    }
    assert_one_event_each(extract, "deployment", cases)
    # soldiers at home with a brigade of their own army are no deployment
    assert not events_of(
        extract("Portugal has some 3,000 soldiers with its rapid reaction brigade."), "deployment"
    )


def test_a_warship_leaving_its_home_port_for_abroad_is_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "The Malaysian frigate KD Lekiu left Lumut for Lebanon on Monday, where it will join UNIFIL.": (
            "Malaysia",
            "Lebanon",
        ),
        "The patrol ship HMS Mersey left Portsmouth for Gibraltar last week.": (
            "United Kingdom",
            "Gibraltar",
        ),
    }
    assert_one_event_each(extract, "deployment", cases)
    # a ship leaving a yard for its buyer is a delivery, not its navy's forces abroad
    assert not events_of(
        extract("The second Gowind corvette built by Naval Group left Lorient for Egypt in May."),
        "deployment",
    )


def test_a_seller_named_by_its_state_and_an_unknown_name_is_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Gabon's navy has taken delivery of a second patrol vessel from France's Guillou.": (
                "France",
                "Gabon",
            ),
            "Benin bought two fast patrol boats from Norway's Hansen last year.": ("Norway", "Benin"),
        },
    )


def test_a_strike_delivered_with_weapons_is_their_use_not_a_delivery(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Overnight, the Russian armed forces delivered a massive strike with long-range weapons, including "
        "Kalibr cruise missiles, on energy facilities in Ukraine, the ministry said."
    )
    record = extract(text, "2025-03-01")
    assert not events_of(record, "transfer")
    (event,) = events_of(record, "combat_use")
    assert event["roles"]["user"] == "Russia" and "Kalibr" in event["roles"]["item"]
    # a delivery of the weapons themselves is still one
    (event,) = events_of(extract("Russia delivered Kalibr cruise missiles to Algeria in 2021."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Russia", "Algeria")


def test_a_us_state_after_its_town_is_no_country(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lockheed Martin Aeronautics, Marietta, Georgia, won a contract to supply two C-130J aircraft to "
        "Bahrain, the Pentagon said."
    )
    record = extract(text)
    assert "Georgia" not in {e["name"] for e in record["entities"]}
    # the country after its capital, or in a list of states, is still the country
    record = extract("Tbilisi, Georgia: Georgia, Armenia and Azerbaijan held talks on border security.")
    assert "Georgia" in {e["name"] for e in record["entities"]}


def test_a_contract_announcement_sells_to_the_government_it_names(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            # the award's contract headed by "action"
            "Bell Textron Inc., Fort Worth, Texas, is awarded a $52,000,000 undefinitized contract action "
            "for eight AH-1Z attack helicopters for the government of Bahrain.": ("United States", "Bahrain"),
            # a modification procuring for a government, with no buyer as its subject
            "This modification procures four P-8A Poseidon aircraft, spares and support equipment for the "
            "government of Norway under the Foreign Military Sales program.": ("United States", "Norway"),
        },
    )
    # a modification of a contract for services sells nothing
    record = extract("Boeing is awarded a $12,000,000 contract action for software maintenance for the Navy.")
    assert not events_of(record, "transfer")


def test_a_deal_missing_a_side_does_not_take_it_from_an_earlier_section(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Show news\n\n"
        "Kenya signed for two C-27J transports from Leonardo on Monday, the ministry said.\n\n"
        "Also on the flightline\n\n"
        "Russia's Su-57 returned to the static display for a second show.\n"
    )
    record = extract(text, "2025-11-19")
    assert transfer_sides(record) == {("Italy", "Kenya")}
    # within one section the deal before still lends its buyer
    text = (
        "Kenya signed for two C-27J transports from Leonardo on Monday, the ministry said. The first "
        "aircraft will be delivered by Leonardo in 2027.\n"
    )
    assert ("Italy", "Kenya") in transfer_sides(extract(text, "2025-11-19"))


def test_foreign_troops_are_not_the_speakers_own(extract) -> None:  # type: ignore[no-untyped-def]
    for event in events_of(
        extract("The Kenyan army has denied that any foreign troops are deployed in Lamu county."),
        "deployment",
    ):
        assert event["roles"].get("sender") != "Kenya"
    # the speaker's own instructors are still its state's
    (event,) = events_of(extract("The Kenyan army said that 25 instructors left for Somalia."), "deployment")
    assert event["roles"]["sender"] == "Kenya"


def test_weapons_described_as_used_by_a_force_are_no_combat_use(extract) -> None:  # type: ignore[no-untyped-def]
    text = "UN experts said the Pantsir-S1 systems used by the Houthis were supplied by Iran."
    assert not events_of(extract(text), "combat_use")
    # used by a force in an attack, or against someone, is a use
    for text in (
        "The drones used by Russia in the attack on Odesa were Iranian Shaheds, officials said.",
        "The TB2 drones used by Ethiopian forces against the rebels came from Turkey.",
    ):
        assert events_of(extract(text), "combat_use"), text


def test_unmanned_ground_vehicles_are_items(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Latvia's army received eight unmanned ground vehicles made by Estonia's Milrem Robotics.": (
                "Estonia",
                "Latvia",
            ),
            "Kenya bought four UGVs from Israel last year.": ("Israel", "Kenya"),
        },
    )


def test_a_familys_bare_name_is_the_model_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Peru is buying 20 used Leopard 1A5 tanks from Belgium. The package also includes two Leopard "
        "recovery vehicles and spare parts."
    )
    record = extract(text, "2025-05-02")
    items = {e["roles"]["item"] for e in events_of(record, "transfer")}
    assert items and not any("Leopard 2" in item for item in items), items
    assert transfer_sides(record) == {("Belgium", "Peru")}
    # or the one model the article names, after it
    text = "Peru bought 20 Leopard tanks from Belgium this week. They are of the Leopard 1A5 model."
    items = {e["roles"]["item"] for e in events_of(extract(text, "2025-05-02"), "transfer")}
    assert items and not any("Leopard 2" in item for item in items), items
    # alone, the bare name keeps the catalog's reading
    (event,) = events_of(extract("Poland bought Leopard tanks from Germany in 2002."), "transfer")
    assert event["roles"]["item"] == "Leopard 2"


def test_calling_on_a_titled_minister_is_a_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Indian High Commissioner later called on State Minister of Defence Premitha Bandara Tennakoon "
        "in Colombo."
    )
    (event,) = events_of(extract(text, "2023-06-01"), "meeting")
    assert set(event["roles"]["participants"]) == {"India", "Sri Lanka"}
    # calling on someone to act is no meeting
    text = "The Indian High Commissioner called on Sri Lanka to release the fishermen."
    assert not events_of(extract(text, "2023-06-01"), "meeting")


def test_of_two_makers_in_a_contract_the_items_maker_sells(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Hindustan Aeronautics Limited signed a contract with GE Aerospace for 40 F414 engines.": (
                "United States",
                "India",
            ),
        },
    )


def test_ships_ordered_to_a_sea_are_deployed_not_bought(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Spain's defence minister ordered two navy frigates to the eastern Mediterranean on Tuesday."
    record = extract(text, "2024-03-01")
    assert not events_of(record, "transfer")
    (event,) = events_of(record, "deployment")
    assert event["roles"]["sender"] == "Spain"
    # jets ordered from a seller are bought
    (event,) = events_of(extract("Peru ordered 24 Gripen jets from Sweden in May."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Sweden", "Peru")


def test_forces_at_a_known_base_written_with_its_kind_are_in_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = "About 2,500 US troops are based at Al Udeid air base, the largest US military site in the region."
    (event,) = events_of(extract(text, "2025-09-10"), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("United States", "Qatar")
    # a state's own aircraft at a base at home are no deployment
    text = (
        "Kuwait's Typhoons, the first of which arrived in December 2021, are based at Ali Al Salem air base."
    )
    assert not events_of(extract(text, "2024-06-01"), "deployment")


def test_an_unknown_unit_of_a_known_force_is_that_force(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "The Helicopter Squadron of the Army of Montenegro received two light helicopters built by the "
            "Italian firm Leonardo on Friday.": ("Italy", "Montenegro"),
            "The Coastal Flotilla of the Royal Thai Navy took delivery of three patrol boats made by the "
            "South Korean yard Hanwha Ocean.": ("South Korea", "Thailand"),
        },
    )


def test_a_timeline_entry_is_dated_by_its_leading_date(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Key dates\n\n"
        "* March 2019 - Slovakia signs a contract for 14 F-16 Block 70 jets with the United States.\n"
        "* July 2024 - The first two F-16s are delivered to Slovakia.\n"
    )
    dates = {e["date"]["start"] for e in extract(text, "2025-01-15")["events"] if e.get("date")}
    assert "2019-03" in dates, dates
    # a place line's date is the report's day, not the event's
    text = "BRATISLAVA, March 4 - Slovakia signed a contract for 14 F-16 jets with the United States in 2018."
    (event,) = events_of(extract(text, "2019-03-04"), "transfer")
    assert event["date"]["start"] == "2018"


def test_whose_items_were_delivered_to_another_gave_them(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Belarus's Polonez launchers were delivered to Armenia last spring.": ("Belarus", "Armenia"),
            "Turkey's armed drones were handed over to Niger in 2023.": ("Turkey", "Niger"),
        },
    )
    # whose they are is the receiver when another gave them
    (event,) = events_of(extract("Kenya's patrol boats were supplied by Spain."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Spain", "Kenya")


def test_an_order_a_maker_received_is_its_sale(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Nexter has received an order from Belgium for 24 Caesar howitzers worth 62 million euros."
    (event,) = events_of(extract(text, "2024-03-01"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "France",
        "Belgium",
        "order",
    )
    # an order the buyer places, and a delivery received, keep the buyer as subject
    (event,) = events_of(extract("Belgium placed an order with Nexter for 24 Caesar howitzers."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("France", "Belgium")
    (event,) = events_of(extract("Belgium received 24 Caesar howitzers from France."), "transfer")
    assert (event["roles"]["recipient"], event["status"]) == ("Belgium", "delivery")


def test_a_verb_the_parse_hangs_on_its_subject_keeps_that_subject(extract) -> None:  # type: ignore[no-untyped-def]
    # a sentence whose only verb the parser reads as a participle on the noun before it
    text = "Jordan's army chief signed in Ankara for 18 Kirpi armoured vehicles from Turkey."
    (event,) = events_of(extract(text, "2024-05-01"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Turkey", "Jordan")


def test_more_of_the_same_items_in_a_joined_clause_are_their_own_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Poland gave 14 used T-72 tanks to Ukraine in 2022, and the Czech Republic handed over 20 more in "
        "2023."
    )
    events = events_of(extract(text, "2024-01-10"), "transfer")
    sides = {(e["roles"]["supplier"], e["roles"]["recipient"], e["roles"].get("quantity")) for e in events}
    assert sides == {("Poland", "Ukraine", 14), ("Czech Republic", "Ukraine", 20)}, sides
    # its own receiver when it names one
    text = "Israel sold four radars to Azerbaijan in 2019 and delivered two more to Morocco in 2021."
    events = events_of(extract(text, "2024-01-10"), "transfer")
    assert ("Israel", "Morocco", 2) in {
        (e["roles"]["supplier"], e["roles"]["recipient"], e["roles"].get("quantity")) for e in events
    }
    assert ("Israel", "Azerbaijan", 2) not in {
        (e["roles"]["supplier"], e["roles"]["recipient"], e["roles"].get("quantity")) for e in events
    }


def test_money_said_of_the_object_in_an_apposition_is_no_payment(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Egyptian Navy received its first FREMM frigate from Italy in 2020, the first of two ships in a "
        "$1.2 billion package."
    )
    record = extract(text, "2024-01-10")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Italy", "Egypt")
    assert not events_of(record, "financing")
    # a sum said again in an apposition is still the money received
    text = "Ghana received 400 million cedis ($33 million) from the World Bank for its army."
    assert events_of(extract(text, "2024-01-10"), "financing")


def test_sensors_and_radios_are_items(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Indonesia's air force signed a contract with France's Airbus for two observation satellites.": (
                "France",
                "Indonesia",
            ),
            "Canada donated 300 tactical radios to the Latvian army.": ("Canada", "Latvia"),
            "Italy handed over six drone jammers to Tunisia.": ("Italy", "Tunisia"),
        },
    )
    # pictures taken from a satellite are no item
    text = "Satellite images showed Iranian drones at the airport in Khartoum."
    assert not events_of(extract(text), "transfer")


def test_a_warship_entering_a_sea_is_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "The Dutch frigate HNLMS Tromp entered the Red Sea on Tuesday.": ("Netherlands", "Red Sea"),
            "Two Spanish minehunters entered the Baltic Sea on Monday.": ("Spain", "Baltic Sea"),
        },
    )
    # jets entering another state's airspace are no deployment
    assert not events_of(extract("Two Russian Su-27 jets entered Finnish airspace on Friday."), "deployment")


def test_a_package_whose_clause_lists_arms_is_a_sale(extract) -> None:  # type: ignore[no-untyped-def]
    text = "In May Washington approved a possible $3 billion package for Greece that included 20 F-35 jets."
    record = extract(text, "2024-06-01")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "United States",
        "Greece",
        "offer",
    )
    assert not events_of(record, "financing")
    # a package of money is still financing
    text = "In May Washington approved a $300 million aid package for Greece."
    assert events_of(extract(text, "2024-06-01"), "financing")


def test_the_two_alone_name_the_pair(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil's defence minister José Múcio hosted his Argentine counterpart Luis Petri in Brasília on "
        "Monday. The two signed a plan on joint border patrols."
    )
    (event,) = events_of(extract(text, "2024-06-01"), "agreement")
    assert set(event["roles"]["parties"]) == {"Brazil", "Argentina"}


def test_a_model_number_after_a_family_name_names_the_model(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Greece received 15 Mirage 2000EG fighters from France in 1988."
    (event,) = events_of(extract(text, "2024-06-01"), "transfer")
    assert event["roles"]["item"] == "Mirage 2000EG"
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("France", "Greece")
    # a count after the name is no model number
    text = "Greece received Mirage jets from France, 15 in all, in 1988."
    (event,) = events_of(extract(text, "2024-06-01"), "transfer")
    assert event["roles"]["item"] == "Mirage"


def test_a_systems_own_first_name_with_words_of_its_kind_is_that_system(extract) -> None:  # type: ignore[no-untyped-def]
    # "Swathi" read by the parser as a person's name
    text = "Yerevan bought five Swathi weapon-locating radars for $50 million in 2022."
    (event,) = events_of(extract(text, "2024-06-01"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("India", "Armenia")
    assert event["roles"].get("maker") == "BEL"
    # a version after the word, or words of another kind, are no such name
    text = "Pakistan will get Block 70 jets from the United States."
    (event,) = events_of(extract(text, "2024-06-01"), "transfer")
    assert event["roles"].get("maker") is None


def test_an_approved_sale_valued_at_a_sum_is_no_financing(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The possible sale of 40 Stryker vehicles to Bulgaria, valued at $1.5 billion, was approved by the "
        "State Department in March."
    )
    record = extract(text, "2024-06-01")
    assert events_of(record, "transfer")
    assert not events_of(record, "financing")


def test_none_delivered_and_a_deal_that_stalled_add_no_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Algeria ordered 14 Su-57 jets from Russia in 2021, but the deal stalled under the threat of French "
        "objections, and none has been delivered."
    )
    events = events_of(extract(text, "2024-06-01"), "transfer")
    assert {(e["roles"]["supplier"], e["roles"]["recipient"], e["status"]) for e in events} == {
        ("Russia", "Algeria", "order")
    }


def test_a_third_state_clearing_a_re_export_is_no_side(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Romania signed in May to buy 18 used F-16s from Norway for about $450 million, after Washington "
        "cleared the re-export."
    )
    events = events_of(extract(text, "2024-06-01"), "transfer")
    assert {(e["roles"]["supplier"], e["roles"]["recipient"]) for e in events} == {("Norway", "Romania")}


def test_arms_flown_or_smuggled_into_a_place_go_to_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "A Chinese Y-20 had flown parts of HQ-9 air defence systems into Belgrade.": ("China", "Serbia"),
            "Iran smuggled anti-tank missiles into Sudan by sea.": ("Iran", "Sudan"),
        },
    )
    # a service's own system flown in is deployed, not sold
    text = "A US Army HIMARS launcher that was flown into Lithuania for the exercise will stay there."
    assert not events_of(extract(text, "2024-06-01"), "transfer")


def test_discussing_a_list_of_topics_with_someone_is_a_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Belgian Defence Minister Theo Francken discussed the air-policing rotation and F-16 spare parts "
        "with Polish Defence Minister Wladyslaw Kosiniak-Kamysz in Warsaw on Monday."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "meeting")
    assert {"Belgium", "Poland"} <= set(event["roles"]["participants"])


def test_an_envoy_posted_to_a_state_meets_its_officials(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On Tuesday, Norway's ambassador in Nairobi, Kari Nordby, met the Principal Secretary for Defence, "
        "Patrick Mariru, at the ministry in Hurlingham."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "meeting")
    assert set(event["roles"]["participants"]) == {"Norway", "Kenya"}


def test_a_loan_approved_from_a_lender_goes_to_the_approver(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Zambia's parliament approved a $75 million loan from China's Exim Bank to buy two transport "
        "aircraft.": ("China", "Zambia"),
        "Senegal's cabinet approved a 40 million euro credit line from Spain for coastal patrol boats.": (
            "Spain",
            "Senegal",
        ),
        "Paraguay's Congress authorised a $90 million loan from Brazil to buy armoured vehicles.": (
            "Brazil",
            "Paraguay",
        ),
    }
    # a state approving money of its own still gives it
    cases["The Dutch parliament approved 200 million euros of military aid for Moldova."] = (
        "Netherlands",
        "Moldova",
    )
    assert_one_event_each(extract, "financing", cases, "2025-06-01")


def test_a_navy_ship_arriving_at_a_home_port_is_no_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Indonesian Navy's new frigate KRI Brawijaya arrived at Surabaya on Monday after a voyage from "
        "Italy."
    )
    assert not events_of(extract(text, "2025-06-01"), "deployment")
    # a warship arriving in another state's port still is
    text = "The Indonesian Navy's frigate KRI Brawijaya arrived in Darwin on Monday for a port visit."
    (event,) = events_of(extract(text, "2025-06-01"), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Indonesia", "Australia")


def test_a_deal_listing_its_items_names_its_sides_in_many_ways(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        # the deal's possessor gives to the one it is for
        "Canada's latest package for Ukraine includes armoured vehicles, sniper rifles and 80,000 drones.": (
            "Canada",
            "Ukraine",
        ),
        # who announced the package in a relative clause's head
        "Sweden unveiled a package for Ukraine that contains armoured vehicles, sniper rifles and "
        "80,000 drones.": ("Sweden", "Ukraine"),
        # the package told in the sentence before, named by "it" or by its noun again
        "Denmark pledged a new package to Ukraine on Tuesday. It includes armoured vehicles, sniper rifles "
        "and 80,000 drones.": ("Denmark", "Ukraine"),
        "Finland announced an aid package for Ukraine worth 90 million euros. The package includes armoured "
        "vehicles, sniper rifles and 80,000 drones.": ("Finland", "Ukraine"),
    }
    for text, pair in cases.items():
        events = events_of(extract(text, "2025-06-01"), "transfer")
        assert {(e["roles"]["supplier"], e["roles"]["recipient"]) for e in events} == {pair}, text
        assert len(events) == 3, text
    # approvals told before, their items after, a participle "covering" them
    text = (
        "The State Department approved arms sales to Poland on Friday. The approvals cover 96 AH-64E "
        "Apache helicopters and 500 AIM-120 AMRAAM missiles."
    )
    assert {"AH-64E Apache Guardian", "AIM-120 AMRAAM"} <= set(transfers_by_item(extract(text, "2025-06-01")))
    text = (
        "The United States approved arms sales to Estonia covering six HIMARS launchers and 50 Javelin "
        "missiles."
    )
    assert transfer_sides(extract(text, "2025-06-01")) == {("United States", "Estonia")}
    # what a contract told before covers are its parts, no deals of their own; nor are weapons and spare parts
    text = (
        "Greece signed a contract for 20 F-35A fighters with the United States. It covers the jets, AIM-9X "
        "missiles, training and logistics."
    )
    assert set(transfers_by_item(extract(text, "2025-06-01"))) == {"F-35A"}
    text = (
        "The vans are among the 40 that Japan delivered to Sri Lanka in 2022 under a $20 million package "
        "that included weapons, spare parts and driver training."
    )
    assert not {"weapons", "spare parts"} & set(transfers_by_item(extract(text, "2025-06-01")))


def test_an_elided_count_of_the_same_system_is_its_own_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Chile bought 12 Hawk trainers from Britain in 2020 and Peru ordered eight in 2023."
    events = events_of(extract(text, "2025-06-01"), "transfer")
    assert {(e["roles"]["recipient"], e["roles"].get("quantity")) for e in events} == {
        ("Chile", 12),
        ("Peru", 8),
    }
    text = (
        "Sweden took delivery of the first of its four C-390s in 2024, and Norway's air force received the "
        "first of three in 2025."
    )
    events = events_of(extract(text, "2025-06-01"), "transfer")
    assert {(e["roles"]["recipient"], e["roles"].get("quantity")) for e in events} == {
        ("Sweden", 4),
        ("Norway", 3),
    }
    # a year is no count
    text = "Chile bought 12 Hawk trainers from Britain in 2020 and Peru ordered more in 2023."
    assert all(e["roles"].get("quantity") != 2023 for e in events_of(extract(text, "2025-06-01"), "transfer"))


def test_a_later_deal_followed_by_another_system(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Israel delivered Heron drones to Azerbaijan in 2011, followed by Hermes 900 drones in 2017."
    events = transfers_by_item(extract(text, "2025-06-01"))
    assert set(events) == {"IAI Heron", "Hermes 900"}
    assert {e["roles"]["recipient"] for e in events.values()} == {"Azerbaijan"}
    assert events["Hermes 900"]["date"]["start"] == "2017"


def test_arms_sent_with_instructors_are_handed_over(extract) -> None:  # type: ignore[no-untyped-def]
    text = "China sent military advisers to Mali in March, along with an air defence system."
    assert transfer_sides(extract(text, "2025-06-01")) == {("China", "Mali")}
    text = "Turkey sent 40 instructors and two TB2 drones to Somalia."
    assert transfer_sides(extract(text, "2025-06-01")) == {("Turkey", "Somalia")}
    # systems sent with troops are the troops' own
    text = "Germany sent 200 soldiers to Lithuania along with Patriot batteries."
    assert not events_of(extract(text, "2025-06-01"), "transfer")


def test_strikes_carried_out_by_a_weapon_are_its_use(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            "Turkish drones carried out strikes on PKK positions in northern Iraq.": "Turkey",
            "Strikes were carried out by Russian jets on rebel positions in Idlib.": "Russia",
        },
        "2025-06-01",
    )


def test_a_relative_clause_with_its_own_subject_on_the_item(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Researchers traced pistols that Austria's Glock delivered to Iraq in 2008."
    (event,) = events_of(extract(text, "2025-06-01"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Austria", "Iraq")


def test_a_summit_hosted_by_two_leaders_is_their_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministers met at a summit in Abu Dhabi on 4 March, hosted by Emirati President Mohamed bin "
        "Zayed and Indian Prime Minister Narendra Modi."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "meeting")
    assert {"United Arab Emirates", "India"} <= set(event["roles"]["participants"])
    text = "The summit in Nairobi, hosted by Kenya and attended by Ethiopia and Somalia, ended on Friday."
    (event,) = events_of(extract(text, "2025-06-01"), "meeting")
    assert set(event["roles"]["participants"]) == {"Kenya", "Ethiopia", "Somalia"}


def test_one_of_its_systems_given_on_is_the_same_system(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Slovakia has received three of the five NASAMS batteries it bought from Norway in 2021, and handed "
        "one of them to Ukraine in May 2024."
    )
    sides = transfer_sides(extract(text, "2025-06-01"))
    assert sides == {("Norway", "Slovakia"), ("Slovakia", "Ukraine")}


def test_a_ship_built_at_a_foreign_yard_and_commissioned_is_delivered(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Thai Navy commissioned HTMS Bhumibol, a frigate built at South Korea's Okpo shipyard, in June."
    )
    assert transfer_sides(extract(text, "2025-06-01")) == {("South Korea", "Thailand")}


def test_a_base_or_post_set_up_abroad_is_a_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Eritrea set up a military post inside Djibouti in June.": ("Eritrea", "Djibouti"),
            "India opened a naval base in Mauritius in 2024.": ("India", "Mauritius"),
            "Rwandan soldiers set up camp on Goma's outskirts, in the Democratic Republic of the Congo.": (
                "Rwanda",
                "Democratic Republic of the Congo",
            ),
        },
        "2025-06-01",
    )
    # a camp for others, a post held by a person: no forces abroad
    for text in ("The UN set up a camp for refugees in Chad.", "She took up her post in Kenya in May."):
        assert not events_of(extract(text, "2025-06-01"), "deployment"), text


def test_an_agreement_signed_on_behalf_of_states_has_them_and_not_its_own_word_as_parties(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Namibia and Botswana today signed a Memorandum of Understanding (MoU) on defence cooperation in "
        "Windhoek. The MoU was signed on behalf of Namibia by the Executive Director, Mr. Petrus Hangula, "
        "and on behalf of Botswana by the Permanent Secretary, Mr. Kabo Mothibi. Under the MoU, officers of "
        "each country will attend courses at the other's academies."
    )
    events = events_of(extract(text, "2025-06-01"), "agreement")
    assert events
    assert all({"Namibia", "Botswana"} <= set(e["roles"]["parties"]) for e in events)
    assert all("MoU" not in e["roles"]["parties"] for e in events)


def test_our_inside_the_speakers_own_phrase_is_read_once(extract) -> None:  # type: ignore[no-untyped-def]
    # "Our sailors tell us": the speaker of "our" is the phrase holding it; this had recursed without end
    text = (
        '"Every month we hear about smugglers landing on our beaches. Our sailors tell us they do not have '
        'enough patrol boats. And now we are selling patrol boats to Grenada?" the opposition MP said.'
    )
    assert extract(text, "2025-06-01")["doc"]["id"]
    text = "Dominica received a grant from St Vincent for its coast guard worth EC$1 million."
    (event,) = events_of(extract(text, "2025-06-01"), "financing")
    assert event["roles"]["provider"] == "Saint Vincent and the Grenadines"


def test_the_yemeni_agency_saba_is_no_island_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "MARIB, Oct. 3 (Saba) - The armed forces repelled an attack by Houthi fighters on a position near "
        "Sirwah on Friday, a military source said.\n\n(Saba)"
    )
    record = extract(text, "2025-10-03")
    assert "Caribbean Netherlands" not in str(record)


def test_a_loan_used_to_pay_goes_to_the_payer_from_its_lender(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Romania will pay for the howitzers with a $1 billion loan from a consortium led by the "
        "Export-Import Bank of Korea.": ("South Korea", "Romania"),
        "Latvia will fund the purchase with a 150 million euro loan from the European Investment Bank.": (
            "European Investment Bank",
            "Latvia",
        ),
        # the loan signed tells the sides; its purpose clause ("to finance ...") adds no reversed financing
        "Vietnam has signed a $300 million loan agreement with the Export-Import Bank of Korea to finance "
        "most of its purchase of 20 K9 howitzers.": ("South Korea", "Vietnam"),
    }
    assert_one_event_each(extract, "financing", cases, "2025-06-01")


def test_a_deal_noun_is_dated_by_its_own_relative_clause(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The defence cooperation agreement that Namibia signed with Botswana last month will send officers "
        "to a country whose army was accused of abuses in 2019, activists said."
    )
    (event,) = events_of(extract(text, "2026-05-21"), "agreement")
    assert event["date"]["start"] == "2026-04"
    # its own date unread ("last week"), another clause's year does not date it
    (event,) = events_of(extract(text.replace("last month", "last week"), "2026-05-21"), "agreement")
    assert (event.get("date") or {}).get("start") != "2019"
    # a relative clause on another noun still does not date what is to come
    text = "The funding will cover the patrol boats Australia gifted to Fiji in 2023."
    assert all(
        (e.get("date") or {}).get("start") != "2023"
        for e in events_of(extract(text, "2026-05-21"), "financing")
    )


def test_a_force_named_with_its_country_word_leaves_the_country_a_side(extract) -> None:  # type: ignore[no-untyped-def]
    # a body whose name carries the country word is read by that word; its abbreviation names it too
    cases = {
        "The government agreed to sell two C-295 aircraft of the Portuguese Air Force to Uruguay.": (
            "Portugal",
            "Uruguay",
        ),
        "The RBDF handed over two patrol craft to Antigua and Barbuda on Friday.": (
            "Bahamas",
            "Antigua and Barbuda",
        ),
        "The TTDF donated two interceptor boats to Grenada.": ("Trinidad and Tobago", "Grenada"),
    }
    for text, pair in cases.items():
        assert transfer_sides(extract(text, "2025-06-01")) == {pair}, text


def test_an_agreement_signed_between_two_states_has_them_as_its_parties(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Spain on Friday criticised a clause of the fisheries protection agreement signed between Morocco "
        "and Mauritania."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "agreement")
    assert set(event["roles"]["parties"]) == {"Morocco", "Mauritania"}


def test_the_body_an_item_belongs_to_sells_it(extract) -> None:  # type: ignore[no-untyped-def]
    # "of the Icelandic Coast Guard": the state whose body had it sells it, not the maker's state
    text = "The ministry will donate the two Dash 8 aircraft of the Icelandic Coast Guard to Malta."
    assert transfer_sides(extract(text, "2025-06-01")) == {("Iceland", "Malta")}


def test_water_cannon_or_ramming_between_ships_is_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Chinese coast guard ships fired water cannon at a Philippine fisheries vessel near Whitsun Reef on "
        "Monday.": {"China", "Philippines"},
        "A Chinese coast guard cutter rammed a Vietnamese supply boat near Mischief Reef on Monday, the "
        "Vietnamese navy said.": {"China", "Vietnam"},
        # the vessel of no named state is the story's: the state that reports it, not the doer's own
        "The Philippine Coast Guard said China Coast Guard ships fired water cannon at a Bureau of Fisheries "
        "and Aquatic Resources vessel near Sabina Shoal on April 22.": {"China", "Philippines"},
    }
    for text, parties in cases.items():
        (event,) = events_of(extract(text, "2025-06-04"), "clash")
        assert set(event["roles"]["parties"]) == parties, text
        assert event["roles"].get("location") in ("Whitsun Reef", "Mischief Reef", "Sabina Shoal"), text
    # in a story about another state, the vessel of no named state is the reporting state's
    text = (
        "Indonesia's foreign minister met Wang Yi in Beijing on Monday, and Jakarta signed for J-10 fighters "
        "from China.\n\nThe Philippine Coast Guard said that on Sunday a Chinese coast guard ship rammed and "
        "fired water cannon at the patrol vessel BRP Cape Engaño near Sabina Shoal."
    )
    (event,) = events_of(extract(text, "2025-06-04"), "clash")
    assert set(event["roles"]["parties"]) == {"China", "Philippines"}
    # police on protesters, warning shots and a missile fired are no clash of two states' ships
    for text in (
        "Riot police fired water cannon at protesters outside the parliament in Manila.",
        "Russian patrol ships fired warning shots at the British destroyer, the Russian ministry said.",
        "Lorries rammed the gate of the port in Manila.",
    ):
        assert not events_of(extract(text, "2025-06-04"), "clash"), text


def test_the_government_of_a_datelined_story_is_the_datelines_state(extract) -> None:  # type: ignore[no-untyped-def]
    # "the government", with no state to go by but the one it sells to: the place line's (in capitals too)
    cases = {
        "NASSAU, Bahamas (Reuters) - The government has agreed to sell two retired patrol boats to "
        "Antigua and Barbuda, the minister said on Tuesday.": ("Bahamas", "Antigua and Barbuda"),
        "VILNIUS -- The government has agreed to sell two retired patrol boats to Latvia.": (
            "Lithuania",
            "Latvia",
        ),
        "V7AB NEWS -- MAJURO\n\nThe government agreed to sell the retired patrol boat Lomor to Kiribati.": (
            "Marshall Islands",
            "Kiribati",
        ),
    }
    for text, pair in cases.items():
        assert transfer_sides(extract(text, "2025-06-04")) == {pair}, text
    # with no place line and no other state, "the government" is still no one
    text = "The government has agreed to sell two retired patrol boats to Latvia."
    assert not transfer_sides(extract(text, "2025-06-04"))


def test_a_list_whose_to_phrase_hangs_on_its_last_entry_gives_every_entry_the_receiver(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The US Embassy handed over 120 night-vision goggles, 40 hand-held radios and two mine-detection "
        "kits to the Ghana Armed Forces last month."
    )
    by_item = transfers_by_item(extract(text, "2025-06-04"))
    assert set(by_item) == {"night-vision goggles", "hand-held radios", "mine-detection kits"}
    assert {(e["roles"]["supplier"], e["roles"]["recipient"]) for e in by_item.values()} == {
        ("United States", "Ghana")
    }
    # each entry with its own receiver keeps it
    sides = transfer_sides(extract("Germany sold 20 howitzers to Poland and 40 tanks to Romania.", "2025-06"))
    assert ("Germany", "Poland") in sides and ("Germany", "Romania") in sides


def test_a_state_reacting_to_an_agreement_is_no_party_to_it(extract) -> None:  # type: ignore[no-untyped-def]
    for after in (
        "Canberra welcomed the agreement.",
        "A spokeswoman said Australia had been consulted on the agreement and supported it.",
        "Fiji criticised the agreement on Friday.",
    ):
        text = "Samoa and Tuvalu signed a maritime security agreement on Thursday. " + after
        (event,) = events_of(extract(text, "2025-06-04"), "agreement")
        assert set(event["roles"]["parties"]) == {"Samoa", "Tuvalu"}, after
    # states that sign a pledge to back it sign (the pledge is told as an agreement of theirs)
    text = "There, the US, Egypt, Qatar and Turkey signed a document pledging to back the agreement."
    (event,) = events_of(extract(text, "2025-06-04"), "agreement")
    assert set(event["roles"]["parties"]) == {"United States", "Egypt", "Qatar", "Turkey"}
    # a party's own act on it is still the agreement's: "Tuvalu ratified the agreement"
    text = "Samoa and Tuvalu signed a security agreement in May. Tuvalu's parliament ratified the agreement."
    assert any(
        e["status"] == "ratified" and "Tuvalu" in e["roles"]["parties"]
        for e in events_of(extract(text, "2025-06-04"), "agreement")
    )


def test_plain_names_of_systems_and_a_makers_local_arm(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Finland ordered 64 Hornets from the United States in 1992.": ("F/A-18 Hornet", "United States"),
        # a Korean maker's Australian subsidiary sells for Korea, as its plant is Korean-owned
        "Australia's army ordered 129 Redbacks from Hanwha Defense Australia in December 2023.": (
            "AS21 Redback",
            "South Korea",
        ),
    }
    for text, (system, supplier) in cases.items():
        (event,) = events_of(extract(text, "2025-06-04"), "transfer")
        assert (event["roles"]["item"], event["roles"]["supplier"]) == (system, supplier), text
    # a variant's designation and its system's plain name side by side are one item
    text = (
        "Malaysia has been negotiating since 2022 to acquire the Kuwaiti air force's used F/A-18C/D Hornets."
    )
    assert len(events_of(extract(text, "2025-06-04"), "transfer")) == 1


def test_money_worth_a_sum_granted_is_a_financing(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "financing",
        {
            "Algeria will grant financial support worth 10 million dollars to the armed forces of Gabon.": (
                "Algeria",
                "Gabon",
            )
        },
        "2025-06-04",
    )


def test_deliveries_set_for_later_in_a_with_phrase_are_the_deals_timetable(extract) -> None:  # type: ignore[no-untyped-def]
    for tail in (", with deliveries set to begin in 2026.", ", with delivery due by 2027.", "."):
        text = "Malaysia signed for 18 FA-50 Block 20 jets in 2023 in a deal worth about $920 million" + tail
        (event,) = events_of(extract(text, "2025-06-04"), "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
            "South Korea",
            "Malaysia",
            "order",
        ), tail
    # a delivery told in a "with" phrase as done is still one
    text = "Chile bought two frigates from Britain in 2020, with the delivery of the first in 2023."
    assert ("United Kingdom", "Chile") in transfer_sides(extract(text, "2025-06-04"))


def test_a_briefing_transcripts_labelled_speaker_and_its_questions(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "DEPUTY PRESS SECRETARY DANA WHITLOCK: Good afternoon. Yesterday, Secretary of Defense Lloyd "
        "Austin hosted Philippine Secretary of National Defense Gilberto Teodoro here at the Pentagon.\n\n"
        "Q: Sir, a website reported that Indonesia has signed a deal for BrahMos missiles from India. Can "
        "you confirm it?\n\n"
        "Official Spokesperson, Shri Anand Prakash: India gifted a Dornier 228 maritime reconnaissance "
        "aircraft to Sri Lanka in August 2022.\n"
    )
    record = extract(text, "2025-06-04")
    (meeting,) = events_of(record, "meeting")
    assert [a["source"] for a in meeting["attributions"]] == ["Dana Whitlock"]
    by_item = transfers_by_item(record)
    # the question's label and the one it addresses are no source; its "confirm" confirms nothing
    brahmos = by_item["BrahMos"]
    assert {a["source"] for a in brahmos["attributions"]} == {"website"}
    assert all(a["stance"] == "claimed" for a in brahmos["attributions"])
    (dornier,) = [e for item, e in by_item.items() if "Dornier" in item]
    assert [a["source"] for a in dornier["attributions"]] == ["Anand Prakash"]
    # a question's label parsed as the subject leaves the speaker after its colon
    text = (
        "Q (Southern Wire Agency): The Philippine Coast Guard said that on Sunday a Chinese coast guard ship "
        "rammed a Philippine patrol vessel near Sabina Shoal. What's China's response?"
    )
    (clash,) = events_of(extract(text, "2025-06-04"), "clash")
    assert [a["source"] for a in clash["attributions"]] == ["Philippine Coast Guard"]
    # a label of no title names no one ("Related Stories:"), and a shouted sentence is still read as one
    record = extract(
        "Related Stories: Kenya bought 12 Hurkus trainer aircraft from Turkey in 2022.", "2025-06-04"
    )
    assert all(a["source"] is None for e in events_of(record, "transfer") for a in e["attributions"])


def test_a_spokespersons_line_calling_the_report_untrue_denies_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Ministry spokesperson Tang Xiaolin held the regular press conference on Tuesday.\n\n"
        "Q (Harbour Wire): The Pamir Courier reported last week that China has stationed troops at a new "
        "outpost in Tajikistan. Can you confirm?\n\n"
        "TANG XIAOLIN: I have seen the report. China has no facility there. This report is not true.\n"
    )
    (event,) = events_of(extract(text, "2025-06-04"), "deployment")
    assert ("Tang Xiaolin", "denied") in {(a["source"], a["stance"]) for a in event["attributions"]}
    assert ("The Pamir Courier", "claimed") in {(a["source"], a["stance"]) for a in event["attributions"]}
    # said outside a speaker's line, by no one, it denies nothing
    text = (
        "The Pamir Courier reported last week that China has stationed troops at a new outpost in "
        "Tajikistan. This report is not true, a reader wrote in a letter."
    )
    (event,) = events_of(extract(text, "2025-06-04"), "deployment")
    assert all(a["stance"] != "denied" for a in event["attributions"])


def test_a_body_of_no_place_is_no_deployments_destination(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Nepal has sent more than 150,000 peacekeepers to the United Nations since 1958.",
        "Uganda has sent thousands of troops to the African Union over two decades.",
    ):
        assert not events_of(extract(text, "2025-06-04"), "deployment"), text
    # the place named with the mission, or the state a mission serves in, is where they went
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Ghana deployed 870 troops to the UN mission in Lebanon in May.": ("Ghana", "Lebanon"),
            "Uganda sent about 1,400 soldiers to the African Union force in Somalia last month.": (
                "Uganda",
                "Somalia",
            ),
        },
        "2025-06-04",
    )


def test_an_aid_package_including_arms_lists_each_as_a_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    for text, (items, recipient) in {
        "The Pentagon announced a new $300 million military aid package for Ghana, including Javelin "
        "missiles and Stinger missiles.": ({"Javelin", "Stinger"}, "Ghana"),
        "Washington announced a package for Georgia including 155mm rounds and Javelin missiles.": (
            {"155mm rounds", "Javelin"},
            "Georgia",
        ),
        "The State Department unveiled a new package of military aid for Estonia, including Stinger "
        "missiles.": ({"Stinger"}, "Estonia"),
        "Britain will send a new aid package to Kyiv, including 14 Challenger 2 tanks.": (
            {"Challenger 2"},
            "Ukraine",
        ),
    }.items():
        by_item = transfers_by_item(extract(text, "2025-06-04"))
        assert set(by_item) == items, text
        assert {e["roles"]["recipient"] for e in by_item.values()} == {recipient}, text
    # arms given as a vague class are told by what they included, wherever the parser hangs the phrase
    by_item = transfers_by_item(
        extract(
            "Russia supplied weapons to Mali in 2022, including Mi-24 helicopters and Su-24 jets.", "2025-06"
        )
    )
    assert set(by_item) == {"Mi-24", "Su-24"}
    assert {e["roles"]["recipient"] for e in by_item.values()} == {"Mali"}
    # but "including" on equipment that is no deal names its parts, not more deals
    record = extract(
        "Turkey delivered 30 pieces of engineering equipment to Somalia, including bulldozers.", "2025-06"
    )
    assert set(transfers_by_item(record)) == {"engineering equipment"}


def test_a_consortium_product_takes_the_partner_company_the_article_names(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Hartwell spent thirty years selling aircraft for BAE Systems in the Gulf.\n\n"
        "He began as a junior engineer and retired in 2012.\n\n"
        "Kuwait ordered 28 Eurofighter Typhoons in 2016, and the first arrived in 2021."
    )
    (event,) = events_of(extract(text, "2025-03-01"), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("United Kingdom", "Kuwait")
    text = (
        "British Aerospace won the deal after a long campaign.\n\n"
        "Saudi Arabia ordered 48 Tornados and 30 Hawk jet trainers in 1985."
    )
    by_item = transfers_by_item(extract(text, "2025-03-01"))
    assert {item: e["roles"]["supplier"] for item, e in by_item.items()} == {
        "Panavia Tornado": "United Kingdom",
        "BAE Hawk": "United Kingdom",
    }
    # a partner company in the paragraph itself still comes first
    text = "BAE Systems has a plant in Warton.\n\nKuwait ordered 28 Typhoons from Italy's Leonardo in 2016."
    (event,) = events_of(extract(text, "2025-03-01"), "transfer")
    assert event["roles"]["supplier"] == "Italy"


def test_a_counted_phrase_with_a_name_of_its_own_is_not_the_system_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Oman ordered 12 Typhoons from Britain in 2012.\n\n"
        "Embraer delivered six Tucano turboprop trainers to Ghana in 2013.\n\n"
        "Brazil's Embraer supplied three ERJ-145 jets to India in 2008."
    )
    items = {e["roles"]["item"] for e in events_of(extract(text, "2025-03-01"), "transfer")}
    assert "Eurofighter Typhoon" in items
    assert {"Tucano turboprop trainers", "ERJ-145 jets"} <= items, items
    # a bare counted plural with no name and no seller is still more of the system just named
    text = "The K9 howitzer is built by Hanwha. Norway signed for 24 howitzers in 2017."
    (event,) = events_of(extract(text, "2025-03-01"), "transfer")
    assert event["roles"]["item"] == "K9 Thunder" and event["roles"]["recipient"] == "Norway"


def test_the_one_supplied_with_arms_in_a_passive_clause_receives_them(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "The RSF have been supplied with guided bombs by the United Arab Emirates.": (
                "United Arab Emirates",
                "Rapid Support Forces",
            ),
            "Nigeria was supplied with 12 helicopters by Russia in 2016.": ("Russia", "Nigeria"),
            "Ecuador has been equipped with six radars by Spain.": ("Spain", "Ecuador"),
        },
        "2025-06-04",
    )


def test_a_participle_describing_a_group_takes_no_side_from_the_rest_of_the_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Rapid Support Forces, the paramilitary group fighting the army, have been supplied with "
        "guided bombs by the United Arab Emirates, according to a report.",
        "2025-06-04",
    )
    assert not any("United Arab Emirates" in e["roles"]["parties"] for e in events_of(record, "clash"))
    # a clash told by its own verb still gathers the sentence's sides
    (clash,) = events_of(
        extract("Sudanese troops clashed with the RSF near El Fasher on Monday.", "2025-06-04"), "clash"
    )
    assert set(clash["roles"]["parties"]) == {"Sudan", "Rapid Support Forces"}


def test_a_rights_group_or_think_tank_reports_what_states_did(extract) -> None:  # type: ignore[no-untyped-def]
    for text, source in {
        "Amnesty International said the United Arab Emirates supplied guided bombs to the RSF in 2024.": (
            "Amnesty International"
        ),
        "Human Rights Watch said Rwanda sent mortars to the M23 rebels last year.": "Human Rights Watch",
        "SIPRI said France delivered 26 Rafale jets to India in 2025.": "SIPRI",
    }.items():
        (event,) = events_of(extract(text, "2025-06-04"), "transfer")
        assert {(a["source"], a["stance"]) for a in event["attributions"]} == {(source, "claimed")}, text
    # a party's own word still confirms
    (event,) = events_of(
        extract("India's defence ministry said it received 26 Rafale jets from France.", "2025-06-04"),
        "transfer",
    )
    assert {a["stance"] for a in event["attributions"]} == {"confirmed"}


def test_a_gerund_in_a_phrase_is_done_by_the_subject_of_its_verb(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "North Korea has received Russian MiG-29 fighter jets in return for sending troops to Russia, South "
        "Korea's spy agency said on Tuesday.",
        "2026-02-10",
    )
    (deployment,) = events_of(record, "deployment")
    assert (deployment["roles"]["sender"], deployment["roles"]["destination"]) == ("North Korea", "Russia")


def test_money_for_work_done_in_a_state_goes_to_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "financing",
        {
            "Liechtenstein will support the clearance of mines and unexploded ordnance in Kosovo with 2.4 "
            "million francs over the next three years.": ("Liechtenstein", "Kosovo"),
            "Japan will help the training of coast guard crews in Vanuatu with 3 million dollars.": (
                "Japan",
                "Vanuatu",
            ),
        },
        "2025-11-28",
    )
    # work named in no state helps no one named
    assert not events_of(
        extract("Norway will support research on drones with 2 million euros.", "2025-11"), "financing"
    )


def test_who_reports_the_money_or_the_years_it_runs_never_receive_it(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Swiss news agency Keystone-SDA reported on Thursday that Liechtenstein would give 2.4 million "
        "Swiss francs over three years, after an agreement signed in Vaduz by the Liechtenstein Foreign "
        "Minister and Kosovo's Minister of Defence.",
        "2025-11-28",
    )
    assert {e["roles"]["beneficiary"] for e in events_of(record, "financing")} == {"Kosovo"}
    record = extract(
        "Liechtenstein signed an agreement with Kosovo on demining on Thursday.\n\n"
        "Under the agreement, Liechtenstein will provide a total of CHF 2.4 million for the years 2026 to "
        "2028.",
        "2025-11-28",
    )
    (financing,) = events_of(record, "financing")
    assert (financing["roles"]["provider"], financing["roles"]["beneficiary"]) == ("Liechtenstein", "Kosovo")


def test_states_that_supplied_arms_together_are_not_each_others_receivers(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Howitzers supplied by France and Italy have been used since May.",
        "Tanks sent by Poland and Germany have arrived in the region.",
    ):
        assert not any(
            {e["roles"]["supplier"], e["roles"]["recipient"]} <= {"France", "Italy", "Poland", "Germany"}
            for e in events_of(extract(text, "2025-08-12"), "transfer")
        ), text
    sides = transfer_sides(
        extract("Howitzers supplied by France and Italy to Ukraine arrived in May.", "2025-08")
    )
    assert sides == {("France", "Ukraine"), ("Italy", "Ukraine")}


def test_members_of_a_named_force_sent_abroad_are_a_deployment(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "About 60 members of Kosovo's security force arrived in southern Albania on Tuesday.": (
                "Kosovo",
                "Albania",
            ),
            "The members of the Kosovo Security Force sent to southern Albania sleep in tents.": (
                "Kosovo",
                "Albania",
            ),
        },
        "2025-08-12",
    )
    assert not events_of(
        extract("Members of parliament were sent to Brussels on Monday.", "2025-08-12"), "deployment"
    )


def test_a_common_noun_named_by_the_company_beside_it_is_that_company(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "The Istanbul shipyard Dearsan has signed a contract with the Ministry of Defence of Turkmenistan "
        "for the construction of two Tuzla-class patrol boats for the Turkmen Naval Forces, the company "
        "announced on Wednesday.",
        "2025-07-23",
    )
    assert transfer_sides(record) == {("Turkey", "Turkmenistan")}


def test_a_counted_phrase_described_otherwise_is_not_the_system_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In Australia, the Commonwealth ordered 12 Arafura-class offshore patrol vessels from Luerssen "
        "Australia in 2018.\n\nBulgaria signed for two multi-purpose modular patrol vessels in 2020."
    )
    assert transfer_sides(extract(text, "2025-10-10")) == {("Germany", "Australia")}
    text = text.replace(
        " in 2020.", " in 2020, to be built by the MTG Dolphin yard in Varna with Lürssen's design."
    )
    by_item = transfers_by_item(extract(text, "2025-10-10"))
    assert by_item["multi-purpose modular patrol vessels"]["roles"]["recipient"] == "Bulgaria"
    # words the system's own name has, or none, still make it more of that system
    text = (
        "The K9 self-propelled howitzer is built by Hanwha. Norway signed for 24 self-propelled howitzers in "
        "2017. Estonia signed for 12 howitzers in 2018."
    )
    assert {
        e["roles"]["recipient"]: e["roles"]["item"] for e in events_of(extract(text, "2025-10"), "transfer")
    } == {
        "Norway": "K9 Thunder",
        "Estonia": "K9 Thunder",
    }


def test_a_purchase_set_in_a_state_is_that_states(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Saudi Arabia bought 40 patrol boats from Germany in 2016.\n\n"
        "In Australia, the army ordered 211 Boxer vehicles from Germany in 2018."
    )
    assert transfer_sides(extract(text, "2025-10")) == {("Germany", "Saudi Arabia"), ("Germany", "Australia")}
    # a state named after the verb is no setting of the clause
    record = extract(
        "Romania ordered 54 Abrams tanks from the United States for units based in Poland.", "2025-10"
    )
    assert transfer_sides(record) == {("United States", "Romania")}


def test_an_aircraft_the_catalog_describes_flies_itself_and_is_no_cargo(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "An Italian Air Force KC-767 flew 31 sick children out of Egypt's El Arish airport to Rome on "
        "Thursday, Defense Minister Guido Crosetto said.",
        "A Spanish Air Force A400M flew 40 tonnes of aid to Jordan on Monday.",
    ):
        assert not events_of(extract(text, "2025-08-11"), "transfer"), text
    # the same aircraft bought, or flown as cargo inside another, are transfers
    assert transfer_sides(extract("Italy ordered four KC-767 tankers from Boeing in 2002.", "2025-08")) == {
        ("United States", "Italy")
    }


def test_the_emirates_and_warheads_are_named_in_a_deal(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("The Emirates bought the AH-4 howitzers from China's Norinco in 2019.", "2025-05-20")
    assert transfer_sides(record) == {("China", "United Arab Emirates")}
    by_item = transfers_by_item(
        extract("Turkey delivered six TB2 drones and 600 warheads to Sudan in 2024.", "2025-05")
    )
    assert by_item["warheads"]["roles"]["quantity"] == 600
    # an airline of that name flown by a passenger is no state
    assert not events_of(
        extract("She flew Emirates from Dubai to London with two rifles.", "2025-05"), "transfer"
    )


def test_a_seized_cargo_is_the_transfer_it_interrupted(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Frigate sailors seized 300 assault rifles destined for the Houthis from Iran off the Omani coast. "
        "The Indian Coast Guard seized rocket parts that officials say were being shipped from Iran to the "
        "Houthis."
    )
    events = events_of(extract(text, "2025-03-05"), "transfer")
    assert events and all(
        (e["roles"]["supplier"], e["roles"]["recipient"]) == ("Iran", "Houthis") for e in events
    )
    assert {e["status"] for e in events} == {"order"}  # stopped on the way: never delivered
    # a seizure naming no addressee tells no transfer, and the seizing side never supplies or receives
    assert not events_of(
        extract("Kenyan police seized 40 rifles at the port of Mombasa on Monday."), "transfer"
    )


def test_an_option_exercised_is_an_order_and_a_letter_of_intent_an_intent(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chile's air force exercised an option for four more C-390 transports from Embraer on Tuesday. "
        "Separately, Peru signed a letter of intent with Hanwha for 30 K9 howitzers."
    )
    by_item = transfers_by_item(extract(text, "2025-03-05"))
    assert by_item["C-390"]["status"] == "order"
    assert (by_item["C-390"]["roles"]["supplier"], by_item["C-390"]["roles"]["recipient"]) == (
        "Brazil",
        "Chile",
    )
    assert by_item["K9 Thunder"]["status"] == "intent"
    # an option weighed or held is no purchase
    weighed = "The army studied other options, among them the M-346 of Leonardo and the T-50 of KAI."
    assert not events_of(extract(weighed), "transfer")


def test_plain_vehicles_handed_to_a_states_forces_are_military_aid(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("India on Friday handed over 25 vehicles and radios to the armed forces of Mozambique.")
    # each item its own transfer: the vehicles, and the radios (plain words too, handed to forces)
    by_item = {e["roles"]["item"]: e for e in events_of(record, "transfer")}
    assert set(by_item) == {"vehicles", "radios"}
    event = by_item["vehicles"]
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("India", "Mozambique")
    assert event["roles"]["quantity"] == 25
    # vehicles sold to anyone else are no arms
    assert not events_of(extract("Toyota sold 40 vehicles to a Kenyan taxi company."), "transfer")


def test_a_place_describing_a_speaker_is_no_party_to_the_agreement(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Belarus and Equatorial Guinea signed a military cooperation agreement in Malabo on Tuesday. "
        "A Lisbon-based analyst said the agreement fit a pattern."
    )
    (event,) = events_of(extract(text, "2025-03-05"), "agreement")
    assert set(event["roles"]["parties"]) == {"Belarus", "Equatorial Guinea"}
    # a state's own body or spokesman speaking of the agreement it signed stays its party
    for text in (
        "Kenya's defence ministry said the agreement with Uganda was signed on Monday.",
        "A Kenyan government spokesman said the agreement with Uganda was signed on Monday.",
    ):
        (pact,) = events_of(extract(text, "2025-03-05"), "agreement")
        assert set(pact["roles"]["parties"]) == {"Kenya", "Uganda"}, text


def test_forces_leaving_home_to_join_a_mission_go_where_it_serves(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "A Zambian battalion of 700 soldiers left Lusaka on Monday to join the UN mission in the Central "
            "African Republic.": ("Zambia", "Central African Republic"),
            "The Indonesian Navy corvette KRI Diponegoro left Surabaya on Friday to join the Maritime Task "
            "Force of the United Nations Interim Force in Lebanon.": ("Indonesia", "Lebanon"),
        },
        "2025-03-05",
    )


def test_a_named_drill_the_tagger_reads_as_a_verb_is_an_exercise(extract) -> None:  # type: ignore[no-untyped-def]
    for text, states in (
        (
            "Egyptian, Saudi and Jordanian warships began the annual Red Wave exercise off Jeddah on Sunday.",
            {"Egypt", "Saudi Arabia", "Jordan"},
        ),
        (
            "The coast guards of Kenya, Tanzania and Mozambique ended their Ocean Guard exercise off Mombasa "
            "on Saturday.",
            {"Kenya", "Tanzania", "Mozambique"},
        ),
    ):
        (event,) = events_of(extract(text), "exercise")
        assert set(event["roles"]["participants"]) == states, text
    # the verb of exercising is no drill
    assert not events_of(
        extract("Both navies should exercise restraint, the Greek minister said."), "exercise"
    )


def test_a_side_killing_anothers_forces_is_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    for text, sides in (
        (
            "Al-Shabaab fighters killed 17 Kenyan soldiers in a raid on a camp near Lamu on Tuesday.",
            {"al-Shabaab", "Kenya"},
        ),
        (
            "The Nigerian army said it had killed 30 Boko Haram fighters near Bama on Sunday.",
            {"Nigeria", "Boko Haram"},
        ),
    ):
        (event,) = events_of(extract(text), "clash")
        assert set(event["roles"]["parties"]) == sides, text
    # no side that killed, or no forces killed: no clash
    for text in (
        "A roadside bomb killed two Malian soldiers near Gao on Monday.",
        "Gunmen killed five farmers in a village in Zamfara state, police said.",
    ):
        assert not events_of(extract(text), "clash"), text


def test_a_warship_entering_a_port_is_sent_there_and_is_no_person(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Italian frigate ITS Virginio Fasan entered the port of Durres on Tuesday for a four-day visit."
    )
    record = extract(text)
    (event,) = events_of(record, "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Italy", "Albania")
    assert not [e for e in record["entities"] if e["type"] == "person"]
    # a ship entering the sea is no port call of a state
    assert not events_of(
        extract("The Russian frigate Admiral Golovko entered the Mediterranean Sea."), "meeting"
    )


def test_a_states_name_on_a_strike_is_its_user(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            "A Russian missile strike on a grain warehouse near Odesa killed three workers, Ukraine's "
            "emergency service said.": "Russia",
        },
    )
    # coordinated jets, each of its own state
    record = extract("Romanian F-16s and Italian Eurofighters shot down two drones over Romania on Friday.")
    users = {e["roles"]["item"]: e["roles"]["user"] for e in events_of(record, "combat_use")}
    assert users == {"F-16": "Romania", "Eurofighter Typhoon": "Italy"}
    # the maker's state on a strike is no user
    record = extract("A Turkish-made drone strike hit a convoy near Mekelle, residents said.")
    assert all(e["roles"]["user"] != "Turkey" for e in events_of(record, "combat_use"))


def test_a_seat_stands_for_the_body_its_sentence_names(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Brussels has allocated 60 million euros to Georgia's army under the European Peace Facility."
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("European Union", "Georgia")
    # the city as the place of a meeting, and the city with no body named, stay the city and its state
    (meeting,) = events_of(
        extract("Umerov met Francken and NATO officials in Brussels on Thursday."), "meeting"
    )
    assert meeting["roles"]["location"] == "Brussels"
    (gift,) = events_of(extract("Brussels has delivered 20 armoured vehicles to Moldova."), "transfer")
    assert gift["roles"]["supplier"] == "Belgium"


def test_talks_with_a_seller_about_buying_name_the_seller(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Peru is in talks with South Korea about acquiring two landing platform docks for its navy."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("South Korea", "Peru")
    assert event["status"] == "intent"
    assert event["roles"]["item_category"] == "ship"
    assert not events_of(extract(text), "financing")
    (vests,) = events_of(extract("Lithuania donated 500 ballistic vests to the Ukrainian army."), "transfer")
    assert (vests["roles"]["supplier"], vests["roles"]["recipient"]) == ("Lithuania", "Ukraine")


def test_an_armed_group_left_unnamed_is_a_side_of_the_clash(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Malian soldiers repelled an attack by an armed group on an army post near Nioro on Thursday, "
        "killing six of its members, the army said."
    )
    (event,) = events_of(extract(text), "clash")
    assert set(event["roles"]["parties"]) == {"armed group", "Mali"}
    # a group of no arms is no side
    assert not events_of(extract("Malian soldiers repelled a group of protesters near Nioro."), "clash")


def test_jets_deployed_with_no_state_named_are_the_speakers(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Spain's ambassador said four Eurofighter jets had been deployed to Romania.": (
                "Spain",
                "Romania",
            ),
        },
    )
    # a state the phrase names may be the maker's: never the speaker's then
    text = "A Syrian Kurdish spokesperson said German tanks had been deployed to Afrin."
    assert all(e["roles"]["sender"] != "Syria" for e in events_of(extract(text), "deployment"))


def test_a_passive_attack_is_a_clash_of_the_attacker_and_the_attacked(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "A Nigerian army base in Borno was attacked by ISWAP fighters on Monday.": {"ISWAP", "Nigeria"},
        "A Burkinabe army convoy was attacked by JNIM fighters near Djibo on Sunday.": {
            "JNIM",
            "Burkina Faso",
        },
    }
    for text, sides in cases.items():
        (event,) = events_of(extract(text), "clash")
        assert set(event["roles"]["parties"]) == sides, text
    # criticism is no attack, and a thing attacked by no armed side tells no clash
    assert not events_of(extract("The Nigerian plan was attacked by critics in parliament."), "clash")


def test_forces_of_an_article_naming_no_state_are_those_of_the_armed_groups_home(extract) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Two members of the ELN died on Friday at dawn in a clash with an Army patrol in the mountains.",
        "On Friday a patrol of the army was attacked by an ELN column near the river.",
    ]
    for text in texts:
        (event,) = events_of(extract(text), "clash")
        assert set(event["roles"]["parties"]) == {"ELN", "Colombia"}, text
    # the Shining Path's last faction is an armed group of Peru
    text = (
        "Three members of the Militarized Communist Party of Peru (MPCP) died in a clash with an army patrol."
    )
    (event,) = events_of(extract(text), "clash")
    assert set(event["roles"]["parties"]) == {"Militarized Communist Party of Peru", "Peru"}


def test_trips_for_talks_are_meetings(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Japan's defence minister was in Manila on Tuesday for talks with his Philippine counterpart.": {
            "Japan",
            "Philippines",
        },
        "The Kenyan army chief flew to Ankara on Monday for talks with Turkey's defence minister.": {
            "Kenya",
            "Turkey",
        },
    }
    for text, sides in cases.items():
        (event,) = events_of(extract(text), "meeting")
        assert sides <= set(event["roles"]["participants"]), text


def test_a_fellow_buyer_is_no_seller(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Latvia ordered IRIS-T SLM air defence systems jointly with Estonia in 2023.",
        "Latvia bought IRIS-T SLM air defence systems together with Estonia in 2023.",
    ):
        deals = transfer_sides(extract(text))
        assert ("Germany", "Latvia") in deals and not any(s == "Estonia" for s, _ in deals), text


def test_the_state_of_a_city_named_after_it_counts_once(pipeline) -> None:  # type: ignore[no-untyped-def]
    # "in Kielce, Poland" names Poland once, as the place's state: the story is still Latvia's
    doc = pipeline.nlp(
        "Latvia's defence minister spoke at a fair in Kielce, Poland, on Tuesday. "
        "The army will get the new missiles next year."
    )
    army = next(t for t in doc if t.text == "army")
    focus = pipeline.extractor.clause.focus_country(army)
    assert focus is not None and focus.name == "Latvia"


def test_a_state_waiting_for_its_own_system_tells_no_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Latvia signed for more Piorun missiles from MESKO on Wednesday. A retired general said the Polish "
        "Armed Forces still have not received all the Pioruns they ordered."
    )
    record = extract(text, "2025-09-05")
    assert all(e["status"] != "delivery" for e in events_of(record, "transfer"))
    assert not [a for e in record["events"] for a in e["attributions"] if a["stance"] == "denied"]


def test_counter_drone_guns_are_items(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(
        extract("Britain has supplied Ukraine with counter-drone gun systems since 2024."), "transfer"
    )
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("United Kingdom", "Ukraine")
    assert event["roles"]["item_category"] == "air_defence"


def test_the_gathering_on_whose_sidelines_talks_are_held_is_no_party(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Mark Carney talks with Ukrainian President Volodymyr Zelensky on the sidelines of "
        "the United Nations General Assembly on Wednesday."
    )
    (event,) = events_of(extract(text), "meeting")
    assert set(event["roles"]["participants"]) == {"Canada", "Ukraine"}


def test_a_states_contingent_in_another_state_is_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "According to the army, the French contingent in Romania numbers about 700 soldiers.": (
                "France",
                "Romania",
            ),
            "The Bangladeshi garrison in the Central African Republic was relieved in May.": (
                "Bangladesh",
                "Central African Republic",
            ),
        },
    )
    # a contingent placed nowhere abroad is no deployment
    assert not events_of(extract("The French contingent is ready for the parade in Paris."), "deployment")


def test_a_subject_after_an_opening_phrase_that_lists_states_is_the_verbs(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "As part of the military partnership between Belgium and Benin, Belgian Defence today handed over "
        "twelve Lynx light multirole vehicles (Iveco LMV) to the Beninese Armed Forces."
    )
    assert transfer_sides(extract(text)) == {("Belgium", "Benin")}


def test_a_capital_before_a_count_is_a_double_objects_recipient(extract) -> None:  # type: ignore[no-untyped-def]
    for text, pair, count in (
        ("Washington gave Kyiv 31 Abrams tanks.", ("United States", "Ukraine"), 31),
        ("Paris sold Athens 24 Rafale jets in 2021.", ("France", "Greece"), 24),
    ):
        (event,) = events_of(extract(text), "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == pair, text
        assert event["roles"].get("quantity") == count, text
    # a model number after a name stays the name's ("Leopard 2")
    (event,) = events_of(extract("Germany sold Hungary 44 Leopard 2 tanks."), "transfer")
    assert event["roles"]["quantity"] == 44


def test_what_neither_did_did_not_happen(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Indonesia and Vietnam held talks on possible purchases, although neither has signed a contract.",
        "Neither country has ordered the jets from France.",
    ):
        assert not events_of(extract(text), "agreement") and not events_of(extract(text), "transfer"), text
    assert events_of(extract("Kenya signed a contract with Italy for six helicopters."), "transfer")


def test_a_request_for_a_system_is_an_intent(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Thailand has requested eight F-35 jets from Washington."), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"], event["status"]) == (
        "United States",
        "Thailand",
        "intent",
    )
    assert not extract("The officer requested anonymity because he was not allowed to speak.")["events"]


def test_an_exchange_of_fire_between_two_forces_is_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "An exchange of fire took place on Saturday between troops of the National Army and members of the "
        "Estado Mayor Central on the road to the village."
    )
    (event,) = events_of(extract(text), "clash")
    assert set(event["roles"]["parties"]) == {"Colombia", "Estado Mayor Central"}
    assert not events_of(extract("The exchange of views between the two ministers was cordial."), "clash")


def test_those_killed_in_a_clash_are_its_other_side(extract) -> None:  # type: ignore[no-untyped-def]
    for text, side in (
        ("Four militants were killed in a clash with the Colombian Army in Cauca.", "Four militants"),
        (
            "Four members of a rebel group were killed on Saturday in a clash with the Colombian Army.",
            "rebel group",
        ),
    ):
        (event,) = events_of(extract(text), "clash")
        assert set(event["roles"]["parties"]) == {"Colombia", side}, text
    assert not events_of(
        extract("Two civilians were killed in a clash between protesters and police."), "clash"
    )


def test_the_two_sides_of_a_numbered_paragraph_are_the_pair_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "1. The Bangladesh delegation was led by General Hassan, and the Pakistan one by General Ali.\n\n"
        "2. The two delegations reviewed the cooperation between their armed forces.\n\n"
        "3. On 25 November, the two sides signed a memorandum of understanding on defence training."
    )
    (event,) = events_of(extract(text, "2025-11-25"), "agreement")
    assert set(event["roles"]["parties"]) == {"Bangladesh", "Pakistan"}


def test_a_dialogue_held_is_a_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The first round of the Bangladesh-Pakistan Defence Dialogue was held in Dhaka on Tuesday."
    (event,) = events_of(extract(text), "meeting")
    assert set(event["roles"]["participants"]) == {"Bangladesh", "Pakistan"}
    assert event["roles"]["location"] == "Dhaka"
    assert not events_of(extract("The UN called for dialogue between Israel and Iran."), "meeting")


def test_a_weapon_used_until_a_year_or_for_decades_was_in_service(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "The howitzers were made in the 1960s, and the Chilean Army used them until 2023.",
        "The Indian Air Force used the MiG-21 for six decades.",
    ):
        assert not events_of(extract(text), "combat_use"), text
    (event,) = events_of(extract("Russia used Iskander missiles against Kharkiv until May."), "combat_use")
    assert event["roles"]["user"] == "Russia"
    # with a place of use, years of use tell a war's use
    text = "In the war Israel sold Guatemala Galil rifles, which the army used for years in the highlands."
    assert events_of(extract(text), "combat_use")


def test_a_state_named_in_the_occasion_of_a_pledge_gets_no_money(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On the fourth anniversary of Russia's full-scale invasion of Ukraine, Iceland will contribute "
        "ISK 1.8 billion to the production of artillery systems for the Armed Forces of Ukraine."
    )
    (event,) = events_of(extract(text, "2026-02-24"), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Iceland", "Ukraine")
    assert event["roles"]["value"]["currency"] == "ISK"


def test_a_ship_exercising_with_another_navys_ship_names_both_states(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In March the Emirati corvette Bani Yas took part in a bilateral exercise with the French Navy's "
        "frigate Languedoc off Abu Dhabi."
    )
    (event,) = events_of(extract(text), "exercise")
    assert set(event["roles"]["participants"]) == {"United Arab Emirates", "France"}
    # a crew no state is named for is of the state the article is about
    text = (
        "Iraq's navy took delivery of two patrol boats. Before the ceremony, the crews took part in a "
        "two-day exercise with the U.S. Coast Guard off Grand Isle."
    )
    (event,) = events_of(extract(text), "exercise")
    assert set(event["roles"]["participants"]) == {"Iraq", "United States"}


def test_of_two_partners_offering_together_the_foreign_one_sells(extract) -> None:  # type: ignore[no-untyped-def]
    for text, pair in (
        ("Damen and Saab offered four submarines to the Royal Netherlands Navy.", ("Sweden", "Netherlands")),
        ("Navantia and Saab offered four submarines to the Spanish Navy.", ("Sweden", "Spain")),
    ):
        assert transfer_sides(extract(text)) == {pair}, text


def test_money_paid_into_a_fund_goes_to_the_state_it_serves(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine needs air defence. Allies fund a scheme that buys American missiles for Ukraine. Germany "
        "paid USD 500 million into the scheme in October."
    )
    (event,) = events_of(extract(text, "2025-11-20"), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Germany", "Ukraine")
    assert event["roles"]["value"]["amount"] == 500_000_000


def test_a_fellow_giver_in_the_next_clause_gets_none_of_the_money(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine's army is short of shells, and a Czech-led initiative buys them abroad for Ukraine. Canada "
        "contributed 40 million Canadian dollars in March, and Denmark sent 1.7 billion Danish crowns in "
        "April."
    )
    funded = {
        e["roles"]["provider"]: e["roles"]["beneficiary"] for e in events_of(extract(text), "financing")
    }
    assert funded.get("Canada") == "Ukraine", funded
    # a state giving tanks in the clause before is no fellow giver of money: it may be the one paid
    text = (
        "Zagreb will give Ukraine 30 of its M-84 tanks, and Germany will contribute 200 million euros "
        "towards the cost of Croatia's new Leopards."
    )
    (event,) = events_of(extract(text), "financing")
    assert (event["roles"]["provider"], event["roles"]["beneficiary"]) == ("Germany", "Croatia")


def test_positions_and_bases_held_inside_another_state_are_deployments(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Israel still holds five hilltop positions inside Lebanon.": ("Israel", "Lebanon"),
            "Turkey maintains dozens of military bases in northern Iraq.": ("Turkey", "Iraq"),
        },
    )
    assert not events_of(extract("The army took up positions near the border."), "deployment")


def test_a_warship_named_after_a_place_makes_a_port_call(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("The German frigate Hessen called at Mumbai in October 2024."), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Germany", "India")


def test_names_and_kinds_of_items_met_in_new_parts(extract) -> None:  # type: ignore[no-untyped-def]
    (craft,) = events_of(
        extract("VT Halter Marine delivered four fast missile craft to Egypt in 2013."), "transfer"
    )
    assert (craft["roles"]["recipient"], craft["roles"]["item_category"]) == ("Egypt", "ship")
    strykers = events_of(extract("The Pentagon sent Kyiv 90 Strykers."), "transfer")
    assert [(e["roles"]["item"], e["roles"]["recipient"]) for e in strykers] == [("M1126 Stryker", "Ukraine")]
    text = "Ha Noi is negotiating the purchase of BrahMos batteries worth about 700 million USD."
    (brahmos,) = events_of(extract(text), "transfer")
    assert (brahmos["roles"]["supplier"], brahmos["roles"]["recipient"]) == ("India", "Vietnam")
    text = "Four members of a dissident group were killed in a clash with the Colombian Army in Cauca."
    (clash,) = events_of(extract(text), "clash")
    assert set(clash["roles"]["parties"]) == {"Colombia", "dissident group"}


def test_a_generic_item_in_apposition_to_a_named_ship_is_that_ship(extract) -> None:  # type: ignore[no-untyped-def]
    text = "India gave Myanmar's navy its only submarine, the Kilo-class UMS Minye Theinkhathu, in 2020."
    (event,) = events_of(extract(text), "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("India", "Myanmar")
    assert event["roles"]["item"] == "Kilo-class submarine"


def test_items_worth_a_sum_are_given_and_money_is_financed(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Japan agreed in November 2023 to provide coastal radars worth ¥600 million to the Philippine Navy.",
        "Japan will provide the Philippine Navy with coastal radars worth ¥600 million.",
    ):
        (event,) = events_of(extract(text), "transfer")
        assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("Japan", "Philippines"), text
        assert event["roles"]["value"]["amount"] == 600_000_000
        assert not events_of(extract(text), "financing"), text
    # money given is still money
    (money,) = events_of(
        extract("The United States provided Ukraine with $40 million in military aid."), "financing"
    )
    assert (money["roles"]["provider"], money["roles"]["beneficiary"]) == ("United States", "Ukraine")


def test_fire_from_pirates_is_a_clash_and_fire_returned_moves_nobody(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Nigerian Navy said a patrol boat came under fire from suspected sea robbers near Bonny in "
        "Rivers State, and that its team returned fire."
    )
    record = extract(text)
    (clash,) = events_of(record, "clash")
    assert set(clash["roles"]["parties"]) == {"Nigeria", "suspected sea robbers"}
    assert not events_of(record, "deployment")
    (clash,) = events_of(extract("A Kenyan Navy patrol boat came under fire from pirates off Lamu."), "clash")
    assert set(clash["roles"]["parties"]) == {"Kenya", "pirates"}


def test_two_services_signing_are_the_two_states_just_named(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Bangladesh Air Force chief visited Ankara. The two air forces signed a memorandum of "
        "understanding on pilot and instructor training during the visit."
    )
    (event,) = events_of(extract(text), "agreement")
    assert set(event["roles"]["parties"]) == {"Bangladesh", "Turkey"}
    # a pair named in the phrase itself is that pair, not the two named before
    text = (
        "Kazakh officers met American officers in Almaty. A day earlier, the two defence ministries of "
        "Kazakhstan and the United Kingdom signed a military cooperation plan for 2026 in Astana."
    )
    (event,) = events_of(extract(text), "agreement")
    assert set(event["roles"]["parties"]) == {"Kazakhstan", "United Kingdom"}


def test_a_gift_in_a_clause_on_what_a_force_operates_went_to_that_force(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "The Nepali Army also flies a Dhruv helicopter that India gifted in 2014.": ("India", "Nepal"),
            "The Kenyan navy operates two patrol boats that Japan donated in 2019.": ("Japan", "Kenya"),
        },
    )


def test_trainers_attached_embedded_or_working_abroad_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Two Indian Army instructors have been attached to the Nepali Military Academy at "
            "Kharipati since July.": ("India", "Nepal"),
            "A second team of nine British instructors has been working in Mogadishu since July, training "
            "Somali National Army engineers.": ("United Kingdom", "Somalia"),
            "A French training team of 40 soldiers is embedded with the Beninese army in Parakou.": (
                "France",
                "Benin",
            ),
            # the state of the force they work with
            "A British advisory team of about 15 officers has worked with the Republic of Sierra Leone Armed "
            "Forces since 2002.": ("United Kingdom", "Sierra Leone"),
            "About 200 US Marines are based in Darwin.": ("United States", "Australia"),
        },
    )
    for text in (
        "Kenyan soldiers are working in Nairobi to secure the summit.",
        "Indian engineers are working with Boeing on the engine.",
    ):
        assert not events_of(extract(text), "deployment"), text


def test_coast_guards_patrolling_or_sailing_together_exercise(extract) -> None:  # type: ignore[no-untyped-def]
    for text, states in {
        "The US Coast Guard cutter Harriet Lane and the Fijian patrol boat RFNS Volasiga completed a ten-day "
        "joint patrol of Fiji's exclusive economic zone on August 6.": {"United States", "Fiji"},
        "The Philippines held a multilateral maritime cooperative activity with the United States, Japan and "
        "Australia west of Palawan on 11 September.": {"Philippines", "United States", "Japan", "Australia"},
    }.items():
        (event,) = events_of(extract(text), "exercise")
        assert set(event["roles"]["participants"]) == states, text
    assert not events_of(
        extract("The two chiefs reviewed the schedule of joint activities for 2026."), "exercise"
    )


def test_a_coast_guard_ships_prefix_names_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Indian Coast Guard ship ICGS Sachet arrived at Manila on 25 February on a goodwill visit."
    (call,) = events_of(extract(text, "2025-03-01"), "deployment")
    assert (call["roles"]["sender"], call["roles"]["destination"]) == ("India", "Philippines")
    text = (
        "Japanese officer Ito said a China Coast Guard ship fired its water cannon at the Bureau of "
        "Fisheries and Aquatic Resources vessel BRP Datu Pagbuaya near Sandy Cay."
    )
    (clash,) = events_of(extract(text), "clash")
    assert set(clash["roles"]["parties"]) == {"China", "Philippines"}


def test_simulators_and_robots_handed_over_are_items(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On 2 October the British army handed over ten hand-held mine detectors and two remote-controlled "
        "bomb-disposal robots to the Kenya Army Engineers, and the Indian Army handed over 12 firing "
        "simulators to the Nepali Army."
    )
    given = {
        (e["roles"]["recipient"], e["roles"].get("quantity")) for e in events_of(extract(text), "transfer")
    }
    assert {("Kenya", 10), ("Kenya", 2), ("Nepal", 12)} <= given, given


def test_contracting_for_a_system_orders_it_and_a_joint_statement_signed_is_an_agreement(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "transfer",
        {
            "Egypt contracted with Hanwha Aerospace for K9 howitzers in February 2022.": (
                "South Korea",
                "Egypt",
            ),
            "Pakistan contracted China for eight Hangor-class submarines in 2015.": ("China", "Pakistan"),
        },
    )
    assert not events_of(
        extract("The ministry contracted a consultancy to review its procurement."), "transfer"
    )
    text = (
        "After the talks, Chinese President Xi and Serbian President Aleksandar Vucic signed a joint "
        "statement on deepening the comprehensive strategic partnership."
    )
    (event,) = events_of(extract(text), "agreement")
    assert set(event["roles"]["parties"]) == {"China", "Serbia"}
    assert not events_of(
        extract("The two ministers issued a joint statement after their talks."), "agreement"
    )


def test_smugglers_fought_are_a_side_and_a_border_state_is_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Egyptian border guards engaged an armed group of smugglers near Salloum, killing three of them.",
        "Egyptian border guards clashed with smugglers near the border with Libya.",
    ):
        (clash,) = events_of(extract(text), "clash")
        assert set(clash["roles"]["parties"]) == {"Egypt", "smugglers"}, text
    (clash,) = events_of(
        extract("Thai soldiers clashed with Cambodian troops near the border with Cambodia."), "clash"
    )
    assert set(clash["roles"]["parties"]) == {"Thailand", "Cambodia"}


def test_armed_civilians_and_soldiers_of_no_state_are_sides_of_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Personnel of the Mexican Army carrying out reconnaissance near Las Cañas were attacked with "
        "firearms by armed civilians travelling in two vehicles."
    )
    (clash,) = events_of(extract(text), "clash")
    assert set(clash["roles"]["parties"]) == {"Mexico", "armed civilians"}
    text = (
        "Two men left Las Cañas in Michoacán, Mexico, to cut limes. The truck arrived at the junction just "
        "as the soldiers and a group of gunmen began exchanging fire."
    )
    (clash,) = events_of(extract(text), "clash")
    assert set(clash["roles"]["parties"]) == {"Mexico", "gunmen"}


def test_a_weapon_of_a_named_force_is_its_states_and_a_participle_on_a_weapon_strikes(extract) -> None:  # type: ignore[no-untyped-def]
    assert_combat_users(
        extract,
        {
            "A J-10C fighter of the Pakistan Air Force shot down an Indian drone over Okara.": "Pakistan",
            # the participle hangs on the weapon: it struck, and what it destroyed is the target
            "The Russian defence ministry said its footage showed a Lancet loitering munition "
            "destroying a towed howitzer near Kupiansk.": "Russia",
        },
    )
    (use,) = events_of(
        extract(
            "The Russian defence ministry said its footage showed a Lancet loitering munition destroying "
            "a towed howitzer near Kupiansk."
        ),
        "combat_use",
    )
    assert (use["roles"]["item"], use["roles"]["target"]) == ("ZALA Lancet", "towed howitzer")
    # "the regime's air force" names no state: the jet's use takes none from the article
    text = "China sold K-8 jets to Myanmar in 2010. A K-8 jet of the regime's air force bombed a village."
    assert not [e for e in events_of(extract(text), "combat_use") if e["roles"].get("user") == "China"]


def test_a_military_body_telling_of_the_air_force_tells_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The General Staff of the Armed Forces of Ukraine reported that the Air Force had used SCALP "
        "missiles against an ammunition depot of Russia's 20th Army near Belgorod."
    )
    (use,) = events_of(extract(text), "combat_use")
    assert use["roles"]["user"] == "Ukraine"


def test_a_ministrys_own_page_tells_strikes_with_its_states_weapons(extract) -> None:  # type: ignore[no-untyped-def]
    page = (
        "Russian Defence Ministry daily report\n\nMINISTRY OF DEFENCE OF THE RUSSIAN FEDERATION\n\n"
        "A strike by an Iskander-M missile system destroyed a HIMARS launcher near Kramatorsk.\n\n"
    )
    (use,) = events_of(extract(page), "combat_use")
    assert (use["roles"]["user"], use["roles"]["item"]) == ("Russia", "Iskander-M")
    # a test shot at a target is no strike, and a news page's lead is no masthead
    test = page.replace("a HIMARS launcher near Kramatorsk", "a target at the Kapustin Yar range")
    assert not events_of(extract(test), "combat_use")
    news = (
        "Iskander strike claimed\n\nThe Russian Defence Ministry said on Sunday that its forces had "
        "advanced near Pokrovsk and that Ukraine had lost 1,200 soldiers in a day.\n\n"
        "A strike by an Iskander-M missile system destroyed a HIMARS launcher near Kramatorsk.\n\n"
    )
    assert not [e for e in events_of(extract(news), "combat_use") if e["roles"].get("user") == "Russia"]


def test_a_delivery_told_by_the_receiving_states_leader_went_to_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Zelensky said on Monday that Norway had delivered another NASAMS air defence system."
    (given,) = events_of(extract(text), "transfer")
    assert (given["roles"]["supplier"], given["roles"]["recipient"]) == ("Norway", "Ukraine")
    # the giving state's own minister names no buyer by speaking
    text = "Norway's defence minister said on Monday that Norway had delivered another NASAMS system."
    assert not [e for e in events_of(extract(text), "transfer") if e["roles"].get("recipient") == "Norway"]


def test_forces_taking_part_in_a_war_abroad_are_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "Moscow confirmed that units of the Korean People's Army had taken part in the liberation "
            "of the Kursk region.": ("North Korea", "Russia"),
            "Cuban troops took part in the fighting in Angola in the 1980s.": ("Cuba", "Angola"),
            "Belarusian volunteers fought alongside Ukrainian troops near Bakhmut, the paper said.": (
                "Belarus",
                "Ukraine",
            ),
        },
    )
    for text in (
        "The brigade took part in the exercise in Poland.",
        "Ukrainian soldiers took part in the fighting near Bakhmut.",
        "The rebels fought the army near Goma.",
    ):
        assert not events_of(extract(text), "deployment"), text


def test_places_named_by_a_kind_of_site_after_their_name_lie_in_their_state(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "deployment",
        {
            "The Indian Navy's sail training ship INS Tarangini arrived at Trincomalee port on a "
            "three-day visit.": ("India", "Sri Lanka"),
            "Forty Fijian soldiers landed at Honiara International Airport on Sunday.": (
                "Fiji",
                "Solomon Islands",
            ),
        },
    )


def test_two_navies_holding_a_named_drill_are_the_pair_just_named(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "India and Sri Lanka agreed to deepen ties. In June, the two navies held the SLINEX exercise "
        "off Colombo.",
        "Thailand and Malaysia agreed to deepen ties. The warships of the two navies held the SEAEX "
        "exercise off Penang.",
    ):
        (drill,) = events_of(extract(text), "exercise")
        assert len(drill["roles"]["participants"]) == 2, text


def test_money_given_by_the_agent_of_its_participle_and_no_item_given_with_it(extract) -> None:  # type: ignore[no-untyped-def]
    assert_one_event_each(
        extract,
        "financing",
        {
            "The Ghanaian side appreciated the grant of US$ 3 million extended by Japan for coastal "
            "radars.": ("Japan", "Ghana"),
            "Kenya welcomed a loan of $50 million provided by China for patrol boats.": ("China", "Kenya"),
        },
    )
    loan = "Kenya welcomed a loan of $50 million provided by China for patrol boats."
    assert not events_of(extract(loan), "transfer")


def test_a_handover_joined_to_another_has_its_seller(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A Dornier 228 aircraft built by HAL was handed over to the Seychelles in 2013, and two patrol "
        "boats were delivered to Mauritius in 2016."
    )
    assert transfer_sides(extract(text)) == {("India", "Seychelles"), ("India", "Mauritius")}


def test_a_contract_signed_for_the_supply_of_items_orders_them(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Otokar has signed a contract with Kenya for the supply of 30 Cobra II vehicles.",
        "Kenya signed a contract with Otokar for the supply of 30 Cobra II vehicles.",
    ):
        (order,) = events_of(extract(text), "transfer")
        assert (order["roles"]["recipient"], order["status"]) == ("Kenya", "order"), text


def test_we_in_a_makers_own_post_is_the_maker(extract) -> None:  # type: ignore[no-untyped-def]
    post = (
        "LinkedIn\n\nOtokar\n12,400 followers\n\n"
        "We have delivered 24 armoured vehicles to the Ghana Armed Forces this week.\n"
    )
    (given,) = events_of(extract(post), "transfer")
    assert (given["roles"]["supplier"], given["roles"]["recipient"]) == ("Turkey", "Ghana")


def test_an_mp_not_against_a_deal_does_not_deny_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Georgia and Armenia signed a military cooperation agreement in Tbilisi on Tuesday. An opposition "
        "MP, Nino Beridze, said she was not against the agreement but questioned its cost."
    )
    (plan,) = events_of(extract(text), "agreement")
    assert "denied" not in {a["stance"] for a in plan["attributions"]}
    assert set(plan["roles"]["parties"]) == {"Georgia", "Armenia"}
    text = "Georgia's defence ministry denied that it had signed a military cooperation plan with Armenia."
    (plan,) = events_of(extract(text), "agreement")
    assert "denied" in {a["stance"] for a in plan["attributions"]}


def test_interest_shown_in_a_named_system_is_a_buyers_intent(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Egypt's defence minister expressed interest in the K9 howitzer during his visit to Seoul."
    (wish,) = events_of(extract(text), "transfer")
    assert (wish["roles"]["supplier"], wish["roles"]["recipient"], wish["status"]) == (
        "South Korea",
        "Egypt",
        "intent",
    )
    for text in (
        "Investors showed interest in Hanwha Aerospace shares.",
        "The committee showed no interest in the matter.",
    ):
        assert not events_of(extract(text), "transfer"), text


def test_what_a_deal_is_called_is_no_denial_of_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Uruguay bought 14 Guarani vehicles from Brazil in 2023. The minister said the purchase was not a "
        "decision of her government."
    )
    (bought,) = events_of(extract(text), "transfer")
    assert "denied" not in {a["stance"] for a in bought["attributions"]}
    text = "Kenya bought drones from Turkey, the paper said. The ministry said the purchase was no reality."
    (bought,) = events_of(extract(text), "transfer")
    assert "denied" in {a["stance"] for a in bought["attributions"]}


def test_a_paper_named_after_its_country_reports_and_is_no_other_outlet(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Fiji will send 60 soldiers to Honiara next month, the Fiji Times reported on Thursday."
    (sent,) = events_of(extract(text), "deployment")
    # the paper's word is a claim, not Fiji's own; and "Times" inside its name is not The Times of London
    assert [(a["source"], a["stance"]) for a in sent["attributions"]] == [("Fiji Times", "claimed")]


def test_a_host_received_a_guest_the_parse_cannot_hang_on_the_verb(extract) -> None:  # type: ignore[no-untyped-def]
    for text, pair in (
        (
            "Chief of Staff General Omar Al-Harthy of Oman received in his office at the Ministry of Defence "
            "in Muscat today Chief of the Naval Staff of Bangladesh Admiral Nazmul Hassan and his "
            "delegation.",
            {"Oman", "Bangladesh"},
        ),
        (
            "Latvian Defence Minister Andris Sprūds spoke on Monday. On Tuesday, Sprūds received in Riga his "
            "Finnish counterpart Antti Häkkänen; the two ministers discussed air defence.",
            {"Latvia", "Finland"},
        ),
    ):
        (met,) = events_of(extract(text), "meeting")
        assert set(met["roles"]["participants"]) == pair, text
    # what a host received from someone is no guest
    text = "Oman's minister received a letter from President Hassan of Bangladesh on Monday."
    assert not events_of(extract(text), "meeting")


def test_a_force_withdrawn_from_a_state_was_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    for text, pair in (
        ("Belgium completed its withdrawal from Mali in December 2022.", ("Belgium", "Mali")),
        ("The Danish withdrawal from Niger was completed in August 2024.", ("Denmark", "Niger")),
        ("Benin pulled its soldiers out of Mali in March.", ("Benin", "Mali")),
    ):
        (left,) = events_of(extract(text), "deployment")
        assert (left["roles"]["sender"], left["roles"]["destination"]) == pair, text
    assert not events_of(extract("Mali announced its withdrawal from the treaty in March."), "deployment")


def test_a_weapon_the_article_gave_a_state_strikes_for_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Togo took delivery of four Bayraktar TB2 drones from Turkey in 2023. On Sunday, a TB2 drone struck "
        "a camp near Dapaong."
    )
    (strike,) = events_of(extract(text), "combat_use")
    assert strike["roles"]["user"] == "Togo"
    # a weapon flown with no strike told is no use of it
    text = "Togo took delivery of four Bayraktar TB2 drones from Turkey in 2023. The TB2 is used for patrols."
    assert not events_of(extract(text), "combat_use")


def test_the_army_telling_of_a_strike_on_insurgents_struck(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Niger's army has fought the jihadists near Tillaberi for months. The next day, the army said, "
        "Aksungur drones struck boats used by the fighters on the river."
    )
    (strike,) = events_of(extract(text), "combat_use")
    assert strike["roles"]["user"] == "Niger"
    text = (
        "Niger's army has fought the jihadists near Tillaberi for months. Aksungur drones struck boats used "
        "by the fighters on the river, a Dakar-based research group said."
    )
    assert not [e for e in events_of(extract(text), "combat_use") if e["roles"].get("user") == "Senegal"]


def test_an_attack_by_a_group_on_a_post_is_a_clash(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Nigerien soldiers guard the border. The raid followed an attack on Friday by JNIM fighters on "
        "the army post at Makalondi.",
        "The Nigerien army post at Makalondi was the target of an attack by JNIM fighters on Friday.",
    ):
        (fight,) = events_of(extract(text), "clash")
        assert set(fight["roles"]["parties"]) == {"JNIM", "Niger"}, text
    assert not events_of(extract("The attack on the post was condemned by the union."), "clash")


def test_a_state_gapped_after_a_transfer_did_it_again(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Poland donated to Ukraine 14 PT-91 tanks in 2022, and Slovakia 30 more in 2023."
    gave = {e["roles"]["supplier"]: e for e in events_of(extract(text), "transfer")}
    assert set(gave) == {"Poland", "Slovakia"}
    assert (gave["Slovakia"]["roles"]["recipient"], gave["Slovakia"]["roles"].get("quantity")) == (
        "Ukraine",
        30,
    )
    assert gave["Slovakia"]["date"]["start"] == "2023"
    # "used" before the item says second-hand: no use of it
    assert not events_of(extract("Poland donated six used MiG-29s to Slovakia."), "combat_use")


def test_a_system_named_before_and_equipment_for_air_defence(extract) -> None:  # type: ignore[no-untyped-def]
    text = "A photo shows a Pakistani LY-80 launcher. That system was delivered by China to Pakistan in 2015."
    (given,) = events_of(extract(text), "transfer")
    assert (given["roles"]["supplier"], given["roles"]["recipient"]) == ("China", "Pakistan")
    text = "Belarus had supplied Myanmar with air-defence equipment, the envoy said."
    (given,) = events_of(extract(text), "transfer")
    assert given["roles"]["item_category"] == "air_defence"


def test_it_in_a_relative_clause_is_the_subject_of_its_noun(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mali, Niger's ally in the confederation, flies Akinci drones of its own, which it bought from "
        "Turkey in 2023."
    )
    (bought,) = events_of(extract(text), "transfer")
    assert bought["roles"]["recipient"] == "Mali"


def test_the_vessel_people_came_aboard_is_no_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A team of the Barbados Defence Force arrived in St. George's this morning aboard a Barbados Coast "
        "Guard vessel, with relief supplies."
    )
    assert not events_of(extract(text, published="2025-09-27"), "transfer")
    (sent,) = events_of(extract(text, published="2025-09-27"), "deployment")
    assert (sent["roles"]["destination"], sent["date"]["start"]) == ("Grenada", "2025-09-27")


def test_a_national_detachment_of_a_mission_serves_where_the_mission_does(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The minister chaired the send-off of the 6th Ghanaian detachment of the ECOWAS Stabilisation "
        "Support Mission in Guinea-Bissau."
    )
    (sent,) = events_of(extract(text), "deployment")
    assert (sent["roles"]["sender"], sent["roles"]["destination"]) == ("Ghana", "Guinea-Bissau")


def test_why_a_source_goes_unnamed_tells_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The eight Spider vehicles from Singapore were handed over to the Papua New Guinea Defence Force on "
        "Monday. A senior official, who spoke on condition of anonymity because he was not authorised to "
        "discuss the contract, said the first payment was made in August."
    )
    (given,) = events_of(extract(text), "transfer")
    assert "denied" not in {a["stance"] for a in given["attributions"]}


def test_what_a_thing_is_called_is_no_event_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian transport aircraft flew personnel of the Africa Corps into Libya in January, the Panel "
        "said. Air-defence equipment flown in on the same flights stayed under Russian control, and the "
        "Panel did not treat it as a transfer to any Libyan party. Russia's envoy rejected the findings: "
        '"There are no Russian military units in Libya," he said.'
    )
    assert not events_of(extract(text), "transfer")
    (sent,) = events_of(extract(text), "deployment")  # what the Panel said and the envoy denied stays on it
    assert "denied" in {a["stance"] for a in sent["attributions"]}
    # the same noun told as a deed is one
    text = "The panel documented the transfer of two Pantsir systems from Russia to Mali in 2024."
    (moved,) = events_of(extract(text), "transfer")
    assert (moved["roles"]["supplier"], moved["roles"]["recipient"]) == ("Russia", "Mali")


def test_an_agreement_named_only_as_a_frame_is_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Lithuania asked for consultations under Article 4 of the North Atlantic Treaty on Monday.",
        "The leaders of Latvia and Canada reaffirmed their commitment to the Washington Treaty.",
    ):
        assert not events_of(extract(text), "agreement"), text
    # the agreement itself, signed, still is one
    (signed,) = events_of(
        extract("Latvia and Canada signed a defence cooperation agreement in Riga."), "agreement"
    )
    assert signed["status"] == "signed"


def test_an_agreement_still_to_be_ratified_is_proposed(extract) -> None:  # type: ignore[no-untyped-def]
    (pending,) = events_of(
        extract(
            "Uzbekistan's senate is expected to ratify a military cooperation agreement with Turkey "
            "next month."
        ),
        "agreement",
    )
    assert pending["status"] == "proposed"


def test_ships_joined_in_a_cooperative_activity_exercised(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Last week a Vietnamese frigate joined ships of the Indian Navy and the Royal Malaysian Navy in a "
        "maritime cooperative activity in the South China Sea."
    )
    (drill,) = events_of(extract(text), "exercise")
    assert {"Vietnam", "India", "Malaysia"} <= set(drill["roles"]["participants"])


def test_the_first_state_to_give_gave(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lisbon was also among the first capitals to give F-16 fighters to Ukraine, and the first of its "
        "jets reached Ukraine in 2024."
    )
    assert transfer_sides(extract(text)) == {("Portugal", "Ukraine")}


def test_the_two_who_met_are_the_two_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Finnish defence minister Antti Häkkänen raised the sale with Pete Hegseth when the two met in "
        "Helsinki on 3 March."
    )
    (met,) = events_of(extract(text), "meeting")
    assert {"Finland", "United States"} <= set(met["roles"]["participants"])


def test_a_contract_for_foreign_military_sales_sells_to_each_customer(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Raytheon Co., Tucson, Arizona, was awarded a $912,000,000 modification to a contract for the "
        "production of AIM-9X Block II missiles. This contract involves Foreign Military Sales to Finland "
        "and Morocco. Work will be performed in Tucson."
    )
    sides = transfer_sides(extract(text))
    assert sides == {("United States", "Finland"), ("United States", "Morocco")}
    text = (
        "Lockheed Martin Corp., Fort Worth, Texas, was awarded a $48,000,000 contract for F-16 sustainment "
        "services for the Royal Bahraini Air Force. This contract involves 100% Foreign Military Sales to "
        "Bahrain."
    )
    assert not events_of(extract(text), "transfer")  # upkeep of a fleet: nothing handed over


def test_an_agency_buying_on_behalf_of_states_buys_for_each(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The NATO Support and Procurement Agency, acting on behalf of Estonia and Latvia, has awarded Saab a "
        "contract for RBS 70 air defence systems."
    )
    assert transfer_sides(extract(text)) == {("Sweden", "Estonia"), ("Sweden", "Latvia")}


def test_money_obligated_for_works_finances_the_host(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "Washington has obligated about $46 million for hangars and a fuel depot at three Kenyan air "
        "bases.": (
            "United States",
            "Kenya",
        ),
    }
    assert_one_event_each(extract, "financing", cases)


def test_radar_stations_sets_firearms_and_calibres_are_items(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract("India handed over a coastal radar station and two radar sets to Seychelles.")
    assert {e["roles"]["recipient"] for e in events_of(record, "transfer")} == {"Seychelles"}
    assert len(events_of(record, "transfer")) == 2
    (guns,) = events_of(extract("Turkey supplied firearms to the police of Somalia in March."), "transfer")
    assert guns["roles"]["item_category"] == "small_arms"
    (shells,) = events_of(extract("Serbia exported 122mm ammunition to Hungary."), "transfer")
    assert shells["roles"]["item"] == "122mm ammunition" and "quantity" not in shells["roles"]
    # a tariff heading after a ship prefix is no ship
    assert not events_of(
        extract("Turkey reported exports of USD 9 million under HS 9306 to Azerbaijan."), "transfer"
    )


def test_a_home_body_or_the_story_state_fills_an_unnamed_side(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Slovakia's arms industry is busy. In 2023 the interior ministry handed over about 40 BVP-1 vehicles "
        "to Ukraine."
    )
    assert transfer_sides(extract(text)) == {("Slovakia", "Ukraine")}
    text = (
        "Bangladesh's navy has grown fast. China handed over the Ming-class submarine BNS Joyjatra in 2017."
    )
    assert transfer_sides(extract(text)) == {("China", "Bangladesh")}


def test_customs_declarations_a_press_conference_and_a_questioned_arrangement_are_no_events(
    extract,
) -> None:  # type: ignore[no-untyped-def]
    text = "Our analysis of the declarations shows that Norinco shipped six armoured vehicles to Laos."
    assert not events_of(extract(text), "agreement")
    text = (
        "At a press conference in Vientiane on 3 May, Major General Khamphet Vongsa told reporters the "
        "jets were ready."
    )
    assert not events_of(extract(text), "meeting")
    text = (
        "Chinese police advisers have worked with the Tongan police since 2023, an arrangement the "
        "opposition MP Sione Fa'ole has questioned in parliament."
    )
    assert not events_of(extract(text), "agreement")


def test_forces_in_their_own_states_territory_are_not_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fiji was hit by a cyclone. Australia sent a C-130J with a team, while French forces based in French "
        "Polynesia flew in a CASA transport aircraft with military engineers."
    )
    assert ("France", "French Polynesia") not in {
        (e["roles"]["sender"], e["roles"]["destination"]) for e in events_of(extract(text), "deployment")
    }


def test_a_bid_to_unnamed_armies_is_not_the_deal_told_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Poland received its last K9 howitzers from South Korea in March. Defence exports reached USD 9.5 "
        "billion in 2024, the agency said. Hanwha Aerospace said it was also bidding to supply K9 howitzers "
        "to two further European armies, which it did not name."
    )
    (sale,) = events_of(extract(text), "transfer")
    assert sale["roles"]["recipient"] == "Poland"
    assert "Hanwha Aerospace" not in {a["source"] for a in sale["attributions"]}


def test_the_state_whose_troops_were_struck_is_no_user(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kremlin spokesman Dmitry Peskov said on Tuesday that Czech shells had been delivered to Ukraine and "
        "were being used against Russian troops."
    )
    assert all(e["roles"].get("user") != "Russia" for e in events_of(extract(text), "combat_use"))


def test_a_denial_of_a_kind_of_event_answers_only_that_kind(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Botswana and Zambia signed a memorandum of understanding on defence cooperation in Gaborone on "
        "Thursday. Botswana's ministry has denied any purchase is planned."
    )
    (pact,) = events_of(extract(text), "agreement")
    assert "denied" not in {a["stance"] for a in pact["attributions"]}
    text = (
        "Serbia signed a contract to sell 12 Nora B-52 howitzers to Kenya. A Kenyan senator, Mary Otieno, "
        "said the defence committee had not seen the contract."
    )
    (sale,) = events_of(extract(text), "transfer")
    assert "denied" not in {a["stance"] for a in sale["attributions"]}


def test_an_army_that_destroyed_a_groups_force_fought_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Malian army said it has destroyed a force of the extremist group that tried to attack the town "
        "of Niono on Monday."
    )
    (fight,) = events_of(extract(text), "clash")
    assert "Mali" in fight["roles"]["parties"]


def test_light_attack_aircraft_are_no_strike(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Calidus announced a contract with Chad for the supply of two Calidus B-250 light attack and "
        "advanced training aircraft to the Chadian Air Force."
    )
    assert not events_of(extract(text), "combat_use")


def test_an_attack_with_small_arms_is_a_fight(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Soldiers of the Guatemalan Army on patrol near Ixcán were attacked with rifles by armed men "
        "travelling in a pick-up truck."
    )
    (fight,) = events_of(extract(text), "clash")
    assert "Guatemala" in fight["roles"]["parties"]
    assert not events_of(extract(text), "combat_use")


def test_a_no_that_names_another_deal_denies_only_that_one(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lesotho and Eswatini signed a defence cooperation agreement on Thursday. The official said there "
        'were "no arms purchases" in the agreement.'
    )
    (pact,) = events_of(extract(text), "agreement")
    assert "denied" not in {a["stance"] for a in pact["attributions"]}
    text = (
        "Rwanda deployed a battalion of 800 soldiers to the Central African Republic in May. An officer told "
        "the paper that no new deployment from Rwanda was planned for now."
    )
    (sent,) = events_of(extract(text), "deployment")
    assert "denied" not in {a["stance"] for a in sent["attributions"]}
    # a "no" on the deal itself still denies it
    text = "There were no Rwandan troops in Burundi, the ministry said."
    (denied,) = events_of(extract(text), "deployment")
    assert "denied" in {a["stance"] for a in denied["attributions"]}


def test_a_lease_to_a_state_is_the_lessors_transfer(extract) -> None:  # type: ignore[no-untyped-def]
    (lent,) = events_of(
        extract("Japan leased three TC-90 trainers to the Vietnamese Navy in 2019."), "transfer"
    )
    assert (lent["roles"]["supplier"], lent["roles"]["recipient"]) == ("Japan", "Vietnam")
    (offered,) = events_of(
        extract("China had offered to lease two Y-9 patrol aircraft to Bangladesh."), "transfer"
    )
    assert (offered["roles"]["supplier"], offered["roles"]["recipient"]) == ("China", "Bangladesh")
    # a lease from a state is still the lessee's taking
    (taken,) = events_of(extract("Chile leased six patrol boats from Spain in 2019."), "transfer")
    assert (taken["roles"]["supplier"], taken["roles"]["recipient"]) == ("Spain", "Chile")


def test_turned_over_to_a_navy_is_a_handover(extract) -> None:  # type: ignore[no-untyped-def]
    (given,) = events_of(
        extract("The US ambassador turned over five patrol boats to the Ghanaian Navy on Monday."), "transfer"
    )
    assert (given["roles"]["supplier"], given["roles"]["recipient"]) == ("United States", "Ghana")
    assert not extract("The police turned over the suspects to the army.")["events"]
    # radios handed to a state's forces are aid, as vehicles are
    (radios,) = events_of(extract("Germany handed over 20 radios to the Malian army."), "transfer")
    assert radios["roles"]["quantity"] == 20


def test_a_warship_that_visited_a_foreign_port_was_deployed_there(extract) -> None:  # type: ignore[no-untyped-def]
    (call,) = events_of(extract("The Indian frigate INS Trikand visited Port Louis last week."), "deployment")
    assert (call["roles"]["sender"], call["roles"]["destination"]) == ("India", "Mauritius")
    visits = extract("The Pakistan Navy chief visited Colombo, Sri Lanka, from 10 to 13 May.")
    assert not events_of(visits, "deployment")


def test_a_system_inducted_into_a_force_went_to_its_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The HQ-16 air defence system was inducted into the Bangladesh Army in October 2022."
    (taken,) = events_of(extract(text), "transfer")
    assert (taken["roles"]["supplier"], taken["roles"]["recipient"]) == ("China", "Bangladesh")
    assert not extract("The frigate was commissioned into service in 2023.")["events"]


def test_two_ministers_each_named_with_a_title_met(extract) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs the second title on the first one's name
    text = (
        "Norway's defence minister Tore O. Sandvik and Denmark's defence minister Troels Lund Poulsen held a "
        "meeting in Oslo."
    )
    (met,) = events_of(extract(text), "meeting")
    assert set(met["roles"]["participants"]) >= {"Norway", "Denmark"}


def test_the_materials_handed_over_include_the_items_of_the_aid_told_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The handover ceremony of the military assistance materials provided by the Indian government to the "
        "Maldives National Defence Force was held in Male on Monday. The materials handed over include eight "
        "unmanned aerial vehicles and two patrol boats."
    )
    found = {
        (e["roles"]["supplier"], e["roles"]["recipient"], e["roles"]["item"])
        for e in events_of(extract(text), "transfer")
    }
    assert found == {
        ("India", "Maldives", "unmanned aerial vehicles"),
        ("India", "Maldives", "patrol boats"),
    }


def test_a_states_word_on_a_system_made_elsewhere_names_its_giver(extract) -> None:  # type: ignore[no-untyped-def]
    (given,) = events_of(extract("Czech Mi-24 helicopters were handed over to Ukraine in 2023."), "transfer")
    assert given["roles"]["supplier"] == "Czech Republic"
    (made,) = events_of(extract("Russian Mi-8 helicopters were delivered to Mali in 2023."), "transfer")
    assert made["roles"]["supplier"] == "Russia"


def test_aircraft_sent_with_their_crews_are_deployed(extract) -> None:  # type: ignore[no-untyped-def]
    text = "In July, Chile sent to Peru two Air Force helicopters with water buckets and 12 crew members."
    (sent,) = events_of(extract(text), "deployment")
    assert (sent["roles"]["sender"], sent["roles"]["destination"]) == ("Chile", "Peru")
    assert not events_of(extract(text), "transfer")
    # a plane lent "with crew" (a wet lease) changes hands for a time
    (lent,) = events_of(
        extract("The Netherlands will lend a C-130H with crew to Belgium from July."), "transfer"
    )
    assert (lent["roles"]["supplier"], lent["roles"]["recipient"]) == ("Netherlands", "Belgium")


def test_batteries_of_missiles_are_missiles_not_troops(extract) -> None:  # type: ignore[no-untyped-def]
    text = "A news website claimed Iran had received several batteries of Chinese HQ-9B missiles."
    (claimed,) = events_of(extract(text), "transfer")
    assert (claimed["roles"]["supplier"], claimed["roles"]["recipient"]) == ("China", "Iran")
    assert not events_of(extract(text), "deployment")


def test_radars_are_no_trainer_aircraft_told_next(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mitsubishi Electric won a contract in 2020 to supply four air surveillance radars to the Philippine "
        "Air Force. Earlier, Japan transferred TC-90 training aircraft to the Philippine Navy in 2017."
    )
    items = {e["roles"]["item"] for e in events_of(extract(text), "transfer")}
    assert items == {"air surveillance radars", "TC-90"}


def test_a_model_number_names_the_size_of_a_ship_family(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Jamaica purchased three Damen Stan Patrol 4207 vessels from the Dutch shipbuilder Damen in 2005."
    (bought,) = events_of(extract(text), "transfer")
    assert bought["roles"]["item"] == "Damen Stan Patrol 4207"


def test_an_abbreviated_title_ends_no_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ghana's Minister of Defence, Hon. Dr. Kwesi Mensah, met the British ambassador in Accra on Monday."
    )
    (met,) = events_of(extract(text), "meeting")
    assert set(met["roles"]["participants"]) == {"Ghana", "United Kingdom"}
    text = "British High Commissioner Judith Slater handed over six drones to the Jamaica Defence Force."
    (given,) = events_of(extract(text), "transfer")
    assert given["roles"]["supplier"] == "United Kingdom"


def test_a_grant_under_a_deal_comes_from_its_other_side(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Yemen's Interior Minister signed an agreement with Saudi Arabia to support the Yemeni Coast Guard "
        "with a grant of 60 million US dollars."
    )
    (grant,) = events_of(extract(text), "financing")
    assert (grant["roles"]["provider"], grant["roles"]["beneficiary"]) == ("Saudi Arabia", "Yemen")


def test_a_minister_named_as_a_head_of_government_is_a_namesake(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "BOGOTÁ - Colombia will buy two more helicopters. On Thursday, Defence Minister Pedro Sánchez met "
        "the commander of US Southern Command, Admiral Alvin Holsey, in Bogotá."
    )
    (met,) = events_of(extract(text), "meeting")
    assert "Spain" not in met["roles"]["participants"]
    (met,) = events_of(
        extract("Prime Minister Pedro Sánchez met French President Emmanuel Macron in Paris."), "meeting"
    )
    assert set(met["roles"]["participants"]) == {"Spain", "France"}


def test_a_listing_continues_the_aid_told_a_few_sentences_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The handover ceremony of the military assistance materials provided by the Indian government to the "
        "Maldives National Defence Force was held in Male on Monday. The ambassador and the chief of defence "
        "force attended the ceremony. Senior officers were present.\n\nThe materials handed over include "
        "eight unmanned aerial vehicles and two patrol boats."
    )
    found = {(e["roles"]["supplier"], e["roles"]["item"]) for e in events_of(extract(text), "transfer")}
    assert found == {("India", "unmanned aerial vehicles"), ("India", "patrol boats")}


def test_an_item_that_had_served_with_a_force_comes_from_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Between 2014 and 2017 the Peruvian Air Force took over six C-130H aircraft that had served with the "
        "Royal Netherlands Air Force."
    )
    assert transfer_sides(extract(text)) == {("Netherlands", "Peru")}
    # an earlier order by another state is no earlier use
    text = "Tunisia received six C-130H aircraft that had been ordered by Egypt."
    assert ("Egypt", "Tunisia") not in transfer_sides(extract(text))


def test_who_welcomes_an_arrival_takes_the_arms(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Kenya Air Force welcomed the arrival of the third C-27J Spartan at Moi Air Base on Friday."
    (arrived,) = events_of(extract(text), "transfer")
    assert (arrived["roles"]["recipient"], arrived["status"]) == ("Kenya", "delivery")


def test_a_consortium_product_comes_from_the_state_of_its_works(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Royal Malaysian Air Force received its fifth A400M at Subang on Monday. The aircraft flew in "
        "from the Airbus Defence and Space final assembly line in Seville, Spain."
    )
    (arrived,) = events_of(extract(text), "transfer")
    assert (arrived["roles"]["supplier"], arrived["roles"]["recipient"]) == ("Spain", "Malaysia")


def test_receiving_an_office_holder_is_a_meeting_whatever_arms_were_discussed(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Defence Minister Ivan Anušić received the ambassador of France in Zagreb on Tuesday, and the two "
        "discussed the training of pilots for the Rafale jets."
    )
    record = extract(text)
    assert not events_of(record, "transfer")
    (met,) = events_of(record, "meeting")
    assert set(met["roles"]["participants"]) == {"Croatia", "France"}


def test_a_catalog_name_with_its_description_in_lower_case(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Australia has supplied more than 60 Bushmaster protected mobility vehicles to Fiji since 2020."
    (given,) = events_of(extract(text), "transfer")
    assert (given["roles"]["item"], given["roles"]["recipient"]) == ("Bushmaster PMV", "Fiji")


def test_a_ship_calls_at_each_port_joined_by_a_preposition_of_its_own(extract) -> None:  # type: ignore[no-untyped-def]
    text = "On its way home, the frigate PNS Tughril called at Muscat in Oman and at Mombasa in Kenya."
    places = {e["roles"]["destination"] for e in events_of(extract(text), "deployment")}
    assert places == {"Oman", "Kenya"}
    places = {
        e["roles"]["destination"]
        for e in events_of(extract("Nigeria sent troops to Gambia and to Liberia."), "deployment")
    }
    assert places == {"Gambia", "Liberia"}


def test_an_agreement_providing_a_grant_is_the_signers_money(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Qatar signed on Monday an agreement with Somalia providing a grant of KD 6 million to support the "
        "Somali army."
    )
    (grant,) = events_of(extract(text), "financing")
    assert (grant["roles"]["provider"], grant["roles"]["beneficiary"]) == ("Qatar", "Somalia")
    assert grant["roles"]["value"]["currency"] == "KWD"


def test_mines_being_cleared_are_no_arms_handed_over(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Japan agreed to give a grant to support Cambodian deminers who clear mines along the border."
    assert not events_of(extract(text), "transfer")
    (given,) = events_of(extract("Poland gave Ukraine 2,000 anti-tank mines."), "transfer")
    assert given["roles"]["item"] == "anti-tank mines"


def test_a_state_that_names_a_border_is_no_side_of_an_attack(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels attacked an army base close to the Thai border, killing dozens of Myanmar soldiers."
    for clash in events_of(extract(text), "clash"):
        assert "Thailand" not in clash["roles"]["parties"]


def test_a_bare_count_or_a_count_of_aircraft_is_of_the_system_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The PC-21 has found buyers across three continents. Jordan signed for its first ten aircraft in "
        "2021, and Spain ordered 24 in 2020."
    )
    by_buyer = {e["roles"]["recipient"]: e for e in events_of(extract(text), "transfer")}
    assert set(by_buyer) == {"Jordan", "Spain"}
    for buyer, count in (("Jordan", 10), ("Spain", 24)):
        assert by_buyer[buyer]["roles"]["item"] == "PC-21"
        assert by_buyer[buyer]["roles"]["quantity"] == count
    # a sum paid is no count of the system
    money = "The PC-21 is popular. Qatar paid about $1.2 billion for the school."
    assert all(e["roles"].get("quantity") is None for e in events_of(extract(money), "transfer"))


def test_the_jets_and_they_are_the_system_the_sentence_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kazakhstan received six Yak-130s from Russia in 2020, and Belarus, which ordered eight of the jets "
        "in 2015, received them in 2017."
    )
    items = {(e["roles"]["recipient"], e["roles"]["item"]) for e in events_of(extract(text), "transfer")}
    assert ("Belarus", "Yak-130") in items
    text = "Four K-8 trainers were delivered to Ghana by China in 2019, three years after they were ordered."
    (event,) = events_of(extract(text), "transfer")
    assert event["roles"]["item"] == "K-8"


def test_money_of_a_joined_clause_is_not_the_first_deals(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mongolia received two Mi-171 helicopters from Russia in 2019, and Laos, which ordered four of them, "
        "paid out of a USD 300 million loan that Moscow extended to Vientiane in 2016."
    )
    by_buyer = {e["roles"]["recipient"]: e for e in events_of(extract(text), "transfer")}
    assert "value" not in by_buyer["Mongolia"]["roles"]
    # but its price, which the parser hangs on the verb as a clause of its own, is the deal's
    text = "In 2019, the US approved the sale of 16 AT-6 Wolverine aircraft to Nigeria, worth $210 million."
    (sale,) = events_of(extract(text), "transfer")
    assert sale["roles"]["value"]["amount"] == 210_000_000


def test_a_delegation_from_a_state_or_its_arms_exporter_is_met(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "Kenya's defence minister received a delegation from Turkey's SSB in Nairobi on Monday.",
        "Kenya's defence minister held talks in Nairobi with a delegation from Turkey on Monday.",
    ):
        (met,) = events_of(extract(text), "meeting")
        assert {"Kenya"} <= set(met["roles"]["participants"]), text
        assert {"Turkey", "SSB"} & set(met["roles"]["participants"]), text


def test_aircraft_received_from_a_state_are_delivered_not_met(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Ghana Air Force has grown. Notable among its types are the four Z-9 helicopters received from "
        "China in 2015 under a Chinese Foreign Military Sales case worth about USD 40 million."
    )
    record = extract(text)
    assert not events_of(record, "meeting")
    (event,) = events_of(record, "transfer")
    assert (event["roles"]["supplier"], event["roles"]["recipient"]) == ("China", "Ghana")


def test_an_agreement_whose_relative_clause_hangs_on_its_topic(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Ghana Air Force (GAF) has two new trainers. The instructors' visit was formalised in a "
        "Technical Arrangement on pilot training which the GAF and the Italian Air Force signed in Rome on 5 "
        "June 2025."
    )
    (signed,) = events_of(extract(text), "agreement")
    assert set(signed["roles"]["parties"]) == {"Ghana", "Italy"}


def test_a_denial_naming_another_state_does_not_join_the_agreement_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Kenya Air Force and the Royal Air Force signed a training arrangement in London on 3 May "
        "2025.\n\n"
        "The air force also disclosed that Baykar presented its Kizilelma drone to the Air Staff last month, "
        "but no contract has been signed."
    )
    (signed,) = events_of(extract(text), "agreement")
    assert set(signed["roles"]["parties"]) == {"Kenya", "United Kingdom"}
    assert all(a["stance"] != "denied" for a in signed["attributions"])


def test_no_plan_to_buy_denies_the_purchase(extract) -> None:  # type: ignore[no-untyped-def]
    text = '"The navy has no plan to procure the Type 054A from China," a Thai navy spokesman said.'
    (event,) = events_of(extract(text), "transfer")
    assert [a["stance"] for a in event["attributions"]] == ["denied"]


def test_a_system_named_with_and_without_its_maker_is_one(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The ministry rejected a report that Thailand had agreed to buy Hongdu L-15 trainers from China.\n\n"
        '"The air force has not ordered the L-15," the spokesman said.'
    )
    assert len(events_of(extract(text), "transfer")) == 1


def test_objects_the_parser_hangs_on_a_place_before_them(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "On 4 March 2025, the Federal Republic of Germany handed over to the African Union Logistics Base in "
        "Douala, Cameroon, twelve all-terrain troop-carrying trucks and 30 high-frequency field radio sets."
    )
    assert transfer_sides(extract(text)) == {("Germany", "African Union")}
    assert len(events_of(extract(text), "transfer")) == 2


def test_a_disbursement_from_a_donor_is_financing(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The summit welcomed the disbursement of EUR 20 million from the European Union for the AU force."
    (paid,) = events_of(extract(text), "financing")
    assert paid["roles"]["provider"] == "European Union"


def test_a_regional_force_is_its_own_party_and_sector_3_no_romanian_district(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Britain handed over six bomb-disposal robots to the MNJTF in N'Djamena. Chad said it would send a "
        "battalion to Sector 3."
    )
    record = extract(text, "2025-08-14")
    (given,) = events_of(record, "transfer")
    assert given["roles"]["recipient"] == "Multinational Joint Task Force"
    assert all(e["roles"].get("destination") != "Romania" for e in events_of(record, "deployment"))


def test_bought_to_a_state_in_translation_is_bought_from_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Uruguay acquired three patrol vessels to Spain in March of 2024."
    assert transfer_sides(extract(text)) == {("Spain", "Uruguay")}


def test_a_ministry_hands_over_arms_made_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lima, 4 May 2026 - The Ministry of Defence today handed over to the Army of Peru a batch of new "
        "armoured vehicles of Turkish manufacture, which will be assigned to the border units."
    )
    assert transfer_sides(extract(text, "2026-05-04")) == {("Turkey", "Peru")}


def test_what_a_deal_brings_is_no_denial_and_a_name_quoted_is_no_speaker(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Guatemala and Belize signed on Friday a memorandum that lets their navies patrol the Sarstoon "
        "together.\n\n"
        '"Under the leadership of President Bernardo Arevalo, the smugglers have lost their routes. With '
        'this memorandum, there will be no corner left for them," he said.'
    )
    (signed,) = events_of(extract(text, "2026-05-16"), "agreement")
    assert all(a["stance"] != "denied" for a in signed["attributions"])
    assert all(a["source"] != "Bernardo Arevalo" for a in signed["attributions"])


def test_drones_for_farms_maps_and_fires_are_no_arms(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A Chinese maker shipped 80 crop-spraying drones to growers in Kenya last month. The fire service of "
        "Chile received 25 firefighting drones from Spain. Israel delivered 40 attack drones to Azerbaijan."
    )
    assert transfer_sides(extract(text)) == {("Israel", "Azerbaijan")}


def test_relief_supplies_flown_in_are_no_transfer_of_the_plane(extract) -> None:  # type: ignore[no-untyped-def]
    text = "A Royal Thai Air Force C-130 carried rescue teams and relief supplies to Nepal after the floods."
    assert events_of(extract(text), "transfer") == []


def test_a_misparsed_giver_before_its_gift_gives(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "It was from Sliac that the first Slovak MiG-29 fighters were sent to Ukraine in 2023, and the "
        "Slovak defence donated already in 2024 all its 16 Swedish-produced Archer howitzers to Ukraine."
    )
    sides = transfer_sides(extract(text))
    assert ("Slovakia", "Ukraine") in sides and ("Sweden", "Ukraine") not in sides


def test_an_order_from_a_maker_for_another_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Norway's 2023 order of 50 Leopard tanks from KNDS for Ukraine is now being delivered."
    assert transfer_sides(extract(text)) == {("Germany", "Ukraine")}


def test_a_purchase_financed_by_a_loan_from_a_bank(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Peru's purchase is being financed by a loan from the Export-Import Bank of Korea, officials said."
    (lent,) = events_of(extract(text), "financing")
    assert lent["roles"]["beneficiary"] == "Peru"
    assert lent["roles"]["provider"] in ("South Korea", "Export-Import Bank of Korea")


def test_gear_a_state_s_own_forces_receive_from_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Royal Thai Navy on Monday received six rigid-hull rescue boats and two radios from Japan."
    assert transfer_sides(extract(text)) == {("Japan", "Thailand")}
    assert "rigid-hull rescue boats" in transfers_by_item(extract(text))


def test_a_courtesy_call_received_from_an_envoy_is_a_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Defence Minister Gilberto Teodoro received a courtesy call from the Indian ambassador in Manila."
    (met,) = events_of(extract(text), "meeting")
    assert {"Philippines", "India"} <= set(met["roles"]["participants"])


def test_patrol_aircraft_flying_missions_from_a_base_abroad(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A Royal New Zealand Air Force P-8A Poseidon flew maritime patrols from Honiara for a week. Italian "
        "Eurofighters flew sorties from Amendola."
    )
    (sent,) = events_of(extract(text), "deployment")
    assert (sent["roles"]["sender"], sent["roles"]["destination"]) == ("New Zealand", "Solomon Islands")


def test_a_rank_before_a_surname_is_a_person_not_a_place(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fiji's army commander, Major-General Ratuvou, arrived in Australia on Sunday. On Monday, Mr Marles "
        "hosted Major-General Ratuvou for talks at Parliament House in Canberra."
    )
    (met,) = events_of(extract(text), "meeting")
    assert set(met["roles"]["participants"]) == {"Australia", "Fiji"}


def test_the_korean_k9_and_k10_by_their_short_names(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Estonia took delivery of its first K9s in 2023 and ordered 12 K10 resupply vehicles in 2024."
    bought = events_of(extract(text), "transfer")
    assert len({e["roles"]["item"] for e in bought}) == 2
    assert all(e["roles"]["supplier"] == "South Korea" for e in bought)


def test_a_plant_employing_people_uses_no_weapon(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Kenya's air force employs about 300 people at the Bayraktar TB2 maintenance depot near Laikipia."
    assert events_of(extract(text), "combat_use") == []


def test_arms_passed_on_are_handed_over(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The 14 M109 howitzers were passed on to Ukraine by Norway in 2023."
    assert transfer_sides(extract(text)) == {("Norway", "Ukraine")}


def test_engines_for_drones_and_the_akinci_by_its_short_name(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Baykar ordered 40 turbofan engines from Ivchenko-Progress in 2022. Baykar has also offered the "
        "Akinci to Ukraine."
    )
    sides = transfer_sides(extract(text))
    assert ("Ukraine", "Turkey") in sides and ("Turkey", "Ukraine") in sides


def test_a_pact_the_two_states_signed_is_dated_by_its_signing(extract) -> None:  # type: ignore[no-untyped-def]
    # the parser hangs "the two countries signed" on the main verb or on the noun's apposition; the signing
    # still dates the pact and makes it signed, whatever is still to come under it
    for text in (
        "The Ghanaian Navy and the Togolese Navy will begin joint patrols in June under the maritime "
        "security agreement the two countries signed in Accra on Monday.",
        "Ghanaian troops will deploy to Togo next year under the security pact the two neighbours signed in "
        "Accra on Monday.",
    ):
        (pact,) = events_of(extract(text, "2025-03-14"), "agreement")
        assert pact["status"] == "signed", text
        assert pact["date"]["start"] == "2025-03-10", text


def test_to_deny_someone_something_is_no_denial(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Ghana and Togo signed a memorandum on joint naval patrols in Lome on Monday. "Together our navies '
        'will deny the pirates any safe haven," the Ghanaian minister said.'
    )
    (pact,) = events_of(extract(text), "agreement")
    assert "denied" not in {a["stance"] for a in pact["attributions"]}


def test_states_a_named_zone_covers_are_no_parties_of_a_pact(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ghana and Togo signed a memorandum of understanding on maritime security in Lome on Monday. The "
        "memorandum will strengthen the regional centre of Zone F, which covers Ghana, Togo, Liberia and "
        "Sierra Leone."
    )
    (pact,) = events_of(extract(text), "agreement")
    assert not {"Liberia", "Sierra Leone"} & set(pact["roles"]["parties"])


def test_a_fact_checks_verdict_label_is_no_speaker(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fact-Check\n\nDid Ghana sign a pact to base warships in Togo?\n\nClaim: A viral post says Ghana "
        "will station warships in Lome for good.\n\nVerdict: MISLEADING. Ghana and Togo signed a maritime "
        "security memorandum in Lome on March 3, but it provides for joint patrols only."
    )
    (pact,) = events_of(extract(text, "2025-03-14"), "agreement")
    assert {a["source"] for a in pact["attributions"]} == {None}


def test_the_republic_after_a_nationality_in_the_subject_is_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Georgia, which left the alliance, sent no officers. The Uzbek air force also flies Turkish drones. "
        "In 2022 the republic bought Bayraktar TB2 drones from Turkey."
    )
    assert {e["roles"]["recipient"] for e in events_of(extract(text), "transfer")} == {"Uzbekistan"}


def test_a_plan_between_the_ministries_of_two_countries_is_the_pair_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Last month the Minister of Defence of Mongolia held talks with the Minister of Defence of "
        "Kazakhstan in Astana. The sides discussed training. On results of the talks the Plan of cooperation "
        "between the defence ministries of two countries for 2026 was signed."
    )
    (plan,) = events_of(extract(text), "agreement")
    assert set(plan["roles"]["parties"]) == {"Mongolia", "Kazakhstan"}


def test_an_exercise_word_before_the_drills_name_is_the_exercise(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Special forces units of Uzbekistan and Pakistan began the joint tactical exercise Sarbaz-2025 at "
        "the Forish training ground on September 3."
    )
    (drill,) = events_of(extract(text, "2025-10-14"), "exercise")
    assert set(drill["roles"]["participants"]) == {"Uzbekistan", "Pakistan"}


def test_the_government_of_a_named_state_is_that_state(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In Bishkek on Friday, the Government of the People's Republic of China handed over to the National "
        "Guard of Kyrgyzstan 25 armoured patrol vehicles."
    )
    assert transfer_sides(extract(text)) == {("China", "Kyrgyzstan")}


def test_the_ministers_of_three_states_meet_as_three_participants(extract) -> None:  # type: ignore[no-untyped-def]
    (met,) = events_of(
        extract("The defence ministers of Armenia, Greece and Cyprus met in Nicosia on Thursday."), "meeting"
    )
    assert set(met["roles"]["participants"]) == {"Armenia", "Greece", "Cyprus"}


def test_the_army_after_a_sentence_about_a_states_guns_is_that_states(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Dutch marines arrived in Norway for training. The Norwegian guns themselves came from abroad. The "
        "Army bought 24 K9 Thunder howitzers from South Korea in 2017."
    )
    assert ("South Korea", "Norway") in transfer_sides(extract(text))
