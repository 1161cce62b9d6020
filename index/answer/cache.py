"""A bounded cache of per-guild indexes, kept current by patching rather than rebuilding.

The guild's version lives in the database, so changes made by another process are seen too.
When it moves, the cached index is patched with the articles added and removed since (found by
comparing article ids, which needs no change log). Passage deltas are folded in off the
request path once they grow; large indexes are saved as files beside the database
(index/answer/snapshot.py) that a restart maps instead of re-tokenizing every article. An index
is built in batches of articles, so building never holds every article's text at once. Memory
is bounded by estimated bytes.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from index import cpu
from index.answer import snapshot
from index.answer.building import ImportBuild, rebuild
from index.answer.guild_index import GuildIndex
from index.answer.heap import return_freed_arrays
from index.answer.mapped import mapped_budget, mapped_resident, release
from index.answer.shelf import ArticleShelf
from index.models import Analysis, Article, ArticleInfo
from index.store.base import Store

if TYPE_CHECKING:
    from index.answer.passage_build import CountedPassages

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 400 * 1024 * 1024
# A guild index this large (in passages) is worth saving: rebuilding it takes seconds.
SNAPSHOT_MIN_PASSAGES = 5_000


class IndexCache:
    """Keep the most recently used guilds' indexes within a memory budget."""

    def __init__(self, store: Store, *, capacity: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self._store = store
        self._capacity = capacity
        self._max_bytes = max_bytes
        self._indexes: OrderedDict[int, GuildIndex] = OrderedDict()
        self._sizes: dict[int, int] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._busy: set[int] = set()  # guilds with a compaction running
        self._saved: dict[int, int] = {}  # guild -> version of the index files last read or saved
        self._legacy: set[int] = set()  # guilds whose old index blob is to be emptied once saved
        self._imports: dict[int, ImportBuild] = {}  # guilds a bulk import is indexing as it goes
        self._root = snapshot.folder_for(store.database) if store.can_read_lazily else None
        self._mapped: dict[int, tuple[np.ndarray, ...]] = {}  # kept guilds' mapped index files
        self._mapped_budget = mapped_budget()
        # A sharded bot process owns some guilds (index/shards.py); any other guild it is
        # asked about is answered from a fresh index that is not kept.
        self.owns: Callable[[int], bool] = lambda guild_id: True

    @property
    def nbytes(self) -> int:
        """Return the bytes the cached indexes hold, as each index estimates its own."""
        return sum(self._sizes.values())

    def __len__(self) -> int:
        return len(self._indexes)

    async def get(self, guild_id: int) -> GuildIndex:
        """Return the guild's index at its stored version, rebuilt or loaded only when stale."""
        self.trim()
        version = await self._store.version(guild_id)
        if not self.owns(guild_id):
            return await self._load(guild_id, version)
        cached = self._indexes.get(guild_id)
        if cached and cached.version == version:
            self._indexes.move_to_end(guild_id)
            return cached
        async with self._locks.setdefault(guild_id, asyncio.Lock()):
            cached = self._indexes.get(guild_id)
            if cached and cached.version == version:
                return cached
            if cached is None:
                index = await self._load(guild_id, version)
            else:
                index = await self._catch_up(cached, version)
            cpu.keep_long_lived()
            self._keep(index)
            self._maybe_compact(index)
            return index

    async def persist(self, guild_id: int) -> None:
        """Build the guild's index now and leave it saved, however small: after a bulk import,
        the next process then loads it instead of building it at its first question."""
        index = await self.get(guild_id)
        await self.close()  # a save the build started is waited for, not repeated
        if self._saved.get(guild_id) != index.version:
            await self._save(index)

    def start_import(self, guild_id: int) -> None:
        """Index the articles a bulk import stores as they arrive (`arrived`), so that the
        import ends with the index built and saved (`finish_import`)."""
        if self._root is not None:
            return_freed_arrays()  # the build's batches are freed as the index is joined
            self._imports[guild_id] = ImportBuild(guild_id, self._root)

    async def arrived(
        self,
        info: ArticleInfo,
        text: str,
        analysis: Analysis,
        counted: CountedPassages | None = None,
    ) -> None:
        """Take an article just stored, for the guild's import build if one is running."""
        build = self._imports.get(info.guild_id)
        if build is not None:
            await build.add(Article(info, text, analysis), counted)

    @asynccontextmanager
    async def importing(self, guild_id: int) -> AsyncIterator[None]:
        """Build the guild's index while a bulk import runs inside; keep and save it when the
        import ends, drop it when the import fails (the next question builds from the store)."""
        self.start_import(guild_id)
        try:
            yield
        except BaseException:
            self.abandon_import(guild_id)
            raise
        await self.finish_import(guild_id)

    def abandon_import(self, guild_id: int) -> None:
        """Drop an import's build (the import failed): the next question builds from the store."""
        build = self._imports.pop(guild_id, None)
        if build is not None:
            build.remove()

    async def finish_import(self, guild_id: int) -> None:
        """Complete the import's build, keep it and save it (else `persist` does the work)."""
        build = self._imports.pop(guild_id, None)
        if build is None:
            return
        try:
            if self.owns(guild_id):
                async with self._locks.setdefault(guild_id, asyncio.Lock()):
                    index = await build.finish(self._store)
                    if index is not None:
                        self._register_mapped(guild_id, build.mapped)
                        cpu.keep_long_lived()
                        self._keep(index)
                        await self._save(index)
        finally:
            await asyncio.to_thread(build.remove)  # unlinking a gigabyte of files takes a while

    async def close(self) -> None:
        """Wait for background compactions and snapshot writes to finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- building ----------------------------------------------------------------------------

    async def _load(self, guild_id: int, version: int) -> GuildIndex:
        saved = await self._saved_files(guild_id)
        if saved is not None:
            # Only ids and hashes are asked for: the infos are saved with the index (those of
            # an index of format 5 are read from the store, then saved with it).
            infos = await self._store.article_infos(guild_id) if saved.infos is None else None
            pairs = (
                [(info.id, info.content_hash) for info in infos]
                if infos is not None
                else await self._store.article_hashes(guild_id)
            )
            current = dict(pairs)
            added = [i for i in current if i not in saved.covered]
            removed = {i for i in saved.covered if i not in current}
            # An id now naming another article (a database restored, then added to): rebuild.
            reused = any(saved.covered[i] != h for i, h in current.items() if i in saved.covered)
            # Patching pays per added article; past a tenth of the library, rebuild instead.
            if not reused and len(added) <= max(100, len(current) // 10):
                articles = await self._store.load_articles(guild_id, added) if added else []
                index = await cpu.run(
                    _from_saved, self._store, guild_id, version, infos, saved, articles, removed
                )
                self._register_mapped(guild_id, saved.mapped)
                if saved.upgrade:
                    log.warning(
                        "index files of guild %s are of format %s; saving them as format %s",
                        guild_id, saved.format, snapshot.FORMAT,
                    )  # fmt: skip
                    self._spawn(self._upgrade(saved, infos or [], index, bool(added or removed)))
                elif not added and not removed:
                    self._saved[guild_id] = version
                return index
        return await self._build(guild_id, version)

    async def _saved_files(self, guild_id: int) -> snapshot.Saved | None:
        """Map the guild's index files; None (with a one-line notice) when they cannot serve."""
        root = self._root
        if root is None:
            return None
        try:
            saved = await cpu.run(snapshot.load, root, guild_id)
        except snapshot.OldFormat as error:
            log.warning("%s of guild %s are too old to read; rebuilding them", error, guild_id)
            await asyncio.to_thread(snapshot.remove, root, guild_id)
            return None
        except ValueError as error:
            log.warning(
                "index files of guild %s are damaged; rebuilding them (%s)", guild_id, error
            )
            await asyncio.to_thread(snapshot.remove, root, guild_id)
            return None
        if saved is None:
            old = await self._store.load_snapshot(guild_id)
            if old is not None and old[2]:
                log.warning(
                    "index of guild %s is saved in an old format (inside the database);"
                    " rebuilding it as files in %s", guild_id, root,
                )  # fmt: skip
                self._legacy.add(guild_id)
        return saved

    async def _build(self, guild_id: int, version: int) -> GuildIndex:
        """Build the guild's index from its stored articles as an import does (building.py),
        and save it when it is worth saving; its build's files go once the save links them."""
        store = self._store
        if not store.can_read_lazily:  # an in-memory database: keep the texts
            return GuildIndex(guild_id, version, await store.load_articles(guild_id))
        index, build = await rebuild(store, guild_id, self._root)
        self._register_mapped(guild_id, build.mapped)  # its spill files, saved or not
        if self._root is not None and (
            len(index.passages) >= SNAPSHOT_MIN_PASSAGES or guild_id in self._legacy
        ):
            self._spawn(self._saved_then_removed(index, build))
        else:
            await asyncio.to_thread(build.remove)
        return index

    async def _saved_then_removed(self, index: GuildIndex, build: ImportBuild) -> None:
        try:
            await self._save(index)
        finally:
            await asyncio.to_thread(build.remove)  # unlinking a gigabyte of files takes a while

    async def _catch_up(self, cached: GuildIndex, version: int) -> GuildIndex:
        known = cached.article_ids()
        added, removed = await self._changes(cached.guild_id, known)
        if len(added) > max(1_000, len(known)):  # mostly new: build afresh
            return await self._load(cached.guild_id, version)
        articles = await self._store.load_articles(cached.guild_id, added) if added else []
        return await cpu.run(cached.updated, version, articles, removed)

    async def _changes(self, guild_id: int, known: np.ndarray) -> tuple[list[int], set[int]]:
        """Return the ids added to the store and removed from it since the index of `known`."""
        newer = await self._store.articles_after(guild_id, int(known.max())) if len(known) else None
        if newer is not None and newer[0] and newer[1] == len(known) + len(newer[0]):
            # Every article up to the index's newest was there when the index was made (ids in
            # commit order), and as many are there still: only the newer ones changed.
            return newer[0], set()
        ids = np.asarray(await self._store.article_ids(guild_id), dtype=np.int64)
        # Compared as arrays: sets of 10^5 ids cost tens of ms.
        added = np.setdiff1d(ids, known, assume_unique=True).tolist()
        return added, set(np.setdiff1d(known, ids, assume_unique=True).tolist())

    # --- keeping within bounds ---------------------------------------------------------------

    def _keep(self, index: GuildIndex) -> None:
        guild_id = index.guild_id
        self._indexes[guild_id] = index
        self._indexes.move_to_end(guild_id)
        self._sizes[guild_id] = index.nbytes
        while len(self._indexes) > 1 and (
            len(self._indexes) > self._capacity or self.nbytes > self._max_bytes
        ):
            evicted, _ = self._indexes.popitem(last=False)
            self._sizes.pop(evicted, None)
            self._mapped.pop(evicted, None)
            lock = self._locks.get(evicted)
            if lock is not None and not lock.locked():
                del self._locks[evicted]

    def _register_mapped(self, guild_id: int, arrays: tuple[np.ndarray, ...]) -> None:
        """Note the arrays a kept guild's index maps from files (saved ones, or the spill files
        of the build that made it), whose pages `trim` gives back."""
        if self.owns(guild_id):
            self._mapped[guild_id] = arrays

    def trim(self) -> None:
        """Give back the pages of the kept guilds' mapped index files once more mapped pages
        are resident than the budget allows (mapped.py): questions read theirs again."""
        if self._mapped and mapped_resident() > self._mapped_budget:
            for arrays in self._mapped.values():
                release(*arrays)

    def _maybe_compact(self, index: GuildIndex) -> None:
        passages = index.passages
        threshold = max(2_000, len(passages) // 20)
        if passages.delta_size >= threshold and index.guild_id not in self._busy:
            self._busy.add(index.guild_id)
            self._spawn(self._compact(index))

    async def _compact(self, index: GuildIndex) -> None:
        try:
            compacted = await cpu.run(index.compacted)
            # Swap it in only if nothing changed meanwhile; otherwise a later patch retries.
            if self._indexes.get(index.guild_id) is index:
                self._keep(compacted)
                if len(compacted.passages) >= SNAPSHOT_MIN_PASSAGES:
                    await self._save(compacted)
        finally:
            self._busy.discard(index.guild_id)

    async def _save(self, index: GuildIndex) -> None:
        root = self._root
        if root is None:
            return
        columns = await cpu.run(index.columns)
        await asyncio.to_thread(
            snapshot.save, root, index.guild_id, index.version, index.parts.infos,
            index.passages, columns,
        )  # fmt: skip
        self._saved[index.guild_id] = index.version
        if index.guild_id in self._legacy:  # the old blob is emptied, not read again
            await self._store.save_snapshot(index.guild_id, index.version, [], b"")
            self._legacy.discard(index.guild_id)

    async def _upgrade(
        self, saved: snapshot.Saved, infos: list[ArticleInfo], index: GuildIndex, changed: bool
    ) -> None:
        """Save an index of a format before in this one: the files it has, linked, beside
        what it lacks; an index changed since it was saved is saved whole. The index kept is
        then swapped for the one the new files give (quote terms, for topic questions)."""
        root, guild_id = self._root, index.guild_id
        if changed or root is None:
            await self._save(index)
            return
        by_id = {info.id: info for info in infos}
        await asyncio.to_thread(snapshot.upgrade, root, guild_id, saved, by_id)
        self._saved[guild_id] = index.version
        again = await cpu.run(snapshot.load, root, guild_id)
        if again is not None and self._indexes.get(guild_id) is index:
            self._register_mapped(guild_id, again.mapped)
            self._keep(await cpu.run(_from_saved, self._store, guild_id, index.version, None, again, [], set()))  # fmt: skip

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Derived data only: the next question rebuilds or retries.
            log.warning("index background work failed", exc_info=task.exception())


def _shelf(store: Store, guild_id: int, infos: Mapping[int, ArticleInfo]) -> ArticleShelf:
    return ArticleShelf(
        infos,
        partial(store.read_article, guild_id),
        read_text=partial(store.read_text, guild_id),
        read_many=partial(store.read_articles, guild_id),
        read_texts=partial(store.read_texts, guild_id),
    )


def _from_saved(
    store: Store,
    guild_id: int,
    version: int,
    infos: list[ArticleInfo] | None,
    saved: snapshot.Saved,
    added: list[Article],
    removed: set[int],
) -> GuildIndex:
    new = {article.id for article in added}  # patched in below, with their passages
    # Removed articles' passages are masked by `updated`; their quotes are left out here.
    kept: Mapping[int, ArticleInfo]
    if infos is None and saved.infos is not None:
        kept = saved.infos
    else:
        kept = {i.id: i for i in infos or () if i.id not in new}
    shelf = _shelf(store, guild_id, kept)
    index = GuildIndex.from_columns(
        guild_id, version, kept, saved.columns, saved.passages, shelf, saved.entries
    )
    return index.updated(version, added, removed) if added or removed else index
