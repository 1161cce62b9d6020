"""Open the store a database setting names: a PostgreSQL URL, or a SQLite file (the default).

`postgresql://…` (or `postgres://…`) opens the PostgreSQL store; `sqlite:///path` or a plain
path opens the SQLite file. Both stores have the same methods and behaviour.
"""

from __future__ import annotations

from pathlib import Path

from index.pg_store import PgStore, is_postgres_url
from index.store import Store

AnyStore = Store | PgStore


def sqlite_path(target: str | Path) -> str:
    """The file a `sqlite:///path` URL or a plain path names."""
    text = str(target)
    return text.removeprefix("sqlite://") if text.startswith("sqlite:///") else text


async def open_store(target: str | Path) -> AnyStore:
    """Open (and migrate) the store at `target`."""
    if is_postgres_url(target):
        return await PgStore.open(str(target))
    return await Store.open(sqlite_path(target))


def describe(target: str | Path) -> str:
    """The target without any password, for logs and progress lines."""
    text = str(target)
    if not is_postgres_url(text) or "@" not in text:
        return text
    scheme, rest = text.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
