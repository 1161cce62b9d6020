"""The article store: one SQLite file through aiosqlite, every method scoped to one guild.

Each article is written with its passages, quotes and speakers in one transaction, so a crash
leaves it whole or absent. The schema is versioned by numbered migrations in `migrations/`,
tracked with `PRAGMA user_version`.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

from index.errors import ArticleNotFound, DuplicateArticle
from index.models import (
    Analysis,
    Article,
    ArticleInfo,
    ArticleMeta,
    Document,
    Paragraph,
    Quote,
    QuoteKind,
    Sentence,
    Speaker,
)

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
# SQLite's substr counts characters, as Python's offsets do: a quote's text without the article.
_QUOTE_TEXTS_SQL = (
    'SELECT q.article_id, substr(a.text, q.start + 1, q."end" - q.start), q.start, q."end",'
    " q.kind, q.statement, q.speaker, q.role, q.mention, q.mention_start, q.mention_end, q.cue"
    " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.guild_id = ?"
    " ORDER BY q.article_id, q.idx"
)
_SPEAKERS_SQL = (
    "SELECT article_id, name, role, aliases, statements FROM speakers"
    " WHERE article_id {scope} ORDER BY article_id, statements DESC, name"
)

_KINDS = {kind.value: kind for kind in QuoteKind}  # a dict lookup is 10x an Enum call
_MAX_IDS = 30_000  # below SQLite's limit on bound parameters

_INFO_COLUMNS = (
    "a.id, a.guild_id, a.title, a.url, a.outlet, a.author, a.published, a.external_id, "
    "a.added_by, a.added_at, a.content_hash, length(a.text), "
    "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
)


def migrations() -> list[tuple[int, str]]:
    """Return the numbered migration scripts in order."""
    folder = resources.files("index") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            scripts.append((number, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


class Store:
    """Async access to the SQLite file; open with `await Store.open(path)`."""

    def __init__(self, connection: aiosqlite.Connection, path: str | None = None) -> None:
        self._db = connection
        self._reader = _Reader(path) if path else None

    @classmethod
    async def open(cls, path: str | Path, *, busy_timeout_ms: int = 10_000) -> Store:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA synchronous = NORMAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        store = cls(connection, None if str(path) == ":memory:" else str(path))
        await store._migrate()
        return store

    async def close(self) -> None:
        if self._reader:
            self._reader.close()
        await self._db.close()

    async def _migrate(self) -> None:
        async with self._db.execute("PRAGMA user_version") as cursor:
            (current,) = await cursor.fetchone()  # type: ignore[misc]
        for number, script in migrations():
            if number <= current:
                continue
            # executescript commits first; the whole migration and its version bump are one unit.
            await self._db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    async def schema_version(self) -> int:
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
        """Store an article with its analysis in one transaction; refuse a duplicate."""
        duplicate = await self.find_duplicate(
            guild_id, content_hash=content_hash, url_key=url_key, external_id=meta.external_id
        )
        if duplicate:
            raise DuplicateArticle(duplicate.id, duplicate.title)
        added_at = datetime.now(UTC).isoformat(timespec="seconds")
        db = self._db
        await db.execute("BEGIN IMMEDIATE")
        try:
            cursor = await db.execute(
                "INSERT INTO articles (guild_id, external_id, title, url, url_key, outlet, author,"
                " published, added_by, added_at, content_hash, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id, meta.external_id, title, meta.url, url_key, meta.outlet,
                    meta.author, meta.published, added_by, added_at, content_hash, text,
                ),
            )  # fmt: skip
            article_id = cursor.lastrowid
            await db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id, p.index, p.start, p.end, int(p.furniture),
                        json.dumps([[s.start, s.end] for s in p.sentences]),
                    )
                    for p in analysis.document.paragraphs
                ],
            )  # fmt: skip
            await db.executemany(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id, i, q.start, q.end, q.kind.value, q.statement, q.speaker,
                        q.role, q.mention, q.mention_start, q.mention_end, q.cue,
                    )
                    for i, q in enumerate(analysis.quotes)
                ],
            )  # fmt: skip
            await db.executemany(
                "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (article_id, guild_id, s.name, s.role, json.dumps(s.aliases), s.statements)
                    for s in analysis.speakers
                ],
            )
            await self._bump_version(guild_id)
            await db.execute("COMMIT")
        except sqlite3.IntegrityError as error:
            await db.execute("ROLLBACK")
            # Another writer stored the same article between our check and our insert.
            duplicate = await self.find_duplicate(
                guild_id, content_hash=content_hash, url_key=url_key,
                external_id=meta.external_id,
            )  # fmt: skip
            if duplicate:
                raise DuplicateArticle(duplicate.id, duplicate.title) from error
            raise
        except BaseException:
            await db.execute("ROLLBACK")
            raise
        assert article_id is not None
        return await self.info(guild_id, article_id)

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
        await self._db.execute(
            "INSERT INTO guild_versions VALUES (?, 1)"
            " ON CONFLICT (guild_id) DO UPDATE SET version = version + 1",
            (guild_id,),
        )

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
        content_hash: str,
        url_key: str | None = None,
        external_id: str | None = None,
    ) -> ArticleInfo | None:
        rows = await self._infos(
            "WHERE a.guild_id = ? AND (a.content_hash = ? OR a.url_key = ? OR a.external_id = ?)"
            " LIMIT 1",
            (guild_id, content_hash, url_key, external_id),
        )
        return rows[0] if rows else None

    async def info(self, guild_id: int, article_id: int) -> ArticleInfo:
        rows = await self._infos("WHERE a.guild_id = ? AND a.id = ?", (guild_id, article_id))
        if not rows:
            raise ArticleNotFound(f"#{article_id}")
        return rows[0]

    async def by_external_id(self, guild_id: int, external_id: str) -> ArticleInfo | None:
        rows = await self._infos(
            "WHERE a.guild_id = ? AND a.external_id = ?", (guild_id, external_id)
        )
        return rows[0] if rows else None

    async def list_articles(
        self, guild_id: int, *, limit: int | None = None, title_like: str | None = None
    ) -> list[ArticleInfo]:
        """Return the guild's articles, newest first."""
        clause, params = "WHERE a.guild_id = ?", [guild_id]
        if title_like:
            clause += " AND a.title LIKE ? ESCAPE '\\'"
            escaped = title_like.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        clause += " ORDER BY a.id DESC"
        if limit is not None:
            clause += f" LIMIT {int(limit)}"
        return await self._infos(clause, tuple(params))

    async def count(self, guild_id: int) -> int:
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

    async def _infos(self, clause: str, params: tuple[object, ...]) -> list[ArticleInfo]:
        async with self._db.execute(
            f"SELECT {_INFO_COLUMNS} FROM articles a {clause}", params
        ) as c:
            return [ArticleInfo(*row) for row in await c.fetchall()]

    async def load_article(self, guild_id: int, article_id: int) -> Article:
        articles = await self.load_articles(guild_id, [article_id])
        if not articles:
            raise ArticleNotFound(f"#{article_id}")
        return articles[0]

    async def load_articles(
        self, guild_id: int, article_ids: Iterable[int] | None = None
    ) -> list[Article]:
        """Load articles with their stored analysis (all of the guild's when ids is None)."""
        if article_ids is not None:
            wanted = sorted(set(article_ids), reverse=True)
            if len(wanted) > _MAX_IDS:  # SQLite bounds the parameters of one statement
                chunks = [wanted[i : i + _MAX_IDS] for i in range(0, len(wanted), _MAX_IDS)]
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
            for sql in (_TEXTS_SQL, _PASSAGES_SQL, _QUOTES_SQL, _SPEAKERS_SQL)
        ]
        # Building thousands of dataclasses would stall the event loop: do it in a thread.
        return await asyncio.to_thread(_build_articles, infos, *rows)

    async def _fetch(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        # One fetchall is one hop to aiosqlite's thread; iterating fetches 64 rows a hop.
        async with self._db.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    # --- what a guild index needs: ids, quotes and speakers, without the articles' text --------

    async def article_ids(self, guild_id: int) -> list[int]:
        async with self._db.execute(
            "SELECT id FROM articles WHERE guild_id = ? ORDER BY id", (guild_id,)
        ) as cursor:
            return [int(row[0]) for row in await cursor.fetchall()]

    async def index_rows(self, guild_id: int) -> IndexRows:
        """Load a guild's article infos, quotes (with their text) and speakers as raw rows."""
        scope = "IN (SELECT id FROM articles WHERE guild_id = ?)"
        quotes = await self._fetch(_QUOTE_TEXTS_SQL, (guild_id,))
        speakers = await self._fetch(_SPEAKERS_SQL.format(scope=scope), (guild_id,))
        # Quote counts from the rows at hand: a count per article in SQL costs 10k subqueries.
        counts: dict[int, int] = {}
        for row in quotes:
            counts[row[0]] = counts.get(row[0], 0) + 1
        bare = _INFO_COLUMNS.rsplit(", (SELECT", 1)[0]
        rows = await self._fetch(
            f"SELECT {bare} FROM articles a WHERE a.guild_id = ? ORDER BY a.id DESC", (guild_id,)
        )
        infos = [ArticleInfo(*row, counts.get(row[0], 0)) for row in rows]
        return IndexRows(infos, quotes, speakers)

    def read_article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article synchronously (from a worker thread); None if it is gone.

        Returns None too when the database is in memory, where no second connection can read.
        """
        if self._reader is None:
            return None
        return self._reader.article(guild_id, article_id)

    @property
    def can_read_lazily(self) -> bool:
        return self._reader is not None

    async def load_snapshot(self, guild_id: int) -> tuple[int, list[int], bytes] | None:
        """The guild's saved index: (version, covered article ids, data), or None."""
        async with self._db.execute(
            "SELECT version, article_ids, data FROM index_snapshots WHERE guild_id = ?",
            (guild_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        ids = [int(i) for i in array("q", bytes(row[1]))]
        return int(row[0]), ids, bytes(row[2])

    async def save_snapshot(
        self, guild_id: int, version: int, article_ids: Iterable[int], data: bytes
    ) -> None:
        """Save a guild's index; derived data, so it does not bump the guild's version."""
        ids = array("q", sorted(article_ids)).tobytes()
        await self._db.execute(
            "INSERT INTO index_snapshots VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE"
            " SET version = excluded.version, article_ids = excluded.article_ids,"
            " data = excluded.data",
            (guild_id, version, ids, data),
        )

    async def integrity_check(self) -> str:
        async with self._db.execute("PRAGMA integrity_check") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else "no answer"


@dataclass(frozen=True, slots=True)
class IndexRows:
    """A guild's article infos and raw quote and speaker rows, grouped by article id."""

    infos: list[ArticleInfo]
    quotes: list[tuple[Any, ...]]  # article id, text, start, end, kind, statement, speaker, ...
    speakers: list[tuple[Any, ...]]  # article id, name, role, aliases (JSON), statements


def grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows keyed by their first column (an article id), the rest kept in order."""
    groups: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row[1:])
    return groups


def quote_from_row(row: tuple[Any, ...]) -> Quote:
    """A quote from an `IndexRows.quotes` row."""
    text, start, end, kind, statement, *rest = row
    return Quote(text, start, end, _KINDS[kind], statement, *rest)


def speaker_from_row(row: tuple[Any, ...]) -> Speaker:
    name, role, aliases, statements = row
    return Speaker(name, role, () if aliases == "[]" else tuple(json.loads(aliases)), statements)


def _build_articles(
    infos: list[ArticleInfo],
    *rows: list[tuple[Any, ...]],  # texts, passages, quotes, speakers: article id first
) -> list[Article]:
    texts, passages, quotes, speakers = (grouped(part) for part in rows)
    articles = []
    for info in infos:
        (text,) = texts[info.id][0]
        document = Document(
            text,
            tuple(
                Paragraph(idx, start, end, tuple(Sentence(*s) for s in json.loads(spans)),
                          bool(furniture))
                for idx, start, end, spans, furniture in passages.get(info.id, [])
            ),
        )  # fmt: skip
        article_quotes = tuple(
            Quote(text[start:end], start, end, QuoteKind(kind), statement, *rest)
            for start, end, kind, statement, *rest in quotes.get(info.id, [])
        )
        article_speakers = tuple(speaker_from_row(row) for row in speakers.get(info.id, []))
        articles.append(Article(info, text, Analysis(document, article_quotes, article_speakers)))
    return articles


class _Reader:
    """A read-only connection for worker threads that need one article now (lazy texts)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def article(self, guild_id: int, article_id: int) -> Article | None:
        with self._lock:
            if self._connection is None:
                uri = f"{Path(self._path).resolve().as_uri()}?mode=ro"
                self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            db = self._connection
            infos = [
                ArticleInfo(*row)
                for row in db.execute(
                    f"SELECT {_INFO_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.id = ?",
                    (guild_id, article_id),
                )
            ]
            if not infos:
                return None
            rows = [
                db.execute(sql.format(scope="= ?"), (article_id,)).fetchall()
                for sql in (_TEXTS_SQL, _PASSAGES_SQL, _QUOTES_SQL, _SPEAKERS_SQL)
            ]
        return _build_articles(infos, *rows)[0]

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
