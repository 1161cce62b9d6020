"""The store's feed tables (migration 0005): subscriptions, seen items, watched channels.

One mixin serves both stores: its SQL is written with `?` placeholders and each store's small
adapter (`_feed_rows`, `_feed_execute`) runs it, numbering them `$1…` for PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from index.feeds.models import FEED_COLUMNS, Feed, feed_from_row

_MARK = re.compile(r"\?")


def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1, $2…` (our SQL holds no literal question marks)."""
    counter = iter(range(1, 10_000))
    return _MARK.sub(lambda _match: f"${next(counter)}", sql)


class FeedTables(Protocol):
    """The feed methods both stores have (FeedStore below), as the Store protocol lists them."""

    async def add_feed(
        self,
        guild_id: int,
        *,
        url: str,
        url_key: str,
        channel_id: int | None,
        added_by: int | None,
        interval_s: int,
        now: int,
    ) -> Feed | None:
        """Subscribe; None when the guild already has this feed (same normalized URL)."""

    async def feeds(self, guild_id: int | None = None) -> list[Feed]:
        """Return a guild's feeds (every guild's when None), oldest first."""

    async def feed(self, guild_id: int, feed_id: int) -> Feed | None:
        """Return one of the guild's feeds, or None."""

    async def remove_feed(self, guild_id: int, feed_id: int) -> None:
        """Unsubscribe; the items seen stay seen, so subscribing again posts nothing old."""

    async def feed_polled(
        self,
        feed: Feed,
        *,
        next_poll_at: int,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
        now: int,
    ) -> None:
        """Record a successful poll: validators kept, failure state cleared."""

    async def feed_failed(self, feed: Feed, *, error: str, next_poll_at: int, now: int) -> None:
        """Record a failed poll: count it, keep the error, and set when to try again."""

    async def seen_items(self, guild_id: int, keys: Iterable[str]) -> set[str]:
        """Return the keys among `keys` the guild has seen (from any feed or a watched channel)."""

    async def mark_seen(
        self,
        guild_id: int,
        keys: Iterable[str],
        *,
        feed_id: int | None,
        article_id: int | None,
        now: int,
    ) -> None:
        """Remember item keys as seen by the guild, with the feed and article they came with."""

    async def watch(
        self, guild_id: int, channel_id: int, *, added_by: int | None, now: int
    ) -> None:
        """Watch a channel for links (watching it twice is one watch)."""

    async def unwatch(self, guild_id: int, channel_id: int) -> bool:
        """Stop watching a channel; False when it was not watched."""

    async def watched(self, guild_id: int, channel_id: int) -> bool:
        """Tell whether the guild watches this channel."""


