"""Combat use: who used which weapon against what, and where."""

from __future__ import annotations

from spacy.tokens import Span, Token

from armswatch.extract.base import Reader
from armswatch.extract.clash import ClashReader
from armswatch.extract.clause import ClauseReader
from armswatch.extract.items import ItemReader
from armswatch.extract.modality import Modality
from armswatch.extract.model import Actor, Candidate, Item, ReadContext
from armswatch.gazetteer import Gazetteer
from armswatch.lexicon import Lexicon


class CombatUseReader(Reader):
    def __init__(
        self,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        clause: ClauseReader,
        items: ItemReader,
        modality: Modality,
        clashes: ClashReader,
    ) -> None:
        super().__init__(lexicon, gazetteer, clause, items, modality)
        self.clashes = clashes

    @staticmethod
    def fired(item: Token, obj: Token) -> bool:
        """The item is what the object names: the object itself or its "of" ("dozens of missiles"), not a
        word further down ("its objections to the missile sale")."""
        node = item
        while node.i != obj.i:
            if node.dep_ == "prep" and node.lower_ != "of":
                return False
            if node.head.i == node.i:
                return False
            node = node.head
        return True

    def in_exercise(self, token: Token, sent: Span) -> bool:
        """A firing told as part of a drill: "fired live", or "during" an exercise named in the sentence."""
        if any(c.lower_ == "live" for c in token.children):
            return True
        return any(c.dep_ == "prep" and c.lower_ == "during" for c in token.children) and any(
            trigger.type == "exercise"
            for t in sent
            for trigger in self.lex.noun_triggers.get(t.lemma_.lower(), ())
        )

    def for_training(self, token: Token) -> bool:
        """ "used to train pilots", "will use the jets for training": a use that schools crews."""
        purposes = [c for c in token.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
        purposes += self.clause.prep_objects(token, "for")
        return any(p.lemma_.lower() in self.lex.training_purposes for p in purposes)

    def carried_out_by(self, token: Token, item: Item) -> bool:
        """ "Israeli jets carried out strikes on X", "strikes were carried out by Israeli jets", "helicopters
        flew strike missions": what did the strike noun's light verb used it."""
        noun = token.head if token.dep_ == "compound" else token
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in self.lex.conduct_verbs:
            return False
        doers = self.clause.agent_of(verb) or [s for s in self.clause.subject_of(verb) if s.dep_ == "nsubj"]
        return any(t.i == item.head for d in doers for t in self.clause.with_conjuncts(d))

    def in_service(self, verb: Token) -> bool:
        """ "since 2010", and with no place of use told, "until 2023" or "for six decades": how long a weapon
        served ("which the army used for years in the highlands" tells a war's use)."""
        preps = [c for c in verb.children if c.dep_ == "prep"]
        if any(c.lower_ == "since" for c in preps):
            return True
        spans = any(
            c.lower_ in ("until", "till")
            or (c.lower_ == "for" and any(o.lemma_.lower() in self.lex.service_spans for o in c.children))
            for c in preps
        )
        places = ("in", "on", "over", "across", "near")  # "for years in the highlands": the place of a war
        return spans and not any(t.dep_ == "prep" and t.lower_ in places for c in preps for t in c.subtree)

    def read(self, ctx: ReadContext, forced: Item | None = None) -> Candidate | None:
        token, sent = ctx.token, ctx.sent
        clause = self.clause
        if any(t.lemma_.lower() in self.lex.sport_words or t.lower_ in self.lex.sport_words for t in sent):
            return None  # shots at goal, a rocket into the net
        if token.dep_ in ("acl", "relcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            return None  # "216 rounds to be fired from the Army's howitzers": what they are for, not a use
        if token.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ in ("can", "could", "may", "might", "would", "will", "should")
            for c in token.children
        ):
            # "it can fire 239mm rockets to 80 km", "the air force may one day use drones": what a weapon is
            # able to do or what may come, not a use
            return None
        if token.pos_ == "VERB" and self.for_training(token):
            return None  # "the trainer the air force uses to prepare its pilots": schooling, not a fight
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in self.lex.service_verbs
            and self.in_service(token)
            and not any(t.lower_ == "against" for t in token.subtree)
            and not any(c.dep_ in ("xcomp", "advcl") for c in token.children)
        ):
            # "has been used by the Turkish Armed Forces since 2010", "used them until 2023", "for six
            # decades": in service, no fight told
            return None
        if (
            token.pos_ == "VERB"
            and token.dep_ == "acl"
            and token.tag_ == "VBN"
            and clause.agent_of(token)
            and not clause.prep_objects(token, "against", "on", "in", "during", "at")
            and not any(c.dep_ in ("xcomp", "advcl") for c in token.children)
        ):
            return (
                None  # "Pantsir systems used by Haftar's forces were supplied by X": whose they are, no fight
            )
        if token.pos_ == "VERB" and token.lemma_.lower() in self.lex.service_verbs:
            # "the plant will employ about 500 people", "used the opportunity": no weapon used
            used_objects = [c for c in token.children if c.dep_ == "dobj"]
            named = ctx.item_tokens()
            if used_objects and not any(o.pos_ == "PRON" or o.i in named for o in used_objects):
                return None
        if token.pos_ == "VERB" and self.in_exercise(token, sent):
            return None  # "crews fired live for the first time during Spring Storm": a drill, not a fight
        objects = [
            it
            for it in ctx.items
            if token.doc[it.head].dep_ == "dobj" and token.doc[it.head].head.i == token.i
        ]
        argument_items = {
            it.head
            for it in ctx.items
            for c in token.children
            if (c.dep_ == "dobj" and self.fired(token.doc[it.head], c))
            or (c.dep_ == "nsubj" and it.head == c.i)
        }
        if (
            forced is None
            and token.lemma_.lower() in self.lex.munition_verbs
            and not argument_items
            and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in token.children)
        ):
            # "Germany dropped its objections to the sale": nothing was fired (but "fired dozens of
            # missiles", "a drone dropped an explosive charge")
            return None
        # "a warplane dropped four bombs": what is fired or dropped is the item, the subject its platform
        item = forced or (objects[0] if objects else self.items.nearest_item(token, ctx.items))
        acting = next((it for it in ctx.items if token.dep_ == "acl" and it.head == token.head.i), None)
        if forced is None and acting is not None and token.lemma_.lower() not in self.lex.munition_verbs:
            # "a video showed a Lancet loitering munition destroying a Leopard tank": the weapon the
            # participle hangs on struck, and what it destroyed is the target
            item = acting
        armed = [it for it in ctx.items if self.struck_with(token, it)] if token.pos_ == "NOUN" else []
        if forced is None and not objects and armed:
            # "a strike with long-range weapons, including Kinzhal missiles": the system named, before a kind
            item = next((it for it in armed if it.catalog), armed[0])
        if item is None:
            item = self.named_strike(token)
        if token.lemma_.lower() in self.lex.clash_verbs and (
            item is None
            or (forced is None and not clause.linked(token, item.head))
            # "were attacked with firearms by armed civilians": a fight, the guns no system's use
            or item.category == "small_arms"
        ):
            clash = self.clashes.attack(ctx)
            if clash is not None or item is None:
                return clash
        if item is None:
            return None
        if forced is None and token.pos_ == "VERB" and clause.other_clause(token, token.doc[item.head]):
            return None  # "used the credit to buy helicopters": the item belongs to another clause
        if forced is None and any(
            # ("including" as a preposition lists what was used)
            self.lex.is_transfer_verb(v.lemma_) and v.dep_ != "prep"
            for v in clause.verbs_between(token, item.head)
        ):
            return None  # "will use it to buy 22 helicopters": the item is the purchase's
        if forced is None and token.pos_ == "VERB" and token.doc[item.head].dep_ == "pobj":
            prep = token.doc[item.head].head
            if (
                prep.head.i == token.i
                and prep.lower_ in ("in", "on", "aboard")
                and any(c.dep_ in ("nsubjpass", "nsubj") for c in token.children)
            ):
                return None  # "engines also used in the F-16": a part built into the item
        intercepting = (token.pos_ == "VERB" and token.lemma_.lower() in self.lex.downing_verbs) or any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in token.children
        )
        shot_down: Item | None = None
        shooter: Item | None = None  # a warship that shot something down with a weapon of its own
        downed_deps = ("dobj", "nsubjpass", "npadvmod")

        def downed(it: Item) -> bool:
            head = token.doc[it.head]
            part = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
            if part is not None and (
                part.like_num
                or part.pos_ in ("NUM", "PRON", "DET")
                or part.tag_ == "JJS"
                or part.lower_ in ("many", "several", "dozens")
            ):
                head = part  # "shot down eleven of the drones", "most of them"; not "a column of trucks"
            return head.dep_ in downed_deps and head.head.i == token.i

        if intercepting and forced is not None:
            # a shoot-down is read once, from the aircraft downed (and those listed with it), with the weapon
            # that downed it; a weapon listed with the one that struck is a use of its own
            first_downed = next((it for it in ctx.items if downed(it)), forced)
            if downed(forced) or forced in self.items.coordinated(first_downed, ctx.items):
                return None
        if intercepting and forced is None:
            item = next((it for it in ctx.items if downed(it)), item)
        if intercepting and downed(item):
            # drones shot down are the target; the weapon is the subject's ("air defences shot down drones")
            shooters = [s for s in clause.subject_of(token) if s.dep_ == "nsubj"]
            if acting is not None:  # "showed a Lancet destroying a tank": the weapon the participle is on
                shooters.append(token.head)
            shooting = {t.i for s in shooters for t in s.subtree}
            weapon = next((it for it in ctx.items if it.head in shooting and it.head != item.head), None)
            shooter = weapon if weapon is not None and weapon.category == "ship" else None
            if weapon is None or shooter is not None:  # "shot down a drone with a surface-to-air missile"
                means = {
                    t.i for h in (token, token.doc[item.head]) for t in clause.prep_objects(h, "with")
                }  # the parse may hang "with" on the aircraft
                # "HMS Diamond shot down a drone with a Sea Viper missile": the ship's missile is the weapon
                weapon = next((it for it in ctx.items if it.head in means), weapon)
            if weapon is None:
                weapon = next((self.interceptor(s) for s in map(self.interceptor_noun, shooters) if s), None)
            if weapon is None:
                return None
            item, shot_down = weapon, item
        if (
            token.pos_ in ("NOUN", "PROPN")
            and forced is None
            and item.head != token.i  # "carried out an airstrike": the strike is what was used
            and not clause.linked(token, item.head)
            and not any(token.doc[i].head.i == token.i for i in range(item.start, item.end))
            and not self.took_part(token, item)
            and not self.struck_with(token, item)
            and not self.carried_out_by(token, item)
        ):
            return None  # "came under attack": a strike noun must name its weapon
        # "a ship", "equipment": too vague to be a weapon that was used; but what struck, as the subject, is
        # named well enough ("Israeli aircraft struck S-300 batteries", "missile boats struck the port")
        platform = token.doc[item.head].dep_ == "nsubj" and token.doc[item.head].head.i == token.i
        if (
            item.category in ("other", "ship")
            and not item.catalog
            and item.head != token.i
            and shot_down is None
            and not (platform and intercepting)
        ):
            return None
        anchor = clause.clause_anchor(token)
        user: Actor | None = None
        if token.pos_ in ("NOUN", "PROPN"):
            poss = [c for c in token.children if c.dep_ == "poss"]
            user = next((a for p in poss for a in clause.actors_of(p)), None)
            if user is None:  # "a drone strike by Benin's army", "an attack by Russian forces"
                user = next((a for t in clause.prep_objects(token, "by") for a in clause.actors_of(t)), None)
            if user is None:  # "an Israeli drone strike on a car": the state the strike's own name says
                user = self.bare_demonym(token)
        if user is None:
            subjects = clause.subject_of(anchor)
            if any(
                item.head in {c.i for c in clause.with_conjuncts(s)} and s.i != item.head for s in subjects
            ):
                # "Polish F-16s and Dutch F-35s shot them down": each jet its own state's
                user = self.bare_demonym(token.doc[item.head])
            if user is None:
                user = next((a for s in subjects if s.i != item.head for a in clause.actors_of(s)), None)
            item_is_subject = any(s.i == item.head for s in subjects)
            if user is None and item_is_subject:
                user = self.bare_demonym(token.doc[item.head])  # "Nigerien TB2 drones struck ...": Niger's
        if user is None and token.pos_ == "NOUN" and self.took_part(token, item):
            # "Pakistani J-10C jets had taken part in the raid": the state the jets' name says
            user = self.bare_demonym(token.doc[item.head])
        if user is None:
            user = next((a for t in clause.agent_of(anchor) for a in clause.actors_of(t)), None)
        if user is None:  # "the army's air defences shot down ...", "a Su-35S of the Aerospace Forces": whose
            used = token.doc[item.head]
            owner = [c for c in used.children if c.dep_ == "poss"]
            if used.dep_ == "nsubj":  # the one that struck, of a force the text names (not "the regime's")
                owner += [
                    o
                    for o in clause.prep_objects(used, "of")
                    if any(clause.mention_at(t) is not None for t in o.subtree)
                ]
            user = next((a for o in owner for a in clause.actors_of(o)), None)
        if user is None and item.origin:
            # "Pakistan's military spokesman said JF-17 fighters destroyed ...": a state telling of a strike
            # with a weapon of its own making used it
            speaker = clause.speaker_state(anchor)
            user = speaker if speaker is not None and speaker.country == item.origin else None
        if user is None and intercepting:  # "HMS Diamond shot down a drone": the ship's navy
            ship = shooter if shooter is not None else item
            user = clause.vessel_navy(ship) if ship.category == "ship" else None
        flown = [
            a
            for c in token.doc[item.head].children
            if c.dep_ == "acl"
            for t in clause.agent_of(c)
            for a in clause.actors_of(t)
        ]
        if flown:
            user = flown[0]  # "drones flown by X's forces struck ...": X used them
        target: str | None = None
        struck_place = False  # the target is a place, which is also where it happened
        target_tokens = (
            [c for c in anchor.children if c.dep_ == "dobj" and c.i not in (item.head, token.i)]
            + clause.prep_objects(token, "against", "on", "at")
            # "the use of drones against X": the target hangs on the weapon's phrase
            + clause.prep_objects(token.doc[item.head], "against")
            + clause.prep_objects(anchor, "against", "on", "at")
            # "launched drones in an attack on X": the attack noun's own target
            + [
                t
                for noun in clause.prep_objects(token, "in", "during")
                if any(tr.type == "combat_use" for tr in self.lex.noun_triggers.get(noun.lemma_.lower(), ()))
                for t in clause.prep_objects(noun, "against", "on")
            ]
        )
        if shot_down is not None:
            target_tokens = [token.doc[shot_down.head], *target_tokens]
        for t in target_tokens:
            if t.pos_ == "PRON" or t.ent_type_ in ("DATE", "TIME") or t.lower_ == "part":
                continue  # "used it", "the attack on Oct. 1", "took part in": a pronoun, a day or a part
            actor = clause.actor_of(t)
            if actor is not None and actor.type != "person":
                mention = clause.mention_at(t)
                if mention is not None and (mention.form == "capital" or mention.type == "location"):
                    target = t.doc[mention.start : mention.end].text  # "strikes on Sanaa": the city struck
                    struck_place = True
                else:
                    target = actor.as_party(self.gaz).name if mention is not None else clause.phrase(t)
                break
            if t.pos_ in ("NOUN", "PROPN") and t.i != item.head:
                target = (
                    shot_down.name if shot_down is not None and t.i == shot_down.head else clause.phrase(t)
                )
                break
        if (
            user is None
            and target
            and item.origin
            # (a strike on something, not a test shot at "a target")
            and target.split()[-1].lower() not in self.lex.practice_targets
            and clause.page_voice_state(token.doc) == item.origin
        ):
            # "an Iskander-M strike destroyed two launchers" in the Russian defence ministry's own briefing:
            # a weapon of the page's own state
            user = clause.country_actor(item.origin)
        if user is None and target and self.fighting_groups_told(token):
            user = self.striking_speaker(anchor)
        if user is not None and user.as_party(self.gaz).type not in (
            "country",
            "organization",
            "armed_group",
        ):
            user = None
        cand = Candidate("combat_use", token, None)
        cand.roles.update(user=user.as_party(self.gaz) if user else None, item=item)
        if target:
            cand.roles["target"] = target
        location = clause.location_of(token, sent, {user.name} if user else set())
        if location and (location != target or struck_place):
            cand.roles["location"] = location
        cand.needs_user = user is None
        return cand

    def fighting_groups_told(self, token: Token) -> bool:
        """Whether the strike's sentence, or the one before, names armed groups ("a camp used by the
        fighters", "ISWAP logistics hubs"): a state's forces against insurgents, not one state's strike on
        another."""
        sent = token.sent
        start = sent.start
        if start > 0:
            start = token.doc[start - 1].sent.start
        return any(
            t.lemma_.lower() in self.lex.armed_group_nouns or (m is not None and m.type == "armed_group")
            for t in token.doc[start : sent.end]
            for m in [self.clause.mention_at(t)]
        )

    def striking_speaker(self, anchor: Token) -> Actor | None:
        """ "The next day, the army said, TB2 drones struck boats used by the fighters": the state whose
        forces tell of the strike, named or, for "the army" with no state, the story's own."""
        reporting, speaker = self.clause.reporter(anchor)
        if not reporting:
            # "..., the army said, TB2 drones struck ...", which the parser hangs below the verb
            speaker = next(
                (
                    s
                    for c in anchor.children
                    if c.dep_ == "parataxis" and c.lemma_.lower() in self.lex.reporting_verbs
                    for s in c.children
                    if s.dep_ == "nsubj" and s.pos_ != "PRON"
                ),
                None,
            )
        if speaker is None or speaker.lemma_.lower() not in self.lex.force_nouns | self.lex.state_voice_nouns:
            return None  # an army, a ministry, a spokesman: not a research group or a newspaper
        state = self.clause.speaker_state(anchor)
        if state is None and speaker.lemma_.lower() in self.lex.force_nouns:
            if any(c.dep_ in ("poss", "amod", "compound") for c in speaker.children):
                return None  # "the rebels' army", "the Malian army" (read above when it names a state)
            state = self.clause.focus_country(anchor, placed=True)
        return state if state is not None and state.type == "country" else None

    def bare_demonym(self, head: Token) -> Actor | None:
        """A demonym or state standing alone before the weapon ("Nigerien drones", "US B-2 bombers"), not its
        origin ("Turkish-made")."""
        doc = head.doc
        for child in (t for t in head.subtree if t.i < head.i):
            mention = self.clause.mention_at(child)
            after = mention.end if mention is not None else child.i + 1  # "South Korean-made"
            if child.dep_ not in ("amod", "compound", "nmod") or (
                after < len(doc) and doc[after].text == "-"
            ):
                continue
            if (
                mention is not None
                and mention.type == "country"
                and mention.form in ("demonym", "name")  # "Nigerien drones", "US B-2 bombers"
                and mention.country
            ):
                return self.clause.country_actor(mention.country)
        return None

    def took_part(self, strike: Token, item: Item) -> bool:
        """The item is the subject of taking part in the strike ("J-10C jets had taken part in the raid")."""
        if strike.dep_ != "pobj" or strike.head.lower_ != "in":
            return False
        verb = strike.head.head
        if verb.lemma_.lower() == "part" and verb.dep_ == "dobj":
            verb = verb.head  # "took part in", the "in" on "part"
        elif not (
            verb.lemma_.lower() == "participate"
            or (verb.lemma_.lower() == "take" and any(c.lower_ == "part" for c in verb.children))
        ):
            return False
        return any(s.i == item.head for s in self.clause.subject_of(verb))

    def struck_with(self, strike: Token, item: Item) -> bool:
        """The item is named in the strike's "with" phrase ("a strike with long-range weapons, including
        Kinzhal missiles, and attack drones")."""
        return any(
            item.head in {t.i for t in w.subtree}
            for w in self.clause.prep_objects(strike, "with", "including")
        )

    def named_strike(self, token: Token) -> Item | None:
        """A strike with no weapon named is itself what was used, when a state or force made it: "the US
        military carried out a strike on a boat", "a strike by the Beninese army", "Pakistan's air raids"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lex.strike_nouns:
            return None
        clause = self.clause
        strikers = [c for c in token.children if c.dep_ == "poss"] + clause.prep_objects(token, "by")
        if token.dep_ == "dobj" and token.head.lemma_.lower() in self.lex.light_verbs:
            strikers += [s for s in clause.subject_of(token.head) if s.dep_ == "nsubj"]
        if not any(
            a.as_party(self.gaz).type in ("country", "organization", "armed_group")
            for s in strikers
            for a in clause.actors_of(s)
        ):
            return None
        words = [t for t in token.lefts if t.dep_ in ("compound", "amod")]
        start = words[0].i if words else token.i
        return Item(token.doc[start : token.i + 1].text, "other", token.i, start, token.i + 1, doc=token.doc)

    def interceptor_noun(self, subject: Token) -> Token | None:
        """The interceptor a shooting subject names: "air defences", or the "defence" of "air defence
        forces"."""
        if subject.lower_ in self.lex.interceptor_nouns:
            return subject
        service = " ".join([c.lower_ for c in subject.lefts if c.dep_ == "compound"] + [subject.lower_])
        # "Jordan's air force intercepted drones", "the Royal Jordanian Air Force shot down"
        if any(service == s or service.endswith(" " + s) for s in self.lex.interceptor_services):
            return subject
        if subject.lower_ in self.lex.interceptor_crew_nouns:
            return next(
                (
                    c
                    for c in subject.lefts
                    if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.lex.interceptor_nouns
                ),
                None,
            )
        return None

    def interceptor(self, noun: Token) -> Item:
        """ "the army's air defences": the weapon that shoots down, named by the subject's own phrase."""
        words = [t for t in noun.lefts if t.dep_ in ("compound", "amod")]
        start = words[0].i if words else noun.i
        name = noun.doc[start : noun.i + 1].text
        return Item(name, "air_defence", noun.i, start, noun.i + 1, doc=noun.doc)
