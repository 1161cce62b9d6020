"""Online backup and restore: consistent copies while writes go on, refusals for bad files."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from index.service import Library
from index.store.backup import BackupError, backup, restore
from index.store.sqlite import SqliteStore
from tests.conftest import GUILD
from tests.stories import own_words

PEOPLE = ("Mara Lind", "Owen Tal", "Ruth Abara", "Kenji Sato", "Ines Duarte")


def article(number: int) -> str:
    """A small distinct article with a headline, two quotes and a reported statement."""
    who, other = PEOPLE[number % 5], PEOPLE[(number + 2) % 5]
    return (
        f"Ferry route {number} reopens after repairs\n\n"
        f"The ferry on route {number} carried its first passengers in a month on Tuesday. "
        f'"We rebuilt pier {number} board by board," said {who}, the harbor engineer.\n\n'
        f'{other} said the delay cost the island {number * 7} trips. "People waited long '
        f'enough for route {number}," {other.split()[1]} said.\n\n'
        f"{own_words(number)}\n"
    )


def rows(db: Path, article_ids: list[int] | None = None) -> dict[int, tuple[object, ...]]:
    """Every article with all its derived rows, keyed by id: the whole of what 'complete' means."""
    with sqlite3.connect(db) as raw:
        ids = article_ids or [r[0] for r in raw.execute("SELECT id FROM articles")]
        return {
            i: (
                raw.execute("SELECT text, title FROM articles WHERE id = ?", (i,)).fetchall(),
                raw.execute("SELECT * FROM passages WHERE article_id = ? ORDER BY idx", (i,)).fetchall(),
                raw.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", (i,)).fetchall(),
                raw.execute("SELECT * FROM speakers WHERE article_id = ? ORDER BY name", (i,)).fetchall(),
            )
            for i in ids
        }


async def test_backup_copies_every_article_into_one_self_contained_file(library: Library, tmp_path: Path) -> None:
    for number in range(3):
        await library.add_text(GUILD, article(number))
    copy = await library.backup(tmp_path / "saved" / "copy.db")
    assert (copy.articles, copy.path) == (3, tmp_path / "saved" / "copy.db")
    assert not (tmp_path / "saved" / "copy.db-wal").exists()
    assert not (tmp_path / "saved" / "copy.db.partial").exists()
    live = tmp_path / "library.db"
    assert rows(copy.path) == rows(live)
    async with await Library.open(copy.path) as reopened:
        answer = await reopened.ask(GUILD, "what did Lind say?")
        assert "board by board" in answer.items[0].text


async def test_backups_while_another_connection_writes_are_consistent(tmp_path: Path) -> None:
    """Ten backups taken while a second library adds articles: each is whole, none half-written."""
    live = tmp_path / "live.db"
    async with await Library.open(live) as writer:
        await writer.add_text(GUILD, article(0))
        done = asyncio.Event()

        async def keep_writing() -> int:
            number = 1
            while not done.is_set():
                await writer.add_text(GUILD, article(number))
                number += 1
            return number

        task = asyncio.create_task(keep_writing())
        copies = []
        for n in range(10):
            copies.append(await backup(live, tmp_path / f"copy{n}.db"))
            await asyncio.sleep(0.01)
        done.set()
        written = await task
    final = rows(live)
    assert len(final) == written
    for copy in copies:
        with sqlite3.connect(copy.path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = rows(copy.path)
        assert len(saved) == copy.articles >= 1
        # Articles never change once written: every copied one must equal its final self.
        assert saved == {i: final[i] for i in saved}
        assert all(passages and quotes for _, passages, quotes, _ in saved.values())
    assert copies[-1].articles > copies[0].articles, "the writer made no progress during backups"


async def test_restore_brings_back_the_backed_up_state(library: Library, tmp_path: Path) -> None:
    first = await library.add_text(GUILD, article(1))
    copy = await library.backup(tmp_path / "copy.db")
    await library.remove(GUILD, first.id)
    await library.add_text(GUILD, article(2))
    await library.close()
    restored = await restore(copy.path, tmp_path / "library.db")
    assert restored.articles == 1
    async with await Library.open(tmp_path / "library.db") as reopened:
        assert [a.id for a in await reopened.articles(GUILD)] == [first.id]
        assert await reopened.store.integrity_check() == "ok"


async def test_restore_into_a_missing_file_creates_it(library: Library, tmp_path: Path) -> None:
    await library.add_text(GUILD, article(4))
    copy = await library.backup(tmp_path / "copy.db")
    restored = await restore(copy.path, tmp_path / "new" / "fresh.db")
    assert restored.articles == 1
    assert rows(restored.path) == rows(copy.path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some notes, not a database\n" * 200, "not an articlebot library"),
        (b"", "not an articlebot library"),  # an empty file opens as an empty database
    ],
)
async def test_restore_refuses_a_file_that_is_not_a_library(tmp_path: Path, content: bytes, message: str) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    with pytest.raises(BackupError, match=message):
        await restore(bogus, tmp_path / "library.db")
    assert not (tmp_path / "library.db").exists()


async def test_restore_refuses_a_damaged_backup(library: Library, tmp_path: Path) -> None:
    for number in range(20):
        await library.add_text(GUILD, article(number))
    copy = await library.backup(tmp_path / "copy.db")
    data = bytearray(copy.path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 512] = b"\xff" * 512  # scribble over a b-tree page
    copy.path.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        await restore(copy.path, tmp_path / "other.db")


async def test_backup_refusals_are_clear(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="No library"):
        await backup(tmp_path / "missing.db", tmp_path / "copy.db")
    store = await SqliteStore.open(":memory:")
    try:
        with pytest.raises(BackupError, match="in-memory"):
            await backup(store, tmp_path / "copy.db")
    finally:
        await store.close()
    async with await Library.open(tmp_path / "live.db") as library:
        with pytest.raises(BackupError, match="cannot overwrite"):
            await library.backup(tmp_path / "live.db")
    with pytest.raises(BackupError, match="No backup"):
        await restore(tmp_path / "missing.db", tmp_path / "live.db")


def test_cli_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, saved = tmp_path / "cli.db", tmp_path / "saved.db"
    source = tmp_path / "story.txt"
    source.write_text(article(3), encoding="utf-8")
    assert main(["--db", str(db), "--guild", str(GUILD), "add", str(source)]) == 0
    assert main(["--db", str(db), "backup", str(saved)]) == 0
    assert "Backed up 1 article " in capsys.readouterr().out
    assert main(["--db", str(db), "--guild", str(GUILD), "remove", "1"]) == 0
    assert main(["--db", str(db), "restore", str(saved)]) == 0
    assert "Restored 1 article " in capsys.readouterr().out
    assert main(["--db", str(db), "restore", str(tmp_path / "nothing.db")]) == 1
    assert "No backup at" in capsys.readouterr().err
    assert len(rows(db)) == 1
