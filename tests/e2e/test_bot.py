"""ArticleBot end to end: every command as a user runs it, asserted on what Discord receives."""

from __future__ import annotations

import json
import os
import re
import statistics
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
import pytest_asyncio

from tests.e2e.articles import BAKERY, BRIDGE, FERRY, LIBRARY_HOURS, budget_hearing
from tests.e2e.conftest import Newsroom, check_and_settle
from tests.fakediscord import FakeDiscordError, Interaction, Message
from tests.fakediscord.models import MANAGE_MESSAGES

pytestmark = pytest.mark.asyncio(loop_scope="module")

NO_PINGS = {"parse": []}  # discord.AllowedMentions.none(), as sent
THINKING = 5
ADDED = re.compile(r"^Added #(\d+) “(.+)” \((\d+) statements? found\)\.$")


@dataclass
class Stock:
    """The articles a moderator added at the start, by modal and by file."""

    ferry: int
    hours: int
    bridge: int
    budget: int
    by_modal: Interaction
    modal_opened: Interaction
    by_file: Interaction


def article_id(rec: Interaction) -> int:
    match = ADDED.match(rec.reply.content)
    assert match, rec.reply.content
    return int(match.group(1))


def assert_no_pings(*messages: Message) -> None:
    for message in messages:
        assert message.allowed_mentions == NO_PINGS, message.allowed_mentions
        assert message.pings == frozenset(), message.pings
        assert not message.data["mention_everyone"]


async def add_by_modal(
    room: Newsroom, text: str, title: str = ""
) -> tuple[Interaction, Interaction]:
    opened = await room.fake.command(room.guild, room.mod, "article add")
    submitted = await room.fake.submit_modal(
        opened, {"Article text": text, "Title (optional)": title}
    )
    return opened, submitted


@pytest.fixture(autouse=True)
def clean(newsroom: Newsroom):
    yield
    check_and_settle(newsroom.fake, newsroom.errors)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def stock(newsroom: Newsroom) -> Stock:
    fake, room = newsroom.fake, newsroom
    opened, by_modal = await add_by_modal(room, FERRY)
    _, hours = await add_by_modal(room, LIBRARY_HOURS)
    _, bridge = await add_by_modal(room, BRIDGE)
    upload = fake.upload("budget-hearing.txt", budget_hearing())
    by_file = await fake.command(room.guild, room.mod, "article add", file=upload)
    ids = [article_id(r) for r in (by_modal, hours, bridge, by_file)]
    return Stock(*ids, by_modal=by_modal, modal_opened=opened, by_file=by_file)


@pytest_asyncio.fixture(loop_scope="module", scope="module", autouse=True)
async def report(newsroom: Newsroom) -> AsyncIterator[None]:
    """With E2E_REPORT=path, write the captured /summary and /ask JSON and the timings."""
    yield
    target = os.environ.get("E2E_REPORT")
    if not target:
        return
    timed = newsroom.timed
    elapsed = [rec.elapsed for rec in timed]
    data = {
        "median_seconds": statistics.median(elapsed),
        "max_seconds": max(elapsed),
        "count": len(elapsed),
        "exchanges": [
            {
                "command": rec.payload["data"]["name"],
                "options": rec.payload["data"].get("options"),
                "seconds": round(rec.elapsed, 4),
                "sent": [
                    {"method": c.method, "path": c.path, "status": c.status, "payload": c.payload}
                    for c in rec.captures
                ],
            }
            for rec in timed
        ],
    }
    write_json(Path(target), data)


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


async def timed(room: Newsroom, name: str, **options: object) -> Interaction:
    rec = await room.fake.command(room.guild, room.reader, name, **options)
    room.timed.append(rec)
    return rec


# -- start-up ---------------------------------------------------------------------------


