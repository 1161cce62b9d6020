"""Numbered schema migrations (`migrations/NNNN_name.sql`), applied in order once each.

The schema's version is SQLite's `PRAGMA user_version`: a migration and its version bump are
one transaction, so a crash leaves the schema at one version or the next.
"""

from __future__ import annotations

from importlib import resources

import aiosqlite

# The first line of a migration that rebuilds a table others refer to.
REBUILDS_TABLES = "-- rebuilds tables"


def migrations(folder_name: str = "migrations") -> list[tuple[int, str]]:
    """Return the numbered migration scripts of a folder of `index` in order."""
    folder = resources.files("index.store") / folder_name
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            scripts.append((number, entry.read_text(encoding="utf-8")))
    return sorted(scripts)


async def migrate(db: aiosqlite.Connection) -> None:
    """Apply the migrations newer than the database's schema version."""
    async with db.execute("PRAGMA user_version") as cursor:
        (current,) = await cursor.fetchone()  # type: ignore[misc]
    for number, script in migrations():
        if number <= current:
            continue
        if script.startswith(REBUILDS_TABLES):
            await _rebuild(db, number, script)
            continue
        # executescript commits first; the whole migration and its version bump are one unit.
        await db.executescript(
            f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )


async def _rebuild(db: aiosqlite.Connection, number: int, script: str) -> None:
    """Apply a table rebuild by SQLite's procedure: foreign keys off, checked before commit.

    With foreign keys on, dropping the old table would cascade into every row that refers to
    it; the pragma is ignored inside a transaction, so it is set around one.
    """
    await db.execute("PRAGMA foreign_keys = OFF")
    try:
        await db.executescript(f"BEGIN IMMEDIATE;\n{script}")
        async with db.execute("PRAGMA foreign_key_check") as cursor:
            broken = list(await cursor.fetchall())
        if broken:
            raise RuntimeError(f"migration {number} would break foreign keys: {broken[:3]}")
        await db.execute(f"PRAGMA user_version = {number}")
        await db.commit()
    except BaseException:
        await db.rollback()
        raise
    finally:
        await db.execute("PRAGMA foreign_keys = ON")
