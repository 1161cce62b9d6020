"""Building a guild index batch by batch, and as a bulk import stores its articles.

A build holds term counts and quote columns, never every article's text at once. An import
feeds it each article as it is stored (text and analysis are in hand then), so when the import
ends the index needs no second read of the library: the rows are put in the library's order,
weighted once and saved. What the build gives is the same index a fresh build from the store
gives (passage_build.py keeps order and term ids); a crash mid-import leaves no index files for
what it added, and the next question rebuilds from the articles stored: read back oldest first
and fed to the same build, which gives the import's index files byte for byte (`rebuild`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import Future
from functools import partial
from pathlib import Path

import numpy as np

from index import cpu
from index.answer.appended import AppendedArrays
from index.answer.guild_index import GuildIndex
from index.answer.heap import give_back_freed_heap
from index.answer.mapped import is_mapped, release
from index.answer.passage_build import CountedPassages, PassageBuilder
from index.answer.passages import passages_of
from index.answer.quote_columns import ColumnWriter, QuoteColumns
from index.answer.shelf import ArticleShelf
from index.models import Article, ArticleInfo
from index.store.base import Store

log = logging.getLogger(__name__)

# Articles read and indexed at a time when building: bounds the texts held at once.
BUILD_BATCH = 2_000
# Articles an import holds (text and analysis) before indexing them: analyses are large.
IMPORT_BATCH = 250


class Build:
    """An index built batch by batch: term counts and quote columns, never all texts at once."""

    def __init__(self, spill: AppendedArrays | None = None) -> None:
        """`spill`: files the batches' counts and columns are appended to, not kept in memory."""
        self._passages = PassageBuilder(spill)
        self._columns = ColumnWriter(spill=spill)
        self._infos: dict[int, ArticleInfo] = {}
        # The arrays of the index built that are mapped from the spill files, for the cache to
        # give their pages back as it does a saved index's (Saved.mapped): set by `done`.
        self.mapped: tuple[np.ndarray, ...] = ()

    @property
    def covered(self) -> set[int]:
        """Return the ids of the articles added so far."""
        return set(self._infos)

    def add(self, articles: list[Article], counted: list[CountedPassages] | None = None) -> None:
        """Count the passages and column the quotes of some articles (each once); `counted`:
        their passages counted already (`count_passages`), one for each article."""
        if counted is None:
            self._passages.add(*passages_of(articles))
        else:
            self._passages.add_counted([(a.id, c) for a, c in zip(articles, counted, strict=True)])
        self._columns.add(
            {a.id: a.analysis.quotes for a in articles},
            {a.id: a.analysis.speakers for a in articles},
        )
        self._infos.update((a.id, a.info) for a in articles)

    def done(
        self,
        store: Store,
        guild_id: int,
        version: int,
        infos: Sequence[ArticleInfo] | None = None,
    ) -> GuildIndex:
        """Return the index of every article added, in the order `infos` gives (the store's,
        newest first; else the order they were added in)."""
        arrays = self._columns.arrays()
        columns = QuoteColumns(arrays)
        release(*arrays.values())  # mapped from spill files: the checks read them whole
        if infos is None:
            known = self._infos
            passages = self._passages.build()
        else:
            known = {info.id: info for info in infos}
            passages = self._passages.build(list(known))
        self.mapped = tuple(a for a in (*arrays.values(), *passages.arrays()) if is_mapped(a))
        shelf = ArticleShelf(
            known,
            partial(store.read_article, guild_id),
            read_text=partial(store.read_text, guild_id),
            read_many=partial(store.read_articles, guild_id),
            read_texts=partial(store.read_texts, guild_id),
        )
        return GuildIndex.from_columns(guild_id, version, known, columns, passages, shelf)


def _added(build: Build, batch: list[Article], counted: list[CountedPassages] | None) -> None:
    """Add a batch to a build and let it go here, on the worker thread, not on the loop."""
    build.add(batch, counted)
    batch.clear()


