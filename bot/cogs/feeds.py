"""Feeds and link-watching: /feed add|list|remove, /watch, /unwatch, "Summarize article".

/feed, /watch and /unwatch are for moderators, gated twice as /article is: hidden by default
permissions, and checked again when run. A watched channel's links are read only when the bot
runs with WATCH_LINKS=1 (it then asks for the privileged Message Content intent).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.checks import is_moderator, require_moderator
from bot.feed_posting import FeedPoller
from bot.feeds_cli import feed_line
from bot.views import send_pages
from index.errors import ArticlebotError, FetchError

if TYPE_CHECKING:
    from bot.client import ArticleBot

log = logging.getLogger(__name__)

LINK = re.compile(r"https?://[^\s<>|]+", re.IGNORECASE)


def first_link(message: discord.Message) -> str | None:
    """The first web link in a message's text, or else in its embeds."""
    found = LINK.search(message.content or "")
    if found:
        return found.group(0).rstrip(").,!?'\"")
    return next((embed.url for embed in message.embeds if embed.url), None)


@app_commands.guild_only()
@app_commands.default_permissions(manage_messages=True)
class FeedCommands(
    commands.GroupCog, group_name="feed", group_description="Follow news feeds (moderators)"
):
    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        require_moderator(interaction)
        return True

    @app_commands.command(name="add", description="Post new stories from an RSS or Atom feed")
    @app_commands.describe(url="The feed's address", channel="Where new stories are posted")
    async def add(
        self, interaction: discord.Interaction, url: str, channel: discord.TextChannel
    ) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        feed = await self.bot.library.add_feed(
            interaction.guild_id or 0, url.strip(), channel_id=channel.id,
            added_by=interaction.user.id,
        )  # fmt: skip
        await interaction.edit_original_response(
            content=f"Following feed #{feed.id} <{feed.url}>: new stories go to {channel.mention} "
            f"(checked every {feed.interval_s // 60} min; the first check posts at most "
            f"{self.bot.library.feed_settings.first_poll_posts})."
        )

    @app_commands.command(name="list", description="The feeds this server follows")
    async def list(self, interaction: discord.Interaction) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)  # acknowledged before any work
        feeds = await self.bot.library.feeds(interaction.guild_id or 0)
        # The feed's text is made inert; the channel mention is ours, so it stays live.
        lines = [
            render.clean(feed_line(feed, with_channel=False))
            + (f" → <#{feed.channel_id}>" if feed.channel_id else "")
            for feed in feeds
        ]
        blocks = lines or ["No feeds yet. Add one with /feed add."]
        await send_pages(interaction, render.paginate(f"Feeds: {len(feeds)}", blocks))

    @app_commands.command(name="remove", description="Stop following a feed")
    @app_commands.describe(feed="The feed's number, from /feed list")
    async def remove(self, interaction: discord.Interaction, feed: int) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        removed = await self.bot.library.remove_feed(interaction.guild_id or 0, feed)
        await interaction.edit_original_response(
            content=f"Stopped following feed #{removed.id} <{removed.url}>."
        )


class Watching(commands.Cog):
    """/watch and /unwatch, the listener on watched channels, and the context-menu command."""

    def __init__(self, bot: ArticleBot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Summarize article", callback=self.summarize)
        self.menu.guild_only = True
        self.menu.allowed_contexts = app_commands.AppCommandContext(guild=True)  # contexts [0]

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="watch", description="Reply to news links posted in a channel")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_messages=True)
    async def watch(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        await self.bot.library.watch(
            interaction.guild_id or 0, channel.id, added_by=interaction.user.id
        )
        note = "" if self.bot.settings.watch_links else (
            " (The bot runs without WATCH_LINKS=1, so it cannot read messages yet: ask its "
            "operator to enable it and the Message Content intent.)"
        )  # fmt: skip
        await interaction.edit_original_response(
            content=f"Watching {channel.mention}: news links posted there get a summary.{note}"
        )

    @app_commands.command(name="unwatch", description="Stop replying to links in a channel")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_messages=True)
    async def unwatch(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        require_moderator(interaction)
        await interaction.response.defer(thinking=True)
        was = await self.bot.library.unwatch(interaction.guild_id or 0, channel.id)
        verb = "Stopped watching" if was else "I was not watching"
        await interaction.edit_original_response(content=f"{verb} {channel.mention}.")

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot or not self.bot.settings.watch_links:
            return
        link = first_link(message)
        if link is None:
            return
        library = self.bot.library
        if not await library.is_watched(message.guild.id, message.channel.id):
            return
        try:
            summary = await library.summarize_link(
                message.guild.id, link, keep=True, added_by=message.author.id
            )
        except ArticlebotError as error:  # not an article: stay quiet in a chat channel
            log.info("Watched link %s not summarized: %s", link, error.message)
            return
        await message.reply(
            embed=render.summary_pages(summary)[0],
            mention_author=False,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    async def summarize(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Anyone: an ephemeral summary; kept in the library in watched channels or for mods."""
        if interaction.guild_id is None:  # registered guild-only; a DM must not reach guild 0
            raise app_commands.NoPrivateMessage
        link = first_link(message)
        if link is None:
            raise FetchError("That message has no link to an article.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild = interaction.guild_id
        keep = is_moderator(interaction) or await self.bot.library.is_watched(
            guild, message.channel.id
        )
        summary = await self.bot.library.summarize_link(
            guild, link, keep=keep, added_by=interaction.user.id
        )
        pages = render.summary_pages(summary)
        if summary.article is not None and summary.article.id == 0:
            for page in pages:
                page.set_footer(text="Not kept in this server's library")
        await send_pages(interaction, pages, ephemeral=True)


async def setup(bot: ArticleBot) -> None:
    await bot.add_cog(FeedCommands(bot))
    await bot.add_cog(Watching(bot))
    poller = FeedPoller(bot)
    bot.feed_poller = poller  # type: ignore[attr-defined]
    poller.start()


async def teardown(bot: ArticleBot) -> None:
    poller = getattr(bot, "feed_poller", None)
    if poller is not None:
        await poller.stop()
