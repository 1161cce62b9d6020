"""Gathering many slices of one flat buffer into a new buffer, in bounded memory.

Quote texts, statement texts and term rows are each one flat array with every row's end offset;
re-ordering rows (by article) or keeping some of them is one gather of their slices.
"""

from __future__ import annotations

import numpy as np

# Elements gathered per step: bounds the int64 index arrays of a gather to 32 MB each (at 100,000
# articles the quote texts alone are 125 MB: one index per byte was gigabytes).
GATHER_CHUNK = 1 << 22


def gather(buffer: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenate the slices buffer[start : start + length], vectorized a chunk at a time."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.uint8)
    source, starts = np.asarray(buffer), np.asarray(starts, dtype=np.int64)
    found, ends, row = np.empty(total, dtype=source.dtype), np.cumsum(lengths), 0
    while row < len(lengths):
        first = int(ends[row - 1]) if row else 0
        stop = max(int(np.searchsorted(ends, first + GATHER_CHUNK, side="right")), row + 1)
        last = int(ends[stop - 1])
        # Each row's slice moves from its start in `buffer` to where it lands in `found`.
        shift = starts[row:stop] - np.concatenate([[first], ends[row : stop - 1]])
        where = np.arange(first, last, dtype=np.int64)
        found[first:last] = source[where + np.repeat(shift, lengths[row:stop])]
        row = stop
    return found
