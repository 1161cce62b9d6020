"""Online backup and restore of the library's SQLite file.

A backup reads through its own connection, in one read transaction: under WAL the writers go on
and the copy is the database as it stood when the copy began, never half an article. It is
written beside the destination and moved into place only once it checks out, so a failed
backup never leaves a broken file where a good one is expected. A restore writes through
SQLite's backup API too, so it takes the destination's locks like any writer.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from index.errors import BackupError
from index.store.base import Store
from index.store.schema import migrations

_BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True, slots=True)
class Copy:
    """A finished backup or restore: where it is, how many articles, how many bytes."""

    path: Path
    articles: int
    size: int


async def backup(source: Store | str | Path, dest: str | Path) -> Copy:
    """Copy a live library (an open store or a file path) to `dest`, consistently."""
    if isinstance(source, str | Path):
        return await asyncio.to_thread(_backup, Path(source), Path(dest))
    path = await source.database_file()  # noqa: ASYNC240 (the store's query; ruff sees a Path)
    return await asyncio.to_thread(_backup, path, Path(dest))


async def restore(src: str | Path, dest: str | Path) -> Copy:
    """Bring a backup back as the library at `dest` (stop the bot first: its cache is not told)."""
    return await asyncio.to_thread(_restore, Path(src), Path(dest))


def _backup(source: Path, dest: Path) -> Copy:
    if not source.is_file():
        raise BackupError(f"No library at {source} to back up.")
    if _same_file(source, dest):
        raise BackupError("A backup cannot overwrite the library it copies.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(_connect(source, read_only=True)) as reader,
            contextlib.closing(_connect(partial)) as writer,
        ):
            # pages=-1 copies everything in one step, inside one read transaction: the
            # snapshot is consistent even while another connection keeps writing.
            reader.backup(writer, pages=-1)
            # A backup is one self-contained file: no -wal or -shm beside it.
            writer.execute("PRAGMA journal_mode = DELETE")
            articles = _check(writer, partial)
        os.replace(partial, dest)
    except sqlite3.Error as error:
        raise BackupError(f"The backup failed: {error}.") from error
    finally:
        partial.unlink(missing_ok=True)
    return Copy(dest, articles, dest.stat().st_size)


def _restore(src: Path, dest: Path) -> Copy:
    if not src.is_file():
        raise BackupError(f"No backup at {src}.")
    if _same_file(src, dest):
        raise BackupError("The backup and the library are the same file.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(_connect(src, read_only=True)) as reader:
        try:
            articles = _check(reader, src)  # refuse a damaged or foreign file before writing
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{src} is not an articlebot library ({error}).") from error
        try:
            with contextlib.closing(_connect(dest)) as writer:
                reader.backup(writer, pages=-1)
                writer.execute("PRAGMA journal_mode = WAL")  # as Store.open keeps it
        except sqlite3.Error as error:
            raise BackupError(f"The restore failed: {error}.") from error
    return Copy(dest, articles, dest.stat().st_size)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    return connection


def _check(connection: sqlite3.Connection, path: Path) -> int:
    """Check a copy's integrity and that it is a library this version can open; count it."""
    (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
    if verdict != "ok":
        raise BackupError(f"{path} is damaged: {verdict}.")
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    latest = migrations()[-1][0]
    if version < 1:
        raise BackupError(f"{path} is not an articlebot library.")
    if version > latest:
        raise BackupError(f"{path} was made by a newer articlebot (schema {version} > {latest}).")
    (articles,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    return int(articles)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False
