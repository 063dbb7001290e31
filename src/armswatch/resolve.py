"""Resolve: turn entity spans into Mentions of known things (countries with ISO codes, organisations,
companies, media, weapon systems, armed groups, people with roles, places), registered as a spaCy
component that sets ``doc._.mentions`` and ``doc._.token_mention``."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from armswatch.gazetteer import LABEL_TYPES, Entry, Gazetteer, load_gazetteer, normalise_designation
from armswatch.lexicon import Lexicon, load_lexicon

ACTOR_TYPES = frozenset({"country", "organization", "company", "person", "armed_group", "media"})
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
DASHES = frozenset({"—", "–", "-", "--", "---"})  # the dashes that end a place line

for _name, _default in (("mentions", None), ("token_mention", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass
class Mention:
    start: int  # token index
    end: int
    start_char: int
    end_char: int
    name: str  # canonical name
    type: str  # contract entity type
    country: str | None = None
    role: str | None = None
    key: str | None = None
    form: str = "name"  # name | demonym | capital | alias
    category: str | None = None
    manufacturer: str | None = None
    state_affiliated: bool = False

    @property
    def is_countryish(self) -> bool:
        return self.type == "country"


def self_contained(one: str, other: str) -> bool:
    """Whether one catalog name's words hold the other's ("M142 HIMARS" in "M142 HIMARS launcher"): one
    system filed twice, not two models of a family ("Leopard 1", "Leopard 2")."""
    a, b = set(one.lower().split()), set(other.lower().split())
    return a <= b or b <= a


def name_words(mention: Mention) -> set[str]:
    """The longer words of a mention's catalog name (its key's) and of its name as written."""
    names = [mention.name, (mention.key or "").partition(":")[2]]
    return {w.lower() for name in names for w in name.split() if len(w) > 3}


def entity_at(doc: Doc, at: int, labels: tuple[str, ...]) -> tuple[str, int] | None:
    """The id and end of the entity of one of these labels that starts at token `at`, read from the tokens
    (Doc.ents builds every entity of the document at each access)."""
    if at >= len(doc) or doc[at].ent_iob_ != "B" or doc[at].ent_type_ not in labels:
        return None
    end = at + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[at].ent_id_, end


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[span.start : end]


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Words of generic item names ("tanks", "jets"): an alias that only adds them is no other model."""
    words: set[str] = set()
    for phrase in load_lexicon().generic_items:
        for word in phrase.split():
            words |= {word, word + "s", word + "es"}
    return frozenset(words)


