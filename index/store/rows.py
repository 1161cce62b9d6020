"""Rows in and out of the SQLite file: one article written in one transaction, and stored rows
turned back into articles, quotes and speakers.

These functions take a plain `sqlite3.Connection` and run where it lives: in aiosqlite's thread
for the store, in a worker thread for `Reader`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from index.aliases import aliases_json
from index.models import (
    QUOTE_KINDS,
    Analysis,
    Article,
    ArticleInfo,
    Document,
    Paragraph,
    Quote,
    Sentence,
    Speaker,
)
from index.store.base import INFO_COLUMNS, NewArticle, StoredStories
from index.voices.rows import PEOPLE_TOTALS_ADD, VOICES_INSERT, people_totals_rows, voice_rows

TEXTS_SQL = "SELECT id, text FROM articles WHERE id {scope}"
PASSAGES_SQL = (
    'SELECT article_id, idx, start, "end", sentences, furniture FROM passages'
    " WHERE article_id {scope} ORDER BY article_id, idx"
)
QUOTES_SQL = (
    'SELECT article_id, start, "end", kind, statement, speaker, role, mention,'
    " mention_start, mention_end, cue FROM quotes"
    " WHERE article_id {scope} ORDER BY article_id, idx"
)
SPEAKERS_SQL = (
    "SELECT article_id, name, role, aliases, statements FROM speakers"
    " WHERE article_id {scope} ORDER BY article_id, statements DESC, name"
)

PASSAGES_INSERT = "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?)"
QUOTES_INSERT = "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
SPEAKERS_INSERT = "INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?)"
MAX_IDS = 30_000  # below SQLite's limit on bound parameters
# WAL pages a bulk import's connection lets gather before copying them into the database (the
# default is 1,000: 4 MB). Each article adds 32 story-band keys at random places, so one batch
# dirties thousands of index pages, every commit passed the default and every page was copied
# again at each commit; gathered over several commits, a page is copied once for them all.
BULK_CHECKPOINT_PAGES = 65_536  # 256 MB of 4 KB pages
# The oldest article with the same content, URL key or external id: three lookups in the
# UNIQUE indexes (an OR in one WHERE scans the guild's articles).
DUPLICATE_SQL = (
    "SELECT id, title FROM articles WHERE id = (SELECT min(id) FROM ("
    " SELECT id FROM articles WHERE guild_id = ? AND content_hash = ?"
    " UNION ALL SELECT id FROM articles WHERE guild_id = ? AND url_key = ?"
    " UNION ALL SELECT id FROM articles WHERE guild_id = ? AND external_id = ?) AS found)"
)
SIMILAR_SQL = (
    "SELECT s.article_id, s.shingles, s.signature FROM story_signatures s WHERE"
    " s.article_id IN (SELECT article_id FROM story_bands"
    " WHERE guild_id = ? AND band_key IN ({marks})) ORDER BY s.article_id"
)


def _null(value: None) -> None:
    return value


# sqlite3 binds an int, float or str as it is, but first offers any other value to its adapters
# (Python 3.11's `need_adapt`): with none registered for None, asking the protocol for
# `__adapt__` raises and formats an AttributeError, for each of the ~90 NULLs an imported
# article's rows hold (storing 1,000 articles: 84M of 2,363M instructions). Registered, None is
# handed back as it is and bound as NULL as before. The registry is the process's: None is
# NULL in every connection, as without it.
sqlite3.register_adapter(type(None), _null)


def insert_article(db: sqlite3.Connection, new: NewArticle) -> ArticleInfo:
    """Write an article, its passages, quotes and speakers and bump the guild's version, as one
    transaction; return what was stored. Raises sqlite3.IntegrityError on a duplicate."""
    db.execute("BEGIN IMMEDIATE")
    try:
        voices: list[tuple[Any, ...]] = []
        info = _write_article(db, new, voices)
        add_people_totals(db, voices)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return info


def similar(db: sqlite3.Connection, guild_id: int, bands: Sequence[int]) -> list[Any]:
    """(article id, shingles, signature) of the guild's articles sharing a band, oldest first."""
    marks = ", ".join("?" * len(bands))
    return db.execute(SIMILAR_SQL.format(marks=marks), (guild_id, *bands)).fetchall()


def similar_stories(db: sqlite3.Connection, guild_id: int, bands: Sequence[int]) -> StoredStories:
    """Return the signatures of the guild's articles sharing a band (`similar`), as arrays."""
    return StoredStories.of(similar(db, guild_id, bands))


def duplicate_keys(new: NewArticle) -> tuple[object, ...]:
    """Return the parameters of DUPLICATE_SQL for an article about to be stored."""
    g = new.guild_id
    return (g, new.content_hash, g, new.url_key, g, new.meta.external_id)


def _write_article(
    db: sqlite3.Connection, new: NewArticle, voices: list[tuple[Any, ...]]
) -> ArticleInfo:
    """Write an article's rows (inside the caller's transaction); its voices rows are also
    added to `voices`, for `add_people_totals` before the transaction commits."""
    article_id = insert_article_row(db, new)
    analysis, guild_id = new.analysis, new.guild_id
    db.executemany(PASSAGES_INSERT, passage_rows(article_id, analysis))
    db.executemany(QUOTES_INSERT, quote_rows(article_id, analysis))
    db.executemany(SPEAKERS_INSERT, speaker_rows(article_id, guild_id, analysis))
    article_voices = voice_rows(article_id, guild_id, new.meta, new.added_at, analysis)
    db.executemany(VOICES_INSERT, article_voices)
    voices += article_voices
    bump_version(db, guild_id)
    row = db.execute(
        f"SELECT {INFO_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
    ).fetchone()
    return ArticleInfo(*row)


