"""The story signatures a bulk import compares with, kept in memory by article id.

Each imported article is compared with every stored one sharing a band key with it, and
unrelated stories share one 0.3% of the time: at 100,000 articles that is ~400 candidates an
article, and reading their signatures (a primary-key look-up and a 512-byte row each) took
10 ms an article, most of what the import's own process spent at the end. Here a signature is
read from the file once, when an id is first met, or kept as the import stores it, then taken
from memory. A signature never changes and a committed id is never given to another article
(migration 0003), so what is kept stays true; an article removed meanwhile is no longer a
candidate (its band rows go with it). A rolled-back transaction's ids are given out again: its
signatures are forgotten (`clear`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from index.store.base import StoredStories
from index.store.rows import MAX_IDS, similar_stories

SIGNATURE_BYTES = 512  # 128 little-endian uint32 MinHash values
# Ids are looked up in an array indexed by id (no Python object per candidate): those above this
# (never given out by one library's sequence in practice) are read by the query instead.
MAX_KEPT_ID = 1 << 24
CANDIDATES_SQL = (
    "SELECT DISTINCT article_id FROM story_bands WHERE guild_id = ? AND band_key IN ({marks})"
    " ORDER BY article_id"
)


class SignatureCache:
    """Signatures (shingle count, bytes) by article id, read from the file once each."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Forget every signature kept."""
        self._kept = 0
        self._row_of = np.full(1024, -1, dtype=np.int32)  # article id -> its row below, or -1
        self._bytes = np.zeros((1024, SIGNATURE_BYTES), dtype=np.uint8)
        self._shingles = np.zeros(1024, dtype=np.int64)

    def candidates(
        self, db: sqlite3.Connection, guild_id: int, bands: Sequence[int]
    ) -> StoredStories:
        """Return the signatures of the guild's articles sharing a band, oldest first: those of
        `rows.similar_stories`, their ids from the band index, gathered from the kept arrays."""
        marks = ", ".join("?" * len(bands))
        found = db.execute(CANDIDATES_SQL.format(marks=marks), (guild_id, *bands)).fetchall()
        ids = np.array([i for (i,) in found], dtype=np.int64)
        stories = self.stories(db, ids)
        # A signature of another size: as the query reads it.
        return similar_stories(db, guild_id, bands) if stories is None else stories

    def stories(self, db: sqlite3.Connection, ids: np.ndarray) -> StoredStories | None:
        """Return the signatures of these articles (int64 ids, in the order wanted), reading
        those not kept yet; None when one is missing or of another size."""
        rows = self._rows(ids)
        if (rows < 0).any():
            self._read(db, ids[rows < 0].tolist())
            rows = self._rows(ids)
            if (rows < 0).any():
                return None
        # A copy, rows the cache's growth cannot move; `take` copies whole rows at once, where
        # indexing steps through them a byte at a time.
        values = np.take(self._bytes, rows, axis=0).view("<u4")
        return StoredStories(ids, self._shingles[rows], values)

    def keep(self, article_id: int, shingles: int, data: bytes) -> None:
        """Keep the signature of an article being stored (a signature of another size is read
        from the file, as before)."""
        if len(data) == SIGNATURE_BYTES:
            self._keep(article_id, shingles, data)

    def _rows(self, ids: np.ndarray) -> np.ndarray:
        known = (ids >= 0) & (ids < len(self._row_of))
        if known.all():
            return self._row_of[ids]
        return np.where(known, self._row_of[np.where(known, ids, 0)], -1)

    def _read(self, db: sqlite3.Connection, missing: list[int]) -> None:
        """Read the signatures of ids not kept yet."""
        for start in range(0, len(missing), MAX_IDS):
            part = missing[start : start + MAX_IDS]
            marks = ", ".join("?" * len(part))
            for article_id, shingles, data in db.execute(
                f"SELECT article_id, shingles, signature FROM story_signatures"
                f" WHERE article_id IN ({marks})",
                part,
            ):
                if len(data) == SIGNATURE_BYTES:
                    self._keep(article_id, shingles, data)

    def _keep(self, article_id: int, shingles: int, data: bytes) -> None:
        if not 0 <= article_id < MAX_KEPT_ID:
            return
        if article_id >= len(self._row_of):  # grown by doubling: a copy now and then
            grown = np.full(max(2 * len(self._row_of), article_id + 1), -1, dtype=np.int32)
            grown[: len(self._row_of)] = self._row_of
            self._row_of = grown
        row = self._row_of[article_id]
        if row < 0:
            row = self._kept
            if row == len(self._shingles):  # full: doubled, as the ids above
                self._bytes = np.concatenate([self._bytes, np.zeros_like(self._bytes)])
                self._shingles = np.concatenate([self._shingles, np.zeros_like(self._shingles)])
            self._kept += 1
            self._row_of[article_id] = row
        self._bytes[row] = np.frombuffer(data, dtype=np.uint8)
        self._shingles[row] = shingles
