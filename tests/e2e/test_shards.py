"""Two bot processes, shard 0 and shard 1 of 2, share one PostgreSQL library on the fake Discord.

Each process is the production `articlebot run --shard-ids N --shard-count 2` in a process of
its own. The fake sends each guild's events only on the connection of the shard that owns it,
as Discord does. An article added through a guild is answered by that guild's process, and
an article added by yet another process (the CLI) is seen at that guild's next question.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from index.shards import shard_of
from tests.e2e.articles import BRIDGE, FERRY
from tests.fakediscord import FakeDiscord, Guild
from tests.fakediscord.models import MANAGE_MESSAGES

ROOT = Path(__file__).resolve().parents[2]
ADDED = re.compile(r"^Added #(\d+) ")
SHARDS = 2


def guild_on_shard(fake: FakeDiscord, name: str, shard: int) -> Guild:
    """A new guild whose id falls on `shard` (ids are snowflakes: the shard is time-based)."""
    while True:
        guild = fake.add_guild(name)
        if shard_of(guild.id, SHARDS) == shard:
            return guild
        del fake.guilds[guild.id]


@asynccontextmanager
async def bot_process(fake: FakeDiscord, database: str, shard: int) -> AsyncIterator[int]:
    """`articlebot run --shard-ids SHARD --shard-count 2` until the block ends; yields its pid."""
    env = {
        **os.environ,
        "FAKE_DISCORD_URL": fake.url,
        "DISCORD_TOKEN": fake.token,
        "DATABASE_URL": database,
        "COOLDOWN_SECONDS": "0.001",
        "LOG_LEVEL": "INFO",
    }
    env.pop("ARTICLEBOT_DB", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.e2e.bot_process", "run",
        "--shard-ids", str(shard), "--shard-count", str(SHARDS),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    log: list[str] = []

    async def read_log() -> None:
        assert process.stderr is not None
        async for line in process.stderr:
            log.append(line.decode(errors="replace").rstrip())
            fake.notify()

    reader = asyncio.create_task(read_log())
    try:
        await fake.wait_for(
            lambda: any("Ready as" in line for line in log) or process.returncode is not None,
            f"shard {shard} to be ready",
            within=60,
        )
        assert process.returncode is None, "\n".join(log)
        yield process.pid
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 30)
        await reader
        errors = [line for line in log if " ERROR " in line or "Traceback" in line]
        assert code == 0 and not errors, "\n".join(log)


async def cli(database: str, *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())",
        "--db", database, *args,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return out.decode()


async def test_each_shard_process_answers_its_own_guilds(fresh_schema: str, tmp_path: Path) -> None:
    database = fresh_schema
    async with FakeDiscord() as fake:
        guilds = [guild_on_shard(fake, f"Shard {n} Gazette", n) for n in range(SHARDS)]
        mods = [g.add_member(f"Mod of shard {n}", MANAGE_MESSAGES) for n, g in enumerate(guilds)]
        readers = [g.add_member(f"Reader of shard {n}") for n, g in enumerate(guilds)]
        async with bot_process(fake, database, 0) as pid0, bot_process(fake, database, 1) as pid1:
            assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
            # Shard 0's guild: a moderator adds an article, a reader asks; its process answers.
            opened = await fake.command(guilds[0], mods[0], "article add")
            added = await fake.submit_modal(opened, {"Article text": FERRY})
            assert ADDED.match(added.reply.content), added.reply.content
            home = await fake.command(guilds[0], readers[0], "ask", question="what did Quill say?")
            # Shard 1's guild: empty at first; then a third process (the CLI) adds an article,
            # and shard 1's process sees it at the next question (the guild's version moved).
            before = await fake.command(guilds[1], readers[1], "ask", question="bridge")
            article = tmp_path / "bridge.txt"
            article.write_text(BRIDGE, encoding="utf-8")
            print(await cli(database, "--guild", str(guilds[1].id), "add", str(article)), end="")
            after = await fake.command(guilds[1], readers[1], "ask", question="what did Alvarez say?")
            # Neither guild sees the other's article, though both live in one database.
            elsewhere = await fake.command(guilds[1], readers[1], "ask", question="what did Quill say?")
        routed = {
            connection_shard: sorted({int(p["d"]["guild_id"]) for p in history})
            for connection_shard, history in fake_histories(fake)
        }
    text = {name: rec.reply.content + _embeds(rec) for name, rec in
            {"home": home, "before": before, "after": after, "elsewhere": elsewhere}.items()}  # fmt: skip
    print(f"shard 0 pid {pid0}, shard 1 pid {pid1}; interactions by shard: {routed}")
    for name, shown in text.items():
        print(f"{name}: {shown[:160]!r}")
    assert routed == {0: [guilds[0].id], 1: [guilds[1].id]}
    assert "Quill" in text["home"]
    assert "empty" in text["before"].lower()
    assert "Ruth Alvarez" in text["after"]
    assert "north crossing" in text["after"]
    assert "Quill" not in text["elsewhere"]


def fake_histories(fake: FakeDiscord) -> list[tuple[int, list[dict]]]:
    """Each shard's INTERACTION_CREATE events, from the sessions' replay histories."""
    shards = {f["shard"][0]: f for f in fake.identifies}
    assert set(shards) == {0, 1}
    sessions = list(fake.sessions.values())
    assert len(sessions) == SHARDS
    by_order = dict(zip((i["shard"][0] for i in fake.identifies), sessions, strict=True))
    return [
        (shard, [p for p in session.history if p["t"] == "INTERACTION_CREATE"])
        for shard, session in sorted(by_order.items())
    ]


def _embeds(rec) -> str:  # type: ignore[no-untyped-def]
    return " ".join(
        " ".join([e.get("title", ""), e.get("description", "")] + [f.get("value", "") for f in e.get("fields", [])])
        for e in rec.reply.data.get("embeds", [])
    )


