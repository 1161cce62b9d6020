"""Fetch a web page for a moderator safely: bounded in time and size, and never inside our network.

Every hop of a redirect chain is checked again: the URL's scheme and user info, then the
addresses its host resolves to. The connection then goes to exactly those checked addresses
(a resolver that only answers with them), so a DNS answer that changes between the check and
the connection cannot point the bot at a private service. aiohttp still sends the URL's host
name in the Host header and as the TLS server name, since only the address lookup is replaced.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from index.errors import FetchError, NotText, StatusError
from index.intake.addresses import IPAddress, refusal
from index.intake.html import ExtractedArticle, decode_html, decode_text, extract
from index.intake.urls import check, short
from index.models import ArticleMeta, FetchOptions

ACCEPTED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
     "text/xml", *ACCEPTED_TYPES}
)  # fmt: skip
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
MIN_TEXT_CHARS = 200  # a text/plain page shorter than this is not an article


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A fetched page, decoded; `redirects` lists the URLs that sent us on, in order."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    text: str
    size: int
    redirects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RawPage:
    """A fetched body, undecoded, with the validators for a conditional GET (304: no body)."""

    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    redirects: tuple[str, ...] = ()


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _size(value: int) -> str:
    return f"{value / 1_000_000:g} MB" if value >= 1_000_000 else f"{value / 1000:g} KB"


async def lookup(host: str, port: int) -> list[IPAddress]:
    """Return the addresses `host` resolves to (the host itself when it is an address)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"could not find the host {host}") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


async def checked_addresses(host: str, port: int, options: FetchOptions) -> list[IPAddress]:
    """Resolve `host` and refuse it if any address is not public (unless private is allowed)."""
    addresses = await lookup(host, port)
    if not addresses:
        raise FetchError(f"could not find the host {host}")
    if options.allow_private:
        return addresses
    for address in addresses:
        kind = refusal(address)
        if kind is None:
            continue
        # Refuse the whole host even if other addresses are public: which one aiohttp would
        # pick is not ours to predict, and a public name with a private answer is suspect.
        article = "an" if kind[0].lower() in "aeiou" else "a"
        if str(address) == host:
            raise FetchError(f"refused: {host} is {article} {kind} address")
        raise FetchError(f"refused: {host} resolves to {article} {kind} address ({address})")
    return addresses


