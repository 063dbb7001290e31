"""Fusion you can trust: the same cases whatever the ingest order (property tests over shuffled inputs),
reports of one deal grouped by date distance instead of a fixed grid, independent origins counted right
(copies by containment, agency credits, one government's state media), entity ids on cases and event
actors, statements behind each fused value, and a database of the previous schema carried over."""

from __future__ import annotations

import itertools
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from armswatch.attribute import credited_agency
from armswatch.fuse import (
    AGENCY_COPY_OVERLAP,
    Fuser,
    branch_in,
    cluster_by_date,
    government_domain,
    government_outlet,
    platform_holder,
)
from armswatch.lexicon import load_lexicon
from armswatch.normalise import day_of
from armswatch.records import (
    UNNAMED_AGENCIES,
    Attribution,
    Document,
    EntityRecord,
    Event,
    ExtractionRecord,
)
from armswatch.store import (
    COPY_OVERLAP,
    CaseRow,
    CaseStatementRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    Store,
    body_sketch,
    current_revision,
    head_revision,
    open_store,
    overlap_of,
)

# ---- clustering by date ---------------------------------------------------------------------------------


@given(
    st.lists(st.integers(min_value=0, max_value=4000), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=800),
    st.randoms(use_true_random=False),
)
def test_date_clusters_do_not_depend_on_the_order(days: list[int], window: int, rng: Any) -> None:
    start = date(2015, 1, 1)
    members: list[tuple[int, date | None]] = [(i, start + timedelta(days=d)) for i, d in enumerate(days)]
    members.append((len(days), None))  # an undated report
    shuffled = members[:]
    rng.shuffle(shuffled)
    as_sets = lambda runs: sorted(sorted(i for i, _ in run) for run in runs)  # noqa: E731
    assert as_sets(cluster_by_date(members, window)) == as_sets(cluster_by_date(shuffled, window))
    for run in cluster_by_date(members, window):
        dated = sorted(d for _, d in run if d is not None)
        assert all((b - a).days <= window for a, b in itertools.pairwise(dated))


def test_an_order_and_its_delivery_a_year_later_are_one_deal_a_decade_apart_two() -> None:
    window = 2190  # transfers, as ontology.yaml says
    order, delivery, new_order = date(2021, 11, 3), date(2022, 9, 14), date(2032, 5, 1)
    runs = cluster_by_date([(1, order), (2, delivery), (3, new_order)], window)
    assert sorted(sorted(i for i, _ in r) for r in runs) == [[1, 2], [3]]


def test_a_year_alone_takes_the_report_day_it_covers() -> None:
    assert day_of("2021", "2021-09-12") == date(2021, 9, 12)
    assert day_of("2021", "2023-01-01") == date(2021, 7, 1)
    assert day_of("2021-05", None) == date(2021, 5, 15)
    assert day_of(None, "2020-02-02") == date(2020, 2, 2)
    assert day_of(None, None) is None


