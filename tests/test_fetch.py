"""Fetching article URLs from a real HTTP server on 127.0.0.1 (started by the tests)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest

from armswatch.fetch import FetchError, FetchPolicy, fetch_url, forbidden_address
from armswatch.ingest import IngestError, read_documents
from armswatch.pipeline import Pipeline
from armswatch.records import Document
from armswatch.store import Store
from conftest import LocalHandler, client_for, serving

ARTICLE = (
    "<!doctype html><html><head><title>Peru buys radars</title>"
    "<meta property='og:site_name' content='Andes Defence'></head><body><nav>Home | World</nav><article>"
    "<h1>Peru buys radars</h1><p>Peru has ordered six air surveillance radars from Thales, the defence "
    "ministry in Lima said on Monday. The radars will be delivered next year and installed on the coast.</p>"
    "<p>The contract is worth about 90 million euros, officials said, and includes training.</p>"
    "</article><footer>Subscribe</footer></body></html>"
)


class Handler(LocalHandler):
    hits: dict[str, int] = {}  # noqa: RUF012  (shared by the server threads on purpose)

    def do_GET(self) -> None:
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/article":
            self.send(200, ARTICLE.encode())
        elif self.path.startswith("/hop/"):
            left = int(self.path.rsplit("/", 1)[1])
            target = "/article" if left == 0 else f"/hop/{left - 1}"
            self.send(302, b"", headers={"Location": target})
        elif self.path == "/missing":
            self.send(404, b"not here")
        elif self.path == "/slow":
            time.sleep(2.0)
            self.send(200, ARTICLE.encode())
        elif self.path == "/huge":
            self.send(200, b"<html><body>" + b"x" * (6 * 1024 * 1024) + b"</body></html>")
        elif self.path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif self.path == "/private/secret":
            self.send(200, ARTICLE.encode())
        elif self.path == "/flaky":
            if Handler.hits[self.path] < 2:
                self.send(503, b"try later")
            else:
                self.send(200, ARTICLE.encode())
        else:
            self.send(404, b"")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on a slow or huge page is the point of those tests


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(QuietServer(("127.0.0.1", 0), Handler)) as url:
        yield url


LOCAL = FetchPolicy(allow_private=True, backoff=0.05, timeout=1.0)


def test_article_page_is_extracted_with_metadata(server: str) -> None:
    doc = fetch_url(f"{server}/article", LOCAL)
    assert "six air surveillance radars" in doc.text
    assert "Subscribe" not in doc.text
    assert doc.title == "Peru buys radars"
    assert doc.url == f"{server}/article"
    assert len(doc.id) == 16


def test_redirect_chain_is_followed_within_bounds(server: str) -> None:
    assert "radars" in fetch_url(f"{server}/hop/3", LOCAL).text
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(f"{server}/hop/9", LOCAL)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", "tries"),
        ("/huge", "larger than 5 MB"),
        ("/image", "not an article (content type image/png)"),
        ("/private/secret", "robots.txt disallows"),
    ],
)
def test_bad_pages_are_one_line_errors(server: str, path: str, problem: str) -> None:
    with pytest.raises(FetchError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        fetch_url(f"{server}{path}", FetchPolicy(allow_private=True, backoff=0.01, timeout=0.5, retries=2))


def test_server_errors_are_retried_with_backoff(server: str) -> None:
    assert "radars" in fetch_url(f"{server}/flaky", LOCAL).text
    assert Handler.hits["/flaky"] == 2


def test_private_and_loopback_addresses_are_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url(f"{server}/article")
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url("file:///etc/passwd", LOCAL)


@pytest.mark.parametrize(
    ("address", "forbidden"),
    [
        ("10.1.2.3", True),
        ("100.64.0.1", True),  # carrier-grade NAT (shared) space: not private, not public either
        ("169.254.169.254", True),  # cloud metadata
        ("192.0.2.10", True),  # documentation
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),  # loopback in IPv4-mapped IPv6 form
        ("fe80::1%eth0", True),
        ("fd00::1", True),
        ("93.184.216.34", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_only_public_unicast_addresses_may_be_fetched(address: str, forbidden: bool) -> None:
    assert forbidden_address(address) is forbidden


def test_the_connection_itself_refuses_a_private_address(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that resolved to a public address when checked and to a private one when
    connecting. With the up-front check passed (as a rebinding DNS would make it pass), the connection
    is still refused, and the server never sees the request."""
    import armswatch.fetch

    monkeypatch.setattr(armswatch.fetch, "check_address", lambda url, policy: None)
    before = Handler.hits.get("/article", 0)
    with pytest.raises(FetchError, match="refusing to connect to a private or local address"):
        fetch_url(f"{server}/article", FetchPolicy(respect_robots=False, retries=1))
    assert Handler.hits.get("/article", 0) == before


