"""The CLI and the bot's library writing one database at once never hit "database is locked".

`articlebot import` runs as a real subprocess while a Library in this process (as the bot holds
it) keeps adding articles and answering questions on the same file.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
from pathlib import Path

from index.service import Library
from tests.conftest import GUILD
from tests.stories import own_words

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ("Mara Lind", "Owen Tal", "Ruth Abara", "Kenji Sato", "Ines Duarte")


def article(number: int, place: str = "route") -> str:
    who, other = PEOPLE[number % 5], PEOPLE[(number + 2) % 5]
    return (
        f"Ferry {place} {number} reopens after repairs\n\n"
        f"The ferry on {place} {number} carried its first passengers in a month on Tuesday. "
        f'"We rebuilt pier {number} board by board," said {who}, the harbor engineer.\n\n'
        f'{other} said the delay cost the island {number * 7} trips. "People waited long '
        f'enough for {place} {number}," {other.split()[1]} said.\n\n'
        f"{own_words(f'{place} {number}')}\n"
    )


def write_records(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"id": f"imp-{n}", "text": article(n)}) + "\n")
    return path


async def run_import(db: Path, records: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "--db", str(db), "--guild", str(GUILD),
        "import", str(records), "--quiet",
        cwd=ROOT, env={**os.environ, "DISCORD_TOKEN": ""},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_import_subprocess_while_the_library_adds_and_answers(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    records = write_records(tmp_path / "records.jsonl", 60)
    async with await Library.open(db) as library:
        await library.add_text(GUILD, article(0, "line"))
        importer = asyncio.create_task(run_import(db, records))
        added, answered = 1, 0
        while not importer.done():
            await library.add_text(GUILD, article(added, "line"))
            added += 1
            answer = await library.ask(GUILD, "what did Lind say?")
            assert answer.items
            answered += 1
            await library.summarize(GUILD)
        code, out, err = await importer
        assert (code, out.strip()) == (0, "60 added, 0 duplicate, 0 failed"), err
        assert "locked" not in (out + err).lower()
        assert len(await library.articles(GUILD)) == added + 60
        assert await library.store.integrity_check() == "ok"
    assert answered >= 1 and added >= 2, "the two writers never overlapped"


async def test_two_imports_of_the_same_records_at_once(tmp_path: Path) -> None:
    """Racing importers: each article stored once, the loser counts it as a duplicate."""
    db = tmp_path / "shared.db"
    records = write_records(tmp_path / "records.jsonl", 40)
    async with await Library.open(db):  # migrated before both start, as a running bot would
        pass
    results = await asyncio.gather(run_import(db, records), run_import(db, records))
    totals = [0, 0, 0]
    for code, out, err in results:
        assert code == 0, err
        assert "locked" not in (out + err).lower()
        added, duplicate, failed = (int(word) for word in out.split()[0:6:2])
        totals = [totals[0] + added, totals[1] + duplicate, totals[2] + failed]
    assert totals == [40, 40, 0]
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 40
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
