"""The story signatures a bulk import compares with, kept in memory by article id.

Each imported article is compared with every stored one sharing a band key with it, and
unrelated stories share one 0.3% of the time: at 100,000 articles that is ~400 candidates an
article, and reading their signatures (a primary-key look-up and a 512-byte row each) took
10 ms an article, most of what the import's own process spent at the end. Here the candidates'
ids still come from the band index; a signature is read from the file once, when an id is
first met, then from memory. A signature never changes and an id is never given to another
article (migration 0003), so what is kept stays true; an article removed meanwhile loses its
band rows and is no longer a candidate.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from index.store.base import StoredStories
from index.store.rows import MAX_IDS, similar_stories

SIGNATURE_BYTES = 512  # 128 little-endian uint32 MinHash values
CANDIDATES_SQL = (
    "SELECT DISTINCT article_id FROM story_bands WHERE guild_id = ? AND band_key IN ({marks})"
    " ORDER BY article_id"
)


class SignatureCache:
    """Signatures (shingle count, bytes) by article id, read from the file once each."""

    def __init__(self) -> None:
        self._at: dict[int, int] = {}  # article id -> its row below
        self._bytes = np.zeros((1024, SIGNATURE_BYTES), dtype=np.uint8)
        self._shingles = np.zeros(1024, dtype=np.int64)

    def candidates(
        self, db: sqlite3.Connection, guild_id: int, bands: Sequence[int]
    ) -> StoredStories:
        """Return the signatures of the guild's articles sharing a band, oldest first: those of
        `rows.similar_stories`, gathered from the kept arrays (no object per candidate)."""
        marks = ", ".join("?" * len(bands))
        ids = [i for (i,) in db.execute(CANDIDATES_SQL.format(marks=marks), (guild_id, *bands))]
        at = self._at
        self._read(db, [i for i in ids if i not in at])
        if not all(i in at for i in ids):  # a signature of another size: as the query reads it
            return similar_stories(db, guild_id, bands)
        rows = np.fromiter(map(at.__getitem__, ids), dtype=np.int64, count=len(ids))
        values = self._bytes[rows].view("<u4")  # a copy: rows the cache's growth cannot move
        return StoredStories(np.array(ids, dtype=np.int64), self._shingles[rows], values)

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
        row = len(self._at)
        if row == len(self._shingles):  # full: doubled, so growing costs a copy now and then
            self._bytes = np.concatenate([self._bytes, np.zeros_like(self._bytes)])
            self._shingles = np.concatenate([self._shingles, np.zeros_like(self._shingles)])
        self._bytes[row] = np.frombuffer(data, dtype=np.uint8)
        self._shingles[row] = shingles
        self._at[article_id] = row
