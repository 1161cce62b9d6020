"""The feed tables (migration 0005) on both backends: subscriptions, seen items, watches."""

from __future__ import annotations

from index.store.base import Store
from tests.conftest import GUILD, OTHER_GUILD


async def test_subscriptions_are_per_guild_and_unique_by_normalized_url(store: Store) -> None:
    first = await store.add_feed(
        GUILD, url="https://ex.org/feed", url_key="https://ex.org/feed", channel_id=7,
        added_by=3, interval_s=900, now=100,
    )  # fmt: skip
    assert first is not None and first.channel_id == 7 and not first.polled
    again = await store.add_feed(
        GUILD, url="https://EX.org/feed#x", url_key="https://ex.org/feed", channel_id=None,
        added_by=3, interval_s=900, now=101,
    )  # fmt: skip
    assert again is None
    other = await store.add_feed(
        OTHER_GUILD, url="https://ex.org/feed", url_key="https://ex.org/feed", channel_id=None,
        added_by=None, interval_s=900, now=102,
    )  # fmt: skip
    assert other is not None
    assert [f.id for f in await store.feeds(GUILD)] == [first.id]
    assert await store.feed(OTHER_GUILD, first.id) is None  # another guild's feed is not seen
    assert len(await store.feeds()) == 2


async def test_failure_state_and_success_clear_each_other(store: Store) -> None:
    feed = await store.add_feed(
        GUILD, url="https://ex.org/f", url_key="https://ex.org/f", channel_id=None,
        added_by=None, interval_s=900, now=100,
    )  # fmt: skip
    assert feed is not None
    await store.feed_failed(feed, error="the site answered 503", next_poll_at=160, now=100)
    await store.feed_failed(feed, error="timed out", next_poll_at=220, now=160)
    failing = await store.feed(GUILD, feed.id)
    assert failing is not None
    assert (failing.failures, failing.failing_since, failing.last_error) == (2, 100, "timed out")
    await store.feed_polled(
        failing, next_poll_at=1000, etag='"e1"', last_modified=None, title="Town", now=200
    )
    ok = await store.feed(GUILD, feed.id)
    assert ok is not None
    assert (ok.failures, ok.failing_since, ok.last_error, ok.etag, ok.title, ok.polled) == (
        0, None, None, '"e1"', "Town", True,
    )  # fmt: skip


async def test_seen_items_are_per_guild(store: Store) -> None:
    await store.mark_seen(GUILD, ["guid:a", "url:https://ex.org/a"], feed_id=1, article_id=5, now=1)
    await store.mark_seen(GUILD, ["guid:a"], feed_id=2, article_id=None, now=2)  # a second feed
    assert await store.seen_items(GUILD, ["url:https://ex.org/a", "guid:b"]) == {
        "url:https://ex.org/a"
    }
    assert await store.seen_items(OTHER_GUILD, ["guid:a"]) == set()
    many = [f"guid:{n}" for n in range(1200)]  # more than one statement's parameters
    await store.mark_seen(GUILD, many, feed_id=1, article_id=None, now=3)
    assert len(await store.seen_items(GUILD, many)) == 1200


async def test_watched_channels(store: Store) -> None:
    await store.watch(GUILD, 42, added_by=1, now=1)
    await store.watch(GUILD, 42, added_by=1, now=2)  # twice is once
    assert await store.watched(GUILD, 42)
    assert not await store.watched(OTHER_GUILD, 42)
    assert await store.unwatch(GUILD, 42)
    assert not await store.unwatch(GUILD, 42)
