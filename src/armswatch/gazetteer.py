"""Gazetteers and the weapon-system catalog: named things armswatch recognises, loaded from armswatch/data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pycountry

from armswatch.ontology import DataError, load_ontology, read_data

# Entity-ruler labels; each maps to a contract entity type.
LABEL_TYPES = {
    "AW_COUNTRY": "country",
    "AW_DEMONYM": "country",
    "AW_CAPITAL": "country",
    "AW_ORG": "organization",
    "AW_ARMED_GROUP": "armed_group",
    "AW_MEDIA": "media",
    "AW_COMPANY": "company",
    "AW_WEAPON": "weapon_system",
    "AW_PERSON": "person",
    "AW_LOCATION": "location",
}
USER_ASSIGNED_CODES = {"XKX"}  # Kosovo: user-assigned, not in ISO 3166-1


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    category: str | None = None
    manufacturer: str | None = None
    state_affiliated: bool = False
    kind: str | None = None
    role: str | None = None
    # a weapon system's SIPRI-style description ("fighter aircraft", "SAM system"): its own, else its
    # category's default (data/weapon_descriptions.yaml)
    description: str | None = None
    # a consortium's product: the states of its partner companies (weapons.yaml `partners`)
    partners: tuple[str, ...] = ()
    # an international body's instrument (the European Peace Facility): the body that gives through it
    owner: str | None = None
    # a peace mission or force abroad (organizations.yaml `operates_in`): the state it serves in, where forces
    # sent to it are deployed
    operates_in: str | None = None
    # a variant a catalog row lists among its aliases under another designation ("MQ-9B" of "MQ-9 Reaper",
    # "Switchblade 300" of "Switchblade 600"): the row's name. The variant is named as the text names it.
    family: str | None = None
    # a news outlet's short forms too ambiguous for running text ("AA", "PAP", "NAN"), read only where an
    # outlet is named for certain: a credit line, a dateline credit, an article's outlet field
    credit_forms: tuple[str, ...] = ()
    # a news outlet's web domains and the boilerplate lines only its copy carries (media.yaml `sites`,
    # `credit_notes`): read in a copy's notes ("Read the original article on rfi.fr")
    sites: tuple[str, ...] = ()
    credit_notes: tuple[str, ...] = ()
    # an international body's seat (organizations.yaml `seat`): the city that stands for it where the sentence
    # names the body or one of its instruments ("Brussels allocated EUR 137 million under the European Peace
    # Facility")
    seat: str | None = None
    # an armed group's parent organisation (armed_groups.yaml `branch_of`): "al-Qaeda" fighting in Yemen is
    # its Yemeni branch, AQAP
    branch_of: str | None = None

    @property
    def system(self) -> str:
        """The key of the catalog system this entry is: its own, or its family's for a variant."""
        return f"{self.type}:{self.family}" if self.family else self.key


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)  # ISO3 -> entry
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (label, text, key)
    country_words: dict[str, str] = field(default_factory=dict)  # name or demonym -> ISO3
    designations: dict[str, str] = field(default_factory=dict)  # normalised designation -> weapon key
    # names of two or more words ending in a model number ("Mirage 2000", "Leopard 2"), normalised -> key
    model_names: dict[str, str] = field(default_factory=dict)
    # the first word of a weapon's names of two or more words ("Swathi" of "Swathi WLR"), lower case -> the
    # keys of the systems whose names start with it
    brand_words: dict[str, set[str]] = field(default_factory=dict)
    # the first word of a catalog system's several-word name that starts no other system's name or alias
    # ("Akash" of "Akash missile system"): with a generic noun after it, it names that system
    short_names: dict[str, str] = field(default_factory=dict)
    # entity type -> name or alias in lower case -> key, for the catalogs read by name (weapon systems,
    # companies, media)
    names_by_type: dict[str, dict[str, str]] = field(default_factory=dict)
    # a country's name, alias, demonym or capital, lower case -> ISO3 ("turkish", "türkiye", "ankara")
    state_words: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)  # ISO3 -> its (first) capital city
    sovereigns: dict[str, str] = field(default_factory=dict)  # a dependent territory's ISO3 -> its state's

    def country(self, iso3: str | None) -> Entry | None:
        return self.countries.get(iso3) if iso3 else None

    def country_in_text(self, text: str) -> str | None:
        """The country a short phrase names by name or demonym ("Peruvian navy spokesman" -> PER)."""
        words = re.findall(r"[\w'’.-]+", text)
        # then with possessives cut ("Pakistan's military spokesman"), then without accents ("du Sénégal")
        plain = [unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in words]
        for forms in (words, [re.sub(r"['’]s$", "", w) for w in words], plain):
            for size in (3, 2, 1):
                for i in range(len(forms) - size + 1):
                    key = self.country_words.get(" ".join(forms[i : i + size]))
                    if key:
                        return key
        return None

    def weapon_for_designation(self, text: str) -> Entry | None:
        """The catalog system a designation belongs to, version suffixes and all: "Su-30MK2" and "Su30 MK2"
        are the Su-30, "T-72B3M" the T-72, "Buk-M1" the Buk. The longest catalogued designation that starts
        the normalised text wins; at most four characters of suffix may follow it."""
        key = normalise_designation(text)
        if len(key) < 3 or not any(c.isdigit() for c in key):
            return None
        for cut in range(len(key), max(len(key) - 5, 2), -1):
            found = self.designations.get(key[:cut])
            if found is not None:
                if key[cut - 1].isdigit() and cut < len(key) and key[cut].isdigit():
                    return None  # "F-221", a frigate's pennant number: the number goes on, no F-22 version
                return self.entries.get(found)
        return None

    def weapon_for_brand(self, word: str) -> Entry | None:
        """The one catalog system whose names of two or more words start with this word and that no other
        entry of the gazetteer is named by ("Swathi" of "Swathi WLR"), or None."""
        keys = self.brand_words.get(word.lower(), set())
        if len(keys) != 1 or any(word.lower() in names for names in self.names_by_type.values()):
            return None
        return self.entries.get(next(iter(keys)))

    def weapon_for_model(self, name: str, model: str) -> Entry | None:
        """The catalog system a family name and a model number written after it name, version letters and
        all: "Mirage" + "2000P" is the Mirage 2000, "Leopard" + "2A8" the Leopard 2."""
        key = normalise_designation(f"{name} {model}")
        for cut in range(len(key), max(len(key) - 3, len(normalise_designation(name))), -1):
            found = self.model_names.get(key[:cut])
            if found is not None:
                return self.entries.get(found)
        return None

    def catalog_system(self, item: str) -> str | None:
        """The system an item phrase names, a variant under its family ("MQ-9B" and "MQ-9 Reaper", "TB2" and
        "Bayraktar TB2" are one): by the catalog name itself, else a name, alias or designation in it."""
        found = self.entries.get(f"weapon_system:{item}") or self.weapon_in_text(item)
        return (found.family or found.name) if found is not None else None

    def weapon_in_text(self, text: str) -> Entry | None:
        """The catalog system a free item phrase names, by a name or alias among its words, else by a
        designation: "Chinese-made CH-95 combat drones" -> CH-95, "TB2s" -> Bayraktar TB2."""
        words = re.findall(r"[\w'’.-]+", text)
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                key = self.names_by_type.get("weapon_system", {}).get(" ".join(words[i : i + size]).lower())
                if key:
                    return self.entries[key]
        for word in words:
            found = self.weapon_for_designation(word)
            if found is not None:
                return found
        return None

    def state_named(self, text: str) -> str | None:
        """The country a user's word names: by name, alias, demonym or capital ("Turkish", "Türkiye",
        "Ankara" -> "Turkey")."""
        return self.country_name(self.state_words.get(text.strip().lower()))

    def company_named(self, text: str) -> Entry | None:
        """The catalog company a user's word names, by name or alias, in any letter case."""
        key = self.names_by_type.get("company", {}).get(text.strip().lower())
        return self.entries[key] if key else None

    def country_name(self, iso3: str | None) -> str | None:
        entry = self.country(iso3)
        return entry.name if entry else None


