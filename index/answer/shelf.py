"""A guild's articles by id for answering: infos in memory, texts and analyses read from the
store when an answer cites them (a few at a time, the recent ones kept)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping

from index.models import Article, ArticleInfo


class ArticleShelf(Mapping[int, Article]):
    """A guild's articles by id: infos in memory, text and analysis read when asked for."""

    def __init__(
        self,
        infos: Mapping[int, ArticleInfo],
        read: Callable[[int], Article | None],
        *,
        keep: int = 64,
        recent: OrderedDict[int, Article] | None = None,
        lock: threading.Lock | None = None,
    ) -> None:
        self._infos = infos
        self._read = read
        self._keep = keep
        # Articles never change once stored, so shelves of one guild share what they read.
        self._recent: OrderedDict[int, Article] = recent if recent is not None else OrderedDict()
        self._lock = lock or threading.Lock()

    def __getitem__(self, article_id: int) -> Article:
        if article_id not in self._infos:
            raise KeyError(article_id)
        with self._lock:
            article = self._recent.get(article_id)
            if article is not None:
                self._recent.move_to_end(article_id)
                return article
        article = self._read(article_id)
        if article is None:  # removed since this index was made
            raise KeyError(article_id)
        with self._lock:
            self._recent[article_id] = article
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        return article

    def __iter__(self) -> Iterator[int]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def over(self, infos: Mapping[int, ArticleInfo]) -> ArticleShelf:
        """Return the same shelf for another set of articles (after a change)."""
        return ArticleShelf(
            infos, self._read, keep=self._keep, recent=self._recent, lock=self._lock
        )
