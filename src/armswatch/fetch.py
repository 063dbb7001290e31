"""Ingest from the web: fetch one article URL politely and safely (timeouts, bounded redirects, a size
limit, retries with backoff, a clear User-Agent, robots.txt, content-type checks), refusing private,
loopback and link-local addresses unless explicitly allowed, so a submitted URL cannot probe the host."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from armswatch import __version__
from armswatch.ingest import decode_bytes, html_to_document, url_id
from armswatch.records import Document

USER_AGENT = f"armswatch/{__version__} (+https://github.com/armswatch; reads published news)"
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
RETRIES = 3
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class FetchError(RuntimeError):
    """A URL that could not be fetched as an article; the message says why in one line."""


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False  # tests on 127.0.0.1 pass True; a server never should
    respect_robots: bool = True
    retries: int = RETRIES
    backoff: float = 0.5  # seconds, doubled after each failed try
    timeout: float = 15.0  # seconds for the whole exchange with one server


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-HTTP schemes and hosts that resolve to private, loopback, link-local or reserved space."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if policy.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve {parts.hostname} ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            raise FetchError(f"{url}: refusing to fetch a private or local address ({address})")


@lru_cache(maxsize=256)
def _robots(origin: str, timeout: float) -> RobotFileParser | None:
    parser = RobotFileParser()
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(5.0, timeout)), headers={"User-Agent": USER_AGENT}
        ) as client:
            response = client.get(urljoin(origin, "/robots.txt"))
    except httpx.HTTPError:
        return None  # no robots.txt reachable: nothing forbids the fetch
    if response.status_code >= 400:
        return None
    parser.parse(response.text.splitlines())
    return parser


def robots_allow(url: str, policy: FetchPolicy) -> bool:
    if not policy.respect_robots:
        return True
    parts = urlsplit(url)
    parser = _robots(f"{parts.scheme}://{parts.netloc}", policy.timeout)
    return parser is None or parser.can_fetch(USER_AGENT, url)


def fetch_url(url: str, policy: FetchPolicy | None = None) -> Document:
    """The article at a URL as a Document (doc.id is a stable hash of the URL)."""
    policy = policy or FetchPolicy()
    check_address(url, policy)
    if not robots_allow(url, policy):
        raise FetchError(f"{url}: robots.txt disallows fetching it")
    body, content_type, final_url = _get(url, policy)
    doc_id = url_id(url)
    if any(t in content_type for t in HTML_TYPES):
        text = decode_bytes(body)
        if text is None:
            raise FetchError(f"{url}: the page is not text")
        document = html_to_document(text, doc_id, url=final_url)
        if isinstance(document, str):
            raise FetchError(f"{url}: {document}")
        document.url = url
        return document
    if any(t in content_type for t in TEXT_TYPES):
        text = decode_bytes(body)
        if text is None or not text.strip():
            raise FetchError(f"{url}: empty or binary text")
        return Document(id=doc_id, text=text, url=url)
    raise FetchError(f"{url}: not an article (content type {content_type or 'unknown'})")


def _get(url: str, policy: FetchPolicy) -> tuple[bytes, str, str]:
    """GET with bounded redirects (each hop checked), a size limit and retries with backoff."""
    delay = policy.backoff
    last_error = "no attempt made"
    for attempt in range(max(1, policy.retries)):
        try:
            return _get_once(url, policy)
        except FetchError:
            raise
        except (httpx.TimeoutException, httpx.TransportError, _Retryable) as exc:
            last_error = str(exc) or exc.__class__.__name__
            if attempt + 1 < policy.retries:
                time.sleep(delay)
                delay *= 2
    raise FetchError(f"{url}: {last_error} (after {policy.retries} tries)")


class _Retryable(Exception):
    """A server error (5xx) or 429: worth another try."""


def _get_once(url: str, policy: FetchPolicy) -> tuple[bytes, str, str]:
    current = url
    timeout = httpx.Timeout(policy.timeout, connect=min(5.0, policy.timeout))
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(current, policy)
            with client.stream("GET", current) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{url}: redirect without a location")
                    current = urljoin(current, location)
                    continue
                if response.status_code in (429,) or response.status_code >= 500:
                    raise _Retryable(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                declared = int(response.headers.get("content-length") or 0)
                if declared > MAX_BYTES:
                    raise FetchError(f"{url}: page is larger than {MAX_BYTES // 2**20} MB")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise FetchError(f"{url}: page is larger than {MAX_BYTES // 2**20} MB")
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "").lower()
                return b"".join(chunks), content_type, current
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
