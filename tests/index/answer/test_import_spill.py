"""An import's build keeps its batches in files, not in memory, and saves the same index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from index.answer import building, passage_build, snapshot
from index.answer.appended import AppendedArrays
from index.answer.mapped import is_mapped
from index.intake.bulk import read_source
from index.service import Library
from tests.conftest import GUILD
from tests.index.answer.test_building import _corpus


async def test_an_import_build_keeps_its_batches_in_files_and_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(building, "IMPORT_BATCH", 7)
    seen: list[tuple[int, int]] = []  # passage rows and quote rows in the files, after each add
    add = building.Build.add

    def watched(self: building.Build, *args: object) -> None:
        add(self, *args)  # type: ignore[arg-type]
        spill = self._passages._spill
        assert isinstance(spill, AppendedArrays) and self._columns._rows is spill
        assert not self._passages._batches  # nothing held in memory
        seen.append((spill.rows("passage_sizes"), spill.rows("q_article")))

    monkeypatch.setattr(building.Build, "add", watched)
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(30)))
        await library.import_items(GUILD, items)
        index = await library.guild_index(GUILD)  # the import's, kept
        assert len(index.parts.infos) == 30
        # Its largest arrays are read from the files (deleted since: still mapped), not memory.
        arrays = index.passages.to_arrays()
        assert all(is_mapped(arrays[name]) for name in ("counts", "indices", "weights"))
        assert all(is_mapped(index.columns()[name]) for name in ("q_text", "w_text", "t_terms"))
    assert len(seen) >= 4 and seen == sorted(seen) and seen[0] < seen[-1]  # the files grow
    root = snapshot.folder_for(str(db))
    assert root is not None and not list(root.glob(".import-*"))  # removed once saved


async def test_an_import_saves_the_files_a_build_from_the_store_saves(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    root = snapshot.folder_for(str(db))
    assert root is not None
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(40)))
        await library.import_items(GUILD, items)
    generation = root / f"guild-{GUILD}" / (root / f"guild-{GUILD}" / "current").read_text()
    imported = {f.name: f.read_bytes() for f in generation.iterdir()}
    snapshot.remove(root, GUILD)
    async with await Library.open(db) as library:  # no files: built from the store, in memory
        index = await library.guild_index(GUILD)
        again = tmp_path / "again"
        snapshot.save(again, GUILD, index.version, index.parts.infos, index.passages, index.columns())
    built = next(p for p in (again / f"guild-{GUILD}").iterdir() if p.is_dir())
    assert imported.keys() == {f.name for f in built.iterdir()}
    for file in built.iterdir():
        assert imported[file.name] == file.read_bytes(), file.name


def test_passage_batches_are_put_in_order_without_copying_them() -> None:
    batches = []
    for article in (1, 2, 3):  # added oldest first, the library's order is newest first
        counts = sparse.csr_matrix(np.arange(1, 7, dtype=np.float32).reshape(2, 3))
        positions = np.array([[article, 0, 0, 5], [article, 1, 6, 9]], dtype=np.int64)
        batches.append((counts, positions, None))
    placed = passage_build._in_order(list(batches), np.array([3, 2, 1]))
    assert [p[0, 0] for _, p, _ in placed] == [3, 2, 1]
    # Each batch is the one given, with the order of its rows: none of them copied here.
    assert {id(c) for c, _, _ in placed} == {id(c) for c, _, _ in batches}
    assert all(r is not None and r.tolist() == [0, 1] for _, _, r in placed)


def test_postings_placed_a_step_at_a_time_are_those_one_stable_sort_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from index.answer import said_columns

    rng = np.random.default_rng(5)
    lengths = rng.integers(0, 9, 400)
    vocab = rng.integers(0, 60, int(lengths.sum())).astype(np.int32)
    ends = np.cumsum(lengths)
    by_word = np.argsort(vocab, kind="stable")
    holder = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
    for step in (1, 7, 1 << 22):  # steps cutting statements, and all entries in one
        monkeypatch.setattr(said_columns, "POSTING_STEP", step)
        codes, rows = said_columns.postings(vocab, ends)
        assert codes.dtype == rows.dtype == np.int32
        assert np.array_equal(codes, vocab[by_word]) and np.array_equal(rows, holder[by_word])
    codes, rows = said_columns.postings(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64))
    assert len(codes) == len(rows) == 0 and codes.dtype == rows.dtype == np.int32


def test_an_import_build_holds_its_batches_in_memory_where_no_folder_can_be_made(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    build = building.ImportBuild(GUILD, blocked / "index")
    assert build._spill is None and build._build._passages._spill is None
    build.remove()  # nothing to delete
