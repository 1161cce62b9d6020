"""Term counts of passages as a sparse matrix over a vocabulary that only grows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from index.text.terms import terms


@dataclass(frozen=True, slots=True)
class TermRows:
    """Term counts of some passages as a CSR matrix over the vocabulary's ids."""

    counts: sparse.csr_matrix

    @classmethod
    def count(cls, texts: Iterable[str], vocabulary: dict[str, int]) -> TermRows:
        """Count each text's terms, giving words new to the vocabulary the next ids."""
        # The vocabulary only grows; ids already handed out never change.
        indptr, indices, data = [0], [], []
        for text in texts:
            for term, n in Counter(terms(text)).items():
                column = vocabulary.get(term)
                if column is None:
                    column = vocabulary[term] = len(vocabulary)
                indices.append(column)
                data.append(n)
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (
                np.asarray(data, dtype=np.float32),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64),
            ),
            shape=(len(indptr) - 1, len(vocabulary)),
        )
        return cls(matrix)
