"""Modality: whether a trigger's clause says the event happened (negation), and how far a transfer got
(plans and talks are intent, offers are offers, future deliveries are orders)."""

from __future__ import annotations

from spacy.tokens import Token

from armswatch.extract.clause import ClauseReader
from armswatch.lexicon import Lexicon, Trigger


class Modality:
    def __init__(self, lexicon: Lexicon, clause: ClauseReader) -> None:
        self.lex = lexicon
        self.clause = clause

    def negated(self, token: Token) -> bool:
        return any(c.dep_ == "neg" for c in token.children) or (
            token.dep_ in ("xcomp", "pcomp")
            and any(c.dep_ == "neg" for c in token.head.children)
            and token.head.lemma_.lower() not in self.lex.reporting_verbs
        )

    def reported(self, token: Token) -> bool:
        """Some speaker reports the clause (a reporting verb above the trigger)."""
        return any(t.lemma_.lower() in self.lex.reporting_verbs for t in token.ancestors)

    def status_for(self, token: Token, trigger: Trigger) -> str | None:
        """Lower the stage for "plans to buy", "offered to sell"; light verbs keep the noun's stage."""
        status = trigger.status
        node = token
        verb = self.clause.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
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
            # the clause sets the stage of a deal noun that is its subject ("deliveries are due next year")
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
                return "order"  # a delivery still to come: ordered, not yet delivered
        return status
