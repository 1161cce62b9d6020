"""The one store interface (SQLite and PostgreSQL both satisfy it) and the reads they share.

`Store` is what everything above the store layer types against, so the type checker holds both
stores to one set of methods. `SharedReads` writes the article lookups once: each store gives
only `_infos`, which runs a clause written with `?` marks in its own driver's dialect.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from index.errors import ArticleNotFound
from index.models import Analysis, Article, ArticleInfo, ArticleMeta
from index.statements import STATEMENT_KEY_SQL
from index.store.feed_store import FeedTables
from index.store.voice_store import VoiceRow, VoiceTotal

INFO_COLUMNS = (
    "a.id, a.guild_id, a.title, a.url, a.outlet, a.author, a.published, a.external_id, "
    "a.added_by, a.added_at, a.content_hash, length(a.text), "
    f"(SELECT count(DISTINCT {STATEMENT_KEY_SQL}) FROM quotes q WHERE q.article_id = a.id)"
)


class Store(FeedTables, Protocol):
    """A guild-scoped library database: articles with their analysis, versions, snapshots."""

    async def close(self) -> None: ...

    async def schema_version(self) -> int: ...

    async def add_article(
        self,
        guild_id: int,
        *,
        title: str,
        meta: ArticleMeta,
        url_key: str | None,
        text: str,
        content_hash: str,
        analysis: Analysis,
        added_by: int | None,
    ) -> ArticleInfo: ...

    async def remove_article(self, guild_id: int, article_id: int) -> ArticleInfo: ...

    async def version(self, guild_id: int) -> int: ...

    async def find_duplicate(
        self,
        guild_id: int,
        *,
        content_hash: str | None = None,
        url_key: str | None = None,
        external_id: str | None = None,
    ) -> ArticleInfo | None: ...

    async def info(self, guild_id: int, article_id: int) -> ArticleInfo: ...

    async def by_external_id(self, guild_id: int, external_id: str) -> ArticleInfo | None: ...

    async def list_articles(
        self, guild_id: int, *, limit: int | None = None, title_like: str | None = None
    ) -> list[ArticleInfo]: ...

    async def count(self, guild_id: int) -> int: ...

    async def usage(self, guild_id: int) -> tuple[int, int]: ...

    async def load_article(self, guild_id: int, article_id: int) -> Article: ...

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]: ...

    async def article_ids(self, guild_id: int) -> list[int]: ...

    async def article_infos(self, guild_id: int) -> list[ArticleInfo]: ...

    def read_article(self, guild_id: int, article_id: int) -> Article | None: ...

    @property
    def can_read_lazily(self) -> bool: ...

    async def load_snapshot(self, guild_id: int) -> tuple[int, list[int], bytes] | None: ...

    async def save_snapshot(
        self, guild_id: int, version: int, article_ids: Iterable[int], data: bytes
    ) -> None: ...

    async def integrity_check(self) -> str: ...

    async def database_file(self) -> Path: ...

    # Story signatures, for near-duplicates (derived data).
    async def unsigned_articles(self, guild_id: int) -> list[int]: ...

    async def save_signature(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None: ...

    async def similar_stories(
        self, guild_id: int, bands: list[int]
    ) -> list[tuple[int, int, bytes]]: ...

    # Who is quoted (index/store/voice_store.py).
    async def voice_totals(
        self,
        guild_id: int,
        *,
        since: str | None = None,
        site: str | None = None,
        channel_id: int | None = None,
        limit: int | None = None,
    ) -> tuple[list[VoiceTotal], VoiceTotal | None]: ...

    async def voice_roles(
        self, guild_id: int, persons: Sequence[str], *, since: str | None = None
    ) -> list[tuple[str, str, int]]: ...

    async def person_voices(self, guild_id: int, person: str) -> list[VoiceRow]: ...

    async def find_persons(self, guild_id: int, name: str, limit: int = 25) -> list[str]: ...


class SharedReads:
    """Article lookups written once for both stores, over each store's `_infos`."""

    _LIKE = "LIKE"  # PostgreSQL's LIKE is case-sensitive: it says ILIKE, as SQLite's LIKE is not

    async def _infos(self, clause: str, params: Sequence[object]) -> list[ArticleInfo]:
        """Run `SELECT INFO_COLUMNS FROM articles a {clause}`, the clause with `?` marks."""
        raise NotImplementedError

    async def info(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Return one of the guild's articles; raise ArticleNotFound when it has no such id."""
        rows = await self._infos("WHERE a.guild_id = ? AND a.id = ?", (guild_id, article_id))
        if not rows:
            raise ArticleNotFound(f"#{article_id}")
        return rows[0]

    async def by_external_id(self, guild_id: int, external_id: str) -> ArticleInfo | None:
        """Return the guild's article with this external id, if there is one."""
        rows = await self._infos(
            "WHERE a.guild_id = ? AND a.external_id = ?", (guild_id, external_id)
        )
        return rows[0] if rows else None

    async def list_articles(
        self, guild_id: int, *, limit: int | None = None, title_like: str | None = None
    ) -> list[ArticleInfo]:
        """Return the guild's articles, newest first."""
        clause, params = "WHERE a.guild_id = ?", list[object]([guild_id])
        if title_like:
            clause += f" AND a.title {self._LIKE} ? ESCAPE '\\'"
            escaped = title_like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        clause += " ORDER BY a.id DESC"
        if limit is not None:
            clause += f" LIMIT {int(limit)}"
        return await self._infos(clause, params)

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""
        raise NotImplementedError

    async def load_article(self, guild_id: int, article_id: int) -> Article:
        """Load one article with its analysis; raise ArticleNotFound when it is not the guild's."""
        articles = await self.load_articles(guild_id, [article_id])
        if not articles:
            raise ArticleNotFound(f"#{article_id}")
        return articles[0]


def pack_ids(article_ids: Iterable[int]) -> bytes:
    """Encode a snapshot's article ids, sorted, as stored."""
    return array("q", sorted(article_ids)).tobytes()


def snapshot_row(row: Sequence[Any] | None) -> tuple[int, list[int], bytes] | None:
    """Decode a stored (version, packed ids, data) snapshot row."""
    if row is None:
        return None
    return int(row[0]), [int(i) for i in array("q", bytes(row[1]))], bytes(row[2])
