"""TF-IDF retrieval over passages: fit once per library version, answer in milliseconds.

Words are lower-cased and stemmed (Snowball), so "deportation" finds "deport". The matrix is
kept column-major: a question touches only the columns of its few terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from index.models import Passage, ScoredPassage

_WORD = re.compile(r"\w\w+")
_STEMMER = snowballstemmer.stemmer("english")
# Question words carry no topic; speech verbs appear in every quote paragraph.
_STOP = ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "did", "does", "according"}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def terms(text: str) -> list[str]:
    """Lower-case, drop stop words, stem: the tokens both passages and questions go through."""
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP]


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=terms, sublinear_tf=True, dtype=np.float32, min_df=1, norm="l2")


class PassageIndex:
    """A fitted TF-IDF matrix over passages, searchable by free text."""

    def __init__(self, passages: Sequence[Passage], texts: Sequence[str]) -> None:
        self.passages = tuple(passages)
        self._vectorizer: TfidfVectorizer | None = _vectorizer()
        try:
            matrix = self._vectorizer.fit_transform(texts)
        except ValueError:  # no passages, or not one term in them: nothing can match
            self._vectorizer = None
            matrix = sparse.csr_matrix((len(self.passages), 1), dtype=np.float32)
        self._matrix = sparse.csc_matrix(matrix)
        self._article_of = np.fromiter((p.article_id for p in passages), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.passages)

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of every passage to the query."""
        if self._vectorizer is None:
            return np.zeros(len(self.passages), dtype=np.float32)
        vector = self._vectorizer.transform([query])
        columns = vector.indices
        if not len(columns):
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self._matrix[:, columns] @ vector.data, dtype=np.float32).ravel()

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        article_ids: set[int] | None = None,
        min_score: float = 1e-9,
    ) -> list[ScoredPassage]:
        """Return the k passages most similar to the query, best first."""
        scores = self.scores(query)
        if article_ids is not None and len(scores):
            scores = np.where(np.isin(self._article_of, list(article_ids)), scores, 0.0)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [
            ScoredPassage(self.passages[i], float(scores[i])) for i in top if scores[i] >= min_score
        ]


def similarity(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Cosine similarity between two small lists of texts, fitted on both (for ad hoc ranking)."""
    vectorizer = _vectorizer()
    try:
        matrix = vectorizer.fit_transform([*left, *right])
    except ValueError:  # no term at all in any text
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return (matrix[: len(left)] @ matrix[len(left) :].T).toarray()
