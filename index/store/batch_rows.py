"""A bulk import's batch written to the SQLite file: its articles in order, in one transaction,
each checked against everything stored before it.

Only the `articles` rows are written article by article (the duplicate checks read them). The
rest, read by nothing until the batch commits, are gathered and written at the end a table at a
time: one `executemany` a table for the batch rather than six an article, the story bands in
key order (their index's pages are then met in order, not at random), the guild's version
bumped once by the number stored. The rows are the ones article-by-article writing gives.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any, Protocol

from index import statements
from index.models import ArticleInfo
from index.store.base import NewArticle, SameStory, SignedArticle, StoredStories
from index.store.rows import (
    BULK_CHECKPOINT_PAGES,
    DUPLICATE_SQL,
    PASSAGES_INSERT,
    QUOTES_INSERT,
    SPEAKERS_INSERT,
    add_people_totals,
    bump_version,
    duplicate_keys,
    insert_article_row,
    passage_rows,
    quote_rows,
    speaker_rows,
)
from index.voices.rows import VOICES_INSERT, voice_rows

# Rows a statement when a batch's rows are written: 64 of the widest (12 columns) bind 768
# parameters, far below SQLite's limit (32,766); past 64 the gain ends (a microbenchmark).
ROWS_A_STATEMENT = 64


class StoryCandidates(Protocol):
    """Where a bulk import's batch finds each article's near-duplicate candidates
    (`story_candidates.StoryCandidates`), told when the transaction begins and ends."""

    def begin(self, db: sqlite3.Connection, guild_ids: Iterable[int]) -> None:
        """Take note that the transaction has begun, for articles of these guilds."""

    def find(
        self,
        db: sqlite3.Connection,
        guild_id: int,
        bands: Sequence[int],
        before_query: Callable[[], None] = ...,
    ) -> StoredStories:
        """Return the guild's stored articles sharing a band key, oldest first; call
        `before_query` before reading the story tables."""

    def add(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None:
        """Take an article just stored with its signature and band keys."""

    def committed(self, db: sqlite3.Connection) -> None:
        """Take note that the transaction committed."""

    def abandoned(self) -> None:
        """Take note that the transaction rolled back."""


class HeldRows:
    """The rows of a batch's stored articles not written yet, a list a table."""

    def __init__(self) -> None:
        self.passages: list[tuple[Any, ...]] = []
        self.quotes: list[tuple[Any, ...]] = []
        self.speakers: list[tuple[Any, ...]] = []
        self.voices: list[tuple[Any, ...]] = []
        self.signatures: list[tuple[int, int, bytes]] = []
        self.bands: list[tuple[int, int, int]] = []
        self.stored = Counter[int]()  # articles stored, by guild

    def write_stories(self, db: sqlite3.Connection) -> None:
        """Write the story signatures and bands held (the near-duplicate query reads them)."""
        insert_rows(db, "INSERT INTO story_signatures VALUES (?, ?, ?)", self.signatures)
        self.bands.sort()
        insert_rows(db, "INSERT OR IGNORE INTO story_bands VALUES (?, ?, ?)", self.bands)
        self.signatures, self.bands = [], []

    def write(self, db: sqlite3.Connection) -> None:
        """Write every row held, people's totals and the guilds' versions."""
        self.write_stories(db)
        insert_rows(db, PASSAGES_INSERT, self.passages)
        insert_rows(db, QUOTES_INSERT, self.quotes)
        insert_rows(db, SPEAKERS_INSERT, self.speakers)
        insert_rows(db, VOICES_INSERT, self.voices)
        add_people_totals(db, self.voices)
        for guild_id, stored in self.stored.items():
            bump_version(db, guild_id, stored)


def insert_rows(db: sqlite3.Connection, insert: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """`db.executemany(insert, rows)` (`insert` ending in one row's "VALUES (?, ...)"), the rows
    ROWS_A_STATEMENT to a statement: the same rows inserted in the same order, each statement's
    start, end and reset (and sqlite3's letting go of the interpreter lock) a few dozen rows
    rather than each (1,000 articles' ~70 rows each: 17% fewer instructions an inserted row)."""
    head, marks = insert.rsplit(" VALUES ", 1)
    full = len(rows) - len(rows) % ROWS_A_STATEMENT
    if full:
        many = f"{head} VALUES {', '.join([marks] * ROWS_A_STATEMENT)}"
        for at in range(0, full, ROWS_A_STATEMENT):
            db.execute(many, list(chain.from_iterable(rows[at : at + ROWS_A_STATEMENT])))
    db.executemany(insert, rows[full:])


def insert_batch(
    db: sqlite3.Connection,
    batch: Sequence[SignedArticle],
    same_story: SameStory,
    candidates: StoryCandidates,
) -> list[ArticleInfo | tuple[int, str]]:
    """Store a bulk import's articles in order, in one transaction, each with its story
    signature; return for each what was stored, or the (id, title) of the article it duplicates.

    Holding the write lock throughout, each article is checked against everything stored
    before it, the batch's earlier articles included, as one `Library.add_text` after another
    would check it: the same content, external id or URL key first, then the same story.
    """
    db.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
    # Every row but the articles' refers to an article this transaction wrote: SQLite's check
    # of each (~70 an article, a look-up in `articles` each) could not fail. The pragma holds
    # only outside a transaction.
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            candidates.begin(db, {signed.article.guild_id for signed in batch})
            held = HeldRows()
            outcomes = [_store_signed(db, position, signed, same_story, candidates, held)
                        for position, signed in enumerate(batch)]  # fmt: skip
            held.write(db)
            db.execute("COMMIT")
        except BaseException:
            candidates.abandoned()
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    candidates.committed(db)
    return outcomes


def _store_signed(
    db: sqlite3.Connection,
    position: int,
    signed: SignedArticle,
    same_story: SameStory,
    candidates: StoryCandidates,
    held: HeldRows,
) -> ArticleInfo | tuple[int, str]:
    new, guild_id = signed.article, signed.article.guild_id
    row = db.execute(DUPLICATE_SQL, duplicate_keys(new)).fetchone()
    if row:
        return int(row[0]), str(row[1])
    stories = candidates.find(db, guild_id, signed.bands, lambda: held.write_stories(db))
    found = same_story(position, stories)
    if found is not None:
        article_id = int(stories.ids[found])
        (title,) = db.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
        return int(article_id), str(title)
    article_id = insert_article_row(db, new)
    analysis = new.analysis
    held.passages += passage_rows(article_id, analysis)
    held.quotes += quote_rows(article_id, analysis)
    held.speakers += speaker_rows(article_id, guild_id, analysis)
    held.voices += voice_rows(article_id, guild_id, new.meta, new.added_at, analysis)
    held.signatures.append((article_id, signed.shingles, signed.signature))
    held.bands += [(guild_id, key, article_id) for key in signed.bands]
    held.stored[guild_id] += 1
    candidates.add(guild_id, article_id, signed.shingles, signed.signature, signed.bands)
    return stored_info(article_id, new)


def stored_info(article_id: int, new: NewArticle) -> ArticleInfo:
    """Return what `SELECT INFO_COLUMNS` reads of an article just written, without reading
    it: SQLite's length() counts the characters before a NUL; the quotes, distinct
    statements."""
    meta, text = new.meta, new.text
    nul = text.find("\0")
    quoted, reported = statements.count(new.analysis.quotes)
    return ArticleInfo(
        article_id, new.guild_id, new.title, meta.url, meta.outlet, meta.author,
        meta.published, meta.external_id, new.added_by, new.added_at, new.content_hash,
        len(text) if nul < 0 else nul, quoted + reported,
    )  # fmt: skip
