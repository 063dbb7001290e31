"""Consolidate one document's candidates into contract events: normalise their dates and money, merge
mentions of the same event (one transfer per supplier, recipient and item), fold partial mentions
("the contract covers ten boats") into the event they continue, and list the entities they name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from armswatch.confidence import features, load_calibration
from armswatch.extract.clause import CIRCUMSTANCE_PREPS, ClauseReader, relative_on
from armswatch.extract.document import date_ents, in_dateline, labelled_date, paragraph_index
from armswatch.extract.model import Actor, Candidate, Item
from armswatch.gazetteer import Gazetteer
from armswatch.lexicon import load_lexicon
from armswatch.normalise import Money, day_of, is_relative_date, parse_date
from armswatch.ontology import load_ontology
from armswatch.records import Attribution, EntityRecord, Event
from armswatch.resolve import Mention

LIST_ROLES = load_ontology().list_roles  # roles that hold a list of sides, as the ontology says
ACTOR_ROLES = ("supplier", "recipient", "provider", "beneficiary", "sender", "destination", "user")
MERGE_WINDOW_PARAGRAPHS = 6
# how far back a contingent whose place goes unsaid finds the mission it joins
MISSION_WINDOW_PARAGRAPHS = 6
CONTEXT_WINDOW_PARAGRAPHS = 8  # how far back a transfer missing a side looks for the deal it belongs to
HEADING_MAX_TOKENS = 25  # a line longer than this is prose whose full stop was lost, not a headline


@dataclass
class Draft:
    type: str
    roles: dict[str, Any]
    status: str | None
    paragraph: int
    money: Money | None = None
    date: str | None = None
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    last_paragraph: int = -1  # the paragraph of its latest mention
    dated: bool = False  # its date phrase hangs on its trigger ("bought in 2015"), not just its sentence
    date_relative: bool = False  # its year was read from the publication date ("last month")
    earlier: bool = False  # said to be before the deal of the article ("earlier consignments")
    trigger: str = ""  # the lemma of the word it was first read from
    noun: bool = False  # read from a noun ("the sale of") rather than a verb ("sold")
    context: bool = False  # a side was missing in its sentence and came from the deals around it
    mentions: int = 1  # how many mentions were merged into it
    states: int = 0  # how many states its first sentence names (the more, the easier to misread the sides)
    words: int = 0  # how long that sentence is, in tokens (long sentences are parsed worse)
    current: bool = False  # told with no date phrase and nothing still to come: the day's news
    published: str | None = None  # the report's publication date
    placed: bool = False  # a deployment whose clause names a place ("based in the country"), read or not
    doers: frozenset[str] = frozenset()  # a clash: the sides (names, states) whose own deed it tells
    second_hand: bool = False  # a transfer by a state the item phrase names as its owner or earlier user

    def __post_init__(self) -> None:
        self.last_paragraph = max(self.last_paragraph, self.paragraph)


def event_date(
    cand: Candidate,
    published: str | None,
    reporting: frozenset[str],
    future_markers: frozenset[str],
    date_label: re.Pattern[str],
) -> tuple[str | None, bool, bool]:
    """The date phrase of the trigger's sentence closest to the trigger, normalised; whether it is
    attached to the trigger in the parse (only an attached date can mark an event as history); and whether
    its year came from the publication date ("in June", "last year")."""
    sent: Span = cand.trigger.sent
    future = still_to_come(cand.trigger, future_markers)
    best: str | None = None
    best_distance = 10**9
    best_linked = False
    best_relative = False
    own_unread = False  # a date phrase of the trigger's own that reads to no date ("signed last week")
    for ent in date_ents(sent):
        if in_dateline(ent) or labelled_date(ent, date_label):
            continue
        said = clause_verb(ent.root)
        value = parse_date(ent.text, published, future=future and said.i == clause_verb(cand.trigger).i)
        if value is None:
            # only through a relative clause on the trigger noun ("the agreement that X signed last week")
            own_unread = own_unread or (
                ent.root.head.dep_ in ("relcl", "acl") and ent.root.head.head.i == cand.trigger.i
            )
            continue
        if (
            said.i != cand.trigger.i
            and said.lemma_.lower() in reporting
            and (
                said.is_ancestor(cand.trigger)
                # a simple past reported after it is an earlier deed; "has ordered ..., X said on
                # Saturday" is the day's news, dated by the statement
                or (cand.trigger.is_ancestor(said) and clause_verb(cand.trigger).tag_ == "VBD")
            )
        ):
            # "X denied on Monday that it had sent ...", "X sent ..., the paper reported on Wednesday": the
            # day of the statement, not of the event
            continue
        if (
            (future or (ongoing(cand.trigger) and not clause_verb(cand.trigger).is_ancestor(said)))
            and said.i != clause_verb(cand.trigger).i
            and not said.is_ancestor(cand.trigger)
            and said.dep_ in ("relcl", "acl", "conj")
            and said.tag_ in ("VBD", "VBN")
            # but "the agreement that X signed last week will send ...": the trigger's own clause dates it
            and not relative_on(said, cand.trigger)
        ):
            # "the funding will cover the boats Australia gifted in 2023", "the base where Australia is paying
            # for a wharf": a past deed's year does not date what is still to come or going on (the parser
            # may take such a relative clause for a second verb of the sentence)
            continue
        if (
            said.dep_ == "conj"
            and said.i != clause_verb(cand.trigger).i
            and not said.is_ancestor(cand.trigger)
            and not cand.trigger.is_ancestor(said)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in said.children)
        ):
            continue  # "China increased its engagement, funding roads, and the two upgraded ties in 2023"
        if in_other_circumstance(ent.root, cand.trigger):
            continue  # "despite a ceasefire brokered in August": the date of the circumstance
        if compared_since(ent.root):
            continue  # "in the largest expansion since last year": the date compared with
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "for" and ent.text.strip().isdigit():
            continue  # "signed a cooperation plan for 2026", "the budget for 2025": the period it covers
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("until", "till", "through"):
            continue  # "the exercise, which will run until May 22": when it ends, not when it took place
        distance = abs(ent.root.i - cand.trigger.i)
        linked = cand.trigger.i in (ent.root.head.i, ent.root.head.head.i) or (
            # "will begin patrols under the agreement the two countries signed on Tuesday": the noun's own
            # past deed dates it, not what is still to come under it
            future and said.tag_ in ("VBD", "VBN") and relative_on(said, cand.trigger)
        )
        if linked:
            distance -= 100
        if distance < best_distance:
            best, best_distance, best_linked = value, distance, linked
            best_relative = is_relative_date(ent.text)
    if own_unread and not best_linked:
        # "the agreement that Lesotho signed last week will send officers to a country whose army was accused
        # of killing protesters in 2021": the event's own date is unread, and another clause's is not it
        return None, False, False
    return best, best_linked, best_relative


def heading_line(sent: Span) -> bool:
    """A headline or subhead: a short line of its own with no closing punctuation."""
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > HEADING_MAX_TOKENS:
        return False
    last = words[-1]
    doc = sent.doc
    return last.text not in (".", "!", "?", '"', "”", "'", "’", ":", ";") and (
        last.i + 1 == len(doc) or "\n" in last.whitespace_ or "\n" in doc[last.i + 1].text
    )


def ongoing(trigger: Token) -> bool:
    """The clause tells of something going on now ("Australia is already paying for a wharf")."""
    verb = clause_verb(trigger)
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children
    )


def in_other_circumstance(word: Token, trigger: Token) -> bool:
    """A word inside a phrase of circumstance that is not the trigger's own ("despite a truce brokered in
    August"); "since March" itself dates the event."""
    for above in word.ancestors:
        if above.i == trigger.i:
            return False
        if above.dep_ == "prep" and above.lower_ == "during":
            return False  # "during her visit to Moscow in January 2013": the frame's time is the event's
        if above.dep_ == "prep" and above.lower_ in CIRCUMSTANCE_PREPS:
            return word.head.i != above.i and not above.is_ancestor(trigger)
    return False


