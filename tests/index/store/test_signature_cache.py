"""A bulk import's near-duplicate candidates come from memory once read, as the query gives them."""

from __future__ import annotations

import sqlite3

import pytest

from index.store.base import StoredStories
from index.store.rows import similar
from index.store.signature_cache import SignatureCache

GUILD = 7


def _library() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE story_signatures (article_id INTEGER PRIMARY KEY, shingles INTEGER,"
        " signature BLOB);"
        "CREATE TABLE story_bands (guild_id INTEGER, band_key INTEGER, article_id INTEGER,"
        " PRIMARY KEY (guild_id, band_key, article_id)) WITHOUT ROWID;"
    )
    for article in range(1, 40):
        db.execute(
            "INSERT INTO story_signatures VALUES (?, ?, ?)",
            (article, 20 + article, bytes([article % 251]) * 512),
        )
        guild = GUILD if article % 5 else GUILD + 1  # another guild's articles share keys
        for key in (article % 3, 10 + article % 4, 100 + article):
            db.execute("INSERT INTO story_bands VALUES (?, ?, ?)", (guild, key, article))
    return db


def test_candidates_are_the_query_s_rows_and_each_signature_is_read_once() -> None:
    db = _library()
    reads: list[str] = []
    db.set_trace_callback(lambda sql: reads.append(sql) if "FROM story_signatures" in sql else None)
    cache = SignatureCache()
    read_again = []
    for bands in ([0, 11], [1, 12, 105], [2], [999], [1, 2, 0, 10, 11, 12, 13], [0, 11]):
        expected = similar(db, GUILD, bands)
        reads.clear()
        assert _rows(cache.candidates(db, GUILD, bands)) == expected
        read_again.append(len(reads))
    # [0, 11] read its candidates; the last asks for them again and reads none.
    assert read_again[0] == 1 and read_again[-1] == 0
    db.execute("INSERT INTO story_signatures VALUES (40, 60, x'00')")  # not 512 bytes
    db.executemany("INSERT INTO story_bands VALUES (?, 500, ?)", [(GUILD, 38), (GUILD, 40)])
    with pytest.raises(ValueError, match="buffer size"):  # as the query reads: rows of two sizes
        cache.candidates(db, GUILD, [500])


def _rows(stories: StoredStories) -> list[tuple[int, int, bytes]]:
    """The stories as the similar-stories query's rows."""
    found = zip(stories.ids.tolist(), stories.shingles.tolist(), stories.values, strict=True)
    return [(i, n, values.astype("<u4").tobytes()) for i, n, values in found]