# ---- origins: credits and copies -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Title\n\nANKARA, March 3 (Reuters) - Turkey delivered drones.", "Reuters"),
        ("Title\n\nMOSCOW, March 3 /TASS/. Russia delivered jets.", "TASS"),
        ("Title\n\nThe ministry confirmed the deal.\n\nWith inputs from Reuters", "Reuters"),
        ("Title\n\nThe ministry confirmed the deal.\n\n— AFP", "AFP"),
        ("Title\n\nThe ministry confirmed the deal.\n(With inputs from PTI and ANI)", "PTI"),
        ("Title\n\nSource: Anadolu Agency", "Anadolu Agency"),
        ("Reuters\n\nA headline that is an outlet's name is no credit.", None),
        ("Title\n\nThe deal, first reported by Reuters, was confirmed.", None),
        # a rewrite whose lede is told on an agency's word
        (
            "Staff Correspondent\n\nThe air force has signed a contract with China for 16 fighter aircraft, "
            "the biggest purchase of jets in its history, according to AFP.\n\nThe ministry said more.",
            "AFP",
        ),
        (
            "Title\n\nJapan plans to give Indonesia 2.4 billion yen to buy fast patrol boats for its navy, "
            "Kyodo News reported Tuesday, citing government sources.",
            "Kyodo",
        ),
        (
            "Title\n\nThe air force has signed a contract with China for 16 fighter aircraft, the biggest "
            "purchase of jets in its history, according to the defence ministry.",
            None,
        ),
        # the desk's initials after the agency, a copyright line, a byline, a report carried by an agency
        ("Title\n\nThe ministry confirmed the deal.\n\n— dpa/ab/cd", "dpa"),
        (
            "Title\n\nThe ministry confirmed it.\n\n(c) Copyright Thomson Reuters 2026. All rights reserved.",
            "Reuters",
        ),
        ("Title\n\nBy Bernama\n\nKUALA LUMPUR: The two navies signed a pact on Monday.", "Bernama"),
        ("Title\n\nBy Aisha Rahman\n\nKUALA LUMPUR: The two navies signed a pact on Monday.", None),
        (
            "Title\n\nKenya has sent 400 police officers to Haiti, according to a report carried by China's "
            "Xinhua news agency on Friday.\n\nMore text.",
            "Xinhua",
        ),
        # a byline "with" the agency; a place line ending in a colon; a credit line of hashtags; a short form
        # read only as a credit; a rewrite's formula in its second paragraph
        (
            "Daily Sabah | Africa\nDAILY SABAH WITH AA\nISTANBUL\n\nThe army said so on Thursday.",
            "Anadolu Agency",
        ),
        ("Title\n\nOslo (NTB): Kongsberg has signed a contract with Poland.", "NTB"),
        ("Title\n\nThe contract was signed on Monday.\n\n©NTB / #Norway Today / #NorwayNews", "NTB"),
        (
            "Title\n\nWarsaw, 12.05.2026 (PAP) - The navy has taken over a new squadron.",
            "Polish Press Agency",
        ),
        (
            "Title\n\nNigeria and the Republic of Niger have signed a defence cooperation agreement to fight "
            "terrorism, banditry and cross-border crimes together.\n\n"
            "The News Agency of Nigeria, NAN, reports that the agreement was signed on Thursday in Abuja "
            "by the two defence ministers.",
            "News Agency of Nigeria",
        ),
        # an agency's photo, or a credit line naming no agency: the text may be an agency's (its copy when it
        # repeats a report); a portal's syndication note naming the agency credits it
        ("Title\n\nThe ministry confirmed the deal.\n\nPhoto: AFP / Getty Images", UNNAMED_AGENCIES),
        ("Title\n\nThe ministry confirmed the deal.\n\n(With agency inputs)", UNNAMED_AGENCIES),
        (
            "Title\n\nThe ministry confirmed the deal.\n\n(This story has not been edited by our staff "
            "and is published from a syndicated feed.)",
            UNNAMED_AGENCIES,
        ),
        (
            "Title\n\nThe ministry confirmed the deal.\n\nThis story was published via the AAP newswire "
            "and has not been edited by the Daily.",
            "Australian Associated Press",
        ),
        # a sentence of the story that says agencies reported it is no credit line
        (
            "Title\n\nThe ministry confirmed the deal, which was first reported by several agencies with "
            "agency inputs from the region and by the local press, on Tuesday evening in the capital.",
            None,
        ),
        ("Title\n\nThe AA battery was moved to the border.\n\nMore text.", None),
        # a closing byline with the desk's address
        ("Title\n\nThe deal was signed on Friday.\n\nYONHAP [yonhap@yna.example]", "Yonhap"),
        # a portal's copy under the agency's byline with its posting time
        (
            "Title\n\nThe Canadian Press · Posted: Mar 3, 2026 9:14 AM EST\n\nOttawa will send 20 trainers.",
            "The Canadian Press",
        ),
        ("Title\n\nPA Media | Updated 4 June 2026\n\nThe ministry confirmed the order.", "PA Media"),
        # a wire's rewrite of another outlet's report, under the wire's own dateline, is that outlet's
        (
            "Title\n\nKUALA LUMPUR, March 4 (Bernama) -- Brunei's army has received ten armoured vehicles "
            "from Singapore, the government news portal Pelita Brunei reported.",
            "Pelita Brunei",
        ),
        (
            "Title\n\nKUALA LUMPUR, March 4 (Bernama) -- Brunei's army has received ten armoured vehicles "
            "from Singapore, a defence ministry official said.",
            "Bernama",
        ),
        # an author field in a page's byline line; a source line naming two agencies; a byline with the place
        # filed from; a closing note of a copy "with information from" an agency; a copyright line
        ("Title\n\n4 March 2026, 10:12 | Author: ANSA\n\nThe navy took over two patrol boats.", "ANSA"),
        ("Title\n\nThe navy took over two patrol boats.\n\nSource: Tanjug, ANSA\n\nTags: navy", "Tanjug"),
        ("Title\n\nPublicado em 04/03/2026 | Por EFE* - Madrid\n\nThe navy took over two boats.", "EFE"),
        ("Title\n\nThe navy took over two patrol boats.\n\n*Con información de EFE\n\nTags: navy", "EFE"),
        ("Title\n\nThe navy took over two patrol boats.\n\n© 2026 Kyodo\n\nRead more", "Kyodo"),
        # the French and Spanish words of an unnamed agencies' credit
        ("Title\n\nThe navy took over two patrol boats.\n\n— Agences\n\nShare", UNNAMED_AGENCIES),
        # a "Text:" credit line beside a photo credit; "(Agencies)" in parentheses on a line of its own
        ("Title\n\nThe navy took over two patrol boats.\n\nText: ANSA\nPhoto: private\n\nTags: navy", "ANSA"),
        ("Title\n\nThe navy took over two patrol boats.\n\n(Agencies)\n\nShare", UNNAMED_AGENCIES),
        # a sentence on the text of a treaty names no credit
        (
            "Title\n\nThe text: Kyodo saw it first, officials said, on Monday in Tokyo after a long wait.",
            None,
        ),
        # a sentence that names an agency after a comma is no source line
        ("Title\n\nThe navy took over two patrol boats, Kyodo, citing officials, said on Monday.", None),
        # a copy's notes: the original's site, the agency's own boilerplate line, a republication note, a
        # rewrite "on the basis of materials from" an agency
        (
            "Title\n\nThe navy took over two boats.\n\nRead the original article on dw.com\n\nShare",
            "Deutsche Welle",
        ),
        ("Title\n\nThe navy took over two boats.\n\nMore stories like this are available on ansa.it", "ANSA"),
        ("Title\n\nThe navy took over two boats.\n\nThe Thomson Reuters Trust Principles.", "Reuters"),
        (
            "Title\n\nThe navy took over two boats.\n\nThis story is republished with permission from VOA.",
            "VOA",
        ),
        ("Title\n\nCompiled on the basis of materials from TASS\n\nThe navy took over two boats.", "TASS"),
        # a site named in a sentence of the story is no note
        ("Title\n\nThe navy took over two boats, a report on the ansa.it site said on Monday.", None),
        # a translated "with material from" an agency; a portal's label over an agency's copy; a copyright
        # line with the agency's full name; a syndication partner's note; an agency signed after a dash at the
        # end of a paragraph; an image's alt text closed by an agency's credit
        ("Title\n\nThe navy took over two boats.\n\n(With material from the SDA)\n\nShare", "Keystone-SDA"),
        ("Title\n\nWire service content · Interfax\n\nThe navy took over two boats.", "Interfax"),
        ("Title\n\nAgency-sourced | ANSA\n\nThe navy took over two boats.", "ANSA"),
        (
            "Title\n\nThe navy took over two boats.\n\nCopyright © 2026 Agence France-Presse. All rights "
            "reserved.",
            "AFP",
        ),
        (
            "Title\n\nThe navy took over two boats.\n\nThe Daily publishes this story as a syndication "
            "partner of PACNEWS.",
            "PACNEWS",
        ),
        ("Title\n\nThe navy took over two boats, the ministry said on Thursday. —Reuters\n\nMore", "Reuters"),
        (
            "Title\n\n[Image alt text: sailors on the deck of a patrol boat. (AP)]\n\nThe navy took over two "
            "boats.",
            UNNAMED_AGENCIES,
        ),
        # an agency named after a dash inside a paragraph is no sign-off
        ("Title\n\nThe navy, Reuters said — Reuters staff agreed — took over two boats on Monday.", None),
    ],
)
def test_the_agency_an_article_credits(text: str, agency: str | None) -> None:
    assert credited_agency(text, load_lexicon().unnamed_agency_credits) == agency


def test_an_agency_after_a_dash_at_the_end_of_a_headline_credits_it() -> None:
    text = "Rebels and the army trade claims over an attack\n\nThe army said it had repelled the attack."
    lex = load_lexicon()
    title = "Rebels and the army trade claims over an attack - AFP"
    assert credited_agency(text, lex.unnamed_agency_credits, "Nile Herald", title) == "AFP"
    # a headline that only names an agency in its words is no credit
    title = "AFP journalist hurt as rebels and the army trade fire"
    assert credited_agency(text, lex.unnamed_agency_credits, "Nile Herald", title) is None


def test_an_article_with_reporting_of_its_own_is_no_rewrite_of_the_agency_it_cites() -> None:
    text = (
        "Title\n\nThe air force has taken delivery of its first four trainers, as it rebuilds its pilot "
        "training pipeline for a new generation of fighter jets.\n\n"
        "The aircraft landed at the air base on Tuesday after a ferry flight, the state news agency "
        "Agerpres reported.\n\nA defence ministry official told FlightGlobal that two simulators follow."
    )
    # told on its own reporter's word ("told FlightGlobal"): the agency only gave a detail
    assert credited_agency(text, load_lexicon().unnamed_agency_credits, "FlightGlobal") is None
    # the same formula with no reporting of its own is the agency's text rewritten
    assert credited_agency(text, load_lexicon().unnamed_agency_credits, "Aviation Daily") == "Agerpres"


