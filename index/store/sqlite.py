"""The article store: one SQLite file through aiosqlite, every method scoped to one guild.

Each article is written with its passages, quotes and speakers in one transaction, so a crash
leaves it whole or absent (`rows.insert_article`). The schema is versioned by numbered
migrations (`migrate.py`). Duplicates are refused by the schema's UNIQUE constraints on
(guild, content hash), (guild, external id) and (guild, URL key).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiosqlite

from index import cpu
from index.errors import BackupError, DuplicateArticle
from index.models import Analysis, Article, ArticleInfo, ArticleMeta
from index.statements import STATEMENT_KEY_SQL
from index.store.base import (
    INFO_COLUMNS,
    NewArticle,
    SameStory,
    SharedReads,
    SignedArticle,
    pack_ids,
    snapshot_row,
)
from index.store.batch_rows import insert_batch
from index.store.feed_store import SqliteFeeds
from index.store.rows import (
    MAX_IDS,
    PASSAGES_SQL,
    QUOTES_SQL,
    SPEAKERS_SQL,
    TEXTS_SQL,
    Reader,
    build_articles,
    bump_version,
    grouped,
    insert_article,
    speaker_from_row,
)
from index.store.schema import migrate, migrations
from index.store.sqlite_file import check_file, check_version, explain
from index.store.voice_store import VoiceReads

if TYPE_CHECKING:
    from index.store.story_candidates import StoryCandidates

# Page cache for a bulk import's connection, in KiB (SQLite's default is 2,000): an upper bound,
# filled only as pages are touched. The indexes changed at random places are ~100 MB at 100,000
# articles: 64 MB read pages back from the file 59 times an article, 256 MB 27 times.
BULK_CACHE_KIB = 262_144

__all__ = ["SqliteStore", "grouped", "migrations", "speaker_from_row"]


class SqliteStore(SqliteFeeds, SharedReads, VoiceReads):  # feed tables: store/feed_store.py
    """Async access to the SQLite file; open with `await SqliteStore.open(path)`."""

    def __init__(self, connection: aiosqlite.Connection, path: str | None = None) -> None:
        self._db = connection
        self._reader = Reader(path) if path else None
        self.database = path  # where the index files go (index/answer/snapshot.py); None: memory
        self._bulk_cache = False  # the page cache raised for a bulk import's writes
        self._candidates: StoryCandidates | None = None  # a bulk import's near-duplicate candidates

    @classmethod
    async def open(
        cls, path: str | Path, *, busy_timeout_ms: int = 10_000, create: bool = True
    ) -> SqliteStore:
        """Open (and migrate) the file; `create=False` refuses a file that does not exist.

        Anything wrong with the file raises UnusableLibrary (or NoLibrary) with the
        connection closed, so that the error ends the process instead of hanging it.
        """
        name = str(path)
        if name != ":memory:":
            check_file(name, create=create)
        connection = await aiosqlite.connect(name, isolation_level=None)
        try:
            await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await check_version(connection, name)  # reads only: a refused file is not written
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            store = cls(connection, None if name == ":memory:" else name)
            await store._migrate()
        except sqlite3.Error as error:
            await connection.close()
            raise explain(name, error, busy_timeout_ms) from error
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
        """Close the lazy reader and the connection."""
        if self._reader:
            self._reader.close()
        await self._db.close()

    async def _migrate(self) -> None:
        await migrate(self._db)

    async def schema_version(self) -> int:
        """Return the number of the last migration applied (SQLite's user_version)."""
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

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
        """Store an article with its analysis in one transaction; refuse a duplicate.

        One trip to the database thread. No duplicate check first: the UNIQUE constraints
        refuse one, and only then is the stored article looked up for the error.
        """
        new = NewArticle(
            guild_id, title, meta, url_key, text, content_hash, analysis, added_by,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )  # fmt: skip
        try:
            # aiosqlite runs the function in its connection's thread, as it runs execute().
            return await self._db._execute(insert_article, self._db._conn, new)  # type: ignore[no-untyped-call, unused-ignore]
        except sqlite3.IntegrityError as error:
            duplicate = await self.find_duplicate(
                guild_id, content_hash=content_hash, url_key=url_key,
                external_id=meta.external_id,
            )  # fmt: skip
            if duplicate:
                raise DuplicateArticle(duplicate.id, duplicate.title) from error
            raise

    async def add_articles(
        self, batch: Sequence[SignedArticle], same_story: SameStory
    ) -> list[ArticleInfo | DuplicateArticle]:
        """Store a bulk import's articles in order in one transaction (`batch_rows.insert_batch`):
        each stored with its story signature, or refused as a duplicate of one stored before."""
        if not self._bulk_cache:
            # Every article updates pages across the story-band and voice indexes; with the
            # default 2 MB page cache each transaction reads most of them back from the file.
            await self._db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            self._bulk_cache = True
        if self._candidates is None:  # imported here: it brings numpy, not wanted at start-up
            self._candidates = import_module("index.store.story_candidates").StoryCandidates()
        # One trip to aiosqlite's thread for the whole batch.
        outcomes = await self._db._execute(insert_batch, self._db._conn, batch, same_story, self._candidates)  # type: ignore[no-untyped-call, unused-ignore]
        return [o if isinstance(o, ArticleInfo) else DuplicateArticle(*o) for o in outcomes]

    async def remove_article(self, guild_id: int, article_id: int) -> ArticleInfo:
        """Delete an article and everything derived from it."""
        info = await self.info(guild_id, article_id)
        await self._db.execute("BEGIN IMMEDIATE")
        try:
            await self._db.execute(
                "DELETE FROM articles WHERE guild_id = ? AND id = ?", (guild_id, article_id)
            )
            await self._bump_version(guild_id)
            await self._db.execute("COMMIT")
        except BaseException:
            await self._db.execute("ROLLBACK")
            raise
        return info

    async def _bump_version(self, guild_id: int) -> None:
        await self._db._execute(bump_version, self._db._conn, guild_id)  # type: ignore[no-untyped-call, unused-ignore]

    # --- reading -------------------------------------------------------------------------

    async def version(self, guild_id: int) -> int:
        """Return a number that changes whenever the guild's library changes."""
        async with self._db.execute(
            "SELECT version FROM guild_versions WHERE guild_id = ?", (guild_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def find_duplicate(
        self,
        guild_id: int,
        *,
        content_hash: str | None = None,
        url_key: str | None = None,
        external_id: str | None = None,
    ) -> ArticleInfo | None:
        """Find the guild's article with this content hash, URL key or external id (the oldest)."""
        # Three lookups in the UNIQUE indexes: an OR in one WHERE scans the guild's articles.
        rows = await self._infos(
            "WHERE a.id = (SELECT min(id) FROM ("
            " SELECT id FROM articles WHERE guild_id = ? AND content_hash = ?"
            " UNION ALL SELECT id FROM articles WHERE guild_id = ? AND url_key = ?"
            " UNION ALL SELECT id FROM articles WHERE guild_id = ? AND external_id = ?))",
            (guild_id, content_hash, guild_id, url_key, guild_id, external_id),
        )
        return rows[0] if rows else None

    async def count(self, guild_id: int) -> int:
        """Count the guild's articles."""
        async with self._db.execute(
            "SELECT count(*) FROM articles WHERE guild_id = ?", (guild_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def usage(self, guild_id: int) -> tuple[int, int]:
        """Return the guild's article count and stored text size in characters."""
        async with self._db.execute(
            "SELECT count(*), coalesce(sum(length(text)), 0) FROM articles WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    async def _infos(self, clause: str, params: Sequence[object]) -> list[ArticleInfo]:
        rows = await self._fetch(f"SELECT {INFO_COLUMNS} FROM articles a {clause}", params)
        return [ArticleInfo(*row) for row in rows]

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""
        if article_ids is not None:
            wanted = sorted(set(article_ids), reverse=True)
            if len(wanted) > MAX_IDS:  # SQLite bounds the parameters of one statement
                chunks = [wanted[i : i + MAX_IDS] for i in range(0, len(wanted), MAX_IDS)]
                return [a for chunk in chunks for a in await self.load_articles(guild_id, chunk)]
            marks = ",".join("?" * len(wanted))
            infos = await self._infos(
                f"WHERE a.guild_id = ? AND a.id IN ({marks}) ORDER BY a.id DESC",
                (guild_id, *wanted),
            )
            params: list[int] = [info.id for info in infos]
            scope = f"IN ({','.join('?' * len(params))})"
        else:
            infos = await self.list_articles(guild_id)
            scope, params = "IN (SELECT id FROM articles WHERE guild_id = ?)", [guild_id]
        if not infos:
            return []
        rows = [
            await self._fetch(sql.format(scope=scope), params)
            for sql in (TEXTS_SQL, PASSAGES_SQL, QUOTES_SQL, SPEAKERS_SQL)
        ]
        # Building thousands of dataclasses would stall the event loop: do it in a thread.
        return await cpu.run(build_articles, infos, *rows)

    async def _fetch(self, sql: str, params: Sequence[object]) -> list[Any]:
        # One hop to aiosqlite's thread (execute, fetchall and close would be three; iterating
        # a cursor fetches 64 rows a hop): each hop is a thread switch each way.
        return list(await self._db.execute_fetchall(sql, params))

    _voice_query = _rows = _fetch  # queries written with `?` marks: SQLite's own
    ids_in_commit_order = True  # one writer at a time: a later article has a greater id

    # --- what a guild index needs to load or catch up: ids and infos, without the text ---------

    async def article_ids(self, guild_id: int) -> list[int]:
        """List the ids of the guild's articles, oldest first."""
        rows = await self._fetch("SELECT id FROM articles WHERE guild_id = ? ORDER BY id", (guild_id,))
        return [int(row[0]) for row in rows]

    async def article_hashes(self, guild_id: int) -> list[tuple[int, str]]:
        """List (id, content hash) of the guild's articles, newest first."""
        sql = "SELECT id, content_hash FROM articles WHERE guild_id = ? ORDER BY id DESC"
        return [(int(i), str(h)) for i, h in await self._fetch(sql, (guild_id,))]

    async def article_infos(self, guild_id: int) -> list[ArticleInfo]:
        """List the guild's article infos, newest first, as `list_articles` does but faster."""
        # Quote counts grouped in one pass: a count subquery per article costs 10^4 lookups
        # (and SQLite joins the grouped counts slower than Python does).
        counts = dict(
            await self._fetch(
                f"SELECT article_id, count(DISTINCT {STATEMENT_KEY_SQL}) FROM quotes q"
                " WHERE article_id IN"
                " (SELECT id FROM articles WHERE guild_id = ?) GROUP BY article_id",
                (guild_id,),
            )
        )
        bare = INFO_COLUMNS.rsplit(", (SELECT", 1)[0]
        rows = await self._fetch(
            f"SELECT {bare} FROM articles a WHERE a.guild_id = ? ORDER BY a.id DESC", (guild_id,)
        )
        # Each row is every info column but the quote count, last; made off the loop (0.3 s at 10^5).
        return await cpu.run(lambda: [ArticleInfo(*row, counts.get(row[0], 0)) for row in rows])  # type: ignore[call-arg]

    def read_article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article synchronously (from a worker thread); None if it is gone.

        Returns None too when the database is in memory, where no second connection can read.
        """
        if self._reader is None:
            return None
        return self._reader.article(guild_id, article_id)

    def read_text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone synchronously, as `read_article`."""
        return None if self._reader is None else self._reader.text(guild_id, article_id)

    @property
    def can_read_lazily(self) -> bool:
        """Tell whether `read_article` works: only for a store opened with a path."""
        return self._reader is not None

    async def load_snapshot(self, guild_id: int) -> tuple[int, list[int], bytes] | None:
        """Return the guild's saved index: (version, covered article ids, data), or None."""
        async with self._db.execute(
            "SELECT version, article_ids, data FROM index_snapshots WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return snapshot_row(row)

    async def save_snapshot(
        self, guild_id: int, version: int, article_ids: Iterable[int], data: bytes
    ) -> None:
        """Save a guild's index; derived data, so it does not bump the guild's version."""
        ids = pack_ids(article_ids)
        await self._db.execute(
            "INSERT INTO index_snapshots VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE"
            " SET version = excluded.version, article_ids = excluded.article_ids,"
            " data = excluded.data",
            (guild_id, version, ids, data),
        )

    async def database_file(self) -> Path:
        """Return the file this store has open, for a backup; refuse an in-memory database."""
        async with self._db.execute("PRAGMA database_list") as cursor:
            rows = await cursor.fetchall()
        files = [row[2] for row in rows if row[1] == "main"]
        if not files or not files[0]:
            raise BackupError("An in-memory library has no file to back up.")
        return Path(files[0])

    # --- story signatures, for near-duplicates (derived data: no version bump) ------------------

    async def unsigned_articles(self, guild_id: int) -> list[int]:
        """Return the guild's articles stored without a story signature (before migration 0004)."""
        rows = await self._fetch(
            "SELECT id FROM articles a WHERE guild_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM story_signatures s WHERE s.article_id = a.id) ORDER BY id",
            (guild_id,),
        )
        return [int(row[0]) for row in rows]

    async def save_signature(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None:
        """Store an article's story signature and band keys; nothing if it is gone meanwhile."""
        await self._db.execute("BEGIN IMMEDIATE")
        try:
            await self._db.execute(
                "INSERT OR REPLACE INTO story_signatures"
                " SELECT id, ?, ? FROM articles WHERE guild_id = ? AND id = ?",
                (shingles, signature, guild_id, article_id),
            )
            await self._db.executemany(
                "INSERT OR IGNORE INTO story_bands SELECT guild_id, ?, id FROM articles"
                " WHERE guild_id = ? AND id = ?",
                [(key, guild_id, article_id) for key in bands],
            )
            await self._db.execute("COMMIT")
        except BaseException:
            await self._db.execute("ROLLBACK")
            raise

    async def similar_stories(
        self, guild_id: int, bands: list[int]
    ) -> list[tuple[int, int, bytes]]:
        """(article id, shingles, signature) of the guild's articles sharing a band key."""
        marks = ", ".join("?" * len(bands))
        rows = await self._fetch(
            "SELECT s.article_id, s.shingles, s.signature FROM story_signatures s WHERE"
            " s.article_id IN (SELECT article_id FROM story_bands"
            f" WHERE guild_id = ? AND band_key IN ({marks})) ORDER BY s.article_id",
            (guild_id, *bands),
        )
        return [(int(a), int(n), bytes(sig)) for a, n, sig in rows]

    async def integrity_check(self) -> str:
        """Run SQLite's integrity check and return its verdict ("ok" when sound)."""
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"
