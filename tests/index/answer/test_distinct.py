"""The sort helpers of index/answer/distinct.py give numpy's own unique and lexsort results."""

from __future__ import annotations

import numpy as np

from index.answer.distinct import distinct, distinct_rows, lexsort, packed


def test_distinct_and_lexsort_match_numpy() -> None:
    random = np.random.default_rng(5)
    values = random.integers(-50, 50, size=2000)
    assert np.array_equal(distinct(values), np.unique(values))
    assert distinct(np.zeros(0, dtype=np.int64)).tolist() == []
    keys = (np.arange(2000), random.integers(0, 7, 2000), random.integers(-3, 3, 2000) > 0)
    assert np.array_equal(lexsort(keys), np.lexsort(keys))
    rows = random.integers(-4, 4, size=(500, 3))
    found, places = distinct_rows(rows)
    expected, where = np.unique(rows, axis=0, return_inverse=True)
    assert np.array_equal(found, expected) and np.array_equal(places, where.reshape(-1))


def test_keys_too_wide_to_pack_sort_by_lexsort_itself() -> None:
    wide = (np.array([2**40, -(2**40), 5]), np.array([2**30, 0, -(2**30)]))
    assert packed(wide) is None
    assert np.array_equal(lexsort(wide), np.lexsort(wide))
    found, places = distinct_rows(np.stack(wide, axis=1))
    expected, where = np.unique(np.stack(wide, axis=1), axis=0, return_inverse=True)
    assert np.array_equal(found, expected) and np.array_equal(places, where.reshape(-1))
