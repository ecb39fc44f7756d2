"""Polite HTTP fetching: the only module that talks to the network (and imports httpx).

What "polite" means here, all configurable through :class:`FetchPolicy`:

- robots.txt is fetched once per host and obeyed for our user agent, including its
  ``Crawl-delay`` (RFC 9309: a 4xx robots.txt allows everything, a 5xx or unreachable one
  disallows everything);
- per-host rate limit (``host_delay`` seconds between request starts) and concurrency limit,
  plus a global concurrency limit; different hosts are fetched concurrently;
- 429 and 5xx answers and network errors are retried with exponential backoff, waiting
  what ``Retry-After`` asks for when the server says (up to ``max_retry_after``);
- redirects are followed one hop at a time, so every hop is checked (robots, address) and recorded;
- a response larger than ``max_bytes`` is cut off with an error, and only text, HTML and
  XML (feed/sitemap, possibly gzipped) content types are accepted; the limit counts the
  decoded bytes, and gzip or deflate ``Content-Encoding`` is decoded here, in bounded steps
  (one encoding at most), so a small compressed body cannot expand past it in memory;
- private, loopback and other non-public addresses are refused unless ``allow_private`` (a
  server-side request forgery guard for URLs that come from feeds); link-local addresses, where
  cloud metadata services answer, are refused even then (:data:`NEVER_FETCHED`);
- a host name is resolved once per run and every connection goes to the address that was
  checked (:class:`PinnedTransport`), so DNS that answers differently the second time
  (rebinding) cannot send a request to an address that was never checked;
- conditional requests: validators (ETag, Last-Modified) and bodies of earlier responses are
  kept in a small SQLite file (:class:`HttpCache`), so a re-run that gets ``304 Not
  Modified`` downloads nothing and reuses the stored body. We keep this cache ourselves
  rather than through hishel: it is a few lines, and the 304 path must be visible to the
  report ("cached").
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import re
import socket
import sqlite3
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from .. import __version__
from ..errors import InputError
from .urls import host_of

DEFAULT_USER_AGENT = f"claimgraph/{__version__} (+https://github.com/claimgraph/claimgraph)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Media types we read: pages, feeds, sitemaps (plain or gzipped) and text.
ACCEPTED_TYPES = re.compile(
    r"^(?:text/(?:html|plain|xml)|application/(?:xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|x-gzip|gzip|octet-stream))$"
)
# Link-local and cloud metadata addresses: never fetched, not even with allow_private.
NEVER_FETCHED = tuple(ipaddress.ip_network(net) for net in (
    "169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32",
))
ACCEPT_HEADER = "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,*/*;q=0.5"
ACCEPT_ENCODING = "gzip, deflate"


class FetchError(InputError):
    """A URL could not be fetched; ``stage`` says where it failed (robots or fetch)."""

    def __init__(self, url: str, stage: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how defensively to fetch."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_bytes: int = 10_000_000
    host_delay: float = 1.0
    max_crawl_delay: float = 30.0
    host_concurrency: int = 2
    concurrency: int = 8
    max_redirects: int = 10
    allow_private: bool = False
    respect_robots: bool = True
    cache_dir: Path | None = None

    def __post_init__(self):
        for name in ("concurrency", "host_concurrency", "max_bytes"):
            if getattr(self, name) < 1:
                raise InputError(f"fetch policy: {name} must be at least 1, not {getattr(self, name)}")
        for name in ("retries", "host_delay", "backoff", "max_redirects"):
            if getattr(self, name) < 0:
                raise InputError(f"fetch policy: {name} must not be negative, not {getattr(self, name)}")
        if not self.timeout > 0:
            raise InputError(f"fetch policy: timeout must be more than 0 seconds, not {self.timeout}")


@dataclass
class Redirect:
    from_url: str
    to_url: str
    status: int


@dataclass
class Response:
    """A successful fetch: the final URL, body and the headers ingest keeps for provenance."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[Redirect] = field(default_factory=list)
    from_cache: bool = False


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``text/html; charset=UTF-8``."""
    if not value:
        return "", None
    media_type, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", params, re.IGNORECASE)
    return media_type.strip().lower(), match.group(1) if match else None


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class HttpCache:
    """Bodies and validators of earlier responses, keyed by URL, in one SQLite file.

    Only responses with a validator (ETag or Last-Modified) are kept: they are the ones a
    conditional request can confirm without downloading them again.
    """

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(folder / "http-cache.sqlite")
        self.conn.execute(
            "create table if not exists responses (url text primary key, content_type text, charset text,"
            " etag text, last_modified text, body blob, stored_at real)"
        )

    def get(self, url: str) -> dict | None:
        row = self.conn.execute(
            "select content_type, charset, etag, last_modified, body from responses where url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        content_type, charset, etag, last_modified, body = row
        return {"content_type": content_type, "charset": charset, "etag": etag, "last_modified": last_modified, "body": zlib.decompress(body)}

    def put(self, response: Response) -> None:
        if not (response.etag or response.last_modified):
            return
        with self.conn:
            self.conn.execute(
                "insert or replace into responses values (?, ?, ?, ?, ?, ?, ?)",
                (response.final_url, response.content_type, response.charset, response.etag, response.last_modified,
                 zlib.compress(response.body), time.time()),
            )

    def close(self) -> None:
        self.conn.close()


async def resolve_host(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (the one DNS lookup of a host in a run)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class PinnedTransport(httpx.AsyncBaseTransport):
    """Connects to the address ``pin(url)`` checked for the URL's host, never to a fresh DNS answer.

    The request keeps its URL's host in the ``Host`` header and as the TLS server name (SNI,
    also what the certificate is checked against); only the TCP connection goes to the
    pinned address. Each host has its own connection pool, so a TLS connection made for one
    name is never reused for another name on the same address.
    """

    def __init__(self, pin):
        self.pin = pin
        self.pools: dict[str, httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        address = await self.pin(str(request.url))
        pool = self.pools.get(host)
        if pool is None:
            pool = self.pools[host] = httpx.AsyncHTTPTransport(trust_env=False)
        if address != host:
            request.url = request.url.copy_with(host=address)
            request.extensions = {**request.extensions, "sni_hostname": host}
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        for pool in self.pools.values():
            await pool.aclose()


class _Host:
    """Per-host state: rate limit, concurrency and robots.txt rules."""

    def __init__(self, policy: FetchPolicy):
        self.semaphore = asyncio.Semaphore(policy.host_concurrency)
        self.turn = asyncio.Lock()
        self.next_start = 0.0
        self.delay = policy.host_delay
        self.robots_lock = asyncio.Lock()
        self.robots_checked = False
        self.robots: Protego | None = None
        self.robots_disallow_all: str | None = None  # why robots.txt disallows everything, when it does
        self.address: str | None = None  # resolved and checked once per run; every connection goes there


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; use as ``async with Fetcher(policy) as fetcher``."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy
        self.hosts: dict[str, _Host] = {}
        self.client: httpx.AsyncClient | None = None
        self.cache: HttpCache | None = None
        self.slots = asyncio.Semaphore(policy.concurrency)

    async def __aenter__(self) -> Fetcher:
        self.client = httpx.AsyncClient(
            transport=PinnedTransport(self._check_address),
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent, "Accept": ACCEPT_HEADER, "Accept-Encoding": ACCEPT_ENCODING},
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.aclose()
        if self.cache is not None:
            self.cache.close()

    def _cache(self) -> HttpCache | None:
        """The HTTP cache, opened on the first fetch, so runs over local files leave no cache folder behind."""
        if self.cache is None and self.policy.cache_dir is not None:
            self.cache = HttpCache(Path(self.policy.cache_dir))
        return self.cache

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        if key not in self.hosts:
            self.hosts[key] = _Host(self.policy)
        return self.hosts[key]

    async def fetch(self, url: str) -> Response:
        """GET ``url`` following redirects; raises :class:`FetchError` naming the URL and the reason."""
        try:
            return await self._fetch(url)
        except InputError as error:
            if isinstance(error, FetchError):
                raise
            raise FetchError(url, "fetch", str(error).removeprefix(f"{url}: ")) from None
        except (ValueError, httpx.InvalidURL) as error:
            raise FetchError(url, "fetch", f"invalid URL ({error})") from None

    async def _fetch(self, url: str) -> Response:
        redirects: list[Redirect] = []
        current = url
        for _ in range(self.policy.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(current, "fetch", "only http and https URLs can be fetched")
            await self._check_address(current)
            if self.policy.respect_robots and not await self._robots_allow(current):
                raise FetchError(current, "robots", self._host(current).robots_disallow_all or "disallowed by robots.txt")
            cache = self._cache()
            cached = cache.get(current) if cache is not None else None
            conditional = {}
            if cached and cached["etag"]:
                conditional["If-None-Match"] = cached["etag"]
            if cached and cached["last_modified"]:
                conditional["If-Modified-Since"] = cached["last_modified"]
            status, headers, body = await self._request(current, conditional)
            if status in REDIRECT_STATUSES and headers.get("location"):
                target = urljoin(current, headers["location"])
                redirects.append(Redirect(current, target, status))
                current = target
                continue
            if status == 304 and cached:
                return Response(
                    url=url, final_url=current, status=200, content_type=cached["content_type"], charset=cached["charset"],
                    body=cached["body"], etag=cached["etag"], last_modified=cached["last_modified"],
                    redirects=redirects, from_cache=True,
                )
            if status >= 400 or status < 200:
                retried = f" after {self.policy.retries} retries" if status in RETRY_STATUSES and self.policy.retries else ""
                raise FetchError(current, "fetch", f"HTTP {status}{retried}")
            content_type, charset = parse_content_type(headers.get("content-type"))
            if content_type and not ACCEPTED_TYPES.match(content_type):
                raise FetchError(current, "fetch", f"unsupported content type {content_type}")
            response = Response(
                url=url, final_url=current, status=status, content_type=content_type, charset=charset, body=body,
                etag=headers.get("etag"), last_modified=headers.get("last-modified"), redirects=redirects,
            )
            if cache is not None:
                cache.put(response)
            return response
        raise FetchError(url, "fetch", f"more than {self.policy.max_redirects} redirects")

    async def _check_address(self, url: str) -> str:
        """The address to connect to for ``url``'s host: resolved on first use, checked, then kept for the run."""
        host_state = self._host(url)
        if host_state.address is not None:
            return host_state.address
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                found = await resolve_host(host, parts.port or (443 if parts.scheme == "https" else 80))
            except OSError as error:
                raise FetchError(url, "fetch", f"cannot resolve {host} ({error.strerror or error})") from None
            addresses = [ipaddress.ip_address(address.split("%")[0]) for address in found]
            if not addresses:
                raise FetchError(url, "fetch", f"cannot resolve {host} (no address)")
        for address in addresses:
            plain = address.ipv4_mapped or address if isinstance(address, ipaddress.IPv6Address) else address
            resolved = "" if str(address) == host else f" ({address})"
            if any(plain in network for network in NEVER_FETCHED):
                raise FetchError(url, "fetch", f"refused: {host} is a link-local or cloud metadata address{resolved}")
            if not self.policy.allow_private and (not plain.is_global or plain.is_multicast):
                raise FetchError(url, "fetch", f"refused: {host} is a non-public address{resolved}; use --allow-private to allow it")
        host_state.address = str(addresses[0])
        return host_state.address

    async def _robots_allow(self, url: str) -> bool:
        host = self._host(url)
        async with host.robots_lock:
            if not host.robots_checked:
                await self._load_robots(url, host)
                host.robots_checked = True
        if host.robots_disallow_all:
            return False
        return host.robots is None or host.robots.can_fetch(url, self.policy.user_agent)

    async def _load_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            for _ in range(5):  # RFC 9309: follow at least five redirects
                status, headers, body = await self._request(robots_url, {}, retries=1)
                if status not in REDIRECT_STATUSES or not headers.get("location"):
                    break
                robots_url = urljoin(robots_url, headers["location"])
                await self._check_address(robots_url)
        except FetchError as error:
            # RFC 9309: an unreachable robots.txt disallows everything; say why, not just "disallowed"
            host.robots_disallow_all = f"robots.txt could not be fetched ({error.reason}), so everything is disallowed"
            return
        if status >= 500 or status == 429:
            host.robots_disallow_all = f"robots.txt answered HTTP {status}, so everything is disallowed"
        elif 200 <= status < 300:
            host.robots = Protego.parse(body.decode("utf-8", errors="replace"))
            delay = host.robots.crawl_delay(self.policy.user_agent)
            if delay:
                host.delay = max(host.delay, min(float(delay), self.policy.max_crawl_delay))

    async def _wait_turn(self, host: _Host) -> None:
        """Space request starts to the same host at least ``host.delay`` seconds apart."""
        loop = asyncio.get_running_loop()
        async with host.turn:
            wait = host.next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            host.next_start = loop.time() + host.delay

    async def _request(self, url: str, extra_headers: dict, retries: int | None = None) -> tuple[int, dict, bytes]:
        """One GET with retries; returns status, lower-cased headers and body (empty unless 2xx)."""
        retries = self.policy.retries if retries is None else retries
        host = self._host(url)
        attempt = 0
        while True:
            async with host.semaphore, self.slots:
                await self._wait_turn(host)
                try:
                    status, headers, body = await self._send(url, extra_headers)
                except httpx.HTTPError as error:
                    if attempt == retries:
                        raise FetchError(url, "fetch", f"network error: {type(error).__name__} {error}".strip()) from None
                    status, headers, body = None, {}, b""
            if status is not None and (status not in RETRY_STATUSES or attempt == retries):
                return status, headers, body
            wait = retry_after_seconds(headers.get("retry-after"))
            if wait is None:
                wait = self.policy.backoff * 2**attempt
            if wait > self.policy.max_retry_after:
                return status, headers, body
            await asyncio.sleep(wait)
            attempt += 1

    async def _send(self, url: str, extra_headers: dict) -> tuple[int, dict, bytes]:
        async with self.client.stream("GET", url, headers=extra_headers) as response:
            headers = {key.lower(): value for key, value in response.headers.items()}
            if not 200 <= response.status_code < 300:
                return response.status_code, headers, b""
            media_type, _ = parse_content_type(headers.get("content-type"))
            if media_type and not ACCEPTED_TYPES.match(media_type):
                return response.status_code, headers, b""  # fetch() reports it; no need to download it
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(url, "fetch", f"response of {declared} bytes is larger than the {self.policy.max_bytes}-byte limit")
            decoder = _BoundedDecoder(url, headers.get("content-encoding", ""), self.policy.max_bytes)
            # Raw bytes: httpx would decode each chunk whole (and a stack of encodings one after another).
            async for chunk in response.aiter_raw():
                decoder.feed(chunk)
            return response.status_code, headers, decoder.finish()


