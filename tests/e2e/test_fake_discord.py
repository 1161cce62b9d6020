"""The fake Discord itself, proven with a minimal discord.py bot defined here."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.e2e.conftest import check_and_settle
from tests.fakediscord import ErrorLog, FakeDiscord, FakeDiscordError, Guild, Member, run_client
from tests.fakediscord.models import MANAGE_MESSAGES

pytestmark = pytest.mark.asyncio(loop_scope="module")


class Pages(discord.ui.View):
    """A counter turned by a button: the reply is edited in place (callback type 7)."""

    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.page = 1

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Pages]) -> None:
        self.page += 1
        await interaction.response.edit_message(content=f"page {self.page}", view=self)


class Note(discord.ui.Modal, title="A note"):
    text = discord.ui.TextInput(label="Text", style=discord.TextStyle.paragraph, max_length=100)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"noted: {self.text.value}", ephemeral=True)


def minimal_bot() -> commands.Bot:
    bot = commands.Bot(
        command_prefix=commands.when_mentioned,
        intents=discord.Intents(guilds=True),
        allowed_mentions=discord.AllowedMentions.none(),
        guild_ready_timeout=0.05,
    )
    bot.late = 0.0  # type: ignore[attr-defined]  # seconds /late waits before answering

    @bot.tree.command(name="echo", description="Think, then say it back with a button")
    async def echo(interaction: discord.Interaction, text: str, loud: bool = False) -> None:
        await interaction.response.defer(thinking=True)
        mentions = discord.AllowedMentions.all() if loud else discord.utils.MISSING
        await interaction.followup.send(text, view=Pages(), allowed_mentions=mentions)

    @bot.tree.command(name="card", description="An embed, edited into a deferred reply")
    async def card(interaction: discord.Interaction, title: str, body: str) -> None:
        await interaction.response.defer()
        embed = discord.Embed(title=title, description=body)
        try:
            await interaction.edit_original_response(embed=embed)
        except discord.HTTPException as error:
            await interaction.edit_original_response(
                content=f"refused {error.status}: {error.text}"
            )

    async def pick(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        fruits = ["apple", "apricot", "banana"]
        return [app_commands.Choice(name=f, value=f) for f in fruits if f.startswith(current)]

    @bot.tree.command(name="fruit", description="Autocomplete")
    @app_commands.autocomplete(name=pick)
    async def fruit(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(name)

    @bot.tree.command(name="note", description="A modal")
    async def note(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Note())

    @bot.tree.command(name="size", description="Read an attached file")
    async def size(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(f"{file.filename}: {len(data)} bytes, {data[:5]!r}")

    @bot.tree.command(name="purge", description="Moderators only")
    @app_commands.default_permissions(manage_messages=True)
    async def purge(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("purged", ephemeral=True)

    @bot.tree.command(name="late", description="Answers after a delay")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(bot.late)  # type: ignore[attr-defined]
        try:
            await interaction.response.send_message("made it")
        except discord.NotFound as error:
            bot.late_error = error  # type: ignore[attr-defined]

    @bot.tree.command(name="export", description="Send a file (multipart with payload_json)")
    async def export(interaction: discord.Interaction) -> None:
        file = discord.File(io.BytesIO(b"quoted, verbatim"), "quotes.csv")
        await interaction.response.send_message("here you are", file=file)

    @bot.tree.command(name="crash", description="Raises")
    async def crash(interaction: discord.Interaction) -> None:
        raise RuntimeError("boom")

    async def setup_hook() -> None:
        await bot.tree.sync()

    async def before_identify_hook(shard_id: int | None, *, initial: bool = False) -> None:
        pass  # discord.py waits 5 s before identifying again; Discord asks 1-5 s, tests none

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.before_identify_hook = before_identify_hook  # type: ignore[method-assign]
    return bot


class World:
    def __init__(self, fake: FakeDiscord, bot: commands.Bot, errors: ErrorLog) -> None:
        self.fake, self.bot, self.errors = fake, bot, errors
        self.guild: Guild = next(iter(fake.guilds.values()))
        self.mod: Member = member(self.guild, "Mod")
        self.reader: Member = member(self.guild, "Reader")


def member(guild: Guild, name: str) -> Member:
    return next(m for m in guild.members.values() if m.user.name == name)


def populate(fake: FakeDiscord) -> Guild:
    guild = fake.add_guild("Newsroom")
    guild.add_member("Mod", MANAGE_MESSAGES)
    guild.add_member("Reader")
    return guild


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world() -> AsyncIterator[World]:
    async with FakeDiscord() as fake:
        populate(fake)
        bot = minimal_bot()
        run = run_client(fake, bot.start(fake.token), ready=bot.wait_until_ready, close=bot.close)
        async with run as errors:
            yield World(fake, bot, errors)


@pytest.fixture(autouse=True)
def clean(world: World):
    yield
    check_and_settle(world.fake, world.errors)


async def test_login_identify_ready_and_sync(world: World):
    fake, bot = world.fake, world.bot
    identify = fake.identifies[0]
    assert identify["token"] == fake.token
    assert identify["intents"] == discord.Intents(guilds=True).value
    assert bot.user is not None and bot.user.id == fake.bot_user.id
    assert [g.id for g in bot.guilds] == [world.guild.id]
    assert bot.guilds[0].get_member(fake.bot_user.id) is not None
    assert any(p["op"] == 1 for p in fake.gateway_log)  # the heartbeat sent on HELLO
    (guild_id, synced), *_ = fake.syncs
    assert guild_id is None
    names = "echo card fruit note size purge late crash export"
    assert {c["name"] for c in synced} == set(names.split())
    purge = next(c for c in fake.global_commands if c["name"] == "purge")
    assert purge["default_member_permissions"] == str(MANAGE_MESSAGES)


async def test_deferred_followup_then_button_edits_the_message(world: World):
    fake = world.fake
    rec = await fake.command(world.guild, world.reader, "echo", text="hello @everyone")
    assert rec.callback_type == 5
    reply = rec.reply
    assert reply is rec.original and not reply.loading  # the follow-up replaced "thinking…"
    assert reply.content == "hello @everyone"
    assert reply.allowed_mentions == {"parse": []}
    assert reply.pings == frozenset()
    assert [b["label"] for b in reply.buttons] == ["Next"]
    click = await fake.click(reply, "Next", world.mod)
    assert click.callback_type == 7
    assert reply.content == "page 2"
    assert click.elapsed < 1


async def test_allowed_mentions_all_pings_everyone(world: World):
    rec = await world.fake.command(world.guild, world.reader, "echo", text="@everyone", loud=True)
    assert rec.reply.pings == {"@everyone"}
    assert rec.reply.data["mention_everyone"] is True


async def test_embed_over_its_limit_is_refused_like_discord(world: World):
    fake = world.fake
    ok = await fake.command(world.guild, world.reader, "card", title="T" * 256, body="b")
    assert ok.reply.embed["title"] == "T" * 256
    rec = await fake.command(world.guild, world.reader, "card", title="T" * 257, body="b")
    assert rec.reply.content.startswith("refused 400")
    assert "embeds.0.title" in rec.reply.content
    (refused,) = fake.forget_rejections()
    assert refused.kind == "edit" and refused.body["code"] == 50035


async def test_autocomplete_offers_choices(world: World):
    choices = await world.fake.autocomplete(world.guild, world.reader, "fruit", "name", name="ap")
    assert choices == [{"name": "apple", "value": "apple"}, {"name": "apricot", "value": "apricot"}]


async def test_modal_submit(world: World):
    fake = world.fake
    opened = await fake.command(world.guild, world.reader, "note")
    assert opened.modal is not None and opened.modal["title"] == "A note"
    with pytest.raises(FakeDiscordError, match="takes"):
        await fake.submit_modal(opened, {"Text": "x" * 101})
    submitted = await fake.submit_modal(opened, {"Text": "remember the milk"})
    assert submitted.reply.content == "noted: remember the milk"
    assert submitted.reply.ephemeral


async def test_attachment_is_served_from_the_fake_cdn(world: World):
    fake = world.fake
    file = fake.upload("story.txt", "Hello, world")
    rec = await fake.command(world.guild, world.reader, "size", file=file)
    assert rec.reply.content == "story.txt: 12 bytes, b'Hello'"


async def test_multipart_reply_with_a_file(world: World):
    fake = world.fake
    rec = await fake.command(world.guild, world.reader, "export")
    (callback,) = rec.captures
    assert callback.payload["data"]["content"] == "here you are"  # from payload_json
    assert [(f.filename, f.data) for f in callback.files] == [("quotes.csv", b"quoted, verbatim")]
    (attachment,) = rec.reply.data["attachments"]
    assert attachment["filename"] == "quotes.csv"
    async with aiohttp.ClientSession() as session, session.get(attachment["url"]) as response:
        assert await response.read() == b"quoted, verbatim"


async def test_default_member_permissions_hide_the_command(world: World):
    fake = world.fake
    with pytest.raises(FakeDiscordError, match="lacks"):
        await fake.command(world.guild, world.reader, "purge")
    rec = await fake.command(world.guild, world.mod, "purge")
    assert rec.reply.content == "purged" and rec.reply.ephemeral


async def test_unknown_options_and_missing_required_ones_are_refused(world: World):
    with pytest.raises(FakeDiscordError, match="needs"):
        await world.fake.command(world.guild, world.reader, "echo")
    with pytest.raises(FakeDiscordError, match="no option"):
        await world.fake.command(world.guild, world.reader, "echo", text="x", volume=3)


async def test_first_response_after_the_deadline_is_unknown_interaction(world: World):
    fake, bot = world.fake, world.bot
    fake.response_deadline, bot.late = 0.05, 0.1  # type: ignore[attr-defined]
    try:
        with pytest.raises(FakeDiscordError, match="acknowledge"):
            await fake.command(world.guild, world.reader, "late", within=0.3)
        await fake.wait_for(lambda: fake.rejections, "the late callback")
    finally:
        fake.response_deadline, bot.late = 3.0, 0.0  # type: ignore[attr-defined]
    (refused,) = fake.forget_rejections()
    assert (refused.status, refused.body["code"]) == (404, 10062)
    assert isinstance(bot.late_error, discord.NotFound)  # type: ignore[attr-defined]
    fake.settle()


async def test_second_initial_response_and_oversized_content_are_refused(world: World):
    fake = world.fake
    rec = await fake.command(world.guild, world.reader, "fruit", name="kiwi")
    url = f"{fake.url}/api/v10/interactions/{rec.id}/{rec.token}/callback"
    webhook = f"{fake.url}/api/v10/webhooks/{fake.application_id}/{rec.token}"
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json={"type": 4, "data": {"content": "again"}}) as response:
            assert response.status == 400
            assert (await response.json())["code"] == 40060
        async with session.post(webhook, json={"content": "x" * 2001}) as response:
            assert response.status == 400
            assert "content" in (await response.json())["errors"]
        async with session.post(
            webhook, json={"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}
        ) as response:
            assert "fields" in (await response.json())["errors"]["embeds"]["0"]
        async with session.post(webhook, json={"content": ""}) as response:
            assert (await response.json())["code"] == 50006
    assert len(fake.forget_rejections()) == 4


async def test_reconnect_resumes_and_replays(world: World):
    fake, bot = world.fake, world.bot
    resumed = asyncio.Event()

    async def on_resumed() -> None:
        resumed.set()

    bot.add_listener(on_resumed)
    await fake.request_reconnect()
    await asyncio.wait_for(resumed.wait(), 5)
    assert fake.resumes[-1]["session_id"] in fake.sessions
    assert len(fake.identifies) == 1
    rec = await fake.command(world.guild, world.reader, "fruit", name="fig")
    assert rec.reply.content == "fig"


async def test_invalidated_resume_identifies_again(world: World):
    fake = world.fake
    fake.invalidate_resumes = True
    try:
        await fake.request_reconnect()
        await fake.wait_identified(2)
    finally:
        fake.invalidate_resumes = False
    await world.bot.wait_until_ready()
    rec = await fake.command(world.guild, world.reader, "fruit", name="lime")
    assert rec.reply.content == "lime"


@pytest.mark.parametrize("zlib_stream", [False, True])
async def test_plain_and_zlib_gateway_frames(zlib_stream: bool):
    async with FakeDiscord(zlib_stream=zlib_stream) as fake:
        guild = populate(fake)
        reader = member(guild, "Reader")
        bot = minimal_bot()
        async with run_client(
            fake, bot.start(fake.token), ready=bot.wait_until_ready, close=bot.close
        ):
            rec = await fake.command(guild, reader, "fruit", name="pear")
            assert rec.reply.content == "pear"
        fake.assert_clean()
    if zlib_stream:
        assert fake.frames["text"] == 0 and fake.frames["binary"] > fake.frames["split"] > 0
    else:
        assert fake.frames["binary"] == 0 and fake.frames["text"] > 0


async def test_an_exception_in_the_bot_fails_the_wait_at_once(world: World):
    fake = world.fake
    started = fake.loop_time()
    with pytest.raises(FakeDiscordError, match="failed") as raised:
        await fake.command(world.guild, world.reader, "crash")
    assert fake.loop_time() - started < 1  # not the 3 s deadline: the error log woke the wait
    assert "boom" in str(raised.value.__cause__) or "crash" in str(raised.value.__cause__)
    (record,) = world.errors.take()
    assert record.exc_info is not None and "boom" in str(record.exc_info[1])
    fake.settle()
