"""One pass over one feed: fetch it conditionally, add its new items, record the outcome.

New items go through `Library.add_url`, the path a moderator's URL add takes, so every
duplicate rule of the library applies to them. Whatever goes wrong with one item or one feed
is counted and recorded; it never stops the other items or feeds.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.errors import ArticlebotError, DuplicateArticle, FetchError, LibraryFull, StatusError
from index.feeds.models import Feed, FeedPoll
from index.feeds.parse import FeedItem, parse_feed
from index.feeds.schedule import next_after_failure
from index.models import ArticleMeta

if TYPE_CHECKING:
    from index.feeds.host import FeedHost

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """Per-guild limits and pacing of feeds; intervals in seconds."""

    interval_s: int = 15 * 60
    min_interval_s: int = 5 * 60
    max_feeds_per_guild: int = 25
    max_items_per_poll: int = 50
    first_poll_posts: int = 3


async def poll_feed(library: FeedHost, feed: Feed, settings: FeedSettings) -> FeedPoll:
    """Poll `feed` once; never raises for a bad feed or item (it is counted instead)."""
    from index.intake.fetch import fetch_feed  # aiohttp: loaded by the commands that fetch

    store = library.store
    result = FeedPoll(feed)
    now = int(time.time())
    try:
        page = await fetch_feed(
            feed.url, library.fetch_options, etag=feed.etag, last_modified=feed.last_modified
        )
        parsed = None
        if page.status != 304:
            parsed = await asyncio.to_thread(
                parse_feed, page.body, page.final_url, page.content_type
            )
    except FetchError as error:
        retry_after = error.retry_after if isinstance(error, StatusError) else None
        result.error = error.message
        await store.feed_failed(
            feed,
            error=error.message,
            next_poll_at=next_after_failure(feed, now, retry_after),
            now=now,
        )
        return result
    if parsed is None:
        result.not_modified = True
    else:
        await _add_items(library, feed, parsed.items, settings, result, now)
        first = not feed.polled
        result.to_post = result.added[-settings.first_poll_posts :] if first else result.added
        if first and settings.first_poll_posts <= 0:
            result.to_post = []
    await store.feed_polled(
        feed,
        next_poll_at=now + feed.interval_s,
        etag=page.etag,
        last_modified=page.last_modified,
        title=parsed.title if parsed else None,
        now=now,
    )
    return result


async def _add_items(
    library: FeedHost,
    feed: Feed,
    items: list[FeedItem],
    settings: FeedSettings,
    result: FeedPoll,
    now: int,
) -> None:
    """Add the newest items up to the per-poll limit, oldest of them first (posting order)."""
    store = library.store
    newest = sorted(items, key=lambda item: item.order, reverse=True)
    chosen, beyond = newest[: settings.max_items_per_poll], newest[settings.max_items_per_poll :]
    # Past the limit is a backlog no channel wants: remembered, never fetched.
    beyond_keys = [key for item in beyond for key in item.keys]
    await store.mark_seen(feed.guild_id, beyond_keys, feed_id=feed.id, article_id=None, now=now)
    for item in reversed(chosen):
        seen = await store.seen_items(feed.guild_id, item.keys)
        if seen:
            result.duplicate += 1
            # A changed guid or link is remembered too, so it is known by every name.
            await store.mark_seen(
                feed.guild_id, item.keys, feed_id=feed.id, article_id=None, now=now
            )
            continue
        if not item.link:  # nothing to fetch; remember its guid so it is counted once
            result.failed += 1
            await store.mark_seen(
                feed.guild_id, item.keys, feed_id=feed.id, article_id=None, now=now
            )
            continue
        meta = ArticleMeta(title=item.title, published=item.published)
        try:
            info = await library.add_url(feed.guild_id, item.link, meta)
        except DuplicateArticle as duplicate:
            result.duplicate += 1
            article_id: int | None = duplicate.article_id
        except LibraryFull as full:
            result.failed += 1
            result.error = full.message
            return  # the rest wait for room; they are not marked seen
        except StatusError as error:
            result.failed += 1
            if error.status in TRANSIENT_STATUSES:
                continue  # the page may come back: try it again next poll
            article_id = None
        except ArticlebotError:  # a private link, not an article, too large…
            result.failed += 1
            article_id = None
        else:
            result.added.append(info)
            article_id = info.id
        await store.mark_seen(
            feed.guild_id, item.keys, feed_id=feed.id, article_id=article_id, now=now
        )
