"""Financing: who funds whom, with how much and for what (loans, grants, credits, military aid).

The provider and the beneficiary follow the verb that moves the money: the subject gives it ("extended a
loan to X", "granted X"), receives it ("received $40 million from Y", "borrowed from Y", "secured a loan
from Y"), or keeps it back ("withheld military aid from X", "suspended aid to X")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.clause import sentence_before
from armswatch.extract.model import Actor, Candidate, Item, ReadContext
from armswatch.normalise import Money


# how far up a money phrase ("$5 million in military aid from X") the verb that moves it may be
def own_phrase(token: Token, money: Sequence[Money]) -> list[Token]:
    """A phrase's words without its relative clauses and the appositions that say more than its sum again
    ("its first jet, the opening instalment of 28 in a $7.5 billion package"; not "Dh1.1 billion ($300
    million)", nor a participle on it: "support valued at $3.7 million")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "relcl":
            continue
        if child.dep_ == "appos" and not any(m.start <= child.idx < m.end for m in money):
            continue
        out.extend(own_phrase(child, money))
    return out


MONEY_PATH_DEPS = frozenset(
    {"pobj", "prep", "dobj", "compound", "nmod", "appos", "conj", "nsubjpass", "npadvmod"}
)


class FinancingReader(Reader):
    def read(self, ctx: ReadContext, direction: str | None = None) -> Candidate | None:
        token, trigger, money = ctx.token, ctx.trigger, ctx.money
        clause = self.clause
        if (
            trigger.needs == "money"
            and not money
            and not self.spent(token)
            and not self.lenders_of_means(token)
        ):
            return None  # "financed by a loan from KEXIM" names who lends, if not how much
        if trigger.needs == "payee" and (not self.paid_party(token, money) or self.buys_items(token, ctx)):
            return None  # "paid Turkey $40 million for six drones": a purchase, not money given
        # "paid $40 million for six drones" buys; "paid Nauru A$140 million" is the payee reading
        if trigger.needs == "paid_for" and not self.pays_for_upkeep(token, ctx):
            return None
        if trigger.needs == "paid_into" and not self.paid_into_fund(token, money):
            return None
        if trigger.needs == "money" and token.pos_ == "VERB" and not self.object_is_money(token, money):
            return None  # the money belongs to another verb of the sentence
        if token.pos_ == "VERB" and token.lemma_.lower() in self.lex.support_verbs:
            # "Portugal will support the Mozambican forces with 15 million euros": only a named side helped
            helped = [c for c in token.children if c.dep_ == "dobj"]
            if (
                not helped
                or helped[0].pos_ == "PRON"
                or not (clause.parties_of(helped[0]) or self.worked_in(helped[0]))
            ):
                return None
        if (
            token.pos_ == "VERB"
            and any(
                self.deal_object(c) or self.lists_arms(c, ctx)
                for c in token.children
                if c.dep_ in ("dobj", "nsubjpass")  # "the possible sale ... was approved"
            )
            # "the purchase is financed by a loan from KEXIM": a deal paid for with another's money
            and not self.lenders_of_means(token)
        ):
            # "approved a $997 million sale of helicopters", "approved a $23 billion package that included 40
            # jets": the money is the sale's value
            return None
        if token.pos_ == "VERB" and any(self.lender_deal(c) for c in token.children if c.dep_ == "dobj"):
            return None  # "approved a financing agreement with Y": the agreement's own noun tells who lends
        if self.purpose_of_loan(token):
            return None  # "signed a loan agreement with KEXIM to finance its purchase": the loan tells it
        noun = token.pos_ in ("NOUN", "PROPN")
        verb = token if not noun else (clause.light_verb(token) or self.governing_verb(token))
        direction = direction or trigger.direction or "out"
        if verb is not None:
            lemma = verb.lemma_.lower()
            if lemma in self.lex.financing_receiving_verbs:
                direction = "in"
            elif lemma in self.lex.withholding_verbs:
                direction = "withhold"
        lender_deal = token.dep_ == "compound" and token.head.lemma_.lower() in self.lex.lender_deals
        if lender_deal:
            direction = "in"  # "X signed a loan agreement with Y": Y lends, X borrows
        if noun:
            relative = next(
                (c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None
            )
            if relative is not None and (verb is None or relative.lemma_.lower() in self.lex.financing_verbs):
                verb = relative  # "a grant that X extended to Y", also where the grant covers a bill
        subj: list[Token] = [c for c in token.children if c.dep_ == "poss"] if noun else []
        if noun and not subj:  # "a Japanese grant for Indonesia's navy": the demonym gives
            subj = [c for c in token.children if c.dep_ == "amod" and self.gaz.country_in_text(c.text)]
        # "vehicles from the US, financed through its FMF programme", "a radar paid for by the EU": a
        # participle's funder is its agent or programme; whoever holds the thing funded is the beneficiary
        participle = (
            verb is not None and verb.pos_ == "VERB" and verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl")
        )
        held_by = self.holder_of_funded(verb) if participle and verb is not None else []
        if participle and verb is not None:
            subj = clause.agent_of(verb)
        if not subj and verb is not None and not participle:
            subj = clause.subject_of(verb)
            if not subj and verb.dep_ == "relcl" and verb.head.i == token.i:
                subj = [c for c in verb.children if c.dep_ == "nsubj"]
        signed_with: list[Actor] = []
        if (
            not subj
            and verb is not None
            and verb.dep_ == "acl"
            and verb.head.lemma_.lower() in self.lex.lender_deals
        ):
            # "signed an agreement with Syria providing a grant of KD 4.3 million to support the Syrian
            # efforts": a grant the agreement provides is given by its signer to the side it signed with
            deal = verb.head
            signer = clause.light_verb(deal) or self.governing_verb(deal)
            if signer is not None:
                subj = clause.subject_of(signer)
                signed_with = [
                    a
                    for h in (deal, signer)
                    for t in clause.prep_objects(h, "with")
                    for a in clause.parties_of(t)
                ]
        # a lender may be a bank the gazetteer does not know
        subjects = [a for s in subj for a in clause.parties_of(s, lenders=True)]
        if not subjects:  # "Japan's aid financed patrol boats": the aid's owner gives
            subjects = [
                a
                for s in subj
                if s.lemma_.lower() in self.lex.aid_nouns
                for c in s.children
                if c.dep_ == "poss"
                for a in clause.parties_of(c)
            ]
        holders = (
            [token] + ([verb] if verb is not None and verb is not token else []) + self.money_path(token)
        )
        if noun and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            holders.append(token.head)  # "a 10 million euro assistance measure for the Armenian army"
        to = [a for h in holders for t in clause.prep_objects(h, "to", "for") for a in clause.parties_of(t)]
        to += signed_with
        # "released 2.2 billion euros for military support to Ukraine": the aid noun's own "to"
        to += [
            a
            for h in holders
            for t in clause.prep_objects(h, "for")
            if t.lemma_.lower() in self.lex.aid_nouns
            for x in clause.prep_objects(t, "to")
            for a in clause.parties_of(x)
        ]
        frm = [
            a
            for h in holders
            for t in clause.prep_objects(h, "from")
            # "from the European Union's European Peace Facility": the body whose fund it is; "from a
            # consortium led by the Export-Import Bank of Korea": the lender that leads it
            for a in clause.parties_of(t, lenders=True)
            or [x for c in t.children if c.dep_ == "poss" for x in clause.parties_of(c)]
            or [
                x
                for c in t.children
                if c.dep_ == "acl" and c.lemma_.lower() == "lead"
                for g in clause.agent_of(c)
                for x in clause.parties_of(g, lenders=True)
            ]
        ]
        if not noun:  # "financed by a loan from Sweden's SEK", "with a loan from the EU's SAFE instrument"
            frm += self.lenders_of_means(token)
        if lender_deal:  # "a loan agreement with Y", "a financing agreement reached with Y"
            deal = token.head
            partners = [deal] + [c for c in deal.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
            frm += [
                a
                for h in partners
                for t in clause.prep_objects(h, "with")
                for a in clause.parties_of(t, lenders=True)
            ]
        if noun:  # "a loan guaranteed by Italy", "credit backed by French banks": who stands behind it
            frm += [
                a
                for c in token.children
                if c.dep_ == "acl" and c.tag_ == "VBN"
                for agent in c.children
                if agent.dep_ == "agent"
                for t in agent.children
                if t.dep_ == "pobj"
                for a in clause.parties_of(t, lenders=True)
            ]
        if verb is not None and verb.pos_ == "VERB":  # "provide X with money", "granted X $5 million"
            to += [a for c in verb.children if c.dep_ in ("dobj", "dative") for a in clause.parties_of(c)]
            # "financed patrol boats for Bangladesh and Fiji": whom the things paid for are for
            to += [
                a
                for c in verb.children
                if c.dep_ == "dobj" and verb.lemma_.lower() in self.lex.spending_verbs
                for t in clause.prep_objects(c, "for")
                for a in clause.parties_of(t)
            ]
            # "Vietnam's purchase is being financed by a loan from KEXIM": who buys is who is lent to
            to += [
                a
                for c in verb.children
                if c.dep_ == "nsubjpass" and self.lex.deal_nouns.get(c.lemma_.lower()) == "in"
                for p in c.children
                if p.dep_ == "poss"
                for a in clause.parties_of(p)
            ]
        # "approved a loan from Y", "will pay for the tanks with a loan from Y": the subject borrows from Y
        borrows = verb is not None and verb.lemma_.lower() in (
            self.lex.ratify_verbs | self.lex.approval_verbs | self.lex.spending_verbs
        )
        if borrows and not noun and verb is not None:
            # "approved a credit line from Spain": the lender of the loan the verb takes
            frm += [
                a
                for c in verb.children
                if c.dep_ == "dobj"
                and (
                    c.lemma_.lower() in self.lex.financing_nouns
                    or any(
                        x.lemma_.lower() in self.lex.financing_nouns
                        for x in c.children
                        if x.dep_ == "compound"
                    )
                )
                for t in clause.prep_objects(c, "from")
                for a in clause.parties_of(t, lenders=True)
            ]
        if (
            direction == "out"
            and borrows
            and frm
            and subjects
            and subjects[0].as_party(self.gaz).name != frm[0].as_party(self.gaz).name
        ):
            direction = "in"  # "Ghana's parliament approved a loan from Deutsche Bank": the approver borrows
        provider: Actor | None
        beneficiary: Actor | None
        also: list[Actor] = []
        payers: list[
            Actor
        ] = []  # more states paying with the first ("Denmark, Norway and Sweden will finance")
        if direction == "in":
            beneficiary = subjects[0] if subjects else None
            provider = frm[0] if frm else None
        elif direction == "withhold":
            provider = subjects[0] if subjects else None
            beneficiary = frm[0] if frm else (to[0] if to else None)
        else:
            provider = subjects[0] if subjects else (frm[0] if frm else None)
            # "The Philippine side appreciated the grant of US$ 2 million extended by India": the one the
            # grant is given by, not the one who welcomes it (who received it)
            granted_by = [a for t in self.given_by(token) for a in clause.parties_of(t)] if noun else []
            if granted_by and (provider is None or granted_by[0].name != provider.name):
                to = to or ([provider] if provider is not None else [])
                provider = granted_by[0]
            provider_name = provider.as_party(self.gaz).name if provider else None
            beneficiary = next((a for a in to if a.as_party(self.gaz).name != provider_name), None)
            if not noun:  # "Denmark, Norway and Sweden will jointly finance ...": one financing for each
                payers = [a for a in subjects[1:] if a.type == "country" and a.name != provider_name]
            # "financed patrol boats for Bangladesh and Fiji": one financing for each state funded
            also = (
                [
                    a
                    for a in to
                    if a.type == "country"
                    and a.as_party(self.gaz).name not in (provider_name, beneficiary.name)
                ]
                if beneficiary is not None and beneficiary.type == "country"
                else []
            )
        if beneficiary is None and held_by:
            beneficiary = next((a for a in held_by if provider is None or a.name != provider.name), None)
        if beneficiary is None and direction != "in":
            beneficiary = self.passing_beneficiary(ctx, provider, subjects if not noun else [])
        if provider is None and verb is not None and direction != "in":
            provider = next(iter(self.aid_means(verb)), None)  # "will be paid for with US military aid"
        if provider is None:  # "X receives $3.3 billion in Foreign Military Financing"
            provider = self.programme_state(ctx, beneficiary)
        if provider is not None and verb is not None:
            if (
                beneficiary is not None
                and beneficiary.as_party(self.gaz).name == provider.as_party(self.gaz).name
            ):
                beneficiary = (
                    None  # "paid for with US military aid": the US named as the funder, not the funded
                )
            if beneficiary is None:
                beneficiary = self.unsaid_beneficiary(token, verb, provider, noun, direction, money)
        if provider is None and beneficiary is not None and verb is not None:
            # "Pacific Island Affairs Minister X announced $48 million for Timor-Leste's forces": an official
            # of no named state gives for the story's other state
            official = next(
                (a for s in clause.subject_of(verb) for a in clause.actors_of(s) if a.type == "person"), None
            )
            if official is not None:
                state = clause.official_state(official, [official, beneficiary.as_party(self.gaz)], token)
                provider = state if state.type == "country" else None
        if verb is not None and verb.lemma_.lower() in self.lex.support_verbs:
            # "Yemen signed an agreement with Saudi Arabia to support the Yemeni Coast Guard with a grant":
            # the deal's other side gives, to the side helped
            partner = self.deal_partner(verb)
            aided = [
                a.as_party(self.gaz)
                for c in verb.children
                if c.dep_ == "dobj"
                for a in (clause.parties_of(c) or [h for h in [clause.home_force(c)] if h is not None])
            ]
            if partner is not None and aided and aided[0].name != partner.name:
                provider, beneficiary = partner, aided[0]
        cand = Candidate("financing", token, None)
        cand.roles.update(provider=provider, beneficiary=beneficiary)
        if also:  # read only for money given ("out")
            cand.also = {"beneficiary": list({a.name: a for a in also}.values())}
        if direction not in ("in", "withhold") and payers:
            cand.also["provider"] = list({a.name: a for a in payers}.values())
        cand.money = self.own_money(token, verb, money)
        purpose = self.purpose(token, verb)
        if purpose:
            cand.roles["purpose"] = purpose
        if beneficiary is None and cand.money is None:
            return None  # "the programme allows Tokyo to fund equipment": no one funded, no sum
        if (
            beneficiary is None
            and provider is not None
            and provider.type == "country"
            and direction == "out"
            and noun
            and token.lemma_.lower() in self.lex.gift_nouns
        ):
            # "BEIRUT - The $60 million grant announced by Qatar will be paid into an account of the Army
            # Command": a sum given to no one named goes to the story's state, when no money before names one
            story = clause.focus_country(token, besides=provider.country)
            if story is not None:
                cand.fallbacks["beneficiary"] = story
        return cand

    def lenders_of_means(self, verb: Token) -> list[Actor]:
        """Who lends the loan a verb is paid with: "financed by a loan from Sweden's SEK", "with a loan from
        the EU's SAFE instrument"."""
        if verb.pos_ in ("NOUN", "PROPN"):
            return []
        clause = self.clause
        means = clause.prep_objects(verb, "with") + [
            t for a in verb.children if a.dep_ == "agent" for t in a.children if t.dep_ == "pobj"
        ]
        return [
            a
            for m in means
            if m.lemma_.lower() in self.lex.financing_nouns
            for t in clause.prep_objects(m, "from")
            # a programme is no side: the body whose instrument it is lends ("the EU's SAFE instrument")
            for a in clause.parties_of(t, lenders=True)
            or [x for c in t.children if c.dep_ == "poss" for x in clause.parties_of(c)]
        ]

    def given_by(self, noun: Token) -> list[Token]:
        """ "the grant of US$ 2 million extended by India": the agent of a participle on the financing noun
        or on its sum."""
        return [
            t
            for h in (noun, *self.clause.prep_objects(noun, "of"), *self.money_path(noun))
            for c in h.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.lex.giving_participles
            for agent in c.children
            if agent.dep_ == "agent"
            for t in agent.children
            if t.dep_ == "pobj"
        ]

    def purpose_of_loan(self, token: Token) -> bool:
        """A financing verb of purpose ("to finance ...") under a verb whose object is a loan."""
        if token.pos_ != "VERB" or token.dep_ not in ("advcl", "xcomp", "acl"):
            return False
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return False
        return any(
            x.lemma_.lower() in self.lex.financing_nouns
            for c in token.head.children
            if c.dep_ == "dobj"
            for x in (c, *(k for k in c.children if k.dep_ == "compound"))
        )

    def unsaid_beneficiary(
        self, token: Token, verb: Token, provider: Actor, noun: bool, direction: str, money: list[Money]
    ) -> Actor | None:
        """Whom money goes to when the clause names no one: whoever pays with a loan ("Bolivia paid for the
        K-8s with a Chinese loan"), else, for money given to no one named ("The United States provided $40
        million in FMF to help pay for the jets"), the state the story is about."""
        funder = provider.as_party(self.gaz)
        lemma = verb.lemma_.lower()
        if noun and lemma in self.lex.spending_verbs and not any(c.dep_ == "auxpass" for c in verb.children):
            payers = [
                a.as_party(self.gaz) for s in self.clause.subject_of(verb) for a in self.clause.parties_of(s)
            ]
            payer = next((a for a in payers if a.name != funder.name), None)
            if payer is not None:
                return payer
        given = (lemma in self.lex.financing_verbs or self.paid_into_fund(verb, money)) and self.own_money(
            token, verb, money
        ) is not None
        if direction == "out" and self.names_no_beneficiary(verb, money) and (given or self.aid_means(verb)):
            return self.clause.focus_country(token, besides=funder.country)
        if direction == "out" and verb.pos_ == "VERB":
            return self.facility_state(token, verb, funder)
        return None

    def facility_state(self, token: Token, verb: Token, funder: Actor) -> Actor | None:
        """ "Washington is financing the training centre in Larnaca", "is paying for a naval station at
        Caratasca": the state where the facility paid for stands (the story's state when the place is
        unknown)."""
        clause = self.clause
        paid = [c for c in verb.children if c.dep_ == "dobj"] + clause.prep_objects(verb, "for")
        if not any(clause.noun_lemma(o) in self.lex.funded_facilities for o in paid):
            if verb.lemma_.lower() not in self.lex.work_funding_verbs:
                return None
            # "will support the clearance of mines in Kosovo with 2.4 million francs": where the work is done
            states = [a for o in paid for a in self.worked_in(o)]
            return next((a for a in states if a.name != funder.name), None)
        places = [p for o in paid for p in clause.prep_objects(o, "in", "at")]
        places += clause.prep_objects(verb, "in", "at")
        states = [
            a.as_party(self.gaz)
            for p in places
            for a in clause.parties_of(p)
            if a.as_party(self.gaz).type == "country" and a.as_party(self.gaz).name != funder.name
        ]
        return states[0] if states else clause.focus_country(token, besides=funder.country)

    def worked_in(self, work: Token) -> list[Actor]:
        """The states an "in" phrase inside a phrase of work names ("the clearance of mines in Kosovo")."""
        found = [
            a.as_party(self.gaz)
            for t in work.subtree
            if t.dep_ == "pobj" and t.head.lower_ == "in"
            for a in self.clause.parties_of(t)
        ]
        return [a for a in found if a.type == "country"]

    def pays_for_upkeep(self, verb: Token, ctx: ReadContext) -> bool:
        """ "paid for upgrades to the base", "paid for by the EU": a payment "for" something that is no item
        (an item paid for is a purchase), with no sum paid to a party."""
        fors = [
            c
            for c in verb.children
            if c.lower_ in ("for", "towards", "toward") and c.dep_ in ("prep", "prt", "dative")
        ]
        money_paid = any(
            c.dep_ == "dobj"
            and c.i in {t.i for m in ctx.money for t in verb.doc.char_span(m.start, m.end) or []}
            for c in verb.children
        )
        if (
            verb.pos_ != "VERB"
            or not fors
            or (any(c.dep_ in ("dobj", "dative") for c in verb.children) and not money_paid)
        ):
            return False
        passive = (verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl")) or any(
            c.dep_ == "auxpass" for c in verb.children
        )
        # "boats built by X and paid for from a grant": a participle joined to another is one too
        passive = passive or (verb.dep_ == "conj" and verb.head.tag_ == "VBN" and verb.head.dep_ == "acl")
        if passive and not (any(c.dep_ == "agent" for c in verb.children) or self.aid_means(verb)):
            return False  # "paid for from our budget", "paid for from an earlier grant": no funder named
        if passive and verb.head.lemma_.lower() in self.lex.deal_nouns:
            return False  # "contracts paid for by Ottawa": the buyer pays for its own deal
        paid_for = {t.i for f in fors for t in f.subtree}
        objects = [t for f in fors for t in f.children if t.dep_ == "pobj"]
        if any(
            t.pos_ == "PRON"
            or t.lemma_.lower() in self.lex.deal_nouns
            or t.lemma_.lower() in self.lex.vague_items
            or any(
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(g.lemma_.lower() in self.lex.deal_nouns for g in c.children)
                for c in t.children
            )
            for t in objects
        ):
            return False  # "pay for what we buy", "a fifth of the purchase", "American equipment": a purchase
        return not any(item.head in paid_for for item in ctx.items)

    def names_no_beneficiary(self, verb: Token, money: list[Money]) -> bool:
        """A giving verb with nothing but the sum as its object and no "to": whom it is for goes unsaid
        ("provided $40 million in FMF"; not "gives the defence ministry 120 billion")."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        # "provide a total of CHF 2.4 million": the parser may hang the sum as a second object
        objects = [o for o in objects if not any(m.start <= o.idx < m.end for m in money)] or objects[:1]
        return (
            len(objects) <= 1
            and (not objects or self.object_is_money(verb, money))
            # "for the years 2026 to 2028": a "to" of time names no one
            and all(t.ent_type_ == "DATE" or t.like_num for t in self.clause.prep_objects(verb, "to"))
            # a budget's "allocated 12 billion hryvnias for interceptor drones" funds its own buyers
            and not (
                verb.lemma_.lower() in self.lex.budget_verbs
                and any(self.clause.prep_objects(h, "for") for h in [verb, *objects])
            )
        )

    def aid_means(self, verb: Token) -> list[Actor]:
        """The states whose aid a verb says it uses ("paid for with US military aid")."""
        return [
            a.as_party(self.gaz)
            for m in self.clause.prep_objects(verb, "with", "through", "under")
            if m.lemma_.lower() in self.lex.aid_nouns
            for c in m.children
            if c.dep_ in ("amod", "compound", "poss", "nmod")
            for a in self.clause.parties_of(c)
        ]

    def holder_of_funded(self, participle: Token) -> list[Actor]:
        """The sides the clause above a funding participle names as holding what was funded ("The Army has
        received Stryker vehicles ..., financed through ...": the Army's state)."""
        node = participle.head  # up to the verb of the clause (past "delivered by France's Thales")
        while node.head.i != node.i and (node.pos_ != "VERB" or node.dep_ in ("acl", "relcl")):
            node = node.head
        if node.pos_ != "VERB":
            return []
        return [a.as_party(self.gaz) for s in self.clause.subject_of(node) for a in self.clause.parties_of(s)]

    @staticmethod
    def buys_items(verb: Token, ctx: ReadContext) -> bool:
        """ "paid Turkey $40 million for six drones": the sum pays for items (a "for" on the verb or sum)."""
        bought = {t.i for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "for" for t in p.subtree}
        return any(i.head in bought for i in ctx.items)

    def paid_party(self, verb: Token, money: list[Money]) -> bool:
        """ "pay Nauru A$140 million", "pays Mauritius £101 million a year": a sum paid to a party named as
        the verb's first object."""
        objects = [c for c in verb.children if c.dep_ in ("dative", "dobj")]
        # "pay Nauru A$140 million", "paid $500 million to the United States"
        payees = objects[:1] + self.clause.prep_objects(verb, "to")
        return (
            verb.pos_ == "VERB"
            and bool(objects)
            and any(self.clause.parties_of(p) for p in payees)
            and self.object_is_money(verb, money)
        )

    def paid_into_fund(self, verb: Token, money: list[Money]) -> bool:
        """ "paid USD 500 million into the scheme", "paid NOK 1.5 billion into the initiative": a sum given
        through a pool."""
        return (
            verb.pos_ == "VERB"
            and any(
                self.clause.noun_lemma(p) in self.lex.fund_nouns
                for p in self.clause.prep_objects(verb, "into")
            )
            and self.object_is_money(verb, money)
        )

    def spent(self, noun: Token) -> bool:
        """A money noun that its verb spends: "the aid will be spent on radars", "the loan will pay for"."""
        return (
            noun.pos_ in ("NOUN", "PROPN")
            and noun.dep_ in ("nsubj", "nsubjpass")
            and noun.head.lemma_.lower() in self.lex.spending_verbs
        )

    def lender_deal(self, obj: Token) -> bool:
        """A deal noun named by its financing ("a loan agreement", "a $2 billion financing deal")."""
        return obj.lemma_.lower() in self.lex.lender_deals and any(
            c.dep_ == "compound" and c.lemma_.lower() in self.lex.financing_nouns for c in obj.children
        )

    def deal_object(self, obj: Token) -> bool:
        """An arms deal noun, not a financing one ("a sale", "the purchase"; not "aid", "a loan")."""
        lemma = obj.lemma_.lower()
        triggers = self.lex.noun_triggers.get(lemma, ())
        return (
            bool(triggers)
            and all(t.type == "transfer" for t in triggers)
            and lemma not in self.lex.financing_nouns
        )

    def lists_arms(self, noun: Token, ctx: ReadContext) -> bool:
        """A noun whose clause lists arms ("a package that included 40 jets"): a sale, however it is named."""
        for clause in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
            triggers = self.lex.verb_triggers.get(clause.lemma_.lower(), ())
            if any(t.direction == "via" for t in triggers):
                listed = {t.i for o in clause.children if o.dep_ == "dobj" for t in o.subtree}
                if any(item.head in listed for item in ctx.items):
                    return True
        return False

    def programme_state(self, ctx: ReadContext, beneficiary: Actor | None) -> Actor | None:
        """The state whose aid programme the sentence, or the one before it in its paragraph, names ("Foreign
        Military Financing", "grants under Official Security Assistance. Indonesia will receive ...")."""
        sents = [ctx.sent]
        previous = sentence_before(ctx.sent.root)
        if previous is not None:
            sents.append(previous)
        for mention in (m for sent in sents for m in self.clause.sentence_actors(sent)):
            entry = self.clause.programme(mention)
            if entry is not None and entry.kind == "aid_programme" and (entry.country or entry.owner):
                state = (
                    self.clause.country_actor(entry.country)
                    if entry.country
                    else self.clause.body_actor(entry.owner)
                )
                same = beneficiary is not None and state is not None and state.name == beneficiary.name
                return None if same else state
        return None

    def passing_beneficiary(
        self, ctx: ReadContext, provider: Actor | None, payers: Sequence[Actor] = ()
    ) -> Actor | None:
        """A state named elsewhere in the sentence, when the clause names no beneficiary (not one of those
        paying)."""
        clause = self.clause
        provider_name = provider.as_party(self.gaz).name if provider else None
        paying = {a.as_party(self.gaz).name for a in payers}
        # "Canada contributed $40 million in March, and Denmark sent $1.2 billion": a fellow giver gets none
        verb = ctx.token if ctx.token.pos_ == "VERB" else ctx.token.head
        paying |= {
            a.as_party(self.gaz).name
            for c in verb.conjuncts
            if c.pos_ == "VERB" and self.object_is_money(c, ctx.money)  # not "Zagreb will give Ukraine tanks"
            for s in clause.subject_of(c)
            for a in clause.parties_of(s)
        }
        doc = ctx.sent.doc
        others = [
            actor.as_party(self.gaz)
            for m in clause.sentence_actors(ctx.sent)
            for actor in [clause.actor_for_mention(m)]
            # a name no gazetteer knows and no state places ("spoke to L'Orient Today") gets no money
            if not clause.unplaced(actor)
            # "through the European Recapitalization Incentive Program": the channel, not who gets the money
            and not any(
                a.dep_ == "prep" and a.lower_ in ("through", "via", "under") for a in doc[m.start].ancestors
            )
            # "the Swiss news agency Keystone-SDA reported": who says so, not who gets the money
            and not self.in_reporting_subject(doc[m.start : m.end].root)
            # "on the anniversary of Russia's invasion": the occasion, not who gets the money
            and not clause.in_occasion(doc[m.start])
        ]
        others.sort(key=lambda a: a.type != "country")  # a state before a fund or programme
        return next(
            (
                a
                for a in others
                if a.name != provider_name
                and a.name not in paying
                and a.type in ("country", "organization", "company", "armed_group")
            ),
            None,
        )

    def in_reporting_subject(self, token: Token) -> bool:
        """A word of the subject of a reporting verb ("the Swiss news agency ... reported")."""
        node = token
        while node.dep_ in ("amod", "compound", "nmod", "poss", "appos") and node.head.i != node.i:
            node = node.head
        return node.dep_ == "nsubj" and node.head.lemma_.lower() in self.lex.reporting_verbs

    def deal_partner(self, verb: Token) -> Actor | None:
        """The other side of the deal a verb tells the purpose of ("signed an agreement with Y to support
        ...", "an agreement with Y to support ...")."""
        head = verb.head
        deals: list[Token] = []
        if verb.dep_ in ("acl", "relcl") and head.lemma_.lower() in self.lex.lender_deals:
            deals = [head]
        elif verb.dep_ in ("advcl", "xcomp"):
            deals = [
                c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.lender_deals
            ]
        partners = [
            a.as_party(self.gaz)
            for d in deals
            for t in self.clause.prep_objects(d, "with")
            for a in self.clause.parties_of(t, lenders=True)
        ]
        return partners[0] if partners else None

    def governing_verb(self, noun: Token) -> Token | None:
        """The verb that moves a money noun: "$5 million in military aid" under "received" or "withheld"."""
        node = noun
        for _ in range(5):
            if node.dep_ not in MONEY_PATH_DEPS or node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return node
        return None

    @staticmethod
    def money_path(noun: Token) -> list[Token]:
        """The nouns between a money noun and its verb, whose phrases can hold "from X" or "to Y"."""
        path: list[Token] = []
        node = noun
        for _ in range(4):
            if node.dep_ not in MONEY_PATH_DEPS or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                break
            path.append(node)
        return path

    def own_money(self, token: Token, verb: Token | None, money: list[Money]) -> Money | None:
        if not money:
            return None
        spans = [
            (h.left_edge.idx, h.right_edge.idx + len(h.right_edge)) for h in (token, verb) if h is not None
        ]
        if verb is not None:  # the verb's own arguments, not a clause below it with its own amounts
            spans = [(token.left_edge.idx, token.right_edge.idx + len(token.right_edge))] + [
                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
                for c in verb.children
                if c.dep_ in ("dobj", "nsubjpass", "dative", "prep", "attr")
            ]
        inside = [m for m in money if any(a <= m.start < b for a, b in spans)]
        return self.clause.nearest_money(token, inside or money)

    def purpose(self, token: Token, verb: Token | None) -> str | None:
        """ "for the purchase of radars", "to buy radars", "military aid": what the money is for."""
        clause = self.clause
        for holder in (token, verb):
            if holder is None:
                continue
            for c in clause.prep_objects(holder, "for"):
                # not a period ("for 2024-2026", "for three years")
                if clause.actor_of(c) is None and not c.like_num and c.ent_type_ not in ("DATE", "TIME"):
                    return clause.phrase(c) + self.of_phrase(c)
            for c in holder.children:
                if c.dep_ in ("xcomp", "advcl") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):
                    return "to " + self.verb_phrase(c)
        return None

    @staticmethod
    def verb_phrase(verb: Token, max_len: int = 14) -> str:
        """A verb with its object, as written ("buy air surveillance radars, communications equipment and
        vehicles"), cut to max_len words and never ending on a comma, conjunction or preposition."""
        doc = verb.doc
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "prep")]
        end = objects[0].right_edge.i + 1 if objects else verb.i + 1
        end = min(end, verb.i + max_len)
        while end - 1 > verb.i and doc[end - 1].dep_ in ("punct", "cc", "prep", "det", "aux", "case"):
            end -= 1
        return doc[verb.i : end].text

    @staticmethod
    def of_phrase(noun: Token) -> str:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of" and len(list(child.subtree)) <= 6:
                return " " + " ".join(t.text for t in child.subtree)
        return ""

    @staticmethod
    def object_is_money(token: Token, money: list[Money], items: Sequence[Item] = ()) -> bool:
        """Whether the verb moves money; with items given, an item object moves the item and money in its
        phrase is its value ("provide coastal radars worth ¥600 million to the navy")."""
        item_heads = {i.head for i in items}
        if token.dep_ == "relcl":  # "the 15 million euros that Portugal has promised the FADM"
            noun = token.head
            if any(noun.left_edge.idx <= m.start < noun.idx + len(noun) for m in money):
                return True
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass", "dative") or (
                # "provided X with $5 million"; "lend Warsaw about USD 6 billion" ("about" as a preposition);
                # "grant financial support worth $10 million" (the parse may hang "worth" on the verb)
                child.dep_ == "prep"
                and child.lower_ in ("with", "about", "around", "nearly", "roughly", "some", "worth")
            ):
                objects = [child, *(o for o in child.children if o.dep_ == "pobj")]
                if any(o.i in item_heads for o in objects):
                    continue
                # the phrase itself, not what an apposition or clause adds about it ("its first jet, the
                # opening instalment of 28 in a $7.5 billion package")
                own = own_phrase(child, money)
                if any(t.idx <= m.start < t.idx + len(t) for t in own for m in money):
                    return True
        return False
