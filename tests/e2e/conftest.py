"""The real ArticleBot, started the way `articlebot run` starts it, against the fake Discord.

`articlebot run` ends in bot.client._serve(settings): it builds ArticleBot(settings), installs
SIGTERM/SIGINT handlers, logs in, syncs, connects, and closes cleanly on SIGTERM. The tests run
that very coroutine on their loop and stop it with SIGTERM, as a service manager would. The
only addition is a subclass that remembers the instance, so that the test can wait for
on_ready, and waits 0.2 s rather than 2 s for guilds after READY (the fake sends them at once).
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio

import bot.client as client_module
from bot.settings import Settings
from tests.fakediscord import ErrorLog, FakeDiscord, Guild, Interaction, Member, run_client
from tests.fakediscord.models import MANAGE_MESSAGES

GUILD_READY_TIMEOUT = 0.2


@asynccontextmanager
async def articlebot(
    fake: FakeDiscord, database: Path, **env: str
) -> AsyncIterator[tuple[client_module.ArticleBot, ErrorLog, Settings]]:
    """Run ArticleBot through the production start-up path until the block ends."""
    environ = {
        "DISCORD_TOKEN": fake.token,
        "ARTICLEBOT_DB": str(database),
        "LOG_LEVEL": "INFO",
        "COOLDOWN_SECONDS": "0.001",  # the tests ask faster than a person would
        **env,
    }
    settings = Settings.from_env(environ, env_file=None)
    started: list[client_module.ArticleBot] = []

    class Recorded(client_module.ArticleBot):
        def __init__(self, *args: object, **kwargs: object) -> None:
            # discord.py waits guild_ready_timeout (2 s) after the last GUILD_CREATE before
            # on_ready; the fake sends every GUILD_CREATE right after READY, so 2 s of each
            # start would be spent waiting for guilds that cannot come.
            kwargs.setdefault("guild_ready_timeout", GUILD_READY_TIMEOUT)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)

    async def ready() -> None:
        await fake.wait_for(lambda: started, "ArticleBot to be built")
        await started[0].wait_until_ready()

    async def stop() -> None:
        # _serve installs its signal handlers right after building the bot; before that a
        # SIGTERM would end pytest itself.
        if started:
            os.kill(os.getpid(), signal.SIGTERM)

    loop = asyncio.get_running_loop()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(client_module, "ArticleBot", Recorded)
        try:
            main = client_module._serve(settings)
            async with run_client(fake, main, ready=ready, close=stop) as errors:
                yield started[0], errors, settings
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)


@dataclass
class Newsroom:
    """Two guilds on one fake Discord, and the bot serving both."""

    fake: FakeDiscord
    bot: client_module.ArticleBot
    errors: ErrorLog
    guild: Guild
    mod: Member
    reader: Member
    neighbour: Member
    rival: Guild
    rival_mod: Member
    timed: list[Interaction] = field(default_factory=list)  # /summary and /ask, for the report


def populate(fake: FakeDiscord) -> dict[str, Member | Guild]:
    guild = fake.add_guild("Port Alder Gazette")
    rival = fake.add_guild("Elsewhere Herald")
    return {
        "guild": guild,
        "mod": guild.add_member("Mona (moderator)", MANAGE_MESSAGES),
        "reader": guild.add_member("Rui (reader)"),
        "neighbour": guild.add_member("Nia (reader)"),
        "rival": rival,
        "rival_mod": rival.add_member("Remy (moderator elsewhere)", MANAGE_MESSAGES),
    }


def check_and_settle(fake: FakeDiscord, errors: ErrorLog) -> None:
    """After a test: fail on what Discord refused, left unanswered, or the bot logged; then
    forget it, so that one failure does not spill into the next test."""
    gc.collect()  # an unretrieved task exception is logged when the task is collected
    try:
        fake.assert_clean()
        assert not errors.records, "the bot logged errors:\n" + "\n".join(
            errors.format(r) for r in errors.records
        )
    finally:
        fake.settle()
        errors.take()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def newsroom(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Newsroom]:
    database = tmp_path_factory.mktemp("e2e") / "articlebot.db"
    async with FakeDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, database) as (bot, errors, _):
            yield Newsroom(fake, bot, errors, **world)  # type: ignore[arg-type]
