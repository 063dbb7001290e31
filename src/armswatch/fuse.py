"""Fuse: events from different documents that report the same deal, agreement, financing, exercise,
deployment, combat use, clash or meeting become one case, with its sources, independent origins,
best-supported values (each with the reports behind it) and, for transfers, its status history.

Cases do not depend on the order articles arrive in. Each event gets a fusion key (its type and key roles,
states for companies); all events with one key are clustered by date, a new cluster starting where two
consecutive reports are further apart than the type's window (ontology.yaml, fuse_window_days); a cluster
is a case, keyed by its key and its earliest date. Adding a report re-clusters its key.

Independent origins: reports that are copies of one text (near-duplicate bodies, by containment as well as
Jaccard), that credit one agency ("(Reuters) -", "With inputs from PTI", "..., TASS reported"), or that come
from one government's state media are one voice."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import pycountry
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, load_only

from armswatch.gazetteer import Gazetteer, load_gazetteer, normalise_designation
from armswatch.lexicon import load_lexicon
from armswatch.normalise import day_of
from armswatch.ontology import load_ontology
from armswatch.records import UNNAMED_AGENCIES
from armswatch.store import (
    COPY_OVERLAP,
    AttributionRow,
    CaseRow,
    CaseStatementRow,
    DocumentRow,
    EntityRow,
    EventRow,
    EvidenceRow,
    minhash_from_bytes,
    overlap_of,
    upsert_ignoring,
)

# A designation that is no catalog system yet: letters and digits with a hyphen or a digit inside ("CH-95").
DESIGNATION = re.compile(r"(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z]{1,5}-?\d[\w-]*")
# A category-only report joins the system reported nearest in time only if the next is this many times
# further away.
CLEARLY_NEARER = 3
# Copies of one text appear within this many days of each other (syndication, reprints).
COPY_DAYS = 30
# A report mentions a case in passing when it tells the case only past this many characters, after an
# event of another case, in its own voice: background, no independent origin ("the modernisation has
# also included orders for HIMARS launchers" in a story of Apache deliveries).
LEAD_CHARS = 600
# A report crediting agencies it does not name ("With agency inputs") is a rewrite of the report whose text
# it shares this much of (independent reports of one event share under a tenth).
AGENCY_COPY_OVERLAP = 0.25
LIST_ROLES = load_ontology().list_roles  # roles that hold a list of sides, as the ontology says
UNNAMED_GROUP = "unnamed armed group"  # the key side of every group a report leaves unnamed
# Event types whose armed-group side, named or not, is one key side when a state fights it: the army's
# statement says "an extremist group", the wire's first take "suspected jihadists", the group's claim names
# itself (cluster() splits the key by the groups named, and by date, as a fight is of its day)
GROUP_SIDED_TYPES = ("clash",)
ARMED_GROUP_SIDE = "armed group"

LIGHT_DOCUMENT = (
    DocumentRow.id,
    DocumentRow.doc_key,
    DocumentRow.published,
    DocumentRow.outlet,
    DocumentRow.duplicate_of,
    DocumentRow.credit,
    DocumentRow.n_shingles,
    DocumentRow.minhash,
)


@dataclass(frozen=True)
class CaseKey:
    type: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        return "|".join((self.type, *self.parts))


@dataclass(frozen=True)
class Outlet:
    """A news outlet of the gazetteer: its canonical name, and the state it speaks for, if any."""

    name: str
    state_affiliated: bool
    country: str | None


@lru_cache(maxsize=1)
def _media_index() -> dict[str, Outlet]:
    """Outlet name or alias (lower case) -> the outlet."""
    gaz: Gazetteer = load_gazetteer()
    out: dict[str, Outlet] = {}
    for name, key in gaz.names_by_type.get("media", {}).items():
        entry = gaz.entries[key]
        out[name] = Outlet(entry.name, entry.state_affiliated, entry.country)
        for form in entry.credit_forms:  # an outlet field "AA", "PAP": the agency for certain
            out.setdefault(form.lower(), out[name])
    return out


@lru_cache(maxsize=4096)
def media_outlet(name: str | None) -> Outlet | None:
    """The outlet a name stands for: by its name or alias, or one inside it as whole words."""
    if not name:
        return None
    index = _media_index()
    low = name.lower().strip()
    if low in index:
        return index[low]
    generic = load_lexicon().generic_outlet_words
    for known, outlet in index.items():
        # a whole-word match ("RIA Novosti English"), never a part of a word ("Kansas" holds "ansa"), nor a
        # name of generic words inside another ("National news agency (Portugal, English)" is not Lebanon's)
        if (
            len(known) > 3
            and not set(known.split()) <= generic
            and re.search(rf"(?<!\w){re.escape(known)}(?!\w)", low)
        ):
            return outlet
    return None


@lru_cache(maxsize=1)
def _credit_index() -> dict[str, tuple[Outlet, ...]]:
    """A credit form (lower case) -> every outlet that signs with it ("APS": Algeria's and Senegal's)."""
    gaz: Gazetteer = load_gazetteer()
    out: dict[str, list[Outlet]] = {}
    for entry in gaz.entries.values():
        if entry.type == "media":
            for form in entry.credit_forms:
                out.setdefault(form.lower(), []).append(
                    Outlet(entry.name, entry.state_affiliated, entry.country)
                )
    return {form: tuple(outlets) for form, outlets in out.items()}


def credited_outlet(credit: str | None, own: str | None) -> Outlet | None:
    """The outlet an article credits for its text; a short form two agencies sign with is the article's
    own outlet when that is one of them ("Dakar, 11 June (APS)" in the Senegalese agency's own copy)."""
    credited, mine = media_outlet(credit), media_outlet(own)
    if credited is None or mine is None or credited == mine:
        return credited
    if any(credited in outlets and mine in outlets for outlets in _credit_index().values()):
        return mine  # both sign with the one short form the text gave: the article's own agency
    return credited


@lru_cache(maxsize=4096)
def government_outlet(name: str | None, url: str | None = None) -> str | None:
    """The state whose government body an outlet is named as ("Government of Monaco" -> MCO), or whose
    government's web domain its page is on ("defense.gouv.fr", "mod.go.ke", "mil.be"), or None."""
    if name:
        low = name.lower()
        words = load_lexicon().government_outlet_words
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in words):
            found = load_gazetteer().country_in_text(name)
            if found is not None:
                return found
    return government_domain(url)


