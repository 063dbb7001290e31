"""Ingest from sources beyond files: web archives (WARC/WARC.gz response records, as Common Crawl News
distributes them) and RSS/Atom feeds polled with conditional GET, remembering what was seen."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from armswatch.decode import IngestError, decode_bytes, html_to_document, url_id
from armswatch.fetch import USER_AGENT, FetchError, FetchPolicy, check_address
from armswatch.records import Document
from armswatch.store import FeedStateRow, Store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SEEN = 5000  # item ids remembered per feed


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def read_warc(path: Path) -> Iterator[Document | IngestError]:
    """HTML response records of a WARC file as Documents; other records are skipped, broken ones reported."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    where = str(path)
    try:
        records = ArchiveIterator(
            str(path), record_types=WarcRecordType.response, parse_http=True, fsspec_args=False
        )
        for index, record in enumerate(records, start=1):
            uri = record.headers.get("WARC-Target-URI") or f"{where}#{index}"
            content_type = (record.http_content_type or "").lower()
            if not any(t in content_type for t in HTML_TYPES):
                yield IngestError(f"{where}:{uri}", f"not HTML ({content_type or 'no content type'})")
                continue
            text = decode_bytes(record.reader.read())
            if text is None:
                yield IngestError(f"{where}:{uri}", "binary content")
                continue
            document = html_to_document(text, url_id(uri), url=uri)
            if isinstance(document, str):
                yield IngestError(f"{where}:{uri}", document)
                continue
            document.url = uri
            document.source_path = f"{where}:{uri}"
            yield document
    except Exception as exc:  # a truncated or corrupt archive ends its own reading, not the run
        yield IngestError(where, f"truncated or malformed WARC ({exc.__class__.__name__}: {str(exc)[:80]})")


# ---- feeds ----------------------------------------------------------------------------------------------


@dataclass
class FeedPoll:
    url: str
    status: str  # "new items", "no new items", "not modified", "error"
    new_links: list[str] = field(default_factory=list)
    error: str | None = None
    items: list[tuple[str, str]] = field(default_factory=list)  # (item key, link) of each new item
    etag: str | None = None
    last_modified: str | None = None


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a text file (one per line, # comments) or an OPML export."""
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("<"):
        root = ET.fromstring(text)
        return [o.attrib["xmlUrl"] for o in root.iter("outline") if o.attrib.get("xmlUrl")]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fetch_feed(url: str, store: Store, policy: FetchPolicy) -> FeedPoll:
    """One conditional GET of a feed: the items not seen before. Writes nothing: the caller marks each item
    seen once it is stored (mark_seen) and keeps the validators once every item was tried (remember_feed)."""
    import feedparser

    with store.sessions() as session:
        state = session.get(FeedStateRow, url)
        etag, last_modified = (state.etag, state.last_modified) if state else (None, None)
        known = set(state.seen or []) if state else set()
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        check_address(url, policy)
        response = httpx.get(url, headers=headers, timeout=policy.timeout, follow_redirects=True)
    except (FetchError, httpx.HTTPError) as exc:
        return FeedPoll(url, "error", error=str(exc) or exc.__class__.__name__)
    if response.status_code == 304:
        return FeedPoll(url, "not modified")
    if response.status_code >= 400:
        return FeedPoll(url, "error", error=f"HTTP {response.status_code}")
    parsed = feedparser.parse(response.content)
    if parsed.bozo and not parsed.entries:
        return FeedPoll(url, "error", error=f"not a feed ({parsed.get('bozo_exception', 'unparseable')})")
    items: list[tuple[str, str]] = []
    for entry in parsed.entries:
        key = entry.get("id") or entry.get("link")
        link = entry.get("link")
        if key and link and key not in known:
            known.add(key)
            items.append((key, link))
    return FeedPoll(
        url,
        "new items" if items else "no new items",
        [link for _, link in items],
        items=items,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _feed_state(session: Session, url: str) -> FeedStateRow:
    """The feed's row, locked for this transaction (PostgreSQL) so concurrent watchers never lose a mark."""
    state = session.get(FeedStateRow, url, with_for_update=True)
    if state is None:
        state = FeedStateRow(url=url, seen=[])
        session.add(state)
    return state


def mark_seen(session: Session, url: str, keys: list[str]) -> None:
    """Remember items of a feed as seen, in the caller's transaction (the one that stores the document)."""
    state = _feed_state(session, url)
    seen = list(state.seen or [])
    known = set(seen)
    seen.extend(k for k in dict.fromkeys(keys) if k not in known)
    state.seen = seen[-MAX_SEEN:]


def remember_feed(session: Session, poll: FeedPoll) -> None:
    """Keep the feed's ETag and Last-Modified for the next conditional GET."""
    state = _feed_state(session, poll.url)
    state.etag = poll.etag
    state.last_modified = poll.last_modified


def poll_feed(url: str, store: Store, policy: FetchPolicy) -> FeedPoll:
    """One conditional GET of a feed: the links of items not seen before, remembered as seen at once (for
    callers that only list new items; watch marks each item seen as it stores it)."""
    poll = fetch_feed(url, store, policy)
    if poll.status in ("new items", "no new items"):
        with store.session() as session:
            mark_seen(session, url, [key for key, _ in poll.items])
            remember_feed(session, poll)
    return poll


def feed_urls(urls: list[str], feed_file: Path | None) -> list[str]:
    out = list(urls)
    if feed_file is not None:
        out.extend(read_feed_list(feed_file))
    return list(dict.fromkeys(out))


INTERVAL = re.compile(r"^(\d+)\s*([smhd]?)$")


def parse_interval(value: str) -> float:
    """ "15m" -> 900.0 seconds; "30s", "2h", "1d"; a bare number is minutes."""
    match = INTERVAL.match(value.strip().lower())
    if not match:
        raise ValueError(f"not an interval: {value!r} (use e.g. 30s, 15m, 2h)")
    number, unit = int(match.group(1)), match.group(2) or "m"
    return float(number * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit])