def test_connection_refused_is_an_error_not_a_crash() -> None:
    with pytest.raises(FetchError, match="tries"):
        fetch_url("http://127.0.0.1:1/article", FetchPolicy(allow_private=True, backoff=0.01, retries=2))


def test_urls_among_ingest_paths(server: str) -> None:
    items = list(read_documents([f"{server}/article", f"{server}/missing"], allow_private=True))
    assert isinstance(items[0], Document) and "radars" in items[0].text
    assert isinstance(items[1], IngestError) and items[1].problem == "HTTP 404"


def test_submitting_a_url_to_the_api_fetches_it(server: str, store: Store, pipeline: Pipeline) -> None:
    from armswatch.web.app import Settings

    auth = {"Authorization": "Bearer t0ken"}
    with client_for(store, Settings(token="t0ken", allow_private=True), pipeline) as client:
        response = client.post("/api/documents", json={"url": f"{server}/article"}, headers=auth)
        assert response.status_code == 201, response.text
        body = response.json()
        assert any(e["type"] == "transfer" for e in body["events"])
        document = client.get(body["document_url"]).json()
        assert document["doc"]["url"] == f"{server}/article" and "radars" in document["text"]
        refused = client.post("/api/documents", json={"url": f"{server}/missing"}, headers=auth)
        assert refused.status_code == 422 and "HTTP 404" in refused.json()["detail"]
    # without allow_private (the default), a URL may not probe the server's own network
    with client_for(store, Settings(token="t0ken"), pipeline) as closed:
        probe = closed.post("/api/documents", json={"url": f"{server}/article"}, headers=auth)
    assert probe.status_code == 422 and "private or local address" in probe.json()["detail"]


def test_dns_failure_is_an_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_url("http://no-such-host.invalid/article", FetchPolicy())


# ---- small faults: malformed headers, Retry-After, robots.txt failures ------------------------------------


class MoodyHandler(LocalHandler):
    """robots.txt fails once then forbids /private/; a page asks to be retried after a second."""

    hits: dict[str, int] = {}  # noqa: RUF012  (shared by the server threads on purpose)

    def do_GET(self) -> None:
        MoodyHandler.hits[self.path] = MoodyHandler.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            if MoodyHandler.hits[self.path] == 1:
                self.send(503, b"busy")
            else:
                self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/private/page":
            self.send(200, ARTICLE.encode())
        elif self.path == "/later":
            if MoodyHandler.hits[self.path] == 1:
                self.send(503, b"later", headers={"Retry-After": "1"})
            else:
                self.send(200, ARTICLE.encode())
        else:
            self.send(404, b"")


def test_a_failed_robots_fetch_is_not_taken_as_allowed_for_ever() -> None:
    with serving(QuietServer(("127.0.0.1", 0), MoodyHandler)) as url:
        policy = FetchPolicy(allow_private=True, backoff=0.01, timeout=2.0)
        assert "six air surveillance radars" in fetch_url(f"{url}/private/page", policy).text
        with pytest.raises(FetchError, match=r"robots\.txt disallows"):
            fetch_url(f"{url}/private/page", policy)  # robots.txt asked again, and now it forbids


def test_retry_after_is_waited_for() -> None:
    with serving(QuietServer(("127.0.0.1", 0), MoodyHandler)) as url:
        policy = FetchPolicy(allow_private=True, backoff=0.01, timeout=2.0, respect_robots=False)
        started = time.monotonic()
        doc = fetch_url(f"{url}/later", policy)
        assert "radars" in doc.text
        assert time.monotonic() - started >= 0.9  # the server's second, not our 10 ms backoff


def test_header_values_that_do_not_parse() -> None:
    from armswatch.fetch import declared_length, retry_after_seconds

    assert declared_length("abc") == 0 and declared_length(None) == 0
    assert declared_length("120, 120") == 120 and declared_length("-5") == 0
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("tomorrow-ish") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a date in the past: now


def test_outlets_match_whole_words() -> None:
    from armswatch.fuse import outlet_voice

    assert outlet_voice("Kansas City Star") == (False, None)
    assert outlet_voice("ANSA English service")[1] == "ITA"
