"""Attribution: who vouches for an event, and how."""

from __future__ import annotations

from typing import Any

from conftest import events_of


def pairs(event: dict[str, Any]) -> set[tuple[str | None, str]]:
    return {(a["source"], a["stance"]) for a in event["attributions"]}


def test_article_voice_is_asserted_with_no_source(extract) -> None:  # type: ignore[no-untyped-def]
    (event,) = events_of(extract("Nigeria received 12 AH-1Z helicopters from the United States."), "transfer")
    assert pairs(event) == {(None, "asserted")}


def test_confirmed_by_a_party(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Portuguese Defence Minister Ana Ribeiro confirmed that Portugal had bought NASAMS air defence "
        "systems from Norway."
    )
    (event,) = events_of(extract(text), "transfer")
    assert ("Ana Ribeiro", "confirmed") in pairs(event)


def test_a_third_state_speaker_reports_rather_than_confirms(extract) -> None:  # type: ignore[no-untyped-def]
    # the speaker's state comes from the document ("Chilean Foreign Minister"), not from the gazetteer
    third = extract("Chilean Foreign Minister Ana Ruiz said Spain had supplied fighter jets to Serbia.")
    (event,) = events_of(third, "transfer")
    assert pairs(event) == {("Ana Ruiz", "claimed")}
    party = extract("Serbian Defence Minister Ana Ruiz said Spain had supplied fighter jets to Serbia.")
    (event,) = events_of(party, "transfer")
    assert pairs(event) <= {("Ana Ruiz", "asserted"), ("Ana Ruiz", "confirmed")}


def test_a_trailing_outlet_that_the_parser_hangs_on_the_item(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Russia has supplied Laos with armed drones, an independent news outlet reported on Monday."
    (event,) = events_of(extract(text), "transfer")
    assert pairs(event) == {("independent news outlet", "claimed")}


def test_a_report_speaks_for_its_author_and_is_never_a_source_itself(extract) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "A report published by a conflict monitoring group said Chile had sent drones to Peru.": (
            "conflict monitoring group"
        ),
        "The report said Chile had sent drones to Peru.": None,
    }
    for text, author in cases.items():
        (event,) = events_of(extract(text), "transfer")
        assert pairs(event) == {(author, "claimed")}, text


def test_according_to_and_citing_sources_are_claims(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "According to Janes, Algeria has ordered Su-57 fighter jets from Russia. "
        "Middle East Eye claimed, citing sources, that Egypt bought 12 Wing Loong drones from China."
    )
    record = extract(text)
    by_recipient = {e["roles"]["recipient"]: e for e in events_of(record, "transfer")}
    assert ("Janes", "claimed") in pairs(by_recipient["Algeria"])
    egypt = by_recipient["Egypt"]
    assert ("Middle East Eye", "claimed") in pairs(egypt)
    assert any("citing sources" in (a["cue"] or "") for a in egypt["attributions"])


def test_accusation_and_denial_are_one_event_with_two_attributions(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ukraine accused Belarus of sending troops into Ukraine's Volyn region. "
        "Belarus denied sending any troops across the border."
    )
    deployments = events_of(extract(text), "deployment")
    claims = {p for e in deployments for p in pairs(e)}
    assert ("Ukraine", "claimed") in claims
    assert ("Belarus", "denied") in claims
    # A denial never becomes a fact.
    assert all(
        a["stance"] != "asserted" or a["source"] is not None for e in deployments for a in e["attributions"]
    )


def test_denial_in_the_next_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Reports said Iran supplied Shahed-136 drones to Russia. Tehran denied it."
    (event,) = events_of(extract(text), "transfer")
    assert ("Iran", "denied") in pairs(event)


def test_via_channel(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Speaking to TRT, Azerbaijani President Ilham Aliyev said Azerbaijan had received Bayraktar TB2 "
        "drones."
    )
    (event,) = events_of(extract(text), "transfer")
    (attribution,) = [a for a in event["attributions"] if a["source"] == "Ilham Aliyev"]
    assert attribution["via"] == "TRT"


def test_a_speaker_who_told_a_listener_after_the_event(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Peru had bought patrol boats from South Korea, Peruvian congressman Luis Quispe told a news website."
    )
    (event,) = events_of(record, "transfer")
    assert pairs(event) == {("Luis Quispe", "claimed")}  # a lawmaker speaks for no government


def test_the_minister_is_not_the_lawmaker_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        "Chad had received attack helicopters from Turkey, Chadian lawmaker Idriss Mahamat told a radio "
        "station. Chad has also ordered two transport planes from Spain, the defence minister said on Friday."
    )
    (event,) = [e for e in events_of(record, "transfer") if e["roles"]["supplier"] == "Spain"]
    assert "Idriss Mahamat" not in {a["source"] for a in event["attributions"]}