STORY = [
    "Turkey has delivered the first six of twelve Bayraktar TB2 armed drones ordered by Niger last year, "
    "the defence ministry in Niamey said on Tuesday, after a ceremony at the air base near the capital.",
    "The drones were bought under a contract signed in November, officials said, without giving its value. "
    "Niger's army has been fighting armed groups along its borders with Mali and Burkina Faso for a decade.",
    "A ministry spokesman said pilots and technicians had been trained in Turkey over the summer and that "
    "the remaining drones would arrive before the end of the year, along with spare parts and ammunition.",
    "Turkish drones have been sold to more than thirty countries, and the makers say demand in Africa "
    "has grown faster than anywhere else since the wars in Libya and Nagorno-Karabakh.",
    "Analysts said the purchase would give the government in Niamey a way to watch remote areas it cannot "
    "reach by road, but warned that drones alone would not end an insurgency that feeds on local grievances.",
]


def test_a_cut_copy_with_other_clutter_is_a_copy_and_another_story_is_not() -> None:
    original = "\n\n".join(STORY)
    copy = "\n\n".join(
        [
            "By Staff Writer",
            "Advertisement",
            *STORY[:3],
            "Read more: Sahel security in focus",
            "Follow us on X",
        ]
    )
    other = (
        "Niger's government signed a deal with Turkey for armoured vehicles on Monday, officials said, in a "
        "ceremony in the capital. The vehicles will be delivered next year, and the contract includes "
        "training for crews and maintenance for five years, a ministry statement said on Monday evening."
    )
    a, size_a = body_sketch(original)
    b, size_b = body_sketch(copy)
    c, size_c = body_sketch(other)
    assert overlap_of(float(a.jaccard(b)), size_a, size_b) >= 0.8
    assert float(a.jaccard(b)) < 0.8  # Jaccard alone would miss the shortened copy
    assert overlap_of(float(a.jaccard(c)), size_a, size_c) < 0.5


def test_a_lightly_edited_copy_is_still_a_copy() -> None:
    # a syndicated copy that rewords a few phrases in every paragraph keeps well under 0.8 of the original's
    # five-word shingles, but far more than another outlet's own story of the same deal
    edits = [
        [("has delivered", "has handed over"), ("said on Tuesday", "announced on Tuesday")],
        [("without giving", "without disclosing"), ("officials said", "officials stated")],
        [("had been trained", "were trained"), ("would arrive", "would be delivered")],
        [("faster than", "more quickly than"), ("more than thirty", "over 30")],
    ]
    edited = []
    for paragraph, changes in zip(STORY, edits, strict=False):
        for old, new in changes:
            assert old in paragraph
            paragraph = paragraph.replace(old, new)
        edited.append(paragraph)
    copy = "\n\n".join(["Share on Facebook   Share on X", *edited, "Subscribe to our newsletter."])
    a, size_a = body_sketch("\n\n".join(STORY))
    b, size_b = body_sketch(copy)
    assert COPY_OVERLAP <= overlap_of(float(a.jaccard(b)), size_a, size_b) < 0.8


# ---- the store: order independence, origins, ids, statements --------------------------------------------


def record(
    key: str,
    published: str,
    outlet: str | None,
    text: str,
    event: Event,
    credit: str | None = None,
) -> ExtractionRecord:
    names = {v for r, v in event.roles.items() if r in ("supplier", "recipient", "sender", "destination")}
    entities = [EntityRecord(n, "country", CODES[n], None, []) for n in sorted(names)]
    if "item" in event.roles and event.roles["item"] == "Bayraktar TB2":
        entities.append(EntityRecord("Baykar", "company", "TUR", None, []))
    doc = Document(id=key, text=text, outlet=outlet, published=published, credit=credit)
    return ExtractionRecord(doc, entities, [event])


CODES = {"Turkey": "TUR", "Niger": "NER", "Russia": "RUS", "Mali": "MLI", "France": "FRA", "Chad": "TCD"}


def transfer(status: str, when: str | None, *attributions: Attribution, item: str = "Bayraktar TB2") -> Event:
    return Event(
        "transfer",
        {"supplier": "Turkey", "recipient": "Niger", "item": item, "item_category": "uav", "quantity": 12},
        status=status,
        date={"start": when, "end": None} if when else None,
        attributions=list(attributions),
        evidence=[(0, 20)],
    )


def deployment(when: str, personnel: str) -> Event:
    return Event(
        "deployment",
        {"sender": "Russia", "destination": "Mali", "personnel": personnel},
        date={"start": when, "end": None},
        attributions=[Attribution("officials", "asserted", "said")],
        evidence=[(0, 20)],
    )


def fusion_records() -> list[ExtractionRecord]:
    original = "\n\n".join(STORY)
    copy = "\n\n".join(["By Staff Writer", "Advertisement", *STORY[:3], "Read more: Sahel security"])
    said = Attribution("the defence ministry", "asserted", "said")
    return [
        record(
            "order-wire", "2021-11-04", "Reuters", "ORDER " + original, transfer("order", "2021-11", said)
        ),
        record(
            "order-copy",
            "2021-11-05",
            "Sahel Daily Mirror",
            "ORDER " + copy,
            transfer("order", "2021-11", said),
        ),
        record(
            "delivery-tass",
            "2022-09-14",
            "TASS",
            "Niger has received Turkish attack drones, a source in the region told the agency on Wednesday.",
            transfer("delivery", "2022-09", said),
        ),
        record(
            "delivery-ria",
            "2022-09-15",
            "RIA Novosti",
            "The first batch of unmanned aircraft has landed in Niamey, the agency learned from officials.",
            transfer("delivery", "2022-09-15", said),
        ),
        record(
            "reprint-credit",
            "2022-09-16",
            "Niamey Evening Post",
            "Turkey delivered drones to Niger. With inputs from Reuters\n\nWith inputs from Reuters",
            transfer("delivery", "2022-09", said),
            credit="Reuters",
        ),
        record(
            "denial",
            "2022-09-20",
            "Le Monde",
            "Turkey's foreign ministry denied that any drones had been sold to Niger.",
            transfer("delivery", None, Attribution("Turkey", "denied", "denied")),
        ),
        # a distractor: the same two states, another system
        record(
            "other-deal",
            "2022-03-01",
            "AP",
            "Niger ordered armoured vehicles from Turkey, the ministry said.",
            transfer("order", "2022-03", said, item="Kirpi"),
        ),
        # one deployment, said three ways over three weeks, and the same pair's deployment two years later
        record(
            "troops-1",
            "2021-12-20",
            "AFP",
            "Russian troops arrived in Mali.",
            deployment("2021-12-20", "troops"),
        ),
        record(
            "troops-2",
            "2022-01-04",
            "AP",
            "Russian soldiers are in Bamako.",
            deployment("2022-01", "soldiers"),
        ),
        record(
            "troops-3",
            "2022-01-10",
            "Reuters",
            "A Russian airborne unit deployed to Mali.",
            deployment("2022-01-08", "76th Guards Air Assault Division"),
        ),
        record(
            "troops-later",
            "2024-03-02",
            "AFP",
            "More Russian troops for Mali.",
            deployment("2024-03", "troops"),
        ),
    ]


