"""Attribute: who vouches for each event and how ("X said/confirmed", "according to X", "X claimed,
citing sources", "X accused Y of ...", "Y denied ..."), with the channel ("speaking to TRT")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from armswatch.extract.clause import ClauseReader
from armswatch.extract.document import mention_index, paragraph_index
from armswatch.extract.items import ItemReader
from armswatch.extract.model import Actor, Candidate
from armswatch.lexicon import Lexicon
from armswatch.parse import doc_text
from armswatch.records import UNNAMED_AGENCIES, Attribution

DENIAL = "denied"


# What a bare trailing report ("..., the military said on Friday") holds besides its speaker.
BARE_REPORT = ("nsubj", "nsubjpass", "aux", "auxpass", "punct", "advmod", "npadvmod", "prep", "neg")


class Attributor:
    def __init__(self, lexicon: Lexicon, clause: ClauseReader, items: ItemReader) -> None:
        self.lex = lexicon
        self.clause = clause
        self.items = items

    def __call__(self, cand: Candidate) -> list[Attribution]:
        token = cand.trigger
        sent = token.sent
        found: list[Attribution] = []
        for verb in self.reporting_ancestors(token):
            found.extend(self.from_verb(verb, token))
        if not found:
            root = sent.root
            if (
                root.lemma_.lower() in self.lex.reporting_verbs
                and root.i != token.i
                and not self.in_subject_of(token, root)
            ):
                found.extend(self.from_verb(root, token))
        if not found:
            found.extend(self.trailing_report(sent, token))
        found.extend(self.according_to(sent, cand))
        found.extend(self.reports_above(token))
        if any(
            phrase in sent.text.lower()
            for phrase, stance in self.lex.reporting_phrases.items()
            if stance == "claimed" and phrase != "according to"
        ):
            cue = next(
                p for p, s in self.lex.reporting_phrases.items() if s == "claimed" and p in sent.text.lower()
            )
            if found:
                found = [
                    Attribution(
                        a.source,
                        "claimed" if a.stance == "asserted" else a.stance,
                        f"{a.cue}, {cue}" if a.cue and cue not in a.cue else (a.cue or cue),
                        a.via,
                    )
                    for a in found
                ]
            else:
                found.append(Attribution("sources", "claimed", cue))
        via = self.channel(sent)
        credit = self.item_credit(sent)
        if credit and not any(a.source for a in found):
            # a digest's item "As reported by Defence Connect: X will receive ...": the outlet's report
            found = [Attribution(credit, "claimed", "as reported by")]
        via = via or credit
        if via:
            found = [
                Attribution(a.source, a.stance, a.cue, a.via or (via if a.source != via else None))
                for a in found
            ]
        if not found:
            # "A: We signed for twelve jets", "TONY DAVIES: We sold two vessels": who is interviewed or named
            answer, speaker = self.clause.line_speaker(token)
            if answer and speaker is None:
                speaker = self.clause.speaker_state(token)  # an answer by someone the text does not name
            if speaker is not None:
                found.append(Attribution(speaker.name, "asserted", "interview"))
        if not found:
            found.append(Attribution(None, "asserted", None))
        return dedupe(found)

    def trailing_report(self, sent: Span, token: Token) -> list[Attribution]:
        """ "X supplied Y with drones, a news outlet reported on Monday": a speaker and its reporting verb
        after the event, which the parser hangs on a noun of the event as a participle."""
        for verb in sent:
            noun = verb.head
            if (
                verb.dep_ in ("acl", "relcl")
                and verb.i > token.i
                and noun.i < verb.i
                and verb.lemma_.lower() in self.lex.reporting_verbs
                and noun.pos_ in ("NOUN", "PROPN")
                and not any(c.dep_ in ("dobj", "ccomp", "nsubj", "nsubjpass") for c in verb.children)
                and self.can_speak(noun)
            ):
                source = self.source_name(noun, without=verb.i)
                if source is not None:
                    return [Attribution(source, self.lex.reporting_verbs[verb.lemma_.lower()], verb.text)]
            if (
                (
                    verb.dep_ in ("conj", "parataxis")
                    # "X transferred missiles to Y, the Financial Times reported", parsed as adverbial
                    or (verb.dep_ == "advcl" and not any(c.dep_ in ("mark", "advmod") for c in verb.children))
                )
                and verb.i > token.i
                and verb.lemma_.lower() in self.lex.reporting_verbs
                and (noun.i == token.i or noun in token.ancestors)
                and not any(c.dep_ == "cc" and noun.i < c.i < verb.i for c in noun.children)
                and not any(
                    c.dep_ == "ccomp" or (c.dep_ == "dobj" and not self.hearer(verb, c))
                    for c in verb.children
                )
                and (
                    verb.dep_ == "conj"
                    or all(c.dep_ in BARE_REPORT or self.hearer(verb, c) for c in verb.children)
                )
            ):
                # "X will buy jets from Y, the minister was quoted as saying": a comma, no "and";
                # "X delivered jets to Y, the military said", which the parser makes a parataxis
                speakers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                source = self.source_name(speakers[0]) if speakers else None
                if source is not None:
                    stance = self.lex.reporting_verbs[verb.lemma_.lower()]
                    if stance in ("asserted", "confirmed") and self.legislator(speakers[0]):
                        stance = "claimed"
                    return [Attribution(source, stance, verb.text)]
        return []

    def titled_alike(self, person: Actor, title: Token) -> bool:
        """ "..., lawmaker X told a website. ..., the minister said": a title refers back to a person
        introduced with that title, or with none ("X said ... The minister added")."""
        if person.mention is None:
            return True
        doc = title.doc
        head = doc[person.mention.start : person.mention.end].root
        around = [c for c in head.children if c.dep_ in ("compound", "amod", "appos")]
        words = {t.lemma_.lower() for c in around for t in c.subtree} - set(person.name.lower().split())
        held = words & self.lex.role_titles
        return not held or title.lemma_.lower() in held

    def hearer(self, verb: Token, child: Token) -> bool:
        """ "..., an MP told a local website": the object of a verb of telling is who heard it."""
        return child.dep_ == "dobj" and verb.lemma_.lower() in self.lex.hearer_verbs

    def reports_above(self, token: Token) -> list[Attribution]:
        """ "denied media reports that X bought ...", "rejected Y's claims that ...": whoever made the report
        claims the event (the verb above it gives the other side, a denial)."""
        out: list[Attribution] = []
        node = token
        while node.head.i != node.i:
            parent = node.head
            if (
                node.dep_ in ("acl", "relcl", "ccomp")
                and parent.pos_ == "NOUN"
                and parent.lemma_.lower() in self.lex.report_nouns
            ):
                owner = next((c for c in parent.children if c.dep_ == "poss"), None)
                source = self.source_name(owner) if owner is not None else None
                if source is None:
                    words = [c for c in parent.lefts if c.dep_ in ("compound", "amod", "nmod")]
                    if words:
                        source = " ".join(t.text for t in parent.doc[words[0].left_edge.i : parent.i])
                out.append(Attribution(source, "claimed", parent.text))
                break
            node = parent
        return out

    def reporting_ancestors(self, token: Token) -> list[Token]:
        out: list[Token] = []
        node = token
        while node.head.i != node.i:
            parent = node.head
            reporting = (
                parent.lemma_.lower() in self.lex.reporting_verbs
                and parent.pos_ in ("VERB", "AUX")
                and node.dep_ not in ("nsubj", "nsubjpass", "csubj")
            )
            if reporting or self.denied_after_semicolon(node, parent):
                out.append(parent)
            if node.dep_ == "nsubjpass":
                # "The shipment was spotted by hobbyists and confirmed by Chilean officials"
                for verb in [parent] + [c for c in parent.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
                    if verb.lemma_.lower() in self.lex.reporting_verbs and any(
                        c.dep_ == "agent" for c in verb.children
                    ):
                        out.append(verb)
            node = parent
        return out

    def denied_after_semicolon(self, node: Token, parent: Token) -> bool:
        """ "The army said Rwanda had supplied the missiles; Rwanda called the accusation false": the parse
        may hang the first statement on the second, which denies it."""
        return (
            node.dep_ == "ccomp"
            and node.i < parent.i
            and any(t.text == ";" for t in node.doc[node.right_edge.i + 1 : parent.i])
            and labelled_denial(parent, self.lex) == DENIAL
        )

    def legislator(self, speaker: Token) -> bool:
        """A lawmaker, by the words before the name or in its apposition ("Bolivian lawmaker X", "X, a member
        of parliament"): one who speaks for no government."""
        words = [speaker, *(c for c in speaker.lefts if c.dep_ in ("compound", "amod", "nmod"))]
        words += [t for c in speaker.children if c.dep_ == "appos" for t in c.subtree]
        return any(w.lower_ in self.lex.legislator_sources for w in words) or any(
            w.lemma_.lower() == "member"
            and any(
                t.lemma_.lower() in self.lex.legislatures
                for p in self.clause.prep_objects(w, "of")
                for t in p.subtree
            )
            for w in words
        )

    def refers_back(self, noun: Token) -> bool:
        """ "the system", "the jets", "these units": a definite item or deal noun refers to an event."""
        if not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children
        ):
            return False
        lemma = noun.lemma_.lower()
        return (
            lemma in self.lex.unit_nouns
            or lemma in self.lex.deal_anaphors
            or lemma in self.lex.noun_triggers
            or self.items.generic_at(noun) is not None
        )

    def in_subject_of(self, token: Token, verb: Token) -> bool:
        return any(token in c.subtree for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj"))

    def from_verb(self, verb: Token, trigger: Token) -> list[Attribution]:
        # "Kremlin says report is 'fiction'": saying the report is false denies what it reports
        stance = labelled_denial(verb, self.lex) or self.lex.reporting_verbs[verb.lemma_.lower()]
        if any(c.dep_ == "neg" or c.lower_ in self.lex.negation_words for c in verb.children):
            return []  # "has not commented", "never confirmed": no word either way
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.lex.refusal_verbs:
            return []  # "declined to confirm the purchase": no word either way
        if stance == DENIAL and withholds(verb):
            return []
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if verb.dep_ == "relcl" and subjects and subjects[0].tag_ in ("WP", "WDT"):
            subjects = [verb.head]  # "Maria Delgado, who accused the Emirates of ...": the one she is
        subjects += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not subjects and any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.lemma_ == "say" for g in c.children)
            for c in verb.children
        ):
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]  # "X was quoted as saying"
        if not subjects and verb.dep_ in ("pcomp", "advcl", "xcomp") and verb.head.lower_ == "as":
            # "an agency quoted the minister as saying", "the minister was quoted as saying": the one quoted
            subjects = [c for c in verb.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if not subjects:
                # the parser hung "as saying" elsewhere: the one the quoting verb before it names
                quoting = [t for t in verb.sent if t.i < verb.head.i and t.lemma_.lower() == "quote"]
                subjects = [c for q in quoting[-1:] for c in q.children if c.dep_ in ("dobj", "nsubjpass")]
        if not subjects and verb.dep_ in ("conj", "advcl", "xcomp"):
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        # "Q: Sir, a website reported ...": neither the question's label nor the one addressed speaks; the
        # apposition after a vocative does
        speaking = [
            next((c for c in s.children if c.dep_ == "appos"), None)
            if s.lower_ in self.lex.vocatives
            else self.after_label(s)
            if s.lower_ in self.lex.question_labels
            else s
            for s in subjects
        ]
        subjects = [s for s in speaking if s is not None]
        cue = verb.text
        if not subjects:
            return [Attribution(None, stance, cue)]
        out: list[Attribution] = []
        speakers = [subjects[0]] + [c for c in subjects[0].children if c.dep_ == "conj"]
        for subj in speakers:  # "Kenya and Haiti said": both; an apposition is the same speaker
            source = self.source_name(subj)
            if (subj.lemma_.lower() in self.lex.report_nouns or self.legislator(subj)) and stance in (
                "asserted",
                "confirmed",
            ):
                # "a report by a monitoring group said": its author's claim; "the report said": a claim; so is
                # a lawmaker's word ("Ayesha Rahman, a member of parliament, said"): no government's
                out.append(Attribution(source, "claimed", cue))
            elif source is not None:
                out.append(Attribution(source, stance, cue))
        return out

    def after_label(self, label: Token) -> Token | None:
        """ "Q (Southern Wire Agency): The Philippine Coast Guard said": the parse may make the line's label
        the subject; the speaker is the phrase after its colon."""
        colon = next((t.i for t in label.doc[label.i : label.i + 12] if t.text in (":", "):")), None)
        after = [
            c
            for c in label.children
            if c.dep_ == "appos" and colon is not None and c.i > colon and c.lower_ not in self.lex.vocatives
        ]
        return after[-1] if after else None

    def source_name(self, token: Token, without: int | None = None) -> str | None:
        """The person, government or outlet a reporting phrase names."""
        if token.lemma_.lower() in self.lex.statement_nouns:
            return self.author_of(token)
        mention = self.clause.mention_at(token)
        if mention is not None and mention.form == "dateline":
            # "CAIRO, 21 January - Egypt's Foreign Ministry rejected ...": the speaker follows the dateline
            for child in token.children:
                if child.dep_ in ("appos", "conj") and child.i > token.i:
                    return self.source_name(child)
            return None
        for child in token.children:  # "the state radio, Voice of X, said": the outlet or body named
            parenthesised = child.left_edge.i > 0 and token.doc[child.left_edge.i - 1].text == "("
            # ... but not a parenthesised aside ("LIG Nex1 (KRX: 079550) announced"): a ticker, an acronym
            inner = self.clause.mention_at(child) if child.dep_ == "appos" and not parenthesised else None
            if inner is not None and inner.type in ("media", "organization", "person", "company"):
                return inner.name
        if mention is not None:
            if mention.type == "country":
                if mention.form == "demonym":
                    return self.clause.phrase(token)
                return self.clause.gaz.country_name(mention.country) or mention.name
            return mention.name
        if token.pos_ == "PRON":
            actor = self.clause.antecedent(token)
            return actor.name if actor else None
        # "Commander of the Northern Fleet Admiral Ivan Petrov": the person named
        # in the phrase; "the company": the company named last
        for sub in token.subtree:
            inner = self.clause.mention_at(sub)
            if inner is not None and inner.type == "person" and sub.head.i != sub.i:
                return inner.name
        actor = self.clause.actor_of(token, deep=False)
        if actor is not None and actor.type in ("company", "person", "country", "armed_group"):
            return actor.name
        if token.lemma_.lower() in self.lex.title_words and any(c.lower_ == "the" for c in token.children):
            person = self.clause.antecedent(token, "person")
            if person is not None and self.titled_alike(person, token):
                return person.name
        outlet = self.outlet_named_before(token)
        if outlet is not None:
            return outlet
        if not self.can_speak(token):
            return None  # "satellite images showed", "the sale confirms", a date: no source
        if token.lemma_.lower() in self.lex.located_speakers and not any(
            c.dep_ in ("det", "nummod", "amod") for c in token.children
        ):  # but "two officials in N'Djamena", "an official in Warsaw" stay unnamed
            for pobj in self.clause.prep_objects(token, "in"):  # "officials in Warsaw": Poland's
                place = self.clause.mention_at(pobj)
                if place is not None and place.type == "country":
                    return self.clause.gaz.country_name(place.country) or place.name
        phrase = self.clause.phrase(token)
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        mention = self.clause.mention_at(owner) if owner is not None else None
        if owner is not None and mention is not None and mention.type == "country" and phrase:
            # "Pakistan's military spokesman": the state it speaks for stays in its name
            phrase = f"{token.doc[owner.left_edge.i : owner.i + 1].text}'s {phrase}"
        for child in token.children:
            # "the press office of Chile's Southern Command", "people familiar with the matter"
            if (
                child.i > token.i
                and child.i != without
                and ((child.dep_ == "prep" and child.lower_ == "of") or child.dep_ in ("amod", "acl"))
                and len(list(child.subtree)) <= 7
            ):
                phrase += " " + " ".join(t.text for t in child.subtree)
        return phrase or None

    def author_of(self, statement: Token) -> str | None:
        """Who made a report or statement: its owner ("the ministry's statement"), its author ("a report
        published by a monitoring group", "a UN report"); never the word "report" itself."""
        owners = [c for c in statement.children if c.dep_ == "poss"]
        if owners:
            return self.source_name(owners[0])
        for child in statement.children:
            agents = self.clause.agent_of(child) if child.dep_ in ("acl", "relcl") else []
            if agents:
                return self.source_name(agents[0])
            if child.dep_ in ("compound", "amod") and child.i < statement.i:
                mention = self.clause.mention_at(child)
                if mention is not None and mention.type != "weapon_system":
                    return self.source_name(child)
        for author in self.clause.prep_objects(statement, "from", "by"):  # "a release from the ministry"
            if self.can_speak(author):
                return self.source_name(author)
        return None

    def can_speak(self, token: Token) -> bool:
        """A phrase that can be a source: a name, or a noun of people, bodies and outlets ("officials",
        "Western diplomats", "local media houses"), not a thing, a date or a weapon."""
        # "a Moscow daily reported": a source noun read as a date (or an adverb) is still the outlet
        subject = token.pos_ == "NOUN" or token.dep_ == "nsubj"
        named_outlet = token.lower_ in self.lex.source_nouns and subject
        if (
            token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL")
            and not named_outlet
        ):
            return False
        if token.ent_type_ == "AW_WEAPON" or self.items.generic_at(token) is not None:
            return False
        if token.pos_ == "PROPN":
            return True
        words = [token] + [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
        return any(
            w.lemma_.lower() in self.lex.source_nouns or w.lower_ in self.lex.source_nouns for w in words
        )

    def outlet_named_before(self, token: Token) -> str | None:
        """ "the Journal reported", "the paper said": the outlet of that kind named last in the article."""
        word = token.lower_
        if word not in self.lex.outlet_nouns or not any(c.lower_ == "the" for c in token.children):
            return None
        generic = self.lex.outlet_nouns[word] == "any"
        starts, ordered = mention_index(token.doc)
        for at in range(bisect_left(starts, token.i) - 1, -1, -1):
            mention = ordered[at]
            if mention.type == "media" and (generic or word in mention.name.lower()):
                return mention.name
        return None

    def according_to(self, sent: Span, cand: Candidate) -> list[Attribution]:
        """ "according to X": a claim, unless X speaks for a party to the event (then it confirms)."""
        parties = {getattr(v, "country", None) for v in cand.roles.values() if hasattr(v, "country")}
        for value in cand.roles.values():
            if isinstance(value, list):
                parties |= {getattr(v, "country", None) for v in value}
        parties.discard(None)
        out: list[Attribution] = []
        for token in sent:
            if token.lower_ == "according":
                for prep in token.children:
                    if prep.lower_ == "to":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                author = self.document_author(pobj)
                                if author is not None:
                                    pobj = author  # "according to documents published by X": X's word
                                name = self.source_name(pobj)
                                document = pobj.lemma_.lower() in (
                                    "deal",
                                    "agreement",
                                    "text",
                                    "contract",
                                    "plan",
                                    "report",
                                    "document",
                                    "data",
                                )
                                if document and self.voiced_report(pobj):
                                    name = self.clause.phrase(pobj)  # "according to Turkish media reports"
                                elif not name or document:
                                    continue
                                speaker = self.clause.actor_of(pobj)
                                party = (
                                    speaker is not None
                                    and speaker.type != "media"
                                    and speaker.country in parties
                                )
                                stance = "confirmed" if party else "claimed"
                                out.append(Attribution(name, stance, "according to"))
        return out

    def document_author(self, noun: Token) -> Token | None:
        """The author of a paper: "documents published by X", "a report by X", "papers seen by X",
        "a report in X"; None when the paper names none."""
        if noun.lemma_.lower() not in self.lex.document_nouns:
            return None
        for child in noun.children:
            agents = self.clause.agent_of(child) if child.dep_ == "acl" and child.tag_ == "VBN" else []
            if agents:
                return agents[0]  # "published by", "seen by", "obtained by"
            if child.dep_ == "prep" and child.lower_ in ("by", "in", "from"):
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None and self.source_name(pobj) is not None:
                    return pobj
        return None

    def voiced_report(self, noun: Token) -> bool:
        """Reports that say whose voice they carry: "media reports", "US intelligence reports", "Reuters
        reports"."""
        if noun.lemma_.lower() != "report":
            return False
        for child in noun.children:
            if child.dep_ not in ("compound", "amod", "nmod", "poss"):
                continue
            mention = self.clause.mention_at(child)
            if (
                child.lemma_.lower() in self.lex.source_nouns
                or child.lower_ in self.lex.source_nouns  # "media", lemmatised "medium"
                or (mention is not None and mention.type == "media")
            ):
                return True
        return False

    def item_credit(self, sent: Span) -> str | None:
        """The outlet a digest's item is credited to ("As reported by Defence Connect: ..."), for the item's
        paragraphs up to its "Read more" line or the next heading."""
        doc = sent.doc
        text = doc_text(doc)
        end = text.find("\n", sent.start_char)
        end = len(text) + 1 if end < 0 else end + 1
        while end > 0:
            start = text.rfind("\n", 0, end - 1) + 1
            line = text[start : end - 1].strip()
            found = AS_REPORTED.match(line)
            if found is not None:
                return next(
                    (
                        m.name
                        for m in doc._.mentions or []
                        if m.type == "media" and start <= m.start_char < start + found.end()
                    ),
                    None,
                )
            own_line = start <= sent.start_char
            if line and not own_line and (READ_MORE.match(line) or not line.endswith((".", '"', "”", ":"))):
                return None  # the item before, or a heading
            end = start
        return None

    def channel(self, sent: Span) -> str | None:
        low = sent.text.lower()
        for cue in self.lex.via_cues:
            at = low.find(cue)
            if at < 0:
                continue
            start = sent.start_char + at + len(cue)
            for mention in sent.doc._.mentions or []:
                if mention.type == "media" and start <= mention.start_char <= start + 60:
                    return mention.name
            # "an MP told the paper": the outlet of that kind named before
            heard = next((t for t in sent if t.idx >= start and not t.is_space), None)
            if heard is not None and heard.lower_ == "the" and heard.head.i != heard.i:
                named = self.outlet_named_before(heard.head)
                if named is not None:
                    return named
        return None


AS_REPORTED = re.compile(
    r"(?:as\s+(?:first\s+)?reported\s+by|as\s+reported\s+in)\s+[^:\n]{2,60}:", re.IGNORECASE
)
READ_MORE = re.compile(r"(?:read\s+more|continue\s+reading|full\s+story)\b", re.IGNORECASE)


def deny(attributions: list[Attribution]) -> list[Attribution]:
    """A negated event ("X said it had not sent ..."): every named speaker denies it."""
    return [Attribution(a.source, DENIAL, a.cue, a.via) for a in attributions if a.source is not None]


def dedupe(attributions: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[str | None, str]] = set()
    out: list[Attribution] = []
    for a in attributions:
        if (a.source, a.stance) not in seen:
            seen.add((a.source, a.stance))
            out.append(a)
    return out


ANAPHORS = frozenset(
    {
        "it",
        "this",
        "that",
        "deal",
        "order",
        "sale",
        "contract",
        "agreement",
        "report",
        "reports",
        "claim",
        "claims",
        "accusation",
        "accusations",
        "allegation",
        "allegations",
        "purchase",
        "delivery",
        "deliveries",
        "transfer",
        "plan",
        "move",
        "story",
        "stories",
        "finding",
        "findings",
        "account",
        "charge",
        "charges",
        "article",
        "investigation",
        "leak",
    }
)
# A denial of "the report", "the story", "the accusation" answers the claims made before it.
CLAIM_WINDOW_PARAGRAPHS = 4


def withholds(verb: Token) -> bool:
    """A denying verb with two objects withholds something from someone ("to deny them that freedom"): it
    answers no report."""
    return sum(c.dep_ in ("dobj", "dative", "iobj") for c in verb.children) > 1


def attach_statements(doc: Doc, candidates: list[Candidate], attributor: Attributor) -> None:
    """A reporting clause with no event of its own ("Tehran denied it", "Vucic said the deal was worth
    2.7 billion euros", "Fincantieri said") speaks about the events just before it: the events of its
    sentence or the previous one that it names (by an entity or an anaphor such as "it", "the deal")."""
    triggers = {c.trigger.i: c for c in candidates}
    lex = attributor.lex
    for token in doc:
        stance = (
            labelled_denial(token, lex)
            or lex.reporting_verbs.get(token.lemma_.lower())
            or labelled_event(token, attributor)
        )
        spoken_by = None
        if stance is None and denied_outright(token, lex):
            # "TANG XIAOLIN: ... This report is not true.": the one whose line it is denies the report
            answer, speaker = attributor.clause.line_speaker(token)
            if answer and speaker is not None:
                stance, spoken_by = DENIAL, speaker.name
        if stance is None:
            continue
        if spoken_by is None and token.pos_ != "VERB":
            continue
        if token.sent.text.rstrip("\"'”’ \n").endswith("?"):
            continue  # "Can you confirm it?": a question states nothing
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not agents and (
            token.dep_ in ("amod", "acl", "compound")
            or (
                token.tag_ == "VBN"
                and token.dep_ != "ROOT"
                and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            )
        ):
            continue  # "the disputed border"; but "a claim rejected by the rebels" has a speaker
        subjects = agents or [c for c in token.children if c.dep_ == "nsubj"]
        if not subjects and token.dep_ in ("conj", "advcl", "xcomp"):
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]  # "..., calling it false"
        subject_tokens = {t.i for s in subjects for t in s.subtree}
        clause = [t for t in token.subtree if t.i not in subject_tokens and t.i != token.i]
        if any(t.i in triggers for t in clause):
            continue  # the clause has its own event; per-event attribution handled it
        if not subjects and stance != DENIAL:
            continue
        if stance == DENIAL and (
            withholds(token)
            or any(c.dep_ == "dobj" and c.lemma_.lower() in lex.opinion_nouns for c in token.children)
        ):
            continue  # "rejected such concerns", "dismissed the criticism": no event denied
        if spoken_by is not None:
            subjects = []
        source = spoken_by or (attributor.source_name(subjects[0]) if subjects else None)
        if subjects and source is None:
            continue
        sent = token.sent
        prev_sent = doc[sent.start - 1].sent if sent.start > 0 else None
        same = [c for c in candidates if c.trigger.sent == sent and c.trigger.i not in subject_tokens]
        before = [c for c in candidates if prev_sent is not None and c.trigger.sent == prev_sent]
        named = {m.name for t in clause for m in [attributor.clause.mention_at(t)] if m is not None}
        anaphoric = (
            any(t.lower_ in ANAPHORS or t.lemma_.lower() in ANAPHORS for t in clause)
            or not clause
            or any(t.pos_ == "NOUN" and attributor.refers_back(t) for t in clause)
        )
        targets = [c for c in same + before if named & role_names(c)]
        if not targets and (anaphoric or stance == DENIAL):
            complete = [c for c in same if not c.partial and not c.needs_user]
            targets = same if complete else same + before
        # "The Kremlin dismissed the story", "KCNA dismissed the reports": a denial of reports answers the
        # claims made before it; of one report, the events just before it when there are some
        reports = [
            t
            for t in clause
            if t.lemma_.lower() in lex.report_nouns and t.dep_ in ("dobj", "nsubjpass", "pobj")
        ]
        if spoken_by is not None:  # "This report is not true.": the report its subject names is denied
            reports += [c for c in token.children if c.dep_ == "nsubj"]
        own_targets = [c for c in targets if c.trigger.i not in subject_tokens]
        # "his opponents say his term has expired, a claim he rejects": the denial is of what its own sentence
        # says, not of the claims further back
        of_its_sentence = token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() in lex.report_nouns
        if of_its_sentence:
            targets = [c for c in same if c.trigger.i not in subject_tokens]
        elif (
            stance == DENIAL
            and (anaphoric or reports)
            and (not own_targets or any(t.tag_ == "NNS" for t in reports) or spoken_by is not None)
        ):
            paragraph = cand_paragraph(token)
            # "Chisinau accuses Moscow of hybrid attacks. Russia rejects the accusations.": the denial answers
            # the accusation just made, which told of no event, not the claims further back
            spoken = token.doc[(prev_sent or sent).start : token.i]
            denier = {a.country for s in subjects[:1] for a in attributor.clause.parties_of(s) if a.country}
            accused = {
                a.country
                for t in spoken
                if t.lemma_.lower() in lex.accusing_verbs
                for c in t.children
                if c.dep_ == "dobj"
                for a in attributor.clause.parties_of(c)
            }
            answered = not same + before and bool(denier & accused)
            claimed = [
                c
                for c in candidates
                if c.trigger.i < token.i
                and paragraph - c.paragraph <= CLAIM_WINDOW_PARAGRAPHS
                # a claim, or any account by another source ("the outlet said" before "X dismissed the story")
                and any(a.stance == "claimed" or a.source not in (None, source) for a in c.attributions)
            ]
            if answered:
                targets = []
            elif claimed or not reports:
                targets = claimed + [c for c in own_targets if c not in claimed]
        # "Namibia's ministry has denied any purchase is planned": a denial whose denied noun (or the subject
        # of its denied clause) names a kind of event answers only events of that kind, not the agreement
        denied = [c for c in token.children if c.dep_ == "dobj"] + [
            s
            for c in token.children
            if c.dep_ == "ccomp"
            for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass")
        ]
        kinds = {
            trig.type
            for t in denied
            if t.pos_ == "NOUN"
            for trig in lex.noun_triggers.get(t.lemma_.lower(), ())
        }
        if stance == DENIAL and kinds:
            targets = [c for c in targets if c.type in kinds]
        for cand in targets:
            if (
                stance == DENIAL
                and cand.trigger.sent == sent
                and any(a.stance == DENIAL for a in cand.attributions)
            ):
                continue  # "X denied that ..., calling the reports false": the one denial already read
            cand.attributions.append(Attribution(source, stance, token.text))
            if (sent.start_char, sent.end_char) not in cand.evidence:
                cand.evidence.append((sent.start_char, sent.end_char))


def denied_outright(token: Token, lex: Lexicon) -> bool:
    """ "This report is not true.", "That claim is false.": a sentence of its own that calls a report
    untrue, with no one saying it in the sentence."""
    if token.dep_ != "ROOT" or token.lemma_.lower() not in ("be", "reflect", "correspond"):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].lemma_.lower() not in lex.report_nouns:
        return False
    told = {
        t.lemma_.lower()
        for c in token.children
        if c.dep_ in ("attr", "acomp", "dobj", "prep")
        for t in c.subtree
    }
    negated = any(c.dep_ == "neg" for c in token.children)
    return bool(told & lex.denial_words) or (
        negated and bool((told | {token.lemma_.lower()}) & lex.truth_words)
    )


