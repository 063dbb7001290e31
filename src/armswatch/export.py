"""Export: the store as contract JSONL, the register as CSV (also in SIPRI's trade-register layout),
FollowTheMoney entities for Aleph/OpenSanctions users, and the supplier -> recipient network as GraphML."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import Row, select
from sqlalchemy.orm import Session, selectinload

from armswatch.ontology import load_ontology
from armswatch.query import (
    DOC_COLUMNS,
    EVIDENCE_COLUMNS,
    REGISTER_COLUMNS,
    REGISTER_TAIL,
    RegisterFilters,
    case_detail,
    evidence_rows,
    preferred_entities,
    register,
)
from armswatch.store import (
    PLACE_ROLES,
    CaseRow,
    DocumentRow,
    EntityRow,
    EventActorRow,
    EventRow,
    MentionRow,
    entity_aliases,
)

FORMATS = ("jsonl", "csv", "ftm", "graphml", "sipri")

# Role values that are free text, not entity names (store.py keeps the same list out of event_actors).
FREE_TEXT_ROLES = ("topic", "purpose", "item_category", "personnel")
DocMeta = Row[int, str, str | None, str | None, str | None, str | None, str | None, int | None]  # DOC_COLUMNS

# ---- jsonl: the contract record, rebuilt from the rows ----------------------------------------------------


def _entity_lookup(session: Session) -> tuple[dict[int, EntityRow], dict[str, list[EntityRow]]]:
    """Every entity by id, and by name (several types may share a name), in preference order."""
    by_id = {row.id: row for row in session.scalars(select(EntityRow).order_by(EntityRow.id))}
    by_name: dict[str, list[EntityRow]] = defaultdict(list)
    for row in by_id.values():
        by_name[row.name].append(row)
    for name, rows in by_name.items():
        by_name[name] = preferred_entities(rows)
    return by_id, by_name


def _role_names(roles: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(role, name) for each role value that names an entity."""
    for role, value in roles.items():
        if role in FREE_TEXT_ROLES:
            continue
        for name in value if isinstance(value, list) else [value]:
            if isinstance(name, str) and name:
                yield role, name


def _pick(rows: list[EntityRow], role: str) -> EntityRow:
    if role in PLACE_ROLES:
        for row in rows:
            if row.type == "location":
                return row
    return rows[0]


def _entity_dict(row: EntityRow, mentions: list[tuple[int, int]]) -> dict[str, Any]:
    # Same key order and optional "role" as records.EntityRecord.to_dict, so exports diff cleanly.
    out: dict[str, Any] = {"name": row.name, "type": row.type, "country": row.country}
    if row.role:
        out["role"] = row.role
    out["mentions"] = [list(m) for m in sorted(set(mentions))]
    return out


def _event_dict(event: EventRow) -> dict[str, Any]:
    out: dict[str, Any] = {"type": event.type}
    if event.status:
        out["status"] = event.status
    out["roles"] = event.roles or {}
    has_date = event.date_start is not None or event.date_end is not None
    out["date"] = {"start": event.date_start, "end": event.date_end} if has_date else None
    attributions = []
    for a in sorted(event.attributions, key=lambda a: a.id):
        item: dict[str, Any] = {"source": a.source, "stance": a.stance, "cue": a.cue}
        if a.via:
            item["via"] = a.via
        attributions.append(item)
    out["attributions"] = attributions
    # beyond the contract: where an analyst stands on it (null: unreviewed; armswatch.review)
    out["review_state"] = event.review_state
    out["evidence"] = [list(e) for e in sorted({(e.start, e.end) for e in event.evidence})]
    return out


