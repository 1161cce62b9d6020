"""Polling feeds into a library over loopback: new items once, and bad feeds or items contained."""

from __future__ import annotations

import gzip
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from index.feeds.door import FeedError
from index.feeds.models import DAY_SECONDS, Feed
from index.feeds.parse import FeedItem, item_keys
from index.feeds.poll import FeedSettings, _add_items
from index.feeds.schedule import MAX_BACKOFF_S, next_after_failure
from index.intake.fetch import FetchOptions
from index.service import Library
from tests.conftest import GUILD
from tests.feedsite import NewsSite, story


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite(stories=[story("bridge", "Ana Ortiz", "bridge repair", 1),
                             story("roof", "Ben Okoro", "library roof", 2)]).start()  # fmt: skip
    yield news
    news.stop()


@pytest.fixture
async def hostile(site: NewsSite) -> AsyncIterator[str]:
    """Feeds gone wrong in every way the issue names."""

    async def loop(_: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    async def bomb(_: web.Request) -> web.Response:
        packed = gzip.compress(b"<" * 30_000_000, compresslevel=9)  # ~30 KB on the wire
        return web.Response(body=packed, headers={"Content-Encoding": "gzip",
                                                  "Content-Type": "application/rss+xml"})  # fmt: skip

    async def broken(_: web.Request) -> web.Response:
        return web.Response(body=b"\x00\x01<<not xml", content_type="application/xml")

    async def many(_: web.Request) -> web.Response:
        items = "".join(
            f"<item><title>Item {n}</title><link>/gone/{n}</link>"
            f"<pubDate>Mon, 01 Dec 2025 {n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d} GMT</pubDate></item>"
            for n in range(10_000)
        )
        body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Many</title>{items}</channel></rss>"
        return web.Response(text=body, content_type="application/rss+xml")

    async def mixed(_: web.Request) -> web.Response:
        items = (
            "<item><title>No link</title><guid isPermaLink='false'>nolink</guid></item>"
            f"<item><title>Not an article</title><link>{site.url}/page.html</link></item>"
            f"<item><title>Real</title><link>{site.url}/news/bridge</link></item>"
        )
        body = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Mixed</title>{items}</channel></rss>"
        return web.Response(text=body, content_type="application/rss+xml")

    async def busy(_: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "120"}, text="slow down")

    app = web.Application()
    for path, handler in (("/loop", loop), ("/bomb.xml", bomb), ("/broken.xml", broken),
                          ("/many.xml", many), ("/mixed.xml", mixed), ("/busy.xml", busy)):  # fmt: skip
        app.router.add_get(path, handler)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    yield f"http://127.0.0.1:{server._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    await runner.cleanup()


@pytest.fixture
async def local(tmp_path: Path) -> AsyncIterator[Library]:
    options = FetchOptions(allow_private=True, total_timeout=10, max_bytes=2_000_000)
    async with await Library.open(tmp_path / "feeds.db", fetch_options=options) as library:
        library.feed_settings = FeedSettings(max_items_per_poll=5)
        yield library


async def subscribe(library: Library, url: str) -> Feed:
    """Subscribe below the door: these feeds went bad after a moderator added them."""
    feed = await library.store.add_feed(
        GUILD, url=url, url_key=url, channel_id=None, added_by=None, interval_s=900,
        now=int(time.time()),
    )  # fmt: skip
    assert feed is not None
    return feed


async def test_bad_feeds_are_recorded_and_do_not_stop_the_good_one(
    local: Library, hostile: str, site: NewsSite
) -> None:
    for path in ("/loop", "/bomb.xml", "/broken.xml"):
        await subscribe(local, hostile + path)
    await local.add_feed(GUILD, site.feed_url())
    results = await local.poll_feeds(GUILD)
    lines = [result.line() for result in results]
    assert "too many redirects" in lines[0]
    assert "larger than 2 MB" in lines[1]
    assert "not an RSS or Atom feed" in lines[2]
    assert lines[3] == "2 new, 0 duplicate, 0 failed"
    feeds = await local.feeds(GUILD)
    assert [f.failures for f in feeds] == [1, 1, 1, 0]
    assert all(f.next_poll_at > time.time() for f in feeds[:3])  # backed off, not retried now


async def test_ten_thousand_items_are_capped_per_poll_and_remembered(
    local: Library, hostile: str
) -> None:
    await subscribe(local, hostile + "/many.xml")
    [first] = await local.poll_feeds(GUILD)
    assert first.line() == "0 new, 0 duplicate, 5 failed"  # the newest five: pages are 404
    [second] = await local.poll_feeds(GUILD)
    assert second.line() == "0 new, 5 duplicate, 0 failed"
    remembered = await local.store.seen_items(
        GUILD, [key for n in range(10_000) for key in item_keys(None, f"{hostile}/gone/{n}")]
    )
    assert len(remembered) == 10_000


async def test_items_without_links_or_articles_fail_alone(
    local: Library, hostile: str, site: NewsSite
) -> None:
    await subscribe(local, hostile + "/mixed.xml")
    [first] = await local.poll_feeds(GUILD)
    assert first.line() == "1 new, 0 duplicate, 2 failed"
    [again] = await local.poll_feeds(GUILD)
    assert again.line() == "0 new, 3 duplicate, 0 failed"  # failures are not retried forever