class ImportBuild:
    """The index of one guild built as its articles arrive: while a bulk import stores them,
    or as a rebuild reads them back from the store (`rebuild`), in the same batches."""

    def __init__(self, guild_id: int, folder: Path | None = None) -> None:
        """`folder`: where the batches go to files as they are indexed (the index folder, so
        that the save links them), instead of staying in memory until the import ends: at
        100,000 articles they were most of what the import held."""
        self.guild_id = guild_id
        self._spill = None
        if folder is not None:
            try:
                self._spill = AppendedArrays(folder, f".import-{guild_id}-")
            except OSError as error:  # a folder not writable: the batches are held in memory
                log.warning("index batches of guild %s kept in memory: %s", guild_id, error)
        self._build = Build(self._spill)
        self._pending: list[Article] = []
        self._counted: list[CountedPassages] = []  # of each pending article, when all have it
        self._indexing: Future[None] | None = None  # the batch being indexed, not waited for

    @property
    def mapped(self) -> tuple[np.ndarray, ...]:
        """The finished index's arrays mapped from this build's files (none before `finish`):
        they stay readable once the files are removed (a mapped file lives while mapped)."""
        return self._build.mapped

    async def add(self, article: Article, counted: CountedPassages | None = None) -> None:
        """Take a stored article (its passages counted already when `counted` is given); index
        the held ones off the event loop once enough wait."""
        # A batch is counted here or comes counted, all of it: flush when the article differs.
        if self._pending and (counted is not None) != (len(self._counted) == len(self._pending)):
            await self._flush()
        self._pending.append(article)
        if counted is not None:
            self._counted.append(counted)
        if len(self._pending) >= IMPORT_BATCH:
            await self._flush()

    async def _flush(self) -> None:
        batch, self._pending = self._pending, []
        counted, self._counted = self._counted, []
        await self._indexed()  # a batch at a time, in order
        if batch:
            # Indexed on the CPU thread while the import goes on to store the next articles:
            # SQLite lets go of the interpreter lock as it writes, so the two overlap.
            self._indexing = cpu.start(
                _added, self._build, batch, counted if len(counted) == len(batch) else None
            )

    async def _indexed(self) -> None:
        """Wait for the batch being indexed (raising what it raised)."""
        if self._indexing is not None:
            indexing, self._indexing = self._indexing, None
            await asyncio.wrap_future(indexing)

    async def add_stored(self, articles: list[Article]) -> None:
        """Take articles read back from the store, oldest first, as the import took them. The
        list is emptied on the worker thread, so that the articles are freed there: freeing
        2,000 articles' objects took 50 ms on the event loop."""
        articles.sort(key=lambda a: a.id)
        for article in articles:
            await self.add(article)
        await cpu.run(articles.clear)

    async def finish(self, store: Store) -> GuildIndex | None:
        """Return the guild's whole index at its stored version, reading only the articles
        the import did not add; None when a rebuild or a patch is the cheaper way (most of
        the library was there before) or when an imported article was removed meanwhile."""
        await self._flush()
        await self._indexed()
        guild_id = self.guild_id
        version = await store.version(guild_id)
        infos = await store.article_infos(guild_id)  # newest first
        covered, missing, removed = await cpu.run(self._changes, infos)  # 10^5 ids: off the loop
        if not covered or removed or len(missing) > covered:  # nothing added: no gain either
            return None
        for at in range(0, len(missing), BUILD_BATCH):
            articles = await store.load_articles(guild_id, missing[at : at + BUILD_BATCH])
            await cpu.run(self._build.add, articles)
        return await cpu.run(self._build.done, store, guild_id, version, infos)

    def _changes(self, infos: Sequence[ArticleInfo]) -> tuple[int, list[int], bool]:
        """(articles added, ids of those stored but not added, whether one added is gone)."""
        covered = self._build.covered
        missing = [info.id for info in infos if info.id not in covered]
        return len(covered), missing, len(covered) + len(missing) > len(infos)

    def remove(self) -> None:
        """Delete the spill files (once the index is saved, or dropped): an index kept in
        memory still reads its arrays mapped from them; after the batch being indexed, if
        any, is done writing to them)."""
        spill, indexing = self._spill, self._indexing
        if spill is None:
            return
        if indexing is None:
            spill.remove()
        else:
            indexing.add_done_callback(lambda _: spill.remove())
        give_back_freed_heap()  # what the build and the save freed (its batches' many blocks)


async def rebuild(
    store: Store, guild_id: int, folder: Path | None
) -> tuple[GuildIndex, ImportBuild]:
    """Build a guild's whole index from its stored articles as an import builds it: read in
    batches oldest first (their stored passages, quotes and speakers: nothing analysed again),
    indexed as they come, with the batches in files in `folder` when the guild fills more than
    one batch. Return the index and its build, whose files the caller removes once the index
    is saved (the save links them). The same files as the import's, byte for byte: the same
    batches in the same order. A rebuild held all its batches in memory (2.8 GB at 100,000
    articles); this holds one and the terms' numbers."""
    while True:
        ids = await store.article_ids(guild_id)  # oldest first
        # A guild read in one batch is built in memory: files would cost more than they spare.
        build = ImportBuild(guild_id, folder if len(ids) > BUILD_BATCH else None)
        try:
            for at in range(0, len(ids), BUILD_BATCH):
                batch = await store.load_articles(guild_id, ids[at : at + BUILD_BATCH])
                await build.add_stored(batch)
            if not ids:  # no article: the empty index, made as any other
                version = await store.version(guild_id)
                return await cpu.run(Build().done, store, guild_id, version, []), build
            index = await build.finish(store)
        except BaseException:
            build.remove()
            raise
        if index is not None:
            return index, build
        # An article was removed while the others were read: read them again.
        await asyncio.to_thread(build.remove)
        log.info("an article of guild %s was removed as its index was built; again", guild_id)