def document_record(
    session: Session,
    doc: DocMeta,
    by_id: dict[int, EntityRow],
    by_name: dict[str, list[EntityRow]],
) -> dict[str, Any]:
    """One stored document (a row of DOC_COLUMNS) as a contract record: its mentioned entities, its events,
    and the entities its roles name that no span in it mentions (the extractor lists those too)."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = session.execute(
        select(MentionRow.entity_id, MentionRow.start, MentionRow.end).where(MentionRow.document_id == doc.id)
    )
    for entity_id, start, end in rows:
        spans[entity_id].append((start, end))
    events = session.scalars(
        select(EventRow)
        .where(EventRow.document_id == doc.id)
        .options(selectinload(EventRow.attributions), selectinload(EventRow.evidence))
        .order_by(EventRow.id)
    ).all()
    mentioned = sorted((by_id[i] for i in spans if i in by_id), key=lambda r: (min(spans[r.id]), r.name))
    names = {r.name for r in mentioned}
    unmentioned: dict[str, EntityRow] = {}
    for event in events:
        for role, name in _role_names(event.roles or {}):
            if name not in names and name not in unmentioned and name in by_name:
                unmentioned[name] = _pick(by_name[name], role)
    entities = [_entity_dict(r, spans[r.id]) for r in mentioned]
    entities += [_entity_dict(unmentioned[n], []) for n in sorted(unmentioned)]
    return {
        "doc": {
            "id": doc.doc_key,
            "title": doc.title,
            "outlet": doc.outlet,
            "published": doc.published,
            "url": doc.url,
            "language": doc.language,
        },
        "entities": entities,
        "events": [_event_dict(e) for e in events],
    }


def _write_jsonl(session: Session, out: TextIO) -> int:
    by_id, by_name = _entity_lookup(session)
    written = 0
    for doc in session.execute(select(*DOC_COLUMNS).order_by(DocumentRow.id)):
        out.write(json.dumps(document_record(session, doc, by_id, by_name), ensure_ascii=False) + "\n")
        written += 1
    return written


# ---- csv: the transfer register ---------------------------------------------------------------------------


def write_rows_csv(rows: list[dict[str, Any]], out: TextIO, columns: Iterable[str] = REGISTER_COLUMNS) -> int:
    """Rows (the register's by default) as CSV, lists joined with "; ": the CLI, the API and the page's
    download write the same cells."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return len(rows)


def _write_csv(session: Session, out: TextIO) -> int:
    filters = RegisterFilters()
    rows = typed_rows(register(session, filters, extra=True))
    return write_rows_csv(rows, out, export_columns(filters.type))


def side_roles(event_type: str) -> list[str]:
    """The roles a case of this type keeps as its sides, from the ontology: supplier and recipient for a
    transfer, provider and beneficiary for financing, parties for an agreement, participants for an
    exercise."""
    spec = load_ontology().event_types[event_type]
    return [r for r in spec.key_roles if r != "item"]


def export_columns(event_type: str) -> list[str]:
    """The CSV columns of a register of one event type (each type with its own side columns: an agreement's
    parties in a parties column, never in supplier and recipient), of every type ("all"), or of every type
    but transfers ("events")."""
    ontology = load_ontology()
    if event_type == "transfer":
        return list(REGISTER_COLUMNS)
    if event_type in ("all", "events"):
        kinds = [t for t in ontology.event_types if event_type == "all" or t != "transfer"]
    else:
        kinds = [event_type]
    sides = [r for t in kinds for r in side_roles(t)]
    roles = {r for t in kinds for r in ontology.event_types[t].roles}
    columns = ["case", "type", *dict.fromkeys(sides)]
    if "maker" in roles:  # a transfer's company (its sides are states)
        columns.append("maker")
    columns += [
        c
        for c, role in (("item", "item"), ("category", "item_category"), ("quantity", "quantity"))
        if role in roles
    ]
    columns.append("deal_dates")
    if "value" in roles:
        columns.append("value_usd")
    if any(ontology.event_types[t].statuses for t in kinds):
        columns.append("status")
    return [*columns, *REGISTER_TAIL]


def typed_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Register rows (with extra) with their sides under their type's role names (provider, beneficiary,
    parties...): a case's supplier and recipient are its first and second side, a list role its parties."""
    list_roles = load_ontology().list_roles
    out = []
    for row in rows:
        typed = dict(row)
        sides = side_roles(row.get("type") or "transfer")
        if sides and sides[0] in list_roles:
            names = [n for n in (row.get("supplier"), row.get("recipient"), *(row.get("parties") or [])) if n]
            typed[sides[0]] = list(dict.fromkeys(names))
        else:
            for role, value in zip(sides, (row.get("supplier"), row.get("recipient")), strict=False):
                typed[role] = value
        out.append(typed)
    return out


