"""Interactions Discord has already forgotten, delivered to the real ArticleBot through the fake.

Under a burst an interaction can reach the bot after Discord's 3-second window for its first
response. Answering it, and then reporting the refusal, would cost two refused requests each
(Discord bans an address after 10,000 in 10 minutes): the bot must drop it with one counted
warning, no traceback, and at most the one request that found out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.client import ArticleBot
from tests.e2e.articles import FERRY
from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import ErrorLog, FakeDiscord, Guild, Interaction, Member

pytestmark = pytest.mark.asyncio(loop_scope="module")

ASK = {"question": "what did Becker say?"}


@dataclass
class Desk:
    fake: FakeDiscord
    bot: ArticleBot
    errors: ErrorLog
    guild: Guild
    mod: Member
    reader: Member


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def desk(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Desk]:
    database = tmp_path_factory.mktemp("expired") / "articlebot.db"
    async with FakeDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, database) as (bot, errors, _):
            desk = Desk(fake, bot, errors, world["guild"], world["mod"], world["reader"])  # type: ignore[arg-type]
            opened = await fake.command(desk.guild, desk.mod, "article add")
            await fake.submit_modal(opened, {"Article text": FERRY})
            yield desk


async def until(predicate: Callable[[], bool], what: str, within: float = 10.0) -> None:
    """Poll (the counter changes without any request the fake could wake on)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        assert loop.time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)


async def answer_fresh(desk: Desk) -> None:
    """An ordinary question, answered: the bot still serves, and has finished the one before."""
    rec = await desk.fake.command(desk.guild, desk.reader, "ask", **ASK)
    assert "four feet of water" in rec.reply.text


def deliver(desk: Desk, member: Member, name: str, options: dict[str, object], age: float = 0.0):
    data = desk.fake._command_data(desk.guild, member, name, options)
    return desk.fake.inject(2, desk.guild, member, data, age=age)


def assert_one_quiet_warning(caplog: pytest.LogCaptureFixture, rec: Interaction) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    dropped = [r for r in caplog.records if r.name == "bot.expiry"]
    assert len(dropped) == 1 and dropped[0].levelno == logging.WARNING
    assert str(rec.id) in dropped[0].getMessage()


@pytest.mark.parametrize(
    ("who", "name", "options"),
    [("reader", "ask", ASK), ("reader", "summary", {}), ("mod", "article list", {})],
    ids=["ask", "summary", "article-list"],
)
async def test_an_interaction_past_its_window_is_dropped_without_a_request(
    desk: Desk, caplog: pytest.LogCaptureFixture, who: str, name: str, options: dict
):
    fake, bot = desk.fake, desk.bot
    await answer_fresh(desk)  # the interaction just before, as in a burst
    before = bot.expired.count
    caplog.clear()
    with caplog.at_level(logging.INFO):
        rec = await deliver(desk, getattr(desk, who), name, options, age=4.0)
        await until(lambda: bot.expired.count > before, "the expired interaction to be counted")
        await answer_fresh(desk)
    assert bot.expired.count == before + 1
    assert rec.captures == []  # not a single request: no defer, no error report
    assert_one_quiet_warning(caplog, rec)
    fake.abandoned.append(rec)  # never answered, on purpose
    check_and_settle(fake, desk.errors)


@pytest.mark.parametrize(
    ("who", "name", "options"),
    [("reader", "ask", ASK), ("mod", "article list", {})],
    ids=["ask", "article-list"],
)
async def test_a_first_response_refused_as_unknown_is_the_only_request(
    desk: Desk, caplog: pytest.LogCaptureFixture, who: str, name: str, options: dict
):
    """The snowflake looked fresh (a clock can be off) but Discord had already given up."""
    fake, bot = desk.fake, desk.bot
    before = bot.expired.count
    caplog.clear()
    fake.response_deadline = 0.0  # every first response is now too late
    try:
        with caplog.at_level(logging.INFO):
            rec = await deliver(desk, getattr(desk, who), name, options)
            await until(lambda: bot.expired.count > before, "the refused interaction to be counted")
    finally:
        fake.response_deadline = 3.0
    await answer_fresh(desk)
    assert bot.expired.count == before + 1
    (refused,) = rec.captures
    assert (refused.kind, refused.status, refused.body["code"]) == ("callback", 404, 10062)
    assert fake.forget_rejections() == [refused]
    assert_one_quiet_warning(caplog, rec)
    fake.abandoned.append(rec)
    check_and_settle(fake, desk.errors)
