"""The article store on PostgreSQL through asyncpg: the SQLite store's interface and behaviour.

Several bot processes, on several machines, share one library through it. The schema is the
same as SQLite's (numbered migrations in `pg_migrations/`, recorded in `schema_migrations`);
every method is scoped to one guild; an article is written with its analysis in one
transaction; a change bumps the guild's version, which every process checks at question time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from index import cpu
from index.errors import BackupError, DuplicateArticle
from index.models import Analysis, Article, ArticleInfo, ArticleMeta
from index.statements import STATEMENT_KEY_SQL
from index.store import schema as migrate
from index.store.base import (
    INFO_COLUMNS,
    SameStory,
    SharedReads,
    SignedArticle,
    pack_ids,
    snapshot_row,
)
from index.store.feed_store import PgFeeds
from index.store.pg_batch import add_articles
from index.store.pg_reader import ArticleReader
from index.store.pg_writes import bump_version, insert_analysis, numbered
from index.store.rows import build_articles
from index.store.voice_store import VoiceReads
from index.voices.rows import VOICES_INSERT, voice_rows

_TEXTS_SQL = "SELECT id, text FROM articles WHERE id {scope}"
_PASSAGES_SQL = (
    'SELECT article_id, idx, start, "end", sentences, furniture FROM passages'
    " WHERE article_id {scope} ORDER BY article_id, idx"
)
_QUOTES_SQL = (
    'SELECT article_id, start, "end", kind, statement, speaker, role, mention,'
    " mention_start, mention_end, cue FROM quotes"
    " WHERE article_id {scope} ORDER BY article_id, idx"
)
# COLLATE "C" orders names by code point, as SQLite's BINARY does, whatever the database locale.
_SPEAKERS_SQL = (
    "SELECT article_id, name, role, aliases, statements FROM speakers"
    ' WHERE article_id {scope} ORDER BY article_id, statements DESC, name COLLATE "C"'
)
# Articles with everything derived from them in one round trip (lazy reads are on the
# answer path): each one's rows come back as arrays of records.
_ARTICLES_SQL = (
    f"SELECT {INFO_COLUMNS}, a.text,"
    ' ARRAY(SELECT ROW(p.idx, p.start, p."end", p.sentences, p.furniture) FROM passages p'
    " WHERE p.article_id = a.id ORDER BY p.idx),"
    ' ARRAY(SELECT ROW(q.start, q."end", q.kind, q.statement, q.speaker, q.role, q.mention,'
    " q.mention_start, q.mention_end, q.cue) FROM quotes q WHERE q.article_id = a.id"
    " ORDER BY q.idx),"
    " ARRAY(SELECT ROW(s.name, s.role, s.aliases, s.statements) FROM speakers s"
    ' WHERE s.article_id = a.id ORDER BY s.statements DESC, s.name COLLATE "C")'
    " FROM articles a WHERE a.guild_id = $1 AND a.id = ANY($2::bigint[])"
)
_GUILD = "IN (SELECT id FROM articles WHERE guild_id = $1)"
_MIGRATION_LOCK = 7_211_402_117  # any constant: one process migrates at a time


def migrations() -> list[tuple[int, str]]:
    """Return the numbered PostgreSQL migration scripts in order."""
    return migrate.migrations("pg_migrations")


class PgStore(PgFeeds, SharedReads, VoiceReads):  # feed tables: store/feed_store.py
    """Async access to a PostgreSQL database; open with `await PgStore.open(url)`."""

    _LIKE = "ILIKE"

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self._url = url
        self.database: str | None = url  # names the index files' folder (answer/snapshot.py)
        self._reader = ArticleReader(url, _ARTICLES_SQL)

    @classmethod
    async def open(cls, url: str, *, max_connections: int = 10) -> PgStore:
        """Connect a pool to the database at `url` and apply pending migrations."""
        pool = await asyncpg.create_pool(url, min_size=1, max_size=max_connections)
        store = cls(pool, url)
        try:
            await store._migrate()
        except BaseException:
            await pool.close()
            raise
        return store

    async def close(self) -> None:
        """Close the lazy reader and the connection pool."""
        await asyncio.to_thread(self._reader.close)
        await self._pool.close()

    async def _migrate(self) -> None:
        async with self._pool.acquire() as db, db.transaction():
            await db.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
            await db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            current = await db.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations")
            for number, script in migrations():
                if number > current:
                    await db.execute(script)
                    await db.execute("INSERT INTO schema_migrations (version) VALUES ($1)", number)

    async def schema_version(self) -> int:
        """Return the number of the last migration applied."""
        return int(await self._pool.fetchval("SELECT max(version) FROM schema_migrations") or 0)

    # --- writing -------------------------------------------------------------------------

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
    ) -> ArticleInfo:
        """Store an article with its analysis in one transaction; refuse a duplicate."""
        duplicate = await self.find_duplicate(
            guild_id, content_hash=content_hash, url_key=url_key, external_id=meta.external_id
        )
        if duplicate:
            raise DuplicateArticle(duplicate.id, duplicate.title)
        added_at = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            async with self._pool.acquire() as db, db.transaction():
                article_id = await db.fetchval(
                    "INSERT INTO articles (guild_id, external_id, title, url, url_key, outlet,"
                    " author, published, added_by, added_at, content_hash, text)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                    guild_id, meta.external_id, title, meta.url, url_key, meta.outlet,
                    meta.author, meta.published, added_by, added_at, content_hash, text,
                )  # fmt: skip
                await insert_analysis(db, guild_id, article_id, analysis)
                voices = voice_rows(article_id, guild_id, meta, added_at, analysis)
                await db.executemany(numbered(VOICES_INSERT), voices)
                await bump_version(db, guild_id)
        except asyncpg.UniqueViolationError as error:
            # Another writer stored the same article between our check and our insert.
            duplicate = await self.find_duplicate(
                guild_id, content_hash=content_hash, url_key=url_key,
                external_id=meta.external_id,
            )  # fmt: skip
            if duplicate:
                raise DuplicateArticle(duplicate.id, duplicate.title) from error
            raise
        return await self.info(guild_id, article_id)

    async def add_articles(
        self, batch: Sequence[SignedArticle], same_story: SameStory
    ) -> list[ArticleInfo | DuplicateArticle]:
        """Store a bulk import's articles in order in one transaction (`pg_writes`)."""
        return await add_articles(self._pool, batch, same_story)

    async def remove_article(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Delete an article and everything derived from it."""
        info = await self.info(guild_id, article_id)
        async with self._pool.acquire() as db, db.transaction():
            await db.execute(
                "DELETE FROM articles WHERE guild_id = $1 AND id = $2", guild_id, article_id
            )
            await bump_version(db, guild_id)
        return info

    # --- reading -------------------------------------------------------------------------

    async def version(self, guild_id: int) -> int:
        """Return a number that changes whenever the guild's library changes."""
        row = await self._pool.fetchval(
            "SELECT version FROM guild_versions WHERE guild_id = $1", guild_id
        )
        return int(row or 0)

    async def find_duplicate(
        self,
        guild_id: int,
        *,
        content_hash: str | None = None,
        url_key: str | None = None,
        external_id: str | None = None,
    ) -> ArticleInfo | None:
        """Find the guild's article with this content hash, URL key or external id (the oldest)."""
        rows = await self._infos(
            "WHERE a.guild_id = ? AND (a.content_hash = ? OR a.url_key = ?"
            " OR a.external_id = ?) ORDER BY a.id LIMIT 1",
            (guild_id, content_hash, url_key, external_id),
        )
        return rows[0] if rows else None

    async def count(self, guild_id: int) -> int:
        """Count the guild's articles."""
        return int(
            await self._pool.fetchval("SELECT count(*) FROM articles WHERE guild_id = $1", guild_id)
        )

    async def usage(self, guild_id: int) -> tuple[int, int]:
        """Return the guild's article count and stored text size in characters."""
        row = await self._pool.fetchrow(
            "SELECT count(*), coalesce(sum(length(text)), 0) FROM articles WHERE guild_id = $1",
            guild_id,
        )
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def _infos(self, clause: str, params: Sequence[object]) -> list[ArticleInfo]:
        sql = numbered(f"SELECT {INFO_COLUMNS} FROM articles a {clause}")
        rows = await self._pool.fetch(sql, *params)
        return [ArticleInfo(*row) for row in rows]

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""
        if article_ids is not None:
            wanted = sorted(set(article_ids), reverse=True)
            infos = await self._infos(
                "WHERE a.guild_id = ? AND a.id = ANY(?::bigint[]) ORDER BY a.id DESC",
                (guild_id, wanted),
            )
            scope, param = "= ANY($1::bigint[])", [info.id for info in infos]
        else:
            infos = await self.list_articles(guild_id)
            scope, param = _GUILD, guild_id  # type: ignore[assignment]
        if not infos:
            return []
        rows = [
            await self._fetch(sql.format(scope=scope), param)
            for sql in (_TEXTS_SQL, _PASSAGES_SQL, _QUOTES_SQL, _SPEAKERS_SQL)
        ]
        # Building thousands of dataclasses would stall the event loop: do it in a thread.
        return await cpu.run(build_articles, infos, *rows)

    async def _fetch(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in await self._pool.fetch(sql, *params)]

    async def _voice_query(self, sql: str, params: Sequence[object]) -> list[Any]:
        return await self._fetch(numbered(sql), *params)

    # --- what a guild index needs to load or catch up: ids and infos, without the text ---------

    async def article_ids(self, guild_id: int) -> list[int]:
        """List the ids of the guild's articles, oldest first."""
        rows = await self._pool.fetch(
            "SELECT id FROM articles WHERE guild_id = $1 ORDER BY id", guild_id
        )
        return [int(row[0]) for row in rows]

    async def article_hashes(self, guild_id: int) -> list[tuple[int, str]]:
        """List (id, content hash) of the guild's articles, newest first."""
        sql = "SELECT id, content_hash FROM articles WHERE guild_id = $1 ORDER BY id DESC"
        return [(int(r[0]), str(r[1])) for r in await self._pool.fetch(sql, guild_id)]

    async def article_infos(self, guild_id: int) -> list[ArticleInfo]:
        """List the guild's article infos, newest first, as `list_articles` does but faster."""
        bare = INFO_COLUMNS.rsplit(", (SELECT", 1)[0]
        rows = await self._fetch(
            f"SELECT {bare}, coalesce(c.n, 0) FROM articles a LEFT JOIN"
            f" (SELECT article_id, count(DISTINCT {STATEMENT_KEY_SQL}) AS n FROM quotes q"
            f" WHERE article_id {_GUILD}"
            " GROUP BY article_id) c"
            " ON c.article_id = a.id WHERE a.guild_id = $1 ORDER BY a.id DESC",
            guild_id,
        )
        return await cpu.run(lambda: [ArticleInfo(*row) for row in rows])  # 0.3 s at 10^5: off the loop

    def read_article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article synchronously (from any thread); None if it is gone."""
        return self._reader.article(guild_id, article_id)

    def read_text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone synchronously (from any thread); None if it is gone."""
        return self._reader.text(guild_id, article_id)

    def read_articles(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, Article]:
        """Load some articles synchronously, in one round trip: those still there, by id."""
        return self._reader.articles(guild_id, article_ids)

    def read_texts(self, guild_id: int, article_ids: Sequence[int]) -> dict[int, str]:
        """Load some articles' texts alone synchronously, in one round trip, by id."""
        return self._reader.texts(guild_id, article_ids)

    @property
    def can_read_lazily(self) -> bool:
        """Tell whether `read_article` works: always, over the reader's own connection."""
        return True

    async def load_snapshot(self, guild_id: int) -> tuple[int, list[int], bytes] | None:
        """Return the guild's saved index: (version, covered article ids, data), or None."""
        row = await self._pool.fetchrow(
            "SELECT version, article_ids, data FROM index_snapshots WHERE guild_id = $1", guild_id
        )
        return snapshot_row(row)

    async def save_snapshot(
        self, guild_id: int, version: int, article_ids: Iterable[int], data: bytes
    ) -> None:
        """Save a guild's index; derived data, so it does not bump the guild's version."""
        ids = pack_ids(article_ids)
        await self._pool.execute(
            "INSERT INTO index_snapshots VALUES ($1, $2, $3, $4) ON CONFLICT (guild_id)"
            " DO UPDATE SET version = excluded.version, article_ids = excluded.article_ids,"
            " data = excluded.data",
            guild_id, version, ids, data,
        )  # fmt: skip

    async def database_file(self) -> Path:
        """Refuse: a backup copies a SQLite file, and PostgreSQL has its own tools."""
        raise BackupError("backup copies a SQLite library; back up PostgreSQL with pg_dump")

    # --- story signatures, for near-duplicates (derived data: no version bump) ------------------

    async def unsigned_articles(self, guild_id: int) -> list[int]:
        """Return the guild's articles stored without a story signature (before migration 0004)."""
        rows = await self._pool.fetch(
            "SELECT id FROM articles a WHERE guild_id = $1 AND NOT EXISTS"
            " (SELECT 1 FROM story_signatures s WHERE s.article_id = a.id) ORDER BY id",
            guild_id,
        )
        return [int(row[0]) for row in rows]

    async def save_signature(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None:
        """Store an article's story signature and band keys; nothing if it is gone meanwhile."""
        async with self._pool.acquire() as db, db.transaction():
            await db.execute(
                "INSERT INTO story_signatures SELECT id, $1, $2 FROM articles"
                " WHERE guild_id = $3 AND id = $4 ON CONFLICT (article_id) DO UPDATE"
                " SET shingles = excluded.shingles, signature = excluded.signature",
                shingles, signature, guild_id, article_id,
            )  # fmt: skip
            await db.execute(
                "INSERT INTO story_bands SELECT guild_id, key, id FROM articles,"
                " unnest($1::bigint[]) AS key WHERE guild_id = $2 AND id = $3"
                " ON CONFLICT DO NOTHING",
                bands, guild_id, article_id,
            )  # fmt: skip

    async def similar_stories(
        self, guild_id: int, bands: list[int]
    ) -> list[tuple[int, int, bytes]]:
        """(article id, shingles, signature) of the guild's articles sharing a band key."""
        rows = await self._pool.fetch(
            "SELECT s.article_id, s.shingles, s.signature FROM story_signatures s WHERE"
            " s.article_id IN (SELECT article_id FROM story_bands"
            " WHERE guild_id = $1 AND band_key = ANY($2::bigint[])) ORDER BY s.article_id",
            guild_id, bands,
        )  # fmt: skip
        return [(int(a), int(n), bytes(sig)) for a, n, sig in rows]

    async def integrity_check(self) -> str:
        """'ok' when no derived row outlives its article (foreign keys should ensure it)."""
        orphans = await self._pool.fetchval(
            "SELECT (SELECT count(*) FROM passages p WHERE NOT EXISTS"
            " (SELECT 1 FROM articles a WHERE a.id = p.article_id))"
            " + (SELECT count(*) FROM quotes q WHERE NOT EXISTS"
            " (SELECT 1 FROM articles a WHERE a.id = q.article_id))"
        )
        return "ok" if orphans == 0 else f"{orphans} orphaned rows"
