"""Give freed array memory back to the system during a long build (glibc's malloc).

An import's build makes many arrays of a few hundred kilobytes (each batch's counts and
columns), and joins them into large ones at the end. glibc serves the small ones from its heap
and keeps their pages once they are freed (its threshold for mapping a block by itself rises to
32 MB after the first large one is freed), so the joined arrays came on top of the freed
batches: 10,000 articles peaked at 464 MB, 385 MB with the threshold held at 128 KiB, where a
freed block's pages go back at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
MAPPED_FROM = 128 * 1024  # glibc's own starting threshold, held there


def return_freed_arrays() -> bool:
    """Have blocks of MAPPED_FROM bytes or more mapped by themselves (returned when freed);
    False where the C library is not glibc (nothing changes)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MAPPED_FROM))
    except (OSError, AttributeError):
        return False


def give_back_freed_heap() -> bool:
    """Return the free pages inside glibc's heap to the system (malloc_trim): a build frees
    its batches' small blocks, which the heap otherwise keeps (240 MB after rebuilding 100,000
    articles); False where the C library is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):
        return False
