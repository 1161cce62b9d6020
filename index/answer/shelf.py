"""A guild's articles by id for answering: infos in memory, texts and analyses read from the
store when an answer cites them (a few at a time, the recent ones kept).

An answer knows which articles it will read (the passages it ranks, the few it shows): it
asks for them first, all at once (`prefetch`, `prefetch_texts`), where one read after another
cost a round trip each on PostgreSQL (an open answer read ~19 texts and 3 articles).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TypeVar

from index.models import Article, ArticleInfo

V = TypeVar("V")
TEXTS_KEPT = 256  # texts alone (a few kB each) of the articles ranked lately


class ArticleShelf(Mapping[int, Article]):
    """A guild's articles by id: infos in memory, text and analysis read when asked for."""

    def __init__(
        self,
        infos: Mapping[int, ArticleInfo],
        read: Callable[[int], Article | None],
        *,
        keep: int = 64,
        read_text: Callable[[int], str | None] | None = None,
        read_many: Callable[[Sequence[int]], Mapping[int, Article]] | None = None,
        read_texts: Callable[[Sequence[int]], Mapping[int, str]] | None = None,
        recent: OrderedDict[int, Article] | None = None,
        texts: OrderedDict[int, str] | None = None,
        lock: threading.Lock | None = None,
    ) -> None:
        self._infos = infos
        self._read = read
        self._read_text = read_text
        self._read_many = read_many
        self._read_texts = read_texts
        self._keep = keep
        # Articles never change once stored, so shelves of one guild share what they read.
        self._recent: OrderedDict[int, Article] = recent if recent is not None else OrderedDict()
        self._texts: OrderedDict[int, str] = texts if texts is not None else OrderedDict()
        self._lock = lock or threading.Lock()

    def __getitem__(self, article_id: int) -> Article:
        if article_id not in self._infos:
            raise KeyError(article_id)
        return self._read_through(self._recent, article_id, self._read, self._keep)

    def text(self, article_id: int) -> str:
        """Return an article's text alone: ranking reads a score of candidates' texts per
        question, and a whole article (passages, quotes, speakers as objects) costs milliseconds."""
        if article_id not in self._infos:
            raise KeyError(article_id)
        if self._read_text is None:
            return self[article_id].text
        with self._lock:
            article = self._recent.get(article_id)
        if article is not None:
            return article.text
        return self._read_through(self._texts, article_id, self._read_text, TEXTS_KEPT)

    def prefetch(self, article_ids: Collection[int]) -> None:
        """Read, in one go, the articles of these not kept yet, and keep them (those removed
        meanwhile are skipped: asked for afterwards, they raise KeyError as ever)."""
        if self._read_many is None:
            return
        with self._lock:
            missing = [i for i in dict.fromkeys(article_ids) if i in self._infos]
            missing = [i for i in missing if i not in self._recent]
        self._keep_all(self._recent, self._read_many(missing) if missing else {}, self._keep)

    def prefetch_texts(self, article_ids: Collection[int]) -> None:
        """Read, in one go, the texts of these articles not kept yet (whole or alone)."""
        if self._read_texts is None or self._read_text is None:
            return
        with self._lock:
            missing = [i for i in dict.fromkeys(article_ids) if i in self._infos]
            missing = [i for i in missing if i not in self._recent and i not in self._texts]
        self._keep_all(self._texts, self._read_texts(missing) if missing else {}, TEXTS_KEPT)

    def _keep_all(self, kept: OrderedDict[int, V], found: Mapping[int, V], limit: int) -> None:
        with self._lock:
            for article_id, value in found.items():
                kept[article_id] = value
                kept.move_to_end(article_id)
            while len(kept) > limit:
                kept.popitem(last=False)

    def _read_through(
        self, kept: OrderedDict[int, V], article_id: int, read: Callable[[int], V | None], limit: int
    ) -> V:
        """Return what `kept` holds of an article, else read and keep it (the least recently
        read forgotten past `limit`); KeyError for an article removed since the index was made."""
        with self._lock:
            found = kept.get(article_id)
            if found is not None:
                kept.move_to_end(article_id)
                return found
        found = read(article_id)
        if found is None:
            raise KeyError(article_id)
        with self._lock:
            kept[article_id] = found
            while len(kept) > limit:
                kept.popitem(last=False)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def over(self, infos: Mapping[int, ArticleInfo]) -> ArticleShelf:
        """Return the same shelf for another set of articles (after a change)."""
        return ArticleShelf(
            infos,
            self._read,
            keep=self._keep,
            read_text=self._read_text,
            read_many=self._read_many,
            read_texts=self._read_texts,
            recent=self._recent,
            texts=self._texts,
            lock=self._lock,
        )