def government_domain(url: str | None) -> str | None:
    """The state of a government web domain: a government or military label ("gov", "gouv", "gob", "mil")
    then the state's country-code label ("gouv.fr", "gob.pe", "gov.uk"); with none after it, the United
    States' ("defense.gov", "army.mil")."""
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.lower()).split("/", 1)[0].split(":", 1)[0]
    labels = host.split(".")
    lex = load_lexicon()
    for at, label in enumerate(labels):
        if label not in lex.government_domain_labels:
            continue
        after = labels[at + 1] if at + 1 < len(labels) else ""
        if len(after) == 2 and after.isalpha():
            code = lex.country_code_domains.get(after, after.upper())
            country = pycountry.countries.get(alpha_2=code)
            return country.alpha_3 if country is not None else None
        if at > 0 and label in ("gov", "mil"):
            return "USA"
    return None


def opinion_author_state(text: str, url: str | None) -> tuple[str, str] | None:
    """The state and name of an office holder who wrote an opinion page ("Opinion", "by X", "X is the
    Minister for Foreign Affairs of Iceland"): an op-ed by a minister is the government speaking."""
    lex = load_lexicon()
    lines = [line.strip() for line in text[:2000].splitlines() if line.strip()]
    path = (url or "").lower().split("://", 1)[-1].partition("/")[2]
    labelled = any(line.lower() in lex.opinion_labels for line in lines[:8]) or any(
        re.search(rf"(?<![a-z]){re.escape(label)}(?![a-z])", path) for label in lex.opinion_labels
    )
    byline = next((m for line in lines[:12] if (m := re.match(r"(?i)by\s+(.+?)\s*$", line))), None)
    if not labelled or byline is None:
        return None
    author = byline.group(1)
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text[:3000]):
        if sentence.startswith(f"{author} is ") and any(
            re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence.lower()) for w in lex.office_words
        ):
            state = load_gazetteer().country_in_text(sentence[len(author) :].rstrip(".!?"))
            if state is not None:
                return state, author
    return None


def platform_holder(outlet: str | None, text: str) -> str | None:
    """The account a social-media post is from, named atop it ("LinkedIn" then "Paramount Group";
    "Telegram | Ministry of Defence of X | @handle"), when the gazetteer or the media list knows it."""
    if not outlet or outlet.strip().lower() not in load_lexicon().platform_names:
        return None
    gaz = load_gazetteer()
    lines = [line.strip() for line in text[:600].splitlines() if line.strip()][:4]
    for part in (p.strip() for line in lines for p in line.split("|")):
        if not part or part.lower() == outlet.strip().lower() or part.startswith("@"):
            continue
        if gaz.company_named(part) or media_outlet(part) or government_outlet(part):
            return part
    return None


def outlet_key(name: str) -> str:
    """An outlet's origin key, whether or not its name is written with "the" ("The Fiji Times")."""
    low = name.strip().lower()
    return f"outlet:{low[4:] if low.startswith('the ') else low}"


def cited_paper(attributions: list[Any]) -> str | None:
    """The one paper every statement of an article comes through, named as papers are ("the Fiji Times
    reported", "according to the Jakarta Post"), when the media list does not know it."""
    lex = load_lexicon()
    nouns = lex.outlet_nouns
    if not attributions or any(a.via or not a.source for a in attributions):
        return None
    # "the paper says": the paper named before
    sources = {
        str(a.source) for a in attributions if nouns.get(str(a.source).lower().removeprefix("the ")) != "any"
    }
    if len(sources) != 1:
        return None
    name = sources.pop()
    return name if lex.names_a_paper(name) else None


def outlet_voice(outlet: str | None) -> tuple[bool, str | None]:
    """Whether an outlet speaks for a government, and which."""
    found = media_outlet(outlet)
    return (found.state_affiliated, found.country) if found else (False, None)


def relayed_company(attributions: list[Any], outlet: str | None) -> str | None:
    """The maker whose word every statement of an article is, when the article is not the maker's own ("the
    company said in a press release", "Elbit said"): the article retells the maker's release."""
    if any(a.via or not a.source for a in attributions):
        return None  # some statement is the article's own, or heard through an outlet
    sources = {a.source for a in attributions}
    if len(sources) != 1:
        return None
    company = load_gazetteer().company_named(sources.pop())
    if company is None or (outlet and load_gazetteer().company_named(outlet) is company):
        return None
    return company.name


def cluster_by_date(
    members: list[tuple[int, date | None]], window_days: int
) -> list[list[tuple[int, date | None]]]:
    """Split (event id, day) pairs into runs where each day is within window_days of the one before;
    undated events join the largest run (the earliest on a tie). Independent of the input order."""
    dated = sorted((m for m in members if m[1] is not None), key=lambda m: (m[1], m[0]))
    runs: list[list[tuple[int, date | None]]] = []
    for member in dated:
        if runs and (member[1] - runs[-1][-1][1]).days <= window_days:  # type: ignore[operator]
            runs[-1].append(member)
        else:
            runs.append([member])
    undated = sorted(m for m in members if m[1] is None)
    if undated:
        if runs:
            largest = max(range(len(runs)), key=lambda i: (len(runs[i]), -i))
            runs[largest].extend(undated)
        else:
            runs.append(undated)
    return runs


def most_common(values: list[Any]) -> Any:
    """The value given most often; on a tie, the one given first."""
    counts = Counter(values)
    return max(values, key=lambda v: counts[v])  # max keeps the first of equals


def actor_side(event: EventRow) -> str | None:
    roles = event.roles or {}
    return roles.get("supplier") or roles.get("provider") or roles.get("sender") or roles.get("user")


def counterpart_side(event: EventRow) -> str | None:
    roles = event.roles or {}
    return roles.get("recipient") or roles.get("beneficiary") or roles.get("destination")


