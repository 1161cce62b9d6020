"""Pages a one-off scan read from a mapped index file leave the process's resident memory, and
the array still reads the same; speakers' quotes are counted by column as they are listed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from index.answer.mapped import release
from tests.index.answer.test_snapshot import _columns


def _resident_kb(path: Path) -> int:
    """Resident kilobytes of this process's mappings of one file (from /proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if len(fields) >= 5 and "-" in fields[0] and ":" in fields[3]:
            inside = len(fields) > 5 and fields[5] == str(path)
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_released_pages_leave_resident_memory_and_read_the_same(tmp_path: Path) -> None:
    path = tmp_path / "column.npy"
    np.save(path, np.arange(2_000_000, dtype=np.int64))  # 16 MB
    mapped = np.load(path, mmap_mode="r")
    column = mapped[::2]  # a strided view, as a column of a row-major file is
    total = int(column.sum())
    assert _resident_kb(path) > 8_000
    release(column)
    assert _resident_kb(path) < 1_000
    assert int(column.sum()) == total  # read again from the page cache
    release(np.arange(3), None)  # arrays in memory are left alone


def test_count_by_counts_what_rows_by_lists() -> None:
    columns = _columns()
    for name in ("Al", "Zoë Ångström", "Nobody"):
        for order in ([9, 8, 7], [9], []):
            assert columns.count_by(name, order) == len(columns.rows_by(name, order))
    assert columns.count_by("Al", [9, 8, 7]) == 1
