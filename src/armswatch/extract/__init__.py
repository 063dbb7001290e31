"""Extract: typed events with their roles, read from dependency parses, trigger lexicons and the resolved
mentions of a parsed document. One Candidate per trigger (and per coordinated item); consolidation merges
them later.

The package has one module per concern: ``clause`` (shared reading of subjects, objects, conjuncts and
antecedents), ``items`` (weapon systems, quantities, personnel), ``modality`` (negation and stage), and one
reader per event type. This module finds triggers and routes each to its reader, then reconciles the readings
of one sentence that no single trigger sees: customer lists, forces named abroad with no verb, one transfer
told twice, and a purchase paid for by another state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from armswatch.extract.agreement import AgreementReader
from armswatch.extract.base import Reader
from armswatch.extract.clash import ClashReader
from armswatch.extract.clause import ClauseReader
from armswatch.extract.combat import CombatUseReader
from armswatch.extract.deployment import DeploymentReader
from armswatch.extract.document import mentions_in
from armswatch.extract.exercise import ExerciseReader
from armswatch.extract.financing import FinancingReader
from armswatch.extract.items import ItemReader
from armswatch.extract.meeting import MeetingReader
from armswatch.extract.modality import Modality
from armswatch.extract.model import Actor, Candidate, Item, ReadContext
from armswatch.extract.transfer import TransferReader
from armswatch.gazetteer import Gazetteer, load_gazetteer
from armswatch.lexicon import Lexicon, Trigger, load_lexicon
from armswatch.normalise import Money, find_money, number_value

__all__ = ["Actor", "Candidate", "EventExtractor", "Item", "make_extractor"]

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


# a verb with one of these tells of what forces may or will do, not of where they are
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})


class EventExtractor:
    """Finds event triggers in a parsed Doc and hands each to the reader of its event type."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.clause = ClauseReader(lexicon, gazetteer)
        self.items = ItemReader(lexicon, self.clause)
        self.modality = Modality(lexicon, self.clause)
        shared = (lexicon, gazetteer, self.clause, self.items, self.modality)
        self.transfers = TransferReader(*shared)
        self.clashes = ClashReader(*shared)
        self.financing = FinancingReader(*shared)
        self.agreements = AgreementReader(*shared, transfers=self.transfers)
        self.exercises = ExerciseReader(*shared)
        self.deployments = DeploymentReader(*shared)
        self.combat = CombatUseReader(*shared, clashes=self.clashes)
        self.meetings = MeetingReader(*shared)

    def __call__(self, doc: Doc, published: str | None = None) -> list[Candidate]:
        clutter = doc._.clutter or []
        out: list[Candidate] = []
        before: list[Item] = []  # the items of the sentence before
        for sent in doc.sents:
            end = sent.start_char + len(sent.text.rstrip())  # a line's sentence may hold the blank line after
            if any(a <= sent.start_char and end <= b + 1 for a, b in clutter):
                continue
            if len(sent) < 3:
                continue
            items = self.items.items_in(sent)
            items += self.items.pronoun_items(sent, items)
            items = self.items.named_back(sent, items)
            money = [
                Money(m.start + sent.start_char, m.end + sent.start_char, m.amount, m.currency, m.usd)
                for m in find_money(sent.text, published)
            ]
            personnel = self.items.personnel_in(sent)
            found: list[Candidate] = []
            for token in sent:
                for trigger in self.triggers_of(token):
                    ctx = ReadContext(token, trigger, sent, items, money, personnel)
                    for cand in self.read(ctx):
                        cand.evidence.append((sent.start_char, sent.end_char))
                        found.append(cand)
            found += self.buyers_paying(found)
            found += self.listed_customers(sent, out + found)
            found += self.programme_sales(sent, items or before)
            before = items
            found += self.named_customer(sent, items, out + found)
            found += self.forces_abroad(sent, personnel, found)
            self.same_deal_in_sentence(found)
            self.halves_of_one_deal(found)
            self.bought_for_another(found)
            out.extend(self.one_meeting(found))
        return out

    def forces_abroad(self, sent: Span, personnel: list[Token], found: list[Candidate]) -> list[Candidate]:
        """ "the number of Russian military personnel in Libya", "about 10,000 US troops at Al Udeid outside
        Doha": a state's forces named in a place abroad are its standing deployment there, when no verb of the
        sentence told of them."""
        if any(c.type in ("deployment", "clash", "combat_use", "exercise") for c in found):
            return []
        out: list[Candidate] = []
        # "Djibouti hosts a large French force": a force the parser took for a body's name
        hosted = [
            t
            for t in sent
            if t.dep_ == "dobj"
            and t.head.lemma_.lower() in self.lex.hosting_verbs
            and t.lemma_.lower() in self.lex.personnel_nouns
            and t not in personnel
        ]
        for noun in personnel + hosted:
            owners = [a.as_party(self.gaz) for a in self.deployments.owners(noun)]
            owner = next((a for a in owners if a.type == "country"), None)
            plural = noun.tag_ in ("NNS", "NNPS") or noun.lower_.endswith("men")  # spaCy: "servicemen"/NN
            plural = plural or noun in hosted
            if owner is None or not plural:
                continue
            places = self.clause.prep_objects(noun, "in", "inside", "at")
            acting = self.acting_in(noun, found)
            # "400 Czech personnel are now at the Lest training area": where they are
            places += [t for v in acting for t in self.clause.prep_objects(v, "in", "inside", "at")]
            places = self.deployments.with_surroundings(places)
            where = [a.as_party(self.gaz) for t in places for a in self.deployments.place_states(t)]
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.hosting_verbs:
                # "Qatar hosts about 10,000 US troops at Al Udeid": the host's
                where += [
                    a.as_party(self.gaz)
                    for s in self.clause.subject_of(noun.head)
                    for a in self.clause.parties_of(s)
                    if a.type == "country"
                ]
            destination = next((a for a in where if a.name != owner.name), None)
            if destination is None:
                destination = self.deployments.unknown_place_state(noun, places, owner)
            if destination is None:
                continue
            # "there were no Russian troops in Armenia, the ministry said": a denial; said by nobody, nothing
            negated = self.modality.factuality(noun).negated
            if negated and not self.modality.reported(noun):
                continue
            # "present in Mali, Burkina Faso and Niger": a standing deployment in each state of the list
            listed = {
                a.name: a
                for a in where
                if a.type == "country" and a.name not in (owner.name, destination.name)
            }
            for place in [destination, *listed.values()]:
                cand = Candidate("deployment", noun, None, roles={"sender": owner, "destination": place})
                cand.negated = negated
                cand.roles["personnel"] = self.clause.phrase(noun)
                count = self.items.count_of(noun)
                if count:
                    cand.roles["quantity"] = count
                cand.evidence.append((sent.start_char, sent.end_char))
                out.append(cand)
        return out

    def acting_in(self, noun: Token, found: list[Candidate]) -> list[Token]:
        """ "Servicemen of the Africa Corps have begun carrying out tasks in X": the words whose place tells
        where forces that are a verb's subject act (the verb, the verbs it leads to, and their objects);
        none when a trigger under the verb tells what they did, or the verb is a report, negated or modal."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
            noun = noun.head.head  # "around 50 of our troops are in Latvia": the count is the subject
        verb = noun.head
        if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):  # "were spotted in X"
            return []
        verbs = [verb] + [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
        # "Russian troops are present in Mali": the place is the adjective's
        verbs += [c for c in verb.children if c.dep_ == "acomp" and c.lower_ in self.lex.presence_adjectives]
        verbs += [c for v in verbs[1:] for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        # "held talks in X": a trigger under the verb tells what they did there, and that is read elsewhere
        own = {t.i for t in noun.subtree}
        said = {t.i for v in verbs for t in v.subtree if t.i not in own}
        # "troops were spotted in X" tells where they were (a report of it, read as such); "troops said" no
        seen = noun.dep_ == "nsubjpass"
        if any(c.trigger.i in said for c in found) or any(
            (v.lemma_.lower() in self.lex.reporting_verbs and not (seen and v is verb))
            or any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODAL_AUX) for c in v.children)
            for v in verbs
        ):
            return []
        return verbs + [c for v in verbs for c in v.children if c.dep_ == "dobj"]

    def paid_for_another(self, ctx: ReadContext) -> Candidate | None:
        """ "Germany will pay for two Patriot systems to be bought from US production for Ukraine": the payer
        finances another state's purchase (the purchase is the verb below it), it buys nothing itself."""
        token, clause = ctx.token, self.clause
        payers = [a for s in clause.subject_of(token) for a in clause.parties_of(s)]
        if not payers:
            return None
        payer = payers[0].as_party(self.gaz)
        below = [t for c in token.children if c.dep_ != "nsubj" for t in c.subtree]
        helped = [
            a.as_party(self.gaz)
            for t in below
            # the "for" of the verb itself is what is paid for; a later one is whom it is for
            if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.i != token.i
            for a in clause.parties_of(t)
        ]
        beneficiary = next((a for a in helped if a.type == "country" and a.name != payer.name), None)
        if beneficiary is None:
            return None
        cand = Candidate("financing", token, None, roles={"provider": payer, "beneficiary": beneficiary})
        cand.money = clause.nearest_money(token, ctx.money)
        return cand

    @staticmethod
    def buyers_paying(found: list[Candidate]) -> list[Candidate]:
        """ "Canada spent $406 million buying NASAMS from the United States for Ukraine": the buyer finances
        the state it buys for (unless the sentence already tells that money)."""
        out: list[Candidate] = []
        for cand in found:
            payer, helped = cand.bought_by, cand.roles.get("recipient")
            if cand.type != "transfer" or payer is None or helped is None:
                continue
            if any(
                c.type == "financing" and getattr(c.roles.get("provider"), "name", None) == payer.name
                for c in found + out
            ):
                continue
            paid = Candidate(
                "financing", cand.trigger, None, roles={"provider": payer, "beneficiary": helped}
            )
            paid.money, paid.attributions, paid.evidence = (
                cand.money,
                list(cand.attributions),
                list(cand.evidence),
            )
            paid.roles["purpose"] = cand.roles["item"].name if cand.roles.get("item") is not None else None
            out.append(paid)
        return out

    def bought_for_another(self, found: list[Candidate]) -> None:
        """ "X will pay for systems to be bought from US production for Ukraine": the purchase the payer
        finances is Ukraine's, not the payer's."""
        for paid in found:
            if paid.type != "financing" or paid.trigger.lemma_.lower() not in self.lex.payment_verbs:
                continue
            payer, beneficiary = paid.roles.get("provider"), paid.roles.get("beneficiary")
            for cand in found:
                recipient = cand.roles.get("recipient")
                if (
                    cand.type == "transfer"
                    and payer is not None
                    and recipient is not None
                    and recipient.as_party(self.gaz).name == payer.name
                    and not self.given_to(recipient, cand.trigger.doc)
                ):
                    cand.roles["recipient"] = beneficiary

    @staticmethod
    def given_to(actor: Actor, doc: Doc) -> bool:
        """The actor is named as the one given to ("donated six jets to Belgrade"), not left to the parse."""
        if actor.mention is None or actor.mention.end > len(doc):
            return False
        word = doc[actor.mention.end - 1]
        return word.dep_ == "pobj" and word.head.lower_ == "to"

    @staticmethod
    def same_deal_in_sentence(found: list[Candidate]) -> None:
        """ "Bratislava gave 13 of its MiG-29s to Ukraine, in batches delivered in March": a second word
        for the transfer of the same item in one sentence, its seller unnamed, is that transfer, not a sale
        by the item's maker state."""
        named = [
            c for c in found if c.type == "transfer" and c.roles.get("supplier") and not c.supplier_by_origin
        ]
        for cand in found:
            if cand.type != "transfer" or not cand.supplier_by_origin:
                continue
            item = cand.roles.get("item")
            if any(
                isinstance(item, Item)
                and getattr(other.roles.get("item"), "name", None) == item.name
                and other.roles["supplier"].name != cand.roles["supplier"].name
                for other in named
            ):
                cand.partial = True

    @staticmethod
    def halves_of_one_deal(found: list[Candidate]) -> None:
        """ "Kongsberg has delivered the first of 12 drones ordered by Italy": the participle names the buyer
        the delivery lacks, the delivery the seller the order lacks; each half completes the other."""
        for half in found:
            token = half.trigger
            item = half.roles.get("item")
            if (
                half.type != "transfer"
                or token.dep_ not in ("acl", "relcl")
                or not isinstance(item, Item)
                or half.roles.get("supplier") is not None
                or half.roles.get("recipient") is None
            ):
                continue
            for whole in found:
                if (
                    whole is half
                    or whole.type != "transfer"
                    or whole.roles.get("recipient") is not None
                    or whole.roles.get("supplier") is None
                    or getattr(whole.roles.get("item"), "head", None) != item.head
                    or not whole.trigger.is_ancestor(token)
                ):
                    continue
                whole.roles["recipient"] = half.roles["recipient"]
                half.roles["supplier"] = whole.roles["supplier"]
                if whole.roles.get("maker") is not None:
                    half.roles.setdefault("maker", whole.roles["maker"])
                whole.needs_context = half.needs_context = False
                break

    def programme_sales(self, sent: Span, items: list[Item]) -> list[Candidate]:
        """ "This contract involves Foreign Military Sales to Poland, Qatar and Switzerland", closing a
        contract award for the items this sentence or the one before named: the sales programme's state sells
        them to each customer named (an order: the contract is awarded)."""
        out: list[Candidate] = []
        for mention in mentions_in(sent.doc, sent.start, sent.end):
            entry = self.clause.programme(mention)
            if entry is None or entry.kind != "sales_programme" or not items:
                continue
            head = sent.doc[mention.start : mention.end].root
            # "involves Foreign Military Sales to Finland and Morocco": the "to" may hang on the verb
            to = self.clause.prep_objects(head, "to") or self.clause.prep_objects(head.head, "to")
            buyers = [
                a
                for t in to
                for a in self.clause.parties_of(t)
                if a.type == "country" and a.country != entry.country
            ]
            seller = self.clause.country_actor(entry.country)
            if not buyers or seller is None:
                continue
            for item in (it for it in items if not self.transfers.kept_up(it, sent.doc)):
                cand = Candidate(
                    "transfer",
                    head,
                    "order",
                    roles={"supplier": seller, "recipient": buyers[0], "item": item},
                    evidence=[(sent.start_char, sent.end_char)],
                )
                cand.also = {"recipient": buyers[1:]} if len(buyers) > 1 else {}
                out.extend(self.each_value(cand))
        return out

    def listed_customers(self, sent: Span, earlier: list[Candidate]) -> list[Candidate]:
        """ "X has sold the system to several countries; earlier customers include Oman and Kazakhstan":
        each customer named bought the system of the transfer just reported, one transfer each."""
        out: list[Candidate] = []
        for token in sent:
            if token.lemma_.lower() not in self.lex.customer_nouns or token.tag_ != "NNS":
                continue
            if token.dep_ == "nsubj" and token.head.lemma_ in ("include", "be"):
                lists = [c for c in token.head.children if c.dep_ in ("dobj", "attr")]
            else:  # "customers such as Oman and Kazakhstan", "buyers including Chile"
                lists = self.clause.prep_objects(token, "as", "including")
            named = [a for t in lists for a in self.clause.parties_of(t) if a.type == "country"]
            base = self.transfer_just_told(earlier, token)
            if base is None or not named:
                continue
            supplier, item = base.roles.get("supplier"), base.roles["item"]
            for actor in named:
                if (supplier is not None and getattr(supplier, "name", None) == actor.name) or (
                    item.origin is not None and actor.country == item.origin
                ):
                    continue  # the seller, or the maker's own state: no import
                roles = {k: v for k, v in base.roles.items() if k not in ("quantity", "value")}
                out.append(
                    Candidate(
                        "transfer",
                        token,
                        "delivery" if base.status == "delivery" else "order",
                        roles={**roles, "recipient": actor},
                        evidence=[(sent.start_char, sent.end_char)],
                    )
                )
        return out

    @staticmethod
    def transfer_just_told(
        earlier: list[Candidate], token: Token, item: Item | None = None
    ) -> Candidate | None:
        """The latest transfer with an item read before the word, in its sentence or the one before (of that
        item, when one is given): the deal a customer noun refers to."""
        sent = token.sent
        since = sent.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        return next(
            (
                c
                for c in reversed(earlier)
                if c.type == "transfer"
                and not c.partial
                and isinstance(c.roles.get("item"), Item)
                and since <= c.trigger.i < token.i
                and (item is None or c.roles["item"].name == item.name)
            ),
            None,
        )

    def named_customer(self, sent: Span, items: list[Item], earlier: list[Candidate]) -> list[Candidate]:
        """ "Estonia becomes the third export customer for the Chunmoo", "the UAE was the system's first
        foreign operator": a state said to be a system's customer bought it from the system's state (or from
        the seller of the transfer just reported, when the system is not named)."""
        out: list[Candidate] = []
        clause = self.clause
        for token in sent:
            verb = token.head
            if (
                token.lemma_.lower() not in self.lex.customer_nouns
                or token.tag_ != "NN"
                or token.dep_ != "attr"
                or verb.lemma_ not in ("be", "become", "remain")
                or any(c.dep_ == "neg" for c in verb.children)
            ):
                continue
            buyers = [
                a.as_party(self.gaz)
                for s in clause.subject_of(verb)
                for a in clause.parties_of(s)
                if a.as_party(self.gaz).type == "country"
            ]
            inside = {t.i for t in token.subtree}
            # a catalogued system: "a major customer for German military hardware" names no deal
            item = next((i for i in items if i.head in inside and i.catalog), None)
            if item is None and any(i.head in inside for i in items):
                continue
            base = self.transfer_just_told(earlier, token, item)
            item = item or (base.roles["item"] if base is not None else None)
            supplier = base.roles.get("supplier") if base is not None else None
            if supplier is None and item is not None and item.origin:
                supplier = clause.country_actor(item.origin)
            if item is None or supplier is None:
                continue
            status = self.customer_stage(token)
            if status is None:
                continue
            for buyer in buyers:
                if buyer.country in (item.origin, supplier.as_party(self.gaz).country):
                    continue  # "the US Air Force is the F-35's first operator": its own state's system
                roles: dict[str, Any] = {"supplier": supplier, "recipient": buyer, "item": item}
                if item.maker and supplier.country == item.origin:
                    roles["maker"] = Actor(item.maker, "company", item.origin)
                out.append(
                    Candidate(
                        "transfer",
                        token,
                        status,
                        roles=roles,
                        evidence=[(sent.start_char, sent.end_char)],
                    )
                )
        return out

    def customer_stage(self, noun: Token) -> str | None:
        """The stage of a deal told by a customer noun: an operator has the system, a customer bought it; a
        "potential customer" or one who "could become" one is an intent, a future one is not yet done.
        None when the clause is hypothetical ("if X became a customer")."""
        verb = noun.head
        if self.modality.hypothetical(verb):
            return None
        status = "delivery" if noun.lemma_.lower() in self.lex.holder_nouns else "order"
        words = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
        words |= {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound")}
        words |= {t.lemma_.lower() for t in self.modality.chain(verb)}
        if words & self.lex.intent_markers:
            return "intent"
        if words & self.lex.future_markers:
            return "order" if status == "delivery" else "intent"
        return status

    def one_meeting(self, found: list[Candidate]) -> list[Candidate]:
        """ "While visiting X, he held talks with his Y counterpart": the words of one sentence that each name
        part of a meeting are one meeting, with all their participants."""
        meetings = [c for c in found if c.type == "meeting"]
        if len(meetings) < 2 or not any(c.partial for c in meetings):
            return found
        first = meetings[0]
        for other in meetings[1:]:
            names = {a.name for a in first.roles.get("participants", [])}
            first.roles["participants"] = first.roles.get("participants", []) + [
                a for a in other.roles.get("participants", []) if a.name not in names
            ]
            if "location" not in first.roles and "location" in other.roles:
                first.roles["location"] = other.roles["location"]
        first.partial = len(first.roles["participants"]) < 2
        return [c for c in found if c.type != "meeting" or c is first]

    def present_for_a_time(self, token: Token) -> bool:
        """A main verb "be" told with a time ("has been in Honiara since 2022", "are currently in Iraq")."""
        return token.dep_ == "ROOT" and any(
            (c.dep_ == "prep" and c.lower_ == "since")
            or (c.dep_ == "advmod" and c.lower_ in self.lex.presence_adverbs)
            for c in token.children
        )

    def triggers_of(self, token: Token) -> tuple[Trigger, ...]:
        if token.ent_type_ in NAME_LABELS and not self.names_event(token):
            return ()  # a trigger word inside a name ("... Treaty Organization") names a body
        lemma = token.lemma_.lower()
        named = self.named_exercise(token)
        if named is not None:
            return self.lex.noun_triggers.get(named, ())  # "Exercise Desert Falcon": the name's head
        if token.pos_ == "AUX" and lemma == "be" and self.present_for_a_time(token):
            return self.lex.timed_presence.get(lemma, ())  # "a team has been in Honiara since 2022"
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and lemma == "get"):
            if token.dep_ == "amod":
                return ()
            before = token.doc[token.i - 1] if token.i > 0 else None
            if token.lower_ == "used" and before is not None and self.lex.is_transfer_verb(before.lemma_):
                return ()  # "offered used Typhoons": second-hand, no use of them
            after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if (
                token.lower_ == "used"
                and before is not None
                and (before.like_num or before.pos_ == "DET")
                and after is not None
                and after.pos_ in ("NOUN", "PROPN")
            ):
                return ()  # "six used MiG-29s", "the used frigates": second-hand
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
            lemma = self.lex.phrasal_verbs.get(f"{lemma} {particle}", lemma)  # "turned over" as "handed"
            return self.lex.verb_triggers.get(lemma, ())
        if token.pos_ == "NOUN" and self.heads_contract(token):
            return self.lex.noun_triggers.get("contract", ())  # "awarded a contract action for two C-130Js"
        if token.pos_ in ("NOUN", "PROPN"):
            if (
                token.dep_ == "compound"
                and token.head.pos_ in ("NOUN", "PROPN")
                and not (
                    lemma in self.lex.financing_nouns and token.head.lemma_.lower() in self.lex.deal_nouns
                )
            ):
                drills = self.lex.noun_triggers.get(self.clause.noun_lemma(token), ())
                if drills and token.is_lower and token.head.text[:1].isupper() and token.head.i > token.i:
                    # "the joint tactical exercise Birlik-2025": the drill's name follows its word
                    return tuple(t for t in drills if t.type == "exercise")
                return ()  # a modifier ("delivery schedule"), not the event; but "an aid package" is aid
            return self.lex.noun_triggers.get(self.clause.noun_lemma(token), ())
        return ()

    def heads_contract(self, token: Token) -> bool:
        """A noun a contract announcement heads its contract with: "a contract action", "a modification to
        contract W58..."."""
        if token.lemma_.lower() not in self.lex.contract_heads:
            return False
        return any(c.dep_ == "compound" and c.lemma_.lower() == "contract" for c in token.children) or any(
            t.lemma_.lower() == "contract" for t in self.clause.prep_objects(token, "to")
        )

    @staticmethod
    def names_event(token: Token) -> bool:
        """A name that is the event's own: "the Reciprocal Access Agreement", "Exercise Desert Falcon" (not a
        body named after one, "the ... Treaty Organization")."""
        doc = token.doc
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        # the name's last word, or its head word ("a Memorandum of Understanding on ...")
        return token.i == end - 1 or not start <= token.head.i < end

    @staticmethod
    def named_exercise(token: Token) -> str | None:
        """The head of a name that starts with "Exercise" ("Exercise Desert Falcon") carries the exercise."""
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            return None
        first = token.left_edge
        while first.i < token.i and first.dep_ not in ("compound",):
            first = first.doc[first.i + 1]
        lemma = first.text.lower()
        return (
            lemma
            if first.i < token.i and first.text[:1].isupper() and lemma in ("exercise", "drill")
            else None
        )

    def read(self, ctx: ReadContext) -> list[Candidate]:
        """The events one trigger reports: one per coordinated item ("X, Y and Z")."""
        if self.modality.unnamed_source_reason(ctx.token) or self.modality.named_as(ctx.token):
            return []  # "who was not authorised to discuss the contract", "did not treat them as a transfer"
        fact = self.modality.factuality(ctx.token)
        if fact.hypothetical:
            return []  # a condition, an open question, a refusal or a doubt: nothing happened yet
        negated = fact.negated
        # a negated event is a denial by whoever says so; with nobody speaking, it is simply not reported
        if negated and not self.modality.reported(ctx.token):
            return []
        if negated and self.clause.modified_by(ctx.token, self.lex.further_words):
            return []  # "no new deployment from Uganda was planned": another one, not the one told
        first = self.read_event(ctx)
        if first is None:
            return []
        out = [first] + (self.sent_with_forces(ctx) if first.type == "deployment" else [])
        out += self.gapped_deals(first, ctx)
        item = first.roles.get("item")
        if isinstance(item, Item) and first.type == "transfer" and item.name.lower() in self.lex.vague_items:
            # "delivered weapons to Ukraine, including 18 Leopard 2 tanks and a Patriot battery": the deal is
            # told by what it included
            parts = [
                c
                for it in self.items.included(item, ctx.items, ctx.token)
                if (c := self.transfers.read(ctx, it))
            ]
            if parts:
                out, item = parts, None
        if isinstance(item, Item) and first.type in ("transfer", "combat_use"):
            reader = self.transfers if first.type == "transfer" else self.combat
            others = self.items.coordinated(item, ctx.items)
            listed = self.items.listed(
                item, ctx.items, after=ctx.token.i if ctx.token.pos_ == "VERB" else None
            )
            others += [it for it in listed if it not in others]
            others += [
                it
                for it in ctx.items
                if it not in others and self.items.followed_by(it, ctx.token) is not None
            ]
            # "helicopters destined for the Navy's destroyers": the platform is no item of the deal
            others = [it for it in others if not self.items.set_aside(it, ctx.token)]
            for other in others:
                cand = reader.read(ctx, other)
                follower = self.items.followed_by(other, ctx.token)
                if cand is not None and follower is not None:
                    cand.trigger = follower  # "received TB2s in 2021, followed by Akinci drones last year"
                if cand is not None:
                    if (
                        first.type == "combat_use"
                        and cand.roles.get("user") is None
                        and first.roles.get("user")
                    ):
                        # "Israeli F-35 and F-15 jets hit ...": the jets listed together have one user
                        cand.roles["user"], cand.needs_user = first.roles["user"], False
                    out.append(cand)
        for cand in out:
            cand.negated = negated
        return [one for cand in out for one in self.each_value(cand)]

    def gapped_deals(self, first: Candidate, ctx: ReadContext) -> list[Candidate]:
        """ "Russia donated six MiG-29s to Serbia in 2017, and Belarus four more in 2019": a state joined to
        the verb with a count and no verb of its own did the same again, with its own count and year."""
        token = ctx.token
        side = {"out": "supplier", "in": "recipient"}.get(ctx.trigger.direction or "")
        item = first.roles.get("item")
        if first.type != "transfer" or token.pos_ != "VERB" or side is None or not isinstance(item, Item):
            return []
        found = []
        for conj in token.children:
            mention = self.clause.mention_at(conj)
            if conj.dep_ != "conj" or mention is None or mention.type != "country":
                continue
            if any(c.dep_ in ("nsubj", "dobj", "aux", "auxpass", "ccomp", "xcomp") for c in conj.children):
                continue  # "... and Belarus bought four": a clause of its own, read on its own
            # the count follows the gapped state ("and Belarus four more")
            counts = [c for c in conj.children if c.dep_ == "nummod" and c.i > conj.i and c.like_num]
            count = number_value([counts[0].text]) if counts else None
            if count is None:
                continue
            other = self.clause.actor_for_mention(mention)
            if other.country in {
                getattr(first.roles.get(r), "country", None) for r in ("supplier", "recipient")
            }:
                continue
            # the gapped state's own year ("and Slovakia 30 more in 2023"), wherever the parse hangs it
            years = [t for t in conj.sent if t.i > conj.i and t.ent_type_ == "DATE" and t.like_num]
            cand = Candidate("transfer", years[0] if years else conj, first.status, dict(first.roles))
            cand.roles[side] = other
            cand.roles["item"] = replace(item, quantity=count)
            if "quantity" in cand.roles:
                cand.roles["quantity"] = count
            found.append(cand)
        return found

    @staticmethod
    def each_value(cand: Candidate) -> list[Candidate]:
        """ "X and Y ordered jets": one candidate for each value a role was read with."""
        out = [cand]
        for role, values in cand.also.items():
            for value in values:
                out.append(
                    replace(cand, roles={**cand.roles, role: value}, also={}, evidence=list(cand.evidence))
                )
        cand.also = {}
        return out

    def read_event(self, ctx: ReadContext) -> Candidate | None:
        token, trigger = ctx.token, ctx.trigger
        if self.is_test(token):
            return None
        if trigger.type == "combat_use" and self.clause.modified_by(token, self.lex.aircraft_class_words):
            return None  # "two B-250 light attack and training aircraft": a class of aircraft, no strike
        if (
            trigger.type == "clash"
            and token.dep_ in ("xcomp", "advcl", "relcl", "acl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return None  # "sent fighters to fight": a purpose, not a clash
        etype = trigger.type
        lemma = token.lemma_.lower()
        money_moved = (
            etype == "transfer"
            and bool(ctx.money)
            and token.pos_ == "VERB"
            and FinancingReader.object_is_money(token, ctx.money, ctx.items)
        )
        if money_moved and lemma in self.lex.financing_receiving_verbs:
            return self.financing.read(ctx, direction="in")  # "received $40 million from X"
        if money_moved and lemma in self.lex.financing_verbs:
            return self.financing.read(ctx, direction="out")  # "provided X with $40 million"
        if etype == "transfer" and lemma in self.lex.payment_verbs and token.pos_ == "VERB":
            paid = self.paid_for_another(ctx)
            if paid is not None:
                return paid
        if (
            etype == "transfer"
            and token.pos_ == "VERB"
            and any(c.dep_ == "dobj" and c.lemma_.lower() in self.lex.strike_nouns for c in token.children)
        ):
            return None  # "delivered a massive strike with missiles on X": the strike noun tells of a use
        if etype in ("transfer", "deployment") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in self.lex.fire_nouns for c in token.children
        ):
            return None  # "its team returned fire": shots, not forces or arms moved
        if etype == "transfer" and lemma in self.lex.deployment_verbs and self.object_is_personnel(ctx):
            etype = "deployment"  # people sent are a deployment, not an arms transfer
        elif etype == "transfer" and lemma in self.lex.deployment_verbs and self.on_mission(ctx):
            etype = "deployment"  # aircraft sent for a mission or an air-policing rotation
        elif etype == "transfer" and lemma in self.lex.crewed_verbs and self.sent_with_crew(ctx):
            etype = "deployment"  # "sent two helicopters and 12 crew members to Latvia": they serve there
        elif etype == "transfer" and lemma in self.lex.deployment_verbs and self.moves_commissioned_ship(ctx):
            etype = "deployment"  # "sent the frigate HMS X": a navy moves its own ship, nobody buys it
        elif etype == "transfer" and lemma in self.lex.deployment_verbs and self.to_open_sea(ctx):
            etype = "deployment"  # "sent two frigates to the Red Sea": nobody buys a ship at sea
        elif (
            etype == "transfer"
            and lemma == "receive"
            and any(
                c.dep_ == "dobj"
                and c in ctx.personnel
                # "received several batteries of Chinese HQ-9B missiles": units of a system are the system
                and not any(it.head in {t.i for t in c.subtree} for it in ctx.items)
                for c in ctx.token.children
            )
        ):
            etype = "deployment"  # "ECOMIG received a new contingent of 700 Senegalese soldiers": they arrive
        elif (
            etype == "transfer"
            and lemma == "receive"
            and (
                not ctx.items
                or self.meetings.received_guests(token, ctx.sent)
                or self.meetings.received_person(token)
            )
        ):
            etype = "meeting"  # no arms received, or a guest the parse could not hang on the verb
        elif (
            etype == "transfer"
            and lemma in self.lex.commanding_verbs
            and token.pos_ == "VERB"
            and (
                self.to_open_sea(ctx)
                or (self.object_is_personnel(ctx) and self.clause.prep_objects(token, "to"))
            )
        ):
            # "Sunak ordered two ships to the eastern Mediterranean": the one who orders them out sends them
            etype = "deployment"
            ctx = replace(ctx, trigger=replace(ctx.trigger, direction="out"))
        elif etype == "transfer" and self.clause.prep_objects(token, "against"):
            etype = "combat_use"  # aircraft sent against positions
        if etype == "transfer":
            # "the team arrived at the port aboard a Coast Guard vessel": the vessel carried them, and stays
            # its owner's
            return self.transfers.read(replace(ctx, items=[it for it in ctx.items if not self.carrier(it)]))
        if etype == "combat_use":
            return self.combat.read(ctx)
        readers: dict[str, Reader] = {
            "financing": self.financing,
            "agreement": self.agreements,
            "exercise": self.exercises,
            "deployment": self.deployments,
            "clash": self.clashes,
            "meeting": self.meetings,
        }
        return readers[etype].read(ctx)

    def carrier(self, item: Item) -> bool:
        """An item named as what carried someone: "aboard a Coast Guard vessel", "on board the frigate"."""
        head = item.doc[item.head] if item.doc is not None else None
        if head is None or head.dep_ != "pobj":
            return False
        prep = head.head
        return (
            prep.lower_ in self.lex.carrier_preps
            or (prep.lower_ == "on" and any(c.lower_ == "board" for c in prep.children))
            or (prep.lower_ == "board" and prep.head.lower_ == "on")
        )

    @staticmethod
    def is_test(token: Token) -> bool:
        """A test launch or test firing is no use of a weapon and no transfer."""
        return (
            "test" in token.lower_
            or any(c.lemma_.lower() == "test" for c in token.children)
            or (
                token.i > 1 and token.doc[token.i - 2].lower_ == "test" and token.doc[token.i - 1].text == "-"
            )
        )

    def on_mission(self, ctx: ReadContext) -> bool:
        """Forces sent "for a mission", "as part of an operation", "to take part in an exercise": a
        deployment, whatever is sent."""
        token = ctx.token
        phrases = [
            c
            for c in token.children
            if c.dep_ in ("prep", "dative", "advcl", "xcomp") and c.lower_ in ("for", "as", "to", "under")
        ]
        return any(t.lemma_.lower() in self.lex.mission_words for p in phrases for t in p.subtree)

    def sent_with_crew(self, ctx: ReadContext) -> bool:
        """What the verb sends to a named place includes a crew ("sent two helicopters and a crew of 18 to
        Bolivia", "sent to Latvia two helicopters with 12 crew members")."""
        if not any(
            c.lower_ == "to" and c.dep_ in ("prep", "dative") and any(g.dep_ == "pobj" for g in c.children)
            for c in ctx.token.children
        ):
            return False
        sent = [t for c in ctx.token.children if c.dep_ == "dobj" for t in self.clause.with_conjuncts(c)]
        sent += [o for t in [ctx.token, *sent] for o in self.clause.prep_objects(t, "with")]
        sent += [c for t in list(sent) for c in self.clause.with_conjuncts(t)]
        return any(
            w.lemma_.lower() in self.lex.crew_nouns and w.dep_ in ("dobj", "pobj", "conj", "compound")
            for t in sent
            for w in (t, *(c for c in t.children if c.dep_ == "compound"))
        )

    def moves_commissioned_ship(self, ctx: ReadContext) -> bool:
        """The trigger's object or subject is a ship named with its navy's prefix ("HMS", "INS")."""
        arguments = [c for c in ctx.token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        words = [t for a in arguments for t in a.subtree]
        prefixes = [t.text for t in words if t.text in self.lex.vessel_prefixes]
        if not prefixes or self.clause.names_handed_on(words):
            return False  # "two former US Coast Guard cutters were transferred": handed on
        # "cutters, NNS Thunder and NNS Okpabana, were transferred to Nigeria": named by the navy they joined
        receivers = {
            actor.country
            for t in self.clause.prep_objects(ctx.token, "to")
            for actor in [self.clause.actor_of(t)]
            if actor is not None
        }
        return not any(self.lex.vessel_navies.get(p) in receivers for p in prefixes)

    def to_open_sea(self, ctx: ReadContext) -> bool:
        """What the verb sends goes to a sea or strait no state holds."""
        places = self.clause.prep_objects(ctx.token, "to", "into")
        return bool(places) and all(self.clause.stateless_place(t) for t in places)

    def sent_with_forces(self, ctx: ReadContext) -> list[Candidate]:
        """ "Russia sent instructors to Niger, along with an air defence system", "sent 100 instructors and an
        S-400 system": arms sent with the forces are a transfer of their own."""
        token = ctx.token
        if ctx.trigger.type != "transfer" or token.pos_ != "VERB":
            return []
        sent = [t for c in token.children if c.dep_ == "dobj" for t in self.clause.with_conjuncts(c)] + [
            o for x in self.along_with(token) for o in self.clause.with_conjuncts(x)
        ]
        escorts = [t for t in sent if t in ctx.personnel]
        if not escorts or any(t.lemma_.lower() not in self.lex.handover_escorts for t in escorts):
            return []  # "sent 300 troops along with Patriot batteries": the troops' own systems
        items = [
            it
            for it in ctx.items
            if any(it.head == t.i for t in sent)
            and it.category != "other"
            and all(it.head != t.i for t in escorts)
        ]
        return [c for it in items if (c := self.transfers.read(ctx, it)) is not None]

    @staticmethod
    def along_with(token: Token) -> list[Token]:
        """What a verb's "along with" or "together with" names ("sent instructors, along with an air defence
        system")."""
        return [
            o
            for p in token.children
            if p.dep_ == "prep" and p.lower_ in ("along", "together")
            for w in p.children
            if w.dep_ == "prep" and w.lower_ == "with"
            for o in w.children
            if o.dep_ == "pobj"
        ]

    def object_is_personnel(self, ctx: ReadContext) -> bool:
        token = ctx.token
        objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
        relative = ("that", "which", "who", "whom")
        if token.dep_ == "relcl" and not any(o.dep_ == "dobj" and o.lower_ not in relative for o in objects):
            objects.append(token.head)  # "the battalion (that) Sweden sent to Latvia": what was sent
        # "sent a helicopter to Benin, along with about 35 soldiers": the forces that go with what is sent
        escorts = self.along_with(token)
        for obj in objects + escorts:
            for t in self.clause.with_conjuncts(obj):
                if t in ctx.personnel or t.lemma_.lower() in self.lex.personnel_nouns:
                    return True  # a unit or crew sent, not an arms sale
        return bool(ctx.personnel) and not ctx.items


def make_extractor() -> EventExtractor:
    return EventExtractor(load_lexicon(), load_gazetteer())
