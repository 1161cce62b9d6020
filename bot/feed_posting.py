"""Inside `articlebot run`: poll the feeds that are due, and post each new story to its channel.

Posts are the /summary embed, sent with no mentions at all, one at a time with a gap between
them: a burst of new stories is paced, never dropped (discord.py also waits out any 429).
Only the guilds this process owns are polled, so with shards each feed has one poller.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot import render
from index.errors import ArticlebotError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

POST_GAP_SECONDS = 1.0  # Discord allows about 5 messages per 5 s in one channel


class FeedPoller:
    """The polling loop of one bot process; `pass_once` is one tick of it."""

    def __init__(self, bot: ArticleBot, post_gap: float = POST_GAP_SECONDS) -> None:
        self.bot = bot
        self.post_gap = post_gap
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="feed-poller")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        while not self.bot.is_closed():
            try:
                await self.pass_once(due_only=True)
            except Exception:  # one bad pass must not end polling for good
                log.exception("Feed polling pass failed")
            await asyncio.sleep(self.bot.settings.feed_tick_seconds)

    async def pass_once(self, *, due_only: bool = True) -> list[Any]:
        """Poll the due feeds of the guilds this process owns, then post what is new."""
        async with self._lock:  # the loop and a moderator's request never poll at once
            shards = self.bot.settings.shards
            results = await self.bot.library.poll_feeds(
                due_only=due_only, owns=shards.owns if shards else None
            )
            for result in results:
                if result.error:
                    log.info("Feed #%d %s: %s", result.feed.id, result.feed.url, result.error)
                for info in result.to_post:
                    await self.post(result.feed.guild_id, result.feed.channel_id, info.id)
            return results

    async def post(self, guild_id: int, channel_id: int | None, article_id: int) -> None:
        if channel_id is None:
            return  # a feed without a channel only fills the library
        channel = self.bot.get_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            log.warning("Feed channel %s is gone or not a text channel", channel_id)
            return
        try:
            summary = await self.bot.library.summarize(guild_id, article_id)
            await channel.send(
                embed=render.summary_pages(summary)[0],
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except (ArticlebotError, discord.HTTPException) as error:
            log.warning("Could not post article #%d to %s: %s", article_id, channel_id, error)
        await asyncio.sleep(self.post_gap)
