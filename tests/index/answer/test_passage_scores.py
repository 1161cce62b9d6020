"""The search's two library-sized steps (index/answer/passage_scores.py) give what the plain
numpy forms give: the same scores bit for bit, and the same best passages with ties by row."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from index.answer import passage_scores
from index.answer.passage_scores import add_columns, candidates
from index.answer.retrieve import PassageIndex
from index.models import Passage


def _matrix(rows: int, columns: int, seed: int) -> sparse.csc_matrix:
    random = np.random.default_rng(seed)
    dense = random.random((rows, columns), dtype=np.float32)
    dense[random.random((rows, columns)) < 0.7] = 0.0
    return sparse.csc_matrix(dense)


def test_added_columns_score_as_numpy_adds_them_bit_for_bit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    matrix = _matrix(500, 40, seed=1)
    columns = [7, 3, 39, 12, 45]  # 45 is past the width: skipped
    weights = np.array([0.31, 0.77, 0.05, 0.52, 0.9], dtype=np.float32)
    plain = np.zeros(500, dtype=np.float32)
    for column, weight in zip(columns, weights, strict=True):
        if column < matrix.shape[1]:
            start, end = matrix.indptr[column], matrix.indptr[column + 1]
            plain[matrix.indices[start:end]] += matrix.data[start:end] * weight
    scores = np.zeros(500, dtype=np.float32)
    touched = add_columns(scores, matrix, columns, weights)
    assert scores.tobytes() == plain.tobytes()
    assert len(touched) == 4
    monkeypatch.setattr(passage_scores, "csc_matvec", None)  # a scipy without the kernel
    without = np.zeros(500, dtype=np.float32)
    add_columns(without, matrix, columns, weights)
    assert without.tobytes() == plain.tobytes()
    assert set(np.concatenate(touched).tolist()) == set(np.flatnonzero(plain).tolist())


def test_candidates_hold_the_best_and_every_tie_with_the_kth() -> None:
    scores = np.zeros(1000, dtype=np.float32)
    listed = [np.arange(0, 1000, 2), np.arange(0, 1000, 3), np.arange(500, 560)]
    for rows in listed:
        scores[rows] += 0.25
    scores[[7, 401, 998]] = 0.0  # removed passages: listed, scoring nothing
    for k in (1, 5, 30, 400):
        found = candidates(scores, listed, k, 1e-9)
        assert list(found) == sorted(set(found.tolist()))  # ascending, each once
        kth = np.sort(scores[scores > 0])[::-1][k - 1]
        assert set(np.flatnonzero(scores >= kth)) <= set(found.tolist())
        assert scores[found].min() > 0
    few = [np.array([4, 9])]
    scores[[4, 9]] = 0.5
    assert candidates(scores, few, 20, 1e-9).tolist() == [4, 9]
    assert candidates(scores, [], 20, 1e-9).tolist() == []


def test_top_is_the_same_as_ranking_every_passage() -> None:
    words = "harbour wall storm winter council vote budget school road river".split()
    random = np.random.default_rng(3)
    texts = [" ".join(random.choice(words, size=int(random.integers(3, 12)))) for _ in range(600)]
    index = PassageIndex([Passage(i // 6 + 1, i % 6, 0, len(t)) for i, t in enumerate(texts)], texts)
    grown = index.updated([Passage(999, 0, 0, 20)], ["harbour storm harbour"], removed={3})
    for searched in (index, grown):
        for query in ("harbour wall storms", "council budget vote school", "river"):
            scores = searched.scores(query)
            ranked = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda r: (-scores[r], r))
            for k in (1, 10, 50):
                assert [row for row, _ in searched.top(query, k=k)] == ranked[:k]
    assert grown.top("harbour storm", k=1)[0][0] == 600  # the added passage, scored by delta
