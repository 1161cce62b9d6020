"""`articlebot run --shard-ids --shard-count`: an AutoShardedBot for those shards, or a clear refusal."""

from __future__ import annotations

from dataclasses import replace

import discord
import pytest

from bot.cli import main
from bot.client import ArticleBot, make_bot
from bot.settings import Secret, Settings
from index.shards import ShardPlan


async def test_a_shard_plan_makes_an_auto_sharded_bot_for_those_shards() -> None:
    settings = Settings(token=Secret("x"), shards=ShardPlan((0, 1, 2, 3), 16))
    async with make_bot(settings) as bot:  # as _serve opens it
        assert isinstance(bot, discord.AutoShardedClient)
        assert isinstance(bot, ArticleBot)
        assert (list(bot.shard_ids or []), bot.shard_count) == ([0, 1, 2, 3], 16)


async def test_no_plan_makes_the_plain_bot() -> None:
    async with make_bot(replace(Settings(token=Secret("x")), shards=None)) as bot:
        assert not isinstance(bot, discord.AutoShardedClient)


def test_a_bad_plan_is_refused_before_connecting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "x")
    assert main(["run", "--shard-ids", "0-16", "--shard-count", "16"]) == 2
    assert "go up to 15" in capsys.readouterr().err
