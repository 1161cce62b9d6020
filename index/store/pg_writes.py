"""Writing one article to PostgreSQL (a bulk import's batch: pg_batch.py)."""

from __future__ import annotations

import re

import asyncpg

from index.models import Analysis
from index.store.rows import (
    passage_rows,
    quote_rows,
    speaker_rows,
)


def numbered(sql: str) -> str:
    """Write `?` marks as asyncpg's numbered ones ($1, $2, …)."""
    count = iter(range(1, sql.count("?") + 1))
    return re.sub(r"\?", lambda _: f"${next(count)}", sql)


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
