"""The fake refuses what Discord refuses, and no more: each rule with its documentation.

References are to https://discord.com/developers/docs/ (the discord-api-docs repository), and
are repeated next to each rule in tests/fakediscord.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.e2e.test_fake_discord import World, minimal_bot
from tests.e2e.test_fake_discord import populate as populate_minimal
from tests.fakediscord import FakeDiscord, FakeDiscordError, limits, run_client
from tests.fakediscord.records import DEFERRED_MESSAGE, DEFERRED_UPDATE, Interaction

BUTTON = {"type": 2, "style": 1, "label": "Next", "custom_id": "next"}
SELECT = {"type": 3, "custom_id": "pick", "options": [{"label": "a", "value": "a"}]}
TEXT_INPUT = {"type": 4, "custom_id": "text", "style": 1, "label": "Text"}
TEXT = {"type": 10, "content": "Hello"}
V2 = limits.COMPONENTS_V2


def row(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(children)}


REFUSED = {
    # components/reference#action-row: up to 5 buttons, or a single select
    "two selects in a row": {"components": [row(SELECT, {**SELECT, "custom_id": "other"})]},
    "a select beside a button": {"components": [row(SELECT, BUTTON)]},
    # components/reference#component-object-component-types: text input is for modals only
    "a text input in a message row": {"components": [row(TEXT_INPUT)]},
    # components/reference#button-button-styles: styles 1 to 6
    "button style 9": {"components": [row({**BUTTON, "style": 9})]},
    "a premium button with a custom_id": {"components": [row({**BUTTON, "style": 6, "sku_id": "1"})]},
    # resources/message#create-message: with IS_COMPONENTS_V2 only components
    "content with components V2": {"flags": V2, "content": "hi", "components": [TEXT]},
    "embeds with components V2": {"flags": V2, "embeds": [{"title": "t"}], "components": [TEXT]},
    "a text input in a V2 layout": {"flags": V2, "components": [TEXT_INPUT]},
    "a button at the top of a V2 layout": {"flags": V2, "components": [BUTTON]},
    "an empty V2 text display": {"flags": V2, "components": [{"type": 10, "content": ""}]},
    # components/reference: "Messages allow up to 40 total components"
    "41 V2 components": {"flags": V2, "components": [{"type": 17, "components": [TEXT] * 40}]},
    "two selects in a V2 row": {"flags": V2, "components": [row(SELECT, {**SELECT, "custom_id": "b"})]},
    # resources/message#allowed-mentions-object: users and roles "Max size of 100"
    "101 users allowed": {"allowed_mentions": {"users": [str(i) for i in range(101)]}},
    "101 roles allowed": {"allowed_mentions": {"roles": [str(i) for i in range(101)]}},
}

ACCEPTED = {
    "five buttons": {"components": [row(*[{**BUTTON, "custom_id": str(i)} for i in range(5)])]},
    "one select": {"components": [row(SELECT)]},
    "a premium button": {"components": [row({"type": 2, "style": 6, "sku_id": "1"})]},
    "a V2 container": {"flags": V2, "components": [{"type": 17, "components": [TEXT, row(BUTTON)]}]},
    "40 V2 components": {"flags": V2, "components": [{"type": 17, "components": [TEXT] * 39}]},
    "100 users allowed": {"allowed_mentions": {"users": [str(i) for i in range(100)]}},
}


@pytest.mark.parametrize("payload", REFUSED.values(), ids=REFUSED.keys())
def test_the_fake_refuses_what_discord_refuses(payload: dict[str, Any]) -> None:
    assert limits.check_message(payload)


@pytest.mark.parametrize("payload", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_the_fake_accepts_what_discord_accepts(payload: dict[str, Any]) -> None:
    assert limits.check_message(payload) == []


def command(name: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "description": "d", "type": 1, **extra}


def test_an_option_with_both_choices_and_autocomplete_is_refused() -> None:
    # interactions/application-commands: "autocomplete may not be set to true if choices are present"
    option = {"name": "o", "description": "d", "type": 3, "choices": [{"name": "a", "value": "a"}]}
    assert limits.check_commands([command("c", options=[{**option, "autocomplete": True}])])
    assert limits.check_commands([command("c", options=[option])]) == []


def test_more_than_100_commands_are_refused() -> None:
    # interactions/application-commands#registering-a-command: 100 global CHAT_INPUT commands
    assert limits.check_commands([command(f"c{i}") for i in range(101)])
    assert limits.check_commands([command(f"c{i}") for i in range(100)]) == []


def test_a_command_name_may_hold_an_apostrophe() -> None:
    # interactions/application-commands#...-naming: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$
    assert limits.check_commands([command("who's-quoted")]) == []
    assert limits.check_commands([command("no spaces")])


def test_a_deferred_update_is_an_answer_and_thinking_is_not() -> None:
    # interactions/receiving-and-responding: DEFERRED_UPDATE_MESSAGE (6), "the user does not see
    # a loading state"; DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (5) shows "thinking…" until edited.
    update = Interaction(1, "t", 3, None, None, None, {}, 0.0, callback_type=DEFERRED_UPDATE)  # type: ignore[arg-type]
    thinking = Interaction(2, "t", 2, None, None, None, {}, 0.0, callback_type=DEFERRED_MESSAGE)  # type: ignore[arg-type]
    assert update.answered and not thinking.answered


# -- against a running client -----------------------------------------------------------


@pytest_asyncio.fixture
async def world() -> AsyncIterator[World]:
    async with FakeDiscord() as fake:
        populate_minimal(fake)
        bot = minimal_bot()
        run = run_client(fake, bot.start(fake.token), ready=bot.wait_until_ready, close=bot.close)
        async with run as errors:
            yield World(fake, bot, errors)
            check_and_settle(fake, errors)


async def test_rest_rules_against_a_live_interaction(world: World) -> None:
    fake = world.fake
    rec = await fake.command(world.guild, world.reader, "fruit", name="kiwi")
    webhook = f"{fake.url}/api/v10/webhooks/{fake.application_id}/{rec.token}"
    async with aiohttp.ClientSession() as session:
        # resources/message#edit-message: flags on an edit (SUPPRESS_EMBEDS) are kept
        async with session.patch(f"{webhook}/messages/@original", json={"flags": 4}) as response:
            assert response.status == 200 and (await response.json())["flags"] & 4
        # interactions/receiving-and-responding: tokens are valid for 15 minutes
        fake.token_lifetime = 0.0
        try:
            async with session.post(webhook, json={"content": "too late"}) as response:
                assert (response.status, (await response.json())["code"]) == (404, 10015)
        finally:
            fake.token_lifetime = 15 * 60.0
    assert len(fake.forget_rejections()) == 1


async def test_commands_register_one_at_a_time(world: World) -> None:
    fake, guild = world.fake, world.guild
    # interactions/application-commands: create (POST), edit (PATCH), delete (DELETE) one command
    base = f"{fake.url}/api/v10/applications/{fake.application_id}/guilds/{guild.id}/commands"
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.post(base, json=command("who's-quoted")) as response:
            assert response.status == 201
            created = await response.json()
        async with session.post(base, json=command("who's-quoted", description="again")) as response:
            assert response.status == 200 and (await response.json())["id"] == created["id"]
        async with session.patch(f"{base}/{created['id']}", json={"description": "edited"}) as response:
            assert (await response.json())["description"] == "edited"
        async with session.delete(f"{base}/{created['id']}") as response:
            assert response.status == 204
        async with session.get(f"{base}/{created['id']}") as response:
            assert (response.status, (await response.json())["code"]) == (404, 10063)
    assert len(fake.forget_rejections()) == 1


async def test_settle_keeps_an_unanswered_interaction_for_its_late_answer(world: World) -> None:
    fake, bot = world.fake, world.bot
    bot.late = 0.3  # type: ignore[attr-defined]
    try:
        with pytest.raises(FakeDiscordError):
            await fake.command(world.guild, world.reader, "late", within=0.05)
        fake.settle()  # the test gave up; Discord did not
        (rec,) = [i for i in fake.interactions.values() if not i.answered]
        await fake.wait_for(lambda: rec.answered, "the late answer", 5)
    finally:
        bot.late = 0.0  # type: ignore[attr-defined]
    assert not fake.rejections  # no 10015 for a webhook Discord still knows


async def raw_gateway(fake: FakeDiscord) -> aiohttp.ClientWebSocketResponse:
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(f"{fake.gateway_url}?v=10&encoding=json")
    ws._articlebot_session = session  # type: ignore[attr-defined]
    hello = json.loads((await ws.receive()).data)
    assert hello["op"] == 10
    return ws


async def closed_with(ws: aiohttp.ClientWebSocketResponse) -> int | None:
    while (await ws.receive()).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
        pass
    await ws._articlebot_session.close()  # type: ignore[attr-defined]
    return ws.close_code


async def test_gateway_close_codes_4003_and_4005(world: World) -> None:
    fake = world.fake
    # topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
    early = await raw_gateway(fake)
    await early.send_json({"op": 3, "d": {"status": "online"}})  # a payload before IDENTIFY
    assert await closed_with(early) == 4003
    twice = await raw_gateway(fake)
    identify = {"token": fake.token, "intents": 1, "properties": {}}
    await twice.send_json({"op": 2, "d": identify})
    await twice.send_json({"op": 2, "d": identify})
    assert await closed_with(twice) == 4005


async def test_the_client_heartbeats_at_once_when_asked(world: World) -> None:
    fake = world.fake
    # events/gateway#sending-heartbeats: op 1 from Discord asks for a heartbeat now
    live = next(c for c in reversed(fake.connections) if c.session and not c.ws.closed)
    before = live.heartbeats
    await live.request_heartbeat()
    await fake.wait_for(lambda: live.heartbeats > before, "the requested heartbeat", 2)


async def test_articlebot_reconnects_when_heartbeats_go_unacknowledged(tmp_path: Path) -> None:
    """events/gateway#sending-heartbeats: with no ACK the client must close and reconnect.
    discord.py closes after heartbeat_timeout without any frame; ArticleBot then resumes and
    answers again."""
    async with FakeDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, tmp_path / "hb.db") as (bot, errors, _):
            bot._connection.heartbeat_timeout = 0.5  # read by each new gateway connection
            fake.heartbeat_interval_ms = 100
            fake.ack_heartbeats = False
            resumed = len(fake.resumes)
            await fake.request_reconnect()  # the new connection gets the short interval
            # One RESUME for the op 7, at least one more for the silence that follows.
            await fake.wait_for(lambda: len(fake.resumes) >= resumed + 2, "a resume after the missed ACKs", 10)
            fake.ack_heartbeats = True
            fake.heartbeat_interval_ms = 41_250
            await fake.wait_for(
                lambda: any(c.session and not c.ws.closed for c in fake.connections), "a live session", 5
            )
            reply = await fake.command(world["guild"], world["mod"], "article list", within=10)
            assert "The library is empty" in reply.reply.text
            assert len(fake.identifies) == 1  # resumed every time, never identified again
            check_and_settle(fake, errors)
