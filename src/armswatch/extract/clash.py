"""Clashes: armed forces or groups fighting each other, and where."""

from __future__ import annotations

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Actor, Candidate, ReadContext


class ClashReader(Reader):
    def read(self, ctx: ReadContext) -> Candidate | None:
        token, sent = ctx.token, ctx.sent
        clause = self.clause
        if ctx.trigger.needs == "fire" and not any(
            c.lemma_.lower() == "fire"
            or (c.lower_ == "of" and any(g.lemma_.lower() == "fire" for g in c.children))
            for c in token.children
        ):
            return None  # "exchanged fire", "an exchange of fire"; not "exchanged views"
        if ctx.trigger.needs == "firing":
            return self.firing(ctx)
        if ctx.trigger.needs == "harassment":
            return self.harassment(ctx)
        if ctx.trigger.needs == "opponent" and not self.engages_force(token):
            return None
        if ctx.trigger.needs == "repelled":
            return self.repelled(ctx)
        if ctx.trigger.needs == "stormed":
            return self.stormed(ctx)
        if ctx.trigger.needs == "forces_killed":
            return self.killed(ctx)
        if any(t.lemma_.lower() in self.lex.sport_words or t.lower_ in self.lex.sport_words for t in sent):
            return None  # a derby, a qualifier, a final: a "clash" of teams
        if clause.prep_objects(token, "alongside"):
            return None  # "troops fighting alongside the rebels": allies, not the two sides of a clash
        parties = self.home_forces(token, clause.group_actors(token, sent))
        military = ctx.items or any(
            t.lemma_.lower() in self.lex.military_words or t.lower_ in self.lex.military_words
            for t in sent
            if t.i != token.i
        )
        states = [p for p in parties if p.type in ("country", "armed_group")]
        if not military and len(states) < 2:
            return None  # a clash of opinions; two states or armed groups clashing need no other word
        definite = token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in token.children
        )
        # "the paramilitary group fighting the army, have been supplied ... by the UAE": a participle that
        # describes a noun has the noun's and its own sides, not those of the sentence around it
        describing = token.dep_ == "acl" and token.tag_ == "VBG"
        if len(parties) < 2:  # "clashed with smugglers", "engaged an armed group of smugglers"
            parties = clause.distinct_parties(parties + self.unnamed_opponents(token), people=False)
        if len(parties) < 2 and not definite and not describing:  # "the clashes" refers back
            extra = [
                clause.actor_for_mention(m)
                for m in clause.sentence_actors(sent)
                if m.type in ("country", "armed_group")
                and m.form != "capital"
                and not clause.in_circumstance(sent.doc[m.start : m.end].root)  # "despite a truce by Y"
                and not self.across_border(sent.doc[m.start : m.end].root)
            ]
            # "members of the MPCP died in a clash with an army patrol": the group is named further off
            parties = self.home_forces(token, clause.distinct_parties(parties + extra))
        if len(parties) < 2 and not definite:
            parties = clause.distinct_parties(parties + self.casualties_side(token), people=False)
        if len(parties) < 2:
            parties += self.unnamed_forces(token, parties)
        parties = [p for p in parties if p.type in ("country", "armed_group", "organization")]
        return self.clash(ctx, parties)

    def unnamed_opponents(self, token: Token) -> list[Actor]:
        """The armed group a generic noun names as the one fought: "clashed with smugglers", "engaged an armed
        group of smugglers" (the verb's object or its "with", and what they are "of")."""
        clause = self.clause
        anchor = clause.clause_anchor(token)
        fought = [
            t
            for h in dict.fromkeys((token, anchor))  # the trigger, then its clause's verb
            for t in [
                *clause.prep_objects(h, "with", "between"),
                *(c for c in h.children if c.dep_ == "dobj"),
            ]
        ]
        # "the soldiers and a group of gunmen began exchanging fire": a side among the subjects
        fought += [j for s in clause.subject_of(anchor) for j in clause.with_conjuncts(s)]
        return [
            a
            for t in fought
            for w in (*clause.prep_objects(t, "of"), t)  # "smugglers", before the "group" they make up
            if not clause.parties_of(w)
            for a in self.side_of(w)
            if a.type == "armed_group" and a.mention is None
        ][:1]

    def unnamed_forces(self, token: Token, parties: list[Actor]) -> list[Actor]:
        """ "the soldiers and a group of gunmen began exchanging fire": soldiers of no named state, fighting
        an armed group, are those of the state the article is about."""
        clause = self.clause
        if len(parties) != 1 or parties[0].type != "armed_group":
            return []
        forces = [
            j
            for s in clause.subject_of(clause.clause_anchor(token))
            for j in clause.with_conjuncts(s)
            if j.lemma_.lower() in self.lex.personnel_nouns | self.lex.force_nouns
            and not clause.parties_of(j)
        ]
        focus = clause.focus_country(token) if forces else None
        return [focus] if focus is not None else []

    def across_border(self, word: Token) -> bool:
        """ "near the border with Libya", "close to the Thai border": a state named as the far side of a
        border, or as the border's own name, is where, not who."""
        border = word.head
        if (
            word.dep_ in ("amod", "compound", "nmod", "poss")
            and border.lemma_.lower() in self.lex.border_nouns
        ):
            # "on the Kyrgyz-Tajik border" names both sides of a border fight
            named = {
                m.country
                for t in border.lefts
                for s in t.subtree
                if (m := self.clause.mention_at(s)) and m.country
            }
            return len(named) < 2
        return (
            word.dep_ == "pobj"
            and word.head.lower_ == "with"
            and word.head.head.lemma_.lower() in self.lex.border_nouns
        )

    def casualties_side(self, token: Token) -> list[Actor]:
        """ "Four militants were killed in a clash with the army": those killed in it are the other side."""
        verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("in", "during") else None
        if verb is None or verb.lemma_.lower() not in self.lex.casualty_verbs:
            return []
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "four members of a dissident group": the group the members are of
        heads = [h for s in subjects for h in (s, *self.clause.prep_objects(s, "of"))]
        return next((found for h in heads for found in [self.side_of(h)] if found), [])

    def engages_force(self, token: Token) -> bool:
        """The verb's object is an armed side: a state or armed group, its forces, or fighters."""
        clause = self.clause
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            words = [obj, *(t for p in clause.prep_objects(obj, "of") for t in clause.with_conjuncts(p))]
            for word in words:
                lemma = word.lemma_.lower()
                if any(a.type in ("country", "armed_group") for a in clause.parties_of(word)) or (
                    lemma in self.lex.armed_group_nouns
                    or lemma in self.lex.personnel_nouns
                    or lemma in self.lex.force_nouns
                ):
                    return True
        return False

    def home_forces(self, token: Token, parties: list[Actor]) -> list[Actor]:
        """ "Soldiers clashed with ELN guerrillas": forces of no named state fighting an armed group are
        those of the group's home state."""
        groups = [p for p in parties if p.type == "armed_group" and p.country]
        if len(groups) != 1 or any(p.type == "country" for p in parties):
            return parties
        clause = self.clause
        anchor = clause.clause_anchor(token)
        sides = [*clause.subject_of(anchor), *clause.prep_objects(anchor, "with", "between")]
        if token is not anchor:
            sides += clause.prep_objects(token, "with", "between")
        if token.pos_ == "NOUN" and token.dep_ == "nsubj":
            sides += clause.prep_objects(token.head, "between")  # "an exchange of fire took place between"
        forces = [
            s
            for side in sides
            for s in clause.with_conjuncts(side)
            # "soldiers", "an army patrol", "a patrol of the Army"
            if any(
                w.lemma_.lower() in self.lex.force_nouns or w.lemma_.lower() in self.lex.personnel_nouns
                for w in (s, *(c for c in s.children if c.dep_ == "compound"), *clause.prep_objects(s, "of"))
            )
        ]
        if any(not clause.parties_of(s) for s in forces):
            home = clause.country_actor(groups[0].country)
        else:  # "troops of the National Army": the forces' own state, read from the body they serve in
            home = next((a for s in forces for a in clause.parties_of(s) if a.type == "country"), None)
        return [*parties, home] if home is not None else parties

    def clash(self, ctx: ReadContext, parties: list[Actor], doers: tuple[Actor, ...] = ()) -> Candidate:
        cand = Candidate("clash", ctx.token, None)
        doc = ctx.token.doc
        # "a base close to the Thai border", "near the border with Libya": the state names where, not who
        parties = [
            p
            for p in parties
            if p.mention is None or not self.across_border(doc[p.mention.start : p.mention.end].root)
        ]
        cand.roles["parties"] = parties
        # the side whose own deed the clause tells, by name and by state ("JNIM claimed the attack", "the army
        # said it had repelled it"); "X clashed with Y, X said" is each side's own account, no deed of one
        cand.doers = frozenset(
            v for a in doers for p in [a.as_party(self.gaz)] for v in (p.name, p.country) if v
        )
        location = self.clause.location_of(ctx.token, ctx.sent, {p.name for p in parties})
        if location:
            cand.roles["location"] = location
        cand.partial = len(parties) < 2
        return cand

    def firing(self, ctx: ReadContext) -> Candidate | None:
        """ "came under fire from X", "opened fire on X", "returned fire": a clash between the side fired on
        and the side firing (a side unnamed is the state the article is about)."""
        token = ctx.token
        clause = self.clause
        verb = token.head.head if token.dep_ == "pobj" else token.head
        lemma = verb.lemma_.lower()
        if lemma not in self.lex.firing_verbs or verb.pos_ not in ("VERB", "AUX"):
            return None
        own = [a for s in clause.subject_of(verb) for a in self.side_of(s)]
        # "opened fire with small arms on X": the parser may hang the target on the weapon's phrase
        holders = [token, verb, *clause.prep_objects(verb, "with")]
        other = [
            a
            for h in holders
            for t in clause.prep_objects(h, "from", "on", "at", "with", "by")
            for a in self.side_of(t)
        ]
        return self.two_sides(ctx, own[:1] + other[:1], ())

    def harassment(self, ctx: ReadContext) -> Candidate | None:
        """ "A Chinese coast guard ship fired water cannon at a Philippine vessel", "rammed the patrol boat":
        a clash between the side whose ship or guards did it and the side of the ship or post it hit."""
        token, clause = ctx.token, self.clause
        if token.pos_ != "VERB":
            return None
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if token.lemma_.lower() in self.lex.ramming_verbs:
            targets = objects
        else:
            shot_words = tuple(self.lex.harassment_shots)
            shots = [o for o in objects if clause.phrase(o).lower().endswith(shot_words)]
            if not shots:
                return None  # "fired a missile": a use of arms, read as such
            targets = [t for h in (token, *shots) for t in clause.prep_objects(h, "at", "toward")]
        # "a Bureau of Fisheries and Aquatic Resources vessel": the parse may head the phrase on a name
        targets = [
            w for t in targets for w in t.subtree if w.i == t.i or w.lemma_.lower() in self.lex.facility_nouns
        ]
        if not any(t.lemma_.lower() in self.lex.facility_nouns or clause.parties_of(t) for t in targets):
            return None  # "rammed the gate", "fired water cannon at protesters": no other armed side
        own = [a for s in clause.subject_of(token) for a in self.side_of(s)]
        # "the fisheries vessel BRP Datu Pagbuaya": the navy its prefix names, else whose the target is
        other = [
            a
            for t in targets
            for w in t.subtree
            if (navy := self.lex.vessel_navies.get(w.text)) is not None
            for a in [clause.country_actor(navy)]
            if a is not None and (not own or a.country != own[0].country)
        ] or [a for t in targets for a in self.side_of(t) if not own or a.country != own[0].country]
        if own and not other:
            # "The Philippine Coast Guard said a Chinese ship fired water cannon at a fisheries vessel": the
            # other state its sentence names, else the state the story is about, never the doer's
            named = [
                a
                for m in clause.sentence_actors(token.sent)
                if m.type in ("country", "organization") and m.country and m.country != own[0].country
                for a in [clause.country_actor(m.country)]
                if a is not None
            ]
            focus = named[0] if named else clause.focus_country(token, besides=own[0].country)
            other = [focus] if focus is not None else []
        return self.two_sides(ctx, own[:1] + other[:1], tuple(own[:1]))

    def repelled(self, ctx: ReadContext) -> Candidate | None:
        """ "Troops repelled an attack by ISWAP fighters on a base", "the army said it had repelled an assault
        by RSF fighters": a clash between the defenders (else the state the article is about) and the
        attackers."""
        token, clause = ctx.token, self.clause
        if token.pos_ != "VERB":
            return None
        assaults = [
            c
            for c in token.children
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in self.lex.assault_nouns
        ]
        # "destroyed a force of the extremist group", "the extremist force was repulsed": the group's fighters
        forces = [a for c in token.children if c.dep_ in ("dobj", "nsubjpass") for a in self.armed_force(c)]
        if not assaults and not forces:
            return None  # "repelled the charges", "foiled a plot": no fighting
        defenders = [a for s in clause.subject_of(token) if s.dep_ == "nsubj" for a in self.side_of(s)]
        defenders += [a for t in clause.agent_of(token) for a in self.side_of(t)]
        by = [
            p
            for n in assaults
            for t in n.subtree
            if t.dep_ == "prep" and t.lower_ in ("by", "from")
            for p in t.children
            if p.dep_ == "pobj"
        ]
        if any(c.dep_ == "nsubj" for c in token.children):  # an active verb's "by" is the assault's
            by += [p for t in token.children if t.dep_ == "prep" and t.lower_ == "by" for p in t.children]
        attackers = [a for t in by for a in self.side_of(t)] + forces
        return self.two_sides(ctx, attackers[:1] + defenders[:1], tuple(defenders))

    def armed_force(self, token: Token) -> list[Actor]:
        """ "A force of the extremist group", "the extremist force": an armed group's fighters."""
        if token.lemma_.lower() not in self.lex.force_nouns:
            return []
        if any(c.dep_ == "amod" and c.lemma_.lower() in self.lex.armed_group_nouns for c in token.children):
            return [Actor(self.clause.phrase(token), "armed_group", None)]
        return [
            a
            for o in self.clause.prep_objects(token, "of")
            for a in self.side_of(o)
            if a.type == "armed_group"
        ]

    def stormed(self, ctx: ReadContext) -> Candidate | None:
        """ "JNIM fighters overran an army post near the border": the attackers and the post's forces."""
        token, clause = ctx.token, self.clause
        if token.pos_ != "VERB":
            return None
        posts = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(p.lemma_.lower() in self.lex.facility_nouns for p in posts):
            return None  # "storm clouds", "overran the budget": no place of armed forces taken
        attackers = [a for s in clause.subject_of(token) if s.dep_ == "nsubj" for a in self.side_of(s)]
        attackers += [a for t in clause.agent_of(token) for a in self.side_of(t)]
        defenders = [a for p in posts for a in self.side_of(p)]
        return self.two_sides(ctx, attackers[:1] + defenders[:1], tuple(attackers))

    def killed(self, ctx: ReadContext) -> Candidate | None:
        """ "JNIM fighters killed 54 Beninese soldiers", "Azerbaijani fire killed four of our soldiers": the
        killers' side and the side of the forces or fighters killed."""
        token, clause = ctx.token, self.clause
        if token.pos_ != "VERB":
            return None
        # "X and Y clashed on the border, killing 20 soldiers": the toll of the event before names no side of
        # its own; "exchanged fire with a skiff, killing two smugglers" does
        participle = token.dep_ in ("advcl", "acl", "xcomp", "relcl")
        killed = []
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            # "four of our soldiers", "dozens of soldiers"
            heads = [obj, *clause.prep_objects(obj, "of")]
            killed += [
                h
                for h in heads
                if h.lemma_.lower() in self.lex.personnel_nouns
                or h.lemma_.lower() in self.lex.armed_group_nouns
            ]
        if not killed:
            return None  # "an attack killed 12 civilians"
        attackers = [a for s in clause.subject_of(token) if s.dep_ == "nsubj" for a in self.side_of(s)]
        if not attackers:
            return None  # "the blast killed two soldiers": no side that killed
        if participle and not (
            clause.parties_of(killed[0]) or killed[0].lemma_.lower() in self.lex.armed_group_nouns
        ):
            return None
        defenders = [a for k in killed[:1] for a in self.side_of(k)]
        return self.two_sides(ctx, attackers[:1] + defenders[:1], tuple(attackers))

    def two_sides(self, ctx: ReadContext, sides: list[Actor], doers: tuple[Actor, ...]) -> Candidate | None:
        """A clash of the sides read, the state the article is about standing for a side left unnamed."""
        parties = self.clause.distinct_parties(sides, people=False)
        if len(parties) < 2:
            focus = self.clause.focus_country(ctx.token)
            if focus is not None:
                parties = self.clause.distinct_parties([*parties, focus], people=False)
        return self.clash(ctx, parties, doers) if len(parties) >= 2 else None

    def side_of(self, token: Token) -> list[Actor]:
        """The party a phrase names, or an armed group named by a generic noun ("gunmen", "militants")."""
        found = self.clause.parties_of(token)
        if found:
            return found
        if token.lemma_.lower() in self.lex.armed_group_nouns or (
            token.lemma_.lower() in self.lex.armed_group_heads
            and any(
                c.dep_ in ("amod", "compound")
                and (c.lower_ == "armed" or c.lemma_.lower() in self.lex.armed_group_nouns)
                for c in token.children
            )
        ):  # "gunmen", "an armed group", "a rebel group", "a dissident group"
            return [Actor(self.clause.phrase(token), "armed_group", None)]
        owner = self.target_owner(token)
        return [owner] if owner is not None else []

    def target_owner(self, token: Token) -> Actor | None:
        """Whose a place attacked is: "a base manned by Ugandan troops", "an army patrol": that state."""
        if token.lemma_.lower() not in self.lex.facility_nouns:
            return None
        for sub in token.subtree:
            mention = self.clause.mention_at(sub)
            if mention is not None and mention.type in ("country", "armed_group", "organization"):
                if self.across_border(sub):
                    continue  # "a base close to the Thai border" is not Thailand's
                actor = self.clause.actor_for_mention(mention).as_party(self.gaz)
                if actor.type in ("country", "armed_group"):
                    return actor
        return self.clause.focus_country(token)

    def attack_noun(self, ctx: ReadContext) -> Candidate | None:
        """ "an overnight attack by ISWAP fighters on the base of the 25 Task Force Brigade", "the detachment
        was the target of an attack by JNIM fighters": the attackers named by "by" and the forces or post they
        hit (the story's state for a post of no named state)."""
        token, clause = ctx.token, self.clause
        if token.lemma_.lower() not in self.lex.assault_nouns or token.tag_ == "NNS":
            return None  # "the target of several attacks by X in recent years": a record, not one fight
        # "followed an attack on Thursday by ISWAP fighters on the base", which the parser hangs on the verb
        verb = token.head if token.dep_ == "dobj" else None
        if verb is not None and any(c.dep_ == "auxpass" for c in verb.children):
            verb = None  # a passive verb's "by" is its own
        by = clause.prep_objects(token, "by") + [
            p for c in (verb.children if verb is not None else ()) if c.dep_ == "agent" for p in c.children
        ]
        attackers = [a for p in by for a in self.side_of(p)]
        if not attackers:
            return None  # "the attack on the base": who attacked goes unsaid here
        hit = clause.prep_objects(token, "on", "against")
        hit += [o for p in by for o in clause.prep_objects(p, "on", "against")]  # "by fighters on the post"
        if verb is not None:
            hit += clause.prep_objects(verb, "on", "against")
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() == "target":
            hit += clause.subject_of(token.head.head.head)  # "X was the target of an attack by Y"
        targets = [a for t in hit for a in self.side_of(t)]
        if not targets:
            return None
        parties = clause.distinct_parties(attackers[:1] + targets[:1], people=False)
        if len(parties) < 2 or not any(p.type == "country" for p in parties):
            return None
        return self.clash(ctx, parties)

    def attack(self, ctx: ReadContext) -> Candidate | None:
        """Armed forces attacking each other, with no weapon named, is a clash between the two."""
        token = ctx.token
        if token.pos_ == "NOUN":
            return self.attack_noun(ctx)
        if token.pos_ != "VERB":
            return None
        clause = self.clause
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if agents:  # "a patrol was attacked by a column of the MPCP": the agent attacks the passive's subject
            attackers = [a for p in agents for a in self.side_of(p)]
            targets = [a for c in token.children if c.dep_ == "nsubjpass" for a in self.side_of(c)]
        else:
            attackers = [a for s in clause.subject_of(token) for a in self.side_of(s)]
            targets = [a for c in token.children if c.dep_ == "dobj" for a in self.side_of(c)]
        parties = clause.distinct_parties(attackers[:1] + targets[:1], people=False)
        if len(parties) < 2 or not any(p.type == "country" for p in parties):
            return None
        return self.clash(ctx, parties)
