"""Extract: typed events with their roles, read from dependency parses, trigger lexicons and the
resolved mentions of a parsed document. One Candidate per trigger; consolidation merges them later."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from armswatch.gazetteer import Gazetteer, load_gazetteer
from armswatch.lexicon import Lexicon, Trigger, load_lexicon
from armswatch.normalise import Money, find_money, number_value
from armswatch.records import Attribution
from armswatch.resolve import ACTOR_TYPES, Mention

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLIMB_DEPS = (
    "xcomp",
    "acomp",
    "conj",
    "advcl",
    "ccomp",
    "pcomp",
    "relcl",
    "acl",
    "prep",
    "dobj",
    "pobj",
    "attr",
)
CIRCUMSTANCE_PREPS = frozenset(
    {"since", "after", "before", "during", "amid", "despite", "following", "until"}
)
PARAGRAPH_BREAKS = re.compile(r"\n\s*")
PARAGRAPH_BREAKS_KEY = "armswatch_paragraph_breaks"


def paragraph_index(doc: Doc, char: int) -> int:
    """Index of the paragraph holding a character offset: the number of line-break runs before it. The
    break offsets are found once per Doc, as a long article has thousands of triggers to place."""
    breaks: list[int] | None = doc.user_data.get(PARAGRAPH_BREAKS_KEY)
    if breaks is None:
        breaks = [m.start() for m in PARAGRAPH_BREAKS.finditer(doc.text)]
        doc.user_data[PARAGRAPH_BREAKS_KEY] = breaks
    return bisect_left(breaks, char)


MENTION_INDEX_KEY = "armswatch_mention_index"


def mention_index(doc: Doc) -> tuple[list[int], list[Mention]]:
    """The resolved mentions in order of their first token, with those token offsets, built once per Doc so
    that finding the mentions of one sentence does not walk every mention of a long article."""
    index: tuple[list[int], list[Mention]] | None = doc.user_data.get(MENTION_INDEX_KEY)
    if index is None:
        ordered = sorted(doc._.mentions or [], key=lambda m: m.start)
        index = ([m.start for m in ordered], ordered)
        doc.user_data[MENTION_INDEX_KEY] = index
    return index


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """The mentions whose first token lies in doc[start:end], in order."""
    starts, ordered = mention_index(doc)
    return ordered[bisect_left(starts, start) : bisect_left(starts, end)]


NAME_LABELS = frozenset(
    {
        "ORG",
        "PERSON",
        "GPE",
        "NORP",
        "FAC",
        "PRODUCT",
        "WORK_OF_ART",
        "AW_ORG",
        "AW_COMPANY",
        "AW_MEDIA",
        "AW_ARMED_GROUP",
        "AW_PERSON",
        "AW_COUNTRY",
        "AW_CAPITAL",
    }
)
PRONOUNS = frozenset({"it", "they", "them", "its", "their", "he", "she", "his", "her", "we", "our"})


@dataclass(frozen=True)
class Actor:
    """A party to an event: a country, organisation, company, person or armed group."""

    name: str
    type: str
    country: str | None
    mention: Mention | None = None

    def as_party(self, gazetteer: Gazetteer) -> Actor:
        """People and national bodies act for their country in roles (Hasanov -> Azerbaijan)."""
        if self.type in ("person", "organization") and self.country:
            entry = gazetteer.country(self.country)
            if entry is not None:
                return Actor(entry.name, "country", entry.country, None)
        return self


@dataclass(frozen=True)
class Item:
    name: str
    category: str | None
    head: int  # token index of the head noun
    start: int
    end: int
    origin: str | None = None  # country ISO3 from a demonym modifier or the catalog
    catalog: bool = False
    quantity: int | None = None
    doc: Doc | None = field(default=None, compare=False, repr=False)


@dataclass
class Candidate:
    """One event read from one trigger, before merging with the others of its document."""

    type: str
    trigger: Token
    status: str | None
    roles: dict[str, Any] = field(default_factory=dict)
    money: Money | None = None
    attributions: list[Attribution] = field(default_factory=list)
    date: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    extra_sents: list[Span] = field(default_factory=list)

    @property
    def sent(self) -> Span:
        return self.trigger.sent

    @property
    def paragraph(self) -> int:
        """Index of the trigger's paragraph (a run of line breaks separates two paragraphs)."""
        return paragraph_index(self.trigger.doc, self.trigger.idx)