class PinnedResolver(AbstractResolver):
    """Answer aiohttp's lookups with the addresses we checked, and nothing else."""

    def __init__(self) -> None:
        self._pinned: dict[str, list[IPAddress]] = {}

    def pin(self, host: str, addresses: list[IPAddress]) -> None:
        """Answer lookups of `host` (final dot or not) with these checked addresses."""
        self._pinned[host] = addresses
        self._pinned[host.rstrip(".")] = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_UNSPEC
    ) -> list[ResolveResult]:
        """Return the pinned addresses of `host`; refuse a host that was never checked."""
        addresses = self._pinned.get(host)
        if addresses is None:
            raise OSError(f"{host} was not checked before connecting")
        return [
            ResolveResult(
                hostname=host,
                host=str(address),
                port=port,
                family=socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in addresses
        ]

    async def close(self) -> None:
        """Forget every pinned address."""
        self._pinned.clear()


async def _read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """Read the body, stopping as soon as it passes `limit` bytes (after decompression)."""
    if response.content_length is not None and response.content_length > limit:
        raise FetchError(f"the page is larger than {_size(limit)}")
    body = bytearray()
    async for chunk in response.content.iter_chunked(CHUNK_BYTES):
        body += chunk
        if len(body) > limit:
            raise FetchError(f"the page is larger than {_size(limit)}")
    return bytes(body)


def _sniffed_type(body: bytes) -> str | None:
    head = body[:1024].lstrip().lower()
    return "text/html" if head.startswith((b"<!doctype html", b"<html")) else None


def _decode(body: bytes, content_type: str, charset: str | None, url: str) -> str:
    if content_type != "text/plain":
        return decode_html(body, charset)
    if charset:
        return decode_html(body, charset)
    try:
        return decode_text(body)
    except NotText:
        raise FetchError(f"the page at {short(url)} is not text") from None


async def _get(
    session: aiohttp.ClientSession, url: str, host: str, options: FetchOptions
) -> aiohttp.ClientResponse:
    try:
        return await session.get(url, allow_redirects=False)
    except aiohttp.ConnectionTimeoutError:
        raise FetchError(
            f"could not connect to {host} within {_seconds(options.connect_timeout)}"
        ) from None
    except aiohttp.ClientConnectorCertificateError:
        raise FetchError(f"could not connect to {host}: its certificate is not valid") from None
    except aiohttp.ClientSSLError:
        raise FetchError(f"could not make a secure connection to {host}") from None
    except aiohttp.ClientConnectorError as error:
        reason = error.os_error.strerror or type(error.os_error).__name__
        raise FetchError(f"could not connect to {host} ({reason})") from None
    except aiohttp.ClientError as error:
        raise FetchError(f"the download from {host} failed ({type(error).__name__})") from None


async def _follow(
    url: str,
    options: FetchOptions,
    *,
    accept: frozenset[str] = ACCEPTED_TYPES,
    extra_headers: dict[str, str] | None = None,
) -> RawPage:
    resolver = PinnedResolver()
    connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False)
    timeout = aiohttp.ClientTimeout(
        total=None, connect=options.connect_timeout, sock_connect=options.connect_timeout
    )
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        **(extra_headers or {}),
    }
    redirects: list[str] = []
    current = url.strip()
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, headers=headers, trust_env=False
    ) as session:
        while True:
            target = check(current)
            host = target.host
            resolver.pin(host, await checked_addresses(host, target.port, options))
            response = await _get(session, target.url, host, options)
            async with response:
                if response.status in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"{host} sent a redirect without a destination")
                    if len(redirects) >= options.max_redirects:
                        raise FetchError(f"too many redirects (more than {options.max_redirects})")
                    redirects.append(target.url)
                    current = urljoin(str(response.url), location)
                    continue
                etag = response.headers.get("ETag")
                last_modified = response.headers.get("Last-Modified")
                if response.status == 304 and extra_headers:  # asked conditionally
                    return RawPage(str(response.url), 304, "", None, b"", etag, last_modified)
                if not 200 <= response.status < 300:
                    reason = response.reason or ""
                    raise StatusError(
                        f"the site answered {response.status} {reason}".strip(),
                        response.status,
                        _retry_after(response.headers.get("Retry-After")),
                    )
                declared = "Content-Type" in response.headers
                content_type = response.content_type if declared else ""
                if declared and content_type not in accept:
                    raise FetchError(f"not an HTML or text page ({content_type})")
                try:
                    body = await _read_capped(response, options.max_bytes)
                except aiohttp.ClientError as error:
                    raise FetchError(
                        f"the download from {host} failed ({type(error).__name__})"
                    ) from None
                if not declared:
                    content_type = _sniffed_type(body) or ""
                    if not content_type:
                        raise FetchError("not an HTML or text page (no content type given)")
                charset = response.charset if declared else None
                return RawPage(
                    str(response.url), response.status, content_type, charset, body,
                    etag, last_modified, tuple(redirects),
                )  # fmt: skip


async def fetch(url: str, options: FetchOptions | None = None) -> FetchedPage:
    """Fetch `url` within the options' limits, or raise FetchError with a reason to show."""
    options = options or FetchOptions()
    try:
        async with asyncio.timeout(options.total_timeout):
            raw = await _follow(url, options)
    except TimeoutError:
        raise FetchError(f"timed out after {_seconds(options.total_timeout)}") from None
    return FetchedPage(
        url=url,
        final_url=raw.final_url,
        status=raw.status,
        content_type=raw.content_type,
        charset=raw.charset,
        text=_decode(raw.body, raw.content_type, raw.charset, raw.final_url),
        size=len(raw.body),
        redirects=raw.redirects,
    )


async def fetch_feed(
    url: str,
    options: FetchOptions | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> RawPage:
    """Fetch a feed's bytes, conditionally when validators are given (a 304 has no body)."""
    options = options or FetchOptions()
    headers = {"Accept": "application/rss+xml,application/atom+xml,application/xml;q=0.9,"
               "text/xml;q=0.9,text/html;q=0.1"}  # fmt: skip
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(options.total_timeout):
            return await _follow(url, options, accept=FEED_TYPES, extra_headers=headers)
    except TimeoutError:
        raise FetchError(f"timed out after {_seconds(options.total_timeout)}") from None


async def fetch_article(url: str, options: FetchOptions | None = None) -> ExtractedArticle:
    """Fetch `url` and return its article text and metadata."""
    page = await fetch(url, options)
    if page.content_type == "text/plain":
        text = page.text.replace("\r\n", "\n").strip()
        if len(text) < MIN_TEXT_CHARS:
            raise FetchError(f"no article text found at {short(page.final_url)}")
        return ExtractedArticle(text=text, meta=ArticleMeta(url=page.final_url))
    # trafilatura is CPU-bound (up to a second on a large page): keep the event loop free.
    return await asyncio.to_thread(extract, page.text, url=page.final_url)
