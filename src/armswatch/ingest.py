"""Ingest: read articles from text, HTML and JSON Lines files into Documents, with clear per-file errors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from armswatch.decode import (
    IngestError,
    decode_bytes,
    html_to_document,
    replace_surrogates,
    url_id,
)
from armswatch.normalise import published_date
from armswatch.records import Document

__all__ = [  # the decoding names other modules have always imported from here
    "IngestError",
    "decode_bytes",
    "html_to_document",
    "read_documents",
    "replace_surrogates",
    "url_id",
]

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is far smaller; larger inputs are refused, not parsed
MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
METADATA_FIELDS = ("title", "outlet", "url")


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
