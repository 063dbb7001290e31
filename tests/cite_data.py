"""Stored cases for the citation, stance and date tests, built from hand-made extraction records (no
model): a drone deal claimed by two, confirmed by one and denied by one, told partly by a submitted
article with no outlet; an undated deal; an older dated deal; and a signed agreement."""

from __future__ import annotations

from typing import Any

from armswatch.fuse import Fuser
from armswatch.records import Attribution, Document, EntityRecord, Event, ExtractionRecord
from armswatch.store import Store

# A submitted article's key is a content hash; it must never show as a source's name.
SUBMITTED_KEY = "915c206827607c2e"

# doc id: (outlet, published, url, title, text, event kwargs)
DOCS: dict[str, tuple[str | None, str, str | None, str | None, str, dict[str, Any]]] = {
    "mee-drones": (
        "Middle East Eye",
        "2020-10-01",
        "https://www.middleeasteye.net/news/turkey-drones-azerbaijan",
        "Turkey sends armed drones to Azerbaijan",
        "Turkey supplied six Bayraktar TB2 drones to Azerbaijan in September, Middle East Eye has learned.",
        {
            "roles": {
                "supplier": "Turkey",
                "recipient": "Azerbaijan",
                "item": "Bayraktar TB2",
                "quantity": 6,
            },
            "status": "delivery",
            "date": {"start": "2020-09", "end": None},
            "attributions": [Attribution("Middle East Eye", "claimed", "has learned")],
        },
    ),
    SUBMITTED_KEY: (
        None,
        "2020-10-03",
        "https://www.example-news.org/baku-drones",
        "Drones reach Baku",
        "Six Bayraktar TB2 drones from Turkey reached Azerbaijan, Anadolu Agency reported on Saturday.",
        {
            "roles": {
                "supplier": "Turkey",
                "recipient": "Azerbaijan",
                "item": "Bayraktar TB2",
                "quantity": 6,
            },
            "status": "delivery",
            "attributions": [Attribution("Anadolu Agency", "claimed", "reported", "Anadolu Agency")],
        },
    ),
    "caspian-aliyev": (
        "Caspian Wire",
        "2020-10-05",
        None,
        "Aliyev confirms drone deliveries",
        "President Aliyev confirmed that Azerbaijan received Bayraktar TB2 drones from Turkey in October.",
        {
            "roles": {"supplier": "Turkey", "recipient": "Azerbaijan", "item": "Bayraktar TB2"},
            "status": "delivery",
            "date": {"start": "2020-10", "end": None},
            "attributions": [Attribution("Ilham Aliyev", "confirmed", "confirmed")],
        },
    ),
    "ankara-denies": (
        "Ankara Daily",
        "2020-10-07",
        "https://ankaradaily.example/denial",
        "Ankara denies drone shipments",
        "Turkey's foreign ministry denied that it had sent Bayraktar TB2 drones to Azerbaijan.",
        {
            "roles": {"supplier": "Turkey", "recipient": "Azerbaijan", "item": "Bayraktar TB2"},
            "status": "delivery",
            "attributions": [Attribution("Turkish foreign ministry", "denied", "denied")],
        },
    ),
    "su57-undated": (
        "Sahara Defence Review",
        "2021-05-01",
        "https://sahara.example/su57",
        "Algeria buys Su-57",
        "Algeria has ordered Su-57 fighter jets from Russia, the magazine reported.",
        {
            "roles": {"supplier": "Russia", "recipient": "Algeria", "item": "Su-57"},
            "status": "order",
            "attributions": [Attribution("Sahara Defence Review", "claimed", "reported")],
        },
    ),
    "tb2-ukraine": (
        "Kyiv Post",
        "2019-01-15",
        "https://kyivpost.example/tb2",
        "Ukraine orders TB2",
        "Ukraine ordered Bayraktar TB2 drones from Turkey in January 2019.",
        {
            "roles": {"supplier": "Turkey", "recipient": "Ukraine", "item": "Bayraktar TB2"},
            "status": "order",
            "date": {"start": "2019-01", "end": None},
        },
    ),
    "rafale-pact": (
        "Delhi Defence Review",
        "2016-09-24",
        "https://delhi.example/rafale",
        "India and France sign Rafale pact",
        "India and France signed an intergovernmental agreement on defence cooperation on Friday.",
        {
            "type": "agreement",
            "roles": {"parties": ["France", "India"], "topic": "defence cooperation"},
            "status": "signed",
            "date": {"start": "2016-09-23", "end": None},
        },
    ),
}
COUNTRIES = {
    "Turkey": "TUR",
    "Azerbaijan": "AZE",
    "Russia": "RUS",
    "Algeria": "DZA",
    "Ukraine": "UKR",
    "France": "FRA",
    "India": "IND",
}


def record(key: str) -> ExtractionRecord:
    outlet, published, url, title, text, event = DOCS[key]
    entities = [
        EntityRecord(name, "country", code, None, [(i, i + len(name))] if (i := text.find(name)) >= 0 else [])
        for name, code in COUNTRIES.items()
    ]
    spec = dict(event)
    return ExtractionRecord(
        doc=Document(id=key, text=text, title=title, outlet=outlet, published=published, url=url),
        entities=entities,
        events=[
            Event(
                type=spec.pop("type", "transfer"),
                evidence=[(0, len(text))],
                **spec,
            )
        ],
    )


def fill(store: Store) -> None:
    """Store and fuse every document."""
    fuser = Fuser()
    for key in DOCS:
        result = store.save(
            record(key), on_saved=lambda session, doc_id: fuser.fuse_document(session, doc_id)
        )
        assert result.stored, key
