"""Items, quantities and personnel: the weapon systems (catalog names) and generic military items
(lexicon) a sentence names, with their counts and stated origins, and which of them a trigger is about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from armswatch.extract.clause import ClauseReader
from armswatch.extract.document import mentions_in, paragraph_index
from armswatch.extract.model import Item
from armswatch.gazetteer import Entry
from armswatch.lexicon import Lexicon
from armswatch.normalise import number_value
from armswatch.resolve import Mention

NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# words that end a list of items: a new clause starts
LIST_BREAKERS = frozenset(
    {
        "which",
        "that",
        "who",
        "whose",
        "while",
        "whereas",
        "but",
        "because",
        "after",
        "before",
        "when",
        "although",
        "though",
        "since",
        "if",
        "unless",
        "where",
    }
)
# prepositions whose object is what an item is for or part of, not the next entry of a list
# "the jets", "those jets": determiners that point back to what was named before
DEFINITE_DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
OBJECT_PREPS = frozenset(
    {"for", "of", "on", "at", "against", "into", "onto", "over", "under", "aboard", "like"}
)
# words that qualify a count ("more than 3,000", "some 250", "up to 12")
COUNT_QUALIFIERS = frozenset(
    {
        "more",
        "than",
        "some",
        "about",
        "around",
        "nearly",
        "over",
        "almost",
        "roughly",
        "approximately",
        "up",
        "to",
        "at",
        "least",
        "fewer",
        "less",
        "under",
        "only",
    }
)


def written_name(item: Item) -> str:
    """An item's catalog name and the words the text wrote it with, in lower case."""
    written = item.name.lower()
    if item.doc is not None:
        written += " " + item.doc[item.start : item.end].text.lower()
    return written


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
            head = self.phrase_head(doc[mention.start : mention.end].root, mention.end)
            catalog_tokens.update(range(mention.start, head.i + 1))
            quantity, dative = self.count_and_dative(head, mention.start)
            stated = self.origin_modifier(head, mention.start, dative)
            entry = self.clause.entry_of(mention)
            items.append(
                Item(
                    mention.name,
                    mention.category,
                    head.i,
                    mention.start,
                    max(mention.end, head.i + 1),
                    origin=stated
                    or self.built_by(head, at=False)
                    or self.partner_named(mention, doc)
                    or mention.country,
                    catalog=True,
                    quantity=quantity,
                    maker=mention.manufacturer,
                    domestic=self.domestic(head),
                    dative=dative,
                    doc=doc,
                    family=entry.family if entry else None,
                )
            )
        for token in sent:
            if token.i in catalog_tokens:
                continue
            if (
                token.pos_ not in ("NOUN", "PROPN")
                and not self.listed_noun(token)
                and self.compound_name_end(token) is None  # "the frigate TCG X", the noun tagged an adjective
            ):
                continue
            generic = self.generic_at(token) or self.given_to_forces(token)
            match = generic or self.short_named_unit(token)
            if match is None:
                continue
            if any(
                t.i in catalog_tokens
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for t in p.children
            ):
                continue  # "ten batteries of Cheongung-II": units of the system named after them
            category, first = match
            if self.people(token):
                continue  # "Al-Shabaab fighters", "foreign fighters": people, not jets
            if category == "ammunition" and self.cleared(token):
                continue  # "teams working to clear mines and unexploded ordnance": demining, no arms
            named_end = self.own_name_end(token)
            if (
                named_end is None
                and token.dep_ in ("compound", "amod", "nmod")
                and not self.listed_noun(token)
                and token.head.pos_ in ("NOUN", "PROPN")
                and token.head.i > token.i
                and token.head.lemma_.lower() not in self.lex.noun_triggers
            ):
                continue  # a modifier ("tank crews"); "drone strikes" keeps it
            start = first
            quantity, dative = self.count_and_dative(token, first)
            for child in token.lefts:
                if child.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and child.i < first:
                    start = min(start, child.left_edge.i if child.dep_ != "poss" else child.i + 1)
            commas = [t.i for t in doc[start:first] if t.text in (",", ";")]
            if commas:
                start = commas[-1] + 1  # a list's entries are their own phrases ("a frigate, four corvettes")
            origin = self.origin_modifier(token, first, dative) or self.made_of(token)
            if dative is not None:
                # "sold Chile six boats" parsed as one phrase: the country is no name part, nor the rest
                # of the recipient's phrase ("gave Tajikistan's interior ministry 100 patrol cars")
                counts = [t.i for t in doc[start:first] if t.like_num or t.lower_ in self.lex.number_words]
                start = max(
                    start,
                    counts[0]
                    if counts
                    else next((t.i + 1 for t in doc[start:first] if self.is_country_name(t)), start),
                )
            calibre = {
                t.i for u in doc[start:first] if u.lower_ in self.lex.calibre_units for t in self.calibre(u)
            }
            start = min([start, *calibre])  # "152mm ammunition": the calibre's number is part of the name
            while (
                start < first
                and start not in calibre
                and (
                    doc[start].dep_ in ("det", "nummod", "predet", "case", "punct", "quantmod")
                    or doc[start].like_num
                    or doc[start].lower_ in self.lex.number_words
                    or doc[start].lower_ in self.lex.name_skip_words
                )
            ):
                start += 1
            if start < first and doc[start].dep_ == "poss":
                start += 1
            end = named_end or token.i + 1
            if named_end is not None and quantity is None and token.tag_ not in ("NNS", "NNPS"):
                quantity = 1  # one vessel, named
            words: list[str] = []
            for t in doc[start:end]:
                if t.like_num and t.i not in calibre:
                    continue
                if words and t.i - 1 in calibre and not doc[t.i - 1].whitespace_:
                    words[-1] += t.text  # "155mm", "240-mm" as written
                else:
                    words.append(t.text)
            name = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-").strip()
            if not name:
                continue
            item = Item(
                name,
                category,
                token.i,
                start,
                end,
                origin=origin or self.built_by(token),
                quantity=quantity,
                domestic=self.domestic(token),
                dative=dative,
                doc=doc,
            )
            # the name may hang on the phrase's first word ("Akash surface-to-air missiles")
            before = start - 1 if start > sent.start and start <= doc[start - 1].head.i < end else start
            system = self.short_named(doc[before:first], category)
            if system is not None:  # "Akash surface-to-air missile systems": the catalog's Akash
                item = replace(
                    item,
                    # "54 Fuchs vehicles": a unit noun names no kind, so the words written stay the name
                    name=system.name if generic is not None else item.name,
                    category=system.category,
                    origin=item.origin or system.country,
                    catalog=True,
                    maker=system.manufacturer,
                )
            items.append(item)
        items += self.vessels_named(sent, items)
        items = [self.as_parts(it) for it in items]
        return [
            replace(it, example=True) if self.example(doc[it.head]) else it
            for it in self.without_overlaps(items)
        ]

    def followed_by(self, item: Item, trigger: Token) -> Token | None:
        """The participle "followed" whose "by" names the item after a deal of the trigger's ("received its
        first TB2 drones in 2021, followed by Akinci drones last year"): a later deal of the same sides."""
        head = trigger.doc[item.head]
        agent = head.head
        follower = agent.head
        if not (head.dep_ == "pobj" and agent.dep_ == "agent" and follower.lemma_.lower() == "follow"):
            return None
        return follower if follower.tag_ == "VBN" and follower.head.i == trigger.i else None

    def part_or_vague(self, item: Item) -> bool:
        """An item that says no system: "weapons", "equipment", "spare parts"."""
        if item.name.lower() in self.lex.vague_items:
            return True
        word = item.doc[item.head].lemma_.lower() if item.doc is not None else item.name.lower()
        return item.category == "other" and not item.catalog and word in self.lex.part_nouns

    def as_parts(self, item: Item) -> Item:
        """ "components for ballistic missiles", "engines for cruise missiles": parts of a weapon are what is
        traded, named as written with what they are for."""
        doc = item.doc
        if doc is None:
            return item
        head = doc[item.head]
        prep = head.head if head.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep" or prep.lower_ not in ("for", "of"):
            return item
        part = prep.head
        if part.lemma_.lower() not in self.lex.part_nouns and prep.i > 0:
            part = doc[prep.i - 1]  # "delivered engines for X drones": the parser may hang "for" on the verb
        if part.pos_ != "NOUN" or part.lemma_.lower() not in self.lex.part_nouns:
            return item
        start = min([c.i for c in part.children if c.dep_ in ("amod", "compound")] + [part.i])
        return replace(
            item,
            name=doc[start : item.end].text,
            head=part.i,
            start=start,
            catalog=False,
            quantity=self.count_of(part),
            maker=None,
            family=None,
        )

    def vessels_named(self, sent: Span, found: list[Item]) -> list[Item]:
        """ "HMS Prince of Wales arrived in Darwin", "the flagship, USS Minnesota": a name after a navy's
        prefix is one ship, the item, when no item phrase holds it already."""
        doc = sent.doc
        taken = {i for it in found for i in range(it.start, it.end)}
        out: list[Item] = []
        for token in sent:
            if token.text not in self.lex.vessel_prefixes or token.i in taken or token.i + 1 >= sent.end:
                continue
            end = token.i + 1
            while end < sent.end and (
                doc[end].pos_ == "PROPN"
                or doc[end].like_num
                or (
                    doc[end].text in ("of", "-")
                    and end + 1 < sent.end
                    and doc[end + 1].pos_ in ("PROPN", "NUM")
                )
            ):
                end += 1
            if end == token.i + 1 or any(i in taken for i in range(token.i, end)):
                continue
            if all(doc[i].like_num for i in range(token.i + 1, end)):
                continue  # "exports under HS 8806": a tariff heading, no ship
            span = doc[token.i : end]
            name = span.text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
            out.append(Item(name, "ship", span.root.i, token.i, end, quantity=1, doc=doc))
        return out

    def own_name_end(self, token: Token) -> int | None:
        named = self.appended_name_end(token)
        if named is not None:
            return named
        return self.compound_name_end(token)

    def appended_name_end(self, token: Token) -> int | None:
        """ "the patrol vessel HNoMS Tyr" parsed with the name in apposition: the end of a name that follows
        the class noun at once (no comma) and starts with a navy's prefix."""
        for child in token.rights:
            if child.dep_ != "appos" or child.pos_ != "PROPN":
                continue
            first = child.left_edge
            if first.i == token.i + 1 and first.text in self.lex.vessel_prefixes:
                return child.i + 1
        return None

    def compound_name_end(self, token: Token) -> int | None:
        """ "the corvette INS Kirpan", "the frigate HMS Trent": a lower-case class noun before the proper name
        of one vessel or aircraft is the item, named; the end of that name. Company and place names are
        not such names ("Missile Corporation", "Drone Valley")."""
        head = token.head
        while head.dep_ == "compound" and head.pos_ == "PROPN" and head.head.i > head.i:
            head = head.head  # "the frigate HNLMS Texel" parsed as a modifier of the prefix
        if not (
            token.dep_ in ("compound", "amod")
            and token.is_lower
            and head.pos_ == "PROPN"
            and head.i > token.i
        ):
            return None
        if head.text in self.lex.vessel_prefixes and head.i == token.i + 1:  # the name in apposition
            named = next((c for c in head.rights if c.dep_ == "appos" and c.i == head.i + 1), None)
            return named.i + 1 if named is not None else None
        between = token.doc[token.i + 1 : head.i]
        vessel = len(between) > 0 and between[0].text in self.lex.vessel_prefixes
        if token.dep_ == "amod" and not vessel:
            return None
        # warships are often named after places ("the frigate Hessen", "the destroyer Kolkata"); a state
        # never names one here
        ship_named_for_place = (
            head.ent_type_ in ("GPE", "LOC", "AW_LOCATION")
            and (self.generic_at(token) or ("", 0))[0] == "ship"
        )
        if (
            not vessel
            and not ship_named_for_place
            and (head.ent_type_ in ("ORG", "GPE", "LOC", "NORP") or head.ent_type_.startswith("AW_"))
        ):
            return None
        if any(t.pos_ != "PROPN" or t.dep_ != "compound" or t.ent_type_.startswith("AW_") for t in between):
            return None
        return head.i + 1

    @staticmethod
    def listed_noun(token: Token) -> bool:
        """A noun of a list the tagger took for an adjective ("jets, a frigate, four corvettes")."""
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return (
            token.pos_ == "ADJ"
            and following is not None
            and following.text in (",", ";")
            and any(t.text == "," for t in token.doc[max(token.i - 3, 0) : token.i])
        )

    def example(self, head: Token) -> bool:
        """ "drones such as the TB2 and the Anka", "jets like the F-16": examples of the item named before."""
        node = head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        prep = node.head if node.dep_ == "pobj" else None
        return prep is not None and (
            (prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))
            or (prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")
            or prep.lower_ == "like"
            # "30 pieces of engineering equipment, including bulldozers": parts of the item named before
            # ("a package for Ukraine, including Javelins and Stingers" lists the deal's own items)
            or (
                prep.lower_ == "including"
                and prep.head.pos_ in ("NOUN", "PROPN")
                and prep.head.lemma_.lower() not in self.lex.deal_nouns
            )
        )

    def included(self, item: Item, items: list[Item], trigger: Token) -> list[Item]:
        """The items an "including" phrase on the item or its verb lists ("weapons, including 18 tanks and a
        Patriot battery")."""
        doc = trigger.doc
        holders = [doc[item.head], trigger]
        # the parser may hang the phrase after the item on the verb's subject ("Russia supplied weapons to
        # Mali in 2022, including Mi-24 helicopters")
        holders += [c for c in trigger.children if c.dep_ == "nsubj" and c.i < item.head]
        listed = {
            t.i
            for h in holders
            for p in h.children
            if p.dep_ == "prep" and p.lower_ == "including" and (h in holders[:2] or p.i > item.head)
            for o in p.children
            if o.dep_ == "pobj"
            for t in self.clause.with_conjuncts(o)
        }
        return [it for it in items if it.head in listed]

    @staticmethod
    def apposition(generic: Item, named: Item) -> bool:
        """ "the X-6, a light drone": a generic phrase in apposition to a catalog name is that item, also
        when the name is a modifier of the apposed phrase ("its only submarine, the Kilo-class UMS X")."""
        doc = generic.doc
        if doc is None:
            return False
        g, n = doc[generic.head], doc[named.head]
        while n.dep_ in ("compound", "amod", "nmod") and n.head.i > n.i:
            n = n.head
        if not ((g.dep_ == "appos" and g.head.i == n.i) or (n.dep_ == "appos" and n.head.i == g.i)):
            return False
        if generic.category != named.category or any(c.dep_ == "conj" for c in g.children):
            return False  # "Rafale jets, four corvettes and two carriers": a list the parser took as one
        first, second = (named, generic) if named.start < generic.start else (generic, named)
        gap = doc[first.end : second.start]  # ", a", ", the": next to each other, not a list of several
        return len(gap) <= 3 and any(t.text == "," for t in gap) and not any(t.like_num for t in gap)

    def without_overlaps(self, items: list[Item]) -> list[Item]:
        """A generic phrase that holds a catalog name ("Gripen new and second-hand fighter jets") is that
        catalog item: the generic reading goes, its count stays with the catalog item."""
        catalog = [it for it in items if it.catalog]
        out: list[Item] = []
        for it in items:
            # a catalog name inside the phrase, or right after it ("two transport aircraft C-390")
            inside = next(
                (
                    c
                    for c in catalog
                    if not it.catalog
                    and (
                        it.start <= c.start < it.head
                        or c.start == it.end
                        or (c.end == it.start and (c.head == it.head or c.category == it.category))
                        or self.apposition(it, c)
                    )
                ),
                None,
            )
            if inside is None:
                out.append(it)
            else:  # the generic phrase's count and head go to the catalog item ("X drones": the drones)
                moved = replace(
                    inside, quantity=inside.quantity or it.quantity, head=max(it.head, inside.head)
                )
                catalog[catalog.index(inside)] = moved
                if inside in out:
                    out[out.index(inside)] = moved
                else:
                    items[items.index(inside)] = moved
        return out

    def pronoun_items(self, sent: Span, items: list[Item]) -> list[Item]:
        """ "it was sold to X", "they were delivered", "X also bought the system": a pronoun (or a unit noun)
        moved by a transfer verb stands for the item named last in the sentences before it (a catalog name
        first; only a catalog name for a unit noun)."""
        out: list[Item] = []
        for token in sent:
            # "also bought the system": a unit noun that refers back, as a pronoun does, to a catalog system
            unit = token.lemma_.lower() in self.lex.unit_nouns and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those")
                for c in token.children
            )
            # "Singapore ordered 12 in 2010": a bare count moved by the verb is that many of the system
            counted = (
                token.dep_ == "dobj"
                and token.pos_ == "NUM"
                and token.like_num
                and not is_year(token)
                and token.ent_type_ == "CARDINAL"  # not "paid about $1.4 billion"
                and not any(c.dep_ == "prep" for c in token.children)  # "100 of the stealth jets" names them
            )
            if not (token.lower_ in ("it", "they", "them") or unit or counted) or token.dep_ not in (
                "nsubjpass",
                "dobj",
                "nsubj",
            ):
                continue
            head = token.head
            if head.pos_ != "VERB" or not self.lex.is_transfer_verb(head.lemma_):
                continue
            if token.dep_ == "nsubj" and not any(
                t.direction == "item" for t in self.lex.verb_triggers.get(head.lemma_.lower(), ())
            ):
                continue  # "it bought": the pronoun is the buyer, not the thing bought
            if any(self.clause.linked(head, it.head) for it in items):
                continue
            # "Three JF-17s were delivered in 2021, five years after they were ordered": the system the
            # sentence named before the pronoun, else the one named in the sentences before
            named = [it for it in items if it.catalog and it.end <= token.i]
            earlier = named[-1] if named else self.antecedent_item(sent)
            if earlier is not None and (earlier.catalog or not (unit or counted)):
                quantity = number_value([token.text]) if counted else None
                out.append(replace(earlier, head=token.i, start=token.i, end=token.i + 1, quantity=quantity))
        return out

    def named_back(self, sent: Span, items: list[Item]) -> list[Item]:
        """ "Start with the F-35. Turkey had committed to buying 100 of the stealth jets": a definite generic
        item in a sentence that names no system is the system of its kind named just before."""

        def subordinate(it: Item) -> bool:  # "... after a Chinese JF-17 offer was turned down"
            return self.clause.in_subordinate(sent.doc[it.head])

        def aside(it: Item) -> bool:
            # "..., escorted by a KC-390 tanker": a system in a participle's phrase, or "them" for one
            # named before, is no system the sentence itself names
            head = sent.doc[it.head]
            return (
                subordinate(it)
                or head.pos_ in ("PRON", "NUM")  # "them", or a bare count ("ordered 24") for one named before
                or any(a.dep_ in ("acl", "advcl") and a.tag_ in ("VBN", "VBG") for a in head.ancestors)
            )

        if not items:
            return items
        if any(it.catalog and not aside(it) for it in items):
            return self.named_before_in_sentence(sent, items)
        out: list[Item] = []
        earlier: Item | None = None
        for item in items:
            head = sent.doc[item.head]
            if (
                item.origin is None
                and not item.catalog
                and not subordinate(item)
                and (
                    any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children)
                    or self.counted_unsourced(item, sent)
                )
                and not any(c.tag_ in ("JJS", "RBS") for c in head.subtree)  # "the best tanks in Europe"
            ):
                earlier = earlier or self.antecedent_item(sent)
                # "ordering ten batteries" after an air-defence system is named: units of that system
                units_of = head.lemma_.lower() in self.lex.launcher_nouns and (
                    earlier is not None and earlier.category in self.lex.launcher_categories
                )
                if (
                    earlier is not None
                    and earlier.catalog
                    and (self.same_kind(item, earlier, sent.doc) or units_of)
                    and not self.named_otherwise(item, earlier, sent.doc)
                    and not (
                        self.counted_unsourced(item, sent)
                        and self.described_otherwise(item, earlier, sent.doc)
                    )
                ):
                    item = self.standing_for(item, earlier)
            out.append(item)
        return out

    def named_before_in_sentence(self, sent: Span, items: list[Item]) -> list[Item]:
        """ "Laos received four Yak-130s from Russia, and Bangladesh, which ordered 16 of the jets in 2014,
        ...": a definite generic item is the system of its kind the same sentence named before it."""
        out: list[Item] = []
        for item in items:
            head = sent.doc[item.head]
            named = [it for it in items if it.catalog and it.end <= item.start]
            # "12 aircraft (F-16 Block 50)": a phrase the system after it names
            after = any(it.catalog and item.end <= it.start <= item.end + 1 for it in items)
            if (
                named
                and not after
                and not item.catalog
                and item.origin is None
                and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children)
                and not any(c.tag_ in ("JJS", "RBS", "JJR") for c in head.subtree)  # "the older jets"
                and self.same_kind(item, named[-1], sent.doc)
                and not self.named_otherwise(item, named[-1], sent.doc)
            ):
                item = self.standing_for(item, named[-1])
            out.append(item)
        return out

    @staticmethod
    def standing_for(item: Item, system: Item) -> Item:
        """A generic item read as the catalog system it stands for, with its own place, count and dative."""
        return replace(
            system,
            head=item.head,
            start=item.start,
            end=item.end,
            quantity=item.quantity,
            dative=item.dative,
            example=False,
        )

    def same_kind(self, item: Item, earlier: Item, doc: Doc) -> bool:
        """A generic item that can stand for a system named before: one of its category, or a word for any
        flying thing, counted ("its first eight aircraft" after a trainer jet; "discussed the aircraft" may
        be any)."""
        if earlier.category == item.category:
            return True
        return (
            item.quantity is not None
            and doc[item.head].lemma_.lower() in self.lex.flying_nouns
            and earlier.category in self.lex.flying_categories
            and item.category == "other"
        )

    def named_otherwise(self, item: Item, earlier: Item, doc: Doc) -> bool:
        """ "12 Typhoons ... India signed for 66 Hawk advanced jet trainers": the phrase's own proper name,
        which is no state's and no part of the system named before, names another system."""
        written = written_name(earlier)
        return any(
            # a name, or a model's designation the tagger reads as a noun ("three ERJ-145 jets")
            (t.pos_ == "PROPN" or (any(c.isdigit() for c in t.text) and any(c.isupper() for c in t.text)))
            and t.ent_type_ not in ("GPE", "NORP", "LOC")
            and self.clause.mention_at(t) is None
            and t.lower_ not in written
            for t in doc[item.start : item.head]
        )

    @staticmethod
    def described_otherwise(item: Item, earlier: Item, doc: Doc) -> bool:
        """ "12 Arafura-class offshore patrol vessels ... Bulgaria signed for two multi-purpose modular patrol
        vessels": a counted phrase whose own describing words the system named before does not have."""
        written = written_name(earlier)
        return any(
            t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "NOUN", "VERB") and t.lower_ not in written
            for t in doc[item.start : item.head]
            if not t.like_num
        )

    def counted_unsourced(self, item: Item, sent: Span) -> bool:
        """ "The K9 ... Norway signed for 24 howitzers in 2017": a counted plural of a kind, with no article
        and no seller named in its sentence, is more of the system just named (as "the howitzers" is)."""
        head = sent.doc[item.head]
        # "signed for eight aircraft": a noun whose plural is its singular, counted more than once as what is
        # bought, is a plural ("brought the fleet to ten aircraft" tells a total)
        bought = head.dep_ in ("dobj", "nsubjpass") or (
            head.dep_ == "pobj" and head.head.lower_ in ("for", "of")
        )
        plural = head.tag_ in ("NNS", "NNPS") or (bought and item.quantity is not None and item.quantity > 1)
        if item.quantity is None or not plural or any(c.dep_ == "det" for c in head.children):
            return False
        return not any(
            m.type in ("country", "company")
            and self.name_holder(sent.doc[m.start : m.end].root).head.lower_
            in ("from", "by")  # "from Spain", "to be built by the MTG Dolphin yard"
            for m in mentions_in(sent.doc, sent.start, sent.end)
        )

    @staticmethod
    def name_holder(token: Token) -> Token:
        """The noun a name modifies ("the MTG Dolphin yard": yard), else the name itself."""
        while token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i != token.i:
            token = token.head
        return token

    def antecedent_item(self, sent: Span) -> Item | None:
        doc = sent.doc
        previous = sent
        for _ in range(2):
            if previous.start == 0:
                return None
            previous = doc[previous.start - 1].sent
            found = self.items_in(previous)
            if found:
                catalog = [it for it in found if it.catalog]
                if catalog:
                    return catalog[-1]
                generic = found[-1]  # "the Swedish fighter jets": the catalog name it stood for, if close
                named = self.antecedent_item(previous)
                if named is not None and named.catalog and self.same_kind(generic, named, doc):
                    return named
                return generic
        return None

    def cleared(self, token: Token) -> bool:
        """Mines or ordnance told as what is cleared ("to clear mines and unexploded ordnance", "the removal
        of mines"): the first entry of a list decides for the rest."""
        first = token
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        words = self.lex.clearance_words
        if any(
            c.lemma_.lower() in words or c.lower_ in words
            for c in first.children
            if c.dep_ in ("amod", "compound")
        ):
            return True  # "clear mines" (the parser takes the verb for an adjective)
        governor = first.head.head if first.dep_ == "pobj" and first.head.lower_ == "of" else first.head
        return first.dep_ in ("dobj", "pobj") and (
            governor.lemma_.lower() in words or governor.lower_ in words
        )

    def people(self, token: Token) -> bool:
        """A word that is an aircraft or a person ("fighters") names people when an armed group, a people
        word or "foreign" goes with it ("Al-Shabaab fighters", "fighters of the armed group")."""
        if token.lemma_.lower() not in self.lex.people_or_weapon:
            return False
        owners = [  # "fighters of the Islamic State West Africa Province"
            t
            for p in token.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for t in p.children
            if t.dep_ == "pobj"
        ]
        for child in [*token.lefts, *(c for c in token.children if c.dep_ == "poss"), *owners]:
            if child.dep_ == "poss" and child.pos_ == "PRON":  # "its fighters": the group named before
                earlier = self.clause.antecedent(child, "armed_group")
                if earlier is not None and earlier.type == "armed_group":
                    return True
            for sub in child.subtree:
                mention = self.clause.mention_at(sub)
                if mention is not None and mention.type in ("armed_group", "person", "organization"):
                    return True
                if sub.lemma_.lower() in self.lex.armed_group_nouns or sub.lower_ in (
                    "foreign",
                    "islamist",
                    "kurdish",
                ):
                    return True
        return any(
            c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.subtree) for c in token.children
        )

    def phrase_head(self, root: Token, end: int) -> Token:
        """The head noun of the phrase a catalog name stands in: "X fighter jets", "Y air defence systems"
        (the generic noun or counting noun after the name), but not "X deal" or "X fleet"."""
        head = root
        while (
            head.dep_ in ("compound", "nmod", "amod", "npadvmod", "nummod")
            and head.head.i > head.i
            and head.head.i - end <= 6  # "Cheongung-II medium-range air defence system"
            and head.head.pos_ in ("NOUN", "PROPN")
            and (
                self.generic_at(head.head) is not None
                or head.head.lemma_.lower() in self.lex.unit_nouns
                or head.head.i < end
            )
        ):
            head = head.head
        return head

    def partner_named(self, mention: Mention, doc: Doc) -> str | None:
        """For a consortium's product, the state of the partner company its paragraph names nearest before it
        ("the Typhoons it ordered from Italy's Leonardo"), else after it, else a partner state before it in
        its sentence, else the partner company the article names elsewhere; None when it names none."""
        entry = self.clause.gaz.entries.get(mention.key or "")
        if entry is None or not entry.partners:
            return None
        paragraph = paragraph_index(doc, mention.start_char)
        built_in = self.partner_works(doc, paragraph, entry.partners)
        if built_in is not None:
            return built_in  # "from the Airbus final assembly line in Seville, Spain": where it was built
        partners = [m for m in (doc._.mentions or []) if m.type == "company" and m.country in entry.partners]
        companies = [m for m in partners if paragraph_index(doc, m.start_char) == paragraph]
        before = [m for m in companies if m.start < mention.start]
        chosen = before[-1] if before else (companies[0] if companies else None)
        if chosen is None:
            # "Britain is still negotiating the sale of 48 more Eurofighter Typhoons": a partner state, or its
            # minister, named before the product in its sentence sells it
            sent = doc[mention.start].sent
            states = [
                m
                for m in mentions_in(doc, sent.start, mention.start)
                if m.type in ("country", "person") and m.country in entry.partners and m.form != "dateline"
            ]
            chosen = states[-1] if states else None
        if chosen is None:
            # the article's own partner company, wherever it names it (an obituary of a BAE salesman),
            # before the catalog's lead partner
            before = [m for m in partners if m.start < mention.start]
            chosen = before[-1] if before else (partners[0] if partners else None)
        return chosen.country if chosen is not None else None

    def partner_works(self, doc: Doc, paragraph: int, partners: tuple[str, ...]) -> str | None:
        """The partner state whose works a paragraph says a consortium's product came from: "its delivery
        flight from the final assembly line in Seville, Spain"."""
        for token in doc:
            if token.lemma_.lower() in self.lex.plant_nouns and paragraph_index(doc, token.idx) == paragraph:
                state = self.clause.works_state(token)
                if state in partners:
                    return state
        return None

    def short_named_unit(self, token: Token) -> tuple[str, int] | None:
        """A unit noun named by a catalog system's short name ("129 Redback vehicles", "two Caesar
        systems"): (the system's category, the noun's index), so the short name is read as that system."""
        if token.lemma_.lower() not in self.lex.unit_nouns or token.tag_ not in ("NNS", "NN"):
            return None
        # the word just before it, hanging on it ("Fuchs-2 vehicles" is a variant the short name would drop)
        name = token.nbor(-1) if token.i > 0 else None
        if name is None or name.head.i != token.i or name.dep_ not in ("compound", "amod", "nmod"):
            return None
        gaz = self.clause.gaz
        key = gaz.short_names.get(name.text)
        system = gaz.entries.get(key) if key else None
        return (system.category, token.i) if system is not None and system.category else None

    def short_named(self, modifiers: Span, category: str) -> Entry | None:
        """The catalog system a generic phrase's proper-noun modifier names by its short name, when its
        category agrees with the noun's ("Akash surface-to-air missile systems", "Pinaka launchers")."""
        gaz = self.clause.gaz
        for t in modifiers:
            if (
                t.pos_ != "PROPN"
                # a state, a place or a body; but a system's name may be read as a person's
                or t.ent_type_ in ("GPE", "NORP", "LOC")
                or getattr(self.clause.mention_at(t), "type", "person") != "person"
                or t.lower_ in self.lex.force_nouns
            ):
                continue
            key = gaz.short_names.get(t.text)
            system = gaz.entries.get(key) if key else None
            if system is not None and (
                system.category == category or {system.category, category} <= self.lex.alike_categories
            ):
                return system
        return None

    def domestic(self, head: Token) -> bool:
        """ "locally built", "indigenous", "home-grown": an item of the user's own making, no transfer."""
        words = {t.lower_ for t in head.lefts for t in t.subtree} | {
            t.lower_ for c in head.children if c.dep_ in ("acl", "amod") for t in c.subtree
        }
        return bool(words & self.lex.domestic_words)

    def for_civilian_use(self, noun: Token) -> bool:
        """A noun a civilian use describes ("agricultural drones", "relief supplies"): no arms."""
        return any(
            c.dep_ in ("amod", "compound") and c.lower_ in self.lex.civilian_use_words for c in noun.lefts
        )

    def origin_modifier(self, head: Token, before: int, dative: str | None = None) -> str | None:
        """A demonym or country modifying the item before its name: "Korean-built", "Italian-made" (not a
        recipient the parse folded into the phrase, and not two of them: "Indo-Russian" names no origin)."""
        found = self.states_in(
            c for c in head.lefts if c.i < before and c.dep_ in ("amod", "compound", "nmod", "npadvmod")
        )
        found.discard(dative or "")
        return found.pop() if len(found) == 1 else None

    def made_of(self, head: Token) -> str | None:
        """ "vehicles of Canadian manufacture", "rifles of Russian origin": the state its "of" phrase says
        it is made in."""
        found = self.states_in(
            c
            for obj in self.clause.prep_objects(head, "of")
            if obj.lemma_.lower() in self.lex.making_nouns
            for c in obj.children
            if c.dep_ in ("amod", "compound", "nmod")
        )
        return found.pop() if len(found) == 1 else None

    def states_in(self, modifiers: Iterable[Token]) -> set[str]:
        """The states named anywhere in these modifiers' phrases."""
        return {
            m.country
            for c in modifiers
            for sub in c.subtree
            if (m := self.clause.mention_at(sub)) is not None and m.type == "country" and m.country
        }

    def is_country_name(self, token: Token) -> bool:
        mention = self.clause.mention_at(token)
        return mention is not None and mention.type == "country" and mention.form in ("name", "capital")

    def count_and_dative(self, noun: Token, before: int) -> tuple[int | None, str | None]:
        """The count of an item phrase, read from the numbers before its name ("six", "two dozen", "more than
        3,000", "some 250"), and a country the parse folded into the phrase before that count ("sold
        Chile six boats"): the recipient of a double-object verb, not the item's origin."""
        doc = noun.doc
        left = noun.left_edge.i
        count = doc[left - 1] if left > 0 else None
        if (
            count is not None
            and count.like_num
            and count.head.i == count.i - 1
            and count.head.dep_ == "dative"
            and self.is_country_name(count.head)
        ):
            left = count.head.i  # "sold Hungary 44 Leopard 2 tanks", the count hung on the recipient
        run: list[Token] = []
        at = before - 1
        while at >= left:
            token = doc[at]
            if not run and token.lower_ in self.lex.calibre_units:
                at = self.calibre(token)[0].i - 1  # "twelve 155 mm howitzers": the 155 is no count
                continue
            if self.counting_word(token) and not self.model_number(token):
                run.insert(0, token)
            elif run and at > left and self.joins_number(token, doc[at - 1]):
                run.insert(0, token)  # "ninety-six", "five hundred and fifty"
            elif run or token.dep_ in ("det", "poss") or self.is_country_name(token):
                break
            at -= 1
        while len(run) > 1 and is_year(run[0]):
            run.pop(0)  # "in 2018 eight jets": the year is no part of the count
        quantity: int | None = None
        numbers = [t for t in run if t.like_num or t.lower_ in self.lex.number_words]
        if run and run[0].i > left and doc[run[0].i - 1].lower_ in self.lex.vague_counts:
            numbers = []  # "a few dozen drones", "several hundred rifles": no count
        if numbers:
            value = number_value([t.text for t in run])
            if value is None:
                value = number_value([numbers[-1].text])
            if value is not None and not (1900 <= value <= 2100 and is_year(numbers[-1])):
                quantity = value
        if quantity is None and not (run and not numbers):
            quantity = self.count_of(noun)
        dative: str | None = None
        first = run[0].i if run and quantity is not None else None
        if first is not None:
            for token in doc[left:first]:
                mention = self.clause.mention_at(token)
                if (
                    mention is not None
                    and mention.type == "country"
                    and mention.form in ("name", "capital")  # "gave Kyiv 31 tanks"
                    and mention.country
                ):
                    dative = mention.country
        return quantity, dative

    def counting_word(self, token: Token) -> bool:
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and not doc[token.i + 2].like_num:
            # "a 62-metre ship", "a 4,000-tonne frigate", "second-hand jets", "four-engine airlifters": a
            # size or a kind, not a count
            return False
        low = token.lower_.replace(",", "")
        return (
            token.like_num
            or low in self.lex.number_words
            or low in ("dozen", "hundred", "thousand", "dozens", "hundreds", "thousands")
            or (low in COUNT_QUALIFIERS)
        ) and low not in ("a", "an")

    @staticmethod
    def model_number(token: Token) -> bool:
        """A number that is part of a model name ("Type 26", "Block 70", "Leopard 2"), not a count."""
        prev = token.doc[token.i - 1] if token.i > 0 else None
        # a lower-case word the tagger calls a name ("gave X's interior ministry 100 trucks") names no model
        if prev is None or prev.pos_ != "PROPN" or not prev.text[:1].isupper():
            return False
        # nor does the end of a long name ("gave Tajikistan's Ministry of Internal Affairs 100 patrol cars")
        named = next((e for e in token.doc.ents if e.start <= prev.i < e.end), None)
        # nor does a state or its capital ("sold Athens 24 jets")
        return not prev.ent_type_.startswith(("AW_COUNTRY", "AW_CAPITAL")) and not (
            named is not None and len(named) >= 3 and not named.label_.startswith("AW_")
        )

    def built_by(self, head: Token, at: bool = True) -> str | None:
        """ "boats built in Spain", "drones made by a Turkish firm": the origin a participle phrase gives,
        also after names in apposition ("two vessels, NNS Kano and NNS Lokoja, built by Turkey's Dearsan");
        with `at`, also the yard or plant ("a frigate built at Russia's Yantar shipyard"), which for a
        catalogued system may be a licensed line at the buyer's, not its origin."""
        preps = ("in", "by", "at") if at else ("in", "by")
        named = [c for c in head.children if c.dep_ == "appos"]
        named += [t for c in named for t in c.children if t.dep_ == "conj"]
        for child in (c for node in (head, *named) for c in node.children):
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in self.lex.origin_verbs:
                for prep in child.children:
                    if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
                        for pobj in prep.children:
                            actor = self.clause.actor_of(pobj)
                            if actor is not None and actor.country:
                                return actor.country
        return None

    def given_to_forces(self, token: Token) -> tuple[str, int] | None:
        """ "handed over 40 vehicles and engineering equipment to the armed forces of X": a plain noun that is
        military aid when a verb gives it to a state's forces (category, index of its first token)."""
        if token.lemma_.lower() not in self.lex.force_bound_items or token.ent_type_.startswith("AW_"):
            return None
        head = token
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ not in ("dobj", "nsubjpass") or head.head.pos_ != "VERB":
            return None
        # "handed over 40 vehicles to the army", "vehicles built by Patria for the Latvian army were handed
        # over": the forces the verb, the noun or a participle on it gives them to
        holders = [head.head, head, *(c for c in head.children if c.dep_ == "acl")]
        receivers = [
            t
            for h in holders
            for p in h.children
            if p.dep_ in ("prep", "dative") and p.lower_ in (("to", "for") if h is not head.head else ("to",))
            for t in p.children
            if t.dep_ == "pobj"
        ]
        if head.dep_ == "dobj" and any(
            t.type == "transfer" and t.direction == "in"
            for t in self.lex.verb_triggers.get(head.head.lemma_.lower(), ())
        ):
            # "the Royal Malaysian Navy received eight rescue boats from Japan": the forces that take them,
            # when named (a bare "the Army" may be any state's)
            receivers += [
                c for c in head.head.children if c.dep_ == "nsubj" and self.clause.mention_at(c) is not None
            ]
        if not any(t.lemma_.lower() in self.lex.force_nouns for t in receivers):
            return None
        # "rigid-hull rescue boats": a modifier's own words ("rigid-") come with it
        described = [c.left_edge.i for c in token.lefts if c.dep_ in ("amod", "compound")]
        return "other", min([*described, token.i])

    def generic_at(self, token: Token) -> tuple[str, int] | None:
        """The generic item whose last word is this token: (category, index of its first token). Words
        joined by a hyphen or slash count as one ("surface-to-air missile systems")."""
        doc = token.doc
        if token.ent_type_ in NAMED_ENTITY_LABELS or token.ent_type_.startswith("AW_"):
            return None
        ends = self.lex.generic_item_ends
        if token.lower_ not in ends and token.lemma_.lower() not in ends and token.lower_[:-1] not in ends:
            return None  # no generic item ends so (most nouns: a quick test before the words are joined)
        if not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
            return None  # "mine-protected vehicles", "missile-armed boats": the first part of a modifier
        start = max(token.i - 10, token.sent.start)
        words: list[tuple[str, int]] = []  # (word, first token)
        for t in doc[start : token.i + 1]:
            text = t.lower_
            joined = (
                t.i > start and not doc[t.i - 1].whitespace_ and (t.text in "-/" or doc[t.i - 1].text in "-/")
            )
            if joined and words:
                words[-1] = (words[-1][0] + text, words[-1][1])
            else:
                words.append((text, t.i))
        if not words:
            return None
        last_forms = {words[-1][0], words[-1][0][: -len(token.lower_)] + token.lemma_.lower()}
        if token.pos_ == "PROPN" and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
            # "Littoral Mission Ships": the tagger gives a capitalised plural no lemma
            last_forms.add(words[-1][0][:-1])
        if len(words) > 1 and any(f"{words[-2][0]} {last}" in self.lex.not_items for last in last_forms):
            return None  # "a Rabat think tank": no tank
        if self.for_civilian_use(token):
            return None  # "150 agricultural drones handed to farmers": a civilian tool
        for size in range(min(6, len(words)), 0, -1):
            prefix = " ".join(w for w, _ in words[-size:-1])
            for last in last_forms:
                key = f"{prefix} {last}" if prefix else last
                category = self.lex.generic_items.get(key)
                if category is not None:
                    return category, words[-size][1]
        return None

    def count_of(self, noun: Token) -> int | None:
        """ "six drones", "two dozen tanks", "a batch of 12 jets", "12 of the jets"."""
        numbers = [
            c
            for c in noun.children
            if c.i < noun.i
            and c.dep_ in ("nummod", "quantmod", "compound")
            and self.is_number(c)
            and not (c.is_digit and self.model_number(c))  # "Stridsvagn 122 tanks": a model's number
            # "152mm ammunition": a calibre, no count
            and not (c.i + 1 < len(noun.doc) and noun.doc[c.i + 1].lower_ in self.lex.calibre_units)
        ]
        if numbers:  # not a model number after the noun ("Type 4")
            words = sorted({t for c in numbers for t in c.subtree if t.i < noun.i}, key=lambda t: t.i)
            if any(t.lower_ in self.lex.vague_counts for t in words):
                return None  # "several hundred troops", "a few dozen drones": no count
            counts = [t for t in words if not is_year(t)]
            if counts and len(counts) < len(words):
                words = counts  # "in 2018 eight jets": the year is no part of the count
            value = number_value([t.text for t in words if not t.is_punct])
            if value is None:
                value = number_value([numbers[-1].text])
            if value is not None and not (1900 <= value <= 2100 and is_year(numbers[-1])):
                return value
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
            return number_value([noun.head.head.text])
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_ in self.lex.counter_nouns
        ):
            counter = noun.head.head
            nums = [c for c in counter.children if c.dep_ == "nummod"]
            if counter.lemma_ == "pair":
                return 2
            if counter.lemma_ == "dozen":
                return number_value([*(n.text for n in nums), "dozen"]) or 12
            if nums:  # "two dozen batteries of", "12 units of": the counter's own count
                return self.count_of(counter) or number_value([nums[0].text])
        return None

    @staticmethod
    def calibre(unit: Token) -> list[Token]:
        """A calibre's number, hyphen and unit ("155 mm", "240-millimetre"), given its unit."""
        doc = unit.doc
        at = unit.i - 1
        if at >= 0 and doc[at].tag_ == "HYPH":
            at -= 1
        if at >= 0 and doc[at].like_num:
            return list(doc[at : unit.i + 1])
        return [unit]

    def joins_number(self, token: Token, before: Token) -> bool:
        """A hyphen or "and" inside a number in words ("ninety-six", "five hundred and fifty")."""
        if token.tag_ == "HYPH":
            return before.lower_ in self.lex.number_words
        return token.lower_ == "and" and before.lower_ in ("hundred", "thousand")

    def is_number(self, token: Token) -> bool:
        return token.like_num or (token.lower_ in self.lex.number_words and token.lower_ not in ("a", "an"))

    def personnel_in(self, sent: Span) -> list[Token]:
        """Nouns of people and units ("troops"), not a modifier of a thing ("fighter planes")."""
        return [
            t
            for t in sent
            if (
                # "Kyrgyz servicemen": the parse may tag a lower-case noun after a demonym as a name
                (
                    (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text.islower()))
                    and t.lemma_.lower() in self.lex.personnel_nouns
                )
                or (
                    t.pos_ == "NOUN"
                    and t.lemma_.lower() in self.lex.military_personnel_nouns
                    and (
                        any(
                            c.dep_ in ("amod", "compound")
                            and (c.lower_ in self.lex.military_modifiers or self.military_body(c))
                            for c in t.children
                        )
                        # "members of the Kosovo Security Force", "medics of the army"
                        or any(
                            self.military_body(o) or o.lemma_.lower() in self.lex.force_nouns
                            for o in self.clause.prep_objects(t, "of")
                        )
                    )
                )
                # spaCy may read a capitalised first word as a name: "Servicemen of the ... have begun"
                or (t.pos_ == "PROPN" and t.is_sent_start and t.lower_ in self.lex.personnel_nouns)
                # "200 US Marines", "40 Royal Marines": a counted service name in the plural
                or (
                    t.tag_ == "NNPS"
                    and t.lower_[:-1] in self.lex.personnel_nouns
                    and any(c.dep_ == "nummod" for c in t.children)
                )
            )
            and self.national_forces(t)
            and not (
                t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i
            )
            and not (t.dep_ == "npadvmod" and t.head.dep_ == "amod")  # "a battalion-sized unit"
        ]

    def military_body(self, token: Token) -> bool:
        """A word of an armed service's name ("Australian Defence Force engineers")."""
        entry = self.clause.entry_of(self.clause.mention_at(token))
        return entry is not None and entry.kind == "military"

    def national_forces(self, token: Token) -> bool:
        """A personnel noun no entity claims, or one heading a state's unnamed body as a subject ("US special
        forces were flown into Khartoum"): people all the same; not those helped ("help Congolese units")."""
        mention = self.clause.mention_at(token)
        return (
            mention is None
            or (
                mention.type == "organization"
                and mention.key is None
                and bool(mention.country)
                and token.i == mention.end - 1
                and (
                    token.dep_ in ("nsubj", "nsubjpass")
                    # "extended the deployment of German forces in Iraq": the forces a deployment noun moves
                    or (
                        token.dep_ == "pobj"
                        and token.head.lower_ == "of"
                        and any(
                            t.type == "deployment"
                            for t in self.lex.noun_triggers.get(token.head.head.lemma_.lower(), ())
                        )
                    )
                )
                # not forces helped: "to help Congolese forces fight the rebels"
                and not any(a.lemma_.lower() in self.lex.support_verbs for a in list(token.ancestors)[:2])
            )
        )

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
                    walk_into(child)
            # "3,000 rifles, 578,000 rounds of ammunition and 23 missiles", whose second entry the parser may
            # hang on the first as an apposition
            if token.dep_ == "conj" or (token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN")):
                walk(token.head)
                walk_into(token.head)

        def walk_into(token: Token) -> None:
            # "boats and a consignment of goggles": what the consignment holds ("helicopters and a battalion
            # set of Tor-M2 systems", where the parser reads "set" as a participle)
            holders = [
                token,
                *(c for c in token.children if c.dep_ == "acl" and c.lower_ in self.lex.container_nouns),
            ]
            if token.lemma_.lower() in self.lex.container_nouns or len(holders) > 1:
                for prep in (c for h in holders for c in h.children):
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                walk(pobj)

        head = doc[item.head]
        holder = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        if holder is not None and holder.lemma_.lower() in self.lex.container_nouns:
            walk(holder)
        walk(head)
        # "F-35 and F-15 jets": the first name is a modifier of the shared noun, the second its conjunct
        for token in doc[item.start : item.end]:
            if token.dep_ == "conj" and token.i != item.head and item.start <= token.head.i < item.end:
                walk(token)
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
            if it.head in group
            and it.head != item.head
            and it.name.lower() != item.name.lower()
            and not it.example
        ]

    def listed(self, item: Item, items: list[Item], after: int | None = None) -> list[Item]:
        """Items listed after this one in its clause, whatever the parse made of the list: separated only by
        commas, semicolons, conjunctions and the previous item's own phrases (its count, modifiers, "from
        X", "worth $Y"), as in "A from X; B from Y and C"."""
        doc = item.doc
        if doc is None:
            return []
        out: list[Item] = []
        current = item
        items = [it for it in items if not it.example]
        for nxt in sorted((it for it in items if it.start >= item.end), key=lambda it: it.start):
            if nxt.start < current.end:
                continue
            if not self.list_gap(doc[current.end : nxt.start]):
                break
            if nxt.name.lower() != item.name.lower():
                out.append(nxt)
            current = nxt
        current = item  # and the entries before it, back to where the list starts
        for prev in sorted((it for it in items if it.end <= item.start), key=lambda it: -it.start):
            if prev.end > current.start or (after is not None and prev.start <= after):
                continue
            if not self.list_gap(doc[prev.end : current.start]):
                break
            if prev.name.lower() != item.name.lower():
                out.append(prev)
            current = prev
        return out

    @staticmethod
    def time_phrase(token: Token) -> bool:
        """A preposition heading a date ("since December 2022", "after 2019"), not a clause's conjunction."""
        return token.dep_ == "prep" and any(
            c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in token.children
        )

    def list_gap(self, gap: Span) -> bool:
        """Whether the words between two items can separate two entries of one list."""
        if len(gap) > 14:
            return False
        for t in gap:
            if t.is_sent_start and t.i != gap.start:
                return False
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "compound"):
                return False
            if (t.lower_ in LIST_BREAKERS and not self.time_phrase(t)) or t.text in (".", "!", "?"):
                return False
            if (
                t.dep_ == "prep"
                and t.lower_ in OBJECT_PREPS
                and t.i
                == gap.end
                - 1
                - sum(
                    1
                    for u in gap[t.i - gap.start + 1 :]
                    if u.dep_ in ("det", "poss", "nummod", "amod", "compound")
                )
            ):
                return False  # "weapons for its fighters": the next item is what this one is for
        return True

    def segment(self, item: Item, items: list[Item]) -> Span | None:
        """The words after an item that belong to it in a list, up to the next item or the end of its clause:
        where its own "from X" or "to Y" stands when the parse hangs it elsewhere."""
        doc = item.doc
        if doc is None:
            return None
        sent = doc[item.head].sent
        end = min((it.start for it in items if it.start >= item.end), default=sent.end)
        at = item.end
        while at < end:
            t = doc[at]
            if (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl", "compound")) or (
                t.lower_ in LIST_BREAKERS and not self.time_phrase(t)
            ):
                break
            at += 1
        return doc[item.end : at]

    def set_aside(self, item: Item, trigger: Token) -> bool:
        """An item the sentence names beside the deal: what another verb replaces ("to replace its ageing
        Kfirs"), the platform another item is meant for ("helicopters destined for the Navy's destroyers"),
        or a deal told before ("Alongside the jets, the army signed for 18 howitzers")."""
        head = item.doc[item.head] if item.doc is not None else None
        if head is None:
            return False
        if head.dep_ == "pobj" and head.head.lower_ in self.lex.beside_preps:
            return True
        if head.head.i == trigger.i:
            return False
        if head.dep_ == "dobj" and head.head.lemma_.lower() in self.lex.replacing_verbs:
            return True
        return (
            head.dep_ == "pobj"
            and head.head.lower_ == "for"
            and head.head.head.lower_ in self.lex.destination_participles
        )

    def nearest_item(self, token: Token, items: list[Item]) -> Item | None:
        if not items:
            return None
        named = [it for it in items if not it.example] or items  # "drones such as X": the drones
        # "bought Gripens to replace its Kfirs": the fleet replaced is no item of the deal
        named = [it for it in named if not self.set_aside(it, token)] or named
        linked = [it for it in named if self.clause.linked(token, it.head)]
        pool = linked or named
        doc = token.doc

        def is_target(it: Item) -> bool:  # "used jammers against drones": the drones are the target
            head = doc[it.head]
            return head.dep_ == "pobj" and head.head.lower_ in ("against", "on", "at")

        def depth(it: Item) -> int:  # the trigger's own object before a phrase hanging on it
            node, steps = doc[it.head], 0
            while node.i != token.i and node.head.i != node.i and steps < 6:
                node, steps = node.head, steps + 1
            # "signed for 24 jets after a JF-17 offer was turned down": the JF-17 is another clause's
            return steps + (10 if self.clause.in_subordinate(doc[it.head], token) else 0)

        # "a navy vessel unloaded artillery pieces": at the same depth, what the verb acts on before its doer
        acted_on = {t.i for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        return min(
            pool,
            key=lambda it: (
                is_target(it),
                depth(it) if linked else 0,
                not it.catalog if linked else 0,
                it.head not in acted_on if linked else 0,
                abs(it.head - token.i),
            ),
        )


def is_year(token: Token) -> bool:
    """A four-digit number that reads as a year ("2018"), not a count."""
    return token.shape_ == "dddd" and 1900 <= int(token.text) <= 2100
