"""The network's query layer on SQLite and PostgreSQL (issue 13, item 6): a company is folded into its
state, with the makers on the edge, and the register filtered by the edge's states finds the same cases."""

from __future__ import annotations

from typing import Any

from armswatch.fuse import Fuser
from armswatch.query import RegisterFilters, network_edges, register
from armswatch.records import Attribution, Document, EntityRecord, Event, ExtractionRecord
from armswatch.store import Store


def deal(
    key: str,
    published: str,
    supplier: tuple[str, str, str | None],
    recipient: str,
    item: str,
    category: str,
    *,
    maker: str | None = None,
    denied: bool = False,
) -> ExtractionRecord:
    """One article reporting one transfer: supplier is (name, entity type, ISO3 country)."""
    text = f"{supplier[0]} delivered {item} to {recipient}."
    entities = [
        EntityRecord(supplier[0], supplier[1], supplier[2], None, []),
        EntityRecord(recipient, "country", None, None, []),
    ]
    roles: dict[str, Any] = {
        "supplier": supplier[0],
        "recipient": recipient,
        "item": item,
        "item_category": category,
    }
    if maker:
        roles["maker"] = maker
        entities.append(EntityRecord(maker, "company", "TUR", None, []))
    attributions = [Attribution(recipient, "denied", "denied")] if denied else []
    event = Event(
        type="transfer",
        roles=roles,
        status="delivery",
        date={"start": published[:7], "end": None},
        attributions=attributions,
        evidence=[(0, len(text))],
    )
    doc = Document(id=key, text=text, outlet="Test Wire", published=published)
    return ExtractionRecord(doc=doc, entities=entities, events=[event])


# Baykar (a Turkish company) and Turkey supply Azerbaijan; Turkey supplies Kenya; Russia supplies Algeria.
DEALS = [
    deal(
        "baykar-aze", "2024-01-10", ("Baykar", "company", "TUR"), "Azerbaijan", "Bayraktar TB2 drones", "uav"
    ),
    deal(
        "turkey-aze",
        "2024-03-02",
        ("Turkey", "country", "TUR"),
        "Azerbaijan",
        "Cobra armoured vehicles",
        "armoured_vehicle",
        maker="Otokar",
    ),
    deal("turkey-ken", "2024-05-20", ("Turkey", "country", "TUR"), "Kenya", "patrol boats", "ship"),
    deal(
        "russia-alg",
        "2025-03-10",
        ("Russia", "country", "RUS"),
        "Algeria",
        "Su-57 jets",
        "combat_aircraft",
        denied=True,
    ),
]


def fill(store: Store) -> None:
    fuser = Fuser()
    for record in DEALS:
        store.save(record, on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id))


def test_companies_are_folded_into_their_states_with_the_makers_on_the_edge(store: Store) -> None:
    fill(store)
    with store.sessions() as session:
        edges = network_edges(session, RegisterFilters())
    pairs = [(e.supplier, e.recipient) for e in edges]  # in name order; Baykar is no node of its own
    assert pairs == [("Russia", "Algeria"), ("Turkey", "Azerbaijan"), ("Turkey", "Kenya")]
    turkey_aze = edges[1]
    assert turkey_aze.cases == 2 and turkey_aze.makers == ["Baykar", "Otokar"]  # as supplier and as maker
    # No text names the Su-57's maker: since issue 15 the case takes the catalog's (weapons.yaml: Sukhoi)
    assert (edges[0].contested, edges[0].makers) == (1, ["Sukhoi"])
    with store.sessions() as session:  # the edge's link: the register by its two states finds its cases
        rows = register(session, RegisterFilters(supplier="Turkey", recipient="Azerbaijan"))
        assert sorted(r["item"] for r in rows) == ["Bayraktar TB2 drones", "Cobra armoured vehicles"]
        assert len(register(session, RegisterFilters(supplier="Turkish"))) == 3  # a demonym, companies too
        uav = network_edges(session, RegisterFilters(category="uav"))
    assert [(e.supplier, e.recipient, e.cases, e.makers) for e in uav] == [
        ("Turkey", "Azerbaijan", 1, ["Baykar"])
    ]
