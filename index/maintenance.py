"""Jobs on a whole database that need no open library: restore a backup, migrate to PostgreSQL.

The front ends reach these through `index.service`, like everything else of the library's.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

from index.store import backup
from index.store.open import sqlite_path
from index.store.transfer import Migration, copy_library


async def restore(src: str | Path, database: str | Path) -> backup.Copy:
    """Bring a backup back as the SQLite library at `database`, which need not open."""
    return await backup.restore(src, database)


async def migrate(
    source: str,
    target: str,
    *,
    on_start: Callable[[int], object] | None = None,
    on_batch: Callable[[int], object] | None = None,
) -> Migration:
    """Copy the SQLite library at `source` into the PostgreSQL database at `target`, with its
    saved index files when every row went over (same ids, versions and hashes: they serve the
    copy as they are; a guild whose index is behind catches up as after any restart)."""
    from index.answer import snapshot  # numpy: not loaded by importing the front ends

    result = await copy_library(source, target, on_start=on_start, on_batch=on_batch)
    saved, into = snapshot.folder_for(sqlite_path(source)), snapshot.folder_for(target)
    if not result.ok or saved is None or into is None:
        return result
    indexed = await asyncio.to_thread(snapshot.carry, saved, into)
    return dataclasses.replace(result, indexed=tuple(indexed))
