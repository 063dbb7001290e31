"""Items, quantities and personnel: the weapon systems (catalog names) and generic military items
(lexicon) a sentence names, with their counts and stated origins, and which of them a trigger is about."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from armswatch.extract.clause import ClauseReader
from armswatch.extract.document import mentions_in
from armswatch.extract.model import Item
from armswatch.lexicon import Lexicon
from armswatch.normalise import number_value

NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


class ItemReader:
    def __init__(self, lexicon: Lexicon, clause: ClauseReader) -> None:
        self.lex = lexicon
        self.clause = clause

    def items_in(self, sent: Span) -> list[Item]:
        doc = sent.doc
        items: list[Item] = []
        catalog_tokens: set[int] = set()
        for mention in mentions_in(doc, sent.start, sent.end):
            if mention.type != "weapon_system":
                continue
            head = doc[mention.start : mention.end].root
            # a catalog name before a generic noun ("Rafale fighter jets"): the head is the generic noun
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
            stated = self.origin_modifier(head, mention.start)
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
                    maker=mention.manufacturer,
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
                continue  # a modifier ("tank crews"); "drone strikes" keeps it
            start = first
            origins: set[str] = set()
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and child.i < first:
                    start = min(start, child.left_edge.i if child.dep_ != "poss" else child.i + 1)
                    for sub in child.subtree:
                        modifier = self.clause.mention_at(sub)
                        if modifier and modifier.type == "country" and modifier.country:
                            origins.add(modifier.country)
            origin = origins.pop() if len(origins) == 1 else None  # two demonyms name no single origin
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
        """A demonym or country modifying the item before its name: "Korean-built", "Italian-made"."""
        found: set[str] = set()
        for child in head.lefts:
            if child.i < before and child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                for sub in child.subtree:
                    mention = self.clause.mention_at(sub)
                    if mention is not None and mention.type == "country" and mention.country:
                        found.add(mention.country)
        return found.pop() if len(found) == 1 else None

    def built_by(self, head: Token) -> str | None:
        """ "boats built in Spain", "drones made by a Turkish firm": the origin a participle phrase gives."""
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.lex.origin_verbs:
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by"):
                        for pobj in prep.children:
                            actor = self.clause.actor_of(pobj)
                            if actor is not None and actor.country:
                                return actor.country
        return None

    def generic_at(self, token: Token) -> tuple[str, int] | None:
        """The generic item whose last word is this token: (category, index of its first word)."""
        doc = token.doc
        if token.ent_type_ in NAMED_ENTITY_LABELS or token.ent_type_.startswith("AW_"):
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
        words = [
            c for c in noun.children if c.dep_ == "nummod" and c.i < noun.i
        ]  # not a model number after it
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
            and self.clause.mention_at(t) is None
        ]

    @staticmethod
    def doc_of(items: list[Item]) -> Doc | None:
        return items[0].doc if items and items[0].doc is not None else None

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
        if head.dep_ == "pobj" and head.head.dep_ == "prep":  # "of X and of Y"
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

    def nearest_item(self, token: Token, items: list[Item]) -> Item | None:
        if not items:
            return None
        linked = [it for it in items if self.clause.linked(token, it.head)]
        pool = linked or items
        doc = token.doc

        def is_target(it: Item) -> bool:  # "used jammers against drones": the drones are the target
            head = doc[it.head]
            return head.dep_ == "pobj" and head.head.lower_ in ("against", "on", "at")

        return min(
            pool, key=lambda it: (is_target(it), not it.catalog if linked else 0, abs(it.head - token.i))
        )
