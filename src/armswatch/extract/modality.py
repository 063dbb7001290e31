"""Modality: whether a trigger's clause states its event as done, and how far a transfer got.

Factuality reads the chain of heads above the trigger, up to the clause a speaker reports:
- negated: "did not deliver", "never bought", "delivered no drones" (a denial when someone says it);
- hypothetical: conditions ("if X buys"), open questions ("whether X received", "Will X buy?"), refusals
  ("refused to sell") and doubt ("analysts doubt that X bought"): no asserted event.
The stage of a transfer is the furthest one the clause states as done: plans and talks are intent, offers
and approvals of a possible sale are offers, future deliveries are orders."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from armswatch.extract.clause import ClauseReader
from armswatch.lexicon import Lexicon, Trigger
from armswatch.parse import doc_text, opens_quote

# dependencies along which a trigger's clause hangs on the clause above it
CHAIN_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "acl",
        "relcl",
        "pcomp",
        "prep",
        "pobj",
        "dobj",
        "nsubj",
        "nsubjpass",
        "attr",
        "acomp",
        "conj",
        "csubj",
        "oprd",
        "appos",
        "npadvmod",
    }
)
STAGES = ("intent", "offer", "order", "delivery")
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
ASPECT_HEADS = frozenset({"begin", "start", "continue", "resume", "keep", "finish", "complete"})


@dataclass(frozen=True)
class Factuality:
    negated: bool = False
    hypothetical: bool = False


class Modality:
    def __init__(self, lexicon: Lexicon, clause: ClauseReader) -> None:
        self.lex = lexicon
        self.clause = clause

    # ---- factuality ---------------------------------------------------------------------------------
    def chain(self, token: Token, limit: int = 6) -> list[Token]:
        """The trigger and the heads above it, up to (not past) the first reporting verb."""
        out = [token]
        node = token
        for _ in range(limit):
            if node.dep_ not in CHAIN_DEPS or node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in self.lex.reporting_verbs and node.pos_ in ("VERB", "AUX"):
                break
            out.append(node)
        return out

    def factuality(self, token: Token) -> Factuality:
        chain = self.chain(token)
        return Factuality(self.negated(token, chain), self.hypothetical(token, chain))

    def negated(self, token: Token, chain: list[Token] | None = None) -> bool:
        chain = chain if chain is not None else self.chain(token)
        clause = self.clause_verbs(token, chain)
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in self.lex.personnel_nouns
            and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        ):
            return True  # "there were no Russian troops in Armenia"
        if (
            token.pos_ == "NOUN"
            and token.dep_ == "attr"
            and any(c.dep_ == "amod" for c in token.children)
            and not any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        ):
            return False  # "twelve vehicles is not a big contract": what it is like, not whether it is
        # "the text of the MoU was not placed before the council": a part of the deal, as its subject
        subject = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token
        if (
            token.pos_ in ("NOUN", "PROPN")
            and subject.dep_ in ("nsubj", "nsubjpass")
            and clause
            and subject.head.i == clause[0].i
            and clause[0].lemma_.lower() not in self.lex.occurrence_verbs
        ):
            return False  # "the agreement would not lead to more checkpoints": a consequence, not the deal
        if (
            token.pos_ in ("NOUN", "PROPN")
            and subject.dep_ == "nsubj"
            and clause
            and subject.head.i == clause[0].i
            and clause[0].lemma_ == "be"
            and any(
                c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() not in self.lex.truth_words
                for c in clause[0].children
            )
        ):
            # "the purchase was not a decision of her government": what it is, not whether (but "the sale is
            # not a reality" denies it)
            return False
        if any(t is not token and t.lemma_.lower() in self.lex.opposition_words for t in chain):
            return False  # "he was not against the agreement": the opposition denied, not the deal
        if (
            token.dep_ == "acl"
            and token.head.lemma_.lower() in self.lex.intent_markers
            and any(c.dep_ == "det" and c.lower_ == "no" for c in token.head.children)
        ):
            return True  # "has no plan to procure the L-15", "no intention to buy"
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.sighting_verbs:
            return False  # "the committee had not seen the contract": its papers unseen, not the deal undone
        for verb in clause:
            if verb is not token and verb.lemma_.lower() in self.lex.reporting_verbs:
                continue  # "never confirmed the sale": no word either way on the sale itself
            for child in verb.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "advmod" and child.lower_ in self.lex.negation_words
                ):
                    return True
        # "delivered no drones": the object itself is negated; so is what "there are no ..." says is there,
        # and what "neither" or "neither country" did ("although neither has signed a contract")
        return any(
            (
                c.dep_ == "nsubj"
                and (c.lower_ in self.lex.nobody_words or any(d.lower_ == "neither" for d in c.children))
            )
            or (
                (
                    c.dep_ in ("dobj", "nsubjpass")
                    or (c.dep_ in ("attr", "nsubj") and verb.lemma_.lower() in ("be", "remain", "stay"))
                )
                and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                and self.within(token, c)
            )
            for verb in clause
            for c in verb.children
        )

    def within(self, token: Token, negated: Token) -> bool:
        """Whether "no" on `negated` reaches the trigger: a verb's own object ("delivered no drones"), the
        noun itself, or a word of its phrase; not a deal named as where the negated thing is ("there were no
        arms purchases in the agreement" denies purchases, not the agreement)."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return True  # the verb's own object
        if not negated.left_edge.i <= token.i <= negated.right_edge.i:
            # the subject of "the purchase was no reality"; but "with this memorandum, there will be no place
            # for them to hide" says what the deal brings, not that there is none
            return token.dep_ != "pobj"
        node = token
        while node.i != negated.i and node.head.i != node.i:
            if node.dep_ == "prep" and node.lower_ in self.lex.container_preps:
                return False
            node = node.head
        return True

    def clause_verbs(self, token: Token, chain: list[Token]) -> list[Token]:
        """The verbs of the trigger's own clause: the trigger (or the verb a trigger noun hangs on) and the
        verbs it is the complement of ("did not agree to buy")."""
        verbs: list[Token] = []
        for node in chain:
            if node.pos_ in ("VERB", "AUX"):
                verbs.append(node)
                if node.dep_ not in ("xcomp", "pcomp", "conj") and node is not token:
                    break
                if node is token and node.dep_ not in ("xcomp", "pcomp"):
                    break
        if not verbs and token.pos_ in ("NOUN", "PROPN"):
            verb = self.clause.light_verb(token)
            if verb is not None:
                verbs.append(verb)
        return verbs

    def hypothetical(self, token: Token, chain: list[Token] | None = None) -> bool:
        chain = chain if chain is not None else self.chain(token)
        below: Token | None = None
        for node in chain:
            if any(c.dep_ == "mark" and c.lower_ in self.lex.conditional_marks for c in node.children):
                return True
            lemma = node.lemma_.lower()
            if node is not token and (
                lemma in self.lex.refusal_verbs or self.phrasal(node) in self.lex.refusal_verbs
            ):
                return True
            # doubt over a clause ("doubt that X bought"), not criticism of a thing ("questioned the sale")
            if (
                below is not None
                and lemma in self.lex.doubt_words
                and below.dep_ in ("ccomp", "xcomp", "advcl", "csubj")
            ):
                return True
            below = node
            if any(
                c.dep_ in ("acomp", "attr") and c.lemma_.lower() in self.lex.doubt_words
                for c in node.children
            ):
                return True  # "it is unclear whether ..."
        return self.question(token)

    def named_as(self, token: Token) -> bool:
        """An event noun after "as" of a verb that names what a thing is ("treat them as a transfer")."""
        return (
            token.pos_ == "NOUN"
            and token.dep_ == "pobj"
            and token.head.lower_ == "as"
            and token.head.head.lemma_.lower() in self.lex.classifying_verbs
        )

    def unnamed_source_reason(self, token: Token) -> bool:
        """A word inside "(who was) not authorised to discuss X": the reason a source goes unnamed."""
        for above in token.ancestors:
            if above.lemma_.lower() in self.lex.anonymity_verbs and any(
                c.dep_ == "neg" for c in above.children
            ):
                return True
            if above.dep_ in ("relcl", "advcl", "ROOT") or above.pos_ == "NOUN":
                return False
        return False

    @staticmethod
    def phrasal(verb: Token) -> str:
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        return f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()

    @staticmethod
    def question(token: Token) -> bool:
        """The trigger's sentence is a question ("Will X buy drones from Y?"), not a quoted one."""
        sent = token.sent
        text = sent.text.rstrip(" \"'”’)")
        return text.endswith("?")

    def reported(self, token: Token) -> bool:
        """Some speaker reports the clause (a reporting verb above the trigger), or the clause is in quotation
        marks ('"We are not buying any Russian aircraft," he said.')."""
        return any(t.lemma_.lower() in self.lex.reporting_verbs for t in token.ancestors) or self.quoted(
            token
        )

    @staticmethod
    def quoted(token: Token) -> bool:
        """The word stands in quotation marks opened in its sentence ('"There are no Russian troops in
        Armenia," the spokesman said.')."""
        return opens_quote(doc_text(token.doc)[token.sent.start_char : token.idx])

    # ---- stage -------------------------------------------------------------------------------------
    def status_for(self, token: Token, trigger: Trigger) -> str | None:
        """The furthest stage the clause states as done, from the trigger's own stage down."""
        status = trigger.status
        if trigger.type != "transfer" or status not in STAGES:
            return status
        if self.describes_deal(token):
            return STAGES[0]  # "the sale is Britain's biggest export": names the deal, not its stage
        verb = self.clause.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
        if token.pos_ == "NOUN" and (verb or token.head).lemma_.lower() in self.lex.approval_verbs:
            status = self.lower(status, "order")  # "partners had to approve the export": allowed, not shipped
        chain = self.chain(token, limit=6)
        if token.dep_ in ("acl", "relcl") and token.tag_ in ("VBN", "VBD"):
            chain = [token]  # "the jets ordered by X are due in 2027": the participle tells its own past
        if verb is not None and verb not in chain:
            chain.append(verb)
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("AUX", "VERB"):
            # the clause sets the stage of a deal noun that is its subject ("deliveries are due next year")
            chain.extend(c for c in token.head.children if c.dep_ in ("acomp", "xcomp"))
        lemmas = {t.lemma_.lower() for t in chain} | {
            c.lemma_.lower()
            for t in chain
            for c in t.children
            if c.dep_ in ("aux", "amod", "compound", "advmod")
        }
        infinitive = token.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if infinitive and token.dep_ in ("advcl", "xcomp"):
            # "signed an MoU with X to buy jets": the paper signed sets how far the purchase got
            lemmas |= {c.lemma_.lower() for c in token.head.children if c.dep_ == "dobj"}
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in TOPIC_PREPS:
            # "held talks with X on supplies of jets": the talks the supplies are the topic of
            lemmas |= {c.lemma_.lower() for c in token.head.head.children if c.dep_ in ("dobj", "nsubj")}
        if token.pos_ == "VERB" and token.lemma_.lower() in self.lex.signing_verbs:
            # "signed a letter of intent with EDGE for 20 vehicles": the paper signed sets the stage
            lemmas |= {
                g.lemma_.lower()
                for c in token.children
                if c.dep_ == "dobj"
                for p in c.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            }
        if token.pos_ == "NOUN" and token.head.lemma_.lower() in self.lex.exercising_verbs:
            lemmas.discard(token.lemma_.lower())  # "exercised an option for eight more jets": bought
        own = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound")}
        if own & self.lex.possible_words and lemmas & self.lex.approval_verbs:
            return self.lower(status, "offer")  # "approved a possible sale"
        commitments = self.lex.commitment_heads
        # "signed a contract with X for the supply of": the paper the verb above signed
        signed = [
            c
            for t in chain
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.signing_verbs
            for c in t.children
            if c.dep_ == "dobj"
        ]
        if any(
            t is not token and t.pos_ == "NOUN" and t.lemma_.lower() in commitments for t in [*chain, *signed]
        ):
            status = self.lower(status, "order")  # "a contract for the supply of": ordered, not yet delivered
        if lemmas & self.lex.offer_markers:
            status = self.lower(status, "offer")
        if lemmas & self.lex.intent_markers:
            return self.lower(status, "intent")
        if infinitive and token.dep_ in ("xcomp", "advcl", "acl", "ccomp"):
            head = token.head.lemma_.lower()
            if head in ASPECT_HEADS or head in self.lex.offer_markers:
                pass  # "began to deliver": the stage stands; "proposed to sell": an offer, set above
            elif head in self.lex.commitment_heads or head in self.lex.reporting_verbs:
                status = self.lower(status, "order")  # "agreed to supply", "a contract to deliver"
            elif not lemmas & self.lex.future_markers:
                return self.lower(status, "intent")  # a purpose: "received money to buy radars"
        headline_future = infinitive and token.dep_ == "ROOT"  # a headline's "Nigeria to receive jets"
        if lemmas & self.lex.future_markers or headline_future:
            if status == "delivery":
                status = "order"  # a delivery still to come
            elif status == "order" and token.pos_ == "VERB" and trigger.direction == "in":
                status = "intent"  # "will buy", "is expected to order": not ordered yet
            elif status == "order" and token.pos_ == "VERB" and trigger.direction == "out":
                status = "offer"  # "Washington would sell jets to X": the seller is willing, no order yet
        return status

    def describes_deal(self, token: Token) -> bool:
        """A deal noun said of another deal word: in apposition to it ("a deal worth $2bn, its biggest
        export") or its predicate ("the sale is the largest export in years")."""
        if token.pos_ != "NOUN":
            return False
        if token.dep_ == "appos":
            described = token.head
        elif token.dep_ == "attr" and token.head.lemma_.lower() == "be":
            described = next((c for c in token.head.children if c.dep_ == "nsubj"), token)
        else:
            return False
        return described is not token and described.lemma_.lower() in self.lex.noun_triggers

    @staticmethod
    def lower(status: str | None, cap: str) -> str:
        if status not in STAGES:
            return cap
        return STAGES[min(STAGES.index(status), STAGES.index(cap))]