async def test_start_up_identifies_without_privileged_intents_and_syncs(newsroom: Newsroom):
    fake = newsroom.fake
    (identify,) = fake.identifies
    assert identify["token"] == fake.token
    assert identify["intents"] == discord.Intents(guilds=True).value
    assert {g.id for g in newsroom.bot.guilds} == {newsroom.guild.id, newsroom.rival.id}
    (guild_id, _), *more = fake.syncs
    assert guild_id is None and not more  # no DEV_GUILD_ID: one global sync
    commands = {c["name"]: c for c in fake.global_commands}
    assert set(commands) == {
        "summary", "ask", "quotes", "article", "feed", "watch", "unwatch", "Summarize article",
        "people", "person",
    }
    article = commands["article"]
    assert article["default_member_permissions"] == str(MANAGE_MESSAGES)
    assert {o["name"] for o in article["options"]} == {"add", "remove", "list"}
    assert all(c.get("contexts") == [0] for c in commands.values())  # guild only
    assert commands["ask"]["default_member_permissions"] is None


# -- adding articles --------------------------------------------------------------------


async def test_moderator_adds_by_modal(newsroom: Newsroom, stock: Stock):
    modal = stock.modal_opened.modal
    assert stock.modal_opened.callback_type == 9 and modal is not None
    assert modal["title"] == "Add an article"
    rec = stock.by_modal
    assert rec.callback_type == THINKING
    assert (
        rec.reply.content == "Added #1 “Harbor council approves ferry expansion” (5 statements found)."
    )
    assert not rec.reply.ephemeral
    assert_no_pings(rec.reply)


async def test_moderator_adds_by_attached_file(newsroom: Newsroom, stock: Stock):
    rec = stock.by_file
    assert rec.callback_type == THINKING
    match = ADDED.match(rec.reply.content)
    assert match and match.group(2) == "City budget hearing draws record crowd"
    assert int(match.group(3)) >= 20
    assert rec.reply.content.count("\n") == 0 and len(rec.reply.content) <= 2000


async def test_adding_the_same_article_twice_is_refused_politely(newsroom: Newsroom, stock: Stock):
    _, again = await add_by_modal(newsroom, FERRY)
    assert "already in the library as #1" in again.reply.text
    assert again.reply.ephemeral


# -- reading ----------------------------------------------------------------------------


async def test_summary_is_deferred_then_edited_with_the_embed(newsroom: Newsroom, stock: Stock):
    rec = await timed(newsroom, "summary", article=str(stock.ferry))
    assert rec.callback_type == THINKING
    edit = next(c for c in rec.captures if c.kind == "edit")
    assert edit.method == "PATCH" and edit.path.endswith("/messages/@original")
    assert edit.payload["allowed_mentions"] == NO_PINGS
    embed = rec.reply.embed
    assert embed["title"] == "Harbor council approves ferry expansion"
    assert embed["footer"]["text"] == "Article #1"
    assert "**In brief**" in embed["description"]
    assert "“We cannot dock a larger boat in four feet of water”" in embed["description"]
    assert "**Who is quoted**" in embed["description"]
    assert rec.reply.components == []  # one page: no pager
    assert not rec.reply.loading and rec.reply is rec.original


async def test_ask_what_did_someone_say(newsroom: Newsroom, stock: Stock):
    rec = await timed(newsroom, "ask", question="what did Becker say?")
    embed = rec.reply.embed
    assert embed["title"] == "Tom Becker: 2 statements (1 quoted, 1 reported)"
    assert "“We cannot dock a larger boat in four feet of water”" in embed["description"]
    assert "— **Tom Becker**" in embed["description"]
    assert "#1 Harbor council approves ferry expansion" in embed["description"]
    assert_no_pings(rec.reply)


async def test_ask_an_open_question(newsroom: Newsroom, stock: Stock):
    rec = await timed(newsroom, "ask", question="when will the first ferry sail?")
    embed = rec.reply.embed
    assert "**The council expects the first sailings in June.**" in embed["description"]


async def test_ask_within_one_article(newsroom: Newsroom, stock: Stock):
    rec = await timed(
        newsroom, "ask", question="who proposed the change?", article=str(stock.hours)
    )
    assert "Library to extend weekend hours" in rec.reply.text
    assert "Harbor council" not in rec.reply.text


