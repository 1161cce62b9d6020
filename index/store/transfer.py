"""Copy a SQLite library into PostgreSQL: `articlebot migrate --from sqlite:///x.db --to URL`.

Rows are copied as they are (ids, stored analysis, dates), so every `#id` users know still
names the same article and nothing is re-analysed. Articles go over in batches by id, each
batch with its passages, quotes and speakers in one transaction through COPY, so an
interrupted run leaves whole articles, and running it again carries on after the last one.
Guild versions and index snapshots follow; the end compares row counts table by table (and
`maintenance.migrate` then carries the saved index files over).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.errors import DatabaseUnavailable
from index.store.open import describe, is_postgres_url, open_store, sqlite_path

BATCH = 500  # articles per transaction
ARTICLE_TABLES = {
    "articles": (
        "id", "guild_id", "external_id", "title", "url", "url_key", "outlet", "author",
        "published", "added_by", "added_at", "content_hash", "text",
    ),
    "passages": ("article_id", "idx", "start", "end", "furniture", "sentences"),
    "quotes": (
        "article_id", "idx", "start", "end", "kind", "statement", "speaker", "role", "mention",
        "mention_start", "mention_end", "cue",
    ),
    "speakers": ("article_id", "guild_id", "name", "role", "aliases", "statements"),
    "story_signatures": ("article_id", "shingles", "signature"),
    "story_bands": ("guild_id", "band_key", "article_id"),
    "voices": (
        "article_id", "guild_id", "person", "name", "role", "day", "site", "quoted", "reported",
    ),
}  # fmt: skip
GUILD_TABLES = {
    "guild_versions": ("guild_id", "version"),
    "index_snapshots": ("guild_id", "version", "article_ids", "data"),
}
# Feed subscriptions, seen items and watched channels (migration 0005), with the key a re-run
# conflicts on, so that it adds nothing twice.
FEED_TABLES = {
    "feeds": ((
        "id", "guild_id", "url", "url_key", "channel_id", "title", "added_by", "added_at",
        "interval_s", "etag", "last_modified", "polled", "next_poll_at", "failures",
        "failing_since", "last_error", "last_success",
    ), "id"),
    "feed_items": (("guild_id", "item_key", "feed_id", "article_id", "seen_at"), "guild_id, item_key"),
    "watched_channels": (("guild_id", "channel_id", "added_by", "added_at"), "guild_id, channel_id"),
}  # fmt: skip
COUNTED = (*ARTICLE_TABLES, *GUILD_TABLES, *FEED_TABLES)


@dataclass(frozen=True, slots=True)
class Migration:
    """What was copied: rows per table in the source and in the target afterwards."""

    source: dict[str, int]
    target: dict[str, int]
    copied: int  # articles copied by this run (fewer than all when resuming)
    indexed: tuple[int, ...] = ()  # guilds whose saved index went over with the rows

    @property
    def ok(self) -> bool:
        """Tell whether every table holds as many rows in the target as in the source."""
        return self.source == self.target

    def describe(self) -> str:
        """Render the copy count and the per-table comparison, one line per table."""
        lines = [
            f"  {table:<16} {self.source[table]:>10,} → {self.target[table]:>10,}"
            f"  {'ok' if self.source[table] == self.target[table] else 'MISMATCH'}"
            for table in COUNTED
        ]
        verdict = "count check passed" if self.ok else "count check FAILED"
        if self.indexed:
            lines.append(
                f"saved index of {len(self.indexed):,} guild(s) carried over: the first"
                " question does not rebuild it"
            )
        return "\n".join([f"{self.copied:,} articles copied; {verdict}:", *lines])


async def copy_library(
    source: str,
    target: str,
    *,
    on_start: Callable[[int], object] | None = None,
    on_batch: Callable[[int], object] | None = None,
) -> Migration:
    """Copy the SQLite library at `source` into the PostgreSQL database at `target`."""
    if is_postgres_url(source) or not is_postgres_url(target):
        raise DatabaseUnavailable(
            "migrate copies a SQLite library (--from sqlite:///path or a file) into "
            "PostgreSQL (--to postgresql://…)."
        )
    path = sqlite_path(source)
    _check_file(path)  # before opening it, which would create it
    for store in (await open_store(path), await open_store(target)):  # both at the latest schema
        await store.close()

    import asyncpg  # only here: the driver is optional

    reader = _read_only(path)
    writer = await asyncpg.connect(target)
    try:
        done = int(await writer.fetchval("SELECT coalesce(max(id), 0) FROM articles"))
        ids = [row[0] for row in reader.execute("SELECT id FROM articles WHERE id > ? ORDER BY id", (done,))]
        if on_start:
            on_start(len(ids))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            rows = await asyncio.to_thread(_read_batch, reader, batch[0], batch[-1])
            async with writer.transaction():
                for table, columns in ARTICLE_TABLES.items():
                    await writer.copy_records_to_table(table, records=rows[table], columns=columns)
            if on_batch:
                on_batch(len(batch))
        async with writer.transaction():
            await _copy_guild_tables(reader, writer)
            await _copy_feed_tables(reader, writer)
            # Ids were copied as they were: new articles must be numbered after them.
            await writer.execute(
                "SELECT setval(pg_get_serial_sequence('articles', 'id'),"
                " greatest((SELECT max(id) FROM articles), 1))"
            )
        source_counts = {t: _count_sqlite(reader, t) for t in COUNTED}
        target_counts = {
            t: int(await writer.fetchval(f"SELECT count(*) FROM {t}")) for t in COUNTED
        }
    except (OSError, asyncpg.PostgresError) as error:
        raise DatabaseUnavailable(f"Migration to {describe(target)} failed: {error}") from error
    finally:
        reader.close()
        await writer.close()
    return Migration(source_counts, target_counts, len(ids))


def _check_file(path: str) -> None:
    if not Path(path).is_file():
        raise DatabaseUnavailable(f"No SQLite library at {path}.")


def _read_only(path: str) -> sqlite3.Connection:
    # Used from worker threads one batch at a time, never two at once.
    return sqlite3.connect(
        f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )


def _read_batch(reader: sqlite3.Connection, first: int, last: int) -> dict[str, list[tuple[object, ...]]]:
    rows = {}
    for table, columns in ARTICLE_TABLES.items():
        key = "id" if table == "articles" else "article_id"
        names = ", ".join(f'"{c}"' for c in columns)
        rows[table] = reader.execute(
            f"SELECT {names} FROM {table} WHERE {key} BETWEEN ? AND ? ORDER BY {key}",
            (first, last),
        ).fetchall()
    return rows


async def _copy_guild_tables(reader: sqlite3.Connection, writer: object) -> None:
    for table, columns in GUILD_TABLES.items():
        names = ", ".join(columns)
        rows = reader.execute(f"SELECT {names} FROM {table}").fetchall()
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        await writer.executemany(  # type: ignore[attr-defined]
            f"INSERT INTO {table} ({names}) VALUES ({marks})"
            f" ON CONFLICT (guild_id) DO UPDATE SET {updates}",
            [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows],
        )


async def _copy_feed_tables(reader: sqlite3.Connection, writer: object) -> None:
    for table, (columns, key) in FEED_TABLES.items():
        names = ", ".join(columns)
        rows = reader.execute(f"SELECT {names} FROM {table}").fetchall()
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        await writer.executemany(  # type: ignore[attr-defined]
            f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({key}) DO NOTHING", rows
        )
    await writer.execute(  # type: ignore[attr-defined]
        "SELECT setval(pg_get_serial_sequence('feeds', 'id'),"
        " greatest((SELECT max(id) FROM feeds), 1))"
    )


def _count_sqlite(reader: sqlite3.Connection, table: str) -> int:
    return int(reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
