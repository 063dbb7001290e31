"""Property-based tests of the extractor on hostile input: arbitrary Unicode, one huge token, ten thousand
sentences, deeply nested and broken HTML, undecodable bytes and arbitrary JSON Lines.

For every input: no exception escapes the entry point (bad input ends as an IngestError, the designed
error), every record validates against the contract's schema and encodes as UTF-8 JSON, and every
evidence and mention span lies inside the text with text[start:end] the non-blank words it points at.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armswatch.contract import load_schema
from armswatch.ingest import (
    MAX_ARTICLE_BYTES,
    IngestError,
    bytes_to_document,
    read_documents,
    read_jsonl_lines,
)
from armswatch.parse import load_nlp
from armswatch.pipeline import Pipeline
from armswatch.records import Document, ExtractionRecord

VALIDATOR = jsonschema.Draft202012Validator(load_schema())
FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]

SENTENCES = [
    "Turkey delivered six Bayraktar TB2 drones to Azerbaijan in 2020, the ministry said.",
    "Greece signed a $2.5 billion contract for 24 Rafale jets with Dassault on 25 January 2021.",
    "Russia denied sending troops to Mali, the foreign ministry told RIA Novosti.",
    "India and France held a joint naval exercise in the Indian Ocean last week.",
    "According to Reuters, Iran supplied Shahed drones to Russia.",
    "President Erdogan met Ilham Aliyev in Baku on Monday.",
    "The weather in Oslo was mild.",
]
ODD = [
    "\x00",
    "\ud800",
    "\udfff",
    "\ud83d",  # half of a surrogate pair
    "\u202e",  # right-to-left override
    "\u200f",
    "\ufeff",
    "\u0301\u0301\u0301",  # combining marks with nothing to combine with
    "e\u0301",
    "تركيا سلمت طائرات مسيرة إلى أذربيجان",
    "ישראל מכרה מערכות הגנה אווירית",
    "🚁🛩️👩‍👩‍👧‍👦🇹🇷",
    "\r\n\r\n",
    "\u2028",
    "\t\x0b\x0c",
    "Ａｚｅｒｂａｉｊａｎ",
    "\U0010ffff",
]
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, lone surrogates included
PIECES = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(ODD), st.text(ANY_CHAR, max_size=30))
TEXTS = st.lists(PIECES, min_size=1, max_size=12).flatmap(
    lambda parts: st.sampled_from([" ", "", "\n", "\n\n"]).map(lambda sep: sep.join(parts))
)


def assert_record_holds(record: ExtractionRecord, text: str) -> dict[str, Any]:
    """The contract properties of one record extracted from ``text``."""
    data = record.to_dict()
    VALIDATOR.validate(data)
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # lone surrogates were replaced
    for event in data["events"]:
        assert event["evidence"]
        for start, end in event["evidence"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()
    for entity in data["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()
    return data


def extract_one(pipeline: Pipeline, document: Document) -> dict[str, Any]:
    text = document.text
    (record,) = list(pipeline.extract([document]))  # raises when extraction of the document failed
    return assert_record_holds(record, text)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=TEXTS, published=st.one_of(st.none(), st.just("2024-06-12")))
def test_arbitrary_unicode_text(pipeline: Pipeline, text: str, published: str | None) -> None:
    extract_one(pipeline, Document(id="t", text=text, published=published))


def test_lone_surrogates_are_replaced_in_what_the_record_names(pipeline: Pipeline) -> None:
    text = "Turkey delivered six drones to Azerbaijan, said Erdo\ud800gan \udfff in Baku."
    data = extract_one(pipeline, Document(id="t", text=text))
    names = [e["name"] for e in data["entities"]]
    assert "Turkey" in names and "Azerbaijan" in names
    assert not any("\ud800" in n or "\udfff" in n for n in names)


WORD_CHARS = st.characters(categories=["L", "N", "M"])  # what one token of spaCy's is made of


@settings(max_examples=4, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    unit=st.one_of(
        st.sampled_from(["a", "x7", "é", "ب", "\u0301", "\u4e2d"]),
        st.text(WORD_CHARS, min_size=1, max_size=3),
    ),
    around=st.sampled_from(["", "Turkey delivered drones to Azerbaijan. "]),
)
def test_one_huge_token(pipeline: Pipeline, unit: str, around: str) -> None:
    token = (unit * (100_000 // len(unit) + 1))[:100_000]
    extract_one(pipeline, Document(id="t", text=around + token + " " + around))


@settings(max_examples=3, deadline=None, suppress_health_check=FIXTURE_OK)
@given(unit=st.sampled_from(["🚁", "-", "(", "'", "\n", "🇹🇷", ".,"]))
def test_long_runs_without_spaces_keep_their_offsets(pipeline: Pipeline, unit: str) -> None:
    # spaCy's tokenizer peels affixes off a run one copy at a time, so long runs are tokenized in pieces
    sentence = "Turkey delivered six drones to Azerbaijan."
    text = f"{sentence} {unit * 3000} {sentence}"
    data = extract_one(pipeline, Document(id="t", text=text))
    turkey = next(e for e in data["entities"] if e["name"] == "Turkey")
    assert turkey["mentions"] == [[0, 6], [text.rindex("Turkey"), text.rindex("Turkey") + 6]]


SHORT_SENTENCES = ["Peace.", "Mali bought rifles.", "It did.", "Chad ordered two jets from Iran.", "No!"]


@pytest.mark.long
@settings(max_examples=2, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    sentences=st.lists(st.sampled_from(SHORT_SENTENCES), min_size=1, max_size=5),
    sep=st.sampled_from([" ", "\n"]),
)
def test_ten_thousand_sentences(pipeline: Pipeline, sentences: list[str], sep: str) -> None:
    text = sep.join(sentences[i % len(sentences)] for i in range(10_000))
    data = extract_one(pipeline, Document(id="t", text=text, published="2024-06-12"))
    if "Chad ordered two jets from Iran." in sentences:
        assert data["events"]


def test_every_article_ingest_accepts_fits_the_parser() -> None:
    assert load_nlp().max_length >= MAX_ARTICLE_BYTES  # spaCy's own limit is 1M characters


ARTICLE = " ".join(SENTENCES[:4])
TAGS = st.sampled_from(
    ["div", "p", "span", "article", "table", "td", "b", "i", "script", "style", "nav", "a"]
)


def html_tree(depth_limit: int = 6) -> st.SearchStrategy[str]:
    leaf = st.one_of(
        st.sampled_from(SENTENCES),
        st.text(ANY_CHAR, max_size=20),
        st.sampled_from(["&amp;", "&#x0;", "&bogus;", "<!--", "]]>", "<![CDATA[", "<", ">"]),
    )

    def wrap(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.tuples(
            TAGS,
            st.lists(children, max_size=4),
            st.booleans(),
            st.sampled_from(["", ' class="x', " onclick='", ' a=b c="d"']),
        ).map(lambda t: f"<{t[0]}{t[3]}>{''.join(t[1])}" + (f"</{t[0]}>" if t[2] else ""))

    return st.recursive(leaf, wrap, max_leaves=30)


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    body=html_tree(),
    head=st.sampled_from(["<!doctype html><html>", "<html><head><title>T</title>", "", "<html><body><html>"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_malformed_html(pipeline: Pipeline, body: str, head: str, encoding: str) -> None:
    data = (head + body + f"<article><p>{ARTICLE}</p></article>").encode(encoding, errors="replace")
    document = bytes_to_document(data, "page", where="page.html", html=True)
    if isinstance(document, IngestError):
        assert document.problem
        return
    extract_one(pipeline, document)


@settings(max_examples=4, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    depth=st.sampled_from([50, 300, 5_000, 20_000]),
    tag=st.sampled_from(["div", "b", "table", "span"]),
    closed=st.booleans(),
)
def test_deeply_nested_html(pipeline: Pipeline, depth: int, tag: str, closed: bool) -> None:
    html = "<html><body>" + f"<{tag}>" * depth + f"<p>{ARTICLE}</p>" + (f"</{tag}>" * depth if closed else "")
    document = bytes_to_document(html.encode(), "deep", where="deep.html", html=True)
    if depth <= 50:
        assert isinstance(document, Document)
    if isinstance(document, IngestError):  # past the HTML parser's depth limit the article is out of reach
        assert document.where == "deep.html" and "no article text" in document.problem
        return
    extract_one(pipeline, document)


CODECS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "cp1252",
    "latin-1",
    "koi8-r",
    "shift_jis",
    "gb18030",
    "iso8859-7",
]


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    text = draw(TEXTS.map(lambda t: t + " " + ARTICLE))
    raw = text.encode(draw(st.sampled_from(CODECS)), errors="replace")
    cut = draw(st.integers(0, 3))  # a truncated multi-byte sequence at the end
    noise = draw(st.binary(max_size=40))
    at = draw(st.integers(0, len(raw)))
    return raw[: len(raw) - cut] if draw(st.booleans()) else raw[:at] + noise + raw[at:]


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(
    data=st.one_of(article_bytes(), st.binary(max_size=300)), suffix=st.sampled_from([".txt", ".html", ".md"])
)
def test_undecodable_bytes_through_files(pipeline: Pipeline, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        items = list(read_documents([path]))
    assert len(items) == 1
    (item,) = items
    if isinstance(item, IngestError):
        assert item.where == str(path) and item.problem
        return
    assert item.id == "article" and item.source_path == str(path)
    extract_one(pipeline, item)


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(ANY_CHAR, max_size=20),
        st.sampled_from(SENTENCES),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.one_of(TEXTS, JSON_VALUES),
        "html": st.one_of(html_tree(), JSON_VALUES),
        "url": st.one_of(st.just("https://example.org/a"), JSON_VALUES),
        "title": JSON_VALUES,
        "outlet": JSON_VALUES,
        "published": st.one_of(
            st.sampled_from(["2024-06-12", "2024-02-30", "2024-06-12T08:00:00Z", "June", ""]), JSON_VALUES
        ),
    },
)
LINES = st.one_of(
    RECORDS.map(lambda r: json.dumps(r).encode()),  # ASCII escapes: "\ud800" comes back a lone surrogate
    RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", errors="surrogatepass")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=60).filter(lambda b: b"\n" not in b),
    st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),  # nesting deep enough to hit the recursion limit
)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(lines=st.lists(LINES, min_size=1, max_size=5))
def test_arbitrary_jsonl(pipeline: Pipeline, lines: list[bytes]) -> None:
    items = list(read_jsonl_lines(io.BytesIO(b"\n".join(lines)), "bulk.jsonl", "bulk"))
    assert len(items) == sum(1 for line in lines if line.strip())  # one result per non-blank line
    for item in items:
        if isinstance(item, IngestError):
            assert item.where.startswith("bulk.jsonl:") and item.problem
            continue
        assert_record_holds(ExtractionRecord(item, [], []), item.text)
        extract_one(pipeline, item)


def test_a_text_over_the_parser_limit_given_directly_is_an_error_not_a_crash(pipeline: Pipeline) -> None:
    """Ingest refuses such files up front; a caller handing Documents straight to the pipeline gets a
    counted error for that document, and the documents around it are still read."""
    huge = Document(id="huge", text="Poland ordered tanks. " * (pipeline.nlp.max_length // 22 + 10))
    small = Document(id="small", text="Poland ordered 180 K2 tanks from South Korea, the ministry said.")
    results = list(pipeline.extract_or_fail([small, huge, small]))
    assert [type(r).__name__ for r in results] == ["ExtractionRecord", "IngestError", "ExtractionRecord"]
    assert "longer than" in str(results[1])