def insert_article_row(db: sqlite3.Connection, new: NewArticle) -> int:
    """Write an article's own row (inside the caller's transaction); return its id."""
    meta = new.meta
    cursor = db.execute(
        "INSERT INTO articles (guild_id, external_id, title, url, url_key, outlet, author,"
        " published, added_by, added_at, content_hash, text)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.guild_id, meta.external_id, new.title, meta.url, new.url_key, meta.outlet,
            meta.author, meta.published, new.added_by, new.added_at, new.content_hash,
            new.text,
        ),
    )  # fmt: skip
    return int(cursor.lastrowid or 0)


def passage_rows(article_id: int, analysis: Analysis) -> list[tuple[Any, ...]]:
    """Return an article's `passages` rows (its paragraphs, sentence spans as JSON)."""
    # The JSON json.dumps writes for lists of int pairs, written directly: a third of the time.
    return [
        (
            article_id, p.index, p.start, p.end, int(p.furniture),
            "[" + ", ".join([f"[{s.start}, {s.end}]" for s in p.sentences]) + "]",
        )
        for p in analysis.document.paragraphs
    ]  # fmt: skip


def quote_rows(article_id: int, analysis: Analysis) -> list[tuple[Any, ...]]:
    """Return an article's `quotes` rows, in the order analysis found them."""
    return [
        (
            article_id, i, q.start, q.end, q.kind.value, q.statement, q.speaker,
            q.role, q.mention, q.mention_start, q.mention_end, q.cue,
        )
        for i, q in enumerate(analysis.quotes)
    ]  # fmt: skip


def speaker_rows(article_id: int, guild_id: int, analysis: Analysis) -> list[tuple[Any, ...]]:
    """Return an article's `speakers` rows (aliases as a JSON list)."""
    return [
        (article_id, guild_id, s.name, s.role, aliases_json(s.aliases), s.statements)
        for s in analysis.speakers
    ]


def add_people_totals(db: sqlite3.Connection, voices: list[tuple[Any, ...]]) -> None:
    """Add a transaction's voices rows to people's all-time totals, a sum per person
    (migration 0007): one upsert a person, not one a row."""
    db.executemany(PEOPLE_TOTALS_ADD, people_totals_rows(voices))


def bump_version(db: sqlite3.Connection, guild_id: int, changes: int = 1) -> None:
    """Mark the guild's library as changed, `changes` times (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO guild_versions VALUES (?, ?)"
        " ON CONFLICT (guild_id) DO UPDATE SET version = version + excluded.version",
        (guild_id, changes),
    )


def grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Rows keyed by their first column (an article id), the rest kept in order."""
    groups: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row[1:])
    return groups


def speaker_from_row(row: tuple[Any, ...]) -> Speaker:
    """Build a Speaker from its stored row (aliases kept as a JSON list)."""
    name, role, aliases, statements = row
    return Speaker(name, role, () if aliases == "[]" else tuple(json.loads(aliases)), statements)


def build_articles(
    infos: list[ArticleInfo],
    *rows: list[tuple[Any, ...]],  # texts, passages, quotes, speakers: article id first
) -> list[Article]:
    """Assemble Articles from their infos and their rows grouped by article id."""
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
            Quote(text[start:end], start, end, QUOTE_KINDS[kind], statement, *rest)
            for start, end, kind, statement, *rest in quotes.get(info.id, [])
        )
        article_speakers = tuple(speaker_from_row(row) for row in speakers.get(info.id, []))
        articles.append(Article(info, text, Analysis(document, article_quotes, article_speakers)))
    return articles


class Reader:
    """A read-only connection for worker threads that need one article now (lazy texts)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def article(self, guild_id: int, article_id: int) -> Article | None:
        """Load one article now (called from worker threads); None if it is gone."""
        with self._lock:
            db = self._connected()
            infos = [
                ArticleInfo(*row)
                for row in db.execute(
                    f"SELECT {INFO_COLUMNS} FROM articles a WHERE a.guild_id = ? AND a.id = ?",
                    (guild_id, article_id),
                )
            ]
            if not infos:
                return None
            rows = [
                db.execute(sql.format(scope="= ?"), (article_id,)).fetchall()
                for sql in (TEXTS_SQL, PASSAGES_SQL, QUOTES_SQL, SPEAKERS_SQL)
            ]
        return build_articles(infos, *rows)[0]

    def text(self, guild_id: int, article_id: int) -> str | None:
        """Load one article's text alone now (as `article`); None if it is gone."""
        with self._lock:
            row = (
                self._connected()
                .execute(
                    "SELECT text FROM articles WHERE guild_id = ? AND id = ?",
                    (guild_id, article_id),
                )
                .fetchone()
            )
        return None if row is None else str(row[0])

    def _connected(self) -> sqlite3.Connection:
        if self._connection is None:
            uri = f"{Path(self._path).resolve().as_uri()}?mode=ro"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._connection

    def close(self) -> None:
        """Close the read-only connection; the next read opens it again."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
