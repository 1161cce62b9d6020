"""A guild whose index folder is gone, cut short or garbled builds it again as an import does."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from index.answer import building, cache, snapshot
from index.intake.bulk import read_source
from index.service import Library
from tests.conftest import GUILD
from tests.index.answer.test_building import _ask_all, _corpus


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a few articles: the import and the rebuild both go through several, and the
    rebuild keeps them in files as a library of more than one batch does; saved as a library
    of thousands of passages is."""
    monkeypatch.setattr(building, "IMPORT_BATCH", 7)
    monkeypatch.setattr(building, "BUILD_BATCH", 9)
    monkeypatch.setattr(cache, "SNAPSHOT_MIN_PASSAGES", 0)


def _files(db: Path) -> dict[str, bytes]:
    folder = Path(f"{db}.index") / f"guild-{GUILD}"
    generation = folder / (folder / "current").read_text()
    return {file.name: file.read_bytes() for file in generation.iterdir()}


async def _imported(tmp_path: Path) -> tuple[Path, list, dict[str, bytes]]:  # type: ignore[type-arg]
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(40)))
        assert (await library.import_items(GUILD, items)).added == 40
        answers = await _ask_all(library)
    return db, answers, _files(db)


@pytest.mark.usefixtures("small_batches")
async def test_a_deleted_index_folder_is_rebuilt_as_the_import_built_it(tmp_path: Path) -> None:
    db, answers, imported = await _imported(tmp_path)
    root = snapshot.folder_for(str(db))
    assert root is not None
    snapshot.remove(root, GUILD)
    async with await Library.open(db) as library:
        assert await _ask_all(library) == answers
    assert _files(db) == imported  # byte for byte: the same batches in the same order
    assert not list(root.glob(".import-*"))  # the build's files are gone once saved
    async with await Library.open(db) as library:  # and the next process maps them
        assert await _ask_all(library) == answers


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("damage", ["truncate", "empty", "garble"])
async def test_a_cut_or_garbled_index_file_is_rebuilt_with_one_notice(
    tmp_path: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    db, answers, imported = await _imported(tmp_path)
    folder = Path(f"{db}.index") / f"guild-{GUILD}"
    generation = folder / (folder / "current").read_text()
    target = generation / "c_q_text.npy"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "empty":
        target.write_bytes(b"")
    else:  # the same size, nothing numpy reads
        target.write_bytes(b"\x00" * target.stat().st_size)
    with caplog.at_level(logging.WARNING):
        async with await Library.open(db) as library:
            assert await _ask_all(library) == answers
    notices = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(notices) == 1 and "damaged" in notices[0].getMessage()
    assert "\n" not in notices[0].getMessage()
    assert _files(db) == imported


@pytest.mark.usefixtures("small_batches")
async def test_a_rebuild_runs_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, answers, _ = await _imported(tmp_path)
    snapshot.remove(snapshot.folder_for(str(db)), GUILD)  # type: ignore[arg-type]
    loop_thread = threading.get_ident()
    ran_on: list[tuple[str, int]] = []
    for name in ("add", "done"):
        step = getattr(building.Build, name)

        def watched(self: building.Build, *args: object, _step=step, _name=name) -> object:  # type: ignore[no-untyped-def]
            ran_on.append((_name, threading.get_ident()))
            return _step(self, *args)

        monkeypatch.setattr(building.Build, name, watched)
    async with await Library.open(db) as library:
        assert await _ask_all(library) == answers
    assert {name for name, _ in ran_on} == {"add", "done"}
    assert len([name for name, _ in ran_on if name == "add"]) >= 40 // 7  # batch by batch
    assert all(thread != loop_thread for _, thread in ran_on)
