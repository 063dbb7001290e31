"""Decoding: article bytes to text and HTML to a Document, with the errors that name an input. The low
module that ingest (files), fetch (URLs) and sources (feeds, WARC) all use, so none imports another for it."""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from charset_normalizer import from_bytes

from armswatch.normalise import published_date
from armswatch.records import Document

MIN_HTML_ARTICLE_WORDS = 15  # below this, what trafilatura found is navigation or boilerplate
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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
