"""Financing: who funds whom, with how much and for what (loans, grants, credits, military aid)."""

from __future__ import annotations

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Candidate, ReadContext
from armswatch.normalise import Money


class FinancingReader(Reader):
    def read(self, ctx: ReadContext) -> Candidate | None:
        token, trigger, sent, money = ctx.token, ctx.trigger, ctx.sent, ctx.money
        clause = self.clause
        if trigger.needs == "money" and not money:
            return None
        if trigger.needs == "money" and token.pos_ == "VERB" and not self.object_is_money(token, money):
            return None  # the money belongs to another verb of the sentence
        anchor = clause.clause_anchor(token)
        if token.pos_ in ("NOUN", "PROPN"):  # "a grant ... that X extended to Y"
            relative = next(
                (c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None
            )
            anchor = relative if relative is not None and anchor is token else anchor
        subj = (
            [c for c in token.children if c.dep_ == "poss"] if token.pos_ in ("NOUN", "PROPN") else []
        ) or clause.subject_of(anchor)
        # a lender may be a bank the gazetteer does not know
        providers = [a for s in subj for a in clause.parties_of(s, lenders=True)]
        to = [
            a
            for t in clause.prep_objects(token, "to", "for") + clause.prep_objects(anchor, "to", "for")
            for a in clause.parties_of(t)
        ]
        if token.pos_ == "VERB":  # "provide X with money"
            to += [a for c in token.children if c.dep_ in ("dobj", "dative") for a in clause.parties_of(c)]
        cand = Candidate("financing", token, None)
        provider = providers[0] if providers else None
        provider_name = provider.as_party(self.gaz).name if provider else None
        beneficiary = next((a for a in to if a.as_party(self.gaz).name != provider_name), None)
        if beneficiary is None:
            others = [clause.actor_for_mention(m).as_party(self.gaz) for m in clause.sentence_actors(sent)]
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
        cand.money = clause.nearest_money(token, money)
        purpose = [
            c
            for c in clause.prep_objects(token, "for") + clause.prep_objects(anchor, "for")
            if clause.actor_of(c) is None
        ]
        if purpose:
            cand.roles["purpose"] = clause.phrase(purpose[0])
        if provider is None and beneficiary is None and cand.money is None:
            return None
        return cand

    @staticmethod
    def object_is_money(token: Token, money: list[Money]) -> bool:
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "prep" and child.lower_ == "with"):
                span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                if any(span[0] <= m.start < span[1] for m in money):
                    return True
        return False
