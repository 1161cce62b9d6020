"""`articlebot run` on a library it cannot use: one line, exit 1, the process gone."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tests.e2e.test_faults import start_articlebot_run
from tests.fakediscord.faults import FaultyDiscord


async def test_run_on_a_damaged_library_exits_with_one_line(tmp_path: Path) -> None:
    database = tmp_path / "run.db"
    database.write_bytes(b"SQLite format 3\x00" + bytes(8192))
    async with FaultyDiscord() as fake:
        process = await start_articlebot_run(fake, tmp_path, database)
        async with asyncio.timeout(60):  # before, the aiosqlite thread kept it alive for ever
            _, stderr = await process.communicate()
    lines = stderr.decode().splitlines()
    assert process.returncode == 1, stderr.decode()
    assert "Traceback" not in stderr.decode()  # the log lines of start-up, then the one line
    assert lines[-1] == (
        f"articlebot: Cannot use the library {database}: it is damaged or not a SQLite database; "
        "`articlebot restore BACKUP` puts a backup back."
    )
    assert sorted(os.listdir(tmp_path)) == ["run.db"]  # no -wal, no -shm