class EntityResolver:
    """Builds Mentions from the catalog EntityRuler's spans and spaCy's NER."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        # the international bodies by the city that is their seat ("Brussels": the EU and NATO)
        self.seats: dict[str, list[Entry]] = {}
        for entry in gazetteer.entries.values():
            if entry.seat:
                self.seats.setdefault(entry.seat, []).append(entry)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = []
        for ent in doc.ents:
            mention = self._from_ruler(ent) if ent.label_ in LABEL_TYPES else self._from_ner(ent)
            if mention is not None:
                mentions.append(mention)
        datelines = [doc[m.start : m.end] for m in mentions if self._is_dateline(doc[m.start : m.end])]
        for mention in mentions:
            span = doc[mention.start : mention.end]
            if self._is_dateline(span) or any(self._in_dateline(span, line) for line in datelines):
                mention.form = "dateline"
        # a capital or city in capitals is matched for a wire's place line ("VILNIUS (Reuters) -") only: a
        # brief's "PRISTINA | British battalion arrives" names no actor
        mentions = [
            m
            for m in mentions
            if m.form == "dateline" or not (doc[m.start : m.end].text.isupper() and self._place_entry(m))
        ]
        mentions = self._designations(doc, mentions)
        self._model_numbers(doc, mentions)
        mentions = self._brand_with_kind(doc, mentions)
        mentions = self._one_system(doc, mentions)
        self._family_shorthand(doc, mentions)
        mentions = self._national_bodies(doc, mentions)
        mentions = self._link_acronyms(doc, mentions)
        self._place_countries(doc, mentions)
        self._seats(doc, mentions)
        self._resolve_people(doc, mentions)
        doc._.mentions = mentions
        doc._.token_mention = {i: m for m in mentions for i in range(m.start, m.end)}
        return doc

    def _from_ruler(self, ent: Span) -> Mention | None:
        entry = self.gazetteer.entries.get(ent.ent_id_)
        if entry is None:
            return None
        form = {"AW_DEMONYM": "demonym", "AW_CAPITAL": "capital"}.get(ent.label_, "name")
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if entry.type == "country" and after is not None and self.names_currency(after):
            return None  # "31 million US dollars", "Australian dollars": a currency, no state
        if (
            entry.type in ("country", "location")
            and ent.end + 1 < len(ent.doc)
            and after is not None
            and after.text in ("-", "–")
            and not after.whitespace_
            and ent.doc[ent.end + 1].lower_ == "class"
        ):
            return None  # "three Dakar-class submarines", "a Moscow-class cruiser": a ship class's name
        if (
            entry.type == "country"
            and entry.country in self.lexicon.state_homonyms
            and self._after_a_town(ent)
        ):
            return None  # "Lockheed Martin, Marietta, Georgia": the US state
        if form == "demonym" and self._a_language(ent):
            return None  # "[Translated from Spanish]": a language, no state
        if (entry.type == "location" or form == "capital") and self._inside_a_name(ent):
            return None  # "By Rocío Mendoza Aliaga", "President Santiago Peña": a person's name, no place
        name = entry.name
        end = ent.end
        country = entry.country
        of_state = self._state_after_of(ent) if entry.type == "organization" and entry.country else None
        if of_state is not None and of_state[0] != entry.country:
            # "the Royal Navy of Oman", "the National Guard of Ukraine": another state's body of that name
            country, end = of_state
            name = ent.doc[ent.start : end].text
        if entry.type == "weapon_system":
            doc = ent.doc
            if (
                end < len(doc)
                and not doc[end - 1].whitespace_
                and re.fullmatch(r"[A-Z0-9]{1,4}", doc[end].text)
            ):
                end += 1  # "FA-50M" split by the tokenizer into "FA-50" and "M": the version is the whole
            name = self._version_name(doc[ent.start : end].text, entry.name)
        return Mention(
            ent.start,
            end,
            ent.start_char,
            ent.doc[end - 1].idx + len(ent.doc[end - 1]),
            name,
            entry.type,
            country=country,
            role=entry.role,
            key=entry.key if country == entry.country else None,
            form=form,
            category=entry.category,
            manufacturer=entry.manufacturer,
            state_affiliated=entry.state_affiliated,
        )

    def _same_system(self, first: Mention, second: Mention) -> bool:
        """Whether two catalog mentions are one system: the same entry, or variants of one family."""
        one, other = (self.gazetteer.entries.get(m.key) if m.key else None for m in (first, second))
        return one is not None and other is not None and one.system == other.system

    def _place_entry(self, mention: Mention) -> bool:
        """Whether the mention names a capital or a city of the gazetteer."""
        entry = self.gazetteer.entries.get(mention.key) if mention.key else None
        return mention.form == "capital" or (entry is not None and entry.kind == "city")

    @staticmethod
    def _a_language(ent: Span) -> bool:
        """Whether a demonym names the language a text was translated from or into."""
        doc = ent.doc
        before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
        return len(before) == 2 and before[1] in ("from", "into") and before[0].startswith("translat")

    @staticmethod
    def _inside_a_name(ent: Span) -> bool:
        """Whether a place's name sits between two capitalised proper nouns of one name ("Rocío Mendoza
        Aliaga"), none of them another place or body the catalog knows."""
        doc = ent.doc
        if ent.start == 0 or ent.end >= len(doc):
            return False
        left, right = doc[ent.start - 1], doc[ent.end]
        return (
            all(
                t.pos_ == "PROPN"
                and t.text[:1].isupper()
                and t.is_alpha
                and not t.ent_type_.startswith("AW_")
                for t in (left, right)
            )
            and "\n" not in left.whitespace_ + ent.text_with_ws
        )

    @staticmethod
    def _after_a_town(ent: Span) -> bool:
        """Whether the name follows a place the gazetteer does not know and a comma ("Marietta, Georgia"),
        as a US state follows its town; "Tbilisi, Georgia" names a known capital."""
        if ent.start < 2 or ent.doc[ent.start - 1].text != ",":
            return False
        town = ent.doc[ent.start - 2]
        return town.pos_ == "PROPN" and not town.ent_type_.startswith("AW_")

    def _state_after_of(self, ent: Span) -> tuple[str, int] | None:
        """The state named right after a body's name ("Royal Navy of Oman"), with the end of its name."""
        doc = ent.doc
        at = ent.end
        if at + 1 >= len(doc) or doc[at].lower_ != "of":
            return None
        at += 1 + (doc[at + 1].lower_ == "the")
        found = entity_at(doc, at, ("AW_COUNTRY",))
        if found is None:
            return None
        entry = self.gazetteer.entries.get(found[0])
        return (entry.country, found[1]) if entry is not None and entry.country else None

    def names_currency(self, token: Token) -> bool:
        """A currency's word ("dollars", "euro"), as the currency lexicon names them in one word."""
        word = token.lower_.removesuffix("s")
        return " " not in word and word in self.lexicon.currency_words

    def _designations(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Catalog systems written as a version the catalog does not list ("Su-27SKM", "T-72B3M", "Buk-M1"):
        a weapon mention of the system, named as written. A name spaCy's NER gave such a token gives way."""
        weapons = {i for m in mentions if m.type == "weapon_system" for i in range(m.start, m.end)}
        found: list[Mention] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in weapons or not token.text[:1].isupper() or not any(c.isalpha() for c in token.text):
                i += 1
                continue
            end = i + 1  # a designation split by the tokenizer at a hyphen or slash: "Buk", "-", "M1"
            while (
                end < len(doc)
                and not doc[end - 1].whitespace_
                and (doc[end].text in "-/" or doc[end - 1].text in "-/")
            ):
                end += 1
            text = doc[i:end].text.rstrip("-/")
            if any(c.isdigit() for c in text) and not any(j in weapons for j in range(i, end)):
                entry = self.gazetteer.weapon_for_designation(text)
                if entry is not None:
                    name = re.sub(r"(?<=[0-9A-Z])s$", "", text)
                    found.append(
                        Mention(
                            i,
                            end,
                            token.idx,
                            doc[end - 1].idx + len(doc[end - 1]),
                            name,
                            "weapon_system",
                            country=entry.country,
                            key=entry.key,
                            category=entry.category,
                            manufacturer=entry.manufacturer,
                        )
                    )
            i = end
        if not found:
            return mentions
        taken = {j for m in found for j in range(m.start, m.end)}
        kept = [m for m in mentions if not any(j in taken for j in range(m.start, m.end))]
        return sorted(kept + found, key=lambda m: (m.start, m.end))

    def _model_numbers(self, doc: Doc, mentions: list[Mention]) -> None:
        """A family name the catalog knows with a model number written after it that the catalog lists only
        without its version letters ("twelve Mirage 2000P", "Leopard 2A8"): that model, named as written."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for mention in mentions:
            if mention.type != "weapon_system" or mention.end >= len(doc) or mention.end in taken:
                continue
            model = doc[mention.end]
            if not doc[mention.end - 1].whitespace_ or not model.text[:1].isdigit():
                continue
            entry = self.gazetteer.weapon_for_model(doc[mention.start : mention.end].text, model.text)
            if entry is None or entry.key == mention.key:
                continue
            mention.end, mention.end_char = mention.end + 1, model.idx + len(model.text)
            mention.name = doc[mention.start : mention.end].text
            mention.key, mention.category = entry.key, entry.category
            mention.manufacturer, mention.country = entry.manufacturer, entry.country

    def _brand_with_kind(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A system's own first name followed by words of its kind, in a form the catalog does not list
        ("four Swathi weapon-locating radars", "the Akash surface-to-air missile system"): that system, when
        the name starts only its names and the words end in a generic item noun. A name spaCy's NER gave the
        word ("Swathi" as a person) gives way."""
        taken = {i for m in mentions if m.key is not None for i in range(m.start, m.end)}
        generic = self.lexicon.generic_items
        found: list[Mention] = []
        for token in doc:
            if (
                token.i in taken
                or token.pos_ != "PROPN"
                or len(token.text) < 4
                or not token.is_alpha
                or token.is_sent_start
                or self.gazetteer.state_named(token.text) is not None  # "Korean", "American"
                or (token.i + 1 < len(doc) and doc[token.i + 1].like_num)  # "Block 70 jets": a version
            ):
                continue
            entry = self.gazetteer.weapon_for_brand(token.text)
            if entry is None:
                continue
            # the kind's words up to the noun the name modifies: "weapon-locating radars"
            head = token.head
            if not 0 < head.i - token.i <= 6 or any(j in taken for j in range(token.i, head.i + 1)):
                continue
            # of the system's own kind: "Swathi ... radars", not "Orka submarines" for the Orka missile
            if entry.category not in (generic.get(head.lemma_.lower()), generic.get(head.lower_)):
                continue
            end = head.i + 1
            found.append(
                Mention(
                    token.i,
                    end,
                    token.idx,
                    head.idx + len(head.text),
                    doc[token.i : end].text,
                    "weapon_system",
                    country=entry.country,
                    key=entry.key,
                    category=entry.category,
                    manufacturer=entry.manufacturer,
                )
            )
        if not found:
            return mentions
        covered = {j for m in found for j in range(m.start, m.end)}
        kept = [m for m in mentions if not any(j in covered for j in range(m.start, m.end))]
        return sorted(kept + found, key=lambda m: (m.start, m.end))

    def _one_system(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Two catalog systems written one after the other that share a name word are one system split by
        the matcher ("C-130H" + "Hercules transport aircraft"), or that are one system's designation and
        name: the first, as long as both."""
        out: list[Mention] = []
        for mention in mentions:
            last = out[-1] if out else None
            if (
                last is not None
                and last.type == mention.type == "weapon_system"
                and last.end == mention.start
                # or a variant's designation and its system's name ("F/A-18C/D" + "Hornets")
                and (name_words(last) & name_words(mention) or self._same_system(last, mention))
            ):
                last.end, last.end_char = mention.end, mention.end_char
                continue
            out.append(mention)
        return out

    @staticmethod
    def _family_shorthand(doc: Doc, mentions: list[Mention]) -> None:
        """A family's bare name ("Leopard", "the Leopard tanks") after one of its models was named ("twelve
        used Leopard 1V tanks") is that model, not the one the catalog files the bare name under."""

        def first_word(mention: Mention) -> str:
            words = (mention.key or "").partition(":")[2].split()
            return words[0].lower() if words else ""

        models: dict[str, dict[str, Mention]] = {}  # by first word, the models written with their number
        for mention in mentions:
            written = doc[mention.start : mention.end].text
            if mention.type == "weapon_system" and mention.key and any(c.isdigit() for c in written):
                models.setdefault(first_word(mention), {})[mention.key] = mention
        named: dict[str, Mention] = {}  # by the first word of the catalog name, the latest model named
        for mention in mentions:
            if mention.type != "weapon_system" or not mention.key:
                continue
            surface = doc[mention.start : mention.end].text
            catalog = mention.key.partition(":")[2]
            first = first_word(mention)
            # the latest model named before it, or the one model the article names at all ("twelve Leopard
            # tanks ... of the Leopard 1V model")
            only = list(models.get(first, {}).values())
            earlier = named.get(first) or (only[0] if len(only) == 1 else None)
            if (
                not any(c.isdigit() for c in surface)
                and any(c.isdigit() for c in catalog)
                and earlier is not None
                and earlier.key != mention.key
                and not self_contained(catalog, (earlier.key or "").partition(":")[2])
            ):
                mention.name = (earlier.key or "").partition(":")[2] or earlier.name
                mention.key, mention.manufacturer = earlier.key, earlier.manufacturer
                mention.category, mention.country = earlier.category, earlier.country
                continue
            if any(c.isdigit() for c in surface):
                named[first] = mention

    @staticmethod
    def _version_name(surface: str, canonical: str) -> str:
        """A catalog system is named as the text writes its version ("Su-30MK2", "Mi-35", "T-72B3"); a
        nickname or plain spelling keeps the catalog's name."""
        written = re.sub(r"(?<=[0-9A-Z])s$", "", surface.strip())
        if normalise_designation(written) == normalise_designation(canonical):
            return canonical
        if any(c.isdigit() for c in written) and " " not in written:
            return written  # a version: "Su-30MK2"
        words, known = set(written.lower().split()), set(canonical.lower().split())
        extra = words - known
        if words & known and extra and not extra & generic_words():
            return written  # another model of the family: "Barak MX" beside "Barak 8"
        return canonical

    def _national_bodies(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Ministries, armed forces, parliaments of a country: "the Ghana Air Force", "Latvia's
        parliament", "Peru's Ministry of National Defence" -> an organisation with that country."""
        covered = {i for m in mentions if m.type != "country" for i in range(m.start, m.end)}
        added: list[Mention] = []
        for token in doc:
            if (
                token.i in covered
                or token.pos_ not in ("NOUN", "PROPN")
                or token.lower_ not in self.lexicon.body_heads
            ):
                continue
            if token.dep_ == "compound" and token.head.lower_ in self.lexicon.body_heads:
                continue  # "Defence Ministry": the head noun carries the phrase
            start = token.i
            for child in token.lefts:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i not in covered:
                    start = min(start, child.left_edge.i)
            end = token.i + 1
            for child in token.rights:  # "Ministry of Defence of Latvia"
                if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - token.i <= 6:
                    end = max(end, child.right_edge.i + 1)
            while start < token.i and doc[start].dep_ in ("det", "case", "punct"):
                start += 1
            country = None
            for sub in doc[start:end]:
                if sub.ent_type_ in ("AW_COUNTRY", "AW_DEMONYM", "AW_CAPITAL"):
                    entry = self.gazetteer.entries.get(sub.ent_id_)
                    country = entry.country if entry else None
                    break
            if country is None:
                continue
            span = doc[start:end]
            name = span.text.replace(" 's", "'s").replace(" ’s", "’s").strip()
            added.append(
                Mention(
                    token.i,
                    token.i + 1,
                    span.start_char,
                    span.end_char,
                    name,
                    "organization",
                    country=country,
                )
            )
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda m: (m.start, m.end))

    def _place_countries(self, doc: Doc, mentions: list[Mention]) -> None:
        """A place the tagger names but the gazetteer does not know, introduced with its state ("Cambodia's
        Ream naval base", "the Syrian port of Tartus", "Ream, Cambodia", "Camp Lemonnier in Djibouti"), is a
        place in that state wherever the article names it."""
        countries: dict[str, str] = {}
        unknown = [
            m
            for m in mentions
            if m.key is None and m.country is None and m.type in ("location", "organization")
        ]
        for mention in unknown:
            country = self._state_of_place(doc, doc[mention.start : mention.end], mentions)
            if country:
                countries.setdefault(doc[mention.start : mention.end].text, country)
        for mention in unknown:
            country = countries.get(doc[mention.start : mention.end].text)
            if country:
                mention.type, mention.country = "location", country

    def _state_of_place(self, doc: Doc, span: Span, mentions: list[Mention]) -> str | None:
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}

        def state(token: Token) -> str | None:
            mention = by_token.get(token.i)
            return mention.country if mention is not None and mention.type == "country" else None

        root = span.root
        site = None
        if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in self.lexicon.site_nouns:
            site = root.head  # "Cambodia's Ream naval base"
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in self.lexicon.site_nouns
        ):
            site = root.head.head  # "the Syrian port of Tartus"
        if site is not None:
            for child in site.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod") and state(child):
                    return state(child)
        for child in root.children:
            if child.dep_ == "appos" and state(child):  # "Ream, Cambodia"
                return state(child)
            if child.dep_ == "prep" and child.lower_ == "in":  # "Camp Lemonnier in Djibouti"
                for target in child.children:
                    if target.dep_ == "pobj" and state(target):
                        return state(target)
        return None

    def _link_acronyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """ "the Ghana Air Force (GAF)": later "GAF" is that body, with its country."""
        by_start = {m.start: m for m in mentions}
        acronyms: dict[str, Mention] = {}
        for m in mentions:
            if m.type not in ("organization", "company", "armed_group") or m.end + 2 >= len(doc):
                continue
            if (
                doc[m.end].text == "("
                and doc[m.end + 2].text == ")"
                and doc[m.end + 1].is_upper
                and 2 <= len(doc[m.end + 1].text) <= 8
            ):
                acronyms[doc[m.end + 1].text] = m
        if not acronyms:
            return mentions
        out: list[Mention] = []
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            full = acronyms.get(doc[m.start : m.end].text)
            if full is not None and full is not m:
                m.name, m.type, m.country, m.key = full.name, full.type, full.country, full.key
            out.append(m)
        for token in doc:
            full = acronyms.get(token.text)
            if full is not None and token.i not in covered and token.i not in by_start:
                out.append(
                    Mention(
                        token.i,
                        token.i + 1,
                        token.idx,
                        token.idx + len(token),
                        full.name,
                        full.type,
                        country=full.country,
                        key=full.key,
                    )
                )
        return sorted(out, key=lambda m: m.start)

    def _is_dateline(self, ent: Span) -> bool:
        """ "VILNIUS (Reuters) -" opens a wire story: a place line, not an actor."""
        doc = ent.doc
        at_line_start = ent.start == 0 or "\n" in doc[ent.start - 1].text or doc[ent.start - 1].is_space
        following = doc[ent.end : ent.end + 2]
        if ent.text.isupper() and (ent.end == len(doc) or "\n" in doc[ent.end].text):
            # a place alone on its line, or after the outlet's name: "V7AB NEWS -- MAJURO"
            return at_line_start or doc[ent.start - 1].text in (*DASHES, "|")
        if not at_line_start:
            return False
        if ent.text.isupper():
            return any(t.text in ("(", "—", "–", "-", "--", ",", ":") for t in following)
        # "Malabo (AFP) -", "Moscow, September 22 -": in title case, a place line only with its credit or
        # its date before the dash
        rest = list(doc[ent.end : ent.end + 8])
        if rest and rest[0].text == "(" and any(t.text == "):" for t in rest[2:5]):
            return True  # "Oslo (NTB): Kongsberg has signed ..."
        dash = next((k for k, t in enumerate(rest) if t.text in DASHES), None)
        if dash:
            between = rest[:dash]
            credited = between[0].text == "(" and between[-1].text == ")"
            dated = between[0].text == "," and all(t.ent_type_ == "DATE" or t.is_punct for t in between)
            return credited or dated
        # "New Delhi, Feb 6 (PTI) Armenia has ...": a date and an agency's credit, with no dash
        opening = next((k for k, t in enumerate(rest) if t.text == "("), None)
        close = next((k for k, t in enumerate(rest) if t.text == ")"), None)
        if opening is None or close is None or close < opening + 2 or rest[0].text != ",":
            return False
        return all(t.ent_type_ == "AW_MEDIA" or t.lower_ == "the" for t in rest[opening + 1 : close]) and all(
            t.ent_type_ == "DATE" or t.is_punct for t in rest[1:opening]
        )

    @staticmethod
    def _in_dateline(span: Span, place: Span) -> bool:
        """ "SEONGNAM, South Korea, May 7 -": the country after a dateline's city, before its dash, is part
        of the place line too."""
        doc = span.doc
        if span.start <= place.start or span.start - place.end > 4:
            return False
        between = doc[place.end : span.start]
        after = doc[span.end : min(span.end + 8, len(doc))]
        return all(t.text in (",", "(") or t.is_space for t in between) and any(
            t.text in DASHES for t in after
        )

    def _from_ner(self, ent: Span) -> Mention | None:
        span = _strip_possessive(ent)
        text = span.text.strip()
        if not text or not any(ch.isalpha() for ch in text):
            return None
        company_country = self._company_context(span)
        if company_country is not None and ent.label_ in ("PERSON", "ORG", *LOCATION_LABELS):
            # "Swedish defence company Nordvik Systems", "Spanish shipyard Cardama": whatever spaCy's label, a
            # company of that country
            iso3 = company_country or None
            return Mention(
                span.start, span.end, span.start_char, span.end_char, text, "company", country=iso3
            )
        if ent.label_ == "PERSON":
            if len(text) < 3 or (text.isupper() and len(text) < 5):
                return None
            if all(t.lower_ in self.lexicon.title_words for t in span):
                return None  # "Rear Admiral" alone
            if span[0].text in self.lexicon.vessel_prefixes or (
                span.start > 0 and span.doc[span.start - 1].text in self.lexicon.vessel_prefixes
            ):
                return None  # "TCG Heybeliada", "ITS Virginio Fasan": a ship's name, no one's
            if any(
                t.lower_ in self.lexicon.organization_heads or t.lower_ in ("base", "airport", "port")
                for t in span
                if t.i > span.start
            ):
                return None  # "Air Base", "Defence Ministry" mislabelled as a person
            root = span.root
            if root.dep_ == "pobj" and root.head.lower_ in ("at", "in") and root.tag_ != "POS":
                # "signed at Wisma Pertahanan", "talks in Cox's Bazar": a venue or place, no one's name
                return Mention(span.start, span.end, span.start_char, span.end_char, text, "location")
            return Mention(span.start, span.end, span.start_char, span.end_char, text, "person")
        if ent.label_ in LOCATION_LABELS or ent.label_ == "ORG":
            if text.lower().startswith("the "):
                text = text[4:]
            if text.lower() in self.lexicon.anaphoric_nouns:
                # "in the Kingdom", "the Army": a word that refers back (found as an anaphor), no name
                return None
        if (
            ent.label_ in LOCATION_LABELS | {"ORG"}
            and len(span) >= 2
            and span[0].lower_ in self.lexicon.rank_words
            and span[-1].lower_ not in self.lexicon.rank_words
            and span[-1].lower_ not in self.lexicon.title_words  # "General Staff"
            and span[-1].lower_ not in self.lexicon.organization_heads
            and span[-1].is_title
        ):
            # "Major-General Kalouniwai", which the tagger takes for a place or a body: a rank makes a person;
            # a full name is named without it ("Air Marshal Tony Davies" is Tony Davies)
            titles = self.lexicon.rank_words | self.lexicon.title_words
            first = span.start
            while first < span.end - 1 and (span.doc[first].lower_ in titles or span.doc[first].text == "-"):
                first += 1
            name = span.doc[first : span.end] if span.end - first >= 2 else span
            return Mention(name.start, name.end, name.start_char, name.end_char, name.text, "person")
        if ent.label_ in LOCATION_LABELS:
            return Mention(span.start, span.end, span.start_char, span.end_char, text, "location")
        if ent.label_ == "ORG":
            if all(
                t.lower_ in self.lexicon.title_words
                or t.lower_ in self.lexicon.organization_heads
                or t.lower_ in ("the", "of", "base", "air")
                for t in span
            ):
                return None  # "Air Base", "Defence Ministry": a generic phrase, not a name
            lead = 0
            while lead < len(span) and span[lead].lower_ in self.lexicon.title_words:
                lead += 1
            name = span[lead:]
            if (
                lead
                and len(name) >= 2
                and all(
                    t.is_title
                    and t.pos_ == "PROPN"
                    and t.lower_ not in self.lexicon.organization_heads
                    and t.lower_ not in self.lexicon.title_words
                    for t in name
                )
            ):
                # "Air Marshal Tony Davies" tagged as a body: a ranked person
                return Mention(name.start, name.end, name.start_char, name.end_char, name.text, "person")
            country = self._country_in(span) or self._country_before(span)
            end = span.end
            following = entity_at(span.doc, span.end, ("AW_COUNTRY",))
            if following is not None and span[-1].lower_ in ("of", "the"):
                # "the Ministry of Defence of the" + "Republic of Ghana": one organisation of that country
                entry = self.gazetteer.entries.get(following[0])
                country = entry.country if entry else country
                end = following[1]
                text = span.doc[span.start : end].text
                if text.lower().startswith("the "):
                    text = text[4:]
            doc = span.doc
            return Mention(
                span.start,
                end,
                span.start_char,
                doc[end - 1].idx + len(doc[end - 1]),
                text,
                "organization",
                country=country,
            )
        return None

    def _company_context(self, span: Span) -> str | None:
        """ "" (a company of unknown country) or the ISO3 when a company noun stands right before the name;
        None when the name is not introduced as a company."""
        doc = span.doc
        before = doc[max(span.start - 5, 0) : span.start]
        if not len(before) or before[-1].lemma_.lower() not in self.lexicon.company_nouns:
            return None
        for token in before:
            if token.ent_type_ in ("AW_COUNTRY", "AW_DEMONYM"):
                entry = self.gazetteer.entries.get(token.ent_id_)
                if entry is not None and entry.country:
                    return entry.country
        return ""

    def _country_before(self, span: Span) -> str | None:
        """ "the Royal Thai Navy": NER stops at the demonym, so look just before the name for its country."""
        doc = span.doc
        for token in list(doc[max(span.start - 3, 0) : span.start])[::-1]:
            if token.ent_type_ in ("AW_COUNTRY", "AW_DEMONYM") and token.head.i >= span.start:
                entry = self.gazetteer.entries.get(token.ent_id_)
                return entry.country if entry else None
        for child in span.root.children:
            if child.ent_type_ in ("AW_COUNTRY", "AW_DEMONYM") and child.dep_ in (
                "compound",
                "amod",
                "poss",
                "nmod",
            ):
                entry = self.gazetteer.entries.get(child.ent_id_)
                return entry.country if entry else None
        return None

    def _country_in(self, span: Span) -> str | None:
        for token in span:
            found = entity_at(span.doc, token.i, ("AW_COUNTRY", "AW_DEMONYM"))
            if found is not None and found[1] <= span.end:
                entry = self.gazetteer.entries.get(found[0])
                return entry.country if entry else None
        return None

    def _title_before(self, doc: Doc, mention: Mention) -> tuple[str | None, str | None]:
        """ "Latvian Defence Minister Ana Berzina" -> ("Defence Minister", "LVA")."""
        words: list[Token] = []
        country: str | None = None
        possessed = False
        i = mention.start - 1
        while i >= 0 and mention.start - i <= 8:
            token = doc[i]
            if token.is_sent_end or "\n" in token.text:
                break
            ent_label = token.ent_type_
            low = token.lower_
            if ent_label in ("AW_COUNTRY", "AW_DEMONYM"):
                entry = self.gazetteer.entries.get(token.ent_id_)
                country = country or (entry.country if entry else None)
                i -= 1
                continue
            body = self.gazetteer.entries.get(token.ent_id_) if token.ent_id_ else None
            if (
                body is not None
                and body.country
                and body.type in ("company", "organization")
                and (words or possessed)
            ):
                # "Saab chief executive Micael Johansson", "Saab's Micael Johansson": the body's state
                country = country or body.country
                i -= 1
                continue
            if low in ("'s", "’s") and i > 0 and doc[i - 1].ent_type_ in ("AW_COMPANY", "AW_ORG"):
                possessed = True  # the possessor's name comes next: a body's ("Saab's Micael Johansson")
                i -= 1
                continue
            if low in self.lexicon.title_words or (low in ("of", "for", "and", "-") and words):
                if low not in self.lexicon.honorifics:
                    words.insert(0, token)
                i -= 1
                continue
            break
        while words and words[0].lower_ in ("of", "for", "and", "-"):
            words.pop(0)
        while words and words[-1].lower_ in ("of", "for", "and", "-"):
            words.pop()
        role = " ".join(t.text for t in words) or None
        return role, country

    def _another_office(self, said: str | None, known: str | None) -> bool:
        """Whether the minister's title a text gives a known head of government's name is another office."""
        if not said or not known:
            return False
        said_words, known_words = set(said.lower().split()), set(known.lower().split())
        heads = self.lexicon.head_of_government_words
        return "minister" in said_words and not said_words & heads and bool(known_words & heads)

    def _country_after(self, doc: Doc, mention: Mention) -> str | None:
        """ "Gian Carlo Loffredo of Ecuador and Pedro Sánchez of Colombia": the state named right after the
        person (one namesake of a known office holder may serve another state)."""
        at = mention.end
        if at < len(doc) and doc[at].text == ",":  # "by the ministers X, of Ecuador, and Y, of Colombia"
            at += 1
        if at + 1 >= len(doc) or doc[at].lower_ != "of":
            return None
        token = doc[at + 2] if doc[at + 1].lower_ == "the" and at + 2 < len(doc) else doc[at + 1]
        if token.ent_type_ != "AW_COUNTRY":
            return None
        entry = self.gazetteer.entries.get(token.ent_id_)
        return entry.country if entry else None

    def _apposition_country(self, doc: Doc, mention: Mention) -> tuple[str | None, str | None]:
        """ "his Chilean counterpart, Ana Ruiz" / "Tom Hale, the head of Canada's ..." -> country."""
        root = doc[mention.start : mention.end].root
        candidates: list[Token] = []
        if root.dep_ == "appos":
            candidates.append(root.head)
        candidates.extend(child for child in root.children if child.dep_ == "appos")
        for head in candidates:
            for token in head.subtree:
                if token.ent_type_ in ("AW_COUNTRY", "AW_DEMONYM", "AW_CAPITAL"):
                    entry = self.gazetteer.entries.get(token.ent_id_)
                    if entry:
                        role = (
                            " ".join(
                                t.text
                                for t in head.subtree
                                if t.lower_ in self.lexicon.title_words
                                and t.lower_ not in self.lexicon.honorifics
                            )
                            or None
                        )
                        return entry.country, role
        return None, None

    def _led_body_country(self, doc: Doc, mention: Mention) -> str | None:
        """ "Stephen Chappell has led the Royal Australian Air Force since 2024", "Johansson, who heads Saab",
        "he is chief executive of Saab": the state of the body the person heads."""
        root = doc[mention.start : mention.end].root
        verb = root.head if root.dep_ == "nsubj" else None
        # "Johansson, who heads Saab": the relative clause on the name
        verb = next((c for c in root.children if c.dep_ == "relcl"), verb)
        if verb is None:
            return None
        if verb.lemma_.lower() in self.lexicon.leading_verbs:
            bodies = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree]
        elif verb.lemma_.lower() == "be":  # "is chief executive of Saab", "is the commander of ..."
            bodies = [
                t
                for c in verb.children
                if c.dep_ == "attr" and c.lemma_.lower() in self.lexicon.role_titles | {"executive"}
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for t in p.subtree
            ]
        else:
            return None
        for token in bodies:
            entry = self.gazetteer.entries.get(token.ent_id_) if token.ent_id_ else None
            if entry is not None and entry.country:
                return entry.country
        return None

    def _seats(self, doc: Doc, mentions: list[Mention]) -> None:
        """ "Brussels had allocated EUR 137 million under the European Peace Facility": a capital that is an
        international body's seat stands for the body where its sentence names the body or an instrument of
        it; elsewhere it is its country's."""
        for m in mentions:
            bodies = self.seats.get(m.name) or self.seats.get(doc[m.start : m.end].text)
            if m.form != "capital" or not bodies:
                continue
            root = doc[m.start : m.end].root
            if root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "near", "outside", "to", "via"):
                continue  # "talks in Brussels with NATO's chief": the city, where it happened
            sent = doc[m.start].sent
            named: set[str | None] = set()
            for other in mentions:
                if other is m or not (sent.start <= other.start < sent.end) or other.key is None:
                    continue
                known = self.gazetteer.entries.get(other.key)
                if known is not None:
                    named |= {known.name, known.owner}
            body = next((b for b in bodies if b.name in named), None)
            if body is not None:
                m.type, m.name, m.country, m.key, m.form = "organization", body.name, None, body.key, "alias"

    def _resolve_people(self, doc: Doc, mentions: list[Mention]) -> None:
        # "Sheikh Mubarak" + "Fahad Al-Hamoud": spaCy splits long names; adjacent people are one person
        for left, right in itertools.pairwise(mentions):
            if (
                left.type == right.type == "person"
                and left.key is None
                and right.key is None
                and left.end == right.start
                and left.name != ""
            ):
                right.start, right.start_char = left.start, left.start_char
                right.name = doc[right.start : right.end].text
                left.name = ""
        mentions[:] = [m for m in mentions if m.name != ""]
        # "Franca said": a surname the tagger took for a body or a place is the person named in full before
        surnames = {m.name.split()[-1]: m.name for m in mentions if m.type == "person" and " " in m.name}
        for m in mentions:
            if (
                m.type in ("organization", "location")
                and m.key is None
                and not m.country
                and m.name in surnames
            ):
                m.type, m.name = "person", surnames[m.name]
        # '"We sold 18 Hornets to Canada," Chappell says': a surname alone the tagger missed is that person
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for t in doc:
            if (
                t.text in surnames
                and t.pos_ == "PROPN"
                and t.i not in taken
                and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
                and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
            ):
                mentions.append(Mention(t.i, t.i + 1, t.idx, t.idx + len(t), surnames[t.text], "person"))
        mentions.sort(key=lambda m: (m.start, m.end))
        people = [m for m in mentions if m.type == "person"]
        full: list[Mention] = []
        for m in people:
            role, country = self._title_before(doc, m)
            if country is None and self._another_office(role, m.role):
                m.country = None  # "Defence Minister Pedro Sánchez" is no Prime Minister of Spain
            if country is None:
                country, appos_role = self._apposition_country(doc, m)
                role = role or appos_role
            if country is None:
                country = self._country_after(doc, m)
            if country is None:
                country = self._led_body_country(doc, m)
            m.role, m.country = role or m.role, country or m.country
            if " " in m.name:
                full.append(m)
        # Surname-only mentions resolve to the full name seen in the document ("Hasanov", "Hassanov").
        for m in people:
            if " " in m.name:
                continue
            best: Mention | None = None
            for f in full:
                surname = f.name.split()[-1]
                if surname == m.name or fuzz.ratio(surname, m.name) >= 85:
                    best = f
                    break
            if best is not None:
                m.name = best.name
                m.country = m.country or best.country
                m.role = m.role or best.role
        # A full name seen once with a country keeps it everywhere.
        by_name: dict[str, Mention] = {}
        for m in people:
            if m.country and m.name not in by_name:
                by_name[m.name] = m
        for m in people:
            if m.country is None and m.name in by_name:
                m.country = by_name[m.name].country
                m.role = m.role or by_name[m.name].role


@Language.factory("armswatch_resolver")
def make_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(load_gazetteer(), load_lexicon())
