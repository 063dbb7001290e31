"""Trigger, reporting-verb, item, number, currency, title and clutter lexicons from armswatch/data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from armswatch.ontology import DataError, Ontology, load_ontology, read_data


@dataclass(frozen=True)
class Trigger:
    lemma: str
    type: str
    status: str | None
    # "out": subject gives; "in": subject receives; "item"/"none": neither; "seized": neither, and the
    # cargo's sides are only those its phrase names
    direction: str | None
    needs: str | None


@dataclass(frozen=True)
class Lexicon:
    verb_triggers: dict[str, tuple[Trigger, ...]]
    noun_triggers: dict[str, tuple[Trigger, ...]]
    signing_verbs: frozenset[str]
    singular_only: frozenset[str]
    agreement_letters: frozenset[str]
    lender_words: frozenset[str]
    clash_verbs: frozenset[str]
    origin_verbs: frozenset[str]
    equipping_verbs: frozenset[str]
    purchase_verbs: frozenset[str]
    carrying_verbs: frozenset[str]
    moving_into_verbs: frozenset[str]
    gift_nouns: frozenset[str]
    opposing_verbs: frozenset[str]
    reaction_verbs: frozenset[str]
    arrival_host_verbs: frozenset[str]
    clearance_words: frozenset[str]
    framework_nouns: frozenset[str]
    participating_verbs: frozenset[str]
    handover_verbs: frozenset[str]
    two_way_verbs: frozenset[str]
    phrasal_verbs: dict[str, str]
    port_object_verbs: frozenset[str]
    crewed_verbs: frozenset[str]
    crew_nouns: frozenset[str]
    departure_verbs: frozenset[str]
    briefing_words: frozenset[str]
    aircraft_class_words: frozenset[str]
    schedule_participles: frozenset[str]
    seller_governors: frozenset[str]
    enabling_verbs: frozenset[str]
    counterpart_nouns: frozenset[str]
    delegation_nouns: frozenset[str]
    value_words: frozenset[str]
    buying_to_seller_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    service_verbs: frozenset[str]
    service_spans: frozenset[str]
    occasion_nouns: frozenset[str]
    pair_nouns: frozenset[str]
    signing_pair_nouns: frozenset[str]
    placement_verbs: frozenset[str]
    combat_operation_nouns: frozenset[str]
    giving_participles: frozenset[str]
    practice_targets: frozenset[str]
    visit_words: frozenset[str]
    occasion_preps: frozenset[str]
    trip_verbs: frozenset[str]
    sideline_nouns: frozenset[str]
    sport_words: frozenset[str]
    deal_nouns: dict[str, str]
    flight_objects: frozenset[str]
    listing_anaphors: frozenset[str]
    handover_escorts: frozenset[str]
    establishing_verbs: frozenset[str]
    financing_nouns: frozenset[str]
    aid_nouns: frozenset[str]
    training_purposes: frozenset[str]
    lender_deals: frozenset[str]
    credit_words: frozenset[str]
    force_nouns: frozenset[str]
    state_voice_nouns: frozenset[str]
    intrusion_nouns: frozenset[str]
    service_purposes: frozenset[str]
    firing_verbs: frozenset[str]
    fire_nouns: frozenset[str]
    harassment_shots: frozenset[str]
    ramming_verbs: frozenset[str]
    armed_group_nouns: frozenset[str]
    casualty_verbs: frozenset[str]
    armed_group_heads: frozenset[str]
    unnamed_group_words: frozenset[str]
    facility_nouns: frozenset[str]
    hosting_verbs: frozenset[str]
    area_nouns: frozenset[str]
    remote_words: frozenset[str]
    convening_verbs: frozenset[str]
    take_idioms: frozenset[str]
    customer_nouns: frozenset[str]
    munition_verbs: frozenset[str]
    support_verbs: frozenset[str]
    site_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    holding_verbs: frozenset[str]
    budget_verbs: frozenset[str]
    withdrawal_words: frozenset[str]
    payment_verbs: frozenset[str]
    heading_verbs: frozenset[str]
    joining_verbs: frozenset[str]
    envoy_nouns: frozenset[str]
    entering_verbs: frozenset[str]
    mover_verbs: frozenset[str]
    delivery_marks: frozenset[str]
    border_nouns: frozenset[str]
    state_homonyms: frozenset[str]
    contract_heads: frozenset[str]
    foreign_words: frozenset[str]
    commanding_verbs: frozenset[str]
    joint_words: frozenset[str]
    conduct_verbs: frozenset[str]
    other_deal_pronouns: frozenset[str]
    series_preps: frozenset[str]
    pledging_verbs: frozenset[str]
    holder_nouns: frozenset[str]
    assault_nouns: frozenset[str]
    alike_categories: frozenset[str]
    flying_categories: frozenset[str]
    flying_nouns: frozenset[str]
    making_nouns: frozenset[str]
    platform_categories: frozenset[str]
    civilian_platform_words: frozenset[str]
    civilian_use_words: frozenset[str]
    news_day_types: frozenset[str]
    financing_verbs: frozenset[str]
    fund_nouns: frozenset[str]
    financing_receiving_verbs: frozenset[str]
    withholding_verbs: frozenset[str]
    spending_verbs: frozenset[str]
    deployment_verbs: frozenset[str]
    mission_words: frozenset[str]
    proposal_words: frozenset[str]
    intent_markers: frozenset[str]
    exercising_verbs: frozenset[str]
    offer_markers: frozenset[str]
    future_markers: frozenset[str]
    conditional_marks: frozenset[str]
    refusal_verbs: frozenset[str]
    doubt_words: frozenset[str]
    negation_words: frozenset[str]
    nobody_words: frozenset[str]
    opposition_words: frozenset[str]
    sighting_verbs: frozenset[str]
    further_words: frozenset[str]
    container_preps: frozenset[str]
    anonymity_verbs: frozenset[str]
    classifying_verbs: frozenset[str]
    approval_verbs: frozenset[str]
    possible_words: frozenset[str]
    commitment_heads: frozenset[str]
    ratify_verbs: frozenset[str]
    light_verbs: frozenset[str]
    receiving_light_verbs: frozenset[str]
    supplying_light_verbs: frozenset[str]
    order_receiving_verbs: frozenset[str]
    order_nouns: frozenset[str]
    awarding_light_verbs: frozenset[str]
    personnel_nouns: frozenset[str]
    military_personnel_nouns: frozenset[str]
    military_modifiers: frozenset[str]
    military_words: frozenset[str]
    reporting_verbs: dict[str, str]
    statement_nouns: frozenset[str]
    question_labels: frozenset[str]
    section_labels: frozenset[str]  # "Verdict: ...": a page's section, in its own voice
    vocatives: frozenset[str]
    armed_service_words: frozenset[str]
    anonymous_sources: frozenset[str]
    source_postmodifiers: frozenset[str]
    onlooker_nouns: frozenset[str]
    legislator_sources: frozenset[str]
    legislatures: frozenset[str]
    source_nouns: frozenset[str]
    outlet_nouns: dict[str, str]
    media_words: frozenset[str]
    generic_outlet_words: frozenset[str]
    government_outlet_words: tuple[str, ...]
    platform_names: frozenset[str]
    government_domain_labels: frozenset[str]
    opinion_labels: frozenset[str]
    office_words: frozenset[str]
    country_code_domains: dict[str, str]
    press_offices: tuple[str, ...]
    unnamed_agency_credits: tuple[str, ...]
    report_nouns: frozenset[str]
    document_nouns: frozenset[str]
    located_speakers: frozenset[str]
    accusing_verbs: frozenset[str]
    labelling_verbs: frozenset[str]
    denial_words: frozenset[str]
    truth_words: frozenset[str]
    hearsay_nouns: frozenset[str]
    credit_openings: frozenset[str]
    opinion_nouns: frozenset[str]
    anaphoric_nouns: dict[str, str]
    deal_anaphors: frozenset[str]
    reporting_phrases: dict[str, str]
    via_cues: tuple[str, ...]
    hearer_verbs: frozenset[str]
    independent_bodies: frozenset[str]
    generic_items: dict[str, str]
    # what a generic item's last token can be (a quick test before a lookup)
    generic_item_ends: frozenset[str]
    unit_nouns: frozenset[str]
    carrier_preps: frozenset[str]
    counter_nouns: frozenset[str]
    container_nouns: frozenset[str]
    replacing_verbs: frozenset[str]
    destination_participles: frozenset[str]
    beside_preps: frozenset[str]
    part_nouns: frozenset[str]
    domestic_words: frozenset[str]
    vague_items: frozenset[str]
    force_bound_items: frozenset[str]
    vague_heads: frozenset[str]
    not_items: frozenset[str]
    launcher_categories: frozenset[str]
    launcher_nouns: frozenset[str]
    intangible_objects: frozenset[str]
    name_skip_words: frozenset[str]
    vessel_prefixes: frozenset[str]
    vessel_navies: dict[str, str]
    handed_on_words: frozenset[str]
    formation_nouns: frozenset[str]
    timed_presence: dict[str, tuple[Trigger, ...]]
    presence_adverbs: frozenset[str]
    handed_on_verbs: frozenset[str]
    previous_user_verbs: frozenset[str]
    previous_user_words: frozenset[str]
    presence_adjectives: frozenset[str]
    compass_words: frozenset[str]
    occurrence_verbs: frozenset[str]
    plant_nouns: frozenset[str]
    funded_facilities: frozenset[str]
    work_funding_verbs: frozenset[str]
    interceptor_nouns: frozenset[str]
    interceptor_crew_nouns: frozenset[str]
    interceptor_services: frozenset[str]
    strike_nouns: frozenset[str]
    downing_verbs: frozenset[str]
    earlier_words: frozenset[str]
    people_or_weapon: frozenset[str]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    vague_counts: frozenset[str]
    calibre_units: frozenset[str]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    currency_codes: frozenset[str]
    currency_pegs: dict[str, tuple[str, float]]  # code -> (base code, units per one base unit)
    title_words: frozenset[str]
    role_titles: frozenset[str]
    rank_words: frozenset[str]
    leading_verbs: frozenset[str]
    honorifics: frozenset[str]
    abbreviated_titles: tuple[str, ...]
    head_of_government_words: frozenset[str]
    organization_heads: frozenset[str]
    company_nouns: frozenset[str]
    body_heads: frozenset[str]
    clutter: tuple[re.Pattern[str], ...]
    link_heading: re.Pattern[str]
    link_item: re.Pattern[str]
    date_label: re.Pattern[str]
    date_line: re.Pattern[str]

    def names_a_paper(self, name: str) -> bool:
        """A name ending in a capitalised word papers are named by ("the Fiji Times", "the Jakarta Post")."""
        last = name.split()[-1].strip(".,'’") if name.split() else ""
        return last[:1].isupper() and self.outlet_nouns.get(last.lower()) == "name"

    def is_transfer_verb(self, lemma: str) -> bool:
        """A verb lemma that triggers a transfer ("buy", "deliver", "supply")."""
        # a choice ("chose the F-16 over rival offers") moves nothing: the nouns under it keep their own sides
        # nor does making ("the tanks, assembled under licence"): a sale only when made for a customer; nor
        # holding ("the jets it operates"): a past delivery only when what is held is told as foreign-built,
        # and "have" only with "on order"
        return not self.is_choice_verb(lemma) and any(
            t.type == "transfer" and t.needs not in ("customer", "foreign_built", "on_order")
            for t in self.verb_triggers.get(lemma.lower(), ())
        )

    def is_choice_verb(self, lemma: str) -> bool:
        """A verb of choosing a system ("select", "choose", "pick"): an intent that moves nothing itself."""
        return any(t.needs == "named_item" for t in self.verb_triggers.get(lemma.lower(), ()))


def _word_ends(terms: dict[str, str]) -> frozenset[str]:
    """The last word of each term and each of its ends after a hyphen or slash ("surface-to-air" gives
    "surface-to-air", "to-air" and "air"): a token that is none of these ends no term."""
    ends: set[str] = set()
    for term in terms:
        last = term.split()[-1]
        ends.add(last)
        ends.update(last[i + 1 :] for i, ch in enumerate(last) if ch in "-/")
    return frozenset(ends)


def _triggers(section: dict[str, object], source: str) -> dict[str, tuple[Trigger, ...]]:
    ontology = load_ontology()
    out: dict[str, tuple[Trigger, ...]] = {}
    for lemma, specs in section.items():
        readings: list[Trigger] = []
        for spec in specs if isinstance(specs, list) else [specs]:
            if not isinstance(spec, dict):
                raise DataError(f"{source}: trigger '{lemma}' must be a mapping or a list of mappings")
            readings.append(_trigger(str(lemma), spec, source, ontology))
        out[str(lemma)] = tuple(readings)
    return out


def _trigger(lemma: str, spec: dict[str, str], source: str, ontology: Ontology) -> Trigger:
    etype = spec.get("type")
    if etype not in ontology.event_types:
        raise DataError(f"{source}: trigger '{lemma}' has unknown event type {etype!r}")
    status = spec.get("status")
    if status is not None and status not in ontology.event_types[etype].statuses:
        raise DataError(f"{source}: trigger '{lemma}' has status {status!r} not defined for {etype}")
    return Trigger(lemma, etype, status, spec.get("direction"), spec.get("needs"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    ontology = load_ontology()
    trig = read_data("triggers.yaml")
    rep = read_data("reporting.yaml")
    mod = read_data("modality.yaml")
    items = read_data("items.yaml")
    nums = read_data("numbers.yaml")
    cur = read_data("currencies.yaml")
    titles = read_data("titles.yaml")
    clutter = read_data("clutter.yaml")
    for lemma, stance in rep["verbs"].items():
        if stance not in ontology.stances:
            raise DataError(f"reporting.yaml: verb '{lemma}' has unknown stance {stance!r}")
    for phrase, stance in rep["phrases"].items():
        if stance not in ontology.stances:
            raise DataError(f"reporting.yaml: phrase '{phrase}' has unknown stance {stance!r}")
    for field_name in ("alike_categories", "flying_categories", "platform_categories"):
        for category in items[field_name]:
            if category not in ontology.item_categories:
                raise DataError(f"items.yaml: {field_name} has unknown item_category {category!r}")
    generic: dict[str, str] = {}
    for term, category in items["generic_items"].items():
        if category not in ontology.item_categories:
            raise DataError(f"items.yaml: '{term}' has unknown item_category {category!r}")
        generic[" ".join(str(term).lower().split())] = category
    return Lexicon(
        verb_triggers=_triggers(trig["verbs"], "triggers.yaml"),
        timed_presence=_triggers(trig["timed_presence"], "triggers.yaml"),
        noun_triggers=_triggers(trig["nouns"], "triggers.yaml"),
        signing_verbs=frozenset(trig["signing_verbs"]),
        singular_only=frozenset(trig["singular_only"]),
        agreement_letters=frozenset(trig["agreement_letters"]),
        lender_words=frozenset(trig["lender_words"]),
        clash_verbs=frozenset(trig["clash_verbs"]),
        origin_verbs=frozenset(trig["origin_verbs"]),
        equipping_verbs=frozenset(trig["equipping_verbs"]),
        purchase_verbs=frozenset(trig["purchase_verbs"]),
        carrying_verbs=frozenset(trig["carrying_verbs"]),
        moving_into_verbs=frozenset(trig["moving_into_verbs"]),
        gift_nouns=frozenset(trig["gift_nouns"]),
        opposing_verbs=frozenset(trig["opposing_verbs"]),
        reaction_verbs=frozenset(trig["reaction_verbs"]),
        arrival_host_verbs=frozenset(trig["arrival_host_verbs"]),
        clearance_words=frozenset(trig["clearance_words"]),
        framework_nouns=frozenset(trig["framework_nouns"]),
        participating_verbs=frozenset(trig["participating_verbs"]),
        handover_verbs=frozenset(trig["handover_verbs"]),
        two_way_verbs=frozenset(trig["two_way_verbs"]),
        phrasal_verbs=dict(trig["phrasal_verbs"]),
        port_object_verbs=frozenset(trig["port_object_verbs"]),
        crewed_verbs=frozenset(trig["crewed_verbs"]),
        crew_nouns=frozenset(trig["crew_nouns"]),
        departure_verbs=frozenset(trig["departure_verbs"]),
        briefing_words=frozenset(trig["briefing_words"]),
        aircraft_class_words=frozenset(trig["aircraft_class_words"]),
        schedule_participles=frozenset(trig["schedule_participles"]),
        seller_governors=frozenset(trig["seller_governors"]),
        enabling_verbs=frozenset(trig["enabling_verbs"]),
        counterpart_nouns=frozenset(trig["counterpart_nouns"]),
        delegation_nouns=frozenset(trig["delegation_nouns"]),
        value_words=frozenset(trig["value_words"]),
        buying_to_seller_verbs=frozenset(trig["buying_to_seller_verbs"]),
        membership_nouns=frozenset(trig["membership_nouns"]),
        service_verbs=frozenset(trig["service_verbs"]),
        service_spans=frozenset(trig["service_spans"]),
        occasion_nouns=frozenset(trig["occasion_nouns"]),
        pair_nouns=frozenset(trig["pair_nouns"]),
        signing_pair_nouns=frozenset(trig["signing_pair_nouns"]),
        placement_verbs=frozenset(trig["placement_verbs"]),
        combat_operation_nouns=frozenset(trig["combat_operation_nouns"]),
        giving_participles=frozenset(trig["giving_participles"]),
        practice_targets=frozenset(trig["practice_targets"]),
        visit_words=frozenset(trig["visit_words"]),
        occasion_preps=frozenset(trig["occasion_preps"]),
        trip_verbs=frozenset(trig["trip_verbs"]),
        sideline_nouns=frozenset(trig["sideline_nouns"]),
        sport_words=frozenset(trig["sport_words"]),
        deal_nouns={str(k): str(v) for k, v in trig["deal_nouns"].items()},
        flight_objects=frozenset(trig["flight_objects"]),
        listing_anaphors=frozenset(trig["listing_anaphors"]),
        handover_escorts=frozenset(trig["handover_escorts"]),
        establishing_verbs=frozenset(trig["establishing_verbs"]),
        financing_nouns=frozenset(trig["financing_nouns"]),
        aid_nouns=frozenset(trig["aid_nouns"]),
        training_purposes=frozenset(trig["training_purposes"]),
        lender_deals=frozenset(trig["lender_deals"]),
        credit_words=frozenset(trig["credit_words"]),
        force_nouns=frozenset(trig["force_nouns"]),
        state_voice_nouns=frozenset(trig["state_voice_nouns"]),
        intrusion_nouns=frozenset(trig["intrusion_nouns"]),
        service_purposes=frozenset(trig["service_purposes"]),
        firing_verbs=frozenset(trig["firing_verbs"]),
        fire_nouns=frozenset(trig["fire_nouns"]),
        harassment_shots=frozenset(trig["harassment_shots"]),
        ramming_verbs=frozenset(trig["ramming_verbs"]),
        armed_group_nouns=frozenset(trig["armed_group_nouns"]),
        casualty_verbs=frozenset(trig["casualty_verbs"]),
        armed_group_heads=frozenset(trig["armed_group_heads"]),
        unnamed_group_words=frozenset(trig["unnamed_group_words"]),
        facility_nouns=frozenset(trig["facility_nouns"]),
        hosting_verbs=frozenset(trig["hosting_verbs"]),
        area_nouns=frozenset(trig["area_nouns"]),
        remote_words=frozenset(trig["remote_words"]),
        convening_verbs=frozenset(trig["convening_verbs"]),
        take_idioms=frozenset(trig["take_idioms"]),
        customer_nouns=frozenset(trig["customer_nouns"]),
        munition_verbs=frozenset(trig["munition_verbs"]),
        support_verbs=frozenset(trig["support_verbs"]),
        site_nouns=frozenset(trig["site_nouns"]),
        capital_nouns=frozenset(trig["capital_nouns"]),
        holding_verbs=frozenset(trig["holding_verbs"]),
        budget_verbs=frozenset(trig["budget_verbs"]),
        withdrawal_words=frozenset(trig["withdrawal_words"]),
        payment_verbs=frozenset(trig["payment_verbs"]),
        heading_verbs=frozenset(trig["heading_verbs"]),
        joining_verbs=frozenset(trig["joining_verbs"]),
        envoy_nouns=frozenset(trig["envoy_nouns"]),
        entering_verbs=frozenset(trig["entering_verbs"]),
        mover_verbs=frozenset(trig["mover_verbs"]),
        delivery_marks=frozenset(trig["delivery_marks"]),
        border_nouns=frozenset(trig["border_nouns"]),
        state_homonyms=frozenset(trig["state_homonyms"]),
        contract_heads=frozenset(trig["contract_heads"]),
        foreign_words=frozenset(trig["foreign_words"]),
        commanding_verbs=frozenset(trig["commanding_verbs"]),
        joint_words=frozenset(trig["joint_words"]),
        conduct_verbs=frozenset(trig["conduct_verbs"]),
        other_deal_pronouns=frozenset(trig["other_deal_pronouns"]),
        series_preps=frozenset(trig["series_preps"]),
        pledging_verbs=frozenset(trig["pledging_verbs"]),
        holder_nouns=frozenset(trig["holder_nouns"]),
        assault_nouns=frozenset(trig["assault_nouns"]),
        alike_categories=frozenset(items["alike_categories"]),
        flying_categories=frozenset(items["flying_categories"]),
        flying_nouns=frozenset(items["flying_nouns"]),
        making_nouns=frozenset(items["making_nouns"]),
        platform_categories=frozenset(items["platform_categories"]),
        civilian_platform_words=frozenset(items["civilian_platform_words"]),
        civilian_use_words=frozenset(items["civilian_use_words"]),
        news_day_types=frozenset(trig["news_day_types"]),
        financing_verbs=frozenset(trig["financing_verbs"]),
        fund_nouns=frozenset(trig["fund_nouns"]),
        financing_receiving_verbs=frozenset(trig["financing_receiving_verbs"]),
        withholding_verbs=frozenset(trig["withholding_verbs"]),
        spending_verbs=frozenset(trig["spending_verbs"]),
        deployment_verbs=frozenset(trig["deployment_verbs"]),
        mission_words=frozenset(trig["mission_words"]),
        proposal_words=frozenset(trig["proposal_words"]),
        intent_markers=frozenset(mod["intent_markers"]),
        exercising_verbs=frozenset(mod["exercising_verbs"]),
        offer_markers=frozenset(mod["offer_markers"]),
        future_markers=frozenset(mod["future_markers"]),
        conditional_marks=frozenset(mod["conditional_marks"]),
        refusal_verbs=frozenset(mod["refusal_verbs"]),
        doubt_words=frozenset(mod["doubt_words"]),
        negation_words=frozenset(mod["negation_words"]),
        nobody_words=frozenset(mod["nobody_words"]),
        opposition_words=frozenset(mod["opposition_words"]),
        sighting_verbs=frozenset(mod["sighting_verbs"]),
        further_words=frozenset(mod["further_words"]),
        container_preps=frozenset(mod["container_preps"]),
        anonymity_verbs=frozenset(mod["anonymity_verbs"]),
        classifying_verbs=frozenset(mod["classifying_verbs"]),
        approval_verbs=frozenset(mod["approval_verbs"]),
        possible_words=frozenset(mod["possible_words"]),
        commitment_heads=frozenset(mod["commitment_heads"]),
        ratify_verbs=frozenset(trig["ratify_verbs"]),
        light_verbs=frozenset(trig["light_verbs"]),
        receiving_light_verbs=frozenset(trig["receiving_light_verbs"]),
        supplying_light_verbs=frozenset(trig["supplying_light_verbs"]),
        order_receiving_verbs=frozenset(trig["order_receiving_verbs"]),
        order_nouns=frozenset(trig["order_nouns"]),
        awarding_light_verbs=frozenset(trig["awarding_light_verbs"]),
        personnel_nouns=frozenset(trig["personnel_nouns"]),
        military_personnel_nouns=frozenset(trig["military_personnel_nouns"]),
        military_modifiers=frozenset(trig["military_modifiers"]),
        military_words=frozenset(trig["military_words"]),
        reporting_verbs=dict(rep["verbs"]),
        statement_nouns=frozenset(rep["statement_nouns"]),
        question_labels=frozenset(rep["question_labels"]),
        section_labels=frozenset(rep["section_labels"]),
        vocatives=frozenset(rep["vocatives"]),
        armed_service_words=frozenset(rep["armed_service_words"]),
        anonymous_sources=frozenset(rep["anonymous_sources"]),
        source_postmodifiers=frozenset(rep["source_postmodifiers"]),
        onlooker_nouns=frozenset(rep["onlooker_nouns"]),
        legislator_sources=frozenset(rep["legislator_sources"]),
        legislatures=frozenset(rep["legislatures"]),
        source_nouns=frozenset(rep["source_nouns"]),
        outlet_nouns={str(k): str(v) for k, v in rep["outlet_nouns"].items()},
        media_words=frozenset(rep["media_words"]),
        generic_outlet_words=frozenset(rep["generic_outlet_words"]),
        government_outlet_words=tuple(rep["government_outlet_words"]),
        platform_names=frozenset(rep["platform_names"]),
        government_domain_labels=frozenset(rep["government_domain_labels"]),
        opinion_labels=frozenset(rep["opinion_labels"]),
        office_words=frozenset(rep["office_words"]),
        country_code_domains={k: v.upper() for k, v in rep["country_code_domains"].items()},
        press_offices=tuple(rep["press_offices"]),
        unnamed_agency_credits=tuple(rep["unnamed_agency_credits"]),
        report_nouns=frozenset(rep["report_nouns"]),
        document_nouns=frozenset(rep["document_nouns"]),
        located_speakers=frozenset(rep["located_speakers"]),
        accusing_verbs=frozenset(rep["accusing_verbs"]),
        labelling_verbs=frozenset(rep["labelling_verbs"]),
        denial_words=frozenset(rep["denial_words"]),
        truth_words=frozenset(rep["truth_words"]),
        hearsay_nouns=frozenset(rep["hearsay_nouns"]),
        credit_openings=frozenset(rep["credit_openings"]),
        opinion_nouns=frozenset(rep["opinion_nouns"]),
        anaphoric_nouns=dict(rep["anaphoric_nouns"]),
        deal_anaphors=frozenset(rep["deal_anaphors"]),
        reporting_phrases=dict(rep["phrases"]),
        via_cues=tuple(rep["via_cues"]),
        hearer_verbs=frozenset(rep["hearer_verbs"]),
        independent_bodies=frozenset(rep["independent_bodies"]),
        generic_items=generic,
        generic_item_ends=_word_ends(generic),
        unit_nouns=frozenset(items["unit_nouns"]),
        carrier_preps=frozenset(items["carrier_preps"]),
        counter_nouns=frozenset(items["counter_nouns"]),
        container_nouns=frozenset(items["container_nouns"]),
        replacing_verbs=frozenset(items["replacing_verbs"]),
        destination_participles=frozenset(items["destination_participles"]),
        beside_preps=frozenset(items["beside_preps"]),
        part_nouns=frozenset(items["part_nouns"]),
        domestic_words=frozenset(items["domestic_words"]),
        vague_items=frozenset(str(v).lower() for v in items["vague_items"]),
        force_bound_items=frozenset(items["force_bound_items"]),
        vague_heads=frozenset(items["vague_heads"]),
        not_items=frozenset(str(v).lower() for v in items["not_items"]),
        launcher_categories=frozenset(items["launcher_categories"]),
        launcher_nouns=frozenset(items["launcher_nouns"]),
        intangible_objects=frozenset(items["intangible_objects"]),
        name_skip_words=frozenset(items["name_skip_words"]),
        vessel_prefixes=frozenset(items["vessel_prefixes"]),
        vessel_navies={str(k): str(v) for k, v in items["vessel_navies"].items()},
        handed_on_words=frozenset(trig["handed_on_words"]),
        formation_nouns=frozenset(trig["formation_nouns"]),
        presence_adverbs=frozenset(trig["presence_adverbs"]),
        handed_on_verbs=frozenset(trig["handed_on_verbs"]),
        previous_user_verbs=frozenset(trig["previous_user_verbs"]),
        previous_user_words=frozenset(trig["previous_user_words"]),
        presence_adjectives=frozenset(trig["presence_adjectives"]),
        compass_words=frozenset(trig["compass_words"]),
        occurrence_verbs=frozenset(trig["occurrence_verbs"]),
        plant_nouns=frozenset(trig["plant_nouns"]),
        funded_facilities=frozenset(trig["funded_facilities"]),
        work_funding_verbs=frozenset(trig["work_funding_verbs"]),
        interceptor_nouns=frozenset(items["interceptor_nouns"]),
        interceptor_crew_nouns=frozenset(items["interceptor_crew_nouns"]),
        interceptor_services=frozenset(items["interceptor_services"]),
        strike_nouns=frozenset(items["strike_nouns"]),
        downing_verbs=frozenset(items["downing_verbs"]),
        earlier_words=frozenset(items["earlier_words"]),
        people_or_weapon=frozenset(items["people_or_weapon"]),
        number_words={str(k): int(v) for k, v in nums["words"].items()},
        multipliers={str(k): int(v) for k, v in nums["multipliers"].items()},
        vague_counts=frozenset(nums["vague"]),
        calibre_units=frozenset(nums["calibre_units"]),
        currency_symbols={str(k): str(v) for k, v in cur["symbols"].items()},
        currency_words={str(k): str(v) for k, v in cur["words"].items()},
        currency_codes=frozenset(cur["codes"]),
        currency_pegs={str(k): (str(v["base"]), float(v["rate"])) for k, v in cur["pegs"].items()},
        title_words=frozenset(titles["title_words"]),
        role_titles=frozenset(titles["role_titles"]),
        rank_words=frozenset(titles["rank_words"]),
        leading_verbs=frozenset(titles["leading_verbs"]),
        honorifics=frozenset(titles["honorifics"]),
        abbreviated_titles=tuple(titles["abbreviated_titles"]),
        head_of_government_words=frozenset(titles["head_of_government_words"]),
        organization_heads=frozenset(titles["organization_heads"]),
        company_nouns=frozenset(titles["company_nouns"]),
        body_heads=frozenset(titles["body_heads"]),
        clutter=tuple(re.compile(p) for p in clutter["line_patterns"]),
        link_heading=re.compile(clutter["link_heading"]),
        link_item=re.compile(clutter["link_item"]),
        date_label=re.compile(clutter["date_label"]),
        date_line=re.compile(clutter["date_line"]),
    )
