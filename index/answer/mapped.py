"""Give back the pages of memory-mapped index files that a one-off scan read.

A saved index is mapped, not read (snapshot.py): a question reads only the pages it touches.
Some work reads a whole file once (the checks at load, passage lengths, postings bounds); its
pages would then stay in the process's resident memory for as long as the index is kept, though
nothing reads most of them again. `release` drops them from this process (MADV_DONTNEED): the
kernel's page cache still holds them, so a later read costs a minor fault, not a disk read, and
nothing is lost since mapped index files are only read.
"""

from __future__ import annotations

import contextlib
import mmap
import os

import numpy as np

_DROP = getattr(mmap, "MADV_DONTNEED", None)  # Linux and most Unixes; elsewhere a no-op
# Resident pages of mapped files (index files and libraries) a process keeps before the cache
# gives its index files' pages back (IndexCache.trim): questions read scattered pages, and the
# kernel maps 64 KB around each, so at 100,000 articles a few hundred questions left 700 MB of
# index files resident. A page given back costs a minor fault when read again.
MAPPED_MB_SETTING = "ARTICLEBOT_MAPPED_MB"
DEFAULT_MAPPED_MB = 384


def mapped_budget() -> int:
    """Return the bytes of mapped files a process may keep resident (the setting, in MB)."""
    return int(os.environ.get(MAPPED_MB_SETTING) or DEFAULT_MAPPED_MB) * 2**20


def mapped_resident() -> int:
    """Return the bytes of this process's resident pages backed by files (0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[2]) * mmap.PAGESIZE
    except (OSError, IndexError, ValueError):  # not Linux
        return 0


def release(*arrays: np.ndarray | None) -> None:
    """Drop the resident pages of the files these arrays are mapped from (if they are)."""
    if _DROP is None:
        return
    seen: set[int] = set()
    for array in arrays:
        handle = _mapping(array)
        if handle is not None and id(handle) not in seen:
            seen.add(id(handle))
            with contextlib.suppress(OSError, ValueError):  # closed or empty: nothing to give
                handle.madvise(_DROP)


def is_mapped(array: object) -> bool:
    """Tell an array read from a mapped file (itself a memmap or a view of one's data)."""
    return _mapping(array) is not None


def _mapping(array: object) -> mmap.mmap | None:
    """Return the mmap behind an array: its own, or that of the array it is a view of."""
    while array is not None:
        handle = getattr(array, "_mmap", None)
        if isinstance(handle, mmap.mmap):
            return handle
        array = getattr(array, "base", None)
    return None