def unnamed_group(name: str) -> bool:
    """Whether a side is an armed group the report leaves unnamed ("about 20 armed separatists", "seven
    separatist fighters", "gunmen"): reports of one clash describe such attackers each in their own way."""
    lex = load_lexicon()
    written = re.findall(r"[\w-]+", name)
    words = [w.lower() for w in written]
    nouns = [w for w in words if w in lex.armed_group_nouns or w.removesuffix("s") in lex.armed_group_nouns]
    if "armed" in words:  # "an armed group", "armed men"
        heads = lex.armed_group_heads
        nouns += [w for w in words if w in heads or w.removesuffix("s") in heads]
    # the words around the noun: numbers, hedges, and common words of their trade ("nine cattle rustlers",
    # "drug smugglers"), but no name ("Wagner fighters", "ISWAP militants")
    rest = [w for w in written if w.lower() not in nouns]
    return bool(nouns) and all(
        w.isdigit() or w.lower() in lex.unnamed_group_words or w.lower() in lex.number_words or w.islower()
        for w in rest
    )


def branch_in(side: str, sides: set[str]) -> str:
    """ "al-Qaeda" fighting Yemen's forces is AQAP, its branch in Yemen: a transnational group beside a state
    where one of its branches is based stands for that branch (otherwise it is itself)."""
    return next((name for name, country in branches(side) if country in sides), side)


@lru_cache(maxsize=256)
def branches(group: str) -> tuple[tuple[str, str], ...]:
    """The regional branches of a transnational armed group, with the state each is based in."""
    return tuple(
        (e.name, e.country) for e in load_gazetteer().entries.values() if e.branch_of == group and e.country
    )


def body_overlap(a: Any, b: Any, sketches: dict[int, Any] | None = None) -> float:
    """How much of the shorter body the other holds (estimated from their MinHash and shingle counts)."""
    if not a.minhash or not b.minhash:
        return 0.0
    cache = sketches if sketches is not None else {}
    for doc in (a, b):
        if doc.id not in cache:
            cache[doc.id] = minhash_from_bytes(doc.minhash)
    jaccard = float(cache[a.id].jaccard(cache[b.id]))
    return overlap_of(jaccard, a.n_shingles, b.n_shingles)


def published_near(a: str | None, b: str | None, days: int = COPY_DAYS) -> bool:
    """Whether two publication dates are within days of each other (or either is unknown)."""
    first, second = day_of(a, None), day_of(b, None)
    return first is None or second is None or abs((first - second).days) <= days