def snapshot(store: Store) -> set[tuple[str, int, bool, tuple[str, ...]]]:
    with store.sessions() as session:
        members: dict[int, set[str]] = {}
        for case_id, key in session.execute(
            select(EventRow.case_id, DocumentRow.doc_key).join(
                DocumentRow, EventRow.document_id == DocumentRow.id
            )
        ):
            members.setdefault(case_id, set()).add(key)
        return {
            (c.case_key, c.n_origins, c.contested, tuple(sorted(members.get(c.id, set()))))
            for c in session.scalars(select(CaseRow))
        }


def ingest_in_order(store: Store, records: list[ExtractionRecord]) -> None:
    fuser = Fuser()
    for item in records:
        store.save(item, on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))


def test_cases_origins_and_flags_of_the_fusion_story(store: Store) -> None:
    ingest_in_order(store, fusion_records())
    cases = {members: (key, origins, contested) for key, origins, contested, members in snapshot(store)}
    deal = ("delivery-ria", "delivery-tass", "denial", "order-copy", "order-wire", "reprint-credit")
    assert deal in cases, cases  # the order and the delivery a year later: one deal
    key, origins, contested = cases[deal]
    # Reuters (its wire story, the cut copy and the credited reprint), Russia's state media, Le Monde
    assert (origins, contested) == (3, True)
    assert ("other-deal",) in cases  # the distractor stays out
    assert ("troops-1", "troops-2", "troops-3") in cases  # troops, soldiers and a unit: one deployment
    assert ("troops-later",) in cases
    with store.sessions() as session:
        case = session.scalar(select(CaseRow).where(CaseRow.case_key == key))
        assert case is not None
        groups = {g["voice"]: g for g in case.origins}
        assert sorted(groups["Reuters"]["reports"]) == ["order-copy", "order-wire", "reprint-credit"]
        assert "copy of order-wire" in groups["Reuters"]["why"]["order-copy"]
        assert "credits Reuters" in groups["Reuters"]["why"]["reprint-credit"]
        assert sorted(groups["state media of Russia"]["reports"]) == ["delivery-ria", "delivery-tass"]
        assert not groups["state media of Russia"]["party_state_media"]  # Russia is no party to this deal
        # entities by id, and the reports behind each fused value
        turkey = session.scalar(
            select(EntityRow).where(EntityRow.name == "Turkey", EntityRow.type == "country")
        )
        assert turkey is not None and case.supplier_id == turkey.id
        actor_ids = set(
            session.scalars(select(EventActorRow.entity_id).where(EventActorRow.name == "Turkey"))
        )
        assert actor_ids == {turkey.id}
        statements = session.scalars(
            select(CaseStatementRow).where(CaseStatementRow.case_id == case.id)
        ).all()
        status = {(s.value, s.chosen) for s in statements if s.prop == "status"}
        assert ("delivery", True) in status and ("order", False) in status
        quantity = [s for s in statements if s.prop == "quantity"]
        assert len(quantity) == 6 and all(s.value == "12" and s.chosen for s in quantity)


def test_state_media_of_a_party_are_flagged(store: Store) -> None:
    said = Attribution("officials", "asserted", "said")
    event = Event(
        "transfer",
        {"supplier": "Russia", "recipient": "Mali", "item": "Su-25", "item_category": "combat_aircraft"},
        status="delivery",
        attributions=[said],
        evidence=[(0, 10)],
    )
    entities = [
        EntityRecord("Russia", "country", "RUS", None, []),
        EntityRecord("Mali", "country", "MLI", None, []),
    ]
    ingest_in_order(
        store,
        [
            ExtractionRecord(
                Document("a", "Russia delivered jets to Mali.", outlet="TASS", published="2022-08-09"),
                entities,
                [event],
            ),
            ExtractionRecord(
                Document("b", "Mali got Russian jets, it said.", outlet="AFP", published="2022-08-10"),
                entities,
                [event],
            ),
        ],
    )
    with store.sessions() as session:
        (case,) = session.scalars(select(CaseRow)).all()
        flagged = {g["voice"]: g["party_state_media"] for g in case.origins}
    assert flagged == {"state media of Russia": True, "AFP": False}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(list(range(11))))
def test_any_ingest_order_gives_the_same_cases(tmp_path: Path, order: list[int]) -> None:
    records = fusion_records()
    reference = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    if not snapshot(reference):
        ingest_in_order(reference, records)
    shuffled = open_store(f"sqlite:///{tmp_path / ('run-' + '-'.join(map(str, order)) + '.db')}")
    ingest_in_order(shuffled, [fusion_records()[i] for i in order])
    assert snapshot(shuffled) == snapshot(reference)
    reference.engine.dispose()
    shuffled.engine.dispose()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # SQLite's downgrade copies tables
def test_a_database_of_the_previous_schema_is_carried_over(db_url: str) -> None:
    from alembic import command

    from armswatch.store import alembic_config

    store = open_store(db_url)
    ingest_in_order(store, fusion_records())
    before = snapshot(store)
    command.downgrade(alembic_config(store.engine), "0003")
    store.engine.dispose()
    again = open_store(db_url)  # upgrades to 0004 and re-fuses once
    assert current_revision(again.engine) == head_revision(again.engine)
    assert snapshot(again) == before
    with again.sessions() as session:
        assert session.scalar(select(EventRow.id).where(EventRow.fuse_key.is_(None))) is None
        assert session.scalar(select(CaseStatementRow.id).limit(1)) is not None
        # every actor row that names a stored entity is linked to it again (items here are no entities)
        unlinked = select(EventActorRow.name).where(
            EventActorRow.entity_id.is_(None), EventActorRow.name.in_(select(EntityRow.name))
        )
        assert session.scalars(unlinked).all() == []
        linked = select(EventActorRow.name).where(EventActorRow.entity_id.is_not(None)).distinct()
        assert {"Turkey", "Niger", "Russia", "Mali"} <= set(session.scalars(linked))
    again.engine.dispose()


