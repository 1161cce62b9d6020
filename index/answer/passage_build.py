"""Build one PassageIndex from batches of passages, holding only their term counts.

An import adds articles oldest first, a build reads them newest first: `build(order)` puts the
rows in the library's order and numbers the terms as counting in that order would, so the
index (and every answer) is the same however the batches came.

A bulk import counts each article's passage terms where it prepares the article, in a worker
process (`count_passages`): the import's own process, which stores the articles, then only
numbers each article's distinct terms (`add_counted`), a dictionary look-up a term rather than
splitting, stemming and counting every passage again.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from index.answer.appended import AppendedArrays
from index.answer.counting_sort import place_chunk
from index.answer.mapped import release
from index.answer.passages import spans_of
from index.answer.retrieve import PassageIndex, _positions, _widen
from index.answer.term_rows import TermRows as _Rows
from index.answer.weighting import idf_of, weigh
from index.models import Document, Passage
from index.text.terms import term_counts, word_term_counts


@dataclass(frozen=True, slots=True)
class CountedPassages:
    """One article's passages with their terms counted, before the article has an id."""

    spans: np.ndarray  # int64 (passages, 3): paragraph index, start, end
    words: list[str]  # the article's distinct terms, in the order they were first counted
    terms: np.ndarray  # int32: each passage's terms in counting order, as indices into words
    counts: np.ndarray  # float32: how often each of `terms` occurs in its passage
    ends: np.ndarray  # int64 (passages,): where each passage's terms end in `terms`

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickle the arrays as their bytes: a worker hands one of these back for every article,
        and numpy's own pickling of four small arrays took a third more time (and unpickling
        half more). The words go as one string, cut at the spaces no term holds: pickling and
        unpickling some 300 strings one by one was most of the rest."""
        arrays = (self.spans, self.terms, self.counts, self.ends)
        return _counted_from_bytes, (" ".join(self.words), *(array.tobytes() for array in arrays))


def _counted_from_bytes(
    words: str, spans: bytes, terms_: bytes, counts: bytes, ends: bytes
) -> CountedPassages:
    """Rebuild a pickled CountedPassages: read-only views of the bytes (they are only read)."""
    return CountedPassages(
        np.frombuffer(spans, dtype=np.int64).reshape(-1, 3),
        words.split(" ") if words else [],
        np.frombuffer(terms_, dtype=np.int32),
        np.frombuffer(counts, dtype=np.float32),
        np.frombuffer(ends, dtype=np.int64),
    )


def count_passages(
    text: str, document: Document, words: dict[tuple[int, int], list[str]] | None = None
) -> CountedPassages:
    """Count the terms of an analysed text's passages, as `PassageBuilder.add` counts them.
    `words`: `span_words` of some spans of the text (a passage that is one of them is not
    split again)."""
    local: dict[str, int] = {}
    number = local.setdefault  # a new term gets the next number: len(local) before it is added
    spans: list[int] = []  # each passage's paragraph index, start and end, one after another
    found: list[int] = []
    counts: list[int] = []
    ends: list[int] = []
    known = words or {}
    for paragraph, start, end in spans_of(document):
        split = known.get((start, end))
        counted = term_counts(text[start:end]) if split is None else word_term_counts(split)
        # A list a passage rather than a test and two appends a term: a sixth of the counting.
        found += [number(term, len(local)) for term in counted]
        counts += counted.values()
        spans += (paragraph, start, end)
        ends.append(len(found))
    return CountedPassages(
        _packed(spans, "q", np.int64).reshape(-1, 3),
        list(local),
        _packed(found, "i", np.int32),
        _packed(counts, "f", np.float32),
        _packed(ends, "q", np.int64),
    )


def _packed(values: list[int], code: str, dtype: type) -> np.ndarray:
    """Return the ints as a read-only array of `dtype` (`code`: its `struct` format letter).
    Packed by `struct` and read as its bytes: `np.array` of a list of ints inspected and
    converted every item alone, twice the instructions."""
    return np.frombuffer(struct.pack(f"<{len(values)}{code}", *values), dtype=dtype)


class PassageBuilder:
    """Build one PassageIndex from batches of passages, holding only their term counts: the
    same index as `PassageIndex(all passages, all texts)`, without every text at once."""

    def __init__(self, spill: AppendedArrays | None = None) -> None:
        """`spill`: files each batch's counts are appended to, instead of keeping them."""
        self._vocabulary: dict[str, int] = {}
        self._batches: list[tuple[sparse.csr_matrix, np.ndarray]] = []
        self._spill = spill
        self._spilled: list[tuple[int, int]] = []  # each spilled batch's rows and counts

    def add(self, passages: Sequence[Passage], texts: Sequence[str]) -> None:
        """Count the terms of some passages (in the order the whole index should have them)."""
        self._keep(_Rows.count(texts, self._vocabulary).counts, _positions(passages))

    def _keep(self, counts: sparse.csr_matrix, positions: np.ndarray) -> None:
        spill = self._spill
        if spill is None:
            self._batches.append((counts, positions))
            return
        spill.append("passage_counts", np.asarray(counts.data, dtype=np.float32))
        spill.append("passage_terms", np.asarray(counts.indices, dtype=np.int32))
        spill.append("passage_sizes", np.diff(counts.indptr).astype(np.int64))
        spill.append("passage_positions", np.asarray(positions, dtype=np.int64).reshape(-1, 4))
        self._spilled.append((counts.shape[0], counts.nnz))

    def _taken(self) -> list[tuple[sparse.csr_matrix, np.ndarray]]:
        """Every batch added, as added (the spilled ones mapped from their files), let go here."""
        batches, self._batches = self._batches, []
        spilled, self._spilled = self._spilled, []
        if not spilled or self._spill is None:
            return batches
        names = ("passage_counts", "passage_terms", "passage_sizes", "passage_positions")
        data, terms_, sizes, positions = (self._spill.whole(name) for name in names)
        row, at, width = 0, 0, len(self._vocabulary)
        for rows, nnz in spilled:
            indptr = np.zeros(rows + 1, dtype=np.int64)
            np.cumsum(sizes[row : row + rows], out=indptr[1:])
            matrix = sparse.csr_matrix(
                (data[at : at + nnz], terms_[at : at + nnz], indptr), shape=(rows, width)
            )
            batches.append((matrix, positions[row : row + rows]))
            row, at = row + rows, at + nnz
        return batches

    def add_counted(self, articles: Sequence[tuple[int, CountedPassages]]) -> None:
        """Add articles' passages counted by `count_passages` (article id, its count): the
        same rows and term ids as `add` of those passages."""
        vocabulary = self._vocabulary
        # Every article's words numbered, one after another: its terms index its own stretch.
        known: list[int | None] = []
        countings = [counted for _, counted in articles]
        for counted in countings:
            # Numbered in the order counting would meet them: first counted, first numbered (an
            # article's words are distinct, so its new ones take the next numbers in turn).
            found = list(map(vocabulary.get, counted.words))
            if None in found:
                for at, word in enumerate(counted.words):
                    if found[at] is None:
                        found[at] = vocabulary[word] = len(vocabulary)
            known += found
        # The batch's arrays joined once, each article's offsets added by `np.repeat`, rather
        # than a dozen small numpy calls an article.
        words_before = _starts([len(c.words) for c in countings])
        terms_before = _starts([len(c.terms) for c in countings])
        passages = [len(c.spans) for c in countings]
        terms_ = _joined([c.terms for c in countings], np.int32)
        terms_ += np.repeat(words_before, [len(c.terms) for c in countings])
        indptr = np.zeros(sum(passages) + 1, dtype=np.int64)
        indptr[1:] = _joined([c.ends for c in countings], np.int64)
        indptr[1:] += np.repeat(terms_before, passages)
        matrix = sparse.csr_matrix(
            (
                _joined([c.counts for c in countings], np.float32),
                np.array(known, dtype=np.int32)[terms_],
                indptr,
            ),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        rows = np.zeros((len(indptr) - 1, 4), dtype=np.int64)
        rows[:, 0] = np.repeat(np.array([i for i, _ in articles], dtype=np.int64), passages)
        rows[:, 1:] = _joined([c.spans for c in countings], np.int64).reshape(-1, 3)
        self._keep(matrix, rows)

    def build(self, order: Sequence[int] | None = None) -> PassageIndex:
        """Return the index of every passage added, weighted once. With `order` (article ids,
        the library's order), batches added in any order give the same index, term ids
        included, as adding them in that order. A builder builds once: each batch is let go
        as soon as its rows are placed, so the counts are never held twice."""
        width, batches = len(self._vocabulary), self._taken()
        if not batches:
            return PassageIndex()
        vocabulary = self._vocabulary
        # A batch counted early knows fewer terms: give every batch the final width first, so
        # batches can be stacked in any order.
        placed: list[_Batch] = [(_widen(c, width), p, None) for c, p in batches]
        relabel = None
        if order is not None and len(order):
            placed = _in_order(placed, np.asarray(order, dtype=np.int64))
            vocabulary, relabel = _first_seen(vocabulary, (_placed(c, r) for c, _, r in placed))
        positions = np.concatenate([p if r is None else p[r] for _, p, r in placed])
        release(*(p for _, p, _ in placed))
        if self._spill is None:
            return PassageIndex._make(vocabulary, positions, _column_major(placed, relabel, width))
        counts, main = _weighed_in_files(self._spill, placed, relabel, width)
        return PassageIndex._make(vocabulary, positions, counts, main)


def _starts(lengths: list[int]) -> np.ndarray:
    """Return where each of some consecutive stretches of these lengths starts."""
    ends = np.cumsum(lengths, dtype=np.int64)
    return ends - np.asarray(lengths, dtype=np.int64)


def _joined(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    """Return the arrays one after another, as `dtype` (empty when there are none)."""
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype)


def _weighed_in_files(
    spill: AppendedArrays, batches: list[_Batch], relabel: np.ndarray | None, width: int
) -> tuple[sparse.csc_matrix, tuple[sparse.csc_matrix, np.ndarray]]:
    """Stack the batches' counts, move them to files and weigh them into a file: the index
    then holds its three largest arrays (counts, their rows, weights: 450 MB at 100,000
    articles) mapped, not in memory, and the save links the files. The same arrays as
    `_column_major` and PassageIndex's weighing give."""
    counts = _column_major(batches, relabel, width)
    shape, indptr = counts.shape, counts.indptr
    data = spill.saved("passage_build_counts", counts.data)
    rows = spill.saved("passage_build_rows", counts.indices)
    del counts  # the counts in memory go: the files hold them
    mapped = sparse.csc_matrix((data, rows, indptr), shape=shape)
    idf = idf_of(np.diff(indptr), shape[0])
    weights = spill.created("passage_build_weights", np.float32, len(rows))
    return mapped, (weigh(mapped, idf, weights), idf)


# A batch's counts and positions, and the order to take its rows in (None: as they are).
_Batch = tuple[sparse.csr_matrix, np.ndarray, np.ndarray | None]


def _placed(counts: sparse.csr_matrix, rows: np.ndarray | None) -> sparse.csr_matrix:
    """Return a batch's counts with its rows in their place (a copy of the batch alone: the
    batches are reordered one at a time, never all held again in memory)."""
    if rows is None:
        return counts
    found = counts[rows]
    release(counts.data, counts.indices)  # read whole once, when mapped from spill files
    return found


def _column_major(
    batches: list[_Batch], relabel: np.ndarray | None, width: int
) -> sparse.csc_matrix:
    """Stack the batches' rows, in order, into one column-major matrix (terms renumbered by
    `relabel`), emptying `batches`: each batch is let go once placed. Stacking them row-major
    and converting held the counts three times over at the end of an import."""
    rows = sum(c.shape[0] for c, _, _ in batches)
    per_term = np.zeros(width, dtype=np.int64)
    for counts, _, _ in batches:  # how many counts each term has: the rows' order is no matter
        per_term += np.bincount(_terms(counts, relabel), minlength=width)
        release(counts.indices)
    indptr = np.zeros(width + 1, dtype=np.int64)
    np.cumsum(per_term, out=indptr[1:])
    total = int(indptr[-1])
    # scipy's choice for the stacked matrix: 32-bit indices while they fit.
    index_type = np.int32 if max(total, rows, width) < 2**31 else np.int64
    data = np.empty(total, dtype=np.float32)
    row_ids = np.empty(total, dtype=index_type)
    filled = indptr[:-1].copy()  # where each term's next count goes
    first_row = 0
    batches.reverse()
    while batches:
        counts, _, order = batches.pop()
        counts = _placed(counts, order)
        terms_ = _terms(counts, relabel)
        by_term, slots = place_chunk(terms_, filled)  # each term's counts, rows ascending
        data[slots] = counts.data[by_term]
        row_of = np.repeat(
            np.arange(first_row, first_row + counts.shape[0]), np.diff(counts.indptr)
        )
        row_ids[slots] = row_of[by_term]
        first_row += counts.shape[0]
        release(counts.data, counts.indices)
    return sparse.csc_matrix((data, row_ids, indptr.astype(index_type)), shape=(rows, width))


def _terms(counts: sparse.csr_matrix, relabel: np.ndarray | None) -> np.ndarray:
    return counts.indices if relabel is None else relabel[counts.indices]


def _in_order(batches: list[_Batch], order: np.ndarray) -> list[_Batch]:
    """Reorder passages by their article's place in `order` (stably), batch by batch when the
    batches do not interleave (an import adds articles in runs), else all at once. A batch is
    not copied here: each is given the order of its rows, to be taken in when it is placed."""
    by_id = np.argsort(order, kind="stable")

    def ranks(positions: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(order[by_id], positions[:, 0]), len(order) - 1)
        found = by_id[at]
        if not np.array_equal(order[found], positions[:, 0]):
            raise ValueError("a passage of an article the order leaves out")
        return found

    sorted_batches = []
    for counts, positions, _ in batches:
        rank = ranks(positions)
        rows = np.argsort(rank, kind="stable")
        sorted_batches.append((rank[rows], counts, positions, rows))
    sorted_batches.sort(key=lambda b: int(b[0][0]) if len(b[0]) else -1)
    last = -1
    for rank, _, _, _ in sorted_batches:
        if len(rank) and int(rank[0]) < last:  # interleaved: one sort over every passage
            counts = sparse.vstack([c[r] for _, c, _, r in sorted_batches], format="csr")
            positions = np.concatenate([p[r] for _, _, p, r in sorted_batches])
            return [(counts, positions, np.argsort(ranks(positions), kind="stable"))]
        last = int(rank[-1]) if len(rank) else last
    return [(c, p, r) for _, c, p, r in sorted_batches]


def _first_seen(
    vocabulary: dict[str, int], batches: Iterable[sparse.csr_matrix]
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