async def test_quotes_with_speaker_and_article_autocomplete(newsroom: Newsroom, stock: Stock):
    fake, room = newsroom.fake, newsroom
    speakers = await fake.autocomplete(room.guild, room.reader, "quotes", "speaker", speaker="Hol")
    assert speakers == [{"name": "Dan Hollis", "value": "Dan Hollis"}]
    titles = await fake.autocomplete(
        room.guild, room.reader, "quotes", "article", speaker="Dan Hollis", article="weekend"
    )
    assert titles == [
        {"name": f"#{stock.hours} Library to extend weekend hours", "value": str(stock.hours)}
    ]
    rec = await fake.command(
        room.guild, room.reader, "quotes", speaker=speakers[0]["value"], article=titles[0]["value"]
    )
    assert "“It is the cheapest way I know to keep teenagers off the street”" in rec.reply.text
    assert rec.reply.embed["title"].startswith("Dan Hollis")


async def test_autocomplete_offers_at_most_25_speakers(newsroom: Newsroom, stock: Stock):
    room = newsroom
    choices = await room.fake.autocomplete(room.guild, room.reader, "quotes", "speaker", speaker="")
    assert len(choices) == 25  # 20 residents and 6 more: Discord takes no more than 25


# -- moderation -------------------------------------------------------------------------


async def test_article_list_and_remove(newsroom: Newsroom, stock: Stock):
    fake, room = newsroom.fake, newsroom
    _, added = await add_by_modal(room, BAKERY)
    bakery = article_id(added)
    listed = await fake.command(room.guild, room.mod, "article list")
    assert listed.reply.ephemeral
    assert listed.reply.embed["title"] == "Library: 5 articles"
    assert "Corner bakery closes after forty years" in listed.reply.embed["description"]
    offered = await fake.autocomplete(
        room.guild, room.mod, "article remove", "article", article="bakery"
    )
    assert offered == [
        {"name": f"#{bakery} Corner bakery closes after forty years", "value": str(bakery)}
    ]
    removed = await fake.command(room.guild, room.mod, "article remove", article=str(bakery))
    assert removed.reply.content == f"Removed #{bakery} “Corner bakery closes after forty years”."
    listed = await fake.command(room.guild, room.mod, "article list")
    assert listed.reply.embed["title"] == "Library: 4 articles"
    assert "Corner bakery" not in listed.reply.embed["description"]
    gone = await fake.command(room.guild, room.reader, "ask", question="what did Elsa Brandt say?")
    assert "tired" not in gone.reply.text


async def test_members_without_manage_messages_are_not_offered_article(newsroom: Newsroom):
    with pytest.raises(FakeDiscordError, match="lacks"):
        await newsroom.fake.command(newsroom.guild, newsroom.reader, "article list")


async def attempt(room: Newsroom, name: str, **options: object) -> Interaction:
    """A reader runs a moderator command that an admin's override (taken back afterwards) lets
    Discord dispatch. The bot must answer it with a refusal; a crash or a silence fails."""
    with room.fake.allowing(room.guild, "article", room.reader):
        rec = await room.fake.command(room.guild, room.reader, name, **options)
    assert rec.callback_type == 4 and rec.reply.ephemeral
    assert "moderator" in rec.reply.text.lower()
    return rec


async def test_non_moderator_changes_nothing_at_run_time(newsroom: Newsroom, stock: Stock):
    """Discord's default_member_permissions is only a default: the bot's own check must hold."""
    fake, room = newsroom.fake, newsroom
    await attempt(room, "article add", file=fake.upload("sneaky.txt", BAKERY))
    await attempt(room, "article remove", article=str(stock.ferry))
    listed = await fake.command(room.guild, room.mod, "article list")
    assert listed.reply.embed["title"] == "Library: 4 articles"
    assert "Harbor council approves ferry expansion" in listed.reply.embed["description"]
    assert "Corner bakery" not in listed.reply.embed["description"]


async def test_non_moderator_is_told_why(newsroom: Newsroom, stock: Stock):
    fake, room = newsroom.fake, newsroom
    with fake.allowing(room.guild, "article", room.reader):
        rec = await fake.command(room.guild, room.reader, "article list")
    assert rec.reply.ephemeral
    assert "moderator" in rec.reply.text.lower()