def _valid_country(code: str | None, source: str, name: str) -> str | None:
    if code is None:
        return None
    if code in USER_ASSIGNED_CODES or pycountry.countries.get(alpha_3=code) is not None:
        return code
    raise DataError(f"{source}: '{name}' has unknown country code {code!r}")


def normalise_designation(text: str) -> str:
    """ "Su-30MK2" -> "su30mk2", "MiG 29-K" -> "mig29k", "F-16s" -> "f16": letters and digits only, lower
    case, without a plural s after a digit or a capital."""
    text = re.sub(r"(?<=[0-9A-Z])s$", "", text.strip())
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _designation_variants(alias: str) -> Iterator[str]:
    """ "F-16" also as "F16" and plural "F-16s"; "Rafale" as "Rafales", "Akinci drone" as "Akinci drones"."""
    yield alias
    if re.search(r"[A-Za-z]-\d", alias):
        yield re.sub(r"(?<=[A-Za-z])-(?=\d)", "", alias)
    if re.search(r"[a-z]-class\b", alias):  # "Hangor-class" also as "Hangor class"
        yield alias.replace("-class", " class")
    first = alias.split()[0].split("-")[0]
    if len(first) >= 4 and first.isalpha() and not first.isupper():  # press releases write "HANGOR class"
        yield alias.replace(first, first.upper(), 1)
    last = alias.split()[-1]
    if not alias.endswith("s") and (alias[-1].isdigit() or alias[-1].isupper() or alias.istitle()):
        yield alias + "s"
    elif " " in alias and last.isalpha() and last.islower() and not last.endswith(("s", "x", "ch", "sh")):
        yield alias + "s"  # "KAAN fighter" also as "KAAN fighters"
    words = alias.split()  # after the variants of the alias as written, which win a tie
    if len(words) >= 3 and all(w.isalpha() and w.istitle() for w in words):
        # "Bushmaster Protected Mobility Vehicle" also as "Bushmaster protected mobility vehicles": the name,
        # then what it is, in the lower case running text gives it
        yield from _designation_variants(" ".join([words[0], *(w.lower() for w in words[1:])]))


