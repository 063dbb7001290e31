"""Transfers: who supplies what to whom, read from a transfer verb or noun and its arguments.

Supplier and recipient come from every clue together: the trigger's verb class (sell is outward, buy is
inward, a deal is neither), its subject or passive agent, its prepositions (from, to, for, with, by), the
possessor of a trigger noun ("X's purchase", "Y's sale"), an indirect object ("sold X jets"), the item's
stated origin ("Y-built", "Y-made", a demonym), the catalog's origin and maker, and the kinds of the actors
(a company sells; a state buys). A company in the supplier's place supplies for its state and is the maker."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Actor, Candidate, Item, ReadContext
from armswatch.normalise import Money, number_value
from armswatch.resolve import Mention

# prepositions that attach a side to a transfer, by the side they give
TO_PREPS = ("to", "for")
FROM_PREPS = ("from",)
NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj")
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


@dataclass
class Clues:
    """What a sentence says about the two sides of one transfer, before they are weighed."""

    subjects: list[Actor] = field(default_factory=list)  # subject, agent or possessor of the trigger
    to: list[Actor] = field(default_factory=list)  # "to X", "for X", an indirect object
    frm: list[Actor] = field(default_factory=list)  # "from X"
    with_: list[Actor] = field(default_factory=list)  # "with X": the counterpart of a deal
    direction: str | None = None  # out: subjects supply; in: subjects receive; none: by kinds of actor

    @property
    def direct(self) -> bool:
        return bool(self.subjects or self.to or self.frm or self.with_)


@dataclass
class Sides:
    supplier: Actor | None
    recipient: Actor | None
    direct: bool  # some side was named in the trigger's own arguments
    maker: Actor | None = None
    fallback_recipient: Actor | None = None  # a country named in passing, if the context names none
    also_recipients: list[Actor] = field(default_factory=list)  # more recipients named with the first
    also_suppliers: list[Actor] = field(default_factory=list)  # more suppliers named with the first
    supplier_by_origin: bool = False  # no seller named: the state that made the item
    bought_by: Actor | None = None  # "Canada bought NASAMS from the US for Ukraine": the buyer pays
    second_hand: bool = False  # the seller is a state the item phrase names as its owner or earlier user
    domestic: bool = False  # the state named as receiving it made it: no transfer


class TransferReader(Reader):
    def flies(self, item: Item, doc: Doc) -> bool:
        """An aircraft, which flies itself rather than being flown as cargo (by its category, its noun, or
        the catalog's description of it: "KC-767", a "tanker/transport aircraft")."""
        entry = self.clause.gaz.entries.get(f"weapon_system:{item.name}") if item.catalog else None
        described = (entry.description or "").lower().replace("/", " ").split() if entry is not None else []
        return (
            item.category in self.lex.flying_categories
            or doc[item.head].lemma_.lower() in self.lex.flying_nouns
            or bool(described and described[-1] in self.lex.flying_nouns)
        )

    @staticmethod
    def on_order(verb: Token) -> bool:
        """ "has two ATR 72s on order": an "on order" on the verb or its object."""
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        return any(
            c.dep_ == "prep" and c.lower_ == "on" and any(o.lemma_.lower() == "order" for o in c.children)
            for h in holders
            for c in h.children
        )

    def held_foreign(self, token: Token, items: list[Item]) -> bool:
        """A holding verb's object is an item its text calls foreign ("Russian-built Yak-130s", "jets built
        by Dassault"), held by a subject that names a side."""
        objects = {c.i for c in token.children if c.dep_ == "dobj"}
        if not objects or not self.clause.subject_of(token):
            return False
        doc = token.doc
        return any(
            item.head in objects
            and (
                self.items.origin_modifier(doc[item.head], item.head) is not None
                or self.items.origin_modifier(doc[item.start], item.start)
                is not None  # "German-made Leopard 2s"
                or self.items.built_by(doc[item.head]) is not None
            )
            for item in items
        )

    @staticmethod
    def chosen_items(token: Token, items: list[Item]) -> list[Item]:
        """The items a choice verb's object or passive subject names ("selected the Gripen"), or a choice
        noun's "in" phrase ("interest in the BrahMos")."""
        chosen = {t.i for c in token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        if token.pos_ == "NOUN":
            wanted = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"]
            chosen |= {t.i for c in wanted for t in c.subtree}
        chosen -= {t.i for t in token.subtree if t.dep_ == "prep" and t.lower_ == "over" for t in t.subtree}
        return [item for item in items if item.head in chosen]

    def schedule_of_deal(self, token: Token) -> bool:
        """A delivery noun in a "with" phrase whose participle sets it for later ("with deliveries set to
        begin in 2026", "with delivery due by 2027"): the timetable of the deal the clause tells."""
        return (
            token.pos_ == "NOUN"
            and token.dep_ == "pobj"
            and token.head.lower_ == "with"
            and any(
                c.dep_ in ("acl", "amod") and c.lemma_.lower() in self.lex.schedule_participles
                for c in token.children
            )
        )

    def read(self, ctx: ReadContext, forced: Item | None = None) -> Candidate | None:
        token, trigger, money = ctx.token, ctx.trigger, ctx.money
        clause = self.clause
        if token.pos_ == "VERB" and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in self.lex.nobody_words for c in token.children
        ):
            return None  # "ordered 24 jets in 2018, and none has been delivered": what did not happen
        if self.schedule_of_deal(token):
            return None  # "signed for 18 jets, with deliveries set to begin in 2026": the deal's timetable
        if token.pos_ == "NOUN" and self.items.for_civilian_use(token):
            return None  # "an A400M carried relief supplies to Myanmar", "humanitarian deliveries": no arms
        if token.dep_ == "acl" and token.head.ent_type_ == "MONEY" and forced is None:
            return None  # "a loan of $50 million provided by China for patrol boats": the money was given
        if trigger.needs == "cargo" and (
            not any(c.dep_ in ("dobj", "nsubjpass") for c in token.children)
            or all(self.flies(i, token.doc) for i in ([forced] if forced else ctx.items))
        ):
            return None  # "flew the vehicles to X" carries them; "two F-16s flew to X", "flew jets to X" fly
        if trigger.needs == "cargo" and (
            any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)  # "carried out air strikes"
            or (token.lemma_.lower() in self.lex.carrying_verbs and not self.carried_somewhere(token))
        ):
            return None  # "the jet can carry bombs and rockets": what it is armed with, moved nowhere
        if trigger.needs == "customer" and not self.made_for_customer(token):
            return None  # "Turkey builds its own drones", "built for export": production, no transfer
        if trigger.needs == "on_order" and not self.on_order(token):
            return None  # "has two jets", "has troops in X": only "on order" tells a deal
        if trigger.needs == "foreign_built" and not self.held_foreign(token, ctx.items):
            return None  # "the air force flies F-16s", "operates from the base": no deal told
        if (
            token.lemma_.lower() in self.lex.equipping_verbs
            and token.dep_ == "acl"
            and token.tag_ == "VBN"
            and self.clause.mention_at(token.head) is None
        ):
            # "a new squadron armed with the Naval Strike Missile", "fighters armed with rifles": what a unit
            # or platform carries, not who supplied it
            return None
        if token.lemma_.lower() in self.lex.order_receiving_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.lex.order_nouns for c in token.children
        ):
            return None  # "Thales received an order for radars": the order noun tells the sale
        if trigger.needs == "exercised" and token.head.lemma_.lower() not in self.lex.exercising_verbs:
            return None  # "studied other options, among them the M-346": an option held or weighed
        if trigger.needs == "named_item":
            chosen = self.chosen_items(token, ctx.items)
            if not any(item.catalog for item in chosen) or (forced is not None and forced not in chosen):
                return None  # "will pick a new fighter, with Saab and Dassault in the running": no choice yet
            # "chose the F-16 over the Mirage 2000-5": the rivals are no part of the choice
            ctx = ReadContext(ctx.token, trigger, ctx.sent, chosen, money, ctx.personnel)
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("acl", "relcl", "xcomp")
            and c.pos_ == "VERB"
            and self.lex.is_transfer_verb(c.lemma_)
            and c.lemma_.lower() not in self.lex.carrying_verbs  # "that delivery, carried by six planes"
            for c in token.children
        ):
            return None  # "a deal to sell jets to X": the verb carries the event
        if (
            token.pos_ == "NOUN"
            and forced is None
            and token.dep_ == "dobj"
            and token.head.tag_ == "VBG"
            and token.head.dep_ == "advcl"
            # "delivered ..., the air force said, completing": the parse may hang it on the report
            and any(
                self.lex.is_transfer_verb(a.lemma_) for a in [token.head.head, *token.head.head.ancestors][:3]
            )
        ):
            return None  # "delivered the missiles, completing the first export of the weapon": that deal
        if (
            token.pos_ == "NOUN"
            and forced is None
            and (
                (
                    token.dep_ == "pobj"
                    and token.head.lower_ in ("in", "under", "as", "through", "via")
                    and self.lex.is_transfer_verb(token.head.head.lemma_)
                )
                # "would buy jets from X to replace its Kfirs, a deal worth ...": the purchase told before
                or (
                    token.dep_ == "appos"
                    and any(a.pos_ == "VERB" and self.lex.is_transfer_verb(a.lemma_) for a in token.ancestors)
                )
            )
        ):
            # "bought jets from X in a deal worth ...": the deal is the purchase itself
            # (an apposition names the deal told by its verb, whose stage it keeps: "would buy ..., a deal")
            status = None if token.dep_ == "appos" else self.modality.status_for(token, trigger)
            cand = Candidate("transfer", token, status, partial=True)
            cand.money = clause.nearest_money(token, money)
            return cand
        if (
            token.pos_ == "VERB"
            and not any(c.dep_ == "dobj" for c in token.children)
            and self.clause.prep_objects(token, "for")
            and any(s.lemma_.lower() in self.lex.deal_nouns for s in self.clause.subject_of(token))
        ):
            return None  # "the contract provides for the production of jets": what a deal lays down
        if token.lemma_.lower() == "take" and any(
            (c.dep_ == "dobj" and c.lemma_.lower() in self.lex.take_idioms)
            or (c.dep_ == "prt" and c.lower_ == "off")  # "two C-130 transports took off from Elefsina"
            # "a ferry flight that took them across the Atlantic": a journey, no handover
            or (c.dep_ == "prep" and c.lower_ in ("across", "through", "along", "around", "past"))
            for c in token.children
        ):
            return None  # "take part in the programme", "the handover took place": no handover of arms
        item = forced or self.carried_item(ctx)
        if item is None and trigger.needs != "cargo":  # a carrier is never what it carries
            item = self.governed_item(ctx)
        paying = token.lemma_.lower() in self.lex.payment_verbs
        if paying and (item is None or not self.pays_for(token, item)):
            return None  # "money to pay for the planes", "pays for their repairs": no purchase of its own
        made = trigger.needs == "customer" and token.dep_ in ("acl", "relcl")
        if made and item is not None and item.head != token.head.i:
            return None  # "the frigates X delivered and the corvettes Y built for Z": Y built the corvettes
        cand = Candidate("transfer", token, self.modality.status_for(token, trigger))
        if item is None:
            elided = self.elided_item(ctx)
            if elided is not None:
                return self.more_of_the_same(ctx, elided)
            return self.continuation(cand, ctx)
        if item.domestic:
            return None  # "locally built", "indigenous": no transfer
        receivers = clause.prep_objects(token, "to")
        if any(
            t.lemma_.lower() in self.lex.membership_nouns and t.tag_ == "NNS" and clause.actor_of(t) is None
            for t in receivers
        ) and not any(clause.parties_of(t) for r in receivers for t in clause.with_conjuncts(r)):
            return None  # "has been exported to several countries": buyers left unnamed, no deal of the story
        if trigger.direction == "item" and token.pos_ == "VERB" and not self.item_is_subject(token, item):
            return None  # "arrived", "reached", "joined" tell of a transfer only when the item moves
        if trigger.direction == "item" and self.abroad_with_owner(token, item):
            return None  # "RAF Typhoons arrived in Romania": Britain's jets deployed, not Romania's bought
        if trigger.direction == "item" and self.owned_arriving_nowhere_named(token, item):
            return None  # "the US carrier George Washington entered Pusan port": no state's purchase told
        if trigger.direction == "item" and any(
            t.lemma_.lower() in self.lex.intrusion_nouns
            for t in [
                *(c for c in token.children if c.dep_ == "dobj"),
                *clause.prep_objects(token, "into", "in"),
            ]
        ):
            return None  # "the drone entered Iran's airspace": an intrusion, not a handover
        if token.pos_ == "VERB" and any(
            t.lemma_.lower() in self.lex.service_purposes or t.lower_ in self.lex.service_purposes
            for t in clause.prep_objects(token, "for")
        ):
            return None  # "sent its jets to X for overhaul": they come back to their owner
        if self.kept_up(item, token.doc):
            return None
        if trigger.direction == "via":
            return self.listed_in_deal(ctx, item, cand)
        own_noun = (  # "equipment granted by X to Y": the participle's own noun, with its sides
            token.dep_ in ("acl", "relcl")
            and token.head.i == item.head
            and any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "to") for c in token.children)
        )
        if (
            item.category == "other"
            and not item.catalog
            and not clause.linked(token, item.head)
            and not own_noun
            and not self.linked_by_light_verb(token, item)
        ):
            return None
        others = frozenset(it.head for it in ctx.items if it.head != item.head)
        segment = self.items.segment(item, ctx.items)
        sides = self.sides(token, trigger.direction, trigger.status, ctx.sent, item, segment, others)
        if sides.domestic:
            return None
        if trigger.direction == "seized" and sides.recipient is None:
            return None  # "customs seized 300 rifles": whose they were to be goes unsaid
        if sides.supplier is None and sides.recipient is not None and trigger.direction == "out":
            # "Kenya dismissed reports of the sale of drones to Somalia": a state denies its own deal
            denier = self.denying_state(token)
            if denier is not None and self.party_name(denier) != self.party_name(sides.recipient):
                sides.supplier, sides.direct = denier, True
        if sides.recipient is None and sides.supplier is not None:
            # "Greece and Italy are in talks for the transfer of two frigates from the Italian Navy"
            sides.recipient = next(
                (
                    a
                    for a in self.talks_sides(token)
                    if a.type == "country" and self.party_name(a) != self.party_name(sides.supplier)
                ),
                None,
            )
            sides.direct = sides.direct or sides.recipient is not None
        if sides.recipient is not None and sides.recipient.type == "organization":
            served = [a for a in clause.acted_for(ctx.sent) if a.type == "country"]
            if served:
                # "NSPA, acting on behalf of Belgium, the Netherlands and Luxembourg, awarded Saab a
                # contract": the agency buys for the states it acts for
                sides.recipient, sides.also_recipients = served[0], served[1:]
        if (
            token.pos_ == "NOUN"
            and forced is None
            # "the deal stalled under the threat of US sanctions": the deal told before, whatever the
            # sentence names beside it
            and (not sides.direct or self.deal_told_before(token))
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        ):
            # "the sale is the maker's second export": talks about a deal already reported
            cand.roles["item"] = item
            cand.partial = True
            cand.money = clause.nearest_money(token, money)
            return cand
        if not sides.direct and item.name.lower() in self.lex.vague_items and forced is None:
            return None  # "work on arms transfers": no side of its own and no item to tell the deal by
        if (
            sides.supplier is None
            and sides.recipient is None
            and not sides.direct
            and forced is None
            and token.pos_ == "VERB"
            and not clause.linked(token, item.head)
        ):
            return None  # a transfer verb with no side and no item of its own
        cand.needs_context = sides.recipient is None or sides.supplier is None
        if sides.recipient is None and sides.fallback_recipient is not None:
            cand.fallbacks["recipient"] = sides.fallback_recipient
        cand.roles.update(supplier=sides.supplier, recipient=sides.recipient, item=item)
        cand.supplier_by_origin = sides.supplier_by_origin
        cand.second_hand = sides.second_hand
        cand.bought_by = sides.bought_by
        cand.also = {"recipient": sides.also_recipients} if sides.also_recipients else {}
        if sides.also_suppliers:
            cand.also["supplier"] = sides.also_suppliers
        if sides.maker is not None:
            cand.roles["maker"] = sides.maker
        if item.quantity:
            cand.roles["quantity"] = item.quantity
        cand.money = self.own_money(token, item, ctx)
        if cand.status == "delivery" and self.stopped_cargo(token):
            cand.status = "order"  # "seized parts that were being shipped from Iran": it never arrived
        return cand

    def stopped_cargo(self, token: Token) -> bool:
        """The trigger tells of a cargo that a seizing verb above it stopped ("seized parts that CENTCOM says
        were being shipped from Iran to the Houthis")."""
        return any(
            t.direction == "seized"
            for a in token.ancestors
            if a.pos_ == "VERB"
            for t in self.lex.verb_triggers.get(a.lemma_.lower(), ())
        )

    def deal_told_before(self, token: Token) -> bool:
        """A definite deal noun that is the subject of a verb of what became of it ("the deal stalled", "the
        contract was cancelled"), with no phrase of its own naming a side."""
        return (
            token.lemma_.lower() in self.lex.deal_nouns
            and token.dep_ in ("nsubj", "nsubjpass")
            and not self.lex.is_transfer_verb(token.head.lemma_)
            and not any(c.dep_ == "prep" or c.dep_ == "poss" for c in token.children)
        )

    def carried_somewhere(self, token: Token) -> bool:
        """A carrying verb with a destination: "to Baku", "into Sudan", or arms "for Ukraine"."""
        clause = self.clause
        if clause.prep_objects(token, "to", "into"):
            return True
        held = [token] + [c for c in token.children if c.dep_ == "dobj"]
        return any(
            a.type == "country"
            for h in held
            for t in clause.prep_objects(h, "for")
            for a in clause.parties_of(t)
        )

    # ---- which item --------------------------------------------------------------------------------
    def carried_item(self, ctx: ReadContext) -> Item | None:
        """What a carrying verb moves ("cargo planes flew thousands of rockets to X"): an item in its object
        that does not fly itself, never the carrier."""
        if ctx.trigger.needs != "cargo":
            return None
        carried = {t.i for c in ctx.token.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
        doc = ctx.token.doc
        return next((i for i in ctx.items if i.head in carried and not self.flies(i, doc)), None)

    def governed_item(self, ctx: ReadContext) -> Item | None:
        """The item the trigger is about: one in its own arguments, else the nearest one of its clause."""
        token, items = ctx.token, ctx.items
        clause = self.clause
        if not items:
            return None
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN"):
            # "jets bought from X", "drones supplied by Y": the participle's noun is the item
            own = next((it for it in items if it.head == token.head.i), None)
            # "the first of 12 helicopters ..., ordered from X": the noun is a share of the item
            of_items = [
                t.i for p in token.head.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.children
            ]
            own = own or next((it for it in items if it.head in of_items), None)
            if own is not None:
                return own
        item = self.items.nearest_item(token, items)
        if item is None:
            return None
        if token.pos_ == "VERB" and self.below_other_transfer(token, item.head):
            return None  # "took the first step towards acquiring X": X is the acquiring's, not the taking's
        if token.pos_ == "VERB" and not clause.linked(token, item.head):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            listed = {t.i for o in objects for t in o.subtree}
            if (
                objects
                and item.head not in listed
                and not any(clause.actors_of(o) or o.pos_ == "PRON" for o in objects)
            ):
                return None  # "provided support": the object is no weapon (unless the item is listed with it)
            if clause.other_clause(token, token.doc[item.head]):
                return None  # the item belongs to another clause of the sentence
        if token.pos_ == "NOUN" and not clause.linked(token, item.head):
            objects = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
            if any(p.dep_ == "pobj" and p.lemma_.lower() in self.lex.intangible_objects for p in objects):
                return None  # "the transfer of technology and the production of jets": its own object
        if (
            token.pos_ == "NOUN"
            and any(
                c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those") for c in token.children
            )
            and not clause.linked(token, item.head)
        ):
            return None  # "that delivery, carried by transport planes": refers back
        if token.pos_ == "NOUN" and self.agent_below(token, item.head):
            return None  # "the shipment, flown in by transport planes": what carried it, not what it was
        return item

    @staticmethod
    def agent_below(token: Token, head: int) -> bool:
        """The item hangs on the trigger through the agent of a participle ("carried by planes")."""
        node = token.doc[head]
        while node.i != token.i and node.head.i != node.i:
            if node.dep_ == "agent":
                return True
            node = node.head
        return False

    def kept_up(self, item: Item, doc: Doc) -> bool:
        """ "A contract for F-15SA sustainment and engineering services": the item names work on its owner's
        fleet; nothing is handed over (but "F-16 sustainment and support equipment" is a thing sold)."""
        named = doc[item.head]
        if named.dep_ not in ("compound", "amod", "nmod", "nummod"):  # "F-16" may parse as a number
            return False
        head = named.head
        work = [head]
        if head.lemma_.lower() == "service":
            work += [c for c in head.children if c.dep_ in ("compound", "nmod") and c is not named]
        return any(w.lemma_.lower() in self.lex.service_purposes for w in work)

    def maker_origin(self, company: Actor, item: Item, recipient: Actor | None) -> Actor | None:
        """The state the catalog says a system comes from, when the company named is its maker or of the
        maker's group: "Airbus Defence and Space" delivering C295s builds them in Spain, not in Germany (but
        a system built in its buyer's own yards comes from the company's state)."""
        if not item.catalog or not item.origin or not item.maker:
            return None
        if recipient is not None and recipient.country == item.origin:
            return None
        if company.name.split()[0].lower() != item.maker.split()[0].lower():
            return None
        return self.clause.country_actor(item.origin)

    def below_other_transfer(self, token: Token, head: int) -> bool:
        """Another transfer verb stands between the trigger and the item's head (not one in a list with
        the trigger, "bought and delivered jets", nor a deal's content, "signed a deal to supply jets")."""
        # a verb in a list with the trigger shares its object only when the trigger has none of its own
        # ("signed a contract for howitzers and has bought launchers": the launchers are the buying's)
        shares = not any(c.dep_ == "dobj" for c in token.children)
        return any(
            not (verb.dep_ == "conj" and verb.head.i == token.i and shares)
            # "will send a package to Kyiv, including 14 tanks": a participle as a preposition lists the parts
            and verb.dep_ != "prep"
            and self.deal_above(verb) is None
            and self.lex.is_transfer_verb(verb.lemma_)
            for verb in self.clause.verbs_between(token, head)
        )

    def listed_in_deal(self, ctx: ReadContext, item: Item, cand: Candidate) -> Candidate | None:
        """ "X's aid to Y will include 30 tanks": an item listed by a deal noun, with the deal's sides."""
        token = ctx.token
        deals = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        # the parse may hang the subject elsewhere before the verb ("Along with X, Y's assistance will ...")
        deals += [t for t in token.lefts for t in t.subtree if t.dep_ in ("appos", "nsubj", "conj")]
        # "approved a $23 billion package for Turkey that included 40 jets", "arms sales covering 82 HIMARS"
        # "a package for Ukraine including 155mm rounds": the participle as a preposition lists its parts too
        relative = (
            token.dep_ in ("relcl", "acl") or (token.dep_ == "prep" and token.tag_ == "VBG")
        ) and token.head.lemma_.lower() in self.lex.deal_nouns
        if relative:
            deals.insert(0, token.head)
        deal = next((d for d in deals if d.lemma_.lower() in self.lex.deal_nouns), None)
        if (
            not self.clause.linked(token, item.head)
            # a relative clause's "weapons, spare parts and training" are the deal's parts ("the contract
            # covers spare parts rather than new aircraft" still lists them, to be denied or not)
            or (relative and self.items.part_or_vague(item))
            # "the purchase, covering three batteries": a count of the deal's system, no system of its own
            or (
                token.dep_ == "acl" and item.category == "other" and not item.catalog and " " not in item.name
            )
        ):
            return None  # "a package that included weapons, spare parts and training": its parts
        anaphor = next(
            (
                d
                for d in deals
                if d.dep_ == "nsubj"
                and (d.lemma_.lower() in self.lex.listing_anaphors or d.lemma_.lower() in self.lex.deal_nouns)
            ),
            None,
        )
        sides = None
        if deal is not None:  # the deal's own phrases ("for X", "from Y") hold for every item it lists
            sides = self.sides(deal, self.lex.deal_nouns[deal.lemma_.lower()], "order", ctx.sent, item)
            inner = next(  # "a package of military aid for Ukraine": the phrases of the deal it is made of
                (
                    o
                    for o in self.clause.prep_objects(deal, "of")
                    if o.lemma_.lower() in self.lex.deal_nouns and o.lemma_.lower() != deal.lemma_.lower()
                ),
                None,
            )
            if inner is not None and sides.recipient is None:
                of_inner = self.sides(
                    inner, self.lex.deal_nouns[inner.lemma_.lower()], "order", ctx.sent, item
                )
                sides.recipient = of_inner.recipient
                sides.supplier = sides.supplier or of_inner.supplier
        if anaphor is not None and (sides is None or (sides.supplier is None and sides.recipient is None)):
            # "Britain pledged a package to Ukraine. It includes ...": the deal of the sentence before
            # "It includes" continues the sentence before; "the materials handed over include" may reach
            # further back, as the noun names what it continues
            reach = 1 if anaphor.pos_ in ("PRON", "DET") else 3
            before = self.deal_before(ctx.sent, reach)
            if before is not None:
                deal, relative = before, True  # its stage is the one its own verb gives it
                sides = self.sides(
                    before, self.lex.deal_nouns[before.lemma_.lower()], "order", before.sent, item
                )
                if before.dep_ == "compound" and (sides.supplier is None or sides.recipient is None):
                    # "the military assistance materials provided by China to the Nepali Army": the phrases
                    # hang on the noun the deal word names
                    held = self.sides(
                        before.head, self.lex.deal_nouns[before.lemma_.lower()], "order", before.sent, item
                    )
                    sides.supplier = sides.supplier or held.supplier
                    sides.recipient = sides.recipient or held.recipient
                    givers = [  # "materials provided by the Chinese government"
                        a
                        for c in before.head.children
                        if c.dep_ == "acl" and self.lex.is_transfer_verb(c.lemma_)
                        for t in self.clause.agent_of(c)
                        for a in self.clause.parties_of(t)
                    ]
                    sides.supplier = sides.supplier or next(iter(givers), None)
        if deal is None or sides is None:
            return None
        governor = deal.head
        if (
            sides.supplier is None
            and sides.recipient is not None
            and deal.dep_ == "dobj"
            and governor.lemma_.lower() in self.lex.seller_governors | self.lex.financing_verbs
        ):
            # "Britain announced a package for Ukraine that includes ...": who announced it gives
            givers = [a for s in self.clause.subject_of(governor) for a in self.clause.parties_of(s)]
            sides.supplier = next(
                (a for a in givers if self.party_name(a) != self.party_name(sides.recipient)), None
            )
        # a relative clause's deal has the stage its own verb gives it ("approved a possible package")
        cand.status = self.modality.status_for(deal if relative else token, ctx.trigger)
        cand.needs_context = sides.recipient is None or sides.supplier is None
        cand.roles.update(supplier=sides.supplier, recipient=sides.recipient, item=item)
        if sides.maker is not None:
            cand.roles["maker"] = sides.maker
        if item.quantity:
            cand.roles["quantity"] = item.quantity
        return cand

    def deal_before(self, sent: Span, reach: int = 1) -> Token | None:
        """The deal a listing with no deal of its own continues ("It includes ..."): the last deal noun of
        the nearest of the `reach` sentences before that tells one, first told there, when no sentence up to
        it names a system (else what follows are the parts of the deal it told: "signed for 96 Apaches. It
        covers the helicopters, Hellfire ...")."""
        deals: list[Token] = []
        before = sent
        # "The handover of the assistance materials provided by X to Y was held ... The ambassador attended.
        # The attaché was present. The materials handed over include ..."
        for _ in range(reach):
            if before.start == 0:
                return None
            before = sent.doc[before.start - 1].sent
            if any(not self.items.part_or_vague(it) for it in self.items.items_in(before)):
                return None
            deals = [t for t in before if t.lemma_.lower() in self.lex.deal_nouns and t.pos_ == "NOUN"]
            if deals:
                break
        # a deal first told there ("a new package", "arms sales", "the package the US approved on Friday"),
        # not one told again ("the agreement")
        if not deals:
            return None
        children = list(deals[-1].children)
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children) and not any(
            c.dep_ in ("relcl", "acl") for c in children
        ):
            return None
        return deals[-1]

    @staticmethod
    def item_is_subject(token: Token, item: Item) -> bool:
        """The item is what moves: the subject of "arrived", "reached Serbia", "joined the navy"."""
        for c in token.children:
            if c.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if c.i == item.head:
                return True
            # "a small number of the drones arrived", "the first batch of jets reached X": part of them
            part_of = [
                p for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children
            ]
            if any(p.dep_ == "pobj" and p.i == item.head for p in part_of):
                return True
        return token.dep_ in ("relcl", "acl") and token.head.i == item.head

    def elided_item(self, ctx: ReadContext) -> Item | None:
        """ "X donated six jets to Y, and Z handed over four more": the second verb's "four more" are more of
        the items of the verb it is joined to, in their own number."""
        token = ctx.token
        head = token.head.lemma_.lower()
        # "took delivery of five jets, and X received the first of two": a light verb with its transfer noun
        light = head in self.lex.receiving_light_verbs | self.lex.supplying_light_verbs and any(
            any(t.type == "transfer" for t in self.lex.noun_triggers.get(c.lemma_.lower(), ()))
            for c in token.head.children
            if c.dep_ == "dobj"
        )
        if token.pos_ != "VERB" or token.dep_ != "conj" or not (self.lex.is_transfer_verb(head) or light):
            return None
        objects = [c for c in token.children if c.dep_ == "dobj"]
        more = next((c for c in objects if c.lower_ in ("more", "others")), None)
        count = self.items.count_of(more) if more is not None else None
        for c in objects:  # "sold two more", parsed with the number as the object; "Romania ordered 54"
            if count is None and self.items.is_number(c) and not any(x.dep_ == "prep" for x in c.children):
                more, count = c, number_value([c.lower_])
            # "and Hungary received the first of two": the first of a number of the same system
            of = [p for x in c.children if x.dep_ == "prep" and x.lower_ == "of" for p in x.children]
            if count is None and c.lower_ in ("first", "last") and of and self.items.is_number(of[0]):
                more, count = of[0], number_value([of[0].lower_])
            # "and gave one of its systems to Ukraine": a number of what the first verb told, named vaguely
            if (
                count is None
                and self.items.is_number(c)
                and of
                and (of[0].pos_ == "PRON" or of[0].lower_ in self.lex.vague_items)
                and not any(it.head == of[0].i for it in ctx.items)
            ):
                more, count = c, number_value([c.lower_])
        anchors = [token.head] + ([c for c in token.head.children if c.dep_ == "dobj"] if light else [])
        first = [
            i for i in ctx.items if i.start < token.i and any(self.clause.linked(a, i.head) for a in anchors)
        ]
        if not first or more is None or not count:
            return None
        # the same system, standing where the elided phrase stands (its own verb's phrases are its sides)
        return replace(first[-1], head=more.i, start=more.i, end=more.i + 1, quantity=count)

    def more_of_the_same(self, ctx: ReadContext, item: Item) -> Candidate | None:
        """The elided conjunct's transfer: its own subject and phrases, else the first verb's receiver."""
        cand = self.read(ctx, forced=item)
        if cand is None or cand.roles.get("recipient") is not None:
            return cand
        head = ctx.token.head
        triggers = self.lex.verb_triggers.get(head.lemma_.lower(), ())
        trigger = next((t for t in triggers if t.type == "transfer"), None)
        if trigger is not None:
            first = self.read(replace(ctx, token=head, trigger=trigger), forced=item)
            if first is not None and first.roles.get("recipient") is not None:
                cand.roles["recipient"] = first.roles["recipient"]
        return cand

    def continuation(self, cand: Candidate, ctx: ReadContext) -> Candidate | None:
        """ "the contract covers ten boats", "the deal was worth X": a partial mention, merged into the
        transfer it continues (it brings quantity, value and who said so)."""
        token, sent = ctx.token, ctx.sent
        units = [t for t in sent if t.lemma_.lower() in self.lex.unit_nouns and self.items.count_of(t)]
        definite = (
            token.pos_ == "NOUN"
            and token.dep_ in ("nsubj", "nsubjpass", "dobj")
            and any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det")
        )
        if not units and not definite:
            return None
        if units:
            cand.roles["quantity"] = self.items.count_of(units[0])
        cand.money = self.clause.nearest_money(token, ctx.money)
        cand.partial = True
        return cand

    def own_money(self, token: Token, item: Item, ctx: ReadContext) -> Money | None:
        """The amount that belongs to this transfer: in the trigger's own phrase or arguments, or in the
        item's phrase; never an amount of another clause of the sentence (a credit line beside a sale)."""
        if not ctx.money:
            return None
        doc = token.doc
        spans = [self.clause.own_span(t) for t in {token, self.clause.clause_anchor(token), doc[item.head]}]
        inside = [m for m in ctx.money if any(a <= m.start < b for a, b in spans)]
        return self.clause.nearest_money(token, inside)

    # ---- which sides -------------------------------------------------------------------------------
    def clues(
        self,
        token: Token,
        direction: str | None,
        status: str | None,
        item: Item,
        segment: Span | None = None,
        others: frozenset[int] = frozenset(),
    ) -> Clues:
        clause = self.clause
        clues = Clues(direction=direction)
        if segment is not None:  # the item's own "from X" / "to Y" in a list comes first
            for t in segment:
                if t.lower_ in ("from", "to") and t.dep_ in ("prep", "dative"):
                    found = [a for c in t.children if c.dep_ == "pobj" for a in clause.parties_of(c)]
                    (clues.frm if t.lower_ == "from" else clues.to).extend(found)
        noun = token.pos_ in ("NOUN", "PROPN")
        verb = clause.light_verb(token) if noun else None
        subj: list[Token] = []
        won_from = False  # "received an order from Denmark": the from-object buys
        if verb is not None:
            lemma = verb.lemma_.lower()
            if (
                lemma in self.lex.order_receiving_verbs
                and token.lemma_.lower() in self.lex.order_nouns
                # a maker named as the subject (one no gazetteer knows too); not "our joint venture"
                and any(clause.mention_at(s) is not None for s in clause.subject_of(verb))
            ):
                clues.direction, won_from = "out", True
            elif lemma in self.lex.receiving_light_verbs:
                clues.direction = "in"  # "took delivery of", "placed an order"
            elif lemma in self.lex.supplying_light_verbs:
                clues.direction = "out"  # "won a contract"
            elif lemma in self.lex.awarding_light_verbs:
                clues.direction = "in"  # "awarded a contract to a maker": the to-object supplies
                clues.frm.extend(a for t in clause.prep_objects(verb, "to") for a in clause.parties_of(t))
                clues.frm.extend(a for c in verb.children if c.dep_ == "dative" for a in clause.parties_of(c))
        if noun:
            subj = [c for c in token.children if c.dep_ == "poss"] or clause.agent_of_noun(token)
            if not subj and verb is not None and verb.lemma_.lower() not in self.lex.ratify_verbs:
                if any(c.dep_ == "nsubjpass" for c in verb.children) and verb.lemma_.lower() in (
                    self.lex.awarding_light_verbs
                ):
                    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "X was awarded a contract"
                    clues.direction = "out"
                    clues.to.extend(a for t in clause.agent_of(verb) for a in clause.parties_of(t))
                else:
                    subj = clause.subject_of(verb)
            governor = token.head if token.dep_ in ("dobj", "pobj") else None
            if governor is not None and governor.dep_ == "prep":
                governor = governor.head
            if (
                not subj
                and (verb is None or verb.lemma_.lower() in self.lex.ratify_verbs)
                and governor is not None
                and governor.pos_ in ("VERB", "AUX")
                and governor.lemma_.lower() not in self.lex.opposing_verbs
            ):
                if clues.direction == "in":
                    subj = clause.subject_of(governor)  # "X is considering the purchase of ..."
                elif status == "offer":
                    subj = clause.subject_of(governor)  # "X weighed offers of ..."
                    clues.direction = "in"
                elif (
                    clues.direction == "out"
                    and governor.lemma_.lower() in self.lex.seller_governors
                    # "Washington cleared the re-export": the maker's state consents, another sells
                    and not (token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).lower_ == "re")
                ):
                    subj = clause.subject_of(governor)  # "X approved the sale of ... to Y"
        elif (
            token.dep_ == "acl"
            and token.head.i == item.head
            # "rifles that Belgium's FN Herstal delivered to Libya", parsed as a participle with a subject
            and not any(c.dep_ == "nsubj" for c in token.children)
        ):
            # a participle on the item: "X operates jets bought from Y", "X received jets supplied by Y"
            # the agent is the participle's own subject ("bought by X": X buys; "supplied by Y": Y supplies);
            # the one who holds the item is the other side when the clause names no other
            subj = clause.agent_of(token) or clause.reduced_relative_subject(token)
            # "howitzers supplied by France and Italy": none of the givers holds them
            givers = {a.name for s in subj for t in clause.with_conjuncts(s) for a in clause.parties_of(t)}
            holding = [a for a in self.holder_of(token.head) if a.name not in givers]
            if clues.direction == "out":
                clues.to.extend(holding)
            elif not subj:
                clues.subjects.extend(holding)
        else:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
            subj = clause.agent_of(token) or [s for s in clause.subject_of(token) if s.i != item.head]
            if passive and not clause.agent_of(token):
                subj = [s for s in subj if s.dep_ != "nsubjpass"]
            if (
                not subj
                and token.dep_ == "ccomp"
                and clues.direction == "in"  # an item is never the buyer
                and any(c.dep_ == "nsubj" and c.i == item.head for c in token.children)
            ):
                # "X operates jets bought from Y" parsed as a clause with the jets as its subject
                subj = [s for s in clause.subject_of(token.head) if s.i != item.head]
            if (
                clues.direction == "in"
                and token.lemma_.lower() in self.lex.two_way_verbs
                and not passive
                and not clause.prep_objects(token, "from")
                and any(clause.parties_of(t) for t in clause.prep_objects(token, "to"))
            ):
                clues.direction = "out"  # "Japan leased three trainers to the Vietnamese Navy": the lessor
            if passive and clues.direction == "in":
                # "the HQ-16 was inducted into the Bangladesh Army", "commissioned into the Navy": the force
                clues.to.extend(a for t in clause.prep_objects(token, "into") for a in clause.parties_of(t))
            if clues.direction == "out" and self.equips_itself(token, subj):
                clues.direction = "in"  # "X armed itself with jets", "X equipped its army with jets"
            if clues.direction == "out" or (passive and clues.direction != "in"):
                # "sold X jets", "provided X with jets": the indirect or direct object actor receives
                for child in token.children:
                    if child.dep_ in ("dative", "dobj") and child.i != item.head:
                        clues.to.extend(clause.parties_of(child))
            if passive and any(
                p.dep_ == "prep" and p.lower_ == "with" and item.head in {t.i for t in p.subtree}
                for p in token.children
            ):
                # "the RSF have been supplied with guided bombs by the UAE": who was supplied receives
                clues.to.extend(
                    a for c in token.children if c.dep_ == "nsubjpass" for a in clause.parties_of(c)
                )
                if not subj:  # the parser may hang the "by" on the item ("with 12 helicopters by Russia")
                    subj = clause.prep_objects(token.doc[item.head], "by")
        deal = self.deal_above(token)
        if deal is not None and subj:
            # "X signed a contract with a maker to supply jets": the maker supplies, X receives
            partner = [a for t in clause.prep_objects(deal, "with") for a in clause.parties_of(t)]
            if partner and clues.direction == "out":
                clues.to.extend(a for s in subj for a in clause.parties_of(s))
                subj = []
                clues.subjects.extend(partner)
        clues.subjects.extend(a for s in subj for a in clause.parties_of(s))
        # "the interior ministry handed over 100 BTR-60s", "the Ministry of Defence concluded a contract with
        # Airbus": a home body that gives or deals is the home state (one that receives may be any state's
        # unit)
        for s in subj if clues.direction != "in" else []:
            if (
                any(c.dep_ == "det" and c.lower_ == "the" for c in s.children)
                # a body named by its branch ("the interior ministry", "the Ministry of Defence"); a bare "the
                # ministry" is the one its paragraph named
                and any(c.dep_ in ("amod", "compound", "prep") for c in s.children)
                and (focus := clause.home_force(s)) is not None
            ):
                clues.subjects.append(focus)
        owner = [c for c in token.doc[item.head].children if c.dep_ == "poss"]
        if owner and clues.direction in ("out", "none", "item"):
            # "the Houthis' missiles are supplied by Iran": whose the items are is who received them; but
            # "Russia's Su-35s were delivered to Iran": with a receiver named, they were the giver's
            owners = [a for o in owner for a in clause.parties_of(o)]
            named = [a.name for t in clause.prep_objects(token, *TO_PREPS) for a in clause.parties_of(t)]
            makers = named or (item.origin and any(a.country == item.origin for a in owners))
            if (
                makers
                and not any(o.pos_ == "PRON" for o in owner)  # "its own aircraft": the subject's, as said
                and not any(a.name in named for a in owners)
                and not clause.agent_of(token)
            ):
                # "China's FTC-2000G jets were delivered": the state that makes them, not one that holds them
                clues.subjects.extend(owners)
            else:
                clues.to.extend(owners)
        # "helicopters destined for the Air Corps", "a shipment bound for the Houthis": who is to get them
        clues.to[:0] = self.destined_for(token.doc[item.head])
        if item.dative and clues.direction in ("out", "none"):
            folded = clause.country_actor(item.dative)  # "sold Chile six boats"
            if folded is not None:
                clues.to.append(folded)
        anchors = [token] + ([verb] if verb is not None else [])
        # "signed a preliminary agreement with the UK for 40 Typhoons": the deal noun signed names the seller
        anchors += [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.deal_nouns]
        if noun and clues.direction == "in" and token.dep_ == "pobj" and token.head.lower_ == "for":
            # "concluded an agreement with the Belgian Defence for the acquisition of four NH90s": what is
            # acquired comes from the deal's counterpart
            deal_noun = token.head.head
            if deal_noun.lemma_.lower() in self.lex.deal_nouns:
                clues.frm.extend(
                    a for t in clause.prep_objects(deal_noun, "with") for a in clause.parties_of(t)
                )
        # prepositions on the item's own phrase first ("A from X; B from Y"), then on the trigger and its
        # light verb, and on a participle of the trigger noun ("an order placed with X")
        if noun:  # not a purpose's ("a purchase of its own to share stocks with Estonia")
            anchors += [
                c
                for c in token.children
                if c.dep_ in ("acl", "relcl")
                and c.pos_ == "VERB"
                and (
                    self.lex.is_transfer_verb(c.lemma_)
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                )
            ]
        holders = self.item_path(token, item, others) + anchors
        # a later entry of a list does not take the phrases of the entries before it ("A from X; B")
        later_entry = any(token.i < other < item.start for other in others)
        earlier = range(token.i + 1, item.start) if later_entry else range(0)
        for holder in holders:
            for t in clause.prep_objects(holder, *TO_PREPS):
                focus = clause.home_force(t)  # "handed over to the border troops": the home forces
                if focus is not None:
                    clues.to.append(focus)
            # "flew parts of Pantsir systems into Caracas", "smuggled drones into Yemen": where it was moved
            # (not a service's own: "a US Army Patriot battery was flown into Palau" is deployed there)
            moving = self.lex.verb_triggers.get(token.lemma_.lower(), ()) if token.pos_ == "VERB" else ()
            moved = token.lemma_.lower() in self.lex.moving_into_verbs
            cargo = moved or any(t.needs == "cargo" for t in moving)
            into = ("into",) if cargo and clause.platform_owner(item) is None else ()
            for objects, preps in (
                (clues.to, TO_PREPS + into),
                (clues.frm, FROM_PREPS),
                (clues.with_, ("with",)),
            ):
                objects.extend(
                    a
                    for t in clause.prep_objects(holder, *preps)
                    if t.head.i not in earlier or holder.i == item.head
                    for a in clause.parties_of(t)
                )
        if (
            token.pos_ == "VERB"
            and token.dep_ == "pcomp"
            and token.head.lower_ in ("about", "on", "over", "for")
            and token.head.head.lemma_.lower() in self.lex.proposal_words
        ):
            # "is in talks with Japan about acquiring two patrol vessels": the side the buyer talks with
            clues.with_.extend(
                a for t in clause.prep_objects(token.head.head, "with") for a in clause.parties_of(t)
            )
        if not clues.to and token.doc[item.head].dep_ in ("dobj", "nsubjpass"):
            # "handed over 120 goggles, 40 radios and two kits to the army": the parse hangs the list's "to"
            # on its last entry; the first takes it when it has none of its own
            last = max(clause.with_conjuncts(token.doc[item.head]), key=lambda t: t.i)
            if last.i != item.head:
                clues.to.extend(a for t in clause.prep_objects(last, "to") for a in clause.parties_of(t))
        if noun:  # "the sale of jets by X to Y": the by-phrase may hang on the item
            by = [
                a
                for h in [token, *self.item_path(token, item, others)]
                for t in clause.agent_of_noun(h)
                for a in clause.parties_of(t)
            ]
            clues.subjects.extend(a for a in by if a not in clues.subjects)
        if won_from:
            clues.to.extend(clues.frm)
            clues.frm = []
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in self.lex.buying_to_seller_verbs
            and clues.direction == "in"
            and not clues.frm
        ):
            # "the 24 acquired to Denmark": a translation's seller (the parser may take "to Denmark" for a
            # verb); "bought for Ukraine" still names whom for
            sellers = [a for t in clause.prep_objects(token, "to") for a in clause.parties_of(t)] + [
                a
                for c in token.children
                if c.dep_ in ("xcomp", "advcl") and c.ent_type_ == "AW_COUNTRY"
                for a in clause.parties_of(c)
            ]
            if sellers:
                clues.frm = sellers
                clues.to = [a for a in clues.to if a not in sellers]
        return clues

    def linked_by_light_verb(self, token: Token, item: Item) -> bool:
        """ "received an order from X for 13 radars": the parse hangs the item on the deal noun's verb."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lex.order_nouns:
            return False
        verb = self.clause.light_verb(token)
        return (
            verb is not None
            and verb.lemma_.lower() in self.lex.order_receiving_verbs
            and item.head in {t.i for t in self.clause.prep_objects(verb, "for")}
        )

    def unknown_body_state(self, token: Token, item: Item, supplier: Actor) -> Actor | None:
        """ "handed over 20 trucks to the NDF": a body no gazetteer knows is the story state's."""
        clause = self.clause
        unknown = [
            t
            for t in clause.prep_objects(token, "to")
            if (t.pos_ == "PROPN" or t.is_upper)  # the parser may take an acronym for a noun
            and t.ent_type_ in ("ORG", "")
            and ((m := clause.mention_at(t)) is None or (m.type == "organization" and not m.country))
        ]
        focus = clause.focus_country(token, besides=supplier.country) if unknown else None
        return focus if focus is not None and focus.country not in (item.origin, supplier.country) else None

    def destined_for(self, noun: Token) -> list[Actor]:
        """Who a participle on the item says it is meant for ("destined for X", "bound for X")."""
        participles = [
            c
            for c in noun.children
            if c.dep_ in ("acl", "amod", "relcl") and c.lower_ in self.lex.destination_participles
        ]
        # "were destined for X" in a relative clause: the participle hangs on the clause's verb
        participles += [
            d
            for c in noun.children
            if c.dep_ == "relcl"
            for d in [c, *c.children]
            if d.lower_ in self.lex.destination_participles
        ]
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lower_ in self.lex.destination_participles:
            # "helicopters destined for X, ordered in 2024, ...": the parser may read the participle as a verb
            participles.append(noun.head)
        places = [t for p in participles for t in self.clause.prep_objects(p, "for", "to")]
        # "destined for the Navy's destroyers": the owner of the platform they are for
        places += [c for t in places if not self.clause.parties_of(t) for c in t.children if c.dep_ == "poss"]
        found: list[Actor] = []
        for t in places:
            parties = self.clause.parties_of(t)
            if not parties and self.clause.anaphor_kind(t) == "focus":
                focus = self.clause.focus_country(t)
                parties = [focus] if focus is not None else []
            elif not parties:
                focus = self.clause.home_force(t)  # "destined for the Air Corps": the home forces
                parties = [focus] if focus is not None else []
            found += parties
        return found

    def deal_above(self, token: Token) -> Token | None:
        """The deal noun an infinitive transfer verb tells the content of: "a contract ... to supply"."""
        if token.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return None
        head = token.head
        if token.dep_ in ("acl", "relcl") and head.lemma_.lower() in self.lex.deal_nouns:
            return head
        if token.dep_ in ("advcl", "xcomp"):
            return next(
                (c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.deal_nouns),
                None,
            )
        return None

    def item_path(self, token: Token, item: Item, others: frozenset[int] = frozenset()) -> list[Token]:
        """The item's head and the nouns between it and the trigger (the phrases that can hold its PPs), up
        to another item of the sentence (whose phrases are its own)."""
        doc = token.doc
        node = doc[item.head]
        path = [node]
        for _ in range(4):
            if node.head.i == node.i or node.head.i == token.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") or node.i in others:
                break
            if node.pos_ in ("NOUN", "PROPN"):
                path.append(node)
        return path

    def holder_of(self, noun: Token) -> list[Actor]:
        """Who has the thing a noun names: the subject of the clause the noun is the object of."""
        node = noun
        while node.dep_ in ("conj", "appos") and node.head.i != node.i:
            node = node.head
        if node.dep_ in ("dobj", "attr", "nsubjpass") or (node.dep_ == "pobj" and node.head.dep_ == "prep"):
            verb = node.head if node.dep_ != "pobj" else node.head.head
            if verb.pos_ in ("VERB", "AUX"):
                found = [a for s in self.clause.subject_of(verb) for a in self.clause.parties_of(s)]
                if found:
                    return found
        # "the fleet of 24 jets bought from X", "the eight jets bought in 1999, which remain ...": the
        # state the article is about
        focus = self.clause.focus_country(noun)
        return [focus] if focus is not None else []

    def pays_for(self, token: Token, item: Item) -> bool:
        """A payment is a purchase when the item is what it pays "for", in a clause of its own (not a
        purpose: "short of money to pay for the jets")."""
        if token.dep_ in ("acl", "relcl", "advcl") and any(c.lower_ == "to" for c in token.children):
            return False
        holders = [token] + [c for c in token.children if c.dep_ == "dobj"]  # "paid $9 million for jets"
        paid_for = [
            t
            for h in holders
            for p in self.clause.prep_objects(h, "for")
            for t in self.clause.with_conjuncts(p)
        ]
        return any(t.i == item.head for t in paid_for)

    def equips_itself(self, token: Token, subjects: list[Token]) -> bool:
        """The object the verb equips is its own subject: "itself", or its own forces ("its army")."""
        for child in token.children:
            if child.dep_ != "dobj":
                continue
            if child.lower_ in REFLEXIVES:
                return True
            owner = [c for c in child.children if c.dep_ == "poss"]
            if (
                child.lemma_.lower() in self.lex.force_nouns
                and owner
                and (owner[0].pos_ == "PRON" or any(owner[0].i == s.i for s in subjects))
            ):
                return True
        return False

    def made_for_customer(self, token: Token) -> bool:
        """ "is building F-16s for Bulgaria", "the first jet built for Slovakia": a verb of making whose "for"
        names a party other than the maker's own state."""
        clause = self.clause
        holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        customers = [a for h in holders for t in clause.prep_objects(h, "for") for a in clause.parties_of(t)]
        # "two vessels destined for the Navy of X are being built by Y": the item says whose it will be
        customers += [a for h in holders for a in self.destined_for(h)]
        makers = {
            a.as_party(self.gaz).country
            for s in clause.subject_of(token) + clause.agent_of(token)
            for a in clause.parties_of(s)
        }
        return any(a.as_party(self.gaz).country not in makers for a in customers if a.country)

    def relative_holder(self, token: Token, supplier: Actor) -> Actor | None:
        """ "The Nepali Army flies a Dhruv that India gifted in 2014", "the navy operates two boats Japan
        donated": what a clause on the object of using or holding says was given went to the user."""
        clause = self.clause
        noun = token.head
        if token.dep_ not in ("relcl", "acl") or noun.dep_ != "dobj":
            return None
        if noun.head.lemma_.lower() not in self.lex.holding_verbs | self.lex.previous_user_verbs:
            return None
        return next(
            (
                a
                for s in clause.subject_of(noun.head)
                for a in clause.parties_of(s)
                if self.party_name(a) != self.party_name(supplier)
            ),
            None,
        )

    def relative_giver(self, item: Item, recipient: Actor | None) -> Actor | None:
        """The subject of a relative clause of giving on the item ("the jets that Sweden pledged")."""
        if item.doc is None:
            return None
        clause = self.clause
        head = item.doc[item.head]
        for rel in head.children:
            lemma = rel.lemma_.lower()
            giving = lemma in self.lex.pledging_verbs or any(
                t.type == "transfer" and t.direction == "out" and t.needs != "customer"
                for t in self.lex.verb_triggers.get(lemma, ())
            )
            if rel.dep_ == "relcl" and rel.pos_ == "VERB" and giving:
                for subject in clause.subject_of(rel):
                    for actor in clause.parties_of(subject):
                        if recipient is None or self.party_name(actor) != self.party_name(recipient):
                            return actor
        return None

    def other_buyer_named(self, token: Token, home: Actor) -> bool:
        """Whether the trigger's sentence names another state beside the item's own ("Poland's Pioruns for
        Latvia")."""
        return any(
            m.type == "country" and m.country and m.country != home.country
            for m in self.clause.sentence_actors(token.sent)
        )

    @staticmethod
    def fellow_buyer(doc: Doc, actor: Actor) -> bool:
        """Whether a party is named in a "jointly with", "together with" or "along with" phrase."""
        if actor.mention is None:
            return False
        prep = next(
            (a for a in doc[actor.mention.start].ancestors if a.lower_ == "with" and a.dep_ == "prep"), None
        )
        return prep is not None and prep.i > 0 and doc[prep.i - 1].lower_ in ("jointly", "together", "along")

    def abroad_with_owner(self, token: Token, item: Item) -> bool:
        """An item named with its armed service ("US Navy destroyers") or a platform with its state ("three
        Russian warships") arriving in another state."""
        owner = self.clause.platform_owner(item)
        if owner is None:
            return False
        after = token.doc[token.i + 1 : token.sent.end]
        return any(m.country and m.country != owner.country for m in self.clause.sentence_actors(after))

    def owned_arriving_nowhere_named(self, token: Token, item: Item) -> bool:
        """A state's own warship or military aircraft arriving at a place the text ties to no state."""
        if self.clause.platform_owner(item) is None:
            return False
        after = token.doc[token.i + 1 : token.sent.end]
        return not any(m.country for m in self.clause.sentence_actors(after))

    @staticmethod
    def verb_of(token: Token) -> int:
        """The verb whose clause a word is in (its own index when it has none)."""
        for ancestor in token.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                return ancestor.i
        return token.i

    @staticmethod
    def coordinated_with(doc: Doc, first: Mention, actor: Actor) -> bool:
        """Whether the actor is named as a further entry of the list the first name heads ("from Lebanon
        and Libya"), not as an alternative ("from Turkey or China")."""
        if actor.mention is None:
            return False
        token = doc[actor.mention.end - 1]
        # "12 Typhoons from Qatar and another 12 from Oman": an entry of the list with its own seller
        prep, first_prep = token.head, doc[first.end - 1].head
        if prep.lower_ == "from" == first_prep.lower_ and prep.head.dep_ == "conj":
            listed = {first_prep.head.i} | {c.i for c in first_prep.head.children if c.dep_ == "dobj"}
            listed |= {a.i for a in first_prep.head.ancestors}  # the parse may hang the entry higher
            if prep.head.head.i in listed:
                return True
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
            if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in token.children):
                return False
            if first.start <= token.i < first.end:
                return True
        return False

    def sides(
        self,
        token: Token,
        direction: str | None,
        status: str | None,
        sent: Span,
        item: Item,
        segment: Span | None = None,
        others: frozenset[int] = frozenset(),
    ) -> Sides:
        """Supplier and recipient of the transfer a trigger reports about an item."""
        clause = self.clause
        clues = self.clues(token, direction, status, item, segment, others)
        # "acquired jointly with Estonia", "bought together with Estonia": a fellow buyer, not the seller
        clues.with_ = [a for a in clues.with_ if not self.fellow_buyer(token.doc, a)]
        subjects, to, frm, with_ = clues.subjects, clues.to, clues.frm, clues.with_
        supplier: Actor | None = None
        recipient: Actor | None = None
        bought_by: Actor | None = None
        placed = False
        if clues.direction == "out":
            recipient = to[0] if to else None
            # "Saab and Damen offered submarines to the Dutch navy": of partners, the one from abroad sells
            supplier = next(
                (
                    s
                    for s in subjects
                    if recipient is None or self.party_name(s) != self.party_name(recipient)
                ),
                subjects[0] if subjects else None,
            )
            if recipient is None and supplier is not None:
                recipient = self.relative_holder(token, supplier)  # "flies a Dhruv that India gifted"
            if supplier is None and frm:
                supplier = frm[0]
            elif (
                supplier is not None
                and frm
                and (recipient is None or self.party_name(recipient) == self.party_name(supplier))
                # "offered jets from their own fleets": the subjects' own stock, no other seller
                and self.party_name(frm[0]) not in {self.party_name(s) for s in subjects}
            ):
                supplier, recipient = frm[0], supplier  # "X equipped its army with jets from Y"
        elif clues.direction == "in":
            recipient = subjects[0] if subjects else (to[0] if to else None)
            # "Canada spent $406 million buying NASAMS from the US for Ukraine": Ukraine's, Canada pays (the
            # "for" may hang on the seller: "bought two systems from the United States for Ukraine")
            served = [
                a
                for t in clause.prep_objects(token, "for")
                + [
                    x
                    # "Germany's order of tanks from Rheinmetall for Ukraine": the "from" on the item
                    for f in clause.prep_objects(token, "from")
                    + clause.prep_objects(token.doc[item.head], "from")
                    # "procures five P-8A aircraft, spares and support equipment for the government of X"
                    + [j for c in token.children if c.dep_ == "dobj" for j in clause.with_conjuncts(c)]
                    for x in clause.prep_objects(f, "for")
                ]
                for a in clause.parties_of(t)
                if a.type == "country"
            ]
            helped = [a for a in served if a.mention is not None and a.mention.form in ("name", "capital")]
            if recipient is None and served:  # "this modification procures jets for X": no buyer but X
                recipient = served[0]
            if (
                subjects
                and (token.pos_ == "VERB" or any(c.dep_ == "poss" for c in token.children))
                and token.lemma_.lower() in self.lex.purchase_verbs
                and subjects[0].type == "country"
                and helped
                and subjects[0].name != helped[0].name
                and not any(self.party_name(a) == helped[0].name for a in frm + with_)
            ):
                bought_by, recipient = subjects[0], helped[0]
            supplier = frm[0] if frm else (with_[0] if with_ else None)
            if (recipient is None or recipient.mention is None) and token.pos_ == "VERB":
                # "In Australia, the army ordered 211 vehicles": the state the clause is set in, before a body
                # of no named state read from the story
                subject_at = min((s.i for s in clause.subject_of(token)), default=token.i)
                recipient = next(
                    (
                        a
                        for t in clause.prep_objects(token, "in")
                        if t.i < subject_at
                        for a in clause.parties_of(t)
                        if a.type == "country" and a.name != self.party_name(supplier)
                    ),
                    recipient,
                )
            if recipient is None:  # "Greece's S-300 batteries were bought from Russia": whose they are
                recipient = next(
                    (
                        a
                        for a in self.owner_states(item)
                        # not the maker's state: "picked Norway's NASAMS" names whose make it is
                        if a.name != self.party_name(supplier) and a.country != item.origin
                    ),
                    None,
                )
            if recipient is None and not frm and with_ and self.buys_made_elsewhere(with_[0], item):
                # "a contract signed in July with the Dutch materiel agency for NASAMS": the buyer
                recipient, supplier = with_[0], None
            elif (
                recipient is not None
                and recipient.country == item.origin
                and not frm
                and with_
                and self.buys_made_elsewhere(with_[0], item)
            ):
                # "We signed a contract with the Vietnamese ministry for 20 K9s", the maker's state speaking
                recipient, supplier = with_[0], recipient
            if supplier is None and token.lemma_.lower() in self.lex.payment_verbs:
                # "X paid Y $96 million for jets", "paid $96 million to Y for jets": the payee sells
                payees = [
                    a for c in token.children if c.dep_ in ("dative", "dobj") for a in clause.parties_of(c)
                ]
                supplier = next((a for a in payees + to if a is not recipient), None)
            if supplier is None:  # "received the six helicopters that Italy pledged": the pledge's giver
                supplier = self.relative_giver(item, recipient)
            if (
                recipient is not None
                and recipient.type == "company"
                and token.lemma_.lower() in self.lex.purchase_verbs
                and supplier is not None
                # a state only as the seller of a verb's "from" ("bought tanks from a Belgian dealer"), not
                # as the one placing "an order" the maker received
                and (supplier.type == "company" or (supplier.type == "country" and token.pos_ == "VERB"))
                and recipient.country
                and supplier.country
                and recipient.country != supplier.country
                and (home := clause.country_actor(recipient.country)) is not None
            ):
                # "HAL ordered 99 engines from GE Aerospace", "Rheinmetall bought 50 tanks from a Belgian
                # dealer": a maker of one state buys abroad, for its state
                recipient = home
            elif recipient is not None and recipient.type == "company" and supplier is not None:
                recipient, supplier = supplier, recipient  # "the maker received an order from X"
        elif clues.direction == "seized":  # "seized rifles bound for X that came from Y": the cargo's sides
            recipient = next((a for a in to if a.type != "company"), None)
            supplier = frm[0] if frm else None
            if recipient is None:
                return Sides(None, None, False)  # a cargo stopped with no addressee named tells no transfer
        elif clues.direction == "licence":  # "X will build jets under licence from Y"
            governor = token.head.head if token.dep_ == "pobj" else token.head
            holders = [a for s in clause.subject_of(governor) for a in clause.parties_of(s)]
            recipient = holders[0] if holders else None
            supplier = frm[0] if frm else (with_[0] if with_ else None)
        elif clues.direction == "item":  # "the jets arrived in X", "reached X", "joined X's navy"
            places = [
                a
                for t in clause.prep_objects(token, "to", "in", "into", "at", "with")
                + [c for c in token.children if c.dep_ == "dobj"]
                # "the arrival of two Swedish aircraft in Ukraine": the place the parse hangs on the item
                + (
                    clause.prep_objects(token.doc[item.head], "in", "into", "to")
                    if token.pos_ == "NOUN"
                    else []
                )
                for a in clause.parties_of(t)
            ]
            recipient = next((a for a in to + places if a.type != "company"), None)
            placed = recipient is not None  # "the arrival of the aircraft in Ukraine" names its side
            supplier = frm[0] if frm else None
            arrived_at = next((a for a in places if a.type == "country"), None)
            if (
                to
                and to[0].type == "country"
                and arrived_at is not None
                and self.party_name(arrived_at) != self.party_name(to[0])
            ):
                # "Germany's first IRIS-T system has arrived in Ukraine": the possessor sent it
                supplier, recipient = supplier or to[0], arrived_at
            if (
                recipient is None
                and token.dep_ == "dobj"
                and token.head.lemma_.lower() in self.lex.arrival_host_verbs
            ):
                # "the Air Force welcomed the arrival of the second A400M": who welcomes it takes it
                hosts = [a for s in clause.subject_of(token.head) for a in clause.parties_of(s)]
                recipient = next((a for a in hosts if a.type != "company"), None)
                placed = recipient is not None
            if recipient is None and supplier is not None:
                recipient = clause.focus_country(token)  # "drones had also arrived from X"
        else:  # contracts, deals, batches: who is who follows from the kinds of actors
            named = subjects + with_ + frm + to
            stated = self.items.origin_modifier(token, token.i) if token.pos_ == "NOUN" else None
            # "a contract signed with the Dutch materiel agency for NASAMS": a state the deal is made with,
            # whose make the system is not, buys it, unless another buyer is named than the maker's own state
            # ("We signed a contract with the Vietnamese ministry for 20 K9s", said by the maker)
            sellers = [a for a in subjects if a.country and a.country == item.origin]
            buying = [
                a for a in with_ if (sellers or not subjects + to) and self.buys_made_elsewhere(a, item)
            ]
            # the seller: a company, else the nationality of the deal, else the counterpart it is bought
            # "from" or signed "with", else the side whose country made the item
            # "HAL signed a contract with US firm GE Aerospace for F404 engines": of two makers of two states,
            # the one of the item's state sells, and the other's state buys
            companies = [a for a in named if a.type == "company" and a.country]
            maker_side = next((a for a in companies if item.origin and a.country == item.origin), None)
            other_maker = next(
                (a for a in companies if maker_side is not None and a.country != maker_side.country), None
            )
            supplier = (
                (maker_side if other_maker is not None else None)
                or next((a for a in named if a.type == "company"), None)
                or clause.country_actor(stated)
                or next((a for a in frm + with_ if a not in subjects and a not in buying), None)
                or next((a for a in named if item.origin and a.country == item.origin), None)
            )
            supplier_name = self.party_name(supplier)
            recipient = next(
                (
                    a
                    for a in to + subjects + with_
                    if a.type != "company" and self.party_name(a) != supplier_name
                ),
                None,
            )
            if recipient is None and other_maker is not None and other_maker.country:
                recipient = clause.country_actor(other_maker.country)
            if supplier is None and recipient is not None and any(a is recipient for a in to):
                # "Britain's new package for Ukraine": the deal's possessor gives to the one it is for
                possessors = [a for c in token.children if c.dep_ == "poss" for a in clause.parties_of(c)]
                supplier = next(
                    (a for a in possessors if self.party_name(a) != self.party_name(recipient)), None
                )
        if recipient is not None and recipient.type == "company":
            if supplier is None:
                supplier = recipient  # a company never buys here: it is the seller the clause names
            recipient = None
        if (
            recipient is None
        ):  # "delivered two jets on Monday to X": a "to" the parse hung elsewhere on a verb
            pps = [
                a
                for t in clause.pp_everywhere(sent, "to")
                # not "according to X", whose "according" the parser tags a verb
                if t.pos_ != "PRON" and t.head.head.pos_ == "VERB" and t.head.head.dep_ != "prep"
                for a in clause.parties_of(t)
            ]
            recipient = next((a for a in pps if a != supplier and a.type != "company"), None)
        if recipient is None and clues.direction in ("out", "item"):
            # "In Poland, the launchers from the first contract have all been handed over": the place the
            # sentence opens with is where they went
            opening = sent[0] if sent[0].lower_ == "in" and sent[0].dep_ == "prep" else None
            fronted = [
                a
                for t in (opening.children if opening is not None else [])
                if t.dep_ == "pobj" and t.i + 1 < sent.end and sent.doc[t.i + 1].text == ","
                for a in clause.parties_of(t)
                if a.type == "country"
            ]
            recipient = next(
                (a for a in fronted if a.name != self.party_name(supplier) and a.country != item.origin),
                None,
            )
        fallback = None
        if recipient is None and clues.direction != "in":
            passing = self.passing_country(sent, item, supplier, subjects)
            if passing is not None and passing.mention is not None and passing.mention.form == "demonym":
                fallback = passing  # a nationality named in passing: only when the context names no one
            else:
                recipient = passing
        passive_out = clues.direction == "out" and any(
            c.dep_ in ("nsubjpass", "auxpass") for c in token.children
        )
        handed = (
            clues.direction == "out"
            and token.pos_ == "VERB"
            and token.lemma_.lower() in self.lex.handover_verbs
            and token.doc[item.head].pos_ != "PRON"  # "Airbus handed it over": "it" may be another's
        )
        if recipient is None and fallback is None and (passive_out or handed) and supplier is not None:
            # "nine gunboats were supplied by Israel Shipyards", "India handed over the Kilo-class submarine
            # in 2020": the buyer goes unsaid; if the deals around name none, it is the state the article is
            # about
            focus = clause.focus_country(token)
            if focus is not None and focus.country not in (item.origin, supplier.country):
                fallback = focus
        if recipient is None and fallback is None and clues.direction == "out" and supplier is not None:
            fallback = self.unknown_body_state(token, item, supplier)
        if recipient is None and fallback is None and clues.direction == "out" and supplier is not None:
            # "Zelensky said Germany had delivered another IRIS-T system": delivered to the speaker's state
            speaker = clause.speaker_state(token)
            if speaker is not None and speaker.country not in (item.origin, supplier.country):
                fallback = speaker
        if (
            recipient is None
            and (clues.direction == "in" or token.pos_ == "NOUN")
            and not subjects
            and (frm or with_)
        ):
            # "the 66 F-16s ordered from the United States in 2019", "payments on a contract for two ships
            # from a Spanish yard": the buyer goes unsaid; if the deals around name none, it is the state the
            # article is about
            focus = clause.focus_country(token)
            if (
                focus is not None
                and focus.country != item.origin
                and focus.name != self.party_name(frm[0] if frm else with_[0])
            ):
                fallback = focus
        if supplier is None:  # "a contract for carriers with a maker"
            supplier = next(
                (
                    a
                    for t in clause.pp_everywhere(sent, "with")
                    for a in clause.parties_of(t)
                    if a.type == "company" and a != recipient
                ),
                None,
            )
        owners = self.owner_states(item)  # whose the item is or was, read once for the seller and second_hand
        if supplier is None and recipient is not None and clues.direction in ("out", "item"):
            # "Romania's own Patriot system, handed to Ukraine in 2024": the state that had it gives it
            supplier = next((a for a in owners if a.name != recipient.name), None)
        if supplier is None and recipient is not None:
            # "Tunisia is to receive four NH90s that previously flew with the Belgian armed forces"
            supplier = next((a for a in self.previous_users(item) if a.name != recipient.name), None)
        by_origin = supplier is None and item.origin is not None
        if supplier is None and item.origin:
            supplier = clause.country_actor(item.origin)
        if supplier is None:  # "buy jets from X": a "from" elsewhere in the sentence
            pps = [a for t in clause.pp_everywhere(sent, "from") for a in clause.parties_of(t)]
            supplier = next((a for a in pps if a != recipient), None)
        if (
            supplier is not None
            and recipient is not None
            and self.party_name(supplier) == self.party_name(recipient)
        ):
            home = clause.country_actor(item.origin) if item.catalog and item.origin else None
            works = any(t.lemma_.lower() in self.lex.plant_nouns for t in clause.prep_objects(token, "from"))
            if home is not None and works and recipient.country != item.origin and supplier in frm:
                # "handed over to the Australian Army from our plant in Geelong": made in the buyer's state by
                # a foreign maker, whose state supplies it
                supplier = home
            elif not item.catalog and item.origin is not None and item.origin != recipient.country:
                # "the Ministry of Defence handed over to the Army vehicles of Canadian manufacture": the
                # state that made them supplied them
                supplier = clause.country_actor(item.origin)
            elif clues.direction == "in":
                supplier = None
            else:
                recipient = None
        domestic = False
        if recipient is not None and supplier is None and item.catalog and recipient.country == item.origin:
            # a state does not import its own system: "the Polish Armed Forces have not received all the
            # Pioruns" tells of no export (a state only read into "the army" may be the wrong one)
            domestic = (recipient.mention is not None or clues.direct) and not self.other_buyer_named(
                token, recipient
            )
            recipient = None
        maker: Actor | None = None
        if supplier is not None and supplier.type == "company":
            maker = supplier
            state = (
                self.stated_home(token.doc, supplier)
                or self.maker_origin(supplier, item, recipient)
                or clause.country_actor(supplier.country)
            )
            if state is not None:
                supplier = state
            if recipient is not None and recipient.country == maker.country:
                recipient = None  # a maker delivering to its own state's forces is no export
        if maker is None and item.maker and supplier is not None and supplier.country == item.origin:
            maker = Actor(item.maker, "company", item.origin)
        # "sold to X and Y", "X and Y ordered": one transfer for each recipient state named with the first
        pool = (
            to
            if clues.direction == "out"
            else (subjects if clues.direction == "in" and not bought_by else [])
        )
        also = [
            a
            for a in pool
            if recipient is not None
            and a.type == "country"
            and a.mention is not None  # named, not a story state read into "the air force"
            and a.name not in (recipient.name, self.party_name(supplier))
        ]
        # "Qatar and Oman have offered jets", "bought Mirages from Lebanon and Libya": one transfer for each
        # supplier state named with the first
        supplier_pool = subjects if clues.direction == "out" and maker is None else []
        if (
            clues.direction == "in"
            and supplier is not None
            and supplier.mention is not None
            # "buys from Turkey, Israel and South Africa, and signed for four Cobra II": the states it buys
            # from in general, not the sellers of what another verb tells of
            and self.verb_of(token.doc[supplier.mention.start]) == self.verb_of(token.doc[item.head])
        ):
            supplier_pool = [a for a in clues.frm if self.coordinated_with(token.doc, supplier.mention, a)]
        also_suppliers = [
            a
            for a in supplier_pool
            if supplier is not None
            and a.type == "country"
            and a.name not in (supplier.name, self.party_name(recipient))
        ]
        return Sides(
            supplier,
            recipient,
            clues.direct or placed,
            maker,
            fallback,
            list({a.name: a for a in also}.values()),
            list({a.name: a for a in also_suppliers}.values()),
            by_origin and supplier is not None and supplier.country == item.origin,
            bought_by
            if recipient is not None and bought_by is not None and recipient.name != bought_by.name
            else None,
            second_hand=supplier is not None and any(a.name == supplier.name for a in owners),
            domestic=domestic,
        )

    def owner_states(self, item: Item) -> list[Actor]:
        """The states an item phrase names as its owners ("Romania's own Patriot system"), or whose service
        had it ("two former Royal Navy minehunters")."""
        if item.doc is None:
            return []
        head = item.doc[item.head]
        owners = [
            a
            for c in head.children
            if c.dep_ == "poss"
            for a in self.clause.parties_of(c)
            if a.type == "country"
        ]
        # "TF-SIF, the surveillance aircraft of the Icelandic Coast Guard": the body it belongs to
        owners += [
            a.as_party(self.gaz)
            for node in (head, *(c for c in head.children if c.dep_ == "appos"))
            for t in self.clause.prep_objects(node, "of")
            for a in self.clause.parties_of(t)
            if a.type != "company" and a.as_party(self.gaz).type == "country"
        ]
        if item.catalog and item.origin:
            # "the last three Lithuanian Mi-8 helicopters were given to Ukraine": a state's word on a system
            # made elsewhere names whose it was
            owners += [
                a
                for t in self.clause.item_words(item)
                if t.dep_ in ("amod", "compound", "nmod") and t.i != item.head
                for m in [self.clause.mention_at(t)]
                if m is not None and m.type == "country" and m.form == "demonym" and m.country != item.origin
                for a in [self.clause.country_actor(m.country)]
                if a is not None
            ]
        service = self.clause.force_owner(item) if self.clause.handed_on(item) else None
        return owners + ([service] if service is not None else []) + self.previous_users(item)

    def previous_users(self, item: Item) -> list[Actor]:
        """The states an item phrase names as its earlier users: "ex-Belgian NH90s", "helicopters that
        previously flew with the Belgian armed forces", "which were formerly operated by the Air
        Component"."""
        assert item.doc is not None
        clause = self.clause
        head = item.doc[item.head]
        words = clause.item_words(item)
        users: list[Actor] = []
        if clause.names_handed_on(words):  # "ex-Belgian", "former Dutch"
            users += [
                a
                for t in words
                if t.dep_ in ("amod", "compound", "nmod") and t.i != item.head
                for m in [clause.mention_at(t)]
                if m is not None and m.type == "country" and m.form == "demonym"
                for a in [clause.country_actor(m.country)]
                if a is not None
            ]
        for verb in (c for c in head.children if c.dep_ in ("relcl", "acl")):
            if verb.lemma_.lower() not in self.lex.previous_user_verbs or not any(
                c.lower_ in self.lex.previous_user_words for c in verb.children if c.dep_ in ("advmod", "aux")
            ):
                continue
            for prep in (
                c for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with")
            ):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    state = clause.person_state(clause.actor_of(pobj))
                    if state is not None and state.type == "country":
                        users.append(state)
        return users

    @staticmethod
    def buys_made_elsewhere(actor: Actor, item: Item) -> bool:
        """A state a deal is made "with", whose make the catalog system is not: the buyer, not the seller."""
        return bool(
            item.catalog
            and item.origin
            and actor.type != "company"
            and actor.country
            and actor.country != item.origin
        )

    def talks_sides(self, token: Token) -> list[Actor]:
        """ "X and Y are in talks for the transfer of ...", "talks with Y on the sale of ...": the sides of
        the talks a deal noun is the subject of."""
        clause = self.clause
        if token.dep_ != "pobj" or token.head.lower_ not in ("for", "on", "over", "about"):
            return []
        talks = token.head.head
        if talks.pos_ != "NOUN" or talks.lemma_.lower() not in self.lex.proposal_words:
            return []
        holder = talks.head.head if talks.dep_ == "pobj" else talks.head  # "are in talks", "held talks"
        sides = [
            a
            for s in clause.subject_of(holder)
            for t in clause.with_conjuncts(s)
            for a in clause.parties_of(t)
        ]
        return sides + [a for t in clause.prep_objects(talks, "with") for a in clause.parties_of(t)]

    def stated_home(self, doc: Doc, company: Actor) -> Actor | None:
        """ "France's KNDS", "KNDS of France": the state the text gives a company (a multinational group's
        arm), before the catalog's home state of the group."""
        if company.mention is None:
            return None
        root = doc[company.mention.start : company.mention.end].root
        near = [c for c in root.children if c.dep_ == "poss"]
        near += [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for t in near:
            mention = self.clause.mention_at(t)
            if mention is not None and mention.type == "country" and mention.form == "name":
                return self.clause.country_actor(mention.country)
        return None

    def denying_state(self, token: Token) -> Actor | None:
        """The state of whoever denies the transfer the word tells: the subject of "denied", "dismissed" above
        it, or of a reporting verb above a report said to be false or not to be so."""
        # "the helicopters had not been handed over to Afghanistan, the ministry said"
        denied = token.pos_ == "VERB" and any(c.dep_ == "neg" for c in token.children)
        for verb in token.ancestors:
            stance = (  # "reports about ... do not correspond": the parser may tag such a noun a verb
                self.lex.reporting_verbs.get(verb.lemma_.lower())
                if verb.pos_ == "VERB" and verb.dep_ not in NOMINAL_DEPS
                else None
            )
            if stance is None:
                if verb.pos_ in ("VERB", "AUX") and (
                    any(c.dep_ == "neg" for c in verb.children)
                    or any(
                        t.lemma_.lower() in self.lex.denial_words
                        for c in verb.children
                        if c.dep_ in ("acomp", "attr")
                        for t in c.subtree
                    )
                ):
                    denied = True
                continue
            if stance != "denied" and not denied:
                return None
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ == "PRON":
                return None
            return self.clause.person_state(self.clause.actor_of(subject))
        return None

    def party_name(self, actor: Actor | None) -> str | None:
        if actor is None:
            return None
        if actor.type == "company" and actor.country:
            return self.gaz.country_name(actor.country) or actor.name
        return actor.as_party(self.gaz).name

    def passing_country(
        self, sent: Span, item: Item, supplier: Actor | None, subjects: list[Actor]
    ) -> Actor | None:
        """A country named in passing that is not itself a side of another clause (a rival bidder, a third
        party): the recipient of an outward transfer whose recipient the clause does not name."""
        clause = self.clause
        supplier_name = self.party_name(supplier)
        for m in clause.sentence_actors(sent):
            if m.type != "country" or m.country == item.origin or m.form == "dateline":
                continue
            root = sent.doc[m.start : m.end].root
            if root.dep_ == "pobj" or clause.in_subject(root) or clause.in_circumstance(root):
                continue
            if m.form == "demonym" and clause.affiliation(root):
                continue  # "the Ruritanian president": whose official, not who receives
            if m.form == "capital" and root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN":
                continue  # "researchers at a Washington think tank": where a body sits, not a side
            owned = clause.mention_at(root.head) if root.dep_ in ("poss", "compound", "amod") else None
            if (owned is not None and owned.type in ("company", "organization")) or (
                root.dep_ == "poss" and root.head.pos_ == "PROPN" and owned is None
            ):
                continue  # "selected over Germany's Thyssenkrupp": whose company, not who receives
            actor = clause.actor_for_mention(m)
            if actor.name in {s.name for s in subjects} or actor.name == supplier_name:
                continue
            return actor
        return None

    def deal_sides(self, ctx: ReadContext) -> list[Actor]:
        """The two sides of a signed deal for an item ("signed a contract for jets with a maker"), as
        parties of the agreement; empty when the deal names no item."""
        item = self.governed_item(ctx)
        if item is None:
            return []
        token = ctx.token
        if item.category == "other" and not item.catalog and not self.clause.linked(token, item.head):
            return []
        sides = self.sides(token, "none", "order", ctx.sent, item)
        if (
            token.pos_ == "NOUN"
            and not sides.direct
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        ):
            return []
        return [a for a in (sides.recipient, sides.supplier) if a is not None]
