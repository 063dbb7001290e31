"""Ingest from the web: fetch one article URL politely and safely (timeouts, bounded redirects, a size
limit, retries with backoff, a clear User-Agent, robots.txt, content-type checks), refusing private,
loopback and link-local addresses unless explicitly allowed, so a submitted URL cannot probe the host."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from armswatch import __version__
from armswatch.decode import decode_bytes, html_to_document, url_id
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


def forbidden_address(text: str) -> bool:
    """Anything but a public unicast address: private, loopback, link-local, shared (100.64/10), reserved,
    documentation, multicast and unspecified space, and IPv4-mapped IPv6 forms of them."""
    address = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def check_address(url: str, policy: FetchPolicy) -> None:
    """Refuse non-HTTP schemes and hosts that resolve to a non-public address (a clear error up front; the
    connection itself is checked again by GuardedBackend, whatever the DNS answers by then)."""
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
        if forbidden_address(str(info[4][0])):
            raise FetchError(f"{url}: refusing to fetch a private or local address ({info[4][0]})")


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, resolving the host itself and connecting only to an address it has just
    checked: a DNS answer that changes between check_address and the connection (DNS rebinding) cannot
    reach a private address. TLS still verifies the certificate against the URL's host name."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            return self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc.strerror})") from None
        addresses = [str(info[4][0]) for info in infos]
        refused = [a for a in addresses if forbidden_address(a)]
        if refused:
            raise FetchError(f"{host}: refusing to connect to a private or local address ({refused[0]})")
        return self.inner.connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def guarded_client(allow_private: bool, timeout: httpx.Timeout) -> httpx.Client:
    """An httpx client whose every connection goes through GuardedBackend (redirects are ours to follow)."""
    transport = httpx.HTTPTransport()
    # httpx builds its httpcore pool without a way to pass a backend: give it one that has ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=GuardedBackend(allow_private)
    )
    return httpx.Client(
        transport=transport, timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False
    )


def declared_length(header: str | None) -> int:
    """A Content-Length header's value; 0 when it is missing or malformed (the body is counted anyway)."""
    try:
        return max(int((header or "0").split(",")[0].strip()), 0)
    except ValueError:
        return 0


class RobotsCache:
    """robots.txt per site, kept for ROBOTS_TTL seconds. A site whose robots.txt answers 4xx has none
    (nothing forbids a fetch) and that is kept too; a failed fetch (network error, 5xx) is not kept, so
    the next fetch asks again instead of taking "allowed" for the life of the process."""

    def __init__(self, ttl: float = 3600.0, size: int = 256) -> None:
        self.ttl = ttl
        self.size = size
        self.entries: dict[tuple[str, bool], tuple[float, RobotFileParser | None]] = {}

    def get(self, origin: str, timeout: float, allow_private: bool) -> RobotFileParser | None:
        key = (origin, allow_private)
        now = time.monotonic()
        kept = self.entries.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        try:
            with guarded_client(allow_private, httpx.Timeout(timeout, connect=min(5.0, timeout))) as client:
                response = client.get(urljoin(origin, "/robots.txt"))
        except httpx.HTTPError:
            return None  # unreachable now: allowed this time, asked again next time
        if response.status_code >= 500:
            return None
        parser: RobotFileParser | None = None
        if response.status_code < 400:
            parser = RobotFileParser()
            parser.parse(response.text.splitlines())
        if len(self.entries) >= self.size:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = (now + self.ttl, parser)
        return parser


ROBOTS = RobotsCache()


def robots_allow(url: str, policy: FetchPolicy) -> bool:
    if not policy.respect_robots:
        return True
    parts = urlsplit(url)
    parser = ROBOTS.get(f"{parts.scheme}://{parts.netloc}", policy.timeout, policy.allow_private)
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
                asked = exc.retry_after if isinstance(exc, _Retryable) else None
                # the server's Retry-After wins over our backoff, within a bound we can wait
                time.sleep(min(asked, MAX_RETRY_AFTER) if asked is not None else delay)
                delay *= 2
    raise FetchError(f"{url}: {last_error} (after {policy.retries} tries)")


class _Retryable(Exception):
    """A server error (5xx) or 429: worth another try, after Retry-After seconds when the server says."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


MAX_RETRY_AFTER = 60.0


def retry_after_seconds(header: str | None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date; None when missing or unreadable."""
    if not header:
        return None
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _get_once(url: str, policy: FetchPolicy) -> tuple[bytes, str, str]:
    current = url
    timeout = httpx.Timeout(policy.timeout, connect=min(5.0, policy.timeout))
    with guarded_client(policy.allow_private, timeout) as client:
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
                    raise _Retryable(
                        f"HTTP {response.status_code}",
                        retry_after_seconds(response.headers.get("retry-after")),
                    )
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                declared = declared_length(response.headers.get("content-length"))
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