def _designations(text: str) -> set[str]:
    """The words of a name that carry a designation ("MQ-9B SkyGuardian" -> {"mq9b"}), calibres and wheel
    formulas ("155mm", "8x8") aside."""
    text = re.sub(r"(?<=[A-Za-z])[-\s](?=\d)|(?<=\d)-(?=[A-Za-z])", "", text).lower()
    return {
        w
        for w in re.split(r"[^a-z0-9]+", text)
        if any(c.isdigit() for c in w) and not re.fullmatch(r"\d+(mm|x\d+)", w)
    }


def _name_words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", text.lower()) if w}


def split_variants(name: str, aliases: list[str]) -> tuple[list[str], list[list[str]]]:
    """A catalog row's own aliases, and its variants: aliases under another designation than the name's,
    grouped by designation, each with the plain-word aliases only it contains ("SkyGuardian" with "MQ-9B
    SkyGuardian"), its longest member first (in English letters where one is): the fullest name ("AH-64E
    Apache Guardian") also holds the shorter ways to write it. A name without a designation has none."""
    own = _designations(name)
    if not own:
        return aliases, []
    groups: dict[str, list[str]] = {}
    kept: list[str] = []
    for alias in aliases:
        found = _designations(alias)
        if found and not found & own:
            groups.setdefault(min(found), []).append(alias)
        else:
            kept.append(alias)
    if not groups:
        return aliases, []
    name_words = _name_words(name)
    own_aliases: list[str] = []
    for alias in kept:
        words = _name_words(alias)
        homes = [k for k, members in groups.items() if any(words <= _name_words(m) for m in members)]
        if not _designations(alias) and len(homes) == 1 and not words <= name_words:
            groups[homes[0]].append(alias)
        else:
            own_aliases.append(alias)
    variants = [
        sorted(members, key=lambda m: (not m.isascii(), -len(m), members.index(m)))
        for members in groups.values()
    ]
    return own_aliases, variants


def _strings(value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"expected a list, got {value!r}")
    return [str(v) for v in value if str(v).strip()]