class EventExtractor:
    """Finds event triggers in a parsed Doc and fills their roles from the parse."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.light_verbs = (
            lexicon.light_verbs
            | lexicon.signing_verbs
            | lexicon.receiving_light_verbs
            | lexicon.ratify_verbs
            | frozenset(lexicon.reporting_verbs) - {"deny", "reject"}
        )

    # ---- entry point -------------------------------------------------------------------------------
    def __call__(self, doc: Doc, published: str | None = None) -> list[Candidate]:
        clutter = doc._.clutter or []
        out: list[Candidate] = []
        for sent in doc.sents:
            if any(a <= sent.start_char and sent.end_char <= b + 1 for a, b in clutter):
                continue
            if len(sent) < 3:
                continue
            items = self.items_in(sent)
            money = find_money(sent.text, published)
            money = [
                Money(m.start + sent.start_char, m.end + sent.start_char, m.amount, m.currency, m.usd)
                for m in money
            ]
            for token in sent:
                for trigger in self.triggers_of(token):
                    for cand in self.read(token, trigger, sent, items, money):
                        cand.evidence.append((sent.start_char, sent.end_char))
                        out.append(cand)
        return out

    def triggers_of(self, token: Token) -> tuple[Trigger, ...]:
        if token.ent_type_ in NAME_LABELS:
            return ()  # "Collective Security Treaty Organization" names a body, not a treaty
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and lemma == "get"):
            if token.dep_ == "amod":
                return ()
            return self.lex.verb_triggers.get(lemma, ())
        if token.pos_ in ("NOUN", "PROPN"):
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                return ()  # "main battle tanks", "delivery schedule": a modifier, not the event
            return self.lex.noun_triggers.get(lemma, ())
        return ()

    # ---- arguments ---------------------------------------------------------------------------------
    def mention_at(self, token: Token) -> Mention | None:
        result: Mention | None = token.doc._.token_mention.get(token.i)
        return result

    def actor_of(self, token: Token, deep: bool = True) -> Actor | None:
        """The actor a noun phrase names: its mention, or a country inside it ("Azerbaijan's parliament")."""
        mention = self.mention_at(token)
        if mention is not None and mention.form == "dateline":
            return None
        if mention is not None and mention.type in ACTOR_TYPES:
            if mention.type == "country":
                entry = self.gaz.country(mention.country)
                return Actor(entry.name if entry else mention.name, "country", mention.country, mention)
            return Actor(mention.name, mention.type, mention.country, mention)
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            return self.antecedent(token)
        anaphor = self.lex.anaphoric_nouns.get(token.lemma_.lower())
        if (
            anaphor
            and token.pos_ == "NOUN"
            and any(c.lower_ in ("the", "this", "his", "her", "its", "their", "our") for c in token.children)
        ):
            return self.antecedent(token, anaphor)
        if not deep or token.pos_ not in ("NOUN", "PROPN"):
            return None
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "det") or (
                child.dep_ == "prep" and child.lower_ == "of"
            ):
                targets = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
                for target in targets:
                    found = self.actor_of(target, deep=child.dep_ == "prep")
                    if found is None:
                        continue
                    if (
                        found.type == "organization"
                        and found.country is None
                        and (found.mention is None or found.mention.key is None)
                    ):
                        continue  # "The Royal" of "The Royal Thai Navy": keep looking for the country
                    if found.type in ("country", "armed_group", "company", "organization"):
                        return found
                    if found.type == "person" and found.country:
                        return found.as_party(self.gaz)
        for child in token.children:  # "Minister of National Defense Shin Won-sik": the person named
            if child.dep_ in ("compound", "appos"):
                inner = self.mention_at(child)
                if inner is not None and inner.type == "person":
                    return Actor(inner.name, "person", inner.country, inner)
        return None

    def antecedent(self, token: Token, want: str | None = None) -> Actor | None:
        """ "it", "they", "the company": the actor (of that type) a pronoun or definite noun points back to.
        A possessive can point inside its own sentence ("Turkey's intervention with its supply"); otherwise
        the subject of the previous sentence wins over whatever was named last ("Serbia, which ... against
        Moscow. In 2022 it received ...")."""
        doc = token.doc
        if want is None and token.lower_ in ("he", "she", "his", "her"):
            want = "person"
        wanted = (want,) if want else ("country", "company", "armed_group", "organization")

        def eligible(m: Mention) -> bool:
            return (
                m.type in wanted
                and m.form not in ("demonym", "dateline")
                and (m.type != "organization" or bool(m.country))
            )

        inside = [m for m in mentions_in(doc, token.sent.start, token.i) if eligible(m)]
        if token.dep_ == "poss" and inside:
            return self.actor_for_mention(inside[-1])
        subjects_before = [m for m in inside if self._in_subject(doc[m.start : m.end].root)]
        if subjects_before:  # "The NAF says the jets it is acquiring ..."
            return self.actor_for_mention(subjects_before[-1])
        if want in ("company", "country") and token.pos_ == "NOUN":
            # "the company said": the company is the salient one named last, however far back
            starts, ordered = mention_index(doc)
            for at in range(bisect_left(starts, token.i) - 1, -1, -1):
                if eligible(ordered[at]):
                    return self.actor_for_mention(ordered[at])
            return None
        sent = token.sent
        for _ in range(2):
            if sent.start == 0 or "\n\n" in doc[sent.start - 1].text_with_ws:
                break
            sent = doc[sent.start - 1].sent
            in_sent = [m for m in mentions_in(doc, sent.start, sent.end) if eligible(m)]
            if not in_sent:
                continue
            subjects = [m for m in in_sent if self._in_subject(doc[m.start : m.end].root)]
            return self.actor_for_mention(subjects[0] if subjects else in_sent[-1])
        return None

    @staticmethod
    def _in_subject(token: Token) -> bool:
        node = token
        for _ in range(4):
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ not in ("compound", "poss", "conj", "appos", "amod") or node.head.i == node.i:
                return False
            node = node.head
        return False

    def with_conjuncts(self, token: Token) -> list[Token]:
        """The token and its conjuncts ("Armenia and Azerbaijan"); an apposition is the same party."""
        out = [token]
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.extend(self.with_conjuncts(child))
        return out

    def actors_of(self, token: Token) -> list[Actor]:
        found = [self.actor_of(t) for t in self.with_conjuncts(token)]
        for child in token.children:  # "Russian and Chinese navies": each nationality is a party
            if child.dep_ in ("amod", "compound") and any(c.dep_ == "conj" for c in child.children):
                for modifier in self.with_conjuncts_any(child):
                    mention = self.mention_at(modifier)
                    if mention is not None and mention.type == "country":
                        found.append(self.actor_for_mention(mention))
        return [a for a in found if a is not None]

    def with_conjuncts_any(self, token: Token) -> list[Token]:
        out = [token]
        for child in token.children:
            if child.dep_ == "conj":
                out.extend(self.with_conjuncts_any(child))
        return out

    def parties_of(self, token: Token, lenders: bool = False) -> list[Actor]:
        """Actors that can supply, receive, fund, send or fight: states, bodies, companies, armed groups
        (a person counts for their country; a person of unknown country does not count)."""
        out: list[Actor] = []
        for actor in self.actors_of(token):
            party = actor.as_party(self.gaz)
            if (
                party.type == "organization"
                and party.country is None
                and (party.mention is None or party.mention.key is None)
                and not (lenders and self.lex.lender_words & {t.lower_ for t in token.subtree})
            ):
                continue  # a name spaCy calls ORG that we cannot place ("Commission I")
            if party.type in ("country", "organization", "company", "armed_group"):
                out.append(party)
        return out

    def subject_of(self, trigger: Token) -> list[Token]:
        """The grammatical subject, climbing through xcomp/conj/relcl ("Baku was ready to purchase")."""
        token = trigger
        came_by_xcomp = False
        for _ in range(4):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                return subjects
            agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if agents:
                return agents
            passive = [c for c in token.children if c.dep_ == "nsubjpass"]
            if passive:
                # "Turkey is expected to provide": a raising verb's subject is the subject below it;
                # "drones were sent to X": the sender is not the passive subject of the trigger.
                return passive if came_by_xcomp else []
            came_by_xcomp = token.dep_ == "xcomp"
            if (
                token.dep_ == "acl"
                and token.head.pos_ == "NOUN"
                and token.head.dep_ in ("dobj", "pobj")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            ):
                token = self.light_verb(token.head) or token.head.head  # "signed a contract to buy"
                continue
            if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
                return (
                    [token.head]
                    if token.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in token.children)
                    else []
                )
            if (
                token.dep_ == "pcomp"
                and token.head.dep_ == "prep"
                and token.head.head.lemma_ in ("accuse", "blame", "suspect", "charge")
            ):
                return [c for c in token.head.head.children if c.dep_ == "dobj"]
            if token.dep_ in ("xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "dobj", "attr"):
                if token.dep_ in ("xcomp", "advcl"):
                    # "give Moldova EUR 40 million to buy radars": the one given to is the one who buys
                    objects = [
                        c
                        for c in token.head.children
                        if c.dep_ in ("dobj", "dative") and self.actor_of(c) is not None
                    ]
                    if objects and (
                        token.head.lemma_ in ("ask", "allow", "help", "urge", "enable")
                        or token.head.lemma_.lower() in self.lex.financing_verbs
                    ):
                        return objects
                token = token.head
                continue
            break
        return []

    def passive_subject(self, trigger: Token) -> list[Token]:
        return [c for c in trigger.children if c.dep_ == "nsubjpass"]

    def agent_of(self, trigger: Token) -> list[Token]:
        return [p for c in trigger.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]

    def prep_objects(self, token: Token, *preps: str) -> list[Token]:
        out: list[Token] = []
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                out.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "dative" and "to" in preps and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(child)
        return out

    def pp_everywhere(self, sent: Span, *preps: str) -> list[Token]:
        return [
            c
            for t in sent
            if t.lower_ in preps and t.dep_ in ("prep", "dative")
            for c in t.children
            if c.dep_ == "pobj"
        ]

    def clause_anchor(self, token: Token) -> Token:
        """The verb a noun trigger's event hangs on ("signed a contract" -> signed), else the trigger."""
        if token.pos_ in ("NOUN", "PROPN"):
            return self.light_verb(token) or token
        return token

    def light_verb(self, noun: Token) -> Token | None:
        """ "signed a contract", "took delivery", "carried out exercises": the verb governing the noun,
        when it is one that makes the noun's event happen (not "condemned the strike")."""
        head = noun.head
        verb: Token | None = None
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            verb = head
        elif noun.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ == "VERB":
            verb = head.head
        elif noun.dep_ == "conj":
            return self.light_verb(head)
        if verb is None:
            return None
        lemma = verb.lemma_.lower()
        if lemma in self.light_verbs or lemma in self.lex.verb_triggers:
            return verb
        return None

    # ---- items, personnel, quantities -----------------------------------------------------------------
    def items_in(self, sent: Span) -> list[Item]:
        doc = sent.doc
        items: list[Item] = []
        catalog_tokens: set[int] = set()
        for mention in mentions_in(doc, sent.start, sent.end):
            if mention.type != "weapon_system":
                continue
            head = doc[mention.start : mention.end].root
            # "Bayraktar TB2 drones", "Su-57 fighter jets": the head is the generic noun after the name.
            while (
                head.head.i > head.i
                and head.head.i <= max(mention.end, head.i + 1)
                and head.head.pos_ == "NOUN"
                and head.dep_ in ("compound", "nmod", "amod")
            ):
                head = head.head
            catalog_tokens.update(range(mention.start, head.i + 1))
            quantity = next(
                (q for q in (self.count_of(t) for t in doc[mention.start : head.i + 1]) if q), None
            )
            stated = self.origin_modifier(head, mention.start)  # "British-built Typhoons"
            items.append(
                Item(
                    mention.name,
                    mention.category,
                    head.i,
                    mention.start,
                    max(mention.end, head.i + 1),
                    origin=stated or self.built_by(head) or mention.country,
                    catalog=True,
                    quantity=quantity,
                    doc=doc,
                )
            )
        for token in sent:
            if token.i in catalog_tokens or token.pos_ not in ("NOUN", "PROPN"):
                continue
            match = self.generic_at(token)
            if match is None:
                continue
            category, first = match
            if (
                token.dep_ in ("compound", "amod", "nmod")
                and token.head.pos_ == "NOUN"
                and token.head.i > token.i
                and token.head.lemma_.lower() not in self.lex.noun_triggers
            ):
                continue  # "counter-drone systems", "tank crews": a modifier; "drone strikes" keeps it
            start = first
            origins: set[str] = set()
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and child.i < first:
                    start = min(start, child.left_edge.i if child.dep_ != "poss" else child.i + 1)
                    for sub in child.subtree:
                        modifier = self.mention_at(sub)
                        if modifier and modifier.type == "country" and modifier.country:
                            origins.add(modifier.country)
            # "Indian-Russian missiles" name no single origin
            origin = origins.pop() if len(origins) == 1 else None
            while (
                start < first and doc[start].dep_ in ("det", "nummod", "predet", "case", "punct", "quantmod")
            ) or (start < first and doc[start].like_num):
                start += 1
            if start < first and doc[start].dep_ == "poss":
                start += 1
            words = [t.text for t in doc[start : token.i + 1] if not t.like_num]
            name = " ".join(words).replace(" - ", "-").replace(" -", "-").strip()
            if not name:
                continue
            items.append(
                Item(
                    name,
                    category,
                    token.i,
                    start,
                    token.i + 1,
                    origin=origin or self.built_by(token),
                    quantity=self.count_of(token),
                    doc=doc,
                )
            )
        return items

    def origin_modifier(self, head: Token, before: int) -> str | None:
        """A demonym or country modifying the item before its name: "British-built", "Chinese-made"."""
        found: set[str] = set()
        for child in head.lefts:
            if child.i < before and child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                for sub in child.subtree:
                    mention = self.mention_at(sub)
                    if mention is not None and mention.type == "country" and mention.country:
                        found.add(mention.country)
        return found.pop() if len(found) == 1 else None

    def built_by(self, head: Token) -> str | None:
        """ "frigates built in China", "drones made by Baykar": the origin a participle phrase gives."""
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.lex.origin_verbs:
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by"):
                        for pobj in prep.children:
                            actor = self.actor_of(pobj)
                            if actor is not None and actor.country:
                                return actor.country
        return None

    def generic_at(self, token: Token) -> tuple[str, int] | None:
        """The generic item whose last word is this token: (category, index of its first word)."""
        doc = token.doc
        if token.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP") or token.ent_type_.startswith(
            "AW_"
        ):
            return None
        for length in (5, 4, 3, 2, 1):
            first = token.i - length + 1
            if first < 0:
                continue
            span = doc[first : token.i + 1]
            for words in ([t.lower_ for t in span[:-1]] + [token.lemma_.lower()], [t.lower_ for t in span]):
                key = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
                category = self.lex.generic_items.get(key)
                if category is not None:
                    return category, first
        return None

    def count_of(self, noun: Token) -> int | None:
        """ "six drones", "two dozen tanks", "a batch of 12 jets", "12 of the jets"."""
        words = [c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i]  # not "Mbombe 4"
        if words:
            num = words[0]
            parts = [
                t.text
                for t in num.subtree
                if (t.i <= num.i and t.dep_ in ("nummod", "quantmod", "compound")) or t.i == num.i
            ]
            value = number_value(parts)
            if value is not None and not (1900 <= value <= 2100 and num.shape_ == "dddd"):
                return value
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
            return number_value([noun.head.head.text])
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_ in ("batch", "pair", "dozen")
        ):
            counter = noun.head.head
            nums = [c for c in counter.children if c.dep_ == "nummod"]
            if counter.lemma_ == "pair":
                return 2
            if counter.lemma_ == "dozen":
                return number_value([*(n.text for n in nums), "dozen"]) or 12
        return None

    def personnel_in(self, sent: Span) -> list[Token]:
        return [
            t
            for t in sent
            if t.pos_ == "NOUN"
            and t.lemma_.lower() in self.lex.personnel_nouns
            and self.mention_at(t) is None
        ]

    def phrase(self, token: Token, max_len: int = 8) -> str:
        """A noun phrase's words, without leading determiners and trailing clauses."""
        doc = token.doc
        start = token.i
        for child in token.lefts:
            if child.dep_ in (
                "compound",
                "amod",
                "nmod",
                "nummod",
                "quantmod",
                "npadvmod",
                "poss",
                "advmod",
                "punct",
                "det",
                "predet",
                "case",
            ):
                start = min(start, child.left_edge.i)
        while (
            start < token.i
            and doc[start].dep_ in ("det", "punct", "cc", "poss", "case", "predet")
            and not doc[start].like_num
        ):
            start += 1
        start = max(start, token.i - max_len)
        return (
            " ".join(t.text for t in doc[start : token.i + 1])
            .replace(" 's", "'s")
            .replace(" - ", "-")
            .strip()
        )

    # ---- reading one trigger --------------------------------------------------------------------------
    def read(
        self, token: Token, trigger: Trigger, sent: Span, items: list[Item], money: list[Money]
    ) -> list[Candidate]:
        """The events one trigger reports: one per coordinated item ("Su-35s, Mi-28s and Yak-130s")."""
        first = self.read_one(token, trigger, sent, items, money)
        if first is None:
            return []
        out = [first]
        item = first.roles.get("item")
        if isinstance(item, Item) and first.type in ("transfer", "combat_use"):
            reader = getattr(self, f"read_{first.type}")
            personnel = self.personnel_in(sent)
            for other in self.coordinated(item, items):
                cand = reader(token, trigger, sent, items, money, personnel, other)
                if cand is not None:
                    out.append(cand)
        return out

    def coordinated(self, item: Item, items: list[Item]) -> list[Item]:
        """Items in one coordination with this one: "X, Y and Z", "offers of X and of Y"."""
        doc = self.doc_of(items)
        if doc is None:
            return []
        group: set[int] = set()

        def walk(token: Token) -> None:
            if token.i in group:
                return
            group.add(token.i)
            for child in token.children:
                if child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN")):
                    walk(child)
            if token.dep_ == "conj":
                walk(token.head)

        head = doc[item.head]
        walk(head)
        if head.dep_ == "pobj" and head.head.dep_ == "prep":  # "of the JF-17 and of India's Tejas"
            prep = head.head
            for sibling in [c for c in prep.children if c.dep_ == "conj"] + (
                [prep.head] if prep.dep_ == "conj" else []
            ):
                for pobj in sibling.children:
                    if pobj.dep_ == "pobj":
                        walk(pobj)
        return [
            it
            for it in items
            if it.head in group and it.head != item.head and it.name.lower() != item.name.lower()
        ]

    @staticmethod
    def doc_of(items: list[Item]) -> Doc | None:
        return items[0].doc if items and items[0].doc is not None else None

    def read_one(
        self, token: Token, trigger: Trigger, sent: Span, items: list[Item], money: list[Money]
    ) -> Candidate | None:
        negated = any(c.dep_ == "neg" for c in token.children) or (
            token.dep_ in ("xcomp", "pcomp")
            and any(c.dep_ == "neg" for c in token.head.children)
            and token.head.lemma_.lower() not in self.lex.reporting_verbs
        )
        # "Khartoum insisted it had not acquired weapons from Iran": a denial by the speaker, kept on the
        # event it denies; with nobody speaking, a negated event is simply not reported.
        if negated and not any(t.lemma_.lower() in self.lex.reporting_verbs for t in token.ancestors):
            return None
        cand = self.read_event(token, trigger, sent, items, money)
        if cand is not None and negated:
            cand.roles["_negated"] = True
        return cand

    def read_event(
        self, token: Token, trigger: Trigger, sent: Span, items: list[Item], money: list[Money]
    ) -> Candidate | None:
        if (
            "test" in token.lower_
            or any(c.lemma_.lower() == "test" for c in token.children)
            or (
                token.i > 1 and token.doc[token.i - 2].lower_ == "test" and token.doc[token.i - 1].text == "-"
            )
        ):
            return None
        if (
            trigger.type == "clash"
            and token.dep_ in ("xcomp", "advcl", "relcl", "acl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return None  # "sent fighters to fight": a purpose, not a clash
        etype = trigger.type
        personnel = self.personnel_in(sent)
        deploy_like = token.lemma_.lower() in self.lex.deployment_verbs
        # "sent troops" / "transferring Syrian fighters" are deployments, not arms transfers.
        if etype == "transfer" and deploy_like and self._object_is_personnel(token, personnel, items):
            etype = "deployment"
        elif (
            etype == "transfer"
            and money
            and token.pos_ == "VERB"
            and token.lemma_.lower() in self.lex.financing_verbs
            and self._object_is_money(token, money)
        ):
            etype = "financing"
        elif etype == "transfer" and token.lemma_.lower() == "receive" and not items:
            etype = "meeting"
        elif etype == "transfer" and self.prep_objects(token, "against"):
            etype = "combat_use"  # "sent F-16s against Cambodian positions"
        reader = getattr(self, f"read_{etype}")
        cand: Candidate | None = reader(token, trigger, sent, items, money, personnel)
        return cand

    def _object_is_personnel(self, token: Token, personnel: list[Token], items: list[Item]) -> bool:
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        for obj in objects:
            for t in self.with_conjuncts(obj):
                if t in personnel or t.lemma_.lower() in self.lex.personnel_nouns:
                    return True  # "sent a THAAD battery": a unit, not an arms sale
        return bool(personnel) and not items

    def _object_is_money(self, token: Token, money: list[Money]) -> bool:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ == "with"):
                span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                if any(span[0] <= m.start < span[1] for m in money):
                    return True
        return False

    @staticmethod
    def in_circumstance(token: Token) -> bool:
        """Inside "since Russia's invasion", "after Turkey's offensive": context, not a party."""
        return any(a.dep_ == "prep" and a.lower_ in CIRCUMSTANCE_PREPS for a in token.ancestors)

    @staticmethod
    def other_clause(trigger: Token, item: Token) -> bool:
        """The item belongs to another clause than the trigger (neither governs the other)."""
        clause = item
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.i == trigger.i or clause.pos_ not in ("VERB", "AUX"):
            return False
        if trigger.is_ancestor(clause):  # a relative or adverbial clause below the trigger is another event
            return clause.dep_ in ("relcl", "acl", "advcl", "ccomp", "csubj", "parataxis")
        return not clause.is_ancestor(trigger)

    def nearest_item(self, token: Token, items: list[Item]) -> Item | None:
        if not items:
            return None
        linked = [it for it in items if self._linked(token, it.head)]
        pool = linked or items
        doc = token.doc

        def is_target(it: Item) -> bool:  # "used jammers against drones": drones are the target
            head = doc[it.head]
            return head.dep_ == "pobj" and head.head.lower_ in ("against", "on", "at")

        return min(
            pool, key=lambda it: (is_target(it), not it.catalog if linked else 0, abs(it.head - token.i))
        )

    def _linked(self, trigger: Token, head: int) -> bool:
        """The item is the trigger's object, prepositional object or subject (a short dependency path)."""
        node = trigger.doc[head]
        for _ in range(4):
            if node.head.i == trigger.i:
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def status_for(self, token: Token, trigger: Trigger) -> str | None:
        """Lower the stage for "plans to buy", "offered to sell"; light verbs keep the noun's stage."""
        status = trigger.status
        node = token
        verb = self.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
        chain: list[Token] = [token] + ([verb] if verb is not None else [])
        for _ in range(3):
            if (
                node.dep_ in ("xcomp", "acomp", "ccomp", "pcomp", "dobj", "pobj", "prep")
                and node.head.i != node.i
            ):
                node = node.head
                chain.append(node)
            else:
                break
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("AUX", "VERB"):
            # "Deliveries are due next year", "the purchase will be completed": the clause sets the stage
            chain.append(token.head)
            chain.extend(c for c in token.head.children if c.dep_ in ("acomp", "xcomp"))
        lemmas = {t.lemma_.lower() for t in chain} | {
            c.lemma_.lower() for t in chain for c in t.children if c.dep_ in ("aux", "amod", "compound")
        }
        if trigger.type == "transfer":
            if lemmas & self.lex.offer_markers and status in ("order", "delivery"):
                return "offer"
            if lemmas & self.lex.intent_markers and status in ("order", "delivery", "offer"):
                return "intent"
            if lemmas & self.lex.future_markers and status == "delivery":
                return "order"  # "the jets will arrive in 2027": ordered, not yet delivered
        return status

    # ---- per event type --------------------------------------------------------------------------------
    def read_transfer(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
        forced: Item | None = None,
    ) -> Candidate | None:
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("acl", "relcl", "xcomp")
            and c.pos_ == "VERB"
            and any(t.type == "transfer" for t in self.triggers_of(c))
            for c in token.children
        ):
            return None  # "a deal to sell 20 jets to Turkey": the verb carries the event
        if (
            token.pos_ == "NOUN"
            and forced is None
            and token.dep_ == "pobj"
            and token.head.lower_ in ("in", "under", "as", "through", "via")
            and any(t.type == "transfer" for t in self.triggers_of(token.head.head))
        ):
            # "bought 12 jets from France in a 2.7-billion-euro deal": the deal is the purchase itself
            cand = Candidate("transfer", token, self.status_for(token, trigger))
            cand.money = self.nearest_money(token, money)
            cand.roles["_partial"] = True
            return cand
        item = forced or self.nearest_item(token, items)
        if (
            item is not None
            and forced is None
            and token.pos_ == "VERB"
            and not self._linked(token, item.head)
        ):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and not any(self.actors_of(o) or o.pos_ == "PRON" for o in objects):
                return None  # "gave a different account", "provided support": the object is no weapon
            if self.other_clause(token, token.doc[item.head]):
                return None  # "the package Berlin provided to Moldova, which complained of Russian drones"
        if (
            item is not None
            and forced is None
            and token.pos_ == "NOUN"
            and any(
                c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those") for c in token.children
            )
            and not self._linked(token, item.head)
        ):
            item = None  # "That delivery, carried by Y-20 planes": refers back; the planes are not the item
        cand = Candidate("transfer", token, self.status_for(token, trigger))
        if item is None:
            # "the order was for six units", "the deal was worth 2.7 billion euros": a partial mention,
            # merged into the transfer it continues (it brings quantity, value and who said so).
            units = [t for t in sent if t.lemma_.lower() in self.lex.unit_nouns and self.count_of(t)]
            definite = (
                token.pos_ == "NOUN"
                and token.dep_ in ("nsubj", "nsubjpass", "dobj")
                and any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det")
            )
            if not units and not definite:
                return None
            if units:
                cand.roles["quantity"] = self.count_of(units[0])
            cand.money = self.nearest_money(token, money)
            cand.roles["_partial"] = True
            return cand
        if item.category == "other" and not item.catalog and not self._linked(token, item.head):
            return None
        direction = trigger.direction
        verb = self.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
        if verb is not None and verb.lemma_.lower() in self.lex.receiving_light_verbs:
            direction = "in"
        if token.pos_ in ("NOUN", "PROPN"):
            subj = [c for c in token.children if c.dep_ == "poss"] or self.agent_of_noun(token)
            if not subj and verb is not None and verb.lemma_.lower() not in self.lex.ratify_verbs:
                subj = self.subject_of(verb)
            governor = token.head if token.dep_ == "dobj" else None
            if (
                not subj
                and verb is None
                and governor is not None
                and governor.lemma_.lower() not in self.lex.opposing_verbs
            ):
                if direction == "in":
                    subj = self.subject_of(governor)  # "Vietnam is considering the purchase of ..."
                elif trigger.status == "offer":
                    subj = self.subject_of(governor)  # "Buenos Aires weighed offers of the JF-17"
                    direction = "in"
        else:
            subj = self.agent_of(token) or [s for s in self.subject_of(token) if s.i != item.head]
        anchor = verb if verb is not None else token
        subjects = [a for s in subj for a in self.parties_of(s)]
        to = [
            a
            for t in self.prep_objects(token, "to", "for") + self.prep_objects(anchor, "to", "for")
            for a in self.parties_of(t)
        ]
        frm = [
            a
            for t in self.prep_objects(token, "from") + self.prep_objects(anchor, "from")
            for a in self.parties_of(t)
        ]
        with_ = [
            a
            for t in self.prep_objects(token, "with") + self.prep_objects(anchor, "with")
            for a in self.parties_of(t)
        ]
        supplier: Actor | None = None
        recipient: Actor | None = None
        if direction == "out":
            supplier = subjects[0] if subjects else None
            recipient = to[0] if to else None
        elif direction == "in":
            recipient = subjects[0] if subjects else None
            supplier = frm[0] if frm else (with_[0] if with_ else None)
        else:  # contracts, deals, batches: who is who follows from the kinds of actors
            named = subjects + with_ + frm + to
            # the seller: a company, else the nationality of the deal ("a Russian helicopter deal with
            # Burkina Faso"), else the counterpart it is bought "from" or signed "with", else the maker
            stated = self.origin_modifier(token, token.i) if token.pos_ == "NOUN" else None
            stated_actor = self.gaz.country(stated) if stated else None
            supplier = (
                next((a for a in named if a.type == "company"), None)
                or (Actor(stated_actor.name, "country", stated_actor.country) if stated_actor else None)
                or next((a for a in frm + with_ if a not in subjects), None)
                or next((a for a in named if item.origin and a.country == item.origin), None)
            )
            supplier_name = supplier.as_party(self.gaz).name if supplier else None
            recipient = next(
                (
                    a
                    for a in to + subjects + with_
                    if a.type != "company" and a.as_party(self.gaz).name != supplier_name
                ),
                None,
            )
        if recipient is None:
            pps = [a for t in self.pp_everywhere(sent, "to") for a in self.parties_of(t)]
            recipient = next((a for a in pps if a != supplier), None)
        if recipient is not None and recipient.type == "company":
            recipient = None  # companies sell; a company named as buyer is a misreading
        if recipient is None and direction != "in":
            # "Iranian state media reported the arrival of Yak-130s": a country named in passing, but
            # not one that is itself the subject of a clause (a rival bidder, a third party)
            supplier_name = supplier.as_party(self.gaz).name if supplier else None
            others = [
                self.actor_for_mention(m).as_party(self.gaz)
                for m in self.sentence_actors(sent)
                if m.type == "country"
                and m.country != item.origin
                and m.form != "dateline"
                and sent.doc[m.start : m.end].root.dep_ != "pobj"
                and not self._in_subject(sent.doc[m.start : m.end].root)
                and not self.in_circumstance(sent.doc[m.start : m.end].root)
            ]
            others = [a for a in others if a.name not in {s.name for s in subjects}]
            recipient = next((a for a in others if a.name != supplier_name), None)
        if supplier is None:  # "a contract for 24 carriers with Paramount Group"
            supplier = next(
                (
                    a
                    for t in self.pp_everywhere(sent, "with")
                    for a in self.parties_of(t)
                    if a.type == "company" and a != recipient
                ),
                None,
            )
        if supplier is None:  # "buy 12 Typhoons from Qatar": whoever it comes from, wherever it was made
            pps = [a for t in self.pp_everywhere(sent, "from") for a in self.parties_of(t)]
            supplier = next((a for a in pps if a != recipient), None)
        if supplier is None and item.origin:
            entry = self.gaz.country(item.origin)
            if entry is not None:
                supplier = Actor(entry.name, "country", entry.country)
        if supplier and recipient and supplier.as_party(self.gaz).name == recipient.as_party(self.gaz).name:
            if direction == "in":
                supplier = None
            else:
                recipient = None
        direct = bool(subjects or to or frm or with_)
        if (
            token.pos_ == "NOUN"
            and forced is None
            and not direct
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        ):
            # "The Typhoon sale is Britain's second export": talks about a deal already reported
            cand.roles.update(item=item, _partial=True)
            cand.money = self.nearest_money(token, money)
            return cand
        if (
            supplier is not None
            and recipient is not None
            and supplier.type == "company"
            and supplier.country == recipient.country
        ):
            recipient = (
                None  # "Fincantieri delivered ... to Italy's navy"? its home state is not the buyer here
            )
        if recipient is None or supplier is None:
            cand.roles["_needs_context"] = True
        cand.roles.update(supplier=supplier, recipient=recipient, item=item)
        if item.quantity:
            cand.roles["quantity"] = item.quantity
        cand.money = self.nearest_money(token, money)
        return cand

    def agent_of_noun(self, noun: Token) -> list[Token]:
        return [
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children
            if p.dep_ == "pobj"
        ]

    def nearest_money(self, token: Token, money: list[Money]) -> Money | None:
        if not money:
            return None
        return min(money, key=lambda m: abs(m.start - token.idx))

    def read_financing(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        if trigger.needs == "money" and not money:
            return None
        if trigger.needs == "money" and token.pos_ == "VERB" and not self._object_is_money(token, money):
            return None  # "the deal, approved by parliament, ... provides $30 million": not what was approved
        anchor = self.clause_anchor(token)
        if token.pos_ in ("NOUN", "PROPN"):  # "a grant ... that China extended to Ghana"
            clause = next(
                (c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None
            )
            anchor = clause if clause is not None and anchor is token else anchor
        subj = (
            [c for c in token.children if c.dep_ == "poss"] if token.pos_ in ("NOUN", "PROPN") else []
        ) or self.subject_of(anchor)
        # a lender may be a bank the gazetteer does not know ("the Export-Import Bank of Korea")
        providers = [a for s in subj for a in self.parties_of(s, lenders=True)]
        to = [
            a
            for t in self.prep_objects(token, "to", "for") + self.prep_objects(anchor, "to", "for")
            for a in self.parties_of(t)
        ]
        if token.pos_ == "VERB":  # "provide Argentina with $40 million"
            to += [a for c in token.children if c.dep_ in ("dobj", "dative") for a in self.parties_of(c)]
        cand = Candidate("financing", token, None)
        provider = providers[0] if providers else None
        provider_name = provider.as_party(self.gaz).name if provider else None
        beneficiary = next((a for a in to if a.as_party(self.gaz).name != provider_name), None)
        if beneficiary is None:
            others = [self.actor_for_mention(m).as_party(self.gaz) for m in self.sentence_actors(sent)]
            others.sort(key=lambda a: a.type != "country")  # a state before a fund or programme
            beneficiary = next(
                (
                    a
                    for a in others
                    if a.name != provider_name
                    and a.type in ("country", "organization", "company", "armed_group")
                ),
                None,
            )
        cand.roles.update(provider=provider, beneficiary=beneficiary)
        cand.money = self.nearest_money(token, money)
        purpose = [
            c
            for c in self.prep_objects(token, "for") + self.prep_objects(anchor, "for")
            if self.actor_of(c) is None
        ]
        if purpose:
            cand.roles["purpose"] = self.phrase(purpose[0])
        if provider is None and beneficiary is None and cand.money is None:
            return None
        return cand

    def sentence_actors(self, sent: Span) -> list[Mention]:
        return [
            m
            for m in mentions_in(sent.doc, sent.start, sent.end)
            if m.type in ("country", "organization", "company", "armed_group", "person")
        ]

    def actor_for_mention(self, mention: Mention) -> Actor:
        if mention.type == "country":
            return Actor(
                self.gaz.country_name(mention.country) or mention.name, "country", mention.country, mention
            )
        return Actor(mention.name, mention.type, mention.country, mention)

    def location_of(self, token: Token, sent: Span, exclude: set[str]) -> str | None:
        anchor = self.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else token
        anchors = [token] + ([anchor] if anchor is not None else [])
        for a in anchors:
            for pobj in self.prep_objects(a, "in", "at", "near", "along", "over", "on"):
                for t in self.with_conjuncts(pobj):
                    name = self.place_name(t)
                    if name and name not in exclude:
                        return name
        for pobj in self.pp_everywhere(sent, "in", "near", "at", "along"):
            name = self.place_name(pobj)
            if name and name not in exclude:
                return name
        return None

    def stateless_place(self, token: Token) -> bool:
        """A gazetteer place no state holds (a sea, a strait): not where forces are sent to."""
        mention = self.mention_at(token)
        return (
            mention is not None
            and mention.type == "location"
            and mention.key is not None
            and mention.country is None
        )

    def place_name(self, token: Token) -> str | None:
        mention = self.mention_at(token)
        if mention is None:
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod"):
                    sub = self.mention_at(child)
                    if sub is not None and sub.type == "location":
                        return sub.name
            return None
        if mention.type == "location":
            return mention.name
        if mention.type == "country":
            if mention.form == "capital":
                return token.doc[mention.start : mention.end].text
            if mention.form == "name":
                return self.gaz.country_name(mention.country) or mention.name
        return None

    def group_actors(self, token: Token, sent: Span) -> list[Actor]:
        """Participants and parties: subjects, "with X", "between X and Y", demonyms on the noun."""
        anchor = self.clause_anchor(token)
        found: list[Actor] = []
        subj = self.subject_of(anchor) if anchor is not None else []
        for s in subj:
            found.extend(self.actors_of(s))
        for t in self.prep_objects(token, "between", "with", "among", "by") + self.prep_objects(
            anchor, "between", "with", "among"
        ):
            found.extend(self.actors_of(t))
        for prep in (c for a in {token, anchor} for c in a.children if c.lower_ == "between"):
            # "between Minister X and Saudi Minister Y": every named actor in the phrase, whatever its parse
            seen: set[int] = set()
            for sub in prep.subtree:
                mention = self.mention_at(sub)
                if mention is not None and mention.start not in seen and mention.type in ACTOR_TYPES:
                    seen.add(mention.start)
                    found.append(self.actor_for_mention(mention))
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                for sub in child.subtree:
                    actor = self.actor_of(sub, deep=False)
                    if actor is not None:
                        found.append(actor)
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ in ("dobj",):
                    found.extend(self.actors_of(child))
        return self.distinct_parties(found)

    def distinct_parties(self, actors: list[Actor], people: bool = True) -> list[Actor]:
        out: list[Actor] = []
        seen: set[str] = set()
        for actor in actors:
            party = actor.as_party(self.gaz)
            if party.type == "media" or (party.type == "person" and not people):
                continue
            if (
                party.type == "organization"
                and party.country is None
                and (party.mention is None or party.mention.key is None)
            ):
                continue  # an unknown name spaCy calls ORG ("Laros-2023") is no party
            if party.name not in seen:
                seen.add(party.name)
                out.append(party)
        return out

    def read_agreement(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        verb = self.light_verb(token)
        if token.dep_ == "acl" or verb is None:
            verb = next((c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), verb)
        verb_lemma = verb.lemma_.lower() if verb is not None else ""
        if trigger.needs == "signing" and verb_lemma not in self.lex.signing_verbs:
            return None
        if token.lemma_.lower() in self.lex.singular_only and token.tag_ == "NNS":
            return None  # "arrangements had been finalised": preparations, not an agreement
        if trigger.needs == "letter" and not any(
            p.lemma_.lower() in self.lex.agreement_letters
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ):
            return None  # "a letter of intent" is an agreement; "a letter to the editor" is not
        status = trigger.status
        chain = {verb_lemma} | (
            {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "xcomp")}
            if verb is not None
            else set()
        )
        if verb is not None and verb.dep_ == "xcomp":
            chain.add(verb.head.lemma_.lower())
        if verb_lemma in self.lex.ratify_verbs:
            status = "ratified"
        elif chain & self.lex.proposal_words:
            status = "proposed"
        parties = self.group_actors(token, sent)
        if trigger.needs == "signing":
            # "signed a contract for 12 jets with Dassault": the parties are the deal's two sides
            reading = self.read_transfer(
                token,
                Trigger(token.lemma_, "transfer", "order", "none", "item"),
                sent,
                items,
                money,
                personnel,
            )
            if reading is not None and not reading.roles.get("_partial"):
                sides = [reading.roles.get("recipient"), reading.roles.get("supplier")]
                parties = self.distinct_parties([a for a in sides if a is not None]) or parties
        if verb is not None:
            for agent in self.agent_of(verb):
                parties.extend(self.actors_of(agent))
            parties = self.distinct_parties(parties)
        if len(parties) < 2:
            parties = self.distinct_parties(
                parties
                + [
                    self.actor_for_mention(m)
                    for m in self.sentence_actors(sent)
                    if m.type in ("country", "person", "company")
                ]
            )
        cand = Candidate("agreement", token, status)
        cand.roles["parties"] = parties
        topic = self.phrase(token)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "of") and len(list(child.subtree)) <= 6:
                topic += " " + " ".join(t.text for t in child.subtree)
        cand.roles["topic"] = topic
        location = self.location_of(token, sent, set())
        if location:
            cand.roles["location"] = location
        cand.money = self.nearest_money(token, money)
        if len(parties) < 2:
            cand.roles["_partial"] = True
        return cand

    def read_exercise(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        if trigger.needs == "military" and not any(t.lemma_.lower() in self.lex.military_words for t in sent):
            return None
        if token.pos_ == "VERB" and token.lemma_.lower() == "exercise":
            return None  # "exercised restraint"
        participants = self.group_actors(token, sent)
        location = self.location_of(token, sent, set())
        if len(participants) < 2:
            extra = [
                self.actor_for_mention(m)
                for m in self.sentence_actors(sent)
                if m.type in ("country", "armed_group", "organization") and m.form != "capital"
            ]
            participants = self.distinct_parties(participants + extra)
        participants = self.distinct_parties(participants, people=False)
        cand = Candidate("exercise", token, None)
        cand.roles["participants"] = participants
        if location:
            cand.roles["location"] = location
        for p in personnel:
            count = self.count_of(p)
            if count:
                cand.roles["personnel"] = count
                break
        if len(participants) < 1:
            cand.roles["_partial"] = True
        return cand

    def read_deployment(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        anchor = self.clause_anchor(token)
        if trigger.needs == "personnel" and not personnel:
            return None
        obj = next((p for p in personnel if self._linked(token, p.i)), personnel[0] if personnel else None)
        item = self.nearest_item(token, items) if obj is None else None
        if obj is None and item is None:
            return None
        subj_tokens = [s for s in self.subject_of(anchor) if obj is None or s.i != obj.i]
        if token.pos_ in ("NOUN", "PROPN"):
            subj_tokens = [c for c in token.children if c.dep_ == "poss"] + subj_tokens
        senders = [a for s in subj_tokens for a in self.parties_of(s)]
        if not senders and obj is not None:
            actor = self.actor_of(obj)
            if actor is not None:
                senders = [actor]
        dest_tokens = self.prep_objects(token, "to", "in", "into") + self.prep_objects(
            anchor, "to", "in", "into"
        )
        destinations = [a for t in dest_tokens for a in self.parties_of(t)]
        for t in dest_tokens:
            mention = self.mention_at(t)
            # a place abroad is a destination; open sea or a stateless region ("the South China Sea") is not
            if (
                mention is not None
                and mention.type == "location"
                and (mention.key is None or mention.country)
            ):
                destinations.append(Actor(mention.name, "location", mention.country, mention))
        sender = senders[0].as_party(self.gaz) if senders else None
        destination = next(
            (d.as_party(self.gaz) for d in destinations if sender is None or d.as_party(self.gaz) != sender),
            None,
        )
        if destination is None:
            places = [
                self.place_name(t)
                for t in self.pp_everywhere(sent, "to", "in", "into")
                if not self.stateless_place(t)
            ]
            place = next((p for p in places if p and (sender is None or p != sender.name)), None)
            if place:
                destination = Actor(place, "location", None)
        cand = Candidate("deployment", token, None)
        cand.roles.update(sender=sender, destination=destination)
        if obj is not None:
            cand.roles["personnel"] = self.phrase(obj)
            count = self.count_of(obj)
            if count:
                cand.roles["quantity"] = count
        elif item is not None:
            cand.roles["personnel"] = item.name
        if sender is None or destination is None:
            cand.roles["_partial"] = True
        return cand

    def read_attack_as_clash(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        """ "Thai forces had attacked Cambodian troops": armed forces attacking each other is a clash."""
        if token.pos_ != "VERB":
            return None
        attackers = [a for s in self.subject_of(token) for a in self.parties_of(s)]
        targets = [a for c in token.children if c.dep_ == "dobj" for a in self.parties_of(c)]
        parties = self.distinct_parties(attackers[:1] + targets[:1], people=False)
        if len(parties) < 2 or not any(p.type == "country" for p in parties):
            return None
        cand = Candidate("clash", token, None)
        cand.roles["parties"] = parties
        location = self.location_of(token, sent, {p.name for p in parties})
        if location:
            cand.roles["location"] = location
        return cand

    def read_combat_use(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
        forced: Item | None = None,
    ) -> Candidate | None:
        item = forced or self.nearest_item(token, items)
        if token.lemma_.lower() in self.lex.clash_verbs and (
            item is None or (forced is None and not self._linked(token, item.head))
        ):
            clash = self.read_attack_as_clash(token, trigger, sent, items, money, personnel)
            if clash is not None or item is None:
                return clash  # "Thai forces had attacked Cambodian troops"
        if item is None:
            return None
        intercepting = token.lemma_.lower() in ("down", "intercept") or any(
            c.dep_ == "prt" and c.lower_ == "down" for c in token.children
        )
        if intercepting and token.doc[item.head].dep_ in ("dobj", "nsubjpass"):
            return None  # "shot down 300 drones": the drones are the target, not the weapon used
        if (
            token.pos_ in ("NOUN", "PROPN")
            and forced is None
            and not self._linked(token, item.head)
            and not any(token.doc[i].head.i == token.i for i in range(item.start, item.end))
        ):
            return None  # "came under attack": a strike noun must name its weapon
        if item.category in ("other", "ship") and not item.catalog:
            return None  # "a ship", "equipment": too vague to be a weapon that was used
        anchor = self.clause_anchor(token)
        user: Actor | None = None
        if token.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in token.children if c.dep_ == "poss"]
            user = next((a for p in poss for a in self.actors_of(p)), None)
        if user is None:
            subj = [s for s in self.subject_of(anchor) if s.i != item.head]
            user = next((a for s in subj for a in self.actors_of(s)), None)
            item_subject = [s for s in self.subject_of(anchor) if s.i == item.head]
            if user is None and item_subject and item.origin and not item.catalog:
                entry = self.gaz.country(item.origin)
                user = Actor(entry.name, "country", entry.country) if entry else None
        if user is None:
            user = next((a for t in self.agent_of(anchor) for a in self.actors_of(t)), None)
        target: str | None = None
        target_tokens = (
            [c for c in anchor.children if c.dep_ == "dobj" and c.i != item.head]
            + self.prep_objects(token, "against", "on", "at")
            + self.prep_objects(anchor, "against", "on", "at")
        )
        for t in target_tokens:
            actor = self.actor_of(t)
            if actor is not None and actor.type != "person":
                target = actor.as_party(self.gaz).name if self.mention_at(t) else self.phrase(t)
                break
            if t.pos_ in ("NOUN", "PROPN") and t.i != item.head:
                target = self.phrase(t)
                break
        if user is not None and user.as_party(self.gaz).type not in (
            "country",
            "organization",
            "armed_group",
        ):
            user = None
        cand = Candidate("combat_use", token, None)
        cand.roles.update(user=user.as_party(self.gaz) if user else None, item=item)
        if target:
            cand.roles["target"] = target
        exclude = {user.name} if user else set()
        location = self.location_of(token, sent, exclude)
        if location and location != target:
            cand.roles["location"] = location
        if user is None:
            cand.roles["_needs_user"] = True
        return cand

    def read_clash(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        if not items and not any(
            t.lemma_.lower() in self.lex.military_words or t.lower_ in self.lex.military_words
            for t in sent
            if t.i != token.i
        ):
            return None  # "a clash over the budget", "the Clásico clash"
        parties = self.group_actors(token, sent)
        definite = token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in token.children
        )
        if len(parties) < 2 and not definite:  # "the clashes" refers back; its parties are not guessed
            extra = [
                self.actor_for_mention(m)
                for m in self.sentence_actors(sent)
                if m.type in ("country", "armed_group") and m.form != "capital"
            ]
            parties = self.distinct_parties(parties + extra)
        parties = [p for p in parties if p.type in ("country", "armed_group", "organization")]
        cand = Candidate("clash", token, None)
        cand.roles["parties"] = parties
        location = self.location_of(token, sent, {p.name for p in parties})
        if location:
            cand.roles["location"] = location
        if len(parties) < 2:
            cand.roles["_partial"] = True
        return cand

    def read_meeting(
        self,
        token: Token,
        trigger: Trigger,
        sent: Span,
        items: list[Item],
        money: list[Money],
        personnel: list[Token],
    ) -> Candidate | None:
        if items and token.lemma_.lower() in ("receive", "host"):
            return None
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in ("host", "receive")
            and not any(
                self.parties_of(c) or self.actors_of(c)
                for c in token.children
                if c.dep_ in ("dobj", "nsubjpass")
            )
        ):
            return None  # "co-hosting phases of the drill": no guest, no meeting
        participants = self.group_actors(token, sent)
        anchor = self.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else token
        visited: list[Actor] = []
        for a in (token, anchor):
            if a is None:
                continue
            for t in self.prep_objects(a, "to"):
                visited.extend(self.actors_of(t))
            for agent in self.agent_of(a):
                participants.extend(self.actors_of(agent))
            for guest in self.passive_subject(a):  # "he was received by Danish Defence Minister ..."
                participants.extend(self.actors_of(guest))
        for conj in (c for c in (anchor or token).children if c.dep_ == "conj" and c.pos_ == "VERB"):
            for agent in self.agent_of(conj):
                participants.extend(self.actors_of(agent))
        participants = self.distinct_parties(participants + visited)
        location = self.location_of(token, sent, set())
        if location is None and visited:
            location = visited[0].name
        host = self.capital_country(token.sent, location)
        if host is not None and len(participants) < 2:
            participants = self.distinct_parties([*participants, host])
        cand = Candidate("meeting", token, None)
        cand.roles["participants"] = participants
        if location:
            cand.roles["location"] = location
        if len(participants) < 2:
            cand.roles["_partial"] = True
        return cand

    def capital_country(self, sent: Span, location: str | None) -> Actor | None:
        """Talks "in Ankara" meet Turkey's officials: the country whose capital hosts the meeting."""
        if not location:
            return None
        for mention in mentions_in(sent.doc, sent.start, sent.end):
            if mention.form == "capital" and sent.doc[mention.start : mention.end].text == location:
                entry = self.gaz.country(mention.country)
                if entry is not None:
                    return Actor(entry.name, "country", entry.country)
        return None


def make_extractor() -> EventExtractor:
    return EventExtractor(load_lexicon(), load_gazetteer())
