"""Behavioural tests in the manner of CheckList (Ribeiro et al., 2020): short texts generated from templates
and catalog fillers, grouped by capability, each with expectations on its extraction record.

A suite file (YAML) holds capabilities; each has groups of templates of one kind:
  mft  minimum functionality: a plain wording must give the event;
  inv  invariance: other fillers or harmless wording leave the structure unchanged;
  dir  direction: a change of wording moves the output the stated way (a negation gives a denial, "plans
       to" lowers the stage, active, passive and nominal give the same supplier and recipient).
Fillers come from the gazetteers and the weapon-system catalog (countries with their demonyms and
capitals, systems with their origin and category, companies with their state, outlets), so each template
is tried on many names it was not written for."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from armswatch.gazetteer import Gazetteer, load_gazetteer
from armswatch.ontology import load_ontology, read_data
from armswatch.records import Document
from armswatch.scoring import country_codes, name_matches

LIST_ROLES = load_ontology().list_roles  # roles that hold a list of sides, as the ontology says

KINDS = ("mft", "inv", "dir")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class SuiteError(ValueError):
    """A behavioural suite file is malformed."""


@dataclass
class Case:
    capability: str
    group: str
    kind: str
    text: str
    published: str
    expect: list[dict[str, Any]]


@dataclass
class Outcome:
    case: Case
    passed: bool
    failures: list[str] = field(default_factory=list)
    record: dict[str, Any] | None = None


@dataclass
class CapabilityScore:
    name: str
    description: str
    cases: int = 0
    passed: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [passed, cases]

    @property
    def rate(self) -> float:
        return self.passed / self.cases if self.cases else 0.0


# ---- fillers from the catalogs ----------------------------------------------------------------------
@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str


@dataclass(frozen=True)
class System:
    name: str
    category: str
    origin: str  # country name
    maker: str | None


@dataclass(frozen=True)
class Company:
    name: str
    country: str  # country name


class Fillers:
    """Draws consistent filler values: two distinct states, a system made by the supplier, a company of
    the supplier, an outlet, numbers, years and people."""

    def __init__(self, spec: dict[str, Any], gazetteer: Gazetteer) -> None:
        self.spec = spec
        rows = {row["iso3"]: row for row in read_data("countries.yaml")}
        self.countries: dict[str, Country] = {}
        for iso3 in spec["states"]:
            row = rows.get(iso3)
            if row is None or not row.get("demonyms") or not row.get("capitals"):
                raise SuiteError(f"suite: state {iso3} has no entry with a demonym and a capital")
            # "the United States", "the Netherlands": as the name is written in running text
            written = f"the {row['name']}" if iso3 in spec.get("definite", []) else row["name"]
            self.countries[iso3] = Country(written, row["demonyms"][0], row["capitals"][0])
        nouns: dict[str, str] = spec["category_nouns"]
        country_words = {w.lower() for w in gazetteer.country_words}
        self.systems: dict[str, list[System]] = {}
        for row in read_data("weapons.yaml"):
            origin = row.get("origin")
            name = str(row["name"])
            if origin not in self.countries or row.get("category") not in nouns:
                continue
            if any(w.lower().strip(",.") in country_words for w in name.split()) or not name.isascii():
                continue  # a name holding a country word ("... Korean ...") tests the name, not the reading
            self.systems.setdefault(origin, []).append(
                System(name, row["category"], self.countries[origin].name, row.get("manufacturer"))
            )
        self.companies: dict[str, list[Company]] = {}
        known_companies = {e.name for e in gazetteer.entries.values() if e.type == "company"}
        for row in read_data("companies.yaml"):
            if (
                row.get("country") in self.countries
                and row["name"] in known_companies
                and row["name"].isascii()
            ):
                self.companies.setdefault(row["country"], []).append(
                    Company(row["name"], self.countries[row["country"]].name)
                )
        self.outlets = [
            str(row["name"])
            for row in read_data("media.yaml")
            if not row.get("state_affiliated") and len(str(row["name"])) > 3 and str(row["name"]).isascii()
        ]
        self.makers = sorted(iso3 for iso3 in self.systems if len(self.systems[iso3]) >= 3)
        self.company_states = sorted(iso3 for iso3 in self.companies if iso3 in self.systems)

    def draw(self, rng: random.Random, local: dict[str, list[Any]], company: bool = False) -> dict[str, Any]:
        """One set of values; with company=True the supplier state is one with a catalogued company."""
        spec = self.spec
        seller_iso = rng.choice(self.company_states if company else self.makers)
        buyer_iso = rng.choice([c for c in self.countries if c != seller_iso])
        third_iso = rng.choice([c for c in self.countries if c not in (seller_iso, buyer_iso)])
        seller, buyer, third = (
            self.countries[seller_iso],
            self.countries[buyer_iso],
            self.countries[third_iso],
        )
        system = rng.choice(self.systems[seller_iso])
        category = rng.choice(sorted(spec["generic_items"]))
        number = rng.choice(spec["numbers"])
        values: dict[str, Any] = {
            "seller": seller.name,
            "seller_adj": seller.adjective,
            "seller_capital": seller.capital,
            "buyer": buyer.name,
            "buyer_adj": buyer.adjective,
            "buyer_capital": buyer.capital,
            "third": third.name,
            "third_adj": third.adjective,
            "third_capital": third.capital,
            "system": system.name,
            "system_np": f"{system.name} {spec['category_nouns'][system.category]}",
            "system_noun": spec["category_nouns"][system.category],
            "system_category": system.category,
            "generic": rng.choice(spec["generic_items"][category]),
            "generic_category": category,
            "n": number[0],
            "n_int": number[1],
            "outlet": rng.choice(self.outlets),
            "year": rng.randint(1995, 2019),
            "person": rng.choice(spec["people"]),
            "person2": rng.choice(spec["people"]),
        }
        companies = self.companies.get(seller_iso)
        if companies:
            values["company"] = rng.choice(companies).name
        for name, options in local.items():
            values[name] = rng.choice(options)
        if values["person2"] == values["person"]:
            values["person2"] = next(p for p in spec["people"] if p != values["person"])
        return values


# ---- the suite ---------------------------------------------------------------------------------------
def load_suite(path: Path, samples: int | None = None) -> list[Case]:
    """Every case of a suite file: each template of each group, with `samples` draws of fillers."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SuiteError(f"{path}: cannot read the suite: {exc}") from exc
    fillers = Fillers(raw["fillers"], load_gazetteer())
    published = str(raw.get("published", "2024-06-12"))
    draws = samples or int(raw.get("samples", 8))
    cases: list[Case] = []
    for capability, spec in raw["capabilities"].items():
        for group in spec["groups"]:
            kind = group.get("kind")
            if kind not in KINDS:
                raise SuiteError(f"{path}: {capability}/{group.get('id')}: kind must be one of {KINDS}")
            if not group.get("templates") or not group.get("expect"):
                raise SuiteError(f"{path}: {capability}/{group.get('id')}: needs templates and expect")
            local = group.get("fillers") or {}
            wanted = {p for t in group["templates"] for p in PLACEHOLDER.findall(t)}
            for i in range(int(group.get("samples", draws))):
                seed = hashlib.sha256(f"{capability}/{group['id']}/{i}".encode()).hexdigest()
                values = fillers.draw(random.Random(seed), local, company="company" in wanted)
                for template in group["templates"]:
                    text = fill(template, values)
                    expect = [fill_check(check, values) for check in group["expect"]]
                    cases.append(Case(capability, group["id"], kind, text, published, expect))
    return cases


