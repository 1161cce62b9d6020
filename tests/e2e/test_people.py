"""/people and /person through the fake Discord: a PNG attachment that decodes, described for
screen readers, whose numbers are the message's numbers; no pings."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
import pytest_asyncio
from PIL import Image

from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import ErrorLog, FakeDiscord, Guild, Member, Message
from tests.fakediscord.records import Upload
from tests.fakediscord.uploads import check
from tests.index.voices.articles import BAKERY, FAIR, MAYOR

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROW = re.compile(r"^(?:\d+\. )?(.+?)(?: \((.+)\))?: (\d+) quoted, (\d+) reported · (\d+) articles?$")


@dataclass
class Room:
    fake: FakeDiscord
    errors: ErrorLog
    guild: Guild
    reader: Member


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def room(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Room]:
    database = tmp_path_factory.mktemp("people") / "articlebot.db"
    async with FakeDiscord() as fake:
        world = populate(fake)
        async with articlebot(fake, database) as (bot, errors, _):
            guild = world["guild"]
            for text in (MAYOR, BAKERY, FAIR):  # stocked directly: the feature is the reading
                await bot.library.add_text(guild.id, text)
            yield Room(fake, errors, guild, world["reader"])  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def clean(room: Room) -> object:
    yield
    check_and_settle(room.fake, room.errors)


async def _chart(message: Message) -> tuple[dict, Image.Image]:  # type: ignore[type-arg]
    (attachment,) = message.data["attachments"]
    async with aiohttp.ClientSession() as http, http.get(attachment["url"]) as response:
        data = await response.read()  # from the fake's CDN, as a member's client fetches it
    image = Image.open(io.BytesIO(data))
    image.load()
    return attachment, image


def _rows(lines: list[str]) -> dict[str, tuple[int, int, int]]:
    found = {}
    for line in lines:
        match = ROW.match(line.strip())
        if match:
            found[match.group(1)] = tuple(int(match.group(i)) for i in (3, 4, 5))
    return found


async def test_people_sends_a_described_chart_with_the_numbers_of_the_text(room: Room) -> None:
    rec = await room.fake.command(room.guild, room.reader, "people", since="all")
    reply = rec.reply
    attachment, image = await _chart(reply)
    assert attachment["filename"] == "people.png" and attachment["content_type"] == "image/png"
    assert 600 <= image.width <= 1600 and image.format == "PNG"
    text_rows = _rows(reply.content.splitlines())
    alt_rows = _rows(attachment["description"].split("; "))
    assert text_rows["Charlie Beck"] == (2, 0, 2)
    assert text_rows["Anna Smith"] == (2, 1, 1)
    assert alt_rows == {name: row for name, row in text_rows.items() if name != "Not named"}
    assert not reply.pings and reply.allowed_mentions == {"parse": []}


async def test_person_sends_a_timeline_and_the_latest_statements(room: Room) -> None:
    offered = await room.fake.autocomplete(room.guild, room.reader, "person", "name", name="Bec")
    assert offered == [{"name": "Charlie Beck", "value": "Charlie Beck"}]
    rec = await room.fake.command(room.guild, room.reader, "person", name=offered[0]["value"])
    reply = rec.reply
    attachment, image = await _chart(reply)
    assert 600 <= image.width <= 1600
    assert "2 articles" in reply.content and "2 statements (2 quoted, 0 reported)" in reply.content
    weeks = re.findall(r"(\d+) quoted, (\d+) reported", attachment["description"])
    assert sum(int(q) for q, _ in weeks) == 2
    assert "Officers will watch the site at night" in reply.embed["description"]
    assert not reply.pings


async def test_choosing_a_person_under_people_opens_their_record(room: Room) -> None:
    rec = await room.fake.command(room.guild, room.reader, "people", since="all")
    (row,) = rec.reply.components
    (menu,) = row["components"]
    labels = [o["label"] for o in menu["options"]]
    assert "Charlie Beck" in labels and "Not named" not in labels and len(labels) <= 25
    beck = next(o for o in menu["options"] if o["label"] == "Charlie Beck")
    assert beck["description"] == "Police Chief · 2 quoted, 0 reported · 2 articles"
    picked = await room.fake.select(rec.reply, "Charlie Beck", room.reader)
    record = picked.reply
    assert record.ephemeral and not record.pings and record.allowed_mentions == {"parse": []}
    attachment, image = await _chart(record)
    assert attachment["filename"] == "person.png" and image.format == "PNG"
    assert 600 <= image.width <= 1600
    assert "2 articles" in record.content and "2 statements (2 quoted, 0 reported)" in record.content
    assert "Officers will watch the site at night" in record.embed["description"]


async def test_an_unknown_person_is_one_clear_line(room: Room) -> None:
    rec = await room.fake.command(room.guild, room.reader, "person", name="Nobody Here")
    assert "No one called 'Nobody Here'" in rec.reply.text


async def test_the_fake_refuses_uploads_as_discord_does() -> None:
    png = Upload("chart.png", "application/octet-stream", b"\x89PNG", "files[0]")
    listed = {"attachments": [{"id": 0, "filename": "chart.png", "description": "3 quoted"}]}
    assert check(listed, [png]) is None
    assert check({"attachments": []}, [png])[0] == 400  # type: ignore[index]
    long = {"attachments": [{"id": 0, "filename": "chart.png", "description": "x" * 1025}]}
    assert check(long, [png])[0] == 400  # type: ignore[index]
    badly_named = Upload("chart.png", "image/png", b"x", "file")
    assert check({}, [badly_named])[0] == 400  # type: ignore[index]
    huge = Upload("chart.png", "image/png", b"x" * (10 * 1024 * 1024 + 1), "files[0]")
    assert check(listed, [huge]) == (413, {"message": "Request entity too large", "code": 40005})