class FeedStore:
    """Feed methods over the two primitives each store provides."""

    async def _feed_rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    async def _feed_execute(self, sql: str, params: Sequence[object]) -> None:
        raise NotImplementedError

    async def _feed_execute_many(self, sql: str, rows: list[Sequence[object]]) -> None:
        raise NotImplementedError

    async def add_feed(
        self,
        guild_id: int,
        *,
        url: str,
        url_key: str,
        channel_id: int | None,
        added_by: int | None,
        interval_s: int,
        now: int,
    ) -> Feed | None:
        """Subscribe; None when the guild already has this feed (same normalized URL)."""
        if await self._feed_rows(
            "SELECT id FROM feeds WHERE guild_id = ? AND url_key = ?", (guild_id, url_key)
        ):
            return None
        await self._feed_execute(
            "INSERT INTO feeds (guild_id, url, url_key, channel_id, added_by, added_at,"
            " interval_s, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (guild_id, url, url_key, channel_id, added_by, now, interval_s, now),
        )
        rows = await self._feed_rows(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE guild_id = ? AND url_key = ?",
            (guild_id, url_key),
        )
        return feed_from_row(rows[0])

    async def feeds(self, guild_id: int | None = None) -> list[Feed]:
        """Return a guild's feeds (every guild's when None), oldest first."""
        if guild_id is None:
            rows = await self._feed_rows(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id", ())
        else:
            rows = await self._feed_rows(
                f"SELECT {FEED_COLUMNS} FROM feeds WHERE guild_id = ? ORDER BY id", (guild_id,)
            )
        return [feed_from_row(row) for row in rows]

    async def feed(self, guild_id: int, feed_id: int) -> Feed | None:
        """Return one of the guild's feeds, or None (another guild's id finds nothing)."""
        rows = await self._feed_rows(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE guild_id = ? AND id = ?", (guild_id, feed_id)
        )
        return feed_from_row(rows[0]) if rows else None

    async def remove_feed(self, guild_id: int, feed_id: int) -> None:
        """Unsubscribe; the items seen stay seen, so subscribing again posts nothing old."""
        # Seen items stay: re-subscribing must not post the old stories again.
        await self._feed_execute(
            "DELETE FROM feeds WHERE guild_id = ? AND id = ?", (guild_id, feed_id)
        )

    async def feed_polled(
        self,
        feed: Feed,
        *,
        next_poll_at: int,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
        now: int,
    ) -> None:
        """Record a successful poll: validators kept, failure state cleared."""
        await self._feed_execute(
            "UPDATE feeds SET polled = 1, next_poll_at = ?, etag = ?, last_modified = ?,"
            " title = coalesce(?, title), failures = 0, failing_since = NULL,"
            " last_error = NULL, last_success = ? WHERE guild_id = ? AND id = ?",
            (next_poll_at, etag, last_modified, title, now, feed.guild_id, feed.id),
        )

    async def feed_failed(self, feed: Feed, *, error: str, next_poll_at: int, now: int) -> None:
        """Record a failed poll: count it, keep its error (300 characters), set the next try."""
        await self._feed_execute(
            "UPDATE feeds SET failures = failures + 1, failing_since = coalesce(failing_since, ?),"
            " last_error = ?, next_poll_at = ? WHERE guild_id = ? AND id = ?",
            (now, error[:300], next_poll_at, feed.guild_id, feed.id),
        )

    async def seen_items(self, guild_id: int, keys: Iterable[str]) -> set[str]:
        """Return the keys among `keys` the guild has seen (from any feed or a watched channel)."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = await self._feed_rows(
                f"SELECT item_key FROM feed_items WHERE guild_id = ? AND item_key IN ({marks})",
                (guild_id, *chunk),
            )
            found.update(str(row[0]) for row in rows)
        return found

    async def mark_seen(
        self,
        guild_id: int,
        keys: Iterable[str],
        *,
        feed_id: int | None,
        article_id: int | None,
        now: int,
    ) -> None:
        """Remember item keys as seen by the guild; a key seen before keeps its first record."""
        rows: list[Sequence[object]] = [
            (guild_id, key, feed_id, article_id, now) for key in dict.fromkeys(keys)
        ]
        if rows:
            await self._feed_execute_many(
                "INSERT INTO feed_items (guild_id, item_key, feed_id, article_id, seen_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, item_key) DO NOTHING",
                rows,
            )

    async def watch(
        self, guild_id: int, channel_id: int, *, added_by: int | None, now: int
    ) -> None:
        """Watch a channel for links (watching it twice is one watch)."""
        await self._feed_execute(
            "INSERT INTO watched_channels (guild_id, channel_id, added_by, added_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, channel_id) DO NOTHING",
            (guild_id, channel_id, added_by, now),
        )

    async def unwatch(self, guild_id: int, channel_id: int) -> bool:
        """Stop watching a channel; False when it was not watched."""
        was = await self.watched(guild_id, channel_id)
        await self._feed_execute(
            "DELETE FROM watched_channels WHERE guild_id = ? AND channel_id = ?",
            (guild_id, channel_id),
        )
        return was

    async def watched(self, guild_id: int, channel_id: int) -> bool:
        """Tell whether the guild watches this channel."""
        return bool(
            await self._feed_rows(
                "SELECT 1 FROM watched_channels WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
        )


class SqliteFeeds(FeedStore):
    """The adapter for the SQLite store (its aiosqlite connection is `_db`)."""

    _db: Any

    async def _feed_rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in await self._db.execute_fetchall(sql, params)]

    async def _feed_execute(self, sql: str, params: Sequence[object]) -> None:
        await self._db.execute(sql, params)

    async def _feed_execute_many(self, sql: str, rows: list[Sequence[object]]) -> None:
        await self._db.executemany(sql, rows)


class PgFeeds(FeedStore):
    """The adapter for the PostgreSQL store (its asyncpg pool is `_pool`)."""

    _pool: Any

    async def _feed_rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in await self._pool.fetch(numbered(sql), *params)]

    async def _feed_execute(self, sql: str, params: Sequence[object]) -> None:
        await self._pool.execute(numbered(sql), *params)

    async def _feed_execute_many(self, sql: str, rows: list[Sequence[object]]) -> None:
        await self._pool.executemany(numbered(sql), rows)
