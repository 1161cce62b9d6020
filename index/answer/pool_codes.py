"""The pool codes of strings, as a dictionary that gives a string not met yet the next code.

Indexing a batch looks up about 400 codes an article (words, names, kinds): a look-up that
finds its string, the most of them, is then the dictionary's own, in C, not a Python call.
"""

from __future__ import annotations


class PoolCodes(dict[str | None, int]):
    """String -> its index in `pool`; a new string is appended to the pool. None is -1."""

    def __init__(self, pool: list[str]) -> None:
        super().__init__((value, i) for i, value in enumerate(pool))
        self[None] = -1
        self.pool = pool

    def __missing__(self, value: str | None) -> int:
        found = self[value] = len(self.pool)
        self.pool.append(value)  # type: ignore[arg-type]  # None is never missing
        return found
