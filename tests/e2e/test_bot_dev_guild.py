"""ArticleBot with DEV_GUILD_ID: commands sync to that guild alone, and it stops on SIGTERM."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import FakeDiscord, FakeDiscordError

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_dev_guild_gets_the_commands_and_no_one_else(tmp_path: Path):
    async with FakeDiscord() as fake:
        world = populate(fake)
        guild, rival = world["guild"], world["rival"]
        env = {"DEV_GUILD_ID": str(guild.id)}
        async with articlebot(fake, tmp_path / "dev.db", **env) as (bot, errors, settings):
            assert settings.dev_guild_id == guild.id
            assert [g for g, _ in fake.syncs] == [guild.id]  # no global sync at all
            assert fake.global_commands == []
            names = {c["name"] for c in fake.guild_commands[guild.id]}
            assert names == {
                "summary", "ask", "quotes", "article", "feed", "watch", "unwatch",
                "Summarize article", "people", "person",
            }

            rec = await fake.command(guild, world["mod"], "article list")
            assert "The library is empty" in rec.reply.text
            with pytest.raises(FakeDiscordError, match="not registered"):
                await fake.command(rival, world["rival_mod"], "ask", question="anything?")
            check_and_settle(fake, errors)
        assert bot.is_closed()  # SIGTERM reached _serve, which closed the bot
        assert fake.connections == []