def compared_since(word: Token) -> bool:
    """A date after "since" on a superlative or a first ("the largest deployment since 2019", "the first
    visit since 2010"): what the event is measured against, not its date."""
    since = word.head
    if word.dep_ != "pobj" or since.lower_ != "since" or since.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.tag_ == "JJS" or c.lower_ == "first" for c in since.head.children if c.dep_ == "amod")


def still_to_come(trigger: Token, markers: frozenset[str]) -> bool:
    """The clause tells of an event to come ("troops will take part in an exercise", "is due to arrive")."""
    verb = clause_verb(trigger)
    chain = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i else [])
    lemmas = {t.lemma_.lower() for t in chain} | {
        c.lemma_.lower() for t in chain for c in t.children if c.dep_ in ("aux", "auxpass", "acomp")
    }
    return bool(lemmas & markers)


def unplaced_places(a: object, b: object) -> bool:
    """Two places that no gazetteer puts in a state: one may lie in the other."""
    return all(isinstance(x, Actor) and x.type == "location" and not x.country for x in (a, b))


def clause_verb(token: Token) -> Token:
    """The verb whose clause a word belongs to (the word itself when it is one)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def item_compatible(a: Item, b: Item, vague: frozenset[str] = frozenset(), near: bool = True) -> bool:
    """Whether two item mentions can be one deal's item: the same name; a vague word ("the weapons") and
    anything; a generic noun and a catalog system of its category ("the drones" after a named drone; a
    phrase with its own modifiers only close by);
    two generic phrases with one head ("helicopters", "transport helicopters"). Two items listed in one
    sentence are two items."""
    if without_maker(a) == without_maker(b):  # "Hongdu L-15" and "the L-15"
        return True
    if a.catalog and b.catalog:  # "F-35A", then "the F-35": a variant and its system, in other sentences
        return (a.family == b.name or b.family == a.name) and not same_sentence(a, b)
    if same_sentence(a, b):
        return False
    if a.name.lower() in vague or b.name.lower() in vague:
        return True
    if a.catalog or b.catalog:
        generic, system = (b, a) if a.catalog else (a, b)
        if a.category == b.category == "other" and len(generic.name.split()) > 1:
            # "other" holds radars, trainers and boots alike: "air surveillance radars" are no TC-90 trainer,
            # "the King Air aircraft" is the King Air 350
            shared = set(generic.name.lower().split()) & set(system.name.lower().split())
            return bool(shared) and near
        return a.category == b.category and (near or len(generic.name.split()) == 1)
    words_a, words_b = set(a.name.lower().split()), set(b.name.lower().split())
    return head_word(a.name) == head_word(b.name) or words_a <= words_b or words_b <= words_a


def without_maker(item: Item) -> str:
    """An item's name without its maker's name before it ("Hongdu L-15": "l-15"), in lower case."""
    name = item.name.lower()
    maker = (item.maker or "").lower()
    return name.removeprefix(maker + " ") if item.catalog and maker else name


def same_sentence(a: Item, b: Item) -> bool:
    """Two item mentions, not one, in one sentence."""
    return (
        a.doc is not None and a.doc is b.doc and a.head != b.head and a.doc[a.head].sent == b.doc[b.head].sent
    )


def definite(item: Item) -> bool:
    """An item phrase that refers back ("the weapons", "these arms", "its drones"), or one read without a
    document."""
    if item.doc is None:
        return True
    head = item.doc[item.head]
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those", "that")) or c.dep_ == "poss"
        for c in head.children
    )


def listed_together(doc: Doc, a: Any, b: Any, containers: frozenset[str] = frozenset()) -> bool:
    """Two items are entries of one list: only commas, "and", counts and the entries' words between them
    ("jets, a frigate and four corvettes", "jets and a consignment of body armour"), no verb or other
    preposition ("the Gripen in combat aircraft deals")."""
    if not (isinstance(a, Item) and isinstance(b, Item)):
        return False
    first, second = (a, b) if a.start <= b.start else (b, a)
    between = doc[first.end : second.start]

    def holding(t: Token) -> bool:  # the "of" of "a consignment of"
        return t.lower_ == "of" and t.head.lemma_.lower() in containers and t.head.i >= first.end

    return any(t.text in (",", ";") or t.dep_ == "cc" for t in between) and not any(
        t.pos_ in ("VERB", "AUX", "ADP") and not holding(t) for t in between
    )


def head_word(name: str) -> str:
    word = name.lower().split()[-1] if name.split() else ""
    return word[:-1] if word.endswith("s") else word


def head_word_in(phrase: str, words: frozenset[str], postmodifiers: frozenset[str] = frozenset()) -> bool:
    """Whether a phrase's head, its last word before any postmodifier ("a source close to the deal"), lower
    case and without punctuation, is one of the words."""
    tokens = [w.lower().strip(".,'’") for w in phrase.split()]
    cut = next((i for i, w in enumerate(tokens) if i and w in postmodifiers), len(tokens))
    return bool(tokens) and tokens[cut - 1] in words


def party_names(value: Any) -> set[str]:
    return {p.name for p in value} if isinstance(value, list) else set()


def party_keys(value: Any) -> set[str]:
    """Parties compared across mentions: a company counts as its home state ("Hanwha" ~ South Korea)."""
    if not isinstance(value, list):
        return set()
    return {p.country if p.type in ("country", "company", "person") and p.country else p.name for p in value}


def same_actor(a: Any, b: Any) -> bool:
    return a is None or b is None or a.name == b.name


# "the Defence Ministry reported": a body reporting on its own state's deal vouches for it
REPORTED = ("reported", "reports", "report")


def states_of(actors: Any) -> set[str]:
    """The states of a list role's actors."""
    return {a.country for a in actors or [] if isinstance(a, Actor) and a.country}


