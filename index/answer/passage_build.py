"""Build one PassageIndex from batches of passages, holding only their term counts.

An import adds articles oldest first, a build reads them newest first: `build(order)` puts the
rows in the library's order and numbers the terms as counting in that order would, so the
index (and every answer) is the same however the batches came.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from index.answer.retrieve import PassageIndex, _positions, _Rows, _widen
from index.models import Passage


class PassageBuilder:
    """Build one PassageIndex from batches of passages, holding only their term counts: the
    same index as `PassageIndex(all passages, all texts)`, without every text at once."""

    def __init__(self) -> None:
        self._vocabulary: dict[str, int] = {}
        self._batches: list[tuple[sparse.csr_matrix, np.ndarray]] = []

    def add(self, passages: Sequence[Passage], texts: Sequence[str]) -> None:
        """Count the terms of some passages (in the order the whole index should have them)."""
        self._batches.append((_Rows.count(texts, self._vocabulary).counts, _positions(passages)))

    def build(self, order: Sequence[int] | None = None) -> PassageIndex:
        """Return the index of every passage added, weighted once. With `order` (article ids,
        the library's order), batches added in any order give the same index, term ids
        included, as adding them in that order."""
        width, batches = len(self._vocabulary), self._batches
        if not batches:
            return PassageIndex()
        vocabulary = self._vocabulary
        # A batch counted early knows fewer terms: give every batch the final width first, so
        # batches can be stacked in any order.
        batches = [(_widen(c, width), p) for c, p in batches]
        if order is not None and len(order):
            batches = _in_order(batches, np.asarray(order, dtype=np.int64))
            vocabulary, relabel = _first_seen(vocabulary, [c for c, _ in batches])
            batches = [
                (sparse.csr_matrix((c.data, relabel[c.indices], c.indptr), shape=c.shape), p)
                for c, p in batches
            ]
        counts = sparse.vstack([c for c, _ in batches], format="csc")
        positions = np.concatenate([p for _, p in batches])
        return PassageIndex._make(vocabulary, positions, counts)


def _in_order(
    batches: list[tuple[sparse.csr_matrix, np.ndarray]], order: np.ndarray
) -> list[tuple[sparse.csr_matrix, np.ndarray]]:
    """Reorder passages by their article's place in `order` (stably), batch by batch when the
    batches do not interleave (an import adds articles in runs), else all at once."""
    by_id = np.argsort(order, kind="stable")

    def ranks(positions: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(order[by_id], positions[:, 0]), len(order) - 1)
        found = by_id[at]
        if not np.array_equal(order[found], positions[:, 0]):
            raise ValueError("a passage of an article the order leaves out")
        return found

    sorted_batches = []
    for counts, positions in batches:
        rank = ranks(positions)
        rows = np.argsort(rank, kind="stable")
        sorted_batches.append((rank[rows], counts[rows], positions[rows]))
    sorted_batches.sort(key=lambda b: int(b[0][0]) if len(b[0]) else -1)
    last = -1
    for rank, _, _ in sorted_batches:
        if len(rank) and int(rank[0]) < last:  # interleaved: one sort over every passage
            counts = sparse.vstack([c for _, c, _ in sorted_batches], format="csr")
            positions = np.concatenate([p for _, _, p in sorted_batches])
            rows = np.argsort(ranks(positions), kind="stable")
            return [(counts[rows], positions[rows])]
        last = int(rank[-1]) if len(rank) else last
    return [(c, p) for _, c, p in sorted_batches]


def _first_seen(
    vocabulary: dict[str, int], batches: list[sparse.csr_matrix]
) -> tuple[dict[str, int], np.ndarray]:
    """Renumber terms by first appearance over the rows in order (each row's terms as counted),
    as counting the passages in that order would have numbered them."""
    relabel = np.full(len(vocabulary), -1, dtype=np.int32)
    given = 0
    for counts in batches:
        for at in range(0, counts.shape[0], 50_000):  # bounded temporaries
            chunk = counts.indices[
                counts.indptr[at] : counts.indptr[min(at + 50_000, counts.shape[0])]
            ]
            terms_, first = np.unique(chunk, return_index=True)
            new = relabel[terms_] < 0
            fresh = terms_[new][np.argsort(first[new], kind="stable")]
            relabel[fresh] = np.arange(given, given + len(fresh), dtype=np.int32)
            given += len(fresh)
    unseen = np.flatnonzero(relabel < 0)  # none when every counted term is in some row
    relabel[unseen] = np.arange(given, given + len(unseen), dtype=np.int32)
    words = sorted(vocabulary, key=lambda w: int(relabel[vocabulary[w]]))
    return {word: i for i, word in enumerate(words)}, relabel
