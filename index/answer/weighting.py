"""TF-IDF weights of a passage index's term counts, computed a slice of counts at a time.

At 100,000 articles the index holds about 38 million counts. Weighing them in one expression
made float64 temporaries as long as all of them (squares, gathered norms, quotients): over a
gigabyte at the end of an import, the import's peak. Here only one slice's temporaries exist at
once. Each value goes through the same operations in the same order as the one expression
(squares summed row by row in count order, as `np.bincount` sums them), so the weights are
the same bits.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy import sparse

from index.answer.mapped import release
from index.text.terms import smooth_idf

SLICE = 1 << 21  # counts weighed a step: temporaries of a few tens of MB


def idf_of(df: np.ndarray, rows: int) -> np.ndarray:
    """Smooth inverse document frequencies (float32) of terms in `df` of `rows` passages."""
    return smooth_idf(rows, df).astype(np.float32)


def weigh(
    counts: sparse.csc_matrix, idf: np.ndarray, out: np.ndarray | None = None
) -> sparse.csc_matrix:
    """Sublinear tf times IDF, each row scaled to unit length; `out`: float32 to hold the
    weights (a file mapped, filled a slice at a time), else a new array. Counts mapped from
    files are read a slice at a time too: the pages read are given back after each slice."""
    indptr, indices, raw = counts.indptr, counts.indices, counts.data
    weights = np.empty(len(indices), dtype=np.float32) if out is None else out
    squares = np.zeros(counts.shape[0], dtype=np.float64)
    # Whole columns a slice, so that each count's column is a repeat of the slice's columns.
    cuts = np.unique(np.searchsorted(indptr, np.arange(0, len(indices), SLICE), side="right"))
    bounds = [*(int(c) - 1 for c in cuts), counts.shape[1]]
    for first, last in itertools.pairwise(bounds):
        lo, hi = int(indptr[first]), int(indptr[last])
        columns = np.repeat(np.arange(first, last, dtype=np.int32), np.diff(indptr[first : last + 1]))
        part = (1.0 + np.log(raw[lo:hi])) * idf[columns]
        weights[lo:hi] = part
        np.add.at(squares, indices[lo:hi], (part * part).astype(np.float64))
        release(weights, indices, raw)
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    for lo in range(0, len(indices), SLICE):
        hi = min(lo + SLICE, len(indices))
        weights[lo:hi] = weights[lo:hi] / norms[indices[lo:hi]]
        release(weights, indices)
    return sparse.csc_matrix((weights, indices, indptr), shape=counts.shape)