async def test_a_bad_question_is_refused_at_once_without_thinking(newsroom: Newsroom, stock: Stock):
    fake, room = newsroom.fake, newsroom
    rec = await fake.command(room.guild, room.reader, "ask", question="?!")
    assert rec.callback_type == 4 and rec.reply.ephemeral  # a reply, not a deferral
    assert rec.reply.text == "That question is too short: ask in a few words."
    rec = await fake.command(room.guild, room.reader, "quotes", speaker="L")
    assert rec.callback_type == 4 and rec.reply.ephemeral
    assert rec.reply.text == "That speaker name is too short: ask in a few words."


async def test_another_guild_sees_nothing_of_the_first(newsroom: Newsroom, stock: Stock):
    fake, rival, mod = newsroom.fake, newsroom.rival, newsroom.rival_mod
    listed = await fake.command(rival, mod, "article list")
    assert "The library is empty" in listed.reply.text
    asked = await fake.command(rival, mod, "ask", question="what did Becker say?")
    assert asked.reply.text == "This server's library is empty: a moderator can add articles first."
    summary = await fake.command(rival, mod, "summary", article=str(stock.ferry))
    assert summary.reply.text == "No article “1” in this server's library."
    assert summary.reply.ephemeral and summary.original.data.get("deleted")  # no public trace
    assert await fake.autocomplete(rival, mod, "quotes", "speaker", speaker="") == []
    assert await fake.autocomplete(rival, mod, "ask", "article", question="x", article="") == []


# -- mentions and limits ----------------------------------------------------------------


async def test_everyone_in_an_article_never_pings(newsroom: Newsroom, stock: Stock):
    fake, room = newsroom.fake, newsroom
    rec = await fake.command(room.guild, room.reader, "quotes", speaker="Ruth Alvarez")
    assert "use the north crossing" in rec.reply.text
    summary = await fake.command(room.guild, room.reader, "summary", article=str(stock.bridge))
    listed = await fake.command(room.guild, room.mod, "article list")
    for message in fake.messages.values():  # everything the bot has sent so far
        assert_no_pings(message)
    for message in (rec.reply, summary.reply, listed.reply):
        assert "@everyone" not in message.text and "@here" not in message.text


async def test_long_article_paginates_within_limits_and_only_the_asker_turns(
    newsroom: Newsroom, stock: Stock
):
    fake, room = newsroom.fake, newsroom
    rec = await timed(room, "summary", article=str(stock.budget), length="long")
    message = rec.reply
    pages = int(re.search(r"Page 1/(\d+)", message.embed["footer"]["text"]).group(1))
    assert pages >= 2
    assert [b["label"] for b in message.buttons] == ["Previous", "Next"]
    assert message.button("Previous").get("disabled") and not message.button("Next").get("disabled")
    first = message.embed["description"]

    intruder = await fake.click(message, "Next", room.neighbour)
    assert intruder.callback_type == 4 and intruder.reply.ephemeral
    assert "Only the person who asked" in intruder.reply.content
    assert message.embed["description"] == first  # the page did not turn

    turned = await fake.click(message, "Next", room.reader)
    assert turned.callback_type == 7
    assert message.embed["footer"]["text"].endswith(f"Page 2/{pages}")
    assert message.embed["description"] != first
    assert not message.button("Previous").get("disabled")
    back = await fake.click(message, "Previous", room.reader)
    assert back.callback_type == 7 and message.embed["description"] == first

    for name, options in [
        ("ask", {"question": "what did the residents say about the budget?"}),
        ("quotes", {"speaker": "Ada Abbott"}),
        ("ask", {"question": "who said the potholes grow?", "article": str(stock.budget)}),
    ]:
        answered = (
            await timed(room, name, **options)
            if name == "ask"
            else await fake.command(room.guild, room.reader, name, **options)
        )
        assert answered.reply.embeds  # every page within Discord's limits, or the fake refused it
