"""Shard plans: parsing `--shard-ids`, which guilds a process owns, and the indexes it keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.service import Library
from index.shards import ShardPlan, shard_of

# Snowflakes whose shard (of 2) is 0 and 1: the shard is the creation millisecond's parity.
EVEN_GUILD = 1000 << 22 | 7
ODD_GUILD = 1001 << 22 | 7


@pytest.mark.parametrize(
    ("spec", "count", "ids"),
    [("0-3", 16, (0, 1, 2, 3)), ("5", 8, (5,)), ("0-1,6, 4", 8, (0, 1, 4, 6)), (None, 3, (0, 1, 2))],
)
def test_shard_ids_are_read_as_ranges_and_lists(spec: str | None, count: int, ids: tuple[int, ...]) -> None:
    assert ShardPlan.parse(spec, count) == ShardPlan(ids, count)


@pytest.mark.parametrize(
    ("spec", "count", "message"),
    [
        ("0-3", None, "--shard-count must be given"),
        ("0-16", 16, "go up to 15"),
        ("3-1", 4, "runs backwards"),
        ("a-b", 4, "ids and ranges"),
    ],
)
def test_bad_shard_plans_are_refused_clearly(spec: str, count: int | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ShardPlan.parse(spec, count)


def test_no_options_means_no_plan() -> None:
    assert ShardPlan.parse(None, None) is None


def test_a_guild_belongs_to_the_shard_discord_sends_it_to() -> None:
    assert (shard_of(EVEN_GUILD, 2), shard_of(ODD_GUILD, 2)) == (0, 1)
    plan = ShardPlan((0,), 2)
    assert plan.owns(EVEN_GUILD)
    assert not plan.owns(ODD_GUILD)


async def test_a_process_keeps_indexes_only_for_its_own_guilds(tmp_path: Path, dam_text: str) -> None:
    async with await Library.open(tmp_path / "x.db") as library:
        library.serve_only(ShardPlan((0,), 2).owns)
        await library.add_text(EVEN_GUILD, dam_text)
        await library.add_text(ODD_GUILD, dam_text)
        assert (await library.ask(EVEN_GUILD, "what did Strand say?")).speaker == "Helen Strand"
        # Answered all the same when asked, but not kept: another process owns that guild.
        assert (await library.ask(ODD_GUILD, "what did Strand say?")).speaker == "Helen Strand"
        assert list(library._indexes._indexes) == [EVEN_GUILD]
