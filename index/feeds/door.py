"""The feed and watched-channel operations of `Library` (mixed into it; the logic lives here).

`Library` stays the one door: these methods use only its store, fetch options and add path.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from index.errors import ArticlebotError, DuplicateArticle, FetchError
from index.feeds.models import Feed, FeedPoll
from index.feeds.parse import NotAFeed, parse_feed
from index.feeds.poll import FeedSettings, poll_feed
from index.feeds.schedule import clamp_interval, next_after_failure
from index.intake.urls import check, citable, normalize
from index.models import ArticleInfo, Summary

if TYPE_CHECKING:
    from index.feeds.host import FeedHost


log = logging.getLogger(__name__)


class FeedError(ArticlebotError):
    """A feed cannot be subscribed, found or polled."""


class FeedLibrary:
    """Feeds, watched channels and link summaries, for `Library`."""

    feed_settings: FeedSettings = FeedSettings()

    @property
    def _library(self) -> FeedHost:
        """This object as the library it is mixed into, typed by what feeds use of it."""
        return cast("FeedHost", self)

    async def add_feed(
        self,
        guild_id: int,
        url: str,
        *,
        channel_id: int | None = None,
        added_by: int | None = None,
        interval_minutes: float | None = None,
    ) -> Feed:
        """Subscribe the guild to a feed after reading it once (a web page is refused)."""
        from index.intake.fetch import fetch_feed

        settings = self.feed_settings
        url = check(url).url  # a plain http(s) URL, or a one-line FetchError
        if len(await self._library.store.feeds(guild_id)) >= settings.max_feeds_per_guild:
            raise FeedError(
                f"This server follows {settings.max_feeds_per_guild} feeds, the limit: "
                "remove one first."
            )
        page = await fetch_feed(url, self._library.fetch_options)
        try:
            await asyncio.to_thread(parse_feed, page.body, page.final_url, page.content_type)
        except NotAFeed as error:
            if error.is_html:
                raise FeedError(
                    f"{url} is a web page, not an RSS or Atom feed. To add it as an article: "
                    "/article add url (or `articlebot add URL`)."
                ) from None
            raise FeedError(f"{url}: {error.message}.") from None
        interval = clamp_interval(interval_minutes, settings.interval_s, settings.min_interval_s)
        feed = await self._library.store.add_feed(
            guild_id,
            url=url,
            url_key=normalize(url),
            channel_id=channel_id,
            added_by=added_by,
            interval_s=interval,
            now=int(time.time()),
        )
        if feed is None:
            raise FeedError(f"This server already follows {url}.")
        return feed

    async def feeds(self, guild_id: int) -> list[Feed]:
        """List the guild's feeds, oldest first."""
        return await self._library.store.feeds(guild_id)

    async def remove_feed(self, guild_id: int, feed_id: int) -> Feed:
        """Stop following a feed; an unknown id is a FeedError, so a typo removes nothing."""
        feed = await self._library.store.feed(guild_id, feed_id)
        if feed is None:
            raise FeedError(f"No feed #{feed_id} in this server: see the feed list.")
        await self._library.store.remove_feed(guild_id, feed_id)
        return feed

    async def poll_feeds(
        self,
        guild_id: int | None = None,
        *,
        due_only: bool = False,
        owns: Callable[[int], bool] | None = None,
    ) -> list[FeedPoll]:
        """One pass over the feeds (of one guild, or every guild this process owns)."""
        now = time.time()
        feeds = await self._library.store.feeds(guild_id)
        results = []
        for feed in feeds:
            if owns is not None and not owns(feed.guild_id):
                continue
            if due_only and feed.next_poll_at > now:
                continue
            results.append(await self._poll_one(feed))
        return results

    async def _poll_one(self, feed: Feed) -> FeedPoll:
        """Poll one feed; a bug met on one feed is recorded on it, and the pass goes on."""
        try:
            return await poll_feed(self._library, feed, self.feed_settings)
        except Exception as error:  # not a bad feed (those are counted): still, not fatal
            log.exception("Polling feed #%d failed", feed.id)
            message = f"internal error ({type(error).__name__})"
            now = int(time.time())
            await self._library.store.feed_failed(
                feed, error=message, next_poll_at=next_after_failure(feed, now), now=now
            )
            return FeedPoll(feed, error=message)

    async def watch(self, guild_id: int, channel_id: int, *, added_by: int | None) -> None:
        """Watch a channel: links posted there are added to the guild's library."""
        await self._library.store.watch(
            guild_id, channel_id, added_by=added_by, now=int(time.time())
        )

    async def unwatch(self, guild_id: int, channel_id: int) -> bool:
        """Stop watching a channel; False when it was not watched."""
        return await self._library.store.unwatch(guild_id, channel_id)

    async def is_watched(self, guild_id: int, channel_id: int) -> bool:
        """Tell whether links posted in this channel are added to the library."""
        return await self._library.store.watched(guild_id, channel_id)

    async def summarize_link(
        self,
        guild_id: int,
        url: str,
        *,
        keep: bool,
        added_by: int | None = None,
        length: str | int = "short",
    ) -> Summary:
        """Summarize the article at `url`: stored first when `keep`, else read and forgotten."""
        if keep:
            try:
                info = await self._library.add_url(guild_id, url, added_by=added_by)
            except DuplicateArticle as duplicate:
                info = await self._library.store.info(guild_id, duplicate.article_id)
            return await self._library.summarize(guild_id, info.id, length)
        known = await self._library.store.find_duplicate(guild_id, url_key=normalize(url))
        if known:
            return await self._library.summarize(guild_id, known.id, length)
        return await _unstored_summary(self._library, url, length)


async def _unstored_summary(library: FeedHost, url: str, length: str | int) -> Summary:
    """Summarize a page without keeping it: id 0 says it is in no library."""
    from index import cpu
    from index.intake.fetch import fetch_article
    from index.quotes.analyze import analyze
    from index.summary.size import summary_size
    from index.summary.summarize import select

    sentences, quote_count = summary_size(length)
    extracted = await fetch_article(url, library.fetch_options)
    analysis = await cpu.run(analyze, extracted.text)
    meta = extracted.meta
    title = (meta.title or "").strip() or url
    chosen, quotes = await cpu.run(
        select, analysis, title=title, sentences=sentences, quotes=quote_count
    )
    try:
        link: str | None = citable(meta.url or url)
    except ArticlebotError:
        link = None
    info = ArticleInfo(
        0, 0, title[:256], link, meta.outlet, meta.author, meta.published,
        None, None, "", "", len(extracted.text),
    )  # fmt: skip
    return Summary(info, chosen, quotes, analysis.speakers)


__all__ = ["Feed", "FeedError", "FeedLibrary", "FeedPoll", "FeedSettings", "FetchError"]
