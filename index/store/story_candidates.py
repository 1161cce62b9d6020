"""A bulk import's near-duplicate candidates: the stored articles sharing a band key with each
new one, from the band index in the file or, once the import has stored enough, from a copy of
it in memory.

The query's cost grows with the library: unrelated stories share a band 0.3-0.5% of the time,
so each new article meets ~130 candidates at 30,000 articles and ~430 at 100,000, each a row
stepped through SQLite and into Python (0.3 ms an article at 30,000, and growing). The copy
finds the same ids by binary search in sorted arrays, in numpy.

The copy holds only while nothing but this import writes to the file. Each batch checks, with
the write lock held, that no other connection committed since its last commit (SQLite's
`data_version`) and that its own connection wrote nothing else (`total_changes`); otherwise the
copy is dropped and the query used. The copy is read from the file only after the import has
stored `READ_AFTER` articles by the query: reading it costs about what the query costs for
that many articles, whatever the library's size (both grow with it).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

import numpy as np

from index.answer.distinct import distinct
from index.store.base import StoredStories
from index.store.rows import similar_stories
from index.store.signature_cache import SignatureCache

READ_AFTER = 1_024  # articles an import stores by the query before it reads the band index
# Band rows added since the sorted arrays were last merged, past which they are merged in (a
# pass over the arrays: done every so many articles, not at every batch).
MERGE_MIN = 1 << 16
MERGE_SHARE = 16  # ... or past a sixteenth of the arrays, for a large library


class BandPostings:
    """One guild's band index in memory: (band key, article id) rows sorted, and the rows added
    since, merged in now and then.

    A key's rows are found through a directory of where each range of keys (their top bits)
    starts, a few rows each, rather than by binary search: 64 searches an article through
    3.2 million keys at 100,000 articles missed the CPU's caches at most steps (90 against
    38 us an article)."""

    def __init__(self, keys: np.ndarray, ids: np.ndarray) -> None:
        self._keys, self._ids = keys, ids  # int64, sorted by key then id
        self._directory()
        # Band key -> the id added since, or the ids when several: for `find`. Mostly one id,
        # an int (a list each made 640,000 lists at 20,000 articles: 3x the time, most of it
        # the garbage collector's).
        self._recent: dict[int, int | list[int]] = {}
        self._added: tuple[list[int], list[int]] = ([], [])  # the same as rows, for `_merge`

    @classmethod
    def read(cls, db: sqlite3.Connection, guild_id: int) -> BandPostings:
        """Read the guild's band rows (the primary key's order: by key, then article)."""
        rows = db.execute(
            "SELECT band_key, article_id FROM story_bands WHERE guild_id = ?"
            " ORDER BY band_key, article_id",
            (guild_id,),
        )
        pairs = np.fromiter(chain.from_iterable(rows), dtype=np.int64).reshape(-1, 2)
        return cls(np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1]))

    def _directory(self) -> None:
        """Index the sorted keys by their top `bits` bits (about four rows a range): `_starts[r]`
        is the first row of range r, `_starts[r + 1]` the row after its last."""
        self._bits = max(1, len(self._keys).bit_length() - 2)
        ranges = np.bincount(self._range(self._keys), minlength=1 << self._bits)
        self._starts = np.concatenate(([0], np.cumsum(ranges))).astype(np.int64)

    def _range(self, keys: np.ndarray) -> np.ndarray:
        """Return each key's directory range: its top bits, the signed keys' shifted to start at
        0 (so the ranges run in the keys' order)."""
        return (keys >> (64 - self._bits)) + (1 << (self._bits - 1))

    def find(self, bands: Sequence[int]) -> np.ndarray:
        """Return the distinct ids of the articles having any of these band keys, ascending."""
        keys = np.asarray(bands, dtype=np.int64)
        ranges = self._range(keys)
        starts = self._starts[ranges]
        counts = self._starts[ranges + 1] - starts
        # The positions of every range's rows, gathered at once rather than sliced key by key,
        # and of those the rows of the key itself.
        firsts = np.repeat(starts - (np.cumsum(counts) - counts), counts)
        places = firsts + np.arange(len(firsts))
        found = self._ids[places[self._keys[places] == np.repeat(keys, counts)]]
        get = self._recent.get
        if held := [ids for key in bands if (ids := get(key)) is not None]:
            recent = [i for ids in held for i in ((ids,) if isinstance(ids, int) else ids)]
            found = np.concatenate([found, np.array(recent, dtype=np.int64)])
        return distinct(found)

    def add(self, article_id: int, bands: Sequence[int]) -> None:
        """Take the band keys of an article just stored (its id above every id held)."""
        recent = self._recent
        for key in bands:
            found = recent.get(key)
            if found is None:
                recent[key] = article_id
            elif isinstance(found, int):
                recent[key] = [found, article_id]
            else:
                found.append(article_id)
        added_keys, added_ids = self._added
        added_keys += bands
        added_ids += [article_id] * len(bands)
        if len(added_keys) >= max(MERGE_MIN, len(self._keys) // MERGE_SHARE):
            self._merge()

    def _merge(self) -> None:
        keys, ids = (np.array(column, dtype=np.int64) for column in self._added)
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        # Each new row goes after the held rows of its key (the new ids are the greater) and
        # after the new rows before it: one pass over the arrays.
        places = np.searchsorted(self._keys, keys, side="right") + np.arange(len(keys))
        held = np.ones(len(self._keys) + len(keys), dtype=bool)
        held[places] = False
        self._keys = _joined(self._keys, keys, places, held)
        self._ids = _joined(self._ids, ids, places, held)
        self._directory()
        self._recent, self._added = {}, ([], [])


def _joined(held: np.ndarray, new: np.ndarray, places: np.ndarray, kept: np.ndarray) -> np.ndarray:
    joined = np.empty(len(kept), dtype=held.dtype)
    joined[places] = new
    joined[kept] = held
    return joined


class StoryCandidates:
    """Where a bulk import's batches find their candidates: the query, or the copy in memory
    while it holds. `begin` after the transaction starts, `add` each article stored,
    `committed` or `abandoned` when it ends."""

    def __init__(self) -> None:
        self.signatures = SignatureCache()
        self._postings: dict[int, BandPostings] = {}
        self._queried = Counter[int]()  # articles stored by the query since a guild's copy went
        self._after_commit: tuple[int, int] | None = None

    def begin(self, db: sqlite3.Connection, guild_ids: Iterable[int]) -> None:
        """Check that the copies still hold (anyone else writing drops them); read a guild's once
        the import has stored enough of its articles by the query."""
        if _written(db) != self._after_commit:
            self._postings.clear()
        for guild_id in guild_ids:
            if guild_id not in self._postings and self._queried[guild_id] >= READ_AFTER:
                self._postings[guild_id] = BandPostings.read(db, guild_id)
                self._queried[guild_id] = 0

    def find(
        self,
        db: sqlite3.Connection,
        guild_id: int,
        bands: Sequence[int],
        before_query: Callable[[], None] = lambda: None,
    ) -> StoredStories:
        """Return the signatures of the guild's articles sharing a band, oldest first (those of
        `rows.similar_stories`); `before_query` is called before the story tables are read
        (the batch's own rows are written then: the copy has them all along)."""
        postings = self._postings.get(guild_id)
        if postings is None:
            before_query()
            return self.signatures.candidates(db, guild_id, bands)
        # The signatures of the batch's articles are kept (those of another size are not, and
        # then the query reads them all).
        stories = self.signatures.stories(db, postings.find(bands))
        if stories is not None:
            return stories
        before_query()
        return similar_stories(db, guild_id, bands)

    def add(
        self, guild_id: int, article_id: int, shingles: int, signature: bytes, bands: list[int]
    ) -> None:
        """Take an article just stored with its signature and band keys (in the transaction)."""
        self.signatures.keep(article_id, shingles, signature)
        postings = self._postings.get(guild_id)
        if postings is None:
            self._queried[guild_id] += 1
        else:
            postings.add(article_id, bands)

    def committed(self, db: sqlite3.Connection) -> None:
        """Note the transaction committed: what the file holds is what the copies hold."""
        self._after_commit = _written(db)

    def abandoned(self) -> None:
        """Forget everything (the transaction rolled back: its ids will be given out again)."""
        self.signatures.clear()
        self._postings.clear()
        self._after_commit = None


def _written(db: sqlite3.Connection) -> tuple[int, int]:
    """Return what changes when the file is written: by another connection, by this one."""
    (version,) = db.execute("PRAGMA data_version").fetchone()
    return int(version), db.total_changes
