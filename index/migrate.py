"""Numbered schema migrations (`migrations/NNNN_name.sql`), applied in order once each.

The schema's version is SQLite's `PRAGMA user_version`: a migration and its version bump are
one transaction, so a crash leaves the schema at one version or the next.
"""

from __future__ import annotations

from importlib import resources

import aiosqlite


def migrations() -> list[tuple[int, str]]:
    """Return the numbered migration scripts in order."""
    folder = resources.files("index") / "migrations"
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
        # executescript commits first; the whole migration and its version bump are one unit.
        await db.executescript(
            f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
