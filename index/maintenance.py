"""Jobs on a whole database that need no open library: restore a backup, migrate to PostgreSQL.

The front ends reach these through `index.service`, like everything else of the library's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.store import backup
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
    """Copy the SQLite library at `source` into the PostgreSQL database at `target`."""
    return await copy_library(source, target, on_start=on_start, on_batch=on_batch)
