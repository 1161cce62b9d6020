"""TF-IDF retrieval over passages: build once, add in milliseconds, answer in milliseconds.

Passages and questions are split by `terms` (index/text/terms.py: stemmed, stop words dropped).
Weights follow scikit-learn's `TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm="l2")`,
computed here from raw term counts so that an index can grow without a refit:

- the main segment is a column-major matrix (a question touches only its terms' columns);
- added passages are weighted with the main segment's IDF (new words get a rare word's IDF)
  and kept as a small delta searched beside it;
- removed articles are masked until `compacted()` recomputes IDF and norms from the counts,
  which is numpy work, not a re-tokenization.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from index.answer.article_rows import ArticleRows
from index.answer.mapped import is_mapped, release
from index.answer.passage_scores import add_columns, candidates
from index.answer.term_rows import TermRows as _Rows
from index.answer.weighting import idf_of as _idf
from index.answer.weighting import weigh as _weigh
from index.models import Passage, ScoredPassage
from index.text.terms import terms

_FORMAT = 2  # of the arrays `to_arrays` saves (2: counts as float32, mapped without a copy)
# Share of a mapped index file `nbytes` counts (the cache's budget). Its pages are clean file
# pages: resident once questions touch them (95% of 105 MB after 300 mixed questions at 10,000
# articles, benchmarks/bench_resident.py), but the kernel drops them under pressure without
# writing anything, and evicting the index would free little else. The budget is for memory
# the process owns. The pages of mapped index files are bounded for all guilds together by
# ARTICLEBOT_MAPPED_MB (mapped.py, IndexCache.trim), so an index counts none of them. (The
# passage matrices are scipy views of mapped files, not memmaps: counted whole, they made the
# 100,000-article index 819 MB (+72 MB resident when loaded), evicted by any other guild under
# the 400 MB default and mapped again, 4 s, at its next question.)
MAPPED_SHARE = 0.0


class PassageIndex:
    """A TF-IDF index over passages, searchable by free text; grows by small deltas."""

    def __init__(self, passages: Sequence[Passage] = (), texts: Sequence[str] = ()) -> None:
        vocabulary: dict[str, int] = {}
        counts = _Rows.count(texts, vocabulary).counts.tocsc()
        self._init(vocabulary, _positions(passages), counts)

    def _init(
        self,
        vocabulary: dict[str, int],
        positions: np.ndarray,
        counts: sparse.csc_matrix,
        main: tuple[sparse.csc_matrix, np.ndarray] | None = None,
        delta: sparse.csr_matrix | None = None,
        dead: np.ndarray | None = None,
    ) -> None:
        self._vocabulary = vocabulary
        # One row per passage: article id, paragraph index, start and end offsets; those of
        # passages added since (`updated`) apart, so that an added article copies only them.
        self._positions = positions
        self._added = np.zeros((0, 4), dtype=np.int64)
        self._articles: np.ndarray | None = None  # positions' first column, copied when asked
        self._by_article: ArticleRows | None = None  # the main rows' runs, found when asked
        self._counts = counts
        if main is None:
            idf = _idf(np.diff(counts.indptr), counts.shape[0])
            main = _weigh(counts, idf), idf
        self._main, self._idf = main
        self._delta_counts = delta
        self._delta = None if delta is None else _weigh(delta.tocsc(), self._idf)
        self._dead = dead  # True for passages of removed articles, until compaction
        self._lengths: np.ndarray | None = None  # terms per main passage, counted when asked
        self._mean_length: float | None = None

    @classmethod
    def _make(cls, *args: object) -> PassageIndex:
        index = cls.__new__(cls)
        index._init(*args)  # type: ignore[arg-type]
        return index

    def __len__(self) -> int:
        return len(self._positions) + len(self._added)

    @property
    def delta_size(self) -> int:
        """Passages added (or masked) since the last full weighting."""
        added = 0 if self._delta_counts is None else self._delta_counts.shape[0]
        removed = 0 if self._dead is None else int(self._dead.sum())
        return added + removed

    @property
    def nbytes(self) -> int:
        """Approximate memory held by the index's arrays and vocabulary (mapped files counted
        by what they are expected to keep resident: `resident_bytes`)."""
        return resident_bytes(*self.arrays()) + 90 * len(self._vocabulary)

    def arrays(self) -> tuple[np.ndarray, ...]:
        """Every array the index holds (some may be views of one another or mapped files)."""
        matrices = (self._counts, self._main, self._delta_counts, self._delta)
        held = (a for m in matrices if m is not None for a in (m.data, m.indices, m.indptr))
        return (self._positions, self._added, self._idf, *held)

    def article_ids(self) -> set[int]:
        """Return the ids of the articles with passages in this index."""
        return {int(i) for i in np.unique(self._article_of())}

    def _article_of(self) -> np.ndarray:
        main = self._main_articles()
        return np.concatenate([main, self._added[:, 0]]) if len(self._added) else main

    def _main_articles(self) -> np.ndarray:
        # Copied once (and shared by the versions `updated` derives): a mapped column spans
        # every page.
        if self._articles is None:
            self._articles = np.ascontiguousarray(self._positions[:, 0])
            release(self._positions)
        return self._articles

    # --- changing ----------------------------------------------------------------------------

    def updated(
        self, passages: Sequence[Passage], texts: Sequence[str], removed: Iterable[int] = ()
    ) -> PassageIndex:
        """Derive an index with passages added and removed articles masked; this one stays."""
        # The vocabulary is shared and only appended to: this index ignores ids past its IDF.
        rows = _Rows.count(texts, self._vocabulary).counts
        width = len(self._vocabulary)
        idf = self._idf
        if width > len(idf):  # words never seen: weighed as if found in one passage
            rare = _idf(np.ones(width - len(idf)), self._counts.shape[0])
            idf = np.concatenate([idf, rare])
        delta = _widen(rows, width)
        if self._delta_counts is not None:
            delta = sparse.csr_matrix(sparse.vstack([_widen(self._delta_counts, width), delta]))
        added = np.concatenate([self._added, _positions(passages)])
        dead = np.zeros(len(self) + len(passages), dtype=bool)
        if self._dead is not None:
            dead[: len(self._dead)] = self._dead
        grown = self._make(
            self._vocabulary, self._positions, self._counts, (self._main, idf),
            delta if delta.shape[0] else None, None,
        )  # fmt: skip
        grown._added = added
        # The same fully weighted passages in the same rows: what is found of them is shared.
        grown._lengths, grown._articles = self._lengths, self._articles
        grown._by_article = self._by_article
        gone = set(removed)
        if gone:
            dead[grown._rows_of_articles(gone)] = True
        grown._dead = dead if dead.any() else None
        return grown

    def compacted(self) -> PassageIndex:
        """Fold the delta in, drop removed passages, recompute IDF and norms (no re-tokenizing)."""
        width = len(self._vocabulary)
        counts = _widen(self._counts.tocsr(), width)
        if self._delta_counts is not None:
            counts = sparse.csr_matrix(sparse.vstack([counts, _widen(self._delta_counts, width)]))
        positions = np.concatenate([self._positions, self._added]) if len(self._added) else self._positions
        if self._dead is not None:
            keep = ~self._dead
            counts, positions = counts[keep], positions[keep]
        # A copy: later adds to this index must not leak ids into the one it came from.
        return self._make(dict(self._vocabulary), positions, counts.tocsc())

    # --- searching ---------------------------------------------------------------------------

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of every passage to the query."""
        return self._scored(query)[0]

    def _scored(self, query: str) -> tuple[np.ndarray, list[np.ndarray]]:
        """Every passage's cosine to the query, and the rows each of its columns lists."""
        scores = np.zeros(len(self), dtype=np.float32)
        columns, weights = self._vector(query)
        if not len(columns):
            return scores, []
        rows = self._main.shape[0]
        touched = add_columns(scores, self._main, columns.tolist(), weights)
        if self._delta is not None:
            added = add_columns(scores[rows:], self._delta, columns.tolist(), weights)
            touched += [delta_rows + rows for delta_rows in added]
        if self._dead is not None:
            scores[self._dead] = 0.0
        return scores, touched

    def document_frequency(self, stem: str) -> int:
        """How many passages hold a term (a stem, as `terms` gives it), removed ones included:
        the length of its column (which lists a passage once), not a mask over every passage."""
        column = self._vocabulary.get(stem)
        if column is None or column >= len(self._idf):  # a word only later versions hold
            return 0
        held = 0
        for matrix in (self._main, self._delta):
            if matrix is not None and column < matrix.shape[1]:
                held += int(matrix.indptr[column + 1]) - int(matrix.indptr[column])
        return held

    def term_counts(self, rows: Sequence[int], stems: Sequence[str]) -> np.ndarray:
        """How often each stem (as `terms` gives it) occurs in each of some passages."""
        found = np.zeros((len(rows), len(stems)), dtype=np.float32)
        wanted = np.asarray(rows, dtype=np.int64)
        where = {row: i for i, row in enumerate(rows)}
        asked = np.unique(wanted)
        places = np.array([where[int(row)] for row in asked], dtype=np.int64)
        counts, main_rows = self._counts, self._counts.shape[0]
        columns = [self._vocabulary.get(stem, -1) for stem in stems]
        for j, column in enumerate(columns):
            if 0 <= column < min(counts.shape[1], len(self._idf)):
                start, end = int(counts.indptr[column]), int(counts.indptr[column + 1])
                if end == start:
                    continue
                # A column lists its passages by row, ascending (both builders): a binary search
                # per passage asked for, where a common word's column holds 100,000 rows.
                holders = counts.indices[start:end]
                at = np.minimum(np.searchsorted(holders, asked), end - start - 1)
                held = holders[at] == asked
                found[places[held], j] = counts.data[start + at[held]]
        added = wanted >= main_rows
        if self._delta_counts is not None and added.any():
            delta = self._delta_counts[wanted[added] - main_rows]
            for j, column in enumerate(columns):
                if 0 <= column < min(delta.shape[1], len(self._idf)):
                    found[added, j] = delta[:, column].toarray().ravel()
        return found

    def lengths(self, rows: Sequence[int]) -> np.ndarray:
        """How many terms each of some passages holds."""
        main = self._main_lengths()
        wanted = np.asarray(rows, dtype=np.int64)
        added = wanted >= len(main)
        found = np.zeros(len(wanted), dtype=np.float32)
        found[~added] = main[wanted[~added]]
        if self._delta_counts is not None and added.any():
            delta = self._delta_counts[wanted[added] - len(main)]
            found[added] = np.asarray(delta.sum(axis=1)).ravel()
        return found

    @property
    def mean_length(self) -> float:
        """The average passage length in terms."""
        if self._mean_length is None:
            total, rows = float(self._main_lengths().sum()), self._counts.shape[0]
            if self._delta_counts is not None:
                total += float(self._delta_counts.sum())
                rows += self._delta_counts.shape[0]
            self._mean_length = total / rows if rows else 1.0
        return self._mean_length

    def _main_lengths(self) -> np.ndarray:
        # Counted once per fully weighted matrix, which versions made by `updated` share.
        if self._lengths is None or len(self._lengths) != self._counts.shape[0]:
            self._lengths = np.asarray(self._counts.sum(axis=1), dtype=np.float32).ravel()
            release(self._counts.data, self._counts.indices)  # read whole once: 290 MB at 100k
        return self._lengths

    def _vector(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        known = len(self._idf)
        counts: Counter[int] = Counter()
        for term in terms(query):
            column = self._vocabulary.get(term)
            if column is not None and column < known:
                counts[column] += 1
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        weights = (1.0 + np.log(tf)) * self._idf[columns]
        return columns, (weights / np.linalg.norm(weights)).astype(np.float32)

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        article_ids: set[int] | None = None,
        min_score: float = 1e-9,
    ) -> list[ScoredPassage]:
        """Return the k passages most similar to the query, best first."""
        found = self.top(query, k=k, article_ids=article_ids, min_score=min_score)
        return [ScoredPassage(self.passage(row), score) for row, score in found]

    def top(
        self,
        query: str,
        *,
        k: int = 5,
        article_ids: set[int] | None = None,
        min_score: float = 1e-9,
    ) -> list[tuple[int, float]]:
        """Return the rows of the k passages most similar to the query with their scores."""
        if k <= 0:
            return []
        scores, touched = self._scored(query)
        # Only passages that score enough compete (tens of thousands of 1.5 million), rows
        # ascending; equal scores (a story's paragraphs copied into others) go by row, the
        # earlier first.
        if article_ids is not None:
            held = self._rows_of_articles(article_ids)
            rows = held[scores[held] >= min_score]
        elif min_score > 0:  # a passage no column of the question lists scores 0
            rows = candidates(scores, touched, k, min_score)
        else:
            rows = np.flatnonzero(scores >= min_score)
        if not len(rows):
            return []
        values, chosen = scores[rows], np.arange(len(rows))
        if len(rows) > k:
            kth = np.partition(values, len(values) - k)[len(values) - k]
            above = np.flatnonzero(values > kth)
            chosen = np.concatenate([above, np.flatnonzero(values == kth)[: k - len(above)]])
        chosen = chosen[np.lexsort((chosen, -values[chosen]))]
        return [(int(rows[i]), float(values[i])) for i in chosen]

    def rows_of(self, article_ids: set[int]) -> np.ndarray:
        """Return the rows of every live passage of some articles, in order."""
        held = self._rows_of_articles(article_ids)
        return held if self._dead is None else held[~self._dead[held]]

    def _rows_of_articles(self, article_ids: Iterable[int]) -> np.ndarray:
        """Rows of some articles' passages, ascending, removed ones too: the main rows by their
        runs (article_rows.py, found once for every version `updated` derives), the few added
        since by a mask over them alone."""
        main_rows = self._counts.shape[0]
        if self._by_article is None:
            self._by_article = ArticleRows(self._main_articles())
        wanted = list(article_ids)
        added = np.flatnonzero(np.isin(self._added[:, 0], wanted)) + main_rows
        return np.concatenate([self._by_article.rows(wanted), added])

    def passage(self, row: int) -> Passage:
        """Return the passage at a row `top` returned."""
        main = len(self._positions)
        found = self._positions[row] if row < main else self._added[row - main]
        return Passage(*(int(v) for v in found))

    # --- persisting --------------------------------------------------------------------------

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Return the compacted index as named numpy arrays (each saved and mapped by name)."""
        index = self if self.delta_size == 0 else self.compacted()
        by_id = sorted(index._vocabulary, key=index._vocabulary.__getitem__)
        counts = index._counts
        return {
            "format": np.array([_FORMAT]),
            "vocabulary": np.frombuffer("\n".join(by_id).encode("utf-8"), dtype=np.uint8),
            "positions": index._positions,
            "indptr": counts.indptr,
            "indices": counts.indices,
            "counts": counts.data.astype(np.float32, copy=False),
            "weights": index._main.data,
            "idf": index._idf,
            "shape": np.array(counts.shape),
        }

    @classmethod
    def from_arrays(cls, saved: Mapping[str, np.ndarray]) -> PassageIndex:
        """Load an index from `to_arrays` (arrays may be memory-mapped: none is copied whole);
        raise ValueError if it is of another format or its arrays do not fit together."""
        if int(saved["format"][0]) != _FORMAT:
            raise ValueError("index snapshot of another format")
        words = bytes(saved["vocabulary"]).decode("utf-8")
        vocabulary = {word: i for i, word in enumerate(words.split("\n"))} if words else {}
        rows, width = (int(n) for n in saved["shape"])
        indices, indptr, positions = saved["indices"], saved["indptr"], saved["positions"]
        fits = (
            len(indptr) == width + 1
            and int(indptr[-1]) == len(indices)
            and len(saved["counts"]) == len(indices) == len(saved["weights"])
            and positions.shape == (rows, 4)
            and len(saved["idf"]) == width <= len(vocabulary)
            and bool(np.all(np.diff(indptr) >= 0))
        )  # row ids are not scanned: that would read the whole file at start-up
        if not fits:
            raise ValueError("index arrays do not fit together")
        counts = sparse.csc_matrix((saved["counts"], indices, indptr), shape=(rows, width))
        main = sparse.csc_matrix((saved["weights"], indices, indptr), shape=(rows, width))
        return cls._make(vocabulary, positions, counts, (main, saved["idf"]))


def resident_bytes(*arrays: np.ndarray) -> int:
    """Bytes some arrays keep in memory: all of an array in memory, MAPPED_SHARE of a mapped
    file's (its pages are read as questions touch them, and dropped first under pressure)."""
    return sum(int(a.nbytes * MAPPED_SHARE) if is_mapped(a) else a.nbytes for a in arrays)


def _widen(matrix: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    """Return the same rows over a vocabulary that has grown to `width` terms."""
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), (matrix.shape[0], width))


def _positions(passages: Sequence[Passage]) -> np.ndarray:
    positions = np.array(
        [(p.article_id, p.paragraph, p.start, p.end) for p in passages], dtype=np.int64
    )
    return positions.reshape(len(passages), 4)
