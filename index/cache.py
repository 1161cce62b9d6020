"""A bounded cache of per-guild indexes, each valid for one version of its guild's library."""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from index.guild_index import GuildIndex
from index.store import Store


class IndexCache:
    """Keep the most recently used guilds' indexes; rebuild one only when its version moved."""

    def __init__(self, store: Store, *, capacity: int) -> None:
        self._store = store
        self._capacity = capacity
        self._indexes: OrderedDict[int, GuildIndex] = OrderedDict()
        self._locks: dict[int, asyncio.Lock] = {}

    async def get(self, guild_id: int) -> GuildIndex:
        # The version lives in the database, so changes made by another process are seen too.
        version = await self._store.version(guild_id)
        cached = self._indexes.get(guild_id)
        if cached and cached.version == version:
            self._indexes.move_to_end(guild_id)
            return cached
        async with self._locks.setdefault(guild_id, asyncio.Lock()):
            cached = self._indexes.get(guild_id)
            if cached and cached.version == version:
                return cached
            articles = await self._store.load_articles(guild_id)
            index = await asyncio.to_thread(GuildIndex, guild_id, version, articles)
            self._indexes[guild_id] = index
            self._indexes.move_to_end(guild_id)
            while len(self._indexes) > self._capacity:
                evicted, _ = self._indexes.popitem(last=False)
                self._locks.pop(evicted, None)
            return index