@dataclass(frozen=True)
class Descriptions:
    """SIPRI-style weapon descriptions: each item category's default, and every description allowed."""

    defaults: dict[str, str]
    allowed: frozenset[str]

    def describe(self, row: dict[str, Any], source: str) -> str:
        """A catalog row's description: its own, checked against the allowed ones, else its category's."""
        own = row.get("description")
        if own is None:
            return self.defaults[str(row.get("category"))]
        if not isinstance(own, str) or own not in self.allowed:
            raise DataError(
                f"{source}: '{row.get('name')}' has unknown description {own!r} "
                "(not among weapon_descriptions.yaml's descriptions)"
            )
        return own


@lru_cache(maxsize=1)
def load_descriptions() -> Descriptions:
    """data/weapon_descriptions.yaml, checked: a default for every item category, each default allowed."""
    return parse_descriptions(read_data("weapon_descriptions.yaml"), load_ontology().item_categories)


def parse_descriptions(raw: object, categories: frozenset[str]) -> Descriptions:
    """The parsed weapon_descriptions.yaml, each problem one DataError naming the file and the key."""
    name = "weapon_descriptions.yaml"
    if not isinstance(raw, dict):
        raise DataError(f"{name}: top level must be a mapping")
    allowed = raw.get("descriptions")
    if not isinstance(allowed, list) or not all(isinstance(d, str) and d.strip() for d in allowed):
        raise DataError(f"{name}: 'descriptions' must be a list of descriptions")
    defaults = raw.get("category_defaults")
    if not isinstance(defaults, dict):
        raise DataError(f"{name}: 'category_defaults' must map each item category to a description")
    missing, unknown = sorted(categories - set(defaults)), sorted(set(defaults) - categories)
    if missing or unknown:
        raise DataError(f"{name}: category_defaults: missing categories {missing}, unknown ones {unknown}")
    for category, description in defaults.items():
        if description not in allowed:
            raise DataError(f"{name}: category_defaults.{category}: {description!r} is not in 'descriptions'")
    return Descriptions({str(k): str(v) for k, v in defaults.items()}, frozenset(allowed))


def check_owners(entries: Iterable[Entry]) -> None:
    """Every instrument's owner (organizations.yaml `owner`) is an organisation of the gazetteer, and every
    branch's parent (armed_groups.yaml `branch_of`) an armed group, the branch having a country."""
    entries = list(entries)
    bodies = {e.name for e in entries if e.type == "organization"}
    for entry in entries:
        if entry.owner is not None and entry.owner not in bodies:
            raise DataError(f"{entry.type}: '{entry.name}' has unknown owner {entry.owner!r}")
    groups = {e.name for e in entries if e.type == "armed_group"}
    for entry in entries:
        if entry.branch_of is not None and (entry.branch_of not in groups or not entry.country):
            raise DataError(
                f"{entry.type}: '{entry.name}' is a branch of unknown group {entry.branch_of!r} "
                "or has no country"
            )


