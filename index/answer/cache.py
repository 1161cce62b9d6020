"""A bounded cache of per-guild indexes, kept current by patching rather than rebuilding.

The guild's version lives in the database, so changes made by another process are seen too.
When it moves, the cached index is patched with the articles added and removed since (found by
comparing article ids, which needs no change log). Passage deltas are folded in off the
request path once they grow; large indexes are saved as snapshots so a restart loads the
fitted index instead of re-tokenizing every article. Memory is bounded by estimated bytes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

from index import cpu
from index.answer import snapshot
from index.answer.guild_index import ArticleShelf, GuildIndex, Parts
from index.answer.passages import passages_of
from index.answer.retrieve import PassageIndex
from index.models import Article, ArticleInfo
from index.store.base import Store

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
        self._saved: dict[int, int] = {}  # guild -> version of the snapshot this process saved
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

    async def close(self) -> None:
        """Wait for background compactions and snapshot writes to finish."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # --- building ----------------------------------------------------------------------------

    async def _load(self, guild_id: int, version: int) -> GuildIndex:
        store = self._store
        saved = await store.load_snapshot(guild_id) if store.can_read_lazily else None
        if saved is not None:
            _, covered, data = saved
            # Decoded on the worker thread while the database thread reads the infos.
            decoding = asyncio.ensure_future(cpu.run(_decode, data))
            infos = await store.article_infos(guild_id)
            current = {info.id for info in infos}
            added, removed = current - set(covered), set(covered) - current
            try:
                decoded = await decoding
            except ValueError:  # saved by another version of the program: rebuild it
                log.info("index snapshot of guild %s is of another format", guild_id)
                decoded = None
            # Patching pays per added article; past a tenth of the library, rebuild instead.
            if decoded is not None and len(added) <= max(100, len(current) // 10):
                articles = await store.load_articles(guild_id, added) if added else []
                return await cpu.run(
                    _from_snapshot, store, guild_id, version, infos, decoded, articles, removed
                )
        articles = await store.load_articles(guild_id)
        index = await cpu.run(_from_articles, store, guild_id, version, articles)
        if len(index.passages) >= SNAPSHOT_MIN_PASSAGES:
            self._spawn(self._save(index))
        return index

    async def _catch_up(self, cached: GuildIndex, version: int) -> GuildIndex:
        ids = set(await self._store.article_ids(cached.guild_id))
        known = set(cached.parts.infos)
        added, removed = ids - known, known - ids
        if len(added) > max(1_000, len(known)):  # mostly new: build afresh
            return await self._load(cached.guild_id, version)
        articles = await self._store.load_articles(cached.guild_id, added) if added else []
        return await cpu.run(cached.updated, version, articles, removed)

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
            lock = self._locks.get(evicted)
            if lock is not None and not lock.locked():
                del self._locks[evicted]

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
        parts = index.parts
        data = await asyncio.to_thread(
            snapshot.to_bytes, index.passages, parts.quotes, parts.speakers
        )
        await self._store.save_snapshot(index.guild_id, index.version, parts.infos, data)
        self._saved[index.guild_id] = index.version

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Derived data only: the next question rebuilds or retries.
            log.warning("index background work failed", exc_info=task.exception())


def _shelf(store: Store, guild_id: int, parts: Parts) -> ArticleShelf:
    return ArticleShelf(parts.infos, partial(store.read_article, guild_id))


def _from_articles(
    store: Store, guild_id: int, version: int, articles: list[Article]
) -> GuildIndex:
    if not store.can_read_lazily:  # an in-memory database: keep the texts
        return GuildIndex(guild_id, version, articles)
    parts = Parts.of(articles)
    passages = PassageIndex(*passages_of(articles))
    return GuildIndex.from_parts(guild_id, version, parts, passages, _shelf(store, guild_id, parts))


def _decode(data: bytes) -> snapshot.Snapshot:
    # Collections while 10^5 quotes are made scan them again and again, for nothing: they
    # all live on (and are frozen once the index is kept). Paused for this one step.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return snapshot.from_bytes(data)
    finally:
        if collecting:
            gc.enable()


def _from_snapshot(
    store: Store,
    guild_id: int,
    version: int,
    infos: list[ArticleInfo],
    saved: snapshot.Snapshot,
    added: list[Article],
    removed: set[int],
) -> GuildIndex:
    new = {article.id for article in added}  # patched in below, with their passages
    # Removed articles' passages are masked by `updated`; their quotes are left out here.
    kept = [info for info in infos if info.id not in new]
    parts = Parts(
        {info.id: info for info in kept},
        {info.id: saved.quotes.get(info.id, ()) for info in kept},
        {info.id: saved.speakers.get(info.id, ()) for info in kept},
    )
    index = GuildIndex.from_parts(
        guild_id, version, parts, saved.passages, _shelf(store, guild_id, parts)
    )
    return index.updated(version, added, removed) if added or removed else index