def descriptions(path: Path) -> dict[str, str]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: str(spec.get("description", "")) for name, spec in raw["capabilities"].items()}


def fill(template: str, values: dict[str, Any]) -> str:
    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise SuiteError(f"template {template!r}: unknown filler {{{key}}}")
        return str(values[key])

    text = PLACEHOLDER.sub(one, template)
    text = PLACEHOLDER.sub(one, text)  # a local filler may hold placeholders of its own
    return text[0].upper() + text[1:] if text else text


def fill_check(check: Any, values: dict[str, Any]) -> Any:
    if isinstance(check, dict):
        return {k: fill_check(v, values) for k, v in check.items()}
    if isinstance(check, list):
        return [fill_check(v, values) for v in check]
    if isinstance(check, str):
        whole = PLACEHOLDER.fullmatch(check)
        if whole and whole.group(1) in values:
            return values[whole.group(1)]  # keeps ints as ints
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), check)
    return check


# ---- checking a record --------------------------------------------------------------------------------
SCALAR_NAME_ROLES = (
    "supplier",
    "recipient",
    "item",
    "provider",
    "beneficiary",
    "sender",
    "destination",
    "user",
    "target",
    "location",
    "maker",
    "topic",
    "purpose",
)


def check_record(record: dict[str, Any], expect: list[dict[str, Any]]) -> list[str]:
    """The expectations a record fails, as short messages (empty when it passes)."""
    failures: list[str] = []
    codes = country_codes(record)
    events = record.get("events", [])
    for check in expect:
        if "event" in check:
            spec = check["event"]
            if not any(event_matches(e, spec, codes) for e in events):
                failures.append(f"no event like {spec}")
        elif "no_event" in check:
            spec = check["no_event"]
            bad = [e for e in events if event_matches(e, spec, codes)]
            if bad:
                failures.append(f"unexpected {compact(bad[0])}")
        elif "not_asserted" in check:
            spec = check["not_asserted"]
            bad = [
                e
                for e in events
                if event_matches(e, spec, codes)
                and any(a["stance"] in ("asserted", "confirmed") for a in e.get("attributions", []))
            ]
            if bad:
                failures.append(f"asserted {compact(bad[0])}")
        else:
            raise SuiteError(f"unknown check {check}")
    return failures


