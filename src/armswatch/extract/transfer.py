"""Transfers: who supplies what to whom, read from a transfer verb or noun and its arguments."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Actor, Candidate, Item, ReadContext


@dataclass
class Sides:
    supplier: Actor | None
    recipient: Actor | None
    direct: bool  # some side was named in the trigger's own arguments


class TransferReader(Reader):
    def read(self, ctx: ReadContext, forced: Item | None = None) -> Candidate | None:
        token, trigger, sent, items, money = ctx.token, ctx.trigger, ctx.sent, ctx.items, ctx.money
        clause = self.clause
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("acl", "relcl", "xcomp")
            and c.pos_ == "VERB"
            and any(t.type == "transfer" for t in self.lex.verb_triggers.get(c.lemma_.lower(), ()))
            for c in token.children
        ):
            return None  # "a deal to sell jets to X": the verb carries the event
        if (
            token.pos_ == "NOUN"
            and forced is None
            and token.dep_ == "pobj"
            and token.head.lower_ in ("in", "under", "as", "through", "via")
            and any(
                t.type == "transfer" for t in self.lex.verb_triggers.get(token.head.head.lemma_.lower(), ())
            )
        ):
            # "bought jets from X in a deal worth ...": the deal is the purchase itself
            cand = Candidate("transfer", token, self.modality.status_for(token, trigger), partial=True)
            cand.money = clause.nearest_money(token, money)
            return cand
        item = forced or self.items.nearest_item(token, items)
        if (
            item is not None
            and forced is None
            and token.pos_ == "VERB"
            and not clause.linked(token, item.head)
        ):
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if objects and not any(clause.actors_of(o) or o.pos_ == "PRON" for o in objects):
                return None  # "provided support": the object is no weapon
            if clause.other_clause(token, token.doc[item.head]):
                return None  # the item belongs to another clause of the sentence
        if (
            item is not None
            and forced is None
            and token.pos_ == "NOUN"
            and any(
                c.dep_ == "det" and c.lower_ in ("that", "this", "these", "those") for c in token.children
            )
            and not clause.linked(token, item.head)
        ):
            item = (
                None  # "that delivery, carried by transport planes": refers back; the planes are not the item
            )
        cand = Candidate("transfer", token, self.modality.status_for(token, trigger))
        if item is None:
            return self.continuation(cand, ctx)
        if item.category == "other" and not item.catalog and not clause.linked(token, item.head):
            return None
        sides = self.sides(token, trigger.direction, trigger.status, sent, item)
        if (
            token.pos_ == "NOUN"
            and forced is None
            and not sides.direct
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
        ):
            # "the sale is the maker's second export": talks about a deal already reported
            cand.roles["item"] = item
            cand.partial = True
            cand.money = clause.nearest_money(token, money)
            return cand
        supplier, recipient = sides.supplier, sides.recipient
        if (
            supplier is not None
            and recipient is not None
            and supplier.type == "company"
            and supplier.country == recipient.country
        ):
            recipient = None  # a maker delivering to its own state's forces is not read as an export here
        cand.needs_context = recipient is None or supplier is None
        cand.roles.update(supplier=supplier, recipient=recipient, item=item)
        if item.quantity:
            cand.roles["quantity"] = item.quantity
        cand.money = clause.nearest_money(token, money)
        return cand

    def continuation(self, cand: Candidate, ctx: ReadContext) -> Candidate | None:
        """ "the order was for six units", "the deal was worth X": a partial mention, merged into the transfer
        it continues (it brings quantity, value and who said so)."""
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

    def sides(self, token: Token, direction: str | None, status: str | None, sent: Span, item: Item) -> Sides:
        """Supplier and recipient of the transfer a trigger reports about an item."""
        clause = self.clause
        verb = clause.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
        if verb is not None and verb.lemma_.lower() in self.lex.receiving_light_verbs:
            direction = "in"
        if token.pos_ in ("NOUN", "PROPN"):
            subj = [c for c in token.children if c.dep_ == "poss"] or clause.agent_of_noun(token)
            if not subj and verb is not None and verb.lemma_.lower() not in self.lex.ratify_verbs:
                subj = clause.subject_of(verb)
            governor = token.head if token.dep_ == "dobj" else None
            if (
                not subj
                and verb is None
                and governor is not None
                and governor.lemma_.lower() not in self.lex.opposing_verbs
            ):
                if direction == "in":
                    subj = clause.subject_of(governor)  # "X is considering the purchase of ..."
                elif status == "offer":
                    subj = clause.subject_of(governor)  # "X weighed offers of ..."
                    direction = "in"
        else:
            subj = clause.agent_of(token) or [s for s in clause.subject_of(token) if s.i != item.head]
        anchor = verb if verb is not None else token
        subjects = [a for s in subj for a in clause.parties_of(s)]

        def pp(*preps: str) -> list[Actor]:
            return [
                a
                for t in clause.prep_objects(token, *preps) + clause.prep_objects(anchor, *preps)
                for a in clause.parties_of(t)
            ]

        to, frm, with_ = pp("to", "for"), pp("from"), pp("with")
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
            # the seller: a company, else the nationality of the deal, else the counterpart it is bought
            # "from" or signed "with", else the maker
            stated = self.items.origin_modifier(token, token.i) if token.pos_ == "NOUN" else None
            supplier = (
                next((a for a in named if a.type == "company"), None)
                or clause.country_actor(stated)
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
            pps = [a for t in clause.pp_everywhere(sent, "to") for a in clause.parties_of(t)]
            recipient = next((a for a in pps if a != supplier), None)
        if recipient is not None and recipient.type == "company":
            recipient = None  # companies sell; a company named as buyer is a misreading
        if recipient is None and direction != "in":
            # a country named in passing, but not one that is itself the subject of a clause (a rival
            # bidder, a third party)
            supplier_name = supplier.as_party(self.gaz).name if supplier else None
            others = [
                clause.actor_for_mention(m).as_party(self.gaz)
                for m in clause.sentence_actors(sent)
                if m.type == "country"
                and m.country != item.origin
                and m.form != "dateline"
                and sent.doc[m.start : m.end].root.dep_ != "pobj"
                and not clause.in_subject(sent.doc[m.start : m.end].root)
                and not clause.in_circumstance(sent.doc[m.start : m.end].root)
            ]
            others = [a for a in others if a.name not in {s.name for s in subjects}]
            recipient = next((a for a in others if a.name != supplier_name), None)
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
        if supplier is None:  # "buy jets from X": whoever it comes from, wherever it was made
            pps = [a for t in clause.pp_everywhere(sent, "from") for a in clause.parties_of(t)]
            supplier = next((a for a in pps if a != recipient), None)
        if supplier is None and item.origin:
            supplier = clause.country_actor(item.origin)
        if supplier and recipient and supplier.as_party(self.gaz).name == recipient.as_party(self.gaz).name:
            if direction == "in":
                supplier = None
            else:
                recipient = None
        return Sides(supplier, recipient, bool(subjects or to or frm or with_))

    def deal_sides(self, ctx: ReadContext) -> list[Actor]:
        """The two sides of a signed deal for an item ("signed a contract for jets with a maker"), as
        parties of the agreement; empty when the deal names no item."""
        item = self.items.nearest_item(ctx.token, ctx.items)
        if item is None:
            return []
        token = ctx.token
        if token.pos_ == "VERB" and not self.clause.linked(token, item.head):
            return []
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
