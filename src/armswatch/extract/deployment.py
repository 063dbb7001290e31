"""Deployments: who sends which forces where."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from armswatch.extract.base import Reader
from armswatch.extract.model import Actor, Candidate, Item, ReadContext
from armswatch.resolve import Mention


class DeploymentReader(Reader):
    def read(self, ctx: ReadContext) -> Candidate | None:
        token, trigger, sent, personnel = ctx.token, ctx.trigger, ctx.sent, ctx.personnel
        clause = self.clause
        anchor = clause.clause_anchor(token)
        if trigger.needs == "personnel" and not personnel and self.force_withdrawn(token):
            personnel = [token]  # "completed its withdrawal from Mali": the force stands in its withdrawal
            ctx = replace(ctx, personnel=personnel)
        if trigger.needs == "personnel" and not personnel:
            if not self.platforms_moving(ctx):
                return None
            trigger = replace(trigger, needs="forces")  # "Eighteen Dutch F-16s flew to Romania"
            ctx = replace(ctx, trigger=trigger)
        if trigger.needs == "foreign_base":
            return self.foreign_base(ctx)
        if trigger.needs == "presence_since":
            # "has been in Honiara since 2022", "are currently in Iraq": there for a time the text tells
            # (the extractor reads "be" only so)
            trigger = replace(trigger, needs="presence")
            ctx = replace(ctx, trigger=trigger)
        partnered = trigger.needs == "alongside"
        joined_war = trigger.needs in ("alongside", "combat_part")
        if partnered and self.partner_state(token, None) is None:
            return None  # "fought in the Donbas", "fought the rebels": a fight, with no partner's force
        if trigger.needs == "combat_part" and not self.combat_part(token):
            return None  # "took part in the exercise", "took delivery": no war joined
        if joined_war:
            trigger = replace(trigger, needs="personnel")
            ctx = replace(ctx, trigger=trigger)
            if not personnel:
                return None
        if trigger.needs == "of_personnel":
            # "the participation of up to 150 soldiers in KFOR"; not an exercise's "with the participation of
            # units of X and Y", nor "its participation" with no forces of its own
            if token.head.lower_ == "with" or not any(
                p in personnel for p in clause.prep_objects(token, "of")
            ):
                return None
            trigger = replace(trigger, needs="personnel")
            ctx = replace(ctx, trigger=trigger)
        led_missions: list[Token] = []
        if trigger.needs == "led_forces":  # "has led the battlegroup in Bulgaria": only forces led abroad
            objects = [c for c in token.children if c.dep_ == "dobj"]
            # "leads the NATO battlegroup in Lithuania", a mission the gazetteer knows: its forces in its host
            led_missions = [c for c in objects if c not in personnel and self.mission_host(c) is not None]
            if not any(c in personnel for c in objects) and not led_missions:
                return None
            personnel = [*personnel, *led_missions]
            trigger = replace(trigger, needs="forces")
            ctx = replace(ctx, trigger=trigger, personnel=personnel)
        if trigger.needs == "port" and not self.in_port(ctx):
            return None  # "the frigate INS X called at Muttrah": only a warship in a foreign port
        # "US P-8A aircraft have operated from Keflavik since 2016": forces based where they operate from
        from_base = trigger.needs in ("from_base", "flights_from")
        flown_from = trigger.needs == "flights_from"
        # "flew surveillance missions from RMAF Butterworth" (not "flew in from the UK"): the parse may hang
        # the base on the flights
        flights = [
            c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in self.lex.flight_objects
        ]
        if flown_from and not flights:
            return None
        bases = [t for h in (token, *flights) for t in clause.prep_objects(h, "from")] if from_base else []
        if from_base and not bases:
            return None
        if trigger.needs == "port" or from_base:  # then read as forces placed there
            trigger = replace(trigger, needs="forces")
            ctx = replace(ctx, trigger=trigger)
        # what was moved or kept: the object itself or a list in it, not a thing named inside it ("kept
        # restrictions on arms sales" keeps no arms)
        placed = [
            i
            for i in ctx.items
            if any(
                self.phrase_head(token.doc[i.head], c)
                for c in token.children
                if c.dep_ in ("dobj", "nsubjpass")
            )
        ]
        # "US Navy destroyers arrived in X", "the corvette KRI X left Jakarta for Lebanon" (a place left is no
        # object moved)
        if not any(
            c.dep_ == "dobj"
            and not self.place_left(token, c)
            and not self.place_entered(token, c)
            and c.lemma_.lower() not in self.lex.flight_objects  # "flew missions from X": the flyers
            for c in token.children
        ):
            in_subject = {t.i for s in clause.subject_of(anchor) for t in s.subtree}
            placed += [
                i
                for i in ctx.items
                if i.head in in_subject and (clause.platform_owner(i) is not None or self.named_vessel(i))
            ]
        if trigger.needs == "forces" and not personnel and not placed:
            return None  # "stationed at the base": who or what was placed there goes unsaid
        # the verb's own object or subject first ("Belarus flew in special forces, Tajikistan contributed 200
        # soldiers": Tajikistan's are the soldiers), then any linked to it
        own = [
            p
            for p in personnel
            if p.head.i in (token.i, anchor.i) and p.dep_ in ("dobj", "nsubj", "nsubjpass")
        ]
        own.sort(key=lambda p: abs(p.i - token.i))  # of two subjects the parse gives it, the nearest
        # "a contingent of 240 Argentine troops left to relieve Task Force Argentina in the UN force": the
        # force they join is where they serve, not who moves (when the sentence names others)
        joining = [
            p
            for p in personnel
            if p.dep_ == "pobj" and p.head.lower_ in ("in", "with", "within", "alongside") and p not in own
        ]
        movable = [p for p in personnel if p not in joining] or personnel
        obj = next(
            (p for p in [*own, *movable] if p in own or clause.linked(token, p.i)),
            movable[0] if movable else None,
        )
        movers = [
            *clause.subject_of(anchor),
            *clause.passive_subject(token),  # "soldiers are being flown to X"
            *(c for c in token.children if c.dep_ == "dobj"),
        ]
        if token.dep_ == "acl" and token.tag_ == "VBD":  # "a team of 25 instructors left for X", the verb
            movers.append(token.head)  # hung on the noun it tells of
        heading = token.lemma_.lower() in self.lex.heading_verbs
        # "troops arrived", "crossed into": forces named with the verb move by themselves; a named ship
        # arriving is read from the item
        moving = heading or (token.lemma_.lower() in self.lex.mover_verbs and obj is not None)
        if moving and obj is not None and any(i.head == obj.i for i in ctx.items) and not placed:
            return None  # "HQ-9B batteries arriving at X": weapons on the move, whose user goes unsaid
        if token.lemma_.lower() in self.lex.entering_verbs and any(
            t.lemma_.lower() in self.lex.intrusion_nouns
            for t in [
                *(c for c in token.children if c.dep_ == "dobj"),
                # a jet "crossed into Thai airspace"; soldiers who "crossed into Thai territory" are there
                *(clause.prep_objects(token, "into", "in") if not personnel else []),
            ]
        ):
            return None  # "a plane that had entered the country's airspace": an intrusion
        if (
            moving
            and not placed
            and not any(obj is not None and (obj in m.subtree or m in obj.subtree) for m in movers)
        ):
            # who sets out is the subject, or the object flown: "Chad's move leaves France with nothing,
            # after its troops were pushed out" tells of no troops leaving
            return None
        if trigger.needs == "presence" and not self.present_abroad(ctx):
            return None
        item = self.items.nearest_item(token, ctx.items) if obj is None else None
        if obj is None and item is None:
            return None
        subj_tokens = [s for s in clause.subject_of(anchor) if obj is None or s.i != obj.i]
        if token.pos_ in ("NOUN", "PROPN"):
            subj_tokens = [c for c in token.children if c.dep_ == "poss"] + subj_tokens
        owned = self.owners(obj) if obj is not None else []
        receiving = trigger.direction == "in"  # "ECOMIG received a new contingent of Senegalese soldiers"
        if receiving:
            subj_tokens = []  # the receiver is no sender: the forces' own state sends them
        if token.pos_ in ("NOUN", "PROPN") and owned and not any(c.dep_ == "poss" for c in token.children):
            # "the ministry welcomed the arrival of the first units of X's armed forces": whose the units are,
            # not who talks of their arrival
            senders = owned
        else:
            senders = [a for s in subj_tokens for a in clause.parties_of(s)] or owned
        # "withdrew its troops from X": what they leave is where they were deployed; but "departed from
        # Almaty for the Golan Heights" names where they go
        # "left Chattogram to join the United Nations Interim Force in Lebanon": the mission it goes to join,
        # which stands for the state it serves in
        joined = self.mission_joined(token) if token.lemma_.lower() in self.lex.heading_verbs else []
        leaving = token.lemma_.lower() in self.lex.withdrawal_words and not (
            token.lemma_.lower() in self.lex.heading_verbs
            and (clause.prep_objects(token, "for", "to") or joined)
        )
        # "stationed at X's base" names where they are
        preps: tuple[str, ...] = (
            ("to", "in", "into", "from") if leaving else ("to", "in", "into", "at", "inside", "off", "on")
        )
        if token.lemma_.lower() in self.lex.heading_verbs:
            preps = (*preps, "for")  # "departed for Saudi Arabia", "left for Mali"
        dest_tokens = clause.prep_objects(token, *preps) + clause.prep_objects(anchor, *preps)
        if leaving:  # "pulled its troops out of Mali"
            dest_tokens += [
                o for c in token.children if c.lower_ == "out" for o in clause.prep_objects(c, "of")
            ]
        if not leaving and any(
            t.lemma_.lower() in self.lex.border_nouns
            and t.head.lower_ in ("to", "toward", "towards")
            # "to Saudi Arabia's southern border" is that state's
            and not any(c.dep_ == "poss" and clause.parties_of(c) for c in t.children)
            for t in dest_tokens
        ):
            return None  # "sent 300 soldiers to its border with Mali", "to the Somali border": its own side
        if receiving:  # the receiver is where they arrive
            dest_tokens += clause.subject_of(anchor)
        dest_tokens += self.where_place(token) + bases + led_missions
        # "a battalion is serving with the United Nations Interim Force in Lebanon": the mission joined, which
        # stands for the state it serves in
        dest_tokens += [t for t in clause.prep_objects(token, "with") if self.mission_host(t) is not None]
        dest_tokens += joined
        if token.lemma_.lower() in self.lex.heading_verbs:
            # "left Kenitra on Saturday for the Central African Republic to relieve ...": the parser may read
            # "for X to relieve" as a clause whose subject is X
            dest_tokens += [
                s
                for c in token.children
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                for s in c.children
                if s.dep_ == "nsubj"
            ]
        # "sent the patrol ship HMS Trent to X", "has kept ten warships in the Red Sea", "kept jets at a base
        # near X": the parse may hang the place on the object
        holding = trigger.needs in ("forces", "presence")
        object_preps = ("to", "into", "in", "at") if holding else ("to", "into")
        # "has 150 soldiers and a tanker aircraft at X": the place may hang on the last of the objects
        object_places = [
            t
            for c in token.children
            if c.dep_ == "dobj"
            for o in (c, *(j for j in c.children if j.dep_ == "conj"))
            for t in clause.prep_objects(o, *object_preps)
        ]
        dest_tokens += object_places
        if holding:  # "has 20 soldiers with the NATO brigade in Latvia": the force served with, and its place
            dest_tokens += [
                t
                for t in self.serving_with(token, [c for c in token.children if c.dep_ == "dobj"])
                if clause.prep_objects(t, "in") or self.mission_host(t) is not None
            ]
        if token.lemma_.lower() in self.lex.entering_verbs:  # "troops entered Congo": the place entered
            dest_tokens += [c for c in token.children if c.dep_ == "dobj" and c not in personnel]
        elif trigger.needs == "forces" and token.lemma_.lower() in self.lex.port_object_verbs:
            dest_tokens += [c for c in token.children if c.dep_ == "dobj" and self.place_entered(token, c)]
        # "has about 1,000 troops based at Cincu in Romania": the participle on the forces says where
        dest_tokens += [t for f in self.placed_forces(token, personnel) for t in self.participle_places(f)]
        if leaving:  # "pulled out its troops from X", "the withdrawal of its contingent of troops from X"
            dest_tokens += [t for p in personnel for t in clause.prep_objects(p, "from")]
            # "the last troops left Niger": the place they leave
            dest_tokens += [c for c in token.children if c.dep_ == "dobj" and c not in personnel]
        # "sent jets to the NATO-led operation over Libya": where the mission is
        dest_tokens += [
            place
            for t in list(dest_tokens)
            if t.lemma_.lower() in self.lex.mission_words
            for place in clause.prep_objects(t, "over", "in", "off")
        ]
        if any(c.dep_ == "prt" and c.lower_ in ("off", "in", "into") for c in token.children):
            # "arrived off Georgetown", which the parser reads as a particle and a bare noun
            dest_tokens += [c for c in token.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"]
        # "stationed at Al Udeid Air Base outside Doha": an unknown base, by the place it is near
        dest_tokens += [
            p
            for t in list(dest_tokens)
            for p in clause.prep_objects(t, "outside", "near", "in", "inside", "of")
        ]
        # "to serve in the UN peacekeeping force there": the force joined is no place, unless it names one
        dest_tokens = [t for t in dest_tokens if t not in joining or self.mission_host(t) is not None]
        destinations = [a for t in dest_tokens for a in clause.parties_of(t)]
        named_bases: list[Mention] = []
        for t in dest_tokens:
            # "based at Al Udeid air base", "in the Kursk region": the name may be a modifier of its kind
            mention = clause.mention_at(t)
            kind = t.lemma_.lower()
            site_words = self.lex.facility_nouns | self.lex.area_nouns | self.lex.site_nouns
            if mention is None and kind in site_words:
                mention = next(
                    (
                        m
                        for c in t.children
                        if c.dep_ == "compound"
                        and (m := clause.mention_at(c)) is not None
                        and (m.type == "location" or m.form == "capital")
                        # a region's or an airport's name: a place the gazetteer puts in a state
                        and (kind in self.lex.facility_nouns or bool(m.country))
                    ),
                    None,
                )
                if mention is not None and mention.form == "capital" and mention.country:
                    # "arrived at Honiara port": the capital's state
                    host = clause.country_actor(mention.country)
                    destinations += [host] if host is not None else []
                    continue
                # a base or airport named so is a site ("landed at Manas airport": at home, if it is the
                # sender's); an area is not
                named_bases += [mention] if mention is not None and kind not in self.lex.area_nouns else []
            unplaced = mention is not None and mention.key is None and not mention.country
            if mention is not None and mention.type == "location" and unplaced:
                # "landed at Honiara International Airport", a site the parser named: the capital it begins
                first = t.doc[mention.start].text
                capital_of = self.gaz.state_words.get(first.lower())
                if capital_of is not None and self.gaz.capitals.get(capital_of) == first:
                    host = clause.country_actor(capital_of)
                    destinations += [host] if host is not None else []
                    continue
            # a place abroad is a destination; open sea or a stateless region is not
            if (
                mention is not None
                and mention.type == "location"
                and (mention.key is None or mention.country)
            ):
                state = self.gaz.country(mention.country) if mention.key is None and mention.country else None
                if state is not None:  # a place the article put in a state ("stationed at Ream"): that state
                    destinations.append(Actor(state.name, "country", state.country, None))
                else:
                    destinations.append(Actor(mention.name, "location", mention.country, mention))
        if not senders and obj is None and placed and trigger.needs == "forces":  # "the Dutch jets have been
            # stationed at X": whose they are (with "deployed", "German tanks" may only say who made them)
            owner = clause.platform_owner(placed[0]) or clause.actor_of(sent.doc[placed[0].head])
            senders = [owner] if owner is not None else []
        if not senders and obj is not None and token.lemma_.lower() in self.lex.heading_verbs:
            senders = self.home_of_departure(token, personnel, dest_tokens)
        if not senders and self.speakers_own(obj, placed):
            speaker = clause.speaker_state(anchor)
            senders = [speaker] if speaker is not None else []
        if item is not None and self.named_vessel(item) and not any(a.type == "country" for a in senders):
            # "the Spanish frigate ESPS Blas de Lezo arrived", "USS Gravely tied up": a named warship is its
            # navy's, by the words before its name or by its prefix
            words = clause.item_words(item) + self.words_before(item)
            senders = [a.as_party(self.gaz) for t in words for a in [clause.actor_of(t, deep=False)] if a]
            navy = clause.vessel_navy(item)
            senders += [navy] if navy is not None else []
            senders = [a for a in senders if a.type == "country"]
        sender = senders[0].as_party(self.gaz) if senders else None
        # "has contributed forces to MINUSCA": a mission abroad stands for the state it serves in
        candidates = [self.mission_state(d.as_party(self.gaz)) for d in destinations]
        candidates = [d for d in candidates if sender is None or d != sender]
        # "to the NATO battlegroup in Romania": the state the mission is in, before the body it serves
        destination = next((d for d in candidates if d.type == "country"), None) or next(
            iter(candidates), None
        )
        capitals = [
            t
            for t in dest_tokens
            if t.lemma_.lower() in self.lex.capital_nouns
            and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
            and not any(c.dep_ in ("poss", "prep", "compound", "amod") for c in t.children)
        ]
        if destination is None and capitals:  # "arrived in the capital": of the state the story is about
            destination = clause.focus_country(capitals[0], besides=sender.country if sender else None)
        if destination is None:  # "deployed soldiers to support the Congolese army": where that army is
            supported = [
                a.as_party(self.gaz)
                for c in token.children
                if c.dep_ in ("xcomp", "advcl")
                and c.lemma_.lower() in self.lex.support_verbs
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for o in c.children
                if o.dep_ == "dobj"
                for a in clause.parties_of(o)
            ]
            destination = next(
                (a for a in supported if a.type == "country" and (sender is None or a.name != sender.name)),
                None,
            )
        if destination is None:
            places = [
                clause.place_name(
                    t, areas=False
                )  # "units stationed in its own Tavush province": no deployment
                for t in clause.pp_everywhere(sent, "to", "in", "into")
                if not clause.stateless_place(t)
                # not a place a verb on another noun tells of ("to protect trucks heading to Bamako")
                and not self.told_of_other(t, token, anchor, personnel)
            ]
            place = next((p for p in places if p and (sender is None or p != sender.name)), None)
            if place:
                destination = Actor(place, "location", None)
        if (
            destination is None
        ):  # at last, a sea the trigger itself names ("sent two frigates to the Red Sea")
            seas = [  # or a region of no state the forces head for ("departed for the Golan Heights")
                t
                for t in [
                    *clause.prep_objects(token, *(p for p in preps if p not in ("from", "at"))),
                    *object_places,
                    # "the frigate entered the Black Sea"
                    *(c for c in token.children if c.dep_ == "dobj" and self.place_entered(token, c)),
                ]
                if clause.stateless_place(t)
            ]
            mention = clause.mention_at(seas[0]) if seas else None
            if mention is not None:
                destination = Actor(mention.name, "location", None, mention)
        if (
            destination is None
            and sender is not None
            and sender.type == "country"
            and trigger.needs in ("presence", "forces")
        ):
            # "Turkey has about 240 soldiers at Butmir", "advisers stationed at X": a place no gazetteer
            # knows, in a sentence naming no other state, lies in the state the story is about
            sites = [t for t in dest_tokens if t.dep_ == "pobj" and t.head.lower_ in ("in", "at")] + bases
            destination = self.unknown_place_state(token, sites, sender)
        if (
            destination is not None
            and destination.type == "organization"
            and not destination.country
            and self.mission_state(destination) is destination  # a mission serving in no one state
        ):
            # "sent 1,400 soldiers to the African Union force", "peacekeepers to the UN": a mission's body is
            # no place; where they went is told elsewhere or not at all
            destination = None
        if sender is not None and destination is not None and destination.name == sender.name:
            destination = (
                None  # "soldiers based in the country" read as the sender's own: not a deployment abroad
            )
        if destination is not None and destination.type == "location" and destination.country:
            # "arrived at Cincu", "stationed in Honiara": forces abroad are deployed to the state the place is
            # in; a place at home ("moved armour to Roraima") stays the place
            host = clause.country_actor(destination.country)
            if host is not None and (sender is None or sender.country != host.country):
                destination = host
            elif destination.mention in named_bases or from_base:
                destination = None  # "Kuwait's Typhoons are based at Ali Al Salem air base": at home
            elif item is not None and token.lemma_.lower() in self.lex.mover_verbs:
                destination = None  # "the Navy's new frigate arrived at Subic Bay": a ship come home
        if flown_from and (destination is None or destination.type != "country"):
            return None  # "flew sorties from Amendola": a base in no state known abroad
        if token.lemma_.lower() in self.lex.placement_verbs or partnered:
            destination = self.partner_state(token, sender) or destination
            if destination is not None and sender is not None and destination.country == sender.country:
                return None  # "Kenyan soldiers are working in Nairobi": at home, no deployment
        if joined_war and (destination is None or destination.type != "country"):
            return None  # "took part in the fighting near Bakhmut": a war at home, as far as the text says
        if (
            sender is None
            and obj is not None
            and destination is not None
            and trigger.needs in ("forces", "presence")
        ):
            sender = self.story_forces(token, obj, destination)
        cand = Candidate("deployment", token, None)
        cand.roles.update(sender=sender, destination=destination)
        # "Belize and the Bahamas have sent teams": one deployment for each sending state
        also = {
            a.name: a
            for a in (s.as_party(self.gaz) for s in senders[1:])
            if a.type == "country"
            and sender is not None
            and a.name != sender.name
            and (destination is None or a.name != destination.name)
        }
        if also:
            cand.also = {"sender": list(also.values())}
        # "deployed troops to Chad, Niger and Mali": one deployment for each state of the list
        listed = self.listed_with(destination, sender, dest_tokens) or self.joined_places(
            token, destination, sender
        )
        if listed and not also:
            cand.also = {"destination": listed}
        if obj is not None:
            if obj.i != token.i:  # a withdrawal standing for its force names none
                cand.roles["personnel"] = clause.phrase(obj)
            count = self.items.count_of(obj)
            if not count:  # "a contingent of about 2,000 troops", "a battalion of 500 soldiers"
                inner = [t for t in clause.prep_objects(obj, "of") if t in personnel]
                count = next((c for c in map(self.items.count_of, inner) if c), None)
            if count:
                cand.roles["quantity"] = count
        elif item is not None:
            cand.roles["personnel"] = item.name
            if item.quantity:
                cand.roles["quantity"] = item.quantity
        cand.partial = sender is None or destination is None
        return cand

    def owners(self, personnel: Token) -> list[Actor]:
        """Whose forces they are: "Pakistani troops", "troops of the Pakistan Army's 12th Brigade",
        "servicemen of the Africa Corps"."""
        clause = self.clause
        actor = clause.actor_of(personnel)
        if actor is not None and (actor.type == "country" or not clause.prep_objects(personnel, "of")):
            return [actor]
        owners = [
            o
            for t in clause.prep_objects(personnel, "of")
            # "of the Africa Corps of the Russian Defence Ministry": the body the unit belongs to as well
            for o in (t, *(c for c in t.children if c.dep_ == "poss"), *clause.prep_objects(t, "of"))
        ]
        # "troops from Kenya, Jamaica and El Salvador": each state they come from
        owners += [o for t in clause.prep_objects(personnel, "from") for o in clause.with_conjuncts(t)]
        found = [a for t in owners for a in clause.parties_of(t)]
        # "... of the Russian Defence Ministry": the state whose ministry or service the unit belongs to
        if not any(a.type == "country" for a in found):
            bodies = [a for t in owners for a in clause.actors_of(t) if a.type == "organization"]
            found += [
                state
                for a in bodies
                for entry in [clause.entry_of(a.mention)]
                if entry is not None and entry.kind in ("agency", "military")
                for state in [clause.country_actor(a.country)]
                if state is not None
            ]
        return found

    def place_states(self, token: Token) -> list[Actor]:
        """The state a place phrase is in: a state named, or a place the gazetteer puts in one ("Doha",
        "Cabo Delgado"); none for a sea or a stateless region."""
        found = self.clause.parties_of(token)
        mention = self.clause.mention_at(token)
        if not found and mention is not None and mention.type == "location" and mention.country:
            state = self.gaz.country(mention.country)
            if state is not None:
                found = [Actor(state.name, "country", state.country, None)]
        return [a for a in found if a.type == "country"]

    def foreign_base(self, ctx: ReadContext) -> Candidate | None:
        """ "the Russian military base in Tajikistan", "France's base in Djibouti": a standing deployment of
        the state that holds the base, in the state where it is."""
        token, clause = ctx.token, self.clause
        owners = [
            a.as_party(self.gaz)
            for c in token.children
            if c.dep_ in ("poss", "amod", "compound", "nmod")
            for a in clause.parties_of(c)
        ]
        noun = token
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "dobj":
            token = token.head.head  # "maintains dozens of bases in northern Iraq": the count holds the place
        verb = token.head.lemma_.lower()
        placing = self.lex.holding_verbs | self.lex.establishing_verbs
        if not owners and token.dep_ == "dobj" and verb in placing:
            # "Russia has kept an air base at Kant", "Panama set up a post inside Costa Rica": the holder's
            owners = [
                a.as_party(self.gaz) for s in clause.subject_of(token.head) for a in clause.parties_of(s)
            ]
            if not owners and token.head.dep_ == "pcomp":  # "accused Panama of setting up a post"
                accused = token.head.head.head
                owners = [
                    a.as_party(self.gaz)
                    for c in accused.children
                    if c.dep_ == "dobj"
                    for a in clause.parties_of(c)
                ]
        hosting = token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.hosting_verbs
        if not owners and hosting:  # "hosts the bases of the United States, of China and of Japan"
            owners = [a.as_party(self.gaz) for t in self.of_objects(token) for a in clause.parties_of(t)]
        owners = [a for a in owners if a.type == "country"]
        owner = owners[0] if owners else None
        if owner is None:
            return None
        if hosting:
            host = next(
                (
                    a.as_party(self.gaz)
                    for s in clause.subject_of(token.head)
                    for a in clause.parties_of(s)
                    if a.type == "country" and a.as_party(self.gaz).name != owner.name
                ),
                None,
            )
            if host is None:
                return None
            cand = Candidate("deployment", token, None)
            cand.roles.update(sender=owner, destination=host, personnel=clause.phrase(token))
            also = {a.name: a for a in owners[1:] if a.name not in (owner.name, host.name)}
            if also:
                cand.also = {"sender": list(also.values())}
            return cand
        sites = clause.prep_objects(token, "in", "at", "inside", "on")
        if noun is not token:
            sites += clause.prep_objects(noun, "in", "at", "inside", "on")
        # "the Senegalese detachment of the ECOWAS mission in Guinea-Bissau": the mission's place
        sites += [
            p
            for m in clause.prep_objects(noun, "of")
            if m.lemma_.lower() in self.lex.mission_words
            for p in clause.prep_objects(m, "in")
        ]
        if token.dep_ == "dobj":  # "kept a base at Kant, outside Bishkek": the parse may hang it on the verb
            sites += clause.prep_objects(token.head, "in", "at", "inside", "on")
        sites = self.with_surroundings(sites)
        sites += [c for t in list(sites) for c in t.children if c.dep_ == "appos"]
        places = [a.as_party(self.gaz) for t in sites for a in self.place_states(t)]
        # "the 5th Senegalese detachment of the ECOWAS Stabilisation Support Mission in Guinea-Bissau", a
        # mission the gazetteer knows: where it serves
        places += [
            h for m in clause.prep_objects(noun, "of") for h in [self.mission_host(m)] if h is not None
        ]
        host = next((a for a in places if a.type == "country" and a.name != owner.name), None)
        if host is None:
            return None
        cand = Candidate("deployment", token, None)
        cand.roles.update(sender=owner, destination=host, personnel=clause.phrase(noun))
        return cand

    def home_of_departure(
        self, token: Token, personnel: list[Token], dest_tokens: list[Token]
    ) -> list[Actor]:
        """ "a battalion of 275 soldiers left Bogota's airport for the Sinai": forces set out from home, the
        state of the place they leave (when it is not where they go)."""
        clause = self.clause
        origins = [c for c in token.children if c.dep_ == "dobj" and c not in personnel]
        origins += clause.prep_objects(token, "from")
        origins += [p for o in origins for p in o.children if p.dep_ == "poss"]  # "Bogota's airport"
        homes = [a for t in self.with_surroundings(origins) for a in self.place_states(t)]
        dest_states = {a.name for t in dest_tokens for a in self.place_states(t)}
        return [a for a in homes if a.name not in dest_states][:1]

    def story_forces(self, token: Token, forces: Token, destination: Actor) -> Actor | None:
        """ "About 150 soldiers of the Akh unit are stationed in the UAE": forces no one is named for, held
        abroad, are those of the state the story is about."""
        clause = self.clause
        if (
            destination.type != "country"
            or not clause.linked(token, forces.i)
            or token.dep_ == "relcl"  # "to replace troops who have served a year with X": the others'
            or token.sent.start == 0  # a headline has no story before it to tell whose they are
            or any(c.dep_ in ("poss", "amod", "compound") and clause.parties_of(c) for c in forces.subtree)
        ):
            return None
        return clause.focus_country(token, besides=destination.country)

    def unknown_place_state(self, token: Token, places: list[Token], sender: Actor) -> Actor | None:
        """The story's state (other than the sender's) for a named place the gazetteer does not know."""
        clause = self.clause
        # "Keflavik airport": a site named by a proper noun on its kind (which the parser may call a body)
        named_sites = [
            c
            for t in places
            if t.pos_ == "NOUN" and clause.noun_lemma(t) in self.lex.facility_nouns | self.lex.site_nouns
            for c in t.children
            if c.dep_ == "compound"
            and c.pos_ == "PROPN"
            and ((m := clause.mention_at(c)) is None or (m.key is None and not m.country))
        ]
        unknown = named_sites + [
            t
            for t in places
            if t.pos_ == "PROPN"
            and t.ent_type_ in ("GPE", "LOC", "FAC", "")
            # no gazetteer entry: nothing found, or a place the parser found that no entry resolves
            and (
                (m := clause.mention_at(t)) is None
                or (m.type == "location" and m.key is None and not m.country)
            )
            and t.lower_ not in self.lex.capital_nouns
            # "involved in the ... Exercises": an event's name, not a place (a base is one)
            and not any(
                trigger.type != "deployment"
                for word in {t.lemma_.lower(), t.lower_.removesuffix("s")}
                for trigger in self.lex.noun_triggers.get(word, ())
            )
        ]
        sent = token.sent
        others = [
            m
            for m in token.doc._.mentions or []
            if sent.start <= m.start < sent.end
            and m.type in ("country", "location")  # a weapon's or a maker's country is no place
            and m.country
            and m.country != sender.country
        ]
        # "in the north", "in the country's east": a part of the story's state
        unknown += [t for t in places if t.lower_ in self.lex.compass_words and t.pos_ == "NOUN"]
        if not unknown:
            return None
        focus = clause.focus_country(token, besides=sender.country)
        # "... at Akrotiri, retained when Cyprus became independent": only the story's state besides
        if focus is None or any(m.country != focus.country for m in others):
            return None
        return focus

    def of_objects(self, noun: Token) -> list[Token]:
        """What "of" phrases on a noun name, in a list too: "the bases of X, of Y and of Z"."""
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
        preps += [c for p in list(preps) for c in p.subtree if c.dep_ == "conj" and c.lower_ == "of"]
        return [
            t for p in preps for o in p.children if o.dep_ == "pobj" for t in self.clause.with_conjuncts(o)
        ]

    @staticmethod
    def placed_forces(token: Token, personnel: list[Token]) -> list[Token]:
        """The forces a verb has or keeps as its object."""
        return [c for c in token.children if c.dep_ == "dobj" and c in personnel]

    def participle_places(self, forces: Token) -> list[Token]:
        """ "troops based in Romania", "soldiers stationed at X": the places a participle on forces names,
        with the places inside which they lie ("at Cincu in Transylvania")."""
        places = [
            t
            for c in forces.children
            if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")  # "based in X", "serving in X"
            for t in self.clause.prep_objects(c, "in", "at", "on", "near")
        ]
        return self.with_surroundings(places)

    def with_surroundings(self, places: list[Token]) -> list[Token]:
        """Places, with those they lie in or near ("at Cincu in Transylvania", "Kant, outside Bishkek")."""
        return places + [p for t in places for p in self.clause.prep_objects(t, "in", "near", "outside")]

    def present_abroad(self, ctx: ReadContext) -> bool:
        """ "X has 3,000 troops in Y", "US troops remain in Y": forces the subject holds (or that stay) in a
        place named after them, not its own army at home ("X has 3,000 troops")."""
        clause = self.clause
        objects = [c for c in ctx.token.children if c.dep_ == "dobj" and c in ctx.personnel]
        if not any(c.dep_ == "dobj" for c in ctx.token.children):  # "US troops remain in Iraq"
            objects = [s for s in clause.subject_of(ctx.token) if s in ctx.personnel]
        if not objects or not clause.subject_of(ctx.token):
            return False
        forces = [*objects, *(c for o in objects for c in o.children if c.dep_ == "conj")]
        holders = [*forces, ctx.token]
        # "has 120 soldiers and two helicopters in Mali": the place may hang on the last of the forces
        places = [t for o in forces for t in clause.prep_objects(o, "in", "on")]
        places += [t for o in objects for t in self.participle_places(o)]
        places += clause.prep_objects(ctx.token, "in", "on")
        places += self.where_place(ctx.token)
        # "has 1,000 troops and a fighter detachment at three bases in Chad": the sites' place
        places += [
            p for h in holders for t in clause.prep_objects(h, "at") for p in clause.prep_objects(t, "in")
        ]
        # "has 20 soldiers with the NATO brigade in Latvia", "remain with the UN force in southern Lebanon":
        # the force they serve with, where it is or the state a known mission serves in
        serving = self.serving_with(ctx.token, forces)
        places += [p for t in serving for p in clause.prep_objects(t, "in")]
        holders_parties = [
            a.as_party(self.gaz) for s in clause.subject_of(ctx.token) for a in clause.parties_of(s)
        ]
        own = {a.name for a in holders_parties}
        abroad = [a for t in places for a in clause.parties_of(t) if a.as_party(self.gaz).name not in own]
        if abroad or any((m := clause.mention_at(t)) is not None and m.type == "location" for t in places):
            return True
        hosts = [h for t in serving if (h := self.mission_host(t)) is not None]
        if any(h.name not in own for h in hosts):
            return True
        # "Turkey has about 240 soldiers at Butmir": a place no gazetteer knows, in the story's state
        sites = places + [t for h in holders for t in clause.prep_objects(h, "at")]
        sites += clause.prep_objects(ctx.token, "at")
        holder = next((a for a in holders_parties if a.type == "country"), None)
        if holder is None:
            return False
        # "Germany has 150 soldiers at Muwaffaq Salti Air Base": a base the gazetteer places abroad
        if any(
            (m := clause.mention_at(t)) is not None
            and m.type == "location"
            and m.country
            and m.country != holder.country
            for t in sites
        ):
            return True
        return self.unknown_place_state(ctx.token, sites, holder) is not None

    @staticmethod
    def words_before(item: Item) -> list[Token]:
        """The words of the item's noun phrase before its name ("the Indian Navy frigate INS X"), which the
        parser may not hang on it."""
        if item.doc is None:
            return []
        out: list[Token] = []
        for token in reversed(item.doc[max(item.start - 5, 0) : item.start]):
            if token.pos_ in ("DET", "ADP", "PUNCT", "PRON", "CCONJ", "SCONJ", "AUX", "NUM"):
                break
            out.append(token)
        return out

    def in_port(self, ctx: ReadContext) -> bool:
        """A named warship, or a ship its navy's state is named with, at, in or off a place."""
        places = self.clause.prep_objects(ctx.token, "at", "in", "off", "into")
        # "visited Colombo": the port is its object
        if ctx.token.lemma_.lower() in self.lex.port_object_verbs:
            places += [c for c in ctx.token.children if c.dep_ == "dobj" and self.names_place(c)]
        ships = [i for i in ctx.items if i.category == "ship"]
        return bool(places) and any(
            self.named_vessel(i)
            or self.clause.platform_owner(i) is not None
            # "the Chinese hospital ship Peace Ark": a ship of a named state, itself named
            or (i.origin is not None and i.doc is not None and i.doc[i.end - 1].pos_ == "PROPN")
            for i in ships
        )

    @staticmethod
    def phrase_head(word: Token, phrase: Token) -> bool:
        """Whether the word heads the phrase or an entry of it ("two frigates and a tanker", "a unit of
        three batteries"), not a noun in one of its prepositional phrases other than "of"."""
        while word.i != phrase.i:
            if word.dep_ == "pobj" and word.head.lower_ != "of":
                return False
            if word.head.i == word.i:
                return False
            word = word.head
        return True

    def told_of_other(self, place: Token, token: Token, anchor: Token, personnel: list[Token]) -> bool:
        """Whether a verb on a thing tells of the place ("to protect trucks heading to Bamako"), not the
        deployment's own verb or one on the forces or a party ("personnel who operate helicopters in the
        Maldives")."""
        verb = next((a for a in place.ancestors if a.pos_ == "VERB"), token)
        return (
            verb not in (token, anchor)
            and verb.dep_ in ("acl", "relcl")
            and verb.head not in personnel
            and self.clause.actor_of(verb.head) is None  # "Kenya, which leads the mission in Haiti"
        )

    def force_withdrawn(self, token: Token) -> bool:
        """A withdrawal noun of a state's or a mission's forces from a place: "MINUSMA completed its
        withdrawal from Mali", "the American withdrawal from Air Base 201" (not "its withdrawal from the
        treaty")."""
        clause = self.clause
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lex.withdrawal_words:
            return False
        owners = [c for c in token.children if c.dep_ in ("poss", "amod")]
        if not any(clause.actor_of(c) is not None or c.lower_ in ("its", "their") for c in owners):
            return False
        places = clause.prep_objects(token, "from")
        return any(
            clause.place_name(p) is not None or clause.parties_of(p) or self.mission_host(p) is not None
            for p in places
        )

    def platforms_moving(self, ctx: ReadContext) -> bool:
        """Whether the subject of a verb of moving is a warship or military aircraft of a named state
        ("Eighteen Dutch F-16s flew to Romania"): forces moving with their crews."""
        token = ctx.token
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.heading_verbs | self.lex.mover_verbs:
            return False
        if (
            token.lemma_.lower() in self.lex.heading_verbs
            and not self.clause.prep_objects(token, "to", "into", "for")
            and not self.mission_joined(token)
        ):
            return False  # "jets flying out of Akrotiri joined strikes": where they flew to goes unsaid
        in_subject = {t.i for s in self.clause.subject_of(token) for t in s.subtree}
        return any(
            i.head in in_subject and (self.clause.platform_owner(i) is not None or self.named_vessel(i))
            for i in ctx.items
        )

    def mission_joined(self, token: Token) -> list[Token]:
        """The mission a verb of setting off goes to join ("left Chattogram to join the United Nations Interim
        Force in Lebanon", "to join the UN mission in South Sudan")."""
        joined = [
            m
            for c in token.children
            if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in self.lex.joining_verbs
            for o in c.children
            if o.dep_ == "dobj"
            # "to join the Maritime Task Force of UNIFIL": the mission the task force is part of
            for m in (o, *self.clause.prep_objects(o, "of"))
        ]
        # "the UN mission in South Sudan": a mission word, whose place the caller reads
        return [
            m
            for m in joined
            if self.mission_host(m) is not None or m.lemma_.lower() in self.lex.mission_words
        ]

    def combat_part(self, token: Token) -> bool:
        """ "took part in the liberation of the Kursk region", "take part in the fighting": a war joined."""
        if not any(c.dep_ == "dobj" and c.lower_ == "part" for c in token.children):
            return False
        return any(
            t.lemma_.lower() in self.lex.combat_operation_nouns for t in self.clause.prep_objects(token, "in")
        )

    def partner_state(self, token: Token, sender: Actor | None) -> Actor | None:
        """ "A British team has worked with the RSLAF and the SLP since 2002": the state of the force people
        are placed with."""
        clause = self.clause
        for place in clause.prep_objects(token, "with", "alongside"):
            for actor in clause.parties_of(place):
                state = actor.as_party(self.gaz)
                if state.type == "country" and (sender is None or state.country != sender.country):
                    return state
        return None

    def named_vessel(self, item: Item) -> bool:
        """A warship named with its navy's prefix ("INS Delhi", "USS Gravely")."""
        return bool(set(item.name.split()) & self.lex.vessel_prefixes)

    def listed_with(
        self, destination: Actor | None, sender: Actor | None, places: list[Token]
    ) -> list[Actor]:
        """The other states of the list the destination is read from ("to Chad, Niger and Mali")."""
        if destination is None or destination.type != "country":
            return []
        for place in places:
            group = [a.as_party(self.gaz) for a in self.clause.parties_of(place)]
            if destination.name in {a.name for a in group}:
                skip = {destination.name, sender.name if sender is not None else ""}
                return list({a.name: a for a in group if a.type == "country" and a.name not in skip}.values())
        return []

    def joined_places(self, token: Token, destination: Actor | None, sender: Actor | None) -> list[Actor]:
        """The states of further places joined to the verb's by a preposition of their own ("called at
        Salalah, Oman, from 25 to 27 October, and at Colombo"; "sent troops to Mali and to Niger"): one
        deployment each."""
        if destination is None or destination.type != "country":
            return []
        joined = [
            o
            for p in token.children
            if p.dep_ in ("prep", "dative")
            for c in p.children
            if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ in ("at", "to", "in", "into")
            for o in c.children
            if o.dep_ == "pobj"
        ]
        skip = {destination.name, sender.name if sender is not None else ""}
        states: dict[str, Actor] = {}
        for place in joined:  # "at Jeddah": a city stands for its state
            for actor in self.place_states(place):
                if actor.name not in skip:
                    states.setdefault(actor.name, actor)
        return list(states.values())

    @staticmethod
    def where_place(token: Token) -> list[Token]:
        """ "Latvia, where Canada leads a brigade and has 2,000 soldiers": the place of a "where" clause."""
        node = token
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in node.children):
            return [node.head]
        return []

    def place_left(self, token: Token, obj: Token) -> bool:
        """Whether the object of a verb of setting out is the place it leaves ("left Jakarta for Lebanon")."""
        return token.lemma_.lower() in self.lex.heading_verbs and self.names_place(obj)

    def speakers_own(self, obj: Token | None, placed: list[Item]) -> bool:
        """Whether forces or weapons that no state is named for are the speaker's: "the Army confirmed that 25
        instructors left" (not "foreign troops", another state's), "France's ambassador said three Rafale
        fighters had been deployed to Poland" (not "German tanks", which may only say who made them)."""
        if obj is not None:
            return not any(c.dep_ == "amod" and c.lower_ in self.lex.foreign_words for c in obj.children)
        if not placed or self.clause.platform_owner(placed[0]) is not None:
            return False
        words = self.clause.item_words(placed[0]) + self.words_before(placed[0])
        return not any(self.clause.actor_of(t, deep=False) is not None for t in words)

    def place_entered(self, token: Token, obj: Token) -> bool:
        """Whether the object of a verb of entering is the place entered ("entered the Black Sea", a warship
        "visited Colombo")."""
        lemma = token.lemma_.lower()
        entering = lemma in self.lex.entering_verbs or lemma in self.lex.port_object_verbs
        return entering and self.names_place(obj)

    def names_place(self, obj: Token) -> bool:
        """A country or a place, by the gazetteer or by spaCy ("Portsmouth", a port no gazetteer lists)."""
        mention = self.clause.mention_at(obj)
        if mention is not None:
            return mention.type in ("country", "location")
        if obj.lemma_.lower() in self.lex.site_nouns:  # "entered the port of Batumi"
            return any(self.names_place(p) for p in self.clause.prep_objects(obj, "of"))
        return obj.ent_type_ in ("GPE", "LOC", "FAC")

    def serving_with(self, token: Token, forces: list[Token]) -> list[Token]:
        """What the verb or its forces are "with" ("has 20 soldiers with the NATO brigade", "remain with
        the UN force"): the force they serve in."""
        heads = [token, *forces, *(c for f in forces for c in f.children if c.dep_ == "conj")]
        return [t for h in heads for t in self.clause.prep_objects(h, "with")]

    def mission_host(self, token: Token) -> Actor | None:
        """The state a mission named by this word serves in, if it names one."""
        actor = self.clause.actor_of(token)
        if actor is None or actor.type != "organization":
            return None
        host = self.mission_state(actor)
        return host if host is not actor else None

    def mission_state(self, actor: Actor) -> Actor:
        """The state a peace mission or force abroad serves in (organizations.yaml `operates_in`)."""
        entry = self.clause.entry_of(actor.mention) if actor.type == "organization" else None
        host = (
            self.clause.country_actor(entry.operates_in) if entry is not None and entry.operates_in else None
        )
        return host or actor
