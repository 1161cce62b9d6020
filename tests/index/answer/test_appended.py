"""Arrays grown batch by batch in .npy files are the files np.save of the joined arrays writes."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from index.answer import snapshot
from index.answer.appended import AppendedArrays, HeldArrays, is_whole_file


def _parts() -> dict[str, list[np.ndarray]]:
    rng = np.random.default_rng(3)
    return {
        "numbers": [rng.integers(-9, 9, size=(n, 5)) for n in (4, 0, 7)],
        "text": [np.frombuffer(b"hello", dtype=np.uint8), np.frombuffer(b"", dtype=np.uint8)],
        "codes": [np.arange(n, dtype=np.int32) for n in (3, 11)],
        "empty": [np.zeros(0, dtype=np.int64)],
    }


def test_appended_files_are_the_files_np_save_of_the_joined_arrays_writes(tmp_path: Path) -> None:
    spill = AppendedArrays(tmp_path, ".spill-")
    for name, parts in _parts().items():
        for part in parts:
            spill.append(name, part)
    for name, parts in _parts().items():
        whole = spill.whole(name)
        np.save(tmp_path / f"{name}.npy", np.concatenate(parts), allow_pickle=False)
        assert (spill.folder / f"{name}.npy").read_bytes() == (tmp_path / f"{name}.npy").read_bytes()
        assert np.array_equal(whole, np.concatenate(parts)) and whole.dtype == parts[0].dtype
    spill.remove()
    assert not spill.folder.exists()


def test_appending_rows_of_another_kind_is_refused(tmp_path: Path) -> None:
    spill = AppendedArrays(tmp_path, ".spill-")
    spill.append("codes", np.arange(3, dtype=np.int32))
    with pytest.raises(ValueError, match="codes"):
        spill.append("codes", np.arange(3, dtype=np.int64))  # joining would have widened them


def test_held_arrays_join_their_parts_once() -> None:
    held = HeldArrays()
    for part in _parts()["numbers"]:
        held.append("numbers", part)
    whole = held.whole("numbers")
    assert np.array_equal(whole, np.concatenate(_parts()["numbers"]))
    assert held.whole("numbers") is whole


def test_a_whole_mapped_file_is_told_from_a_part_of_one_and_from_memory(tmp_path: Path) -> None:
    spill = AppendedArrays(tmp_path, ".spill-")
    spill.append("numbers", np.arange(40, dtype=np.int64).reshape(8, 5))
    whole = spill.whole("numbers")
    assert is_whole_file(whole) == spill.folder / "numbers.npy"
    assert is_whole_file(np.asarray(whole)) == spill.folder / "numbers.npy"  # a plain view
    assert is_whole_file(whole[1:]) is None and is_whole_file(whole[:, :2]) is None
    assert is_whole_file(np.asarray(whole).view(np.uint8)) is None
    assert is_whole_file(np.arange(40)) is None


def test_a_save_links_a_whole_mapped_file_instead_of_writing_it_again(tmp_path: Path) -> None:
    spill = AppendedArrays(tmp_path / "spill", ".spill-")
    spill.append("numbers", np.arange(40, dtype=np.int64).reshape(8, 5))
    whole = spill.whole("numbers")
    sizes = snapshot._write(tmp_path, {"mapped": whole, "held": np.arange(3)})
    linked = os.stat(tmp_path / "mapped.npy")
    assert linked.st_ino == os.stat(spill.folder / "numbers.npy").st_ino
    assert sizes["mapped"] == linked.st_size
    assert np.array_equal(np.load(tmp_path / "held.npy"), np.arange(3))


def test_the_folders_of_ended_processes_are_deleted_and_running_ones_kept(tmp_path: Path) -> None:
    import subprocess
    import sys

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    abandoned = tmp_path / f".import-7-{ended.stdout.strip()}-abc"
    running = tmp_path / f".import-7-{os.getppid()}-def"  # the process that started pytest
    other_guild = tmp_path / f".import-70-{ended.stdout.strip()}-ghi"
    for folder in (abandoned, running, other_guild):
        folder.mkdir()
        (folder / "q_text.npy").write_bytes(b"rows")
    spill = AppendedArrays(tmp_path, ".import-7-")
    assert spill.folder.name.startswith(f".import-7-{os.getpid()}-")
    assert not abandoned.exists() and running.exists() and other_guild.exists()