def labelled_denial(token: Token, lex: Lexicon) -> str | None:
    """ "called the report false", "described the claims as baseless", "said the report was fiction": a
    denial in other words."""
    if lex.reporting_verbs.get(token.lemma_.lower()) == "asserted":
        said = [c for c in token.children if c.dep_ == "ccomp" and c.lemma_ == "be"]
        for clause in said:
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            called = {
                t.lemma_.lower() for c in clause.children if c.dep_ in ("attr", "acomp") for t in c.subtree
            }
            if (
                subjects
                and (subjects[0].lemma_.lower() in lex.report_nouns or subjects[0].lower_ in ("it", "this"))
                and called & lex.denial_words
            ):
                return DENIAL
        # "said the reports do not correspond to reality", "said the report was not true"
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            told = {clause.lemma_.lower()} | {
                t.lemma_.lower()
                for c in clause.children
                if c.dep_ in ("attr", "acomp", "prep")
                for t in c.subtree
            }
            if (
                subjects
                and subjects[0].lemma_.lower() in lex.report_nouns | lex.hearsay_nouns
                and any(c.dep_ == "neg" for c in clause.children)
                and told & lex.truth_words
            ):
                return DENIAL
        return None
    if token.lemma_.lower() not in lex.labelling_verbs:
        return None
    words = {
        t.lemma_.lower()
        for c in token.children
        if c.dep_ in ("oprd", "acomp", "xcomp", "attr", "ccomp", "prep", "dobj")
        for t in c.subtree
    }
    return DENIAL if words & lex.denial_words else None


