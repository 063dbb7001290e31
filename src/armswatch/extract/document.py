"""Per-document indexes, built once per Doc and kept in its user_data: a long article has thousands of
triggers, and each lookup must not walk the whole document."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span

from armswatch.normalise import TODAY_PART
from armswatch.parse import doc_text, hard_breaks
from armswatch.resolve import DASHES, Mention

PARAGRAPH_BREAKS_KEY = "armswatch_paragraph_breaks"
MENTION_INDEX_KEY = "armswatch_mention_index"
DATE_ENTS_KEY = "armswatch_date_ents"
BULLETS = frozenset("*•-–—·▪")


def paragraph_index(doc: Doc, char: int) -> int:
    """Index of the paragraph holding a character offset: the number of line-break runs before it."""
    breaks: list[int] | None = doc.user_data.get(PARAGRAPH_BREAKS_KEY)
    if breaks is None:
        breaks = hard_breaks(doc_text(doc))
        doc.user_data[PARAGRAPH_BREAKS_KEY] = breaks
    return bisect_left(breaks, char)


def mention_index(doc: Doc) -> tuple[list[int], list[Mention]]:
    """The resolved mentions in order of their first token, with those token offsets."""
    index: tuple[list[int], list[Mention]] | None = doc.user_data.get(MENTION_INDEX_KEY)
    if index is None:
        ordered = sorted(doc._.mentions or [], key=lambda m: m.start)
        index = ([m.start for m in ordered], ordered)
        doc.user_data[MENTION_INDEX_KEY] = index
    return index


def mentions_in(doc: Doc, start: int, end: int) -> list[Mention]:
    """The mentions whose first token lies in doc[start:end], in order."""
    starts, ordered = mention_index(doc)
    return ordered[bisect_left(starts, start) : bisect_left(starts, end)]


def date_ents(sent: Span) -> list[Span]:
    """The DATE entities inside a sentence, in order (Span.ents walks every entity of the document)."""
    doc = sent.doc
    spans: list[tuple[int, int]] | None = doc.user_data.get(DATE_ENTS_KEY)
    if spans is None:
        # and "this morning", "earlier today", which the tagger calls a time: the day of publication
        spans = [
            (e.start, e.end)
            for e in doc.ents
            if e.label_ == "DATE" or (e.label_ == "TIME" and TODAY_PART.search(e.text.lower()))
        ]
        doc.user_data[DATE_ENTS_KEY] = spans
    out: list[Span] = []
    for i in range(bisect_left(spans, (sent.start, -1)), len(spans)):
        start, end = spans[i]
        if start >= sent.end:
            break
        if end <= sent.end:
            out.append(doc[start:end])
    return out


def line_start(doc: Doc, i: int) -> int:
    """The first token of the line (paragraph) token i stands in (read from the tokens: Doc.text would join
    the whole article each time)."""
    while i > 0 and "\n" not in doc[i - 1].text_with_ws:
        i -= 1
    return i


def line_end(doc: Doc, i: int) -> int:
    """The last token of the line (paragraph) token i stands in."""
    while i + 1 < len(doc) and "\n" not in doc[i].text_with_ws:
        i += 1
    return i


def labelled_date(ent: Span, label: re.Pattern[str]) -> bool:
    """A date a page labels as its own ("date 2022-09-05 ...", "Published: 5 September"): all that comes
    before it on its line is the label."""
    doc = ent.doc
    i = line_start(doc, ent.start)  # the line's text before the date is the label
    head = doc[i - 1].text_with_ws.rsplit("\n", 1)[1] if i > 0 else ""
    return bool(label.match(head + "".join(t.text_with_ws for t in doc[i : ent.start])))


def in_dateline(ent: Span) -> bool:
    """A date in a story's place line ("MINSK, 18 June 2024 — ..."): the day of the report, not of an event.
    Only names and punctuation from the line start, and a dash right after."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 8]
    # the dash may be read into the date ("June 10 - the"); an agency's credit may stand for it
    # ("Feb 6 (PTI) Armenia ...")
    credit = len(after) >= 3 and after[0].text == "(" and ")" in {t.text for t in after[1:]}
    if not any(t.text in DASHES for t in [*ent, *after[:3]]) and not credit:
        return False
    placed = bulleted = False
    for i in range(ent.start - 1, -1, -1):
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            break
        if token.pos_ not in ("PROPN", "PUNCT", "NUM", "SPACE") and not token.text.isupper():
            return False
        placed = placed or token.pos_ == "PROPN" or token.text.isupper()
        bulleted = bulleted or token.text in BULLETS
    # "* May 2021 - Croatia announces ...", "2019 - Zagreb signs": a timeline's entry starts with the date of
    # what it tells; a place line names its place, and a bare report day gives the day
    return placed or not (bulleted or not any(t.like_num and len(t.text) <= 2 for t in ent))