async def test_private_item_links_are_refused_by_the_safe_fetcher(
    tmp_path: Path, site: NewsSite
) -> None:
    async with await Library.open(tmp_path / "p.db") as library:  # private addresses refused
        feed = await subscribe(library, "https://feeds.example.org/rss")
        items = [FeedItem(item_keys(None, link), link, "x", None, 0.0)
                 for link in (f"{site.url}/news/bridge", "http://10.1.2.3/news")]  # fmt: skip
        from index.feeds.models import FeedPoll

        result = FeedPoll(feed)
        await _add_items(library, feed, items, FeedSettings(), result, now=1)
        assert (len(result.added), result.failed) == (0, 2)
        assert await library.articles(GUILD) == []


async def test_a_429_is_retried_no_sooner_than_retry_after(local: Library, hostile: str) -> None:
    await subscribe(local, hostile + "/busy.xml")
    before = time.time()
    [result] = await local.poll_feeds(GUILD)
    assert result.error and "429" in result.error
    [feed] = await local.feeds(GUILD)
    assert feed.next_poll_at >= before + 119


async def test_the_same_story_from_two_feeds_is_stored_once(
    local: Library, site: NewsSite
) -> None:
    mirror = NewsSite(stories=[story("bridge", "Ana Ortiz", "bridge repair", 1),
                               story("roof", "Ben Okoro", "library roof", 2)]).start()  # fmt: skip
    try:
        for copy in mirror.stories:
            copy.guid = None  # other links, no guid: only the same text tells them apart
        await local.add_feed(GUILD, site.feed_url())
        await local.add_feed(GUILD, mirror.feed_url())
        lines = [result.line() for result in await local.poll_feeds(GUILD)]
        assert lines == ["2 new, 0 duplicate, 0 failed", "0 new, 2 duplicate, 0 failed"]
        assert len(await local.articles(GUILD)) == 2
    finally:
        mirror.stop()


async def test_a_first_poll_posts_only_the_newest_few(local: Library, site: NewsSite) -> None:
    local.feed_settings = FeedSettings(first_poll_posts=1)
    await local.add_feed(GUILD, site.feed_url())
    [first] = await local.poll_feeds(GUILD)
    assert [info.title for info in first.to_post] == ["Council weighs library roof & the budget"]
    site.stories.append(story("ferry", "Cora Lindqvist", "ferry timetable", 3))
    site.stories.append(story("market", "Dev Patel", "market hall", 4))
    [second] = await local.poll_feeds(GUILD)
    assert len(second.to_post) == 2  # after the first poll every new story is posted


async def test_subscribing_refuses_a_web_page_a_repeat_and_past_the_limit(
    local: Library, site: NewsSite
) -> None:
    with pytest.raises(FeedError, match=r"web page, not an RSS or Atom feed.*/article add url"):
        await local.add_feed(GUILD, f"{site.url}/page.html")
    await local.add_feed(GUILD, site.feed_url())
    with pytest.raises(FeedError, match="already follows"):
        await local.add_feed(GUILD, site.feed_url() + "#again")
    local.feed_settings = FeedSettings(max_feeds_per_guild=1)
    with pytest.raises(FeedError, match="the limit"):
        await local.add_feed(GUILD, site.url + "/feed.xml?x=1")


def test_backoff_doubles_up_to_a_cap_and_a_failing_feed_waits_longest() -> None:
    def feed(failures: int, since: int | None) -> Feed:
        return Feed(1, GUILD, "u", None, None, None, 0, 900, None, None, True, 0,
                    failures, since, "e", None)  # fmt: skip

    now = 10 * DAY_SECONDS
    delays = [next_after_failure(feed(n, now), now) - now for n in range(12)]
    assert delays[:4] == [60, 120, 240, 480]
    assert max(delays) == MAX_BACKOFF_S and delays == sorted(delays)
    assert next_after_failure(feed(0, now - DAY_SECONDS), now) - now == MAX_BACKOFF_S
    assert next_after_failure(feed(0, now), now, retry_after=3600) - now == 3600


async def test_a_shard_polls_only_the_feeds_of_the_guilds_it_owns(
    local: Library, site: NewsSite
) -> None:
    from index.shards import ShardPlan, shard_of

    mine, theirs = 1 << 22, 2 << 22  # shards 1 and 0 of 2
    for guild in (mine, theirs):
        await local.add_feed(guild, site.feed_url())
    plan = ShardPlan((1,), 2)
    assert shard_of(mine, 2) == 1 and shard_of(theirs, 2) == 0
    results = await local.poll_feeds(owns=plan.owns)
    assert [result.feed.guild_id for result in results] == [mine]
    assert await local.articles(theirs) == []


async def test_an_unexpected_error_on_one_feed_is_recorded_and_the_pass_goes_on(
    local: Library, site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.feeds.poll as poll_module

    real = poll_module.parse_feed

    def explode(body: bytes, url: str, content_type: str = "") -> object:
        if "broken" in url:
            raise RecursionError("deeply nested")
        return real(body, url, content_type)

    monkeypatch.setattr(poll_module, "parse_feed", explode)
    await local.add_feed(GUILD, site.feed_url() + "?broken=1")
    await local.add_feed(GUILD, site.feed_url())
    lines = [result.line() for result in await local.poll_feeds(GUILD)]
    assert lines == ["0 new, 0 duplicate, 0 failed (internal error (RecursionError))",
                     "2 new, 0 duplicate, 0 failed"]  # fmt: skip
    assert (await local.feeds(GUILD))[0].last_error == "internal error (RecursionError)"
