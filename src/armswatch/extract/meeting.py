"""Meetings: who met whom, and where (talks, visits, summits)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from armswatch.extract.base import Reader
from armswatch.extract.document import mentions_in
from armswatch.extract.model import Actor, Candidate, ReadContext


class MeetingReader(Reader):
    def called_on(self, token: Token) -> bool:
        """Whether "called" has someone it called on: "called on X", or "called on State Minister X", which
        the parser may read with a bare "on" and the person as the object."""
        if self.clause.prep_objects(token, "on"):
            return True
        bare_on = any(c.dep_ == "prep" and c.lower_ == "on" and not list(c.children) for c in token.children)
        return bare_on and any(c.dep_ == "dobj" for c in token.children)

    def read(self, ctx: ReadContext) -> Candidate | None:
        token, sent = ctx.token, ctx.sent
        clause = self.clause
        # "at a press conference in Naypyitaw": told to reporters, in a city that makes no party of its state
        briefing = clause.modified_by(token, self.lex.briefing_words, ("compound", "amod"))
        guests = self.received_guests(token, sent)
        if (
            ctx.items
            and token.lemma_.lower() in ("receive", "host")
            and not guests
            and not self.received_person(token)
        ):
            return None
        personnel = {p.i for p in ctx.personnel}
        if token.lemma_.lower() in self.lex.hosting_verbs and any(
            c.dep_ == "dobj"
            and (
                c.i in personnel
                or self.clause.noun_lemma(c)
                in self.lex.facility_nouns | self.lex.personnel_nouns | self.lex.site_nouns
            )
            for c in token.children
        ):
            # "Qatar hosts 10,000 US troops", "hosts the bases of X", "to host the force's logistics depot":
            # forces or their sites abroad, not a meeting
            return None
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in ("host", "receive")
            and not guests
            and not any(
                clause.parties_of(c) or clause.actors_of(c) or clause.delegation_of(c)
                for c in token.children
                if c.dep_ in ("dobj", "nsubjpass")
            )
        ):
            return None  # hosting a drill or an event: no guest, no meeting
        if token.lemma_.lower() in self.lex.visit_words and ctx.items:
            heads = ctx.item_tokens()
            visitors = clause.subject_of(token) + clause.agent_of(token) + clause.agent_of_noun(token)
            if token.dep_ == "pobj" and token.head.lower_ == "for":  # "docked in Manila for a goodwill visit"
                visitors += clause.subject_of(token.head.head)
            if any(v.i in heads for v in visitors):
                return None  # "two warships visited the port of Tartus": a port call, not a meeting
        if ctx.trigger.needs == "courtesy" and not any(c.lower_ == "courtesy" for c in token.children):
            return None  # "a courtesy call on X" is a meeting; a phone call or a call for talks is not
        if ctx.trigger.needs == "call_on" and (
            not self.called_on(token) or any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
        ):
            return (
                None  # "X called on Y" is a visit to Y; "called for talks", "called it a provocation" are not
            )
        if ctx.trigger.needs == "sit_down" and not (
            any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children)
            and clause.prep_objects(token, "with")
        ):
            return None  # "sat down with X" is a meeting; "sat in parliament", "sat down" alone are not
        if ctx.trigger.needs == "held" and not self.held(token):
            return None  # "called for dialogue", "a dialogue of cultures": no meeting held
        if ctx.trigger.needs == "ceremony":
            return self.ceremony(ctx)
        counterparts: list[Actor] = []
        if ctx.trigger.needs == "counterpart":
            # "discussed the jets with Y": the parse may hang the "with" on the topic, or on the last of its
            # list ("discussed the mission and spare parts with Y")
            topics = [c for c in token.children if c.dep_ == "dobj"]
            topics += [j for t in topics for j in t.conjuncts]
            counterparts = [
                a
                for h in (token, *topics)
                for t in clause.prep_objects(h, "with")
                for a in clause.actors_of(t)
            ]
            if not counterparts or any(t.lemma_.lower() in self.lex.remote_words for t in sent):
                return None  # "discussed it with reporters", "discussed by phone": no meeting
        participants = clause.group_actors(token, sent) + counterparts + guests
        if (
            token.pos_ == "NOUN"
            and token.dep_ == "pobj"
            and (
                # "Kenya's minister signed the deal after talks with his Turkish counterpart": who signed
                # talked ("during a visit to X by Y": Y visits)
                (
                    token.head.lower_ in self.lex.occasion_preps
                    and token.lemma_.lower() not in self.lex.visit_words
                )
                # "was in Yaounde for talks with X", "flew to Ankara for talks": the traveller talked
                or (token.head.lower_ == "for" and token.head.head.lemma_.lower() in self.lex.trip_verbs)
            )
        ):
            participants += [a for s in clause.subject_of(token.head.head) for a in clause.actors_of(s)]
        if (
            token.dep_ == "acl"
            and token.tag_ in ("VBD", "VBN")
            and token.lemma_.lower() in ("call", "meet")
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            # "A Spanish delegation called on the minister", which the parser hangs on the noun
            participants = [
                a for t in token.head.subtree if t.i < token.i for a in clause.actors_of(t)
            ] + participants
        anchor = clause.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else token
        if ctx.trigger.needs == "courtesy" and token.pos_ == "NOUN":
            # "the minister received a courtesy call from the Japanese ambassador": the caller and the one
            # called on
            callers = [a for t in clause.prep_objects(token, "from") for a in clause.actors_of(t)]
            if callers and anchor is not None:
                participants += callers + [a for s in clause.subject_of(anchor) for a in clause.actors_of(s)]
        visited: list[Actor] = []
        places: list[str] = []
        for a in (token, anchor):
            if a is None:
                continue
            for t in clause.prep_objects(a, "to", "on") + [
                c for c in a.children if c.dep_ == "dobj" and a.pos_ == "VERB"
            ]:
                found = clause.actors_of(t)
                visited.extend(found)
                place = clause.place_name(t)
                if place and found and a.lemma_.lower() in self.lex.visit_words:
                    places.append(place)  # "visit to the capital": where the meeting was
            for agent in clause.agent_of(a):
                participants.extend(clause.actors_of(agent))
            for guest in clause.passive_subject(a):  # "she was received by the minister"
                participants.extend(clause.actors_of(guest))
        if token.pos_ == "NOUN":  # "a summit in Sharm el-Sheikh, hosted by X and attended by Y": its hosts
            # "met at a summit ..., hosted by X": the participle may hang on the verb
            governor = token.head.head if token.dep_ == "pobj" else token
            participants += [
                a
                for t in [*token.subtree, *(c for c in governor.children if c.dep_ == "advcl")]
                if t.dep_ in ("acl", "conj", "advcl")
                and t.tag_ == "VBN"
                and (t.lemma_.lower() in self.lex.hosting_verbs or t.lemma_.lower() == "attend")
                for agent in clause.agent_of(t)
                for a in clause.actors_of(agent)
            ]
        for conj in (c for c in (anchor or token).children if c.dep_ == "conj" and c.pos_ == "VERB"):
            for agent in clause.agent_of(conj):
                participants.extend(clause.actors_of(agent))
        # "talks with Zelensky on the sidelines of the UN General Assembly": the gathering is the occasion
        participants = clause.distinct_parties(
            [a for a in participants + visited if not self.on_sidelines(token.doc, a)]
        )
        if len(participants) < 2:
            participants = clause.distinct_parties(
                participants + self.home_office(anchor or token, participants)
            )
        if len(participants) < 2 and self.the_two(anchor or token):
            participants = clause.distinct_parties(participants + self.named_before(token))
        location = clause.location_of(token, sent, set())
        if location is None and places:
            location = places[0]
        host = None if briefing else clause.capital_country(token.sent, location)
        if host is not None and len(participants) < 2:
            participants = clause.distinct_parties([*participants, host])
        stateless = [a for a in participants if a.type == "person" and not a.country]
        hosts = self.envoy_hosts(sent, participants) if len(participants) < 2 or stateless else []
        if hosts:
            # "Sweden's ambassador in Lima met the Vice Minister": an envoy meets the host's officials
            participants = clause.distinct_parties([a for a in participants if a not in stateless] + hosts)
        cand = Candidate("meeting", token, None)
        cand.roles["participants"] = participants
        if location:
            cand.roles["location"] = location
        # "Major General Zaw Min Tun at a press conference in Naypyitaw": people of one state meet no other
        cand.partial = len({a.country or a.name for a in participants}) < 2
        return cand

    def received_person(self, token: Token) -> bool:
        """A verb of receiving whose object is an office holder or a guest ("received the ambassador of
        France", "received his counterpart"): a call, whatever arms the talks were about."""
        guests = self.lex.role_titles | self.lex.counterpart_nouns | self.lex.delegation_nouns
        return token.pos_ == "VERB" and any(
            c.dep_ == "dobj"
            and c.lemma_.lower() in guests
            and not any(t.ent_type_ == "AW_WEAPON" for t in c.subtree)
            for c in token.children
        )

    def received_guests(self, token: Token, sent: Span) -> list[Actor]:
        """Who a host received, in protocol prose the parser cannot follow ("received in his office at the
        Ministry of Defense in Riyadh today Chief of Army Staff ... General Syed Asim Munir", "received in
        Bucharest his Polish counterpart X"): the first person of another state named after the verb, and the
        host named before it when the verb has no subject. None where the verb has an object of its own."""
        clause = self.clause
        if token.pos_ != "VERB" or token.lemma_.lower() != "receive":
            return []
        if any(c.dep_ in ("dobj", "nsubjpass") for c in token.children) or token.dep_ == "acl":
            # the parse found what was received ("the aircraft received from the United States" too); the
            # ordinary reading decides
            return []
        doc = token.doc
        hosts = [a for s in clause.subject_of(token) for a in clause.actors_of(s)]
        if not hosts:
            hosts = [
                clause.actor_for_mention(m)
                for m in mentions_in(doc, sent.start, token.i)
                if m.type == "person" and m.country
            ][-1:]
        home = {a.country for a in hosts if a.country}
        for mention in mentions_in(doc, token.i + 1, sent.end):
            word = doc[mention.start]
            if any(a.lower_ in ("from", "by") or a.dep_ == "relcl" for a in word.ancestors if a.i > token.i):
                continue  # "received a letter from X": not a guest
            # a person, or the force a title names ("Commander of US Army Central ... General X")
            if mention.type in ("person", "organization") and mention.country and mention.country not in home:
                guest = clause.actor_for_mention(mention)
                host = [a for a in hosts if a.country] or [
                    h for h in [clause.focus_country(token, besides=mention.country, placed=True)] if h
                ]
                return [*host, guest]
        for word in doc[token.i + 1 : sent.end]:
            if word.lemma_.lower() == "counterpart":  # "his Polish counterpart": the state of the demonym
                actor = clause.actor_of(word)
                if actor is not None and actor.country and actor.country not in home:
                    return [*hosts, actor]
        return []

    def held(self, token: Token) -> bool:
        """A dialogue (or a round of one) held, convened or taking place: "the Defence Dialogue was held"."""
        while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            token = token.head.head  # "the first round of the Defence Dialogue"
        return (
            token.dep_ in ("nsubjpass", "nsubj", "dobj")
            and token.head.lemma_.lower() in self.lex.convening_verbs
        )

    def envoy_hosts(self, sent: Span, participants: list[Actor]) -> list[Actor]:
        """The states an envoy of the sentence is posted to ("ambassador in Lima", "envoy to Kenya")."""
        clause = self.clause
        own = {a.country for a in participants}
        return [
            host
            for t in sent
            if t.lemma_.lower() in self.lex.envoy_nouns
            for place in clause.prep_objects(t, "in", "to")
            for m in [clause.mention_at(place)]
            if m is not None and m.country and m.country not in own
            for host in [clause.country_actor(m.country)]
            if host is not None
        ][:1]

    def ceremony(self, ctx: ReadContext) -> Candidate | None:
        """Officials of two states at a signing or handover: "signed in the presence of A and B", "the signing
        was witnessed by A and B", or "signed by X ... in the presence of B" (who signed and who watched)."""
        token, clause = ctx.token, self.clause
        if token.pos_ == "NOUN":
            # "in the presence of": not a military presence ("Russia's presence in Syria")
            if token.head.lower_ != "in" or any(c.dep_ in ("poss", "amod") for c in token.children):
                return None
            present = clause.prep_objects(token, "of")
            verb = token.head.head
        elif token.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in token.children):
            present = clause.agent_of(token)  # "was witnessed by A and B"
            verb = token
        else:
            return None  # "residents witnessed the strike": onlookers, not a meeting
        people = [a for t in present for c in clause.with_conjuncts(t) for a in clause.actors_of(c)]
        if verb.pos_ == "VERB":  # the signatories ("signed by X and Y in the presence of Z")
            people += [
                a for t in clause.agent_of(verb) + clause.subject_of(verb) for a in clause.actors_of(t)
            ]
        participants = [
            a for a in clause.distinct_parties(people) if a.type in ("country", "person") and a.country
        ]
        if len({a.country for a in participants}) < 2:
            return None
        cand = Candidate("meeting", token, None)
        cand.roles["participants"] = participants
        location = clause.location_of(verb if verb.pos_ == "VERB" else token, ctx.sent, set())
        if location:
            cand.roles["location"] = location
        return cand

    def on_sidelines(self, doc: Doc, actor: Actor) -> bool:
        """Whether a party is named as the gathering on whose sidelines or margins the talks were held."""
        if actor.mention is None:
            return False
        for at in doc[actor.mention.start].ancestors:
            if at.lower_ == "of" and at.head.lemma_.lower() in self.lex.sideline_nouns:
                return True
        return False

    def the_two(self, verb: Token) -> bool:
        """ "The two commanders held talks", "the two ministers met", "when the two met": the two people named
        just before."""
        return any(
            (s.pos_ == "NOUN" and any(c.dep_ == "nummod" and c.lower_ == "two" for c in s.children))
            or (s.lower_ == "two" and any(c.lower_ == "the" for c in s.children))
            for s in self.clause.subject_of(verb)
        )

    def named_before(self, token: Token) -> list[Actor]:
        """The people of two different states named last before the word, in its sentence or two before."""
        people: list[Actor] = []
        for mention in self.clause.mentions_back(token):
            if (
                mention.type == "person"
                and mention.country
                and all(p.country != mention.country for p in people)
            ):
                people.append(Actor(mention.name, "person", mention.country, mention))
            if len(people) == 2:
                break
        return people if len(people) == 2 else []

    def home_office(self, verb: Token, others: list[Actor]) -> list[Actor]:
        """ "the President received India's naval chief": an office named with no name and no state is the
        story state's own."""
        subjects = [
            s
            for s in self.clause.subject_of(verb)
            if s.lemma_.lower() in self.lex.role_titles
            and any(c.dep_ == "det" and c.lower_ == "the" for c in s.children)
            and not any(c.dep_ in ("compound", "amod", "poss", "appos", "prep") for c in s.children)
        ]
        if not subjects:
            return []
        besides = next((a.as_party(self.gaz).country for a in others), None)
        home = self.clause.focus_country(verb, besides=besides)
        return [home] if home is not None else []