class Fuser:
    def __init__(self) -> None:
        self.ontology = load_ontology()
        self._countries: dict[str, str | None] = {}
        self._types: dict[str, str | None] = {}
        self._entity_ids: dict[str, int | None] = {}
        self._company_states: dict[str, tuple[bool, str | None]] = {}
        self._item_keys: dict[tuple[str, str | None], str] = {}
        self.vague_items = load_lexicon().vague_items
        self.vague_heads = load_lexicon().vague_heads

    def party_key(self, session: Session, name: str) -> str:
        """A company or person acts for its home state in a case key; a state is its own key."""
        if name not in self._countries:
            known = load_gazetteer().company_named(name)
            if known is not None and known.country:
                # a maker the catalog knows acts for its home state, however one article placed it
                self._countries[name] = known.country
                return known.country
            # else the reading most reports give, the same whatever order the store returns rows in
            rows = session.execute(
                select(EntityRow.type, EntityRow.country, func.count())
                .where(EntityRow.name == name)
                .group_by(EntityRow.type, EntityRow.country)
            ).all()
            row = min(rows, key=lambda r: (-r[2], r[0] or "", r[1] or ""), default=None)
            # a place stands for its country too ("troops landed in Mogadishu" -> Somalia)
            acts_for_state = row is not None and row[0] in ("company", "country", "location")
            self._countries[name] = row[1] if row is not None and acts_for_state and row[1] else None
        return self._countries[name] or name

    def named_group(self, session: Session, roles: dict[str, Any]) -> str | None:
        """The armed group a clash report names on its side, if it names one (as key_of keys it: "al-Qaeda"
        beside Yemen is AQAP)."""
        gaz = load_gazetteer()
        keys = self.side_keys(session, [str(v) for v in roles.get("parties") or []])
        return next((k for k in sorted(keys) if k != UNNAMED_GROUP and gaz.country(k) is None), None)

    def side_keys(self, session: Session, values: list[str]) -> set[str]:
        """The key of each side a report names: its state, or the group; reports name an unnamed group each
        in their own words, so it is one side whatever they say, and a transnational group beside a state of
        one of its branches is that branch."""
        keys = {UNNAMED_GROUP if unnamed_group(v) else self.party_key(session, v) for v in values}
        return {branch_in(k, keys) for k in keys}

    def entity_type(self, session: Session, name: str) -> str | None:
        """The type most reports give an actor of this name ("armed_group", "company")."""
        if name not in self._types:
            rows = session.execute(
                select(EntityRow.type, func.count()).where(EntityRow.name == name).group_by(EntityRow.type)
            ).all()
            row = min(rows, key=lambda r: (-r[1], r[0] or ""), default=None)
            self._types[name] = row[0] if row is not None else None
        return self._types[name]

    def company_state(self, session: Session, name: str) -> tuple[bool, str | None]:
        """Whether a side is a company, and its home state ("Leonardo" -> (True, "Italy")): (False, None)
        for a state or an armed group, (True, None) for a company of unknown state (it stays the side)."""
        if name not in self._company_states:
            named = select(EntityRow.type, EntityRow.country).where(EntityRow.name == name)
            rows = session.execute(named).all()
            types = {r[0] for r in rows}
            code = next((r[1] for r in rows if r[0] == "company" and r[1]), None)
            if not rows:  # a name no article spelled as an entity: the catalog may know the company
                entry = load_gazetteer().company_named(name)
                code = entry.country if entry is not None else None
                types = {"company"} if entry is not None else set()
            company = "company" in types and "country" not in types
            self._company_states[name] = (company, load_gazetteer().country_name(code) if company else None)
        return self._company_states[name]

    def register_sides(
        self, session: Session, events: list[EventRow], item: str | None
    ) -> tuple[str | None, str | None, str | None, dict[int, tuple[str | None, str | None]]]:
        """A transfer's register sides and maker: supplier and recipient as states (a company counts as its
        home state), the direction most reports give; the maker the reports name, else a company named
        as supplier, else the catalog's manufacturer of the item. Also each report's sides as states."""
        sides: dict[int, tuple[str | None, str | None]] = {}
        makers: list[str] = []
        for event in events:
            supplier, recipient = actor_side(event), counterpart_side(event)
            company, supplier_state = self.company_state(session, supplier) if supplier else (False, None)
            _, recipient_state = self.company_state(session, recipient) if recipient else (False, None)
            sides[event.id] = (supplier_state or supplier, recipient_state or recipient)
            named = (event.roles or {}).get("maker")
            if isinstance(named, str) and named:
                makers.append(named)
            elif company and supplier:
                makers.append(supplier)
        supplier, recipient = most_common([sides[e.id] for e in events])
        maker = most_common(makers) if makers else None
        if maker is None and item:
            gaz = load_gazetteer()
            entry = gaz.entries.get(f"weapon_system:{item}") or gaz.weapon_in_text(item)
            maker = entry.manufacturer if entry is not None else None
        return supplier, recipient, maker, sides

    def stored_entity(self, session: Session, name: str | None, type_: str) -> int | None:
        """The entity a register side or maker names; a state or catalog company that no article named as
        an entity is added (from the gazetteer), so its actor page lists its deals."""
        found = self.entity_id(session, name)
        if found is not None or not name:
            return found
        gaz = load_gazetteer()
        if type_ == "country":
            code = gaz.state_words.get(name.lower())
        else:
            entry = gaz.company_named(name)
            code = entry.country if entry is not None else None
            if entry is None or entry.name != name:
                return None
        if type_ == "country" and gaz.country_name(code) != name:
            return None
        add = upsert_ignoring(session, EntityRow.__table__).values(name=name, type=type_, country=code)
        session.execute(add)  # concurrent workers may add it too: the unique (name, type) keeps one
        self._entity_ids.pop(name, None)
        return self.entity_id(session, name)

    def entity_id(self, session: Session, name: str | None) -> int | None:
        """The stored entity a case's actor name stands for (the actor reading first)."""
        if not name:
            return None
        if name not in self._entity_ids:
            rows = session.execute(select(EntityRow.id, EntityRow.type).where(EntityRow.name == name)).all()
            best = min(rows, key=lambda r: (self.ontology.actor_rank(r[1]), r[0]), default=None)
            self._entity_ids[name] = best[0] if best else None
        return self._entity_ids[name]

    def item_key(self, roles: dict[str, Any]) -> str:
        """What an item is for fusion: its catalog system (by name, alias or designation), else the
        designation it carries ("CH-95"), else only its category ("drones" -> category:uav)."""
        item = str(roles.get("item") or "")
        category = roles.get("item_category")
        known = self._item_keys.get((item, category))
        if known is None:  # every clustering of a key reads all its reports' items again
            known = self._item_keys[(item, category)] = self._read_item_key(item, category)
        return known

    def _read_item_key(self, item: str, category: str | None) -> str:
        # a variant fuses with its system: "MQ-9B" and "MQ-9 Reaper" reports can tell one deal
        system = load_gazetteer().catalog_system(item)
        if system is not None:
            return system
        designation = next((w for w in re.findall(r"[\w-]+", item) if DESIGNATION.fullmatch(w)), None)
        if designation:
            return f"designation:{normalise_designation(designation)}"
        return f"category:{category or 'other'}"

    def key_of(self, session: Session, event: EventRow) -> CaseKey | None:
        """The event's fusion key: its type and the states (or other actors) of its key roles, without the
        item and the date (cluster() splits by those). Two sides are taken as a pair whichever way round,
        so a report that reverses supplier and recipient still joins its deal (recompute() keeps the
        direction most reports give)."""
        spec = self.ontology.event_types.get(event.type)
        if spec is None or event.review_state == "rejected":  # an analyst said it is no such event
            return None
        if event.pinned_case_id is not None:  # an analyst put it in its case: no clustering moves it
            return None
        roles = event.roles or {}
        sides: list[str] = []
        for role in spec.key_roles:
            value = roles.get(role)
            if value in (None, "", []):
                return None
            if role in LIST_ROLES:
                keys = self.side_keys(session, value)
                # "Ghana, Burkina Faso and Edward Omane Boamah": a minister of no known state named beside
                # two states is one of their envoys, no side of his own
                gaz = load_gazetteer()
                states = {k for k in keys if gaz.country(k) is not None}
                if (
                    event.type in GROUP_SIDED_TYPES
                    and len(states) == 1
                    and len(keys) > 1
                    # every other side a group, by the type the report's own entities give it
                    and all(
                        unnamed_group(v)
                        or self.party_key(session, v) in states
                        or self.entity_type(session, v) == "armed_group"
                        for v in value
                    )
                ):
                    keys = states | {ARMED_GROUP_SIDE}
                sides.append("+".join(sorted(states if len(states) >= 2 else keys)))
            elif role != "item":
                sides.append(self.party_key(session, str(value)))
        if len(sides) == 2:
            sides.sort()
        return CaseKey(event.type, tuple(sides))

    def fuse_document(self, session: Session, document_id: int, old_cases: Iterable[int] = ()) -> set[int]:
        """Give a document's events their fusion keys, re-cluster those keys (and those of old_cases, the
        cases its earlier events were in), and recompute every case touched; returns their ids."""
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            return set()
        keys: set[str] = set()
        touched: set[int] = set(old_cases)
        for event in doc.events:
            if event.pinned_case_id is not None and event.review_state != "rejected":
                touched |= {c for c in (event.case_id, event.pinned_case_id) if c is not None}
                event.fuse_key, event.case_id = None, event.pinned_case_id
                continue
            key = self.key_of(session, event)
            event.fuse_key = str(key) if key else None
            if key is not None:
                keys.add(event.fuse_key)  # type: ignore[arg-type]
            elif event.case_id is not None:
                touched.add(event.case_id)
                event.case_id = None
        if old_cases:  # the keys of the reports still in the cases this document's old events were in
            still = select(EventRow.fuse_key).where(EventRow.case_id.in_(set(old_cases))).distinct()
            keys.update(k for k in session.scalars(still) if k)
        session.flush()
        for fuse_key in sorted(keys):
            touched |= self.cluster(session, fuse_key)
        session.flush()
        for case_id in sorted(touched):
            self.recompute(session, case_id)
        return touched

    def item_groups(
        self, roles_of: dict[int, dict[str, Any]], day: dict[int, date | None], window_days: int
    ) -> dict[int, str]:
        """Each event's item for grouping: its own item key, except that an event naming only a category
        ("drones") joins the system of that category the other reports name ("Bayraktar TB2"): the only
        one, or of several the one reported clearly nearest in time (within the window). Otherwise it stays
        with its category. Decided on all the events at once, so arrival order does not matter."""
        own = {event_id: self.item_key(roles) for event_id, roles in roles_of.items()}
        categories: dict[str, set[str]] = defaultdict(set)
        days: dict[str, list[date]] = defaultdict(list)
        gaz = load_gazetteer()
        for event_id, key in own.items():
            if not key.startswith("category:"):
                entry = gaz.entries.get(f"weapon_system:{key}")
                category = entry.category if entry else roles_of[event_id].get("item_category")
                categories[key].add(category or "other")
                if day[event_id] is not None:
                    days[key].append(day[event_id])  # type: ignore[arg-type]
        out: dict[int, str] = {}
        for event_id, key in own.items():
            out[event_id] = key
            if not key.startswith("category:"):
                continue
            category = key.split(":", 1)[1]
            # an item of no category joins any system only when it is a vague word ("the weapons",
            # "equipment"); "air surveillance radars" is no warship
            item = str(roles_of[event_id].get("item") or "").lower()
            # "engineering equipment": vague whatever describes it
            vague = item in self.vague_items or item.rsplit(" ", 1)[-1] in self.vague_heads
            matching = sorted(
                k for k, cats in categories.items() if category in cats or (category == "other" and vague)
            )
            when = day[event_id]
            if len(matching) == 1:
                out[event_id] = matching[0]
            elif matching and when is not None:
                gaps = {k: min((abs((d - when).days) for d in days[k]), default=None) for k in matching}
                near = sorted((g, k) for k, g in gaps.items() if g is not None and g <= window_days)
                # only a clearly nearest one: a report between two systems' dates names neither for sure
                if near and (len(near) == 1 or near[0][0] * CLEARLY_NEARER <= near[1][0]):
                    out[event_id] = near[0][1]
        return out

    def cluster(self, session: Session, fuse_key: str) -> set[int]:
        """Split every event with this fusion key into cases by date; returns the cases touched."""
        rows = session.execute(
            select(
                EventRow.id,
                EventRow.type,
                EventRow.roles,
                EventRow.date_start,
                EventRow.case_id,
                DocumentRow.published,
            )
            .join(DocumentRow, EventRow.document_id == DocumentRow.id)
            .where(EventRow.fuse_key == fuse_key)
        ).all()
        before = {r.id: r.case_id for r in rows}
        touched = {c for c in before.values() if c is not None}
        if not rows:
            return touched
        spec = self.ontology.event_types[rows[0].type]
        groups: dict[str, list[Any]] = defaultdict(list)
        if "item" in spec.key_roles:
            # a report that gives no date of its own ("has also bought drones") says nothing of which of
            # two systems it means: its publication day is not the deal's
            days = {r.id: day_of(r.date_start, r.published) if r.date_start else None for r in rows}
            items = self.item_groups({r.id: r.roles or {} for r in rows}, days, spec.fuse_window_days)
            for r in rows:
                groups[f"{fuse_key}|{items[r.id]}"].append(r)
        elif rows[0].type in GROUP_SIDED_TYPES:
            # two groups named are two fights; a report that names none joins the one group others name
            named = {r.id: self.named_group(session, r.roles or {}) for r in rows}
            day = {r.id: day_of(r.date_start, r.published) for r in rows}
            for r in rows:
                # of the groups named in reports within the window of this one's day
                near = {
                    named[o.id]
                    for o in rows
                    if named[o.id]
                    and (
                        day[r.id] is None
                        or day[o.id] is None
                        or abs((day[r.id] - day[o.id]).days) <= spec.fuse_window_days  # type: ignore[operator]
                    )
                }
                side = named[r.id] or (next(iter(near)) if len(near) == 1 else UNNAMED_GROUP)
                groups[f"{fuse_key}|{side}"].append(r)
        else:
            groups[fuse_key] = list(rows)
        wanted: list[tuple[str, set[int]]] = []
        for prefix, reports in sorted(groups.items()):
            runs = cluster_by_date(
                [(r.id, day_of(r.date_start, r.published)) for r in reports], spec.fuse_window_days
            )
            for run in runs:
                dated = [d for _, d in run if d is not None]
                anchor = min(dated).isoformat() if dated else "undated"
                wanted.append((f"{prefix}|{anchor}", {event_id for event_id, _ in run}))
        by_key = {
            c.case_key: c
            for c in session.scalars(select(CaseRow).where(CaseRow.case_key.in_([k for k, _ in wanted])))
        }
        spare = sorted(
            (session.get(CaseRow, c) for c in touched if c not in {x.id for x in by_key.values()}),
            key=lambda c: c.id if c else 0,
        )
        chosen: dict[str, CaseRow] = {}
        for key, members in wanted:
            case = by_key.get(key)
            if case is None:
                # reuse the old case that held most of these reports (ids stay stable as reports arrive)
                held = Counter(before[e] for e in members if before[e] is not None)
                reusable = [c for c in spare if c is not None and c.id in held]
                if reusable:
                    case = max(reusable, key=lambda c: (held[c.id], -c.id))
                    spare.remove(case)
                    case.case_key = key
                else:
                    case = new_case(session, key, rows[0].type)
                session.flush()
            chosen[key] = case
        for key, members in wanted:
            case_id = chosen[key].id
            touched.add(case_id)
            for event_id in members:
                if before[event_id] != case_id:
                    session.get(EventRow, event_id).case_id = case_id  # type: ignore[union-attr]
        return touched

    def recompute(self, session: Session, case_id: int) -> None:
        case = session.get(CaseRow, case_id)
        if case is None:
            return
        rows = session.execute(
            select(EventRow, DocumentRow)
            .join(DocumentRow, EventRow.document_id == DocumentRow.id)
            .where(EventRow.case_id == case_id)
            .order_by(DocumentRow.published, DocumentRow.doc_key, EventRow.id)
            .options(load_only(*LIGHT_DOCUMENT))  # never the article texts
        ).all()
        if not rows:
            session.delete(case)
            return
        docs = {d.id: d for _, d in rows}
        # a person stands behind it: an analyst confirmed or corrected one of its reports (armswatch.review)
        case.reviewed = any(e.review_state in ("confirmed", "edited") for e, _ in rows)
        # the case stands when its best-read report is right: the max, not 1 - prod(1 - c), since reports
        # are not independent trials (copies and wire reprints share one reading and one misreading)
        known = [e.confidence for e, _ in rows if e.confidence is not None]
        case.confidence = max(known) if known else None
        attributions = session.scalars(
            select(AttributionRow).where(AttributionRow.event_id.in_([e.id for e, _ in rows]))
        ).all()
        vouched = {a.event_id for a in attributions if a.stance != "denied"}
        # A report that only denies the event tells us nothing about its stage, size or dates.
        all_events = [e for e, _ in rows]
        events = [e for e in all_events if e.id in vouched] or all_events
        # the direction, item and category most reports give (the earliest report breaks a tie)
        named = [e.roles.get("item") for e in events if e.roles.get("item")]
        catalogued = [n for n in named if f"weapon_system:{n}" in load_gazetteer().entries]
        case.item = most_common(catalogued or named) if named else None
        sides: dict[int, tuple[str | None, str | None]] = {}
        if case.type == "transfer":  # the register's sides are states; the company is the maker
            case.supplier, case.recipient, case.maker, sides = self.register_sides(session, events, case.item)
            case.supplier_id = self.stored_entity(session, case.supplier, "country")
            case.recipient_id = self.stored_entity(session, case.recipient, "country")
            case.maker_id = self.stored_entity(session, case.maker, "company")
        else:
            pairs = [(actor_side(e), counterpart_side(e)) for e in events]
            case.supplier, case.recipient = most_common(pairs)
            case.supplier_id = self.entity_id(session, case.supplier)
            case.recipient_id = self.entity_id(session, case.recipient)
            case.maker, case.maker_id = None, None
        categories = [e.roles.get("item_category") for e in events if e.roles.get("item_category")]
        case.category = most_common(categories) if categories else None
        case.parties = sorted({p for e in events for r in LIST_ROLES for p in (e.roles.get(r) or [])})
        spec = self.ontology.event_types[case.type]
        statuses = [e.status for e in events if e.status in spec.statuses]
        case.status = max(statuses, key=spec.status_rank) if statuses else None
        published = sorted(d.published for d in docs.values() if d.published)
        case.first_reported = published[0] if published else None
        case.last_reported = published[-1] if published else None
        case.n_sources = len(docs)
        parties = {self.party_key(session, n) for n in (case.supplier, case.recipient, *case.parties) if n}
        passing = self.passing_mentions(session, case.id, all_events, attributions)
        case.origins = self.origins(all_events, docs, attributions, parties, passing)
        case.n_origins = sum(1 for group in case.origins if not group.get("passing"))
        case.state_media_only = all(
            o["voice_key"].startswith("state:") for o in case.origins if not o.get("passing")
        )
        case.contested = any(a.stance == "denied" for a in attributions)
        case.best = self.best_values(events, docs)
        case.quantity = case.best.get("quantity", {}).get("value")
        case.value_usd = case.best.get("value_usd", {}).get("value")
        case.status_history = self.status_history(events, docs, spec.statuses)
        orders = [h["date"] for h in case.status_history if h["status"] == "order" and h["date"]]
        case.order_date = orders[0] if orders else None
        # the deal's own dates only: a report's publication day is when it was told, not when it happened
        case.delivery_dates = sorted(
            {e.date_start for e in events if e.status == "delivery" and e.date_start}
        )
        self.write_statements(session, case, all_events, sides)

    def write_statements(
        self,
        session: Session,
        case: CaseRow,
        events: list[EventRow],
        sides: dict[int, tuple[str | None, str | None]] | None = None,
    ) -> None:
        """One row per (fused value, supporting report): where each value of the case comes from. A report's
        side is chosen when it is the case's side or stands for it (a company for its state, in sides)."""
        session.execute(delete(CaseStatementRow).where(CaseStatementRow.case_id == case.id))
        chosen = {
            "supplier": case.supplier,
            "recipient": case.recipient,
            "item": case.item,
            "status": case.status,
            "quantity": case.quantity,
            "value_usd": case.value_usd,
            "date": case.best.get("date", {}).get("value"),
        }
        getters: dict[str, Callable[[EventRow], Any]] = {
            "supplier": lambda e: (
                e.roles.get("supplier")
                or e.roles.get("provider")
                or e.roles.get("sender")
                or e.roles.get("user")
            ),
            "recipient": lambda e: (
                e.roles.get("recipient") or e.roles.get("beneficiary") or e.roles.get("destination")
            ),
            "item": lambda e: e.roles.get("item"),
            "status": lambda e: e.status,
            "quantity": lambda e: e.roles.get("quantity"),
            "value_usd": lambda e: (e.roles.get("value") or {}).get("usd"),
            "date": lambda e: e.date_start,
        }
        rows = [
            {
                "case_id": case.id,
                "prop": prop,
                "value": str(value)[:512],
                "event_id": event.id,
                "document_id": event.document_id,
                "chosen": value == chosen[prop] or stands_for(sides or {}, event.id, prop, chosen[prop]),
            }
            for event in events
            for prop, getter in getters.items()
            if (value := getter(event)) not in (None, "", [])
        ]
        if rows:  # one INSERT for them all (the ORM's unit of work costs more than the fusion)
            session.execute(insert(CaseStatementRow), rows)

    def report_voice(self, doc: Any, attributions: list[AttributionRow]) -> tuple[str, str, str]:
        """Whose voice a report is: (key, shown name, why). An article that credits an agency for its text
        ("(AFP) -", "With inputs from PTI") is the agency's, whoever it quotes; one all of whose statements
        come through news outlets ("..., TASS reported") is theirs; otherwise its own outlet's. State media
        speak for their state."""
        named = [a for a in attributions if a.via or a.source]
        # a speaker heard through an outlet once is heard through it wherever the article quotes them
        heard_via = {a.source: a.via for a in named if a.via and a.source}
        media = [
            m
            for a in named
            if (m := media_outlet(a.via or heard_via.get(a.source or "")) or media_outlet(a.source))
            is not None
        ]
        own = platform_holder(doc.outlet, getattr(doc, "text", None) or "") or doc.outlet  # a post's account
        credited = credited_outlet(doc.credit, own)
        outlet: Outlet | None
        if credited is not None:
            outlet, why = credited, f"credits {credited.name}"
        elif named and len(media) == len(named):
            outlet = min(media, key=lambda m: m.name)
            why = f"cites {outlet.name}"
        else:
            outlet, why = media_outlet(own), "its own outlet"
        text = getattr(doc, "text", None) or ""
        opinion = opinion_author_state(text, getattr(doc, "url", None)) if credited is None else None
        if opinion is not None:  # a minister's op-ed: the government speaking, wherever it runs
            state = load_gazetteer().country_name(opinion[0]) or opinion[0]
            return f"state:{opinion[0]}", f"state media of {state}", f"an opinion page by {opinion[1]}"
        if outlet is None:
            state_of = government_outlet(own, getattr(doc, "url", None))  # no credit nor cited outlet
            if state_of is not None:  # "Government of Monaco": a release of that state's government
                state = load_gazetteer().country_name(state_of) or state_of
                return f"state:{state_of}", f"state media of {state}", f"a government release ({own})"
            maker = relayed_company(named, own)
            if maker is not None:  # a trade site retelling a maker's release, every statement the maker's
                return f"outlet:{maker.lower()}", maker, f"relays {maker}'s release"
            paper = cited_paper(attributions)
            if paper is not None:  # a brief retelling one paper's scoop ("The Fiji Times reported ...")
                return outlet_key(paper), paper, f"cites {paper}"
            if own:
                company = load_gazetteer().company_named(own)  # a maker's own release
                name = company.name if company is not None else own
                return outlet_key(name), name, "its own outlet"
            return f"doc:{doc.doc_key}", doc.doc_key, "an article of unknown outlet"
        if outlet.state_affiliated and outlet.country:
            state = load_gazetteer().country_name(outlet.country) or outlet.country
            return f"state:{outlet.country}", f"state media of {state}", f"{why} ({outlet.name})"
        return f"outlet:{outlet.name.lower()}", outlet.name, why

    def passing_mentions(
        self,
        session: Session,
        case_id: int,
        events: list[EventRow],
        attributions: Iterable[AttributionRow],
    ) -> set[int]:
        """The documents that tell the case only in passing: in their own voice, past their lead, after
        an event of another case of its type (a background line in a story of another deal)."""
        sourced = {a.event_id for a in attributions if a.source}
        by_doc: dict[int, list[int]] = defaultdict(list)
        for event in events:
            by_doc[event.document_id].append(event.id)
        candidates = {doc_id: ids for doc_id, ids in by_doc.items() if not any(i in sourced for i in ids)}
        if not candidates:
            return set()
        rows = session.execute(
            select(EventRow.document_id, EventRow.case_id, func.min(EvidenceRow.start))
            .join(EvidenceRow, EvidenceRow.event_id == EventRow.id)
            .where(EventRow.document_id.in_(list(candidates)), EventRow.type == events[0].type)
            .group_by(EventRow.id, EventRow.document_id, EventRow.case_id)
        ).all()
        here: dict[int, int] = {}
        elsewhere: dict[int, int] = {}
        for doc_id, other_case, start in rows:
            if start is None:
                continue
            into = here if other_case == case_id else elsewhere
            into[doc_id] = min(start, into.get(doc_id, start))
        return {
            doc_id
            for doc_id in candidates
            if doc_id in here
            and here[doc_id] > LEAD_CHARS
            and doc_id in elsewhere
            and elsewhere[doc_id] < here[doc_id]
        }

    def origins(
        self,
        events: list[EventRow],
        docs: dict[int, Any],
        attributions: Iterable[AttributionRow],
        parties: set[str],
        passing: frozenset[int] | set[int] = frozenset(),
    ) -> list[dict[str, Any]]:
        """The case's independent origins: reports grouped by voice, after copies take their original's; the
        reports that tell it only in passing are listed apart, as no origin."""
        by_event: dict[int, list[AttributionRow]] = defaultdict(list)
        for a in attributions:
            by_event[a.event_id].append(a)
        said: dict[int, list[AttributionRow]] = defaultdict(list)
        for event in events:
            said[event.document_id].extend(by_event[event.id])
        # a report crediting agencies it does not name comes after the reports of its day it may copy
        ordered = sorted(
            docs.values(),
            key=lambda d: (d.published or "9999", d.credit == UNNAMED_AGENCIES, d.doc_key, d.id),
        )
        voice = {d.id: self.report_voice(d, said[d.id]) for d in ordered}
        # Copies: a report whose body mostly repeats an earlier one's takes that one's voice; one that says
        # its text is an agency's ("With agency inputs") takes the voice of the report it repeats most, when
        # it repeats a fair part of it (a rewrite keeps the quotes, not the sentences)
        original = {d.id: d.id for d in ordered}
        sketches: dict[int, Any] = {}
        for i, doc in enumerate(ordered):
            found = self.copied_report(doc, ordered[:i], sketches)
            if found is not None:
                overlap, earlier = found
                root = original[earlier.id]
                original[doc.id] = root
                key, name, _ = voice[root]
                voice[doc.id] = (key, name, f"copy of {docs[root].doc_key} ({overlap:.0%} of its text)")
        groups: dict[str, dict[str, Any]] = {}
        for doc in ordered:
            key, name, why = voice[doc.id]
            if doc.id in passing and original[doc.id] == doc.id:
                key, name, why = "passing", "mentioned in passing", f"{name}: a background line, no origin"
            group = groups.setdefault(
                key,
                {
                    "voice": name,
                    "voice_key": key,
                    "reports": [],
                    "why": {},
                    "party_state_media": key.startswith("state:") and key[6:] in parties,
                    "passing": key == "passing",
                },
            )
            group["reports"].append(doc.doc_key)
            group["why"][doc.doc_key] = why
        return list(groups.values())

    @staticmethod
    def copied_report(doc: Any, earlier: list[Any], sketches: dict[int, Any]) -> tuple[float, Any] | None:
        """The earlier report a report copies, with the share of its text repeated: the first it holds most
        of; for a report crediting agencies it does not name, the one it repeats most, from a quarter up."""
        unnamed = doc.credit == UNNAMED_AGENCIES
        found: tuple[float, Any] | None = None
        for other in earlier:
            linked = doc.duplicate_of == other.id or other.duplicate_of == doc.id
            if not linked and not published_near(doc.published, other.published):
                continue  # a copy runs within days of its original: older reports need no comparing
            overlap = 1.0 if linked else body_overlap(doc, other, sketches)
            if overlap >= COPY_OVERLAP:
                return overlap, other
            if unnamed and overlap >= AGENCY_COPY_OVERLAP and (found is None or overlap > found[0]):
                found = (overlap, other)
        return found

    def best_values(self, events: list[EventRow], docs: dict[int, DocumentRow]) -> dict[str, Any]:
        """The most often reported quantity, value and date, with the documents behind each."""
        best: dict[str, Any] = {}
        for field, getter in (
            ("quantity", lambda e: e.roles.get("quantity")),
            ("value_usd", lambda e: (e.roles.get("value") or {}).get("usd")),
            ("date", lambda e: e.date_start),
        ):
            votes: Counter[Any] = Counter()
            sources: dict[Any, set[str]] = {}
            # an analyst's correction wins over what the machine read, however many reports say otherwise
            edited = [e for e in events if e.review_state == "edited" and getter(e) not in (None, "")]
            for event in edited or events:
                value = getter(event)
                if value in (None, ""):
                    continue
                votes[value] += 1
                sources.setdefault(value, set()).add(docs[event.document_id].doc_key)
            if votes:
                value, _ = max(votes.items(), key=lambda kv: (kv[1], str(kv[0])))
                best[field] = {"value": value, "sources": sorted(sources[value])}
        return best

    def status_history(
        self, events: list[EventRow], docs: dict[int, DocumentRow], statuses: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """For a transfer: each stage reached (intent -> offer -> order -> delivery), when and who said so."""
        history: list[dict[str, Any]] = []
        for status in statuses:
            reached = [e for e in events if e.status == status]
            if not reached:
                continue

            def when(e: EventRow) -> str:
                return e.date_start or docs[e.document_id].published or "9999"

            earliest = min(reached, key=when)
            history.append(
                {
                    "status": status,
                    "date": earliest.date_start,  # when the stage was reached, as the text dates it
                    "reported": docs[earliest.document_id].published,
                    "source": docs[earliest.document_id].doc_key,
                }
            )
        return history


def stands_for(
    sides: dict[int, tuple[str | None, str | None]], event_id: int, prop: str, chosen: str | None
) -> bool:
    """Whether a report's supplier or recipient stands for the case's (a company for its state)."""
    pair = sides.get(event_id)
    if pair is None or chosen is None or prop not in ("supplier", "recipient"):
        return False
    return (pair[0] if prop == "supplier" else pair[1]) == chosen


def unlink_document(session: Session, document_id: int) -> set[int]:
    """Detach a document's events from their cases (before its events are replaced); returns case ids."""
    case_ids = set(
        session.scalars(
            select(EventRow.case_id).where(EventRow.document_id == document_id, EventRow.case_id.is_not(None))
        )
    )
    return {c for c in case_ids if c is not None}


def new_case(session: Session, case_key: str, type_: str) -> CaseRow:
    """An empty case, added to the session; recompute() fills it from its events."""
    case = CaseRow(
        case_key=case_key, type=type_, parties=[], delivery_dates=[], best={}, status_history=[], origins=[]
    )
    session.add(case)
    return case


def drop_empty_cases(session: Session) -> None:
    session.execute(delete(CaseRow).where(~CaseRow.events.any()))


def backfill_documents(session: Session) -> None:
    """Give documents stored before fusion read bodies their body sketch and credited agency."""
    from armswatch.attribute import credited_agency
    from armswatch.store import body_sketch, minhash_bytes

    missing = select(DocumentRow.id).where(DocumentRow.n_shingles.is_(None))
    for document_id in list(session.scalars(missing)):
        doc = session.get(DocumentRow, document_id)
        if doc is None:
            continue
        mh, size = body_sketch(doc.text)
        doc.minhash, doc.n_shingles = minhash_bytes(mh), size
        doc.credit = doc.credit or credited_agency(
            doc.text, load_lexicon().unnamed_agency_credits, doc.outlet, doc.title
        )
        session.flush()
        session.expunge(doc)  # one article text in memory at a time


def refuse_all(session: Session, *, rekey: bool = False) -> int:
    """Re-cluster every fusion key and recompute every case (after a parallel ingest, whose workers fused
    concurrently, or a schema upgrade); with rekey, first give every event its fusion key. Returns the
    number of cases."""
    fuser = Fuser()
    if rekey:
        backfill_documents(session)
        for event in session.scalars(
            select(EventRow).options(
                load_only(
                    EventRow.id, EventRow.type, EventRow.roles, EventRow.review_state, EventRow.pinned_case_id
                )
            )
        ):
            key = fuser.key_of(session, event)
            event.fuse_key = str(key) if key else None
            if key is None:
                event.case_id = event.pinned_case_id if event.review_state != "rejected" else None
        session.flush()
    touched: set[int] = set()
    keys = session.scalars(select(EventRow.fuse_key).where(EventRow.fuse_key.is_not(None)).distinct()).all()
    for fuse_key in sorted(k for k in keys if k):
        touched |= fuser.cluster(session, fuse_key)
    session.flush()
    touched |= set(session.scalars(select(CaseRow.id)))
    for case_id in sorted(touched):
        fuser.recompute(session, case_id)
    session.flush()
    drop_empty_cases(session)
    return int(session.query(CaseRow).count())