def check_catalog_aliases(rows: list[dict[str, Any]], source: str) -> None:
    """Refuse a weapon catalog where one name or alias (in any letter case, hyphens and spaces aside, as
    normalise_designation reads it) belongs to two systems: the text would name either, and the loader
    would silently give it to the first."""
    if not isinstance(rows, list):
        raise DataError(f"{source}: top level must be a list of systems")
    owner: dict[str, str] = {}
    for row in rows:
        if not isinstance(row, dict):
            raise DataError(f"{source}: entry is not a mapping: {row!r}")
        name = str(row.get("name") or "").strip()
        try:
            aliases = _strings(row.get("aliases"))
        except DataError as exc:
            raise DataError(f"{source}: '{name}' aliases: {exc}") from exc
        for text in (name, *aliases):
            key = normalise_designation(text) or text.strip().lower()
            first = owner.setdefault(key, name)
            if first != name:
                raise DataError(f"{source}: the alias {text!r} names two systems: '{first}' and '{name}'")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    ontology = load_ontology()
    gaz = Gazetteer()
    seen: dict[str, str] = {}  # pattern text -> key; first file in priority order wins

    def add_pattern(label: str, text: str, key: str) -> None:
        text = text.strip()
        if text.lower().startswith("the ") and label == "AW_MEDIA" and " " not in text[4:].strip():
            # "The Times", "The Nation": the one word alone ends other outlets' names ("The Fiji Times")
            for article in ("The", "the"):
                add_pattern_text(label, f"{article} {text[4:].strip()}", key)
            return
        if text.lower().startswith("the "):
            text = text[4:]
        add_pattern_text(label, text, key)

    def add_pattern_text(label: str, text: str, key: str) -> None:
        if not text or seen.get(text, key) != key:
            return
        if text not in seen:
            seen[text] = key
            gaz.patterns.append((label, text, key))
            if label in ("AW_COUNTRY", "AW_DEMONYM"):
                gaz.country_words[text] = key.split(":", 1)[1]
            if label in ("AW_COUNTRY", "AW_DEMONYM", "AW_CAPITAL"):
                gaz.state_words.setdefault(text.lower(), key.split(":", 1)[1])
        if text[:1].islower():  # "al-Shabaab" opening a sentence: "Al-Shabaab"
            add_pattern_text(label, text[:1].upper() + text[1:], key)

    # Seas, regions and disputed areas first: "South China Sea" is a sea, not China.
    for row in read_data("locations.yaml"):
        name = str(row.get("name") or "").strip()
        if not name:
            raise DataError(f"locations.yaml: entry without a name: {row!r}")
        place = Entry(
            f"location:{name}",
            name,
            "location",
            _valid_country(row.get("country"), "locations.yaml", name),
            tuple(_strings(row.get("aliases"))),
        )
        gaz.entries[place.key] = place
        for text in (place.name, *place.aliases):
            add_pattern("AW_LOCATION", text, place.key)
    for row in read_data("countries.yaml"):
        iso3 = _valid_country(row.get("iso3"), "countries.yaml", str(row.get("name")))
        if iso3 is None or not row.get("name"):
            raise DataError(f"countries.yaml: entry without iso3 or name: {row!r}")
        entry = Entry(
            f"country:{iso3}", str(row["name"]), "country", iso3, tuple(_strings(row.get("aliases")))
        )
        gaz.entries[entry.key] = entry
        gaz.countries[iso3] = entry
        if row.get("sovereign"):
            sovereign = _valid_country(row["sovereign"], "countries.yaml", entry.name)
            if sovereign is not None:
                gaz.sovereigns[iso3] = sovereign
    # Names first (all countries), then demonyms and capitals, so a name never loses to another's alias.
    for entry in gaz.countries.values():
        for text in (entry.name, *entry.aliases):
            add_pattern("AW_COUNTRY", text, entry.key)
    for row in read_data("countries.yaml"):
        key = f"country:{row['iso3']}"
        for text in _strings(row.get("demonyms")):
            add_pattern("AW_DEMONYM", text, key)
        for text in _strings(row.get("capitals")) + _strings(row.get("seats")):
            add_pattern("AW_CAPITAL", text, key)
            add_pattern("AW_CAPITAL", text.upper(), key)  # a wire's place line: "VILNIUS (Reuters) -"
        if _strings(row.get("capitals")):
            gaz.capitals[str(row["iso3"])] = _strings(row.get("capitals"))[0]

    sources = [
        ("organizations.yaml", "organization", "AW_ORG"),
        ("armed_groups.yaml", "armed_group", "AW_ARMED_GROUP"),
        ("media.yaml", "media", "AW_MEDIA"),
        ("companies.yaml", "company", "AW_COMPANY"),
        ("weapons.yaml", "weapon_system", "AW_WEAPON"),
        ("people.yaml", "person", "AW_PERSON"),
    ]
    descriptions = load_descriptions()
    for filename, etype, label in sources:
        rows = read_data(filename) or []
        if etype == "weapon_system":
            check_catalog_aliases(rows, filename)
        for row in rows:
            name = str(row.get("name") or "").strip()
            if not name:
                raise DataError(f"{filename}: entry without a name: {row!r}")
            category = row.get("category")
            if etype == "weapon_system" and category not in ontology.item_categories:
                raise DataError(f"{filename}: '{name}' has unknown category {category!r}")
            code = row.get("country", row.get("origin"))
            aliases, variants = _strings(row.get("aliases")), list[list[str]]()
            if etype == "weapon_system":
                aliases, variants = split_variants(name, aliases)
            entry = Entry(
                key=f"{etype}:{name}",
                name=name,
                type=etype,
                country=_valid_country(code, filename, name),
                aliases=tuple(aliases),
                category=category,
                manufacturer=row.get("manufacturer"),
                state_affiliated=bool(row.get("state_affiliated", False)),
                kind=row.get("kind"),
                role=row.get("role"),
                owner=row.get("owner"),
                operates_in=_valid_country(row.get("operates_in"), filename, name),
                seat=row.get("seat"),
                branch_of=row.get("branch_of"),
                description=descriptions.describe(row, filename) if etype == "weapon_system" else None,
                partners=tuple(
                    iso3
                    for code in _strings(row.get("partners"))
                    if (iso3 := _valid_country(code, filename, name))
                ),
                credit_forms=tuple(_strings(row.get("credit_forms"))),
                sites=tuple(_strings(row.get("sites"))),
                credit_notes=tuple(_strings(row.get("credit_notes"))),
            )
            if entry.key in gaz.entries:
                continue
            family = [
                replace(
                    entry,
                    key=f"{etype}:{members[0]}",
                    name=members[0],
                    aliases=tuple(members[1:]),
                    family=name,
                )
                for members in variants
            ]
            for member in (entry, *family):
                if member.key in gaz.entries:
                    continue
                gaz.entries[member.key] = member
                for text in (member.name, *member.aliases):
                    gaz.names_by_type.setdefault(etype, {}).setdefault(text.lower(), member.key)
                    if (
                        etype == "weapon_system"
                        and any(c.isdigit() for c in text)
                        and " " not in text.strip()
                    ):
                        gaz.designations.setdefault(normalise_designation(text), member.key)
                    if (
                        etype == "weapon_system"
                        and " " in text.strip()
                        and any(c.isdigit() for c in text.split()[-1])
                    ):
                        gaz.model_names.setdefault(normalise_designation(text), member.key)
                    if etype == "weapon_system" and " " in text.strip():
                        gaz.brand_words.setdefault(text.split()[0].lower(), set()).add(member.system)
                    forms = _designation_variants(text) if etype == "weapon_system" else iter([text])
                    for form in forms:
                        add_pattern(label, form, member.key)
    # Military bases and cities last, so that any other entry of the name wins; a base or a city is a place
    # where something happened or forces went, never an actor
    for filename, kind in (("bases.yaml", "base"), ("cities.yaml", "city")):
        for row in read_data(filename) or []:
            name = str(row.get("name") or "").strip()
            key = f"location:{name}"
            if not name or key in gaz.entries:
                continue
            place = Entry(
                key,
                name,
                "location",
                _valid_country(row.get("country"), filename, name),
                tuple(_strings(row.get("aliases"))),
                kind=kind,
            )
            gaz.entries[key] = place
            for text in (place.name, *place.aliases):
                add_pattern("AW_LOCATION", text, key)
            if kind == "city":
                add_pattern("AW_LOCATION", place.name.upper(), key)  # "MAJURO --", "SUBIC BAY, Philippines -"
    check_owners(gaz.entries.values())
    gaz.short_names = _short_names(gaz)
    return gaz


def _short_names(gaz: Gazetteer) -> dict[str, str]:
    """Each capitalised first word (four letters or more) of a several-word weapon name or alias that starts
    the names of exactly one system and is no other kind of entry's name."""
    systems: dict[str, set[str]] = {}
    anywhere: dict[str, set[str]] = {}  # a word used in several systems' names ("Block", "Navy") is no name
    for entry in gaz.entries.values():
        if entry.type != "weapon_system":
            continue
        for text in (entry.name, *entry.aliases):
            words = text.split()
            for word in words:
                anywhere.setdefault(word.lower(), set()).add(entry.key)
            if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]{3,}", words[0]):
                systems.setdefault(words[0], set()).add(entry.key)
    taken = {name for etype, names in gaz.names_by_type.items() if etype != "weapon_system" for name in names}
    return {
        word: next(iter(keys))
        for word, keys in systems.items()
        if len(keys) == 1
        and len(anywhere[word.lower()]) == 1
        and word.lower() not in taken
        and word not in gaz.country_words
    }
