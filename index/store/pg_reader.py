"""Read articles synchronously from PostgreSQL, for worker threads filling lazy texts.

asyncpg lives on an event loop; this reader runs one of its own in a thread, so a caller on any
thread, the bot's loop included, can wait for an article without deadlock.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

import asyncpg

from index.models import Article, ArticleInfo
from index.store.rows import build_articles  # rows in the SQLite store's column order

T = TypeVar("T")


class ArticleReader:
    """Articles or texts, a few at a time, on a connection and an event loop thread of its own."""

    def __init__(self, url: str, sql: str) -> None:
        self._url = url
        self._sql = sql  # (guild id, article ids) → info columns, text, passages, quotes, speakers
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._connection: asyncpg.Connection | None = None
        self._lock = threading.Lock()

    def article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article now, from a worker thread, over this reader's own loop; None if gone."""
        return self.articles(guild_id, [article_id]).get(article_id)

    def text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone now (as `article`); None if it is gone."""
        return self.texts(guild_id, [article_id]).get(article_id)

    def articles(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, Article]:
        """Load some articles now in one round trip (as `article`): those still there, by id."""
        return self._now(self._read(guild_id, list(article_ids))) if article_ids else {}

    def texts(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, str]:
        """Load some articles' texts alone now in one round trip, by id."""
        return self._now(self._read_texts(guild_id, list(article_ids))) if article_ids else {}

    def _now(self, work: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="pg-reader", daemon=True
                )
                self._thread.start()
            return asyncio.run_coroutine_threadsafe(work, self._loop).result()

    async def _connected(self) -> asyncpg.Connection:
        if self._connection is None or self._connection.is_closed():
            self._connection = await asyncpg.connect(self._url)
        return self._connection

    async def _read_texts(self, guild_id: int, article_ids: list[int]) -> dict[int, str]:
        connection = await self._connected()
        rows = await connection.fetch(
            "SELECT id, text FROM articles WHERE guild_id = $1 AND id = ANY($2::bigint[])",
            guild_id, article_ids,
        )  # fmt: skip
        return {int(article_id): str(text) for article_id, text in rows}

    async def _read(self, guild_id: int, article_ids: list[int]) -> dict[int, Article]:
        connection = await self._connected()
        infos: list[ArticleInfo] = []
        texts: list[tuple[Any, ...]] = []
        parts: tuple[list[tuple[Any, ...]], ...] = ([], [], [])  # passages, quotes, speakers
        for row in await connection.fetch(self._sql, guild_id, article_ids):
            *info, text, passages, quotes, speakers = row
            infos.append(ArticleInfo(*info))
            texts.append((info[0], text))
            for part, rows in zip(parts, (passages, quotes, speakers), strict=True):
                part += [(info[0], *r) for r in rows]
        return {article.id: article for article in build_articles(infos, texts, *parts)}

    def close(self) -> None:
        """Close the connection and stop the reader's loop thread."""
        with self._lock:
            if self._loop is None:
                return
            if self._connection is not None:
                closing = asyncio.run_coroutine_threadsafe(self._connection.close(), self._loop)
                closing.result(timeout=10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=10)
            self._loop.close()
            self._loop = self._thread = self._connection = None
