"""Agreements: parties, status (proposed, signed, ratified), topic and place of a pact, deal or contract."""

from __future__ import annotations

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.clause import ClauseReader, relative_on
from armswatch.extract.items import ItemReader
from armswatch.extract.modality import Modality
from armswatch.extract.model import Candidate, ReadContext
from armswatch.extract.transfer import TransferReader
from armswatch.gazetteer import Gazetteer
from armswatch.lexicon import Lexicon
from armswatch.resolve import Mention


class AgreementReader(Reader):
    def __init__(
        self,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        clause: ClauseReader,
        items: ItemReader,
        modality: Modality,
        transfers: TransferReader,
    ) -> None:
        super().__init__(lexicon, gazetteer, clause, items, modality)
        self.transfers = transfers

    def read(self, ctx: ReadContext) -> Candidate | None:
        token, trigger, sent = ctx.token, ctx.trigger, ctx.sent
        clause = self.clause
        verb = clause.light_verb(token)
        # the noun's own relative clause ("the agreement the two countries signed on Tuesday") tells its deed,
        # whatever governs the noun
        relative = [v for v in sent if v.pos_ == "VERB" and relative_on(v, token)]
        signed = next((c for c in relative if c.lemma_.lower() in self.lex.signing_verbs), None)
        if signed is not None and trigger.needs != "signing":  # a contract's signing is read as its deal's
            verb = signed
        elif token.dep_ == "acl" or verb is None:
            verb = next(iter(relative), verb)
        signers: list[Token] = []
        if verb is None:
            # "a Technical Arrangement on pilot training which the NAF and the Italian Air Force signed": the
            # parser hangs the relative clause on the last noun of the agreement's topic
            verb = next(
                (
                    r
                    for r in sent
                    if r.dep_ == "relcl"
                    and r.lemma_.lower() in self.lex.signing_verbs
                    and 0 < r.head.i - token.i <= 4
                    and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in r.children)  # "which X signed"
                ),
                None,
            )
            signers = clause.subject_of(verb) if verb is not None else []
        verb_lemma = verb.lemma_.lower() if verb is not None else ""
        if trigger.needs == "signing" and verb_lemma not in self.lex.signing_verbs:
            return None
        if token.lemma_.lower() in self.lex.singular_only and token.tag_ == "NNS":
            return None  # "arrangements were made": preparations, not an agreement
        if trigger.needs == "letter" and not any(
            p.lemma_.lower() in self.lex.agreement_letters
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ):
            return None  # a letter of intent is an agreement; a letter to the editor is not
        if self.reacted_to(token) or self.frames_other(token):
            return None
        status = trigger.status
        chain = {verb_lemma} | (
            {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "xcomp")}
            if verb is not None
            else set()
        )
        if verb is not None and verb.dep_ == "xcomp":
            chain.add(verb.head.lemma_.lower())
        if verb is None:  # "are negotiating an agreement", "in talks on an agreement": what governs it
            governor = {"pobj": token.head.head, "dobj": token.head}.get(token.dep_)
            if governor is not None:
                chain |= {governor.lemma_.lower()} | {
                    c.lemma_.lower() for c in governor.children if c.dep_ in ("aux", "xcomp")
                }
        if chain & self.lex.proposal_words:
            status = "proposed"  # "is expected to ratify": not yet ratified
        elif verb_lemma in self.lex.ratify_verbs:
            status = "ratified"
        parties = clause.group_actors(token, sent) + [a for s in signers for a in clause.actors_of(s)]
        if trigger.needs == "signing":
            # a signed contract for an item: the parties are the deal's two sides
            parties = clause.distinct_parties(self.transfers.deal_sides(ctx)) or parties
        if verb is not None:
            for agent in clause.agent_of(verb):
                parties.extend(clause.actors_of(agent))
            parties = clause.distinct_parties(parties)
        if len(parties) < 2:
            parties = clause.distinct_parties(
                parties
                + [
                    clause.actor_for_mention(m)
                    for m in clause.sentence_actors(sent)
                    if m.type in ("country", "person", "company") and not self.bystander(m, token)
                ]
            )
        if len(parties) < 2 and verb is not None and clause.names_pair(verb):
            parties = clause.pair_before(token) or parties  # "following the talks, the ministers signed"
        elif len(parties) < 2 and any(
            a.pos_ == "VERB" and clause.names_pair(a) for a in list(token.ancestors)[:3]
        ):
            parties = clause.pair_before(token) or parties  # "the two ministers witnessed the signing of"
        elif len(parties) < 2 and any(
            clause.names_two(t) for t in token.subtree if any(a.lower_ == "between" for a in t.ancestors)
        ):
            parties = clause.pair_before(token) or parties  # "a plan between the ministries of two countries"
        parties = clause.distinct_parties([clause.official_state(p, parties, token) for p in parties])
        # "signed on behalf of Namibia by Mr. X and on behalf of Botswana by Mr. Y": the states they sign for
        parties = clause.distinct_parties(parties + clause.acted_for(sent))
        # "the defence agreement signed between the Comoros and Madagascar": the pair it names is the pair
        # that signed, not the state that "rejected a clause" of it
        between = clause.distinct_parties(
            [
                a
                for h in (token, *(c for c in token.children if c.dep_ in ("acl", "relcl")))
                for t in clause.prep_objects(h, "between")
                for a in clause.parties_of(t)
            ]
        )
        if len(between) >= 2:
            parties = between
        # "under the MoU": the agreement's own word, read as a name, is no party to it
        parties = [p for p in parties if p.mention is None or not p.mention.start <= token.i < p.mention.end]
        cand = Candidate("agreement", token, status)
        cand.roles["parties"] = parties
        topic = clause.phrase(token)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "of") and len(list(child.subtree)) <= 6:
                topic += " " + " ".join(t.text for t in child.subtree)
        cand.roles["topic"] = topic
        location = clause.location_of(token, sent, set())
        if location:
            cand.roles["location"] = location
        cand.money = clause.nearest_money(token, ctx.money)
        # "Kongsberg signed a contract with a European NATO country": a company and its own state are one side
        sides = {p.country or p.name for p in parties}
        cand.partial = len(parties) < 2 or len(sides) < 2
        return cand

    def reacted_to(self, token: Token) -> bool:
        """ "Canberra welcomed the agreement", "had been consulted on the agreement", "voted against the
        agreement": a reaction to an agreement told before, whose subject is no party to it."""
        if any(
            c.dep_ == "relcl"
            and c.lemma_.lower() in self.lex.reaction_verbs
            and not any(o.dep_ == "dobj" for o in c.children)
            for c in token.children
        ):
            return True  # "an arrangement the opposition MP has questioned": the noun is what it reacts to
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.children)
        governor = {"dobj": token.head, "nsubjpass": token.head}.get(token.dep_)
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            governor = token.head.head
            if definite and token.head.lower_ in self.lex.opposition_words:
                return True  # "voted against the agreement", "was not against the agreement"
        return (
            definite
            and governor is not None
            and governor.pos_ == "VERB"
            and governor.lemma_.lower() in self.lex.reaction_verbs
        )

    def frames_other(self, token: Token) -> bool:
        """ "Consultations under Article 4 of the treaty", "reaffirmed their commitment to the treaty": a
        known agreement named only as the frame of something else."""
        known = token.pos_ == "PROPN" or any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "no") for c in token.children
        )
        return (
            known
            and token.dep_ == "pobj"
            and token.head.lower_ in ("of", "to")
            and token.head.head.lemma_.lower() in self.lex.framework_nouns
            # "a clause of the agreement signed between Morocco and Mauritania": its signing is told
            and not any(
                c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.lex.signing_verbs
                for c in token.children
            )
        )

    def describes_speaker(self, word: Token, token: Token) -> bool:
        """ "A Madrid-based researcher said the agreement fit a pattern", "a Kenyan analyst said": a place or
        nationality that only describes an onlooker who speaks of the agreement (not "a Kenyan government
        spokesman said", "Kenya's ministry said")."""
        verb = next((v for v in token.ancestors if v.lemma_.lower() in self.lex.reporting_verbs), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        return (
            subject is not None
            and word.i != subject.i
            and subject.left_edge.i <= word.i <= subject.right_edge.i
            and word.dep_ in ("amod", "compound", "npadvmod", "nmod")
            and subject.lemma_.lower() in self.lex.onlooker_nouns
        )

    def bystander(self, mention: Mention, token: Token) -> bool:
        """A name in the agreement's sentence that is no party to it: one of other deals ("Manila's sixth such
        arrangement, after those with the US", "the 1998 agreement with the US"), an earlier partner of a
        series ("the latest, after the United States and Japan"), one in a relative clause describing another
        name, or a speaker of no known state."""
        at = token.doc[mention.start]
        below = at
        for above in at.ancestors:
            if above.i == token.i:
                return False
            if above.dep_ != "det" and above.lower_ in self.lex.other_deal_pronouns:
                return True
            if above.dep_ == "prep" and above.lower_ in self.lex.series_preps and below.dep_ == "pobj":
                listed = self.clause.mention_at(below)
                if listed is not None and listed.type == "country":
                    return True  # "after the United States and Japan", not "after a long fight over X"
            if (
                below.dep_ == "prep"
                and below.lower_ == "with"
                and above.pos_ in ("NOUN", "PROPN")
                and any(t.type == "agreement" for t in self.lex.noun_triggers.get(above.lemma_.lower(), ()))
            ):
                return True  # "the 1998 agreement with the United States": another agreement's party
            if (
                above.dep_ == "relcl"
                and above.head.pos_ == "PROPN"
                and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in above.children)  # "which covers"
                and not above.is_ancestor(token)
                and not token.is_ancestor(above)
            ):
                return True  # "the centre of Zone E, which covers Nigeria, Benin and Togo": another name's
            below = above
        # "X, an analyst, said the agreement ...": a speaker of no known state speaks of it
        root = token.doc[mention.start : mention.end].root
        if self.describes_speaker(root, token):
            return True
        return (
            mention.type == "person"
            and not mention.country
            and root.dep_ == "nsubj"
            and root.head.lemma_.lower() in self.lex.reporting_verbs
            and root.head in token.ancestors
        )