def event_matches(event: dict[str, Any], spec: dict[str, Any], codes: dict[str, str]) -> bool:
    roles = event.get("roles") or {}
    for key, want in spec.items():
        if key == "type":
            if event.get("type") != want:
                return False
        elif key == "status":
            if event.get("status") not in (want if isinstance(want, list) else [want]):
                return False
        elif key == "date":
            start = (event.get("date") or {}).get("start")
            if not start or not str(start).startswith(str(want)):
                return False
        elif key in LIST_ROLES:
            got = roles.get(key) or []
            if not all(any(name_matches([w], g, codes) for g in got) for w in want):
                return False
        elif key in ("quantity", "personnel") and isinstance(want, int):
            if roles.get(key) != want:
                return False
        elif key == "value_usd":
            usd = (roles.get("value") or {}).get("usd")
            if not usd or abs(float(usd) - float(want)) > 0.02 * float(want):
                return False
        elif key == "attributions":
            for a in want:
                if not any(attribution_matches(got, a, codes) for got in event.get("attributions", [])):
                    return False
        elif key == "no_source":
            if any(
                got.get("source") and name_matches([n], got["source"], codes)
                for n in want
                for got in event.get("attributions", [])
            ):
                return False
        elif key == "absent":  # roles, or the event's own fields ("date")
            if any(roles.get(r) is not None or event.get(r) is not None for r in want):
                return False
        else:
            got = roles.get(key)
            if not isinstance(got, str) or not name_matches([str(want)], got, codes):
                return False
    return True


def attribution_matches(got: dict[str, Any], want: dict[str, Any], codes: dict[str, str]) -> bool:
    stances = want["stance"] if isinstance(want["stance"], list) else [want["stance"]]
    if got.get("stance") not in stances:
        return False
    source = want.get("source")
    if source is None:
        return got.get("source") is None
    return bool(got.get("source")) and name_matches([source], got["source"], codes)


def compact(event: dict[str, Any]) -> str:
    roles = {k: v for k, v in (event.get("roles") or {}).items() if k != "value"}
    stances = [(a["source"], a["stance"]) for a in event.get("attributions", [])]
    return f"{event.get('type')} {event.get('status') or ''} {roles} {stances}"


# ---- running -----------------------------------------------------------------------------------------
def run_cases(cases: list[Case], extract: Callable[[Iterable[Document]], Iterator[Any]]) -> list[Outcome]:
    """Extract every case's text (in one batched pass) and check its expectations."""
    docs = [Document(id=f"case-{i}", text=c.text, published=c.published) for i, c in enumerate(cases)]
    outcomes: list[Outcome] = []
    for case, record in zip(cases, extract(docs), strict=True):
        as_dict = record.to_dict()
        failures = check_record(as_dict, case.expect)
        outcomes.append(Outcome(case, not failures, failures, as_dict))
    return outcomes


def summarise(outcomes: list[Outcome], described: dict[str, str]) -> dict[str, CapabilityScore]:
    scores: dict[str, CapabilityScore] = {}
    for o in outcomes:
        name = o.case.capability
        score = scores.setdefault(name, CapabilityScore(name, described.get(name, "")))
        score.cases += 1
        score.passed += o.passed
        kind = score.by_kind.setdefault(o.case.kind, [0, 0])
        kind[0] += o.passed
        kind[1] += 1
    return scores


def report(scores: dict[str, CapabilityScore]) -> str:
    lines = [f"  {'capability':28} {'pass':>6} {'cases':>6}   mft / inv / dir"]
    total = passed = 0
    for s in scores.values():
        kinds = " / ".join(
            f"{s.by_kind[k][0] / s.by_kind[k][1]:.0%}" if k in s.by_kind else "-" for k in KINDS
        )
        lines.append(f"  {s.name:28} {s.rate:6.1%} {s.cases:6d}   {kinds}")
        total += s.cases
        passed += s.passed
    lines.append(f"  {'overall':28} {passed / total if total else 0:6.1%} {total:6d}")
    return "\n".join(lines)
