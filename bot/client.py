"""The Discord front end: a commands.Bot whose slash commands call the library."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from dataclasses import replace

import aiohttp
import discord
from discord.ext import commands

from bot.errors import on_app_command_error
from bot.expiry import ExpiredInteractions
from bot.settings import Settings, open_library
from bot.shutdown import ArticleTree, InFlight
from index.errors import ArticlebotError
from index.service import Library, ShardPlan

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.cogs.reading", "bot.cogs.articles", "bot.cogs.feeds", "bot.cogs.people")


class ArticleBot(commands.Bot):
    """articlebot on Discord: opens the library in setup_hook, loads the cogs, syncs commands."""

    def __init__(self, settings: Settings, **options: object) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # guild names and channels; no members needed
        # Watched channels need message text, a privileged intent the operator opts into.
        intents.guild_messages = intents.message_content = settings.watch_links
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=ArticleTree,
            **options,  # type: ignore[arg-type]
        )
        self.settings = settings
        self.in_flight = InFlight()
        self.expired = ExpiredInteractions()  # interactions dropped past Discord's deadline
        self._library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("the library is opened in setup_hook")
        return self._library

    async def setup_hook(self) -> None:
        settings = self.settings
        self._library = await open_library(settings)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.tree.on_error = on_app_command_error
        if settings.dev_guild_id:
            guild = discord.Object(settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("Synced %d commands", len(synced))

    async def on_ready(self) -> None:
        log.info("Ready as %s in %d guilds", self.user, len(self.guilds))

    async def close(self) -> None:
        await super().close()
        if self._library is not None:
            await self._library.close()
            self._library = None


class ShardedArticleBot(ArticleBot, commands.AutoShardedBot):
    """ArticleBot running some of the bot's shards (`run --shard-ids 0-3 --shard-count 16`)."""


def make_bot(settings: Settings) -> ArticleBot:
    plan = settings.shards
    if plan is None:
        return ArticleBot(settings)
    return ShardedArticleBot(settings, shard_ids=list(plan.ids), shard_count=plan.count)


def run_bot(
    settings: Settings, *, shard_spec: str | None = None, shard_count: int | None = None
) -> int:
    """Join Discord until stopped; exit status 0 on a clean stop, 2 when misconfigured."""
    if not settings.token:
        print(
            "articlebot: DISCORD_TOKEN is not set; put it in the environment or in .env "
            "(see .env.example) to join Discord.",
            file=sys.stderr,
        )
        return 2
    try:
        plan = ShardPlan.parse(shard_spec, shard_count)
    except ValueError as error:
        print(f"articlebot: {error}", file=sys.stderr)
        return 2
    return asyncio.run(_serve(replace(settings, shards=plan)))


async def _serve(settings: Settings) -> int:
    bot = make_bot(settings)
    loop = asyncio.get_running_loop()
    stopping, hurry = asyncio.Event(), asyncio.Event()

    def on_signal() -> None:
        (hurry if stopping.is_set() else stopping).set()  # a second signal skips the grace

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal)
    async with bot:
        runner = asyncio.create_task(bot.start(settings.token.reveal()))
        stopper = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            stopper.cancel()
            return _start_failed(runner.exception())
        grace = settings.shutdown_grace
        log.info("Stopping: no new commands; waiting up to %g s for those in flight", grace)
        unfinished = await bot.in_flight.drain(grace, hurry)
        if unfinished:
            log.warning("%d command(s) still running after the grace period", unfinished)
        log.info("Closing the gateway and the database")
        await bot.close()
        runner.cancel()
    return 0


def _start_failed(error: BaseException | None) -> int:
    """One line on stderr for a start that failed for a known reason; re-raise the rest."""
    if error is None:
        return 0
    if isinstance(error, ArticlebotError):  # e.g. the library file cannot be used
        print(f"articlebot: {error.message}", file=sys.stderr)
        return 1
    if isinstance(error, discord.LoginFailure):
        print("articlebot: Discord refused the token (check DISCORD_TOKEN).", file=sys.stderr)
        return 1
    if isinstance(error, OSError | aiohttp.ClientError | TimeoutError | discord.GatewayNotFound):
        print(
            f"articlebot: cannot reach Discord ({type(error).__name__}: {error}); "
            "check the network and try again.",
            file=sys.stderr,
        )
        return 1
    if isinstance(error, discord.HTTPException) and error.status >= 500:
        print(
            f"articlebot: Discord is unavailable ({error.status}); try again later.",
            file=sys.stderr,
        )
        return 1
    raise error
