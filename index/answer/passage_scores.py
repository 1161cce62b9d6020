"""The two steps of a TF-IDF search whose cost grew with the library (retrieve.py): adding the
question's columns into every passage's score, and finding the best few among the passages
that scored.

At 100,000 articles (1.5 million passages) a question's columns list 50,000-250,000 passages.
numpy's `scores[rows] += weights * w` reads the rows three times over (gather, add, scatter)
and makes two temporary arrays; scipy's compiled CSC product adds each listed value in one
pass, with the same float32 rounding in the same column order, so every score is the same bit
for bit. Then the best few: comparing all 1.5 million scores with the floor and listing the
passages above it cost more than the additions; the passages a question can score are those
its columns list, so the few best are found among those alone (`candidates`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

try:  # scipy's own compiled kernels (a private module: a scipy without it gets numpy's adds)
    from scipy.sparse._sparsetools import csc_matvec
except ImportError:  # pragma: no cover - scipy 1.17 has it
    csc_matvec = None


def add_columns(
    scores: np.ndarray,
    matrix: sparse.csc_matrix,
    columns: Sequence[int],
    weights: np.ndarray,
) -> list[np.ndarray]:
    """Add `weight × value` of each of some columns into `scores` (a row's score by the row's
    index) and return each column's rows (views, not copies); a column past the matrix's
    width is skipped."""
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    width, height = matrix.shape[1], matrix.shape[0]
    # The compiled product wants one value type throughout and matching index types.
    compiled = csc_matvec is not None and data.dtype == scores.dtype == np.float32
    touched = []
    for column, weight in zip(columns, weights, strict=True):
        if column >= width:
            continue
        start, end = int(indptr[column]), int(indptr[column + 1])
        if compiled:
            # One column as a one-column matrix: its two offsets index the whole arrays.
            bounds = np.array([start, end], dtype=indices.dtype)
            factor = np.array([weight], dtype=np.float32)
            csc_matvec(height, 1, bounds, indices, data, factor, scores)
        else:
            scores[indices[start:end]] += data[start:end] * weight
        touched.append(indices[start:end])
    return touched


def candidates(
    scores: np.ndarray, touched: Sequence[np.ndarray], k: int, min_score: float
) -> np.ndarray:
    """Return, ascending, passages among which the k best by score (and every passage tied
    with the k-th) all are, each scoring at least `min_score` > 0; all such passages when
    fewer than k. `touched`: the rows each of the question's columns lists (a passage no
    column lists scores 0).

    A passage is listed once per column at most, so fewer than k × columns listings can
    score above the k-th best score; the (k × columns)-th best listing is a floor at or below
    it, and the passages listed at or above that floor hold the k best.
    """
    if not touched:
        return np.zeros(0, dtype=np.int64)
    listed = np.concatenate(touched) if len(touched) > 1 else touched[0]
    values = scores[listed]
    enough = k * len(touched)
    if len(listed) > enough:
        floor = np.partition(values, len(values) - enough)[len(values) - enough]
        keep = values >= max(floor, min_score)
    else:
        keep = values >= min_score
    rows = np.sort(listed[keep]).astype(np.int64, copy=False)
    if len(rows) > 1:
        rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
    return rows
