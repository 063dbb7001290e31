"""Exercises: participants, place and personnel of a drill or manoeuvre."""

from __future__ import annotations

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Actor, Candidate, ReadContext


class ExerciseReader(Reader):
    def read(self, ctx: ReadContext) -> Candidate | None:
        token, trigger, sent = ctx.token, ctx.trigger, ctx.sent
        clause = self.clause
        if trigger.needs == "military" and not any(t.lemma_.lower() in self.lex.military_words for t in sent):
            return None
        if token.pos_ == "VERB" and token.lemma_.lower() == "exercise" and not self.named_drill(token):
            return None  # "exercised restraint"
        if trigger.needs == "joint" and not self.joint_task(ctx):
            return None
        participants = clause.group_actors(token, sent)
        held = token.head.lemma_.lower() in self.lex.conduct_verbs and token.i != token.head.i
        if token.pos_ == "VERB" and held:
            # "the two navies held the SLINEX exercise", the noun read as a verb: those who held it
            participants = clause.distinct_parties(
                participants
                + [
                    a
                    for s in clause.subject_of(token.head)
                    for a in clause.pair_named_before(s) or clause.named_or_owner(s)
                ]
            )
        location = clause.location_of(token, sent, set())
        if len(participants) < 2:
            extra = [
                clause.actor_for_mention(m)
                for m in clause.sentence_actors(sent)
                if m.type in ("country", "armed_group", "organization")
                and m.form != "capital"
                and not (m.type == "organization" and m.end == token.i)  # the drill's own name ("Medusa")
            ]
            participants = clause.distinct_parties(participants + extra)
        participants = clause.distinct_parties(participants, people=False)
        if len(participants) == 1:
            participants += self.unnamed_host(token, participants[0])
        cand = Candidate("exercise", token, None)
        cand.roles["participants"] = participants
        if location:
            cand.roles["location"] = location
        for p in ctx.personnel:
            count = self.items.count_of(p)
            if count:
                cand.roles["personnel"] = count
                break
        cand.partial = len(participants) < 1
        return cand

    def unnamed_host(self, token: Token, partner: Actor) -> list[Actor]:
        """ "the crews took part in an exercise with the U.S. Coast Guard", "the corvette Damsah carried out a
        joint exercise with the Italian Navy's patrol vessel": a subject no state is named for, exercising
        with a named partner, is of the state the article is about."""
        clause = self.clause
        anchor = clause.clause_anchor(token)
        subjects = clause.doers_of(token)  # "the crews took part in an exercise"
        withs = clause.prep_objects(token, "with") + clause.prep_objects(anchor, "with")
        if not subjects or not withs or any(a.country for s in subjects for a in clause.actors_of(s)):
            return []
        if any(t.pos_ == "PRON" for t in subjects):
            return []  # "they": named before, read elsewhere
        focus = clause.focus_country(token, besides=partner.country)
        return [focus] if focus is not None else []

    def joint_task(self, ctx: ReadContext) -> bool:
        """ "The navies conducted their 38th joint patrol", "resumed joint patrols", "held a joint training":
        a joint patrol or training the sentence says was done by forces, not one agreed on or discussed."""
        token = ctx.token
        if not any(
            c.lower_ in self.lex.joint_words for c in token.children if c.dep_ in ("amod", "compound")
        ):
            return False
        verb = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else None
        if token.dep_ == "pobj" and token.head.lower_ == "in":
            verb = token.head.head  # "joined ships of X in a maritime cooperative activity"
            if verb.lemma_.lower() not in self.lex.participating_verbs:
                return False
        elif verb is None or verb.lemma_.lower() not in self.lex.conduct_verbs:
            return False
        # forces of their own, beyond the word "joint" ("police officers began joint patrols" is police)
        return any(
            t.lemma_.lower() in self.lex.military_words and t.lower_ not in self.lex.joint_words
            for t in ctx.sent
        )

    @staticmethod
    def named_drill(token: Token) -> bool:
        """ "began the annual Medusa exercise", "ended their Dosti exercise": the noun the tagger read as a
        verb, after a determiner, a name or an adjective and with no object of exercising ("restraint")."""
        if token.lower_ not in ("exercise", "exercises") or token.i == 0:
            return False
        before = token.doc[token.i - 1]
        if before.pos_ not in ("PROPN", "ADJ", "DET", "NUM") and before.dep_ != "poss":
            return False
        return not any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children)