class _BoundedDecoder:
    """Undo a response's Content-Encoding (identity, gzip or deflate) without ever holding more than ``limit`` bytes."""

    def __init__(self, url: str, encoding: str, limit: int):
        self.url = url
        self.limit = limit
        self.encoding = encoding.strip().lower()
        if self.encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(url, "fetch", f"unsupported Content-Encoding {encoding!r}")
        self.raw_deflate = False
        self.decompressor = self._new()
        self.out = bytearray()

    def _new(self):
        if self.encoding in ("gzip", "x-gzip"):
            return zlib.decompressobj(wbits=31)
        if self.encoding == "deflate":
            return zlib.decompressobj(-zlib.MAX_WBITS if self.raw_deflate else zlib.MAX_WBITS)
        return None

    def _grow(self, data: bytes) -> None:
        self.out += data
        if len(self.out) > self.limit:
            raise FetchError(self.url, "fetch", f"response is larger than the {self.limit}-byte limit; cut off")

    def feed(self, chunk: bytes) -> None:
        if self.decompressor is None:
            self._grow(chunk)
            return
        while chunk:
            try:
                self._grow(self.decompressor.decompress(chunk, self.limit + 1 - len(self.out)))
            except zlib.error as error:
                if self.encoding == "deflate" and not self.raw_deflate and not self.out:
                    self.raw_deflate = True  # servers send raw deflate as often as zlib-wrapped
                    self.decompressor = self._new()
                    continue
                raise FetchError(self.url, "fetch", f"corrupt {self.encoding} response body ({error})") from None
            if self.decompressor.eof:  # a gzip stream of several members
                chunk = self.decompressor.unused_data
                self.decompressor = self._new()
            else:
                chunk = self.decompressor.unconsumed_tail

    def finish(self) -> bytes:
        return bytes(self.out)