def export_filename(kind: str, filters: dict[str, Any], day: str, ext: str) -> str:
    """A download's file name with its filters and the day: armswatch-register-transfer-supplier-turkey-
    2026-12-03.csv. Filter values are cut to letters, digits and hyphens."""
    parts = ["armswatch", kind]
    for name, value in filters.items():
        # the defaults say nothing: no value, undated cases kept, contested or not
        default = {"undated": True, "contested": False}.get(name)
        if value is None or value == "" or (default is not None and value is default):
            continue
        text = "yes" if value is True else "no" if value is False else str(value)
        slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
        parts.extend([name.replace("_", "-"), slug] if name != "type" else [slug])
    return "-".join([*(p for p in parts if p), day]) + f".{ext}"


def write_sources_csv(session: Session, case_ids: Iterable[int], out: TextIO) -> int:
    """One row per case, report and statement: the article's name, date, URL, the stance and the quoted
    sentences, for the cases given (a register's)."""
    rows: list[dict[str, Any]] = []
    for case_id in case_ids:
        detail = case_detail(session, case_id)
        if detail is not None:
            rows.extend(evidence_rows(detail))
    return write_rows_csv(rows, out, EVIDENCE_COLUMNS)


def write_register_files(session: Session, path: Path) -> dict[str, int]:
    """The register CSV at path, and beside it PATH-sources.csv (every source of its cases, with stance and
    quote) and PATH-events.csv (the cases of the other event types, each with its own columns)."""
    transfers = RegisterFilters()
    rows = typed_rows(register(session, transfers, extra=True))
    others = typed_rows(register(session, RegisterFilters(type="all")))
    others = [r for r in others if r.get("type") != "transfer"]
    written = {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        written[str(path)] = write_rows_csv(rows, handle, export_columns("transfer"))
    beside = path.with_name(f"{path.stem}-sources{path.suffix or '.csv'}")
    with beside.open("w", encoding="utf-8", newline="") as handle:
        written[str(beside)] = write_sources_csv(session, [r["case"] for r in rows], handle)
    beside = path.with_name(f"{path.stem}-events{path.suffix or '.csv'}")
    with beside.open("w", encoding="utf-8", newline="") as handle:
        written[str(beside)] = write_rows_csv(others, handle, export_columns("events"))
    return written


# ---- sipri: the transfer register in SIPRI's trade-register layout ----------------------------------------

# SIPRI's trade-register CSV header, in its order: each blank-named column (a single space, as SIPRI writes
# it) holds "?" when the value before it is uncertain; the three TIV columns are SIPRI's own valuation.
SIPRI_COLUMNS = (
    "Recipient",
    "Supplier",
    "Year of order",
    " ",
    "Number ordered",
    " ",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    " ",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
ORDERED_STATUSES = ("order", "delivery")  # an intent or offer has no number ordered yet


def case_values(session: Session, case_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Each case's reported values as written ({"amount", "currency", "usd"}), in report order."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for start in range(0, len(case_ids), 500):  # bounded IN lists
        rows = session.execute(
            select(EventRow.case_id, EventRow.roles)
            .where(EventRow.case_id.in_(case_ids[start : start + 500]))
            .order_by(EventRow.case_id, EventRow.id)
        )
        for case_id, roles in rows:
            value = (roles or {}).get("value")
            if case_id is not None and isinstance(value, dict) and value.get("amount") is not None:
                out[case_id].append(value)
    return out


def relative_dates(session: Session, case_ids: list[int]) -> dict[int, set[tuple[str, str]]]:
    """Each case's (status, date) pairs whose every report read the year from the publication date ("last
    month"), not from the text."""
    seen: dict[int, dict[tuple[str, str], bool]] = defaultdict(dict)
    for start in range(0, len(case_ids), 500):  # bounded IN lists
        rows = session.execute(
            select(EventRow.case_id, EventRow.status, EventRow.date_start, EventRow.date_relative).where(
                EventRow.case_id.in_(case_ids[start : start + 500]), EventRow.date_start.is_not(None)
            )
        )
        for case_id, status, date, relative in rows:
            if case_id is None:
                continue
            key = (str(status), str(date))
            seen[case_id][key] = seen[case_id].get(key, True) and bool(relative)
    return {case: {key for key, relative in dates.items() if relative} for case, dates in seen.items()}


def money_text(values: list[dict[str, Any]], usd: float | None) -> str | None:
    """The case's value in the currency its report gave ("200,000,000 TRY (about $30,000,000)"): the report
    whose dollar figure is the case's, else the first that gives one."""
    if not values:
        return f"${usd:,.0f}" if usd is not None else None
    chosen = next((v for v in values if usd is not None and v.get("usd") == usd), values[0])
    text = f"{float(chosen['amount']):,.0f} {chosen.get('currency') or '?'}"
    if chosen.get("currency") != "USD" and chosen.get("usd") is not None:
        text += f" (about ${float(chosen['usd']):,.0f})"
    return text


def weapon_description(item: str | None, category: str | None) -> str:
    """SIPRI's words for what the item is: the catalog system's description ("trainer/combat aircraft"),
    else its category's ("patrol craft" for patrol boats), else nothing."""
    from armswatch.gazetteer import load_descriptions, load_gazetteer

    entry = load_gazetteer().weapon_in_text(item) if item else None
    if entry is not None and entry.description:
        return entry.description
    return load_descriptions().defaults.get(category or "", "")


def sipri_row(
    row: dict[str, Any], values: list[dict[str, Any]], relative: set[tuple[str, str]] | None = None
) -> list[str]:
    """One transfer case (a register row) as a SIPRI trade-register row. "?" marks the year and numbers of
    a case that rests on a single independent source or that a source denies, and a year of order read
    from a relative date ("last month"); relative holds the case's (status, date) pairs read so."""
    relative = relative or set()
    reasons = []
    if row.get("contested"):
        denied = ", ".join(row.get("denied_by") or [])
        reasons.append(f"contested (denied by {denied})" if denied else "contested")
    if (row.get("origins") or 0) < 2:
        reasons.append("single source")
    mark = "?" if reasons else ""
    status = row.get("status")
    quantity = row.get("quantity")
    ordered = str(quantity) if quantity is not None and status in ORDERED_STATUSES else ""
    delivered = str(quantity) if quantity is not None and status == "delivery" else ""
    order_year = (row.get("order_date") or "")[:4]
    order_relative = ("order", str(row.get("order_date"))) in relative
    delivery_years = "; ".join(sorted({d[:4] for d in row.get("delivery_dates") or [] if d}))
    relative_deliveries = sorted(
        {d[:4] for d in row.get("delivery_dates") or [] if ("delivery", d) in relative}
    )
    comments = [f"armswatch case {row['case']}" + (f" ({status})" if status else "")]
    if row.get("maker"):
        comments.append(f"maker: {row['maker']}")
    if quantity is not None and not ordered:
        comments.append(f"{quantity} reported at the {status or 'unknown'} stage")
    money = money_text(values, row.get("value_usd"))
    if money:
        comments.append(f"value: {money}")
    comments.extend(reasons)
    if order_relative and order_year:
        comments.append(f"year of order {order_year} read from a relative date")
    if relative_deliveries:
        comments.append(f"year of delivery {', '.join(relative_deliveries)} read from a relative date")
    if row.get("source_list"):
        comments.append("sources: " + " | ".join(row["source_list"]))
    return [
        row.get("recipient") or "unknown recipient(s)",
        row.get("supplier") or "unknown supplier(s)",
        order_year,
        "?" if order_year and (mark or order_relative) else "",
        ordered,
        mark if ordered else "",
        row.get("item") or "",
        weapon_description(row.get("item"), row.get("category")),
        delivered,
        mark if delivered else "",
        delivery_years,
        "",  # SIPRI's New / Second hand: the news rarely says, and we do not record it
        "; ".join(comments),
        "",
        "",
        "",
    ]


def _write_sipri(session: Session, out: TextIO) -> int:
    """The transfer register as SIPRI's trade-register CSV: one row per transfer case, by recipient, supplier
    and year of order, like SIPRI's own register."""
    rows = register(session, RegisterFilters())
    values = case_values(session, [r["case"] for r in rows])
    relative = relative_dates(session, [r["case"] for r in rows])
    rows.sort(key=lambda r: (r["recipient"] or "~", r["supplier"] or "~", r["order_date"] or "~", r["case"]))
    writer = csv.writer(out)
    writer.writerow(SIPRI_COLUMNS)
    for row in rows:
        writer.writerow(sipri_row(row, values.get(row["case"], []), relative.get(row["case"])))
    return len(rows)


# ---- ftm: FollowTheMoney entities -------------------------------------------------------------------------

ID_PREFIX = "armswatch"
# Aleph indexes the whole body; a cap keeps one pathological page from bloating the export.
BODY_TEXT_LIMIT = 100_000
# Our entity types that FtM models as legal entities. Weapon systems and places have no FtM schema a
# Mention may resolve to (Mention.resolved ranges over LegalEntity), so they stay out of the FtM export.
FTM_SCHEMA = {
    "country": "Organization",
    "organization": "Organization",
    "company": "Company",
    "person": "Person",
    "media": "Organization",
    "armed_group": "Organization",
}
PUBLIC_BODY = re.compile(
    r"\b(Ministry|Ministries|Department|Army|Navy|Air Force|Armed Forces|Coast Guard|Marine Corps|"
    r"Parliament|Congress|Senate|National Assembly|Government|Cabinet)\b",
    re.IGNORECASE,
)
PUBLIC_BODY_TOPICS = (
    (re.compile(r"\b(Army|Navy|Air Force|Armed Forces|Coast Guard|Marine Corps)\b", re.I), "mil"),
    (re.compile(r"\b(Parliament|Congress|Senate|National Assembly)\b", re.I), "gov.legislative"),
    (re.compile(r"\b(Ministry|Ministries|Department|Government|Cabinet)\b", re.I), "gov.executive"),
)
# Who pays whom in a case: for an arms deal the recipient pays the supplier; for financing the provider
# (stored as the case's supplier) pays the beneficiary (stored as its recipient).
PAYMENT_DIRECTION = {"transfer": ("recipient", "supplier"), "financing": ("supplier", "recipient")}
# A transfer only at the intent or offer stage has no money changing hands yet.
PAID_STATUSES = ("order", "delivery")


def ftm_schema_of(row: EntityRow) -> str | None:
    """The FtM schema for a stored entity, or None when FtM has no legal-entity schema for it."""
    schema = FTM_SCHEMA.get(row.type)
    if schema == "Organization" and row.type == "organization" and PUBLIC_BODY.search(row.name):
        return "PublicBody"
    return schema


def _make(schema: str, *key: Any) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(ID_PREFIX, *key)
    return proxy


def _add(proxy: EntityProxy, prop: str, values: Any) -> None:
    """Add cleaned values; a value invalid for the property's type is dropped (FtM returns None for it)."""
    if values is None:
        return
    for value in values if isinstance(values, list | tuple | set) else [values]:
        if value is not None and value != "":
            proxy.add(prop, value, quiet=True)


def _valid(proxy: EntityProxy) -> bool:
    """FtM's validate only checks the properties present, so required ones are checked here."""
    if proxy.id is None or any(not proxy.has(p) for p in proxy.schema.required):
        return False
    try:
        proxy.schema.validate({"properties": proxy.properties})
    except Exception:  # followthemoney.exc.InvalidData; any failure means: do not write it
        return False
    return True


@dataclass
class _FtmIndex:
    """What the FtM writer needs to link entities: ids of written actors and articles, and URLs."""

    actor_ids: dict[int, str] = field(default_factory=dict)  # EntityRow.id -> FtM id
    article_ids: dict[int, str] = field(default_factory=dict)  # DocumentRow.id -> FtM id
    doc_urls: dict[int, str] = field(default_factory=dict)


def _actor_proxy(row: EntityRow, aliases: list[str], urls: Iterable[str]) -> EntityProxy | None:
    schema = ftm_schema_of(row)
    if schema is None:
        return None
    proxy = _make(schema, "entity", row.type, row.name)
    _add(proxy, "name", row.name)
    # A country is written "Polish", "Warsaw's", "the Turkish government": forms to show, not to match on.
    _add(proxy, "weakAlias" if row.type == "country" else "alias", sorted(set(aliases) - {row.name}))
    _add(proxy, "country", row.country)
    if row.type == "country":
        _add(proxy, "jurisdiction", row.country)
        _add(proxy, "topics", "gov.national")
    elif row.type == "armed_group":
        _add(proxy, "topics", "mil")
    elif schema == "PublicBody":
        _add(proxy, "topics", [t for pattern, t in PUBLIC_BODY_TOPICS if pattern.search(row.name)][:1])
    if row.type == "person":
        _add(proxy, "position", row.role)
    elif row.role:
        _add(proxy, "description", row.role)
    _add(proxy, "sourceUrl", sorted(set(urls)))
    return proxy


def _ftm_entities(session: Session) -> Iterator[EntityProxy]:
    index = _FtmIndex()
    by_id, by_name = _entity_lookup(session)
    docs = session.execute(select(DocumentRow.id, DocumentRow.url).order_by(DocumentRow.id)).all()
    index.doc_urls = {doc_id: url for doc_id, url in docs if url}

    # Which documents speak of each entity: by a mention, or by naming it in an event role.
    entity_docs: dict[int, set[int]] = defaultdict(set)
    for entity_id, doc_id in session.execute(select(MentionRow.entity_id, MentionRow.document_id)):
        entity_docs[entity_id].add(doc_id)
    for role, name, doc_id in session.execute(
        select(EventActorRow.role, EventActorRow.name, EventRow.document_id).join(
            EventRow, EventActorRow.event_id == EventRow.id
        )
    ):
        if name in by_name:
            entity_docs[_pick(by_name[name], role).id].add(doc_id)
    aliases: dict[int, list[str]] = defaultdict(list)
    for entity_id, alias in session.execute(select(entity_aliases.c.entity_id, entity_aliases.c.alias)):
        aliases[entity_id].append(alias)

    # Actors. Entities no document speaks of any more (left behind by a reprocess) are not exported.
    for entity_id, row in by_id.items():
        if entity_id not in entity_docs:
            continue
        urls = [index.doc_urls[d] for d in entity_docs[entity_id] if d in index.doc_urls]
        proxy = _actor_proxy(row, aliases[entity_id], urls)
        if proxy is not None and _valid(proxy):
            assert proxy.id is not None
            index.actor_ids[entity_id] = proxy.id
            yield proxy

    # Articles and the mentions in them.
    columns = (*DOC_COLUMNS, DocumentRow.content_hash, DocumentRow.text)
    for doc in session.execute(select(*columns).order_by(DocumentRow.id)):
        article = _make("Article", "article", doc.content_hash)
        _add(article, "title", doc.title or doc.doc_key)  # Aleph labels an article by its title
        _add(article, "publishedAt", doc.published)
        _add(article, "publisher", doc.outlet)
        _add(article, "sourceUrl", doc.url)
        _add(article, "language", doc.language)
        _add(article, "bodyText", doc.text[:BODY_TEXT_LIMIT])
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for entity_id, start, end in session.execute(
            select(MentionRow.entity_id, MentionRow.start, MentionRow.end).where(
                MentionRow.document_id == doc.id
            )
        ):
            spans[entity_id].append((start, end))
        mentioned = [by_id[i] for i in spans if i in by_id and i in index.actor_ids]
        _add(article, "peopleMentioned", sorted({r.name for r in mentioned if r.type == "person"}))
        _add(article, "companiesMentioned", sorted({r.name for r in mentioned if r.type == "company"}))
        if not _valid(article):
            continue
        assert article.id is not None
        index.article_ids[doc.id] = article.id
        yield article
        for row in sorted(mentioned, key=lambda r: r.id):
            mention = _make("Mention", "mention", doc.content_hash, row.type, row.name)
            _add(mention, "document", article.id)
            _add(mention, "resolved", index.actor_ids[row.id])
            # The entity's name first, then the forms this article wrote it in.
            forms = sorted({doc.text[s:e].strip() for s, e in spans[row.id]} - {row.name, ""})
            _add(mention, "name", [row.name, *forms])
            _add(mention, "detectedSchema", ftm_schema_of(row))
            _add(mention, "contextCountry", row.country)
            if _valid(mention):
                yield mention

    yield from _case_entities(session, index, by_name)


def _case_label(case: CaseRow) -> str:
    if case.type == "transfer":
        what = case.item or case.category or "arms"
        return f"Transfer of {what} from {case.supplier or 'unknown'} to {case.recipient or 'unknown'}"
    actors = [a for a in (case.supplier, case.recipient) if a] or list(case.parties or [])
    return f"{case.type.replace('_', ' ').capitalize()}: {', '.join(actors) or 'unknown parties'}"


def _case_summary(case: CaseRow) -> str:
    parts = [f"status: {case.status}" if case.status else None]
    if case.quantity is not None:
        parts.append(f"quantity: {case.quantity}")
    if case.value_usd is not None:
        parts.append(f"value: {case.value_usd:,.0f} USD")
    if case.category:
        parts.append(f"category: {case.category}")
    parts.append(f"sources: {case.n_sources} ({case.n_origins} independent)")
    if case.contested:
        parts.append("contested: a source denies it")
    if case.state_media_only:
        parts.append("reported by state media only")
    return "; ".join(p for p in parts if p)


def _case_entities(
    session: Session, index: _FtmIndex, by_name: dict[str, list[EntityRow]]
) -> Iterator[EntityProxy]:
    """Each case as an Event; each paid-for deal or financing also as a Payment between its parties."""
    cases = session.scalars(select(CaseRow).order_by(CaseRow.id)).all()
    case_docs: dict[int, set[int]] = defaultdict(set)
    for case_id, doc_id in session.execute(
        select(EventRow.case_id, EventRow.document_id).where(EventRow.case_id.is_not(None))
    ):
        if case_id is not None:
            case_docs[case_id].add(doc_id)

    def actor_id(name: str | None) -> str | None:
        for row in by_name.get(name or "", []):
            if row.id in index.actor_ids:
                return index.actor_ids[row.id]
        return None

    def countries(names: Iterable[str]) -> list[str]:
        return sorted({r.country for n in names for r in by_name.get(n, [])[:1] if r.country})

    for case in cases:
        docs = sorted(case_docs[case.id])
        urls = sorted({index.doc_urls[d] for d in docs if d in index.doc_urls})
        proofs = [index.article_ids[d] for d in docs if d in index.article_ids]
        names = [n for n in (case.supplier, case.recipient, *(case.parties or [])) if n]
        dates = [case.order_date, *(case.delivery_dates or [])]
        if not any(dates):
            dates = [(case.best or {}).get("date", {}).get("value") or case.first_reported]

        event = _make("Event", "case", case.case_key)
        _add(event, "name", _case_label(case))
        _add(event, "summary", _case_summary(case))
        _add(event, "date", dates)
        _add(event, "involved", [i for i in map(actor_id, names) if i])
        _add(event, "country", countries(names))
        _add(event, "keywords", [case.type, case.status, case.category, case.item])
        _add(event, "recordId", str(case.id))  # the register's case number, to join back
        _add(event, "proof", proofs)
        _add(event, "sourceUrl", urls)
        if not _valid(event):
            continue
        yield event

        direction = PAYMENT_DIRECTION.get(case.type)
        if direction is None:
            continue
        if case.type == "transfer" and case.status not in PAID_STATUSES and case.value_usd is None:
            continue
        ends = {"supplier": case.supplier, "recipient": case.recipient}
        payer, beneficiary = actor_id(ends[direction[0]]), actor_id(ends[direction[1]])
        if payer is None or beneficiary is None:
            continue
        payment = _make("Payment", "payment", case.case_key)
        _add(payment, "payer", payer)
        _add(payment, "beneficiary", beneficiary)
        if case.value_usd is not None:
            _add(payment, "amount", case.value_usd)
            _add(payment, "currency", "USD")
            _add(payment, "amountUsd", case.value_usd)
        _add(payment, "purpose", case.item or case.category)
        _add(payment, "date", next((d for d in dates if d), None))
        _add(payment, "summary", _case_label(case))
        _add(payment, "recordId", str(case.id))
        _add(payment, "proof", proofs)
        _add(payment, "sourceUrl", urls)
        if _valid(payment):
            yield payment


def _write_ftm(session: Session, out: TextIO) -> int:
    written = 0
    for proxy in _ftm_entities(session):
        out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        written += 1
    return written


# ---- graphml: the supplier -> recipient network -----------------------------------------------------------

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_KEYS = (
    # (id, for, attr.type): ids double as attribute names, which is what Gephi and networkx show.
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("country", "node", "string"),
    ("cases", "edge", "int"),
    ("items", "edge", "string"),
    ("categories", "edge", "string"),
    ("value_usd", "edge", "double"),
)


def _g(tag: str) -> str:
    return f"{{{GRAPHML_NS}}}{tag}"


def _data(parent: ET.Element, key: str, value: Any) -> None:
    if value is None or value == "":
        return
    ET.SubElement(parent, _g("data"), key=key).text = str(value)


def _write_graphml(session: Session, out: TextIO) -> int:
    _, by_name = _entity_lookup(session)
    pairs: dict[tuple[str, str], list[CaseRow]] = defaultdict(list)
    cases = session.scalars(select(CaseRow).where(CaseRow.type == "transfer").order_by(CaseRow.id))
    for case in cases:
        if case.supplier and case.recipient:
            pairs[(case.supplier, case.recipient)].append(case)

    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(
        _g("graphml"),
        {f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"},
    )
    for key_id, domain, kind in GRAPHML_KEYS:
        ET.SubElement(root, _g("key"), {"id": key_id, "for": domain, "attr.name": key_id, "attr.type": kind})
    graph = ET.SubElement(root, _g("graph"), id="transfers", edgedefault="directed")

    # Node ids are n0, n1...: GraphML ids are NMTOKENs, which names with spaces are not.
    node_ids: dict[str, str] = {}
    for name in sorted({n for pair in pairs for n in pair}):
        node_ids[name] = f"n{len(node_ids)}"
        node = ET.SubElement(graph, _g("node"), id=node_ids[name])
        rows = by_name.get(name, [])
        _data(node, "label", name)
        _data(node, "type", rows[0].type if rows else None)
        _data(node, "country", rows[0].country if rows else None)
    for n, ((supplier, recipient), group) in enumerate(sorted(pairs.items())):
        edge = ET.SubElement(
            graph, _g("edge"), id=f"e{n}", source=node_ids[supplier], target=node_ids[recipient]
        )
        _data(edge, "cases", len(group))
        _data(edge, "items", "; ".join(sorted({c.item for c in group if c.item})))
        _data(edge, "categories", "; ".join(sorted({c.category for c in group if c.category})))
        values = [c.value_usd for c in group if c.value_usd is not None]
        _data(edge, "value_usd", sum(values) if values else None)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(pairs)


# ---- entry point ------------------------------------------------------------------------------------------


def write_export(session: Session, fmt: str, out: TextIO) -> int:
    """Write the store in one format to out; returns how many records (jsonl: documents), rows (csv:
    register rows), entities (ftm), edges (graphml: supplier -> recipient pairs) or transfer cases (sipri)
    were written."""
    writers = {
        "jsonl": _write_jsonl,
        "csv": _write_csv,
        "ftm": _write_ftm,
        "graphml": _write_graphml,
        "sipri": _write_sipri,
    }
    writer = writers.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer(session, out)
