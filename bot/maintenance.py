"""The terminal's library maintenance commands: `backup`, `restore` and `migrate`."""

from __future__ import annotations

import sys
from typing import TextIO

from index import service
from index.service import Library, describe_database


def _articles(count: int) -> str:
    return f"{count:,} article{'s' * (count != 1)}"


async def backup(library: Library, path: str, out: TextIO) -> int:
    copy = await library.backup(path)  # PostgreSQL refuses with a one-line error
    out.write(f"Backed up {_articles(copy.articles)} ({copy.size:,} bytes) to {copy.path}.\n")
    return 0


async def restore(path: str, database: str, out: TextIO) -> int:
    """Bring a backup back without opening the library, which may be damaged or missing."""
    copy = await service.restore(path, database)
    out.write(f"Restored {_articles(copy.articles)} from {path} to {copy.path}.\n")
    return 0


async def migrate(source: str, target: str, out: TextIO) -> int:
    progress = {"total": 0, "done": 0}

    def start(total: int) -> None:
        progress["total"] = total
        print(f"migrate: {total:,} articles to copy to {describe_database(target)}", file=sys.stderr)

    def batch(count: int) -> None:
        progress["done"] += count
        done, total = progress["done"], progress["total"]
        print(f"migrate: {done:,}/{total:,} articles ({done * 100 // total}%)", file=sys.stderr)

    result = await service.migrate(source, target, on_start=start, on_batch=batch)
    out.write(result.describe() + "\n")
    return 0 if result.ok else 1