def labelled_event(token: Token, attributor: Attributor) -> str | None:
    """ "..., while Erdogan called it a new symbol of the alliance": whoever names the deal just reported
    speaks of it (asserts it); "called the report false" is a denial, read before this."""
    if token.lemma_.lower() not in attributor.lex.labelling_verbs:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if any(o.lower_ in ("it", "this") or (o.pos_ == "NOUN" and attributor.refers_back(o)) for o in objects):
        return "asserted"
    return None


def cand_paragraph(token: Token) -> int:
    return paragraph_index(token.doc, token.idx)


def role_names(cand: Candidate) -> set[str]:
    names: set[str] = set()
    for value in cand.roles.values():
        for v in value if isinstance(value, list) else [value]:
            name = getattr(v, "name", None)
            if isinstance(name, str):
                names.add(name)
            mention = getattr(v, "mention", None)
            if mention is not None:
                names.add(mention.name)
    return names


# ---- the article's own source: the agency it credits for its text -----------------------------------------


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A dateline credit and a credit line, over every outlet name and alias of the gazetteer."""
    from armswatch.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = {name: gaz.entries[key].name for name, key in gaz.names_by_type.get("media", {}).items()}
    for key in set(gaz.names_by_type.get("media", {}).values()):
        for form in gaz.entries[key].credit_forms:  # "(PAP) -", "DAILY SABAH WITH AA": only as a credit
            names.setdefault(form.lower(), gaz.entries[key].name)
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # "ANKARA, March 3 (Reuters) -", "MOSCOW, March 3 /TASS/.", "(AFP) —" near the start
    dateline = re.compile(rf"[(/]\s*({alternation})\s*[)/]\s*[-—–:.]", re.IGNORECASE)
    # a line of its own: "With inputs from PTI", "— AFP", "(Reuters)", "Source: Anadolu Agency", "By Bernama",
    # "— dpa/mb/fk" (the desk's initials after it), "(c) Copyright Thomson Reuters 2025. All rights reserved."
    line = re.compile(
        # "DAILY SABAH WITH AA", "By Staff Writer with AFP": a byline that credits the agency
        # "18 March 2025, 15:02 | Author: APA", "Por Lusa": the author field of a page's byline line
        # "Text: dpa": a credit line of the text beside the photo's
        rf"^(?:[^\n|]{{0,60}}\|[ \t]*)?\W{{0,3}}"
        rf"(?:(?:[^\n]{{1,40}}?\s+with\s+|with\s+(?:agency\s+)?inputs?\s+from|source|courtesy|via|by|author|autor|por|text"
        # "*Com informações da Agência Lusa", "With information from EFE", "© 2025 AFP"
        rf"|(?:with|com|con)\s+(?:information|informa[cç][õo]es|informaci[oó]n)\s+(?:from|da|de|do|del)"
        # "(With material from the SDA)", "With additional reporting by Reuters"
        rf"|with[ \t]+(?:additional[ \t]+)?(?:material|reporting)[ \t]+(?:from|by)(?:[ \t]+the)?"
        # "Wire service content · Interfax": a portal's label over an agency's copy
        rf"|wire[ \t]+(?:service[ \t]+)?(?:content|copy)[ \t]*[·•:]"
        rf"|(?:\(c\)|©)[ \t]*\d{{4}})"
        rf"\s*:?\s*"
        # (spaces and tabs only: optional runs of \s would each take every line break of a page of them)
        rf"|(?:(?:\(c\)|©)[ \t]*)?(?:copyright[ \t]+)?(?:(?:\(c\)|©)[ \t]*)?(?:\d{{4}}[ \t]+)?"
        rf"(?=[^\n]{{0,60}}rights[ \t]+reserved))?"
        rf"({alternation})"
        rf"(?:/[a-z]{{1,4}})*(?:[ \t]*/[ \t]*#[\w ]{{1,30}})*"  # "©NTB / #Norway Today / #NorwayNews"
        rf"(?:[ \t]*[\[(<][^\s\])>]+@[^\s\])>]+[\])>])?"  # "YONHAP [yonhap@yna.co.kr]": the desk's address
        # "Source: FENA, Hina", "Por Lusa* - Praia" (the place it was filed from)
        rf"(?:\s+(?:and|&)\s+[\w ]{{1,40}}|,[ \t]*[\w ]{{1,40}}|\*?[ \t]+[-–—][ \t]+[A-Z][\w ]{{1,30}}"
        rf"|[ \t]+\d{{4}}\W{{1,3}}all[ \t]+rights[ \t]+reserved|\.[ \t]+all[ \t]+rights[ \t]+reserved"
        # "The Canadian Press · Posted: Sep 16, 2025 2:12 PM EDT": the agency as the byline of a portal's copy
        rf"|[ \t]*[·|•][ \t]*(?:posted|published|updated)\b[^\n]*)?\W{{0,3}}$",
        re.IGNORECASE | re.MULTILINE,
    )
    return dateline, line, names


@lru_cache(maxsize=1)
def _outlet_alternation() -> str:
    """Every outlet name and credit form, longest first, as one regex alternation."""
    _, _, names = _credit_patterns()
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lede_credit() -> re.Pattern[str]:
    """A lede told on another outlet's word: "..., according to AFP." or "..., Reuters reported."."""
    alternation = _outlet_alternation()
    return re.compile(
        # "according to a report carried by China's Xinhua news agency"
        rf"(?:according to|citing|told)\s+(?:(?:a|the)\s+report\s+(?:carried\s+by|by|from|in)\s+)?"
        rf"(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?({alternation})\b"
        rf"|\b({alternation})(?:\s*,\s*[A-Z]{{2,6}}\s*,)?\s+(?:news agency\s+)?(?:reported|reports)\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _syndication_note() -> re.Pattern[str]:
    """A portal's note that a story came from an agency's feed ("This story was published via the AAP
    newswire and has not been edited by ...")."""
    alternation = _outlet_alternation()
    return re.compile(
        rf"(?:published|distributed|carried|sent|received)\s+(?:via|through|from|on|over)\s+(?:the\s+)?"
        rf"({alternation})\s+(?:news\s?wire|wire|feed|service)\b"
        # "Fiji Sun publishes this story as a syndication partner of PACNEWS"
        rf"|syndication\s+partner\s+of\s+(?:the\s+)?({alternation})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _paragraph_end_credit() -> re.Pattern[str]:
    """An agency signed after a dash at the end of a paragraph ("... with a third country. —Reuters")."""
    alternation = _outlet_alternation()
    return re.compile(rf"[.!?\"”'][ \t]+[—–][ \t]*({alternation})[ \t]*$", re.IGNORECASE | re.MULTILINE)


@lru_cache(maxsize=1)
def _photo_credit() -> re.Pattern[str]:
    """An agency's photo credit ("(AP Foto/Rodrigo Cevallos)", "REUTERS/Jane Doe", "Photo: EFE")."""
    alternation = _outlet_alternation()
    return re.compile(
        rf"\b(?:{alternation})(?:[ \t]+(?:Photo|Foto|Photos|Fotos))?[ \t]*/[ \t]*[A-Z][\w.'-]+"
        rf"|\b(?:Photo|Foto|Picture|Image)[ \t]*(?:credit)?[ \t]*:[ \t]*(?:{alternation})\b"
        # "[Image alt text: firefighters cut a firebreak above Vergo. (AP)]": a caption closed by the credit
        rf"|^\W{{0,2}}(?:Photo|Foto|Picture|Image)\b[^\n]*\((?:{alternation})\)\W{{0,2}}$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _copy_notes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A copy's notes that name the outlet whose text it is: a note with its site ("Read the original article
    on rfi.fr", "More stories like this are available on bloomberg.com") or a boilerplate line of its own
    ("The Thomson Reuters Trust Principles"); a republication note ("This article is republished ... from
    RNZ") or a rewrite's note ("Prepared on the basis of materials from Interpressnews")."""
    from armswatch.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    owners: dict[str, str] = {}
    for key in set(gaz.names_by_type.get("media", {}).values()):
        entry = gaz.entries[key]
        for form in (*entry.sites, *entry.credit_notes):
            owners.setdefault(form.lower(), entry.name)
    sites = "|".join(re.escape(n) for n in sorted(owners, key=len, reverse=True) if "." in n and " " not in n)
    notes = "|".join(re.escape(n) for n in sorted(owners, key=len, reverse=True) if " " in n)
    alternation = _outlet_alternation()
    marked = re.compile(
        rf"(?:original\s+(?:article|story|report|version)|more\s+stories|first\s+(?:published|appeared))"
        rf"\b[^\n]{{0,60}}?\b(?:on|at|by)\s+(?:https?://)?(?:www\.)?({sites})\b"
        rf"|\b({notes})\b",
        re.IGNORECASE,
    )
    note = re.compile(
        rf"^[^\n]{{0,40}}\b(?:republished|reproduced|reprinted)\b[^\n]{{0,160}}?\bfrom\s+(?:the\s+)?"
        rf"({alternation})\W{{0,3}}$"
        rf"|^\W{{0,3}}(?:prepared|compiled|written)\s+(?:on\s+the\s+basis\s+of|based\s+on|from|using)\s+"
        rf"(?:the\s+)?(?:materials|reports?|reporting|information)\s+(?:from|by|of)\s+(?:the\s+)?"
        rf"({alternation})\W{{0,3}}$"
        # an excerpt page's links to the whole story ("Continue reading on Le Calame »", "Source: Le Calame |
        # Published on ...")
        rf"|^\W{{0,3}}(?:continue\s+reading|read\s+the\s+(?:full|whole|rest\s+of\s+the)\s+"
        rf"(?:story|article|report)|read\s+more)\s+(?:on|at|in)\s+(?:the\s+)?({alternation})\W{{0,3}}$"
        rf"|^\W{{0,3}}source\s*:\s*(?:the\s+)?({alternation})\s*(?:\([^)\n]{{1,20}}\))?\s*(?:[|,;]|$)",
        re.IGNORECASE | re.MULTILINE,
    )
    return marked, note, owners


COPY_NOTE_WORDS = re.compile(
    r"republished|reproduced|reprinted|prepared|compiled|written|continue|read|source", re.IGNORECASE
)


def copy_note_credit(text: str) -> str | None:
    """The outlet a copy's notes name as the source of its text (see _copy_notes), or None."""
    marked, note, owners = _copy_notes()
    _, _, names = _credit_patterns()
    for line in text.split("\n"):  # the long outlet alternation only on the lines that may be such a note
        found = note.search(line.strip()) if len(line) < 300 and COPY_NOTE_WORDS.search(line) else None
        if found is not None:
            return names[next(g for g in found.groups() if g).lower()]
    marks = marked.search(text)
    return owners[(marks.group(1) or marks.group(2)).lower()] if marks is not None else None


@lru_cache(maxsize=1)
def _title_credit() -> re.Pattern[str]:
    """An agency named after a dash at the end of a headline ("Army and rebels trade claims - AFP")."""
    return re.compile(rf"\s[-–—|]\s*({_outlet_alternation()})\s*$", re.IGNORECASE)


def credited_agency(
    text: str, unnamed: tuple[str, ...] = (), outlet: str | None = None, title: str | None = None
) -> str | None:
    """The news agency an article credits for its text, by a dateline credit ("(Reuters) -") in its first
    lines, a credit line of its own ("With inputs from PTI", "— AFP"), a syndication note ("published via
    the AAP newswire") or a lede told on its word ("..., according to AFP."); UNNAMED_AGENCIES for a credit
    line naming none (the given phrases, "(With agency inputs)") or an agency's photo credit, whose text
    may be the agency's too; None when it credits none. The article's own outlet, when given, tells its
    own reporting ("told FlightGlobal") from a rewrite. A copy's notes (copy_note_credit) and an agency after
    a dash at the end of its headline credit it too."""
    dateline, line, names = _credit_patterns()
    found = dateline.search(text[:400])
    if found is not None:
        # "BANDAR SERI BEGAWAN, Nov 6 (Bernama) -- ..., the government news portal Pelita Brunei reported.":
        # a wire's rewrite of another outlet's report is that outlet's
        relayed = _lede_credit().search(first_sentence(text))
        if relayed is not None and relayed.group(2):
            return names[relayed.group(2).lower()]
    if found is None:
        # a credit line, but not the headline (a one-word title is no credit)
        found = line.search(text, pos=text.find("\n") + 1 if "\n" in text else len(text))
    if found is None:
        found = _syndication_note().search(text) or _paragraph_end_credit().search(text)
    if found is None:
        noted = copy_note_credit(text)
        if noted is not None:
            return noted
        titled = _title_credit().search(title) if title else None
        if titled is not None:
            return names[titled.group(1).lower()]
    if found is None and any(
        phrase in paragraph.lower() and len(paragraph) < 4 * len(phrase) + 60
        for paragraph in text.split("\n")
        for phrase in unnamed
    ):
        return UNNAMED_AGENCIES  # a line or short note of its own, not a sentence of the story
    if found is None and any(_photo_credit().search(line) for line in _photo_credit_lines(text)):
        return UNNAMED_AGENCIES  # a copy of the agency's report only if it repeats it (fuse.Fuser.origins)
    if found is None:
        lede = _lede_credit().search(first_sentence(text))
        if lede is None:  # "The News Agency of Nigeria, NAN, reports that ...": a rewrite's formula, next
            second = _lede_credit().search(first_sentence(text, skip=1))
            lede = second if second is not None and second.group(2) else None
            if lede is not None and outlet and re.search(rf"\btold\s+(?:the\s+)?{re.escape(outlet)}\b", text):
                lede = None  # "a ministry official told FlightGlobal": reporting of its own, not a rewrite
        return names[(lede.group(1) or lede.group(2)).lower()] if lede else None
    return names[next(g for g in found.groups() if g).lower()]


_PICTURE_WORD = re.compile(r"photo|foto|picture|image", re.IGNORECASE)


def _photo_credit_lines(text: str) -> list[str]:
    """The lines that may hold a photo credit: a credit has a slash or "Photo:" in it. The credit pattern's
    long outlet alternation is slow on a whole text (most of a run's time in ingest), and fast on these."""
    return [
        line
        for line in text.split("\n")
        if "/" in line or (":" in line and _PICTURE_WORD.search(line) is not None)
    ]


def first_sentence(text: str, skip: int = 0) -> str:
    """The lede: the first paragraph of the body that reads as a sentence (a headline, a byline or a
    page line has no full stop at its end), up to its first full stop; with skip, of a later paragraph."""
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if len(paragraph) > 80 and paragraph.endswith((".", '"', "”")):
            if skip == 0:
                return paragraph.split(". ", 1)[0]
            skip -= 1
    return ""