class Consolidator:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.ontology = load_ontology()
        self.lex = load_lexicon()
        self.clause = ClauseReader(self.lex, gazetteer)
        self.vague = load_lexicon().vague_items
        self.media_words = load_lexicon().media_words
        self.earlier_words = load_lexicon().earlier_words
        self.reporting = frozenset(load_lexicon().reporting_verbs) | load_lexicon().labelling_verbs

    def __call__(
        self, doc: Doc, candidates: list[Candidate], published: str | None
    ) -> tuple[list[Event], list[Actor]]:
        drafts: list[Draft] = []
        # the entries of one trigger's list with sides of their own ("sold jets, a frigate and boats to X")
        complete = {c.trigger.i: c.roles for c in candidates if c.type == "transfer" and not c.needs_context}
        by_trigger: dict[int, Draft] = {}  # the event such an entry went into, with the sides it took there
        # the subheads of a page of sections ("Calidus reveals Central African buyer"): a deal missing a side
        # does not take it from a section before its own
        subheads = [paragraph_index(doc, sent.start_char) for sent in doc.sents if heading_line(sent)]
        named: dict[int, set[str]] = {}  # the states each paragraph names
        for m in doc._.mentions or []:
            if m.country:
                named.setdefault(paragraph_index(doc, m.start_char), set()).add(m.country)
        for cand in candidates:
            partial = cand.partial
            if cand.needs_user:
                # A use with no user first continues the use just reported; only a standalone one takes
                # its user from the party confirming it ("the president confirmed the use of foreign drones")
                probe = Draft(cand.type, dict(cand.roles), cand.status, cand.paragraph)
                continued = (
                    self.find_continued(drafts, probe)
                    if cand.paragraph
                    - max((d.last_paragraph for d in drafts if d.type == cand.type), default=-99)
                    <= 1
                    else None
                )
                user = None if continued is not None else self.user_from_attribution(doc, cand)
                target = cand.roles.get("target")
                if (
                    user is not None
                    and isinstance(target, str)
                    and self.gaz.country_in_text(target) == user.country
                ):
                    user = None  # "used against Russian troops, Peskov said": Russia is struck, no user
                if user is None and continued is None:
                    user = self.user_as_holder(cand, candidates)
                if user is None:
                    partial = True
                cand.roles["user"] = user
            needs_context = cand.needs_context
            date, date_linked, relative = event_date(
                cand, published, self.reporting, self.lex.future_markers, self.lex.date_label
            )
            draft = Draft(
                cand.type,
                dict(cand.roles),
                cand.status,
                cand.paragraph,
                cand.money,
                date,
                list(cand.attributions),
                list(cand.evidence),
            )
            draft.dated, draft.date_relative = date_linked, relative
            draft.current = date is None and not still_to_come(cand.trigger, self.lex.future_markers)
            draft.published = published
            draft.placed = cand.type == "deployment" and any(
                c.dep_ == "prep"
                and c.lower_ in ("to", "in", "into", "at", "for")
                # "flew in a company of special forces": the forces flown in, no place
                and any(
                    p.lemma_.lower() not in self.lex.personnel_nouns for p in c.children if p.dep_ == "pobj"
                )
                for t in (cand.trigger, clause_verb(cand.trigger))
                for c in t.children
            )
            draft.trigger = cand.trigger.lemma_.lower()
            draft.doers = cand.doers
            draft.second_hand = cand.second_hand
            draft.noun = cand.trigger.pos_ in ("NOUN", "PROPN")
            draft.context = needs_context
            sent = cand.trigger.sent
            draft.words = len(sent)
            draft.states = len(
                {m.country for m in doc._.mentions or [] if m.country and sent.start <= m.start < sent.end}
            )
            draft.earlier = any(
                t.lower_ in self.earlier_words
                for t in [*cand.trigger.children, *cand.trigger.head.children]
                if t.dep_ in ("amod", "advmod", "npadvmod")
            )
            if date and date_linked and int(date[:4]) < self.ontology.register_since:
                continue  # a history feature's battle, not the register
            if needs_context and not partial:
                same_item = self.same_item_transfer(drafts, draft, self.seller_as_subject(cand))
                if same_item is not None:
                    self.merge(same_item, draft)  # "the first boats are due in 2031": that same deal
                    continue
                if heading_line(cand.trigger.sent):
                    continue  # "5) COPENHAGEN: Second F-16 batch": a subhead's missing side is its item's own
                merged = by_trigger.get(cand.trigger.i)
                sibling = merged.roles if merged is not None else complete.get(cand.trigger.i)
                own = complete.get(cand.trigger.i, {}).get("item")
                if sibling is not None and listed_together(
                    doc, own, draft.roles.get("item"), self.lex.container_nouns
                ):
                    self.share_sides(sibling, draft)  # "the sale of jets, a frigate and two carriers"
                self.seller_of_conjoined(complete, cand.trigger, draft)
                self.fill_from_context(drafts, draft, subheads, named)
                for role, actor in cand.fallbacks.items():  # a weaker reading, when the context has none
                    if draft.roles.get(role) is None:
                        draft.roles[role] = actor
            if draft.type == "financing" and not partial and draft.roles.get("beneficiary") is None:
                self.beneficiary_from_context(drafts, draft)
                if draft.roles.get("beneficiary") is None and "beneficiary" in cand.fallbacks:
                    draft.roles["beneficiary"] = cand.fallbacks["beneficiary"]  # the story's state
            if draft.type == "exercise" and len(draft.roles.get("participants") or []) == 1:
                target = self.find_continued(drafts, draft)
                if target is not None:
                    self.merge(target, draft)  # one exercise, its participants named across sentences
                    continue
            retold = (
                self.retold_with_seller(drafts, draft) if cand.supplier_by_origin and not partial else None
            )
            if retold is not None:
                self.merge(retold, draft)  # "the four helicopters will be handed over": the deal told before
                continue
            if self.at_home(draft):
                continue
            if not partial and self.complete(draft):
                target = self.find_same(drafts, draft)
                if target is not None:
                    self.merge(target, draft)
                else:
                    drafts.append(draft)
                if not needs_context:
                    by_trigger[cand.trigger.i] = target or draft
            else:
                target = self.find_continued(drafts, draft)
                if target is not None:
                    self.merge(target, draft)
                    by_trigger[cand.trigger.i] = target
                elif self.joins_mission(drafts, draft):
                    drafts.append(draft)
        actors: list[Actor] = []
        for draft in drafts:
            for value in draft.roles.values():
                for v in value if isinstance(value, list) else [value]:
                    if isinstance(v, Actor):
                        actors.append(v)
        drafts = [d for d in drafts if d.attributions]  # a negated event nobody voiced says nothing
        # the states this document's speakers belong to ("Argentine Foreign Minister Ana Ruiz")
        homes = {
            m.name: m.country
            for m in doc._.mentions or []
            if m.country and m.type in ("person", "organization", "company")
        }
        home = self.home_state(doc)
        for draft in drafts:
            self.party_stances(draft, homes, home)
            if draft.date is None and draft.current and published and draft.type in self.lex.news_day_types:
                # "the two ministers held talks": the day of the report, its year read from the publication
                draft.date, draft.date_relative = published[:10], True
        return [self.to_event(d) for d in drafts], actors

    @staticmethod
    def seller_as_subject(cand: Candidate) -> bool:
        """The seller is the subject of the trigger verb ("Qatar and Oman have offered Typhoons"), not an
        approver of "the export" nor the other side of "a contract signed with X"."""
        supplier = cand.roles.get("supplier")
        mention = getattr(supplier, "mention", None)
        if cand.supplier_by_origin or cand.trigger.pos_ != "VERB" or mention is None:
            return False
        subjects = [c for c in cand.trigger.children if c.dep_ == "nsubj"]
        return any(s.left_edge.i <= mention.start <= s.right_edge.i for s in subjects)

    def same_item_transfer(
        self, drafts: list[Draft], draft: Draft, seller_named: bool = False
    ) -> Draft | None:
        """A transfer missing a side whose catalog item is already the subject of a reported deal (not one
        whose seller, named in the text, is another)."""
        item = draft.roles.get("item")
        if not isinstance(item, Item) or not item.catalog:
            return None
        for old in reversed(drafts):
            old_item = old.roles.get("item")
            if (
                old.type == "transfer"
                and isinstance(old_item, Item)
                and old_item.name == item.name
                and draft.paragraph - old.paragraph <= CONTEXT_WINDOW_PARAGRAPHS
            ):
                recipient, supplier = draft.roles.get("recipient"), draft.roles.get("supplier")
                if seller_named and not same_actor(supplier, old.roles.get("supplier")):
                    continue  # "Qatar and Oman have offered second-hand Typhoons": other sellers
                if self.delivered_years_apart(old, draft) or self.delivered_before_order(old, draft):
                    continue  # "the first aircraft of the type arrived in 2013": an earlier delivery
                if recipient is None or recipient.name == old.roles["recipient"].name:
                    return old
        return None

    def retold_with_seller(self, drafts: list[Draft], draft: Draft) -> Draft | None:
        """A transfer whose seller is only its item's maker state, of an item already told as handed on to
        the same buyer by its earlier user ("four NH90s that previously flew with the Belgian forces ... the
        helicopters will be handed over"): that deal retold, not a sale by the maker's state."""
        item, supplier = draft.roles.get("item"), draft.roles.get("supplier")
        if not isinstance(item, Item) or not isinstance(supplier, Actor):
            return None
        for old in reversed(drafts):
            old_item, old_supplier = old.roles.get("item"), old.roles.get("supplier")
            if (
                old.type == "transfer"
                and old.second_hand
                and isinstance(old_item, Item)
                and old_item.name == item.name
                and isinstance(old_supplier, Actor)
                and old_supplier.name != supplier.name
                and same_actor(old.roles.get("recipient"), draft.roles.get("recipient"))
                and draft.paragraph - old.paragraph <= CONTEXT_WINDOW_PARAGRAPHS
                and not (old.dated and draft.dated and (old.date or "")[:4] != (draft.date or "")[:4])
                and not self.delivered_years_apart(old, draft)
            ):
                return old
        return None

    @staticmethod
    def share_sides(sibling: dict[str, Any], draft: Draft) -> None:
        """Entries of one list of items take the sides the list's other entries have, where they agree."""
        if draft.type != "transfer":
            return
        supplier, recipient = sibling.get("supplier"), sibling.get("recipient")
        if supplier is None or recipient is None:
            return
        if not same_actor(draft.roles.get("recipient"), recipient) or not same_actor(
            draft.roles.get("supplier"), supplier
        ):
            return
        item = draft.roles.get("item")
        if isinstance(item, Item) and item.origin and supplier.country and item.origin != supplier.country:
            return  # "Swedish jets, and Korean tanks": another seller's item
        draft.roles["supplier"], draft.roles["recipient"] = supplier, recipient

    @staticmethod
    def beneficiary_from_context(drafts: list[Draft], draft: Draft) -> None:
        """Money given to no one named goes where the money told just before went ("The Netherlands will pay
        for Patriots for Ukraine ... A day later Denmark, Norway and Sweden said they would together finance
        a second package")."""
        provider = draft.roles.get("provider")
        if not isinstance(provider, Actor):
            return
        for old in reversed(drafts):
            given = old.roles.get("beneficiary")
            if old.type != "financing" or draft.paragraph - old.last_paragraph > 1:
                continue
            if isinstance(given, Actor) and given.type == "country" and given.name != provider.name:
                draft.roles["beneficiary"] = given
            return

    @staticmethod
    def seller_of_conjoined(complete: dict[int, dict[str, Any]], trigger: Token, draft: Draft) -> None:
        """ "A Dornier built by HAL was handed over to Guyana in 2023, and two interceptor craft were gifted
        to Mozambique in 2022": a handover joined to another, with a buyer of its own, has its seller."""
        head = trigger.head if trigger.dep_ == "conj" else None
        sides = complete.get(head.i) if head is not None else None
        supplier, recipient = (sides or {}).get("supplier"), draft.roles.get("recipient")
        other = (sides or {}).get("recipient")
        if (
            draft.roles.get("supplier") is None
            and isinstance(supplier, Actor)
            and isinstance(recipient, Actor)
            # another buyer (one buyer's deal told on is the same deal, read from the context)
            and recipient.name not in (supplier.name, getattr(other, "name", None))
        ):
            draft.roles["supplier"] = supplier

    def fill_from_context(
        self, drafts: list[Draft], draft: Draft, subheads: list[int], named: dict[int, set[str]]
    ) -> None:
        """A transfer missing its buyer or seller takes it from the latest transfer nearby ("Lima is
        shopping ... France offered the Rafale" -> Peru; "the frigates were delivered" -> the seller); from
        an earlier section of the page only when its own section names that deal's states again."""
        supplier, recipient = draft.roles.get("supplier"), draft.roles.get("recipient")
        for old in reversed(drafts):
            crossed = [p for p in subheads if old.last_paragraph < p <= draft.paragraph]
            if crossed:
                # "Also on the flightline ... Russia's Su-57 returned to the static display": a section after
                # a subhead tells of other deals, unless it names the earlier one's states
                section = {c for q in range(max(crossed), draft.paragraph + 1) for c in named.get(q, ())}
                sides = [a for a in (old.roles.get("supplier"), old.roles.get("recipient")) if a is not None]
                if not any(isinstance(a, Actor) and a.country in section for a in sides):
                    continue
            borrower = old.roles.get("beneficiary")
            if (
                old.type == "financing"
                and recipient is None
                and supplier is not None
                and draft.paragraph - old.paragraph <= 1
                and isinstance(borrower, Actor)
                and borrower.type == "country"
                and borrower.name != supplier.name
            ):
                # "KEXIM agreed to lend Warsaw $6 billion ... That contract covers 180 K2 tanks": the borrower
                draft.roles["recipient"] = borrower
                return
            if old.type != "transfer" or draft.paragraph - old.paragraph > CONTEXT_WINDOW_PARAGRAPHS:
                continue
            old_supplier, old_recipient = old.roles.get("supplier"), old.roles.get("recipient")
            if (
                recipient is None
                and old_recipient is not None
                and (supplier is None or old_recipient.name != supplier.name)
            ):
                draft.roles["recipient"] = recipient = old_recipient
            if (
                supplier is None
                and old_supplier is not None
                and recipient is not None
                and old_recipient is not None
                and old_recipient.name == recipient.name
                and item_compatible(old.roles["item"], draft.roles["item"], self.vague)
            ):
                draft.roles["supplier"] = supplier = old_supplier
            if (
                supplier is None
                and old_supplier is not None
                and recipient is not None
                and old_recipient is not None
                and old_recipient.name != recipient.name
                and old_supplier.name != recipient.name
                and draft.paragraph - old.paragraph <= 1
                and self.another_customer(old.roles.get("item"), draft.roles.get("item"))
            ):
                # "Estonia bought Chunmoo launchers from Hanwha. Poland signed for 218 launchers in 2023":
                # another buyer of the system just named, from its seller
                draft.roles["supplier"] = supplier = old_supplier
                draft.roles["item"] = old.roles["item"]
            if supplier is not None and recipient is not None:
                return
        if supplier is None and recipient is not None:
            # "X will finance a package for Y ... Y will use it to buy jets": the lender is the seller
            for old in reversed(drafts):
                provider, beneficiary = old.roles.get("provider"), old.roles.get("beneficiary")
                if (
                    old.type == "financing"
                    and old.trigger in self.lex.credit_words  # a credit for purchases, not a grant of aid
                    and draft.paragraph - old.paragraph <= CONTEXT_WINDOW_PARAGRAPHS
                    and isinstance(provider, Actor)
                    and provider.type == "country"
                    and isinstance(beneficiary, Actor)
                    and beneficiary.name == recipient.name
                ):
                    draft.roles["supplier"] = provider
                    return

    def another_customer(self, system: Any, item: Any) -> bool:
        """A generic item of the catalog system's own kind, written in its name ("launchers" after "Chunmoo
        launchers", not after "K9 howitzers")."""
        if not (isinstance(system, Item) and isinstance(item, Item) and system.catalog and not item.catalog):
            return False
        written = system.doc[system.start : system.end].text.lower() if system.doc is not None else ""
        if item.category is None or head_word(item.name) not in written:
            return False
        # "two multi-purpose modular patrol vessels" after "Arafura-class offshore patrol vessels": described
        # otherwise, another kind of the same noun
        if any(word not in written for word in item.name.lower().split()[:-1] if not word[0].isdigit()):
            return False
        return (
            item.category == system.category
            or {item.category, system.category} <= self.lex.launcher_categories
        )

    def system_of(self, item: Item) -> str:
        """The catalog system an item names ("TB2" and "Bayraktar TB2" are one), else its own name."""
        return self.gaz.catalog_system(item.name) or item.name

    def user_as_holder(self, cand: Candidate, candidates: list[Candidate]) -> Actor | None:
        """ "Burkina Faso received two Akinci drones ... an Akinci drone struck a column near Gaskinde": a
        weapon the article says one state took delivery of is that state's when it strikes with no user
        named (not when the article gives it to two states)."""
        item = cand.roles.get("item")
        if not isinstance(item, Item) or not item.catalog or not cand.roles.get("target"):
            return None  # a strike on something told, not a weapon "used for close air support"
        system = self.system_of(item)
        holders = {
            recipient.country: recipient
            for other in candidates
            if other.type == "transfer" and other.status == "delivery" and not other.negated
            for got, recipient in [(other.roles.get("item"), other.roles.get("recipient"))]
            if isinstance(got, Item)
            and self.system_of(got) == system
            and isinstance(recipient, Actor)
            and recipient.type == "country"
            and recipient.country
        }
        return next(iter(holders.values())) if len(holders) == 1 else None

    def user_from_attribution(self, doc: Doc, cand: Candidate) -> Actor | None:
        """ "the president confirmed the use of foreign drones": a party that confirms a use is its user."""
        names = {a.source for a in cand.attributions if a.stance in ("confirmed", "asserted") and a.source}
        item = cand.roles.get("item")
        origin = item.origin if isinstance(item, Item) else None
        # "Pakistan's military spokesman said JF-17 fighters destroyed ...", "Russian state media claimed a
        # Lancet destroyed ...": a state that tells, or claims, a strike with a weapon of its own make used it
        for source in (a.source for a in cand.attributions if a.source):
            iso3 = self.gaz.country_in_text(source)
            if iso3 is not None and iso3 == origin and self.gaz.company_named(source) is None:
                entry = self.gaz.country(iso3)
                if entry is not None:
                    return Actor(entry.name, "country", entry.country)
        for mention in doc._.mentions or []:
            # a maker speaking of its own weapon is no user of it; a state's ministry speaking is
            if (
                mention.name in names
                and mention.country
                and (mention.country != origin or mention.type != "company")
            ):
                entry = self.gaz.country(mention.country)
                if entry is not None:
                    return Actor(entry.name, "country", entry.country)
        # "a Peruvian navy spokesman said": the country a speaking body belongs to
        for name in names:
            iso3 = self.gaz.country_in_text(name)
            if iso3 and iso3 != origin:
                entry = self.gaz.country(iso3)
                if entry is not None:
                    return Actor(entry.name, "country", entry.country)
        return None

    def at_home(self, draft: Draft) -> bool:
        """ "French forces based in New Caledonia": a state's forces standing in a territory of its own are at
        home, no deployment (a ship that "left Portsmouth for Gibraltar" still went)."""
        if draft.type != "deployment" or draft.trigger in self.lex.departure_verbs:
            return False
        sender = getattr(draft.roles.get("sender"), "country", None)
        place = draft.roles.get("destination")
        destination = getattr(place, "country", None) or self.gaz.country_in_text(getattr(place, "name", ""))
        return sender is not None and self.gaz.sovereigns.get(destination or "") == sender

    def complete(self, draft: Draft) -> bool:
        spec = self.ontology.event_types[draft.type]
        for role in spec.key_roles:
            value = draft.roles.get(role)
            if role in LIST_ROLES:
                minimum = 1 if draft.type == "exercise" else 2
                if not isinstance(value, list) or len(value) < minimum:
                    return False
            elif value is None:
                return False
        return True

    def find_same(self, drafts: list[Draft], new: Draft) -> Draft | None:
        for old in drafts:
            if old.type != new.type:
                continue
            if new.type in ("agreement", "exercise", "clash", "meeting"):
                a, b = (
                    party_keys(old.roles.get(self.list_role(new.type))),
                    party_keys(new.roles.get(self.list_role(new.type))),
                )
                if a and b and (a <= b or b <= a):
                    return old
                continue
            keys = self.ontology.event_types[new.type].key_roles
            # a vague later mention ("the weapons") joins the deal named before it, never the other way
            new_item = new.roles.get("item")
            # unless it is a deal of its own, with its own price ("a $245 million contract to provide arms")
            loose = (
                isinstance(new_item, Item)
                and new_item.name.lower() in self.vague
                and (definite(new_item) or new.money is None or new.money == old.money)
            )
            near = new.paragraph - old.last_paragraph <= 2
            if all(
                self.role_equal(role, old.roles.get(role), new.roles.get(role), loose=loose, near=near)
                for role in keys
            ):
                if self.other_time(old, new):
                    continue  # the same sides and item in another year: an earlier or later deal
                return old
        return None

    @staticmethod
    def delivered_years_apart(old: Draft, new: Draft) -> bool:
        """ "Have received two C295s ... the first aircraft of the type arrived in 2013": the day's transfer
        and one of the same stage dated years before it are two."""
        if old.type != "transfer" or old.status != new.status:
            return False
        return any(
            today.current
            and today.published
            and then.dated
            and then.date
            and int(today.published[:4]) - int(then.date[:4]) >= 2
            for today, then in ((old, new), (new, old))
        )

    @staticmethod
    def delivered_before_order(old: Draft, new: Draft) -> bool:
        """A delivery dated in its own clause a year or more before the order it would join was signed: an
        earlier deal ("signed a contract on Monday ... its first squadron was handed over in 2013")."""
        if old.type != "transfer" or old.status == new.status:
            return False
        delivery = next((d for d in (old, new) if d.status == "delivery"), None)
        order = new if delivery is old else old
        return (
            delivery is not None
            and delivery.dated
            and bool(delivery.date and order.date)
            and int(delivery.date[:4]) < int(order.date[:4])  # type: ignore[index]
        )

    def other_time(self, old: Draft, new: Draft) -> bool:
        """Two mentions each dated in their own clause, years apart, or a later one that says it was before
        ("earlier consignments", "a previous order"): two deals, not one."""
        if new.earlier and new.paragraph != old.paragraph:
            return True
        if old.type == "deployment":
            # "1,500 soldiers are flown there this week ... In 2018, X sent 1,000 soldiers": the day's news
            # and a deployment dated years before are two
            for today, then in ((old, new), (new, old)):
                if (
                    today.current
                    and today.published
                    and then.dated
                    and then.date
                    and int(today.published[:4]) - int(then.date[:4]) >= 1
                ):
                    return True
        if self.delivered_years_apart(old, new) or self.delivered_before_order(old, new):
            return True
        if not (old.dated and new.dated and old.date and new.date):
            return False
        gap = abs(int(old.date[:4]) - int(new.date[:4]))
        if old.type == "transfer" and old.status != new.status:
            # an order one year and its delivery years later are one deal's stages, told in either order
            return False
        return gap >= 1

    def list_role(self, etype: str) -> str:
        return "participants" if etype in ("exercise", "meeting") else "parties"

    def role_equal(self, role: str, a: Any, b: Any, loose: bool = True, near: bool = True) -> bool:
        """Whether two values can be one event's; loose=False keeps two complete reports apart when only
        a vague item word ("the weapons") would join them."""
        if isinstance(a, Item) and isinstance(b, Item):
            return item_compatible(a, b, self.vague if loose else frozenset(), near)
        # Saab and Sweden as the seller of one deal: a company stands for its home country
        if (
            isinstance(a, Actor)
            and isinstance(b, Actor)
            and role in ("supplier", "provider")
            and "company" in (a.type, b.type)
            and a.country
            and a.country == b.country
        ):
            return True
        if hasattr(a, "name") and hasattr(b, "name"):
            return bool(a.name == b.name)
        return bool(a == b)

    def find_continued(self, drafts: list[Draft], new: Draft) -> Draft | None:
        """The latest earlier event of the same type, near enough and not contradicting the partial one."""
        for old in reversed(drafts):
            if old.type != new.type or new.paragraph - old.last_paragraph > MERGE_WINDOW_PARAGRAPHS:
                continue
            compatible = not (
                old.type == "financing"
                and old.money is not None
                and new.money is not None
                and old.money.amount != new.money.amount
            )  # another sum ("more than 100 million euros since 2021") is another package
            if (new.dated or (old.type == "deployment" and old.current)) and self.far_apart(old, new):
                # "In 2018, Pakistan sent about 1,000 soldiers": an earlier deployment; and "a larger
                # contingent was based there" in that sentence is of that year too
                compatible = False
            if old.type == "deployment" and None not in (
                old.roles.get("quantity"),
                new.roles.get("quantity"),
            ):
                compatible = compatible and old.roles.get("quantity") == new.roles.get("quantity")
            for role, value in new.roles.items():
                if value is None or role not in (*ACTOR_ROLES, "item"):
                    continue
                if unplaced_places(old.roles.get(role), value):
                    continue  # "on Baltra" and "in the Galápagos": places of no known state may be one
                if not self.role_equal(role, old.roles.get(role), value) and old.roles.get(role) is not None:
                    compatible = False
            if new.type in ("agreement", "meeting") and any(a.stance == "denied" for a in new.attributions):
                # "no contract has been signed" with Turkish Aerospace, after a Nigerian-Italian arrangement:
                # a denial naming none of the earlier agreement's states denies another one
                role = self.list_role(new.type)
                told = states_of(new.roles.get(role))
                compatible = compatible and not (told and not told & states_of(old.roles.get(role)))
            if compatible:
                return old
        return None

    def joins_mission(self, drafts: list[Draft], new: Draft) -> bool:
        """ "Kenya has deployed 1,000 police officers in Haiti. Jamaica has sent two dozen soldiers": a
        contingent whose place goes unsaid joins the deployment told just before (takes its destination)."""
        sender, destination = new.roles.get("sender"), new.roles.get("destination")
        if new.type != "deployment" or not isinstance(sender, Actor) or destination is not None or new.placed:
            return False  # a place named but not read ("based in the country") is not the one before
        # the latest deployment with a place, a few paragraphs back at most ("Belarus flew in a company,
        # Tajikistan contributed some two hundred soldiers": the mission told before)
        before = next(
            (
                d
                for d in reversed(drafts)
                if d.type == "deployment" and isinstance(d.roles.get("destination"), Actor)
            ),
            None,
        )
        if before is None or new.paragraph - before.last_paragraph > MISSION_WINDOW_PARAGRAPHS:
            return False
        place, other = before.roles.get("destination"), before.roles.get("sender")
        if not isinstance(place, Actor) or place.name == sender.name:
            return False
        if isinstance(other, Actor) and other.name == sender.name:
            return False
        new.roles["destination"] = place
        new.context = True
        return True

    def far_apart(self, old: Draft, new: Draft) -> bool:
        """Whether two dated mentions lie further apart than one event of their type can last (the type's
        fusion window)."""
        # the day's news is dated by its report
        first = day_of(old.date or (old.published if old.current else None), None)
        second = day_of(new.date, None)
        if first is None or second is None:
            return False
        return abs((first - second).days) > self.ontology.event_types[old.type].fuse_window_days

    def merge(self, old: Draft, new: Draft) -> None:
        spec = self.ontology.event_types[old.type]
        distance = new.paragraph - old.last_paragraph
        old.last_paragraph = max(old.last_paragraph, new.paragraph)
        old.mentions += new.mentions
        if spec.status_rank(new.status) > spec.status_rank(old.status):
            old.status = new.status
        for role, value in new.roles.items():
            current = old.roles.get(role)
            if role in LIST_ROLES and isinstance(value, list):
                names = party_names(current)
                old.roles[role] = list(current or []) + [p for p in value if p.name not in names]
            elif role == "item" and isinstance(value, Item) and isinstance(current, Item):
                if self.names_better(current, value, distance):
                    old.roles[role] = value
            elif current is None and value is not None:
                old.roles[role] = value
        old.money = old.money or new.money
        # "has sent 250 troops, the ministry said on Wednesday ... has contributed soldiers since it was set
        # up in 2017": the day's deployment keeps the day, not a year a loose clause names
        loose_past = (
            old.type == "deployment"
            and old.current
            and not new.dated
            and bool(new.date and old.published and new.date[:4] < old.published[:4])
        )
        if (old.date is None and not loose_past) or (new.dated and not old.dated):
            if new.date:
                old.date_relative = new.date_relative
            old.date, old.dated = new.date or old.date, new.dated or old.dated
        for attribution in new.attributions:
            if all(
                (a.source, a.stance) != (attribution.source, attribution.stance) for a in old.attributions
            ):
                old.attributions.append(attribution)
        for span in new.evidence:
            if span not in old.evidence:
                old.evidence.append(span)

    def names_better(self, current: Item, value: Item, distance: int) -> bool:
        """Whether a later mention names a deal's item better: "the weapons", then what they were; "the
        jets", then their catalog name close by or sharing a word ("MiG fighters", then "MiG-29K")."""
        if current.name.lower() in self.vague:
            return value.name.lower() not in self.vague
        if current.catalog and value.catalog:  # "F-16C/D fighters", then "the F-16": as the article names it
            return current.family is not None and current.family == value.name
        if not value.catalog or current.catalog:
            return False
        shared = set(current.name.lower().replace("-", " ").split()) & set(
            value.name.lower().replace("-", " ").split()
        )
        same_origin = current.origin is not None and current.origin == value.origin
        return bool(shared) or same_origin or distance <= 1

    def home_state(self, doc: Doc) -> str | None:
        """The state the whole article is about (whose bodies it names without a state)."""
        focus = self.clause.focus_country(doc[len(doc) - 1]) if len(doc) else None
        return focus.country if focus is not None else None

    def home_body(self, source: str) -> bool:
        """ "The Defence Ministry reported", "the Army General Staff said": a state body named with no
        state or name of its own."""
        words = source.split()
        return (
            0 < len(words) <= 4 and words[-1].lower() in self.lex.organization_heads and source[:1].isupper()
        )

    def party_stances(self, draft: Draft, homes: dict[str, str], home: str | None = None) -> None:
        """ "according to Chadian officials" about Chad's own deployment confirms rather than claims."""
        countries = {
            v.country
            for value in draft.roles.values()
            for v in (value if isinstance(value, list) else [value])
            if isinstance(v, Actor) and v.country
        }
        for i, attribution in enumerate(draft.attributions):
            if not attribution.source or attribution.stance == "denied":
                continue
            speakers = self.speaker_countries(attribution.source)
            if not speakers and attribution.source in homes:
                speakers = {homes[attribution.source]}
            if not speakers and home is not None and self.home_body(attribution.source):
                speakers = {home}  # the article's state's own body: its word on its own deal confirms it
            party = bool(speakers & countries)
            speaker = next(iter(speakers), None)
            stance = attribution.stance
            if self.is_media(attribution.source):
                # an outlet reports what others did; only a party's own state media speak for it
                state_media = self.gaz.entries.get(f"media:{attribution.source}")
                own = state_media is not None and state_media.state_affiliated and party
                # a party's own agency reporting its deal is the party's word on it ("KUNA reported")
                stance = ("confirmed" if stance == "claimed" else stance) if own else "claimed"
            elif stance in ("asserted", "confirmed") and self.legislator(attribution.source):
                stance = "claimed"  # "an Iranian MP said": a lawmaker speaks for no government
            elif (
                stance == "claimed"
                and party
                and (attribution.cue or "").lower() in ("according to", *REPORTED)
            ) or (
                stance == "asserted"
                and party
                and (draft.type != "clash" or self.doer(attribution, speakers, draft))
            ):
                # a party that says so vouches for its own deal; each side's account of a fight is its own,
                # but a side telling its own deed ("the army said it had repelled an attack") confirms it
                stance = "confirmed"
            elif stance == "claimed" and draft.type == "clash" and self.doer(attribution, speakers, draft):
                stance = "confirmed"  # "JNIM claimed the attack": the attacker owns its deed
            elif stance in ("asserted", "confirmed") and speaker is not None and countries and not party:
                stance = "claimed"  # a third party saying that others did something reports it
            elif stance == "asserted" and speaker is None and self.anonymous(attribution.source):
                stance = "claimed"  # "a Western security official said": nobody named vouches for it
            elif stance in ("asserted", "confirmed") and not party and self.independent(attribution.source):
                stance = "claimed"  # "Amnesty International said": a watchdog reports what states did
            if stance != attribution.stance:
                draft.attributions[i] = Attribution(
                    attribution.source, stance, attribution.cue, attribution.via
                )

    @staticmethod
    def doer(attribution: Attribution, speakers: set[str], draft: Draft) -> bool:
        """The source is a side whose own deed the clash's clause tells."""
        return attribution.source in draft.doers or bool(speakers & draft.doers)

    def anonymous(self, source: str) -> bool:
        """A source that names nobody: "three people", "sources", "Western diplomats"."""
        return head_word_in(source, self.lex.anonymous_sources, self.lex.source_postmodifiers)

    def independent(self, source: str) -> bool:
        """A think tank or rights group of the gazetteer, which speaks for no state."""
        entry = self.gaz.entries.get(f"organization:{source}")
        return entry is not None and entry.kind in self.lex.independent_bodies

    def legislator(self, source: str) -> bool:
        """A lawmaker by the phrase's last word: "an Iranian MP", "opposition lawmakers"."""
        return head_word_in(source, self.lex.legislator_sources, self.lex.source_postmodifiers)

    def is_media(self, source: str) -> bool:
        """An outlet, by the gazetteer or by the words of the phrase ("Russian media", "the radio")."""
        if f"media:{source}" in self.gaz.entries:
            return True
        if any(f"{kind}:{source}" in self.gaz.entries for kind in ("organization", "company", "person")):
            return False  # "the Danish Defence Materiel and Procurement Agency": a body, not a news agency
        if any(office in source.lower() for office in self.lex.press_offices):
            return False  # "the press service of the ministry": the ministry speaking
        words = {w.lower().strip(".,'’") for w in source.split()}
        if self.lex.names_a_paper(source):
            return True  # "the Fiji Times", "the Jakarta Post": a paper named after its state, not the state
        return bool(words & self.media_words)

    def speaker_countries(self, source: str) -> set[str]:
        """The states a source speaks for, when its name says so (a known person, body or state media, or
        the countries and demonyms of the phrase: "Chadian and Malian officials")."""
        gaz = self.gaz
        for kind in ("person", "organization", "media", "company"):
            entry = gaz.entries.get(f"{kind}:{source}")
            if entry is not None:
                country = entry.country if kind != "media" or entry.state_affiliated else None
                return {country} if country else set()
        entry = next((e for e in gaz.countries.values() if e.name == source), None)
        if entry is not None and entry.country:
            return {entry.country}
        found = set()
        for part in source.replace(",", " and ").split(" and "):
            iso3 = gaz.country_in_text(part)
            if iso3:
                found.add(iso3)
        return found

    def to_event(self, draft: Draft) -> Event:
        roles: dict[str, Any] = {}
        for role, value in draft.roles.items():
            if value is None or role.startswith("_"):
                continue
            if isinstance(value, Item):
                roles[role] = value.name
                if draft.type == "transfer" and value.category:
                    roles["item_category"] = value.category
            elif isinstance(value, Actor):
                roles[role] = value.name
            elif isinstance(value, list):
                roles[role] = [v.name for v in value]
            else:
                roles[role] = value
        if draft.type == "transfer" and "quantity" not in roles and isinstance(draft.roles.get("item"), Item):
            quantity = draft.roles["item"].quantity
            if quantity:
                roles["quantity"] = quantity
        if draft.money is not None and "value" in self.ontology.event_types[draft.type].roles:
            roles["value"] = draft.money.to_dict()
        date = {"start": draft.date, "end": None} if draft.date else None
        event = Event(draft.type, roles, draft.status, date, draft.attributions, draft.evidence)
        event.date_relative = bool(draft.date and draft.date_relative)
        event.features = features(draft, self.vague)
        event.confidence = load_calibration().confidence(event.features)
        return event