def test_a_states_own_body_named_without_its_state_confirms(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Tajikistan has sent 200 soldiers to Kyrgyzstan for the joint exercise, the Defence Ministry "
        "reported on Monday. Tajik officers will command the drills."
    )
    (event,) = events_of(extract(text), "deployment")
    assert ("Defence Ministry", "confirmed") in {(a["source"], a["stance"]) for a in event["attributions"]}
    record = extract("Tajikistan has sent 200 soldiers to Kyrgyzstan, TASS reported on Monday.")
    (event,) = events_of(record, "deployment")
    assert ("TASS", "claimed") in {(a["source"], a["stance"]) for a in event["attributions"]}


TRANSCRIPT = (
    "Defence chief: we lost a ship, not our purpose\n\n"
    "A month after the sinking, the Chief of Defence Force of New Zealand, Air Marshal Tony Davies, spoke to "
    "Morning Edition.\n\n"
    "HEMI ROSS: What about equipment? Are you buying planes?\n\n"
    "TONY DAVIES: All four P-8A Poseidons we bought from the United States were here by January "
    "this year.\n\n"
    "HEMI ROSS: Did you sell ships too?\n\n"
    "TONY DAVIES: We sold two inshore patrol vessels to Ireland in 2022.\n"
)


def test_a_transcript_line_speaks_for_the_person_it_is_labelled_with(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(TRANSCRIPT, "2024-11-05")
    sides = {
        (e["roles"]["supplier"], e["roles"]["recipient"]): {a["source"] for a in e["attributions"]}
        for e in events_of(record, "transfer")
    }
    assert sides[("United States", "New Zealand")] == {"Tony Davies"}
    assert sides[("New Zealand", "Ireland")] == {"Tony Davies"}


INTERVIEW = (
    "Slovenia's defence minister on tanks and trucks\n\n"
    "Marjan Sarec has run Slovenia's defence ministry since 2022. We met him after he had hosted Croatia's "
    "defence minister, Mario Banozic.\n\n"
    "Minister, you sent tanks to Ukraine last year. Was that the right call?\n\n"
    "Absolutely. We handed over 28 tanks to Ukraine in the autumn of 2022.\n\n"
    "Are your troops still abroad?\n\n"
    "Around 50 of our troops are in Latvia.\n\n"
    "Will you buy helicopters?\n\n"
    "We would like to, one day.\n"
)


def test_an_answer_to_an_interviewers_question_is_the_interviewees(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(INTERVIEW, "2023-11-08")
    (transfer,) = events_of(record, "transfer")
    assert (transfer["roles"]["supplier"], transfer["roles"]["recipient"]) == ("Slovenia", "Ukraine")
    (deployment,) = events_of(record, "deployment")
    assert (deployment["roles"]["sender"], deployment["roles"]["destination"]) == ("Slovenia", "Latvia")


EXPLAINER = (
    "What we know about the drone deal\n\n"
    "What is being alleged?\n\n"
    "Turkey sold six drones to Kenya in 2023, according to the Nairobi Herald.\n\n"
    "What do the two governments say?\n\n"
    "Our ministry has not commented, the newspaper said.\n\n"
    "What happens next?\n\n"
    "Parliament will debate the sale next week.\n"
)


def test_an_explainers_questions_are_no_interview(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(EXPLAINER, "2024-02-01")
    (event,) = events_of(record, "transfer")
    assert {a["source"] for a in event["attributions"]} <= {"Nairobi Herald", None}


def test_a_speaker_who_says_we_met_in_a_when_clause_speaks_for_her_state(extract) -> None:  # type: ignore[no-untyped-def]
    record = extract(
        '"When I met Theo Francken in Brussels in February, we confirmed the timetable," '
        "Luxembourg's defence "
        "minister Yuriko Backes said."
    )
    (event,) = events_of(record, "meeting")
    assert set(event["roles"]["participants"]) == {"Luxembourg", "Belgium"}


def test_rejecting_concerns_denies_no_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "India handed over a Dornier 228 surveillance aircraft to Sri Lanka on Tuesday. Some observers fear "
        "the data will be shared. Officials of the Indian High Commission rejected such concerns."
    )
    (event,) = events_of(extract(text), "transfer")
    assert all(a["stance"] != "denied" for a in event["attributions"])
    text = (
        "India handed over a Dornier 228 surveillance aircraft to Sri Lanka, a newspaper reported. "
        "The Indian High Commission rejected the report."
    )
    (event,) = events_of(extract(text), "transfer")
    assert any(a["stance"] == "denied" for a in event["attributions"])


def test_information_said_not_to_correspond_to_reality_is_denied(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Ministry of Defence of Uzbekistan has stated that information circulated by foreign media about "
        "the alleged handover of helicopters to Afghanistan does not correspond to reality."
    )
    (event,) = events_of(extract(text), "transfer")
    assert ("Ministry of Defence of Uzbekistan", "denied") in {
        (a["source"], a["stance"]) for a in event["attributions"]
    }


def test_a_claim_rejected_in_a_relative_clause_is_the_claim_of_its_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "About 400 soldiers from Ghana have arrived in Banjul as part of the regional stabilisation force, "
        "a resident told the paper.\n\nThe troops were seen at checkpoints near the port on Friday, a second "
        "resident said.\n\nPresident Adama Barrow's opponents say his term expired in March, "
        "a claim he rejects."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "deployment")
    assert all(a["stance"] != "denied" for a in event["attributions"])
    # a denial of the report itself still answers the claims before it
    text = (
        "About 400 soldiers from Ghana have arrived in Banjul as part of the regional stabilisation force, "
        "a resident told the paper.\n\nThe Ghanaian army rejected the report."
    )
    (event,) = events_of(extract(text, "2025-06-01"), "deployment")
    assert any(a["stance"] == "denied" for a in event["attributions"])


def test_a_states_spokesman_named_by_its_possessive_speaks_for_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "India's army spokesman said on Monday that Indian troops had arrived in Bhutan."
    (event,) = events_of(extract(text, "2025-06-01"), "deployment")
    assert ("India's army spokesman", "confirmed") in pairs(event)
    # a third state's spokesman reports what others did
    text = "Nepal's army spokesman said on Monday that Indian troops had arrived in Bhutan."
    (event,) = events_of(extract(text, "2025-06-01"), "deployment")
    assert ("Nepal's army spokesman", "claimed") in pairs(event)


def test_the_service_said_is_the_armed_service_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Royal Malaysian Navy has taken delivery of two patrol vessels from Turkey, the service said."
    (event,) = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
    assert ("Malaysia", "confirmed") in {(a["source"], a["stance"]) for a in event["attributions"]}
    # a press service is no armed service
    text = "Turkey delivered two patrol vessels to Malaysia, the press service of the Turkish navy said."
    (event,) = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
    assert "Malaysia" not in {a["source"] for a in event["attributions"]}


def test_calling_a_report_inaccurate_or_speculative_denies_it(extract) -> None:  # type: ignore[no-untyped-def]
    for label in ("inaccurate", "speculative", "misleading"):
        text = (
            "A weekly reported that Chile had agreed to buy Gripen jets from Sweden. "
            f'The Chilean defence ministry described the information as "{label}".'
        )
        (event,) = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
        assert "denied" in {a["stance"] for a in event["attributions"]}, label
    # calling a purchase welcome denies nothing
    text = (
        "A weekly reported that Chile had agreed to buy Gripen jets from Sweden. "
        'The Chilean defence ministry described the news as "welcome".'
    )
    (event,) = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
    assert "denied" not in {a["stance"] for a in event["attributions"]}


def test_a_daily_named_by_its_city_is_a_source(extract) -> None:  # type: ignore[no-untyped-def]
    # "daily" read as a date or an adverb by the parser
    for city in ("Beijing", "Moscow"):
        text = f"A {city} daily reported that Pakistan had agreed to buy J-10C jets from China."
        (event,) = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
        assert (f"{city} daily", "claimed") in {(a["source"], a["stance"]) for a in event["attributions"]}


def test_saying_a_deal_is_not_a_big_one_denies_nothing(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Nepal bought six armoured vehicles from India. "Six vehicles is not a big contract, but it is a new '
        'supplier, and we should know the terms," the lawmaker said.'
    )
    events = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
    assert events and not any(a["stance"] == "denied" for e in events for a in e["attributions"])
    # saying it did not happen still denies it
    text = (
        "Nepal bought six armoured vehicles from India, a paper said. The minister said Nepal did not buy "
        "armoured vehicles from India."
    )
    events = [e for e in extract(text, "2024-05-01")["events"] if e["type"] == "transfer"]
    assert any(a["stance"] == "denied" for e in events for a in e["attributions"])


def test_a_states_representative_or_delegate_speaks_for_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = "Chile's representative told the Council that her country had sent 300 peacekeepers to Cyprus."
    (event,) = events_of(extract(text), "deployment")
    assert pairs(event) == {("Chile's representative", "confirmed")}
    text = "Speaking next, the delegate of Algeria said a Moroccan drone had struck two trucks near Tifariti."
    (strike,) = events_of(extract(text), "combat_use")
    assert pairs(strike) == {("delegate of Algeria", "claimed")}


def test_a_partys_own_state_agency_confirms_its_event(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Omani and British troops held a joint exercise near Duqm on Monday, the Oman News Agency reported."
    )
    (event,) = events_of(extract(text), "exercise")
    assert {a["stance"] for a in event["attributions"]} == {"confirmed"}
    # a third state's agency reporting it claims it
    text = (
        "Omani and British troops held a joint exercise near Duqm on Monday, the Kuwait News Agency reported."
    )
    (other,) = events_of(extract(text), "exercise")
    assert {a["stance"] for a in other["attributions"]} == {"claimed"}


def test_saying_there_are_no_forces_somewhere_denies_their_presence(extract) -> None:  # type: ignore[no-untyped-def]
    text = "The Turkish embassy said on Friday that there were no Turkish military personnel in Niger."
    (event,) = events_of(extract(text), "deployment")
    assert (event["roles"]["sender"], event["roles"]["destination"]) == ("Turkey", "Niger")
    assert {a["stance"] for a in event["attributions"]} == {"denied"}
    # in quotation marks, the speaker named after the quote denies it too
    quoted = '"There are no Turkish combat troops in Niger, only instructors," the spokesman told reporters.'
    (denied,) = events_of(extract(quoted), "deployment")
    assert {a["stance"] for a in denied["attributions"]} == {"denied"}
    # told by nobody, nothing is reported
    assert not events_of(extract("There are no Turkish troops in Niger."), "deployment")


def test_told_the_paper_is_heard_through_the_outlet_named_before(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Norway and Sweden signed a defence agreement on Tuesday, Aftenposten reported. The agreement lets "
        "Swedish units train in Norway, a Labour lawmaker told the paper."
    )
    (event,) = events_of(extract(text), "agreement")
    vias = {a["source"]: a.get("via") for a in event["attributions"] if a["source"]}
    assert vias.get("Labour lawmaker") == "Aftenposten", vias


def test_a_release_speaks_for_its_author_and_is_never_a_source_itself(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Elbit Systems has completed the delivery of 36 ATMOS howitzers to Morocco, the company said. "
        "According to the release, the last howitzers were handed over to Morocco in January."
    )
    sources = {a["source"] for e in extract(text)["events"] for a in e["attributions"]}
    assert "release" not in sources and "Elbit Systems" in sources
    text = (
        "According to a statement from Morocco's defence ministry, Israel delivered 36 howitzers to Morocco."
    )
    (event,) = events_of(extract(text), "transfer")
    assert event["attributions"][0]["source"] == "Morocco's defence ministry"


def test_a_denial_after_a_semicolon_answers_the_claim_before_it(extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Sudanese army said the UAE had supplied drones to the RSF; the UAE called the accusation false."
    )
    (event,) = events_of(extract(text), "transfer")
    assert ("United Arab Emirates", "denied") in pairs(event)
    # calling the deal something else denies nothing
    text = "Egypt said France had delivered two frigates to its navy; Cairo called the deal a milestone."
    assert all(a["stance"] != "denied" for e in extract(text)["events"] for a in e["attributions"])


def test_an_unnamed_source_with_a_phrase_after_it_claims(extract) -> None:  # type: ignore[no-untyped-def]
    for text, source in (
        ("A source close to the deal said Turkey had sold six drones to Kenya.", "source close to the deal"),
        ("An MP from the ruling party said Turkey had sold six drones to Kenya.", "MP"),
    ):
        (event,) = events_of(extract(text), "transfer")
        assert (event["attributions"][0]["source"], event["attributions"][0]["stance"]) == (
            source,
            "claimed",
        ), text


def test_a_deal_not_discussed_or_approved_elsewhere_is_not_denied(extract) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "The memorandum of understanding on defence training that Bangladesh signed with Pakistan on Tuesday "
        "was not discussed in the advisers' council before it was signed, officials have said.",
        "Bangladesh signed an MoU with Pakistan on Tuesday. Two officials said the text of the MoU was not "
        "placed before the council of advisers.",
    ):
        (event,) = events_of(extract(text), "agreement")
        assert all(a["stance"] != "denied" for a in event["attributions"]), text
    # a deal said not to have been signed is denied
    (denied,) = events_of(
        extract("The agreement between Kenya and Somalia was not signed, officials said."), "agreement"
    )
    assert ("officials", "denied") in pairs(denied)