def test_the_case_shows_how_its_origins_were_counted(tmp_path: Path) -> None:
    """The API, the case page and `armswatch case` list each voice with its reports and the reason."""
    import subprocess

    from armswatch.web.app import Settings
    from conftest import client_for

    url = f"sqlite:///{tmp_path / 'origins.db'}"
    store = open_store(url)
    ingest_in_order(store, fusion_records())
    with store.sessions() as session:
        case_id = session.scalar(select(CaseRow.id).where(CaseRow.n_origins == 3))
    assert case_id is not None
    with client_for(store, Settings(token=None, lock_reads=False)) as client:
        detail = client.get(f"/api/cases/{case_id}").json()
        voices = {g["voice"]: g for g in detail["case"]["origin_groups"]}
        assert set(voices) == {"Reuters", "state media of Russia", "Le Monde"}
        page = client.get(f"/cases/{case_id}").text
    assert "How the origins were counted" in page and "copy of order-wire" in page
    shown = subprocess.run(
        [str(Path(sys.executable).parent / "armswatch"), "case", str(case_id), "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "160"},
    )
    assert shown.returncode == 0, shown.stderr
    assert "independent origins" in shown.stdout and "credits Reuters" in shown.stdout
    store.engine.dispose()


def test_removing_the_report_that_bridged_two_dates_splits_the_case(store: Store) -> None:
    """Reports of 2016 and 2024 are one deal only through a report of 2020 between them; when that report
    is re-read without the event (reprocess), the key is clustered again and the two stand apart."""
    said = Attribution("officials", "asserted", "said")
    records = [
        record(
            f"r{year}",
            f"{year}-03-01",
            "AFP",
            f"Report of {year} on the drones.",
            transfer("order", None, said),
        )
        for year in (2016, 2020, 2024)
    ]
    ingest_in_order(store, records)
    assert len(snapshot(store)) == 1
    fuser = Fuser()
    with store.sessions() as session:
        bridge = session.scalar(select(DocumentRow.id).where(DocumentRow.doc_key == "r2020"))
    assert bridge is not None
    emptied = ExtractionRecord(records[1].doc, records[1].entities, [])
    store.replace_extraction(
        bridge, emptied, on_replaced=lambda session, doc_id, old: fuser.fuse_document(session, doc_id, old)
    )
    assert sorted(members for *_, members in snapshot(store)) == [("r2016",), ("r2024",)]


def test_the_names_people_use_find_the_actor(store: Store) -> None:
    """A demonym, another name or a capital finds the state; a company finds the deals it made; its
    page lists them (issue 13: "Turkish", "Türkiye" or "Baykar" found nothing)."""
    from armswatch.query import RegisterFilters, actor_cases, register

    said = Attribution("officials", "asserted", "said")
    made = transfer("delivery", "2022-09", said)
    made.roles["maker"] = "Baykar"
    ingest_in_order(store, [record("made", "2022-09-14", "AFP", "Turkey delivered Baykar's drones.", made)])
    with store.sessions() as session:
        for name in ("Turkey", "Turkish", "Türkiye", "Ankara", "baykar"):
            rows = register(session, RegisterFilters(supplier=name))
            assert [r["supplier"] for r in rows] == ["Turkey"], name
        assert [r["recipient"] for r in register(session, RegisterFilters(recipient="Nigerien"))] == ["Niger"]
        assert register(session, RegisterFilters(supplier="Niger")) == []  # a recipient is no supplier
        baykar = session.scalar(select(EntityRow).where(EntityRow.name == "Baykar"))
        assert baykar is not None
        assert [c.item for c in actor_cases(session, baykar)] == ["Bayraktar TB2"]


def test_the_register_page_offers_the_names_it_has(tmp_path: Path) -> None:
    from armswatch.web.app import Settings
    from conftest import client_for

    store = open_store(f"sqlite:///{tmp_path / 'names.db'}")
    ingest_in_order(store, fusion_records())
    with client_for(store, Settings(token=None, lock_reads=False)) as client:
        page = client.get("/register", params={"supplier": "Turky"}).text
        found = client.get("/register", params={"supplier": "Turkish"}).text
    assert "No case matches" in page and "Did you mean supplier" in page
    assert 'class="suggestion" href="/register?supplier=Turkey"' in page
    assert "No case matches" not in found and "Bayraktar TB2" in found
    store.engine.dispose()


def test_an_undated_report_of_drones_names_neither_of_two_systems(store: Store) -> None:
    tb2 = transfer("order", "2023-03", item="Bayraktar TB2")
    akinci = transfer("order", "2024-06", item="Bayraktar Akıncı")
    undated = transfer("order", None, item="drones")  # "X has also bought drones": no date of its own
    dated = transfer("delivery", "2024-07", item="drones")
    ingest_in_order(
        store,
        [
            record("tb2", "2023-03-10", "Reuters", "TB2 order.", tb2),
            record("akinci", "2024-06-05", "AFP", "Akinci order.", akinci),
            record("undated", "2024-06-20", "BBC", "Background.", undated),
            record("dated", "2024-07-20", "DW", "Drones delivered.", dated),
        ],
    )
    cases = {members for *_, members in snapshot(store)}
    # published days after the Akinci order, yet it says nothing of when it bought: it stays apart
    assert ("undated",) in cases, cases
    assert ("akinci", "dated") in cases, cases  # a dated report joins the system clearly nearest in time
    assert ("tb2",) in cases, cases


@pytest.mark.parametrize(
    ("system", "category", "vague", "precise"),
    [
        ("Abukuma-class destroyer escort", "ship", "equipment", "air surveillance radars"),
        # a vague head however it is described ("engineering equipment") can be the vehicles; radars not
        ("Dongfeng Mengshi", "armoured_vehicle", "engineering equipment", "coastal radars"),
    ],
)
def test_an_item_of_no_category_joins_a_system_only_when_it_is_a_vague_word(
    system: str, category: str, vague: str, precise: str
) -> None:
    roles = {
        1: {"item": system, "item_category": category},
        2: {"item": precise, "item_category": "other"},
        3: {"item": vague, "item_category": "other"},
    }
    days = {1: date(2026, 2, 10), 2: date(2026, 2, 10), 3: date(2026, 2, 10)}
    groups = Fuser().item_groups(roles, days, 2190)
    assert groups[3] == groups[1] != groups[2]


def test_a_short_form_two_agencies_sign_with_is_the_articles_own_agency() -> None:
    from armswatch.fuse import credited_outlet

    own = credited_outlet("Algeria Press Service", "Agence de Presse Sénégalaise")
    assert own is not None and own.country == "SEN"  # "Dakar, 11 June (APS) -" in the Senegalese agency
    other = credited_outlet("Algeria Press Service", "Le Monde")
    assert other is not None and other.country == "DZA"


def test_an_envoy_named_beside_two_states_is_no_side_of_the_pact(store: Store) -> None:
    said = Attribution("officials", "asserted", "said")

    def pact(*parties: str) -> Event:
        return Event(
            "agreement",
            {"parties": list(parties), "topic": "defence cooperation agreement"},
            status="signed",
            date={"start": "2025-06-24", "end": None},
            attributions=[said],
            evidence=[(0, 10)],
        )

    states = [
        EntityRecord("Ghana", "country", "GHA", None, []),
        EntityRecord("Togo", "country", "TGO", None, []),
    ]
    envoy = [*states, EntityRecord("Kofi Mensah", "person", None, None, [])]
    ingest_in_order(
        store,
        [
            ExtractionRecord(
                Document("gna", "Ghana and Togo signed a pact.", outlet="GNA", published="2025-06-24"),
                envoy,
                [pact("Ghana", "Togo", "Kofi Mensah")],
            ),
            ExtractionRecord(
                Document("rfi", "Togo and Ghana sealed a pact.", outlet="RFI", published="2025-06-25"),
                states,
                [pact("Togo", "Ghana")],
            ),
        ],
    )
    assert {members for *_, members in snapshot(store)} == {("gna", "rfi")}


def test_an_outlet_name_of_generic_words_names_no_other_outlet() -> None:
    from armswatch.fuse import media_outlet

    assert media_outlet("National news agency (Portugal, English)") is None
    lebanese = media_outlet("National News Agency")
    assert lebanese is not None and lebanese.country == "LBN"
    russian = media_outlet("RIA Novosti English")  # a distinctive name inside a longer one still counts
    assert russian is not None and russian.country == "RUS"


def test_a_rewrite_crediting_unnamed_agencies_is_the_copy_of_the_report_it_repeats(store: Store) -> None:
    said = Attribution("officials", "asserted", "said")
    wire = "\n\n".join(STORY)
    # another paper keeps two of the wire's paragraphs among more of its own and credits "agency inputs":
    # under the share that makes a copy of any report, over what independent reports share
    rewrite = "\n\n".join(
        [
            "Niger has received its first Turkish armed drones, a step its government calls decisive in a "
            "long fight against armed groups in the west of the country.",
            STORY[0],
            "The regional bloc has not commented on the purchase, and neighbouring states are watching "
            "closely as the junta looks for new partners after the break with France.",
            STORY[3],
            "Diplomats in the capital expect more orders from Ankara next year, including armoured vehicles "
            "and training aircraft for the air force.",
            "(With agency inputs)",
        ]
    )
    # a third credits agencies too but tells the story in its own words
    own = (
        "Six Bayraktar TB2 drones landed at the Niamey air base this week, our correspondent saw, and "
        "ground crews trained in Turkey began preparing them for patrols over the tri-border area. An air "
        "force officer said the remaining six would come before the rains.\n\n(With agency inputs)"
    )
    records = [
        record("wire", "2026-03-03", "AFP", wire, transfer("delivery", "2026-03-03", said)),
        record(
            "rewrite",
            "2026-03-04",
            "The Sahel Daily",
            rewrite,
            transfer("delivery", "2026-03-03", said),
            UNNAMED_AGENCIES,
        ),
        record(
            "own",
            "2026-03-04",
            "Niamey Evening",
            own,
            transfer("delivery", "2026-03-03", said),
            UNNAMED_AGENCIES,
        ),
    ]
    a, size_a = body_sketch(wire)
    b, size_b = body_sketch(rewrite)
    assert AGENCY_COPY_OVERLAP <= overlap_of(float(a.jaccard(b)), size_a, size_b) < COPY_OVERLAP
    ingest_in_order(store, records)
    with store.sessions() as session:
        (case,) = session.scalars(select(CaseRow)).all()
        groups = {g["voice"]: g for g in case.origins}
        assert case.n_origins == 2
        assert sorted(groups["AFP"]["reports"]) == ["rewrite", "wire"]
        assert "copy of wire" in groups["AFP"]["why"]["rewrite"]
        assert groups["Niamey Evening"]["reports"] == ["own"]


def test_a_background_line_in_a_story_of_another_deal_is_no_origin(store: Store) -> None:
    said = Attribution("officials", "asserted", "said")
    voice = Attribution(None, "asserted", None)
    body = "Turkey has delivered drones to Niger. " + "More on the day's other news. " * 30
    wire = record("wire", "2026-03-03", "AFP", body, transfer("delivery", "2026-03-03", said))
    seen = "Six drones landed at the Niamey air base, our reporter saw. " + "Crews trained in Turkey. " * 30
    local = record("local", "2026-03-04", "Niamey Evening", seen, transfer("delivery", "2026-03-03", said))
    # a story of another deal (Turkish armoured vehicles) that recalls the drones in a line of its own voice,
    # far down; a story of another kind of event (Russian instructors) that does so is a report all the same
    recall = transfer("delivery", "2026-03-03", voice)
    recall.evidence = [(700, 760)]
    story = transfer("delivery", "2026-03-05", said, item="Otokar Cobra II")
    text = "Turkey delivered armoured vehicles to Niger. " + "Background on the Sahel. " * 40
    other = ExtractionRecord(
        Document(id="other-story", text=text, outlet="Sahel Weekly", published="2026-03-05"),
        [EntityRecord(n, "country", CODES[n], None, []) for n in ("Mali", "Niger", "Russia", "Turkey")],
        [story, recall],
    )
    recall_again = transfer("delivery", "2026-03-03", voice)
    recall_again.evidence = [(700, 760)]
    troops = ExtractionRecord(
        Document(
            id="troops-story",
            text=text.replace("Turkey delivered armoured vehicles to", "Russian instructors arrived in"),
            outlet="Bamako Herald",
            published="2026-03-05",
        ),
        [EntityRecord(n, "country", CODES[n], None, []) for n in ("Mali", "Niger", "Russia", "Turkey")],
        [deployment("2026-03-05", "instructors"), recall_again],
    )
    ingest_in_order(store, [wire, local, other, troops])
    with store.sessions() as session:
        case = session.scalar(
            select(CaseRow).where(CaseRow.type == "transfer", CaseRow.item == "Bayraktar TB2")
        )
        assert case is not None and case.n_sources == 4
        groups = {g["voice"]: g for g in case.origins}
        assert case.n_origins == 3  # AFP, the local paper and the troops story; the recall is listed apart
        assert groups["mentioned in passing"]["reports"] == ["other-story"]
        assert groups["mentioned in passing"]["passing"] and not groups["AFP"]["passing"]


def test_an_outlet_named_as_a_government_body_is_that_states_voice() -> None:
    assert government_outlet("Government of Monaco") == "MCO"
    assert government_outlet("Ministry of Defence (Kosovo)") == "XKX"
    assert government_outlet("Office of the Prime Minister (Cook Islands)") == "COK"
    # named in its own language, accents and all
    assert government_outlet("Ministère des Forces armées du Bénin") == "BEN"
    assert government_outlet("Ministerio de Defensa de la República del Paraguay") == "PRY"
    assert government_outlet("Le Quotidien du Bénin") is None
    # an outlet of a place that is no government body, or a body naming no state, speaks for none
    assert government_outlet("Monaco Tribune") is None
    assert government_outlet("Office of the Prime Minister") is None
    # its release and the state's own broadcaster are one voice; a release crediting an agency is the agency's
    fuser = Fuser()
    release = SimpleNamespace(credit=None, outlet="Government of Monaco", doc_key="a")
    broadcast = SimpleNamespace(credit=None, outlet="Monaco Info", doc_key="b")
    credited = SimpleNamespace(credit="AFP", outlet="Government of Monaco", doc_key="c")
    assert fuser.report_voice(release, [])[0] == fuser.report_voice(broadcast, [])[0] == "state:MCO"
    assert fuser.report_voice(credited, [])[0] == "outlet:afp"


def test_reports_of_a_clash_with_an_unnamed_group_are_one_case(store: Store) -> None:
    said = Attribution("the army", "asserted", "said")

    def clash(group: str, when: str) -> Event:
        return Event(
            "clash",
            {"parties": [group, "Chad"], "location": "Lake Chad"},
            date={"start": when, "end": None},
            attributions=[said],
            evidence=[(0, 10)],
        )

    def report(key: str, outlet: str, group: str, when: str) -> ExtractionRecord:
        entities = [
            EntityRecord("Chad", "country", "TCD", None, []),
            EntityRecord(group, "armed_group", None, None, []),
        ]
        return ExtractionRecord(
            Document(key, f"{group} attacked an army post.", outlet=outlet, published=when),
            entities,
            [clash(group, when)],
        )

    ingest_in_order(
        store,
        [
            report("afp", "AFP", "About 30 armed gunmen", "2026-03-02"),
            report("tchadinfos", "Tchadinfos", "jihadist fighters", "2026-03-02"),
            report("alwihda", "Alwihda", 'several "terrorists', "2026-03-03"),
            report("atp", "ATP", "an armed group", "2026-03-02"),  # "armed" makes the plain word a group
            report("army", "Army of Chad", "armed civilians", "2026-03-02"),  # an army communiqué's word
            report("local", "Le Progres", "nine cattle rustlers", "2026-03-03"),  # words of their trade
            report("other", "RFI", "Boko Haram", "2026-03-02"),
            report("named", "VOA", "Bakura fighters", "2026-03-02"),  # a faction's name, however written
        ],
    )
    cases = {members for *_, members in snapshot(store)}
    assert ("afp", "alwihda", "army", "atp", "local", "tchadinfos") in cases, cases
    assert ("other",) in cases and ("named",) in cases, cases  # a named group is its own side


def clash_report(key: str, state: tuple[str, str], group: str, when: str, place: str) -> ExtractionRecord:
    """One report of a clash between a state (name, ISO code) and a group, in the army's words."""
    entities = [
        EntityRecord(state[0], "country", state[1], None, []),
        EntityRecord(group, "armed_group", None, None, []),
    ]
    fight = Event(
        "clash",
        {"parties": [state[0], group], "location": place},
        date={"start": when, "end": None},
        attributions=[Attribution("the army", "asserted", "said")],
        evidence=[(0, 10)],
    )
    return ExtractionRecord(
        Document(key, f"{group} attacked the post.", outlet=key, published=when), entities, [fight]
    )


def test_a_clash_report_naming_the_group_joins_the_reports_that_name_none(store: Store) -> None:
    burkina = ("Burkina Faso", "BFA")
    ingest_in_order(
        store,
        [
            # the army's statement names no group, the wire suspects one, the group claims the attack
            clash_report("ministry", burkina, "an extremist group", "2026-04-02", "Djibo"),
            clash_report("wire", burkina, "suspected jihadists", "2026-04-02", "Djibo"),
            clash_report("claim", burkina, "JNIM", "2026-04-03", "Djibo"),
            # another group, weeks later: another fight
            clash_report("later", burkina, "Islamic State", "2026-05-20", "Djibo"),
            clash_report("later-wire", burkina, "gunmen", "2026-05-20", "Djibo"),
        ],
    )
    cases = {members for *_, members in snapshot(store)}
    assert ("claim", "ministry", "wire") in cases, cases
    assert ("later", "later-wire") in cases, cases


def test_a_group_and_its_branch_named_beside_a_state_are_one_side_of_one_clash(store: Store) -> None:
    yemen = ("Yemen", "YEM")
    ingest_in_order(
        store,
        [
            clash_report(key, yemen, group, "2025-09-14", "Abyan")
            for key, group in (("agency", "al-Qaeda"), ("wire", "AQAP"), ("daily", "gunmen"))
        ],
    )
    cases = {members for *_, members in snapshot(store)}
    assert ("agency", "daily", "wire") in cases, cases


def test_a_transnational_group_beside_a_state_of_its_branch_is_that_branch() -> None:
    # "al-Qaeda fighters attacked a post in Abyan" and "AQAP attacked the post": one side of one clash
    assert branch_in("al-Qaeda", {"al-Qaeda", "YEM"}) == "AQAP"
    assert branch_in("Islamic State", {"Islamic State", "NGA"}) == "ISWAP"
    # where it has no branch, or beside no state, it stays itself
    assert branch_in("al-Qaeda", {"al-Qaeda", "FRA"}) == "al-Qaeda"
    assert branch_in("YEM", {"al-Qaeda", "YEM"}) == "YEM"


def test_a_maker_the_catalog_knows_acts_for_its_home_state_whatever_came_first(store: Store) -> None:
    said = Attribution("the ministry", "asserted", "said")

    def report(key: str, maker_state: str) -> ExtractionRecord:
        entities = [
            EntityRecord("Chile", "country", "CHL", None, []),
            EntityRecord("Lockheed Martin", "company", maker_state, None, []),
        ]
        pact = Event(
            "agreement",
            {"parties": ["Chile", "Lockheed Martin"], "topic": "letter of intent"},
            date={"start": "2025-06-18", "end": None},
            attributions=[said],
            evidence=[(0, 10)],
        )
        text = "Chile signed a letter of intent with Lockheed Martin."
        return ExtractionRecord(Document(key, text, outlet=key, published="2025-06-18"), entities, [pact])

    # one article misplaced the maker: the catalog says whose it is, whichever report came first
    ingest_in_order(store, [report("odd", "PRT"), report("one", "USA"), report("two", "USA")])
    keys = {key for key, *_ in snapshot(store)}
    assert keys == {"agreement|CHL+USA|2025-06-18"}, keys


def test_a_page_on_a_government_domain_is_that_states_voice() -> None:
    assert government_domain("https://www.defense.gouv.fr/actualites/x") == "FRA"
    assert government_domain("https://mod.go.ke/news/kdf-contingent") == "KEN"
    assert government_domain("https://www.gob.pe/institucion/mindef/noticias/1") == "PER"
    assert government_domain("https://www.gov.uk/government/news/x") == "GBR"
    assert government_domain("https://www.defense.gov/News/Releases/") == "USA"
    # no government label, or a label that is a name's first word, tells no state
    for url in ("https://apnews.com/article/x", "https://go.com/x", "https://www.govtech.com/a", None):
        assert government_domain(url) is None, url
    fuser = Fuser()
    release = SimpleNamespace(credit=None, outlet="Ministere des Armees", url="https://www.defense.gouv.fr/a")
    assert fuser.report_voice(release, [])[0] == "state:FRA"


def test_a_trade_site_retelling_a_makers_release_is_the_makers_voice() -> None:
    fuser = Fuser()
    release = SimpleNamespace(credit=None, outlet="Elbit Systems", doc_key="a")
    said = SimpleNamespace(source="Elbit Systems", via=None)
    retold = SimpleNamespace(credit=None, outlet="Defence Daily Wire", doc_key="b")
    assert fuser.report_voice(retold, [said, said])[0] == fuser.report_voice(release, [])[0]
    # a report with a voice of its own beside the maker's is its own
    own = SimpleNamespace(source="a Moroccan official", via=None)
    assert fuser.report_voice(retold, [said, own])[0] == "outlet:defence daily wire"


def test_a_surviving_faction_stands_for_its_movement_in_its_state() -> None:
    assert branch_in("Shining Path", {"Shining Path", "PER"}) == "Militarized Communist Party of Peru"
    assert branch_in("Shining Path", {"Shining Path", "COL"}) == "Shining Path"


def test_an_office_holders_opinion_page_is_that_states_voice() -> None:
    text = (
        "Opinion\n\nWhy we will keep helping\n\nby Anna Berg\nMarch 2, 2026\n\n"
        "Anna Berg is the Minister of Defence of Norway.\n\nYesterday I decided that Norway will pay for "
        "more shells."
    )
    fuser = Fuser()
    oped = SimpleNamespace(credit=None, outlet="The Baltic Ledger", url="https://ledger.example/a", text=text)
    release = SimpleNamespace(credit=None, outlet="Government of Norway", url=None)
    assert fuser.report_voice(oped, [])[0] == fuser.report_voice(release, [])[0] == "state:NOR"
    # an opinion page by an analyst, and a news page by a minister, are their outlet's own
    analyst = text.replace("the Minister of Defence of Norway", "a researcher at a Norwegian institute")
    news = text.replace("Opinion\n\n", "World\n\n")
    for body in (analyst, news):
        page = SimpleNamespace(
            credit=None, outlet="The Baltic Ledger", url="https://ledger.example/a", text=body
        )
        assert fuser.report_voice(page, [])[0] == "outlet:baltic ledger"  # with or without its "the"


def test_a_post_on_a_platform_is_its_account_holders_voice() -> None:
    fuser = Fuser()
    release = SimpleNamespace(credit=None, outlet="Elbit Systems", doc_key="a", text="Elbit Systems wins ...")
    post = SimpleNamespace(
        credit=None,
        outlet="LinkedIn",
        doc_key="b",
        text="LinkedIn\n\nElbit Systems\n120,300 followers\n\nProud to announce our new contract ...",
    )
    channel = SimpleNamespace(
        credit=None,
        outlet="Telegram",
        doc_key="c",
        text="Telegram | Government of Monaco | @govmc\n\nThe Prince received the minister ...",
    )
    assert fuser.report_voice(post, [])[0] == fuser.report_voice(release, [])[0]
    assert fuser.report_voice(channel, [])[0] == "state:MCO"
    assert platform_holder("LinkedIn", post.text) == "Elbit Systems"
    # a post whose account the text does not name, and an outlet that is no platform, are their own
    unnamed = SimpleNamespace(credit=None, outlet="LinkedIn", doc_key="d", text="LinkedIn\n\nA proud day!")
    assert fuser.report_voice(unnamed, [])[0] == "outlet:linkedin"
    assert platform_holder("The Baltic Ledger", post.text) is None


def test_a_brief_retelling_one_papers_scoop_is_that_papers_voice() -> None:
    fuser = Fuser()
    paper = SimpleNamespace(credit=None, outlet="The Fiji Times", doc_key="a", text="")
    brief = SimpleNamespace(credit=None, outlet="Pacific Brief", doc_key="b", text="")
    cited = SimpleNamespace(source="Fiji Times", via=None)
    again = SimpleNamespace(source="paper", via=None)  # "the paper says": the one named before
    assert fuser.report_voice(brief, [cited, again])[0] == fuser.report_voice(paper, [])[0]
    # with a word of its own, or citing a body that is no paper, the brief is its own
    own = SimpleNamespace(source=None, via=None)
    body = SimpleNamespace(source="Fiji Police Force", via=None)
    assert fuser.report_voice(brief, [cited, own])[0] == "outlet:pacific brief"
    assert fuser.report_voice(brief, [body])[0] == "outlet:pacific brief"


def test_an_excerpt_page_linking_to_the_whole_story_credits_its_outlet() -> None:
    lex = load_lexicon()
    body = "Title\n\nThe navy took over two patrol boats on Monday, the paper has learned...\n\n"
    for note in ("Continue reading on Le Calame »", "Source: Le Calame | Published on 11-02-2026 09:40"):
        assert credited_agency(body + note + "\n", lex.unnamed_agency_credits, "Cridem") == "Le Calame"
    # a line that only names the outlet in a sentence of its own is no such link
    text = body + "Le Calame's source said the boats would sail in May.\n"
    assert credited_agency(text, lex.unnamed_agency_credits, "Cridem") is None


def test_a_digest_item_credited_to_an_outlet_is_that_outlets_voice(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Morning Brief\n\nTOP STORIES\n\nFiji orders four patrol boats from Australia\n"
        "As reported by Defence Connect: The Republic of Fiji Navy will receive four Guardian-class patrol "
        "boats from Australia next year.\n\nA navy spokesperson confirmed the order, telling the outlet the "
        "boats will patrol the exclusive economic zone.\nRead more\n\nSenate passes budget\n"
        "The Senate passed the budget on Thursday.\n"
    )
    record = next(
        pipeline.extract([Document(id="d", text=text, published="2025-07-11", outlet="Morning Brief")])
    )
    (order,) = [e for e in record.to_dict()["events"] if e["type"] == "transfer"]
    assert ("Defence Connect", "claimed") in {(a["source"], a["stance"]) for a in order["attributions"]}
    heard = [a for a in order["attributions"] if a["source"] == "navy spokesperson"]
    assert heard and all(a.get("via") == "Defence Connect" for a in heard)
    fuser = Fuser()
    brief = SimpleNamespace(credit=None, outlet="Morning Brief", doc_key="b", text=text)
    site = SimpleNamespace(credit=None, outlet="Defence Connect", doc_key="a", text="")
    rows = [SimpleNamespace(source=a["source"], via=a.get("via")) for a in order["attributions"]]
    assert fuser.report_voice(brief, rows)[0] == fuser.report_voice(site, [])[0]
