"""Feeds and watched channels end to end: the real bot against the fake Discord and a news site.

The poller's tick is long (an hour) so that each test runs one pass when it wants one, with the
bot's own `FeedPoller.pass_once`, the code the tick runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest
import pytest_asyncio

from tests.e2e.conftest import articlebot, check_and_settle
from tests.fakediscord import ErrorLog, FakeDiscord, Guild, Member, Message
from tests.fakediscord.channels import MESSAGE_CONTENT
from tests.fakediscord.models import MANAGE_MESSAGES, Channel
from tests.feedsite import NewsSite, story

pytestmark = pytest.mark.asyncio(loop_scope="module")


@dataclass
class Desk:
    fake: FakeDiscord
    bot: object
    errors: ErrorLog
    guild: Guild
    mod: Member
    reader: Member
    news: Channel
    links: Channel
    site: NewsSite


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    news = NewsSite(stories=[story("bridge", "Ana Ortiz", "bridge repair", 1),
                             story("library", "Ben Okoro", "library roof", 2)]).start()  # fmt: skip
    yield news
    news.stop()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def desk(tmp_path_factory: pytest.TempPathFactory, site: NewsSite) -> AsyncIterator[Desk]:
    database = tmp_path_factory.mktemp("feeds") / "articlebot.db"
    async with FakeDiscord(privileged_intents=MESSAGE_CONTENT) as fake:
        guild = fake.add_guild("Port Alder Gazette")
        news = Channel(fake.ids.next(), "news", guild.id)
        links = Channel(fake.ids.next(), "links", guild.id)
        guild.channels += [news, links]
        mod = guild.add_member("Mona (moderator)", MANAGE_MESSAGES)
        reader = guild.add_member("Rui (reader)")
        env = {"ALLOW_PRIVATE_URLS": "1", "FEED_TICK_SECONDS": "3600", "WATCH_LINKS": "1",
               "FEED_FIRST_POLL_POSTS": "1"}  # fmt: skip
        async with articlebot(fake, database, **env) as (bot, errors, _):
            # The 1 s pause between posts paces a channel over many posts; these tests post
            # one at a time, so it would only add a second to each.
            bot.feed_poller.post_gap = 0.01
            yield Desk(fake, bot, errors, guild, mod, reader, news, links, site)


@pytest.fixture(autouse=True)
def clean(desk: Desk) -> Iterator[None]:
    yield
    check_and_settle(desk.fake, desk.errors)


async def poll(desk: Desk) -> list[str]:
    results = await desk.bot.feed_poller.pass_once(due_only=False)  # type: ignore[attr-defined]
    return [r.line() for r in results]


def assert_story_post(post: Message, title: str, speaker: str) -> None:
    embed = post.embed
    assert embed["title"] == title
    assert "/news/" in embed["url"]
    assert "**Key quotes**" in embed["description"]
    assert speaker in embed["description"]
    assert embed["footer"]["text"].startswith("Article #")
    assert post.allowed_mentions is not None and post.allowed_mentions["parse"] == []
    assert post.allowed_mentions.get("replied_user") in (None, False)  # a reply pings nobody
    assert post.pings == frozenset()


async def test_subscribe_then_first_poll_posts_only_the_newest(desk: Desk) -> None:
    added = await desk.fake.command(
        desk.guild, desk.mod, "feed add", url=desk.site.feed_url(), channel=desk.news, within=15
    )
    assert added.reply.content.startswith("Following feed #1"), added.reply.content
    assert await poll(desk) == ["2 new, 0 duplicate, 0 failed"]
    posts = desk.fake.channel_posts(desk.news)
    assert len(posts) == 1  # FEED_FIRST_POLL_POSTS=1: the backlog is stored, not posted
    assert_story_post(posts[0], "Council weighs library roof & the budget", "Ben Okoro")


async def test_a_new_item_is_posted_once_with_the_summary_embed(desk: Desk) -> None:
    before = len(desk.fake.channel_posts(desk.news))
    desk.site.stories.append(story("ferry", "Cora Lindqvist", "ferry timetable", 3))
    assert await poll(desk) == ["1 new, 2 duplicate, 0 failed"]
    posts = desk.fake.channel_posts(desk.news)[before:]
    assert len(posts) == 1
    assert_story_post(posts[0], "Council weighs ferry timetable & the budget", "Cora Lindqvist")
    print("\nchannel post embed:", json.dumps(posts[0].embed, indent=1, ensure_ascii=False))


async def test_a_redated_item_with_a_new_guid_is_not_posted_again(desk: Desk) -> None:
    before = len(desk.fake.channel_posts(desk.news))
    ferry = desk.site.stories[-1]
    ferry.date, ferry.guid = "Sat, 06 Dec 2025 08:00:00 GMT", "story-ferry-v2"
    assert await poll(desk) == ["0 new, 3 duplicate, 0 failed"]
    assert len(desk.fake.channel_posts(desk.news)) == before


async def test_a_feed_answering_500_is_shown_failing_then_recovers(desk: Desk) -> None:
    desk.site.status = 500
    [line] = await poll(desk)
    assert line.startswith("0 new, 0 duplicate, 0 failed (the site answered 500")
    library = desk.bot.library  # type: ignore[attr-defined]
    # A day of failures cannot be waited for in a test: date the first one a day back.
    await library.store._feed_execute(
        "UPDATE feeds SET failing_since = ?", (int(time.time()) - 86_401,)
    )
    listed = await desk.fake.command(desk.guild, desk.mod, "feed list")
    text = listed.reply.embed["description"]
    assert "· failing since" in text and "the site answered 500" in text, text
    print("\n/feed list while failing:", text)
    desk.site.status = 200
    desk.site.stories.append(story("market", "Dev Patel", "market hall", 4))
    before = len(desk.fake.channel_posts(desk.news))
    assert await poll(desk) == ["1 new, 3 duplicate, 0 failed"]
    assert len(desk.fake.channel_posts(desk.news)) == before + 1
    listed = await desk.fake.command(desk.guild, desk.mod, "feed list")
    assert "· ok" in listed.reply.embed["description"]


async def test_feed_commands_are_for_moderators(desk: Desk) -> None:
    with pytest.raises(AssertionError, match="Discord hides it"):
        await desk.fake.command(desk.guild, desk.reader, "feed list")
    with desk.fake.allowing(desk.guild, "feed", desk.reader):  # an admin's override: the bot still checks
        refused = await desk.fake.command(desk.guild, desk.reader, "feed list")
    assert "Only moderators" in refused.reply.content
    assert refused.reply.ephemeral


async def test_a_link_posted_in_a_watched_channel_gets_a_summary_reply(desk: Desk) -> None:
    watched = await desk.fake.command(desk.guild, desk.mod, "watch", channel=desk.links)
    assert watched.reply.content.startswith("Watching")
    desk.site.stories.append(story("school", "Eli Novak", "school buses", 5))
    posted = await desk.fake.post_message(
        desk.guild, desk.reader, f"Have you seen this? {desk.site.url}/news/school"
    , channel=desk.links)  # fmt: skip
    await desk.fake.wait_for(
        lambda: desk.fake.channel_posts(desk.links), "the bot's reply in #links", 20
    )
    [reply] = desk.fake.channel_posts(desk.links)
    assert int(reply.data["message_reference"]["message_id"]) == posted.id
    assert_story_post(reply, "Council weighs school buses & the budget", "Eli Novak")
    # Stored: the library now answers for it.
    library = desk.bot.library  # type: ignore[attr-defined]
    titles = [a.title for a in await library.articles(desk.guild.id)]
    assert "Council weighs school buses & the budget" in titles


async def test_summarize_article_from_the_message_menu(desk: Desk) -> None:
    desk.site.stories.append(story("park", "Fay Moreau", "park lights", 6))
    library = desk.bot.library  # type: ignore[attr-defined]
    before = len(await library.articles(desk.guild.id))
    posted = await desk.fake.post_message(
        desk.guild, desk.reader, f"{desk.site.url}/news/park", channel=desk.guild.channel
    )
    rec = await desk.fake.context_menu(
        desk.guild, desk.reader, "Summarize article", posted, within=20
    )
    reply = rec.reply
    assert reply.ephemeral
    assert reply.embed["title"] == "Council weighs park lights & the budget"
    assert "Fay Moreau" in reply.embed["description"]
    assert reply.embed["footer"]["text"] == "Not kept in this server's library"
    assert len(await library.articles(desk.guild.id)) == before  # a reader, unwatched: not kept
    assert desk.fake.channel_posts(desk.guild.channel) == []  # nobody else saw it
