"""Exercises: participants, place and personnel of a drill or manoeuvre."""

from __future__ import annotations

from armswatch.extract.base import Reader
from armswatch.extract.model import Candidate, ReadContext


class ExerciseReader(Reader):
    def read(self, ctx: ReadContext) -> Candidate | None:
        token, trigger, sent = ctx.token, ctx.trigger, ctx.sent
        clause = self.clause
        if trigger.needs == "military" and not any(t.lemma_.lower() in self.lex.military_words for t in sent):
            return None
        if token.pos_ == "VERB" and token.lemma_.lower() == "exercise":
            return None  # "exercised restraint"
        participants = clause.group_actors(token, sent)
        location = clause.location_of(token, sent, set())
        if len(participants) < 2:
            extra = [
                clause.actor_for_mention(m)
                for m in clause.sentence_actors(sent)
                if m.type in ("country", "armed_group", "organization") and m.form != "capital"
            ]
            participants = clause.distinct_parties(participants + extra)
        participants = clause.distinct_parties(participants, people=False)
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
