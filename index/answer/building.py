"""Building a guild index batch by batch, and as a bulk import stores its articles.

A build holds term counts and quote columns, never every article's text at once. An import
feeds it each article as it is stored (text and analysis are in hand then), so when the import
ends the index needs no second read of the library: the rows are put in the library's order,
weighted once and saved. What the build gives is the same index a fresh build from the store
gives (passage_build.py keeps order and term ids); a crash mid-import leaves no index files for
what it added, and the next question rebuilds from the articles stored.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from index import cpu
from index.answer.appended import AppendedArrays
from index.answer.guild_index import GuildIndex
from index.answer.mapped import release
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
        shelf = ArticleShelf(
            known,
            partial(store.read_article, guild_id),
            read_text=partial(store.read_text, guild_id),
            read_many=partial(store.read_articles, guild_id),
            read_texts=partial(store.read_texts, guild_id),
        )
        return GuildIndex.from_columns(guild_id, version, known, columns, passages, shelf)


class ImportBuild:
    """The index of one guild built while a bulk import stores its articles."""

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
        if batch:
            await cpu.run(self._build.add, batch, counted if len(counted) == len(batch) else None)

    async def finish(self, store: Store) -> GuildIndex | None:
        """Return the guild's whole index at its stored version, reading only the articles
        the import did not add; None when a rebuild or a patch is the cheaper way (most of
        the library was there before) or when an imported article was removed meanwhile."""
        await self._flush()
        guild_id = self.guild_id
        version = await store.version(guild_id)
        infos = await store.article_infos(guild_id)  # newest first
        covered = self._build.covered
        if not covered:  # nothing added: nothing to gain over the usual build
            return None
        current = {info.id for info in infos}
        missing = [info.id for info in infos if info.id not in covered]
        if covered - current or len(missing) > len(covered):
            return None
        for at in range(0, len(missing), BUILD_BATCH):
            articles = await store.load_articles(guild_id, missing[at : at + BUILD_BATCH])
            await cpu.run(self._build.add, articles)
        return await cpu.run(self._build.done, store, guild_id, version, infos)

    def remove(self) -> None:
        """Delete the spill files (once the index is saved, or dropped): an index kept in
        memory still reads its arrays mapped from them."""
        if self._spill is not None:
            self._spill.remove()
