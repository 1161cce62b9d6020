"""Features end to end that no other test reaches: adding by link, titles and source links,
refusals before download, summaries by default and by length, autocomplete, the pager's
timeout, and who-said, role and ambiguous answers."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio
from aiohttp import web

import bot.views
from tests.e2e.articles import BAKERY, FERRY, LIBRARY_HOURS
from tests.e2e.conftest import articlebot, check_and_settle, populate
from tests.fakediscord import ErrorLog, FakeDiscord, Guild, Member

pytestmark = pytest.mark.asyncio(loop_scope="module")

MAX_BYTES = 6000
ADDED = re.compile(r"^Added #(\d+) “(.+)” \((\d+) statements? found\)\.$")

# Two people called Ortiz (the mayor in FERRY, a fisherman here): "Ortiz" alone is ambiguous.
PIER = """Fishermen ask for a longer pier

Fishermen at Gull Island asked the council on Monday for a longer pier before the ferry route opens.

"Our boats will be squeezed out by the ferry," said Carlos Ortiz, a fisherman for twenty years.

The council said it would study the request over the winter.
"""

STORY_HTML = """<!doctype html><html><head><title>Library to extend weekend hours</title></head>
<body><article><h1>Library to extend weekend hours</h1>{paragraphs}</article></body></html>"""


@dataclass
class Desk:
    fake: FakeDiscord
    bot: object
    errors: ErrorLog
    guild: Guild
    mod: Member
    reader: Member
    site: str  # a loopback web server with the article at /story and nothing at /missing


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def desk(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Desk]:
    paragraphs = "".join(f"<p>{p}</p>" for p in LIBRARY_HOURS.split("\n\n")[1:])
    app = web.Application()
    async def story(_: web.Request) -> web.Response:
        return web.Response(text=STORY_HTML.format(paragraphs=paragraphs), content_type="text/html")

    app.router.add_get("/story", story)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    database = tmp_path_factory.mktemp("features") / "articlebot.db"
    env = {"ALLOW_PRIVATE_URLS": "true", "MAX_ARTICLE_BYTES": str(MAX_BYTES)}
    try:
        async with FakeDiscord() as fake:
            world = populate(fake)
            async with articlebot(fake, database, **env) as (running, errors, _):
                yield Desk(fake, running, errors, world["guild"], world["mod"], world["reader"], f"http://127.0.0.1:{port}")  # type: ignore[arg-type]
    finally:
        await runner.cleanup()


@pytest.fixture(autouse=True)
def clean(desk: Desk):
    yield
    check_and_settle(desk.fake, desk.errors)


async def add_pasted(desk: Desk, text: str, **fields: str) -> int:
    opened = await desk.fake.command(desk.guild, desk.mod, "article add")
    submitted = await desk.fake.submit_modal(opened, {"Article text": text, **fields})
    match = ADDED.match(submitted.reply.text)
    assert match, submitted.reply.text
    return int(match.group(1))


async def ensure(desk: Desk, word: str, text: str) -> None:
    """Add `text` unless an article with `word` in its title is there (tests may run alone)."""
    titles = [a.title.lower() for a in await desk.bot.library.articles(desk.guild.id)]  # type: ignore[attr-defined]
    if not any(word in title for title in titles):
        await add_pasted(desk, text)


async def test_moderator_adds_by_link_and_a_fetch_error_is_shown(desk: Desk):
    fake = desk.fake
    added = await fake.command(desk.guild, desk.mod, "article add", url=f"{desk.site}/story")
    assert ADDED.match(added.reply.text) and "Library to extend weekend hours" in added.reply.text
    (info,) = [a for a in await desk.bot.library.articles(desk.guild.id) if a.url]  # type: ignore[attr-defined]
    assert info.url == f"{desk.site}/story"
    failed = await fake.command(desk.guild, desk.mod, "article add", url=f"{desk.site}/missing")
    assert "404" in failed.reply.text and failed.reply.ephemeral


async def test_the_title_option_names_an_attached_article(desk: Desk):
    upload = desk.fake.upload("bakery.txt", BAKERY)
    added = await desk.fake.command(desk.guild, desk.mod, "article add", file=upload, title="Rye & Crumb shuts its doors")
    assert ADDED.match(added.reply.text).group(2) == "Rye & Crumb shuts its doors"


async def test_the_modal_link_to_the_source_is_kept(desk: Desk):
    article = await add_pasted(desk, FERRY, **{"Link to the source (optional)": "https://news.example/ferry"})
    infos = {a.id: a for a in await desk.bot.library.articles(desk.guild.id)}  # type: ignore[attr-defined]
    assert infos[article].url == "https://news.example/ferry"


async def test_a_file_over_the_size_limit_is_refused_before_download(desk: Desk):
    fake = desk.fake
    before = len(fake.downloads)
    upload = fake.upload("huge.txt", "word " * (MAX_BYTES // 4))
    refused = await fake.command(desk.guild, desk.mod, "article add", file=upload)
    assert "too large" in refused.reply.text and f"{MAX_BYTES:,} bytes" in refused.reply.text
    assert len(fake.downloads) == before  # the size in the interaction was enough


async def test_a_non_text_attachment_is_refused(desk: Desk):
    png = desk.fake.upload("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    refused = await desk.fake.command(desk.guild, desk.mod, "article add", file=png)
    assert "photo.png" in refused.reply.text and ".txt, .md and .html" in refused.reply.text


async def test_summary_defaults_to_the_newest_and_grows_with_length(desk: Desk):
    fake = desk.fake
    newest = await add_pasted(desk, PIER)
    default = await fake.command(desk.guild, desk.reader, "summary")
    assert default.reply.embed["title"].startswith("Fishermen ask for a longer pier")
    lengths = {}
    for length in ("short", "medium", "long"):
        rec = await fake.command(desk.guild, desk.reader, "summary", article=str(newest), length=length)
        lengths[length] = len(rec.reply.embed["description"])
    assert lengths["short"] <= lengths["medium"] <= lengths["long"]


@pytest.mark.parametrize("name", ["summary", "ask"])
async def test_article_autocomplete_offers_matching_titles(desk: Desk, name: str):
    await ensure(desk, "weekend", LIBRARY_HOURS)
    options = {"question": "who spoke?"} if name == "ask" else {}
    offered = await desk.fake.autocomplete(desk.guild, desk.reader, name, "article", article="weekend", **options)
    assert offered and all("weekend" in c["name"].lower() for c in offered)
    assert all(re.match(r"^#\d+ ", c["name"]) and c["value"].isdigit() for c in offered)


async def test_who_said_role_and_ambiguous_answers(desk: Desk):
    fake = desk.fake
    for word, text in (("ferry", FERRY), ("pier", PIER), ("weekend", LIBRARY_HOURS)):
        await ensure(desk, word, text)
    who = await fake.command(desk.guild, desk.reader, "ask", question="who said “four feet of water”?")
    assert "Becker" in who.reply.text and "four feet of water" in who.reply.text
    role = await fake.command(desk.guild, desk.reader, "quotes", speaker="Priya Nair")
    assert "head librarian" in role.reply.text.lower()
    ambiguous = await fake.command(desk.guild, desk.reader, "ask", question="what did Ortiz say?")
    assert ambiguous.reply.embed["title"] == "Which one?"
    assert "Lena Ortiz" in ambiguous.reply.text and "Carlos Ortiz" in ambiguous.reply.text


async def test_the_pager_drops_its_buttons_when_it_times_out(desk: Desk, monkeypatch: pytest.MonkeyPatch):
    from tests.e2e.articles import budget_hearing

    fake = desk.fake
    await fake.command(desk.guild, desk.mod, "article add", file=fake.upload("budget.txt", budget_hearing()[: MAX_BYTES - 100]))
    monkeypatch.setattr(bot.views.Pager.__init__, "__kwdefaults__", {"timeout": 0.5})
    rec = await fake.command(desk.guild, desk.reader, "summary", length="long")
    message = rec.reply
    assert message.buttons  # more than one page
    await fake.wait_for(lambda: not message.buttons, "the pager to time out", 5)
    assert message.embed["description"]  # the last page stays
