"""Clause reading shared by every reader, the attributor and the consolidator: who a noun phrase names
(actors, antecedents of pronouns), subjects, objects, agents, prepositional arguments, conjuncts, light
verbs, places and phrases. Each helper reads the dependency parse of one sentence."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from armswatch.extract.document import line_end, line_start, mention_index, mentions_in
from armswatch.extract.model import Actor, Item
from armswatch.gazetteer import Entry, Gazetteer
from armswatch.lexicon import Lexicon
from armswatch.normalise import Money
from armswatch.parse import doc_text, opens_quote
from armswatch.resolve import ACTOR_TYPES, Mention

PLURAL_PRONOUNS = frozenset({"they", "them"})
PERSON_LABELS = frozenset({"PERSON", "AW_PERSON"})  # spaCy's and the gazetteer's people
# spaCy's and the gazetteer's places
PLACE_LABELS = frozenset({"GPE", "LOC", "AW_COUNTRY", "AW_CAPITAL", "AW_LOCATION"})
PRONOUNS = frozenset({"it", "they", "them", "its", "their", "he", "she", "his", "her", "we", "our"})
SPEAKER_PRONOUNS = frozenset({"we", "our", "us", "my", "i", "me"})  # stand for the speaker's side
PERSONAL_POSSESSIVES = frozenset({"his", "her", "our", "my"})
CIRCUMSTANCE_PREPS = frozenset(
    {"since", "after", "before", "during", "amid", "despite", "following", "until"}
)
PHRASE_MODIFIERS = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "nummod",
        "quantmod",
        "npadvmod",
        "poss",
        "advmod",
        "punct",
        "det",
        "predet",
        "case",
    }
)
PARTY_TYPES = ("country", "organization", "company", "armed_group")


OTHER_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "csubj", "parataxis")


def written_name(name: str) -> str:
    """A name as news writes it: "DANA WHITLOCK" from a transcript's label is "Dana Whitlock"."""
    return name.title() if name.isupper() else name


def quoted_at(doc: Doc, char: int) -> bool:
    """Whether a character of the document lies inside quotation marks opened in its paragraph."""
    text = doc_text(doc)
    return opens_quote(text[text.rfind("\n", 0, char) + 1 : char])


def sentence_before(token: Token) -> Span | None:
    """The sentence before the word's, when both stand in one paragraph."""
    doc = token.doc
    previous = doc[token.sent.start - 1].sent if token.sent.start > 0 else None
    return previous if previous is not None and "\n\n" not in doc[previous.end - 1].text_with_ws else None


def relative_on(verb: Token, noun: Token) -> bool:
    """A relative clause on a noun, which tells the noun's own deed ("the agreement the two countries signed
    on Tuesday"); the parser may hang it on the signers, which it takes for the noun's apposition or for a
    phrase of its own right after the noun."""
    if verb.dep_ not in ("relcl", "acl") or verb.i == noun.i:
        return False
    head = verb.head
    return (
        head.i == noun.i
        or (head.dep_ == "appos" and head.head.i == noun.i)
        or (head.pos_ == "NOUN" and head.i > noun.i and head.left_edge.i == noun.right_edge.i + 1)
    )


