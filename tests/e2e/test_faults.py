"""Faults end to end: the real ArticleBot against a fake Discord that misbehaves on purpose.

The gateway drops mid-session, REST answers 429 and 500, `articlebot run` gets SIGTERM with a
command in flight, and members without Manage Messages try every /article path.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import discord.webhook.async_
import pytest
import pytest_asyncio

from index.service import Library
from tests.e2e.articles import BAKERY, FERRY, LIBRARY_HOURS
from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import ErrorLog, FakeDiscordError, Guild, Interaction, Member
from tests.fakediscord.faults import Fault, FaultyDiscord, rate_limited, server_error

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = r"/interactions/\d+/[^/]+/callback"
FOLLOWUP = r"/webhooks/\d+/[^/]+"
EDIT_ORIGINAL = r"/webhooks/\d+/[^/]+/messages/@original"


@dataclass
class Room:
    fake: FaultyDiscord
    bot: object
    errors: ErrorLog
    guild: Guild
    mod: Member
    reader: Member
    database: Path


@pytest_asyncio.fixture
async def room(tmp_path: Path) -> AsyncIterator[Room]:
    database = tmp_path / "articlebot.db"
    async with FaultyDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, database) as (bot, errors, _):
            room = Room(fake, bot, errors, world["guild"], world["mod"], world["reader"], database)  # type: ignore[arg-type]
            opened = await fake.command(room.guild, room.mod, "article add")
            await fake.submit_modal(opened, {"Article text": FERRY})
            yield room
            check_and_settle(fake, errors)


async def ask_becker(room: Room) -> Interaction:
    rec = await room.fake.command(room.guild, room.reader, "ask", question="what did Becker say?")
    assert "four feet of water" in rec.reply.text
    return rec


async def answered_despite_errors(room: Room, rec: Interaction, within: float = 10.0) -> list[logging.LogRecord]:
    """Wait for an answer while the bot logs errors on purpose; return those errors."""
    logged: list[logging.LogRecord] = []
    deadline = room.fake.loop_time() + within
    while True:
        try:
            await room.fake.wait_for(lambda: rec.answered, "an answer", max(0.0, deadline - room.fake.loop_time()))
            return logged + room.errors.take()
        except FakeDiscordError:
            if room.fake.loop_time() >= deadline:
                raise
            logged += room.errors.take()


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """discord.py waits 1, 3, 5, 7, 9 s between 5xx retries: the same steps, 50 ms each."""
    real_sleep = asyncio.sleep

    async def quick(delay: float, *args: object) -> object:
        return await real_sleep(min(delay, 0.05), *args)

    patched = SimpleNamespace(**{**vars(asyncio), "sleep": quick})
    monkeypatch.setattr(discord.webhook.async_, "asyncio", patched)


# -- the gateway -----------------------------------------------------------------------


@pytest.mark.parametrize("how", ["cut", "close-4000"])
async def test_dropped_gateway_resumes_and_answers_the_next_command(room: Room, how: str):
    fake = room.fake
    await ask_becker(room)
    identified, resumed = len(fake.identifies), len(fake.resumes)
    if how == "cut":
        await fake.cut_gateway()  # no close frame: the TCP connection just dies
    else:
        await fake.close_gateway(4000)
    await fake.wait_for(lambda: len(fake.resumes) > resumed, "the bot to RESUME", 15)
    await fake.wait_for(
        lambda: any(c.session and not c.ws.closed for c in fake.connections), "a live session", 5
    )
    await ask_becker(room)
    assert len(fake.identifies) == identified  # resumed the session, did not start another


# -- REST faults -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"), [("POST", CALLBACK), ("PATCH", EDIT_ORIGINAL)], ids=["defer", "edit"]
)
async def test_a_429_with_retry_after_still_delivers_the_reply(room: Room, method: str, path: str, caplog: pytest.LogCaptureFixture):
    fake = room.fake
    fake.add_fault(Fault(method, path, *rate_limited(0.4)))
    rec = await ask_becker(room)
    faulted = [f for f in fake.faulted if f.status == 429]
    assert len(faulted) == 1
    retried = [c for c in rec.captures if c.method == method and c.at > faulted[0].at]
    assert retried and retried[0].at - faulted[0].at >= 0.4  # Retry-After was honoured
    assert any("rate limited" in r.getMessage() for r in caplog.records)


async def test_a_500_on_a_follow_up_is_retried_and_delivered(room: Room):
    fake = room.fake
    fake.add_fault(Fault("POST", FOLLOWUP, *server_error()))
    rec = await fake.command(room.guild, room.reader, "summary", article="#999", within=10)
    # Sent as a follow-up; after a public "thinking…" Discord makes it an edit of that message.
    assert rec.reply.text == "No article “#999” in this server's library."
    assert [f.status for f in fake.faulted] == [500]


async def test_a_follow_up_that_keeps_failing_is_logged_and_the_bot_goes_on(
    room: Room, quick_retries: None, caplog: pytest.LogCaptureFixture
):
    fake = room.fake
    fake.add_fault(Fault("POST", FOLLOWUP, *server_error(), times=5))
    rec = await fake.inject(2, room.guild, room.reader, fake._command_data(room.guild, room.reader, "summary", {"article": "#999"}))
    await fake.wait_for(lambda: len(fake.faulted) == 5, "five failed follow-ups", 10)
    await fake.wait_for(
        lambda: any("Could not tell the user" in r.getMessage() for r in caplog.records),
        "the failure to be logged", 5,
    )
    assert not rec.answered  # Discord never took the message: the user sees "thinking…"
    fake.settle()
    await ask_becker(room)  # and the bot serves the next command


async def test_a_500_on_the_reply_itself_is_logged_and_the_user_told(room: Room, quick_retries: None):
    fake = room.fake
    fake.add_fault(Fault("PATCH", EDIT_ORIGINAL, *server_error(), times=5))
    data = fake._command_data(room.guild, room.reader, "summary", {})
    rec = await fake.inject(2, room.guild, room.reader, data)
    logged = await answered_despite_errors(room, rec)
    assert any("Unexpected error in /summary" in r.getMessage() for r in logged)
    assert "Something went wrong" in rec.reply.text
    await ask_becker(room)


# -- shutdown ----------------------------------------------------------------------------

async def start_articlebot_run(fake: FaultyDiscord, tmp_path: Path, database: Path) -> asyncio.subprocess.Process:
    """`articlebot run` in a subprocess, pointed at the fake through environment variables."""
    return await start_run_at(fake.url, fake.token, tmp_path, database)


async def start_run_at(discord_url: str, token: str, tmp_path: Path, database: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FAKE_DISCORD_URL": discord_url,  # read by tests/e2e/bot_process.py
        "DISCORD_TOKEN": token,
        "ARTICLEBOT_DB": str(database),
        "COOLDOWN_SECONDS": "0.001",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.e2e.bot_process", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def logged(process: asyncio.subprocess.Process, text: str, within: float = 10) -> None:
    """Wait until the process logs a line containing `text` on stderr."""
    assert process.stderr is not None
    async with asyncio.timeout(within):
        while line := await process.stderr.readline():
            if text in line.decode():
                return
    raise AssertionError(f"the process ended without logging {text!r}")


def wal_left(database: Path) -> bool:
    return Path(f"{database}-wal").exists()


@pytest_asyncio.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[FaultyDiscord, dict, asyncio.subprocess.Process, Path]]:
    database = tmp_path / "run.db"
    async with await Library.open(database) as library:
        guild_world: dict = {}
        async with FaultyDiscord() as fake:
            guild_world = populate(fake)
            await library.add_text(guild_world["guild"].id, LIBRARY_HOURS)
            await library.close()
            process = await start_articlebot_run(fake, tmp_path, database)
            try:
                await fake.wait_identified(within=30)
                yield fake, guild_world, process, database
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()


async def test_sigterm_when_idle_exits_0_with_the_database_closed(served) -> None:
    fake, world, process, database = served
    rec = await fake.command(world["guild"], world["reader"], "ask", question="what did Hollis say?", within=15)
    assert "cheapest way" in rec.reply.text
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, err.decode()[-2000:]
    assert not wal_left(database)  # the last connection closed and checkpointed
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "Traceback" not in err.decode()


async def _sigterm_with_a_command_in_flight(served, hold: asyncio.Event) -> asyncio.Task:
    """Send SIGTERM while the fake holds an /ask's answer until `hold` is set; wait until the
    bot says it is stopping; return that ask."""
    fake, world, process, _ = served
    await fake.command(world["guild"], world["reader"], "ask", question="what did Hollis say?", within=15)
    fake.add_fault(Fault("PATCH", EDIT_ORIGINAL, hold=hold))
    asking = asyncio.create_task(
        fake.command(world["guild"], world["reader"], "ask", question="what did Nair say?", within=30)
    )
    await fake.wait_for(lambda: fake.faulted, "the command to be in flight", 10)
    process.send_signal(signal.SIGTERM)
    await logged(process, "Stopping: no new commands")
    return asking


async def test_sigterm_lets_an_in_flight_command_finish(served) -> None:
    _, _, process, database = served
    hold = asyncio.Event()
    asking = await _sigterm_with_a_command_in_flight(served, hold)
    with pytest.raises(TimeoutError):  # while the answer is held, the bot does not close
        await logged(process, "Closing the gateway", within=0.5)
    hold.set()
    _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, err.decode()[-2000:]
    assert not wal_left(database)
    rec = await asking
    assert "bring their children" in rec.reply.text


async def test_run_with_discord_unreachable_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "MTIz.unreachable.secret-token-value"
    process = await start_run_at(f"http://127.0.0.1:{port}", token, tmp_path, tmp_path / "run.db")
    out, err = await asyncio.wait_for(process.communicate(), 30)
    text = err.decode()
    assert process.returncode == 1, text[-2000:]
    assert "Traceback" not in text and token not in text + out.decode()
    last = text.strip().splitlines()[-1]
    assert last.startswith("articlebot: cannot reach Discord (") and last.endswith("check the network and try again.")


async def test_sigterm_refuses_a_new_command_politely_while_one_finishes(served) -> None:
    fake, world, process, database = served
    hold = asyncio.Event()
    asking = await _sigterm_with_a_command_in_flight(served, hold)
    late = await fake.command(world["guild"], world["reader"], "summary", within=10)
    assert late.reply.text == "articlebot is restarting: try again in a minute."
    assert late.reply.ephemeral
    hold.set()
    assert "bring their children" in (await asking).reply.text
    _, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode == 0, err.decode()[-2000:]
    assert not wal_left(database)


# -- limits ----------------------------------------------------------------------------


async def test_cooldown_and_library_limits_refuse_with_when_and_what(tmp_path: Path) -> None:
    """A second /ask inside the cooldown says when to retry; an add past the limit says the limit;
    both only to the member who asked, and the library keeps what it had."""
    env = {"COOLDOWN_RATE": "1", "COOLDOWN_SECONDS": "600", "MAX_BYTES_PER_GUILD": str(len(FERRY) + 50)}
    async with FaultyDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, tmp_path / "limits.db", **env) as (bot, errors, _):
            guild, mod, reader = world["guild"], world["mod"], world["reader"]
            opened = await fake.command(guild, mod, "article add")
            await fake.submit_modal(opened, {"Article text": FERRY})
            first = await fake.command(guild, reader, "ask", question="what did Becker say?")
            assert "four feet of water" in first.reply.text
            again = await fake.command(guild, reader, "ask", question="what did Becker say?")
            assert re.fullmatch(r"Slow down a little: try again in (\d+) s\.", again.reply.text)
            assert 590 <= int(re.findall(r"\d+", again.reply.text)[0]) <= 600
            assert again.reply.ephemeral
            other = await fake.command(guild, world["neighbour"], "ask", question="what did Becker say?")
            assert "four feet of water" in other.reply.text  # the cooldown is per member
            opened = await fake.command(guild, mod, "article add")
            refused = await fake.submit_modal(opened, {"Article text": BAKERY})
            assert refused.reply.ephemeral
            assert f"size limit ({len(FERRY) + 50:,} characters)" in refused.reply.text
            assert [a.title for a in await bot.library.articles(guild.id)] == ["Harbor council approves ferry expansion"]
            check_and_settle(fake, errors)


# -- permissions -------------------------------------------------------------------------


async def try_as(room: Room, member: Member, name: str, **options: object) -> Interaction:
    """Run a moderator command as `member`, past Discord's default (an admin's override, taken
    back afterwards). The bot must answer; a crash or a silence fails the test."""
    with room.fake.allowing(room.guild, "article", member):
        return await room.fake.command(room.guild, member, name, **options)


async def library_state(room: Room) -> list[tuple[int, str]]:
    articles = await room.bot.library.articles(room.guild.id)  # type: ignore[attr-defined]
    return [(a.id, a.title) for a in articles]


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("article add", {"file": "upload"}),
        ("article add", {"url": "https://example.org/story"}),
        ("article add", {}),  # would open the modal
        ("article remove", {"article": "1"}),
        ("article list", {}),
    ],
    ids=["add-file", "add-url", "add-modal", "remove", "list"],
)
async def test_every_article_command_refuses_a_member_without_manage_messages(room: Room, name: str, options: dict):
    fake = room.fake
    before = await library_state(room)
    if options.get("file"):
        options = {"file": fake.upload("sneaky.txt", BAKERY)}
    rec = await try_as(room, room.reader, name, **options)
    assert await library_state(room) == before
    # Answered at once, with a refusal only the member sees: never the library, a form or thinking.
    assert rec.callback_type == 4 and rec.reply.ephemeral
    assert rec.modal is None
    assert all(not m.embeds for m in rec.messages)
    assert "moderator" in rec.reply.text.lower()


async def test_article_autocomplete_offers_nothing_to_a_member_without_manage_messages(room: Room):
    with room.fake.allowing(room.guild, "article", room.reader):
        offered = await room.fake.autocomplete(room.guild, room.reader, "article remove", "article", article="")
    moderator = await room.fake.autocomplete(room.guild, room.mod, "article remove", "article", article="")
    assert moderator  # the moderator is offered the articles to remove
    assert offered == []


async def test_modal_submitted_after_losing_manage_messages_adds_nothing(room: Room):
    fake = room.fake
    opened = await fake.command(room.guild, room.mod, "article add")
    before = await library_state(room)
    room.mod.role_ids = ()  # the moderator role is taken away while the form is open
    submitted = await fake.submit_modal(opened, {"Article text": BAKERY})
    assert await library_state(room) == before
    assert submitted.callback_type == 4 and submitted.reply.ephemeral
    assert "moderator" in submitted.reply.text.lower()
