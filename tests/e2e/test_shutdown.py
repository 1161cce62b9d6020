"""Clicks and modal submits that arrive while `articlebot run` is stopping.

A SIGTERM closes the gate (bot/shutdown.py): commands already running finish, anything new is
answered "restarting" — a page turn and a modal submit too, since a stopping bot cannot promise
to finish them. The user must see that answer (not "This interaction failed"), the message they
clicked must keep its page, the library must not change, and the command in flight must still
get its answer before the process exits cleanly.

The command in flight is an /ask whose final edit the fake holds until the test lets it go, so
the stop is as long as the test needs and no longer.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio

from bot.shutdown import RESTARTING
from index.service import Library
from tests.e2e.articles import FERRY, LIBRARY_HOURS, budget_hearing
from tests.e2e.conftest import populate
from tests.e2e.test_faults import EDIT_ORIGINAL, logged, start_articlebot_run, wal_left
from tests.fakediscord import Guild, Interaction, Member, Message
from tests.fakediscord.faults import Fault, FaultyDiscord


@dataclass
class Stopping:
    fake: FaultyDiscord
    guild: Guild
    mod: Member
    reader: Member
    process: asyncio.subprocess.Process
    database: Path
    budget: int  # a long article: its /summary pages


@pytest_asyncio.fixture
async def stopping(tmp_path: Path) -> AsyncIterator[Stopping]:
    database = tmp_path / "run.db"
    async with FaultyDiscord() as fake:
        world = populate(fake)
        guild = world["guild"]
        async with await Library.open(database) as library:
            await library.add_text(guild.id, LIBRARY_HOURS)
            budget = (await library.add_text(guild.id, budget_hearing())).id
        process = await start_articlebot_run(fake, tmp_path, database)
        try:
            await fake.wait_identified(within=30)
            yield Stopping(fake, guild, world["mod"], world["reader"], process, database, budget)  # type: ignore[arg-type]
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def sigterm_during_an_ask(room: Stopping, hold: asyncio.Event) -> asyncio.Task[Interaction]:
    """Start an /ask, hold its answer at the fake, send SIGTERM, wait until the bot stops
    taking interactions; return the /ask still running."""
    fake = room.fake
    fake.add_fault(Fault("PATCH", EDIT_ORIGINAL, hold=hold))
    asking = asyncio.create_task(
        fake.command(room.guild, room.reader, "ask", question="what did Nair say?", within=30)
    )
    await fake.wait_for(lambda: fake.faulted, "the /ask to be in flight", 15)
    room.process.send_signal(signal.SIGTERM)
    await logged(room.process, "Stopping: no new commands")
    return asking


def assert_refused_politely(rec: Interaction) -> None:
    assert rec.callback_type == 4  # a message of its own, not an update of the clicked one
    assert rec.reply.text == RESTARTING
    assert rec.reply.ephemeral  # only the member who clicked sees it


async def exit_cleanly(room: Stopping) -> None:
    _, err = await asyncio.wait_for(room.process.communicate(), 20)
    assert room.process.returncode == 0, err.decode()[-2000:]
    assert "Traceback" not in err.decode()
    assert not wal_left(room.database)
    with sqlite3.connect(room.database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def pager(room: Stopping) -> Message:
    rec = await room.fake.command(
        room.guild, room.reader, "summary", article=str(room.budget), length="long", within=15
    )
    assert rec.reply.buttons and rec.reply.embed["footer"]["text"].endswith(
        tuple(f"Page 1/{n}" for n in range(2, 100))
    )
    return rec.reply


async def test_a_page_turn_during_shutdown_is_answered_restarting_and_the_page_stays(
    stopping: Stopping,
) -> None:
    room, fake = stopping, stopping.fake
    message = await pager(room)
    page, buttons = message.embed, message.buttons
    hold = asyncio.Event()
    asking = await sigterm_during_an_ask(room, hold)

    clicked = await fake.click(message, "Next", room.reader, within=10)
    assert_refused_politely(clicked)
    assert message.embed == page and message.buttons == buttons  # not turned, not broken

    hold.set()
    assert "bring their children" in (await asking).reply.text  # the command in flight finished
    await exit_cleanly(room)
    fake.assert_clean()


async def test_a_modal_submitted_during_shutdown_is_answered_restarting_and_adds_nothing(
    stopping: Stopping,
) -> None:
    room, fake = stopping, stopping.fake
    opened = await fake.command(room.guild, room.mod, "article add", within=15)
    assert opened.modal is not None  # the form is open on the moderator's screen
    hold = asyncio.Event()
    asking = await sigterm_during_an_ask(room, hold)

    submitted = await fake.submit_modal(opened, {"Article text": FERRY}, within=10)
    assert_refused_politely(submitted)

    hold.set()
    assert "bring their children" in (await asking).reply.text
    await exit_cleanly(room)
    fake.assert_clean()
    async with await Library.open(room.database) as library:
        titles = [a.title for a in await library.articles(room.guild.id)]
    assert len(titles) == 2 and not any("ferry" in t.lower() for t in titles)  # nothing half-added
