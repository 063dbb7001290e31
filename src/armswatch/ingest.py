"""Ingest: read articles from text, HTML and JSON Lines files into Documents, with clear per-file errors."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from armswatch.normalise import published_date
from armswatch.records import Document

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is far smaller; larger inputs are refused, not parsed
MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024
MIN_HTML_ARTICLE_WORDS = 15  # below this, what trafilatura found is navigation or boilerplate
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
METADATA_FIELDS = ("title", "outlet", "url")


@dataclass(frozen=True)
class IngestError:
    """One input that could not be read: where, and what is wrong."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def replace_surrogates(text: str) -> str:
    """Lone surrogates (JSON escapes such as "\\ud800" make them) replaced one for one by U+FFFD: no
    encoding can write them, and the replacement keeps every character offset of the text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text)
    return text


def decode_bytes(data: bytes) -> str | None:
    """UTF-8 when valid, else the encoding charset-normalizer detects; None for binary content."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if best.encoding.startswith(("cp125", "iso8859", "latin", "mac_")):
        # Short Latin-script samples are ambiguous between single-byte code pages; Windows-1252 is the
        # legacy encoding of most English-language web text, so it wins when it decodes cleanly.
        with contextlib.suppress(UnicodeDecodeError):
            text = data.decode("cp1252")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:10000])
    return text if printable >= 0.95 * min(len(text), 10000) else None


def url_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def html_to_document(html: str, doc_id: str, *, url: str | None = None) -> Document | str:
    """Main text, title, date and site name via trafilatura; a problem string when there is no article."""
    import trafilatura  # imported here: loading it costs ~0.5 s, and plain-text runs never need it

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    data: dict[str, Any] = {}
    if result is not None:
        data = result if isinstance(result, dict) else result.as_dict()
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_HTML_ARTICLE_WORDS:
        return "no article text found in the HTML"
    date = data.get("date")
    return Document(
        id=doc_id,
        text=text,
        title=data.get("title"),
        outlet=data.get("sitename"),
        published=published_date(str(date))[0] if date else None,
        url=url or data.get("url"),
    )


def bytes_to_document(
    data: bytes, doc_id: str, *, where: str, html: bool | None = None
) -> Document | IngestError:
    """One article's raw bytes to a Document: decoded (UTF-8, else detected), then read as HTML when
    ``html`` says so or, when it is None, when the text opens like an HTML page; an IngestError naming
    ``where`` when the bytes hold no article (empty, binary, whitespace, HTML with no article text)."""
    if not data:
        return IngestError(where, "empty file")
    if len(data) > MAX_ARTICLE_BYTES:
        limit = MAX_ARTICLE_BYTES // 2**20
        return IngestError(
            where, f"file is {len(data) / 2**20:.1f} MB; the limit for one article is {limit} MB"
        )
    text = decode_bytes(data)
    if text is None:
        return IngestError(where, "binary content, not a text or HTML article")
    if not text.strip():
        return IngestError(where, "file holds only whitespace")
    if html is None:
        html = text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
    if html:
        doc = html_to_document(text, doc_id)
        return IngestError(where, doc) if isinstance(doc, str) else _with_path(doc, where)
    return Document(id=doc_id, text=text, source_path=where, title=headline(text))


