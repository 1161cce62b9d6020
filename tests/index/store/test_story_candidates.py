"""A bulk import's near-duplicate candidates from memory are the query's, batch after batch, and
the copy in memory is dropped whenever anything else writes to the file."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from index.store import story_candidates
from index.store.rows import similar_stories
from index.store.story_candidates import BandPostings, StoryCandidates

GUILD = 7


def _library(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(
        "PRAGMA journal_mode = WAL;"
        "CREATE TABLE story_signatures (article_id INTEGER PRIMARY KEY, shingles INTEGER,"
        " signature BLOB);"
        "CREATE TABLE story_bands (guild_id INTEGER, band_key INTEGER, article_id INTEGER,"
        " PRIMARY KEY (guild_id, band_key, article_id)) WITHOUT ROWID;"
    )
    return db


def _store(db: sqlite3.Connection, candidates: StoryCandidates | None, guild: int, article: int,
           bands: list[int]) -> None:  # fmt: skip
    signature = bytes([article % 251]) * 512
    db.execute("INSERT INTO story_signatures VALUES (?, ?, ?)", (article, 20 + article, signature))
    db.executemany("INSERT OR IGNORE INTO story_bands VALUES (?, ?, ?)",
                   [(guild, key, article) for key in bands])  # fmt: skip
    if candidates is not None:
        candidates.add(guild, article, 20 + article, signature, bands)


def _same(db: sqlite3.Connection, candidates: StoryCandidates, bands: list[int]) -> None:
    found, queried = candidates.find(db, GUILD, bands), similar_stories(db, GUILD, bands)
    assert found.ids.tolist() == queried.ids.tolist()
    assert found.shingles.tolist() == queried.shingles.tolist()
    assert found.values.tobytes() == queried.values.tobytes()  # no candidate: any empty shape


def test_candidates_from_memory_are_the_query_s_through_batches_and_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(story_candidates, "READ_AFTER", 10)
    monkeypatch.setattr(story_candidates, "MERGE_MIN", 50)  # merged every few articles
    db = _library(tmp_path / "lib.db")
    rng = random.Random(5)
    keys = list(range(40))  # few keys: many articles share each
    candidates = StoryCandidates()
    article = 0
    for batch in range(8):
        db.execute("BEGIN IMMEDIATE")
        candidates.begin(db, {GUILD})
        for _ in range(6):
            article += 1
            bands = [*rng.sample(keys, 4), 1000 + article]
            _same(db, candidates, bands)
            guild = GUILD if article % 5 else GUILD + 1  # another guild's rows share keys
            _store(db, candidates, guild, article, bands)
            _same(db, candidates, bands)  # the batch's own articles are candidates at once
        db.execute("COMMIT")
        candidates.committed(db)
        assert (GUILD in candidates._postings) == (batch >= 2)  # read after 10 stored
    _same(db, candidates, [])
    _same(db, candidates, [999_999])


@pytest.mark.parametrize("writer", ["another connection", "this connection"])
def test_the_copy_is_dropped_when_anything_else_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    monkeypatch.setattr(story_candidates, "READ_AFTER", 1)
    db = _library(tmp_path / "lib.db")
    candidates = StoryCandidates()
    for article in (1, 2):
        db.execute("BEGIN IMMEDIATE")
        candidates.begin(db, {GUILD})
        _store(db, candidates, GUILD, article, [5, 100 + article])
        db.execute("COMMIT")
        candidates.committed(db)
    assert GUILD in candidates._postings
    other = sqlite3.connect(tmp_path / "lib.db", isolation_level=None)
    (other if writer == "another connection" else db).execute(
        "DELETE FROM story_bands WHERE article_id = 1"
    )
    db.execute("BEGIN IMMEDIATE")
    candidates.begin(db, {GUILD})
    assert GUILD not in candidates._postings  # the query again, until enough are stored by it
    assert candidates.find(db, GUILD, [5]).ids.tolist() == [2]
    db.execute("COMMIT")
    candidates.committed(db)


def test_a_rolled_back_batch_is_forgotten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_candidates, "READ_AFTER", 1)
    db = _library(tmp_path / "lib.db")
    candidates = StoryCandidates()
    db.execute("BEGIN IMMEDIATE")
    candidates.begin(db, {GUILD})
    _store(db, candidates, GUILD, 1, [5])
    db.execute("COMMIT")
    candidates.committed(db)
    db.execute("BEGIN IMMEDIATE")
    candidates.begin(db, {GUILD})
    _store(db, candidates, GUILD, 2, [5])
    db.execute("ROLLBACK")
    candidates.abandoned()
    # Id 2 is given out again, to another signature: read from the file, not remembered.
    db.execute("BEGIN IMMEDIATE")
    candidates.begin(db, {GUILD})
    db.execute("INSERT INTO story_signatures VALUES (2, 99, ?)", (bytes([9]) * 512,))
    db.execute("INSERT INTO story_bands VALUES (?, 5, 2)", (GUILD,))
    _same(db, candidates, [5])
    db.execute("COMMIT")


def test_merged_rows_are_in_key_then_id_order() -> None:
    postings = BandPostings(np.array([1, 1, 3, 9], dtype=np.int64), np.array([1, 4, 2, 3]))
    for article, bands in ((5, [3, 1, 0]), (6, [9, 1]), (7, [1, 12])):
        postings.add(article, bands)
    assert postings.find([1]).tolist() == [1, 4, 5, 6, 7]
    postings._merge()
    assert postings._keys.tolist() == [0, 1, 1, 1, 1, 1, 3, 3, 9, 9, 12]
    assert postings._ids.tolist() == [5, 1, 4, 5, 6, 7, 2, 5, 3, 6, 7]
    assert postings.find([12, 0, 9]).tolist() == [3, 5, 6, 7]


def test_find_gives_every_row_of_the_keys_asked_whatever_their_bits() -> None:
    rng = np.random.default_rng(7)
    # Keys at both ends of int64, in runs of one key, and spread: the directory's ranges hold
    # several keys, none, or one key's many rows.
    keys = np.concatenate([rng.integers(-(2**63), 2**63 - 1, 5_000, dtype=np.int64),
                           np.array([-(2**63), 2**63 - 1, 0, -1] * 50, dtype=np.int64)])  # fmt: skip
    ids = rng.integers(1, 10_000, len(keys))
    order = np.lexsort((ids, keys))
    postings = BandPostings(keys[order], ids[order])
    asked = [*keys[:40].tolist(), -(2**63), 2**63 - 1, 0, -1, 12345]
    expected = sorted({int(i) for k, i in zip(keys, ids, strict=True) if k in set(asked)})
    assert postings.find(asked).tolist() == expected
    assert postings.find([12345]).tolist() == []
