"""Writing articles to PostgreSQL: one article's rows, and a bulk import's batch by COPY.

A batch is one transaction on one connection. Each article is checked and its `articles` and
signature rows inserted in order, so that the next article's duplicate and near-duplicate
lookups see it; the rows derived from the analysis (passages, quotes, speakers, voices) are
only written, never read, within the batch, so they go in by one COPY a table at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import asyncpg

from index.errors import DuplicateArticle
from index.models import Analysis, ArticleInfo
from index.store.base import INFO_COLUMNS, NewArticle, SameStory, SignedArticle, StoredStories
from index.store.rows import (
    DUPLICATE_SQL,
    SIMILAR_SQL,
    duplicate_keys,
    passage_rows,
    quote_rows,
    speaker_rows,
)
from index.voices.rows import VOICE_COLUMNS, voice_rows

_ARTICLE_INSERT = (
    "INSERT INTO articles (guild_id, external_id, title, url, url_key, outlet, author,"
    " published, added_by, added_at, content_hash, text)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
)
_TRIES = 3  # a batch racing another writer to the same article is run again


def numbered(sql: str) -> str:
    """Write `?` marks as asyncpg's numbered ones ($1, $2, …)."""
    count = iter(range(1, sql.count("?") + 1))
    return re.sub(r"\?", lambda _: f"${next(count)}", sql)


async def insert_article_row(db: asyncpg.Connection, new: NewArticle) -> int:
    """Insert the `articles` row and return its id (inside the caller's transaction)."""
    meta = new.meta
    article_id = await db.fetchval(
        _ARTICLE_INSERT,
        new.guild_id, meta.external_id, new.title, meta.url, new.url_key, meta.outlet,
        meta.author, meta.published, new.added_by, new.added_at, new.content_hash, new.text,
    )  # fmt: skip
    return int(article_id)


async def insert_analysis(
    db: asyncpg.Connection, guild_id: int, article_id: int, analysis: Analysis
) -> None:
    """Insert one article's passages, quotes and speakers (inside the caller's transaction)."""
    await db.executemany(
        "INSERT INTO passages VALUES ($1, $2, $3, $4, $5, $6)", passage_rows(article_id, analysis)
    )
    await db.executemany(
        "INSERT INTO quotes VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        quote_rows(article_id, analysis),
    )
    await db.executemany(
        "INSERT INTO speakers VALUES ($1, $2, $3, $4, $5, $6)",
        speaker_rows(article_id, guild_id, analysis),
    )


async def bump_version(db: asyncpg.Connection, guild_id: int) -> None:
    """Mark the guild's library as changed (inside the caller's transaction)."""
    await db.execute(
        "INSERT INTO guild_versions VALUES ($1, 1)"
        " ON CONFLICT (guild_id) DO UPDATE SET version = guild_versions.version + 1",
        guild_id,
    )


async def add_articles(
    pool: asyncpg.Pool, batch: Sequence[SignedArticle], same_story: SameStory
) -> list[ArticleInfo | DuplicateArticle]:
    """Store a batch in order in one transaction (see the module's docstring)."""
    for attempt in range(_TRIES):
        try:
            async with pool.acquire() as db, db.transaction():
                return await _add_batch(db, batch, same_story)
        except asyncpg.UniqueViolationError:
            # Another writer committed one of these articles between a lookup and the insert;
            # run again, the lookups now see it.
            if attempt == _TRIES - 1:
                raise
    raise AssertionError("unreachable")


async def _add_batch(
    db: asyncpg.Connection, batch: Sequence[SignedArticle], same_story: SameStory
) -> list[ArticleInfo | DuplicateArticle]:
    outcomes: list[ArticleInfo | DuplicateArticle | int] = []
    derived: dict[str, list[tuple[object, ...]]] = {
        "passages": [], "quotes": [], "speakers": [], "voices": []
    }  # fmt: skip
    for position, signed in enumerate(batch):
        new = signed.article
        row = await db.fetchrow(numbered(DUPLICATE_SQL), *duplicate_keys(new))
        if row is None:
            row = await _same_story(db, position, signed, same_story)
        if row is not None:
            outcomes.append(DuplicateArticle(int(row[0]), str(row[1])))
            continue
        article_id = await insert_article_row(db, new)
        await db.execute(
            "INSERT INTO story_signatures VALUES ($1, $2, $3)",
            article_id, signed.shingles, signed.signature,
        )  # fmt: skip
        await db.execute(
            "INSERT INTO story_bands SELECT $1, key, $2 FROM unnest($3::bigint[]) AS key"
            " ON CONFLICT DO NOTHING",
            new.guild_id, article_id, signed.bands,
        )  # fmt: skip
        await bump_version(db, new.guild_id)
        derived["passages"] += passage_rows(article_id, new.analysis)
        derived["quotes"] += quote_rows(article_id, new.analysis)
        derived["speakers"] += speaker_rows(article_id, new.guild_id, new.analysis)
        derived["voices"] += voice_rows(
            article_id, new.guild_id, new.meta, new.added_at, new.analysis
        )
        outcomes.append(article_id)
    for table, records in derived.items():
        if records:
            columns = VOICE_COLUMNS.split(", ") if table == "voices" else None
            await db.copy_records_to_table(table, records=records, columns=columns)
    stored = [o for o in outcomes if isinstance(o, int)]
    infos = {
        info.id: info
        for info in map(
            lambda row: ArticleInfo(*row),
            await db.fetch(
                f"SELECT {INFO_COLUMNS} FROM articles a WHERE a.id = ANY($1::bigint[])", stored
            ),
        )
    }
    return [infos[o] if isinstance(o, int) else o for o in outcomes]


async def _same_story(
    db: asyncpg.Connection, position: int, signed: SignedArticle, same_story: SameStory
) -> tuple[int, str] | None:
    marks = ", ".join("?" * len(signed.bands))
    candidates = await db.fetch(
        numbered(SIMILAR_SQL.format(marks=marks)), signed.article.guild_id, *signed.bands
    )
    found = same_story(position, StoredStories.of(candidates))
    if found is None:
        return None
    article_id = candidates[found][0]
    title = await db.fetchval("SELECT title FROM articles WHERE id = $1", article_id)
    return int(article_id), str(title)
