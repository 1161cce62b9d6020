"""Weights computed a slice at a time are the bits the one-expression formula gives."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from index.answer import weighting


def _one_expression(counts: sparse.csc_matrix, idf: np.ndarray) -> np.ndarray:
    """The formula as it was, every temporary as long as all the counts."""
    columns = np.repeat(np.arange(counts.shape[1], dtype=np.int32), np.diff(counts.indptr))
    data = (1.0 + np.log(counts.data)) * idf[columns]
    norms = np.sqrt(np.bincount(counts.indices, weights=data * data, minlength=counts.shape[0]))
    norms[norms == 0] = 1.0
    return (data / norms[counts.indices]).astype(np.float32)


@pytest.mark.parametrize("slice_size", [1, 7, 1000, 1 << 21])
def test_sliced_weights_are_the_one_expression_bits(
    monkeypatch: pytest.MonkeyPatch, slice_size: int
) -> None:
    monkeypatch.setattr(weighting, "SLICE", slice_size)
    rng = np.random.default_rng(3)
    counts = sparse.random(300, 120, density=0.08, format="csc", random_state=3)
    counts.data = np.ceil(counts.data * rng.integers(1, 9, len(counts.data))).astype(np.float32)
    columns = np.repeat(np.arange(counts.shape[1]), np.diff(counts.indptr))
    # An empty column, and an empty row (a passage of stop words).
    counts.data[(columns == 5) | (counts.indices == 7)] = 0
    counts.eliminate_zeros()
    idf = weighting.idf_of(np.diff(counts.indptr), counts.shape[0])
    weighed = weighting.weigh(counts, idf)
    expected = _one_expression(counts, idf)
    assert weighed.data.dtype == np.float32
    assert np.array_equal(weighed.data.view(np.uint32), expected.view(np.uint32))
    assert np.array_equal(weighed.indices, counts.indices)
    norms = np.sqrt(np.asarray(weighed.multiply(weighed).sum(axis=1)).ravel())
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5) and norms[7] == 0


def test_an_empty_index_weighs_to_nothing() -> None:
    empty = sparse.csc_matrix((0, 4), dtype=np.float32)
    assert weighting.weigh(empty, weighting.idf_of(np.zeros(4), 0)).nnz == 0
