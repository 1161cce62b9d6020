"""Read a feed's bytes with feedparser (RSS 0.9x/1.0/2.0, Atom): never lets it fetch anything.

feedparser fetches by itself when handed a URL string and opens a file when handed a path, so
it is only ever given a byte stream; the feed's own address goes in as the Content-Location
header, against which it resolves relative links.
"""

from __future__ import annotations

import calendar
import html
import io
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from index.errors import FetchError
from index.intake.urls import normalize

MAX_TITLE_CHARS = 256


class NotAFeed(FetchError):
    """The page is not a feed (an HTML page, or XML that is no RSS or Atom)."""

    def __init__(self, message: str, *, is_html: bool = False) -> None:
        super().__init__(message)
        self.is_html = is_html


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: `keys` identify it (guid, then link, then normalized URL)."""

    keys: tuple[str, ...]
    link: str | None
    title: str | None
    published: str | None  # ISO date when the feed gives one
    order: float  # publication time for newest-first; 0 when unknown


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title and its items, in the feed's order."""

    title: str | None
    items: list[FeedItem]


def item_keys(guid: str | None, link: str | None) -> tuple[str, ...]:
    """Every key an item is remembered by: a changed guid is still caught by its link."""
    keys: list[str] = []
    if guid and guid.strip():
        keys.append("guid:" + guid.strip()[:1000])
    if link:
        keys.append("url:" + normalize(link)[:2000])
    return tuple(keys)


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse a feed's bytes, or raise NotAFeed saying what it was instead."""
    head = body[:2048].lstrip().lower()
    if content_type in ("text/html", "application/xhtml+xml") or head.startswith(
        (b"<!doctype html", b"<html")
    ):
        raise NotAFeed("that address is a web page, not a feed", is_html=True)
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": url, "content-type": content_type or "text/xml"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    version = parsed.get("version") or ""
    if not version:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__})" if reason else ""
        raise NotAFeed(f"that address is not an RSS or Atom feed{detail}")
    items = [_item(entry, url) for entry in parsed.entries]
    title = _text(parsed.feed.get("title"))
    return ParsedFeed(title=title, items=items)


def _text(value: object) -> str | None:
    """Make a title plain text: entities decoded, whitespace collapsed (feedparser decodes most)."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text[:MAX_TITLE_CHARS] or None


def _item(entry: feedparser.FeedParserDict, feed_url: str) -> FeedItem:
    link = entry.get("link")
    if not link:
        link = next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
    link = urljoin(feed_url, link.strip()) if isinstance(link, str) and link.strip() else None
    guid = entry.get("id")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    order = float(calendar.timegm(stamp)) if stamp else 0.0
    published = time.strftime("%Y-%m-%d", stamp) if stamp else None
    return FeedItem(
        keys=item_keys(guid if isinstance(guid, str) else None, link),
        link=link,
        title=_text(entry.get("title")),
        published=published,
        order=order,
    )
