"""Past the mapped-pages budget the cache gives back the pages of the index files it maps, and
answers stay the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.answer import cache as cache_module
from index.answer import mapped
from index.service import Library
from tests.conftest import FERRY, GUILD

QUESTIONS = [
    "what did Marta Quill say?",
    "what did Marta Quill say about the boat?",
    "why the delay?",
]


async def _answers(db: Path) -> list[object]:
    async with await Library.open(db) as library:
        return [await library.ask(GUILD, q) for q in QUESTIONS * 2]


async def test_pages_are_given_back_past_the_budget_with_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        await library.add_text(GUILD, FERRY)
        await library.keep_index(GUILD)  # saved: a new process maps the files
    roomy = await _answers(db)
    given: list[tuple[np.ndarray, ...]] = []
    monkeypatch.setattr(cache_module, "release", lambda *arrays: given.append(arrays))
    monkeypatch.setenv(mapped.MAPPED_MB_SETTING, "0")  # every question is past the budget
    assert await _answers(db) == roomy
    assert len(given) >= len(QUESTIONS)  # at the start of each question but the first
    # The arrays given back are the mapped index files (memory-mapped .npy files).
    assert all(isinstance(array, np.memmap) for arrays in given for array in arrays)
    assert {Path(array.filename).suffix for array in given[0]} == {".npy"}  # type: ignore[attr-defined]


async def test_nothing_is_given_back_within_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "lib.db"
    async with await Library.open(db) as library:
        await library.add_text(GUILD, FERRY)
        await library.keep_index(GUILD)
    given: list[object] = []
    monkeypatch.setattr(cache_module, "release", lambda *arrays: given.append(arrays))
    monkeypatch.setenv(mapped.MAPPED_MB_SETTING, "100000")
    assert len(await _answers(db)) == 2 * len(QUESTIONS) and given == []
    assert mapped.mapped_resident() > 0  # this process's mapped files are counted (Linux)
