"""Open the store a database setting names: a PostgreSQL URL, or a SQLite file (the default).

`postgresql://…` (or `postgres://…`) opens the PostgreSQL store (asyncpg, the `pg` extra);
`sqlite:///path` or a plain path opens the SQLite file. Both stores have the same methods and
behaviour, so nothing above this module knows which one it has.
"""

from __future__ import annotations

from pathlib import Path

from index.errors import DatabaseUnavailable
from index.store.base import Store
from index.store.sqlite import SqliteStore


def is_postgres_url(target: object) -> bool:
    """Tell a PostgreSQL URL from a SQLite path or URL."""
    return str(target).startswith(("postgresql://", "postgres://"))


def sqlite_path(target: str | Path) -> str:
    """Return the file a plain path or a `sqlite:///relative` or `sqlite:////absolute` URL names."""
    return str(target).removeprefix("sqlite:///")


async def open_store(target: str | Path, *, create: bool = True) -> Store:
    """Open (and migrate) the store at `target`; `create=False` refuses a missing SQLite file."""
    if not is_postgres_url(target):
        return await SqliteStore.open(sqlite_path(target), create=create)
    try:
        from index.store.postgres import PgStore
    except ImportError as error:  # asyncpg is an optional dependency
        raise DatabaseUnavailable(
            "PostgreSQL needs the asyncpg driver: pip install 'articlebot[pg]'."
        ) from error
    try:
        return await PgStore.open(str(target))
    except (OSError, TimeoutError) as error:
        raise DatabaseUnavailable(
            f"Cannot reach the PostgreSQL database {describe(target)}: {error}"
        ) from error


def describe(target: str | Path) -> str:
    """Return the target without any password, for logs and progress lines."""
    text = str(target)
    if not is_postgres_url(text) or "@" not in text:
        return text
    scheme, rest = text.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