class ClauseReader:
    """Reads arguments out of a parsed sentence, using the resolved mentions of its Doc."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lex = lexicon
        self.gaz = gazetteer
        self.light_verbs = (
            lexicon.light_verbs
            | lexicon.signing_verbs
            | lexicon.receiving_light_verbs
            | lexicon.ratify_verbs
            | frozenset(lexicon.reporting_verbs) - {"deny", "reject"}
        )

    # ---- who a phrase names -------------------------------------------------------------------------
    def mention_at(self, token: Token) -> Mention | None:
        result: Mention | None = token.doc._.token_mention.get(token.i)
        return result

    def actor_for_mention(self, mention: Mention) -> Actor:
        if mention.type == "country":
            return Actor(
                self.gaz.country_name(mention.country) or mention.name, "country", mention.country, mention
            )
        return Actor(mention.name, mention.type, mention.country, mention)

    def speaker_state(self, token: Token) -> Actor | None:
        """The state of whoever says the words "we" or "our" stand in: the subject of the reporting verb above
        them ("'We have received the drones,' the Malian minister said")."""
        reporting, speaker = self.reporter(token)
        if reporting:
            if speaker is None:
                return None
            # "Luxembourg's defence minister Yuriko Backes said": the state named with an official of no
            # state; "our" inside the speaker's own phrase ("our commander said") is not looked up through it
            inside = speaker.left_edge.i <= token.i <= speaker.right_edge.i
            return (None if inside else self.person_state(self.actor_of(speaker))) or next(
                (
                    self.actor_for_mention(m)
                    for t in speaker.subtree
                    for m in [self.mention_at(t)]
                    if m is not None and m.type == "country" and m.form != "dateline"
                ),
                None,
            )
        answer, interviewed = self.line_speaker(token)
        if answer:  # "A: We signed in June for twelve jets": the one interviewed speaks
            # of someone the text ties to no state: the one the headline presents, or the story's state so far
            # other than one the sentence names ("I discussed it with the Italian minister when we met")
            state = self.person_state(interviewed) or self.headline_speaker(token.doc)
            if state is not None or interviewed is not None:
                named = next((m.country for m in self.sentence_actors(token.sent) if m.country), None)
                return state or self.focus_country(token, besides=named)
            return None  # an answer by someone unnamed: the pronoun's own antecedent
        return None

    def headline_speaker(self, doc: Doc) -> Actor | None:
        """The state of the one an interview's headline presents ("HAL's export chief on Dorniers for Guyana",
        "Slovenia's defence minister on tanks"): the possessor of an office in the first line."""
        company: Actor | None = None
        for token in doc:
            if token.dep_ == "poss" and token.head.lemma_.lower() in self.lex.role_titles:
                actor = self.actor_of(token, deep=False)
                if actor is not None and actor.type == "company" and actor.country:
                    return self.country_actor(actor.country)
                return self.person_state(actor)
            mention = self.mention_at(token)
            if company is None and mention is not None and mention.type == "company" and mention.country:
                company = self.country_actor(mention.country)  # "Hanwha Aerospace Q2 2025 earnings call"
            if "\n" in token.text_with_ws:
                break
        return company

    def reporter(self, token: Token, before: bool = False) -> tuple[bool, Token | None]:
        """Whether a reporting verb stands above the word, and that verb's named subject (not a pronoun, not
        the word itself; with before, only one written before the word)."""
        for verb in token.ancestors:
            if verb.lemma_.lower() in self.lex.reporting_verbs:
                subject = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "nsubj" and c.i != token.i and (not before or c.i < token.i)
                    ),
                    None,
                )
                if subject is not None and subject.lower_ in SPEAKER_PRONOUNS:
                    continue  # "'When I met him, we confirmed the timetable,' the minister said": hers
                return True, subject if subject is not None and subject.pos_ != "PRON" else None
        return False, None

    def line_speaker(self, token: Token) -> tuple[bool, Actor | None]:
        """Who speaks the line a word stands in, in an interview or a transcript: the one interviewed on an
        "A:" line or on a line answering a question ("Minister, was that the right call?" then "Absolutely.
        We handed over ..."), the person a line is labelled with ("TONY DAVIES: ..."): whether the line is
        someone's answer, and that person when the text names them."""
        doc = token.doc
        start = line_start(doc, token.i)
        if doc[start : start + 2].text.replace(" ", "") in ("A:", "A."):
            return True, self.interviewee(doc)
        if doc[start].text == "[":  # "[00:00:41] FARAI CHIKOWORE: ...": a transcript's time stamp first
            close = next((k for k in range(start, min(start + 10, len(doc))) if doc[k].text == "]"), None)
            start = close + 1 if close is not None else start
        label = next((k for k in range(start, min(start + 25, len(doc))) if doc[k].text in (":", "):")), None)
        # "TONY DAVIES:", "Davies:", "The Hon. Byron Camilleri (Minister for Home Affairs):", "Official
        # Spokesperson, Shri Anand Prakash:"
        name_end = next((k for k in range(start, label or start) if doc[k].text == "("), label)
        if label is not None and name_end is not None and doc[start].lower_ in self.lex.question_labels:
            return False, None  # "Q:", "Question (Sidharth, Capital Wire):": the reporter asks
        if label is not None and doc[start:label].text.lower() in self.lex.section_labels:
            return False, None  # "Verdict: MISLEADING.": a fact-check's section, in the page's own voice
        if (
            label is not None
            and name_end is not None
            and 0 < name_end - start <= 8
            # "Lee Seung-min (CFO):": a hyphenated given name's second part is written small
            and all(
                # "Hon." is one token, its stop kept
                (t.text.rstrip(".").isalpha() and (t.is_title or t.is_upper or doc[t.i - 1].text == "-"))
                or t.text in (".", "-", ",")
                for t in doc[start:name_end]
            )
        ):
            person = self.labelled_person(doc[start:name_end])
            return person is not None, person
        end = start - 1
        while end >= 0 and doc[end].is_space:
            end -= 1
        if end < 0 or not doc[end].text.rstrip("\"'”’").endswith("?") or not self.interview(doc):
            return False, None
        if doc[line_end(doc, token.i)].text.rstrip("\"'”’").endswith("?"):
            return False, None  # a question after a question: the interviewer's again
        return True, self.interviewee(doc, introduced=True)

    def interview(self, doc: Doc) -> bool:
        """A question-and-answer interview: three question lines or more, two of them put to someone ("Will
        you still be minister?"), not an explainer's sub-heads ("What happens next?")."""
        if "aw_interview" not in doc.user_data:
            questions = [
                line_start(doc, t.i)
                for t in doc[:-1]
                if t.text.rstrip("\"'”’").endswith("?") and "\n" in t.text_with_ws + t.nbor(1).text_with_ws
            ]
            addressed = sum(
                any(t.lower_ in ("you", "your") for t in doc[start : line_end(doc, start) + 1])
                for start in questions
            )
            doc.user_data["aw_interview"] = len(questions) >= 3 and addressed >= 2
        return bool(doc.user_data["aw_interview"])

    def labelled_person(self, label: Span) -> Actor | None:
        """The person a transcript line's label names ("TONY DAVIES:", "Davies:"), by a person named in the
        text whose surname the label holds."""
        words = {t.lower_ for t in label}
        for mention in label.doc._.mentions or []:
            if mention.type == "person" and label.start <= mention.start < label.end:
                return Actor(written_name(mention.name), "person", mention.country, mention)
        for mention in label.doc._.mentions or []:
            if mention.type == "person" and mention.name.split()[-1].lower() in words:
                return Actor(written_name(mention.name), "person", mention.country, mention)
        # "DEPUTY PRESS SECRETARY DANA WHITLOCK:", "MS. WHITLOCK:", "Official Spokesperson, Shri Anand
        # Prakash:": a label with a title or an honorific names its speaker in the words left
        titles = self.lex.title_words | self.lex.honorifics
        name = [t.text for t in label if t.is_alpha and t.lower_ not in titles]
        # a title written with its point as one word ("Gen.") counts too
        titled = any(t.lower_ in titles or t.lower_.rstrip(".") in titles for t in label)
        if titled and 0 < len(name) <= 3:
            return Actor(written_name(" ".join(name)), "person", None)
        return None

    def interviewee(self, doc: Doc, introduced: bool = False) -> Actor | None:
        """The person an interview is with: the first one its introduction names (before the first question,
        leaving out the lines that credit the interviewer or the photographer), else the person named most
        often in it (with introduced, only the one introduced)."""
        # the first line that is a question ("Q: ...", or a line ending with "?"), not a question in the intro
        first_question = next(
            (
                line_start(doc, t.i)
                for t in doc[:-1]
                if (t.text == "?" and "\n" in t.text_with_ws + t.nbor(1).text_with_ws)
                or (t.text == "Q" and t.nbor(1).text == ":")
            ),
            len(doc),
        )
        for mention in doc._.mentions or []:
            if mention.start >= first_question:
                break
            opening = doc[line_start(doc, mention.start)].lower_
            root = doc[mention.start : mention.end].root
            # introduced as the subject ("Marjan Sarec has run the ministry"), not as someone he met
            if mention.type == "person" and opening not in self.lex.credit_openings and self.in_subject(root):
                return Actor(mention.name, "person", mention.country, mention)
        if introduced:
            return None
        counts: dict[str, int] = {}
        found: dict[str, Mention] = {}
        for mention in doc._.mentions or []:
            if mention.type == "person" and mention.country:
                counts[mention.name] = counts.get(mention.name, 0) + 1
                found[mention.name] = mention
        if not counts:
            return None
        best = found[max(counts, key=lambda name: counts[name])]
        return Actor(best.name, "person", best.country, best)

    def person_state(self, actor: Actor | None) -> Actor | None:
        """The state a person or national body speaks for, or the state itself."""
        if actor is None:
            return None
        if actor.type == "country":
            return actor
        if actor.type in ("person", "organization") and actor.country:
            return self.country_actor(actor.country)
        return None

    def works_state(self, token: Token) -> str | None:
        """The state a works noun stands in ("the Airbus plant in Seville", "the final assembly line at
        Getafe"), by the place named after it."""
        if token.lemma_.lower() not in self.lex.plant_nouns:
            return None
        for place in self.prep_objects(token, "in", "at"):
            at = self.mention_at(place)
            if at is not None and at.country and at.type in ("location", "country"):
                return at.country
        return None

    def country_actor(self, iso3: str | None) -> Actor | None:
        entry = self.gaz.country(iso3)
        return Actor(entry.name, "country", entry.country) if entry is not None else None

    def force_owner(self, item: Item) -> Actor | None:
        """The state whose armed service an item is named with ("RAF Typhoons", "US Navy destroyers",
        "Italian Air Force Eurofighters"): its user, not its maker."""
        for token in self.item_words(item):
            entry = self.entry_of(self.mention_at(token))
            if entry is not None and entry.kind == "military" and entry.country:
                return self.country_actor(entry.country)
        return None

    def platform_owner(self, item: Item) -> Actor | None:
        """The state whose forces a warship or military aircraft is: its armed service ("RAF Typhoons"), or
        the state named with it ("three Russian warships", "Dutch F-16s", "ships of the Russian Caspian
        Flotilla") when its sentence tells of no sale ("delivered", "ordered", "the first of")."""
        owner = self.force_owner(item)
        if owner is not None and item.doc is not None and self.handed_on(item):
            return None  # "two former US Coast Guard cutters were transferred to Nigeria"
        if owner is not None or item.doc is None:
            return owner
        head = item.doc[item.head]
        # "two German Patriot fire units": a formation of a state's forces, as its warships are
        formation = head.lemma_.lower() in self.lex.formation_nouns
        if item.category not in self.lex.platform_categories and not formation:
            return None  # a weapon, sold wherever it arrives
        words = self.platform_words(head, item)
        if any(t.lower_ in self.lex.civilian_platform_words for t in words):
            return None  # "a Pakistani cargo ship"
        if self.tells_sale(head.sent, words, lots=not formation):  # "the first of two fire units" sells none
            return None
        # a state, or a national body of one ("six jets of the Royal Saudi Air Force")
        owner = next(
            (
                self.country_actor(actor.country) if actor.type == "organization" else actor
                for token in words
                if token.i != item.head and token.dep_ in ("amod", "compound", "poss", "nmod", "pobj")
                for actor in [self.actor_of(token, deep=False)]
                if actor is not None
                and (actor.type == "country" or (actor.type == "organization" and actor.country))
            ),
            None,
        )
        # "the fourth German frigate joins Egypt's fleet": another state's forces joined, a handover
        if owner is not None and any(a.country != owner.country for a in self.forces_joined(head.sent)):
            return None
        return owner

    def vessel_navy(self, item: Item) -> Actor | None:
        """The state whose navy a warship's prefix names ("HMS Diamond" is Britain's)."""
        navies = [self.lex.vessel_navies.get(w) for w in item.name.split()]
        return next((a for n in navies if n and (a := self.country_actor(n)) is not None), None)

    def handed_on(self, item: Item) -> bool:
        """Whether a service's own platform is told as handed on: named as former ("ex-Royal Navy
        minehunters") or in a sentence that transfers, sells or lends it."""
        if self.names_handed_on(self.item_words(item)):
            return True
        assert item.doc is not None
        return any(t.lemma_.lower() in self.lex.handed_on_verbs for t in item.doc[item.head].sent)

    def names_handed_on(self, words: list[Token]) -> bool:
        """Whether words name a platform as handed on ("former", "ex-", "decommissioned")."""
        return any(t.lower_.rstrip("-") in self.lex.handed_on_words for t in words)

    def platform_words(self, head: Token, item: Item) -> list[Token]:
        """The words that may name a platform's state: its own modifiers ("US B-52 bombers") and the force
        it is "of" ("two ships of the Russian Caspian Flotilla")."""
        words = self.item_words(item) + [c for c in head.children if c.dep_ == "nmod"]
        return words + [
            t
            for p in head.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
            for t in o.subtree
        ]

    def tells_sale(self, sent: Span, words: list[Token], lots: bool = True) -> bool:
        """Whether a sentence tells a platform's arrival as a sale: a delivery word, or (with lots) "the
        first" of a lot ("the first Turkish frigates", "the first of four")."""
        if any(
            t.lemma_.lower() in self.lex.delivery_marks or t.lower_ in self.lex.delivery_marks for t in sent
        ):
            return True
        return lots and any(
            t.lower_ == "first" and (t in words or t.nbor(1).lower_ == "of") for t in sent[:-1]
        )

    def forces_joined(self, sent: Span) -> list[Actor]:
        """The states whose forces a sentence says something joins ("joins Egypt's fleet")."""
        return [
            a
            for t in sent
            if t.lemma_.lower() == "join"
            for o in t.children
            if o.dep_ == "dobj"
            for c in o.children
            if c.dep_ in ("poss", "amod", "compound")
            for a in [self.actor_of(c, deep=False)]
            if a is not None and a.type == "country"
        ]

    @staticmethod
    def item_words(item: Item) -> list[Token]:
        """An item's name and the words that modify it ("the Spanish frigate ESPS X", "RAF Typhoons")."""
        if item.doc is None:
            return []
        span = item.doc[item.start : item.end]
        # "RAAF C-130J Hercules": the name may be a compound of the noun that the service modifies
        heads = [t.head for t in span if t.dep_ == "compound" and t.head not in span and t.head.i == span.end]
        # "a Royal Australian Air Force P-8A Poseidon", parsed as the service with the aircraft in apposition
        head = item.doc[item.head]
        named_by = [head.head] if head.dep_ == "appos" and head.head.i == item.start - 1 else []
        return [*span, *named_by] + [
            c
            for t in [*span, *heads, *named_by]
            for c in t.children
            if c.dep_ in ("amod", "compound", "poss") and c not in span
        ]

    def body_actor(self, name: str | None) -> Actor | None:
        """The organisation of that name in the gazetteer (the owner of an EU instrument)."""
        entry = self.gaz.entries.get(f"organization:{name}")
        return Actor(entry.name, "organization", entry.country) if entry is not None else None

    def unplaced(self, actor: Actor) -> bool:
        """A name spaCy calls ORG that no gazetteer knows and no country places: no party."""
        return (
            actor.type == "organization"
            and actor.country is None
            and (actor.mention is None or actor.mention.key is None)
        )

    def actor_of(self, token: Token, deep: bool = True) -> Actor | None:
        """The actor a noun phrase names: its mention, or a country inside it ("Chad's parliament")."""
        mention = self.mention_at(token)
        if mention is not None and mention.form == "dateline":
            # "Lima, June 10 - Chile bought ...": the parse may hang the lead's subject on the place line
            lead = [c for c in token.children if c.dep_ == "appos" and self.mention_at(c) is not mention]
            return self.actor_of(lead[-1], deep) if lead else None
        if mention is not None and self.programme(mention) is not None:
            return None  # "Foreign Military Financing", "OSA": a programme, whose state funds; no side itself
        if mention is not None and mention.type == "organization" and mention.country:
            possessor = self.possessor_state(token)
            if possessor is not None and possessor.country != mention.country:
                return possessor  # "Morocco's Royal Navy": Morocco's own, not the British one of that name
        if mention is not None and mention.type == "person" and not mention.country:
            possessor = self.possessor_state(token)
            if possessor is not None:  # "from France's Piriou": a name of no known state, said to be X's
                return Actor(mention.name, "person", possessor.country, mention)
        if mention is not None and mention.type in ACTOR_TYPES:
            if mention.type == "country":
                entry = self.gaz.country(mention.country)
                return Actor(entry.name if entry else mention.name, "country", mention.country, mention)
            actor = Actor(mention.name, mention.type, mention.country, mention)
            if deep and self.unplaced(actor):
                # "the Air Brigade of the Army of North Macedonia": a unit no gazetteer knows, of a known one
                units = [self.actor_of(o) for o in self.prep_objects(token, "of")]
                return next(
                    (a for a in units if a is not None and a.type in PARTY_TYPES and a.country), actor
                )
            return actor
        if token.lower_ in SPEAKER_PRONOUNS and token.pos_ == "PRON":
            speaker = self.speaker_state(token)  # "'We have received the drones,' the minister said"
            if speaker is not None:
                return speaker
            said, _ = self.reporter(token)
            answer, _ = self.line_speaker(token)
            # "We have signed a contract with Malawi" in a maker's or a ministry's own post: the page's voice
            page = self.page_voice_state(token.doc, makers=True) if not said and not answer else None
            if page is not None:
                return self.country_actor(page)
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            return self.antecedent(token)
        anaphor = self.anaphor_kind(token)
        whose = next((c for c in token.children if c.dep_ == "poss" and c.tag_ == "WP$"), None)
        if anaphor and whose is not None:
            relative = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
            if relative is not None:  # "Switzerland, whose government selected the Gripen": Switzerland's
                return self.actor_of(relative.head, deep)
        if token.lower_ == "kingdom" and any(c.lower_ == "the" for c in token.children):
            kingdom = self.kingdom_before(token)  # "sell jets to the kingdom": the monarchy named before
            if kingdom is not None:
                return kingdom
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if anaphor and token.pos_ == "NOUN" and owner is not None and owner.lower_ in PERSONAL_POSSESSIVES:
            # "his country", "our army": the state of the person who speaks or is spoken of
            state = (
                self.speaker_state(owner)
                if owner.lower_ in SPEAKER_PRONOUNS
                else self.person_state(self.antecedent(owner, "person"))
            )
            if state is not None:
                return state
        if anaphor == "service":
            # "the service confirmed": the armed service named last before, else the story's state
            named = self.service_named_before(token)
            if named is not None:
                return named
            anaphor = "focus"
        if (
            anaphor == "body"
            and token.pos_ == "NOUN"
            and not any(self.mention_at(c) is not None for c in token.subtree if c.i != token.i)
        ):
            named = self.body_named_before(token)  # "the ministry": the one named so in its paragraph
            if named is not None:
                return named
        if anaphor in ("focus", "country"):
            named_state = self.state_named_with(token, anaphor)
            if named_state is not None:
                return named_state
        owners = [self.mention_at(c) for c in token.children if c.dep_ == "poss"]
        if anaphor == "focus" and any(m is not None and m.type == "person" and not m.country for m in owners):
            # "Eduard Heger's caretaker cabinet": a leader of no named state heads the story state's
            return self.focus_country(token)
        if anaphor == "country" and token.lemma_.lower() not in self.lex.anaphoric_nouns:
            # "a European Union member state": one of the union's states, the one named before
            return self.antecedent(token, anaphor)
        if (
            anaphor
            and anaphor != "body"  # "the ministry" named so in no paragraph before is read as any noun
            and token.pos_ in ("NOUN", "PROPN")  # "the company", "the Army" (capitalised by house style)
            and any(c.lower_ in ("the", "this", "his", "her", "its", "their", "our") for c in token.children)
            and not any(
                self.mention_at(c) is not None
                for c in token.children
                if c.dep_ in ("amod", "compound", "nmod", "poss") and c.pos_ != "PRON"
            )
        ):
            return self.antecedent(token, anaphor)  # "the company", "the military"; not "the Peruvian navy"
        if not deep or token.pos_ not in ("NOUN", "PROPN"):
            return None
        leader = self.leading_state(token)
        if leader is not None:
            return leader  # "the Saudi-led coalition", "a French-led force": its leader's
        works = self.works_state(token)
        if works is not None:
            # "from the Airbus plant in Seville": the state the works stand in, not the company's seat
            return self.country_actor(works)
        counterpart = token.lemma_.lower() in self.lex.counterpart_nouns

        def order(child: Token) -> int:  # a nationality on the noun before its possessor
            return 0 if child.dep_ in ("amod", "compound", "nmod") else 1

        for child in sorted(token.children, key=order):
            if counterpart and child.dep_ == "poss" and child.pos_ == "PRON":
                continue  # "his counterpart" is the other side, not his
            if child.dep_ in ("poss", "amod", "compound", "nmod", "det") or (
                child.dep_ == "prep" and child.lower_ == "of"
            ):
                targets = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
                for target in targets:
                    # "of X", and a chain of name modifiers ("Dutch Patriot units"), are looked into
                    nested = child.dep_ == "prep" or (child.dep_ == "compound" and child.pos_ == "PROPN")
                    found = self.actor_of(target, deep=nested)
                    if found is None:
                        continue
                    if self.unplaced(found):
                        continue  # an unplaced name inside the phrase: keep looking for the country
                    if (
                        found.type == "organization"
                        and not found.country
                        and child.dep_ in ("amod", "compound", "nmod")
                        and token.lemma_.lower() in self.lex.membership_nouns
                    ):
                        continue  # "a European NATO customer": a member left unnamed, not the alliance
                    if found.type in PARTY_TYPES:
                        return found
                    if found.type == "person" and found.country:
                        return found.as_party(self.gaz)
        for child in token.children:  # "Minister of Defence Jane Doe": the person named
            if child.dep_ in ("compound", "appos"):
                inner = self.mention_at(child)
                if inner is not None and inner.type == "person":
                    return Actor(inner.name, "person", inner.country, inner)
                # "the Istanbul shipyard Dearsan": a body of a known state named next to the common noun
                if (
                    inner is not None
                    and inner.type in ("company", "organization", "armed_group")
                    and inner.country
                    and child.dep_ == "appos"
                    and child.i == token.i + 1
                ):
                    return Actor(inner.name, inner.type, inner.country, inner)
        return None

    def state_named_with(self, token: Token, anaphor: str) -> Actor | None:
        """The state a home-forces or country noun names with itself: by a possessive ("Afghanistan's Taliban
        authorities"), a pronoun ("Rwanda's government says its forces"), a place ("the authorities in
        Niger", not "French forces in Mali") or an "of" ("the neighbouring country of Uzbekistan", "the
        Government of the People's Republic of China")."""
        # "of": "the neighbouring country of Uzbekistan", "the Government of the People's Republic of China"
        owners = [self.mention_at(p) for p in self.prep_objects(token, "of")]
        owner_state = next((m for m in owners if m is not None and m.type == "country"), None)
        if anaphor == "country" or owner_state is not None:
            return self.actor_for_mention(owner_state) if owner_state is not None else None
        possessor = self.possessor_state(token)
        if possessor is not None:
            return possessor
        pronoun = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        referent = self.antecedent(pronoun) if pronoun is not None else None
        if referent is not None and referent.country:
            return referent.as_party(self.gaz)
        named = [
            m
            for c in token.children
            if c.dep_ in ("amod", "compound", "nmod") and (m := self.mention_at(c)) is not None
        ]
        places = [self.mention_at(p) for p in self.prep_objects(token, "in")]
        place = next((m for m in places if m is not None and m.type == "country"), None)
        return self.actor_for_mention(place) if place is not None and not named else None

    def leading_state(self, token: Token) -> Actor | None:
        """The state a body is said to be led by ("the Saudi-led coalition", "the US-led mission")."""
        for led in (c for c in token.children if c.dep_ == "amod" and c.lower_ == "led"):
            for child in led.children:
                mention = self.mention_at(child)
                if mention is not None and mention.type == "country" and mention.country:
                    return self.country_actor(mention.country)
        return None

    def anaphor_kind(self, token: Token) -> str | None:
        """What a noun that refers back stands for ("the company": a company), by its lemma or with its
        compound ("the Air Force": the story's state)."""
        lemma = token.lemma_.lower()
        # the lexicon's plural-only words ("authorities") as written, the rest by lemma
        kinds = [lemma, token.lower_] + [
            f"{c.lower_} {lemma}" for c in token.children if c.dep_ == "compound"
        ]
        kind = next((self.lex.anaphoric_nouns[k] for k in kinds if k in self.lex.anaphoric_nouns), None)
        if kind == "service" and not (token.pos_ == "NOUN" and all(c.dep_ == "det" for c in token.children)):
            return None  # only the bare word: not "his press service", "the press service of X"
        return kind

    def possessor_state(self, token: Token) -> Actor | None:
        """The state a phrase is said to belong to by a possessive ("Morocco's Royal Navy")."""
        for child in token.children:
            owner = self.mention_at(child) if child.dep_ == "poss" else None
            if owner is not None and owner.type == "country":
                return self.country_actor(owner.country)
        return None

    def entry_of(self, mention: Mention | None) -> Entry | None:
        """The gazetteer entry a mention names, if it names one."""
        return self.gaz.entries.get(mention.key) if mention is not None and mention.key else None

    def programme(self, mention: Mention) -> Entry | None:
        """The entry of an aid or sales programme the mention names ("Foreign Military Financing")."""
        entry = self.entry_of(mention)
        return entry if entry is not None and (entry.kind or "").endswith("_programme") else None

    def names_pair(self, verb: Token) -> bool:
        """ "the two sides", "both countries", "the ministers": a subject naming the two sides just named."""
        return any(
            self.names_two(subject, the_plural=True, signing=True) for subject in self.subject_of(verb)
        )

    def names_two(self, noun: Token, the_plural: bool = False, signing: bool = False) -> bool:
        """A pair noun naming the two sides just named ("the two navies", "both countries"; with the_plural,
        "the ministers" too), not one of them ("the Kazakh side")."""
        if noun.lower_ in ("two", "both") and noun.dep_ in ("nsubj", "nsubjpass"):
            # "when the two met", "both agreed": the numeral standing alone for the pair
            return noun.lower_ == "both" or any(c.lower_ == "the" for c in noun.children)
        nouns = self.lex.pair_nouns | self.lex.signing_pair_nouns if signing else self.lex.pair_nouns
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
            return False
        if any(self.mention_at(c) is not None for c in noun.children):
            return False
        if any(self.mention_at(o) is not None for o in self.prep_objects(noun, "of")):
            return False  # "the two defence ministries of Kazakhstan and the United Kingdom" name their pair
        marks = {c.lower_ for c in noun.children if c.dep_ in ("nummod", "det", "predet")}
        return bool(marks & {"two", "both"}) or (the_plural and "the" in marks and noun.tag_ == "NNS")

    @staticmethod
    def mentions_back(token: Token) -> list[Mention]:
        """The mentions before the word in its sentence and the two before it, the latest first (a paragraph
        number, "3.", or a blank line is no sentence here)."""
        doc = token.doc
        start = token.sent.start
        counted = 0
        while counted < 2 and start > 0:
            sent = doc[start - 1].sent
            start = sent.start
            counted += any(t.is_alpha for t in sent)
        return list(reversed(mentions_in(doc, start, token.i)))

    def pair_before(self, token: Token) -> list[Actor]:
        """The two states named last before the word (by a country, or a person of a state), in its sentence
        or the two before."""
        states: list[Actor] = []
        for mention in self.mentions_back(token):
            if mention.type in ("country", "person") and mention.country and mention.form != "dateline":
                actor = self.country_actor(mention.country)
                if actor is not None and all(s.country != actor.country for s in states):
                    states.append(actor)
            if len(states) == 2:
                break
        return list(reversed(states)) if len(states) == 2 else []

    def kingdom_before(self, token: Token) -> Actor | None:
        """The latest country named before the word that is a kingdom by its official name."""
        starts, ordered = mention_index(token.doc)
        for at in range(bisect_left(starts, token.i) - 1, -1, -1):
            mention = ordered[at]
            entry = self.gaz.country(mention.country) if mention.type in ("country", "person") else None
            if entry is not None and any(
                a.lower().startswith(("kingdom of", "hashemite kingdom")) for a in entry.aliases
            ):
                return Actor(
                    entry.name, "country", entry.country, mention if mention.type == "country" else None
                )
        return None

    def service_named_before(self, token: Token) -> Actor | None:
        """The state of the armed service named last before the word in its paragraph ("The Royal Thai Air
        Force has signed ..., the service confirmed")."""
        return self.organization_named_before(token, self.lex.armed_service_words)

    def body_named_before(self, token: Token) -> Actor | None:
        """The state of the body a definite noun names again in its paragraph ("Estonia's defence ministry
        denied a report ... The ministry has donated howitzers"): the latest body named with that noun."""
        return self.organization_named_before(token, frozenset({token.lemma_.lower()}))

    def organization_named_before(self, token: Token, last_words: frozenset[str]) -> Actor | None:
        """The state of the latest organisation of a known state named before the word in its paragraph
        whose name ends in one of these words (by lemma)."""
        doc = token.doc
        starts, ordered = mention_index(doc)
        paragraph = line_start(doc, token.i)
        for at in range(bisect_left(starts, token.i) - 1, -1, -1):
            m = ordered[at]
            if m.start < paragraph:
                return None  # another paragraph, another item of a page of briefs
            if m.type == "organization" and m.country and doc[m.end - 1].lemma_.lower() in last_words:
                return self.country_actor(m.country)
        return None

    def antecedent(self, token: Token, want: str | None = None) -> Actor | None:
        """The actor (of that type) a pronoun or definite noun ("the company") points back to. A possessive
        can point inside its own sentence; otherwise the subject of a recent sentence wins over whatever was
        named last."""
        doc = token.doc
        if want is None and token.lower_ in ("he", "she", "his", "her"):
            want = "person"
        if want == "group":  # "the group": a company group or an armed group
            wanted: tuple[str, ...] = ("company", "armed_group")
        elif want:
            wanted = (want,)
        else:
            wanted = ("country", "company", "armed_group", "organization")

        def eligible(m: Mention) -> bool:
            return (
                m.type in wanted
                and m.form not in ("demonym", "dateline")
                and (m.type != "organization" or bool(m.country) or m.key is not None)
            )

        inside = [m for m in mentions_in(doc, token.sent.start, token.i) if eligible(m)]
        if token.dep_ == "poss" and inside:
            return self.actor_for_mention(inside[-1])
        if token.dep_ == "nsubj" and token.head.dep_ == "relcl" and token.pos_ == "PRON":
            # "X, Y's partner, flies TB2s of its own, which it received from Turkey": the relative clause's
            # "it" is the subject of the clause its noun belongs to, not a state named inside that subject
            verb = token.head.head
            while verb.dep_ in ("pobj", "prep", "dobj", "conj", "appos") and verb.head.i != verb.i:
                verb = verb.head
            for subject in self.subject_of(verb) if verb.pos_ in ("VERB", "AUX") else []:
                mention = self.mention_at(subject)
                if mention is not None and eligible(mention) and subject.i < token.i:
                    return self.actor_for_mention(mention)
        subjects_before = [m for m in inside if self.in_subject(doc[m.start : m.end].root)]
        if subjects_before:
            return self.actor_for_mention(subjects_before[-1])
        if want == "focus":
            # "the Estonian army said ... the army has donated": the force its paragraph named so before
            named = self.body_named_before(token)
            if named is not None:
                return named
            # "The General Staff of the Armed Forces of Ukraine reported that the Air Force had used ...": a
            # military body telling of "the Air Force" tells of its own state's
            _, speaker = self.reporter(token)
            own = next(
                (
                    m.country
                    for t in (speaker.subtree if speaker is not None else ())
                    for m in [self.mention_at(t)]
                    if m is not None
                    and m.type == "organization"
                    and m.country
                    and getattr(self.entry_of(m), "kind", None) == "military"
                ),
                None,
            )
            if own is not None:
                return self.country_actor(own)
            # "The Finnish guns came from abroad. The Defence Forces bought them from Korea": the state the
            # sentence before names in its subject
            told = self.subject_state_before(token)
            # not the other side the sentence names itself
            if told is not None and all(
                m.country != told.country for m in mentions_in(doc, token.sent.start, token.sent.end)
            ):
                return told
            # "the air force took delivery of jets retired by the Spanish Air Force": not the other force's
            forces = {
                m.country
                for m in mentions_in(doc, token.sent.start, token.sent.end)
                if m.type == "organization"
                and m.country
                and getattr(self.entry_of(m), "kind", None) == "military"
            }
            return self.focus_country(token, besides=forces.pop() if len(forces) == 1 else None, placed=True)
        if want in ("company", "country", "group") and token.pos_ == "NOUN":
            # "X signed a deal with Y. The country also bought ...": the last sentence's subject first
            previous = sentence_before(token)
            if previous is not None:
                # "The Kyrgyz army has Turkish drones. In 2021 the republic bought ...": a nationality in that
                # subject names its state
                subjects = [
                    m
                    for m in mentions_in(doc, previous.start, previous.end)
                    if (eligible(m) or (want == "country" and m.type == "country" and m.form == "demonym"))
                    and self.in_subject(doc[m.start : m.end].root)
                ]
                if subjects:
                    return self.actor_for_mention(subjects[0])
            # "the company said": the salient one named last, however far back
            starts, ordered = mention_index(doc)
            for at in range(bisect_left(starts, token.i) - 1, -1, -1):
                if eligible(ordered[at]):
                    return self.actor_for_mention(ordered[at])
            # "the country's forces" with no state named before: the page's own (a state outlet's masthead)
            return self.focus_country(token) if want == "country" else None
        if want == "person":  # "the X defence minister said that he ...": the speaker the clause hangs on
            _, speaker = self.reporter(token, before=True)
            found = self.actor_of(speaker) if speaker is not None else None
            if found is not None:
                return found
        sent = token.sent
        for _ in range(2):
            if sent.start == 0 or "\n\n" in doc[sent.start - 1].text_with_ws:
                break
            sent = doc[sent.start - 1].sent
            in_sent = [m for m in mentions_in(doc, sent.start, sent.end) if eligible(m)]
            if want == "person":  # "... the policy of President X ...," he said: a name the quote gives
                in_sent = [m for m in in_sent if not quoted_at(doc, m.start_char)]
            if not in_sent:
                continue
            subjects = [m for m in in_sent if self.in_subject(doc[m.start : m.end].root)]
            return self.actor_for_mention(subjects[0] if subjects else in_sent[-1])
        return None

    def official_state(self, actor: Actor, parties: list[Actor], token: Token) -> Actor:
        """An official named with no state opposite one state's ("signed by Defence Minister General X and
        Malaysian Defence Minister Y") acts for the state the story is about, when that is not the other's."""
        if actor.type != "person" or actor.country or actor.mention is None or not actor.mention.role:
            return actor
        others = {p.country for p in parties if p is not actor and p.country}
        if len(others) != 1:
            return actor  # alone, he may be any state's ("Prime Minister X's government has not signed it")
        focus = self.focus_country(token, besides=next(iter(others)))
        return focus if focus is not None and focus.country not in others else actor

    def subject_state_before(self, token: Token) -> Actor | None:
        """The one state the sentence before, in one paragraph, names in its subject ("The Finnish guns")."""
        doc = token.doc
        previous = sentence_before(token)
        if previous is None:
            return None
        states = set()
        for m in mentions_in(doc, previous.start, previous.end):
            root = doc[m.start : m.end].root
            # "The Finnish guns", "Finland's guns", "Finland"; not "a design by Germany's Luerssen", nor a
            # maker of the state ("Germany's Diehl Defence is to hand over")
            subject = root.head if root.dep_ in ("amod", "compound", "poss", "nmod") else root
            owned = subject.i != root.i and self.mention_at(subject) is not None
            if m.type == "country" and m.country and subject.dep_ in ("nsubj", "nsubjpass") and not owned:
                states.add(m.country)
        return self.country_actor(states.pop()) if len(states) == 1 else None

    def focus_country(self, token: Token, besides: str | None = None, placed: bool = False) -> Actor | None:
        """ "the military", "the government", "the junta": the country the article is about so far (named most
        often before the phrase, other than `besides`, or in the whole article when none is named twice before
        it; of equals, the one named more as a subject, then the latest); when none is, and the phrase is
        `placed` (a body of the story's own state), the dateline's state."""
        starts, ordered = mention_index(token.doc)
        counts: dict[str, int] = {}
        subjects: dict[str, int] = {}
        last: dict[str, int] = {}
        before = bisect_left(starts, token.i)
        seen = list(range(before))
        if self.weakly_named(ordered[:before], besides):
            # "The Air Corps took delivery of its third C295, ordered from the Spanish-built line": an article
            # that names no state more than once before the phrase is about the one it names most overall
            # (those named before counted twice)
            seen += (at for at in range(len(ordered)) if not self.counterpart_after(ordered[at], token))
        for at in seen:
            m = ordered[at]
            if self.names_a_city_state(m, token.doc):
                continue  # "in Kielce, Poland": the city's state, named once
            state = self.state_named(m) or self.masthead_state(m, token.doc)
            # "Hungarian soldiers arrived in the capital": not Hungary's
            if state is not None and state != besides and m.form != "dateline":
                counts[state] = counts.get(state, 0) + 1
                # of equals, the one named as a subject: "Argentina signed for F-16s from Denmark"
                subjects[state] = subjects.get(state, 0) + self.in_subject(token.doc[m.start : m.end].root)
                last[state] = at
        if not counts and placed:
            # "NASSAU -- The government has agreed to sell two patrol boats to X": the government, the army,
            # with no other state to go by, are the dateline's
            states = (self.state_named(m) for m in ordered[:before] if m.form == "dateline")
            datelined = next((state for state in states if state), None)
            if datelined:
                return self.country_actor(datelined) if datelined != besides else None
        if not counts:
            return self.groups_home(ordered, besides)
        best = max(counts, key=lambda iso3: (counts[iso3], subjects[iso3], last[iso3]))
        return self.country_actor(best)

    def groups_home(self, mentions: list[Mention], besides: str | None) -> Actor | None:
        """ "an Army patrol clashed with the MPCP" in an article naming no state: the state where every armed
        group it names is based (none when they are based apart or nowhere)."""
        homes = {m.country for m in mentions if m.type == "armed_group"}
        if len(homes) != 1:
            return None
        home = homes.pop()
        return self.country_actor(home) if home and home != besides else None

    def names_a_city_state(self, mention: Mention, doc: Doc) -> bool:
        """Whether a state is named after a comma as the state of the place before it ("Kielce, Poland")."""
        if mention.type != "country" or mention.start < 2 or doc[mention.start - 1].text != ",":
            return False
        place = self.mention_at(doc[mention.start - 2])
        return place is not None and place.type == "location" and place.country == mention.country

    @staticmethod
    def counterpart_after(mention: Mention, token: Token) -> bool:
        """ "The government agreed to sell two boats to Antigua": a state named later in the phrase's own
        sentence, after "to", "for" or "with", is the other side, never the one the phrase stands for."""
        if not (token.i < mention.start < token.sent.end):
            return False
        root = token.doc[mention.start : mention.end].root
        return root.dep_ == "pobj" and root.head.lower_ in ("to", "for", "with")

    def state_named(self, mention: Mention) -> str | None:
        """The state a mention names, as itself, its bodies or its people ("SIPRI", a Swedish think tank,
        speaks for no state; "Foreign Military Financing" is a programme, no body)."""
        # a city or region counts for its state too: "Rio de Janeiro", "Sete Lagoas" tell a Brazilian story
        if not mention.country or mention.type not in ("country", "organization", "person", "location"):
            return None
        entry = self.entry_of(mention) if mention.type == "organization" else None
        if entry is not None and (entry.kind in self.lex.independent_bodies or self.programme(mention)):
            return None
        return mention.country

    @staticmethod
    def masthead_state(mention: Mention, doc: Doc) -> str | None:
        """A state outlet's name on the page's first line ("Kazakhstanskaya Pravda | Defence"): its state,
        of whose armed forces a page that says "the country's" speaks."""
        if mention.type != "media" or not mention.state_affiliated:
            return None
        on_first_line = not any("\n" in t.text_with_ws for t in doc[: mention.start])
        return mention.country if on_first_line else None

    def page_voice_state(self, doc: Doc, makers: bool = False) -> str | None:
        """The state whose ministry or armed force (with makers, or company) publishes the page, named in its
        headline or masthead ("Russian Defence Ministry report ...", "MINISTRY OF DEFENCE OF ...", a maker's
        name atop its post): the page speaks for it."""
        breaks = []
        for t in doc:  # the fifth line's end; a long article is not read to its end for it
            if "\n" in t.text_with_ws:
                breaks.append(t.i)
                if len(breaks) == 5:
                    break
        limit = breaks[-1] if breaks else len(doc)
        for m in mention_index(doc)[1]:
            if m.start > limit:
                return None
            kind = getattr(self.entry_of(m), "kind", None) if m.type == "organization" else None
            start, end = line_start(doc, m.start), line_end(doc, m.start)
            # a headline or masthead line, not the lead's sentence
            heading = end - start < 24 and doc[end].text != "."
            if m.country and heading and (kind in ("military", "agency") or (makers and m.type == "company")):
                return m.country
        return None

    def weakly_named(self, mentions: list[Mention], besides: str | None) -> bool:
        """No state is named more than once among the mentions (other than `besides`)."""
        counts: dict[str, int] = {}
        for m in mentions:
            state = self.state_named(m)
            if state is not None and state != besides:
                counts[state] = counts.get(state, 0) + 1
        return max(counts.values(), default=0) < 2

    @staticmethod
    def in_subject(token: Token) -> bool:
        node = token
        for _ in range(4):
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if (
                node.dep_ not in ("compound", "poss", "conj", "appos", "amod", "nmod")
                or node.head.i == node.i
            ):
                return False
            node = node.head
        return False

    def with_conjuncts(self, token: Token) -> list[Token]:
        """The token and its nominal conjuncts ("Peru and Chile")."""
        out = [token]
        for child in token.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.extend(self.with_conjuncts(child))
            elif child.dep_ == "appos" and child.ent_type_ in PERSON_LABELS:
                # "Norway's minister Tore Sandvik and Denmark's minister Troels Poulsen": the parser hangs the
                # second title on the first one's name
                out.extend(
                    t
                    for c in child.children
                    if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                    for t in self.with_conjuncts(c)
                )
        return out

    def with_conjuncts_any(self, token: Token) -> list[Token]:
        out = [token]
        for child in token.children:
            if child.dep_ == "conj":
                out.extend(self.with_conjuncts_any(child))
        return out

    def actors_of(self, token: Token) -> list[Actor]:
        found: list[Actor | None] = [self.actor_of(t) for t in self.with_conjuncts(token)]
        first = found[0] if found else None
        if token.pos_ == "PRON" and token.lower_ in PLURAL_PRONOUNS and first is not None:
            # "Denmark, Norway and Sweden said they would together finance": each state the list names
            found = [*self.listed_with(first, token.doc)] or found
        for child in token.children:  # "Peruvian and Chilean navies": each nationality is a party
            if child.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in child.children):
                for modifier in self.with_conjuncts_any(child):
                    mention = self.mention_at(modifier)
                    if mention is not None and mention.type == "country":
                        found.append(self.actor_for_mention(mention))
        if token.tag_ == "NNS" and self.mention_at(token) is None:
            # "the defence ministers of Turkey, Azerbaijan and Georgia": each state the list after "of" names
            for owner in self.prep_objects(token, "of"):
                listed = [self.mention_at(t) for t in self.with_conjuncts(owner)]
                states = [m for m in listed if m is not None and m.type == "country"]
                if len(states) > 1:
                    found += [self.actor_for_mention(m) for m in states]
        return [a for a in found if a is not None]

    def pair_named_before(self, token: Token) -> list[Actor]:
        """The two states "the two navies" or "both sides" refer back to ("the two navies held their INDRA
        exercise", "special forces from both sides", "troops of the two armies"): the two named last before
        it."""
        if token.tag_ == "NNS" and self.names_two(token):
            return self.pair_before(token)
        forces = self.lex.personnel_nouns | self.lex.military_words | self.lex.facility_nouns
        if token.lemma_.lower() not in forces:
            return []  # "the commanders of the two navies" signing: the pair the deal names, not this one
        owners = [o for o in self.prep_objects(token, "of") if o.tag_ == "NNS" and self.names_two(o)]
        return self.pair_before(owners[0]) if owners else []

    def listed_with(self, actor: Actor, doc: Doc) -> list[Actor]:
        """The states named in one list with an actor's mention ("Denmark, Norway and Sweden"), itself
        included; empty when it was named alone."""
        if actor.mention is None or actor.type != "country":
            return []
        root = doc[actor.mention.start : actor.mention.end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        listed = [
            self.actor_for_mention(m)
            for t in self.with_conjuncts(root)
            for m in [self.mention_at(t)]
            if m is not None and m.type == "country" and m.form != "dateline"
        ]
        return listed if len(listed) > 1 else []

    def affiliation(self, token: Token) -> bool:
        """A demonym that says whose person or body is meant ("the X foreign minister", "X officials")."""
        head = token.head
        mention = self.mention_at(head)
        return (
            (mention is not None and mention.type in ("person", "organization", "media"))
            or head.lower_ in self.lex.title_words
            or head.lemma_.lower() in self.lex.source_nouns
        )

    def parties_of(self, token: Token, lenders: bool = False) -> list[Actor]:
        """Actors that can supply, receive, fund, send or fight: states, bodies, companies, armed groups
        (a person counts for their country; a person of unknown country does not count)."""
        out: list[Actor] = []
        for actor in self.actors_of(token):
            party = actor.as_party(self.gaz)
            if self.unplaced(party) and not (
                lenders and self.lex.lender_words & {t.lower_ for t in token.subtree}
            ):
                continue
            if party.type in PARTY_TYPES:
                out.append(party)
        return out

    def home_force(self, token: Token) -> Actor | None:
        """A force or state body named with no state ("to the border troops", "destined for the Air Corps",
        "the interior ministry handed over"): the state the article is about."""
        if self.parties_of(token) or token.lemma_.lower() not in self.lex.force_nouns:
            return None
        return self.focus_country(token)

    @staticmethod
    def modified_by(token: Token, words: frozenset[str], deps: tuple[str, ...] = ("amod",)) -> bool:
        """Whether a modifier of the word is one of the words ("no new deployment", "light attack", "a press
        conference"), read as written in lower case."""
        return any(c.dep_ in deps and c.lower_ in words for c in token.children)

    def acted_for(self, sent: Span) -> list[Actor]:
        """Whom the sentence says someone acts or signs "on behalf of" ("on behalf of Namibia by Mr. X",
        "NSPA, acting on behalf of Belgium and the Netherlands")."""
        return [
            a
            for t in sent
            if t.lower_ == "behalf" and t.head.lower_ == "on"
            for o in self.prep_objects(t, "of")
            for a in self.parties_of(o)
        ]

    def distinct_parties(self, actors: list[Actor], people: bool = True) -> list[Actor]:
        out: list[Actor] = []
        seen: set[str] = set()
        for actor in actors:
            party = actor.as_party(self.gaz)
            if party.type == "media" or (party.type == "person" and not people):
                continue
            if self.unplaced(party):
                continue
            if party.name not in seen:
                seen.add(party.name)
                out.append(party)
        return out

    def sentence_actors(self, sent: Span) -> list[Mention]:
        return [
            m
            for m in mentions_in(sent.doc, sent.start, sent.end)
            if m.type in ("country", "organization", "company", "armed_group", "person")
        ]

    # ---- grammatical relations ------------------------------------------------------------------------
    @staticmethod
    def verbs_between(trigger: Token, head: int, limit: int = 6) -> list[Token]:
        """The verbs on the way up from a word to the trigger that governs it (none when it does not)."""
        node = trigger.doc[head]
        found: list[Token] = []
        for _ in range(limit):
            if node.head.i == trigger.i:
                return found
            if node.head.i == node.i:
                return []
            node = node.head
            if node.pos_ == "VERB":
                found.append(node)
        return []

    def reduced_relative_subject(self, verb: Token) -> list[Token]:
        """ "the jets X bought from Y", parsed as X in apposition to the jets and the verb on the jets."""
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if (
            verb.dep_ in ("acl", "relcl")
            and verb.tag_ == "VBD"
            and before is not None
            and before.dep_ == "appos"
            and before.head.i == verb.head.i
            and self.actor_of(before) is not None
        ):
            return [before]
        return []

    @staticmethod
    def stranded_subject(verb: Token) -> Token | None:
        """ "As part of the partnership between Belgium and Benin, Belgian Defence today handed over ...":
        the parse may hang the verb's subject on the opening phrase's list; the name right before the verb,
        after a comma, is its subject."""
        if verb.pos_ != "VERB" or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children
        ):
            return None
        at = verb.i - 1
        while (
            at >= 0
            and verb.doc[at].dep_ in ("advmod", "npadvmod", "aux", "neg")
            and verb.doc[at].head == verb
        ):
            at -= 1
        if at < 1:
            return None
        noun = verb.doc[at]
        return (
            noun
            if noun.dep_ == "conj"
            and noun.pos_ in ("NOUN", "PROPN")
            and verb in noun.ancestors
            and verb.doc[noun.left_edge.i - 1].text == ","
            else None
        )

    def subject_of(self, trigger: Token) -> list[Token]:
        """The grammatical subject, climbing through xcomp, conj and relative clauses ("X was ready to
        buy", "X, which bought ...")."""
        token = trigger
        came_by_xcomp = False
        for _ in range(4):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
            if (
                subjects
                and token.dep_ == "relcl"
                and token.tag_ not in ("VBZ", "VBP")  # "Hanwha, which provides the radar": a standing role
                and all(s.tag_ in ("WDT", "WP") for s in subjects)
            ):
                # "Malaysia, which signed for 18 jets": the noun the clause is about, which the parse may
                # hang on the phrase above it ("revenue from Malaysia, which signed")
                doc = token.doc
                before = subjects[0].i - 1
                if before > 0 and doc[before].text == ",":
                    before -= 1
                if (
                    self.actor_of(token.head) is None
                    and before >= 0
                    and self.actor_of(doc[before]) is not None
                ):
                    return [doc[before]]
                return [token.head]
            if subjects:
                return subjects
            agents = self.agent_of(token)
            if agents:
                return agents
            stranded = self.stranded_subject(token)
            if stranded is not None:
                return [stranded]
            passive = self.passive_subject(token)
            if passive:
                # a raising verb's subject is the subject below it ("X is expected to provide"); the passive
                # subject of the trigger itself is what was moved, not who moved it
                return passive if came_by_xcomp else []
            came_by_xcomp = (
                token.dep_ == "xcomp"
                or (
                    # "X had been selected over Y to supply frigates": the one chosen supplies
                    token.dep_ == "advcl"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                    and self.lex.is_choice_verb(token.head.lemma_)
                )
                # "the contingent was farewelled before departing for Honiara": the one farewelled departs
                or (token.dep_ == "pcomp" and token.head.lower_ in ("before", "after", "upon"))
                or (came_by_xcomp and token.dep_ == "prep" and token.lower_ in ("before", "after", "upon"))
            )
            to_infinitive = token.dep_ == "acl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children
            )
            owner = [c for c in token.head.children if c.dep_ == "poss"] if to_infinitive else []
            if owner and token.head.pos_ == "NOUN":
                return owner  # "Morocco's decision to buy HIMARS launchers": Morocco buys
            if to_infinitive and token.head.pos_ == "NOUN" and token.head.dep_ in ("dobj", "pobj"):
                token = self.light_verb(token.head) or token.head.head  # "signed a deal to buy"
                continue
            if (
                token.dep_ == "acl"
                and token.head.dep_ == "ROOT"
                and token.head.pos_ == "PROPN"
                and token.i > token.head.i + 1
                and token.doc[token.i - 1].text == ","
                and not self.agent_of(token)
            ):
                # "Greece, the rival ..., signed for jets": the main verb the parse hung on its own subject
                return [token.head]
            if (
                token.dep_ == "acl"
                and token.head.dep_ == "ROOT"
                and token.head.pos_ in ("NOUN", "PROPN")
                and token.i == token.head.i + 1
                and not self.agent_of(token)
                and self.actor_of(token.head) is not None
            ):
                # "Lebanon's defence minister signed in Paris for ...": a sentence with no verb but this one,
                # which the parse took for a participle on its subject
                return [token.head]
            if (
                token.dep_ in ("relcl", "acl")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                and token.head.pos_ == "NOUN"
                and self.actor_of(token.head) is None
            ):
                # "Copenhagen was among the first capitals to give F-16s", "X was the only state to send
                # troops": the one the copula says it is did it
                noun = (
                    token.head.head
                    if token.head.dep_ == "pobj" and token.head.head.lower_ == "among"
                    else token.head
                )
                if noun.dep_ in ("attr", "prep") and noun.head.lemma_ == "be":
                    token = noun.head
                    continue
            if token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN"):
                reduced = self.reduced_relative_subject(token)
                if reduced:
                    return reduced
                if (
                    token.dep_ == "acl"
                    and (
                        token.tag_ in ("VBD", "VBN")
                        # "Turkish drones shooting MAM-L missiles": weapons doing what their users do
                        or token.head.ent_type_ == "AW_WEAPON"
                        or token.head.lemma_.lower() in self.lex.generic_item_ends
                    )
                    and token.head.dep_ != "pobj"
                    and any(c.dep_ == "dobj" for c in token.children)
                    and not self.agent_of(token)
                    and self.actor_of(token.head) is not None
                ):
                    # "the Danish defence donated ... its 19 Caesar pieces to Ukraine": a past participle
                    # with an object of its own is the parse's misreading of its noun's own verb
                    return [token.head]
                return (
                    [token.head]
                    if token.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in token.children)
                    else []
                )
            if (
                token.dep_ == "pcomp"
                and token.head.dep_ == "prep"
                and token.head.head.lemma_ in ("accuse", "blame", "suspect", "charge")
            ):
                return [c for c in token.head.head.children if c.dep_ == "dobj"]
            if token.dep_ == "pcomp" and token.head.lower_ == "for":
                # "Russia criticised Turkey for selling drones", "thanked Pakistan for supplying": the one
                # blamed or thanked did it
                doers = [
                    c for c in token.head.head.children if c.dep_ == "dobj" and self.actor_of(c) is not None
                ]
                if doers:
                    return doers
            if token.dep_ == "pobj" and trigger.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "AUX"):
                # "North Korea received jets in return for sending troops": the gerund's doer is the
                # subject of the verb its phrase hangs on
                token = token.head.head
                continue
            if token.dep_ in ("xcomp", "acomp", "conj", "advcl", "pcomp", "prep", "dobj", "attr"):
                if token.dep_ in ("xcomp", "advcl"):
                    # "give X money to buy radars": the one given to is the one who buys
                    objects = [
                        c
                        for c in token.head.children
                        if c.dep_ in ("dobj", "dative") and self.actor_of(c) is not None
                    ]
                    if objects and (
                        token.head.lemma_ in self.lex.enabling_verbs
                        or token.head.lemma_.lower() in self.lex.financing_verbs
                    ):
                        return objects
                token = token.head
                continue
            break
        return []

    @staticmethod
    def passive_subject(token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ == "nsubjpass"]

    @staticmethod
    def agent_of(token: Token) -> list[Token]:
        return [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]

    @staticmethod
    def agent_of_noun(noun: Token) -> list[Token]:
        return [
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in c.children
            if p.dep_ == "pobj"
        ]

    @staticmethod
    def noun_lemma(token: Token) -> str:
        """A noun's lemma in lower case, where spaCy's is wrong for our words ("bases" is no plural of
        "basis" here)."""
        lemma = token.lemma_.lower()
        return "base" if lemma == "basis" and token.lower_ == "bases" else lemma

    @staticmethod
    def prep_objects(token: Token, *preps: str) -> list[Token]:
        out: list[Token] = []
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                out.extend(c for c in child.children if c.dep_ == "pobj")
                # "stationed at the air base and in the capital": a second preposition joined to the first
                out.extend(
                    c
                    for conj in child.children
                    if conj.dep_ == "conj" and conj.pos_ == "ADP" and conj.lower_ in preps
                    for c in conj.children
                    if c.dep_ == "pobj"
                )
            elif child.dep_ == "dative" and "to" in preps and child.pos_ in ("PROPN", "NOUN", "PRON"):
                out.append(child)
        return out

    @staticmethod
    def pp_everywhere(sent: Span, *preps: str) -> list[Token]:
        return [
            c
            for t in sent
            if t.lower_ in preps and t.dep_ in ("prep", "dative")
            for c in t.children
            if c.dep_ == "pobj"
        ]

    def clause_anchor(self, token: Token) -> Token:
        """The verb a noun trigger's event hangs on ("signed a contract" -> signed), else the trigger."""
        if token.pos_ in ("NOUN", "PROPN"):
            return self.light_verb(token) or token
        return token

    def light_verb(self, noun: Token) -> Token | None:
        """The verb governing a trigger noun when it makes the noun's event happen ("signed a contract",
        "took delivery"), not when it talks about it ("condemned the sale")."""
        head = noun.head
        verb: Token | None = None
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            verb = head
        elif (
            noun.dep_ == "pobj"
            and head.dep_ in ("prep", "agent")
            and head.head.pos_ == "VERB"
            and head.lower_ not in CIRCUMSTANCE_PREPS
        ):
            verb = head.head  # "took delivery of", not "following the strike, X launched"
        elif noun.dep_ == "conj":
            return self.light_verb(head)
        if verb is None:
            return None
        lemma = verb.lemma_.lower()
        if lemma in self.light_verbs:
            return verb
        # "X has troops in Y" makes "have" a trigger of presence only; it does not make "had talks on" happen,
        # nor does "chose the F-16 over rival offers" make the offers
        if not self.lex.is_choice_verb(lemma) and any(
            t.needs not in ("presence", "customer", "foreign_built", "on_order")
            for t in self.lex.verb_triggers.get(lemma, ())
        ):
            return verb
        return None

    def in_occasion(self, token: Token) -> bool:
        """Inside "on the anniversary of X's invasion", "on the eve of Y's visit": the occasion, no party."""
        return any(a.pos_ == "NOUN" and a.lemma_.lower() in self.lex.occasion_nouns for a in token.ancestors)

    @staticmethod
    def in_circumstance(token: Token) -> bool:
        """Inside "since X's invasion", "after Y's offensive", "after Y ratified Z's accession": context, not
        a party."""
        return any(
            (a.dep_ == "prep" and a.lower_ in CIRCUMSTANCE_PREPS)
            or (
                a.dep_ == "advcl"
                and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_PREPS for c in a.children)
            )
            for a in token.ancestors
        )

    @staticmethod
    def in_subordinate(word: Token, above: Token | None = None) -> bool:
        """Inside an adverbial clause with a conjunction ("after a JF-17 offer was turned down"), below the
        word `above` when given."""
        for ancestor in word.ancestors:
            if above is not None and ancestor.i == above.i:
                return False
            if ancestor.dep_ == "advcl" and any(c.dep_ == "mark" for c in ancestor.children):
                return True
        return False

    @staticmethod
    def other_clause(trigger: Token, item: Token) -> bool:
        """The item belongs to another clause than the trigger (neither governs the other)."""
        clause = item
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.i == trigger.i or clause.pos_ not in ("VERB", "AUX"):
            return False
        if trigger.is_ancestor(clause):
            # a relative or adverbial clause below the trigger, at any depth, is another event ("provided
            # to X, which has complained of drones crossing its airspace")
            node = clause
            while node.i != trigger.i:
                if node.pos_ in ("VERB", "AUX") and node.dep_ in OTHER_CLAUSES:
                    return True
                node = node.head
            return False
        return not clause.is_ancestor(trigger)

    @staticmethod
    def linked(trigger: Token, head: int) -> bool:
        """The token at head is the trigger's object, prepositional object or subject (a short path)."""
        node = trigger.doc[head]
        first = node
        while first.dep_ in ("conj", "appos") and first.head.i != first.i:
            if first.head.ent_type_ in PLACE_LABELS:
                break
            first = first.head
        if first.dep_ in ("conj", "appos") and first.head.ent_type_ in PLACE_LABELS:
            # "handed over to the depot in Lungi, Sierra Leone, fourteen trucks and 40 radios": the parser
            # hangs the objects on the place before them; the verb that place's phrase hangs on is theirs
            verb = next((a for a in first.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            return verb is not None and verb.i == trigger.i
        for _ in range(4):
            if node.head.i == trigger.i:
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    @staticmethod
    def phrase(token: Token, max_len: int = 8) -> str:
        """A noun phrase's words, without leading determiners and trailing clauses."""
        doc = token.doc
        start = token.i
        for child in token.lefts:
            if child.dep_ in PHRASE_MODIFIERS:
                start = min(start, child.left_edge.i)
        while (
            start < token.i
            and doc[start].dep_ in ("det", "punct", "cc", "poss", "case", "predet")
            and not doc[start].like_num
        ):
            start += 1
        start = max(start, token.i - max_len)
        return " ".join(doc[start : token.i + 1].text.split())  # as written, on one line

    def own_span(self, token: Token) -> tuple[int, int]:
        """The characters of a word's own phrase: a noun's phrase, or a verb with its objects and
        prepositions and its price ("..., worth $418 million"), without the clauses joined to it ("..., and it
        extended a credit line")."""
        joined = {"conj", "cc", "parataxis", "advcl", "ccomp", "relcl", "acl", "nsubj", "csubj"}
        if any(c.dep_ == "conj" for c in token.children):
            # nor the sentence's full stop, which hangs on the main verb past the clause joined to it
            joined.add("punct")
        parts = [token] + [
            t
            for c in token.children
            if c.dep_ not in joined or c.lemma_.lower() in self.lex.value_words
            for t in c.subtree
        ]
        return min(t.idx for t in parts), max(t.idx + len(t) for t in parts)

    @staticmethod
    def nearest_money(token: Token, money: list[Money]) -> Money | None:
        if not money:
            return None
        return min(money, key=lambda m: abs(m.start - token.idx))

    # ---- places ----------------------------------------------------------------------------------------
    def location_of(self, token: Token, sent: Span, exclude: set[str]) -> str | None:
        anchor = self.light_verb(token) if token.pos_ in ("NOUN", "PROPN") else token
        anchors = [token] + ([anchor] if anchor is not None else [])
        # "an exercise that was held in X", "drills conducted in X": the noun's own clause says where
        # (the parse may hang the clause on a noun of the phrase: "an exercise of X's forces that was held")
        if token.pos_ in ("NOUN", "PROPN"):
            anchors += [
                t for t in token.subtree if t.dep_ in ("acl", "relcl") and t.pos_ == "VERB" and t.i > token.i
            ]
        for a in anchors:
            for pobj in self.prep_objects(a, "in", "at", "near", "along", "over", "on", "around"):
                for t in self.with_conjuncts(pobj):
                    name = self.place_name(t)
                    if name and name not in exclude and not self.capitals_as_sides(t):
                        return name
        # "opened fire (with small arms) on positions in the X district": where the target is
        verbs = anchors + [a.head for a in anchors if a.dep_ == "dobj"]
        holders = verbs + [h for a in verbs for h in self.prep_objects(a, "with")]
        targets = [t for h in holders for t in self.prep_objects(h, "on", "against", "at")]
        targets += [c for a in anchors if a.pos_ == "VERB" for c in a.children if c.dep_ == "dobj"]
        for target in targets:  # "struck radar sites around X"
            for pobj in self.prep_objects(target, "in", "near", "around"):
                name = self.place_name(pobj)
                if name and name not in exclude:
                    return name
        for pobj in self.pp_everywhere(sent, "in", "near", "at", "along", "around"):
            name = self.place_name(pobj)
            if name and name not in exclude and not self.capitals_as_sides(pobj):
                return name
        return None

    def capitals_as_sides(self, token: Token) -> bool:
        """Capitals listed together ("In August Baku and Ankara held drills", parsed as one place) stand
        for their governments, not for where something happened."""
        mention = self.mention_at(token)
        if mention is None or mention.type != "country" or mention.form != "capital":
            return False
        listed = [c for c in token.children if c.dep_ == "conj"]
        if token.dep_ == "conj":
            listed.append(token.head)
        return any(
            (m := self.mention_at(c)) is not None and m.type == "country" and m.country != mention.country
            for c in listed
        )

    def stateless_place(self, token: Token) -> bool:
        """A gazetteer place no state holds (a sea, a strait): not where forces are sent to."""
        mention = self.mention_at(token)
        return (
            mention is not None
            and mention.type == "location"
            and mention.key is not None
            and mention.country is None
        )

    def place_name(self, token: Token, areas: bool = True) -> str | None:
        """The place a phrase names: a gazetteer place or capital, or (with areas) a named district."""
        mention = self.mention_at(token)
        if mention is None and token.lower_ == "kingdom" and any(c.lower_ == "the" for c in token.children):
            kingdom = self.kingdom_before(token)  # "held in the Kingdom": the monarchy named before
            if kingdom is not None:
                return kingdom.name
        if mention is None:
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod"):
                    sub = self.mention_at(child)
                    if sub is not None and sub.type == "location":
                        return sub.name
            return self.capital_named(token) or (self.named_area(token) if areas else None)
        if mention.type == "location":
            return mention.name
        if mention.type == "country":
            if mention.form == "capital":
                return token.doc[mention.start : mention.end].text
            if mention.form == "name":
                return self.gaz.country_name(mention.country) or mention.name
        return None

    def capital_named(self, token: Token) -> str | None:
        """ "in the Turkish capital", "in Mali's capital": that state's capital city."""
        if token.lemma_.lower() not in self.lex.capital_nouns:
            return None
        for child in token.children:
            mention = self.mention_at(child) if child.dep_ in ("amod", "poss", "compound") else None
            if mention is not None and mention.type == "country" and mention.country:
                return self.gaz.capitals.get(mention.country)
        return None

    def named_area(self, token: Token) -> str | None:
        """ "the Kalbajar district", "Tillaberi region": an area noun after a proper name the gazetteer does
        not know names that place (never a known state, body or person; the tagger's guess at the name may be
        a person or a people)."""
        if token.lemma_.lower() not in self.lex.area_nouns:
            return None
        names = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            return None
        for name in names:
            mention = self.mention_at(name)  # the tagger's guess at an unknown name is no known body
            if mention is not None and (
                mention.key is not None or mention.type not in ("organization", "person", "location")
            ):
                return None
        return " ".join(t.text for t in token.doc[names[0].i : token.i + 1])

    def capital_country(self, sent: Span, location: str | None) -> Actor | None:
        """Talks held in a capital meet that country's officials."""
        if not location:
            return None
        for mention in mentions_in(sent.doc, sent.start, sent.end):
            if mention.form == "capital" and sent.doc[mention.start : mention.end].text == location:
                return self.country_actor(mention.country)
        return None

    def doers_of(self, token: Token) -> list[Token]:
        """The subjects of an event noun's clause: its verb's, or, when the noun is the object of a phrase,
        those of the verb above ("the two navies held the latest edition of their INDRA exercise",
        "warships took part in the exercise": the verb above "edition of", "part in")."""
        anchor = self.clause_anchor(token)
        subjects = self.subject_of(anchor)
        if not subjects and anchor.i == token.i:
            node = token
            while node.dep_ == "pobj" and node.head.lower_ in ("of", "in") and node.head.head.pos_ == "NOUN":
                node = node.head.head
            if node.i != token.i and node.dep_ == "dobj":
                subjects = self.subject_of(node.head)
        return subjects

    def named_or_owner(self, token: Token) -> list[Actor]:
        """The actors a phrase names; for a ship or unit named by a name no state places, its owner's ("the
        French Navy's frigate Languedoc")."""
        actors = self.actors_of(token)
        if not actors or any(a.country for a in actors):
            return actors
        owners = [
            a
            for c in token.children
            if c.dep_ in ("poss", "compound", "amod")
            for a in self.actors_of(c)
            if a.country
        ]
        return owners or actors

    def group_actors(self, token: Token, sent: Span) -> list[Actor]:
        """Participants and parties: subjects, "with X", "between X and Y", demonyms on the noun."""
        anchor = self.clause_anchor(token)
        found: list[Actor] = []
        subjects = self.doers_of(token)
        for s in subjects:
            # "the two navies held their INDRA exercise": the two states named before
            found.extend(self.pair_named_before(s) or self.named_or_owner(s))
        # "a firefight that broke out between X and Y": the noun's own clause holds its parties
        holders = {token, anchor} | {
            c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"
        }
        for t in (t for h in holders for t in self.prep_objects(h, "between", "with", "among", "by")):
            found.extend(self.named_or_owner(t) or self.delegation_of(t))
        for prep in (c for a in holders for c in a.children if c.lower_ == "between"):
            # every named actor in a "between" phrase, whatever its parse
            seen: set[int] = set()
            for sub in prep.subtree:
                mention = self.mention_at(sub)
                if (
                    mention is not None
                    and mention.start not in seen
                    and mention.type in ACTOR_TYPES
                    and not self.in_circumstance(sub)  # "despite a ceasefire brokered by Y"
                ):
                    seen.add(mention.start)
                    found.append(self.actor_for_mention(mention))
        for child in token.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss"):
                for sub in child.subtree:
                    actor = self.actor_of(sub, deep=False)
                    if actor is not None:
                        found.append(actor)
        if token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "dobj":
                    found.extend(self.actors_of(child) or self.delegation_of(child))
        return self.distinct_parties(found)

    def delegation_of(self, noun: Token) -> list[Actor]:
        """Whom a delegation is from: "a delegation from Russia's state arms exporter Rosoboronexport"."""
        if noun.lemma_.lower() not in self.lex.delegation_nouns:
            return []
        objects = self.prep_objects(noun, "from", "of")
        if not objects and noun.dep_ == "dobj":  # the parser may hang the "from" on the verb
            objects = self.prep_objects(noun.head, "from")
        return [a for t in objects for a in self.actors_of(t)]