# A headline: short, no full stop at its end, with a blank line (or a dateline) after it.
HEADLINE_MAX_CHARS = 160
DATELINE_START = re.compile(r"^[A-Z][A-Z .'-]{2,40}(,|\s[-–—])")


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as its headline, else None."""
    lines = text.lstrip("\ufeff").lstrip("\n").split("\n")
    first = lines[0].strip() if lines else ""
    if not first or len(first) > HEADLINE_MAX_CHARS or first.endswith((".", ":", ";", ",")):
        return None
    following = next((line.strip() for line in lines[1:3] if line.strip()), "")
    blank_after = len(lines) > 1 and not lines[1].strip()
    if blank_after or DATELINE_START.match(following):
        return first
    return None


def _read_file(path: Path) -> Iterator[Document | IngestError]:
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield IngestError(where, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        if size > MAX_JSONL_BYTES:
            yield IngestError(where, f"file is {size / 2**20:.0f} MB; the limit for a JSONL file is 2 GB")
            return
        yield from read_jsonl(path)
        return
    if size == 0:
        yield IngestError(where, "empty file")
        return
    if size > MAX_ARTICLE_BYTES:
        yield IngestError(
            where,
            f"file is {size / 2**20:.1f} MB; the limit for one article is {MAX_ARTICLE_BYTES // 2**20} MB",
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestError(where, f"cannot read: {exc.strerror or exc}")
        return
    yield bytes_to_document(data, path.stem, where=where, html=True if suffix in HTML_SUFFIXES else None)


def _with_path(doc: Document, where: str) -> Document:
    doc.source_path = where
    return doc


def record_to_document(record: object, default_id: str) -> Document | str:
    """One JSONL record ({"id", "text"|"html", "url", "title", "published", "outlet"}) to a Document."""
    if not isinstance(record, dict):
        return "not a JSON object"
    for key in METADATA_FIELDS:
        if key != "published" and record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' must be a string"
    meta: dict[str, str | None] = {
        key: replace_surrogates(record[key]) or None if isinstance(record.get(key), str) else None
        for key in METADATA_FIELDS
    }
    raw_id = record.get("id")
    if isinstance(raw_id, dict | list):
        return "'id' must be a string or a number"
    url = meta["url"]
    doc_id = replace_surrogates(str(raw_id)) if raw_id else url_id(url) if url else default_id
    published, date_warning = published_date(record.get("published"))
    if isinstance(record.get("text"), str) and record["text"].strip():
        doc = Document(id=doc_id, text=replace_surrogates(record["text"]))
    elif isinstance(record.get("html"), str) and record["html"].strip():
        parsed = html_to_document(replace_surrogates(record["html"]), doc_id, url=url)
        if isinstance(parsed, str):
            return parsed
        doc = parsed
    else:
        return "record has no 'text' or 'html'"
    if len(doc.text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        return f"text is larger than {MAX_ARTICLE_BYTES // 2**20} MB"
    doc.title = meta["title"] or doc.title
    doc.outlet = meta["outlet"] or doc.outlet
    doc.published = published or doc.published or None
    doc.url = url or doc.url
    if date_warning:
        doc.warnings.append(date_warning)
    return doc


def read_jsonl(path: Path) -> Iterator[Document | IngestError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        yield from read_jsonl_lines(handle, str(path), path.stem)


def read_jsonl_lines(lines: Iterable[bytes], name: str, stem: str) -> Iterator[Document | IngestError]:
    """JSON Lines records to Documents; each bad line is an IngestError at "name:line", and the rest go on.
    A record without an id is named "stem-line" (or by a hash of its URL)."""
    for lineno, raw in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError, nesting
            yield IngestError(where, f"not valid JSON ({exc.__class__.__name__}: {str(exc)[:80]})")
            continue
        doc = record_to_document(record, f"{stem}-{lineno}")
        if isinstance(doc, str):
            yield IngestError(where, doc)
        else:
            doc.source_path = where
            yield doc


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files as given; folders walked recursively for supported suffixes; missing paths as errors."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (
                    child.suffix.lower() in SUPPORTED or child.name.lower().endswith((".warc", ".warc.gz"))
                ):
                    yield child
        elif path.exists():
            yield path
        else:
            yield IngestError(str(path), "no such file or directory")


def is_url(raw: str | Path) -> bool:
    return isinstance(raw, str) and raw.startswith(("http://", "https://"))


def read_documents(
    paths: Iterable[str | Path], *, allow_private: bool = False
) -> Iterator[Document | IngestError]:
    """Every document in the given paths and URLs, in order, with an IngestError for each that fails."""
    for raw in paths:
        if is_url(raw):
            from armswatch.fetch import FetchError, FetchPolicy, fetch_url

            try:
                yield fetch_url(str(raw), FetchPolicy(allow_private=allow_private))
            except FetchError as exc:
                yield IngestError(str(raw), str(exc).removeprefix(f"{raw}: "))
            continue
        for item in iter_paths([raw]):
            if isinstance(item, IngestError):
                yield item
            elif item.name.lower().endswith((".warc", ".warc.gz")):
                from armswatch.sources import read_warc

                yield from read_warc(item)
            else:
                yield from _read_file(item)
