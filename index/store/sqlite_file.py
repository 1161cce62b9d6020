"""Open a SQLite library file, or say in one line why it cannot be opened.

Every way a file can be unusable (missing folder, no library yet, not SQLite, damaged, read-only,
locked, written by a newer articlebot) becomes an `UnusableLibrary` naming the file, with the
connection closed: an open aiosqlite thread would keep the process alive after the error. The
file is probed read-only first, so a refused file gets no -wal/-shm files and no write.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import aiosqlite

from index.errors import NoLibrary, UnusableLibrary
from index.store.schema import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
DAMAGED = ("file is not a database", "malformed", "corrupt")
RESTORE = "`articlebot restore BACKUP` puts a backup back"


def check_file(path: str, *, create: bool) -> None:
    """Refuse, before any connection, what the file system already tells."""
    file = Path(path)
    folder = file.parent
    if not folder.is_dir():
        raise UnusableLibrary(path, f"the folder {folder} does not exist")
    if not file.exists():
        if not create:
            raise NoLibrary(path)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise UnusableLibrary(path, f"the folder {folder} is read-only")
        return
    if not file.is_file():
        raise UnusableLibrary(path, "it is not a file")
    try:
        with file.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise UnusableLibrary(path, f"it cannot be read ({error.strerror})") from error
    if head and head != SQLITE_HEADER:  # an empty file is an empty database to SQLite
        raise UnusableLibrary(path, f"it is not a SQLite database; {RESTORE}")
    if not os.access(file, os.W_OK):
        raise UnusableLibrary(path, "the file is read-only (articlebot writes to its library)")
    # SQLite keeps its -wal and -shm files beside the database.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnusableLibrary(
            path, f"the folder {folder} is read-only (SQLite writes its journal beside the file)"
        )


def explain(path: str, error: sqlite3.Error, busy_timeout_ms: int) -> UnusableLibrary:
    """Return the one-line reason behind an error SQLite raised while opening the file."""
    text = str(error).lower()
    if any(word in text for word in DAMAGED):
        reason = f"it is damaged or not a SQLite database; {RESTORE}"
    elif "locked" in text or "busy" in text:
        reason = f"another process kept it locked for over {busy_timeout_ms / 1000:g} s"
    elif "readonly" in text or "read-only" in text:
        reason = "it is read-only (articlebot writes to its library)"
    elif "unable to open" in text:
        reason = "it cannot be opened (check the path and its permissions)"
    else:
        reason = f"SQLite says: {error}"
    return UnusableLibrary(path, reason)


async def check_version(connection: aiosqlite.Connection, path: str) -> None:
    """Refuse a schema newer than this articlebot knows: migrating it would be guesswork."""
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    found, known = int(row[0]) if row else 0, migrations()[-1][0]
    if found > known:
        raise UnusableLibrary(
            path,
            f"it was written by a newer articlebot (schema {found}; this one knows up to "
            f"{known}): upgrade articlebot",
        )
    # Reading the schema itself catches a file whose first page is fine and the rest is not.
    async with connection.execute("SELECT count(*) FROM sqlite_master") as cursor:
        await cursor.fetchone()
