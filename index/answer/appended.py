"""Arrays grown a batch at a time in `.npy` files on disk, then read back memory-mapped.

An import's index build used to keep every batch's columns and term counts in memory until the
import ended, then join them: at 100,000 articles that was most of the 1.2 GB the import held
when storing ended, and the joined arrays came on top. Here each named array is one `.npy` file
that every batch is appended to. numpy leaves room in an `.npy` header for the length to grow
(`GROWTH_AXIS_MAX_DIGITS`), so when the rows are all in the header is written again in place and
the file is exactly what `np.save` of the joined array writes: the index save links it into the
generation instead of writing it again (snapshot.py), and reading it maps it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

import numpy as np


class AppendedArrays:
    """Named arrays, each a `.npy` file in its own folder grown by appending rows."""

    def __init__(self, parent: Path, prefix: str) -> None:
        """Make a folder in `parent` named by `prefix`, this process's id and a random part."""
        parent.mkdir(parents=True, exist_ok=True)
        forget_abandoned(parent, prefix)
        self.folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
        self._files: dict[str, BinaryIO] = {}
        self._kinds: dict[str, tuple[np.dtype, tuple[int, ...]]] = {}  # dtype, row shape
        self._rows: dict[str, int] = {}

    def append(self, name: str, rows: np.ndarray) -> None:
        """Add rows at the end of an array (the first rows fix its dtype and row shape)."""
        kind = (rows.dtype, rows.shape[1:])
        file = self._files.get(name)
        if file is None:
            file = self._files[name] = (self.folder / f"{name}.npy").open("w+b")
            self._kinds[name], self._rows[name] = kind, 0
            _header(file, kind, 0)
        elif kind != self._kinds[name]:  # joining them in memory would have converted them
            raise ValueError(f"rows of {name} are {kind}, not {self._kinds[name]}")
        file.write(np.ascontiguousarray(rows).data)
        self._rows[name] += len(rows)

    def __contains__(self, name: str) -> bool:
        return name in self._kinds

    def rows(self, name: str) -> int:
        """How many rows an array has so far."""
        return self._rows[name]

    def whole(self, name: str) -> np.ndarray:
        """Return an array whole, mapped from its file; no row can be appended after."""
        file = self._files.pop(name, None)
        path = self.folder / f"{name}.npy"
        if file is not None:
            size = file.tell()
            file.seek(0)
            _header(file, self._kinds[name], self._rows[name])
            if file.tell() != size - self._rows[name] * _row_bytes(self._kinds[name]):
                raise ValueError(f"the header of {name} outgrew its room")  # numpy leaves 21 digits
            file.close()
        # An empty array cannot be mapped (a mapping of no bytes): read, it is a header.
        if not self._rows[name]:
            return np.load(path, allow_pickle=False)
        return np.load(path, mmap_mode="r", allow_pickle=False)

    def saved(self, name: str, array: np.ndarray) -> np.ndarray:
        """Write an array whole as a file of its own and return it mapped from there (the
        array in memory can then be let go)."""
        path = self.folder / f"{name}.npy"
        np.save(path, np.ascontiguousarray(array), allow_pickle=False)
        if not array.size:  # nothing to map
            return np.load(path, allow_pickle=False)
        return np.load(path, mmap_mode="r", allow_pickle=False)

    def created(self, name: str, dtype: type, length: int) -> np.ndarray:
        """Return a new array of `length` items to fill in place, mapped from a file of its own
        (the same bytes as `np.save` of the filled array)."""
        path = self.folder / f"{name}.npy"
        if not length:
            return np.zeros(0, dtype=dtype)
        return np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=(length,))

    def remove(self) -> None:
        """Delete the files (arrays mapped from them stay readable where the system allows)."""
        for file in self._files.values():
            file.close()
        self._files.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def forget_abandoned(parent: Path, prefix: str) -> None:
    """Delete the folders of processes that ended without removing theirs (killed mid-import:
    up to a gigabyte at 100,000 articles); those of running processes are left alone."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix).split("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)  # no signal sent: tells whether the process exists
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (PermissionError, OSError):  # another user's process, or no way to tell
            continue


class HeldArrays:
    """Named arrays grown by appending rows, kept in memory as parts until asked for whole."""

    def __init__(self) -> None:
        self._parts: dict[str, list[np.ndarray]] = {}

    def append(self, name: str, rows: np.ndarray) -> None:
        """Add rows at the end of an array."""
        self._parts.setdefault(name, []).append(rows)

    def saved(self, name: str, array: np.ndarray) -> np.ndarray:
        """Return an array as it is (kept in memory, as the rest)."""
        return array

    def __contains__(self, name: str) -> bool:
        return name in self._parts

    def whole(self, name: str) -> np.ndarray:
        """Return an array whole: its parts joined (and let go: the join is kept instead)."""
        parts = self._parts[name]
        joined = np.concatenate(parts) if len(parts) != 1 else parts[0]
        parts[:] = [joined]
        return joined


def _header(file: BinaryIO, kind: tuple[np.dtype, tuple[int, ...]], rows: int) -> None:
    dtype, row_shape = kind
    header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False,
              "shape": (rows, *row_shape)}  # fmt: skip
    np.lib.format.write_array_header_1_0(file, header)


def _row_bytes(kind: tuple[np.dtype, tuple[int, ...]]) -> int:
    dtype, row_shape = kind
    return int(dtype.itemsize * int(np.prod(row_shape, dtype=np.int64)))


def is_whole_file(array: np.ndarray) -> Path | None:
    """Return the `.npy` file an array (a memmap or a plain view of all of one) is mapped from
    whole, its header describing exactly this array; else None. Such a file holds the bytes
    `np.save` of the array would write."""
    mapped: np.ndarray | None = array
    while mapped is not None and not isinstance(mapped, np.memmap):
        mapped = getattr(mapped, "base", None)
    filename = getattr(mapped, "filename", None)
    if mapped is None or filename is None or not array.flags.c_contiguous:
        return None
    same = (
        array.shape == mapped.shape and array.dtype == mapped.dtype
        and array.__array_interface__["data"][0] == mapped.__array_interface__["data"][0]
    )  # fmt: skip
    path = Path(filename)
    try:
        with path.open("rb") as file:
            if not same or np.lib.format.read_magic(file) != (1, 0):
                return None
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(file)
            whole = (
                not fortran and shape == array.shape and dtype == array.dtype
                and mapped.offset == file.tell()
                and path.stat().st_size == file.tell() + array.nbytes
            )  # fmt: skip
    except (OSError, ValueError):
        return None
    return path if whole else None
