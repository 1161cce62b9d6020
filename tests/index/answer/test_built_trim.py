"""An index the cache built (a bulk import's, or a rebuild of a lost index folder) maps its
largest arrays from the build's spill files; past the mapped-pages budget the cache gives
their pages back as it does a saved index's, and answers stay the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.answer import building, mapped, snapshot
from index.answer import cache as cache_module
from index.intake.bulk import read_source
from index.service import Library
from tests.conftest import GUILD
from tests.index.answer.test_building import QUESTIONS, _answers, _corpus


def _spill_folder(array: np.ndarray) -> str:
    """The folder of the file an array is mapped from (itself a memmap or a view of one's)."""
    found: object = array
    while not isinstance(found, np.memmap):
        found = getattr(found, "base", None)
        assert found is not None, "an array not mapped from a file"
    return Path(found.filename).parent.name  # type: ignore[arg-type]


@pytest.mark.parametrize("how", ["import", "rebuild"])
async def test_a_built_index_has_its_mapped_arrays_given_back_past_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(building, "IMPORT_BATCH", 7)
    monkeypatch.setattr(building, "BUILD_BATCH", 7)  # a rebuild of 30 articles spills too
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        _, items = read_source(_corpus(tmp_path / "c.jsonl", range(30)))
        await library.import_items(GUILD, items)
        roomy = _answers([await library.ask(GUILD, q) for q in QUESTIONS])
    if how == "rebuild":  # the index folder lost: the next question rebuilds it from the store
        root = snapshot.folder_for(str(db))
        assert root is not None
        shutil.rmtree(root)
    given: list[tuple[np.ndarray, ...]] = []
    real_release = cache_module.release

    def watched(*arrays: np.ndarray) -> None:
        given.append(arrays)
        real_release(*arrays)

    monkeypatch.setattr(cache_module, "release", watched)
    monkeypatch.setenv(mapped.MAPPED_MB_SETTING, "0")  # every question is past the budget
    async with await Library.open(db) as library:
        if how == "import":
            _, items = read_source(_corpus(tmp_path / "d.jsonl", range(30, 40)))
            await library.import_items(GUILD + 1, items)  # kept in this process, built
            guild = GUILD + 1
        else:
            guild = GUILD
        index = await library.guild_index(guild)  # built (the import's, or rebuilt)
        registered = library._indexes._mapped[guild]
        # The build's arrays, mapped from its spill files (removed since the save: still read).
        folders = {_spill_folder(array) for array in registered}
        assert folders and all(f.startswith(f".import-{guild}-") for f in folders)
        assert {id(a) for a in index.passages.arrays()} & {id(a) for a in registered}
        answers = _answers([await library.ask(guild, q) for q in QUESTIONS])
    # Given back at each question (the budget is 0), the built index's arrays among them.
    assert {id(a) for arrays in given for a in arrays} >= {id(a) for a in registered}
    if how == "rebuild":  # pages given back and read again: the same answers
        assert answers == roomy
