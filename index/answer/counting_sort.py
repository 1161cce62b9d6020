"""Entries grouped by an integer key, placed a chunk at a time (a counting sort).

One stable argsort of every entry makes temporaries the size of them all: at the end of a
100,000-article import that was the build's peak. Knowing each key's count first, each chunk's
entries go straight to their slots, in the order one stable sort would give them.
"""

from __future__ import annotations

import numpy as np


def place_chunk(keys: np.ndarray, filled: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (the chunk's entries in key order, their slots in the grouped array) for a chunk
    of entries with these keys, and advance `filled` (each key's next free slot) past them.
    Chunks placed in turn keep their entries in order within each key."""
    by_key = np.argsort(keys, kind="stable")
    grouped = keys[by_key]
    here = np.bincount(grouped, minlength=len(filled))
    nth = np.arange(len(grouped)) - (np.cumsum(here) - here)[grouped]
    slots = filled[grouped] + nth
    filled += here
    return by_key, slots