def collect_entities(
    doc: Doc, events: list[Event], drafts_actors: list[Actor], gazetteer: Gazetteer
) -> list[EntityRecord]:
    """Every resolved mention outside page clutter, grouped by entity, plus every entity a role names."""
    clutter = doc._.clutter or []
    by_key: dict[tuple[str, str], EntityRecord] = {}
    mention: Mention
    for mention in doc._.mentions or []:
        if any(a <= mention.start_char < b for a, b in clutter):
            continue
        if mention.type == "country":
            name = gazetteer.country_name(mention.country) or mention.name
            if mention.form == "capital":
                key = (doc[mention.start : mention.end].text, "location")
                record = by_key.setdefault(key, EntityRecord(key[0], "location", mention.country))
                record.mentions.append((mention.start_char, mention.end_char))
        else:
            name = mention.name
        key = (name, mention.type)
        record = by_key.setdefault(key, EntityRecord(name, mention.type, mention.country, mention.role))
        record.mentions.append((mention.start_char, mention.end_char))
        record.role = record.role or mention.role
        record.country = record.country or mention.country
    names = {k[0] for k in by_key}
    for actor in drafts_actors:
        if actor.name not in names:
            by_key[(actor.name, actor.type)] = EntityRecord(actor.name, actor.type, actor.country)
            names.add(actor.name)
    for event in events:
        for role in ("location", "destination"):
            value = event.roles.get(role)
            if isinstance(value, str) and value not in names:
                by_key[(value, "location")] = EntityRecord(value, "location", None)
                names.add(value)
    return sorted(by_key.values(), key=lambda e: (min(e.mentions) if e.mentions else (10**9, 0), e.name))
