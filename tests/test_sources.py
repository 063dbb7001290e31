"""Web archives written by the test, and RSS/Atom feeds served on 127.0.0.1 (with ETag on the second poll)."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from armswatch.fetch import FetchPolicy
from armswatch.ingest import IngestError, read_documents
from armswatch.pipeline import Pipeline, watch
from armswatch.records import Document
from armswatch.sources import parse_interval, poll_feed, read_feed_list
from armswatch.store import DocumentRow, Store
from conftest import LocalHandler, serving


def article_html(title: str, body: str) -> str:
    more = (
        "The announcement was made at a press conference in the capital on Tuesday morning, and "
        "officials said further details of the programme would be published later this year."
    )
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav>Home</nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{more}</p></article></body></html>"
    )


ARTICLES = {
    "/news/chile-frigates": article_html(
        "Chile buys frigates",
        "Chile has ordered two Type 26 frigates from the United Kingdom, the navy said.",
    ),
    "/news/kenya-drones": article_html(
        "Kenya receives drones", "Kenya has received four Bayraktar TB2 drones from Turkey, officials said."
    ),
}


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    writer = GzipWriter(str(path))
    for uri, content_type, payload in records:
        record = WarcRecord()
        record.init_headers(record_type=WarcRecordType.response)
        record.headers["WARC-Target-URI"] = uri
        record.headers["Content-Type"] = "application/http; msgtype=response"
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode()
        record.set_bytes_content(head + payload)
        record.write(writer)
    writer.close()


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            (
                "https://news.example/chile",
                "text/html; charset=utf-8",
                ARTICLES["/news/chile-frigates"].encode(),
            ),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            ("https://news.example/kenya", "text/html", ARTICLES["/news/kenya-drones"].encode()),
        ],
    )
    items = list(read_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.url for d in docs] == ["https://news.example/chile", "https://news.example/kenya"]
    assert "Type 26 frigates" in docs[0].text
    assert len(errors) == 1 and "not HTML (image/png)" in errors[0].problem


def test_truncated_warc_keeps_what_it_read_and_reports_the_rest(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    records = [
        (f"https://news.example/{i}", "text/html", ARTICLES["/news/kenya-drones"].encode()) for i in range(3)
    ]
    write_warc(whole.with_suffix(".warc.gz"), records)
    import gzip

    raw = gzip.decompress(whole.with_suffix(".warc.gz").read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(raw[: int(len(raw) * 0.8)])
    items = list(read_documents([cut]))
    assert any(isinstance(i, Document) for i in items)
    assert isinstance(items[-1], IngestError)


class FeedHandler(LocalHandler):
    polls: list[str | None] = []  # noqa: RUF012  (the If-None-Match header of each feed request)

    def do_GET(self) -> None:
        host = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path in ("/rss.xml", "/atom.xml"):
            FeedHandler.polls.append(self.headers.get("If-None-Match"))
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            if self.path == "/rss.xml":
                items = "".join(
                    f"<item><title>{p}</title><link>{host}{p}</link><guid>{p}</guid></item>" for p in ARTICLES
                )
                body = (
                    f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}"
                    "</channel></rss>"
                )
                content_type = "application/rss+xml"
            else:
                entries = "".join(
                    f"<entry><title>{p}</title><id>tag:{p}</id><link href='{host}{p}'/>"
                    f"<updated>2025-01-01T00:00:00Z</updated></entry>"
                    for p in ARTICLES
                )
                body = (
                    f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Desk</title>"
                    f"<id>tag:desk</id><updated>2025-01-01T00:00:00Z</updated>{entries}</feed>"
                )
                content_type = "application/atom+xml"
            self.send(200, body.encode(), content_type, {"ETag": '"v1"'})
        elif self.path in ARTICLES:
            self.send(200, ARTICLES[self.path].encode())
        elif self.path == "/broken.xml":
            self.send(200, b"this is not a feed <<<", "application/rss+xml")
        else:
            self.send_response(404)
            self.end_headers()


@pytest.fixture
def feed_server() -> Iterator[str]:
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)) as url:
        yield url


LOCAL = FetchPolicy(allow_private=True, backoff=0.01, timeout=2.0)


@pytest.mark.parametrize("feed", ["/rss.xml", "/atom.xml"])
def test_feed_items_once_then_not_modified(feed: str, feed_server: str, store: Store) -> None:
    first = poll_feed(f"{feed_server}{feed}", store, LOCAL)
    assert first.status == "new items"
    assert sorted(first.new_links) == sorted(f"{feed_server}{p}" for p in ARTICLES)
    second = poll_feed(f"{feed_server}{feed}", store, LOCAL)
    assert second.status == "not modified" and not second.new_links
    assert FeedHandler.polls[-1] == '"v1"'  # the ETag went back to the server


def test_watch_once_ingests_new_articles_and_skips_seen_ones(
    feed_server: str, store: Store, pipeline: Pipeline
) -> None:
    stored = watch(pipeline, store, [f"{feed_server}/rss.xml", f"{feed_server}/broken.xml"], policy=LOCAL)
    assert stored == 2
    with store.sessions() as session:
        urls = sorted(d.url for d in session.query(DocumentRow))
    assert urls == sorted(f"{feed_server}{p}" for p in ARTICLES)
    assert watch(pipeline, store, [f"{feed_server}/rss.xml"], policy=LOCAL) == 0


def test_broken_feed_is_an_error_not_a_crash(feed_server: str, store: Store) -> None:
    poll = poll_feed(f"{feed_server}/broken.xml", store, LOCAL)
    assert poll.status == "error" and poll.error
    refused = poll_feed(f"{feed_server}/rss.xml", store, FetchPolicy())
    assert refused.status == "error" and "private or local address" in (refused.error or "")


def test_feed_lists_and_intervals(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        "<opml version='2.0'><body><outline text='Defence'>"
        "<outline type='rss' xmlUrl='https://a.example/rss'/>"
        "<outline type='rss' xmlUrl='https://b.example/atom'/></outline></body></opml>"
    )
    plain = tmp_path / "feeds.txt"
    plain.write_text("# my feeds\nhttps://a.example/rss\n\nhttps://c.example/feed\n")
    assert read_feed_list(opml) == ["https://a.example/rss", "https://b.example/atom"]
    assert read_feed_list(plain) == ["https://a.example/rss", "https://c.example/feed"]
    assert (parse_interval("15m"), parse_interval("30s"), parse_interval("2h")) == (900.0, 30.0, 7200.0)
    with pytest.raises(ValueError):
        parse_interval("soon")
